/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * runstat.c - runs a command and tells how long it took and how much memory
 * it held at most, for the benchmarks (GNU time's %e and %M, without needing
 * the package, and with the wall time in microseconds).
 *
 *   runstat OUTFILE COMMAND [ARG...]
 *
 * Appends "SECONDS PEAK_RSS_KB" (the command's wall time from fork to exit,
 * and the largest resident set of the command, as the kernel counts it for a
 * waited-for child) to OUTFILE, and exits with the command's status (128 + N
 * when signal N ended it).  The command's standard streams are its own.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	struct rusage ru;
	double start, end;
	int status;
	pid_t pid;
	FILE *out;

	if (argc < 3) {
		fprintf(stderr, "usage: runstat OUTFILE COMMAND [ARG...]\n");
		return 2;
	}
	start = now_seconds();
	pid = fork();
	if (pid < 0) {
		fprintf(stderr, "runstat: fork: %s\n", strerror(errno));
		return 2;
	}
	if (pid == 0) {
		execvp(argv[2], argv + 2);
		fprintf(stderr, "runstat: %s: %s\n", argv[2], strerror(errno));
		_exit(127);
	}
	while (wait4(pid, &status, 0, &ru) < 0) {
		if (errno != EINTR) {
			fprintf(stderr, "runstat: wait4: %s\n", strerror(errno));
			return 2;
		}
	}
	end = now_seconds();
	out = fopen(argv[1], "a");
	if (out == NULL) {
		fprintf(stderr, "runstat: %s: %s\n", argv[1], strerror(errno));
		return 2;
	}
	fprintf(out, "%.6f %ld\n", end - start, ru.ru_maxrss);
	if (fclose(out) != 0) {
		fprintf(stderr, "runstat: %s: %s\n", argv[1], strerror(errno));
		return 2;
	}
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}
