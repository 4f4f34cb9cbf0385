/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * error.c - filling the caller's atelier_error from the library, libpq and
 * the database, in one way everywhere.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"

void atelier_error_clear(atelier_error *err)
{
	if (err == NULL)
		return;
	memset(err, 0, sizeof(*err));
	err->category = ATELIER_OK;
}

bool error_is_set(const atelier_error *err)
{
	return err != NULL && err->category != ATELIER_OK;
}

/* Copies without a trailing newline: libpq ends its messages with one. */
static void copy_trimmed(char *dst, size_t dstlen, const char *src)
{
	size_t n;

	snprintf(dst, dstlen, "%s", src != NULL ? src : "");
	n = strlen(dst);
	while (n > 0 && (dst[n - 1] == '\n' || dst[n - 1] == ' '))
		dst[--n] = '\0';
}

void error_set(atelier_error *err, atelier_category category, const char *fmt, ...)
{
	va_list ap;

	if (err == NULL)
		return;
	atelier_error_clear(err);
	err->category = category;
	va_start(ap, fmt);
	vsnprintf(err->message, sizeof(err->message), fmt, ap);
	va_end(ap);
}

/* Adds what to do to an error already set. */
void error_hint(atelier_error *err, const char *fmt, ...)
{
	va_list ap;

	if (err == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(err->hint, sizeof(err->hint), fmt, ap);
	va_end(ap);
}

/* What each of atelier's text domains (sql/src/02_support.sql) holds, for
 * the sentence below. */
static const struct {
	const char *domain;
	const char *what;
} text_domains[] = {
	{ "label", N_("a name or a title") },
	{ "short_text", N_("a short text (a city, a PC's label, a partner)") },
	{ "note_text", N_("notes or a description") },
	{ "login", N_("a staff login") },
	{ "hostname", N_("a PC's host name") },
	{ "code", N_("a code") },
	{ "time_zone", N_("a time zone") },
};

/* The N of a length check named <domain>_at_most_<N>, or 0 when the
 * constraint is not one of the domain's length checks. */
static long length_limit(const char *domain, const char *constraint)
{
	static const char infix[] = "_at_most_";
	size_t dlen = strlen(domain);
	const char *p;
	long n = 0;

	if (strncmp(constraint, domain, dlen) != 0 ||
	    strncmp(constraint + dlen, infix, sizeof infix - 1) != 0)
		return 0;
	p = constraint + dlen + sizeof infix - 1;
	if (*p == '\0')
		return 0;
	for (; *p != '\0'; p++) {
		if (*p < '0' || *p > '9' || n > 1000000)
			return 0;
		n = n * 10 + (*p - '0');
	}
	return n;
}

/* A text longer than its atelier domain allows arrives as a check violation
 * naming the domain and its constraint: say it in the user's words, with the
 * limit, instead of PostgreSQL's "value for domain ... violates ...". */
static void explain_text_too_long(atelier_error *err, const PGresult *res)
{
	const char *schema = PQresultErrorField(res, PG_DIAG_SCHEMA_NAME);
	const char *domain = PQresultErrorField(res, PG_DIAG_DATATYPE_NAME);
	const char *constraint = PQresultErrorField(res, PG_DIAG_CONSTRAINT_NAME);
	const char *what = N_("this text");
	long limit;
	size_t i;

	if (strcmp(err->sqlstate, "23514") != 0 || schema == NULL || domain == NULL ||
	    constraint == NULL || strcmp(schema, "atelier") != 0)
		return;
	limit = length_limit(domain, constraint);
	if (limit == 0)
		return;
	for (i = 0; i < sizeof text_domains / sizeof text_domains[0]; i++)
		if (strcmp(domain, text_domains[i].domain) == 0)
			what = text_domains[i].what;
	snprintf(err->message, sizeof(err->message),
		 _("The text is too long for %s (at most %ld characters)."), _(what), limit);
	snprintf(err->hint, sizeof(err->hint), "%s", _("Shorten it, then try again."));
}

void error_from_result(atelier_error *err, const PGresult *res)
{
	const char *state;

	if (err == NULL)
		return;
	atelier_error_clear(err);
	state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
	copy_trimmed(err->sqlstate, sizeof(err->sqlstate), state);
	err->category = atelier_category_from_sqlstate(state);
	copy_trimmed(err->message, sizeof(err->message),
		     PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY));
	copy_trimmed(err->hint, sizeof(err->hint), PQresultErrorField(res, PG_DIAG_MESSAGE_HINT));
	copy_trimmed(err->detail, sizeof(err->detail),
		     PQresultErrorField(res, PG_DIAG_MESSAGE_DETAIL));
	if (err->message[0] == '\0')
		copy_trimmed(err->message, sizeof(err->message), PQresultErrorMessage(res));
	if (err->category == ATELIER_OK)
		err->category = ATELIER_E_INTERNAL;
	explain_text_too_long(err, res);
}

/* The SQLSTATE of a connection refused by the server, from libpq's verbose
 * message ("...failed: FATAL:  28P01: password authentication failed..."):
 * libpq keeps no PGresult for it.  Copies it into out (6 bytes) or "". */
static void sqlstate_of_refusal(const char *msg, char out[6])
{
	const char *p = msg != NULL ? strstr(msg, "FATAL:  ") : NULL;
	int i;

	out[0] = '\0';
	if (p == NULL)
		return;
	p += strlen("FATAL:  ");
	for (i = 0; i < 5; i++)
		if (!((p[i] >= '0' && p[i] <= '9') || (p[i] >= 'A' && p[i] <= 'Z')))
			return;
	if (p[5] != ':')
		return;
	memcpy(out, p, 5);
	out[5] = '\0';
}

/* Keeps the first line of libpq's message: the verbose LOCATION line is for
 * developers. */
static void copy_first_lines(char *dst, size_t dstlen, const char *src)
{
	const char *loc = src != NULL ? strstr(src, "\nLOCATION:") : NULL;
	size_t n = loc != NULL ? (size_t)(loc - src) : (src != NULL ? strlen(src) : 0);

	if (n >= dstlen)
		n = dstlen - 1;
	memcpy(dst, src != NULL ? src : "", n);
	dst[n] = '\0';
	while (n > 0 && (dst[n - 1] == '\n' || dst[n - 1] == ' '))
		dst[--n] = '\0';
}

/* A connection-level failure: an outage, unless the server said why it
 * refused (wrong credentials, no such database). */
void error_from_conn(atelier_error *err, PGconn *conn)
{
	const char *msg = conn != NULL ? PQerrorMessage(conn) : "";
	atelier_category category;

	if (err == NULL)
		return;
	atelier_error_clear(err);
	copy_first_lines(err->detail, sizeof(err->detail), msg);
	sqlstate_of_refusal(msg, err->sqlstate);
	category = err->sqlstate[0] != '\0' ? atelier_category_from_sqlstate(err->sqlstate)
					    : ATELIER_E_UNAVAILABLE;
	if (category == ATELIER_E_AUTH) {
		err->category = ATELIER_E_AUTH;
		snprintf(err->message, sizeof(err->message), "%s",
			 _("The database refused the credentials of this connection."));
		snprintf(err->hint, sizeof(err->hint), "%s",
			 _("Check the user and password of the connection settings "
			   "(service file, .pgpass), or call your administrator."));
	} else if (strcmp(err->sqlstate, "3D000") == 0) {
		err->category = ATELIER_E_USAGE;
		snprintf(err->message, sizeof(err->message), "%s",
			 _("The database named in the connection settings does not exist."));
		snprintf(err->hint, sizeof(err->hint), "%s",
			 _("Check the connection settings (for example \"service=atelier\")."));
	} else {
		err->category = ATELIER_E_UNAVAILABLE;
		snprintf(err->message, sizeof(err->message), "%s",
			 _("The atelier database cannot be reached."));
		snprintf(err->hint, sizeof(err->hint), "%s",
			 _("Check the network and that the database server is running, "
			   "then try again; if it persists, call your administrator."));
	}
}
