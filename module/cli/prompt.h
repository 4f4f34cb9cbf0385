/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * prompt.h - asking the person at the desk: lines, numbered lists, and the
 * password with echo off.
 */
#ifndef ATELIER_CLI_PROMPT_H
#define ATELIER_CLI_PROMPT_H

#include <stdbool.h>
#include <stddef.h>

#define PROMPT_PASSWORD_MAX 512

/* Whether we may ask questions: standard input is a terminal. */
bool prompt_interactive(void);

/* Asks for the password of login on /dev/tty with echo off.  0, or -1 when
 * there is no terminal or nothing was typed (EOF).  The caller wipes buf. */
int prompt_password(const char *login, char *buf, size_t len);

/* Reads one line of standard input as the password (for scripts).  0, or
 * -1 at EOF.  No stdio buffer ever holds it. */
int prompt_password_stdin(char *buf, size_t len);

/* Prints question on stderr and reads a line from standard input, without
 * its newline.  NULL at end of input (Ctrl-D).  The caller frees it. */
char *prompt_line(const char *question);

struct choice {
	const char *code;
	const char *label;
};

enum pick_mode {
	PICK_ONE,         /* exactly one */
	PICK_ONE_OR_NONE, /* one, or Enter for none */
	PICK_MANY,        /* one or more */
	PICK_ANY          /* zero or more */
};

/*
 * prompt_pick - shows items as a numbered list and asks for number(s) until
 * the answer is valid.  def is the index Enter stands for (PICK_ONE only),
 * or -1.  out receives the chosen indexes (room for n).
 * Returns how many were chosen, or -1 at end of input.
 */
int prompt_pick(const char *title, const char *question, const struct choice *items, size_t n,
		enum pick_mode mode, int def, size_t *out);

#endif
