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

/* A connection-level failure: libpq gives no SQLSTATE, only its message. */
void error_from_conn(atelier_error *err, PGconn *conn)
{
	if (err == NULL)
		return;
	atelier_error_clear(err);
	err->category = ATELIER_E_UNAVAILABLE;
	copy_trimmed(err->detail, sizeof(err->detail),
		     conn != NULL ? PQerrorMessage(conn) : "");
	snprintf(err->message, sizeof(err->message), "%s",
		 _("The atelier database cannot be reached."));
	snprintf(err->hint, sizeof(err->hint), "%s",
		 _("Check the network and that the database server is running, "
		   "then try again; if it persists, call your administrator."));
}
