/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * html_page.c - the monthly report as one HTML page for people: a title
 * naming the month and the site, how to read it, the month at a glance,
 * then one section per activity (public PCs, workshops, one-to-one help,
 * the people helped), each with its totals, its charts and its tables.
 *
 * Which figure goes where is the table LAYOUT below; a figure it does not
 * know (a metric added later) still appears, under "Other figures", so the
 * page never loses a number the CSV and XML exports have.
 */
#include <string.h>

#include "html_internal.h"

enum section { S_PCS, S_WORKSHOPS, S_HELP, S_PEOPLE, S_OTHER, S_COUNT };
/* How a figure is shown: in the section's totals, as a table among others,
 * or as a chart followed by its table. */
enum shape { TOTAL, TABLE, DAYS, HOURS, BARS };

static const struct layout {
	const char *metric;
	enum section section;
	enum shape shape;
} LAYOUT[] = {
	{ "workstations", S_PCS, TOTAL },
	{ "usage_sessions", S_PCS, TOTAL },
	{ "usage_hours", S_PCS, TOTAL },
	{ "usage_users", S_PCS, TOTAL },
	{ "usage_open_sessions", S_PCS, TOTAL },
	{ "usage_hours_by_day", S_PCS, DAYS },
	{ "usage_sessions_by_hour", S_PCS, HOURS },
	{ "workshop_sessions", S_WORKSHOPS, TOTAL },
	{ "workshop_hours", S_WORKSHOPS, TOTAL },
	{ "workshop_cancelled", S_WORKSHOPS, TOTAL },
	{ "enrolled", S_WORKSHOPS, TOTAL },
	{ "waitlisted", S_WORKSHOPS, TOTAL },
	{ "people_trained", S_WORKSHOPS, TOTAL },
	{ "attendance", S_WORKSHOPS, BARS },
	{ "tickets", S_HELP, TOTAL },
	{ "tickets_anonymous", S_HELP, TOTAL },
	{ "people_helped", S_HELP, TOTAL },
	{ "ticket_minutes_total", S_HELP, TOTAL },
	{ "ticket_minutes_median", S_HELP, TOTAL },
	{ "tickets_by_theme", S_HELP, BARS },
	{ "tickets_by_state", S_HELP, TABLE },
	{ "tickets_by_place", S_HELP, TABLE },
	{ "tickets_by_procedure", S_HELP, TABLE },
	{ "tickets_by_equipment", S_HELP, TABLE },
	{ "tickets_by_autonomy", S_HELP, TABLE },
	{ "referrals", S_HELP, TABLE },
	{ "people_by_age", S_PEOPLE, TABLE },
	{ "people_by_status", S_PEOPLE, TABLE },
};

/* The month at a glance: these figures, in this order, when present. */
static const char *const CARDS[] = {
	"usage_hours",    "usage_users", "workshop_sessions",
	"people_trained", "tickets",     "people_helped",
};

static const struct layout *layout_of(const struct group *g)
{
	static const struct layout other_total = { NULL, S_OTHER, TOTAL };
	static const struct layout other_table = { NULL, S_OTHER, TABLE };
	size_t i;

	for (i = 0; i < sizeof(LAYOUT) / sizeof(LAYOUT[0]); i++)
		if (strcmp(LAYOUT[i].metric, g->row->metric) == 0)
			return &LAYOUT[i];
	return g->n == 1 && g->row->dimension == NULL ? &other_total : &other_table;
}

/* The next metric's rows, from rows[*at]; false at the end. */
static bool next_group(const struct report_data *r, size_t *at, struct group *g)
{
	if (*at >= r->n)
		return false;
	g->row = &r->rows[*at];
	g->n = 1;
	while (*at + g->n < r->n && strcmp(r->rows[*at + g->n].metric, g->row->metric) == 0)
		g->n++;
	*at += g->n;
	return true;
}

/* "Bilan du mois de novembre 2026 — Médiathèque du Centre", escaped. */
static void title(struct hw *w, const struct report_data *r)
{
	int year = 0, month = 0;
	char end;

	hw_text(w, r->t->title);
	hw_puts(w, " ");
	if (sscanf(r->month, "%4d-%2d%c", &year, &month, &end) == 2 && month >= 1 && month <= 12)
		hw_printf(w, "%s %d", r->t->month_of[month - 1], year);
	else
		hw_text(w, r->month);
	hw_puts(w, " \xE2\x80\x94 ");
	hw_text(w, r->site == NULL ? r->t->network : r->site_name != NULL ? r->site_name : r->site);
}

static int days_in_month(int y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m == 2 && leap ? 29 : days[m - 1];
}

static void head(struct hw *w, const struct report_data *r)
{
	hw_printf(w,
		  "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
		  "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
		  "<title>",
		  r->t->lang);
	title(w, r);
	hw_puts(w, "</title>\n<style>\n");
	hw_puts(w, HTML_STYLE);
	hw_puts(w, "</style>\n</head>\n<body>\n");
}

static void header(struct hw *w, const struct report_data *r)
{
	int year = 0, month = 0;
	char end;

	hw_puts(w, "<header>\n<p class=\"kicker\">");
	hw_text(w, r->t->kicker);
	hw_puts(w, "</p>\n<h1>");
	title(w, r);
	hw_puts(w, "</h1>\n<p class=\"where\">");
	if (sscanf(r->month, "%4d-%2d%c", &year, &month, &end) == 2 && month >= 1 && month <= 12)
		hw_printf(w, r->t->period_fmt, days_in_month(year, month),
			  r->t->month_name[month - 1], year);
	if (r->site != NULL) {
		hw_puts(w, " \xC2\xB7 ");
		if (r->site_city != NULL && r->site_city[0] != '\0') {
			hw_text(w, r->site_city);
			hw_puts(w, " \xC2\xB7 ");
		}
		hw_text(w, r->site);
	}
	hw_puts(w, "</p>\n</header>\n");
}

static void notes(struct hw *w, const struct report_data *r)
{
	char threshold[16];

	hw_puts(w, "<section class=\"notes\">\n<h2>");
	hw_text(w, r->t->how_title);
	hw_puts(w, "</h2>\n<p>");
	hw_text(w, r->t->how);
	hw_puts(w, "</p>\n<p>");
	if (r->min_count > 1) {
		snprintf(threshold, sizeof(threshold), "%d", r->min_count);
		hw_printf(w, r->t->privacy_fmt, threshold);
		hw_puts(w, " ");
		hw_text(w, r->t->secondary_note);
	} else {
		hw_text(w, r->t->nothing_hidden);
	}
	hw_puts(w, "</p>\n</section>\n");
}

/* A card's number without the zeros of its decimals (860.00 hours is
 * 860), which the tables keep so that their columns line up. */
static void card_text(char *buf, size_t len, const struct report_data *r,
		      const struct report_row *row)
{
	struct report_row trimmed = *row;
	char value[64];
	size_t n;

	if (row->value != NULL && strchr(row->value, '.') != NULL &&
	    strlen(row->value) < sizeof(value)) {
		strcpy(value, row->value);
		n = strlen(value);
		while (value[n - 1] == '0')
			value[--n] = '\0';
		if (value[n - 1] == '.')
			value[--n] = '\0';
		trimmed.value = value;
	}
	html_figure_text(buf, len, r, &trimmed);
}

static void cards(struct hw *w, const struct report_data *r)
{
	char text[96];
	size_t c, i;

	hw_puts(w, "<h2>");
	hw_text(w, r->t->key_figures);
	hw_puts(w, "</h2>\n<ul class=\"cards\">\n");
	for (c = 0; c < sizeof(CARDS) / sizeof(CARDS[0]); c++)
		for (i = 0; i < r->n; i++) {
			if (strcmp(r->rows[i].metric, CARDS[c]) != 0 ||
			    r->rows[i].dimension != NULL)
				continue;
			card_text(text, sizeof(text), r, &r->rows[i]);
			hw_puts(w, "<li><span class=\"n\">");
			hw_text(w, text);
			hw_puts(w, "</span><span class=\"what\">");
			hw_text(w, r->rows[i].metric_label);
			hw_puts(w, "</span></li>\n");
			break;
		}
	hw_puts(w, "</ul>\n");
}

/* A breakdown with its chart: the chart, then its values. */
static void chart_block(struct hw *w, const struct report_data *r, const struct group *g,
			enum shape shape, int n)
{
	const struct html_texts *t = r->t;
	bool tickets = strcmp(g->row->metric, "tickets_by_theme") == 0;
	char id[32];

	snprintf(id, sizeof(id), "chart-%d", n);
	/* The heading stays with its chart; the table may go on the next page. */
	hw_puts(w, "<div class=\"block\">\n<figure>\n<figcaption>");
	hw_text(w, g->row->metric_label);
	hw_puts(w, "</figcaption>\n");
	if (shape == DAYS)
		html_breakdown_chart(w, r, g, DIM_DAY, id, t->axis_hours, false, true);
	else if (shape == HOURS)
		html_breakdown_chart(w, r, g, DIM_HOUR, id, t->axis_sessions, true, true);
	else
		html_breakdown_chart(w, r, g, DIM_TERM, id,
				     tickets ? t->axis_tickets : t->axis_people, true, false);
	hw_puts(w, "</figure>\n");
	html_breakdown_table(w, r, g,
			     shape == DAYS    ? DIM_DAY
			     : shape == HOURS ? DIM_HOUR
					      : DIM_TERM,
			     shape == BARS ? (g->n > 8 ? 2 : 1) : 4, false);
	hw_puts(w, "</div>\n");
}

/* The section's groups of one shape class: charts (days, hours, bars) or
 * plain tables. */
static bool wanted(const struct layout *l, enum section s, bool charts)
{
	return l->section == s && l->shape != TOTAL && (l->shape == TABLE) != charts;
}

/* One section: its totals, its charts, then its other tables two by two. */
static void section(struct hw *w, const struct report_data *r, enum section s, int *charts)
{
	struct group g;
	size_t nt = 0, nb = 0, nall = 0, at = 0;

	while (next_group(r, &at, &g)) {
		const struct layout *l = layout_of(&g);

		if (l->section != s)
			continue;
		nall++;
		nt += l->shape == TOTAL;
		nb += l->shape == TABLE;
	}
	if (nall == 0)
		return; /* nothing of this section in the report */
	hw_puts(w, "<section>\n<h2>");
	hw_text(w, r->t->sections[s]);
	hw_puts(w, "</h2>\n");
	if (nt > 0)
		html_totals_start(w, r);
	for (at = 0; next_group(r, &at, &g);)
		if (layout_of(&g)->section == s && layout_of(&g)->shape == TOTAL)
			html_totals_row(w, r, g.row);
	if (nt > 0)
		html_totals_end(w);
	for (at = 0; next_group(r, &at, &g);)
		if (wanted(layout_of(&g), s, true))
			chart_block(w, r, &g, layout_of(&g)->shape, ++*charts);
	if (nb > 0)
		hw_puts(w, "<div class=\"grid\">\n");
	for (at = 0; next_group(r, &at, &g);)
		if (wanted(layout_of(&g), s, false))
			html_breakdown_table(w, r, &g, DIM_TERM, 1, true);
	if (nb > 0)
		hw_puts(w, "</div>\n");
	hw_puts(w, "</section>\n");
}

void html_page(struct hw *w, const struct report_data *r)
{
	int charts = 0, s;

	head(w, r);
	header(w, r);
	notes(w, r);
	cards(w, r);
	for (s = 0; s < S_COUNT; s++)
		section(w, r, (enum section)s, &charts);
	hw_puts(w, "<footer><p>");
	hw_text(w, r->t->footer);
	hw_puts(w, "</p></footer>\n</body>\n</html>\n");
}
