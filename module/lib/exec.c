/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * exec.c - running one statement of the SQL API.  Statements are constants
 * with $n parameters; callers' values only ever travel as parameters.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static bool refuse_if_busy(atelier *h, atelier_error *err)
{
	if (h == NULL) {
		error_set(err, ATELIER_E_USAGE, "%s", _("No connection handle was given."));
		return true;
	}
	if (h->busy) {
		error_set(err, ATELIER_E_USAGE, "%s",
			  _("Finish reading the current rows before the next request."));
		return true;
	}
	return false;
}

/* Classifies a failed result: a lost connection is "unavailable", whatever
 * libpq wrote; anything else carries the database's SQLSTATE. */
static void error_from_failure(atelier *h, const PGresult *res, atelier_error *err)
{
	if (PQstatus(h->conn) == CONNECTION_BAD || res == NULL)
		error_from_conn(err, h->conn);
	else
		error_from_result(err, res);
}

/* Returns the result (caller PQclears it), or NULL with err filled. */
PGresult *exec_params(atelier *h, const char *sql, int nparams, const char *const *params,
		      atelier_error *err)
{
	PGresult *res;
	ExecStatusType st;

	if (refuse_if_busy(h, err))
		return NULL;
	/* A caller's deadline (atelier_set_deadline) needs libpq's async calls. */
	if (h->deadline_ms > 0)
		return exec_before_deadline(h, sql, nparams, params, err);
	res = PQexecParams(h->conn, sql, nparams, NULL, params, NULL, NULL, 0);
	st = PQresultStatus(res);
	if (res != NULL && (st == PGRES_TUPLES_OK || st == PGRES_COMMAND_OK))
		return res;
	error_from_failure(h, res, err);
	PQclear(res);
	return NULL;
}

atelier_rows *exec_rows(atelier *h, const char *sql, int nparams, const char *const *params,
			atelier_error *err)
{
	atelier_rows *rows;
	PGresult *res = exec_params(h, sql, nparams, params, err);

	if (res == NULL)
		return NULL;
	rows = calloc(1, sizeof(*rows));
	if (rows == NULL) {
		PQclear(res);
		error_set(err, ATELIER_E_INTERNAL, "%s", _("Out of memory."));
		return NULL;
	}
	rows->res = res;
	rows->row = -1;
	return rows;
}

/* Rows fetched one at a time (libpq single-row mode): memory stays flat
 * however many rows come.  The handle is busy until the rows are freed. */
atelier_rows *exec_stream(atelier *h, const char *sql, int nparams, const char *const *params,
			  atelier_error *err)
{
	atelier_rows *rows;

	if (refuse_if_busy(h, err))
		return NULL;
	rows = calloc(1, sizeof(*rows));
	if (rows == NULL) {
		error_set(err, ATELIER_E_INTERNAL, "%s", _("Out of memory."));
		return NULL;
	}
	if (!PQsendQueryParams(h->conn, sql, nparams, NULL, params, NULL, NULL, 0) ||
	    !PQsetSingleRowMode(h->conn)) {
		error_from_conn(err, h->conn);
		free(rows);
		return NULL;
	}
	rows->h = h;
	rows->row = -1;
	h->busy = true;
	return rows;
}

/* The first column of the first row, copied whole into out (never cut: a value
 * longer than out is an internal error); -1 with err filled. */
int exec_scalar(atelier *h, const char *sql, int nparams, const char *const *params, char *out,
		size_t outlen, atelier_error *err)
{
	PGresult *res = exec_params(h, sql, nparams, params, err);

	if (res == NULL)
		return -1;
	if (PQntuples(res) < 1 || PQnfields(res) < 1) {
		PQclear(res);
		error_set(err, ATELIER_E_INTERNAL, "%s", _("The database returned no result."));
		return -1;
	}
	if (out != NULL && outlen > 0) {
		const char *value = PQgetvalue(res, 0, 0);

		if (strlen(value) >= outlen) {
			PQclear(res);
			error_set(err, ATELIER_E_INTERNAL, "%s",
				  _("The database returned a longer value than expected."));
			return -1;
		}
		memcpy(out, value, strlen(value) + 1);
	}
	PQclear(res);
	return 0;
}

/* Staff operations name the staff session; without one, say how to get one. */
const char *require_session(atelier *h, atelier_error *err)
{
	atelier_error_clear(err);
	if (h == NULL || h->token[0] == '\0') {
		error_set(err, ATELIER_E_AUTH, "%s", _("You are not logged in."));
		error_hint(err, "%s", _("Log in first: atelier login"));
		return NULL;
	}
	return h->token;
}
