/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_hmac.c - HMAC-SHA-256 against RFC 4231, and patron pseudonyms.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "atelier.h"

/* Decode a hex string of known-good test data into buf; returns length. */
static size_t unhex(const char *hex, unsigned char *buf, size_t cap)
{
	size_t n = strlen(hex) / 2, i;

	assert_true(strlen(hex) % 2 == 0);
	assert_true(n <= cap);
	for (i = 0; i < n; i++) {
		unsigned int byte;

		assert_int_equal(sscanf(hex + 2 * i, "%2x", &byte), 1);
		buf[i] = (unsigned char)byte;
	}
	return n;
}

/* Compute the HMAC and compare its first cmp_len bytes with expected_hex. */
static void check_hmac(const unsigned char *key, size_t key_len, const unsigned char *msg,
		       size_t msg_len, const char *expected_hex, size_t cmp_len)
{
	unsigned char expected[32], got[32];

	assert_int_equal(unhex(expected_hex, expected, sizeof expected), cmp_len);
	assert_int_equal(atelier_hmac_sha256(key, key_len, msg, msg_len, got), 0);
	assert_memory_equal(got, expected, cmp_len);
}

/* RFC 4231 section 4.2 */
static void test_hmac_rfc4231_case1(void **state)
{
	unsigned char key[20];

	(void)state;
	memset(key, 0x0b, sizeof key);
	check_hmac(key, sizeof key, (const unsigned char *)"Hi There", 8,
		   "b0344c61d8db38535ca8afceaf0bf12b"
		   "881dc200c9833da726e9376c2e32cff7",
		   32);
}

/* RFC 4231 section 4.3: a key shorter than the output length. */
static void test_hmac_rfc4231_case2(void **state)
{
	static const char msg[] = "what do ya want for nothing?";

	(void)state;
	check_hmac((const unsigned char *)"Jefe", 4, (const unsigned char *)msg, strlen(msg),
		   "5bdcc146bf60754e6a042426089575c7"
		   "5a003f089d2739839dec58b964ec3843",
		   32);
}

/* RFC 4231 section 4.4: combined key and data of 50 bytes. */
static void test_hmac_rfc4231_case3(void **state)
{
	unsigned char key[20], msg[50];

	(void)state;
	memset(key, 0xaa, sizeof key);
	memset(msg, 0xdd, sizeof msg);
	check_hmac(key, sizeof key, msg, sizeof msg,
		   "773ea91e36800e46854db8ebd09181a7"
		   "2959098b3ef8c122d9635514ced565fe",
		   32);
}

/* RFC 4231 section 4.5: key 0x01..0x19. */
static void test_hmac_rfc4231_case4(void **state)
{
	unsigned char key[25], msg[50];

	(void)state;
	assert_int_equal(unhex("0102030405060708090a0b0c0d0e0f10"
			       "111213141516171819",
			       key, sizeof key),
			 25);
	memset(msg, 0xcd, sizeof msg);
	check_hmac(key, sizeof key, msg, sizeof msg,
		   "82558a389a443c0ea4cc819899f2083a"
		   "85f0faa3e578f8077a2e3ff46729665b",
		   32);
}

/* RFC 4231 section 4.6: output truncated to 128 bits. */
static void test_hmac_rfc4231_case5(void **state)
{
	static const char msg[] = "Test With Truncation";
	unsigned char key[20];

	(void)state;
	memset(key, 0x0c, sizeof key);
	check_hmac(key, sizeof key, (const unsigned char *)msg, strlen(msg),
		   "a3b6167473100ee06e0c796c2955552b", 16);
}

/* RFC 4231 section 4.7: a key larger than the block size. */
static void test_hmac_rfc4231_case6(void **state)
{
	static const char msg[] = "Test Using Larger Than Block-Size Key - Hash Key First";
	unsigned char key[131];

	(void)state;
	memset(key, 0xaa, sizeof key);
	check_hmac(key, sizeof key, (const unsigned char *)msg, strlen(msg),
		   "60e431591ee0b67f0d8a26aacbf5b77f"
		   "8e0bc6213728c5140546040f0ee37f54",
		   32);
}

/* RFC 4231 section 4.8: key and data larger than the block size. */
static void test_hmac_rfc4231_case7(void **state)
{
	static const char msg[] = "This is a test using a larger than block-size key and a "
				  "larger than block-size data. The key needs to be hashed "
				  "before being used by the HMAC algorithm.";
	unsigned char key[131];

	(void)state;
	assert_int_equal(strlen(msg), 152);
	memset(key, 0xaa, sizeof key);
	check_hmac(key, sizeof key, (const unsigned char *)msg, strlen(msg),
		   "9b09ffa71b942fcb27635fbcd5b0e944"
		   "bfdc63644f0713938a7f51535c3a35e2",
		   32);
}

/* An empty key and an empty message are valid HMAC inputs. */
static void test_hmac_empty_key_and_message(void **state)
{
	static const unsigned char nothing[1];

	(void)state;
	check_hmac(nothing, 0, NULL, 0,
		   "b613679a0814d9ec772f95d778c35fc5"
		   "ff1697c493715653c6c712144292c5ad",
		   32);
}

static void test_hmac_null_arguments(void **state)
{
	unsigned char key[20] = { 0 }, out[32];

	(void)state;
	assert_int_equal(atelier_hmac_sha256(NULL, 20, key, 1, out), -1);
	assert_int_equal(atelier_hmac_sha256(key, sizeof key, NULL, 1, out), -1);
	assert_int_equal(atelier_hmac_sha256(key, sizeof key, key, 1, NULL), -1);
}

/* 32-byte keys as a deployment would have (the arrays also hold a NUL,
 * which is not part of the key: lengths below use KEY_LEN). */
#define KEY_LEN 32
static const unsigned char key_a[KEY_LEN + 1] = "0123456789abcdef0123456789abcdef";
static const unsigned char key_b[KEY_LEN + 1] = "0123456789abcdef0123456789abcdeF";

static void test_hmac_pseudonym_format(void **state)
{
	char out[ATELIER_PSEUDONYM_LEN + 1];
	size_t i;

	(void)state;
	memset(out, 'X', sizeof out);
	assert_int_equal(atelier_pseudonym(key_a, KEY_LEN, "C0012345", 8, out), 0);
	assert_int_equal(strlen(out), ATELIER_PSEUDONYM_LEN);
	for (i = 0; i < ATELIER_PSEUDONYM_LEN; i++)
		assert_non_null(strchr("0123456789abcdef", out[i]));
}

/* The pseudonym is exactly the hex of HMAC-SHA-256(key, id). */
static void test_hmac_pseudonym_is_hex_of_hmac(void **state)
{
	unsigned char key[20];
	char out[ATELIER_PSEUDONYM_LEN + 1];

	(void)state;
	memset(key, 0x0b, sizeof key);
	assert_int_equal(atelier_pseudonym(key, sizeof key, "Hi There", 8, out), 0);
	assert_string_equal(out, "b0344c61d8db38535ca8afceaf0bf12b"
				 "881dc200c9833da726e9376c2e32cff7");
}

static void test_hmac_pseudonym_deterministic(void **state)
{
	char a[ATELIER_PSEUDONYM_LEN + 1], b[ATELIER_PSEUDONYM_LEN + 1];

	(void)state;
	assert_int_equal(atelier_pseudonym(key_a, KEY_LEN, "C0012345", 8, a), 0);
	assert_int_equal(atelier_pseudonym(key_a, KEY_LEN, "C0012345", 8, b), 0);
	assert_string_equal(a, b);
}

static void test_hmac_pseudonym_differs(void **state)
{
	char base[ATELIER_PSEUDONYM_LEN + 1], other[ATELIER_PSEUDONYM_LEN + 1];

	(void)state;
	assert_int_equal(atelier_pseudonym(key_a, KEY_LEN, "C0012345", 8, base), 0);
	/* Another key, one character apart. */
	assert_int_equal(atelier_pseudonym(key_b, KEY_LEN, "C0012345", 8, other), 0);
	assert_string_not_equal(base, other);
	/* Another identifier, one digit apart. */
	assert_int_equal(atelier_pseudonym(key_a, KEY_LEN, "C0012346", 8, other), 0);
	assert_string_not_equal(base, other);
	/* A prefix of the identifier: id_len counts, not a NUL. */
	assert_int_equal(atelier_pseudonym(key_a, KEY_LEN, "C0012345", 7, other), 0);
	assert_string_not_equal(base, other);
}

static void test_hmac_pseudonym_refuses(void **state)
{
	char out[ATELIER_PSEUDONYM_LEN + 1];

	(void)state;
	/* Short key: 15 bytes refused, 16 accepted. */
	memset(out, 'X', sizeof out);
	assert_int_equal(atelier_pseudonym(key_a, 15, "C0012345", 8, out), -1);
	assert_string_equal(out, "");
	assert_int_equal(atelier_pseudonym(key_a, 16, "C0012345", 8, out), 0);
	assert_int_equal(atelier_pseudonym(key_a, 0, "C0012345", 8, out), -1);
	/* NULL arguments. */
	assert_int_equal(atelier_pseudonym(NULL, 32, "C0012345", 8, out), -1);
	assert_int_equal(atelier_pseudonym(key_a, KEY_LEN, NULL, 8, out), -1);
	assert_int_equal(atelier_pseudonym(key_a, KEY_LEN, "C0012345", 8, NULL), -1);
	/* Empty identifier. */
	memset(out, 'X', sizeof out);
	assert_int_equal(atelier_pseudonym(key_a, KEY_LEN, "", 0, out), -1);
	assert_string_equal(out, "");
	assert_int_equal(atelier_pseudonym(key_a, KEY_LEN, "C0012345", 0, out), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hmac_rfc4231_case1),
		cmocka_unit_test(test_hmac_rfc4231_case2),
		cmocka_unit_test(test_hmac_rfc4231_case3),
		cmocka_unit_test(test_hmac_rfc4231_case4),
		cmocka_unit_test(test_hmac_rfc4231_case5),
		cmocka_unit_test(test_hmac_rfc4231_case6),
		cmocka_unit_test(test_hmac_rfc4231_case7),
		cmocka_unit_test(test_hmac_empty_key_and_message),
		cmocka_unit_test(test_hmac_null_arguments),
		cmocka_unit_test(test_hmac_pseudonym_format),
		cmocka_unit_test(test_hmac_pseudonym_is_hex_of_hmac),
		cmocka_unit_test(test_hmac_pseudonym_deterministic),
		cmocka_unit_test(test_hmac_pseudonym_differs),
		cmocka_unit_test(test_hmac_pseudonym_refuses),
	};

	return cmocka_run_group_tests_name("hmac", tests, NULL, NULL);
}
