/*
 * Typed queries of the ACME server: nonces.
 */
#include "config.h"

#include <string.h>

#include "db.h"

/* Records a nonce just issued; DB_DUP on the (2^-128) collision. */
enum dbrc
db_acme_nonce_add(struct db *db, const char *nonce)
{
	return db_run(db, STMT_ACME_NONCE_INSERT, NULL, "s", nonce);
}

/*
 * Uses the nonce `nonce` issued less than `ttl` seconds ago: the row is
 * deleted, so a second use finds nothing. Returns DB_OK when it was
 * valid, DB_NOTFOUND when unknown, used or too old, DB_ERR.
 */
enum dbrc
db_acme_nonce_take(struct db *db, const char *nonce, int ttl)
{
	return db_run(db, STMT_ACME_NONCE_TAKE, NULL, "si", nonce,
	    (long long)ttl);
}

/* Deletes up to 100 nonces older than `ttl` seconds. */
enum dbrc
db_acme_nonce_prune(struct db *db, int ttl)
{
	enum dbrc	 rc;

	rc = db_run(db, STMT_ACME_NONCE_PRUNE, NULL, "i", (long long)ttl);
	return rc == DB_NOTFOUND ? DB_OK : rc;
}
