/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_spool.c - atelier spool flush, show and requeue: the usage events a
 * public PC kept (pam_atelier's spool).
 *
 * flush sends them, for a systemd timer or by hand.  It connects as the
 * workstation does: --db, else $ATELIER_DB, else $PGSERVICE, else the libpq
 * service "atelier" (pam_atelier's default).  show and requeue work on the
 * spool alone, without the database: what waits, what was dropped, and the
 * events the database refused for good (the quarantine).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "diagnostics.h"
#include "staff_handle.h"

static void print_stats(const char *dir, const atelier_spool_stats *s)
{
	printf(_("Spool %s:\n"), dir);
	printf(_("  events stored:                      %lld\n"), s->stored);
	printf(_("  already stored (duplicates):        %lld\n"), s->duplicates);
	printf(_("  damaged records skipped:            %lld\n"), s->corrupt);
	printf(_("  incomplete records skipped:         %lld\n"), s->torn);
	printf(_("  refused for good, quarantined:      %lld\n"), s->quarantined);
	printf(_("  left for later:                     %lld\n"), s->left);
	printf(_("  in quarantine (atelier spool show): %lld\n"), s->in_quarantine);
	printf(_("  dropped because it was full, ever:  %lld\n"), s->dropped);
}

static int run_flush(struct cli *c, const struct command *cmd, int argc, char **argv)
{
	const char *dir = ATELIER_SPOOL_DIR;
	const struct arg_spec specs[] = { { .name = "spool", .kind = ARG_TEXT, .target = &dir },
					  { .name = NULL } };
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
		report_warning(
			ngettext("%lld damaged or incomplete record was skipped: it could "
				 "not be read back as an event.",
				 "%lld damaged or incomplete records were skipped: they could "
				 "not be read back as events.",
				 (unsigned long)(stats.corrupt + stats.torn)),
			stats.corrupt + stats.torn);
	if (stats.quarantined > 0)
		report_warning(ngettext("%lld event was refused by the database for good and set "
					"aside; see: atelier spool show",
					"%lld events were refused by the database for good and set "
					"aside; see: atelier spool show",
					(unsigned long)stats.quarantined),
			       stats.quarantined);
	if (rv < 0)
		return report_error(&err);
	return EXIT_DONE;
}

static int print_quarantined(void *ctx, const atelier_usage_event *ev, const char *reason)
{
	int *n = ctx;

	if ((*n)++ == 0)
		printf("%s", _("Refused by the database for good (quarantine):\n"));
	/* The login's pseudonym is not shown: it names nobody, but it need not
	 * be copied about either. */
	printf(_("  %s  PC %s  %s\n    why: %s\n"), ev->at, ev->workstation,
	       strcmp(ev->kind, "start") == 0 ? _("session start") : _("session end"), reason);
	return 0;
}

static int run_show(struct cli *c, const struct command *cmd, int argc, char **argv)
{
	const char *dir = ATELIER_SPOOL_DIR;
	const struct arg_spec specs[] = { { .name = "spool", .kind = ARG_TEXT, .target = &dir },
					  { .name = NULL } };
	atelier_spool_stats stats;
	struct args_result r;
	atelier_error err;
	int rc = cli_parse(c, cmd, specs, argc, argv, &r, 0, 0), n = 0;

	if (rc != CLI_GO_ON)
		return rc;
	if (atelier_spool_status(dir, &stats, &err) != 0)
		return report_error(&err);
	printf(_("Spool %s:\n"), dir);
	printf(_("  waiting to be sent:                 %lld\n"), stats.left);
	printf(_("  in quarantine:                      %lld\n"), stats.in_quarantine);
	printf(_("  dropped because it was full, ever:  %lld\n"), stats.dropped);
	if (atelier_spool_quarantine_each(dir, print_quarantined, &n, &err) < 0)
		return report_error(&err);
	if (n > 0)
		printf("%s",
		       _("Once the cause is fixed (the PC registered, for instance), put them "
			 "back with: atelier spool requeue\n"));
	return EXIT_DONE;
}

static int run_requeue(struct cli *c, const struct command *cmd, int argc, char **argv)
{
	const char *dir = ATELIER_SPOOL_DIR;
	const struct arg_spec specs[] = { { .name = "spool", .kind = ARG_TEXT, .target = &dir },
					  { .name = NULL } };
	struct args_result r;
	atelier_error err;
	long long moved = 0;
	int rc = cli_parse(c, cmd, specs, argc, argv, &r, 0, 0);

	if (rc != CLI_GO_ON)
		return rc;
	if (atelier_spool_requeue(dir, &moved, &err) != 0)
		return report_error(&err);
	printf(ngettext("%lld event put back in the spool %s; the next flush sends it.\n",
			"%lld events put back in the spool %s; the next flush sends them.\n",
			(unsigned long)moved),
	       moved, dir);
	return EXIT_DONE;
}

static const struct command cmd_spool_flush = {
	.name = "flush",
	.summary = N_("Send the usage events a public PC kept while the database was away."),
	.usage = N_("[--spool DIR]"),
	.options =
		N_("      --spool DIR         the spool directory (default: /var/spool/atelier)\n"),
	.example = N_("  atelier --db service=atelier spool flush\n"),
	.run = run_flush,
};

static const struct command cmd_spool_show = {
	.name = "show",
	.summary = N_("Show what a PC's spool holds: waiting, quarantined and dropped events."),
	.usage = N_("[--spool DIR]"),
	.options =
		N_("      --spool DIR         the spool directory (default: /var/spool/atelier)\n"),
	.example = N_("  atelier spool show\n"),
	.run = run_show,
};

static const struct command cmd_spool_requeue = {
	.name = "requeue",
	.summary = N_("Put the events the database refused back in the spool, once fixed."),
	.usage = N_("[--spool DIR]"),
	.options =
		N_("      --spool DIR         the spool directory (default: /var/spool/atelier)\n"),
	.example = N_("  atelier spool requeue && atelier spool flush\n"),
	.run = run_requeue,
};

static const struct command *const spool_subs[] = { &cmd_spool_flush, &cmd_spool_show,
						    &cmd_spool_requeue, NULL };

const struct command cmd_spool = {
	.name = "spool",
	.summary = N_("The usage events kept on a public PC (pam_atelier)."),
	.subs = spool_subs,
};
