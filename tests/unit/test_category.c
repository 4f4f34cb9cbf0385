/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_category.c - SQLSTATE classification, category names, exit codes.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "atelier.h"

struct sqlstate_case {
	const char *sqlstate;
	atelier_category expected;
};

static void check_cases(const struct sqlstate_case *cases, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		atelier_category got = atelier_category_from_sqlstate(cases[i].sqlstate);

		if (got != cases[i].expected)
			fail_msg("sqlstate %s: got %s, expected %s",
				 cases[i].sqlstate ? cases[i].sqlstate : "(null)",
				 atelier_category_name(got),
				 atelier_category_name(cases[i].expected));
	}
}

#define CHECK_CASES(c) check_cases((c), sizeof(c) / sizeof((c)[0]))

static void test_category_atelier_codes(void **state)
{
	static const struct sqlstate_case cases[] = {
		{ "ATU01", ATELIER_E_USAGE },     { "ATU99", ATELIER_E_USAGE },
		{ "ATN01", ATELIER_E_NOT_FOUND }, { "ATNZZ", ATELIER_E_NOT_FOUND },
		{ "ATC01", ATELIER_E_CONFLICT },  { "ATF01", ATELIER_E_FULL },
		{ "ATX01", ATELIER_E_FORBIDDEN }, { "ATA01", ATELIER_E_AUTH },
		{ "AT000", ATELIER_E_INTERNAL },  { "ATZ01", ATELIER_E_INTERNAL },
		{ "ATI01", ATELIER_E_INTERNAL },  { "ATB01", ATELIER_E_INTERNAL },
	};
	(void)state;
	CHECK_CASES(cases);
}

static void test_category_conflict(void **state)
{
	static const struct sqlstate_case cases[] = {
		{ "23P01", ATELIER_E_CONFLICT }, /* exclusion violation */
		{ "23505", ATELIER_E_CONFLICT }, /* unique violation */
		{ "40001", ATELIER_E_CONFLICT }, /* serialization failure */
		{ "40P01", ATELIER_E_CONFLICT }, /* deadlock detected */
	};
	(void)state;
	CHECK_CASES(cases);
}

static void test_category_usage(void **state)
{
	static const struct sqlstate_case cases[] = {
		{ "23503", ATELIER_E_USAGE }, /* foreign key violation */
		{ "23514", ATELIER_E_USAGE }, /* check violation */
		{ "23502", ATELIER_E_USAGE }, /* not null violation */
		{ "22000", ATELIER_E_USAGE }, /* data exception */
		{ "22001", ATELIER_E_USAGE }, /* string data right truncation */
		{ "22003", ATELIER_E_USAGE }, /* numeric value out of range */
		{ "22007", ATELIER_E_USAGE }, /* invalid datetime format */
		{ "22P02", ATELIER_E_USAGE }, /* invalid text representation */
	};
	(void)state;
	CHECK_CASES(cases);
}

static void test_category_other_class_23_is_internal(void **state)
{
	static const struct sqlstate_case cases[] = {
		{ "23000", ATELIER_E_INTERNAL }, /* integrity constraint violation */
		{ "23001", ATELIER_E_INTERNAL }, /* restrict violation */
	};
	(void)state;
	CHECK_CASES(cases);
}

static void test_category_class_42(void **state)
{
	static const struct sqlstate_case cases[] = {
		{ "42501", ATELIER_E_FORBIDDEN }, /* insufficient privilege */
		{ "42883", ATELIER_E_INTERNAL },  /* undefined function */
		{ "42P01", ATELIER_E_INTERNAL },  /* undefined table */
		{ "42601", ATELIER_E_INTERNAL },  /* syntax error */
		{ "42000", ATELIER_E_INTERNAL },
	};
	(void)state;
	CHECK_CASES(cases);
}

static void test_category_unavailable(void **state)
{
	static const struct sqlstate_case cases[] = {
		{ "08000", ATELIER_E_UNAVAILABLE }, /* connection exception */
		{ "08001", ATELIER_E_UNAVAILABLE },
		{ "08006", ATELIER_E_UNAVAILABLE }, /* connection failure */
		{ "08P01", ATELIER_E_UNAVAILABLE }, /* protocol violation */
		{ "57014", ATELIER_E_UNAVAILABLE }, /* query canceled */
		{ "57P01", ATELIER_E_UNAVAILABLE }, /* admin shutdown */
		{ "57P02", ATELIER_E_UNAVAILABLE }, /* crash shutdown */
		{ "57P03", ATELIER_E_UNAVAILABLE }, /* cannot connect now */
		{ "53000", ATELIER_E_UNAVAILABLE }, /* insufficient resources */
		{ "53100", ATELIER_E_UNAVAILABLE }, /* disk full */
		{ "53200", ATELIER_E_UNAVAILABLE }, /* out of memory */
		{ "53300", ATELIER_E_UNAVAILABLE }, /* too many connections */
	};
	(void)state;
	CHECK_CASES(cases);
}

static void test_category_other_class_57_is_internal(void **state)
{
	static const struct sqlstate_case cases[] = {
		{ "57000", ATELIER_E_INTERNAL }, /* operator intervention */
		{ "57P04", ATELIER_E_INTERNAL }, /* database dropped */
	};
	(void)state;
	CHECK_CASES(cases);
}

static void test_category_auth(void **state)
{
	static const struct sqlstate_case cases[] = {
		{ "28000", ATELIER_E_AUTH }, /* invalid authorization specification */
		{ "28P01", ATELIER_E_AUTH }, /* invalid password */
	};
	(void)state;
	CHECK_CASES(cases);
}

static void test_category_internal(void **state)
{
	static const struct sqlstate_case cases[] = {
		{ "P0001", ATELIER_E_INTERNAL }, /* raise_exception */
		{ "P0002", ATELIER_E_INTERNAL }, /* no_data_found */
		{ "XX000", ATELIER_E_INTERNAL }, /* internal error */
		{ "00000", ATELIER_E_INTERNAL },
		{ "25P02", ATELIER_E_INTERNAL }, /* in failed transaction */
		{ "0A000", ATELIER_E_INTERNAL }, /* feature not supported */
	};
	(void)state;
	CHECK_CASES(cases);
}

static void test_category_malformed(void **state)
{
	static const struct sqlstate_case cases[] = {
		{ NULL, ATELIER_E_INTERNAL },
		{ "", ATELIER_E_INTERNAL },
		{ "ATN0", ATELIER_E_INTERNAL },   /* too short */
		{ "ATN012", ATELIER_E_INTERNAL }, /* too long */
		{ "atn01", ATELIER_E_INTERNAL },  /* lowercase */
		{ "ATn01", ATELIER_E_INTERNAL },
		{ "23p01", ATELIER_E_INTERNAL },
		{ "23505 ", ATELIER_E_INTERNAL }, /* trailing space */
		{ " 23505", ATELIER_E_INTERNAL },
		{ "AT-01", ATELIER_E_INTERNAL },
		{ "2350\n", ATELIER_E_INTERNAL },
		{ "AT\xc3\x89"
		  "1",
		  ATELIER_E_INTERNAL }, /* non-ASCII */
	};
	(void)state;
	CHECK_CASES(cases);
}

static void test_category_names(void **state)
{
	(void)state;
	assert_string_equal(atelier_category_name(ATELIER_OK), "ok");
	assert_string_equal(atelier_category_name(ATELIER_E_USAGE), "usage");
	assert_string_equal(atelier_category_name(ATELIER_E_NOT_FOUND), "not-found");
	assert_string_equal(atelier_category_name(ATELIER_E_CONFLICT), "conflict");
	assert_string_equal(atelier_category_name(ATELIER_E_FULL), "full");
	assert_string_equal(atelier_category_name(ATELIER_E_FORBIDDEN), "forbidden");
	assert_string_equal(atelier_category_name(ATELIER_E_UNAVAILABLE), "unavailable");
	assert_string_equal(atelier_category_name(ATELIER_E_AUTH), "auth");
	assert_string_equal(atelier_category_name(ATELIER_E_INTERNAL), "internal");
	/* Values outside the enumeration, as a careless cast could produce. */
	assert_string_equal(atelier_category_name((atelier_category)99), "internal");
	assert_string_equal(atelier_category_name((atelier_category)-1), "internal");
}

static void test_category_exit_codes(void **state)
{
	(void)state;
	assert_int_equal(atelier_category_exit_code(ATELIER_OK), 0);
	assert_int_equal(atelier_category_exit_code(ATELIER_E_CONFLICT), 1);
	assert_int_equal(atelier_category_exit_code(ATELIER_E_FULL), 1);
	assert_int_equal(atelier_category_exit_code(ATELIER_E_FORBIDDEN), 1);
	assert_int_equal(atelier_category_exit_code(ATELIER_E_NOT_FOUND), 1);
	assert_int_equal(atelier_category_exit_code(ATELIER_E_USAGE), 2);
	assert_int_equal(atelier_category_exit_code(ATELIER_E_UNAVAILABLE), 3);
	assert_int_equal(atelier_category_exit_code(ATELIER_E_AUTH), 4);
	assert_int_equal(atelier_category_exit_code(ATELIER_E_INTERNAL), 5);
	assert_int_equal(atelier_category_exit_code((atelier_category)99), 5);
}

/* Codes from the database go through name and exit code end to end. */
static void test_category_sqlstate_to_exit_code(void **state)
{
	(void)state;
	assert_int_equal(atelier_category_exit_code(atelier_category_from_sqlstate("23P01")), 1);
	assert_int_equal(atelier_category_exit_code(atelier_category_from_sqlstate("ATU01")), 2);
	assert_int_equal(atelier_category_exit_code(atelier_category_from_sqlstate("57014")), 3);
	assert_int_equal(atelier_category_exit_code(atelier_category_from_sqlstate("ATA01")), 4);
	assert_int_equal(atelier_category_exit_code(atelier_category_from_sqlstate(NULL)), 5);
}

static void test_category_version(void **state)
{
	const char *v = atelier_version();

	(void)state;
	assert_non_null(v);
	assert_true(strlen(v) > 0);
	assert_true(v[0] >= '0' && v[0] <= '9');
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_category_atelier_codes),
		cmocka_unit_test(test_category_conflict),
		cmocka_unit_test(test_category_usage),
		cmocka_unit_test(test_category_other_class_23_is_internal),
		cmocka_unit_test(test_category_class_42),
		cmocka_unit_test(test_category_unavailable),
		cmocka_unit_test(test_category_other_class_57_is_internal),
		cmocka_unit_test(test_category_auth),
		cmocka_unit_test(test_category_internal),
		cmocka_unit_test(test_category_malformed),
		cmocka_unit_test(test_category_names),
		cmocka_unit_test(test_category_exit_codes),
		cmocka_unit_test(test_category_sqlstate_to_exit_code),
		cmocka_unit_test(test_category_version),
	};

	return cmocka_run_group_tests_name("category", tests, NULL, NULL);
}
