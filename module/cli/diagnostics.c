/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * diagnostics.c - one clear sentence on stderr for each failure: what happened,
 * then what to do, and the technical detail only where it helps (the
 * database being unreachable, or what stands in the way of a booking).
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "diagnostics.h"

/* libpq's messages span lines ("...failed: Connection refused\n\tIs the
 * server running..."): one line, blanks collapsed. */
static void one_line(char *dst, const char *src, size_t len)
{
	size_t n = 0;
	bool blank = false;

	for (; *src != '\0' && n + 1 < len; src++) {
		if ((unsigned char)*src <= ' ') {
			blank = n > 0;
			continue;
		}
		if (blank && n + 2 < len)
			dst[n++] = ' ';
		blank = false;
		dst[n++] = *src;
	}
	dst[n] = '\0';
}

int report_error(const atelier_error *err)
{
	fprintf(stderr, "atelier: %s\n",
		err->message[0] != '\0' ? err->message
					: _("Something went wrong, and nothing more is known."));
	if (err->hint[0] != '\0')
		fprintf(stderr, "  %s\n", err->hint);
	if (err->detail[0] != '\0' && err->category != ATELIER_E_INTERNAL) {
		char detail[sizeof(err->detail)];

		one_line(detail, err->detail, sizeof(detail));
		fprintf(stderr, "  (%s)\n", detail);
	}
	return atelier_category_exit_code(err->category);
}

/* "atelier: " and the sentence, one line on stderr. */
__attribute__((format(printf, 1, 0))) static void say(const char *fmt, va_list ap)
{
	fputs("atelier: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

int report_usage(const struct cli *c, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	say(fmt, ap);
	va_end(ap);
	if (c != NULL && c->cmdpath[0] != '\0')
		fprintf(stderr, _("  See: atelier %s --help\n"), c->cmdpath);
	else
		fprintf(stderr, "%s\n", _("  See: atelier --help"));
	return EXIT_USAGE;
}

void report_warning(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	say(fmt, ap);
	va_end(ap);
}

void report_set(atelier_error *err, atelier_category category, const char *hint, const char *fmt,
		...)
{
	va_list ap;

	atelier_error_clear(err);
	err->category = category;
	va_start(ap, fmt);
	vsnprintf(err->message, sizeof(err->message), fmt, ap);
	va_end(ap);
	if (hint != NULL)
		snprintf(err->hint, sizeof(err->hint), "%s", hint);
}
