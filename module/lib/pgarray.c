/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * pgarray.c - a PostgreSQL text[] literal, sent as a parameter value.  Each
 * element is double-quoted with " and \ escaped, so any text is safe.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

char *pg_text_array(const char *const *items, size_t n)
{
	size_t len = 3, i;
	char *out, *p;

	for (i = 0; i < n; i++)
		len += 2 * strlen(items[i] != NULL ? items[i] : "") + 3;
	out = malloc(len);
	if (out == NULL)
		return NULL;
	p = out;
	*p++ = '{';
	for (i = 0; i < n; i++) {
		const char *s = items[i] != NULL ? items[i] : "";

		if (i > 0)
			*p++ = ',';
		*p++ = '"';
		for (; *s != '\0'; s++) {
			if (*s == '"' || *s == '\\')
				*p++ = '\\';
			*p++ = *s;
		}
		*p++ = '"';
	}
	*p++ = '}';
	*p = '\0';
	return out;
}
