/*
 * External account binding (RFC 8555 section 7.3.4): the inner JWS of a
 * newAccount request, MAC'd with a key the CA gave the customer out of
 * band, whose payload is the account key being registered.
 */
#ifndef SMIME_EAB_H
#define SMIME_EAB_H

#include <stddef.h>

#include "jws.h"

/* The MAC keys we hand out: 256 bits, base64url for the customer. */
#define EAB_KEY_BYTES	32

enum eaberr {
	EAB_OK,		/* bound */
	EAB_MALFORMED,	/* not an EAB JWS (malformed) */
	EAB_URL,	/* url not the newAccount request's (unauthorized) */
	EAB_KEY,	/* payload not the request's account key (malformed) */
	EAB_MAC,	/* the MAC does not verify (unauthorized) */
	EAB_NOMEM,	/* the caller's 500 */
	EAB__MAX
};

extern const char *const eaberr_names[EAB__MAX];

enum eaberr	 eab_parse(struct jws *, const struct json *);
enum eaberr	 eab_verify(const struct jws *, const struct jws *,
		    const void *, size_t);

#endif
