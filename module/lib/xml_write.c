/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xml_write.c - xmlTextWriter writing straight into a FILE as it goes (the
 * output buffer holds a few kilobytes, never the document).  Every call's
 * result is checked: the first failure is latched in x->ok, later calls do
 * nothing, and xw_close() frees everything and reports it once.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "xml_internal.h"

static int write_to_file(void *ctx, const char *buf, int len)
{
	struct xw *x = ctx;

	if (len <= 0)
		return 0;
	if (fwrite(buf, 1, (size_t)len, x->out) != (size_t)len) {
		x->saved_errno = errno != 0 ? errno : EIO;
		return -1;
	}
	return len;
}

int xw_open(struct xw *x, FILE *out, bool declaration)
{
	xmlOutputBufferPtr buf;

	memset(x, 0, sizeof(*x));
	x->out = out;
	buf = xmlOutputBufferCreateIO(write_to_file, NULL, x, NULL);
	if (buf == NULL)
		return -1;
	/* The writer owns buf from here on; if it could not be made, buf is
	 * still ours. */
	x->w = xmlNewTextWriter(buf);
	if (x->w == NULL) {
		xmlOutputBufferClose(buf);
		return -1;
	}
	x->ok = xmlTextWriterSetIndent(x->w, 1) >= 0 &&
		xmlTextWriterSetIndentString(x->w, BAD_CAST "  ") >= 0 &&
		(!declaration || xmlTextWriterStartDocument(x->w, "1.0", "UTF-8", NULL) >= 0);
	return x->ok ? 0 : -1;
}

void xw_start(struct xw *x, const char *name)
{
	x->ok = x->ok && xmlTextWriterStartElement(x->w, BAD_CAST name) >= 0;
}

/* The root element declares our namespace; its children inherit it. */
void xw_start_root(struct xw *x, const char *name)
{
	x->ok = x->ok &&
		xmlTextWriterStartElementNS(x->w, NULL, BAD_CAST name, BAD_CAST XML_NS) >= 0;
}

/* An attribute value escaped for double quotes.  (xmlTextWriter would
 * write every non-ASCII character as a character reference, since a
 * streaming writer has no document to carry the encoding: é as &#xE9;.) */
static char *escape_attr(const char *v)
{
	size_t n = strlen(v);
	char *out = malloc(6 * n + 1), *o = out;

	if (out == NULL)
		return NULL;
	for (; *v != '\0'; v++) {
		const char *e = NULL;

		switch (*v) {
		case '&':
			e = "&amp;";
			break;
		case '<':
			e = "&lt;";
			break;
		case '>':
			e = "&gt;";
			break;
		case '"':
			e = "&quot;";
			break;
		case '\t':
			e = "&#9;";
			break;
		case '\n':
			e = "&#10;";
			break;
		case '\r':
			e = "&#13;";
			break;
		default:
			*o++ = *v;
			continue;
		}
		o = stpcpy(o, e);
	}
	*o = '\0';
	return out;
}

/* Text from the database goes through xml_clean_text(): a byte XML cannot
 * carry must not make the whole document unreadable. */
void xw_attr(struct xw *x, const char *name, const char *value)
{
	bool oom;
	char *clean, *escaped;

	if (!x->ok || value == NULL)
		return;
	clean = xml_clean_text(value, &oom);
	escaped = oom ? NULL : escape_attr(clean != NULL ? clean : value);
	x->oom = escaped == NULL;
	x->ok = escaped != NULL && xmlTextWriterStartAttribute(x->w, BAD_CAST name) >= 0 &&
		xmlTextWriterWriteRaw(x->w, BAD_CAST escaped) >= 0 &&
		xmlTextWriterEndAttribute(x->w) >= 0;
	free(escaped);
	free(clean);
}

void xw_attr_ll(struct xw *x, const char *name, long long v)
{
	char buf[24];

	snprintf(buf, sizeof(buf), "%lld", v);
	xw_attr(x, name, buf);
}

/* PostgreSQL's "2026-11-10 14:00:00+01" as xs:dateTime
 * "2026-11-10T14:00:00+01:00". */
void xw_attr_time(struct xw *x, const char *name, const char *pg)
{
	char buf[64];
	size_t n;
	const char *sign;

	if (pg == NULL || strlen(pg) < 19 || strlen(pg) > 40 || pg[10] != ' ') {
		xw_attr(x, name, pg);
		return;
	}
	memcpy(buf, pg, strlen(pg) + 1);
	buf[10] = 'T';
	sign = strpbrk(buf + 19, "+-");
	n = strlen(buf);
	if (sign != NULL && n - (size_t)(sign - buf) == 3)
		memcpy(buf + n, ":00", 4);
	xw_attr(x, name, buf);
}

void xw_element_text(struct xw *x, const char *name, const char *text)
{
	bool oom;
	char *clean;

	if (!x->ok || text == NULL)
		return;
	clean = xml_clean_text(text, &oom);
	x->oom = oom;
	x->ok = !oom && xmlTextWriterWriteElement(x->w, BAD_CAST name,
						  BAD_CAST(clean != NULL ? clean : text)) >= 0;
	free(clean);
}

void xw_end(struct xw *x)
{
	x->ok = x->ok && xmlTextWriterEndElement(x->w) >= 0;
}

/* Copies an XML fragment written earlier (to a temporary file) into the
 * current element. */
void xw_raw_file(struct xw *x, FILE *from)
{
	char buf[8192];
	size_t n;

	if (!x->ok)
		return;
	/* The new line closes the start tag, so the fragment begins a line. */
	if (fflush(from) != 0 || fseek(from, 0, SEEK_SET) != 0 ||
	    xmlTextWriterWriteRaw(x->w, BAD_CAST "\n") < 0) {
		x->ok = false;
		x->saved_errno = errno;
		return;
	}
	while (x->ok && (n = fread(buf, 1, sizeof(buf), from)) > 0)
		x->ok = xmlTextWriterWriteRawLen(x->w, BAD_CAST buf, (int)n) >= 0;
	if (ferror(from)) {
		x->ok = false;
		x->saved_errno = EIO;
	}
}

/* An error element: category, SQLSTATE, line; message, hint, detail. */
void xw_error(struct xw *x, const atelier_error *e, int line)
{
	xw_start(x, "error");
	xw_attr(x, "category",
		atelier_category_name(e->category != ATELIER_OK ? e->category
								: ATELIER_E_INTERNAL));
	if (e->sqlstate[0] != '\0')
		xw_attr(x, "sqlstate", e->sqlstate);
	if (line > 0)
		xw_attr_ll(x, "line", line);
	xw_element_text(x, "message", e->message[0] != '\0' ? e->message : "?");
	if (e->hint[0] != '\0')
		xw_element_text(x, "hint", e->hint);
	if (e->detail[0] != '\0')
		xw_element_text(x, "detail", e->detail);
	xw_end(x);
}

int xw_close(struct xw *x, atelier_error *err)
{
	bool ok = x->ok && x->w != NULL;

	if (ok)
		ok = xmlTextWriterEndDocument(x->w) >= 0 && xmlTextWriterFlush(x->w) >= 0;
	xmlFreeTextWriter(x->w);
	x->w = NULL;
	if (ok && fflush(x->out) != 0) {
		ok = false;
		x->saved_errno = errno;
	}
	if (!ok) {
		if (x->oom)
			error_set(err, ATELIER_E_INTERNAL, "%s", _("Out of memory."));
		else
			error_set(err, ATELIER_E_INTERNAL, _("Could not write the document: %s"),
				  strerror(x->saved_errno != 0 ? x->saved_errno : EIO));
	}
	return ok ? 0 : -1;
}
