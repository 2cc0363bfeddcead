/*
 * Issuance: from an order whose three steps are done and a checked CSR to
 * a stored certificate, exactly once per order. Every path that issues
 * (the wizard's CSR and card methods, a partner acting for a customer,
 * ACME) goes through issue_take_csr() and issue_order():
 *
 *	issue_take_csr()	the CSR checks of step 3 (S/MIME BR 6.1.1.3
 *				and 4.2.2.1's inputs), the CSR kept as the
 *				order's
 *	issue_order()		CAA (BR 4.2.2.1), the profile, the
 *				pre-issuance lint (4.3.1.2), the signer, the
 *				signature verified against the CA, then in one
 *				transaction the certificate row, the step,
 *				its event, audit rows and the mail
 *
 * issue_order() works on two threads and two processes at once: the
 * CSR's key rules and self-signature are checked on a second thread
 * while CAA, the profile and the lint run; the transaction is opened
 * and the order locked while the signer signs; the signer's signature
 * is checked on the second thread while the rows are written, and the
 * transaction commits only once it holds. Nothing is signed before the
 * key rules, the proof of possession and the lint passed; nothing is
 * stored that does not verify.
 *
 * The subject comes from the verified data and the customer's choices,
 * never from the CSR.
 */
#ifndef SMIME_ISSUE_H
#define SMIME_ISSUE_H

#include <openssl/x509.h>

#include "buf.h"
#include "csr.h"
#include "db.h"
#include "signer.h"

struct ctx;
struct actor;
struct profile_subject;

#define ISSUE_EMAIL_MAX_AGE	30	/* days: BR 4.2.1, validation reuse */

/*
 * Where issue_order() spends its time, as the calling thread waits:
 * the phases add up to the whole. Work done on the second thread (the
 * CSR's self-signature, the signed certificate's signature) shows only
 * as the wait for it, in PHASE_CSR and PHASE_VERIFY.
 */
enum issue_phase {
	PHASE_LOAD,		/* load: the order, its draft, organization */
	PHASE_CSR,		/* csr: parse, key rules, proof of possession */
	PHASE_CAA,		/* caa */
	PHASE_LINT,		/* profile-lint: built, test-signed, linted */
	PHASE_SIGNER,		/* signer: waiting for the signature */
	PHASE_VERIFY,		/* verify: waiting for its check */
	PHASE_STORE,		/* store: the transaction, while signing too */
	PHASE_COMMIT,		/* commit: its COMMIT, the log flushed */
	PHASE__MAX
};

extern const char *const issue_phase_names[PHASE__MAX];

/* Per process: what issuance needs besides the database. */
struct issuer {
	struct signer	 signer;	/* the CA key's process; fd -1: none */
	X509		*ca;		/* the issuing CA, loaded once */
	char		 ca_path[1024];
	struct blocklist *weak;		/* weak keys, loaded once */
	char		 weak_dir[1024];
	EVP_PKEY	*lintkey;	/* the lint's throwaway key */
	int		 lintkind;
	double		 phase[PHASE__MAX];	/* seconds, summed */
	unsigned long	 timed;		/* issuances summed in phase[] */
};

#define ISSUER_INIT	{ .signer = { .fd = -1, .pid = -1 } }

/*
 * A CAA check that allowed issuance is reused for the same domain, the
 * same issuer domain names and the same resolver for this long (S/MIME
 * BR 4.2.2.1 allows issuing within the record's TTL or 8 hours after a
 * check, whichever is greater).
 */
#define ISSUE_CAA_REUSE	600	/* seconds */

enum issuerc {
	ISSUE_OK,		/* issued now */
	ISSUE_ALREADY,		/* issued before: the stored certificate */
	ISSUE_NOT_READY,	/* step 3 is not open: see issue_load() */
	ISSUE_NO_CSR,		/* no accepted CSR for the order */
	ISSUE_KEY,		/* the CSR's key is refused by now */
	ISSUE_CAA_FORBIDDEN,	/* the domain's CAA forbids us (BR 4.2.2.1) */
	ISSUE_CAA_FAILED,	/* CAA could not be looked up, or no CA ids */
	ISSUE_LINT,		/* the pre-issuance lint refused (4.3.1.2) */
	ISSUE_SIGNER,		/* the signer refused or is gone */
	ISSUE_INTERNAL,		/* ours: logged, 500 */
	ISSUE__MAX
};

extern const char *const issuerc_names[ISSUE__MAX];

/* What step 3 builds on, for one order. */
struct issuance {
	struct order		 o;
	struct steps		 s;
	struct activation	 a;
	struct org		 g;
	struct buf		 csr;	/* DER of the accepted CSR, or empty */
	const char		*why;	/* catalogue key when not ready */
};

void		 issuance_init(struct issuance *);
void		 issuance_free(struct issuance *);
enum issuerc	 issue_load(struct db *, long long, struct issuance *);
void		 issue_subject(const struct issuance *,
		    struct profile_subject *);
enum csrerr	 issue_take_csr(struct db *, struct issuer *, const char *,
		    long long, const void *, size_t, int *,
		    struct csr_key *);
enum issuerc	 issue_order(struct ctx *, struct issuer *,
		    const struct actor *, long long, struct cert *);
int		 issue_start(struct issuer *);
const struct blocklist *issue_blocklist(struct issuer *, const char *);
X509		*issue_ca(struct issuer *, const char *);
int		 issue_has_key(const char *, const char *);

#endif
