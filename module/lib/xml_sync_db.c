/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xml_sync_db.c - a sync written to the database in batches: the items of a
 * section are gathered into array parameters and sent, a batch at a time, to
 * the set-based functions atelier.sync_* (28_api_sync.sql), all within the
 * one transaction the caller opened, in pipeline mode (pipeline.c).  A full
 * sync then sends, once the whole document is read, every key of each
 * section it had to atelier.sync_deactivate_missing(), which refuses to
 * deactivate more than a share of the network unless the document says so.
 */
#include <stdlib.h>
#include <string.h>

#include "xml_internal.h"

/* Big enough that a round trip costs little per item, small enough that a
 * batch's arrays stay a few hundred kilobytes. */
#define SYNC_BATCH 5000

static const char *const SQL_BATCH[SYNC_SECTIONS] = {
	"SELECT created, updated, unchanged FROM atelier.sync_sites($1::integer[], $2::text[],"
	" $3::text[], $4::text[], $5::text[], $6::boolean[])",
	"SELECT created, updated, unchanged FROM atelier.sync_rooms($1::integer[], $2::text[],"
	" $3::text[], $4::text[], $5::boolean[])",
	"SELECT created, updated, unchanged FROM atelier.sync_workstations($1::integer[], $2::text[],"
	" $3::text[], $4::text[], $5::text[], $6::boolean[])",
	"SELECT created, updated, unchanged FROM atelier.sync_staff($1::integer[], $2::text[],"
	" $3::text[], $4::text[], $5::text[], $6::boolean[])",
	"SELECT created, updated, unchanged FROM atelier.sync_people($1::integer[], $2::text[],"
	" $3::text[], $4::text[], $5::text[], $6::date[])",
};
/* The keys of sites, rooms (two arrays), PCs and staff, NULL for a section
 * the document did not have; people are never deactivated by a sync. */
static const char *const SQL_DEACTIVATE =
	"SELECT sites, rooms, workstations, staff FROM atelier.sync_deactivate_missing("
	"$1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::boolean)";
/* How many fields of the item each section sends, and whether "active"
 * follows them as the last array. */
static const int NFIELDS[SYNC_SECTIONS] = { 4, 3, 4, 4, 5 };
/* Which fields make the key a full sync lists: (first, count). */
static const int KEY[SYNC_SECTIONS][2] = { { 0, 1 }, { 0, 2 }, { 0, 1 }, { 0, 1 }, { 0, 0 } };

struct sync_db {
	atelier *h;
	struct pipeline pipe; /* the batches in flight */
	bool full;
	int section; /* of the batch being gathered, or -1 */
	struct arraybuf lines;
	struct arraybuf col[SYNC_FIELDS + 1];
	/* full sync: every key of each section the document had */
	struct arraybuf keys[SYNC_SECTIONS][2];
	bool had[SYNC_SECTIONS];
	struct sync_counts *counts;
};

static int out_of_memory(struct xml_failure *f)
{
	error_set(&f->e, ATELIER_E_INTERNAL, "%s", _("Out of memory."));
	return -1;
}

static long long count_at(const PGresult *res, const char *column)
{
	return strtoll(PQgetvalue(res, 0, PQfnumber(res, column)), NULL, 10);
}

/* The counts of a batch, when its result comes back (tag: its section). */
static void on_counts(void *ctx, int section, const PGresult *res)
{
	struct sync_db *d = ctx;

	d->counts[section].created += count_at(res, "created");
	d->counts[section].updated += count_at(res, "updated");
	d->counts[section].unchanged += count_at(res, "unchanged");
}

static int flush(struct sync_db *d, struct xml_failure *f)
{
	const char *p[SYNC_FIELDS + 2];
	int s = d->section, n, i;

	if (s < 0 || d->lines.n == 0)
		return 0;
	/* the lines, the fields, and "active" but for people */
	n = NFIELDS[s] + (s == SYNC_PEOPLE ? 1 : 2);
	p[0] = arraybuf_text(&d->lines);
	for (i = 1; i < n; i++)
		p[i] = arraybuf_text(&d->col[i - 1]);
	for (i = 0; i < n; i++)
		if (p[i] == NULL)
			return out_of_memory(f);
	/* Sent without waiting for the previous batch's result: the next batch
	 * is read while the server writes this one. */
	if (pipe_send(&d->pipe, s, SQL_BATCH[s], n, p, &f->e) != 0)
		return -1;
	arraybuf_reset(&d->lines);
	for (i = 0; i <= SYNC_FIELDS; i++)
		arraybuf_reset(&d->col[i]);
	return 0;
}

static int add_item(void *ctx, const struct sync_item *it, struct xml_failure *f)
{
	struct sync_db *d = ctx;
	char line[16];
	int s = it->section, i, rc = 0;

	if (d->section != s && flush(d, f) != 0)
		return -1;
	d->section = s;
	d->counts[s].seen = true;
	snprintf(line, sizeof(line), "%d", it->line);
	rc |= arraybuf_add(&d->lines, line);
	for (i = 0; i < NFIELDS[s]; i++)
		rc |= arraybuf_add(&d->col[i], it->field[i]);
	if (s != SYNC_PEOPLE)
		rc |= arraybuf_add(&d->col[NFIELDS[s]], it->active < 0 ? NULL
							: it->active   ? "true"
								       : "false");
	for (i = 0; d->full && i < KEY[s][1]; i++)
		rc |= arraybuf_add(&d->keys[s][i], it->field[KEY[s][0] + i]);
	if (rc != 0)
		return out_of_memory(f);
	return d->lines.n >= SYNC_BATCH ? flush(d, f) : 0;
}

/* What a full sync no longer lists is deactivated at its end, all kinds in
 * one call, so that a refusal can name every count. */
static int deactivate(struct sync_db *d, bool allow, struct xml_failure *f)
{
	static const enum sync_section kinds[4] = { SYNC_SITES, SYNC_ROOMS, SYNC_WORKSTATIONS,
						    SYNC_STAFF };
	const char *p[6] = { NULL };
	PGresult *res;
	int i, k;

	for (i = 0, k = 0; i < 4; i++)
		for (int j = 0; j < KEY[kinds[i]][1]; j++, k++)
			if (d->had[kinds[i]] &&
			    (p[k] = arraybuf_text(&d->keys[kinds[i]][j])) == NULL)
				return out_of_memory(f);
	p[5] = allow ? "true" : "false";
	res = exec_params(d->h, SQL_DEACTIVATE, 6, p, &f->e);
	if (res == NULL)
		return -1;
	for (i = 0; i < 4; i++)
		d->counts[kinds[i]].deactivated += strtoll(PQgetvalue(res, 0, i), NULL, 10);
	PQclear(res);
	return 0;
}

static int end_section(void *ctx, enum sync_section s, struct xml_failure *f)
{
	struct sync_db *d = ctx;

	d->counts[s].seen = true;
	d->had[s] = true;
	if ((d->section == (int)s && flush(d, f) != 0) || pipe_drain(&d->pipe, &f->e) != 0)
		return -1;
	d->section = -1;
	return 0;
}

/* Reads the sync (the reader is on its root) and writes it; the caller runs
 * this inside a transaction and commits only when it returns 0. */
int xml_sync_apply(atelier *h, xmlTextReaderPtr r, struct xml_errors *errs, const char *schema_path,
		   const atelier_secret *secret, bool *full,
		   struct sync_counts counts[SYNC_SECTIONS], struct xml_failure *f)
{
	struct sync_db d;
	struct sync_sink sink = { &d, add_item, end_section };
	bool allow;
	int rc, i;

	memset(&d, 0, sizeof(d));
	d.h = h;
	d.pipe.h = h;
	d.pipe.on_row = on_counts;
	d.pipe.ctx = &d;
	d.section = -1;
	d.counts = counts;
	d.full = xml_reader_token_is(r, "mode", "full");
	allow = xml_reader_bool(r, "allow-mass-deactivation") == 1;
	rc = xml_sync_read(r, errs, schema_path, secret, &sink, full, f);
	/* A section is always ended by its end tag; this is for safety.  After
	 * a failure, the pipeline is left all the same (the caller rolls back). */
	if (rc == 0 && d.section >= 0)
		rc = flush(&d, f);
	if (pipe_drain(&d.pipe, rc == 0 ? &f->e : NULL) != 0)
		rc = -1;
	if (rc == 0 && d.full)
		rc = deactivate(&d, allow, f);
	arraybuf_free(&d.lines);
	for (i = 0; i <= SYNC_FIELDS; i++)
		arraybuf_free(&d.col[i]);
	for (i = 0; i < SYNC_SECTIONS; i++) {
		arraybuf_free(&d.keys[i][0]);
		arraybuf_free(&d.keys[i][1]);
	}
	return rc;
}
