/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * category.c - error categories: from SQLSTATE, to names, to exit codes.
 *
 * The database guards every rule and reports a refusal as a SQLSTATE;
 * this file is the single place that decides what each code means to a
 * caller, so the CLI, the PAM module and the host all agree.
 */
#include <stdbool.h>
#include <string.h>

#include "atelier.h"

/* A SQLSTATE is exactly five characters of [0-9A-Z] (SQL standard). */
static bool sqlstate_is_wellformed(const char *s)
{
	size_t i;

	for (i = 0; i < 5; i++) {
		char c = s[i];

		/* The NUL terminator fails this test, so short codes stop here. */
		if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z')))
			return false;
	}
	return s[5] == '\0';
}

/* atelier's own codes, class "AT": the third character is the category. */
static atelier_category category_from_atelier_code(const char *s)
{
	switch (s[2]) {
	case 'U':
		return ATELIER_E_USAGE;
	case 'N':
		return ATELIER_E_NOT_FOUND;
	case 'C':
		return ATELIER_E_CONFLICT;
	case 'F':
		return ATELIER_E_FULL;
	case 'X':
		return ATELIER_E_FORBIDDEN;
	case 'A':
		return ATELIER_E_AUTH;
	default:
		return ATELIER_E_INTERNAL;
	}
}

/* Codes PostgreSQL itself raises whose meaning is fixed by one full code. */
static const struct {
	const char *code;
	atelier_category category;
} exact_codes[] = {
	{ "23P01", ATELIER_E_CONFLICT },    /* exclusion violation: double booking */
	{ "23505", ATELIER_E_CONFLICT },    /* unique violation */
	{ "40001", ATELIER_E_CONFLICT },    /* serialization failure: retryable */
	{ "40P01", ATELIER_E_CONFLICT },    /* deadlock detected: retryable */
	{ "23503", ATELIER_E_USAGE },       /* foreign key: names something absent */
	{ "23514", ATELIER_E_USAGE },       /* check constraint */
	{ "23502", ATELIER_E_USAGE },       /* not null */
	{ "42501", ATELIER_E_FORBIDDEN },   /* insufficient privilege */
	{ "57014", ATELIER_E_UNAVAILABLE }, /* query canceled: statement_timeout */
	{ "57P01", ATELIER_E_UNAVAILABLE }, /* admin shutdown */
	{ "57P02", ATELIER_E_UNAVAILABLE }, /* crash shutdown */
	{ "57P03", ATELIER_E_UNAVAILABLE }, /* cannot connect now (starting up) */
};

/* Classes (first two characters) whose every code means the same thing. */
static const struct {
	const char *class;
	atelier_category category;
} class_codes[] = {
	{ "22", ATELIER_E_USAGE },       /* data exception: bad input value */
	{ "08", ATELIER_E_UNAVAILABLE }, /* connection exception */
	{ "53", ATELIER_E_UNAVAILABLE }, /* insufficient resources */
	{ "28", ATELIER_E_AUTH },        /* invalid authorization specification */
};

atelier_category atelier_category_from_sqlstate(const char *sqlstate)
{
	size_t i;

	if (sqlstate == NULL || !sqlstate_is_wellformed(sqlstate))
		return ATELIER_E_INTERNAL;

	if (sqlstate[0] == 'A' && sqlstate[1] == 'T')
		return category_from_atelier_code(sqlstate);

	/* Exact codes first: 42501 must win over the rest of class 42. */
	for (i = 0; i < sizeof exact_codes / sizeof exact_codes[0]; i++)
		if (memcmp(sqlstate, exact_codes[i].code, 5) == 0)
			return exact_codes[i].category;

	for (i = 0; i < sizeof class_codes / sizeof class_codes[0]; i++)
		if (memcmp(sqlstate, class_codes[i].class, 2) == 0)
			return class_codes[i].category;

	/* Everything else, P0001 and the rest of class 42 included, is a bug. */
	return ATELIER_E_INTERNAL;
}

const char *atelier_category_name(atelier_category c)
{
	switch (c) {
	case ATELIER_OK:
		return "ok";
	case ATELIER_E_USAGE:
		return "usage";
	case ATELIER_E_NOT_FOUND:
		return "not-found";
	case ATELIER_E_CONFLICT:
		return "conflict";
	case ATELIER_E_FULL:
		return "full";
	case ATELIER_E_FORBIDDEN:
		return "forbidden";
	case ATELIER_E_UNAVAILABLE:
		return "unavailable";
	case ATELIER_E_AUTH:
		return "auth";
	case ATELIER_E_INTERNAL:
		return "internal";
	}
	/* A value cast from outside the enumeration. */
	return "internal";
}

int atelier_category_exit_code(atelier_category c)
{
	switch (c) {
	case ATELIER_OK:
		return 0;
	case ATELIER_E_CONFLICT:
	case ATELIER_E_FULL:
	case ATELIER_E_FORBIDDEN:
	case ATELIER_E_NOT_FOUND:
		return 1; /* refused by a rule */
	case ATELIER_E_USAGE:
		return 2;
	case ATELIER_E_UNAVAILABLE:
		return 3;
	case ATELIER_E_AUTH:
		return 4;
	case ATELIER_E_INTERNAL:
		return 5;
	}
	return 5;
}
