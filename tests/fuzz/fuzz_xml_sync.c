/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz_xml_sync.c - libFuzzer target: sync documents through the checks, the
 * hooks, the streaming validation and the sync reader of atelier_xml_handle()
 * (tests/fuzz/corpus/fuzz_xml_sync/ holds the seeds).
 */
#include "fuzz_document.h"
