/*
 * base64url without padding (RFC 4648 section 5, as RFC 7515 section 2
 * uses it): the encoding of every binary value in JWS and ACME.
 *
 * The decoder is strict: only the 64 characters of the alphabet, no
 * padding, no white space, no length that leaves a lone character, and
 * the unused bits of the last character zero, so one value has exactly
 * one encoding (a signature or a key cannot be given two spellings).
 */
#ifndef SMIME_B64U_H
#define SMIME_B64U_H

#include <stddef.h>

struct buf;

int	 b64u_encode(struct buf *, const void *, size_t);
int	 b64u_decode(struct buf *, const char *, size_t);
size_t	 b64u_decoded_len(size_t);

#endif
