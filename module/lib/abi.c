/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * abi.c - the ABI rule of atelier.h for the structs callers fill in: the
 * library reads a caller's struct only as far as its size field says, so
 * that a program built against an older header keeps working when fields
 * are appended.
 */
#include <string.h>

#include "internal.h"

int struct_in(void *dst, size_t dst_size, const void *src, size_t min_size, const char *type,
	      const char *init, atelier_error *err)
{
	size_t size;

	/* size is the first field of every such struct. */
	memcpy(&size, src, sizeof(size));
	if (size < min_size) {
		error_set(err, ATELIER_E_USAGE,
			  _("The %s given was not set up with %s: its size field says %zu bytes."),
			  type, init, size);
		return -1;
	}
	memset(dst, 0, dst_size);
	memcpy(dst, src, size < dst_size ? size : dst_size);
	return 0;
}
