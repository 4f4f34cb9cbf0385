/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * args.c - parsing the command line over getopt_long, and checking each
 * value with a message a librarian can act on.
 */
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "args.h"
#include "cli.h"

#define ARGS_SPECS_MAX 32
#define OPT_FORMAT 255 /* getopt value of the shared --format */
#define OPT_SPEC 256   /* getopt value of specs[i] is OPT_SPEC + i */

/* ---- single values ---------------------------------------------------- */

int args_int(const char *what, const char *text, long long min, long long max, long long *out,
	     char *msg, size_t msglen)
{
	char *end = NULL;
	long long v = 0;

	errno = 0;
	if (text != NULL && (isdigit((unsigned char)text[0]) || (text[0] == '-' && min < 0)))
		v = strtoll(text, &end, 10);
	if (end == NULL || *end != '\0' || errno != 0 || v < min || v > max) {
		if (max == LLONG_MAX)
			snprintf(msg, msglen,
				 _("%s: \"%s\" is not a whole number of at least %lld."), what,
				 text != NULL ? text : "", min);
		else
			snprintf(msg, msglen,
				 _("%s: \"%s\" is not a whole number from %lld to %lld."), what,
				 text != NULL ? text : "", min, max);
		return -1;
	}
	*out = v;
	return 0;
}

/* Numbers are printed as "#12", so "#12" is accepted too. */
int args_id(const char *what, const char *text, long long *out, char *msg, size_t msglen)
{
	const char *digits = text != NULL && text[0] == '#' ? text + 1 : text;

	if (args_int(what, digits, 1, LLONG_MAX, out, msg, msglen) != 0) {
		snprintf(msg, msglen, _("%s: \"%s\" is not a number such as 12."), what,
			 text != NULL ? text : "");
		return -1;
	}
	return 0;
}

/* Reads exactly n digits at s. */
static bool read_digits(const char *s, int n, int *out)
{
	int i, v = 0;

	for (i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return true;
}

static int days_in_month(int year, int month)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;

	return month == 2 && leap ? 29 : days[month - 1];
}

/* "YYYY-MM" at s: the year and month, checked. */
static bool read_month(const char *s, int *year, int *month)
{
	return read_digits(s, 4, year) && s[4] == '-' && read_digits(s + 5, 2, month) &&
	       *year >= 1900 && *month >= 1 && *month <= 12;
}

static bool read_date(const char *s, int *y, int *m, int *d)
{
	return read_month(s, y, m) && s[7] == '-' && read_digits(s + 8, 2, d) && *d >= 1 &&
	       *d <= days_in_month(*y, *m);
}

int args_date(const char *what, const char *text, char out[ARGS_VALUE_LEN], char *msg,
	      size_t msglen)
{
	int y, m, d;

	if (text == NULL || strlen(text) != 10 || !read_date(text, &y, &m, &d)) {
		snprintf(
			msg, msglen,
			_("%s: \"%s\" is not a date; write it as YYYY-MM-DD, for example 2026-11-10."),
			what, text != NULL ? text : "");
		return -1;
	}
	snprintf(out, ARGS_VALUE_LEN, "%04d-%02d-%02d", y, m, d);
	return 0;
}

int args_month(const char *what, const char *text, char out[ARGS_VALUE_LEN], char *msg,
	       size_t msglen)
{
	int y, m;

	if (text == NULL || strlen(text) != 7 || !read_month(text, &y, &m)) {
		snprintf(msg, msglen,
			 _("%s: \"%s\" is not a month; write it as YYYY-MM, for example 2026-11."),
			 what, text != NULL ? text : "");
		return -1;
	}
	snprintf(out, ARGS_VALUE_LEN, "%04d-%02d", y, m);
	return 0;
}

/* ISO 8601 with the UTC offset that mktime() found for tm, e.g.
 * "2026-11-10 14:00:00+01:00": the database then needs no time zone of its
 * own to understand a time typed at the desk. */
static void iso_with_offset(const struct tm *tm, char out[ARGS_VALUE_LEN])
{
	long off = tm->tm_gmtoff;
	char sign = off < 0 ? '-' : '+';

	if (off < 0)
		off = -off;
	/* The modulos only tell the compiler the fields' sizes. */
	snprintf(out, ARGS_VALUE_LEN, "%04d-%02d-%02d %02d:%02d:00%c%02d:%02d",
		 (tm->tm_year + 1900) % 10000, (tm->tm_mon + 1) % 100, tm->tm_mday % 100,
		 tm->tm_hour % 100, tm->tm_min % 100, sign, (int)(off / 3600 % 100),
		 (int)(off % 3600 / 60));
}

/* y-mo-d h:mi on this computer's clock, into tm; mktime() normalises it
 * (day 32 is the next month's first) and finds whether DST is in force. */
static time_t local_mktime(struct tm *tm, int y, int mo, int d, int h, int mi)
{
	*tm = (struct tm){ .tm_year = y - 1900,
			   .tm_mon = mo - 1,
			   .tm_mday = d,
			   .tm_hour = h,
			   .tm_min = mi,
			   .tm_isdst = -1 };
	return mktime(tm);
}

int args_local_time(const char *what, const char *text, char out[ARGS_VALUE_LEN], char *msg,
		    size_t msglen)
{
	struct tm tm;
	int y, mo, d, h, mi;

	if (text == NULL || strlen(text) != 16 || !read_date(text, &y, &mo, &d) ||
	    (text[10] != ' ' && text[10] != 'T') || !read_digits(text + 11, 2, &h) ||
	    text[13] != ':' || !read_digits(text + 14, 2, &mi) || h > 23 || mi > 59) {
		snprintf(
			msg, msglen,
			_("%s: \"%s\" is not a date and time; write it as \"YYYY-MM-DD HH:MM\", for example \"2026-11-10 14:00\"."),
			what, text != NULL ? text : "");
		return -1;
	}
	/* A time skipped when clocks go forward comes back moved: refuse it
	 * rather than book an hour the librarian did not ask for. */
	if (local_mktime(&tm, y, mo, d, h, mi) == (time_t)-1 || tm.tm_hour != h ||
	    tm.tm_min != mi || tm.tm_mday != d) {
		snprintf(
			msg, msglen,
			_("%s: %s does not exist here (the clocks change that night); choose another time."),
			what, text);
		return -1;
	}
	iso_with_offset(&tm, out);
	return 0;
}

int args_day_start(const char *date, int add_days, char out[ARGS_VALUE_LEN])
{
	struct tm tm;
	int y, m, d;

	if (date == NULL || strlen(date) != 10 || !read_date(date, &y, &m, &d) ||
	    local_mktime(&tm, y, m, d + add_days, 0, 0) == (time_t)-1)
		return -1;
	iso_with_offset(&tm, out);
	return 0;
}

int args_numbers(const char *line, size_t max, size_t *out, char *msg, size_t msglen)
{
	const char *p = line;
	size_t n = 0, i;

	while (*p != '\0') {
		char token[32];
		size_t len = strcspn(p, " \t,\r\n");
		long long v;

		if (len == 0) {
			p++;
			continue;
		}
		snprintf(token, sizeof(token), "%.*s", (int)(len < 31 ? len : 31), p);
		if (len > 31 || args_int("", token, 1, (long long)max, &v, msg, msglen) != 0) {
			snprintf(msg, msglen, _("\"%s\" is not a number of the list (1 to %zu)."),
				 token, max);
			return -1;
		}
		for (i = 0; i < n && out[i] != (size_t)(v - 1); i++)
			;
		if (i == n)
			out[n++] = (size_t)(v - 1);
		p += len;
	}
	return (int)n;
}

/* ---- options ----------------------------------------------------------- */

static void join_choices(const char *const *choices, char *buf, size_t len)
{
	size_t used = 0;

	buf[0] = '\0';
	for (; *choices != NULL && used < len; choices++)
		used += (size_t)snprintf(buf + used, len - used, "%s%s", used > 0 ? ", " : "",
					 *choices);
}

static int take_choice(const struct arg_spec *s, const char *what, const char *value,
		       struct args_result *r)
{
	const char *const *c;
	char list[200];

	for (c = s->choices; *c != NULL; c++) {
		if (strcmp(*c, value) == 0) {
			*(const char **)s->target = *c;
			return 0;
		}
	}
	join_choices(s->choices, list, sizeof(list));
	snprintf(r->message, sizeof(r->message), _("%s: \"%s\" is not one of: %s."), what, value,
		 list);
	return -1;
}

/* Stores one option's value in its target, checked. */
static int take(const struct arg_spec *s, const char *value, int times, struct args_result *r)
{
	char what[64];
	struct arg_list *list;

	snprintf(what, sizeof(what), "--%s", s->name);
	if (times > 0 && s->kind != ARG_LIST) {
		snprintf(r->message, sizeof(r->message),
			 _("The option %s is given twice; give it once."), what);
		return -1;
	}
	if (s->kind != ARG_FLAG && value[0] == '\0' && !(s->flags & ARG_EMPTY_OK)) {
		snprintf(r->message, sizeof(r->message), _("The option %s needs a value."), what);
		return -1;
	}
	switch (s->kind) {
	case ARG_FLAG:
		*(bool *)s->target = true;
		return 0;
	case ARG_TEXT:
		*(const char **)s->target = value;
		return 0;
	case ARG_LIST:
		list = s->target;
		if (list->n >= ARGS_LIST_MAX) {
			snprintf(r->message, sizeof(r->message),
				 _("Too many %s options (at most %d)."), what, ARGS_LIST_MAX);
			return -1;
		}
		list->items[list->n++] = value;
		return 0;
	case ARG_INT:
		if (s->word != NULL && strcmp(value, s->word) == 0) {
			*(long long *)s->target = s->word_value;
			return 0;
		}
		return args_int(what, value, s->min, s->max, s->target, r->message,
				sizeof(r->message));
	case ARG_CHOICE:
		return take_choice(s, what, value, r);
	case ARG_DATE:
		return args_date(what, value, s->target, r->message, sizeof(r->message));
	case ARG_MONTH:
		return args_month(what, value, s->target, r->message, sizeof(r->message));
	case ARG_TIME:
		return args_local_time(what, value, s->target, r->message, sizeof(r->message));
	}
	return -1;
}

/* The option getopt stopped at, as the person typed it. */
static void name_option(const struct arg_spec *specs, int val, int argc, char **argv, char *buf,
			size_t len)
{
	if (val >= OPT_SPEC)
		snprintf(buf, len, "--%s", specs[val - OPT_SPEC].name);
	else if (val == OPT_FORMAT)
		snprintf(buf, len, "--format");
	else if (val > 0)
		snprintf(buf, len, "-%c", val);
	else if (optind > 0 && optind <= argc)
		snprintf(buf, len, "%s", argv[optind - 1]);
	else
		snprintf(buf, len, "?");
}

/* --help wins over anything wrong elsewhere on the line. */
static bool asks_help(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc && strcmp(argv[i], "--") != 0; i++)
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
			return true;
	return false;
}

static size_t build_options(const struct arg_spec *specs, struct option *longopts, char *shortopts,
			    bool *own_format)
{
	size_t i, nl = 0, ns = 0;

	shortopts[ns++] = ':'; /* ':' for a missing value, '?' for the rest */
	shortopts[ns++] = 'h';
	*own_format = false;
	for (i = 0; specs[i].name != NULL && i < ARGS_SPECS_MAX; i++) {
		int has_arg = specs[i].kind == ARG_FLAG ? no_argument : required_argument;

		longopts[nl++] = (struct option){ specs[i].name, has_arg, NULL, OPT_SPEC + (int)i };
		if (specs[i].short_name != 0) {
			shortopts[ns++] = (char)specs[i].short_name;
			if (has_arg == required_argument)
				shortopts[ns++] = ':';
		}
		if (strcmp(specs[i].name, "format") == 0)
			*own_format = true;
	}
	longopts[nl++] = (struct option){ "help", no_argument, NULL, 'h' };
	if (!*own_format)
		longopts[nl++] = (struct option){ "format", required_argument, NULL, OPT_FORMAT };
	longopts[nl] = (struct option){ NULL, 0, NULL, 0 };
	shortopts[ns] = '\0';
	return i;
}

static int spec_of_short(const struct arg_spec *specs, size_t n, int c)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (specs[i].short_name == c)
			return (int)i;
	return -1;
}

/* A refused option: what getopt returned and where it stopped. */
static int refuse(const struct arg_spec *specs, int opt, int argc, char **argv,
		  struct args_result *r)
{
	char name[80];

	name_option(specs, optopt, argc, argv, name, sizeof(name));
	if (opt == ':')
		snprintf(r->message, sizeof(r->message), _("The option %s needs a value."), name);
	else if (optopt >= OPT_FORMAT)
		snprintf(r->message, sizeof(r->message), _("The option %s takes no value."), name);
	else
		snprintf(r->message, sizeof(r->message), _("Unknown option \"%s\"."), name);
	return -1;
}

int args_parse(const struct arg_spec *specs, int argc, char **argv, struct args_result *r)
{
	struct option longopts[ARGS_SPECS_MAX + 3];
	char shortopts[2 * ARGS_SPECS_MAX + 4];
	int seen[ARGS_SPECS_MAX] = { 0 };
	bool own_format;
	size_t nspecs;
	int opt, i;

	memset(r, 0, sizeof(*r));
	if (asks_help(argc, argv)) {
		r->help = true;
		return 0;
	}
	nspecs = build_options(specs, longopts, shortopts, &own_format);
	opterr = 0; /* our own messages, translated, instead of getopt's */
	optind = 0; /* glibc: start afresh on this argv */
	while ((opt = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
		int idx = opt >= OPT_SPEC ? opt - OPT_SPEC : spec_of_short(specs, nspecs, opt);

		if (opt == '?' || opt == ':')
			return refuse(specs, opt, argc, argv, r);
		if (opt == OPT_FORMAT) {
			if (r->format != NULL) {
				snprintf(r->message, sizeof(r->message),
					 _("The option %s is given twice; give it once."),
					 "--format");
				return -1;
			}
			r->format = optarg;
			continue;
		}
		if (idx < 0)
			continue;
		if (take(&specs[idx], optarg != NULL ? optarg : "", seen[idx]++, r) != 0)
			return -1;
		r->nopts++;
	}
	for (i = optind; i < argc; i++) {
		if (r->npos >= ARGS_POS_MAX) {
			snprintf(r->message, sizeof(r->message), "%s", _("Too many arguments."));
			return -1;
		}
		r->pos[r->npos++] = argv[i];
	}
	return 0;
}
