/*
 * Replay nonces (RFC 8555 section 6.5): 128 random bits, base64url (22
 * characters), stored when issued, accepted once within NONCE_TTL
 * seconds. Stored in the database, so every worker of every process
 * honours a nonce any of them issued, and none accepts it twice.
 */
#ifndef SMIME_NONCE_H
#define SMIME_NONCE_H

struct db;

#define NONCE_BYTES	16
#define NONCE_LEN	22	/* base64url characters of NONCE_BYTES */
#define NONCE_TTL	3600	/* seconds */

enum noncerc {
	NONCE_OK,	/* issued, or taken */
	NONCE_BAD,	/* malformed, unknown, used or expired: badNonce */
	NONCE_ERR,	/* database or randomness failed: 500 */
	NONCE__MAX
};

extern const char *const noncerc_names[NONCE__MAX];

int		 nonce_valid(const char *);
enum noncerc	 nonce_new(struct db *, char *);
enum noncerc	 nonce_take(struct db *, const char *);

#endif
