/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * options.c - the pam.d line's options, the way PAM modules take them:
 * name=value words, defaults first.  A wrong or unknown option is logged
 * and the default kept: a typo must not lock a library's public PCs.
 */
#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>

#include "atelier.h"
#include "pam_atelier.h"

/* The option's value if arg is "name=value", else NULL. */
static const char *value_of(const char *arg, const char *name)
{
	size_t n = strlen(name);

	return strncmp(arg, name, n) == 0 && arg[n] == '=' ? arg + n + 1 : NULL;
}

static bool int_in(const char *text, int lo, int hi, int *out)
{
	char *end;
	long v;

	if (text[0] == '\0' || !isdigit((unsigned char)text[0]))
		return false;
	v = strtol(text, &end, 10);
	if (*end != '\0' || v < lo || v > hi)
		return false;
	*out = (int)v;
	return true;
}

/* A libpq service name goes into the connection string as it is: only
 * letters, digits and . _ - are let through. */
static bool service_ok(const char *s)
{
	size_t n = strlen(s);

	return n > 0 && n < 64 &&
	       strspn(s, "abcdefghijklmnopqrstuvwxyz"
			 "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-") == n;
}

/* Lowercase printable ASCII without spaces, as the spool stores it. */
static bool set_workstation(struct pa_options *o, const char *name)
{
	size_t i, n = strlen(name);

	if (n == 0 || n >= sizeof(o->workstation))
		return false;
	for (i = 0; i < n; i++)
		if ((unsigned char)name[i] < 0x21 || (unsigned char)name[i] > 0x7e)
			return false;
	for (i = 0; i <= n; i++)
		o->workstation[i] = (char)tolower((unsigned char)name[i]);
	return true;
}

static void defaults(pam_handle_t *pamh, struct pa_options *o)
{
	char host[HOST_NAME_MAX + 1] = "";

	memset(o, 0, sizeof(*o));
	snprintf(o->conninfo, sizeof(o->conninfo), "service=%s", PA_DEFAULT_SERVICE);
	o->timeout_ms = PA_DEFAULT_TIMEOUT_MS;
	o->spool = ATELIER_SPOOL_DIR;
	o->grace = -1;
	o->secret = PA_DEFAULT_SECRET;
	if (gethostname(host, sizeof(host) - 1) != 0 || !set_workstation(o, host)) {
		pam_syslog(pamh, LOG_ERR,
			   "the host name cannot name this workstation: set workstation=");
		o->workstation[0] = '\0';
	}
}

static void bad_value(pam_handle_t *pamh, const char *arg)
{
	/* The name only: a value might be something not meant for the log. */
	pam_syslog(pamh, LOG_ERR, "option %.*s: value not valid, default kept",
		   (int)strcspn(arg, "="), arg);
}

/* One name=value option; false when the name is unknown. */
static bool parse_one(pam_handle_t *pamh, const char *arg, struct pa_options *o)
{
	const char *v;
	bool ok = true;

	if ((v = value_of(arg, "service")) != NULL) {
		ok = service_ok(v);
		if (ok)
			snprintf(o->conninfo, sizeof(o->conninfo), "service=%s", v);
	} else if ((v = value_of(arg, "workstation")) != NULL) {
		ok = set_workstation(o, v);
	} else if ((v = value_of(arg, "timeout_ms")) != NULL) {
		ok = int_in(v, 1, 60000, &o->timeout_ms);
	} else if ((v = value_of(arg, "unavailable")) != NULL) {
		ok = strcmp(v, "allow") == 0 || strcmp(v, "deny") == 0;
		if (ok)
			o->deny_unavailable = strcmp(v, "deny") == 0;
	} else if ((v = value_of(arg, "spool")) != NULL) {
		ok = v[0] == '/';
		if (ok)
			o->spool = v;
	} else if ((v = value_of(arg, "grace")) != NULL) {
		ok = int_in(v, 0, 1440, &o->grace);
	} else if ((v = value_of(arg, "workshop_users")) != NULL) {
		o->workshop_users = v;
	} else if ((v = value_of(arg, "secret")) != NULL) {
		ok = v[0] == '/';
		if (ok)
			o->secret = v;
	} else if (strcmp(arg, "debug") == 0) {
		o->debug = true;
	} else {
		return false;
	}
	if (!ok)
		bad_value(pamh, arg);
	return true;
}

void parse_args(pam_handle_t *pamh, int argc, const char **argv, struct pa_options *o)
{
	int i;

	defaults(pamh, o);
	for (i = 0; i < argc; i++) {
		if (argv[i] == NULL)
			continue;
		if (!parse_one(pamh, argv[i], o))
			pam_syslog(pamh, LOG_ERR, "unknown option %.*s ignored",
				   (int)strcspn(argv[i], "="), argv[i]);
	}
}

/* user is one of the comma-separated names, compared exactly. */
bool is_workshop_user(const struct pa_options *o, const char *user)
{
	const char *p = o->workshop_users;
	size_t n = strlen(user);

	if (p == NULL || n == 0)
		return false;
	while (*p != '\0') {
		size_t len = strcspn(p, ",");

		if (len == n && strncmp(p, user, n) == 0)
			return true;
		p += len;
		if (*p == ',')
			p++;
	}
	return false;
}
