/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_ticket_ask.c - "atelier ticket open" with no option, on a terminal:
 * asks step by step while the person is still at the desk.  Every list
 * comes from the reference tables, labelled in the librarian's language;
 * a wrong answer is asked again; Ctrl-D stops with nothing stored.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diagnostics.h"
#include "prompt.h"
#include "staff_handle.h"
#include "ticket.h"

#define ASK_EOF (-2)

static int cancelled(void)
{
	report_warning("%s", _("Cancelled: nothing was stored."));
	return EXIT_USAGE;
}

/* Removes blanks around an answer, in place. */
static char *trim(char *s)
{
	char *end;

	while (*s == ' ' || *s == '\t')
		s++;
	end = s + strlen(s);
	while (end > s && (end[-1] == ' ' || end[-1] == '\t'))
		*--end = '\0';
	return s;
}

/* Loads a list; returns CLI_GO_ON or the exit code of the failure. */
static int load(struct cli *c, const char *vocabulary, const char *site, struct labels *l)
{
	atelier_error err;

	if (labels_load(c->h, vocabulary, site, l, &err) != 0)
		return report_error(&err);
	return CLI_GO_ON;
}

/* Picks codes of l into codes[] (at most ARGS_LIST_MAX); returns how many,
 * or ASK_EOF. */
static int pick_codes(const char *title, const char *question, const struct labels *l,
		      enum pick_mode mode, int def, const char **codes)
{
	size_t *idx = calloc(l->n + 1, sizeof(size_t));
	int got, i;

	if (idx == NULL)
		return ASK_EOF;
	got = prompt_pick(title, question, l->items, l->n, mode, def, idx);
	for (i = 0; i < got && i < ARGS_LIST_MAX; i++)
		codes[i] = l->items[idx[i]].code;
	free(idx);
	return got < 0 ? ASK_EOF : (got > ARGS_LIST_MAX ? ARGS_LIST_MAX : got);
}

/* Whether code (may be NULL) is among the n codes picked. */
static bool chose(const char *const *codes, size_t n, const char *code)
{
	size_t i;

	for (i = 0; code != NULL && i < n; i++)
		if (strcmp(codes[i], code) == 0)
			return true;
	return false;
}

static int ask_lists(struct cli *c, struct ticket_draft *d)
{
	const char *one[1];
	int rc, got;

	if ((rc = load(c, "theme", d->site, &d->theme_labels)) != CLI_GO_ON)
		return rc;
	got = pick_codes(_("Themes:"), _("Themes (numbers separated by spaces or commas): "),
			 &d->theme_labels, PICK_MANY, -1, d->themes);
	if (got < 0)
		return cancelled();
	d->spec.themes = d->themes;
	d->spec.nthemes = (size_t)got;
	/* Procedures go with one theme, which the database names (the rule is its own). */
	if (chose(d->themes, d->spec.nthemes, d->theme_labels.with_procedures)) {
		if ((rc = load(c, "procedure", d->site, &d->procedure_labels)) != CLI_GO_ON)
			return rc;
		got = pick_codes(_("Administrative procedures:"),
				 _("Procedures (numbers, or Enter for none): "),
				 &d->procedure_labels, PICK_ANY, -1, d->procedures);
		if (got < 0)
			return cancelled();
		d->spec.procedures = d->procedures;
		d->spec.nprocedures = (size_t)got;
	}
	if ((rc = load(c, "place", d->site, &d->place_labels)) != CLI_GO_ON)
		return rc;
	if (pick_codes(_("Place:"), _("Place (number, Enter for 1): "), &d->place_labels, PICK_ONE,
		       0, one) < 0)
		return cancelled();
	d->spec.place = one[0];
	if ((rc = load(c, "equipment", d->site, &d->equipment_labels)) != CLI_GO_ON)
		return rc;
	got = pick_codes(_("Equipment:"), _("Equipment (number, or Enter for none): "),
			 &d->equipment_labels, PICK_ONE_OR_NONE, -1, one);
	if (got < 0)
		return cancelled();
	d->spec.equipment = got == 1 ? one[0] : NULL;
	return CLI_GO_ON;
}

/* One free answer, kept in d->lines[slot]; NULL for Enter; ASK_EOF-ish:
 * *eof set at end of input. */
static const char *ask_text(struct ticket_draft *d, int slot, const char *question, bool *eof)
{
	char *line = prompt_line(question);
	char *text;

	if (line == NULL) {
		*eof = true;
		return NULL;
	}
	free(d->lines[slot]);
	d->lines[slot] = line;
	text = trim(line);
	return text[0] != '\0' ? text : NULL;
}

static int ask_minutes(struct ticket_draft *d)
{
	char msg[ARGS_MSG_LEN];
	bool eof = false;

	for (;;) {
		const char *text = ask_text(d, 2, _("Minutes spent (or Enter to skip): "), &eof);
		long long v;

		if (eof)
			return ASK_EOF;
		if (text == NULL) {
			d->spec.minutes = -1;
			return 0;
		}
		if (args_int(_("Minutes"), text, 0, 1440, &v, msg, sizeof(msg)) == 0) {
			d->spec.minutes = (int)v;
			return 0;
		}
		fprintf(stderr, "  %s\n", msg);
	}
}

static int ask_free_answers(struct cli *c, struct ticket_draft *d)
{
	bool eof = false;
	const char *card;
	int rc;

	d->spec.workstation =
		ask_text(d, 0, _("Workstation (host name, or Enter for none): "), &eof);
	if (eof)
		return cancelled();
	card = ask_text(d, 1, _("Card number of the person (or Enter if anonymous): "), &eof);
	if (eof)
		return cancelled();
	if (card != NULL) {
		rc = cli_pseudonym(c, card, d->person);
		explicit_bzero(d->lines[1], strlen(d->lines[1]));
		if (rc != EXIT_DONE)
			return rc;
		d->spec.person = d->person;
	}
	if (ask_minutes(d) != 0)
		return cancelled();
	d->spec.notes = ask_text(d, 3, _("Notes (or Enter for none): "), &eof);
	if (eof)
		return cancelled();
	return CLI_GO_ON;
}

int ticket_ask(struct cli *c, struct ticket_draft *d)
{
	int rc = cli_site(c, NULL, true, d->site);

	if (rc != EXIT_DONE)
		return rc;
	d->spec.site = d->site;
	rc = ask_lists(c, d);
	if (rc != CLI_GO_ON)
		return rc;
	return ask_free_answers(c, d);
}

void ticket_draft_free(struct ticket_draft *d)
{
	size_t i;

	labels_free(&d->theme_labels);
	labels_free(&d->procedure_labels);
	labels_free(&d->place_labels);
	labels_free(&d->equipment_labels);
	for (i = 0; i < sizeof(d->lines) / sizeof(d->lines[0]); i++)
		free(d->lines[i]);
	explicit_bzero(d->person, sizeof(d->person));
}
