/*
 * Typed queries of the administrator's command line: partners, accounts
 * (created, changed, disabled, listed) and orders found by any field.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "db.h"
#include "dbcols.h"
#include "log.h"

DB_STMT(admin_account_insert,
    "INSERT INTO accounts (login, name, role, partner_id) "
    "VALUES (?, ?, ?, ?)");
DB_STMT(admin_account_set,
    "UPDATE accounts SET name = ?, role = ?, partner_id = ? "
    "WHERE login = ?");
/* An account for the administrator, in the order bind_info() reads it. */
#define ACCOUNT_INFO_COLS \
	"a.id, a.login, a.name, a.role, IFNULL(a.partner_id, 0), " \
	"IFNULL(p.code, ''), IFNULL(a.email, ''), a.disabled, " \
	"DATE_FORMAT(a.created_at, '%Y-%m-%dT%H:%i:%sZ'), " \
	"(SELECT COUNT(*) FROM orders o WHERE o.account_id = a.id) " \
	"FROM accounts a LEFT JOIN partners p ON p.id = a.partner_id "
DB_STMT(admin_account_info,
    "SELECT " ACCOUNT_INFO_COLS "WHERE a.login = ?");
DB_STMT(admin_accounts_all,
    "SELECT " ACCOUNT_INFO_COLS "WHERE ? = '' OR a.role = ? "
    "ORDER BY a.login");
DB_STMT(admin_account_set_disabled,
    "UPDATE accounts SET disabled = ? WHERE login = ?");
DB_STMT(admin_orders,
    "SELECT " ORDER_COLS ORDER_FROM "WHERE (? = '' OR a.login = ?) "
    "AND (? = '' OR o.status = ?) ORDER BY o.id DESC LIMIT ?");
DB_STMT(admin_order_by_number,
    "SELECT " ORDER_COLS ORDER_FROM "WHERE o.number = ?");

/*
 * A new account `login` with `role`, of partner `partner` (an id, 0 for
 * none). Never changes an existing account.
 * Returns DB_OK, DB_DUP when the login exists, or DB_ERR.
 */
enum dbrc
db_account_add(struct db *db, const char *login, const char *name,
    const char *role, long long partner)
{
	char	 pids[24];

	snprintf(pids, sizeof(pids), "%lld", partner);
	return db_run(db, &sql_admin_account_insert, NULL, "ssss", login, name, role,
	    partner > 0 ? pids : NULL);
}

static int
bind_info(struct db *db, MYSQL_STMT *st, struct account_info *a)
{
	return db_result(db, st, "isssissisi", &a->id, a->login,
	    sizeof(a->login), a->name, sizeof(a->name), a->role,
	    sizeof(a->role), &a->partner_id, a->partner, sizeof(a->partner),
	    a->email, sizeof(a->email), &a->disabled, a->created,
	    sizeof(a->created), &a->orders);
}

/*
 * Account `login`, enabled or not, with its partner's code, its address
 * and its number of orders.
 * Returns DB_OK, DB_NOTFOUND or DB_ERR.
 */
enum dbrc
db_account_info(struct db *db, const char *login, struct account_info *a)
{
	MYSQL_STMT	*st;

	memset(a, 0, sizeof(*a));
	if ((st = db_exec(db, &sql_admin_account_info, "s", login)) == NULL)
		return DB_ERR;
	return db_one(db, st, bind_info(db, st, a));
}

/*
 * Every account by login, or those of `role` when it is not "".
 * Returns DB_OK or DB_ERR (also when `cb` returns 0).
 */
struct accountrow {
	struct account_info	 a;
	account_cb		 cb;
	void			*arg;
};

static int
account_row(void *arg)
{
	struct accountrow	*r = arg;

	return r->cb(r->arg, &r->a);
}

enum dbrc
db_accounts_all(struct db *db, const char *role, account_cb cb, void *arg)
{
	struct accountrow	 r;
	MYSQL_STMT		*st;

	memset(&r, 0, sizeof(r));
	r.cb = cb;
	r.arg = arg;
	st = db_exec(db, &sql_admin_accounts_all, "ss", role, role);
	return db_each(db, st, st != NULL && bind_info(db, st, &r.a),
	    account_row, &r);
}

/*
 * Stores the name, role, partner (partner_id) and address ("" clears it)
 * of account a->login.
 * Returns DB_OK, DB_NOTFOUND when there is no such account, or DB_ERR.
 */
enum dbrc
db_account_update(struct db *db, const struct account_info *a)
{
	struct account_info	 now;
	enum dbrc		 rc;
	char			 pids[24];

	if ((rc = db_account_info(db, a->login, &now)) != DB_OK)
		return rc;
	snprintf(pids, sizeof(pids), "%lld", a->partner_id);
	rc = db_run(db, &sql_admin_account_set, NULL, "ssss", a->name, a->role,
	    a->partner_id > 0 ? pids : NULL, a->login);
	if (rc == DB_NOTFOUND)
		rc = DB_OK;	/* the same values again */
	if (rc != DB_OK)
		return rc;
	return db_account_set_email(db, a->login,
	    a->email[0] != '\0' ? a->email : NULL);
}

/*
 * Disables (1) or enables (0) account `login`; a disabled account's
 * requests get 403 from the next one on (db_account_get ignores it).
 * Returns DB_OK, DB_NOTFOUND when it was already so or does not exist,
 * or DB_ERR.
 */
enum dbrc
db_account_set_disabled(struct db *db, const char *login, int disabled)
{
	return db_run(db, &sql_admin_account_set_disabled, NULL, "is",
	    (long long)disabled, login);
}

/*
 * Every order, newest first, at most `limit`: of account `login` and in
 * status `status` when these are not "".
 */
enum dbrc
db_orders_admin(struct db *db, const char *login, const char *status,
    int limit, order_cb cb, void *arg)
{
	return db_each_order(db, db_exec(db, &sql_admin_orders, "ssssi", login,
	    login, status, status, (long long)limit), cb, arg);
}

static int
copy_order(void *arg, const struct order *o)
{
	struct order	*dst = arg;

	*dst = *o;
	return 1;
}

/*
 * The order numbered `number` (ORDER/0000100001/dk), whoever owns it.
 * Returns DB_OK, DB_NOTFOUND or DB_ERR.
 */
enum dbrc
db_order_by_number(struct db *db, const char *number, struct order *o)
{
	enum dbrc	 rc;

	memset(o, 0, sizeof(*o));
	rc = db_each_order(db, db_exec(db, &sql_admin_order_by_number, "s", number),
	    copy_order, o);
	if (rc == DB_OK && o->id == 0)
		rc = DB_NOTFOUND;
	return rc;
}
