/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * values.c - PostgreSQL's text output read into C types, once for every
 * front end: booleans ("t"/"f"), integers, timestamptz in DateStyle ISO,
 * and one-dimensional text[] literals.  Strict: only what the server
 * writes is read, so a format change shows up as -1, never as a wrong value.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

int atelier_value_bool(const char *v, bool *out)
{
	if (v == NULL)
		return 0;
	if (strcmp(v, "t") != 0 && strcmp(v, "f") != 0)
		return -1;
	*out = v[0] == 't';
	return 1;
}

int atelier_value_int(const char *v, long long *out)
{
	char *end;
	long long n;

	if (v == NULL)
		return 0;
	/* strtoll would also take blanks and a '+' the server never writes. */
	if (!(v[0] >= '0' && v[0] <= '9') && !(v[0] == '-' && v[1] >= '0' && v[1] <= '9'))
		return -1;
	errno = 0;
	n = strtoll(v, &end, 10);
	if (errno != 0 || *end != '\0')
		return -1;
	*out = n;
	return 1;
}

/* n decimal digits at s, into *out. */
static bool digits(const char *s, int n, int *out)
{
	int i, v = 0;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return true;
}

/* "+01", "+0530", "+05:30", "-03:00:00" or "Z" at s, ending the text:
 * seconds east of UTC. */
static bool read_offset(const char *s, long *off)
{
	int h, m = 0, sec = 0, sign;

	if (strcmp(s, "Z") == 0) {
		*off = 0;
		return true;
	}
	if ((s[0] != '+' && s[0] != '-') || !digits(s + 1, 2, &h))
		return false;
	sign = s[0] == '-' ? -1 : 1;
	s += 3;
	if (*s == ':' || (*s >= '0' && *s <= '9')) {
		s += *s == ':';
		if (!digits(s, 2, &m))
			return false;
		s += 2;
	}
	if (*s == ':' && digits(s + 1, 2, &sec))
		s += 3;
	if (*s != '\0' || h > 15 || m > 59 || sec > 59)
		return false;
	*off = sign * (h * 3600L + m * 60L + sec);
	return true;
}

static bool leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* "YYYY-MM-DD HH:MM:SS" (or 'T' between) at s, checked, into tm. */
static bool read_date_time(const char *s, struct tm *tm)
{
	static const int mdays[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int y, mo, d, h, mi, sec;

	if (!digits(s, 4, &y) || s[4] != '-' || !digits(s + 5, 2, &mo) || s[7] != '-' ||
	    !digits(s + 8, 2, &d) || (s[10] != ' ' && s[10] != 'T') || !digits(s + 11, 2, &h) ||
	    s[13] != ':' || !digits(s + 14, 2, &mi) || s[16] != ':' || !digits(s + 17, 2, &sec))
		return false;
	if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || sec > 59 ||
	    d > mdays[mo - 1] + (mo == 2 && leap(y)))
		return false;
	memset(tm, 0, sizeof(*tm));
	tm->tm_year = y - 1900;
	tm->tm_mon = mo - 1;
	tm->tm_mday = d;
	tm->tm_hour = h;
	tm->tm_min = mi;
	tm->tm_sec = sec;
	return true;
}

int atelier_value_time(const char *v, time_t *out)
{
	struct tm tm;
	const char *p;
	long off;

	if (v == NULL)
		return 0;
	if (strnlen(v, 19) < 19 || !read_date_time(v, &tm))
		return -1;
	p = v + 19;
	if (*p == '.') {
		if (p[1] < '0' || p[1] > '9')
			return -1;
		/* Whole seconds: the fraction is dropped, not rounded. */
		for (p++; *p >= '0' && *p <= '9'; p++)
			;
	}
	if (!read_offset(p, &off))
		return -1;
	*out = timegm(&tm) - off;
	return 1;
}

/* One element of a text[] literal at *p: copied unescaped into item (room
 * for the whole literal), *p moved past it.  1 an element, 0 SQL NULL,
 * -1 malformed. */
static int array_item(const char **p, char *item)
{
	const char *s = *p;
	size_t len = 0;

	if (*s == '"') {
		for (s++; *s != '"'; s++) {
			if (*s == '\\')
				s++;
			if (*s == '\0')
				return -1;
			item[len++] = *s;
		}
		item[len] = '\0';
		*p = s + 1;
		return 1;
	}
	for (; *s != ',' && *s != '}'; s++) {
		/* The server quotes an element holding any of these. */
		if (*s == '\0' || *s == '"' || *s == '\\' || *s == '{' || *s == ' ' || *s == '\t' ||
		    *s == '\n' || *s == '\r')
			return -1;
		item[len++] = *s;
	}
	item[len] = '\0';
	*p = s;
	if (len == 0)
		return -1;
	return strcmp(item, "NULL") == 0 ? 0 : 1;
}

/* Reads the whole literal; calls fn (when not NULL) for each element. */
static int array_walk(const char *v, char *item, void (*fn)(void *ctx, const char *item), void *ctx)
{
	const char *p = v;

	if (*p++ != '{')
		return -1;
	if (*p == '}')
		return p[1] == '\0' ? 1 : -1;
	for (;;) {
		int got = array_item(&p, item);

		if (got < 0)
			return -1;
		if (fn != NULL)
			fn(ctx, got == 1 ? item : NULL);
		if (*p == '}')
			return p[1] == '\0' ? 1 : -1;
		if (*p++ != ',')
			return -1;
	}
}

int atelier_value_each(const char *v, void (*fn)(void *ctx, const char *item), void *ctx)
{
	char *item;
	int rc;

	if (v == NULL)
		return 0;
	if (fn == NULL)
		return -1;
	item = malloc(strlen(v) + 1);
	if (item == NULL)
		return -1;
	/* Checked whole first, so that fn never sees part of a bad literal. */
	rc = array_walk(v, item, NULL, NULL);
	if (rc == 1)
		rc = array_walk(v, item, fn, ctx);
	free(item);
	return rc;
}

/* The current row's value of column, as atelier_rows_get() finds it, or
 * *known false when there is no such column (a caller's mistake, which must
 * not pass for a NULL). */
static const char *row_value(const atelier_rows *rows, const char *column, bool *known)
{
	int i = rows != NULL && rows->res != NULL && column != NULL ? PQfnumber(rows->res, column)
								    : -1;

	*known = i >= 0;
	return *known ? atelier_rows_value(rows, i) : NULL;
}

int atelier_rows_bool(const atelier_rows *rows, const char *column, bool *out)
{
	bool known;
	const char *v = row_value(rows, column, &known);

	return known ? atelier_value_bool(v, out) : -1;
}

int atelier_rows_int(const atelier_rows *rows, const char *column, long long *out)
{
	bool known;
	const char *v = row_value(rows, column, &known);

	return known ? atelier_value_int(v, out) : -1;
}

int atelier_rows_time(const atelier_rows *rows, const char *column, time_t *out)
{
	bool known;
	const char *v = row_value(rows, column, &known);

	return known ? atelier_value_time(v, out) : -1;
}
