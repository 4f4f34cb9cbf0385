/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * testutil.h - what the unit tests share: output written into memory, read
 * back as text, and counting a text's occurrences.  Static inline helpers,
 * for tests only; include it after <cmocka.h> (they assert).
 */
#ifndef ATELIER_TESTUTIL_H
#define ATELIER_TESTUTIL_H

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* An output stream into memory: buf holds what was written once flushed. */
struct memout {
	FILE *out;
	char *buf;
	size_t len;
};

/* 0, or -1 when no stream could be opened (a setup function's answer). */
static inline int memout_open(struct memout *m)
{
	memset(m, 0, sizeof(*m));
	m->out = open_memstream(&m->buf, &m->len);
	return m->out != NULL ? 0 : -1;
}

/* What the stream holds so far. */
static inline const char *memout_text(struct memout *m)
{
	assert_int_equal(fflush(m->out), 0);
	return m->buf;
}

/* Closes the stream and hands its text over: the caller frees it. */
static inline char *memout_take(struct memout *m)
{
	char *text;

	assert_int_equal(fclose(m->out), 0);
	text = m->buf;
	memset(m, 0, sizeof(*m));
	return text;
}

static inline void memout_free(struct memout *m)
{
	if (m->out != NULL)
		fclose(m->out);
	free(m->buf);
	memset(m, 0, sizeof(*m));
}

/* cmocka setup and teardown for tests whose state is one struct memout. */
static inline int memout_setup(void **state)
{
	struct memout *m = malloc(sizeof(*m));

	if (m == NULL || memout_open(m) != 0) {
		free(m);
		return -1;
	}
	*state = m;
	return 0;
}

static inline int memout_teardown(void **state)
{
	memout_free(*state);
	free(*state);
	return 0;
}

/* How many times needle occurs in s (overlaps included). */
static inline int text_count(const char *s, const char *needle)
{
	int n = 0;

	for (s = strstr(s, needle); s != NULL; s = strstr(s + 1, needle))
		n++;
	return n;
}

/* Fail, naming the text looked for, when needle is (not) in text: more to
 * go on than assert_non_null(strstr(...)). */
#define assert_has(text, needle) assert_has_at((text), (needle), true, __FILE__, __LINE__)
#define assert_lacks(text, needle) assert_has_at((text), (needle), false, __FILE__, __LINE__)
static inline void assert_has_at(const char *text, const char *needle, bool wanted,
				 const char *file, int line)
{
	if ((strstr(text, needle) != NULL) != wanted)
		fail_msg("%s:%d: %s: %s", file, line, wanted ? "not found" : "found", needle);
}

#endif
