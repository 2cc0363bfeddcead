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
 *   POST /certificates/{order}/revoke (revoke.c)
 *
 * Flow only: the step's rules are in wizard/steps.c, the CSR checks and
 * the issuance pipeline in wizard/issue.c. Revocation is served here, not
 * by the dashboard, because it publishes the new CRL at once and only
 * this program's workers hold a signer: the process forked per worker at
 * start-up, the only one that can read the CA key.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "activation.h"
#include "buf.h"
#include "csr.h"
#include "db.h"
#include "i18n.h"
#include "issue.h"
#include "log.h"
#include "page.h"
#include "profile.h"
#include "request.h"
#include "sandbox.h"
#include "server.h"
#include "steps.h"
#include "valid.h"
#include "view.h"

#define ISSUED		1	/* load(): the order has its certificate */

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

static const char *const card_keys[] = {
	"rsa2048", "rsa3072", "rsa4096", "p256", "p384", NULL
};

/* Per worker: the signer and what issuance loads once. */
struct issuer	 issuer = ISSUER_INIT;

/* A file's bytes: csr_parse() judges them. */
static int
valid_any(struct kv *kv)
{
	return kv->filename != NULL;
}

static int
worker_init(void)
{
	/* Its signer is forked (and restarted) from the worker. */
	sandbox_want(SANDBOX_SIGNER);
	return issue_start(&issuer);
}

/*
 * Loads the order (visible to the account) into the page with what step
 * 3 builds on, and checks that the step is open. Returns 200, ISSUED, or
 * the status that refuses, with the reason in the page.
 */
static int
load(struct ctx *ctx, long long id, struct issuance *st)
{
	struct order	 o;
	enum dbrc	 rc;

	if ((rc = db_order_visible(ctx->db, &ctx->acct, id, &o)) != DB_OK)
		return rc == DB_NOTFOUND ? 404 : 500;
	if (view_order(ctx->page->root, &o) == NULL)
		return 500;
	switch (issue_load(ctx->db, id, st)) {
	case ISSUE_OK:
		return 200;
	case ISSUE_ALREADY:
		return ISSUED;
	case ISSUE_NOT_READY:
		page_error(ctx->page, ctx->cat, NULL, st->why);
		return 409;
	default:
		return 500;
	}
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

/* The verified data the customer chooses from, and the choices. */
static int
view_data(struct ctx *ctx, const struct issuance *st)
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

static int
get_fields(struct ctx *ctx, struct req *r, long long id, struct issuance *st)
{
	int	 code;

	char	 loc[64];

	if ((code = load(ctx, id, st)) == ISSUED) {
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
post_fields(struct ctx *ctx, struct req *r, long long id, struct issuance *st)
{
	const struct kv	*kv;
	const char	*cn = req_field(r, FIELD_CN);
	char		 inc[16] = "";
	int		 code;

	if ((code = load(ctx, id, st)) != 200)
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
		if (!issue_has_key(inc, kv->val) &&
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
post_method(struct ctx *ctx, struct req *r, long long id, struct issuance *st)
{
	const char	*m = req_field(r, FIELD_METHOD);
	const char	*k = req_field(r, FIELD_KEY);
	size_t		 i;
	int		 code;

	if ((code = load(ctx, id, st)) != 200)
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
summary(struct ctx *ctx, const struct issuance *st, const struct csr_key *k)
{
	struct profile_subject	 ps;
	xmlNodePtr		 s, n;
	const char		*cnv;

	issue_subject(st, &ps);
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

/*
 * POST /activation/{order}/csr: the CSR from the text field or the file,
 * through the checks of issue_take_csr(); every problem named (422), or
 * the summary.
 */
static int
post_csr(struct ctx *ctx, struct req *r, long long id, struct issuance *st)
{
	const struct kv	*kv = r->fieldmap[FIELD_CSRFILE];
	struct csr_key	 k;
	enum csrerr	 e;
	char		 key[48];
	int		 code, priv = 0;

	if ((code = load(ctx, id, st)) != 200)
		return closed(ctx, code);
	if (strcmp(st->a.method, "csr") != 0 || st->a.cn[0] == '\0') {
		page_error(ctx->page, ctx->cat, NULL, "activation.no-csr");
		return 409;
	}
	/* A file refused by the parser (too large) is still the CSR sent. */
	if (kv == NULL)
		kv = r->fielderr[FIELD_CSRFILE];
	if (kv == NULL || kv->valsz == 0)
		kv = r->fieldmap[FIELD_CSR] ? r->fieldmap[FIELD_CSR] :
		    r->fielderr[FIELD_CSR];
	if (kv != NULL && kv->err == KVERR_TOOLONG)
		e = CSR_TOOBIG;
	else
		e = issue_take_csr(ctx->db, &issuer, ctx->set.weak_keys, id,
		    kv ? kv->val : NULL, kv ? kv->valsz : 0, &priv, &k);
	if (e == CSR_INTERNAL)
		return 500;	/* ours, not the customer's: logged */
	if (priv) {
		/* Whatever else: the key that came with it is exposed. */
		page_add(ctx->page->root, "warning", i18n_msg(ctx->cat,
		    "csr.private-key"));
		page_attr(ctx->page->root->last, "key", "csr.private-key");
	}
	if (e == CSR_OK)
		return summary(ctx, st, &k) ? 200 : 500;
	snprintf(key, sizeof(key), "csr.%s", csrerr_names[e]);
	if (e == CSR_TOOBIG)
		page_error_size(ctx->page, ctx->cat, "csr", key, kv->valsz,
		    CSR_MAX_BYTES);
	else
		page_error(ctx->page, ctx->cat, "csr", key);
	page_rename(ctx->page, "activation-csr");
	/* What was pasted comes back, unless it holds a private key. */
	if (!priv && kv != NULL && kv->filename == NULL && kv->valsz < 16384)
		page_attr(page_add(page_add(ctx->page->root, "form", NULL),
		    "value", kv->val), "name", "csr");
	return 422;
}

/*
 * POST /activation/{order}/submit: issues the certificate through the
 * pipeline, exactly once per order: repeated or concurrent submits end on
 * the same success page.
 */
static int
post_submit(struct ctx *ctx, struct req *r, long long id, struct issuance *st)
{
	static const struct {
		const char	*key;	/* the page's error, NULL: none */
		int		 code;
	} answer[ISSUE__MAX] = {
		{ NULL, 200 },				/* ISSUE_OK */
		{ NULL, 200 },				/* ISSUE_ALREADY */
		{ NULL, 409 },				/* ISSUE_NOT_READY */
		{ "activation.no-csr", 409 },		/* ISSUE_NO_CSR */
		{ "activation.no-csr", 409 },		/* ISSUE_KEY */
		{ "activation.caa", 409 },		/* ISSUE_CAA_FORBIDDEN */
		{ "activation.caa-failed", 503 },	/* ISSUE_CAA_FAILED */
		{ "activation.lint", 500 },		/* ISSUE_LINT */
		{ "activation.signer", 503 },		/* ISSUE_SIGNER */
		{ NULL, 500 },				/* ISSUE_INTERNAL */
	};
	struct actor	 who;
	struct cert	 c;
	enum issuerc	 rc;
	int		 code;

	if ((code = load(ctx, id, st)) != 200 && code != ISSUED)
		return code;
	if (code == 200 && (strcmp(st->a.method, "csr") != 0 ||
	    st->csr.len == 0)) {
		page_error(ctx->page, ctx->cat, NULL, "activation.no-csr");
		return 409;
	}
	server_actor(ctx, r, &who);
	rc = issue_order(ctx, &issuer, &who, id, &c);
	if (answer[rc].key != NULL)
		page_error(ctx->page, ctx->cat, NULL, answer[rc].key);
	if (rc != ISSUE_OK && rc != ISSUE_ALREADY)
		return answer[rc].code;
	page_rename(ctx->page, "activation-success");
	return view_cert(ctx->page->root, &c) != NULL ? 200 : 500;
}

static int
handle(struct ctx *ctx, struct req *r)
{
	struct issuance	 st;
	long long	 id;
	const char	*rest;
	int		 code = 404;

	issuance_init(&st);
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
	issuance_free(&st);
	/* This worker holds a signer: a CRL left due is its to publish. */
	revoke_publish_due(ctx, r);
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
	return server_run(&activation_handler);
}
