/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xml_schema.c - the exchange schema, compiled from our own file and from
 * nowhere else (a schemaLocation in a document is never followed).  It is
 * compiled for each document: that takes under a millisecond, and a handle
 * then keeps no libxml2 state between calls.
 *
 * The file is, in order: the path the caller gives; $ATELIER_DATADIR/
 * atelier-exchange-1.xsd (tests from the build tree set ATELIER_DATADIR=
 * module/xml); the installed $(DATADIR)/atelier/atelier-exchange-1.xsd.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "xml_internal.h"

/* Our schema is about 60 kB; anything far bigger is not it. */
#define SCHEMA_MAX_BYTES (1024 * 1024)

int xml_schema_path(const char *given, char *buf, size_t len)
{
	const char *dir = getenv("ATELIER_DATADIR");
	int n;

	if (given != NULL && given[0] != '\0')
		n = snprintf(buf, len, "%s", given);
	else
		n = snprintf(buf, len, "%s/%s",
			     dir != NULL && dir[0] != '\0' ? dir : ATELIER_DATADIR,
			     XML_SCHEMA_NAME);
	return n > 0 && (size_t)n < len ? 0 : -1;
}

static void cannot_read(const char *path, const char *why, struct xml_failure *f)
{
	error_set(&f->e, ATELIER_E_INTERNAL, _("The exchange schema %s could not be read."), path);
	error_hint(&f->e, "%s",
		   _("Check the installation (make install puts it under "
		     "DATADIR/atelier), or set ATELIER_DATADIR to its directory."));
	snprintf(f->e.detail, sizeof(f->e.detail), "%s", why);
	f->line = 0;
}

/* The file's bytes, read by us: libxml2 opens nothing. */
static char *read_schema(const char *path, size_t *len, struct xml_failure *f)
{
	struct stat st;
	char *buf = NULL;
	ssize_t got;
	size_t off = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size <= 0 ||
	    st.st_size > SCHEMA_MAX_BYTES) {
		cannot_read(path, fd < 0 ? strerror(errno) : _("not a schema file"), f);
		goto fail;
	}
	buf = malloc((size_t)st.st_size);
	if (buf == NULL) {
		cannot_read(path, strerror(ENOMEM), f);
		goto fail;
	}
	while (off < (size_t)st.st_size) {
		got = read(fd, buf + off, (size_t)st.st_size - off);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0) {
			cannot_read(path,
				    got < 0 ? strerror(errno)
					    : _("the file is shorter than expected"),
				    f);
			goto fail;
		}
		off += (size_t)got;
	}
	close(fd);
	*len = off;
	return buf;
fail:
	if (fd >= 0)
		close(fd);
	free(buf);
	return NULL;
}

/* Compiles the schema; the caller has installed the hooks (xml_hooks.c). */
xmlSchemaPtr xml_schema_compile(const char *path, struct xml_errors *errs, struct xml_failure *f)
{
	xmlSchemaParserCtxtPtr pctx = NULL;
	xmlSchemaPtr schema = NULL;
	size_t len = 0;
	char *buf = read_schema(path, &len, f);

	if (buf == NULL)
		return NULL;
	xml_errors_reset(errs);
	pctx = xmlSchemaNewMemParserCtxt(buf, (int)len);
	if (pctx != NULL) {
		xmlSchemaSetParserStructuredErrors(pctx, xml_errors_collect, errs);
		schema = xmlSchemaParse(pctx);
		xmlSchemaFreeParserCtxt(pctx);
	}
	if (schema == NULL)
		cannot_read(path,
			    errs->count > 0 ? errs->message : _("it is not a valid XML Schema"), f);
	free(buf);
	return schema;
}
