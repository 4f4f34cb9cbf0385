/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_book.c - atelier book: PCs for a session's whole time, all or
 * nothing.  A PC already taken is the database's conflict, which names the
 * PC and the booking in the way.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "diagnostics.h"
#include "output.h"
#include "staff_handle.h"

/* Prints the booked PCs of rows (booking_id, workstation[, label, ...]). */
static int print_booked(struct cli *c, atelier_rows *rows, long long session, bool listing)
{
	const struct column cols[] = {
		{ "booking_id", _("Booking"), COL_NUMBER }, { "workstation", _("PC"), COL_TEXT },
		{ "label", _("Label"), COL_TEXT },          { "starts_at", _("Start"), COL_TIME },
		{ "ends_at", _("End"), COL_END },
	};
	size_t ncols = listing ? 5 : 2;
	struct table *t = table_new(cols, ncols);
	atelier_error err;
	int more = 0, rc;

	while (t != NULL && (more = atelier_rows_next(rows, &err)) == 1) {
		const char *cells[5];
		size_t i;

		for (i = 0; i < ncols; i++)
			cells[i] = atelier_rows_get(rows, cols[i].key);
		if (table_add(t, cells) != 0)
			break;
	}
	if (t == NULL || more != 0) {
		table_free(t);
		return t != NULL && more < 0 ? report_error(&err) : EXIT_INTERNAL;
	}
	if (c->format == OUT_TABLE && !listing)
		printf(ngettext("%zu PC booked for session #%lld:\n",
				"%zu PCs booked for session #%lld:\n", table_rows(t)),
		       table_rows(t), session);
	rc = cli_print_table(c, t, _("No PC is booked for this session."));
	table_free(t);
	return rc;
}

static int run_book(struct cli *c, const struct command *cmd, int argc, char **argv)
{
	struct arg_list pcs = { .n = 0 };
	long long count = 0, session;
	bool list = false;
	const struct arg_spec specs[] = {
		{ .name = "pcs", .kind = ARG_INT, .target = &count, .min = 1, .max = 1000 },
		{ .name = "pc", .kind = ARG_LIST, .target = &pcs },
		{ .name = "list", .kind = ARG_FLAG, .target = &list },
		{ .name = NULL }
	};
	struct args_result r;
	atelier_error err;
	atelier_rows *rows;
	int rc = cli_parse(c, cmd, specs, argc, argv, &r, 1, 1);

	if (rc != CLI_GO_ON ||
	    (rc = cli_id(c, _("Session number"), r.pos[0], &session)) != CLI_GO_ON)
		return rc;
	if ((count > 0) + (pcs.n > 0) + list != 1)
		return report_usage(c, "%s",
				    _("Give one of: --pcs N, --pc NAME (repeatable), or --list."));
	if ((rc = cli_staff(c)) != EXIT_DONE)
		return rc;
	if (list)
		rows = atelier_session_bookings(c->h, session, &err);
	else
		rows = atelier_book_session(c->h, session, (int)count, pcs.n > 0 ? pcs.items : NULL,
					    pcs.n, &err);
	if (rows == NULL)
		return report_error(&err);
	rc = print_booked(c, rows, session, list);
	atelier_rows_free(rows);
	return rc;
}

const struct command cmd_book = {
	.name = "book",
	.summary = N_("Book public PCs for a session's whole time (all or nothing)."),
	.usage = N_("SESSION --pcs N | --pc NAME... | --list"),
	.options = N_("      --pcs N             book N free PCs of the session's site\n"
		      "      --pc NAME           book this PC; repeat for several\n"
		      "      --list              show the PCs booked for the session\n"),
	.example = N_("  atelier book 42 --pcs 8\n"
		      "  atelier book 42 --pc centre-pc01 --pc centre-pc02\n"),
	.run = run_book,
};
