/*
 * One DNS TXT lookup through c-ares, with the resolver settings of the
 * CAA check (caa.c): the same server string (SMIME_DNS_SERVER, "" or
 * NULL for the system's), no search list, no hosts file. For the DKIM
 * key records of challenge replies (RFC 6376 section 3.6.2).
 */
#ifndef SMIME_DNSTXT_H
#define SMIME_DNSTXT_H

#include <stddef.h>

enum dnstxt {
	DNSTXT_OK,		/* the first TXT record's strings, joined */
	DNSTXT_NONE,		/* NXDOMAIN or no TXT record */
	DNSTXT_FAILED,		/* SERVFAIL, timeout, too long, set-up */
	DNSTXT__MAX
};

extern const char *const dnstxt_names[DNSTXT__MAX];

enum dnstxt	 dnstxt_get(const char *, const char *, int, char *, size_t);

#endif
