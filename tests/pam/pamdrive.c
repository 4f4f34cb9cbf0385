/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pamdrive.c - a small PAM application for the tests and the benchmark of
 * pam_atelier: what pamtester does, plus a user name read from a file (any
 * bytes, any length: argv cannot carry 1 MiB) and the time each call took.
 *
 *   pamdrive [-c CONFDIR] [-f USERFILE | -u USER] [-E VAR=VALUE]... [-s] [-x]
 *            [-T FILE] SERVICE OPERATION[=WHEN]...
 *
 * OPERATION is acct_mgmt, open_session or close_session.  -x stops at the
 * first call that fails, as pamtester does.  -T FILE: an operation written
 * OPERATION=WHEN first writes WHEN ("2026-11-02 09:00:00") into FILE, the
 * timestamp file of libfaketime (run with FAKETIME_TIMESTAMP_FILE=FILE and
 * FAKETIME_NO_CACHE=1), so that during that call the clock reads WHEN however
 * often the module, libpq or pam_wrapper read it (the demo's month).  -c uses
 * pam_start_confdir() (no pam_wrapper needed); without it, pam_start() (run
 * it under pam_wrapper).  -s passes PAM_SILENT.  -E sets a PAM environment
 * variable (LANG).  Prints for each call "OPERATION: NAME ms=N"; the
 * conversation's messages go out as "error: TEXT" and "info: TEXT".  Exits
 * 0 when every call returned PAM_SUCCESS, 1 otherwise, 2 on a usage error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <security/pam_appl.h>

static const char *code_name(int rc)
{
	switch (rc) {
	case PAM_SUCCESS:
		return "PAM_SUCCESS";
	case PAM_IGNORE:
		return "PAM_IGNORE";
	case PAM_PERM_DENIED:
		return "PAM_PERM_DENIED";
	case PAM_AUTHINFO_UNAVAIL:
		return "PAM_AUTHINFO_UNAVAIL";
	case PAM_USER_UNKNOWN:
		return "PAM_USER_UNKNOWN";
	case PAM_SESSION_ERR:
		return "PAM_SESSION_ERR";
	case PAM_SYSTEM_ERR:
		return "PAM_SYSTEM_ERR";
	case PAM_BUF_ERR:
		return "PAM_BUF_ERR";
	case PAM_ACCT_EXPIRED:
		return "PAM_ACCT_EXPIRED";
	default:
		return "PAM_OTHER";
	}
}

static int conv(int n, const struct pam_message **msg, struct pam_response **resp, void *data)
{
	int i;

	(void)data;
	*resp = NULL;
	for (i = 0; i < n; i++) {
		if (msg[i]->msg_style == PAM_ERROR_MSG)
			printf("error: %s\n", msg[i]->msg);
		else if (msg[i]->msg_style == PAM_TEXT_INFO)
			printf("info: %s\n", msg[i]->msg);
		else
			return PAM_CONV_ERR;
	}
	fflush(stdout);
	return PAM_SUCCESS;
}

static char *read_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	long len;

	if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (len = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET) != 0 || (buf = malloc((size_t)len + 1)) == NULL ||
	    fread(buf, 1, (size_t)len, f) != (size_t)len) {
		perror(path);
		exit(2);
	}
	fclose(f);
	buf[len] = '\0';
	/* The file's last newline is not part of the name. */
	if (len > 0 && buf[len - 1] == '\n')
		buf[len - 1] = '\0';
	return buf;
}

/* Sets the fake clock for the next call: WHEN, frozen, in FILE. */
static void set_fake_time(const char *file, const char *when)
{
	FILE *f = fopen(file, "w");

	if (f == NULL || fprintf(f, "%s\n", when) < 0 || fclose(f) != 0) {
		perror(file);
		exit(2);
	}
}

static double ms_since(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - t0->tv_sec) * 1e3 + (double)(t.tv_nsec - t0->tv_nsec) / 1e6;
}

int main(int argc, char **argv)
{
	const struct pam_conv c = { conv, NULL };
	const char *confdir = NULL, *user = "", *fake_file = NULL;
	int stop_at_failure = 0;
	char *user_buf = NULL;
	pam_handle_t *pamh = NULL;
	int opt, flags = 0, rc, status = 0, i;
	char *envs[16];
	int nenv = 0;

	while ((opt = getopt(argc, argv, "c:f:u:E:sxT:")) != -1) {
		if (opt == 'c')
			confdir = optarg;
		else if (opt == 'f')
			user = user_buf = read_file(optarg);
		else if (opt == 'u')
			user = optarg;
		else if (opt == 'E' && nenv < 16)
			envs[nenv++] = optarg;
		else if (opt == 's')
			flags = PAM_SILENT;
		else if (opt == 'x')
			stop_at_failure = 1;
		else if (opt == 'T')
			fake_file = optarg;
		else
			return 2;
	}
	if (optind + 2 > argc) {
		fprintf(stderr,
			"usage: pamdrive [-c DIR] [-f FILE | -u USER] [-E V=X] [-s] [-x] [-T FILE] SERVICE OP[=WHEN]...\n");
		return 2;
	}
	rc = confdir != NULL ? pam_start_confdir(argv[optind], user, &c, confdir, &pamh)
			     : pam_start(argv[optind], user, &c, &pamh);
	if (rc != PAM_SUCCESS) {
		printf("pam_start: %s\n", code_name(rc));
		return 1;
	}
	for (i = 0; i < nenv; i++)
		pam_putenv(pamh, envs[i]);
	for (i = optind + 1; i < argc; i++) {
		struct timespec t0;
		char *when = strchr(argv[i], '=');

		if (when != NULL) {
			*when++ = '\0';
			if (fake_file == NULL) {
				fprintf(stderr, "pamdrive: %s=TIME needs -T FILE\n", argv[i]);
				status = 2;
				break;
			}
			set_fake_time(fake_file, when);
		}
		clock_gettime(CLOCK_MONOTONIC, &t0);
		if (strcmp(argv[i], "acct_mgmt") == 0)
			rc = pam_acct_mgmt(pamh, flags);
		else if (strcmp(argv[i], "open_session") == 0)
			rc = pam_open_session(pamh, flags);
		else if (strcmp(argv[i], "close_session") == 0)
			rc = pam_close_session(pamh, flags);
		else {
			fprintf(stderr, "pamdrive: unknown operation %s\n", argv[i]);
			status = 2;
			break;
		}
		printf("%s: %s ms=%.3f\n", argv[i], code_name(rc), ms_since(&t0));
		fflush(stdout);
		if (rc != PAM_SUCCESS) {
			status = 1;
			if (stop_at_failure)
				break;
		}
	}
	pam_end(pamh, rc);
	free(user_buf);
	return status;
}
