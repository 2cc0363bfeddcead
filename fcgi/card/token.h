/*
 * The cryptographic card through PKCS#11, for smime-card: the module
 * (a path, or the modules registered with p11-kit), the token by label or
 * serial, the login, a key pair generated on the token, signatures made
 * by it, and certificates written next to their key.
 *
 * Use:
 *
 *	token_open(&t, module, label, why);	module and token
 *	token_login(&t, pin, why);		TOKEN_OK, or why not
 *	token_keygen(&t, KEY_P256, label, &key, why);
 *	token_sign(&t, &key, tbs, len, &sig, why);
 *	token_close(&t);			whatever happened
 *
 * Errors: every function returns an enum tokerr and writes a sentence
 * for a person into `why` (TOKEN_WHY bytes). The private key never
 * leaves the token: it is made sensitive and not extractable, and the
 * key pair is destroyed again if the token does not honour that.
 *
 * Ownership: struct token owns its module and session; token_close()
 * releases both and may be called on a zeroed struct. struct tokkey owns
 * its public key (an EVP_PKEY); tokkey_free() releases it.
 */
#ifndef SMIME_TOKEN_H
#define SMIME_TOKEN_H

#include <stddef.h>

#include <openssl/evp.h>
#include <openssl/x509.h>

#include <p11-kit/p11-kit.h>

#include "buf.h"

#define TOKEN_WHY	512	/* bytes of an error sentence */
#define TOKEN_ID_LEN	20	/* bytes of a fresh CKA_ID */

enum tokerr {
	TOKEN_OK,		/* ok */
	TOKEN_MODULE,		/* module: not loadable or not initialised */
	TOKEN_ABSENT,		/* absent: no such token, or none present */
	TOKEN_AMBIGUOUS,	/* ambiguous: several tokens, none named */
	TOKEN_PIN_INCORRECT,	/* pin-incorrect */
	TOKEN_PIN_LOCKED,	/* pin-locked */
	TOKEN_PIN_NONE,		/* pin-none: no PIN given */
	TOKEN_UNSUPPORTED,	/* unsupported: the token cannot do it */
	TOKEN_NOT_FOUND,	/* not-found: no key for this certificate */
	TOKEN_FAILED,		/* failed: any other refusal of the token */
	TOKEN__MAX
};

extern const char *const tokerr_names[TOKEN__MAX];

/* The key parameters the server names ("rsa2048" … "p384"). */
enum keykind {
	KEY_RSA2048,	/* rsa2048 */
	KEY_RSA3072,	/* rsa3072 */
	KEY_RSA4096,	/* rsa4096 */
	KEY_P256,	/* p256 */
	KEY_P384,	/* p384 */
	KEY__MAX
};

extern const char *const keykind_names[KEY__MAX];

struct token {
	CK_FUNCTION_LIST	 *mod;		/* the module in use */
	CK_FUNCTION_LIST	**mods;		/* p11-kit's list, or NULL */
	CK_SLOT_ID		  slot;
	CK_SESSION_HANDLE	  sess;
	int			  open;		/* sess is valid */
	int			  inited;	/* mod initialised by us */
	char			  label[33];	/* the token's label */
	char			  serial[17];	/* the token's serial */
	char			  module[256];	/* the module's file */
	unsigned long		  flags;	/* CK_TOKEN_INFO flags */
};

struct tokkey {
	CK_OBJECT_HANDLE	 priv;
	CK_OBJECT_HANDLE	 pub;
	unsigned char		 id[64];	/* CKA_ID */
	size_t			 idlen;
	char			 label[128];	/* CKA_LABEL */
	enum keykind		 kind;
	EVP_PKEY		*pkey;		/* the public key; owned */
};

int		 keykind_parse(const char *, enum keykind *);
enum tokerr	 token_open(struct token *, const char *, const char *,
		    char *);
int		 token_pinpad(const struct token *);
const char	*token_pin_warning(struct token *);
enum tokerr	 token_login(struct token *, const char *, char *);
enum tokerr	 token_keygen(struct token *, enum keykind, const char *,
		    struct tokkey *, char *);
enum tokerr	 token_sign(struct token *, const struct tokkey *,
		    const unsigned char *, size_t, const EVP_MD **,
		    struct buf *, char *);
enum tokerr	 token_find_key(struct token *, EVP_PKEY *, struct tokkey *,
		    char *);
enum tokerr	 token_put_cert(struct token *, X509 *, const unsigned char *,
		    size_t, const char *, int, int *, char *);
enum tokerr	 token_cert_matches(struct token *, const struct tokkey *,
		    char *);
void		 tokkey_free(struct tokkey *);
void		 token_close(struct token *);

#endif
