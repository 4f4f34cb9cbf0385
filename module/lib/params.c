/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * params.c - small helpers shared by the operations: numbers as parameter
 * text, and calls whose result is one outcome word or one number.
 */
#include <stdio.h>

#include "internal.h"

const char *param_ll(numbuf buf, long long v)
{
	snprintf(buf, sizeof(numbuf), "%lld", v);
	return buf;
}

/* NULL (SQL NULL) when v is the caller's "not given" value. */
const char *param_int_or_null(numbuf buf, int v, int absent)
{
	if (v == absent)
		return NULL;
	snprintf(buf, sizeof(numbuf), "%d", v);
	return buf;
}

const char *param_bool(int v)
{
	return v ? "true" : "false";
}

int outcome_call(atelier *h, const char *sql, int nparams, const char *const *params,
		 char outcome[ATELIER_OUTCOME_LEN], atelier_error *err)
{
	char word[ATELIER_OUTCOME_LEN];

	atelier_error_clear(err);
	if (exec_scalar(h, sql, nparams, params, word, sizeof(word), err) != 0)
		return -1;
	if (outcome != NULL)
		snprintf(outcome, ATELIER_OUTCOME_LEN, "%s", word);
	return 0;
}

int id_call(atelier *h, const char *sql, int nparams, const char *const *params, long long *id,
	    atelier_error *err)
{
	char text[32];
	long long n;

	atelier_error_clear(err);
	if (exec_scalar(h, sql, nparams, params, text, sizeof(text), err) != 0)
		return -1;
	if (atelier_value_int(text, &n) != 1) {
		error_set(err, ATELIER_E_INTERNAL, "%s", _("The database returned no result."));
		return -1;
	}
	if (id != NULL)
		*id = n;
	return 0;
}

/* The many reads that take the staff session and one number ($1, $2). */
atelier_rows *token_id_rows(atelier *h, const char *sql, long long id, atelier_error *err)
{
	const char *token = require_session(h, err);
	numbuf idtext;

	if (token == NULL)
		return NULL;
	{
		const char *p[] = { token, param_ll(idtext, id) };

		return exec_rows(h, sql, 2, p, err);
	}
}
