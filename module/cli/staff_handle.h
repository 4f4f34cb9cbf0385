/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * staff_handle.h - the handle behind a command: opened from the global
 * options, acting as the saved staff session (or logging in again), and
 * the secret that turns patron ids into pseudonyms.
 *
 * Each function reports its own failure on stderr and returns the exit
 * code (0 when all went well), so a command just passes it on.
 */
#ifndef ATELIER_CLI_STAFF_HANDLE_H
#define ATELIER_CLI_STAFF_HANDLE_H

#include "cli.h"

/* Opens the connection (once per run). */
int cli_open(struct cli *c);

/* Opens the connection and acts as the saved staff session; when there is
 * none or it expired, asks for the password on a terminal, or fails with
 * EXIT_AUTH when there is no terminal. */
int cli_staff(struct cli *c);

/* Logs login in through PAM, asking for the password on /dev/tty (up to
 * three tries), and saves the session.  expires may be NULL. */
int cli_login_asking(struct cli *c, const char *login, int minutes, long long *expires);

/* Logs login in with a password the caller holds, and saves the session. */
int cli_login_with(struct cli *c, const char *login, const char *password, int minutes,
		   long long *expires);

/* The login of the person running the command ("" when unknown). */
const char *cli_current_user(void);

/* The pseudonym of a patron id typed at the desk, with the secret file. */
int cli_pseudonym(struct cli *c, const char *patron_id, char out[ATELIER_PSEUDONYM_LEN + 1]);

/* Closes the handle and wipes the secret. */
void cli_close(struct cli *c);

#endif
