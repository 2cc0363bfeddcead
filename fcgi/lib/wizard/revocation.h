/*
 * Revocation: every path that revokes a certificate (the wizard's
 * revoke page, ACME revokeCert) goes through revocation_apply(), and
 * the CRL that follows through revocation_crl_publish():
 *
 *	revocation_apply()	in one transaction: the certificate row
 *				locked and marked, the CRL due (008_crl_due),
 *				the key blocked for keyCompromise (BR
 *				4.9.1.1), the order's EV_REVOKED step with its
 *				event and audit row, the customer's mail
 *	revocation_crl_publish() a new CRL of every revocation so far,
 *				signed by the worker's signer (BR 4.9.7)
 */
#ifndef SMIME_REVOCATION_H
#define SMIME_REVOCATION_H

#include <stddef.h>

struct ctx;
struct actor;
struct order;
struct issuer;

enum revokerc {
	REVOKE_OK,		/* revoked and committed */
	REVOKE_ALREADY,		/* revoked before: nothing written */
	REVOKE_NOT_ISSUED,	/* no certificate to revoke: nothing written */
	REVOKE_ERR,		/* logged; rolled back */
	REVOKE__MAX
};

extern const char *const revokerc_names[REVOKE__MAX];

enum revokerc	 revocation_apply(struct ctx *, const struct actor *,
		    const struct order *, const char *, const char *, char *,
		    size_t);
int		 revocation_crl_publish(struct ctx *, struct issuer *,
		    const char *, const struct actor *);

#endif
