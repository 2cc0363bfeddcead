/*
 * Typed queries on brands: the white-label settings a partner's
 * customers' mails are composed with.
 */
#include "config.h"

#include <string.h>

#include "db.h"

DB_STMT(brand_of_mail,
    "SELECT b.code, b.theme, b.lang, b.name, b.base_url, b.mail_from, "
    "b.mail_from_name, b.support_url, b.help_url, b.mail_footer "
    "FROM partners p JOIN brands b ON b.id = p.brand_id "
    "WHERE p.id = COALESCE((SELECT o.partner_id FROM orders o "
    "WHERE o.id = ?), (SELECT a.partner_id FROM accounts a "
    "WHERE a.id = ?))");

/*
 * The brand of the partner that owns order `order` (0: none), or else of
 * account `account`'s partner. Returns DB_OK, DB_NOTFOUND when neither
 * has a partner with a brand, or DB_ERR.
 */
enum dbrc
db_brand_of_mail(struct db *db, long long order, long long account,
    struct brand *b)
{
	MYSQL_STMT	*st;

	memset(b, 0, sizeof(*b));
	if ((st = db_exec(db, &sql_brand_of_mail, "ii", order, account)) ==
	    NULL)
		return DB_ERR;
	return db_one(db, st, db_result(db, st, "ssssssssss",
	    b->code, sizeof(b->code), b->theme, sizeof(b->theme),
	    b->lang, sizeof(b->lang), b->name, sizeof(b->name),
	    b->base_url, sizeof(b->base_url),
	    b->mail_from, sizeof(b->mail_from),
	    b->mail_from_name, sizeof(b->mail_from_name),
	    b->support_url, sizeof(b->support_url),
	    b->help_url, sizeof(b->help_url),
	    b->mail_footer, sizeof(b->mail_footer)));
}

DB_STMT(brand_put,
    "INSERT INTO brands (code, theme, lang, name, base_url, mail_from, "
    "mail_from_name, support_url, help_url, mail_footer) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE "
    "theme = VALUES(theme), lang = VALUES(lang), name = VALUES(name), "
    "base_url = VALUES(base_url), mail_from = VALUES(mail_from), "
    "mail_from_name = VALUES(mail_from_name), "
    "support_url = VALUES(support_url), help_url = VALUES(help_url), "
    "mail_footer = VALUES(mail_footer)");

/*
 * Creates brand `b->code`, or replaces its settings.
 */
enum dbrc
db_brand_put(struct db *db, const struct brand *b)
{
	enum dbrc	 rc;

	rc = db_run(db, &sql_brand_put, NULL, "ssssssssss", b->code,
	    b->theme, b->lang, b->name, b->base_url, b->mail_from,
	    b->mail_from_name, b->support_url, b->help_url, b->mail_footer);
	/* Re-stating the same values changes no row: still success. */
	return rc == DB_NOTFOUND ? DB_OK : rc;
}

DB_STMT(brand_of_partner_clear,
    "UPDATE partners SET brand_id = NULL WHERE code = ?");
DB_STMT(brand_of_partner_set,
    "UPDATE partners p JOIN brands b ON b.code = ? "
    "SET p.brand_id = b.id WHERE p.code = ?");

/*
 * Gives partner `partner` the brand `code`. Part of the caller's
 * transaction. Returns DB_NOTFOUND when either code is unknown.
 */
enum dbrc
db_partner_set_brand(struct db *db, const char *partner, const char *code)
{
	enum dbrc	 rc;

	rc = db_run(db, &sql_brand_of_partner_clear, NULL, "s", partner);
	if (rc != DB_OK && rc != DB_NOTFOUND)
		return rc;
	return db_run(db, &sql_brand_of_partner_set, NULL, "ss", code,
	    partner);
}
