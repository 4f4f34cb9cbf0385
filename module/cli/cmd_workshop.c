/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_workshop.c - atelier workshop add, list and show: the catalogue.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "diagnostics.h"
#include "labels.h"
#include "output.h"
#include "staff_handle.h"

static int run_add(struct cli *c, const struct command *cmd, int argc, char **argv)
{
	static const char *const levels[] = { "debutant", "intermediaire", "avance", NULL };
	struct arg_list themes = { .n = 0 };
	const char *level = NULL, *description = NULL;
	long long minutes = 0, id = 0;
	const struct arg_spec specs[] = {
		{ .name = "level", .kind = ARG_CHOICE, .target = &level, .choices = levels },
		{ .name = "minutes", .kind = ARG_INT, .target = &minutes, .min = 15, .max = 720 },
		{ .name = "theme", .kind = ARG_LIST, .target = &themes },
		{ .name = "description",
		  .kind = ARG_TEXT,
		  .target = &description,
		  .flags = ARG_EMPTY_OK },
		{ .name = NULL }
	};
	atelier_workshop_spec w = ATELIER_WORKSHOP_SPEC_INIT;
	struct args_result r;
	atelier_error err;
	int rc = cli_parse(c, cmd, specs, argc, argv, &r, 2, 2);

	if (rc != CLI_GO_ON || (rc = cli_staff(c)) != EXIT_DONE)
		return rc;
	w.code = r.pos[0];
	w.title = r.pos[1];
	w.level = level;
	w.minutes = (int)minutes;
	w.themes = themes.items;
	w.nthemes = themes.n;
	w.description = description;
	if (atelier_workshop_add(c->h, &w, &id, &err) != 0)
		return report_error(&err);
	printf(_("Workshop %s added.\n"), w.code);
	return EXIT_DONE;
}

struct catalogue_labels {
	struct labels level, theme;
};

static void cl_load(struct cli *c, struct catalogue_labels *l)
{
	atelier_error err;

	memset(l, 0, sizeof(*l));
	if (c->format == OUT_TSV)
		return;
	if (labels_load(c->h, "level", NULL, &l->level, &err) != 0)
		memset(&l->level, 0, sizeof(l->level));
	if (labels_load(c->h, "theme", NULL, &l->theme, &err) != 0)
		memset(&l->theme, 0, sizeof(l->theme));
}

static void cl_free(struct catalogue_labels *l)
{
	labels_free(&l->level);
	labels_free(&l->theme);
}

static const char *yes_no(const char *b)
{
	bool yes;

	return atelier_value_bool(b, &yes) == 1 && yes ? _("yes") : _("no");
}

/* One workshop as cells: code, title, level, minutes, themes, active,
 * description.  *themes is malloc'd (the caller frees it). */
static void workshop_cells(const struct cli *c, atelier_rows *rows, struct catalogue_labels *l,
			   const char *cells[7], char **themes)
{
	const char *level = atelier_rows_get(rows, "level");
	const char *active = atelier_rows_get(rows, "active");

	*themes = c->format == OUT_TSV
			  ? array_codes(atelier_rows_get(rows, "themes"))
			  : array_join(atelier_rows_get(rows, "themes"), labels_map, &l->theme);
	cells[0] = atelier_rows_get(rows, "code");
	cells[1] = atelier_rows_get(rows, "title");
	cells[2] = cli_pick(c, level, labels_get(&l->level, level));
	cells[3] = atelier_rows_get(rows, "default_minutes");
	cells[4] = *themes;
	cells[5] = cli_pick(c, active, yes_no(active));
	cells[6] = atelier_rows_get(rows, "description");
}

/* Fills t with the catalogue; 0, or -1 with err filled. */
static int fill(struct cli *c, struct table *t, struct catalogue_labels *l, atelier_error *err)
{
	atelier_rows *rows = atelier_workshop_list(c->h, err);
	int more = -1;

	while (rows != NULL && (more = atelier_rows_next(rows, err)) == 1) {
		const char *cells[7];
		char *themes;
		int rc;

		workshop_cells(c, rows, l, cells, &themes);
		rc = themes == NULL ? -1 : table_add(t, cells);
		free(themes);
		if (rc != 0) {
			report_set(err, ATELIER_E_INTERNAL, NULL, "%s", _("Out of memory."));
			more = -1;
			break;
		}
	}
	atelier_rows_free(rows);
	return more < 0 ? -1 : 0;
}

static int run_list(struct cli *c, const struct command *cmd, int argc, char **argv)
{
	const struct arg_spec specs[] = { { .name = NULL } };
	const struct column cols[] = {
		{ "code", _("Code"), COL_TEXT },     { "title", _("Title"), COL_TEXT },
		{ "level", _("Level"), COL_TEXT },   { "default_minutes", _("Min."), COL_NUMBER },
		{ "themes", _("Themes"), COL_TEXT }, { "active", _("Active"), COL_TEXT },
	};
	struct catalogue_labels l;
	struct args_result r;
	atelier_error err;
	struct table *t;
	int rc = cli_parse(c, cmd, specs, argc, argv, &r, 0, 0);

	if (rc != CLI_GO_ON || (rc = cli_open(c)) != EXIT_DONE)
		return rc;
	cl_load(c, &l);
	/* The description is left out of the list (too long): see show. */
	t = table_new(cols, sizeof(cols) / sizeof(cols[0]));
	if (t == NULL)
		rc = EXIT_INTERNAL;
	else if (fill(c, t, &l, &err) < 0)
		rc = report_error(&err);
	else
		rc = cli_print_table(
			c, t,
			_("The catalogue is empty: add a workshop with atelier workshop add."));
	table_free(t);
	cl_free(&l);
	return rc;
}

/* The current row of rows: a TSV line for scripts, "field: value" lines
 * for people. */
static int print_workshop(struct cli *c, atelier_rows *rows, struct catalogue_labels *l)
{
	const struct column cols[] = {
		{ "code", "", COL_TEXT },        { "title", "", COL_TEXT },
		{ "level", "", COL_TEXT },       { "default_minutes", "", COL_TEXT },
		{ "themes", "", COL_TEXT },      { "active", "", COL_TEXT },
		{ "description", "", COL_TEXT },
	};
	const char *cells[7];
	struct table *t = NULL;
	char *themes;
	int rc = EXIT_INTERNAL;

	workshop_cells(c, rows, l, cells, &themes);
	if (themes == NULL)
		return EXIT_INTERNAL;
	if (c->format == OUT_TSV) {
		t = table_new(cols, 7);
		if (t != NULL && table_add(t, cells) == 0)
			rc = cli_print_table(c, t, NULL);
	} else {
		const struct field f[] = {
			{ _("Code"), cells[0] },        { _("Title"), cells[1] },
			{ _("Level"), cells[2] },       { _("Minutes"), cells[3] },
			{ _("Themes"), cells[4] },      { _("Active"), cells[5] },
			{ _("Description"), cells[6] },
		};

		if (fields_print(stdout, f, 7) == 0)
			rc = EXIT_DONE;
	}
	table_free(t);
	free(themes);
	return rc;
}

static int run_show(struct cli *c, const struct command *cmd, int argc, char **argv)
{
	const struct arg_spec specs[] = { { .name = NULL } };
	struct catalogue_labels l;
	struct args_result r;
	atelier_error err;
	atelier_rows *rows;
	int more = 0, rc = cli_parse(c, cmd, specs, argc, argv, &r, 1, 1);

	if (rc != CLI_GO_ON || (rc = cli_open(c)) != EXIT_DONE)
		return rc;
	cl_load(c, &l);
	rows = atelier_workshop_list(c->h, &err);
	while (rows != NULL && (more = atelier_rows_next(rows, &err)) == 1)
		if (strcmp(r.pos[0], atelier_rows_get(rows, "code")) == 0)
			break;
	if (rows == NULL || more < 0) {
		rc = report_error(&err);
	} else if (more == 0) {
		report_set(&err, ATELIER_E_NOT_FOUND,
			   _("Check the code with: atelier workshop list"),
			   _("Unknown workshop \"%s\"."), r.pos[0]);
		rc = report_error(&err);
	} else {
		rc = print_workshop(c, rows, &l);
	}
	atelier_rows_free(rows);
	cl_free(&l);
	return rc;
}

static const struct command cmd_workshop_add = {
	.name = "add",
	.summary = N_("Add a workshop to the catalogue."),
	.usage = N_("CODE TITLE [OPTIONS]"),
	.options = N_(
		"      --level LEVEL       debutant, intermediaire or avance (default: debutant)\n"
		"      --minutes N         usual duration, 15 to 720 (default: the database's,\n"
		"                          see atelier(1))\n"
		"      --theme CODE        a theme; repeat for several\n"
		"      --description TEXT  what the workshop is about\n"),
	.example = N_(
		"  atelier workshop add EMAIL \"My e-mail address\" --theme email --minutes 120\n"),
	.run = run_add,
};

static const struct command cmd_workshop_list = {
	.name = "list",
	.summary = N_("List the workshop catalogue."),
	.usage = N_("[OPTIONS]"),
	.options = "",
	.example = N_("  atelier workshop list\n"),
	.run = run_list,
};

static const struct command cmd_workshop_show = {
	.name = "show",
	.summary = N_("Show a workshop: its details and themes."),
	.usage = N_("CODE [OPTIONS]"),
	.options = "",
	.example = N_("  atelier workshop show EMAIL\n"),
	.run = run_show,
};

static const struct command *const workshop_subs[] = { &cmd_workshop_add, &cmd_workshop_list,
						       &cmd_workshop_show, NULL };

const struct command cmd_workshop = {
	.name = "workshop",
	.summary = N_("The workshop catalogue: add, list, show."),
	.subs = workshop_subs,
};
