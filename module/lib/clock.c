/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * clock.c - the monotonic millisecond clock every deadline is counted on.
 */
#include <limits.h>
#include <time.h>

#include "clock.h"

long long monotonic_ms(void)
{
	struct timespec ts;

	/* CLOCK_MONOTONIC cannot fail on Linux with a valid pointer. */
	(void)clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int ms_left(long long deadline)
{
	long long left = deadline - monotonic_ms();

	if (left <= 0)
		return 0;
	return left < INT_MAX ? (int)left : INT_MAX;
}
