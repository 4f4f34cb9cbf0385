/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * txn.c - one transaction on a handle's connection, for what must be all or
 * nothing over several statements (a sync document).  Each statement of the
 * SQL API is otherwise its own transaction.
 */
#include "internal.h"

static int run(atelier *h, const char *sql, atelier_error *err)
{
	PGresult *res = exec_params(h, sql, 0, NULL, err);

	if (res == NULL)
		return -1;
	PQclear(res);
	return 0;
}

int txn_begin(atelier *h, atelier_error *err)
{
	return run(h, "BEGIN", err);
}

/* A COMMIT that fails (a deferred check, a lost connection) leaves nothing
 * written: the server rolled back. */
int txn_commit(atelier *h, atelier_error *err)
{
	return run(h, "COMMIT", err);
}

/* Best effort: after a failure the transaction is aborted anyway, and on a
 * lost connection the server rolls back by itself. */
void txn_rollback(atelier *h)
{
	atelier_error ignored;

	if (h != NULL && h->conn != NULL && PQtransactionStatus(h->conn) != PQTRANS_IDLE)
		(void)run(h, "ROLLBACK", &ignored);
}
