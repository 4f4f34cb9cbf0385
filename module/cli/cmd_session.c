/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_session.c - atelier session schedule, cancel and list.
 *
 * Times typed as "YYYY-MM-DD HH:MM" are the desk's local time: they go to
 * the database with the desk's UTC offset for that date (mktime), so the
 * database server's own time zone plays no part.  The desk is in the
 * library's time zone.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "diagnostics.h"
#include "output.h"
#include "site.h"
#include "staff_handle.h"

struct schedule_opts {
	const char *site, *room, *facilitator, *partner, *title;
	char start[ARGS_VALUE_LEN], until[ARGS_VALUE_LEN];
	long long capacity, minutes, every, count;
	bool course;
};

/* The combinations a series or a course needs, checked before asking the
 * database.  Returns CLI_GO_ON or EXIT_USAGE. */
static int check_schedule(struct cli *c, const struct schedule_opts *o)
{
	bool series = o->every > 0, ends = o->count > 0 || o->until[0] != '\0';

	if (o->start[0] == '\0')
		return report_usage(c, "%s", _("Give the start: --start \"YYYY-MM-DD HH:MM\"."));
	if (o->capacity == 0)
		return report_usage(c, "%s", _("Give the number of seats: --capacity N."));
	if (o->count > 0 && o->until[0] != '\0')
		return report_usage(c, "%s", _("Give either --count or --until, not both."));
	if (series && !ends)
		return report_usage(c, "%s", _("A series needs --count N or --until YYYY-MM-DD."));
	if (!series && ends)
		return report_usage(c, "%s", _("--count and --until go with --every."));
	if (o->course && !series)
		return report_usage(c, "%s", _("A course needs --every, with --count or --until."));
	if (o->title != NULL && !o->course)
		return report_usage(c, "%s", _("--title goes with --course."));
	return CLI_GO_ON;
}

static atelier_rows *schedule(struct cli *c, const struct schedule_opts *o, const char *site,
			      const char *workshop, atelier_error *err)
{
	atelier_schedule_spec s = ATELIER_SCHEDULE_SPEC_INIT;

	s.workshop = workshop;
	s.site = site;
	s.room = o->room;
	s.starts = o->start;
	s.minutes = (int)o->minutes;
	s.capacity = (int)o->capacity;
	s.facilitator = o->facilitator;
	s.partner = o->partner;
	s.every_days = (int)o->every;
	s.count = (int)o->count;
	s.until = o->until[0] != '\0' ? o->until : NULL;
	s.title = o->title;
	if (o->course)
		return atelier_course_schedule(c->h, &s, err);
	if (o->every > 0)
		return atelier_series_schedule(c->h, &s, err);
	return atelier_session_schedule(c->h, &s, err);
}

static int print_scheduled(struct cli *c, atelier_rows *rows, bool course)
{
	const struct column cols[] = {
		{ "session_id", _("Session"), COL_NUMBER },
		{ "starts_at", _("Start"), COL_TIME },
		{ "ends_at", _("End"), COL_END },
		{ "course_id", _("Course"), COL_NUMBER },
		{ "course_position", _("No. in course"), COL_NUMBER },
	};
	struct table *t = table_new(cols, course ? 5 : 3);
	char course_id[32] = "";
	atelier_error err;
	int more, n = 0, rc;

	if (t == NULL)
		return EXIT_INTERNAL;
	while ((more = atelier_rows_next(rows, &err)) == 1) {
		const char *cells[5];
		int i;

		for (i = 0; i < (course ? 5 : 3); i++)
			cells[i] = atelier_rows_get(rows, cols[i].key);
		if (course && n == 0)
			snprintf(course_id, sizeof(course_id), "%s", cells[3]);
		if (table_add(t, cells) != 0)
			break;
		n++;
	}
	if (more != 0) {
		table_free(t);
		return more < 0 ? report_error(&err) : EXIT_INTERNAL;
	}
	if (c->format == OUT_TABLE) {
		if (course)
			printf(ngettext("Course #%s scheduled, with %d session:\n",
					"Course #%s scheduled, with %d sessions:\n", n),
			       course_id, n);
		else
			printf(ngettext("%d session scheduled:\n", "%d sessions scheduled:\n", n),
			       n);
	}
	rc = cli_print_table(c, t, NULL);
	table_free(t);
	return rc;
}

static int run_schedule(struct cli *c, const struct command *cmd, int argc, char **argv)
{
	struct schedule_opts o = { .capacity = 0 };
	const struct arg_spec specs[] = {
		{ .name = "site", .kind = ARG_TEXT, .target = &o.site },
		{ .name = "start", .kind = ARG_TIME, .target = o.start },
		{ .name = "capacity",
		  .kind = ARG_INT,
		  .target = &o.capacity,
		  .min = 1,
		  .max = 1000 },
		{ .name = "minutes", .kind = ARG_INT, .target = &o.minutes, .min = 15, .max = 720 },
		{ .name = "room", .kind = ARG_TEXT, .target = &o.room },
		{ .name = "facilitator", .kind = ARG_TEXT, .target = &o.facilitator },
		{ .name = "partner", .kind = ARG_TEXT, .target = &o.partner },
		{ .name = "every",
		  .kind = ARG_INT,
		  .target = &o.every,
		  .min = 1,
		  .max = 366,
		  .word = "weekly",
		  .word_value = 7 },
		{ .name = "count", .kind = ARG_INT, .target = &o.count, .min = 1, .max = 260 },
		{ .name = "until", .kind = ARG_DATE, .target = o.until },
		{ .name = "course", .kind = ARG_FLAG, .target = &o.course },
		{ .name = "title", .kind = ARG_TEXT, .target = &o.title },
		{ .name = NULL }
	};
	char site[SITE_CODE_MAX];
	struct args_result r;
	atelier_error err;
	atelier_rows *rows;
	int rc = cli_parse(c, cmd, specs, argc, argv, &r, 1, 1);

	if (rc != CLI_GO_ON || (rc = check_schedule(c, &o)) != CLI_GO_ON)
		return rc;
	if ((rc = cli_staff(c)) != EXIT_DONE ||
	    (rc = cli_site(c, o.site, false, site)) != EXIT_DONE)
		return rc;
	rows = schedule(c, &o, site, r.pos[0], &err);
	if (rows == NULL)
		return report_error(&err);
	rc = print_scheduled(c, rows, o.course);
	atelier_rows_free(rows);
	return rc;
}

static int run_cancel(struct cli *c, const struct command *cmd, int argc, char **argv)
{
	const struct arg_spec specs[] = { { .name = NULL } };
	struct args_result r;
	atelier_error err;
	long long id;
	int freed = 0;
	int rc = cli_parse(c, cmd, specs, argc, argv, &r, 1, 1);

	if (rc != CLI_GO_ON || (rc = cli_id(c, _("Session number"), r.pos[0], &id)) != CLI_GO_ON)
		return rc;
	if ((rc = cli_staff(c)) != EXIT_DONE)
		return rc;
	if (atelier_session_cancel(c->h, id, &freed, &err) != 0)
		return report_error(&err);
	if (freed == 0)
		printf(_("Session #%lld cancelled.\n"), id);
	else
		printf(ngettext("Session #%lld cancelled; %d PC booking released.\n",
				"Session #%lld cancelled; %d PC bookings released.\n",
				(unsigned long)freed),
		       id, freed);
	return EXIT_DONE;
}

/* ---- list -------------------------------------------------------------- */

static int list_row(const struct cli *c, atelier_rows *rows, void *ctx, struct table *t)
{
	const char *status = atelier_rows_get(rows, "status");
	const char *course = atelier_rows_get(rows, "course_id");
	char seats[48], course_text[48];
	const char *shown_status = status;

	(void)ctx; /* a list row needs nothing more than the row */
	snprintf(seats, sizeof(seats), "%s/%s", atelier_rows_get(rows, "enrolled"),
		 atelier_rows_get(rows, "capacity"));
	if (course != NULL)
		snprintf(course_text, sizeof(course_text), "#%s (%s)", course,
			 atelier_rows_get(rows, "course_position"));
	else
		course_text[0] = '\0';
	if (status != NULL && strcmp(status, "scheduled") == 0)
		shown_status = _("scheduled");
	else if (status != NULL && strcmp(status, "cancelled") == 0)
		shown_status = _("cancelled");
	if (c->format == OUT_TSV) {
		const char *cells[15];
		int i;

		for (i = 0; i < 15; i++)
			cells[i] = atelier_rows_value(rows, i);
		return table_add(t, cells);
	}
	{
		const char *cells[] = {
			atelier_rows_get(rows, "session_id"),
			atelier_rows_get(rows, "title"),
			atelier_rows_get(rows, "site"),
			atelier_rows_get(rows, "room"),
			atelier_rows_get(rows, "starts_at"),
			atelier_rows_get(rows, "ends_at"),
			seats,
			atelier_rows_get(rows, "waitlisted"),
			atelier_rows_get(rows, "booked_pcs"),
			shown_status,
			course_text,
		};

		return table_add(t, cells);
	}
}

/* The period asked for; with one end only, the other is 60 days away. */
static int period(struct cli *c, const char *from, const char *to, char from_at[ARGS_VALUE_LEN],
		  char to_at[ARGS_VALUE_LEN])
{
	if (from[0] != '\0' && to[0] != '\0' && strcmp(from, to) > 0)
		return report_usage(c, "%s", _("--from comes after --to."));
	if ((from[0] != '\0' && args_day_start(from, 0, from_at) != 0) ||
	    (to[0] != '\0' && args_day_start(to, 1, to_at) != 0) ||
	    (from[0] != '\0' && to[0] == '\0' && args_day_start(from, 61, to_at) != 0) ||
	    (to[0] != '\0' && from[0] == '\0' && args_day_start(to, -60, from_at) != 0))
		return report_usage(c, "%s", _("The period could not be understood."));
	return CLI_GO_ON;
}

static int run_list(struct cli *c, const struct command *cmd, int argc, char **argv)
{
	const char *site = NULL;
	char from[ARGS_VALUE_LEN] = "", to[ARGS_VALUE_LEN] = "", from_at[ARGS_VALUE_LEN] = "",
	     to_at[ARGS_VALUE_LEN] = "";
	const struct arg_spec specs[] = { { .name = "site", .kind = ARG_TEXT, .target = &site },
					  { .name = "from", .kind = ARG_DATE, .target = from },
					  { .name = "to", .kind = ARG_DATE, .target = to },
					  { .name = NULL } };
	const struct column table_cols[] = {
		{ "session_id", _("No."), COL_NUMBER }, { "title", _("Workshop"), COL_TEXT },
		{ "site", _("Site"), COL_TEXT },        { "room", _("Room"), COL_TEXT },
		{ "starts_at", _("Start"), COL_TIME },  { "ends_at", _("End"), COL_END },
		{ "seats", _("Seats"), COL_NUMBER },    { "waitlisted", _("Waiting"), COL_NUMBER },
		{ "booked_pcs", _("PCs"), COL_NUMBER }, { "status", _("Status"), COL_TEXT },
		{ "course", _("Course"), COL_TEXT },
	};
	static const struct column tsv_cols[] = {
		{ "session_id", "", COL_TEXT },  { "workshop", "", COL_TEXT },
		{ "title", "", COL_TEXT },       { "site", "", COL_TEXT },
		{ "room", "", COL_TEXT },        { "starts_at", "", COL_TEXT },
		{ "ends_at", "", COL_TEXT },     { "capacity", "", COL_TEXT },
		{ "enrolled", "", COL_TEXT },    { "waitlisted", "", COL_TEXT },
		{ "booked_pcs", "", COL_TEXT },  { "status", "", COL_TEXT },
		{ "course_id", "", COL_TEXT },   { "course_position", "", COL_TEXT },
		{ "facilitator", "", COL_TEXT },
	};
	struct args_result r;
	atelier_error err;
	atelier_rows *rows;
	struct table *t;
	int rc = cli_parse(c, cmd, specs, argc, argv, &r, 0, 0);

	if (rc != CLI_GO_ON || (rc = period(c, from, to, from_at, to_at)) != CLI_GO_ON)
		return rc;
	if ((rc = cli_staff(c)) != EXIT_DONE)
		return rc;
	rows = atelier_session_list(c->h, cli_site_filter(site),
				    from_at[0] != '\0' ? from_at : NULL,
				    to_at[0] != '\0' ? to_at : NULL, &err);
	if (rows == NULL)
		return report_error(&err);
	t = c->format == OUT_TSV ? table_new(tsv_cols, 15) : table_new(table_cols, 11);
	rc = cli_print_rows(c, rows, t, list_row, NULL, _("No session in that period."));
	table_free(t);
	atelier_rows_free(rows);
	return rc;
}

static const struct command cmd_session_schedule = {
	.name = "schedule",
	.summary = N_("Schedule a session of a workshop, a series of sessions, or a course."),
	.usage = N_("WORKSHOP --start \"YYYY-MM-DD HH:MM\" --capacity N [OPTIONS]"),
	.options = N_(
		"      --site CODE         the site (default: $ATELIER_SITE, else your only site)\n"
		"      --start \"YYYY-MM-DD HH:MM\"  the (first) start, in local time\n"
		"      --capacity N        seats, 1 to 1000\n"
		"      --minutes N         duration, 15 to 720 (default: the workshop's)\n"
		"      --room CODE         the room\n"
		"      --facilitator LOGIN the staff member who runs it\n"
		"      --partner TEXT      the partner organisation\n"
		"      --every DAYS|weekly a series: one session every DAYS days\n"
		"      --count N           ... N sessions in all (1 to 260)\n"
		"      --until YYYY-MM-DD  ... or sessions until that day\n"
		"      --course            the series is a course: people enrol once for all\n"
		"      --title TEXT        the course's title (default: the workshop code)\n"),
	.example = N_(
		"  atelier session schedule EMAIL --site MED-CENTRE --start \"2026-11-03 14:00\" --capacity 8\n"
		"  atelier session schedule EMAIL --start \"2026-11-03 14:00\" --capacity 8 \\\n"
		"      --every weekly --count 5 --course --title \"E-mail in 5 sessions\"\n"),
	.run = run_schedule,
};

static const struct command cmd_session_cancel = {
	.name = "cancel",
	.summary = N_("Cancel a session; its PCs are free again."),
	.usage = N_("ID"),
	.options = "",
	.example = N_("  atelier session cancel 42\n"),
	.run = run_cancel,
};

static const struct command cmd_session_list = {
	.name = "list",
	.summary = N_("List sessions with their seats, waiting list and PCs."),
	.usage = N_("[OPTIONS]"),
	.options =
		N_("      --site CODE         only this site (default: $ATELIER_SITE, else all)\n"
		   "      --from YYYY-MM-DD   from this day (default: yesterday)\n"
		   "      --to YYYY-MM-DD     to this day, included (default: 60 days on)\n"),
	.example = N_("  atelier session list --from 2026-11-01 --to 2026-11-30\n"),
	.run = run_list,
};

static const struct command *const session_subs[] = { &cmd_session_schedule, &cmd_session_cancel,
						      &cmd_session_list, NULL };

const struct command cmd_session = {
	.name = "session",
	.summary = N_("Workshop sessions: schedule (one, a series, a course), cancel, list."),
	.subs = session_subs,
};
