/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_terms.c - atelier terms: the codes of a reference list and their
 * labels, so that a librarian can find what --theme, --place, ... take.
 */
#include <stdio.h>

#include "args.h"
#include "diagnostics.h"
#include "labels.h"
#include "output.h"
#include "staff_handle.h"

static int run_terms(struct cli *c, const struct command *cmd, int argc, char **argv)
{
	const char *site = NULL;
	const struct arg_spec specs[] = { { .name = "site", .kind = ARG_TEXT, .target = &site },
					  { .name = NULL } };
	const struct column cols[] = {
		{ "code", _("Code"), COL_TEXT },
		{ "label", _("Label"), COL_TEXT },
	};
	struct labels l;
	struct args_result r;
	atelier_error err;
	struct table *t;
	size_t i;
	int rc = cli_parse(c, cmd, specs, argc, argv, &r, 1, 1);

	if (rc != CLI_GO_ON || (rc = cli_open(c)) != EXIT_DONE)
		return rc;
	if (labels_load(c->h, r.pos[0], site, &l, &err) != 0)
		return report_error(&err);
	t = table_new(cols, 2);
	for (i = 0; t != NULL && i < l.n; i++) {
		const char *cells[] = { l.items[i].code, l.items[i].label };

		if (table_add(t, cells) != 0)
			break;
	}
	rc = t != NULL && i == l.n ? cli_print_table(c, t, NULL) : EXIT_INTERNAL;
	table_free(t);
	labels_free(&l);
	return rc;
}

const struct command cmd_terms = {
	.name = "terms",
	.summary = N_(
		"Show the codes of a reference list (theme, procedure, place, ...) and their labels."),
	.usage = N_("LIST [OPTIONS]"),
	.options = N_("      --site CODE         also the terms of this site\n"
		      "  LIST is one of: theme, procedure, place, equipment, autonomy, referral,\n"
		      "  level, age_bracket, social_status, ticket_state, attendance.\n"),
	.example = N_("  atelier terms theme\n"),
	.run = run_terms,
};
