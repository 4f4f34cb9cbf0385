/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * ops_lists.c - reference lists and the catalogue, for any role.
 */
#include "internal.h"

static const char *const SQL_TERMS =
	"SELECT code, label_fr, label_en, label, site, with_procedures FROM atelier.term_list($1, $2)";
static const char *const SQL_SITES =
	"SELECT code, name, city, time_zone, active, workstations FROM atelier.site_list()";
static const char *const SQL_WORKSHOPS =
	"SELECT code, title, level, default_minutes, themes, description, active"
	"  FROM atelier.workshop_list()";

atelier_rows *atelier_term_list(atelier *h, const char *vocabulary, const char *site,
				atelier_error *err)
{
	const char *p[] = { vocabulary, site };

	atelier_error_clear(err);
	return exec_rows(h, SQL_TERMS, 2, p, err);
}

atelier_rows *atelier_site_list(atelier *h, atelier_error *err)
{
	atelier_error_clear(err);
	return exec_rows(h, SQL_SITES, 0, NULL, err);
}

atelier_rows *atelier_workshop_list(atelier *h, atelier_error *err)
{
	atelier_error_clear(err);
	return exec_rows(h, SQL_WORKSHOPS, 0, NULL, err);
}
