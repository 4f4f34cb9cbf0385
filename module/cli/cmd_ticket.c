/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_ticket.c - atelier ticket open, update, close and reopen.
 */
#include <stdio.h>
#include <string.h>

#include "args.h"
#include "diagnostics.h"
#include "prompt.h"
#include "staff_handle.h"
#include "ticket.h"

struct open_opts {
	const char *site, *place, *equipment, *workstation, *person, *note;
	struct arg_list themes, procedures;
	bool anonymous;
	long long minutes;
};

/* The draft from options; the person's card number becomes its pseudonym. */
static int draft_from_options(struct cli *c, struct open_opts *o, struct ticket_draft *d)
{
	int rc;

	if (o->person != NULL && o->anonymous)
		return report_usage(c, "%s", _("Give either --person or --anonymous, not both."));
	if (o->themes.n == 0)
		return report_usage(
			c, "%s", _("Give at least one --theme (the codes: atelier terms theme)."));
	rc = cli_site(c, o->site, false, d->site);
	if (rc != EXIT_DONE)
		return rc;
	if (o->person != NULL) {
		rc = cli_pseudonym(c, o->person, d->person);
		if (rc != EXIT_DONE)
			return rc;
		d->spec.person = d->person;
	}
	d->spec.site = d->site;
	d->spec.themes = o->themes.items;
	d->spec.nthemes = o->themes.n;
	d->spec.procedures = o->procedures.items;
	d->spec.nprocedures = o->procedures.n;
	d->spec.place = o->place;
	d->spec.equipment = o->equipment;
	d->spec.workstation = o->workstation;
	d->spec.minutes = (int)o->minutes;
	d->spec.notes = o->note;
	return CLI_GO_ON;
}

static int run_open(struct cli *c, const struct command *cmd, int argc, char **argv)
{
	struct open_opts o = { .minutes = -1 };
	const struct arg_spec specs[] = {
		{ .name = "site", .kind = ARG_TEXT, .target = &o.site },
		{ .name = "theme", .kind = ARG_LIST, .target = &o.themes },
		{ .name = "procedure", .kind = ARG_LIST, .target = &o.procedures },
		{ .name = "place", .kind = ARG_TEXT, .target = &o.place },
		{ .name = "equipment", .kind = ARG_TEXT, .target = &o.equipment },
		{ .name = "workstation", .kind = ARG_TEXT, .target = &o.workstation },
		{ .name = "person", .kind = ARG_TEXT, .target = &o.person },
		{ .name = "anonymous", .kind = ARG_FLAG, .target = &o.anonymous },
		{ .name = "minutes", .kind = ARG_INT, .target = &o.minutes, .min = 0, .max = 1440 },
		{ .name = "note", .kind = ARG_TEXT, .target = &o.note, .flags = ARG_EMPTY_OK },
		{ .name = NULL }
	};
	struct ticket_draft d;
	struct args_result r;
	atelier_error err;
	long long id = 0;
	int rc = cli_parse(c, cmd, specs, argc, argv, &r, 0, 0);

	if (rc != CLI_GO_ON)
		return rc;
	d = (struct ticket_draft){ .spec = ATELIER_TICKET_SPEC_INIT };
	rc = cli_staff(c);
	if (rc != EXIT_DONE)
		goto done;
	rc = r.nopts == 0 && prompt_interactive() ? ticket_ask(c, &d)
						  : draft_from_options(c, &o, &d);
	if (rc != CLI_GO_ON)
		goto done;
	if (atelier_ticket_open(c->h, &d.spec, &id, &err) != 0) {
		rc = report_error(&err);
		goto done;
	}
	printf(_("Ticket #%lld opened.\n"), id);
	rc = EXIT_DONE;
done:
	ticket_draft_free(&d);
	return rc;
}

int ticket_args(struct cli *c, const struct command *cmd, const struct arg_spec *specs, int argc,
		char **argv, struct args_result *r, long long *id, bool staff)
{
	int rc = cli_parse(c, cmd, specs, argc, argv, r, 1, 1);

	if (rc != CLI_GO_ON || (rc = cli_id(c, _("Ticket number"), r->pos[0], id)) != CLI_GO_ON)
		return rc;
	if (staff && (rc = cli_staff(c)) != EXIT_DONE)
		return rc;
	return CLI_GO_ON;
}

static int run_update(struct cli *c, const struct command *cmd, int argc, char **argv)
{
	struct arg_list themes = { .n = 0 }, procedures = { .n = 0 };
	const char *place = NULL, *equipment = NULL, *workstation = NULL, *note = NULL,
		   *autonomy = NULL;
	bool no_procedures = false;
	long long minutes = -1, id;
	const struct arg_spec specs[] = {
		{ .name = "theme", .kind = ARG_LIST, .target = &themes },
		{ .name = "procedure", .kind = ARG_LIST, .target = &procedures },
		{ .name = "no-procedures", .kind = ARG_FLAG, .target = &no_procedures },
		{ .name = "place", .kind = ARG_TEXT, .target = &place },
		{ .name = "equipment", .kind = ARG_TEXT, .target = &equipment },
		{ .name = "workstation", .kind = ARG_TEXT, .target = &workstation },
		{ .name = "minutes", .kind = ARG_INT, .target = &minutes, .min = 0, .max = 1440 },
		{ .name = "note", .kind = ARG_TEXT, .target = &note, .flags = ARG_EMPTY_OK },
		{ .name = "autonomy", .kind = ARG_TEXT, .target = &autonomy },
		{ .name = NULL }
	};
	atelier_ticket_spec t = ATELIER_TICKET_SPEC_INIT;
	struct args_result r;
	atelier_error err;
	int rc = ticket_args(c, cmd, specs, argc, argv, &r, &id, false);

	if (rc != CLI_GO_ON)
		return rc;
	if (r.nopts == 0)
		return report_usage(
			c, "%s",
			_("Nothing to change: give at least one option, such as --minutes 20."));
	if (no_procedures && procedures.n > 0)
		return report_usage(c, "%s",
				    _("Give either --procedure or --no-procedures, not both."));
	if ((rc = cli_staff(c)) != EXIT_DONE)
		return rc;
	t.themes = themes.items;
	t.nthemes = themes.n;
	t.procedures = procedures.items;
	t.nprocedures = procedures.n;
	t.clear_procedures = no_procedures;
	t.place = place;
	t.equipment = equipment;
	t.workstation = workstation;
	t.minutes = (int)minutes;
	t.notes = note;
	t.autonomy = autonomy;
	if (atelier_ticket_update(c->h, id, &t, &err) != 0)
		return report_error(&err);
	printf(_("Ticket #%lld updated.\n"), id);
	return EXIT_DONE;
}

/* The label of a ticket state, from the reference list (the code if the
 * list cannot be read: the change itself is done). */
static void print_moved(struct cli *c, const char *fmt, long long id, const char *state)
{
	struct labels l;
	atelier_error err;
	bool loaded = labels_load(c->h, "ticket_state", NULL, &l, &err) == 0;

	printf(fmt, id, loaded ? labels_get(&l, state) : state);
	if (loaded)
		labels_free(&l);
}

static int run_close(struct cli *c, const struct command *cmd, int argc, char **argv)
{
	static const char *const outcomes[] = { "resolved", "referred", "abandoned", NULL };
	const char *outcome = NULL, *referral = NULL, *autonomy = NULL;
	long long minutes = -1, id;
	const struct arg_spec specs[] = {
		{ .name = "outcome", .kind = ARG_CHOICE, .target = &outcome, .choices = outcomes },
		{ .name = "referral", .kind = ARG_TEXT, .target = &referral },
		{ .name = "autonomy", .kind = ARG_TEXT, .target = &autonomy },
		{ .name = "minutes", .kind = ARG_INT, .target = &minutes, .min = 0, .max = 1440 },
		{ .name = NULL }
	};
	struct args_result r;
	atelier_error err;
	int rc = ticket_args(c, cmd, specs, argc, argv, &r, &id, true);

	if (rc != CLI_GO_ON)
		return rc;
	/* Saying where the person was sent is saying the ticket was referred;
	 * whether an outcome and a referral go together is the database's rule. */
	if (outcome == NULL)
		outcome = referral != NULL ? "referred" : "resolved";
	if (atelier_ticket_move(c->h, id, outcome, referral, autonomy, (int)minutes, &err) != 0)
		return report_error(&err);
	/* TRANSLATORS: %lld is the ticket's number, %s its new state. */
	print_moved(c, _("Ticket #%lld closed: %s.\n"), id, outcome);
	return EXIT_DONE;
}

static int run_reopen(struct cli *c, const struct command *cmd, int argc, char **argv)
{
	const struct arg_spec specs[] = { { .name = NULL } };
	struct args_result r;
	atelier_error err;
	long long id;
	int rc = ticket_args(c, cmd, specs, argc, argv, &r, &id, true);

	if (rc != CLI_GO_ON)
		return rc;
	if (atelier_ticket_move(c->h, id, "open", NULL, NULL, -1, &err) != 0)
		return report_error(&err);
	printf(_("Ticket #%lld reopened.\n"), id);
	return EXIT_DONE;
}

static const struct command cmd_ticket_open = {
	.name = "open",
	.summary = N_("Open a ticket for the person you are helping "
		      "(with no option on a terminal: asks step by step)."),
	.usage = N_("[OPTIONS]"),
	.options = N_(
		"      --site CODE         the site (default: $ATELIER_SITE, else your only site)\n"
		"      --theme CODE        a theme; repeat for several (at least one)\n"
		"      --procedure CODE    an administrative procedure (with the theme demarches); repeatable\n"
		"      --place CODE        where the help took place (default: the database's,\n"
		"                          see atelier(1))\n"
		"      --equipment CODE    the person's device\n"
		"      --workstation HOST  the public PC used\n"
		"      --person CARD       the person's library card number (never stored as such)\n"
		"      --anonymous         the person stays anonymous (the default)\n"
		"      --minutes N         minutes spent, 0 to 1440\n"
		"      --note TEXT         notes\n"),
	.example = N_(
		"  atelier ticket open\n"
		"  atelier ticket open --theme email --theme navigation --person 0123456 --minutes 20\n"),
	.run = run_open,
};

static const struct command cmd_ticket_update = {
	.name = "update",
	.summary = N_("Change a ticket's details; the change goes on its timeline."),
	.usage = N_("ID [OPTIONS]"),
	.options = N_(
		"      --theme CODE        the themes (repeat for several; they replace the old ones)\n"
		"      --procedure CODE    the procedures (repeatable; they replace the old ones)\n"
		"      --no-procedures     remove all procedures\n"
		"      --place CODE        where the help took place\n"
		"      --equipment CODE    the person's device\n"
		"      --workstation HOST  the public PC used\n"
		"      --minutes N         minutes spent, 0 to 1440\n"
		"      --note TEXT         notes (they replace the old ones)\n"
		"      --autonomy CODE     how autonomous the person now is\n"),
	.example = N_("  atelier ticket update 12 --minutes 35 --note \"CV sent\"\n"),
	.run = run_update,
};

static const struct command cmd_ticket_close = {
	.name = "close",
	.summary = N_("Close a ticket: resolved, referred elsewhere, or abandoned."),
	.usage = N_("ID [OPTIONS]"),
	.options = N_(
		"      --outcome resolved|referred|abandoned\n"
		"                          how it ended (default: resolved; referred with --referral)\n"
		"      --referral CODE     where the person was sent (needed for referred)\n"
		"      --autonomy CODE     how autonomous the person now is\n"
		"      --minutes N         minutes spent, 0 to 1440\n"),
	.example = N_("  atelier ticket close 12\n"
		      "  atelier ticket close 13 --outcome referred --referral aide_demarches\n"),
	.run = run_close,
};

static const struct command cmd_ticket_reopen = {
	.name = "reopen",
	.summary = N_("Reopen a closed ticket (coordinators and administrators)."),
	.usage = N_("ID"),
	.options = "",
	.example = N_("  atelier ticket reopen 12\n"),
	.run = run_reopen,
};

static const struct command *const ticket_subs[] = { &cmd_ticket_open,
						     &cmd_ticket_update,
						     &cmd_ticket_close,
						     &cmd_ticket_reopen,
						     &cmd_ticket_list,
						     &cmd_ticket_show,
						     NULL };

const struct command cmd_ticket = {
	.name = "ticket",
	.summary = N_("Helpdesk tickets: open, update, close, reopen, list, show."),
	.subs = ticket_subs,
};
