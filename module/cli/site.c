/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * site.c - choosing the site: what was typed, the desk's ATELIER_SITE, or
 * one of the sites the database lets the staff member act on.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diagnostics.h"
#include "labels.h"
#include "prompt.h"
#include "site.h"

struct site_set {
	struct labels sites; /* code, and "CODE – name" as the label */
	size_t cap;
	bool failed;
};

static void add_site(struct site_set *s, const char *code, const char *name)
{
	char label[300];
	struct choice *items;

	if (s->failed)
		return;
	if (s->sites.n == s->cap) {
		s->cap = s->cap > 0 ? 2 * s->cap : 8;
		items = realloc(s->sites.items, s->cap * sizeof(*items));
		if (items == NULL) {
			s->failed = true;
			return;
		}
		s->sites.items = items;
	}
	snprintf(label, sizeof(label),
		 name != NULL && name[0] != '\0' ? "%s \xe2\x80\x93 %s" : "%s", code, name);
	s->sites.items[s->sites.n].code = strdup(code);
	s->sites.items[s->sites.n].label = strdup(label);
	if (s->sites.items[s->sites.n].code == NULL || s->sites.items[s->sites.n].label == NULL) {
		free((char *)s->sites.items[s->sites.n].code);
		free((char *)s->sites.items[s->sites.n].label);
		s->failed = true;
		return;
	}
	s->sites.n++;
}

/* The sites the database lets the staff member act on. */
static int load_sites(struct cli *c, struct site_set *s, atelier_error *err)
{
	atelier_rows *rows = atelier_my_sites(c->h, err);
	int more;

	if (rows == NULL)
		return -1;
	while ((more = atelier_rows_next(rows, err)) == 1) {
		const char *code = atelier_rows_get(rows, "code");

		if (code != NULL)
			add_site(s, code, atelier_rows_get(rows, "name"));
	}
	atelier_rows_free(rows);
	if (more < 0)
		return -1;
	if (s->failed) {
		report_set(err, ATELIER_E_INTERNAL, NULL, "%s", _("Out of memory."));
		return -1;
	}
	return 0;
}

static int choose(struct cli *c, struct site_set *s, bool ask, char out[SITE_CODE_MAX])
{
	char *list;
	size_t pick;

	if (s->sites.n == 1) {
		snprintf(out, SITE_CODE_MAX, "%s", s->sites.items[0].code);
		return EXIT_DONE;
	}
	if (s->sites.n == 0)
		return report_usage(c, "%s", _("There is no site to work on; give --site CODE."));
	if (ask) {
		if (prompt_pick(_("Site:"), _("Which site? (number): "), s->sites.items, s->sites.n,
				PICK_ONE, -1, &pick) < 0) {
			report_warning("%s", _("Cancelled: nothing was stored."));
			return EXIT_USAGE;
		}
		snprintf(out, SITE_CODE_MAX, "%s", s->sites.items[pick].code);
		return EXIT_DONE;
	}
	{
		size_t i, used = 0;

		list = malloc(s->sites.n * (SITE_CODE_MAX + 2) + 1);
		if (list == NULL)
			return EXIT_INTERNAL;
		list[0] = '\0';
		for (i = 0; i < s->sites.n; i++)
			used += (size_t)sprintf(list + used, "%s%.*s", i > 0 ? ", " : "",
						SITE_CODE_MAX, s->sites.items[i].code);
	}
	report_usage(c, _("Which site? Give --site CODE (or set ATELIER_SITE); yours are: %s."),
		     list);
	free(list);
	return EXIT_USAGE;
}

int cli_site(struct cli *c, const char *given, bool ask, char out[SITE_CODE_MAX])
{
	struct site_set s = { .failed = false };
	const char *fixed = cli_site_filter(given);
	atelier_error err;
	int rc;

	if (fixed != NULL) {
		snprintf(out, SITE_CODE_MAX, "%s", fixed);
		return EXIT_DONE;
	}
	if (load_sites(c, &s, &err) != 0)
		rc = report_error(&err);
	else
		rc = choose(c, &s, ask, out);
	labels_free(&s.sites);
	return rc;
}

const char *cli_site_filter(const char *given)
{
	const char *env = getenv("ATELIER_SITE");

	if (given != NULL)
		return given;
	return env != NULL && env[0] != '\0' ? env : NULL;
}
