/*
 * xml_sync_db.c - a sync written to the database in batches: the items of a
 * section are gathered into array parameters and sent, a batch at a time, to
 * the set-based functions atelier.sync_* (28_api_sync.sql), all within the
 * one transaction the caller opened, in pipeline mode (pipeline.c).  A full
 * sync then sends every key of each section it had to
 * atelier.sync_deactivate_*.
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
static const char *const SQL_DEACTIVATE[SYNC_SECTIONS] = {
	"SELECT atelier.sync_deactivate_sites($1::text[])",
	"SELECT atelier.sync_deactivate_rooms($1::text[], $2::text[])",
	"SELECT atelier.sync_deactivate_workstations($1::text[])",
	"SELECT atelier.sync_deactivate_staff($1::text[])",
	NULL,   /* people are never deactivated by a sync */
};
/* How many fields of the item each section sends, and whether "active"
 * follows them as the last array. */
static const int NFIELDS[SYNC_SECTIONS] = { 4, 3, 4, 4, 5 };
/* Which fields make the key a full sync lists: (first, count). */
static const int KEY[SYNC_SECTIONS][2] = { { 0, 1 }, { 0, 2 }, { 0, 1 }, { 0, 1 }, { 0, 0 } };

struct sync_db {
	atelier *h;
	struct pipeline pipe;             /* the batches in flight */
	bool full;
	int section;                      /* of the batch being gathered, or -1 */
	struct arraybuf lines;
	struct arraybuf col[SYNC_FIELDS + 1];
	struct arraybuf keys[2];          /* full sync: every key of the section */
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
		rc |= arraybuf_add(&d->col[NFIELDS[s]], it->active < 0 ? NULL : it->active ? "true" : "false");
	for (i = 0; d->full && i < KEY[s][1]; i++)
		rc |= arraybuf_add(&d->keys[i], it->field[KEY[s][0] + i]);
	if (rc != 0)
		return out_of_memory(f);
	return d->lines.n >= SYNC_BATCH ? flush(d, f) : 0;
}

static int deactivate(struct sync_db *d, enum sync_section s, struct xml_failure *f)
{
	const char *p[2] = { arraybuf_text(&d->keys[0]), arraybuf_text(&d->keys[1]) };
	char n[24];

	if (p[0] == NULL || p[1] == NULL)
		return out_of_memory(f);
	if (exec_scalar(d->h, SQL_DEACTIVATE[s], KEY[s][1], p, n, sizeof(n), &f->e) != 0)
		return -1;
	d->counts[s].deactivated += strtoll(n, NULL, 10);
	return 0;
}

static int end_section(void *ctx, enum sync_section s, struct xml_failure *f)
{
	struct sync_db *d = ctx;
	int rc;

	d->counts[s].seen = true;
	if ((d->section == (int)s && flush(d, f) != 0) || pipe_drain(&d->pipe, &f->e) != 0)
		return -1;
	d->section = -1;
	rc = d->full && SQL_DEACTIVATE[s] != NULL ? deactivate(d, s, f) : 0;
	arraybuf_reset(&d->keys[0]);
	arraybuf_reset(&d->keys[1]);
	return rc;
}

/* Reads the sync (the reader is on its root) and writes it; the caller runs
 * this inside a transaction and commits only when it returns 0. */
int xml_sync_apply(atelier *h, xmlTextReaderPtr r, struct xml_errors *errs,
		   const char *schema_path, const atelier_secret *secret,
		   bool *full, struct sync_counts counts[SYNC_SECTIONS],
		   struct xml_failure *f)
{
	struct sync_db d;
	struct sync_sink sink = { &d, add_item, end_section };
	char mode[16];
	int rc, i;

	memset(&d, 0, sizeof(d));
	d.h = h;
	d.pipe.h = h;
	d.pipe.on_row = on_counts;
	d.pipe.ctx = &d;
	d.section = -1;
	d.counts = counts;
	d.full = xml_reader_token(r, "mode", mode, sizeof(mode)) != NULL && strcmp(mode, "full") == 0;
	rc = xml_sync_read(r, errs, schema_path, secret, &sink, full, f);
	/* A section is always ended by its end tag; this is for safety.  After
	 * a failure, the pipeline is left all the same (the caller rolls back). */
	if (rc == 0 && d.section >= 0)
		rc = flush(&d, f);
	if (pipe_drain(&d.pipe, rc == 0 ? &f->e : NULL) != 0)
		rc = -1;
	arraybuf_free(&d.lines);
	for (i = 0; i <= SYNC_FIELDS; i++)
		arraybuf_free(&d.col[i]);
	arraybuf_free(&d.keys[0]);
	arraybuf_free(&d.keys[1]);
	return rc;
}
