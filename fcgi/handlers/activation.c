/*
 * The activation handler: step 3 of the wizard, the certificate.
 *
 *   GET  /activation/{order}          the certificate's fields
 *   POST /activation/{order}          `cn`, `include`: the method page
 *   POST /activation/{order}/method   `method` (csr, card), `key`
 *   POST /activation/{order}/csr      `csr` (text) or `csrfile`: checked at
 *                                     once; the summary or every problem
 *   POST /activation/{order}/submit   issue: once per order
 *
 * The subject comes from the verified data and the customer's choices,
 * never from the CSR. Before signing: the CAA issuemail check of the
 * mailbox's domain (RFC 9495, S/MIME BR 4.2.2.1), then the pre-issuance
 * lint of the certificate signed with a throwaway key (4.3.1.2). Only
 * the signer process, forked per worker at start-up, holds the CA key.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <fcntl.h>
#include <unistd.h>

#include "audit.h"
#include "buf.h"
#include "caa.h"
#include "crl.h"
#include "csr.h"
#include "db.h"
#include "i18n.h"
#include "lint.h"
#include "log.h"
#include "mail.h"
#include "page.h"
#include "profile.h"
#include "request.h"
#include "server.h"
#include "signer.h"
#include "valid.h"
#include "view.h"

#define EMAIL_MAX_AGE	30	/* days: BR 4.2.1, validation reuse */
#define ISSUED		1	/* load(): the order has its certificate */

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

static int	 valid_any(struct kv *);

static const struct fieldspec fields[FIELD__MAX] = {
	{ valid_word, "cn", 16 },			/* FIELD_CN */
	{ valid_line, "include", 2 },			/* FIELD_INCLUDE */
	{ valid_word, "method", 8 },			/* FIELD_METHOD */
	{ valid_word, "key", 8 },			/* FIELD_KEY */
	{ valid_multiline, "csr", CSR_MAX_BYTES },	/* FIELD_CSR */
	{ valid_any, "csrfile", CSR_MAX_BYTES },	/* FIELD_CSRFILE */
	{ valid_line, "reason", 32 },			/* FIELD_REASON */
	{ valid_word, "confirm", 1 },			/* FIELD_CONFIRM */
	{ valid_multiline, "comment", 500 },		/* FIELD_COMMENT */
};

static const char *const pages[] = {
	"activation-fields", "activation-method", "activation-csr",
	"activation-summary", "activation-card", "activation-success",
	"error", "mail-certificate-issued", "mail-certificate-issued-html",
	"certificate-revoke", "certificate-revoked", "mail-certificate-revoked",
	NULL
};

#define CRL_DAYS	7	/* nextUpdate after thisUpdate: BR 4.9.7 */

static const char *const card_keys[] = {
	"rsa2048", "rsa3072", "rsa4096", "p256", "p384", NULL
};

/* Per worker: its signer, and what the first request loads. */
static struct signer		 signer = { -1, -1 };
static struct blocklist		*weak;
static char			 weak_dir[1024];
static X509			*ca;
static char			 ca_path[1024];

/* A file's bytes: csr_parse() judges them. */
static int
valid_any(struct kv *kv)
{
	return kv->filename != NULL;
}

/*
 * At a worker's start: the signer, with the CA key named by the
 * environment (SMIME_CA_KEY) and the certificate (SMIME_CA_CERT).
 */
static int
worker_init(void)
{
	const char	*key = getenv("SMIME_CA_KEY");
	const char	*cert = getenv("SMIME_CA_CERT");

	if (key == NULL || cert == NULL) {
		log_warnx("SMIME_CA_KEY and SMIME_CA_CERT must be set: "
		    "no signing");
		return 1;
	}
	return signer_start(&signer, key, cert);
}

/* The issuing CA certificate of SMIME_CA_CERT, loaded once. */
static X509 *
ca_cert(const char *path)
{
	FILE	*f;

	if (ca != NULL && strcmp(ca_path, path) == 0)
		return ca;
	X509_free(ca);
	ca = NULL;
	if ((f = fopen(path, "r")) == NULL) {
		log_warn("SMIME_CA_CERT %s", path);
		return NULL;
	}
	ca = PEM_read_X509(f, NULL, NULL, NULL);
	fclose(f);
	if (ca == NULL)
		log_ssl("SMIME_CA_CERT %s", path);
	snprintf(ca_path, sizeof(ca_path), "%s", path);
	return ca;
}

/*
 * The weak key folders: nginx's SMIME_WEAK_KEYS_DIR, else the
 * environment's, else the installed default (the shipped lists and
 * the imported ones).
 */
static const char *
weak_dirs(struct req *r)
{
	const char	*dir = r != NULL ? req_param(r, "SMIME_WEAK_KEYS_DIR") :
			    NULL;

	if (dir == NULL || *dir == '\0')
		dir = getenv("SMIME_WEAK_KEYS_DIR");
	if (dir == NULL || *dir == '\0')
		dir = SMIME_WEAK_KEYS;
	return dir;
}

static const struct blocklist *
blocklist(struct req *r)
{
	const char	*dir = weak_dirs(r);

	if (weak != NULL && strcmp(weak_dir, dir) == 0)
		return weak;
	blocklist_free(weak);
	weak = blocklist_load(dir);
	snprintf(weak_dir, sizeof(weak_dir), "%s", dir);
	return weak;
}

/* What step 3 builds on, for one order. */
struct state {
	struct order		 o;
	struct steps		 s;
	struct activation	 a;
	struct org		 g;
	struct buf		 csr;	/* DER of the accepted CSR */
};

/*
 * Loads the order (visible to the account), its steps, draft and
 * verified organization; checks that step 3 is open and the mailbox
 * validation fresh. Returns 200, ISSUED, or the status that refuses.
 */
static int
load(struct ctx *ctx, long long id, struct state *st, int lock)
{
	enum dbrc	 rc;

	if ((rc = db_order_visible(ctx->db, &ctx->acct, id, &st->o)) != DB_OK)
		return rc == DB_NOTFOUND ? 404 : 500;
	if (view_order(ctx->page->root, &st->o) == NULL ||
	    db_order_lock(ctx->db, id, &st->s) != DB_OK ||
	    db_activation_get(ctx->db, id, &st->a, &st->csr) != DB_OK)
		return 500;
	(void)lock;
	if (strcmp(st->s.activation, "issued") == 0)
		return ISSUED;
	if (strcmp(st->s.activation, "awaiting") != 0) {
		page_error(ctx->page, ctx->cat, NULL, "activation.unavailable");
		return 409;
	}
	if (st->a.email_age < 0 || st->a.email_age > EMAIL_MAX_AGE) {
		page_error(ctx->page, ctx->cat, NULL, "activation.email-old");
		return 409;
	}
	if (st->a.org_id == 0 ||
	    db_org_get(ctx->db, st->a.org_id, &st->g) != DB_OK ||
	    strcmp(st->g.status, "verified") != 0)
		return 409;
	if (st->g.org_identifier[0] == '\0') {
		page_error(ctx->page, ctx->cat, NULL, "activation.no-identifier");
		return 409;
	}
	return 200;
}

/* The account an order belongs to (for its events and mail). */
static long long
account_of(struct ctx *ctx, long long id)
{
	struct steps	 s;

	return db_order_lock(ctx->db, id, &s) == DB_OK ? s.account_id : 0;
}

/* The time now as ISO 8601 UTC, into `buf`. */
static const char *
now_iso(char *buf, size_t bufsz)
{
	time_t		 t = time(NULL);
	struct tm	 tm;

	gmtime_r(&t, &tm);
	strftime(buf, bufsz, "%Y-%m-%dT%H:%M:%SZ", &tm);
	return buf;
}

/* A change to an issued order: 409, saying so. */
static int
closed(struct ctx *ctx, int code)
{
	if (code != ISSUED)
		return code;
	page_error(ctx->page, ctx->cat, NULL, "activation.issued");
	return 409;
}

static int
includes(const char *list, const char *what)
{
	char	 copy[32], *tok, *save = NULL;

	snprintf(copy, sizeof(copy), "%s", list);
	for (tok = strtok_r(copy, ",", &save); tok != NULL;
	    tok = strtok_r(NULL, ",", &save))
		if (strcmp(tok, what) == 0)
			return 1;
	return 0;
}

/* The verified data the customer chooses from, and the choices. */
static int
view_data(struct ctx *ctx, const struct state *st)
{
	xmlNodePtr	 d, c;
	char		 key[16];

	snprintf(key, sizeof(key), "country.%s", st->g.country);
	return (d = page_add(ctx->page->root, "data", NULL)) != NULL &&
	    page_add(d, "email", st->a.email) != NULL &&
	    page_add(d, "organization", st->g.name) != NULL &&
	    page_add(d, "org-identifier", st->g.org_identifier) != NULL &&
	    (c = page_add(d, "country", NULL)) != NULL &&
	    page_attr(c, "code", st->g.country) &&
	    page_attr(c, "name", i18n_msg(ctx->cat, key)) &&
	    (!text_meaningful(st->g.state) ||
	    page_add(d, "state", st->g.state) != NULL) &&
	    (!text_meaningful(st->g.locality) ||
	    page_add(d, "locality", st->g.locality) != NULL) &&
	    (c = page_add(ctx->page->root, "choice", NULL)) != NULL &&
	    page_attr(c, "cn", st->a.cn) && page_attr(c, "include",
	    st->a.include);
}

/*
 * The profile's subject from the verified data and the choices.
 */
static void
subject(const struct state *st, struct profile_subject *ps)
{
	memset(ps, 0, sizeof(*ps));
	ps->organization = st->g.name;
	ps->org_identifier = st->g.org_identifier;
	ps->email = st->a.email;
	ps->country = includes(st->a.include, "C") ||
	    includes(st->a.include, "ST") || includes(st->a.include, "L") ?
	    st->g.country : NULL;
	ps->state = includes(st->a.include, "ST") &&
	    text_meaningful(st->g.state) ? st->g.state : NULL;
	ps->locality = includes(st->a.include, "L") &&
	    text_meaningful(st->g.locality) ? st->g.locality : NULL;
	ps->include_email_attr = includes(st->a.include, "E");
	ps->cn = strcmp(st->a.cn, "organization") == 0 ? CN_ORGANIZATION :
	    CN_EMAIL;
}

static int
get_fields(struct ctx *ctx, struct req *r, long long id, struct state *st)
{
	int	 code;

	char	 loc[64];

	if ((code = load(ctx, id, st, 0)) == ISSUED) {
		snprintf(loc, sizeof(loc), "/certificates/%lld", id);
		return req_header(r, "Location", loc) ? 303 : 500;
	}
	if (code != 200)
		return code;
	page_rename(ctx->page, "activation-fields");
	return view_data(ctx, st) ? 200 : 500;
}

/*
 * POST /activation/{order}: the common name and the optional
 * attributes; then the method page.
 */
static int
post_fields(struct ctx *ctx, struct req *r, long long id, struct state *st)
{
	const struct kv	*kv;
	const char	*cn = req_field(r, FIELD_CN);
	char		 inc[16] = "";
	int		 code;

	if ((code = load(ctx, id, st, 0)) != 200)
		return closed(ctx, code);
	if (cn == NULL || (strcmp(cn, "email") != 0 &&
	    strcmp(cn, "organization") != 0)) {
		page_error(ctx->page, ctx->cat, "cn", "activation.cn");
		page_rename(ctx->page, "activation-fields");
		return view_data(ctx, st) ? 422 : 500;
	}
	for (kv = r->fieldmap[FIELD_INCLUDE]; kv != NULL; kv = kv->next) {
		if (strcmp(kv->val, "L") != 0 && strcmp(kv->val, "ST") != 0 &&
		    strcmp(kv->val, "C") != 0 && strcmp(kv->val, "E") != 0) {
			page_error(ctx->page, ctx->cat, "include",
			    "field.invalid");
			page_rename(ctx->page, "activation-fields");
			return view_data(ctx, st) ? 422 : 500;
		}
		if (!includes(inc, kv->val) &&
		    strlen(inc) + strlen(kv->val) + 2 < sizeof(inc)) {
			if (inc[0] != '\0')
				strcat(inc, ",");
			strcat(inc, kv->val);
		}
	}
	if (db_activation_fields(ctx->db, id, cn, inc) != DB_OK)
		return 500;
	snprintf(st->a.cn, sizeof(st->a.cn), "%s", cn);
	snprintf(st->a.include, sizeof(st->a.include), "%s", inc);
	page_rename(ctx->page, "activation-method");
	return view_data(ctx, st) &&
	    page_attr(page_add(ctx->page->root, "method", NULL), "value",
	    st->a.method) ? 200 : 500;
}

/*
 * POST /activation/{order}/method: a CSR (the CSR page), or a key pair
 * on a card (its waiting page: the card agent comes later).
 */
static int
post_method(struct ctx *ctx, struct req *r, long long id, struct state *st)
{
	const char	*m = req_field(r, FIELD_METHOD);
	const char	*k = req_field(r, FIELD_KEY);
	size_t		 i;
	int		 code;

	if ((code = load(ctx, id, st, 0)) != 200)
		return closed(ctx, code);
	if (st->a.cn[0] == '\0') {
		page_error(ctx->page, ctx->cat, "cn", "activation.cn");
		page_rename(ctx->page, "activation-fields");
		return view_data(ctx, st) ? 422 : 500;
	}
	if (m != NULL && strcmp(m, "card") == 0) {
		for (i = 0; k != NULL && card_keys[i] != NULL; i++)
			if (strcmp(k, card_keys[i]) == 0)
				break;
		if (k == NULL || card_keys[i] == NULL) {
			page_error(ctx->page, ctx->cat, "key", "field.invalid");
			page_rename(ctx->page, "activation-method");
			return view_data(ctx, st) ? 422 : 500;
		}
		if (db_activation_method(ctx->db, id, "card", k) != DB_OK)
			return 500;
		page_rename(ctx->page, "activation-card");
		return page_attr(page_add(ctx->page->root, "card", NULL), "key",
		    k) ? 200 : 500;
	}
	if (m == NULL || strcmp(m, "csr") != 0) {
		page_error(ctx->page, ctx->cat, "method", "field.required");
		page_rename(ctx->page, "activation-method");
		return view_data(ctx, st) ? 422 : 500;
	}
	if (db_activation_method(ctx->db, id, "csr", NULL) != DB_OK)
		return 500;
	page_rename(ctx->page, "activation-csr");
	return 200;
}

/* The subject the certificate will carry, and the rest of the summary. */
static int
summary(struct ctx *ctx, const struct state *st, const struct csr_key *k)
{
	struct profile_subject	 ps;
	xmlNodePtr		 s, n;
	const char		*cnv;

	subject(st, &ps);
	cnv = ps.cn == CN_ORGANIZATION ? ps.organization : ps.email;
	page_rename(ctx->page, "activation-summary");
	if ((s = page_add(ctx->page->root, "subject", NULL)) == NULL ||
	    (ps.country && !page_attr(page_add(s, "attr", ps.country), "type",
	    "C")) ||
	    (ps.state && !page_attr(page_add(s, "attr", ps.state), "type",
	    "ST")) ||
	    (ps.locality && !page_attr(page_add(s, "attr", ps.locality),
	    "type", "L")) ||
	    !page_attr(page_add(s, "attr", ps.organization), "type", "O") ||
	    !page_attr(page_add(s, "attr", ps.org_identifier), "type",
	    "organizationIdentifier") ||
	    !page_attr(page_add(s, "attr", cnv), "type", "CN") ||
	    (ps.include_email_attr && !page_attr(page_add(s, "attr",
	    ps.email), "type", "emailAddress")) ||
	    page_add(ctx->page->root, "san", ps.email) == NULL ||
	    (n = page_add(ctx->page->root, "key", NULL)) == NULL ||
	    !page_attr(n, "desc", k->desc) ||
	    !page_attr(n, "signing-only", k->signing_only ? "1" : "0") ||
	    !page_attr(n = page_add(ctx->page->root, "policy", NULL), "oid",
	    "2.23.140.1.5.2.3") ||
	    !page_attrf(page_add(ctx->page->root, "validity", NULL), "days",
	    "%lld", st->o.validity_days))
		return 0;
	return 1;
}

static void
hex(const unsigned char *p, size_t n, char *out)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		snprintf(out + 2 * i, 3, "%02x", p[i]);
}

/*
 * Checks a CSR from the text field or the file: every problem named. On
 * success the CSR's DER is the order's, and *k describes its key.
 * Returns 200, or 422 with the errors in the page.
 */
static int
take_csr(struct ctx *ctx, struct req *r, long long id, struct csr_key *k)
{
	const struct kv	*kv = r->fieldmap[FIELD_CSRFILE];
	struct csr	 c;
	enum csrerr	 e;
	char		 key[48], spki[65];
	long long	 used = 0, blocked = 0;
	int		 priv = 0, code = 500;

	memset(&c, 0, sizeof(c));
	if (kv == NULL || kv->valsz == 0)
		kv = r->fieldmap[FIELD_CSR] ? r->fieldmap[FIELD_CSR] :
		    r->fielderr[FIELD_CSR];
	if (kv == NULL || kv->valsz == 0)
		e = CSR_EMPTY;
	else if (kv->err == KVERR_TOOLONG)
		e = CSR_TOOBIG;
	else
		e = csr_parse(kv->val, kv->valsz, &c, &priv);
	if (e == CSR_OK)
		e = csr_check_key(&c, blocklist(r));
	if (e == CSR_INTERNAL)
		goto out;	/* ours, not the customer's: 500, logged */
	if (e == CSR_OK) {
		hex(c.key.spki_sha256, 32, spki);
		if (db_key_seen(ctx->db, spki, &used, &blocked) != DB_OK) {
			code = 500;
			goto out;
		}
		if (blocked)
			e = CSR_KEY_BLOCKED;
	}
	if (priv) {
		/* Whatever else: the key that came with it is exposed. */
		page_add(ctx->page->root, "warning", i18n_msg(ctx->cat,
		    "csr.private-key"));
		page_attr(ctx->page->root->last, "key", "csr.private-key");
	}
	code = 422;
	if (e != CSR_OK || used || priv) {
		snprintf(key, sizeof(key), "csr.%s", e != CSR_OK ?
		    csrerr_names[e] : used ? "key-used" : "not-csr-private-key");
		page_error(ctx->page, ctx->cat, "csr", key);
		page_rename(ctx->page, "activation-csr");
		/* What was pasted comes back, unless it holds a private key. */
		if (!priv && kv != NULL && kv->filename == NULL &&
		    kv->valsz < 16384)
			page_attr(page_add(page_add(ctx->page->root, "form",
			    NULL), "value", kv->val), "name", "csr");
		goto out;
	}
	if (db_activation_csr(ctx->db, id, c.der, c.derlen) != DB_OK) {
		code = 500;
		goto out;
	}
	*k = c.key;
	code = 200;
out:
	csr_free(&c);
	return code;
}

static int
post_csr(struct ctx *ctx, struct req *r, long long id, struct state *st)
{
	struct csr_key	 k;
	int		 code;

	if ((code = load(ctx, id, st, 0)) != 200)
		return closed(ctx, code);
	if (strcmp(st->a.method, "csr") != 0 || st->a.cn[0] == '\0') {
		page_error(ctx->page, ctx->cat, NULL, "activation.no-csr");
		return 409;
	}
	if ((code = take_csr(ctx, r, id, &k)) != 200)
		return code;
	return summary(ctx, st, &k) ? 200 : 500;
}


/* <certificate> as the details page shows it (the XML contract). */
static int
view_cert(xmlNodePtr parent, const struct cert *c)
{
	xmlNodePtr	 n;

	return (n = page_add(parent, "certificate", NULL)) != NULL &&
	    page_add(n, "serial", c->serial) != NULL &&
	    page_add(n, "fingerprint", c->fingerprint) != NULL &&
	    page_add(n, "subject", c->subject) != NULL &&
	    page_add(n, "key", c->key_desc) != NULL &&
	    page_add(n, "not-before", c->not_before) != NULL &&
	    page_add(n, "not-after", c->not_after) != NULL;
}

/* The success page of an issued order, for any number of submits. */
static int
issued(struct ctx *ctx, long long id)
{
	struct cert	 c;
	struct buf	 der;
	enum dbrc	 rc;

	buf_init(&der);
	rc = db_cert_of_order(ctx->db, id, &c, &der);
	buf_free(&der);
	if (rc != DB_OK)
		return 500;
	page_rename(ctx->page, "activation-success");
	return view_cert(ctx->page->root, &c) ? 200 : 500;
}

/*
 * A throwaway key for the pre-issuance lint (BR 4.3.1.2), made once per
 * worker. The lint reads the certificate as it will be signed, so the
 * signature's AlgorithmIdentifier must be the CA's; the key itself needs
 * no strength: P-256 signs for any ECDSA CA (the digest is the CA's), a
 * 1024-bit RSA key for an RSA CA, at a fraction of the CA key's cost.
 */
static EVP_PKEY *
throwaway(EVP_PKEY *capub)
{
	static EVP_PKEY	*k;
	static int	 kind;
	int		 want = EVP_PKEY_get_base_id(capub);

	if (k != NULL && kind == want)
		return k;
	EVP_PKEY_free(k);
	switch (want) {
	case EVP_PKEY_EC:
		k = EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-256");
		break;
	case EVP_PKEY_RSA:
		k = EVP_PKEY_Q_keygen(NULL, NULL, "RSA", (size_t)1024);
		break;
	case EVP_PKEY_ED25519:
		k = EVP_PKEY_Q_keygen(NULL, NULL, "ED25519");
		break;
	default:
		k = NULL;
	}
	kind = want;
	return k;
}

/*
 * An audit row of its own transaction: for what is refused, whose main
 * transaction is rolled back (CAA, lint).
 */
static void
audit_alone(struct ctx *ctx, struct req *r, const char *action, long long id,
    const char *details)
{
	char	 obj[32];

	snprintf(obj, sizeof(obj), "order:%lld", id);
	if (!db_begin(ctx->db))
		return;
	if (!audit_add(ctx->db, ctx->acct.login, ctx->acct.role,
	    r->remote_addr, action, id, obj, details) || !db_commit(ctx->db))
		db_rollback(ctx->db);
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

/*
 * POST /activation/{order}/submit: issues the certificate, exactly once
 * per order: the order row is locked for the transaction and the
 * certificates table takes one per order, so concurrent or repeated
 * submits end on the same success page.
 */
static int
post_submit(struct ctx *ctx, struct req *r, long long id, struct state *st)
{
	struct profile_subject	 ps;
	struct profile_ca	 pca;
	struct lint_expect	 le;
	struct csr		 c;
	struct cert		 cert;
	struct buf		 findings, der, why;
	struct page		*mail = NULL;
	X509			*x = NULL, *done = NULL;
	EVP_PKEY		*tk;
	const char		*ids[8], *reason, *at;
	const unsigned char	*p;
	unsigned char		*tbs = NULL, md[32];
	char			 caabuf[256], idcopy[256], why_caa[512];
	char			 spki[65], link[600], obj[32];
	long long		 nb, na;
	int			 code = 500, len, priv = 0;
	enum dbrc		 rc;
	unsigned int		 mdlen;

	memset(&c, 0, sizeof(c));
	buf_init(&findings);
	buf_init(&der);
	buf_init(&why);
	if ((code = load(ctx, id, st, 0)) != 200) {
		if (code == ISSUED)
			code = issued(ctx, id);
		goto out;
	}
	code = 500;
	if (st->csr.len == 0 || strcmp(st->a.method, "csr") != 0) {
		page_error(ctx->page, ctx->cat, NULL, "activation.no-csr");
		code = 409;
		goto out;
	}
	/* The key is checked again: it may have been blocked or used since. */
	if (csr_parse(st->csr.s, st->csr.len, &c, &priv) != CSR_OK ||
	    csr_check_key(&c, blocklist(r)) != CSR_OK) {
		page_error(ctx->page, ctx->cat, NULL, "activation.no-csr");
		code = 409;
		goto out;
	}

	/* CAA issuemail (RFC 9495; BR 4.2.2.1), outside the transaction. */
	at = strrchr(st->a.email, '@');
	if (!caa_ids(ctx->set.caa_ids, idcopy, sizeof(idcopy), ids, 8)) {
		log_warnx("SMIME_CAA_IDENTITIES is not set: no issuance");
		page_error(ctx->page, ctx->cat, NULL, "activation.caa-failed");
		code = 503;
		goto out;
	}
	switch (caa_check(at ? at + 1 : "", ids, ctx->set.dns, 2000, why_caa,
	    sizeof(why_caa))) {
	case CAA_ALLOWED:
		break;
	case CAA_FORBIDDEN:
		audit_alone(ctx, r, "caa-forbidden", id, why_caa);
		page_error(ctx->page, ctx->cat, NULL, "activation.caa");
		code = 409;
		goto out;
	default:
		audit_alone(ctx, r, "caa-lookup-failed", id, why_caa);
		page_error(ctx->page, ctx->cat, NULL, "activation.caa-failed");
		code = 503;
		goto out;
	}

	/* Build, lint with a throwaway key, then have the signer sign. */
	subject(st, &ps);
	memset(&pca, 0, sizeof(pca));
	if ((pca.cert = ca_cert(ctx->set.ca_cert)) == NULL)
		goto out;
	pca.crl_url = ctx->set.crl_url;
	pca.aia_url = ctx->set.aia_url;
	if ((x = profile_build(PROFILE_STRICT, &ps,
	    X509_REQ_get_X509_PUBKEY(c.req), &pca, (int)st->o.validity_days,
	    time(NULL), &reason)) == NULL) {
		log_warnx("order %lld: profile: %s", id, reason);
		goto out;
	}
	if ((tk = throwaway(X509_get0_pubkey(pca.cert))) == NULL ||
	    X509_sign(x, tk, profile_md(X509_get0_pubkey(pca.cert))) <= 0)
		goto out;
	memset(&le, 0, sizeof(le));
	le.kind = PROFILE_STRICT;
	le.subject = &ps;
	le.ca = &pca;
	le.days = (int)st->o.validity_days;
	le.spki = X509_REQ_get_X509_PUBKEY(c.req);
	if (lint_cert(x, &le, &findings) != 0) {
		log_warnx("order %lld: pre-issuance lint refused:\n%s", id,
		    findings.s);
		audit_alone(ctx, r, "lint-refused", id, findings.s);
		page_error(ctx->page, ctx->cat, NULL, "activation.lint");
		goto out;
	}
	if ((len = i2d_X509(x, &tbs)) <= 0)
		goto out;
	if (!signer_sign(&signer, tbs, (size_t)len, &der, &why)) {
		log_warnx("order %lld: signer: %s", id, why.s);
		page_error(ctx->page, ctx->cat, NULL, "activation.signer");
		code = 503;
		goto out;
	}
	p = (const unsigned char *)der.s;
	if ((done = d2i_X509(NULL, &p, (long)der.len)) == NULL ||
	    X509_verify(done, X509_get0_pubkey(pca.cert)) != 1) {
		log_ssl("order %lld: signer's certificate does not verify", id);
		goto out;
	}

	/* Stored once, with its event, audit row and mail. */
	memset(&cert, 0, sizeof(cert));
	{
		const ASN1_INTEGER	*sn = X509_get0_serialNumber(done);
		BIGNUM			*bn = ASN1_INTEGER_to_BN(sn, NULL);
		char			*h = bn ? BN_bn2hex(bn) : NULL;
		size_t			 i;

		BN_free(bn);
		if (h == NULL)
			goto out;
		for (i = 0; h[i] != '\0'; i++)
			h[i] = (char)(h[i] >= 'A' && h[i] <= 'F' ?
			    h[i] - 'A' + 'a' : h[i]);
		snprintf(cert.serial, sizeof(cert.serial), "%s", h);
		OPENSSL_free(h);
	}
	if (EVP_Digest(der.s, der.len, md, &mdlen, EVP_sha256(), NULL) != 1)
		goto out;
	hex(md, 32, cert.fingerprint);
	hex(c.key.spki_sha256, 32, spki);
	if (!name_text(X509_get_subject_name(done), cert.subject,
	    sizeof(cert.subject)))
		goto out;
	snprintf(cert.key_desc, sizeof(cert.key_desc), "%s", c.key.desc);
	nb = asn1_epoch(X509_get0_notBefore(done));
	na = asn1_epoch(X509_get0_notAfter(done));
	if (!db_begin(ctx->db) || db_order_lock(ctx->db, id, &st->s) != DB_OK)
		goto out;
	if (strcmp(st->s.activation, "issued") == 0) {
		/* Another request issued it meanwhile: that one stands. */
		db_rollback(ctx->db);
		code = issued(ctx, id);
		goto out;
	}
	rc = db_cert_add(ctx->db, id, &cert, spki, der.s, der.len, nb, na);
	if (rc == DB_DUP) {
		db_rollback(ctx->db);
		code = issued(ctx, id);
		goto out;
	}
	snprintf(obj, sizeof(obj), "order:%lld", id);
	snprintf(link, sizeof(link), "%s/certificates/%lld", ctx->set.base_url,
	    id);
	snprintf(caabuf, sizeof(caabuf), "serial=%s sha256=%s", cert.serial,
	    cert.fingerprint);
	if (rc != DB_OK || db_order_issued(ctx->db, id, cert.serial,
	    ps.cn == CN_ORGANIZATION ? ps.organization : ps.email, na) !=
	    DB_OK ||
	    db_event_add(ctx->db, st->s.account_id, id, "certificate-issued") !=
	    DB_OK ||
	    !audit_add(ctx->db, ctx->acct.login, ctx->acct.role, r->remote_addr,
	    "certificate-issued", id, obj, caabuf) ||
	    !audit_add(ctx->db, ctx->acct.login, ctx->acct.role, r->remote_addr,
	    "caa-checked", id, obj, why_caa))
		goto out;
	if ((mail = page_new("mail-certificate-issued")) == NULL ||
	    !page_attr(page_add(mail->root, "brand", NULL), "name",
	    ctx->set.brand) ||
	    !page_attr(page_add(mail->root, "order", NULL), "number",
	    st->o.number) ||
	    !page_attr(mail->root->last, "product", st->o.product) ||
	    !view_cert(mail->root, &cert) ||
	    page_add(mail->root, "link", link) == NULL ||
	    !mail_queue(ctx, "certificate-issued", st->s.account_id, id, mail,
	    NULL, 1) || !db_commit(ctx->db))
		goto out;
	log_info("order %lld: issued serial %s", id, cert.serial);
	page_rename(ctx->page, "activation-success");
	code = view_cert(ctx->page->root, &cert) ? 200 : 500;
out:
	page_free(mail);
	OPENSSL_free(tbs);
	X509_free(x);
	X509_free(done);
	csr_free(&c);
	buf_free(&findings);
	buf_free(&der);
	buf_free(&why);
	return code;
}

/* ------------------------------------------------------------ revocation */

/*
 * A new CRL of every revocation committed so far, signed by the signer
 * and written to SMIME_CRL_DIR/ca.crl (and the CA certificate beside it
 * as ca.cer, for the AIA URL). CRLs are made one at a time under the CRL
 * row's lock, numbers rising (RFC 5280 5.2.3). Returns 0 on failure.
 */
static int
crl_publish(struct ctx *ctx, struct req *r)
{
	struct crl_entry *e = NULL;
	struct buf	 req, der, why;
	const char	*dir = req_param(r, "SMIME_CRL_DIR");
	X509		*cacert;
	unsigned char	*cader = NULL;
	long long	 number, now = (long long)time(NULL);
	char		 details[64];
	size_t		 n = 0;
	int		 ok = 0, calen;

	buf_init(&req);
	buf_init(&der);
	buf_init(&why);
	if (dir == NULL || *dir == '\0') {
		log_warnx("SMIME_CRL_DIR is not set: no CRL");
		return 0;
	}
	if (!db_begin(ctx->db) || db_crl_next(ctx->db, &number) != DB_OK ||
	    db_revoked_entries(ctx->db, &e, &n) != DB_OK ||
	    !crl_request_encode(&req, number, now, now + CRL_DAYS * 86400,
	    e, n))
		goto out;
	if (!signer_sign_crl(&signer, &req, &der, &why)) {
		log_warnx("CRL %lld: signer: %s", number, why.s);
		goto out;
	}
	snprintf(details, sizeof(details), "number=%lld entries=%zu", number,
	    n);
	if (!crl_write_file(dir, "ca.crl", der.s, der.len) ||
	    !audit_add(ctx->db, ctx->acct.login, ctx->acct.role,
	    r->remote_addr, "crl-signed", 0, "crl", details) ||
	    !db_commit(ctx->db))
		goto out;
	if ((cacert = ca_cert(ctx->set.ca_cert)) != NULL &&
	    (calen = i2d_X509(cacert, &cader)) > 0)
		crl_write_file(dir, "ca.cer", cader, (size_t)calen);
	ok = 1;
out:
	if (db_in_tx(ctx->db))
		db_rollback(ctx->db);
	OPENSSL_free(cader);
	free(e);
	buf_free(&req);
	buf_free(&der);
	buf_free(&why);
	return ok;
}

static int
revoke_page(struct ctx *ctx, const char *name, const struct order *o,
    const char *reason, const char *comment, int op)
{
	struct cert	 c;
	struct buf	 der;
	xmlNodePtr	 rs, n;
	size_t		 i;
	int		 rc;

	page_rename(ctx->page, name);
	buf_init(&der);
	rc = db_cert_of_order(ctx->db, o->id, &c, &der) == DB_OK &&
	    view_order(ctx->page->root, o) != NULL &&
	    view_cert(ctx->page->root, &c);
	buf_free(&der);
	if (!rc)
		return 0;
	if (c.revoked[0] != '\0' &&
	    (!page_attr(n = page_add(ctx->page->root->last, "revoked", NULL),
	    "at", c.revoked) || !page_attr(n, "reason", reason)))
		return 0;
	if ((rs = page_add(ctx->page->root, "reasons", NULL)) == NULL)
		return 0;
	for (i = 0; crl_reason_name((int)i) != NULL; i++)
		if (crl_reason(crl_reason_name((int)i), op) > 0 &&
		    !page_attr(page_add(rs, "reason", NULL), "code",
		    crl_reason_name((int)i)))
			return 0;
	return page_attr(n = page_add(ctx->page->root, "revoke", NULL),
	    "reason", reason) && page_attr(n, "comment", comment);
}

/*
 * POST /certificates/{order}/revoke: without confirm=1 (or without a
 * valid reason) the confirmation page; with them, the revocation, its
 * event, audit row and mail in one transaction, then a new CRL within the
 * same request. Customers revoke their own certificates, operators any;
 * partners not yet. Revoking for key compromise blocks the key.
 */
static int
revoke_cert(struct ctx *ctx, struct req *r, long long id)
{
	struct order	 o;
	struct page	*mail = NULL;
	const char	*reason = req_field(r, FIELD_REASON);
	const char	*comment = req_field(r, FIELD_COMMENT);
	const char	*confirm = req_field(r, FIELD_CONFIRM);
	char		 serial[65], spki[65], obj[32], details[700], link[600];
	char		 when[32];
	long long	 revoked;
	enum dbrc	 rc;
	int		 op = strcmp(ctx->acct.role, "operator") == 0, code = 500;
	int		 valid;

	if (strcmp(ctx->acct.role, "partner") == 0)
		return 403;
	rc = op ? db_order_any(ctx->db, id, &o) :
	    db_order_visible(ctx->db, &ctx->acct, id, &o);
	if (rc != DB_OK)
		return rc == DB_NOTFOUND ? 404 : 500;
	if (strcmp(o.status, "revoked") == 0) {
		page_error(ctx->page, ctx->cat, NULL, "revoke.already");
		return 409;
	}
	if (strcmp(o.status, "issued") != 0) {
		page_error(ctx->page, ctx->cat, NULL, "revoke.not-issued");
		return 409;
	}
	valid = crl_reason(reason, op) > 0;
	if (!valid || confirm == NULL ||
	    strcmp(confirm, "1") != 0) {
		if (confirm != NULL)
			page_error(ctx->page, ctx->cat, "reason",
			    "revoke.reason-required");
		return revoke_page(ctx, "certificate-revoke", &o,
		    valid ? reason : NULL, op ? comment : NULL, op) ?
		    (confirm != NULL ? 422 : 200) : 500;
	}
	if (!op)
		comment = NULL;
	if (!db_begin(ctx->db))
		return 500;
	rc = db_cert_lock(ctx->db, id, serial, sizeof(serial), spki,
	    sizeof(spki), &revoked);
	if (rc != DB_OK || revoked) {
		db_rollback(ctx->db);
		if (rc != DB_OK && rc != DB_NOTFOUND)
			return 500;
		page_error(ctx->page, ctx->cat, NULL, "revoke.already");
		return 409;
	}
	snprintf(obj, sizeof(obj), "order:%lld", id);
	snprintf(details, sizeof(details), "serial=%s reason=%s%s%s", serial,
	    reason, comment ? " comment=" : "", comment ? comment : "");
	snprintf(link, sizeof(link), "%s/certificates/%lld", ctx->set.base_url,
	    id);
	if (db_cert_revoke(ctx->db, id, reason, ctx->acct.login, comment) !=
	    DB_OK || db_order_set_status(ctx->db, id, "revoked") != DB_OK ||
	    (strcmp(reason, "keyCompromise") == 0 &&
	    db_key_block(ctx->db, spki, "keyCompromise") != DB_OK) ||
	    db_event_add(ctx->db, account_of(ctx, id), id,
	    "certificate-revoked") != DB_OK ||
	    !audit_add(ctx->db, ctx->acct.login, ctx->acct.role,
	    r->remote_addr, "certificate-revoked", id, obj, details))
		goto out;
	if ((mail = page_new("mail-certificate-revoked")) == NULL ||
	    !page_attr(page_add(mail->root, "brand", NULL), "name",
	    ctx->set.brand) ||
	    !page_attr(page_add(mail->root, "order", NULL), "number",
	    o.number) ||
	    !page_attr(mail->root->last, "product", o.product) ||
	    page_add(page_add(mail->root, "certificate", NULL), "serial",
	    serial) == NULL ||
	    !page_attr(page_add(mail->root, "revoked", NULL), "reason",
	    reason) || !page_attr(mail->root->last, "at", now_iso(when,
	    sizeof(when))) ||
	    page_add(mail->root, "link", link) == NULL ||
	    !mail_queue(ctx, "certificate-revoked", account_of(ctx, id), id,
	    mail, NULL, 0) || !db_commit(ctx->db))
		goto out;
	/* The CRL follows at once (BR 4.9.7); if it fails, the next will. */
	if (!crl_publish(ctx, r))
		page_error(ctx->page, ctx->cat, NULL, "revoke.crl-failed");
	if (db_order_any(ctx->db, id, &o) != DB_OK)
		goto out;
	code = revoke_page(ctx, "certificate-revoked", &o, reason, comment,
	    op) ? 200 : 500;
out:
	page_free(mail);
	return code;
}

static int
handle(struct ctx *ctx, struct req *r)
{
	struct state	 st;
	long long	 id;
	const char	*rest;
	int		 code = 404;

	memset(&st, 0, sizeof(st));
	buf_init(&st.csr);
	if (path_id(r->path, "/certificates/", &id, &rest) &&
	    strcmp(rest, "/revoke") == 0 && r->method == METHOD_POST) {
		code = revoke_cert(ctx, r, id);
		goto out;
	}
	if (strcmp(ctx->acct.role, "operator") == 0)
		goto out;	/* operators revoke; they do not activate */
	if (!path_id(r->path, "/activation/", &id, &rest))
		goto out;
	if (r->method == METHOD_POST) {
		if (*rest == '\0')
			code = post_fields(ctx, r, id, &st);
		else if (strcmp(rest, "/method") == 0)
			code = post_method(ctx, r, id, &st);
		else if (strcmp(rest, "/csr") == 0)
			code = post_csr(ctx, r, id, &st);
		else if (strcmp(rest, "/submit") == 0)
			code = post_submit(ctx, r, id, &st);
	} else if (*rest == '\0' || strcmp(rest, "/") == 0)
		code = get_fields(ctx, r, id, &st);
out:
	buf_free(&st.csr);
	return code;
}

static const struct handler activation_handler = {
	"activation", fields, FIELD__MAX, pages, "customer partner operator",
	NULL, 0,
	handle, worker_init
};

int
main(void)
{
	/* Loaded before the workers fork: logged once, shared by all. */
	log_init(activation_handler.name);
	if (blocklist(NULL) == NULL)
		return 1;
	return server_run(&activation_handler);
}
