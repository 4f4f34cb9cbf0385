/*
 * cmd_spool.c - atelier spool flush: send the usage events a public PC kept
 * while the database was away (pam_atelier's spool), for a systemd timer or
 * by hand.  It connects as the workstation does: --db, else $ATELIER_DB,
 * else $PGSERVICE, else the libpq service "atelier" (pam_atelier's default).
 */
#include <stdio.h>
#include <stdlib.h>

#include "args.h"
#include "connect.h"
#include "report.h"

static void print_stats(const char *dir, const atelier_spool_stats *s)
{
	printf(_("Spool %s:\n"), dir);
	printf(_("  events stored:                      %lld\n"), s->stored);
	printf(_("  already stored (duplicates):        %lld\n"), s->duplicates);
	printf(_("  damaged records skipped:            %lld\n"), s->corrupt);
	printf(_("  incomplete records skipped:         %lld\n"), s->torn);
	printf(_("  left for later:                     %lld\n"), s->left);
	printf(_("  dropped because it was full, ever:  %lld\n"), s->dropped);
}

static int run_flush(struct cli *c, const struct command *cmd, int argc, char **argv)
{
	const char *dir = ATELIER_SPOOL_DIR;
	const struct arg_spec specs[] = {
		{ .name = "spool", .kind = ARG_TEXT, .target = &dir },
		{ .name = NULL }
	};
	atelier_spool_stats stats = { 0 };
	struct args_result r;
	atelier_error err;
	int rc = cli_parse(c, cmd, specs, argc, argv, &r, 0, 0), rv;

	if (rc != CLI_GO_ON)
		return rc;
	if (c->db[0] == '\0' && getenv("PGSERVICE") == NULL)
		c->db = "service=atelier";
	if ((rc = cli_open(c)) != EXIT_DONE)
		return rc;
	rv = atelier_spool_replay(c->h, dir, 0, &stats, &err);
	print_stats(dir, &stats);
	if (stats.corrupt + stats.torn > 0)
		report_warning(ngettext("%lld damaged or incomplete record was skipped: it could "
					"not be read back as an event.",
					"%lld damaged or incomplete records were skipped: they could "
					"not be read back as events.",
					(unsigned long)(stats.corrupt + stats.torn)),
			       stats.corrupt + stats.torn);
	if (rv < 0)
		return report_error(&err);
	return EXIT_DONE;
}

static const struct command cmd_spool_flush = {
	.name = "flush",
	.summary = N_("Send the usage events a public PC kept while the database was away."),
	.usage = N_("[--spool DIR]"),
	.options = N_("      --spool DIR         the spool directory (default: /var/spool/atelier)\n"),
	.example = N_("  atelier --db service=atelier spool flush\n"),
	.run = run_flush,
};

static const struct command *const spool_subs[] = { &cmd_spool_flush, NULL };

const struct command cmd_spool = {
	.name = "spool",
	.summary = N_("The usage events kept on a public PC (pam_atelier)."),
	.subs = spool_subs,
};
