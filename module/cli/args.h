/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * args.h - options and values typed on the command line: parsed over
 * getopt_long, each checked with a message that names the option, what was
 * typed and what is expected.  Pure: no database, no terminal.
 */
#ifndef ATELIER_CLI_ARGS_H
#define ATELIER_CLI_ARGS_H

#include <stdbool.h>
#include <stddef.h>

#define ARGS_LIST_MAX 32  /* values of one repeatable option */
#define ARGS_POS_MAX 8    /* positional arguments */
#define ARGS_VALUE_LEN 40 /* a checked date, month or time, with its NUL */
#define ARGS_MSG_LEN 400

enum arg_kind {
	ARG_FLAG,   /* bool *: present or not */
	ARG_TEXT,   /* const char **: any non-empty text (ARG_EMPTY_OK: also "") */
	ARG_LIST,   /* struct arg_list *: repeatable, in order */
	ARG_INT,    /* long long *: a whole number in [min, max] (or the word) */
	ARG_CHOICE, /* const char **: one of choices */
	ARG_DATE,   /* char[ARGS_VALUE_LEN]: "YYYY-MM-DD", a real date */
	ARG_MONTH,  /* char[ARGS_VALUE_LEN]: "YYYY-MM" */
	ARG_TIME    /* char[ARGS_VALUE_LEN]: "YYYY-MM-DD HH:MM" local, stored
		     * as ISO 8601 with the desk's UTC offset */
};

#define ARG_EMPTY_OK 1u

struct arg_list {
	const char *items[ARGS_LIST_MAX];
	size_t n;
};

struct arg_spec {
	const char *name; /* long name, without "--" */
	int short_name;   /* e.g. 'o', or 0 */
	enum arg_kind kind;
	void *target;               /* see enum arg_kind */
	long long min, max;         /* ARG_INT */
	const char *const *choices; /* ARG_CHOICE: NULL-terminated */
	const char *word;           /* ARG_INT: a word also accepted, e.g. "weekly" */
	long long word_value;       /* ... and the number it stands for */
	unsigned flags;
};

struct args_result {
	bool help;          /* -h or --help was given */
	const char *format; /* --format's value when the specs do not
			     * name "format" themselves; else NULL */
	int nopts;          /* options given, --help and that --format aside */
	int npos;
	char *pos[ARGS_POS_MAX];    /* positional arguments, in order */
	char message[ARGS_MSG_LEN]; /* what is wrong, when args_parse() fails */
};

/*
 * args_parse - parse argv[1..] (argv[0] is the command's name) against the
 * specs (terminated by an entry whose name is NULL).  Options may come
 * before or after positional arguments; "--" ends the options.  An option
 * given twice is refused, except ARG_LIST ones.
 * Returns 0, or -1 with r->message set (translated).
 */
int args_parse(const struct arg_spec *specs, int argc, char **argv, struct args_result *r);

/* Value checks; `what` names the option or argument in the message.  Each
 * returns 0, or -1 with msg set. */
int args_int(const char *what, const char *text, long long min, long long max, long long *out,
	     char *msg, size_t msglen);
int args_id(const char *what, const char *text, long long *out, char *msg, size_t msglen);
int args_date(const char *what, const char *text, char out[ARGS_VALUE_LEN], char *msg,
	      size_t msglen);
int args_month(const char *what, const char *text, char out[ARGS_VALUE_LEN], char *msg,
	       size_t msglen);
int args_local_time(const char *what, const char *text, char out[ARGS_VALUE_LEN], char *msg,
		    size_t msglen);

/* The local midnight starting date "YYYY-MM-DD" + add_days, as ISO 8601 with
 * the offset then in force; 0, or -1 for a date that is not valid. */
int args_day_start(const char *date, int add_days, char out[ARGS_VALUE_LEN]);

/*
 * args_numbers - the choices typed at a numbered list: numbers from 1 to max
 * separated by spaces or commas, e.g. "1 3,5".  Repeats count once; order is
 * kept.  out receives 0-based indexes (room for max of them).
 * Returns how many (0 for a blank line), or -1 with msg set.
 */
int args_numbers(const char *line, size_t max, size_t *out, char *msg, size_t msglen);

#endif
