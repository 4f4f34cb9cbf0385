/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * pipeline.c - statements sent in libpq's pipeline mode: the next one goes
 * out before the previous one's result has come back, so that the client's
 * work (reading the next batch of a sync) and the server's (writing the
 * last one) overlap.  At most PIPE_MAX statements are in flight; each gives
 * one result, handed to the caller's function with the tag it was sent
 * with.  The first error stops everything: the server skips what follows
 * until the pipeline's sync, and the caller rolls back.
 */
#include <string.h>

#include "xml_internal.h"

static void failed_on_conn(struct pipeline *p, atelier_error *err)
{
	if (!p->failed)
		error_from_conn(err, p->h->conn);
	p->failed = true;
}

/* Reads the results of the oldest statement in flight (waiting for them). */
static int collect_one(struct pipeline *p, atelier_error *err)
{
	int tag = p->tags[0];
	PGresult *res;

	memmove(p->tags, p->tags + 1, sizeof(p->tags) - sizeof(p->tags[0]));
	p->inflight--;
	while ((res = PQgetResult(p->h->conn)) != NULL) {
		switch (PQresultStatus(res)) {
		case PGRES_TUPLES_OK:
			if (!p->failed && PQntuples(res) == 1)
				p->on_row(p->ctx, tag, res);
			break;
		case PGRES_PIPELINE_ABORTED:
			break; /* after the first error: already reported */
		default:
			if (!p->failed)
				error_from_result(err, res);
			p->failed = true;
			break;
		}
		PQclear(res);
	}
	if (PQstatus(p->h->conn) == CONNECTION_BAD)
		failed_on_conn(p, err);
	return p->failed ? -1 : 0;
}

int pipe_send(struct pipeline *p, int tag, const char *sql, int nparams, const char *const *params,
	      atelier_error *err)
{
	PGconn *conn = p->h->conn;

	if (p->failed)
		return -1;
	if (!p->on) {
		if (PQenterPipelineMode(conn) != 1) {
			failed_on_conn(p, err);
			return -1;
		}
		p->on = true;
	}
	while (p->inflight >= PIPE_MAX)
		if (collect_one(p, err) != 0)
			return -1;
	/* libpq copies the parameters into its buffer: the caller may reuse them. */
	if (!PQsendQueryParams(conn, sql, nparams, NULL, params, NULL, NULL, 0) ||
	    !PQsendFlushRequest(conn) || PQflush(conn) != 0) {
		failed_on_conn(p, err);
		return -1;
	}
	p->tags[p->inflight++] = tag;
	/* Whatever has come back meanwhile is read now, without waiting. */
	if (!PQconsumeInput(conn)) {
		failed_on_conn(p, err);
		return -1;
	}
	while (p->inflight > 0 && !PQisBusy(conn))
		if (collect_one(p, err) != 0)
			return -1;
	return 0;
}

/* Waits for every result, then leaves pipeline mode (through a sync, which
 * also ends the server's skipping after an error).  0, or -1 with err
 * holding the first error. */
int pipe_drain(struct pipeline *p, atelier_error *err)
{
	PGconn *conn = p->h->conn;
	PGresult *res;

	if (!p->on)
		return p->failed ? -1 : 0;
	while (p->inflight > 0)
		(void)collect_one(p, err);
	if (PQpipelineSync(conn) != 1) {
		failed_on_conn(p, err);
	} else {
		while ((res = PQgetResult(conn)) != NULL) {
			ExecStatusType st = PQresultStatus(res);

			PQclear(res);
			if (st == PGRES_PIPELINE_SYNC)
				break;
		}
	}
	if (PQexitPipelineMode(conn) != 1)
		failed_on_conn(p, err);
	p->on = false;
	return p->failed ? -1 : 0;
}
