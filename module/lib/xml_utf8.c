/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xml_utf8.c - UTF-8 as RFC 3629 defines it (no overlong forms, no
 * surrogates, nothing above U+10FFFF), and text made fit for XML 1.0.
 */
#include <stdlib.h>
#include <string.h>

#include "xml_internal.h"

size_t utf8_valid_len(const unsigned char *s, size_t n, unsigned int *cp)
{
	unsigned int c;
	size_t len, i;

	if (n == 0)
		return 0;
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xC2 && s[0] <= 0xDF) {
		len = 2;
		c = s[0] & 0x1F;
	} else if (s[0] >= 0xE0 && s[0] <= 0xEF) {
		len = 3;
		c = s[0] & 0x0F;
	} else if (s[0] >= 0xF0 && s[0] <= 0xF4) {
		len = 4;
		c = s[0] & 0x07;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3F);
	}
	/* Overlong forms, surrogates and code points past U+10FFFF. */
	if ((len == 3 && c < 0x800) || (len == 4 && c < 0x10000) || (c >= 0xD800 && c <= 0xDFFF) ||
	    c > 0x10FFFF)
		return 0;
	*cp = c;
	return len;
}

/* The Char production of XML 1.0. */
static bool xml_char(unsigned int c)
{
	return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) ||
	       (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
}

static bool is_clean(const unsigned char *s, size_t n)
{
	unsigned int c;
	size_t k;

	while (n > 0) {
		k = utf8_valid_len(s, n, &c);
		if (k == 0 || !xml_char(c))
			return false;
		s += k;
		n -= k;
	}
	return true;
}

/* Data written by other clients (the desk, SQL) may hold bytes that XML
 * cannot carry; each becomes U+FFFD rather than a broken document. */
char *xml_clean_text(const char *s, bool *oom)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s), k;
	unsigned int c;
	char *out, *o;

	*oom = false;
	if (is_clean(p, n))
		return NULL;
	out = malloc(3 * n + 1);
	if (out == NULL) {
		*oom = true;
		return NULL;
	}
	o = out;
	while (n > 0) {
		k = utf8_valid_len(p, n, &c);
		if (k > 0 && xml_char(c)) {
			memcpy(o, p, k);
			o += k;
		} else {
			memcpy(o, "\xEF\xBF\xBD", 3);
			o += 3;
			k = k > 0 ? k : 1;
		}
		p += k;
		n -= k;
	}
	*o = '\0';
	return out;
}
