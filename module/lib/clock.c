/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * clock.c - the monotonic millisecond clock every deadline is counted on,
 * the library's and the PAM module's (atelier.h).
 */
#include <limits.h>
#include <time.h>

#include "atelier.h"

long long atelier_clock_ms(void)
{
	struct timespec ts;

	/* CLOCK_MONOTONIC cannot fail on Linux with a valid pointer. */
	(void)clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int atelier_ms_left(long long deadline)
{
	long long left = deadline - atelier_clock_ms();

	if (left <= 0)
		return 0;
	return left < INT_MAX ? (int)left : INT_MAX;
}
