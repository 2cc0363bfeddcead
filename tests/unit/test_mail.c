/*
 * Unit tests of mail.c: quoted-printable bodies, RFC 2047 subjects and
 * the message's headers.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "mail.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

static void
test_qp_vectors(void **state)
{
	static const struct {
		const char	*in;
		const char	*out;
	} v[] = {
		{ "plain", "plain" },
		{ "a=b", "a=3Db" },
		{ "line\nnext", "line\r\nnext" },
		{ "crlf\r\nnext", "crlf\r\nnext" },
		{ "trailing \nx", "trailing=20\r\nx" },
		{ "end ", "end=20" },
		{ "tab\tin", "tab=09in" },
		{ "Za\xc5\xbc\xc3\xb3\xc5\x82\xc4\x87",
		  "Za=C5=BC=C3=B3=C5=82=C4=87" },
	};
	struct buf	 b;
	size_t		 i;

	for (i = 0; i < NELEM(v); i++) {
		buf_init(&b);
		assert_true(mail_qp(&b, v[i].in, strlen(v[i].in)));
		assert_string_equal(b.s, v[i].out);
		buf_free(&b);
	}
}

/* No encoded line is longer than 76 characters, whatever the input. */
static void
test_qp_line_length(void **state)
{
	char		 in[1000];
	struct buf	 b;
	const char	*line, *end;
	size_t		 i;

	for (i = 0; i < sizeof(in) - 1; i++)
		in[i] = (char)(i % 3 == 0 ? '\xc5' : i % 3 == 1 ? '\xbc' : 'a');
	in[sizeof(in) - 1] = '\0';
	buf_init(&b);
	assert_true(mail_qp(&b, in, strlen(in)));
	for (line = b.s; *line != '\0'; line = end + 2) {
		if ((end = strstr(line, "\r\n")) == NULL)
			end = line + strlen(line) - 2;
		assert_true(end - line <= 76);
		if (end[0] == '\0' || end[1] == '\0')
			break;
	}
	buf_free(&b);
}

static void
test_subject_ascii_as_is(void **state)
{
	struct buf	 b;

	buf_init(&b);
	assert_true(mail_subject(&b, "Your data has been verified"));
	assert_string_equal(b.s, "Your data has been verified");
	buf_free(&b);
}

/* A Polish subject: encoded-words that decode back to the same text. */
static void
test_subject_encoded(void **state)
{
	const char	*s = "Dane zosta\xc5\x82y zweryfikowane \xe2\x80\x93 "
	    "zam\xc3\xb3wienie ORDER/0000100001/dk, ju\xc5\xbc mo\xc5\xbc" "esz "
	    "przej\xc5\x9b\xc4\x87 dalej";
	struct buf	 b;
	const char	*p;
	int		 words = 0;

	buf_init(&b);
	assert_true(mail_subject(&b, s));
	assert_true(strncmp(b.s, "=?UTF-8?B?", 10) == 0);
	for (p = b.s; (p = strstr(p, "=?UTF-8?B?")) != NULL; p++)
		words++;
	assert_true(words >= 2);
	/* Folded lines, each word short enough. */
	assert_non_null(strstr(b.s, "?=\r\n =?UTF-8?B?"));
	for (p = b.s; *p != '\0'; ) {
		const char	*e = strstr(p, "\r\n");

		if (e == NULL)
			e = p + strlen(p);
		assert_true(e - p <= 76);
		p = *e ? e + 2 : e;
	}
	assert_null(strchr(b.s, '\xc5'));
	buf_free(&b);
}

static void
test_build_headers(void **state)
{
	struct buf	 b;

	buf_init(&b);
	assert_true(mail_build(&b, "Example CA", "no-reply@example.com",
	    "jan@example.org", "Hello", "Body line\n", NULL, "test"));
	assert_true(strncmp(b.s, "From: \"Example CA\" <no-reply@example.com>\r\n",
	    strlen("From: \"Example CA\" <no-reply@example.com>\r\n")) == 0);
	assert_non_null(strstr(b.s, "\r\nTo: <jan@example.org>\r\n"));
	assert_non_null(strstr(b.s, "\r\nSubject: Hello\r\n"));
	assert_non_null(strstr(b.s, "\r\nDate: "));
	assert_non_null(strstr(b.s, "@example.com>\r\n"));
	assert_non_null(strstr(b.s, "\r\nMessage-ID: <"));
	assert_non_null(strstr(b.s, "\r\nMIME-Version: 1.0\r\n"));
	assert_non_null(strstr(b.s, "Content-Transfer-Encoding: quoted-printable"));
	assert_non_null(strstr(b.s, "\r\n\r\nBody line\r\n"));
	buf_free(&b);
}

/* Header injection through an address or the brand is refused. */
static void
test_build_refuses_injection(void **state)
{
	struct buf	 b;

	buf_init(&b);
	assert_false(mail_build(&b, "CA", "a@x", "v@x\r\nBcc: all@x", "s", "b",
	    NULL, "t"));
	assert_false(mail_build(&b, "CA\r\nX: y", "a@x", "v@x", "s", "b", NULL,
	    "t"));
	assert_false(mail_build(&b, "CA", "a@x>", "v@x", "s", "b", NULL, "t"));
	buf_free(&b);
}

/* With HTML: a multipart/alternative of both, each quoted-printable. */
static void
test_build_alternative(void **state)
{
	struct buf	 b;
	const char	*bnd, *t, *h;
	char		 delim[64];

	buf_init(&b);
	assert_true(mail_build(&b, "CA", "no-reply@example.com", "j@example.org",
	    "Hi", "Text =part\n", "<p>HTML &amp; part</p>\n", "t"));
	assert_non_null(bnd = strstr(b.s, "multipart/alternative; boundary=\""));
	bnd += strlen("multipart/alternative; boundary=\"");
	snprintf(delim, sizeof(delim), "\r\n--%.*s", (int)strcspn(bnd, "\""),
	    bnd);
	assert_non_null(t = strstr(b.s, delim));
	assert_non_null(strstr(t, "Content-Type: text/plain; charset=utf-8"));
	assert_non_null(strstr(t, "Text =3Dpart"));
	assert_non_null(h = strstr(t + 1, delim));
	assert_non_null(strstr(h, "Content-Type: text/html; charset=utf-8"));
	assert_non_null(strstr(h, "<p>HTML &amp; part</p>"));
	/* The closing delimiter ends the message. */
	assert_non_null(strstr(h + 1, "--\r\n"));
	buf_free(&b);
}

/*
 * With files: a multipart/mixed of the alternative body and each file in
 * base64 lines of at most 76 characters, with its name and type.
 */
static void
test_build_files(void **state)
{
	static const char	 pem[] = "-----BEGIN CERTIFICATE-----\n"
	    "MIIBszCCAVmgAwIBAgIUQ2VydGlmaWNhdGUgZm9yIHRlc3RzMAoGCCqGSM49BAMC\n"
	    "-----END CERTIFICATE-----\n";
	struct mail_file	 f = { "smime-01ab-cert.pem",
	    "application/x-pem-file", pem, sizeof(pem) - 1 };
	struct mail_file	 bad = { "a\"b.pem", "text/plain", "x", 1 };
	struct buf		 b;
	const char		*bnd, *part, *p, *e;
	char			 delim[64];

	buf_init(&b);
	assert_true(mail_build_files(&b, "CA", "no-reply@example.com",
	    "j@example.org", "Hi", "Text\n", "<p>x</p>\n", "t", &f, 1));
	assert_non_null(bnd = strstr(b.s, "multipart/mixed; boundary=\""));
	bnd += strlen("multipart/mixed; boundary=\"");
	snprintf(delim, sizeof(delim), "\r\n--%.*s", (int)strcspn(bnd, "\""),
	    bnd);
	assert_non_null(part = strstr(b.s, delim));
	assert_non_null(strstr(part, "multipart/alternative"));
	assert_non_null(part = strstr(part + 1, delim));
	assert_non_null(strstr(part, "Content-Type: application/x-pem-file; "
	    "name=\"smime-01ab-cert.pem\"\r\n"));
	assert_non_null(strstr(part, "Content-Disposition: attachment; "
	    "filename=\"smime-01ab-cert.pem\"\r\n"));
	assert_non_null(strstr(part, "Content-Transfer-Encoding: base64"));
	/* "-----BEGIN CERTIFICATE-----" in base64. */
	assert_non_null(strstr(part, "\r\n\r\nLS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t"));
	for (p = part; *p != '\0'; p = *e ? e + 2 : e) {
		if ((e = strstr(p, "\r\n")) == NULL)
			e = p + strlen(p);
		assert_true(e - p <= 76);
	}
	snprintf(delim + strlen(delim), sizeof(delim) - strlen(delim), "--\r\n");
	assert_non_null(strstr(part, delim));
	buf_reset(&b);
	assert_false(mail_build_files(&b, "CA", "a@x", "v@x", "s", "b", NULL,
	    "t", &bad, 1));
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_qp_vectors),
		cmocka_unit_test(test_qp_line_length),
		cmocka_unit_test(test_subject_ascii_as_is),
		cmocka_unit_test(test_subject_encoded),
		cmocka_unit_test(test_build_headers),
		cmocka_unit_test(test_build_refuses_injection),
		cmocka_unit_test(test_build_alternative),
		cmocka_unit_test(test_build_files),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
