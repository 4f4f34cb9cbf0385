/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xml_hooks.c - libxml2's process-wide hooks, replaced for the length of one
 * call and put back afterwards, as PostgreSQL's xml.c does:
 *  - an external-entity loader that loads nothing: no file, no URL, whatever
 *    a document (or a future code path) asks for;
 *  - a structured error handler that collects the first error, so that
 *    nothing is printed on stderr and every error reaches the caller;
 *  - a generic error handler that says nothing (libxml2 uses it for a few
 *    messages outside any parser context).
 * The hooks are global to the process (the loader even across threads in
 * libxml2 2.9.14): a host must not parse XML in another thread meanwhile.
 */
#include <stdio.h>
#include <string.h>

#include <libxml/parserInternals.h>

#include "xml_internal.h"

static xmlParserInputPtr load_nothing(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
	(void)url;
	(void)id;
	(void)ctxt;
	return NULL;
}

static void say_nothing(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

void xml_errors_reset(struct xml_errors *errs)
{
	memset(errs, 0, sizeof(*errs));
}

/* Keeps the first error (warnings do not refuse a document). */
void xml_errors_collect(void *ctx, xmlErrorPtr e)
{
	struct xml_errors *errs = ctx;
	size_t n;

	if (errs == NULL || e == NULL || e->level < XML_ERR_ERROR)
		return;
	if (errs->count++ > 0)
		return;
	errs->line = e->line;
	errs->domain = e->domain;
	errs->code = e->code;
	snprintf(errs->message, sizeof(errs->message), "%s", e->message != NULL ? e->message : "");
	n = strlen(errs->message);
	while (n > 0 && (errs->message[n - 1] == '\n' || errs->message[n - 1] == ' '))
		errs->message[--n] = '\0';
}

void xml_hooks_install(struct xml_hooks *saved, struct xml_errors *errs)
{
	xmlInitParser();
	saved->loader = xmlGetExternalEntityLoader();
	saved->serror = xmlStructuredError;
	saved->serror_ctx = xmlStructuredErrorContext;
	saved->generic = xmlGenericError;
	saved->generic_ctx = xmlGenericErrorContext;
	xmlSetExternalEntityLoader(load_nothing);
	xmlSetStructuredErrorFunc(errs, xml_errors_collect);
	xmlSetGenericErrorFunc(NULL, say_nothing);
}

void xml_hooks_restore(const struct xml_hooks *saved)
{
	xmlSetExternalEntityLoader(saved->loader);
	xmlSetStructuredErrorFunc(saved->serror_ctx, saved->serror);
	xmlSetGenericErrorFunc(saved->generic_ctx, saved->generic);
}
