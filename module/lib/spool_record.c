/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * spool_record.c - the spool's records: what one looks like on disk, and
 * reading them back so that nothing damaged is ever taken for an event.
 *
 *   magic "\xF5ATS" | length (u32 LE) | CRC-32C of length and payload (u32 LE)
 *   payload: version 1, then event, kind, workstation, login_key, at,
 *            start_event, each ended by a NUL
 *   in the quarantine: version 2, the same six fields, then why the
 *            database refused the event (printable ASCII), ended by a NUL
 *
 * 0xF5 never occurs in UTF-8 text, and the payload is checked to be text,
 * so a payload cannot hold a false magic.  Reading after damage goes on at
 * the next place where a whole record with a good checksum starts.
 */
#include <string.h>

#include "internal.h"

static const unsigned char MAGIC[4] = { 0xF5, 'A', 'T', 'S' };
#define VERSION 1
#define VERSION_QUARANTINE 2
#define NFIELDS 6
#define MIN_PAYLOAD (1 + NFIELDS)
#define MAX_PAYLOAD (SPOOL_MAX_RECORD - SPOOL_HEADER)

static void put_le32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)v;
	p[1] = (unsigned char)(v >> 8);
	p[2] = (unsigned char)(v >> 16);
	p[3] = (unsigned char)(v >> 24);
}

static uint32_t get_le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* Text made only of the bytes in [lo, hi], 1 to max bytes long. */
static bool text_in(const char *s, size_t max, unsigned char lo, unsigned char hi)
{
	size_t n = strnlen(s, max + 1);
	size_t i;

	if (n == 0 || n > max)
		return false;
	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] < lo || (unsigned char)s[i] > hi)
			return false;
	return true;
}

static bool hex64(const char *s)
{
	size_t i;

	if (strnlen(s, ATELIER_PSEUDONYM_LEN + 1) != ATELIER_PSEUDONYM_LEN)
		return false;
	for (i = 0; i < ATELIER_PSEUDONYM_LEN; i++)
		if (strchr("0123456789abcdef", s[i]) == NULL)
			return false;
	return true;
}

bool spool_event_valid(const atelier_usage_event *ev)
{
	bool start;

	if (ev == NULL || !uuid_is_valid(ev->event))
		return false;
	start = strcmp(ev->kind, "start") == 0;
	if (!start && strcmp(ev->kind, "end") != 0)
		return false;
	if (start ? ev->start_event[0] != '\0'
		  : !uuid_is_valid(ev->start_event) || strcmp(ev->start_event, ev->event) == 0)
		return false;
	return text_in(ev->workstation, sizeof(ev->workstation) - 1, 0x21, 0x7e) &&
	       hex64(ev->login_key) && text_in(ev->at, sizeof(ev->at) - 1, 0x20, 0x7e);
}

size_t spool_encode(const atelier_usage_event *ev, unsigned char *out)
{
	return spool_encode_quarantined(ev, NULL, out);
}

size_t spool_encode_quarantined(const atelier_usage_event *ev, const char *reason,
				unsigned char *out)
{
	const char *fields[NFIELDS + 1];
	size_t n = SPOOL_HEADER, i, nfields = reason != NULL ? NFIELDS + 1 : NFIELDS;
	uint32_t crc;

	if (!spool_event_valid(ev) ||
	    (reason != NULL && !text_in(reason, SPOOL_REASON_LEN - 1, 0x20, 0x7e)))
		return 0;
	fields[0] = ev->event;
	fields[1] = ev->kind;
	fields[2] = ev->workstation;
	fields[3] = ev->login_key;
	fields[4] = ev->at;
	fields[5] = ev->start_event;
	fields[6] = reason;
	out[n++] = reason != NULL ? VERSION_QUARANTINE : VERSION;
	/* Valid fields fit: 37 + 6 + 256 + 65 + 40 + 37 + 1 + SPOOL_REASON_LEN
	 * < MAX_PAYLOAD. */
	for (i = 0; i < nfields; i++) {
		size_t len = strlen(fields[i]) + 1;

		memcpy(out + n, fields[i], len);
		n += len;
	}
	memcpy(out, MAGIC, sizeof(MAGIC));
	put_le32(out + 4, (uint32_t)(n - SPOOL_HEADER));
	crc = crc32c(0, out + 4, 4);
	put_le32(out + 8, crc32c(crc, out + SPOOL_HEADER, n - SPOOL_HEADER));
	return n;
}

/* One field of the payload at *p into dst (size cap); false when it does
 * not end with a NUL inside the payload or does not fit. */
static bool take_field(const unsigned char **p, const unsigned char *end, char *dst, size_t cap)
{
	const unsigned char *nul = memchr(*p, '\0', (size_t)(end - *p));
	size_t len;

	if (nul == NULL)
		return false;
	len = (size_t)(nul - *p);
	if (len >= cap)
		return false;
	memcpy(dst, *p, len + 1);
	*p = nul + 1;
	return true;
}

/* reason: NULL to read an event of the spool (version 1), else a buffer
 * of SPOOL_REASON_LEN for a quarantined one (version 2). */
static bool decode(const unsigned char *payload, size_t len, atelier_usage_event *ev, char *reason)
{
	const unsigned char *p = payload + 1, *end = payload + len;

	memset(ev, 0, sizeof(*ev));
	if (payload[0] != (reason != NULL ? VERSION_QUARANTINE : VERSION))
		return false;
	if (!take_field(&p, end, ev->event, sizeof(ev->event)) ||
	    !take_field(&p, end, ev->kind, sizeof(ev->kind)) ||
	    !take_field(&p, end, ev->workstation, sizeof(ev->workstation)) ||
	    !take_field(&p, end, ev->login_key, sizeof(ev->login_key)) ||
	    !take_field(&p, end, ev->at, sizeof(ev->at)) ||
	    !take_field(&p, end, ev->start_event, sizeof(ev->start_event)))
		return false;
	if (reason != NULL && (!take_field(&p, end, reason, SPOOL_REASON_LEN) ||
			       !text_in(reason, SPOOL_REASON_LEN - 1, 0x20, 0x7e)))
		return false;
	/* Nothing after the last field, and each field as we write them. */
	return p == end && spool_event_valid(ev);
}

/* The payload length of a plausible header at pos (whole or not), or 0. */
static size_t header_length(const unsigned char *buf, size_t len, size_t pos)
{
	size_t n;

	if (len - pos < SPOOL_HEADER || memcmp(buf + pos, MAGIC, sizeof(MAGIC)) != 0)
		return 0;
	n = get_le32(buf + pos + 4);
	return n >= MIN_PAYLOAD && n <= MAX_PAYLOAD ? n : 0;
}

bool spool_record_at(const unsigned char *buf, size_t len, size_t pos)
{
	size_t n = pos < len ? header_length(buf, len, pos) : 0;
	uint32_t crc;

	if (n == 0 || n > len - pos - SPOOL_HEADER)
		return false;
	crc = crc32c(0, buf + pos + 4, 4);
	return crc32c(crc, buf + pos + SPOOL_HEADER, n) == get_le32(buf + pos + 8);
}

/* Where the next whole record starts after from, or len. */
static size_t next_record(const unsigned char *buf, size_t len, size_t from)
{
	while (from < len) {
		const unsigned char *m = memmem(buf + from, len - from, MAGIC, sizeof(MAGIC));

		if (m == NULL)
			return len;
		from = (size_t)(m - buf);
		if (spool_record_at(buf, len, from))
			return from;
		from++;
	}
	return len;
}

/* The bytes from pos to the end are the beginning of a record cut short. */
static bool cut_short(const unsigned char *buf, size_t len, size_t pos)
{
	size_t rest = len - pos, n;

	if (rest < sizeof(MAGIC))
		return memcmp(buf + pos, MAGIC, rest) == 0;
	if (memcmp(buf + pos, MAGIC, sizeof(MAGIC)) != 0)
		return false;
	if (rest < SPOOL_HEADER)
		return true;
	n = header_length(buf, len, pos);
	return n != 0 && n > rest - SPOOL_HEADER;
}

enum spool_scan spool_scan(const unsigned char *buf, size_t len, size_t *pos,
			   atelier_usage_event *ev)
{
	return spool_scan_quarantined(buf, len, pos, ev, NULL);
}

enum spool_scan spool_scan_quarantined(const unsigned char *buf, size_t len, size_t *pos,
				       atelier_usage_event *ev, char *reason)
{
	size_t at = *pos, next;

	if (at >= len)
		return SPOOL_END;
	if (spool_record_at(buf, len, at)) {
		size_t n = get_le32(buf + at + 4);

		*pos = at + SPOOL_HEADER + n;
		/* A good checksum over bad content: a bug or a forged record. */
		return decode(buf + at + SPOOL_HEADER, n, ev, reason) ? SPOOL_RECORD
								      : SPOOL_CORRUPT;
	}
	next = next_record(buf, len, at + 1);
	*pos = next;
	if (next == len && cut_short(buf, len, at))
		return SPOOL_TORN;
	return SPOOL_CORRUPT;
}
