/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * spool_map.c - reading a spool file: mapped read-only, and counted.
 *
 * A file is read only when it is a regular file of this user, as the
 * directory itself: a record there becomes a usage figure.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "internal.h"

int spool_map_file(int dirfd, const char *name, struct spool_map *m)
{
	int fd = openat(dirfd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	int rv = -1;

	memset(m, 0, sizeof(*m));
	if (fd < 0)
		return errno == ENOENT ? 1 : -1;
	if (fstat(fd, &m->st) != 0)
		goto done;
	if (!S_ISREG(m->st.st_mode) || m->st.st_uid != geteuid()) {
		errno = EPERM;
		goto done;
	}
	m->len = (size_t)m->st.st_size;
	if (m->len > 0) {
		void *p = mmap(NULL, m->len, PROT_READ, MAP_PRIVATE, fd, 0);

		if (p == MAP_FAILED)
			goto done;
		m->buf = p;
	}
	rv = 0;
done:
	close(fd);
	return rv;
}

void spool_unmap_file(struct spool_map *m)
{
	if (m->buf != NULL)
		munmap((void *)m->buf, m->len);
	m->buf = NULL;
}

long long spool_count_records(const struct spool_map *m, size_t pos, bool quarantined)
{
	char reason[SPOOL_REASON_LEN];
	atelier_usage_event ev;
	enum spool_scan s;
	long long n = 0;

	while ((s = spool_scan_quarantined(m->buf, m->len, &pos, &ev,
					   quarantined ? reason : NULL)) != SPOOL_END)
		n += s == SPOOL_RECORD;
	return n;
}

long long spool_count_file(int dirfd, const char *name, bool quarantined)
{
	struct spool_map m;
	long long n;

	if (spool_map_file(dirfd, name, &m) != 0)
		return 0;
	n = spool_count_records(&m, 0, quarantined);
	spool_unmap_file(&m);
	return n;
}
