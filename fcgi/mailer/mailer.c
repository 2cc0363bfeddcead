/*
 * smime-mailer: delivers the outbox.
 *
 * Handlers never talk SMTP: they queue a whole message in the outbox
 * table, in the transaction of the change it reports. This daemon claims
 * one due message at a time with a lease (a conditional UPDATE that one
 * mailer alone can win, committed before the SMTP session, so that
 * several mailers share a database, or the nodes of a Galera cluster,
 * without sending a mail twice), hands it to the MTA with libesmtp, and
 * marks it sent while the claim is still its own. A failure
 * is retried with exponential backoff until the retry period ends; a
 * permanent refusal (5xx) ends it at once. The last error is kept. When
 * a delivery succeeds after failures (the MTA is back after an outage),
 * every other mail waiting out its backoff is made due at once: after a
 * long outage the backoff reaches hours, longer than the life of a
 * verification link.
 *
 * Delivery is at least once: if the process dies after the MTA accepted
 * a message but before it was marked sent, the message is sent again
 * once its lease runs out. SMTP offers no way to close that window; a
 * lease longer than any SMTP session keeps a slow session from opening
 * another.
 */
#include "config.h"

#include <sys/random.h>

#include <errno.h>
#include <getopt.h>
#include <stdint.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define OPENSSL_API_COMPAT	0x10100000L
#include <openssl/ssl.h>

#include <auth-client.h>
#include <libesmtp.h>

#include "buf.h"
#include "db.h"
#include "log.h"

struct opts {
	const char	*db;		/* conninfo */
	const char	*smtp;		/* host:port */
	enum starttls_option starttls;
	const char	*ca;		/* CA file for the MTA's certificate */
	const char	*user;		/* AUTH PLAIN user, or NULL */
	char		*password;	/* from a file */
	long		 retry_base;	/* seconds before the first retry */
	long		 give_up;	/* seconds after queueing to stop */
	long		 interval;	/* seconds between polls when idle */
	long		 timeout;	/* SMTP timeouts, seconds */
	long		 lease;		/* seconds a claim holds */
	int		 once;		/* deliver what is due, then exit */
};

static volatile sig_atomic_t	 stopping;

/*
 * Set when a delivery failed for a reason of the MTA's, not of one
 * recipient (no connection, no greeting, no answer, 421): the next
 * success means it is back.
 */
static int	 mta_failed;

static void
on_signal(int sig)
{
	stopping = 1;
}

static void __attribute__((noreturn))
usage(int code)
{
	fprintf(code ? stderr : stdout,
"usage: smime-mailer [options]\n"
"  --db CONNINFO          database (env SMIME_DB)\n"
"  --smtp HOST:PORT       the MTA (env SMIME_SMTP, default localhost:25)\n"
"  --starttls MODE        required, optional or no (env SMIME_SMTP_STARTTLS,\n"
"                         default required)\n"
"  --ca-file FILE         CAs for the MTA's certificate (env SMIME_SMTP_CA)\n"
"  --user NAME            AUTH PLAIN user (env SMIME_SMTP_USER)\n"
"  --password-file FILE   its password (env SMIME_SMTP_PASSWORD_FILE)\n"
"  --retry-base SECONDS   first retry delay, doubled each time (default 60)\n"
"  --give-up SECONDS      stop retrying this long after queueing\n"
"                         (default 259200: three days)\n"
"  --interval SECONDS     poll interval when idle (default 2)\n"
"  --timeout SECONDS      SMTP timeouts (default 30)\n"
"  --lease SECONDS        how long a claimed mail stays this mailer's\n"
"                         before another may take it (default 600)\n"
"  --once                 deliver what is due, then exit\n"
"  --help                 this text\n");
	exit(code);
}

static long
number(const char *s, const char *what)
{
	char	*end;
	long	 v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (*s == '\0' || *end != '\0' || errno != 0 || v < 0) {
		log_warnx("%s: not a number of seconds", what);
		exit(2);
	}
	return v;
}

static char *
read_password(const char *path)
{
	struct buf	 b;

	buf_init(&b);
	if (!buf_load_line(&b, path)) {
		log_warn("%s", path);
		exit(1);
	}
	return buf_detach(&b, NULL);
}

static void
parse(struct opts *o, int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "smtp", required_argument, NULL, 's' },
		{ "starttls", required_argument, NULL, 't' },
		{ "ca-file", required_argument, NULL, 'c' },
		{ "user", required_argument, NULL, 'u' },
		{ "password-file", required_argument, NULL, 'p' },
		{ "retry-base", required_argument, NULL, 'r' },
		{ "give-up", required_argument, NULL, 'g' },
		{ "interval", required_argument, NULL, 'i' },
		{ "timeout", required_argument, NULL, 'T' },
		{ "lease", required_argument, NULL, 'l' },
		{ "once", no_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char	*tls = getenv("SMIME_SMTP_STARTTLS"), *pwfile;
	int		 c;

	memset(o, 0, sizeof(*o));
	o->db = getenv("SMIME_DB");
	o->smtp = getenv("SMIME_SMTP") ? getenv("SMIME_SMTP") : "localhost:25";
	o->ca = getenv("SMIME_SMTP_CA");
	o->user = getenv("SMIME_SMTP_USER");
	pwfile = getenv("SMIME_SMTP_PASSWORD_FILE");
	o->retry_base = 60;
	o->give_up = 3 * 86400;
	o->interval = 2;
	o->timeout = 30;
	o->lease = 600;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1)
		switch (c) {
		case 'd': o->db = optarg; break;
		case 's': o->smtp = optarg; break;
		case 't': tls = optarg; break;
		case 'c': o->ca = optarg; break;
		case 'u': o->user = optarg; break;
		case 'p': pwfile = optarg; break;
		case 'r': o->retry_base = number(optarg, "--retry-base"); break;
		case 'g': o->give_up = number(optarg, "--give-up"); break;
		case 'i': o->interval = number(optarg, "--interval"); break;
		case 'T': o->timeout = number(optarg, "--timeout"); break;
		case 'l': o->lease = number(optarg, "--lease"); break;
		case 'o': o->once = 1; break;
		case 'h': usage(0);
		default: usage(2);
		}
	if (o->db == NULL || argc != optind)
		usage(2);
	if (tls == NULL || strcmp(tls, "required") == 0)
		o->starttls = Starttls_REQUIRED;
	else if (strcmp(tls, "optional") == 0)
		o->starttls = Starttls_ENABLED;
	else if (strcmp(tls, "no") == 0)
		o->starttls = Starttls_DISABLED;
	else
		usage(2);
	if ((o->user == NULL) != (pwfile == NULL)) {
		log_warnx("--user and --password-file go together");
		exit(2);
	}
	if (pwfile != NULL && (o->password = read_password(pwfile)) == NULL)
		exit(1);
	if (o->retry_base < 1 || o->interval < 1 || o->timeout < 1 ||
	    o->lease < 1)
		usage(2);
	/* A session runs several SMTP timeouts at worst. */
	if (o->lease < 4 * o->timeout)
		log_warnx("--lease %ld is shorter than four --timeout: a slow "
		    "SMTP session may see its mail claimed and sent again",
		    o->lease);
}

/* libesmtp reads the message through this: the whole text at once. */
struct text {
	const char	*s;
	size_t		 len;
	int		 done;
};

static const char *
message_cb(void **ctx, int *len, void *arg)
{
	struct text	*t = arg;

	if (*ctx == NULL && (*ctx = malloc(1)) == NULL)
		return NULL;
	if (len == NULL) {	/* rewind */
		t->done = 0;
		return NULL;
	}
	if (t->done) {
		*len = 0;
		return NULL;
	}
	t->done = 1;
	*len = (int)t->len;
	return t->s;
}

static int
interact(auth_client_request_t req, char **result, int fields, void *arg)
{
	const struct opts	*o = arg;
	int			 i;

	for (i = 0; i < fields; i++) {
		if (req[i].flags & AUTH_USER)
			result[i] = (char *)o->user;
		else if (req[i].flags & AUTH_PASS)
			result[i] = o->password;
		else
			return 0;
	}
	return 1;
}

/* Accepts nothing less than a verified certificate of the right name. */
static void
tls_event(smtp_session_t s, int event, void *arg, ...)
{
	va_list	 ap;
	int	*ok;

	va_start(ap, arg);
	switch (event) {
	case SMTP_EV_INVALID_PEER_CERTIFICATE:
		(void)va_arg(ap, long);
		ok = va_arg(ap, int *);
		*ok = 0;
		break;
	case SMTP_EV_NO_PEER_CERTIFICATE:
	case SMTP_EV_WRONG_PEER_CERTIFICATE:
		ok = va_arg(ap, int *);
		*ok = 0;
		break;
	default:
		break;
	}
	va_end(ap);
}

enum outcome {
	SENT,		/* the MTA took it */
	RETRY,		/* a temporary failure */
	REFUSED,	/* a permanent refusal: 5xx */
	OUTCOME__MAX
};

/*
 * Hands one message to the MTA. Returns the outcome and writes a
 * description of a failure into `err`.
 */
static enum outcome
deliver(const struct opts *o, SSL_CTX *tls, const char *from, const char *rcpt,
    const struct buf *msg, char *err, size_t errsz)
{
	smtp_session_t		 s;
	smtp_message_t		 m;
	smtp_recipient_t	 r;
	auth_context_t		 ac = NULL;
	const smtp_status_t	*st;
	struct text		 t = { msg->s, msg->len, 0 };
	enum outcome		 rc = RETRY;
	char			 e[128];
	int			 which;

	err[0] = '\0';
	if ((s = smtp_create_session()) == NULL) {
		snprintf(err, errsz, "smtp_create_session failed");
		return RETRY;
	}
	for (which = Timeout_GREETING; which <= Timeout_DATA2; which++)
		smtp_set_timeout(s, which | Timeout_OVERRIDE_RFC2822_MINIMUM,
		    o->timeout * 1000);
	if (!smtp_set_server(s, o->smtp) ||
	    !smtp_starttls_enable(s, o->starttls) ||
	    (tls != NULL && !smtp_starttls_set_ctx(s, tls)) ||
	    !smtp_set_eventcb(s, tls_event, NULL) ||
	    (m = smtp_add_message(s)) == NULL ||
	    !smtp_set_reverse_path(m, from) ||
	    (r = smtp_add_recipient(m, rcpt)) == NULL ||
	    !smtp_set_messagecb(m, message_cb, &t)) {
		snprintf(err, errsz, "session set-up: %s",
		    smtp_strerror(smtp_errno(), e, sizeof(e)));
		goto out;
	}
	if (o->user != NULL) {
		if ((ac = auth_create_context()) == NULL ||
		    !auth_set_mechanism_flags(ac, AUTH_PLUGIN_PLAIN, 0) ||
		    !auth_set_interact_cb(ac, interact, (void *)o) ||
		    !smtp_auth_set_context(s, ac)) {
			snprintf(err, errsz, "AUTH set-up failed");
			goto out;
		}
	}
	if (!smtp_start_session(s)) {
		snprintf(err, errsz, "%s: %s", o->smtp,
		    smtp_strerror(smtp_errno(), e, sizeof(e)));
		mta_failed = 1;
		goto out;
	}
	/*
	 * A session "succeeds" even when nothing was sent: ask each part, in
	 * order. A 5xx is permanent, a 4xx worth retrying (RFC 5321 4.2.1).
	 */
	st = smtp_reverse_path_status(m);
	if (st->code == 0 || st->code == 421)
		mta_failed = 1;
	if (st->code / 100 == 4 || st->code / 100 == 5) {
		snprintf(err, errsz, "MAIL %d %s", st->code,
		    st->text ? st->text : "");
		rc = st->code / 100 == 5 ? REFUSED : RETRY;
		goto out;
	}
	st = smtp_recipient_status(r);
	if (st->code / 100 == 4 || st->code / 100 == 5) {
		snprintf(err, errsz, "RCPT %d %s", st->code,
		    st->text ? st->text : "");
		rc = st->code / 100 == 5 ? REFUSED : RETRY;
		goto out;
	}
	st = smtp_message_transfer_status(m);
	if (st->code == 250) {
		rc = SENT;
		goto out;
	}
	if (st->code == 0 || st->code == 421)
		mta_failed = 1;
	if (st->code == 0)
		snprintf(err, errsz, "%s: no answer to the message (%s)",
		    o->smtp, smtp_strerror(smtp_errno(), e, sizeof(e)));
	else
		snprintf(err, errsz, "DATA %d %s", st->code,
		    st->text ? st->text : "");
	rc = st->code / 100 == 5 ? REFUSED : RETRY;
out:
	smtp_destroy_session(s);
	if (ac != NULL)
		auth_destroy_context(ac);
	/* One line, no control bytes: it goes into the database and logs. */
	for (which = 0; err[which] != '\0'; which++)
		if ((unsigned char)err[which] < 0x20)
			err[which] = ' ';
	while (which > 0 && err[which - 1] == ' ')
		err[--which] = '\0';
	return rc;
}

/*
 * After a delivery that succeeded following failures: every mail waiting
 * out a backoff becomes due now, in a transaction of its own (rows other
 * mailers are delivering are waited for, not skipped: they are sent by
 * then). A failure here is logged and costs only the backoff.
 */
static void
wake(struct db *db, long long id)
{
	enum dbrc	 rc;

	if (!db_begin(db))
		return;
	if ((rc = db_outbox_wake(db)) == DB_ERR) {
		db_rollback(db);
		return;
	}
	if (!db_commit(db))
		return;
	mta_failed = 0;
	if (rc == DB_OK)
		log_info("outbox %lld: delivered after failures; the mail "
		    "waiting to be retried is due now", id);
}

/* This process as the holder of its claims: host, PID and 32 random bits. */
static char	 me[100];

static void
me_init(void)
{
	char		 host[65];
	uint32_t	 r = 0;

	if (gethostname(host, sizeof(host)) == -1)
		snprintf(host, sizeof(host), "localhost");
	host[sizeof(host) - 1] = '\0';
	if (getrandom(&r, sizeof(r), 0) != sizeof(r))
		r = (uint32_t)time(NULL);
	snprintf(me, sizeof(me), "%s:%ld:%08x", host, (long)getpid(), r);
	/* Where in the due list a round starts: see one(). */
	srandom(r);
}

/*
 * How many due messages a round looks at. Mailers that all went for the
 * oldest one would keep colliding; each starts at a random one of these.
 */
#define CANDIDATES	16

/*
 * Claims one due message, delivers it, and records the outcome.
 * Returns 1 when one was handled (or every candidate was taken by
 * another mailer first), 0 when none was due, -1 on a database failure.
 */
static int
one(const struct opts *o, struct db *db, SSL_CTX *tls, struct buf *msg)
{
	struct outmail	 m;
	long long	 ids[CANDIDATES], delay;
	char		 err[512];
	enum outcome	 rc;
	enum dbrc	 got = DB_NOTFOUND;
	size_t		 n, i, k;
	int		 j;

	if (db_outbox_due(db, ids, CANDIDATES, &n) != DB_OK)
		return -1;
	if (n == 0)
		return 0;
	k = (size_t)random() % n;
	for (i = 0; i < n && got == DB_NOTFOUND; i++)
		got = db_outbox_claim(db, ids[(k + i) % n], me, o->lease);
	if (got == DB_NOTFOUND)
		return 1;
	if (got != DB_OK)
		return -1;
	m.id = ids[(k + i - 1) % n];
	if ((got = db_outbox_get(db, m.id, me, &m, msg)) != DB_OK)
		return got == DB_NOTFOUND ? 1 : -1;
	rc = deliver(o, tls, m.from, m.rcpt, msg, err, sizeof(err));
	if (rc == SENT) {
		if ((got = db_outbox_sent(db, m.id, me)) == DB_ERR)
			return -1;
		log_info("outbox %lld: sent to %s", m.id, m.rcpt);
	} else if (rc == REFUSED || m.age >= o->give_up) {
		if ((got = db_outbox_fail(db, m.id, me, err)) == DB_ERR)
			return -1;
		log_warnx("outbox %lld: given up after %lld attempts: %s", m.id,
		    m.attempts + 1, err);
	} else {
		/* 1, 2, 4 … times the base, at most six hours apart. */
		for (delay = o->retry_base, j = 0; j < m.attempts &&
		    delay < 6 * 3600; j++)
			delay *= 2;
		if (delay > 6 * 3600)
			delay = 6 * 3600;
		if ((got = db_outbox_retry(db, m.id, me, err, delay)) == DB_ERR)
			return -1;
		log_warnx("outbox %lld: attempt %lld failed, next in %llds: %s",
		    m.id, m.attempts + 1, delay, err);
	}
	if (got == DB_NOTFOUND)
		log_warnx("outbox %lld: the lease ran out during delivery; "
		    "another mailer may deliver it again (raise --lease)",
		    m.id);
	if (rc == SENT && (m.attempts > 0 || mta_failed))
		wake(db, m.id);
	return 1;
}

static SSL_CTX *
tls_context(const struct opts *o)
{
	SSL_CTX	*ctx;

	if (o->starttls == Starttls_DISABLED)
		return NULL;
	if ((ctx = SSL_CTX_new(TLS_client_method())) == NULL) {
		log_ssl("SSL_CTX_new");
		exit(1);
	}
	/*
	 * TLS 1.3 session tickets sent after the handshake make libesmtp
	 * 1.1 drop a fifth of sessions; 1.2 is what it handles reliably.
	 */
	SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
	SSL_CTX_set_max_proto_version(ctx, TLS1_2_VERSION);
	SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, NULL);
	if ((o->ca != NULL && SSL_CTX_load_verify_locations(ctx, o->ca,
	    NULL) != 1) || (o->ca == NULL &&
	    SSL_CTX_set_default_verify_paths(ctx) != 1)) {
		log_ssl("CA file %s", o->ca ? o->ca : "(system)");
		exit(1);
	}
	return ctx;
}

/* Sleeps `sec` seconds unless a signal comes first. */
static void
nap(long sec)
{
	struct timespec	 ts = { sec, 0 };

	while (!stopping && nanosleep(&ts, &ts) == -1 && errno == EINTR)
		;
}

int
main(int argc, char *argv[])
{
	struct opts		 o;
	struct sigaction	 sa;
	struct db		*db = NULL;
	struct buf		 msg;
	SSL_CTX			*tls;
	sigset_t		 block, old;
	int			 r;

	log_init("smime-mailer");
	parse(&o, argc, argv);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	sigemptyset(&block);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGINT);
	auth_client_init();
	tls = tls_context(&o);
	buf_init(&msg);
	me_init();
	log_info("delivering to %s as %s", o.smtp, me);
	while (!stopping) {
		if (db == NULL && (db = db_open(o.db)) == NULL) {
			if (o.once)
				return 1;
			nap(o.interval);
			continue;
		}
		/*
		 * SIGTERM waits until the message is handed over and recorded:
		 * a signal in the middle of the session would fail an attempt
		 * that was going well.
		 */
		sigprocmask(SIG_BLOCK, &block, &old);
		r = one(&o, db, tls, &msg);
		sigprocmask(SIG_SETMASK, &old, NULL);
		buf_free(&msg);
		if (r < 0) {
			/* A lost connection is made again on the next round,
			 * to the next server (db.c). */
			if (o.once)
				return 1;
			nap(o.interval);
		} else if (r == 0) {
			if (o.once)
				break;
			nap(o.interval);
		}
	}
	db_close(db);
	if (tls != NULL)
		SSL_CTX_free(tls);
	auth_client_exit();
	free(o.password);
	log_info("stopped");
	return 0;
}
