/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * ops_sites.c - the sites a staff member may act on, as the database's
 * require_site sees them (a coordinator or an administrator: every site).
 */
#include "internal.h"

static const char *const SQL_MY_SITES = "SELECT code, name FROM atelier.my_sites($1::uuid)";

atelier_rows *atelier_my_sites(atelier *h, atelier_error *err)
{
	const char *token = require_session(h, err);

	if (token == NULL)
		return NULL;
	return exec_rows(h, SQL_MY_SITES, 1, &token, err);
}
