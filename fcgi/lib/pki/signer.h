/*
 * The signer: the only process that holds the CA key.
 *
 * The activation handler forks one per worker at start-up (the OpenBSD
 * acme-client model): the child opens the CA key and certificate, closes
 * every other descriptor, enters a seccomp filter that leaves it its
 * socket and memory, and answers requests on its end of a socketpair.
 * The web-facing process never sees the key; a bug there can ask for
 * signatures, but only of certificates the signer finds acceptable.
 *
 * Messages, both ways: one byte of type, four bytes of length (network
 * order), then that many bytes. Requests: SIGNER_CERT with a DER
 * certificate to re-sign (its TBS is kept, its signature replaced), at
 * most SIGNER_MAX bytes; SIGNER_CRL with a CRL request (crl.h), at most
 * SIGNER_CRL_MAX bytes. Answers: SIGNER_OK with the signed DER, or
 * SIGNER_REFUSED / SIGNER_ERROR with a reason in text; at most
 * SIGNER_MAX bytes, or SIGNER_CRL_MAX for an answer to SIGNER_CRL.
 */
#ifndef SMIME_SIGNER_H
#define SMIME_SIGNER_H

#include <stddef.h>
#include <sys/types.h>

#include <openssl/types.h>
#include <openssl/x509.h>

#define SIGNER_HEAD	5		/* type and length */
#define SIGNER_MAX	(64 * 1024)
/*
 * A CRL of CRL_MAX_ENTRIES entries takes about 42 MB as a request
 * (20-byte serials: 30 MB) and 53 MB as DER: both fit.
 */
#define SIGNER_CRL_MAX	(64 * 1024 * 1024)

enum signer_msg {
	SIGNER_CERT = 1,	/* request: sign this certificate */
	SIGNER_OK,		/* answer: the result */
	SIGNER_REFUSED,		/* answer: not a certificate we issue */
	SIGNER_ERROR,		/* answer: the signer failed */
	SIGNER_CRL,		/* request: build and sign this CRL */
	SIGNER__MAX
};

struct buf;

/*
 * A signer that dies (killed, or crashed on a request) is started again
 * by the next exchange, which is then retried once: at once after a
 * signer that served, then no sooner than 1, 2, 4 … 60 s after the last
 * attempt while it keeps failing, so a key that cannot be loaded does
 * not cost a fork per request. Each restart is logged.
 */
struct signer {
	int	 fd;	/* our end of the socketpair, -1 when not running */
	pid_t	 pid;
	char	 keyref[1024];	/* as given to signer_start() */
	char	 certpath[1024];
	int	 failures;	/* restarts since the last good exchange */
	long long next_start;	/* monotonic ms: no restart before */
	unsigned long restarts;	/* in the life of the process */
};

int	 signer_start(struct signer *, const char *, const char *);
X509	*signer_load_cert(const char *);
void	 signer_stop(struct signer *);
int	 signer_sign(struct signer *, const unsigned char *, size_t,
	    struct buf *, struct buf *);
int	 signer_sign_send(struct signer *, const unsigned char *, size_t);
int	 signer_sign_recv(struct signer *, int, const unsigned char *, size_t,
	    struct buf *, struct buf *);
int	 signer_sign_crl(struct signer *, const struct buf *, struct buf *,
	    struct buf *);
int	 signer_answer(int, const struct buf *, long long, X509 *,
	    EVP_PKEY *, const EVP_MD *, struct buf *);
int	 signer_msg_head(const unsigned char *, int *, size_t *, size_t,
	    size_t);
int	 signer_msg_read(int, int *, struct buf *);
int	 signer_msg_read_max(int, int *, struct buf *, size_t);
int	 signer_msg_write(int, int, const void *, size_t);
int	 signer_msg_write_max(int, int, const void *, size_t, size_t);

#endif
