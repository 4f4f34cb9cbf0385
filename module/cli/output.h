/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * output.h - what the command prints for people (aligned tables, local
 * dates) and for scripts (tab-separated values).  Pure: no database.
 */
#ifndef ATELIER_CLI_OUTPUT_H
#define ATELIER_CLI_OUTPUT_H

#include <stddef.h>
#include <stdio.h>
#include <time.h>

enum out_format {
	OUT_TABLE, /* aligned columns, local dates, for people */
	OUT_TSV    /* header line, tab-separated raw values, for scripts */
};

enum col_kind {
	COL_TEXT,   /* left-aligned */
	COL_NUMBER, /* right-aligned */
	COL_TIME,   /* a database timestamp, shown as the local "%x %H:%M" */
	COL_END     /* a timestamp shown as "%H:%M" alone when it falls on the
		     * same local day as the COL_TIME column just before it */
};

struct column {
	const char *key;   /* the TSV header: stable, not translated */
	const char *title; /* the table header, translated */
	enum col_kind kind;
};

struct table;

/* A table of ncols columns (the array is copied).  NULL when out of memory. */
struct table *table_new(const struct column *cols, size_t ncols);
/* Adds a row of ncols raw values (copied; NULL is an empty cell).  0 or -1. */
int table_add(struct table *t, const char *const *cells);
size_t table_rows(const struct table *t);
/* Prints the table; width > 0 is the terminal's width: cells are then cut
 * with "…" until the table fits.  0, or -1 on a write error. */
int table_print(const struct table *t, FILE *out, enum out_format format, size_t width);
void table_free(struct table *t);

/* The width of out when it is a terminal, else 0 (no limit). */
size_t terminal_width(FILE *out);

/* Display width of UTF-8 text in terminal columns ("é" 1, "日" 2). */
size_t text_width(const char *s);
/* A copy of s cut to at most width columns, ending with "…" when cut;
 * NULL when out of memory. */
char *text_fit(const char *s, size_t width);
/* A copy of s fit for one TSV cell or table cell: tabs, newlines and other
 * control characters become spaces.  NULL when out of memory. */
char *text_one_line(const char *s);

/* A database timestamp ("2026-11-10 14:00:00+01", ISO 8601 with offset)
 * as time_t (atelier_value_time()); 0, or -1 when it is NULL or not one. */
int time_parse(const char *iso, time_t *out);
/* The timestamp in local time with strftime pattern (e.g. "%x %H:%M"); when
 * it cannot be read, the text as it is. */
void time_format(const char *iso, const char *pattern, char *buf, size_t len);

/* A text[] literal as the database writes it ("{a,\"b c\"}") as "a, b c",
 * each element passed through map (NULL: as is).  NULL when out of memory. */
char *array_join(const char *literal, const char *(*map)(void *ctx, const char *item), void *ctx);
/* The same, for scripts: the elements as they are, joined by ",". */
char *array_codes(const char *literal);
/* The elements of a text[] literal, for callers that need them one by one
 * (atelier_value_each(), SQL NULL elements left out): calls fn for each;
 * returns the count (0 for NULL), or -1 when the literal is malformed or
 * memory is short. */
int array_each(const char *literal, void (*fn)(void *ctx, const char *item), void *ctx);

/* "Label: value" lines, the values aligned on the widest label. */
struct field {
	const char *label;
	const char *value; /* NULL prints as nothing */
};
int fields_print(FILE *out, const struct field *fields, size_t n);

/* A person as shown: "p:" and the first 8 hex digits of the pseudonym. */
void person_short(const char *pseudonym, char out[16]);

#endif
