/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz_common.h - what the fuzz targets share: the schema compiled once
 * (from $ATELIER_DATADIR, else module/xml: run from the top of the tree, as
 * "make fuzz" does), a pseudonymisation key, and sinks that read every value
 * they are handed, as the database sinks would (the seam in front of the
 * database: nothing here needs one).
 */
#ifndef ATELIER_FUZZ_COMMON_H
#define ATELIER_FUZZ_COMMON_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../module/lib/xml_internal.h"

static xmlSchemaPtr fuzz_schema;
static char fuzz_schema_path[4096];
static atelier_secret *fuzz_secret;

/* Reads every byte of s, so that a dangling pointer shows under ASan. */
static size_t fuzz_touch(const char *s)
{
	return s != NULL ? strlen(s) : 0;
}

static int fuzz_item(void *ctx, const struct sync_item *it, struct xml_failure *f)
{
	size_t *n = ctx;
	int i;

	(void)f;
	for (i = 0; i < SYNC_FIELDS; i++)
		*n += fuzz_touch(it->field[i]);
	return 0;
}

static int fuzz_section_end(void *ctx, enum sync_section s, struct xml_failure *f)
{
	size_t *n = ctx;

	(void)f;
	*n += fuzz_touch(sync_section_name(s));
	return 0;
}

static int fuzz_op(void *ctx, const struct xml_op *op, struct xml_failure *f)
{
	size_t *n = ctx, i;
	int a;

	(void)f;
	*n += fuzz_touch(op->name) + fuzz_touch(op->id) + fuzz_touch(op->person) +
	      fuzz_touch(op->notes);
	for (a = 0; a < op->nattr; a++)
		*n += fuzz_touch(op->attr[a].name) + fuzz_touch(op_attr(op, op->attr[a].name));
	for (i = 0; i < op->themes.n; i++)
		*n += fuzz_touch(op->themes.v[i]);
	for (i = 0; i < op->procedures.n; i++)
		*n += fuzz_touch(op->procedures.v[i]);
	for (i = 0; i < op->pcs.n; i++)
		*n += fuzz_touch(op->pcs.v[i]);
	return 0;
}

static void fuzz_setup(void)
{
	struct xml_failure f;
	struct xml_hooks hooks;
	struct xml_errors errs;
	char key[] = "/tmp/atelier-fuzz-key.XXXXXX", why[200];
	int fd;

	if (getenv("ATELIER_DATADIR") == NULL)
		setenv("ATELIER_DATADIR", "module/xml", 1);
	if (xml_schema_path(NULL, fuzz_schema_path, sizeof(fuzz_schema_path)) != 0)
		abort();
	xml_hooks_install(&hooks, &errs);
	fuzz_schema = xml_schema_compile(fuzz_schema_path, &errs, &f);
	xml_hooks_restore(&hooks);
	if (fuzz_schema == NULL) {
		fprintf(stderr, "fuzz: %s (%s)\n", f.e.message, f.e.detail);
		abort();
	}
	fd = mkstemp(key);
	if (fd < 0 || write(fd, "fuzz-key-fuzz-key-fuzz-key-fuzz-key-0123", 40) != 40)
		abort();
	close(fd);
	fuzz_secret = atelier_secret_load(key, why, sizeof(why));
	unlink(key);
	if (fuzz_secret == NULL)
		abort();
}

/* The whole of atelier_xml_handle() short of the database, and the refusal
 * written as the response document would be. */
static void fuzz_document(const uint8_t *data, size_t size)
{
	size_t n = 0;
	struct sync_sink sync = { &n, fuzz_item, fuzz_section_end };
	struct op_sink ops = { &n, fuzz_op };
	struct xml_failure f;
	enum xml_kind kind;
	atelier_error err;
	char *buf = NULL;
	size_t len = 0;
	FILE *out;

	if (xml_check((const char *)data, size, 1024 * 1024, fuzz_schema, fuzz_schema_path,
		      fuzz_secret, &sync, &ops, &kind, &f) == 0)
		return;
	out = open_memstream(&buf, &len);
	if (out == NULL)
		return;
	if (xml_response_refused(out, kind, NULL, &f, &err) != 0)
		abort();
	fclose(out);
	free(buf);
}

#endif
