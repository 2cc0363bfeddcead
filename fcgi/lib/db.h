/*
 * The database layer: one persistent MariaDB connection per process,
 * prepared statements only (prepared on first use and kept), explicit
 * transactions, and a reconnect after the server went away.
 *
 * Every SQL text lives in db.c's statement table; handlers call the typed
 * functions of db*.c, never SQL.
 */
#ifndef SMIME_DB_H
#define SMIME_DB_H

#include <stddef.h>

#include <mysql.h>

enum dbrc {
	DB_OK,		/* done */
	DB_NOTFOUND,	/* no such row */
	DB_DUP,		/* a unique key refused the row */
	DB_ERR,		/* anything else: logged, the caller answers 500 */
	DB__MAX
};

enum stmt {
	STMT_ACCOUNT_BY_LOGIN,		/* identity */
	STMT_ACCOUNT_INSERT,		/* admin */
	STMT_ACCOUNT_SET_ROLE,		/* admin */
	STMT_PARTNER_BY_CODE,		/* admin */
	STMT_PARTNER_INSERT,		/* admin */
	STMT_PRODUCT_BY_CODE,		/* admin */
	STMT_PRODUCT_FIRST,		/* admin: the default product */
	STMT_ORDER_INSERT,		/* admin, partner */
	STMT_ORDERS_VISIBLE,		/* dashboard */
	STMT_ORDERS_BY_STATUS,		/* certificates list */
	STMT_ORDERS_SEARCH,		/* search */
	STMT_ORDER_VISIBLE,		/* details */
	STMT_EVENTS_VISIBLE,		/* dashboard */
	STMT_EVENTS_OF_ORDER,		/* details */
	STMT_EVENT_INSERT,		/* every state change */
	STMT_AUDIT_INSERT,		/* every state change */
	STMT__MAX
};

extern const char *const dbrc_names[DB__MAX];
extern const char *const stmt_names[STMT__MAX];

struct db;

struct db	*db_open(const char *);
void		 db_close(struct db *);
const char	*db_conninfo(const struct db *);
MYSQL		*db_handle(struct db *);
MYSQL_STMT	*db_exec(struct db *, enum stmt, const char *, ...);
int		 db_result(struct db *, MYSQL_STMT *, const char *, ...);
int		 db_row(struct db *, MYSQL_STMT *);
void		 db_done(MYSQL_STMT *);
enum dbrc	 db_run(struct db *, enum stmt, unsigned long long *,
		    const char *, ...);
int		 db_begin(struct db *);
int		 db_commit(struct db *);
void		 db_rollback(struct db *);
int		 db_in_tx(const struct db *);

/*
 * Rows as the typed functions return them. Strings are NUL-terminated and
 * sized to their columns; optional ones read as "".
 */
struct account {
	long long	 id;
	char		 login[129];
	char		 name[257];
	char		 role[16];	/* customer, partner, operator */
	long long	 partner_id;	/* 0: none */
};

struct order {
	long long	 id;
	char		 number[33];
	char		 product[129];
	char		 product_code[33];
	char		 status[16];
	char		 step_data[16];
	char		 step_email[16];
	char		 step_activation[16];
	char		 common_name[257];
	char		 not_after[24];	/* ISO 8601 UTC or "" */
	char		 created[24];
	char		 customer[129];	/* the owning account's login */
};

struct event {
	char		 type[33];
	char		 created[24];
	long long	 order_id;	/* 0: not about an order */
	char		 number[33];
	char		 product[129];
};

/* Called per row; returns 0 to stop with an error. */
typedef int	(*order_cb)(void *, const struct order *);
typedef int	(*event_cb)(void *, const struct event *);

enum dbrc	 db_account_get(struct db *, const char *, struct account *);
enum dbrc	 db_orders_visible(struct db *, const struct account *,
		    const char *, int, order_cb, void *);
enum dbrc	 db_orders_search(struct db *, const struct account *,
		    const char *, int, order_cb, void *);
enum dbrc	 db_order_visible(struct db *, const struct account *,
		    long long, struct order *);
enum dbrc	 db_events_visible(struct db *, const struct account *, int,
		    event_cb, void *);
enum dbrc	 db_events_of_order(struct db *, long long, int, event_cb,
		    void *);
enum dbrc	 db_event_add(struct db *, long long, long long, const char *);
enum dbrc	 db_order_add(struct db *, const char *, const char *,
		    long long *);
enum dbrc	 db_account_put(struct db *, const char *, const char *,
		    const char *, const char *);

#endif
