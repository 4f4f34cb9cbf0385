/*
 * internal.h - what the library's files share and the host never sees.
 */
#ifndef ATELIER_INTERNAL_H
#define ATELIER_INTERNAL_H

#include <libintl.h>
#include <stdbool.h>
#include <libpq-fe.h>

#include "atelier.h"

/* The library's own messages, translated through the "atelier" catalogue. */
#define _(s) dgettext("atelier", s)
#define N_(s) (s)
#ifndef ATELIER_LOCALEDIR
#define ATELIER_LOCALEDIR "/usr/local/share/locale"
#endif

struct atelier {
	PGconn *conn;
	char token[ATELIER_TOKEN_LEN + 1];  /* "" before a login */
	char lang[3];                       /* "fr" or "en" */
	char pam_service[64];
	bool busy;                          /* a streaming atelier_rows is open */
};

struct atelier_rows {
	atelier *h;          /* set while streaming; NULL for a whole result */
	PGresult *res;       /* the whole result, or the current streamed row */
	int row;             /* current row in res; -1 before the first */
	bool done;
};

/* error.c */
void error_set(atelier_error *err, atelier_category category,
	       const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void error_hint(atelier_error *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void error_from_result(atelier_error *err, const PGresult *res);
void error_from_conn(atelier_error *err, PGconn *conn);
bool error_is_set(const atelier_error *err);

/* exec.c: run one statement of the SQL API with text parameters. */
PGresult *exec_params(atelier *h, const char *sql, int nparams,
		      const char *const *params, atelier_error *err);
atelier_rows *exec_rows(atelier *h, const char *sql, int nparams,
			const char *const *params, atelier_error *err);
atelier_rows *exec_stream(atelier *h, const char *sql, int nparams,
			  const char *const *params, atelier_error *err);
int exec_scalar(atelier *h, const char *sql, int nparams,
		const char *const *params, char *out, size_t outlen,
		atelier_error *err);
const char *require_session(atelier *h, atelier_error *err);

/* connect.c: a connection bounded by a deadline (libpq's connect_timeout has a
 * floor of 2 s and does not cover a silent server after TCP accepts). */
PGconn *connect_before_deadline(const char *const *keys, const char *const *vals,
				int budget_ms, bool *timed_out);

/* params.c: numbers and flags as parameter text. */
typedef char numbuf[24];
const char *param_ll(numbuf buf, long long v);
const char *param_int_or_null(numbuf buf, int v, int absent);
const char *param_bool(int v);
int outcome_call(atelier *h, const char *sql, int nparams,
		 const char *const *params, char outcome[ATELIER_OUTCOME_LEN],
		 atelier_error *err);
int id_call(atelier *h, const char *sql, int nparams,
	    const char *const *params, long long *id, atelier_error *err);

atelier_rows *token_id_rows(atelier *h, const char *sql, long long id,
			    atelier_error *err);

/* pgarray.c: a text[] literal for a parameter (not SQL: a value). */
char *pg_text_array(const char *const *items, size_t n);

/* lang.c */
void lang_from_environment(char out[3]);

#endif
