/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * prompt.c - questions at the desk.  Questions and lists go to stderr so
 * that standard output keeps only the result; answers come from standard
 * input, except the password, read from /dev/tty with echo off.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "args.h"
#include "cli.h"
#include "prompt.h"

bool prompt_interactive(void)
{
	return isatty(STDIN_FILENO) == 1;
}

/* Reads one line from fd a byte at a time (so no buffer keeps the rest);
 * 0 on a line, -1 at EOF with nothing read or on an error. */
static int read_secret_line(int fd, char *buf, size_t len)
{
	size_t used = 0;
	bool any = false;
	char ch;

	for (;;) {
		ssize_t n = read(fd, &ch, 1);

		if (n < 0)
			return -1; /* EINTR included: a signal asked us to stop */
		if (n == 0) {
			if (!any)
				return -1;
			break;
		}
		any = true;
		if (ch == '\n')
			break;
		if (used + 1 < len)
			buf[used++] = ch;
	}
	if (used > 0 && buf[used - 1] == '\r')
		used--;
	buf[used] = '\0';
	explicit_bzero(&ch, sizeof(ch));
	return 0;
}

static volatile sig_atomic_t caught;

static void on_signal(int sig)
{
	caught = sig;
}

int prompt_password(const char *login, char *buf, size_t len)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGQUIT, SIGTSTP, SIGHUP };
	struct sigaction act, old[5];
	struct termios saved, quiet;
	int fd, rc, i;

	fd = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	dprintf(fd, _("Password for %s: "), login);
	if (tcgetattr(fd, &saved) != 0) {
		close(fd);
		return -1;
	}
	/* No SA_RESTART: a Ctrl-C interrupts read(); the terminal's echo is
	 * restored before the signal is delivered again. */
	memset(&act, 0, sizeof(act));
	act.sa_handler = on_signal;
	sigemptyset(&act.sa_mask);
	caught = 0;
	for (i = 0; i < 5; i++)
		sigaction(sigs[i], &act, &old[i]);
	quiet = saved;
	quiet.c_lflag &= ~(tcflag_t)(ECHO | ECHOE | ECHOK);
	quiet.c_lflag |= ECHONL;
	rc = tcsetattr(fd, TCSAFLUSH, &quiet) == 0 ? read_secret_line(fd, buf, len) : -1;
	(void)tcsetattr(fd, TCSAFLUSH, &saved);
	for (i = 0; i < 5; i++)
		sigaction(sigs[i], &old[i], NULL);
	close(fd);
	if (caught != 0)
		raise(caught);
	if (rc != 0)
		explicit_bzero(buf, len);
	return rc;
}

int prompt_password_stdin(char *buf, size_t len)
{
	int rc = read_secret_line(STDIN_FILENO, buf, len);

	if (rc != 0)
		explicit_bzero(buf, len);
	return rc;
}

char *prompt_line(const char *question)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;

	fputs(question, stderr);
	fflush(stderr);
	n = getline(&line, &cap, stdin);
	if (n < 0) {
		free(line);
		fputc('\n', stderr);
		return NULL;
	}
	while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
		line[--n] = '\0';
	return line;
}

static void show_list(const char *title, const struct choice *items, size_t n)
{
	size_t i;

	fprintf(stderr, "%s\n", title);
	for (i = 0; i < n; i++)
		fprintf(stderr, "  %2zu. %s\n", i + 1, items[i].label);
}

/* Checks one answer; returns the count, or -1 after saying what is wrong. */
static int check_answer(const char *line, size_t n, enum pick_mode mode, int def, size_t *out)
{
	char msg[ARGS_MSG_LEN];
	int got = args_numbers(line, n, out, msg, sizeof(msg));

	if (got < 0) {
		fprintf(stderr, "  %s\n", msg);
		return -1;
	}
	if (got == 0 && def >= 0) {
		out[0] = (size_t)def;
		return 1;
	}
	if (got == 0 && (mode == PICK_ONE || mode == PICK_MANY)) {
		fprintf(stderr, "  %s\n",
			mode == PICK_ONE ? _("Type one number of the list.")
					 : _("Type at least one number of the list."));
		return -1;
	}
	if (got > 1 && (mode == PICK_ONE || mode == PICK_ONE_OR_NONE)) {
		fprintf(stderr, "  %s\n", _("Type only one number."));
		return -1;
	}
	return got;
}

int prompt_pick(const char *title, const char *question, const struct choice *items, size_t n,
		enum pick_mode mode, int def, size_t *out)
{
	show_list(title, items, n);
	for (;;) {
		char *line = prompt_line(question);
		int got;

		if (line == NULL)
			return -1;
		got = check_answer(line, n, mode, def, out);
		free(line);
		if (got >= 0)
			return got;
	}
}
