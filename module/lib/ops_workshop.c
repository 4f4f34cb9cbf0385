/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * ops_workshop.c - the catalogue and scheduling: one session, a series, a
 * course.
 */
#include <stdlib.h>

#include "internal.h"

static const char *const SQL_WORKSHOP_ADD =
	"SELECT atelier.workshop_add($1::uuid, $2, $3, $4, $5::integer, $6::text[], $7)";
static const char *const SQL_SESSION =
	"SELECT atelier.session_schedule($1::uuid, $2, $3, $4::timestamptz, $5::integer,"
	"                                $6::integer, $7, $8, $9) AS session_id";
static const char *const SQL_SESSION_ROW =
	"SELECT s.session_id, s.starts_at, s.ends_at"
	"  FROM atelier.session_list($1::uuid, NULL, '-infinity', 'infinity') s"
	" WHERE s.session_id = $2::bigint";
static const char *const SQL_SERIES =
	"SELECT session_id, starts_at, ends_at"
	"  FROM atelier.series_schedule($1::uuid, $2, $3, $4::timestamptz, $5::integer,"
	"       $6::integer, $7::integer, $8::date, $9::integer, $10, $11, $12)";
static const char *const SQL_COURSE =
	"SELECT course_id, session_id, course_position, starts_at, ends_at"
	"  FROM atelier.course_schedule($1::uuid, $2, $3, $13, $4::timestamptz, $5::integer,"
	"       $6::integer, $7::integer, $8::date, $9::integer, $10, $11, $12)";
static const char *const SQL_CANCEL = "SELECT atelier.session_cancel($1::uuid, $2::bigint)";
static const char *const SQL_LIST =
	"SELECT * FROM atelier.session_list($1::uuid, $2, $3::timestamptz, $4::timestamptz)";

int atelier_workshop_add(atelier *h, const atelier_workshop_spec *spec, long long *id,
			 atelier_error *err)
{
	const char *token = require_session(h, err);
	atelier_workshop_spec w;
	numbuf mins;
	char *themes;
	int rc;

	if (token == NULL)
		return -1;
	if (spec == NULL) {
		error_set(err, ATELIER_E_USAGE, "%s", _("No workshop was described."));
		return -1;
	}
	if (STRUCT_IN(atelier_workshop_spec, description, ATELIER_WORKSHOP_SPEC_INIT, &w, spec,
		      err) != 0)
		return -1;
	themes = pg_text_array(w.themes, w.nthemes);
	if (themes == NULL) {
		error_set(err, ATELIER_E_INTERNAL, "%s", _("Out of memory."));
		return -1;
	}
	{
		const char *p[] = { token,
				    w.code,
				    w.title,
				    w.level,
				    param_int_or_null(mins, w.minutes, 0),
				    themes,
				    w.description };

		rc = id_call(h, SQL_WORKSHOP_ADD, 7, p, id, err);
	}
	free(themes);
	return rc;
}

/* The caller's schedule read by the ABI rule (see struct_in()) into *s. */
static int schedule_in(atelier_schedule_spec *s, const atelier_schedule_spec *spec,
		       atelier_error *err)
{
	if (spec == NULL) {
		error_set(err, ATELIER_E_USAGE, "%s", _("No session was described."));
		return -1;
	}
	return STRUCT_IN(atelier_schedule_spec, title, ATELIER_SCHEDULE_SPEC_INIT, s, spec, err);
}

atelier_rows *atelier_session_schedule(atelier *h, const atelier_schedule_spec *spec,
				       atelier_error *err)
{
	const char *token = require_session(h, err);
	atelier_schedule_spec s;
	numbuf cap, mins, idtext;
	long long id;

	if (token == NULL || schedule_in(&s, spec, err) != 0)
		return NULL;
	{
		const char *p[] = { token,
				    s.workshop,
				    s.site,
				    s.starts,
				    param_ll(cap, s.capacity),
				    param_int_or_null(mins, s.minutes, 0),
				    s.room,
				    s.facilitator,
				    s.partner };

		if (id_call(h, SQL_SESSION, 9, p, &id, err) != 0)
			return NULL;
	}
	{
		const char *p[] = { token, param_ll(idtext, id) };

		return exec_rows(h, SQL_SESSION_ROW, 2, p, err);
	}
}

/* A series (12 parameters) or a course (13: its title last). */
static atelier_rows *schedule_many(atelier *h, const char *sql, int nparams,
				   const atelier_schedule_spec *spec, atelier_error *err)
{
	const char *token = require_session(h, err);
	atelier_schedule_spec s;
	numbuf cap, every, count, mins;

	if (token == NULL || schedule_in(&s, spec, err) != 0)
		return NULL;
	{
		const char *p[] = { token,
				    s.workshop,
				    s.site,
				    s.starts,
				    param_ll(cap, s.capacity),
				    param_ll(every, s.every_days),
				    param_int_or_null(count, s.count, 0),
				    s.until,
				    param_int_or_null(mins, s.minutes, 0),
				    s.room,
				    s.facilitator,
				    s.partner,
				    s.title };

		return exec_rows(h, sql, nparams, p, err);
	}
}

atelier_rows *atelier_series_schedule(atelier *h, const atelier_schedule_spec *spec,
				      atelier_error *err)
{
	return schedule_many(h, SQL_SERIES, 12, spec, err);
}

atelier_rows *atelier_course_schedule(atelier *h, const atelier_schedule_spec *spec,
				      atelier_error *err)
{
	return schedule_many(h, SQL_COURSE, 13, spec, err);
}

int atelier_session_cancel(atelier *h, long long session, int *freed, atelier_error *err)
{
	const char *token = require_session(h, err);
	numbuf id;
	long long n = 0;

	if (token == NULL)
		return -1;
	{
		const char *p[] = { token, param_ll(id, session) };

		if (id_call(h, SQL_CANCEL, 2, p, &n, err) != 0)
			return -1;
	}
	if (freed != NULL)
		*freed = (int)n;
	return 0;
}

atelier_rows *atelier_session_list(atelier *h, const char *site, const char *from, const char *to,
				   atelier_error *err)
{
	const char *token = require_session(h, err);

	if (token == NULL)
		return NULL;
	{
		const char *p[] = { token, site, from, to };

		return exec_rows(h, SQL_LIST, 4, p, err);
	}
}
