/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_ticket_show.c - atelier ticket list and ticket show: labels rather
 * than codes for people, raw values for scripts.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "diagnostics.h"
#include "output.h"
#include "staff_handle.h"
#include "ticket.h"

/* The reference lists a ticket's codes come from. */
enum { L_THEME, L_PROCEDURE, L_PLACE, L_EQUIPMENT, L_AUTONOMY, L_REFERRAL, L_STATE, L_COUNT };
static const char *const vocabularies[L_COUNT] = { "theme",       "procedure", "place",
						   "equipment",   "autonomy",  "referral",
						   "ticket_state" };

struct ticket_labels {
	struct labels l[L_COUNT];
};

/* Loads the lists (all of them, or the first n); on failure the codes
 * show as they are.  Labels only matter in a table. */
static void tl_load(struct cli *c, const char *site, struct ticket_labels *t)
{
	atelier_error err;
	int i;

	memset(t, 0, sizeof(*t));
	if (c->format == OUT_TSV)
		return;
	for (i = 0; i < L_COUNT; i++)
		if (labels_load(c->h, vocabularies[i], site, &t->l[i], &err) != 0)
			memset(&t->l[i], 0, sizeof(t->l[i]));
}

static void tl_free(struct ticket_labels *t)
{
	int i;

	for (i = 0; i < L_COUNT; i++)
		labels_free(&t->l[i]);
}

/* A text[] literal as labels ("E-mail, Navigation") or, for scripts, as
 * codes separated by commas. */
static char *codes_shown(const struct cli *c, const char *literal, struct labels *l)
{
	return c->format == OUT_TSV ? array_codes(literal) : array_join(literal, labels_map, l);
}

/* ---- list -------------------------------------------------------------- */

static int list_rows(struct cli *c, atelier_rows *rows, struct ticket_labels *tl, struct table *t,
		     atelier_error *err)
{
	int more;

	while ((more = atelier_rows_next(rows, err)) == 1) {
		const char *anon = atelier_rows_get(rows, "anonymous");
		bool is_anon, anonymous = atelier_value_bool(anon, &is_anon) == 1 && is_anon;
		char *themes = codes_shown(c, atelier_rows_get(rows, "themes"), &tl->l[L_THEME]);
		const char *state = atelier_rows_get(rows, "state");
		const char *place = atelier_rows_get(rows, "place");
		const char *cells[] = {
			atelier_rows_get(rows, "ticket_id"),
			atelier_rows_get(rows, "opened_at"),
			atelier_rows_get(rows, "site"),
			atelier_rows_get(rows, "opened_by"),
			cli_pick(c, state, labels_get(&tl->l[L_STATE], state)),
			themes,
			cli_pick(c, place, labels_get(&tl->l[L_PLACE], place)),
			atelier_rows_get(rows, "minutes"),
			cli_pick(c, anon, anonymous ? _("anonymous") : _("known")),
		};
		int rc = themes == NULL ? -1 : table_add(t, cells);

		free(themes);
		if (rc != 0) {
			report_set(err, ATELIER_E_INTERNAL, NULL, "%s", _("Out of memory."));
			return -1;
		}
	}
	return more;
}

static int run_list(struct cli *c, const struct command *cmd, int argc, char **argv)
{
	static const char *const states[] = { "open",     "in_progress", "resolved",
					      "referred", "abandoned",   NULL };
	const char *site = NULL, *state = NULL;
	char from[ARGS_VALUE_LEN] = "", to[ARGS_VALUE_LEN] = "", from_at[ARGS_VALUE_LEN],
	     to_at[ARGS_VALUE_LEN];
	long long limit = 0; /* not given: the database's default */
	const struct arg_spec specs[] = {
		{ .name = "site", .kind = ARG_TEXT, .target = &site },
		{ .name = "state", .kind = ARG_CHOICE, .target = &state, .choices = states },
		{ .name = "from", .kind = ARG_DATE, .target = from },
		{ .name = "to", .kind = ARG_DATE, .target = to },
		{ .name = "limit", .kind = ARG_INT, .target = &limit, .min = 1, .max = 100000 },
		{ .name = NULL }
	};
	const struct column cols[] = {
		{ "ticket_id", _("No."), COL_NUMBER },  { "opened_at", _("Opened"), COL_TIME },
		{ "site", _("Site"), COL_TEXT },        { "opened_by", _("By"), COL_TEXT },
		{ "state", _("State"), COL_TEXT },      { "themes", _("Themes"), COL_TEXT },
		{ "place", _("Place"), COL_TEXT },      { "minutes", _("Min."), COL_NUMBER },
		{ "anonymous", _("Person"), COL_TEXT },
	};
	struct ticket_labels tl;
	struct args_result r;
	atelier_error err;
	atelier_rows *rows = NULL;
	struct table *t = NULL;
	int rc = cli_parse(c, cmd, specs, argc, argv, &r, 0, 0);

	if (rc != CLI_GO_ON || (rc = cli_staff(c)) != EXIT_DONE)
		return rc;
	/* --to is the last day listed: the period ends at the next midnight. */
	if ((from[0] != '\0' && args_day_start(from, 0, from_at) != 0) ||
	    (to[0] != '\0' && args_day_start(to, 1, to_at) != 0))
		return report_usage(c, "%s", _("The period could not be understood."));
	site = cli_site_filter(site);
	tl_load(c, site, &tl);
	rows = atelier_ticket_list(c->h, site, state, from[0] != '\0' ? from_at : NULL,
				   to[0] != '\0' ? to_at : NULL, (int)limit, &err);
	t = table_new(cols, sizeof(cols) / sizeof(cols[0]));
	if (rows == NULL || t == NULL || list_rows(c, rows, &tl, t, &err) < 0)
		rc = t == NULL && rows != NULL ? EXIT_INTERNAL : report_error(&err);
	else
		rc = cli_print_table(c, t, _("No tickets."));
	atelier_rows_free(rows);
	table_free(t);
	tl_free(&tl);
	return rc;
}

/* ---- show -------------------------------------------------------------- */

/* The top-level keys of a JSON object (what a timeline event changed),
 * each passed to fn.  Enough for the objects the database writes. */
static void json_keys(const char *json, void (*fn)(void *ctx, const char *key), void *ctx)
{
	char key[64];
	int depth = 0;
	const char *p;

	for (p = json != NULL ? json : ""; *p != '\0'; p++) {
		if (*p == '{' || *p == '[') {
			depth++;
		} else if (*p == '}' || *p == ']') {
			depth--;
		} else if (*p == '"') {
			size_t len = 0;

			for (p++; *p != '\0' && *p != '"'; p++) {
				if (*p == '\\' && p[1] != '\0')
					p++;
				if (len + 1 < sizeof(key))
					key[len++] = *p;
			}
			if (*p == '\0')
				break;
			key[len] = '\0';
			while (p[1] == ' ')
				p++;
			if (depth == 1 && p[1] == ':')
				fn(ctx, key);
		}
	}
}

static const char *field_name(const char *key)
{
	static const char *const names[][2] = {
		{ "themes", N_("themes") },
		{ "procedures", N_("procedures") },
		{ "place", N_("place") },
		{ "equipment", N_("equipment") },
		{ "workstation_id", N_("workstation") },
		{ "minutes", N_("minutes") },
		{ "notes", N_("notes") },
		{ "autonomy", N_("autonomy") },
		{ "referral", N_("referred to") },
		{ "person_id", N_("person") },
	};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(names[i][0], key) == 0)
			return _(names[i][1]);
	return key;
}

struct what {
	char text[400];
	size_t used;
};

static void add_key(void *ctx, const char *key)
{
	struct what *w = ctx;

	if (w->used < sizeof(w->text))
		w->used += (size_t)snprintf(w->text + w->used, sizeof(w->text) - w->used, "%s%s",
					    w->used > 0 ? ", " : "", field_name(key));
}

/* What a timeline event did, in words. */
static void describe(atelier_rows *ev, struct ticket_labels *tl, char *out, size_t len)
{
	const char *kind = atelier_rows_get(ev, "kind");
	struct what changed = { .used = 0 };

	changed.text[0] = '\0';
	json_keys(atelier_rows_get(ev, "changes"), add_key, &changed);
	if (kind != NULL && strcmp(kind, "opened") == 0)
		snprintf(out, len, "%s", _("opened"));
	else if (kind != NULL && strcmp(kind, "state") == 0)
		snprintf(out, len, "%s \xe2\x86\x92 %s%s%s%s",
			 labels_get(&tl->l[L_STATE], atelier_rows_get(ev, "from_state")),
			 labels_get(&tl->l[L_STATE], atelier_rows_get(ev, "to_state")),
			 changed.used > 0 ? " (" : "", changed.text, changed.used > 0 ? ")" : "");
	else
		snprintf(out, len, _("changed: %s"), changed.text);
}

static int show_timeline(struct cli *c, long long id, struct ticket_labels *tl)
{
	const struct column table_cols[] = {
		{ "at", _("When"), COL_TIME },
		{ "staff", _("Who"), COL_TEXT },
		{ "what", _("What"), COL_TEXT },
	};
	const struct column tsv_cols[] = {
		{ "at", "", COL_TEXT },       { "staff", "", COL_TEXT },
		{ "kind", "", COL_TEXT },     { "from_state", "", COL_TEXT },
		{ "to_state", "", COL_TEXT }, { "changes", "", COL_TEXT },
	};
	bool tsv = c->format == OUT_TSV;
	atelier_error err;
	atelier_rows *ev = atelier_ticket_timeline(c->h, id, &err);
	struct table *t = tsv ? table_new(tsv_cols, 6) : table_new(table_cols, 3);
	int more = -1, rc;

	while (ev != NULL && t != NULL && (more = atelier_rows_next(ev, &err)) == 1) {
		char what[512];
		const char *table_row[] = { atelier_rows_get(ev, "at"),
					    atelier_rows_get(ev, "staff"), what };
		const char *tsv_row[] = {
			atelier_rows_get(ev, "at"),       atelier_rows_get(ev, "staff"),
			atelier_rows_get(ev, "kind"),     atelier_rows_get(ev, "from_state"),
			atelier_rows_get(ev, "to_state"), atelier_rows_get(ev, "changes")
		};

		if (!tsv)
			describe(ev, tl, what, sizeof(what));
		if (table_add(t, tsv ? tsv_row : table_row) != 0)
			break;
	}
	if (more != 0)
		rc = ev == NULL || more < 0 ? report_error(&err) : EXIT_INTERNAL;
	else {
		printf("\n%s", tsv ? "" : _("Timeline:\n"));
		rc = cli_print_table(c, t, NULL);
	}
	atelier_rows_free(ev);
	table_free(t);
	return rc;
}

/* For scripts: the row as it is, the person shortened. */
static int show_tsv(atelier_rows *row)
{
	int n = atelier_rows_columns(row), i, rc;
	struct column *cols = calloc((size_t)n, sizeof(*cols));
	const char **cells = calloc((size_t)n, sizeof(*cells));
	char person[16];
	struct table *t = NULL;

	for (i = 0; cols != NULL && cells != NULL && i < n; i++) {
		cols[i] = (struct column){ atelier_rows_column_name(row, i), "", COL_TEXT };
		cells[i] = atelier_rows_value(row, i);
		if (strcmp(cols[i].key, "person") == 0 && cells[i] != NULL) {
			person_short(cells[i], person);
			cells[i] = person;
		}
	}
	if (cols != NULL && cells != NULL)
		t = table_new(cols, (size_t)n);
	rc = t == NULL || table_add(t, cells) != 0 ? -1 : table_print(t, stdout, OUT_TSV, 0);
	table_free(t);
	free(cols);
	free(cells);
	return rc == 0 ? EXIT_DONE : EXIT_INTERNAL;
}

static int show_fields(atelier_rows *row, struct ticket_labels *tl)
{
	const char *g[16];
	char opened[64], closed[64], number[32], person[16];
	char *themes, *procedures;
	int rc = EXIT_INTERNAL, i;
	static const char *const keys[16] = { "ticket_id", "site",       "opened_at", "opened_by",
					      "person",    "place",      "equipment", "workstation",
					      "themes",    "procedures", "state",     "minutes",
					      "autonomy",  "referral",   "notes",     "closed_at" };

	for (i = 0; i < 16; i++)
		g[i] = atelier_rows_get(row, keys[i]);
	snprintf(number, sizeof(number), "#%s", g[0] != NULL ? g[0] : "");
	time_format(g[2], "%x %H:%M", opened, sizeof(opened));
	time_format(g[15], "%x %H:%M", closed, sizeof(closed));
	if (g[4] != NULL)
		person_short(g[4], person);
	themes = array_join(g[8], labels_map, &tl->l[L_THEME]);
	procedures = array_join(g[9], labels_map, &tl->l[L_PROCEDURE]);
	if (themes != NULL && procedures != NULL) {
		const struct field f[] = {
			{ _("Ticket"), number },
			{ _("Site"), g[1] },
			{ _("Opened"), opened },
			{ _("Opened by"), g[3] },
			{ _("Person"), g[4] != NULL ? person : _("anonymous") },
			{ _("State"), labels_get(&tl->l[L_STATE], g[10]) },
			{ _("Themes"), themes },
			{ _("Procedures"), procedures },
			{ _("Place"), labels_get(&tl->l[L_PLACE], g[5]) },
			{ _("Equipment"), labels_get(&tl->l[L_EQUIPMENT], g[6]) },
			{ _("Workstation"), g[7] },
			{ _("Minutes"), g[11] },
			{ _("Autonomy"), labels_get(&tl->l[L_AUTONOMY], g[12]) },
			{ _("Referred to"), labels_get(&tl->l[L_REFERRAL], g[13]) },
			{ _("Notes"), g[14] },
			{ _("Closed"), g[15] != NULL ? closed : NULL },
		};

		rc = fields_print(stdout, f, sizeof(f) / sizeof(f[0])) == 0 ? EXIT_DONE
									    : EXIT_INTERNAL;
	}
	free(themes);
	free(procedures);
	return rc;
}

static int run_show(struct cli *c, const struct command *cmd, int argc, char **argv)
{
	const struct arg_spec specs[] = { { .name = NULL } };
	struct ticket_labels tl;
	struct args_result r;
	atelier_error err;
	atelier_rows *row;
	long long id;
	int rc = ticket_args(c, cmd, specs, argc, argv, &r, &id, true);

	if (rc != CLI_GO_ON)
		return rc;
	row = atelier_ticket_show(c->h, id, &err);
	if (row == NULL)
		return report_error(&err);
	rc = atelier_rows_next(row, &err);
	if (rc != 1) {
		atelier_rows_free(row);
		return rc < 0 ? report_error(&err) : EXIT_INTERNAL;
	}
	tl_load(c, atelier_rows_get(row, "site"), &tl);
	rc = c->format == OUT_TSV ? show_tsv(row) : show_fields(row, &tl);
	atelier_rows_free(row);
	if (rc == EXIT_DONE)
		rc = show_timeline(c, id, &tl);
	tl_free(&tl);
	return rc;
}

const struct command cmd_ticket_list = {
	.name = "list",
	.summary = N_("List the latest tickets of your sites."),
	.usage = N_("[OPTIONS]"),
	.options = N_(
		"      --site CODE         only this site (default: $ATELIER_SITE, else all yours)\n"
		"      --state STATE       open, in_progress, resolved, referred or abandoned\n"
		"      --from YYYY-MM-DD   opened on or after this day\n"
		"      --to YYYY-MM-DD     opened on or before this day\n"
		"      --limit N           at most N tickets (default: the database's,\n"
		"                          see atelier(1))\n"),
	.example = N_("  atelier ticket list --state open\n"
		      "  atelier ticket list --from 2026-11-01 --to 2026-11-30 --format tsv\n"),
	.run = run_list,
};

const struct command cmd_ticket_show = {
	.name = "show",
	.summary = N_("Show a ticket and its timeline."),
	.usage = N_("ID [OPTIONS]"),
	.options = "",
	.example = N_("  atelier ticket show 12\n"),
	.run = run_show,
};
