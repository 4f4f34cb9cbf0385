/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_xml_write.c - the documents atelier writes (responses, the monthly
 * report) are valid against the exchange schema whatever the text they
 * carry; times become xs:dateTime; a write that fails is reported.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../../module/lib/xml_internal.h"
#include "testutil.h"

/* Each test writes into an in-memory stream, its state (struct memout). */
static xmlSchemaPtr SCHEMA;

static int group_setup(void **state)
{
	struct xml_failure f;
	struct xml_hooks hooks;
	struct xml_errors errs;
	char path[4096];

	(void)state;
	if (getenv("ATELIER_DATADIR") == NULL)
		setenv("ATELIER_DATADIR", "module/xml", 1);
	if (xml_schema_path(NULL, path, sizeof(path)) != 0)
		return -1;
	xml_hooks_install(&hooks, &errs);
	SCHEMA = xml_schema_compile(path, &errs, &f);
	xml_hooks_restore(&hooks);
	return SCHEMA != NULL ? 0 : -1;
}

static int group_teardown(void **state)
{
	(void)state;
	xmlSchemaFree(SCHEMA);
	return 0;
}

/* The document parses and follows the schema. */
static void assert_valid(struct memout *t)
{
	const char *text = memout_text(t);
	xmlDocPtr doc = xmlReadMemory(text, (int)t->len, NULL, "UTF-8", XML_PARSE_NONET);
	xmlSchemaValidCtxtPtr v;
	int rc;

	if (doc == NULL)
		fail_msg("not well-formed:\n%s", text);
	v = xmlSchemaNewValidCtxt(SCHEMA);
	assert_non_null(v);
	rc = xmlSchemaValidateDoc(v, doc);
	xmlSchemaFreeValidCtxt(v);
	xmlFreeDoc(doc);
	if (rc != 0)
		fail_msg("not valid (%d):\n%s", rc, text);
}

static void test_xml_write_refused_response(void **state)
{
	struct memout *t = *state;
	struct xml_failure f;
	atelier_error err;

	memset(&f, 0, sizeof(f));
	f.e.category = ATELIER_E_USAGE;
	snprintf(f.e.message, sizeof(f.e.message), "Bad \"x\" <y> & z\x01 caf\xE9 ok");
	snprintf(f.e.hint, sizeof(f.e.hint), "Fix it: \xC3\xA9t\xC3\xA9");
	snprintf(f.e.sqlstate, sizeof(f.e.sqlstate), "ATU01");
	f.line = 12;
	assert_int_equal(xml_response_refused(t->out, XML_KIND_SYNC, "s-1", &f, &err), 0);
	assert_valid(t);
	assert_has(t->buf, "<response document=\"sync\" status=\"refused\" id=\"s-1\"");
	assert_has(t->buf, "<error category=\"usage\" sqlstate=\"ATU01\" line=\"12\">");
	/* Escaped, made valid, and UTF-8 written as UTF-8. */
	assert_has(t->buf, "Bad &quot;x&quot; &lt;y&gt; &amp; z\xEF\xBF\xBD caf\xEF\xBF\xBD ok");
	assert_has(t->buf, "<hint>Fix it: \xC3\xA9t\xC3\xA9</hint>");
}

static void test_xml_write_sync_response(void **state)
{
	struct memout *t = *state;
	struct sync_counts c[SYNC_SECTIONS];
	struct xw x;
	atelier_error err;

	memset(c, 0, sizeof(c));
	c[SYNC_SITES] = (struct sync_counts){ true, 1, 2, 3, 4 };
	c[SYNC_PEOPLE] = (struct sync_counts){ true, 100000, 0, 0, 5 };
	assert_int_equal(xw_open(&x, t->out, true), 0);
	xml_response_start(&x, XML_KIND_SYNC, "done", NULL);
	xml_response_sync(&x, true, c);
	xw_end(&x);
	assert_int_equal(xw_close(&x, &err), 0);
	assert_valid(t);
	assert_has(
		t->buf,
		"mode=\"full\" created=\"100001\" updated=\"2\" deactivated=\"3\" unchanged=\"9\"");
	assert_has(
		t->buf,
		"<section name=\"sites\" created=\"1\" updated=\"2\" deactivated=\"3\" unchanged=\"4\"/>");
	assert_lacks(t->buf, "name=\"rooms\"");
}

/* A report from rows given here instead of the database. */
struct fake_rows {
	const char *const (*rows)[REPORT_COLUMNS];
	size_t n, at;
};

static int fake_next(void *ctx, const char *col[REPORT_COLUMNS], atelier_error *err)
{
	struct fake_rows *f = ctx;
	int i;

	(void)err;
	if (f->at == f->n)
		return 0;
	for (i = 0; i < REPORT_COLUMNS; i++)
		col[i] = f->rows[f->at][i];
	f->at++;
	return 1;
}

static void test_xml_write_monthly_report(void **state)
{
	static const char *const rows[][REPORT_COLUMNS] = {
		{ "tickets", "Accompagnements", "People helped", NULL, NULL, NULL, "12" },
		{ "tickets_by_theme", "Par th\xC3\xA8me", "By theme", "email", "E-mail", "E-mail",
		  "3" },
		{ "ticket_minutes_median",
		  "M\xC3\xA9"
		  "diane",
		  "Median", NULL, NULL, NULL, NULL },
		{ "usage_hours", "Heures", "Hours", NULL, NULL, NULL, "-0.50" },
		{ "usage_hours_by_day", "Jour", "Day", "2026-11-01", "2026-11-01", "2026-11-01",
		  "NaN" },
		{ "tickets_by_place", "Lieu \x02", "Place", "x", "bad \xFF label", "ok", "1" },
		{ "people_by_age", "Par \xC3\xA2ge", "By age", "70_plus", "70 ans", "70", NULL,
		  "below_threshold" },
		{ "people_by_age", "Par \xC3\xA2ge", "By age", "25_39", "25-39", "25-39", NULL,
		  "secondary" },
		{ "people_by_age", "Par \xC3\xA2ge", "By age", "nc", "NC", "NC", "4", "perhaps" },
	};
	struct memout *t = *state;
	struct fake_rows fr = { rows, sizeof(rows) / sizeof(rows[0]), 0 };
	struct report_source src = { &fr, fake_next, 11 };
	const char *col[REPORT_COLUMNS];
	struct xw x;
	atelier_error err;
	int rc;

	assert_int_equal(xw_open(&x, t->out, true), 0);
	rc = fake_next(&fr, col, &err);
	assert_int_equal(xml_write_report(&x, true, "2026-11", "BIB1", &src, col, rc, &err), 0);
	assert_int_equal(xw_close(&x, &err), 0);
	assert_valid(t);
	assert_has(
		t->buf,
		"<monthly-report month=\"2026-11\" site=\"BIB1\" min-count=\"11\" xmlns=\"urn:atelier:exchange:1\">");
	/* A hidden figure says why and has no value; an unknown reason is left out. */
	assert_has(
		t->buf,
		"dimension=\"70_plus\" dimension-label-fr=\"70 ans\" dimension-label-en=\"70\" suppressed=\"below_threshold\"/>");
	assert_has(t->buf, "suppressed=\"secondary\"/>");
	assert_lacks(t->buf, "perhaps");
	assert_has(t->buf, "metric-label-fr=\"Par th\xC3\xA8me\"");
	/* No value, no attribute; NaN is no xs:decimal. */
	assert_has(t->buf, "metric-label-en=\"Median\"/>");
	assert_has(t->buf, "value=\"-0.50\"");
	assert_lacks(t->buf, "NaN");
	assert_has(t->buf, "dimension-label-fr=\"bad \xEF\xBF\xBD label\"");
}

static void test_xml_write_empty_report_for_the_network(void **state)
{
	struct memout *t = *state;
	struct fake_rows fr = { NULL, 0, 0 };
	struct report_source src = { &fr, fake_next, 0 };
	const char *col[REPORT_COLUMNS] = { NULL };
	struct xw x;
	atelier_error err;

	assert_int_equal(xw_open(&x, t->out, true), 0);
	assert_int_equal(xml_write_report(&x, true, "2026-02", NULL, &src, col, 0, &err), 0);
	assert_int_equal(xw_close(&x, &err), 0);
	assert_valid(t);
	assert_lacks(t->buf, "site=");
}

static void test_xml_write_times(void **state)
{
	static const char *const cases[][2] = {
		{ "2026-11-10 14:00:00+01", "2026-11-10T14:00:00+01:00" },
		{ "2026-11-10 14:00:00+05:30", "2026-11-10T14:00:00+05:30" },
		{ "2026-11-10 14:00:00.25-03", "2026-11-10T14:00:00.25-03:00" },
		{ "2026-11-10T14:00:00Z", "2026-11-10T14:00:00Z" },
	};
	struct memout *t = *state;
	struct xw x;
	atelier_error err;
	size_t i;

	assert_int_equal(xw_open(&x, t->out, false), 0);
	xw_start(&x, "t");
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char name[8];

		snprintf(name, sizeof(name), "a%zu", i);
		xw_attr_time(&x, name, cases[i][0]);
	}
	xw_end(&x);
	assert_int_equal(xw_close(&x, &err), 0);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_non_null(strstr(memout_text(t), cases[i][1]));
}

/* Results written apart (a temporary file) go inside the response. */
static void test_xml_write_request_results(void **state)
{
	struct memout *t = *state;
	FILE *tmp = tmpfile();
	struct xw frag, x;
	atelier_error err, e;

	assert_non_null(tmp);
	assert_int_equal(xw_open(&frag, tmp, false), 0);
	xw_start(&frag, "result");
	xw_attr(&frag, "op", "t1");
	xw_attr(&frag, "status", "done");
	xw_start(&frag, "ticket");
	xw_attr_ll(&frag, "number", 42);
	xw_end(&frag);
	xw_end(&frag);
	xw_start(&frag, "result");
	xw_attr(&frag, "op", "b1");
	xw_attr(&frag, "status", "failed");
	memset(&e, 0, sizeof(e));
	e.category = ATELIER_E_CONFLICT;
	snprintf(e.message, sizeof(e.message), "PC pc-1 is already booked.");
	xw_error(&frag, &e, 0);
	xw_end(&frag);
	assert_int_equal(xw_close(&frag, &err), 0);
	assert_int_equal(xw_open(&x, t->out, true), 0);
	xml_response_start(&x, XML_KIND_REQUEST, "partial", "r-9");
	xw_raw_file(&x, tmp);
	xw_end(&x);
	assert_int_equal(xw_close(&x, &err), 0);
	fclose(tmp);
	assert_valid(t);
	assert_has(t->buf, "<error category=\"conflict\">");
}

static void test_xml_write_failure_is_reported(void **state)
{
	FILE *full = fopen("/dev/full", "w");
	struct xml_failure f;
	atelier_error err;

	(void)state;
	if (full == NULL)
		skip();
	memset(&f, 0, sizeof(f));
	f.e.category = ATELIER_E_USAGE;
	snprintf(f.e.message, sizeof(f.e.message), "x");
	assert_int_equal(xml_response_refused(full, XML_KIND_UNKNOWN, NULL, &f, &err), -1);
	assert_int_equal(err.category, ATELIER_E_INTERNAL);
	assert_non_null(strstr(err.message, "Could not write the document"));
	fclose(full);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_xml_write_refused_response, memout_setup,
						memout_teardown),
		cmocka_unit_test_setup_teardown(test_xml_write_sync_response, memout_setup,
						memout_teardown),
		cmocka_unit_test_setup_teardown(test_xml_write_monthly_report, memout_setup,
						memout_teardown),
		cmocka_unit_test_setup_teardown(test_xml_write_empty_report_for_the_network,
						memout_setup, memout_teardown),
		cmocka_unit_test_setup_teardown(test_xml_write_times, memout_setup,
						memout_teardown),
		cmocka_unit_test_setup_teardown(test_xml_write_request_results, memout_setup,
						memout_teardown),
		cmocka_unit_test(test_xml_write_failure_is_reported),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
