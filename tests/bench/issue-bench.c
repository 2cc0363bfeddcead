/*
 * Issuance next to raw signing with the same CA key, in one run.
 *
 *   issue-bench CA_DIR CSR.pem CONNINFO FIRST_ORDER COUNT DNS
 *
 * raw:   X509_sign() of a prepared certificate with the CA key, in-process;
 * issue: issue_order(), the pipeline the activation handler and every
 *        other path call: CSR parse and key checks, CAA, the profile, the
 *        pre-issuance lint with a throwaway key, the signature from the
 *        signer process (the seccomp-confined child, over its
 *        socketpair), and the rows stored in MariaDB in one transaction,
 *        for orders FIRST_ORDER … FIRST_ORDER + COUNT - 1, each ready for
 *        step 3 with its CSR.
 * Prints both rates and their ratio (target: 0.6 or more).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "buf.h"
#include "csr.h"
#include "db.h"
#include "issue.h"
#include "log.h"
#include "profile.h"
#include "server.h"
#include "signer.h"
#include "steps.h"

static double
now(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static char *
slurp(const char *path, size_t *len)
{
	struct buf	 b;

	buf_init(&b);
	if (!buf_load(&b, path)) {
		buf_free(&b);
		return NULL;
	}
	return buf_detach(&b, len);
}

/*
 * The settings the pipeline reads, as nginx would pass them to the
 * activation handler of ./dev's stack.
 */
static void
settings(struct ctx *ctx, const char *cadir, const char *dns)
{
	static char	 ca[1024];

	snprintf(ca, sizeof(ca), "%s/ca.pem", cadir);
	memset(ctx, 0, sizeof(*ctx));
	ctx->set.ca_cert = ca;
	ctx->set.crl_url = "http://127.0.0.1/crl/ca.crl";
	ctx->set.aia_url = "http://127.0.0.1/crl/ca.cer";
	ctx->set.caa_ids = "ca.smime-activation.test";
	ctx->set.dns = dns;
	ctx->set.weak_keys = "";
	ctx->set.base_url = "http://127.0.0.1";
	ctx->set.brand = "bench";
	ctx->set.theme = "default";
	ctx->set.lang = "en";
}

int
main(int argc, char *argv[])
{
	struct profile_subject	 ps;
	struct profile_ca	 pca;
	struct issuer		 is = ISSUER_INIT;
	struct actor		 who = { "issue-bench", "customer", "127.0.0.1" };
	struct ctx		 ctx;
	struct cert		 cert;
	struct csr		 c;
	EVP_PKEY		*cakey;
	X509			*ca, *x;
	FILE			*f;
	char			 path[1024], keypath[1024], *pem;
	char			 group[32], kind[48];
	const char		*reason;
	size_t			 pemlen;
	long long		 first;
	double			 t0, raw, full;
	int			 i, n, priv;
	enum issuerc		 rc;

	log_init("issue-bench");
	if (argc != 7)
		return 2;
	first = atoll(argv[4]);
	n = atoi(argv[5]);
	snprintf(keypath, sizeof(keypath), "%s/ca.key", argv[1]);
	f = fopen(keypath, "r");
	cakey = f ? PEM_read_PrivateKey(f, NULL, NULL, NULL) : NULL;
	if (f)
		fclose(f);
	snprintf(path, sizeof(path), "%s/ca.pem", argv[1]);
	settings(&ctx, argv[1], argv[6]);
	if (cakey == NULL || (ca = signer_load_cert(path)) == NULL ||
	    (pem = slurp(argv[2], &pemlen)) == NULL ||
	    (ctx.db = db_open(argv[3])) == NULL)
		return 1;
	if (!signer_start(&is.signer, keypath, path))
		return 1;

	/* Raw: the CA's signature alone, on a certificate of the profile. */
	memset(&ps, 0, sizeof(ps));
	ps.organization = "Example sp. z o.o.";
	ps.org_identifier = "VATPL-5260250274";
	ps.country = "PL";
	ps.email = "bench@caa-allowed.test";
	ps.cn = CN_EMAIL;
	memset(&pca, 0, sizeof(pca));
	pca.cert = ca;
	pca.crl_url = ctx.set.crl_url;
	pca.aia_url = ctx.set.aia_url;
	memset(&c, 0, sizeof(c));
	if (csr_parse(pem, pemlen, &c, &priv) != CSR_OK)
		return 1;
	x = profile_build(PROFILE_STRICT, &ps, X509_REQ_get_X509_PUBKEY(c.req),
	    &pca, 730, time(NULL), &reason);
	if (x == NULL) {
		fprintf(stderr, "profile: %s\n", reason);
		return 1;
	}
	t0 = now();
	for (i = 0; i < n; i++)
		if (X509_sign(x, cakey, profile_md(cakey)) <= 0)
			return 1;
	raw = n / (now() - t0);
	X509_free(x);
	csr_free(&c);

	/*
	 * Issue: the pipeline every path uses, on orders made ready for step
	 * 3 with the CSR already taken: the CSR and key checks again, CAA
	 * against the stack's resolver, the profile, the lint, the signer,
	 * the verification, and the transaction that stores it once.
	 */
	t0 = now();
	for (i = 0; i < n; i++)
		if ((rc = issue_order(&ctx, &is, &who, first + i, &cert)) !=
		    ISSUE_OK) {
			fprintf(stderr, "order %lld: %s\n", first + i,
			    issuerc_names[rc]);
			return 1;
		}
	full = n / (now() - t0);
	if (EVP_PKEY_get_base_id(cakey) == EVP_PKEY_EC &&
	    EVP_PKEY_get_group_name(cakey, group, sizeof(group), NULL) == 1)
		snprintf(kind, sizeof(kind), "EC %s", group);
	else
		snprintf(kind, sizeof(kind), "%s %d",
		    EVP_PKEY_get0_type_name(cakey), EVP_PKEY_get_bits(cakey));
	printf("bench %s raw signing with the CA key: %.0f/s\n", kind, raw);
	printf("bench %s issuance (issue_order: CSR check, CAA, profile, "
	    "lint, signer, verify, store): %.0f/s\n", kind, full);
	printf("bench %s ratio issuance/raw: %.2f (target >= 0.60)\n", kind,
	    full / raw);
	printf("bench %s phases, microseconds per certificate:", kind);
	for (i = 0; i < PHASE__MAX; i++)
		printf("%s %s %.0f", i ? "," : "", issue_phase_names[i],
		    is.phase[i] * 1e6 / (is.timed ? is.timed : 1));
	printf(" (sum %.0f; raw signature %.0f)\n", 1e6 / full, 1e6 / raw);
	signer_stop(&is.signer);
	db_close(ctx.db);
	return 0;
}
