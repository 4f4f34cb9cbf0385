/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * command.c - finding the command typed, parsing its options, and its help.
 */
#include <stdio.h>
#include <string.h>

#include "args.h"
#include "cli.h"
#include "diagnostics.h"

static void append_path(struct cli *c, const char *name)
{
	size_t used = strlen(c->cmdpath);

	snprintf(c->cmdpath + used, sizeof(c->cmdpath) - used, "%s%s", used > 0 ? " " : "", name);
}

static const struct command *find(const struct command *const *cmds, const char *name)
{
	for (; *cmds != NULL; cmds++)
		if (strcmp((*cmds)->name, name) == 0)
			return *cmds;
	return NULL;
}

static void list_commands(const struct command *const *cmds, FILE *out)
{
	for (; *cmds != NULL; cmds++)
		fprintf(out, "  %-10s %s\n", (*cmds)->name, _((*cmds)->summary));
}

static void help_group(const struct cli *c, const struct command *cmd, FILE *out)
{
	fprintf(out, _("Usage: atelier %s SUBCOMMAND [OPTIONS] [ARGUMENTS]\n"), c->cmdpath);
	fprintf(out, "%s\n\n%s\n", _(cmd->summary), _("Subcommands:"));
	list_commands(cmd->subs, out);
	fprintf(out, _("\nEach subcommand has its own help: atelier %s SUBCOMMAND --help\n"),
		c->cmdpath);
}

void help_command(const struct cli *c, const struct command *cmd, FILE *out)
{
	if (cmd->subs != NULL) {
		help_group(c, cmd, out);
		return;
	}
	fprintf(out, _("Usage: atelier %s %s\n"), c->cmdpath, _(cmd->usage));
	fprintf(out, "%s\n\n%s\n", _(cmd->summary), _("Options:"));
	if (cmd->options != NULL && cmd->options[0] != '\0')
		fputs(_(cmd->options), out);
	if (!cmd->own_format)
		fprintf(out, "      --format table|tsv  %s\n",
			_("an aligned table (the default) or tab-separated values"));
	fprintf(out, "  -h, --help              %s\n", _("show this help"));
	if (cmd->example != NULL)
		fprintf(out, "\n%s\n%s", _("Example:"), _(cmd->example));
}

void help_main(const struct command *const *cmds, FILE *out)
{
	fprintf(out, "%s\n",
		_("Usage: atelier [GLOBAL OPTIONS] COMMAND [SUBCOMMAND] [OPTIONS] [ARGUMENTS]"));
	fprintf(out, "%s\n\n%s\n",
		_("The librarian's tool: helpdesk tickets, workshops, PC "
		  "bookings, enrolments and monthly figures."),
		_("Commands:"));
	list_commands(cmds, out);
	fprintf(out, "\n%s\n", _("Global options (before the command):"));
	fputs(_("      --db CONNINFO       the database, as a libpq connection string or URI\n"
		"                          (default: $ATELIER_DB, else libpq's defaults:\n"
		"                          PGSERVICE, PG* variables, pg_service.conf, .pgpass)\n"
		"      --secret FILE       the key file that turns card numbers into pseudonyms\n"
		"                          (default: $ATELIER_SECRET, else /etc/atelier/secret)\n"
		"      --format table|tsv  an aligned table (the default) or tab-separated values\n"
		"  -h, --help              show this help\n"
		"  -V, --version           show the version\n"),
	      out);
	fprintf(out, "\n%s\n", _("Environment:"));
	fputs(_("  ATELIER_DB, ATELIER_SECRET  as --db and --secret\n"
		"  ATELIER_SITE                the site of commands that take --site\n"
		"  ATELIER_LOCALEDIR           where the translations are\n"
		"  XDG_RUNTIME_DIR, HOME       where the staff session is kept\n"
		"  LANGUAGE, LC_ALL, LC_MESSAGES, LANG  the language (French or English)\n"),
	      out);
	fprintf(out, "\n%s\n", _("Exit codes:"));
	fputs(_("  0  done\n"
		"  1  refused by a rule: a conflict, full, not allowed, or not found\n"
		"  2  a wrong option or value\n"
		"  3  the database or the login service cannot be reached: try again later\n"
		"  4  wrong password, locked or expired account, or not logged in\n"
		"  5  an internal error: please report it\n"),
	      out);
	fprintf(out, "\n%s\n", _("Each command has its own help: atelier COMMAND --help"));
}

int command_dispatch(struct cli *c, const struct command *cmd, int argc, char **argv)
{
	const struct command *sub;

	append_path(c, cmd->name);
	if (cmd->subs == NULL)
		return cmd->run(c, cmd, argc, argv);
	if (argc < 2) {
		help_command(c, cmd, stderr);
		return EXIT_USAGE;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		help_command(c, cmd, stdout);
		return EXIT_DONE;
	}
	sub = find(cmd->subs, argv[1]);
	if (sub == NULL)
		return report_usage(c, _("Unknown subcommand \"%s\"."), argv[1]);
	return command_dispatch(c, sub, argc - 1, argv + 1);
}

const struct command *command_find(const struct command *const *cmds, const char *name)
{
	return find(cmds, name);
}

int cli_set_format(struct cli *c, const char *value)
{
	if (value == NULL)
		return EXIT_DONE;
	if (strcmp(value, "table") == 0)
		c->format = OUT_TABLE;
	else if (strcmp(value, "tsv") == 0)
		c->format = OUT_TSV;
	else
		return report_usage(c, _("%s: \"%s\" is not one of: %s."), "--format", value,
				    "table, tsv");
	return EXIT_DONE;
}

int cli_parse(struct cli *c, const struct command *cmd, const struct arg_spec *specs, int argc,
	      char **argv, struct args_result *r, int min_pos, int max_pos)
{
	int rc;

	if (args_parse(specs, argc, argv, r) != 0)
		return report_usage(c, "%s", r->message);
	if (r->help) {
		help_command(c, cmd, stdout);
		return EXIT_DONE;
	}
	rc = cli_set_format(c, r->format);
	if (rc != EXIT_DONE)
		return rc;
	if (r->npos < min_pos)
		return report_usage(c, _("Something is missing: atelier %s %s"), c->cmdpath,
				    _(cmd->usage));
	/* A card number typed in the wrong place is not shown back. */
	if (r->npos > max_pos && cmd->person_args)
		return report_usage(c, _("Too many arguments: atelier %s %s"), c->cmdpath,
				    _(cmd->usage));
	if (r->npos > max_pos)
		return report_usage(c, _("Unexpected argument \"%s\"."), r->pos[max_pos]);
	return CLI_GO_ON;
}

int cli_id(struct cli *c, const char *what, const char *text, long long *out)
{
	char msg[ARGS_MSG_LEN];

	if (args_id(what, text, out, msg, sizeof(msg)) != 0)
		return report_usage(c, "%s", msg);
	return CLI_GO_ON;
}

const char *cli_pick(const struct cli *c, const char *raw, const char *shown)
{
	return c->format == OUT_TSV ? raw : shown;
}

int cli_print_table(const struct cli *c, const struct table *t, const char *empty)
{
	if (c->format == OUT_TABLE && table_rows(t) == 0 && empty != NULL) {
		printf("%s\n", empty);
		return EXIT_DONE;
	}
	if (table_print(t, stdout, c->format, terminal_width(stdout)) != 0)
		return EXIT_INTERNAL;
	return EXIT_DONE;
}

int cli_print_rows(const struct cli *c, atelier_rows *rows, struct table *t, cli_row_fn *add_row,
		   void *ctx, const char *empty)
{
	atelier_error err;
	int more = 0;

	while (t != NULL && (more = atelier_rows_next(rows, &err)) == 1)
		if (add_row(c, rows, ctx, t) != 0)
			break;
	if (t == NULL || more == 1)
		return EXIT_INTERNAL;
	if (more < 0)
		return report_error(&err);
	return cli_print_table(c, t, empty);
}
