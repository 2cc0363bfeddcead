/*
 * smime-admin's ACME commands:
 *
 *   smime-admin acme eab LOGIN
 *	issues an external account binding key for the account LOGIN and
 *	prints its key identifier and MAC key (base64url), once.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "admin-acme.h"
#include "db.h"
#include "eabkey.h"
#include "log.h"

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
	fprintf(stderr, "usage: smime-admin [--db CONNINFO] acme eab LOGIN\n");
	return 0;
}
