/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * hmac.c - HMAC-SHA-256 and patron pseudonyms.
 *
 * A pseudonym is a keyed MAC, never a plain hash: library card numbers
 * have so little entropy that a plain hash is reversed by trying them all.
 */
#include <string.h>

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include "atelier.h"

#define HMAC_SHA256_LEN 32

/* A short key makes the MAC guessable; refuse it as a configuration error. */
#define PSEUDONYM_MIN_KEY_LEN 16

/*
 * Run one HMAC-SHA-256 over msg with an initialised-by-us context.
 * Split from atelier_hmac_sha256() so that function has one cleanup path.
 */
static int hmac_run(EVP_MAC_CTX *ctx, const unsigned char *key, size_t key_len,
		    const unsigned char *msg, size_t msg_len, unsigned char out[HMAC_SHA256_LEN])
{
	/* OSSL_PARAM wants a non-const char *; OpenSSL only reads it. */
	char digest[] = "SHA256";
	OSSL_PARAM params[] = {
		OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0),
		OSSL_PARAM_construct_end(),
	};
	/* EVP_MAC_init() treats a NULL key as "keep the previous key"; an
	 * empty key must be passed as a real, zero-length buffer. */
	static const unsigned char empty_key[1];
	size_t out_len = 0;

	if (EVP_MAC_init(ctx, key_len > 0 ? key : empty_key, key_len, params) != 1)
		return -1;
	if (msg_len > 0 && EVP_MAC_update(ctx, msg, msg_len) != 1)
		return -1;
	if (EVP_MAC_final(ctx, out, &out_len, HMAC_SHA256_LEN) != 1)
		return -1;
	return out_len == HMAC_SHA256_LEN ? 0 : -1;
}

int atelier_hmac_sha256(const unsigned char *key, size_t key_len, const unsigned char *msg,
			size_t msg_len, unsigned char out[32])
{
	EVP_MAC *mac = NULL;
	EVP_MAC_CTX *ctx = NULL;
	int rv = -1;

	if (key == NULL || out == NULL || (msg == NULL && msg_len > 0))
		return -1;

	/* Fetched per call: the library keeps no global state. */
	mac = EVP_MAC_fetch(NULL, "HMAC", NULL);
	if (mac == NULL)
		goto done;
	ctx = EVP_MAC_CTX_new(mac);
	if (ctx == NULL)
		goto done;
	rv = hmac_run(ctx, key, key_len, msg, msg_len, out);

done:
	/* Both free functions accept NULL; the context holds the key. */
	EVP_MAC_CTX_free(ctx);
	EVP_MAC_free(mac);
	return rv;
}

int atelier_pseudonym(const unsigned char *key, size_t key_len, const char *patron_id,
		      size_t id_len, char out[ATELIER_PSEUDONYM_LEN + 1])
{
	static const char hex[] = "0123456789abcdef";
	unsigned char mac[HMAC_SHA256_LEN];
	size_t i;

	if (out == NULL)
		return -1;
	out[0] = '\0';
	if (key == NULL || key_len < PSEUDONYM_MIN_KEY_LEN || patron_id == NULL || id_len == 0)
		return -1;

	if (atelier_hmac_sha256(key, key_len, (const unsigned char *)patron_id, id_len, mac) != 0)
		return -1;

	for (i = 0; i < HMAC_SHA256_LEN; i++) {
		out[2 * i] = hex[mac[i] >> 4];
		out[2 * i + 1] = hex[mac[i] & 0x0f];
	}
	out[ATELIER_PSEUDONYM_LEN] = '\0';
	return 0;
}
