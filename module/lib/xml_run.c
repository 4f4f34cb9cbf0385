/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xml_run.c - the operations of a request carried out through the library's
 * own API (one function call, hence one transaction, per operation), each
 * answered by a result element written into a temporary file: the
 * response's root says whether all were done, which is known only at the
 * end.
 *
 * Who acts: the request names a staff login; the host system is trusted to
 * have authenticated that person itself (its database role, atelier_admin,
 * is a member of atelier_service, which may open a staff session for any
 * staff login; a plain librarian login may not).  A staff
 * session is opened for that login for the length of the request and closed
 * afterwards, so the database checks their role and sites for every
 * operation and records them as the author.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "xml_internal.h"

/* No length asked: the database gives the longest the staff member's role
 * allows (its settings staff_session_max_minutes_*), so a request of 1000
 * operations never outlives it and no length here can exceed the role's
 * cap; the session is closed at the request's end. */
static const char *const SQL_SESSION_OPEN = "SELECT atelier.staff_session_open($1)";
static const char *const SQL_SESSION_CLOSE = "SELECT atelier.staff_session_close($1::uuid)";

struct runner {
	atelier *h;
	struct xw x;
	const char *staff;
	char saved_token[ATELIER_TOKEN_LEN + 1];
	bool session_tried;
	struct xml_failure session_failure;
	int failed;
	struct xml_failure *first;
};

typedef int (*op_fn)(struct runner *q, const struct xml_op *op, atelier_error *err);

/* ---- reading an operation's values ---------------------------------- */

/* A number the schema has checked (xs:long, xs:int: maybe a sign, leading
 * zeros, spaces).  absent when not given. */
static long long number(const struct xml_op *op, const char *name, long long absent)
{
	const char *v = op_attr(op, name);

	return v != NULL ? strtoll(v, NULL, 10) : absent;
}

static bool flag(const struct xml_op *op, const char *name)
{
	const char *v = op_attr(op, name);

	return v != NULL && (strcmp(v, "true") == 0 || strcmp(v, "1") == 0);
}

static const char *person(const struct xml_op *op, atelier_error *err)
{
	if (!op->names_person)
		return NULL;
	if (op->person[0] == '\0') {
		error_set(
			err, ATELIER_E_USAGE, "%s",
			_("This operation names a person, but no pseudonymisation key is set up."));
		error_hint(err, "%s",
			   _("Give atelier the key file (option --secret, ATELIER_SECRET, "
			     "or secret_file for the plugin)."));
	}
	return op->person;
}

/* A duration given as 0 would reach the library as "not given" (its
 * default): an explicit value is passed on as it is or refused, never
 * replaced by a default.  (The schema's type duration already refuses it.)
 * The range allowed is the schema's and the database's: not restated here. */
static int duration_given_as_zero(const struct xml_op *op, atelier_error *err)
{
	if (op_attr(op, "minutes") == NULL || number(op, "minutes", 0) != 0)
		return 0;
	error_set(err, ATELIER_E_USAGE, "%s", _("A duration of 0 minutes is not valid."));
	error_hint(err, "%s",
		   _("Give the duration in minutes, or leave minutes out for the usual duration."));
	return -1;
}

static const char *const *list(const struct op_list *l)
{
	return (const char *const *)l->v;
}

/* ---- writing results ------------------------------------------------- */

static void done(struct runner *q, const struct xml_op *op)
{
	xw_start(&q->x, "result");
	xw_attr(&q->x, "op", op->id);
	xw_attr(&q->x, "status", "done");
}

static void session_element(struct xw *x, const atelier_rows *rows, bool listed)
{
	xw_start(x, "session");
	xw_attr(x, "number", atelier_rows_get(rows, "session_id"));
	xw_attr_time(x, "start", atelier_rows_get(rows, "starts_at"));
	xw_attr_time(x, "end", atelier_rows_get(rows, "ends_at"));
	xw_attr(x, "position", atelier_rows_get(rows, "course_position"));
	if (listed) {
		xw_attr(x, "workshop", atelier_rows_get(rows, "workshop"));
		xw_attr(x, "title", atelier_rows_get(rows, "title"));
		xw_attr(x, "site", atelier_rows_get(rows, "site"));
		xw_attr(x, "room", atelier_rows_get(rows, "room"));
		xw_attr(x, "capacity", atelier_rows_get(rows, "capacity"));
		xw_attr(x, "enrolled", atelier_rows_get(rows, "enrolled"));
		xw_attr(x, "waitlisted", atelier_rows_get(rows, "waitlisted"));
		xw_attr(x, "booked-pcs", atelier_rows_get(rows, "booked_pcs"));
		xw_attr(x, "status", atelier_rows_get(rows, "status"));
		xw_attr(x, "course", atelier_rows_get(rows, "course_id"));
		xw_attr(x, "facilitator", atelier_rows_get(rows, "facilitator"));
	}
	xw_end(x);
}

/* Rows read to the end, one session element each. */
static int sessions(struct runner *q, const struct xml_op *op, atelier_rows *rows, bool listed,
		    atelier_error *err)
{
	int rc;

	if (rows == NULL)
		return -1;
	done(q, op);
	while ((rc = atelier_rows_next(rows, err)) == 1)
		session_element(&q->x, rows, listed);
	atelier_rows_free(rows);
	return rc == 0 ? 0 : 1;
}

/* ---- the operations --------------------------------------------------- */

static void ticket_spec(const struct xml_op *op, atelier_ticket_spec *t, const char *who)
{
	*t = (atelier_ticket_spec)ATELIER_TICKET_SPEC_INIT;
	t->site = op_attr(op, "site");
	t->themes = list(&op->themes);
	t->nthemes = op->themes.n;
	t->procedures = list(&op->procedures);
	t->nprocedures = op->procedures.n;
	t->place = op_attr(op, "place");
	t->equipment = op_attr(op, "equipment");
	t->workstation = op_attr(op, "workstation");
	t->person = who;
	t->minutes = (int)number(op, "minutes", -1);
	t->notes = op->notes;
	t->autonomy = op_attr(op, "autonomy");
	t->clear_procedures = flag(op, "clear-procedures");
}

static int ticket_result(struct runner *q, const struct xml_op *op, long long id, const char *state)
{
	done(q, op);
	xw_start(&q->x, "ticket");
	xw_attr_ll(&q->x, "number", id);
	xw_attr(&q->x, "state", state);
	xw_end(&q->x);
	return 0;
}

static int open_ticket(struct runner *q, const struct xml_op *op, atelier_error *err)
{
	atelier_ticket_spec t;
	const char *who = person(op, err);
	long long id;

	if (error_is_set(err))
		return -1;
	ticket_spec(op, &t, who);
	if (atelier_ticket_open(q->h, &t, &id, err) != 0)
		return -1;
	return ticket_result(q, op, id, NULL);
}

static int update_ticket(struct runner *q, const struct xml_op *op, atelier_error *err)
{
	atelier_ticket_spec t;
	long long id = number(op, "ticket", 0);

	ticket_spec(op, &t, NULL);
	if (atelier_ticket_update(q->h, id, &t, err) != 0)
		return -1;
	return ticket_result(q, op, id, NULL);
}

static int move_ticket(struct runner *q, const struct xml_op *op, atelier_error *err)
{
	long long id = number(op, "ticket", 0);

	if (atelier_ticket_move(q->h, id, op_attr(op, "state"), op_attr(op, "referral"),
				op_attr(op, "autonomy"), (int)number(op, "minutes", -1), err) != 0)
		return -1;
	return ticket_result(q, op, id, op_attr(op, "state"));
}

static int add_workshop(struct runner *q, const struct xml_op *op, atelier_error *err)
{
	atelier_workshop_spec w;
	long long id;

	if (duration_given_as_zero(op, err) != 0)
		return -1;
	w = (atelier_workshop_spec)ATELIER_WORKSHOP_SPEC_INIT;
	w.code = op_attr(op, "code");
	w.title = op_attr(op, "title");
	w.level = op_attr(op, "level");
	w.minutes = (int)number(op, "minutes", 0);
	w.themes = list(&op->themes);
	w.nthemes = op->themes.n;
	w.description = op->notes;
	if (atelier_workshop_add(q->h, &w, &id, err) != 0)
		return -1;
	done(q, op);
	xw_start(&q->x, "workshop");
	xw_attr_ll(&q->x, "number", id);
	xw_attr(&q->x, "code", w.code);
	xw_end(&q->x);
	return 0;
}

static int schedule_spec(const struct xml_op *op, atelier_schedule_spec *s, atelier_error *err)
{
	if (duration_given_as_zero(op, err) != 0)
		return -1;
	*s = (atelier_schedule_spec)ATELIER_SCHEDULE_SPEC_INIT;
	s->workshop = op_attr(op, "workshop");
	s->site = op_attr(op, "site");
	s->room = op_attr(op, "room");
	s->starts = op_attr(op, "start");
	s->minutes = (int)number(op, "minutes", 0);
	s->capacity = (int)number(op, "capacity", 0);
	s->facilitator = op_attr(op, "facilitator");
	s->partner = op_attr(op, "partner");
	s->every_days = (int)number(op, "every-days", 0);
	s->count = (int)number(op, "count", 0);
	s->until = op_attr(op, "until");
	s->title = op_attr(op, "title");
	return 0;
}

typedef atelier_rows *(*schedule_fn)(atelier *h, const atelier_schedule_spec *s,
				     atelier_error *err);

/* schedule-session and schedule-series: one session element per date. */
static int scheduled_sessions(struct runner *q, const struct xml_op *op, schedule_fn call,
			      atelier_error *err)
{
	atelier_schedule_spec s;

	if (schedule_spec(op, &s, err) != 0)
		return -1;
	return sessions(q, op, call(q->h, &s, err), false, err);
}

static int schedule_session(struct runner *q, const struct xml_op *op, atelier_error *err)
{
	return scheduled_sessions(q, op, atelier_session_schedule, err);
}

static int schedule_series(struct runner *q, const struct xml_op *op, atelier_error *err)
{
	return scheduled_sessions(q, op, atelier_series_schedule, err);
}

static int schedule_course(struct runner *q, const struct xml_op *op, atelier_error *err)
{
	atelier_schedule_spec s;
	atelier_rows *rows;
	int rc, n = 0;

	if (schedule_spec(op, &s, err) != 0)
		return -1;
	rows = atelier_course_schedule(q->h, &s, err);
	if (rows == NULL)
		return -1;
	done(q, op);
	while ((rc = atelier_rows_next(rows, err)) == 1) {
		if (n++ == 0) {
			xw_start(&q->x, "course");
			xw_attr(&q->x, "number", atelier_rows_get(rows, "course_id"));
		}
		session_element(&q->x, rows, false);
	}
	if (n > 0)
		xw_end(&q->x);
	atelier_rows_free(rows);
	return rc == 0 ? 0 : 1;
}

static int cancel_session(struct runner *q, const struct xml_op *op, atelier_error *err)
{
	int freed = 0;

	if (atelier_session_cancel(q->h, number(op, "session", 0), &freed, err) != 0)
		return -1;
	done(q, op);
	xw_start(&q->x, "cancelled");
	xw_attr_ll(&q->x, "bookings-freed", freed);
	xw_end(&q->x);
	return 0;
}

static int list_sessions(struct runner *q, const struct xml_op *op, atelier_error *err)
{
	return sessions(q, op,
			atelier_session_list(q->h, op_attr(op, "site"), op_attr(op, "from"),
					     op_attr(op, "to"), err),
			true, err);
}

static void booking_element(struct xw *x, const char *number, const char *workstation)
{
	xw_start(x, "booking");
	xw_attr(x, "number", number);
	xw_attr(x, "workstation", workstation);
	xw_end(x);
}

/* A number of PCs or the PCs named: one of the two, never both (the
 * list would silently win), never neither (nothing would be booked). */
static int pcs_or_list(const struct xml_op *op, atelier_error *err)
{
	bool count = op_attr(op, "pcs") != NULL, named = op->pcs.n > 0;

	if (count != named)
		return 0;
	error_set(
		err, ATELIER_E_USAGE, "%s",
		count ? _("Give either a number of PCs (pcs) or the PCs to book (pc elements), not both.")
		      : _("Say how many PCs to book (pcs) or which ones (pc elements)."));
	error_hint(err, "%s",
		   _("Write <book-session session=\"N\" pcs=\"4\"/> or "
		     "<book-session session=\"N\"><pc>host-name</pc>...</book-session>."));
	return -1;
}

static int book_session(struct runner *q, const struct xml_op *op, atelier_error *err)
{
	atelier_rows *rows;
	int rc;

	if (pcs_or_list(op, err) != 0)
		return -1;
	rows = atelier_book_session(q->h, number(op, "session", 0), (int)number(op, "pcs", 0),
				    op->pcs.n > 0 ? list(&op->pcs) : NULL, op->pcs.n, err);
	if (rows == NULL)
		return -1;
	done(q, op);
	while ((rc = atelier_rows_next(rows, err)) == 1)
		booking_element(&q->x, atelier_rows_get(rows, "booking_id"),
				atelier_rows_get(rows, "workstation"));
	atelier_rows_free(rows);
	return rc == 0 ? 0 : 1;
}

static int book_person(struct runner *q, const struct xml_op *op, atelier_error *err)
{
	const char *who = person(op, err);
	long long booking;
	char id[24];

	if (error_is_set(err) ||
	    atelier_book_person(q->h, op_attr(op, "workstation"), who, op_attr(op, "start"),
				op_attr(op, "end"), &booking, err) != 0)
		return -1;
	done(q, op);
	snprintf(id, sizeof(id), "%lld", booking);
	booking_element(&q->x, id, op_attr(op, "workstation"));
	return 0;
}

static int cancel_booking(struct runner *q, const struct xml_op *op, atelier_error *err)
{
	if (atelier_booking_cancel(q->h, number(op, "booking", 0), err) != 0)
		return -1;
	done(q, op);
	xw_start(&q->x, "done");
	xw_end(&q->x);
	return 0;
}

/* enrol and unenrol name a session or a course, not both. */
static int enrolment_target(const struct xml_op *op, int *is_course, long long *id,
			    atelier_error *err)
{
	long long session = number(op, "session", 0), course = number(op, "course", 0);

	if ((session > 0) == (course > 0)) {
		error_set(err, ATELIER_E_USAGE, "%s",
			  _("Name either a session or a course, not both."));
		error_hint(err, "%s", _("Give the attribute session=\"N\" or course=\"N\"."));
		return -1;
	}
	*is_course = course > 0;
	*id = course > 0 ? course : session;
	return 0;
}

typedef atelier_rows *(*enrolment_fn)(atelier *h, int is_course, long long id, const char *person,
				      atelier_error *err);
typedef void (*enrolment_row_fn)(struct xw *x, const atelier_rows *rows);

static void enrolment_element(struct xw *x, const atelier_rows *rows)
{
	xw_start(x, "enrolment");
	xw_attr(x, "number", atelier_rows_get(rows, "enrolment_id"));
	xw_attr(x, "status", atelier_rows_get(rows, "status"));
	xw_attr(x, "waitlist-rank", atelier_rows_get(rows, "waitlist_rank"));
	xw_end(x);
}

/* The person promoted is given by enrolment number only: the host knows
 * whose enrolment it is, and pseudonyms mean nothing to it. */
static void unenrolment_element(struct xw *x, const atelier_rows *rows)
{
	xw_start(x, "unenrolment");
	xw_attr(x, "cancelled", atelier_rows_get(rows, "cancelled_enrolment"));
	xw_attr(x, "promoted", atelier_rows_get(rows, "promoted_enrolment"));
	xw_end(x);
}

/* enrol and unenrol: a person, a session or a course, one element a row. */
static int enrolment_op(struct runner *q, const struct xml_op *op, enrolment_fn call,
			enrolment_row_fn element, atelier_error *err)
{
	const char *who = person(op, err);
	atelier_rows *rows;
	long long id;
	int is_course, rc;

	if (error_is_set(err) || enrolment_target(op, &is_course, &id, err) != 0)
		return -1;
	rows = call(q->h, is_course, id, who, err);
	if (rows == NULL)
		return -1;
	done(q, op);
	while ((rc = atelier_rows_next(rows, err)) == 1)
		element(&q->x, rows);
	atelier_rows_free(rows);
	return rc == 0 ? 0 : 1;
}

static int enrol(struct runner *q, const struct xml_op *op, atelier_error *err)
{
	return enrolment_op(q, op, atelier_enrol, enrolment_element, err);
}

static int unenrol(struct runner *q, const struct xml_op *op, atelier_error *err)
{
	return enrolment_op(q, op, atelier_unenrol, unenrolment_element, err);
}

static int attend(struct runner *q, const struct xml_op *op, atelier_error *err)
{
	const char *who = person(op, err);

	if (error_is_set(err) ||
	    atelier_attend(q->h, number(op, "session", 0), who, op_attr(op, "status"), err) != 0)
		return -1;
	done(q, op);
	xw_start(&q->x, "done");
	xw_end(&q->x);
	return 0;
}

static int fetch_report(struct runner *q, const struct xml_op *op, atelier_error *err)
{
	/* The network's threshold of small counts (not repeated in the response). */
	struct report_source src = { NULL, report_source_rows, 0 };
	const char *col[REPORT_COLUMNS];
	int rc;

	src.ctx = atelier_monthly_report(q->h, op_attr(op, "month"), op_attr(op, "site"), 0, err);
	if (src.ctx == NULL)
		return -1;
	rc = src.next(src.ctx, col, err);
	if (rc >= 0) {
		done(q, op);
		rc = xml_write_report(&q->x, false, op_attr(op, "month"), op_attr(op, "site"), &src,
				      col, rc, err) == 0
			     ? 0
			     : 1;
	}
	atelier_rows_free(src.ctx);
	return rc;
}

static const struct op_def {
	const char *name;
	op_fn run;
	bool needs_staff;
} OPS[] = {
	{ "open-ticket", open_ticket, true },
	{ "update-ticket", update_ticket, true },
	{ "move-ticket", move_ticket, true },
	{ "add-workshop", add_workshop, true },
	{ "schedule-session", schedule_session, true },
	{ "schedule-series", schedule_series, true },
	{ "schedule-course", schedule_course, true },
	{ "cancel-session", cancel_session, true },
	{ "list-sessions", list_sessions, true },
	{ "book-session", book_session, true },
	{ "book-person", book_person, true },
	{ "cancel-booking", cancel_booking, true },
	{ "enrol", enrol, true },
	{ "unenrol", unenrol, true },
	{ "attend", attend, true },
	{ "fetch-report", fetch_report, false },
};

/* ---- the staff session and the loop ----------------------------------- */

static int open_session(struct runner *q, atelier_error *err)
{
	char token[ATELIER_TOKEN_LEN + 8];
	const char *p[1] = { q->staff };

	if (q->session_tried) {
		*err = q->session_failure.e;
		return error_is_set(err) ? -1 : 0;
	}
	q->session_tried = true;
	if (q->staff[0] == '\0') {
		error_set(err, ATELIER_E_AUTH, "%s",
			  _("This operation needs the staff member on whose behalf it is done."));
		error_hint(err, "%s",
			   _("Name them in the request: <request staff=\"login\" ...>."));
	} else if (exec_scalar(q->h, SQL_SESSION_OPEN, 1, p, token, sizeof(token), err) == 0) {
		if (strlen(token) == ATELIER_TOKEN_LEN)
			memcpy(q->h->token, token, ATELIER_TOKEN_LEN + 1);
		else
			error_set(err, ATELIER_E_INTERNAL, "%s",
				  _("The database returned no staff session."));
	}
	q->session_failure.e = *err;
	return error_is_set(err) ? -1 : 0;
}

static int run_op(void *ctx, const struct xml_op *op, struct xml_failure *f)
{
	struct runner *q = ctx;
	const struct op_def *def = NULL;
	atelier_error err;
	size_t i;
	int rc;

	(void)f;
	atelier_error_clear(&err);
	for (i = 0; i < sizeof(OPS) / sizeof(OPS[0]); i++)
		if (strcmp(OPS[i].name, op->name) == 0)
			def = &OPS[i];
	if (def == NULL) {
		error_set(&err, ATELIER_E_INTERNAL, _("Unknown operation %s."), op->name);
		rc = -1;
	} else if (def->needs_staff && open_session(q, &err) != 0) {
		rc = -1;
	} else {
		rc = def->run(q, op, &err);
	}
	if (rc < 0) {
		xw_start(&q->x, "result");
		xw_attr(&q->x, "op", op->id);
		xw_attr(&q->x, "status", "failed");
	}
	if (rc != 0) {
		xw_error(&q->x, &err, 0);
		if (q->failed++ == 0) {
			q->first->e = err;
			q->first->line = op->line;
		}
	}
	xw_end(&q->x);
	return 0;
}

static void close_session(struct runner *q)
{
	const char *p[1] = { q->h->token };
	atelier_error ignored;

	if (q->h->token[0] != '\0' && strcmp(q->h->token, q->saved_token) != 0)
		(void)exec_scalar(q->h, SQL_SESSION_CLOSE, 1, p, NULL, 0, &ignored);
	memcpy(q->h->token, q->saved_token, sizeof(q->saved_token));
	explicit_bzero(q->saved_token, sizeof(q->saved_token));
}

/* Carries out every operation (the reader is on the request's root), writing
 * one result each to results.  failed receives how many failed and first the
 * first failure.  -1 only when the document could not be read to its end or
 * the results could not be written. */
int xml_request_run(atelier *h, xmlTextReaderPtr r, struct xml_errors *errs,
		    const char *schema_path, const atelier_secret *secret, FILE *results,
		    int *failed, struct xml_failure *first, struct xml_failure *f)
{
	struct runner q;
	struct op_sink sink = { &q, run_op };
	int rc;

	memset(&q, 0, sizeof(q));
	q.h = h;
	q.first = first;
	memcpy(q.saved_token, h->token, sizeof(q.saved_token));
	if (xw_open(&q.x, results, false) != 0) {
		error_set(&f->e, ATELIER_E_INTERNAL, "%s", _("Out of memory."));
		xw_close(&q.x, NULL);
		return -1;
	}
	rc = xml_request_read(r, errs, schema_path, secret, &sink, &q.staff, f);
	close_session(&q);
	if (xw_close(&q.x, rc == 0 ? &f->e : NULL) != 0)
		rc = -1;
	*failed = q.failed;
	return rc;
}
