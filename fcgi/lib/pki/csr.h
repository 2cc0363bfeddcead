/*
 * Certificate signing requests from customers: the intake of what they
 * paste or upload (PEM or DER, and the wrong objects people send instead),
 * the self-signature as proof of possession, and the key rules of the
 * S/MIME Baseline Requirements (6.1.1.3 weak keys, 6.1.5 key sizes, 6.1.6
 * parameters, 7.1.3.1 algorithm encodings).
 *
 * Use:
 *
 *	bl = blocklist_load(dir);		once, at start-up
 *	e = csr_parse(body, len, &csr, &pk);	per request
 *	if (pk)					refuse whatever e is
 *	if (e == CSR_OK)
 *		e = csr_check_key(&csr, bl);
 *	csr_free(&csr);				whatever happened
 *
 * Every enum csrerr but CSR_OK and CSR_INTERNAL is the customer's problem
 * (an HTTP 422 with the text of the catalogue key "csr.<name>", name from
 * csrerr_names[]); CSR_INTERNAL is ours (a 500: memory ran out).
 *
 * Ownership: struct csr owns its request and its DER; csr_free() releases
 * both and may be called on a zeroed or already freed struct. A blocklist
 * is read-only after blocklist_load() and may be shared by any number of
 * requests; blocklist_free() releases it.
 */
#ifndef SMIME_CSR_H
#define SMIME_CSR_H

#include <stddef.h>

#include <openssl/x509.h>

/* The largest request accepted, PEM or DER, text around it included. */
#define CSR_MAX_BYTES	(64 * 1024)

/*
 * RSA modulus bounds (SBR 6.1.5: 2048 at least; the upper bound is
 * product policy, it keeps the cost of a check bounded and OpenSSL
 * does not verify with moduli over 16384 bits anyway).
 */
#define CSR_RSA_MIN_BITS	2048
#define CSR_RSA_MAX_BITS	8192

/* Rounds of Fermat's factorisation tried on an RSA modulus (SBR 6.1.1.3). */
#define CSR_FERMAT_ROUNDS	100

enum csrerr {
	CSR_OK,				/* ok */
	CSR_EMPTY,			/* empty */
	CSR_TOOBIG,			/* too-big */
	CSR_NOT_CSR_CERTIFICATE,	/* not-csr-certificate */
	CSR_NOT_CSR_PRIVATE_KEY,	/* not-csr-private-key */
	CSR_NOT_CSR_PKCS7,		/* not-csr-pkcs7 */
	CSR_NOT_CSR,			/* not-csr */
	CSR_ENCODING,			/* encoding */
	CSR_SIGNATURE,			/* signature */
	CSR_KEY_TYPE,			/* key-type */
	CSR_RSA_SIZE,			/* rsa-size */
	CSR_RSA_MOD8,			/* rsa-mod8 */
	CSR_RSA_EXPONENT,		/* rsa-exponent */
	CSR_RSA_SMALL_FACTOR,		/* rsa-small-factor */
	CSR_WEAK_DEBIAN,		/* weak-debian */
	CSR_WEAK_ROCA,			/* weak-roca */
	CSR_WEAK_FERMAT,		/* weak-fermat */
	CSR_EC_CURVE,			/* ec-curve */
	CSR_EC_POINT,			/* ec-point */
	CSR_EC_EXPLICIT,		/* ec-explicit */
	CSR_KEY_BLOCKED,		/* key-blocked */
	CSR_KEY_USED,			/* key-used */
	CSR_INTERNAL,			/* internal */
	CSR__MAX
};

/* Stable machine names: logs, and the catalogue key "csr.<name>". */
extern const char *const csrerr_names[CSR__MAX];

/* What the request's public key is, filled by csr_parse(). */
struct csr_key {
	int		 type;	/* EVP_PKEY_RSA, _EC, _ED25519, _ED448, … */
	int		 bits;	/* modulus or group order bits */
	char		 curve[16];	/* EC: "P-256", "P-384", "P-521", … */
	unsigned char	 spki_sha256[32];	/* of the DER SPKI */
	char		 desc[64];	/* "RSA 2048", "EC P-256", "Ed25519" */
	int		 signing_only;	/* EdDSA: no key encipherment */
};

struct csr {
	X509_REQ	*req;	/* the parsed request; owned */
	unsigned char	*der;	/* its DER as received; owned */
	size_t		 derlen;
	struct csr_key	 key;
};

struct blocklist;

/* Key types the weak key lists are counted by. */
enum blocklist_type {
	BLOCKLIST_RSA,
	BLOCKLIST_EC,		/* EC and EdDSA */
	BLOCKLIST_ANY,		/* lists that do not say */
	BLOCKLIST__MAX
};

extern const char *const blocklist_type_names[BLOCKLIST__MAX];

struct blocklist	*blocklist_load(const char *);
void			 blocklist_free(struct blocklist *);
size_t			 blocklist_count(const struct blocklist *,
			    enum blocklist_type);
void			 blocklist_summary(const struct blocklist *, char *,
			    size_t);
enum csrerr		 csr_parse(const char *, size_t, struct csr *, int *);
enum csrerr		 csr_parse_kept(const void *, size_t, struct csr *);
int			 csr_verify(const void *, size_t);
enum csrerr		 csr_check_key(const struct csr *,
			    const struct blocklist *);
void			 csr_free(struct csr *);

#endif
