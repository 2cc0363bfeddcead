/*
 * Issuance next to raw signing with the same CA key, in one run.
 *
 *   issue-bench CA_DIR CSR.pem CONNINFO FIRST_ORDER COUNT
 *
 * raw:   X509_sign() of a prepared certificate with the CA key, in-process;
 * issue: what the activation handler does per certificate: CSR parse and
 *        key checks, the profile, the pre-issuance lint with a throwaway
 *        key, the signature from the signer process (the seccomp-confined
 *        child, over its socketpair), and the row stored in MariaDB in a
 *        transaction, for orders FIRST_ORDER … FIRST_ORDER + COUNT - 1.
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
#include "lint.h"
#include "log.h"
#include "profile.h"
#include "signer.h"

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
	char		 chunk[4096];
	FILE		*f;
	size_t		 n;

	buf_init(&b);
	if ((f = fopen(path, "r")) == NULL)
		return NULL;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_add(&b, chunk, n);
	fclose(f);
	return buf_detach(&b, len);
}

int
main(int argc, char *argv[])
{
	struct profile_subject	 ps;
	struct profile_ca	 pca;
	struct lint_expect	 le;
	struct signer		 sg;
	struct cert		 cert;
	struct buf		 findings, der, why;
	struct csr		 c;
	struct db		*db;
	EVP_PKEY		*cakey, *tk;
	X509			*ca, *x;
	FILE			*f;
	char			 path[1024], keypath[1024], *pem, spki[65];
	const char		*reason;
	unsigned char		*tbs;
	size_t			 pemlen;
	long long		 first;
	double			 t0, raw, full, ph[4] = { 0, 0, 0, 0 };
	int			 i, n, len, priv;

	log_init("issue-bench");
	if (argc != 6)
		return 2;
	first = atoll(argv[4]);
	n = atoi(argv[5]);
	snprintf(path, sizeof(path), "%s/ca.key", argv[1]);
	f = fopen(path, "r");
	cakey = f ? PEM_read_PrivateKey(f, NULL, NULL, NULL) : NULL;
	if (f)
		fclose(f);
	snprintf(path, sizeof(path), "%s/ca.pem", argv[1]);
	f = fopen(path, "r");
	ca = f ? PEM_read_X509(f, NULL, NULL, NULL) : NULL;
	if (f)
		fclose(f);
	if (cakey == NULL || ca == NULL ||
	    (pem = slurp(argv[2], &pemlen)) == NULL ||
	    (db = db_open(argv[3])) == NULL)
		return 1;
	snprintf(keypath, sizeof(keypath), "%s/ca.key", argv[1]);
	if (!signer_start(&sg, keypath, path))
		return 1;
	memset(&ps, 0, sizeof(ps));
	ps.organization = "Example sp. z o.o.";
	ps.org_identifier = "VATPL-5260250274";
	ps.country = "PL";
	ps.locality = "Warszawa";
	ps.email = "bench@example.com";
	ps.cn = CN_EMAIL;
	memset(&pca, 0, sizeof(pca));
	pca.cert = ca;
	pca.crl_url = "http://127.0.0.1/crl/ca.crl";
	pca.aia_url = "http://127.0.0.1/crl/ca.cer";
	/* As the handler: a cheap throwaway key, the CA's digest. */
	tk = EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-256");
	buf_init(&findings);
	buf_init(&der);
	buf_init(&why);

	/* Raw: the CA's signature alone, on the same certificate. */
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

	/* Issue: the whole path, with the time of each phase. */
	t0 = now();
	for (i = 0; i < n; i++) {
		double	 ta = now();

		memset(&c, 0, sizeof(c));
		if (csr_parse(pem, pemlen, &c, &priv) != CSR_OK ||
		    csr_check_key(&c, NULL) != CSR_OK)
			return 1;
		ph[0] += now() - ta;
		ta = now();
		x = profile_build(PROFILE_STRICT, &ps,
		    X509_REQ_get_X509_PUBKEY(c.req), &pca, 730, time(NULL),
		    &reason);
		if (x == NULL || X509_sign(x, tk, profile_md(cakey)) <= 0)
			return 1;
		memset(&le, 0, sizeof(le));
		le.kind = PROFILE_STRICT;
		le.subject = &ps;
		le.ca = &pca;
		le.days = 730;
		le.spki = X509_REQ_get_X509_PUBKEY(c.req);
		buf_reset(&findings);
		if (lint_cert(x, &le, &findings) != 0) {
			fprintf(stderr, "%s", findings.s);
			return 1;
		}
		ph[1] += now() - ta;
		ta = now();
		tbs = NULL;
		if ((len = i2d_X509(x, &tbs)) <= 0 ||
		    !signer_sign(&sg, tbs, (size_t)len, &der, &why))
			return 1;
		OPENSSL_free(tbs);
		ph[2] += now() - ta;
		ta = now();
		memset(&cert, 0, sizeof(cert));
		snprintf(cert.serial, sizeof(cert.serial), "bench%lld-%d",
		    first, i);
		snprintf(cert.fingerprint, sizeof(cert.fingerprint), "%064d", i);
		snprintf(cert.subject, sizeof(cert.subject), "bench");
		snprintf(cert.key_desc, sizeof(cert.key_desc), "%s", c.key.desc);
		snprintf(spki, sizeof(spki), "%064d", i);
		if (!db_begin(db) || db_cert_add(db, first + i, &cert, spki,
		    der.s, der.len, (long long)time(NULL),
		    (long long)time(NULL) + 86400) != DB_OK || !db_commit(db)) {
			db_rollback(db);
			return 1;
		}
		ph[3] += now() - ta;
		X509_free(x);
		csr_free(&c);
	}
	full = n / (now() - t0);
	printf("bench issuance phases, microseconds each: CSR %.0f, "
	    "profile and lint %.0f, signer %.0f, store %.0f\n",
	    ph[0] * 1e6 / n, ph[1] * 1e6 / n, ph[2] * 1e6 / n,
	    ph[3] * 1e6 / n);
	printf("bench raw signing with the CA key (%s): %.0f/s\n",
	    EVP_PKEY_get0_type_name(cakey), raw);
	printf("bench issuance (CSR check + profile + lint + signer + store): "
	    "%.0f/s\n", full);
	printf("bench ratio issuance/raw: %.2f (target >= 0.60)\n", full / raw);
	signer_stop(&sg);
	db_close(db);
	return 0;
}
