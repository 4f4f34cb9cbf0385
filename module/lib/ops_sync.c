/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * ops_sync.c - what the host system keeps up to date (role atelier_admin).
 */
#include <stdlib.h>

#include "internal.h"

static const char *const SQL_SITE = "SELECT atelier.site_upsert($1, $2, $3, $4, $5::boolean)";
static const char *const SQL_ROOM = "SELECT atelier.room_upsert($1, $2, $3, $4::boolean)";
static const char *const SQL_WORKSTATION =
	"SELECT atelier.workstation_upsert($1, $2, $3, $4, $5::boolean)";
static const char *const SQL_STAFF =
	"SELECT atelier.staff_upsert($1, $2, $3, $4::text[], $5::boolean)";
static const char *const SQL_PERSON = "SELECT atelier.person_upsert($1, $2, $3, $4, $5::date)";
static const char *const SQL_TERM =
	"SELECT atelier.term_upsert($1, $2, $3, $4, $5, $6::integer, $7::boolean)";

int atelier_site_upsert(atelier *h, const char *code, const char *name, const char *city,
			const char *time_zone, int active, char outcome[ATELIER_OUTCOME_LEN],
			atelier_error *err)
{
	const char *p[] = { code, name, city, time_zone, param_bool(active) };

	return outcome_call(h, SQL_SITE, 5, p, outcome, err);
}

int atelier_room_upsert(atelier *h, const char *site, const char *code, const char *name,
			int active, char outcome[ATELIER_OUTCOME_LEN], atelier_error *err)
{
	const char *p[] = { site, code, name, param_bool(active) };

	return outcome_call(h, SQL_ROOM, 4, p, outcome, err);
}

int atelier_workstation_upsert(atelier *h, const char *hostname, const char *site, const char *room,
			       const char *label, int active, char outcome[ATELIER_OUTCOME_LEN],
			       atelier_error *err)
{
	const char *p[] = { hostname, site, room, label, param_bool(active) };

	return outcome_call(h, SQL_WORKSTATION, 5, p, outcome, err);
}

int atelier_staff_upsert(atelier *h, const char *login, const char *display_name, const char *role,
			 const char *const *sites, size_t nsites, int active,
			 char outcome[ATELIER_OUTCOME_LEN], atelier_error *err)
{
	char *array = pg_text_array(sites, nsites);
	const char *p[] = { login, display_name, role, array, param_bool(active) };
	int rc;

	if (array == NULL) {
		error_set(err, ATELIER_E_INTERNAL, "%s", _("Out of memory."));
		return -1;
	}
	rc = outcome_call(h, SQL_STAFF, 5, p, outcome, err);
	free(array);
	return rc;
}

int atelier_person_upsert(atelier *h, const char *pseudonym, const char *age_bracket,
			  const char *social_status, const char *postcode, const char *first_visit,
			  char outcome[ATELIER_OUTCOME_LEN], atelier_error *err)
{
	const char *p[] = { pseudonym, age_bracket, social_status, postcode, first_visit };

	return outcome_call(h, SQL_PERSON, 5, p, outcome, err);
}

int atelier_term_upsert(atelier *h, const char *vocabulary, const char *code, const char *label_fr,
			const char *label_en, const char *site, int position, int active,
			char outcome[ATELIER_OUTCOME_LEN], atelier_error *err)
{
	numbuf pos;
	const char *p[] = { vocabulary,        code, label_fr,
			    label_en,          site, param_ll(pos, position),
			    param_bool(active) };

	return outcome_call(h, SQL_TERM, 7, p, outcome, err);
}
