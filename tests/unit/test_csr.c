/*
 * Unit tests of csr.c: every fixture of fixtures/csr/manifest.tsv with
 * the error its verdict and reason call for, then requests and keys
 * made here with OpenSSL: each rule, each encoding, each wrong object,
 * the limits and the weak key lists.
 *
 * SMIME_TEST_FIXTURES names the fixtures folder (make check sets it to
 * tests/data/fixtures, which the tarball carries); the weak key lists
 * come from its weak-keys/. Without the folder the program fails.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "csr.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

/*
 * The fixture table: every file of the manifest with the error it must
 * give. An accepted file gives CSR_OK from csr_parse() and
 * csr_check_key(); a refused one the error named, from whichever of
 * the two finds it. A manifest line missing here fails the test.
 */
static const struct {
	const char	*file;
	enum csrerr	 want;
} fixtures[] = {
	{ "format-crlf.pem", CSR_OK },
	{ "format-der-rsa.der", CSR_OK },
	{ "format-new-header-crlf.pem", CSR_OK },
	{ "format-single-line-body.pem", CSR_OK },
	{ "format-text-preamble.pem", CSR_OK },
	{ "format-whitespace-outer.pem", CSR_OK },
	{ "format-whitespace.pem", CSR_OK },
	{ "gnutls-ec-p256.pem", CSR_OK },
	{ "gnutls-ec-p384.pem", CSR_OK },
	{ "gnutls-rsa2048.pem", CSR_OK },
	{ "openssl-ec-p-256.pem", CSR_OK },
	{ "openssl-ec-p-384.pem", CSR_OK },
	{ "openssl-rsa2048-psssig.pem", CSR_OK },
	{ "openssl-rsa2048.pem", CSR_OK },
	{ "openssl-rsa3072.pem", CSR_OK },
	{ "openssl-rsa4096.pem", CSR_OK },
	{ "pyca-ec-p384.pem", CSR_OK },
	{ "pyca-rsa2048.pem", CSR_OK },
	{ "altered-body-rsa.pem", CSR_SIGNATURE },
	{ "certificate-not-csr.pem", CSR_NOT_CSR_CERTIFICATE },
	{ "debianweak-rsa2048.pem", CSR_WEAK_DEBIAN },
	{ "empty.pem", CSR_EMPTY },
	{ "garbage-base64.pem", CSR_ENCODING },
	{ "gnutls-dsa2048.pem", CSR_KEY_TYPE },
	{ "gnutls-rsa1024.pem", CSR_RSA_SIZE },
	{ "openssl-rsa1024.pem", CSR_RSA_SIZE },
	{ "openssl-rsa2047.pem", CSR_RSA_SIZE },
	{ "openssl-rsa2048-e3.pem", CSR_RSA_EXPONENT },
	{ "openssl-rsapss-key.pem", CSR_KEY_TYPE },
	{ "pkcs7-certs-der.p7b", CSR_NOT_CSR_PKCS7 },
	{ "pkcs7-certs.p7b", CSR_NOT_CSR_PKCS7 },
	{ "random-64k.bin", CSR_NOT_CSR },
	{ "rsa2048-e1.pem", CSR_RSA_EXPONENT },
	{ "subject-64k.pem", CSR_TOOBIG },
	{ "truncated.der", CSR_ENCODING },
	{ "truncated.pem", CSR_ENCODING },
	{ "whitespace-only.pem", CSR_EMPTY },
	/* On the SPKI list (the RSA list is for RSA keys only). */
	{ "debianweak-ec-p256.pem", CSR_KEY_BLOCKED },
	{ "fermat-badkeys.pem", CSR_WEAK_FERMAT },
	/* 2049 bits: the size rule comes first; see test_roca_fixture. */
	{ "roca-crocs-muni-csr05.pem", CSR_RSA_MOD8 },
};

static struct blocklist	*bl;	/* fixtures/weak-keys */

static const char *
fixtures_dir(void)
{
	const char	*d = getenv("SMIME_TEST_FIXTURES");

	return d != NULL && *d != '\0' ? d : "tests/data/fixtures";
}

/* The bytes of a file, in a buffer of exactly that size. */
static char *
slurp(const char *path, size_t *len)
{
	FILE	*f;
	char	*p;
	long	 n;

	if ((f = fopen(path, "rb")) == NULL)
		fail_msg("%s: cannot open", path);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	assert_true(n >= 0);
	rewind(f);
	assert_non_null(p = malloc(n > 0 ? (size_t)n : 1));
	assert_int_equal(fread(p, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	*len = (size_t)n;
	return p;
}

/* csr_parse() then, on success, csr_check_key(): the whole verdict. */
static enum csrerr
verdict(const char *in, size_t len, const struct blocklist *list,
    int *pk)
{
	struct csr	 c;
	enum csrerr	 e;
	int		 seen;

	e = csr_parse(in, len, &c, &seen);
	if (pk != NULL)
		*pk = seen;
	if (e == CSR_OK) {
		assert_non_null(c.req);
		assert_non_null(c.der);
		assert_true(c.derlen > 0 && c.derlen <= len);
		e = csr_check_key(&c, list);
	} else {
		assert_null(c.req);
		assert_null(c.der);
	}
	csr_free(&c);
	/* Nothing of this request is left for the next one's log. */
	assert_int_equal(ERR_peek_error(), 0);
	return e;
}

static void
sha256_hex(const void *p, size_t n, char hex[65])
{
	unsigned char	 md[32];
	size_t		 i;

	assert_true(EVP_Digest(p, n, md, NULL, EVP_sha256(), NULL));
	for (i = 0; i < 32; i++)
		snprintf(hex + 2 * i, 3, "%02x", md[i]);
}

static int
setup(void **state)
{
	char	 path[4096];

	snprintf(path, sizeof(path), "%s/weak-keys", fixtures_dir());
	if ((bl = blocklist_load(path)) == NULL)
		return -1;
	return 0;
}

static int
teardown(void **state)
{
	blocklist_free(bl);
	bl = NULL;
	return 0;
}

static void
test_fixtures(void **state)
{
	char		 path[4096], line[2048], hex[65];
	char		*f[10], *s, *buf;
	FILE		*m;
	size_t		 i, n, len, seen = 0;
	enum csrerr	 e;
	int		 bad = 0;

	snprintf(path, sizeof(path), "%s/csr/manifest.tsv", fixtures_dir());
	if ((m = fopen(path, "r")) == NULL)
		fail_msg("%s: cannot open", path);
	assert_non_null(fgets(line, sizeof(line), m));	/* header */
	while (fgets(line, sizeof(line), m) != NULL) {
		line[strcspn(line, "\r\n")] = '\0';
		if (line[0] == '\0')
			continue;
		for (n = 0, s = line; n < NELEM(f); n++) {
			f[n] = s;
			if ((s = strchr(s, '\t')) == NULL) {
				n++;
				break;
			}
			*s++ = '\0';
		}
		assert_int_equal(n, NELEM(f));
		for (i = 0; i < NELEM(fixtures); i++)
			if (strcmp(fixtures[i].file, f[0]) == 0)
				break;
		if (i == NELEM(fixtures))
			fail_msg("%s: in the manifest, not in the table", f[0]);
		/* The verdict of the manifest and of the table agree. */
		assert_int_equal(strcmp(f[5], "accept") == 0,
		    fixtures[i].want == CSR_OK);
		snprintf(path, sizeof(path), "%s/csr/%s", fixtures_dir(),
		    f[0]);
		buf = slurp(path, &len);
		assert_int_equal(len, strtoul(f[8], NULL, 10));
		sha256_hex(buf, len, hex);
		assert_string_equal(hex, f[9]);
		e = verdict(buf, len, bl, NULL);
		if (e != fixtures[i].want) {
			print_error("%s: %s, want %s (%s)\n", f[0],
			    csrerr_names[e], csrerr_names[fixtures[i].want],
			    f[7]);
			bad++;
		}
		free(buf);
		seen++;
	}
	fclose(m);
	assert_int_equal(seen, NELEM(fixtures));
	assert_int_equal(bad, 0);
}

/* The third-party copies in weak-keys/ give what their twins give. */
static void
test_weak_key_copies(void **state)
{
	static const struct {
		const char	*file;
		enum csrerr	 want;
	} v[] = {
		{ "fermat-badkeys.csr.pem", CSR_WEAK_FERMAT },
		{ "roca-crocs-muni-csr05.pem", CSR_RSA_MOD8 },
	};
	char	 path[4096], *buf;
	size_t	 i, len;

	for (i = 0; i < NELEM(v); i++) {
		snprintf(path, sizeof(path), "%s/weak-keys/%s",
		    fixtures_dir(), v[i].file);
		buf = slurp(path, &len);
		assert_int_equal(verdict(buf, len, bl, NULL), v[i].want);
		free(buf);
	}
}

/* What the accepted fixtures' keys are described as. */
static void
test_fixture_keys(void **state)
{
	static const struct {
		const char	*file;
		int		 type;
		int		 bits;
		const char	*curve;
		const char	*desc;
	} v[] = {
		{ "openssl-rsa2048.pem", EVP_PKEY_RSA, 2048, "", "RSA 2048" },
		{ "format-der-rsa.der", EVP_PKEY_RSA, 3072, "", "RSA 3072" },
		{ "openssl-ec-p-256.pem", EVP_PKEY_EC, 256, "P-256",
		  "EC P-256" },
		{ "pyca-ec-p384.pem", EVP_PKEY_EC, 384, "P-384", "EC P-384" },
	};
	struct csr	 c;
	char		 path[4096], *buf;
	unsigned char	*der = NULL;
	unsigned char	 md[32];
	size_t		 i, len;
	int		 pk, n;

	for (i = 0; i < NELEM(v); i++) {
		snprintf(path, sizeof(path), "%s/csr/%s", fixtures_dir(),
		    v[i].file);
		buf = slurp(path, &len);
		assert_int_equal(csr_parse(buf, len, &c, &pk), CSR_OK);
		assert_int_equal(pk, 0);
		assert_int_equal(c.key.type, v[i].type);
		assert_int_equal(c.key.bits, v[i].bits);
		assert_string_equal(c.key.curve, v[i].curve);
		assert_string_equal(c.key.desc, v[i].desc);
		assert_int_equal(c.key.signing_only, 0);
		der = NULL;
		n = i2d_PUBKEY(X509_REQ_get0_pubkey(c.req), &der);
		assert_true(n > 0);
		assert_true(EVP_Digest(der, (size_t)n, md, NULL,
		    EVP_sha256(), NULL));
		assert_memory_equal(md, c.key.spki_sha256, 32);
		OPENSSL_free(der);
		csr_free(&c);
		free(buf);
	}
}

/* ---- requests made here ---- */

static EVP_PKEY *
keygen(const char *alg, const char *group, int rsabits, unsigned long e)
{
	EVP_PKEY_CTX	*ctx;
	EVP_PKEY	*k = NULL;
	BIGNUM		*be;

	assert_non_null(ctx = EVP_PKEY_CTX_new_from_name(NULL, alg, NULL));
	assert_int_equal(EVP_PKEY_keygen_init(ctx), 1);
	if (rsabits > 0) {
		assert_int_equal(EVP_PKEY_CTX_set_rsa_keygen_bits(ctx,
		    rsabits), 1);
		assert_non_null(be = BN_new());
		assert_true(BN_set_word(be, e));
		assert_int_equal(EVP_PKEY_CTX_set1_rsa_keygen_pubexp(ctx,
		    be), 1);
		BN_free(be);
	}
	if (group != NULL)
		assert_int_equal(EVP_PKEY_CTX_set_group_name(ctx, group), 1);
	assert_int_equal(EVP_PKEY_keygen(ctx, &k), 1);
	EVP_PKEY_CTX_free(ctx);
	return k;
}

/* A request for key, signed by signer (key itself when NULL). */
static X509_REQ *
make_req(EVP_PKEY *key, EVP_PKEY *signer)
{
	X509_REQ	*req;
	X509_NAME	*name;
	const EVP_MD	*md = EVP_sha256();

	if (signer == NULL)
		signer = key;
	if (EVP_PKEY_get_base_id(signer) == EVP_PKEY_ED25519 ||
	    EVP_PKEY_get_base_id(signer) == EVP_PKEY_ED448)
		md = NULL;
	assert_non_null(req = X509_REQ_new());
	assert_non_null(name = X509_REQ_get_subject_name(req));
	assert_true(X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
	    (const unsigned char *)"alice@example.com", -1, -1, 0));
	assert_true(X509_REQ_set_pubkey(req, key));
	assert_true(X509_REQ_sign(req, signer, md) > 0);
	return req;
}

/* The request as PEM text, NUL-terminated; the caller frees it. */
static char *
req_pem(X509_REQ *req, size_t *len)
{
	BIO	*b;
	char	*p, *s;
	long	 n;

	assert_non_null(b = BIO_new(BIO_s_mem()));
	assert_true(PEM_write_bio_X509_REQ(b, req));
	n = BIO_get_mem_data(b, &p);
	assert_non_null(s = malloc((size_t)n + 1));
	memcpy(s, p, (size_t)n);
	s[n] = '\0';
	BIO_free(b);
	*len = (size_t)n;
	return s;
}

static unsigned char *
req_der(X509_REQ *req, size_t *len)
{
	unsigned char	*der = NULL, *copy;
	int		 n;

	assert_true((n = i2d_X509_REQ(req, &der)) > 0);
	assert_non_null(copy = malloc((size_t)n));
	memcpy(copy, der, (size_t)n);
	OPENSSL_free(der);
	*len = (size_t)n;
	return copy;
}

/* A key's verdict, through a signed request in PEM and in DER. */
static enum csrerr
key_verdict(EVP_PKEY *key, EVP_PKEY *signer)
{
	X509_REQ	*req;
	char		*pem;
	unsigned char	*der;
	size_t		 len, dlen;
	enum csrerr	 e;

	req = make_req(key, signer);
	pem = req_pem(req, &len);
	der = req_der(req, &dlen);
	e = verdict(pem, len, bl, NULL);
	assert_int_equal(verdict((char *)der, dlen, bl, NULL), e);
	free(pem);
	free(der);
	X509_REQ_free(req);
	return e;
}

static void
test_generated_rsa(void **state)
{
	EVP_PKEY	*k;
	X509_REQ	*req;
	struct csr	 c;
	char		*pem;
	unsigned char	*der;
	size_t		 len, dlen;
	int		 pk;

	k = keygen("RSA", NULL, 2048, 65537);
	req = make_req(k, NULL);
	pem = req_pem(req, &len);
	der = req_der(req, &dlen);
	assert_int_equal(csr_parse(pem, len, &c, &pk), CSR_OK);
	assert_int_equal(pk, 0);
	/* The DER kept is the request's, byte for byte. */
	assert_int_equal(c.derlen, dlen);
	assert_memory_equal(c.der, der, dlen);
	assert_string_equal(c.key.desc, "RSA 2048");
	assert_int_equal(c.key.type, EVP_PKEY_RSA);
	assert_int_equal(csr_check_key(&c, bl), CSR_OK);
	assert_int_equal(csr_check_key(&c, NULL), CSR_OK);
	csr_free(&c);
	csr_free(&c);	/* twice is harmless */
	free(pem);
	free(der);
	X509_REQ_free(req);
	EVP_PKEY_free(k);

	k = keygen("RSA", NULL, 2048, 3);
	assert_int_equal(key_verdict(k, NULL), CSR_RSA_EXPONENT);
	EVP_PKEY_free(k);
	/* 2^16 - 1: odd, but below the product's floor of 2^16 + 1. */
	k = keygen("RSA", NULL, 2048, 65535);
	assert_int_equal(key_verdict(k, NULL), CSR_RSA_EXPONENT);
	EVP_PKEY_free(k);
	k = keygen("RSA", NULL, 2056, 65537);
	assert_int_equal(key_verdict(k, NULL), CSR_OK);
	EVP_PKEY_free(k);
	k = keygen("RSA", NULL, 2052, 65537);
	assert_int_equal(key_verdict(k, NULL), CSR_RSA_MOD8);
	EVP_PKEY_free(k);
	/* An RSASSA-PSS key (not a PSS signature): refused. */
	k = keygen("RSA-PSS", NULL, 2048, 65537);
	assert_int_equal(key_verdict(k, NULL), CSR_KEY_TYPE);
	EVP_PKEY_free(k);
}

/* An EC key with its curve spelled out rather than named. */
static EVP_PKEY *
keygen_explicit(const char *group)
{
	EVP_PKEY_CTX	*ctx;
	EVP_PKEY	*k = NULL;
	OSSL_PARAM	 p[3];

	assert_non_null(ctx = EVP_PKEY_CTX_new_from_name(NULL, "EC", NULL));
	assert_int_equal(EVP_PKEY_keygen_init(ctx), 1);
	p[0] = OSSL_PARAM_construct_utf8_string(OSSL_PKEY_PARAM_GROUP_NAME,
	    (char *)group, 0);
	p[1] = OSSL_PARAM_construct_utf8_string(OSSL_PKEY_PARAM_EC_ENCODING,
	    (char *)OSSL_PKEY_EC_ENCODING_EXPLICIT, 0);
	p[2] = OSSL_PARAM_construct_end();
	assert_int_equal(EVP_PKEY_CTX_set_params(ctx, p), 1);
	assert_int_equal(EVP_PKEY_keygen(ctx, &k), 1);
	EVP_PKEY_CTX_free(ctx);
	return k;
}

static void
test_generated_ec(void **state)
{
	static const struct {
		const char	*group;
		enum csrerr	 want;
		const char	*desc;
	} v[] = {
		{ "P-256", CSR_OK, "EC P-256" },
		{ "P-384", CSR_OK, "EC P-384" },
		{ "P-521", CSR_OK, "EC P-521" },
		{ "P-224", CSR_EC_CURVE, "EC P-224" },
		{ "secp256k1", CSR_EC_CURVE, "EC secp256k1" },
		{ "brainpoolP256r1", CSR_EC_CURVE, "EC brainpoolP256r1" },
	};
	EVP_PKEY	*k;
	X509_REQ	*req;
	struct csr	 c;
	char		*pem;
	size_t		 i, len;
	int		 pk;

	for (i = 0; i < NELEM(v); i++) {
		k = keygen("EC", v[i].group, 0, 0);
		assert_int_equal(key_verdict(k, NULL), v[i].want);
		req = make_req(k, NULL);
		pem = req_pem(req, &len);
		assert_int_equal(csr_parse(pem, len, &c, &pk), CSR_OK);
		assert_string_equal(c.key.desc, v[i].desc);
		assert_int_equal(c.key.signing_only, 0);
		csr_free(&c);
		free(pem);
		X509_REQ_free(req);
		EVP_PKEY_free(k);
	}
	k = keygen_explicit("P-256");
	assert_int_equal(key_verdict(k, NULL), CSR_EC_EXPLICIT);
	EVP_PKEY_free(k);
}

/*
 * A P-256 request whose point is moved off the curve: its last
 * coordinate byte changed. OpenSSL will not decode such a key, so the
 * request can be refused only as CSR_EC_POINT, before any signature.
 */
static void
test_ec_point_off_curve(void **state)
{
	EVP_PKEY	*k;
	X509_REQ	*req;
	unsigned char	*der, *p;
	size_t		 dlen, i;
	int		 found = 0;

	k = keygen("EC", "P-256", 0, 0);
	req = make_req(k, NULL);
	der = req_der(req, &dlen);
	/* The BIT STRING of 66 bytes: 03 42 00 04 X(32) Y(32). */
	for (i = 0; i + 68 <= dlen; i++)
		if (der[i] == 0x03 && der[i + 1] == 0x42 &&
		    der[i + 2] == 0x00 && der[i + 3] == 0x04) {
			p = der + i + 4 + 63;
			*p ^= 0x01;
			found = 1;
			break;
		}
	assert_true(found);
	assert_int_equal(verdict((char *)der, dlen, bl, NULL), CSR_EC_POINT);
	free(der);
	X509_REQ_free(req);
	EVP_PKEY_free(k);
}

/*
 * A request whose SubjectPublicKeyInfo is id-ecPublicKey with the given
 * parameters (ptype, curve) and point, signed with another P-256 key:
 * the encodings no library makes on its own.
 */
static enum csrerr
forged_ec_verdict(int ptype, ASN1_OBJECT *curve, const unsigned char *pt,
    size_t ptlen)
{
	EVP_PKEY	*k;
	X509_REQ	*req;
	unsigned char	*penc, *der;
	size_t		 dlen;
	enum csrerr	 e;

	k = keygen("EC", "P-256", 0, 0);
	assert_non_null(req = X509_REQ_new());
	assert_true(X509_REQ_set_pubkey(req, k));
	assert_non_null(penc = OPENSSL_malloc(ptlen));
	memcpy(penc, pt, ptlen);
	assert_true(X509_PUBKEY_set0_param(X509_REQ_get_X509_PUBKEY(req),
	    OBJ_nid2obj(NID_X9_62_id_ecPublicKey), ptype, curve, penc,
	    (int)ptlen));
	assert_true(X509_REQ_sign(req, k, EVP_sha256()) > 0);
	der = req_der(req, &dlen);
	e = verdict((char *)der, dlen, bl, NULL);
	free(der);
	X509_REQ_free(req);
	EVP_PKEY_free(k);
	return e;
}

static void
test_ec_encodings(void **state)
{
	static const unsigned char	 infinity[] = { 0x00 };
	EVP_PKEY			*k;
	unsigned char			 pt[200];
	size_t				 ptlen;

	k = keygen("EC", "P-256", 0, 0);
	assert_true(EVP_PKEY_get_octet_string_param(k,
	    OSSL_PKEY_PARAM_PUB_KEY, pt, sizeof(pt), &ptlen));
	/* The genuine encoding, as a baseline: only the signature fails. */
	assert_int_equal(forged_ec_verdict(V_ASN1_OBJECT,
	    OBJ_nid2obj(NID_X9_62_prime256v1), pt, ptlen), CSR_SIGNATURE);
	/* SP 800-56A 5.6.2.3.3 step 1: not the point at infinity. */
	assert_int_equal(forged_ec_verdict(V_ASN1_OBJECT,
	    OBJ_nid2obj(NID_X9_62_prime256v1), infinity, sizeof(infinity)),
	    CSR_EC_POINT);
	/* A P-256 point under the P-384 name. */
	assert_int_equal(forged_ec_verdict(V_ASN1_OBJECT,
	    OBJ_nid2obj(NID_secp384r1), pt, ptlen), CSR_EC_POINT);
	/* RFC 5480 2.1.1: implicitCurve (NULL), or no parameters at all. */
	assert_int_equal(forged_ec_verdict(V_ASN1_NULL, NULL, pt, ptlen),
	    CSR_EC_EXPLICIT);
	assert_int_equal(forged_ec_verdict(V_ASN1_UNDEF, NULL, pt, ptlen),
	    CSR_EC_EXPLICIT);
	/* A curve nobody knows. */
	assert_int_equal(forged_ec_verdict(V_ASN1_OBJECT,
	    OBJ_txt2obj("1.3.6.1.4.1.99999.1", 1), pt, ptlen), CSR_EC_CURVE);
	EVP_PKEY_free(k);
}

static void
test_generated_eddsa(void **state)
{
	static const struct {
		const char	*alg;
		const char	*desc;
	} v[] = {
		{ "ED25519", "Ed25519" },
		{ "ED448", "Ed448" },
	};
	EVP_PKEY	*k;
	X509_REQ	*req;
	struct csr	 c;
	char		*pem;
	size_t		 i, len;
	int		 pk;

	for (i = 0; i < NELEM(v); i++) {
		k = keygen(v[i].alg, NULL, 0, 0);
		req = make_req(k, NULL);
		pem = req_pem(req, &len);
		assert_int_equal(csr_parse(pem, len, &c, &pk), CSR_OK);
		assert_string_equal(c.key.desc, v[i].desc);
		assert_int_equal(c.key.signing_only, 1);
		assert_int_equal(csr_check_key(&c, bl), CSR_OK);
		csr_free(&c);
		free(pem);
		X509_REQ_free(req);
		EVP_PKEY_free(k);
	}
}

/*
 * Keys of the wrong kind. X25519 cannot sign: its request carries
 * another key's signature, and the key type is what the customer must
 * hear, not the signature.
 */
static void
test_wrong_key_types(void **state)
{
	EVP_PKEY	*k, *signer;

	k = keygen("X25519", NULL, 0, 0);
	signer = keygen("ED25519", NULL, 0, 0);
	assert_int_equal(key_verdict(k, signer), CSR_KEY_TYPE);
	EVP_PKEY_free(k);
	k = keygen("X448", NULL, 0, 0);
	assert_int_equal(key_verdict(k, signer), CSR_KEY_TYPE);
	EVP_PKEY_free(k);
	EVP_PKEY_free(signer);
}

/* Proof of possession: a signature that is not the key's. */
static void
test_signature(void **state)
{
	EVP_PKEY	*k, *other;
	X509_REQ	*req;
	unsigned char	*der;
	char		*hit;
	size_t		 dlen;

	k = keygen("EC", "P-256", 0, 0);
	req = make_req(k, NULL);
	/* The signature's last byte (ECDSA: the end of s). */
	der = req_der(req, &dlen);
	der[dlen - 1] ^= 0x01;
	assert_int_equal(verdict((char *)der, dlen, bl, NULL), CSR_SIGNATURE);
	free(der);
	/* One byte of the signed subject. */
	der = req_der(req, &dlen);
	assert_non_null(hit = memmem(der, dlen, "alice", 5));
	hit[0] = 'm';
	assert_int_equal(verdict((char *)der, dlen, bl, NULL), CSR_SIGNATURE);
	free(der);
	X509_REQ_free(req);
	/* Signed by another key of an allowed kind. */
	other = keygen("EC", "P-256", 0, 0);
	assert_int_equal(key_verdict(k, other), CSR_SIGNATURE);
	EVP_PKEY_free(other);
	EVP_PKEY_free(k);

	k = keygen("RSA", NULL, 2048, 65537);
	req = make_req(k, NULL);
	der = req_der(req, &dlen);
	der[dlen - 1] ^= 0x80;
	assert_int_equal(verdict((char *)der, dlen, bl, NULL), CSR_SIGNATURE);
	free(der);
	X509_REQ_free(req);
	EVP_PKEY_free(k);
}

static char *
key_pem(EVP_PKEY *k, int traditional, int encrypted, size_t *len)
{
	BIO	*b;
	char	*p, *s;
	long	 n;

	assert_non_null(b = BIO_new(BIO_s_mem()));
	if (encrypted)
		assert_true(PEM_write_bio_PKCS8PrivateKey(b, k,
		    EVP_aes_256_cbc(), NULL, 0, NULL, (void *)"secret"));
	else if (traditional)
		assert_true(PEM_write_bio_PrivateKey_traditional(b, k, NULL,
		    NULL, 0, NULL, NULL));
	else
		assert_true(PEM_write_bio_PrivateKey(b, k, NULL, NULL, 0,
		    NULL, NULL));
	n = BIO_get_mem_data(b, &p);
	assert_non_null(s = malloc((size_t)n + 1));
	memcpy(s, p, (size_t)n);
	s[n] = '\0';
	BIO_free(b);
	*len = (size_t)n;
	return s;
}

/*
 * The PEM block `label` of pem with its armor changed to CERTIFICATE
 * REQUEST, in a new string: what a person gets by editing the lines.
 */
static char *
relabel(const char *pem, const char *label, size_t *len)
{
	char		 begin[64], end[64];
	const char	*b, *e;
	char		*s;

	snprintf(begin, sizeof(begin), "-----BEGIN %s-----", label);
	snprintf(end, sizeof(end), "-----END %s-----", label);
	assert_non_null(b = strstr(pem, begin));
	assert_non_null(e = strstr(pem, end));
	b += strlen(begin);
	assert_non_null(s = malloc((size_t)(e - b) + 128));
	*len = (size_t)snprintf(s, (size_t)(e - b) + 128,
	    "-----BEGIN CERTIFICATE REQUEST-----%.*s"
	    "-----END CERTIFICATE REQUEST-----\n", (int)(e - b), b);
	return s;
}

static char *
concat(const char *a, const char *b, size_t *len)
{
	char	*s;

	*len = strlen(a) + strlen(b);
	assert_non_null(s = malloc(*len + 1));
	snprintf(s, *len + 1, "%s%s", a, b);
	return s;
}

/*
 * Private keys: alone they are named; next to a valid request the
 * request parses, but *private_key_seen tells the caller to refuse.
 */
static void
test_private_keys(void **state)
{
	static const char	*const armors[] = {
		"-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEA\n"
		    "-----END OPENSSH PRIVATE KEY-----\n",
		"-----BEGIN DSA PRIVATE KEY-----\nMIIBuwIBAAKBgQ==\n"
		    "-----END DSA PRIVATE KEY-----\n",
		"-----BEGIN PGP PRIVATE KEY BLOCK-----\n\nlQOYBF==\n"
		    "-----END PGP PRIVATE KEY BLOCK-----\n",
		/* Cut: no END line, still a key. */
		"-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEF\n",
		"PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\n",
		"---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----\nP2/56wAAAA==\n"
		    "---- END SSH2 ENCRYPTED PRIVATE KEY ----\n",
	};
	EVP_PKEY		*k;
	X509_REQ		*req;
	unsigned char		*der = NULL;
	char			*csr, *key, *both;
	size_t			 len, klen, blen, i;
	int			 pk, traditional, encrypted, n;

	k = keygen("EC", "P-256", 0, 0);
	req = make_req(k, NULL);
	csr = req_pem(req, &len);
	for (i = 0; i < 3; i++) {
		traditional = i == 1;
		encrypted = i == 2;
		key = key_pem(k, traditional, encrypted, &klen);
		assert_int_equal(verdict(key, klen, bl, &pk),
		    CSR_NOT_CSR_PRIVATE_KEY);
		assert_int_equal(pk, 1);
		both = concat(key, csr, &blen);
		assert_int_equal(verdict(both, blen, bl, &pk), CSR_OK);
		assert_int_equal(pk, 1);
		free(both);
		both = concat(csr, key, &blen);
		assert_int_equal(verdict(both, blen, bl, &pk), CSR_OK);
		assert_int_equal(pk, 1);
		free(both);
		free(key);
	}
	for (i = 0; i < NELEM(armors); i++) {
		assert_int_equal(verdict(armors[i], strlen(armors[i]), bl,
		    &pk), CSR_NOT_CSR_PRIVATE_KEY);
		assert_int_equal(pk, 1);
		both = concat(csr, armors[i], &blen);
		assert_int_equal(verdict(both, blen, bl, &pk), CSR_OK);
		assert_int_equal(pk, 1);
		free(both);
	}
	/* A key inside a request's armor, as DER and as raw DER. */
	assert_true((n = i2d_PrivateKey(k, &der)) > 0);
	assert_int_equal(verdict((char *)der, (size_t)n, bl, &pk),
	    CSR_NOT_CSR_PRIVATE_KEY);
	assert_int_equal(pk, 1);
	OPENSSL_free(der);
	key = key_pem(k, 0, 0, &klen);
	both = relabel(key, "PRIVATE KEY", &blen);
	assert_int_equal(verdict(both, blen, bl, &pk),
	    CSR_NOT_CSR_PRIVATE_KEY);
	assert_int_equal(pk, 1);
	free(both);
	free(key);
	/* And none where there is none. */
	assert_int_equal(verdict(csr, len, bl, &pk), CSR_OK);
	assert_int_equal(pk, 0);
	free(csr);
	X509_REQ_free(req);
	EVP_PKEY_free(k);
}

/* A self-signed certificate of key, in PEM or DER. */
static char *
cert_of(EVP_PKEY *k, int pem, size_t *len)
{
	X509		*x;
	BIO		*b;
	char		*p, *s;
	long		 n;

	assert_non_null(x = X509_new());
	assert_true(X509_set_version(x, X509_VERSION_3));
	assert_true(ASN1_INTEGER_set(X509_get_serialNumber(x), 1));
	assert_non_null(X509_gmtime_adj(X509_getm_notBefore(x), 0));
	assert_non_null(X509_gmtime_adj(X509_getm_notAfter(x), 3600));
	assert_true(X509_NAME_add_entry_by_txt(X509_get_subject_name(x),
	    "CN", MBSTRING_ASC, (const unsigned char *)"x", -1, -1, 0));
	assert_true(X509_set_issuer_name(x, X509_get_subject_name(x)));
	assert_true(X509_set_pubkey(x, k));
	assert_true(X509_sign(x, k, EVP_sha256()) > 0);
	assert_non_null(b = BIO_new(BIO_s_mem()));
	if (pem)
		assert_true(PEM_write_bio_X509(b, x));
	else
		assert_true(i2d_X509_bio(b, x));
	n = BIO_get_mem_data(b, &p);
	assert_non_null(s = malloc((size_t)n + 1));
	memcpy(s, p, (size_t)n);
	s[n] = '\0';
	BIO_free(b);
	X509_free(x);
	*len = (size_t)n;
	return s;
}

static void
test_wrong_objects(void **state)
{
	EVP_PKEY	*k;
	X509_REQ	*req;
	BIO		*b;
	char		*s, *o, *csr, *two, *p;
	size_t		 len, olen, clen, tlen;
	long		 n;
	int		 pk;

	k = keygen("EC", "P-256", 0, 0);
	s = cert_of(k, 1, &len);
	assert_int_equal(verdict(s, len, bl, &pk), CSR_NOT_CSR_CERTIFICATE);
	assert_int_equal(pk, 0);
	free(s);
	s = cert_of(k, 0, &len);
	assert_int_equal(verdict(s, len, bl, &pk), CSR_NOT_CSR_CERTIFICATE);
	free(s);
	/* A certificate in a request's armor. */
	s = cert_of(k, 1, &len);
	o = relabel(s, "CERTIFICATE", &olen);
	assert_int_equal(verdict(o, olen, bl, NULL), CSR_NOT_CSR_CERTIFICATE);
	free(o);
	free(s);
	/* A public key alone. */
	assert_non_null(b = BIO_new(BIO_s_mem()));
	assert_true(PEM_write_bio_PUBKEY(b, k));
	n = BIO_get_mem_data(b, &p);
	assert_int_equal(verdict(p, (size_t)n, bl, NULL), CSR_NOT_CSR);
	BIO_free(b);
	/* Two requests: which one is meant is not for us to guess. */
	req = make_req(k, NULL);
	csr = req_pem(req, &clen);
	two = concat(csr, csr, &tlen);
	assert_int_equal(verdict(two, tlen, bl, NULL), CSR_NOT_CSR);
	free(two);
	/* Text, and base64 without its armor. */
	assert_int_equal(verdict("hello", 5, bl, NULL), CSR_NOT_CSR);
	p = strchr(csr, '\n') + 1;
	assert_int_equal(verdict(p, strlen(p) - strlen(
	    "-----END CERTIFICATE REQUEST-----\n"), bl, NULL), CSR_NOT_CSR);
	free(csr);
	X509_REQ_free(req);
	EVP_PKEY_free(k);
}

/* Replaces every LF of s by CRLF, in a new string. */
static char *
crlf(const char *s, size_t *len)
{
	char	*o;
	size_t	 i, j;

	assert_non_null(o = malloc(2 * strlen(s) + 1));
	for (i = j = 0; s[i] != '\0'; i++) {
		if (s[i] == '\n')
			o[j++] = '\r';
		o[j++] = s[i];
	}
	o[j] = '\0';
	*len = j;
	return o;
}

/*
 * A request whose PEM body ends in padding ("=" or "=="), once with the
 * padding and once without: the same bytes come out of either, but only
 * the first is base64 (RFC 4648 3.2, RFC 7468 3). Returns 1 when the
 * first is taken and the second refused.
 */
static int
unpadded_refused(const struct blocklist *list)
{
	EVP_PKEY	*k;
	X509_REQ	*req;
	char		*pem = NULL, *e;
	size_t		 len;
	int		 ok;

	do {
		free(pem);
		k = keygen("EC", "P-256", 0, 0);
		req = make_req(k, NULL);
		pem = req_pem(req, &len);
		X509_REQ_free(req);
		EVP_PKEY_free(k);
		e = strstr(pem, "\n-----END");
	} while (e[-1] != '=');
	ok = verdict(pem, len, list, NULL) == CSR_OK;
	while (e[-1] == '=') {
		memmove(e - 1, e, strlen(e) + 1);
		e--;
	}
	ok = ok && verdict(pem, strlen(pem), list, NULL) == CSR_ENCODING;
	free(pem);
	return ok;
}

static void
test_encodings(void **state)
{
	EVP_PKEY	*k;
	X509_REQ	*req;
	const char	*empty;
	char		*pem, *s, *o, *body;
	unsigned char	*der;
	size_t		 len, dlen, i, j, olen;

	k = keygen("EC", "P-256", 0, 0);
	req = make_req(k, NULL);
	pem = req_pem(req, &len);
	der = req_der(req, &dlen);

	s = crlf(pem, &olen);
	assert_int_equal(verdict(s, olen, bl, NULL), CSR_OK);
	free(s);
	/* The body on one line; a NEW CERTIFICATE REQUEST armor. */
	assert_non_null(o = malloc(len + 64));
	body = strchr(pem, '\n') + 1;
	j = (size_t)sprintf(o, "-----BEGIN NEW CERTIFICATE REQUEST-----\n");
	for (i = 0; body[i] != '-'; i++)
		if (body[i] != '\n')
			o[j++] = body[i];
	j += (size_t)sprintf(o + j, "\n-----END NEW CERTIFICATE REQUEST-----");
	assert_int_equal(verdict(o, j, bl, NULL), CSR_OK);
	free(o);
	/* Text around it; indentation before the armor. */
	s = concat("Here is my CSR:\r\n\t  ", pem, &olen);
	o = concat(s, "\nThanks, Alice\n", &olen);
	assert_int_equal(verdict(o, olen, bl, NULL), CSR_OK);
	free(s);
	free(o);
	/* Raw DER; DER with a byte more. */
	assert_int_equal(verdict((char *)der, dlen, bl, NULL), CSR_OK);
	assert_non_null(o = malloc(dlen + 1));
	memcpy(o, der, dlen);
	o[dlen] = 0;
	assert_int_equal(verdict(o, dlen + 1, bl, NULL), CSR_ENCODING);
	assert_int_equal(verdict(o, dlen - 1, bl, NULL), CSR_ENCODING);
	assert_int_equal(verdict(o, 2, bl, NULL), CSR_ENCODING);
	free(o);
	/* Broken base64: a bad character, a quartet short, bad padding. */
	assert_non_null(s = strdup(pem));
	s[40] = '*';
	assert_int_equal(verdict(s, len, bl, NULL), CSR_ENCODING);
	free(s);
	assert_non_null(s = strdup(pem));
	o = strstr(s, "\n-----END");
	memmove(o - 1, o, strlen(o) + 1);
	assert_int_equal(verdict(s, strlen(s), bl, NULL), CSR_ENCODING);
	free(s);
	assert_non_null(s = strdup(pem));
	s[40] = '=';
	assert_int_equal(verdict(s, len, bl, NULL), CSR_ENCODING);
	free(s);
	/* Padding left off: the bytes decode, the base64 is still wrong. */
	assert_true(unpadded_refused(bl));
	/* RFC 1421 headers are not for requests. */
	assert_non_null(s = strdup(pem));
	assert_non_null(o = malloc(len + 64));
	body = strchr(s, '\n') + 1;
	body[-1] = '\0';
	snprintf(o, len + 64, "%s\nProc-Type: 4,ENCRYPTED\n\n%s", s, body);
	assert_int_equal(verdict(o, strlen(o), bl, NULL), CSR_ENCODING);
	free(o);
	free(s);
	/* An empty body; mismatched END. */
	empty = "-----BEGIN CERTIFICATE REQUEST-----\n"
	    "-----END CERTIFICATE REQUEST-----\n";
	assert_int_equal(verdict(empty, strlen(empty), bl, NULL),
	    CSR_ENCODING);
	assert_non_null(s = strdup(pem));
	o = strstr(s, "-----END CERTIFICATE REQUEST");
	memcpy(o, "-----END CERTIFICATE REQUESX", 28);
	assert_int_equal(verdict(s, len, bl, NULL), CSR_ENCODING);
	free(s);
	/* A NUL byte in the text before the armor is just text. */
	assert_non_null(o = malloc(len + 3));
	o[0] = 'x';
	o[1] = '\0';
	o[2] = '\n';
	memcpy(o + 3, pem, len);
	assert_int_equal(verdict(o, len + 3, bl, NULL), CSR_OK);
	free(o);

	free(pem);
	free(der);
	X509_REQ_free(req);
	EVP_PKEY_free(k);
}

static void
test_limits(void **state)
{
	EVP_PKEY	*k;
	X509_REQ	*req;
	char		*pem, *big;
	size_t		 len;
	int		 pk;

	assert_int_equal(verdict("", 0, bl, NULL), CSR_EMPTY);
	assert_int_equal(verdict(NULL, 0, bl, NULL), CSR_EMPTY);
	assert_int_equal(verdict(" \r\n\t\n", 5, bl, NULL), CSR_EMPTY);

	k = keygen("EC", "P-256", 0, 0);
	req = make_req(k, NULL);
	pem = req_pem(req, &len);
	/* Exactly CSR_MAX_BYTES: taken; one more: refused. */
	assert_non_null(big = malloc(CSR_MAX_BYTES + 1));
	memset(big, '\n', CSR_MAX_BYTES + 1);
	memcpy(big, pem, len);
	assert_int_equal(verdict(big, CSR_MAX_BYTES, bl, NULL), CSR_OK);
	assert_int_equal(verdict(big, CSR_MAX_BYTES + 1, bl, NULL),
	    CSR_TOOBIG);
	/* The key warning even then. */
	memcpy(big + CSR_MAX_BYTES + 1 - 40,
	    "-----BEGIN EC PRIVATE KEY-----\nMHcC\n", 36);
	assert_int_equal(verdict(big, CSR_MAX_BYTES + 1, bl, &pk),
	    CSR_TOOBIG);
	assert_int_equal(pk, 1);
	free(big);
	free(pem);
	X509_REQ_free(req);
	EVP_PKEY_free(k);
}

/* ---- RSA rules on public keys made from numbers ---- */

/*
 * A struct csr holding an unsigned request for the RSA public key
 * (n, e): for csr_check_key() alone, which takes any request.
 */
static void
rsa_csr(struct csr *c, const BIGNUM *n, const BIGNUM *e)
{
	OSSL_PARAM_BLD	*b;
	OSSL_PARAM	*p;
	EVP_PKEY_CTX	*ctx;
	EVP_PKEY	*k = NULL;

	memset(c, 0, sizeof(*c));
	assert_non_null(b = OSSL_PARAM_BLD_new());
	assert_true(OSSL_PARAM_BLD_push_BN(b, OSSL_PKEY_PARAM_RSA_N, n));
	assert_true(OSSL_PARAM_BLD_push_BN(b, OSSL_PKEY_PARAM_RSA_E, e));
	assert_non_null(p = OSSL_PARAM_BLD_to_param(b));
	assert_non_null(ctx = EVP_PKEY_CTX_new_from_name(NULL, "RSA", NULL));
	assert_int_equal(EVP_PKEY_fromdata_init(ctx), 1);
	assert_int_equal(EVP_PKEY_fromdata(ctx, &k, EVP_PKEY_PUBLIC_KEY, p),
	    1);
	assert_non_null(c->req = X509_REQ_new());
	assert_true(X509_REQ_set_pubkey(c->req, k));
	EVP_PKEY_free(k);
	EVP_PKEY_CTX_free(ctx);
	OSSL_PARAM_free(p);
	OSSL_PARAM_BLD_free(b);
}

static enum csrerr
rsa_verdict(const BIGNUM *n, const BIGNUM *e)
{
	struct csr	 c;
	enum csrerr	 r;

	rsa_csr(&c, n, e);
	r = csr_check_key(&c, bl);
	assert_int_equal(ERR_peek_error(), 0);
	csr_free(&c);
	return r;
}

/* The modulus of a fresh RSA key of `bits` bits. */
static BIGNUM *
real_modulus(int bits)
{
	EVP_PKEY	*k;
	BIGNUM		*n = NULL;

	k = keygen("RSA", NULL, bits, 65537);
	assert_true(EVP_PKEY_get_bn_param(k, OSSL_PKEY_PARAM_RSA_N, &n));
	EVP_PKEY_free(k);
	return n;
}

static void
test_rsa_exponent(void **state)
{
	static const struct {
		const char	*e;	/* hex */
		enum csrerr	 want;
	} v[] = {
		{ "1", CSR_RSA_EXPONENT },
		{ "3", CSR_RSA_EXPONENT },
		{ "FFFF", CSR_RSA_EXPONENT },
		{ "10000", CSR_RSA_EXPONENT },
		{ "10001", CSR_OK },
		{ "10002", CSR_RSA_EXPONENT },
		{ "10003", CSR_OK },
		{ "FFFFFFFF", CSR_OK },
		/* 2^255 + 1 and 2^256 - 1: the top of the range. */
		{ "80000000000000000000000000000000"
		  "00000000000000000000000000000001", CSR_OK },
		{ "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF"
		  "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF", CSR_OK },
		/* 2^256 + 1 */
		{ "1"
		  "00000000000000000000000000000000"
		  "00000000000000000000000000000001", CSR_RSA_EXPONENT },
	};
	BIGNUM	*n, *e = NULL;
	size_t	 i;

	n = real_modulus(2048);
	for (i = 0; i < NELEM(v); i++) {
		assert_true(BN_hex2bn(&e, v[i].e) > 0);
		if (rsa_verdict(n, e) != v[i].want)
			fail_msg("e = %s: want %s", v[i].e,
			    csrerr_names[v[i].want]);
	}
	BN_free(e);
	BN_free(n);
}

/*
 * A random odd number of `bits` bits, the top two set, with no prime
 * factor below 752.
 */
static BIGNUM *
rough_number(int bits)
{
	BIGNUM		*n;
	unsigned int	 r, d;
	int		 rough;

	assert_non_null(n = BN_new());
	do {
		assert_true(BN_rand(n, bits, BN_RAND_TOP_TWO,
		    BN_RAND_BOTTOM_ODD));
		for (rough = 1, r = 3; rough && r < 752; r += 2) {
			for (d = 3; d * d <= r && r % d != 0; d += 2)
				continue;
			if (d * d > r && BN_mod_word(n, r) == 0)
				rough = 0;
		}
	} while (!rough);
	return n;
}

static void
test_rsa_sizes_and_factors(void **state)
{
	BIGNUM	*n, *e, *m;
	BN_CTX	*ctx;

	assert_non_null(ctx = BN_CTX_new());
	assert_non_null(e = BN_new());
	assert_true(BN_set_word(e, 65537));
	n = rough_number(CSR_RSA_MAX_BITS);
	assert_int_equal(rsa_verdict(n, e), CSR_OK);
	BN_free(n);
	n = rough_number(CSR_RSA_MAX_BITS + 8);
	assert_int_equal(rsa_verdict(n, e), CSR_RSA_SIZE);
	BN_free(n);
	n = rough_number(2040);
	assert_int_equal(rsa_verdict(n, e), CSR_RSA_SIZE);
	BN_free(n);
	n = rough_number(2049);
	assert_int_equal(rsa_verdict(n, e), CSR_RSA_MOD8);
	BN_free(n);

	/* 751, the largest prime below 752, times a rough number. */
	m = rough_number(2038);
	assert_non_null(n = BN_dup(m));
	assert_true(BN_mul_word(n, 751));
	assert_int_equal(BN_num_bits(n), 2048);
	assert_int_equal(rsa_verdict(n, e), CSR_RSA_SMALL_FACTOR);
	BN_free(n);
	/* 757, the first prime above: not a small factor. */
	assert_non_null(n = BN_dup(m));
	assert_true(BN_mul_word(n, 757));
	assert_int_equal(BN_num_bits(n), 2048);
	assert_int_equal(rsa_verdict(n, e), CSR_OK);
	BN_free(n);
	/* Even: 2 is a small factor. */
	assert_non_null(n = BN_dup(m));
	assert_true(BN_lshift(n, n, 10));
	assert_int_equal(BN_num_bits(n), 2048);
	assert_int_equal(rsa_verdict(n, e), CSR_RSA_SMALL_FACTOR);
	BN_free(n);
	BN_free(m);
	BN_free(e);
	BN_CTX_free(ctx);
}

/*
 * Fermat: n = pq with q the first prime after p + d. The round that
 * finds it is about d^2 / (8 sqrt(n)) + 1; with p of 1024 bits and
 * d = c * 2^512 that is c^2 / 8 to c^2 / 6 rounds.
 */
static enum csrerr
fermat_verdict(int c)
{
	BIGNUM		*p, *q, *n, *e;
	BN_CTX		*ctx;
	enum csrerr	 r;

	assert_non_null(ctx = BN_CTX_new());
	assert_non_null(p = BN_new());
	assert_non_null(q = BN_new());
	assert_non_null(n = BN_new());
	assert_non_null(e = BN_new());
	assert_true(BN_set_word(e, 65537));
	assert_true(BN_generate_prime_ex(p, 1024, 0, NULL, NULL, NULL));
	assert_true(BN_set_word(q, (BN_ULONG)c));
	assert_true(BN_lshift(q, q, 512));
	assert_true(BN_add(q, q, p));
	if (!BN_is_odd(q))
		assert_true(BN_add_word(q, 1));
	do
		assert_true(BN_add_word(q, 2));
	while (BN_check_prime(q, ctx, NULL) != 1);
	assert_true(BN_mul(n, p, q, ctx));
	assert_int_equal(BN_num_bits(n), 2048);
	r = rsa_verdict(n, e);
	BN_free(p);
	BN_free(q);
	BN_free(n);
	BN_free(e);
	BN_CTX_free(ctx);
	return r;
}

static void
test_fermat(void **state)
{

	BIGNUM	*p, *n, *e;
	BN_CTX	*ctx;

	/* p^2: a^2 - n = 0 at once. */
	assert_non_null(ctx = BN_CTX_new());
	assert_non_null(p = BN_new());
	assert_non_null(n = BN_new());
	assert_non_null(e = BN_new());
	assert_true(BN_set_word(e, 65537));
	assert_true(BN_generate_prime_ex(p, 1024, 0, NULL, NULL, NULL));
	assert_true(BN_sqr(n, p, ctx));
	assert_int_equal(rsa_verdict(n, e), CSR_WEAK_FERMAT);
	BN_free(p);
	BN_free(n);
	BN_free(e);
	BN_CTX_free(ctx);

	assert_int_equal(fermat_verdict(0), CSR_WEAK_FERMAT);	/* round 1 */
	assert_int_equal(fermat_verdict(20), CSR_WEAK_FERMAT);	/* ~50-67 */
	assert_int_equal(fermat_verdict(60), CSR_OK);	/* ~450-600 */
}

/*
 * ROCA: a modulus made the way Infineon's library made them. For 2048
 * bits, primes p = k * M + (65537^a mod M), M the product of the first
 * 126 primes (Nemec et al. 2017, 2.1).
 */
static BIGNUM *
roca_prime(BN_CTX *ctx)
{
	BIGNUM		*m, *g, *a, *t, *p;
	unsigned int	 r, count = 0, d;
	int		 prime;

	assert_non_null(m = BN_new());
	assert_non_null(g = BN_new());
	assert_non_null(a = BN_new());
	assert_non_null(t = BN_new());
	assert_non_null(p = BN_new());
	assert_true(BN_one(m));
	for (r = 2; count < 126; r++) {
		for (prime = 1, d = 2; d * d <= r; d++)
			if (r % d == 0)
				prime = 0;
		if (prime) {
			assert_true(BN_mul_word(m, r));
			count++;
		}
	}
	assert_true(BN_set_word(g, 65537));
	assert_true(BN_rand(a, 60, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY));
	assert_true(BN_mod_exp(g, g, a, m, ctx));
	/* k = t / M for t of 1024 bits, the top two set. */
	assert_true(BN_rand(t, 1024, BN_RAND_TOP_TWO, BN_RAND_BOTTOM_ANY));
	assert_true(BN_div(t, NULL, t, m, ctx));
	for (;;) {
		assert_true(BN_mul(p, t, m, ctx));
		assert_true(BN_add(p, p, g));
		if (BN_check_prime(p, ctx, NULL) == 1)
			break;
		assert_true(BN_add_word(t, 1));
	}
	BN_free(m);
	BN_free(g);
	BN_free(a);
	BN_free(t);
	return p;
}

static void
test_roca_generated(void **state)
{
	BIGNUM	*p, *q, *n, *e;
	BN_CTX	*ctx;

	assert_non_null(ctx = BN_CTX_new());
	assert_non_null(n = BN_new());
	assert_non_null(e = BN_new());
	assert_true(BN_set_word(e, 65537));
	do {
		p = roca_prime(ctx);
		q = roca_prime(ctx);
		assert_true(BN_mul(n, p, q, ctx));
		BN_free(p);
		BN_free(q);
	} while (BN_num_bits(n) != 2048);
	assert_int_equal(rsa_verdict(n, e), CSR_WEAK_ROCA);
	/* n + 2: the same size, the fingerprint gone (but for 4e-9). */
	assert_true(BN_add_word(n, 2));
	if (rsa_verdict(n, e) == CSR_WEAK_ROCA)
		fail_msg("n + 2 still has the ROCA fingerprint");
	BN_free(n);
	BN_free(e);
	BN_CTX_free(ctx);
}

/*
 * The ROCA fixture is 2049 bits, so the size rule refuses it first.
 * Its fingerprint lives in n mod r for the primes r up to 167: taking
 * multiples of their product off n keeps every such residue and brings
 * n down to 2048 bits, where nothing else stands before the ROCA check.
 */
static void
test_roca_fixture(void **state)
{
	struct csr	 c;
	BIGNUM		*n = NULL, *e = NULL, *step, *d;
	BN_CTX		*ctx;
	char		 path[4096], *buf;
	size_t		 len;
	unsigned int	 r, q;
	int		 pk, prime, tries;
	enum csrerr	 v;

	snprintf(path, sizeof(path), "%s/csr/roca-crocs-muni-csr05.pem",
	    fixtures_dir());
	buf = slurp(path, &len);
	assert_int_equal(csr_parse(buf, len, &c, &pk), CSR_OK);
	assert_int_equal(csr_check_key(&c, bl), CSR_RSA_MOD8);
	assert_true(EVP_PKEY_get_bn_param(X509_REQ_get0_pubkey(c.req),
	    OSSL_PKEY_PARAM_RSA_N, &n));
	assert_true(EVP_PKEY_get_bn_param(X509_REQ_get0_pubkey(c.req),
	    OSSL_PKEY_PARAM_RSA_E, &e));
	csr_free(&c);
	free(buf);
	assert_int_equal(BN_num_bits(n), 2049);

	assert_non_null(ctx = BN_CTX_new());
	assert_non_null(step = BN_new());
	assert_non_null(d = BN_new());
	/* step = 2 * (3 * 5 * … * 167): n stays odd. */
	assert_true(BN_set_word(step, 2));
	for (r = 3; r <= 167; r++) {
		for (prime = 1, q = 2; q * q <= r; q++)
			if (r % q == 0)
				prime = 0;
		if (prime)
			assert_true(BN_mul_word(step, r));
	}
	/* n -= ceil((n - 2^2048 + 1) / step) * step */
	assert_true(BN_set_bit(d, 2048));
	assert_true(BN_sub(d, n, d));
	assert_true(BN_add(d, d, step));
	assert_true(BN_div(d, NULL, d, step, ctx));
	assert_true(BN_mul(d, d, step, ctx));
	assert_true(BN_sub(n, n, d));
	for (tries = 0; tries < 100; tries++) {
		assert_int_equal(BN_num_bits(n), 2048);
		/* A prime from 173 to 751 may divide the new n: step on. */
		if ((v = rsa_verdict(n, e)) != CSR_RSA_SMALL_FACTOR)
			break;
		assert_true(BN_sub(n, n, step));
	}
	assert_int_equal(v, CSR_WEAK_ROCA);
	BN_free(n);
	BN_free(e);
	BN_free(step);
	BN_free(d);
	BN_CTX_free(ctx);
}

/* ---- the lists ---- */

static char	 tmpdir[256];

static void
write_file(const char *name, const char *text)
{
	char	 path[512];
	FILE	*f;

	snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
	assert_non_null(f = fopen(path, "w"));
	assert_int_equal(fputs(text, f) >= 0, 1);
	assert_int_equal(fclose(f), 0);
}

static void
clean_tmpdir(void)
{
	static const char	*const names[] = {
		"blocklist.RSA-2048", "blocklist.RSA-4096",
		"blocklist.spki-sha256", "blocklist.RSA-", "README",
		"badkeys.rsa", "badkeys.ec", "badkeys.any",
	};
	char	 path[512];
	size_t	 i;

	for (i = 0; i < NELEM(names); i++) {
		snprintf(path, sizeof(path), "%s/%s", tmpdir, names[i]);
		unlink(path);
	}
}

/* What openssl-vulnkey hashes: `openssl rsa -noout -modulus`, its line. */
static void
debian_entry(EVP_PKEY *k, char out[21])
{
	BIGNUM		*n = NULL;
	BIO		*b;
	char		*p;
	unsigned char	 md[20];
	long		 len;
	size_t		 i;

	assert_true(EVP_PKEY_get_bn_param(k, OSSL_PKEY_PARAM_RSA_N, &n));
	assert_non_null(b = BIO_new(BIO_s_mem()));
	assert_true(BIO_puts(b, "Modulus=") > 0);
	assert_true(BN_print(b, n));
	assert_true(BIO_puts(b, "\n") > 0);
	len = BIO_get_mem_data(b, &p);
	assert_true(EVP_Digest(p, (size_t)len, md, NULL, EVP_sha1(), NULL));
	for (i = 0; i < 10; i++)
		snprintf(out + 2 * i, 3, "%02x", md[10 + i]);
	BIO_free(b);
	BN_free(n);
}

static void
test_blocklist_files(void **state)
{
	struct blocklist	*list;
	EVP_PKEY		*rsa, *ec;
	X509_REQ		*req;
	unsigned char		*der = NULL, md[32];
	char			*pem, text[512], hex[65], deb[21];
	struct csr		 c;
	size_t			 len, i;
	int			 n, pk;

	/* No folder, a folder that is not there: empty lists. */
	assert_non_null(list = blocklist_load(NULL));
	blocklist_free(list);
	assert_non_null(list = blocklist_load("/nonexistent/blocklists"));
	blocklist_free(list);
	blocklist_free(NULL);

	snprintf(tmpdir, sizeof(tmpdir), "%s/test_csr.XXXXXX",
	    getenv("TMPDIR") != NULL ? getenv("TMPDIR") : "/tmp");
	assert_non_null(mkdtemp(tmpdir));

	rsa = keygen("RSA", NULL, 2048, 65537);
	ec = keygen("EC", "P-256", 0, 0);
	debian_entry(rsa, deb);
	assert_true((n = i2d_PUBKEY(ec, &der)) > 0);
	assert_true(EVP_Digest(der, (size_t)n, md, NULL, EVP_sha256(),
	    NULL));
	OPENSSL_free(der);
	for (i = 0; i < 32; i++)
		snprintf(hex + 2 * i, 3, "%02X", md[i]);	/* upper case */

	/* CRLF, comments, blank lines, files to ignore. */
	snprintf(text, sizeof(text), "# openssl-blacklist\r\n\r\n"
	    "00000000000000000000\r\n%s\r\nffffffffffffffffffff\r\n", deb);
	write_file("blocklist.RSA-2048", text);
	snprintf(text, sizeof(text), "# SHA-256 of SPKI\n%s\n", hex);
	write_file("blocklist.spki-sha256", text);
	write_file("README", "not a list\n");
	write_file("blocklist.RSA-", "not a list either\n");
	assert_non_null(list = blocklist_load(tmpdir));

	req = make_req(rsa, NULL);
	pem = req_pem(req, &len);
	assert_int_equal(verdict(pem, len, list, NULL), CSR_WEAK_DEBIAN);
	assert_int_equal(verdict(pem, len, NULL, NULL), CSR_OK);
	free(pem);
	X509_REQ_free(req);
	req = make_req(ec, NULL);
	pem = req_pem(req, &len);
	assert_int_equal(verdict(pem, len, list, NULL), CSR_KEY_BLOCKED);
	assert_int_equal(verdict(pem, len, bl, NULL), CSR_OK);
	/* The hash csr_parse() reports is the one on the list. */
	assert_int_equal(csr_parse(pem, len, &c, &pk), CSR_OK);
	assert_memory_equal(c.key.spki_sha256, md, 32);
	csr_free(&c);
	free(pem);
	X509_REQ_free(req);
	blocklist_free(list);

	/* A line that is not a hash fails the load: no list cut short. */
	write_file("blocklist.RSA-4096", "0123456789abcdef0123\nnot-hex\n");
	assert_null(blocklist_load(tmpdir));
	write_file("blocklist.RSA-4096", "0123456789abcdef012\n");
	assert_null(blocklist_load(tmpdir));
	write_file("blocklist.RSA-4096", "");
	write_file("blocklist.spki-sha256", "abcd\n");
	assert_null(blocklist_load(tmpdir));

	clean_tmpdir();
	assert_int_equal(rmdir(tmpdir), 0);
	EVP_PKEY_free(rsa);
	EVP_PKEY_free(ec);
	assert_int_equal(ERR_peek_error(), 0);
}

/* The fixture Debian key passes when no list is loaded: the list is it. */
static void
test_debian_needs_list(void **state)
{
	char	 path[4096], *buf;
	size_t	 len;

	snprintf(path, sizeof(path), "%s/csr/debianweak-rsa2048.pem",
	    fixtures_dir());
	buf = slurp(path, &len);
	assert_int_equal(verdict(buf, len, NULL, NULL), CSR_OK);
	assert_int_equal(verdict(buf, len, bl, NULL), CSR_WEAK_DEBIAN);
	free(buf);
}

/* badkeys' entry of a key: SHA-256 of its number, 15 bytes, in hex. */
static void
badkeys_entry(EVP_PKEY *k, char out[31])
{
	BIGNUM		*v = NULL;
	unsigned char	 num[1024], md[32];
	size_t		 len = sizeof(num), i;

	switch (EVP_PKEY_get_base_id(k)) {
	case EVP_PKEY_RSA:
		assert_true(EVP_PKEY_get_bn_param(k, OSSL_PKEY_PARAM_RSA_N,
		    &v));
		len = (size_t)BN_bn2bin(v, num);
		break;
	case EVP_PKEY_EC:
		assert_true(EVP_PKEY_get_bn_param(k, OSSL_PKEY_PARAM_EC_PUB_X,
		    &v));
		len = (size_t)BN_bn2bin(v, num);
		break;
	default:
		assert_true(EVP_PKEY_get_raw_public_key(k, num, &len));
		assert_true(num[0] != 0);	/* no zero to strip */
		break;
	}
	assert_true(EVP_Digest(num, len, md, NULL, EVP_sha256(), NULL));
	for (i = 0; i < 15; i++)
		snprintf(out + 2 * i, 3, "%02x", md[i]);
	BN_free(v);
}

/* The badkeys lists, in two folders read as one (a:b). */
static void
test_blocklist_badkeys(void **state)
{
	struct blocklist	*list;
	EVP_PKEY		*rsa, *ec, *ed, *other;
	X509_REQ		*req;
	char			*pem, text[256], e1[31], e2[31], e3[31];
	char			 dirs[600], second[300];
	size_t			 len;

	snprintf(tmpdir, sizeof(tmpdir), "%s/test_csr.XXXXXX",
	    getenv("TMPDIR") != NULL ? getenv("TMPDIR") : "/tmp");
	assert_non_null(mkdtemp(tmpdir));
	snprintf(second, sizeof(second), "%s/b", tmpdir);
	assert_int_equal(mkdir(second, 0700), 0);

	rsa = keygen("RSA", NULL, 2048, 65537);
	ec = keygen("EC", "P-256", 0, 0);
	other = keygen("EC", "P-256", 0, 0);
	do {
		EVP_PKEY_free(ed = NULL);
		assert_non_null(ed = EVP_PKEY_Q_keygen(NULL, NULL, "ED25519"));
		len = sizeof(text);
		assert_true(EVP_PKEY_get_raw_public_key(ed,
		    (unsigned char *)text, &len));
		if (text[0] != 0)
			break;
		EVP_PKEY_free(ed);
	} while (1);
	badkeys_entry(rsa, e1);
	badkeys_entry(ec, e2);
	badkeys_entry(ed, e3);

	/* The list number after the hash, or none. */
	snprintf(text, sizeof(text), "# badkeys\n%s01\n", e1);
	write_file("badkeys.rsa", text);
	snprintf(text, sizeof(text), "%s\n", e2);
	write_file("b/badkeys.ec", text);
	snprintf(text, sizeof(text), "%s2a\n", e3);
	write_file("b/badkeys.any", text);
	snprintf(dirs, sizeof(dirs), "%s:%s", tmpdir, second);
	assert_non_null(list = blocklist_load(dirs));
	assert_int_equal(blocklist_count(list, BLOCKLIST_RSA), 1);
	assert_int_equal(blocklist_count(list, BLOCKLIST_EC), 1);
	assert_int_equal(blocklist_count(list, BLOCKLIST_ANY), 1);
	blocklist_summary(list, text, sizeof(text));
	assert_non_null(strstr(text, "rsa 1 (openssl-blacklist 0, badkeys 1)"));

	req = make_req(rsa, NULL);
	pem = req_pem(req, &len);
	assert_int_equal(verdict(pem, len, list, NULL), CSR_KEY_BLOCKED);
	free(pem);
	X509_REQ_free(req);
	req = make_req(ec, NULL);
	pem = req_pem(req, &len);
	assert_int_equal(verdict(pem, len, list, NULL), CSR_KEY_BLOCKED);
	free(pem);
	X509_REQ_free(req);
	req = make_req(ed, NULL);
	pem = req_pem(req, &len);
	assert_int_equal(verdict(pem, len, list, NULL), CSR_KEY_BLOCKED);
	free(pem);
	X509_REQ_free(req);
	req = make_req(other, NULL);
	pem = req_pem(req, &len);
	assert_int_equal(verdict(pem, len, list, NULL), CSR_OK);
	free(pem);
	X509_REQ_free(req);
	blocklist_free(list);

	/* Only the first folder: the EC key passes. */
	assert_non_null(list = blocklist_load(tmpdir));
	assert_int_equal(blocklist_count(list, BLOCKLIST_EC), 0);
	req = make_req(ec, NULL);
	pem = req_pem(req, &len);
	assert_int_equal(verdict(pem, len, list, NULL), CSR_OK);
	free(pem);
	X509_REQ_free(req);
	blocklist_free(list);

	/* 31 hex digits is no entry: the load fails. */
	snprintf(text, sizeof(text), "%s0\n", e1);
	write_file("badkeys.rsa", text);
	assert_null(blocklist_load(dirs));

	snprintf(dirs, sizeof(dirs), "%s/badkeys.ec", second);
	unlink(dirs);
	snprintf(dirs, sizeof(dirs), "%s/badkeys.any", second);
	unlink(dirs);
	assert_int_equal(rmdir(second), 0);
	clean_tmpdir();
	assert_int_equal(rmdir(tmpdir), 0);
	EVP_PKEY_free(rsa);
	EVP_PKEY_free(ec);
	EVP_PKEY_free(ed);
	EVP_PKEY_free(other);
	assert_int_equal(ERR_peek_error(), 0);
}

static void
test_names(void **state)
{
	size_t		 i, j;
	const char	*s;

	for (i = 0; i < CSR__MAX; i++) {
		assert_non_null(s = csrerr_names[i]);
		assert_true(*s != '\0');
		for (; *s != '\0'; s++)
			assert_true((*s >= 'a' && *s <= 'z') ||
			    (*s >= '0' && *s <= '9') || *s == '-');
		for (j = 0; j < i; j++)
			assert_string_not_equal(csrerr_names[i],
			    csrerr_names[j]);
	}
	assert_string_equal(csrerr_names[CSR_OK], "ok");
	assert_string_equal(csrerr_names[CSR_NOT_CSR_CERTIFICATE],
	    "not-csr-certificate");
	assert_string_equal(csrerr_names[CSR_RSA_SIZE], "rsa-size");
	assert_string_equal(csrerr_names[CSR_INTERNAL], "internal");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fixtures),
		cmocka_unit_test(test_weak_key_copies),
		cmocka_unit_test(test_fixture_keys),
		cmocka_unit_test(test_generated_rsa),
		cmocka_unit_test(test_generated_ec),
		cmocka_unit_test(test_ec_point_off_curve),
		cmocka_unit_test(test_ec_encodings),
		cmocka_unit_test(test_generated_eddsa),
		cmocka_unit_test(test_wrong_key_types),
		cmocka_unit_test(test_signature),
		cmocka_unit_test(test_private_keys),
		cmocka_unit_test(test_wrong_objects),
		cmocka_unit_test(test_encodings),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_rsa_exponent),
		cmocka_unit_test(test_rsa_sizes_and_factors),
		cmocka_unit_test(test_fermat),
		cmocka_unit_test(test_roca_generated),
		cmocka_unit_test(test_roca_fixture),
		cmocka_unit_test(test_blocklist_files),
		cmocka_unit_test(test_blocklist_badkeys),
		cmocka_unit_test(test_debian_needs_list),
		cmocka_unit_test(test_names),
	};

	{
		char	 manifest[1024];
		FILE	*f;

		snprintf(manifest, sizeof(manifest), "%s/csr/manifest.tsv",
		    fixtures_dir());
		if ((f = fopen(manifest, "r")) == NULL) {
			printf("no fixtures at %s\n", fixtures_dir());
			return 1;
		}
		fclose(f);
	}
	return cmocka_run_group_tests(tests, setup, teardown);
}
