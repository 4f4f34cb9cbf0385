/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * html_internal.h - what the files of the HTML report share: a writer that
 * remembers its first failure, escaping, numbers written for people, the
 * SVG bar charts, and the page's fixed texts in French and English.
 *
 * No floating point reaches printf here: the command runs under the
 * user's locale, where LC_NUMERIC may write 7,25 for 7.25 and break SVG
 * coordinates.  Numbers are fixed-point integers (thousandths) instead.
 */
#ifndef ATELIER_HTML_INTERNAL_H
#define ATELIER_HTML_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* html_write.c: writing the page.  After the first failure nothing more is
 * written; ok and saved_errno say what happened, checked once at the end. */
struct hw {
	FILE *out;
	bool ok;
	int saved_errno;
};
void hw_init(struct hw *w, FILE *out);
void hw_puts(struct hw *w, const char *markup);
/* Markup with numbers or strings already safe; never %f (see above). */
void hw_printf(struct hw *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Text (or an attribute value between double quotes), escaped. */
void hw_text(struct hw *w, const char *text);
/* The same, cut after max_chars characters with an ellipsis (0: no limit). */
void hw_text_cut(struct hw *w, const char *text, size_t max_chars);

/* html_escape.c: text for HTML: & < > " ' as character references; C0
 * controls but tab, LF and CR, DEL, C1 controls and bytes that are not
 * UTF-8 become U+FFFD.  NULL writes nothing.  0, or -1 when out failed. */
int html_escape(FILE *out, const char *s, size_t max_chars);

/* html_number.c: numbers as PostgreSQL writes a numeric (-?digits[.digits]),
 * in thousandths: false for anything else or more than 12 digits before the
 * point (digits past the third decimal are dropped). */
bool html_parse_fixed(const char *s, long long *milli);
/* A number for people: French "1 234,5" (narrow no-break space, comma) or
 * English "1,234.5"; decimals as written.  false (and "") when s is not a
 * number. */
bool html_format_number(char *buf, size_t len, const char *s, bool fr);
/* The same from thousandths, with as few decimals as needed. */
void html_format_fixed(char *buf, size_t len, long long milli, bool fr);

/* html_chart.c: a bar chart as inline SVG, with a <title> and <desc> for
 * screen readers, a <title> on each bar, and text labels (categories,
 * axis, values) that print. */
struct chart_bar {
	const char *label;      /* category, e.g. "E-mail" or "12" */
	const char *long_label; /* for the bar's <title>; NULL: label */
	const char *value;      /* as PostgreSQL writes it; NULL: none */
	const char *suppressed; /* NULL, "below_threshold" or "secondary" */
};
struct chart {
	const char *id;             /* unique in the page, [a-z0-9-] */
	const char *title;          /* what it shows */
	const char *desc;           /* one sentence for screen readers */
	const char *axis;           /* what the axis of values counts; may be NULL */
	bool horizontal;            /* bars from a column of labels (long labels) */
	bool whole;                 /* counts: ticks on whole numbers */
	bool fr;                    /* French number format */
	const char *hidden_text;    /* shown for a hidden small count: "< N" */
	const char *secondary_text; /* shown for a larger count hidden with it */
	const struct chart_bar *bars;
	size_t n;
};
#define CHART_WIDTH 680
void html_bar_chart(struct hw *w, const struct chart *c);
/* The top of the axis: the smallest 1, 2 or 5 x 10^k at or above max_milli
 * (at least 1 for whole counts), and the step of its ticks. */
void chart_axis(long long max_milli, bool whole, long long *top, long long *step);

/* html_text.c: the page's own words, chosen by the handle's language (not
 * the process's locale: the page must be in one language, that of the
 * labels it shows). */
struct html_texts {
	const char *lang;           /* "fr" or "en" */
	const char *title;          /* "Bilan du mois" ... */
	const char *month_of[12];   /* "de novembre" / "November" */
	const char *month_name[12]; /* "novembre" / "November" */
	const char *period_fmt;     /* %d last day, %s month, %d year */
	const char *network;        /* the whole network */
	const char *kicker;         /* line above the title */
	const char *how_title;
	const char *how;         /* the "how to read" paragraph */
	const char *privacy_fmt; /* %s: the threshold */
	const char *secondary_note;
	const char *nothing_hidden;
	const char *secondary_text; /* a larger count hidden */
	const char *no_value;       /* text for an empty cell's title */
	const char *key_figures;
	const char *sections[5]; /* PCs, workshops, helpdesk, people, other */
	const char *col_figure, *col_value, *col_day, *col_hour, *col_hours, *col_sessions;
	const char *weekday[7];           /* abbreviated, Sunday first */
	const char *hour_fmt;             /* %d: the hour */
	const char *chart_desc_total_fmt; /* %s: the total shown */
	const char *chart_desc_table;
	const char *axis_hours, *axis_sessions, *axis_tickets, *axis_people;
	const char *footer;
};
const struct html_texts *html_texts_for(const char *lang);

/* html_page.c: the page, from the month's rows held in memory (some 150,
 * bounded by the reference lists; see atelier_export_html()). */
struct report_row {
	char *metric, *metric_label, *dimension, *dimension_label, *value, *suppressed;
};
struct report_data {
	const char *month;     /* "YYYY-MM" */
	const char *site;      /* the site's code, or NULL for the network */
	const char *site_name; /* its name; NULL: unknown (the code is shown) */
	const char *site_city; /* may be NULL */
	int min_count;         /* the threshold of small counts */
	const struct html_texts *t;
	const struct report_row *rows; /* in the report's order */
	size_t n;
};
void html_page(struct hw *w, const struct report_data *r);

/* html_tables.c: figures as table cells, tables and charts.  A group is
 * one metric's rows, next to each other in the report. */
struct group {
	const struct report_row *row;
	size_t n;
};
enum dim_kind { DIM_TERM, DIM_DAY, DIM_HOUR };
/* The shown text of a figure: its number, "< N" (N the threshold), "hidden" or a dash. */
void html_figure_text(char *buf, size_t len, const struct report_data *r,
		      const struct report_row *row);
/* A <td> with data-metric, data-dimension, and data-value or data-suppressed. */
void html_figure_cell(struct hw *w, const struct report_data *r, const struct report_row *row,
		      const char *extra_class);
/* The totals of a section: a table with one line per figure. */
void html_totals_start(struct hw *w, const struct report_data *r);
void html_totals_row(struct hw *w, const struct report_data *r, const struct report_row *row);
void html_totals_end(struct hw *w);
/* A breakdown as a table of `pairs` label/value column pairs side by side. */
void html_breakdown_table(struct hw *w, const struct report_data *r, const struct group *g,
			  enum dim_kind kind, int pairs, bool caption);
/* A breakdown as a bar chart: columns for days and hours, else bars. */
void html_breakdown_chart(struct hw *w, const struct report_data *r, const struct group *g,
			  enum dim_kind kind, const char *id, const char *axis, bool whole,
			  bool with_total);

/* html_style.c: the style sheet, for the screen and for A4 paper. */
extern const char HTML_STYLE[];

#endif
