/*
 * Unit tests of caa.c: CAA issuemail (RFC 9495) over the tree climbing of
 * RFC 8659, against a dnsmasq of our own on a free loopback port, started
 * by the group setup with the records below and stopped by the teardown.
 *
 * dnsmasq answers from its own data only (--no-resolv): within
 * --local=/test/ a name it does not know is NXDOMAIN and a name it knows
 * without CAA records is NODATA, so every level of a *.test domain gets a
 * definite answer and the climbing is deterministic. Outside a --local
 * domain it REFUSEs, which the tests use as a failing lookup.
 *
 * Without dnsmasq (DNSMASQ names another binary) the tests that need it
 * are skipped with the reason, and the program exits 77 (automake SKIP).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <netinet/in.h>
#include <arpa/inet.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "caa.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))
#define TIMEOUT_MS	2000	/* for dnsmasq, which answers at once */

static char	 tmpdir[] = "/tmp/test_caa.XXXXXX";
static pid_t	 dnsmasq = -1;		/* its watcher, in fact */
static int	 dnsmasq_down;		/* not started: tests skipped */
static char	 down_why[512];
static char	 server[64];		/* "127.0.0.1:port" of dnsmasq */
static int	 silent_fd = -1;	/* a bound UDP socket never read */
static char	 silent[64];
static char	 refused[64];		/* a port nothing listens on */
static pid_t	 stub = -1;		/* answers everything SERVFAIL */
static char	 servfail[64];

static const char *const us[] = { "ca.example.net", NULL };
static const char *const other[] = { "other.example", NULL };
static const char *const both[] = { "other.example", "CA.EXAMPLE.NET", NULL };

/* CAA records served: flags, tag, value (vlen when it holds a NUL). */
static const struct rr {
	const char	*name;
	int		 flags;
	const char	*tag;
	const char	*value;
	size_t		 vlen;
} rrs[] = {
	{ "allow.test", 0, "issuemail", "ca.example.net", 0 },
	{ "upper.test", 0, "IssueMail", "CA.Example.NET", 0 },
	{ "semi.test", 0, "issuemail", ";", 0 },
	{ "semiwsp.test", 0, "issuemail", "  ;  ", 0 },
	{ "tlsonly.test", 0, "issue", "ca.example.net", 0 },
	{ "tlsonly.test", 0, "issuewild", ";", 0 },
	{ "tlsonly.test", 0, "iodef", "mailto:caa@tlsonly.test", 0 },
	{ "tlsonly.test", 0, "contactemail", "caa@tlsonly.test", 0 },
	{ "tlsban.test", 0, "issue", ";", 0 },
	{ "crit.test", 128, "xyz", "whatever", 0 },
	{ "crit.test", 0, "issuemail", "ca.example.net", 0 },
	{ "critflags.test", 0x81, "tbs", "x", 0 },
	{ "critflags.test", 0, "issuemail", "ca.example.net", 0 },
	{ "noncrit.test", 0x7e, "xyz", "whatever", 0 },
	{ "noncrit.test", 0, "zyx", "whatever", 0 },
	{ "crit1.test", 1, "xyz", "whatever", 0 },
	{ "crit1.test", 0, "issuemail", "ca.example.net", 0 },
	{ "noncrit.test", 0, "issuemail", "ca.example.net", 0 },
	{ "critissue.test", 128, "issue", "other.example", 0 },
	{ "critissue.test", 0, "issuemail", "ca.example.net", 0 },
	{ "critmail.test", 128, "ISSUEMAIL", "ca.example.net", 0 },
	{ "parent.test", 0, "issuemail", "ca.example.net", 0 },
	{ "child.parent.test", 0, "issuemail", "other.example", 0 },
	{ "params.test", 0, "issuemail", "ca.example.net; account=123", 0 },
	{ "paramswsp.test", 0, "issuemail",
	  "\t ca.example.net ;account=123 ;  policy=ee-x \t", 0 },
	{ "paramsempty.test", 0, "issuemail", "ca.example.net;", 0 },
	{ "paramsnovalue.test", 0, "issuemail", "ca.example.net; a=", 0 },
	{ "badparam.test", 0, "issuemail", "ca.example.net; account", 0 },
	{ "badparam2.test", 0, "issuemail", "ca.example.net; =123", 0 },
	{ "badparam3.test", 0, "issuemail", "ca.example.net; a=1;", 0 },
	{ "badparam4.test", 0, "issuemail", "ca.example.net; a=1 2", 0 },
	{ "badparam5.test", 0, "issuemail", "ca.example.net; a_b=1", 0 },
	{ "badname.test", 0, "issuemail", "ca..example.net", 0 },
	{ "badname2.test", 0, "issuemail", "ca.example.net.", 0 },
	{ "badname3.test", 0, "issuemail", "ca.example.net x", 0 },
	{ "badname4.test", 0, "issuemail", "-ca.example.net", 0 },
	{ "nul.test", 0, "issuemail", "ca.example.net\0x", 16 },
	{ "mixed.test", 0, "issuemail", "ca.example.net; account", 0 },
	{ "mixed.test", 0, "issuemail", "ca.example.net", 0 },
	{ "multi.test", 0, "issuemail", "other.example", 0 },
	{ "multi.test", 0, "issuemail", "ca.example.net; x=y", 0 },
	{ "evil.test", 0, "issuemail", "x\n\"y\\z\x7f", 0 },
	{ "emptyval.test", 0, "issuemail", "", 0 },
	{ "example.zz", 0, "issuemail", "ca.example.net", 0 },
};

/* The rest of the configuration. */
static const char	 conf_extra[] =
	"local=/test/\n"
	/* A level with a name but no CAA: NODATA rather than NXDOMAIN. */
	"host-record=b.parent.test,127.0.0.2\n"
	/* RFC 8659 section 3: CNAMEs are followed by the resolver. */
	"cname=alias.test,semi.test\n"
	"cname=alias2.test,noname.nocaa.test\n"
	"host-record=noname.nocaa.test,127.0.0.3\n";

/* The check against our dnsmasq, with its account and time shown. */
static enum caa_result
check(const char *domain, const char *const *ids, char *why, size_t whysz)
{
	struct timespec	 t0, t1;
	enum caa_result	 r;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	r = caa_check(domain, ids, server, TIMEOUT_MS, why, whysz);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	print_message("%-26s %-13s %5.1f ms  %s\n", domain,
	    caa_result_names[r], (t1.tv_sec - t0.tv_sec) * 1e3 +
	    (t1.tv_nsec - t0.tv_nsec) / 1e6, why);
	return r;
}

static void
need_dnsmasq(void)
{
	if (dnsmasq_down) {
		print_message("skipped: no dnsmasq: %s\n", down_why);
		skip();
	}
}

/* A DNS query for CAA at `name` into `pkt`; returns its length. */
static size_t
make_query(const char *name, unsigned char *pkt)
{
	const char	*p, *dot;
	size_t		 n = 12;

	memset(pkt, 0, 12);
	pkt[0] = 0x12, pkt[1] = 0x34;	/* ID */
	pkt[2] = 0x01;			/* RD */
	pkt[5] = 1;			/* QDCOUNT */
	for (p = name; *p != '\0'; p = *dot ? dot + 1 : dot) {
		if ((dot = strchr(p, '.')) == NULL)
			dot = p + strlen(p);
		pkt[n++] = (unsigned char)(dot - p);
		memcpy(pkt + n, p, (size_t)(dot - p));
		n += (size_t)(dot - p);
	}
	pkt[n++] = 0;
	pkt[n++] = 1, pkt[n++] = 1;	/* QTYPE 257 */
	pkt[n++] = 0, pkt[n++] = 1;	/* QCLASS IN */
	return n;
}

/* Whether something answers DNS on 127.0.0.1:port within `ms`. */
static int
answers(int port, int ms)
{
	struct sockaddr_in	 sin;
	struct pollfd		 pfd;
	unsigned char		 pkt[512];
	size_t			 n;
	int			 fd, ok = 0;

	if ((fd = socket(AF_INET, SOCK_DGRAM, 0)) == -1)
		return 0;
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_port = htons((uint16_t)port);
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	n = make_query("allow.test", pkt);
	if (sendto(fd, pkt, n, 0, (struct sockaddr *)&sin, sizeof(sin)) ==
	    (ssize_t)n) {
		pfd.fd = fd;
		pfd.events = POLLIN;
		if (poll(&pfd, 1, ms) == 1 &&
		    recv(fd, pkt, sizeof(pkt), 0) > 12)
			ok = 1;
	}
	close(fd);
	return ok;
}

/*
 * A loopback port free for both UDP and TCP, found by binding port 0.
 * With `keep`, the UDP socket stays bound (and is never read) and is
 * returned in *keep. Returns the port, 0 on failure.
 */
static int
free_port(int *keep)
{
	struct sockaddr_in	 sin;
	socklen_t		 len;
	int			 u, t, port, tries;

	for (tries = 0; tries < 20; tries++) {
		memset(&sin, 0, sizeof(sin));
		sin.sin_family = AF_INET;
		sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		if ((u = socket(AF_INET, SOCK_DGRAM, 0)) == -1)
			return 0;
		len = sizeof(sin);
		if (bind(u, (struct sockaddr *)&sin, sizeof(sin)) == -1 ||
		    getsockname(u, (struct sockaddr *)&sin, &len) == -1) {
			close(u);
			return 0;
		}
		port = ntohs(sin.sin_port);
		if ((t = socket(AF_INET, SOCK_STREAM, 0)) == -1) {
			close(u);
			return 0;
		}
		if (bind(t, (struct sockaddr *)&sin, sizeof(sin)) == 0) {
			close(t);
			if (keep != NULL)
				*keep = u;
			else
				close(u);
			return port;
		}
		close(t);
		close(u);
	}
	return 0;
}

/* The stub's way out: exit, so that valgrind sees it end cleanly. */
static void
stub_exit(int sig)
{
	_exit(0);
}

/*
 * A child answering every query on the bound UDP socket `fd` with the
 * question and `rcode`, nothing else. Returns its PID, -1 on failure.
 */
static pid_t
stub_start(int fd, int rcode)
{
	struct sockaddr_storage	 from;
	socklen_t		 fromlen;
	unsigned char		 pkt[512];
	ssize_t			 n;
	size_t			 q;
	pid_t			 pid, parent = getpid();

	if ((pid = fork()) != 0)
		return pid;
	signal(SIGTERM, stub_exit);
	/* Gone with us, even if we end without the teardown. */
	prctl(PR_SET_PDEATHSIG, SIGTERM);
	if (getppid() != parent)
		_exit(0);
	for (;;) {
		fromlen = sizeof(from);
		n = recvfrom(fd, pkt, sizeof(pkt), 0,
		    (struct sockaddr *)&from, &fromlen);
		if (n < 12)
			continue;
		/* The question: a name, its type and class. */
		for (q = 12; q < (size_t)n && pkt[q] != 0; q += pkt[q] + 1)
			;
		if ((q += 5) > (size_t)n)
			continue;
		pkt[2] = 0x80 | (pkt[2] & 0x01);	/* QR, RD as asked */
		pkt[3] = 0x80 | (rcode & 0x0f);		/* RA, RCODE */
		memset(pkt + 6, 0, 6);			/* no records */
		sendto(fd, pkt, q, 0, (struct sockaddr *)&from, fromlen);
	}
}

static volatile sig_atomic_t	 watcher_stop;

static void
watcher_term(int sig)
{
	watcher_stop = 1;
}

/*
 * Runs `argv` (dnsmasq) under a watcher process and returns the
 * watcher's PID, -1 on failure; the program's standard output and error
 * go to `errfile`. dnsmasq started as root changes to the user nobody,
 * which clears a parent-death signal, so the watcher holds one instead:
 * when we end, with the teardown (SIGTERM) or without (a sanitizer's
 * abort), it stops dnsmasq and waits for it. It exits with dnsmasq's
 * status when dnsmasq ends first.
 */
static pid_t
spawn_watched(const char *const argv[], const char *errfile)
{
	struct sigaction	 sa;
	pid_t			 w, d, parent = getpid();
	int			 fd, status;

	if ((w = fork()) != 0)
		return w;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = watcher_term;
	sigaction(SIGTERM, &sa, NULL);
	prctl(PR_SET_PDEATHSIG, SIGTERM);
	if (getppid() != parent)
		_exit(0);
	if ((d = fork()) == -1)
		_exit(126);
	if (d == 0) {
		signal(SIGTERM, SIG_DFL);
		if ((fd = open(errfile, O_WRONLY | O_CREAT | O_TRUNC, 0600)) !=
		    -1) {
			dup2(fd, STDOUT_FILENO);
			dup2(fd, STDERR_FILENO);
		}
		execv(argv[0], (char *const *)argv);
		fprintf(stderr, "exec %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	while (!watcher_stop) {
		if (waitpid(d, &status, WNOHANG) == d)
			_exit(WIFEXITED(status) ? WEXITSTATUS(status) : 125);
		usleep(20000);
	}
	kill(d, SIGTERM);
	waitpid(d, &status, 0);
	_exit(0);
}

static void
path(char *buf, size_t sz, const char *file)
{
	snprintf(buf, sz, "%s/%s", tmpdir, file);
}

/* dnsmasq's configuration: one --dns-rr a CAA record, in hex. */
static int
write_conf(void)
{
	char			 file[256];
	FILE			*f;
	const struct rr		*r;
	size_t			 i, k, vlen;

	path(file, sizeof(file), "dnsmasq.conf");
	if ((f = fopen(file, "w")) == NULL)
		return 0;
	fputs(conf_extra, f);
	for (i = 0; i < NELEM(rrs); i++) {
		r = &rrs[i];
		vlen = r->vlen ? r->vlen : strlen(r->value);
		/* RFC 8659 section 4.1: flags, tag length, tag, value. */
		fprintf(f, "dns-rr=%s,257,%02x%02x", r->name, r->flags,
		    (unsigned)strlen(r->tag));
		for (k = 0; k < strlen(r->tag); k++)
			fprintf(f, "%02x", (unsigned char)r->tag[k]);
		for (k = 0; k < vlen; k++)
			fprintf(f, "%02x", (unsigned char)r->value[k]);
		fputc('\n', f);
	}
	return fclose(f) == 0;
}

/* What dnsmasq said on standard error, for the skip message. */
static void
read_stderr(void)
{
	char	 file[256];
	FILE	*f;
	size_t	 n;

	path(file, sizeof(file), "stderr");
	if ((f = fopen(file, "r")) == NULL)
		return;
	n = fread(down_why, 1, sizeof(down_why) - 1, f);
	down_why[n] = '\0';
	down_why[strcspn(down_why, "\n")] = '\0';
	fclose(f);
}

/*
 * Starts dnsmasq on a free port and waits until it answers, 5 s at most.
 * Returns 1 when it does, 0 when it ended or stayed mute (down_why says
 * why), -1 on a failure of ours.
 */
static int
start_dnsmasq(const char *bin)
{
	char		 conf[300], log[300], err[256], portarg[32];
	const char	*argv[] = {
		NULL, "--keep-in-foreground", conf, portarg,
		"--listen-address=127.0.0.1", "--bind-interfaces",
		"--no-resolv", "--no-hosts", log, "--log-queries",
		"--pid-file=", NULL,
	};
	int		 port, i, status;

	if ((port = free_port(NULL)) == 0)
		return -1;
	snprintf(server, sizeof(server), "127.0.0.1:%d", port);
	path(err, sizeof(err), "stderr");
	snprintf(conf, sizeof(conf), "--conf-file=%s/dnsmasq.conf", tmpdir);
	snprintf(log, sizeof(log), "--log-facility=%s/dnsmasq.log", tmpdir);
	snprintf(portarg, sizeof(portarg), "--port=%d", port);
	argv[0] = bin;
	if ((dnsmasq = spawn_watched(argv, err)) == -1)
		return -1;

	/* It may end at once: its configuration, or the port taken. */
	for (i = 0; i < 50; i++) {
		if (waitpid(dnsmasq, &status, WNOHANG) == dnsmasq) {
			dnsmasq = -1;
			read_stderr();
			if (down_why[0] == '\0')
				snprintf(down_why, sizeof(down_why),
				    "%s ended at start-up", bin);
			return 0;
		}
		if (answers(port, 100))
			return 1;
	}
	kill(dnsmasq, SIGTERM);
	waitpid(dnsmasq, &status, 0);
	dnsmasq = -1;
	snprintf(down_why, sizeof(down_why), "%s did not answer on %s in 5 s",
	    bin, server);
	return 0;
}

static int
group_setup(void **state)
{
	const char	*bin;
	int		 port, fd, tries, up = 0;

	if (mkdtemp(tmpdir) == NULL)
		return -1;
	/* A server that takes the query and never answers. */
	if ((port = free_port(&silent_fd)) == 0)
		return -1;
	snprintf(silent, sizeof(silent), "127.0.0.1:%d", port);
	/* And a port with nothing behind it. */
	if ((port = free_port(NULL)) == 0)
		return -1;
	snprintf(refused, sizeof(refused), "127.0.0.1:%d", port);
	/* And one that answers SERVFAIL to everything. */
	if ((port = free_port(&fd)) == 0)
		return -1;
	snprintf(servfail, sizeof(servfail), "127.0.0.1:%d", port);
	stub = stub_start(fd, 2);
	close(fd);
	if (stub == -1)
		return -1;

	if ((bin = getenv("DNSMASQ")) == NULL)
		bin = "/usr/sbin/dnsmasq";
	if (access(bin, X_OK) == -1) {
		snprintf(down_why, sizeof(down_why), "%s: %s", bin,
		    strerror(errno));
		dnsmasq_down = 1;
		return 0;
	}
	if (!write_conf())
		return -1;
	/* Another program may take the free port first: try again. */
	for (tries = 0; tries < 3 && up == 0; tries++)
		if ((up = start_dnsmasq(bin)) == -1)
			return -1;
	dnsmasq_down = !up;
	return 0;
}

static int
group_teardown(void **state)
{
	static const char *const files[] = {
		"dnsmasq.conf", "dnsmasq.log", "stderr",
	};
	char	 file[256];
	size_t	 i;
	int	 status;

	if (dnsmasq > 0) {
		kill(dnsmasq, SIGTERM);
		waitpid(dnsmasq, &status, 0);
		dnsmasq = -1;
	}
	if (stub > 0) {
		kill(stub, SIGTERM);
		waitpid(stub, &status, 0);
		stub = -1;
	}
	if (silent_fd != -1)
		close(silent_fd);
	for (i = 0; i < NELEM(files); i++) {
		path(file, sizeof(file), files[i]);
		unlink(file);
	}
	rmdir(tmpdir);
	return 0;
}

/* The table: domain, our issuer domain names, outcome, part of the account. */
static void
test_vectors(void **state)
{
	static const struct {
		const char		*domain;
		const char *const	*ids;
		enum caa_result		 want;
		const char		*why;
	} v[] = {
		/* No CAA anywhere: NXDOMAIN up to test, which is NODATA. */
		{ "mail.nocaa.test", us, CAA_ALLOWED,
		  "no CAA records from mail.nocaa.test up to test" },
		{ "nocaa.test", NULL, CAA_ALLOWED, "no CAA records" },
		{ "allow.test", us, CAA_ALLOWED,
		  "issuemail \"ca.example.net\" at allow.test names "
		  "ca.example.net" },
		{ "allow.test", other, CAA_FORBIDDEN,
		  "issuemail \"ca.example.net\" at allow.test does not name "
		  "us" },
		{ "allow.test", both, CAA_ALLOWED, "names CA.EXAMPLE.NET" },
		{ "allow.test", NULL, CAA_FORBIDDEN, "does not name us" },
		{ "allow.test.", us, CAA_ALLOWED, "at allow.test names" },
		{ "MAIL.Allow.TEST", us, CAA_ALLOWED, "at Allow.TEST names" },
		/* Tags and issuer domain names compare without case. */
		{ "upper.test", us, CAA_ALLOWED, "\"CA.Example.NET\"" },
		{ "semi.test", us, CAA_FORBIDDEN,
		  "issuemail \";\" at semi.test does not name us" },
		{ "semiwsp.test", us, CAA_FORBIDDEN, "does not name us" },
		/* RFC 9495 section 4: issue and issuewild say nothing here. */
		{ "tlsonly.test", us, CAA_ALLOWED,
		  "CAA at tlsonly.test has no issuemail property" },
		{ "tlsonly.test", other, CAA_ALLOWED, "no issuemail property" },
		{ "tlsban.test", us, CAA_ALLOWED, "no issuemail property" },
		/* RFC 8659 section 4.1: critical and unknown forbids. */
		{ "crit.test", us, CAA_FORBIDDEN,
		  "critical unknown tag \"xyz\" at crit.test" },
		{ "critflags.test", us, CAA_FORBIDDEN, "\"tbs\"" },
		/* Reserved flags say nothing; bit 1 is taken as critical. */
		{ "noncrit.test", us, CAA_ALLOWED, "names ca.example.net" },
		{ "crit1.test", us, CAA_FORBIDDEN,
		  "critical unknown tag \"xyz\" at crit1.test" },
		{ "critissue.test", us, CAA_ALLOWED, "names ca.example.net" },
		{ "critissue.test", other, CAA_FORBIDDEN, "does not name us" },
		{ "critmail.test", us, CAA_ALLOWED, "names ca.example.net" },
		/* Climbing: NXDOMAIN at a., NODATA at b., found at parent. */
		{ "a.b.parent.test", us, CAA_ALLOWED, "at parent.test names" },
		{ "a.b.parent.test", other, CAA_FORBIDDEN,
		  "at parent.test does not name us" },
		/* The child's RRset overrides its parent's. */
		{ "child.parent.test", us, CAA_FORBIDDEN,
		  "issuemail \"other.example\" at child.parent.test does not" },
		{ "mail.child.parent.test", us, CAA_FORBIDDEN,
		  "at child.parent.test does not name us" },
		{ "child.parent.test", other, CAA_ALLOWED,
		  "names other.example" },
		/* Parameters. */
		{ "params.test", us, CAA_ALLOWED,
		  "\"ca.example.net; account=123\" at params.test names" },
		{ "paramswsp.test", us, CAA_ALLOWED, "names ca.example.net" },
		{ "paramsempty.test", us, CAA_ALLOWED, "names ca.example.net" },
		{ "paramsnovalue.test", us, CAA_ALLOWED,
		  "names ca.example.net" },
		/* RFC 9495 section 4: a malformed value names no one. */
		{ "badparam.test", us, CAA_FORBIDDEN,
		  "\"ca.example.net; account\" (malformed) at badparam.test" },
		{ "badparam2.test", us, CAA_FORBIDDEN, "(malformed)" },
		{ "badparam3.test", us, CAA_FORBIDDEN, "(malformed)" },
		{ "badparam4.test", us, CAA_FORBIDDEN, "(malformed)" },
		{ "badparam5.test", us, CAA_FORBIDDEN, "(malformed)" },
		{ "badname.test", us, CAA_FORBIDDEN, "(malformed)" },
		{ "badname2.test", us, CAA_FORBIDDEN, "(malformed)" },
		{ "badname3.test", us, CAA_FORBIDDEN, "(malformed)" },
		{ "badname4.test", us, CAA_FORBIDDEN, "(malformed)" },
		{ "nul.test", us, CAA_FORBIDDEN,
		  "\"ca.example.net\\x00x\" (malformed)" },
		/* Only the malformed property is disregarded. */
		{ "mixed.test", us, CAA_ALLOWED, "names ca.example.net" },
		{ "multi.test", us, CAA_ALLOWED,
		  "\"ca.example.net; x=y\" at multi.test names" },
		{ "multi.test", other, CAA_ALLOWED, "names other.example" },
		/* A CNAME leads to its target's RRset. */
		{ "alias.test", us, CAA_FORBIDDEN,
		  "issuemail \";\" at alias.test does not name us" },
		/* ... and when the target has none, the climbing goes on. */
		{ "alias2.test", us, CAA_ALLOWED,
		  "no CAA records from alias2.test up to test" },
		/* A failure below the relevant level: do not issue. */
		{ "a.example.zz", us, CAA_LOOKUP_FAILED,
		  "lookup of CAA at a.example.zz failed: REFUSED" },
		/* A failure above it does not matter (zz REFUSEs). */
		{ "example.zz", us, CAA_ALLOWED, "at example.zz names" },
		{ "mail.unknown.zz", us, CAA_LOOKUP_FAILED, "REFUSED" },
	};
	char	 why[CAA_WHY_MAX];
	size_t	 i;

	need_dnsmasq();
	for (i = 0; i < NELEM(v); i++) {
		enum caa_result	 r;

		r = check(v[i].domain, v[i].ids, why, sizeof(why));
		if (r != v[i].want)
			fail_msg("%s: %s, want %s (%s)", v[i].domain,
			    caa_result_names[r], caa_result_names[v[i].want],
			    why);
		if (strstr(why, v[i].why) == NULL)
			fail_msg("%s: account \"%s\" lacks \"%s\"", v[i].domain,
			    why, v[i].why);
	}
}

/* DNS bytes in the account are escaped: it stays one line. */
static void
test_account_escaped(void **state)
{
	char	 why[CAA_WHY_MAX];
	size_t	 i;

	need_dnsmasq();
	assert_int_equal(check("evil.test", us, why, sizeof(why)),
	    CAA_FORBIDDEN);
	assert_non_null(strstr(why, "\"x\\x0a\\\"y\\\\z\\x7f\""));
	for (i = 0; why[i] != '\0'; i++)
		assert_true(why[i] >= 0x20 && why[i] < 0x7f);
}

/*
 * An empty value is "names no one"; c-ares 1.18 refuses the whole reply
 * instead (EBADRESP). Either way: never allowed.
 */
static void
test_empty_value(void **state)
{
	char	 why[CAA_WHY_MAX];

	need_dnsmasq();
	assert_int_not_equal(check("emptyval.test", us, why, sizeof(why)),
	    CAA_ALLOWED);
}

/* The account is cut short to the buffer, or not written at all. */
static void
test_account_size(void **state)
{
	char	 why[8];

	need_dnsmasq();
	memset(why, 'x', sizeof(why));
	assert_int_equal(check("allow.test", us, why, sizeof(why)),
	    CAA_ALLOWED);
	assert_int_equal(strlen(why), sizeof(why) - 1);
	assert_int_equal(caa_check("semi.test", us, server, TIMEOUT_MS, NULL,
	    0), CAA_FORBIDDEN);
	memset(why, 'x', sizeof(why));
	assert_int_equal(caa_check("semi.test", us, server, TIMEOUT_MS, why,
	    0), CAA_FORBIDDEN);
	assert_int_equal(why[0], 'x');
}

/* Names that are not host names are refused before DNS is asked. */
static void
test_bad_domains(void **state)
{
	static const char *const v[] = {
		"", ".", "..", "a..test", ".a.test", "-a.test", "a-.test",
		"a_b.test", "a b.test", "a.test..", "caf\xc3\xa9.test",
		/* A label of 64 octets. */
		"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
		"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.test",
	};
	char	 why[CAA_WHY_MAX], big[300];
	size_t	 i;

	for (i = 0; i < NELEM(v); i++) {
		assert_int_equal(caa_check(v[i], us, refused, 500, why,
		    sizeof(why)), CAA_LOOKUP_FAILED);
		assert_non_null(strstr(why, "not a domain name"));
	}
	assert_int_equal(caa_check(NULL, us, refused, 500, why, sizeof(why)),
	    CAA_LOOKUP_FAILED);
	/* 254 octets: one too many. */
	for (i = 0; i < 254; i++)
		big[i] = (i % 2) ? '.' : 'a';
	big[253] = 'a';
	big[254] = '\0';
	assert_int_equal(caa_check(big, us, refused, 500, why, sizeof(why)),
	    CAA_LOOKUP_FAILED);
	assert_non_null(strstr(why, "not a domain name"));
	/* 253 octets, 127 levels, is a name (refused by the port). */
	big[253] = '\0';
	assert_int_equal(caa_check(big, us, refused, 500, why, sizeof(why)),
	    CAA_LOOKUP_FAILED);
	assert_null(strstr(why, "not a domain name"));
	assert_int_equal(caa_check("a.test", us, "not an address", 500, why,
	    sizeof(why)), CAA_LOOKUP_FAILED);
	assert_non_null(strstr(why, "bad DNS server"));
}

/* A server that never answers: failed, within the timeout. */
static void
test_silent_server(void **state)
{
	struct timespec	 t0, t1;
	char		 why[CAA_WHY_MAX];
	double		 ms;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	assert_int_equal(caa_check("mail.example.com", us, silent, 500, why,
	    sizeof(why)), CAA_LOOKUP_FAILED);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	ms = (t1.tv_sec - t0.tv_sec) * 1e3 + (t1.tv_nsec - t0.tv_nsec) / 1e6;
	print_message("silent server: %.0f ms: %s\n", ms, why);
	assert_non_null(strstr(why,
	    "lookup of CAA at mail.example.com failed: timeout"));
	assert_true(ms >= 400 && ms < 1500);
}

/* A port nothing listens on: failed, at once (ICMP port unreachable). */
static void
test_refused_port(void **state)
{
	struct timespec	 t0, t1;
	char		 why[CAA_WHY_MAX];
	double		 ms;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	assert_int_equal(caa_check("mail.example.com", us, refused, 500, why,
	    sizeof(why)), CAA_LOOKUP_FAILED);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	ms = (t1.tv_sec - t0.tv_sec) * 1e3 + (t1.tv_nsec - t0.tv_nsec) / 1e6;
	print_message("refused port: %.0f ms: %s\n", ms, why);
	assert_non_null(strstr(why,
	    "lookup of CAA at mail.example.com failed"));
	assert_true(ms < 1500);
}

/* SERVFAIL is named as such, and is not retried: at once. */
static void
test_servfail(void **state)
{
	struct timespec	 t0, t1;
	char		 why[CAA_WHY_MAX];
	double		 ms;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	assert_int_equal(caa_check("mail.example.com", us, servfail, 500, why,
	    sizeof(why)), CAA_LOOKUP_FAILED);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	ms = (t1.tv_sec - t0.tv_sec) * 1e3 + (t1.tv_nsec - t0.tv_nsec) / 1e6;
	print_message("SERVFAIL: %.1f ms: %s\n", ms, why);
	assert_string_equal(why,
	    "lookup of CAA at mail.example.com failed: SERVFAIL");
	assert_true(ms < 400);
}

static void
test_names(void **state)
{
	assert_string_equal(caa_result_names[CAA_ALLOWED], "allowed");
	assert_string_equal(caa_result_names[CAA_FORBIDDEN], "forbidden");
	assert_string_equal(caa_result_names[CAA_LOOKUP_FAILED],
	    "lookup-failed");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_vectors),
		cmocka_unit_test(test_account_escaped),
		cmocka_unit_test(test_empty_value),
		cmocka_unit_test(test_account_size),
		cmocka_unit_test(test_bad_domains),
		cmocka_unit_test(test_silent_server),
		cmocka_unit_test(test_refused_port),
		cmocka_unit_test(test_servfail),
	};
	int	 rc;

	rc = cmocka_run_group_tests(tests, group_setup, group_teardown);
	return rc == 0 && dnsmasq_down ? 77 : rc;
}
