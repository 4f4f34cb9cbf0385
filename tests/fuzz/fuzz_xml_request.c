/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz_xml_request.c - libFuzzer target: request documents through the checks, the
 * hooks, the streaming validation and the request reader of atelier_xml_handle()
 * (tests/fuzz/corpus/fuzz_xml_request/ holds the seeds).
 */
#include "fuzz_document.h"
