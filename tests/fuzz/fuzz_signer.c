/*
 * libFuzzer target for the signer's side of its socket: the framing it
 * reads from the web side (signer_msg_head()) and its answer to each
 * request (signer_answer()), exactly as the signer process runs them,
 * without the fork. The web side is the signer's attacker: whatever it
 * sends, the signer must only ever sign what it finds acceptable.
 *
 * Input: the bytes the web side writes on the socket, any number of
 * messages (one byte of type, four of length, the body), at most 64 KiB
 * in all. Decoding stops where the signer would stop reading: a header
 * it refuses or a short body. The CA is a fixed test key and certificate
 * (below) so that seeds can hold certificates it accepts, and the
 * signer's clock is FUZZ_NOW so that seeds can hold CRL requests it
 * accepts.
 *
 * Beyond memory errors, the target aborts when an invariant breaks: an
 * answer type other than SIGNER_OK, SIGNER_REFUSED or SIGNER_ERROR; a
 * refusal or error without a printable one-line reason; an answer over
 * its limit on the wire; a signed certificate that is not the request's
 * TBS under a valid CA signature, or that acceptable() would refuse
 * (issued by another CA, a CA, no e-mail protection, over 825 days);
 * a CRL that does not verify under the CA key or does not list exactly
 * the request's entries; an answer that does not survive
 * signer_msg_write_max() and signer_msg_read_max() unchanged; an error
 * left in OpenSSL's queue.
 */
#include "config.h"

#include <sys/socket.h>

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "buf.h"
#include "crl.h"
#include "profile.h"
#include "signer.h"

#define FUZZ_MAX_INPUT	(64 * 1024)
/* 2026-01-01T00:00:00Z: the signer's clock for CRL requests. */
#define FUZZ_NOW	1767225600LL

int	 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* A throwaway P-256 CA, for this target only. */
static const char	 ca_key_pem[] =
	"-----BEGIN PRIVATE KEY-----\n"
	"MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgKtuYl0w3QjuQtpJx\n"
	"ApSQQnBPmHktQ7WI5FyKnv49Y4ShRANCAARqjWi+cCgEXW0djlWOmAhn8KE1NZm9\n"
	"/N8ajXZGq2sEGFz33KhCSJ5uTx4Vrzkj+jFVjx+0dLky3JAcN3562LNQ\n"
	"-----END PRIVATE KEY-----\n";
static const char	 ca_cert_pem[] =
	"-----BEGIN CERTIFICATE-----\n"
	"MIIBujCCAWCgAwIBAgIBATAKBggqhkjOPQQDAjBDMR4wHAYDVQQKDBVzbWltZS1h\n"
	"Y3RpdmF0aW9uIGZ1enoxITAfBgNVBAMMGHNtaW1lLWFjdGl2YXRpb24gRnV6eiBD\n"
	"QTAeFw0yNjEyMDQxNjU5NDhaFw00NjExMjkxNjU5NDhaMEMxHjAcBgNVBAoMFXNt\n"
	"aW1lLWFjdGl2YXRpb24gZnV6ejEhMB8GA1UEAwwYc21pbWUtYWN0aXZhdGlvbiBG\n"
	"dXp6IENBMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEao1ovnAoBF1tHY5VjpgI\n"
	"Z/ChNTWZvfzfGo12RqtrBBhc99yoQkiebk8eFa85I/oxVY8ftHS5MtyQHDd+etiz\n"
	"UKNFMEMwEgYDVR0TAQH/BAgwBgEB/wIBADAOBgNVHQ8BAf8EBAMCAQYwHQYDVR0O\n"
	"BBYEFP1beb3b5xpnZz4+kA9E4C+MrF00MAoGCCqGSM49BAMCA0gAMEUCIAiuqVZB\n"
	"pKYqbpeIZ+a1TjKREkPY2uplmI/Ei24bATPaAiEA1cG8NCuqhbYjwez2TCaXEHo3\n"
	"8szmnIfpnd4ZeXcsKj8=\n"
	"-----END CERTIFICATE-----\n";

static X509		*ca;
static EVP_PKEY		*key;
static const EVP_MD	*md;
static int		 pair[2] = { -1, -1 };

static void
setup(void)
{
	BIO	*b;

	if ((b = BIO_new_mem_buf(ca_key_pem, -1)) == NULL ||
	    (key = PEM_read_bio_PrivateKey(b, NULL, NULL, NULL)) == NULL)
		abort();
	BIO_free(b);
	if ((b = BIO_new_mem_buf(ca_cert_pem, -1)) == NULL ||
	    (ca = PEM_read_bio_X509(b, NULL, NULL, NULL)) == NULL)
		abort();
	BIO_free(b);
	if (X509_check_private_key(ca, key) != 1)
		abort();
	md = profile_md(key);
	if (socketpair(AF_UNIX, SOCK_STREAM, 0, pair) == -1)
		abort();
}

/* A reason: one line of printable ASCII, not empty. */
static void
check_reason(const struct buf *why)
{
	size_t	 i;

	if (why->len == 0 || why->len > 200)
		abort();
	for (i = 0; i < why->len; i++)
		if (why->s[i] < 0x20 || why->s[i] > 0x7e)
			abort();
}

/* A signed certificate: the request's TBS, the CA's signature. */
static void
check_cert(const struct buf *in, const struct buf *out)
{
	const unsigned char	*p;
	X509			*req, *got;
	int			 days, secs;

	p = (const unsigned char *)in->s;
	if ((req = d2i_X509(NULL, &p, (long)in->len)) == NULL)
		abort();
	p = (const unsigned char *)out->s;
	if ((got = d2i_X509(NULL, &p, (long)out->len)) == NULL ||
	    p != (const unsigned char *)out->s + out->len)
		abort();
	if (X509_verify(got, key) != 1)
		abort();
	/* Only the signature changes (its algorithm may, in the TBS too). */
	if (X509_NAME_cmp(X509_get_subject_name(req),
	    X509_get_subject_name(got)) != 0 ||
	    ASN1_INTEGER_cmp(X509_get0_serialNumber(req),
	    X509_get0_serialNumber(got)) != 0 ||
	    X509_NAME_cmp(X509_get_issuer_name(got),
	    X509_get_subject_name(ca)) != 0 ||
	    ASN1_TIME_compare(X509_get0_notBefore(req),
	    X509_get0_notBefore(got)) != 0 ||
	    ASN1_TIME_compare(X509_get0_notAfter(req),
	    X509_get0_notAfter(got)) != 0 ||
	    X509_get_ext_count(req) != X509_get_ext_count(got))
		abort();
	/* What the signer must have refused otherwise. */
	if (X509_check_ca(got) != 0 ||
	    (X509_get_extended_key_usage(got) & XKU_SMIME) == 0 ||
	    !ASN1_TIME_diff(&days, &secs, X509_get0_notBefore(got),
	    X509_get0_notAfter(got)) || days < 0 || days > 825 ||
	    (days == 825 && secs > 0))
		abort();
	X509_free(req);
	X509_free(got);
}

/* A signed CRL: valid under the CA key, the request's entries exactly. */
static void
check_crl(const struct buf *in, const struct buf *out)
{
	const unsigned char	*p = (const unsigned char *)out->s;
	X509_CRL		*crl;
	STACK_OF(X509_REVOKED)	*rev;
	struct crl_entry	*e = NULL;
	long long		 num, thisu, nextu;
	size_t			 n;

	if (!crl_request_decode(in->s, in->len, &num, &thisu, &nextu, &e, &n))
		abort();
	if ((crl = d2i_X509_CRL(NULL, &p, (long)out->len)) == NULL ||
	    p != (const unsigned char *)out->s + out->len)
		abort();
	if (X509_CRL_verify(crl, key) != 1 ||
	    X509_NAME_cmp(X509_CRL_get_issuer(crl),
	    X509_get_subject_name(ca)) != 0)
		abort();
	rev = X509_CRL_get_REVOKED(crl);
	if ((rev == NULL ? 0 : (size_t)sk_X509_REVOKED_num(rev)) != n)
		abort();
	X509_CRL_free(crl);
	free(e);
}

/*
 * The answer through the real framing: written by
 * signer_msg_write_max() and read back by signer_msg_read_max(), it
 * must come back unchanged. Small answers only: the socket's buffer
 * must hold it, nobody reads concurrently.
 */
static void
check_wire(int atype, const struct buf *out)
{
	struct buf	 back;
	int		 type = 0;

	if (out->len > 32 * 1024)
		return;
	buf_init(&back);
	if (!signer_msg_write_max(pair[0], atype, out->s, out->len,
	    SIGNER_CRL_MAX) ||
	    !signer_msg_read_max(pair[1], &type, &back, SIGNER_CRL_MAX) ||
	    type != atype || back.len != out->len ||
	    memcmp(back.s, out->s, out->len) != 0)
		abort();
	buf_free(&back);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf	 in, out;
	size_t		 off = 0, len;
	int		 type, atype;

	if (size > FUZZ_MAX_INPUT)
		return 0;
	if (ca == NULL)
		setup();
	buf_init(&in);
	buf_init(&out);
	while (size - off >= SIGNER_HEAD) {
		if (!signer_msg_head(data + off, &type, &len, SIGNER_MAX,
		    SIGNER_CRL_MAX))
			break;
		if (type <= 0 || type >= SIGNER__MAX ||
		    len > (type == SIGNER_CRL ? SIGNER_CRL_MAX : SIGNER_MAX))
			abort();
		off += SIGNER_HEAD;
		if (len > size - off)
			break;
		buf_reset(&in);
		if (!buf_add(&in, data + off, len))
			abort();
		off += len;
		atype = signer_answer(type, &in, FUZZ_NOW, ca, key, md, &out);
		if (ERR_peek_error() != 0) {
			ERR_print_errors_fp(stderr);
			abort();
		}
		switch (atype) {
		case SIGNER_OK:
			if (type == SIGNER_CERT)
				check_cert(&in, &out);
			else if (type == SIGNER_CRL)
				check_crl(&in, &out);
			else
				abort();
			break;
		case SIGNER_REFUSED:
		case SIGNER_ERROR:
			check_reason(&out);
			break;
		default:
			abort();
		}
		if (out.len > (type == SIGNER_CRL ? SIGNER_CRL_MAX :
		    SIGNER_MAX))
			abort();
		check_wire(atype, &out);
	}
	buf_free(&in);
	buf_free(&out);
	return 0;
}
