/*
 * JSON Web Signatures as ACME uses them (RFC 8555 section 6.2): the
 * flattened JSON serialization (RFC 7515 section 7.2.2) with a protected
 * header only, one signature, an attached payload; account keys as JWKs
 * (RFC 7517) of type RSA, EC (P-256, P-384) and OKP (Ed25519, RFC 8037)
 * signing with RS256, ES256, ES384 or EdDSA; HS256 only for the inner
 * JWS of an external account binding (section 7.3.4).
 *
 * Ownership: a struct jws owns the trees and buffers it holds; the
 * string pointers (nonce, url, kid) and the jwk point into them and live
 * until jws_free(). jwk_parse() returns a key the caller frees with
 * EVP_PKEY_free().
 */
#ifndef SMIME_JWS_H
#define SMIME_JWS_H

#include <stddef.h>

#include <openssl/evp.h>

#include "buf.h"

struct json;

enum jws_alg {
	JWS_RS256,	/* RSASSA-PKCS1-v1_5 with SHA-256 */
	JWS_ES256,	/* ECDSA P-256 with SHA-256 */
	JWS_ES384,	/* ECDSA P-384 with SHA-384 */
	JWS_EDDSA,	/* Ed25519 */
	JWS_HS256,	/* HMAC SHA-256: external account binding only */
	JWS_ALG__MAX
};

enum jwserr {
	JWSERR_NONE,		/* verified, or well-formed */
	JWSERR_MALFORMED,	/* not a JWS of the form ACME requires */
	JWSERR_ALG,		/* alg unsupported, or not the key's */
	JWSERR_KEY,		/* the JWK is no acceptable public key */
	JWSERR_SIGNATURE,	/* the signature does not verify */
	JWSERR_NOMEM,		/* the caller's 500 */
	JWSERR__MAX
};

/* Which rules of RFC 8555 the header is held to. */
enum jws_mode {
	JWS_MODE_ACME,	/* a request: nonce, url, jwk xor kid (6.2, 6.4, 6.5) */
	JWS_MODE_EAB,	/* inner EAB JWS: HS256, kid, url, no nonce (7.3.4) */
	JWS_MODE__MAX
};

extern const char *const jws_alg_names[JWS_ALG__MAX];
extern const char *const jwserr_names[JWSERR__MAX];

struct jws {
	struct json		*root;	/* the body, when parsed from bytes */
	struct json		*hdr;	/* the protected header */
	enum jws_alg		 alg;
	const char		*nonce;	/* NULL when absent */
	const char		*url;
	const char		*kid;	/* NULL when the header has a jwk */
	const struct json	*jwk;	/* NULL when the header has a kid */
	const char		*prot64; /* the protected header as sent */
	const char		*payload64; /* the payload as sent */
	struct buf		 payload;	/* decoded */
	struct buf		 sig;		/* decoded */
};

enum jwserr	 jws_parse(struct jws *, const void *, size_t,
		    enum jws_mode);
enum jwserr	 jws_from_json(struct jws *, const struct json *,
		    enum jws_mode);
void		 jws_free(struct jws *);
enum jwserr	 jws_verify(const struct jws *, EVP_PKEY *);
enum jwserr	 jws_verify_hmac(const struct jws *, const void *, size_t);
enum jwserr	 jwk_parse(const struct json *, EVP_PKEY **);
int		 jwk_thumbprint(const struct json *, struct buf *);
int		 jwk_equal(const struct json *, const struct json *);

#endif
