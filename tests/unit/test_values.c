/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_values.c - PostgreSQL's text output read into C types: booleans,
 * integers, timestamps with time zone, text[] literals, and the same from
 * a row (a result made in memory with libpq's PQsetvalue, no server); and
 * how the library reads the structs callers fill in (the ABI rule).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../../module/lib/internal.h"

/* ---- booleans ----------------------------------------------------------- */

static void test_values_bool(void **state)
{
	bool b = false;

	(void)state;
	assert_int_equal(atelier_value_bool("t", &b), 1);
	assert_true(b);
	assert_int_equal(atelier_value_bool("f", &b), 1);
	assert_false(b);
	/* NULL and bad text leave the default alone. */
	b = true;
	assert_int_equal(atelier_value_bool(NULL, &b), 0);
	assert_true(b);
	assert_int_equal(atelier_value_bool("true", &b), -1);
	assert_int_equal(atelier_value_bool("T", &b), -1);
	assert_int_equal(atelier_value_bool("", &b), -1);
	assert_int_equal(atelier_value_bool("t ", &b), -1);
	assert_int_equal(atelier_value_bool("1", &b), -1);
	assert_true(b);
}

/* ---- integers ----------------------------------------------------------- */

static void test_values_int(void **state)
{
	long long n = 7;

	(void)state;
	assert_int_equal(atelier_value_int("0", &n), 1);
	assert_int_equal(n, 0);
	assert_int_equal(atelier_value_int("42", &n), 1);
	assert_int_equal(n, 42);
	assert_int_equal(atelier_value_int("-12", &n), 1);
	assert_int_equal(n, -12);
	assert_int_equal(atelier_value_int("9223372036854775807", &n), 1);
	assert_true(n == INT64_MAX);
	assert_int_equal(atelier_value_int("-9223372036854775808", &n), 1);
	assert_true(n == INT64_MIN);
	n = 7;
	assert_int_equal(atelier_value_int(NULL, &n), 0);
	assert_int_equal(atelier_value_int("9223372036854775808", &n), -1);
	assert_int_equal(atelier_value_int("", &n), -1);
	assert_int_equal(atelier_value_int("-", &n), -1);
	assert_int_equal(atelier_value_int("+1", &n), -1);
	assert_int_equal(atelier_value_int(" 1", &n), -1);
	assert_int_equal(atelier_value_int("1 ", &n), -1);
	assert_int_equal(atelier_value_int("1.5", &n), -1);
	assert_int_equal(atelier_value_int("0x10", &n), -1);
	assert_int_equal(n, 7);
}

/* ---- times -------------------------------------------------------------- */

/* 2026-11-10 13:00:00 UTC */
static time_t utc_13h(void)
{
	struct tm tm = { .tm_year = 126, .tm_mon = 10, .tm_mday = 10, .tm_hour = 13 };

	return timegm(&tm);
}

static void test_values_time(void **state)
{
	time_t want = utc_13h(), t;

	(void)state;
	assert_int_equal(atelier_value_time("2026-11-10 14:00:00+01", &t), 1);
	assert_true(t == want);
	assert_int_equal(atelier_value_time("2026-11-10 13:00:00+00", &t), 1);
	assert_true(t == want);
	assert_int_equal(atelier_value_time("2026-11-10 13:00:00Z", &t), 1);
	assert_true(t == want);
	assert_int_equal(atelier_value_time("2026-11-10T18:30:00+05:30", &t), 1);
	assert_true(t == want);
	assert_int_equal(atelier_value_time("2026-11-10 18:30:00+0530", &t), 1);
	assert_true(t == want);
	assert_int_equal(atelier_value_time("2026-11-10 10:00:00-03", &t), 1);
	assert_true(t == want);
	/* Historical offsets in seconds (LMT). */
	assert_int_equal(atelier_value_time("2026-11-10 13:09:21+00:09:21", &t), 1);
	assert_true(t == want);
	/* Fractions are dropped, not rounded. */
	assert_int_equal(atelier_value_time("2026-11-10 14:00:00.999999+01", &t), 1);
	assert_true(t == want);
	assert_int_equal(atelier_value_time("2024-02-29 00:00:00+00", &t), 1);
}

static void test_values_time_refused(void **state)
{
	static const char *const bad[] = {
		"2026-11-10 14:00:00", /* no offset: which time? */
		"2026-11-10",
		"infinity",
		"-infinity",
		"",
		"2026-11-10 14:00:00+1",
		"2026-11-10 14:00:00+01:",
		"2026-11-10 14:00:00.+01",
		"2026-11-10 14:00:00+01 ",
		"2026-11-10 14:00:00+01 BC",
		"10000-01-01 00:00:00+00",
		"2026-02-29 00:00:00+00", /* not a leap year */
		"2026-13-01 00:00:00+00",
		"2026-04-31 00:00:00+00",
		"2026-11-10 24:00:00+00",
		"2026-11-10 14:60:00+00",
		"2026-11-10 14:00:00+16",
		"2026/11/10 14:00:00+01",
	};
	time_t t = 5;
	size_t i;

	(void)state;
	assert_int_equal(atelier_value_time(NULL, &t), 0);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (atelier_value_time(bad[i], &t) != -1)
			fail_msg("accepted \"%s\"", bad[i]);
	assert_true(t == 5);
}

/* ---- text arrays -------------------------------------------------------- */

/* The items seen, "|"-separated, NULL as "(null)". */
static void collect(void *ctx, const char *item)
{
	char *buf = ctx;

	if (buf[0] != '\0')
		strcat(buf, "|");
	strcat(buf, item != NULL ? item : "(null)");
}

static int each(const char *literal, char *buf)
{
	buf[0] = '\0';
	return atelier_value_each(literal, collect, buf);
}

static void test_values_each(void **state)
{
	char buf[256];

	(void)state;
	assert_int_equal(each("{email,navigation}", buf), 1);
	assert_string_equal(buf, "email|navigation");
	assert_int_equal(each("{}", buf), 1);
	assert_string_equal(buf, "");
	assert_int_equal(each("{\"a b\",\"c\\\"d\",\"e\\\\f\",\"x,y\",\"{}\"}", buf), 1);
	assert_string_equal(buf, "a b|c\"d|e\\f|x,y|{}");
	assert_int_equal(each("{NULL,\"NULL\",\"\"}", buf), 1);
	assert_string_equal(buf, "(null)|NULL|");
	assert_int_equal(each("{d\xc3\xa9marches}", buf), 1);
	assert_string_equal(buf, "d\xc3\xa9marches");
	assert_int_equal(each(NULL, buf), 0);
	assert_int_equal(atelier_value_each("{a}", NULL, NULL), -1);
}

static void test_values_each_refused(void **state)
{
	static const char *const bad[] = {
		"",
		"a",
		"{",
		"{a",
		"{a,",
		"{a,}",
		"{,a}",
		"{a,,b}",
		"{a}x",
		"{}x",
		"{\"a}",
		"{\"a\"b}",
		"{a\"b}",
		"{{a,b},{c,d}}",
		"[0:1]={a,b}",
		"{a b}",
		"{a\\,b}",
	};
	char buf[256];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (each(bad[i], buf) != -1)
			fail_msg("accepted \"%s\"", bad[i]);
		/* Nothing was passed on before the mistake was found. */
		assert_string_equal(buf, "");
	}
}

/* ---- rows --------------------------------------------------------------- */

/* A one-row result: allowed t, n 3, at a time, empty NULL, bad "x". */
static atelier_rows *one_row(void)
{
	static const char *const names[] = { "allowed", "n", "at", "empty", "bad" };
	static const char *const values[] = { "t", "3", "2026-11-10 14:00:00+01", NULL, "x" };
	PGresAttDesc attrs[5];
	atelier_rows *rows = calloc(1, sizeof(*rows));
	int i;

	assert_non_null(rows);
	memset(attrs, 0, sizeof(attrs));
	rows->res = PQmakeEmptyPGresult(NULL, PGRES_TUPLES_OK);
	rows->row = -1;
	assert_non_null(rows->res);
	for (i = 0; i < 5; i++) {
		attrs[i].name = (char *)names[i];
		attrs[i].format = 0;
	}
	assert_true(PQsetResultAttrs(rows->res, 5, attrs));
	for (i = 0; i < 5; i++)
		assert_true(PQsetvalue(rows->res, 0, i, (char *)values[i],
				       values[i] != NULL ? (int)strlen(values[i]) : -1));
	return rows;
}

static void test_values_rows(void **state)
{
	atelier_rows *rows = one_row();
	long long n = 0;
	time_t t = 0;
	bool b = false;

	(void)state;
	/* Before the first row: no value yet. */
	assert_int_equal(atelier_rows_bool(rows, "allowed", &b), 0);
	assert_int_equal(atelier_rows_next(rows, NULL), 1);
	assert_int_equal(atelier_rows_bool(rows, "allowed", &b), 1);
	assert_true(b);
	assert_int_equal(atelier_rows_int(rows, "n", &n), 1);
	assert_int_equal(n, 3);
	assert_int_equal(atelier_rows_time(rows, "at", &t), 1);
	assert_true(t == utc_13h());
	assert_int_equal(atelier_rows_int(rows, "empty", &n), 0);
	assert_int_equal(atelier_rows_time(rows, "empty", &t), 0);
	assert_int_equal(atelier_rows_bool(rows, "bad", &b), -1);
	assert_int_equal(atelier_rows_int(rows, "bad", &n), -1);
	/* A column that is not there is a mistake, not a NULL. */
	assert_int_equal(atelier_rows_bool(rows, "nosuch", &b), -1);
	assert_int_equal(atelier_rows_int(rows, NULL, &n), -1);
	assert_int_equal(atelier_rows_time(NULL, "at", &t), -1);
	assert_int_equal(n, 3);
	atelier_rows_free(rows);
}

/* ---- the ABI rule of structs -------------------------------------------- */

static void test_values_struct_sizes(void **state)
{
	atelier_ticket_spec older, in;
	atelier_settings forgot = { .conninfo = "service=none" };
	atelier_error err;
	char big[sizeof(atelier_ticket_spec) + 32];

	(void)state;
	/* A program built before the last field: the rest reads as zero. */
	memset(&older, 0xff, sizeof(older));
	older.size = offsetof(atelier_ticket_spec, clear_procedures) + sizeof(int);
	older.minutes = 5;
	assert_int_equal(STRUCT_IN(atelier_ticket_spec, clear_procedures, ATELIER_TICKET_SPEC_INIT,
				   &in, &older, &err),
			 0);
	assert_int_equal(in.minutes, 5);
	/* A newer program: only what this library knows is read. */
	memset(big, 0x01, sizeof(big));
	((atelier_ticket_spec *)(void *)big)->size = sizeof(big);
	assert_int_equal(STRUCT_IN(atelier_ticket_spec, clear_procedures, ATELIER_TICKET_SPEC_INIT,
				   &in, big, &err),
			 0);
	/* Too small: the _INIT macro was forgotten. */
	older.size = offsetof(atelier_ticket_spec, clear_procedures);
	assert_int_equal(STRUCT_IN(atelier_ticket_spec, clear_procedures, ATELIER_TICKET_SPEC_INIT,
				   &in, &older, &err),
			 -1);
	assert_int_equal(err.category, ATELIER_E_USAGE);
	assert_non_null(strstr(err.message, "ATELIER_TICKET_SPEC_INIT"));
	/* The same through the API, before any connection is tried. */
	assert_null(atelier_open(&forgot, &err));
	assert_int_equal(err.category, ATELIER_E_USAGE);
	assert_non_null(strstr(err.message, "ATELIER_SETTINGS_INIT"));
	{
		atelier_ticket_spec t = ATELIER_TICKET_SPEC_INIT;

		assert_int_equal(t.size, sizeof(t));
		assert_int_equal(t.minutes, -1);
		assert_null(t.place);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_values_bool), cmocka_unit_test(test_values_int),
		cmocka_unit_test(test_values_time), cmocka_unit_test(test_values_time_refused),
		cmocka_unit_test(test_values_each), cmocka_unit_test(test_values_each_refused),
		cmocka_unit_test(test_values_rows), cmocka_unit_test(test_values_struct_sizes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
