/*
 * Issuing external account binding keys: the key identifier and the MAC
 * key a customer or partner account gets, to register ACME accounts
 * bound to it (RFC 8555 7.3.4).
 */
#ifndef SMIME_EABKEY_H
#define SMIME_EABKEY_H

#include "eab.h"

struct db;

#define EABKEY_KID_LEN	22	/* base64url of 16 random bytes */
#define EABKEY_MAC_LEN	43	/* base64url of EAB_KEY_BYTES */

int	 eabkey_new(struct db *, long long, const char *, const char *,
	    char *, char *);

#endif
