/*
 * PKCS#11 for smime-card: see token.h. The module is loaded through
 * p11-kit, which also knows the modules registered on the machine
 * (the .module files of /usr/share/p11-kit/modules); the calls themselves are the
 * plain PKCS#11 API, so that each return value (CKR_PIN_INCORRECT,
 * CKR_PIN_LOCKED, …) and each token flag (CKF_USER_PIN_FINAL_TRY, …)
 * reaches the person as a sentence.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/param_build.h>
#include <openssl/rand.h>

#include "token.h"

const char *const tokerr_names[TOKEN__MAX] = {
	"ok",			/* TOKEN_OK */
	"module",		/* TOKEN_MODULE */
	"absent",		/* TOKEN_ABSENT */
	"ambiguous",		/* TOKEN_AMBIGUOUS */
	"pin-incorrect",	/* TOKEN_PIN_INCORRECT */
	"pin-locked",		/* TOKEN_PIN_LOCKED */
	"pin-none",		/* TOKEN_PIN_NONE */
	"unsupported",		/* TOKEN_UNSUPPORTED */
	"not-found",		/* TOKEN_NOT_FOUND */
	"failed",		/* TOKEN_FAILED */
};

const char *const keykind_names[KEY__MAX] = {
	"rsa2048",	/* KEY_RSA2048 */
	"rsa3072",	/* KEY_RSA3072 */
	"rsa4096",	/* KEY_RSA4096 */
	"p256",		/* KEY_P256 */
	"p384",		/* KEY_P384 */
};

/* The named curves' OIDs, DER (CKA_EC_PARAMS, RFC 5480 2.1.1.1). */
static const unsigned char oid_p256[] = {
	0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07
};
static const unsigned char oid_p384[] = {
	0x06, 0x05, 0x2b, 0x81, 0x04, 0x00, 0x22
};

/* DigestInfo prefixes for CKM_RSA_PKCS (RFC 8017 9.2, note 1). */
static const unsigned char di_sha256[] = {
	0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65,
	0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20
};

#define MAX_OBJECTS	256	/* objects looked at in one search */

static enum tokerr
fail(char *why, enum tokerr e, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Writes the sentence into `why` and returns `e`. */
static enum tokerr
fail(char *why, enum tokerr e, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	vsnprintf(why, TOKEN_WHY, fmt, ap);
	va_end(ap);
	return e;
}

/* The PKCS#11 name of a return value ("CKR_PIN_INCORRECT" and the like). */
static const char *
rvtext(CK_RV rv)
{
	const char	*s = p11_kit_strerror(rv);

	return s != NULL ? s : "unknown error";
}

int
keykind_parse(const char *s, enum keykind *k)
{
	size_t	 i;

	for (i = 0; s != NULL && i < KEY__MAX; i++)
		if (strcmp(s, keykind_names[i]) == 0) {
			*k = (enum keykind)i;
			return 1;
		}
	return 0;
}

/* A space-padded PKCS#11 string as a C string. */
static void
unpad(const unsigned char *p, size_t n, char *out, size_t outsz)
{
	size_t	 len = p11_kit_space_strlen(p, n);

	if (len >= outsz)
		len = outsz - 1;
	memcpy(out, p, len);
	out[len] = '\0';
}

/*
 * Looks for the token in one module: by label or serial when `want` is
 * set, otherwise any usable one. Appends every usable token's label to
 * `seen`. Returns the number of matches; the first of all (`before`
 * found in other modules) is in t->mod and t->slot.
 */
static int
find_in(struct token *t, CK_FUNCTION_LIST *m, const char *want,
    struct buf *seen, int before)
{
	CK_SLOT_ID	*slots = NULL;
	CK_ULONG	 n = 0, i;
	CK_TOKEN_INFO	 ti;
	char		 label[33], serial[17];
	int		 found = 0;

	if (m->C_GetSlotList(CK_TRUE, NULL, &n) != CKR_OK || n == 0)
		return 0;
	if ((slots = calloc(n, sizeof(*slots))) == NULL ||
	    m->C_GetSlotList(CK_TRUE, slots, &n) != CKR_OK)
		goto out;
	for (i = 0; i < n; i++) {
		if (m->C_GetTokenInfo(slots[i], &ti) != CKR_OK)
			continue;
		/* Trust stores and blank tokens cannot take a key. */
		if (!(ti.flags & CKF_TOKEN_INITIALIZED) ||
		    (ti.flags & CKF_WRITE_PROTECTED))
			continue;
		unpad(ti.label, sizeof(ti.label), label, sizeof(label));
		unpad(ti.serialNumber, sizeof(ti.serialNumber), serial,
		    sizeof(serial));
		buf_printf(seen, "%s\"%s\"", seen->len ? ", " : "", label);
		if (want != NULL && strcmp(want, label) != 0 &&
		    strcmp(want, serial) != 0)
			continue;
		if (found++ == 0 && before == 0) {
			t->mod = m;
			t->slot = slots[i];
			t->flags = ti.flags;
			memcpy(t->label, label, sizeof(t->label));
			memcpy(t->serial, serial, sizeof(t->serial));
		}
	}
out:
	free(slots);
	return found;
}

/*
 * Loads the module (`path`, or every module registered with p11-kit),
 * finds the token (`want`: label or serial; NULL: the only one present)
 * and opens a read-write session on it. Returns TOKEN_OK, TOKEN_MODULE,
 * TOKEN_ABSENT, TOKEN_AMBIGUOUS or TOKEN_FAILED, with `why`.
 */
enum tokerr
token_open(struct token *t, const char *path, const char *want, char *why)
{
	struct buf	 seen;
	const char	*msg;
	char		*name;
	size_t		 i;
	int		 found = 0;
	CK_RV		 rv;
	enum tokerr	 e;

	memset(t, 0, sizeof(*t));
	buf_init(&seen);
	if (path != NULL) {
		if ((t->mod = p11_kit_module_load(path, 0)) == NULL) {
			msg = p11_kit_message();
			e = fail(why, TOKEN_MODULE, "cannot load the PKCS#11 "
			    "module %s: %s", path, msg ? msg : "not a module");
			goto out;
		}
		if ((rv = p11_kit_module_initialize(t->mod)) != CKR_OK) {
			p11_kit_module_release(t->mod);
			t->mod = NULL;
			e = fail(why, TOKEN_MODULE, "the PKCS#11 module %s "
			    "does not start: %s", path, rvtext(rv));
			goto out;
		}
		t->inited = 1;
		snprintf(t->module, sizeof(t->module), "%s", path);
		found = find_in(t, t->mod, want, &seen, 0);
	} else {
		t->mods = p11_kit_modules_load_and_initialize(0);
		if (t->mods == NULL || t->mods[0] == NULL) {
			e = fail(why, TOKEN_MODULE, "no PKCS#11 module is "
			    "registered with p11-kit: name one with --module");
			goto out;
		}
		for (i = 0; t->mods[i] != NULL; i++)
			found += find_in(t, t->mods[i], want, &seen, found);
		if (t->mod != NULL &&
		    (name = p11_kit_module_get_filename(t->mod)) != NULL) {
			snprintf(t->module, sizeof(t->module), "%s", name);
			free(name);
		}
	}
	if (found == 0) {
		if (want != NULL)
			e = fail(why, TOKEN_ABSENT, "no token \"%s\" is "
			    "present%s%s%s: insert the card, or name it with "
			    "--token", want, seen.len ? " (present: " : "",
			    seen.s, seen.len ? ")" : "");
		else
			e = fail(why, TOKEN_ABSENT, "no token is present: "
			    "insert the card");
		goto out;
	}
	if (found > 1 && want == NULL) {
		e = fail(why, TOKEN_AMBIGUOUS, "several tokens are present "
		    "(%s): name one with --token", seen.s);
		goto out;
	}
	rv = t->mod->C_OpenSession(t->slot, CKF_SERIAL_SESSION |
	    CKF_RW_SESSION, NULL, NULL, &t->sess);
	if (rv != CKR_OK) {
		e = fail(why, rv == CKR_TOKEN_NOT_PRESENT ||
		    rv == CKR_DEVICE_REMOVED ? TOKEN_ABSENT : TOKEN_FAILED,
		    "cannot open a session on token \"%s\": %s", t->label,
		    rvtext(rv));
		goto out;
	}
	t->open = 1;
	e = TOKEN_OK;
out:
	buf_free(&seen);
	return e;
}

/* Whether the token has its own PIN pad (then no PIN is asked here). */
int
token_pinpad(const struct token *t)
{
	return (t->flags & CKF_PROTECTED_AUTHENTICATION_PATH) != 0;
}

/* Reads the token's flags again (they change with failed logins). */
static void
refresh(struct token *t)
{
	CK_TOKEN_INFO	 ti;

	if (t->mod != NULL &&
	    t->mod->C_GetTokenInfo(t->slot, &ti) == CKR_OK)
		t->flags = ti.flags;
}

/*
 * What the token says about its PIN's remaining tries, as a sentence,
 * or NULL when it says nothing. The text is static.
 */
const char *
token_pin_warning(struct token *t)
{
	refresh(t);
	if (t->flags & CKF_USER_PIN_LOCKED)
		return "the PIN is locked";
	if (t->flags & CKF_USER_PIN_FINAL_TRY)
		return "one try left before the PIN locks";
	if (t->flags & CKF_USER_PIN_COUNT_LOW)
		return "the token says few tries are left before the PIN "
		    "locks";
	return NULL;
}

/*
 * Logs the user in with `pin` (NULL on a PIN pad). Returns TOKEN_OK,
 * TOKEN_PIN_INCORRECT (with the tries left where the token says),
 * TOKEN_PIN_LOCKED, TOKEN_PIN_NONE or TOKEN_FAILED.
 */
enum tokerr
token_login(struct token *t, const char *pin, char *why)
{
	const char	*left;
	CK_RV		 rv;

	refresh(t);
	if (t->flags & CKF_USER_PIN_LOCKED)
		return fail(why, TOKEN_PIN_LOCKED, "the PIN of token \"%s\" "
		    "is locked: unblock it with the card's PUK or security "
		    "officer PIN (for instance pkcs11-tool --unlock-pin), "
		    "then run this again", t->label);
	if (pin == NULL && !token_pinpad(t))
		return fail(why, TOKEN_PIN_NONE, "no PIN was given for token "
		    "\"%s\"", t->label);
	rv = t->mod->C_Login(t->sess, CKU_USER, (CK_UTF8CHAR_PTR)pin,
	    pin != NULL ? strlen(pin) : 0);
	if (rv == CKR_OK || rv == CKR_USER_ALREADY_LOGGED_IN)
		return TOKEN_OK;
	if (rv == CKR_PIN_LOCKED)
		return fail(why, TOKEN_PIN_LOCKED, "the PIN of token \"%s\" "
		    "is locked: unblock it with the card's PUK or security "
		    "officer PIN, then run this again", t->label);
	if (rv == CKR_PIN_INCORRECT || rv == CKR_PIN_LEN_RANGE) {
		left = token_pin_warning(t);
		if (t->flags & CKF_USER_PIN_LOCKED)
			return fail(why, TOKEN_PIN_LOCKED, "wrong PIN for "
			    "token \"%s\": the PIN is now locked; unblock it "
			    "with the card's PUK or security officer PIN",
			    t->label);
		return fail(why, TOKEN_PIN_INCORRECT, "wrong PIN for token "
		    "\"%s\"%s: %s", t->label, rv == CKR_PIN_LEN_RANGE ?
		    " (its length is not one the token accepts)" : "",
		    left != NULL ? left : "the token does not say how many "
		    "tries are left");
	}
	return fail(why, TOKEN_FAILED, "cannot log in to token \"%s\": %s",
	    t->label, rvtext(rv));
}

/* One attribute's value, any length, into `out`. Returns a CK_RV. */
static CK_RV
attr(struct token *t, CK_OBJECT_HANDLE o, CK_ATTRIBUTE_TYPE type,
    struct buf *out)
{
	CK_ATTRIBUTE	 a = { type, NULL, 0 };
	CK_RV		 rv;

	buf_reset(out);
	if ((rv = t->mod->C_GetAttributeValue(t->sess, o, &a, 1)) != CKR_OK)
		return rv;
	if (a.ulValueLen == CK_UNAVAILABLE_INFORMATION ||
	    a.ulValueLen > 1024 * 1024)
		return CKR_ATTRIBUTE_TYPE_INVALID;
	if (!buf_grow(out, a.ulValueLen + 1))
		return CKR_HOST_MEMORY;
	a.pValue = out->s;
	if ((rv = t->mod->C_GetAttributeValue(t->sess, o, &a, 1)) != CKR_OK)
		return rv;
	out->len = a.ulValueLen;
	out->s[out->len] = '\0';
	return CKR_OK;
}

/* A CK_BBOOL or CK_ULONG attribute; `dflt` when the token lacks it. */
static CK_ULONG
attr_ulong(struct token *t, CK_OBJECT_HANDLE o, CK_ATTRIBUTE_TYPE type,
    CK_ULONG dflt)
{
	struct buf	 b;
	CK_ULONG	 v = dflt;

	buf_init(&b);
	if (attr(t, o, type, &b) == CKR_OK) {
		if (b.len == sizeof(CK_BBOOL))
			v = *(CK_BBOOL *)b.s;
		else if (b.len == sizeof(CK_ULONG))
			memcpy(&v, b.s, sizeof(v));
	}
	buf_free(&b);
	return v;
}

/*
 * The public key of a public key object, as an EVP_PKEY (RSA from
 * CKA_MODULUS and CKA_PUBLIC_EXPONENT; EC from CKA_EC_PARAMS and
 * CKA_EC_POINT, the point wrapped in an OCTET STRING as PKCS#11 2.40
 * says, or bare as some modules give it). NULL if it is neither.
 */
static EVP_PKEY *
pubkey_of(struct token *t, CK_OBJECT_HANDLE o)
{
	OSSL_PARAM_BLD		*bld = NULL;
	OSSL_PARAM		*params = NULL;
	EVP_PKEY_CTX		*ctx = NULL;
	EVP_PKEY		*pk = NULL;
	ASN1_OCTET_STRING	*os = NULL;
	BIGNUM			*n = NULL, *e = NULL;
	struct buf		 a, b;
	const unsigned char	*p;
	CK_ULONG		 type;

	buf_init(&a);
	buf_init(&b);
	type = attr_ulong(t, o, CKA_KEY_TYPE, (CK_ULONG)-1);
	if (type == CKK_RSA) {
		if (attr(t, o, CKA_MODULUS, &a) != CKR_OK ||
		    attr(t, o, CKA_PUBLIC_EXPONENT, &b) != CKR_OK ||
		    (n = BN_bin2bn((unsigned char *)a.s, (int)a.len,
		    NULL)) == NULL ||
		    (e = BN_bin2bn((unsigned char *)b.s, (int)b.len,
		    NULL)) == NULL ||
		    (bld = OSSL_PARAM_BLD_new()) == NULL ||
		    !OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_N, n) ||
		    !OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_E, e) ||
		    (params = OSSL_PARAM_BLD_to_param(bld)) == NULL ||
		    (ctx = EVP_PKEY_CTX_new_from_name(NULL, "RSA",
		    NULL)) == NULL ||
		    EVP_PKEY_fromdata_init(ctx) <= 0 ||
		    EVP_PKEY_fromdata(ctx, &pk, EVP_PKEY_PUBLIC_KEY,
		    params) <= 0)
			pk = NULL;
	} else if (type == CKK_EC) {
		if (attr(t, o, CKA_EC_PARAMS, &a) != CKR_OK ||
		    attr(t, o, CKA_EC_POINT, &b) != CKR_OK)
			goto out;
		p = (const unsigned char *)a.s;
		if ((pk = d2i_KeyParams(EVP_PKEY_EC, NULL, &p,
		    (long)a.len)) == NULL)
			goto out;
		p = (const unsigned char *)b.s;
		if ((os = d2i_ASN1_OCTET_STRING(NULL, &p, (long)b.len)) !=
		    NULL && p == (const unsigned char *)b.s + b.len) {
			if (EVP_PKEY_set1_encoded_public_key(pk, os->data,
			    (size_t)os->length) != 1) {
				EVP_PKEY_free(pk);
				pk = NULL;
			}
		} else if (EVP_PKEY_set1_encoded_public_key(pk,
		    (unsigned char *)b.s, b.len) != 1) {
			EVP_PKEY_free(pk);
			pk = NULL;
		}
	}
out:
	ERR_clear_error();
	ASN1_OCTET_STRING_free(os);
	EVP_PKEY_CTX_free(ctx);
	OSSL_PARAM_free(params);
	OSSL_PARAM_BLD_free(bld);
	BN_free(n);
	BN_free(e);
	buf_free(&a);
	buf_free(&b);
	return pk;
}

/*
 * Up to `max` objects matching the template. Returns the count, or -1
 * (with the CK_RV in *rvp) when the search fails.
 */
static int
find(struct token *t, CK_ATTRIBUTE *tmpl, CK_ULONG n, CK_OBJECT_HANDLE *out,
    CK_ULONG max, CK_RV *rvp)
{
	CK_ULONG	 got = 0;
	CK_RV		 rv;

	if ((rv = t->mod->C_FindObjectsInit(t->sess, tmpl, n)) != CKR_OK) {
		*rvp = rv;
		return -1;
	}
	rv = t->mod->C_FindObjects(t->sess, out, max, &got);
	t->mod->C_FindObjectsFinal(t->sess);
	if (rv != CKR_OK) {
		*rvp = rv;
		return -1;
	}
	return (int)got;
}

/*
 * Generates a key pair of `kind` on the token: the private key
 * sensitive, not extractable, private, for signing (and decryption or
 * key agreement: S/MIME encrypts to it), both halves with a fresh CKA_ID
 * and the label `label`. Fills *key (its pkey owned by the caller's
 * tokkey_free()). Returns TOKEN_OK, TOKEN_UNSUPPORTED or TOKEN_FAILED.
 */
enum tokerr
token_keygen(struct token *t, enum keykind kind, const char *label,
    struct tokkey *key, char *why)
{
	CK_MECHANISM	 mech = { CKM_RSA_PKCS_KEY_PAIR_GEN, NULL, 0 };
	CK_BBOOL	 yes = CK_TRUE, no = CK_FALSE;
	CK_ULONG	 bits = 0, npub, npriv;
	CK_BYTE		 e65537[] = { 0x01, 0x00, 0x01 };
	CK_OBJECT_HANDLE dup[1];
	CK_OBJECT_CLASS	 privclass = CKO_PRIVATE_KEY;
	CK_RV		 rv;
	int		 ec = kind == KEY_P256 || kind == KEY_P384, tries;
	CK_ATTRIBUTE	 pub[8], priv[10], q[2];

	memset(key, 0, sizeof(*key));
	key->kind = kind;
	snprintf(key->label, sizeof(key->label), "%s", label);
	key->idlen = TOKEN_ID_LEN;
	/* A fresh CKA_ID: random, and checked unused on this token. */
	for (tries = 0; tries < 4; tries++) {
		if (RAND_bytes(key->id, (int)key->idlen) != 1)
			return fail(why, TOKEN_FAILED, "no random bytes for "
			    "the key's identifier");
		q[0] = (CK_ATTRIBUTE){ CKA_ID, key->id, key->idlen };
		if (find(t, q, 1, dup, 1, &rv) == 0)
			break;
	}
	if (tries == 4)
		return fail(why, TOKEN_FAILED, "no unused key identifier");
	switch (kind) {
	case KEY_RSA2048:
		bits = 2048;
		break;
	case KEY_RSA3072:
		bits = 3072;
		break;
	case KEY_RSA4096:
		bits = 4096;
		break;
	default:
		break;
	}
	npub = 0;
	pub[npub++] = (CK_ATTRIBUTE){ CKA_TOKEN, &yes, sizeof(yes) };
	pub[npub++] = (CK_ATTRIBUTE){ CKA_VERIFY, &yes, sizeof(yes) };
	pub[npub++] = (CK_ATTRIBUTE){ CKA_ID, key->id, key->idlen };
	pub[npub++] = (CK_ATTRIBUTE){ CKA_LABEL, key->label,
	    strlen(key->label) };
	npriv = 0;
	priv[npriv++] = (CK_ATTRIBUTE){ CKA_TOKEN, &yes, sizeof(yes) };
	priv[npriv++] = (CK_ATTRIBUTE){ CKA_PRIVATE, &yes, sizeof(yes) };
	priv[npriv++] = (CK_ATTRIBUTE){ CKA_SENSITIVE, &yes, sizeof(yes) };
	priv[npriv++] = (CK_ATTRIBUTE){ CKA_EXTRACTABLE, &no, sizeof(no) };
	priv[npriv++] = (CK_ATTRIBUTE){ CKA_SIGN, &yes, sizeof(yes) };
	priv[npriv++] = (CK_ATTRIBUTE){ CKA_ID, key->id, key->idlen };
	priv[npriv++] = (CK_ATTRIBUTE){ CKA_LABEL, key->label,
	    strlen(key->label) };
	if (ec) {
		mech.mechanism = CKM_EC_KEY_PAIR_GEN;
		pub[npub++] = kind == KEY_P256 ?
		    (CK_ATTRIBUTE){ CKA_EC_PARAMS, (void *)oid_p256,
		    sizeof(oid_p256) } :
		    (CK_ATTRIBUTE){ CKA_EC_PARAMS, (void *)oid_p384,
		    sizeof(oid_p384) };
		priv[npriv++] = (CK_ATTRIBUTE){ CKA_DERIVE, &yes, sizeof(yes) };
	} else {
		pub[npub++] = (CK_ATTRIBUTE){ CKA_MODULUS_BITS, &bits,
		    sizeof(bits) };
		pub[npub++] = (CK_ATTRIBUTE){ CKA_PUBLIC_EXPONENT, e65537,
		    sizeof(e65537) };
		pub[npub++] = (CK_ATTRIBUTE){ CKA_ENCRYPT, &yes, sizeof(yes) };
		priv[npriv++] = (CK_ATTRIBUTE){ CKA_DECRYPT, &yes, sizeof(yes) };
	}
	rv = t->mod->C_GenerateKeyPair(t->sess, &mech, pub, npub, priv, npriv,
	    &key->pub, &key->priv);
	if (rv == CKR_MECHANISM_INVALID || rv == CKR_ATTRIBUTE_VALUE_INVALID ||
	    rv == CKR_TEMPLATE_INCONSISTENT || rv == CKR_KEY_SIZE_RANGE ||
	    rv == CKR_DOMAIN_PARAMS_INVALID || rv == CKR_CURVE_NOT_SUPPORTED)
		return fail(why, TOKEN_UNSUPPORTED, "token \"%s\" cannot "
		    "generate a %s key pair: %s", t->label,
		    keykind_names[kind], rvtext(rv));
	if (rv != CKR_OK)
		return fail(why, TOKEN_FAILED, "token \"%s\" did not generate "
		    "the key pair: %s", t->label, rvtext(rv));
	/* The private key must stay on the card, whatever the card did. */
	if (attr_ulong(t, key->priv, CKA_SENSITIVE, 0) != CK_TRUE ||
	    attr_ulong(t, key->priv, CKA_EXTRACTABLE, 1) != CK_FALSE ||
	    attr_ulong(t, key->priv, CKA_CLASS, 0) != privclass) {
		t->mod->C_DestroyObject(t->sess, key->priv);
		t->mod->C_DestroyObject(t->sess, key->pub);
		return fail(why, TOKEN_UNSUPPORTED, "token \"%s\" made a "
		    "private key that is not sensitive and unextractable: "
		    "removed again", t->label);
	}
	if ((key->pkey = pubkey_of(t, key->pub)) == NULL) {
		t->mod->C_DestroyObject(t->sess, key->priv);
		t->mod->C_DestroyObject(t->sess, key->pub);
		return fail(why, TOKEN_FAILED, "cannot read the new public "
		    "key from token \"%s\"", t->label);
	}
	return TOKEN_OK;
}

/*
 * Signs `len` bytes with the token's private key, hashing here: RSA
 * PKCS#1 v1.5 with SHA-256 (CKM_RSA_PKCS over the DigestInfo, which
 * every card supports), ECDSA with SHA-256 on P-256 and SHA-384 on P-384
 * (CKM_ECDSA, the raw r||s made DER as X.509 wants it). *mdp is the
 * digest used. Returns TOKEN_OK or TOKEN_FAILED.
 */
enum tokerr
token_sign(struct token *t, const struct tokkey *key,
    const unsigned char *data, size_t len, const EVP_MD **mdp,
    struct buf *sig, char *why)
{
	CK_MECHANISM	 mech = { CKM_RSA_PKCS, NULL, 0 };
	const EVP_MD	*md;
	ECDSA_SIG	*es = NULL;
	BIGNUM		*r = NULL, *s = NULL;
	unsigned char	 in[sizeof(di_sha256) + EVP_MAX_MD_SIZE], *der = NULL;
	unsigned int	 mdlen;
	size_t		 inlen, off;
	CK_ULONG	 siglen = 0;
	CK_RV		 rv;
	enum tokerr	 e = TOKEN_FAILED;
	int		 ec = key->kind == KEY_P256 || key->kind == KEY_P384;
	int		 dlen;

	md = key->kind == KEY_P384 ? EVP_sha384() : EVP_sha256();
	*mdp = md;
	off = ec ? 0 : sizeof(di_sha256);
	if (!ec)
		memcpy(in, di_sha256, sizeof(di_sha256));
	else
		mech.mechanism = CKM_ECDSA;
	if (EVP_Digest(data, len, in + off, &mdlen, md, NULL) != 1)
		return fail(why, TOKEN_FAILED, "cannot hash the request");
	inlen = off + mdlen;
	buf_reset(sig);
	if ((rv = t->mod->C_SignInit(t->sess, &mech, key->priv)) != CKR_OK ||
	    (rv = t->mod->C_Sign(t->sess, in, inlen, NULL, &siglen)) !=
	    CKR_OK)
		return fail(why, TOKEN_FAILED, "token \"%s\" refused to sign: "
		    "%s", t->label, rvtext(rv));
	if (!buf_grow(sig, siglen + 1))
		return fail(why, TOKEN_FAILED, "out of memory");
	if ((rv = t->mod->C_Sign(t->sess, in, inlen, (CK_BYTE_PTR)sig->s,
	    &siglen)) != CKR_OK)
		return fail(why, TOKEN_FAILED, "token \"%s\" refused to sign: "
		    "%s", t->label, rvtext(rv));
	sig->len = siglen;
	if (!ec)
		return TOKEN_OK;
	/* r||s, each half the length (PKCS#11 2.40 2.3.1), into DER. */
	if (siglen == 0 || siglen % 2 != 0 ||
	    (r = BN_bin2bn((unsigned char *)sig->s, (int)siglen / 2,
	    NULL)) == NULL ||
	    (s = BN_bin2bn((unsigned char *)sig->s + siglen / 2,
	    (int)siglen / 2, NULL)) == NULL ||
	    (es = ECDSA_SIG_new()) == NULL || !ECDSA_SIG_set0(es, r, s)) {
		BN_free(r);
		BN_free(s);
		fail(why, TOKEN_FAILED, "token \"%s\" gave a malformed "
		    "signature", t->label);
		goto out;
	}
	if ((dlen = i2d_ECDSA_SIG(es, &der)) <= 0)
		goto out;
	buf_reset(sig);
	if (!buf_add(sig, der, (size_t)dlen))
		goto out;
	e = TOKEN_OK;
out:
	OPENSSL_free(der);
	ECDSA_SIG_free(es);
	return e;
}

/* The key kind of a public key, for signing with it. */
static int
kind_of(EVP_PKEY *pk, enum keykind *k)
{
	char	 group[32];
	size_t	 glen;

	if (EVP_PKEY_is_a(pk, "RSA")) {
		*k = EVP_PKEY_get_bits(pk) > 3072 ? KEY_RSA4096 :
		    EVP_PKEY_get_bits(pk) > 2048 ? KEY_RSA3072 : KEY_RSA2048;
		return 1;
	}
	if (EVP_PKEY_is_a(pk, "EC") && EVP_PKEY_get_utf8_string_param(pk,
	    OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof(group), &glen)) {
		if (strcmp(group, "prime256v1") == 0 ||
		    strcmp(group, "P-256") == 0)
			*k = KEY_P256;
		else if (strcmp(group, "secp384r1") == 0 ||
		    strcmp(group, "P-384") == 0)
			*k = KEY_P384;
		else
			return 0;
		return 1;
	}
	return 0;
}

/*
 * Finds the key pair whose public key is `want` (a certificate's): its
 * public key object, CKA_ID, label and private key. Returns TOKEN_OK,
 * TOKEN_NOT_FOUND or TOKEN_FAILED.
 */
enum tokerr
token_find_key(struct token *t, EVP_PKEY *want, struct tokkey *key,
    char *why)
{
	CK_OBJECT_CLASS	 pubc = CKO_PUBLIC_KEY, privc = CKO_PRIVATE_KEY;
	CK_OBJECT_HANDLE objs[MAX_OBJECTS], priv[1];
	CK_ATTRIBUTE	 q[2];
	CK_RV		 rv = CKR_OK;
	struct buf	 b;
	EVP_PKEY	*pk;
	int		 n, i;
	enum tokerr	 e = TOKEN_NOT_FOUND;

	memset(key, 0, sizeof(*key));
	buf_init(&b);
	q[0] = (CK_ATTRIBUTE){ CKA_CLASS, &pubc, sizeof(pubc) };
	if ((n = find(t, q, 1, objs, MAX_OBJECTS, &rv)) < 0) {
		e = fail(why, TOKEN_FAILED, "cannot list the keys of token "
		    "\"%s\": %s", t->label, rvtext(rv));
		goto out;
	}
	for (i = 0; i < n; i++) {
		if ((pk = pubkey_of(t, objs[i])) == NULL)
			continue;
		if (EVP_PKEY_eq(pk, want) != 1) {
			EVP_PKEY_free(pk);
			continue;
		}
		key->pkey = pk;
		key->pub = objs[i];
		if (attr(t, objs[i], CKA_ID, &b) != CKR_OK || b.len == 0 ||
		    b.len > sizeof(key->id)) {
			e = fail(why, TOKEN_FAILED, "the key on token \"%s\" "
			    "has no usable identifier (CKA_ID)", t->label);
			goto out;
		}
		memcpy(key->id, b.s, b.len);
		key->idlen = b.len;
		if (attr(t, objs[i], CKA_LABEL, &b) == CKR_OK)
			snprintf(key->label, sizeof(key->label), "%s", b.s);
		q[0] = (CK_ATTRIBUTE){ CKA_CLASS, &privc, sizeof(privc) };
		q[1] = (CK_ATTRIBUTE){ CKA_ID, key->id, key->idlen };
		if (find(t, q, 2, priv, 1, &rv) != 1 || !kind_of(pk,
		    &key->kind)) {
			e = fail(why, TOKEN_NOT_FOUND, "token \"%s\" holds "
			    "the public key of this certificate but not its "
			    "private key", t->label);
			goto out;
		}
		key->priv = priv[0];
		e = TOKEN_OK;
		goto out;
	}
	e = fail(why, TOKEN_NOT_FOUND, "token \"%s\" holds no key for this "
	    "certificate: was its key pair made on another card?", t->label);
out:
	if (e != TOKEN_OK)
		tokkey_free(key);
	buf_free(&b);
	return e;
}

/*
 * Writes a certificate on the token with CKA_ID `id` and `label`, as a
 * user certificate or (ca set) an authority's. When the same certificate
 * is already there nothing is written and *already is set. Returns
 * TOKEN_OK or TOKEN_FAILED.
 */
enum tokerr
token_put_cert(struct token *t, X509 *x, const unsigned char *id,
    size_t idlen, const char *label, int ca, int *already, char *why)
{
	CK_OBJECT_CLASS		 cls = CKO_CERTIFICATE;
	CK_CERTIFICATE_TYPE	 ct = CKC_X_509;
	CK_ULONG		 cat = ca ? 2 : 1;	/* authority, token user */
	CK_BBOOL		 yes = CK_TRUE, no = CK_FALSE;
	CK_OBJECT_HANDLE	 o[1];
	CK_ATTRIBUTE		 tmpl[11];
	CK_RV			 rv = CKR_OK;
	unsigned char		*der = NULL, *subj = NULL, *iss = NULL;
	unsigned char		*sn = NULL;
	int			 derlen, subjlen, isslen, snlen, n;
	enum tokerr		 e = TOKEN_FAILED;

	*already = 0;
	if ((derlen = i2d_X509(x, &der)) <= 0 ||
	    (subjlen = i2d_X509_NAME(X509_get_subject_name(x), &subj)) <= 0 ||
	    (isslen = i2d_X509_NAME(X509_get_issuer_name(x), &iss)) <= 0 ||
	    (snlen = i2d_ASN1_INTEGER(X509_get0_serialNumber(x), &sn)) <= 0) {
		e = fail(why, TOKEN_FAILED, "cannot encode the certificate");
		goto out;
	}
	tmpl[0] = (CK_ATTRIBUTE){ CKA_CLASS, &cls, sizeof(cls) };
	tmpl[1] = (CK_ATTRIBUTE){ CKA_VALUE, der, (CK_ULONG)derlen };
	if ((n = find(t, tmpl, 2, o, 1, &rv)) > 0) {
		*already = 1;
		e = TOKEN_OK;
		goto out;
	}
	tmpl[2] = (CK_ATTRIBUTE){ CKA_CERTIFICATE_TYPE, &ct, sizeof(ct) };
	tmpl[3] = (CK_ATTRIBUTE){ CKA_TOKEN, &yes, sizeof(yes) };
	tmpl[4] = (CK_ATTRIBUTE){ CKA_PRIVATE, &no, sizeof(no) };
	tmpl[5] = (CK_ATTRIBUTE){ CKA_ID, (void *)id, idlen };
	tmpl[6] = (CK_ATTRIBUTE){ CKA_LABEL, (void *)label, strlen(label) };
	tmpl[7] = (CK_ATTRIBUTE){ CKA_SUBJECT, subj, (CK_ULONG)subjlen };
	tmpl[8] = (CK_ATTRIBUTE){ CKA_ISSUER, iss, (CK_ULONG)isslen };
	tmpl[9] = (CK_ATTRIBUTE){ CKA_SERIAL_NUMBER, sn, (CK_ULONG)snlen };
	tmpl[10] = (CK_ATTRIBUTE){ CKA_CERTIFICATE_CATEGORY, &cat,
	    sizeof(cat) };
	if ((rv = t->mod->C_CreateObject(t->sess, tmpl, 11, o)) != CKR_OK) {
		e = fail(why, TOKEN_FAILED, "token \"%s\" did not take the "
		    "%scertificate: %s", t->label, ca ? "CA " : "",
		    rvtext(rv));
		goto out;
	}
	e = TOKEN_OK;
out:
	OPENSSL_free(der);
	OPENSSL_free(subj);
	OPENSSL_free(iss);
	OPENSSL_free(sn);
	return e;
}

/*
 * Checks that a certificate object with the key's CKA_ID is on the token
 * and that its public key is the token's: the public keys are equal, and
 * a signature the token makes over a random challenge verifies with the
 * certificate. Returns TOKEN_OK, TOKEN_NOT_FOUND or TOKEN_FAILED.
 */
enum tokerr
token_cert_matches(struct token *t, const struct tokkey *key, char *why)
{
	CK_OBJECT_CLASS		 cls = CKO_CERTIFICATE;
	CK_OBJECT_HANDLE	 objs[16];
	CK_ATTRIBUTE		 q[2];
	CK_RV			 rv = CKR_OK;
	EVP_MD_CTX		*mctx = NULL;
	const EVP_MD		*md;
	X509			*x = NULL;
	struct buf		 b, sig;
	const unsigned char	*p;
	unsigned char		 challenge[32];
	int			 n, i;
	enum tokerr		 e;

	buf_init(&b);
	buf_init(&sig);
	q[0] = (CK_ATTRIBUTE){ CKA_CLASS, &cls, sizeof(cls) };
	q[1] = (CK_ATTRIBUTE){ CKA_ID, (void *)key->id, key->idlen };
	if ((n = find(t, q, 2, objs, 16, &rv)) <= 0) {
		e = fail(why, TOKEN_NOT_FOUND, "no certificate with the key's "
		    "identifier is on token \"%s\"", t->label);
		goto out;
	}
	for (i = 0; i < n; i++) {
		X509_free(x);
		x = NULL;
		if (attr(t, objs[i], CKA_VALUE, &b) != CKR_OK)
			continue;
		p = (const unsigned char *)b.s;
		if ((x = d2i_X509(NULL, &p, (long)b.len)) != NULL &&
		    EVP_PKEY_eq(X509_get0_pubkey(x), key->pkey) == 1)
			break;
	}
	if (i == n) {
		e = fail(why, TOKEN_NOT_FOUND, "the certificate on token "
		    "\"%s\" does not carry the token's public key", t->label);
		goto out;
	}
	e = TOKEN_FAILED;
	if (RAND_bytes(challenge, sizeof(challenge)) != 1 ||
	    (e = token_sign(t, key, challenge, sizeof(challenge), &md, &sig,
	    why)) != TOKEN_OK)
		goto out;
	if ((mctx = EVP_MD_CTX_new()) == NULL ||
	    EVP_DigestVerifyInit(mctx, NULL, md, NULL,
	    X509_get0_pubkey(x)) != 1 ||
	    EVP_DigestVerify(mctx, (unsigned char *)sig.s, sig.len, challenge,
	    sizeof(challenge)) != 1) {
		ERR_clear_error();
		e = fail(why, TOKEN_FAILED, "a signature of token \"%s\" does "
		    "not verify with the certificate", t->label);
		goto out;
	}
	e = TOKEN_OK;
out:
	EVP_MD_CTX_free(mctx);
	X509_free(x);
	buf_free(&b);
	buf_free(&sig);
	return e;
}

void
tokkey_free(struct tokkey *key)
{
	EVP_PKEY_free(key->pkey);
	key->pkey = NULL;
}

/* Logs out, closes the session and releases the module. */
void
token_close(struct token *t)
{
	if (t->open) {
		t->mod->C_Logout(t->sess);
		t->mod->C_CloseSession(t->sess);
	}
	if (t->mods != NULL)
		p11_kit_modules_finalize_and_release(t->mods);
	else if (t->mod != NULL) {
		if (t->inited)
			p11_kit_module_finalize(t->mod);
		p11_kit_module_release(t->mod);
	}
	memset(t, 0, sizeof(*t));
}
