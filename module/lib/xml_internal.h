/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xml_internal.h - what the host-exchange (XML) files of the library share.
 *
 * Layers, each in its own files, so that the parsing can be tested and
 * fuzzed without a database:
 *   xml_guard.c     checks on the raw bytes before any parser sees them
 *   xml_hooks.c     libxml2's process-wide hooks, set for one call and restored
 *   xml_schema.c    our compiled XSD, and nothing else, for validation
 *   xml_reader.c    a streaming reader with fixed, safe options
 *   xml_sync.c      a sync document read item by item into a "sink"
 *   xml_request.c   a request document read operation by operation into a sink
 *   xml_sync_db.c   the sink that writes a sync in batches (database)
 *   xml_run.c       the sink that carries out operations (database)
 *   xml_write.c     xmlTextWriter onto a FILE, every call checked
 *   xml_response.c  the response document
 *   export_xml.c    the monthly report as XML
 *   xml_handle.c    atelier_xml_handle(): the whole exchange
 */
#ifndef ATELIER_XML_INTERNAL_H
#define ATELIER_XML_INTERNAL_H

#include <stdio.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlwriter.h>

#include "internal.h"

#define XML_NS "urn:atelier:exchange:1"
#define XML_SCHEMA_NAME "atelier-exchange-1.xsd"
#define XML_MAX_DEFAULT ((size_t)64 * 1024 * 1024)

/* Where the installed schema lives (make passes $(DATADIR)/atelier). */
#ifndef ATELIER_DATADIR
#define ATELIER_DATADIR "/usr/local/share/atelier"
#endif

/* A failure with, when known, the line of the document it is about. */
struct xml_failure {
	atelier_error e;
	int line;
};

/* What libxml2 reported during one phase: the first error counts. */
struct xml_errors {
	int count;
	int line;
	int domain;
	int code;
	char message[400];
};

/* xml_hooks.c: libxml2's external-entity loader and error handlers are
 * process-wide; they are replaced for the length of a call and put back. */
struct xml_hooks {
	xmlExternalEntityLoader loader;
	xmlStructuredErrorFunc serror;
	void *serror_ctx;
	xmlGenericErrorFunc generic;
	void *generic_ctx;
};
void xml_hooks_install(struct xml_hooks *saved, struct xml_errors *errs);
void xml_hooks_restore(const struct xml_hooks *saved);
void xml_errors_reset(struct xml_errors *errs);
void xml_errors_collect(void *ctx, xmlErrorPtr e);
/* Turns what libxml2 said into a failure for people (never repeating the
 * value of a patron attribute). */
void xml_errors_to_failure(const struct xml_errors *errs, const char *schema_path,
			   struct xml_failure *f);

/* xml_utf8.c */
/* Length of the valid UTF-8 sequence at s (n bytes left), or 0. */
size_t utf8_valid_len(const unsigned char *s, size_t n, unsigned int *cp);
/* A copy of s fit for an XML document (invalid bytes and characters XML 1.0
 * forbids become U+FFFD), or NULL when s is fit as it is or on no memory
 * (*oom set). */
char *xml_clean_text(const char *s, bool *oom);

/* xml_guard.c: 0 when the bytes may go to the parser, else -1 with f
 * filled (usage). */
int xml_guard(const char *doc, size_t len, size_t max, struct xml_failure *f);

/* xml_limits.c (called by xml_guard()): bounds on the work a document may
 * cause, refused before libxml2 sees it.  Documented in the schema. */
/* Attributes of one element, namespace declarations aside: the widest
 * element of the schema (schedule-course) has 13. */
#define XML_MAX_ATTRIBUTES 32
/* Namespace declarations on one element: a document needs one. */
#define XML_MAX_NS_DECLS 8
/* Characters of an attribute value or of an element's text: the longest
 * value the schema allows (notes, a workshop's description). */
#define XML_MAX_VALUE_CHARS 4000
/* Bytes a value of XML_MAX_VALUE_CHARS characters may take once parsed. */
#define XML_MAX_VALUE_BYTES (4 * XML_MAX_VALUE_CHARS + 1)
/* Elements of one document: a sync of a million people is sent in parts. */
#define XML_MAX_ELEMENTS 1000000L
int xml_limits_check(const char *doc, size_t len, struct xml_failure *f);

/* xml_schema.c */
int xml_schema_path(const char *given, char *buf, size_t len);
xmlSchemaPtr xml_schema_compile(const char *path, struct xml_errors *errs, struct xml_failure *f);

/* xml_reader.c */
xmlTextReaderPtr xml_reader_new(const char *doc, size_t len, xmlSchemaPtr schema,
				struct xml_errors *errs);
/* 1 at a node, 0 at the end, -1 on any error (f filled). */
int xml_reader_next(xmlTextReaderPtr r, struct xml_errors *errs, const char *schema_path,
		    struct xml_failure *f);
bool xml_reader_is(xmlTextReaderPtr r, int type, int depth, const char *name);
int xml_reader_line(xmlTextReaderPtr r);
/* The value of an attribute of the current element (no namespace), or NULL;
 * valid until the next read. */
const char *xml_reader_attr(xmlTextReaderPtr r, const char *name);
/* The attribute as a token: surrounding spaces removed (for the XSD types
 * that collapse white space), in a malloc'd *out (NULL when absent); -1 on
 * no memory.  Never cut: a value is refused or taken whole. */
int xml_reader_token(xmlTextReaderPtr r, const char *name, char **out);
/* Whether the attribute is there and is word, surrounding spaces aside. */
bool xml_reader_token_is(xmlTextReaderPtr r, const char *name, const char *word);
/* xs:boolean: 1 true, 0 false, -1 absent. */
int xml_reader_bool(xmlTextReaderPtr r, const char *name);

/* The kinds of document atelier reads. */
enum xml_kind { XML_KIND_UNKNOWN, XML_KIND_SYNC, XML_KIND_REQUEST };
/* Reads to the root element and says which kind it is; -1 with f filled
 * when it is neither (or not ours). id receives its id attribute, if valid. */
int xml_read_root(xmlTextReaderPtr r, struct xml_errors *errs, const char *schema_path,
		  enum xml_kind *kind, char id[65], struct xml_failure *f);

/* xml_sync.c: the sections of a sync and their items. */
enum sync_section {
	SYNC_SITES,
	SYNC_ROOMS,
	SYNC_WORKSTATIONS,
	SYNC_STAFF,
	SYNC_PEOPLE,
	SYNC_SECTIONS
};
#define SYNC_FIELDS 5
struct sync_item {
	enum sync_section section;
	int line;
	/* In the order of the batch function's arrays after the lines (see
	 * xml_sync.c); NULL when absent. */
	const char *field[SYNC_FIELDS];
	int active; /* 1, 0, or -1 when absent */
};
struct sync_sink {
	void *ctx;
	int (*item)(void *ctx, const struct sync_item *it, struct xml_failure *f);
	int (*section_end)(void *ctx, enum sync_section s, struct xml_failure *f);
};
const char *sync_section_name(enum sync_section s);
/* Reads a sync from its root (the reader is on it) to the end, handing every
 * item to the sink; full receives the mode.  0, or -1 with f filled. */
int xml_sync_read(xmlTextReaderPtr r, struct xml_errors *errs, const char *schema_path,
		  const atelier_secret *secret, const struct sync_sink *sink, bool *full,
		  struct xml_failure *f);

/* xml_request.c: one operation of a request, as read. */
#define OP_MAX_ATTRS 16
struct op_list {
	char **v;
	size_t n;
	size_t cap;
};
struct xml_op {
	const char *name; /* the element's name, e.g. "open-ticket" */
	int line;
	char id[65];
	struct {
		const char *name;
		char *value;
	} attr[OP_MAX_ATTRS];
	int nattr;
	char person[ATELIER_PSEUDONYM_LEN + 1]; /* pseudonym of "patron", or "" */
	bool names_person;
	struct op_list themes, procedures, pcs;
	char *notes; /* notes, or a workshop's description */
};
struct op_sink {
	void *ctx;
	/* Carries out one operation; a failure of the operation is its own
	 * business (reported in its result): -1 here stops the request. */
	int (*op)(void *ctx, const struct xml_op *op, struct xml_failure *f);
};
const char *op_attr(const struct xml_op *op, const char *name);
/* The reader's own copy of an operation's attribute name (static), NULL
 * for a name it does not know: one the schema allows but this does not
 * know is refused as a bug (test_xml_parse walks the schema to keep them
 * in step).  patron, read into a pseudonym, is not among them. */
const char *xml_request_attr_name(const char *name);
#define OP_MAX 1000
/* Reads a request to its end, validating it (the reader is on the root);
 * 0, or -1 with f filled.  Nothing is handed to anyone. */
int xml_request_validate(xmlTextReaderPtr r, struct xml_errors *errs, const char *schema_path,
			 struct xml_failure *f);
/* Reads every operation of a request (the reader is on the root) and hands
 * each to the sink; *staff is the staff attribute, whole, for as long as
 * the sink runs ("" when absent). */
int xml_request_read(xmlTextReaderPtr r, struct xml_errors *errs, const char *schema_path,
		     const atelier_secret *secret, const struct op_sink *sink, const char **staff,
		     struct xml_failure *f);

/* xml_write.c: a writer whose every call is checked; after the first
 * failure the others do nothing and xw_close() reports it. */
struct xw {
	xmlTextWriterPtr w;
	FILE *out;
	bool ok;
	bool oom;
	int saved_errno;
};
int xw_open(struct xw *x, FILE *out, bool declaration);
void xw_start(struct xw *x, const char *name);
void xw_start_root(struct xw *x, const char *name);
void xw_attr(struct xw *x, const char *name, const char *value);
void xw_attr_ll(struct xw *x, const char *name, long long v);
void xw_attr_time(struct xw *x, const char *name, const char *pg_time);
void xw_element_text(struct xw *x, const char *name, const char *text);
void xw_end(struct xw *x);
void xw_raw_file(struct xw *x, FILE *from);
int xw_close(struct xw *x, atelier_error *err);
void xw_error(struct xw *x, const atelier_error *e, int line);

/* export_xml.c: the monthly-report element from rows of
 * atelier_monthly_report() (columns in that order: metric, both labels,
 * dimension, both labels, value, suppressed). */
#define REPORT_COLUMNS 8
struct report_source {
	void *ctx;
	/* 1 with the columns in col, 0 at the end, -1 with err filled. */
	int (*next)(void *ctx, const char *col[REPORT_COLUMNS], atelier_error *err);
	int min_count; /* the threshold of small counts; 0: not said */
};
/* Writes the element (the root of a document, or a child) for the first
 * row, already read into col with src->next() (rc 1; 0 for no row), and the
 * rows that follow.  -1 with err filled when reading failed. */
int xml_write_report(struct xw *x, bool root, const char *month, const char *site,
		     const struct report_source *src, const char *col[REPORT_COLUMNS], int rc,
		     atelier_error *err);
int report_source_rows(void *ctx, const char *col[REPORT_COLUMNS], atelier_error *err);

/* xml_response.c */
struct sync_counts {
	bool seen;
	long long created, updated, deactivated, unchanged;
};
void xml_response_start(struct xw *x, enum xml_kind kind, const char *status, const char *id);
void xml_response_sync(struct xw *x, bool full, const struct sync_counts *c);
int xml_response_refused(FILE *out, enum xml_kind kind, const char *id, const struct xml_failure *f,
			 atelier_error *err);

/* xml_sync_db.c / xml_run.c: the sinks that use the database. */
int xml_sync_apply(atelier *h, xmlTextReaderPtr r, struct xml_errors *errs, const char *schema_path,
		   const atelier_secret *secret, bool *full,
		   struct sync_counts counts[SYNC_SECTIONS], struct xml_failure *f);
int xml_request_run(atelier *h, xmlTextReaderPtr r, struct xml_errors *errs,
		    const char *schema_path, const atelier_secret *secret, FILE *results,
		    int *failed, struct xml_failure *first, struct xml_failure *f);

/* xml_check.c: the checks and the parsing of atelier_xml_handle() without
 * the database: items and operations go to the sinks (tests, fuzzing). */
int xml_check(const char *doc, size_t len, size_t max, xmlSchemaPtr schema, const char *schema_path,
	      const atelier_secret *secret, const struct sync_sink *sync, const struct op_sink *ops,
	      enum xml_kind *kind, struct xml_failure *f);

/* arraybuf.c: a PostgreSQL array literal built one element at a time. */
struct arraybuf {
	char *data;
	size_t len;
	size_t cap;
	size_t n;
};
int arraybuf_add(struct arraybuf *a, const char *s);
const char *arraybuf_text(struct arraybuf *a);
void arraybuf_reset(struct arraybuf *a);
void arraybuf_free(struct arraybuf *a);

/* keyset.c: the keys a document has listed, with their lines. */
struct keyset {
	unsigned char *arena;
	size_t used;
	size_t cap;
	unsigned int *slots; /* 2 per slot: arena offset + 1, line */
	size_t nslots;
	size_t count;
};
/* 0 when new (added), the earlier line when already there, -1 on no memory. */
int keyset_add(struct keyset *k, const void *key, size_t len, int line);
void keyset_free(struct keyset *k);

/* pipeline.c: statements in libpq's pipeline mode, each giving one row to
 * on_row with the tag it was sent with. */
#define PIPE_MAX 2
struct pipeline {
	atelier *h;
	void (*on_row)(void *ctx, int tag, const PGresult *res);
	void *ctx;
	bool on;
	bool failed;
	int inflight;
	int tags[PIPE_MAX];
};
int pipe_send(struct pipeline *p, int tag, const char *sql, int nparams, const char *const *params,
	      atelier_error *err);
int pipe_drain(struct pipeline *p, atelier_error *err);

/* txn.c: one transaction on the handle's connection. */
int txn_begin(atelier *h, atelier_error *err);
int txn_commit(atelier *h, atelier_error *err);
void txn_rollback(atelier *h);

#endif
