#include "config.h"

#include <stdint.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <openssl/asn1.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "log.h"
#include "profile.h"
#include "valid.h"

const char *const profile_kind_names[PROFILE__MAX] = {
	"strict",		/* PROFILE_STRICT */
	"multipurpose",		/* PROFILE_MULTIPURPOSE */
};

/* BR 7.1.6.1, Organization-validated. */
const char *const profile_policy_oids[PROFILE__MAX] = {
	"2.23.140.1.5.2.3",	/* PROFILE_STRICT */
	"2.23.140.1.5.2.2",	/* PROFILE_MULTIPURPOSE */
};

const char *const cn_choice_names[CN__MAX] = {
	"none",			/* CN_NONE */
	"email",		/* CN_EMAIL */
	"organization",		/* CN_ORGANIZATION */
};

/* RFC 5280 Appendix A upper bounds, in characters. */
#define UB_COMMON_NAME		64
#define UB_ORGANIZATION_NAME	64
#define UB_LOCALITY_NAME	128
#define UB_STATE_NAME		128
#define UB_EMAILADDRESS		255
/* No bound in X.520; registry.c makes at most 71 bytes. */
#define UB_ORG_IDENTIFIER	128
/* RFC 5321 4.5.3.1.3 with 4.1.2. */
#define MAILBOX_OCTETS		254
#define URL_MAX			1024

#define DER(s)	(const unsigned char *)(s), sizeof(s) - 1

enum keytype {
	KEY_RSA,
	KEY_EC,
	KEY_EDDSA,
};

/*
 * The SubjectPublicKeyInfo AlgorithmIdentifiers of BR 7.1.3.1, as the
 * exact DER it demands ("No other encodings are permitted"). A request
 * whose key is encoded otherwise is refused rather than re-encoded.
 */
static const struct {
	const unsigned char	*der;
	size_t			 len;
	enum keytype		 type;
} spki_algs[] = {
	/* rsaEncryption, NULL parameters (7.1.3.1.1) */
	{ DER("\x30\x0d\x06\x09\x2a\x86\x48\x86\xf7\x0d\x01\x01\x01\x05\x00"),
	  KEY_RSA },
	/* id-ecPublicKey, namedCurve P-256, P-384, P-521 (7.1.3.1.2) */
	{ DER("\x30\x13\x06\x07\x2a\x86\x48\xce\x3d\x02\x01\x06\x08\x2a\x86"
	  "\x48\xce\x3d\x03\x01\x07"), KEY_EC },
	{ DER("\x30\x10\x06\x07\x2a\x86\x48\xce\x3d\x02\x01\x06\x05\x2b\x81"
	  "\x04\x00\x22"), KEY_EC },
	{ DER("\x30\x10\x06\x07\x2a\x86\x48\xce\x3d\x02\x01\x06\x05\x2b\x81"
	  "\x04\x00\x23"), KEY_EC },
	/* id-Ed25519, id-Ed448, no parameters (7.1.3.1.3) */
	{ DER("\x30\x05\x06\x03\x2b\x65\x70"), KEY_EDDSA },
	{ DER("\x30\x05\x06\x03\x2b\x65\x71"), KEY_EDDSA },
};

/*
 * Which kind of key `spki` holds, judged by its AlgorithmIdentifier,
 * which must be one of BR 7.1.3.1 byte for byte. Returns 0 otherwise.
 */
static int
spki_type(const X509_PUBKEY *spki, enum keytype *type)
{
	X509_ALGOR	*alg;
	unsigned char	 der[32], *p = der;
	int		 len;
	size_t		 i;

	if (!X509_PUBKEY_get0_param(NULL, NULL, NULL, &alg, spki) ||
	    (len = i2d_X509_ALGOR(alg, NULL)) <= 0 ||
	    (size_t)len > sizeof(der) || i2d_X509_ALGOR(alg, &p) != len)
		return 0;
	for (i = 0; i < sizeof(spki_algs) / sizeof(spki_algs[0]); i++)
		if ((size_t)len == spki_algs[i].len &&
		    memcmp(der, spki_algs[i].der, len) == 0) {
			*type = spki_algs[i].type;
			return 1;
		}
	return 0;
}

/*
 * A DirectoryString value: well-formed UTF-8 without control characters
 * (C0, DEL, C1), not only metadata such as "." "-" " " (BR 7.1.4.2), and
 * at most `ub` characters (RFC 5280 Appendix A).
 */
static int
text_ok(const char *s, size_t ub)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 n = strlen(s), i, chars = 0;

	if (n == 0 || !utf8_valid(s, n) || !text_meaningful(s))
		return 0;
	for (i = 0; i < n; i++) {
		if (p[i] < 0x20 || p[i] == 0x7f ||
		    (p[i] == 0xc2 && p[i + 1] >= 0x80 && p[i + 1] <= 0x9f))
			return 0;
		if ((p[i] & 0xc0) != 0x80)
			chars++;
	}
	return chars <= ub;
}

/* Printable ASCII without space, `min` to `max` bytes. */
static int
graphic_ok(const char *s, size_t min, size_t max)
{
	size_t	 n = strlen(s), i;

	if (n < min || n > max)
		return 0;
	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] <= 0x20 || (unsigned char)s[i] >= 0x7f)
			return 0;
	return 1;
}

/*
 * An http:// URL (or https:// too when `https`) with a host: the URI
 * schemes BR 7.1.2.3 (a), (b) and (c) allow.
 */
static int
url_ok(const char *u, int https)
{
	size_t	 skip;

	if (strncasecmp(u, "http://", 7) == 0)
		skip = 7;
	else if (https && strncasecmp(u, "https://", 8) == 0)
		skip = 8;
	else
		return 0;
	return graphic_ok(u, skip + 1, URL_MAX) && u[skip] != '/';
}

/*
 * An ASCII mailbox as mailbox.c normalises it: one '@' between a local
 * part and a domain, printable, 254 octets at most. The full syntax was
 * checked when the address was taken in; this guards the certificate.
 */
static int
email_ok(const char *s)
{
	const char	*at = strchr(s, '@');

	return graphic_ok(s, 3, MAILBOX_OCTETS) && at != NULL && at != s &&
	    at[1] != '\0' && strchr(at + 1, '@') == NULL;
}

/* Two upper-case ASCII letters. */
static int
country_ok(const char *s)
{
	return s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z' &&
	    s[2] == '\0';
}

/*
 * Checks the inputs against what the profile can say. Returns NULL when
 * they are fine, else why not (a static string).
 */
static const char *
check_input(enum profile_kind kind, const struct profile_subject *s,
    const struct profile_ca *ca, int days)
{
	if ((unsigned int)kind >= PROFILE__MAX)
		return "unknown profile kind";
	if (s == NULL || ca == NULL || ca->cert == NULL)
		return "subject data or CA missing";
	/* BR 6.3.2: 825 days for the strict and multipurpose generations. */
	if (days < 1 || days > PROFILE_DAYS_MAX)
		return "validity must be 1 to 825 days (BR 6.3.2)";
	/* BR 7.1.4.2.4: organizationName and organizationIdentifier SHALL. */
	if (s->organization == NULL ||
	    !text_ok(s->organization, UB_ORGANIZATION_NAME))
		return "organizationName missing, meaningless or over 64 "
		    "characters (BR 7.1.4.2.4, RFC 5280 ub-organization-name)";
	if (s->org_identifier == NULL ||
	    !graphic_ok(s->org_identifier, 5, UB_ORG_IDENTIFIER))
		return "organizationIdentifier missing or malformed "
		    "(BR 7.1.4.2.2 (d))";
	if (s->country != NULL && !country_ok(s->country))
		return "countryName must be two upper-case letters "
		    "(BR 7.1.4.2.2 (n))";
	/* BR 7.1.4.2.2 (k), (l): L and ST only with C. */
	if ((s->state != NULL || s->locality != NULL) && s->country == NULL)
		return "stateOrProvinceName and localityName need countryName "
		    "(BR 7.1.4.2.2 (k), (l))";
	if (s->state != NULL && !text_ok(s->state, UB_STATE_NAME))
		return "stateOrProvinceName meaningless or over 128 characters";
	if (s->locality != NULL && !text_ok(s->locality, UB_LOCALITY_NAME))
		return "localityName meaningless or over 128 characters";
	/* BR 7.1.4.2.1: the SAN carries the mailbox, as rfc822Name here. */
	if (s->email == NULL || !email_ok(s->email))
		return "mailbox missing or not an ASCII mailbox";
	switch (s->cn) {
	case CN_NONE:
	case CN_ORGANIZATION:
		break;
	case CN_EMAIL:
		/* BR 7.1.4.2.2 (a) Note: RFC 5280's upper bounds hold. */
		if (strlen(s->email) > UB_COMMON_NAME)
			return "a mailbox over 64 characters cannot be the "
			    "commonName (RFC 5280 ub-common-name)";
		break;
	case CN__MAX:
	default:
		return "unknown commonName choice";
	}
	if (ca->crl_url == NULL || !url_ok(ca->crl_url, 0))
		return "the CRL URL must be http:// (BR 7.1.2.3 (b))";
	if (ca->aia_url != NULL && !url_ok(ca->aia_url, 0))
		return "the caIssuers URL must be http:// (BR 7.1.2.3 (c))";
	if (ca->ocsp_url != NULL && !url_ok(ca->ocsp_url, 0))
		return "the OCSP URL must be http:// (BR 7.1.2.3 (c))";
	if (ca->cps_url != NULL && !url_ok(ca->cps_url, 1))
		return "the CPS URL must be http:// or https:// "
		    "(BR 7.1.2.3 (a))";
	return NULL;
}

/*
 * Sets a serial of 159 random bits (BR 7.1: greater than zero, less than
 * 2^159, at least 64 bits from a CSPRNG): 20 bytes from the OS-seeded
 * DRBG with the top bit cleared. A draw under 2^56 (probability 2^-103)
 * is drawn again, so zero never comes out and the serial always has eight
 * bytes or more, the length the lint asks for.
 */
static int
set_serial(X509 *x)
{
	unsigned char	 b[20];
	size_t		 skip;

	do {
		if (RAND_bytes(b, sizeof(b)) != 1)
			return 0;
		b[0] &= 0x7f;
		for (skip = 0; skip < sizeof(b) && b[skip] == 0; skip++)
			continue;
	} while (sizeof(b) - skip < 8);
	/* An INTEGER's content without leading zeros; i2d adds the sign. */
	return ASN1_STRING_set(X509_get_serialNumber(x), b + skip,
	    (int)(sizeof(b) - skip));
}

/*
 * Copies the request's key into the certificate as bytes: the algorithm
 * identifier and the subjectPublicKey BIT STRING, nothing decoded or
 * re-encoded. X509_set_pubkey() would encode the EVP_PKEY again and parse
 * the result (about 170 µs for P-256, 215 µs for RSA-2048); OpenSSL has
 * no call that puts a ready X509_PUBKEY into a certificate, so its parts
 * are set on the certificate's own (about 1 µs). The price: OpenSSL only
 * makes the EVP_PKEY when it parses, so X509_get0_pubkey() on the built
 * certificate finds none (see profile_build()).
 */
static int
copy_key(X509 *x, const X509_PUBKEY *spki)
{
	ASN1_OBJECT		*obj, *o = NULL;
	X509_ALGOR		*alg;
	const unsigned char	*bits;
	unsigned char		*copy = NULL;
	const void		*pval;
	void			*param = NULL;
	int			 ptype, len;

	if (!X509_PUBKEY_get0_param(&obj, &bits, &len, &alg, spki))
		return 0;
	X509_ALGOR_get0(NULL, &ptype, &pval, alg);
	/*
	 * spki_type() let through three forms only: NULL parameters (RSA),
	 * a named curve (EC) and none (EdDSA).
	 */
	if (ptype == V_ASN1_OBJECT && (param = OBJ_dup(pval)) == NULL)
		goto fail;
	if ((o = OBJ_dup(obj)) == NULL ||
	    (copy = OPENSSL_memdup(bits, len)) == NULL)
		goto fail;
	if (!X509_PUBKEY_set0_param(X509_get_X509_PUBKEY(x), o, ptype, param,
	    copy, len))
		goto fail;
	return 1;
fail:
	ASN1_OBJECT_free(param);
	ASN1_OBJECT_free(o);
	OPENSSL_free(copy);
	return 0;
}

/*
 * The subject, BR 7.1.4.2.4, in the reference certificates' order: C,
 * ST, L, O, organizationIdentifier, CN, emailAddress, one attribute per
 * RDN. The string types are set, not left to OpenSSL's global mask: C a
 * PrintableString (RFC 5280 Appendix A), emailAddress an IA5String (PKCS
 * #9), the others UTF8Strings (RFC 5280 4.1.2.6; 7.1.4.2.2 (d) allows it
 * for organizationIdentifier). check_input() has checked every value.
 */
static int
set_subject(X509 *x, const struct profile_subject *s)
{
	X509_NAME	*n = X509_get_subject_name(x);
	const char	*cn = NULL;
	size_t		 i;
	struct {
		int		 nid;
		int		 type;
		const char	*v;
	} a[] = {
		{ NID_countryName, V_ASN1_PRINTABLESTRING, s->country },
		{ NID_stateOrProvinceName, V_ASN1_UTF8STRING, s->state },
		{ NID_localityName, V_ASN1_UTF8STRING, s->locality },
		{ NID_organizationName, V_ASN1_UTF8STRING, s->organization },
		{ NID_organizationIdentifier, V_ASN1_UTF8STRING,
		  s->org_identifier },
		{ NID_commonName, V_ASN1_UTF8STRING, NULL },
		{ NID_pkcs9_emailAddress, V_ASN1_IA5STRING,
		  s->include_email_attr ? s->email : NULL },
	};

	/* BR 7.1.4.2.2 (a): the organizationName or the SAN's mailbox. */
	if (s->cn == CN_EMAIL)
		cn = s->email;
	else if (s->cn == CN_ORGANIZATION)
		cn = s->organization;
	a[5].v = cn;
	for (i = 0; i < sizeof(a) / sizeof(a[0]); i++)
		if (a[i].v != NULL && !X509_NAME_add_entry_by_NID(n, a[i].nid,
		    a[i].type, (const unsigned char *)a[i].v, -1, -1, 0))
			return 0;
	return 1;
}

/* A GENERAL_NAME of an IA5String type (GEN_EMAIL, GEN_URI) or NULL. */
static GENERAL_NAME *
gen_ia5(int type, const char *s)
{
	GENERAL_NAME	*g;
	ASN1_IA5STRING	*v;

	if ((v = ASN1_IA5STRING_new()) == NULL ||
	    !ASN1_STRING_set(v, s, -1) || (g = GENERAL_NAME_new()) == NULL) {
		ASN1_IA5STRING_free(v);
		return NULL;
	}
	GENERAL_NAME_set0_value(g, type, v);
	return g;
}

/*
 * keyUsage, critical (BR 7.1.2.3 (e): SHALL be present, SHOULD be
 * critical), for dual use: RSA digitalSignature + keyEncipherment, EC
 * digitalSignature + keyAgreement, EdDSA digitalSignature alone. OpenSSL
 * drops trailing zero bits when encoding, as DER wants for named bits.
 */
static int
add_key_usage(X509 *x, enum keytype kt)
{
	ASN1_BIT_STRING	*ku;
	int		 rc = 0;

	if ((ku = ASN1_BIT_STRING_new()) == NULL ||
	    !ASN1_BIT_STRING_set_bit(ku, 0, 1))	/* digitalSignature */
		goto out;
	if (kt == KEY_RSA && !ASN1_BIT_STRING_set_bit(ku, 2, 1))
		goto out;				/* keyEncipherment */
	if (kt == KEY_EC && !ASN1_BIT_STRING_set_bit(ku, 4, 1))
		goto out;				/* keyAgreement */
	rc = X509_add1_ext_i2d(x, NID_key_usage, ku, 1, X509V3_ADD_DEFAULT);
out:
	ASN1_BIT_STRING_free(ku);
	return rc == 1;
}

/*
 * extKeyUsage (BR 7.1.2.3 (f)): strict, emailProtection alone;
 * multipurpose adds clientAuth, the one other value allowed everywhere
 * from 2027-07-01 (ballot SMC018). Not critical, as in the references.
 */
static int
add_ext_key_usage(X509 *x, enum profile_kind kind)
{
	EXTENDED_KEY_USAGE	*eku;
	int			 rc = 0;

	if ((eku = sk_ASN1_OBJECT_new_null()) == NULL ||
	    !sk_ASN1_OBJECT_push(eku, OBJ_nid2obj(NID_email_protect)))
		goto out;
	if (kind == PROFILE_MULTIPURPOSE &&
	    !sk_ASN1_OBJECT_push(eku, OBJ_nid2obj(NID_client_auth)))
		goto out;
	rc = X509_add1_ext_i2d(x, NID_ext_key_usage, eku, 0,
	    X509V3_ADD_DEFAULT);
out:
	/* The objects are OpenSSL's static ones: nothing to free in them. */
	sk_ASN1_OBJECT_free(eku);
	return rc == 1;
}

/*
 * certificatePolicies (BR 7.1.2.3 (a)): exactly one reserved identifier,
 * that of the generation (7.1.6.1), with the CA's CPS URI as an id-qt-cps
 * qualifier when there is one. No userNotice.
 */
static int
add_policies(X509 *x, enum profile_kind kind, const char *cps)
{
	CERTIFICATEPOLICIES	*cp = NULL;
	POLICYINFO		*pi = NULL;
	POLICYQUALINFO		*q = NULL;
	int			 rc = 0;

	if ((cp = sk_POLICYINFO_new_null()) == NULL ||
	    (pi = POLICYINFO_new()) == NULL)
		goto out;
	ASN1_OBJECT_free(pi->policyid);
	if ((pi->policyid = OBJ_txt2obj(profile_policy_oids[kind], 1)) == NULL)
		goto out;
	if (cps != NULL) {
		if ((pi->qualifiers = sk_POLICYQUALINFO_new_null()) == NULL ||
		    (q = POLICYQUALINFO_new()) == NULL)
			goto out;
		q->pqualid = OBJ_nid2obj(NID_id_qt_cps);
		if ((q->d.cpsuri = ASN1_IA5STRING_new()) == NULL ||
		    !ASN1_STRING_set(q->d.cpsuri, cps, -1) ||
		    !sk_POLICYQUALINFO_push(pi->qualifiers, q))
			goto out;
		q = NULL;
	}
	if (!sk_POLICYINFO_push(cp, pi))
		goto out;
	pi = NULL;
	rc = X509_add1_ext_i2d(x, NID_certificate_policies, cp, 0,
	    X509V3_ADD_DEFAULT);
out:
	POLICYQUALINFO_free(q);
	POLICYINFO_free(pi);
	CERTIFICATEPOLICIES_free(cp);
	return rc == 1;
}

/*
 * subjectAltName (BR 7.1.2.3 (h), 7.1.4.2.1): the verified mailbox as an
 * rfc822Name; not critical, the subject never being empty here.
 */
static int
add_san(X509 *x, const char *email)
{
	GENERAL_NAMES	*gens;
	GENERAL_NAME	*g = NULL;
	int		 rc = 0;

	if ((gens = sk_GENERAL_NAME_new_null()) == NULL ||
	    (g = gen_ia5(GEN_EMAIL, email)) == NULL ||
	    !sk_GENERAL_NAME_push(gens, g))
		goto out;
	g = NULL;
	rc = X509_add1_ext_i2d(x, NID_subject_alt_name, gens, 0,
	    X509V3_ADD_DEFAULT);
out:
	GENERAL_NAME_free(g);
	GENERAL_NAMES_free(gens);
	return rc == 1;
}

/*
 * cRLDistributionPoints (BR 7.1.2.3 (b)): one distributionPoint whose
 * fullName is the CA's HTTP CRL URL; no reasons, no cRLIssuer.
 */
static int
add_crl_dp(X509 *x, const char *url)
{
	CRL_DIST_POINTS	*dps;
	DIST_POINT	*dp = NULL;
	GENERAL_NAME	*g = NULL;
	int		 rc = 0;

	if ((dps = sk_DIST_POINT_new_null()) == NULL ||
	    (dp = DIST_POINT_new()) == NULL ||
	    (dp->distpoint = DIST_POINT_NAME_new()) == NULL ||
	    (dp->distpoint->name.fullname = GENERAL_NAMES_new()) == NULL)
		goto out;
	dp->distpoint->type = 0;			/* fullName */
	if ((g = gen_ia5(GEN_URI, url)) == NULL ||
	    !sk_GENERAL_NAME_push(dp->distpoint->name.fullname, g))
		goto out;
	g = NULL;
	if (!sk_DIST_POINT_push(dps, dp))
		goto out;
	dp = NULL;
	rc = X509_add1_ext_i2d(x, NID_crl_distribution_points, dps, 0,
	    X509V3_ADD_DEFAULT);
out:
	GENERAL_NAME_free(g);
	DIST_POINT_free(dp);
	CRL_DIST_POINTS_free(dps);
	return rc == 1;
}

/* Appends an AccessDescription of `method` at `url` to `aia`. */
static int
aia_push(AUTHORITY_INFO_ACCESS *aia, int method, const char *url)
{
	ACCESS_DESCRIPTION	*ad;

	if ((ad = ACCESS_DESCRIPTION_new()) == NULL)
		return 0;
	ad->method = OBJ_nid2obj(method);
	GENERAL_NAME_free(ad->location);
	if ((ad->location = gen_ia5(GEN_URI, url)) == NULL ||
	    !sk_ACCESS_DESCRIPTION_push(aia, ad)) {
		ACCESS_DESCRIPTION_free(ad);
		return 0;
	}
	return 1;
}

/*
 * authorityInformationAccess (BR 7.1.2.3 (c)): caIssuers (SHOULD), then
 * OCSP (MAY), each an HTTP URI, in the references' order. Left out when
 * the CA has neither.
 */
static int
add_aia(X509 *x, const char *ca_issuers, const char *ocsp)
{
	AUTHORITY_INFO_ACCESS	*aia;
	int			 rc = 0;

	if (ca_issuers == NULL && ocsp == NULL)
		return 1;
	if ((aia = sk_ACCESS_DESCRIPTION_new_null()) == NULL)
		goto out;
	if (ca_issuers != NULL && !aia_push(aia, NID_ad_ca_issuers, ca_issuers))
		goto out;
	if (ocsp != NULL && !aia_push(aia, NID_ad_OCSP, ocsp))
		goto out;
	rc = X509_add1_ext_i2d(x, NID_info_access, aia, 0, X509V3_ADD_DEFAULT);
out:
	AUTHORITY_INFO_ACCESS_free(aia);
	return rc == 1;
}

/*
 * subjectKeyIdentifier (BR 7.1.2.3 (n): SHOULD, derived from the key):
 * the SHA-1 of the subjectPublicKey bits, RFC 5280 4.2.1.2 method (1),
 * as in the references. Not critical.
 */
static int
add_ski(X509 *x)
{
	ASN1_OCTET_STRING	*ski;
	unsigned char		 md[EVP_MAX_MD_SIZE];
	unsigned int		 mdlen;
	int			 rc = 0;

	if (!X509_pubkey_digest(x, EVP_sha1(), md, &mdlen) ||
	    (ski = ASN1_OCTET_STRING_new()) == NULL)
		return 0;
	if (ASN1_OCTET_STRING_set(ski, md, (int)mdlen))
		rc = X509_add1_ext_i2d(x, NID_subject_key_identifier, ski, 0,
		    X509V3_ADD_DEFAULT);
	ASN1_OCTET_STRING_free(ski);
	return rc == 1;
}

/*
 * authorityKeyIdentifier (BR 7.1.2.3 (g)): keyIdentifier only, the CA
 * certificate's own subjectKeyIdentifier (7.1.2.2 (i)). Not critical.
 */
static int
add_aki(X509 *x, const ASN1_OCTET_STRING *caski)
{
	AUTHORITY_KEYID	*akid;
	int		 rc = 0;

	if ((akid = AUTHORITY_KEYID_new()) == NULL)
		return 0;
	if ((akid->keyid = ASN1_OCTET_STRING_dup(caski)) != NULL)
		rc = X509_add1_ext_i2d(x, NID_authority_key_identifier, akid,
		    0, X509V3_ADD_DEFAULT);
	AUTHORITY_KEYID_free(akid);
	return rc == 1;
}

/*
 * Builds the to-be-signed certificate of profile `kind` for the subject
 * data `s`, the request's key `spki` and the CA `ca`, valid from `now`
 * for `days` days (1 to PROFILE_DAYS_MAX). The layout is in profile.h.
 *
 * Validity: RFC 5280 4.1.2.5 counts both notBefore and notAfter inside
 * the period, and BR 6.3.2 counts a day as 86,400 seconds, any part of a
 * further day as one more. notAfter = notBefore + days * 86400 - 1 thus
 * gives a period of exactly days * 86,400 seconds: `days` days, not one
 * second (and so a whole day) more.
 *
 * The key is copied as bytes (see copy_key()): X509_get0_pubkey() on the
 * result returns NULL and queues an OpenSSL error; parse the signed DER,
 * or use the request's key, where an EVP_PKEY is needed. Likewise leave
 * OpenSSL's cached extension data (X509_check_purpose(),
 * X509_get_key_usage() and the like) alone until the final signature:
 * OpenSSL computes it once per object, fingerprint included, and does
 * not redo it when the certificate is signed again.
 *
 * Returns the certificate, unsigned (the caller signs it with
 * profile_md() of the CA key, first with a throwaway key for lint_cert()),
 * owned by the caller (X509_free()). Returns NULL with a reason in *why
 * (static) when the inputs do not fit the profile or OpenSSL fails (then
 * also logged); either is a 500 on the request path.
 */
X509 *
profile_build(enum profile_kind kind, const struct profile_subject *s,
    const X509_PUBKEY *spki, const struct profile_ca *ca, int days,
    time_t now, const char **why)
{
	X509			*x = NULL;
	const ASN1_OCTET_STRING	*caski;
	enum keytype		 kt;
	const char		*ignored, *step;

	if (why == NULL)
		why = &ignored;
	if ((*why = check_input(kind, s, ca, days)) != NULL)
		return NULL;
	if (spki == NULL || !spki_type(spki, &kt)) {
		*why = "the request's key is not RSA, ECDSA P-256, P-384, "
		    "P-521 or EdDSA, encoded as BR 7.1.3.1 requires";
		return NULL;
	}
	/* The AKI must name the CA's key as the CA's SKI does (7.1.2.2). */
	if ((caski = X509_get0_subject_key_id(ca->cert)) == NULL) {
		*why = "the CA certificate has no subjectKeyIdentifier "
		    "(BR 7.1.2.2 (i))";
		return NULL;
	}

	step = "X509_new";
	if ((x = X509_new()) == NULL)
		goto fail;
	step = "version";
	if (!X509_set_version(x, X509_VERSION_3))	/* BR 7.1.1 */
		goto fail;
	step = "serial number";
	if (!set_serial(x))
		goto fail;
	/* BR 7.1.4.1: the CA's subject DER, which X509_NAME_dup() keeps. */
	step = "issuer";
	if (!X509_set_issuer_name(x, X509_get_subject_name(ca->cert)))
		goto fail;
	/* ASN1_TIME_set(): UTCTime through 2049 (RFC 5280 4.1.2.5). */
	step = "validity";
	if (ASN1_TIME_set(X509_getm_notBefore(x), now) == NULL ||
	    ASN1_TIME_set(X509_getm_notAfter(x),
	    now + (time_t)days * 86400 - 1) == NULL)
		goto fail;
	step = "subject";
	if (!set_subject(x, s))
		goto fail;
	step = "public key";
	if (!copy_key(x, spki))
		goto fail;
	step = "keyUsage";
	if (!add_key_usage(x, kt))
		goto fail;
	step = "extKeyUsage";
	if (!add_ext_key_usage(x, kind))
		goto fail;
	step = "certificatePolicies";
	if (!add_policies(x, kind, ca->cps_url))
		goto fail;
	step = "subjectAltName";
	if (!add_san(x, s->email))
		goto fail;
	step = "cRLDistributionPoints";
	if (!add_crl_dp(x, ca->crl_url))
		goto fail;
	step = "authorityInformationAccess";
	if (!add_aia(x, ca->aia_url, ca->ocsp_url))
		goto fail;
	step = "subjectKeyIdentifier";
	if (!add_ski(x))
		goto fail;
	step = "authorityKeyIdentifier";
	if (!add_aki(x, caski))
		goto fail;
	return x;
fail:
	log_ssl("profile_build: %s", step);
	*why = "OpenSSL failed building the certificate (logged)";
	X509_free(x);
	return NULL;
}

/*
 * The digest to sign with the CA key `ca`: BR 7.1.3.2.2 ties ECDSA to its
 * curve (P-256 SHA-256, P-384 SHA-384, P-521 SHA-512). RSA may use any of
 * SHA-256/384/512 (7.1.3.2.1); the digest follows the key's strength,
 * SHA-256 below 4096 bits (RSA-3072 is the 128-bit level) and SHA-384
 * from 4096 on. EdDSA has its hash built in: NULL, which EVP_DigestSign
 * and X509_sign() take for it. NULL too for any other key, which the
 * lint's signature-algorithm rule then refuses. Static, not freed.
 */
const EVP_MD *
profile_md(const EVP_PKEY *ca)
{
	char	 group[64];
	int	 nid;

	if (ca == NULL)
		return NULL;
	switch (EVP_PKEY_get_base_id(ca)) {
	case EVP_PKEY_RSA:
		return EVP_PKEY_get_bits(ca) >= 4096 ? EVP_sha384() :
		    EVP_sha256();
	case EVP_PKEY_EC:
		if (!EVP_PKEY_get_group_name(ca, group, sizeof(group), NULL))
			return NULL;
		if ((nid = OBJ_txt2nid(group)) == NID_undef)
			nid = EC_curve_nist2nid(group);
		if (nid == NID_X9_62_prime256v1)
			return EVP_sha256();
		if (nid == NID_secp384r1)
			return EVP_sha384();
		if (nid == NID_secp521r1)
			return EVP_sha512();
		return NULL;
	default:
		return NULL;
	}
}
