/*
 * Unit tests of signer.c: the CA key's process signs what it accepts,
 * refuses what it must not sign, survives garbage, and runs confined.
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
#include <unistd.h>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "buf.h"
#include "signer.h"

static char		 dir[] = "/tmp/test_signer.XXXXXX";
static char		 keypath[64], certpath[64];
static EVP_PKEY		*cakey;
static X509		*cacert;

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

/* A certificate for a fresh key, issued by `issuer` (not yet signed by it). */
static X509 *
leaf(X509 *issuer, long days, int ca, const char *eku)
{
	EVP_PKEY	*k;
	X509		*x;

	assert_non_null(k = EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-256"));
	assert_non_null(x = X509_new());
	X509_set_version(x, X509_VERSION_3);
	ASN1_INTEGER_set(X509_get_serialNumber(x), 12345);
	X509_NAME_add_entry_by_txt(X509_get_subject_name(x), "CN", MBSTRING_ASC,
	    (const unsigned char *)"leaf", -1, -1, 0);
	X509_set_issuer_name(x, X509_get_subject_name(issuer));
	X509_gmtime_adj(X509_getm_notBefore(x), 0);
	X509_time_adj_ex(X509_getm_notAfter(x), (int)days, -1, NULL);
	X509_set_pubkey(x, k);
	ext(x, issuer, NID_authority_key_identifier, "keyid:always");
	ext(x, issuer, NID_basic_constraints, ca ? "critical,CA:TRUE" :
	    "critical,CA:FALSE");
	if (eku != NULL)
		ext(x, issuer, NID_ext_key_usage, eku);
	/* Signed with its own key: the signer replaces the signature. */
	assert_true(X509_sign(x, k, EVP_sha256()) > 0);
	EVP_PKEY_free(k);
	return x;
}

static int
setup(void **state)
{
	X509_NAME	*n;
	FILE		*f;

	assert_non_null(mkdtemp(dir));
	snprintf(keypath, sizeof(keypath), "%s/ca.key", dir);
	snprintf(certpath, sizeof(certpath), "%s/ca.pem", dir);
	cakey = EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-384");
	cacert = X509_new();
	X509_set_version(cacert, X509_VERSION_3);
	ASN1_INTEGER_set(X509_get_serialNumber(cacert), 1);
	n = X509_get_subject_name(cacert);
	X509_NAME_add_entry_by_txt(n, "CN", MBSTRING_ASC,
	    (const unsigned char *)"Test CA", -1, -1, 0);
	X509_set_issuer_name(cacert, n);
	X509_gmtime_adj(X509_getm_notBefore(cacert), 0);
	X509_gmtime_adj(X509_getm_notAfter(cacert), 86400L * 3650);
	X509_set_pubkey(cacert, cakey);
	ext(cacert, cacert, NID_basic_constraints, "critical,CA:TRUE");
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
	rmdir(dir);
	EVP_PKEY_free(cakey);
	X509_free(cacert);
	return 0;
}

static int
sign(struct signer *s, X509 *x, struct buf *out, struct buf *why)
{
	unsigned char	*der = NULL;
	int		 len, rc;

	assert_true((len = i2d_X509(x, &der)) > 0);
	rc = signer_sign(s, der, (size_t)len, out, why);
	OPENSSL_free(der);
	return rc;
}

static void
test_signs_and_refuses(void **state)
{
	struct signer		 s;
	struct buf		 out, why;
	X509			*x, *signed_x;
	const unsigned char	*p;
	EVP_PKEY		*pub;

	buf_init(&out);
	buf_init(&why);
	assert_true(signer_start(&s, keypath, certpath));

	x = leaf(cacert, 730, 0, "emailProtection");
	assert_true(sign(&s, x, &out, &why));
	p = (const unsigned char *)out.s;
	assert_non_null(signed_x = d2i_X509(NULL, &p, (long)out.len));
	assert_non_null(pub = X509_get0_pubkey(cacert));
	assert_int_equal(X509_verify(signed_x, pub), 1);
	X509_free(signed_x);
	X509_free(x);

	x = leaf(cacert, 826, 0, "emailProtection");
	assert_false(sign(&s, x, &out, &why));
	assert_non_null(strstr(why.s, "825"));
	X509_free(x);

	x = leaf(cacert, 365, 1, "emailProtection");
	assert_false(sign(&s, x, &out, &why));
	assert_non_null(strstr(why.s, "CA"));
	X509_free(x);

	x = leaf(cacert, 365, 0, "serverAuth");
	assert_false(sign(&s, x, &out, &why));
	assert_non_null(strstr(why.s, "e-mail"));
	X509_free(x);

	/* Someone else's issuer name. */
	x = leaf(cacert, 365, 0, "emailProtection");
	X509_NAME_add_entry_by_txt(X509_get_issuer_name(x), "O", MBSTRING_ASC,
	    (const unsigned char *)"Other", -1, -1, 0);
	assert_false(sign(&s, x, &out, &why));
	assert_non_null(strstr(why.s, "issuer"));
	X509_free(x);

	/* Not a certificate at all: refused, and the signer goes on. */
	assert_false(signer_sign(&s, (const unsigned char *)"garbage", 7,
	    &out, &why));
	assert_non_null(strstr(why.s, "not a certificate"));
	x = leaf(cacert, 365, 0, "emailProtection");
	assert_true(sign(&s, x, &out, &why));
	X509_free(x);

	signer_stop(&s);
	buf_free(&out);
	buf_free(&why);
}

/* The signer runs under a seccomp filter once it has its key. */
static void
test_confined(void **state)
{
	struct signer	 s;
	struct buf	 out, why;
	X509		*x;
	char		 path[64], line[256];
	FILE		*f;
	int		 mode = -1;

	buf_init(&out);
	buf_init(&why);
	assert_true(signer_start(&s, keypath, certpath));
	/* One exchange: by then the filter is in place. */
	x = leaf(cacert, 365, 0, "emailProtection");
	assert_true(sign(&s, x, &out, &why));
	X509_free(x);
	snprintf(path, sizeof(path), "/proc/%d/status", (int)s.pid);
	assert_non_null(f = fopen(path, "r"));
	while (fgets(line, sizeof(line), f) != NULL)
		if (sscanf(line, "Seccomp: %d", &mode) == 1)
			break;
	fclose(f);
	assert_int_equal(mode, 2);	/* SECCOMP_MODE_FILTER */
	signer_stop(&s);
	buf_free(&out);
	buf_free(&why);
}

/*
 * A signer killed between requests (SIGKILL, as an operator or the OOM
 * killer would) is started again by the next request, which succeeds;
 * so does the one after a second kill. The process then has a new
 * signer each time.
 */
static void
test_restarted(void **state)
{
	struct signer	 s;
	struct buf	 out, why;
	X509		*x;
	pid_t		 first, second;
	int		 i;

	memset(&s, 0, sizeof(s));
	buf_init(&out);
	buf_init(&why);
	assert_true(signer_start(&s, keypath, certpath));
	x = leaf(cacert, 365, 0, "emailProtection");
	assert_true(sign(&s, x, &out, &why));
	for (i = 0; i < 2; i++) {
		first = s.pid;
		assert_int_equal(kill(first, SIGKILL), 0);
		usleep(50000);
		if (!sign(&s, x, &out, &why))
			fail_msg("kill %d: signing failed after the signer died: "
			    "%s", i + 1, why.s);
		second = s.pid;
		assert_true(second > 0);
		assert_int_not_equal(first, second);
		assert_int_equal(kill(second, 0), 0);
	}
	assert_int_equal(s.restarts, 2);
	X509_free(x);
	signer_stop(&s);
	buf_free(&out);
	buf_free(&why);
}

/* A wrong key path: the signer exits; signing fails cleanly. */
static void
test_bad_key(void **state)
{
	struct signer	 s;
	struct buf	 out, why;

	buf_init(&out);
	buf_init(&why);
	assert_true(signer_start(&s, "/nonexistent/ca.key", certpath));
	assert_false(signer_sign(&s, (const unsigned char *)"x", 1, &out,
	    &why));
	assert_int_equal(s.fd, -1);
	assert_false(signer_sign(&s, (const unsigned char *)"x", 1, &out,
	    &why));
	signer_stop(&s);
	buf_free(&out);
	buf_free(&why);
}

/* Messages over the size limit are refused on either side. */
static void
test_message_limits(void **state)
{
	static unsigned char	 big[SIGNER_MAX + 1];
	int			 sv[2], type;
	struct buf		 b;

	assert_int_equal(pipe(sv), 0);
	assert_false(signer_msg_write(sv[1], SIGNER_CERT, big, sizeof(big)));
	assert_false(signer_msg_write(sv[1], 0, big, 1));
	assert_false(signer_msg_write(sv[1], SIGNER__MAX, big, 1));
	/* A header announcing too much is refused before reading it. */
	assert_int_equal(write(sv[1], "\001\000\001\000\001", 5), 5);
	buf_init(&b);
	assert_false(signer_msg_read(sv[0], &type, &b));
	assert_true(signer_msg_write(sv[1], SIGNER_CERT, "abc", 3));
	assert_true(signer_msg_read(sv[0], &type, &b));
	assert_int_equal(type, SIGNER_CERT);
	assert_int_equal(b.len, 3);
	close(sv[0]);
	close(sv[1]);
	buf_free(&b);
}

/*
 * The CA key on a PKCS#11 token (SoftHSM): the signer opens it by URI
 * through the pkcs11 engine and signs under its seccomp filter. Skipped
 * where SoftHSM or the engine are not installed.
 */
static void
test_pkcs11(void **state)
{
	static const char	 module[] = "/usr/lib/softhsm/libsofthsm2.so";
	static const char	 uri[] = "pkcs11:token=smime-test;object=ca-ec;"
	    "type=private?pin-value=123456";
	char			 tdir[] = "/tmp/test_signer_p11.XXXXXX";
	char			 cmd[2048], conf[128], cert[128];
	struct signer		 sg;
	struct buf		 out, why;
	X509			*hsmca, *x, *signed_x;
	const unsigned char	*p;
	FILE			*f;

	if (access(module, R_OK) != 0 || system("command -v softhsm2-util "
	    ">/dev/null && command -v pkcs11-tool >/dev/null") != 0)
		skip();
	assert_non_null(mkdtemp(tdir));
	snprintf(conf, sizeof(conf), "%s/softhsm2.conf", tdir);
	snprintf(cert, sizeof(cert), "%s/ca.pem", tdir);
	assert_non_null(f = fopen(conf, "w"));
	fprintf(f, "directories.tokendir = %s\nobjectstore.backend = file\n"
	    "log.level = ERROR\n", tdir);
	fclose(f);
	setenv("SOFTHSM2_CONF", conf, 1);
	setenv("SMIME_PKCS11_MODULE", module, 1);
	snprintf(cmd, sizeof(cmd),
	    "softhsm2-util --init-token --free --label smime-test --so-pin 87654321 "
	    "--pin 123456 >/dev/null 2>&1 && "
	    "pkcs11-tool --module %s --token-label smime-test --login --pin 123456 "
	    "--keypairgen --key-type EC:secp384r1 --id 01 --label ca-ec "
	    ">/dev/null 2>&1 && "
	    "openssl req -new -x509 -engine pkcs11 -keyform engine -key '%s' "
	    "-subj /CN=HSM-CA -days 30 -addext basicConstraints=critical,CA:TRUE "
	    "-addext subjectKeyIdentifier=hash -out %s >/dev/null 2>&1",
	    module, uri, cert);
	if (system(cmd) != 0)
		skip();
	assert_non_null(f = fopen(cert, "r"));
	assert_non_null(hsmca = PEM_read_X509(f, NULL, NULL, NULL));
	fclose(f);

	buf_init(&out);
	buf_init(&why);
	assert_true(signer_start(&sg, uri, cert));
	x = leaf(hsmca, 365, 0, "emailProtection");
	if (!sign(&sg, x, &out, &why))
		fail_msg("signer: %s", why.s);
	p = (const unsigned char *)out.s;
	assert_non_null(signed_x = d2i_X509(NULL, &p, (long)out.len));
	assert_int_equal(X509_verify(signed_x, X509_get0_pubkey(hsmca)), 1);
	X509_free(signed_x);
	X509_free(x);
	signer_stop(&sg);
	X509_free(hsmca);
	buf_free(&out);
	buf_free(&why);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", tdir);
	assert_int_equal(system(cmd), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_signs_and_refuses),
		cmocka_unit_test(test_confined),
		cmocka_unit_test(test_restarted),
		cmocka_unit_test(test_bad_key),
		cmocka_unit_test(test_message_limits),
		cmocka_unit_test(test_pkcs11),
	};

	signal(SIGPIPE, SIG_IGN);
	return cmocka_run_group_tests(tests, setup, teardown);
}
