/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_xml_guard.c - the checks on a document's raw bytes before any parser
 * sees them (size, UTF-16, NUL, UTF-8, encoding declaration, DOCTYPE), text
 * made fit for XML, and the small containers of the sync (keyset, array
 * literals).
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

#define MAX ((size_t)1024 * 1024)

/* Runs the guard over len bytes; returns 0 or -1, with f filled. */
static int guard(const char *doc, size_t len, struct xml_failure *f)
{
	memset(f, 0, sizeof(*f));
	return xml_guard(doc, len, MAX, f);
}

static void expect_refused(const char *doc, size_t len, const char *words, int line)
{
	struct xml_failure f;

	assert_int_equal(guard(doc, len, &f), -1);
	assert_int_equal(f.e.category, ATELIER_E_USAGE);
	assert_non_null(strstr(f.e.message, words));
	assert_true(f.e.hint[0] != '\0');
	assert_int_equal(f.line, line);
}

static void expect_passed(const char *doc)
{
	struct xml_failure f;

	assert_int_equal(guard(doc, strlen(doc), &f), 0);
}

static void test_xml_guard_accepts_plain_documents(void **state)
{
	(void)state;
	expect_passed("<sync xmlns=\"urn:atelier:exchange:1\"/>");
	expect_passed("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sync/>");
	expect_passed("<?xml version='1.0' encoding='utf-8'?><sync/>");
	expect_passed("\xEF\xBB\xBF<?xml version=\"1.0\"?><sync/>");
	expect_passed("<!-- a comment --><?pi x?>\n  <sync/>");
	expect_passed("<sync name=\"M\xC3\xA9"
		      "diath\xC3\xA8que \xF0\x9F\x93\x9A\"/>");
	/* A DOCTYPE past the prolog is not a DOCTYPE: the parser refuses it. */
	expect_passed("<sync><!DOCTYPE x></sync>");
}

static void test_xml_guard_empty_and_too_big(void **state)
{
	struct xml_failure f;

	(void)state;
	expect_refused("", 0, "empty", 0);
	memset(&f, 0, sizeof(f));
	assert_int_equal(xml_guard("<sync/>", 7, 6, &f), -1);
	assert_non_null(strstr(f.e.message, "too big: 7 bytes, the limit is 6"));
	assert_int_equal(xml_guard(NULL, 0, 6, &f), -1);
}

static void test_xml_guard_wide_encodings(void **state)
{
	(void)state;
	expect_refused("\xFF\xFE<\0s\0", 6, "UTF-16", 1);
	expect_refused("\xFE\xFF\0<\0s", 6, "UTF-16", 1);
	expect_refused("<\0s\0y\0", 6, "UTF-16", 1);
	expect_refused("\0<\0s\0y", 6, "UTF-16", 1);
	expect_refused("\0\0\0<", 4, "UTF-16 or UTF-32", 1);
}

static void test_xml_guard_nul_byte(void **state)
{
	static const char doc[] = "<sync>\n\n<sites/>\0</sync>";

	(void)state;
	expect_refused(doc, sizeof(doc) - 1, "NUL byte", 3);
}

static void test_xml_guard_invalid_utf8(void **state)
{
	(void)state;
	expect_refused("<a>\x80</a>", 8, "not valid UTF-8", 1);              /* lone continuation */
	expect_refused("<a>\n\xC0\x80</a>", 10, "not valid UTF-8", 2);       /* overlong NUL */
	expect_refused("<a>\xED\xA0\x80</a>", 10, "not valid UTF-8", 1);     /* surrogate */
	expect_refused("<a>\xF4\x90\x80\x80</a>", 11, "not valid UTF-8", 1); /* past U+10FFFF */
	expect_refused("<a>caf\xE9</a>", 11, "not valid UTF-8", 1);          /* Latin-1 */
	expect_refused("<a/>\xE2\x82", 6, "not valid UTF-8", 1);             /* cut at the end */
}

static void test_xml_guard_encoding_declaration(void **state)
{
	const char *latin = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><sync/>";
	const char *utf16 = "<?xml version=\"1.0\" encoding = 'UTF-16' ?><sync/>";

	(void)state;
	expect_refused(latin, strlen(latin), "encoding other than UTF-8", 1);
	expect_refused(utf16, strlen(utf16), "encoding other than UTF-8", 1);
}

static void test_xml_guard_doctype(void **state)
{
	static const char *const docs[] = {
		"<!DOCTYPE sync><sync/>",
		"<?xml version=\"1.0\"?>\n<!DOCTYPE sync [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><sync>&x;</sync>",
		"\xEF\xBB\xBF<!-- c -->\n<?pi?>\n<!DOCTYPE sync SYSTEM \"http://evil/x.dtd\"><sync/>",
		"<!doctype sync><sync/>",
		"  \n<!ENTITY x \"y\"><sync/>",
	};
	static const int lines[] = { 1, 2, 3, 1, 2 };
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(docs) / sizeof(docs[0]); i++)
		expect_refused(docs[i], strlen(docs[i]), "DOCTYPE", lines[i]);
}

/* Unfinished comments and declarations are left to the parser. */
static void test_xml_guard_unfinished_prolog(void **state)
{
	(void)state;
	expect_passed("<!-- never closed");
	expect_passed("<?xml version=\"1.0\"");
	expect_passed("<?pi never closed");
}

static void test_xml_clean_text(void **state)
{
	bool oom;
	char *s;

	(void)state;
	assert_null(xml_clean_text("Médiathèque <&> \t\n", &oom));
	assert_false(oom);
	s = xml_clean_text("a\x01"
			   "b\x7f"
			   "c",
			   &oom);
	assert_non_null(s);
	assert_string_equal(s, "a\xEF\xBF\xBD"
			       "b\x7f"
			       "c");
	free(s);
	s = xml_clean_text("x\xC3(\xFF", &oom);
	assert_string_equal(s, "x\xEF\xBF\xBD(\xEF\xBF\xBD");
	free(s);
	s = xml_clean_text("\xEF\xBF\xBE", &oom); /* U+FFFE is not an XML character */
	assert_string_equal(s, "\xEF\xBF\xBD");
	free(s);
}

static void test_keyset_lines_and_growth(void **state)
{
	struct keyset k;
	char key[32];
	int i;

	(void)state;
	memset(&k, 0, sizeof(k));
	for (i = 1; i <= 100000; i++) {
		snprintf(key, sizeof(key), "key-%d", i);
		assert_int_equal(keyset_add(&k, key, strlen(key), i + 2), 0);
	}
	assert_int_equal(keyset_add(&k, "key-1", 5, 200000), 3);
	assert_int_equal(keyset_add(&k, "key-99999", 9, 200001), 100001);
	assert_int_equal(keyset_add(&k, "key-0", 5, 7), 0);
	assert_int_equal(k.count, 100001);
	/* Binary keys, with NUL bytes. */
	assert_int_equal(keyset_add(&k, "\0\1", 2, 9), 0);
	assert_int_equal(keyset_add(&k, "\0\2", 2, 10), 0);
	assert_int_equal(keyset_add(&k, "\0\1", 2, 11), 9);
	keyset_free(&k);
	assert_null(k.arena);
}

static void test_arraybuf_literals(void **state)
{
	struct arraybuf a;

	(void)state;
	memset(&a, 0, sizeof(a));
	assert_string_equal(arraybuf_text(&a), "{}");
	assert_int_equal(arraybuf_add(&a, "plain"), 0);
	assert_int_equal(arraybuf_add(&a, NULL), 0);
	assert_int_equal(arraybuf_add(&a, "with \"quotes\" and \\ , {}"), 0);
	assert_int_equal(arraybuf_add(&a, ""), 0);
	assert_string_equal(arraybuf_text(&a),
			    "{\"plain\",NULL,\"with \\\"quotes\\\" and \\\\ , {}\",\"\"}");
	/* Closing it does not stop it growing. */
	assert_int_equal(arraybuf_add(&a, "more"), 0);
	assert_string_equal(arraybuf_text(&a) + a.len - 6, "\"more\"}");
	arraybuf_reset(&a);
	assert_string_equal(arraybuf_text(&a), "{}");
	arraybuf_free(&a);
}

/* A document of more than XML_MAX_ELEMENTS elements is refused by the
 * guard, in one pass, whatever its size limit; one of exactly that many
 * passes.  Text, comments and CDATA between them are no elements. */
static void test_xml_guard_element_cap(void **state)
{
	static const char head[] = "<sync>", unit[] = "<a/>", tail[] = "</sync>";
	size_t n = (size_t)XML_MAX_ELEMENTS, len = 6 + 4 * n + 7, i;
	char *doc = malloc(len + 64), *p;
	struct xml_failure f;

	(void)state;
	assert_non_null(doc);
	p = doc + sprintf(doc, "%s<!-- <b/> --><![CDATA[<c/>]]>", head);
	for (i = 0; i + 1 < n; i++, p += 4)
		memcpy(p, unit, 4);
	p += sprintf(p, "%s", tail);
	memset(&f, 0, sizeof(f));
	assert_int_equal(xml_guard(doc, (size_t)(p - doc), (size_t)64 << 20, &f), 0);
	p -= strlen(tail);
	p += sprintf(p, "\n%s%s", unit, tail);
	assert_int_equal(xml_guard(doc, (size_t)(p - doc), (size_t)64 << 20, &f), -1);
	assert_non_null(
		strstr(f.e.message, "Line 2: the document has more than 1000000 elements."));
	assert_int_equal(f.line, 2);
	free(doc);
}

/* What the scan does not understand is left to the parser, never refused
 * by the guard (nor read past the end). */
static void test_xml_guard_limits_leave_malformed_to_parser(void **state)
{
	(void)state;
	expect_passed("<sync a=\"1\" b=\"2");
	expect_passed("<sync a=\"1\" b=2/>");
	expect_passed("<sync><!-- unfinished");
	expect_passed("<sync><![CDATA[ unfinished");
	expect_passed("<sync a='1' xmlns:x='y' / >");
	expect_passed("<sync>&amp;&#233;&unknown;</sync");
}

/* A text of lone '&' is counted one character each, in one pass (each
 * looked for its ';' at most 12 bytes ahead). */
static void test_xml_guard_lone_ampersands(void **state)
{
	size_t n = 500000; /* under the test's 1 MiB limit */
	char *doc = malloc(n + 8);

	(void)state;
	assert_non_null(doc);
	memcpy(doc, "<sync>", 6);
	memset(doc + 6, '&', n);
	expect_refused(doc, n + 6,
		       "Line 1: the text of the element sync is longer than 4000 characters.", 1);
	free(doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_xml_guard_accepts_plain_documents),
		cmocka_unit_test(test_xml_guard_empty_and_too_big),
		cmocka_unit_test(test_xml_guard_wide_encodings),
		cmocka_unit_test(test_xml_guard_nul_byte),
		cmocka_unit_test(test_xml_guard_invalid_utf8),
		cmocka_unit_test(test_xml_guard_encoding_declaration),
		cmocka_unit_test(test_xml_guard_doctype),
		cmocka_unit_test(test_xml_guard_unfinished_prolog),
		cmocka_unit_test(test_xml_clean_text),
		cmocka_unit_test(test_keyset_lines_and_growth),
		cmocka_unit_test(test_arraybuf_literals),
		cmocka_unit_test(test_xml_guard_element_cap),
		cmocka_unit_test(test_xml_guard_limits_leave_malformed_to_parser),
		cmocka_unit_test(test_xml_guard_lone_ampersands),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
