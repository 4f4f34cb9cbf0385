/*
 * fuzz_xml_request.c - libFuzzer target: request documents through the checks, the
 * hooks, the streaming validation and the request reader of atelier_xml_handle()
 * (tests/fuzz/corpus/fuzz_xml_request/ holds the seeds).
 */
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
