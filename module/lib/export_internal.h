/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * export_internal.h - what the exports of the monthly figures (CSV, XML and
 * HTML) share, so that the three read a figure's value the same way.
 */
#ifndef ATELIER_EXPORT_INTERNAL_H
#define ATELIER_EXPORT_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

/* A value as PostgreSQL writes a numeric: -?digits[.digits] (xs:decimal
 * too).  Anything else (NULL, NaN, Infinity, garbage) is no number to any
 * export.  int_start and int_end, when not NULL, receive where its integer
 * digits start and end (at the point, or at the end). */
static inline bool report_number_split(const char *s, size_t *int_start, size_t *int_end)
{
	size_t i = 0, start;

	if (s == NULL)
		return false;
	if (s[i] == '-')
		i++;
	start = i;
	while (s[i] >= '0' && s[i] <= '9')
		i++;
	if (i == start)
		return false;
	if (int_start != NULL)
		*int_start = start;
	if (int_end != NULL)
		*int_end = i;
	if (s[i] == '.') {
		i++;
		if (!(s[i] >= '0' && s[i] <= '9'))
			return false;
		while (s[i] >= '0' && s[i] <= '9')
			i++;
	}
	return s[i] == '\0';
}

#endif
