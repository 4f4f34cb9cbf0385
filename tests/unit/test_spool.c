/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_spool.c - the usage spool: records, damage, cap, permissions, and
 * replays that are interrupted, cut short or run alongside appends.
 *
 * The replay is driven through spool_replay_with() and a fake database (a
 * set of event UUIDs, answering "recorded" or "duplicate" as the real
 * atelier.record_usage_event does), so no server is needed.  Each test gets
 * its own directory from mkdtemp(); the spool is a subdirectory of it.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "../../module/lib/internal.h"

#define MAX_EVENTS 512

/* The fake database. */
struct fake_db {
	char stored[MAX_EVENTS][ATELIER_UUID_LEN + 1];
	atelier_usage_event seen[MAX_EVENTS]; /* every event sent, in order */
	int nstored, nseen;
	int fail_at; /* fail the call with this index (0-based); -1 never */
	int calls;
	int sleep_ms;          /* each call takes this long */
	char fail_sqlstate[6]; /* the SQLSTATE of that failure ("": none) */
	bool registered;       /* "unknown-pc" was registered since */
};

struct test_state {
	char top[PATH_MAX / 4];
	char spool[PATH_MAX / 2];
	char path[PATH_MAX];
	atelier_usage_event ev[MAX_EVENTS];
	struct fake_db db;
};

static int setup(void **state)
{
	struct test_state *ts = calloc(1, sizeof(*ts));
	const char *tmp = getenv("TMPDIR");

	if (ts == NULL)
		return -1;
	snprintf(ts->top, sizeof(ts->top), "%s/atelier-test-spool-XXXXXX",
		 tmp != NULL && tmp[0] != '\0' ? tmp : "/tmp");
	if (mkdtemp(ts->top) == NULL) {
		free(ts);
		return -1;
	}
	snprintf(ts->spool, sizeof(ts->spool), "%s/spool", ts->top);
	ts->db.fail_at = -1;
	*state = ts;
	return 0;
}

static int teardown(void **state)
{
	struct test_state *ts = *state;
	char cmd[PATH_MAX + 32];
	int rc;

	/* test_spool_full_disk mounts a file system there. */
	snprintf(cmd, sizeof(cmd), "%s/full", ts->top);
	umount2(cmd, MNT_DETACH);
	/* Tests leave directories with any mode: make them removable first. */
	snprintf(cmd, sizeof(cmd), "chmod -R u+rwx '%s'; rm -rf '%s'", ts->top, ts->top);
	rc = system(cmd);
	free(ts);
	return rc == 0 ? 0 : -1;
}

static const char *spool_file(struct test_state *ts, const char *name)
{
	int n = snprintf(ts->path, sizeof(ts->path), "%s/%s", ts->spool, name);

	assert_true(n > 0 && (size_t)n < sizeof(ts->path));
	return ts->path;
}

static bool file_exists(struct test_state *ts, const char *name)
{
	struct stat st;

	return lstat(spool_file(ts, name), &st) == 0;
}

static long long size_of(struct test_state *ts, const char *name)
{
	struct stat st;

	return lstat(spool_file(ts, name), &st) == 0 ? (long long)st.st_size : -1;
}

/* Event i: a start, or (odd i) the end of event i - 1. */
static void make_events(struct test_state *ts, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		atelier_usage_event *e = &ts->ev[i];

		memset(e, 0, sizeof(*e));
		assert_int_equal(atelier_uuid_v4(e->event), 0);
		strcpy(e->kind, i % 2 == 0 ? "start" : "end");
		snprintf(e->workstation, sizeof(e->workstation), "centre-pc%02d", i % 16);
		snprintf(e->login_key, sizeof(e->login_key), "%064x", i + 1);
		snprintf(e->at, sizeof(e->at), "2026-11-10 14:%02d:%02d.123456+00", i / 60 % 60,
			 i % 60);
		if (i % 2 == 1)
			strcpy(e->start_event, ts->ev[i - 1].event);
	}
}

static void append_events(struct test_state *ts, int from, int to)
{
	atelier_error err;
	int i;

	for (i = from; i < to; i++)
		if (atelier_spool_append(ts->spool, &ts->ev[i], 0, 1000, &err) != 0)
			fail_msg("append %d: %s", i, err.message);
}

static int fake_sink(void *ctx, const atelier_usage_event *ev, char outcome[ATELIER_OUTCOME_LEN],
		     atelier_error *err)
{
	struct fake_db *db = ctx;
	int i, call = db->calls++;

	if (db->sleep_ms > 0)
		nanosleep(&(struct timespec){ .tv_nsec = db->sleep_ms * 1000000L }, NULL);
	if (call == db->fail_at) {
		err->category = ATELIER_E_UNAVAILABLE;
		snprintf(err->sqlstate, sizeof(err->sqlstate), "%s", db->fail_sqlstate);
		snprintf(err->message, sizeof(err->message), "the fake database went away");
		return -1;
	}
	/* What the real database refuses for good, as it says it. */
	if (strcmp(ev->workstation, "unknown-pc") == 0 && !db->registered) {
		err->category = ATELIER_E_NOT_FOUND;
		strcpy(err->sqlstate, "ATN02");
		snprintf(err->message, sizeof(err->message),
			 "The PC \"%s\" is not registered (login %s).", ev->workstation,
			 ev->login_key);
		return -1;
	}
	if (strncmp(ev->at, "not a time", 10) == 0) {
		err->category = ATELIER_E_USAGE;
		strcpy(err->sqlstate, "22007");
		snprintf(err->message, sizeof(err->message),
			 "invalid input syntax for type timestamp with time zone: \"%s\"", ev->at);
		return -1;
	}
	assert_true(db->nseen < MAX_EVENTS);
	db->seen[db->nseen++] = *ev;
	for (i = 0; i < db->nstored; i++) {
		if (strcmp(db->stored[i], ev->event) == 0) {
			strcpy(outcome, "duplicate");
			return 0;
		}
	}
	strcpy(db->stored[db->nstored++], ev->event);
	strcpy(outcome, "recorded");
	return 0;
}

static int replay(struct test_state *ts, int budget_ms, atelier_spool_stats *st)
{
	atelier_error err;
	int rv = spool_replay_with(ts->spool, fake_sink, &ts->db, budget_ms, st, &err);

	if (rv < 0 && ts->db.fail_at < 0)
		fail_msg("replay failed: %s", err.message);
	return rv;
}

/* Every event from..to-1 stored exactly once, and nothing else. */
static void expect_stored_once(struct test_state *ts, int from, int to)
{
	int i, j, found;

	assert_int_equal(ts->db.nstored, to - from);
	for (i = from; i < to; i++) {
		for (found = 0, j = 0; j < ts->db.nstored; j++)
			found += strcmp(ts->db.stored[j], ts->ev[i].event) == 0;
		if (found != 1)
			fail_msg("event %d stored %d times", i, found);
	}
}

static void expect_seen_equal(const atelier_usage_event *a, const atelier_usage_event *b)
{
	assert_string_equal(a->event, b->event);
	assert_string_equal(a->kind, b->kind);
	assert_string_equal(a->workstation, b->workstation);
	assert_string_equal(a->login_key, b->login_key);
	assert_string_equal(a->at, b->at);
	assert_string_equal(a->start_event, b->start_event);
}

static void reset_db(struct test_state *ts)
{
	memset(&ts->db, 0, sizeof(ts->db));
	ts->db.fail_at = -1;
}

/* Rewrite the events file with these bytes (as a crash would leave it). */
static void write_events(struct test_state *ts, const unsigned char *buf, size_t len)
{
	int fd = open(spool_file(ts, "events"), O_WRONLY | O_CREAT | O_TRUNC, 0600);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, buf, len), (ssize_t)len);
	assert_int_equal(close(fd), 0);
}

static size_t read_events(struct test_state *ts, unsigned char *buf, size_t cap)
{
	int fd = open(spool_file(ts, "events"), O_RDONLY);
	ssize_t n;

	assert_true(fd >= 0);
	n = read(fd, buf, cap);
	assert_true(n >= 0 && (size_t)n < cap);
	close(fd);
	return (size_t)n;
}

/* ------------------------------------------------------------------ tests */

static void test_spool_crc32c_known_value(void **state)
{
	(void)state;
	assert_int_equal(crc32c(0, "123456789", 9), 0xe3069283);
	assert_int_equal(crc32c(0, "", 0), 0);
	/* Chained like zlib's crc32(). */
	assert_int_equal(crc32c(crc32c(0, "1234", 4), "56789", 5), 0xe3069283);
}

static void test_spool_uuid_v4(void **state)
{
	char a[ATELIER_UUID_LEN + 1], b[ATELIER_UUID_LEN + 1];

	(void)state;
	assert_int_equal(atelier_uuid_v4(a), 0);
	assert_int_equal(atelier_uuid_v4(b), 0);
	assert_true(uuid_is_valid(a));
	assert_int_equal(a[14], '4');
	assert_non_null(strchr("89ab", a[19]));
	assert_string_not_equal(a, b);
	assert_false(uuid_is_valid("not-a-uuid"));
	assert_false(uuid_is_valid("0123456789abcdef0123456789abcdef0123"));
	assert_int_equal(atelier_uuid_v4(NULL), -1);
}

static void test_spool_append_and_read_back(void **state)
{
	struct test_state *ts = *state;
	atelier_spool_stats st;
	struct stat sb;
	int i;

	make_events(ts, 6);
	append_events(ts, 0, 6);
	/* Created 0700, the file 0600. */
	assert_int_equal(stat(ts->spool, &sb), 0);
	assert_int_equal(sb.st_mode & 07777, 0700);
	assert_int_equal(stat(spool_file(ts, "events"), &sb), 0);
	assert_int_equal(sb.st_mode & 07777, 0600);

	assert_int_equal(replay(ts, 0, &st), 0);
	assert_int_equal(st.stored, 6);
	assert_int_equal(st.duplicates + st.corrupt + st.torn + st.left + st.dropped, 0);
	assert_int_equal(ts->db.nseen, 6);
	for (i = 0; i < 6; i++)
		expect_seen_equal(&ts->db.seen[i], &ts->ev[i]); /* oldest first */
	/* Emptied: nothing left to replay, and a second replay sends nothing. */
	assert_false(file_exists(ts, "events"));
	assert_false(file_exists(ts, "events.replaying"));
	assert_false(file_exists(ts, "replay.pos"));
	assert_int_equal(replay(ts, 0, &st), 0);
	assert_int_equal(st.stored + st.duplicates, 0);
	assert_int_equal(ts->db.nseen, 6);
}

static void test_spool_missing_directory_is_empty(void **state)
{
	struct test_state *ts = *state;
	atelier_spool_stats st;

	memset(&st, 0xff, sizeof(st));
	assert_int_equal(replay(ts, 0, &st), 0);
	assert_int_equal(st.stored + st.duplicates + st.corrupt + st.torn + st.left + st.dropped,
			 0);
	/* A replay does not create the directory. */
	assert_int_equal(access(ts->spool, F_OK), -1);
}

static void test_spool_invalid_events_refused(void **state)
{
	struct test_state *ts = *state;
	atelier_usage_event e;
	atelier_error err;

	make_events(ts, 2);
	e = ts->ev[0];
	strcpy(e.event, "nope");
	assert_int_equal(atelier_spool_append(ts->spool, &e, 0, 0, &err), -1);
	assert_int_equal(err.category, ATELIER_E_USAGE);
	e = ts->ev[0];
	strcpy(e.kind, "begin");
	assert_int_equal(atelier_spool_append(ts->spool, &e, 0, 0, &err), -1);
	e = ts->ev[0];
	strcpy(e.start_event, ts->ev[1].event); /* a start naming a start */
	assert_int_equal(atelier_spool_append(ts->spool, &e, 0, 0, &err), -1);
	e = ts->ev[1];
	e.start_event[0] = '\0'; /* an end without its start */
	assert_int_equal(atelier_spool_append(ts->spool, &e, 0, 0, &err), -1);
	e = ts->ev[0];
	e.login_key[10] = 'G';
	assert_int_equal(atelier_spool_append(ts->spool, &e, 0, 0, &err), -1);
	e = ts->ev[0];
	strcpy(e.workstation, "pc 01"); /* a space is not a host name */
	assert_int_equal(atelier_spool_append(ts->spool, &e, 0, 0, &err), -1);
	e = ts->ev[0];
	e.at[0] = '\0';
	assert_int_equal(atelier_spool_append(ts->spool, &e, 0, 0, &err), -1);
	assert_int_equal(atelier_spool_append(ts->spool, NULL, 0, 0, &err), -1);
	assert_false(file_exists(ts, "events"));
}

/* A power cut while the last record was written: every length it may have. */
static void test_spool_torn_last_record_every_offset(void **state)
{
	struct test_state *ts = *state;
	unsigned char whole[4 * SPOOL_MAX_RECORD];
	atelier_spool_stats st;
	size_t len, last_start, cut;
	int i;

	make_events(ts, 3);
	append_events(ts, 0, 2);
	last_start = (size_t)size_of(ts, "events");
	append_events(ts, 2, 3);
	len = read_events(ts, whole, sizeof(whole));
	assert_true(len > last_start + SPOOL_HEADER);

	for (cut = last_start; cut < len; cut++) {
		reset_db(ts);
		write_events(ts, whole, cut);
		assert_int_equal(replay(ts, 0, &st), 0);
		if (st.stored != 2 || st.torn != (cut > last_start) || st.corrupt != 0)
			fail_msg("cut at %zu of %zu: stored %lld torn %lld corrupt %lld", cut, len,
				 st.stored, st.torn, st.corrupt);
		/* Never misread: exactly the first two events, as written. */
		assert_int_equal(ts->db.nseen, 2);
		for (i = 0; i < 2; i++)
			expect_seen_equal(&ts->db.seen[i], &ts->ev[i]);
		assert_false(file_exists(ts, "events.replaying"));
	}
}

/* A torn record followed by later appends (the spool kept being used after
 * the power cut) is damage in the middle: skipped, and the rest is read. */
static void test_spool_torn_record_then_appends(void **state)
{
	struct test_state *ts = *state;
	unsigned char whole[4 * SPOOL_MAX_RECORD];
	atelier_spool_stats st;
	size_t len, first_end;

	make_events(ts, 4);
	append_events(ts, 0, 1);
	first_end = (size_t)size_of(ts, "events");
	append_events(ts, 1, 2);
	len = read_events(ts, whole, sizeof(whole));
	write_events(ts, whole, first_end + (len - first_end) / 2);
	append_events(ts, 2, 4);
	assert_int_equal(replay(ts, 0, &st), 0);
	assert_int_equal(st.stored, 3);
	assert_int_equal(st.corrupt, 1);
	assert_int_equal(st.torn, 0);
	expect_seen_equal(&ts->db.seen[0], &ts->ev[0]);
	expect_seen_equal(&ts->db.seen[1], &ts->ev[2]);
	expect_seen_equal(&ts->db.seen[2], &ts->ev[3]);
}

/* Damage of each kind to the middle record of five. */
static void corrupt_middle(struct test_state *ts, size_t offset_in_record, unsigned char xor)
{
	unsigned char whole[8 * SPOOL_MAX_RECORD];
	atelier_spool_stats st;
	size_t len, third;
	int i, j;

	reset_db(ts);
	unlink(spool_file(ts, "events"));
	append_events(ts, 0, 2);
	third = (size_t)size_of(ts, "events");
	append_events(ts, 2, 5);
	len = read_events(ts, whole, sizeof(whole));
	whole[third + offset_in_record] ^= xor;
	write_events(ts, whole, len);
	assert_int_equal(replay(ts, 0, &st), 0);
	if (st.stored != 4 || st.corrupt != 1 || st.torn != 0)
		fail_msg("byte %zu ^ %#x: stored %lld corrupt %lld torn %lld", offset_in_record,
			 xor, st.stored, st.corrupt, st.torn);
	for (i = 0, j = 0; i < 5; i++)
		if (i != 2)
			expect_seen_equal(&ts->db.seen[j++], &ts->ev[i]);
}

static void test_spool_corrupt_checksum_in_the_middle(void **state)
{
	struct test_state *ts = *state;

	make_events(ts, 5);
	corrupt_middle(ts, SPOOL_HEADER + 20, 0x01); /* in the event's UUID */
	corrupt_middle(ts, SPOOL_HEADER + 60, 0x80); /* in the workstation */
	corrupt_middle(ts, 9, 0xff);                 /* in the checksum */
	corrupt_middle(ts, 0, 0x20);                 /* in the magic */
	corrupt_middle(ts, 4, 0x40);                 /* length, still plausible */
	corrupt_middle(ts, 5, 0x01);                 /* length past the end of file */
}

static void test_spool_garbage_between_records(void **state)
{
	struct test_state *ts = *state;
	unsigned char whole[4 * SPOOL_MAX_RECORD];
	static const unsigned char junk[] = "\xF5"
					    "ATS"
					    "\x10\x00\x00\x00 garbage \xF5\xF5";
	atelier_spool_stats st;
	size_t len, mid;

	make_events(ts, 2);
	append_events(ts, 0, 1);
	mid = (size_t)size_of(ts, "events");
	append_events(ts, 1, 2);
	len = read_events(ts, whole, sizeof(whole));
	memmove(whole + mid + sizeof(junk), whole + mid, len - mid);
	memcpy(whole + mid, junk, sizeof(junk));
	write_events(ts, whole, len + sizeof(junk));
	assert_int_equal(replay(ts, 0, &st), 0);
	assert_int_equal(st.stored, 2);
	assert_int_equal(st.corrupt, 1);
}

static void test_spool_cap_and_dropped_count(void **state)
{
	struct test_state *ts = *state;
	atelier_spool_stats st;
	atelier_error err;
	size_t two, cap;

	make_events(ts, 8);
	append_events(ts, 0, 2);
	two = (size_t)size_of(ts, "events");
	cap = two + 100; /* less than one more record */
	assert_int_equal(atelier_spool_append(ts->spool, &ts->ev[2], cap, 0, &err), -1);
	assert_int_equal(err.category, ATELIER_E_FULL);
	assert_non_null(strstr(err.message, ts->spool));
	assert_int_equal(atelier_spool_append(ts->spool, &ts->ev[3], cap, 0, &err), -1);
	assert_int_equal((long long)size_of(ts, "events"), (long long)two);

	assert_int_equal(replay(ts, 0, &st), 0);
	assert_int_equal(st.stored, 2);
	assert_int_equal(st.dropped, 2);
	/* Room again; the count of what was lost stays. */
	assert_int_equal(atelier_spool_append(ts->spool, &ts->ev[4], cap, 0, &err), 0);
	assert_int_equal(atelier_spool_append(ts->spool, &ts->ev[5], cap, 0, &err), 0);
	assert_int_equal(atelier_spool_append(ts->spool, &ts->ev[6], cap, 0, &err), -1);
	assert_int_equal(replay(ts, 0, &st), 0);
	assert_int_equal(st.stored, 2);
	assert_int_equal(st.dropped, 3);
}

/* The cap counts a replay's leftovers too. */
static void test_spool_cap_counts_replaying_file(void **state)
{
	struct test_state *ts = *state;
	atelier_error err;
	char from[PATH_MAX];
	size_t one;

	make_events(ts, 3);
	append_events(ts, 0, 1);
	one = (size_t)size_of(ts, "events");
	snprintf(from, sizeof(from), "%s", spool_file(ts, "events"));
	assert_int_equal(rename(from, spool_file(ts, "events.replaying")), 0);
	assert_int_equal(atelier_spool_append(ts->spool, &ts->ev[1], one * 3 / 2, 0, &err), -1);
	assert_int_equal(err.category, ATELIER_E_FULL);
}

static void expect_refused(struct test_state *ts, const char *word)
{
	atelier_spool_stats st;
	atelier_error err;

	make_events(ts, 1);
	assert_int_equal(atelier_spool_append(ts->spool, &ts->ev[0], 0, 0, &err), -1);
	assert_int_equal(err.category, ATELIER_E_USAGE);
	if (strstr(err.message, word) == NULL || strstr(err.message, ts->spool) == NULL)
		fail_msg("message lacks \"%s\" or the path: %s", word, err.message);
	assert_int_equal(spool_replay_with(ts->spool, fake_sink, &ts->db, 0, &st, &err), -1);
	assert_int_equal(err.category, ATELIER_E_USAGE);
	assert_int_equal(ts->db.calls, 0);
}

static void test_spool_open_to_others_refused(void **state)
{
	struct test_state *ts = *state;

	assert_int_equal(mkdir(ts->spool, 0700), 0);
	assert_int_equal(chmod(ts->spool, 0755), 0);
	expect_refused(ts, "chmod 0700");
	assert_int_equal(chmod(ts->spool, 0710), 0);
	expect_refused(ts, "chmod 0700");
	assert_int_equal(chmod(ts->spool, 0701), 0);
	expect_refused(ts, "chmod 0700");
}

static void test_spool_symlink_and_file_refused(void **state)
{
	struct test_state *ts = *state;
	char real[PATH_MAX];
	int fd;

	snprintf(real, sizeof(real), "%s/real", ts->top);
	assert_int_equal(mkdir(real, 0700), 0);
	assert_int_equal(symlink(real, ts->spool), 0);
	expect_refused(ts, "symbolic link");
	assert_int_equal(unlink(ts->spool), 0);
	fd = open(ts->spool, O_WRONLY | O_CREAT, 0600);
	assert_true(fd >= 0);
	close(fd);
	expect_refused(ts, "not a directory");
}

static void test_spool_other_owner_refused(void **state)
{
	struct test_state *ts = *state;

	if (geteuid() != 0)
		skip();
	assert_int_equal(mkdir(ts->spool, 0700), 0);
	assert_int_equal(chown(ts->spool, 65534, 65534), 0);
	expect_refused(ts, "belongs to user 65534");
}

/* The database goes away after k events, for every k; the next replay
 * stores the rest, and each event is stored exactly once. */
static void test_spool_interrupted_replay_stores_once(void **state)
{
	struct test_state *ts = *state;
	atelier_spool_stats st;
	atelier_error err;
	int k;

	make_events(ts, 10);
	for (k = 0; k <= 10; k++) {
		reset_db(ts);
		append_events(ts, 0, 10);
		ts->db.fail_at = k;
		st.left = -1;
		assert_int_equal(spool_replay_with(ts->spool, fake_sink, &ts->db, 0, &st, &err),
				 k < 10 ? -1 : 0);
		if (k < 10) {
			assert_int_equal(err.category, ATELIER_E_UNAVAILABLE);
			assert_int_equal(st.stored, k);
			assert_int_equal(st.left, 10 - k);
			assert_true(file_exists(ts, "events.replaying"));
		}
		/* Half the time the progress hint is lost, as after a crash. */
		if (k % 2 == 1)
			unlink(spool_file(ts, "replay.pos"));
		ts->db.fail_at = -1;
		assert_int_equal(replay(ts, 0, &st), 0);
		expect_stored_once(ts, 0, 10);
		assert_int_equal(st.duplicates, k % 2 == 1 ? k : 0);
		assert_false(file_exists(ts, "events.replaying"));
	}
}

/* A crash right after the replay took the file over, and events appended
 * since: the older ones go first. */
static void test_spool_crash_after_takeover(void **state)
{
	struct test_state *ts = *state;
	atelier_spool_stats st;
	char from[PATH_MAX];
	int i;

	make_events(ts, 6);
	append_events(ts, 0, 3);
	snprintf(from, sizeof(from), "%s", spool_file(ts, "events"));
	assert_int_equal(rename(from, spool_file(ts, "events.replaying")), 0);
	append_events(ts, 3, 6);
	assert_int_equal(replay(ts, 0, &st), 0);
	assert_int_equal(st.stored, 6);
	for (i = 0; i < 6; i++)
		expect_seen_equal(&ts->db.seen[i], &ts->ev[i]);
	assert_false(file_exists(ts, "events"));
	assert_false(file_exists(ts, "events.replaying"));
}

/* A stale progress hint (another file at the same place) is not trusted. */
static void test_spool_stale_progress_ignored(void **state)
{
	struct test_state *ts = *state;
	atelier_spool_stats st;
	int fd;

	make_events(ts, 4);
	append_events(ts, 0, 4);
	assert_true(mkdir(ts->spool, 0700) == 0 || errno == EEXIST);
	fd = open(spool_file(ts, "replay.pos"), O_WRONLY | O_CREAT | O_TRUNC, 0600);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "1 2 3 4\n", 8), 8);
	close(fd);
	assert_int_equal(replay(ts, 0, &st), 0);
	assert_int_equal(st.stored, 4);
}

/* A budget stops the replay between events; what is left waits. */
static void test_spool_budget_leaves_the_rest(void **state)
{
	struct test_state *ts = *state;
	atelier_spool_stats st;
	int first;

	make_events(ts, 20);
	append_events(ts, 0, 20);
	ts->db.sleep_ms = 10;
	assert_int_equal(replay(ts, 45, &st), 1);
	first = (int)st.stored;
	assert_true(first >= 1 && first < 20);
	assert_int_equal(st.left, 20 - first);
	ts->db.sleep_ms = 0;
	assert_int_equal(replay(ts, 0, &st), 0);
	/* It went on where it stopped: nothing sent twice. */
	assert_int_equal(st.stored, 20 - first);
	assert_int_equal(st.duplicates, 0);
	expect_stored_once(ts, 0, 20);
}

/* A replay with a budget does not wait for one running elsewhere. */
static void test_spool_busy_replay_not_waited_for(void **state)
{
	struct test_state *ts = *state;
	atelier_spool_stats st;
	int fd;

	make_events(ts, 2);
	append_events(ts, 0, 2);
	fd = open(spool_file(ts, "replay.lock"), O_RDWR | O_CREAT, 0600);
	assert_true(fd >= 0);
	assert_int_equal(flock(fd, LOCK_EX), 0);
	assert_int_equal(replay(ts, 100, &st), 1);
	assert_int_equal(ts->db.calls, 0);
	assert_int_equal(st.left, 2);
	close(fd);
	assert_int_equal(replay(ts, 100, &st), 0);
	expect_stored_once(ts, 0, 2);
}

/* Appends from another process while replays run: nothing lost, nothing
 * stored twice, no record damaged. */
static void test_spool_appends_during_replays(void **state)
{
	struct test_state *ts = *state;
	atelier_spool_stats st;
	long long corrupt = 0, torn = 0;
	int n = 300, status, rounds = 0;
	pid_t child;

	make_events(ts, n);
	append_events(ts, 0, 1);
	child = fork();
	assert_true(child >= 0);
	if (child == 0) {
		atelier_error err;
		int i;

		for (i = 1; i < n; i++)
			if (atelier_spool_append(ts->spool, &ts->ev[i], 0, -1, &err) != 0)
				_exit(1);
		_exit(0);
	}
	while (waitpid(child, &status, WNOHANG) == 0) {
		assert_true(replay(ts, 0, &st) >= 0);
		corrupt += st.corrupt;
		torn += st.torn;
		rounds++;
	}
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	assert_int_equal(replay(ts, 0, &st), 0);
	assert_int_equal(corrupt + torn + st.corrupt + st.torn, 0);
	expect_stored_once(ts, 0, n);
	print_message("# %d replays ran during the appends\n", rounds);
}

/* Quarantined events as atelier_spool_quarantine_each() gives them. */
struct seen_quarantine {
	atelier_usage_event ev[8];
	char reason[8][SPOOL_REASON_LEN];
	int n;
};

static int collect_quarantined(void *ctx, const atelier_usage_event *ev, const char *reason)
{
	struct seen_quarantine *q = ctx;

	assert_true(q->n < 8);
	q->ev[q->n] = *ev;
	snprintf(q->reason[q->n], sizeof(q->reason[0]), "%s", reason);
	q->n++;
	return 0;
}

/* A login on a PC the database does not know, and a record whose time is
 * not a time, in the middle of good events: both are set aside with why,
 * and every event behind them is stored, in order. */
static void test_spool_refused_events_quarantined(void **state)
{
	struct test_state *ts = *state;
	struct seen_quarantine q = { .n = 0 };
	atelier_spool_stats st;
	atelier_error err;
	int i, j;

	make_events(ts, 10);
	strcpy(ts->ev[2].workstation, "unknown-pc");
	strcpy(ts->ev[7].at, "not a time");
	append_events(ts, 0, 10);
	assert_int_equal(replay(ts, 0, &st), 0);
	assert_int_equal(st.stored, 8);
	assert_int_equal(st.quarantined, 2);
	assert_int_equal(st.in_quarantine, 2);
	assert_int_equal(st.left, 0);
	for (i = 0, j = 0; i < 10; i++)
		if (i != 2 && i != 7)
			expect_seen_equal(&ts->db.seen[j++], &ts->ev[i]);
	assert_false(file_exists(ts, "events.replaying"));

	assert_int_equal(atelier_spool_quarantine_each(ts->spool, collect_quarantined, &q, &err),
			 0);
	assert_int_equal(q.n, 2);
	expect_seen_equal(&q.ev[0], &ts->ev[2]);
	expect_seen_equal(&q.ev[1], &ts->ev[7]);
	assert_non_null(strstr(q.reason[0], "ATN02: The PC \"unknown-pc\" is not registered"));
	assert_non_null(strstr(q.reason[1], "22007: invalid input syntax"));
	/* The message quoted the login's pseudonym: the quarantine does not. */
	assert_null(strstr(q.reason[0], ts->ev[2].login_key));
	assert_int_equal(atelier_spool_status(ts->spool, &st, &err), 0);
	assert_int_equal(st.in_quarantine, 2);
	assert_int_equal(st.left, 0);

	/* A later replay does not send them again. */
	reset_db(ts);
	assert_int_equal(replay(ts, 0, &st), 0);
	assert_int_equal(ts->db.calls, 0);
	assert_int_equal(st.in_quarantine, 2);
}

/* Once the PC is registered, requeue puts the events back: the next
 * replay stores them; what is still refused goes back to the quarantine. */
static void test_spool_requeue(void **state)
{
	struct test_state *ts = *state;
	atelier_spool_stats st;
	atelier_error err;
	long long moved = -1;

	make_events(ts, 4);
	strcpy(ts->ev[0].workstation, "unknown-pc");
	strcpy(ts->ev[1].workstation, "unknown-pc");
	strcpy(ts->ev[3].at, "not a time");
	append_events(ts, 0, 4);
	assert_int_equal(replay(ts, 0, &st), 0);
	assert_int_equal(st.quarantined, 3);
	assert_int_equal(atelier_spool_requeue(ts->spool, &moved, &err), 0);
	assert_int_equal(moved, 3);
	assert_false(file_exists(ts, "quarantine"));
	assert_int_equal(atelier_spool_status(ts->spool, &st, &err), 0);
	assert_int_equal(st.left, 3);
	assert_int_equal(st.in_quarantine, 0);
	/* The PC is registered now; the time is still no time. */
	reset_db(ts);
	ts->db.registered = true;
	assert_int_equal(replay(ts, 0, &st), 0);
	assert_int_equal(st.stored, 2);
	assert_int_equal(st.quarantined, 1);
	assert_int_equal(st.in_quarantine, 1);
	expect_seen_equal(&ts->db.seen[0], &ts->ev[0]);
	expect_seen_equal(&ts->db.seen[1], &ts->ev[1]);
	/* Nothing to requeue is no error. */
	assert_int_equal(atelier_spool_requeue(ts->spool, &moved, &err), 0);
	assert_int_equal(moved, 1);
	assert_int_equal(atelier_spool_requeue(ts->spool, &moved, &err), 0);
	assert_int_equal(moved, 0);
}

/* A failure that can pass (a serialization failure, the connection lost)
 * is not a refusal: the replay stops there and keeps the order. */
static void test_spool_passing_failure_stops(void **state)
{
	static const char *const codes[] = { "40001", "40P01", "08006", "57P01", "" };
	struct test_state *ts = *state;
	atelier_spool_stats st;
	atelier_error err;
	size_t c;

	make_events(ts, 6);
	for (c = 0; c < sizeof(codes) / sizeof(codes[0]); c++) {
		reset_db(ts);
		append_events(ts, 0, 6);
		ts->db.fail_at = 2;
		snprintf(ts->db.fail_sqlstate, sizeof(ts->db.fail_sqlstate), "%s", codes[c]);
		assert_int_equal(spool_replay_with(ts->spool, fake_sink, &ts->db, 0, &st, &err),
				 -1);
		assert_int_equal(st.stored, 2);
		assert_int_equal(st.left, 4);
		assert_int_equal(st.quarantined, 0);
		assert_false(file_exists(ts, "quarantine"));
		ts->db.fail_at = -1;
		assert_int_equal(replay(ts, 0, &st), 0);
		expect_stored_once(ts, 0, 6);
		expect_seen_equal(&ts->db.seen[2], &ts->ev[2]);
	}
}

/* A quarantine that cannot keep the event: the replay stops and the event
 * stays in the spool, in its place. */
static void test_spool_quarantine_unwritable_keeps_event(void **state)
{
	struct test_state *ts = *state;
	atelier_spool_stats st;
	atelier_error err;

	make_events(ts, 4);
	strcpy(ts->ev[1].workstation, "unknown-pc");
	append_events(ts, 0, 4);
	assert_int_equal(mkdir(spool_file(ts, "quarantine"), 0700), 0);
	assert_int_equal(spool_replay_with(ts->spool, fake_sink, &ts->db, 0, &st, &err), -1);
	assert_int_equal(st.stored, 1);
	assert_int_equal(st.left, 3);
	assert_non_null(strstr(err.message, "quarantine"));
	assert_int_equal(rmdir(spool_file(ts, "quarantine")), 0);
	assert_int_equal(replay(ts, 0, &st), 0);
	assert_int_equal(st.stored, 2);
	assert_int_equal(st.quarantined, 1);
}

/* The disk of the spool fills up (a 64 KiB tmpfs, as root): every event
 * refused is counted, and the count is read back. */
static void test_spool_full_disk_counts_drops(void **state)
{
	struct test_state *ts = *state;
	char mnt[PATH_MAX / 4 + 8];
	atelier_spool_stats st;
	atelier_error err;
	int i, kept = 0, dropped = 0;

	snprintf(mnt, sizeof(mnt), "%s/full", ts->top);
	assert_int_equal(mkdir(mnt, 0700), 0);
	if (mount("tmpfs", mnt, "tmpfs", 0, "size=64k") != 0) {
		print_message("# SKIPPED full disk: mounting a tmpfs needs root (%s)\n",
			      strerror(errno));
		skip();
	}
	snprintf(ts->spool, sizeof(ts->spool), "%s/spool", mnt);
	make_events(ts, MAX_EVENTS);
	for (i = 0; i < MAX_EVENTS; i++) {
		if (atelier_spool_append(ts->spool, &ts->ev[i], 0, 100, &err) == 0) {
			kept++;
			continue;
		}
		assert_int_equal(err.category, ATELIER_E_FULL);
		assert_null(strstr(err.message, "could not be counted"));
		dropped++;
	}
	print_message("# %d events kept, %d dropped on a full 64 KiB disk\n", kept, dropped);
	assert_true(kept > 0 && dropped > 0);
	assert_int_equal(atelier_spool_status(ts->spool, &st, &err), 0);
	assert_int_equal(st.dropped, dropped);
	assert_int_equal(st.left, kept);
	assert_int_equal(replay(ts, 0, &st), 0);
	assert_int_equal(st.dropped, dropped);
	assert_int_equal(st.stored, kept);
	assert_int_equal(st.corrupt + st.torn, 0);
}

/* 200 logins at once on one machine (a terminal server): 200 processes
 * append a start and an end each through one spool with the PAM module's
 * short lock wait, while a replay runs now and then.  Every event is kept:
 * exactly 200 starts and 200 ends reach the database. */
#define PARALLEL 200
#define PAM_WAIT_MS 20
static void test_spool_parallel_appenders_lose_nothing(void **state)
{
	struct test_state *ts = *state;
	atelier_spool_stats st;
	long long corrupt = 0, torn = 0;
	pid_t kids[PARALLEL];
	int i, lost = 0, status, starts = 0, ends = 0;

	make_events(ts, 2 * PARALLEL);
	append_events(ts, 0, 1);
	for (i = 0; i < PARALLEL; i++) {
		kids[i] = fork();
		assert_true(kids[i] >= 0);
		if (kids[i] == 0) {
			atelier_error err;
			int rc = 0, k = i == 0 ? 1 : 2 * i;

			for (; k < 2 * i + 2; k++)
				if (atelier_spool_append(ts->spool, &ts->ev[k], 0, PAM_WAIT_MS,
							 &err) != 0)
					rc = 1;
			_exit(rc);
		}
		/* A login replays the spool now and then, as pam_atelier does. */
		if (i % 40 == 20) {
			assert_true(replay(ts, 0, &st) >= 0);
			corrupt += st.corrupt;
			torn += st.torn;
		}
	}
	for (i = 0; i < PARALLEL; i++) {
		assert_int_equal(waitpid(kids[i], &status, 0), kids[i]);
		lost += !(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	}
	assert_int_equal(replay(ts, 0, &st), 0);
	if (lost != 0)
		fail_msg("%d of %d processes lost an event", lost, PARALLEL);
	assert_int_equal(corrupt + torn + st.corrupt + st.torn, 0);
	expect_stored_once(ts, 0, 2 * PARALLEL);
	for (i = 0; i < ts->db.nseen; i++) {
		starts += strcmp(ts->db.seen[i].kind, "start") == 0;
		ends += strcmp(ts->db.seen[i].kind, "end") == 0;
	}
	assert_int_equal(starts, PARALLEL);
	assert_int_equal(ends, PARALLEL);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_spool_crc32c_known_value),
		T(test_spool_uuid_v4),
		T(test_spool_append_and_read_back),
		T(test_spool_missing_directory_is_empty),
		T(test_spool_invalid_events_refused),
		T(test_spool_torn_last_record_every_offset),
		T(test_spool_torn_record_then_appends),
		T(test_spool_corrupt_checksum_in_the_middle),
		T(test_spool_garbage_between_records),
		T(test_spool_cap_and_dropped_count),
		T(test_spool_cap_counts_replaying_file),
		T(test_spool_open_to_others_refused),
		T(test_spool_symlink_and_file_refused),
		T(test_spool_other_owner_refused),
		T(test_spool_interrupted_replay_stores_once),
		T(test_spool_crash_after_takeover),
		T(test_spool_stale_progress_ignored),
		T(test_spool_budget_leaves_the_rest),
		T(test_spool_busy_replay_not_waited_for),
		T(test_spool_appends_during_replays),
		T(test_spool_parallel_appenders_lose_nothing),
		T(test_spool_refused_events_quarantined),
		T(test_spool_requeue),
		T(test_spool_passing_failure_stops),
		T(test_spool_quarantine_unwritable_keeps_event),
		T(test_spool_full_disk_counts_drops),
	};

	return cmocka_run_group_tests_name("spool", tests, NULL, NULL);
}
