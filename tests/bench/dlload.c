/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * dlload.c - what loading a PAM module costs a display manager: each round
 * forks a child (a process that holds only libc, as the login's process
 * before PAM loads its modules), which dlopen()s the module with RTLD_NOW
 * and exits; the parent times the whole round from fork to exit.
 *
 *   dlload MODULE N    prints N lines "ms=X", one per round
 *
 * The same rounds with MODULE "-" (fork, no dlopen) are the baseline.
 */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double ms_since(const struct timespec *t0)
{
	struct timespec t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) * 1e3 + (double)(t1.tv_nsec - t0->tv_nsec) / 1e6;
}

/* One round: 0, or -1 when the child could not load the module. */
static int round_once(const char *module)
{
	int status;
	pid_t pid = fork();

	if (pid < 0)
		return -1;
	if (pid == 0) {
		if (strcmp(module, "-") != 0 && dlopen(module, RTLD_NOW | RTLD_LOCAL) == NULL) {
			fprintf(stderr, "dlload: %s\n", dlerror());
			_exit(1);
		}
		_exit(0);
	}
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
		return -1;
	return 0;
}

int main(int argc, char **argv)
{
	int i, n;

	if (argc != 3 || (n = atoi(argv[2])) <= 0) {
		fprintf(stderr, "usage: dlload MODULE|- N\n");
		return 2;
	}
	for (i = 0; i < n; i++) {
		struct timespec t0;

		clock_gettime(CLOCK_MONOTONIC, &t0);
		if (round_once(argv[1]) != 0)
			return 1;
		printf("ms=%.3f\n", ms_since(&t0));
	}
	return 0;
}
