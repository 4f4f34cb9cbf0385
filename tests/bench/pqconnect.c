/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pqconnect.c - the baseline of the pam_atelier benchmark: a bare libpq
 * connection, one trivial query, and the disconnection, timed in-process.
 *
 *   pqconnect CONNINFO N    prints N lines "ms=X", one per round
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <libpq-fe.h>

int main(int argc, char **argv)
{
	int i, n;

	if (argc != 3 || (n = atoi(argv[2])) <= 0) {
		fprintf(stderr, "usage: pqconnect CONNINFO N\n");
		return 2;
	}
	for (i = 0; i < n; i++) {
		struct timespec t0, t1;
		PGconn *conn;
		PGresult *res;
		int ok;

		clock_gettime(CLOCK_MONOTONIC, &t0);
		conn = PQconnectdb(argv[1]);
		res = PQexec(conn, "SELECT 1");
		ok = PQresultStatus(res) == PGRES_TUPLES_OK;
		PQclear(res);
		PQfinish(conn);
		clock_gettime(CLOCK_MONOTONIC, &t1);
		if (!ok) {
			fprintf(stderr, "pqconnect: the query failed\n");
			return 1;
		}
		printf("ms=%.3f\n", (double)(t1.tv_sec - t0.tv_sec) * 1e3 +
					    (double)(t1.tv_nsec - t0.tv_nsec) / 1e6);
	}
	return 0;
}
