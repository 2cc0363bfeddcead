/*
 * The agent's side of the card protocol (docs/card.md): the link
 * `smime-card:` + the server's URL of /activation/card/{code}, and the
 * requests made with it, over libcurl with the server's certificate
 * verified. Answers are the service's page documents (Accept:
 * application/xml), <page> with:
 *
 *	GET  {url}            <card purpose= order= key= expires=/>, <csrf>
 *	POST {url} csrf, csr  enroll: the CSR (PEM); <accepted>
 *	POST {url} csrf       install: <certificate><cert>PEM</cert>
 *	                      <ca>PEM</ca></certificate>
 *
 * A refusal is an HTTP 4xx with <refusal code="…">text</refusal>; the
 * code and text land in struct wire.
 *
 * Ownership: struct wire holds no allocation; wire_certificate() hands
 * the caller two X509s to free.
 */
#ifndef SMIME_WIRE_H
#define SMIME_WIRE_H

#include <stddef.h>

#include <openssl/x509.h>

#define WIRE_WHY	600

enum wirerc {
	WIRE_OK,	/* ok */
	WIRE_REFUSED,	/* refused: the server said no, and why */
	WIRE_NETWORK,	/* network: no answer */
	WIRE_PROTOCOL,	/* protocol: an answer we cannot read */
	WIRE__MAX
};

extern const char *const wirerc_names[WIRE__MAX];

struct wire {
	char		 url[1024];	/* the link without "smime-card:" */
	const char	*cafile;	/* extra trust anchors, or NULL */
	char		 csrf[128];	/* the form token of GET {url} */
	char		 refusal[32];	/* the server's refusal code */
	char		 why[WIRE_WHY];	/* the sentence for a person */
};

/* What GET {url} says. */
struct cardinfo {
	char	 purpose[16];	/* enroll or install */
	char	 order[64];	/* the order's number */
	char	 key[16];	/* rsa2048 … p384 */
	char	 expires[32];	/* ISO 8601 UTC */
};

int		 wire_init(struct wire *, const char *, const char *);
enum wirerc	 wire_info(struct wire *, struct cardinfo *);
enum wirerc	 wire_post_csr(struct wire *, const char *, char *, size_t);
enum wirerc	 wire_certificate(struct wire *, X509 **, X509 **);

#endif
