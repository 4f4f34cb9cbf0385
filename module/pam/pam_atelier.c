/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pam_atelier.c - the workstation PAM module: bookings enforced in the
 * account phase, usage recorded in the session phase.
 *
 * It runs inside the display manager, for every login of a public PC, so:
 *  - the time it adds to a login is bounded by timeout_ms, whatever the
 *    database or the network do (non-blocking connect and statements
 *    bounded by a deadline; account and open_session share one connection
 *    and one budget);
 *  - an event that cannot reach the database in time goes to the durable
 *    spool, replayed at the next connection or by "atelier spool flush";
 *  - everything allocated is freed, the key wiped, nothing held open
 *    through the session; logs name no person unless "debug".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

/* The entry points are the only symbols the module exports. */
#pragma GCC visibility push(default)
#include <security/pam_modules.h>
#pragma GCC visibility pop
#include <security/pam_ext.h>

#include "atelier.h"
#include "pam_atelier.h"
/* The library's clock, from the archive the module links. */

#define STATE_KEY "pam_atelier.login"
/* How long an event may wait for another process holding the spool. */
#define SPOOL_WAIT_MS 20
/* The longest login name passed to the database as a staff login. */
#define STAFF_LOGIN_MAX 256

/* What one login carries from account to open_session to close_session. */
struct login_state {
	atelier *h;         /* account's connection, for open_session */
	pid_t pid;          /* the process that opened h */
	long long spent_ms; /* time this login already waited on us */
	bool unreachable;   /* account found the database out of reach */
	bool started;       /* a start event was recorded or spooled */
	char start_event[ATELIER_UUID_LEN + 1];
	char login_key[ATELIER_PSEUDONYM_LEN + 1];
};

/* The event's time: this PC's clock, in UTC with microseconds. */
static int utc_now(char out[40])
{
	struct timespec ts;
	struct tm tm;
	char base[32];

	if (clock_gettime(CLOCK_REALTIME, &ts) != 0 || gmtime_r(&ts.tv_sec, &tm) == NULL ||
	    strftime(base, sizeof(base), "%Y-%m-%d %H:%M:%S", &tm) == 0)
		return -1;
	snprintf(out, 40, "%.19s.%06u+00", base, (unsigned)(ts.tv_nsec / 1000) % 1000000u);
	return 0;
}

/* The login for debug logs: printable ASCII, the rest as \xHH, cut short.
 * (People type passwords into the name field: never logged otherwise.) */
static void printable_name(const char *user, char out[80])
{
	size_t n = 0;

	for (; *user != '\0' && n < 64; user++) {
		unsigned char c = (unsigned char)*user;

		if (c >= 0x20 && c < 0x7f && c != '\\')
			out[n++] = (char)c;
		else
			n += (size_t)snprintf(out + n, 80 - n, "\\x%02x", c);
	}
	snprintf(out + n, 80 - n, "%s", *user != '\0' ? "..." : "");
}

/* Valid UTF-8 without control characters. */
static bool plain_utf8(const unsigned char *s)
{
	while (*s != '\0') {
		int more = *s < 0x80             ? 0
			   : (*s & 0xe0) == 0xc0 ? 1
			   : (*s & 0xf0) == 0xe0 ? 2
			   : (*s & 0xf8) == 0xf0 ? 3
						 : -1;

		if (more < 0 || *s < 0x20 || *s == 0x7f || (more == 1 && *s < 0xc2))
			return false;
		for (s++; more > 0; more--, s++)
			if ((*s & 0xc0) != 0x80)
				return false;
	}
	return true;
}

/* The login as a staff login (a facilitator), or NULL when it cannot be
 * one: the database stores staff logins as plain, short UTF-8 text. */
static const char *staff_login(const char *user)
{
	return strlen(user) <= STAFF_LOGIN_MAX && plain_utf8((const unsigned char *)user) ? user
											  : NULL;
}

static void log_error(pam_handle_t *pamh, int prio, const char *what, const atelier_error *err)
{
	pam_syslog(pamh, prio, "%s: %s%s%s", what, err->message,
		   err->detail[0] != '\0' ? " - " : "", err->detail);
}

static void state_cleanup(pam_handle_t *pamh, void *data, int error_status)
{
	struct login_state *st = data;

	(void)pamh;
	(void)error_status;
	if (st == NULL)
		return;
	/* A forked child must not end its parent's connection: it only frees. */
	if (st->h != NULL && st->pid == getpid())
		atelier_close(st->h);
	explicit_bzero(st, sizeof(*st));
	free(st);
}

/* This login's state; created when asked.  NULL when there is none, or
 * (create) out of memory. */
static struct login_state *state_get(pam_handle_t *pamh, bool create)
{
	const void *data = NULL;
	struct login_state *st;

	if (pam_get_data(pamh, STATE_KEY, &data) == PAM_SUCCESS && data != NULL)
		return (struct login_state *)data;
	if (!create)
		return NULL;
	st = calloc(1, sizeof(*st));
	if (st == NULL)
		return NULL;
	if (pam_set_data(pamh, STATE_KEY, st, state_cleanup) != PAM_SUCCESS) {
		free(st);
		return NULL;
	}
	return st;
}

/* The person's login name, already known to the application. */
static int get_user(pam_handle_t *pamh, const struct pa_options *o, const char **user)
{
	const void *item = NULL;

	if (pam_get_item(pamh, PAM_USER, &item) != PAM_SUCCESS || item == NULL ||
	    ((const char *)item)[0] == '\0') {
		if (o->debug)
			pam_syslog(pamh, LOG_DEBUG, "no user name: nothing to check or record");
		return PAM_USER_UNKNOWN;
	}
	*user = item;
	return PAM_SUCCESS;
}

/* The pseudonym of the login.  A key file that is missing or readable by
 * others stops all recording, and says so in the log: PAM_IGNORE. */
static int pseudonym_of(pam_handle_t *pamh, const struct pa_options *o, const char *user,
			char key[ATELIER_PSEUDONYM_LEN + 1])
{
	char why[512];
	atelier_secret *s = atelier_secret_load(o->secret, why, sizeof(why));
	int rv = PAM_SUCCESS;

	if (s == NULL) {
		pam_syslog(pamh, LOG_ERR, "not checking or recording anything: %s", why);
		return PAM_IGNORE;
	}
	if (atelier_secret_pseudonym(s, user, key) != 0) {
		pam_syslog(pamh, LOG_ERR, "the login's pseudonym could not be computed");
		rv = PAM_SYSTEM_ERR;
	}
	atelier_secret_free(s);
	return rv;
}

/* A connection that fits before deadline, bounded by it from then on. */
static atelier *connect_by(pam_handle_t *pamh, const struct pa_options *o, long long deadline,
			   bool *unreachable)
{
	atelier_settings s = ATELIER_SETTINGS_INIT;
	atelier_error err;
	atelier *h;

	s.conninfo = o->conninfo;
	s.statement_timeout_ms = o->timeout_ms;
	s.lang = pa_language(pamh) == PA_FR ? "fr" : "en";
	s.connect_timeout_ms = atelier_ms_left(deadline);
	*unreachable = true;
	if (s.connect_timeout_ms <= 0)
		return NULL;
	h = atelier_open(&s, &err);
	if (h == NULL) {
		*unreachable = err.category == ATELIER_E_UNAVAILABLE;
		log_error(pamh, LOG_WARNING, "the atelier database cannot be used", &err);
		return NULL;
	}
	*unreachable = false;
	atelier_set_deadline(h, atelier_ms_left(deadline) > 0 ? atelier_ms_left(deadline) : 1);
	return h;
}

/* Account, when the database cannot answer: unavailable=allow lets the
 * login go on (PAM_SUCCESS); deny refuses it with PAM_AUTHINFO_UNAVAIL,
 * which pam.d can map, and tells the person. */
static int when_unavailable(pam_handle_t *pamh, int flags, const struct pa_options *o)
{
	char text[512];

	if (!o->deny_unavailable) {
		pam_syslog(pamh, LOG_WARNING,
			   "bookings not checked: the database did not answer "
			   "(unavailable=allow)");
		return PAM_SUCCESS;
	}
	pam_syslog(pamh, LOG_WARNING,
		   "login refused: the database did not answer (unavailable=deny)");
	pa_text_unavailable(pa_language(pamh), text, sizeof(text));
	pa_say(pamh, flags, PAM_ERROR_MSG, text);
	return PAM_AUTHINFO_UNAVAIL;
}

/* Account, from the database's answer. */
static int decide(pam_handle_t *pamh, int flags, const struct pa_options *o,
		  const atelier_rows *rows)
{
	struct pa_verdict v = {
		.reason = atelier_rows_get(rows, "reason"),
		.workshop = atelier_rows_get(rows, "workshop"),
		.starts_at = atelier_rows_get(rows, "starts_at"),
		.ends_at = atelier_rows_get(rows, "ends_at"),
	};
	bool allowed = false;
	char text[512];

	if (v.reason == NULL)
		v.reason = "";
	if (atelier_rows_bool(rows, "allowed", &allowed) != 1 || !allowed) {
		pam_syslog(pamh, LOG_NOTICE, "login refused on %s: %s", o->workstation, v.reason);
		pa_text_refused(pa_language(pamh), &v, text, sizeof(text));
		pa_say(pamh, flags, PAM_ERROR_MSG, text);
		return PAM_PERM_DENIED;
	}
	if (strcmp(v.reason, "booking_soon") == 0) {
		pa_text_soon(pa_language(pamh), &v, text, sizeof(text));
		pa_say(pamh, flags, PAM_TEXT_INFO, text);
	}
	if (o->debug)
		pam_syslog(pamh, LOG_DEBUG, "login admitted on %s: %s", o->workstation, v.reason);
	return PAM_SUCCESS;
}

/* Account: asks the database (connecting first, unless this login already
 * found it out of reach) and decides. */
static int check_bookings(pam_handle_t *pamh, int flags, const struct pa_options *o,
			  struct login_state *st, const char *user, long long deadline)
{
	atelier_rows *rows = NULL;
	atelier_error err;
	int rv;

	atelier_error_clear(&err);
	if (st->h == NULL && !st->unreachable) {
		bool unreachable;

		st->h = connect_by(pamh, o, deadline, &unreachable);
		st->pid = getpid();
		/* Whatever the reason, not again for this login. */
		st->unreachable = st->h == NULL;
	}
	if (st->h != NULL)
		rows = atelier_check_access(st->h, o->workstation, st->login_key, staff_login(user),
					    NULL, o->grace, &err);
	if (rows != NULL && atelier_rows_next(rows, &err) == 1) {
		rv = decide(pamh, flags, o, rows);
		goto done;
	}
	if (st->h != NULL) {
		log_error(pamh, LOG_WARNING, "bookings could not be checked", &err);
		if (err.category == ATELIER_E_UNAVAILABLE) {
			atelier_close(st->h);
			st->h = NULL;
			st->unreachable = true;
		}
	}
	rv = when_unavailable(pamh, flags, o);
done:
	atelier_rows_free(rows);
	return rv;
}

/* Replays the spool with part of the time left; what does not fit waits
 * for the next login or "atelier spool flush". */
static void replay_spool(pam_handle_t *pamh, const struct pa_options *o, atelier *h,
			 long long deadline)
{
	atelier_spool_stats s;
	atelier_error err;
	/* Keep a third of the time for this login's own event. */
	int budget = atelier_ms_left(deadline) / 3 * 2, rv;

	if (budget <= 0)
		return;
	rv = atelier_spool_replay(h, o->spool, budget, &s, &err);
	if (s.stored + s.duplicates > 0)
		pam_syslog(pamh, LOG_INFO,
			   "spool: %lld events sent to the database (%lld were "
			   "already there), %lld left",
			   s.stored + s.duplicates, s.duplicates, s.left);
	if (s.corrupt + s.torn > 0)
		pam_syslog(pamh, LOG_WARNING,
			   "spool: %lld damaged and %lld incomplete records "
			   "skipped",
			   s.corrupt, s.torn);
	/* Once per event: a quarantined event is not replayed again. */
	if (s.quarantined > 0)
		pam_syslog(pamh, LOG_WARNING,
			   "spool: %lld events refused by the database for good "
			   "were set aside in the quarantine of %s (see: atelier spool show)",
			   s.quarantined, o->spool);
	if (rv < 0)
		log_error(pamh, LOG_WARNING, "spool replay stopped", &err);
}

/* Records ev in the database if it can before deadline, else keeps it in
 * the spool.  Uses (and closes) *hp when given.  PAM_SUCCESS or
 * PAM_SESSION_ERR (the event is lost; logged). */
static int record_event(pam_handle_t *pamh, const struct pa_options *o, atelier **hp,
			bool unreachable, const atelier_usage_event *ev, long long deadline)
{
	atelier *h = *hp;
	atelier_error err;
	bool kept = false;

	*hp = NULL;
	if (h == NULL && !unreachable)
		h = connect_by(pamh, o, deadline, &unreachable);
	if (h != NULL && atelier_ms_left(deadline) > 0) {
		atelier_set_deadline(h, atelier_ms_left(deadline));
		replay_spool(pamh, o, h, deadline);
		if (atelier_ms_left(deadline) > 0) {
			atelier_set_deadline(h, atelier_ms_left(deadline));
			kept = atelier_record_usage_event(
				       h, ev->event, ev->kind, ev->workstation, ev->login_key,
				       ev->at, ev->start_event[0] != '\0' ? ev->start_event : NULL,
				       NULL, &err) == 0;
			if (!kept)
				log_error(pamh, LOG_WARNING,
					  "usage event not recorded, spooling it", &err);
		}
	}
	atelier_close(h);
	if (!kept) {
		kept = atelier_spool_append(o->spool, ev, 0, SPOOL_WAIT_MS, &err) == 0;
		if (!kept)
			log_error(pamh, LOG_ERR, "usage event lost", &err);
		else if (o->debug)
			pam_syslog(pamh, LOG_DEBUG, "%s event %s spooled in %s", ev->kind,
				   ev->event, o->spool);
	}
	return kept ? PAM_SUCCESS : PAM_SESSION_ERR;
}

/* This login's event kind ("start", or "end" of start_event), stamped now.
 * PAM_SUCCESS, or PAM_SESSION_ERR (logged) without a random UUID or a clock. */
static int make_event(pam_handle_t *pamh, atelier_usage_event *ev, const struct pa_options *o,
		      const char *kind, const char *key, const char *start_event)
{
	memset(ev, 0, sizeof(*ev));
	if (atelier_uuid_v4(ev->event) != 0 || utc_now(ev->at) != 0) {
		pam_syslog(pamh, LOG_ERR, "no random UUID or clock for the usage event");
		return PAM_SESSION_ERR;
	}
	snprintf(ev->kind, sizeof(ev->kind), "%s", kind);
	snprintf(ev->workstation, sizeof(ev->workstation), "%s", o->workstation);
	snprintf(ev->login_key, sizeof(ev->login_key), "%s", key);
	snprintf(ev->start_event, sizeof(ev->start_event), "%s", start_event);
	return PAM_SUCCESS;
}

/* ------------------------------------------------------------ entry points */

int pam_sm_authenticate(pam_handle_t *pamh, int flags, int argc, const char **argv)
{
	(void)pamh;
	(void)flags;
	(void)argc;
	(void)argv;
	return PAM_IGNORE;
}

int pam_sm_setcred(pam_handle_t *pamh, int flags, int argc, const char **argv)
{
	(void)pamh;
	(void)flags;
	(void)argc;
	(void)argv;
	return PAM_IGNORE;
}

int pam_sm_acct_mgmt(pam_handle_t *pamh, int flags, int argc, const char **argv)
{
	long long started = atelier_clock_ms();
	struct login_state *st = NULL;
	struct pa_options o;
	const char *user = NULL;
	char name[80];
	int rv;

	parse_args(pamh, argc, argv, &o);
	rv = get_user(pamh, &o, &user);
	if (rv != PAM_SUCCESS)
		goto out;
	if (o.debug) {
		printable_name(user, name);
		pam_syslog(pamh, LOG_DEBUG, "account check of %s on %s", name, o.workstation);
	}
	if (is_workshop_user(&o, user)) {
		rv = PAM_SUCCESS;
		goto out;
	}
	st = state_get(pamh, true);
	if (st == NULL) {
		rv = PAM_BUF_ERR;
		goto out;
	}
	rv = pseudonym_of(pamh, &o, user, st->login_key);
	if (rv == PAM_SUCCESS)
		rv = check_bookings(pamh, flags, &o, st, user, started + o.timeout_ms);
out:
	if (st != NULL) {
		/* A refused login opens no session: its connection goes now. */
		if (rv != PAM_SUCCESS && st->h != NULL) {
			atelier_close(st->h);
			st->h = NULL;
		}
		st->spent_ms += atelier_clock_ms() - started;
	}
	return rv;
}

int pam_sm_open_session(pam_handle_t *pamh, int flags, int argc, const char **argv)
{
	long long started = atelier_clock_ms();
	struct login_state *st = NULL;
	struct pa_options o;
	atelier_usage_event ev;
	const char *user = NULL;
	int rv;

	(void)flags;
	parse_args(pamh, argc, argv, &o);
	if (get_user(pamh, &o, &user) != PAM_SUCCESS) {
		rv = PAM_IGNORE;
		goto out;
	}
	st = state_get(pamh, true);
	if (st == NULL) {
		rv = PAM_BUF_ERR;
		goto out;
	}
	/* A connection opened before a fork belongs to the parent: the child
	 * leaves it alone (closing it would end the parent's too). */
	if (st->h != NULL && st->pid != getpid())
		st->h = NULL;
	/* Without account in this process (or for a workshop account). */
	rv = st->login_key[0] != '\0' ? PAM_SUCCESS : pseudonym_of(pamh, &o, user, st->login_key);
	if (rv != PAM_SUCCESS)
		goto out;
	rv = make_event(pamh, &ev, &o, "start", st->login_key, "");
	if (rv != PAM_SUCCESS)
		goto out;
	/* The login's budget: what account has not used yet. */
	rv = record_event(pamh, &o, &st->h, st->unreachable, &ev,
			  started +
				  (o.timeout_ms > st->spent_ms ? o.timeout_ms - st->spent_ms : 0));
	if (rv == PAM_SUCCESS) {
		st->started = true;
		memcpy(st->start_event, ev.event, sizeof(st->start_event));
	}
out:
	if (st != NULL) {
		/* No connection is held through the session. */
		atelier_close(st->h);
		st->h = NULL;
		st->spent_ms += atelier_clock_ms() - started;
	}
	return rv;
}

int pam_sm_close_session(pam_handle_t *pamh, int flags, int argc, const char **argv)
{
	long long started = atelier_clock_ms();
	struct login_state *st;
	struct pa_options o;
	atelier_usage_event ev;
	atelier *none = NULL;
	int rv;

	(void)flags;
	parse_args(pamh, argc, argv, &o);
	st = state_get(pamh, false);
	if (st == NULL || !st->started) {
		if (o.debug)
			pam_syslog(pamh, LOG_DEBUG, "no session start known: no end recorded");
		rv = PAM_IGNORE;
		goto out;
	}
	rv = make_event(pamh, &ev, &o, "end", st->login_key, st->start_event);
	if (rv != PAM_SUCCESS)
		goto out;
	/* Hours after the login: a connection and a budget of its own. */
	rv = record_event(pamh, &o, &none, false, &ev, started + o.timeout_ms);
	if (rv == PAM_SUCCESS)
		st->started = false;
out:
	return rv;
}
