/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_csv.c - CSV fields and lines of the monthly export: quoting,
 * neutralising formulas, numbers, UTF-8, write errors.
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

#include "../../module/lib/internal.h"
#include "testutil.h"

/* Tests with a state write into an in-memory stream (struct memout). */

/* Writes one field and compares it with what is expected. */
static void check_field(const char *in, bool is_number, const char *expected)
{
	struct memout m;
	char *buf;

	assert_int_equal(memout_open(&m), 0);
	assert_int_equal(csv_write_field(m.out, in, is_number), 0);
	buf = memout_take(&m);
	if (strcmp(buf, expected) != 0)
		fail_msg("field [%s]%s: got [%s], expected [%s]", in ? in : "(null)",
			 is_number ? " (number)" : "", buf, expected);
	free(buf);
}

static void test_csv_plain_text(void **state)
{
	(void)state;
	check_field("tickets_by_theme", false, "tickets_by_theme");
	check_field("Postes publics actifs", false, "Postes publics actifs");
	check_field("Heures d'utilisation", false, "Heures d'utilisation");
	check_field("a-b=c+d@e", false, "a-b=c+d@e"); /* only the first character counts */
	check_field("with\ttab inside", false, "with\ttab inside");
	check_field(" leading space", false, " leading space");
}

static void test_csv_empty_and_null(void **state)
{
	(void)state;
	check_field(NULL, false, "");
	check_field("", false, "");
	check_field(NULL, true, "");
	check_field("", true, "");
}

static void test_csv_quotes_doubled(void **state)
{
	(void)state;
	check_field("say \"hello\"", false, "\"say \"\"hello\"\"\"");
	check_field("\"", false, "\"\"\"\"");
	check_field("\"\"", false, "\"\"\"\"\"\"");
}

static void test_csv_commas(void **state)
{
	(void)state;
	check_field("CV, lettre", false, "\"CV, lettre\"");
	check_field(",", false, "\",\"");
}

static void test_csv_semicolons_quoted(void **state)
{
	/* Not required by RFC 4180, but keeps the cell whole in a spreadsheet
	 * that splits on semicolons (French settings). */
	(void)state;
	check_field("CAF; CPAM", false, "\"CAF; CPAM\"");
}

static void test_csv_newlines(void **state)
{
	(void)state;
	check_field("line 1\nline 2", false, "\"line 1\nline 2\"");
	check_field("line 1\r\nline 2", false, "\"line 1\r\nline 2\"");
	check_field("ends with LF\n", false, "\"ends with LF\n\"");
	check_field("\nstarts with LF", false, "\"\nstarts with LF\"");
}

static void test_csv_utf8_kept(void **state)
{
	(void)state;
	check_field("Démarches en ligne", false, "Démarches en ligne");
	check_field("12–17 ans", false, "12–17 ans");
	check_field("« Découvrir l’ordinateur »", false, "« Découvrir l’ordinateur »");
	check_field("Réorientations, « CAF »", false, "\"Réorientations, « CAF »\"");
}

static void test_csv_formulas_neutralised(void **state)
{
	(void)state;
	check_field("=1+1", false, "'=1+1");
	check_field("+33 1 23 45 67 89", false, "'+33 1 23 45 67 89");
	check_field("-5", false, "'-5");
	check_field("@SUM(A1:A2)", false, "'@SUM(A1:A2)");
	check_field("\tindented", false, "'\tindented");
	check_field("\rcarriage", false, "\"'\rcarriage\"");
	check_field("=HYPERLINK(\"http://x\",\"y\")", false,
		    "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
	check_field("=cmd|' /C calc'!A0", false, "'=cmd|' /C calc'!A0");
	check_field("-", false, "'-");
}

static void test_csv_numbers_plain(void **state)
{
	(void)state;
	check_field("42", true, "42");
	check_field("42.50", true, "42.50");
	check_field("-5", true, "-5");
	check_field("0", true, "0");
	check_field("1290.00", true, "1290.00");
	check_field("-0.25", true, "-0.25");
}

static void test_csv_number_column_not_a_number(void **state)
{
	/* The value column only trusts what looks like a number. */
	(void)state;
	check_field("=1+1", true, "'=1+1");
	check_field("-", true, "'-");
	check_field("-.5", true, "'-.5");
	check_field("5.", true, "5.");
	check_field("1,5", true, "\"1,5\"");
	check_field("NaN", true, "NaN");
	check_field("+5", true, "'+5");
	check_field("1e5", true, "1e5");
}

static void test_csv_record_line(void **state)
{
	struct memout *t = *state;
	const char *fields[] = {
		"2026-11",
		"BIB-CENTRE",
		"tickets_by_theme",
		"Accompagnements par thématique",
		"email",
		"Courriel, « messagerie »",
		"12",
	};
	const bool numeric[] = { false, false, false, false, false, false, true };

	assert_int_equal(csv_write_record(t->out, fields, numeric, 7), 0);
	assert_string_equal(memout_text(t), "2026-11,BIB-CENTRE,tickets_by_theme,"
					    "Accompagnements par thématique,email,"
					    "\"Courriel, « messagerie »\",12\r\n");
}

static void test_csv_record_nulls(void **state)
{
	struct memout *t = *state;
	const char *fields[] = {
		"2026-11", NULL, "ticket_minutes_median", "Median time spent (min)", NULL,
		NULL,      NULL,
	};
	const bool numeric[] = { false, false, false, false, false, false, true };

	assert_int_equal(csv_write_record(t->out, fields, numeric, 7), 0);
	assert_string_equal(memout_text(t), "2026-11,,ticket_minutes_median,"
					    "Median time spent (min),,,\r\n");
}

static void test_csv_record_injection_in_label(void **state)
{
	struct memout *t = *state;
	const char *fields[] = { "=2+2", "-3", "-3" };
	const bool numeric[] = { false, false, true };

	assert_int_equal(csv_write_record(t->out, fields, numeric, 3), 0);
	assert_string_equal(memout_text(t), "'=2+2,'-3,-3\r\n");
}

static void test_csv_record_without_types(void **state)
{
	struct memout *t = *state;
	const char *fields[] = { "month", "value" };

	assert_int_equal(csv_write_record(t->out, fields, NULL, 2), 0);
	assert_string_equal(memout_text(t), "month,value\r\n");
}

static void test_csv_record_lines_follow(void **state)
{
	struct memout *t = *state;
	const char *a[] = { "a", "b\nc" };
	const char *b[] = { "d", "e" };

	assert_int_equal(csv_write_record(t->out, a, NULL, 2), 0);
	assert_int_equal(csv_write_record(t->out, b, NULL, 2), 0);
	assert_string_equal(memout_text(t), "a,\"b\nc\"\r\nd,e\r\n");
}

/* A stream that refuses every write, as a full disk does. */
static void test_csv_write_error(void **state)
{
	char buf[4];
	FILE *out = fmemopen(buf, sizeof(buf), "r");
	const char *fields[] = { "x" };

	(void)state;
	assert_non_null(out);
	assert_int_equal(csv_write_field(out, "x", false), -1);
	assert_int_equal(csv_write_field(out, "\"q\"", false), -1);
	assert_int_equal(csv_write_field(out, "42", true), -1);
	assert_int_equal(csv_write_record(out, fields, NULL, 1), -1);
	fclose(out);
}

/* The whole export refuses a missing output before touching the database. */
static void test_csv_export_needs_output(void **state)
{
	atelier_error err;

	(void)state;
	assert_int_equal(atelier_export_csv(NULL, "2026-11", NULL, 0, NULL, &err), -1);
	assert_int_equal(err.category, ATELIER_E_USAGE);
	assert_true(err.message[0] != '\0');
}

/* No handle: the library's usage error, and nothing written. */
static void test_csv_export_needs_handle(void **state)
{
	struct memout *t = *state;
	atelier_error err;

	assert_int_equal(atelier_export_csv(NULL, "2026-11", NULL, 0, t->out, &err), -1);
	assert_int_equal(err.category, ATELIER_E_USAGE);
	assert_int_equal(strlen(memout_text(t)), 0);
}

/* A bad month is refused before the database, and nothing is written. */
static void test_csv_export_bad_month(void **state)
{
	struct memout *t = *state;
	atelier_error err;

	assert_int_equal(atelier_export_csv(NULL, "2026-13", NULL, 0, t->out, &err), -1);
	assert_int_equal(err.category, ATELIER_E_USAGE);
	assert_int_equal(strlen(memout_text(t)), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_csv_plain_text),
		cmocka_unit_test(test_csv_empty_and_null),
		cmocka_unit_test(test_csv_quotes_doubled),
		cmocka_unit_test(test_csv_commas),
		cmocka_unit_test(test_csv_semicolons_quoted),
		cmocka_unit_test(test_csv_newlines),
		cmocka_unit_test(test_csv_utf8_kept),
		cmocka_unit_test(test_csv_formulas_neutralised),
		cmocka_unit_test(test_csv_numbers_plain),
		cmocka_unit_test(test_csv_number_column_not_a_number),
		cmocka_unit_test_setup_teardown(test_csv_record_line, memout_setup,
						memout_teardown),
		cmocka_unit_test_setup_teardown(test_csv_record_nulls, memout_setup,
						memout_teardown),
		cmocka_unit_test_setup_teardown(test_csv_record_injection_in_label, memout_setup,
						memout_teardown),
		cmocka_unit_test_setup_teardown(test_csv_record_without_types, memout_setup,
						memout_teardown),
		cmocka_unit_test_setup_teardown(test_csv_record_lines_follow, memout_setup,
						memout_teardown),
		cmocka_unit_test(test_csv_write_error),
		cmocka_unit_test(test_csv_export_needs_output),
		cmocka_unit_test_setup_teardown(test_csv_export_needs_handle, memout_setup,
						memout_teardown),
		cmocka_unit_test_setup_teardown(test_csv_export_bad_month, memout_setup,
						memout_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
