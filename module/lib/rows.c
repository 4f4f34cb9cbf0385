/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * rows.c - the row iterator over a whole result or a stream of single rows.
 */
#include <stdlib.h>

#include "internal.h"

/* Reads what is left of a stream so the connection is usable again. */
static void drain(atelier_rows *rows)
{
	PGresult *res;

	while ((res = PQgetResult(rows->h->conn)) != NULL)
		PQclear(res);
	rows->h->busy = false;
	rows->h = NULL;
	rows->done = true;
}

static int next_streamed(atelier_rows *rows, atelier_error *err)
{
	PGresult *res;
	ExecStatusType st;

	PQclear(rows->res);
	rows->res = NULL;
	res = PQgetResult(rows->h->conn);
	st = PQresultStatus(res);
	if (st == PGRES_SINGLE_TUPLE) {
		rows->res = res;
		rows->row = 0;
		return 1;
	}
	if (st == PGRES_TUPLES_OK) {
		PQclear(res);
		drain(rows);
		return 0;
	}
	if (res == NULL || PQstatus(rows->h->conn) == CONNECTION_BAD)
		error_from_conn(err, rows->h->conn);
	else
		error_from_result(err, res);
	PQclear(res);
	drain(rows);
	return -1;
}

int atelier_rows_next(atelier_rows *rows, atelier_error *err)
{
	if (rows == NULL || rows->done)
		return 0;
	if (rows->h != NULL)
		return next_streamed(rows, err);
	if (rows->row + 1 >= PQntuples(rows->res)) {
		rows->done = true;
		return 0;
	}
	rows->row++;
	return 1;
}

static bool on_row(const atelier_rows *rows)
{
	return rows != NULL && rows->res != NULL && rows->row >= 0 &&
	       rows->row < PQntuples(rows->res);
}

const char *atelier_rows_value(const atelier_rows *rows, int i)
{
	if (!on_row(rows) || i < 0 || i >= PQnfields(rows->res) ||
	    PQgetisnull(rows->res, rows->row, i))
		return NULL;
	return PQgetvalue(rows->res, rows->row, i);
}

const char *atelier_rows_get(const atelier_rows *rows, const char *column)
{
	if (rows == NULL || rows->res == NULL || column == NULL)
		return NULL;
	return atelier_rows_value(rows, PQfnumber(rows->res, column));
}

int atelier_rows_columns(const atelier_rows *rows)
{
	return rows != NULL && rows->res != NULL ? PQnfields(rows->res) : 0;
}

const char *atelier_rows_column_name(const atelier_rows *rows, int i)
{
	if (rows == NULL || rows->res == NULL || i < 0 || i >= PQnfields(rows->res))
		return NULL;
	return PQfname(rows->res, i);
}

void atelier_rows_free(atelier_rows *rows)
{
	if (rows == NULL)
		return;
	if (rows->h != NULL) {
		/* Stopped early: ask the server to stop sending, then drain. */
		PGcancel *cancel = PQgetCancel(rows->h->conn);
		char buf[256];

		if (cancel != NULL) {
			(void)PQcancel(cancel, buf, sizeof(buf));
			PQfreeCancel(cancel);
		}
		drain(rows);
	}
	PQclear(rows->res);
	free(rows);
}
