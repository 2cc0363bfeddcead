/*
 * smime-admin status: what an administrator would be paged for, one
 * line a check ("ok", or "PROBLEM" and what is wrong), exit status 1 when
 * anything is wrong, for cron, a systemd timer or a monitoring agent:
 *
 *	database	reachable, every migration of the SQL folder applied
 *	outbox		no mail due for longer than --mail-lag (is the mailer
 *			running?), none given up on within --failure-window
 *	crl		SMIME_CRL_DIR/ca.crl signed by the CA, before its
 *			nextUpdate and younger than --crl-age (is the daily
 *			job running?)
 *	ca		the CA certificate valid for --ca-days more
 *	signer		the signer process, started as the activation handler
 *			starts it (signer.c), signs a CRL the CA key verifies
 *	weak keys	the lists load and block keys
 *
 * and smime-admin migrate --check: pending migrations, exit status 1 when
 * there are any. Settings come from the options, else the environment
 * (SMIME_DB, SMIME_SQL_DIR, SMIME_CRL_DIR, SMIME_CA_CERT, SMIME_CA_KEY,
 * SMIME_WEAK_KEYS_DIR), which admin_config() fills from the configuration
 * file the systemd units read too.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <mysql.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "admin.h"
#include "buf.h"
#include "crl.h"
#include "csr.h"
#include "db.h"
#include "log.h"
#include "signer.h"

#ifndef SMIME_DATADIR
#define SMIME_DATADIR	"/usr/local/share/smime-activation"
#endif
#ifndef SMIME_CONFDIR
#define SMIME_CONFDIR	"/usr/local/etc/smime-activation"
#endif
#ifndef SMIME_STATEDIR
#define SMIME_STATEDIR	"/usr/local/var/lib/smime-activation"
#endif
#ifndef SMIME_WEAK_KEYS
#define SMIME_WEAK_KEYS	SMIME_DATADIR "/weak-keys"
#endif

/* ------------------------------------------------------------ config */

/*
 * Reads the configuration file (KEY=VALUE lines, '#' comments, a value
 * in double quotes kept whole: the EnvironmentFile= of the systemd
 * units) into the environment, never over a variable already set.
 * `path` NULL means SMIME_CONFIG, else the installed one; a default file
 * that is missing or unreadable (another user's) is no error.
 */
void
admin_config(const char *path)
{
	FILE	*f;
	char	*line = NULL, *s, *eq, *v;
	size_t	 linesz = 0, len;
	int	 given = path != NULL;

	if (path == NULL && (path = getenv("SMIME_CONFIG")) != NULL)
		given = 1;
	if (path == NULL)
		path = SMIME_CONFDIR "/smime-activation.conf";
	if ((f = fopen(path, "r")) == NULL) {
		if (given)
			log_warn("%s", path);
		return;
	}
	while (getline(&line, &linesz, f) != -1) {
		for (s = line; *s == ' ' || *s == '\t'; s++)
			continue;
		len = strlen(s);
		while (len > 0 && (s[len - 1] == '\n' || s[len - 1] == '\r' ||
		    s[len - 1] == ' ' || s[len - 1] == '\t'))
			s[--len] = '\0';
		if (*s == '#' || (eq = strchr(s, '=')) == NULL)
			continue;
		*eq = '\0';
		v = eq + 1;
		len = strlen(v);
		if (len >= 2 && v[0] == '"' && v[len - 1] == '"') {
			v[len - 1] = '\0';
			v++;
		}
		if (strncmp(s, "SMIME_", 6) == 0)
			setenv(s, v, 0);
	}
	free(line);
	fclose(f);
}

/* ------------------------------------------------------------ checks */

static int	 problems;

static void	 report(int, const char *, const char *, ...)
		    __attribute__((format(printf, 3, 4)));

/* One line of the report: ok, or a problem (counted). */
static void
report(int ok, const char *what, const char *fmt, ...)
{
	va_list	 ap;

	printf("%-7s %s: ", ok ? "ok" : "PROBLEM", what);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	if (!ok)
		problems++;
}

/* Whether a file name is a migration's: NNN_name.sql. */
int
admin_is_migration(const char *name)
{
	size_t	 n = strlen(name);

	return n > 8 && name[0] >= '0' && name[0] <= '9' &&
	    strcmp(name + n - 4, ".sql") == 0;
}

static int
by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static int
is_migration(const struct dirent *d)
{
	return admin_is_migration(d->d_name);
}

/*
 * Migrations of `dir` not recorded in schema_version: their names into
 * `pending` (space-separated), their number into *npending, the applied
 * count into *napplied. Returns 1, or 0 (logged) when the folder or the
 * table cannot be read; a database never migrated has all pending.
 */
static int
pending(MYSQL *my, const char *dir, struct buf *names, int *npending,
    int *napplied)
{
	struct dirent	**list = NULL;
	MYSQL_RES	*res = NULL;
	MYSQL_ROW	 row;
	char		*seen = NULL;
	int		 n, i, v, maxv = 0, rc = 0;
	static const char q[] = "SELECT version FROM schema_version";

	*npending = *napplied = 0;
	if ((n = scandir(dir, &list, is_migration, by_name)) < 0) {
		log_warn("%s", dir);
		return 0;
	}
	for (i = 0; i < n; i++)
		if ((v = atoi(list[i]->d_name)) > maxv)
			maxv = v;
	if ((seen = calloc((size_t)maxv + 1, 1)) == NULL)
		goto out;
	if (mysql_real_query(my, q, sizeof(q) - 1) != 0) {
		/* 1146: no such table, never migrated. */
		if (mysql_errno(my) != 1146) {
			log_warnx("schema_version: %s", mysql_error(my));
			goto out;
		}
	} else if ((res = mysql_store_result(my)) != NULL) {
		while ((row = mysql_fetch_row(res)) != NULL)
			if (row[0] != NULL && (v = atoi(row[0])) >= 0 &&
			    v <= maxv) {
				seen[v] = 1;
				++*napplied;
			}
	}
	for (i = 0; i < n; i++)
		if (!seen[atoi(list[i]->d_name)]) {
			buf_printf(names, "%s%s", *npending ? " " : "",
			    list[i]->d_name);
			++*npending;
		}
	rc = 1;
out:
	if (res != NULL)
		mysql_free_result(res);
	for (i = 0; i < n; i++)
		free(list[i]);
	free(list);
	free(seen);
	return rc;
}

/* smime-admin migrate --check: 0 when up to date, 1 when not. */
int
admin_migrate_check(struct db *db, const char *dir)
{
	struct buf	 names;
	int		 np, na, rc = 1;

	buf_init(&names);
	if (!pending(db_handle(db), dir, &names, &np, &na))
		goto out;
	if (np == 0) {
		printf("schema is up to date (%d migrations applied)\n", na);
		rc = 0;
	} else
		printf("pending: %s\n", names.s);
out:
	buf_free(&names);
	return rc;
}

/* One number (or NULL) of a one-row query; 0 when it failed (logged). */
static int
one_row(MYSQL *my, const char *q, long long *v, int nv)
{
	MYSQL_RES	*res;
	MYSQL_ROW	 row;
	int		 i, rc = 0;

	if (mysql_real_query(my, q, strlen(q)) != 0 ||
	    (res = mysql_store_result(my)) == NULL) {
		log_warnx("%s", mysql_error(my));
		return 0;
	}
	if ((row = mysql_fetch_row(res)) != NULL &&
	    mysql_num_fields(res) >= (unsigned)nv) {
		for (i = 0; i < nv; i++)
			v[i] = row[i] != NULL ? atoll(row[i]) : -1;
		rc = 1;
	}
	mysql_free_result(res);
	return rc;
}

/* A unix time as ISO 8601 UTC into buf; "-" for none (negative). */
static void
fmt_time(long long t, char *buf, size_t bufsz)
{
	time_t		 tt = (time_t)t;
	struct tm	 tm;

	if (t < 0 || gmtime_r(&tt, &tm) == NULL)
		snprintf(buf, bufsz, "-");
	else
		strftime(buf, bufsz, "%Y-%m-%d %H:%M:%SZ", &tm);
}

/*
 * The outbox: mail due for longer than `lag` seconds (the mailer is not
 * delivering) and mail given up on within `window` seconds, the oldest
 * of them shown with its error. The numbers pasted into the queries are
 * ours, never outside text.
 */
static void
check_outbox(MYSQL *my, long long lag, long long window)
{
	char		 q[512], t[32];
	long long	 v[3];
	MYSQL_RES	*res;
	MYSQL_ROW	 row;

	/* Due and not sent: [0] count, [1] oldest due, [2] now. */
	snprintf(q, sizeof(q), "SELECT COUNT(*), UNIX_TIMESTAMP(MIN(due_at)), "
	    "UNIX_TIMESTAMP(NOW()) FROM outbox WHERE sent_at IS NULL AND "
	    "failed_at IS NULL AND due_at <= NOW(6)");
	if (!one_row(my, q, v, 3)) {
		report(0, "outbox", "cannot read the outbox");
		return;
	}
	fmt_time(v[1], t, sizeof(t));
	if (v[0] > 0 && v[2] - v[1] > lag)
		report(0, "outbox", "%lld mails due, the oldest since %s (%lld "
		    "s): is smime-mailer running?", v[0], t, v[2] - v[1]);
	else
		report(1, "outbox", "%lld mails due%s%s", v[0],
		    v[0] > 0 ? ", oldest since " : "", v[0] > 0 ? t : "");
	/* Given up on lately: the oldest of them, with its error. */
	snprintf(q, sizeof(q), "SELECT COUNT(*) OVER (), "
	    "UNIX_TIMESTAMP(failed_at), id, rcpt, COALESCE(last_error, '') "
	    "FROM outbox WHERE failed_at >= NOW(6) - INTERVAL %lld SECOND "
	    "ORDER BY failed_at LIMIT 1", window);
	if (mysql_real_query(my, q, strlen(q)) != 0 ||
	    (res = mysql_store_result(my)) == NULL) {
		log_warnx("%s", mysql_error(my));
		report(0, "outbox failures", "cannot read the outbox");
		return;
	}
	if ((row = mysql_fetch_row(res)) != NULL) {
		fmt_time(atoll(row[1]), t, sizeof(t));
		report(0, "outbox failures", "%s mails given up on in the last "
		    "%lld s; the oldest, %s to %s at %s: %.200s", row[0],
		    window, row[2], row[3], t, row[4]);
	} else
		report(1, "outbox failures", "none in the last %lld s", window);
	mysql_free_result(res);
}

/* The PEM certificate of `path`, freed by the caller; NULL if none. */
static X509 *
read_cert(const char *path)
{
	FILE	*f;
	X509	*x;

	if ((f = fopen(path, "r")) == NULL)
		return NULL;
	x = PEM_read_X509(f, NULL, NULL, NULL);
	fclose(f);
	return x;
}

/* Seconds from now to an ASN.1 time (negative: past), in *secs. */
static int
until(const ASN1_TIME *t, long long *secs)
{
	int	 days, sec;

	if (t == NULL || !ASN1_TIME_diff(&days, &sec, NULL, t))
		return 0;
	*secs = (long long)days * 86400 + sec;
	return 1;
}

/*
 * DIR/ca.crl (DER, or PEM): signed by the CA certificate when there is
 * one, before its nextUpdate, and made less than `maxage` seconds ago.
 */
static void
check_crl(const char *dir, X509 *ca, long long maxage)
{
	char		 path[PATH_MAX];
	FILE		*f;
	X509_CRL	*crl = NULL;
	long long	 next, age;

	if (dir == NULL || *dir == '\0') {
		report(0, "crl", "SMIME_CRL_DIR is not set");
		return;
	}
	snprintf(path, sizeof(path), "%s/ca.crl", dir);
	if ((f = fopen(path, "rb")) == NULL) {
		report(0, "crl", "%s: %s", path, strerror(errno));
		return;
	}
	if ((crl = d2i_X509_CRL_fp(f, NULL)) == NULL) {
		rewind(f);
		crl = PEM_read_X509_CRL(f, NULL, NULL, NULL);
	}
	fclose(f);
	if (crl == NULL) {
		report(0, "crl", "%s: not a CRL", path);
		return;
	}
	if (!until(X509_CRL_get0_nextUpdate(crl), &next) ||
	    !until(X509_CRL_get0_lastUpdate(crl), &age)) {
		report(0, "crl", "%s: no nextUpdate", path);
		goto out;
	}
	age = -age;
	if (ca != NULL && X509_CRL_verify(crl, X509_get0_pubkey(ca)) != 1)
		report(0, "crl", "%s: not signed by the CA certificate", path);
	else if (next <= 0)
		report(0, "crl", "%s: past its nextUpdate by %lld s: relying "
		    "parties reject it; run smime-admin crl", path, -next);
	else if (age > maxage)
		report(0, "crl", "%s: %lld s old (%lld s to nextUpdate): is the "
		    "daily CRL job running?", path, age, next);
	else
		report(1, "crl", "%s: %lld s old, %lld s to nextUpdate", path,
		    age, next);
out:
	X509_CRL_free(crl);
}

/* The CA certificate: valid for `mindays` days more. */
static void
check_ca(const char *path, X509 *ca, long long mindays)
{
	long long	 left;

	if (ca == NULL) {
		report(0, "ca", "%s: no CA certificate", path ? path : "-");
		return;
	}
	if (!until(X509_get0_notAfter(ca), &left))
		report(0, "ca", "%s: no end date", path);
	else if (left <= 0)
		report(0, "ca", "%s: ended %lld days ago", path, -left / 86400);
	else if (left < mindays * 86400)
		report(0, "ca", "%s: ends in %lld days", path, left / 86400);
	else
		report(1, "ca", "%s: ends in %lld days", path, left / 86400);
}

/*
 * The signer as the activation handler runs it: started with the CA key
 * and certificate, asked for an empty CRL of number 0 (never written
 * anywhere), whose signature the CA certificate must verify.
 */
static void
check_signer(const char *key, const char *cert, X509 *ca)
{
	struct signer	 s = { .fd = -1, .pid = -1 };
	struct buf	 req, der, why;
	X509_CRL	*crl = NULL;
	const unsigned char *p;
	long long	 now = (long long)time(NULL);

	if (key == NULL || *key == '\0') {
		report(0, "signer", "SMIME_CA_KEY is not set");
		return;
	}
	if (ca == NULL) {
		report(0, "signer", "no CA certificate to check it with");
		return;
	}
	buf_init(&req);
	buf_init(&der);
	buf_init(&why);
	if (!signer_start(&s, key, cert)) {
		report(0, "signer", "does not start with %s", key);
		goto out;
	}
	if (!crl_request_encode(&req, 0, now, now + 3600, NULL, 0) ||
	    !signer_sign_crl(&s, &req, &der, &why)) {
		report(0, "signer", "does not sign: %s", why.s ? why.s : "?");
		goto out;
	}
	p = (const unsigned char *)der.s;
	if ((crl = d2i_X509_CRL(NULL, &p, (long)der.len)) == NULL ||
	    X509_CRL_verify(crl, X509_get0_pubkey(ca)) != 1)
		report(0, "signer", "its signature does not verify with %s",
		    cert);
	else
		report(1, "signer", "signs with %s", key);
out:
	X509_CRL_free(crl);
	signer_stop(&s);
	buf_free(&req);
	buf_free(&der);
	buf_free(&why);
}

/* The weak-key lists of `dirs`: they load, and block some keys. */
static void
check_weak(const char *dirs)
{
	struct blocklist *bl;
	char		 sum[256];
	size_t		 total = 0;
	int		 t;

	if ((bl = blocklist_load(dirs)) == NULL) {
		report(0, "weak keys", "%s: the lists do not load", dirs);
		return;
	}
	for (t = 0; t < BLOCKLIST__MAX; t++)
		total += blocklist_count(bl, (enum blocklist_type)t);
	blocklist_summary(bl, sum, sizeof(sum));
	if (total == 0)
		report(0, "weak keys", "%s: no key blocked", dirs);
	else
		report(1, "weak keys", "%s", sum);
	blocklist_free(bl);
}

/* An environment variable that is set and not empty, else `dflt`. */
static const char *
env_or(const char *name, const char *dflt)
{
	const char	*v = getenv(name);

	return v != NULL && *v != '\0' ? v : dflt;
}

/*
 * smime-admin status [options]: every check, one line each, then the
 * number of problems. Returns 0 when all are fine, 1 when any is not,
 * 2 on a usage error (the caller prints the usage).
 */
int
admin_status(const char *conninfo, int argc, char *argv[])
{
	static const struct option opts[] = {
		{ "sql", required_argument, NULL, 's' },
		{ "crl-dir", required_argument, NULL, 'r' },
		{ "ca-cert", required_argument, NULL, 'c' },
		{ "ca-key", required_argument, NULL, 'k' },
		{ "weak-keys", required_argument, NULL, 'w' },
		{ "mail-lag", required_argument, NULL, 'l' },
		{ "failure-window", required_argument, NULL, 'f' },
		{ "crl-age", required_argument, NULL, 'a' },
		{ "ca-days", required_argument, NULL, 'd' },
		{ NULL, 0, NULL, 0 }
	};
	const char	*sql = env_or("SMIME_SQL_DIR", SMIME_DATADIR "/sql");
	const char	*crldir = env_or("SMIME_CRL_DIR", SMIME_STATEDIR "/crl");
	const char	*cert = env_or("SMIME_CA_CERT", SMIME_CONFDIR "/ca.pem");
	const char	*key = env_or("SMIME_CA_KEY", NULL);
	const char	*weak = env_or("SMIME_WEAK_KEYS_DIR", SMIME_WEAK_KEYS);
	long long	 lag = 900, window = 86400, crlage = 2 * 86400;
	long long	 cadays = 30;
	struct db	*db;
	struct buf	 names;
	X509		*ca;
	int		 c, np, na;

	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1)
		switch (c) {
		case 's': sql = optarg; break;
		case 'r': crldir = optarg; break;
		case 'c': cert = optarg; break;
		case 'k': key = optarg; break;
		case 'w': weak = optarg; break;
		case 'l': lag = atoll(optarg); break;
		case 'f': window = atoll(optarg); break;
		case 'a': crlage = atoll(optarg); break;
		case 'd': cadays = atoll(optarg); break;
		default: return 2;
		}
	if (optind != argc)
		return 2;
	problems = 0;
	if (conninfo == NULL)
		report(0, "database", "no connection: set SMIME_DB or --db");
	else if ((db = db_open(conninfo)) == NULL)
		report(0, "database", "cannot connect");
	else {
		buf_init(&names);
		if (!pending(db_handle(db), sql, &names, &np, &na))
			report(0, "database", "cannot compare %s with "
			    "schema_version", sql);
		else if (np > 0)
			report(0, "database", "migrations pending: %s (run "
			    "smime-admin migrate)", names.s);
		else
			report(1, "database", "reachable, %d migrations "
			    "applied", na);
		buf_free(&names);
		check_outbox(db_handle(db), lag, window);
		db_close(db);
	}
	ca = read_cert(cert);
	check_ca(cert, ca, cadays);
	check_crl(crldir, ca, crlage);
	check_signer(key, cert, ca);
	check_weak(weak);
	X509_free(ca);
	if (problems > 0)
		printf("%d problem%s\n", problems, problems == 1 ? "" : "s");
	return problems > 0 ? 1 : 0;
}
