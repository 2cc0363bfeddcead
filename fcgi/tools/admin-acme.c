/*
 * smime-admin's ACME commands:
 *
 *   smime-admin acme eab LOGIN
 *	issues an external account binding key for the account LOGIN and
 *	prints its key identifier and MAC key (base64url), once.
 *   smime-admin acme inbound [--dns SERVER]
 *	the inbound endpoint of email-reply-00 for a pipe transport: one
 *	message on standard input; prints the verdict; exits 0 when the
 *	message is dealt with (valid, invalid or ignored), 75 (EX_TEMPFAIL)
 *	when the MTA should deliver it again later.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "admin-acme.h"
#include "buf.h"
#include "db.h"
#include "eabkey.h"
#include "inbound.h"
#include "log.h"
#include "reply.h"

#define EX_TEMPFAIL	75

/* One message from standard input, at most REPLY_MAX + 1 bytes kept. */
static int
read_stdin(struct buf *b)
{
	char	 chunk[8192];
	ssize_t	 n;

	for (;;) {
		if ((n = read(STDIN_FILENO, chunk, sizeof(chunk))) < 0)
			return 0;
		if (n == 0)
			return 1;
		if (b->len <= REPLY_MAX && !buf_add(b, chunk, (size_t)n))
			return 0;
	}
}

static int
inbound(struct db *db, int argc, char *argv[])
{
	struct buf	 msg;
	const char	*dns = getenv("SMIME_DNS_SERVER");
	char		 why[512];
	enum inbound	 rc;

	if (argc == 4 && strcmp(argv[2], "--dns") == 0)
		dns = argv[3];
	else if (argc != 2)
		return 0;
	buf_init(&msg);
	if (!read_stdin(&msg)) {
		log_warn("stdin");
		exit(EX_TEMPFAIL);
	}
	rc = inbound_process(db, msg.s, msg.len, dns, why, sizeof(why));
	buf_free(&msg);
	printf("%s: %s\n", inbound_names[rc], why);
	if (rc == INBOUND_TEMPFAIL)
		exit(EX_TEMPFAIL);
	return 1;
}

int
admin_acme(struct db *db, int argc, char *argv[])
{
	struct account	 acct;
	char		 kid[EABKEY_KID_LEN + 1], mac[EABKEY_MAC_LEN + 1];

	if (argc == 3 && strcmp(argv[1], "eab") == 0) {
		if (db_account_get(db, argv[2], &acct) != DB_OK) {
			log_warnx("%s: no such account", argv[2]);
			return 0;
		}
		if (!eabkey_new(db, acct.id, "smime-admin", "admin", kid, mac))
			return 0;
		printf("kid %s\nhmac %s\n", kid, mac);
		return 1;
	}
	if (argc >= 2 && strcmp(argv[1], "inbound") == 0 &&
	    inbound(db, argc, argv))
		return 1;
	fprintf(stderr, "usage: smime-admin [--db CONNINFO] acme eab LOGIN\n"
	    "       smime-admin [--db CONNINFO] acme inbound [--dns SERVER]\n");
	return 0;
}
