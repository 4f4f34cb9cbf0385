/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * diagnostics.h - telling the person what went wrong, and the exit code for
 * it (the monthly report is cmd_export.c's).
 */
#ifndef ATELIER_CLI_DIAGNOSTICS_H
#define ATELIER_CLI_DIAGNOSTICS_H

#include "cli.h"

/* Prints "atelier: message", the hint on the next line and, when it helps,
 * the detail; returns the exit code of the error's category. */
int report_error(const atelier_error *err);

/* A usage error: "atelier: message" then where to find help; returns
 * EXIT_USAGE. */
int report_usage(const struct cli *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* One line "atelier: ..." on stderr, for warnings that do not stop us. */
void report_warning(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Fills err (category, message, hint) for errors the command finds itself. */
void report_set(atelier_error *err, atelier_category category, const char *hint, const char *fmt,
		...) __attribute__((format(printf, 4, 5)));

#endif
