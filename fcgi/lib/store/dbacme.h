/*
 * Typed queries of the ACME server (dbacme.c): nonces, external account
 * binding keys, ACME accounts and orders, challenge replies.
 */
#ifndef SMIME_DBACME_H
#define SMIME_DBACME_H

#include <stddef.h>

#include "db.h"

struct buf;

/* The listings of the ACME pages (db_acme_list). */
enum acme_list {
	ACME_LIST_EAB,		/* an account's EAB keys */
	ACME_LIST_ACCOUNTS,	/* ACME accounts */
	ACME_LIST_ORDERS,	/* ACME orders */
	ACME_LIST__MAX
};

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
/* A certificate as revokeCert finds it. */
struct acme_cert {
	long long	 order_id;	/* the wizard's order */
	long long	 acct_id;	/* the ACME account's order; 0: none */
	char		 mailbox[255];	/* the order's verified mailbox */
	struct buf	*der;		/* the caller's */
};

enum dbrc	 db_acme_cert_find(struct db *, const char *,
		    struct acme_cert *);
enum dbrc	 db_acme_authz_held(struct db *, long long, const char *,
		    int *);
enum dbrc	 db_acme_reply_add(struct db *, long long, const char *,
		    const char *, const char *, const void *, size_t);
enum dbrc	 db_acme_list(struct db *, enum acme_list, long long,
		    int (*)(void *, const char *const *), void *);
enum dbrc	 db_acme_nonce_add(struct db *, const char *);
enum dbrc	 db_acme_nonce_take(struct db *, const char *, int);
enum dbrc	 db_acme_nonce_prune(struct db *, int);

#endif
