/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ticket.h - what the files of "atelier ticket" share.
 */
#ifndef ATELIER_CLI_TICKET_H
#define ATELIER_CLI_TICKET_H

#include "args.h"
#include "cli.h"
#include "labels.h"
#include "site.h"

/* A ticket being described: options or answers, and what they own. */
struct ticket_draft {
	atelier_ticket_spec spec;
	char site[SITE_CODE_MAX];
	char person[ATELIER_PSEUDONYM_LEN + 1];
	const char *themes[ARGS_LIST_MAX];
	const char *procedures[ARGS_LIST_MAX];
	struct labels theme_labels, procedure_labels, place_labels, equipment_labels;
	char *lines[4]; /* answers typed (workstation, card, minutes, notes) */
};

/* Asks, step by step, what ticket_open needs.  Returns CLI_GO_ON when the
 * draft is complete, or an exit code (EOF: EXIT_USAGE, nothing stored). */
int ticket_ask(struct cli *c, struct ticket_draft *d);
void ticket_draft_free(struct ticket_draft *d);

/* Parses the options of a command on one ticket and its one argument, the
 * ticket's number, into *id; with staff, then acts as the staff session
 * (cli_staff).  Returns CLI_GO_ON, or the exit code when the command is
 * over (help shown, usage error, no session). */
int ticket_args(struct cli *c, const struct command *cmd, const struct arg_spec *specs, int argc,
		char **argv, struct args_result *r, long long *id, bool staff);

extern const struct command cmd_ticket_list, cmd_ticket_show;

#endif
