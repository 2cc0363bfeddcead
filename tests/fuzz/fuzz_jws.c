/*
 * libFuzzer target for the ACME request intake: jws_parse() as a request
 * and as an external account binding, then on what it accepts the key
 * (jwk_parse), the RFC 7638 thumbprint, the signature (jws_verify), and
 * the payload's externalAccountBinding (eab_parse, eab_verify) with a
 * fixed MAC key.
 *
 * Input: a request body, at most 64 KiB, without a terminating NUL.
 *
 * Beyond memory errors, the target aborts when an invariant breaks: a
 * result outside its enum; an accepted request without a url, with both
 * or neither of jwk and kid, with "none" or HS256; an accepted EAB with
 * a nonce, a jwk or another alg than HS256; a key parsed yet NULL, or
 * refused yet set; a thumbprint that is not 43 base64url characters.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "eab.h"
#include "json.h"
#include "jws.h"

int	 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const unsigned char	 mac[EAB_KEY_BYTES] = "0123456789abcdef0123456789abcde";

static void
request(const uint8_t *data, size_t size)
{
	static const struct json_limits	 lim = JSON_ACME_LIMITS;
	struct jws			 j, in;
	struct json			*payload;
	struct buf			 tp;
	EVP_PKEY			*k = NULL;
	enum jwserr			 rc;
	enum json_err			 e;
	enum eaberr			 er;
	size_t				 i;

	rc = jws_parse(&j, data, size, JWS_MODE_ACME);
	if (rc >= JWSERR__MAX)
		abort();
	if (rc != JWSERR_NONE)
		return;
	if (j.url == NULL || (j.jwk == NULL) == (j.kid == NULL) ||
	    j.alg >= JWS_HS256)
		abort();
	if (j.jwk != NULL) {
		rc = jwk_parse(j.jwk, &k);
		if (rc >= JWSERR__MAX || (rc == JWSERR_NONE) != (k != NULL))
			abort();
		buf_init(&tp);
		if (jwk_thumbprint(j.jwk, &tp)) {
			if (tp.len != 43 || strspn(tp.s, "ABCDEFGHIJKLMNOP"
			    "QRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
			    != 43)
				abort();
		} else if (k != NULL)
			abort();	/* a usable key always has one */
		buf_free(&tp);
		if (k != NULL && jws_verify(&j, k) >= JWSERR__MAX)
			abort();
		EVP_PKEY_free(k);
	}
	payload = json_parse(j.payload.s, j.payload.len, &lim, &e);
	if (payload != NULL) {
		er = eab_parse(&in, json_get(payload,
		    "externalAccountBinding"));
		if (er >= EAB__MAX)
			abort();
		if (er == EAB_OK) {
			if (in.alg != JWS_HS256 || in.nonce != NULL ||
			    in.jwk != NULL || in.kid == NULL)
				abort();
			for (i = 0; i < 2; i++)
				if (eab_verify(&in, &j, mac, i ? sizeof(mac) :
				    16) >= EAB__MAX)
					abort();
			jws_free(&in);
		}
		json_free(payload);
	}
	jws_free(&j);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct jws	 j;
	uint8_t		*copy;
	enum jwserr	 rc;

	if (size > 65536)
		return 0;
	if ((copy = malloc(size ? size : 1)) == NULL)
		abort();
	memcpy(copy, data, size);
	request(copy, size);
	rc = jws_parse(&j, copy, size, JWS_MODE_EAB);
	if (rc >= JWSERR__MAX)
		abort();
	if (rc == JWSERR_NONE) {
		if (j.alg != JWS_HS256 || j.nonce != NULL || j.jwk != NULL ||
		    j.kid == NULL || j.url == NULL)
			abort();
		if (jws_verify_hmac(&j, mac, sizeof(mac)) >= JWSERR__MAX)
			abort();
		jws_free(&j);
	}
	free(copy);
	return 0;
}
