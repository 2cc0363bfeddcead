/*
 * The issuance pipeline: one order, one checked CSR, one certificate.
 * See issue.h for the order of the checks.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "audit.h"
#include "buf.h"
#include "caa.h"
#include "csr.h"
#include "db.h"
#include "hex.h"
#include "issue.h"
#include "lint.h"
#include "log.h"
#include "mail.h"
#include "page.h"
#include "profile.h"
#include "server.h"
#include "signer.h"
#include "steps.h"
#include "valid.h"
#include "view.h"

#define CAA_TIMEOUT_MS	2000

#ifndef SMIME_WEAK_KEYS
#define SMIME_WEAK_KEYS	SMIME_DATADIR "/weak-keys"
#endif

const char *const issuerc_names[ISSUE__MAX] = {
	"ok",			/* ISSUE_OK */
	"already",		/* ISSUE_ALREADY */
	"not-ready",		/* ISSUE_NOT_READY */
	"no-csr",		/* ISSUE_NO_CSR */
	"key",			/* ISSUE_KEY */
	"caa-forbidden",	/* ISSUE_CAA_FORBIDDEN */
	"caa-failed",		/* ISSUE_CAA_FAILED */
	"lint",			/* ISSUE_LINT */
	"signer",		/* ISSUE_SIGNER */
	"internal",		/* ISSUE_INTERNAL */
};

/*
 * Starts the signer with the CA key of the environment (SMIME_CA_KEY) and
 * the certificate (SMIME_CA_CERT), in a worker after its fork. Without
 * them the process runs without signing. Returns 0 on failure.
 */
int
issue_start(struct issuer *is)
{
	const char	*key = getenv("SMIME_CA_KEY");
	const char	*cert = getenv("SMIME_CA_CERT");

	if (key == NULL || cert == NULL) {
		log_warnx("SMIME_CA_KEY and SMIME_CA_CERT must be set: "
		    "no signing");
		return 1;
	}
	return signer_start(&is->signer, key, cert);
}

/* The issuing CA certificate at `path`, loaded once. NULL: logged. */
X509 *
issue_ca(struct issuer *is, const char *path)
{
	if (path == NULL)
		return NULL;
	if (is->ca != NULL && strcmp(is->ca_path, path) == 0)
		return is->ca;
	X509_free(is->ca);
	is->ca = signer_load_cert(path);
	snprintf(is->ca_path, sizeof(is->ca_path), "%s", path);
	return is->ca;
}

/*
 * The weak-key lists of `dir`, loaded once per folder list: nginx's
 * SMIME_WEAK_KEYS_DIR, else the environment's, else the installed
 * default (the shipped lists, then the imported ones). NULL (logged)
 * when a list cannot be read.
 */
const struct blocklist *
issue_blocklist(struct issuer *is, const char *dir)
{
	if (dir == NULL || *dir == '\0')
		dir = getenv("SMIME_WEAK_KEYS_DIR");
	if (dir == NULL || *dir == '\0')
		dir = SMIME_WEAK_KEYS;
	if (is->weak != NULL && strcmp(is->weak_dir, dir) == 0)
		return is->weak;
	blocklist_free(is->weak);
	is->weak = blocklist_load(dir);
	snprintf(is->weak_dir, sizeof(is->weak_dir), "%s", dir);
	return is->weak;
}

/*
 * A throwaway key for the pre-issuance lint (BR 4.3.1.2), made once per
 * process. The lint reads the certificate as it will be signed, so the
 * signature's AlgorithmIdentifier must be the CA's; the key itself needs
 * no strength: P-256 signs for any ECDSA CA (the digest is the CA's), a
 * 1024-bit RSA key for an RSA CA, at a fraction of the CA key's cost.
 */
static EVP_PKEY *
lintkey(struct issuer *is, EVP_PKEY *capub)
{
	int	 want = EVP_PKEY_get_base_id(capub);

	if (is->lintkey != NULL && is->lintkind == want)
		return is->lintkey;
	EVP_PKEY_free(is->lintkey);
	switch (want) {
	case EVP_PKEY_EC:
		is->lintkey = EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-256");
		break;
	case EVP_PKEY_RSA:
		is->lintkey = EVP_PKEY_Q_keygen(NULL, NULL, "RSA",
		    (size_t)1024);
		break;
	case EVP_PKEY_ED25519:
		is->lintkey = EVP_PKEY_Q_keygen(NULL, NULL, "ED25519");
		break;
	default:
		is->lintkey = NULL;
	}
	is->lintkind = want;
	return is->lintkey;
}

void
issuance_init(struct issuance *st)
{
	memset(st, 0, sizeof(*st));
	buf_init(&st->csr);
}

void
issuance_free(struct issuance *st)
{
	buf_free(&st->csr);
}

/*
 * Loads order `id` (whoever may see it: the caller checked that) with
 * its steps, activation draft and verified organization, and checks that
 * step 3 is open: the mailbox validated within 30 days (BR 4.2.1), the
 * organization verified with its identifier (BR 7.1.4.2.2).
 * Returns ISSUE_OK, ISSUE_ALREADY (issued), ISSUE_NOT_READY with st->why
 * the catalogue key of the reason, or ISSUE_INTERNAL.
 */
enum issuerc
issue_load(struct db *db, long long id, struct issuance *st)
{
	enum dbrc	 rc;

	st->why = NULL;
	buf_reset(&st->csr);
	if ((rc = db_order_any(db, id, &st->o)) != DB_OK) {
		st->why = "activation.unavailable";
		return rc == DB_NOTFOUND ? ISSUE_NOT_READY : ISSUE_INTERNAL;
	}
	if (db_order_lock(db, id, &st->s) != DB_OK ||
	    db_activation_get(db, id, &st->a, &st->csr) != DB_OK)
		return ISSUE_INTERNAL;
	if (st->s.st.activation == STEP_ISSUED)
		return ISSUE_ALREADY;
	if (!steps_allows(&st->s.st, EV_ISSUED)) {
		st->why = "activation.unavailable";
		return ISSUE_NOT_READY;
	}
	if (st->a.email_age < 0 || st->a.email_age > ISSUE_EMAIL_MAX_AGE) {
		st->why = "activation.email-old";
		return ISSUE_NOT_READY;
	}
	if (st->a.org_id == 0 || (rc = db_org_get(db, st->a.org_id, &st->g)) !=
	    DB_OK || st->g.status != ORG_VERIFIED) {
		if (rc == DB_ERR)
			return ISSUE_INTERNAL;
		st->why = "activation.unavailable";
		return ISSUE_NOT_READY;
	}
	if (st->g.org_identifier[0] == '\0') {
		st->why = "activation.no-identifier";
		return ISSUE_NOT_READY;
	}
	return ISSUE_OK;
}

/* Whether comma-separated `list` holds `what`. */
int
issue_has_key(const char *list, const char *what)
{
	size_t	 n = strlen(what);
	const char *p;

	for (p = list; (p = strstr(p, what)) != NULL; p += n)
		if ((p == list || p[-1] == ',') &&
		    (p[n] == ',' || p[n] == '\0'))
			return 1;
	return 0;
}

/* The profile's subject from the verified data and the choices. */
void
issue_subject(const struct issuance *st, struct profile_subject *ps)
{
	const char	*inc = st->a.include;

	memset(ps, 0, sizeof(*ps));
	ps->organization = st->g.name;
	ps->org_identifier = st->g.org_identifier;
	ps->email = st->a.email;
	ps->country = issue_has_key(inc, "C") || issue_has_key(inc, "ST") ||
	    issue_has_key(inc, "L") ? st->g.country : NULL;
	ps->state = issue_has_key(inc, "ST") && text_meaningful(st->g.state) ?
	    st->g.state : NULL;
	ps->locality = issue_has_key(inc, "L") &&
	    text_meaningful(st->g.locality) ? st->g.locality : NULL;
	ps->include_email_attr = issue_has_key(inc, "E");
	ps->cn = strcmp(st->a.cn, "organization") == 0 ? CN_ORGANIZATION :
	    CN_EMAIL;
}

/*
 * The CSR checks of step 3 on `len` bytes (PEM or DER): parsed, its
 * signature verified, its key checked (size, curve, exponent, ROCA,
 * Fermat, the weak-key lists of folder `weakdir`: BR 6.1.1.3), and not a
 * key used before or blocked. On CSR_OK the CSR's DER becomes order
 * `order`'s and *k describes its key. *priv is set when the bytes held a
 * private key too (whatever else: it is exposed). CSR_KEY_USED is the
 * refusal for a key seen before. CSR_INTERNAL is ours (logged, 500).
 */
enum csrerr
issue_take_csr(struct db *db, struct issuer *is, const char *weakdir,
    long long order, const void *p, size_t len, int *priv,
    struct csr_key *k)
{
	const struct blocklist *bl;
	struct csr	 c;
	enum csrerr	 e;
	char		 spki[65];
	long long	 used = 0, blocked = 0;

	memset(&c, 0, sizeof(c));
	*priv = 0;
	if (p == NULL || len == 0)
		e = CSR_EMPTY;
	else
		e = csr_parse(p, len, &c, priv);
	/* Without its weak-key lists nothing is accepted: fail closed. */
	if (e == CSR_OK)
		e = (bl = issue_blocklist(is, weakdir)) == NULL ? CSR_INTERNAL :
		    csr_check_key(&c, bl);
	if (e == CSR_OK) {
		hex_encode(c.key.spki_sha256, 32, spki);
		if (db_key_seen(db, spki, &used, &blocked) != DB_OK)
			e = CSR_INTERNAL;
		else if (blocked)
			e = CSR_KEY_BLOCKED;
		else if (used)
			e = CSR_KEY_USED;
	}
	if (e == CSR_OK && *priv)
		e = CSR_NOT_CSR_PRIVATE_KEY;
	if (e == CSR_OK && db_activation_csr(db, order, c.der, c.derlen) !=
	    DB_OK)
		e = CSR_INTERNAL;
	if (e == CSR_OK)
		*k = c.key;
	csr_free(&c);
	return e;
}

/*
 * An audit row of its own transaction: for what is refused, whose main
 * transaction is rolled back (CAA, lint).
 */
static void
audit_alone(struct db *db, const struct actor *who, const char *action,
    long long id, const char *details)
{
	char	 obj[32];

	snprintf(obj, sizeof(obj), "order:%lld", id);
	if (!db_begin(db))
		return;
	if (!audit_add(db, who->login, who->role, who->addr, action, id, obj,
	    details) || !db_commit(db))
		db_rollback(db);
}

/* The CA's CAA issuer domain names, from SMIME_CAA_IDENTITIES. */
static int
caa_ids(const char *list, char *copy, size_t copysz, const char **ids,
    size_t max)
{
	char	*tok, *save = NULL;
	size_t	 n = 0;

	snprintf(copy, copysz, "%s", list ? list : "");
	for (tok = strtok_r(copy, " ,", &save); tok != NULL && n + 1 < max;
	    tok = strtok_r(NULL, " ,", &save))
		ids[n++] = tok;
	ids[n] = NULL;
	return n > 0;
}

/* A name as people read it: RFC 2253 order and escaping, UTF-8. */
static int
name_text(const X509_NAME *n, char *out, size_t outsz)
{
	BIO	*b;
	int	 len;

	if ((b = BIO_new(BIO_s_mem())) == NULL)
		return 0;
	if (X509_NAME_print_ex(b, n, 0, (XN_FLAG_RFC2253 &
	    ~ASN1_STRFLGS_ESC_MSB) | XN_FLAG_SEP_CPLUS_SPC) < 0 ||
	    (len = BIO_read(b, out, (int)outsz - 1)) < 0) {
		BIO_free(b);
		return 0;
	}
	out[len] = '\0';
	BIO_free(b);
	return 1;
}

static long long
asn1_epoch(const ASN1_TIME *t)
{
	struct tm	 tm;

	if (!ASN1_TIME_to_tm(t, &tm))
		return 0;
	return (long long)timegm(&tm);
}

/* The row of the signed certificate `x` (DER `der`) for key `k`. */
static int
cert_row(X509 *x, const struct buf *der, const struct csr_key *k,
    struct cert *c)
{
	BIGNUM		*bn;
	char		*h;
	unsigned char	 md[32];
	unsigned int	 mdlen;
	size_t		 i;

	memset(c, 0, sizeof(*c));
	if ((bn = ASN1_INTEGER_to_BN(X509_get0_serialNumber(x), NULL)) ==
	    NULL)
		return 0;
	h = BN_bn2hex(bn);
	BN_free(bn);
	if (h == NULL)
		return 0;
	for (i = 0; h[i] != '\0'; i++)
		h[i] = (char)(h[i] >= 'A' && h[i] <= 'F' ? h[i] - 'A' + 'a' :
		    h[i]);
	snprintf(c->serial, sizeof(c->serial), "%s", h);
	OPENSSL_free(h);
	if (EVP_Digest(der->s, der->len, md, &mdlen, EVP_sha256(), NULL) != 1)
		return 0;
	hex_encode(md, 32, c->fingerprint);
	snprintf(c->key_desc, sizeof(c->key_desc), "%s", k->desc);
	return name_text(X509_get_subject_name(x), c->subject,
	    sizeof(c->subject));
}

/*
 * The certificate-issued mail, queued in the open transaction, with the
 * certificate `x` attached as PEM under the download's name (the
 * manual's "download from the certificate creation e-mail").
 */
static int
issued_mail(struct ctx *ctx, const struct issuance *st, const struct cert *c,
    X509 *x)
{
	struct mail_file	 f;
	struct page		*mail;
	BIO			*mem;
	BUF_MEM			*bm;
	char			 link[600], name[100];
	int			 ok = 0;

	snprintf(link, sizeof(link), "%s/certificates/%lld", ctx->set.base_url,
	    st->o.id);
	snprintf(name, sizeof(name), "smime-%s-cert.pem", c->serial);
	if ((mem = BIO_new(BIO_s_mem())) == NULL)
		return 0;
	if (!PEM_write_bio_X509(mem, x) || (mail =
	    page_new("mail-certificate-issued")) == NULL) {
		BIO_free(mem);
		return 0;
	}
	BIO_get_mem_ptr(mem, &bm);
	f.name = name;
	f.type = "application/x-pem-file";
	f.data = bm->data;
	f.len = bm->length;
	ok = page_attr(page_add(mail->root, "brand", NULL), "name",
	    ctx->set.brand) &&
	    page_attr(page_add(mail->root, "order", NULL), "number",
	    st->o.number) &&
	    page_attr(mail->root->last, "product", st->o.product) &&
	    page_attr(mail->root->last, "product-code", st->o.product_code) &&
	    view_cert(mail->root, c) &&
	    page_add(mail->root, "link", link) != NULL &&
	    mail_queue_files(ctx, "certificate-issued", st->s.account_id,
	    st->o.id, mail, NULL, 1, &f, 1);
	page_free(mail);
	BIO_free(mem);
	return ok;
}

/* Whether the CAA records of the mailbox's domain let us issue. */
static enum issuerc
caa(struct ctx *ctx, const struct actor *who, const struct issuance *st,
    char *why, size_t whysz)
{
	const char	*ids[8], *at = strrchr(st->a.email, '@');
	char		 idcopy[256];

	if (!caa_ids(ctx->set.caa_ids, idcopy, sizeof(idcopy), ids, 8)) {
		log_warnx("SMIME_CAA_IDENTITIES is not set: no issuance");
		return ISSUE_CAA_FAILED;
	}
	switch (caa_check(at ? at + 1 : "", ids, ctx->set.dns, CAA_TIMEOUT_MS,
	    why, whysz)) {
	case CAA_ALLOWED:
		return ISSUE_OK;
	case CAA_FORBIDDEN:
		audit_alone(ctx->db, who, "caa-forbidden", st->o.id, why);
		return ISSUE_CAA_FORBIDDEN;
	default:
		audit_alone(ctx->db, who, "caa-lookup-failed", st->o.id, why);
		return ISSUE_CAA_FAILED;
	}
}

/*
 * Builds the certificate of `st` for the CSR `c`, lints it signed with
 * the throwaway key, has the signer sign it and verifies the signature
 * against the CA. On ISSUE_OK *out is the signed certificate (the caller
 * frees it) and `der` its DER.
 */
static enum issuerc
sign(struct ctx *ctx, struct issuer *is, const struct actor *who,
    const struct issuance *st, const struct csr *c, struct buf *der,
    X509 **out)
{
	struct profile_subject	 ps;
	struct profile_ca	 pca;
	struct lint_expect	 le;
	struct buf		 findings, why;
	X509			*x = NULL;
	EVP_PKEY		*tk;
	const unsigned char	*p;
	unsigned char		*tbs = NULL;
	const char		*reason;
	enum issuerc		 rc = ISSUE_INTERNAL;
	int			 len;

	buf_init(&findings);
	buf_init(&why);
	*out = NULL;
	issue_subject(st, &ps);
	memset(&pca, 0, sizeof(pca));
	if ((pca.cert = issue_ca(is, ctx->set.ca_cert)) == NULL)
		goto out;
	pca.crl_url = ctx->set.crl_url;
	pca.aia_url = ctx->set.aia_url;
	if ((x = profile_build(PROFILE_STRICT, &ps,
	    X509_REQ_get_X509_PUBKEY(c->req), &pca,
	    (int)st->o.validity_days, time(NULL), &reason)) == NULL) {
		log_warnx("order %lld: profile: %s", st->o.id, reason);
		goto out;
	}
	if ((tk = lintkey(is, X509_get0_pubkey(pca.cert))) == NULL ||
	    X509_sign(x, tk, profile_md(X509_get0_pubkey(pca.cert))) <= 0)
		goto out;
	memset(&le, 0, sizeof(le));
	le.kind = PROFILE_STRICT;
	le.subject = &ps;
	le.ca = &pca;
	le.days = (int)st->o.validity_days;
	le.spki = X509_REQ_get_X509_PUBKEY(c->req);
	if (lint_cert(x, &le, &findings) != 0) {
		log_warnx("order %lld: pre-issuance lint refused:\n%s",
		    st->o.id, findings.s);
		audit_alone(ctx->db, who, "lint-refused", st->o.id,
		    findings.s);
		rc = ISSUE_LINT;
		goto out;
	}
	if ((len = i2d_X509(x, &tbs)) <= 0)
		goto out;
	if (!signer_sign(&is->signer, tbs, (size_t)len, der, &why)) {
		log_warnx("order %lld: signer: %s", st->o.id, why.s);
		rc = ISSUE_SIGNER;
		goto out;
	}
	p = (const unsigned char *)der->s;
	if ((*out = d2i_X509(NULL, &p, (long)der->len)) == NULL ||
	    X509_verify(*out, X509_get0_pubkey(pca.cert)) != 1) {
		log_ssl("order %lld: signer's certificate does not verify",
		    st->o.id);
		X509_free(*out);
		*out = NULL;
		goto out;
	}
	rc = ISSUE_OK;
out:
	OPENSSL_free(tbs);
	X509_free(x);
	buf_free(&findings);
	buf_free(&why);
	return rc;
}

/*
 * Stores certificate `x` (DER `der`) of order `st` once, in one
 * transaction: the certificate row, the order's serial and common name,
 * the step (EV_ISSUED: its event and audit row), the CAA evidence and
 * the mail. A concurrent issuance that won the row lock stands instead:
 * ISSUE_ALREADY with its certificate in *c.
 */
static enum issuerc
record(struct ctx *ctx, const struct actor *who, struct issuance *st,
    X509 *x, const struct buf *der, const struct csr_key *k,
    const char *why_caa, struct cert *c)
{
	struct profile_subject	 ps;
	struct buf		 old;
	char			 spki[65], details[200], obj[32];
	enum dbrc		 rc;
	enum stepsrc		 sr;

	if (!cert_row(x, der, k, c))
		return ISSUE_INTERNAL;
	buf_init(&old);
	hex_encode(k->spki_sha256, 32, spki);
	issue_subject(st, &ps);
	if (!db_begin(ctx->db) || db_order_lock(ctx->db, st->o.id, &st->s) !=
	    DB_OK)
		goto fail;
	rc = st->s.st.activation == STEP_ISSUED ? DB_DUP :
	    db_cert_add(ctx->db, st->o.id, c, spki, der->s, der->len,
	    asn1_epoch(X509_get0_notBefore(x)),
	    asn1_epoch(X509_get0_notAfter(x)));
	if (rc == DB_DUP) {
		/* Another request issued it meanwhile: that one stands. */
		db_rollback(ctx->db);
		rc = db_cert_of_order(ctx->db, st->o.id, c, &old);
		buf_free(&old);
		return rc == DB_OK ? ISSUE_ALREADY : ISSUE_INTERNAL;
	}
	snprintf(obj, sizeof(obj), "order:%lld", st->o.id);
	snprintf(details, sizeof(details), "serial=%s sha256=%s", c->serial,
	    c->fingerprint);
	if (rc != DB_OK || db_order_issued(ctx->db, st->o.id, c->serial,
	    ps.cn == CN_ORGANIZATION ? ps.organization : ps.email,
	    asn1_epoch(X509_get0_notAfter(x))) != DB_OK)
		goto fail;
	if ((sr = steps_apply(ctx->db, who, st->o.id, EV_ISSUED, NULL, obj,
	    details, &st->s)) != STEPS_OK) {
		if (sr == STEPS_REFUSED)
			log_warnx("order %lld: step 3 closed while signing",
			    st->o.id);
		goto fail;
	}
	if (!audit_add(ctx->db, who->login, who->role, who->addr,
	    "caa-checked", st->o.id, obj, why_caa) ||
	    db_cert_of_order(ctx->db, st->o.id, c, &old) == DB_ERR ||
	    !issued_mail(ctx, st, c, x) || !db_commit(ctx->db))
		goto fail;
	buf_free(&old);
	log_info("order %lld: issued serial %s", st->o.id, c->serial);
	return ISSUE_OK;
fail:
	buf_free(&old);
	if (db_in_tx(ctx->db))
		db_rollback(ctx->db);
	return ISSUE_INTERNAL;
}

/*
 * Issues order `order`'s certificate from its verified data and stored
 * CSR, exactly once: see issue.h. `who` is the actor of the audit rows.
 * Returns ISSUE_OK or ISSUE_ALREADY with the certificate in *out, or a
 * refusal (ISSUE_NOT_READY, ISSUE_NO_CSR, ISSUE_KEY, ISSUE_CAA_*,
 * ISSUE_LINT, ISSUE_SIGNER) or ISSUE_INTERNAL, each logged or audited.
 */
enum issuerc
issue_order(struct ctx *ctx, struct issuer *is, const struct actor *who,
    long long order, struct cert *out)
{
	const struct blocklist *bl;
	struct issuance	 st;
	struct csr	 c;
	struct buf	 der;
	X509		*x = NULL;
	char		 why_caa[512];
	enum issuerc	 rc;
	int		 priv = 0;

	issuance_init(&st);
	memset(&c, 0, sizeof(c));
	buf_init(&der);
	memset(out, 0, sizeof(*out));
	if ((rc = issue_load(ctx->db, order, &st)) != ISSUE_OK) {
		if (rc == ISSUE_ALREADY && db_cert_of_order(ctx->db, order, out,
		    &der) != DB_OK)
			rc = ISSUE_INTERNAL;
		goto out;
	}
	if (st.csr.len == 0) {
		rc = ISSUE_NO_CSR;
		goto out;
	}
	/* The key is checked again: it may have been blocked or used since. */
	if (csr_parse(st.csr.s, st.csr.len, &c, &priv) != CSR_OK ||
	    (bl = issue_blocklist(is, ctx->set.weak_keys)) == NULL ||
	    csr_check_key(&c, bl) != CSR_OK) {
		rc = ISSUE_KEY;
		goto out;
	}
	/* CAA outside the transaction: a lookup may take its time. */
	if ((rc = caa(ctx, who, &st, why_caa, sizeof(why_caa))) != ISSUE_OK ||
	    (rc = sign(ctx, is, who, &st, &c, &der, &x)) != ISSUE_OK)
		goto out;
	rc = record(ctx, who, &st, x, &der, &c.key, why_caa, out);
out:
	X509_free(x);
	csr_free(&c);
	buf_free(&der);
	issuance_free(&st);
	return rc;
}
