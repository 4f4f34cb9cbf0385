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

void error_set(atelier_error *err, atelier_category category,
	       const char *fmt, ...)
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
	copy_trimmed(err->hint, sizeof(err->hint),
		     PQresultErrorField(res, PG_DIAG_MESSAGE_HINT));
	copy_trimmed(err->detail, sizeof(err->detail),
		     PQresultErrorField(res, PG_DIAG_MESSAGE_DETAIL));
	if (err->message[0] == '\0')
		copy_trimmed(err->message, sizeof(err->message),
			     PQresultErrorMessage(res));
	if (err->category == ATELIER_OK)
		err->category = ATELIER_E_INTERNAL;
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
