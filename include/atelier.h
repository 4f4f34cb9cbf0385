/*
 * atelier.h - public C API of libatelier.
 *
 * libatelier logs workshops, PC bookings and helpdesk tickets for public
 * libraries.  This header is the whole public surface: everything not
 * declared here with ATELIER_API is hidden (the library is built with
 * -fvisibility=hidden).  The library keeps no global state; every
 * function documents who owns what it returns.
 */
#ifndef ATELIER_H
#define ATELIER_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Marks a symbol as exported from libatelier.so. */
#define ATELIER_API __attribute__((visibility("default")))

/* ------------------------------------------------------------------------
 * Version
 * ------------------------------------------------------------------------ */

/*
 * atelier_version - the library's version string.
 *
 * Returns: a static, NUL-terminated string such as "0.1.0"; never NULL.
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
ATELIER_API atelier_category
atelier_category_from_sqlstate(const char *sqlstate);

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
ATELIER_API int atelier_pseudonym(const unsigned char *key, size_t key_len,
				  const char *patron_id, size_t id_len,
				  char out[ATELIER_PSEUDONYM_LEN + 1]);

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
ATELIER_API atelier_secret *atelier_secret_load(const char *path,
						char *errbuf, size_t errlen);

/*
 * atelier_secret_bytes - the key held by a secret.
 *
 * s:   a secret from atelier_secret_load(); may be NULL.
 * len: receives the key length (0 when s is NULL); may be NULL.
 *
 * Returns: the key bytes (not NUL-terminated), or NULL when s is NULL.
 * Ownership: the bytes belong to s and are valid until atelier_secret_free(s).
 */
ATELIER_API const unsigned char *atelier_secret_bytes(const atelier_secret *s,
						      size_t *len);

/*
 * atelier_secret_pseudonym - the pseudonym of a NUL-terminated patron
 * identifier under the key held by s (see atelier_pseudonym()).
 *
 * Returns: 0 on success; -1 when s, patron_id or out is NULL, patron_id is
 *          empty, or OpenSSL failed.
 */
ATELIER_API int atelier_secret_pseudonym(const atelier_secret *s,
					 const char *patron_id,
					 char out[ATELIER_PSEUDONYM_LEN + 1]);

/*
 * atelier_secret_free - wipe and release a secret.  NULL is accepted.
 */
ATELIER_API void atelier_secret_free(atelier_secret *s);

#ifdef __cplusplus
}
#endif

#endif /* ATELIER_H */
