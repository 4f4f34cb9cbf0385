/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * spool.c - the spool directory, its locks, and appending an event.
 *
 * Only the user that owns the directory may write events into it: a
 * record there becomes a usage figure, so a directory other users can
 * reach is refused rather than trusted.  Files are opened relative to the
 * directory's descriptor and never through a symbolic link.
 *
 * Postfix's rule: write, fsync, and only then say it is kept.  Many
 * sessions may share one spool (a terminal server): each record is one
 * O_APPEND write(2), its space reserved first, under a shared lock, so that
 * appenders never wait for each other.  An event that cannot be kept (the
 * cap, a full disk) is counted in "dropped", whose place on disk is made
 * before it is needed.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "internal.h"

/* The count of dropped events: 20 digits and a newline, always. */
static const char *const DROPPED = "dropped";
#define DROPPED_WIDTH 21

static const char *dir_or_default(const char *dir)
{
	return dir != NULL && dir[0] != '\0' ? dir : ATELIER_SPOOL_DIR;
}

/* A new directory is only durable once its parent is fsync'ed too. */
static void sync_parent(const char *dir)
{
	char parent[4096];
	char *slash;
	int fd;

	snprintf(parent, sizeof(parent), "%s", dir);
	slash = strrchr(parent, '/');
	if (slash == NULL)
		snprintf(parent, sizeof(parent), ".");
	else if (slash == parent)
		slash[1] = '\0';
	else
		*slash = '\0';
	fd = open(parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
}

static int refuse_dir(const char *dir, const struct stat *st, atelier_error *err)
{
	if (!S_ISDIR(st->st_mode))
		error_set(err, ATELIER_E_USAGE,
			  _("The spool %s is not a directory; remove it or choose another path."),
			  dir);
	else if (st->st_uid != geteuid())
		error_set(err, ATELIER_E_USAGE,
			  _("The spool directory %s belongs to user %lu, not to this user (%lu); "
			    "run: chown %lu %s"),
			  dir, (unsigned long)st->st_uid, (unsigned long)geteuid(),
			  (unsigned long)geteuid(), dir);
	else if ((st->st_mode & 077) != 0)
		error_set(
			err, ATELIER_E_USAGE,
			_("The spool directory %s is open to other users (mode %04o); run: chmod 0700 %s"),
			dir, (unsigned)(st->st_mode & 07777), dir);
	else
		return 0;
	return -1;
}

/* 0 with *dirfd open; 1 when it does not exist and create is false; -1 with
 * err filled. */
int spool_dir_open(const char *dir, bool create, int *dirfd, atelier_error *err)
{
	struct stat st;
	int fd;

	dir = dir_or_default(dir);
	*dirfd = -1;
	if (create && mkdir(dir, 0700) == 0)
		sync_parent(dir);
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0 && errno == ENOENT && !create)
		return 1;
	if (fd < 0) {
		int e = errno;

		if (e == ENOTDIR || e == ELOOP)
			error_set(err, ATELIER_E_USAGE,
				  _("The spool %s is not a directory (or is a symbolic link); "
				    "remove it or choose another path."),
				  dir);
		else
			error_set(err, ATELIER_E_USAGE,
				  _("The spool directory %s cannot be opened: %s."), dir,
				  strerror(e));
		return -1;
	}
	if (fstat(fd, &st) != 0 || refuse_dir(dir, &st, err) != 0) {
		if (!error_is_set(err))
			error_set(err, ATELIER_E_INTERNAL,
				  _("The spool directory %s cannot be examined: %s."), dir,
				  strerror(errno));
		close(fd);
		return -1;
	}
	*dirfd = fd;
	return 0;
}

/* Opens (creating) the lock file name and locks it (how: LOCK_SH or
 * LOCK_EX); waits up to wait_ms (< 0: as long as needed).  The descriptor,
 * or -1 (errno EWOULDBLOCK when the wait ran out).  Closing it unlocks. */
int spool_lock(int dirfd, const char *name, int how, int wait_ms)
{
	long long until = atelier_clock_ms() + (wait_ms > 0 ? wait_ms : 0);
	int fd = openat(dirfd, name, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);

	if (fd < 0)
		return -1;
	for (;;) {
		int e;

		if (flock(fd, wait_ms < 0 ? how : how | LOCK_NB) == 0)
			return fd;
		e = errno;
		if (e == EINTR)
			continue;
		if (e != EWOULDBLOCK || atelier_clock_ms() >= until) {
			close(fd);
			errno = e;
			return -1;
		}
		/* The exclusive holder (a replay) keeps it for one rename. */
		nanosleep(&(struct timespec){ .tv_nsec = 1000000 }, NULL);
	}
}

static long long file_size(int dirfd, const char *name)
{
	struct stat st;

	return fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 ? (long long)st.st_size : 0;
}

long long spool_read_dropped(int dirfd)
{
	char text[DROPPED_WIDTH + 1] = "";
	int fd = openat(dirfd, DROPPED, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return 0;
	n = pread(fd, text, sizeof(text) - 1, 0);
	close(fd);
	if (n <= 0)
		return 0;
	text[n] = '\0';
	return strtoll(text, NULL, 10);
}

/* The counter is written at its full width when the spool is first used,
 * so that counting a drop later rewrites bytes that already have their
 * place on disk: on a full disk, a file that has to grow cannot be written
 * (the count of the drops then stayed empty). */
static void dropped_prepare(int dirfd)
{
	char text[DROPPED_WIDTH + 1];
	struct stat st;
	int fd;

	if (fstatat(dirfd, DROPPED, &st, AT_SYMLINK_NOFOLLOW) == 0 && st.st_size >= DROPPED_WIDTH)
		return;
	fd = openat(dirfd, DROPPED, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0)
		return;
	/* Under its own lock: two first appends must not both write a zero
	 * over a count the other one already made. */
	if (flock(fd, LOCK_EX) == 0 && fstat(fd, &st) == 0 && st.st_size < DROPPED_WIDTH) {
		long long had = spool_read_dropped(dirfd);

		snprintf(text, sizeof(text), "%0*lld\n", DROPPED_WIDTH - 1, had);
		if (pwrite(fd, text, DROPPED_WIDTH, 0) == DROPPED_WIDTH && fsync(fd) == 0)
			fsync(dirfd);
	}
	close(fd);
}

/* One more dropped event, counted durably in place.  Appenders run at
 * once, so the count is read and written under the counter's own lock.
 * Whether it was counted. */
static bool count_dropped(int dirfd)
{
	char text[DROPPED_WIDTH + 1];
	int fd = openat(dirfd, DROPPED, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
	bool counted = false;

	if (fd < 0)
		return false;
	if (flock(fd, LOCK_EX) == 0) {
		snprintf(text, sizeof(text), "%0*lld\n", DROPPED_WIDTH - 1,
			 spool_read_dropped(dirfd) + 1);
		counted = pwrite(fd, text, DROPPED_WIDTH, 0) == DROPPED_WIDTH && fsync(fd) == 0;
	}
	close(fd);
	return counted;
}

/* Writes the record with one write(2) on a descriptor opened O_APPEND:
 * Linux appends it whole at the end of the file, whatever other processes
 * append at the same time, so appenders need not wait for each other.  The
 * blocks are reserved first, so that a full disk refuses the record rather
 * than keep part of it.  Whatever is written short stays: it cannot be cut
 * off (others may have appended behind it) and the replay skips it as
 * damage.  0, or -1 with errno set. */
static int write_record(int fd, off_t end, const unsigned char *rec, size_t len)
{
	ssize_t n;

	if (fallocate(fd, FALLOC_FL_KEEP_SIZE, end, (off_t)len) != 0 && errno != EOPNOTSUPP &&
	    errno != ENOSYS)
		return -1;
	do
		n = write(fd, rec, len);
	while (n < 0 && errno == EINTR);
	if (n == (ssize_t)len)
		return 0;
	if (n >= 0)
		errno = ENOSPC;
	return -1;
}

/* Opens "events" for appending (creating it); the descriptor, or -1 with
 * errno set; *created tells whether this call made it. */
static int open_events(int dirfd, bool *created, struct stat *st)
{
	int fd;

	*created = true;
	fd = openat(dirfd, "events",
		    O_WRONLY | O_APPEND | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0 && errno == EEXIST) {
		*created = false;
		fd = openat(dirfd, "events", O_WRONLY | O_APPEND | O_NOFOLLOW | O_CLOEXEC);
	}
	if (fd < 0)
		return -1;
	if (fstat(fd, st) != 0 || !S_ISREG(st->st_mode) || st->st_uid != geteuid()) {
		close(fd);
		errno = EPERM;
		return -1;
	}
	return fd;
}

/* Appends one record to "events" and fsyncs; 0, or -1 with errno set (and
 * *full when the spool's cap was reached).  The append lock is shared: it
 * only keeps a replay from taking "events" over between the open and the
 * write, so that no record lands in a file the replay already read.  It is
 * let go before the fsync, which is the slow part. */
static int append_record(int dirfd, const unsigned char *rec, size_t len, size_t max_bytes,
			 int wait_ms, bool *full)
{
	bool created;
	struct stat st;
	int lockfd, fd, e = 0;

	*full = false;
	lockfd = spool_lock(dirfd, "append.lock", LOCK_SH, wait_ms);
	if (lockfd < 0)
		return -1;
	fd = open_events(dirfd, &created, &st);
	if (fd < 0) {
		e = errno;
	} else if ((unsigned long long)(st.st_size + file_size(dirfd, "events.replaying")) + len >
		   max_bytes) {
		*full = true;
	} else if (write_record(fd, st.st_size, rec, len) != 0) {
		e = errno;
	}
	close(lockfd);
	if (fd >= 0 && e == 0 && !*full && (fsync(fd) != 0 || (created && fsync(dirfd) != 0)))
		e = errno;
	if (fd >= 0)
		close(fd);
	errno = e;
	return e != 0 || *full ? -1 : 0;
}

int spool_append_record(int dirfd, const unsigned char *rec, size_t len, int wait_ms)
{
	bool full;

	return append_record(dirfd, rec, len, SIZE_MAX, wait_ms, &full);
}

int atelier_spool_append(const char *dir, const atelier_usage_event *ev, size_t max_bytes,
			 int wait_ms, atelier_error *err)
{
	unsigned char rec[SPOOL_MAX_RECORD];
	size_t len;
	bool full;
	int dirfd = -1, rv = -1, e;

	atelier_error_clear(err);
	dir = dir_or_default(dir);
	len = spool_encode(ev, rec);
	if (len == 0) {
		error_set(err, ATELIER_E_USAGE, "%s", _("The usage event to keep is not valid."));
		return -1;
	}
	if (max_bytes == 0)
		max_bytes = ATELIER_SPOOL_MAX_BYTES;
	if (spool_dir_open(dir, true, &dirfd, err) != 0)
		return -1;
	dropped_prepare(dirfd);
	rv = append_record(dirfd, rec, len, max_bytes, wait_ms, &full);
	e = errno;
	if (rv == 0)
		goto done;
	if (full || e == ENOSPC || e == EDQUOT || e == EFBIG) {
		bool counted = count_dropped(dirfd);

		if (full)
			error_set(
				err, ATELIER_E_FULL,
				counted ? _("The spool %s is full (%zu bytes); the event was dropped and counted.")
					: _("The spool %s is full (%zu bytes); the event was dropped (and could not be counted)."),
				dir, max_bytes);
		else
			error_set(
				err, ATELIER_E_FULL,
				counted ? _("The disk of the spool %s is full (%s); the event was dropped and counted.")
					: _("The disk of the spool %s is full (%s); the event was dropped (and could not be counted)."),
				dir, strerror(e));
		error_hint(err, "%s", _("Replay it with: atelier spool flush"));
	} else if (e == EWOULDBLOCK) {
		error_set(err, ATELIER_E_UNAVAILABLE, _("The spool %s could not be locked: %s."),
			  dir, strerror(e));
	} else {
		error_set(err, ATELIER_E_INTERNAL,
			  _("The event could not be written to the spool %s: %s."), dir,
			  strerror(e));
	}
done:
	close(dirfd);
	explicit_bzero(rec, sizeof(rec));
	return rv;
}
