/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pam_atelier.h - what the files of pam_atelier.so share: the options of
 * the pam.d line and the words said to the person at the screen.
 */
#ifndef PAM_ATELIER_H
#define PAM_ATELIER_H

#include <stdbool.h>
#include <stddef.h>

#include <security/pam_ext.h>

#define PA_DEFAULT_SERVICE "atelier"
#define PA_DEFAULT_SECRET "/etc/atelier/secret"
#define PA_DEFAULT_TIMEOUT_MS 300

/* The options of one pam.d line; strings point into argv or are static. */
struct pa_options {
	char conninfo[96];          /* "service=NAME" */
	char workstation[256];      /* lowercase host name */
	int timeout_ms;             /* the most the module adds to a login */
	bool deny_unavailable;      /* unavailable=deny */
	const char *spool;          /* spool directory */
	int grace;                  /* minutes; -1: the database's default (15) */
	const char *workshop_users; /* "a,b" as written, or NULL */
	const char *secret;         /* the HMAC key file */
	bool debug;
};

/* options.c */
void parse_args(pam_handle_t *pamh, int argc, const char **argv, struct pa_options *o);
bool is_workshop_user(const struct pa_options *o, const char *user);

/* messages.c */
enum pa_lang { PA_EN, PA_FR };

/* What check_access answered, as text from the database. */
struct pa_verdict {
	const char *reason;    /* free, participant, ..., booked_session */
	const char *workshop;  /* title, or NULL */
	const char *starts_at; /* ISO 8601, or NULL */
	const char *ends_at;
};

enum pa_lang pa_language(pam_handle_t *pamh);
/* The sentence for a refusal, a warning (booking_soon) or a refusal when the
 * database cannot answer (unavailable=deny). */
void pa_text_refused(enum pa_lang lang, const struct pa_verdict *v, char *out, size_t outlen);
void pa_text_soon(enum pa_lang lang, const struct pa_verdict *v, char *out, size_t outlen);
void pa_text_unavailable(enum pa_lang lang, char *out, size_t outlen);
/* One message through the application's conversation, unless PAM_SILENT. */
void pa_say(pam_handle_t *pamh, int flags, int style, const char *text);
/* "14 h 00" / "14:00" in local time, from PostgreSQL's ISO output; false
 * when the text is not a time. */
bool pa_local_time(enum pa_lang lang, const char *iso, char *out, size_t outlen);

#endif
