/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * session_file.c - the saved staff session.
 *
 * The token in this file lets whoever reads it act as the staff member
 * until it expires, so it is kept like an ssh key: a directory of mode 0700
 * and a file of mode 0600, both owned by the user; links are never followed
 * (O_NOFOLLOW, and everything opened relative to the directory's descriptor
 * so nothing can be swapped between checks); a new file is written under a
 * temporary name created with O_EXCL, synced, then renamed over the old.
 */
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "diagnostics.h"
#include "session_file.h"

#define SESSION_NAME "session"
#define SESSION_MAGIC "atelier-session 1"

/* The directory that holds the file, and whether its parent may need to be
 * created (~/.cache). */
static int session_dir(char *buf, size_t len, char *parent, size_t plen)
{
	const char *runtime = getenv("XDG_RUNTIME_DIR");
	const char *home = getenv("HOME");

	parent[0] = '\0';
	if (runtime != NULL && runtime[0] == '/') {
		snprintf(buf, len, "%s/atelier", runtime);
		return 0;
	}
	if (home == NULL || home[0] != '/') {
		struct passwd *pw = getpwuid(getuid());

		home = pw != NULL ? pw->pw_dir : NULL;
	}
	if (home == NULL || home[0] != '/')
		return -1;
	snprintf(parent, plen, "%s/.cache", home);
	snprintf(buf, len, "%s/.cache/atelier", home);
	return 0;
}

/* Opens the directory without following a link; checks it is ours. */
static int open_dir(const char *dir, const char **why)
{
	struct stat st;
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);

	*why = NULL;
	if (fd < 0) {
		if (errno == ELOOP || errno == ENOTDIR)
			*why = _("it is a symbolic link or not a directory");
		return -1;
	}
	if (fstat(fd, &st) != 0 || st.st_uid != geteuid()) {
		*why = _("it belongs to another user");
		close(fd);
		return -1;
	}
	/* Our own directory with loose permissions: tighten it. */
	if ((st.st_mode & 077) != 0 && fchmod(fd, 0700) != 0) {
		*why = _("other users may open it");
		close(fd);
		return -1;
	}
	return fd;
}

static const char *file_problem(const struct stat *st)
{
	if (!S_ISREG(st->st_mode))
		return _("it is not a regular file");
	if (st->st_uid != geteuid())
		return _("it belongs to another user");
	if ((st->st_mode & 077) != 0)
		return _("other users may read it (its mode should be 0600)");
	if (st->st_size > 4096)
		return _("it is too large");
	return NULL;
}

/* Parses the file's lines into s; false when any is missing or odd. */
static bool parse(char *text, struct saved_session *s)
{
	char *line, *save = NULL;
	int seen = 0;

	memset(s, 0, sizeof(*s));
	line = strtok_r(text, "\n", &save);
	if (line == NULL || strcmp(line, SESSION_MAGIC) != 0)
		return false;
	while ((line = strtok_r(NULL, "\n", &save)) != NULL) {
		char *value = strchr(line, ' ');

		if (value == NULL)
			return false;
		*value++ = '\0';
		if (strcmp(line, "token") == 0 && strlen(value) == ATELIER_TOKEN_LEN) {
			memcpy(s->token, value, ATELIER_TOKEN_LEN + 1);
			seen |= 1;
		} else if (strcmp(line, "login") == 0 && value[0] != '\0' &&
			   strlen(value) < sizeof(s->login)) {
			strcpy(s->login, value);
			seen |= 2;
		} else if (strcmp(line, "expires") == 0) {
			s->expires = strtoll(value, NULL, 10);
			seen |= 4;
		} else if (strcmp(line, "db") == 0 && strlen(value) == 64) {
			memcpy(s->db, value, 65);
			seen |= 8;
		}
	}
	return seen == 15;
}

int session_load(struct saved_session *s)
{
	char dir[4096], parent[4096], text[4097];
	const char *why = NULL;
	struct stat st;
	int dfd, fd = -1, found = 0;
	ssize_t n;

	memset(s, 0, sizeof(*s));
	if (session_dir(dir, sizeof(dir), parent, sizeof(parent)) != 0)
		return 0;
	dfd = open_dir(dir, &why);
	if (dfd < 0)
		goto done;
	fd = openat(dfd, SESSION_NAME, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0) {
		if (errno == ELOOP)
			why = _("it is a symbolic link");
		goto done;
	}
	if (fstat(fd, &st) != 0 || (why = file_problem(&st)) != NULL)
		goto done;
	n = read(fd, text, sizeof(text) - 1);
	if (n < 0)
		goto done;
	text[n] = '\0';
	if (!parse(text, s)) {
		why = _("it is damaged");
		memset(s, 0, sizeof(*s));
		goto done;
	}
	found = 1;
done:
	if (why != NULL)
		report_warning(_("Ignoring the saved session in %s: %s."), dir, why);
	explicit_bzero(text, sizeof(text));
	if (fd >= 0)
		close(fd);
	if (dfd >= 0)
		close(dfd);
	return found;
}

static int write_all(int fd, const char *buf, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, buf, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

static void save_failed(atelier_error *err, const char *dir, const char *why)
{
	report_set(err, ATELIER_E_INTERNAL,
		   _("Check that your home directory is writable, or set XDG_RUNTIME_DIR."),
		   _("Your session could not be saved in %s: %s."), dir, why);
}

int session_save(const struct saved_session *s, atelier_error *err)
{
	char dir[4096], parent[4096], tmp[64], text[1024];
	const char *why = NULL;
	int dfd = -1, fd = -1, rc = -1, len;

	if (session_dir(dir, sizeof(dir), parent, sizeof(parent)) != 0) {
		save_failed(err, "~", _("no home directory is known"));
		return -1;
	}
	if (parent[0] != '\0' && mkdir(parent, 0700) != 0 && errno != EEXIST)
		why = strerror(errno);
	else if (mkdir(dir, 0700) != 0 && errno != EEXIST)
		why = strerror(errno);
	else if ((dfd = open_dir(dir, &why)) < 0 && why == NULL)
		why = strerror(errno);
	if (why != NULL)
		goto done;
	len = snprintf(text, sizeof(text), "%s\ntoken %s\nlogin %s\nexpires %lld\ndb %s\n",
		       SESSION_MAGIC, s->token, s->login, s->expires, s->db);
	snprintf(tmp, sizeof(tmp), ".%s.%ld.tmp", SESSION_NAME, (long)getpid());
	(void)unlinkat(dfd, tmp, 0); /* a leftover of an earlier crash */
	fd = openat(dfd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0 || write_all(fd, text, (size_t)len) != 0 || fsync(fd) != 0 ||
	    renameat(dfd, tmp, dfd, SESSION_NAME) != 0) {
		why = strerror(errno);
		(void)unlinkat(dfd, tmp, 0);
		goto done;
	}
	(void)fsync(dfd);
	rc = 0;
done:
	if (why != NULL)
		save_failed(err, dir, why);
	explicit_bzero(text, sizeof(text));
	if (fd >= 0)
		close(fd);
	if (dfd >= 0)
		close(dfd);
	return rc;
}

int session_remove(atelier_error *err)
{
	char dir[4096], parent[4096];
	const char *why = NULL;
	int dfd, rc = 0;

	if (session_dir(dir, sizeof(dir), parent, sizeof(parent)) != 0)
		return 0;
	dfd = open_dir(dir, &why);
	if (dfd < 0)
		return 0; /* no directory of ours: nothing of ours to delete */
	if (unlinkat(dfd, SESSION_NAME, 0) != 0 && errno != ENOENT) {
		report_set(err, ATELIER_E_INTERNAL, NULL,
			   _("The saved session in %s could not be deleted: %s."), dir,
			   strerror(errno));
		rc = -1;
	}
	close(dfd);
	return rc;
}

void session_db_hash(const char *conninfo, char out[65])
{
	static const char *const vars[] = { "PGSERVICE", "PGSERVICEFILE", "PGHOST", "PGHOSTADDR",
					    "PGPORT",    "PGDATABASE",    "PGUSER", NULL };
	static const unsigned char key[] = "atelier session file";
	unsigned char mac[32];
	char text[8192];
	size_t used;
	int i;

	used = (size_t)snprintf(text, sizeof(text), "%s", conninfo != NULL ? conninfo : "");
	for (i = 0; vars[i] != NULL && used < sizeof(text); i++) {
		const char *v = getenv(vars[i]);

		used += (size_t)snprintf(text + used, sizeof(text) - used, "\n%s=%s", vars[i],
					 v != NULL ? v : "");
	}
	if (used >= sizeof(text))
		used = sizeof(text) - 1;
	memset(out, '0', 64);
	out[64] = '\0';
	if (atelier_hmac_sha256(key, sizeof(key) - 1, (const unsigned char *)text, used, mac) != 0)
		return;
	for (i = 0; i < 32; i++)
		snprintf(out + 2 * i, 3, "%02x", mac[i]);
}
