/*
 * The certificate profile: organization-validated S/MIME subscriber
 * certificates of the CA/Browser Forum S/MIME Baseline Requirements (BR),
 * strict generation (policy 2.23.140.1.5.2.3) by default, multipurpose
 * (2.23.140.1.5.2.2) on request. The legacy generation (2.23.140.1.5.2.1)
 * is not issued: BR 7.1.6.1 forbids it for subscribers since 2025-07-15.
 *
 * What profile_build() makes, in the layout of the reference certificates
 * (tests/data/fixtures/profile):
 *
 *   version	3
 *   serial	159 bits from the CSPRNG (BR 7.1)
 *   signature	left to the signer (see profile_md())
 *   issuer	the CA's subject, byte for byte (BR 7.1.4.1)
 *   validity	`days` days from `now`, counted as BR 6.3.2 counts
 *   subject	C, ST, L, O, organizationIdentifier, CN, emailAddress, one
 *		attribute per RDN, those given only; C a PrintableString,
 *		emailAddress an IA5String, the others UTF8Strings
 *   key	the CSR's SubjectPublicKeyInfo, byte for byte
 *   extensions, in this order:
 *	keyUsage (critical): RSA digitalSignature + keyEncipherment,
 *	    EC digitalSignature + keyAgreement, EdDSA digitalSignature
 *	extKeyUsage: emailProtection; multipurpose adds clientAuth
 *	certificatePolicies: the one reserved OID of the generation,
 *	    with the CPS URI as a qualifier when the CA has one
 *	subjectAltName: rfc822Name, the verified mailbox
 *	cRLDistributionPoints: one fullName URI, the CA's CRL
 *	authorityInformationAccess: caIssuers then OCSP, those configured;
 *	    left out when neither is
 *	subjectKeyIdentifier: SHA-1 of the key bits (RFC 5280 4.2.1.2 (1))
 *	authorityKeyIdentifier: keyIdentifier only, the CA's own SKI
 *
 * The issuance sequence (BR 4.3.1.2): profile_build(); X509_sign() with a
 * throwaway key of the CA's type (lint_key_new()) and profile_md() of the
 * CA key; lint_cert(), which must find nothing; X509_sign() with the CA
 * key and the same digest; i2d_X509() of the result is the certificate.
 *
 * Nothing here keeps state between calls; every string returned through
 * `why` is static.
 */
#ifndef SMIME_PROFILE_H
#define SMIME_PROFILE_H

#include <time.h>

#include <openssl/types.h>

/* BR 6.3.2: strict and multipurpose generations. */
#define PROFILE_DAYS_MAX	825
/* BR 7.1.6.1: the organization-validated legacy generation, never issued. */
#define PROFILE_LEGACY_OID	"2.23.140.1.5.2.1"

enum profile_kind {
	PROFILE_STRICT,		/* 2.23.140.1.5.2.3 */
	PROFILE_MULTIPURPOSE,	/* 2.23.140.1.5.2.2 */
	PROFILE__MAX
};

extern const char *const profile_kind_names[PROFILE__MAX];
extern const char *const profile_policy_oids[PROFILE__MAX];

/* What subject:commonName holds (BR 7.1.4.2.2 (a)). */
enum cn_choice {
	CN_NONE,		/* no commonName */
	CN_EMAIL,		/* the mailbox (64 characters at most) */
	CN_ORGANIZATION,	/* the organizationName */
	CN__MAX
};

extern const char *const cn_choice_names[CN__MAX];

/*
 * The verified data and the customer's choices; NULL means not included.
 * Strings are UTF-8, NUL-terminated; the caller owns them.
 */
struct profile_subject {
	const char	*organization;	/* O, required */
	const char	*org_identifier; /* 2.5.4.97, required: "VATPL-..." */
	const char	*country;	/* C, 2 letters */
	const char	*state;		/* ST (needs C) */
	const char	*locality;	/* L (needs C) */
	const char	*email;		/* SAN rfc822Name, required */
	int		 include_email_attr; /* subject emailAddress too */
	enum cn_choice	 cn;
};

/* The issuing CA. The caller owns everything. */
struct profile_ca {
	X509		*cert;		/* the issuing CA's */
	const char	*crl_url;	/* http:// */
	const char	*aia_url;	/* http:// caIssuers, or NULL */
	const char	*ocsp_url;	/* http:// or NULL */
	const char	*cps_url;	/* http(s):// CPS, or NULL */
};

X509		*profile_build(enum profile_kind,
		    const struct profile_subject *, const X509_PUBKEY *,
		    const struct profile_ca *, int, time_t, const char **);
const EVP_MD	*profile_md(const EVP_PKEY *);

#endif
