/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xml_reader.c - a streaming reader (xmlTextReader) over a document in
 * memory, validating against our schema as it goes, so that a document of
 * 100 000 people is never a tree in memory.
 *
 * Parser options: XML_PARSE_NONET (nothing fetched) and XML_PARSE_BIG_LINES
 * (true line numbers past 65535).  Never NOENT, DTDLOAD, DTDATTR, DTDVALID,
 * XINCLUDE or HUGE: libxml2 keeps its limits (depth, text and name lengths,
 * entity amplification) and expands nothing.  Not NOCDATA either: with a
 * schema attached, libxml2 2.9.14's reader then drops the CDATA text it
 * merges (readers take CDATA nodes as text instead).
 */
#include <string.h>

#include "xml_internal.h"

#define READER_OPTIONS (XML_PARSE_NONET | XML_PARSE_BIG_LINES)

xmlTextReaderPtr xml_reader_new(const char *doc, size_t len, xmlSchemaPtr schema,
				struct xml_errors *errs)
{
	xmlTextReaderPtr r;

	if (len > (size_t)0x7fffffff)
		return NULL;
	xml_errors_reset(errs);
	r = xmlReaderForMemory(doc, (int)len, NULL, "UTF-8", READER_OPTIONS);
	if (r == NULL)
		return NULL;
	xmlTextReaderSetStructuredErrorHandler(r, xml_errors_collect, errs);
	if (schema != NULL && xmlTextReaderSetSchema(r, schema) != 0) {
		xmlFreeTextReader(r);
		return NULL;
	}
	return r;
}

static int refuse_node(struct xml_failure *f, int line, const char *message)
{
	error_set(&f->e, ATELIER_E_USAGE, "%s", message);
	error_hint(&f->e, "%s", _("Remove it: atelier documents need no DTD and no entities."));
	f->line = line;
	return -1;
}

int xml_reader_next(xmlTextReaderPtr r, struct xml_errors *errs, const char *schema_path,
		    struct xml_failure *f)
{
	int rc = xmlTextReaderRead(r);
	int type;

	if (errs->count > 0 || rc < 0) {
		if (errs->count == 0) {
			errs->domain = XML_FROM_PARSER;
			snprintf(errs->message, sizeof(errs->message), "%s", "read error");
		}
		xml_errors_to_failure(errs, schema_path, f);
		return -1;
	}
	if (rc == 0)
		return 0;
	/* The guard refused any DOCTYPE; this is the second line of defence. */
	type = xmlTextReaderNodeType(r);
	if (type == XML_READER_TYPE_DOCUMENT_TYPE)
		return refuse_node(f, xml_reader_line(r),
				   _("The document has a DOCTYPE declaration; "
				     "atelier refuses DTDs and entities."));
	if (type == XML_READER_TYPE_ENTITY_REFERENCE || type == XML_READER_TYPE_ENTITY)
		return refuse_node(f, xml_reader_line(r),
				   _("The document uses an entity; "
				     "atelier refuses DTDs and entities."));
	return 1;
}

/* Whether the current node is an element (or end of one) of our namespace
 * at that depth with that name. */
bool xml_reader_is(xmlTextReaderPtr r, int type, int depth, const char *name)
{
	const xmlChar *ns, *local;

	if (xmlTextReaderNodeType(r) != type || xmlTextReaderDepth(r) != depth)
		return false;
	ns = xmlTextReaderConstNamespaceUri(r);
	local = xmlTextReaderConstLocalName(r);
	return ns != NULL && local != NULL && strcmp((const char *)ns, XML_NS) == 0 &&
	       (name == NULL || strcmp((const char *)local, name) == 0);
}

int xml_reader_line(xmlTextReaderPtr r)
{
	xmlNodePtr node = xmlTextReaderCurrentNode(r);
	long line = node != NULL ? xmlGetLineNo(node) : -1;

	return line > 0 && line < 0x7fffffff ? (int)line : xmlTextReaderGetParserLineNumber(r);
}

const char *xml_reader_attr(xmlTextReaderPtr r, const char *name)
{
	xmlNodePtr node = xmlTextReaderCurrentNode(r);
	xmlAttrPtr a;

	if (node == NULL || node->type != XML_ELEMENT_NODE)
		return NULL;
	for (a = node->properties; a != NULL; a = a->next) {
		if (a->ns != NULL || strcmp((const char *)a->name, name) != 0)
			continue;
		/* Without a DTD an attribute's value is one text node (or none
		 * when empty). */
		if (a->children == NULL)
			return "";
		if (a->children->type != XML_TEXT_NODE || a->children->next != NULL)
			return NULL;
		return a->children->content != NULL ? (const char *)a->children->content : "";
	}
	return NULL;
}

/* The value without the white space around it: *n bytes from the result. */
static const char *trimmed(const char *v, size_t *n)
{
	size_t len;

	while (*v == ' ' || *v == '\t' || *v == '\n' || *v == '\r')
		v++;
	len = strlen(v);
	while (len > 0 && (v[len - 1] == ' ' || v[len - 1] == '\t' || v[len - 1] == '\n' ||
			   v[len - 1] == '\r'))
		len--;
	*n = len;
	return v;
}

int xml_reader_token(xmlTextReaderPtr r, const char *name, char **out)
{
	const char *v = xml_reader_attr(r, name);
	size_t n;

	*out = NULL;
	if (v == NULL)
		return 0;
	v = trimmed(v, &n);
	*out = strndup(v, n);
	return *out != NULL ? 0 : -1;
}

bool xml_reader_token_is(xmlTextReaderPtr r, const char *name, const char *word)
{
	const char *v = xml_reader_attr(r, name);
	size_t n;

	if (v == NULL)
		return false;
	v = trimmed(v, &n);
	return n == strlen(word) && memcmp(v, word, n) == 0;
}

int xml_reader_bool(xmlTextReaderPtr r, const char *name)
{
	if (xml_reader_attr(r, name) == NULL)
		return -1;
	return xml_reader_token_is(r, name, "true") || xml_reader_token_is(r, name, "1");
}

/* A reference (an id) is echoed in the response only when it has the form
 * the schema gives it. */
static void copy_reference(const char *v, char id[65])
{
	size_t n = v != NULL ? strlen(v) : 0, i;

	id[0] = '\0';
	if (n == 0 || n > 64)
		return;
	for (i = 0; i < n; i++)
		if (strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._:-",
			   v[i]) == NULL)
			return;
	memcpy(id, v, n + 1);
}

int xml_read_root(xmlTextReaderPtr r, struct xml_errors *errs, const char *schema_path,
		  enum xml_kind *kind, char id[65], struct xml_failure *f)
{
	int rc;

	*kind = XML_KIND_UNKNOWN;
	id[0] = '\0';
	while ((rc = xml_reader_next(r, errs, schema_path, f)) == 1 &&
	       xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT)
		;
	/* Our own words for the commonest mistake: the wrong root or namespace
	 * (the schema's would be "no matching global declaration"). */
	if (rc == 1 || (rc < 0 && xmlTextReaderNodeType(r) == XML_READER_TYPE_ELEMENT &&
			xmlTextReaderDepth(r) == 0)) {
		if (xml_reader_is(r, XML_READER_TYPE_ELEMENT, 0, "sync"))
			*kind = XML_KIND_SYNC;
		else if (xml_reader_is(r, XML_READER_TYPE_ELEMENT, 0, "request"))
			*kind = XML_KIND_REQUEST;
		if (*kind != XML_KIND_UNKNOWN)
			copy_reference(xml_reader_attr(r, "id"), id);
		if (*kind == XML_KIND_UNKNOWN) {
			error_set(
				&f->e, ATELIER_E_USAGE, "%s",
				_("This is not an atelier exchange document: its root element is not "
				  "sync or request in the namespace urn:atelier:exchange:1."));
			error_hint(
				&f->e, "%s",
				_("Start the document with <sync xmlns=\"urn:atelier:exchange:1\"> "
				  "or <request xmlns=\"urn:atelier:exchange:1\" staff=\"...\">."));
			f->line = xml_reader_line(r);
			return -1;
		}
	}
	if (rc == 0) {
		error_set(&f->e, ATELIER_E_USAGE, "%s", _("The document has no root element."));
		error_hint(&f->e, "%s", _("Send a sync or a request document."));
		f->line = 0;
	}
	return rc == 1 ? 0 : -1;
}
