/*
 * smime-tool: the command-line twin of the CSR and PFX generator page
 * (/tools/), for administrators and scripts. It makes the same files:
 *
 *   smime-tool csr --key rsa2048|rsa3072|rsa4096|p256|p384
 *                  --out-key FILE --out-csr FILE [--passphrase-file FILE]
 *   smime-tool pfx --key FILE --cert FILE [--chain FILE] --out FILE
 *                  [--compatible] [--name NAME]
 *                  [--key-passphrase-file FILE] [--password-file FILE]
 *
 * csr: a new key pair, its PKCS #10 request (PEM), and the private key
 * encrypted as PKCS #8 with PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC).
 * pfx: the key, its certificate and the chain as PKCS #12, with PBES2
 * AES-256-CBC and a SHA-256 MAC, or with --compatible 3DES and a SHA-1
 * MAC for older Windows and macOS keychains.
 *
 * Passphrases come from a file (its first line) or from the terminal,
 * never from the command line, where other users could read them.
 * Exit status: 0 done, 1 a problem (named on standard error), 2 usage.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "log.h"

/*
 * The same parameters as the page (web/tools/src/pbe.js): the key file
 * may sit on a disk for years, the PFX follows `openssl pkcs12 -export`.
 */
#define KEY_FILE_ITERATIONS	600000
#define KEY_FILE_SALT		16
#define PFX_ITERATIONS		2048
#define MIN_PASSPHRASE		8
#define MAX_PASSPHRASE		1024
#define CSR_SUBJECT		"S/MIME certificate request"

enum keytype {
	KEY_RSA2048,	/* KEY_RSA2048 */
	KEY_RSA3072,	/* KEY_RSA3072 */
	KEY_RSA4096,	/* KEY_RSA4096 */
	KEY_P256,	/* KEY_P256 */
	KEY_P384,	/* KEY_P384 */
	KEY__MAX
};

static const char *const keytype_names[KEY__MAX] = {
	"rsa2048",	/* KEY_RSA2048 */
	"rsa3072",	/* KEY_RSA3072 */
	"rsa4096",	/* KEY_RSA4096 */
	"p256",		/* KEY_P256 */
	"p384",		/* KEY_P384 */
};

static void __attribute__((noreturn))
usage(void)
{
	fprintf(stderr,
	    "usage: smime-tool csr --key rsa2048|rsa3072|rsa4096|p256|p384 "
	    "--out-key FILE --out-csr FILE\n"
	    "                      [--passphrase-file FILE]\n"
	    "       smime-tool pfx --key FILE --cert FILE [--chain FILE] "
	    "--out FILE [--compatible]\n"
	    "                      [--name NAME] [--key-passphrase-file FILE] "
	    "[--password-file FILE]\n");
	exit(2);
}

/*
 * The options that look like a passphrase on the command line are
 * declared only to refuse them: getopt_long() would otherwise take
 * --passphrase as an abbreviation of --passphrase-file.
 */
static void __attribute__((noreturn))
no_secret_args(void)
{
	log_warnx("passphrases are never taken from the command line: "
	    "use a --...-file option or the terminal (see usage)");
	usage();
}

/*
 * A passphrase into buf (size len): the first line of file when file is
 * not NULL, else asked on the terminal (twice when verify is set).
 * Passphrases shorter than min are refused. Returns 1, or 0 with the
 * problem logged; buf is cleansed by the caller.
 */
static int
passphrase(char *buf, size_t len, const char *file, const char *prompt,
    int verify, size_t min)
{
	FILE	*f = NULL;
	size_t	 n;
	int	 rc = 0;

	if (file == NULL) {
		if (EVP_read_pw_string_min(buf, (int)min, (int)len, prompt,
		    verify) != 0) {
			log_warnx("%s: no passphrase read from the terminal",
			    prompt);
			goto out;
		}
	} else {
		if ((f = fopen(file, "r")) == NULL) {
			log_warn("%s", file);
			goto out;
		}
		if (fgets(buf, (int)len, f) == NULL) {
			log_warnx("%s: empty passphrase file", file);
			goto out;
		}
		n = strcspn(buf, "\r\n");
		if (buf[n] == '\0' && !feof(f) && n == len - 1) {
			log_warnx("%s: passphrase longer than %zu bytes", file,
			    len - 2);
			goto out;
		}
		buf[n] = '\0';
	}
	if (strlen(buf) < min) {
		log_warnx("passphrase too short: use at least %zu characters",
		    min);
		goto out;
	}
	rc = 1;
out:
	if (f != NULL)
		fclose(f);
	return rc;
}

/*
 * Opens path for writing with mode 0600; with excl, an existing file is
 * refused (a private key is never overwritten). Returns a BIO the caller
 * frees, or NULL.
 */
static BIO *
out_open(const char *path, int excl)
{
	BIO	*b;
	int	 fd;

	fd = open(path, O_WRONLY | O_CREAT | (excl ? O_EXCL : O_TRUNC), 0600);
	if (fd == -1) {
		if (errno == EEXIST)
			log_warnx("%s: exists; a private key is never "
			    "overwritten", path);
		else
			log_warn("%s", path);
		return NULL;
	}
	if ((b = BIO_new_fd(fd, BIO_CLOSE)) == NULL) {
		log_ssl("BIO_new_fd");
		close(fd);
	}
	return b;
}

/*
 * Writes the private key of pkey to path as EncryptedPrivateKeyInfo
 * (RFC 5958) with PBES2: PBKDF2-HMAC-SHA256 (RFC 8018) and AES-256-CBC,
 * PEM. Returns 1, or 0 logged.
 */
static int
write_key(EVP_PKEY *pkey, const char *pass, const char *path)
{
	PKCS8_PRIV_KEY_INFO	*p8inf = NULL;
	X509_ALGOR		*pbe = NULL;
	X509_SIG		*p8 = NULL;
	BIO			*b = NULL;
	int			 rc = 0;

	if ((p8inf = EVP_PKEY2PKCS8(pkey)) == NULL) {
		log_ssl("EVP_PKEY2PKCS8");
		goto out;
	}
	pbe = PKCS5_pbe2_set_iv_ex(EVP_aes_256_cbc(), KEY_FILE_ITERATIONS,
	    NULL, KEY_FILE_SALT, NULL, NID_hmacWithSHA256, NULL);
	if (pbe == NULL) {
		log_ssl("PKCS5_pbe2_set_iv_ex");
		goto out;
	}
	p8 = PKCS8_set0_pbe_ex(pass, (int)strlen(pass), p8inf, pbe, NULL, NULL);
	if (p8 == NULL) {
		log_ssl("PKCS8_set0_pbe_ex");
		goto out;
	}
	pbe = NULL;	/* the X509_SIG owns it now */
	if ((b = out_open(path, 1)) == NULL)
		goto out;
	if (!PEM_write_bio_PKCS8(b, p8) || BIO_flush(b) != 1) {
		log_ssl("%s: PEM_write_bio_PKCS8", path);
		goto out;
	}
	rc = 1;
out:
	BIO_free(b);
	X509_SIG_free(p8);
	X509_ALGOR_free(pbe);
	PKCS8_PRIV_KEY_INFO_free(p8inf);
	return rc;
}

/*
 * The csr command: a key pair of the type asked, its CSR signed with it
 * (SHA-256, SHA-384 for P-384) and the encrypted key file. The subject
 * is a placeholder: the service takes every field from verified data.
 */
static int
cmd_csr(int argc, char *argv[])
{
	static const struct option opts[] = {
		{ "key", required_argument, NULL, 'k' },
		{ "out-key", required_argument, NULL, 'K' },
		{ "out-csr", required_argument, NULL, 'C' },
		{ "passphrase-file", required_argument, NULL, 'p' },
		{ "passphrase", required_argument, NULL, 'X' },
		{ NULL, 0, NULL, 0 }
	};
	const char	*outkey = NULL, *outcsr = NULL, *passfile = NULL;
	enum keytype	 type = KEY__MAX;
	char		 pass[MAX_PASSPHRASE + 2];
	EVP_PKEY	*pkey = NULL;
	X509_REQ	*req = NULL;
	X509_NAME	*name;
	BIO		*b = NULL;
	int		 c, i, rc = 0;

	memset(pass, 0, sizeof(pass));
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1)
		switch (c) {
		case 'k':
			for (i = 0; i < KEY__MAX; i++)
				if (strcmp(optarg, keytype_names[i]) == 0)
					type = (enum keytype)i;
			if (type == KEY__MAX) {
				log_warnx("--key %s: unsupported key type "
				    "(rsa2048, rsa3072, rsa4096, p256, p384)",
				    optarg);
				return 2;
			}
			break;
		case 'K': outkey = optarg; break;
		case 'C': outcsr = optarg; break;
		case 'p': passfile = optarg; break;
		case 'X': no_secret_args();
		default: usage();
		}
	if (type == KEY__MAX || outkey == NULL || outcsr == NULL ||
	    optind != argc)
		usage();
	if (access(outkey, F_OK) == 0) {
		log_warnx("%s: exists; a private key is never overwritten",
		    outkey);
		return 1;
	}
	if (!passphrase(pass, sizeof(pass), passfile,
	    "New passphrase of the private key:", 1, MIN_PASSPHRASE))
		goto out;

	switch (type) {
	case KEY_RSA2048:
	case KEY_RSA3072:
	case KEY_RSA4096:
		pkey = EVP_PKEY_Q_keygen(NULL, NULL, "RSA", (size_t)(type ==
		    KEY_RSA2048 ? 2048 : type == KEY_RSA3072 ? 3072 : 4096));
		break;
	default:
		pkey = EVP_PKEY_Q_keygen(NULL, NULL, "EC",
		    type == KEY_P256 ? "P-256" : "P-384");
		break;
	}
	if (pkey == NULL) {
		log_ssl("EVP_PKEY_Q_keygen %s", keytype_names[type]);
		goto out;
	}

	/* RFC 2986: version 0, the subject, the key, no attributes. */
	if ((req = X509_REQ_new()) == NULL ||
	    !X509_REQ_set_version(req, X509_REQ_VERSION_1) ||
	    (name = X509_REQ_get_subject_name(req)) == NULL ||
	    !X509_NAME_add_entry_by_NID(name, NID_commonName, MBSTRING_UTF8,
	    (const unsigned char *)CSR_SUBJECT, -1, -1, 0) ||
	    !X509_REQ_set_pubkey(req, pkey)) {
		log_ssl("X509_REQ");
		goto out;
	}
	if (X509_REQ_sign(req, pkey, type == KEY_P384 ? EVP_sha384() :
	    EVP_sha256()) <= 0) {
		log_ssl("X509_REQ_sign");
		goto out;
	}

	/* The key first: a CSR without its key is worth nothing. */
	if (!write_key(pkey, pass, outkey))
		goto out;
	if ((b = out_open(outcsr, 0)) == NULL)
		goto out;
	if (!PEM_write_bio_X509_REQ(b, req) || BIO_flush(b) != 1) {
		log_ssl("%s: PEM_write_bio_X509_REQ", outcsr);
		goto out;
	}
	fprintf(stderr, "smime-tool: %s key in %s (encrypted), CSR in %s\n",
	    keytype_names[type], outkey, outcsr);
	rc = 1;
out:
	OPENSSL_cleanse(pass, sizeof(pass));
	BIO_free(b);
	X509_REQ_free(req);
	EVP_PKEY_free(pkey);
	return rc ? 0 : 1;
}

/*
 * Reads the private key file path: PKCS #8 PEM, encrypted (the page's and
 * this tool's files, OpenSSL's) or not, or OpenSSL's older PEM forms.
 * The passphrase comes from passfile or the terminal when the file is
 * encrypted. Names the problem: not a private key, wrong passphrase,
 * unsupported key. Returns the key, which the caller frees, or NULL.
 */
static EVP_PKEY *
read_key(const char *path, const char *passfile)
{
	char			 pass[MAX_PASSPHRASE + 2];
	char			*pemname = NULL, *header = NULL;
	unsigned char		*data = NULL;
	const unsigned char	*p;
	long			 len;
	BIO			*b = NULL;
	X509_SIG		*p8 = NULL;
	PKCS8_PRIV_KEY_INFO	*p8inf = NULL;
	EVP_PKEY		*pkey = NULL;
	int			 id;

	memset(pass, 0, sizeof(pass));
	if ((b = BIO_new_file(path, "r")) == NULL) {
		log_warn("%s", path);
		goto out;
	}
	if (!PEM_read_bio(b, &pemname, &header, &data, &len)) {
		log_warnx("%s: not a private key (a PEM file is expected)",
		    path);
		goto out;
	}
	p = data;
	if (strcmp(pemname, PEM_STRING_PKCS8) == 0) {
		if ((p8 = d2i_X509_SIG(NULL, &p, len)) == NULL) {
			log_warnx("%s: not a private key (damaged)", path);
			goto out;
		}
		if (!passphrase(pass, sizeof(pass), passfile,
		    "Passphrase of the private key:", 0, 1))
			goto out;
		p8inf = PKCS8_decrypt_ex(p8, pass, (int)strlen(pass), NULL,
		    NULL);
		if (p8inf == NULL) {
			ERR_clear_error();
			log_warnx("%s: wrong passphrase", path);
			goto out;
		}
		pkey = EVP_PKCS82PKEY(p8inf);
	} else if (strcmp(pemname, PEM_STRING_PKCS8INF) == 0) {
		if ((p8inf = d2i_PKCS8_PRIV_KEY_INFO(NULL, &p, len)) != NULL)
			pkey = EVP_PKCS82PKEY(p8inf);
	} else if (strcmp(pemname, PEM_STRING_RSA) == 0 ||
	    strcmp(pemname, PEM_STRING_ECPRIVATEKEY) == 0) {
		/* The older forms: OpenSSL asks for a passphrase itself. */
		if (passfile != NULL && !passphrase(pass, sizeof(pass),
		    passfile, NULL, 0, 1))
			goto out;
		BIO_free(b);
		if ((b = BIO_new_file(path, "r")) == NULL) {
			log_warn("%s", path);
			goto out;
		}
		pkey = PEM_read_bio_PrivateKey(b, NULL, NULL,
		    passfile != NULL ? pass : NULL);
		if (pkey == NULL) {
			ERR_clear_error();
			log_warnx("%s: wrong passphrase, or a damaged key",
			    path);
			goto out;
		}
	} else {
		log_warnx("%s: not a private key (%s)", path, pemname);
		goto out;
	}
	if (pkey == NULL) {
		log_ssl("%s: not a private key (damaged)", path);
		goto out;
	}
	id = EVP_PKEY_get_base_id(pkey);
	if (id != EVP_PKEY_RSA && id != EVP_PKEY_EC) {
		log_warnx("%s: unsupported key (%s): RSA and EC keys only",
		    path, OBJ_nid2sn(id));
		EVP_PKEY_free(pkey);
		pkey = NULL;
	}
out:
	OPENSSL_cleanse(pass, sizeof(pass));
	PKCS8_PRIV_KEY_INFO_free(p8inf);
	X509_SIG_free(p8);
	OPENSSL_free(pemname);
	OPENSSL_free(header);
	if (data != NULL)
		OPENSSL_clear_free(data, (size_t)len);
	BIO_free(b);
	return pkey;
}

/*
 * Every certificate of path (PEM, one or more, or one DER) pushed onto
 * certs. A file holding anything else is refused whole: "not a
 * certificate". Returns 1, or 0 logged.
 */
static int
read_certs(const char *path, STACK_OF(X509) *certs)
{
	char		*pemname = NULL, *header = NULL;
	unsigned char	*data = NULL;
	const unsigned char *p;
	long		 len;
	BIO		*b = NULL;
	X509		*x = NULL;
	int		 n = 0, rc = 0;

	if ((b = BIO_new_file(path, "rb")) == NULL) {
		log_warn("%s", path);
		goto out;
	}
	while (PEM_read_bio(b, &pemname, &header, &data, &len)) {
		p = data;
		if ((strcmp(pemname, PEM_STRING_X509) != 0 &&
		    strcmp(pemname, PEM_STRING_X509_OLD) != 0) ||
		    (x = d2i_X509(NULL, &p, len)) == NULL || p != data + len) {
			log_warnx("%s: not a certificate (%s)", path, pemname);
			goto out;
		}
		if (!sk_X509_push(certs, x)) {
			log_ssl("sk_X509_push");
			goto out;
		}
		x = NULL;
		n++;
		OPENSSL_free(pemname);
		OPENSSL_free(header);
		OPENSSL_free(data);
		pemname = header = NULL;
		data = NULL;
	}
	ERR_clear_error();
	if (n == 0) {
		/* No PEM: one DER certificate, or nothing we take. */
		BIO_free(b);
		if ((b = BIO_new_file(path, "rb")) == NULL) {
			log_warn("%s", path);
			goto out;
		}
		if ((x = d2i_X509_bio(b, NULL)) == NULL) {
			ERR_clear_error();
			log_warnx("%s: not a certificate", path);
			goto out;
		}
		if (!sk_X509_push(certs, x)) {
			log_ssl("sk_X509_push");
			goto out;
		}
		x = NULL;
	}
	rc = 1;
out:
	X509_free(x);
	OPENSSL_free(pemname);
	OPENSSL_free(header);
	OPENSSL_free(data);
	BIO_free(b);
	return rc;
}

/*
 * The friendly name of a certificate by default: its first e-mail
 * address (rfc822Name), else its common name. Returns a string the
 * caller frees with OPENSSL_free, or NULL.
 */
static char *
default_name(X509 *x)
{
	GENERAL_NAMES	*sans;
	GENERAL_NAME	*gn;
	char		*s = NULL;
	int		 i, loc;
	X509_NAME_ENTRY	*e;
	unsigned char	*u = NULL;

	sans = X509_get_ext_d2i(x, NID_subject_alt_name, NULL, NULL);
	for (i = 0; s == NULL && i < sk_GENERAL_NAME_num(sans); i++) {
		gn = sk_GENERAL_NAME_value(sans, i);
		if (gn->type == GEN_EMAIL)
			s = OPENSSL_strndup((const char *)
			    ASN1_STRING_get0_data(gn->d.rfc822Name),
			    (size_t)ASN1_STRING_length(gn->d.rfc822Name));
	}
	GENERAL_NAMES_free(sans);
	if (s != NULL)
		return s;
	loc = X509_NAME_get_index_by_NID(X509_get_subject_name(x),
	    NID_commonName, -1);
	if (loc < 0 || (e = X509_NAME_get_entry(X509_get_subject_name(x),
	    loc)) == NULL)
		return NULL;
	if (ASN1_STRING_to_UTF8(&u, X509_NAME_ENTRY_get_data(e)) < 0)
		return NULL;
	return (char *)u;
}

/*
 * The pfx command: the key and the certificate it matches (from the
 * certificate file, which may hold the chain too), the chain, and a
 * PKCS #12 file protected by a new password (RFC 7292):
 *   default       PBES2 AES-256-CBC (PBKDF2-HMAC-SHA256), SHA-256 MAC
 *   --compatible  pbeWithSHAAnd3-KeyTripleDES-CBC, SHA-1 MAC
 */
static int
cmd_pfx(int argc, char *argv[])
{
	static const struct option opts[] = {
		{ "key", required_argument, NULL, 'k' },
		{ "cert", required_argument, NULL, 'c' },
		{ "chain", required_argument, NULL, 'a' },
		{ "out", required_argument, NULL, 'o' },
		{ "name", required_argument, NULL, 'n' },
		{ "compatible", no_argument, NULL, 'C' },
		{ "key-passphrase-file", required_argument, NULL, 'K' },
		{ "password-file", required_argument, NULL, 'p' },
		{ "key-passphrase", required_argument, NULL, 'X' },
		{ "password", required_argument, NULL, 'X' },
		{ NULL, 0, NULL, 0 }
	};
	const char	*keyfile = NULL, *certfile = NULL, *chainfile = NULL;
	const char	*out = NULL, *name = NULL, *keypass = NULL;
	const char	*passfile = NULL;
	char		 pass[MAX_PASSPHRASE + 2];
	char		*defname = NULL;
	int		 compatible = 0, c, i, j, k, dup, nid, rc = 0;
	EVP_PKEY	*pkey = NULL;
	STACK_OF(X509)	*certs = NULL, *chain = NULL, *ca = NULL;
	X509		*leaf = NULL, *x;
	PKCS12		*p12 = NULL;
	BIO		*b = NULL;

	memset(pass, 0, sizeof(pass));
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1)
		switch (c) {
		case 'k': keyfile = optarg; break;
		case 'c': certfile = optarg; break;
		case 'a': chainfile = optarg; break;
		case 'o': out = optarg; break;
		case 'n': name = optarg; break;
		case 'C': compatible = 1; break;
		case 'K': keypass = optarg; break;
		case 'p': passfile = optarg; break;
		case 'X': no_secret_args();
		default: usage();
		}
	if (keyfile == NULL || certfile == NULL || out == NULL ||
	    optind != argc)
		usage();

	if ((certs = sk_X509_new_null()) == NULL ||
	    (chain = sk_X509_new_null()) == NULL ||
	    (ca = sk_X509_new_null()) == NULL) {
		log_ssl("sk_X509_new_null");
		goto out;
	}
	if (!read_certs(certfile, certs))
		goto out;
	if (chainfile != NULL && !read_certs(chainfile, chain))
		goto out;
	if ((pkey = read_key(keyfile, keypass)) == NULL)
		goto out;
	for (i = 0; leaf == NULL && i < sk_X509_num(certs); i++)
		if (X509_check_private_key(sk_X509_value(certs, i), pkey) == 1)
			leaf = sk_X509_value(certs, i);
	ERR_clear_error();
	if (leaf == NULL) {
		log_warnx("%s: the private key does not match the "
		    "certificate", certfile);
		goto out;
	}
	/* The rest of both files, once each, the leaf left out. */
	for (j = 0; j < 2; j++) {
		STACK_OF(X509) *from = j == 0 ? certs : chain;

		for (i = 0; i < sk_X509_num(from); i++) {
			x = sk_X509_value(from, i);
			dup = X509_cmp(x, leaf) == 0;
			for (k = 0; !dup && k < sk_X509_num(ca); k++)
				dup = X509_cmp(x, sk_X509_value(ca, k)) == 0;
			if (!dup && !sk_X509_push(ca, x)) {
				log_ssl("sk_X509_push");
				goto out;
			}
		}
	}
	if (name == NULL)
		name = defname = default_name(leaf);
	if (!passphrase(pass, sizeof(pass), passfile,
	    "New password of the PFX file:", 1, MIN_PASSPHRASE))
		goto out;

	nid = compatible ? NID_pbe_WithSHA1And3_Key_TripleDES_CBC :
	    NID_aes_256_cbc;
	/* mac_iter -1: no MAC here; PKCS12_set_mac() names its digest. */
	p12 = PKCS12_create_ex(pass, name, pkey, leaf, ca, nid, nid,
	    PFX_ITERATIONS, -1, 0, NULL, NULL);
	if (p12 == NULL) {
		log_ssl("PKCS12_create_ex");
		goto out;
	}
	if (!PKCS12_set_mac(p12, pass, -1, NULL, 0, PFX_ITERATIONS,
	    compatible ? EVP_sha1() : EVP_sha256())) {
		log_ssl("PKCS12_set_mac");
		goto out;
	}
	if ((b = out_open(out, 0)) == NULL)
		goto out;
	if (i2d_PKCS12_bio(b, p12) != 1 || BIO_flush(b) != 1) {
		log_ssl("%s: i2d_PKCS12_bio", out);
		goto out;
	}
	fprintf(stderr, "smime-tool: %s (%s, %d chain certificate%s)\n", out,
	    compatible ? "compatible: 3DES, SHA-1 MAC" :
	    "AES-256-CBC, SHA-256 MAC", sk_X509_num(ca),
	    sk_X509_num(ca) == 1 ? "" : "s");
	rc = 1;
out:
	OPENSSL_cleanse(pass, sizeof(pass));
	BIO_free(b);
	PKCS12_free(p12);
	OPENSSL_free(defname);
	sk_X509_free(ca);	/* borrowed from certs and chain */
	sk_X509_pop_free(chain, X509_free);
	sk_X509_pop_free(certs, X509_free);
	EVP_PKEY_free(pkey);
	return rc ? 0 : 1;
}

int
main(int argc, char *argv[])
{
	log_init("smime-tool");
	if (argc < 2)
		usage();
	/* Each command parses its own options after its name. */
	optind = 1;
	if (strcmp(argv[1], "csr") == 0)
		return cmd_csr(argc - 1, argv + 1);
	if (strcmp(argv[1], "pfx") == 0)
		return cmd_pfx(argc - 1, argv + 1);
	usage();
}
