/*
 * Unit tests of reply.c: the parser of email-reply-00 replies (RFC 8823
 * section 3), a table of messages with the verdict each must get, and
 * the digest comparison against a value computed by node's crypto:
 *
 *   sha256("ABCDEFGHIJKLMNOPQRSTUV" "abcdefghijklmnopqrstuv" "."
 *       "UTKgHUpLaOhaClzyZQcK3GbBylYa34i1d0c-fHCwPxI"), base64url
 *
 * (the thumbprint is tests/data/acme/es256.thumb's). DKIM needs DNS: the
 * end-to-end test 22-acme-order covers it.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "reply.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))
#define DIGEST	"7dm09wTElcE8I9a4HNkSmjJyfDREok3BQ3HMWFYIIuY"
#define BLOCK	"-----BEGIN ACME RESPONSE-----\r\n" DIGEST "\r\n" \
		"-----END ACME RESPONSE-----\r\n"
#define SUBJ	"Subject: Re: ACME: ABCDEFGHIJKLMNOPQRSTUV\r\n"

static void
test_table(void **state)
{
	static const struct {
		const char	*msg;
		enum replyerr	 rc;
		const char	*from;
	} t[] = {
		{ "From: <Alice@ACME-mail.test>\r\n" SUBJ "\r\n" BLOCK,
		    REPLY_OK, "Alice@acme-mail.test" },
		{ "From: Alice Example <alice@acme-mail.test>\r\n" SUBJ
		    "To: <acme@localhost>\r\n\r\nThanks.\r\n\r\n" BLOCK
		    "\r\n-- \r\nAlice\r\n", REPLY_OK, "alice@acme-mail.test" },
		{ "from: alice@acme-mail.test\n" "subject: ACME: "
		    "ABCDEFGHIJKLMNOPQRSTUV\n\n-----BEGIN ACME RESPONSE-----\n"
		    "\n  " DIGEST "  \n\n-----END ACME RESPONSE-----\n",
		    REPLY_OK, "alice@acme-mail.test" },
		{ "From:\r\n <alice@acme-mail.test>\r\nSubject:\r\n\tRe: ACME: "
		    "ABCDEFGHIJKLMNOPQRSTUV\r\n\r\n" BLOCK, REPLY_OK,
		    "alice@acme-mail.test" },
		{ SUBJ "\r\n" BLOCK, REPLY_FROM, NULL },
		{ "From: <a@x.test>\r\nFrom: <b@x.test>\r\n" SUBJ "\r\n" BLOCK,
		    REPLY_FROM, NULL },
		{ "From: <a@x.test>, <b@x.test>\r\n" SUBJ "\r\n" BLOCK,
		    REPLY_FROM, NULL },
		{ "From: a@x.test (Alice)\r\n" SUBJ "\r\n" BLOCK, REPLY_FROM,
		    NULL },
		{ "From: <a@x.test> trailing\r\n" SUBJ "\r\n" BLOCK, REPLY_FROM,
		    NULL },
		{ "From: <not an address>\r\n" SUBJ "\r\n" BLOCK, REPLY_FROM,
		    NULL },
		{ "From: <a@x.test>\r\n\r\n" BLOCK, REPLY_SUBJECT, NULL },
		{ "From: <a@x.test>\r\n" SUBJ SUBJ "\r\n" BLOCK, REPLY_SUBJECT,
		    NULL },
		{ "From: <a@x.test>\r\nSubject: ACME: ABCDEFGHIJKLMNOPQRSTU\r\n"
		    "\r\n" BLOCK, REPLY_SUBJECT, NULL },
		{ "From: <a@x.test>\r\nSubject: ACME: ABCDEFGHIJKLMNOPQRSTUVW\r\n"
		    "\r\n" BLOCK, REPLY_SUBJECT, NULL },
		{ "From: <a@x.test>\r\nSubject: =?utf-8?q?ACME=3A?=\r\n\r\n"
		    BLOCK, REPLY_SUBJECT, NULL },
		{ "From: <a@x.test>\r\n" SUBJ "\r\nno block\r\n",
		    REPLY_RESPONSE, NULL },
		{ "From: <a@x.test>\r\n" SUBJ "\r\n-----BEGIN ACME RESPONSE-----"
		    "\r\n" DIGEST "\r\n", REPLY_RESPONSE, NULL },
		{ "From: <a@x.test>\r\n" SUBJ "\r\n-----BEGIN ACME RESPONSE-----"
		    "\r\n" DIGEST "\r\nextra\r\n-----END ACME RESPONSE-----\r\n",
		    REPLY_RESPONSE, NULL },
		{ "From: <a@x.test>\r\n" SUBJ "\r\n-----BEGIN ACME RESPONSE-----"
		    "\r\n-----END ACME RESPONSE-----\r\n", REPLY_RESPONSE,
		    NULL },
		{ "From: <a@x.test>\r\n" SUBJ "\r\n-----BEGIN ACME RESPONSE-----"
		    "\r\n7dm09wTElcE8I9a4HNkSmjJyfDREok3BQ3HMWFYIIu=\r\n"
		    "-----END ACME RESPONSE-----\r\n", REPLY_RESPONSE, NULL },
		{ "From: <a@x.test>\r\n" SUBJ BLOCK, REPLY_MALFORMED, NULL },
		{ "From: <a@x.test>\r" SUBJ "\r\n" BLOCK, REPLY_MALFORMED,
		    NULL },
		{ "No colon\r\n" SUBJ "\r\n" BLOCK, REPLY_MALFORMED, NULL },
		{ "Bad name: x\r\nFrom: <a@x.test>\r\n" SUBJ "\r\n" BLOCK,
		    REPLY_MALFORMED, NULL },
	};
	struct reply	 r;
	enum replyerr	 rc;
	size_t		 i;

	for (i = 0; i < NELEM(t); i++) {
		rc = reply_parse(&r, t[i].msg, strlen(t[i].msg));
		if (rc != t[i].rc)
			fail_msg("case %zu: %s, want %s", i, replyerr_names[rc],
			    replyerr_names[t[i].rc]);
		if (rc == REPLY_OK) {
			assert_string_equal(r.from, t[i].from);
			assert_string_equal(r.token1, "ABCDEFGHIJKLMNOPQRSTUV");
			assert_string_equal(r.response, DIGEST);
			assert_int_equal(strlen(r.sha256), 64);
		}
		reply_free(&r);
	}
}

static void
test_limits(void **state)
{
	static char	 big[REPLY_MAX + 2];
	struct reply	 r;
	char		 line[1200];

	memset(big, 'x', sizeof(big));
	assert_int_equal(reply_parse(&r, big, REPLY_MAX + 1), REPLY_TOOBIG);
	reply_free(&r);
	/* A line of 998 octets is fine, of 1000 not (RFC 5322 2.1.1). */
	memset(line, 'a', sizeof(line));
	memcpy(line, "X-A: ", 5);
	{
		char	 msg[2048];
		int	 n;

		n = snprintf(msg, sizeof(msg), "%.*s\r\nFrom: <a@x.test>\r\n"
		    SUBJ "\r\n" BLOCK, 998, line);
		assert_int_equal(reply_parse(&r, msg, n), REPLY_OK);
		reply_free(&r);
		n = snprintf(msg, sizeof(msg), "%.*s\r\nFrom: <a@x.test>\r\n"
		    SUBJ "\r\n" BLOCK, 1000, line);
		assert_int_equal(reply_parse(&r, msg, n), REPLY_TOOBIG);
		reply_free(&r);
	}
	assert_int_equal(reply_parse(&r, "From: <a@x.test>\0\r\n\r\n", 22),
	    REPLY_MALFORMED);
	reply_free(&r);
}

static void
test_digest(void **state)
{
	static const char	 msg[] = "From: <a@x.test>\r\n" SUBJ "\r\n" BLOCK;
	struct reply		 r;

	assert_int_equal(reply_parse(&r, msg, strlen(msg)), REPLY_OK);
	assert_true(reply_digest_ok(&r, "abcdefghijklmnopqrstuv",
	    "UTKgHUpLaOhaClzyZQcK3GbBylYa34i1d0c-fHCwPxI"));
	assert_false(reply_digest_ok(&r, "abcdefghijklmnopqrstuw",
	    "UTKgHUpLaOhaClzyZQcK3GbBylYa34i1d0c-fHCwPxI"));
	assert_false(reply_digest_ok(&r, "abcdefghijklmnopqrstuv",
	    "UTKgHUpLaOhaClzyZQcK3GbBylYa34i1d0c-fHCwPxJ"));
	r.token1[0] = 'B';
	assert_false(reply_digest_ok(&r, "abcdefghijklmnopqrstuv",
	    "UTKgHUpLaOhaClzyZQcK3GbBylYa34i1d0c-fHCwPxI"));
	reply_free(&r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_digest),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
