/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xml_guard.c - checks on a document's raw bytes before any parser sees
 * them.  A document that fails one is refused with a sentence saying why:
 *  - empty, or bigger than the limit (64 MiB unless configured);
 *  - UTF-16 or UTF-32 (atelier reads UTF-8 only: one encoding, one parser
 *    path), a NUL byte, or bytes that are not UTF-8;
 *  - an XML declaration naming another encoding;
 *  - a DOCTYPE.  A DTD is where entities are declared, so refusing every
 *    DOCTYPE removes the whole family of entity attacks (XXE through a file,
 *    a parameter entity or an external DTD, billion laughs, quadratic
 *    blow-up) before libxml2 is involved.  A DOCTYPE can only stand in the
 *    prolog (before the root element), so scanning the prolog is enough;
 *    the reader refuses a DTD node too, should one ever get through;
 *  - more work than any atelier document needs: too many attributes or
 *    namespace declarations on one element, a value or a text longer than
 *    the schema's longest, too many elements (xml_limits.c).
 */
#include <string.h>
#include <strings.h>

#include "xml_internal.h"

static int refuse(struct xml_failure *f, int line, const char *message, const char *hint)
{
	error_set(&f->e, ATELIER_E_USAGE, "%s", message);
	error_hint(&f->e, "%s", hint);
	f->line = line;
	return -1;
}

static bool starts(const char *p, const char *end, const char *word)
{
	size_t n = strlen(word);

	return (size_t)(end - p) >= n && memcmp(p, word, n) == 0;
}

static int count_lines(const char *doc, const char *upto)
{
	int line = 1;

	for (; doc < upto; doc++)
		if (*doc == '\n')
			line++;
	return line;
}

/* UTF-16 and UTF-32 with or without a byte-order mark, by their first bytes. */
static bool looks_wide(const unsigned char *s, size_t len)
{
	if (len >= 2 && ((s[0] == 0xFE && s[1] == 0xFF) || (s[0] == 0xFF && s[1] == 0xFE)))
		return true;
	if (len >= 2 && ((s[0] == 0 && s[1] == '<') || (s[0] == '<' && s[1] == 0)))
		return true;
	return len >= 4 && s[0] == 0 && s[1] == 0 && (s[2] == 0xFE || s[2] == 0 || s[3] == '<');
}

static int check_bytes(const char *doc, size_t len, struct xml_failure *f)
{
	const unsigned char *s = (const unsigned char *)doc;
	const char *nul = memchr(doc, '\0', len);
	unsigned int cp;
	size_t i = 0, k;

	if (looks_wide(s, len))
		return refuse(f, 1,
			      _("The document is in UTF-16 or UTF-32; atelier reads UTF-8 only."),
			      _("Save or send it as UTF-8."));
	if (nul != NULL)
		return refuse(f, count_lines(doc, nul), _("The document holds a NUL byte."),
			      _("Send the document as UTF-8 text, without binary data."));
	while (i < len) {
		k = utf8_valid_len(s + i, len - i, &cp);
		if (k == 0)
			return refuse(f, count_lines(doc, doc + i),
				      _("The document is not valid UTF-8."),
				      _("Save or send it as UTF-8 (not Latin-1 or Windows-1252)."));
		i += k;
	}
	return 0;
}

/* The encoding named by an XML declaration (from "<?xml" to "?>"), if any,
 * must be UTF-8. */
static int check_declaration(const char *p, const char *end, struct xml_failure *f)
{
	const char *close = memmem(p, (size_t)(end - p), "?>", 2);
	const char *enc, *q;
	char quote;

	if (close == NULL)
		return 0; /* the parser says what is wrong */
	enc = memmem(p, (size_t)(close - p), "encoding", 8);
	if (enc == NULL)
		return 0;
	q = enc + 8;
	while (q < close && (*q == ' ' || *q == '\t' || *q == '\r' || *q == '\n' || *q == '='))
		q++;
	if (q >= close || (*q != '"' && *q != '\''))
		return 0;
	quote = *q++;
	if (close - q >= 5 && strncasecmp(q, "UTF-8", 5) == 0 && q[5] == quote)
		return 0;
	if (close - q >= 4 && strncasecmp(q, "UTF8", 4) == 0 && q[4] == quote)
		return 0;
	return refuse(f, 1, _("The document declares an encoding other than UTF-8."),
		      _("Write it in UTF-8 with <?xml version=\"1.0\" encoding=\"UTF-8\"?>."));
}

/* Walks the prolog: declaration, comments, processing instructions and
 * spaces, up to the root element; refuses "<!DOCTYPE" and any other "<!". */
static int check_prolog(const char *doc, size_t len, struct xml_failure *f)
{
	const char *p = doc, *end = doc + len, *q;

	if (starts(p, end, "\xEF\xBB\xBF"))
		p += 3;
	if (starts(p, end, "<?xml") && check_declaration(p, end, f) != 0)
		return -1;
	while (p < end) {
		if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n') {
			p++;
		} else if (starts(p, end, "<!--")) {
			q = memmem(p + 4, (size_t)(end - p - 4), "-->", 3);
			if (q == NULL)
				return 0;
			p = q + 3;
		} else if (starts(p, end, "<?")) {
			q = memmem(p + 2, (size_t)(end - p - 2), "?>", 2);
			if (q == NULL)
				return 0;
			p = q + 2;
		} else if (starts(p, end, "<!")) {
			return refuse(
				f, count_lines(doc, p),
				_("The document has a DOCTYPE declaration; atelier refuses DTDs and entities."),
				_("Remove the <!DOCTYPE ...> declaration: atelier documents need none."));
		} else {
			return 0; /* the root element, or something the parser refuses */
		}
	}
	return 0;
}

int xml_guard(const char *doc, size_t len, size_t max, struct xml_failure *f)
{
	char text[160];

	f->line = 0;
	if (doc == NULL || len == 0)
		return refuse(f, 0, _("The document is empty."),
			      _("Send a sync or a request document."));
	if (len > max) {
		snprintf(text, sizeof(text),
			 _("The document is too big: %zu bytes, the limit is %zu."), len, max);
		return refuse(
			f, 0, text,
			_("Split it into several documents (a partial sync can be sent in parts)."));
	}
	if (check_bytes(doc, len, f) != 0 || check_prolog(doc, len, f) != 0)
		return -1;
	return xml_limits_check(doc, len, f);
}
