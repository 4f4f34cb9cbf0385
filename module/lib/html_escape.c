/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * html_escape.c - text from the database made safe for HTML.
 *
 * Labels and site names are typed by the libraries themselves (a site may
 * add its own themes), so every one is escaped, in text and in attribute
 * values alike: & < > " and ' become character references, which is enough
 * for both (attribute values are always between double quotes).  What HTML
 * forbids or a browser would show as garbage (control characters, bytes
 * that are not UTF-8) becomes U+FFFD, the replacement character, so the
 * reader sees that something was there.
 */
#include <stdint.h>
#include <string.h>

#include "html_internal.h"

static const char REPLACEMENT[] = "\xEF\xBF\xBD";
static const char ELLIPSIS[] = "\xE2\x80\xA6";

/* The length of the UTF-8 sequence at p (1 to 4), or 0 when it is not one
 * (overlong forms, surrogates and values past U+10FFFF included). */
static size_t utf8_length(const unsigned char *p)
{
	size_t n, i;
	uint32_t c;

	if (p[0] < 0x80)
		return 1;
	if (p[0] >= 0xC2 && p[0] <= 0xDF)
		n = 2, c = p[0] & 0x1F;
	else if (p[0] >= 0xE0 && p[0] <= 0xEF)
		n = 3, c = p[0] & 0x0F;
	else if (p[0] >= 0xF0 && p[0] <= 0xF4)
		n = 4, c = p[0] & 0x07;
	else
		return 0;
	for (i = 1; i < n; i++) {
		if ((p[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (p[i] & 0x3F);
	}
	if ((n == 3 && c < 0x800) || (n == 4 && (c < 0x10000 || c > 0x10FFFF)) ||
	    (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	return n;
}

/* What one ASCII byte becomes, or NULL when it stays as it is. */
static const char *ascii_reference(unsigned char c)
{
	switch (c) {
	case '&':
		return "&amp;";
	case '<':
		return "&lt;";
	case '>':
		return "&gt;";
	case '"':
		return "&quot;";
	case '\'':
		return "&#39;";
	case '\t':
	case '\n':
	case '\r':
		return NULL;
	default:
		return c < 0x20 || c == 0x7F ? REPLACEMENT : NULL;
	}
}

int html_escape(FILE *out, const char *s, size_t max_chars)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t chars = 0, n;

	if (s == NULL)
		return 0;
	while (*p != '\0') {
		const char *ref = NULL;

		if (max_chars > 0 && chars == max_chars)
			return fputs(ELLIPSIS, out) < 0 ? -1 : 0;
		n = utf8_length(p);
		if (n == 1)
			ref = ascii_reference(*p);
		else if (n == 0)
			ref = REPLACEMENT, n = 1;
		else if (n == 2 && p[0] == 0xC2 && p[1] < 0xA0)
			ref = REPLACEMENT; /* a C1 control, U+0080..U+009F */
		if (ref != NULL ? fputs(ref, out) < 0 : fwrite(p, 1, n, out) != n)
			return -1;
		p += n;
		chars++;
	}
	return 0;
}
