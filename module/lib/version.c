/*
 * version.c - the library's version string.
 *
 * The Makefile passes -DATELIER_VERSION="x.y.z" from the one place the
 * version is kept; a build without it says so instead of pretending.
 */
#include "atelier.h"

#ifndef ATELIER_VERSION
#define ATELIER_VERSION "0.0.0-dev"
#endif

const char *atelier_version(void)
{
	return ATELIER_VERSION;
}
