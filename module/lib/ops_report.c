/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * ops_report.c - the monthly figures, streamed row by row.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* $1 the month's first day, $2 the site's code or NULL, $3 the threshold or
 * NULL for the network's (the database refuses one below the network's). */
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

atelier_rows *atelier_monthly_report(atelier *h, const char *month, const char *site, int min_count,
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
	p[2] = min_count > 0 ? param_ll(threshold, min_count) : NULL;
	return exec_stream(h, SQL_REPORT, 3, p, err);
}

int report_network_min_count(atelier *h, atelier_error *err)
{
	char text[24];
	char *end;
	long v;

	atelier_error_clear(err);
	if (exec_scalar(h, "SELECT atelier.report_min_count()", 0, NULL, text, sizeof(text), err) !=
	    0)
		return -1;
	errno = 0;
	v = strtol(text, &end, 10);
	if (errno != 0 || end == text || *end != '\0' || v < 1 || v > 1000000) {
		error_set(err, ATELIER_E_INTERNAL, "%s", _("The database returned no result."));
		return -1;
	}
	return (int)v;
}
