/*
 * Unit tests of crl.c and the signer's SIGNER_CRL: requests round-trip,
 * bad ones are refused on both sides, and the signer's CRLs verify and
 * say what was asked (BR 4.9.7, 7.2.2).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "buf.h"
#include "crl.h"
#include "signer.h"

#define DAY	86400LL

static char		 dir[] = "/tmp/test_crl.XXXXXX";
static char		 keypath[64], certpath[64], crlpath[64];
static EVP_PKEY		*cakey;
static X509		*cacert;

static const struct crl_entry	 three[] = {
	{ "7f3a9c0e11d2b4a6c8e0f2a4b6c8d0e2f4a6b8c0", 0, CRL_REASON_KEY_COMPROMISE },
	{ "0a1b2c3d4e5f", 0, CRL_REASON_SUPERSEDED },
	{ "01", 0, CRL_REASON_CESSATION_OF_OPERATION },
};

static void
ext(X509 *x, X509 *issuer, int nid, const char *v)
{
	X509V3_CTX	 c;
	X509_EXTENSION	*e;

	X509V3_set_ctx_nodb(&c);
	X509V3_set_ctx(&c, issuer, x, NULL, NULL, 0);
	assert_non_null(e = X509V3_EXT_conf_nid(NULL, &c, nid, v));
	assert_int_equal(X509_add_ext(x, e, -1), 1);
	X509_EXTENSION_free(e);
}

static int
setup(void **state)
{
	X509_NAME	*n;
	FILE		*f;

	assert_non_null(mkdtemp(dir));
	snprintf(keypath, sizeof(keypath), "%s/ca.key", dir);
	snprintf(certpath, sizeof(certpath), "%s/ca.pem", dir);
	snprintf(crlpath, sizeof(crlpath), "%s/crl.der", dir);
	cakey = EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-384");
	cacert = X509_new();
	X509_set_version(cacert, X509_VERSION_3);
	ASN1_INTEGER_set(X509_get_serialNumber(cacert), 1);
	n = X509_get_subject_name(cacert);
	X509_NAME_add_entry_by_txt(n, "O", MBSTRING_ASC,
	    (const unsigned char *)"Test", -1, -1, 0);
	X509_NAME_add_entry_by_txt(n, "CN", MBSTRING_ASC,
	    (const unsigned char *)"Test CRL CA", -1, -1, 0);
	X509_set_issuer_name(cacert, n);
	X509_gmtime_adj(X509_getm_notBefore(cacert), -DAY);
	X509_gmtime_adj(X509_getm_notAfter(cacert), 86400L * 3650);
	X509_set_pubkey(cacert, cakey);
	ext(cacert, cacert, NID_basic_constraints, "critical,CA:TRUE");
	ext(cacert, cacert, NID_key_usage, "critical,keyCertSign,cRLSign");
	ext(cacert, cacert, NID_subject_key_identifier, "hash");
	X509_sign(cacert, cakey, EVP_sha384());
	f = fopen(keypath, "w");
	PEM_write_PrivateKey(f, cakey, NULL, NULL, 0, NULL, NULL);
	fclose(f);
	f = fopen(certpath, "w");
	PEM_write_X509(f, cacert);
	fclose(f);
	return 0;
}

static int
teardown(void **state)
{
	unlink(keypath);
	unlink(certpath);
	unlink(crlpath);
	rmdir(dir);
	EVP_PKEY_free(cakey);
	X509_free(cacert);
	return 0;
}

/* The three entries, revoked an hour before `now`. */
static void
entries(struct crl_entry *e, long long now)
{
	size_t	 i;

	memcpy(e, three, sizeof(three));
	for (i = 0; i < 3; i++)
		e[i].revoked_at = now - 3600 - (long long)i;
}

static void
test_round_trip(void **state)
{
	struct crl_entry	 e[3], *d = NULL;
	struct buf		 b;
	long long		 num, tu, nu, now = 1760000000;
	size_t			 n, i;

	entries(e, now);
	buf_init(&b);
	assert_true(crl_request_encode(&b, 42, now, now + 7 * DAY, e, 3));
	assert_true(crl_request_decode(b.s, b.len, &num, &tu, &nu, &d, &n));
	assert_int_equal(num, 42);
	assert_int_equal(tu, now);
	assert_int_equal(nu, now + 7 * DAY);
	assert_int_equal(n, 3);
	for (i = 0; i < 3; i++) {
		assert_string_equal(d[i].serial, e[i].serial);
		assert_int_equal(d[i].revoked_at, e[i].revoked_at);
		assert_int_equal(d[i].reason, e[i].reason);
	}
	free(d);

	/* Odd digits and leading zeros come back a whole byte each. */
	buf_reset(&b);
	strcpy(e[0].serial, "000abc");
	assert_true(crl_request_encode(&b, 0, now, now + 10 * DAY, e, 1));
	assert_true(crl_request_decode(b.s, b.len, &num, &tu, &nu, &d, &n));
	assert_int_equal(n, 1);
	assert_string_equal(d[0].serial, "0abc");
	free(d);

	/* No entries at all. */
	buf_reset(&b);
	assert_true(crl_request_encode(&b, 7, now, now + DAY, NULL, 0));
	assert_true(crl_request_decode(b.s, b.len, &num, &tu, &nu, &d, &n));
	assert_int_equal(n, 0);
	assert_null(d);
	assert_int_equal(num, 7);
	buf_free(&b);
}

/* Requests the encoder must refuse. */
static void
test_encode_refuses(void **state)
{
	struct crl_entry	 e[3];
	struct buf		 b;
	long long		 now = 1760000000;
	static const int	 bad[] = { CRL_REASON_UNSPECIFIED,
	    CRL_REASON_CERTIFICATE_HOLD, CRL_REASON_CA_COMPROMISE,
	    CRL_REASON_REMOVE_FROM_CRL, CRL_REASON_AA_COMPROMISE, 7, 11, -1,
	    256 };
	static const char *const badserial[] = { "", "0", "000", "ABCD",
	    "12g4", " 12",
	    "1000000000000000000000000000000000000000000000000000000000000000x" };
	size_t			 i;

	buf_init(&b);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		entries(e, now);
		e[1].reason = bad[i];
		assert_false(crl_request_encode(&b, 1, now, now + DAY, e, 3));
	}
	for (i = 0; i < sizeof(badserial) / sizeof(badserial[0]); i++) {
		entries(e, now);
		/* At most 64 digits fit; the last vector fills all 65 bytes. */
		memcpy(e[1].serial, badserial[i],
		    strlen(badserial[i]) < 65 ? strlen(badserial[i]) + 1 : 65);
		assert_false(crl_request_encode(&b, 1, now, now + DAY, e, 3));
	}
	entries(e, now);
	assert_true(crl_request_encode(&b, 1, now, now + 10 * DAY, e, 3));
	assert_false(crl_request_encode(&b, 1, now, now + 10 * DAY + 1, e, 3));
	assert_false(crl_request_encode(&b, 1, now, now + 11 * DAY, e, 3));
	assert_false(crl_request_encode(&b, 1, now, now, e, 3));
	assert_false(crl_request_encode(&b, 1, now, now - DAY, e, 3));
	assert_false(crl_request_encode(&b, -1, now, now + DAY, e, 3));
	assert_false(crl_request_encode(&b, 1, 0, DAY, e, 3));
	/* Revoked after thisUpdate, or never. */
	e[2].revoked_at = now + 1;
	assert_false(crl_request_encode(&b, 1, now, now + DAY, e, 3));
	e[2].revoked_at = 0;
	assert_false(crl_request_encode(&b, 1, now, now + DAY, e, 3));
	/* The same serial twice, even spelt differently. */
	entries(e, now);
	strcpy(e[2].serial, "000a1b2c3d4e5f");
	assert_false(crl_request_encode(&b, 1, now, now + DAY, e, 3));
	buf_free(&b);
}

static int
decodes(const struct buf *b)
{
	struct crl_entry	*d = (struct crl_entry *)1;
	long long		 num, tu, nu;
	size_t			 n = 99;
	int			 rc;

	rc = crl_request_decode(b->s, b->len, &num, &tu, &nu, &d, &n);
	if (!rc) {
		assert_null(d);
		assert_int_equal(n, 0);
	}
	free(d);
	return rc;
}

/* Requests the decoder must refuse, byte by byte. */
static void
test_decode_refuses(void **state)
{
	struct crl_entry	 e[3];
	struct buf		 b, t;
	long long		 now = 1760000000;
	size_t			 i, len, last;

	buf_init(&b);
	buf_init(&t);
	entries(e, now);
	assert_true(crl_request_encode(&b, 5, now, now + 7 * DAY, e, 3));
	assert_true(decodes(&b));
	len = b.len;

	/* Every truncation, and one byte too many. */
	for (i = 0; i < len; i++) {
		buf_reset(&t);
		buf_add(&t, b.s, i);
		assert_false(decodes(&t));
	}
	buf_reset(&t);
	buf_add(&t, b.s, len);
	buf_addc(&t, 0);
	assert_false(decodes(&t));

	/* Wrong version. */
	b.s[0] = 2;
	assert_false(decodes(&b));
	b.s[0] = CRL_REQUEST_VERSION;

	/* Absurd counts: all ones, one over the cap, more than is there. */
	memcpy(b.s + 25, "\377\377\377\377", 4);
	assert_false(decodes(&b));
	memcpy(b.s + 25, "\000\017\102\101", 4);	/* 1,000,001 */
	assert_false(decodes(&b));
	memcpy(b.s + 25, "\000\000\000\004", 4);
	assert_false(decodes(&b));
	memcpy(b.s + 25, "\000\000\000\002", 4);
	assert_false(decodes(&b));
	memcpy(b.s + 25, "\000\000\000\003", 4);
	assert_true(decodes(&b));

	/* nextUpdate 11 days on (bytes 17..24, big-endian). */
	buf_reset(&t);
	buf_add(&t, b.s, len);
	t.s[17 + 5] = (char)(((now + 11 * DAY) >> 16) & 0xff);
	t.s[17 + 6] = (char)(((now + 11 * DAY) >> 8) & 0xff);
	t.s[17 + 7] = (char)((now + 11 * DAY) & 0xff);
	t.s[17 + 4] = (char)(((now + 11 * DAY) >> 24) & 0xff);
	assert_false(decodes(&t));

	/* The last entry, "01": length 1 at len - 11, reason at len - 1. */
	last = len - 11;
	assert_int_equal(b.s[last], 1);
	assert_int_equal(b.s[last + 1], 1);
	b.s[len - 1] = CRL_REASON_UNSPECIFIED;
	assert_false(decodes(&b));
	b.s[len - 1] = CRL_REASON_CERTIFICATE_HOLD;
	assert_false(decodes(&b));
	b.s[len - 1] = (char)200;
	assert_false(decodes(&b));
	b.s[len - 1] = CRL_REASON_CESSATION_OF_OPERATION;
	assert_true(decodes(&b));
	/* A leading zero byte, a zero length, a length past the end. */
	b.s[last + 1] = 0;
	assert_false(decodes(&b));
	b.s[last + 1] = 1;
	b.s[last] = 0;
	assert_false(decodes(&b));
	b.s[last] = 33;
	assert_false(decodes(&b));
	b.s[last] = 2;
	assert_false(decodes(&b));
	b.s[last] = 1;
	assert_true(decodes(&b));

	/* A header claiming a million entries and nothing else. */
	buf_reset(&t);
	buf_add(&t, b.s, 25);
	buf_add(&t, "\000\017\102\100", 4);
	assert_false(decodes(&t));

	buf_free(&b);
	buf_free(&t);
}

static X509_CRL *
crl_d2i(const struct buf *b)
{
	const unsigned char	*p = (const unsigned char *)b->s;
	X509_CRL		*crl;

	assert_non_null(crl = d2i_X509_CRL(NULL, &p, (long)b->len));
	assert_ptr_equal(p, (const unsigned char *)b->s + b->len);
	return crl;
}

static long long
asn1_unix(const ASN1_TIME *t)
{
	struct tm	 tm;

	assert_int_equal(ASN1_TIME_to_tm(t, &tm), 1);
	return (long long)timegm(&tm);
}

/* The signer's CRL: signed, numbered, identified, listing what was asked. */
static void
test_signer_crl(void **state)
{
	struct signer			 s;
	struct buf			 req, out, why;
	struct crl_entry		 e[3];
	X509_CRL			*crl;
	STACK_OF(X509_REVOKED)		*rs;
	X509_REVOKED			*r;
	ASN1_INTEGER			*num;
	AUTHORITY_KEYID			*akid;
	ASN1_ENUMERATED			*rc;
	BIGNUM				*bn;
	char				*hex, cmd[256];
	long long			 now = (long long)time(NULL);
	size_t				 i, j;
	int				 crit, found;
	FILE				*f;

	buf_init(&req);
	buf_init(&out);
	buf_init(&why);
	entries(e, now);
	assert_true(signer_start(&s, keypath, certpath));
	assert_true(crl_request_encode(&req, 1234, now, now + 7 * DAY, e, 3));
	if (!signer_sign_crl(&s, &req, &out, &why))
		fail_msg("refused: %s", why.s);
	crl = crl_d2i(&out);

	assert_int_equal(X509_CRL_verify(crl, cakey), 1);
	assert_int_equal(X509_CRL_get_version(crl), X509_CRL_VERSION_2);
	assert_int_equal(X509_NAME_cmp(X509_CRL_get_issuer(crl),
	    X509_get_subject_name(cacert)), 0);
	assert_int_equal(asn1_unix(X509_CRL_get0_lastUpdate(crl)), now);
	assert_int_equal(asn1_unix(X509_CRL_get0_nextUpdate(crl)),
	    now + 7 * DAY);

	assert_non_null(num = X509_CRL_get_ext_d2i(crl, NID_crl_number, &crit,
	    NULL));
	assert_int_equal(crit, 0);
	assert_int_equal(ASN1_INTEGER_get(num), 1234);
	ASN1_INTEGER_free(num);
	assert_non_null(akid = X509_CRL_get_ext_d2i(crl,
	    NID_authority_key_identifier, &crit, NULL));
	assert_int_equal(crit, 0);
	assert_non_null(akid->keyid);
	assert_null(akid->issuer);
	assert_null(akid->serial);
	assert_int_equal(ASN1_OCTET_STRING_cmp(akid->keyid,
	    X509_get0_subject_key_id(cacert)), 0);
	AUTHORITY_KEYID_free(akid);
	assert_int_equal(X509_CRL_get_ext_count(crl), 2);

	/* Each entry once, with its reason and nothing else; in order. */
	assert_non_null(rs = X509_CRL_get_REVOKED(crl));
	assert_int_equal(sk_X509_REVOKED_num(rs), 3);
	for (j = 0; j < 3; j++) {
		r = sk_X509_REVOKED_value(rs, (int)j);
		if (j > 0)
			assert_true(ASN1_INTEGER_cmp(
			    X509_REVOKED_get0_serialNumber(
			    sk_X509_REVOKED_value(rs, (int)j - 1)),
			    X509_REVOKED_get0_serialNumber(r)) < 0);
		assert_int_equal(X509_REVOKED_get_ext_count(r), 1);
		assert_null(X509_REVOKED_get_ext_d2i(r, NID_invalidity_date,
		    NULL, NULL));
		assert_non_null(bn = ASN1_INTEGER_to_BN(
		    X509_REVOKED_get0_serialNumber(r), NULL));
		assert_non_null(hex = BN_bn2hex(bn));
		found = 0;
		for (i = 0; i < 3; i++) {
			if (strcasecmp(hex, e[i].serial) != 0)
				continue;
			found = 1;
			assert_non_null(rc = X509_REVOKED_get_ext_d2i(r,
			    NID_crl_reason, &crit, NULL));
			assert_int_equal(ASN1_ENUMERATED_get(rc), e[i].reason);
			ASN1_ENUMERATED_free(rc);
			assert_int_equal(asn1_unix(
			    X509_REVOKED_get0_revocationDate(r)),
			    e[i].revoked_at);
		}
		assert_true(found);
		OPENSSL_free(hex);
		BN_free(bn);
	}
	X509_CRL_free(crl);

	/*
	 * openssl crl agrees. It exits 0 even on "verify failure" (3.0), so
	 * its verdict is read from what it prints.
	 */
	assert_non_null(f = fopen(crlpath, "w"));
	assert_int_equal(fwrite(out.s, 1, out.len, f), out.len);
	fclose(f);
	snprintf(cmd, sizeof(cmd), "openssl crl -in %s -inform DER "
	    "-CAfile %s -noout 2>&1 | grep -qx 'verify OK'", crlpath, certpath);
	if (system("openssl version >/dev/null 2>&1") == 0) {
		assert_int_equal(system(cmd), 0);
		/* And notices a broken signature (the last byte is in it). */
		out.s[out.len - 1] ^= 1;
		assert_non_null(f = fopen(crlpath, "w"));
		assert_int_equal(fwrite(out.s, 1, out.len, f), out.len);
		fclose(f);
		assert_int_not_equal(system(cmd), 0);
	}

	/* An empty CRL. */
	buf_reset(&req);
	assert_true(crl_request_encode(&req, 1235, now, now + 10 * DAY,
	    NULL, 0));
	if (!signer_sign_crl(&s, &req, &out, &why))
		fail_msg("refused: %s", why.s);
	crl = crl_d2i(&out);
	assert_int_equal(X509_CRL_verify(crl, cakey), 1);
	/* No revokedCertificates at all (RFC 5280 5.1.2.6), not an empty one. */
	assert_null(X509_CRL_get_REVOKED(crl));
	assert_int_equal(asn1_unix(X509_CRL_get0_nextUpdate(crl)),
	    now + 10 * DAY);
	X509_CRL_free(crl);

	signer_stop(&s);
	buf_free(&req);
	buf_free(&out);
	buf_free(&why);
}

/* What the signer refuses, and that it goes on serving afterwards. */
static void
test_signer_refuses(void **state)
{
	struct signer		 s;
	struct buf		 req, out, why;
	struct crl_entry	 e[3];
	long long		 now = (long long)time(NULL);

	buf_init(&req);
	buf_init(&out);
	buf_init(&why);
	assert_true(signer_start(&s, keypath, certpath));

	/* Garbage. */
	buf_adds(&req, "garbage");
	assert_false(signer_sign_crl(&s, &req, &out, &why));
	assert_non_null(strstr(why.s, "malformed"));
	assert_int_equal(out.len, 0);

	/* certificateHold, slipped past the encoder. */
	entries(e, now);
	buf_reset(&req);
	assert_true(crl_request_encode(&req, 1, now, now + DAY, e, 3));
	req.s[req.len - 1] = CRL_REASON_CERTIFICATE_HOLD;
	assert_false(signer_sign_crl(&s, &req, &out, &why));
	assert_non_null(strstr(why.s, "certificateHold"));

	/* Backdated by two days. */
	entries(e, now - 2 * DAY);
	buf_reset(&req);
	assert_true(crl_request_encode(&req, 1, now - 2 * DAY, now + DAY, e,
	    3));
	assert_false(signer_sign_crl(&s, &req, &out, &why));
	assert_non_null(strstr(why.s, "thisUpdate"));

	/* Still serving. */
	entries(e, now);
	buf_reset(&req);
	assert_true(crl_request_encode(&req, 2, now, now + DAY, e, 3));
	assert_true(signer_sign_crl(&s, &req, &out, &why));
	assert_true(s.fd != -1);

	signer_stop(&s);
	buf_free(&req);
	buf_free(&out);
	buf_free(&why);
}

/* SIGNER_CRL has its own, larger, limit; other messages keep theirs. */
static void
test_message_limits(void **state)
{
	int		 sv[2], type;
	struct buf	 b;
	unsigned char	 head[5] = { SIGNER_CRL, 0, 1, 0, 1 };	/* 65537 */

	buf_init(&b);
	assert_int_equal(pipe(sv), 0);
	/* 65537 bytes of SIGNER_CRL: too many for signer_msg_read(). */
	assert_false(signer_msg_write(sv[1], SIGNER_CRL, "", SIGNER_MAX + 1));
	assert_int_equal(write(sv[1], head, 5), 5);
	assert_false(signer_msg_read(sv[0], &type, &b));
	close(sv[0]);
	close(sv[1]);

	/* Over SIGNER_CRL_MAX: refused whatever the caller allows. */
	assert_int_equal(pipe(sv), 0);
	head[1] = 0x04;		/* 64 MiB + 65537 */
	assert_int_equal(write(sv[1], head, 5), 5);
	assert_false(signer_msg_read_max(sv[0], &type, &b, (size_t)-1));
	assert_true(signer_msg_write_max(sv[1], SIGNER_OK, "abc", 3,
	    SIGNER_CRL_MAX));
	close(sv[0]);
	close(sv[1]);
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_encode_refuses),
		cmocka_unit_test(test_decode_refuses),
		cmocka_unit_test(test_signer_crl),
		cmocka_unit_test(test_signer_refuses),
		cmocka_unit_test(test_message_limits),
	};

	signal(SIGPIPE, SIG_IGN);
	return cmocka_run_group_tests(tests, setup, teardown);
}
