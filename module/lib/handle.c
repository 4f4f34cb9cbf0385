/*
 * handle.c - opening and closing the connection behind an atelier handle.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* Session settings, passed as parameters: nothing from the caller is pasted
 * into SQL or into the connection string. */
static const char *const SQL_SETUP =
	"SELECT pg_catalog.set_config('statement_timeout', $1, false),"
	"       pg_catalog.set_config('atelier.lang', $2, false),"
	"       EXISTS (SELECT 1 FROM pg_catalog.pg_extension"
	"                WHERE extname = 'atelier') AS installed";

static PGconn *connect_db(const atelier_settings *s)
{
	char timeout[16];
	const char *keys[4];
	const char *vals[4];
	int n = 0;

	/* Ours first: a parameter in the caller's conninfo (processed later,
	 * through dbname) or PGCONNECT_TIMEOUT wins. */
	if (s->connect_timeout_s > 0 || getenv("PGCONNECT_TIMEOUT") == NULL) {
		snprintf(timeout, sizeof(timeout), "%d",
			 s->connect_timeout_s > 0 ? s->connect_timeout_s : 5);
		keys[n] = "connect_timeout";
		vals[n++] = timeout;
	}
	keys[n] = "fallback_application_name";
	vals[n++] = "atelier";
	keys[n] = "dbname";
	vals[n++] = s->conninfo != NULL ? s->conninfo : "";
	keys[n] = NULL;
	vals[n] = NULL;
	return PQconnectdbParams(keys, vals, 1);
}

static int setup_session(atelier *h, const atelier_settings *s,
			 atelier_error *err)
{
	char timeout[16];
	const char *params[2];
	PGresult *res;
	int rc = 0;

	snprintf(timeout, sizeof(timeout), "%d",
		 s->statement_timeout_ms > 0 ? s->statement_timeout_ms : 15000);
	params[0] = timeout;
	params[1] = h->lang;
	res = exec_params(h, SQL_SETUP, 2, params, err);
	if (res == NULL)
		return -1;
	if (strcmp(PQgetvalue(res, 0, PQfnumber(res, "installed")), "t") != 0) {
		error_set(err, ATELIER_E_USAGE,
			  _("The atelier extension is not installed in database \"%s\"."),
			  PQdb(h->conn));
		error_hint(err, "%s", _("Its owner runs: CREATE EXTENSION atelier CASCADE;"));
		rc = -1;
	}
	PQclear(res);
	return rc;
}

atelier *atelier_open(const atelier_settings *settings, atelier_error *err)
{
	atelier_settings s = { 0 };
	atelier *h;

	atelier_error_clear(err);
	{
		/* ATELIER_LOCALEDIR lets tests use the catalogue of the build tree. */
		const char *dir = getenv("ATELIER_LOCALEDIR");

		bindtextdomain("atelier", dir != NULL && dir[0] != '\0' ? dir : ATELIER_LOCALEDIR);
		bind_textdomain_codeset("atelier", "UTF-8");
	}
	if (settings != NULL)
		s = *settings;
	h = calloc(1, sizeof(*h));
	if (h == NULL) {
		error_set(err, ATELIER_E_INTERNAL, "%s", _("Out of memory."));
		return NULL;
	}
	if (s.lang != NULL && (strcmp(s.lang, "fr") == 0 || strcmp(s.lang, "en") == 0))
		strcpy(h->lang, s.lang);
	else
		lang_from_environment(h->lang);
	snprintf(h->pam_service, sizeof(h->pam_service), "%s",
		 s.pam_service != NULL ? s.pam_service : "atelier");

	h->conn = connect_db(&s);
	if (h->conn == NULL || PQstatus(h->conn) != CONNECTION_OK) {
		error_from_conn(err, h->conn);
		atelier_close(h);
		return NULL;
	}
	if (setup_session(h, &s, err) != 0) {
		atelier_close(h);
		return NULL;
	}
	return h;
}

void atelier_close(atelier *h)
{
	if (h == NULL)
		return;
	PQfinish(h->conn);
	explicit_bzero(h->token, sizeof(h->token));
	free(h);
}

const char *atelier_lang(const atelier *h)
{
	return h != NULL ? h->lang : "en";
}
