/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * keyset.c - the keys a document has listed so far, each with the line it
 * was on, so that an item listed twice is refused naming both lines.  Keys
 * live back to back in one arena (a 2-byte length, then the bytes); the
 * table holds, per slot, the key's offset + 1 and its line.  Open
 * addressing, linear probing, at most half full.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "xml_internal.h"

/* FNV-1a: the keys are short and come from one document. */
static uint64_t hash(const unsigned char *p, size_t n)
{
	uint64_t h = 1469598103934665603ULL;

	while (n-- > 0) {
		h ^= *p++;
		h *= 1099511628211ULL;
	}
	return h;
}

static const unsigned char *key_at(const struct keyset *k, unsigned int off1, size_t *len)
{
	const unsigned char *p = k->arena + off1 - 1;

	*len = (size_t)p[0] << 8 | p[1];
	return p + 2;
}

/* The slot holding key, or the empty slot where it would go. */
static size_t find(const struct keyset *k, const unsigned char *key, size_t len)
{
	size_t mask = k->nslots - 1, i = (size_t)hash(key, len) & mask;

	for (;; i = (i + 1) & mask) {
		const unsigned char *other;
		size_t olen;

		if (k->slots[2 * i] == 0)
			return i;
		other = key_at(k, k->slots[2 * i], &olen);
		if (olen == len && memcmp(other, key, len) == 0)
			return i;
	}
}

static int grow_table(struct keyset *k)
{
	size_t n = k->nslots ? 2 * k->nslots : 1024, i;
	unsigned int *old = k->slots;
	size_t oldn = k->nslots;

	k->slots = calloc(2 * n, sizeof(*k->slots));
	if (k->slots == NULL) {
		k->slots = old;
		return -1;
	}
	k->nslots = n;
	for (i = 0; i < oldn; i++) {
		size_t len, j;
		const unsigned char *key;

		if (old[2 * i] == 0)
			continue;
		key = key_at(k, old[2 * i], &len);
		j = find(k, key, len);
		k->slots[2 * j] = old[2 * i];
		k->slots[2 * j + 1] = old[2 * i + 1];
	}
	free(old);
	return 0;
}

static int grow_arena(struct keyset *k, size_t need)
{
	size_t cap = k->cap ? k->cap : 4096;
	unsigned char *p;

	while (cap - k->used < need)
		cap *= 2;
	if (cap > 0xFFFFFFF0u)
		return -1;
	p = realloc(k->arena, cap);
	if (p == NULL)
		return -1;
	k->arena = p;
	k->cap = cap;
	return 0;
}

int keyset_add(struct keyset *k, const void *key, size_t len, int line)
{
	size_t i;

	if (len > 0xFFFF)
		return -1;
	if ((k->count + 1) * 2 > k->nslots && grow_table(k) != 0)
		return -1;
	i = find(k, key, len);
	if (k->slots[2 * i] != 0)
		return (int)k->slots[2 * i + 1] > 0 ? (int)k->slots[2 * i + 1] : 1;
	if (k->cap - k->used < len + 2 && grow_arena(k, len + 2) != 0)
		return -1;
	k->arena[k->used] = (unsigned char)(len >> 8);
	k->arena[k->used + 1] = (unsigned char)len;
	memcpy(k->arena + k->used + 2, key, len);
	k->slots[2 * i] = (unsigned int)k->used + 1;
	k->slots[2 * i + 1] = line > 0 ? (unsigned int)line : 0;
	k->used += len + 2;
	k->count++;
	return 0;
}

void keyset_free(struct keyset *k)
{
	free(k->arena);
	free(k->slots);
	memset(k, 0, sizeof(*k));
}
