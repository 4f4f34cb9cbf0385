/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * main.c - the atelier command: language set-up, global options, and the
 * table of commands.
 */
#include <getopt.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "diagnostics.h"
#include "staff_handle.h"

static const struct command *const commands[] = {
	&cmd_login, &cmd_logout, &cmd_whoami,  &cmd_ticket, &cmd_workshop, &cmd_session,
	&cmd_book,  &cmd_enrol,  &cmd_unenrol, &cmd_attend, &cmd_roster,   &cmd_export,
	&cmd_terms, &cmd_spool,  &cmd_xml,     NULL
};

enum { OPT_DB = 256, OPT_SECRET, OPT_FORMAT };

/* The person's locale, when this machine has generated it.  When it has
 * not (LANG=fr_CA.UTF-8 where only fr_FR is generated, or no French locale
 * at all), setlocale() fails and gettext, which finds the catalogue through
 * the locale of LC_MESSAGES, would answer in English while the database
 * answers in French.  Then C.UTF-8 (built into glibc, so always there) keeps
 * UTF-8 output, and LANGUAGE names the wanted language: gettext reads it
 * under any locale but C, and tries fr_CA.UTF-8, fr_CA, then fr.  This
 * process's own environment: the command starts no other program. */
static void setup_locale(void)
{
	static const char *const vars[] = { "LC_ALL", "LC_MESSAGES", "LANG", NULL };
	const char *const *v;
	const char *wanted = NULL, *language = getenv("LANGUAGE");

	if (setlocale(LC_ALL, "") != NULL)
		return;
	for (v = vars; *v != NULL && wanted == NULL; v++)
		if (getenv(*v) != NULL && getenv(*v)[0] != '\0')
			wanted = getenv(*v);
	if (setlocale(LC_ALL, "C.UTF-8") == NULL)
		return;
	if (wanted != NULL && (language == NULL || language[0] == '\0'))
		(void)setenv("LANGUAGE", wanted, 1);
}

static void setup_language(void)
{
	const char *dir = getenv("ATELIER_LOCALEDIR");

	setup_locale();
	bindtextdomain("atelier", dir != NULL && dir[0] != '\0' ? dir : ATELIER_LOCALEDIR);
	bind_textdomain_codeset("atelier", "UTF-8");
	textdomain("atelier");
}

static const char *env_or(const char *name, const char *fallback)
{
	const char *v = getenv(name);

	return v != NULL && v[0] != '\0' ? v : fallback;
}

/* Parses the options before the command.  Returns CLI_GO_ON with *first
 * set to the command's index in argv, or an exit code. */
static int global_options(struct cli *c, int argc, char **argv, int *first)
{
	static const struct option longopts[] = { { "db", required_argument, NULL, OPT_DB },
						  { "secret", required_argument, NULL, OPT_SECRET },
						  { "format", required_argument, NULL, OPT_FORMAT },
						  { "help", no_argument, NULL, 'h' },
						  { "version", no_argument, NULL, 'V' },
						  { NULL, 0, NULL, 0 } };
	int opt, rc;

	opterr = 0;
	optind = 0;
	/* "+": stop at the command; what follows is the command's. */
	while ((opt = getopt_long(argc, argv, "+:hV", longopts, NULL)) != -1) {
		switch (opt) {
		case OPT_DB:
			c->db = optarg;
			break;
		case OPT_SECRET:
			c->secret_path = optarg;
			break;
		case OPT_FORMAT:
			rc = cli_set_format(c, optarg);
			if (rc != EXIT_DONE)
				return rc;
			break;
		case 'h':
			help_main(commands, stdout);
			return EXIT_DONE;
		case 'V':
			printf("atelier %s\n", ATELIER_VERSION_STRING);
			return EXIT_DONE;
		case ':':
			return report_usage(c, _("The option %s needs a value."), argv[optind - 1]);
		default:
			return report_usage(c, _("Unknown option \"%s\"."), argv[optind - 1]);
		}
	}
	if (optind >= argc)
		return report_usage(c, "%s", _("Give a command, for example: atelier ticket list"));
	*first = optind;
	return CLI_GO_ON;
}

/* What was printed must have reached stdout in full (a full disk, a closed
 * pipe): otherwise a "done" would be a lie, whatever printed it (--help,
 * --version or a command). */
static int output_written(int rc)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		report_warning("%s", _("The output could not be written completely."));
		if (rc == EXIT_DONE)
			rc = EXIT_INTERNAL;
	}
	return rc;
}

int main(int argc, char **argv)
{
	struct cli c;
	const struct command *cmd;
	int first = 0, rc;

	setup_language();
	memset(&c, 0, sizeof(c));
	c.db = env_or("ATELIER_DB", "");
	c.secret_path = env_or("ATELIER_SECRET", "/etc/atelier/secret");
	c.format = OUT_TABLE;
	rc = global_options(&c, argc, argv, &first);
	if (rc != CLI_GO_ON)
		return output_written(rc);
	cmd = command_find(commands, argv[first]);
	if (cmd == NULL)
		return report_usage(&c, _("Unknown command \"%s\"."), argv[first]);
	rc = command_dispatch(&c, cmd, argc - first, argv + first);
	cli_close(&c);
	return output_written(rc);
}
