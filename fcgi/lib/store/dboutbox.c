/*
 * The outbox: mail queued in the transaction of the change it reports
 * (db_outbox_add), claimed, delivered and recorded by smime-mailer.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "db.h"

DB_STMT(outbox_insert,
    "INSERT INTO outbox (kind, order_id, mail_from, rcpt, message) "
    "VALUES (?, ?, ?, ?, ?)");

/* Queues a whole RFC 5322 message for the mailer. */
enum dbrc
db_outbox_add(struct db *db, const char *kind, long long order,
    const char *from, const char *rcpt, const char *message)
{
	return db_run(db, &sql_outbox_insert, NULL, "sisss", kind, order, from,
	    rcpt, message);
}

/* What no mailer holds: never claimed, given back, or its lease over. */
#define UNCLAIMED \
    "(claimed_by IS NULL OR claim_until < NOW(6))"
#define DUE \
    "sent_at IS NULL AND failed_at IS NULL AND due_at <= NOW(6) "

DB_STMT(outbox_due,
    "SELECT id FROM outbox WHERE " DUE "AND " UNCLAIMED " "
    "ORDER BY due_at, id LIMIT ?");

/*
 * The ids of up to `max` due messages that no mailer holds, oldest
 * first, into `ids`; *n gets how many. Returns DB_OK (*n may be 0) or
 * DB_ERR.
 */
enum dbrc
db_outbox_due(struct db *db, long long *ids, size_t max, size_t *n)
{
	MYSQL_STMT	*st;
	long long	 id;
	int		 r = -1;

	*n = 0;
	if ((st = db_exec(db, &sql_outbox_due, "i", (long long)max)) == NULL)
		return DB_ERR;
	if (db_result(db, st, "i", &id))
		while ((r = db_row(db, st)) == 1 && *n < max)
			ids[(*n)++] = id;
	db_done(st);
	return r < 0 ? DB_ERR : DB_OK;
}

DB_STMT(outbox_claim,
    "UPDATE outbox SET claimed_by = ?, "
    "claim_until = NOW(6) + INTERVAL ? SECOND "
    "WHERE id = ? AND " DUE "AND " UNCLAIMED);

/*
 * Claims message `id` for mailer `me` for `lease` seconds, outside any
 * transaction, so that the claim is committed (on every node of a
 * cluster) before the message is sent. Only one mailer's UPDATE changes
 * the row: the others find it claimed (on one server), or lose at
 * commit with a deadlock error (Galera's certification).
 * Returns DB_OK when the claim is `me`'s, DB_NOTFOUND when another
 * mailer has it or it is no longer due, DB_ERR otherwise.
 */
enum dbrc
db_outbox_claim(struct db *db, long long id, const char *me, long long lease)
{
	enum dbrc	 rc;

	rc = db_run(db, &sql_outbox_claim, NULL, "sii", me, lease, id);
	if (rc == DB_ERR && db_busy(db))
		return DB_NOTFOUND;
	return rc;
}

DB_STMT(outbox_get,
    "SELECT mail_from, rcpt, message, attempts, "
    "TIMESTAMPDIFF(SECOND, created_at, NOW(6)) FROM outbox "
    "WHERE id = ? AND claimed_by = ?");

/*
 * Message `id` as claimed by `me`: its envelope into `m`, its bytes to
 * `msg`. Returns DB_OK, DB_NOTFOUND (not `me`'s) or DB_ERR.
 */
enum dbrc
db_outbox_get(struct db *db, long long id, const char *me,
    struct outmail *m, struct buf *msg)
{
	MYSQL_STMT	*st;

	memset(m, 0, sizeof(*m));
	m->id = id;
	if ((st = db_exec(db, &sql_outbox_get, "is", id, me)) == NULL)
		return DB_ERR;
	return db_one(db, st, db_result(db, st, "ssBii", m->from,
	    sizeof(m->from), m->rcpt, sizeof(m->rcpt), msg, &m->attempts,
	    &m->age));
}

DB_STMT(outbox_sent,
    "UPDATE outbox SET sent_at = NOW(6), attempts = attempts + 1, "
    "claim_until = NULL WHERE id = ? AND claimed_by = ? AND sent_at IS NULL");

/*
 * Message `id`, claimed by `me`, was accepted by the MTA. DB_NOTFOUND
 * when the claim is no longer `me`'s (its lease ran out).
 */
enum dbrc
db_outbox_sent(struct db *db, long long id, const char *me)
{
	return db_run(db, &sql_outbox_sent, NULL, "is", id, me);
}

DB_STMT(outbox_retry,
    "UPDATE outbox SET attempts = attempts + 1, last_error = ?, "
    "due_at = NOW(6) + INTERVAL ? SECOND, claimed_by = NULL, "
    "claim_until = NULL WHERE id = ? AND claimed_by = ?");

/*
 * Message `id`, claimed by `me`, failed for now (`err`): given back, to
 * be tried again in `delay` seconds. DB_NOTFOUND as db_outbox_sent().
 */
enum dbrc
db_outbox_retry(struct db *db, long long id, const char *me, const char *err,
    long long delay)
{
	return db_run(db, &sql_outbox_retry, NULL, "siis", err, delay, id, me);
}

DB_STMT(outbox_fail,
    "UPDATE outbox SET attempts = attempts + 1, last_error = ?, "
    "failed_at = NOW(6), claim_until = NULL "
    "WHERE id = ? AND claimed_by = ?");

/*
 * Message `id`, claimed by `me`, failed for good (`err`): refused, or
 * too old to retry. DB_NOTFOUND as db_outbox_sent().
 */
enum dbrc
db_outbox_fail(struct db *db, long long id, const char *me, const char *err)
{
	return db_run(db, &sql_outbox_fail, NULL, "sis", err, id, me);
}

DB_STMT(outbox_wake,
    /* Mail waiting out a backoff is due now: the MTA answers again. */
    "UPDATE outbox SET due_at = NOW(6) WHERE sent_at IS NULL "
    "AND failed_at IS NULL AND attempts > 0 AND due_at > NOW(6)");

/*
 * Every message waiting out a backoff after failures is due now (the MTA
 * is back). DB_NOTFOUND when none was waiting.
 */
enum dbrc
db_outbox_wake(struct db *db)
{
	return db_run(db, &sql_outbox_wake, NULL, "");
}
