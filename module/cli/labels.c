/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * labels.c - reference-list labels: French labels when the handle speaks
 * French (atelier_lang()), English ones otherwise.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "diagnostics.h"
#include "labels.h"

static int add(struct labels *l, size_t *cap, const char *code, const char *label)
{
	if (l->n == *cap) {
		size_t bigger = *cap > 0 ? *cap * 2 : 16;
		struct choice *items = realloc(l->items, bigger * sizeof(*items));

		if (items == NULL)
			return -1;
		l->items = items;
		*cap = bigger;
	}
	l->items[l->n].code = strdup(code != NULL ? code : "");
	l->items[l->n].label = strdup(label != NULL && label[0] != '\0' ? label
				      : code != NULL                    ? code
									: "");
	if (l->items[l->n].code == NULL || l->items[l->n].label == NULL) {
		free((char *)l->items[l->n].code);
		free((char *)l->items[l->n].label);
		return -1;
	}
	l->n++;
	return 0;
}

int labels_load(atelier *h, const char *vocabulary, const char *site, struct labels *l,
		atelier_error *err)
{
	const char *column = strcmp(atelier_lang(h), "fr") == 0 ? "label_fr" : "label_en";
	atelier_rows *rows;
	size_t cap = 0;
	int more, rc = 0;

	memset(l, 0, sizeof(*l));
	rows = atelier_term_list(h, vocabulary, site, err);
	if (rows == NULL)
		return -1;
	while ((more = atelier_rows_next(rows, err)) == 1) {
		bool marked = false;
		const char *code = atelier_rows_get(rows, "code");

		if (atelier_rows_bool(rows, "with_procedures", &marked) < 0)
			marked = false;
		if (marked && code != NULL && l->with_procedures == NULL &&
		    (l->with_procedures = strdup(code)) == NULL) {
			report_set(err, ATELIER_E_INTERNAL, NULL, "%s", _("Out of memory."));
			rc = -1;
			break;
		}
		if (add(l, &cap, code, atelier_rows_get(rows, column)) != 0) {
			report_set(err, ATELIER_E_INTERNAL, NULL, "%s", _("Out of memory."));
			rc = -1;
			break;
		}
	}
	if (more < 0)
		rc = -1;
	atelier_rows_free(rows);
	if (rc != 0)
		labels_free(l);
	return rc;
}

const char *labels_get(const struct labels *l, const char *code)
{
	size_t i;

	if (code == NULL)
		return "";
	for (i = 0; l != NULL && i < l->n; i++)
		if (strcmp(l->items[i].code, code) == 0)
			return l->items[i].label;
	return code;
}

const char *labels_map(void *ctx, const char *code)
{
	return labels_get(ctx, code);
}

void labels_free(struct labels *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		free((char *)l->items[i].code);
		free((char *)l->items[i].label);
	}
	free(l->items);
	free(l->with_procedures);
	l->items = NULL;
	l->with_procedures = NULL;
	l->n = 0;
}
