/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * plugin.c - the entry point for hosts that load libatelier with dlopen():
 * atelier_plugin_v1() returns a static table of functions (open with
 * settings, handle a document into a buffer, free the buffer, close).
 * Version 1 of the table never changes; see include/atelier.h.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "xml_internal.h"

#define DEFAULT_SECRET_FILE "/etc/atelier/secret"

struct atelier_plugin {
	atelier *h;
	atelier_secret *secret;
	atelier_xml_options options;
	char *schema_file;
};

static void plugin_close(atelier_plugin *p)
{
	if (p == NULL)
		return;
	atelier_close(p->h);
	atelier_secret_free(p->secret);
	free(p->schema_file);
	free(p);
}

/* The key file: the one configured, else $ATELIER_SECRET, else the default
 * one if it exists.  Without any, documents naming people are refused. */
static int load_secret(atelier_plugin *p, const char *configured, atelier_error *err)
{
	const char *path = configured;
	char why[256];

	if (path == NULL || path[0] == '\0')
		path = getenv("ATELIER_SECRET");
	if (path == NULL || path[0] == '\0') {
		if (access(DEFAULT_SECRET_FILE, F_OK) != 0)
			return 0;
		path = DEFAULT_SECRET_FILE;
	}
	p->secret = atelier_secret_load(path, why, sizeof(why));
	if (p->secret != NULL)
		return 0;
	error_set(err, ATELIER_E_USAGE, "%s", why);
	error_hint(err, "%s", _("Fix the key file, or name another one (secret_file)."));
	return -1;
}

static atelier_plugin *plugin_open(const atelier_plugin_config *c, atelier_error *err)
{
	atelier_settings s = ATELIER_SETTINGS_INIT;
	atelier_plugin *p;

	atelier_error_clear(err);
	p = calloc(1, sizeof(*p));
	if (p == NULL) {
		error_set(err, ATELIER_E_INTERNAL, "%s", _("Out of memory."));
		return NULL;
	}
	p->options = (atelier_xml_options)ATELIER_XML_OPTIONS_INIT;
	if (c != NULL) {
		s.conninfo = c->conninfo;
		s.lang = c->lang;
		s.connect_timeout_ms = c->connect_timeout_ms;
		s.statement_timeout_ms = c->statement_timeout_ms;
		p->options.max_bytes = c->max_bytes;
		if (c->schema_file != NULL && (p->schema_file = strdup(c->schema_file)) == NULL) {
			error_set(err, ATELIER_E_INTERNAL, "%s", _("Out of memory."));
			plugin_close(p);
			return NULL;
		}
	}
	if (load_secret(p, c != NULL ? c->secret_file : NULL, err) != 0) {
		plugin_close(p);
		return NULL;
	}
	p->h = atelier_open(&s, err);
	if (p->h == NULL) {
		plugin_close(p);
		return NULL;
	}
	p->options.secret = p->secret;
	p->options.schema_file = p->schema_file;
	return p;
}

static int plugin_handle(atelier_plugin *p, const char *doc, size_t len, char **response,
			 size_t *response_len, atelier_error *err)
{
	char *buf = NULL;
	size_t n = 0;
	FILE *out;
	int rc;

	atelier_error_clear(err);
	if (response == NULL || response_len == NULL || p == NULL) {
		error_set(err, ATELIER_E_USAGE, "%s",
			  _("No plugin or no place for the response was given."));
		return -1;
	}
	*response = NULL;
	*response_len = 0;
	out = open_memstream(&buf, &n);
	if (out == NULL) {
		error_set(err, ATELIER_E_INTERNAL, "%s", _("Out of memory."));
		return -1;
	}
	rc = atelier_xml_handle(p->h, &p->options, doc, len, out, err);
	if (fclose(out) != 0) {
		free(buf);
		error_set(err, ATELIER_E_INTERNAL, "%s", _("Out of memory."));
		return -1;
	}
	*response = buf;
	*response_len = n;
	return rc;
}

static void plugin_free_response(char *response)
{
	free(response);
}

static const atelier_plugin_api_v1 TABLE_V1 = {
	.abi = ATELIER_PLUGIN_ABI,
	.size = sizeof(atelier_plugin_api_v1),
	.version = ATELIER_VERSION_STRING,
	.open = plugin_open,
	.handle = plugin_handle,
	.free_response = plugin_free_response,
	.close = plugin_close,
};

const atelier_plugin_api_v1 *atelier_plugin_v1(void)
{
	return &TABLE_V1;
}
