/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_html_escape.c - text from the database made safe for the HTML
 * report (escaping, control characters, bytes that are not UTF-8, cutting
 * long labels), and numbers written for people without the C locale.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../../module/lib/html_internal.h"
#include "testutil.h"

#define FFFD "\xEF\xBF\xBD"
#define NNBSP "\xE2\x80\xAF"

/* Escapes in into a new string and compares it with expected. */
static void check_escape(const char *in, size_t max_chars, const char *expected)
{
	struct memout m;
	char *buf;

	assert_int_equal(memout_open(&m), 0);
	assert_int_equal(html_escape(m.out, in, max_chars), 0);
	buf = memout_take(&m);
	assert_string_equal(buf, expected);
	free(buf);
}

static void test_html_escape_plain_text_unchanged(void **state)
{
	(void)state;
	check_escape("Médiathèque du Centre", 0, "Médiathèque du Centre");
	check_escape("", 0, "");
	check_escape(NULL, 0, "");
}

static void test_html_escape_markup_characters(void **state)
{
	(void)state;
	check_escape("<script>alert('x')</script>", 0,
		     "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
	check_escape("a & b", 0, "a &amp; b");
	check_escape("\" onmouseover=\"x", 0, "&quot; onmouseover=&quot;x");
	/* An entity typed by someone stays text, not a character. */
	check_escape("&amp;", 0, "&amp;amp;");
}

static void test_html_escape_controls_replaced(void **state)
{
	(void)state;
	check_escape("a\x01"
		     "b\x1F"
		     "c\x7F"
		     "d",
		     0, "a" FFFD "b" FFFD "c" FFFD "d");
	check_escape("tab\tand\nline\r", 0, "tab\tand\nline\r");
	/* C1 controls, e.g. U+0085, are no text either. */
	check_escape("x\xC2\x85y", 0, "x" FFFD "y");
}

static void test_html_escape_bad_utf8_replaced(void **state)
{
	(void)state;
	check_escape("bad \xFF byte", 0, "bad " FFFD " byte");
	/* An overlong "/" and a lone surrogate: each byte is replaced. */
	check_escape("\xC0\xAF", 0, FFFD FFFD);
	check_escape("\xED\xA0\x80", 0, FFFD FFFD FFFD);
	/* Cut short at the end of the string. */
	check_escape("\xE2\x82", 0, FFFD FFFD);
	/* Four bytes are fine: U+1F4BB. */
	check_escape("PC \xF0\x9F\x92\xBB", 0, "PC \xF0\x9F\x92\xBB");
}

static void test_html_escape_cut_by_characters(void **state)
{
	(void)state;
	check_escape("abcdef", 3, "abc\xE2\x80\xA6");
	check_escape("abc", 3, "abc");
	/* Characters, not bytes: é is one. */
	check_escape("ééé", 2, "éé\xE2\x80\xA6");
	/* An escaped character counts as one. */
	check_escape("<<<<", 2, "&lt;&lt;\xE2\x80\xA6");
}

static void test_html_escape_write_error(void **state)
{
	char buf[8] = "";
	FILE *out = fmemopen(buf, sizeof(buf), "r");

	(void)state;
	assert_non_null(out);
	assert_int_equal(html_escape(out, "x", 0), -1);
	assert_int_equal(html_escape(out, "<", 0), -1);
	fclose(out);
}

static void test_html_parse_fixed(void **state)
{
	long long v = 42;

	(void)state;
	assert_true(html_parse_fixed("7.25", &v));
	assert_int_equal(v, 7250);
	assert_true(html_parse_fixed("12", &v));
	assert_int_equal(v, 12000);
	assert_true(html_parse_fixed("-0.5", &v));
	assert_int_equal(v, -500);
	assert_true(html_parse_fixed("33.3333333", &v));
	assert_int_equal(v, 33333);
	assert_true(html_parse_fixed("999999999999.999", &v));
	assert_int_equal(v, 999999999999999LL);
	assert_false(html_parse_fixed("1234567890123", &v));
	assert_false(html_parse_fixed(NULL, &v));
	assert_false(html_parse_fixed("", &v));
	assert_false(html_parse_fixed("1.", &v));
	assert_false(html_parse_fixed(".5", &v));
	assert_false(html_parse_fixed("NaN", &v));
	assert_false(html_parse_fixed("1e5", &v));
	assert_false(html_parse_fixed("1,5", &v));
}

/* Formats s in both languages and compares. */
static void check_number(const char *s, const char *fr, const char *en)
{
	char buf[64];

	assert_true(html_format_number(buf, sizeof(buf), s, true));
	assert_string_equal(buf, fr);
	assert_true(html_format_number(buf, sizeof(buf), s, false));
	assert_string_equal(buf, en);
}

static void test_html_format_number(void **state)
{
	char buf[64] = "x";

	(void)state;
	check_number("0", "0", "0");
	check_number("100", "100", "100");
	check_number("1290.50", "1" NNBSP "290,50", "1,290.50");
	check_number("1234567", "1" NNBSP "234" NNBSP "567", "1,234,567");
	check_number("-1234.5",
		     "\xE2\x88\x92"
		     "1" NNBSP "234,5",
		     "\xE2\x88\x92"
		     "1,234.5");
	check_number("-0.00", "0,00", "0.00");
	assert_false(html_format_number(buf, sizeof(buf), "NaN", true));
	assert_string_equal(buf, "");
	assert_false(html_format_number(buf, sizeof(buf), NULL, false));
	/* Too small a buffer is refused, not cut. */
	assert_false(html_format_number(buf, 8, "1234567", true));
}

static void test_html_format_fixed(void **state)
{
	char buf[64];

	(void)state;
	html_format_fixed(buf, sizeof(buf), 0, true);
	assert_string_equal(buf, "0");
	html_format_fixed(buf, sizeof(buf), 2500, true);
	assert_string_equal(buf, "2,5");
	html_format_fixed(buf, sizeof(buf), 50, false);
	assert_string_equal(buf, "0.05");
	html_format_fixed(buf, sizeof(buf), 10000000, false);
	assert_string_equal(buf, "10,000");
	html_format_fixed(buf, sizeof(buf), -1500, false);
	assert_string_equal(buf, "\xE2\x88\x92"
				 "1.5");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_html_escape_plain_text_unchanged),
		cmocka_unit_test(test_html_escape_markup_characters),
		cmocka_unit_test(test_html_escape_controls_replaced),
		cmocka_unit_test(test_html_escape_bad_utf8_replaced),
		cmocka_unit_test(test_html_escape_cut_by_characters),
		cmocka_unit_test(test_html_escape_write_error),
		cmocka_unit_test(test_html_parse_fixed),
		cmocka_unit_test(test_html_format_number),
		cmocka_unit_test(test_html_format_fixed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
