/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * ops_booking.c - booking PCs for a session or for one person.
 */
#include <stdlib.h>

#include "internal.h"

static const char *const SQL_BOOK_SESSION =
	"SELECT booking_id, workstation"
	"  FROM atelier.book_session($1::uuid, $2::bigint, $3::integer, $4::text[])";
static const char *const SQL_BOOK_PERSON =
	"SELECT atelier.book_person($1::uuid, $2, $3, $4::timestamptz, $5::timestamptz)";
static const char *const SQL_CANCEL = "SELECT atelier.booking_cancel($1::uuid, $2::bigint)";
static const char *const SQL_BOOKINGS = "SELECT booking_id, workstation, label, starts_at, ends_at"
					"  FROM atelier.session_bookings($1::uuid, $2::bigint)";

atelier_rows *atelier_book_session(atelier *h, long long session, int count, const char *const *pcs,
				   size_t npcs, atelier_error *err)
{
	const char *token = require_session(h, err);
	numbuf id, n;
	char *names = NULL;
	atelier_rows *rows;

	if (token == NULL)
		return NULL;
	if (pcs != NULL) {
		names = pg_text_array(pcs, npcs);
		if (names == NULL) {
			error_set(err, ATELIER_E_INTERNAL, "%s", _("Out of memory."));
			return NULL;
		}
	}
	{
		const char *p[] = { token, param_ll(id, session),
				    pcs != NULL ? NULL : param_ll(n, count), names };

		rows = exec_rows(h, SQL_BOOK_SESSION, 4, p, err);
	}
	free(names);
	return rows;
}

int atelier_book_person(atelier *h, const char *workstation, const char *person, const char *starts,
			const char *ends, long long *booking, atelier_error *err)
{
	const char *token = require_session(h, err);

	if (token == NULL)
		return -1;
	{
		const char *p[] = { token, workstation, person, starts, ends };

		return id_call(h, SQL_BOOK_PERSON, 5, p, booking, err);
	}
}

int atelier_booking_cancel(atelier *h, long long booking, atelier_error *err)
{
	const char *token = require_session(h, err);
	numbuf id;

	if (token == NULL)
		return -1;
	{
		const char *p[] = { token, param_ll(id, booking) };

		return exec_scalar(h, SQL_CANCEL, 2, p, NULL, 0, err);
	}
}

atelier_rows *atelier_session_bookings(atelier *h, long long session, atelier_error *err)
{
	return token_id_rows(h, SQL_BOOKINGS, session, err);
}
