/*
 * Issuing external account binding keys: see eabkey.h.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include "audit.h"
#include "b64u.h"
#include "buf.h"
#include "db.h"
#include "dbacme.h"
#include "eabkey.h"
#include "log.h"

/*
 * A new EAB key for our account `account`, issued by `actor` (`role`):
 * the key identifier into `kid` (EABKEY_KID_LEN + 1 bytes) and the MAC
 * key, base64url, into `mac` (EABKEY_MAC_LEN + 1 bytes), stored and
 * audited in one transaction. The MAC key is shown once: only the
 * database keeps it. Returns 1, or 0 (logged).
 */
int
eabkey_new(struct db *db, long long account, const char *actor,
    const char *role, char *kid, char *mac)
{
	unsigned char	 id[16], key[EAB_KEY_BYTES];
	struct buf	 k, m;
	char		 details[64];
	int		 rc = 0;

	buf_init(&k);
	buf_init(&m);
	if (RAND_bytes(id, sizeof(id)) != 1 ||
	    RAND_bytes(key, sizeof(key)) != 1) {
		log_ssl("RAND_bytes");
		goto out;
	}
	if (!b64u_encode(&k, id, sizeof(id)) || k.len != EABKEY_KID_LEN ||
	    !b64u_encode(&m, key, sizeof(key)) || m.len != EABKEY_MAC_LEN)
		goto out;
	snprintf(details, sizeof(details), "kid %s", k.s);
	if (!db_begin(db))
		goto out;
	if (db_acme_eab_add(db, k.s, key, sizeof(key), account) != DB_OK ||
	    !audit_add(db, actor, role, "", "acme.eab.issued", 0, "account",
	    details) || !db_commit(db)) {
		db_rollback(db);
		goto out;
	}
	memcpy(kid, k.s, EABKEY_KID_LEN + 1);
	memcpy(mac, m.s, EABKEY_MAC_LEN + 1);
	rc = 1;
out:
	OPENSSL_cleanse(key, sizeof(key));
	if (m.cap != 0)
		OPENSSL_cleanse(m.s, m.cap);
	buf_free(&k);
	buf_free(&m);
	return rc;
}
