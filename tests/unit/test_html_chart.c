/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_html_chart.c - the SVG bar charts of the HTML report: well-formed,
 * labelled for screen readers, bars in proportion, labels escaped and cut,
 * hidden counts shown as such, nothing divided by zero, and coordinates
 * written with a point whatever the locale.
 */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>

#include "../../module/lib/html_internal.h"
#include "testutil.h"

/* Each test draws into an in-memory stream (its state, a struct memout);
 * the locale a test set is undone after it. */
static int teardown(void **state)
{
	setlocale(LC_ALL, "C");
	return memout_teardown(state);
}

/* Draws c and returns the SVG, checked to be well-formed XML. */
static const char *draw(struct memout *t, const struct chart *c)
{
	struct hw w;
	xmlDocPtr doc;

	hw_init(&w, t->out);
	html_bar_chart(&w, c);
	assert_true(w.ok);
	memout_text(t);
	doc = xmlReadMemory(t->buf, (int)t->len, NULL, "UTF-8", XML_PARSE_NONET);
	assert_non_null(doc);
	xmlFreeDoc(doc);
	return t->buf;
}

/* The value of attribute `name` of the n-th (0-based) element `tag`. */
static double attr_of(const char *svg, const char *tag, int n, const char *name)
{
	char open[32], key[32];
	const char *p = svg;
	int i;

	snprintf(open, sizeof(open), "<%s ", tag);
	snprintf(key, sizeof(key), " %s=\"", name);
	for (i = 0; i <= n; i++) {
		p = strstr(p, open);
		assert_non_null(p);
		p++;
	}
	p = strstr(p, key);
	assert_non_null(p);
	return strtod(p + strlen(key), NULL);
}

static const struct chart_bar DAYS[] = {
	{ "1", "dim. 1", "2.00", NULL },
	{ "2", "lun. 2", "0.00", NULL },
	{ "3", "mar. 3", "8.00", NULL },
	{ "4", "mer. 4", "4.50", NULL },
};

static struct chart days_chart(void)
{
	return (struct chart){
		.id = "c1",
		.title = "Heures d'utilisation par jour",
		.desc = "Total du mois : 14,5.",
		.axis = "heures",
		.fr = true,
		.hidden_text = "<\xC2\xA0"
			       "11",
		.secondary_text = "masqué",
		.bars = DAYS,
		.n = 4,
	};
}

static void test_html_chart_labelled_for_screen_readers(void **state)
{
	struct chart c = days_chart();
	const char *svg = draw(*state, &c);

	assert_has(svg, "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\"");
	assert_has(svg, "role=\"img\" aria-labelledby=\"c1-title c1-desc\"");
	assert_has(svg, "<title id=\"c1-title\">Heures d&#39;utilisation par jour</title>");
	assert_has(svg, "<desc id=\"c1-desc\">Total du mois : 14,5.</desc>");
	assert_has(svg, ">heures</text>");
	/* Each bar has its own title: its long label and its value. */
	assert_has(svg, "<title>mar. 3\xC2\xA0: 8,00</title>");
	assert_int_equal(text_count(svg, "<g class=\"bar\">"), 4);
	assert_int_equal(text_count(svg, "<rect "), 4);
}

static void test_html_chart_columns_in_proportion(void **state)
{
	struct chart c = days_chart();
	const char *svg = draw(*state, &c);
	double h1 = attr_of(svg, "rect", 0, "height"), h2 = attr_of(svg, "rect", 1, "height");
	double h3 = attr_of(svg, "rect", 2, "height"), h4 = attr_of(svg, "rect", 3, "height");

	/* 8 is the top of the axis: the tallest column fills the plot. */
	assert_true(h3 > 140.0 && h3 < 150.0);
	assert_true(h1 * 4 > h3 - 0.5 && h1 * 4 < h3 + 0.5);
	assert_true(h2 == 0.0);
	assert_true(h4 * 16 > h3 * 9 - 1 && h4 * 16 < h3 * 9 + 1);
	/* Ticks 0, 2, 4, 6, 8 with their labels. */
	assert_int_equal(text_count(svg, "class=\"tick\""), 5);
	assert_has(svg, ">8</text>");
}

static void test_html_chart_labels_escaped_and_cut(void **state)
{
	static const struct chart_bar bars[] = {
		{ "<b>Th\xC3\xA8me</b> & \"co\"", NULL, "3", NULL },
		{ "Un libellé très long que le site a saisi lui-même pour ce thème", NULL, "1",
		  NULL },
		{ "bad \xFF byte", NULL, "2", NULL },
	};
	struct chart c = {
		.id = "c2",
		.title = "Par <thème>",
		.desc = "d",
		.horizontal = true,
		.whole = true,
		.fr = true,
		.hidden_text = "< 11",
		.secondary_text = "masqué",
		.bars = bars,
		.n = 3,
	};
	const char *svg = draw(*state, &c);

	assert_lacks(svg, "<b>");
	assert_has(svg, "&lt;b&gt;Th\xC3\xA8me&lt;/b&gt; &amp; &quot;co&quot;");
	assert_has(svg, "<title id=\"c2-title\">Par &lt;thème&gt;</title>");
	/* In the bar, 40 characters and an ellipsis; whole in the bar's title. */
	assert_has(svg, ">Un libellé très long que le site a saisi\xE2\x80\xA6</text>");
	assert_has(
		svg,
		"<title>Un libellé très long que le site a saisi lui-même pour ce thème\xC2\xA0: 1</title>");
	assert_has(svg, "bad \xEF\xBF\xBD byte");
	/* Counts: whole ticks 0 to 3. */
	assert_int_equal(text_count(svg, "class=\"tick\""), 4);
}

static void test_html_chart_hidden_counts(void **state)
{
	static const struct chart_bar bars[] = {
		{ "60-69", NULL, NULL, "below_threshold" },
		{ "25-39", NULL, NULL, "secondary" },
		{ "40-59", NULL, "40", NULL },
		{ "nc", NULL, NULL, NULL },
	};
	struct chart c = {
		.id = "c3",
		.title = "t",
		.desc = "d",
		.horizontal = true,
		.whole = true,
		.fr = true,
		.hidden_text = "<\xC2\xA0"
			       "11",
		.secondary_text = "masqué",
		.bars = bars,
		.n = 4,
	};
	const char *svg = draw(*state, &c);

	assert_has(svg, "<title>60-69\xC2\xA0: &lt;\xC2\xA0"
			"11</title>");
	assert_has(svg, "<title>25-39\xC2\xA0: masqué</title>");
	/* No value: a dash, and no bar. */
	assert_has(svg, "<title>nc\xC2\xA0: \xE2\x80\x94</title>");
	assert_true(attr_of(svg, "rect", 0, "width") == 0.0);
	assert_true(attr_of(svg, "rect", 1, "width") == 0.0);
	assert_true(attr_of(svg, "rect", 2, "width") > 300.0);
	assert_true(attr_of(svg, "rect", 3, "width") == 0.0);
	assert_int_equal(text_count(svg, "class=\"value masked\""), 2);
}

static void test_html_chart_all_zero_and_empty(void **state)
{
	static const struct chart_bar zeros[] = {
		{ "00", NULL, "0", NULL },
		{ "01", NULL, "0", NULL },
	};
	struct chart c = {
		.id = "c4",
		.title = "t",
		.desc = "d",
		.whole = true,
		.fr = false,
		.hidden_text = "< 11",
		.secondary_text = "hidden",
		.bars = zeros,
		.n = 2,
	};
	const char *svg = draw(*state, &c);

	assert_true(attr_of(svg, "rect", 0, "height") == 0.0);
	assert_has(svg, ">1</text>"); /* the axis still goes to 1 */
	assert_lacks(svg, "nan");
	assert_lacks(svg, "inf");
}

static void test_html_chart_no_bars(void **state)
{
	struct chart c = {
		.id = "c5",
		.title = "t",
		.desc = "d",
		.horizontal = true,
		.whole = true,
		.hidden_text = "< 11",
		.secondary_text = "hidden",
		.bars = NULL,
		.n = 0,
	};
	const char *svg = draw(*state, &c);

	assert_int_equal(text_count(svg, "<rect "), 0);
}

/* Under a French locale printf writes 7,5: coordinates must not. */
static void test_html_chart_coordinates_ignore_locale(void **state)
{
	struct chart c = days_chart();
	const char *svg, *p;

	if (setlocale(LC_ALL, "fr_FR.UTF-8") == NULL) {
		skip();
		return;
	}
	svg = draw(*state, &c);
	for (p = strstr(svg, "=\""); p != NULL; p = strstr(p + 1, "=\"")) {
		const char *end = strchr(p + 2, '"');

		/* Numbers in attributes: digits, point, minus only. */
		if (p[2] >= '0' && p[2] <= '9')
			assert_true(memchr(p + 2, ',', (size_t)(end - p - 2)) == NULL);
	}
	assert_has(svg, "<title>lun. 2\xC2\xA0: 0,00</title>");
}

static void test_html_chart_axis(void **state)
{
	long long top, step;

	(void)state;
	chart_axis(26000, true, &top, &step);
	assert_int_equal(top, 30000);
	assert_int_equal(step, 5000);
	chart_axis(80000, true, &top, &step);
	assert_int_equal(top, 80000);
	assert_int_equal(step, 20000);
	chart_axis(0, true, &top, &step);
	assert_int_equal(top, 1000);
	assert_int_equal(step, 1000);
	chart_axis(1500, true, &top, &step);
	assert_int_equal(top, 2000);
	assert_int_equal(step, 1000);
	chart_axis(3000, true, &top, &step);
	assert_int_equal(top, 3000);
	assert_int_equal(step, 1000);
	chart_axis(250, false, &top, &step);
	assert_int_equal(top, 250);
	assert_int_equal(step, 50);
	chart_axis(46000, false, &top, &step);
	assert_int_equal(top, 50000);
	assert_int_equal(step, 10000);
	chart_axis(0, false, &top, &step);
	assert_int_equal(top, 100);
	assert_int_equal(step, 20);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_html_chart_labelled_for_screen_readers,
						memout_setup, teardown),
		cmocka_unit_test_setup_teardown(test_html_chart_columns_in_proportion, memout_setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_html_chart_labels_escaped_and_cut,
						memout_setup, teardown),
		cmocka_unit_test_setup_teardown(test_html_chart_hidden_counts, memout_setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_html_chart_all_zero_and_empty, memout_setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_html_chart_no_bars, memout_setup, teardown),
		cmocka_unit_test_setup_teardown(test_html_chart_coordinates_ignore_locale,
						memout_setup, teardown),
		cmocka_unit_test(test_html_chart_axis),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
