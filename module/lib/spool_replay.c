/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * spool_replay.c - sending the spool to the database, oldest first.
 *
 * A replay takes the whole "events" file over by renaming it to
 * "events.replaying" (under the append lock, so that no append is half in
 * it; later appends start a new "events"), then sends its records one by
 * one, and removes it only once every record is sent.  A crash at any point
 * leaves the file for the next replay, which sends its records again: the
 * database stores each event once, by its UUID.  "replay.pos" remembers how
 * far a replay got, so that one cut short by its time budget does not start
 * over; it is only a hint (never fsync'ed, checked before use, removed
 * before the file it describes).  An event the database refuses for good
 * goes to the quarantine (spool_quarantine.c) and the replay goes on; a
 * crash just after that may put it there twice, which requeue and the
 * database's one-row-per-UUID make harmless.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"

static const char *const TAKEN = "events.replaying";
static const char *const PROGRESS = "replay.pos";

struct replay {
	int dirfd;
	spool_sink sink;
	void *ctx;
	long long deadline; /* atelier_clock_ms(); 0: none */
	atelier_spool_stats *stats;
	atelier_error *err;
};

static bool exists(int dirfd, const char *name)
{
	struct stat st;

	return fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0;
}

/* Where the last replay of this very file stopped, if it says so. */
static size_t progress_load(int dirfd, const struct spool_map *m)
{
	unsigned long long dev, ino, size, off;
	char text[128];
	int fd = openat(dirfd, PROGRESS, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	ssize_t n = fd >= 0 ? pread(fd, text, sizeof(text) - 1, 0) : -1;

	if (fd >= 0)
		close(fd);
	if (n <= 0)
		return 0;
	text[n] = '\0';
	if (sscanf(text, "%llu %llu %llu %llu", &dev, &ino, &size, &off) != 4 ||
	    dev != (unsigned long long)m->st.st_dev || ino != (unsigned long long)m->st.st_ino ||
	    size != m->len || off > m->len)
		return 0;
	return off == m->len || spool_record_at(m->buf, m->len, off) ? (size_t)off : 0;
}

static void progress_save(int fd, const struct spool_map *m, size_t off)
{
	char text[128];
	int n = snprintf(text, sizeof(text), "%llu %llu %llu %llu\n",
			 (unsigned long long)m->st.st_dev, (unsigned long long)m->st.st_ino,
			 (unsigned long long)m->len, (unsigned long long)off);

	/* A lost or stale hint only means sending events again. */
	if (fd >= 0 && pwrite(fd, text, (size_t)n, 0) == n)
		(void)!ftruncate(fd, n);
}

/* The database refused ev.  For good (it would refuse it again): ev goes
 * to the quarantine and the replay goes on, 0.  Else (the database went
 * away, a timeout) or when the quarantine cannot keep it: -1, the replay
 * stops there and keeps ev and what follows it, in order. */
static int quarantine(struct replay *r, const atelier_usage_event *ev)
{
	if (!spool_refused_for_good(r->err))
		return -1;
	if (spool_quarantine_put(r->dirfd, ev, r->err) != 0) {
		int e = errno;

		error_set(r->err, ATELIER_E_INTERNAL,
			  _("An event the database refused could not be "
			    "kept in the spool's quarantine: %s."),
			  strerror(e));
		return -1;
	}
	r->stats->quarantined++;
	atelier_error_clear(r->err);
	return 0;
}

/* Sends the taken file.  0 all sent (file removed), 1 budget spent, -1 a
 * failure (err filled). */
static int replay_taken(struct replay *r)
{
	char outcome[ATELIER_OUTCOME_LEN];
	atelier_usage_event ev;
	struct spool_map m;
	size_t pos;
	int posfd = -1, rv = 0;

	rv = spool_map_file(r->dirfd, TAKEN, &m);
	if (rv != 0) {
		if (rv < 0)
			error_set(r->err, ATELIER_E_INTERNAL,
				  _("The spool file %s cannot be read: %s."), TAKEN,
				  strerror(errno));
		return rv < 0 ? -1 : 0;
	}
	pos = progress_load(r->dirfd, &m);
	posfd = openat(r->dirfd, PROGRESS, O_WRONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
	for (;;) {
		size_t before = pos;
		enum spool_scan s;

		if (r->deadline > 0 && atelier_clock_ms() >= r->deadline) {
			rv = 1;
			break;
		}
		s = spool_scan(m.buf, m.len, &pos, &ev);
		if (s == SPOOL_END)
			break;
		r->stats->corrupt += s == SPOOL_CORRUPT;
		r->stats->torn += s == SPOOL_TORN;
		if (s != SPOOL_RECORD)
			continue;
		if (r->sink(r->ctx, &ev, outcome, r->err) != 0) {
			if (quarantine(r, &ev) != 0) {
				pos = before;
				rv = -1;
				break;
			}
		} else if (strcmp(outcome, "duplicate") == 0)
			r->stats->duplicates++;
		else
			r->stats->stored++;
		progress_save(posfd, &m, pos);
	}
	if (posfd >= 0)
		close(posfd);
	if (rv == 0) {
		/* The hint first: it must never outlive the file it describes. */
		unlinkat(r->dirfd, PROGRESS, 0);
		unlinkat(r->dirfd, TAKEN, 0);
		fsync(r->dirfd);
	} else {
		r->stats->left += spool_count_records(&m, pos, false);
	}
	spool_unmap_file(&m);
	return rv;
}

/* Renames "events" to the taken file.  0 taken, 1 nothing to take or the
 * appenders kept the lock past the deadline, -1 error (err filled). */
static int take_events(struct replay *r)
{
	int wait = -1, lockfd, rv = 1;

	if (r->deadline > 0)
		wait = atelier_ms_left(r->deadline);
	if (r->deadline > 0 && wait <= 0)
		return 1;
	lockfd = spool_lock(r->dirfd, "append.lock", LOCK_EX, wait);
	if (lockfd < 0) {
		if (errno == EWOULDBLOCK)
			return 1;
		error_set(r->err, ATELIER_E_INTERNAL, _("The spool could not be locked: %s."),
			  strerror(errno));
		return -1;
	}
	if (exists(r->dirfd, "events")) {
		unlinkat(r->dirfd, PROGRESS, 0);
		if (renameat(r->dirfd, "events", r->dirfd, TAKEN) != 0) {
			error_set(r->err, ATELIER_E_INTERNAL,
				  _("The spool file events could not be "
				    "taken over for the replay: %s."),
				  strerror(errno));
			rv = -1;
		} else {
			rv = 0;
		}
	}
	/* Appenders wait for this lock: it is held for the rename only. */
	close(lockfd);
	if (rv == 0 && fsync(r->dirfd) != 0) {
		error_set(r->err, ATELIER_E_INTERNAL,
			  _("The spool file events could not be "
			    "taken over for the replay: %s."),
			  strerror(errno));
		rv = -1;
	}
	return rv;
}

/* Under the replay lock: the leftovers of an earlier replay first, then what
 * was appended since, while it keeps coming (a few rounds at most). */
static int replay_locked(struct replay *r)
{
	int round, rv = 0;

	for (round = 0; round < 3 && rv == 0; round++) {
		if (!exists(r->dirfd, TAKEN)) {
			int t = take_events(r);

			if (t != 0) {
				rv = t < 0 ? -1 : 0;
				break;
			}
		}
		rv = replay_taken(r);
	}
	return rv;
}

int spool_replay_with(const char *dir, spool_sink sink, void *ctx, int budget_ms,
		      atelier_spool_stats *stats, atelier_error *err)
{
	atelier_spool_stats mine;
	struct replay r = { .sink = sink, .ctx = ctx, .err = err };
	int lockfd = -1, rv, opened;

	atelier_error_clear(err);
	r.stats = stats != NULL ? stats : &mine;
	memset(r.stats, 0, sizeof(*r.stats));
	if (budget_ms > 0)
		r.deadline = atelier_clock_ms() + budget_ms;
	opened = spool_dir_open(dir, false, &r.dirfd, err);
	if (opened != 0)
		return opened > 0 ? 0 : -1;
	r.stats->dropped = spool_read_dropped(r.dirfd);
	rv = 0;
	if (!exists(r.dirfd, "events") && !exists(r.dirfd, TAKEN))
		goto done;
	/* With a budget, a replay running elsewhere is not waited for. */
	lockfd = spool_lock(r.dirfd, "replay.lock", LOCK_EX, budget_ms > 0 ? 0 : -1);
	if (lockfd < 0 && errno != EWOULDBLOCK) {
		error_set(err, ATELIER_E_INTERNAL, _("The spool could not be locked: %s."),
			  strerror(errno));
		rv = -1;
		goto done;
	}
	if (lockfd < 0) {
		rv = 1;
		r.stats->left += spool_count_file(r.dirfd, TAKEN, false);
	} else {
		rv = replay_locked(&r);
	}
	if (exists(r.dirfd, "events")) {
		r.stats->left += spool_count_file(r.dirfd, "events", false);
		if (rv == 0 && r.stats->left > 0)
			rv = 1;
	}
done:
	r.stats->in_quarantine = spool_count_file(r.dirfd, SPOOL_QUARANTINE, true);
	if (lockfd >= 0)
		close(lockfd);
	close(r.dirfd);
	return rv;
}

static int record_sink(void *ctx, const atelier_usage_event *ev, char outcome[ATELIER_OUTCOME_LEN],
		       atelier_error *err)
{
	return atelier_record_usage_event(
		ctx, ev->event, ev->kind, ev->workstation, ev->login_key, ev->at,
		ev->start_event[0] != '\0' ? ev->start_event : NULL, outcome, err);
}

int atelier_spool_replay(atelier *h, const char *dir, int budget_ms, atelier_spool_stats *stats,
			 atelier_error *err)
{
	if (h == NULL) {
		if (stats != NULL)
			memset(stats, 0, sizeof(*stats));
		error_set(err, ATELIER_E_USAGE, "%s", _("No connection handle was given."));
		return -1;
	}
	return spool_replay_with(dir, record_sink, h, budget_ms, stats, err);
}
