/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * ops_enrol.c - enrolment in a session or a course, the waitlist, and
 * attendance.
 */
#include "internal.h"

static const char *const SQL_ENROL[2] = {
	"SELECT enrolment_id, status, waitlist_rank FROM atelier.enrol($1::uuid, $2::bigint, $3)",
	"SELECT enrolment_id, status, waitlist_rank FROM atelier.enrol_course($1::uuid, $2::bigint, $3)",
};
static const char *const SQL_UNENROL[2] = {
	"SELECT cancelled_enrolment, promoted_enrolment, promoted_person"
	"  FROM atelier.unenrol($1::uuid, $2::bigint, $3)",
	"SELECT cancelled_enrolment, promoted_enrolment, promoted_person"
	"  FROM atelier.unenrol_course($1::uuid, $2::bigint, $3)",
};
static const char *const SQL_ATTEND = "SELECT atelier.attend($1::uuid, $2::bigint, $3, $4)";
static const char *const SQL_ROSTER =
	"SELECT person, status, waitlist_rank, attendance, enrolled_at"
	"  FROM atelier.session_roster($1::uuid, $2::bigint)";

/* The three-parameter calls above differ only in their statement. */
static atelier_rows *token_id_text(atelier *h, const char *sql, long long id, const char *text,
				   atelier_error *err)
{
	const char *token = require_session(h, err);
	numbuf idtext;

	if (token == NULL)
		return NULL;
	{
		const char *p[] = { token, param_ll(idtext, id), text };

		return exec_rows(h, sql, 3, p, err);
	}
}

atelier_rows *atelier_enrol(atelier *h, int is_course, long long id, const char *person,
			    atelier_error *err)
{
	return token_id_text(h, SQL_ENROL[is_course ? 1 : 0], id, person, err);
}

atelier_rows *atelier_unenrol(atelier *h, int is_course, long long id, const char *person,
			      atelier_error *err)
{
	return token_id_text(h, SQL_UNENROL[is_course ? 1 : 0], id, person, err);
}

int atelier_attend(atelier *h, long long session, const char *person, const char *status,
		   atelier_error *err)
{
	const char *token = require_session(h, err);
	numbuf id;

	if (token == NULL)
		return -1;
	{
		const char *p[] = { token, param_ll(id, session), person, status };

		return exec_scalar(h, SQL_ATTEND, 4, p, NULL, 0, err);
	}
}

atelier_rows *atelier_session_roster(atelier *h, long long session, atelier_error *err)
{
	return token_id_rows(h, SQL_ROSTER, session, err);
}
