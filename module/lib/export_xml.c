/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * export_xml.c - the monthly figures as XML (element monthly-report of the
 * exchange schema), streamed: rows come one at a time from the database
 * (libpq single-row mode) and go out one at a time through xmlTextWriter,
 * so memory stays flat however big the month.
 *
 *   <monthly-report xmlns="urn:atelier:exchange:1" month="2026-11" site="BIB1" min-count="11">
 *     <figure metric="tickets_by_theme" metric-label-fr="..." metric-label-en="..."
 *             dimension="email" dimension-label-fr="E-mail" dimension-label-en="E-mail"
 *             value="12"/>
 *     <figure metric="people_by_age" ... dimension="70_plus" ... suppressed="below_threshold"/>
 *   </monthly-report>
 */
#include <string.h>

#include "export_internal.h"
#include "xml_internal.h"

/* The row source of atelier_monthly_report(): columns metric,
 * metric_label_fr, metric_label_en, dimension, dimension_label_fr,
 * dimension_label_en, value, suppressed. */
int report_source_rows(void *ctx, const char *col[REPORT_COLUMNS], atelier_error *err)
{
	atelier_rows *rows = ctx;
	int rc = atelier_rows_next(rows, err), i;

	if (rc != 1)
		return rc;
	for (i = 0; i < REPORT_COLUMNS; i++)
		col[i] = atelier_rows_value(rows, i);
	return 1;
}

/* The reasons a figure is hidden that the schema knows. */
static bool is_reason(const char *s)
{
	return s != NULL && (strcmp(s, "below_threshold") == 0 || strcmp(s, "secondary") == 0);
}

static void write_figure(struct xw *x, const char *const col[REPORT_COLUMNS])
{
	xw_start(x, "figure");
	xw_attr(x, "metric", col[0]);
	xw_attr(x, "metric-label-fr", col[1] != NULL ? col[1] : col[0]);
	xw_attr(x, "metric-label-en", col[2] != NULL ? col[2] : col[0]);
	xw_attr(x, "dimension", col[3]);
	xw_attr(x, "dimension-label-fr", col[4]);
	xw_attr(x, "dimension-label-en", col[5]);
	if (report_number_split(col[6], NULL, NULL)) /* NaN: left out, not made up */
		xw_attr(x, "value", col[6]);
	if (is_reason(col[7]))
		xw_attr(x, "suppressed", col[7]);
	xw_end(x);
}

/* Writes the element for the rows that follow the first (already read into
 * col, rc 1) or none (rc 0).  -1 with err filled when reading or writing
 * failed; the caller closes the writer. */
int xml_write_report(struct xw *x, bool root, const char *month, const char *site,
		     const struct report_source *src, const char *col[REPORT_COLUMNS], int rc,
		     atelier_error *err)
{
	if (root)
		xw_start_root(x, "monthly-report");
	else
		xw_start(x, "monthly-report");
	xw_attr(x, "month", month);
	xw_attr(x, "site", site);
	if (src->min_count > 0)
		xw_attr_ll(x, "min-count", src->min_count);
	while (rc == 1 && x->ok) {
		write_figure(x, col);
		rc = src->next(src->ctx, col, err);
	}
	xw_end(x);
	return rc < 0 ? -1 : 0;
}

int atelier_export_xml(atelier *h, const char *month, const char *site, int min_count, FILE *out,
		       atelier_error *err)
{
	struct report_source src = { NULL, report_source_rows, 0 };
	const char *col[REPORT_COLUMNS];
	struct xw x;
	int rc;

	atelier_error_clear(err);
	if (out == NULL) {
		error_set(err, ATELIER_E_USAGE, "%s", _("No output file was given."));
		return -1;
	}
	/* The document names the threshold: the network's unless one is given. */
	src.min_count = min_count > 0 ? min_count : report_network_min_count(h, err);
	if (src.min_count < 0)
		return -1;
	src.ctx = atelier_monthly_report(h, month, site, src.min_count, err);
	if (src.ctx == NULL)
		return -1;
	/* A refusal (unknown site, no right) comes with the first row: nothing
	 * is written before it. */
	rc = src.next(src.ctx, col, err);
	if (rc < 0) {
		atelier_rows_free(src.ctx);
		return -1;
	}
	if (xw_open(&x, out, true) != 0) {
		x.ok = false;
		x.oom = true;
	}
	rc = xml_write_report(&x, true, month, site, &src, col, rc, err);
	atelier_rows_free(src.ctx);
	if (rc != 0) {
		x.ok = false; /* the reading error stays the one reported */
		xw_close(&x, NULL);
		return -1;
	}
	return xw_close(&x, err);
}
