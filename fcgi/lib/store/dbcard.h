/*
 * Typed queries of the card agent's one-time codes (sql/010_card_codes.sql):
 * a code's row is found by the SHA-256 of the code, never by the code.
 */
#ifndef SMIME_DBCARD_H
#define SMIME_DBCARD_H

#include "db.h"

/* A card code as stored, with its order. */
struct card_code {
	long long	 id;
	long long	 order_id;
	char		 purpose[9];	/* enroll, install */
	char		 key[9];	/* rsa2048 … p384 */
	char		 salt[33];	/* hex of the 16 bytes */
	long long	 used;		/* 1: used already */
	long long	 expired;	/* 1: past its 30 minutes */
	long long	 refusals;	/* requests refused with it */
	char		 expires[24];	/* ISO 8601 UTC */
	char		 number[33];	/* the order's */
	long long	 account_id;	/* the order's account */
};

enum dbrc	 db_card_add(struct db *, long long, const char *,
		    const char *, const unsigned char *,
		    const unsigned char *);
enum dbrc	 db_card_latest(struct db *, long long, const char *,
		    const char *, struct card_code *);
enum dbrc	 db_card_get(struct db *, const unsigned char *, int,
		    struct card_code *);
enum dbrc	 db_card_use(struct db *, long long, const char *);
enum dbrc	 db_card_refused(struct db *, long long);
enum dbrc	 db_card_clear_csr(struct db *, long long);

#endif
