/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xml_handle.c - atelier_xml_handle(): one document in, one response out.
 *
 *  1. the raw bytes are checked (xml_guard.c);
 *  2. libxml2's hooks are set (no entity loaded, every error collected), our
 *     schema is compiled from our own file, a streaming reader validates
 *     against it, and the root says which kind of document it is;
 *  3. a sync is applied item by item, in batches, in ONE transaction,
 *     committed only when the whole document was read and valid;
 *     a request is first read to its end (validation only: nothing is done
 *     for a request that is not valid), then read again and carried out;
 *  4. the response is written, the hooks put back.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "xml_internal.h"

struct exchange {
	atelier *h;
	const atelier_secret *secret;
	const char *doc;
	size_t len;
	FILE *out;
	xmlSchemaPtr schema;
	char schema_path[4096];
	struct xml_errors errs;
	enum xml_kind kind;
	char id[65];
	struct xml_failure f;
};

/* The response to a document refused whole; err receives the reason (or
 * the failure to write it). */
static int refused(struct exchange *x, atelier_error *err)
{
	if (xml_response_refused(x->out, x->kind, x->id, &x->f, err) == 0 && err != NULL)
		*err = x->f.e;
	return -1;
}

static int handle_sync(struct exchange *x, xmlTextReaderPtr r, atelier_error *err)
{
	struct sync_counts counts[SYNC_SECTIONS];
	bool full = false;
	struct xw w;

	memset(counts, 0, sizeof(counts));
	if (txn_begin(x->h, &x->f.e) != 0)
		return refused(x, err);
	if (xml_sync_apply(x->h, r, &x->errs, x->schema_path, x->secret, &full, counts, &x->f) !=
		    0 ||
	    txn_commit(x->h, &x->f.e) != 0) {
		txn_rollback(x->h);
		return refused(x, err);
	}
	if (xw_open(&w, x->out, true) != 0)
		w.oom = true;
	xml_response_start(&w, XML_KIND_SYNC, "done", x->id);
	xml_response_sync(&w, full, counts);
	xw_end(&w);
	return xw_close(&w, err);
}

/* The operations were carried out (or some were): the response says which,
 * even if reading or writing failed half-way. */
static int answer_request(struct exchange *x, FILE *results, int failed,
			  const struct xml_failure *first, bool broken, atelier_error *err)
{
	struct xw w;

	if (xw_open(&w, x->out, true) != 0)
		w.oom = true;
	xml_response_start(&w, XML_KIND_REQUEST, failed > 0 || broken ? "partial" : "done", x->id);
	if (broken)
		xw_error(&w, &x->f.e, x->f.line);
	xw_raw_file(&w, results);
	xw_end(&w);
	if (xw_close(&w, err) != 0)
		return -1;
	if (broken || failed > 0) {
		if (err != NULL)
			*err = broken ? x->f.e : first->e;
		return -1;
	}
	return 0;
}

static int handle_request(struct exchange *x, xmlTextReaderPtr r, atelier_error *err)
{
	struct xml_failure first;
	FILE *results = NULL;
	int failed = 0, rc;

	/* First pass: the whole document must be valid before anything is done. */
	if (xml_request_validate(r, &x->errs, x->schema_path, &x->f) != 0)
		return refused(x, err);
	r = xml_reader_new(x->doc, x->len, x->schema, &x->errs);
	results = tmpfile();
	if (r == NULL || results == NULL) {
		error_set(&x->f.e, ATELIER_E_INTERNAL, "%s",
			  r == NULL ? _("Out of memory.")
				    : _("Could not create a temporary file."));
		if (results == NULL)
			snprintf(x->f.e.detail, sizeof(x->f.e.detail), "%s", strerror(errno));
		rc = refused(x, err);
	} else if (xml_read_root(r, &x->errs, x->schema_path, &x->kind, x->id, &x->f) != 0) {
		rc = refused(x, err);
	} else {
		memset(&first, 0, sizeof(first));
		rc = xml_request_run(x->h, r, &x->errs, x->schema_path, x->secret, results, &failed,
				     &first, &x->f);
		rc = answer_request(x, results, failed, &first, rc != 0, err);
	}
	if (results != NULL)
		fclose(results);
	xmlFreeTextReader(r);
	return rc;
}

static int handle(struct exchange *x, atelier_error *err)
{
	xmlTextReaderPtr r;
	int rc;

	x->schema = xml_schema_compile(x->schema_path, &x->errs, &x->f);
	if (x->schema == NULL)
		return refused(x, err);
	r = xml_reader_new(x->doc, x->len, x->schema, &x->errs);
	if (r == NULL) {
		error_set(&x->f.e, ATELIER_E_INTERNAL, "%s", _("Out of memory."));
		rc = refused(x, err);
	} else if (xml_read_root(r, &x->errs, x->schema_path, &x->kind, x->id, &x->f) != 0) {
		rc = refused(x, err);
	} else if (x->kind == XML_KIND_SYNC) {
		rc = handle_sync(x, r, err);
	} else {
		rc = handle_request(x, r, err);
	}
	xmlFreeTextReader(r);
	xmlSchemaFree(x->schema);
	return rc;
}

int atelier_xml_handle(atelier *h, const atelier_xml_options *options, const char *doc, size_t len,
		       FILE *out, atelier_error *err)
{
	atelier_xml_options given = ATELIER_XML_OPTIONS_INIT;
	const atelier_xml_options *o = &given;
	struct exchange *x;
	struct xml_hooks hooks;
	size_t max;
	int rc;

	atelier_error_clear(err);
	if (options != NULL && STRUCT_IN(atelier_xml_options, max_bytes, ATELIER_XML_OPTIONS_INIT,
					 &given, options, err) != 0)
		return -1;
	max = o->max_bytes > 0 ? o->max_bytes : ATELIER_XML_MAX_BYTES;
	if (out == NULL) {
		error_set(err, ATELIER_E_USAGE, "%s", _("No output file was given."));
		return -1;
	}
	/* The exchange's state is large (paths, messages): on the heap. */
	x = calloc(1, sizeof(*x));
	if (x == NULL) {
		error_set(err, ATELIER_E_INTERNAL, "%s", _("Out of memory."));
		return -1;
	}
	x->h = h;
	x->secret = o->secret;
	x->doc = doc;
	x->len = len;
	x->out = out;
	if (h == NULL) {
		error_set(&x->f.e, ATELIER_E_USAGE, "%s", _("No connection handle was given."));
		rc = refused(x, err);
	} else if (xml_guard(doc, len, max, &x->f) != 0) {
		rc = refused(x, err);
	} else if (xml_schema_path(o->schema_file, x->schema_path, sizeof(x->schema_path)) != 0) {
		error_set(&x->f.e, ATELIER_E_USAGE, "%s", _("The schema file's name is too long."));
		rc = refused(x, err);
	} else {
		xml_hooks_install(&hooks, &x->errs);
		rc = handle(x, err);
		xml_hooks_restore(&hooks);
	}
	free(x);
	return rc;
}

/* Reads at most max + 1 bytes: enough to know a document is too big. */
static char *read_capped(FILE *in, size_t max, size_t *len, int *read_errno)
{
	size_t cap = 65536, n = 0, got;
	char *buf = malloc(cap), *p;

	*read_errno = 0;
	while (buf != NULL) {
		if (n == cap) {
			if (cap > max)
				break;
			cap = cap * 2 > max + 1 ? max + 1 : cap * 2;
			p = realloc(buf, cap);
			if (p == NULL) {
				free(buf);
				buf = NULL;
				*read_errno = ENOMEM;
				break;
			}
			buf = p;
		}
		got = fread(buf + n, 1, cap - n, in);
		n += got;
		if (got == 0) {
			if (ferror(in)) {
				*read_errno = errno != 0 ? errno : EIO;
				free(buf);
				buf = NULL;
			}
			break;
		}
	}
	*len = n;
	return buf;
}

int atelier_xml_handle_file(atelier *h, const atelier_xml_options *o, FILE *in, FILE *out,
			    atelier_error *err)
{
	atelier_xml_options given = ATELIER_XML_OPTIONS_INIT;
	size_t max, len = 0;
	struct xml_failure f;
	int read_errno;
	char *doc;
	int rc;

	atelier_error_clear(err);
	if (o != NULL && STRUCT_IN(atelier_xml_options, max_bytes, ATELIER_XML_OPTIONS_INIT, &given,
				   o, err) != 0)
		return -1;
	max = given.max_bytes > 0 ? given.max_bytes : ATELIER_XML_MAX_BYTES;
	memset(&f, 0, sizeof(f));
	if (in == NULL || out == NULL) {
		error_set(err, ATELIER_E_USAGE, "%s", _("No input or output file was given."));
		return -1;
	}
	doc = read_capped(in, max, &len, &read_errno);
	if (doc == NULL) {
		error_set(&f.e, read_errno == ENOMEM ? ATELIER_E_INTERNAL : ATELIER_E_USAGE,
			  _("Could not read the document: %s"), strerror(read_errno));
	} else if (len > max) {
		error_set(&f.e, ATELIER_E_USAGE,
			  _("The document is bigger than the limit of %zu bytes."), max);
		error_hint(
			&f.e, "%s",
			_("Split it into several documents (a partial sync can be sent in parts)."));
	} else {
		rc = atelier_xml_handle(h, o, doc, len, out, err);
		free(doc);
		return rc;
	}
	free(doc);
	if (xml_response_refused(out, XML_KIND_UNKNOWN, NULL, &f, err) == 0 && err != NULL)
		*err = f.e;
	return -1;
}
