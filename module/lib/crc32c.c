/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * crc32c.c - CRC-32C (Castagnoli, the checksum of iSCSI, ext4 and
 * PostgreSQL's WAL), half a byte at a time: a 16-entry table is small
 * enough to check by eye and fast enough for a spool of a few megabytes.
 * crc32c(0, "123456789", 9) is 0xe3069283.
 */
#include <stddef.h>
#include <stdint.h>

#include "internal.h"

/* The reflected polynomial 0x82f63b78 applied to each 4-bit value. */
static const uint32_t NIBBLE[16] = {
	0x00000000, 0x105ec76f, 0x20bd8ede, 0x30e349b1, 0x417b1dbc, 0x5125dad3,
	0x61c69362, 0x7198540d, 0x82f63b78, 0x92a8fc17, 0xa24bb5a6, 0xb21572c9,
	0xc38d26c4, 0xd3d3e1ab, 0xe330a81a, 0xf36e6f75,
};

uint32_t crc32c(uint32_t crc, const void *buf, size_t len)
{
	const unsigned char *p = buf;

	crc = ~crc;
	while (len-- > 0) {
		crc ^= *p++;
		crc = (crc >> 4) ^ NIBBLE[crc & 15];
		crc = (crc >> 4) ^ NIBBLE[crc & 15];
	}
	return ~crc;
}
