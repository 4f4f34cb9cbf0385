/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * export_csv.c - the monthly figures as CSV, for spreadsheets.
 *
 * The format (RFC 4180, with the choices it leaves open made for LibreOffice
 * Calc and Excel):
 *  - UTF-8, starting with a byte-order mark (EF BB BF): Excel reads a CSV
 *    file without one in the machine's legacy code page (é becomes Ã©);
 *    LibreOffice and Python's "utf-8-sig" codec skip it.
 *  - Comma separator, lines ended by CRLF, one header line.
 *  - A field is quoted when it holds a comma, a double quote, CR or LF, and
 *    also a semicolon: RFC 4180 does not require it, but a spreadsheet set
 *    up for French CSV splits on semicolons, and the quotes keep the cell
 *    whole there too.  Quotes inside are doubled.
 *  - Text that starts with = + - @ TAB or CR is prefixed with a single quote
 *    (') so that no spreadsheet runs it as a formula (CSV injection, see
 *    OWASP); a label can come from a site's own reference list.  The value
 *    column is written as the number it is (dot decimal, e.g. -5 or 42.50),
 *    unless it does not look like one, in which case it is text like the rest.
 *  - SQL NULL and the empty string are both an empty, unquoted cell.
 *
 * Columns:
 *   month            the month exported, YYYY-MM
 *   site             the site's code, or empty for the whole network
 *   metric           the figure's stable code (e.g. tickets_by_theme)
 *   metric_label     its label in the handle's language (atelier_lang())
 *   dimension        the breakdown's code (a term, a day YYYY-MM-DD, an
 *                    hour 00..23), or empty for a total
 *   dimension_label  its label in the handle's language, or empty
 *   value            the number, or empty when there is none (e.g. the
 *                    median time of a month without tickets) or when it is
 *                    hidden
 *   suppressed       empty when the value is shown; "below_threshold" for
 *                    a small count of people hidden (see atelier.h), or
 *                    "secondary" for a larger one hidden with it so that
 *                    no total gives it back
 *
 * The rows are streamed from atelier_monthly_report() one at a time: the
 * month is never held in memory.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "export_internal.h"
#include "internal.h"

static const char CSV_BOM[] = "\xEF\xBB\xBF";
static const char *const CSV_HEADER[] = {
	"month",           "site",  "metric",     "metric_label", "dimension",
	"dimension_label", "value", "suppressed",
};
#define CSV_COLUMNS (sizeof(CSV_HEADER) / sizeof(CSV_HEADER[0]))

/* A spreadsheet takes a cell starting with one of these as a formula. */
static bool starts_like_formula(const char *s)
{
	return s[0] != '\0' && strchr("=+-@\t\r", s[0]) != NULL;
}

int csv_write_field(FILE *out, const char *s, bool is_number)
{
	const char *p;
	bool quote;

	if (s == NULL || s[0] == '\0')
		return 0;
	if (is_number && report_number_split(s, NULL, NULL))
		return fputs(s, out) < 0 ? -1 : 0;
	quote = strpbrk(s, ",;\"\r\n") != NULL;
	if (quote && putc('"', out) == EOF)
		return -1;
	if (starts_like_formula(s) && putc('\'', out) == EOF)
		return -1;
	for (p = s; *p != '\0'; p++) {
		if (*p == '"' && putc('"', out) == EOF)
			return -1;
		if (putc(*p, out) == EOF)
			return -1;
	}
	if (quote && putc('"', out) == EOF)
		return -1;
	return 0;
}

int csv_write_record(FILE *out, const char *const *fields, const bool *is_number, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (i > 0 && putc(',', out) == EOF)
			return -1;
		if (csv_write_field(out, fields[i], is_number != NULL && is_number[i]) != 0)
			return -1;
	}
	return fputs("\r\n", out) < 0 ? -1 : 0;
}

/* One figure of the report as a CSV line, labels in the handle's language. */
static int write_figure(FILE *out, const atelier_rows *rows, bool fr, const char *month,
			const char *site)
{
	static const bool numeric[CSV_COLUMNS] = { [6] = true };
	const char *f[CSV_COLUMNS];

	f[0] = month;
	f[1] = site;
	f[2] = atelier_rows_get(rows, "metric");
	f[3] = atelier_rows_get(rows, fr ? "metric_label_fr" : "metric_label_en");
	f[4] = atelier_rows_get(rows, "dimension");
	f[5] = atelier_rows_get(rows, fr ? "dimension_label_fr" : "dimension_label_en");
	f[6] = atelier_rows_get(rows, "value");
	f[7] = atelier_rows_get(rows, "suppressed");
	return csv_write_record(out, f, numeric, CSV_COLUMNS);
}

/* errno as stdio left it; a stream can fail without setting it. */
static void write_error(atelier_error *err, int saved_errno)
{
	error_set(err, ATELIER_E_INTERNAL, _("Could not write the export: %s"),
		  saved_errno != 0 ? strerror(saved_errno) : _("output error"));
	error_hint(err, "%s",
		   _("Check that the disk is not full and that you may "
		     "write there, then export again."));
}

int atelier_export_csv(atelier *h, const char *month, const char *site, int min_count, FILE *out,
		       atelier_error *err)
{
	atelier_rows *rows = NULL;
	bool fr = strcmp(atelier_lang(h), "fr") == 0;
	int more;
	int rc = -1;

	atelier_error_clear(err);
	if (out == NULL) {
		error_set(err, ATELIER_E_USAGE, "%s", _("No output file was given."));
		return -1;
	}
	rows = atelier_monthly_report(h, month, site, min_count, err);
	if (rows == NULL)
		goto done;
	/* The first row (or the refusal: unknown site, no right) comes before
	 * anything is written, so a refused export leaves the output empty. */
	more = atelier_rows_next(rows, err);
	if (more < 0)
		goto done;
	errno = 0;
	if (fputs(CSV_BOM, out) < 0 || csv_write_record(out, CSV_HEADER, NULL, CSV_COLUMNS) != 0) {
		write_error(err, errno);
		goto done;
	}
	while (more == 1) {
		errno = 0; /* libpq may have left one behind */
		if (write_figure(out, rows, fr, month, site) != 0) {
			write_error(err, errno);
			goto done;
		}
		more = atelier_rows_next(rows, err);
	}
	if (more < 0)
		goto done;
	/* A full disk often shows only when the buffer goes out. */
	errno = 0;
	if (fflush(out) != 0 || ferror(out)) {
		write_error(err, errno);
		goto done;
	}
	rc = 0;
done:
	atelier_rows_free(rows);
	return rc;
}
