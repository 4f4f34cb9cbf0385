/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * ops_ticket.c - helpdesk tickets.
 */
#include <stdlib.h>

#include "internal.h"

static const char *const SQL_OPEN =
	"SELECT atelier.ticket_open($1::uuid, $2, $3::text[], $4, $5, $6,"
	"                           $7, $8::integer, $9, $10::text[])";
static const char *const SQL_UPDATE =
	"SELECT atelier.ticket_update($1::uuid, $2::bigint, $3::text[], $4::text[], $5, $6, $7,"
	"                             $8::integer, $9, $10)";
static const char *const SQL_MOVE =
	"SELECT atelier.ticket_move($1::uuid, $2::bigint, $3, $4, $5, $6::integer)";
static const char *const SQL_LIST =
	"SELECT ticket_id, site, opened_at, opened_by, state, themes, place, minutes, anonymous"
	"  FROM atelier.ticket_list($1::uuid, $2, $3, $4::timestamptz, $5::timestamptz, $6::integer)";
static const char *const SQL_SHOW = "SELECT * FROM atelier.ticket_show($1::uuid, $2::bigint)";
static const char *const SQL_TIMELINE =
	"SELECT * FROM atelier.ticket_timeline($1::uuid, $2::bigint)";

/* The caller's spec read by the ABI rule (see struct_in()) into *t. */
static int spec_in(atelier_ticket_spec *t, const atelier_ticket_spec *spec, atelier_error *err)
{
	return STRUCT_IN(atelier_ticket_spec, clear_procedures, ATELIER_TICKET_SPEC_INIT, t, spec,
			 err);
}

/* The two text[] parameters of a ticket, or NULL for "leave as is". */
struct ticket_arrays {
	char *themes;
	char *procedures;
};

static int arrays_build(const atelier_ticket_spec *t, bool for_update, struct ticket_arrays *a,
			atelier_error *err)
{
	static const char *const none[1] = { NULL };

	a->themes = NULL;
	a->procedures = NULL;
	if (t->nthemes > 0 || !for_update)
		a->themes = pg_text_array(t->themes, t->nthemes);
	if (t->nprocedures > 0 || (for_update && t->clear_procedures))
		a->procedures =
			pg_text_array(t->nprocedures > 0 ? t->procedures : none, t->nprocedures);
	if ((a->themes == NULL && (t->nthemes > 0 || !for_update)) ||
	    (a->procedures == NULL &&
	     (t->nprocedures > 0 || (for_update && t->clear_procedures)))) {
		free(a->themes);
		free(a->procedures);
		error_set(err, ATELIER_E_INTERNAL, "%s", _("Out of memory."));
		return -1;
	}
	return 0;
}

int atelier_ticket_open(atelier *h, const atelier_ticket_spec *spec, long long *id,
			atelier_error *err)
{
	const char *token = require_session(h, err);
	atelier_ticket_spec t;
	struct ticket_arrays a;
	numbuf mins;
	int rc;

	if (token == NULL)
		return -1;
	if (spec == NULL) {
		error_set(err, ATELIER_E_USAGE, "%s", _("No ticket was described."));
		return -1;
	}
	if (spec_in(&t, spec, err) != 0 || arrays_build(&t, false, &a, err) != 0)
		return -1;
	{
		const char *p[] = { token,       t.site,
				    a.themes,    t.place,
				    t.equipment, t.workstation,
				    t.person,    param_int_or_null(mins, t.minutes, -1),
				    t.notes,     a.procedures };

		rc = id_call(h, SQL_OPEN, 10, p, id, err);
	}
	free(a.themes);
	free(a.procedures);
	return rc;
}

int atelier_ticket_update(atelier *h, long long id, const atelier_ticket_spec *spec,
			  atelier_error *err)
{
	const char *token = require_session(h, err);
	atelier_ticket_spec t;
	struct ticket_arrays a;
	numbuf idtext, mins;
	int rc;

	if (token == NULL)
		return -1;
	if (spec == NULL) {
		error_set(err, ATELIER_E_USAGE, "%s", _("No change was described."));
		return -1;
	}
	if (spec_in(&t, spec, err) != 0 || arrays_build(&t, true, &a, err) != 0)
		return -1;
	{
		const char *p[] = { token,         param_ll(idtext, id),
				    a.themes,      a.procedures,
				    t.place,       t.equipment,
				    t.workstation, param_int_or_null(mins, t.minutes, -1),
				    t.notes,       t.autonomy };

		rc = exec_scalar(h, SQL_UPDATE, 10, p, NULL, 0, err);
	}
	free(a.themes);
	free(a.procedures);
	return rc;
}

int atelier_ticket_move(atelier *h, long long id, const char *state, const char *referral,
			const char *autonomy, int minutes, atelier_error *err)
{
	const char *token = require_session(h, err);
	numbuf idtext, mins;

	if (token == NULL)
		return -1;
	{
		const char *p[] = { token,    param_ll(idtext, id),
				    state,    referral,
				    autonomy, param_int_or_null(mins, minutes, -1) };

		return exec_scalar(h, SQL_MOVE, 6, p, NULL, 0, err);
	}
}

atelier_rows *atelier_ticket_list(atelier *h, const char *site, const char *state, const char *from,
				  const char *to, int limit, atelier_error *err)
{
	const char *token = require_session(h, err);
	numbuf lim;

	if (token == NULL)
		return NULL;
	{
		/* NULL: the database's default. */
		const char *p[] = { token, site, state,
				    from,  to,   limit > 0 ? param_ll(lim, limit) : NULL };

		return exec_rows(h, SQL_LIST, 6, p, err);
	}
}

atelier_rows *atelier_ticket_show(atelier *h, long long id, atelier_error *err)
{
	return token_id_rows(h, SQL_SHOW, id, err);
}

atelier_rows *atelier_ticket_timeline(atelier *h, long long id, atelier_error *err)
{
	return token_id_rows(h, SQL_TIMELINE, id, err);
}
