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

#include "steps.h"

struct buf;

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
	STMT_ORG_INSERT,		/* orgdata: a draft */
	STMT_ORG_GET,			/* orgdata, operator */
	STMT_ORGS_REUSABLE,		/* orgdata: verified, fresh */
	STMT_ORG_SUBMIT,		/* orgdata */
	STMT_ORG_DECIDE,		/* operator */
	STMT_ORG_QUEUE,			/* operator */
	STMT_ORDER_LOCK,		/* every step change */
	STMT_ORDER_SET_ORG,		/* orgdata */
	STMT_ORDER_SET_STEPS,		/* step changes */
	STMT_ORDERS_OF_ORG,		/* operator */
	STMT_DOC_INSERT,		/* orgdata */
	STMT_DOCS_OF_ORG,		/* orgdata, operator */
	STMT_DOC_GET,			/* operator */
	STMT_OUTBOX_INSERT,		/* notifications */
	STMT_ACCOUNT_EMAIL,		/* notifications */
	STMT_ACCOUNT_SET_EMAIL,		/* admin */
	STMT_OUTBOX_DUE,		/* mailer: claim one due mail */
	STMT_OUTBOX_SENT,		/* mailer */
	STMT_OUTBOX_RETRY,		/* mailer */
	STMT_OUTBOX_FAIL,		/* mailer */
	STMT_ORDER_SET_EMAIL_DRAFT,	/* email */
	STMT_ORDER_EMAIL_VERIFIED,	/* email */
	STMT_TOKEN_INSERT,		/* email */
	STMT_TOKEN_COUNTS,		/* email: resend limits */
	STMT_TOKEN_LATEST,		/* email */
	STMT_TOKEN_GET,			/* email confirmation */
	STMT_TOKEN_LOCK,		/* email confirmation */
	STMT_TOKEN_USE,			/* email confirmation */
	STMT_ORDER_ACT_GET,		/* activation */
	STMT_ORDER_ACT_FIELDS,		/* activation */
	STMT_ORDER_ACT_METHOD,		/* activation */
	STMT_ORDER_ACT_CSR,		/* activation */
	STMT_KEY_SEEN,			/* activation: used or blocked */
	STMT_CERT_INSERT,		/* activation */
	STMT_ORDER_ISSUED,		/* activation */
	STMT_CERT_OF_ORDER,		/* details, downloads */
	STMT_CERT_LOCK,			/* revocation */
	STMT_CERT_REVOKE,		/* revocation */
	STMT_KEY_BLOCK,			/* revocation for key compromise */
	STMT_CRL_NEXT_LOCK,		/* CRL */
	STMT_CRL_NEXT_SET,		/* CRL */
	STMT_REVOKED_ALL,		/* CRL */
	STMT_ORDER_ANY,			/* operators */
	STMT_AUDIT_OF_ORDER,		/* operators */
	STMT_EXPIRY_DUE,		/* admin expiry */
	STMT_EXPIRY_MARK,		/* admin expiry */
	STMT_ACME_NONCE_INSERT,		/* acme: newNonce, every answer */
	STMT_ACME_NONCE_TAKE,		/* acme: every request */
	STMT_ACME_NONCE_PRUNE,		/* acme: expired nonces */
	STMT_ACME_EAB_INSERT,		/* acme access, admin */
	STMT_ACME_EAB_GET,		/* acme: newAccount */
	STMT_ACME_EAB_USE,		/* acme: newAccount */
	STMT_ACME_ACCT_INSERT,		/* acme: newAccount */
	STMT_ACME_ACCT_BY_THUMB,	/* acme: newAccount, keyChange */
	STMT_ACME_ACCT_GET,		/* acme: every kid request */
	STMT_ACME_ACCT_SET_CONTACT,	/* acme: account update */
	STMT_ACME_ACCT_SET_STATUS,	/* acme: deactivation */
	STMT_ACME_ACCT_SET_KEY,		/* acme: keyChange */
	STMT_ACME_ORDER_INSERT,		/* acme: newOrder */
	STMT_ACME_ORDER_GET,		/* acme: order, authz, challenge */
	STMT_ACME_ORDER_BY_TOKEN,	/* acme: inbound reply */
	STMT_ACME_ORDER_CHALL,		/* acme: challenge status */
	STMT_ACME_ORDER_COUNTS,		/* acme: rate limits */
	STMT_ACME_REPLY_INSERT,		/* acme: inbound reply evidence */
	STMT_ACME_EAB_OF_ACCOUNT,	/* acme access page */
	STMT_ACME_ACCTS_ALL,		/* operator view */
	STMT_ACME_ORDERS_ALL,		/* operator view */
	STMT__MAX
};

extern const char *const dbrc_names[DB__MAX];

struct db;

struct db	*db_open(const char *);
void		 db_close(struct db *);
const char	*db_conninfo(const struct db *);
MYSQL		*db_handle(struct db *);
MYSQL_STMT	*db_exec(struct db *, enum stmt, const char *, ...);
int		 db_result(struct db *, MYSQL_STMT *, const char *, ...);
int		 db_row(struct db *, MYSQL_STMT *);
void		 db_done(MYSQL_STMT *);
enum dbrc	 db_one(struct db *, MYSQL_STMT *, int);
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
enum dbrc	 db_account_put(struct db *, const char *, const char *,
		    const char *, const char *);
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
enum dbrc	 db_cert_of_order(struct db *, long long, struct cert *,
		    struct buf *);
enum dbrc	 db_cert_lock(struct db *, long long, char *, size_t, char *,
		    size_t, long long *);
enum dbrc	 db_cert_revoke(struct db *, long long, const char *,
		    const char *, const char *);
enum dbrc	 db_key_block(struct db *, const char *, const char *);
enum dbrc	 db_crl_next(struct db *, long long *);
struct crl_entry;
enum dbrc	 db_revoked_entries(struct db *, struct crl_entry **, size_t *);
enum dbrc	 db_order_any(struct db *, long long, struct order *);
enum dbrc	 db_audit_of_order(struct db *, long long,
		    int (*)(void *, const char *const *), void *);
/* An issued order near or past its certificate's end. */
struct expiry {
	long long	 id;
	long long	 account_id;
	char		 number[33];
	char		 product[129];
	char		 not_after[24];
	long long	 notices;	/* bits sent: 1 (30 days), 2 (7 days) */
	long long	 seconds;	/* until the end; <= 0: expired */
};

enum dbrc	 db_expiry_due(struct db *, int (*)(void *,
		    const struct expiry *), void *);
enum dbrc	 db_expiry_mark(struct db *, long long, long long);
/* An external account binding key, as found by its key identifier. */
struct acme_eab {
	long long	 id;
	long long	 account_id;
	long long	 used;		/* 1: bound an ACME account already */
	struct buf	*mac;		/* the MAC key, EAB_KEY_BYTES */
};

/* An ACME account. */
struct acme_acct {
	long long	 id;
	long long	 account_id;	/* ours, through the binding */
	char		 thumbprint[44];
	char		 status[16];	/* valid, deactivated */
	char		 contact[1025];	/* mailto: URIs, one a line */
	char		 created[24];
	long long	 disabled;	/* 1: our account is disabled */
	char		 login[129];	/* our account's */
};

enum dbrc	 db_acme_eab_add(struct db *, const char *, const void *,
		    size_t, long long);
enum dbrc	 db_acme_eab_get(struct db *, const char *, struct acme_eab *);
enum dbrc	 db_acme_eab_use(struct db *, long long);
enum dbrc	 db_acme_acct_add(struct db *, const struct acme_acct *,
		    const char *, long long, long long *);
enum dbrc	 db_acme_acct_by_thumb(struct db *, const char *, long long *);
enum dbrc	 db_acme_acct_get(struct db *, long long, struct acme_acct *,
		    struct buf *);
enum dbrc	 db_acme_acct_set_contact(struct db *, long long, const char *);
enum dbrc	 db_acme_acct_set_status(struct db *, long long, const char *);
enum dbrc	 db_acme_acct_set_key(struct db *, long long, const char *,
		    const char *);
/* An ACME order, its authorization and challenge, and its wizard order. */
struct acme_order {
	long long	 id;
	long long	 acct_id;	/* the ACME account */
	long long	 order_id;	/* the wizard's */
	char		 mailbox[255];
	char		 token1[23];
	char		 token2[23];
	char		 chall_status[16];
	char		 chall_error[256];
	char		 validated[24];
	char		 expires[24];
	long long	 expired;	/* 1: past expires */
	char		 step_email[16];	/* the wizard order's */
	char		 step_activation[16];
	char		 status[16];	/* the wizard order's status */
	long long	 has_csr;
};

enum dbrc	 db_acme_order_add(struct db *, const struct acme_order *,
		    int, long long *);
enum dbrc	 db_acme_order_get(struct db *, long long, struct acme_order *);
enum dbrc	 db_acme_order_by_token(struct db *, const char *,
		    struct acme_order *);
enum dbrc	 db_acme_order_chall(struct db *, long long, const char *,
		    const char *);
enum dbrc	 db_acme_order_counts(struct db *, long long, const char *,
		    long long *, long long *);
enum dbrc	 db_acme_reply_add(struct db *, long long, const char *,
		    const char *, const char *, const void *, size_t);
enum dbrc	 db_acme_list(struct db *, enum stmt, long long,
		    int (*)(void *, const char *const *), void *);
enum dbrc	 db_acme_nonce_add(struct db *, const char *);
enum dbrc	 db_acme_nonce_take(struct db *, const char *, int);
enum dbrc	 db_acme_nonce_prune(struct db *, int);
enum dbrc	 db_outbox_add(struct db *, const char *, long long,
		    const char *, const char *, const char *);

#endif
