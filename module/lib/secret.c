/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * secret.c - the pseudonymisation key file.
 *
 * The key turns patron identifiers into pseudonyms; whoever reads it can
 * re-identify people.  So the file is checked the way sshd checks host
 * keys: a real file, not readable by others, not writable by the group,
 * and every refusal says exactly what to change.  The key never appears
 * in a message and is wiped from memory before it is released.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"

/* 32 bytes = 256 bits, the HMAC-SHA-256 block of security we promise. */
#define SECRET_MIN_LEN 32
/* Far more than any sane key; bounds what a wrong path makes us read. */
#define SECRET_MAX_LEN 4096

struct atelier_secret {
	size_t len;
	unsigned char *key; /* SECRET_MAX_LEN + 1 bytes, wiped before free */
};

/* Write one sentence into errbuf, if the caller gave one. */
__attribute__((format(printf, 3, 4))) static void set_error(char *errbuf, size_t errlen,
							    const char *fmt, ...)
{
	va_list ap;

	if (errbuf == NULL || errlen == 0)
		return;
	va_start(ap, fmt);
	vsnprintf(errbuf, errlen, fmt, ap);
	va_end(ap);
}

/* Say why open() failed, in terms of what the administrator should do. */
static void report_open_error(const char *path, int err, char *errbuf, size_t errlen)
{
	switch (err) {
	case ENOENT:
		set_error(errbuf, errlen,
			  _("The secret file %s does not exist; create it with: "
			    "(umask 027 && openssl rand -hex 32 > %s)"),
			  path, path);
		break;
	case ELOOP:
		/* O_NOFOLLOW: a link could be redirected to another file. */
		set_error(errbuf, errlen,
			  _("The secret file %s is a symbolic link, which is "
			    "refused; configure the path of the real file instead"),
			  path);
		break;
	case EACCES:
		set_error(errbuf, errlen,
			  _("The secret file %s cannot be read by this user; make "
			    "it readable by this service's user or group"),
			  path);
		break;
	default:
		set_error(errbuf, errlen,
			  _("The secret file %s cannot be opened (%s); check the "
			    "path in the configuration"),
			  path, strerror(err));
		break;
	}
}

/*
 * Check what fstat() says about the open file.  Returns 0 if acceptable,
 * -1 with errbuf filled otherwise.
 */
static int check_file_status(const char *path, const struct stat *st, char *errbuf, size_t errlen)
{
	unsigned int mode = (unsigned int)(st->st_mode & 07777);

	if (!S_ISREG(st->st_mode)) {
		set_error(errbuf, errlen,
			  _("The secret file %s is not a regular file; configure "
			    "the path of a plain file holding the key"),
			  path);
		return -1;
	}
	if ((st->st_mode & S_IRWXO) != 0) {
		set_error(errbuf, errlen,
			  _("The secret file %s is accessible by other users "
			    "(mode %04o); run: chmod 0640 %s"),
			  path, mode, path);
		return -1;
	}
	if ((st->st_mode & S_IWGRP) != 0) {
		set_error(errbuf, errlen,
			  _("The secret file %s is writable by its group "
			    "(mode %04o); run: chmod 0640 %s"),
			  path, mode, path);
		return -1;
	}
	if (st->st_size < SECRET_MIN_LEN || st->st_size > SECRET_MAX_LEN) {
		set_error(errbuf, errlen,
			  _("The secret file %s holds %lld bytes, but a key must "
			    "be %d to %d bytes; create one with: "
			    "(umask 027 && openssl rand -hex 32 > %s)"),
			  path, (long long)st->st_size, SECRET_MIN_LEN, SECRET_MAX_LEN, path);
		return -1;
	}
	return 0;
}

/*
 * Read the whole file into buf (capacity cap).  Reads until end of file
 * so a file that grew after fstat() is noticed (*len == cap).
 * Returns 0 or -1 with errno set.
 */
static int read_all(int fd, unsigned char *buf, size_t cap, size_t *len)
{
	size_t got = 0;

	while (got < cap) {
		ssize_t n = read(fd, buf + got, cap - got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (n == 0)
			break;
		got += (size_t)n;
	}
	*len = got;
	return 0;
}

/* Read and check the key; fd is open on a file that passed the checks. */
static atelier_secret *read_secret(int fd, const char *path, char *errbuf, size_t errlen)
{
	atelier_secret *s = calloc(1, sizeof *s);

	/* One byte more than allowed, to detect a file that grew. */
	if (s == NULL || (s->key = malloc(SECRET_MAX_LEN + 1)) == NULL) {
		set_error(errbuf, errlen,
			  _("Out of memory while reading the "
			    "secret file %s; retry or free some memory"),
			  path);
		free(s);
		return NULL;
	}
	if (read_all(fd, s->key, SECRET_MAX_LEN + 1, &s->len) != 0) {
		set_error(errbuf, errlen,
			  _("The secret file %s could not be "
			    "read (%s); check the disk and the file"),
			  path, strerror(errno));
		goto fail;
	}
	/* "openssl rand -hex 32 > file" and base64 both end with a newline. */
	if (s->len > 0 && s->key[s->len - 1] == '\n')
		s->len--;
	if (s->len < SECRET_MIN_LEN || s->len > SECRET_MAX_LEN) {
		set_error(errbuf, errlen,
			  _("The secret file %s must hold a key "
			    "of %d to %d bytes (a final newline does not count); "
			    "create one with: "
			    "(umask 027 && openssl rand -hex 32 > %s)"),
			  path, SECRET_MIN_LEN, SECRET_MAX_LEN, path);
		goto fail;
	}
	return s;

fail:
	atelier_secret_free(s);
	return NULL;
}

atelier_secret *atelier_secret_load(const char *path, char *errbuf, size_t errlen)
{
	atelier_secret *s = NULL;
	struct stat st;
	int fd;

	if (errbuf != NULL && errlen > 0)
		errbuf[0] = '\0';
	if (path == NULL || path[0] == '\0') {
		set_error(errbuf, errlen,
			  _("No secret file was given; set the "
			    "path of the key file in the configuration"));
		return NULL;
	}

	/* O_NONBLOCK: a FIFO planted at the path must not hang us in open();
	 * it is then refused as not a regular file. */
	fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0) {
		report_open_error(path, errno, errbuf, errlen);
		return NULL;
	}
	/* Check the file we opened, not the path: no race with a rename. */
	if (fstat(fd, &st) != 0) {
		set_error(errbuf, errlen,
			  _("The secret file %s cannot be "
			    "examined (%s); check the file"),
			  path, strerror(errno));
		goto done;
	}
	if (check_file_status(path, &st, errbuf, errlen) != 0)
		goto done;
	s = read_secret(fd, path, errbuf, errlen);

done:
	close(fd);
	return s;
}

const unsigned char *atelier_secret_bytes(const atelier_secret *s, size_t *len)
{
	if (len != NULL)
		*len = s != NULL ? s->len : 0;
	return s != NULL ? s->key : NULL;
}

int atelier_secret_pseudonym(const atelier_secret *s, const char *patron_id,
			     char out[ATELIER_PSEUDONYM_LEN + 1])
{
	if (s == NULL || patron_id == NULL) {
		if (out != NULL)
			out[0] = '\0';
		return -1;
	}
	return atelier_pseudonym(s->key, s->len, patron_id, strlen(patron_id), out);
}

void atelier_secret_free(atelier_secret *s)
{
	if (s == NULL)
		return;
	if (s->key != NULL) {
		/* The whole buffer: bytes past len may hold the stripped tail. */
		explicit_bzero(s->key, SECRET_MAX_LEN + 1);
		free(s->key);
	}
	explicit_bzero(s, sizeof *s);
	free(s);
}
