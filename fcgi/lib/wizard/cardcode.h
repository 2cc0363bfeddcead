/*
 * The card agent's one-time codes (docs/card.md): 128 bits, shown to the
 * customer as the link "smime-card:" + base URL + "/activation/card/" +
 * 32 hex digits, stored only as their SHA-256, valid 30 minutes, used
 * once, bound to an order, a purpose (enroll or install) and the key
 * parameters.
 *
 * A code is derived from a random 16-byte salt kept with its row, by
 * HMAC with the service's secret (the CSRF key): the wizard shows the
 * same link on every refresh of its waiting page without the table
 * holding the code, and a copy of the table alone gives no code.
 *
 * Nothing here allocates; cardcode_new() and cardcode_view() need the CSRF key
 * loaded (the front line does it on every request).
 */
#ifndef SMIME_CARDCODE_H
#define SMIME_CARDCODE_H

#include <stddef.h>

#include <libxml/tree.h>

#include "dbcard.h"

#define CARD_CODE_HEX	32	/* characters of a code */
#define CARD_PURPOSE_ENROLL	"enroll"
#define CARD_PURPOSE_INSTALL	"install"

int	 cardcode_of(const char *, char *);
int	 cardcode_hash(const char *, unsigned char *);
int	 cardcode_new(struct db *, long long, const char *, const char *,
	    struct card_code *);
xmlNodePtr cardcode_view(xmlNodePtr, const struct card_code *, const char *);
int	 cardcode_key_valid(const char *);
int	 cardcode_offer(struct db *, xmlNodePtr, long long);

#endif
