/*
 * smime-acme: an ACME server (RFC 8555) for S/MIME certificates (RFC
 * 8823), under /acme/.
 *
 * No login: every POST is a JWS, and the JWS is the credential. Each
 * request is held to RFC 8555 section 6 before anything else runs: the
 * body capped, the media type application/jose+json, the JWS parsed by
 * the strict bounded parser (jws.c), the `url` header equal to the URL
 * requested (6.4), the signature verified with the account's key or the
 * JWK of a newAccount request, and the nonce used once (6.5). Answers
 * are JSON; refusals are RFC 7807 problem documents with the ACME error
 * types (6.7). Every answer carries a fresh Replay-Nonce and the
 * directory's Link.
 *
 * Served: the directory, newNonce, newAccount (external account binding
 * required, bound to an account of ours whose organization data is
 * verified and current), account update and deactivation, key
 * rollover; newOrder for one mailbox (identifiers of type email only),
 * its authorization and email-reply-00 challenge (RFC 8823: the mail is
 * queued at newOrder, the reply arrives through `smime-admin acme
 * inbound`), finalize through the wizard's CSR checks and issuance
 * pipeline, the certificate as a PEM chain, and revokeCert (7.6) by the
 * ordering account's key or the certificate's own key, through the
 * wizard's revocation (revocation.c).
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <fcgiapp.h>
#include <openssl/err.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "audit.h"
#include "b64u.h"
#include "crl.h"
#include "csr.h"
#include "buf.h"
#include "db.h"
#include "dbacme.h"
#include "eab.h"
#include "eabkey.h"
#include "json.h"
#include "jsonw.h"
#include "jws.h"
#include "log.h"
#include "mailbox.h"
#include "nonce.h"
#include "page.h"
#include "revocation.h"
#include "sandbox.h"
#include "issue.h"
#include "server.h"
#include "steps.h"

#define ACME_MAX_BODY	65536	/* bytes of a request; RFC 8555 requests are small */
#define ACME_MAX_CONTACTS 4
#define ACME_PREFIX	"/acme/"
#define ACME_ORDER_TTL	(7 * 86400)	/* seconds an order may wait */
#define ACME_PER_HOUR	50	/* orders per ACME account per hour */
#define ACME_PER_DAY	5	/* orders per mailbox per day */
#define ACME_INCLUDE	"C,ST,L"	/* the subject's verified location */

/* Per worker: the signer and what issuance loads once. */
static struct issuer	 issuer = ISSUER_INIT;

/* ACME error types (RFC 8555 6.7), with the status each answers with. */
enum prob {
	PROB_MALFORMED,		/* malformed */
	PROB_BADNONCE,		/* badNonce */
	PROB_UNAUTHORIZED,	/* unauthorized */
	PROB_NOACCOUNT,		/* accountDoesNotExist */
	PROB_EABREQUIRED,	/* externalAccountRequired */
	PROB_BADKEY,		/* badPublicKey */
	PROB_BADALG,		/* badSignatureAlgorithm */
	PROB_CONTACT,		/* invalidContact */
	PROB_UNSUPPORTED_CONTACT, /* unsupportedContact */
	PROB_INTERNAL,		/* serverInternal */
	PROB_UNSUPPORTED_ID,	/* unsupportedIdentifier */
	PROB_REJECTED_ID,	/* rejectedIdentifier */
	PROB_RATELIMITED,	/* rateLimited */
	PROB_NOT_READY,		/* orderNotReady */
	PROB_BADCSR,		/* badCSR */
	PROB_CAA,		/* caa */
	PROB_REVOKED,		/* alreadyRevoked */
	PROB_BADREASON,		/* badRevocationReason */
	PROB__MAX
};

static const struct {
	const char	*type;
	int		 status;
} probs[PROB__MAX] = {
	{ "malformed", 400 },			/* PROB_MALFORMED */
	{ "badNonce", 400 },			/* PROB_BADNONCE */
	{ "unauthorized", 403 },		/* PROB_UNAUTHORIZED */
	{ "accountDoesNotExist", 400 },		/* PROB_NOACCOUNT */
	{ "externalAccountRequired", 403 },	/* PROB_EABREQUIRED */
	{ "badPublicKey", 400 },		/* PROB_BADKEY */
	{ "badSignatureAlgorithm", 400 },	/* PROB_BADALG */
	{ "invalidContact", 400 },		/* PROB_CONTACT */
	{ "unsupportedContact", 400 },		/* PROB_UNSUPPORTED_CONTACT */
	{ "serverInternal", 500 },		/* PROB_INTERNAL */
	{ "unsupportedIdentifier", 400 },	/* PROB_UNSUPPORTED_ID */
	{ "rejectedIdentifier", 400 },		/* PROB_REJECTED_ID */
	{ "rateLimited", 429 },			/* PROB_RATELIMITED */
	{ "orderNotReady", 403 },		/* PROB_NOT_READY */
	{ "badCSR", 400 },			/* PROB_BADCSR */
	{ "caa", 403 },				/* PROB_CAA */
	{ "alreadyRevoked", 400 },		/* PROB_REVOKED */
	{ "badRevocationReason", 400 },		/* PROB_BADREASON */
};

/* Which key a resource takes (RFC 8555 6.2). */
enum keyform {
	KEY_KID,	/* an existing account's, by "kid" */
	KEY_JWK,	/* the one in the header: newAccount */
	KEY_EITHER,	/* a kid or a jwk: revokeCert (7.6) */
	KEY__MAX
};

/* One request and its answer. */
struct acme {
	struct ctx		*ctx;
	FCGX_Request		*fr;
	const char		*method;
	const char		*path;		/* DOCUMENT_URI */
	const char		*uri;		/* REQUEST_URI */
	const char		*ctype;
	const char		*addr;
	struct buf		 body;
	struct jws		 jws;
	EVP_PKEY		*key;		/* the verified signer */
	struct json		*payload;	/* NULL: POST-as-GET */
	struct acme_acct	 acct;		/* KEY_KID: the account */
	struct buf		 jwk;		/* KEY_KID: its JWK text */
	/* The answer. */
	int			 status;
	struct buf		 out;
	const char		*otype;		/* its Content-Type */
	char			 location[512];
	const char		*allow;		/* for 405 */
	char			 link_up[600];	/* a Link rel="up", or "" */
	int			 retry_after;	/* seconds, 0: none */
};

/*
 * The URL of `fmt` under the base URL: `base`/acme/... into `out`.
 * Returns 0 when it does not fit.
 */
static int
url_of(const struct acme *a, char *out, size_t sz, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int
url_of(const struct acme *a, char *out, size_t sz, const char *fmt, ...)
{
	va_list	 ap;
	int	 n, m;

	n = snprintf(out, sz, "%s", a->ctx->set.base_url);
	if (n < 0 || (size_t)n >= sz)
		return 0;
	va_start(ap, fmt);
	m = vsnprintf(out + n, sz - n, fmt, ap);
	va_end(ap);
	return m >= 0 && (size_t)m < sz - n;
}

/*
 * Makes the answer a problem document (RFC 7807) of type `p` with the
 * text `detail`. Returns the status, for the caller to return.
 */
static int
problem(struct acme *a, enum prob p, const char *detail)
{
	struct jsonw	 w;
	char		 type[96];
	size_t		 i;

	buf_reset(&a->out);
	snprintf(type, sizeof(type), "urn:ietf:params:acme:error:%s",
	    probs[p].type);
	jsonw_init(&w, &a->out);
	jsonw_open(&w, NULL, '{');
	jsonw_str(&w, "type", type);
	jsonw_str(&w, "detail", detail);
	jsonw_int(&w, "status", probs[p].status);
	if (p == PROB_BADALG) {
		/* 6.2: the algorithms we accept, for the client to pick. */
		jsonw_open(&w, "algorithms", '[');
		for (i = 0; i < JWS_HS256; i++)
			jsonw_str(&w, NULL, jws_alg_names[i]);
		jsonw_close(&w);
	}
	jsonw_close(&w);
	a->otype = "application/problem+json";
	a->status = probs[p].status;
	if (!jsonw_done(&w)) {
		buf_reset(&a->out);
		a->otype = NULL;
		a->status = 500;
	}
	return a->status;
}

static int
internal(struct acme *a)
{
	return problem(a, PROB_INTERNAL, "internal error");
}

/* Reads the body, at most ACME_MAX_BODY bytes. Returns 200 or a problem. */
static int
read_body(struct acme *a)
{
	const char	*cl = FCGX_GetParam("CONTENT_LENGTH", a->fr->envp);
	char		*end;
	unsigned long	 n;
	int		 got;

	if (cl == NULL || *cl == '\0')
		return problem(a, PROB_MALFORMED, "a body is required");
	n = strtoul(cl, &end, 10);
	if (*end != '\0' || end == cl)
		return problem(a, PROB_MALFORMED, "bad Content-Length");
	if (n > ACME_MAX_BODY) {
		problem(a, PROB_MALFORMED, "request too large");
		return a->status = 413;
	}
	if (!buf_grow(&a->body, n))
		return internal(a);
	got = FCGX_GetStr(a->body.s, (int)n, a->fr->in);
	if (got < 0 || (unsigned long)got != n)
		return problem(a, PROB_MALFORMED, "body shorter than announced");
	a->body.len = n;
	a->body.s[n] = '\0';
	return 200;
}

/*
 * The account a "kid" names: base/acme/account/<id>. Returns its id, or
 * 0 when the kid is no account URL of ours.
 */
static long long
kid_account(const struct acme *a, const char *kid)
{
	char		 prefix[512];
	const char	*p;
	char		*end;
	long long	 id;
	size_t		 n;

	if (!url_of(a, prefix, sizeof(prefix), "/acme/account/"))
		return 0;
	n = strlen(prefix);
	if (strncmp(kid, prefix, n) != 0)
		return 0;
	p = kid + n;
	if (*p < '1' || *p > '9' || strlen(p) > 18)
		return 0;
	id = strtoll(p, &end, 10);
	return *end == '\0' ? id : 0;
}

/*
 * The key that must have signed the request (6.2), into a->key: the
 * jwk of the header for KEY_JWK, the account's for KEY_KID (a->acct
 * loaded, and required active), whichever the JWS carries for
 * KEY_EITHER. Returns 200, or the status of the problem made.
 */
static int
intake_key(struct acme *a, enum keyform form)
{
	static const struct json_limits	 lim = JSON_ACME_LIMITS;
	struct json			*jwk = NULL;
	enum json_err			 je;
	long long			 id;

	if (form == KEY_EITHER)
		form = a->jws.jwk != NULL ? KEY_JWK : KEY_KID;
	if (form == KEY_JWK) {
		if (a->jws.jwk == NULL)
			return problem(a, PROB_MALFORMED, "this resource takes "
			    "a jwk, not a kid");
		switch (jwk_parse(a->jws.jwk, &a->key)) {
		case JWSERR_NONE:
			break;
		case JWSERR_NOMEM:
			return internal(a);
		default:
			return problem(a, PROB_BADKEY, "account keys: RSA of "
			    "2048 to 8192 bits, P-256, P-384 or Ed25519");
		}
	} else {
		if (a->jws.kid == NULL)
			return problem(a, PROB_MALFORMED, "this resource takes "
			    "a kid, not a jwk");
		if ((id = kid_account(a, a->jws.kid)) == 0)
			return problem(a, PROB_NOACCOUNT, "no such account");
		switch (db_acme_acct_get(a->ctx->db, id, &a->acct, &a->jwk)) {
		case DB_OK:
			break;
		case DB_NOTFOUND:
			return problem(a, PROB_NOACCOUNT, "no such account");
		default:
			return internal(a);
		}
		/* 7.3.6: a deactivated account can do nothing more. */
		if (strcmp(a->acct.status, "valid") != 0 || a->acct.disabled)
			return problem(a, PROB_UNAUTHORIZED, "the account is "
			    "deactivated");
		if ((jwk = json_parse(a->jwk.s, a->jwk.len, &lim,
		    &je)) == NULL || jwk_parse(jwk, &a->key) != JWSERR_NONE) {
			json_free(jwk);
			log_warnx("acme account %lld: stored key unusable", id);
			return internal(a);
		}
		json_free(jwk);
	}
	return 200;
}

/*
 * RFC 8555 6.2 to 6.5 for a POST: the media type, the JWS, the url, the
 * key (`form`), the signature, the nonce, then the payload (NULL for a
 * POST-as-GET). Returns 200, or the status of the problem made.
 */
static int
intake(struct acme *a, enum keyform form)
{
	static const struct json_limits	 lim = JSON_ACME_LIMITS;
	char				 url[1024];
	enum json_err			 je;
	enum jwserr			 jr;
	int				 code;

	if (strncasecmp(a->ctype, "application/jose+json", 21) != 0 ||
	    (a->ctype[21] != '\0' && a->ctype[21] != ';')) {
		problem(a, PROB_MALFORMED, "Content-Type must be "
		    "application/jose+json");
		return a->status = 415;
	}
	if ((code = read_body(a)) != 200)
		return code;
	switch (jws_parse(&a->jws, a->body.s, a->body.len, JWS_MODE_ACME)) {
	case JWSERR_NONE:
		break;
	case JWSERR_ALG:
		return problem(a, PROB_BADALG, "unsupported JWS algorithm");
	case JWSERR_NOMEM:
		return internal(a);
	default:
		return problem(a, PROB_MALFORMED, "not a JWS as RFC 8555 "
		    "section 6.2 requires");
	}
	/* 6.4: the url signed is the one requested. */
	if (!url_of(a, url, sizeof(url), "%s", a->uri) ||
	    strcmp(a->jws.url, url) != 0)
		return problem(a, PROB_UNAUTHORIZED, "the JWS url is not the "
		    "URL requested");
	if ((code = intake_key(a, form)) != 200)
		return code;
	switch ((jr = jws_verify(&a->jws, a->key))) {
	case JWSERR_NONE:
		break;
	case JWSERR_ALG:
		return problem(a, PROB_BADALG, "the JWS alg is not the "
		    "key's");
	case JWSERR_NOMEM:
		return internal(a);
	default:
		return problem(a, PROB_MALFORMED, "the JWS signature does "
		    "not verify");
	}
	/* 6.5: after the signature, so only the key holder spends it. */
	switch (nonce_take(a->ctx->db, a->jws.nonce)) {
	case NONCE_OK:
		break;
	case NONCE_BAD:
		return problem(a, PROB_BADNONCE, "the nonce is unknown, used "
		    "or expired");
	default:
		return internal(a);
	}
	if (a->jws.payload.len == 0)
		return 200;	/* POST-as-GET (6.3) */
	if ((a->payload = json_parse(a->jws.payload.s, a->jws.payload.len,
	    &lim, &je)) == NULL) {
		if (je == JSON_ENOMEM)
			return internal(a);
		return problem(a, PROB_MALFORMED, "the payload is not JSON");
	}
	if (a->payload->type != JSON_OBJECT)
		return problem(a, PROB_MALFORMED, "the payload is not a JSON "
		    "object");
	return 200;
}

/* The answer is the JSON in a->out, with status `code`. */
static int
answer(struct acme *a, int code)
{
	a->otype = "application/json";
	return a->status = code;
}

/* GET /acme/directory (7.1.1). */
static int
directory(struct acme *a)
{
	static const struct {
		const char	*name;
		const char	*path;
	} res[] = {
		{ "newNonce", "/acme/new-nonce" },
		{ "newAccount", "/acme/new-account" },
		{ "newOrder", "/acme/new-order" },
		{ "keyChange", "/acme/key-change" },
		{ "revokeCert", "/acme/revoke-cert" },
	};
	struct jsonw	 w;
	char		 url[512];
	size_t		 i;

	jsonw_init(&w, &a->out);
	jsonw_open(&w, NULL, '{');
	for (i = 0; i < sizeof(res) / sizeof(res[0]); i++) {
		if (!url_of(a, url, sizeof(url), "%s", res[i].path))
			return internal(a);
		jsonw_str(&w, res[i].name, url);
	}
	jsonw_open(&w, "meta", '{');
	jsonw_bool(&w, "externalAccountRequired", 1);
	if (!url_of(a, url, sizeof(url), "/"))
		return internal(a);
	jsonw_str(&w, "website", url);
	jsonw_close(&w);
	jsonw_close(&w);
	return jsonw_done(&w) ? answer(a, 200) : internal(a);
}

/* The account object (7.1.2) of a->acct into a->out. */
static int
account_object(struct acme *a, int code)
{
	struct jsonw	 w;
	char		 url[512];
	const char	*p, *nl;

	if (!url_of(a, url, sizeof(url), "/acme/account/%lld/orders",
	    a->acct.id))
		return internal(a);
	buf_reset(&a->out);
	jsonw_init(&w, &a->out);
	jsonw_open(&w, NULL, '{');
	jsonw_str(&w, "status", a->acct.status);
	jsonw_open(&w, "contact", '[');
	for (p = a->acct.contact; *p != '\0'; p = nl + (*nl != '\0')) {
		nl = p + strcspn(p, "\n");
		jsonw_strn(&w, NULL, p, nl - p);
	}
	jsonw_close(&w);
	jsonw_str(&w, "orders", url);
	jsonw_str(&w, "createdAt", a->acct.created);
	jsonw_close(&w);
	if (!jsonw_done(&w))
		return internal(a);
	if (!url_of(a, a->location, sizeof(a->location),
	    "/acme/account/%lld", a->acct.id))
		return internal(a);
	return answer(a, code);
}

/*
 * The "contact" member of a payload (7.3): at most ACME_MAX_CONTACTS
 * mailto: URIs of valid mailboxes, into `out` one a line. Returns 200,
 * or the problem's status.
 */
static int
contacts(struct acme *a, const struct json *v, char *out, size_t outsz)
{
	const struct json	*c;
	char			 mbox[MAILBOX_MAX + 1], disp[1024];
	const char		*why;
	struct buf		 b;
	int			 n = 0, code = 200;

	buf_init(&b);
	if (v->type != JSON_ARRAY)
		return problem(a, PROB_MALFORMED, "contact is an array");
	for (c = v->child; c != NULL; c = c->next) {
		if (++n > ACME_MAX_CONTACTS) {
			code = problem(a, PROB_CONTACT, "too many contacts");
			goto out;
		}
		if (c->type != JSON_STRING) {
			code = problem(a, PROB_MALFORMED, "a contact is a "
			    "string");
			goto out;
		}
		if (strncmp(c->str, "mailto:", 7) != 0) {
			code = problem(a, PROB_UNSUPPORTED_CONTACT,
			    "contacts are mailto: URIs");
			goto out;
		}
		/* One plain address: no hfields, no second address. */
		if (strpbrk(c->str + 7, "?,%") != NULL ||
		    !mailbox_normalize(c->str + 7, mbox, sizeof(mbox), disp,
		    sizeof(disp), &why)) {
			code = problem(a, PROB_CONTACT, "not a valid mailbox");
			goto out;
		}
		if ((b.len > 0 && !buf_addc(&b, '\n')) ||
		    !buf_printf(&b, "mailto:%s", mbox)) {
			code = internal(a);
			goto out;
		}
	}
	if (b.len >= outsz) {
		code = problem(a, PROB_CONTACT, "contacts too long");
		goto out;
	}
	memcpy(out, b.s, b.len + 1);
out:
	buf_free(&b);
	return code;
}

/* Counts rows for db_orgs_reusable(). */
static int
count_org(void *arg, const struct org *o)
{
	(*(int *)arg)++;
	return 1;
}

/*
 * The external account binding of a newAccount payload (7.3.4): its key
 * found, unused, the MAC and the key checked; our account's organization
 * data verified and current. Fills *eab. Returns 200 or a problem.
 */
static int
binding(struct acme *a, struct acme_eab *eab)
{
	const struct json	*v;
	struct jws		 in;
	int			 orgs = 0, code;

	if ((v = json_get(a->payload, "externalAccountBinding")) == NULL)
		return problem(a, PROB_EABREQUIRED, "an external account "
		    "binding is required: get one on the ACME access page");
	switch (eab_parse(&in, v)) {
	case EAB_OK:
		break;
	case EAB_NOMEM:
		return internal(a);
	default:
		return problem(a, PROB_MALFORMED, "externalAccountBinding is "
		    "no HS256 JWS with a kid and the url");
	}
	switch (strlen(in.kid) > 64 ? DB_NOTFOUND :
	    db_acme_eab_get(a->ctx->db, in.kid, eab)) {
	case DB_OK:
		break;
	case DB_NOTFOUND:
		code = problem(a, PROB_UNAUTHORIZED, "unknown external "
		    "account binding key");
		goto out;
	default:
		code = internal(a);
		goto out;
	}
	if (eab->used) {
		code = problem(a, PROB_UNAUTHORIZED, "this external account "
		    "binding key is used already");
		goto out;
	}
	switch (eab_verify(&in, &a->jws, eab->mac->s, eab->mac->len)) {
	case EAB_OK:
		break;
	case EAB_NOMEM:
		code = internal(a);
		goto out;
	case EAB_KEY:
		code = problem(a, PROB_MALFORMED, "the binding's payload is "
		    "not the account key");
		goto out;
	default:
		code = problem(a, PROB_UNAUTHORIZED, "the external account "
		    "binding does not verify");
		goto out;
	}
	/* Issue 17: only for an organization verified within 825 days. */
	if (db_orgs_reusable(a->ctx->db, eab->account_id, count_org,
	    &orgs) != DB_OK) {
		code = internal(a);
		goto out;
	}
	if (orgs == 0) {
		code = problem(a, PROB_UNAUTHORIZED, "the bound account has "
		    "no organization data verified within 825 days");
		goto out;
	}
	code = 200;
out:
	jws_free(&in);
	return code;
}

/* POST /acme/new-account (7.3). */
static int
new_account(struct acme *a)
{
	struct acme_eab		 eab;
	struct buf		 mac, tp, jwk;
	struct jsonw		 w;
	const struct json	*v;
	const struct json	*m;
	long long		 id = 0;
	int			 flag = 0, code;
	char			 details[128];

	buf_init(&mac);
	buf_init(&tp);
	buf_init(&jwk);
	memset(&eab, 0, sizeof(eab));
	eab.mac = &mac;
	if ((code = intake(a, KEY_JWK)) != 200)
		goto out;
	if (a->payload == NULL) {
		code = problem(a, PROB_MALFORMED, "newAccount takes a payload");
		goto out;
	}
	if (!jwk_thumbprint(a->jws.jwk, &tp) || tp.len != 43) {
		code = internal(a);
		goto out;
	}
	/* 7.3.1: the key has an account already: that account. */
	switch (db_acme_acct_by_thumb(a->ctx->db, tp.s, &id)) {
	case DB_OK:
		if (db_acme_acct_get(a->ctx->db, id, &a->acct, &jwk) != DB_OK) {
			code = internal(a);
			goto out;
		}
		if (strcmp(a->acct.status, "valid") != 0 || a->acct.disabled) {
			code = problem(a, PROB_UNAUTHORIZED, "the account is "
			    "deactivated");
			goto out;
		}
		code = account_object(a, 200);
		goto out;
	case DB_NOTFOUND:
		break;
	default:
		code = internal(a);
		goto out;
	}
	if (json_bool(a->payload, "onlyReturnExisting", &flag) == 0) {
		code = problem(a, PROB_MALFORMED, "onlyReturnExisting is a "
		    "boolean");
		goto out;
	}
	if (flag) {
		code = problem(a, PROB_NOACCOUNT, "no account has this key");
		goto out;
	}
	memset(&a->acct, 0, sizeof(a->acct));
	if ((v = json_get(a->payload, "contact")) != NULL &&
	    (code = contacts(a, v, a->acct.contact,
	    sizeof(a->acct.contact))) != 200)
		goto out;
	if ((code = binding(a, &eab)) != 200)
		goto out;

	/* The JWK as we store it: the members that make the key. */
	jsonw_init(&w, &jwk);
	jsonw_open(&w, NULL, '{');
	for (m = a->jws.jwk->child; m != NULL; m = m->next)
		if (m->type == JSON_STRING && (strcmp(m->name, "kty") == 0 ||
		    strcmp(m->name, "crv") == 0 || strcmp(m->name, "n") == 0 ||
		    strcmp(m->name, "e") == 0 || strcmp(m->name, "x") == 0 ||
		    strcmp(m->name, "y") == 0))
			jsonw_str(&w, m->name, m->str);
	jsonw_close(&w);
	if (!jsonw_done(&w) || jwk.len > 4096) {
		code = internal(a);
		goto out;
	}
	memcpy(a->acct.thumbprint, tp.s, 44);
	a->acct.account_id = eab.account_id;
	if (!db_begin(a->ctx->db)) {
		code = internal(a);
		goto out;
	}
	switch (db_acme_eab_use(a->ctx->db, eab.id)) {
	case DB_OK:
		break;
	case DB_NOTFOUND:
		db_rollback(a->ctx->db);
		code = problem(a, PROB_UNAUTHORIZED, "this external account "
		    "binding key is used already");
		goto out;
	default:
		db_rollback(a->ctx->db);
		code = internal(a);
		goto out;
	}
	switch (db_acme_acct_add(a->ctx->db, &a->acct, jwk.s, eab.id, &id)) {
	case DB_OK:
		break;
	case DB_DUP:
		db_rollback(a->ctx->db);
		code = problem(a, PROB_MALFORMED, "this key was registered "
		    "meanwhile: retry");
		goto out;
	default:
		db_rollback(a->ctx->db);
		code = internal(a);
		goto out;
	}
	snprintf(details, sizeof(details), "acme account %lld, key %s", id,
	    tp.s);
	if (!audit_add(a->ctx->db, "acme", "acme", a->addr,
	    "acme.account.created", 0, "acme_account", details) ||
	    !db_commit(a->ctx->db)) {
		db_rollback(a->ctx->db);
		code = internal(a);
		goto out;
	}
	buf_reset(&jwk);
	if (db_acme_acct_get(a->ctx->db, id, &a->acct, &jwk) != DB_OK) {
		code = internal(a);
		goto out;
	}
	code = account_object(a, 201);
out:
	buf_free(&mac);
	buf_free(&tp);
	buf_free(&jwk);
	return code;
}

/* POST /acme/account/<id> (7.3.2, 7.3.6), and its orders list. */
static int
account(struct acme *a, long long id, const char *rest)
{
	const struct json	*v;
	const char		*status;
	char			 contact[sizeof(a->acct.contact)];
	char			 details[64];
	struct jsonw		 w;
	int			 code;

	if ((code = intake(a, KEY_KID)) != 200)
		return code;
	if (a->acct.id != id)
		return problem(a, PROB_UNAUTHORIZED, "not this account's key");
	if (strcmp(rest, "/orders") == 0) {
		/* 7.1.2.1: no orders are offered yet, so the list is empty. */
		buf_reset(&a->out);
		jsonw_init(&w, &a->out);
		jsonw_open(&w, NULL, '{');
		jsonw_open(&w, "orders", '[');
		jsonw_close(&w);
		jsonw_close(&w);
		return jsonw_done(&w) ? answer(a, 200) : internal(a);
	}
	if (a->payload == NULL)
		return account_object(a, 200);
	if ((v = json_get(a->payload, "contact")) != NULL) {
		contact[0] = '\0';
		if ((code = contacts(a, v, contact, sizeof(contact))) != 200)
			return code;
		if (db_acme_acct_set_contact(a->ctx->db, id, contact) != DB_OK)
			return internal(a);
		memcpy(a->acct.contact, contact, sizeof(contact));
	}
	if ((v = json_get(a->payload, "status")) != NULL) {
		status = v->type == JSON_STRING ? v->str : "";
		if (strcmp(status, "deactivated") != 0)
			return problem(a, PROB_MALFORMED, "status can only be "
			    "set to \"deactivated\"");
		snprintf(details, sizeof(details), "acme account %lld", id);
		if (!db_begin(a->ctx->db))
			return internal(a);
		if (db_acme_acct_set_status(a->ctx->db, id, status) != DB_OK ||
		    !audit_add(a->ctx->db, "acme", "acme", a->addr,
		    "acme.account.deactivated", 0, "acme_account", details) ||
		    !db_commit(a->ctx->db)) {
			db_rollback(a->ctx->db);
			return internal(a);
		}
		snprintf(a->acct.status, sizeof(a->acct.status), "%s", status);
	}
	return account_object(a, 200);
}

/* POST /acme/key-change (7.3.5). */
static int
key_change(struct acme *a)
{
	static const struct json_limits	 lim = { 16384, 3, 64, 8192 };
	struct jws			 in;
	struct json			*ip = NULL, *old = NULL;
	EVP_PKEY			*nk = NULL;
	struct buf			 tp, jwk;
	struct jsonw			 w;
	const struct json		*m;
	const char			*acct;
	enum json_err			 je;
	long long			 other;
	char				 details[160];
	int				 code;

	memset(&in, 0, sizeof(in));
	buf_init(&tp);
	buf_init(&jwk);
	if ((code = intake(a, KEY_KID)) != 200)
		goto out;
	if (a->payload == NULL || jws_from_json(&in, a->payload,
	    JWS_MODE_ACME) != JWSERR_NONE || in.jwk == NULL ||
	    in.nonce != NULL) {
		jws_free(&in);
		code = problem(a, PROB_MALFORMED, "the payload is no inner "
		    "JWS with the new jwk and no nonce");
		goto out;
	}
	if (strcmp(in.url, a->jws.url) != 0) {
		code = problem(a, PROB_MALFORMED, "the inner url is not the "
		    "outer url");
		goto out;
	}
	if (jwk_parse(in.jwk, &nk) != JWSERR_NONE) {
		code = problem(a, PROB_BADKEY, "the new key is not "
		    "acceptable");
		goto out;
	}
	if (jws_verify(&in, nk) != JWSERR_NONE) {
		code = problem(a, PROB_MALFORMED, "the inner JWS does not "
		    "verify with the new key");
		goto out;
	}
	if ((ip = json_parse(in.payload.s, in.payload.len, &lim,
	    &je)) == NULL || (acct = json_string(ip, "account")) == NULL ||
	    strcmp(acct, a->jws.kid) != 0) {
		code = problem(a, PROB_MALFORMED, "the inner payload does not "
		    "name this account");
		goto out;
	}
	if ((old = json_parse(a->jwk.s, a->jwk.len, &lim, &je)) == NULL ||
	    !jwk_equal(json_get(ip, "oldKey"), old)) {
		code = problem(a, PROB_MALFORMED, "oldKey is not the "
		    "account's key");
		goto out;
	}
	if (!jwk_thumbprint(in.jwk, &tp)) {
		code = internal(a);
		goto out;
	}
	switch (db_acme_acct_by_thumb(a->ctx->db, tp.s, &other)) {
	case DB_OK:
		/* 7.3.5: the key belongs to an account: 409 naming it. */
		url_of(a, a->location, sizeof(a->location),
		    "/acme/account/%lld", other);
		problem(a, PROB_MALFORMED, "the new key has an account");
		code = a->status = 409;
		goto out;
	case DB_NOTFOUND:
		break;
	default:
		code = internal(a);
		goto out;
	}
	jsonw_init(&w, &jwk);
	jsonw_open(&w, NULL, '{');
	for (m = in.jwk->child; m != NULL; m = m->next)
		if (m->type == JSON_STRING && (strcmp(m->name, "kty") == 0 ||
		    strcmp(m->name, "crv") == 0 || strcmp(m->name, "n") == 0 ||
		    strcmp(m->name, "e") == 0 || strcmp(m->name, "x") == 0 ||
		    strcmp(m->name, "y") == 0))
			jsonw_str(&w, m->name, m->str);
	jsonw_close(&w);
	if (!jsonw_done(&w) || jwk.len > 4096) {
		code = internal(a);
		goto out;
	}
	snprintf(details, sizeof(details), "acme account %lld, new key %s",
	    a->acct.id, tp.s);
	if (!db_begin(a->ctx->db)) {
		code = internal(a);
		goto out;
	}
	switch (db_acme_acct_set_key(a->ctx->db, a->acct.id, tp.s, jwk.s)) {
	case DB_OK:
		break;
	case DB_DUP:
		db_rollback(a->ctx->db);
		problem(a, PROB_MALFORMED, "the new key has an account");
		code = a->status = 409;
		goto out;
	default:
		db_rollback(a->ctx->db);
		code = internal(a);
		goto out;
	}
	if (!audit_add(a->ctx->db, "acme", "acme", a->addr,
	    "acme.account.key-changed", 0, "acme_account", details) ||
	    !db_commit(a->ctx->db)) {
		db_rollback(a->ctx->db);
		code = internal(a);
		goto out;
	}
	memcpy(a->acct.thumbprint, tp.s, 44);
	code = account_object(a, 200);
out:
	jws_free(&in);
	json_free(ip);
	json_free(old);
	EVP_PKEY_free(nk);
	buf_free(&tp);
	buf_free(&jwk);
	return code;
}

/* The ACME address challenge mails come from (RFC 8823 "from"). */
static const char *
acme_from(const struct acme *a)
{
	const char	*v = FCGX_GetParam("SMIME_ACME_FROM", a->fr->envp);

	return v != NULL && *v != '\0' ? v : a->ctx->set.mail_from;
}

/* Takes the newest verified, current organization data. */
static int
first_org(void *arg, const struct org *g)
{
	struct org	*out = arg;

	if (out->id == 0)
		memcpy(out, g, sizeof(*g));
	return 1;
}

/* 128 random bits, base64url, into `out` (23 bytes). */
static int
token22(char *out)
{
	char		 t[TOKEN_LEN + 1];
	unsigned char	 h[TOKEN_HASH];

	if (!token_new(t, sizeof(t), h))
		return 0;
	memcpy(out, t, 23);
	return 1;
}

/* The RFC 8823 challenge mail for `o`, queued in the outbox. */
static int
challenge_mail(struct acme *a, const struct acme_order *o)
{
	struct buf	 m;
	char		 date[64], id[TOKEN_LEN + 1];
	unsigned char	 h[TOKEN_HASH];
	const char	*from = acme_from(a), *dom;
	time_t		 now = time(NULL);
	struct tm	 tm;
	int		 ok;

	if (strpbrk(from, "\r\n<>\"") != NULL || !token_new(id, sizeof(id), h))
		return 0;
	dom = (dom = strchr(from, '@')) != NULL ? dom + 1 : "localhost";
	gmtime_r(&now, &tm);
	strftime(date, sizeof(date), "%a, %d %b %Y %H:%M:%S +0000", &tm);
	buf_init(&m);
	/* RFC 8823 section 3: the subject, Auto-Submitted with type=acme. */
	ok = buf_printf(&m, "From: <%s>\r\nTo: <%s>\r\n"
	    "Subject: ACME: %s\r\nDate: %s\r\nMessage-ID: <%s@%s>\r\n"
	    "MIME-Version: 1.0\r\n"
	    "Auto-Submitted: auto-generated; type=acme\r\n"
	    "X-Smime-Kind: acme-challenge\r\n"
	    "Content-Type: text/plain; charset=us-ascii\r\n"
	    "Content-Transfer-Encoding: 7bit\r\n\r\n"
	    "This is an ACME (RFC 8823) challenge for the S/MIME certificate\r\n"
	    "of %s. An ACME client answers it for you; if you did not ask\r\n"
	    "for a certificate, ignore this message.\r\n",
	    from, o->mailbox, o->token1, date, id, dom, o->mailbox) &&
	    db_outbox_add(a->ctx->db, "acme-challenge", o->order_id, from,
	    o->mailbox, m.s) == DB_OK;
	buf_free(&m);
	return ok;
}

/* The order's status (RFC 8555 7.1.6) from its challenge and wizard order. */
static const char *
order_status(const struct acme_order *o)
{
	if (strcmp(o->step_activation, "issued") == 0)
		return "valid";
	if (strcmp(o->chall_status, "invalid") == 0)
		return "invalid";
	if (strcmp(o->chall_status, "valid") == 0)
		return "ready";
	return o->expired ? "invalid" : "pending";
}

static const char *
authz_status(const struct acme_order *o)
{
	if (strcmp(o->chall_status, "valid") == 0)
		return "valid";
	if (strcmp(o->chall_status, "invalid") == 0)
		return "invalid";
	return o->expired ? "expired" : "pending";
}

/* The challenge object (RFC 8823 section 3) of `o`, into `w`. */
static int
challenge_json(struct acme *a, struct jsonw *w, const struct acme_order *o)
{
	char		 url[512], type[96];
	const char	*sp;

	if (!url_of(a, url, sizeof(url), "/acme/chall/%lld", o->id))
		return 0;
	jsonw_open(w, NULL, '{');
	jsonw_str(w, "type", "email-reply-00");
	jsonw_str(w, "url", url);
	jsonw_str(w, "status", o->chall_status);
	jsonw_str(w, "token", o->token2);
	jsonw_str(w, "from", acme_from(a));
	if (o->validated[0] != '\0')
		jsonw_str(w, "validated", o->validated);
	if (o->chall_error[0] != '\0' &&
	    (sp = strchr(o->chall_error, ' ')) != NULL) {
		snprintf(type, sizeof(type), "urn:ietf:params:acme:error:%.*s",
		    (int)(sp - o->chall_error), o->chall_error);
		jsonw_open(w, "error", '{');
		jsonw_str(w, "type", type);
		jsonw_str(w, "detail", sp + 1);
		jsonw_close(w);
	}
	jsonw_close(w);
	return 1;
}

/* The order object (RFC 8555 7.1.3) of `o` into a->out. */
static int
order_object(struct acme *a, const struct acme_order *o, int code)
{
	struct jsonw	 w;
	char		 url[512];
	const char	*st = order_status(o);

	buf_reset(&a->out);
	jsonw_init(&w, &a->out);
	jsonw_open(&w, NULL, '{');
	jsonw_str(&w, "status", st);
	jsonw_str(&w, "expires", o->expires);
	jsonw_open(&w, "identifiers", '[');
	jsonw_open(&w, NULL, '{');
	jsonw_str(&w, "type", "email");
	jsonw_str(&w, "value", o->mailbox);
	jsonw_close(&w);
	jsonw_close(&w);
	jsonw_open(&w, "authorizations", '[');
	if (!url_of(a, url, sizeof(url), "/acme/authz/%lld", o->id))
		return internal(a);
	jsonw_str(&w, NULL, url);
	jsonw_close(&w);
	if (!url_of(a, url, sizeof(url), "/acme/order/%lld/finalize", o->id))
		return internal(a);
	jsonw_str(&w, "finalize", url);
	if (strcmp(st, "valid") == 0) {
		if (!url_of(a, url, sizeof(url), "/acme/cert/%lld", o->id))
			return internal(a);
		jsonw_str(&w, "certificate", url);
	}
	jsonw_close(&w);
	if (!jsonw_done(&w))
		return internal(a);
	if (!url_of(a, a->location, sizeof(a->location), "/acme/order/%lld",
	    o->id))
		return internal(a);
	return answer(a, code);
}

/*
 * Loads ACME order `id` for the request's account: accountDoesNotExist
 * style refusals become 404 (another account's order is not shown).
 */
static int
load_order(struct acme *a, long long id, struct acme_order *o)
{
	switch (db_acme_order_get(a->ctx->db, id, o)) {
	case DB_OK:
		if (o->acct_id == a->acct.id)
			return 200;
		/* FALLTHROUGH */
	case DB_NOTFOUND:
		problem(a, PROB_MALFORMED, "no such order");
		return a->status = 404;
	default:
		return internal(a);
	}
}

/* POST /acme/new-order (7.4): one mailbox; the wizard order behind it. */
static int
new_order(struct acme *a)
{
	const struct json	*ids, *id, *t, *v;
	struct acme_order	 o;
	struct org		 g;
	struct actor		 who;
	char			 mbox[MAILBOX_MAX + 1], disp[1024], obj[64];
	const char		*why;
	long long		 per_acct, per_mbox, oid;
	int			 code;

	if ((code = intake(a, KEY_KID)) != 200)
		return code;
	if (a->payload == NULL ||
	    (ids = json_get(a->payload, "identifiers")) == NULL ||
	    ids->type != JSON_ARRAY || ids->n == 0)
		return problem(a, PROB_MALFORMED, "newOrder takes identifiers");
	if (json_get(a->payload, "notBefore") != NULL ||
	    json_get(a->payload, "notAfter") != NULL)
		return problem(a, PROB_MALFORMED, "notBefore and notAfter are "
		    "set by the product");
	if (ids->n != 1)
		return problem(a, PROB_REJECTED_ID, "one mailbox per order");
	id = ids->child;
	if (id->type != JSON_OBJECT ||
	    (t = json_get(id, "type")) == NULL || t->type != JSON_STRING ||
	    (v = json_get(id, "value")) == NULL || v->type != JSON_STRING)
		return problem(a, PROB_MALFORMED, "an identifier has a type "
		    "and a value");
	if (strcmp(t->str, "email") != 0)
		return problem(a, PROB_UNSUPPORTED_ID, "identifiers of type "
		    "email only (RFC 8823)");
	if (!mailbox_normalize(v->str, mbox, sizeof(mbox), disp,
	    sizeof(disp), &why))
		return problem(a, PROB_REJECTED_ID, "not a mailbox address");

	/* Rate limits: per ACME account, per mailbox. */
	if (db_acme_order_counts(a->ctx->db, a->acct.id, mbox, &per_acct,
	    &per_mbox) != DB_OK)
		return internal(a);
	if (per_acct >= ACME_PER_HOUR)
		return problem(a, PROB_RATELIMITED, "too many orders from "
		    "this account in the last hour");
	if (per_mbox >= ACME_PER_DAY)
		return problem(a, PROB_RATELIMITED, "too many orders for this "
		    "mailbox in the last day");
	memset(&g, 0, sizeof(g));
	if (db_orgs_reusable(a->ctx->db, a->acct.account_id, first_org,
	    &g) != DB_OK)
		return internal(a);
	if (g.id == 0)
		return problem(a, PROB_UNAUTHORIZED, "the bound account has "
		    "no organization data verified within 825 days");

	memset(&o, 0, sizeof(o));
	o.acct_id = a->acct.id;
	snprintf(o.mailbox, sizeof(o.mailbox), "%s", mbox);
	if (!token22(o.token1) || !token22(o.token2))
		return internal(a);
	who.login = a->acct.login;
	who.role = "acme";
	who.addr = a->addr;
	snprintf(obj, sizeof(obj), "organization:%lld", g.id);
	/*
	 * The wizard order: data verified by reuse, the mailbox entered
	 * and its mail sent, the activation choices the wizard offers.
	 */
	if (!db_begin(a->ctx->db))
		return internal(a);
	if (db_order_add(a->ctx->db, a->acct.login, NULL, &oid) != DB_OK ||
	    db_order_set_org(a->ctx->db, oid, g.id) != DB_OK ||
	    steps_apply(a->ctx->db, &who, oid, EV_DATA_REUSED,
	    "organization-reuse", obj, g.decided, NULL) != STEPS_OK ||
	    db_order_set_email_draft(a->ctx->db, oid, mbox) != DB_OK)
		goto fail;
	o.order_id = oid;
	if (db_acme_order_add(a->ctx->db, &o, ACME_ORDER_TTL, &o.id) != DB_OK)
		goto fail;
	snprintf(obj, sizeof(obj), "acme-order:%lld", o.id);
	if (steps_apply(a->ctx->db, &who, oid, EV_EMAIL_SUBMITTED,
	    "acme-challenge-mailed", obj, mbox, NULL) != STEPS_OK ||
	    db_activation_fields(a->ctx->db, oid, "email", ACME_INCLUDE) !=
	    DB_OK ||
	    db_activation_method(a->ctx->db, oid, "csr", "") != DB_OK ||
	    !challenge_mail(a, &o) || !db_commit(a->ctx->db))
		goto fail;
	if (db_acme_order_get(a->ctx->db, o.id, &o) != DB_OK)
		return internal(a);
	return order_object(a, &o, 201);
fail:
	db_rollback(a->ctx->db);
	return internal(a);
}

/* POST /acme/order/<id> (7.1.3), POST-as-GET. */
static int
order(struct acme *a, long long id)
{
	struct acme_order	 o;
	int			 code;

	if ((code = intake(a, KEY_KID)) != 200 ||
	    (code = load_order(a, id, &o)) != 200)
		return code;
	return order_object(a, &o, 200);
}

/* POST /acme/authz/<id> (7.5), POST-as-GET. */
static int
authz(struct acme *a, long long id)
{
	struct acme_order	 o;
	struct jsonw		 w;
	int			 code;

	if ((code = intake(a, KEY_KID)) != 200 ||
	    (code = load_order(a, id, &o)) != 200)
		return code;
	buf_reset(&a->out);
	jsonw_init(&w, &a->out);
	jsonw_open(&w, NULL, '{');
	jsonw_open(&w, "identifier", '{');
	jsonw_str(&w, "type", "email");
	jsonw_str(&w, "value", o.mailbox);
	jsonw_close(&w);
	jsonw_str(&w, "status", authz_status(&o));
	jsonw_str(&w, "expires", o.expires);
	jsonw_open(&w, "challenges", '[');
	if (!challenge_json(a, &w, &o))
		return internal(a);
	jsonw_close(&w);
	jsonw_close(&w);
	return jsonw_done(&w) ? answer(a, 200) : internal(a);
}

/*
 * POST /acme/chall/<id> (7.5.1): "{}" says the client has replied; the
 * challenge waits for the reply (processing) unless it is decided.
 */
static int
chall(struct acme *a, long long id)
{
	struct acme_order	 o;
	struct jsonw		 w;
	char			 up[512], link[600];
	int			 code;

	if ((code = intake(a, KEY_KID)) != 200 ||
	    (code = load_order(a, id, &o)) != 200)
		return code;
	if (a->payload != NULL && strcmp(o.chall_status, "pending") == 0 &&
	    !o.expired) {
		if (db_acme_order_chall(a->ctx->db, o.id, "processing",
		    NULL) != DB_OK || db_acme_order_get(a->ctx->db, id, &o) !=
		    DB_OK)
			return internal(a);
	}
	buf_reset(&a->out);
	jsonw_init(&w, &a->out);
	if (!challenge_json(a, &w, &o) || !jsonw_done(&w))
		return internal(a);
	if (url_of(a, up, sizeof(up), "/acme/authz/%lld", o.id)) {
		snprintf(link, sizeof(link), "<%s>;rel=\"up\"", up);
		snprintf(a->link_up, sizeof(a->link_up), "%s", link);
	}
	return answer(a, 200);
}

/*
 * RFC 8555 7.4: the CSR names exactly the order's identifier. Every
 * subjectAltName must be an rfc822Name equal to the mailbox, a common
 * name too, and one of them must be there. (The certificate's subject
 * comes from the verified data whatever the CSR says.) Returns 1 or 0.
 */
static int
csr_names_ok(const void *der, size_t len, const char *mbox)
{
	const unsigned char	*p = der;
	X509_REQ		*req = NULL;
	STACK_OF(X509_EXTENSION) *exts = NULL;
	GENERAL_NAMES		*san = NULL;
	const GENERAL_NAME	*gn;
	X509_NAME		*subj;
	X509_NAME_ENTRY		*e;
	const ASN1_STRING	*v;
	int			 i, n = 0, ok = 0;

	if ((req = d2i_X509_REQ(NULL, &p, (long)len)) == NULL)
		goto out;
	subj = X509_REQ_get_subject_name(req);
	for (i = -1; (i = X509_NAME_get_index_by_NID(subj, NID_commonName,
	    i)) >= 0; n++) {
		e = X509_NAME_get_entry(subj, i);
		v = X509_NAME_ENTRY_get_data(e);
		if ((size_t)ASN1_STRING_length(v) != strlen(mbox) ||
		    strncasecmp((const char *)ASN1_STRING_get0_data(v), mbox,
		    strlen(mbox)) != 0)
			goto out;
	}
	if ((exts = X509_REQ_get_extensions(req)) != NULL &&
	    (san = X509V3_get_d2i(exts, NID_subject_alt_name, NULL,
	    NULL)) != NULL) {
		for (i = 0; i < sk_GENERAL_NAME_num(san); i++, n++) {
			gn = sk_GENERAL_NAME_value(san, i);
			if (gn->type != GEN_EMAIL)
				goto out;
			v = gn->d.rfc822Name;
			if ((size_t)ASN1_STRING_length(v) != strlen(mbox) ||
			    strncasecmp((const char *)ASN1_STRING_get0_data(v),
			    mbox, strlen(mbox)) != 0)
				goto out;
		}
	}
	ok = n > 0;
out:
	ERR_clear_error();
	GENERAL_NAMES_free(san);
	sk_X509_EXTENSION_pop_free(exts, X509_EXTENSION_free);
	X509_REQ_free(req);
	return ok;
}

/* POST /acme/order/<id>/finalize (7.4): the wizard's CSR checks and issuance. */
static int
finalize(struct acme *a, long long id)
{
	struct acme_order	 o;
	struct csr_key		 k;
	struct cert		 c;
	struct actor		 who;
	struct buf		 der;
	const char		*csr;
	enum csrerr		 ce;
	enum issuerc		 ir;
	int			 code, priv = 0;

	buf_init(&der);
	if ((code = intake(a, KEY_KID)) != 200 ||
	    (code = load_order(a, id, &o)) != 200)
		goto out;
	if (strcmp(order_status(&o), "valid") == 0) {
		code = order_object(a, &o, 200);
		goto out;
	}
	if (strcmp(order_status(&o), "ready") != 0) {
		code = problem(a, PROB_NOT_READY, "the order is not ready: "
		    "its challenge is not valid");
		goto out;
	}
	if (a->payload == NULL || (csr = json_string(a->payload, "csr")) ==
	    NULL || !b64u_decode(&der, csr, strlen(csr)) || der.len == 0) {
		code = problem(a, PROB_MALFORMED, "finalize takes a csr, "
		    "base64url DER");
		goto out;
	}
	if (!csr_names_ok(der.s, der.len, o.mailbox)) {
		code = problem(a, PROB_BADCSR, "the CSR must name the order's "
		    "mailbox and nothing else");
		goto out;
	}
	ce = issue_take_csr(a->ctx->db, &issuer, a->ctx->set.weak_keys,
	    o.order_id, der.s, der.len, &priv, &k);
	if (ce == CSR_INTERNAL) {
		code = internal(a);
		goto out;
	}
	if (ce != CSR_OK) {
		code = problem(a, PROB_BADCSR, csrerr_names[ce]);
		goto out;
	}
	who.login = a->acct.login;
	who.role = "acme";
	who.addr = a->addr;
	switch ((ir = issue_order(a->ctx, &issuer, &who, o.order_id, &c))) {
	case ISSUE_OK:
	case ISSUE_ALREADY:
		break;
	case ISSUE_CAA_FORBIDDEN:
	case ISSUE_CAA_FAILED:
		code = problem(a, PROB_CAA, issuerc_names[ir]);
		goto out;
	case ISSUE_NOT_READY:
		code = problem(a, PROB_NOT_READY, issuerc_names[ir]);
		goto out;
	case ISSUE_KEY:
		code = problem(a, PROB_BADCSR, issuerc_names[ir]);
		goto out;
	default:
		log_warnx("acme order %lld: %s", o.id, issuerc_names[ir]);
		code = internal(a);
		goto out;
	}
	if (db_acme_order_get(a->ctx->db, id, &o) != DB_OK) {
		code = internal(a);
		goto out;
	}
	code = order_object(a, &o, 200);
out:
	buf_free(&der);
	return code;
}

/* POST /acme/cert/<id> (7.4.2): the certificate, then the CA chain. */
static int
certificate(struct acme *a, long long id)
{
	struct acme_order	 o;
	struct cert		 c;
	struct buf		 der, chain;
	FILE			*f;
	char			 chunk[4096];
	size_t			 n, i;
	int			 code;

	if ((code = intake(a, KEY_KID)) != 200 ||
	    (code = load_order(a, id, &o)) != 200)
		return code;
	if (strcmp(order_status(&o), "valid") != 0) {
		problem(a, PROB_MALFORMED, "no certificate yet");
		return a->status = 404;
	}
	buf_init(&der);
	buf_init(&chain);
	code = internal(a);
	if (db_cert_of_order(a->ctx->db, o.order_id, &c, &der) != DB_OK)
		goto out;
	buf_reset(&a->out);
	if (!buf_adds(&a->out, "-----BEGIN CERTIFICATE-----\n"))
		goto out;
	if (!b64u_encode(&chain, der.s, der.len))
		goto out;
	/* PEM is base64 (RFC 7468): back from base64url, with padding. */
	for (i = 0; i < chain.len; i++) {
		if (chain.s[i] == '-')
			chain.s[i] = '+';
		else if (chain.s[i] == '_')
			chain.s[i] = '/';
	}
	while (chain.len % 4 != 0)
		if (!buf_addc(&chain, '='))
			goto out;
	for (i = 0; i < chain.len; i += 64)
		if (!buf_add(&a->out, chain.s + i, chain.len - i < 64 ?
		    chain.len - i : 64) || !buf_addc(&a->out, '\n'))
			goto out;
	if (!buf_adds(&a->out, "-----END CERTIFICATE-----\n"))
		goto out;
	if ((f = fopen(a->ctx->set.ca_chain, "r")) == NULL) {
		log_warn("%s", a->ctx->set.ca_chain);
		goto out;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		if (!buf_add(&a->out, chunk, n))
			break;
	fclose(f);
	a->otype = "application/pem-certificate-chain";
	code = a->status = 200;
out:
	buf_free(&der);
	buf_free(&chain);
	return code;
}

/*
 * The reason of a revokeCert payload (7.6): an RFC 5280 5.3.1 code.
 * Accepted: the codes a customer may give in the wizard (crl_reason()
 * without operator rights, S/MIME BR 4.9.1.1): keyCompromise 1,
 * affiliationChanged 3, superseded 4, cessationOfOperation 5. Refused
 * with badRevocationReason, as 7.6 lets a server refuse codes:
 * unspecified 0, which an absent reason means too, because our CRLs
 * never carry it (crl.h, S/MIME BR 7.2.2) and the wizard asks for a
 * reason as well; cACompromise 2 and aACompromise 10 (no subscriber's
 * to report); certificateHold 6 (strict certificates are never
 * suspended); 7 (unused in RFC 5280); removeFromCRL 8 (delta CRLs only);
 * privilegeWithdrawn 9 (the CA's decision, operators only). Returns the
 * reason's name, or NULL with the problem made (a non-number is
 * malformed).
 */
static const char *
revoke_reason(struct acme *a)
{
	const struct json	*v = json_get(a->payload, "reason");
	const char		*name;
	int			 code, i;

	if (v != NULL && v->type != JSON_NUMBER) {
		problem(a, PROB_MALFORMED, "reason is an integer");
		return NULL;
	}
	code = v == NULL ? 0 : v->len <= 2 && strspn(v->str, "0123456789") ==
	    v->len ? atoi(v->str) : -1;
	for (i = 0; (name = crl_reason_name(i)) != NULL; i++)
		if (code > 0 && crl_reason(name, 0) == code)
			return name;
	problem(a, PROB_BADREASON, "reason: 1 (keyCompromise), 3 "
	    "(affiliationChanged), 4 (superseded) or 5 "
	    "(cessationOfOperation)");
	return NULL;
}

/*
 * The certificate of a revokeCert payload: base64url DER of one X.509
 * certificate with nothing after it, into `der` and *x (the caller frees
 * it). Returns 200, or the problem's status (malformed).
 */
static int
revoke_parse(struct acme *a, struct buf *der, X509 **x)
{
	const char		*c;
	const unsigned char	*p;

	if ((c = json_string(a->payload, "certificate")) == NULL ||
	    !b64u_decode(der, c, strlen(c)) || der->len == 0)
		return problem(a, PROB_MALFORMED, "revokeCert takes a "
		    "certificate, base64url DER");
	p = (const unsigned char *)der->s;
	if ((*x = d2i_X509(NULL, &p, (long)der->len)) == NULL ||
	    p != (const unsigned char *)der->s + der->len) {
		ERR_clear_error();
		return problem(a, PROB_MALFORMED, "the certificate is not one "
		    "DER X.509 certificate");
	}
	return 200;
}

/* The serial of `x` as the certificates table keeps it: lower-case hex. */
static int
serial_hex(X509 *x, char *out, size_t outsz)
{
	BIGNUM	*bn;
	char	*h;
	size_t	 i;
	int	 ok;

	if ((bn = ASN1_INTEGER_to_BN(X509_get0_serialNumber(x), NULL)) ==
	    NULL)
		return 0;
	h = BN_bn2hex(bn);
	BN_free(bn);
	if (h == NULL)
		return 0;
	for (i = 0; h[i] != '\0'; i++)
		if (h[i] >= 'A' && h[i] <= 'F')
			h[i] = (char)(h[i] - 'A' + 'a');
	ok = strlen(h) < outsz;
	if (ok)
		memcpy(out, h, strlen(h) + 1);
	OPENSSL_free(h);
	return ok;
}

/*
 * The certificate `x` (DER `der`) among ours: its serial into `serial`
 * and its row into *c, the DER stored equal to the one sent. Returns
 * 200, or 404 (malformed: RFC 8555 has no error type for a certificate
 * that is not ours, so the type says the request is wrong and the
 * status says nothing is here to revoke).
 */
static int
revoke_find(struct acme *a, X509 *x, const struct buf *der, char *serial,
    size_t serialsz, struct acme_cert *c)
{
	if (serial_hex(x, serial, serialsz)) {
		switch (db_acme_cert_find(a->ctx->db, serial, c)) {
		case DB_OK:
			if (c->der->len == der->len && memcmp(c->der->s,
			    der->s, der->len) == 0)
				return 200;
			break;
		case DB_NOTFOUND:
			break;
		default:
			return internal(a);
		}
	}
	problem(a, PROB_MALFORMED, "no certificate of this CA");
	return a->status = 404;
}

/*
 * Who may revoke certificate `c` (7.6): with a jwk, the holder of the
 * certificate's own key; with a kid, the ACME account that ordered it,
 * or one holding a valid authorization for its mailbox. Returns 200, or
 * the problem's status (unauthorized).
 */
static int
revoke_allowed(struct acme *a, X509 *x, const struct acme_cert *c)
{
	int	 held = 0;

	if (a->acct.id == 0) {
		if (EVP_PKEY_eq(a->key, X509_get0_pubkey(x)) == 1)
			return 200;
		ERR_clear_error();
		return problem(a, PROB_UNAUTHORIZED, "the JWS key is not the "
		    "certificate's key");
	}
	if (c->acct_id == a->acct.id)
		return 200;
	if (db_acme_authz_held(a->ctx->db, a->acct.id, c->mailbox, &held) !=
	    DB_OK)
		return internal(a);
	if (held)
		return 200;
	return problem(a, PROB_UNAUTHORIZED, "this account neither ordered "
	    "the certificate nor holds an authorization for its mailbox");
}

/*
 * POST /acme/revoke-cert (7.6): the certificate found by its serial and
 * its exact DER, the signer authorized, the reason checked, then the
 * wizard's revocation (revocation_apply(): the order revoked, its event,
 * audit row and mail, the CRL due) and a new CRL from this worker's
 * signer; if that fails, the CRL stays due for the next one.
 */
static int
revoke_cert(struct acme *a)
{
	struct acme_cert	 c;
	struct order		 o;
	struct actor		 who;
	struct buf		 der, ours;
	X509			*x = NULL;
	const char		*reason;
	char			 serial[65], login[160];
	int			 code;

	buf_init(&der);
	buf_init(&ours);
	c.der = &ours;
	if ((code = intake(a, KEY_EITHER)) != 200)
		goto out;
	if (a->payload == NULL) {
		code = problem(a, PROB_MALFORMED, "revokeCert takes a payload");
		goto out;
	}
	if ((code = revoke_parse(a, &der, &x)) != 200)
		goto out;
	if ((code = revoke_find(a, x, &der, serial, sizeof(serial),
	    &c)) != 200 || (code = revoke_allowed(a, x, &c)) != 200 ||
	    (reason = revoke_reason(a)) == NULL) {
		code = a->status;
		goto out;
	}
	if (db_order_any(a->ctx->db, c.order_id, &o) != DB_OK) {
		code = internal(a);
		goto out;
	}
	if (a->acct.id != 0)
		snprintf(login, sizeof(login), "acme-account:%lld",
		    a->acct.id);
	else
		snprintf(login, sizeof(login), "certificate-key");
	who.login = login;
	who.role = "acme";
	who.addr = a->addr;
	switch (revocation_apply(a->ctx, &who, &o, reason, NULL, serial,
	    sizeof(serial))) {
	case REVOKE_OK:
		break;
	case REVOKE_ALREADY:
		code = problem(a, PROB_REVOKED, "the certificate is revoked "
		    "already");
		goto out;
	case REVOKE_NOT_ISSUED:
		code = problem(a, PROB_MALFORMED, "the order has no "
		    "certificate to revoke");
		goto out;
	default:
		code = internal(a);
		goto out;
	}
	/* The CRL follows at once (BR 4.9.7); if it fails, the next will. */
	if (!revocation_crl_publish(a->ctx, &issuer, FCGX_GetParam(
	    "SMIME_CRL_DIR", a->fr->envp), &who))
		log_warnx("acme revokeCert: the CRL stays due");
	buf_reset(&a->out);
	code = answer(a, 200);
out:
	X509_free(x);
	buf_free(&der);
	buf_free(&ours);
	return code;
}

/* Which resource, and whether the method fits it. */
static int
route(struct acme *a)
{
	const char	*p = a->path + strlen(ACME_PREFIX);
	const char	*rest;
	long long	 id;
	int		 get = strcmp(a->method, "GET") == 0;
	int		 head = strcmp(a->method, "HEAD") == 0;
	int		 post = strcmp(a->method, "POST") == 0;

	if (strcmp(p, "directory") == 0) {
		if (!get && !head)
			goto method_get;
		return directory(a);
	}
	if (strcmp(p, "new-nonce") == 0) {
		if (!get && !head)
			goto method_get;
		/* 7.2: HEAD answers 200, GET 204; the nonce is the header. */
		a->otype = NULL;
		return a->status = head ? 200 : 204;
	}
	if (strcmp(p, "new-account") == 0) {
		if (!post)
			goto method_post;
		return new_account(a);
	}
	if (strcmp(p, "key-change") == 0) {
		if (!post)
			goto method_post;
		return key_change(a);
	}
	if (strcmp(p, "new-order") == 0) {
		if (!post)
			goto method_post;
		return new_order(a);
	}
	if (strcmp(p, "revoke-cert") == 0) {
		if (!post)
			goto method_post;
		return revoke_cert(a);
	}
	if (path_id(a->path, ACME_PREFIX "order/", &id, &rest) &&
	    (*rest == '\0' || strcmp(rest, "/finalize") == 0)) {
		if (!post)
			goto method_post;
		return *rest == '\0' ? order(a, id) : finalize(a, id);
	}
	if (path_id(a->path, ACME_PREFIX "authz/", &id, &rest) &&
	    *rest == '\0') {
		if (!post)
			goto method_post;
		return authz(a, id);
	}
	if (path_id(a->path, ACME_PREFIX "chall/", &id, &rest) &&
	    *rest == '\0') {
		if (!post)
			goto method_post;
		return chall(a, id);
	}
	if (path_id(a->path, ACME_PREFIX "cert/", &id, &rest) &&
	    *rest == '\0') {
		if (!post)
			goto method_post;
		return certificate(a, id);
	}
	if (path_id(a->path, ACME_PREFIX "account/", &id, &rest) &&
	    (*rest == '\0' || strcmp(rest, "/orders") == 0)) {
		if (!post)
			goto method_post;
		return account(a, id, rest);
	}
	problem(a, PROB_MALFORMED, "no such resource");
	return a->status = 404;
method_get:
	a->allow = "GET, HEAD";
	problem(a, PROB_MALFORMED, "method not allowed");
	return a->status = 405;
method_post:
	/* 6.3: every resource but the directory and newNonce is POST only. */
	a->allow = "POST";
	problem(a, PROB_MALFORMED, "use POST (or POST-as-GET)");
	return a->status = 405;
}

static const char *
status_line(int code)
{
	switch (code) {
	case 200: return "200 OK";
	case 201: return "201 Created";
	case 204: return "204 No Content";
	case 400: return "400 Bad Request";
	case 403: return "403 Forbidden";
	case 404: return "404 Not Found";
	case 405: return "405 Method Not Allowed";
	case 409: return "409 Conflict";
	case 413: return "413 Payload Too Large";
	case 415: return "415 Unsupported Media Type";
	case 429: return "429 Too Many Requests";
	default: return "500 Internal Server Error";
	}
}

/* Sends the answer: status, headers, a fresh nonce, the body. */
static void
send_answer(struct acme *a)
{
	struct buf	 head;
	char		 nonce[NONCE_LEN + 1], dir[512];
	int		 have_nonce;

	have_nonce = a->ctx->db != NULL &&
	    nonce_new(a->ctx->db, nonce) == NONCE_OK;
	if (a->status == 200 && !have_nonce && strcmp(a->path,
	    ACME_PREFIX "new-nonce") == 0) {
		/* newNonce without a nonce is no answer. */
		internal(a);
	}
	buf_init(&head);
	buf_printf(&head, "Status: %s\r\n", status_line(a->status));
	if (a->otype != NULL && a->out.len > 0)
		buf_printf(&head, "Content-Type: %s\r\n", a->otype);
	buf_printf(&head, "Content-Length: %zu\r\n", a->out.len);
	buf_adds(&head, "Cache-Control: no-store\r\n"
	    "X-Content-Type-Options: nosniff\r\n");
	if (have_nonce)
		buf_printf(&head, "Replay-Nonce: %s\r\n", nonce);
	if (a->retry_after > 0)
		buf_printf(&head, "Retry-After: %d\r\n", a->retry_after);
	if (url_of(a, dir, sizeof(dir), "/acme/directory"))
		buf_printf(&head, "Link: <%s>;rel=\"index\"\r\n", dir);
	if (a->location[0] != '\0')
		buf_printf(&head, "Location: %s\r\n", a->location);
	if (a->link_up[0] != '\0')
		buf_printf(&head, "Link: %s\r\n", a->link_up);
	if (a->allow != NULL)
		buf_printf(&head, "Allow: %s\r\n", a->allow);
	if (!buf_adds(&head, "\r\n")) {
		FCGX_PutS("Status: 500 Internal Server Error\r\n\r\n",
		    a->fr->out);
	} else {
		FCGX_PutStr(head.s, (int)head.len, a->fr->out);
		if (strcmp(a->method, "HEAD") != 0 && a->out.len > 0)
			FCGX_PutStr(a->out.s, (int)a->out.len, a->fr->out);
	}
	buf_free(&head);
}

static const char *
env(FCGX_Request *fr, const char *name)
{
	const char	*v = FCGX_GetParam(name, fr->envp);

	return v != NULL ? v : "";
}

/*
 * The responder of every /acme/ request (see the top of the file).
 * Returns 1: the request is answered.
 */
static int
acme_respond(struct ctx *ctx, FCGX_Request *fr)
{
	struct acme	 a;
	long long	 start = now_usec();

	memset(&a, 0, sizeof(a));
	a.ctx = ctx;
	a.fr = fr;
	buf_init(&a.body);
	buf_init(&a.out);
	buf_init(&a.jwk);
	server_settings(&ctx->set, fr);
	a.method = env(fr, "REQUEST_METHOD");
	a.path = env(fr, "DOCUMENT_URI");
	a.uri = env(fr, "REQUEST_URI");
	a.ctype = env(fr, "CONTENT_TYPE");
	a.addr = env(fr, "REMOTE_ADDR");

	if (ctx->db == NULL || strcmp(db_conninfo(ctx->db), ctx->set.db) != 0) {
		db_close(ctx->db);
		ctx->db = db_open(ctx->set.db);
	}
	if (ctx->db != NULL)
		db_mark(ctx->db);
	if (ctx->db == NULL) {
		problem(&a, PROB_INTERNAL, "the database is unavailable");
		a.status = 503;
		a.retry_after = 5;
	} else if (strncmp(a.path, ACME_PREFIX, strlen(ACME_PREFIX)) != 0 ||
	    strlen(a.uri) > 256 || strchr(a.uri, '?') != NULL) {
		problem(&a, PROB_MALFORMED, "no such resource");
		a.status = 404;
	} else
		route(&a);
	if (ctx->db != NULL && db_in_tx(ctx->db))
		db_rollback(ctx->db);
	/*
	 * The database threw the work away whole (a deadlock, Galera's
	 * certification, a lost connection): nothing is half-written. The
	 * request is not run again here, since its nonce is spent; the
	 * client sends it again with the fresh one of this answer.
	 */
	if (a.status == 500 && ctx->db != NULL &&
	    (db_retry(ctx->db) || db_busy(ctx->db))) {
		a.status = 503;
		a.retry_after = 1;
	}
	send_answer(&a);
	log_request("acme", a.method, a.path, a.status, now_usec() - start);
	jws_free(&a.jws);
	json_free(a.payload);
	EVP_PKEY_free(a.key);
	buf_free(&a.body);
	buf_free(&a.out);
	buf_free(&a.jwk);
	return 1;
}

/* Adds <row> with the attributes `names` valued by a listing's row. */
struct rows {
	xmlNodePtr		 parent;
	const char *const	*names;
	const char		*elem;
};

static int
add_row(void *arg, const char *const *v)
{
	struct rows	*rs = arg;
	xmlNodePtr	 n;
	size_t		 i;

	if ((n = page_add(rs->parent, rs->elem, NULL)) == NULL)
		return 0;
	for (i = 0; rs->names[i] != NULL; i++)
		if (!page_attr(n, rs->names[i], v[i]))
			return 0;
	return 1;
}

/*
 * The ACME access page (GET /acme-access/) of a customer or partner: its
 * external account binding keys, and whether its organization data is
 * verified and current, which ACME requires. POST /acme-access/keys
 * issues a key and shows its MAC key, this once.
 */
static int
access_page(struct ctx *ctx, struct req *r)
{
	static const char *const names[] = { "kid", "created", "used",
	    "acme-account", "status", NULL };
	struct rows	 rs;
	struct org	 g;
	xmlNodePtr	 n;
	char		 kid[EABKEY_KID_LEN + 1], mac[EABKEY_MAC_LEN + 1];
	char		 dir[512];

	page_rename(ctx->page, "acme-access");
	memset(&g, 0, sizeof(g));
	if (db_orgs_reusable(ctx->db, ctx->acct.id, first_org, &g) != DB_OK)
		return 500;
	if ((n = page_add(ctx->page->root, "acme", NULL)) == NULL)
		return 500;
	snprintf(dir, sizeof(dir), "%s/acme/directory", ctx->set.base_url);
	page_attr(n, "directory", dir);
	page_attr(n, "eligible", g.id != 0 ? "yes" : "no");
	if (g.id != 0) {
		page_attr(n, "organization", g.name);
		page_attr(n, "verified", g.decided);
	}
	if (r->method == METHOD_POST) {
		if (strcmp(r->path, "/acme-access/keys") != 0)
			return 404;
		if (g.id == 0) {
			page_error(ctx->page, ctx->cat, NULL, "acme.ineligible");
			return 409;
		}
		if (!eabkey_new(ctx->db, ctx->acct.id, ctx->acct.login,
		    ctx->acct.role, kid, mac))
			return 500;
		n = page_add(n, "new-key", NULL);
		if (n == NULL || !page_attr(n, "kid", kid) ||
		    !page_attr(n, "hmac", mac))
			return 500;
		n = n->parent;
	} else if (strcmp(r->path, "/acme-access/") != 0)
		return 404;
	rs.parent = page_add(n, "keys", NULL);
	rs.names = names;
	rs.elem = "key";
	if (rs.parent == NULL || db_acme_list(ctx->db,
	    ACME_LIST_EAB, ctx->acct.id, add_row, &rs) != DB_OK)
		return 500;
	return 200;
}

/* The operators' view of ACME accounts and their orders (GET /operator/acme/). */
static int
operator_page(struct ctx *ctx, struct req *r)
{
	static const char *const accts[] = { "id", "login", "status",
	    "thumbprint", "contact", "created", "orders", NULL };
	static const char *const orders[] = { "id", "account", "mailbox",
	    "challenge", "error", "order", "number", "status", "created",
	    NULL };
	struct rows	 rs;

	if (strcmp(ctx->acct.role, "operator") != 0)
		return 403;
	if (r->method != METHOD_GET && r->method != METHOD_HEAD)
		return 405;
	if (strcmp(r->path, "/operator/acme/") != 0)
		return 404;
	page_rename(ctx->page, "operator-acme");
	rs.names = accts;
	rs.elem = "account";
	if ((rs.parent = page_add(ctx->page->root, "acme-accounts",
	    NULL)) == NULL || db_acme_list(ctx->db, ACME_LIST_ACCOUNTS, 0,
	    add_row, &rs) != DB_OK)
		return 500;
	rs.names = orders;
	rs.elem = "order";
	if ((rs.parent = page_add(ctx->page->root, "acme-orders",
	    NULL)) == NULL || db_acme_list(ctx->db, ACME_LIST_ORDERS, 0,
	    add_row, &rs) != DB_OK)
		return 500;
	return 200;
}

/* The page flow: the paths that are not the ACME protocol's. */
static int
handle(struct ctx *ctx, struct req *r)
{
	if (strncmp(r->path, "/acme-access/", 13) == 0) {
		if (strcmp(ctx->acct.role, "operator") == 0)
			return 403;
		return access_page(ctx, r);
	}
	if (strncmp(r->path, "/operator/acme/", 15) == 0)
		return operator_page(ctx, r);
	return 404;
}

/* The ACME protocol's paths; 0 leaves the rest to the page flow. */
static int
respond(struct ctx *ctx, FCGX_Request *fr)
{
	const char	*path = FCGX_GetParam("DOCUMENT_URI", fr->envp);

	if (path == NULL || strncmp(path, ACME_PREFIX, strlen(ACME_PREFIX)) != 0)
		return 0;
	return acme_respond(ctx, fr);
}

static int
worker_init(void)
{
	/* Its signer is forked (and restarted) from the worker. */
	sandbox_want(SANDBOX_SIGNER);
	return issue_start(&issuer);
}

/* The pages, and the stylesheets of the mail issue_order() sends. */
static const char *const pages[] = {
	"acme-access", "operator-acme", "error", "mail-certificate-issued",
	"mail-certificate-issued-html", "mail-certificate-revoked", NULL
};

static const struct handler	 acme = {
	"acme", NULL, 0, pages, "customer partner operator", NULL, 0, handle,
	worker_init
};

int
main(void)
{
	return server_run_with(&acme, respond);
}
