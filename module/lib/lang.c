/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * lang.c - which language the person reading our messages wants, chosen the
 * way gettext chooses: LANGUAGE, then LC_ALL, LC_MESSAGES, LANG.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static const char *first_set(const char *const *names)
{
	for (; *names != NULL; names++) {
		const char *v = getenv(*names);

		if (v != NULL && v[0] != '\0')
			return v;
	}
	return NULL;
}

void lang_from_environment(char out[3])
{
	static const char *const locale_vars[] = { "LC_ALL", "LC_MESSAGES", "LANG", NULL };
	static const char *const language_var[] = { "LANGUAGE", NULL };
	const char *locale = first_set(locale_vars);
	const char *language = first_set(language_var);

	/* gettext ignores LANGUAGE when the locale is C or POSIX. */
	if (language != NULL && locale != NULL && strcmp(locale, "C") != 0 &&
	    strcmp(locale, "POSIX") != 0)
		locale = language;
	strcpy(out, locale != NULL && strncmp(locale, "fr", 2) == 0 ? "fr" : "en");
}
