/*
 * Typed queries of the card agent's one-time codes: see dbcard.h.
 */
#include "config.h"

#include <string.h>

#include "dbcard.h"

/* A card code with its state and order, in the order one() reads them. */
#define CARD_COLS \
	"c.id, c.order_id, c.purpose, c.key_type, HEX(c.salt), " \
	"c.used_at IS NOT NULL, c.expires_at <= NOW(6), c.refusals, " \
	"DATE_FORMAT(c.expires_at, '%Y-%m-%dT%H:%i:%sZ'), o.number, " \
	"o.account_id "

DB_STMT(card_insert,
    "INSERT INTO card_codes (order_id, purpose, key_type, salt, "
    "code_sha256, expires_at) "
    "VALUES (?, ?, ?, ?, ?, NOW(6) + INTERVAL 30 MINUTE)");

/*
 * Stores a code of order `order` for `purpose` and key `key`: its salt
 * (16 bytes) and the SHA-256 of the code (32 bytes), valid 30 minutes.
 */
enum dbrc
db_card_add(struct db *db, long long order, const char *purpose,
    const char *key, const unsigned char *salt, const unsigned char *hash)
{
	return db_run(db, &sql_card_insert, NULL, "issbb", order, purpose,
	    key, salt, (size_t)16, hash, (size_t)32);
}

static enum dbrc
one(struct db *db, MYSQL_STMT *st, struct card_code *c)
{
	return db_one(db, st, db_result(db, st, "iisssiiissi", &c->id,
	    &c->order_id, c->purpose, sizeof(c->purpose), c->key,
	    sizeof(c->key), c->salt, sizeof(c->salt), &c->used, &c->expired,
	    &c->refusals, c->expires, sizeof(c->expires), c->number,
	    sizeof(c->number), &c->account_id));
}

DB_STMT(card_latest,
    "SELECT " CARD_COLS "FROM card_codes c "
    "JOIN orders o ON o.id = c.order_id WHERE c.order_id = ? "
    "AND c.purpose = ? AND c.key_type = ? AND c.used_at IS NULL "
    "AND c.expires_at > NOW(6) ORDER BY c.id DESC LIMIT 1");

/*
 * The newest code of order `order` for `purpose` and `key` that is
 * neither used nor expired; DB_NOTFOUND when there is none.
 */
enum dbrc
db_card_latest(struct db *db, long long order, const char *purpose,
    const char *key, struct card_code *c)
{
	MYSQL_STMT	*st;

	memset(c, 0, sizeof(*c));
	if ((st = db_exec(db, &sql_card_latest, "iss", order, purpose,
	    key)) == NULL)
		return DB_ERR;
	return one(db, st, c);
}

DB_STMT(card_get,
    "SELECT " CARD_COLS "FROM card_codes c "
    "JOIN orders o ON o.id = c.order_id WHERE c.code_sha256 = ?");
DB_STMT(card_lock,
    "SELECT " CARD_COLS "FROM card_codes c "
    "JOIN orders o ON o.id = c.order_id WHERE c.code_sha256 = ? "
    "FOR UPDATE");

/*
 * The code whose SHA-256 is `hash` (32 bytes), locked for the
 * transaction when `lock`; DB_NOTFOUND when no code has it.
 */
enum dbrc
db_card_get(struct db *db, const unsigned char *hash, int lock,
    struct card_code *c)
{
	MYSQL_STMT	*st;

	memset(c, 0, sizeof(*c));
	if ((st = db_exec(db, lock ? &sql_card_lock : &sql_card_get, "b", hash,
	    (size_t)32)) == NULL)
		return DB_ERR;
	return one(db, st, c);
}

DB_STMT(card_use,
    "UPDATE card_codes SET used_at = NOW(6), used_from = ? "
    "WHERE id = ? AND used_at IS NULL");

/* Marks code `id` used from `addr`; DB_NOTFOUND when it already was. */
enum dbrc
db_card_use(struct db *db, long long id, const char *addr)
{
	return db_run(db, &sql_card_use, NULL, "si", addr, id);
}

DB_STMT(card_refused,
    "UPDATE card_codes SET refusals = refusals + 1 WHERE id = ?");

/* Counts a refused request made with code `id`. */
enum dbrc
db_card_refused(struct db *db, long long id)
{
	return db_run(db, &sql_card_refused, NULL, "i", id);
}

DB_STMT(card_clear_csr,
    "UPDATE orders SET act_csr = NULL WHERE id = ?");

/*
 * Drops the CSR of order `id` (the card will make the key): DB_OK also
 * when there was none.
 */
enum dbrc
db_card_clear_csr(struct db *db, long long id)
{
	enum dbrc	 rc = db_run(db, &sql_card_clear_csr, NULL, "i", id);

	return rc == DB_NOTFOUND ? DB_OK : rc;
}
