/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xml_sync.c - a sync document read item by item (the parsing side; what is
 * done with the items is the sink's business: xml_sync_db.c writes them,
 * tests and fuzzers only look).
 *
 * Fields of an item, in the order of the batch function's arrays:
 *   sites         code, name, city, time-zone
 *   rooms         site, code, name
 *   workstations  hostname (lowercased), site, room, label
 *   staff         login, name, role, sites (codes joined by one space)
 *   people        pseudonym, age-bracket, social-status, postcode, first-visit
 * The patron id of a person becomes its pseudonym here and goes no further.
 * An item listed twice is refused here, naming both lines.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "xml_internal.h"

static const char *const SECTION[SYNC_SECTIONS] = {
	"sites", "rooms", "workstations", "staff", "people",
};
static const char *const ITEM[SYNC_SECTIONS] = {
	"site", "room", "workstation", "member", "person",
};

const char *sync_section_name(enum sync_section s)
{
	return s < SYNC_SECTIONS ? SECTION[s] : "?";
}

struct sync_reader {
	xmlTextReaderPtr r;
	const atelier_secret *secret;
	struct keyset seen[SYNC_SECTIONS];
	/* The value rewritten here for the current item (a token, a lowercased
	 * name, a room's key, a list), allocated: never cut to a buffer's size. */
	char *made;
	char pseudonym[ATELIER_PSEUDONYM_LEN + 1];
};

static int duplicate(struct xml_failure *f, int line, int first, const char *what, const char *key)
{
	if (key != NULL)
		error_set(&f->e, ATELIER_E_USAGE,
			  _("Line %d: the %s \"%s\" is already listed on line %d."), line, what,
			  key, first);
	else
		error_set(&f->e, ATELIER_E_USAGE,
			  _("Line %d: this person is already listed on line %d."), line, first);
	error_hint(&f->e, "%s", _("A document lists each item once: remove one of the two."));
	f->line = line;
	return -1;
}

static int out_of_memory(struct xml_failure *f)
{
	error_set(&f->e, ATELIER_E_INTERNAL, "%s", _("Out of memory."));
	return -1;
}

/* An item seen before in this document is refused. */
static int remember(struct sync_reader *s, const struct sync_item *it, const void *key, size_t len,
		    struct xml_failure *f)
{
	int first = keyset_add(&s->seen[it->section], key, len, it->line);

	if (first < 0)
		return out_of_memory(f);
	if (first == 0)
		return 0;
	return duplicate(f, it->line, first, ITEM[it->section],
			 it->section == SYNC_PEOPLE ? NULL : (const char *)key);
}

/* The value rewritten for the current item, kept until the item has gone
 * to the sink; NULL stays NULL (absent). */
static const char *keep(struct sync_reader *s, char *v)
{
	free(s->made);
	s->made = v;
	return v;
}

/* xs:list of codes: any white space between them; stored with one space
 * (never longer than the value itself).  NULL when absent or on no memory. */
static char *normalise_list(const char *v)
{
	char *buf, *o;

	if (v == NULL || (buf = malloc(strlen(v) + 1)) == NULL)
		return NULL;
	o = buf;
	while (*v != '\0') {
		while (isspace((unsigned char)*v))
			v++;
		if (*v == '\0')
			break;
		if (o > buf)
			*o++ = ' ';
		while (*v != '\0' && !isspace((unsigned char)*v))
			*o++ = *v++;
	}
	*o = '\0';
	return buf;
}

static char *lowercase(const char *v)
{
	char *buf = v != NULL ? strdup(v) : NULL, *p;

	for (p = buf; p != NULL && *p != '\0'; p++)
		*p = (char)tolower((unsigned char)*p);
	return buf;
}

/* The key of a room: its site and its code. */
static char *room_key(const char *site, const char *code)
{
	char *key = NULL;

	if (site == NULL || code == NULL || asprintf(&key, "%s/%s", site, code) < 0)
		return NULL;
	return key;
}

/* A pseudonym is lowercase hex. */
static unsigned int hex_value(char c)
{
	return c >= 'a' ? (unsigned int)(c - 'a' + 10) : (unsigned int)(c - '0');
}

static int person_fields(struct sync_reader *s, struct sync_item *it, struct xml_failure *f)
{
	const char *patron = xml_reader_attr(s->r, "patron");
	unsigned char raw[ATELIER_PSEUDONYM_LEN / 2];
	size_t i;

	if (s->secret == NULL) {
		error_set(
			&f->e, ATELIER_E_USAGE,
			_("Line %d: the document names a person, but no pseudonymisation key is set up."),
			it->line);
		error_hint(&f->e, "%s",
			   _("Give atelier the key file (option --secret, ATELIER_SECRET, "
			     "or secret_file for the plugin)."));
		f->line = it->line;
		return -1;
	}
	if (patron == NULL || patron[0] == '\0' ||
	    atelier_secret_pseudonym(s->secret, patron, s->pseudonym) != 0) {
		error_set(&f->e, ATELIER_E_INTERNAL,
			  _("Line %d: the person's pseudonym could not be computed."), it->line);
		f->line = it->line;
		return -1;
	}
	it->field[0] = s->pseudonym;
	it->field[1] = xml_reader_attr(s->r, "age-bracket");
	it->field[2] = xml_reader_attr(s->r, "social-status");
	it->field[3] = xml_reader_attr(s->r, "postcode");
	if (xml_reader_token(s->r, "first-visit", &s->made) != 0)
		return out_of_memory(f);
	it->field[4] = s->made;
	/* The pseudonym as 32 bytes is key enough (and half the memory). */
	for (i = 0; i < sizeof(raw); i++)
		raw[i] = (unsigned char)(hex_value(s->pseudonym[2 * i]) << 4 |
					 hex_value(s->pseudonym[2 * i + 1]));
	return remember(s, it, raw, sizeof(raw), f);
}

static int item_fields(struct sync_reader *s, struct sync_item *it, struct xml_failure *f)
{
	xmlTextReaderPtr r = s->r;
	const char *key, *v;

	it->active = xml_reader_bool(r, "active");
	switch (it->section) {
	case SYNC_SITES:
		it->field[0] = key = xml_reader_attr(r, "code");
		it->field[1] = xml_reader_attr(r, "name");
		it->field[2] = xml_reader_attr(r, "city");
		it->field[3] = xml_reader_attr(r, "time-zone");
		break;
	case SYNC_ROOMS:
		it->field[0] = xml_reader_attr(r, "site");
		it->field[1] = xml_reader_attr(r, "code");
		it->field[2] = xml_reader_attr(r, "name");
		key = keep(s, room_key(it->field[0], it->field[1]));
		if (key == NULL && it->field[0] != NULL && it->field[1] != NULL)
			return out_of_memory(f);
		break;
	case SYNC_WORKSTATIONS:
		v = xml_reader_attr(r, "hostname");
		it->field[0] = key = keep(s, lowercase(v));
		if (key == NULL && v != NULL)
			return out_of_memory(f);
		it->field[1] = xml_reader_attr(r, "site");
		it->field[2] = xml_reader_attr(r, "room");
		it->field[3] = xml_reader_attr(r, "label");
		break;
	case SYNC_STAFF:
		it->field[0] = key = xml_reader_attr(r, "login");
		it->field[1] = xml_reader_attr(r, "name");
		it->field[2] = xml_reader_attr(r, "role");
		v = xml_reader_attr(r, "sites");
		it->field[3] = keep(s, normalise_list(v));
		if (it->field[3] == NULL && v != NULL)
			return out_of_memory(f);
		break;
	default:
		return person_fields(s, it, f);
	}
	/* The schema made every key present; a missing one is a reader bug. */
	if (key == NULL) {
		error_set(&f->e, ATELIER_E_INTERNAL, _("Line %d: an item has no key."), it->line);
		return -1;
	}
	return remember(s, it, key, strlen(key), f);
}

static int on_item(struct sync_reader *s, enum sync_section section, const struct sync_sink *sink,
		   struct xml_failure *f)
{
	struct sync_item it;
	int rc;

	memset(&it, 0, sizeof(it));
	it.section = section;
	it.line = xml_reader_line(s->r);
	rc = item_fields(s, &it, f);
	if (rc == 0)
		rc = sink->item(sink->ctx, &it, f);
	explicit_bzero(s->pseudonym, sizeof(s->pseudonym));
	keep(s, NULL);
	return rc;
}

static int section_of(xmlTextReaderPtr r)
{
	int i;

	for (i = 0; i < SYNC_SECTIONS; i++)
		if (xml_reader_is(r, XML_READER_TYPE_ELEMENT, 1, SECTION[i]))
			return i;
	return -1;
}

static int walk(struct sync_reader *s, struct xml_errors *errs, const char *schema_path,
		const struct sync_sink *sink, struct xml_failure *f)
{
	int section = -1, rc;

	while ((rc = xml_reader_next(s->r, errs, schema_path, f)) == 1) {
		int type = xmlTextReaderNodeType(s->r), depth = xmlTextReaderDepth(s->r);

		if (type == XML_READER_TYPE_ELEMENT && depth == 1) {
			section = section_of(s->r);
			/* <people/> has no end tag: the section ends here. */
			if (section >= 0 && xmlTextReaderIsEmptyElement(s->r) == 1 &&
			    sink->section_end(sink->ctx, (enum sync_section)section, f) != 0)
				return -1;
		} else if (type == XML_READER_TYPE_END_ELEMENT && depth == 1 && section >= 0) {
			if (sink->section_end(sink->ctx, (enum sync_section)section, f) != 0)
				return -1;
			section = -1;
		} else if (type == XML_READER_TYPE_ELEMENT && depth == 2 && section >= 0 &&
			   xml_reader_is(s->r, type, 2, ITEM[section])) {
			if (on_item(s, (enum sync_section)section, sink, f) != 0)
				return -1;
		}
	}
	return rc;
}

int xml_sync_read(xmlTextReaderPtr r, struct xml_errors *errs, const char *schema_path,
		  const atelier_secret *secret, const struct sync_sink *sink, bool *full,
		  struct xml_failure *f)
{
	struct sync_reader s;
	int rc, i;

	memset(&s, 0, sizeof(s));
	s.r = r;
	s.secret = secret;
	*full = xml_reader_token_is(r, "mode", "full");
	rc = xmlTextReaderIsEmptyElement(r) == 1 ? 0 : walk(&s, errs, schema_path, sink, f);
	/* What is left after the root's end (comments, spaces) is read too, so
	 * that a problem there still refuses the document. */
	while (rc == 0 && (rc = xml_reader_next(r, errs, schema_path, f)) == 1)
		;
	for (i = 0; i < SYNC_SECTIONS; i++)
		keyset_free(&s.seen[i]);
	keep(&s, NULL);
	explicit_bzero(&s, sizeof(s));
	return rc;
}
