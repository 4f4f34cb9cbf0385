/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * labels.h - the labels of a reference list (themes, places, ...) in the
 * language of the handle, to show people labels rather than codes.
 */
#ifndef ATELIER_CLI_LABELS_H
#define ATELIER_CLI_LABELS_H

#include <stddef.h>

#include "atelier.h"
#include "prompt.h"

struct labels {
	size_t n;
	struct choice *items;  /* code and label, in the list's order; owned */
	char *with_procedures; /* the term the database marks as the one procedures
				* go with (term_list's with_procedures), or NULL; owned */
};

/* Loads the active terms of vocabulary for the network and site (may be
 * NULL).  0, or -1 with err filled. */
int labels_load(atelier *h, const char *vocabulary, const char *site, struct labels *l,
		atelier_error *err);

/* The label of code, or code itself when the list has no such term; "" for
 * NULL. */
const char *labels_get(const struct labels *l, const char *code);

/* labels_get() shaped for array_join(): ctx is a struct labels *. */
const char *labels_map(void *ctx, const char *code);

void labels_free(struct labels *l);

#endif
