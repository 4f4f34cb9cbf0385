/*
 * spool.c - the spool directory, its locks, and appending an event.
 *
 * Only the user that owns the directory may write events into it: a
 * record there becomes a usage figure, so a directory other users can
 * reach is refused rather than trusted.  Files are opened relative to the
 * directory's descriptor and never through a symbolic link.
 *
 * Postfix's rule: write, fsync, and only then say it is kept.  A write cut
 * short (disk full) is cut off again so that the next record starts clean.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "internal.h"

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
			  _("The spool %s is not a directory; remove it or choose another path."), dir);
	else if (st->st_uid != geteuid())
		error_set(err, ATELIER_E_USAGE,
			  _("The spool directory %s belongs to user %lu, not to this user (%lu); "
			    "run: chown %lu %s"), dir, (unsigned long)st->st_uid,
			  (unsigned long)geteuid(), (unsigned long)geteuid(), dir);
	else if ((st->st_mode & 077) != 0)
		error_set(err, ATELIER_E_USAGE,
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
				    "remove it or choose another path."), dir);
		else
			error_set(err, ATELIER_E_USAGE, _("The spool directory %s cannot be opened: %s."),
				  dir, strerror(e));
		return -1;
	}
	if (fstat(fd, &st) != 0 || refuse_dir(dir, &st, err) != 0) {
		if (!error_is_set(err))
			error_set(err, ATELIER_E_INTERNAL, _("The spool directory %s cannot be examined: %s."),
				  dir, strerror(errno));
		close(fd);
		return -1;
	}
	*dirfd = fd;
	return 0;
}

/* Opens (creating) the lock file name and locks it exclusively; waits up to
 * wait_ms (< 0: as long as needed).  The descriptor, or -1 (errno
 * EWOULDBLOCK when the wait ran out).  Closing it unlocks. */
int spool_lock(int dirfd, const char *name, int wait_ms)
{
	long long until = monotonic_ms() + (wait_ms > 0 ? wait_ms : 0);
	int fd = openat(dirfd, name, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);

	if (fd < 0)
		return -1;
	for (;;) {
		int e;

		if (flock(fd, wait_ms < 0 ? LOCK_EX : LOCK_EX | LOCK_NB) == 0)
			return fd;
		e = errno;
		if (e == EINTR)
			continue;
		if (e != EWOULDBLOCK || monotonic_ms() >= until) {
			close(fd);
			errno = e;
			return -1;
		}
		/* Holders keep the lock for one fsync or one rename. */
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
	char text[32] = "";
	int fd = openat(dirfd, "dropped", O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
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

/* One more dropped event, counted durably (called with the append lock). */
static void count_dropped(int dirfd)
{
	char text[32];
	long long n = spool_read_dropped(dirfd) + 1;
	int len = snprintf(text, sizeof(text), "%lld\n", n);
	int fd = openat(dirfd, "dropped", O_WRONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);

	if (fd < 0)
		return;
	if (pwrite(fd, text, (size_t)len, 0) == len && ftruncate(fd, len) == 0)
		fsync(fd);
	close(fd);
	fsync(dirfd);
}

static int write_all(int fd, const unsigned char *buf, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, buf, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (n == 0)
				errno = EIO;
			return -1;
		}
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Appends one record to "events" and fsyncs; 0, or -1 with errno set. */
static int append_record(int dirfd, const unsigned char *rec, size_t len)
{
	bool created = true;
	struct stat st;
	int fd, rv = -1, e = 0;

	fd = openat(dirfd, "events", O_WRONLY | O_APPEND | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0 && errno == EEXIST) {
		created = false;
		fd = openat(dirfd, "events", O_WRONLY | O_APPEND | O_NOFOLLOW | O_CLOEXEC);
	}
	if (fd < 0)
		return -1;
	if (fstat(fd, &st) != 0) {
		e = errno;
		goto done;
	}
	if (!S_ISREG(st.st_mode) || st.st_uid != geteuid()) {
		e = EPERM;
		goto done;
	}
	if (write_all(fd, rec, len) != 0) {
		e = errno;
		/* Cut the partial record off; the next one then starts clean. */
		if (ftruncate(fd, st.st_size) == 0)
			fsync(fd);
		goto done;
	}
	if (fsync(fd) != 0 || (created && fsync(dirfd) != 0)) {
		e = errno;
		goto done;
	}
	rv = 0;
done:
	close(fd);
	errno = e;
	return rv;
}

int atelier_spool_append(const char *dir, const atelier_usage_event *ev,
			 size_t max_bytes, int wait_ms, atelier_error *err)
{
	unsigned char rec[SPOOL_MAX_RECORD];
	size_t len;
	int dirfd = -1, lockfd = -1, rv = -1;

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
	lockfd = spool_lock(dirfd, "append.lock", wait_ms);
	if (lockfd < 0) {
		error_set(err, errno == EWOULDBLOCK ? ATELIER_E_UNAVAILABLE : ATELIER_E_INTERNAL,
			  _("The spool %s could not be locked: %s."), dir, strerror(errno));
		goto done;
	}
	if ((unsigned long long)(file_size(dirfd, "events") + file_size(dirfd, "events.replaying")) + len >
	    max_bytes) {
		count_dropped(dirfd);
		error_set(err, ATELIER_E_FULL,
			  _("The spool %s is full (%zu bytes); the event was dropped and counted."),
			  dir, max_bytes);
		error_hint(err, "%s", _("Replay it with: atelier spool flush"));
		goto done;
	}
	if (append_record(dirfd, rec, len) != 0) {
		int e = errno;

		if (e == ENOSPC || e == EDQUOT)
			count_dropped(dirfd);
		error_set(err, e == ENOSPC || e == EDQUOT ? ATELIER_E_FULL : ATELIER_E_INTERNAL,
			  _("The event could not be written to the spool %s: %s."), dir, strerror(e));
		goto done;
	}
	rv = 0;
done:
	if (lockfd >= 0)
		close(lockfd);
	close(dirfd);
	explicit_bzero(rec, sizeof(rec));
	return rv;
}
