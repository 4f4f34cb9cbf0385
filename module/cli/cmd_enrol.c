/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_enrol.c - atelier enrol, unenrol, attend and roster.  People are
 * typed as their library card number and sent as pseudonyms; they are
 * shown as "p:" and the first digits of the pseudonym.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "diagnostics.h"
#include "labels.h"
#include "output.h"
#include "staff_handle.h"

/* SESSION PERSON, or --course COURSE PERSON: the target and the person's
 * pseudonym.  Returns CLI_GO_ON or an exit code. */
static int target_and_person(struct cli *c, const char *course, struct args_result *r,
			     long long *id, char person[ATELIER_PSEUDONYM_LEN + 1])
{
	char msg[ARGS_MSG_LEN];
	int want = course != NULL ? 1 : 2, rc;

	if (r->npos != want)
		return report_usage(
			c, "%s",
			course != NULL
				? _("Give the person's card number after --course COURSE.")
				: _("Give the session number and the person's card number."));
	/* Not cli_id(): its message repeats what was typed, which may be a
	 * card number typed in the wrong place. */
	if (args_id("", course != NULL ? course : r->pos[0], id, msg, sizeof(msg)) != 0)
		return report_usage(
			c, "%s",
			course != NULL
				? _("The course number must be a number such as 12.")
				: _("The session number must be a number such as 12, then the card number."));
	if ((rc = cli_staff(c)) != EXIT_DONE)
		return rc;
	rc = cli_pseudonym(c, r->pos[want - 1], person);
	return rc == EXIT_DONE ? CLI_GO_ON : rc;
}

/* The one row of rows as TSV, for scripts. */
static int print_row_tsv(struct cli *c, atelier_rows *rows, const char *const *keys, size_t n)
{
	struct column cols[4];
	const char *cells[4];
	char person[16];
	struct table *t;
	size_t i;
	int rc;

	for (i = 0; i < n; i++) {
		cols[i] = (struct column){ keys[i], "", COL_TEXT };
		cells[i] = atelier_rows_get(rows, keys[i]);
		if (strstr(keys[i], "person") != NULL && cells[i] != NULL) {
			person_short(cells[i], person);
			cells[i] = person;
		}
	}
	t = table_new(cols, n);
	rc = t != NULL && table_add(t, cells) == 0 ? cli_print_table(c, t, NULL) : EXIT_INTERNAL;
	table_free(t);
	return rc;
}

/* atelier_enrol and atelier_unenrol: the same arguments, one row back. */
typedef atelier_rows *(*enrolment_call)(atelier *h, int is_course, long long id, const char *person,
					atelier_error *err);
/* Says the row's outcome in a sentence, for people. */
typedef void (*enrolment_say)(const atelier_rows *rows);

static void say_enrolled(const atelier_rows *rows)
{
	const char *status = atelier_rows_get(rows, "status");
	const char *rank = atelier_rows_get(rows, "waitlist_rank");

	if (status != NULL && strcmp(status, "waitlisted") == 0)
		printf(_("Full: on the waiting list, rank %s.\n"), rank != NULL ? rank : "?");
	else
		printf("%s\n", _("Enrolled."));
}

static void say_unenrolled(const atelier_rows *rows)
{
	const char *who = atelier_rows_get(rows, "promoted_person");
	char promoted[16];

	printf("%s\n", _("Enrolment cancelled."));
	if (who != NULL) {
		person_short(who, promoted);
		printf(_("The first person waiting (%s) now has the seat.\n"), promoted);
	}
}

/* SESSION PERSON or --course COURSE PERSON, one call, its row as a sentence
 * (or as TSV with the columns keys). */
static int run_enrolment_change(struct cli *c, const struct command *cmd, int argc, char **argv,
				enrolment_call call, const char *const keys[3], enrolment_say say)
{
	char person[ATELIER_PSEUDONYM_LEN + 1];
	const char *course = NULL;
	const struct arg_spec specs[] = { { .name = "course", .kind = ARG_TEXT, .target = &course },
					  { .name = NULL } };
	struct args_result r;
	atelier_error err;
	atelier_rows *rows;
	long long id;
	int rc = cli_parse(c, cmd, specs, argc, argv, &r, 1, 2);

	if (rc != CLI_GO_ON || (rc = target_and_person(c, course, &r, &id, person)) != CLI_GO_ON)
		return rc;
	rows = call(c->h, course != NULL, id, person, &err);
	if (rows == NULL)
		return report_error(&err);
	rc = atelier_rows_next(rows, &err);
	if (rc != 1) {
		rc = rc < 0 ? report_error(&err) : EXIT_INTERNAL;
	} else if (c->format == OUT_TSV) {
		rc = print_row_tsv(c, rows, keys, 3);
	} else {
		say(rows);
		rc = EXIT_DONE;
	}
	atelier_rows_free(rows);
	return rc;
}

static int run_enrol(struct cli *c, const struct command *cmd, int argc, char **argv)
{
	static const char *const keys[] = { "enrolment_id", "status", "waitlist_rank" };

	return run_enrolment_change(c, cmd, argc, argv, atelier_enrol, keys, say_enrolled);
}

static int run_unenrol(struct cli *c, const struct command *cmd, int argc, char **argv)
{
	static const char *const keys[] = { "cancelled_enrolment", "promoted_enrolment",
					    "promoted_person" };

	return run_enrolment_change(c, cmd, argc, argv, atelier_unenrol, keys, say_unenrolled);
}

static int run_attend(struct cli *c, const struct command *cmd, int argc, char **argv)
{
	const struct arg_spec specs[] = { { .name = NULL } };
	char person[ATELIER_PSEUDONYM_LEN + 1];
	const char *status, *done_text;
	struct args_result r;
	atelier_error err;
	long long id;
	int rc = cli_parse(c, cmd, specs, argc, argv, &r, 3, 3);

	if (rc != CLI_GO_ON)
		return rc;
	status = r.pos[2];
	if (strcmp(status, "present") == 0)
		done_text = _("Marked present.");
	else if (strcmp(status, "absent") == 0)
		done_text = _("Marked absent.");
	else if (strcmp(status, "excused") == 0)
		done_text = _("Marked excused.");
	else
		return report_usage(c, _("%s: \"%s\" is not one of: %s."), _("Attendance"), status,
				    "present, absent, excused");
	r.npos = 2; /* SESSION PERSON */
	if ((rc = target_and_person(c, NULL, &r, &id, person)) != CLI_GO_ON)
		return rc;
	if (atelier_attend(c->h, id, person, status, &err) != 0)
		return report_error(&err);
	printf("%s\n", done_text);
	return EXIT_DONE;
}

static int roster_row(const struct cli *c, atelier_rows *rows, void *ctx, struct table *t)
{
	const struct labels *att = ctx;
	const char *person = atelier_rows_get(rows, "person");
	const char *status = atelier_rows_get(rows, "status");
	const char *attendance = atelier_rows_get(rows, "attendance");
	const char *shown_status = status;
	char who[16];

	person_short(person, who);
	if (status != NULL && strcmp(status, "enrolled") == 0)
		shown_status = _("enrolled");
	else if (status != NULL && strcmp(status, "waitlisted") == 0)
		shown_status = _("waiting");
	{
		const char *cells[] = {
			who,
			cli_pick(c, status, shown_status),
			atelier_rows_get(rows, "waitlist_rank"),
			cli_pick(c, attendance,
				 attendance != NULL ? labels_get(att, attendance) : NULL),
			atelier_rows_get(rows, "enrolled_at"),
		};

		return table_add(t, cells);
	}
}

static int run_roster(struct cli *c, const struct command *cmd, int argc, char **argv)
{
	const struct arg_spec specs[] = { { .name = NULL } };
	const struct column cols[] = {
		{ "person", _("Person"), COL_TEXT },
		{ "status", _("Status"), COL_TEXT },
		{ "waitlist_rank", _("Rank"), COL_NUMBER },
		{ "attendance", _("Attendance"), COL_TEXT },
		{ "enrolled_at", _("Enrolled on"), COL_TIME },
	};
	struct labels att = { .n = 0 };
	struct args_result r;
	atelier_error err;
	atelier_rows *rows;
	struct table *t;
	long long id;
	int rc = cli_parse(c, cmd, specs, argc, argv, &r, 1, 1);

	if (rc != CLI_GO_ON || (rc = cli_id(c, _("Session number"), r.pos[0], &id)) != CLI_GO_ON)
		return rc;
	if ((rc = cli_staff(c)) != EXIT_DONE)
		return rc;
	rows = atelier_session_roster(c->h, id, &err);
	if (rows == NULL)
		return report_error(&err);
	if (c->format == OUT_TABLE && labels_load(c->h, "attendance", NULL, &att, &err) != 0)
		memset(&att, 0, sizeof(att));
	t = table_new(cols, 5);
	rc = cli_print_rows(c, rows, t, roster_row, &att, _("Nobody is enrolled in this session."));
	table_free(t);
	labels_free(&att);
	atelier_rows_free(rows);
	return rc;
}

const struct command cmd_enrol = {
	.name = "enrol",
	.summary =
		N_("Enrol a person in a session, or in a whole course; past capacity they wait."),
	.usage = N_("SESSION PERSON | --course COURSE PERSON"),
	.options = N_("      --course COURSE     enrol in every session of this course\n"
		      "  PERSON is the person's library card number.\n"),
	.example = N_("  atelier enrol 42 0123456\n"
		      "  atelier enrol --course 7 0123456\n"),
	.run = run_enrol,
	.person_args = true,
};

const struct command cmd_unenrol = {
	.name = "unenrol",
	.summary = N_("Cancel a person's enrolment; the first person waiting gets the seat."),
	.usage = N_("SESSION PERSON | --course COURSE PERSON"),
	.options = N_("      --course COURSE     cancel the enrolment in this course\n"
		      "  PERSON is the person's library card number.\n"),
	.example = N_("  atelier unenrol --course 7 0123456\n"),
	.run = run_unenrol,
	.person_args = true,
};

const struct command cmd_attend = {
	.name = "attend",
	.summary = N_("Mark an enrolled person present, absent or excused at a session."),
	.usage = N_("SESSION PERSON present|absent|excused"),
	.options = N_("  PERSON is the person's library card number.\n"),
	.example = N_("  atelier attend 42 0123456 present\n"),
	.run = run_attend,
	.person_args = true,
};

const struct command cmd_roster = {
	.name = "roster",
	.summary = N_("Show who is enrolled in a session or waiting, and their attendance."),
	.usage = N_("SESSION [OPTIONS]"),
	.options = "",
	.example = N_("  atelier roster 42\n"),
	.run = run_roster,
};
