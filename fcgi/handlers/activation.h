/*
 * What the activation program's two source files share: the form's
 * fields, the worker's issuer (its signer), and revocation.
 */
#ifndef SMIME_ACTIVATION_H
#define SMIME_ACTIVATION_H

struct ctx;
struct req;

enum field {
	FIELD_CN,	/* email or organization */
	FIELD_INCLUDE,	/* L, ST, C, E: repeated */
	FIELD_METHOD,	/* csr or card */
	FIELD_KEY,	/* card key: rsa2048 … p384 */
	FIELD_CSR,	/* pasted PEM */
	FIELD_CSRFILE,	/* uploaded PEM or DER */
	FIELD_REASON,	/* revocation reason */
	FIELD_CONFIRM,	/* revocation confirmed: 1 */
	FIELD_COMMENT,	/* operator's comment on a revocation */
	FIELD__MAX
};


/* The worker's signer, CA certificate and weak-key lists (activation.c). */
extern struct issuer	 issuer;

int	 revoke_cert(struct ctx *, struct req *, long long);
void	 revoke_publish_due(struct ctx *, struct req *);

#endif
