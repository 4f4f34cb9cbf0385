/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * staff_handle.c - the command's handle: opened once, acting as the saved
 * staff session (or logging in again), and the pseudonym secret.  (The
 * connection itself is the library's, module/lib/connect.c.)
 */
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "diagnostics.h"
#include "output.h"
#include "prompt.h"
#include "session_file.h"
#include "staff_handle.h"

#define LOGIN_TRIES 3

int cli_open(struct cli *c)
{
	atelier_settings s = ATELIER_SETTINGS_INIT;
	atelier_error err;

	if (c->h != NULL)
		return EXIT_DONE;
	s.conninfo = c->db;
	c->h = atelier_open(&s, &err);
	return c->h != NULL ? EXIT_DONE : report_error(&err);
}

const char *cli_current_user(void)
{
	struct passwd *pw = getpwuid(geteuid());
	const char *name = pw != NULL ? pw->pw_name : getenv("USER");

	return name != NULL ? name : "";
}

/* The session's end as the database says it, in epoch seconds; a guess of
 * `minutes` from now if it cannot be read. */
static long long session_expiry(struct cli *c, int minutes)
{
	atelier_error err;
	atelier_rows *rows = atelier_whoami(c->h, &err);
	long long expires = (long long)time(NULL) + 60LL * (minutes > 0 ? minutes : 480);
	time_t t;

	if (rows != NULL && atelier_rows_next(rows, &err) == 1 &&
	    time_parse(atelier_rows_get(rows, "expires_at"), &t) == 0)
		expires = (long long)t;
	atelier_rows_free(rows);
	return expires;
}

/* Logs in; on success saves the session (a failure to save is only a
 * warning: this run can go on).  Fills err on failure. */
static int login_and_save(struct cli *c, const char *login, const char *password, int minutes,
			  long long *expires, atelier_error *err)
{
	struct saved_session s;
	atelier_error save_err;

	if (atelier_login(c->h, login, password, minutes, err) != 0)
		return -1;
	memset(&s, 0, sizeof(s));
	snprintf(s.token, sizeof(s.token), "%s", atelier_token(c->h));
	snprintf(s.login, sizeof(s.login), "%s", login);
	s.expires = session_expiry(c, minutes);
	session_db_hash(c->db, s.db);
	if (session_save(&s, &save_err) != 0)
		report_warning("%s", save_err.message);
	if (expires != NULL)
		*expires = s.expires;
	explicit_bzero(&s, sizeof(s));
	return 0;
}

int cli_login_with(struct cli *c, const char *login, const char *password, int minutes,
		   long long *expires)
{
	atelier_error err;
	int rc = cli_open(c);

	if (rc != EXIT_DONE)
		return rc;
	if (login_and_save(c, login, password, minutes, expires, &err) != 0)
		return report_error(&err);
	return EXIT_DONE;
}

int cli_login_asking(struct cli *c, const char *login, int minutes, long long *expires)
{
	char password[PROMPT_PASSWORD_MAX];
	atelier_error err;
	int rc = cli_open(c), tries;

	if (rc != EXIT_DONE)
		return rc;
	for (tries = 1; tries <= LOGIN_TRIES; tries++) {
		if (prompt_password(login, password, sizeof(password)) != 0) {
			report_set(
				&err, ATELIER_E_AUTH,
				_("Log in from a terminal, or use: atelier login --password-stdin"),
				"%s", _("No password was typed."));
			return report_error(&err);
		}
		rc = login_and_save(c, login, password, minutes, expires, &err);
		explicit_bzero(password, sizeof(password));
		if (rc == 0)
			return EXIT_DONE;
		/* Only a mistyped password is worth another try. */
		if (err.category != ATELIER_E_AUTH ||
		    strcmp(err.message, _("Wrong login or password.")) != 0 || tries == LOGIN_TRIES)
			break;
		fprintf(stderr, "%s\n", err.message);
	}
	return report_error(&err);
}

int cli_staff(struct cli *c)
{
	struct saved_session s;
	atelier_error err;
	char db[65];
	int have, rc = cli_open(c);

	if (rc != EXIT_DONE || atelier_token(c->h) != NULL)
		return rc;
	session_db_hash(c->db, db);
	have = session_load(&s);
	if (have && strcmp(s.db, db) == 0 && s.expires > (long long)time(NULL)) {
		rc = atelier_resume(c->h, s.token, &err);
		if (rc == 0 || err.category != ATELIER_E_AUTH) {
			explicit_bzero(&s, sizeof(s));
			return rc == 0 ? EXIT_DONE : report_error(&err);
		}
	}
	explicit_bzero(s.token, sizeof(s.token));
	if (!prompt_interactive()) {
		report_set(
			&err, ATELIER_E_AUTH, NULL, "%s",
			_("You are not logged in (or your session expired): run atelier login."));
		return report_error(&err);
	}
	fprintf(stderr, "%s\n", _("You are not logged in, or your session expired."));
	return cli_login_asking(c, have ? s.login : cli_current_user(), 0, NULL);
}

int cli_pseudonym(struct cli *c, const char *patron_id, char out[ATELIER_PSEUDONYM_LEN + 1])
{
	char why[512];
	atelier_error err;

	if (patron_id == NULL || patron_id[0] == '\0')
		return report_usage(c, "%s", _("The person's card number is empty."));
	if (c->secret == NULL) {
		c->secret = atelier_secret_load(c->secret_path, why, sizeof(why));
		if (c->secret == NULL) {
			report_set(
				&err, ATELIER_E_USAGE,
				_("Ask your administrator; the file is set with --secret or ATELIER_SECRET."),
				"%s", why);
			return report_error(&err);
		}
	}
	if (atelier_secret_pseudonym(c->secret, patron_id, out) != 0) {
		report_set(&err, ATELIER_E_INTERNAL, NULL, "%s",
			   _("The person's pseudonym could not be computed."));
		return report_error(&err);
	}
	return EXIT_DONE;
}

void cli_close(struct cli *c)
{
	atelier_secret_free(c->secret);
	c->secret = NULL;
	atelier_close(c->h);
	c->h = NULL;
}
