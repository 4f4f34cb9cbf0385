/* SPDX-License-Identifier: LGPL-2.1-or-later */
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
	/* The format atelier_value_time() reads, whatever PGDATESTYLE says. */
	"       pg_catalog.set_config('datestyle', 'ISO', false),"
	"       EXISTS (SELECT 1 FROM pg_catalog.pg_extension"
	"                WHERE extname = 'atelier') AS installed";

/* The whole connection must fit in this many milliseconds. */
static int connect_budget_ms(const atelier_settings *s)
{
	const char *env = getenv("PGCONNECT_TIMEOUT");

	if (s->connect_timeout_ms > 0)
		return s->connect_timeout_ms;
	if (s->connect_timeout_s > 0)
		return s->connect_timeout_s * 1000;
	if (env != NULL && atoi(env) > 0)
		return atoi(env) * 1000;
	return 5000;
}

static PGconn *connect_db(const atelier_settings *s, bool *timed_out)
{
	char user_timeout[16];
	const char *keys[9];
	const char *vals[9];
	int n = 0;

	/* Ours first: a parameter in the caller's conninfo (processed later,
	 * through dbname) wins.  Keepalives and tcp_user_timeout notice a
	 * server that vanishes in the middle of a statement. */
	snprintf(user_timeout, sizeof(user_timeout), "%d",
		 (s->statement_timeout_ms > 0 ? s->statement_timeout_ms : 15000) + 5000);
	keys[n] = "fallback_application_name";
	vals[n++] = "atelier";
	keys[n] = "keepalives_idle";
	vals[n++] = "10";
	keys[n] = "keepalives_interval";
	vals[n++] = "5";
	keys[n] = "keepalives_count";
	vals[n++] = "3";
	keys[n] = "tcp_user_timeout";
	vals[n++] = user_timeout;
	/* The exports (CSV, XML) are UTF-8 whatever the database's encoding. */
	keys[n] = "client_encoding";
	vals[n++] = "UTF8";
	keys[n] = "dbname";
	vals[n++] = s->conninfo != NULL ? s->conninfo : "";
	keys[n] = NULL;
	vals[n] = NULL;
	return connect_before_deadline(keys, vals, connect_budget_ms(s), timed_out);
}

/* A malformed connection string is the caller's mistake, not an outage. */
static bool conninfo_is_valid(const char *conninfo, atelier_error *err)
{
	char *msg = NULL;
	PQconninfoOption *opts;

	if (conninfo == NULL || conninfo[0] == '\0')
		return true;
	opts = PQconninfoParse(conninfo, &msg);
	if (opts == NULL) {
		error_set(err, ATELIER_E_USAGE, "%s",
			  _("The database connection settings are not valid."));
		if (err != NULL && msg != NULL)
			snprintf(err->detail, sizeof(err->detail), "%s", msg);
		error_hint(err, "%s",
			   _("Check the connection string (for example \"service=atelier\")."));
		PQfreemem(msg);
		return false;
	}
	PQconninfoFree(opts);
	return true;
}

static int setup_session(atelier *h, const atelier_settings *s, atelier_error *err)
{
	char timeout[16];
	const char *params[2];
	PGresult *res;
	bool installed;
	int rc = 0;

	snprintf(timeout, sizeof(timeout), "%d",
		 s->statement_timeout_ms > 0 ? s->statement_timeout_ms : 15000);
	params[0] = timeout;
	params[1] = h->lang;
	res = exec_params(h, SQL_SETUP, 2, params, err);
	if (res == NULL)
		return -1;
	if (atelier_value_bool(PQgetvalue(res, 0, PQfnumber(res, "installed")), &installed) != 1 ||
	    !installed) {
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
	atelier_settings s = ATELIER_SETTINGS_INIT;
	bool timed_out = false;
	long long started = atelier_clock_ms();
	atelier *h;

	atelier_error_clear(err);
	{
		/* ATELIER_LOCALEDIR lets tests use the catalogue of the build tree. */
		const char *dir = getenv("ATELIER_LOCALEDIR");

		bindtextdomain("atelier", dir != NULL && dir[0] != '\0' ? dir : ATELIER_LOCALEDIR);
		bind_textdomain_codeset("atelier", "UTF-8");
	}
	if (settings != NULL && STRUCT_IN(atelier_settings, connect_timeout_ms,
					  ATELIER_SETTINGS_INIT, &s, settings, err) != 0)
		return NULL;
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

	if (!conninfo_is_valid(s.conninfo, err)) {
		atelier_close(h);
		return NULL;
	}
	h->conn = connect_db(&s, &timed_out);
	if (h->conn == NULL || PQstatus(h->conn) != CONNECTION_OK) {
		error_from_conn(err, h->conn);
		if (timed_out && err != NULL)
			snprintf(err->detail, sizeof(err->detail), _("No answer within %d ms."),
				 connect_budget_ms(&s));
		atelier_close(h);
		return NULL;
	}
	/* connect_timeout_ms bounds the whole opening, setup included. */
	if (s.connect_timeout_ms > 0)
		h->deadline_ms = started + s.connect_timeout_ms;
	if (setup_session(h, &s, err) != 0) {
		atelier_close(h);
		return NULL;
	}
	h->deadline_ms = 0;
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
