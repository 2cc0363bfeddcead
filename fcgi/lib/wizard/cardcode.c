/*
 * The card agent's one-time codes: see card.h.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include <openssl/evp.h>
#include <openssl/rand.h>

#include "buf.h"
#include "cardcode.h"
#include "csrf.h"
#include "log.h"
#include "page.h"

static const char *const keys[] = {
	"rsa2048", "rsa3072", "rsa4096", "p256", "p384", NULL
};

/* Whether `k` names key parameters the agent makes. */
int
cardcode_key_valid(const char *k)
{
	size_t	 i;

	for (i = 0; k != NULL && keys[i] != NULL; i++)
		if (strcmp(k, keys[i]) == 0)
			return 1;
	return 0;
}

static void
tohex(const unsigned char *p, size_t n, char *out)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		snprintf(out + 2 * i, 3, "%02x", p[i]);
}

static int
fromhex(const char *s, unsigned char *out, size_t n)
{
	size_t	 i;
	unsigned int v;

	for (i = 0; i < n; i++) {
		if (!isxdigit((unsigned char)s[2 * i]) ||
		    !isxdigit((unsigned char)s[2 * i + 1]) ||
		    sscanf(s + 2 * i, "%2x", &v) != 1)
			return 0;
		out[i] = (unsigned char)v;
	}
	return s[2 * n] == '\0';
}

/*
 * The code of a salt (32 hex digits, as stored): the first 16 bytes of
 * SHA-256 over the service's HMAC of "card-code:<salt>", as 32 lower-case
 * hex digits into `code` (CARD_CODE_HEX + 1 bytes). Returns 0 without
 * the key.
 */
int
cardcode_of(const char *salthex, char *code)
{
	char		 subject[64], mac[CSRF_TOKEN_MAX];
	unsigned char	 md[EVP_MAX_MD_SIZE];
	unsigned int	 mdlen;
	size_t		 i;

	/* The database gives the salt's hex in upper case: one spelling. */
	snprintf(subject, sizeof(subject), "card-code:%s", salthex);
	for (i = 0; subject[i] != '\0'; i++)
		subject[i] = (char)tolower((unsigned char)subject[i]);
	if (!csrf_token(subject, 0, mac, sizeof(mac)) ||
	    EVP_Digest(mac, strlen(mac), md, &mdlen, EVP_sha256(), NULL) != 1)
		return 0;
	tohex(md, CARD_CODE_HEX / 2, code);
	return 1;
}

/*
 * The SHA-256 (32 bytes, into `hash`) of a code given as 32 hex digits
 * (either case). Returns 0 when `code` is not one.
 */
int
cardcode_hash(const char *code, unsigned char *hash)
{
	unsigned char	 raw[CARD_CODE_HEX / 2];
	char		 lower[CARD_CODE_HEX + 1];
	unsigned int	 len;

	if (strlen(code) != CARD_CODE_HEX ||
	    !fromhex(code, raw, sizeof(raw)))
		return 0;
	tohex(raw, sizeof(raw), lower);
	return EVP_Digest(lower, CARD_CODE_HEX, hash, &len, EVP_sha256(),
	    NULL) == 1;
}

/*
 * A new code of order `order` for `purpose` and `key`: stored (its salt
 * and hash), then read back into *c. Returns 1, or 0 (logged).
 */
int
cardcode_new(struct db *db, long long order, const char *purpose,
    const char *key, struct card_code *c)
{
	unsigned char	 salt[16], hash[32];
	char		 salthex[33], code[CARD_CODE_HEX + 1];

	if (RAND_priv_bytes(salt, sizeof(salt)) != 1) {
		log_warnx("card code: no random bytes");
		return 0;
	}
	tohex(salt, sizeof(salt), salthex);
	if (!cardcode_of(salthex, code) || !cardcode_hash(code, hash) ||
	    db_card_add(db, order, purpose, key, salt, hash) != DB_OK)
		return 0;
	return db_card_get(db, hash, 0, c) == DB_OK;
}

/*
 * Adds <card purpose= key= code= link= command= expires=/> for code *c
 * to `parent`: the link the browser hands to the agent, and the command
 * to run by hand. Returns the node, or NULL when memory or the key ran
 * out.
 */
xmlNodePtr
cardcode_view(xmlNodePtr parent, const struct card_code *c, const char *base)
{
	xmlNodePtr	 n;
	char		 code[CARD_CODE_HEX + 1], link[1200], cmd[1300];

	if (!cardcode_of(c->salt, code))
		return NULL;
	snprintf(link, sizeof(link), "smime-card:%s/activation/card/%s",
	    base != NULL ? base : "", code);
	snprintf(cmd, sizeof(cmd), "smime-card %s '%s'", c->purpose, link);
	if ((n = page_add(parent, "card", NULL)) == NULL ||
	    !page_attr(n, "purpose", c->purpose) ||
	    !page_attr(n, "key", c->key) || !page_attr(n, "code", code) ||
	    !page_attr(n, "link", link) || !page_attr(n, "command", cmd) ||
	    !page_attr(n, "expires", c->expires))
		return NULL;
	return n;
}

/*
 * For the details view of order `order`: <card install="1"/> in `parent`
 * when the order's key pair is made on a card (the page then offers
 * "Install on card" once the certificate is issued). Returns 0 on a
 * database error or when memory ran out.
 */
int
cardcode_offer(struct db *db, xmlNodePtr parent, long long order)
{
	struct activation	 a;
	struct buf		 csr;
	enum dbrc		 rc;
	int			 ok;

	buf_init(&csr);
	rc = db_activation_get(db, order, &a, &csr);
	buf_free(&csr);
	if (rc != DB_OK)
		return rc == DB_NOTFOUND;
	if (strcmp(a.method, "card") != 0)
		return 1;
	ok = page_attr(page_add(parent, "card", NULL), "install", "1");
	return ok;
}
