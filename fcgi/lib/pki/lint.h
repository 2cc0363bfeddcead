/*
 * Pre-issuance linting (S/MIME BR 4.3.1.2): before the CA key signs, the
 * to-be-signed certificate, signed with a throwaway key of the CA's type
 * (lint_key_new()) and the digest the CA will use (profile_md() of the CA
 * key), is checked against every rule of the profile (profile.h) and
 * against the data it must carry (struct lint_expect, made from the same
 * inputs as profile_build()). Only a certificate with no finding is signed
 * for real.
 *
 * The checks are written apart from profile.c on purpose: they share no
 * table or helper with the builder, so one mistake does not hide itself.
 *
 * Each rule has a stable name (lint_rule_name()); each finding is one line
 * "rule-name: detail\n" whose detail cites the BR (or RFC 5280) section.
 * Values taken from the certificate are shown with bytes outside printable
 * ASCII escaped as \xNN, so a line is safe to log.
 */
#ifndef SMIME_LINT_H
#define SMIME_LINT_H

#include <stddef.h>

#include <openssl/types.h>

#include "profile.h"

struct buf;

/* What the certificate must say; the caller owns everything. */
struct lint_expect {
	enum profile_kind		 kind;
	const struct profile_subject	*subject; /* O, orgId, email */
	const struct profile_ca		*ca;
	int				 days;	/* BR 6.3.2 days */
	const X509_PUBKEY		*spki;	/* the request's */
};

int		 lint_cert(X509 *, const struct lint_expect *, struct buf *);
const char	*lint_rule_name(size_t);
EVP_PKEY	*lint_key_new(const EVP_PKEY *);

#endif
