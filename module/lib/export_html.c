/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * export_html.c - the monthly figures as one HTML page for people
 * (atelier_export_html()).
 *
 * The rows come from atelier_monthly_report() like the CSV and XML exports'
 * (small counts of people hidden the same way, so all three show the same
 * numbers), but they are held in memory before the page is written: the
 * page starts with the month at a glance and groups figures by activity,
 * not in the report's order.  That is some 150 rows for a month, bounded by
 * the reference lists (one row per figure, per term, per day, per hour),
 * not by the activity of the month.  The page itself is in html_page.c.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "html_internal.h"

struct row_buffer {
	struct report_row *rows;
	size_t n, cap;
};

/* strdup that keeps NULL (SQL NULL) as NULL; *failed set when out of memory. */
static char *copy(const char *s, bool *failed)
{
	char *c;

	if (s == NULL)
		return NULL;
	c = strdup(s);
	if (c == NULL)
		*failed = true;
	return c;
}

static void free_rows(struct row_buffer *b)
{
	size_t i;

	for (i = 0; i < b->n; i++) {
		free(b->rows[i].metric);
		free(b->rows[i].metric_label);
		free(b->rows[i].dimension);
		free(b->rows[i].dimension_label);
		free(b->rows[i].value);
		free(b->rows[i].suppressed);
	}
	free(b->rows);
}

/* The current row, labels in the page's language; -1 when out of memory. */
static int keep_row(struct row_buffer *b, const atelier_rows *rows, bool fr)
{
	struct report_row *r;
	bool failed = false;

	if (b->n == b->cap) {
		size_t cap = b->cap > 0 ? 2 * b->cap : 256;
		struct report_row *grown = realloc(b->rows, cap * sizeof(*grown));

		if (grown == NULL)
			return -1;
		b->rows = grown;
		b->cap = cap;
	}
	r = &b->rows[b->n++];
	memset(r, 0, sizeof(*r));
	r->metric = copy(atelier_rows_get(rows, "metric"), &failed);
	r->metric_label =
		copy(atelier_rows_get(rows, fr ? "metric_label_fr" : "metric_label_en"), &failed);
	r->dimension = copy(atelier_rows_get(rows, "dimension"), &failed);
	r->dimension_label = copy(
		atelier_rows_get(rows, fr ? "dimension_label_fr" : "dimension_label_en"), &failed);
	r->value = copy(atelier_rows_get(rows, "value"), &failed);
	r->suppressed = copy(atelier_rows_get(rows, "suppressed"), &failed);
	if (r->metric == NULL)
		failed = true; /* the report always names its metric */
	return failed ? -1 : 0;
}

/* Every row of the month's report; -1 with err filled. */
static int read_report(atelier *h, const char *month, const char *site, int min_count,
		       struct row_buffer *b, atelier_error *err)
{
	bool fr = strcmp(atelier_lang(h), "fr") == 0;
	atelier_rows *rows = atelier_monthly_report(h, month, site, min_count, err);
	int more = rows != NULL ? atelier_rows_next(rows, err) : -1;

	while (more == 1) {
		if (keep_row(b, rows, fr) != 0) {
			error_set(err, ATELIER_E_INTERNAL, "%s",
				  _("There is not enough memory to write the report."));
			more = -1;
			break;
		}
		more = atelier_rows_next(rows, err);
	}
	atelier_rows_free(rows);
	return more < 0 ? -1 : 0;
}

/* The site's name and city for the title (the report has checked that it
 * exists); left NULL when the list does not have it. */
static int site_names(atelier *h, const char *site, char **name, char **city, atelier_error *err)
{
	atelier_rows *rows = atelier_site_list(h, err);
	bool failed = false;
	int more;

	if (rows == NULL)
		return -1;
	while ((more = atelier_rows_next(rows, err)) == 1) {
		const char *code = atelier_rows_get(rows, "code");

		if (code != NULL && strcmp(code, site) == 0) {
			*name = copy(atelier_rows_get(rows, "name"), &failed);
			*city = copy(atelier_rows_get(rows, "city"), &failed);
			break;
		}
	}
	atelier_rows_free(rows);
	if (failed)
		error_set(err, ATELIER_E_INTERNAL, "%s",
			  _("There is not enough memory to write the report."));
	return more < 0 || failed ? -1 : 0;
}

static void write_error(atelier_error *err, int saved_errno)
{
	error_set(err, ATELIER_E_INTERNAL, _("Could not write the export: %s"),
		  saved_errno != 0 ? strerror(saved_errno) : _("output error"));
	error_hint(err, "%s",
		   _("Check that the disk is not full and that you may "
		     "write there, then export again."));
}

int atelier_export_html(atelier *h, const char *month, const char *site, int min_count, FILE *out,
			atelier_error *err)
{
	struct row_buffer b = { NULL, 0, 0 };
	char *name = NULL, *city = NULL;
	struct report_data r;
	struct hw w;
	int rc = -1;

	atelier_error_clear(err);
	if (out == NULL) {
		error_set(err, ATELIER_E_USAGE, "%s", _("No output file was given."));
		return -1;
	}
	/* The page names the threshold: the network's unless one is given. */
	if (min_count <= 0 && (min_count = report_network_min_count(h, err)) < 0)
		return -1;
	/* The report first: it refuses a bad month, an unknown site or a
	 * missing right before anything is written. */
	if (read_report(h, month, site, min_count, &b, err) != 0 ||
	    (site != NULL && site_names(h, site, &name, &city, err) != 0))
		goto done;
	r = (struct report_data){
		.month = month,
		.site = site,
		.site_name = name,
		.site_city = city,
		.min_count = min_count,
		.t = html_texts_for(atelier_lang(h)),
		.rows = b.rows,
		.n = b.n,
	};
	hw_init(&w, out);
	html_page(&w, &r);
	errno = 0;
	if (!w.ok || fflush(out) != 0 || ferror(out)) {
		write_error(err, !w.ok ? w.saved_errno : errno);
		goto done;
	}
	rc = 0;
done:
	free_rows(&b);
	free(name);
	free(city);
	return rc;
}
