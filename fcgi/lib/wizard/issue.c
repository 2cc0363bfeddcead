/*
 * The issuance pipeline: one order, one checked CSR, one certificate.
 * See issue.h for the order of the checks.
 */
#include "config.h"

#include <sys/types.h>

#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "audit.h"
#include "buf.h"
#include "caa.h"
#include "csr.h"
#include "db.h"
#include "hex.h"
#include "issue.h"
#include "lint.h"
#include "log.h"
#include "mail.h"
#include "page.h"
#include "profile.h"
#include "server.h"
#include "signer.h"
#include "steps.h"
#include "valid.h"
#include "view.h"

#define CAA_TIMEOUT_MS	2000

#ifndef SMIME_WEAK_KEYS
#define SMIME_WEAK_KEYS	SMIME_DATADIR "/weak-keys"
#endif

const char *const issuerc_names[ISSUE__MAX] = {
	"ok",			/* ISSUE_OK */
	"already",		/* ISSUE_ALREADY */
	"not-ready",		/* ISSUE_NOT_READY */
	"no-csr",		/* ISSUE_NO_CSR */
	"key",			/* ISSUE_KEY */
	"caa-forbidden",	/* ISSUE_CAA_FORBIDDEN */
	"caa-failed",		/* ISSUE_CAA_FAILED */
	"lint",			/* ISSUE_LINT */
	"signer",		/* ISSUE_SIGNER */
	"internal",		/* ISSUE_INTERNAL */
};

const char *const issue_phase_names[PHASE__MAX] = {
	"load",			/* PHASE_LOAD */
	"csr",			/* PHASE_CSR */
	"caa",			/* PHASE_CAA */
	"profile-lint",		/* PHASE_LINT */
	"signer",		/* PHASE_SIGNER */
	"verify",		/* PHASE_VERIFY */
	"store",		/* PHASE_STORE */
	"commit",		/* PHASE_COMMIT */
};

/*
 * Starts the signer with the CA key of the environment (SMIME_CA_KEY) and
 * the certificate (SMIME_CA_CERT), in a worker after its fork. Without
 * them the process runs without signing. Returns 0 on failure.
 */
int
issue_start(struct issuer *is)
{
	const char	*key = getenv("SMIME_CA_KEY");
	const char	*cert = getenv("SMIME_CA_CERT");

	if (key == NULL || cert == NULL) {
		log_warnx("SMIME_CA_KEY and SMIME_CA_CERT must be set: "
		    "no signing");
		return 1;
	}
	return signer_start(&is->signer, key, cert);
}

/* The issuing CA certificate at `path`, loaded once. NULL: logged. */
X509 *
issue_ca(struct issuer *is, const char *path)
{
	if (path == NULL)
		return NULL;
	if (is->ca != NULL && strcmp(is->ca_path, path) == 0)
		return is->ca;
	X509_free(is->ca);
	is->ca = signer_load_cert(path);
	snprintf(is->ca_path, sizeof(is->ca_path), "%s", path);
	return is->ca;
}

/*
 * The weak-key lists of `dir`, loaded once per folder list: nginx's
 * SMIME_WEAK_KEYS_DIR, else the environment's, else the installed
 * default (the shipped lists, then the imported ones). NULL (logged)
 * when a list cannot be read.
 */
const struct blocklist *
issue_blocklist(struct issuer *is, const char *dir)
{
	if (dir == NULL || *dir == '\0')
		dir = getenv("SMIME_WEAK_KEYS_DIR");
	if (dir == NULL || *dir == '\0')
		dir = SMIME_WEAK_KEYS;
	if (is->weak != NULL && strcmp(is->weak_dir, dir) == 0)
		return is->weak;
	blocklist_free(is->weak);
	is->weak = blocklist_load(dir);
	snprintf(is->weak_dir, sizeof(is->weak_dir), "%s", dir);
	return is->weak;
}

/*
 * A throwaway key for the pre-issuance lint (BR 4.3.1.2), made once per
 * process. The lint reads the certificate as it will be signed, so the
 * signature's AlgorithmIdentifier must be the CA's; the key itself needs
 * no strength: P-256 signs for any ECDSA CA (the digest is the CA's), a
 * 1024-bit RSA key for an RSA CA, at a fraction of the CA key's cost.
 */
static EVP_PKEY *
lintkey(struct issuer *is, EVP_PKEY *capub)
{
	int	 want = EVP_PKEY_get_base_id(capub);

	if (is->lintkey != NULL && is->lintkind == want)
		return is->lintkey;
	EVP_PKEY_free(is->lintkey);
	switch (want) {
	case EVP_PKEY_EC:
		is->lintkey = EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-256");
		break;
	case EVP_PKEY_RSA:
		is->lintkey = EVP_PKEY_Q_keygen(NULL, NULL, "RSA",
		    (size_t)1024);
		break;
	case EVP_PKEY_ED25519:
		is->lintkey = EVP_PKEY_Q_keygen(NULL, NULL, "ED25519");
		break;
	default:
		is->lintkey = NULL;
	}
	is->lintkind = want;
	return is->lintkey;
}

void
issuance_init(struct issuance *st)
{
	memset(st, 0, sizeof(*st));
	buf_init(&st->csr);
}

void
issuance_free(struct issuance *st)
{
	buf_free(&st->csr);
}

/*
 * Loads order `id` (whoever may see it: the caller checked that) with
 * its steps, activation draft and verified organization, and checks that
 * step 3 is open: the mailbox validated within 30 days (BR 4.2.1), the
 * organization verified with its identifier (BR 7.1.4.2.2).
 * Returns ISSUE_OK, ISSUE_ALREADY (issued), ISSUE_NOT_READY with st->why
 * the catalogue key of the reason, or ISSUE_INTERNAL.
 */
enum issuerc
issue_load(struct db *db, long long id, struct issuance *st)
{
	enum dbrc	 rc;

	st->why = NULL;
	buf_reset(&st->csr);
	if ((rc = db_order_any(db, id, &st->o)) != DB_OK) {
		st->why = "activation.unavailable";
		return rc == DB_NOTFOUND ? ISSUE_NOT_READY : ISSUE_INTERNAL;
	}
	/*
	 * The steps as the order row gave them, unlocked: issue_order()
	 * moves the order only from exactly these (see store_begin()).
	 */
	if (db_activation_get(db, id, &st->a, &st->csr) != DB_OK)
		return ISSUE_INTERNAL;
	memset(&st->s, 0, sizeof(st->s));
	st->s.st = st->o.st;
	st->s.org_id = st->a.org_id;
	st->s.account_id = st->a.account_id;
	if (st->s.st.activation == STEP_ISSUED)
		return ISSUE_ALREADY;
	if (!steps_allows(&st->s.st, EV_ISSUED)) {
		st->why = "activation.unavailable";
		return ISSUE_NOT_READY;
	}
	if (st->a.email_age < 0 || st->a.email_age > ISSUE_EMAIL_MAX_AGE) {
		st->why = "activation.email-old";
		return ISSUE_NOT_READY;
	}
	if (st->a.org_id == 0 || (rc = db_org_get(db, st->a.org_id, &st->g)) !=
	    DB_OK || st->g.status != ORG_VERIFIED) {
		if (rc == DB_ERR)
			return ISSUE_INTERNAL;
		st->why = "activation.unavailable";
		return ISSUE_NOT_READY;
	}
	if (st->g.org_identifier[0] == '\0') {
		st->why = "activation.no-identifier";
		return ISSUE_NOT_READY;
	}
	return ISSUE_OK;
}

/* Whether comma-separated `list` holds `what`. */
int
issue_has_key(const char *list, const char *what)
{
	size_t	 n = strlen(what);
	const char *p;

	for (p = list; (p = strstr(p, what)) != NULL; p += n)
		if ((p == list || p[-1] == ',') &&
		    (p[n] == ',' || p[n] == '\0'))
			return 1;
	return 0;
}

/* The profile's subject from the verified data and the choices. */
void
issue_subject(const struct issuance *st, struct profile_subject *ps)
{
	const char	*inc = st->a.include;

	memset(ps, 0, sizeof(*ps));
	ps->organization = st->g.name;
	ps->org_identifier = st->g.org_identifier;
	ps->email = st->a.email;
	ps->country = issue_has_key(inc, "C") || issue_has_key(inc, "ST") ||
	    issue_has_key(inc, "L") ? st->g.country : NULL;
	ps->state = issue_has_key(inc, "ST") && text_meaningful(st->g.state) ?
	    st->g.state : NULL;
	ps->locality = issue_has_key(inc, "L") &&
	    text_meaningful(st->g.locality) ? st->g.locality : NULL;
	ps->include_email_attr = issue_has_key(inc, "E");
	ps->cn = strcmp(st->a.cn, "organization") == 0 ? CN_ORGANIZATION :
	    CN_EMAIL;
}

/*
 * The CSR checks of step 3 on `len` bytes (PEM or DER): parsed, its
 * signature verified, its key checked (size, curve, exponent, ROCA,
 * Fermat, the weak-key lists of folder `weakdir`: BR 6.1.1.3), and not a
 * key used before or blocked. On CSR_OK the CSR's DER becomes order
 * `order`'s and *k describes its key. *priv is set when the bytes held a
 * private key too (whatever else: it is exposed). CSR_KEY_USED is the
 * refusal for a key seen before. CSR_INTERNAL is ours (logged, 500).
 */
enum csrerr
issue_take_csr(struct db *db, struct issuer *is, const char *weakdir,
    long long order, const void *p, size_t len, int *priv,
    struct csr_key *k)
{
	const struct blocklist *bl;
	struct csr	 c;
	enum csrerr	 e;
	char		 spki[65];
	long long	 used = 0, blocked = 0;

	memset(&c, 0, sizeof(c));
	*priv = 0;
	if (p == NULL || len == 0)
		e = CSR_EMPTY;
	else
		e = csr_parse(p, len, &c, priv);
	/* Without its weak-key lists nothing is accepted: fail closed. */
	if (e == CSR_OK)
		e = (bl = issue_blocklist(is, weakdir)) == NULL ? CSR_INTERNAL :
		    csr_check_key(&c, bl);
	if (e == CSR_OK) {
		hex_encode(c.key.spki_sha256, 32, spki);
		if (db_key_seen(db, spki, &used, &blocked) != DB_OK)
			e = CSR_INTERNAL;
		else if (blocked)
			e = CSR_KEY_BLOCKED;
		else if (used)
			e = CSR_KEY_USED;
	}
	if (e == CSR_OK && *priv)
		e = CSR_NOT_CSR_PRIVATE_KEY;
	if (e == CSR_OK && db_activation_csr(db, order, c.der, c.derlen) !=
	    DB_OK)
		e = CSR_INTERNAL;
	if (e == CSR_OK)
		*k = c.key;
	csr_free(&c);
	return e;
}

/*
 * An audit row of its own transaction: for what is refused, whose main
 * transaction is rolled back (CAA, lint).
 */
static void
audit_alone(struct db *db, const struct actor *who, const char *action,
    long long id, const char *details)
{
	char	 obj[32];

	snprintf(obj, sizeof(obj), "order:%lld", id);
	if (!db_begin(db))
		return;
	if (!audit_add(db, who->login, who->role, who->addr, action, id, obj,
	    details) || !db_commit(db))
		db_rollback(db);
}

/* The CA's CAA issuer domain names, from SMIME_CAA_IDENTITIES. */
static int
caa_ids(const char *list, char *copy, size_t copysz, const char **ids,
    size_t max)
{
	char	*tok, *save = NULL;
	size_t	 n = 0;

	snprintf(copy, copysz, "%s", list ? list : "");
	for (tok = strtok_r(copy, " ,", &save); tok != NULL && n + 1 < max;
	    tok = strtok_r(NULL, " ,", &save))
		ids[n++] = tok;
	ids[n] = NULL;
	return n > 0;
}

/* A name as people read it: RFC 2253 order and escaping, UTF-8. */
static int
name_text(const X509_NAME *n, char *out, size_t outsz)
{
	BIO	*b;
	int	 len;

	if ((b = BIO_new(BIO_s_mem())) == NULL)
		return 0;
	if (X509_NAME_print_ex(b, n, 0, (XN_FLAG_RFC2253 &
	    ~ASN1_STRFLGS_ESC_MSB) | XN_FLAG_SEP_CPLUS_SPC) < 0 ||
	    (len = BIO_read(b, out, (int)outsz - 1)) < 0) {
		BIO_free(b);
		return 0;
	}
	out[len] = '\0';
	BIO_free(b);
	return 1;
}

static long long
asn1_epoch(const ASN1_TIME *t)
{
	struct tm	 tm;

	if (!ASN1_TIME_to_tm(t, &tm))
		return 0;
	return (long long)timegm(&tm);
}

/* The row of the signed certificate `x` (DER `der`) for key `k`. */
static int
cert_row(X509 *x, const struct buf *der, const struct csr_key *k,
    struct cert *c)
{
	BIGNUM		*bn;
	char		*h;
	unsigned char	 md[32];
	unsigned int	 mdlen;
	size_t		 i;

	memset(c, 0, sizeof(*c));
	if ((bn = ASN1_INTEGER_to_BN(X509_get0_serialNumber(x), NULL)) ==
	    NULL)
		return 0;
	h = BN_bn2hex(bn);
	BN_free(bn);
	if (h == NULL)
		return 0;
	for (i = 0; h[i] != '\0'; i++)
		h[i] = (char)(h[i] >= 'A' && h[i] <= 'F' ? h[i] - 'A' + 'a' :
		    h[i]);
	snprintf(c->serial, sizeof(c->serial), "%s", h);
	OPENSSL_free(h);
	if (EVP_Digest(der->s, der->len, md, &mdlen, EVP_sha256(), NULL) != 1)
		return 0;
	hex_encode(md, 32, c->fingerprint);
	snprintf(c->key_desc, sizeof(c->key_desc), "%s", k->desc);
	return name_text(X509_get_subject_name(x), c->subject,
	    sizeof(c->subject));
}

/*
 * The certificate-issued mail to the account's address `to` (none when
 * empty), queued in the open transaction, with the certificate `x`
 * attached as PEM under the download's name (the manual's "download
 * from the certificate creation e-mail").
 */
static int
issued_mail(struct ctx *ctx, const struct issuance *st, const struct cert *c,
    X509 *x, const char *to)
{
	struct mail_file	 f;
	struct page		*mail;
	BIO			*mem;
	BUF_MEM			*bm;
	char			 link[600], name[100];
	int			 ok = 0;

	if (to[0] == '\0') {
		log_info("account %lld has no e-mail address: no "
		    "certificate-issued mail", st->s.account_id);
		return 1;
	}
	snprintf(link, sizeof(link), "%s/certificates/%lld", ctx->set.base_url,
	    st->o.id);
	snprintf(name, sizeof(name), "smime-%s-cert.pem", c->serial);
	if ((mem = BIO_new(BIO_s_mem())) == NULL)
		return 0;
	if (!PEM_write_bio_X509(mem, x) || (mail =
	    page_new("mail-certificate-issued")) == NULL) {
		BIO_free(mem);
		return 0;
	}
	BIO_get_mem_ptr(mem, &bm);
	f.name = name;
	f.type = "application/x-pem-file";
	f.data = bm->data;
	f.len = bm->length;
	ok = page_attr(page_add(mail->root, "brand", NULL), "name",
	    ctx->set.brand) &&
	    page_attr(page_add(mail->root, "order", NULL), "number",
	    st->o.number) &&
	    page_attr(mail->root->last, "product", st->o.product) &&
	    page_attr(mail->root->last, "product-code", st->o.product_code) &&
	    view_cert(mail->root, c) &&
	    page_add(mail->root, "link", link) != NULL &&
	    mail_queue_files(ctx, "certificate-issued", st->s.account_id,
	    st->o.id, mail, to, 1, &f, 1);
	page_free(mail);
	BIO_free(mem);
	return ok;
}

/* ------------------------------------------------------------ CAA */

/*
 * Checks that allowed issuance, kept for reuse (see ISSUE_CAA_REUSE).
 * S/MIME BR 4.2.2.1: "If the CA issues a Certificate following a CAA
 * check, they SHALL do so within the TTL of the CAA record, or 8 hours,
 * whichever is greater." Ten minutes is well inside that whatever the
 * TTL, and short enough that a domain holder who adds a record naming
 * another CA sees it respected soon. Only permissions are kept: a
 * refusal or a failed lookup is asked again every time. Per process,
 * touched by the issuing thread only.
 */
#define CAA_SEEN_MAX	16

struct caa_seen {
	char		 key[1024];	/* domain, ids and resolver */
	long long	 at;		/* monotonic seconds of the check */
	char		 why[CAA_WHY_MAX];	/* its account, for the audit */
};

static struct caa_seen	 caa_seen[CAA_SEEN_MAX];

static long long
mono_sec(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec;
}

/* The entry for `key` checked less than ISSUE_CAA_REUSE ago, or NULL. */
static struct caa_seen *
caa_reusable(const char *key, long long now)
{
	size_t	 i;

	for (i = 0; i < CAA_SEEN_MAX; i++)
		if (caa_seen[i].at != 0 && now - caa_seen[i].at <
		    ISSUE_CAA_REUSE && strcmp(caa_seen[i].key, key) == 0)
			return &caa_seen[i];
	return NULL;
}

/* Keeps a permission, in place of the oldest entry. */
static void
caa_keep(const char *key, long long now, const char *why)
{
	size_t	 i, old = 0;

	for (i = 1; i < CAA_SEEN_MAX; i++)
		if (caa_seen[i].at < caa_seen[old].at)
			old = i;
	snprintf(caa_seen[old].key, sizeof(caa_seen[old].key), "%s", key);
	snprintf(caa_seen[old].why, sizeof(caa_seen[old].why), "%s", why);
	caa_seen[old].at = now;
}

/*
 * Whether the CAA records of the mailbox's domain let us issue; the
 * account of the check (or of the reused one, with its age) into `why`
 * for the audit row (BR 4.2.2.1: CAA actions are logged).
 */
static enum issuerc
caa(struct ctx *ctx, const struct actor *who, const struct issuance *st,
    char *why, size_t whysz)
{
	const char	*ids[8], *at = strrchr(st->a.email, '@');
	const char	*domain = at ? at + 1 : "";
	struct caa_seen	*seen;
	char		 idcopy[256], key[1024];
	long long	 now = mono_sec();
	size_t		 i;

	if (!caa_ids(ctx->set.caa_ids, idcopy, sizeof(idcopy), ids, 8)) {
		log_warnx("SMIME_CAA_IDENTITIES is not set: no issuance");
		return ISSUE_CAA_FAILED;
	}
	/* Domain names compare without regard to case. */
	snprintf(key, sizeof(key), "%s %s %s", domain, ctx->set.caa_ids,
	    ctx->set.dns ? ctx->set.dns : "");
	for (i = 0; key[i] != '\0' && key[i] != ' '; i++)
		if (key[i] >= 'A' && key[i] <= 'Z')
			key[i] = (char)(key[i] - 'A' + 'a');
	if ((seen = caa_reusable(key, now)) != NULL) {
		/* Cut to fit the audit row, as the check's own account is. */
		snprintf(why, whysz, "reused, checked %llds ago: %.440s",
		    now - seen->at, seen->why);
		return ISSUE_OK;
	}
	switch (caa_check(domain, ids, ctx->set.dns, CAA_TIMEOUT_MS, why,
	    whysz)) {
	case CAA_ALLOWED:
		caa_keep(key, now, why);
		return ISSUE_OK;
	case CAA_FORBIDDEN:
		audit_alone(ctx->db, who, "caa-forbidden", st->o.id, why);
		return ISSUE_CAA_FORBIDDEN;
	default:
		audit_alone(ctx->db, who, "caa-lookup-failed", st->o.id, why);
		return ISSUE_CAA_FAILED;
	}
}

/* ------------------------------------------------------------ aside */

/*
 * The second thread: one job at a time, handed over by aside_run() and
 * collected by aside_wait(), which every aside_run() must be paired
 * with before the job's data goes away. The thread is started on first
 * use in each process (a fork leaves it behind), with every signal
 * blocked so that signals keep going to the serving thread. Its jobs
 * touch only their own OpenSSL objects. When it cannot be started the
 * job runs at once on the caller's thread: slower, never different.
 *
 * The signer is only ever (re)started, which forks, while the thread
 * waits for work and holds no lock.
 */
struct aside {
	pthread_mutex_t	 mu;
	pthread_cond_t	 cv;
	pid_t		 pid;		/* the process the thread runs in */
	int		 queued, done, result;
	int		(*fn)(void *);
	void		*arg;
};

static struct aside	 aside = {
	PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0, 0, 0, 0,
	NULL, NULL
};

static void *
aside_main(void *unused)
{
	int	(*fn)(void *);
	void	*arg;
	int	 r;

	pthread_mutex_lock(&aside.mu);
	for (;;) {
		while (!aside.queued)
			pthread_cond_wait(&aside.cv, &aside.mu);
		fn = aside.fn;
		arg = aside.arg;
		aside.queued = 0;
		pthread_mutex_unlock(&aside.mu);
		r = fn(arg);
		pthread_mutex_lock(&aside.mu);
		aside.result = r;
		aside.done = 1;
		pthread_cond_broadcast(&aside.cv);
	}
	return NULL;
}

/* Whether the thread runs in this process, starting it when not. */
static int
aside_ready(void)
{
	pthread_t	 t;
	sigset_t	 all, old;
	pid_t		 me = getpid();
	int		 r;

	if (aside.pid == me)
		return 1;
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	r = pthread_create(&t, NULL, aside_main, NULL);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (r != 0) {
		log_warnx("issuance: second thread: %s", strerror(r));
		return 0;
	}
	pthread_detach(t);
	aside.pid = me;
	return 1;
}

/* Runs fn(arg) on the second thread, or here and now. */
static void
aside_run(int (*fn)(void *), void *arg)
{
	if (!aside_ready()) {
		aside.result = fn(arg);
		aside.done = 1;
		return;
	}
	pthread_mutex_lock(&aside.mu);
	aside.fn = fn;
	aside.arg = arg;
	aside.done = 0;
	aside.queued = 1;
	pthread_cond_broadcast(&aside.cv);
	pthread_mutex_unlock(&aside.mu);
}

/* The result of the job of the last aside_run(), once it is done. */
static int
aside_wait(void)
{
	int	 r;

	pthread_mutex_lock(&aside.mu);
	while (!aside.done)
		pthread_cond_wait(&aside.cv, &aside.mu);
	aside.done = 0;
	r = aside.result;
	pthread_mutex_unlock(&aside.mu);
	return r;
}

/*
 * The CSR's checks, again: the key rules and lists (BR 6.1.1.3: the key
 * may have been blocked since the CSR was taken) and the self-signature
 * (RFC 2986 3: proof of possession), on the request's own parse, so
 * that the issuing thread can use its own meanwhile.
 */
struct csr_job {
	const unsigned char	*der;
	size_t			 len;
	const struct blocklist	*bl;	/* read-only: shared is fine */
	enum csrerr		 e;
};

static int
job_csr(void *arg)
{
	struct csr_job	*j = arg;
	struct csr	 own;

	if ((j->e = csr_parse_kept(j->der, j->len, &own)) == CSR_OK &&
	    (j->e = csr_check_key(&own, j->bl)) == CSR_OK &&
	    !csr_verify(j->der, j->len))
		j->e = CSR_SIGNATURE;
	csr_free(&own);
	return j->e == CSR_OK;
}

/* The signer's answer for the second thread, and the CA's key. */
struct der_job {
	const unsigned char	*der;
	size_t			 len;
	EVP_PKEY		*ca;
};

/* The signer's certificate, whole, and its signature by the CA. */
static int
job_cert(void *arg)
{
	struct der_job		*j = arg;
	const unsigned char	*p = j->der;
	X509			*x;
	int			 ok;

	ok = (x = d2i_X509(NULL, &p, (long)j->len)) != NULL &&
	    p == j->der + j->len && X509_verify(x, j->ca) == 1;
	X509_free(x);
	ERR_clear_error();
	return ok;
}

/* ------------------------------------------------------------ the pipeline */

static double
now(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Adds the time since *t to phase `ph`, and restarts *t. */
static void
lap(struct issuer *is, enum issue_phase ph, double *t)
{
	double	 n = now();

	is->phase[ph] += n - *t;
	*t = n;
}

/*
 * Builds the certificate of `st` for the CSR `c` and lints it signed
 * with the throwaway key (BR 4.3.1.2). On ISSUE_OK *out is that
 * certificate, whose DER (*tbs, *tbslen: the caller frees both) goes to
 * the signer, which keeps everything but the signature.
 */
static enum issuerc
prepare(struct ctx *ctx, struct issuer *is, const struct actor *who,
    const struct issuance *st, const struct csr *c, X509 **out,
    unsigned char **tbs, size_t *tbslen)
{
	struct profile_subject	 ps;
	struct profile_ca	 pca;
	struct lint_expect	 le;
	struct buf		 findings;
	X509			*x = NULL;
	EVP_PKEY		*tk;
	const char		*reason;
	enum issuerc		 rc = ISSUE_INTERNAL;
	int			 len;

	buf_init(&findings);
	*out = NULL;
	*tbs = NULL;
	issue_subject(st, &ps);
	memset(&pca, 0, sizeof(pca));
	if ((pca.cert = issue_ca(is, ctx->set.ca_cert)) == NULL)
		goto out;
	pca.crl_url = ctx->set.crl_url;
	pca.aia_url = ctx->set.aia_url;
	if ((x = profile_build(PROFILE_STRICT, &ps,
	    X509_REQ_get_X509_PUBKEY(c->req), &pca,
	    (int)st->o.validity_days, time(NULL), &reason)) == NULL) {
		log_warnx("order %lld: profile: %s", st->o.id, reason);
		goto out;
	}
	if ((tk = lintkey(is, X509_get0_pubkey(pca.cert))) == NULL ||
	    X509_sign(x, tk, profile_md(X509_get0_pubkey(pca.cert))) <= 0)
		goto out;
	memset(&le, 0, sizeof(le));
	le.kind = PROFILE_STRICT;
	le.subject = &ps;
	le.ca = &pca;
	le.days = (int)st->o.validity_days;
	le.spki = X509_REQ_get_X509_PUBKEY(c->req);
	if (lint_cert(x, &le, &findings) != 0) {
		log_warnx("order %lld: pre-issuance lint refused:\n%s",
		    st->o.id, findings.s);
		audit_alone(ctx->db, who, "lint-refused", st->o.id,
		    findings.s);
		rc = ISSUE_LINT;
		goto out;
	}
	if ((len = i2d_X509(x, tbs)) <= 0)
		goto out;
	*tbslen = (size_t)len;
	*out = x;
	x = NULL;
	rc = ISSUE_OK;
out:
	X509_free(x);
	buf_free(&findings);
	return rc;
}

/*
 * The first half of the transaction, while the signer signs the
 * certificate `x`: the order moved from the steps issue_load() read to
 * issued, with its serial, common name and end, by one UPDATE that
 * locks the row and finds it unchanged (a compare-and-set: one round
 * trip instead of a locking read and a write); the step's event; the
 * address of the account's mail. When the order moved meanwhile, it is
 * read under the lock to say why: issued by a concurrent request
 * (ISSUE_ALREADY: that one stands) or closed. Leaves the transaction
 * open on ISSUE_OK; rolls it back otherwise.
 */
static enum issuerc
store_begin(struct ctx *ctx, struct issuance *st, X509 *x, char *to,
    size_t tosz)
{
	struct profile_subject	 ps;
	struct stepstate	 next;
	BIGNUM			*bn;
	char			*h = NULL, serial[64], name[257];
	size_t			 i;
	enum dbrc		 rc;

	if ((bn = ASN1_INTEGER_to_BN(X509_get0_serialNumber(x), NULL)) ==
	    NULL || (h = BN_bn2hex(bn)) == NULL) {
		BN_free(bn);
		return ISSUE_INTERNAL;
	}
	BN_free(bn);
	for (i = 0; h[i] != '\0'; i++)
		h[i] = (char)(h[i] >= 'A' && h[i] <= 'F' ? h[i] - 'A' + 'a' :
		    h[i]);
	snprintf(serial, sizeof(serial), "%s", h);
	OPENSSL_free(h);
	issue_subject(st, &ps);
	if (!steps_next(&st->s.st, EV_ISSUED, &next))
		return ISSUE_NOT_READY;
	if (!db_begin(ctx->db))
		return ISSUE_INTERNAL;
	rc = db_order_issue(ctx->db, st->o.id, &st->s.st, &next, serial,
	    ps.cn == CN_ORGANIZATION ? ps.organization : ps.email,
	    asn1_epoch(X509_get0_notAfter(x)));
	if (rc == DB_NOTFOUND) {
		if (db_order_lock(ctx->db, st->o.id, &st->s) != DB_OK)
			goto fail;
		db_rollback(ctx->db);
		if (st->s.st.activation == STEP_ISSUED)
			return ISSUE_ALREADY;
		log_warnx("order %lld: step 3 closed while signing", st->o.id);
		return ISSUE_INTERNAL;
	}
	st->s.st = next;
	if (rc != DB_OK || db_event_add(ctx->db, st->s.account_id, st->o.id,
	    step_event_names[EV_ISSUED]) != DB_OK ||
	    db_account_email(ctx->db, st->s.account_id, to, tosz, name,
	    sizeof(name)) != DB_OK)
		goto fail;
	return ISSUE_OK;
fail:
	db_rollback(ctx->db);
	return ISSUE_INTERNAL;
}

/* An ASN.1 time as the database's DATE_FORMAT gives it back. */
static void
iso_time(const ASN1_TIME *t, char *out, size_t outsz)
{
	struct tm	 tm;

	if (!ASN1_TIME_to_tm(t, &tm) ||
	    strftime(out, outsz, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		out[0] = '\0';
}

/*
 * The second half, once the signer answered with `x` (DER `der`): the
 * certificate row, the step's audit row with the CAA evidence, and the
 * mail to `to`, in the transaction store_begin() opened. *c is filled from `x`
 * as the row holds it, without reading it back. Rolls back on failure;
 * the caller commits.
 */
static enum issuerc
store_end(struct ctx *ctx, const struct actor *who, struct issuance *st,
    X509 *x, const struct buf *der, const struct csr_key *k,
    const char *why_caa, const char *to, struct cert *c)
{
	char		 spki[65], details[200], obj[32];
	enum dbrc	 rc;

	if (!cert_row(x, der, k, c))
		goto fail;
	iso_time(X509_get0_notBefore(x), c->not_before, sizeof(c->not_before));
	iso_time(X509_get0_notAfter(x), c->not_after, sizeof(c->not_after));
	hex_encode(k->spki_sha256, 32, spki);
	rc = db_cert_add(ctx->db, st->o.id, c, spki, der->s, der->len,
	    asn1_epoch(X509_get0_notBefore(x)),
	    asn1_epoch(X509_get0_notAfter(x)));
	if (rc == DB_DUP) {
		/* Under the order's row lock: a broken invariant, no race. */
		log_warnx("order %lld: a certificate exists but step 3 is open",
		    st->o.id);
		goto fail;
	}
	snprintf(obj, sizeof(obj), "order:%lld", st->o.id);
	snprintf(details, sizeof(details), "serial=%s sha256=%s", c->serial,
	    c->fingerprint);
	if (rc != DB_OK || !audit_add_pair(ctx->db, who->login, who->role,
	    who->addr, st->o.id, obj, step_event_names[EV_ISSUED], details,
	    "caa-checked", why_caa) || !issued_mail(ctx, st, c, x, to))
		goto fail;
	return ISSUE_OK;
fail:
	db_rollback(ctx->db);
	return ISSUE_INTERNAL;
}

/*
 * Issues order `order`'s certificate from its verified data and stored
 * CSR, exactly once: see issue.h. `who` is the actor of the audit rows.
 * Returns ISSUE_OK or ISSUE_ALREADY with the certificate in *out, or a
 * refusal (ISSUE_NOT_READY, ISSUE_NO_CSR, ISSUE_KEY, ISSUE_CAA_*,
 * ISSUE_LINT, ISSUE_SIGNER) or ISSUE_INTERNAL, each logged or audited.
 * The time it takes is added to is->phase[].
 */
enum issuerc
issue_order(struct ctx *ctx, struct issuer *is, const struct actor *who,
    long long order, struct cert *out)
{
	const struct blocklist *bl;
	struct issuance	 st;
	struct csr_job	 pop;
	struct der_job	 sig;
	struct csr	 c;
	struct buf	 der, why;
	X509		*x = NULL, *signed_x = NULL;
	EVP_PKEY	*capub;
	unsigned char	*tbs = NULL;
	size_t		 tbslen = 0;
	char		 why_caa[CAA_WHY_MAX], to[255];
	const unsigned char *p;
	enum issuerc	 rc, src;
	double		 t = now();
	int		 aside_busy = 0, sent, ok;

	issuance_init(&st);
	memset(&c, 0, sizeof(c));
	buf_init(&der);
	buf_init(&why);
	to[0] = '\0';
	memset(out, 0, sizeof(*out));
	rc = issue_load(ctx->db, order, &st);
	lap(is, PHASE_LOAD, &t);
	if (rc != ISSUE_OK) {
		if (rc == ISSUE_ALREADY && db_cert_of_order(ctx->db, order, out,
		    &der) != DB_OK)
			rc = ISSUE_INTERNAL;
		goto out;
	}
	if (st.csr.len == 0) {
		rc = ISSUE_NO_CSR;
		goto out;
	}
	/*
	 * The key is checked again, with its self-signature, on the second
	 * thread (most of the CSR's cost, all of it for an RSA key), while
	 * this one parses the request for the profile and goes on with CAA,
	 * the profile and the lint. Without its weak-key lists nothing is
	 * issued: fail closed, as when the CSR was taken.
	 */
	if ((bl = issue_blocklist(is, ctx->set.weak_keys)) == NULL ||
	    csr_parse_kept(st.csr.s, st.csr.len, &c) != CSR_OK) {
		rc = ISSUE_KEY;
		goto out;
	}
	pop.der = c.der;
	pop.len = c.derlen;
	pop.bl = bl;
	aside_run(job_csr, &pop);
	aside_busy = 1;
	lap(is, PHASE_CSR, &t);
	/* CAA outside the transaction: a lookup may take its time. */
	rc = caa(ctx, who, &st, why_caa, sizeof(why_caa));
	lap(is, PHASE_CAA, &t);
	if (rc != ISSUE_OK)
		goto out;
	rc = prepare(ctx, is, who, &st, &c, &x, &tbs, &tbslen);
	lap(is, PHASE_LINT, &t);
	if (rc != ISSUE_OK)
		goto out;
	aside_busy = 0;
	ok = aside_wait();
	lap(is, PHASE_CSR, &t);
	if (!ok) {
		log_warnx("order %lld: the CSR is refused now: %s", order,
		    csrerr_names[pop.e]);
		rc = pop.e == CSR_INTERNAL ? ISSUE_INTERNAL : ISSUE_KEY;
		goto out;
	}

	/*
	 * The signer signs while the order is locked and its row written;
	 * its answer is read whatever happened meanwhile, so that the next
	 * request finds the exchange in step.
	 */
	sent = signer_sign_send(&is->signer, tbs, tbslen);
	src = store_begin(ctx, &st, x, to, sizeof(to));
	lap(is, PHASE_STORE, &t);
	ok = signer_sign_recv(&is->signer, sent, tbs, tbslen, &der, &why);
	lap(is, PHASE_SIGNER, &t);
	if (src != ISSUE_OK) {
		/* What was signed is dropped: nothing refers to it. */
		rc = src;
		buf_reset(&der);
		if (rc == ISSUE_ALREADY && db_cert_of_order(ctx->db, order, out,
		    &der) != DB_OK)
			rc = ISSUE_INTERNAL;
		goto out;
	}
	if (!ok) {
		log_warnx("order %lld: signer: %s", order, why.s);
		db_rollback(ctx->db);
		rc = ISSUE_SIGNER;
		goto out;
	}
	/* Nothing is committed before the CA's signature checks out. */
	capub = X509_get0_pubkey(issue_ca(is, ctx->set.ca_cert));
	p = (const unsigned char *)der.s;
	if (capub == NULL ||
	    (signed_x = d2i_X509(NULL, &p, (long)der.len)) == NULL) {
		log_ssl("order %lld: the signer's answer", order);
		db_rollback(ctx->db);
		rc = ISSUE_INTERNAL;
		goto out;
	}
	sig.der = (const unsigned char *)der.s;
	sig.len = der.len;
	sig.ca = capub;
	aside_run(job_cert, &sig);
	aside_busy = 1;
	rc = store_end(ctx, who, &st, signed_x, &der, &c.key, why_caa, to,
	    out);
	lap(is, PHASE_STORE, &t);
	aside_busy = 0;
	ok = aside_wait();
	lap(is, PHASE_VERIFY, &t);
	if (rc != ISSUE_OK)
		goto out;
	if (!ok) {
		log_warnx("order %lld: signer's certificate does not verify",
		    order);
		db_rollback(ctx->db);
		rc = ISSUE_INTERNAL;
		goto out;
	}
	if (!db_commit(ctx->db)) {
		rc = ISSUE_INTERNAL;
		goto out;
	}
	lap(is, PHASE_COMMIT, &t);
	is->timed++;
	log_info("order %lld: issued serial %s", order, out->serial);
out:
	/* The second thread's job may still read what is freed below. */
	if (aside_busy)
		(void)aside_wait();
	if (db_in_tx(ctx->db))
		db_rollback(ctx->db);
	if (rc != ISSUE_OK && rc != ISSUE_ALREADY)
		memset(out, 0, sizeof(*out));
	OPENSSL_free(tbs);
	X509_free(x);
	X509_free(signed_x);
	csr_free(&c);
	buf_free(&der);
	buf_free(&why);
	issuance_free(&st);
	return rc;
}
