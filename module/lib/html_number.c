/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * html_number.c - numbers for people, without the C library's locale: the
 * command runs under the user's locale, and a page must not write "7.25"
 * in one place and "7,25" in another.  French groups thousands with a
 * narrow no-break space (U+202F) and writes a decimal comma; English
 * groups with commas and writes a point.
 */
#include <stdio.h>
#include <string.h>

#include "export_internal.h"
#include "html_internal.h"

#define MAX_INT_DIGITS 12

/* -?digits[.digits] with at most MAX_INT_DIGITS before the point, whose
 * position (or the end) goes to *int_end. */
static bool split_number(const char *s, size_t *int_start, size_t *int_end)
{
	return report_number_split(s, int_start, int_end) &&
	       *int_end - *int_start <= MAX_INT_DIGITS;
}

bool html_parse_fixed(const char *s, long long *milli)
{
	size_t start, end, i;
	long long v = 0;
	int decimals = 0;

	if (!split_number(s, &start, &end))
		return false;
	for (i = start; i < end; i++)
		v = v * 10 + (s[i] - '0');
	if (s[end] == '.')
		for (i = end + 1; s[i] != '\0' && decimals < 3; i++, decimals++)
			v = v * 10 + (s[i] - '0');
	for (; decimals < 3; decimals++)
		v *= 10;
	*milli = start > 0 ? -v : v;
	return true;
}

/* The integer digits [from, to) of s grouped by three, then the decimals
 * after s[to] with the decimal mark of the language. */
static void group(char *buf, size_t len, const char *s, size_t from, size_t to, bool negative,
		  bool fr)
{
	const char *sep = fr ? "\xE2\x80\xAF" : ",";
	size_t i, o = 0, n = to - from, seplen = strlen(sep);

	/* A real minus sign (U+2212) reads better than a hyphen. */
	if (negative)
		o += (size_t)snprintf(buf, len, "\xE2\x88\x92");
	for (i = 0; i < n && o + seplen + 1 < len; i++) {
		if (i > 0 && (n - i) % 3 == 0) {
			memcpy(buf + o, sep, seplen);
			o += seplen;
		}
		buf[o++] = s[from + i];
	}
	buf[o] = '\0';
	if (s[to] == '.' && o + 2 < len) {
		buf[o++] = fr ? ',' : '.';
		snprintf(buf + o, len - o, "%s", s + to + 1);
	}
}

bool html_format_number(char *buf, size_t len, const char *s, bool fr)
{
	size_t start, end;
	bool negative;

	if (len == 0)
		return false;
	buf[0] = '\0';
	/* 12 digits, 3 separators of 3 bytes, a sign, the decimals: 64 is room
	 * for what the report holds; a longer number is refused, not cut. */
	if (!split_number(s, &start, &end) || strlen(s) + 16 > len)
		return false;
	/* -0 and -0.00 are 0 for people. */
	negative = start > 0 && strspn(s + start, "0.") != strlen(s + start);
	group(buf, len, s, start, end, negative, fr);
	return true;
}

void html_format_fixed(char *buf, size_t len, long long milli, bool fr)
{
	char plain[40];
	long long whole = (milli < 0 ? -milli : milli) / 1000;
	long long frac = (milli < 0 ? -milli : milli) % 1000;
	int digits = 3;

	while (digits > 0 && frac % 10 == 0 && frac != 0) {
		frac /= 10;
		digits--;
	}
	if (frac == 0)
		snprintf(plain, sizeof(plain), "%s%lld", milli < 0 ? "-" : "", whole);
	else
		snprintf(plain, sizeof(plain), "%s%lld.%0*lld", milli < 0 ? "-" : "", whole, digits,
			 frac);
	if (!html_format_number(buf, len, plain, fr))
		snprintf(buf, len, "%s", plain);
}
