/*
 * site.c - choosing the site: what was typed, the desk's ATELIER_SITE, or
 * the staff member's own sites (all active sites for a coordinator or an
 * administrator who is attached to none).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "labels.h"
#include "output.h"
#include "prompt.h"
#include "report.h"
#include "site.h"

struct site_set {
	struct labels sites;   /* code, and "CODE – name" as the label */
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
	snprintf(label, sizeof(label), name != NULL && name[0] != '\0' ? "%s \xe2\x80\x93 %s" : "%s",
		 code, name);
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

/* The codes of the staff member's own sites. */
struct codes {
	char *items[64];
	size_t n;
};

static void add_code(void *ctx, const char *code)
{
	struct codes *k = ctx;

	if (k->n < 64 && (k->items[k->n] = strdup(code)) != NULL)
		k->n++;
}

static bool has_code(const struct codes *k, const char *code)
{
	size_t i;

	for (i = 0; i < k->n; i++)
		if (strcmp(k->items[i], code) == 0)
			return true;
	return false;
}

/* The sites from site_list(): all active ones, or those in `mine` (a text[]
 * literal) when it names any. */
static int load_sites(struct cli *c, const char *mine, struct site_set *s,
		      atelier_error *err)
{
	struct codes k = { .n = 0 };
	atelier_rows *rows;
	int more = 0;
	size_t i;

	if (array_each(mine, add_code, &k) < 0)
		s->failed = true;
	rows = atelier_site_list(c->h, err);
	if (rows == NULL) {
		more = -1;
		goto done;
	}
	while ((more = atelier_rows_next(rows, err)) == 1) {
		const char *code = atelier_rows_get(rows, "code");
		const char *active = atelier_rows_get(rows, "active");

		if (code == NULL || (active != NULL && strcmp(active, "t") != 0))
			continue;
		if (k.n == 0 || has_code(&k, code))
			add_site(s, code, atelier_rows_get(rows, "name"));
	}
	atelier_rows_free(rows);
done:
	for (i = 0; i < k.n; i++)
		free(k.items[i]);
	if (more < 0)
		return -1;
	if (s->failed) {
		report_set(err, ATELIER_E_INTERNAL, NULL, "%s", _("Out of memory."));
		return -1;
	}
	return 0;
}

/* The staff member's sites as a text[] literal, malloc'd. */
static char *my_sites(struct cli *c, atelier_error *err)
{
	atelier_rows *rows = atelier_whoami(c->h, err);
	char *sites = NULL;
	int got = rows != NULL ? atelier_rows_next(rows, err) : -1;

	if (got == 1) {
		const char *v = atelier_rows_get(rows, "sites");

		sites = strdup(v != NULL ? v : "{}");
	}
	if (got == 0 || (got == 1 && sites == NULL))
		report_set(err, ATELIER_E_AUTH, NULL, "%s",
			   _("You are not logged in (or your session expired): run atelier login."));
	atelier_rows_free(rows);
	return sites;
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
		if (prompt_pick(_("Site:"), _("Which site? (number): "), s->sites.items,
				s->sites.n, PICK_ONE, -1, &pick) < 0) {
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
	report_usage(c, _("Which site? Give --site CODE (or set ATELIER_SITE); yours are: %s."), list);
	free(list);
	return EXIT_USAGE;
}

int cli_site(struct cli *c, const char *given, bool ask, char out[SITE_CODE_MAX])
{
	struct site_set s = { { 0, NULL }, 0, false };
	const char *fixed = cli_site_filter(given);
	atelier_error err;
	char *mine;
	int rc;

	if (fixed != NULL) {
		snprintf(out, SITE_CODE_MAX, "%s", fixed);
		return EXIT_DONE;
	}
	mine = my_sites(c, &err);
	if (mine == NULL)
		return report_error(&err);
	if (load_sites(c, mine, &s, &err) != 0)
		rc = report_error(&err);
	else
		rc = choose(c, &s, ask, out);
	free(mine);
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
