/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xml_limits.c - bounds on the work a document may cause, checked on its raw
 * bytes in one linear pass before libxml2 sees it (part of the byte guard):
 *  - at most XML_MAX_ATTRIBUTES attributes and XML_MAX_NS_DECLS namespace
 *    declarations on one element: libxml2 2.9 checks an element's attributes
 *    for duplicates pairwise, so 200 000 of them cost minutes of CPU;
 *  - no attribute value and no text longer than XML_MAX_VALUE_CHARS
 *    characters: the schema's patterns run on a whole value before its
 *    maxLength is checked, and cost memory many times its size;
 *  - at most XML_MAX_ELEMENTS elements, so that a document too big to be
 *    worth reading is refused before any of it is applied.
 * The scan follows the grammar of well-formed XML for tags, comments, CDATA
 * and processing instructions; at the first thing it does not understand it
 * stops and leaves the verdict to the parser, which stops there at the latest.
 */
#include <string.h>

#include "xml_internal.h"

struct scan {
	const char *doc, *p, *end;
	long elements;
	struct xml_failure *f;
};

static bool space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static int line_at(const struct scan *s, const char *at)
{
	const char *q;
	int line = 1;

	for (q = s->doc; q < at; q++)
		if (*q == '\n')
			line++;
	return line;
}

/* A name for a message: the element's or attribute's own when it is short
 * (they are the schema's), else a neutral word: never a cut name. */
static void name_for_message(const char *name, size_t n, char *buf, size_t len)
{
	if (n > 0 && n < len) {
		memcpy(buf, name, n);
		buf[n] = '\0';
	} else {
		snprintf(buf, len, "%s", "?");
	}
}

static int refuse(struct scan *s, const char *at, const char *hint)
{
	error_hint(&s->f->e, "%s", hint);
	s->f->line = line_at(s, at);
	return -1;
}

/* Characters from p up to stop (exclusive): UTF-8 lead bytes, an entity or
 * character reference counting as one. */
static long chars(const char *p, const char *stop)
{
	long n = 0;

	while (p < stop) {
		if (*p == '&') {
			/* The longest reference is "&#x10FFFF;": looking no further keeps
			 * a run of lone '&' linear. */
			const char *semi = memchr(p, ';', stop - p < 12 ? (size_t)(stop - p) : 12);

			p = semi != NULL ? semi + 1 : p + 1;
			n++;
			continue;
		}
		if (((unsigned char)*p & 0xC0) != 0x80)
			n++;
		p++;
	}
	return n;
}

/* el is "" for a text after an element's end (the scan keeps no stack). */
static int too_long_value(struct scan *s, const char *at, const char *el, const char *attr)
{
	int line = line_at(s, at);

	if (attr != NULL)
		error_set(
			&s->f->e, ATELIER_E_USAGE,
			_("Line %d: the attribute %s of the element %s is longer than %d characters."),
			line, attr, el, XML_MAX_VALUE_CHARS);
	else if (el[0] != '\0')
		error_set(&s->f->e, ATELIER_E_USAGE,
			  _("Line %d: the text of the element %s is longer than %d characters."),
			  line, el, XML_MAX_VALUE_CHARS);
	else
		error_set(&s->f->e, ATELIER_E_USAGE,
			  _("Line %d: a text of the document is longer than %d characters."), line,
			  XML_MAX_VALUE_CHARS);
	return refuse(s, at,
		      _("No atelier value is that long (the schema gives each value its own "
			"limit, notes being the longest): check how the document was generated."));
}

/* One attribute at s->p (its name); 1 read, 0 not understood, -1 refused. */
static int attribute(struct scan *s, const char *el, int *nattr, int *nns)
{
	const char *name = s->p, *value, *close;
	char attr[65];
	size_t n;

	while (s->p < s->end && !space(*s->p) && *s->p != '=' && *s->p != '>' && *s->p != '/')
		s->p++;
	n = (size_t)(s->p - name);
	while (s->p < s->end && space(*s->p))
		s->p++;
	if (n == 0 || s->p >= s->end || *s->p != '=')
		return 0;
	for (s->p++; s->p < s->end && space(*s->p); s->p++)
		;
	if (s->p >= s->end || (*s->p != '"' && *s->p != '\''))
		return 0;
	value = s->p + 1;
	close = memchr(value, *s->p, (size_t)(s->end - value));
	if (close == NULL)
		return 0;
	if ((n == 5 && memcmp(name, "xmlns", 5) == 0) ||
	    (n > 6 && memcmp(name, "xmlns:", 6) == 0)) {
		if (++*nns > XML_MAX_NS_DECLS) {
			error_set(&s->f->e, ATELIER_E_USAGE,
				  _("Line %d: the element %s declares more than %d namespaces."),
				  line_at(s, name), el, XML_MAX_NS_DECLS);
			return refuse(s, name,
				      _("An atelier document needs one namespace declaration, "
					"xmlns=\"urn:atelier:exchange:1\", on its root element."));
		}
	} else if (++*nattr > XML_MAX_ATTRIBUTES) {
		error_set(&s->f->e, ATELIER_E_USAGE,
			  _("Line %d: the element %s has more than %d attributes."),
			  line_at(s, name), el, XML_MAX_ATTRIBUTES);
		return refuse(s, name,
			      _("No atelier element has more than 13 attributes: "
				"check how the document was generated."));
	}
	if (close - value > XML_MAX_VALUE_CHARS && chars(value, close) > XML_MAX_VALUE_CHARS) {
		name_for_message(name, n, attr, sizeof(attr));
		return too_long_value(s, name, el, attr);
	}
	s->p = close + 1;
	return 1;
}

/* A start tag at s->p ('<' and a name), up to its '>' (excluded); el
 * receives its name.  1 read, 2 read and empty (<x/>), 0 not understood,
 * -1 refused. */
static int start_tag(struct scan *s, char el[65])
{
	const char *name = ++s->p;
	int nattr = 0, nns = 0, rc;

	while (s->p < s->end && !space(*s->p) && *s->p != '>' && *s->p != '/')
		s->p++;
	name_for_message(name, (size_t)(s->p - name), el, 65);
	if (++s->elements > XML_MAX_ELEMENTS) {
		error_set(&s->f->e, ATELIER_E_USAGE,
			  _("Line %d: the document has more than %ld elements."), line_at(s, name),
			  (long)XML_MAX_ELEMENTS);
		return refuse(
			s, name,
			_("Split it into several documents (a partial sync can be sent in parts)."));
	}
	for (;;) {
		while (s->p < s->end && space(*s->p))
			s->p++;
		if (s->p < s->end && *s->p == '>')
			break;
		if (s->end - s->p >= 2 && s->p[0] == '/' && s->p[1] == '>') {
			s->p++;
			return 2;
		}
		if (s->p >= s->end || *s->p == '/')
			return 0;
		rc = attribute(s, el, &nattr, &nns);
		if (rc <= 0)
			return rc;
	}
	return 1;
}

/* Skips from s->p past the first "close"; false when there is none. */
static bool skip_past(struct scan *s, const char *close)
{
	size_t n = strlen(close);
	const char *q = memmem(s->p, (size_t)(s->end - s->p), close, n);

	if (q == NULL)
		return false;
	s->p = q + n;
	return true;
}

static bool at(const struct scan *s, const char *word)
{
	size_t n = strlen(word);

	return (size_t)(s->end - s->p) >= n && memcmp(s->p, word, n) == 0;
}

/* Text and CDATA count towards the text of the element that holds them
 * (comments and processing instructions do not end it); tags end it. */
static int scan(struct scan *s)
{
	const char *text_start = NULL, *q;
	long text = 0;
	char el[65] = "";
	int rc;

	while (s->p < s->end) {
		if (*s->p != '<') {
			q = memchr(s->p, '<', (size_t)(s->end - s->p));
			q = q != NULL ? q : s->end;
			text_start = text_start != NULL ? text_start : s->p;
			text += chars(s->p, q);
			s->p = q;
		} else if (at(s, "<!--")) {
			if (!skip_past(s, "-->"))
				return 0;
		} else if (at(s, "<![CDATA[")) {
			text_start = text_start != NULL ? text_start : s->p;
			s->p += 9;
			q = memmem(s->p, (size_t)(s->end - s->p), "]]>", 3);
			if (q == NULL)
				return 0;
			text += chars(s->p, q);
			s->p = q + 3;
		} else if (at(s, "<?")) {
			if (!skip_past(s, "?>"))
				return 0;
		} else if (at(s, "<!")) {
			return 0; /* a DOCTYPE (refused before) or not XML */
		} else {
			text = 0;
			text_start = NULL;
			if (at(s, "</")) {
				el[0] = '\0';
				if (!skip_past(s, ">"))
					return 0;
				continue;
			}
			rc = start_tag(s, el);
			if (rc <= 0)
				return rc;
			if (rc == 2)
				el[0] = '\0';
			s->p++;
		}
		if (text > XML_MAX_VALUE_CHARS)
			return too_long_value(s, text_start, el, NULL);
	}
	return 0;
}

int xml_limits_check(const char *doc, size_t len, struct xml_failure *f)
{
	struct scan s = { doc, doc, doc + len, 0, f };

	return scan(&s) < 0 ? -1 : 0;
}
