/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * html_tables.c - the figures of the HTML report as table cells, tables
 * and charts.
 *
 * Every figure is written once, in a table cell that carries what a
 * program needs to read it back: data-metric, data-dimension, and
 * data-value (the number exactly as the CSV and XML exports write it) or
 * data-suppressed (why it is hidden).  People read the cell's text: the
 * number in their language, or "< N" (N the threshold).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "html_internal.h"

/* "YYYY-MM-DD" with a plausible date. */
static bool parse_day(const char *s, int *y, int *m, int *d)
{
	char end;

	return s != NULL && strlen(s) == 10 && sscanf(s, "%4d-%2d-%2d%c", y, m, d, &end) == 3 &&
	       *m >= 1 && *m <= 12 && *d >= 1 && *d <= 31;
}

/* 0 for Sunday (Sakamoto's method; Gregorian calendar). */
static int weekday(int y, int m, int d)
{
	static const int t[] = { 0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4 };

	if (m < 3)
		y--;
	return (y + y / 4 - y / 100 + y / 400 + t[m - 1] + d) % 7;
}

/* "00".."23". */
static bool parse_hour(const char *s, int *h)
{
	return s != NULL && strlen(s) == 2 && s[0] >= '0' && s[0] <= '2' && s[1] >= '0' &&
	       s[1] <= '9' && (*h = (s[0] - '0') * 10 + s[1] - '0') <= 23;
}

/* What names a cell of a breakdown: a day is "jeu. 5" (short: "5"), an
 * hour "14 h" (short: "14"), a term its label in the report's language. */
static const char *dim_text(char *buf, size_t len, const struct report_data *r,
			    const struct report_row *row, enum dim_kind kind, bool short_form)
{
	int y, m, d, h;

	if (kind == DIM_DAY && parse_day(row->dimension, &y, &m, &d)) {
		if (short_form)
			snprintf(buf, len, "%d", d);
		else
			snprintf(buf, len, "%s %d", r->t->weekday[weekday(y, m, d)], d);
		return buf;
	}
	if (kind == DIM_HOUR && parse_hour(row->dimension, &h)) {
		if (short_form)
			snprintf(buf, len, "%d", h);
		else
			snprintf(buf, len, r->t->hour_fmt, h);
		return buf;
	}
	if (row->dimension_label != NULL)
		return row->dimension_label;
	return row->dimension != NULL ? row->dimension : "";
}

void html_figure_text(char *buf, size_t len, const struct report_data *r,
		      const struct report_row *row)
{
	if (row->suppressed != NULL && strcmp(row->suppressed, "secondary") == 0)
		snprintf(buf, len, "%s", r->t->secondary_text);
	else if (row->suppressed != NULL) /* "< N", never cut between < and N */
		snprintf(buf, len, "<\xC2\xA0%d", r->min_count);
	else if (!html_format_number(buf, len, row->value, r->t->lang[0] == 'f'))
		snprintf(buf, len, "\xE2\x80\x94");
}

void html_figure_cell(struct hw *w, const struct report_data *r, const struct report_row *row,
		      const char *extra_class)
{
	char text[96];

	html_figure_text(text, sizeof(text), r, row);
	hw_printf(w, "<td class=\"n%s%s\" data-metric=\"", row->suppressed != NULL ? " masked" : "",
		  extra_class != NULL ? extra_class : "");
	hw_text(w, row->metric);
	if (row->dimension != NULL) {
		hw_puts(w, "\" data-dimension=\"");
		hw_text(w, row->dimension);
	}
	if (row->suppressed != NULL) {
		hw_puts(w, "\" data-suppressed=\"");
		hw_text(w, row->suppressed);
	} else {
		hw_puts(w, "\" data-value=\"");
		hw_text(w, row->value);
		if (row->value == NULL) {
			hw_puts(w, "\" title=\"");
			hw_text(w, r->t->no_value);
		}
	}
	hw_puts(w, "\">");
	hw_text(w, text);
	hw_puts(w, "</td>");
}

void html_totals_start(struct hw *w, const struct report_data *r)
{
	hw_puts(w, "<table class=\"totals\">\n<thead><tr><th scope=\"col\">");
	hw_text(w, r->t->col_figure);
	hw_puts(w, "</th><th scope=\"col\" class=\"n\">");
	hw_text(w, r->t->col_value);
	hw_puts(w, "</th></tr></thead>\n<tbody>\n");
}

void html_totals_row(struct hw *w, const struct report_data *r, const struct report_row *row)
{
	hw_puts(w, "<tr><th scope=\"row\">");
	hw_text(w, row->metric_label);
	hw_puts(w, "</th>");
	html_figure_cell(w, r, row, NULL);
	hw_puts(w, "</tr>\n");
}

void html_totals_end(struct hw *w)
{
	hw_puts(w, "</tbody>\n</table>\n");
}

/* The header line of days or hours: label/value for each pair of columns. */
static void pair_header(struct hw *w, const struct report_data *r, enum dim_kind kind, int pairs)
{
	const char *what = kind == DIM_DAY ? r->t->col_day : r->t->col_hour;
	int p;

	hw_puts(w, "<thead><tr>");
	for (p = 0; p < pairs; p++) {
		hw_puts(w, p > 0 ? "<th scope=\"col\" class=\"split\">" : "<th scope=\"col\">");
		hw_text(w, what);
		hw_puts(w, "</th><th scope=\"col\" class=\"n\">");
		hw_text(w, r->t->col_value);
		hw_puts(w, "</th>");
	}
	hw_puts(w, "</tr></thead>\n");
}

void html_breakdown_table(struct hw *w, const struct report_data *r, const struct group *g,
			  enum dim_kind kind, int pairs, bool caption)
{
	size_t per = (g->n + (size_t)pairs - 1) / (size_t)pairs, i;
	char buf[64];
	int p;

	hw_puts(w, "<table class=\"breakdown\">\n");
	if (caption) {
		hw_puts(w, "<caption>");
		hw_text(w, g->row->metric_label);
		hw_puts(w, "</caption>\n");
	}
	/* Terms need no header: the caption or heading names the breakdown,
	 * each line its term. */
	if (kind != DIM_TERM)
		pair_header(w, r, kind, pairs);
	hw_puts(w, "<tbody>\n");
	for (i = 0; i < per; i++) {
		hw_puts(w, "<tr>");
		for (p = 0; p < pairs; p++) {
			size_t k = (size_t)p * per + i;

			if (k >= g->n) {
				hw_puts(w, p > 0 ? "<td class=\"split\"></td><td></td>"
						 : "<td></td><td></td>");
				continue;
			}
			hw_puts(w, p > 0 ? "<th scope=\"row\" class=\"split\">"
					 : "<th scope=\"row\">");
			hw_text(w, dim_text(buf, sizeof(buf), r, &g->row[k], kind, false));
			hw_puts(w, "</th>");
			html_figure_cell(w, r, &g->row[k], NULL);
		}
		hw_puts(w, "</tr>\n");
	}
	hw_puts(w, "</tbody>\n</table>\n");
}

/* Labels of a chart's bars, made for days and hours. */
struct bar_labels {
	char short_form[16];
	char long_form[64];
};

/* The sentence for screen readers: the month's total when it means
 * something (hours, sessions), else where the values are. */
static void chart_desc(char *buf, size_t len, const struct report_data *r, const struct group *g,
		       bool with_total)
{
	long long sum = 0, v;
	char total[64];
	size_t i;

	if (!with_total) {
		snprintf(buf, len, "%s", r->t->chart_desc_table);
		return;
	}
	for (i = 0; i < g->n; i++)
		if (g->row[i].suppressed == NULL && html_parse_fixed(g->row[i].value, &v))
			sum += v;
	html_format_fixed(total, sizeof(total), sum, r->t->lang[0] == 'f');
	snprintf(buf, len, r->t->chart_desc_total_fmt, total);
}

void html_breakdown_chart(struct hw *w, const struct report_data *r, const struct group *g,
			  enum dim_kind kind, const char *id, const char *axis, bool whole,
			  bool with_total)
{
	struct chart_bar *bars = calloc(g->n + 1, sizeof(*bars));
	struct bar_labels *labels = calloc(g->n + 1, sizeof(*labels));
	char desc[256];
	struct chart c = {
		.id = id,
		.title = g->row->metric_label,
		.desc = desc,
		.axis = axis,
		.horizontal = kind == DIM_TERM,
		.whole = whole,
		.fr = r->t->lang[0] == 'f',
		.hidden_text = NULL,
		.secondary_text = r->t->secondary_text,
		.bars = bars,
		.n = g->n,
	};
	char hidden[32];
	size_t i;

	if (bars == NULL || labels == NULL) {
		w->ok = false;
		w->saved_errno = ENOMEM;
		goto done;
	}
	snprintf(hidden, sizeof(hidden), "<\xC2\xA0%d", r->min_count);
	c.hidden_text = hidden;
	chart_desc(desc, sizeof(desc), r, g, with_total);
	for (i = 0; i < g->n; i++) {
		const struct report_row *row = &g->row[i];

		bars[i].label = dim_text(labels[i].short_form, sizeof(labels[i].short_form), r, row,
					 kind, true);
		bars[i].long_label = dim_text(labels[i].long_form, sizeof(labels[i].long_form), r,
					      row, kind, false);
		bars[i].value = row->value;
		bars[i].suppressed = row->suppressed;
	}
	html_bar_chart(w, &c);
done:
	free(bars);
	free(labels);
}
