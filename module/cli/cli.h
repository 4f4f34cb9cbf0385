/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cli.h - what the files of the atelier command share: the run-time state,
 * the command table and the exit codes.
 */
#ifndef ATELIER_CLI_H
#define ATELIER_CLI_H

#include <libintl.h>
#include <stdbool.h>
#include <stdio.h>

#include "atelier.h"
#include "output.h"

/* Every message for people goes through the "atelier" catalogue. */
#define _(s) gettext(s)
#define N_(s) (s)

#ifndef ATELIER_LOCALEDIR
#define ATELIER_LOCALEDIR "/usr/local/share/locale"
#endif

/* Exit codes; the same as atelier_category_exit_code() gives. */
enum {
	EXIT_DONE = 0,        /* done */
	EXIT_REFUSED = 1,     /* refused by a rule: conflict, full, forbidden, not found */
	EXIT_USAGE = 2,       /* bad option or argument, or input the database refused */
	EXIT_UNAVAILABLE = 3, /* database or PAM service unreachable */
	EXIT_AUTH = 4,        /* authentication, or no staff session */
	EXIT_INTERNAL = 5     /* a bug */
};

/* The state of one run of the command. */
struct cli {
	const char *db;          /* libpq conninfo; "" means libpq's defaults */
	const char *secret_path; /* the pseudonymisation key file */
	enum out_format format;  /* table or tsv */
	char cmdpath[64];        /* e.g. "ticket open", for "see --help" hints */
	atelier *h;              /* the open handle, or NULL */
	atelier_secret *secret;  /* loaded on first need, or NULL */
};

struct command;

/* A command's work: argv[0] is its own name; returns an exit code. */
typedef int (*command_fn)(struct cli *c, const struct command *cmd, int argc, char **argv);

/* One command or command group.  Texts are N_() strings, translated when
 * shown. */
struct command {
	const char *name;
	const char *summary;               /* one line, for lists of commands */
	const char *usage;                 /* arguments after the name, e.g. "ID [OPTIONS]" */
	const char *options;               /* one option per line, already indented */
	const char *example;               /* one or more example lines, or NULL */
	command_fn run;                    /* NULL for a group */
	const struct command *const *subs; /* a group's commands, NULL-terminated */
	bool own_format;                   /* --format means something else here (export) */
	bool person_args;                  /* takes a card number: never echo arguments */
};

/* The commands, each defined in its cmd_*.c file. */
extern const struct command cmd_login, cmd_logout, cmd_whoami;
extern const struct command cmd_ticket, cmd_workshop, cmd_session;
extern const struct command cmd_book, cmd_enrol, cmd_unenrol, cmd_attend, cmd_roster;
extern const struct command cmd_export, cmd_terms;
extern const struct command cmd_spool; /* cmd_spool.c: pam_atelier's spool */
extern const struct command cmd_xml;   /* cmd_xml.c: the host exchange */

/* command.c: dispatch, option parsing and help. */
struct arg_spec;
struct args_result;

#define CLI_GO_ON (-1) /* cli_parse(): parsed, the command goes on */

/* Runs cmd (a group picks its subcommand from argv[1]). */
int command_dispatch(struct cli *c, const struct command *cmd, int argc, char **argv);
const struct command *command_find(const struct command *const *cmds, const char *name);
void help_command(const struct cli *c, const struct command *cmd, FILE *out);
void help_main(const struct command *const *cmds, FILE *out);
/* Sets the output format from "table" or "tsv" (NULL: unchanged). */
int cli_set_format(struct cli *c, const char *value);
/* Parses a command's options and checks it has min_pos..max_pos positional
 * arguments.  Returns CLI_GO_ON, or an exit code when the command is over:
 * help shown (0) or a usage error reported (2). */
int cli_parse(struct cli *c, const struct command *cmd, const struct arg_spec *specs, int argc,
	      char **argv, struct args_result *r, int min_pos, int max_pos);
/* A number typed as an argument (e.g. a ticket's); CLI_GO_ON or EXIT_USAGE. */
int cli_id(struct cli *c, const char *what, const char *text, long long *out);
/* raw for TSV output, shown for a table. */
const char *cli_pick(const struct cli *c, const char *raw, const char *shown);
/* Prints t in the run's format; in a table with no rows, prints empty
 * instead (when not NULL).  Returns an exit code. */
int cli_print_table(const struct cli *c, const struct table *t, const char *empty);
/* Adds the current row of rows to t; 0, or -1 when out of memory. */
typedef int cli_row_fn(const struct cli *c, atelier_rows *rows, void *ctx, struct table *t);
/* Adds every row of rows to t with add_row, then prints t as
 * cli_print_table does.  t NULL (out of memory) reads nothing.  Returns an
 * exit code; frees neither rows nor t. */
int cli_print_rows(const struct cli *c, atelier_rows *rows, struct table *t, cli_row_fn *add_row,
		   void *ctx, const char *empty);

#endif
