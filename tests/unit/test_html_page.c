/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_html_page.c - the whole HTML page from rows given here instead of
 * the database: one language throughout, the title, the notes, every
 * figure once in a cell a program can read back, hidden counts as "< 11",
 * texts from the database escaped, nothing fetched from outside, and the
 * same bytes for the same month.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "atelier.h"
#include "../../module/lib/html_internal.h"
#include "testutil.h"

#define R(m, ml, d, dl, v, s)                                                                      \
	{                                                                                          \
		(char *)(m), (char *)(ml), (char *)(d), (char *)(dl), (char *)(v), (char *)(s)     \
	}

static const struct report_row ROWS[] = {
	R("usage_hours", "Heures d'utilisation des postes", NULL, NULL, "1290.50", NULL),
	R("usage_hours_by_day", "Heures par jour", "2026-11-01", "2026-11-01", "0.00", NULL),
	R("usage_hours_by_day", "Heures par jour", "2026-11-05", "2026-11-05", "12.25", NULL),
	R("usage_sessions_by_hour", "Sessions par heure", "09", "09", "4", NULL),
	R("usage_sessions_by_hour", "Sessions par heure", "14", "14", "7", NULL),
	R("attendance", "Présences", "present", "Présent", "26", NULL),
	R("tickets", "Accompagnements <fiches>", NULL, NULL, "80", NULL),
	R("ticket_minutes_median", "Durée médiane", NULL, NULL, NULL, NULL),
	R("tickets_by_theme", "Par thématique", "email", "E-mail", "10", NULL),
	R("tickets_by_theme", "Par thématique", "local", "<img src=x onerror=alert(1)>", "1", NULL),
	R("people_by_age", "Par âge", "moins_12", "Moins de 12 ans", NULL, "below_threshold"),
	R("people_by_age", "Par âge", "25_39", "25–39 ans", NULL, "secondary"),
	R("people_by_age", "Par âge", "70_plus", "70 ans et plus", NULL, "below_threshold"),
	R("new_metric", "Un indicateur nouveau", NULL, NULL, "5", NULL),
};

/* The page for ROWS, as a new string. */
static char *page(const char *lang, const char *site, const char *name, int min_count)
{
	struct report_data r = {
		.month = "2026-11",
		.site = site,
		.site_name = name,
		.site_city = "Villeneuve",
		.min_count = min_count,
		.t = html_texts_for(lang),
		.rows = ROWS,
		.n = sizeof(ROWS) / sizeof(ROWS[0]),
	};
	struct memout m;
	struct hw w;

	assert_int_equal(memout_open(&m), 0);
	hw_init(&w, m.out);
	html_page(&w, &r);
	assert_true(w.ok);
	return memout_take(&m);
}

static void test_html_page_french(void **state)
{
	char *p = page("fr", "MED-CENTRE", "Médiathèque du Centre", 11);

	(void)state;
	assert_has(p, "<!DOCTYPE html>\n<html lang=\"fr\">");
	assert_has(
		p,
		"<title>Bilan du mois de novembre 2026 \xE2\x80\x94 Médiathèque du Centre</title>");
	assert_has(p, "Du 1er au 30 novembre 2026 \xC2\xB7 Villeneuve \xC2\xB7 MED-CENTRE");
	assert_has(
		p,
		"Les effectifs inférieurs à 11 sont masqués pour protéger l’anonymat des personnes.");
	assert_has(p, "Comment lire ce bilan");
	/* Numbers the French way; days and hours named for people. */
	assert_has(p, ">1\xE2\x80\xAF"
		      "290,50</td>");
	assert_has(p, ">jeu. 5</th>");
	assert_has(p, ">14 h</th>");
	/* The month at a glance drops the zeros of decimals. */
	assert_has(p, "<span class=\"n\">1\xE2\x80\xAF"
		      "290,5</span>");
	free(p);
}

static void test_html_page_english_network(void **state)
{
	char *p = page("en", NULL, NULL, 11);

	(void)state;
	assert_has(p, "<html lang=\"en\">");
	assert_has(p, "<title>Monthly report for November 2026 \xE2\x80\x94 Whole network</title>");
	assert_has(p, "Counts below 11 are hidden to protect people’s anonymity.");
	assert_has(p, ">1,290.50</td>");
	assert_has(p, ">Thu 5</th>");
	assert_has(p, ">14:00</th>");
	assert_lacks(p, "Bilan");
	free(p);
}

static void test_html_page_every_figure_once(void **state)
{
	char *p = page("fr", "MED-CENTRE", "Médiathèque du Centre", 11);

	(void)state;
	/* One cell per row of the report, each readable by a program. */
	assert_int_equal(text_count(p, " data-metric=\""), (int)(sizeof(ROWS) / sizeof(ROWS[0])));
	assert_has(p, "data-metric=\"usage_hours\" data-value=\"1290.50\">");
	assert_has(
		p,
		"data-metric=\"usage_hours_by_day\" data-dimension=\"2026-11-05\" data-value=\"12.25\">");
	assert_has(
		p,
		"data-metric=\"ticket_minutes_median\" data-value=\"\" title=\"pas de valeur\">\xE2\x80\x94</td>");
	/* A metric the layout does not know is still there. */
	assert_has(p, "Autres indicateurs");
	assert_has(p, "data-metric=\"new_metric\" data-value=\"5\">");
	/* Four charts: days, hours, attendance, themes. */
	assert_int_equal(text_count(p, "<svg class=\"chart\""), 4);
	free(p);
}

static void test_html_page_hidden_counts(void **state)
{
	char *p = page("fr", "MED-CENTRE", "Médiathèque du Centre", 11);

	(void)state;
	assert_has(
		p,
		"<td class=\"n masked\" data-metric=\"people_by_age\" data-dimension=\"moins_12\" "
		"data-suppressed=\"below_threshold\">&lt;\xC2\xA0"
		"11</td>");
	assert_has(p, "data-dimension=\"25_39\" data-suppressed=\"secondary\">masqué</td>");
	free(p);
	/* Another threshold is named as it is; 1 hides nothing. */
	p = page("fr", "MED-CENTRE", "Médiathèque du Centre", 5);
	assert_has(p, "Les effectifs inférieurs à 5 sont masqués");
	assert_has(p, "&lt;\xC2\xA0"
		      "5</td>");
	free(p);
	p = page("fr", "MED-CENTRE", "Médiathèque du Centre", 1);
	assert_has(p, "Aucun effectif n’est masqué dans ce bilan.");
	free(p);
}

static void test_html_page_database_texts_escaped(void **state)
{
	char *p = page("fr", "X<1>", "La <b>Médiathèque</b> & \"Cie\"", 11);

	(void)state;
	assert_lacks(p, "<img");
	assert_lacks(p, "<b>");
	assert_lacks(p, "<fiches>");
	assert_has(p, "&lt;img src=x onerror=alert(1)&gt;");
	assert_has(p, "La &lt;b&gt;Médiathèque&lt;/b&gt; &amp; &quot;Cie&quot;");
	assert_has(p, "X&lt;1&gt;");
	free(p);
}

static void test_html_page_self_contained_and_stable(void **state)
{
	char *p = page("fr", "MED-CENTRE", "Médiathèque du Centre", 11);
	char *again = page("fr", "MED-CENTRE", "Médiathèque du Centre", 11);

	(void)state;
	assert_string_equal(p, again);
	assert_lacks(p, "<script");
	assert_lacks(p, "<link");
	assert_lacks(p, "src=\"http");
	assert_lacks(p, "url(");
	assert_lacks(p, "@import");
	/* The only address is the SVG namespace, which nothing fetches. */
	assert_int_equal(text_count(p, "http"),
			 text_count(p, "xmlns=\"http://www.w3.org/2000/svg\""));
	assert_has(p, "@page{size:A4;");
	assert_has(p, "@media print");
	free(p);
	free(again);
}

/* The export refuses a missing output, a missing handle and a bad month
 * before writing anything. */
static void test_html_export_refusals_write_nothing(void **state)
{
	struct memout m;
	atelier_error err;

	(void)state;
	assert_int_equal(memout_open(&m), 0);
	assert_int_equal(atelier_export_html(NULL, "2026-11", NULL, 0, NULL, &err), -1);
	assert_int_equal(err.category, ATELIER_E_USAGE);
	assert_int_equal(atelier_export_html(NULL, "2026-11", NULL, 0, m.out, &err), -1);
	assert_int_equal(err.category, ATELIER_E_USAGE);
	assert_int_equal(atelier_export_html(NULL, "2026-13", "BIB1", 11, m.out, &err), -1);
	assert_int_equal(err.category, ATELIER_E_USAGE);
	assert_non_null(strstr(err.message, "2026-13"));
	assert_string_equal(memout_text(&m), "");
	memout_free(&m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_html_page_french),
		cmocka_unit_test(test_html_page_english_network),
		cmocka_unit_test(test_html_page_every_figure_once),
		cmocka_unit_test(test_html_page_hidden_counts),
		cmocka_unit_test(test_html_page_database_texts_escaped),
		cmocka_unit_test(test_html_page_self_contained_and_stable),
		cmocka_unit_test(test_html_export_refusals_write_nothing),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
