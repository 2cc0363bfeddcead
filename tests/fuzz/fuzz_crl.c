/*
 * libFuzzer target for the CRL request the web side sends the signer:
 * crl_request_parse() on the bytes, crl_request_encode() on what it
 * accepts, crl_build() on the result; then the other way round, a
 * request made from the input's bytes encoded and decoded again.
 *
 * Input: the body of a SIGNER_CRL message, at most 64 KiB (the signer
 * takes up to SIGNER_CRL_MAX; the parser's work is linear in it, and
 * what a longer input adds is more of the same entries), passed without
 * a terminating NUL so that any read past its end is caught.
 *
 * Beyond memory errors, the target aborts when an invariant breaks: a
 * refusal without a reason or with entries left; an acceptance that
 * crl_check() refuses, with a serial that is not lower-case hex of two
 * digits a byte, or whose re-encoding is not the input byte for byte; a
 * CRL that crl_build() cannot build from an accepted request, or that
 * does not list each of its serials once; a request that
 * crl_request_encode() accepts and crl_request_decode() does not give
 * back; an error left in OpenSSL's queue.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "buf.h"
#include "crl.h"

#define FUZZ_MAX_INPUT	(64 * 1024)
/* 2026-01-01T00:00:00Z: the clock of the requests made from input. */
#define FUZZ_NOW	1767225600LL
/* Entries of a request made from input: 12 bytes each. */
#define MADE_MAX	64

int	 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static X509	*ca;

/* A CA certificate as crl_build() needs it: a name and a key id. */
static void
setup(void)
{
	EVP_PKEY	*k;
	X509V3_CTX	 c;
	X509_EXTENSION	*e;

	if ((k = EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-256")) == NULL ||
	    (ca = X509_new()) == NULL ||
	    !X509_set_version(ca, X509_VERSION_3) ||
	    !X509_NAME_add_entry_by_txt(X509_get_subject_name(ca), "CN",
	    MBSTRING_ASC, (const unsigned char *)"fuzz CA", -1, -1, 0) ||
	    !X509_set_issuer_name(ca, X509_get_subject_name(ca)) ||
	    X509_gmtime_adj(X509_getm_notBefore(ca), 0) == NULL ||
	    X509_gmtime_adj(X509_getm_notAfter(ca), 86400) == NULL ||
	    !X509_set_pubkey(ca, k))
		abort();
	X509V3_set_ctx_nodb(&c);
	X509V3_set_ctx(&c, ca, ca, NULL, NULL, 0);
	if ((e = X509V3_EXT_conf_nid(NULL, &c, NID_subject_key_identifier,
	    "hash")) == NULL || !X509_add_ext(ca, e, -1))
		abort();
	X509_EXTENSION_free(e);
	/* Signed, so that its extensions can be read back. */
	if (X509_sign(ca, k, EVP_sha256()) <= 0 ||
	    X509_get0_subject_key_id(ca) == NULL)
		abort();
	EVP_PKEY_free(k);
}

/* Lower-case hex, two digits a byte, at most 32 bytes, not zero. */
static void
check_serial(const char *s)
{
	size_t	 n = strlen(s), i;

	if (n == 0 || n % 2 || n > 2 * CRL_SERIAL_MAX || strcmp(s, "00") == 0)
		abort();
	for (i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' &&
		    s[i] <= 'f')))
			abort();
}

/* The CRL lists each serial of the request once. */
static void
check_built(long long num, long long thisu, long long nextu,
    const struct crl_entry *e, size_t n)
{
	X509_CRL		*crl;
	STACK_OF(X509_REVOKED)	*rev;
	X509_REVOKED		*r;
	BIGNUM			*bn;
	char			*hex;
	size_t			 i, j, found;

	if ((crl = crl_build(ca, num, thisu, nextu, e, n)) == NULL)
		abort();
	rev = X509_CRL_get_REVOKED(crl);
	if ((rev == NULL ? 0 : (size_t)sk_X509_REVOKED_num(rev)) != n)
		abort();
	/* Quadratic: only for small lists. */
	for (i = 0; n <= 64 && i < n; i++) {
		r = sk_X509_REVOKED_value(rev, (int)i);
		if ((bn = ASN1_INTEGER_to_BN(X509_REVOKED_get0_serialNumber(r),
		    NULL)) == NULL || (hex = BN_bn2hex(bn)) == NULL)
			abort();
		for (found = 0, j = 0; j < n; j++)
			if (!BN_is_zero(bn) &&
			    strcasecmp(hex + strspn(hex, "0"),
			    e[j].serial + strspn(e[j].serial, "0")) == 0)
				found++;
		if (found != 1)
			abort();
		OPENSSL_free(hex);
		BN_free(bn);
	}
	X509_CRL_free(crl);
}

/* Bytes to parse: decode, check, encode again, build. */
static void
from_bytes(const uint8_t *data, size_t size)
{
	struct crl_entry	*e = (struct crl_entry *)&e;
	struct buf		 again;
	const char		*why = NULL;
	long long		 num = 0, thisu = 0, nextu = 0;
	size_t			 n = 99, i;

	if (!crl_request_parse((const char *)data, size, &num, &thisu, &nextu,
	    &e, &n, &why)) {
		if (e != NULL || n != 0 || why == NULL || *why == '\0')
			abort();
		return;
	}
	if ((n == 0) != (e == NULL) || n > CRL_MAX_ENTRIES || why != NULL)
		abort();
	if (crl_check(num, thisu, nextu, e, n) != NULL)
		abort();
	for (i = 0; i < n; i++)
		check_serial(e[i].serial);
	buf_init(&again);
	if (!crl_request_encode(&again, num, thisu, nextu, e, n) ||
	    again.len != size || memcmp(again.s, data, size) != 0)
		abort();
	buf_free(&again);
	check_built(num, thisu, nextu, e, n);
	free(e);
}

static uint64_t
take(const uint8_t **p, size_t *left, size_t k)
{
	uint64_t	 v = 0;

	while (k-- > 0 && *left > 0) {
		v = v << 8 | **p;
		(*p)++;
		(*left)--;
	}
	return v;
}

/*
 * The same input as values: a request with times near FUZZ_NOW and up
 * to MADE_MAX entries, serials written with any leading zeros. When
 * crl_check() takes it, encoding must work and decoding give it back.
 */
static void
from_values(const uint8_t *p, size_t left)
{
	static const char	 hex[] = "0123456789abcdef";
	struct crl_entry	 made[MADE_MAX], *e = NULL;
	struct buf		 b;
	long long		 num, thisu, nextu, dn, dt, dp;
	size_t			 n, i, j, digits, dn_n;
	uint64_t		 v;

	num = (long long)(take(&p, &left, 2));
	thisu = FUZZ_NOW - (long long)take(&p, &left, 2) * 60;
	nextu = thisu + (long long)take(&p, &left, 3) * 10;
	n = (size_t)take(&p, &left, 1) % (MADE_MAX + 1);
	for (i = 0; i < n; i++) {
		digits = 1 + (size_t)take(&p, &left, 1) % 66;
		v = take(&p, &left, 8);
		for (j = 0; j < digits && j < 65; j++)
			made[i].serial[j] = hex[(v >> (4 * (j % 16))) & 0xf];
		made[i].serial[j < 65 ? j : 64] = '\0';
		made[i].revoked_at = thisu - (long long)take(&p, &left, 2);
		made[i].reason = (int)(take(&p, &left, 1) % 12);
	}
	if (crl_check(num, thisu, nextu, made, n) != NULL)
		return;
	buf_init(&b);
	if (!crl_request_encode(&b, num, thisu, nextu, made, n) ||
	    !crl_request_decode(b.s, b.len, &dn, &dt, &dp, &e, &dn_n) ||
	    dn != num || dt != thisu || dp != nextu || dn_n != n)
		abort();
	for (i = 0; i < n; i++)
		if (strcmp(e[i].serial + strspn(e[i].serial, "0"),
		    made[i].serial + strspn(made[i].serial, "0")) != 0 ||
		    e[i].revoked_at != made[i].revoked_at ||
		    e[i].reason != made[i].reason)
			abort();
	free(e);
	buf_free(&b);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > FUZZ_MAX_INPUT)
		return 0;
	if (ca == NULL)
		setup();
	from_bytes(data, size);
	from_values(data, size);
	if (ERR_peek_error() != 0)
		abort();
	return 0;
}
