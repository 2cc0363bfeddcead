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

DB_STMT(outbox_due,
    /* Locked for the delivery; other mailers skip it meanwhile. */
    "SELECT id, mail_from, rcpt, message, attempts, "
    "TIMESTAMPDIFF(SECOND, created_at, NOW(6)) FROM outbox "
    "WHERE sent_at IS NULL AND failed_at IS NULL AND due_at <= NOW(6) "
    "ORDER BY due_at, id LIMIT 1 FOR UPDATE SKIP LOCKED");

/*
 * Claims the oldest due message for delivery, locked for the rest of the
 * caller's transaction: other mailers skip it meanwhile. The message's
 * bytes go to `msg`. Returns DB_OK, DB_NOTFOUND (none due) or DB_ERR.
 */
enum dbrc
db_outbox_claim(struct db *db, struct outmail *m, struct buf *msg)
{
	MYSQL_STMT	*st;

	memset(m, 0, sizeof(*m));
	if ((st = db_exec(db, &sql_outbox_due, "")) == NULL)
		return DB_ERR;
	return db_one(db, st, db_result(db, st, "issBii", &m->id, m->from,
	    sizeof(m->from), m->rcpt, sizeof(m->rcpt), msg, &m->attempts,
	    &m->age));
}

DB_STMT(outbox_sent,
    "UPDATE outbox SET sent_at = NOW(6), attempts = attempts + 1 "
    "WHERE id = ? AND sent_at IS NULL");

/* Message `id` was accepted by the MTA. */
enum dbrc
db_outbox_sent(struct db *db, long long id)
{
	return db_run(db, &sql_outbox_sent, NULL, "i", id);
}

DB_STMT(outbox_retry,
    "UPDATE outbox SET attempts = attempts + 1, last_error = ?, "
    "due_at = NOW(6) + INTERVAL ? SECOND WHERE id = ?");

/* Message `id` failed for now (`err`): tried again in `delay` seconds. */
enum dbrc
db_outbox_retry(struct db *db, long long id, const char *err,
    long long delay)
{
	return db_run(db, &sql_outbox_retry, NULL, "sii", err, delay, id);
}

DB_STMT(outbox_fail,
    "UPDATE outbox SET attempts = attempts + 1, last_error = ?, "
    "failed_at = NOW(6) WHERE id = ?");

/* Message `id` failed for good (`err`): refused, or too old to retry. */
enum dbrc
db_outbox_fail(struct db *db, long long id, const char *err)
{
	return db_run(db, &sql_outbox_fail, NULL, "si", err, id);
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
