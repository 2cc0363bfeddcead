/*
 * CAA for email addresses (RFC 9495 on RFC 8659), checked before every
 * issuance as S/MIME BR 4.2.2.1 requires since 2025-03-15.
 *
 * caa_check() finds the Relevant RRset of the mailbox's domain (RFC 8659
 * section 3: the CAA RRset of the domain or, when that is empty, of its
 * nearest parent with one, the top-level domain included, the root not)
 * and says whether it lets the CA issue:
 *
 *  - a critical property (flags bit 128, or bit 1 which many zones set
 *    for it) with a tag we do not know forbids (RFC 8659 section 4.1);
 *    the tags known are issuemail, which we process, and issue, issuewild
 *    and iodef, which say nothing about S/MIME (RFC 9495 section 4);
 *  - a Relevant RRset that is empty or holds no issuemail property lets
 *    any CA issue (RFC 9495 section 4);
 *  - otherwise some issuemail property must name one of our issuer
 *    domain names, compared without regard to case; a value that does not
 *    follow the grammar of RFC 9495 section 3 names no one (section 4),
 *    parameters are otherwise ignored, and ";" alone names no one.
 *
 * A lookup that fails (SERVFAIL, REFUSED, timeout, a reply c-ares cannot
 * parse: c-ares 1.18 cannot parse a CAA record with an empty value) at
 * any level up to the one whose RRset decides is
 * CAA_LOOKUP_FAILED: the caller must not issue (fail closed; S/MIME BR
 * 4.2.2.1 would allow issuing in some cases, we do not). NXDOMAIN and an
 * empty answer mean "no CAA here, go up".
 *
 * Every outcome comes with a one-line account in `why`, to go into the
 * audit log as it is (S/MIME BR 5.4: CAA actions are logged); bytes from
 * DNS are escaped in it, so it never holds a newline or a control
 * character. caa_check() itself logs only its own failures (c-ares set-up,
 * a bad server string, poll).
 *
 * DNS: c-ares, all the levels asked at once (as Boulder does), over a
 * fresh channel per check, with no search domains and no hosts file.
 * Nothing is cached between checks, so a check always sees the DNS of the
 * moment and checks share no state. Not thread-safe on its first call
 * (c-ares's library initialisation); the handlers are single-threaded.
 */
#ifndef SMIME_CAA_H
#define SMIME_CAA_H

#include <stddef.h>

enum caa_result {
	CAA_ALLOWED,		/* allowed */
	CAA_FORBIDDEN,		/* forbidden */
	CAA_LOOKUP_FAILED,	/* lookup-failed */
	CAA__MAX
};

/* Stable machine names for the logs. */
extern const char *const caa_result_names[CAA__MAX];

/* Room for any account caa_check() writes; longer ones are cut short. */
#define CAA_WHY_MAX	512

struct ares_caa_reply;

enum caa_result	 caa_check(const char *, const char *const *,
		    const char *, int, char *, size_t);
enum caa_result	 caa_decide(const struct ares_caa_reply *, const char *,
		    const char *const *, char *, size_t);
int		 caa_issuemail_parse(const unsigned char *, size_t,
		    const unsigned char **, size_t *);

#endif
