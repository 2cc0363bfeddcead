/*
 * Step 3 with a key pair on a cryptographic card, in the activation
 * program (docs/card.md):
 *
 *   POST /activation/{order}/method   method=card, key: the card page
 *                                     (303 to GET …/card)
 *   GET  /activation/{order}/card     the card page: the smime-card: link,
 *                                     the command, "waiting for the card"
 *                                     (meta refresh), the summary once the
 *                                     CSR has arrived
 *   POST /activation/{order}/card     a new link (the last one expired)
 *   POST /certificates/{order}/card   "Install on card": a new link
 *
 * and, without login (the one-time code is the credential), the card
 * agent's protocol:
 *
 *   GET  /activation/card/{code}      what the code is for: <card>
 *   POST /activation/card/{code}      enroll: `csr`, checked exactly as a
 *                                     pasted one (issue_take_csr()) and
 *                                     for the key parameters chosen;
 *                                     install: the certificate and the CA
 *
 * A refusal is <refusal code="…"> with the text of the catalogue key
 * card.refusal.<code> (or csr.<name> for a CSR's problem); a refused
 * request changes neither the order nor the code, beyond the count of
 * refusals that ends a code after CARD_REFUSALS_MAX. Every request of
 * the agent that changes something, or is refused, is audited with the
 * agent's address.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "activation.h"
#include "audit.h"
#include "buf.h"
#include "card.h"
#include "cardcode.h"
#include "csr.h"
#include "db.h"
#include "dbcard.h"
#include "i18n.h"
#include "issue.h"
#include "log.h"
#include "page.h"
#include "request.h"
#include "server.h"
#include "view.h"

#define CARD_PREFIX		"/activation/card/"
#define CARD_REFUSALS_MAX	10	/* refused requests that end a code */
#define CARD_REFRESH		5	/* seconds between the page's reloads */
#define AGENT_ACTOR		"card-agent"	/* the audit's actor */
#define AGENT_ROLE		"agent"

/* Why the agent is refused; the code's name is the wire's. */
enum refusal {
	REF_UNKNOWN,		/* unknown: no such code */
	REF_USED,		/* used */
	REF_EXPIRED,		/* expired */
	REF_TOO_MANY,		/* too-many: refused too often */
	REF_NOT_READY,		/* not-ready: the order is not at this step */
	REF_KEY_MISMATCH,	/* key-mismatch: not the key parameters chosen */
	REF_REVOKED,		/* revoked */
	REF__MAX
};

static const struct {
	const char	*name;
	int		 status;
} refusals[REF__MAX] = {
	{ "unknown", 404 },		/* REF_UNKNOWN */
	{ "used", 410 },		/* REF_USED */
	{ "expired", 410 },		/* REF_EXPIRED */
	{ "too-many", 429 },		/* REF_TOO_MANY */
	{ "not-ready", 409 },		/* REF_NOT_READY */
	{ "key-mismatch", 422 },	/* REF_KEY_MISMATCH */
	{ "revoked", 409 },		/* REF_REVOKED */
};

/* The paths of the agent need no login: the code is the credential. */
int
card_anonymous(const char *path)
{
	return strncmp(path, CARD_PREFIX, strlen(CARD_PREFIX)) == 0;
}

/*
 * A refusal for the agent: <refusal code=`name`> with the catalogue's
 * text of `key`, also as the page's error. Returns `status`.
 */
static int
refuse_as(struct ctx *ctx, const char *name, const char *key, int status)
{
	xmlNodePtr	 n;

	page_rename(ctx->page, "card-agent");
	if ((n = page_add(ctx->page->root, "refusal", i18n_msg(ctx->cat,
	    key))) == NULL || !page_attr(n, "code", name))
		return 500;
	page_error(ctx->page, ctx->cat, NULL, key);
	return status;
}

static int
refuse(struct ctx *ctx, enum refusal why)
{
	char	 key[48];

	snprintf(key, sizeof(key), "card.refusal.%s", refusals[why].name);
	return refuse_as(ctx, refusals[why].name, key, refusals[why].status);
}

/*
 * An audit row of its own transaction, for what the agent asked and was
 * refused (the request's own transaction is rolled back); counts the
 * refusal against code `id` (0: no code).
 */
static void
audit_refused(struct ctx *ctx, struct req *r, long long id, long long order,
    const char *why)
{
	char	 obj[32], details[128];

	if (db_in_tx(ctx->db))
		db_rollback(ctx->db);
	snprintf(obj, sizeof(obj), "order:%lld", order);
	snprintf(details, sizeof(details), "code=%lld reason=%s", id, why);
	if (!db_begin(ctx->db))
		return;
	if ((id != 0 && db_card_refused(ctx->db, id) != DB_OK) ||
	    !audit_add(ctx->db, AGENT_ACTOR, AGENT_ROLE, r->remote_addr,
	    "card-refused", order ? order : 0, order ? obj : NULL, details) ||
	    !db_commit(ctx->db))
		db_rollback(ctx->db);
}

/* Whether a code can still be used; else the refusal. */
static int
usable(const struct card_code *c, enum refusal *why)
{
	if (c->used)
		*why = REF_USED;
	else if (c->expired)
		*why = REF_EXPIRED;
	else if (c->refusals >= CARD_REFUSALS_MAX)
		*why = REF_TOO_MANY;
	else
		return 1;
	return 0;
}

/*
 * Whether the order is where code *c can act: for enroll, step 3 open
 * with the card method and the code's key parameters; for install,
 * issued with the card method and not revoked (*cert then holds the
 * certificate, `der` its DER). Returns 1, 0 with *why, or -1 (ours:
 * 500).
 */
static int
order_ready(struct ctx *ctx, const struct card_code *c, struct issuance *st,
    struct cert *cert, struct buf *der, enum refusal *why)
{
	enum issuerc	 rc;

	*why = REF_NOT_READY;
	rc = issue_load(ctx->db, c->order_id, st);
	if (rc == ISSUE_INTERNAL)
		return -1;
	if (strcmp(st->a.method, "card") != 0 ||
	    strcmp(st->a.key, c->key) != 0)
		return 0;
	if (strcmp(c->purpose, CARD_PURPOSE_ENROLL) == 0)
		return rc == ISSUE_OK;
	if (rc != ISSUE_ALREADY)
		return 0;
	switch (db_cert_of_order(ctx->db, c->order_id, cert, der)) {
	case DB_OK:
		break;
	case DB_NOTFOUND:
		return 0;
	default:
		return -1;
	}
	if (cert->revoked[0] != '\0') {
		*why = REF_REVOKED;
		return 0;
	}
	return 1;
}

/*
 * The code of an agent's path "/activation/card/{code}": its row into
 * *c, locked when `lock`. Returns 200, or the refusal's status.
 */
static int
find_code(struct ctx *ctx, struct req *r, int lock, struct card_code *c)
{
	unsigned char	 hash[32];
	const char	*code = r->path + strlen(CARD_PREFIX);
	enum dbrc	 rc;

	if (!cardcode_hash(code, hash))
		return refuse(ctx, REF_UNKNOWN);
	if ((rc = db_card_get(ctx->db, hash, lock, c)) == DB_NOTFOUND)
		return refuse(ctx, REF_UNKNOWN);
	return rc == DB_OK ? 200 : 500;
}

/* GET /activation/card/{code}: what the code is for. */
static int
agent_get(struct ctx *ctx, struct req *r)
{
	struct card_code c;
	struct issuance	 st;
	struct cert	 cert;
	struct buf	 der;
	enum refusal	 why;
	xmlNodePtr	 n;
	int		 code, ok;

	issuance_init(&st);
	buf_init(&der);
	if ((code = find_code(ctx, r, 0, &c)) != 200)
		goto out;
	if (!usable(&c, &why) ||
	    (ok = order_ready(ctx, &c, &st, &cert, &der, &why)) == 0) {
		code = refuse(ctx, why);
		goto out;
	}
	code = 500;
	if (ok < 0)
		goto out;
	page_rename(ctx->page, "card-agent");
	if ((n = page_add(ctx->page->root, "card", NULL)) == NULL ||
	    !page_attr(n, "purpose", c.purpose) ||
	    !page_attr(n, "order", c.number) ||
	    !page_attr(n, "key", c.key) ||
	    !page_attr(n, "expires", c.expires))
		goto out;
	code = 200;
out:
	issuance_free(&st);
	buf_free(&der);
	return code;
}

/* Whether the CSR's key is of the parameters `key` names. */
static int
key_matches(const struct csr_key *k, const char *key)
{
	if (strncmp(key, "rsa", 3) == 0)
		return k->type == EVP_PKEY_RSA && k->bits == atoi(key + 3);
	if (strcmp(key, "p256") == 0)
		return k->type == EVP_PKEY_EC && strcmp(k->curve, "P-256") == 0;
	if (strcmp(key, "p384") == 0)
		return k->type == EVP_PKEY_EC && strcmp(k->curve, "P-384") == 0;
	return 0;
}

/*
 * POST /activation/card/{code} of an enroll code: the CSR, refused when
 * its key is not of the parameters chosen, then through exactly the
 * checks of a pasted one; on success the order's CSR, the code used,
 * an audit row. Inside the caller's transaction, which it commits.
 */
static int
agent_csr(struct ctx *ctx, struct req *r, const struct card_code *c)
{
	const struct kv	*kv = r->fieldmap[FIELD_CSR] ? r->fieldmap[FIELD_CSR] :
			    r->fielderr[FIELD_CSR];
	struct csr	 pre;
	struct csr_key	 k;
	enum csrerr	 e;
	xmlNodePtr	 n;
	char		 key[48], obj[32], details[128];
	int		 priv = 0;

	memset(&pre, 0, sizeof(pre));
	if (kv == NULL || kv->valsz == 0)
		e = CSR_EMPTY;
	else if (kv->err == KVERR_TOOLONG)
		e = CSR_TOOBIG;
	else if ((e = csr_parse(kv->val, kv->valsz, &pre, &priv)) ==
	    CSR_OK && !priv && !key_matches(&pre.key, c->key)) {
		log_info("order %lld: card CSR with a %s key, %s chosen",
		    c->order_id, pre.key.desc, c->key);
		csr_free(&pre);
		audit_refused(ctx, r, c->id, c->order_id, "key-mismatch");
		return refuse(ctx, REF_KEY_MISMATCH);
	} else
		e = issue_take_csr(ctx->db, &issuer, ctx->set.weak_keys,
		    c->order_id, kv->val, kv->valsz, &priv, &k);
	csr_free(&pre);
	if (e == CSR_INTERNAL)
		return 500;
	if (e != CSR_OK) {
		audit_refused(ctx, r, c->id, c->order_id, csrerr_names[e]);
		snprintf(key, sizeof(key), "csr.%s", csrerr_names[e]);
		return refuse_as(ctx, csrerr_names[e], key, 422);
	}
	snprintf(obj, sizeof(obj), "order:%lld", c->order_id);
	snprintf(details, sizeof(details), "code=%lld key=%s", c->id, k.desc);
	if (db_card_use(ctx->db, c->id, r->remote_addr) != DB_OK ||
	    !audit_add(ctx->db, AGENT_ACTOR, AGENT_ROLE, r->remote_addr,
	    "card-csr-accepted", c->order_id, obj, details) ||
	    !db_commit(ctx->db))
		return 500;
	log_info("order %lld: card CSR accepted (%s) from %s", c->order_id,
	    k.desc, r->remote_addr);
	page_rename(ctx->page, "card-agent");
	if ((n = page_add(ctx->page->root, "accepted", i18n_msg(ctx->cat,
	    "card.accepted"))) == NULL || !page_attr(n, "order", c->number) ||
	    !page_attr(n, "key", k.desc))
		return 500;
	return 200;
}

/* PEM of a DER certificate (or of `x`), as a child `name` of `parent`. */
static int
add_pem(xmlNodePtr parent, const char *name, const struct buf *der, X509 *x)
{
	BIO		*b = NULL;
	BUF_MEM		*mem;
	X509		*own = NULL;
	const unsigned char *p;
	char		*text = NULL;
	int		 ok = 0;

	if (x == NULL) {
		p = (const unsigned char *)der->s;
		if ((x = own = d2i_X509(NULL, &p, (long)der->len)) == NULL)
			goto out;
	}
	if ((b = BIO_new(BIO_s_mem())) == NULL || !PEM_write_bio_X509(b, x) ||
	    BIO_get_mem_ptr(b, &mem) != 1 ||
	    (text = strndup(mem->data, mem->length)) == NULL)
		goto out;
	ok = page_add(parent, name, text) != NULL;
out:
	free(text);
	BIO_free(b);
	X509_free(own);
	return ok;
}

/*
 * POST /activation/card/{code} of an install code: the certificate and
 * the issuing CA's, the code used, an audit row. Inside the caller's
 * transaction, which it commits.
 */
static int
agent_cert(struct ctx *ctx, struct req *r, const struct card_code *c,
    const struct cert *cert, const struct buf *der)
{
	xmlNodePtr	 n;
	X509		*ca;
	char		 obj[32], details[128];

	if ((ca = issue_ca(&issuer, ctx->set.ca_cert)) == NULL)
		return 500;
	snprintf(obj, sizeof(obj), "order:%lld", c->order_id);
	snprintf(details, sizeof(details), "code=%lld serial=%s", c->id,
	    cert->serial);
	page_rename(ctx->page, "card-agent");
	if ((n = page_add(ctx->page->root, "certificate", NULL)) == NULL ||
	    !page_attr(n, "order", c->number) ||
	    !page_attr(n, "serial", cert->serial) ||
	    !add_pem(n, "cert", der, NULL) || !add_pem(n, "ca", NULL, ca))
		return 500;
	if (db_card_use(ctx->db, c->id, r->remote_addr) != DB_OK ||
	    !audit_add(ctx->db, AGENT_ACTOR, AGENT_ROLE, r->remote_addr,
	    "card-certificate-sent", c->order_id, obj, details) ||
	    !db_commit(ctx->db))
		return 500;
	return 200;
}

/* POST /activation/card/{code}: the code's one action, once. */
static int
agent_post(struct ctx *ctx, struct req *r)
{
	struct card_code c;
	struct issuance	 st;
	struct cert	 cert;
	struct buf	 der;
	enum refusal	 why;
	int		 code, ok;

	issuance_init(&st);
	buf_init(&der);
	if (!db_begin(ctx->db)) {
		code = 500;
		goto out;
	}
	if ((code = find_code(ctx, r, 1, &c)) != 200) {
		if (code != 500)
			audit_refused(ctx, r, 0, 0, "unknown");
		goto out;
	}
	if (!usable(&c, &why) ||
	    (ok = order_ready(ctx, &c, &st, &cert, &der, &why)) == 0) {
		audit_refused(ctx, r, c.id, c.order_id, refusals[why].name);
		code = refuse(ctx, why);
		goto out;
	}
	if (ok < 0)
		code = 500;
	else if (strcmp(c.purpose, CARD_PURPOSE_ENROLL) == 0)
		code = agent_csr(ctx, r, &c);
	else
		code = agent_cert(ctx, r, &c, &cert, &der);
out:
	if (db_in_tx(ctx->db))
		db_rollback(ctx->db);
	issuance_free(&st);
	buf_free(&der);
	return code;
}

/* ------------------------------------------------------- the customer */

/* 303 to `prefix` + order `id` + `suffix`. */
static int
see_other(struct req *r, const char *prefix, long long id, const char *suffix)
{
	char	 loc[96];

	snprintf(loc, sizeof(loc), "%s%lld%s", prefix, id, suffix);
	return req_header(r, "Location", loc) ? 303 : 500;
}

/*
 * The order `id` as the account sees it, in the page, with what step 3
 * builds on. Returns the issue_load() result, or -1 with *code the
 * status (404 when not visible, 500).
 */
static int
load(struct ctx *ctx, long long id, struct issuance *st, int *code)
{
	struct order	 o;
	enum dbrc	 rc;
	enum issuerc	 ic;

	if ((rc = db_order_visible(ctx->db, &ctx->acct, id, &o)) != DB_OK) {
		*code = rc == DB_NOTFOUND ? 404 : 500;
		return -1;
	}
	if (view_order(ctx->page->root, &o) == NULL ||
	    (ic = issue_load(ctx->db, id, st)) == ISSUE_INTERNAL) {
		*code = 500;
		return -1;
	}
	return (int)ic;
}

/*
 * load() for a page of step 3 itself: 1 when the step is open; else 0
 * with *code the answer already made: the details once issued (303),
 * 409 with the reason while the step is closed, or the load's failure.
 */
static int
load_open(struct ctx *ctx, struct req *r, long long id, struct issuance *st,
    int *code)
{
	int	 ic;

	if ((ic = load(ctx, id, st, code)) < 0)
		return 0;
	if (ic == ISSUE_ALREADY) {
		*code = see_other(r, "/certificates/", id, "");
		return 0;
	}
	if (ic != ISSUE_OK) {
		page_error(ctx->page, ctx->cat, NULL, st->why);
		*code = 409;
		return 0;
	}
	return 1;
}

/*
 * POST /activation/{order}/method with method=card and a valid key: the
 * choice stored, any CSR taken before dropped (the card makes the key),
 * an enroll code made unless a valid one exists, then 303 to the card
 * page. Anything else (step not open, fields not chosen) is left to the
 * method's own handler: CARD_PASS.
 */
static int
card_method(struct ctx *ctx, struct req *r, long long id)
{
	struct issuance	 st;
	struct card_code c;
	const char	*k = req_field(r, FIELD_KEY);
	int		 code = CARD_PASS;
	enum dbrc	 rc;

	issuance_init(&st);
	if (!cardcode_key_valid(k) ||
	    load(ctx, id, &st, &code) != ISSUE_OK || st.a.cn[0] == '\0')
		goto out;
	code = 500;
	if (!db_begin(ctx->db) ||
	    db_activation_method(ctx->db, id, "card", k) != DB_OK ||
	    db_card_clear_csr(ctx->db, id) != DB_OK)
		goto out;
	rc = db_card_latest(ctx->db, id, CARD_PURPOSE_ENROLL, k, &c);
	if (rc == DB_ERR || (rc == DB_NOTFOUND &&
	    !cardcode_new(ctx->db, id, CARD_PURPOSE_ENROLL, k, &c)) ||
	    !db_commit(ctx->db))
		goto out;
	code = see_other(r, "/activation/", id, "/card");
out:
	if (db_in_tx(ctx->db))
		db_rollback(ctx->db);
	issuance_free(&st);
	return code;
}

/*
 * GET /activation/{order}/card: the summary once the card's CSR has
 * arrived; until then the link, the command and "waiting for the card",
 * reloaded every CARD_REFRESH seconds; a button for a new link once the
 * last has expired or been used. An issued order goes to its details.
 */
static int
card_page(struct ctx *ctx, struct req *r, long long id)
{
	struct issuance	 st;
	struct card_code c;
	struct csr	 csr;
	xmlNodePtr	 n;
	char		 url[64];
	int		 code = 500, priv = 0;
	enum dbrc	 rc;

	issuance_init(&st);
	memset(&csr, 0, sizeof(csr));
	if (!load_open(ctx, r, id, &st, &code))
		goto out;
	if (strcmp(st.a.method, "card") != 0 || st.a.cn[0] == '\0') {
		code = see_other(r, "/activation/", id, "");
		goto out;
	}
	if (st.csr.len > 0) {
		/* The card's CSR has arrived: it was checked on the way in. */
		if (csr_parse(st.csr.s, st.csr.len, &csr, &priv) != CSR_OK)
			goto out;
		code = activation_summary(ctx, &st, &csr.key) ? 200 : 500;
		goto out;
	}
	page_rename(ctx->page, "activation-card");
	rc = db_card_latest(ctx->db, id, CARD_PURPOSE_ENROLL, st.a.key, &c);
	if (rc == DB_ERR)
		goto out;
	if (rc == DB_OK) {
		snprintf(url, sizeof(url), "/activation/%lld/card", id);
		if ((n = cardcode_view(ctx->page->root, &c,
		    ctx->set.base_url)) == NULL ||
		    !page_attr(n, "status", "waiting") ||
		    !page_attr(n = page_add(ctx->page->root, "refresh", NULL),
		    "url", url) ||
		    !page_attrf(n, "seconds", "%d", CARD_REFRESH))
			goto out;
	} else if (!page_attr(n = page_add(ctx->page->root, "card", NULL),
	    "key", st.a.key) || !page_attr(n, "status", "expired"))
		goto out;
	code = 200;
out:
	csr_free(&csr);
	issuance_free(&st);
	return code;
}

/*
 * POST /activation/{order}/card: a new link, then 303 to the card page;
 * 409 when step 3 is not open, the details once issued.
 */
static int
card_renew(struct ctx *ctx, struct req *r, long long id)
{
	struct issuance	 st;
	struct card_code c;
	int		 code = 500;

	issuance_init(&st);
	if (!load_open(ctx, r, id, &st, &code))
		goto out;
	if (strcmp(st.a.method, "card") != 0) {
		code = see_other(r, "/activation/", id, "");
		goto out;
	}
	if (!cardcode_new(ctx->db, id, CARD_PURPOSE_ENROLL, st.a.key, &c))
		goto out;
	code = see_other(r, "/activation/", id, "/card");
out:
	issuance_free(&st);
	return code;
}

/*
 * POST /certificates/{order}/card, "Install on card" in the details
 * view: for an issued certificate whose key was made on a card, a new
 * install link (`//card/@link`) and the command. 409 otherwise.
 */
static int
card_install(struct ctx *ctx, struct req *r, long long id)
{
	struct issuance	 st;
	struct card_code c;
	struct cert	 cert;
	struct buf	 der;
	int		 code = 500, ic;
	enum dbrc	 rc;

	issuance_init(&st);
	buf_init(&der);
	if ((ic = load(ctx, id, &st, &code)) < 0)
		goto out;
	code = 409;
	if (ic != ISSUE_ALREADY || strcmp(st.a.method, "card") != 0) {
		page_error(ctx->page, ctx->cat, NULL, "card.not-card");
		goto out;
	}
	if ((rc = db_cert_of_order(ctx->db, id, &cert, &der)) != DB_OK) {
		code = rc == DB_NOTFOUND ? 409 : 500;
		goto out;
	}
	if (cert.revoked[0] != '\0') {
		page_error(ctx->page, ctx->cat, NULL, "card.refusal.revoked");
		goto out;
	}
	code = 500;
	if (!cardcode_new(ctx->db, id, CARD_PURPOSE_INSTALL, st.a.key, &c))
		goto out;
	page_rename(ctx->page, "card-install");
	if (view_cert(ctx->page->root, &cert) == NULL ||
	    cardcode_view(ctx->page->root, &c, ctx->set.base_url) == NULL)
		goto out;
	code = 200;
out:
	issuance_free(&st);
	buf_free(&der);
	return code;
}

/*
 * The activation program's hook: serves the card's requests and returns
 * their status, or CARD_PASS for any other request.
 */
int
card_route(struct ctx *ctx, struct req *r)
{
	const char	*rest, *m;
	long long	 id;

	if (card_anonymous(r->path)) {
		if (strchr(r->path + strlen(CARD_PREFIX), '/') != NULL)
			return 404;
		return r->method == METHOD_POST ? agent_post(ctx, r) :
		    agent_get(ctx, r);
	}
	if (ctx->acct.id == 0 || strcmp(ctx->acct.role, "operator") == 0)
		return CARD_PASS;
	if (path_id(r->path, "/certificates/", &id, &rest) &&
	    strcmp(rest, "/card") == 0 && r->method == METHOD_POST)
		return card_install(ctx, r, id);
	if (!path_id(r->path, "/activation/", &id, &rest))
		return CARD_PASS;
	if (strcmp(rest, "/card") == 0)
		return r->method == METHOD_POST ? card_renew(ctx, r, id) :
		    card_page(ctx, r, id);
	if (strcmp(rest, "/method") == 0 && r->method == METHOD_POST &&
	    (m = req_field(r, FIELD_METHOD)) != NULL && strcmp(m, "card") == 0)
		return card_method(ctx, r, id);
	return CARD_PASS;
}
