/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * ops_workstation.c - what a public PC may do (role atelier_workstation).
 */
#include "internal.h"

static const char *const SQL_EVENT =
	"SELECT atelier.record_usage_event($1::uuid, $2, $3, $4, $5::timestamptz, $6::uuid)";
static const char *const SQL_ACCESS =
	"SELECT allowed, reason, workshop, starts_at, ends_at"
	"  FROM atelier.check_access($1, $2, $3, COALESCE($4::timestamptz, pg_catalog.now()),"
	"                            $5::integer)";

int atelier_record_usage_event(atelier *h, const char *event, const char *kind,
			       const char *workstation, const char *login_key, const char *at,
			       const char *start_event, char outcome[ATELIER_OUTCOME_LEN],
			       atelier_error *err)
{
	const char *p[] = { event, kind, workstation, login_key, at, start_event };

	return outcome_call(h, SQL_EVENT, 6, p, outcome, err);
}

atelier_rows *atelier_check_access(atelier *h, const char *workstation, const char *login_key,
				   const char *staff_login, const char *at, int grace_minutes,
				   atelier_error *err)
{
	numbuf grace;
	/* NULL: the database's default grace. */
	const char *p[] = { workstation, login_key, staff_login, at,
			    grace_minutes >= 0 ? param_ll(grace, grace_minutes) : NULL };

	atelier_error_clear(err);
	return exec_rows(h, SQL_ACCESS, 5, p, err);
}
