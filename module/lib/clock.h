/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * clock.h - the one millisecond clock of the library and of the PAM module
 * (which links the library's archive and includes this header, but not
 * internal.h: it is built without libpq's headers).
 */
#ifndef ATELIER_CLOCK_H
#define ATELIER_CLOCK_H

/* Milliseconds of CLOCK_MONOTONIC: deadlines survive changes of the wall
 * clock (a PC setting its time at login). */
long long monotonic_ms(void);

/* Milliseconds from now until deadline (a monotonic_ms() value), 0 when it
 * has passed, at most INT_MAX: ready for poll() and the API's int budgets. */
int ms_left(long long deadline);

#endif
