/*
 * Unit tests of profile.c: the organization-validated S/MIME certificate
 * profile. Certificates for RSA-2048, P-256 and Ed25519 keys from a
 * throwaway EC P-384 CA (and an RSA-3072 one), checked field by field
 * with OpenSSL's accessors, verified with the CA key, as a chain, and for
 * the S/MIME purposes; their layout compared with the reference
 * certificates of tests/data/fixtures/profile when SMIME_TEST_FIXTURES names
 * the fixtures directory. With SMIME_TEST_OUT set to a directory, the
 * certificates are also written there as PEM for openssl(1) and
 * certtool(1).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <openssl/bn.h>
#include <openssl/conf.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "profile.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

#define CRL_URL		"http://crl.test.invalid/smime-ca.crl"
#define AIA_URL		"http://aia.test.invalid/smime-ca.cer"
#define OCSP_URL	"http://ocsp.test.invalid/"
#define CPS_URL		"https://www.test.invalid/cps"
/* A CA with a CRL and nothing else. */
#define CA_MIN(c)	{ (c), CRL_URL, NULL, NULL, NULL }

enum ktype { K_RSA, K_EC, K_ED };

struct keys {
	EVP_PKEY	*ca384;		/* EC P-384 CA key */
	X509		*ca384cert;
	EVP_PKEY	*ca3072;	/* RSA-3072 CA key */
	X509		*ca3072cert;
	EVP_PKEY	*rsa;		/* subscriber keys */
	EVP_PKEY	*p256;
	EVP_PKEY	*ed;
};

static struct keys	 K;

static const struct profile_subject full = {
	"Przykładowa Spółka z o.o.", "VATPL-5260001246", "PL", "mazowieckie",
	"Warszawa", "jan.kowalski@example.com", 1, CN_EMAIL,
};

/* A parsed SubjectPublicKeyInfo of `k`, as a CSR gives one. */
static X509_PUBKEY *
spki_of(EVP_PKEY *k)
{
	unsigned char		*der = NULL;
	const unsigned char	*p;
	X509_PUBKEY		*pk;
	int			 len;

	len = i2d_PUBKEY(k, &der);
	assert_true(len > 0);
	p = der;
	pk = d2i_X509_PUBKEY(NULL, &p, len);
	assert_non_null(pk);
	OPENSSL_free(der);
	return pk;
}

static void
add_ext(X509 *x, X509 *issuer, int nid, const char *value)
{
	X509V3_CTX	 ctx;
	X509_EXTENSION	*ex;
	CONF		*conf;

	/* certificatePolicies wants a configuration, even an empty one. */
	conf = NCONF_new(NULL);
	assert_non_null(conf);
	X509V3_set_ctx(&ctx, issuer, x, NULL, NULL, 0);
	X509V3_set_nconf(&ctx, conf);
	ex = X509V3_EXT_conf_nid(NULL, &ctx, nid, value);
	NCONF_free(conf);
	if (ex == NULL) {
		ERR_print_errors_fp(stderr);
		fail_msg("extension %s = %s", OBJ_nid2sn(nid), value);
	}
	assert_true(X509_add_ext(x, ex, -1));
	X509_EXTENSION_free(ex);
}

/*
 * A self-signed S/MIME CA like the reference issuing CA: critical
 * basicConstraints and keyUsage, emailProtection, both OV policies, SKI.
 */
static X509 *
make_ca(EVP_PKEY *key, const char *cn)
{
	X509		*x;
	X509_NAME	*n;
	time_t		 now = time(NULL);

	x = X509_new();
	assert_non_null(x);
	assert_true(X509_set_version(x, X509_VERSION_3));
	assert_true(ASN1_INTEGER_set(X509_get_serialNumber(x), 0x5a17c0de));
	n = X509_get_subject_name(x);
	assert_true(X509_NAME_add_entry_by_NID(n, NID_countryName,
	    V_ASN1_PRINTABLESTRING, (const unsigned char *)"PL", -1, -1, 0));
	assert_true(X509_NAME_add_entry_by_NID(n, NID_organizationName,
	    V_ASN1_UTF8STRING, (const unsigned char *)"Test CA Org", -1, -1,
	    0));
	assert_true(X509_NAME_add_entry_by_NID(n, NID_commonName,
	    V_ASN1_UTF8STRING, (const unsigned char *)cn, -1, -1, 0));
	assert_true(X509_set_issuer_name(x, n));
	assert_non_null(ASN1_TIME_set(X509_getm_notBefore(x), now - 86400));
	assert_non_null(ASN1_TIME_set(X509_getm_notAfter(x),
	    now + 3650L * 86400));
	assert_true(X509_set_pubkey(x, key));
	add_ext(x, x, NID_basic_constraints, "critical,CA:TRUE");
	add_ext(x, x, NID_key_usage, "critical,keyCertSign,cRLSign");
	add_ext(x, x, NID_ext_key_usage, "emailProtection");
	add_ext(x, x, NID_certificate_policies,
	    "2.23.140.1.5.2.3,2.23.140.1.5.2.2");
	add_ext(x, x, NID_subject_key_identifier, "hash");
	assert_true(X509_sign(x, key, profile_md(key)) > 0);
	return x;
}

static int
setup(void **state)
{
	(void)state;
	K.ca384 = EVP_EC_gen("P-384");
	K.ca3072 = EVP_RSA_gen(3072);
	K.rsa = EVP_RSA_gen(2048);
	K.p256 = EVP_EC_gen("P-256");
	K.ed = EVP_PKEY_Q_keygen(NULL, NULL, "ED25519");
	if (K.ca384 == NULL || K.ca3072 == NULL || K.rsa == NULL ||
	    K.p256 == NULL || K.ed == NULL)
		return -1;
	K.ca384cert = make_ca(K.ca384, "Test S/MIME CA P-384");
	K.ca3072cert = make_ca(K.ca3072, "Test S/MIME CA RSA-3072");
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	X509_free(K.ca384cert);
	X509_free(K.ca3072cert);
	EVP_PKEY_free(K.ca384);
	EVP_PKEY_free(K.ca3072);
	EVP_PKEY_free(K.rsa);
	EVP_PKEY_free(K.p256);
	EVP_PKEY_free(K.ed);
	return 0;
}

static X509 *
reparse(X509 *x)
{
	unsigned char		*der = NULL;
	const unsigned char	*p;
	X509			*y;
	int			 len;

	len = i2d_X509(x, &der);
	assert_true(len > 0);
	p = der;
	y = d2i_X509(NULL, &p, len);
	assert_non_null(y);
	OPENSSL_free(der);
	return y;
}

/* Writes `x` as PEM to $SMIME_TEST_OUT/name, if that is set. */
static void
save(const char *name, X509 *x)
{
	const char	*dir = getenv("SMIME_TEST_OUT");
	char		 path[1024];
	FILE		*f;

	if (dir == NULL)
		return;
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	assert_non_null(f);
	assert_true(PEM_write_X509(f, x));
	fclose(f);
}

/* The DER of an extension's value, or of the subject, for comparisons. */
static void
ext_value(X509 *x, int loc, const unsigned char **p, int *len)
{
	ASN1_OCTET_STRING	*v;

	v = X509_EXTENSION_get_data(X509_get_ext(x, loc));
	*p = ASN1_STRING_get0_data(v);
	*len = ASN1_STRING_length(v);
}

/* A string attribute: NID, ASN.1 type, value. */
struct want_attr {
	int		 nid;
	int		 type;
	const char	*v;
};

/*
 * Checks the subject: the attributes of `s` in the order C, ST, L, O,
 * organizationIdentifier, CN, emailAddress, each alone in its RDN, with
 * its string type and value.
 */
static void
check_subject(X509 *x, const struct profile_subject *s)
{
	struct want_attr	 w[7];
	X509_NAME		*n = X509_get_subject_name(x);
	X509_NAME_ENTRY		*ne;
	const ASN1_STRING	*v;
	size_t			 nw = 0, i;

	if (s->country)
		w[nw++] = (struct want_attr){ NID_countryName,
		    V_ASN1_PRINTABLESTRING, s->country };
	if (s->state)
		w[nw++] = (struct want_attr){ NID_stateOrProvinceName,
		    V_ASN1_UTF8STRING, s->state };
	if (s->locality)
		w[nw++] = (struct want_attr){ NID_localityName,
		    V_ASN1_UTF8STRING, s->locality };
	w[nw++] = (struct want_attr){ NID_organizationName, V_ASN1_UTF8STRING,
	    s->organization };
	w[nw++] = (struct want_attr){ NID_organizationIdentifier,
	    V_ASN1_UTF8STRING, s->org_identifier };
	if (s->cn == CN_EMAIL)
		w[nw++] = (struct want_attr){ NID_commonName,
		    V_ASN1_UTF8STRING, s->email };
	else if (s->cn == CN_ORGANIZATION)
		w[nw++] = (struct want_attr){ NID_commonName,
		    V_ASN1_UTF8STRING, s->organization };
	if (s->include_email_attr)
		w[nw++] = (struct want_attr){ NID_pkcs9_emailAddress,
		    V_ASN1_IA5STRING, s->email };

	assert_int_equal(X509_NAME_entry_count(n), nw);
	for (i = 0; i < nw; i++) {
		ne = X509_NAME_get_entry(n, (int)i);
		v = X509_NAME_ENTRY_get_data(ne);
		assert_int_equal(OBJ_obj2nid(X509_NAME_ENTRY_get_object(ne)),
		    w[i].nid);
		assert_int_equal(X509_NAME_ENTRY_set(ne), i);
		assert_int_equal(ASN1_STRING_type(v), w[i].type);
		assert_int_equal(ASN1_STRING_length(v), strlen(w[i].v));
		assert_memory_equal(ASN1_STRING_get0_data(v), w[i].v,
		    strlen(w[i].v));
	}
}

/* The key's type, as the profile sees it. */
static enum ktype
ktype(EVP_PKEY *k)
{
	switch (EVP_PKEY_get_base_id(k)) {
	case EVP_PKEY_RSA:
		return K_RSA;
	case EVP_PKEY_EC:
		return K_EC;
	default:
		return K_ED;
	}
}

/*
 * Builds for subscriber key `sub` under CA (`cakey`, `cacert`) and checks
 * everything; returns the signed certificate (X509_free()).
 */
static X509 *
build_and_check(enum profile_kind kind, const struct profile_subject *s,
    EVP_PKEY *sub, EVP_PKEY *cakey, X509 *cacert, const char *cps, int days)
{
	struct profile_ca	 ca = { cacert, CRL_URL, AIA_URL, OCSP_URL,
	    cps };
	static const int	 order[] = {
		NID_key_usage, NID_ext_key_usage, NID_certificate_policies,
		NID_subject_alt_name, NID_crl_distribution_points,
		NID_info_access, NID_subject_key_identifier,
		NID_authority_key_identifier,
	};
	X509_PUBKEY		*spki = spki_of(sub);
	X509			*x, *y;
	const char		*why = "unset";
	time_t			 now = time(NULL);
	BIGNUM			*bn;
	unsigned char		*a = NULL, *b = NULL, md[EVP_MAX_MD_SIZE];
	unsigned int		 mdlen;
	int			 alen, blen, i, crit;
	uint32_t		 ku;
	CERTIFICATEPOLICIES	*cp;
	POLICYINFO		*pi;
	POLICYQUALINFO		*q;
	GENERAL_NAMES		*san;
	GENERAL_NAME		*g;
	CRL_DIST_POINTS		*dps;
	DIST_POINT		*dp;
	AUTHORITY_INFO_ACCESS	*aia;
	ACCESS_DESCRIPTION	*ad;
	ASN1_OCTET_STRING	*ski;
	AUTHORITY_KEYID		*akid;
	char			 t[80];
	X509_STORE		*store;
	X509_STORE_CTX		*ctx;

	x = profile_build(kind, s, spki, &ca, days, now, &why);
	if (x == NULL)
		fail_msg("profile_build: %s", why);
	assert_null(why);

	/* BR 7.1.1, 7.1 */
	assert_int_equal(X509_get_version(x), X509_VERSION_3);
	assert_int_equal(ASN1_STRING_type(X509_get0_serialNumber(x)),
	    V_ASN1_INTEGER);
	bn = ASN1_INTEGER_to_BN(X509_get0_serialNumber(x), NULL);
	assert_non_null(bn);
	assert_false(BN_is_negative(bn));
	assert_true(BN_num_bits(bn) >= 64 && BN_num_bits(bn) <= 159);
	BN_free(bn);

	/* BR 7.1.4.1: issuer = CA subject, byte for byte. */
	alen = i2d_X509_NAME(X509_get_issuer_name(x), &a);
	blen = i2d_X509_NAME(X509_get_subject_name(cacert), &b);
	assert_int_equal(alen, blen);
	assert_memory_equal(a, b, alen);
	OPENSSL_free(a);
	OPENSSL_free(b);
	a = b = NULL;

	/* Exactly `days` days counted as BR 6.3.2 does. */
	assert_int_equal(ASN1_TIME_cmp_time_t(X509_get0_notBefore(x), now), 0);
	assert_int_equal(ASN1_TIME_cmp_time_t(X509_get0_notAfter(x),
	    now + (time_t)days * 86400 - 1), 0);
	assert_int_equal(ASN1_STRING_type(X509_get0_notAfter(x)),
	    V_ASN1_UTCTIME);

	check_subject(x, s);

	/* The request's SubjectPublicKeyInfo, byte for byte. */
	alen = i2d_X509_PUBKEY(X509_get_X509_PUBKEY(x), &a);
	blen = i2d_X509_PUBKEY(spki, &b);
	assert_int_equal(alen, blen);
	assert_memory_equal(a, b, alen);
	OPENSSL_free(a);
	OPENSSL_free(b);
	a = b = NULL;

	/* Extensions: the references' order and criticality. */
	assert_int_equal(X509_get_ext_count(x), NELEM(order));
	for (i = 0; i < (int)NELEM(order); i++) {
		assert_int_equal(OBJ_obj2nid(X509_EXTENSION_get_object(
		    X509_get_ext(x, i))), order[i]);
		assert_int_equal(X509_EXTENSION_get_critical(
		    X509_get_ext(x, i)), order[i] == NID_key_usage);
	}

	/* certificatePolicies: the one reserved OID, the CPS if any. */
	cp = X509_get_ext_d2i(x, NID_certificate_policies, &crit, NULL);
	assert_non_null(cp);
	assert_int_equal(sk_POLICYINFO_num(cp), 1);
	pi = sk_POLICYINFO_value(cp, 0);
	OBJ_obj2txt(t, sizeof(t), pi->policyid, 1);
	assert_string_equal(t, profile_policy_oids[kind]);
	if (cps == NULL)
		assert_null(pi->qualifiers);
	else {
		assert_int_equal(sk_POLICYQUALINFO_num(pi->qualifiers), 1);
		q = sk_POLICYQUALINFO_value(pi->qualifiers, 0);
		assert_int_equal(OBJ_obj2nid(q->pqualid), NID_id_qt_cps);
		assert_int_equal(ASN1_STRING_length(q->d.cpsuri), strlen(cps));
		assert_memory_equal(ASN1_STRING_get0_data(q->d.cpsuri), cps,
		    strlen(cps));
	}
	CERTIFICATEPOLICIES_free(cp);

	/* subjectAltName: the mailbox, alone. */
	san = X509_get_ext_d2i(x, NID_subject_alt_name, &crit, NULL);
	assert_non_null(san);
	assert_int_equal(sk_GENERAL_NAME_num(san), 1);
	g = sk_GENERAL_NAME_value(san, 0);
	assert_int_equal(g->type, GEN_EMAIL);
	assert_int_equal(ASN1_STRING_length(g->d.rfc822Name), strlen(s->email));
	assert_memory_equal(ASN1_STRING_get0_data(g->d.rfc822Name), s->email,
	    strlen(s->email));
	GENERAL_NAMES_free(san);

	/* cRLDistributionPoints: one fullName URI. */
	dps = X509_get_ext_d2i(x, NID_crl_distribution_points, &crit, NULL);
	assert_non_null(dps);
	assert_int_equal(sk_DIST_POINT_num(dps), 1);
	dp = sk_DIST_POINT_value(dps, 0);
	assert_null(dp->reasons);
	assert_null(dp->CRLissuer);
	assert_int_equal(dp->distpoint->type, 0);
	assert_int_equal(sk_GENERAL_NAME_num(dp->distpoint->name.fullname), 1);
	g = sk_GENERAL_NAME_value(dp->distpoint->name.fullname, 0);
	assert_int_equal(g->type, GEN_URI);
	assert_string_equal(ASN1_STRING_get0_data(
	    g->d.uniformResourceIdentifier), CRL_URL);
	CRL_DIST_POINTS_free(dps);

	/* authorityInformationAccess: caIssuers, then OCSP. */
	aia = X509_get_ext_d2i(x, NID_info_access, &crit, NULL);
	assert_non_null(aia);
	assert_int_equal(sk_ACCESS_DESCRIPTION_num(aia), 2);
	ad = sk_ACCESS_DESCRIPTION_value(aia, 0);
	assert_int_equal(OBJ_obj2nid(ad->method), NID_ad_ca_issuers);
	assert_string_equal(ASN1_STRING_get0_data(
	    ad->location->d.uniformResourceIdentifier), AIA_URL);
	ad = sk_ACCESS_DESCRIPTION_value(aia, 1);
	assert_int_equal(OBJ_obj2nid(ad->method), NID_ad_OCSP);
	assert_string_equal(ASN1_STRING_get0_data(
	    ad->location->d.uniformResourceIdentifier), OCSP_URL);
	AUTHORITY_INFO_ACCESS_free(aia);

	/* SKI: SHA-1 of the key bits; AKI: the CA's SKI, keyid only. */
	ski = X509_get_ext_d2i(x, NID_subject_key_identifier, &crit, NULL);
	assert_non_null(ski);
	assert_true(X509_pubkey_digest(x, EVP_sha1(), md, &mdlen));
	assert_int_equal(ASN1_STRING_length(ski), mdlen);
	assert_memory_equal(ASN1_STRING_get0_data(ski), md, mdlen);
	ASN1_OCTET_STRING_free(ski);
	akid = X509_get_ext_d2i(x, NID_authority_key_identifier, &crit, NULL);
	assert_non_null(akid);
	assert_non_null(akid->keyid);
	assert_null(akid->issuer);
	assert_null(akid->serial);
	assert_int_equal(ASN1_OCTET_STRING_cmp(akid->keyid,
	    X509_get0_subject_key_id(cacert)), 0);
	AUTHORITY_KEYID_free(akid);

	/* Signed with the CA key and the digest for it. */
	assert_true(X509_sign(x, cakey, profile_md(cakey)) > 0);
	assert_int_equal(X509_verify(x, cakey), 1);

	/* As a relying party sees it: parsed, chained, fit for S/MIME. */
	y = reparse(x);
	assert_non_null(X509_get0_pubkey(y));
	/*
	 * keyUsage by key type (OpenSSL's KU_* flags), read from the parsed
	 * copy: OpenSSL caches these once per object, and on an unsigned
	 * certificate the cache is made without a fingerprint.
	 */
	ku = X509_get_key_usage(y);
	switch (ktype(sub)) {
	case K_RSA:
		assert_int_equal(ku, KU_DIGITAL_SIGNATURE |
		    KU_KEY_ENCIPHERMENT);
		break;
	case K_EC:
		assert_int_equal(ku, KU_DIGITAL_SIGNATURE | KU_KEY_AGREEMENT);
		break;
	case K_ED:
		assert_int_equal(ku, KU_DIGITAL_SIGNATURE);
		break;
	}
	assert_int_equal(X509_get_extended_key_usage(y),
	    kind == PROFILE_STRICT ? XKU_SMIME : XKU_SMIME | XKU_SSL_CLIENT);

	assert_int_equal(EVP_PKEY_eq(X509_get0_pubkey(y), sub), 1);
	store = X509_STORE_new();
	ctx = X509_STORE_CTX_new();
	assert_non_null(store);
	assert_non_null(ctx);
	assert_true(X509_STORE_add_cert(store, cacert));
	assert_true(X509_STORE_CTX_init(ctx, store, y, NULL));
	assert_true(X509_STORE_CTX_set_purpose(ctx, X509_PURPOSE_SMIME_SIGN));
	X509_STORE_CTX_set_flags(ctx, X509_V_FLAG_X509_STRICT |
	    X509_V_FLAG_POLICY_CHECK | X509_V_FLAG_EXPLICIT_POLICY);
	assert_true(X509_VERIFY_PARAM_add0_policy(X509_STORE_CTX_get0_param(
	    ctx), OBJ_txt2obj(profile_policy_oids[kind], 1)));
	if (X509_verify_cert(ctx) != 1)
		fail_msg("chain: %s", X509_verify_cert_error_string(
		    X509_STORE_CTX_get_error(ctx)));
	X509_STORE_CTX_free(ctx);
	X509_STORE_free(store);
	assert_int_equal(X509_check_purpose(y, X509_PURPOSE_SMIME_SIGN, 0), 1);
	/*
	 * OpenSSL's smimeencrypt purpose wants keyEncipherment: RSA only.
	 * EC keys encrypt by key agreement, EdDSA keys only sign.
	 */
	assert_int_equal(X509_check_purpose(y, X509_PURPOSE_SMIME_ENCRYPT, 0),
	    ktype(sub) == K_RSA);
	X509_free(y);
	X509_PUBKEY_free(spki);
	ERR_clear_error();
	return x;
}

/* The signature AlgorithmIdentifier's DER equals `der`. */
static void
check_sigalg(X509 *x, const char *der, size_t len)
{
	unsigned char	*a = NULL;
	int		 alen;

	alen = i2d_X509_ALGOR(X509_get0_tbs_sigalg(x), &a);
	assert_int_equal(alen, len);
	assert_memory_equal(a, der, len);
	OPENSSL_free(a);
}

static void
test_rsa_p384(void **state)
{
	X509	*x;

	(void)state;
	x = build_and_check(PROFILE_STRICT, &full, K.rsa, K.ca384,
	    K.ca384cert, CPS_URL, 365);
	/* BR 7.1.3.2.2: ECDSA P-384 with SHA-384, no parameters. */
	check_sigalg(x, "\x30\x0a\x06\x08\x2a\x86\x48\xce\x3d\x04\x03\x03", 12);
	save("rsa2048-p384.pem", x);
	X509_free(x);
}

static void
test_p256_p384(void **state)
{
	struct profile_subject	 s = full;
	X509			*x;

	(void)state;
	s.cn = CN_ORGANIZATION;
	s.include_email_attr = 0;
	x = build_and_check(PROFILE_STRICT, &s, K.p256, K.ca384, K.ca384cert,
	    NULL, 730);
	save("p256-p384.pem", x);
	X509_free(x);
}

static void
test_ed25519_p384(void **state)
{
	struct profile_subject	 s = full;
	X509			*x;

	(void)state;
	s.state = NULL;
	s.cn = CN_NONE;
	x = build_and_check(PROFILE_STRICT, &s, K.ed, K.ca384, K.ca384cert,
	    NULL, 825);
	save("ed25519-p384.pem", x);
	X509_free(x);
}

static void
test_rsa3072_ca(void **state)
{
	X509	*x;

	(void)state;
	x = build_and_check(PROFILE_STRICT, &full, K.p256, K.ca3072,
	    K.ca3072cert, NULL, 365);
	/* BR 7.1.3.2.1: sha256WithRSAEncryption with NULL parameters. */
	check_sigalg(x, "\x30\x0d\x06\x09\x2a\x86\x48\x86\xf7\x0d\x01\x01\x0b"
	    "\x05\x00", 15);
	save("p256-rsa3072.pem", x);
	X509_free(x);
	x = build_and_check(PROFILE_STRICT, &full, K.rsa, K.ca3072,
	    K.ca3072cert, CPS_URL, 365);
	save("rsa2048-rsa3072.pem", x);
	X509_free(x);
	save("ca-p384.pem", K.ca384cert);
	save("ca-rsa3072.pem", K.ca3072cert);
}

static void
test_multipurpose(void **state)
{
	X509	*x;

	(void)state;
	x = build_and_check(PROFILE_MULTIPURPOSE, &full, K.rsa, K.ca384,
	    K.ca384cert, CPS_URL, 398);
	save("rsa2048-p384-mp.pem", x);
	X509_free(x);
}

/*
 * BR 7.1: 100 serials, all different, each from 64 to 159 bits, their
 * bits spread: every one of the 159 positions is set in some serial and
 * clear in another.
 */
static void
test_serials(void **state)
{
	struct profile_ca	 ca = CA_MIN(K.ca384cert);
	X509_PUBKEY		*spki = spki_of(K.p256);
	BIGNUM			*bn[100];
	X509			*x;
	const char		*why;
	int			 i, j;

	(void)state;
	for (i = 0; i < 100; i++) {
		x = profile_build(PROFILE_STRICT, &full, spki, &ca, 30,
		    time(NULL), &why);
		assert_non_null(x);
		bn[i] = ASN1_INTEGER_to_BN(X509_get0_serialNumber(x), NULL);
		assert_non_null(bn[i]);
		assert_true(BN_num_bits(bn[i]) >= 64);
		assert_true(BN_num_bits(bn[i]) <= 159);
		assert_false(BN_is_negative(bn[i]));
		for (j = 0; j < i; j++)
			assert_int_not_equal(BN_cmp(bn[i], bn[j]), 0);
		X509_free(x);
	}
	for (j = 0; j < 159; j++) {
		int	 set = 0, clear = 0;

		for (i = 0; i < 100; i++) {
			if (BN_is_bit_set(bn[i], j))
				set++;
			else
				clear++;
		}
		assert_true(set > 0 && clear > 0);
	}
	for (i = 0; i < 100; i++)
		BN_free(bn[i]);
	X509_PUBKEY_free(spki);
}

/*
 * Validity: notAfter = notBefore + days * 86400 - 1 for 1 and 825 days;
 * 0 and 826 refused (BR 6.3.2). Dates from 2050 on are GeneralizedTime.
 */
static void
test_validity(void **state)
{
	struct profile_ca	 ca = CA_MIN(K.ca384cert);
	X509_PUBKEY		*spki = spki_of(K.p256);
	X509			*x;
	const char		*why;
	time_t			 now = 1800000000;	/* 2027-01-15 */
	int			 pday, psec;

	(void)state;
	x = profile_build(PROFILE_STRICT, &full, spki, &ca, 1, now, &why);
	assert_non_null(x);
	assert_true(ASN1_TIME_diff(&pday, &psec, X509_get0_notBefore(x),
	    X509_get0_notAfter(x)));
	assert_int_equal(pday, 0);
	assert_int_equal(psec, 86399);
	X509_free(x);
	x = profile_build(PROFILE_STRICT, &full, spki, &ca, 825, now, &why);
	assert_non_null(x);
	assert_true(ASN1_TIME_diff(&pday, &psec, X509_get0_notBefore(x),
	    X509_get0_notAfter(x)));
	assert_int_equal(pday, 824);
	assert_int_equal(psec, 86399);
	X509_free(x);
	/* 2049-12-01 for 60 days: notAfter in 2050, GeneralizedTime. */
	x = profile_build(PROFILE_STRICT, &full, spki, &ca, 60, 2521929600,
	    &why);
	assert_non_null(x);
	assert_int_equal(ASN1_STRING_type(X509_get0_notBefore(x)),
	    V_ASN1_UTCTIME);
	assert_int_equal(ASN1_STRING_type(X509_get0_notAfter(x)),
	    V_ASN1_GENERALIZEDTIME);
	X509_free(x);
	assert_null(profile_build(PROFILE_STRICT, &full, spki, &ca, 0, now,
	    &why));
	assert_non_null(why);
	assert_null(profile_build(PROFILE_STRICT, &full, spki, &ca, 826, now,
	    &why));
	assert_non_null(strstr(why, "6.3.2"));
	X509_PUBKEY_free(spki);
}

/* The minimal subject: O and organizationIdentifier only. */
static void
test_minimal_subject(void **state)
{
	struct profile_subject	 s = { "Example Org",
	    "LEIXG-529900T8BM49AURSDO55", NULL, NULL, NULL, "info@example.org",
	    0, CN_NONE };
	struct profile_ca	 ca = CA_MIN(K.ca384cert);
	X509_PUBKEY		*spki = spki_of(K.rsa);
	X509			*x;
	const char		*why;

	(void)state;
	x = profile_build(PROFILE_STRICT, &s, spki, &ca, 365, time(NULL), &why);
	assert_non_null(x);
	check_subject(x, &s);
	/* No AIA configured: no AIA extension; seven extensions left. */
	assert_int_equal(X509_get_ext_by_NID(x, NID_info_access, -1), -1);
	assert_int_equal(X509_get_ext_count(x), 7);
	X509_free(x);
	X509_PUBKEY_free(spki);
}

/*
 * The built certificate holds the request's key as bytes only (see
 * profile.h): no EVP_PKEY until it is parsed again.
 */
static void
test_key_as_bytes(void **state)
{
	struct profile_ca	 ca = CA_MIN(K.ca384cert);
	X509_PUBKEY		*spki = spki_of(K.p256);
	X509			*x, *y;
	const char		*why;

	(void)state;
	x = profile_build(PROFILE_STRICT, &full, spki, &ca, 365, time(NULL),
	    &why);
	assert_non_null(x);
	assert_null(X509_get0_pubkey(x));
	ERR_clear_error();
	assert_true(X509_sign(x, K.ca384, profile_md(K.ca384)) > 0);
	y = reparse(x);
	assert_int_equal(EVP_PKEY_eq(X509_get0_pubkey(y), K.p256), 1);
	X509_free(y);
	X509_free(x);
	X509_PUBKEY_free(spki);
}

/* Inputs the profile cannot carry are refused with a reason. */
static void
test_refusals(void **state)
{
	/* 65 characters each. */
	static const char	 mailbox65[] = "abcdefghijklmnopqrstuvwxyz"
	    "abcdefghijklmnopqrstuvwxyz0@example.com";
	static const char	 o65[] = "Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
	struct {
		const char		*what;
		const char		*why;	/* in the reason */
		struct profile_subject	 s;
		struct profile_ca	 ca;
		int			 days;
	} v[] = {
		{ "no O", "organizationName",
		  { NULL, "VATPL-5260001246", "PL", NULL, NULL,
		  "a@example.com", 0, CN_NONE }, { NULL, CRL_URL, NULL, NULL,
		  NULL }, 365 },
		{ "O 65 chars", "organizationName",
		  { o65, "VATPL-5260001246", "PL", NULL, NULL,
		  "a@example.com", 0, CN_NONE }, { NULL, CRL_URL, NULL, NULL,
		  NULL }, 365 },
		{ "O metadata", "organizationName",
		  { "-", "VATPL-5260001246", "PL", NULL, NULL,
		  "a@example.com", 0, CN_NONE }, { NULL, CRL_URL, NULL, NULL,
		  NULL }, 365 },
		{ "O control", "organizationName",
		  { "Bad\nOrg", "VATPL-5260001246", "PL", NULL,
		  NULL, "a@example.com", 0, CN_NONE }, { NULL, CRL_URL, NULL,
		  NULL, NULL }, 365 },
		{ "O not UTF-8", "organizationName",
		  { "Bad \xc3", "VATPL-5260001246", "PL", NULL,
		  NULL, "a@example.com", 0, CN_NONE }, { NULL, CRL_URL, NULL,
		  NULL, NULL }, 365 },
		{ "no orgId", "organizationIdentifier",
		  { "Org", NULL, "PL", NULL, NULL, "a@example.com",
		  0, CN_NONE }, { NULL, CRL_URL, NULL, NULL, NULL }, 365 },
		{ "orgId space", "organizationIdentifier",
		  { "Org", "VATPL 526", "PL", NULL, NULL,
		  "a@example.com", 0, CN_NONE }, { NULL, CRL_URL, NULL, NULL,
		  NULL }, 365 },
		{ "C lower case", "countryName must",
		  { "Org", "VATPL-5260001246", "pl", NULL, NULL,
		  "a@example.com", 0, CN_NONE }, { NULL, CRL_URL, NULL, NULL,
		  NULL }, 365 },
		{ "L without C", "need countryName",
		  { "Org", "LEIXG-529900T8BM49AURSDO55", NULL,
		  NULL, "Warszawa", "a@example.com", 0, CN_NONE }, { NULL,
		  CRL_URL, NULL, NULL, NULL }, 365 },
		{ "ST dot", "stateOrProvinceName",
		  { "Org", "VATPL-5260001246", "PL", ".", NULL,
		  "a@example.com", 0, CN_NONE }, { NULL, CRL_URL, NULL, NULL,
		  NULL }, 365 },
		{ "no email", "mailbox",
		  { "Org", "VATPL-5260001246", "PL", NULL, NULL,
		  NULL, 0, CN_NONE }, { NULL, CRL_URL, NULL, NULL, NULL },
		  365 },
		{ "email non-ASCII", "mailbox",
		  { "Org", "VATPL-5260001246", "PL", NULL,
		  NULL, "j\xc3\xb3zef@example.com", 0, CN_NONE }, { NULL,
		  CRL_URL, NULL, NULL, NULL }, 365 },
		{ "email two @", "mailbox",
		  { "Org", "VATPL-5260001246", "PL", NULL, NULL,
		  "a@b@example.com", 0, CN_NONE }, { NULL, CRL_URL, NULL, NULL,
		  NULL }, 365 },
		{ "CN email > 64", "commonName (RFC",
		  { "Org", "VATPL-5260001246", "PL", NULL,
		  NULL, mailbox65, 0, CN_EMAIL }, { NULL, CRL_URL, NULL, NULL,
		  NULL }, 365 },
		{ "bad CN choice", "commonName choice",
		  { "Org", "VATPL-5260001246", "PL", NULL,
		  NULL, "a@example.com", 0, CN__MAX }, { NULL, CRL_URL, NULL,
		  NULL, NULL }, 365 },
		{ "no CRL", "CRL URL",
		  { "Org", "VATPL-5260001246", "PL", NULL, NULL,
		  "a@example.com", 0, CN_NONE }, { NULL, NULL, NULL, NULL,
		  NULL }, 365 },
		{ "CRL ldap", "CRL URL",
		  { "Org", "VATPL-5260001246", "PL", NULL, NULL,
		  "a@example.com", 0, CN_NONE }, { NULL,
		  "ldap://ldap.example.com/cn=CA", NULL, NULL, NULL }, 365 },
		{ "CRL https", "CRL URL",
		  { "Org", "VATPL-5260001246", "PL", NULL, NULL,
		  "a@example.com", 0, CN_NONE }, { NULL,
		  "https://crl.example.com/ca.crl", NULL, NULL, NULL }, 365 },
		{ "AIA https", "caIssuers",
		  { "Org", "VATPL-5260001246", "PL", NULL, NULL,
		  "a@example.com", 0, CN_NONE }, { NULL, CRL_URL,
		  "https://aia.example.com/ca.cer", NULL, NULL }, 365 },
		{ "OCSP ldap", "OCSP",
		  { "Org", "VATPL-5260001246", "PL", NULL, NULL,
		  "a@example.com", 0, CN_NONE }, { NULL, CRL_URL, NULL,
		  "ldap://ocsp", NULL }, 365 },
		{ "CPS ftp", "CPS",
		  { "Org", "VATPL-5260001246", "PL", NULL, NULL,
		  "a@example.com", 0, CN_NONE }, { NULL, CRL_URL, NULL, NULL,
		  "ftp://www.example.com/cps" }, 365 },
		{ "URL no host", "CRL URL",
		  { "Org", "VATPL-5260001246", "PL", NULL, NULL,
		  "a@example.com", 0, CN_NONE }, { NULL, "http:///x.crl", NULL,
		  NULL, NULL }, 365 },
		{ "days 0", "6.3.2",
		  { "Org", "VATPL-5260001246", "PL", NULL, NULL,
		  "a@example.com", 0, CN_NONE }, { NULL, CRL_URL, NULL, NULL,
		  NULL }, 0 },
		{ "days 826", "6.3.2",
		  { "Org", "VATPL-5260001246", "PL", NULL, NULL,
		  "a@example.com", 0, CN_NONE }, { NULL, CRL_URL, NULL, NULL,
		  NULL }, 826 },
	};
	X509_PUBKEY		*spki = spki_of(K.p256);
	const char		*why;
	size_t			 i;

	(void)state;
	for (i = 0; i < NELEM(v); i++) {
		v[i].ca.cert = K.ca384cert;
		why = NULL;
		if (profile_build(PROFILE_STRICT, &v[i].s, spki, &v[i].ca,
		    v[i].days, time(NULL), &why) != NULL)
			fail_msg("accepted: %s", v[i].what);
		if (why == NULL || strstr(why, v[i].why) == NULL)
			fail_msg("%s: refused for \"%s\"", v[i].what, why);
	}
	X509_PUBKEY_free(spki);
}

/* Keys and CAs the profile cannot use are refused with a reason. */
static void
test_refused_keys(void **state)
{
	struct profile_ca	 ca = CA_MIN(K.ca384cert);
	EVP_PKEY		*k;
	X509_PUBKEY		*spki;
	X509			*noski;
	EVP_PKEY_CTX		*ctx;
	const char		*why;

	(void)state;
	/* secp256k1 and RSA-PSS keys: not in BR 7.1.3.1. */
	k = EVP_EC_gen("secp256k1");
	assert_non_null(k);
	spki = spki_of(k);
	assert_null(profile_build(PROFILE_STRICT, &full, spki, &ca, 365,
	    time(NULL), &why));
	assert_non_null(strstr(why, "7.1.3.1"));
	X509_PUBKEY_free(spki);
	EVP_PKEY_free(k);
	k = NULL;
	ctx = EVP_PKEY_CTX_new_from_name(NULL, "RSA-PSS", NULL);
	assert_non_null(ctx);
	assert_true(EVP_PKEY_keygen_init(ctx) > 0);
	assert_true(EVP_PKEY_CTX_set_rsa_keygen_bits(ctx, 2048) > 0);
	assert_true(EVP_PKEY_generate(ctx, &k) > 0);
	EVP_PKEY_CTX_free(ctx);
	spki = spki_of(k);
	assert_null(profile_build(PROFILE_STRICT, &full, spki, &ca, 365,
	    time(NULL), &why));
	assert_non_null(strstr(why, "7.1.3.1"));
	X509_PUBKEY_free(spki);
	EVP_PKEY_free(k);
	/* A CA certificate without subjectKeyIdentifier: no AKI to make. */
	noski = X509_dup(K.ca384cert);
	assert_non_null(noski);
	X509_EXTENSION_free(X509_delete_ext(noski,
	    X509_get_ext_by_NID(noski, NID_subject_key_identifier, -1)));
	ca.cert = noski;
	spki = spki_of(K.p256);
	assert_null(profile_build(PROFILE_STRICT, &full, spki, &ca, 365,
	    time(NULL), &why));
	assert_non_null(strstr(why, "subjectKeyIdentifier"));
	assert_null(profile_build(PROFILE_STRICT, &full, NULL, &ca, 365,
	    time(NULL), &why));
	assert_null(profile_build(PROFILE__MAX, &full, spki, &ca, 365,
	    time(NULL), &why));
	X509_PUBKEY_free(spki);
	X509_free(noski);
}

/* BR 7.1.3.2: the digest follows the CA key. */
static void
test_profile_md(void **state)
{
	EVP_PKEY	*k;

	(void)state;
	assert_ptr_equal(profile_md(K.rsa), EVP_sha256());
	assert_ptr_equal(profile_md(K.ca3072), EVP_sha256());
	assert_ptr_equal(profile_md(K.p256), EVP_sha256());
	assert_ptr_equal(profile_md(K.ca384), EVP_sha384());
	assert_null(profile_md(K.ed));
	assert_null(profile_md(NULL));
	k = EVP_EC_gen("P-521");
	assert_ptr_equal(profile_md(k), EVP_sha512());
	EVP_PKEY_free(k);
	k = EVP_EC_gen("secp256k1");
	assert_null(profile_md(k));
	EVP_PKEY_free(k);
	k = EVP_RSA_gen(4096);
	assert_ptr_equal(profile_md(k), EVP_sha384());
	EVP_PKEY_free(k);
}

/* Whether $SMIME_TEST_FIXTURES holds the profile fixtures. */
static const char *
fixtures(void)
{
	const char	*dir = getenv("SMIME_TEST_FIXTURES");
	char		 path[1024];
	FILE		*f;

	if (dir == NULL)
		return NULL;
	snprintf(path, sizeof(path), "%s/profile/chain.pem", dir);
	if ((f = fopen(path, "r")) == NULL)
		return NULL;
	fclose(f);
	return dir;
}

static X509 *
load_pem(const char *dir, const char *name, int which)
{
	char	 path[1024];
	FILE	*f;
	X509	*x = NULL;
	int	 i;

	snprintf(path, sizeof(path), "%s/profile/%s", dir, name);
	if ((f = fopen(path, "r")) == NULL)
		fail_msg("%s: cannot open", path);
	for (i = 0; i <= which; i++) {
		X509_free(x);
		x = PEM_read_X509(f, NULL, NULL, NULL);
		assert_non_null(x);
	}
	fclose(f);
	return x;
}

/*
 * Built from the reference certificates' own data, against their issuing
 * CA, a certificate has the references' subject DER and, extension by
 * extension, the same OID, criticality and value DER (the key
 * identifiers' values aside, which depend on the key).
 */
static void
test_fixture_layout(void **state)
{
	static const struct {
		const char	*file;
		enum cn_choice	 cn;
		const char	*ocsp;
	} fx[] = {
		{ "good-rsa.pem", CN_EMAIL, "http://ocsp.example.com/" },
		{ "good-ec.pem", CN_ORGANIZATION, NULL },
	};
	const char		*dir = fixtures();
	struct profile_subject	 s = { "Example Org", "VATPL-5260001246",
	    "PL", NULL, NULL, "alice@example.com", 0, CN_EMAIL };
	struct profile_ca	 ca = { NULL,
	    "http://crl.example.com/issuing.crl",
	    "http://aia.example.com/issuing.cer", NULL, NULL };
	X509			*ref, *issuing, *x;
	const unsigned char	*a, *b;
	size_t			 alen, blen, i;
	int			 n, la, lb, nid;
	const char		*why;

	(void)state;
	if (dir == NULL)
		fail_msg("no fixtures: SMIME_TEST_FIXTURES");
	issuing = load_pem(dir, "chain.pem", 0);
	for (i = 0; i < NELEM(fx); i++) {
		ref = load_pem(dir, fx[i].file, 0);
		s.cn = fx[i].cn;
		ca.cert = issuing;
		ca.ocsp_url = fx[i].ocsp;
		x = profile_build(PROFILE_STRICT, &s, X509_get_X509_PUBKEY(ref),
		    &ca, 365, time(NULL), &why);
		if (x == NULL)
			fail_msg("%s: %s", fx[i].file, why);
		assert_true(X509_NAME_get0_der(X509_get_subject_name(x), &a,
		    &alen));
		assert_true(X509_NAME_get0_der(X509_get_subject_name(ref), &b,
		    &blen));
		assert_int_equal(alen, blen);
		assert_memory_equal(a, b, alen);
		assert_int_equal(X509_get_ext_count(x),
		    X509_get_ext_count(ref));
		for (n = 0; n < X509_get_ext_count(ref); n++) {
			nid = OBJ_obj2nid(X509_EXTENSION_get_object(
			    X509_get_ext(ref, n)));
			assert_int_equal(OBJ_obj2nid(X509_EXTENSION_get_object(
			    X509_get_ext(x, n))), nid);
			assert_int_equal(X509_EXTENSION_get_critical(
			    X509_get_ext(x, n)), X509_EXTENSION_get_critical(
			    X509_get_ext(ref, n)));
			ext_value(x, n, &a, &la);
			ext_value(ref, n, &b, &lb);
			assert_int_equal(la, lb);
			if (nid == NID_subject_key_identifier)
				continue;	/* same key: same SKI too */
			assert_memory_equal(a, b, la);
		}
		/* Same key, same SKI: both are SHA-1 of the key bits. */
		ext_value(x, X509_get_ext_by_NID(x, NID_subject_key_identifier,
		    -1), &a, &la);
		ext_value(ref, X509_get_ext_by_NID(ref,
		    NID_subject_key_identifier, -1), &b, &lb);
		assert_memory_equal(a, b, la);
		X509_free(x);
		X509_free(ref);
	}
	X509_free(issuing);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rsa_p384),
		cmocka_unit_test(test_p256_p384),
		cmocka_unit_test(test_ed25519_p384),
		cmocka_unit_test(test_rsa3072_ca),
		cmocka_unit_test(test_multipurpose),
		cmocka_unit_test(test_serials),
		cmocka_unit_test(test_validity),
		cmocka_unit_test(test_minimal_subject),
		cmocka_unit_test(test_key_as_bytes),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_refused_keys),
		cmocka_unit_test(test_profile_md),
		cmocka_unit_test(test_fixture_layout),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
