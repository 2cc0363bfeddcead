/*
 * Mailbox addresses and the one-time tokens that prove control of them.
 *
 * An address is one RFC 5321 mailbox: a dot-string local part (quoted
 * local parts and non-ASCII local parts are refused) and a domain of at
 * least two labels, lower-cased, an internationalized domain converted to
 * its A-label form (IDNA 2008 with UTS #46 non-transitional mapping, by
 * libidn2), 254 octets at most in all. No display names, no comments, no
 * address literals.
 *
 * Tokens (S/MIME BR 3.2.2.2): 128 bits from the OS CSPRNG, written as 22
 * base64url characters; only their SHA-256 is stored.
 */
#ifndef SMIME_MAILBOX_H
#define SMIME_MAILBOX_H

#include <stddef.h>

#define MAILBOX_MAX	254		/* octets, RFC 5321 4.5.3.1.3 with 4.1.2 */
#define TOKEN_LEN	22		/* base64url of 16 bytes */
#define TOKEN_HASH	32		/* SHA-256 */

struct kv;

int	 mailbox_normalize(const char *, char *, size_t, char *, size_t,
	    const char **);
void	 mailbox_display(const char *, char *, size_t);
int	 valid_mailbox(struct kv *);
int	 token_new(char *, size_t, unsigned char *);
int	 token_hash(const char *, unsigned char *);
int	 token_wellformed(const char *);

#endif
