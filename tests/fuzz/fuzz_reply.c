/*
 * libFuzzer target for the inbound mail parser of email-reply-00:
 * reply_parse() on one message, then reply_digest_ok() on what it
 * accepts. DKIM is not run (it needs DNS); its input is what
 * reply_parse() leaves in r.msg, which the invariants below cover.
 *
 * Input: one RFC 5322 message, at most REPLY_MAX + 1 bytes, without a
 * terminating NUL.
 *
 * Beyond memory errors, the target aborts when an invariant breaks: a
 * result outside its enum; an accepted reply whose copy has a bare CR or
 * LF, no header/body split where r.body says, a From that is no
 * normalized mailbox, a token1 or response of the wrong length or
 * alphabet; a digest that compares equal to a wrong key authorization.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/sha.h>

#include "reply.h"

int	 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const char	 b64u[65] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnop"
    "qrstuvwxyz0123456789-_";

static const char	 token2[] = "AAAAAAAAAAAAAAAAAAAAAA";
static const char	 tp[] = "fuzzfuzzfuzzfuzzfuzzfuzzfuzzfuzzfuzzfuzzfuz";

/* base64url(SHA-256(token1 token2 "." tp)), computed apart. */
static const char *
expected(const struct reply *r)
{
	static char	 out[44];
	unsigned char	 md[32], in[128];
	unsigned int	 v;
	size_t		 n = 0, i, o = 0;

	memcpy(in, r->token1, 22);
	memcpy(in + 22, token2, 22);
	in[44] = '.';
	memcpy(in + 45, tp, 43);
	n = 88;
	SHA256(in, n, md);
	for (i = 0; i + 3 <= 32; i += 3) {
		v = md[i] << 16 | md[i + 1] << 8 | md[i + 2];
		out[o++] = b64u[v >> 18];
		out[o++] = b64u[v >> 12 & 63];
		out[o++] = b64u[v >> 6 & 63];
		out[o++] = b64u[v & 63];
	}
	v = md[30] << 16 | md[31] << 8;
	out[o++] = b64u[v >> 18];
	out[o++] = b64u[v >> 12 & 63];
	out[o++] = b64u[v >> 6 & 63];
	out[o] = '\0';
	return out;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct reply	 r;
	enum replyerr	 rc;
	uint8_t		*copy;
	size_t		 i;

	if (size > REPLY_MAX + 1)
		return 0;
	if ((copy = malloc(size ? size : 1)) == NULL)
		abort();
	memcpy(copy, data, size);
	rc = reply_parse(&r, copy, size);
	if (rc >= REPLY__MAX)
		abort();
	if (rc == REPLY_OK) {
		if (r.msg.len < r.body || r.body < 4 ||
		    memcmp(r.msg.s + r.body - 4, "\r\n\r\n", 4) != 0)
			abort();
		for (i = 0; i < r.msg.len; i++) {
			if (r.msg.s[i] == '\n' && (i == 0 ||
			    r.msg.s[i - 1] != '\r'))
				abort();
			if (r.msg.s[i] == '\r' && (i + 1 >= r.msg.len ||
			    r.msg.s[i + 1] != '\n'))
				abort();
		}
		if (strlen(r.token1) != 22 || strspn(r.token1, b64u) != 22 ||
		    strlen(r.response) != 43 ||
		    strspn(r.response, b64u) != 43)
			abort();
		if (strchr(r.from, '@') == NULL || strlen(r.from) >
		    MAILBOX_MAX || strpbrk(r.from, " <>\r\n\"") != NULL)
			abort();
		/* The comparison agrees with one done here. */
		if (reply_digest_ok(&r, token2, tp) != (strcmp(r.response,
		    expected(&r)) == 0))
			abort();
	}
	reply_free(&r);
	free(copy);
	return 0;
}
