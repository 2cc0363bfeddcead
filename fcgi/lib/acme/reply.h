/*
 * The client's reply to an email-reply-00 challenge (RFC 8823 section
 * 3), as the MTA hands it over: one RFC 5322 message.
 *
 * reply_parse() is bounded and strict: at most REPLY_MAX bytes, header
 * lines of at most 998 octets (RFC 5322 2.1.1), exactly one From field
 * naming one mailbox and exactly one Subject holding "ACME: " and
 * token-part1; in the body, the response between the lines
 * "-----BEGIN ACME RESPONSE-----" and "-----END ACME RESPONSE-----".
 * Anything else is refused, never guessed at.
 *
 * reply_dkim() checks the reply's DKIM signatures with OpenDKIM (RFC
 * 6376), the key records looked up through dnstxt (the CAA check's
 * resolver settings): it passes only when a signature verifies whose
 * d= is the From address's domain or a parent of it (RFC 8823 section
 * 3 requires the reply to be authenticated; DMARC's relaxed alignment
 * says which signer speaks for the address).
 *
 * reply_digest_ok() compares the response with base64url(SHA-256(key
 * authorization)) in constant time.
 *
 * Ownership: a struct reply owns its copy of the message.
 */
#ifndef SMIME_REPLY_H
#define SMIME_REPLY_H

#include <stddef.h>

#include "buf.h"
#include "mailbox.h"

#define REPLY_MAX	(256 * 1024)	/* bytes of a reply */

enum replyerr {
	REPLY_OK,		/* parsed */
	REPLY_TOOBIG,		/* over REPLY_MAX, or a line over 998 */
	REPLY_MALFORMED,	/* no header/body split, a bad header */
	REPLY_FROM,		/* not exactly one From with one mailbox */
	REPLY_SUBJECT,		/* not exactly one Subject with the token */
	REPLY_RESPONSE,		/* no response block */
	REPLY_NOMEM,		/* ours */
	REPLY__MAX
};

enum reply_dkim {
	RDKIM_PASS,		/* a valid signature of the From domain */
	RDKIM_NONE,		/* no signature */
	RDKIM_FAIL,		/* signatures, none valid and aligned */
	RDKIM_TEMPFAIL,		/* a key could not be looked up */
	RDKIM__MAX
};

extern const char *const replyerr_names[REPLY__MAX];
extern const char *const reply_dkim_names[RDKIM__MAX];

struct reply {
	struct buf	 msg;		/* the message, CRLF line ends */
	size_t		 body;		/* offset of the body in msg */
	char		 from[MAILBOX_MAX + 1];	/* normalized */
	char		 token1[23];
	char		 response[44];
	char		 sha256[65];	/* hex, of the bytes as received */
};

enum replyerr	 reply_parse(struct reply *, const void *, size_t);
void		 reply_free(struct reply *);
enum reply_dkim	 reply_dkim(const struct reply *, const char *, char *,
		    size_t);
int		 reply_digest_ok(const struct reply *, const char *,
		    const char *);

#endif
