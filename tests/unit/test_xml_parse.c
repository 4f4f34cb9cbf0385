/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_xml_parse.c - sync and request documents read through the same
 * checks, hooks, streaming validation and readers as atelier_xml_handle(),
 * with sinks that record what would go to the database (xml_check()).
 * Hostile documents are refused with a clear error and hand nothing over.
 * The schema is read from $ATELIER_DATADIR, else module/xml (tests run from
 * the top of the tree).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include "../../module/lib/xml_internal.h"

#define MAX_ITEMS 64

struct rec_item {
	enum sync_section section;
	int line;
	char field[SYNC_FIELDS][80];
	size_t length[SYNC_FIELDS]; /* of the whole value (field is cut) */
	bool present[SYNC_FIELDS];
	int active;
};

struct rec_op {
	char name[32];
	char id[65];
	int line;
	char person[ATELIER_PSEUDONYM_LEN + 1];
	bool names_person;
	char attrs[512]; /* "name=value;" in document order */
	char lists[512]; /* "theme:x;procedure:y;pc:z;" */
	char notes[256];
};

struct test_state {
	xmlSchemaPtr schema;
	char schema_path[4096];
	atelier_secret *secret;
	char secret_file[64];
	/* what the sinks saw */
	struct rec_item items[MAX_ITEMS];
	int nitems;
	int total_items;
	int section_ends[SYNC_SECTIONS];
	struct rec_op ops[MAX_ITEMS];
	int nops;
	struct xml_failure f;
	enum xml_kind kind;
};

static struct test_state *T;

static int record_item(void *ctx, const struct sync_item *it, struct xml_failure *f)
{
	struct test_state *t = ctx;
	struct rec_item *r;
	int i;

	(void)f;
	t->total_items++;
	if (t->nitems == MAX_ITEMS)
		return 0;
	r = &t->items[t->nitems++];
	r->section = it->section;
	r->line = it->line;
	r->active = it->active;
	for (i = 0; i < SYNC_FIELDS; i++) {
		r->present[i] = it->field[i] != NULL;
		r->length[i] = it->field[i] != NULL ? strlen(it->field[i]) : 0;
		snprintf(r->field[i], sizeof(r->field[i]), "%s", it->field[i] ? it->field[i] : "");
	}
	return 0;
}

static int record_section_end(void *ctx, enum sync_section s, struct xml_failure *f)
{
	struct test_state *t = ctx;

	(void)f;
	t->section_ends[s]++;
	return 0;
}

static void append(char *buf, size_t len, const char *a, const char *b)
{
	size_t n = strlen(buf);

	snprintf(buf + n, len - n, "%s%s;", a, b);
}

static int record_op(void *ctx, const struct xml_op *op, struct xml_failure *f)
{
	struct test_state *t = ctx;
	struct rec_op *r;
	size_t i;
	int a;

	(void)f;
	if (t->nops == MAX_ITEMS)
		return 0;
	r = &t->ops[t->nops++];
	snprintf(r->name, sizeof(r->name), "%s", op->name);
	snprintf(r->id, sizeof(r->id), "%s", op->id);
	r->line = op->line;
	r->names_person = op->names_person;
	memcpy(r->person, op->person, sizeof(r->person));
	for (a = 0; a < op->nattr; a++) {
		char pair[200];

		snprintf(pair, sizeof(pair), "%s=", op->attr[a].name);
		append(r->attrs, sizeof(r->attrs), pair, op->attr[a].value);
	}
	for (i = 0; i < op->themes.n; i++)
		append(r->lists, sizeof(r->lists), "theme:", op->themes.v[i]);
	for (i = 0; i < op->procedures.n; i++)
		append(r->lists, sizeof(r->lists), "procedure:", op->procedures.v[i]);
	for (i = 0; i < op->pcs.n; i++)
		append(r->lists, sizeof(r->lists), "pc:", op->pcs.v[i]);
	snprintf(r->notes, sizeof(r->notes), "%s", op->notes ? op->notes : "");
	return 0;
}

/* Reads a document as atelier_xml_handle() would, with or without the key. */
static int check_max(const char *doc, size_t len, size_t max, bool with_key)
{
	struct sync_sink sync = { T, record_item, record_section_end };
	struct op_sink ops = { T, record_op };

	T->nitems = T->total_items = T->nops = 0;
	memset(T->section_ends, 0, sizeof(T->section_ends));
	return xml_check(doc, len, max, T->schema, T->schema_path, with_key ? T->secret : NULL,
			 &sync, &ops, &T->kind, &T->f);
}

static int check(const char *doc)
{
	return check_max(doc, strlen(doc), ATELIER_XML_MAX_BYTES, true);
}

/* The document is refused, the message holds words, and nothing went on. */
static void expect_refused_len(const char *doc, size_t len, const char *words)
{
	assert_int_equal(check_max(doc, len, ATELIER_XML_MAX_BYTES, true), -1);
	if (strstr(T->f.e.message, words) == NULL)
		fail_msg("\"%s\" not in \"%s\" (%s)", words, T->f.e.message, T->f.e.detail);
	assert_int_equal(T->total_items, 0);
	assert_int_equal(T->nops, 0);
	assert_true(T->f.e.hint[0] != '\0');
}

static void expect_refused(const char *doc, const char *words)
{
	expect_refused_len(doc, strlen(doc), words);
}

static int group_setup(void **state)
{
	static struct test_state t;
	struct xml_hooks hooks;
	struct xml_errors errs;
	char why[200];
	int fd;

	(void)state;
	memset(&t, 0, sizeof(t));
	if (getenv("ATELIER_DATADIR") == NULL)
		setenv("ATELIER_DATADIR", "module/xml", 1);
	if (xml_schema_path(NULL, t.schema_path, sizeof(t.schema_path)) != 0)
		return -1;
	xml_hooks_install(&hooks, &errs);
	t.schema = xml_schema_compile(t.schema_path, &errs, &t.f);
	xml_hooks_restore(&hooks);
	if (t.schema == NULL) {
		fprintf(stderr, "%s: %s\n", t.f.e.message, t.f.e.detail);
		return -1;
	}
	snprintf(t.secret_file, sizeof(t.secret_file), "/tmp/atelier-test-key.XXXXXX");
	fd = mkstemp(t.secret_file);
	if (fd < 0 || write(fd, "0123456789abcdef0123456789abcdef0123456789abcdef\n", 49) != 49)
		return -1;
	close(fd);
	t.secret = atelier_secret_load(t.secret_file, why, sizeof(why));
	if (t.secret == NULL) {
		fprintf(stderr, "%s\n", why);
		return -1;
	}
	T = &t;
	return 0;
}

static int group_teardown(void **state)
{
	(void)state;
	xmlSchemaFree(T->schema);
	atelier_secret_free(T->secret);
	unlink(T->secret_file);
	return 0;
}

static const char SAMPLE[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<sync xmlns=\"urn:atelier:exchange:1\" mode=\"full\" id=\"s-1\">\n"
	"  <sites>\n"
	"    <site code=\"BIB1\" name=\"M\xC3\xA9"
	"diath\xC3\xA8que\" city=\"Lyon\" active=\" true \"/>\n"
	"  </sites>\n"
	"  <rooms><room site=\"BIB1\" code=\"SALLE1\" name=\"Espace\" active=\"0\"/></rooms>\n"
	"  <workstations>\n"
	"    <workstation hostname=\"BIB1-PC-01\" site=\"BIB1\" room=\"SALLE1\"/>\n"
	"  </workstations>\n"
	"  <staff><member login=\"alice\" name=\"Alice\" role=\"librarian\" sites=\"  BIB1\n\tBIB2 \"/></staff>\n"
	"  <people>\n"
	"    <person patron=\"12345678\" age-bracket=\"25_39\" postcode=\"69007\" first-visit=\" 2025-01-31 \"/>\n"
	"  </people>\n"
	"</sync>\n";

static void test_xml_parse_sync_sample(void **state)
{
	char pseudonym[ATELIER_PSEUDONYM_LEN + 1];

	(void)state;
	assert_int_equal(check(SAMPLE), 0);
	assert_int_equal(T->kind, XML_KIND_SYNC);
	assert_int_equal(T->nitems, 5);
	/* site: code, name, city, time-zone (absent); active trimmed */
	assert_int_equal(T->items[0].section, SYNC_SITES);
	assert_int_equal(T->items[0].line, 4);
	assert_string_equal(T->items[0].field[1], "M\xC3\xA9"
						  "diath\xC3\xA8que");
	assert_false(T->items[0].present[3]);
	assert_int_equal(T->items[0].active, 1);
	assert_int_equal(T->items[1].active, 0);
	/* the host name is lowercased */
	assert_string_equal(T->items[2].field[0], "bib1-pc-01");
	/* the list of sites is normalised */
	assert_string_equal(T->items[3].field[3], "BIB1 BIB2");
	assert_int_equal(T->items[3].active, -1);
	/* the person: the pseudonym, never the patron id */
	assert_int_equal(atelier_secret_pseudonym(T->secret, "12345678", pseudonym), 0);
	assert_string_equal(T->items[4].field[0], pseudonym);
	assert_string_equal(T->items[4].field[1], "25_39");
	assert_false(T->items[4].present[2]);
	assert_string_equal(T->items[4].field[4], "2025-01-31");
	assert_int_equal(T->items[4].line, 13); /* the staff line holds a line break */
	/* every section was ended once */
	assert_int_equal(T->section_ends[SYNC_SITES], 1);
	assert_int_equal(T->section_ends[SYNC_PEOPLE], 1);
}

static void test_xml_parse_sync_empty_sections(void **state)
{
	(void)state;
	assert_int_equal(
		check("<sync xmlns=\"urn:atelier:exchange:1\" mode=\"full\"><rooms/><staff></staff></sync>"),
		0);
	assert_int_equal(T->nitems, 0);
	assert_int_equal(T->section_ends[SYNC_ROOMS], 1);
	assert_int_equal(T->section_ends[SYNC_STAFF], 1);
	assert_int_equal(T->section_ends[SYNC_SITES], 0);
	assert_int_equal(check("<sync xmlns=\"urn:atelier:exchange:1\"/>"), 0);
}

static void test_xml_parse_sync_duplicates(void **state)
{
	(void)state;
	assert_int_equal(check("<sync xmlns=\"urn:atelier:exchange:1\"><workstations>\n"
			       "<workstation hostname=\"pc-1\" site=\"A\"/>\n"
			       "<workstation hostname=\"PC-1\" site=\"B\"/>\n"
			       "</workstations></sync>"),
			 -1);
	assert_string_equal(T->f.e.message,
			    "Line 3: the workstation \"pc-1\" is already listed on line 2.");
	assert_int_equal(T->f.line, 3);
	assert_int_equal(check("<sync xmlns=\"urn:atelier:exchange:1\"><people>\n"
			       "<person patron=\"CARD-77\"/>\n\n"
			       "<person patron=\"CARD-77\"/>\n"
			       "</people></sync>"),
			 -1);
	assert_string_equal(T->f.e.message, "Line 4: this person is already listed on line 2.");
	assert_null(strstr(T->f.e.message, "CARD-77"));
	assert_null(strstr(T->f.e.detail, "CARD-77"));
}

static void test_xml_parse_people_need_the_key(void **state)
{
	const char *doc = "<sync xmlns=\"urn:atelier:exchange:1\"><people>\n"
			  "<person patron=\"CARD-9\"/></people></sync>";

	(void)state;
	assert_int_equal(check_max(doc, strlen(doc), ATELIER_XML_MAX_BYTES, false), -1);
	assert_non_null(strstr(T->f.e.message, "Line 2: the document names a person"));
	assert_null(strstr(T->f.e.message, "CARD-9"));
	assert_int_equal(T->total_items, 0);
}

/* libxml2 quotes the value it refuses: a patron id never comes back. */
static void test_xml_parse_patron_not_repeated(void **state)
{
	(void)state;
	expect_refused("<sync xmlns=\"urn:atelier:exchange:1\"><people>"
		       "<person patron=\" SECRET-CARD \"/></people></sync>",
		       "schema");
	assert_null(strstr(T->f.e.detail, "SECRET-CARD"));
	assert_non_null(strstr(T->f.e.detail, "patron"));
}

static void test_xml_parse_schema_errors_name_the_line(void **state)
{
	(void)state;
	expect_refused("<sync xmlns=\"urn:atelier:exchange:1\"><people>\n\n"
		       "<person patron=\"1\" first-visit=\"2025-02-30\"/></people></sync>",
		       "schema");
	assert_int_equal(T->f.line, 3);
	assert_non_null(strstr(T->f.e.detail, "2025-02-30"));
	assert_non_null(strstr(T->f.e.hint, "xmllint --noout --schema"));
	expect_refused("<sync xmlns=\"urn:atelier:exchange:1\"><sites>"
		       "<site code=\"A\" name=\"a\" colour=\"red\"/></sites></sync>",
		       "schema");
	expect_refused("<sync xmlns=\"urn:atelier:exchange:1\"><people/><sites/></sync>", "schema");
	expect_refused("<sync xmlns=\"urn:atelier:exchange:1\" mode=\"everything\"/>", "schema");
}

static void test_xml_parse_unknown_element(void **state)
{
	(void)state;
	expect_refused("<sync xmlns=\"urn:atelier:exchange:1\"><sites>"
		       "<site code=\"A\" name=\"a\"/><evil/></sites></sync>",
		       "schema");
	assert_non_null(strstr(T->f.e.detail, "evil"));
}

static void test_xml_parse_wrong_namespace(void **state)
{
	(void)state;
	expect_refused("<sync xmlns=\"urn:atelier:exchange:2\"><sites/></sync>",
		       "not an atelier exchange document");
	assert_int_equal(T->kind, XML_KIND_UNKNOWN);
	expect_refused("<sync><sites/></sync>", "not an atelier exchange document");
	expect_refused(
		"<response xmlns=\"urn:atelier:exchange:1\" document=\"sync\" status=\"done\"/>",
		"not an atelier exchange document");
	expect_refused(
		"<a:sync xmlns:a=\"urn:atelier:exchange:1\" xmlns=\"urn:x\"><sites/></a:sync>",
		"schema");
}

static void test_xml_parse_xinclude_is_never_followed(void **state)
{
	(void)state;
	expect_refused(
		"<sync xmlns=\"urn:atelier:exchange:1\" xmlns:xi=\"http://www.w3.org/2001/XInclude\">"
		"<xi:include href=\"file:///etc/passwd\" parse=\"text\"/></sync>",
		"schema");
	assert_null(strstr(T->f.e.detail, "root:"));
}

static void test_xml_parse_schema_location_is_ignored(void **state)
{
	const char *evil = "/tmp/atelier-test-evil.xsd";
	FILE *f = fopen(evil, "w");

	(void)state;
	assert_non_null(f);
	fputs("<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" targetNamespace=\"urn:atelier:exchange:1\">"
	      "<xs:element name=\"sync\"><xs:complexType><xs:sequence><xs:any processContents=\"skip\""
	      " minOccurs=\"0\" maxOccurs=\"unbounded\"/></xs:sequence></xs:complexType></xs:element>"
	      "</xs:schema>",
	      f);
	fclose(f);
	expect_refused(
		"<sync xmlns=\"urn:atelier:exchange:1\""
		" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
		" xsi:schemaLocation=\"urn:atelier:exchange:1 file:///tmp/atelier-test-evil.xsd\">"
		"<anything/></sync>",
		"schema");
	unlink(evil);
}

/* Every entity attack needs a DTD: the DOCTYPE is refused before parsing. */
static void test_xml_parse_entity_attacks(void **state)
{
	static const char *const docs[] = {
		/* XXE through a file entity */
		"<?xml version=\"1.0\"?><!DOCTYPE sync [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
		"<sync xmlns=\"urn:atelier:exchange:1\"><sites><site code=\"A\" name=\"&x;\"/></sites></sync>",
		/* XXE through a parameter entity */
		"<!DOCTYPE sync [<!ENTITY % p SYSTEM \"file:///etc/passwd\"> %p;]>"
		"<sync xmlns=\"urn:atelier:exchange:1\"/>",
		/* an external DTD */
		"<!DOCTYPE sync SYSTEM \"http://127.0.0.1:9/evil.dtd\"><sync xmlns=\"urn:atelier:exchange:1\"/>",
		/* billion laughs */
		"<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
		"<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]>"
		"<sync xmlns=\"urn:atelier:exchange:1\"><sites><site code=\"A\" name=\"&lol3;\"/></sites></sync>",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(docs) / sizeof(docs[0]); i++)
		expect_refused(docs[i], "DOCTYPE");
}

static void test_xml_parse_quadratic_blowup(void **state)
{
	size_t n = 30000, i, len;
	char *doc = malloc(8 * n + 100000), *p = doc;

	(void)state;
	assert_non_null(doc);
	p += sprintf(p, "<!DOCTYPE sync [<!ENTITY a \"");
	for (i = 0; i < 50000; i++)
		*p++ = 'a';
	p += sprintf(p,
		     "\">]><sync xmlns=\"urn:atelier:exchange:1\"><sites><site code=\"A\" name=\"");
	for (i = 0; i < n; i++)
		p += sprintf(p, "&a;");
	p += sprintf(p, "\"/></sites></sync>");
	len = (size_t)(p - doc);
	expect_refused_len(doc, len, "DOCTYPE");
	free(doc);
}

/* Without a DTD, an entity reference is simply not well-formed. */
static void test_xml_parse_undeclared_entity(void **state)
{
	(void)state;
	expect_refused(
		"<sync xmlns=\"urn:atelier:exchange:1\"><sites><site code=\"A\" name=\"&x;\"/>"
		"</sites></sync>",
		"not well-formed");
	expect_refused(
		"<sync xmlns=\"urn:atelier:exchange:1\"><sites><site code=\"A\" name=\"&#1;\"/>"
		"</sites></sync>",
		"character that XML does not allow");
}

static void test_xml_parse_deep_nesting(void **state)
{
	size_t depth = 100000, i;
	char *doc = malloc(7 * depth + 200), *p = doc;

	(void)state;
	assert_non_null(doc);
	p += sprintf(p, "<sync xmlns=\"urn:atelier:exchange:1\"><sites>");
	for (i = 0; i < depth; i++)
		p += sprintf(p, "<a>");
	for (i = 0; i < depth; i++)
		p += sprintf(p, "</a>");
	p += sprintf(p, "</sites></sync>");
	expect_refused_len(doc, (size_t)(p - doc), "");
	assert_int_equal(T->f.e.category, ATELIER_E_USAGE);
	/* Without the schema's help: elements of our namespace, nested. */
	p = doc;
	p += sprintf(p, "<sync xmlns=\"urn:atelier:exchange:1\">");
	for (i = 0; i < depth; i++)
		p += sprintf(p, "<sites>");
	expect_refused_len(doc, (size_t)(p - doc), "");
	free(doc);
}

static char *huge_attribute(size_t n, size_t *len)
{
	static const char head[] =
		"<sync xmlns=\"urn:atelier:exchange:1\"><sites><site code=\"A\" name=\"";
	static const char tail[] = "\"/></sites></sync>";
	char *doc = malloc(sizeof(head) + n + sizeof(tail));

	if (doc == NULL)
		return NULL;
	memcpy(doc, head, sizeof(head) - 1);
	memset(doc + sizeof(head) - 1, 'x', n);
	memcpy(doc + sizeof(head) - 1 + n, tail, sizeof(tail));
	*len = sizeof(head) - 1 + n + sizeof(tail) - 1;
	return doc;
}

static void test_xml_parse_64_mib_attribute(void **state)
{
	size_t len;
	char *doc = huge_attribute((size_t)64 * 1024 * 1024, &len);

	(void)state;
	assert_non_null(doc);
	/* Over the default limit: refused before parsing. */
	expect_refused_len(doc, len, "too big");
	/* With a higher limit, the guard refuses it before libxml2 sees it. */
	assert_int_equal(check_max(doc, len, (size_t)80 * 1024 * 1024, true), -1);
	assert_non_null(strstr(T->f.e.message, "longer than 4000 characters"));
	assert_int_equal(T->f.e.category, ATELIER_E_USAGE);
	assert_int_equal(T->total_items, 0);
	free(doc);
}

static void test_xml_parse_truncated(void **state)
{
	size_t n = strlen(SAMPLE), cut;

	(void)state;
	/* Cut anywhere, the document is refused (nothing applied: the items
	 * before the cut are rolled back by the caller's transaction). */
	for (cut = 1; cut < n - 2; cut += 7) {
		assert_int_equal(check_max(SAMPLE, cut, ATELIER_XML_MAX_BYTES, true), -1);
		assert_true(T->f.e.message[0] != '\0');
	}
}

static void test_xml_parse_bytes(void **state)
{
	static const char nul[] = "<sync xmlns=\"urn:atelier:exchange:1\">\0</sync>";

	(void)state;
	expect_refused_len(nul, sizeof(nul) - 1, "NUL");
	expect_refused(
		"<sync xmlns=\"urn:atelier:exchange:1\"><sites><site code=\"A\" name=\"caf\xE9\"/>"
		"</sites></sync>",
		"UTF-8");
	expect_refused_len("\xFF\xFE<\0s\0y\0n\0c\0/\0>\0", 16, "UTF-16");
}

/* Values that look like SQL or format strings are values: handed on as
 * they are. */
static void test_xml_parse_payloads_verbatim(void **state)
{
	(void)state;
	assert_int_equal(
		check("<sync xmlns=\"urn:atelier:exchange:1\"><sites>"
		      "<site code=\"EVIL\" name=\"'); DROP TABLE atelier.site; --\" city=\"%s%n%x%1$s\"/>"
		      "</sites></sync>"),
		0);
	assert_string_equal(T->items[0].field[1], "'); DROP TABLE atelier.site; --");
	assert_string_equal(T->items[0].field[2], "%s%n%x%1$s");
}

static const char REQUEST[] =
	"<request xmlns=\"urn:atelier:exchange:1\" staff=\"alice\" id=\"r-1\">\n"
	"  <open-ticket id=\"t1\" site=\"BIB1\" patron=\"12345678\" minutes=\"20\">\n"
	"    <theme>email</theme><theme>demarches</theme><procedure>caf</procedure>\n"
	"    <notes><![CDATA[a <b> & c]]> \xC3\xA9t\xC3\xA9</notes>\n"
	"  </open-ticket>\n"
	"  <book-session id=\"b1\" session=\"12\"><pc>pc-1</pc><pc>PC-2</pc></book-session>\n"
	"  <schedule-session id=\"s1\" workshop=\"EMAIL\" site=\"BIB1\" start=\"2026-11-10T14:00:00+01:00\""
	" capacity=\"8\" partner=\"  Mission locale  \"/>\n"
	"  <fetch-report id=\"r1\" month=\"2026-11\"/>\n"
	"</request>\n";

static void test_xml_parse_request(void **state)
{
	char pseudonym[ATELIER_PSEUDONYM_LEN + 1];

	(void)state;
	if (check(REQUEST) != 0)
		fail_msg("%s (%s)", T->f.e.message, T->f.e.detail);
	assert_int_equal(T->kind, XML_KIND_REQUEST);
	assert_int_equal(T->nops, 4);
	assert_string_equal(T->ops[0].name, "open-ticket");
	assert_string_equal(T->ops[0].id, "t1");
	assert_int_equal(T->ops[0].line, 2);
	assert_true(T->ops[0].names_person);
	assert_int_equal(atelier_secret_pseudonym(T->secret, "12345678", pseudonym), 0);
	assert_string_equal(T->ops[0].person, pseudonym);
	/* The patron id is no attribute of the operation. */
	assert_string_equal(T->ops[0].attrs, "id=t1;site=BIB1;minutes=20;");
	assert_string_equal(T->ops[0].lists, "theme:email;theme:demarches;procedure:caf;");
	assert_string_equal(T->ops[0].notes, "a <b> & c \xC3\xA9t\xC3\xA9");
	assert_string_equal(T->ops[1].lists, "pc:pc-1;pc:PC-2;");
	assert_false(T->ops[1].names_person);
	/* Free texts keep their spaces. */
	assert_non_null(strstr(T->ops[2].attrs, "partner=  Mission locale  ;"));
	assert_string_equal(T->ops[3].name, "fetch-report");
}

/* A request is validated whole before any operation is handed over. */
static void test_xml_parse_invalid_request_does_nothing(void **state)
{
	(void)state;
	expect_refused(
		"<request xmlns=\"urn:atelier:exchange:1\" staff=\"a\">"
		"<cancel-booking id=\"x\" booking=\"1\"/>\n<cancel-booking id=\"x\" booking=\"2\"/>"
		"</request>",
		"Line 2: the operation id \"x\" is already used on line 1.");
	expect_refused(
		"<request xmlns=\"urn:atelier:exchange:1\" staff=\"a\">"
		"<cancel-booking id=\"a\" booking=\"1\"/><cancel-booking id=\"b\" booking=\"-2\"/>"
		"</request>",
		"schema");
	expect_refused("<request xmlns=\"urn:atelier:exchange:1\" staff=\"a\">"
		       "<cancel-booking id=\"a\" booking=\"1\"/><drop-database id=\"b\"/>"
		       "</request>",
		       "schema");
	expect_refused("<request xmlns=\"urn:atelier:exchange:1\" staff=\"a\"/>", "schema");
	{
		char *doc = malloc(1001 * 64 + 200), *p = doc;
		int i;

		assert_non_null(doc);
		p += sprintf(p, "<request xmlns=\"urn:atelier:exchange:1\" staff=\"a\">");
		for (i = 1; i <= 1001; i++)
			p += sprintf(p, "<cancel-booking id=\"c%d\" booking=\"%d\"/>", i, i);
		sprintf(p, "</request>");
		expect_refused(doc, "at most 1000 operations");
		free(doc);
	}
	expect_refused("<request xmlns=\"urn:atelier:exchange:1\" staff=\"a\">"
		       "<cancel-booking id=\"a\" booking=\"1\"/>",
		       "not well-formed");
}

/* A document of n copies of unit between head and tail (malloc'd). */
static char *repeated(const char *head, const char *unit, size_t n, const char *tail)
{
	size_t hl = strlen(head), ul = strlen(unit), tl = strlen(tail), i;
	char *doc = malloc(hl + ul * n + tl + 1), *p = doc;

	assert_non_null(doc);
	memcpy(p, head, hl);
	p += hl;
	for (i = 0; i < n; i++, p += ul)
		memcpy(p, unit, ul);
	memcpy(p, tail, tl + 1);
	return doc;
}

/* The bounds on work are checked before libxml2 and the schema: many
 * attributes or namespace declarations on one element, a long value. */
static void test_xml_parse_work_bounds(void **state)
{
	char *doc, *p;
	size_t i, n = 20000;

	(void)state;
	doc = malloc(n * 16 + 200);
	assert_non_null(doc);
	p = doc +
	    sprintf(doc,
		    "<sync xmlns=\"urn:atelier:exchange:1\"><sites>\n<site code=\"X\" name=\"n\"");
	for (i = 0; i < n; i++)
		p += sprintf(p, " a%zu=\"1\"", i);
	strcpy(p, "/></sites></sync>");
	expect_refused(doc, "Line 2: the element site has more than 32 attributes.");
	assert_int_equal(T->f.line, 2);
	free(doc);
	doc = repeated("<sync xmlns=\"urn:atelier:exchange:1\"", " xmlns:n=\"urn:x\"", 9, "/>");
	expect_refused(doc, "Line 1: the element sync declares more than 8 namespaces.");
	free(doc);
	doc = repeated("<sync xmlns=\"urn:atelier:exchange:1\"><sites><site code=\"X\" name=\"",
		       "x", 4001, "\"/></sites></sync>");
	expect_refused(
		doc,
		"Line 1: the attribute name of the element site is longer than 4000 characters.");
	free(doc);
	/* The patron id is never repeated, even when it is the value too long. */
	doc = repeated("<sync xmlns=\"urn:atelier:exchange:1\"><people><person patron=\"", "SECRET",
		       700, "\"/></people></sync>");
	expect_refused(doc,
		       "the attribute patron of the element person is longer than 4000 characters");
	assert_null(strstr(T->f.e.message, "SECRET"));
	assert_null(strstr(T->f.e.detail, "SECRET"));
	free(doc);
}

/* Notes of the schema's 4000 characters pass whatever their bytes (2 per
 * "é", 5 per "&amp;"); one more is refused, naming the element. */
static void test_xml_parse_longest_values_pass(void **state)
{
	static const char head[] = "<request xmlns=\"urn:atelier:exchange:1\" staff=\"a\">"
				   "<open-ticket id=\"t\" site=\"S\"><theme>x</theme><notes>";
	static const char tail[] = "</notes></open-ticket></request>";
	char *doc;

	(void)state;
	doc = repeated(head, "\xC3\xA9", 4000, tail);
	if (check(doc) != 0)
		fail_msg("%s (%s)", T->f.e.message, T->f.e.detail);
	assert_int_equal(strlen(T->ops[0].notes) > 0, 1);
	free(doc);
	doc = repeated(head, "&amp;", 4000, tail);
	assert_int_equal(check(doc), 0);
	free(doc);
	doc = repeated(head, "\xC3\xA9", 4001, tail);
	expect_refused(doc,
		       "Line 1: the text of the element notes is longer than 4000 characters.");
	free(doc);
}

/* A staff member's sites past 1023 bytes, and tokens padded with spaces,
 * are handed on whole, never cut nor dropped as "absent". */
static void test_xml_parse_values_never_cut(void **state)
{
	char *doc, *p;
	int i;

	(void)state;
	doc = malloc(200 * 12 + 400);
	assert_non_null(doc);
	p = doc + sprintf(doc, "<sync xmlns=\"urn:atelier:exchange:1\"><staff>"
			       "<member login=\"m\" name=\"M\" role=\"librarian\" sites=\"");
	for (i = 1; i <= 150; i++)
		p += sprintf(p, "%sSITE-%03d", i > 1 ? "  " : "", i);
	sprintf(p, "\" active=\"%*sfalse%*s\"/></staff></sync>", 20, "", 20, "");
	if (check(doc) != 0)
		fail_msg("%s (%s)", T->f.e.message, T->f.e.detail);
	/* 150 codes of 8 characters, one space between them */
	assert_int_equal(T->items[0].length[3], 150 * 8 + 149);
	assert_int_equal(T->items[0].active, 0);
	free(doc);
	assert_int_equal(
		check("<sync xmlns=\"urn:atelier:exchange:1\" mode=\"full\"><people>"
		      "<person patron=\"p\" first-visit=\"                                        "
		      "2024-01-31                                        \"/></people></sync>"),
		0);
	assert_string_equal(T->items[0].field[4], "2024-01-31");
}

/* An explicit duration of 0 is refused, never read as "not given". */
static void test_xml_parse_zero_duration_refused(void **state)
{
	(void)state;
	expect_refused("<request xmlns=\"urn:atelier:exchange:1\" staff=\"a\">"
		       "<add-workshop id=\"w\" code=\"W\" title=\"T\" minutes=\"0\"/></request>",
		       "schema");
	assert_non_null(strstr(T->f.e.detail, "minutes"));
	expect_refused(
		"<request xmlns=\"urn:atelier:exchange:1\" staff=\"a\">"
		"<schedule-session id=\"s\" workshop=\"W\" site=\"S\" start=\"2026-11-10T14:00:00+01:00\""
		" capacity=\"8\" minutes=\"0\"/></request>",
		"schema");
	assert_int_equal(
		check("<request xmlns=\"urn:atelier:exchange:1\" staff=\"a\">"
		      "<add-workshop id=\"w\" code=\"W\" title=\"T\" minutes=\"15\"/></request>"),
		0);
}

/* ---- the request reader's attribute names against the schema ---------- */

static xmlXPathObjectPtr xsd_select(xmlXPathContextPtr x, xmlNodePtr from, const char *path)
{
	xmlXPathObjectPtr o = xmlXPathNodeEval(from != NULL ? from : (xmlNodePtr)x->doc,
					       (const xmlChar *)path, x);

	assert_non_null(o);
	return o;
}

static int xsd_count(xmlXPathObjectPtr o)
{
	return o->nodesetval != NULL ? o->nodesetval->nodeNr : 0;
}

/* The attributes a complex type allows, its bases' included, checked
 * against the reader's names; how many it allows in all. */
static int type_attributes_known(xmlXPathContextPtr x, const char *op, const char *type)
{
	char path[256];
	xmlXPathObjectPtr t, a, base;
	xmlNodePtr node;
	int i, n = 0;

	snprintf(path, sizeof(path), "/xs:schema/xs:complexType[@name='%s']", type);
	t = xsd_select(x, NULL, path);
	if (xsd_count(t) != 1)
		fail_msg("%s: its type %s is not one named complex type of the schema", op, type);
	node = t->nodesetval->nodeTab[0];
	/* What this walk does not follow would let a name through unchecked. */
	a = xsd_select(
		x, node,
		".//xs:attributeGroup | .//xs:anyAttribute | .//xs:restriction[xs:attribute]");
	if (xsd_count(a) != 0)
		fail_msg("%s: type %s uses a construct this test does not follow", op, type);
	xmlXPathFreeObject(a);
	a = xsd_select(x, node, "xs:attribute | xs:complexContent/xs:extension/xs:attribute");
	for (i = 0; i < xsd_count(a); i++) {
		xmlChar *name = xmlGetProp(a->nodesetval->nodeTab[i], (const xmlChar *)"name");

		assert_non_null(name);
		if (strcmp((const char *)name, "patron") != 0 &&
		    xml_request_attr_name((const char *)name) == NULL)
			fail_msg(
				"%s: the schema allows the attribute %s, unknown to xml_request.c's NAMES[]",
				op, (const char *)name);
		xmlFree(name);
		n++;
	}
	xmlXPathFreeObject(a);
	base = xsd_select(x, node, "xs:complexContent/xs:extension/@base");
	if (xsd_count(base) == 1) {
		xmlChar *b = xmlNodeGetContent(base->nodesetval->nodeTab[0]);

		assert_non_null(b);
		n += type_attributes_known(x, op, (const char *)b);
		xmlFree(b);
	}
	xmlXPathFreeObject(base);
	xmlXPathFreeObject(t);
	return n;
}

/* Every attribute the schema allows on an operation is one the reader
 * knows, and the most any operation has fits in struct xml_op: after
 * validation, nothing the schema let through is refused as a bug. */
static void test_xml_parse_reader_knows_every_attribute(void **state)
{
	xmlDocPtr doc = xmlReadFile(T->schema_path, NULL, XML_PARSE_NONET);
	xmlXPathContextPtr x;
	xmlXPathObjectPtr ops;
	int i;

	(void)state;
	assert_non_null(doc);
	x = xmlXPathNewContext(doc);
	assert_non_null(x);
	assert_int_equal(xmlXPathRegisterNs(x, (const xmlChar *)"xs",
					    (const xmlChar *)"http://www.w3.org/2001/XMLSchema"),
			 0);
	ops = xsd_select(
		x, NULL,
		"/xs:schema/xs:element[@name='request']/xs:complexType/xs:choice/xs:element");
	assert_true(xsd_count(ops) >= 16); /* the walk found the operations */
	for (i = 0; i < xsd_count(ops); i++) {
		xmlChar *name = xmlGetProp(ops->nodesetval->nodeTab[i], (const xmlChar *)"name");
		xmlChar *type = xmlGetProp(ops->nodesetval->nodeTab[i], (const xmlChar *)"type");
		int n;

		assert_non_null(name);
		if (type == NULL)
			fail_msg("%s: an operation without a named type", (const char *)name);
		n = type_attributes_known(x, (const char *)name, (const char *)type);
		assert_true(n >= 1); /* at least its id */
		if (n > OP_MAX_ATTRS)
			fail_msg("%s allows %d attributes, more than OP_MAX_ATTRS (%d)",
				 (const char *)name, n, OP_MAX_ATTRS);
		xmlFree(name);
		xmlFree(type);
	}
	assert_null(xml_request_attr_name("no-such-attribute"));
	xmlXPathFreeObject(ops);
	xmlXPathFreeContext(x);
	xmlFreeDoc(doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_xml_parse_sync_sample),
		cmocka_unit_test(test_xml_parse_sync_empty_sections),
		cmocka_unit_test(test_xml_parse_sync_duplicates),
		cmocka_unit_test(test_xml_parse_people_need_the_key),
		cmocka_unit_test(test_xml_parse_patron_not_repeated),
		cmocka_unit_test(test_xml_parse_schema_errors_name_the_line),
		cmocka_unit_test(test_xml_parse_unknown_element),
		cmocka_unit_test(test_xml_parse_wrong_namespace),
		cmocka_unit_test(test_xml_parse_xinclude_is_never_followed),
		cmocka_unit_test(test_xml_parse_schema_location_is_ignored),
		cmocka_unit_test(test_xml_parse_entity_attacks),
		cmocka_unit_test(test_xml_parse_quadratic_blowup),
		cmocka_unit_test(test_xml_parse_undeclared_entity),
		cmocka_unit_test(test_xml_parse_deep_nesting),
		cmocka_unit_test(test_xml_parse_64_mib_attribute),
		cmocka_unit_test(test_xml_parse_truncated),
		cmocka_unit_test(test_xml_parse_bytes),
		cmocka_unit_test(test_xml_parse_payloads_verbatim),
		cmocka_unit_test(test_xml_parse_request),
		cmocka_unit_test(test_xml_parse_invalid_request_does_nothing),
		cmocka_unit_test(test_xml_parse_work_bounds),
		cmocka_unit_test(test_xml_parse_longest_values_pass),
		cmocka_unit_test(test_xml_parse_values_never_cut),
		cmocka_unit_test(test_xml_parse_zero_duration_refused),
		cmocka_unit_test(test_xml_parse_reader_knows_every_attribute),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
