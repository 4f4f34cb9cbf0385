/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xml_check.c - what atelier_xml_handle() does to a document before the
 * database, on its own: the checks on the bytes, the hooks, the streaming
 * validation, the kind of document, every sync item or request operation
 * handed to a sink.  The unit tests and the fuzz targets run it with sinks
 * that only look: the seam in front of the database.
 */
#include <string.h>

#include "xml_internal.h"

static int check_sync(xmlTextReaderPtr r, struct xml_errors *errs, const char *schema_path,
		      const atelier_secret *secret, const struct sync_sink *sink,
		      struct xml_failure *f)
{
	bool full;

	return xml_sync_read(r, errs, schema_path, secret, sink, &full, f);
}

/* A request is read twice, as atelier_xml_handle() does: validated whole,
 * then its operations handed over one by one. */
static int check_request(const char *doc, size_t len, xmlSchemaPtr schema, xmlTextReaderPtr r,
			 struct xml_errors *errs, const char *schema_path,
			 const atelier_secret *secret, const struct op_sink *sink,
			 struct xml_failure *f)
{
	enum xml_kind kind;
	const char *staff;
	char id[65];
	int rc;

	if (xml_request_validate(r, errs, schema_path, f) != 0)
		return -1;
	r = xml_reader_new(doc, len, schema, errs);
	if (r == NULL) {
		error_set(&f->e, ATELIER_E_INTERNAL, "%s", _("Out of memory."));
		return -1;
	}
	rc = xml_read_root(r, errs, schema_path, &kind, id, f);
	if (rc == 0)
		rc = xml_request_read(r, errs, schema_path, secret, sink, &staff, f);
	xmlFreeTextReader(r);
	return rc;
}

int xml_check(const char *doc, size_t len, size_t max, xmlSchemaPtr schema, const char *schema_path,
	      const atelier_secret *secret, const struct sync_sink *sync, const struct op_sink *ops,
	      enum xml_kind *kind, struct xml_failure *f)
{
	struct xml_hooks hooks;
	struct xml_errors errs;
	xmlTextReaderPtr r = NULL;
	char id[65];
	int rc = -1;

	memset(f, 0, sizeof(*f));
	*kind = XML_KIND_UNKNOWN;
	if (xml_guard(doc, len, max, f) != 0)
		return -1;
	xml_hooks_install(&hooks, &errs);
	r = xml_reader_new(doc, len, schema, &errs);
	if (r == NULL)
		error_set(&f->e, ATELIER_E_INTERNAL, "%s", _("Out of memory."));
	else if (xml_read_root(r, &errs, schema_path, kind, id, f) == 0)
		rc = *kind == XML_KIND_SYNC ? check_sync(r, &errs, schema_path, secret, sync, f)
					    : check_request(doc, len, schema, r, &errs, schema_path,
							    secret, ops, f);
	xmlFreeTextReader(r);
	xml_hooks_restore(&hooks);
	return rc;
}
