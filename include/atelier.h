/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * atelier.h - public C API of libatelier.
 *
 * libatelier logs workshops, PC bookings and helpdesk tickets for public
 * libraries.  This header is the whole public surface: everything not
 * declared here with ATELIER_API is hidden (the library is built with
 * -fvisibility=hidden).  The library keeps no global state; every
 * function documents who owns what it returns.
 *
 * ABI rule for structs.  A function's signature is guarded by the symbols
 * file (debian/libatelier1.symbols); a struct's layout is not, so:
 *  - a struct the caller fills in and hands to the library (the settings,
 *    the workshop, schedule and ticket specs, the XML options) starts with
 *    size_t size, which the caller sets to sizeof the struct, always
 *    through the struct's _INIT macro (e.g. ATELIER_TICKET_SPEC_INIT):
 *        atelier_ticket_spec t = ATELIER_TICKET_SPEC_INIT;
 *  - fields are only ever appended, never inserted, removed or retyped;
 *    an appended field's zero (0, NULL) means what the library did before
 *    the field existed;
 *  - the library reads only the fields that lie within size (a program
 *    built against an older header passes a smaller size: the newer
 *    fields count as zero), and refuses with ATELIER_E_USAGE a size
 *    smaller than the struct's first (ATELIER_1) layout, as when the
 *    _INIT macro was forgotten;
 *  - a struct the library fills in for the caller (atelier_error,
 *    atelier_spool_stats, atelier_usage_event) never changes within
 *    ATELIER_1: more output comes as a new struct and a new function;
 *  - the plugin table and its atelier_plugin_config are frozen with the
 *    table's version (see "Plugin entry point").
 */
#ifndef ATELIER_H
#define ATELIER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <time.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Marks a symbol as exported from libatelier.so. */
#define ATELIER_API __attribute__((visibility("default")))

/* ------------------------------------------------------------------------
 * Version
 *
 * The one place the version is written: the Makefile reads it from these
 * lines for the pkg-config file, the man pages and the message catalogue,
 * and tests/meta/version.sh checks it against debian/changelog.
 * ------------------------------------------------------------------------ */

#define ATELIER_VERSION_MAJOR 0 /* incompatible change of the API */
#define ATELIER_VERSION_MINOR 1 /* functions added, none changed */
#define ATELIER_VERSION_PATCH 0 /* fixes only */

/* The version as one number, for #if: 10203 is 1.2.3. */
#define ATELIER_VERSION_NUMBER                                                                     \
	(ATELIER_VERSION_MAJOR * 10000 + ATELIER_VERSION_MINOR * 100 + ATELIER_VERSION_PATCH)

#define ATELIER_QUOTE(x) #x
#define ATELIER_EXPAND_AND_QUOTE(x) ATELIER_QUOTE(x)
/* The version as a string, such as "0.1.0". */
#define ATELIER_VERSION_STRING                                                                     \
	ATELIER_EXPAND_AND_QUOTE(ATELIER_VERSION_MAJOR.ATELIER_VERSION_MINOR.ATELIER_VERSION_PATCH)

/*
 * atelier_version - the library's version string.
 *
 * Returns: a static, NUL-terminated string such as "0.1.0" (the
 * ATELIER_VERSION_STRING the library was built with, which may differ from
 * the header a program was compiled against); never NULL.
 * Ownership: the string belongs to the library; do not free it.
 */
ATELIER_API const char *atelier_version(void);

/* ------------------------------------------------------------------------
 * Error categories
 *
 * Every failure the library reports falls into one category.  The category
 * decides what the caller should do (fix the input, retry later, log in
 * again, report a bug) and which exit code the atelier command returns.
 * ------------------------------------------------------------------------ */

typedef enum atelier_category {
	ATELIER_OK = 0,        /* success */
	ATELIER_E_USAGE,       /* the input was wrong: fix it and try again */
	ATELIER_E_NOT_FOUND,   /* the object named does not exist */
	ATELIER_E_CONFLICT,    /* clashes with existing data or a concurrent change */
	ATELIER_E_FULL,        /* capacity reached (workshop full, no free PC) */
	ATELIER_E_FORBIDDEN,   /* not allowed for this user or role */
	ATELIER_E_UNAVAILABLE, /* the database cannot be reached now: retry later */
	ATELIER_E_AUTH,        /* staff authentication failed or the session expired */
	ATELIER_E_INTERNAL     /* a bug or an unexpected condition */
} atelier_category;

/*
 * atelier_category_from_sqlstate - classify a PostgreSQL SQLSTATE.
 *
 * sqlstate: the five-character code, e.g. from
 *           PQresultErrorField(res, PG_DIAG_SQLSTATE); may be NULL.
 *
 * atelier's own codes use class "AT"; the third character selects the
 * category: ATU.. usage, ATN.. not found, ATC.. conflict, ATF.. full,
 * ATX.. forbidden, ATA.. authentication; any other AT... code is internal.
 * Standard codes: 23P01, 23505, 40001, 40P01 conflict; 23503, 23514,
 * 23502 and class 22 usage; 42501 forbidden (rest of class 42 internal);
 * class 08, class 53, 57014, 57P01, 57P02, 57P03 unavailable; class 28
 * authentication; anything else (including P0001) internal.
 *
 * Returns: the category.  A NULL or malformed code (not exactly five
 *          characters of [0-9A-Z]) gives ATELIER_E_INTERNAL.
 * Errors:  none beyond the above.
 */
ATELIER_API atelier_category atelier_category_from_sqlstate(const char *sqlstate);

/*
 * atelier_category_name - a stable ASCII identifier for a category.
 *
 * Returns: one of "ok", "usage", "not-found", "conflict", "full",
 *          "forbidden", "unavailable", "auth", "internal"; a value outside
 *          the enumeration gives "internal".  Never NULL.
 * Ownership: static string; do not free it.
 */
ATELIER_API const char *atelier_category_name(atelier_category c);

/*
 * atelier_category_exit_code - the atelier command's exit code for a category.
 *
 * Returns: 0 ok; 1 refused by a rule (conflict, full, forbidden,
 *          not-found); 2 usage; 3 unavailable; 4 auth; 5 internal (also for
 *          a value outside the enumeration).
 */
ATELIER_API int atelier_category_exit_code(atelier_category c);

/* ------------------------------------------------------------------------
 * Pseudonyms
 *
 * People are stored under a pseudonym: HMAC-SHA-256 of their identifier
 * (e.g. a library card number) under a secret key kept outside the
 * database, written as lowercase hex.
 * ------------------------------------------------------------------------ */

/* Length of a pseudonym in hex characters, not counting the NUL. */
#define ATELIER_PSEUDONYM_LEN 64

/*
 * atelier_hmac_sha256 - HMAC-SHA-256 (RFC 2104, FIPS 198-1).
 *
 * key, key_len: the key; key must not be NULL (key_len may be 0).
 * msg, msg_len: the message; msg may be NULL only when msg_len is 0.
 * out:          receives the 32-byte MAC.
 *
 * Returns: 0 on success, -1 on error (NULL argument, or OpenSSL failed).
 *          On error the contents of out are unspecified.
 * Ownership: nothing is retained; the caller owns all buffers.
 */
ATELIER_API int atelier_hmac_sha256(const unsigned char *key, size_t key_len,
				    const unsigned char *msg, size_t msg_len,
				    unsigned char out[32]);

/*
 * atelier_pseudonym - the pseudonym of a patron identifier.
 *
 * key, key_len: the secret key; at least 16 bytes (a shorter key is a
 *               configuration error and is refused).
 * patron_id, id_len: the identifier's bytes (need not be NUL-terminated);
 *               id_len must be at least 1.
 * out:          receives ATELIER_PSEUDONYM_LEN lowercase hex characters
 *               and a NUL.
 *
 * Returns: 0 on success; -1 on a NULL argument, a short key, an empty
 *          identifier or an OpenSSL failure (out is then an empty string).
 * Ownership: nothing is retained.
 */
ATELIER_API int atelier_pseudonym(const unsigned char *key, size_t key_len, const char *patron_id,
				  size_t id_len, char out[ATELIER_PSEUDONYM_LEN + 1]);

/* ------------------------------------------------------------------------
 * Secret key file
 * ------------------------------------------------------------------------ */

/* A loaded secret key; opaque. */
typedef struct atelier_secret atelier_secret;

/*
 * atelier_secret_load - read the pseudonymisation key from a file.
 *
 * path:   the key file.  It must be a regular file (a symbolic link is
 *         refused), give no permission to other users, not be
 *         group-writable, and hold 32 to 4096 bytes.  Its bytes are the key
 *         as they are (no decoding); one trailing newline is stripped, after
 *         which at least 32 bytes must remain.  Create one with e.g.
 *         "(umask 027 && openssl rand -hex 32 > FILE)".
 * errbuf, errlen: on failure, receives one English sentence saying what is
 *         wrong and what to do; never any key material.  May be NULL / 0.
 *
 * Returns: the secret, or NULL on failure.
 * Ownership: the caller owns the result and releases it with
 *         atelier_secret_free(), which wipes the key.
 */
ATELIER_API atelier_secret *atelier_secret_load(const char *path, char *errbuf, size_t errlen);

/*
 * atelier_secret_bytes - the key held by a secret.
 *
 * s:   a secret from atelier_secret_load(); may be NULL.
 * len: receives the key length (0 when s is NULL); may be NULL.
 *
 * Returns: the key bytes (not NUL-terminated), or NULL when s is NULL.
 * Ownership: the bytes belong to s and are valid until atelier_secret_free(s).
 */
ATELIER_API const unsigned char *atelier_secret_bytes(const atelier_secret *s, size_t *len);

/*
 * atelier_secret_pseudonym - the pseudonym of a NUL-terminated patron
 * identifier under the key held by s (see atelier_pseudonym()).
 *
 * Returns: 0 on success; -1 when s, patron_id or out is NULL, patron_id is
 *          empty, or OpenSSL failed.
 */
ATELIER_API int atelier_secret_pseudonym(const atelier_secret *s, const char *patron_id,
					 char out[ATELIER_PSEUDONYM_LEN + 1]);

/*
 * atelier_secret_free - wipe and release a secret.  NULL is accepted.
 */
ATELIER_API void atelier_secret_free(atelier_secret *s);

/* ------------------------------------------------------------------------
 * Errors
 *
 * Every function that can fail takes an atelier_error *err (may be NULL)
 * that it fills on failure: the category decides what the caller does,
 * message and hint are for people (in the handle's language when they come
 * from the database), detail says more, e.g. what is in the way of a
 * conflict.  The struct belongs to the caller; nothing in it is allocated.
 * ------------------------------------------------------------------------ */

typedef struct atelier_error {
	atelier_category category; /* ATELIER_OK when nothing failed */
	char sqlstate[6];          /* the database's code, or "" */
	char message[512];         /* what happened, one sentence */
	char hint[512];            /* what to do; may be "" */
	char detail[512];          /* more context; may be "" */
} atelier_error;

/*
 * atelier_error_clear - reset an error to ATELIER_OK with empty texts.
 * NULL is accepted.
 */
ATELIER_API void atelier_error_clear(atelier_error *err);

/* ------------------------------------------------------------------------
 * Connection handle
 *
 * A handle is one database connection and, after atelier_login() or
 * atelier_resume(), one staff session.  Handles share nothing: two handles
 * in one process do not interfere.  A handle must not be used by two
 * threads at once, nor across fork().
 * ------------------------------------------------------------------------ */

typedef struct atelier atelier;

/* An iterator over result rows; see "Rows" below. */
typedef struct atelier_rows atelier_rows;

typedef struct atelier_settings {
	size_t size; /* sizeof(atelier_settings): ATELIER_SETTINGS_INIT */
	/* libpq connection string or URI, e.g. "service=atelier"; NULL or ""
	 * means libpq's defaults: PG* variables, pg_service.conf and .pgpass
	 * work as they do for psql.  Parameters written here win over the
	 * defaults below. */
	const char *conninfo;
	int connect_timeout_s;    /* 0: 5 s (libpq rounds 1 up to 2) */
	int statement_timeout_ms; /* 0: 15000 ms */
	/* "fr" or "en" for the database's messages; NULL: from LANGUAGE,
	 * LC_ALL, LC_MESSAGES, LANG, as gettext would choose. */
	const char *lang;
	const char *pam_service; /* NULL: "atelier" */
	/* The most the connection may take, in milliseconds; when > 0 it
	 * replaces connect_timeout_s (whose floor is libpq's 2 s).  The wait
	 * is a non-blocking connect polled against this deadline, so a server
	 * that accepts TCP and never answers cannot hold the caller longer. */
	int connect_timeout_ms;
} atelier_settings;

/* Settings with every field at its default (see the ABI rule above). */
#define ATELIER_SETTINGS_INIT                                                                      \
	{                                                                                          \
		.size = sizeof(atelier_settings)                                                   \
	}

/*
 * atelier_open - connect to the atelier database.
 *
 * settings: may be NULL (all defaults), else set up with
 *           ATELIER_SETTINGS_INIT.  The connection string is handed
 *           to libpq as it is (expand_dbname); nothing is pasted into it.
 *
 * Returns: a handle, or NULL with err filled (ATELIER_E_UNAVAILABLE when
 *          the server cannot be reached in time, ATELIER_E_AUTH when it
 *          refuses the credentials, ATELIER_E_USAGE for a bad connection
 *          string or an extension that is not installed).
 * Ownership: release with atelier_close().
 */
ATELIER_API atelier *atelier_open(const atelier_settings *settings, atelier_error *err);

/* atelier_close - end the connection and free the handle; NULL accepted.
 * The staff session stays valid (see atelier_logout()). */
ATELIER_API void atelier_close(atelier *h);

/* atelier_lang - "fr" or "en": the language of the handle's messages. */
ATELIER_API const char *atelier_lang(const atelier *h);

/*
 * atelier_set_deadline - bound every later call on the handle in time.
 *
 * ms: from now, the most any later call may take all together (a login on
 *     a public PC must never wait for the database); 0 or less removes
 *     the deadline.  A call that would run past it is abandoned: the
 *     connection is closed (the handle can then only be closed) and the
 *     call fails with ATELIER_E_UNAVAILABLE.  Streamed rows
 *     (atelier_monthly_report) are not bounded.  NULL is accepted.
 */
ATELIER_API void atelier_set_deadline(atelier *h, int ms);

/*
 * atelier_clock_ms - milliseconds of the monotonic clock that every
 * deadline of the library is counted on (CLOCK_MONOTONIC: a PC setting its
 * time at login does not move it).  Only differences between two values
 * mean anything.
 */
ATELIER_API long long atelier_clock_ms(void);

/*
 * atelier_ms_left - milliseconds from now until deadline (an
 * atelier_clock_ms() value): 0 when it has passed, at most INT_MAX, ready
 * for atelier_set_deadline() and poll().
 */
ATELIER_API int atelier_ms_left(long long deadline);

/* ------------------------------------------------------------------------
 * Staff sessions
 * ------------------------------------------------------------------------ */

/* Length of a staff-session token (a UUID in text form), without the NUL. */
#define ATELIER_TOKEN_LEN 36

/*
 * atelier_login - authenticate a staff member and open a staff session.
 *
 * The database says (atelier.trusted_service()) how, for the handle's
 * connection:
 *  - its login is a trusted service (a member of atelier_service: the host
 *    system, a desk server): runs pam_authenticate() then pam_acct_mgmt()
 *    on the PAM service of the settings ("atelier" by default,
 *    /etc/pam.d/atelier), answering password prompts with password, then
 *    opens the session for login on the handle's connection;
 *  - any other login: opens a second connection with the settings libpq
 *    resolved for the handle's (host, port, dbname, sslmode, ...) but as
 *    the database role named login with password, so that PostgreSQL
 *    checks it (pg_hba.conf: pam, ldap, ...); that connection opens the
 *    session for itself and is closed.
 * Either way the staff member must exist and be active in the database.
 * Every later operation on the handle acts as them, through the handle's
 * own connection.
 *
 * password: used only inside the PAM conversation or as libpq's password
 *           parameter; copies made for PAM are wiped, and so is the
 *           connection's copy when libpq closes it (libpq frees, without
 *           wiping, the copies it makes while parsing parameters: out of
 *           our reach).  The caller wipes its own buffer.
 * minutes:  how long the session lasts; 0 means the longest the staff
 *           member's role allows (network settings
 *           staff_session_max_minutes_*); more than that is refused
 *           (ATELIER_E_USAGE).
 *
 * Returns: 0, or -1 with err filled: ATELIER_E_AUTH for a wrong password,
 *          an unknown user, an expired or locked account (the message says
 *          which when PAM does; a wrong password and an unknown login read
 *          the same through PAM and through the database), and also when
 *          the password is right but atelier has no such staff member
 *          (SQLSTATE ATA05) or the staff member is deactivated (ATA03);
 *          ATELIER_E_FORBIDDEN when the staff member's database role may
 *          not use atelier; ATELIER_E_UNAVAILABLE when PAM or the database
 *          cannot be reached.  Logs nothing, and never the password.
 */
ATELIER_API int atelier_login(atelier *h, const char *login, const char *password, int minutes,
			      atelier_error *err);

/*
 * atelier_resume - act as the staff session of a token from an earlier
 * atelier_login() (kept by the command between runs).
 *
 * Returns: 0 when the session is live; -1 with ATELIER_E_AUTH when it is
 *          unknown or expired (log in again).
 */
ATELIER_API int atelier_resume(atelier *h, const char *token, atelier_error *err);

/*
 * atelier_token - the handle's staff-session token, or NULL before a
 * login.  The string belongs to the handle.
 */
ATELIER_API const char *atelier_token(const atelier *h);

/*
 * atelier_whoami - the staff member of the handle's session.  One row:
 * login, display_name, role, expires_at, sites (a text array literal).
 */
ATELIER_API atelier_rows *atelier_whoami(atelier *h, atelier_error *err);

/*
 * atelier_logout - end the staff session in the database and forget it.
 * Returns: 0 (also when there was no session), -1 with err filled.
 */
ATELIER_API int atelier_logout(atelier *h, atelier_error *err);

/* ------------------------------------------------------------------------
 * Rows
 *
 * Reads and multi-row results come as an iterator.  Values are text as
 * PostgreSQL writes them (timestamps in ISO 8601 with offset, numbers with
 * a dot).  Some iterators stream (the monthly report): while one is open
 * the handle accepts no other call; free it to go on.
 * ------------------------------------------------------------------------ */

/*
 * atelier_rows_next - move to the next row.
 * Returns: 1 when a row is there, 0 at the end, -1 on error (err filled).
 */
ATELIER_API int atelier_rows_next(atelier_rows *rows, atelier_error *err);

/* atelier_rows_get - the current row's value of a column by name; NULL for
 * SQL NULL or an unknown column.  Valid until the next call on rows. */
ATELIER_API const char *atelier_rows_get(const atelier_rows *rows, const char *column);

/* atelier_rows_columns - the number of columns. */
ATELIER_API int atelier_rows_columns(const atelier_rows *rows);

/* atelier_rows_column_name - the name of column i (0-based), or NULL. */
ATELIER_API const char *atelier_rows_column_name(const atelier_rows *rows, int i);

/* atelier_rows_value - the current row's value of column i; NULL for SQL
 * NULL or no such column. */
ATELIER_API const char *atelier_rows_value(const atelier_rows *rows, int i);

/* atelier_rows_free - release the rows (and the handle, if streaming);
 * NULL accepted. */
ATELIER_API void atelier_rows_free(atelier_rows *rows);

/* ------------------------------------------------------------------------
 * Typed values
 *
 * Values come as the text PostgreSQL writes; these read it into C types,
 * so that no caller parses the server's formats itself.  Each takes the
 * text as atelier_rows_get() gives it and returns:
 *    1  a value: *out is set;
 *    0  SQL NULL (v is NULL): *out is left as it was, so it can hold a
 *       default;
 *   -1  text that is not such a value: *out is left as it was.
 * ------------------------------------------------------------------------ */

/* atelier_value_bool - a boolean: "t" is true, "f" false (any other text,
 * even "true" or "", is -1). */
ATELIER_API int atelier_value_bool(const char *v, bool *out);

/* atelier_value_int - a smallint, integer or bigint in decimal, with an
 * optional '-' ("-12"); blanks, a '+', other text after the digits or a
 * number beyond long long are -1. */
ATELIER_API int atelier_value_int(const char *v, long long *out);

/* atelier_value_time - a timestamp with time zone as the server writes it
 * in DateStyle ISO (which atelier_open() sets): "2026-11-03 14:00:00+01",
 * with fractional seconds ("14:00:00.123456+01", dropped, not rounded), an
 * offset in hours, hours and minutes or seconds ("+05:30", "+0530",
 * "-03:00:00") or "Z", and 'T' between date and time accepted.  A time
 * without an offset (a timestamp without time zone), "infinity", BC dates,
 * years past 9999 and impossible dates ("2026-02-30") are -1. */
ATELIER_API int atelier_value_time(const char *v, time_t *out);

/* atelier_value_each - the elements of a one-dimensional text[] literal
 * ("{email,\"a b\",NULL}"), unquoted and unescaped, passed in order to
 * fn with ctx.  An element that is SQL NULL (an unquoted NULL) is passed as
 * a NULL item; a quoted "NULL" is the word.  "{}" calls fn never.  The
 * whole literal is checked before fn is first called: a malformed one
 * (unbalanced quotes, text after '}', an empty unquoted element, more than
 * one dimension, explicit bounds such as "[0:1]={a,b}") calls fn never.
 * An item is valid only during its call.
 * Returns: 1 (even for "{}"), 0 when v is NULL, -1 malformed, fn NULL or
 *          out of memory. */
ATELIER_API int atelier_value_each(const char *v, void (*fn)(void *ctx, const char *item),
				   void *ctx);

/* atelier_rows_bool, atelier_rows_int, atelier_rows_time - the current
 * row's value of a column (as atelier_rows_get()) read as above.  Returns
 * as above; -1 too for a column the rows do not have (a mistake, not a
 * NULL); 0 when there is no current row. */
ATELIER_API int atelier_rows_bool(const atelier_rows *rows, const char *column, bool *out);
ATELIER_API int atelier_rows_int(const atelier_rows *rows, const char *column, long long *out);
ATELIER_API int atelier_rows_time(const atelier_rows *rows, const char *column, time_t *out);

/* ------------------------------------------------------------------------
 * Operations
 *
 * One function per function of the SQL API (see \df atelier.* in psql).
 * Conventions:
 *  - h is an open handle; staff operations (all but the sync and the
 *    workstation ones) need a staff session (atelier_login/atelier_resume)
 *    and fail with ATELIER_E_AUTH without one.  The database records who
 *    did what, and refuses what their role or their sites do not allow.
 *  - Times are text in ISO 8601 ("2026-11-10 14:00+01"; without an offset,
 *    the database session's time zone applies); dates are "YYYY-MM-DD".
 *  - People are named by pseudonym (atelier_secret_pseudonym()), never by
 *    their patron id; NULL where allowed means an anonymous person.
 *  - An optional text is NULL when absent; an optional count is 0 when
 *    absent unless said otherwise.
 *  - Functions returning int give 0 on success and -1 with err filled.
 *    Functions returning atelier_rows * give NULL with err filled; the
 *    caller frees the rows.  Columns are named as in the SQL function.
 *  - Nothing is half-done: each call is one transaction in the database.
 * ------------------------------------------------------------------------ */

/* Room for "created", "updated" or "unchanged" and its NUL. */
#define ATELIER_OUTCOME_LEN 16

/* --- Sync from the host system (role atelier_admin; no staff session) --- */

/* atelier_site_upsert - create or update a site by its host code;
 * outcome receives "created", "updated" or "unchanged" (may be NULL).
 * city may be NULL; time_zone NULL means the database's default (Europe/Paris
 * as shipped). */
ATELIER_API int atelier_site_upsert(atelier *h, const char *code, const char *name,
				    const char *city, const char *time_zone, int active,
				    char outcome[ATELIER_OUTCOME_LEN], atelier_error *err);

/* atelier_room_upsert - create or update a room of a site. */
ATELIER_API int atelier_room_upsert(atelier *h, const char *site, const char *code,
				    const char *name, int active, char outcome[ATELIER_OUTCOME_LEN],
				    atelier_error *err);

/* atelier_workstation_upsert - create or update a public PC by host name;
 * room may be NULL. */
ATELIER_API int atelier_workstation_upsert(atelier *h, const char *hostname, const char *site,
					   const char *room, const char *label, int active,
					   char outcome[ATELIER_OUTCOME_LEN], atelier_error *err);

/* atelier_staff_upsert - create or update a staff member by PAM login;
 * role is librarian, facilitator, coordinator or admin; sites (nsites
 * codes) are exactly the sites they work for. */
ATELIER_API int atelier_staff_upsert(atelier *h, const char *login, const char *display_name,
				     const char *role, const char *const *sites, size_t nsites,
				     int active, char outcome[ATELIER_OUTCOME_LEN],
				     atelier_error *err);

/* atelier_person_upsert - create or update a person by pseudonym; the
 * other fields may be NULL (age bracket and social status are codes of
 * their lists, postcode five digits, first_visit a date). */
ATELIER_API int atelier_person_upsert(atelier *h, const char *pseudonym, const char *age_bracket,
				      const char *social_status, const char *postcode,
				      const char *first_visit, char outcome[ATELIER_OUTCOME_LEN],
				      atelier_error *err);

/* atelier_term_upsert - add or change a term of an extendable reference
 * list, for the network (site NULL) or one site. */
ATELIER_API int atelier_term_upsert(atelier *h, const char *vocabulary, const char *code,
				    const char *label_fr, const char *label_en, const char *site,
				    int position, int active, char outcome[ATELIER_OUTCOME_LEN],
				    atelier_error *err);

/* --- Reference lists and catalogue (any role) --- */

/* atelier_term_list - the active terms of a list (theme, procedure, place,
 * autonomy, referral, equipment, age_bracket, social_status, level,
 * ticket_state, attendance, metric) for the network and a site (may be
 * NULL).  Columns: code, label_fr, label_en, label (in the handle's
 * language), site, with_procedures (true for the theme that a ticket's
 * administrative procedures go with). */
ATELIER_API atelier_rows *atelier_term_list(atelier *h, const char *vocabulary, const char *site,
					    atelier_error *err);

/* atelier_site_list - columns: code, name, city, time_zone, active,
 * workstations. */
ATELIER_API atelier_rows *atelier_site_list(atelier *h, atelier_error *err);

/* atelier_my_sites - the sites the staff member of the handle's session
 * may act on, as the database decides (its own sites; every active site
 * for a coordinator or an administrator).  Columns: code, name.  Needs a
 * staff session (ATELIER_E_AUTH without one). */
ATELIER_API atelier_rows *atelier_my_sites(atelier *h, atelier_error *err);

/* atelier_workshop_list - the catalogue.  Columns: code, title, level,
 * default_minutes, themes, description, active. */
ATELIER_API atelier_rows *atelier_workshop_list(atelier *h, atelier_error *err);

/* --- Workshops and sessions (staff) --- */

typedef struct atelier_workshop_spec {
	size_t size;      /* sizeof: ATELIER_WORKSHOP_SPEC_INIT */
	const char *code; /* short stable identifier, e.g. "EMAIL" */
	const char *title;
	const char *level;         /* debutant, intermediaire, avance; NULL: debutant */
	int minutes;               /* default duration; 0: 120 */
	const char *const *themes; /* theme codes */
	size_t nthemes;
	const char *description; /* may be NULL */
} atelier_workshop_spec;

/* A workshop with every field absent (see the ABI rule above). */
#define ATELIER_WORKSHOP_SPEC_INIT                                                                 \
	{                                                                                          \
		.size = sizeof(atelier_workshop_spec)                                              \
	}

/* atelier_workshop_add - add a workshop to the catalogue; id receives its
 * number (may be NULL). */
ATELIER_API int atelier_workshop_add(atelier *h, const atelier_workshop_spec *w, long long *id,
				     atelier_error *err);

typedef struct atelier_schedule_spec {
	size_t size;             /* sizeof: ATELIER_SCHEDULE_SPEC_INIT */
	const char *workshop;    /* workshop code */
	const char *site;        /* site code */
	const char *room;        /* room code, or NULL */
	const char *starts;      /* first start time */
	int minutes;             /* 0: the workshop's default duration */
	int capacity;            /* seats, 1..1000 */
	const char *facilitator; /* staff login, or NULL */
	const char *partner;     /* partner organisation, or NULL */
	/* Series and courses only: */
	int every_days;    /* 7 for weekly */
	int count;         /* number of sessions, or 0 with until */
	const char *until; /* last date, or NULL with count */
	const char *title; /* courses: the course's title; NULL: the workshop code */
} atelier_schedule_spec;

/* A schedule with every field absent (see the ABI rule above). */
#define ATELIER_SCHEDULE_SPEC_INIT                                                                 \
	{                                                                                          \
		.size = sizeof(atelier_schedule_spec)                                              \
	}

/* atelier_session_schedule - schedule one session.  Rows: session_id,
 * starts_at, ends_at (one row). */
ATELIER_API atelier_rows *atelier_session_schedule(atelier *h, const atelier_schedule_spec *s,
						   atelier_error *err);

/* atelier_series_schedule - schedule a series (people enrol session by
 * session), all or nothing.  Rows: session_id, starts_at, ends_at. */
ATELIER_API atelier_rows *atelier_series_schedule(atelier *h, const atelier_schedule_spec *s,
						  atelier_error *err);

/* atelier_course_schedule - schedule a course (people enrol once for all
 * its sessions), all or nothing.  Rows: course_id, session_id,
 * course_position, starts_at, ends_at. */
ATELIER_API atelier_rows *atelier_course_schedule(atelier *h, const atelier_schedule_spec *s,
						  atelier_error *err);

/* atelier_session_cancel - cancel a session and free its PCs; freed
 * receives the number of bookings released (may be NULL). */
ATELIER_API int atelier_session_cancel(atelier *h, long long session, int *freed,
				       atelier_error *err);

/* atelier_session_list - sessions of a site (NULL: all) between from and to
 * (NULL: yesterday, and 60 days ahead).  Columns: session_id, workshop,
 * title, site, room, starts_at, ends_at, capacity, enrolled, waitlisted,
 * booked_pcs, status, course_id, course_position, facilitator. */
ATELIER_API atelier_rows *atelier_session_list(atelier *h, const char *site, const char *from,
					       const char *to, atelier_error *err);

/* --- Bookings (staff) --- */

/* atelier_book_session - book PCs for a session's whole time: count free
 * PCs of its site (pcs NULL), or the npcs PCs named; all or nothing.
 * Rows: booking_id, workstation.  A conflict (ATELIER_E_CONFLICT) names
 * the PC and the booking in the way; too few free PCs is ATELIER_E_FULL. */
ATELIER_API atelier_rows *atelier_book_session(atelier *h, long long session, int count,
					       const char *const *pcs, size_t npcs,
					       atelier_error *err);

/* atelier_book_person - book one PC for one person from starts to ends;
 * booking receives its number (may be NULL). */
ATELIER_API int atelier_book_person(atelier *h, const char *workstation, const char *person,
				    const char *starts, const char *ends, long long *booking,
				    atelier_error *err);

/* atelier_booking_cancel - cancel a live booking. */
ATELIER_API int atelier_booking_cancel(atelier *h, long long booking, atelier_error *err);

/* atelier_session_bookings - the PCs booked for a session.  Columns:
 * booking_id, workstation, label, starts_at, ends_at. */
ATELIER_API atelier_rows *atelier_session_bookings(atelier *h, long long session,
						   atelier_error *err);

/* --- Enrolment and attendance (staff) --- */

/* atelier_enrol - enrol a person in a session (is_course 0) or a course
 * (is_course 1); past capacity they wait.  Rows: enrolment_id, status
 * (enrolled or waitlisted), waitlist_rank (1 is next; NULL when enrolled). */
ATELIER_API atelier_rows *atelier_enrol(atelier *h, int is_course, long long id, const char *person,
					atelier_error *err);

/* atelier_unenrol - cancel a person's enrolment in a session or course; a
 * freed seat goes to the first person waiting.  Rows: cancelled_enrolment,
 * promoted_enrolment, promoted_person (NULL when nobody was promoted). */
ATELIER_API atelier_rows *atelier_unenrol(atelier *h, int is_course, long long id,
					  const char *person, atelier_error *err);

/* atelier_attend - mark an enrolled person present, absent or excused at a
 * session. */
ATELIER_API int atelier_attend(atelier *h, long long session, const char *person,
			       const char *status, atelier_error *err);

/* atelier_session_roster - who is enrolled or waiting, and attendance.
 * Columns: person, status, waitlist_rank, attendance, enrolled_at. */
ATELIER_API atelier_rows *atelier_session_roster(atelier *h, long long session, atelier_error *err);

/* --- Helpdesk tickets (staff) --- */

typedef struct atelier_ticket_spec {
	size_t size;                   /* sizeof: ATELIER_TICKET_SPEC_INIT */
	const char *site;              /* open only: site code */
	const char *const *themes;     /* theme codes; open: at least one */
	size_t nthemes;                /* update: 0 leaves them as they are */
	const char *const *procedures; /* procedure codes (with theme demarches) */
	size_t nprocedures;            /* update: 0 leaves them (see clear_procedures) */
	const char *place;             /* place code; NULL: the database's default
					* (lieu_activite as shipped) / unchanged */
	const char *equipment;         /* equipment code, or NULL */
	const char *workstation;       /* PC host name, or NULL */
	const char *person;            /* open only: pseudonym, or NULL: anonymous */
	int minutes;                   /* minutes spent; -1: not given */
	const char *notes;             /* may be NULL */
	const char *autonomy;          /* update only: autonomy code, or NULL */
	int clear_procedures;          /* update only: 1 removes all procedures */
} atelier_ticket_spec;

/* A ticket with every field absent, minutes -1 (see the ABI rule above). */
#define ATELIER_TICKET_SPEC_INIT                                                                   \
	{                                                                                          \
		.size = sizeof(atelier_ticket_spec), .minutes = -1                                 \
	}

/* atelier_ticket_open - open a ticket; id receives its number (may be
 * NULL).  The opening goes on the ticket's timeline. */
ATELIER_API int atelier_ticket_open(atelier *h, const atelier_ticket_spec *t, long long *id,
				    atelier_error *err);

/* atelier_ticket_update - change a ticket's details (NULL / 0 / -1 leave a
 * field as it is); the change goes on the timeline. */
ATELIER_API int atelier_ticket_update(atelier *h, long long id, const atelier_ticket_spec *t,
				      atelier_error *err);

/* atelier_ticket_move - move a ticket to state (in_progress, resolved,
 * referred, abandoned, or open to reopen: coordinators only); referral is
 * required for referred; autonomy and minutes (-1: unchanged) may be set
 * on the way.  A forbidden move is ATELIER_E_FORBIDDEN. */
ATELIER_API int atelier_ticket_move(atelier *h, long long id, const char *state,
				    const char *referral, const char *autonomy, int minutes,
				    atelier_error *err);

/* atelier_ticket_list - latest tickets of the staff member's sites, by
 * site, state and period (each may be NULL); limit 0 or less means the
 * database's default (100 as shipped: see atelier(1)).  Columns:
 * ticket_id, site, opened_at, opened_by, state, themes, place, minutes,
 * anonymous. */
ATELIER_API atelier_rows *atelier_ticket_list(atelier *h, const char *site, const char *state,
					      const char *from, const char *to, int limit,
					      atelier_error *err);

/* atelier_ticket_show - one ticket.  Columns: ticket_id, site, opened_at,
 * opened_by, person, place, equipment, workstation, themes, procedures,
 * state, minutes, autonomy, referral, notes, closed_at. */
ATELIER_API atelier_rows *atelier_ticket_show(atelier *h, long long id, atelier_error *err);

/* atelier_ticket_timeline - every change of a ticket.  Columns: at, staff,
 * kind, from_state, to_state, changes (JSON). */
ATELIER_API atelier_rows *atelier_ticket_timeline(atelier *h, long long id, atelier_error *err);

/* --- Public workstations (role atelier_workstation; no staff session) --- */

/* atelier_record_usage_event - record the start ("start") or end ("end")
 * of a session on a PC.  event is a UUID made by the caller; an end names
 * its start's UUID in start_event.  The same event twice is stored once:
 * outcome receives "recorded" or "duplicate" (may be NULL). */
ATELIER_API int atelier_record_usage_event(atelier *h, const char *event, const char *kind,
					   const char *workstation, const char *login_key,
					   const char *at, const char *start_event,
					   char outcome[ATELIER_OUTCOME_LEN], atelier_error *err);

/* atelier_check_access - may this login use this PC at this time (at NULL:
 * now)?  staff_login is the plain login, compared only with staff logins
 * (a session's facilitator); grace_minutes < 0 means the database's default
 * (15 as shipped: see pam_atelier(8)).  One row:
 * allowed (t/f), reason (free, participant, facilitator, booked_for_you,
 * booked_session, booked_person, booking_soon), workshop, starts_at,
 * ends_at. */
ATELIER_API atelier_rows *atelier_check_access(atelier *h, const char *workstation,
					       const char *login_key, const char *staff_login,
					       const char *at, int grace_minutes,
					       atelier_error *err);

/* --- The usage spool of a public workstation ---
 *
 * When the database cannot be reached in time, a workstation keeps its
 * usage events in a local spool directory and replays them later, oldest
 * first.  The directory (0700, owned by the user that writes it: root for
 * the PAM module) holds:
 *   events            records appended and fsync'ed one by one; each has a
 *                     magic, a length, a CRC-32C and the event
 *   events.replaying  the records a replay took over (a crash leaves it
 *                     for the next replay)
 *   replay.pos        how far that replay got (only saves work: replaying
 *                     an event again stores nothing, the database keys
 *                     events by their UUID)
 *   dropped           how many events were refused because it or its disk
 *                     was full (a fixed-width count rewritten in place, so
 *                     that counting needs no new space on a full disk)
 *   quarantine        the events the database refused for good (a PC it
 *                     does not know, a time it cannot read), with why: set
 *                     aside so that the events behind them are not held up
 *   append.lock, replay.lock   flock(2) locks: appending and replaying
 *                     never disturb each other.  Appenders share
 *                     append.lock and write each record with one write(2)
 *                     in O_APPEND mode, so that many sessions on one machine
 *                     (a terminal server) append at once without waiting
 *                     for each other; a replay holds it alone only to
 *                     rename "events".
 * A record cut short by a power failure is found and skipped, never
 * misread; a damaged record is skipped and counted, and reading goes on at
 * the next whole record.  Nothing here needs the database except the
 * replay. */

/* Length of a UUID in text form, without the NUL. */
#define ATELIER_UUID_LEN 36
/* Where pam_atelier and "atelier spool flush" keep the spool by default. */
#define ATELIER_SPOOL_DIR "/var/spool/atelier"
/* The default size cap of a spool: 8 MiB, some 40 000 events. */
#define ATELIER_SPOOL_MAX_BYTES ((size_t)8 * 1024 * 1024)

/* One usage event, as atelier_record_usage_event() takes it. */
typedef struct atelier_usage_event {
	char event[ATELIER_UUID_LEN + 1];          /* this event's UUID */
	char kind[8];                              /* "start" or "end" */
	char workstation[256];                     /* host name: printable ASCII */
	char login_key[ATELIER_PSEUDONYM_LEN + 1]; /* pseudonym of the login */
	char at[40];                               /* ISO 8601 time with offset */
	char start_event[ATELIER_UUID_LEN + 1];    /* an end's start; "" for a start */
} atelier_usage_event;

/* atelier_uuid_v4 - a random (version 4) UUID in lowercase text, from the
 * kernel's random generator (getrandom(2), never blocking).  Returns 0, or
 * -1 when no random bytes could be had (out is then ""). */
ATELIER_API int atelier_uuid_v4(char out[ATELIER_UUID_LEN + 1]);

/*
 * atelier_spool_append - keep one event in the spool, durably.
 *
 * dir:       the spool directory (NULL: ATELIER_SPOOL_DIR); created 0700
 *            if missing (its parent must exist).  Refused when it is not a
 *            directory, belongs to another user or is open to the group or
 *            others (the message says what to run).
 * max_bytes: the size cap of the spool (0: ATELIER_SPOOL_MAX_BYTES).  When
 *            the event does not fit, it is dropped and counted in the
 *            spool's "dropped" file.
 * wait_ms:   how long to wait while a replay takes the spool's events over
 *            (one rename; other appends are never waited for); a negative
 *            value waits as long as needed.
 *
 * The record is on disk (fsync'ed, and the directory too when the file is
 * new) when the call returns 0.
 * Returns: 0, or -1 with err filled: ATELIER_E_USAGE for an event that is
 *          not valid or a directory refused; ATELIER_E_FULL when the spool
 *          or the disk is full (the event was dropped and counted: the
 *          message says so, or that even the count failed);
 *          ATELIER_E_UNAVAILABLE when the spool stayed busy for wait_ms;
 *          ATELIER_E_INTERNAL for another system error.
 */
ATELIER_API int atelier_spool_append(const char *dir, const atelier_usage_event *ev,
				     size_t max_bytes, int wait_ms, atelier_error *err);

/* What a replay did. */
typedef struct atelier_spool_stats {
	long long stored;        /* events the database recorded */
	long long duplicates;    /* events it already had (an earlier replay) */
	long long corrupt;       /* damaged records skipped (bad checksum or content) */
	long long torn;          /* records cut short at the end of a file, skipped */
	long long left;          /* events left in the spool for a later replay */
	long long dropped;       /* events dropped since the spool was made (full) */
	long long quarantined;   /* events this replay set aside: refused for good */
	long long in_quarantine; /* events in the quarantine now */
} atelier_spool_stats;

/*
 * atelier_spool_replay - send the spooled events to the database through
 * atelier_record_usage_event(), oldest first, and empty the spool.
 *
 * dir:       the spool directory (NULL: ATELIER_SPOOL_DIR).  A directory
 *            that does not exist is an empty spool.
 * budget_ms: no new event is sent after this many milliseconds, and a
 *            replay already running elsewhere is not waited for; 0 or less:
 *            no limit (wait for the other replay, send everything).
 * stats:     filled with what was done (may be NULL).
 *
 * Safe to interrupt at any point (a crash, a kill, the database going
 * away): the next replay sends again what may not have been stored, and
 * the database stores each event once.
 * An event the database refuses for good (a data error, class 22; an
 * atelier refusal of category usage, not found or conflict, other than a
 * serialization failure or a deadlock) goes to the spool's quarantine with
 * the SQLSTATE and message (no pseudonym), and the replay goes on: it is
 * counted in stats->quarantined.  Any other failure stops the replay.
 * Returns: 0 when the spool is empty; 1 when events are left for later
 *          (the budget ran out, or another replay was running); -1 with
 *          err filled when the spool is refused or unreadable, or when the
 *          database failed (that event and the ones after it stay in the
 *          spool, in order) or the quarantine could not keep an event.
 */
ATELIER_API int atelier_spool_replay(atelier *h, const char *dir, int budget_ms,
				     atelier_spool_stats *stats, atelier_error *err);

/*
 * atelier_spool_status - what a spool holds, without the database.
 *
 * Fills stats->left (events waiting to be sent), stats->dropped (dropped
 * ever) and stats->in_quarantine; the other figures are 0.  A directory
 * that does not exist is an empty spool.
 * Returns: 0, or -1 with err filled when the spool is refused.
 */
ATELIER_API int atelier_spool_status(const char *dir, atelier_spool_stats *stats,
				     atelier_error *err);

/* Called for each quarantined event, oldest first, with why the database
 * refused it ("SQLSTATE: message", printable ASCII); nonzero stops. */
typedef int (*atelier_spool_quarantined_fn)(void *ctx, const atelier_usage_event *ev,
					    const char *reason);

/*
 * atelier_spool_quarantine_each - read the spool's quarantine.
 *
 * Damaged records are skipped.  The event holds the login's pseudonym:
 * a caller shows people no more than a short prefix of it.
 * Returns: 0 (no quarantine: fn is not called), fn's nonzero value, or -1
 *          with err filled when the spool is refused or unreadable.
 */
ATELIER_API int atelier_spool_quarantine_each(const char *dir, atelier_spool_quarantined_fn fn,
					      void *ctx, atelier_error *err);

/*
 * atelier_spool_requeue - put the quarantined events back in the spool
 * (once their cause is fixed, e.g. the PC registered), for the next
 * replay; the quarantine is then removed.  Waits for a running replay.
 * moved (may be NULL) gets how many were put back.  An event refused again
 * goes back to the quarantine.
 * Returns: 0, or -1 with err filled (the quarantine is kept whole; what
 *          was put back already is stored once all the same).
 */
ATELIER_API int atelier_spool_requeue(const char *dir, long long *moved, atelier_error *err);

/* --- Monthly figures (role atelier_reporter or above) --- */

/*
 * Small counts of people.  In the breakdowns that count people, or their
 * tickets, by who they are or by their private situation (for example
 * people_by_age; SQL atelier.monthly_report says which), a count from 1
 * to min_count - 1 is hidden: its value is NULL and its
 * "suppressed" column says "below_threshold".  Because the reader knows the
 * total a breakdown adds up to, one more cell is hidden when the hidden
 * counts could otherwise be worked out from it (one alone, or all 1, or all
 * min_count - 1): a 0 of the same breakdown if there is one (below the
 * threshold too), else the smallest larger count ("secondary").  Every
 * export applies the same rule, so CSV, XML and HTML show the same numbers.
 * min_count 0 or less means the network's threshold: the database's setting
 * report_min_count, read with SQL atelier.report_min_count(), never a copy
 * here; a min_count below the network's is refused (ATELIER_E_FORBIDDEN),
 * a higher one hides more.
 */

/* atelier_monthly_report - the figures of a month ("YYYY-MM") for a site
 * (NULL: the whole network), with small counts of people hidden below
 * min_count (see above), streamed: the handle is busy until the rows are
 * freed.  Columns: metric, metric_label_fr, metric_label_en, dimension,
 * dimension_label_fr, dimension_label_en, value (NULL when there is none
 * or it is hidden), suppressed (NULL when shown, else "below_threshold" or
 * "secondary"). */
ATELIER_API atelier_rows *atelier_monthly_report(atelier *h, const char *month, const char *site,
						 int min_count, atelier_error *err);

/* atelier_export_csv - write the figures of a month ("YYYY-MM") for a site
 * (NULL: the whole network) to out as CSV (RFC 4180) for spreadsheets,
 * streamed row by row, small counts of people hidden below min_count (see
 * above).  UTF-8 with a byte-order mark, comma separator, CRLF line ends, a
 * header line; fields holding a comma, semicolon, quote, CR or LF are
 * quoted, quotes doubled; text starting with = + - @ TAB or CR gets a
 * leading ' so that no spreadsheet runs it as a formula.  Columns: month,
 * site (empty for the network), metric, metric_label, dimension,
 * dimension_label (labels in atelier_lang()'s language), value (a number
 * with a dot, or empty when there is none or it is hidden), suppressed
 * (empty, "below_threshold" or "secondary").
 *
 * Nothing is written when the report is refused (bad month, unknown site,
 * no right); a failure later may leave a partial file: write to a
 * temporary file and rename it on success.  A write that fails (e.g. disk
 * full) is ATELIER_E_INTERNAL, "Could not write the export: <reason>".
 * out is flushed, not closed; the caller owns it. */
ATELIER_API int atelier_export_csv(atelier *h, const char *month, const char *site, int min_count,
				   FILE *out, atelier_error *err);

/* atelier_export_xml - write the figures of a month ("YYYY-MM") for a site
 * (NULL: the whole network) to out as an XML document whose root is the
 * element monthly-report of the exchange schema (see below), streamed row
 * by row: memory stays flat however big the month.  UTF-8; the root names
 * the threshold (min-count); one figure element per row with its metric,
 * both labels, its dimension and both labels when there is one, and its
 * value (left out when there is none or it is hidden: the attribute
 * suppressed then says why, "below_threshold" or "secondary").
 *
 * Nothing is written when the report is refused (bad month, unknown site,
 * no right); a failure later may leave a partial file: write to a
 * temporary file and rename it on success.  A write that fails is
 * ATELIER_E_INTERNAL, "Could not write the document: <reason>".  out is
 * flushed, not closed; the caller owns it. */
ATELIER_API int atelier_export_xml(atelier *h, const char *month, const char *site, int min_count,
				   FILE *out, atelier_error *err);

/* atelier_export_html - write the figures of a month ("YYYY-MM") for a
 * site (NULL: the whole network) to out as one self-contained HTML page
 * for people: no script, no link to anything outside the file (the style
 * sheet, with its A4 print layout, is inside), charts drawn as inline SVG
 * (PC hours by day, sessions by hour of the day, tickets by theme, workshop
 * attendance) with a text alternative, and tables of every figure.  In the
 * handle's language (atelier_lang(): French, or English), whatever the
 * process's locale.  Small counts of people are hidden below min_count
 * (see above) and shown as "< N", N the threshold (or "masqué" / "hidden"
 * for a larger count hidden with them).  Texts from the database (labels,
 * the site's name) are escaped.  Every figure cell carries data-metric,
 * data-dimension (when there is one) and data-value (the number as in the
 * CSV and XML exports) or data-suppressed, so that a program can read the
 * page back.  Nothing in it depends on the time of writing: the same month
 * gives the same bytes.
 *
 * The month's rows (some 150: one per figure, per term of the reference
 * lists, per day and per hour) are held in memory while the page is
 * written, since the key figures come first; they are bounded by the
 * reference lists, not by the activity.  Nothing is written when the
 * report is refused.  A write that fails is ATELIER_E_INTERNAL, "Could not
 * write the export: <reason>".  out is flushed, not closed. */
ATELIER_API int atelier_export_html(atelier *h, const char *month, const char *site, int min_count,
				    FILE *out, atelier_error *err);

/* ------------------------------------------------------------------------
 * Host exchange (XML)
 *
 * The host system (the library's management or public-access system) feeds
 * atelier with sync documents and drives it with request documents; atelier
 * answers each with a response document.  The contract is the XML Schema
 * atelier-exchange-1.xsd (namespace urn:atelier:exchange:1), installed in
 * $(DATADIR)/atelier/ (/usr/local/share/atelier/ by default); every element
 * is documented there.
 *
 *  - sync: sites, rooms, workstations, staff and people to create or update,
 *    applied in one transaction: all or nothing.  One item atelier refuses
 *    rejects the whole document, naming its line and the reason.  The same
 *    document twice changes nothing the second time.  mode="full" also
 *    deactivates what the sections present no longer list.  The response
 *    counts what was created, updated, deactivated and left unchanged.
 *  - request: operations (open a ticket, schedule, book, enrol, attend,
 *    fetch a month's figures, ...), each with an id, done in order on behalf
 *    of the staff member the request names (staff="login").  Each operation
 *    stands alone and gets its own result or error.
 *
 * Security model.  The host is trusted, its input is not:
 *  - the host connects with a role granted atelier_admin; atelier_admin is a
 *    member of atelier_service, which may open a staff session for any
 *    staff login without PAM (atelier.staff_session_open).  The host is trusted
 *    to have authenticated the staff member a request names, as the desk
 *    library is trusted after PAM; the database then checks that this staff
 *    member exists, is active, and may do each operation at that site, and
 *    records them as its author.  The session lasts for the request only.
 *  - documents are checked before any parser sees them (size cap, UTF-8
 *    only, no NUL byte, no DOCTYPE at all: no DTD, no entity), parsed with
 *    XML_PARSE_NONET and never with NOENT, DTDLOAD, DTDATTR, DTDVALID,
 *    XINCLUDE or HUGE, with an external-entity loader that loads nothing,
 *    and validated against our own compiled schema only (a schemaLocation
 *    in a document is ignored).  A refused document gets a response with a
 *    clear error, and nothing is written to the database.
 *  - people are named by their patron id (attribute "patron"); atelier
 *    turns it into the pseudonym with the secret key (HMAC-SHA-256) right
 *    away: the patron id is never stored, logged, or sent back.
 *  - libxml2's external-entity loader and error handlers are process-wide:
 *    they are replaced for the length of each call and put back afterwards;
 *    do not parse XML in another thread of the process meanwhile.
 * ------------------------------------------------------------------------ */

/* The default size limit of a document: 64 MiB. */
#define ATELIER_XML_MAX_BYTES ((size_t)64 * 1024 * 1024)

typedef struct atelier_xml_options {
	size_t size; /* sizeof(atelier_xml_options): ATELIER_XML_OPTIONS_INIT */
	/* The pseudonymisation key for patron ids (atelier_secret_load()); NULL:
	 * a document that names a person is refused (a sync) or that operation
	 * fails (a request). */
	const atelier_secret *secret;
	/* The schema file; NULL: $ATELIER_DATADIR/atelier-exchange-1.xsd when
	 * ATELIER_DATADIR is set (tests from the build tree set it to
	 * module/xml), else the installed one. */
	const char *schema_file;
	/* The largest document accepted, in bytes; 0: ATELIER_XML_MAX_BYTES. */
	size_t max_bytes;
} atelier_xml_options;

/* Options with every field at its default (see the ABI rule above). */
#define ATELIER_XML_OPTIONS_INIT                                                                   \
	{                                                                                          \
		.size = sizeof(atelier_xml_options)                                                \
	}

/*
 * atelier_xml_handle - read a sync or a request document and write the
 * response document to out.
 *
 * o:        may be NULL (no key, default schema and limit), else set up
 *           with ATELIER_XML_OPTIONS_INIT.
 * doc, len: the document's bytes (UTF-8; need not be NUL-terminated).
 * out:      receives the response (UTF-8), always, unless out itself cannot
 *           be written; flushed, not closed.
 *
 * Returns: 0 when everything was done (response status "done"); -1 with err
 *          filled otherwise: for a refused document (status "refused";
 *          nothing written) the reason; for a request whose operations did
 *          not all succeed (status "partial") the first failure.  The
 *          category gives the atelier command's exit code: ATELIER_E_USAGE
 *          (2) for a document that is not valid (or a value in it that the
 *          database refuses as invalid), ATELIER_E_NOT_FOUND,
 *          ATELIER_E_CONFLICT, ATELIER_E_FULL, ATELIER_E_FORBIDDEN (1) for a
 *          rule of the database, ATELIER_E_UNAVAILABLE (3), ATELIER_E_AUTH
 *          (4) for an unknown or inactive staff member, ATELIER_E_INTERNAL
 *          (5) when the response could not be written.
 */
ATELIER_API int atelier_xml_handle(atelier *h, const atelier_xml_options *o, const char *doc,
				   size_t len, FILE *out, atelier_error *err);

/*
 * atelier_xml_handle_file - the same, reading the document from in (a
 * file, or standard input) up to the size limit: a longer one is refused
 * without being read further.
 */
ATELIER_API int atelier_xml_handle_file(atelier *h, const atelier_xml_options *o, FILE *in,
					FILE *out, atelier_error *err);

/* ------------------------------------------------------------------------
 * Plugin entry point
 *
 * A host that loads libatelier with dlopen() needs one symbol:
 *
 *     void *lib = dlopen("libatelier.so.1", RTLD_NOW | RTLD_LOCAL);
 *     const atelier_plugin_api_v1 *(*entry)(void) =
 *         (const atelier_plugin_api_v1 *(*)(void))dlsym(lib, "atelier_plugin_v1");
 *     const atelier_plugin_api_v1 *api = entry();
 *     if (api->abi != ATELIER_PLUGIN_ABI) ... refuse ...
 *     atelier_plugin *p = api->open(&config, &err);
 *     api->handle(p, doc, len, &response, &response_len, &err);
 *     ... use response ...; api->free_response(response);
 *     api->close(p);
 *
 * The table is versioned: version 1 never changes (nor does the
 * atelier_plugin_config it takes); a later version comes as
 * a new symbol (atelier_plugin_v2) with its own table, so a host built
 * against this one keeps working.  tests/plugin/host.c is a complete
 * example.
 * ------------------------------------------------------------------------ */

#define ATELIER_PLUGIN_ABI 1

/* An open plugin: one database connection, the key, the settings. */
typedef struct atelier_plugin atelier_plugin;

typedef struct atelier_plugin_config {
	const char *conninfo;     /* as atelier_settings.conninfo */
	const char *lang;         /* "fr", "en", or NULL (environment) */
	int connect_timeout_ms;   /* 0: 5000 */
	int statement_timeout_ms; /* 0: 15000 */
	/* The pseudonymisation key file (see atelier_secret_load()).  NULL:
	 * $ATELIER_SECRET, else /etc/atelier/secret when it exists, else no
	 * key (documents naming people are then refused). */
	const char *secret_file;
	const char *schema_file; /* as atelier_xml_options.schema_file */
	size_t max_bytes;        /* as atelier_xml_options.max_bytes */
} atelier_plugin_config;

typedef struct atelier_plugin_api_v1 {
	unsigned int abi;    /* ATELIER_PLUGIN_ABI (1) */
	size_t size;         /* sizeof(atelier_plugin_api_v1) */
	const char *version; /* the library's version, e.g. "0.1.0" */
	/* Connects and loads the key; NULL with err filled on failure (as
	 * atelier_open(), or ATELIER_E_USAGE for a key file refused). */
	atelier_plugin *(*open)(const atelier_plugin_config *config, atelier_error *err);
	/* atelier_xml_handle() into a buffer: *response receives the response
	 * document (NUL-terminated, *response_len bytes without the NUL; NULL
	 * only when no memory was left), which the caller releases with
	 * free_response().  Returns 0 or -1 as atelier_xml_handle(). */
	int (*handle)(atelier_plugin *p, const char *doc, size_t len, char **response,
		      size_t *response_len, atelier_error *err);
	void (*free_response)(char *response);
	/* Disconnects, wipes the key and frees p; NULL accepted. */
	void (*close)(atelier_plugin *p);
} atelier_plugin_api_v1;

/* atelier_plugin_v1 - the version 1 table; static, never NULL. */
ATELIER_API const atelier_plugin_api_v1 *atelier_plugin_v1(void);

#ifdef __cplusplus
}
#endif

#endif /* ATELIER_H */
