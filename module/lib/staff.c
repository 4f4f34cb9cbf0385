/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * staff.c - staff login, and the staff session that follows it.
 *
 * Who the person is gets proved one of two ways, and the database says
 * which applies to this connection (atelier.trusted_service()):
 *  - the connection's login is a trusted service (atelier_service: the host
 *    system, a desk server): PAM decides here (pam_authenticate, then
 *    pam_acct_mgmt) and the service opens the session for the login;
 *  - any other login (a desk PC's shared librarian login): the person logs
 *    in to PostgreSQL as their own database role with their password
 *    (pg_hba.conf checks it: pam or ldap), and that connection opens the
 *    session for itself.  The token then serves on the handle's connection.
 * Either way the database decides whether they are atelier staff, and
 * records a staff session whose token every later call names.
 */
#include <security/pam_appl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static const char *const SQL_SESSION_OPEN = "SELECT atelier.staff_session_open($1, $2::integer)";
static const char *const SQL_TRUSTED = "SELECT atelier.trusted_service()";
/* The own-role connection speaks the handle's language and has its bound. */
static const char *const SQL_OWN_SETUP =
	"SELECT pg_catalog.set_config('statement_timeout', '15000', false),"
	"       pg_catalog.set_config('atelier.lang', $1, false)";

/* How long PostgreSQL may take to check a password (pam, ldap). */
#define OWN_LOGIN_BUDGET_MS 10000
static const char *const SQL_WHOAMI = "SELECT login FROM atelier.whoami($1::uuid)";
static const char *const SQL_WHOAMI_ROW =
	"SELECT login, display_name, role, expires_at, sites FROM atelier.whoami($1::uuid)";
static const char *const SQL_SESSION_CLOSE = "SELECT atelier.staff_session_close($1::uuid)";

struct conv_data {
	const char *login;
	const char *password;
	char said[256]; /* what PAM told the person (expired account, ...) */
};

static void free_responses(struct pam_response *resp, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		if (resp[i].resp != NULL) {
			explicit_bzero(resp[i].resp, strlen(resp[i].resp));
			free(resp[i].resp);
		}
	}
	free(resp);
}

static void remember_said(struct conv_data *d, const char *text)
{
	size_t used = strlen(d->said);

	if (text == NULL || used + 2 >= sizeof(d->said))
		return;
	snprintf(d->said + used, sizeof(d->said) - used, "%s%s", used > 0 ? " " : "", text);
}

/* Answers password prompts with the password and name prompts with the
 * login; keeps what PAM says to the person for the error message. */
static int conversation(int n, const struct pam_message **msg, struct pam_response **resp,
			void *appdata)
{
	struct conv_data *d = appdata;
	struct pam_response *r;
	int i;

	if (n <= 0 || n > PAM_MAX_NUM_MSG)
		return PAM_CONV_ERR;
	r = calloc((size_t)n, sizeof(*r));
	if (r == NULL)
		return PAM_BUF_ERR;
	for (i = 0; i < n; i++) {
		const char *answer = NULL;

		switch (msg[i]->msg_style) {
		case PAM_PROMPT_ECHO_OFF:
			answer = d->password;
			break;
		case PAM_PROMPT_ECHO_ON:
			answer = d->login;
			break;
		case PAM_ERROR_MSG:
		case PAM_TEXT_INFO:
			remember_said(d, msg[i]->msg);
			continue;
		default:
			free_responses(r, n);
			return PAM_CONV_ERR;
		}
		r[i].resp = strdup(answer != NULL ? answer : "");
		if (r[i].resp == NULL) {
			free_responses(r, n);
			return PAM_BUF_ERR;
		}
	}
	*resp = r;
	return PAM_SUCCESS;
}

/* One sentence per PAM outcome; the same words for a wrong password and an
 * unknown user, so the message does not tell which logins exist. */
static void error_from_pam(atelier_error *err, int rc, bool account_phase, const char *said)
{
	switch (rc) {
	case PAM_ACCT_EXPIRED:
		error_set(err, ATELIER_E_AUTH, "%s", _("Your account has expired."));
		error_hint(err, "%s", _("Ask your administrator to renew it."));
		break;
	case PAM_NEW_AUTHTOK_REQD:
		error_set(err, ATELIER_E_AUTH, "%s", _("Your password has expired."));
		error_hint(err, "%s", _("Change it (passwd), then log in again."));
		break;
	case PAM_MAXTRIES:
		error_set(err, ATELIER_E_AUTH, "%s",
			  _("Too many failed attempts: the account is locked for now."));
		error_hint(err, "%s",
			   _("Wait a few minutes, or ask your administrator to unlock it."));
		break;
	case PAM_AUTHINFO_UNAVAIL:
	case PAM_SYSTEM_ERR:
	case PAM_BUF_ERR:
	case PAM_ABORT:
		error_set(err, ATELIER_E_UNAVAILABLE, "%s",
			  _("The login service is not available right now."));
		error_hint(err, "%s",
			   _("Try again in a moment; if it persists, call your administrator."));
		break;
	default:
		if (account_phase) {
			error_set(err, ATELIER_E_AUTH, "%s", _("Your account may not log in now."));
			error_hint(err, "%s",
				   _("Ask your administrator why (locked or restricted account)."));
		} else {
			error_set(err, ATELIER_E_AUTH, "%s", _("Wrong login or password."));
			error_hint(err, "%s", _("Type them again; mind the Caps Lock key."));
		}
		break;
	}
	if (err != NULL && said != NULL && said[0] != '\0')
		snprintf(err->detail, sizeof(err->detail), "%s", said);
}

static int pam_check(atelier *h, const char *login, const char *password, atelier_error *err)
{
	struct conv_data data = { .login = login, .password = password };
	struct pam_conv conv = { conversation, &data };
	pam_handle_t *pamh = NULL;
	bool account_phase = false;
	int rc;

	rc = pam_start(h->pam_service, login, &conv, &pamh);
	if (rc != PAM_SUCCESS) {
		error_from_pam(err, PAM_SYSTEM_ERR, false, NULL);
		return -1;
	}
	rc = pam_authenticate(pamh, PAM_DISALLOW_NULL_AUTHTOK);
	if (rc == PAM_SUCCESS) {
		account_phase = true;
		rc = pam_acct_mgmt(pamh, PAM_DISALLOW_NULL_AUTHTOK);
	}
	if (rc != PAM_SUCCESS)
		error_from_pam(err, rc, account_phase, data.said);
	pam_end(pamh, rc);
	explicit_bzero(data.said, sizeof(data.said));
	return rc == PAM_SUCCESS ? 0 : -1;
}

/* Opens the session on h's own connection: the service vouches for the
 * person, PAM having said yes. */
static int open_as_service(atelier *h, const char *login, const char *password, const char *mins,
			   char *token, size_t len, atelier_error *err)
{
	const char *params[2] = { login, mins };

	if (pam_check(h, login, password, err) != 0)
		return -1;
	return exec_scalar(h, SQL_SESSION_OPEN, 2, params, token, len, err);
}

/* The person's own database role refused or not allowed: say it the way a
 * wrong PAM password is said (same words for an unknown login). */
static void own_refusal(atelier_error *err)
{
	if (err == NULL)
		return;
	if (strcmp(err->sqlstate, "28P01") == 0) {
		error_set(err, ATELIER_E_AUTH, "%s", _("Wrong login or password."));
		error_hint(err, "%s", _("Type them again; mind the Caps Lock key."));
	} else if (strcmp(err->sqlstate, "42501") == 0) {
		error_set(err, ATELIER_E_FORBIDDEN, "%s",
			  _("Your database login may not open an atelier session."));
		error_hint(err, "%s",
			   _("Ask your administrator to grant atelier_librarian to "
			     "the database role named like your login."));
	}
}

/* Logs in to PostgreSQL as the person's own role with their password and
 * opens the session from there: the database then knows who authenticated. */
static int open_as_self(atelier *h, const char *login, const char *password, const char *mins,
			char *token, size_t len, atelier_error *err)
{
	const char *params[2] = { login, mins };
	const char *lang = h->lang;
	atelier own = { 0 };
	bool timed_out = false;
	int rc = -1;

	own.conn = connect_as_before_deadline(h->conn, login, password, OWN_LOGIN_BUDGET_MS,
					      &timed_out);
	if (own.conn == NULL || PQstatus(own.conn) != CONNECTION_OK) {
		error_from_conn(err, own.conn);
		if (timed_out && err != NULL)
			snprintf(err->detail, sizeof(err->detail), _("No answer within %d ms."),
				 OWN_LOGIN_BUDGET_MS);
		own_refusal(err);
	} else {
		memcpy(own.lang, h->lang, sizeof(own.lang));
		rc = exec_scalar(&own, SQL_OWN_SETUP, 1, &lang, NULL, 0, err);
		if (rc == 0)
			rc = exec_scalar(&own, SQL_SESSION_OPEN, 2, params, token, len, err);
		if (rc != 0)
			own_refusal(err);
	}
	if (own.conn != NULL)
		PQfinish(own.conn);
	return rc;
}

int atelier_login(atelier *h, const char *login, const char *password, int minutes,
		  atelier_error *err)
{
	char mins[16], trusted[8];
	bool is_trusted;
	char token[ATELIER_TOKEN_LEN + 8];
	int rc;

	atelier_error_clear(err);
	if (h == NULL || login == NULL || login[0] == '\0' || password == NULL) {
		error_set(err, ATELIER_E_USAGE, "%s", _("A login and a password are needed."));
		return -1;
	}
	/* 0: the database gives the longest the person's role allows. */
	snprintf(mins, sizeof(mins), "%d", minutes);
	if (exec_scalar(h, SQL_TRUSTED, 0, NULL, trusted, sizeof(trusted), err) != 0)
		return -1;
	if (atelier_value_bool(trusted, &is_trusted) == 1 && is_trusted)
		rc = open_as_service(h, login, password, minutes > 0 ? mins : NULL, token,
				     sizeof(token), err);
	else
		rc = open_as_self(h, login, password, minutes > 0 ? mins : NULL, token,
				  sizeof(token), err);
	if (rc != 0)
		return -1;
	if (strlen(token) != ATELIER_TOKEN_LEN) {
		error_set(err, ATELIER_E_INTERNAL, "%s",
			  _("The database returned no staff session."));
		return -1;
	}
	memcpy(h->token, token, ATELIER_TOKEN_LEN + 1);
	explicit_bzero(token, sizeof(token));
	return 0;
}

int atelier_resume(atelier *h, const char *token, atelier_error *err)
{
	atelier_error_clear(err);
	if (h == NULL || token == NULL || strlen(token) != ATELIER_TOKEN_LEN) {
		error_set(err, ATELIER_E_AUTH, "%s", _("You are not logged in."));
		error_hint(err, "%s", _("Log in first: atelier login"));
		return -1;
	}
	/* Only whether the session is live matters here, not the login it names. */
	if (exec_scalar(h, SQL_WHOAMI, 1, &token, NULL, 0, err) != 0) {
		/* A malformed token is just an unknown session to the person. */
		if (err != NULL && err->category == ATELIER_E_USAGE)
			err->category = ATELIER_E_AUTH;
		return -1;
	}
	memcpy(h->token, token, ATELIER_TOKEN_LEN + 1);
	return 0;
}

const char *atelier_token(const atelier *h)
{
	return h != NULL && h->token[0] != '\0' ? h->token : NULL;
}

atelier_rows *atelier_whoami(atelier *h, atelier_error *err)
{
	const char *token = require_session(h, err);

	if (token == NULL)
		return NULL;
	return exec_rows(h, SQL_WHOAMI_ROW, 1, &token, err);
}

int atelier_logout(atelier *h, atelier_error *err)
{
	const char *token;
	int rc;

	atelier_error_clear(err);
	if (h == NULL || h->token[0] == '\0')
		return 0;
	token = h->token;
	rc = exec_scalar(h, SQL_SESSION_CLOSE, 1, &token, NULL, 0, err);
	explicit_bzero(h->token, sizeof(h->token));
	return rc;
}
