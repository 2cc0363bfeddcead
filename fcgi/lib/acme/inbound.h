/*
 * The inbound endpoint of email-reply-00 (RFC 8823 section 3): one
 * message as the MTA hands it over, matched to its challenge by
 * token-part1, authenticated by DKIM, its response compared with the key
 * authorization; on success the challenge is valid and the wizard
 * order's mailbox verified (EV_EMAIL_VERIFIED), with the audit row; the
 * message is kept as evidence whatever the verdict.
 */
#ifndef SMIME_INBOUND_H
#define SMIME_INBOUND_H

#include <stddef.h>

struct db;

enum inbound {
	INBOUND_VALID,		/* the challenge is valid now */
	INBOUND_INVALID,	/* the challenge is invalid now */
	INBOUND_IGNORED,	/* matched no open challenge: kept, no change */
	INBOUND_TEMPFAIL,	/* try again later (DNS, database) */
	INBOUND__MAX
};

extern const char *const inbound_names[INBOUND__MAX];

enum inbound	 inbound_process(struct db *, const void *, size_t,
		    const char *, char *, size_t);

#endif
