/*
 * CSRF tokens: "<issued, hex seconds>.<base64url HMAC-SHA256>" over the
 * subject (the account's login) and the time, keyed with a secret read
 * from a file. A token proves the form came from a page this service
 * rendered for the same account within the token's lifetime.
 */
#ifndef SMIME_CSRF_H
#define SMIME_CSRF_H

#include <stddef.h>
#include <time.h>

#define CSRF_TOKEN_MAX	64	/* buffer size for a token */
#define CSRF_TTL	(12 * 3600)	/* seconds a form stays valid */
#define CSRF_KEY_MIN	32	/* bytes of secret at least */

int	 csrf_load(const char *);
int	 csrf_set_key(const unsigned char *, size_t);
int	 csrf_token(const char *, time_t, char *, size_t);
int	 csrf_check(const char *, const char *, time_t, long);
int	 b64url(const unsigned char *, size_t, char *, size_t);

#endif
