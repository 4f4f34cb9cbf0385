/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * connect.c - opening a libpq connection within a deadline: a non-blocking
 * connect polled with poll(), as libpq's documentation describes, because
 * connect_timeout is in whole seconds with a floor of 2.  (Host names are
 * still resolved by a blocking getaddrinfo(): use hostaddr where it matters.)
 */
#include <poll.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

PGconn *connect_before_deadline(const char *const *keys, const char *const *vals, int budget_ms,
				bool *timed_out)
{
	long long deadline = atelier_clock_ms() + budget_ms;
	PostgresPollingStatusType st = PGRES_POLLING_WRITING;
	PGconn *conn;

	*timed_out = false;
	conn = PQconnectStartParams(keys, vals, 1);
	if (conn == NULL || PQstatus(conn) == CONNECTION_BAD)
		return conn;
	/* Verbose errors carry the server's SQLSTATE ("FATAL:  28P01: ..."), the
	 * only way to tell a refused password from an outage (see error.c). */
	PQsetErrorVerbosity(conn, PQERRORS_VERBOSE);
	while (st != PGRES_POLLING_OK && st != PGRES_POLLING_FAILED) {
		int ready =
			socket_wait(conn, st == PGRES_POLLING_READING ? POLLIN : POLLOUT, deadline);

		if (ready <= 0) {
			/* Give up: the caller sees a bad connection. */
			*timed_out = ready == 0;
			PQfinish(conn);
			return NULL;
		}
		st = PQconnectPoll(conn);
	}
	if (st == PGRES_POLLING_OK)
		PQsetErrorVerbosity(conn, PQERRORS_DEFAULT);
	return conn;
}

/* A second connection to the same server and database as `like`, as another
 * user with a password: the same settings libpq resolved for `like` (host,
 * port, dbname, sslmode, ...: PQconninfo) with user and password replaced.
 * The caller wipes its password; libpq wipes the connection's copy in
 * PQfinish (not the copies it frees while parsing parameters). */
PGconn *connect_as_before_deadline(PGconn *like, const char *user, const char *password,
				   int budget_ms, bool *timed_out)
{
	PQconninfoOption *opts = PQconninfo(like), *o;
	const char **keys, **vals;
	PGconn *conn = NULL;
	size_t n = 0, count = 0;

	*timed_out = false;
	if (opts == NULL)
		return NULL;
	for (o = opts; o->keyword != NULL; o++)
		count++;
	keys = calloc(count + 3, sizeof(*keys));
	vals = calloc(count + 3, sizeof(*vals));
	if (keys != NULL && vals != NULL) {
		for (o = opts; o->keyword != NULL; o++) {
			if (o->val == NULL || strcmp(o->keyword, "user") == 0 ||
			    strcmp(o->keyword, "password") == 0)
				continue;
			keys[n] = o->keyword;
			vals[n++] = o->val;
		}
		keys[n] = "user";
		vals[n++] = user;
		keys[n] = "password";
		vals[n++] = password;
		conn = connect_before_deadline(keys, vals, budget_ms, timed_out);
	}
	free(keys);
	free(vals);
	/* The service's own password, if its conninfo held one, is not left
	 * behind in freed memory. */
	for (o = opts; o->keyword != NULL; o++)
		if (o->val != NULL && strcmp(o->keyword, "password") == 0)
			explicit_bzero(o->val, strlen(o->val));
	PQconninfoFree(opts);
	return conn;
}
