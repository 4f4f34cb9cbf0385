/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_export.c - atelier export: a month's figures as CSV, XML or an HTML
 * page, through the library's atelier_export_csv(), atelier_export_xml() and
 * atelier_export_html(), small counts of people hidden below --min-count.
 * With -o FILE the figures go to a new file beside FILE, synced, then
 * renamed over it: a failure never leaves a half-written FILE (nor the
 * temporary one).
 */
#include <errno.h>
#include <stdbool.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "args.h"
#include "diagnostics.h"
#include "site.h"
#include "staff_handle.h"

static int write_failed(const char *path, int saved_errno, atelier_category category)
{
	atelier_error err;

	report_set(&err, category,
		   category == ATELIER_E_USAGE
			   ? _("Check that the directory exists and that you may write there.")
			   : NULL,
		   _("Could not write %s: %s."), path, strerror(saved_errno));
	return report_error(&err);
}

/* The library's writer of a format: atelier_export_csv, _xml or _html. */
typedef int (*export_fn)(atelier *h, const char *month, const char *site, int min_count, FILE *out,
			 atelier_error *err);

/* What to export, as the options say. */
struct export_job {
	export_fn export;
	const char *month;
	const char *site;
	int min_count;
};

/* The figures into a temporary file beside path, then renamed to path. */
static int export_to_file(struct cli *c, const struct export_job *j, const char *path)
{
	char *tmp = NULL;
	FILE *out = NULL;
	atelier_error err;
	int fd, closed, rc = EXIT_INTERNAL;

	if (asprintf(&tmp, "%s.%ld.tmp", path, (long)getpid()) < 0)
		return EXIT_INTERNAL;
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
	if (fd < 0 || (out = fdopen(fd, "w")) == NULL) {
		rc = write_failed(path, errno, ATELIER_E_USAGE);
		if (fd >= 0)
			close(fd);
		goto done;
	}
	if (j->export(c->h, j->month, j->site, j->min_count, out, &err) != 0) {
		rc = report_error(&err);
		goto done;
	}
	if (fsync(fileno(out)) != 0) {
		rc = write_failed(path, errno, ATELIER_E_INTERNAL);
		goto done;
	}
	closed = fclose(out);
	out = NULL;
	if (closed != 0 || rename(tmp, path) != 0) {
		rc = write_failed(path, errno, ATELIER_E_INTERNAL);
		goto done;
	}
	printf(_("The figures of %s are in %s.\n"), j->month, path);
	rc = EXIT_DONE;
done:
	if (out != NULL)
		fclose(out);
	if (rc != EXIT_DONE && fd >= 0)
		unlink(tmp);
	free(tmp);
	return rc;
}

/* A device or a pipe (/dev/stdout, a fifo) is written in place: renaming a
 * file over it would replace the device itself. */
static bool is_special_file(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && !S_ISREG(st.st_mode);
}

static int export_to_special(struct cli *c, const struct export_job *j, const char *path)
{
	atelier_error err;
	FILE *out = fopen(path, "we");
	int rc;

	if (out == NULL)
		return write_failed(path, errno, ATELIER_E_USAGE);
	rc = j->export(c->h, j->month, j->site, j->min_count, out, &err) != 0 ? report_error(&err)
									      : EXIT_DONE;
	if (fclose(out) != 0 && rc == EXIT_DONE)
		rc = write_failed(path, errno, ATELIER_E_INTERNAL);
	return rc;
}

static int run_export(struct cli *c, const struct command *cmd, int argc, char **argv)
{
	static const char *const formats[] = { "csv", "xml", "html", NULL };
	const char *site = NULL, *format = "csv", *output = NULL;
	char month[ARGS_VALUE_LEN] = "";
	long long min_count = 0; /* not given: the network's threshold */
	const struct arg_spec specs[] = {
		{ .name = "month", .kind = ARG_MONTH, .target = month },
		{ .name = "site", .kind = ARG_TEXT, .target = &site },
		{ .name = "format", .kind = ARG_CHOICE, .target = &format, .choices = formats },
		{ .name = "output", .short_name = 'o', .kind = ARG_TEXT, .target = &output },
		{ .name = "min-count",
		  .kind = ARG_INT,
		  .target = &min_count,
		  .min = 1,
		  .max = 1000 },
		{ .name = NULL }
	};
	struct args_result r;
	atelier_error err;
	struct export_job j;
	int rc = cli_parse(c, cmd, specs, argc, argv, &r, 0, 0);

	if (rc != CLI_GO_ON)
		return rc;
	j.export = strcmp(format, "xml") == 0    ? atelier_export_xml
		   : strcmp(format, "html") == 0 ? atelier_export_html
						 : atelier_export_csv;
	j.month = month;
	j.min_count = (int)min_count;
	if (month[0] == '\0')
		return report_usage(c, "%s", _("Give the month: --month YYYY-MM."));
	if ((rc = cli_open(c)) != EXIT_DONE)
		return rc;
	j.site = cli_site_filter(site);
	if (output != NULL && strcmp(output, "-") != 0 && !is_special_file(output))
		return export_to_file(c, &j, output);
	if (output != NULL && strcmp(output, "-") != 0)
		return export_to_special(c, &j, output);
	if (j.export(c->h, j.month, j.site, j.min_count, stdout, &err) != 0)
		return report_error(&err);
	return EXIT_DONE;
}

const struct command cmd_export = {
	.name = "export",
	.summary = N_(
		"Export a month's figures: CSV for a spreadsheet, XML, or a page to read and print."),
	.usage = N_("--month YYYY-MM [OPTIONS]"),
	.options = N_(
		"      --month YYYY-MM     the month\n"
		"      --site CODE         one site (default: $ATELIER_SITE, else the whole network)\n"
		"      --format FORMAT     csv (for a spreadsheet, the default), xml (the\n"
		"                          exchange schema's monthly-report) or html (one\n"
		"                          page with charts, to read or print)\n"
		"      --min-count N       hide counts of people below N (default: the\n"
		"                          network's threshold, see atelier(1); a lower N\n"
		"                          is refused)\n"
		"  -o, --output FILE       write to FILE instead of the standard output\n"),
	.example = N_(
		"  atelier export --month 2026-11 --site MED-CENTRE --format csv -o novembre.csv\n"
		"  atelier export --month 2026-11 --site MED-CENTRE --format html -o novembre.html\n"),
	.run = run_export,
	.own_format = true,
};
