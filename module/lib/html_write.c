/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * html_write.c - writing the HTML report: the first failed write is
 * latched (ok false, errno kept), later calls do nothing, and the caller
 * checks once at the end, as xml_write.c does for XML.
 */
#include <errno.h>
#include <stdarg.h>

#include "html_internal.h"

void hw_init(struct hw *w, FILE *out)
{
	w->out = out;
	w->ok = out != NULL;
	w->saved_errno = 0;
}

static void failed(struct hw *w)
{
	w->ok = false;
	w->saved_errno = errno != 0 ? errno : EIO;
}

void hw_puts(struct hw *w, const char *markup)
{
	if (!w->ok)
		return;
	errno = 0;
	if (fputs(markup, w->out) < 0)
		failed(w);
}

void hw_printf(struct hw *w, const char *fmt, ...)
{
	va_list ap;
	int rc;

	if (!w->ok)
		return;
	errno = 0;
	va_start(ap, fmt);
	rc = vfprintf(w->out, fmt, ap);
	va_end(ap);
	if (rc < 0)
		failed(w);
}

void hw_text_cut(struct hw *w, const char *text, size_t max_chars)
{
	if (!w->ok)
		return;
	errno = 0;
	if (html_escape(w->out, text, max_chars) != 0)
		failed(w);
}

void hw_text(struct hw *w, const char *text)
{
	hw_text_cut(w, text, 0);
}
