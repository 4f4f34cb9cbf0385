/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * spool_quarantine.c - the events the database refused for good.
 *
 * A replay sends the spool oldest first and stops at the first failure, so
 * that the events wait in order while the database is away.  An event the
 * database refuses for good (a PC it does not know, a time that is not a
 * time) would stop it for ever, and every event behind it with it: such an
 * event goes to the file "quarantine" beside the spool instead (the same
 * records, version 2, with why it was refused), and the replay goes on.
 * "atelier spool show" lists them; "atelier spool requeue" puts them back
 * in the spool once the cause is fixed (the PC registered).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "internal.h"

bool spool_refused_for_good(const atelier_error *err)
{
	const char *s = err->sqlstate;

	/* Only a refusal the server gave: a failure on the way is passing. */
	if (s[0] == '\0')
		return false;
	if (strcmp(s, "40001") == 0 || strcmp(s, "40P01") == 0 || strncmp(s, "08", 2) == 0 ||
	    strncmp(s, "57", 2) == 0 || strncmp(s, "53", 2) == 0)
		return false;
	return err->category == ATELIER_E_USAGE || err->category == ATELIER_E_NOT_FOUND ||
	       err->category == ATELIER_E_CONFLICT;
}

/* Why err refused the event, as printable ASCII: "SQLSTATE: message".  A
 * run of 64 hexadecimal digits (a login's pseudonym, should a message ever
 * quote one) is left out: the quarantine is read by people. */
static void reason_of(const atelier_error *err, char out[SPOOL_REASON_LEN])
{
	const char *m = err->message;
	size_t n = (size_t)snprintf(out, SPOOL_REASON_LEN, "%s: ", err->sqlstate);

	while (*m != '\0' && n < SPOOL_REASON_LEN - 1) {
		size_t hex = strspn(m, "0123456789abcdefABCDEF");

		if (hex >= ATELIER_PSEUDONYM_LEN) {
			n += (size_t)snprintf(out + n, SPOOL_REASON_LEN - n, "...");
			m += hex;
			continue;
		}
		if (hex > 0) {
			size_t k = hex < SPOOL_REASON_LEN - 1 - n ? hex : SPOOL_REASON_LEN - 1 - n;

			memcpy(out + n, m, k);
			n += k;
			m += hex;
			continue;
		}
		out[n++] = (unsigned char)*m >= 0x20 && (unsigned char)*m <= 0x7e ? *m : '?';
		m++;
	}
	if (n > SPOOL_REASON_LEN - 1)
		n = SPOOL_REASON_LEN - 1;
	out[n] = '\0';
}

int spool_quarantine_put(int dirfd, const atelier_usage_event *ev, const atelier_error *err)
{
	unsigned char rec[SPOOL_MAX_RECORD];
	char reason[SPOOL_REASON_LEN];
	bool created = true;
	struct stat st;
	size_t len;
	int fd, e = 0;

	reason_of(err, reason);
	len = spool_encode_quarantined(ev, reason, rec);
	if (len == 0) {
		errno = EINVAL;
		return -1;
	}
	/* Only the holder of the replay lock writes here. */
	fd = openat(dirfd, SPOOL_QUARANTINE,
		    O_WRONLY | O_APPEND | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0 && errno == EEXIST) {
		created = false;
		fd = openat(dirfd, SPOOL_QUARANTINE, O_WRONLY | O_APPEND | O_NOFOLLOW | O_CLOEXEC);
	}
	if (fd < 0)
		return -1;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_uid != geteuid())
		e = EPERM;
	else if (write(fd, rec, len) != (ssize_t)len)
		e = errno != 0 ? errno : ENOSPC;
	else if (fsync(fd) != 0 || (created && fsync(dirfd) != 0))
		e = errno;
	/* A record written short is skipped as damage when read; the event
	 * itself stays in the spool, since the replay stops. */
	close(fd);
	explicit_bzero(rec, sizeof(rec));
	errno = e;
	return e == 0 ? 0 : -1;
}

int atelier_spool_status(const char *dir, atelier_spool_stats *stats, atelier_error *err)
{
	int dirfd, opened;

	atelier_error_clear(err);
	if (stats == NULL) {
		error_set(err, ATELIER_E_USAGE, "%s", _("No place for the figures was given."));
		return -1;
	}
	memset(stats, 0, sizeof(*stats));
	opened = spool_dir_open(dir, false, &dirfd, err);
	if (opened != 0)
		return opened > 0 ? 0 : -1;
	stats->left = spool_count_file(dirfd, "events", false) +
		      spool_count_file(dirfd, "events.replaying", false);
	stats->dropped = spool_read_dropped(dirfd);
	stats->in_quarantine = spool_count_file(dirfd, SPOOL_QUARANTINE, true);
	close(dirfd);
	return 0;
}

/* The quarantine of the open spool dirfd, mapped; 1 when there is none. */
static int map_quarantine(int dirfd, struct spool_map *m, atelier_error *err)
{
	int rv = spool_map_file(dirfd, SPOOL_QUARANTINE, m);

	if (rv < 0)
		error_set(err, ATELIER_E_INTERNAL, _("The spool file %s cannot be read: %s."),
			  SPOOL_QUARANTINE, strerror(errno));
	return rv;
}

int atelier_spool_quarantine_each(const char *dir, atelier_spool_quarantined_fn fn, void *ctx,
				  atelier_error *err)
{
	char reason[SPOOL_REASON_LEN];
	atelier_usage_event ev;
	struct spool_map m;
	enum spool_scan s;
	size_t pos = 0;
	int dirfd, rv;

	atelier_error_clear(err);
	rv = spool_dir_open(dir, false, &dirfd, err);
	if (rv != 0)
		return rv > 0 ? 0 : -1;
	rv = map_quarantine(dirfd, &m, err);
	close(dirfd);
	if (rv != 0)
		return rv > 0 ? 0 : -1;
	while ((s = spool_scan_quarantined(m.buf, m.len, &pos, &ev, reason)) != SPOOL_END)
		if (s == SPOOL_RECORD && (rv = fn(ctx, &ev, reason)) != 0)
			break;
	spool_unmap_file(&m);
	explicit_bzero(&ev, sizeof(ev));
	return rv;
}

/* Appends each quarantined event of m to "events"; 0, or -1 (err). */
static int requeue_all(int dirfd, const struct spool_map *m, long long *moved, atelier_error *err)
{
	unsigned char rec[SPOOL_MAX_RECORD];
	char reason[SPOOL_REASON_LEN];
	atelier_usage_event ev;
	enum spool_scan s;
	size_t pos = 0, len;
	int rv = 0;

	while (rv == 0 &&
	       (s = spool_scan_quarantined(m->buf, m->len, &pos, &ev, reason)) != SPOOL_END) {
		if (s != SPOOL_RECORD)
			continue;
		len = spool_encode(&ev, rec);
		if (len == 0 || spool_append_record(dirfd, rec, len, -1) != 0) {
			error_set(err, ATELIER_E_INTERNAL,
				  _("A quarantined event could not be put "
				    "back in the spool: %s; the quarantine is kept."),
				  strerror(len == 0 ? EINVAL : errno));
			rv = -1;
		} else {
			(*moved)++;
		}
	}
	explicit_bzero(rec, sizeof(rec));
	explicit_bzero(&ev, sizeof(ev));
	return rv;
}

int atelier_spool_requeue(const char *dir, long long *moved, atelier_error *err)
{
	long long mine = 0;
	struct spool_map m;
	int dirfd, lockfd, rv;

	atelier_error_clear(err);
	if (moved == NULL)
		moved = &mine;
	*moved = 0;
	rv = spool_dir_open(dir, false, &dirfd, err);
	if (rv != 0)
		return rv > 0 ? 0 : -1;
	/* No replay reads or writes the quarantine meanwhile. */
	lockfd = spool_lock(dirfd, "replay.lock", LOCK_EX, -1);
	if (lockfd < 0) {
		error_set(err, ATELIER_E_INTERNAL, _("The spool could not be locked: %s."),
			  strerror(errno));
		close(dirfd);
		return -1;
	}
	rv = map_quarantine(dirfd, &m, err);
	if (rv == 0) {
		rv = requeue_all(dirfd, &m, moved, err);
		spool_unmap_file(&m);
		/* Put back twice after a crash here: stored once all the same. */
		if (rv == 0 && (unlinkat(dirfd, SPOOL_QUARANTINE, 0) != 0 || fsync(dirfd) != 0)) {
			error_set(err, ATELIER_E_INTERNAL,
				  _("The spool file %s could not be removed: %s."),
				  SPOOL_QUARANTINE, strerror(errno));
			rv = -1;
		}
	}
	close(lockfd);
	close(dirfd);
	return rv < 0 ? -1 : 0;
}
