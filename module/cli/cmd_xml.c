/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_xml.c - atelier xml: hand a sync or a request document of the host
 * exchange to the library (atelier_xml_handle_file()) and print the
 * response document on the standard output.  The exit code is the one of
 * the first failure (0 when everything was done), and its sentence also
 * goes to the standard error, for people; programs read the response.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "args.h"
#include "diagnostics.h"
#include "staff_handle.h"

/* The key turns patron ids into pseudonyms.  A document without people
 * needs none: a key that cannot be loaded is only a warning here (and the
 * library refuses any document that names a person). */
static atelier_secret *load_key(const struct cli *c)
{
	atelier_secret *secret;
	char why[256];

	if (c->secret_path == NULL || access(c->secret_path, F_OK) != 0)
		return NULL;
	secret = atelier_secret_load(c->secret_path, why, sizeof(why));
	if (secret == NULL)
		report_warning(_("The key file cannot be used (%s): documents that name people "
				 "will be refused."),
			       why);
	return secret;
}

static int run_xml(struct cli *c, const struct command *cmd, int argc, char **argv)
{
	const char *schema = NULL;
	long long max_mib = 0;
	const struct arg_spec specs[] = {
		{ .name = "schema", .kind = ARG_TEXT, .target = &schema },
		{ .name = "max-mib", .kind = ARG_INT, .target = &max_mib, .min = 1, .max = 4096 },
		{ .name = NULL }
	};
	atelier_xml_options o = ATELIER_XML_OPTIONS_INIT;
	struct args_result r;
	atelier_error err;
	FILE *in = stdin;
	int rc = cli_parse(c, cmd, specs, argc, argv, &r, 0, 1);

	if (rc != CLI_GO_ON)
		return rc;
	if (r.npos == 1 && strcmp(r.pos[0], "-") != 0) {
		in = fopen(r.pos[0], "rb");
		if (in == NULL) {
			report_set(&err, ATELIER_E_USAGE,
				   _("Check the file's name and that you may read it."),
				   _("Could not open %s."), r.pos[0]);
			return report_error(&err);
		}
	}
	if ((rc = cli_open(c)) == EXIT_DONE) {
		o.secret = load_key(c);
		o.schema_file = schema;
		o.max_bytes = (size_t)max_mib * 1024 * 1024;
		if (atelier_xml_handle_file(c->h, &o, in, stdout, &err) != 0)
			rc = report_error(&err);
		atelier_secret_free((atelier_secret *)o.secret);
	}
	if (in != stdin)
		fclose(in);
	return rc;
}

const struct command cmd_xml = {
	.name = "xml",
	.summary =
		N_("Apply a sync or a request document from the host system; print the response."),
	.usage = N_("[FILE|-] [OPTIONS]"),
	.options = N_(
		"      --schema FILE       the exchange schema (default: the installed\n"
		"                          atelier-exchange-1.xsd, or $ATELIER_DATADIR's)\n"
		"      --max-mib N         the largest document accepted, in MiB (default 64)\n"),
	.example = N_("  atelier xml network-sync.xml\n"
		      "  atelier xml - < request.xml > response.xml\n"
		      "FILE (or -, the standard input) is a sync or a request document; the\n"
		      "response document goes to the standard output.  Exit code: 0 when\n"
		      "everything was done, else the first failure's (1: the database refused\n"
		      "something; 2: the document, or a value in it, is not valid; 3: the\n"
		      "database cannot be reached; 4: the staff member is unknown or\n"
		      "deactivated).\n"),
	.run = run_xml,
};
