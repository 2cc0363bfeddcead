/*
 * Unit tests of lint.c, the pre-issuance lint (S/MIME BR 4.3.1.2): clean
 * certificates of the profile give no finding; for every rule, a
 * certificate broken after building is refused naming that rule; the
 * reference certificates of tests/data/fixtures/profile pass (when
 * SMIME_TEST_FIXTURES names the fixtures directory). SMIME_TEST_BENCH=N
 * times N rounds of build, throwaway signature, lint and CA signature.
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
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "buf.h"
#include "lint.h"
#include "profile.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

#define CRL_URL		"http://crl.test.invalid/smime-ca.crl"
#define AIA_URL		"http://aia.test.invalid/smime-ca.cer"
#define OCSP_URL	"http://ocsp.test.invalid/"
#define CPS_URL		"https://www.test.invalid/cps"

enum kt { K_RSA, K_EC, K_ED, K_OTHER, K__MAX };

static struct {
	EVP_PKEY	*cakey;		/* EC P-384 */
	X509		*cacert;
	EVP_PKEY	*throwaway;	/* lint_key_new(cakey) */
	EVP_PKEY	*key[K__MAX];
	X509_PUBKEY	*spki[K__MAX];
} F;

static const struct profile_subject base_subject = {
	"Przykładowa Spółka z o.o.", "VATPL-5260001246", "PL", "mazowieckie",
	"Warszawa", "jan.kowalski@example.com", 1, CN_EMAIL,
};

/* One certificate under test with what it must say. */
struct tc {
	X509			*x;
	struct profile_subject	 s;
	struct profile_ca	 ca;
	struct lint_expect	 e;
	time_t			 now;
};

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

/* An extension from OpenSSL's configuration syntax. */
static X509_EXTENSION *
ext_conf(X509 *x, int nid, const char *value)
{
	X509V3_CTX	 ctx;
	X509_EXTENSION	*ex;
	CONF		*conf;

	conf = NCONF_new(NULL);
	assert_non_null(conf);
	X509V3_set_ctx(&ctx, F.cacert != NULL ? F.cacert : x, x, NULL, NULL,
	    0);
	X509V3_set_nconf(&ctx, conf);
	ex = X509V3_EXT_conf_nid(NULL, &ctx, nid, value);
	NCONF_free(conf);
	if (ex == NULL) {
		ERR_print_errors_fp(stderr);
		fail_msg("extension %s = %s", OBJ_nid2sn(nid), value);
	}
	return ex;
}

/* Replaces extension `nid` in place (or appends it) with `ex`. */
static void
ext_put(X509 *x, int nid, X509_EXTENSION *ex)
{
	int	 loc = X509_get_ext_by_NID(x, nid, -1);

	if (loc >= 0)
		X509_EXTENSION_free(X509_delete_ext(x, loc));
	assert_true(X509_add_ext(x, ex, loc));
	X509_EXTENSION_free(ex);
}

static void
ext_set(X509 *x, int nid, const char *value)
{
	ext_put(x, nid, ext_conf(x, nid, value));
}

static void
ext_del(X509 *x, int nid)
{
	int	 loc = X509_get_ext_by_NID(x, nid, -1);

	assert_true(loc >= 0);
	X509_EXTENSION_free(X509_delete_ext(x, loc));
}

/* Appends an extension of OID `oidtxt` with value DER `der`. */
static void
ext_raw(X509 *x, const char *oidtxt, int crit, const char *der, int len)
{
	ASN1_OBJECT		*o = OBJ_txt2obj(oidtxt, 1);
	ASN1_OCTET_STRING	*v = ASN1_OCTET_STRING_new();
	X509_EXTENSION		*ex;

	assert_non_null(o);
	assert_non_null(v);
	assert_true(ASN1_OCTET_STRING_set(v, (const unsigned char *)der, len));
	ex = X509_EXTENSION_create_by_OBJ(NULL, o, crit, v);
	assert_non_null(ex);
	assert_true(X509_add_ext(x, ex, -1));
	X509_EXTENSION_free(ex);
	ASN1_OCTET_STRING_free(v);
	ASN1_OBJECT_free(o);
}

/*
 * Sets the first subject attribute `nid` to `v` of string type `type`
 * (appends it when there is none), keeping its place; NULL deletes it.
 */
static void
name_set(X509_NAME *n, int nid, int type, const char *v)
{
	int	 loc = X509_NAME_get_index_by_NID(n, nid, -1);

	if (loc >= 0)
		X509_NAME_ENTRY_free(X509_NAME_delete_entry(n, loc));
	if (v != NULL)
		assert_true(X509_NAME_add_entry_by_NID(n, nid, type,
		    (const unsigned char *)v, -1, loc, 0));
}

static void
resign(X509 *x)
{
	assert_true(X509_sign(x, F.throwaway, profile_md(F.cakey)) > 0);
}

/* Builds the base certificate of a case, signed with the throwaway key. */
static void
tc_build(struct tc *t, enum profile_kind kind, enum kt k)
{
	const char	*why;

	memset(t, 0, sizeof(*t));
	t->s = base_subject;
	t->ca.cert = F.cacert;
	t->ca.crl_url = CRL_URL;
	t->ca.aia_url = AIA_URL;
	t->ca.ocsp_url = OCSP_URL;
	t->ca.cps_url = CPS_URL;
	t->now = time(NULL);
	t->e.kind = kind;
	t->e.subject = &t->s;
	t->e.ca = &t->ca;
	t->e.days = 365;
	t->e.spki = F.spki[k];
	t->x = profile_build(kind, &t->s, F.spki[k], &t->ca, t->e.days, t->now,
	    &why);
	if (t->x == NULL)
		fail_msg("profile_build: %s", why);
	resign(t->x);
}

/* Whether a line of `out` is a finding of `rule`. */
static int
has_rule(const char *out, const char *rule)
{
	const char	*p;
	size_t		 n = strlen(rule);

	for (p = out; p != NULL && *p != '\0'; p = strchr(p, '\n'), p = p ?
	    p + 1 : NULL)
		if (strncmp(p, rule, n) == 0 && p[n] == ':' && p[n + 1] == ' ')
			return 1;
	return 0;
}

/* Lints; returns the number of findings, the lines in *out (free()). */
static int
run(X509 *x, const struct lint_expect *e, char **out)
{
	struct buf	 b;
	int		 n;

	buf_init(&b);
	n = lint_cert(x, e, &b);
	*out = buf_detach(&b, NULL);
	assert_non_null(*out);
	return n;
}

static int
setup(void **state)
{
	X509		*x;
	X509_NAME	*n;
	time_t		 now = time(NULL);
	size_t		 i;

	(void)state;
	F.cakey = EVP_EC_gen("P-384");
	F.key[K_RSA] = EVP_RSA_gen(2048);
	F.key[K_EC] = EVP_EC_gen("P-256");
	F.key[K_ED] = EVP_PKEY_Q_keygen(NULL, NULL, "ED25519");
	F.key[K_OTHER] = EVP_EC_gen("P-256");
	for (i = 0; i < K__MAX; i++)
		if (F.key[i] == NULL)
			return -1;
	if (F.cakey == NULL || (F.throwaway = lint_key_new(F.cakey)) == NULL)
		return -1;
	for (i = 0; i < K__MAX; i++)
		F.spki[i] = spki_of(F.key[i]);

	/* The CA: like the reference issuing CA, with an SKI. */
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
	    V_ASN1_UTF8STRING, (const unsigned char *)"Test S/MIME CA", -1, -1,
	    0));
	assert_true(X509_set_issuer_name(x, n));
	assert_non_null(ASN1_TIME_set(X509_getm_notBefore(x), now - 86400));
	assert_non_null(ASN1_TIME_set(X509_getm_notAfter(x),
	    now + 3650L * 86400));
	assert_true(X509_set_pubkey(x, F.cakey));
	ext_put(x, NID_basic_constraints, ext_conf(x, NID_basic_constraints,
	    "critical,CA:TRUE"));
	ext_put(x, NID_key_usage, ext_conf(x, NID_key_usage,
	    "critical,keyCertSign,cRLSign"));
	ext_put(x, NID_subject_key_identifier, ext_conf(x,
	    NID_subject_key_identifier, "hash"));
	assert_true(X509_sign(x, F.cakey, profile_md(F.cakey)) > 0);
	F.cacert = x;
	return 0;
}

static int
teardown(void **state)
{
	size_t	 i;

	(void)state;
	for (i = 0; i < K__MAX; i++) {
		X509_PUBKEY_free(F.spki[i]);
		EVP_PKEY_free(F.key[i]);
	}
	X509_free(F.cacert);
	EVP_PKEY_free(F.throwaway);
	EVP_PKEY_free(F.cakey);
	return 0;
}

/* Every kind, key type and subject choice: no finding. */
static void
test_clean(void **state)
{
	static const struct {
		enum profile_kind	 kind;
		enum kt			 k;
		enum cn_choice		 cn;
		int			 email_attr;
		int			 aia;
		const char		*orgid;
		const char		*c;
	} v[] = {
		{ PROFILE_STRICT, K_RSA, CN_EMAIL, 1, 1, NULL, NULL },
		{ PROFILE_STRICT, K_EC, CN_ORGANIZATION, 0, 1, NULL, NULL },
		{ PROFILE_STRICT, K_ED, CN_NONE, 0, 0, NULL, NULL },
		{ PROFILE_MULTIPURPOSE, K_RSA, CN_ORGANIZATION, 1, 1, NULL,
		  NULL },
		{ PROFILE_MULTIPURPOSE, K_EC, CN_EMAIL, 0, 0, NULL, NULL },
		{ PROFILE_STRICT, K_EC, CN_EMAIL, 0, 1,
		  "LEIXG-529900T8BM49AURSDO55", NULL },
		{ PROFILE_STRICT, K_EC, CN_EMAIL, 0, 1, "VATEL-094014201",
		  "GR" },
		{ PROFILE_STRICT, K_EC, CN_EMAIL, 0, 1, "VATXI-123456789",
		  "GB" },
		{ PROFILE_STRICT, K_EC, CN_EMAIL, 0, 1, "NTRUS+CA-1234567",
		  "US" },
		{ PROFILE_STRICT, K_EC, CN_EMAIL, 0, 1, "INTXG-UN", "CH" },
		{ PROFILE_STRICT, K_EC, CN_EMAIL, 0, 1, "GOVPL", "PL" },
	};
	struct tc	 t;
	const char	*why;
	char		*out;
	size_t		 i;
	int		 n;

	(void)state;
	for (i = 0; i < NELEM(v); i++) {
		memset(&t, 0, sizeof(t));
		t.s = base_subject;
		t.s.cn = v[i].cn;
		t.s.include_email_attr = v[i].email_attr;
		if (v[i].orgid != NULL) {
			t.s.org_identifier = v[i].orgid;
			t.s.country = v[i].c;
			if (v[i].c == NULL)
				t.s.state = t.s.locality = NULL;
		}
		t.ca.cert = F.cacert;
		t.ca.crl_url = CRL_URL;
		if (v[i].aia) {
			t.ca.aia_url = AIA_URL;
			t.ca.ocsp_url = OCSP_URL;
			t.ca.cps_url = CPS_URL;
		}
		t.e.kind = v[i].kind;
		t.e.subject = &t.s;
		t.e.ca = &t.ca;
		t.e.days = 1 + (int)i * 82;
		t.e.spki = F.spki[v[i].k];
		t.x = profile_build(v[i].kind, &t.s, F.spki[v[i].k], &t.ca,
		    t.e.days, time(NULL), &why);
		if (t.x == NULL)
			fail_msg("case %zu: %s", i, why);
		resign(t.x);
		n = run(t.x, &t.e, &out);
		if (n != 0)
			fail_msg("case %zu: %d findings:\n%s", i, n, out);
		free(out);
		X509_free(t.x);
	}
}

/*
 * The mutations, one function each: change the certificate (and where a
 * case needs it the expectation), before the certificate is signed again
 * with the throwaway key.
 */
typedef void	 mutate_fn(struct tc *);

static void
m_version(struct tc *t)
{
	/* X509_sign() sets v3 again whenever there are extensions. */
	resign(t->x);
	assert_true(X509_set_version(t->x, X509_VERSION_1));
}

static void
m_serial_zero(struct tc *t)
{
	assert_true(ASN1_INTEGER_set(X509_get_serialNumber(t->x), 0));
}

static void
m_serial_negative(struct tc *t)
{
	assert_true(ASN1_INTEGER_set(X509_get_serialNumber(t->x), -5));
}

static void
m_serial_4bytes(struct tc *t)
{
	assert_true(ASN1_INTEGER_set(X509_get_serialNumber(t->x), 0x12345678));
}

static void
m_serial_2_159(struct tc *t)
{
	BIGNUM	*bn = BN_new();

	assert_non_null(bn);
	assert_true(BN_set_bit(bn, 159));
	assert_true(BN_add_word(bn, 12345));
	assert_non_null(BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(t->x)));
	BN_free(bn);
}

static void
m_sig_sha256(struct tc *t)
{
	/* ECDSA P-384 with SHA-256: the hash is not the curve's. */
	assert_true(X509_sign(t->x, F.throwaway, EVP_sha256()) > 0);
}

static void
m_sig_ed25519(struct tc *t)
{
	/* A signature of another family than the CA key's. */
	assert_true(X509_sign(t->x, F.key[K_ED], NULL) > 0);
}

static void
m_unsigned(struct tc *t)
{
	const char	*why;

	X509_free(t->x);
	t->x = profile_build(t->e.kind, &t->s, t->e.spki, &t->ca, t->e.days,
	    t->now, &why);
	assert_non_null(t->x);
}

static void
m_issuer_printable(struct tc *t)
{
	X509_NAME	*n = X509_NAME_dup(X509_get_issuer_name(t->x));

	/* Equal for X509_NAME_cmp(), not byte for byte (BR 7.1.4.1). */
	assert_non_null(n);
	name_set(n, NID_commonName, V_ASN1_PRINTABLESTRING, "Test S/MIME CA");
	assert_true(X509_set_issuer_name(t->x, n));
	assert_int_equal(X509_NAME_cmp(n, X509_get_subject_name(F.cacert)), 0);
	X509_NAME_free(n);
}

static void
m_issuer_other(struct tc *t)
{
	X509_NAME	*n = X509_NAME_dup(X509_get_issuer_name(t->x));

	assert_non_null(n);
	name_set(n, NID_commonName, V_ASN1_UTF8STRING, "Another CA");
	assert_true(X509_set_issuer_name(t->x, n));
	X509_NAME_free(n);
}

static void
m_validity_826(struct tc *t)
{
	assert_non_null(ASN1_TIME_set(X509_getm_notAfter(t->x),
	    t->now + 826L * 86400 - 1));
	t->e.days = 826;
}

static void
m_validity_one_second_more(struct tc *t)
{
	/* notBefore + 365 days: 365 days and one second, so 366 days. */
	assert_non_null(ASN1_TIME_set(X509_getm_notAfter(t->x),
	    t->now + 365L * 86400));
}

static void
m_validity_generalized(struct tc *t)
{
	/* A GeneralizedTime before 2050 (RFC 5280 4.1.2.5). */
	assert_true(ASN1_TIME_set_string(X509_getm_notAfter(t->x),
	    "20300101000000Z"));
}

static void
m_subject_street(struct tc *t)
{
	assert_true(X509_NAME_add_entry_by_NID(X509_get_subject_name(t->x),
	    NID_streetAddress, V_ASN1_UTF8STRING,
	    (const unsigned char *)"ul. Prosta 1", -1, -1, 0));
}

static void
m_subject_given_name(struct tc *t)
{
	assert_true(X509_NAME_add_entry_by_NID(X509_get_subject_name(t->x),
	    NID_givenName, V_ASN1_UTF8STRING, (const unsigned char *)"Jan", -1,
	    -1, 0));
}

static void
m_subject_ou(struct tc *t)
{
	assert_true(X509_NAME_add_entry_by_NID(X509_get_subject_name(t->x),
	    NID_organizationalUnitName, V_ASN1_UTF8STRING,
	    (const unsigned char *)"IT", -1, -1, 0));
}

static void
m_subject_o_other(struct tc *t)
{
	name_set(X509_get_subject_name(t->x), NID_organizationName,
	    V_ASN1_UTF8STRING, "Evil Corp");
}

static void
m_subject_no_o(struct tc *t)
{
	name_set(X509_get_subject_name(t->x), NID_organizationName, 0, NULL);
}

static void
m_subject_dash(struct tc *t)
{
	/* The builder refuses "-"; the expectation says "-" too. */
	name_set(X509_get_subject_name(t->x), NID_localityName,
	    V_ASN1_UTF8STRING, "-");
	t->s.locality = "-";
}

static void
m_subject_na(struct tc *t)
{
	name_set(X509_get_subject_name(t->x), NID_stateOrProvinceName,
	    V_ASN1_UTF8STRING, "N/A");
	t->s.state = "N/A";
}

static void
m_subject_l_without_c(struct tc *t)
{
	name_set(X509_get_subject_name(t->x), NID_countryName, 0, NULL);
	t->s.country = NULL;
}

static void
m_subject_bmp(struct tc *t)
{
	X509_NAME	*n = X509_get_subject_name(t->x);
	int		 loc;

	loc = X509_NAME_get_index_by_NID(n, NID_organizationName, -1);
	X509_NAME_ENTRY_free(X509_NAME_delete_entry(n, loc));
	assert_true(X509_NAME_add_entry_by_NID(n, NID_organizationName,
	    V_ASN1_BMPSTRING, (const unsigned char *)"\0O\0r\0g", 6, loc, 0));
	t->s.organization = "Org";
}

static void
m_subject_two_o(struct tc *t)
{
	assert_true(X509_NAME_add_entry_by_NID(X509_get_subject_name(t->x),
	    NID_organizationName, V_ASN1_UTF8STRING,
	    (const unsigned char *)"Second Org", -1, -1, 0));
}

static void
m_subject_unverified_c(struct tc *t)
{
	/* A value present that is not among the verified data. */
	t->s.country = NULL;
	t->s.state = NULL;
	t->s.locality = NULL;
	name_set(X509_get_subject_name(t->x), NID_stateOrProvinceName, 0,
	    NULL);
	name_set(X509_get_subject_name(t->x), NID_localityName, 0, NULL);
}

static void
m_subject_multivalued(struct tc *t)
{
	X509_NAME	*n = X509_get_subject_name(t->x);
	int		 loc;

	loc = X509_NAME_get_index_by_NID(n, NID_localityName, -1);
	/* L joins ST's RDN. */
	X509_NAME_ENTRY_free(X509_NAME_delete_entry(n, loc));
	assert_true(X509_NAME_add_entry_by_NID(n, NID_localityName,
	    V_ASN1_UTF8STRING, (const unsigned char *)"Warszawa", -1, loc,
	    -1));
}

static void
set_orgid(struct tc *t, const char *v)
{
	name_set(X509_get_subject_name(t->x), NID_organizationIdentifier,
	    V_ASN1_UTF8STRING, v);
	t->s.org_identifier = v;
}

static void
m_orgid_country(struct tc *t)
{
	set_orgid(t, "VATDE-123456789");
}

static void
m_orgid_lei_checksum(struct tc *t)
{
	set_orgid(t, "LEIXG-529900T8BM49AURSDO56");
}

static void
m_orgid_lei_country(struct tc *t)
{
	set_orgid(t, "LEIPL-529900T8BM49AURSDO55");
}

static void
m_orgid_scheme(struct tc *t)
{
	set_orgid(t, "ABCPL-123");
}

static void
m_orgid_no_reference(struct tc *t)
{
	set_orgid(t, "NTRPL-");
}

static void
m_orgid_subdivision(struct tc *t)
{
	set_orgid(t, "VATPL+MZ-5260001246");
}

static void
m_orgid_lower(struct tc *t)
{
	set_orgid(t, "vatPL-5260001246");
}

static void
m_cn_other(struct tc *t)
{
	name_set(X509_get_subject_name(t->x), NID_commonName,
	    V_ASN1_UTF8STRING, "Someone Else");
}

static void
m_cn_not_chosen(struct tc *t)
{
	t->s.cn = CN_NONE;
}

static void
m_cn_organization_chosen(struct tc *t)
{
	/* The mailbox is a valid CN, but the customer chose O. */
	t->s.cn = CN_ORGANIZATION;
}

static void
m_email_attr_other(struct tc *t)
{
	name_set(X509_get_subject_name(t->x), NID_pkcs9_emailAddress,
	    V_ASN1_IA5STRING, "bob@example.com");
}

static void
m_email_attr_not_chosen(struct tc *t)
{
	t->s.include_email_attr = 0;
}

static void
m_san_missing(struct tc *t)
{
	ext_del(t->x, NID_subject_alt_name);
}

static void
m_san_dns(struct tc *t)
{
	ext_set(t->x, NID_subject_alt_name,
	    "email:jan.kowalski@example.com,DNS:example.com");
}

static void
m_san_critical(struct tc *t)
{
	ext_set(t->x, NID_subject_alt_name,
	    "critical,email:jan.kowalski@example.com");
}

static void
m_san_other_mailbox(struct tc *t)
{
	/* The subject mailboxes go along so only the SAN is wrong. */
	ext_set(t->x, NID_subject_alt_name,
	    "email:jan.kowalski@example.com,email:eve@example.com");
}

static void
m_san_otherName(struct tc *t)
{
	ext_set(t->x, NID_subject_alt_name, "email:jan.kowalski@example.com,"
	    "otherName:1.3.6.1.4.1.311.20.2.3;UTF8:jan@example.com");
}

static void
m_ku_noncritical(struct tc *t)
{
	ext_set(t->x, NID_key_usage, "digitalSignature,keyAgreement");
}

static void
m_ku_wrong_bits(struct tc *t)
{
	/* keyEncipherment on an EC key. */
	ext_set(t->x, NID_key_usage, "critical,digitalSignature,"
	    "keyEncipherment");
}

static void
m_ku_rsa_agreement(struct tc *t)
{
	ext_set(t->x, NID_key_usage, "critical,digitalSignature,keyAgreement");
}

static void
m_ku_ed_dual(struct tc *t)
{
	ext_set(t->x, NID_key_usage, "critical,digitalSignature,keyAgreement");
}

static void
m_ku_cert_sign(struct tc *t)
{
	ext_set(t->x, NID_key_usage, "critical,digitalSignature,keyAgreement,"
	    "keyCertSign");
}

static void
m_ku_missing(struct tc *t)
{
	ext_del(t->x, NID_key_usage);
}

static void
m_eku_server(struct tc *t)
{
	ext_set(t->x, NID_ext_key_usage, "emailProtection,serverAuth");
}

static void
m_eku_client_strict(struct tc *t)
{
	ext_set(t->x, NID_ext_key_usage, "emailProtection,clientAuth");
}

static void
m_eku_no_email(struct tc *t)
{
	ext_set(t->x, NID_ext_key_usage, "clientAuth");
}

static void
m_bc_ca(struct tc *t)
{
	ext_set(t->x, NID_basic_constraints, "critical,CA:TRUE");
}

static void
m_aki_missing(struct tc *t)
{
	ext_del(t->x, NID_authority_key_identifier);
}

static void
m_aki_issuer_serial(struct tc *t)
{
	ext_set(t->x, NID_authority_key_identifier,
	    "keyid:always,issuer:always");
}

static void
m_aki_other_keyid(struct tc *t)
{
	/* 30 16 80 14 <20 bytes>: AuthorityKeyIdentifier { [0] keyid } */
	char	 der[24] = "\x30\x16\x80\x14";

	assert_true(RAND_bytes((unsigned char *)der + 4, 20) == 1);
	ext_del(t->x, NID_authority_key_identifier);
	ext_raw(t->x, "2.5.29.35", 0, der, sizeof(der));
}

static void
m_ski_wrong(struct tc *t)
{
	char	 der[22] = "\x04\x14";

	assert_true(RAND_bytes((unsigned char *)der + 2, 20) == 1);
	ext_del(t->x, NID_subject_key_identifier);
	ext_raw(t->x, "2.5.29.14", 0, der, sizeof(der));
}

static void
m_ski_missing(struct tc *t)
{
	ext_del(t->x, NID_subject_key_identifier);
}

static void
m_crl_other(struct tc *t)
{
	ext_set(t->x, NID_crl_distribution_points,
	    "URI:http://crl.elsewhere.invalid/ca.crl");
}

static void
m_crl_ldap(struct tc *t)
{
	ext_set(t->x, NID_crl_distribution_points, "URI:" CRL_URL
	    ",URI:ldap://ldap.test.invalid/cn=CA?certificateRevocationList");
}

static void
m_crl_missing(struct tc *t)
{
	ext_del(t->x, NID_crl_distribution_points);
}

static void
m_aia_https(struct tc *t)
{
	ext_set(t->x, NID_info_access, "caIssuers;URI:https://aia.test.invalid"
	    "/smime-ca.cer,OCSP;URI:" OCSP_URL);
}

static void
m_aia_missing(struct tc *t)
{
	ext_del(t->x, NID_info_access);
}

static void
m_aia_ocsp_unconfigured(struct tc *t)
{
	t->ca.ocsp_url = NULL;
}

static void
set_policies(struct tc *t, const char *v)
{
	ext_set(t->x, NID_certificate_policies, v);
	t->ca.cps_url = NULL;
}

static void
m_pol_wrong(struct tc *t)
{
	set_policies(t, "2.23.140.1.5.2.2");
}

static void
m_pol_extra_reserved(struct tc *t)
{
	set_policies(t, "2.23.140.1.5.2.3,2.23.140.1.5.1.3");
}

static void
m_pol_extra_other(struct tc *t)
{
	set_policies(t, "2.23.140.1.5.2.3,1.3.6.1.4.1.99999.1");
}

static void
m_pol_legacy(struct tc *t)
{
	set_policies(t, PROFILE_LEGACY_OID);
}

static void
m_pol_any(struct tc *t)
{
	set_policies(t, "2.23.140.1.5.2.3,2.5.29.32.0");
}

static void
m_pol_missing(struct tc *t)
{
	ext_del(t->x, NID_certificate_policies);
	t->ca.cps_url = NULL;
}

/* A userNotice with a noticeRef, built by hand. */
static void
m_pol_notice_ref(struct tc *t)
{
	CERTIFICATEPOLICIES	*cp = sk_POLICYINFO_new_null();
	POLICYINFO		*pi = POLICYINFO_new();
	POLICYQUALINFO		*q = POLICYQUALINFO_new();
	USERNOTICE		*un = USERNOTICE_new();
	NOTICEREF		*nr = NOTICEREF_new();
	ASN1_INTEGER		*no = ASN1_INTEGER_new();

	assert_true(cp && pi && q && un && nr && no);
	pi->policyid = OBJ_txt2obj(profile_policy_oids[PROFILE_STRICT], 1);
	pi->qualifiers = sk_POLICYQUALINFO_new_null();
	q->pqualid = OBJ_nid2obj(NID_id_qt_unotice);
	assert_true(ASN1_STRING_set(nr->organization, "Test CA Org", -1));
	nr->organization->type = V_ASN1_UTF8STRING;
	assert_true(ASN1_INTEGER_set(no, 1));
	assert_true(sk_ASN1_INTEGER_push(nr->noticenos, no));
	un->noticeref = nr;
	un->exptext = ASN1_UTF8STRING_new();
	assert_true(ASN1_STRING_set(un->exptext, "See the CPS", -1));
	q->d.usernotice = un;
	assert_true(sk_POLICYQUALINFO_push(pi->qualifiers, q));
	assert_true(sk_POLICYINFO_push(cp, pi));
	assert_true(X509_add1_ext_i2d(t->x, NID_certificate_policies, cp, 0,
	    X509V3_ADD_REPLACE) == 1);
	CERTIFICATEPOLICIES_free(cp);
	t->ca.cps_url = NULL;
}

static void
m_pol_cps_ftp(struct tc *t)
{
	CERTIFICATEPOLICIES	*cp = sk_POLICYINFO_new_null();
	POLICYINFO		*pi = POLICYINFO_new();
	POLICYQUALINFO		*q = POLICYQUALINFO_new();

	assert_true(cp && pi && q);
	pi->policyid = OBJ_txt2obj(profile_policy_oids[PROFILE_STRICT], 1);
	pi->qualifiers = sk_POLICYQUALINFO_new_null();
	q->pqualid = OBJ_nid2obj(NID_id_qt_cps);
	q->d.cpsuri = ASN1_IA5STRING_new();
	assert_true(ASN1_STRING_set(q->d.cpsuri, "ftp://www.test.invalid/cps",
	    -1));
	assert_true(sk_POLICYQUALINFO_push(pi->qualifiers, q));
	assert_true(sk_POLICYINFO_push(cp, pi));
	assert_true(X509_add1_ext_i2d(t->x, NID_certificate_policies, cp, 0,
	    X509V3_ADD_REPLACE) == 1);
	CERTIFICATEPOLICIES_free(cp);
}

static void
m_unknown_critical(struct tc *t)
{
	ext_raw(t->x, "1.3.6.1.4.1.99999.7", 1, "\x05\x00", 2);
}

static void
m_unknown_noncritical(struct tc *t)
{
	ext_set(t->x, NID_netscape_comment, "a comment");
}

static void
m_duplicate_eku(struct tc *t)
{
	X509_EXTENSION	*ex = ext_conf(t->x, NID_ext_key_usage,
	    "emailProtection");

	assert_true(X509_add_ext(t->x, ex, -1));
	X509_EXTENSION_free(ex);
}

static void
m_wrong_spki(struct tc *t)
{
	assert_true(X509_set_pubkey(t->x, F.key[K_OTHER]));
}

static void
m_wrong_expected_spki(struct tc *t)
{
	t->e.spki = F.spki[K_OTHER];
}

static const struct mutation {
	const char	*name;
	const char	*rule;		/* must be named */
	int		 only;		/* and be the only one */
	enum kt		 k;
	mutate_fn	*fn;
	int		 signs;		/* fn signs (or not) itself */
} mutations[] = {
	{ "version 1", "version-3", 1, K_EC, m_version, 1 },
	{ "serial 0", "serial-positive", 0, K_EC, m_serial_zero, 0 },
	{ "serial negative", "serial-positive", 1, K_EC, m_serial_negative, 0 },
	{ "serial 4 bytes", "serial-entropy", 1, K_EC, m_serial_4bytes, 0 },
	{ "serial >= 2^159", "serial-entropy", 1, K_EC, m_serial_2_159, 0 },
	{ "P-384 with SHA-256", "signature-algorithm", 1, K_EC, m_sig_sha256,
	  1 },
	{ "Ed25519 signature", "signature-algorithm", 1, K_EC, m_sig_ed25519,
	  1 },
	{ "unsigned", "signature-algorithm", 1, K_EC, m_unsigned, 1 },
	{ "issuer PrintableString", "issuer-matches-ca", 1, K_EC,
	  m_issuer_printable, 0 },
	{ "issuer other", "issuer-matches-ca", 1, K_EC, m_issuer_other, 0 },
	{ "826 days", "validity", 1, K_EC, m_validity_826, 0 },
	{ "365 days + 1 s", "validity", 1, K_EC, m_validity_one_second_more,
	  0 },
	{ "GeneralizedTime 2030", "validity", 1, K_EC, m_validity_generalized,
	  0 },
	{ "streetAddress", "subject-attributes", 1, K_EC, m_subject_street,
	  0 },
	{ "givenName", "subject-attributes", 1, K_EC, m_subject_given_name,
	  0 },
	{ "organizationalUnitName", "subject-attributes", 1, K_EC,
	  m_subject_ou, 0 },
	{ "O not verified", "subject-attributes", 1, K_EC, m_subject_o_other,
	  0 },
	{ "no O", "subject-attributes", 1, K_EC, m_subject_no_o, 0 },
	{ "L \"-\"", "subject-attributes", 1, K_EC, m_subject_dash, 0 },
	{ "ST \"N/A\"", "subject-attributes", 1, K_EC, m_subject_na, 0 },
	{ "L without C", "subject-attributes", 1, K_EC, m_subject_l_without_c,
	  0 },
	{ "O BMPString", "subject-attributes", 1, K_EC, m_subject_bmp, 0 },
	{ "two O", "subject-attributes", 1, K_EC, m_subject_two_o, 0 },
	{ "C not verified", "subject-attributes", 1, K_EC,
	  m_subject_unverified_c, 0 },
	{ "multi-valued RDN", "subject-attributes", 1, K_EC,
	  m_subject_multivalued, 0 },
	{ "orgId VATDE with C=PL", "org-identifier", 1, K_EC, m_orgid_country,
	  0 },
	{ "orgId LEI checksum", "org-identifier", 1, K_EC,
	  m_orgid_lei_checksum, 0 },
	{ "orgId LEIPL", "org-identifier", 1, K_EC, m_orgid_lei_country, 0 },
	{ "orgId scheme ABC", "org-identifier", 1, K_EC, m_orgid_scheme, 0 },
	{ "orgId no reference", "org-identifier", 1, K_EC,
	  m_orgid_no_reference, 0 },
	{ "orgId VAT subdivision", "org-identifier", 1, K_EC,
	  m_orgid_subdivision, 0 },
	{ "orgId lower case", "org-identifier", 1, K_EC, m_orgid_lower, 0 },
	{ "CN other", "cn", 1, K_EC, m_cn_other, 0 },
	{ "CN not chosen", "cn", 1, K_EC, m_cn_not_chosen, 0 },
	{ "CN mailbox, O chosen", "cn", 1, K_EC, m_cn_organization_chosen, 0 },
	{ "emailAddress not in SAN", "email-attr", 1, K_EC, m_email_attr_other,
	  0 },
	{ "emailAddress not chosen", "email-attr", 1, K_EC,
	  m_email_attr_not_chosen, 0 },
	{ "no SAN", "san", 0, K_EC, m_san_missing, 0 },
	{ "SAN dNSName", "san", 1, K_EC, m_san_dns, 0 },
	{ "SAN critical", "san", 1, K_EC, m_san_critical, 0 },
	{ "SAN unverified mailbox", "san", 1, K_EC, m_san_other_mailbox, 0 },
	{ "SAN otherName", "san", 1, K_EC, m_san_otherName, 0 },
	{ "KU not critical", "key-usage", 1, K_EC, m_ku_noncritical, 0 },
	{ "KU keyEncipherment on EC", "key-usage", 1, K_EC, m_ku_wrong_bits,
	  0 },
	{ "KU keyAgreement on RSA", "key-usage", 1, K_RSA, m_ku_rsa_agreement,
	  0 },
	{ "KU dual use on Ed25519", "key-usage", 1, K_ED, m_ku_ed_dual, 0 },
	{ "KU keyCertSign", "key-usage", 1, K_EC, m_ku_cert_sign, 0 },
	{ "no KU", "key-usage", 1, K_EC, m_ku_missing, 0 },
	{ "EKU serverAuth", "eku", 1, K_EC, m_eku_server, 0 },
	{ "EKU clientAuth in strict", "eku", 1, K_EC, m_eku_client_strict, 0 },
	{ "EKU without emailProtection", "eku", 1, K_EC, m_eku_no_email, 0 },
	{ "cA true", "basic-constraints", 1, K_EC, m_bc_ca, 0 },
	{ "no AKI", "aki", 1, K_EC, m_aki_missing, 0 },
	{ "AKI issuer+serial", "aki", 1, K_EC, m_aki_issuer_serial, 0 },
	{ "AKI other keyid", "aki", 1, K_EC, m_aki_other_keyid, 0 },
	{ "SKI not derived", "ski", 1, K_EC, m_ski_wrong, 0 },
	{ "no SKI", "ski", 1, K_EC, m_ski_missing, 0 },
	{ "CRL URL other", "crl-dp", 1, K_EC, m_crl_other, 0 },
	{ "CRL ldap://", "crl-dp", 1, K_EC, m_crl_ldap, 0 },
	{ "no CRL DP", "crl-dp", 1, K_EC, m_crl_missing, 0 },
	{ "AIA https://", "aia", 1, K_EC, m_aia_https, 0 },
	{ "no AIA", "aia", 1, K_EC, m_aia_missing, 0 },
	{ "OCSP not configured", "aia", 1, K_EC, m_aia_ocsp_unconfigured, 0 },
	{ "multipurpose OID in strict", "policies", 1, K_EC, m_pol_wrong, 0 },
	{ "two reserved OIDs", "policies", 1, K_EC, m_pol_extra_reserved, 0 },
	{ "extra OID", "policies", 1, K_EC, m_pol_extra_other, 0 },
	{ "legacy OID", "policies", 1, K_EC, m_pol_legacy, 0 },
	{ "anyPolicy", "policies", 1, K_EC, m_pol_any, 0 },
	{ "no policies", "policies", 1, K_EC, m_pol_missing, 0 },
	{ "userNotice noticeRef", "policies", 1, K_EC, m_pol_notice_ref, 0 },
	{ "CPS ftp://", "policies", 1, K_EC, m_pol_cps_ftp, 0 },
	{ "unknown critical extension", "no-unknown-critical-extensions", 0,
	  K_EC, m_unknown_critical, 0 },
	{ "unknown extension", "extensions-known", 1, K_EC,
	  m_unknown_noncritical, 0 },
	{ "EKU twice", "extension-unique", 1, K_EC, m_duplicate_eku, 0 },
	{ "other key in the certificate", "key", 0, K_EC, m_wrong_spki, 0 },
	{ "other key expected", "key", 1, K_EC, m_wrong_expected_spki, 0 },
};

/*
 * Every mutation is refused naming its rule (and, for most, only that
 * rule); every rule has a mutation.
 */
static void
test_mutations(void **state)
{
	const struct mutation	*m;
	struct tc		 t;
	char			*out, want[64], *p, *line;
	const char		*name;
	size_t			 i, r;
	int			 n, lines;

	(void)state;
	for (i = 0; i < NELEM(mutations); i++) {
		m = &mutations[i];
		tc_build(&t, PROFILE_STRICT, m->k);
		m->fn(&t);
		if (!m->signs)
			resign(t.x);
		n = run(t.x, &t.e, &out);
		snprintf(want, sizeof(want), "%s: ", m->rule);
		if (n <= 0 || !has_rule(out, m->rule))
			fail_msg("%s: %d findings, none %s\n%s", m->name, n,
			    m->rule, out);
		/* Each finding is a line of a known rule; count them. */
		lines = 0;
		for (p = out; (line = strchr(p, '\n')) != NULL; p = line + 1) {
			lines++;
			if (m->only && strncmp(p, want, strlen(want)) != 0)
				fail_msg("%s: finding of another rule:\n%s",
				    m->name, out);
		}
		assert_int_equal(lines, n);
		if (getenv("SMIME_TEST_VERBOSE") != NULL)
			printf("-- %s\n%s", m->name, out);
		free(out);
		X509_free(t.x);
	}
	for (r = 0; (name = lint_rule_name(r)) != NULL; r++) {
		for (i = 0; i < NELEM(mutations); i++)
			if (strcmp(mutations[i].rule, name) == 0)
				break;
		if (i == NELEM(mutations))
			fail_msg("rule %s has no mutation", name);
	}
	assert_int_equal(r, 23);
}

/* A multipurpose certificate: clientAuth allowed, others not. */
static void
test_multipurpose(void **state)
{
	struct tc	 t;
	char		*out;

	(void)state;
	tc_build(&t, PROFILE_MULTIPURPOSE, K_RSA);
	assert_int_equal(run(t.x, &t.e, &out), 0);
	free(out);
	ext_set(t.x, NID_ext_key_usage, "emailProtection,clientAuth,"
	    "codeSigning");
	resign(t.x);
	assert_true(run(t.x, &t.e, &out) > 0);
	assert_non_null(strstr(out, "eku: "));
	free(out);
	/* The strict OID in a multipurpose expectation. */
	ext_set(t.x, NID_ext_key_usage, "emailProtection");
	set_policies(&t, "2.23.140.1.5.2.3");
	resign(t.x);
	assert_true(run(t.x, &t.e, &out) > 0);
	assert_non_null(strstr(out, "policies: "));
	assert_null(strstr(out, "eku: "));
	free(out);
	X509_free(t.x);
}

/* Bad expectations are failures, not findings. */
static void
test_failures(void **state)
{
	struct tc	 t;
	struct buf	 b;

	(void)state;
	tc_build(&t, PROFILE_STRICT, K_EC);
	buf_init(&b);
	assert_int_equal(lint_cert(t.x, NULL, &b), -1);
	assert_int_equal(lint_cert(NULL, &t.e, &b), -1);
	t.e.spki = NULL;
	assert_int_equal(lint_cert(t.x, &t.e, &b), -1);
	t.e.spki = F.spki[K_EC];
	t.s.email = NULL;
	assert_int_equal(lint_cert(t.x, &t.e, &b), -1);
	t.s.email = base_subject.email;
	t.e.kind = PROFILE__MAX;
	assert_int_equal(lint_cert(t.x, &t.e, &b), -1);
	assert_int_equal(b.len, 0);
	buf_free(&b);
	X509_free(t.x);
	assert_null(lint_key_new(NULL));
}

/* Findings are safe to log: bytes from the certificate are escaped. */
static void
test_escaping(void **state)
{
	struct tc	 t;
	char		*out, *p;

	(void)state;
	tc_build(&t, PROFILE_STRICT, K_EC);
	name_set(X509_get_subject_name(t.x), NID_organizationName,
	    V_ASN1_UTF8STRING, "Evil\nrule: fake finding\x1b[31m");
	resign(t.x);
	assert_true(run(t.x, &t.e, &out) > 0);
	assert_null(strstr(out, "\nrule: fake"));
	assert_null(strchr(out, '\x1b'));
	assert_non_null(strstr(out, "\\x0a"));
	for (p = out; *p != '\0'; p++)
		assert_true(*p == '\n' || (*p >= 0x20 && *p < 0x7f));
	free(out);
	X509_free(t.x);
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
 * The reference certificates, with expectations made from their own
 * values, have no finding. Their validity is notBefore + N * 86400 s
 * (openssl -days N), one second over N days: BR 6.3.2 counts N + 1 days
 * (731 and 366), which is what the expectation says; linted as N days,
 * the validity rule says so.
 */
static void
test_fixtures(void **state)
{
	static const struct {
		const char	*file;
		enum cn_choice	 cn;
		const char	*ocsp;
		int		 days;
	} fx[] = {
		{ "good-rsa.pem", CN_EMAIL, "http://ocsp.example.com/", 731 },
		{ "good-ec.pem", CN_ORGANIZATION, NULL, 366 },
	};
	const char		*dir = fixtures();
	struct profile_subject	 s = { "Example Org", "VATPL-5260001246",
	    "PL", NULL, NULL, "alice@example.com", 0, CN_EMAIL };
	struct profile_ca	 ca = { NULL,
	    "http://crl.example.com/issuing.crl",
	    "http://aia.example.com/issuing.cer", NULL, NULL };
	struct lint_expect	 e;
	X509			*x, *issuing;
	char			*out;
	size_t			 i;
	int			 n;

	(void)state;
	if (dir == NULL)
		fail_msg("no fixtures: SMIME_TEST_FIXTURES");
	issuing = load_pem(dir, "chain.pem", 0);
	for (i = 0; i < NELEM(fx); i++) {
		x = load_pem(dir, fx[i].file, 0);
		s.cn = fx[i].cn;
		ca.cert = issuing;
		ca.ocsp_url = fx[i].ocsp;
		e.kind = PROFILE_STRICT;
		e.subject = &s;
		e.ca = &ca;
		e.days = fx[i].days;
		e.spki = X509_get_X509_PUBKEY(x);
		n = run(x, &e, &out);
		if (n != 0)
			fail_msg("%s: %d findings:\n%s", fx[i].file, n, out);
		free(out);
		e.days = fx[i].days - 1;
		n = run(x, &e, &out);
		assert_int_equal(n, 1);
		assert_non_null(strstr(out, "validity: "));
		if (getenv("SMIME_TEST_VERBOSE") != NULL)
			printf("-- %s as %d days\n%s", fx[i].file, e.days, out);
		free(out);
		X509_free(x);
	}
	X509_free(issuing);
}

static double
usec(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

/*
 * SMIME_TEST_BENCH=N: N rounds of profile_build(), the throwaway
 * signature, lint_cert() and the CA signature (then i2d_X509(), as the
 * issuer stores the DER), for RSA-2048 and P-256 requests under the P-384
 * CA. Prints microseconds per round, per step.
 */
static void
test_bench(void **state)
{
	static const enum kt	 keys[] = { K_RSA, K_EC };
	const char		*env = getenv("SMIME_TEST_BENCH");
	struct tc		 t;
	struct buf		 b;
	const char		*why;
	double			 t0, tb, ts1, tl, ts2, td;
	unsigned char		*der;
	size_t			 k;
	int			 i, rounds = 0;

	(void)state;
	if (env == NULL || (rounds = atoi(env)) <= 0)
		skip();
	tc_build(&t, PROFILE_STRICT, K_EC);
	X509_free(t.x);
	buf_init(&b);
	for (k = 0; k < NELEM(keys); k++) {
		tb = ts1 = tl = ts2 = td = 0;
		t.e.spki = F.spki[keys[k]];
		for (i = 0; i < rounds; i++) {
			t0 = usec();
			t.x = profile_build(PROFILE_STRICT, &t.s, t.e.spki,
			    &t.ca, t.e.days, time(NULL), &why);
			assert_non_null(t.x);
			tb += usec() - t0;
			t0 = usec();
			assert_true(X509_sign(t.x, F.throwaway,
			    profile_md(F.cakey)) > 0);
			ts1 += usec() - t0;
			t0 = usec();
			buf_reset(&b);
			assert_int_equal(lint_cert(t.x, &t.e, &b), 0);
			tl += usec() - t0;
			t0 = usec();
			assert_true(X509_sign(t.x, F.cakey,
			    profile_md(F.cakey)) > 0);
			ts2 += usec() - t0;
			t0 = usec();
			der = NULL;
			assert_true(i2d_X509(t.x, &der) > 0);
			td += usec() - t0;
			OPENSSL_free(der);
			X509_free(t.x);
		}
		printf("bench %s request, P-384 CA, %d rounds (us/round): "
		    "build %.1f, throwaway sign %.1f, lint %.1f, CA sign %.1f, "
		    "i2d %.1f; total %.1f\n", keys[k] == K_RSA ? "RSA-2048" :
		    "P-256", rounds, tb / rounds, ts1 / rounds, tl / rounds,
		    ts2 / rounds, td / rounds, (tb + ts1 + tl + ts2 + td) /
		    rounds);
	}
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_clean),
		cmocka_unit_test(test_mutations),
		cmocka_unit_test(test_multipurpose),
		cmocka_unit_test(test_failures),
		cmocka_unit_test(test_escaping),
		cmocka_unit_test(test_fixtures),
		cmocka_unit_test(test_bench),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
