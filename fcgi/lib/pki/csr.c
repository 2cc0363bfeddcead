/*
 * Certificate signing requests: intake and key checks. See csr.h.
 *
 * Everything here reads outside input. The input is not NUL-terminated
 * and is never read past its length; it is only scanned for PEM armor
 * (and private keys) before its size is checked against CSR_MAX_BYTES,
 * and OpenSSL's DER decoders only see bytes we decoded and counted.
 * Every function leaves OpenSSL's error queue empty, so that one
 * request's errors never show up in the log of the next.
 *
 * References: CA/Browser Forum S/MIME Baseline Requirements ("SBR",
 * section numbers of v1.0.10), RFC 2986 (PKCS #10), RFC 7468 (PEM
 * armor), RFC 5480 (EC keys), RFC 8410 (EdDSA keys), and Let's Encrypt
 * Boulder's goodkey package, the design the key checks follow.
 */
#include "config.h"

#include <sys/types.h>

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/pkcs12.h>
#include <openssl/pkcs7.h>
#include <openssl/x509.h>

#include "csr.h"
#include "hex.h"
#include "keys.h"
#include "log.h"

const char *const csrerr_names[CSR__MAX] = {
	"ok",			/* CSR_OK */
	"empty",		/* CSR_EMPTY */
	"too-big",		/* CSR_TOOBIG */
	"not-csr-certificate",	/* CSR_NOT_CSR_CERTIFICATE */
	"not-csr-private-key",	/* CSR_NOT_CSR_PRIVATE_KEY */
	"not-csr-pkcs7",	/* CSR_NOT_CSR_PKCS7 */
	"not-csr",		/* CSR_NOT_CSR */
	"encoding",		/* CSR_ENCODING */
	"signature",		/* CSR_SIGNATURE */
	"key-type",		/* CSR_KEY_TYPE */
	"rsa-size",		/* CSR_RSA_SIZE */
	"rsa-mod8",		/* CSR_RSA_MOD8 */
	"rsa-exponent",		/* CSR_RSA_EXPONENT */
	"rsa-small-factor",	/* CSR_RSA_SMALL_FACTOR */
	"weak-debian",		/* CSR_WEAK_DEBIAN */
	"weak-roca",		/* CSR_WEAK_ROCA */
	"weak-fermat",		/* CSR_WEAK_FERMAT */
	"ec-curve",		/* CSR_EC_CURVE */
	"ec-point",		/* CSR_EC_POINT */
	"ec-explicit",		/* CSR_EC_EXPLICIT */
	"key-blocked",		/* CSR_KEY_BLOCKED */
	"key-used",		/* CSR_KEY_USED */
	"internal",		/* CSR_INTERNAL */
};

/* What a PEM block's label says it holds. */
enum pemkind {
	PEM_CSR,	/* CERTIFICATE REQUEST, NEW CERTIFICATE REQUEST */
	PEM_CERT,	/* CERTIFICATE, X509 CERTIFICATE, TRUSTED CERTIFICATE */
	PEM_PKCS7,	/* PKCS7, PKCS #7 SIGNED DATA, CMS */
	PEM_KEY,	/* any label with PRIVATE KEY in it */
	PEM_OTHER,	/* PUBLIC KEY, X509 CRL, anything else */
	PEM__MAX
};

/* What pem_scan() found in the input. */
struct pemscan {
	size_t		 count[PEM__MAX];	/* blocks by kind, broken too */
	const char	*body;		/* the first CSR block's body */
	size_t		 bodysz;
	int		 unterminated;	/* the first CSR block has no END */
};


/* Frees what a struct csr holds and zeroes it; it may be zeroed already. */
void
csr_free(struct csr *c)
{

	if (c == NULL)
		return;
	X509_REQ_free(c->req);
	free(c->der);
	memset(c, 0, sizeof(*c));
}

static int
is_space(int c)
{

	return c == ' ' || c == '\t' || c == '\r' || c == '\n' ||
	    c == '\v' || c == '\f';
}

/* Case-insensitive memmem() for a NUL-terminated needle. */
static const char *
find_nocase(const char *s, size_t n, const char *needle)
{
	size_t	 len = strlen(needle), i;

	for (i = 0; len <= n && i <= n - len; i++)
		if (strncasecmp(s + i, needle, len) == 0)
			return s + i;
	return NULL;
}

static enum pemkind
pem_kind(const char *label, size_t n)
{
	static const struct {
		const char	*label;
		enum pemkind	 kind;
	} kinds[] = {
		{ "CERTIFICATE REQUEST", PEM_CSR },
		{ "NEW CERTIFICATE REQUEST", PEM_CSR },
		{ "CERTIFICATE", PEM_CERT },
		{ "X509 CERTIFICATE", PEM_CERT },
		{ "TRUSTED CERTIFICATE", PEM_CERT },
		{ "PKCS7", PEM_PKCS7 },
		{ "PKCS #7 SIGNED DATA", PEM_PKCS7 },
		{ "CMS", PEM_PKCS7 },
	};
	size_t	 i;

	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (strlen(kinds[i].label) == n &&
		    strncasecmp(kinds[i].label, label, n) == 0)
			return kinds[i].kind;
	/* RSA, EC, DSA, ENCRYPTED, OPENSSH, ANY, PGP … PRIVATE KEY */
	if (find_nocase(label, n, "PRIVATE KEY") != NULL)
		return PEM_KEY;
	return PEM_OTHER;
}

/*
 * Finds the PEM blocks of the input (RFC 7468 2): "-----BEGIN label-----"
 * anywhere, text before and after allowed, and the body up to
 * "-----END label-----". A block whose END is missing before the next
 * BEGIN (or the end of the input) is counted, but has no body. Nothing
 * is decoded here. Reads at most len bytes of `in`.
 */
static void
pem_scan(const char *in, size_t len, struct pemscan *ps)
{
	static const char	 begin[] = "-----BEGIN ";
	const char		*p = in, *end = in + len, *b, *label, *le;
	const char		*body, *next, *e;
	char			 endline[96];
	size_t			 labelsz, i, endlen;
	enum pemkind		 k;

	memset(ps, 0, sizeof(*ps));
	while (p < end &&
	    (b = memmem(p, end - p, begin, sizeof(begin) - 1)) != NULL) {
		label = b + sizeof(begin) - 1;
		if ((le = memmem(label, end - label, "-----", 5)) == NULL)
			break;
		labelsz = le - label;
		for (i = 0; i < labelsz; i++)
			if ((unsigned char)label[i] < 0x20 ||
			    (unsigned char)label[i] > 0x7e)
				break;
		if (labelsz == 0 || labelsz > 64 || i < labelsz) {
			/* Not a label on the BEGIN line: look further. */
			p = label;
			continue;
		}
		k = pem_kind(label, labelsz);
		ps->count[k]++;
		body = le + 5;
		endlen = (size_t)snprintf(endline, sizeof(endline),
		    "-----END %.*s-----", (int)labelsz, label);
		next = memmem(body, end - body, begin, sizeof(begin) - 1);
		if (next == NULL)
			next = end;
		e = memmem(body, next - body, endline, endlen);
		if (k == PEM_CSR && ps->count[PEM_CSR] == 1) {
			if (e == NULL)
				ps->unterminated = 1;
			else {
				ps->body = body;
				ps->bodysz = e - body;
			}
		}
		p = e == NULL ? next : e + endlen;
	}
}

/*
 * Private keys in the formats that have no RFC 7468 armor: PuTTY's .ppk
 * and the ssh.com (SECSH, RFC 4716 style) private key file.
 */
static int
key_marker(const char *in, size_t len)
{

	return memmem(in, len, "PuTTY-User-Key-File-", 20) != NULL ||
	    memmem(in, len, "BEGIN SSH2 ENCRYPTED PRIVATE KEY", 32) != NULL;
}

static int
b64val(int c)
{

	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+')
		return 62;
	if (c == '/')
		return 63;
	return -1;
}

/*
 * Decodes the base64 body of a PEM block (RFC 7468 2, 3): white space
 * allowed anywhere (LF, CRLF, one long line, trailing blanks), padding
 * only at the end, no headers. Returns the bytes in a new buffer the
 * caller frees, their count in *outsz; or NULL when the body is not
 * base64 (*oom = 0) or memory ran out (*oom = 1).
 */
static unsigned char *
b64_decode(const char *s, size_t n, size_t *outsz, int *oom)
{
	unsigned char	*out = NULL;
	unsigned int	 acc = 0;
	size_t		 i, o = 0, chars = 0, pad = 0, bits = 0;
	int		 v;

	*oom = 0;
	if ((out = malloc(n / 4 * 3 + 3)) == NULL) {
		*oom = 1;
		return NULL;
	}
	for (i = 0; i < n; i++) {
		if (is_space((unsigned char)s[i]))
			continue;
		if (s[i] == '=') {
			if (++pad > 2)
				goto fail;
			continue;
		}
		if (pad > 0 || (v = b64val((unsigned char)s[i])) < 0)
			goto fail;
		acc = (acc << 6 | (unsigned int)v) & 0x3fff;
		bits += 6;
		chars++;
		if (bits >= 8) {
			bits -= 8;
			out[o++] = (unsigned char)(acc >> bits);
		}
	}
	if (chars == 0 || (chars + pad) % 4 != 0)
		goto fail;
	*outsz = o;
	return out;
fail:
	free(out);
	return NULL;
}

/*
 * Names what a DER blob that is not a CSR is: a certificate, a PKCS #7
 * or a private key (PKCS #8 plain or encrypted, PKCS #12, or a
 * traditional RSA, EC or DSA key; sets *pk). Returns the error to give,
 * CSR_ENCODING when it is none of these.
 */
static enum csrerr
der_sniff(const unsigned char *d, size_t n, int *pk)
{
	const unsigned char	*p;
	X509			*x;
	PKCS7			*p7;
	PKCS8_PRIV_KEY_INFO	*p8;
	X509_SIG		*sig;
	PKCS12			*p12;
	EVP_PKEY		*key;

	p = d;
	if ((x = d2i_X509(NULL, &p, (long)n)) != NULL) {
		X509_free(x);
		return CSR_NOT_CSR_CERTIFICATE;
	}
	p = d;
	if ((p7 = d2i_PKCS7(NULL, &p, (long)n)) != NULL) {
		PKCS7_free(p7);
		return CSR_NOT_CSR_PKCS7;
	}
	p = d;
	if ((p8 = d2i_PKCS8_PRIV_KEY_INFO(NULL, &p, (long)n)) != NULL) {
		PKCS8_PRIV_KEY_INFO_free(p8);
		*pk = 1;
		return CSR_NOT_CSR_PRIVATE_KEY;
	}
	p = d;
	if ((p12 = d2i_PKCS12(NULL, &p, (long)n)) != NULL) {
		PKCS12_free(p12);
		*pk = 1;
		return CSR_NOT_CSR_PRIVATE_KEY;
	}
	p = d;
	if ((sig = d2i_X509_SIG(NULL, &p, (long)n)) != NULL) {
		/* EncryptedPrivateKeyInfo (RFC 5958 3) has this shape. */
		X509_SIG_free(sig);
		*pk = 1;
		return CSR_NOT_CSR_PRIVATE_KEY;
	}
	p = d;
	if ((key = d2i_AutoPrivateKey(NULL, &p, (long)n)) != NULL) {
		EVP_PKEY_free(key);
		*pk = 1;
		return CSR_NOT_CSR_PRIVATE_KEY;
	}
	return CSR_ENCODING;
}

/*
 * The key's algorithm and parameters as the request encodes them in
 * SubjectPublicKeyInfo.algorithm, nothing decoded yet: rsaEncryption;
 * id-ecPublicKey with a namedCurve of P-256, P-384 or P-521 (SBR 6.1.5,
 * 7.1.3.1.2; RFC 5480 2.1.1: implicitCurve and specifiedCurve MUST NOT
 * be used); Ed25519 or Ed448 (SBR 6.1.5, RFC 8410). An id-RSASSA-PSS
 * key is refused: SBR 7.1.3.1.1 wants rsaEncryption, and the CA must
 * not re-encode the key it was given. DSA, X25519, X448 and the rest:
 * CSR_KEY_TYPE. Sets *nid to the algorithm's NID.
 */
static enum csrerr
key_alg(const X509_PUBKEY *xpk, int *nid)
{
	ASN1_OBJECT	*obj;
	X509_ALGOR	*alg;
	const void	*pval;
	int		 ptype;

	*nid = NID_undef;
	if (!X509_PUBKEY_get0_param(&obj, NULL, NULL, &alg, xpk))
		return CSR_ENCODING;
	switch ((*nid = OBJ_obj2nid(obj))) {
	case NID_rsaEncryption:
	case NID_ED25519:
	case NID_ED448:
		return CSR_OK;
	case NID_X9_62_id_ecPublicKey:
		break;
	default:
		return CSR_KEY_TYPE;
	}
	X509_ALGOR_get0(NULL, &ptype, &pval, alg);
	if (ptype != V_ASN1_OBJECT)
		return CSR_EC_EXPLICIT;
	switch (OBJ_obj2nid(pval)) {
	case NID_X9_62_prime256v1:
	case NID_secp384r1:
	case NID_secp521r1:
		return CSR_OK;
	default:
		return CSR_EC_CURVE;
	}
}

/* The modulus and exponent of an RSA key, each freed by the caller. */
static int
rsa_get(const EVP_PKEY *pkey, BIGNUM **n, BIGNUM **e)
{

	*n = *e = NULL;
	if (!EVP_PKEY_get_bn_param(pkey, OSSL_PKEY_PARAM_RSA_N, n) ||
	    !EVP_PKEY_get_bn_param(pkey, OSSL_PKEY_PARAM_RSA_E, e)) {
		log_ssl("EVP_PKEY_get_bn_param");
		BN_free(*n);
		BN_free(*e);
		*n = *e = NULL;
		return 0;
	}
	return 1;
}

/*
 * The size and exponent rules of an RSA key. SBR 6.1.5: a modulus of
 * 2048 bits at least (and at most CSR_RSA_MAX_BITS, product policy),
 * its size in bits divisible by 8. SBR 6.1.6: the exponent odd and 3
 * or more, and SHOULD be from 2^16+1 to 2^256-1; product policy makes
 * that a SHALL. An odd number of 17 to 256 bits is exactly that range.
 */
static enum csrerr
rsa_shape(const BIGNUM *n, const BIGNUM *e)
{
	int	 bits = BN_num_bits(n);

	if (bits < CSR_RSA_MIN_BITS || bits > CSR_RSA_MAX_BITS)
		return CSR_RSA_SIZE;
	if (bits % 8 != 0)
		return CSR_RSA_MOD8;
	if (!BN_is_odd(e) || BN_num_bits(e) < 17 || BN_num_bits(e) > 256)
		return CSR_RSA_EXPONENT;
	return CSR_OK;
}

/*
 * EC public key validation (SBR 6.1.6; NIST SP 800-56A rev. 3
 * 5.6.2.3.3: not the point at infinity, coordinates in range, on the
 * curve, n * Q = O), which EVP_PKEY_public_check() does in full.
 */
static enum csrerr
ec_point(EVP_PKEY *pkey)
{
	EVP_PKEY_CTX	*pctx;
	enum csrerr	 rc;

	if ((pctx = EVP_PKEY_CTX_new_from_pkey(NULL, pkey, NULL)) == NULL) {
		log_ssl("EVP_PKEY_CTX_new_from_pkey");
		return CSR_INTERNAL;
	}
	rc = EVP_PKEY_public_check(pctx) == 1 ? CSR_OK : CSR_EC_POINT;
	EVP_PKEY_CTX_free(pctx);
	return rc;
}

/*
 * The rules about what the key is, rather than how it was made:
 * algorithm, curve and encoding (key_alg), RSA sizes and exponent
 * (rsa_shape), EC point validation (ec_point). Used by csr_check_key()
 * and, to name the real problem when the signature does not verify, by
 * csr_parse(): a key that breaks one of these rules cannot make a
 * signature that verifies, or is refused anyway.
 */
static enum csrerr
key_policy(X509_REQ *req)
{
	EVP_PKEY	*pkey;
	BIGNUM		*n = NULL, *e = NULL;
	enum csrerr	 rc;
	int		 nid;

	if ((rc = key_alg(X509_REQ_get_X509_PUBKEY(req), &nid)) != CSR_OK)
		goto out;
	if ((pkey = X509_REQ_get0_pubkey(req)) == NULL) {
		/*
		 * A named curve we take whose point does not decode is
		 * not on the curve; anything else is a broken encoding.
		 */
		rc = nid == NID_X9_62_id_ecPublicKey ? CSR_EC_POINT :
		    CSR_ENCODING;
		goto out;
	}
	if (nid == NID_rsaEncryption) {
		if (!rsa_get(pkey, &n, &e)) {
			rc = CSR_INTERNAL;
			goto out;
		}
		rc = rsa_shape(n, e);
	} else if (nid == NID_X9_62_id_ecPublicKey)
		rc = ec_point(pkey);
out:
	BN_free(n);
	BN_free(e);
	return rc;
}


/* SHA-256 of the DER SubjectPublicKeyInfo into md. Returns 1, or 0. */
static int
spki_hash(const X509_PUBKEY *xpk, unsigned char md[KEYS_SPKI_HASH])
{
	unsigned char	*der = NULL;
	int		 len, rc = 0;

	if ((len = i2d_X509_PUBKEY(xpk, &der)) <= 0) {
		log_ssl("i2d_X509_PUBKEY");
		goto out;
	}
	if (!EVP_Digest(der, (size_t)len, md, NULL, EVP_sha256(), NULL)) {
		log_ssl("SHA-256");
		goto out;
	}
	rc = 1;
out:
	OPENSSL_free(der);
	return rc;
}

/*
 * Describes the request's key in k for pages, logs and the caller's
 * own checks. Returns 1, or 0 when memory ran out (logged).
 */
static int
key_describe(X509_REQ *req, EVP_PKEY *pkey, struct csr_key *k)
{
	char		 group[64];
	const char	*name;
	size_t		 glen;
	int		 nid;

	memset(k, 0, sizeof(*k));
	k->type = EVP_PKEY_get_base_id(pkey);
	k->bits = EVP_PKEY_get_bits(pkey);
	if (!spki_hash(X509_REQ_get_X509_PUBKEY(req), k->spki_sha256))
		return 0;
	switch (k->type) {
	case EVP_PKEY_RSA:
		snprintf(k->desc, sizeof(k->desc), "RSA %d", k->bits);
		break;
	case EVP_PKEY_RSA_PSS:
		snprintf(k->desc, sizeof(k->desc), "RSA-PSS %d", k->bits);
		break;
	case EVP_PKEY_DSA:
		snprintf(k->desc, sizeof(k->desc), "DSA %d", k->bits);
		break;
	case EVP_PKEY_EC:
		if (EVP_PKEY_get_utf8_string_param(pkey,
		    OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof(group), &glen) &&
		    (nid = OBJ_txt2nid(group)) != NID_undef) {
			name = EC_curve_nid2nist(nid);
			snprintf(k->curve, sizeof(k->curve), "%.*s",
			    (int)sizeof(k->curve) - 1,
			    name != NULL ? name : group);
		} else
			snprintf(k->curve, sizeof(k->curve), "explicit");
		ERR_clear_error();
		snprintf(k->desc, sizeof(k->desc), "EC %s", k->curve);
		break;
	case EVP_PKEY_ED25519:
		snprintf(k->desc, sizeof(k->desc), "Ed25519");
		k->signing_only = 1;
		break;
	case EVP_PKEY_ED448:
		snprintf(k->desc, sizeof(k->desc), "Ed448");
		k->signing_only = 1;
		break;
	default:
		name = OBJ_nid2sn(k->type);
		snprintf(k->desc, sizeof(k->desc), "%s",
		    name != NULL ? name : "unknown");
		break;
	}
	return 1;
}

/*
 * Decodes one DER request, all of d and nothing more, and with `verify`
 * checks its self-signature (RFC 2986 3: proof of possession). On
 * success fills out->req and out->key. A blob that is not a request is
 * named by der_sniff(). When the signature does not verify and the key
 * breaks a rule anyway, that rule's error is returned: it is the one
 * the customer must fix (an X25519 key, say, cannot sign at all).
 */
static enum csrerr
der_parse(const unsigned char *d, size_t n, struct csr *out, int *pk,
    int verify)
{
	const unsigned char	*p = d;
	X509_REQ		*req = NULL;
	EVP_PKEY		*pkey;
	enum csrerr		 rc;

	if ((req = d2i_X509_REQ(NULL, &p, (long)n)) == NULL) {
		rc = der_sniff(d, n, pk);
		goto out;
	}
	if (p != d + n ||
	    X509_REQ_get_version(req) != X509_REQ_VERSION_1) {
		rc = CSR_ENCODING;
		goto out;
	}
	if ((pkey = X509_REQ_get0_pubkey(req)) == NULL) {
		rc = key_policy(req);
		if (rc == CSR_OK)
			rc = CSR_ENCODING;
		goto out;
	}
	if (!key_describe(req, pkey, &out->key)) {
		rc = CSR_INTERNAL;
		goto out;
	}
	if (verify && X509_REQ_verify(req, pkey) != 1) {
		if ((rc = key_policy(req)) == CSR_OK)
			rc = CSR_SIGNATURE;
		goto out;
	}
	out->req = req;
	req = NULL;
	rc = CSR_OK;
out:
	X509_REQ_free(req);
	return rc;
}

/*
 * Reads the request a customer pasted or uploaded: in, len bytes, not
 * NUL-terminated. Takes PEM (LF or CRLF, "CERTIFICATE REQUEST" or "NEW
 * CERTIFICATE REQUEST" armor, white space and text around it, the body
 * on one line or many) and raw DER. Names the wrong objects people send
 * instead (a certificate, a PKCS #7, a private key of any kind) and
 * verifies the self-signature.
 *
 * *private_key_seen is set to 1 when the input holds a private key
 * anywhere (a PRIVATE KEY block, even broken, next to a valid request;
 * a PuTTY or ssh.com key; a DER PKCS #8, PKCS #12 or traditional key),
 * else to 0. The caller must then refuse the request whatever the
 * return value, and tell the customer the key is exposed.
 *
 * Returns CSR_OK with *out filled: the caller frees it with csr_free().
 * Otherwise *out is zeroed (csr_free() on it is harmless) and the
 * return value says why: a customer error, or CSR_INTERNAL when memory
 * ran out (logged). out->key is filled here, since csr_check_key() may
 * not change the request.
 */
enum csrerr
csr_parse(const char *in, size_t len, struct csr *out,
    int *private_key_seen)
{
	struct pemscan	 ps;
	unsigned char	*der = NULL;
	size_t		 dersz = 0, i;
	int		 pk = 0, oom;
	enum csrerr	 rc;

	memset(out, 0, sizeof(*out));
	ERR_clear_error();
	if (in == NULL || len == 0) {
		rc = CSR_EMPTY;
		goto out;
	}
	/* The key warning matters even when the input is refused. */
	pem_scan(in, len, &ps);
	if (ps.count[PEM_KEY] > 0 || key_marker(in, len))
		pk = 1;
	if (len > CSR_MAX_BYTES) {
		rc = CSR_TOOBIG;
		goto out;
	}
	for (i = 0; i < len && is_space((unsigned char)in[i]); i++)
		continue;
	if (i == len) {
		rc = CSR_EMPTY;
		goto out;
	}
	if (ps.count[PEM_CSR] > 1) {
		/* Which one to certify is not ours to guess. */
		rc = CSR_NOT_CSR;
		goto out;
	}
	if (ps.count[PEM_CSR] == 1) {
		if (ps.unterminated) {
			rc = CSR_ENCODING;
			goto out;
		}
		if ((der = b64_decode(ps.body, ps.bodysz, &dersz,
		    &oom)) == NULL) {
			if (oom)
				log_warn("b64_decode");
			rc = oom ? CSR_INTERNAL : CSR_ENCODING;
			goto out;
		}
	} else if ((unsigned char)in[0] == 0x30) {
		/* DER: a SEQUENCE, 0x30; of text, only "0…" starts so. */
		if ((der = malloc(len)) == NULL) {
			log_warn("malloc");
			rc = CSR_INTERNAL;
			goto out;
		}
		memcpy(der, in, len);
		dersz = len;
	} else {
		if (pk)
			rc = CSR_NOT_CSR_PRIVATE_KEY;
		else if (ps.count[PEM_CERT] > 0)
			rc = CSR_NOT_CSR_CERTIFICATE;
		else if (ps.count[PEM_PKCS7] > 0)
			rc = CSR_NOT_CSR_PKCS7;
		else
			rc = CSR_NOT_CSR;
		goto out;
	}
	if ((rc = der_parse(der, dersz, out, &pk, 1)) != CSR_OK)
		goto out;
	out->der = der;
	out->derlen = dersz;
	der = NULL;
out:
	free(der);
	if (rc != CSR_OK)
		csr_free(out);
	if (private_key_seen != NULL)
		*private_key_seen = pk;
	ERR_clear_error();
	return rc;
}

/*
 * Reads a request that csr_parse() accepted before and that was kept as
 * DER (`der`, `len`), without checking its self-signature again: the
 * caller does that with csr_verify(), on another thread if it likes,
 * before anything is signed for it. Returns as csr_parse().
 */
enum csrerr
csr_parse_kept(const void *der, size_t len, struct csr *out)
{
	enum csrerr	 rc;
	int		 pk = 0;

	memset(out, 0, sizeof(*out));
	ERR_clear_error();
	if (der == NULL || len == 0)
		return CSR_EMPTY;
	if (len > CSR_MAX_BYTES)
		return CSR_TOOBIG;
	if ((out->der = malloc(len)) == NULL) {
		log_warn("malloc");
		return CSR_INTERNAL;
	}
	memcpy(out->der, der, len);
	out->derlen = len;
	if ((rc = der_parse(out->der, len, out, &pk, 0)) != CSR_OK)
		csr_free(out);
	ERR_clear_error();
	return rc;
}

/*
 * Whether the DER request `der` (`len` bytes) carries a self-signature
 * that its own key verifies (RFC 2986 3: proof of possession). Touches
 * nothing but its own objects, so any thread may call it; OpenSSL's
 * error queue, which is per thread, is left empty.
 */
int
csr_verify(const void *der, size_t len)
{
	const unsigned char	*p = der;
	X509_REQ		*req;
	EVP_PKEY		*pkey;
	int			 ok = 0;

	if ((req = d2i_X509_REQ(NULL, &p, (long)len)) != NULL &&
	    p == (const unsigned char *)der + len &&
	    (pkey = X509_REQ_get0_pubkey(req)) != NULL)
		ok = X509_REQ_verify(req, pkey) == 1;
	X509_REQ_free(req);
	ERR_clear_error();
	return ok;
}

/*
 * The key rules of SBR 6.1.1.3, 6.1.5 and 6.1.6 for a request from
 * csr_parse(), in this order: algorithm and encoding; RSA size, size
 * divisible by 8, exponent, factors below 752, ROCA, Fermat, Debian
 * list; EC explicit parameters, curve, point validation; then the
 * badkeys and SPKI lists (keys known compromised, SBR 6.1.1.3 (4),
 * which take in the Debian keys the RSA lists miss). bl may be NULL (no
 * lists). Changes nothing, allocates nothing that outlives the call.
 *
 * Returns CSR_OK, the first rule broken, or CSR_INTERNAL when memory
 * ran out (logged).
 */
enum csrerr
csr_check_key(const struct csr *c, const struct blocklist *bl)
{
	X509_PUBKEY	*xpk;
	EVP_PKEY	*pkey;
	BIGNUM		*n = NULL, *e = NULL;
	BN_CTX		*ctx = NULL;
	unsigned char	 md[KEYS_SPKI_HASH];
	enum csrerr	 rc;
	int		 nid;

	ERR_clear_error();
	if (c == NULL || c->req == NULL) {
		log_warnx("csr_check_key: no request");
		rc = CSR_INTERNAL;
		goto out;
	}
	if ((rc = key_policy(c->req)) != CSR_OK)
		goto out;
	xpk = X509_REQ_get_X509_PUBKEY(c->req);
	if ((rc = key_alg(xpk, &nid)) != CSR_OK)
		goto out;
	/* key_policy() has decoded it. */
	pkey = X509_REQ_get0_pubkey(c->req);
	if (nid == NID_rsaEncryption) {
		rc = CSR_INTERNAL;
		if (!rsa_get(pkey, &n, &e))
			goto out;
		if ((ctx = BN_CTX_new()) == NULL) {
			log_ssl("BN_CTX_new");
			goto out;
		}
		if ((rc = keys_small_factors(n)) != CSR_OK ||
		    (rc = keys_roca(n)) != CSR_OK ||
		    (rc = keys_fermat(n, ctx)) != CSR_OK ||
		    (rc = keys_debian(n, bl)) != CSR_OK)
			goto out;
	}
	if ((rc = keys_badkeys(pkey, nid, n, bl)) != CSR_OK)
		goto out;
	if (keys_spki_listed(bl) > 0) {
		if (!spki_hash(xpk, md)) {
			rc = CSR_INTERNAL;
			goto out;
		}
		if (keys_spki_blocked(bl, md)) {
			rc = CSR_KEY_BLOCKED;
			goto out;
		}
	}
	rc = CSR_OK;
out:
	BN_free(n);
	BN_free(e);
	BN_CTX_free(ctx);
	ERR_clear_error();
	return rc;
}
