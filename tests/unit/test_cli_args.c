/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_cli_args.c - the atelier command's option parsing and value checks:
 * numbers, ids, months, dates, local times with their UTC offset (under
 * TZ=Europe/Paris, across the changes of clocks), numbered-list answers,
 * repeated and unknown options.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "../../module/cli/args.h"

#define MSG_HAS(msg, text)                                                                         \
	do {                                                                                       \
		if (strstr((msg), (text)) == NULL)                                                 \
			fail_msg("message \"%s\" lacks \"%s\"", (msg), (text));                    \
	} while (0)

static int setup_paris(void **state)
{
	(void)state;
	setenv("TZ", "Europe/Paris", 1);
	tzset();
	return 0;
}

/* ---- single values ---------------------------------------------------- */

static void test_args_int_valid(void **state)
{
	char msg[ARGS_MSG_LEN];
	long long v = -1;

	(void)state;
	assert_int_equal(args_int("--minutes", "42", 0, 1440, &v, msg, sizeof(msg)), 0);
	assert_int_equal(v, 42);
	assert_int_equal(args_int("--minutes", "0", 0, 1440, &v, msg, sizeof(msg)), 0);
	assert_int_equal(v, 0);
	assert_int_equal(args_int("--minutes", "1440", 0, 1440, &v, msg, sizeof(msg)), 0);
	assert_int_equal(v, 1440);
	assert_int_equal(args_int("x", "-5", -10, 10, &v, msg, sizeof(msg)), 0);
	assert_int_equal(v, -5);
}

static void test_args_int_refused(void **state)
{
	static const char *const bad[] = {
		"", "abc", "12x", " 12", "+12", "1441", "-1", "1.5", "99999999999999999999999",
	};
	char msg[ARGS_MSG_LEN];
	long long v = 7;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (args_int("--minutes", bad[i], 0, 1440, &v, msg, sizeof(msg)) != -1)
			fail_msg("\"%s\" was accepted", bad[i]);
		MSG_HAS(msg, "--minutes");
		MSG_HAS(msg, "from 0 to 1440");
	}
	assert_int_equal(v, 7); /* untouched on failure */
	assert_int_equal(args_int("--minutes", NULL, 0, 1, &v, msg, sizeof(msg)), -1);
}

static void test_args_id(void **state)
{
	char msg[ARGS_MSG_LEN];
	long long v = 0;

	(void)state;
	assert_int_equal(args_id("Ticket number", "12", &v, msg, sizeof(msg)), 0);
	assert_int_equal(v, 12);
	assert_int_equal(args_id("Ticket number", "#12", &v, msg, sizeof(msg)), 0);
	assert_int_equal(v, 12);
	assert_int_equal(args_id("Ticket number", "0", &v, msg, sizeof(msg)), -1);
	MSG_HAS(msg, "Ticket number: \"0\" is not a number such as 12.");
	assert_int_equal(args_id("Ticket number", "#", &v, msg, sizeof(msg)), -1);
	assert_int_equal(args_id("Ticket number", "twelve", &v, msg, sizeof(msg)), -1);
	MSG_HAS(msg, "twelve");
}

static void test_args_month(void **state)
{
	static const char *const bad[] = { "2026-13", "2026-00",    "2026-1", "26-11",
					   "2026/11", "2026-11-01", "",       "abcd-ef" };
	char out[ARGS_VALUE_LEN], msg[ARGS_MSG_LEN];
	size_t i;

	(void)state;
	assert_int_equal(args_month("--month", "2026-11", out, msg, sizeof(msg)), 0);
	assert_string_equal(out, "2026-11");
	assert_int_equal(args_month("--month", "2027-01", out, msg, sizeof(msg)), 0);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (args_month("--month", bad[i], out, msg, sizeof(msg)) != -1)
			fail_msg("\"%s\" was accepted as a month", bad[i]);
		MSG_HAS(msg, "YYYY-MM");
	}
}

static void test_args_date(void **state)
{
	static const char *const bad[] = { "2023-02-29",
					   "2026-11-31",
					   "2026-13-01",
					   "2026-11-1",
					   "10/11/2026",
					   "2026-11-10 14:00",
					   "" };
	char out[ARGS_VALUE_LEN], msg[ARGS_MSG_LEN];
	size_t i;

	(void)state;
	assert_int_equal(args_date("--until", "2024-02-29", out, msg, sizeof(msg)), 0);
	assert_string_equal(out, "2024-02-29");
	assert_int_equal(args_date("--until", "2026-12-31", out, msg, sizeof(msg)), 0);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (args_date("--until", bad[i], out, msg, sizeof(msg)) != -1)
			fail_msg("\"%s\" was accepted as a date", bad[i]);
		MSG_HAS(msg, "--until");
		MSG_HAS(msg, "YYYY-MM-DD");
	}
}

static void test_args_local_time_offsets(void **state)
{
	char out[ARGS_VALUE_LEN], msg[ARGS_MSG_LEN];

	(void)state;
	/* Winter: UTC+1; summer: UTC+2, as mktime() finds for each date. */
	assert_int_equal(args_local_time("--start", "2026-11-10 14:00", out, msg, sizeof(msg)), 0);
	assert_string_equal(out, "2026-11-10 14:00:00+01:00");
	assert_int_equal(args_local_time("--start", "2026-07-10 09:05", out, msg, sizeof(msg)), 0);
	assert_string_equal(out, "2026-07-10 09:05:00+02:00");
	assert_int_equal(args_local_time("--start", "2030-03-31 03:00", out, msg, sizeof(msg)), 0);
	assert_string_equal(out, "2030-03-31 03:00:00+02:00");
	assert_int_equal(args_local_time("--start", "2026-11-10T08:30", out, msg, sizeof(msg)), 0);
	assert_string_equal(out, "2026-11-10 08:30:00+01:00");
}

static void test_args_local_time_refused(void **state)
{
	static const char *const bad[] = {
		"2026-11-10",          "2026-11-10 14h00", "2026-11-10 24:00", "2026-11-10 14:60",
		"2026-11-10 14:00:00", "05/03/2030 14h",   "2026-02-30 10:00", "",
		"2026-11-10  14:00",
	};
	char out[ARGS_VALUE_LEN], msg[ARGS_MSG_LEN];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (args_local_time("--start", bad[i], out, msg, sizeof(msg)) != -1)
			fail_msg("\"%s\" was accepted as a time", bad[i]);
		MSG_HAS(msg, "YYYY-MM-DD HH:MM");
	}
	/* 02:30 does not exist on the night clocks go forward in Paris. */
	assert_int_equal(args_local_time("--start", "2030-03-31 02:30", out, msg, sizeof(msg)), -1);
	MSG_HAS(msg, "does not exist");
}

static void test_args_day_start(void **state)
{
	char out[ARGS_VALUE_LEN];

	(void)state;
	assert_int_equal(args_day_start("2026-03-29", 0, out), 0);
	assert_string_equal(out, "2026-03-29 00:00:00+01:00");
	assert_int_equal(args_day_start("2026-03-29", 1, out), 0);
	assert_string_equal(out, "2026-03-30 00:00:00+02:00");
	assert_int_equal(args_day_start("2026-12-31", 1, out), 0);
	assert_string_equal(out, "2027-01-01 00:00:00+01:00");
	assert_int_equal(args_day_start("2026-03-01", -1, out), 0);
	assert_string_equal(out, "2026-02-28 00:00:00+01:00");
	assert_int_equal(args_day_start("2026-02-30", 0, out), -1);
	assert_int_equal(args_day_start(NULL, 0, out), -1);
}

static void test_args_numbers(void **state)
{
	char msg[ARGS_MSG_LEN];
	size_t out[19];

	(void)state;
	assert_int_equal(args_numbers("1 3,5", 19, out, msg, sizeof(msg)), 3);
	assert_int_equal(out[0], 0);
	assert_int_equal(out[1], 2);
	assert_int_equal(out[2], 4);
	assert_int_equal(args_numbers(" 19 , 19,2 ", 19, out, msg, sizeof(msg)), 2);
	assert_int_equal(out[0], 18);
	assert_int_equal(out[1], 1);
	assert_int_equal(args_numbers("", 19, out, msg, sizeof(msg)), 0);
	assert_int_equal(args_numbers("  ,, ", 19, out, msg, sizeof(msg)), 0);
	assert_int_equal(args_numbers("0", 19, out, msg, sizeof(msg)), -1);
	MSG_HAS(msg, "\"0\"");
	MSG_HAS(msg, "1 to 19");
	assert_int_equal(args_numbers("3 20", 19, out, msg, sizeof(msg)), -1);
	MSG_HAS(msg, "\"20\"");
	assert_int_equal(args_numbers("2;3", 19, out, msg, sizeof(msg)), -1);
	assert_int_equal(args_numbers("e-mail", 19, out, msg, sizeof(msg)), -1);
}

/* ---- options ----------------------------------------------------------- */

struct opts {
	const char *site, *note, *outcome;
	struct arg_list themes;
	bool anonymous;
	long long minutes, every;
	char until[ARGS_VALUE_LEN], month[ARGS_VALUE_LEN], start[ARGS_VALUE_LEN];
};

static const char *const outcomes[] = { "resolved", "referred", "abandoned", NULL };

/* Parses a NULL-terminated argv against a fixed set of specs. */
static int parse(struct opts *o, struct args_result *r, char **argv)
{
	const struct arg_spec specs[] = {
		{ .name = "site", .kind = ARG_TEXT, .target = &o->site },
		{ .name = "note", .kind = ARG_TEXT, .target = &o->note, .flags = ARG_EMPTY_OK },
		{ .name = "theme", .kind = ARG_LIST, .target = &o->themes },
		{ .name = "anonymous", .kind = ARG_FLAG, .target = &o->anonymous },
		{ .name = "minutes",
		  .short_name = 'm',
		  .kind = ARG_INT,
		  .target = &o->minutes,
		  .min = 0,
		  .max = 1440 },
		{ .name = "every",
		  .kind = ARG_INT,
		  .target = &o->every,
		  .min = 1,
		  .max = 366,
		  .word = "weekly",
		  .word_value = 7 },
		{ .name = "outcome",
		  .kind = ARG_CHOICE,
		  .target = &o->outcome,
		  .choices = outcomes },
		{ .name = "until", .kind = ARG_DATE, .target = o->until },
		{ .name = "month", .kind = ARG_MONTH, .target = o->month },
		{ .name = "start", .kind = ARG_TIME, .target = o->start },
		{ .name = NULL }
	};
	int argc = 0;

	memset(o, 0, sizeof(*o));
	o->minutes = -1;
	while (argv[argc] != NULL)
		argc++;
	return args_parse(specs, argc, argv, r);
}

static void test_args_parse_all_kinds(void **state)
{
	char *argv[] = { "open",      "12",       "--site",      "BIB1",
			 "--theme",   "email",    "--anonymous", "--theme=navigation",
			 "-m",        "20",       "--every",     "weekly",
			 "--outcome", "referred", "--until",     "2026-12-31",
			 "--month",   "2026-11",  "--start",     "2026-11-10 14:00",
			 "--note",    "",         "last",        NULL };
	struct args_result r;
	struct opts o;

	(void)state;
	assert_int_equal(parse(&o, &r, argv), 0);
	assert_false(r.help);
	assert_null(r.format);
	assert_int_equal(r.nopts, 11);
	/* Positional arguments, before and after the options, in order. */
	assert_int_equal(r.npos, 2);
	assert_string_equal(r.pos[0], "12");
	assert_string_equal(r.pos[1], "last");
	assert_string_equal(o.site, "BIB1");
	assert_string_equal(o.note, "");
	assert_int_equal(o.themes.n, 2);
	assert_string_equal(o.themes.items[0], "email");
	assert_string_equal(o.themes.items[1], "navigation");
	assert_true(o.anonymous);
	assert_int_equal(o.minutes, 20);
	assert_int_equal(o.every, 7);
	assert_string_equal(o.outcome, "referred");
	assert_string_equal(o.until, "2026-12-31");
	assert_string_equal(o.month, "2026-11");
	assert_string_equal(o.start, "2026-11-10 14:00:00+01:00");
}

static void test_args_parse_nothing(void **state)
{
	char *argv[] = { "open", NULL };
	struct args_result r;
	struct opts o;

	(void)state;
	assert_int_equal(parse(&o, &r, argv), 0);
	assert_int_equal(r.nopts, 0);
	assert_int_equal(r.npos, 0);
	assert_int_equal(o.minutes, -1);
	assert_null(o.site);
}

static void test_args_parse_format_and_end(void **state)
{
	char *argv[] = { "list", "--format", "tsv", "--", "--site", "-x", NULL };
	struct args_result r;
	struct opts o;

	(void)state;
	assert_int_equal(parse(&o, &r, argv), 0);
	assert_string_equal(r.format, "tsv");
	assert_int_equal(r.nopts, 0);
	/* After "--", everything is an argument. */
	assert_int_equal(r.npos, 2);
	assert_string_equal(r.pos[0], "--site");
	assert_string_equal(r.pos[1], "-x");
	assert_null(o.site);
}

static void test_args_parse_help_wins(void **state)
{
	char *argv[] = { "open", "--nosuch", "--minutes", "lots", "--help", NULL };
	char *argv_short[] = { "open", "-h", NULL };
	struct args_result r;
	struct opts o;

	(void)state;
	assert_int_equal(parse(&o, &r, argv), 0);
	assert_true(r.help);
	assert_int_equal(parse(&o, &r, argv_short), 0);
	assert_true(r.help);
}

struct refusal {
	char *argv[6];
	const char *message;
};

static void test_args_parse_refusals(void **state)
{
	static const struct refusal cases[] = {
		{ { "open", "--nosuch", NULL }, "Unknown option \"--nosuch\"." },
		{ { "open", "-q", NULL }, "Unknown option \"-q\"." },
		{ { "open", "--site", NULL }, "The option --site needs a value." },
		{ { "open", "-m", NULL }, "The option -m needs a value." },
		{ { "open", "--site", "", NULL }, "The option --site needs a value." },
		{ { "open", "--site", "A", "--site", "B", NULL },
		  "The option --site is given twice; give it once." },
		{ { "open", "--anonymous", "--anonymous", NULL },
		  "The option --anonymous is given twice" },
		{ { "open", "--anonymous=yes", NULL }, "The option --anonymous takes no value." },
		{ { "open", "--minutes", "lots", NULL },
		  "--minutes: \"lots\" is not a whole number from 0 to 1440." },
		{ { "open", "--every", "monthly", NULL },
		  "--every: \"monthly\" is not a whole number from 1 to 366." },
		{ { "open", "--outcome", "done", NULL },
		  "--outcome: \"done\" is not one of: resolved, referred, abandoned." },
		{ { "open", "--until", "2026-02-30", NULL }, "--until: \"2026-02-30\"" },
		{ { "open", "--month", "2026-13", NULL }, "--month: \"2026-13\" is not a month" },
		{ { "open", "--start", "tomorrow", NULL },
		  "--start: \"tomorrow\" is not a date and time" },
		{ { "open", "--format", "csv", "--format", "tsv", NULL },
		  "The option --format is given twice" },
	};
	struct args_result r;
	struct opts o;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		if (parse(&o, &r, (char **)cases[i].argv) != -1)
			fail_msg("case %zu (%s) was accepted", i, cases[i].argv[1]);
		MSG_HAS(r.message, cases[i].message);
	}
}

static void test_args_parse_list_limit(void **state)
{
	char *argv[2 * ARGS_LIST_MAX + 4];
	struct args_result r;
	struct opts o;
	int i, n = 0;

	(void)state;
	argv[n++] = "open";
	for (i = 0; i < ARGS_LIST_MAX + 1; i++) {
		argv[n++] = "--theme";
		argv[n++] = "email";
	}
	argv[n] = NULL;
	assert_int_equal(parse(&o, &r, argv), -1);
	MSG_HAS(r.message, "Too many --theme options");
	argv[2 * ARGS_LIST_MAX + 1] = NULL; /* exactly the most allowed */
	assert_int_equal(parse(&o, &r, argv), 0);
	assert_int_equal(o.themes.n, ARGS_LIST_MAX);
}

static void test_args_parse_too_many_positional(void **state)
{
	char *argv[ARGS_POS_MAX + 3];
	struct args_result r;
	struct opts o;
	int i;

	(void)state;
	argv[0] = "x";
	for (i = 1; i <= ARGS_POS_MAX + 1; i++)
		argv[i] = "arg";
	argv[ARGS_POS_MAX + 2] = NULL;
	assert_int_equal(parse(&o, &r, argv), -1);
	MSG_HAS(r.message, "Too many arguments");
}

/* A command whose specs name --format itself (export) gets it, not r.format. */
static void test_args_parse_own_format(void **state)
{
	static const char *const formats[] = { "csv", "xml", "html", NULL };
	const char *format = "csv";
	const char *output = NULL;
	const struct arg_spec specs[] = {
		{ .name = "format", .kind = ARG_CHOICE, .target = &format, .choices = formats },
		{ .name = "output", .short_name = 'o', .kind = ARG_TEXT, .target = &output },
		{ .name = NULL }
	};
	char *argv[] = { "export", "--format", "xml", "-o", "f.csv", NULL };
	char *bad[] = { "export", "--format", "tsv", NULL };
	struct args_result r;

	(void)state;
	assert_int_equal(args_parse(specs, 5, argv, &r), 0);
	assert_null(r.format);
	assert_string_equal(format, "xml");
	assert_string_equal(output, "f.csv");
	assert_int_equal(args_parse(specs, 3, bad, &r), -1);
	MSG_HAS(r.message, "is not one of: csv, xml, html");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_args_int_valid),
		cmocka_unit_test(test_args_int_refused),
		cmocka_unit_test(test_args_id),
		cmocka_unit_test(test_args_month),
		cmocka_unit_test(test_args_date),
		cmocka_unit_test(test_args_local_time_offsets),
		cmocka_unit_test(test_args_local_time_refused),
		cmocka_unit_test(test_args_day_start),
		cmocka_unit_test(test_args_numbers),
		cmocka_unit_test(test_args_parse_all_kinds),
		cmocka_unit_test(test_args_parse_nothing),
		cmocka_unit_test(test_args_parse_format_and_end),
		cmocka_unit_test(test_args_parse_help_wins),
		cmocka_unit_test(test_args_parse_refusals),
		cmocka_unit_test(test_args_parse_list_limit),
		cmocka_unit_test(test_args_parse_too_many_positional),
		cmocka_unit_test(test_args_parse_own_format),
	};

	return cmocka_run_group_tests(tests, setup_paris, NULL);
}
