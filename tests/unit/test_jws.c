/*
 * Unit tests of jws.c, eab.c, b64u.c and nonce_valid(): JWS intake and
 * verification against vectors made by node's crypto from openssl keys
 * (tests/data/acme/, see its README.md), and the examples of RFC 8037.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "b64u.h"
#include "buf.h"
#include "eab.h"
#include "json.h"
#include "jws.h"
#include "nonce.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

static const struct json_limits	 lim = JSON_ACME_LIMITS;

/* The bytes of tests/data/acme/`name`, NUL-terminated, in `b`. */
static void
load(const char *name, struct buf *b)
{
	const char	*dir = getenv("SMIME_TEST_DATA");
	char		 path[1024], chunk[4096];
	FILE		*f;
	size_t		 n;

	snprintf(path, sizeof(path), "%s/acme/%s", dir ? dir : "tests/data",
	    name);
	if ((f = fopen(path, "rb")) == NULL)
		fail_msg("cannot open %s", path);
	buf_init(b);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		assert_true(buf_add(b, chunk, n));
	fclose(f);
}

/* The public key of tests/data/acme/`name` (a JWK). */
static EVP_PKEY *
load_key(const char *name)
{
	struct buf	 b;
	struct json	*j;
	enum json_err	 e;
	EVP_PKEY	*k;

	load(name, &b);
	j = json_parse(b.s, b.len, &lim, &e);
	assert_non_null(j);
	assert_int_equal(jwk_parse(j, &k), JWSERR_NONE);
	json_free(j);
	buf_free(&b);
	return k;
}

static void
test_b64u(void **state)
{
	static const struct {
		const char	*in;
		const char	*out;
	} ok[] = {
		{ "", "" },
		{ "QQ", "A" },
		{ "QUI", "AB" },
		{ "QUJD", "ABC" },
		{ "_-8", "\xff\xef" },
	};
	static const char *const bad[] = {
		"Q", "QUJDR", "QQ==", "QUI=", "QR", "QUJ", "Q+E", "Q/E",
		"QU I", "QU\nI", "QU\0I",
	};
	struct buf	 b;
	size_t		 i;

	buf_init(&b);
	for (i = 0; i < NELEM(ok); i++) {
		buf_reset(&b);
		assert_true(b64u_decode(&b, ok[i].in, strlen(ok[i].in)));
		assert_int_equal(b.len, strlen(ok[i].out));
		assert_memory_equal(b.s, ok[i].out, b.len);
		assert_int_equal(b64u_decoded_len(strlen(ok[i].in)), b.len);
		buf_reset(&b);
		assert_true(b64u_encode(&b, ok[i].out, strlen(ok[i].out)));
		assert_string_equal(b.s, ok[i].in);
	}
	for (i = 0; i < NELEM(bad); i++) {
		buf_reset(&b);
		assert_true(buf_adds(&b, "keep"));
		if (b64u_decode(&b, bad[i], i == NELEM(bad) - 1 ? 4 :
		    strlen(bad[i])))
			fail_msg("accepted %s", bad[i]);
		/* A refusal leaves what the buffer had. */
		assert_string_equal(b.s, "keep");
	}
	/* Every byte value survives the round trip, at each length mod 3. */
	for (i = 0; i < 3; i++) {
		unsigned char	 all[256 + 2];
		struct buf	 d;
		size_t		 k;

		for (k = 0; k < sizeof(all); k++)
			all[k] = k;
		buf_reset(&b);
		buf_init(&d);
		assert_true(b64u_encode(&b, all, 256 + i));
		assert_null(strpbrk(b.s, "+/="));
		assert_true(b64u_decode(&d, b.s, b.len));
		assert_int_equal(d.len, 256 + i);
		assert_memory_equal(d.s, all, d.len);
		buf_free(&d);
	}
	buf_free(&b);
}

static void
test_nonce_form(void **state)
{
	assert_true(nonce_valid("AAAAAAAAAAAAAAAAAAAAAA"));
	assert_true(nonce_valid("abcdefghijklmnopqrst-w"));
	assert_false(nonce_valid(NULL));
	assert_false(nonce_valid(""));
	assert_false(nonce_valid("AAAAAAAAAAAAAAAAAAAAA"));
	assert_false(nonce_valid("AAAAAAAAAAAAAAAAAAAAAAA"));
	assert_false(nonce_valid("AAAAAAAAAAAAAAAAAAAAA="));
	assert_false(nonce_valid("AAAAAAAAAAAAAAAAAAAA+A"));
	/* Not canonical: the last character's unused bits set. */
	assert_false(nonce_valid("AAAAAAAAAAAAAAAAAAAAAB"));
	assert_false(nonce_valid("' OR 1=1 --AAAAAAAAAAA"));
}

/* Each algorithm: the request parses, its key verifies it, thumbprints. */
static void
test_valid(void **state)
{
	static const char *const algs[] = { "rs256", "es256", "es384",
	    "eddsa" };
	char		 name[64];
	struct buf	 body, thumb, tp;
	struct jws	 j;
	EVP_PKEY	*k;
	size_t		 i;

	for (i = 0; i < NELEM(algs); i++) {
		snprintf(name, sizeof(name), "%s-jwk.jws", algs[i]);
		load(name, &body);
		assert_int_equal(jws_parse(&j, body.s, body.len,
		    JWS_MODE_ACME), JWSERR_NONE);
		assert_non_null(j.jwk);
		assert_null(j.kid);
		assert_string_equal(j.nonce, "AAAAAAAAAAAAAAAAAAAAAA");
		assert_string_equal(j.url,
		    "https://ca.example/acme/new-account");
		assert_string_equal(j.payload.s,
		    "{\"termsOfServiceAgreed\":true}");
		assert_int_equal(jwk_parse(j.jwk, &k), JWSERR_NONE);
		if (jws_verify(&j, k) != JWSERR_NONE)
			fail_msg("%s does not verify", name);
		/* RFC 7638, against node's computation. */
		snprintf(name, sizeof(name), "%s.thumb", algs[i]);
		load(name, &thumb);
		buf_init(&tp);
		assert_true(jwk_thumbprint(j.jwk, &tp));
		assert_int_equal(tp.len, 43);
		assert_memory_equal(tp.s, thumb.s, 43);
		/* A payload changed by one character no longer verifies. */
		((char *)j.payload64)[1] ^= 1;
		assert_int_equal(jws_verify(&j, k), JWSERR_SIGNATURE);
		EVP_PKEY_free(k);
		jws_free(&j);
		buf_free(&tp);
		buf_free(&thumb);
		buf_free(&body);
	}
}

static void
test_kid_and_post_as_get(void **state)
{
	struct buf	 body;
	struct jws	 j;
	EVP_PKEY	*k = load_key("es256.jwk");

	load("es256-kid.jws", &body);
	assert_int_equal(jws_parse(&j, body.s, body.len, JWS_MODE_ACME),
	    JWSERR_NONE);
	assert_string_equal(j.kid, "https://ca.example/acme/account/7");
	assert_null(j.jwk);
	assert_int_equal(jws_verify(&j, k), JWSERR_NONE);
	jws_free(&j);
	buf_free(&body);

	load("es256-post-as-get.jws", &body);
	assert_int_equal(jws_parse(&j, body.s, body.len, JWS_MODE_ACME),
	    JWSERR_NONE);
	assert_int_equal(j.payload.len, 0);
	assert_string_equal(j.payload64, "");
	assert_int_equal(jws_verify(&j, k), JWSERR_NONE);
	jws_free(&j);
	buf_free(&body);
	EVP_PKEY_free(k);
}

/* Refusals: at parse, at the key, or at verification, each named. */
static void
test_refusals(void **state)
{
	static const struct {
		const char	*file;
		enum jwserr	 parse;
		enum jwserr	 key;
		enum jwserr	 verify;
	} t[] = {
		{ "rs256-badsig.jws", JWSERR_NONE, JWSERR_NONE,
		    JWSERR_SIGNATURE },
		{ "es256-as-es384.jws", JWSERR_NONE, JWSERR_NONE, JWSERR_ALG },
		{ "es256-other-key.jws", JWSERR_NONE, JWSERR_NONE,
		    JWSERR_SIGNATURE },
		{ "alg-none.jws", JWSERR_ALG, 0, 0 },
		{ "alg-hs256.jws", JWSERR_ALG, 0, 0 },
		{ "jwk-and-kid.jws", JWSERR_MALFORMED, 0, 0 },
		{ "no-url.jws", JWSERR_MALFORMED, 0, 0 },
		{ "crit.jws", JWSERR_MALFORMED, 0, 0 },
		{ "dup-alg.jws", JWSERR_MALFORMED, 0, 0 },
		{ "private-jwk.jws", JWSERR_MALFORMED, 0, 0 },
		{ "unprotected-header.jws", JWSERR_MALFORMED, 0, 0 },
		{ "rs1024.jws", JWSERR_NONE, JWSERR_KEY, 0 },
		{ "es256-off-curve.jws", JWSERR_NONE, JWSERR_KEY, 0 },
	};
	struct buf	 body;
	struct jws	 j;
	EVP_PKEY	*k;
	enum jwserr	 rc;
	size_t		 i;

	for (i = 0; i < NELEM(t); i++) {
		load(t[i].file, &body);
		rc = jws_parse(&j, body.s, body.len, JWS_MODE_ACME);
		if (rc != t[i].parse)
			fail_msg("%s: parse %s, want %s", t[i].file,
			    jwserr_names[rc], jwserr_names[t[i].parse]);
		if (rc == JWSERR_NONE) {
			rc = jwk_parse(j.jwk, &k);
			if (rc != t[i].key)
				fail_msg("%s: key %s, want %s", t[i].file,
				    jwserr_names[rc], jwserr_names[t[i].key]);
			if (rc == JWSERR_NONE) {
				rc = jws_verify(&j, k);
				if (rc != t[i].verify)
					fail_msg("%s: verify %s, want %s",
					    t[i].file, jwserr_names[rc],
					    jwserr_names[t[i].verify]);
				EVP_PKEY_free(k);
			} else
				assert_null(k);
		}
		jws_free(&j);
		buf_free(&body);
	}
}

/* Every proper prefix of a valid request is refused, cleanly. */
static void
test_truncations(void **state)
{
	struct buf	 body;
	struct jws	 j;
	size_t		 n;

	load("rs256-jwk.jws", &body);
	for (n = 0; n < body.len; n++)
		assert_int_not_equal(jws_parse(&j, body.s, n, JWS_MODE_ACME),
		    JWSERR_NONE);
	assert_int_equal(jws_parse(&j, body.s, body.len, JWS_MODE_ACME),
	    JWSERR_NONE);
	jws_free(&j);
	buf_free(&body);
}

/* Not JSON objects, or objects of the wrong shape. */
static void
test_shapes(void **state)
{
	static const char *const bad[] = {
		"", "[]", "\"x\"", "{}",
		"{\"protected\":\"e30\",\"payload\":\"\"}",
		"{\"protected\":\"e30\",\"payload\":\"\",\"signature\":\"\"}",
		"{\"protected\":\"\",\"payload\":\"\",\"signature\":\"QQ\"}",
		"{\"protected\":1,\"payload\":\"\",\"signature\":\"QQ\"}",
		"{\"protected\":\"e30\",\"payload\":\"\",\"signature\":\"QQ\"}",
		"{\"protected\":\"e30=\",\"payload\":\"\",\"signature\":\"QQ\"}",
		"{\"protected\":\"W10\",\"payload\":\"\",\"signature\":\"QQ\"}",
		"{\"signatures\":[]}",
	};
	struct jws	 j;
	size_t		 i;

	for (i = 0; i < NELEM(bad); i++)
		if (jws_parse(&j, bad[i], strlen(bad[i]), JWS_MODE_ACME) ==
		    JWSERR_NONE)
			fail_msg("accepted %s", bad[i]);
}

/* The external account binding of a newAccount request, checked. */
static enum eaberr
eab_of(const char *file)
{
	struct buf		 body, mac, key;
	struct jws		 out, in;
	struct json		*payload;
	enum json_err		 e;
	enum eaberr		 rc;

	load(file, &body);
	load("keys/eab-mac.b64u", &mac);
	buf_init(&key);
	while (mac.len > 0 && mac.s[mac.len - 1] == '\n')
		mac.s[--mac.len] = '\0';
	assert_true(b64u_decode(&key, mac.s, mac.len));
	assert_int_equal(key.len, EAB_KEY_BYTES);
	assert_int_equal(jws_parse(&out, body.s, body.len, JWS_MODE_ACME),
	    JWSERR_NONE);
	payload = json_parse(out.payload.s, out.payload.len, &lim, &e);
	assert_non_null(payload);
	rc = eab_parse(&in, json_get(payload, "externalAccountBinding"));
	if (rc == EAB_OK) {
		assert_string_equal(in.kid, "kid-1");
		rc = eab_verify(&in, &out, key.s, key.len);
		jws_free(&in);
	}
	json_free(payload);
	jws_free(&out);
	buf_free(&key);
	buf_free(&mac);
	buf_free(&body);
	return rc;
}

static void
test_eab(void **state)
{
	static const struct {
		const char	*file;
		enum eaberr	 rc;
	} t[] = {
		{ "eab-ok.jws", EAB_OK },
		{ "eab-wrong-mac.jws", EAB_MAC },
		{ "eab-wrong-url.jws", EAB_URL },
		{ "eab-other-key.jws", EAB_KEY },
		{ "eab-with-nonce.jws", EAB_MALFORMED },
		{ "eab-es256.jws", EAB_MALFORMED },
	};
	struct jws	 j;
	size_t		 i;
	enum eaberr	 rc;

	for (i = 0; i < NELEM(t); i++)
		if ((rc = eab_of(t[i].file)) != t[i].rc)
			fail_msg("%s: %s, want %s", t[i].file,
			    eaberr_names[rc], eaberr_names[t[i].rc]);
	/* No binding at all. */
	assert_int_equal(eab_parse(&j, NULL), EAB_MALFORMED);
}

/* RFC 8037 appendix A.3 (thumbprint) and A.4 (an Ed25519 signature). */
static void
test_rfc8037(void **state)
{
	static const char	 jwk[] = "{\"kty\":\"OKP\",\"crv\":\"Ed25519\","
	    "\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\"}";
	static const char	 sig[] = "hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg"
	    "3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg";
	char		 prot[] = "eyJhbGciOiJFZERTQSJ9";
	char		 payload[] = "RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc";
	struct json	*j;
	struct buf	 tp;
	struct jws	 s;
	enum json_err	 e;
	EVP_PKEY	*k;

	j = json_parse(jwk, strlen(jwk), &lim, &e);
	assert_non_null(j);
	buf_init(&tp);
	assert_true(jwk_thumbprint(j, &tp));
	assert_string_equal(tp.s, "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k");
	assert_int_equal(jwk_parse(j, &k), JWSERR_NONE);
	memset(&s, 0, sizeof(s));
	buf_init(&s.payload);
	buf_init(&s.sig);
	s.alg = JWS_EDDSA;
	s.prot64 = prot;
	s.payload64 = payload;
	assert_true(b64u_decode(&s.sig, sig, strlen(sig)));
	assert_int_equal(jws_verify(&s, k), JWSERR_NONE);
	/* The same signature under another alg, or on another key type. */
	s.alg = JWS_ES256;
	assert_int_equal(jws_verify(&s, k), JWSERR_ALG);
	s.alg = JWS_EDDSA;
	payload[0] = 'S';
	assert_int_equal(jws_verify(&s, k), JWSERR_SIGNATURE);
	assert_int_equal(jws_verify_hmac(&s, "0123456789abcdef0123456789abcdef",
	    32), JWSERR_ALG);
	buf_free(&s.sig);
	buf_free(&tp);
	EVP_PKEY_free(k);
	json_free(j);
}

/* Keys refused whatever the signature: types, curves, sizes, secrets. */
static void
test_jwk_refusals(void **state)
{
	static const char *const bad[] = {
		"{}",
		"{\"kty\":\"oct\",\"k\":\"QUJD\"}",
		"{\"kty\":\"OKP\",\"crv\":\"Ed448\",\"x\":\"QQ\"}",
		"{\"kty\":\"OKP\",\"crv\":\"X25519\","
		    "\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\"}",
		"{\"kty\":\"OKP\",\"crv\":\"Ed25519\","
		    "\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHUR\"}",
		"{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"d\":\"QQ\","
		    "\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\"}",
		"{\"kty\":\"EC\",\"crv\":\"P-521\",\"x\":\"QQ\",\"y\":\"QQ\"}",
		"{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"QQ\",\"y\":\"QQ\"}",
		"{\"kty\":\"RSA\",\"n\":\"QQ\",\"e\":\"AQAB\"}",
		"[]",
	};
	struct json	*j;
	enum json_err	 e;
	EVP_PKEY	*k;
	size_t		 i;

	for (i = 0; i < NELEM(bad); i++) {
		j = json_parse(bad[i], strlen(bad[i]), &lim, &e);
		assert_non_null(j);
		if (jwk_parse(j, &k) != JWSERR_KEY)
			fail_msg("accepted %s", bad[i]);
		assert_null(k);
		json_free(j);
	}
	assert_int_equal(jwk_parse(NULL, &k), JWSERR_KEY);
}

/* RSA: the modulus's leading zero, even and tiny exponents refused. */
static void
test_rsa_forms(void **state)
{
	struct buf	 b, n, t;
	struct json	*j;
	enum json_err	 e;
	EVP_PKEY	*k;
	const char	*nv;
	static const char *const exps[] = { "Aw", "AQAB" };
	static const char *const badexps[] = { "AQ", "Ag", "AAEAAQ", "AQAA" };
	size_t		 i;

	load("rs256.jwk", &b);
	j = json_parse(b.s, b.len, &lim, &e);
	assert_non_null(j);
	nv = json_string(j, "n");
	assert_non_null(nv);
	buf_free(&b);
	for (i = 0; i < NELEM(exps) + NELEM(badexps); i++) {
		const char	*ev = i < NELEM(exps) ? exps[i] :
		    badexps[i - NELEM(exps)];
		struct json	*x;

		buf_init(&t);
		assert_true(buf_printf(&t, "{\"kty\":\"RSA\",\"n\":\"%s\","
		    "\"e\":\"%s\"}", nv, ev));
		x = json_parse(t.s, t.len, &lim, &e);
		assert_non_null(x);
		assert_int_equal(jwk_parse(x, &k), i < NELEM(exps) ?
		    JWSERR_NONE : JWSERR_KEY);
		EVP_PKEY_free(k);
		json_free(x);
		buf_free(&t);
	}
	/* The same modulus with a zero byte in front. */
	buf_init(&n);
	assert_true(b64u_decode(&n, nv, strlen(nv)));
	buf_init(&b);
	assert_true(buf_addc(&b, 0));
	assert_true(buf_add(&b, n.s, n.len));
	buf_init(&t);
	assert_true(buf_adds(&t, "{\"kty\":\"RSA\",\"e\":\"AQAB\",\"n\":\""));
	assert_true(b64u_encode(&t, b.s, b.len));
	assert_true(buf_adds(&t, "\"}"));
	json_free(j);
	j = json_parse(t.s, t.len, &lim, &e);
	assert_non_null(j);
	assert_int_equal(jwk_parse(j, &k), JWSERR_KEY);
	json_free(j);
	buf_free(&t);
	buf_free(&b);
	buf_free(&n);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_b64u),
		cmocka_unit_test(test_nonce_form),
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_kid_and_post_as_get),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_truncations),
		cmocka_unit_test(test_shapes),
		cmocka_unit_test(test_eab),
		cmocka_unit_test(test_rfc8037),
		cmocka_unit_test(test_jwk_refusals),
		cmocka_unit_test(test_rsa_forms),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
