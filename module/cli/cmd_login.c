/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_login.c - atelier login, logout and whoami: the staff session.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "args.h"
#include "cli.h"
#include "diagnostics.h"
#include "output.h"
#include "prompt.h"
#include "session_file.h"
#include "staff_handle.h"

static int run_login(struct cli *c, const struct command *cmd, int argc, char **argv)
{
	char password[PROMPT_PASSWORD_MAX], until[16];
	bool from_stdin = false;
	long long minutes = 0, expires = 0; /* 0: the longest the role allows */
	const struct arg_spec specs[] = {
		{ .name = "password-stdin", .kind = ARG_FLAG, .target = &from_stdin },
		{ .name = "minutes", .kind = ARG_INT, .target = &minutes, .min = 1, .max = 1440 },
		{ .name = NULL }
	};
	struct args_result r;
	const char *login;
	struct tm tm;
	time_t t;
	int rc = cli_parse(c, cmd, specs, argc, argv, &r, 0, 1);

	if (rc != CLI_GO_ON)
		return rc;
	login = r.npos == 1 ? r.pos[0] : cli_current_user();
	if (login[0] == '\0')
		return report_usage(
			c, "%s", _("Your login is not known: give it, as in: atelier login LOGIN"));
	if (from_stdin) {
		if (prompt_password_stdin(password, sizeof(password)) != 0)
			return report_usage(c, "%s", _("No password was given on standard input."));
		rc = cli_login_with(c, login, password, (int)minutes, &expires);
		explicit_bzero(password, sizeof(password));
	} else {
		rc = cli_login_asking(c, login, (int)minutes, &expires);
	}
	if (rc != EXIT_DONE)
		return rc;
	t = (time_t)expires;
	if (localtime_r(&t, &tm) == NULL || strftime(until, sizeof(until), "%H:%M", &tm) == 0)
		snprintf(until, sizeof(until), "?");
	printf(_("Logged in as %s until %s.\n"), login, until);
	return EXIT_DONE;
}

static int run_logout(struct cli *c, const struct command *cmd, int argc, char **argv)
{
	const struct arg_spec specs[] = { { .name = NULL } };
	struct saved_session s;
	struct args_result r;
	atelier_error err;
	char db[65];
	int rc = cli_parse(c, cmd, specs, argc, argv, &r, 0, 0);

	if (rc != CLI_GO_ON)
		return rc;
	atelier_error_clear(&err);
	session_db_hash(c->db, db);
	if (session_load(&s) == 1 && strcmp(s.db, db) == 0 && (long long)time(NULL) < s.expires) {
		rc = cli_open(c);
		/* An expired or unknown session is as good as logged out. */
		if (rc == EXIT_DONE && atelier_resume(c->h, s.token, &err) == 0)
			(void)atelier_logout(c->h, &err);
	}
	explicit_bzero(&s, sizeof(s));
	/* The local copy goes whatever the database said: the token is then
	 * lost for good, and the session on the server ends at its expiry. */
	if (session_remove(&err) != 0)
		return report_error(&err);
	if (rc != EXIT_DONE && rc != CLI_GO_ON)
		return rc;
	if (err.category != ATELIER_OK && err.category != ATELIER_E_AUTH)
		return report_error(&err);
	printf("%s\n", _("Logged out."));
	return EXIT_DONE;
}

static const char *role_label(const char *role)
{
	if (role == NULL)
		return "";
	if (strcmp(role, "librarian") == 0)
		return _("librarian");
	if (strcmp(role, "facilitator") == 0)
		return _("facilitator");
	if (strcmp(role, "coordinator") == 0)
		return _("coordinator");
	if (strcmp(role, "admin") == 0)
		return _("administrator");
	return role;
}

static int print_whoami(struct cli *c, atelier_rows *rows)
{
	static const char *const keys[] = { "login", "display_name", "role", "sites",
					    "expires_at" };
	const char *raw[5];
	char until[64];
	char *sites;
	int i, rc;

	for (i = 0; i < 5; i++)
		raw[i] = atelier_rows_get(rows, keys[i]);
	if (c->format == OUT_TSV) {
		struct column cols[5];
		struct table *t;

		for (i = 0; i < 5; i++)
			cols[i] = (struct column){ keys[i], keys[i], COL_TEXT };
		t = table_new(cols, 5);
		rc = t == NULL || table_add(t, raw) != 0 ? -1 : table_print(t, stdout, OUT_TSV, 0);
		table_free(t);
		return rc;
	}
	sites = array_join(raw[3], NULL, NULL);
	time_format(raw[4], "%x %H:%M", until, sizeof(until));
	{
		const struct field f[] = {
			{ _("Login"), raw[0] },
			{ _("Name"), raw[1] },
			{ _("Role"), role_label(raw[2]) },
			{ _("Sites"), sites },
			{ _("Logged in until"), until },
		};

		rc = sites == NULL ? -1 : fields_print(stdout, f, 5);
	}
	free(sites);
	return rc;
}

static int run_whoami(struct cli *c, const struct command *cmd, int argc, char **argv)
{
	const struct arg_spec specs[] = { { .name = NULL } };
	struct args_result r;
	atelier_error err;
	atelier_rows *rows;
	int rc = cli_parse(c, cmd, specs, argc, argv, &r, 0, 0);

	if (rc != CLI_GO_ON || (rc = cli_staff(c)) != EXIT_DONE)
		return rc;
	rows = atelier_whoami(c->h, &err);
	if (rows == NULL)
		return report_error(&err);
	rc = atelier_rows_next(rows, &err);
	if (rc == 1)
		rc = print_whoami(c, rows) == 0 ? EXIT_DONE : EXIT_INTERNAL;
	else
		rc = rc < 0 ? report_error(&err) : EXIT_AUTH;
	atelier_rows_free(rows);
	return rc;
}

const struct command cmd_login = {
	.name = "login",
	.summary =
		N_("Log in with your usual password; the session is kept for the next commands."),
	.usage = N_("[LOGIN] [OPTIONS]"),
	.options = N_(
		"      --password-stdin    read the password from standard input (for scripts)\n"
		"      --minutes N         how long the session lasts (default: the longest your\n"
		"                          role allows, as your network set it)\n"),
	.example = N_("  atelier login\n"
		      "  atelier login cmartin --minutes 240\n"),
	.run = run_login,
};

const struct command cmd_logout = {
	.name = "logout",
	.summary = N_("End your staff session."),
	.usage = N_("[OPTIONS]"),
	.options = "",
	.example = N_("  atelier logout\n"),
	.run = run_logout,
};

const struct command cmd_whoami = {
	.name = "whoami",
	.summary = N_("Show who is logged in: login, name, role, sites, and until when."),
	.usage = N_("[OPTIONS]"),
	.options = "",
	.example = N_("  atelier whoami\n"),
	.run = run_whoami,
};
