/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz_xml_guard.c - libFuzzer target: the checks on a document's raw bytes
 * (size, UTF-16, NUL, UTF-8, encoding declaration, DOCTYPE in the prolog),
 * and text made fit for XML, which must then be clean.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../module/lib/xml_internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct xml_failure f;
	char *text, *clean, *again;
	bool oom;

	memset(&f, 0, sizeof(f));
	(void)xml_guard((const char *)data, size, 4096, &f);
	/* As a NUL-terminated text: cleaning gives valid text, cleaned once. */
	text = malloc(size + 1);
	if (text == NULL)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	clean = xml_clean_text(text, &oom);
	if (clean != NULL) {
		again = xml_clean_text(clean, &oom);
		if (again != NULL)
			abort();
		free(clean);
	}
	free(text);
	return 0;
}
