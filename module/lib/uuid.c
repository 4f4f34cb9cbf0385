/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * uuid.c - random UUIDs for usage events.  The workstation names each event
 * itself, so that sending an event twice (a replay after a crash) stores it
 * once.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

#include "internal.h"

/* /dev/urandom never blocks, even before the kernel's generator is fully
 * seeded at boot, when a display manager may already log people in. */
static int urandom(unsigned char *buf, size_t len)
{
	size_t got = 0;
	int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return -1;
	while (got < len) {
		ssize_t n = read(fd, buf + got, len - got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	close(fd);
	return got == len ? 0 : -1;
}

static int random_bytes(unsigned char *buf, size_t len)
{
	ssize_t n;

	do
		n = getrandom(buf, len, GRND_NONBLOCK);
	while (n < 0 && errno == EINTR);
	if (n == (ssize_t)len)
		return 0;
	return urandom(buf, len);
}

int atelier_uuid_v4(char out[ATELIER_UUID_LEN + 1])
{
	unsigned char b[16];

	if (out == NULL)
		return -1;
	if (random_bytes(b, sizeof(b)) != 0) {
		out[0] = '\0';
		return -1;
	}
	b[6] = (unsigned char)((b[6] & 0x0f) | 0x40); /* version 4 */
	b[8] = (unsigned char)((b[8] & 0x3f) | 0x80); /* RFC 4122 variant */
	snprintf(out, ATELIER_UUID_LEN + 1,
		 "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0], b[1],
		 b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14],
		 b[15]);
	explicit_bzero(b, sizeof(b));
	return 0;
}

bool uuid_is_valid(const char *s)
{
	size_t i;

	if (s == NULL || strlen(s) != ATELIER_UUID_LEN)
		return false;
	for (i = 0; i < ATELIER_UUID_LEN; i++) {
		bool dash = i == 8 || i == 13 || i == 18 || i == 23;

		if (dash ? s[i] != '-' : strchr("0123456789abcdefABCDEF", s[i]) == NULL)
			return false;
	}
	return true;
}
