/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * site.h - which site a command acts on.
 */
#ifndef ATELIER_CLI_SITE_H
#define ATELIER_CLI_SITE_H

#include <stdbool.h>
#include <stddef.h>

#include "cli.h"

#define SITE_CODE_MAX 128

/* The --site given, else ATELIER_SITE, else the only site the database
 * lets the staff member act on (atelier_my_sites); when it lets them act on
 * several: a numbered list with ask, a usage error naming them without.
 * Needs a staff session.  Returns an exit code. */
int cli_site(struct cli *c, const char *given, bool ask, char out[SITE_CODE_MAX]);

/* The --site given, else ATELIER_SITE, else NULL (all sites). */
const char *cli_site_filter(const char *given);

#endif
