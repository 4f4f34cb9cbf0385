/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * output.c - aligned tables for people, tab-separated values for scripts,
 * and database timestamps in the desk's local format.
 *
 * Texts from the database and from our catalogue are UTF-8 whatever the
 * locale (the catalogue is bound to UTF-8), so widths are counted by
 * decoding UTF-8 here; wcwidth() then gives each character's columns when
 * the locale knows it.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <wchar.h>

#include "atelier.h"
#include "output.h"

#define ELLIPSIS "\xe2\x80\xa6" /* "…", one column */
#define COL_GAP 2               /* spaces between columns */
#define COL_MIN 4               /* a column is never cut below this */

struct table {
	struct column *cols;
	size_t ncols, nrows, cap;
	char **cells; /* nrows * ncols raw values, owned */
};

/* ---- text -------------------------------------------------------------- */

/* One UTF-8 character at s: its length, and its code point or -1 for a
 * byte that starts no valid character (counted as one column). */
static size_t utf8_next(const unsigned char *s, long *cp)
{
	size_t len, i;
	long v;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if ((s[0] & 0xe0) == 0xc0) {
		len = 2;
		v = s[0] & 0x1f;
	} else if ((s[0] & 0xf0) == 0xe0) {
		len = 3;
		v = s[0] & 0x0f;
	} else if ((s[0] & 0xf8) == 0xf0) {
		len = 4;
		v = s[0] & 0x07;
	} else {
		*cp = -1;
		return 1;
	}
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80) {
			*cp = -1;
			return 1;
		}
		v = (v << 6) | (s[i] & 0x3f);
	}
	*cp = v;
	return len;
}

static size_t char_width(long cp)
{
	int w;

	if (cp < 0)
		return 1;
	w = wcwidth((wchar_t)cp);
	/* Unknown to the locale (e.g. LANG=C): assume one column. */
	return w >= 0 ? (size_t)w : 1;
}

size_t text_width(const char *s)
{
	const unsigned char *p = (const unsigned char *)(s != NULL ? s : "");
	size_t w = 0;

	while (*p != '\0') {
		long cp;

		p += utf8_next(p, &cp);
		w += char_width(cp);
	}
	return w;
}

char *text_fit(const char *s, size_t width)
{
	const unsigned char *p = (const unsigned char *)(s != NULL ? s : "");
	size_t used = 0, bytes = 0;
	char *out;

	if (text_width((const char *)p) <= width)
		return strdup((const char *)p);
	if (width == 0)
		return strdup("");
	while (p[bytes] != '\0') {
		long cp;
		size_t len = utf8_next(p + bytes, &cp);
		size_t w = char_width(cp);

		if (used + w > width - 1)
			break;
		used += w;
		bytes += len;
	}
	out = malloc(bytes + sizeof(ELLIPSIS));
	if (out == NULL)
		return NULL;
	memcpy(out, p, bytes);
	memcpy(out + bytes, ELLIPSIS, sizeof(ELLIPSIS));
	return out;
}

char *text_one_line(const char *s)
{
	char *out = strdup(s != NULL ? s : "");
	unsigned char *p;

	if (out == NULL)
		return NULL;
	for (p = (unsigned char *)out; *p != '\0'; p++)
		if (*p < 0x20 || *p == 0x7f)
			*p = ' ';
	return out;
}

/* ---- time -------------------------------------------------------------- */

int time_parse(const char *iso, time_t *out)
{
	return atelier_value_time(iso, out) == 1 ? 0 : -1;
}

void time_format(const char *iso, const char *pattern, char *buf, size_t len)
{
	struct tm tm;
	time_t t;

	if (len == 0)
		return;
	if (time_parse(iso, &t) != 0 || localtime_r(&t, &tm) == NULL ||
	    strftime(buf, len, pattern, &tm) == 0)
		snprintf(buf, len, "%s", iso != NULL ? iso : "");
}

/* Whether two timestamps fall on the same local day. */
static bool same_local_day(const char *a, const char *b)
{
	struct tm ta, tb;
	time_t t1, t2;

	return time_parse(a, &t1) == 0 && time_parse(b, &t2) == 0 &&
	       localtime_r(&t1, &ta) != NULL && localtime_r(&t2, &tb) != NULL &&
	       ta.tm_year == tb.tm_year && ta.tm_yday == tb.tm_yday;
}

/* ---- text arrays ------------------------------------------------------- */

struct each_state {
	void (*fn)(void *ctx, const char *item);
	void *ctx;
	int n;
};

/* SQL NULL elements are left out: there is nothing to show for them. */
static void each_present(void *ctx, const char *item)
{
	struct each_state *e = ctx;

	if (item == NULL)
		return;
	e->fn(e->ctx, item);
	e->n++;
}

int array_each(const char *literal, void (*fn)(void *ctx, const char *item), void *ctx)
{
	struct each_state e = { .fn = fn, .ctx = ctx, .n = 0 };

	return atelier_value_each(literal, each_present, &e) < 0 ? -1 : e.n;
}

struct join_state {
	const char *sep;
	char *buf;
	size_t len, cap;
	bool failed;
	const char *(*map)(void *ctx, const char *item);
	void *ctx;
};

static void join_one(void *ctx, const char *item)
{
	struct join_state *j = ctx;
	const char *text = j->map != NULL ? j->map(j->ctx, item) : item;
	size_t need = strlen(text) + strlen(j->sep) + 1;

	if (j->failed)
		return;
	if (j->len + need > j->cap) {
		size_t cap = (j->cap + need) * 2;
		char *bigger = realloc(j->buf, cap);

		if (bigger == NULL) {
			j->failed = true;
			return;
		}
		j->buf = bigger;
		j->cap = cap;
	}
	j->len += (size_t)snprintf(j->buf + j->len, j->cap - j->len, "%s%s",
				   j->len > 0 ? j->sep : "", text);
}

char *array_join(const char *literal, const char *(*map)(void *ctx, const char *item), void *ctx)
{
	struct join_state j = { .sep = ", ", .map = map, .ctx = ctx };

	if (array_each(literal, join_one, &j) < 0 || j.failed) {
		free(j.buf);
		return NULL;
	}
	return j.buf != NULL ? j.buf : strdup("");
}

char *array_codes(const char *literal)
{
	struct join_state j = { .sep = ",", .map = NULL, .ctx = NULL };

	if (array_each(literal, join_one, &j) < 0 || j.failed) {
		free(j.buf);
		return NULL;
	}
	return j.buf != NULL ? j.buf : strdup("");
}

int fields_print(FILE *out, const struct field *fields, size_t n)
{
	size_t w = 0, i;

	for (i = 0; i < n; i++)
		if (text_width(fields[i].label) > w)
			w = text_width(fields[i].label);
	for (i = 0; i < n; i++) {
		char *value = text_one_line(fields[i].value);

		if (value == NULL)
			return -1;
		if (value[0] == '\0')
			fprintf(out, "%s:\n", fields[i].label);
		else
			fprintf(out, "%s:%*s %s\n", fields[i].label,
				(int)(w - text_width(fields[i].label)), "", value);
		free(value);
	}
	return ferror(out) ? -1 : 0;
}

void person_short(const char *pseudonym, char out[16])
{
	snprintf(out, 16, "p:%.8s", pseudonym != NULL ? pseudonym : "");
}

/* ---- tables ------------------------------------------------------------ */

struct table *table_new(const struct column *cols, size_t ncols)
{
	struct table *t = calloc(1, sizeof(*t));

	if (t == NULL)
		return NULL;
	t->cols = malloc(ncols * sizeof(*cols));
	if (t->cols == NULL) {
		free(t);
		return NULL;
	}
	memcpy(t->cols, cols, ncols * sizeof(*cols));
	t->ncols = ncols;
	return t;
}

int table_add(struct table *t, const char *const *cells)
{
	size_t i, base;

	if (t->nrows == t->cap) {
		size_t cap = t->cap > 0 ? t->cap * 2 : 16;
		char **bigger = realloc(t->cells, cap * t->ncols * sizeof(char *));

		if (bigger == NULL)
			return -1;
		t->cells = bigger;
		t->cap = cap;
	}
	base = t->nrows * t->ncols;
	for (i = 0; i < t->ncols; i++) {
		t->cells[base + i] = strdup(cells[i] != NULL ? cells[i] : "");
		if (t->cells[base + i] == NULL) {
			while (i-- > 0)
				free(t->cells[base + i]);
			return -1;
		}
	}
	t->nrows++;
	return 0;
}

size_t table_rows(const struct table *t)
{
	return t != NULL ? t->nrows : 0;
}

void table_free(struct table *t)
{
	size_t i;

	if (t == NULL)
		return;
	for (i = 0; i < t->nrows * t->ncols; i++)
		free(t->cells[i]);
	free(t->cells);
	free(t->cols);
	free(t);
}

size_t terminal_width(FILE *out)
{
	struct winsize ws;
	const char *columns;

	if (!isatty(fileno(out)))
		return 0;
	if (ioctl(fileno(out), TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	columns = getenv("COLUMNS");
	return columns != NULL && atoi(columns) > 0 ? (size_t)atoi(columns) : 80;
}

static int print_tsv(const struct table *t, FILE *out)
{
	size_t r, i;

	for (i = 0; i < t->ncols; i++)
		fprintf(out, "%s%s", i > 0 ? "\t" : "", t->cols[i].key);
	fputc('\n', out);
	for (r = 0; r < t->nrows; r++) {
		for (i = 0; i < t->ncols; i++) {
			char *cell = text_one_line(t->cells[r * t->ncols + i]);

			if (cell == NULL)
				return -1;
			fprintf(out, "%s%s", i > 0 ? "\t" : "", cell);
			free(cell);
		}
		fputc('\n', out);
	}
	return 0;
}

/* The text shown for a cell in a table: local times, one line. */
static char *shown_cell(const struct table *t, size_t r, size_t i)
{
	const char *raw = t->cells[r * t->ncols + i];
	char buf[128];

	switch (t->cols[i].kind) {
	case COL_TIME:
		time_format(raw, "%x %H:%M", buf, sizeof(buf));
		return text_one_line(buf);
	case COL_END:
		if (i > 0 && t->cols[i - 1].kind == COL_TIME &&
		    same_local_day(t->cells[r * t->ncols + i - 1], raw))
			time_format(raw, "%H:%M", buf, sizeof(buf));
		else
			time_format(raw, "%x %H:%M", buf, sizeof(buf));
		return text_one_line(buf);
	default:
		return text_one_line(raw);
	}
}

/* Cuts the widest column, one column at a time, until the table fits. */
static void shrink(size_t *w, size_t n, size_t width)
{
	size_t total = 0, i;

	for (i = 0; i < n; i++)
		total += w[i] + (i > 0 ? COL_GAP : 0);
	while (total > width) {
		size_t widest = 0;

		for (i = 1; i < n; i++)
			if (w[i] > w[widest])
				widest = i;
		if (w[widest] <= COL_MIN)
			break;
		w[widest]--;
		total--;
	}
}

static void print_cell(FILE *out, const char *text, size_t w, bool right, bool last)
{
	char *fit = text_fit(text, w);
	const char *s = fit != NULL ? fit : "";
	size_t pad = w - text_width(s);

	if (right)
		fprintf(out, "%*s%s", (int)pad, "", s);
	else if (last)
		fputs(s, out);
	else
		fprintf(out, "%s%*s", s, (int)pad, "");
	free(fit);
}

/* One line of the table; trailing blanks (empty last cells) are cut. */
static void print_line(const struct table *t, FILE *out, char *const *texts, const size_t *w)
{
	char *line = NULL;
	size_t len = 0, i;
	FILE *mem = open_memstream(&line, &len);

	if (mem == NULL)
		return;
	for (i = 0; i < t->ncols; i++) {
		if (i > 0)
			fprintf(mem, "%*s", COL_GAP, "");
		print_cell(mem, texts[i], w[i], t->cols[i].kind == COL_NUMBER, i + 1 == t->ncols);
	}
	if (fclose(mem) == 0) {
		while (len > 0 && line[len - 1] == ' ')
			len--;
		fwrite(line, 1, len, out);
		fputc('\n', out);
	}
	free(line);
}

static int print_table(const struct table *t, FILE *out, size_t width)
{
	size_t n = t->nrows * t->ncols, r, i;
	char **shown = calloc(n + t->ncols + 1, sizeof(char *));
	size_t *w = calloc(t->ncols, sizeof(size_t));
	int rc = -1;

	if (shown == NULL || w == NULL)
		goto done;
	for (i = 0; i < t->ncols; i++) {
		shown[n + i] = text_one_line(t->cols[i].title);
		if (shown[n + i] == NULL)
			goto done;
		w[i] = text_width(shown[n + i]);
	}
	for (r = 0; r < t->nrows; r++) {
		for (i = 0; i < t->ncols; i++) {
			char *s = shown_cell(t, r, i);

			if (s == NULL)
				goto done;
			shown[r * t->ncols + i] = s;
			if (text_width(s) > w[i])
				w[i] = text_width(s);
		}
	}
	if (width > 0)
		shrink(w, t->ncols, width);
	print_line(t, out, shown + n, w);
	for (i = 0; i < t->ncols; i++) {
		size_t k;

		if (i > 0)
			fprintf(out, "%*s", COL_GAP, "");
		for (k = 0; k < w[i]; k++)
			fputc('-', out);
	}
	fputc('\n', out);
	for (r = 0; r < t->nrows; r++)
		print_line(t, out, shown + r * t->ncols, w);
	rc = 0;
done:
	if (shown != NULL)
		for (i = 0; i < n + t->ncols; i++)
			free(shown[i]);
	free(shown);
	free(w);
	return rc;
}

int table_print(const struct table *t, FILE *out, enum out_format format, size_t width)
{
	int rc = format == OUT_TSV ? print_tsv(t, out) : print_table(t, out, width);

	return rc == 0 && !ferror(out) ? 0 : -1;
}
