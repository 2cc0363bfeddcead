/*
 * The database layer: one persistent MariaDB connection per process,
 * prepared statements only (prepared on first use and kept), explicit
 * transactions, and a reconnect after the server went away.
 *
 * Every SQL text stands beside the typed function of db*.c that runs it
 * (DB_STMT below); handlers call the typed functions, never SQL.
 */
#ifndef SMIME_DB_H
#define SMIME_DB_H

#include <stddef.h>

#include <mysql.h>

#include "steps.h"

struct buf;

enum dbrc {
	DB_OK,		/* done */
	DB_NOTFOUND,	/* no such row */
	DB_DUP,		/* a unique key refused the row */
	DB_ERR,		/* anything else: logged, the caller answers 500 */
	DB__MAX
};

/*
 * A statement, defined beside the typed function that runs it:
 *
 *	DB_STMT(order_lock,
 *	    "SELECT … FROM orders WHERE id = ? FOR UPDATE");
 *	… db_exec(db, &sql_order_lock, "i", id) …
 *
 * It is prepared on its first use on a connection and kept; `slot` is
 * its place among the connection's prepared statements, given on first
 * use (the process is single-threaded).
 */
struct dbstmt {
	const char	*name;	/* for logs */
	const char	*sql;
	int		 slot;	/* -1 until first used */
};

#define DB_STMT(name, text) \
	static struct dbstmt sql_##name = { #name, text, -1 }

/* The most statements a process prepares. */
#define DB_STMTS_MAX	192

extern const char *const dbrc_names[DB__MAX];

struct db;

struct db	*db_open(const char *);
void		 db_close(struct db *);
const char	*db_conninfo(const struct db *);
MYSQL		*db_handle(struct db *);
MYSQL_STMT	*db_exec(struct db *, struct dbstmt *, const char *, ...);
int		 db_result(struct db *, MYSQL_STMT *, const char *, ...);
int		 db_row(struct db *, MYSQL_STMT *);
void		 db_done(MYSQL_STMT *);
enum dbrc	 db_one(struct db *, MYSQL_STMT *, int);
enum dbrc	 db_each(struct db *, MYSQL_STMT *, int, int (*)(void *),
		    void *);
enum dbrc	 db_run(struct db *, struct dbstmt *, unsigned long long *,
		    const char *, ...);
int		 db_begin(struct db *);
int		 db_commit(struct db *);
void		 db_rollback(struct db *);
int		 db_in_tx(const struct db *);
int		 db_busy(const struct db *);
void		 db_mark(struct db *);
int		 db_retry(const struct db *);

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
	long long	 rev;		/* advances with every change it can see */
};

struct order {
	long long	 id;
	char		 number[33];
	char		 product[129];
	char		 product_code[33];
	struct stepstate st;		/* its steps and status */
	char		 common_name[257];
	char		 not_after[24];	/* ISO 8601 UTC or "" */
	char		 created[24];
	char		 customer[129];	/* the owning account's login */
	long long	 validity_days;	/* the product's */
};

struct event {
	char		 type[33];
	char		 created[24];
	long long	 order_id;	/* 0: not about an order */
	char		 number[33];
	char		 product[129];
	char		 product_code[33];	/* what a brand names it by */
};

struct org {
	long long	 id;
	long long	 account_id;
	char		 login[129];	/* the account that provided it */
	char		 name[257];
	char		 country[3];
	char		 state[129];
	char		 locality[129];
	char		 method[16];	/* registry, document */
	char		 registry_type[8];
	char		 registry_number[65];
	char		 org_identifier[81];
	enum org_status	 status;
	char		 reason[1001];
	char		 submitted[24];
	char		 decided[24];
	char		 decided_by[129];
};

struct doc {
	long long	 id;
	char		 filename[256];
	char		 type[8];	/* pdf, jpeg, png */
	long long	 size;
	char		 sha256[65];
	char		 created[24];
};

/* An order's step statuses, read under a row lock for a change. */
struct steps {
	struct stepstate st;
	long long	 org_id;
	long long	 account_id;
	char		 email_draft[255];	/* address entered, or "" */
	char		 email_addr[255];	/* address verified, or "" */
	char		 email_validated[24];	/* when, or "" */
};

/* A mailbox-control token as found by its hash. */
struct token {
	long long	 id;
	long long	 order_id;
	char		 address[255];
	long long	 used;		/* 1: used already */
	long long	 expired;	/* 1: past its 24 hours */
	char		 number[33];	/* the order's */
	char		 product[129];
	char		 product_code[33];
	char		 expires[24];
	long long	 account_id;	/* the order's account */
};

/* An order's activation draft and what step 3 builds on. */
struct activation {
	char		 cn[16];	/* email, organization, or "" */
	char		 include[16];	/* "L,ST,C,E" subset */
	char		 method[8];	/* csr, card, or "" */
	char		 key[8];	/* card key type */
	long long	 org_id;
	char		 email[255];	/* the verified mailbox */
	long long	 email_age;	/* days since validated, -1: never */
	long long	 account_id;	/* the order's */
};

/* An issued certificate as stored. */
struct cert {
	char		 serial[65];	/* lower-case hex */
	char		 fingerprint[65];	/* SHA-256, hex */
	char		 subject[1025];
	char		 key_desc[65];
	char		 not_before[24];
	char		 not_after[24];
	char		 revoked[24];	/* "" when not revoked */
};

/* Status columns as read, before they become the enums above. */
struct dbstatus {
	char		 v[4][16];
};

/* Called per row; returns 0 to stop with an error. */
typedef int	(*order_cb)(void *, const struct order *);
typedef int	(*event_cb)(void *, const struct event *);
typedef int	(*org_cb)(void *, const struct org *);
typedef int	(*doc_cb)(void *, const struct doc *);

enum dbrc	 db_each_order(struct db *, MYSQL_STMT *, order_cb, void *);
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
enum dbrc	 db_org_add(struct db *, const struct org *, long long *);
enum dbrc	 db_org_get(struct db *, long long, struct org *);
enum dbrc	 db_orgs_reusable(struct db *, long long, org_cb, void *);
enum dbrc	 db_org_queue(struct db *, int, org_cb, void *);
enum dbrc	 db_org_submit(struct db *, long long);
enum dbrc	 db_org_decide(struct db *, long long, enum org_status,
		    const char *, const char *);
enum dbrc	 db_order_lock(struct db *, long long, struct steps *);
enum dbrc	 db_order_set_org(struct db *, long long, long long);
enum dbrc	 db_order_set_steps(struct db *, long long, const struct steps *);
enum dbrc	 db_orders_of_org(struct db *, long long, order_cb, void *);
enum dbrc	 db_doc_add(struct db *, long long, long long, const char *,
		    const char *, const void *, size_t);
enum dbrc	 db_docs_of_org(struct db *, long long, doc_cb, void *);
enum dbrc	 db_doc_get(struct db *, long long, long long *, char *, size_t,
		    char *, size_t, struct buf *);
enum dbrc	 db_account_email(struct db *, long long, char *, size_t,
		    char *, size_t);
enum dbrc	 db_account_set_email(struct db *, const char *, const char *);
enum dbrc	 db_order_set_email_draft(struct db *, long long, const char *);
enum dbrc	 db_order_email_verified(struct db *, long long, const char *);
enum dbrc	 db_token_add(struct db *, long long, const char *,
		    const unsigned char *);
enum dbrc	 db_token_counts(struct db *, long long, long long *,
		    long long *);
enum dbrc	 db_token_latest(struct db *, long long, char *, size_t, char *,
		    size_t);
enum dbrc	 db_token_get(struct db *, const unsigned char *, int,
		    struct token *);
enum dbrc	 db_token_use(struct db *, long long, const char *);
enum dbrc	 db_activation_get(struct db *, long long, struct activation *,
		    struct buf *);
enum dbrc	 db_activation_fields(struct db *, long long, const char *,
		    const char *);
enum dbrc	 db_activation_method(struct db *, long long, const char *,
		    const char *);
enum dbrc	 db_activation_csr(struct db *, long long, const void *, size_t);
enum dbrc	 db_key_seen(struct db *, const char *, long long *,
		    long long *);
enum dbrc	 db_cert_add(struct db *, long long, const struct cert *,
		    const char *, const void *, size_t, long long, long long);
enum dbrc	 db_order_issued(struct db *, long long, const char *,
		    const char *, long long);
enum dbrc	 db_order_issue(struct db *, long long,
		    const struct stepstate *, const struct stepstate *,
		    const char *, const char *, long long);
enum dbrc	 db_cert_of_order(struct db *, long long, struct cert *,
		    struct buf *);
enum dbrc	 db_cert_lock(struct db *, long long, char *, size_t, char *,
		    size_t, long long *);
enum dbrc	 db_cert_revoke(struct db *, long long, const char *,
		    const char *, const char *);
enum dbrc	 db_key_block(struct db *, const char *, const char *);
enum dbrc	 db_crl_next(struct db *, long long *);
enum dbrc	 db_crl_want(struct db *);
enum dbrc	 db_crl_due(struct db *, int *, long long *);
struct crl_entry;
enum dbrc	 db_revoked_entries(struct db *, struct crl_entry **, size_t *);
enum dbrc	 db_order_any(struct db *, long long, struct order *);
enum dbrc	 db_audit_rows(struct db *, MYSQL_STMT *,
		    int (*)(void *, const char *const *), void *);
enum dbrc	 db_audit_of_order(struct db *, long long,
		    int (*)(void *, const char *const *), void *);
/* An issued order near or past its certificate's end. */
struct expiry {
	long long	 id;
	long long	 account_id;
	char		 number[33];
	char		 product[129];
	char		 product_code[33];
	char		 not_after[24];
	long long	 notices;	/* bits sent: 1 (30 days), 2 (7 days) */
	long long	 seconds;	/* until the end; <= 0: expired */
};

enum dbrc	 db_expiry_due(struct db *, int (*)(void *,
		    const struct expiry *), void *);
enum dbrc	 db_expiry_mark(struct db *, long long, long long, long long);
/* A partner's brand, as its customers' mails are composed with; empty
 * strings are unset (the server block's value applies). */
struct brand {
	char		 code[33];
	char		 theme[33];
	char		 lang[9];
	char		 name[129];
	char		 base_url[256];
	char		 mail_from[255];
	char		 mail_from_name[129];
	char		 support_url[256];
	char		 help_url[256];
	char		 mail_footer[1001];
};

enum dbrc	 db_brand_of_mail(struct db *, long long, long long,
		    struct brand *);
enum dbrc	 db_brand_put(struct db *, const struct brand *);
enum dbrc	 db_partner_set_brand(struct db *, const char *, const char *);
/* A partner (reseller, hosting provider). */
struct partner {
	long long	 id;
	char		 code[33];
	char		 name[129];
};

/* A partner's customer, with the number of its orders. */
struct customer {
	long long	 id;
	char		 login[129];
	char		 name[257];
	char		 email[255];
	long long	 orders;	/* all */
	long long	 open;		/* waiting or under verification */
};

/* A product that can be ordered. */
struct product {
	char		 code[33];
	char		 name[129];
	long long	 validity_days;
};

/* A partner's invitation of a new customer, as found by its token. */
struct invitation {
	long long	 id;
	long long	 account_id;
	char		 login[129];
	char		 name[257];
	char		 partner[129];	/* the partner's name */
	long long	 order_id;
	char		 number[33];
	long long	 accepted;	/* 1: accepted already */
	long long	 expired;	/* 1: past its 7 days */
	char		 expires[24];
};

typedef int	(*customer_cb)(void *, const struct customer *);
typedef int	(*product_cb)(void *, const struct product *);

enum dbrc	 db_partner_get(struct db *, long long, struct partner *);
enum dbrc	 db_partner_customers(struct db *, long long, const char *,
		    int, customer_cb, void *);
enum dbrc	 db_partner_customer(struct db *, long long, const char *,
		    struct customer *);
enum dbrc	 db_partner_customer_add(struct db *, long long,
		    const char *, const char *, const char *, long long *);
enum dbrc	 db_products(struct db *, product_cb, void *);
enum dbrc	 db_invitation_add(struct db *, long long, long long,
		    long long, const unsigned char *, size_t);
enum dbrc	 db_invitation_get(struct db *, const unsigned char *, size_t,
		    int, struct invitation *);
enum dbrc	 db_invitation_accept(struct db *, long long, const char *);
enum dbrc	 db_partner_by_code(struct db *, const char *, struct partner *);
enum dbrc	 db_partner_add(struct db *, const char *, const char *);
enum dbrc	 db_partner_set_name(struct db *, const char *, const char *);
enum dbrc	 db_partners(struct db *, int (*)(void *, const struct partner *,
		    long long, long long), void *);

/* A message of the outbox as the mailer claimed it. */
struct outmail {
	long long	 id;
	char		 from[255];
	char		 rcpt[255];
	long long	 attempts;	/* made so far */
	long long	 age;		/* seconds since it was queued */
};

enum dbrc	 db_outbox_add(struct db *, const char *, long long,
		    const char *, const char *, const char *);
enum dbrc	 db_outbox_due(struct db *, long long *, size_t, size_t *);
enum dbrc	 db_outbox_claim(struct db *, long long, const char *,
		    long long);
enum dbrc	 db_outbox_get(struct db *, long long, const char *,
		    struct outmail *, struct buf *);
enum dbrc	 db_outbox_sent(struct db *, long long, const char *);
enum dbrc	 db_outbox_retry(struct db *, long long, const char *,
		    const char *, long long);
enum dbrc	 db_outbox_fail(struct db *, long long, const char *,
		    const char *);
enum dbrc	 db_outbox_wake(struct db *);


/* An account as the administrator sees it (dbadmin.c). */
struct account_info {
	long long	 id;
	char		 login[129];
	char		 name[257];
	char		 role[16];
	long long	 partner_id;	/* 0: none */
	char		 partner[33];	/* its code, or "" */
	char		 email[255];	/* "" when none */
	long long	 disabled;
	char		 created[24];
	long long	 orders;
};

typedef int	(*account_cb)(void *, const struct account_info *);

enum dbrc	 db_account_add(struct db *, const char *, const char *,
		    const char *, long long);
enum dbrc	 db_account_info(struct db *, const char *,
		    struct account_info *);
enum dbrc	 db_accounts_all(struct db *, const char *, account_cb, void *);
enum dbrc	 db_account_update(struct db *, const struct account_info *);
enum dbrc	 db_account_set_disabled(struct db *, const char *, int);
enum dbrc	 db_orders_admin(struct db *, const char *, const char *, int,
		    order_cb, void *);
enum dbrc	 db_order_by_number(struct db *, const char *, struct order *);

/* Operators (dboperator.c). */
int		 db_sees_all(const struct account *);
enum dbrc	 db_orders_all(struct db *, const char *, int, order_cb, void *);
enum dbrc	 db_orders_all_search(struct db *, const char *, const char *,
		    const char *, int, order_cb, void *);
enum dbrc	 db_audit_of_object(struct db *, const char *,
		    int (*)(void *, const char *const *), void *);
enum dbrc	 db_org_set_registry(struct db *, long long, const char *,
		    const char *, const char *);

#endif
