/*
 * ops_report.c - the monthly figures, streamed row by row.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"

/* $1 the month's first day, $2 the site's code or NULL, $3 the threshold. */
static const char *const SQL_REPORT =
	"SELECT metric, metric_label_fr, metric_label_en, dimension,"
	"       dimension_label_fr, dimension_label_en, value, suppressed"
	"  FROM atelier.monthly_report($1::date, $2, $3::integer)";

/* "YYYY-MM" with a real month; anything else is refused before the database. */
static bool month_is_valid(const char *m)
{
	int i;

	if (m == NULL || strlen(m) != 7 || m[4] != '-')
		return false;
	for (i = 0; i < 7; i++)
		if (i != 4 && !isdigit((unsigned char)m[i]))
			return false;
	return (m[5] == '0' && m[6] >= '1') || (m[5] == '1' && m[6] <= '2');
}

atelier_rows *atelier_monthly_report(atelier *h, const char *month,
				     const char *site, int min_count,
				     atelier_error *err)
{
	char first_day[16];
	numbuf threshold;
	const char *p[3];

	atelier_error_clear(err);
	if (!month_is_valid(month)) {
		error_set(err, ATELIER_E_USAGE, _("\"%s\" is not a month."),
			  month != NULL ? month : "");
		error_hint(err, "%s", _("Write the month as YYYY-MM, for example 2026-11."));
		return NULL;
	}
	snprintf(first_day, sizeof(first_day), "%s-01", month);
	p[0] = first_day;
	p[1] = site;
	p[2] = param_ll(threshold, min_count > 0 ? min_count : ATELIER_MIN_COUNT_DEFAULT);
	return exec_stream(h, SQL_REPORT, 3, p, err);
}
