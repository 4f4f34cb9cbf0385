/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * deadline.c - statements that end by a deadline.  A public PC's login must
 * never wait on the database: statement_timeout is enforced by the server,
 * so it cannot help when the server or the network stops answering.  Here
 * the statement goes out with libpq's asynchronous calls and every wait is
 * a poll() bounded by the deadline; past it the connection is dropped (the
 * server ends the statement when it notices, or at its statement_timeout).
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>

#include "internal.h"

void atelier_set_deadline(atelier *h, int ms)
{
	if (h != NULL)
		h->deadline_ms = ms > 0 ? atelier_clock_ms() + ms : 0;
}

int socket_wait(PGconn *conn, short events, long long deadline)
{
	struct pollfd p = { .fd = PQsocket(conn), .events = events };

	if (p.fd < 0)
		return -1;
	for (;;) {
		int left = atelier_ms_left(deadline), rc;

		if (left <= 0)
			return 0;
		rc = poll(&p, 1, left);
		if (rc > 0)
			return 1;
		if (rc == 0)
			return 0;
		if (errno != EINTR)
			return -1;
	}
}

/* Sends the query's bytes; 1 sent, 0 deadline, -1 connection error. */
static int send_all(PGconn *conn, long long deadline)
{
	for (;;) {
		int f = PQflush(conn), w;

		if (f <= 0)
			return f == 0 ? 1 : -1;
		/* Reading too: the server may answer (an error) before all is sent. */
		w = socket_wait(conn, POLLOUT | POLLIN, deadline);
		if (w <= 0)
			return w;
		if (!PQconsumeInput(conn))
			return -1;
	}
}

/* Collects the results; the last one, or the first error (PQexec's rule).
 * 1 done, 0 deadline, -1 connection error.  *out is the caller's. */
static int receive_all(PGconn *conn, long long deadline, PGresult **out)
{
	for (;;) {
		PGresult *r;

		while (PQisBusy(conn)) {
			int w = socket_wait(conn, POLLIN, deadline);

			if (w <= 0)
				return w;
			if (!PQconsumeInput(conn))
				return -1;
		}
		r = PQgetResult(conn);
		if (r == NULL)
			return 1;
		if (*out != NULL && PQresultStatus(*out) == PGRES_FATAL_ERROR) {
			PQclear(r);
			continue;
		}
		PQclear(*out);
		*out = r;
	}
}

/* Like exec_params(): the result (the caller PQclears it), or NULL with err
 * filled. */
PGresult *exec_before_deadline(atelier *h, const char *sql, int nparams, const char *const *params,
			       atelier_error *err)
{
	PGresult *res = NULL;
	ExecStatusType st;
	int done = -1;

	if (PQstatus(h->conn) == CONNECTION_OK && PQsetnonblocking(h->conn, 1) == 0 &&
	    PQsendQueryParams(h->conn, sql, nparams, NULL, params, NULL, NULL, 0)) {
		done = send_all(h->conn, h->deadline_ms);
		if (done == 1)
			done = receive_all(h->conn, h->deadline_ms, &res);
	}
	if (done == 0) {
		/* Too late: nobody may read this connection's next bytes. */
		PQclear(res);
		PQfinish(h->conn);
		h->conn = NULL;
		error_set(err, ATELIER_E_UNAVAILABLE, "%s",
			  _("The atelier database did not answer in time."));
		error_hint(err, "%s",
			   _("Try again later; if it persists, call your administrator."));
		return NULL;
	}
	if (done == 1)
		PQsetnonblocking(h->conn, 0);
	st = PQresultStatus(res);
	if (done == 1 && res != NULL && (st == PGRES_TUPLES_OK || st == PGRES_COMMAND_OK))
		return res;
	if (done != 1 || res == NULL || PQstatus(h->conn) == CONNECTION_BAD)
		error_from_conn(err, h->conn);
	else
		error_from_result(err, res);
	PQclear(res);
	return NULL;
}
