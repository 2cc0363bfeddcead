/*
 * smime-card: the customer's agent for a key pair on a cryptographic
 * card (see smime-card.1 and docs/card.md).
 *
 *	smime-card [--module PATH] [--token LABEL] [--pin-file FILE]
 *	    [--ca-file FILE] [--wait] [enroll|install] LINK
 *
 * enroll: asks the server which key the order wants, generates that key
 * pair on the token, builds a certificate request signed by the token
 * and sends it. install: fetches the issued certificate and the issuing
 * CA's and writes them on the token next to the key, then checks that
 * the token's key is the certificate's. Without a verb the link's
 * purpose decides (a browser starts the agent with the link alone).
 *
 * The PIN is read from the terminal, from pinentry, or from --pin-file;
 * the token is logged in to before the link's one-time code is spent,
 * so a wrong PIN changes nothing on the server.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/objects.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "buf.h"
#include "pin.h"
#include "token.h"
#include "wire.h"

/* Exit statuses, in the manual page. */
enum status {
	ST_OK = 0,
	ST_FAILED = 1,		/* anything else */
	ST_USAGE = 2,
	ST_TOKEN = 3,		/* module, token, PIN */
	ST_REFUSED = 4,		/* the server refused; link used or expired */
	ST_NETWORK = 5,		/* no server, or an unreadable answer */
};

struct opts {
	const char	*module;
	const char	*token;
	const char	*pinfile;
	const char	*cafile;
	int		 wait;
};

static const char *const key_desc[KEY__MAX] = {
	"RSA 2048",	/* KEY_RSA2048 */
	"RSA 3072",	/* KEY_RSA3072 */
	"RSA 4096",	/* KEY_RSA4096 */
	"EC P-256",	/* KEY_P256 */
	"EC P-384",	/* KEY_P384 */
};

static void
usage(void)
{
	fprintf(stderr, "usage: smime-card [--module PATH] [--token LABEL] "
	    "[--pin-file FILE]\n                  [--ca-file FILE] [--wait] "
	    "[enroll|install] LINK\n");
}

static void
say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A line of progress, on standard output. */
static void
say(const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
}

static void
err_line(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* An error, on standard error. */
static void
err_line(const char *fmt, ...)
{
	va_list	 ap;

	fputs("smime-card: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/* ------------------------------------------------------------ progress */

struct ticker {
	pthread_t	 th;
	pthread_mutex_t	 mu;
	pthread_cond_t	 cv;
	const char	*what;
	struct timespec	 start;		/* CLOCK_MONOTONIC */
	int		 done;
	int		 tty;
};

/* Seconds since the ticker started. */
static double
elapsed(const struct ticker *t)
{
	struct timespec	 now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - t->start.tv_sec) +
	    (double)(now.tv_nsec - t->start.tv_nsec) / 1e9;
}

/*
 * Prints the seconds spent while the card works: every second on a
 * terminal, every 15 seconds otherwise (a log).
 */
static void *
tick(void *arg)
{
	struct ticker	*t = arg;
	struct timespec	 ts;
	long		 s;

	pthread_mutex_lock(&t->mu);
	while (!t->done) {
		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_sec += t->tty ? 1 : 15;
		pthread_cond_timedwait(&t->cv, &t->mu, &ts);
		if (t->done)
			break;
		s = (long)elapsed(t);
		if (t->tty)
			fprintf(stdout, "\r%s... %ld s", t->what, s);
		else
			fprintf(stdout, "%s... %ld s\n", t->what, s);
		fflush(stdout);
	}
	pthread_mutex_unlock(&t->mu);
	return NULL;
}

static void
ticker_start(struct ticker *t, const char *what)
{
	memset(t, 0, sizeof(*t));
	pthread_mutex_init(&t->mu, NULL);
	pthread_cond_init(&t->cv, NULL);
	t->what = what;
	clock_gettime(CLOCK_MONOTONIC, &t->start);
	t->tty = isatty(STDOUT_FILENO);
	printf("%s...%s", what, t->tty ? "" : "\n");
	fflush(stdout);
	if (pthread_create(&t->th, NULL, tick, t) != 0)
		t->done = -1;
}

/* Stops the ticker; returns the seconds it ran. */
static double
ticker_stop(struct ticker *t)
{
	if (t->done == 0) {
		pthread_mutex_lock(&t->mu);
		t->done = 1;
		pthread_cond_signal(&t->cv);
		pthread_mutex_unlock(&t->mu);
		pthread_join(t->th, NULL);
	}
	if (t->tty)
		putchar('\n');
	pthread_mutex_destroy(&t->mu);
	pthread_cond_destroy(&t->cv);
	return elapsed(t);
}

/* ---------------------------------------------------------- the token */

/* The exit status of a token error. */
static int
token_status(enum tokerr e)
{
	return e == TOKEN_OK ? ST_OK : ST_TOKEN;
}

/*
 * Opens the token and logs in: the PIN from --pin-file, the card's own
 * PIN pad, the terminal or pinentry. Returns ST_OK or the status to
 * exit with, the error printed.
 */
static int
open_token(const struct opts *o, struct token *t)
{
	char		 why[TOKEN_WHY], pin[PIN_MAX], desc[160];
	const char	*warning;
	enum tokerr	 e;
	int		 ok;

	if ((e = token_open(t, o->module, o->token, why)) != TOKEN_OK) {
		err_line("%s", why);
		return token_status(e);
	}
	say("token \"%s\" (serial %s) in %s", t->label, t->serial,
	    t->module);
	warning = token_pin_warning(t);
	if (warning != NULL)
		say("the token says: %s", warning);
	memset(pin, 0, sizeof(pin));
	if (o->pinfile != NULL)
		ok = pin_from_file(o->pinfile, pin, why, sizeof(why));
	else if (token_pinpad(t)) {
		say("enter the PIN on the card reader's PIN pad");
		ok = 1;
	} else {
		snprintf(desc, sizeof(desc), "The PIN of token \"%s\"",
		    t->label);
		ok = pin_ask(desc, warning, pin, why, sizeof(why));
	}
	if (!ok) {
		pin_wipe(pin);
		err_line("%s", why);
		return ST_TOKEN;
	}
	e = token_login(t, *pin ? pin : NULL, why);
	pin_wipe(pin);
	if (e != TOKEN_OK) {
		err_line("%s", why);
		return token_status(e);
	}
	say("logged in to token \"%s\"", t->label);
	return ST_OK;
}

/* ------------------------------------------------------------- server */

/* The exit status and message of a failed request. */
static int
wire_status(const struct wire *w, enum wirerc rc)
{
	if (rc == WIRE_REFUSED) {
		if (strcmp(w->refusal, "expired") == 0)
			err_line("this link has expired: ask the wizard for "
			    "a new one");
		else if (strcmp(w->refusal, "used") == 0)
			err_line("this link has been used already: ask the "
			    "wizard for a new one");
		else if (strcmp(w->refusal, "unknown") == 0)
			err_line("the server does not know this link: copy "
			    "it again from the wizard");
		else
			err_line("the server refused: %s%s%s%s", w->why,
			    *w->refusal ? " (" : "", w->refusal,
			    *w->refusal ? ")" : "");
		return ST_REFUSED;
	}
	err_line("%s", w->why);
	return ST_NETWORK;
}

/*
 * The request for the token's key: its subject names the order only
 * (the certificate's subject comes from the verified data, never from
 * the request); the signature is made on the token over the DER of
 * CertificationRequestInfo (RFC 2986 4.2), then checked here with the
 * public key. The PEM into `out`. Returns 1, or 0 with the error
 * printed.
 */
static int
build_csr(struct token *t, const struct tokkey *key, const char *order,
    struct buf *out)
{
	X509_REQ		*req = NULL;
	X509_NAME		*name = NULL;
	X509_ALGOR		*alg = NULL;
	ASN1_BIT_STRING		*bits = NULL;
	const EVP_MD		*md;
	struct buf		 sig;
	unsigned char		*tbs = NULL;
	BIO			*bio = NULL;
	BUF_MEM			*mem;
	char			 why[TOKEN_WHY];
	int			 len, ok = 0, nid;
	int			 ec = key->kind == KEY_P256 ||
				    key->kind == KEY_P384;

	buf_init(&sig);
	if ((req = X509_REQ_new()) == NULL ||
	    !X509_REQ_set_version(req, X509_REQ_VERSION_1) ||
	    (name = X509_NAME_new()) == NULL ||
	    !X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
	    (const unsigned char *)order, -1, -1, 0) ||
	    !X509_REQ_set_subject_name(req, name) ||
	    !X509_REQ_set_pubkey(req, key->pkey))
		goto out;
	/* The algorithm first: it is not in the signed part, but set now. */
	nid = ec ? (key->kind == KEY_P384 ? NID_ecdsa_with_SHA384 :
	    NID_ecdsa_with_SHA256) : NID_sha256WithRSAEncryption;
	if ((alg = X509_ALGOR_new()) == NULL ||
	    !X509_ALGOR_set0(alg, OBJ_nid2obj(nid), ec ? V_ASN1_UNDEF :
	    V_ASN1_NULL, NULL) ||
	    !X509_REQ_set1_signature_algo(req, alg))
		goto out;
	if ((len = i2d_re_X509_REQ_tbs(req, &tbs)) <= 0)
		goto out;
	if (token_sign(t, key, tbs, (size_t)len, &md, &sig, why) != TOKEN_OK) {
		err_line("%s", why);
		goto out;
	}
	if ((bits = ASN1_BIT_STRING_new()) == NULL ||
	    !ASN1_BIT_STRING_set(bits, (unsigned char *)sig.s, (int)sig.len))
		goto out;
	bits->flags &= ~(ASN1_STRING_FLAG_BITS_LEFT | 0x07);
	bits->flags |= ASN1_STRING_FLAG_BITS_LEFT;
	X509_REQ_set0_signature(req, bits);
	bits = NULL;
	if (X509_REQ_verify(req, key->pkey) != 1) {
		err_line("the request signed by the token does not verify "
		    "with its public key");
		goto out;
	}
	if ((bio = BIO_new(BIO_s_mem())) == NULL ||
	    !PEM_write_bio_X509_REQ(bio, req) ||
	    BIO_get_mem_ptr(bio, &mem) != 1 ||
	    !buf_add(out, mem->data, mem->length))
		goto out;
	ok = 1;
out:
	if (!ok && ERR_peek_error() != 0) {
		err_line("cannot build the request: %s",
		    ERR_reason_error_string(ERR_peek_error()));
	}
	ERR_clear_error();
	OPENSSL_free(tbs);
	BIO_free(bio);
	ASN1_BIT_STRING_free(bits);
	X509_ALGOR_free(alg);
	X509_NAME_free(name);
	X509_REQ_free(req);
	buf_free(&sig);
	return ok;
}

/* ------------------------------------------------------------- enroll */

static int
enroll(const struct opts *o, struct wire *w, const struct cardinfo *ci)
{
	struct token	 t;
	struct tokkey	 key;
	struct ticker	 tk;
	struct buf	 csr;
	enum keykind	 kind;
	enum tokerr	 e;
	enum wirerc	 rc;
	char		 why[TOKEN_WHY], label[128], what[160], said[512];
	double		 secs;
	int		 st;

	memset(&key, 0, sizeof(key));
	buf_init(&csr);
	if (!keykind_parse(ci->key, &kind)) {
		err_line("the server asks for a key \"%s\", which this agent "
		    "does not make", ci->key);
		return ST_NETWORK;
	}
	say("order %s: a key pair %s on the card (link valid until %s)",
	    ci->order, key_desc[kind], ci->expires);
	if ((st = open_token(o, &t)) != ST_OK)
		goto out;
	snprintf(label, sizeof(label), "S/MIME order %s", ci->order);
	snprintf(what, sizeof(what), "generating the %s key pair on token "
	    "\"%s\" (a card may take minutes)", key_desc[kind], t.label);
	ticker_start(&tk, what);
	e = token_keygen(&t, kind, label, &key, why);
	secs = ticker_stop(&tk);
	if (e != TOKEN_OK) {
		err_line("%s", why);
		st = token_status(e);
		goto out;
	}
	say("key pair generated in %.1f s: label \"%s\"", secs, label);
	st = ST_FAILED;
	if (!build_csr(&t, &key, ci->order, &csr))
		goto out;
	say("certificate request signed on the token; sending it");
	rc = wire_post_csr(w, csr.s, said, sizeof(said));
	if (rc != WIRE_OK) {
		st = wire_status(w, rc);
		if (rc == WIRE_REFUSED) {
			/* Nothing on the server refers to it: remove it. */
			t.mod->C_DestroyObject(t.sess, key.priv);
			t.mod->C_DestroyObject(t.sess, key.pub);
			say("the key pair just made was removed from the "
			    "token");
		}
		goto out;
	}
	say("the server accepted the request%s%s", *said ? ": " : "", said);
	say("done: go back to the wizard in your browser; it moves on by "
	    "itself");
	st = ST_OK;
out:
	tokkey_free(&key);
	token_close(&t);
	buf_free(&csr);
	return st;
}

/* ------------------------------------------------------------ install */

/* The hexadecimal of `n` bytes into `out` (2n + 1 bytes). */
static void
hex(const unsigned char *p, size_t n, char *out)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		snprintf(out + 2 * i, 3, "%02x", p[i]);
}

/*
 * `n` bytes as an RFC 7512 percent-encoded value into `out`: unreserved
 * characters as they are when `text`, every byte encoded otherwise.
 */
static void
pct(const unsigned char *p, size_t n, int text, char *out, size_t outsz)
{
	size_t	 i, o = 0;

	for (i = 0; i < n && o + 4 < outsz; i++) {
		if (text && (isalnum(p[i]) || strchr("-._~", p[i]) != NULL))
			out[o++] = (char)p[i];
		else
			o += (size_t)snprintf(out + o, outsz - o, "%%%02x",
			    p[i]);
	}
	out[o] = '\0';
}

/*
 * NAME as one line of UTF-8, in the order of the certificate,
 * so that an organization's name prints as its users write it, not as
 * \xC5\x82 escapes.
 */
static void
name_line(const X509_NAME *name, char *out, size_t outsz)
{
	BIO	*b;
	int	 n = 0;

	out[0] = '\0';
	if ((b = BIO_new(BIO_s_mem())) == NULL)
		return;
	if (X509_NAME_print_ex(b, name, 0, XN_FLAG_ONELINE &
	    ~ASN1_STRFLGS_ESC_MSB) >= 0)
		n = BIO_read(b, out, (int)outsz - 1);
	out[n > 0 ? n : 0] = '\0';
	BIO_free(b);
}

static int
install(const struct opts *o, struct wire *w, const struct cardinfo *ci)
{
	struct token		 t;
	struct tokkey		 key;
	X509			*cert = NULL, *ca = NULL;
	const ASN1_OCTET_STRING	*ski;
	unsigned char		 caid[EVP_MAX_MD_SIZE];
	unsigned int		 caidlen = 0;
	char			 why[TOKEN_WHY], idhex[2 * sizeof(key.id) + 1];
	char			 subj[256], calabel[300];
	char			 uri_token[3 * 32 + 1], uri_id[3 * 64 + 1];
	enum wirerc		 rc;
	enum tokerr		 e;
	int			 st, already = 0, caalready = 0;

	memset(&key, 0, sizeof(key));
	say("order %s: installing the certificate on the card", ci->order);
	if ((st = open_token(o, &t)) != ST_OK)
		goto out;
	if ((rc = wire_certificate(w, &cert, &ca)) != WIRE_OK) {
		st = wire_status(w, rc);
		goto out;
	}
	name_line(X509_get_subject_name(cert), subj, sizeof(subj));
	say("certificate received: %s", subj);
	st = ST_TOKEN;
	if ((e = token_find_key(&t, X509_get0_pubkey(cert), &key, why)) !=
	    TOKEN_OK) {
		err_line("%s", why);
		goto out;
	}
	hex(key.id, key.idlen, idhex);
	say("its key is on the token: \"%s\", id %s", key.label, idhex);
	if (token_put_cert(&t, cert, key.id, key.idlen, key.label, 0,
	    &already, why) != TOKEN_OK) {
		err_line("%s", why);
		goto out;
	}
	say(already ? "the certificate was on the token already" :
	    "certificate written on the token with id %s", idhex);
	/* The CA's, under its key identifier, for the chain. */
	if ((ski = X509_get0_subject_key_id(ca)) != NULL &&
	    (size_t)ski->length <= sizeof(caid)) {
		memcpy(caid, ski->data, (size_t)ski->length);
		caidlen = (unsigned int)ski->length;
	} else if (!X509_pubkey_digest(ca, EVP_sha1(), caid, &caidlen)) {
		err_line("cannot name the CA certificate");
		goto out;
	}
	X509_NAME_get_text_by_NID(X509_get_subject_name(ca), NID_commonName,
	    subj, sizeof(subj));
	snprintf(calabel, sizeof(calabel), "CA %s", subj);
	if (token_put_cert(&t, ca, caid, caidlen, calabel, 1, &caalready,
	    why) != TOKEN_OK) {
		err_line("%s", why);
		goto out;
	}
	if (!caalready)
		say("CA certificate written on the token: \"%s\"", calabel);
	if (token_cert_matches(&t, &key, why) != TOKEN_OK) {
		err_line("%s", why);
		goto out;
	}
	say("checked: the certificate's public key is the token's key, and "
	    "a signature of the token verifies with it");
	say("done: the certificate is installed on token \"%s\"", t.label);
	pct((unsigned char *)t.label, strlen(t.label), 1, uri_token,
	    sizeof(uri_token));
	pct(key.id, key.idlen, 0, uri_id, sizeof(uri_id));
	say("its key, for openssl -engine pkcs11: "
	    "pkcs11:token=%s;id=%s;type=private", uri_token, uri_id);
	st = ST_OK;
out:
	X509_free(cert);
	X509_free(ca);
	tokkey_free(&key);
	token_close(&t);
	return st;
}

/* ---------------------------------------------------------------- main */

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "module", required_argument, NULL, 'm' },
		{ "token", required_argument, NULL, 't' },
		{ "pin-file", required_argument, NULL, 'p' },
		{ "ca-file", required_argument, NULL, 'c' },
		{ "wait", no_argument, NULL, 'w' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct opts	 o;
	struct wire	 w;
	struct cardinfo	 ci;
	const char	*verb = NULL, *link;
	enum wirerc	 rc;
	int		 ch, st = ST_FAILED;

	memset(&o, 0, sizeof(o));
	while ((ch = getopt_long(argc, argv, "m:t:p:c:whV", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'm':
			o.module = optarg;
			break;
		case 't':
			o.token = optarg;
			break;
		case 'p':
			o.pinfile = optarg;
			break;
		case 'c':
			o.cafile = optarg;
			break;
		case 'w':
			o.wait = 1;
			break;
		case 'h':
			usage();
			return ST_OK;
		case 'V':
			puts("smime-card " PACKAGE_VERSION);
			return ST_OK;
		default:
			usage();
			return ST_USAGE;
		}
	}
	argc -= optind;
	argv += optind;
	if (argc == 2 && (strcmp(argv[0], "enroll") == 0 ||
	    strcmp(argv[0], "install") == 0)) {
		verb = argv[0];
		link = argv[1];
	} else if (argc == 1)
		link = argv[0];
	else {
		usage();
		return ST_USAGE;
	}
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
		err_line("cannot start libcurl");
		return ST_FAILED;
	}
	if (!wire_init(&w, link, o.cafile)) {
		err_line("%s", w.why);
		st = ST_USAGE;
		goto out;
	}
	say("asking %s", w.url);
	if ((rc = wire_info(&w, &ci)) != WIRE_OK) {
		st = wire_status(&w, rc);
		goto out;
	}
	if (verb != NULL && strcmp(verb, ci.purpose) != 0) {
		err_line("this link is for \"%s\", not \"%s\": run smime-card "
		    "%s LINK", ci.purpose, verb, ci.purpose);
		st = ST_USAGE;
		goto out;
	}
	if (strcmp(ci.purpose, "enroll") == 0)
		st = enroll(&o, &w, &ci);
	else if (strcmp(ci.purpose, "install") == 0)
		st = install(&o, &w, &ci);
	else {
		err_line("the link's purpose \"%s\" is unknown to this agent",
		    ci.purpose);
		st = ST_NETWORK;
	}
out:
	curl_global_cleanup();
	if (o.wait && isatty(STDIN_FILENO)) {
		printf("press Enter to close this window ");
		fflush(stdout);
		while ((ch = getchar()) != EOF && ch != '\n')
			;
	}
	return st;
}
