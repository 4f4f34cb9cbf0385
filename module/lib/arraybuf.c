/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * arraybuf.c - a PostgreSQL array literal ({"a","b",NULL}) built one element
 * at a time, sent as a parameter value (never pasted into SQL).  Every
 * element is double-quoted with " and \ escaped, so any text is safe; a
 * NULL pointer is SQL NULL.
 */
#include <stdlib.h>
#include <string.h>

#include "xml_internal.h"

static int reserve(struct arraybuf *a, size_t more)
{
	size_t cap = a->cap ? a->cap : 4096;
	char *p;

	if (a->cap - a->len >= more)
		return 0;
	while (cap - a->len < more)
		cap *= 2;
	p = realloc(a->data, cap);
	if (p == NULL)
		return -1;
	a->data = p;
	a->cap = cap;
	return 0;
}

int arraybuf_add(struct arraybuf *a, const char *s)
{
	size_t n = s != NULL ? strlen(s) : 0;
	char *p;

	/* '{' or ',', the quoted text (each byte at most doubled), '}' and NUL. */
	if (reserve(a, 2 * n + 6) != 0)
		return -1;
	p = a->data + a->len;
	*p++ = a->n == 0 ? '{' : ',';
	if (s == NULL) {
		memcpy(p, "NULL", 4);
		p += 4;
	} else {
		*p++ = '"';
		for (; *s != '\0'; s++) {
			if (*s == '"' || *s == '\\')
				*p++ = '\\';
			*p++ = *s;
		}
		*p++ = '"';
	}
	a->len = (size_t)(p - a->data);
	a->n++;
	return 0;
}

/* The literal so far, closed; more elements may still be added after. */
const char *arraybuf_text(struct arraybuf *a)
{
	if (reserve(a, 3) != 0)
		return NULL;
	if (a->n == 0) {
		memcpy(a->data, "{}", 3);
		return a->data;
	}
	a->data[a->len] = '}';
	a->data[a->len + 1] = '\0';
	return a->data;
}

void arraybuf_reset(struct arraybuf *a)
{
	a->len = 0;
	a->n = 0;
}

void arraybuf_free(struct arraybuf *a)
{
	free(a->data);
	memset(a, 0, sizeof(*a));
}
