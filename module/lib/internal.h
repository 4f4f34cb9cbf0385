/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * internal.h - what the library's files share and the host never sees.
 */
#ifndef ATELIER_INTERNAL_H
#define ATELIER_INTERNAL_H

#include <libintl.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>
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
	char token[ATELIER_TOKEN_LEN + 1]; /* "" before a login */
	char lang[3];                      /* "fr" or "en" */
	char pam_service[64];
	bool busy;             /* a streaming atelier_rows is open */
	long long deadline_ms; /* atelier_clock_ms() bound of calls; 0: none */
};

struct atelier_rows {
	atelier *h;    /* set while streaming; NULL for a whole result */
	PGresult *res; /* the whole result, or the current streamed row */
	int row;       /* current row in res; -1 before the first */
	bool done;
};

/* error.c */
void error_set(atelier_error *err, atelier_category category, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void error_hint(atelier_error *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void error_from_result(atelier_error *err, const PGresult *res);
void error_from_conn(atelier_error *err, PGconn *conn);
bool error_is_set(const atelier_error *err);

/* exec.c: run one statement of the SQL API with text parameters. */
PGresult *exec_params(atelier *h, const char *sql, int nparams, const char *const *params,
		      atelier_error *err);
atelier_rows *exec_rows(atelier *h, const char *sql, int nparams, const char *const *params,
			atelier_error *err);
atelier_rows *exec_stream(atelier *h, const char *sql, int nparams, const char *const *params,
			  atelier_error *err);
int exec_scalar(atelier *h, const char *sql, int nparams, const char *const *params, char *out,
		size_t outlen, atelier_error *err);
const char *require_session(atelier *h, atelier_error *err);

/* connect.c: a connection bounded by a deadline (libpq's connect_timeout has a
 * floor of 2 s and does not cover a silent server after TCP accepts). */
PGconn *connect_before_deadline(const char *const *keys, const char *const *vals, int budget_ms,
				bool *timed_out);
/* connect.c: the same server and database as `like`, as user with password
 * (a staff member's own database role, at login). */
PGconn *connect_as_before_deadline(PGconn *like, const char *user, const char *password,
				   int budget_ms, bool *timed_out);

/* ops_report.c: the network's small-count threshold (the one a report applies
 * when given none, and the lowest it accepts), for the exports that print it;
 * -1 with err set on failure. */
int report_network_min_count(atelier *h, atelier_error *err);

/* abi.c: the ABI rule of atelier.h for structs callers fill in.  Copies the
 * caller's struct src into dst (dst_size bytes, the library's sizeof): as
 * much of it as its size field says, the rest zero.  Refuses (-1, err
 * filled, ATELIER_E_USAGE) a size below min_size, the end of the struct's
 * ATELIER_1 layout: STRUCT_END(type, its last ATELIER_1 field).  STRUCT_IN
 * names the type and its _INIT macro in the message. */
int struct_in(void *dst, size_t dst_size, const void *src, size_t min_size, const char *type,
	      const char *init, atelier_error *err);
#define STRUCT_END(type, field) (offsetof(type, field) + sizeof(((type *)0)->field))
#define STRUCT_IN(type, last_v1, init, dst, src, err)                                              \
	struct_in((dst), sizeof(type), (src), STRUCT_END(type, last_v1), #type, #init, (err))

/* params.c: numbers and flags as parameter text. */
typedef char numbuf[24];
const char *param_ll(numbuf buf, long long v);
const char *param_int_or_null(numbuf buf, int v, int absent);
const char *param_bool(int v);
int outcome_call(atelier *h, const char *sql, int nparams, const char *const *params,
		 char outcome[ATELIER_OUTCOME_LEN], atelier_error *err);
int id_call(atelier *h, const char *sql, int nparams, const char *const *params, long long *id,
	    atelier_error *err);

atelier_rows *token_id_rows(atelier *h, const char *sql, long long id, atelier_error *err);

/* pgarray.c: a text[] literal for a parameter (not SQL: a value). */
char *pg_text_array(const char *const *items, size_t n);

/* lang.c */
void lang_from_environment(char out[3]);

/* deadline.c: atelier_set_deadline(); a statement run with libpq's
 * asynchronous calls and poll() so that it ends by h->deadline_ms (on
 * timeout the connection is closed and h->conn is NULL). */
/* Waits until conn's socket is ready for events (POLLIN, POLLOUT) or the
 * deadline (atelier_clock_ms()) passes: 1 ready, 0 deadline, -1 error. */
int socket_wait(PGconn *conn, short events, long long deadline);
PGresult *exec_before_deadline(atelier *h, const char *sql, int nparams, const char *const *params,
			       atelier_error *err);

/* crc32c.c: CRC-32C (Castagnoli), chained like zlib's crc32(): start with 0. */
uint32_t crc32c(uint32_t crc, const void *buf, size_t len);

/* uuid.c: 8-4-4-4-12 hex digits. */
bool uuid_is_valid(const char *s);

/* spool_record.c: one record = magic, payload length, CRC-32C of length and
 * payload (little-endian), payload (a version byte, then the event's six
 * fields, each ended by a NUL). */
#define SPOOL_HEADER 12
#define SPOOL_MAX_RECORD (SPOOL_HEADER + 1024)
bool spool_event_valid(const atelier_usage_event *ev);
/* The record of ev in out (SPOOL_MAX_RECORD bytes); its length, or 0 when
 * ev is not valid. */
size_t spool_encode(const atelier_usage_event *ev, unsigned char *out);
/* The longest reason kept with a quarantined event, with its NUL. */
#define SPOOL_REASON_LEN 256
/* The record of ev kept in the quarantine with why the database refused
 * it (printable ASCII, shorter than SPOOL_REASON_LEN); 0 when either is
 * not valid. */
size_t spool_encode_quarantined(const atelier_usage_event *ev, const char *reason,
				unsigned char *out);
enum spool_scan { SPOOL_RECORD, SPOOL_END, SPOOL_CORRUPT, SPOOL_TORN };
/* Reads the record at *pos of buf (len bytes) and moves *pos past it.  A
 * damaged record moves *pos to the next whole record (or the end); a record
 * cut short at the end is SPOOL_TORN. */
enum spool_scan spool_scan(const unsigned char *buf, size_t len, size_t *pos,
			   atelier_usage_event *ev);
/* The same for the quarantine's records, their reason into reason
 * (SPOOL_REASON_LEN bytes). */
enum spool_scan spool_scan_quarantined(const unsigned char *buf, size_t len, size_t *pos,
				       atelier_usage_event *ev, char *reason);
/* Whether a whole record with a good checksum starts at pos. */
bool spool_record_at(const unsigned char *buf, size_t len, size_t pos);

/* spool.c: the directory, its locks (spool_lock: how is LOCK_SH or LOCK_EX)
 * and files. */
int spool_dir_open(const char *dir, bool create, int *dirfd, atelier_error *err);
int spool_lock(int dirfd, const char *name, int how, int wait_ms);
long long spool_read_dropped(int dirfd);
/* Appends the record rec (len bytes) to "events" as atelier_spool_append()
 * does, without a cap; 0, or -1 with errno set. */
int spool_append_record(int dirfd, const unsigned char *rec, size_t len, int wait_ms);

/* spool_quarantine.c: events the database refused for good, kept aside
 * in the file SPOOL_QUARANTINE of the spool. */
#define SPOOL_QUARANTINE "quarantine"
/* Whether the database refused the event for good (err's category and
 * SQLSTATE): it would refuse it again, so waiting for it helps nothing. */
bool spool_refused_for_good(const atelier_error *err);
/* Keeps ev in the file "quarantine" with why err refused it, durably;
 * 0, or -1 with errno set. */
int spool_quarantine_put(int dirfd, const atelier_usage_event *ev, const atelier_error *err);

/* spool_map.c: a spool file mapped read-only (nobody writes a file once a
 * replay took it, and the others are only ever appended to). */
struct spool_map {
	struct stat st;
	const unsigned char *buf;
	size_t len;
};
/* 0 mapped, 1 missing, -1 error (errno set; EPERM: not a regular file of
 * this user). */
int spool_map_file(int dirfd, const char *name, struct spool_map *m);
void spool_unmap_file(struct spool_map *m);
/* The events (or quarantined events) in m from pos on. */
long long spool_count_records(const struct spool_map *m, size_t pos, bool quarantined);
/* The same for the file name (0 when it is missing or unreadable). */
long long spool_count_file(int dirfd, const char *name, bool quarantined);

/* spool_replay.c: the replay, with the database call as a parameter so
 * that tests can replay without one. */
typedef int (*spool_sink)(void *ctx, const atelier_usage_event *ev,
			  char outcome[ATELIER_OUTCOME_LEN], atelier_error *err);
int spool_replay_with(const char *dir, spool_sink sink, void *ctx, int budget_ms,
		      atelier_spool_stats *stats, atelier_error *err);

/* export_csv.c: one CSV field (NULL or "" is an empty field), quoted and
 * neutralised against formulas as needed; a whole line of n fields ended by
 * CRLF (is_number may be NULL).  0, or -1 when writing failed (errno set). */
int csv_write_field(FILE *out, const char *s, bool is_number);
int csv_write_record(FILE *out, const char *const *fields, const bool *is_number, size_t n);

#endif
