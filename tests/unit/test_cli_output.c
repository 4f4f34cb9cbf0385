/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_cli_output.c - what the atelier command prints: display widths of
 * UTF-8 text, cutting with "…", aligned tables, TSV, "field: value" lines,
 * database timestamps in the local format (TZ=Europe/Paris), text arrays.
 */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "../../module/cli/output.h"

static int setup(void **state)
{
	(void)state;
	setenv("TZ", "Europe/Paris", 1);
	tzset();
	/* Widths are the terminal's: wcwidth() needs a UTF-8 locale. */
	if (setlocale(LC_ALL, "C.UTF-8") == NULL)
		return -1;
	return 0;
}

/* Runs print into a memory stream; returns what it wrote (caller frees). */
static char *capture_table(const struct table *t, enum out_format format, size_t width)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	assert_int_equal(table_print(t, f, format, width), 0);
	assert_int_equal(fclose(f), 0);
	return buf;
}

/* ---- text -------------------------------------------------------------- */

static void test_output_text_width(void **state)
{
	(void)state;
	assert_int_equal(text_width(""), 0);
	assert_int_equal(text_width(NULL), 0);
	assert_int_equal(text_width("abc"), 3);
	assert_int_equal(text_width("\xc3\xa9"), 1);     /* é */
	assert_int_equal(text_width("\xe2\x80\x93"), 1); /* – */
	assert_int_equal(text_width("D\xc3\xa9"
				    "couvrir"),
			 9); /* Découvrir */
	assert_int_equal(text_width("Papiers \xe2\x80\x93 \xc3\x89lections"), 19);
	assert_int_equal(text_width("\xe6\x97\xa5\xe6\x9c\xac"), 4); /* 日本: 2 columns each */
	assert_int_equal(text_width("a\xff"
				    "b"),
			 3);                     /* a stray byte: 1 column */
	assert_int_equal(text_width("\xc3"), 1); /* cut in the middle */
}

static void test_output_text_fit(void **state)
{
	char *s;

	(void)state;
	s = text_fit("D\xc3\xa9"
		     "couvrir l'e-mail",
		     8);
	assert_string_equal(s, "D\xc3\xa9"
			       "couvr\xe2\x80\xa6"); /* "Découvr…" */
	assert_int_equal(text_width(s), 8);
	free(s);
	s = text_fit("abc", 3);
	assert_string_equal(s, "abc");
	free(s);
	s = text_fit("abcd", 3);
	assert_string_equal(s, "ab\xe2\x80\xa6");
	free(s);
	s = text_fit("abcd", 1);
	assert_string_equal(s, "\xe2\x80\xa6");
	free(s);
	s = text_fit("abcd", 0);
	assert_string_equal(s, "");
	free(s);
	/* A wide character that does not fit is left out whole. */
	s = text_fit("a\xe6\x97\xa5\xe6\x9c\xac", 3);
	assert_string_equal(s, "a\xe2\x80\xa6");
	free(s);
	s = text_fit("\xe2\x80\x93\xe2\x80\x93\xe2\x80\x93", 2); /* "–––" */
	assert_string_equal(s, "\xe2\x80\x93\xe2\x80\xa6");
	free(s);
}

static void test_output_one_line(void **state)
{
	char *s;

	(void)state;
	s = text_one_line("a\tb\nc\r\x7f"
			  "d");
	assert_string_equal(s, "a b c  d");
	free(s);
	s = text_one_line(NULL);
	assert_string_equal(s, "");
	free(s);
}

/* ---- time -------------------------------------------------------------- */

static void test_output_time_parse(void **state)
{
	struct tm tm = { .tm_year = 2026 - 1900, .tm_mon = 10, .tm_mday = 10, .tm_hour = 13 };
	time_t want = timegm(&tm), t;

	(void)state;
	assert_int_equal(time_parse("2026-11-10 14:00:00+01", &t), 0);
	assert_int_equal(t, want);
	assert_int_equal(time_parse("2026-11-10 13:00:00+00", &t), 0);
	assert_int_equal(t, want);
	assert_int_equal(time_parse("2026-11-10 13:00:00Z", &t), 0);
	assert_int_equal(t, want);
	assert_int_equal(time_parse("2026-11-10T18:30:00+05:30", &t), 0);
	assert_int_equal(t, want);
	assert_int_equal(time_parse("2026-11-10 14:00:00.123456+0100", &t), 0);
	assert_int_equal(t, want);
	assert_int_equal(time_parse("2026-11-10 10:00:00-03", &t), 0);
	assert_int_equal(t, want);
	assert_int_equal(time_parse("2026-11-10 14:00:00", &t), -1); /* no offset */
	assert_int_equal(time_parse("2026-11-10", &t), -1);
	assert_int_equal(time_parse("infinity", &t), -1);
	assert_int_equal(time_parse("2026-11-10 14:00:00+1", &t), -1);
	assert_int_equal(time_parse(NULL, &t), -1);
}

static void test_output_time_format_paris(void **state)
{
	char buf[64];

	(void)state;
	/* C.UTF-8's %x is MM/DD/YY; the time is the local one. */
	time_format("2026-11-10 13:00:00+00", "%x %H:%M", buf, sizeof(buf));
	assert_string_equal(buf, "11/10/26 14:00");
	time_format("2026-07-01 12:00:00+00", "%H:%M", buf, sizeof(buf));
	assert_string_equal(buf, "14:00");
	/* What cannot be read is shown as it is. */
	time_format("not a time", "%x %H:%M", buf, sizeof(buf));
	assert_string_equal(buf, "not a time");
	time_format(NULL, "%x", buf, sizeof(buf));
	assert_string_equal(buf, "");
}

static void test_output_time_format_french(void **state)
{
	char buf[64];

	(void)state;
	if (setlocale(LC_TIME, "fr_FR.UTF-8") == NULL) {
		/* No French locale here: nothing to check (the integration
		 * tests need it and say so). */
		skip();
	}
	time_format("2026-11-10 14:00:00+01", "%x %H:%M", buf, sizeof(buf));
	setlocale(LC_TIME, "C.UTF-8");
	assert_string_equal(buf, "10/11/2026 14:00");
}

/* ---- arrays and people -------------------------------------------------- */

static const char *upper_map(void *ctx, const char *item)
{
	static char buf[64];
	size_t i;

	(void)ctx;
	for (i = 0; item[i] != '\0' && i + 1 < sizeof(buf); i++)
		buf[i] = (char)(item[i] >= 'a' && item[i] <= 'z' ? item[i] - 32 : item[i]);
	buf[i] = '\0';
	return buf;
}

static void test_output_arrays(void **state)
{
	char *s;

	(void)state;
	s = array_join("{email,navigation}", NULL, NULL);
	assert_string_equal(s, "email, navigation");
	free(s);
	s = array_join("{email,navigation}", upper_map, NULL);
	assert_string_equal(s, "EMAIL, NAVIGATION");
	free(s);
	s = array_join("{\"a b\",\"c\\\"d\",\"x,y\",NULL,\"NULL\"}", NULL, NULL);
	assert_string_equal(s, "a b, c\"d, x,y, NULL");
	free(s);
	s = array_join("{}", NULL, NULL);
	assert_string_equal(s, "");
	free(s);
	s = array_join(NULL, NULL, NULL);
	assert_string_equal(s, "");
	free(s);
	s = array_codes("{email,navigation}");
	assert_string_equal(s, "email,navigation");
	free(s);
}

static void test_output_person_short(void **state)
{
	char out[16];

	(void)state;
	person_short("3fa2c1d9e8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a291", out);
	assert_string_equal(out, "p:3fa2c1d9");
}

/* ---- tables ------------------------------------------------------------ */

static struct table *sample(void)
{
	static const struct column cols[] = {
		{ "session_id", "No.", COL_NUMBER },
		{ "title", "Atelier", COL_TEXT },
		{ "starts_at", "Start", COL_TIME },
		{ "ends_at", "End", COL_END },
	};
	const char *r1[] = { "9",
			     "D\xc3\xa9"
			     "couvrir l'e-mail",
			     "2030-05-06 08:00:00+00", "2030-05-06 10:00:00+00" };
	const char *r2[] = { "10", "CV", "2030-05-06 21:00:00+00", "2030-05-06 22:30:00+00" };
	struct table *t = table_new(cols, 4);

	assert_non_null(t);
	assert_int_equal(table_add(t, r1), 0);
	assert_int_equal(table_add(t, r2), 0);
	assert_int_equal(table_rows(t), 2);
	return t;
}

static void test_output_table_aligned(void **state)
{
	struct table *t = sample();
	char *out = capture_table(t, OUT_TABLE, 0);

	(void)state;
	/* Widths by display width ("é" is one column), numbers on the right,
	 * the end alone as a clock time on the same local day. */
	assert_string_equal(out, "No.  Atelier             Start           End\n"
				 "---  ------------------  --------------  --------------\n"
				 "  9  D\xc3\xa9"
				 "couvrir l'e-mail  05/06/30 10:00  12:00\n"
				 " 10  CV                  05/06/30 23:00  05/07/30 00:30\n");
	free(out);
	table_free(t);
}

static void test_output_table_cut_to_width(void **state)
{
	struct table *t = sample();
	char *out = capture_table(t, OUT_TABLE, 40), *line, *save = NULL;

	(void)state;
	for (line = strtok_r(out, "\n", &save); line != NULL; line = strtok_r(NULL, "\n", &save))
		if (text_width(line) > 40)
			fail_msg("line wider than 40 columns: \"%s\"", line);
	free(out);
	out = capture_table(t, OUT_TABLE, 40);
	assert_non_null(strstr(out, "\xe2\x80\xa6"));
	free(out);
	table_free(t);
}

static void test_output_table_tsv(void **state)
{
	static const struct column cols[] = {
		{ "code", "Code", COL_TEXT },
		{ "note", "Note", COL_TEXT },
		{ "at", "When", COL_TIME },
	};
	const char *r1[] = { "A", "two\twords\nand a line", "2026-11-10 14:00:00+01" };
	const char *r2[] = { "B", NULL, "" };
	struct table *t = table_new(cols, 3);
	char *out;

	(void)state;
	assert_int_equal(table_add(t, r1), 0);
	assert_int_equal(table_add(t, r2), 0);
	out = capture_table(t, OUT_TSV, 20);
	/* Keys as the header, raw values (no local dates), no cutting, tabs and
	 * newlines inside values made spaces. */
	assert_string_equal(out, "code\tnote\tat\n"
				 "A\ttwo words and a line\t2026-11-10 14:00:00+01\n"
				 "B\t\t\n");
	free(out);
	table_free(t);
}

static void test_output_table_empty_and_blanks(void **state)
{
	static const struct column cols[] = {
		{ "a", "A", COL_TEXT },
		{ "b", "Bee", COL_TEXT },
	};
	const char *r1[] = { "x", "" };
	struct table *t = table_new(cols, 2);
	char *out;

	(void)state;
	out = capture_table(t, OUT_TABLE, 0);
	assert_string_equal(out, "A  Bee\n-  ---\n");
	free(out);
	assert_int_equal(table_add(t, r1), 0);
	out = capture_table(t, OUT_TABLE, 0);
	/* No blanks left at the end of a line with an empty last cell. */
	assert_string_equal(out, "A  Bee\n-  ---\nx\n");
	free(out);
	table_free(t);
}

static void test_output_fields(void **state)
{
	const struct field f[] = {
		{ "Ticket", "#12" },
		{ "Th\xc3\xa8mes", "E-mail" },
		{ "Notes", NULL },
		{ "Person", "p:3fa2c1d9" },
	};
	char *buf = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&buf, &len);

	(void)state;
	assert_int_equal(fields_print(mem, f, 4), 0);
	fclose(mem);
	assert_string_equal(buf, "Ticket: #12\n"
				 "Th\xc3\xa8mes: E-mail\n"
				 "Notes:\n"
				 "Person: p:3fa2c1d9\n");
	free(buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_output_text_width),
		cmocka_unit_test(test_output_text_fit),
		cmocka_unit_test(test_output_one_line),
		cmocka_unit_test(test_output_time_parse),
		cmocka_unit_test(test_output_time_format_paris),
		cmocka_unit_test(test_output_time_format_french),
		cmocka_unit_test(test_output_arrays),
		cmocka_unit_test(test_output_person_short),
		cmocka_unit_test(test_output_table_aligned),
		cmocka_unit_test(test_output_table_cut_to_width),
		cmocka_unit_test(test_output_table_tsv),
		cmocka_unit_test(test_output_table_empty_and_blanks),
		cmocka_unit_test(test_output_fields),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
