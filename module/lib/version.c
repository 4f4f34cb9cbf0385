/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * version.c - the library's version string.
 *
 * The version is written once, in include/atelier.h (ATELIER_VERSION_MAJOR,
 * _MINOR, _PATCH); the Makefile reads it from there too.
 */
#include "atelier.h"

const char *atelier_version(void)
{
	return ATELIER_VERSION_STRING;
}
