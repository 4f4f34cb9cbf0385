/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * spool_append.c - N processes at once append a start and an end each to
 * one spool (a terminal server's logins), with the PAM module's lock wait.
 * Prints "lost MEDIAN_MS MAX_MS" over the 2N appends.  With "raw" instead
 * of a spool directory's mode, each append is a plain O_APPEND write and
 * fsync of a record's size to one file: the baseline, what the disk costs.
 *   spool_append spool|raw DIR N WAIT_MS
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "atelier.h"

static double now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static int raw_append(const char *dir)
{
	char path[4096], rec[220];
	int fd, rv;

	snprintf(path, sizeof(path), "%s/raw", dir);
	memset(rec, 'x', sizeof(rec));
	fd = open(path, O_WRONLY | O_APPEND | O_CREAT, 0600);
	if (fd < 0)
		return -1;
	rv = write(fd, rec, sizeof(rec)) == (ssize_t)sizeof(rec) && fsync(fd) == 0 ? 0 : -1;
	close(fd);
	return rv;
}

static int spool_append(const char *dir, int i, int k, int wait_ms)
{
	static char start[ATELIER_UUID_LEN + 1];
	atelier_usage_event e;
	atelier_error err;

	memset(&e, 0, sizeof(e));
	if (atelier_uuid_v4(e.event) != 0)
		return -1;
	strcpy(e.kind, k == 0 ? "start" : "end");
	strcpy(e.workstation, "terminal-server");
	snprintf(e.login_key, sizeof(e.login_key), "%064x", i + 1);
	strcpy(e.at, "2026-11-10 14:00:00+00");
	if (k == 0)
		strcpy(start, e.event);
	else
		strcpy(e.start_event, start);
	return atelier_spool_append(dir, &e, 0, wait_ms, &err);
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
	bool raw = argc == 5 && strcmp(argv[1], "raw") == 0;
	int n = argc == 5 ? atoi(argv[3]) : 0, wait_ms = argc == 5 ? atoi(argv[4]) : 0, lost = 0;
	double *ms;
	int *failed;

	if (n <= 0) {
		fprintf(stderr, "usage: spool_append spool|raw DIR N WAIT_MS\n");
		return 2;
	}
	ms = mmap(NULL, sizeof(double) * 2 * n, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
		  -1, 0);
	failed = mmap(NULL, sizeof(int) * n, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1,
		      0);
	if (ms == MAP_FAILED || failed == MAP_FAILED)
		return 1;
	for (int i = 0; i < n; i++) {
		pid_t p = fork();

		if (p < 0)
			return 1;
		if (p > 0)
			continue;
		for (int k = 0; k < 2; k++) {
			double t0 = now_ms();

			if ((raw ? raw_append(argv[2]) : spool_append(argv[2], i, k, wait_ms)) != 0)
				failed[i]++;
			ms[2 * i + k] = now_ms() - t0;
		}
		_exit(0);
	}
	while (wait(NULL) > 0)
		;
	for (int i = 0; i < n; i++)
		lost += failed[i];
	qsort(ms, 2 * (size_t)n, sizeof(double), cmp);
	printf("%d %.2f %.2f\n", lost, ms[n], ms[2 * n - 1]);
	return 0;
}
