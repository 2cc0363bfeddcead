/*
 * The signer process and the web side's client of it.
 */
#include "config.h"

#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <seccomp.h>

/* The ENGINE interface is the way to PKCS#11 on Debian 12 (no provider). */
#define OPENSSL_API_COMPAT	0x10100000L
#include <openssl/engine.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "buf.h"
#include "crl.h"
#include "log.h"
#include "profile.h"
#include "signer.h"

/* S/MIME BR 6.3.2: a subscriber certificate lives 825 days at most. */
#define MAX_DAYS	825

/*
 * Reads or writes exactly `n` bytes, retrying on EINTR.
 * Returns 1, or 0 on EOF or error.
 */
static int
full_read(int fd, void *p, size_t n)
{
	ssize_t	 r;

	while (n > 0) {
		if ((r = read(fd, p, n)) == -1 && errno == EINTR)
			continue;
		if (r <= 0)
			return 0;
		p = (char *)p + r;
		n -= (size_t)r;
	}
	return 1;
}

static int
full_write(int fd, const void *p, size_t n)
{
	ssize_t	 r;

	while (n > 0) {
		if ((r = write(fd, p, n)) == -1 && errno == EINTR)
			continue;
		if (r <= 0)
			return 0;
		p = (const char *)p + r;
		n -= (size_t)r;
	}
	return 1;
}

/*
 * Decodes the SIGNER_HEAD bytes of a message's header at `head`: its type
 * into *type and its length into *len. Refuses (returns 0) an unknown
 * type or a length over `max`, or over `crlmax` for a SIGNER_CRL
 * request: the peer is then not to be trusted further.
 */
int
signer_msg_head(const unsigned char *head, int *type, size_t *len,
    size_t max, size_t crlmax)
{
	uint32_t	 n;

	memcpy(&n, head + 1, 4);
	n = ntohl(n);
	if (head[0] == SIGNER_CRL)
		max = crlmax;
	if (head[0] == 0 || head[0] >= SIGNER__MAX || n > max)
		return 0;
	*type = head[0];
	*len = n;
	return 1;
}

/*
 * Reads one message into `body` (replacing what it held) and its type,
 * its header checked by signer_msg_head() before the body is read.
 * Returns 0 on EOF, a short read or a header refused.
 */
static int
msg_read(int fd, int *type, struct buf *body, size_t max, size_t crlmax)
{
	unsigned char	 head[SIGNER_HEAD];
	size_t		 len;

	buf_reset(body);
	if (!full_read(fd, head, sizeof(head)) ||
	    !signer_msg_head(head, type, &len, max, crlmax) ||
	    !buf_grow(body, len) || !full_read(fd, body->s, len))
		return 0;
	body->len = len;
	body->s[len] = '\0';
	return 1;
}

/*
 * Reads one message of at most SIGNER_MAX bytes; see msg_read().
 */
int
signer_msg_read(int fd, int *type, struct buf *body)
{
	return msg_read(fd, type, body, SIGNER_MAX, SIGNER_MAX);
}

/*
 * Reads one message of at most `max` bytes (never more than
 * SIGNER_CRL_MAX); see msg_read().
 */
int
signer_msg_read_max(int fd, int *type, struct buf *body, size_t max)
{
	if (max > SIGNER_CRL_MAX)
		max = SIGNER_CRL_MAX;
	return msg_read(fd, type, body, max, max);
}

/*
 * Writes one message of `n` bytes, at most `max` (itself capped at
 * SIGNER_CRL_MAX). Returns 1, or 0 on a bad type or length or a failed
 * write.
 */
int
signer_msg_write_max(int fd, int type, const void *p, size_t n, size_t max)
{
	unsigned char	 head[SIGNER_HEAD];
	uint32_t	 len = htonl((uint32_t)n);

	if (n > max || n > SIGNER_CRL_MAX || type <= 0 || type >= SIGNER__MAX)
		return 0;
	head[0] = (unsigned char)type;
	memcpy(head + 1, &len, 4);
	return full_write(fd, head, sizeof(head)) && full_write(fd, p, n);
}

int
signer_msg_write(int fd, int type, const void *p, size_t n)
{
	return signer_msg_write_max(fd, type, p, n, SIGNER_MAX);
}

/* ------------------------------------------------------------ the child */

/*
 * The CA key: a PEM file (0600), or a PKCS#11 URI ("pkcs11:token=…;
 * object=…;type=private?pin-value=…" or with the PIN in SMIME_PKCS11_PIN)
 * opened through the pkcs11 engine, with the module of
 * SMIME_PKCS11_MODULE. Returns NULL on failure (logged).
 */
static EVP_PKEY *
load_key(const char *ref)
{
	EVP_PKEY	*k = NULL;
	ENGINE		*e;
	const char	*v;
	FILE		*f;

	if (strncmp(ref, "pkcs11:", 7) == 0) {
		ENGINE_load_builtin_engines();
		if ((e = ENGINE_by_id("pkcs11")) == NULL) {
			log_ssl("CA key %s: no pkcs11 engine", ref);
			return NULL;
		}
		if (((v = getenv("SMIME_PKCS11_MODULE")) != NULL &&
		    !ENGINE_ctrl_cmd_string(e, "MODULE_PATH", v, 0)) ||
		    ((v = getenv("SMIME_PKCS11_PIN")) != NULL &&
		    !ENGINE_ctrl_cmd_string(e, "PIN", v, 0)) || !ENGINE_init(e)) {
			log_ssl("CA key %s: pkcs11 engine", ref);
			ENGINE_free(e);
			return NULL;
		}
		if ((k = ENGINE_load_private_key(e, ref, NULL, NULL)) == NULL)
			log_ssl("CA key %s: not found on the token", ref);
		/* The engine stays initialised for the signer's life: the key
		 * signs through its session on the token. */
		return k;
	}
	if ((f = fopen(ref, "r")) == NULL) {
		log_warn("CA key %s", ref);
		return NULL;
	}
	k = PEM_read_PrivateKey(f, NULL, NULL, NULL);
	fclose(f);
	if (k == NULL)
		log_ssl("CA key %s: not a PEM private key", ref);
	return k;
}

/* The PEM certificate at `path`. NULL: logged. The caller frees it. */
X509 *
signer_load_cert(const char *path)
{
	X509	*x;
	FILE	*f;

	if ((f = fopen(path, "r")) == NULL) {
		log_warn("CA certificate %s", path);
		return NULL;
	}
	x = PEM_read_X509(f, NULL, NULL, NULL);
	fclose(f);
	if (x == NULL)
		log_ssl("CA certificate %s: not a PEM certificate", path);
	return x;
}

/*
 * What the signer itself insists on, whatever the web side says:
 * extensions that parse, each at most once (RFC 5280 4.2: which of two
 * would count is up to each reader), issued by this CA (name and key
 * identifier), not a CA, for e-mail protection, no certificate or CRL
 * signing, at most 825 days.
 * Returns NULL when acceptable, else the reason.
 */
static const char *
acceptable(X509 *x, X509 *ca)
{
	const ASN1_OCTET_STRING	*akid, *skid;
	const ASN1_TIME		*nb, *na;
	int			 days, secs;
	uint32_t		 ku;

	if (X509_get_extension_flags(x) & EXFLAG_INVALID)
		return "invalid or repeated extensions";
	if (X509_NAME_cmp(X509_get_issuer_name(x),
	    X509_get_subject_name(ca)) != 0)
		return "issuer is not this CA";
	akid = X509_get0_authority_key_id(x);
	skid = X509_get0_subject_key_id(ca);
	if (akid == NULL || skid == NULL ||
	    ASN1_OCTET_STRING_cmp(akid, skid) != 0)
		return "authority key identifier is not this CA's";
	if (X509_check_ca(x) != 0)
		return "a CA certificate";
	if ((X509_get_extension_flags(x) & EXFLAG_XKUSAGE) == 0 ||
	    (X509_get_extended_key_usage(x) & XKU_SMIME) == 0)
		return "not for e-mail protection";
	ku = X509_get_key_usage(x);
	if (ku != UINT32_MAX && (ku & (KU_KEY_CERT_SIGN | KU_CRL_SIGN)))
		return "key usage for certificate or CRL signing";
	nb = X509_get0_notBefore(x);
	na = X509_get0_notAfter(x);
	if (!ASN1_TIME_diff(&days, &secs, nb, na) || days < 0 ||
	    days > MAX_DAYS || (days == MAX_DAYS && secs > 0))
		return "validity over 825 days";
	return NULL;
}

/*
 * The seccomp filter: after it, the signer can read and write its
 * socket, manage its memory, get random bytes (ECDSA nonces, PSS salts)
 * and exit. Anything else fails with EPERM. A key on a PKCS#11 token
 * (`token`) never enters the process, but its module may read its own
 * files on each operation (SoftHSM re-reads its token folder): for it,
 * files may also be opened for reading, never for writing, and no
 * process can be started either way.
 */
static int
lock_down(int token)
{
	static const int	 allowed[] = {
		SCMP_SYS(read), SCMP_SYS(write), SCMP_SYS(close),
		SCMP_SYS(exit), SCMP_SYS(exit_group), SCMP_SYS(brk),
		SCMP_SYS(mmap), SCMP_SYS(munmap), SCMP_SYS(mremap),
		SCMP_SYS(madvise), SCMP_SYS(futex), SCMP_SYS(getrandom),
		SCMP_SYS(rt_sigreturn), SCMP_SYS(clock_gettime),
		SCMP_SYS(getpid),
	};
	static const int	 reading[] = {
		SCMP_SYS(fstat), SCMP_SYS(newfstatat), SCMP_SYS(lseek),
		SCMP_SYS(getdents64), SCMP_SYS(fcntl), SCMP_SYS(flock),
		SCMP_SYS(gettid), SCMP_SYS(mprotect),
	};
	scmp_filter_ctx		 sc;
	size_t			 i;
	int			 rc = 0;

	if ((sc = seccomp_init(SCMP_ACT_ERRNO(EPERM))) == NULL)
		return 0;
	for (i = 0; i < sizeof(allowed) / sizeof(allowed[0]); i++)
		if (seccomp_rule_add(sc, SCMP_ACT_ALLOW, allowed[i], 0) != 0)
			goto out;
	for (i = 0; token && i < sizeof(reading) / sizeof(reading[0]); i++)
		if (seccomp_rule_add(sc, SCMP_ACT_ALLOW, reading[i], 0) != 0)
			goto out;
	if (token && seccomp_rule_add(sc, SCMP_ACT_ALLOW, SCMP_SYS(openat), 1,
	    SCMP_A2(SCMP_CMP_MASKED_EQ, O_ACCMODE | O_CREAT | O_TRUNC,
	    O_RDONLY)) != 0)
		goto out;
	rc = seccomp_load(sc) == 0;
out:
	seccomp_release(sc);
	return rc;
}

/*
 * The answer to a SIGNER_CERT request: the DER certificate in `in`,
 * re-signed if acceptable(), into `out`. Returns the answer's type.
 */
static int
answer_cert(const struct buf *in, X509 *ca, EVP_PKEY *key, const EVP_MD *md,
    struct buf *out)
{
	X509			*x;
	const unsigned char	*p = (const unsigned char *)in->s;
	unsigned char		*der = NULL;
	const char		*why;
	int			 len, type;

	if ((x = d2i_X509(NULL, &p, (long)in->len)) == NULL ||
	    p != (const unsigned char *)in->s + in->len) {
		X509_free(x);
		ERR_clear_error();
		buf_adds(out, "not a certificate");
		return SIGNER_REFUSED;
	}
	if ((why = acceptable(x, ca)) != NULL) {
		buf_adds(out, why);
		type = SIGNER_REFUSED;
	} else if (X509_sign(x, key, md) <= 0 ||
	    (len = i2d_X509(x, &der)) <= 0) {
		ERR_clear_error();
		buf_adds(out, "signing failed");
		type = SIGNER_ERROR;
	} else if (!buf_add(out, der, (size_t)len)) {
		buf_adds(out, "out of memory");
		type = SIGNER_ERROR;
	} else
		type = SIGNER_OK;
	OPENSSL_free(der);
	X509_free(x);
	return type;
}

/*
 * The answer to a SIGNER_CRL request: the CRL request (crl.h) in `in`,
 * checked by crl_request_parse() (BR 4.9.7, 7.2.2), built by crl_build()
 * and signed with the CA key and the profile's digest, into `out`. The
 * signer also insists that thisUpdate is within a day of `now`, its own
 * clock, so that the web side cannot have CRLs back- or forward-dated,
 * and that the CA certificate, when it has a keyUsage, allows cRLSign.
 * Returns the answer's type.
 */
static int
answer_crl(const struct buf *in, long long now, X509 *ca, EVP_PKEY *key,
    const EVP_MD *md, struct buf *out)
{
	X509_CRL		*crl = NULL;
	struct crl_entry	*e = NULL;
	unsigned char		*der = NULL;
	const char		*why;
	long long		 number, thisu, nextu;
	size_t			 n;
	uint32_t		 ku;
	int			 len, type = SIGNER_REFUSED;

	if (!crl_request_parse(in->s, in->len, &number, &thisu, &nextu, &e,
	    &n, &why)) {
		buf_adds(out, why);
		goto out;
	}
	ku = X509_get_key_usage(ca);
	why = NULL;
	if (thisu < now - 86400 || thisu > now + 86400)
		why = "thisUpdate not within a day of now";
	else if (ku != UINT32_MAX && (ku & KU_CRL_SIGN) == 0)
		why = "CA certificate not for CRL signing";
	else if (X509_get0_subject_key_id(ca) == NULL)
		why = "CA certificate without subjectKeyIdentifier";
	if (why != NULL) {
		buf_adds(out, why);
		goto out;
	}
	type = SIGNER_ERROR;
	if ((crl = crl_build(ca, number, thisu, nextu, e, n)) == NULL ||
	    X509_CRL_sign(crl, key, md) <= 0 ||
	    (len = i2d_X509_CRL(crl, &der)) <= 0) {
		ERR_clear_error();
		buf_adds(out, "CRL signing failed");
		goto out;
	}
	if (!buf_add(out, der, (size_t)len)) {
		buf_adds(out, "out of memory");
		goto out;
	}
	type = SIGNER_OK;
out:
	OPENSSL_free(der);
	X509_CRL_free(crl);
	free(e);
	return type;
}

/*
 * The signer's answer to one request of `type` with the body `in`, at
 * the time `now` (unix time), with the CA certificate `ca` and its key
 * `key`: the answer's body into `out` (emptied first) and its type as
 * the return value, SIGNER_OK, SIGNER_REFUSED or SIGNER_ERROR. An answer
 * is never longer than the limit its request has on the wire (SIGNER_MAX,
 * SIGNER_CRL_MAX for a CRL): past it, a SIGNER_ERROR says so. OpenSSL's
 * error queue is left empty. No I/O: the signer writes what this
 * returns, and the fuzz target calls it.
 */
int
signer_answer(int type, const struct buf *in, long long now, X509 *ca,
    EVP_PKEY *key, const EVP_MD *md, struct buf *out)
{
	int	 atype;

	buf_reset(out);
	switch (type) {
	case SIGNER_CERT:
		atype = answer_cert(in, ca, key, md, out);
		break;
	case SIGNER_CRL:
		atype = answer_crl(in, now, ca, key, md, out);
		break;
	default:
		buf_adds(out, "unknown request");
		return SIGNER_REFUSED;
	}
	if (out->len > (type == SIGNER_CRL ? SIGNER_CRL_MAX : SIGNER_MAX)) {
		buf_reset(out);
		buf_adds(out, type == SIGNER_CRL ? "CRL too large" :
		    "certificate too large");
		atype = SIGNER_ERROR;
	}
	/* What a refused request left there must not show in a later log. */
	ERR_clear_error();
	return atype;
}

/*
 * The signer's life: serve until the web side closes its end.
 */
static void __attribute__((noreturn))
child(int fd, const char *keyref, const char *certpath)
{
	EVP_PKEY		*key;
	X509			*ca;
	const EVP_MD		*md;
	struct buf		 in, out;
	struct timespec		 ts;
	int			 type, atype, fdmax, i;

	prctl(PR_SET_PDEATHSIG, SIGTERM);
	prctl(PR_SET_NAME, "smime-signer");
	/* Nothing of the web side's: only the socket and the log stay. */
	fdmax = (int)sysconf(_SC_OPEN_MAX);
	for (i = 0; i < fdmax && i < 65536; i++)
		if (i != fd && i != STDERR_FILENO)
			close(i);
	if ((key = load_key(keyref)) == NULL ||
	    (ca = signer_load_cert(certpath)) == NULL)
		_exit(1);
	if (X509_check_private_key(ca, key) != 1) {
		log_ssl("CA key and certificate do not match");
		_exit(1);
	}
	/* The digest the profile and its lint expect (BR 7.1.3.2). */
	md = profile_md(key);
	/* Warm OpenSSL up before the filter: its first use loads things. */
	RAND_status();
	buf_init(&in);
	buf_init(&out);
	if (!buf_grow(&in, SIGNER_MAX) || !buf_grow(&out, SIGNER_MAX) ||
	    !lock_down(strncmp(keyref, "pkcs11:", 7) == 0)) {
		log_warnx("signer: cannot lock down");
		_exit(1);
	}
	while (msg_read(fd, &type, &in, SIGNER_MAX, SIGNER_CRL_MAX)) {
		/* clock_gettime(), not time(): the filter allows only it. */
		clock_gettime(CLOCK_REALTIME, &ts);
		atype = signer_answer(type, &in, (long long)ts.tv_sec, ca, key,
		    md, &out);
		signer_msg_write_max(fd, atype, out.s, out.len,
		    SIGNER_CRL_MAX);
		/* A big CRL request's buffers are not kept for good. */
		if (in.cap > SIGNER_MAX + 1 || out.cap > SIGNER_MAX + 1) {
			buf_free(&in);
			buf_free(&out);
			if (!buf_grow(&in, SIGNER_MAX) ||
			    !buf_grow(&out, SIGNER_MAX))
				_exit(1);
		}
	}
	_exit(0);
}

/* ------------------------------------------------------------ the client */

static void	stop(struct signer *, char *, size_t);

/*
 * Forks the signer with the CA key at `keyref` and the CA certificate at
 * `certpath`. Returns 0 on failure (logged; s->fd is then -1).
 */
int
signer_start(struct signer *s, const char *keyref, const char *certpath)
{
	int	 sv[2];

	s->fd = -1;
	s->pid = -1;
	/* Kept for restarts (which pass them back); a first start resets
	 * the restart counters. */
	if (keyref != s->keyref) {
		snprintf(s->keyref, sizeof(s->keyref), "%s", keyref);
		snprintf(s->certpath, sizeof(s->certpath), "%s", certpath);
		s->failures = 0;
		s->next_start = 0;
		s->restarts = 0;
	}
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) == -1) {
		log_warn("socketpair");
		return 0;
	}
	if ((s->pid = fork()) == -1) {
		log_warn("fork");
		close(sv[0]);
		close(sv[1]);
		return 0;
	}
	if (s->pid == 0) {
		close(sv[0]);
		child(sv[1], keyref, certpath);
	}
	close(sv[1]);
	s->fd = sv[0];
	return 1;
}

void
signer_stop(struct signer *s)
{
	stop(s, NULL, 0);
}

/*
 * Closes our end and reaps the signer, describing how it ended into
 * `how` when not NULL ("exit 1", "signal 9").
 */
static void
stop(struct signer *s, char *how, size_t howsz)
{
	int	 status = 0;
	pid_t	 r = 0;

	if (s->fd != -1)
		close(s->fd);
	if (s->pid > 0)
		r = waitpid(s->pid, &status, 0);
	if (how != NULL) {
		if (r <= 0)
			snprintf(how, howsz, "not running");
		else if (WIFSIGNALED(status))
			snprintf(how, howsz, "signal %d", WTERMSIG(status));
		else
			snprintf(how, howsz, "exit %d", WEXITSTATUS(status));
	}
	s->fd = -1;
	s->pid = -1;
}

static long long
now_ms(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/*
 * Starts the signer again unless its backoff forbids it yet (see struct
 * signer), with a log line saying why and when the next try may come.
 * Returns 1 when a signer runs.
 */
static int
restart(struct signer *s, const char *why)
{
	long long	 now = now_ms(), delay;

	if (s->keyref[0] == '\0' || now < s->next_start)
		return 0;
	/* 0 after a signer that served, then 1, 2, 4 … 60 s. */
	delay = s->failures == 0 ? 1000 : 1000LL << (s->failures < 6 ?
	    s->failures : 6);
	if (delay > 60000)
		delay = 60000;
	s->failures++;
	s->restarts++;
	s->next_start = now + delay;
	log_warnx("signer: %s; restarting it (restart %lu, %d since the last "
	    "signature; next no sooner than %llds)", why, s->restarts,
	    s->failures, delay / 1000);
	return signer_start(s, s->keyref, s->certpath);
}

/*
 * One exchange with the signer: a request of `type` and its answer of at
 * most `max` bytes; with `sent`, signer_sign_send() has written the
 * request already and only the answer is read (or, when that fails, the
 * whole exchange is done again with a new signer). On SIGNER_OK `out`
 * holds the answer and 1 is returned; on refusal or failure 0, with the
 * reason in `why`. A signer that misbehaves is stopped.
 */
static int
exchange(struct signer *s, int type, const void *p, size_t len, size_t max,
    int sent, struct buf *out, struct buf *why)
{
	char	 how[64], line[128];
	int	 atype, try;

	buf_reset(why);
	buf_reset(out);
	if (len > (type == SIGNER_CRL ? SIGNER_CRL_MAX : SIGNER_MAX)) {
		buf_adds(why, "request too large");
		return 0;
	}
	/* A dead signer is started again and the request retried once. */
	for (try = 0; ; try++) {
		if (s->fd == -1 && !restart(s, "not running")) {
			buf_adds(why, "no signer");
			return 0;
		}
		if ((sent || signer_msg_write_max(s->fd, type, p, len,
		    SIGNER_CRL_MAX)) &&
		    signer_msg_read_max(s->fd, &atype, out, max) &&
		    (atype == SIGNER_OK || atype == SIGNER_REFUSED ||
		    atype == SIGNER_ERROR))
			break;
		sent = 0;
		stop(s, how, sizeof(how));
		buf_reset(out);
		if (try == 1 || s->keyref[0] == '\0') {
			log_warnx("signer: broken exchange (%s); stopped", how);
			buf_adds(why, "signer unavailable");
			return 0;
		}
		snprintf(line, sizeof(line), "broken exchange, signer ended "
		    "(%s)", how);
		if (!restart(s, line)) {
			buf_adds(why, "signer unavailable");
			return 0;
		}
	}
	/* It answered: the next death restarts it at once. */
	s->failures = 0;
	s->next_start = 0;
	if (atype != SIGNER_OK) {
		buf_add(why, out->s, out->len);
		buf_reset(out);
		return 0;
	}
	return 1;
}

/*
 * Has the certificate `der` signed. On success `out` holds the signed
 * DER and 1 is returned; on refusal or failure 0, with the reason in
 * `why`. A signer that misbehaves is stopped.
 */
int
signer_sign(struct signer *s, const unsigned char *der, size_t len,
    struct buf *out, struct buf *why)
{
	return exchange(s, SIGNER_CERT, der, len, SIGNER_MAX, 0, out, why);
}

/*
 * signer_sign() in two halves, so that the caller works while the signer
 * signs: signer_sign_send() writes the request for `der` and returns at
 * once; signer_sign_recv(), with the same `der`, reads the answer as
 * signer_sign() returns it. Between the two the caller must not use the
 * signer otherwise. A request that could not be written is not an error
 * here: signer_sign_recv() then does the whole exchange, restarting the
 * signer as signer_sign() would. Returns whether the request was sent,
 * to be passed to signer_sign_recv().
 */
int
signer_sign_send(struct signer *s, const unsigned char *der, size_t len)
{
	if (s->fd == -1 || len > SIGNER_MAX)
		return 0;
	if (signer_msg_write(s->fd, SIGNER_CERT, der, len))
		return 1;
	/* Half a request may be on the wire: that signer is done. */
	stop(s, NULL, 0);
	return 0;
}

int
signer_sign_recv(struct signer *s, int sent, const unsigned char *der,
    size_t len, struct buf *out, struct buf *why)
{
	return exchange(s, SIGNER_CERT, der, len, SIGNER_MAX, sent, out, why);
}

/*
 * Has a CRL built and signed from `request` (made by
 * crl_request_encode()). On success `out` holds the signed DER CRL and 1
 * is returned; on refusal or failure 0, with the reason in `why`. A
 * signer that misbehaves is stopped.
 */
int
signer_sign_crl(struct signer *s, const struct buf *request,
    struct buf *out, struct buf *why)
{
	return exchange(s, SIGNER_CRL, request->s, request->len,
	    SIGNER_CRL_MAX, 0, out, why);
}
