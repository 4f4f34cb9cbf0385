/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xml_request.c - a request document read operation by operation (the
 * parsing side; xml_run.c carries the operations out).  An operation is
 * copied whole (its attributes, its theme, procedure and pc children, its
 * notes) before the sink sees it; its patron id becomes a pseudonym here
 * and is wiped.
 */
#include <stdlib.h>
#include <string.h>

#include "xml_internal.h"

const char *op_attr(const struct xml_op *op, const char *name)
{
	int i;

	for (i = 0; i < op->nattr; i++)
		if (strcmp(op->attr[i].name, name) == 0)
			return op->attr[i].value;
	return NULL;
}

static void list_free(struct op_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

static void op_free(struct xml_op *op)
{
	int i;

	for (i = 0; i < op->nattr; i++)
		free(op->attr[i].value);
	list_free(&op->themes);
	list_free(&op->procedures);
	list_free(&op->pcs);
	free(op->notes);
	explicit_bzero(op, sizeof(*op));
}

/* A growing NUL-terminated text, capped well above any value the schema
 * allows (a notes element holds at most 4000 characters). */
#define TEXT_MAX (64 * 1024)

static int text_append(struct arraybuf *t, const char *v)
{
	size_t n = strlen(v);
	char *p;

	if (t->len + n + 1 > TEXT_MAX)
		return -1;
	if (t->len + n + 1 > t->cap) {
		size_t cap = t->cap ? 2 * t->cap : 256;

		while (cap < t->len + n + 1)
			cap *= 2;
		p = realloc(t->data, cap);
		if (p == NULL)
			return -1;
		t->data = p;
		t->cap = cap;
	}
	memcpy(t->data + t->len, v, n + 1);
	t->len += n;
	return 0;
}

static int list_add(struct op_list *l, char *text)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 8;
		char **v = realloc(l->v, cap * sizeof(*v));

		if (v == NULL)
			return -1;
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n++] = text;
	return 0;
}

/* Attribute names are the schema's: kept as static strings.  Every
 * attribute an operation may have, but patron (see copy_attrs()). */
static const char *const NAMES[] = {
	"id",          "site",        "place",
	"equipment",   "workstation", "minutes",
	"ticket",      "autonomy",    "clear-procedures",
	"state",       "referral",    "workshop",
	"room",        "start",       "capacity",
	"facilitator", "partner",     "every-days",
	"count",       "until",       "title",
	"session",     "from",        "to",
	"pcs",         "end",         "booking",
	"course",      "status",      "month",
	"code",        "level",
};

const char *xml_request_attr_name(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(NAMES) / sizeof(NAMES[0]); i++)
		if (strcmp(NAMES[i], name) == 0)
			return NAMES[i];
	return NULL;
}

static void trim(char *s)
{
	size_t n = strlen(s), start = strspn(s, " \t\r\n");

	while (n > start && strchr(" \t\r\n", s[n - 1]) != NULL)
		n--;
	memmove(s, s + start, n - start);
	s[n - start] = '\0';
}

/* The schema let through an attribute this file does not know (or more
 * than it has room for): a bug to report, never an attribute dropped. */
static int unknown_attribute(const struct xml_op *op, const char *name, struct xml_failure *f)
{
	error_set(&f->e, ATELIER_E_INTERNAL,
		  _("Line %d: the attribute %s of %s is not known to atelier's request reader."),
		  op->line, name, op->name);
	error_hint(&f->e, "%s",
		   _("This is a bug in atelier (its schema and its reader disagree): report it."));
	f->line = op->line;
	return -1;
}

/* 0, -1 with f filled, -2 on no memory. */
static int copy_attrs(xmlTextReaderPtr r, const atelier_secret *secret, struct xml_op *op,
		      struct xml_failure *f)
{
	xmlNodePtr node = xmlTextReaderCurrentNode(r);
	xmlAttrPtr a;

	for (a = node->properties; a != NULL; a = a->next) {
		const char *name = (const char *)a->name, *known;
		const char *value = xml_reader_attr(r, name);

		if (a->ns != NULL)
			continue; /* xsi:... and the like, which the schema allows */
		if (value == NULL)
			return unknown_attribute(op, name, f);
		if (strcmp(name, "patron") == 0) {
			op->names_person = true;
			if (secret != NULL &&
			    atelier_secret_pseudonym(secret, value, op->person) != 0)
				return -2;
			continue;
		}
		known = xml_request_attr_name(name);
		if (known == NULL || op->nattr == OP_MAX_ATTRS)
			return unknown_attribute(op, name, f);
		op->attr[op->nattr].name = known;
		op->attr[op->nattr].value = strdup(value);
		if (op->attr[op->nattr].value == NULL)
			return -2;
		/* Numbers, dates, booleans collapse white space in XSD; codes and
		 * names allow none.  Only free texts keep theirs. */
		if (strcmp(known, "partner") != 0 && strcmp(known, "title") != 0)
			trim(op->attr[op->nattr].value);
		op->nattr++;
	}
	/* An id has at most 64 characters of [A-Za-z0-9._:-] (the schema's
	 * reference): one that does not fit was not validated. */
	if (op_attr(op, "id") != NULL && strlen(op_attr(op, "id")) >= sizeof(op->id))
		return unknown_attribute(op, "id", f);
	snprintf(op->id, sizeof(op->id), "%s", op_attr(op, "id") != NULL ? op_attr(op, "id") : "");
	return 0;
}

/* The text of the current element (the reader is on its start): its text
 * and CDATA, up to its end, in a malloc'd string; -1 with f filled, -2 on
 * no memory.  The schema allows no element inside. */
static int element_text(xmlTextReaderPtr r, struct xml_errors *errs, const char *schema_path,
			char **out, struct xml_failure *f)
{
	int depth = xmlTextReaderDepth(r), rc;
	struct arraybuf text; /* used as a plain growing buffer */

	*out = NULL;
	memset(&text, 0, sizeof(text));
	if (xmlTextReaderIsEmptyElement(r) != 1) {
		while ((rc = xml_reader_next(r, errs, schema_path, f)) == 1) {
			int type = xmlTextReaderNodeType(r);
			const char *v;

			if (type == XML_READER_TYPE_END_ELEMENT && xmlTextReaderDepth(r) == depth)
				break;
			if (type != XML_READER_TYPE_TEXT && type != XML_READER_TYPE_CDATA &&
			    type != XML_READER_TYPE_WHITESPACE &&
			    type != XML_READER_TYPE_SIGNIFICANT_WHITESPACE)
				continue;
			v = (const char *)xmlTextReaderConstValue(r);
			if (v != NULL && text_append(&text, v) != 0) {
				free(text.data);
				return -2;
			}
		}
		if (rc != 1) {
			free(text.data);
			return rc < 0 ? -1 : 0;
		}
	}
	*out = text.data != NULL ? text.data : strdup("");
	return *out != NULL ? 0 : -2;
}

/* The children of an operation: theme, procedure, pc (lists) and notes.
 * 1 at the operation's end. */
static int read_children(xmlTextReaderPtr r, struct xml_errors *errs, const char *schema_path,
			 struct xml_op *op, struct xml_failure *f)
{
	int rc;

	while ((rc = xml_reader_next(r, errs, schema_path, f)) == 1) {
		const char *name;
		struct op_list *l = NULL;
		char *text;

		if (xmlTextReaderNodeType(r) == XML_READER_TYPE_END_ELEMENT &&
		    xmlTextReaderDepth(r) == 1)
			return 1;
		if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT ||
		    xmlTextReaderDepth(r) != 2)
			continue;
		name = (const char *)xmlTextReaderConstLocalName(r);
		if (name == NULL)
			continue;
		if (strcmp(name, "theme") == 0)
			l = &op->themes;
		else if (strcmp(name, "procedure") == 0)
			l = &op->procedures;
		else if (strcmp(name, "pc") == 0)
			l = &op->pcs;
		rc = element_text(r, errs, schema_path, &text, f);
		if (rc != 0)
			return rc;
		if (l != NULL && list_add(l, text) != 0) {
			free(text);
			return -2;
		}
		if (l == NULL && op->notes == NULL &&
		    (strcmp(name, "notes") == 0 || strcmp(name, "description") == 0))
			op->notes = text;
		else if (l == NULL)
			free(text);
	}
	return rc;
}

static int read_op(xmlTextReaderPtr r, struct xml_errors *errs, const char *schema_path,
		   const atelier_secret *secret, const struct op_sink *sink, struct xml_failure *f)
{
	struct xml_op op;
	int rc;

	memset(&op, 0, sizeof(op));
	op.name = (const char *)xmlTextReaderConstLocalName(r);
	op.line = xml_reader_line(r);
	rc = copy_attrs(r, secret, &op, f);
	if (rc == 0)
		rc = xmlTextReaderIsEmptyElement(r) == 1
			     ? 1
			     : read_children(r, errs, schema_path, &op, f);
	if (rc == -2) {
		error_set(&f->e, ATELIER_E_INTERNAL, "%s", _("Out of memory."));
		rc = -1;
	}
	/* op.name points into the reader's dictionary, valid until it is freed. */
	if (rc >= 0)
		rc = sink->op(sink->ctx, &op, f);
	op_free(&op);
	return rc < 0 ? -1 : 0;
}

int xml_request_read(xmlTextReaderPtr r, struct xml_errors *errs, const char *schema_path,
		     const atelier_secret *secret, const struct op_sink *sink, const char **staff,
		     struct xml_failure *f)
{
	const char *who = xml_reader_attr(r, "staff");
	/* The login whole, however long: a login cut to a buffer's size could
	 * be someone else's (the schema and the database bound it). */
	char *copy = strdup(who != NULL ? who : "");
	int rc;

	*staff = copy;
	if (copy == NULL) {
		error_set(&f->e, ATELIER_E_INTERNAL, "%s", _("Out of memory."));
		return -1;
	}
	if (xmlTextReaderIsEmptyElement(r) == 1)
		rc = 0;
	else
		while ((rc = xml_reader_next(r, errs, schema_path, f)) == 1)
			if (xmlTextReaderNodeType(r) == XML_READER_TYPE_ELEMENT &&
			    xmlTextReaderDepth(r) == 1 &&
			    read_op(r, errs, schema_path, secret, sink, f) != 0) {
				rc = -1;
				break;
			}
	while (rc == 0 && (rc = xml_reader_next(r, errs, schema_path, f)) == 1)
		;
	*staff = "";
	free(copy);
	return rc;
}

/* The first reading of a request (the reader is on its root): to its end,
 * validating, and checking the two rules the schema does not express: at
 * most OP_MAX operations, each id once.  Nothing is done here. */
int xml_request_validate(xmlTextReaderPtr r, struct xml_errors *errs, const char *schema_path,
			 struct xml_failure *f)
{
	struct keyset ids;
	int rc, n = 0, first;

	memset(&ids, 0, sizeof(ids));
	while ((rc = xml_reader_next(r, errs, schema_path, f)) == 1) {
		const char *id;

		if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT ||
		    xmlTextReaderDepth(r) != 1)
			continue;
		f->line = xml_reader_line(r);
		id = xml_reader_attr(r, "id");
		if (++n > OP_MAX) {
			error_set(&f->e, ATELIER_E_USAGE,
				  _("Line %d: a request holds at most %d operations."), f->line,
				  OP_MAX);
			error_hint(&f->e, "%s", _("Send the operations in several requests."));
			rc = -1;
			break;
		}
		first = id != NULL ? keyset_add(&ids, id, strlen(id), f->line) : 0;
		if (first != 0) {
			if (first < 0)
				error_set(&f->e, ATELIER_E_INTERNAL, "%s", _("Out of memory."));
			else
				error_set(
					&f->e, ATELIER_E_USAGE,
					_("Line %d: the operation id \"%s\" is already used on line %d."),
					f->line, id, first);
			error_hint(&f->e, "%s", _("Give each operation of a request its own id."));
			rc = -1;
			break;
		}
	}
	keyset_free(&ids);
	return rc;
}
