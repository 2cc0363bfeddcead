/*
 * Replay nonces: see nonce.h.
 */
#include "config.h"

#include <string.h>

#include <openssl/rand.h>

#include "b64u.h"
#include "buf.h"
#include "db.h"
#include "dbacme.h"
#include "log.h"
#include "nonce.h"

const char *const noncerc_names[NONCE__MAX] = {
	"ok",		/* NONCE_OK */
	"bad",		/* NONCE_BAD */
	"error",	/* NONCE_ERR */
};

/*
 * Whether `s` has the form of a nonce of ours: NONCE_LEN characters of
 * canonical base64url (so the database is never asked about anything
 * else).
 */
int
nonce_valid(const char *s)
{
	struct buf	 b;
	int		 ok;

	if (s == NULL || strlen(s) != NONCE_LEN)
		return 0;
	buf_init(&b);
	ok = b64u_decode(&b, s, NONCE_LEN) && b.len == NONCE_BYTES;
	buf_free(&b);
	return ok;
}

/*
 * Issues a nonce into `out` (NONCE_LEN + 1 bytes) and records it; now
 * and then prunes the expired ones. Returns NONCE_OK or NONCE_ERR
 * (logged).
 */
enum noncerc
nonce_new(struct db *db, char *out)
{
	unsigned char	 raw[NONCE_BYTES];
	struct buf	 b;
	enum noncerc	 rc = NONCE_ERR;
	enum dbrc	 d;
	int		 attempt;

	buf_init(&b);
	for (attempt = 0; attempt < 2; attempt++) {
		buf_reset(&b);
		if (RAND_bytes(raw, sizeof(raw)) != 1) {
			log_ssl("RAND_bytes");
			goto out;
		}
		if (!b64u_encode(&b, raw, sizeof(raw)) || b.len != NONCE_LEN)
			goto out;
		if ((d = db_acme_nonce_add(db, b.s)) == DB_OK)
			break;
		if (d != DB_DUP)
			goto out;
	}
	if (attempt == 2)
		goto out;
	memcpy(out, b.s, NONCE_LEN + 1);
	/* One issue in 64 prunes: the table stays near an hour's worth. */
	if ((raw[0] & 0x3f) == 0 && db_acme_nonce_prune(db, NONCE_TTL) != DB_OK)
		goto out;
	rc = NONCE_OK;
out:
	buf_free(&b);
	return rc;
}

/*
 * Accepts the nonce `s` of a request, once: NONCE_OK, NONCE_BAD when
 * malformed, unknown, used already or expired, NONCE_ERR.
 */
enum noncerc
nonce_take(struct db *db, const char *s)
{
	if (!nonce_valid(s))
		return NONCE_BAD;
	switch (db_acme_nonce_take(db, s, NONCE_TTL)) {
	case DB_OK:
		return NONCE_OK;
	case DB_NOTFOUND:
		return NONCE_BAD;
	default:
		return NONCE_ERR;
	}
}
