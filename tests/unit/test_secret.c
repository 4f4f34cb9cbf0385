/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_secret.c - loading the pseudonymisation key file.
 *
 * Each test gets a fresh directory from mkdtemp() under $TMPDIR (or /tmp)
 * and the teardown removes it with everything the test put in it.
 * Modes are set with fchmod()/chmod() so the umask does not matter.
 */
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "atelier.h"

/* 64 hex characters, as "openssl rand -hex 32" writes them. */
#define HEX_KEY "3f9a0c8e7d6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b7a6f5e4d3c2b1a09"

struct test_state {
	char dir[PATH_MAX];
	char path[PATH_MAX]; /* scratch: the file the test is about */
	char err[512];
};

static int setup(void **state)
{
	struct test_state *ts = calloc(1, sizeof *ts);
	const char *tmp = getenv("TMPDIR");

	if (ts == NULL)
		return -1;
	if (tmp == NULL || tmp[0] == '\0')
		tmp = "/tmp";
	snprintf(ts->dir, sizeof ts->dir, "%s/atelier-test-secret-XXXXXX", tmp);
	if (mkdtemp(ts->dir) == NULL) {
		free(ts);
		return -1;
	}
	*state = ts;
	return 0;
}

/* The directory only ever holds plain entries and empty directories. */
static int teardown(void **state)
{
	struct test_state *ts = *state;
	DIR *d = opendir(ts->dir);
	struct dirent *e;
	int rv = 0;

	if (d == NULL)
		rv = -1;
	while (d != NULL && (e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if (unlinkat(dirfd(d), e->d_name, 0) != 0 &&
		    unlinkat(dirfd(d), e->d_name, AT_REMOVEDIR) != 0)
			rv = -1;
	}
	if (d != NULL)
		closedir(d);
	if (rmdir(ts->dir) != 0)
		rv = -1;
	free(ts);
	return rv;
}

/* Point ts->path at name inside the test directory. */
static const char *path_of(struct test_state *ts, const char *name)
{
	int n = snprintf(ts->path, sizeof ts->path, "%s/%s", ts->dir, name);

	assert_true(n > 0 && (size_t)n < sizeof ts->path);
	return ts->path;
}

/* Create name with exactly these bytes and this mode; returns its path. */
static const char *make_file(struct test_state *ts, const char *name, const void *data, size_t len,
			     mode_t mode)
{
	const char *path = path_of(ts, name);
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, data, len), (ssize_t)len);
	assert_int_equal(fchmod(fd, mode), 0);
	assert_int_equal(close(fd), 0);
	return path;
}

/* Load, expecting success, and compare the key with expected. */
static void expect_key(struct test_state *ts, const char *path, const void *expected,
		       size_t expected_len)
{
	atelier_secret *s = atelier_secret_load(path, ts->err, sizeof ts->err);
	const unsigned char *bytes;
	size_t len = 0;

	if (s == NULL)
		fail_msg("refused: %s", ts->err);
	assert_string_equal(ts->err, "");
	bytes = atelier_secret_bytes(s, &len);
	assert_non_null(bytes);
	assert_int_equal(len, expected_len);
	assert_memory_equal(bytes, expected, expected_len);
	atelier_secret_free(s);
}

/* Load, expecting refusal with a message naming the path and each word. */
static void expect_refusal(struct test_state *ts, const char *path, const char *const *words)
{
	atelier_secret *s;

	memset(ts->err, 0, sizeof ts->err);
	s = atelier_secret_load(path, ts->err, sizeof ts->err);
	if (s != NULL) {
		atelier_secret_free(s);
		fail_msg("%s was accepted", path);
	}
	assert_non_null(strstr(ts->err, path));
	for (; *words != NULL; words++)
		if (strstr(ts->err, *words) == NULL)
			fail_msg("message lacks \"%s\": %s", *words, ts->err);
	/* One sentence, no key material. */
	assert_null(strchr(ts->err, '\n'));
	assert_null(strstr(ts->err, HEX_KEY));
}

static void test_secret_mode_0600_accepted(void **state)
{
	struct test_state *ts = *state;
	const char *p = make_file(ts, "key", HEX_KEY, 64, 0600);

	expect_key(ts, p, HEX_KEY, 64);
}

static void test_secret_mode_0640_accepted(void **state)
{
	struct test_state *ts = *state;
	const char *p = make_file(ts, "key", HEX_KEY, 64, 0640);

	expect_key(ts, p, HEX_KEY, 64);
}

static void test_secret_mode_0400_accepted(void **state)
{
	struct test_state *ts = *state;
	const char *p = make_file(ts, "key", HEX_KEY, 64, 0400);

	expect_key(ts, p, HEX_KEY, 64);
}

/* "openssl rand -hex 32 > file": the newline is not part of the key. */
static void test_secret_trailing_newline_stripped(void **state)
{
	struct test_state *ts = *state;
	const char *p = make_file(ts, "key", HEX_KEY "\n", 65, 0640);

	expect_key(ts, p, HEX_KEY, 64);
}

/* Only one newline is stripped: the rest are key bytes as written. */
static void test_secret_only_one_newline_stripped(void **state)
{
	struct test_state *ts = *state;
	const char *p = make_file(ts, "key", HEX_KEY "\n\n", 66, 0600);

	expect_key(ts, p, HEX_KEY "\n", 65);
}

/* Raw bytes, NUL included, are taken as they are. */
static void test_secret_raw_binary_key(void **state)
{
	struct test_state *ts = *state;
	unsigned char raw[32];
	size_t i;
	const char *p;

	for (i = 0; i < sizeof raw; i++)
		raw[i] = (unsigned char)(i * 37 + 11);
	raw[5] = 0;
	raw[31] = 0xff;
	p = make_file(ts, "key", raw, sizeof raw, 0600);
	expect_key(ts, p, raw, sizeof raw);
}

/* 32 bytes is the minimum and 4096 the maximum. */
static void test_secret_size_limits_accepted(void **state)
{
	struct test_state *ts = *state;
	static unsigned char big[4096];
	const char *p;

	p = make_file(ts, "min", HEX_KEY, 32, 0600);
	expect_key(ts, p, HEX_KEY, 32);
	memset(big, 'k', sizeof big);
	p = make_file(ts, "max", big, sizeof big, 0600);
	expect_key(ts, p, big, sizeof big);
}

static void test_secret_mode_0644_refused(void **state)
{
	struct test_state *ts = *state;
	static const char *const words[] = { "chmod", "0644", "other users", NULL };
	const char *p = make_file(ts, "key", HEX_KEY, 64, 0644);

	expect_refusal(ts, p, words);
}

static void test_secret_mode_0604_refused(void **state)
{
	struct test_state *ts = *state;
	static const char *const words[] = { "chmod", "0604", NULL };
	const char *p = make_file(ts, "key", HEX_KEY, 64, 0604);

	expect_refusal(ts, p, words);
}

/* Execute-only for others still grants others something. */
static void test_secret_mode_0601_refused(void **state)
{
	struct test_state *ts = *state;
	static const char *const words[] = { "chmod", "0601", NULL };
	const char *p = make_file(ts, "key", HEX_KEY, 64, 0601);

	expect_refusal(ts, p, words);
}

static void test_secret_mode_0660_refused(void **state)
{
	struct test_state *ts = *state;
	static const char *const words[] = { "chmod", "0660", "writable by its group", NULL };
	const char *p = make_file(ts, "key", HEX_KEY, 64, 0660);

	expect_refusal(ts, p, words);
}

static void test_secret_symlink_refused(void **state)
{
	struct test_state *ts = *state;
	static const char *const words[] = { "symbolic link", NULL };
	char target[PATH_MAX];
	const char *link;

	/* The target itself is a good key file: only the link is wrong. */
	snprintf(target, sizeof target, "%s", make_file(ts, "key", HEX_KEY, 64, 0600));
	link = path_of(ts, "link");
	assert_int_equal(symlink(target, link), 0);
	expect_refusal(ts, link, words);
}

static void test_secret_directory_refused(void **state)
{
	struct test_state *ts = *state;
	static const char *const words[] = { "not a regular file", NULL };
	const char *p = path_of(ts, "dir");

	assert_int_equal(mkdir(p, 0700), 0);
	expect_refusal(ts, p, words);
}

/* A FIFO must be refused without blocking in open() for a writer. */
static void test_secret_fifo_refused(void **state)
{
	struct test_state *ts = *state;
	static const char *const words[] = { "not a regular file", NULL };
	const char *p = path_of(ts, "fifo");

	assert_int_equal(mkfifo(p, 0600), 0);
	expect_refusal(ts, p, words);
}

static void test_secret_too_short_refused(void **state)
{
	struct test_state *ts = *state;
	static const char *const words[] = { "31 bytes", "32 to 4096", NULL };
	const char *p = make_file(ts, "key", HEX_KEY, 31, 0600);

	expect_refusal(ts, p, words);
}

/* 32 bytes on disk, but 31 once the newline is stripped. */
static void test_secret_too_short_after_newline_refused(void **state)
{
	struct test_state *ts = *state;
	static const char *const words[] = { "32 to 4096", "newline", NULL };
	char data[32];
	const char *p;

	memcpy(data, HEX_KEY, 31);
	data[31] = '\n';
	p = make_file(ts, "key", data, sizeof data, 0600);
	expect_refusal(ts, p, words);
}

static void test_secret_empty_refused(void **state)
{
	struct test_state *ts = *state;
	static const char *const words[] = { "0 bytes", NULL };
	const char *p = make_file(ts, "key", "", 0, 0600);

	expect_refusal(ts, p, words);
}

static void test_secret_too_long_refused(void **state)
{
	struct test_state *ts = *state;
	static const char *const words[] = { "4097 bytes", NULL };
	static unsigned char big[4097];
	const char *p;

	memset(big, 'k', sizeof big);
	p = make_file(ts, "key", big, sizeof big, 0600);
	expect_refusal(ts, p, words);
}

static void test_secret_missing_refused(void **state)
{
	struct test_state *ts = *state;
	static const char *const words[] = { "does not exist", "openssl rand", NULL };

	expect_refusal(ts, path_of(ts, "no-such-key"), words);
}

static void test_secret_missing_directory_refused(void **state)
{
	struct test_state *ts = *state;
	static const char *const words[] = { "does not exist", NULL };

	expect_refusal(ts, path_of(ts, "no-such-dir/key"), words);
}

static void test_secret_null_and_empty_path_refused(void **state)
{
	struct test_state *ts = *state;

	assert_null(atelier_secret_load(NULL, ts->err, sizeof ts->err));
	assert_non_null(strstr(ts->err, "No secret file"));
	ts->err[0] = 'X';
	assert_null(atelier_secret_load("", ts->err, sizeof ts->err));
	assert_non_null(strstr(ts->err, "No secret file"));
}

/* errbuf is optional, and a small one is truncated, still terminated. */
static void test_secret_errbuf_optional_and_truncated(void **state)
{
	struct test_state *ts = *state;
	const char *p = make_file(ts, "key", HEX_KEY, 64, 0644);
	char small[8];

	assert_null(atelier_secret_load(p, NULL, 0));
	memset(small, 'X', sizeof small);
	assert_null(atelier_secret_load(p, small, sizeof small));
	assert_int_equal(strlen(small), sizeof small - 1);
	assert_null(atelier_secret_load(p, small, 0));
	/* A good file with no errbuf loads. */
	p = make_file(ts, "good", HEX_KEY, 64, 0600);
	atelier_secret_free(atelier_secret_load(p, NULL, 0));
}

/* The key from a file gives the same pseudonym as the key given directly. */
static void test_secret_pseudonym(void **state)
{
	struct test_state *ts = *state;
	const char *p = make_file(ts, "key", HEX_KEY "\n", 65, 0640);
	char from_file[ATELIER_PSEUDONYM_LEN + 1], direct[ATELIER_PSEUDONYM_LEN + 1];
	atelier_secret *s = atelier_secret_load(p, ts->err, sizeof ts->err);

	assert_non_null(s);
	assert_int_equal(atelier_secret_pseudonym(s, "C0012345", from_file), 0);
	assert_int_equal(
		atelier_pseudonym((const unsigned char *)HEX_KEY, 64, "C0012345", 8, direct), 0);
	assert_string_equal(from_file, direct);
	assert_int_equal(strlen(from_file), ATELIER_PSEUDONYM_LEN);

	assert_int_equal(atelier_secret_pseudonym(s, "", from_file), -1);
	assert_int_equal(atelier_secret_pseudonym(s, NULL, from_file), -1);
	assert_string_equal(from_file, "");
	assert_int_equal(atelier_secret_pseudonym(NULL, "C0012345", from_file), -1);
	assert_int_equal(atelier_secret_pseudonym(s, "C0012345", NULL), -1);
	atelier_secret_free(s);
}

static void test_secret_null_handle(void **state)
{
	size_t len = 99;

	(void)state;
	assert_null(atelier_secret_bytes(NULL, &len));
	assert_int_equal(len, 0);
	assert_null(atelier_secret_bytes(NULL, NULL));
	atelier_secret_free(NULL);
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_secret_mode_0600_accepted),
		T(test_secret_mode_0640_accepted),
		T(test_secret_mode_0400_accepted),
		T(test_secret_trailing_newline_stripped),
		T(test_secret_only_one_newline_stripped),
		T(test_secret_raw_binary_key),
		T(test_secret_size_limits_accepted),
		T(test_secret_mode_0644_refused),
		T(test_secret_mode_0604_refused),
		T(test_secret_mode_0601_refused),
		T(test_secret_mode_0660_refused),
		T(test_secret_symlink_refused),
		T(test_secret_directory_refused),
		T(test_secret_fifo_refused),
		T(test_secret_too_short_refused),
		T(test_secret_too_short_after_newline_refused),
		T(test_secret_empty_refused),
		T(test_secret_too_long_refused),
		T(test_secret_missing_refused),
		T(test_secret_missing_directory_refused),
		T(test_secret_null_and_empty_path_refused),
		T(test_secret_errbuf_optional_and_truncated),
		T(test_secret_pseudonym),
		cmocka_unit_test(test_secret_null_handle),
	};

	return cmocka_run_group_tests_name("secret", tests, NULL, NULL);
}
