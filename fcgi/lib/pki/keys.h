/*
 * Weak RSA keys (S/MIME BR 6.1.1.3) and the blocklists of known weak
 * keys: see keys.c. Each check returns CSR_OK, the weakness found, or
 * CSR_INTERNAL when memory ran out (logged).
 */
#ifndef SMIME_KEYS_H
#define SMIME_KEYS_H

#include <stddef.h>

#include <openssl/bn.h>

#include "csr.h"

/* Bytes of an SPKI list entry: a SHA-256. */
#define KEYS_SPKI_HASH	32

enum csrerr	 keys_small_factors(const BIGNUM *);
enum csrerr	 keys_roca(const BIGNUM *);
enum csrerr	 keys_fermat(const BIGNUM *, BN_CTX *);
enum csrerr	 keys_debian(const BIGNUM *, const struct blocklist *);
size_t		 keys_spki_listed(const struct blocklist *);
int		 keys_spki_blocked(const struct blocklist *,
		    const unsigned char *);

#endif
