/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * session_file.h - the staff session saved between runs of the command:
 * $XDG_RUNTIME_DIR/atelier/session, else ~/.cache/atelier/session.
 */
#ifndef ATELIER_CLI_SESSION_FILE_H
#define ATELIER_CLI_SESSION_FILE_H

#include "atelier.h"

#define SESSION_LOGIN_MAX 256

struct saved_session {
	char token[ATELIER_TOKEN_LEN + 1];
	char login[SESSION_LOGIN_MAX];
	long long expires; /* epoch seconds */
	char db[65];       /* session_db_hash() of the connection it is for */
};

/* Reads the saved session.  Returns 1 when there is one, 0 when there is
 * none or it is refused (a warning then says why: wrong owner, readable by
 * others, a link, damaged). */
int session_load(struct saved_session *s);

/* Saves s atomically (a new file renamed over the old one), mode 0600 in a
 * directory of mode 0700.  0, or -1 with err filled. */
int session_save(const struct saved_session *s, atelier_error *err);

/* Deletes the saved session; 0 also when there was none, -1 with err. */
int session_remove(atelier_error *err);

/* A digest of the connection settings (conninfo and the PG* variables that
 * choose the database), so a session is never offered to another database. */
void session_db_hash(const char *conninfo, char out[65]);

#endif
