/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz_document.h - the libFuzzer entry points of the targets that feed whole
 * documents to atelier_xml_handle() (fuzz_common.h: fuzz_document()).  Such
 * targets differ only by their seed corpus (tests/fuzz/corpus/<target>/), which
 * steers the fuzzer to one kind of document; each is one file including this.
 */
#ifndef ATELIER_FUZZ_DOCUMENT_H
#define ATELIER_FUZZ_DOCUMENT_H

#include <stddef.h>
#include <stdint.h>

#include "fuzz_common.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_setup();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_document(data, size);
	return 0;
}

#endif
