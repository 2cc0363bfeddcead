/*
 * JWS intake and verification for ACME: see jws.h.
 */
#include "config.h"

#include <string.h>

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>

#include "b64u.h"
#include "buf.h"
#include "json.h"
#include "jsonw.h"
#include "jws.h"
#include "log.h"

const char *const jws_alg_names[JWS_ALG__MAX] = {
	"RS256",	/* JWS_RS256 */
	"ES256",	/* JWS_ES256 */
	"ES384",	/* JWS_ES384 */
	"EdDSA",	/* JWS_EDDSA */
	"HS256",	/* JWS_HS256 */
};

const char *const jwserr_names[JWSERR__MAX] = {
	"none",		/* JWSERR_NONE */
	"malformed",	/* JWSERR_MALFORMED */
	"alg",		/* JWSERR_ALG */
	"key",		/* JWSERR_KEY */
	"signature",	/* JWSERR_SIGNATURE */
	"nomem",	/* JWSERR_NOMEM */
};

/* The protected header: small, flat but for the jwk. */
static const struct json_limits	 hdr_limits = { 16384, 3, 64, 8192 };

/* RSA moduli accepted for account keys, in bits. */
#define RSA_MIN_BITS	2048
#define RSA_MAX_BITS	8192

static void
jws_zero(struct jws *j)
{
	memset(j, 0, sizeof(*j));
	buf_init(&j->payload);
	buf_init(&j->sig);
}

/* Releases what the JWS holds; a zeroed or freed one is fine. */
void
jws_free(struct jws *j)
{
	json_free(j->root);
	json_free(j->hdr);
	buf_free(&j->payload);
	buf_free(&j->sig);
	jws_zero(j);
}

/*
 * Fills `j` from the JWS object `o` (RFC 7515 section 7.2.2, flattened)
 * under the rules of `mode`. `o` must outlive `j` (the strings point into
 * it). Returns JWSERR_NONE, or the first rule broken; `j` is then freed.
 */
enum jwserr
jws_from_json(struct jws *j, const struct json *o, enum jws_mode mode)
{
	static const char *const members[] = { "protected", "payload",
	    "signature", NULL };
	static const char *const secret[] = { "d", "p", "q", "dp", "dq",
	    "qi", "oth", "k", NULL };
	const struct json	*p, *pl, *sg, *v;
	struct buf		 hb;
	enum json_err		 je;
	enum jwserr		 rc = JWSERR_MALFORMED;
	const char		*alg;
	size_t			 i;

	jws_zero(j);
	buf_init(&hb);
	/*
	 * RFC 8555 6.2: no unprotected header, one signature, the payload
	 * attached: the three members, strings, and nothing else.
	 */
	if (o == NULL || o->type != JSON_OBJECT || !json_only(o, members))
		goto out;
	if ((p = json_get(o, "protected")) == NULL || p->type != JSON_STRING ||
	    (pl = json_get(o, "payload")) == NULL || pl->type != JSON_STRING ||
	    (sg = json_get(o, "signature")) == NULL || sg->type != JSON_STRING)
		goto out;
	if (p->len == 0 || sg->len == 0)
		goto out;
	j->prot64 = p->str;
	j->payload64 = pl->str;
	if (!b64u_decode(&hb, p->str, p->len) ||
	    !b64u_decode(&j->payload, pl->str, pl->len) ||
	    !b64u_decode(&j->sig, sg->str, sg->len))
		goto out;
	if ((j->hdr = json_parse(hb.s, hb.len, &hdr_limits, &je)) == NULL) {
		rc = je == JSON_ENOMEM ? JWSERR_NOMEM : JWSERR_MALFORMED;
		goto out;
	}
	if (j->hdr->type != JSON_OBJECT)
		goto out;

	/* RFC 7515 4.1.11: we understand no extension, so none may be critical. */
	if (json_get(j->hdr, "crit") != NULL)
		goto out;
	if ((alg = json_string(j->hdr, "alg")) == NULL)
		goto out;
	for (i = 0; i < JWS_ALG__MAX; i++)
		if (strcmp(alg, jws_alg_names[i]) == 0)
			break;
	rc = JWSERR_ALG;
	if (i == JWS_ALG__MAX)
		goto out;
	j->alg = i;
	/* 6.2: no "none", no MAC for requests; 7.3.4: a MAC for the EAB. */
	if ((mode == JWS_MODE_EAB) != (j->alg == JWS_HS256))
		goto out;
	rc = JWSERR_MALFORMED;

	if ((v = json_get(j->hdr, "nonce")) != NULL) {
		if (v->type != JSON_STRING)
			goto out;
		j->nonce = v->str;
	}
	if ((v = json_get(j->hdr, "kid")) != NULL) {
		if (v->type != JSON_STRING || v->len == 0)
			goto out;
		j->kid = v->str;
	}
	if ((v = json_get(j->hdr, "jwk")) != NULL) {
		if (v->type != JSON_OBJECT)
			goto out;
		/* A private key sent as the account key: refuse, not use. */
		for (i = 0; secret[i] != NULL; i++)
			if (json_get(v, secret[i]) != NULL)
				goto out;
		j->jwk = v;
	}
	if ((j->url = json_string(j->hdr, "url")) == NULL || j->url[0] == '\0')
		goto out;
	if (mode == JWS_MODE_ACME) {
		/* 6.2: either "jwk" or "kid", never both, never neither. */
		if ((j->jwk == NULL) == (j->kid == NULL))
			goto out;
	} else {
		/* 7.3.4: the key identifier, no jwk, no nonce. */
		if (j->kid == NULL || j->jwk != NULL || j->nonce != NULL)
			goto out;
	}
	rc = JWSERR_NONE;
out:
	buf_free(&hb);
	if (rc != JWSERR_NONE)
		jws_free(j);
	return rc;
}

/*
 * Parses a request body of `len` bytes as a JWS under `mode`: the JSON
 * within JSON_ACME_LIMITS, then jws_from_json(). Returns as that does.
 */
enum jwserr
jws_parse(struct jws *j, const void *body, size_t len, enum jws_mode mode)
{
	static const struct json_limits	 lim = JSON_ACME_LIMITS;
	struct json			*root;
	enum json_err			 je;
	enum jwserr			 rc;

	jws_zero(j);
	if ((root = json_parse(body, len, &lim, &je)) == NULL)
		return je == JSON_ENOMEM ? JWSERR_NOMEM : JWSERR_MALFORMED;
	if ((rc = jws_from_json(j, root, mode)) != JWSERR_NONE) {
		json_free(root);
		return rc;
	}
	j->root = root;
	return JWSERR_NONE;
}

/* The JWS signing input (RFC 7515 section 5.2): header "." payload. */
static int
signing_input(const struct jws *j, struct buf *b)
{
	return buf_adds(b, j->prot64) && buf_addc(b, '.') &&
	    buf_adds(b, j->payload64);
}

/*
 * The DER ECDSA-Sig-Value of a JWS ECDSA signature, R and S each `half`
 * bytes big-endian (RFC 7518 section 3.4). Returns its length, or 0.
 */
static int
ecdsa_der(const struct buf *sig, size_t half, unsigned char **der)
{
	ECDSA_SIG	*es = NULL;
	BIGNUM		*r = NULL, *s = NULL;
	int		 n = 0;

	*der = NULL;
	if (sig->len != 2 * half)
		return 0;
	if ((es = ECDSA_SIG_new()) == NULL ||
	    (r = BN_bin2bn((const unsigned char *)sig->s, half, NULL)) == NULL ||
	    (s = BN_bin2bn((const unsigned char *)sig->s + half, half,
	    NULL)) == NULL)
		goto out;
	if (!ECDSA_SIG_set0(es, r, s))
		goto out;
	r = s = NULL;
	if ((n = i2d_ECDSA_SIG(es, der)) <= 0) {
		*der = NULL;
		n = 0;
	}
out:
	BN_free(r);
	BN_free(s);
	ECDSA_SIG_free(es);
	return n;
}

/* Whether `alg` is the one the key `k` signs with (RFC 7518, RFC 8037). */
static int
alg_fits(enum jws_alg alg, EVP_PKEY *k)
{
	char	 group[64];

	switch (EVP_PKEY_get_base_id(k)) {
	case EVP_PKEY_RSA:
		return alg == JWS_RS256;
	case EVP_PKEY_EC:
		if (!EVP_PKEY_get_group_name(k, group, sizeof(group), NULL))
			return 0;
		if (alg == JWS_ES256)
			return strcmp(group, "prime256v1") == 0;
		if (alg == JWS_ES384)
			return strcmp(group, "secp384r1") == 0;
		return 0;
	case EVP_PKEY_ED25519:
		return alg == JWS_EDDSA;
	default:
		return 0;
	}
}

/*
 * Verifies the signature of `j` with the account key `k`. Returns
 * JWSERR_NONE when it verifies, JWSERR_ALG when the header's alg is not
 * the key's, JWSERR_SIGNATURE when it does not verify, JWSERR_NOMEM.
 */
enum jwserr
jws_verify(const struct jws *j, EVP_PKEY *k)
{
	EVP_MD_CTX		*ctx = NULL;
	const EVP_MD		*md = NULL;
	struct buf		 in;
	unsigned char		*der = NULL;
	const unsigned char	*sig;
	size_t			 siglen;
	enum jwserr		 rc = JWSERR_SIGNATURE;

	buf_init(&in);
	if (!alg_fits(j->alg, k))
		return JWSERR_ALG;
	if (!signing_input(j, &in)) {
		rc = JWSERR_NOMEM;
		goto out;
	}
	sig = (const unsigned char *)j->sig.s;
	siglen = j->sig.len;
	switch (j->alg) {
	case JWS_RS256:
		md = EVP_sha256();
		if (siglen != (size_t)EVP_PKEY_get_size(k))
			goto out;
		break;
	case JWS_ES256:
	case JWS_ES384:
		md = j->alg == JWS_ES256 ? EVP_sha256() : EVP_sha384();
		siglen = ecdsa_der(&j->sig, j->alg == JWS_ES256 ? 32 : 48,
		    &der);
		if (siglen == 0)
			goto out;
		sig = der;
		break;
	case JWS_EDDSA:
		if (siglen != 64)
			goto out;
		break;
	default:
		rc = JWSERR_ALG;
		goto out;
	}
	if ((ctx = EVP_MD_CTX_new()) == NULL) {
		rc = JWSERR_NOMEM;
		goto out;
	}
	if (EVP_DigestVerifyInit(ctx, NULL, md, NULL, k) != 1)
		goto out;
	if (EVP_DigestVerify(ctx, sig, siglen, (const unsigned char *)in.s,
	    in.len) == 1)
		rc = JWSERR_NONE;
out:
	ERR_clear_error();
	EVP_MD_CTX_free(ctx);
	OPENSSL_free(der);
	buf_free(&in);
	return rc;
}

/*
 * Verifies the HS256 MAC of `j` with the `len`-byte key `key`, in
 * constant time. Returns JWSERR_NONE, JWSERR_ALG, JWSERR_SIGNATURE or
 * JWSERR_NOMEM.
 */
enum jwserr
jws_verify_hmac(const struct jws *j, const void *key, size_t len)
{
	unsigned char	 mac[EVP_MAX_MD_SIZE];
	size_t		 maclen = 0;
	struct buf	 in;
	enum jwserr	 rc = JWSERR_SIGNATURE;

	if (j->alg != JWS_HS256)
		return JWSERR_ALG;
	/* RFC 7518 3.2: a key at least as long as the hash. */
	if (len < 32)
		return JWSERR_SIGNATURE;
	buf_init(&in);
	if (!signing_input(j, &in)) {
		rc = JWSERR_NOMEM;
		goto out;
	}
	if (EVP_Q_mac(NULL, "HMAC", NULL, "SHA256", NULL, key, len,
	    (const unsigned char *)in.s, in.len, mac, sizeof(mac),
	    &maclen) == NULL) {
		log_ssl("EVP_Q_mac");
		rc = JWSERR_NOMEM;
		goto out;
	}
	if (maclen == 32 && j->sig.len == 32 &&
	    CRYPTO_memcmp(mac, j->sig.s, 32) == 0)
		rc = JWSERR_NONE;
out:
	OPENSSL_cleanse(mac, sizeof(mac));
	buf_free(&in);
	return rc;
}

/*
 * Decodes the base64url member `name` of `jwk` into `b`, which must then
 * hold between `min` and `max` bytes. Returns 1 or 0.
 */
static int
member(const struct json *jwk, const char *name, struct buf *b, size_t min,
    size_t max)
{
	const struct json	*v;

	if ((v = json_get(jwk, name)) == NULL || v->type != JSON_STRING)
		return 0;
	if (b64u_decoded_len(v->len) > max)
		return 0;
	if (!b64u_decode(b, v->str, v->len))
		return 0;
	return b->len >= min && b->len <= max;
}

static enum jwserr
rsa_key(const struct json *jwk, EVP_PKEY **out)
{
	struct buf	 n, e;
	OSSL_PARAM_BLD	*bld = NULL;
	OSSL_PARAM	*params = NULL;
	EVP_PKEY_CTX	*ctx = NULL;
	BIGNUM		*bn = NULL, *be = NULL;
	enum jwserr	 rc = JWSERR_KEY;

	buf_init(&n);
	buf_init(&e);
	if (!member(jwk, "n", &n, RSA_MIN_BITS / 8, RSA_MAX_BITS / 8) ||
	    !member(jwk, "e", &e, 1, 8))
		goto out;
	/*
	 * RFC 7518 6.3.1: the minimal big-endian form, so one key has one
	 * thumbprint; an odd public exponent of at least 3.
	 */
	if (n.s[0] == 0 || e.s[0] == 0 || (e.s[e.len - 1] & 1) == 0 ||
	    (e.len == 1 && (unsigned char)e.s[0] < 3))
		goto out;
	if ((unsigned char)n.s[0] < 0x80 && n.len == RSA_MIN_BITS / 8)
		goto out;	/* fewer than 2048 bits */
	rc = JWSERR_NOMEM;
	if ((bn = BN_bin2bn((unsigned char *)n.s, n.len, NULL)) == NULL ||
	    (be = BN_bin2bn((unsigned char *)e.s, e.len, NULL)) == NULL ||
	    (bld = OSSL_PARAM_BLD_new()) == NULL ||
	    !OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_N, bn) ||
	    !OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_E, be) ||
	    (params = OSSL_PARAM_BLD_to_param(bld)) == NULL ||
	    (ctx = EVP_PKEY_CTX_new_from_name(NULL, "RSA", NULL)) == NULL)
		goto out;
	rc = JWSERR_KEY;
	if (EVP_PKEY_fromdata_init(ctx) != 1 ||
	    EVP_PKEY_fromdata(ctx, out, EVP_PKEY_PUBLIC_KEY, params) != 1)
		goto out;
	rc = JWSERR_NONE;
out:
	ERR_clear_error();
	EVP_PKEY_CTX_free(ctx);
	OSSL_PARAM_free(params);
	OSSL_PARAM_BLD_free(bld);
	BN_free(bn);
	BN_free(be);
	buf_free(&n);
	buf_free(&e);
	return rc;
}

static enum jwserr
ec_key(const struct json *jwk, EVP_PKEY **out)
{
	struct buf	 x, y, pub;
	OSSL_PARAM_BLD	*bld = NULL;
	OSSL_PARAM	*params = NULL;
	EVP_PKEY_CTX	*ctx = NULL, *chk = NULL;
	const char	*crv, *group;
	size_t		 half;
	enum jwserr	 rc = JWSERR_KEY;

	buf_init(&x);
	buf_init(&y);
	buf_init(&pub);
	if ((crv = json_string(jwk, "crv")) == NULL)
		goto out;
	if (strcmp(crv, "P-256") == 0) {
		group = "prime256v1";
		half = 32;
	} else if (strcmp(crv, "P-384") == 0) {
		group = "secp384r1";
		half = 48;
	} else
		goto out;
	/* RFC 7518 6.2.1.2: each coordinate the full size of the field. */
	if (!member(jwk, "x", &x, half, half) ||
	    !member(jwk, "y", &y, half, half))
		goto out;
	rc = JWSERR_NOMEM;
	if (!buf_addc(&pub, 0x04) || !buf_add(&pub, x.s, x.len) ||
	    !buf_add(&pub, y.s, y.len))
		goto out;
	if ((bld = OSSL_PARAM_BLD_new()) == NULL ||
	    !OSSL_PARAM_BLD_push_utf8_string(bld, OSSL_PKEY_PARAM_GROUP_NAME,
	    group, 0) ||
	    !OSSL_PARAM_BLD_push_octet_string(bld, OSSL_PKEY_PARAM_PUB_KEY,
	    pub.s, pub.len) ||
	    (params = OSSL_PARAM_BLD_to_param(bld)) == NULL ||
	    (ctx = EVP_PKEY_CTX_new_from_name(NULL, "EC", NULL)) == NULL)
		goto out;
	rc = JWSERR_KEY;
	if (EVP_PKEY_fromdata_init(ctx) != 1 ||
	    EVP_PKEY_fromdata(ctx, out, EVP_PKEY_PUBLIC_KEY, params) != 1)
		goto out;
	/* The point on the curve, not at infinity, of the right order. */
	if ((chk = EVP_PKEY_CTX_new_from_pkey(NULL, *out, NULL)) == NULL ||
	    EVP_PKEY_public_check(chk) != 1) {
		EVP_PKEY_free(*out);
		*out = NULL;
		goto out;
	}
	rc = JWSERR_NONE;
out:
	ERR_clear_error();
	EVP_PKEY_CTX_free(chk);
	EVP_PKEY_CTX_free(ctx);
	OSSL_PARAM_free(params);
	OSSL_PARAM_BLD_free(bld);
	buf_free(&x);
	buf_free(&y);
	buf_free(&pub);
	return rc;
}

static enum jwserr
okp_key(const struct json *jwk, EVP_PKEY **out)
{
	struct buf	 x;
	const char	*crv;
	enum jwserr	 rc = JWSERR_KEY;

	buf_init(&x);
	/* RFC 8037: Ed25519 only (Ed448 and the X curves sign nothing here). */
	if ((crv = json_string(jwk, "crv")) == NULL ||
	    strcmp(crv, "Ed25519") != 0 || !member(jwk, "x", &x, 32, 32))
		goto out;
	if ((*out = EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, NULL,
	    (unsigned char *)x.s, x.len)) == NULL)
		goto out;
	rc = JWSERR_NONE;
out:
	ERR_clear_error();
	buf_free(&x);
	return rc;
}

/*
 * The public key of the JWK `jwk` into *out (the caller frees it with
 * EVP_PKEY_free()). Returns JWSERR_NONE, JWSERR_KEY for anything but an
 * RSA key of 2048 to 8192 bits, a valid P-256 or P-384 point or an
 * Ed25519 key, or JWSERR_NOMEM.
 */
enum jwserr
jwk_parse(const struct json *jwk, EVP_PKEY **out)
{
	const char	*kty;

	*out = NULL;
	if (jwk == NULL || jwk->type != JSON_OBJECT ||
	    (kty = json_string(jwk, "kty")) == NULL)
		return JWSERR_KEY;
	if (json_get(jwk, "d") != NULL)
		return JWSERR_KEY;
	if (strcmp(kty, "RSA") == 0)
		return rsa_key(jwk, out);
	if (strcmp(kty, "EC") == 0)
		return ec_key(jwk, out);
	if (strcmp(kty, "OKP") == 0)
		return okp_key(jwk, out);
	return JWSERR_KEY;
}

/*
 * Appends the JWK thumbprint of `jwk` (RFC 7638: SHA-256 over the
 * required members in lexicographic order, no white space) to `out` in
 * base64url. Returns 1, or 0 when the JWK lacks a required member or
 * memory runs out.
 */
int
jwk_thumbprint(const struct json *jwk, struct buf *out)
{
	static const char *const rsa[] = { "e", "kty", "n", NULL };
	static const char *const ec[] = { "crv", "kty", "x", "y", NULL };
	static const char *const okp[] = { "crv", "kty", "x", NULL };
	const char *const	*names;
	const char		*kty, *v;
	unsigned char		 md[32];
	struct buf		 b;
	struct jsonw		 w;
	size_t			 i;
	int			 rc = 0;

	buf_init(&b);
	if ((kty = json_string(jwk, "kty")) == NULL)
		return 0;
	if (strcmp(kty, "RSA") == 0)
		names = rsa;
	else if (strcmp(kty, "EC") == 0)
		names = ec;
	else if (strcmp(kty, "OKP") == 0)
		names = okp;
	else
		return 0;
	jsonw_init(&w, &b);
	jsonw_open(&w, NULL, '{');
	for (i = 0; names[i] != NULL; i++) {
		if ((v = json_string(jwk, names[i])) == NULL)
			goto out;
		jsonw_str(&w, names[i], v);
	}
	jsonw_close(&w);
	if (!jsonw_done(&w))
		goto out;
	if (EVP_Digest(b.s, b.len, md, NULL, EVP_sha256(), NULL) != 1) {
		log_ssl("EVP_Digest");
		goto out;
	}
	rc = b64u_encode(out, md, sizeof(md));
out:
	buf_free(&b);
	return rc;
}

/* Whether two JWKs are the same key: equal RFC 7638 thumbprints. */
int
jwk_equal(const struct json *a, const struct json *b)
{
	struct buf	 ta, tb;
	int		 eq;

	buf_init(&ta);
	buf_init(&tb);
	eq = jwk_thumbprint(a, &ta) && jwk_thumbprint(b, &tb) &&
	    ta.len == tb.len && memcmp(ta.s, tb.s, ta.len) == 0;
	buf_free(&ta);
	buf_free(&tb);
	return eq;
}
