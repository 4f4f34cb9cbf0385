/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xml_response.c - the response document: its root, the counts of a sync,
 * and the whole response to a refused document.
 *
 *   <response xmlns="urn:atelier:exchange:1" document="sync" status="done" id="...">
 *     <sync-result mode="full" created="3" updated="1" deactivated="0" unchanged="97">
 *       <section name="people" created="3" updated="1" deactivated="0" unchanged="97"/>
 *     </sync-result>
 *   </response>
 */
#include "xml_internal.h"

static const char *kind_name(enum xml_kind kind)
{
	switch (kind) {
	case XML_KIND_SYNC:
		return "sync";
	case XML_KIND_REQUEST:
		return "request";
	default:
		return "unknown";
	}
}

void xml_response_start(struct xw *x, enum xml_kind kind, const char *status, const char *id)
{
	xw_start_root(x, "response");
	xw_attr(x, "document", kind_name(kind));
	xw_attr(x, "status", status);
	if (id != NULL && id[0] != '\0')
		xw_attr(x, "id", id);
}

static void counts(struct xw *x, const struct sync_counts *c)
{
	xw_attr_ll(x, "created", c->created);
	xw_attr_ll(x, "updated", c->updated);
	xw_attr_ll(x, "deactivated", c->deactivated);
	xw_attr_ll(x, "unchanged", c->unchanged);
}

void xml_response_sync(struct xw *x, bool full, const struct sync_counts *c)
{
	struct sync_counts total = { .seen = true };
	int i;

	for (i = 0; i < SYNC_SECTIONS; i++) {
		total.created += c[i].created;
		total.updated += c[i].updated;
		total.deactivated += c[i].deactivated;
		total.unchanged += c[i].unchanged;
	}
	xw_start(x, "sync-result");
	xw_attr(x, "mode", full ? "full" : "partial");
	counts(x, &total);
	for (i = 0; i < SYNC_SECTIONS; i++) {
		if (!c[i].seen)
			continue;
		xw_start(x, "section");
		xw_attr(x, "name", sync_section_name((enum sync_section)i));
		counts(x, &c[i]);
		xw_end(x);
	}
	xw_end(x);
}

int xml_response_refused(FILE *out, enum xml_kind kind, const char *id, const struct xml_failure *f,
			 atelier_error *err)
{
	struct xw x;

	if (xw_open(&x, out, true) != 0)
		x.oom = true;
	xml_response_start(&x, kind, "refused", id);
	xw_error(&x, &f->e, f->line);
	xw_end(&x);
	return xw_close(&x, err);
}
