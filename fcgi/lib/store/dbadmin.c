/*
 * Typed queries of the administrator's command line: partners, accounts
 * (created, changed, disabled, listed) and orders found by any field.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "db.h"
#include "log.h"

/*
 * The id of partner `code` in *id.
 * Returns DB_OK, DB_NOTFOUND or DB_ERR.
 */
enum dbrc
db_partner_find(struct db *db, const char *code, long long *id)
{
	MYSQL_STMT	*st;

	*id = 0;
	if ((st = db_exec(db, STMT_PARTNER_BY_CODE, "s", code)) == NULL)
		return DB_ERR;
	return db_one(db, st, db_result(db, st, "i", id));
}

/*
 * A new partner `code` named `name`; its id in *id.
 * Returns DB_OK, DB_DUP when the code exists, or DB_ERR.
 */
enum dbrc
db_partner_add(struct db *db, const char *code, const char *name,
    long long *id)
{
	unsigned long long	 pid = 0;
	enum dbrc		 rc;

	rc = db_run(db, STMT_PARTNER_INSERT, &pid, "ss", code, name);
	*id = (long long)pid;
	return rc;
}

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
	return db_run(db, STMT_ACCOUNT_INSERT, NULL, "ssss", login, name, role,
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
	if ((st = db_exec(db, STMT_ACCOUNT_INFO, "s", login)) == NULL)
		return DB_ERR;
	return db_one(db, st, bind_info(db, st, a));
}

/*
 * Every account by login, or those of `role` when it is not "".
 * Returns DB_OK or DB_ERR (also when `cb` returns 0).
 */
enum dbrc
db_accounts_all(struct db *db, const char *role, account_cb cb, void *arg)
{
	struct account_info	 a;
	MYSQL_STMT		*st;
	enum dbrc		 rc = DB_ERR;
	int			 r;

	if ((st = db_exec(db, STMT_ACCOUNTS_ALL, "ss", role, role)) == NULL)
		return DB_ERR;
	memset(&a, 0, sizeof(a));
	if (!bind_info(db, st, &a))
		goto out;
	while ((r = db_row(db, st)) == 1)
		if (!cb(arg, &a))
			goto out;
	if (r == 0)
		rc = DB_OK;
out:
	db_done(st);
	return rc;
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
	rc = db_run(db, STMT_ACCOUNT_SET_ROLE, NULL, "ssss", a->name, a->role,
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
	return db_run(db, STMT_ACCOUNT_SET_DISABLED, NULL, "is",
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
	return db_each_order(db, db_exec(db, STMT_ORDERS_ADMIN, "ssssi", login,
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
	rc = db_each_order(db, db_exec(db, STMT_ORDER_BY_NUMBER, "s", number),
	    copy_order, o);
	if (rc == DB_OK && o->id == 0)
		rc = DB_NOTFOUND;
	return rc;
}
