/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xml_errors.c - what libxml2 reported, in words for the people who write
 * host systems: one sentence saying what is wrong, a hint saying what to do,
 * and libxml2's own words as the detail.
 */
#include <stdio.h>
#include <string.h>

#include "xml_internal.h"

static void say(struct xml_failure *f, const char *message, const char *hint)
{
	error_set(&f->e, ATELIER_E_USAGE, "%s", message);
	error_hint(&f->e, "%s", hint);
}

static void say_parser(const struct xml_errors *errs, struct xml_failure *f)
{
	switch (errs->code) {
	case XML_ERR_DOCUMENT_EMPTY:
		say(f, _("The document is empty."), _("Send a sync or a request document."));
		break;
	case XML_ERR_INVALID_CHAR:
	case XML_ERR_INVALID_ENCODING:
	case XML_ERR_UNKNOWN_ENCODING:
	case XML_ERR_UNSUPPORTED_ENCODING:
		say(f, _("The document holds a character that XML does not allow."),
		    _("Remove control characters; write the document in UTF-8."));
		break;
	default:
		if (strcasestr(errs->message, "depth") != NULL) {
			say(f, _("The document nests elements far too deeply."),
			    _("atelier documents are at most four levels deep: check how it was generated."));
		} else if (strcasestr(errs->message, "too long") != NULL ||
			   strcasestr(errs->message, "too large") != NULL ||
			   strcasestr(errs->message, "huge") != NULL) {
			say(f, _("The document holds a value far too long for XML exchange."),
			    _("No atelier value is longer than 4000 characters: check how it was generated."));
		} else {
			say(f, _("The document is not well-formed XML."),
			    _("Check that it is complete, that every element is closed, and that "
			      "& and < in values are written &amp; and &lt;."));
		}
		break;
	}
}

void xml_errors_to_failure(const struct xml_errors *errs, const char *schema_path,
			   struct xml_failure *f)
{
	char hint[300];

	f->line = errs->line > 0 ? errs->line : 0;
	switch (errs->domain) {
	case XML_FROM_SCHEMASV:
		snprintf(hint, sizeof(hint),
			 _("Check it against the schema: xmllint --noout --schema %s FILE"),
			 schema_path != NULL ? schema_path : XML_SCHEMA_NAME);
		say(f, _("The document does not follow the atelier exchange schema."), hint);
		break;
	case XML_FROM_PARSER:
	case XML_FROM_NAMESPACE:
		say_parser(errs, f);
		break;
	case XML_FROM_IO:
		say(f, _("The document refers to an external resource; atelier never loads one."),
		    _("Remove the reference: atelier documents are self-contained."));
		break;
	case XML_FROM_MEMORY:
		error_set(&f->e, ATELIER_E_INTERNAL, "%s", _("Out of memory."));
		break;
	default:
		say(f, _("The document could not be read."),
		    _("Check that it is an atelier exchange document in UTF-8."));
		break;
	}
	/* libxml2 quotes the values it refuses: never repeat a patron id. */
	if (strstr(errs->message, "'patron'") != NULL)
		snprintf(f->e.detail, sizeof(f->e.detail), "%s",
			 _("The attribute patron does not have the expected form "
			   "(its value is not repeated here)."));
	else
		snprintf(f->e.detail, sizeof(f->e.detail), "%s", errs->message);
}
