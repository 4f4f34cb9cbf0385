/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * host.c - an example host system that loads libatelier with dlopen() and
 * hands it documents through the plugin table, as a host written in C (or
 * through a foreign-function interface) would.  Run by tests/xml/run.
 *
 *   host LIBRARY [-c CONNINFO] [-k KEYFILE] [-s SCHEMA] DOCUMENT...
 *
 * Prints each response document on the standard output and, on the standard
 * error, one line per document: its name, the result (0 or -1) and the
 * category of the first failure.  Exits 0 when every document was done, 1
 * when one was not, 2 when the library could not be used at all.
 *
 * Needs only the public header (for the types) and -ldl: the library is
 * never linked.
 */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "atelier.h"

typedef const atelier_plugin_api_v1 *(*entry_fn)(void);

/* The library is not linked: its functions are reached through the table
 * only, so the category names are spelled here. */
static const char *category_name(atelier_category c)
{
	static const char *const names[] = {
		"ok",        "usage",       "not-found", "conflict", "full",
		"forbidden", "unavailable", "auth",      "internal",
	};

	return (unsigned)c < sizeof(names) / sizeof(names[0]) ? names[c] : "internal";
}

/* The whole file in memory (the library caps the size it accepts). */
static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	long n;

	if (f == NULL)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0) {
		buf = malloc((size_t)n + 1);
		if (buf != NULL && fread(buf, 1, (size_t)n, f) != (size_t)n) {
			free(buf);
			buf = NULL;
		}
		*len = (size_t)n;
	}
	fclose(f);
	return buf;
}

/* Looks the table up and checks it is the version this host was built for. */
static const atelier_plugin_api_v1 *load(void *lib)
{
	entry_fn entry;
	const atelier_plugin_api_v1 *api;

	/* POSIX allows this conversion of dlsym's result. */
	*(void **)&entry = dlsym(lib, "atelier_plugin_v1");
	if (entry == NULL) {
		fprintf(stderr, "host: no atelier_plugin_v1 in the library: %s\n", dlerror());
		return NULL;
	}
	api = entry();
	if (api == NULL || api->abi != ATELIER_PLUGIN_ABI || api->size < sizeof(*api)) {
		fprintf(stderr, "host: the library's plugin table is not version %d\n",
			ATELIER_PLUGIN_ABI);
		return NULL;
	}
	return api;
}

static int handle_all(const atelier_plugin_api_v1 *api, atelier_plugin *p, char **docs, int n)
{
	int i, status = 0;

	for (i = 0; i < n; i++) {
		size_t len = 0, rlen = 0;
		char *doc = read_file(docs[i], &len), *response = NULL;
		atelier_error err;
		int rc;

		if (doc == NULL) {
			fprintf(stderr, "host: cannot read %s\n", docs[i]);
			status = 1;
			continue;
		}
		rc = api->handle(p, doc, len, &response, &rlen, &err);
		if (response != NULL)
			fwrite(response, 1, rlen, stdout);
		fprintf(stderr, "host: %s: rc=%d category=%s%s%s\n", docs[i], rc,
			rc == 0 ? "ok" : category_name(err.category), rc == 0 ? "" : ": ",
			rc == 0 ? "" : err.message);
		if (rc != 0)
			status = 1;
		api->free_response(response);
		free(doc);
	}
	return status;
}

int main(int argc, char **argv)
{
	atelier_plugin_config config = { 0 };
	const atelier_plugin_api_v1 *api;
	atelier_plugin *p;
	atelier_error err;
	void *lib;
	int opt, status;

	while ((opt = getopt(argc - 1, argv + 1, "c:k:s:")) != -1) {
		if (opt == 'c')
			config.conninfo = optarg;
		else if (opt == 'k')
			config.secret_file = optarg;
		else if (opt == 's')
			config.schema_file = optarg;
		else
			return 2;
	}
	if (argc < 2) {
		fprintf(stderr,
			"usage: host LIBRARY [-c CONNINFO] [-k KEYFILE] [-s SCHEMA] DOCUMENT...\n");
		return 2;
	}
	lib = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
	if (lib == NULL) {
		fprintf(stderr, "host: %s\n", dlerror());
		return 2;
	}
	api = load(lib);
	if (api == NULL) {
		dlclose(lib);
		return 2;
	}
	fprintf(stderr, "host: libatelier %s, plugin table version %u\n", api->version, api->abi);
	p = api->open(&config, &err);
	if (p == NULL) {
		fprintf(stderr, "host: cannot open atelier: %s\n", err.message);
		dlclose(lib);
		return 2;
	}
	status = handle_all(api, p, argv + 1 + optind, argc - 1 - optind);
	api->close(p);
	dlclose(lib);
	return status;
}
