/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz_xml_write.c - libFuzzer target: whatever text the database hands
 * back (labels, messages: other clients write them), the documents atelier
 * writes are well-formed XML.  The input is split at NUL bytes into the
 * columns of report rows and the texts of an error.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../module/lib/xml_internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct pieces {
	const char *p[64];
	size_t n, at;
};

static int next_row(void *ctx, const char *col[REPORT_COLUMNS], atelier_error *err)
{
	struct pieces *s = ctx;
	int i;

	(void)err;
	if (s->at + REPORT_COLUMNS > s->n)
		return 0;
	for (i = 0; i < REPORT_COLUMNS; i++) {
		col[i] = s->p[s->at++];
		if (col[i][0] == '\0' && i > 0)
			col[i] = NULL;
	}
	return 1;
}

static void must_be_well_formed(const char *buf, size_t len)
{
	xmlDocPtr doc = xmlReadMemory(buf, (int)len, NULL, "UTF-8", XML_PARSE_NONET);

	if (doc == NULL)
		abort();
	xmlFreeDoc(doc);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pieces s = { .n = 0 };
	struct report_source src = { &s, next_row, 11 };
	struct xml_failure f;
	const char *col[REPORT_COLUMNS];
	char *text, *p, *buf = NULL;
	size_t len = 0;
	atelier_error err;
	struct xw x;
	FILE *out;
	int rc;

	text = malloc(size + 1);
	if (text == NULL)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	for (p = text; s.n < 64 && p <= text + size; p += strlen(p) + 1)
		s.p[s.n++] = p;
	out = open_memstream(&buf, &len);
	if (out != NULL && xw_open(&x, out, true) == 0) {
		rc = next_row(&s, col, &err);
		if (xml_write_report(&x, true, "2026-11", s.p[0], &src, col, rc, &err) != 0 ||
		    xw_close(&x, &err) != 0)
			abort();
		fclose(out);
		must_be_well_formed(buf, len);
		free(buf);
		buf = NULL;
		out = open_memstream(&buf, &len);
	}
	if (out != NULL) {
		memset(&f, 0, sizeof(f));
		f.e.category = ATELIER_E_CONFLICT;
		snprintf(f.e.message, sizeof(f.e.message), "%s", s.p[0]);
		snprintf(f.e.hint, sizeof(f.e.hint), "%s", s.n > 1 ? s.p[1] : "");
		snprintf(f.e.detail, sizeof(f.e.detail), "%s", s.n > 2 ? s.p[2] : "");
		if (xml_response_refused(out, XML_KIND_REQUEST, s.n > 3 ? s.p[3] : NULL, &f,
					 &err) != 0)
			abort();
		fclose(out);
		must_be_well_formed(buf, len);
		free(buf);
	}
	free(text);
	return 0;
}
