/*
 * smime-admin: the administrator's command line.
 *
 *   smime-admin [--config FILE] [--db CONNINFO] COMMAND ...
 *   smime-admin [--db CONNINFO] migrate [--check] [--sql DIR]
 *   smime-admin [--db CONNINFO] status [options]	(admin-status.c)
 *   smime-admin weakkeys [--dir DIRS] show|import FILE...	(admin-weakkeys.c)
 *   smime-admin [--db CONNINFO] account add LOGIN --role ROLE
 *                   [--name NAME] [--partner CODE] [--email ADDRESS]
 *   smime-admin [--db CONNINFO] account set LOGIN [--role ROLE]
 *                   [--name NAME] [--partner CODE | --no-partner]
 *                   [--email ADDRESS | --no-email]
 *   smime-admin [--db CONNINFO] account list [--role ROLE]
 *   smime-admin [--db CONNINFO] account show|disable|enable LOGIN
 *   smime-admin [--db CONNINFO] order add --account LOGIN [--product CODE]
 *   smime-admin [--db CONNINFO] order list [--account LOGIN]
 *                   [--status STATUS] [--limit N]
 *   smime-admin [--db CONNINFO] order show ID|NUMBER
 *   smime-admin ca init --dir DIR [--name NAME] [--rsa] [--crl-url URL]
 *   smime-admin [--db CONNINFO] crl --ca-key KEY --ca-cert CERT --out DIR
 *               [--due] [--watch SECONDS]
 *   smime-admin [--db CONNINFO] expiry [--xslt DIR] [--base-url URL]
 *                   [--brand NAME] [--mail-from ADDRESS] [--lang LANG]
 *                   [--theme THEME] [--mail-from-name NAME]
 *                   [--mail-footer TEXT]
 *   smime-admin [--db CONNINFO] brand set CODE --name NAME [--theme THEME]
 *                   [--lang LANG] [--base-url URL] [--mail-from ADDRESS]
 *                   [--mail-from-name NAME] [--support-url URL]
 *                   [--help-url URL] [--mail-footer TEXT] [--partner CODE]...
 *
 * The connection comes from --db or SMIME_DB (the conninfo of the README);
 * migrations need a user allowed to create and alter tables.
 */
#include "config.h"

#include <dirent.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <mysql.h>
#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <libxml/tree.h>

#include "admin.h"
#include "admin-brand.h"
#include "admin-acme.h"
#include "audit.h"
#include "buf.h"
#include "crl.h"
#include "db.h"
#include "log.h"
#include "mail.h"
#include "page.h"
#include "profile.h"
#include "server.h"
#include "steps.h"

#ifndef SMIME_DATADIR
#define SMIME_DATADIR	"/usr/local/share/smime-activation"
#endif

/* A file's bytes appended to `b`; a failure logged, naming the file. */
static int
load_file(const char *path, struct buf *b)
{
	if (buf_load(b, path))
		return 1;
	log_warn("%s", path);
	return 0;
}

static void __attribute__((noreturn))
usage(void)
{
	fprintf(stderr,
	    "usage: smime-admin [--config FILE] [--db CONNINFO] COMMAND ...\n"
	    "       smime-admin [--db CONNINFO] migrate [--check] [--sql DIR]\n"
	    "       smime-admin [--db CONNINFO] status [--sql DIR] "
	    "[--crl-dir DIR]\n"
	    "                   [--ca-cert CERT] [--ca-key KEY] "
	    "[--weak-keys DIRS]\n"
	    "                   [--mail-lag S] [--failure-window S] "
	    "[--crl-age S] [--ca-days N]\n"
	    "       smime-admin weakkeys [--dir DIRS] show\n"
	    "       smime-admin weakkeys [--dir DIR] import [--type rsa|ec|any] "
	    "FILE...\n"
	    "       smime-admin [--db CONNINFO] account add LOGIN --role "
	    "customer|partner|operator\n"
	    "                   [--name NAME] [--partner CODE] [--email ADDRESS]\n"
	    "       smime-admin [--db CONNINFO] account set LOGIN [--role ROLE] "
	    "[--name NAME]\n"
	    "                   [--partner CODE | --no-partner] "
	    "[--email ADDRESS | --no-email]\n"
	    "       smime-admin [--db CONNINFO] account list [--role ROLE]\n"
	    "       smime-admin [--db CONNINFO] account show|disable|enable "
	    "LOGIN\n"
	    "       smime-admin [--db CONNINFO] partner add CODE --name NAME\n"
	    "       smime-admin [--db CONNINFO] partner list|show CODE\n"
	    "       smime-admin [--db CONNINFO] partner set CODE --name NAME\n"
	    "       smime-admin [--db CONNINFO] order add --account LOGIN "
	    "[--product CODE]\n"
	    "       smime-admin [--db CONNINFO] order list [--account LOGIN] "
	    "[--status STATUS] [--limit N]\n"
	    "       smime-admin [--db CONNINFO] order show ID|NUMBER\n"
	    "       smime-admin ca init --dir DIR [--name NAME] [--rsa] "
	    "[--crl-url URL]\n"
	    "       smime-admin [--db CONNINFO] crl --ca-key KEY --ca-cert CERT "
	    "--out DIR\n"
	    "                   [--due] [--watch SECONDS]\n"
	    "       smime-admin [--db CONNINFO] expiry [--xslt DIR] "
	    "[--base-url URL]\n"
	    "                   [--brand NAME] [--mail-from ADDRESS] "
	    "[--lang LANG]\n"
	    "                   [--theme THEME] [--mail-from-name NAME] "
	    "[--mail-footer TEXT]\n"
	    "       smime-admin [--db CONNINFO] brand set CODE --name NAME "
	    "[--theme THEME]\n"
	    "                   [--lang LANG] [--base-url URL] "
	    "[--mail-from ADDRESS]\n"
	    "                   [--mail-from-name NAME] [--support-url URL]\n"
	    "                   [--help-url URL] [--mail-footer TEXT] "
	    "[--partner CODE]...\n"
	    "       smime-admin [--db CONNINFO] acme eab LOGIN\n");
	exit(2);
}

static int
query(MYSQL *my, const char *sql)
{
	MYSQL_RES	*res;

	if (mysql_real_query(my, sql, strlen(sql)) != 0) {
		log_warnx("%s", mysql_error(my));
		return 0;
	}
	/* Drain every result of a multi-statement script. */
	do {
		if ((res = mysql_store_result(my)) != NULL)
			mysql_free_result(res);
		else if (mysql_field_count(my) != 0) {
			log_warnx("%s", mysql_error(my));
			return 0;
		}
	} while (mysql_next_result(my) == 0);
	if (mysql_errno(my) != 0) {
		log_warnx("%s", mysql_error(my));
		return 0;
	}
	return 1;
}

static int
applied(MYSQL *my, int version)
{
	char		 sql[128];
	MYSQL_RES	*res;
	int		 n;

	snprintf(sql, sizeof(sql),
	    "SELECT 1 FROM schema_version WHERE version = %d", version);
	if (mysql_real_query(my, sql, strlen(sql)) != 0 ||
	    (res = mysql_store_result(my)) == NULL) {
		log_warnx("schema_version: %s", mysql_error(my));
		return -1;
	}
	n = (int)mysql_num_rows(res);
	mysql_free_result(res);
	return n > 0;
}


static int
by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static int
is_migration(const struct dirent *d)
{
	size_t	 n = strlen(d->d_name);

	return n > 8 && d->d_name[0] >= '0' && d->d_name[0] <= '9' &&
	    strcmp(d->d_name + n - 4, ".sql") == 0;
}

/*
 * Applies, in order, every sql/NNN_name.sql not yet recorded in
 * schema_version, recording each. Safe to run again: applied files are
 * skipped.
 */
static int
migrate(struct db *db, const char *dir)
{
	MYSQL		*my = db_handle(db);
	struct dirent	**list = NULL;
	struct buf	 sql, rec;
	char		 path[4096];
	int		 n, i, version, done, rc = 0, count = 0;

	buf_init(&sql);
	buf_init(&rec);
	if (!query(my, "CREATE TABLE IF NOT EXISTS schema_version ("
	    "version INT NOT NULL PRIMARY KEY, name VARCHAR(128) NOT NULL, "
	    "applied_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6)"
	    ") ENGINE=InnoDB"))
		return 0;
	if (mysql_set_server_option(my, MYSQL_OPTION_MULTI_STATEMENTS_ON)) {
		log_warnx("multi statements: %s", mysql_error(my));
		return 0;
	}
	if ((n = scandir(dir, &list, is_migration, by_name)) < 0) {
		log_warn("%s", dir);
		return 0;
	}
	for (i = 0; i < n; i++) {
		version = atoi(list[i]->d_name);
		if ((done = applied(my, version)) < 0)
			goto out;
		if (done)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, list[i]->d_name);
		buf_reset(&sql);
		if (!load_file(path, &sql))
			goto out;
		if (!query(my, sql.s)) {
			log_warnx("%s: migration failed", path);
			goto out;
		}
		buf_reset(&rec);
		/* File names are ours ([0-9]+_[a-z0-9_]+.sql), not input. */
		buf_printf(&rec, "INSERT INTO schema_version (version, name) "
		    "VALUES (%d, '%.100s')", version, list[i]->d_name);
		if (strchr(list[i]->d_name, '\'') != NULL || !query(my, rec.s))
			goto out;
		printf("applied %s\n", list[i]->d_name);
		count++;
	}
	if (count == 0)
		printf("schema is up to date\n");
	rc = 1;
out:
	for (i = 0; i < n; i++)
		free(list[i]);
	free(list);
	buf_free(&sql);
	buf_free(&rec);
	return rc;
}

/* A role the service knows, or 0 (with the message). */
static int
role_ok(const char *role)
{
	if (strcmp(role, "customer") == 0 || strcmp(role, "partner") == 0 ||
	    strcmp(role, "operator") == 0)
		return 1;
	log_warnx("--role %s: customer, partner or operator", role);
	return 0;
}

/* A notification address, or 0 (with the message). */
static int
email_ok(const char *email)
{
	if (strlen(email) > 254 || strchr(email, '@') == NULL ||
	    strpbrk(email, " \t\r\n<>\"") != NULL) {
		log_warnx("--email %s: not a mailbox address", email);
		return 0;
	}
	return 1;
}

/*
 * The id of partner `code` in *id; an unknown code is an error that says
 * how to create it, never a new partner made from a typo.
 */
static int
partner_id(struct db *db, const char *code, long long *id)
{
	struct partner	 p;
	enum dbrc	 rc;

	if ((rc = db_partner_by_code(db, code, &p)) == DB_OK) {
		*id = p.id;
		return 1;
	}
	if (rc == DB_NOTFOUND)
		log_warnx("no partner %s (create it with: smime-admin "
		    "partner add %s --name NAME)", code, code);
	return 0;
}

/*
 * Account `login` into *a; a missing one is an error naming it.
 */
static int
account_find(struct db *db, const char *login, struct account_info *a)
{
	enum dbrc	 rc;

	if ((rc = db_account_info(db, login, a)) == DB_OK)
		return 1;
	if (rc == DB_NOTFOUND)
		log_warnx("no account %s", login);
	return 0;
}

/*
 * smime-admin account add LOGIN --role ROLE [--name] [--partner CODE]
 * [--email]: a new account. An existing login is refused (changes go
 * through `account set`), and so is an unknown partner code.
 */
static int
account_add(struct db *db, int argc, char *argv[])
{
	static const struct option opts[] = {
		{ "role", required_argument, NULL, 'r' },
		{ "name", required_argument, NULL, 'n' },
		{ "partner", required_argument, NULL, 'p' },
		{ "email", required_argument, NULL, 'e' },
		{ NULL, 0, NULL, 0 }
	};
	const char	*login, *role = NULL, *name = "", *partner = NULL;
	const char	*email = NULL;
	long long	 pid = 0;
	enum dbrc	 rc;
	int		 c;

	if (argc < 2 || argv[1][0] == '-')
		usage();
	login = argv[1];
	optind = 2;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1)
		switch (c) {
		case 'r': role = optarg; break;
		case 'n': name = optarg; break;
		case 'p': partner = optarg; break;
		case 'e': email = optarg; break;
		default: usage();
		}
	if (optind != argc)
		usage();
	if (role == NULL) {
		log_warnx("account add: --role is required");
		return 0;
	}
	if (!role_ok(role) || (email != NULL && !email_ok(email)))
		return 0;
	if (strlen(login) == 0 || strlen(login) > 128 ||
	    strpbrk(login, ": \t\r\n") != NULL) {
		log_warnx("login %s: 1 to 128 characters, no colon or space",
		    login);
		return 0;
	}
	if (strlen(name) > 256) {
		log_warnx("--name: at most 256 characters");
		return 0;
	}
	if (!db_begin(db))
		return 0;
	if (partner != NULL && !partner_id(db, partner, &pid))
		goto fail;
	if ((rc = db_account_add(db, login, name, role, pid)) == DB_DUP) {
		log_warnx("account %s exists (change it with: smime-admin "
		    "account set %s ...)", login, login);
		goto fail;
	}
	if (rc != DB_OK ||
	    (email != NULL && db_account_set_email(db, login, email) != DB_OK) ||
	    !audit_add(db, "smime-admin", "admin", "", "account-add", 0,
	    login, role) || !db_commit(db))
		goto fail;
	return 1;
fail:
	db_rollback(db);
	return 0;
}

/*
 * smime-admin account set LOGIN [--name] [--role] [--email ADDRESS]
 * [--no-email] [--partner CODE] [--no-partner]: changes what is named,
 * keeps the rest.
 */
static int
account_set(struct db *db, int argc, char *argv[])
{
	static const struct option opts[] = {
		{ "role", required_argument, NULL, 'r' },
		{ "name", required_argument, NULL, 'n' },
		{ "partner", required_argument, NULL, 'p' },
		{ "no-partner", no_argument, NULL, 'P' },
		{ "email", required_argument, NULL, 'e' },
		{ "no-email", no_argument, NULL, 'E' },
		{ NULL, 0, NULL, 0 }
	};
	const char		*login, *role = NULL, *name = NULL;
	const char		*partner = NULL, *email = NULL;
	struct account_info	 a;
	struct buf		 what;
	int			 c, nopartner = 0, noemail = 0, ok = 0;

	if (argc < 2 || argv[1][0] == '-')
		usage();
	login = argv[1];
	optind = 2;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1)
		switch (c) {
		case 'r': role = optarg; break;
		case 'n': name = optarg; break;
		case 'p': partner = optarg; break;
		case 'P': nopartner = 1; break;
		case 'e': email = optarg; break;
		case 'E': noemail = 1; break;
		default: usage();
		}
	if (optind != argc)
		usage();
	if (role == NULL && name == NULL && partner == NULL && !nopartner &&
	    email == NULL && !noemail) {
		log_warnx("account set %s: nothing to change", login);
		return 0;
	}
	if ((partner != NULL && nopartner) || (email != NULL && noemail)) {
		log_warnx("account set: --partner and --no-partner (or --email "
		    "and --no-email) together");
		return 0;
	}
	if ((role != NULL && !role_ok(role)) ||
	    (email != NULL && !email_ok(email)))
		return 0;
	if (name != NULL && strlen(name) > 256) {
		log_warnx("--name: at most 256 characters");
		return 0;
	}
	buf_init(&what);
	if (!db_begin(db))
		return 0;
	if (!account_find(db, login, &a))
		goto out;
	if (role != NULL)
		snprintf(a.role, sizeof(a.role), "%s", role);
	if (name != NULL)
		snprintf(a.name, sizeof(a.name), "%s", name);
	if (email != NULL)
		snprintf(a.email, sizeof(a.email), "%s", email);
	if (noemail)
		a.email[0] = '\0';
	if (nopartner)
		a.partner_id = 0;
	if (partner != NULL && !partner_id(db, partner, &a.partner_id))
		goto out;
	buf_printf(&what, "role=%s partner=%s email=%s", a.role,
	    nopartner ? "" : partner ? partner : a.partner, a.email);
	if (db_account_update(db, &a) != DB_OK ||
	    !audit_add(db, "smime-admin", "admin", "", "account-set", 0,
	    login, what.s) || !db_commit(db))
		goto out;
	ok = 1;
out:
	if (!ok)
		db_rollback(db);
	buf_free(&what);
	return ok;
}

/*
 * smime-admin account disable|enable LOGIN: a disabled account keeps its
 * data and gets 403 on its next request.
 */
static int
account_able(struct db *db, int argc, char *argv[], int disable)
{
	struct account_info	 a;

	if (argc != 2)
		usage();
	if (!db_begin(db))
		return 0;
	if (!account_find(db, argv[1], &a))
		goto fail;
	if (a.disabled == disable) {
		log_warnx("account %s is %s already", argv[1],
		    disable ? "disabled" : "enabled");
		goto fail;
	}
	if (db_account_set_disabled(db, argv[1], disable) != DB_OK ||
	    !audit_add(db, "smime-admin", "admin", "", disable ?
	    "account-disable" : "account-enable", 0, argv[1], NULL) ||
	    !db_commit(db))
		goto fail;
	return 1;
fail:
	db_rollback(db);
	return 0;
}

static int
print_account(void *arg, const struct account_info *a)
{
	(void)arg;
	printf("%-24s %-9s %-8s %-16s %-32s %s\n", a->login, a->role,
	    a->disabled ? "disabled" : "enabled",
	    a->partner[0] ? a->partner : "-", a->email[0] ? a->email : "-",
	    a->name);
	return 1;
}

/* smime-admin account list [--role ROLE]: one account a line. */
static int
account_list(struct db *db, int argc, char *argv[])
{
	const char	*role = "";

	if (argc == 3 && strcmp(argv[1], "--role") == 0)
		role = argv[2];
	else if (argc != 1)
		usage();
	if (*role != '\0' && !role_ok(role))
		return 0;
	printf("%-24s %-9s %-8s %-16s %-32s %s\n", "LOGIN", "ROLE", "STATE",
	    "PARTNER", "EMAIL", "NAME");
	return db_accounts_all(db, role, print_account, NULL) == DB_OK;
}

/* smime-admin account show LOGIN: every field, one a line. */
static int
account_show(struct db *db, int argc, char *argv[])
{
	struct account_info	 a;

	if (argc != 2)
		usage();
	if (!account_find(db, argv[1], &a))
		return 0;
	printf("login: %s\nname: %s\nrole: %s\nstate: %s\npartner: %s\n"
	    "email: %s\ncreated: %s\norders: %lld\n", a.login, a.name, a.role,
	    a.disabled ? "disabled" : "enabled", a.partner, a.email,
	    a.created, a.orders);
	return 1;
}

/*
 * smime-admin order add --account LOGIN [--product CODE]: prints the new
 * order's id. A missing or disabled account and an unknown product are
 * each named.
 */
static int
order_add(struct db *db, int argc, char *argv[])
{
	static const struct option opts[] = {
		{ "account", required_argument, NULL, 'a' },
		{ "product", required_argument, NULL, 'p' },
		{ NULL, 0, NULL, 0 }
	};
	struct account_info	 a;
	const char		*login = NULL, *product = NULL;
	long long		 id;
	enum dbrc		 rc;
	int			 c;
	char			 ids[24];

	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1)
		switch (c) {
		case 'a': login = optarg; break;
		case 'p': product = optarg; break;
		default: usage();
		}
	if (login == NULL || optind != argc)
		usage();
	if (!db_begin(db))
		return 0;
	if (!account_find(db, login, &a))
		goto fail;
	if (a.disabled) {
		log_warnx("account %s is disabled", login);
		goto fail;
	}
	rc = db_order_add(db, login, product, &id);
	if (rc == DB_NOTFOUND) {
		if (product != NULL)
			log_warnx("no active product %s", product);
		else
			log_warnx("no active product");
		goto fail;
	}
	snprintf(ids, sizeof(ids), "%lld", id);
	if (rc != DB_OK || !audit_add(db, "smime-admin", "admin", "",
	    "order-add", id, login, product) || !db_commit(db))
		goto fail;
	/* Scripts read this line: the new order's id and nothing else. */
	printf("%s\n", ids);
	return 1;
fail:
	db_rollback(db);
	return 0;
}

static int
print_order(void *arg, const struct order *o)
{
	(void)arg;
	printf("%-8lld %-22s %-12s %-10s %-10s %-11s %-24s %s\n", o->id,
	    o->number, order_status_names[o->st.status],
	    step_status_names[o->st.data], step_status_names[o->st.email],
	    step_status_names[o->st.activation], o->customer, o->product);
	return 1;
}

/*
 * smime-admin order list [--account LOGIN] [--status STATUS]
 * [--limit N]: newest first, one order a line.
 */
static int
order_list(struct db *db, int argc, char *argv[])
{
	static const struct option opts[] = {
		{ "account", required_argument, NULL, 'a' },
		{ "status", required_argument, NULL, 's' },
		{ "limit", required_argument, NULL, 'l' },
		{ NULL, 0, NULL, 0 }
	};
	static const char *const statuses[] = { "waiting", "verification",
	    "issued", "revoked", "expired", "rejected" };
	struct account_info	 a;
	const char		*login = "", *status = "";
	long			 limit = 100;
	size_t			 i;
	char			*end;
	int			 c;

	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1)
		switch (c) {
		case 'a': login = optarg; break;
		case 's': status = optarg; break;
		case 'l':
			limit = strtol(optarg, &end, 10);
			if (*end != '\0' || limit < 1 || limit > 100000) {
				log_warnx("--limit %s: 1 to 100000", optarg);
				return 0;
			}
			break;
		default: usage();
		}
	if (optind != argc)
		usage();
	for (i = 0; *status != '\0' && i < sizeof(statuses) /
	    sizeof(statuses[0]); i++)
		if (strcmp(status, statuses[i]) == 0)
			break;
	if (*status != '\0' && i == sizeof(statuses) / sizeof(statuses[0])) {
		log_warnx("--status %s: waiting, verification, issued, revoked,"
		    " expired or rejected", status);
		return 0;
	}
	if (*login != '\0' && !account_find(db, login, &a))
		return 0;
	printf("%-8s %-22s %-12s %-10s %-10s %-11s %-24s %s\n", "ID",
	    "NUMBER", "STATUS", "DATA", "EMAIL", "ACTIVATION", "ACCOUNT",
	    "PRODUCT");
	return db_orders_admin(db, login, status, (int)limit, print_order,
	    NULL) == DB_OK;
}

static int
print_event(void *arg, const struct event *e)
{
	(void)arg;
	printf("event: %s %s\n", e->created, e->type);
	return 1;
}

/*
 * smime-admin order show ID|NUMBER: the order, its certificate and its
 * events.
 */
static int
order_show(struct db *db, int argc, char *argv[])
{
	struct order	 o;
	struct cert	 c;
	struct buf	 der;
	enum dbrc	 rc;
	char		*end;
	long long	 id;
	int		 ok = 0;

	if (argc != 2)
		usage();
	id = strtoll(argv[1], &end, 10);
	rc = *end == '\0' && id > 0 ? db_order_any(db, id, &o) :
	    db_order_by_number(db, argv[1], &o);
	if (rc == DB_NOTFOUND)
		log_warnx("no order %s", argv[1]);
	if (rc != DB_OK)
		return 0;
	printf("id: %lld\nnumber: %s\naccount: %s\nproduct: %s\n"
	    "status: %s\nstep data: %s\nstep email: %s\n"
	    "step activation: %s\ncreated: %s\n", o.id, o.number, o.customer,
	    o.product, order_status_names[o.st.status],
	    step_status_names[o.st.data], step_status_names[o.st.email],
	    step_status_names[o.st.activation], o.created);
	buf_init(&der);
	rc = db_cert_of_order(db, o.id, &c, &der);
	if (rc == DB_OK)
		printf("serial: %s\nsubject: %s\nnot before: %s\n"
		    "not after: %s\nrevoked: %s\n", c.serial, c.subject,
		    c.not_before, c.not_after, c.revoked[0] ? c.revoked : "no");
	if ((rc == DB_OK || rc == DB_NOTFOUND) &&
	    db_events_of_order(db, o.id, 100, print_event, NULL) == DB_OK)
		ok = 1;
	buf_free(&der);
	return ok;
}

/* ----------------------------------------------------------- partners */

/* A partner code: 1 to 32 of [a-z0-9-], as in host and theme names. */
static int
partner_code_ok(const char *code)
{
	size_t	 n = strlen(code);

	if (n == 0 || n > 32 || strspn(code, "abcdefghijklmnopqrstuvwxyz"
	    "0123456789-") != n) {
		log_warnx("partner code %s: 1 to 32 of a-z, 0-9 and -",
		    code);
		return 0;
	}
	return 1;
}

static int
print_partner(void *arg, const struct partner *p, long long customers,
    long long orders)
{
	(void)arg;
	printf("%s\t%s\t%lld customers\t%lld orders\n", p->code, p->name,
	    customers, orders);
	return 1;
}

/*
 * partner add CODE --name NAME | list | show CODE | set CODE --name
 * NAME. Each change in a transaction with its audit row; an unknown or
 * taken code is said as such.
 */
static int
partner_cmd(struct db *db, int argc, char *argv[])
{
	static const struct option opts[] = {
		{ "name", required_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 }
	};
	struct partner	 p;
	const char	*name = NULL, *verb;
	enum dbrc	 rc;
	int		 c;

	if (argc < 2)
		usage();
	verb = argv[1];
	if (strcmp(verb, "list") == 0)
		return argc == 2 && db_partners(db, print_partner, NULL) ==
		    DB_OK;
	if (argc < 3 || !partner_code_ok(argv[2]))
		usage();
	optind = 3;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1)
		switch (c) {
		case 'n': name = optarg; break;
		default: usage();
		}
	if (strcmp(verb, "show") == 0) {
		if ((rc = db_partner_by_code(db, argv[2], &p)) == DB_NOTFOUND)
			log_warnx("no partner %s", argv[2]);
		if (rc != DB_OK)
			return 0;
		printf("code\t%s\nname\t%s\n", p.code, p.name);
		return 1;
	}
	if ((strcmp(verb, "add") != 0 && strcmp(verb, "set") != 0) ||
	    name == NULL)
		usage();
	if (*name == '\0' || strlen(name) > 128) {
		log_warnx("--name: 1 to 128 characters");
		return 0;
	}
	if (!db_begin(db))
		return 0;
	rc = strcmp(verb, "add") == 0 ? db_partner_add(db, argv[2], name) :
	    db_partner_by_code(db, argv[2], &p) == DB_OK ?
	    (strcmp(p.name, name) == 0 ? DB_OK :
	    db_partner_set_name(db, argv[2], name)) : DB_NOTFOUND;
	if (rc == DB_DUP)
		log_warnx("partner %s exists already: partner set changes it",
		    argv[2]);
	else if (rc == DB_NOTFOUND)
		log_warnx("no partner %s: partner add creates it", argv[2]);
	if (rc != DB_OK || !audit_add(db, "smime-admin", "admin", "",
	    strcmp(verb, "add") == 0 ? "partner-add" : "partner-set", 0,
	    argv[2], name) || !db_commit(db)) {
		db_rollback(db);
		return 0;
	}
	return 1;
}

/* ------------------------------------------------------------ ca init */

/*
 * A new key: ECDSA P-384, or RSA 4096 (S/MIME BR 6.1.5: new CA keys from
 * 2026-09-15 are RSA 4096 or ECDSA P-384 and up).
 */
static EVP_PKEY *
ca_key(int rsa)
{
	return rsa ? EVP_PKEY_Q_keygen(NULL, NULL, "RSA", (size_t)4096) :
	    EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-384");
}

static int
add_ext(X509 *x, X509 *issuer, int nid, const char *value)
{
	X509V3_CTX	 v3;
	X509_EXTENSION	*e;
	int		 rc;

	X509V3_set_ctx_nodb(&v3);
	X509V3_set_ctx(&v3, issuer, x, NULL, NULL, 0);
	if ((e = X509V3_EXT_conf_nid(NULL, &v3, nid, value)) == NULL) {
		log_ssl("extension %s=%s", OBJ_nid2sn(nid), value);
		return 0;
	}
	rc = X509_add_ext(x, e, -1);
	X509_EXTENSION_free(e);
	return rc;
}

/* certificatePolicies with the one policy `oid`, no qualifiers. */
static int
add_policy(X509 *x, const char *oid)
{
	CERTIFICATEPOLICIES	*pols;
	POLICYINFO		*pi;
	int			 rc = 0;

	if ((pols = sk_POLICYINFO_new_null()) == NULL)
		return 0;
	if ((pi = POLICYINFO_new()) == NULL ||
	    (pi->policyid = OBJ_txt2obj(oid, 1)) == NULL ||
	    !sk_POLICYINFO_push(pols, pi)) {
		POLICYINFO_free(pi);
		goto out;
	}
	rc = X509_add1_ext_i2d(x, NID_certificate_policies, pols, 0,
	    X509V3_ADD_DEFAULT) == 1;
out:
	CERTIFICATEPOLICIES_free(pols);
	return rc;
}

/*
 * A CA certificate for `key` named `cn`, signed by `ikey` as `issuer`
 * (itself when NULL), valid `days`, with the extensions of a root or of
 * an S/MIME issuing CA (BR 7.1.2.2).
 */
static X509 *
ca_cert(EVP_PKEY *key, const char *org, const char *cn, X509 *issuer,
    EVP_PKEY *ikey, int days, const char *crl)
{
	X509		*x = NULL;
	X509_NAME	*n;
	unsigned char	 serial[16];
	BIGNUM		*bn = NULL;
	char		 dp[600];
	int		 ok = 0;

	if ((x = X509_new()) == NULL || !X509_set_version(x, X509_VERSION_3) ||
	    RAND_bytes(serial, sizeof(serial)) != 1)
		goto out;
	serial[0] &= 0x7f;
	serial[0] |= 0x40;
	if ((bn = BN_bin2bn(serial, sizeof(serial), NULL)) == NULL ||
	    BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(x)) == NULL)
		goto out;
	n = X509_get_subject_name(x);
	if (!X509_NAME_add_entry_by_txt(n, "C", MBSTRING_ASC,
	    (const unsigned char *)"PL", -1, -1, 0) ||
	    !X509_NAME_add_entry_by_txt(n, "O", MBSTRING_UTF8,
	    (const unsigned char *)org, -1, -1, 0) ||
	    !X509_NAME_add_entry_by_txt(n, "CN", MBSTRING_UTF8,
	    (const unsigned char *)cn, -1, -1, 0) ||
	    !X509_set_issuer_name(x, issuer ? X509_get_subject_name(issuer) : n) ||
	    !X509_gmtime_adj(X509_getm_notBefore(x), 0) ||
	    !X509_gmtime_adj(X509_getm_notAfter(x), (long)days * 86400) ||
	    !X509_set_pubkey(x, key))
		goto out;
	if (!add_ext(x, issuer ? issuer : x, NID_basic_constraints,
	    issuer ? "critical,CA:TRUE,pathlen:0" : "critical,CA:TRUE") ||
	    !add_ext(x, issuer ? issuer : x, NID_key_usage,
	    "critical,keyCertSign,cRLSign") ||
	    !add_ext(x, issuer ? issuer : x, NID_subject_key_identifier,
	    "hash"))
		goto out;
	if (issuer != NULL) {
		snprintf(dp, sizeof(dp), "URI:%s", crl);
		if (!add_ext(x, issuer, NID_authority_key_identifier,
		    "keyid:always") ||
		    !add_ext(x, issuer, NID_ext_key_usage, "emailProtection") ||
		    !add_policy(x, "2.23.140.1.5.2.3") ||
		    !add_ext(x, issuer, NID_crl_distribution_points, dp))
			goto out;
	}
	if (X509_sign(x, ikey ? ikey : key,
	    EVP_PKEY_get_base_id(ikey ? ikey : key) == EVP_PKEY_EC ?
	    EVP_sha384() : EVP_sha256()) <= 0)
		goto out;
	ok = 1;
out:
	BN_free(bn);
	if (!ok) {
		log_ssl("CA certificate %s", cn);
		X509_free(x);
		return NULL;
	}
	return x;
}

static int
write_pem(const char *dir, const char *name, X509 *x, EVP_PKEY *k,
    X509 *more)
{
	char	 path[4096];
	FILE	*f;
	int	 fd, ok;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	/* Keys are created 0600 from the start, never widened. */
	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL, k ? 0600 : 0644)) ==
	    -1 || (f = fdopen(fd, "w")) == NULL) {
		log_warn("%s", path);
		return 0;
	}
	ok = k ? PEM_write_PrivateKey(f, k, NULL, NULL, 0, NULL, NULL) :
	    PEM_write_X509(f, x) && (more == NULL || PEM_write_X509(f, more));
	if (fclose(f) != 0 || !ok) {
		log_warn("%s", path);
		return 0;
	}
	return 1;
}

/*
 * smime-admin ca init: a demo hierarchy for ./dev demo and the tests, a
 * root and an issuing CA, in DIR: root.pem, root.key, ca.pem, ca.key
 * (0600) and chain.pem (the issuing CA then the root). Production
 * imports its own CA instead. Refuses to overwrite.
 */
static int
ca_init(int argc, char *argv[])
{
	static const struct option opts[] = {
		{ "dir", required_argument, NULL, 'd' },
		{ "name", required_argument, NULL, 'n' },
		{ "rsa", no_argument, NULL, 'r' },
		{ "crl-url", required_argument, NULL, 'c' },
		{ NULL, 0, NULL, 0 }
	};
	const char	*dir = NULL, *name = "smime-activation Demo";
	const char	*crl = "http://127.0.0.1/crl/root.crl";
	EVP_PKEY	*rk = NULL, *ik = NULL;
	X509		*root = NULL, *ca = NULL;
	char		 cn[300];
	int		 c, rsa = 0, ok = 0;

	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1)
		switch (c) {
		case 'd': dir = optarg; break;
		case 'n': name = optarg; break;
		case 'r': rsa = 1; break;
		case 'c': crl = optarg; break;
		default: usage();
		}
	if (dir == NULL)
		usage();
	snprintf(cn, sizeof(cn), "%s Root CA", name);
	if ((rk = ca_key(rsa)) == NULL || (ik = ca_key(rsa)) == NULL ||
	    (root = ca_cert(rk, name, cn, NULL, NULL, 3650, crl)) == NULL)
		goto out;
	snprintf(cn, sizeof(cn), "%s S/MIME CA", name);
	if ((ca = ca_cert(ik, name, cn, root, rk, 1825, crl)) == NULL)
		goto out;
	ok = write_pem(dir, "root.key", NULL, rk, NULL) &&
	    write_pem(dir, "root.pem", root, NULL, NULL) &&
	    write_pem(dir, "ca.key", NULL, ik, NULL) &&
	    write_pem(dir, "ca.pem", ca, NULL, NULL) &&
	    write_pem(dir, "chain.pem", ca, NULL, root);
	if (ok)
		printf("CA hierarchy written to %s\n", dir);
out:
	EVP_PKEY_free(rk);
	EVP_PKEY_free(ik);
	X509_free(root);
	X509_free(ca);
	return ok;
}

/* ------------------------------------------------------------ crl */

/*
 * Signs and writes one CRL of every revocation committed so far, as
 * DIR/ca.crl with the CA certificate as DIR/ca.cer, in one transaction
 * with its number and its audit row; with `only_due`, only when a
 * revocation made one due (008_crl_due.sql). Returns 1 when written, 0
 * when none was due, -1 on failure (logged).
 */
static int
crl_once(struct db *db, EVP_PKEY *key, X509 *ca, const char *out,
    int only_due)
{
	struct crl_entry *e = NULL;
	size_t		 n = 0;
	X509_CRL	*crl = NULL;
	unsigned char	*der = NULL, *cader = NULL;
	long long	 number, age, now = (long long)time(NULL);
	char		 details[64];
	int		 len, calen, due, rc = -1;

	if (only_due) {
		if (db_crl_due(db, &due, &age) != DB_OK)
			return -1;
		if (!due)
			return 0;
	}
	if (!db_begin(db) || db_crl_next(db, &number) != DB_OK ||
	    db_revoked_entries(db, &e, &n) != DB_OK ||
	    (crl = crl_build(ca, number, now, now + 7 * 86400, e, n)) == NULL ||
	    X509_CRL_sign(crl, key, profile_md(key)) <= 0 ||
	    (len = i2d_X509_CRL(crl, &der)) <= 0 ||
	    (calen = i2d_X509(ca, &cader)) <= 0)
		goto out;
	snprintf(details, sizeof(details), "number=%lld entries=%zu", number,
	    n);
	if (!crl_write_file(out, "ca.crl", der, (size_t)len) ||
	    !crl_write_file(out, "ca.cer", cader, (size_t)calen) ||
	    !audit_add(db, "smime-admin", "admin", "", "crl-signed", 0, "crl",
	    details) || !db_commit(db))
		goto out;
	printf("CRL %lld with %zu entries written to %s/ca.crl\n", number,
	    n, out);
	fflush(stdout);
	rc = 1;
out:
	if (rc < 0) {
		log_ssl("crl");
		db_rollback(db);
	}
	free(e);
	OPENSSL_free(der);
	OPENSSL_free(cader);
	X509_CRL_free(crl);
	return rc;
}

/*
 * smime-admin crl: a fresh CRL (every 7 days at least, S/MIME BR 4.9.7;
 * run it daily from a timer), signed here with the CA key, written
 * atomically as DIR/ca.crl with the CA certificate as DIR/ca.cer.
 * --due: only if a revocation made one due and no CRL lists it yet.
 * --watch SECONDS: keep doing --due every SECONDS (the publisher of last
 * resort: a revocation whose own CRL failed, for whatever reason, is in
 * the next CRL within that time); SIGTERM ends it between rounds.
 */
static int
crl_cmd(struct db *db, int argc, char *argv[])
{
	static const struct option opts[] = {
		{ "ca-key", required_argument, NULL, 'k' },
		{ "ca-cert", required_argument, NULL, 'c' },
		{ "out", required_argument, NULL, 'o' },
		{ "due", no_argument, NULL, 'd' },
		{ "watch", required_argument, NULL, 'w' },
		{ NULL, 0, NULL, 0 }
	};
	const char	*kp = NULL, *cp = NULL, *out = NULL;
	EVP_PKEY	*key = NULL;
	X509		*ca = NULL;
	FILE		*f;
	long		 watch = 0;
	int		 c, r, only_due = 0, ok = 0;

	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1)
		switch (c) {
		case 'k': kp = optarg; break;
		case 'c': cp = optarg; break;
		case 'o': out = optarg; break;
		case 'd': only_due = 1; break;
		case 'w':
			watch = strtol(optarg, NULL, 10);
			if (watch < 1 || watch > 3600)
				usage();
			only_due = 1;
			break;
		default: usage();
		}
	if (kp == NULL || cp == NULL || out == NULL)
		usage();
	if ((f = fopen(kp, "r")) != NULL) {
		key = PEM_read_PrivateKey(f, NULL, NULL, NULL);
		fclose(f);
	}
	if ((f = fopen(cp, "r")) != NULL) {
		ca = PEM_read_X509(f, NULL, NULL, NULL);
		fclose(f);
	}
	if (key == NULL || ca == NULL) {
		log_ssl("CA key %s or certificate %s", kp, cp);
		goto out;
	}
	if (watch == 0) {
		if ((r = crl_once(db, key, ca, out, only_due)) == 0)
			printf("no CRL due\n");
		ok = r >= 0;
		goto out;
	}
	log_info("publishing due CRLs every %lds", watch);
	for (;;) {
		/* A failure is logged; the CRL stays due for the next round. */
		(void)crl_once(db, key, ca, out, 1);
		sleep((unsigned int)watch);
	}
out:
	X509_free(ca);
	EVP_PKEY_free(key);
	return ok;
}

/* ------------------------------------------------------------ expiry */

/* The actor of the audit rows of changes made here. */
static const struct actor admin_actor = { "smime-admin", "admin", "" };

struct expiryrun {
	struct ctx	*ctx;
	int		 expired, notices, failed;
};

/*
 * One order near or past its end: expired ones become "expired" with an
 * event; ones 30 and 7 days ahead get an event and a mail, once each.
 */
static int
expiry_one(void *arg, const struct expiry *e)
{
	struct expiryrun	*x = arg;
	struct ctx		*ctx = x->ctx;
	struct page		*p = NULL;
	long long		 bit;
	enum dbrc		 rc;
	char			 link[600], days[24];
	int			 ok = 0;

	if (!db_begin(ctx->db))
		return 0;
	if (e->seconds <= 0) {
		if (steps_apply(ctx->db, &admin_actor, e->id, EV_EXPIRED, NULL,
		    NULL, e->not_after, NULL) != STEPS_OK)
			goto out;
		x->expired++;
		ok = db_commit(ctx->db);
		goto out;
	}
	bit = e->seconds <= 7 * 86400 ? 2 : 1;
	if (e->notices & bit) {
		db_rollback(ctx->db);
		return 1;
	}
	/* A 7-day notice also stands for a missed 30-day one. Recorded
	 * first: another job that recorded it since the list was read
	 * sends it, this one not. */
	if ((rc = db_expiry_mark(ctx->db, e->id, bit == 2 ? 3 : 1, bit)) ==
	    DB_NOTFOUND) {
		db_rollback(ctx->db);
		return 1;
	}
	if (rc != DB_OK)
		goto out;
	snprintf(link, sizeof(link), "%s/certificates/%lld", ctx->set.base_url,
	    e->id);
	snprintf(days, sizeof(days), "%d", (int)((e->seconds + 86399) / 86400));
	if ((p = page_new("mail-certificate-expiring")) == NULL ||
	    !page_attr(page_add(p->root, "brand", NULL), "name",
	    ctx->set.brand) ||
	    !page_attr(page_add(p->root, "order", NULL), "number", e->number) ||
	    !page_attr(p->root->last, "product", e->product) ||
	    !page_attr(p->root->last, "product-code", e->product_code) ||
	    !page_attr(page_add(p->root, "expiry", NULL), "not-after",
	    e->not_after) || !page_attr(p->root->last, "days", days) ||
	    page_add(p->root, "link", link) == NULL ||
	    db_event_add(ctx->db, e->account_id, e->id,
	    "certificate-expiring") != DB_OK ||
	    !mail_queue(ctx, "certificate-expiring", e->account_id, e->id, p,
	    NULL, 0) || !db_commit(ctx->db))
		goto out;
	x->notices++;
	ok = 1;
out:
	page_free(p);
	if (!ok) {
		db_rollback(ctx->db);
		x->failed++;
	}
	return 1;
}

/*
 * smime-admin expiry: run daily from a timer. Notices 30 and 7 days
 * before a certificate ends (an event and a mail), and the status
 * "expired" once it has.
 */
static int
expiry_cmd(struct db *db, int argc, char *argv[])
{
	static const struct option opts[] = {
		{ "xslt", required_argument, NULL, 'x' },
		{ "base-url", required_argument, NULL, 'u' },
		{ "brand", required_argument, NULL, 'b' },
		{ "mail-from", required_argument, NULL, 'm' },
		{ "lang", required_argument, NULL, 'l' },
		{ "theme", required_argument, NULL, 't' },
		{ "mail-from-name", required_argument, NULL, 'F' },
		{ "mail-footer", required_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 }
	};
	struct ctx		 ctx;
	struct expiryrun	 x;
	int			 c;

	memset(&ctx, 0, sizeof(ctx));
	ctx.db = db;
	ctx.set.xslt = SMIME_DATADIR "/xslt";
	ctx.set.theme = "default";
	ctx.set.lang = "en";
	ctx.set.brand = "S/MIME activation";
	ctx.set.mail_from = "no-reply@localhost";
	ctx.set.base_url = "";
	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1)
		switch (c) {
		case 'x': ctx.set.xslt = optarg; break;
		case 'u': ctx.set.base_url = optarg; break;
		case 'b': ctx.set.brand = optarg; break;
		case 'm': ctx.set.mail_from = optarg; break;
		case 'l': ctx.set.lang = optarg; break;
		case 't': ctx.set.theme = optarg; break;
		case 'F': ctx.set.mail_from_name = optarg; break;
		case 'f': ctx.set.mail_footer = optarg; break;
		default: usage();
		}
	if (!render_init())
		return 0;
	memset(&x, 0, sizeof(x));
	x.ctx = &ctx;
	if (db_expiry_due(db, expiry_one, &x) != DB_OK)
		return 0;
	printf("expired %d, notices %d, failed %d\n", x.expired, x.notices,
	    x.failed);
	render_free();
	return x.failed == 0;
}

int
main(int argc, char *argv[])
{
	const char	*conninfo, *sqldir, *config = NULL;
	struct db	*db;
	int		 ok = 0, check = 0, rc;

	log_init("smime-admin");
	if (argc > 2 && strcmp(argv[1], "--config") == 0) {
		config = argv[2];
		argc -= 2;
		argv += 2;
	}
	admin_config(config);
	conninfo = getenv("SMIME_DB");
	if (argc >= 3 && strcmp(argv[1], "ca") == 0 &&
	    strcmp(argv[2], "init") == 0)
		return ca_init(argc - 2, argv + 2) ? 0 : 1;
	if (argc > 2 && strcmp(argv[1], "--db") == 0) {
		conninfo = argv[2];
		argc -= 2;
		argv += 2;
	}
	if (argc >= 2 && strcmp(argv[1], "weakkeys") == 0) {
		if ((rc = admin_weakkeys(argc - 1, argv + 1)) == 2)
			usage();
		return rc;
	}
	if (argc >= 2 && strcmp(argv[1], "status") == 0) {
		if ((rc = admin_status(conninfo, argc - 1, argv + 1)) == 2)
			usage();
		return rc;
	}
	if (argc < 2 || conninfo == NULL)
		usage();
	argc--;
	argv++;
	if ((db = db_open(conninfo)) == NULL)
		return 1;
	if (strcmp(argv[0], "migrate") == 0) {
		sqldir = getenv("SMIME_SQL_DIR");
		if (argc >= 2 && strcmp(argv[1], "--check") == 0) {
			check = 1;
			argc--;
			argv++;
		}
		if (argc == 3 && strcmp(argv[1], "--sql") == 0)
			sqldir = argv[2];
		else if (argc != 1)
			usage();
		if (sqldir == NULL)
			sqldir = SMIME_DATADIR "/sql";
		if (check) {
			rc = admin_migrate_check(db, sqldir);
			db_close(db);
			return rc;
		}
		ok = migrate(db, sqldir);
	} else if (argc >= 2 && strcmp(argv[0], "account") == 0) {
		if (strcmp(argv[1], "add") == 0)
			ok = account_add(db, argc - 1, argv + 1);
		else if (strcmp(argv[1], "set") == 0)
			ok = account_set(db, argc - 1, argv + 1);
		else if (strcmp(argv[1], "list") == 0)
			ok = account_list(db, argc - 1, argv + 1);
		else if (strcmp(argv[1], "show") == 0)
			ok = account_show(db, argc - 1, argv + 1);
		else if (strcmp(argv[1], "disable") == 0)
			ok = account_able(db, argc - 1, argv + 1, 1);
		else if (strcmp(argv[1], "enable") == 0)
			ok = account_able(db, argc - 1, argv + 1, 0);
		else
			usage();
	} else if (strcmp(argv[0], "partner") == 0)
		ok = partner_cmd(db, argc, argv);
	else if (argc >= 2 && strcmp(argv[0], "order") == 0) {
		if (strcmp(argv[1], "add") == 0)
			ok = order_add(db, argc - 1, argv + 1);
		else if (strcmp(argv[1], "list") == 0)
			ok = order_list(db, argc - 1, argv + 1);
		else if (strcmp(argv[1], "show") == 0)
			ok = order_show(db, argc - 1, argv + 1);
		else
			usage();
	}
	else if (strcmp(argv[0], "crl") == 0)
		ok = crl_cmd(db, argc, argv);
	else if (strcmp(argv[0], "expiry") == 0)
		ok = expiry_cmd(db, argc, argv);
	else if (strcmp(argv[0], "brand") == 0) {
		if ((ok = admin_brand(db, argc, argv)) < 0)
			usage();
	} else if (strcmp(argv[0], "acme") == 0)
		ok = admin_acme(db, argc, argv);
	else
		usage();
	db_close(db);
	return ok ? 0 : 1;
}
