/*
 * Certificate revocation lists: the request the web side sends the
 * signer, and the (unsigned) CRL the signer builds from it.
 *
 * S/MIME BR 4.9.7: a CRL at least every 7 days, its nextUpdate at most
 * 10 days after its thisUpdate. S/MIME BR 7.2.2: CRL number and
 * authorityKeyIdentifier; reasonCode never unspecified, and no
 * certificateHold (we issue strict certificates only).
 *
 * The request, on the wire (all integers big-endian, times signed):
 *
 *	1 byte		CRL_REQUEST_VERSION
 *	8 bytes		CRL number (>= 0)
 *	8 bytes		thisUpdate (unix time)
 *	8 bytes		nextUpdate (unix time)
 *	4 bytes		entry count (<= CRL_MAX_ENTRIES)
 *	per entry:
 *	1 byte		serial length L (1..32)
 *	L bytes		serial, unsigned, no leading zero byte
 *	8 bytes		revocation time (unix time)
 *	1 byte		reason code
 *
 * and nothing after the last entry.
 *
 * Ownership: crl_request_decode() allocates the entry array, which the
 * caller free()s; crl_build() returns an X509_CRL the caller frees with
 * X509_CRL_free().
 */
#ifndef SMIME_CRL_H
#define SMIME_CRL_H

#include <stddef.h>

#include <openssl/x509.h>

#define CRL_REQUEST_VERSION	1
#define CRL_MAX_ENTRIES		1000000
#define CRL_MAX_SPAN		(10LL * 86400)	/* BR 4.9.7 */
#define CRL_SERIAL_MAX		32		/* bytes; 64 hex digits */

struct buf;

struct crl_entry {
	char		 serial[65];	/* lower-case hex, no leading zeros */
	long long	 revoked_at;	/* unix time */
	int		 reason;	/* CRL_REASON_* of <openssl/x509v3.h> */
};

const char	*crl_check(long long, long long, long long,
		    const struct crl_entry *, size_t);
int		 crl_request_encode(struct buf *, long long, long long,
		    long long, const struct crl_entry *, size_t);
int		 crl_request_decode(const char *, size_t, long long *,
		    long long *, long long *, struct crl_entry **, size_t *);
int		 crl_request_parse(const char *, size_t, long long *,
		    long long *, long long *, struct crl_entry **, size_t *,
		    const char **);
X509_CRL	*crl_build(X509 *, long long, long long, long long,
		    const struct crl_entry *, size_t);
int		 crl_reason(const char *, int);
const char	*crl_reason_name(int);
int		 crl_entry_set(struct crl_entry *, const char *, long long,
		    const char *);
int		 crl_write_file(const char *, const char *, const void *, size_t);

#endif
