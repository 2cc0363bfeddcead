/*
 * MariaDB access through Connector/C: the connection, the statement
 * table, and typed binding helpers.
 */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <errmsg.h>
#include <mysql.h>
#include <mysqld_error.h>

#include "buf.h"
#include "db.h"
#include "log.h"

#define DB_MAX_BIND	24

const char *const dbrc_names[DB__MAX] = {
	"ok",		/* DB_OK */
	"not found",	/* DB_NOTFOUND */
	"duplicate",	/* DB_DUP */
	"error",	/* DB_ERR */
};

/* The columns every order listing selects, in the order db*.c reads them. */
#define ORDER_COLS \
	"o.id, o.number, p.name, p.code, o.status, o.step_data, " \
	"o.step_email, o.step_activation, o.common_name, " \
	"DATE_FORMAT(o.not_after, '%Y-%m-%dT%H:%i:%sZ'), " \
	"DATE_FORMAT(o.created_at, '%Y-%m-%dT%H:%i:%sZ'), a.login, " \
	"p.validity_days "
/* Orders first: on small tables the optimiser would otherwise start from
 * products and sort through a temporary table. */
#define ORDER_FROM \
	"FROM orders o STRAIGHT_JOIN products p ON p.id = o.product_id " \
	"STRAIGHT_JOIN accounts a ON a.id = o.account_id "
/* What an account may see: its own orders, or its customers' as a
 * partner (the second parameter: the partner's id, or -1 for anyone else). */
#define ORDER_VISIBLE \
	"(o.account_id = ? OR o.partner_id = ?) "

/* The columns of organization data, in the order dborg.c reads them. */
#define ORG_COLS \
	"g.id, g.account_id, a.login, g.name, g.country, g.state, g.locality, " \
	"g.method, IFNULL(g.registry_type, ''), IFNULL(g.registry_number, ''), " \
	"IFNULL(g.org_identifier, ''), g.status, IFNULL(g.reason, ''), " \
	"IFNULL(DATE_FORMAT(g.submitted_at, '%Y-%m-%dT%H:%i:%sZ'), ''), " \
	"IFNULL(DATE_FORMAT(g.decided_at, '%Y-%m-%dT%H:%i:%sZ'), ''), " \
	"IFNULL(g.decided_by, '') "

/* A token with its state and order, in the order dborg.c reads them. */
#define TOKEN_COLS \
	"t.id, t.order_id, t.address, t.used_at IS NOT NULL, " \
	"t.expires_at <= NOW(6), o.number, p.name, " \
	"DATE_FORMAT(t.expires_at, '%Y-%m-%dT%H:%i:%sZ'), o.account_id "

/* An ACME order with its wizard order, in the order dbacme.c reads them. */
#define ACME_ORDER_COLS \
	"c.id, c.acme_account_id, c.order_id, c.mailbox, c.token1, c.token2, " \
	"c.chall_status, IFNULL(c.chall_error, ''), " \
	"IFNULL(DATE_FORMAT(c.validated_at, '%Y-%m-%dT%H:%i:%sZ'), ''), " \
	"DATE_FORMAT(c.expires_at, '%Y-%m-%dT%H:%i:%sZ'), " \
	"c.expires_at <= NOW(6), o.step_email, o.step_activation, o.status, " \
	"o.act_csr IS NOT NULL " \
	"FROM acme_orders c JOIN orders o ON o.id = c.order_id "

static const struct {
	const char	*name;
	const char	*sql;
} stmts[STMT__MAX] = {
	{ "account_by_login",	/* STMT_ACCOUNT_BY_LOGIN */
	  "SELECT id, role, name, IFNULL(partner_id, 0), rev FROM accounts "
	  "WHERE login = ? AND disabled = 0" },
	{ "account_insert",	/* STMT_ACCOUNT_INSERT */
	  "INSERT INTO accounts (login, name, role, partner_id) "
	  "VALUES (?, ?, ?, ?)" },
	{ "account_set_role",	/* STMT_ACCOUNT_SET_ROLE */
	  "UPDATE accounts SET name = ?, role = ?, partner_id = ? "
	  "WHERE login = ?" },
	{ "partner_by_code",	/* STMT_PARTNER_BY_CODE */
	  "SELECT id FROM partners WHERE code = ?" },
	{ "partner_insert",	/* STMT_PARTNER_INSERT */
	  "INSERT INTO partners (code, name) VALUES (?, ?)" },
	{ "product_by_code",	/* STMT_PRODUCT_BY_CODE */
	  "SELECT id FROM products WHERE code = ? AND active = 1" },
	{ "product_first",	/* STMT_PRODUCT_FIRST */
	  "SELECT id FROM products WHERE active = 1 ORDER BY id LIMIT 1" },
	{ "order_insert",	/* STMT_ORDER_INSERT */
	  "INSERT INTO orders (number, product_id, account_id, partner_id) "
	  "VALUES (CONCAT('ORDER/', LPAD(NEXTVAL(order_number), 10, '0'), "
	  "'/dk'), ?, ?, ?)" },
	{ "orders_visible",	/* STMT_ORDERS_VISIBLE */
	  "SELECT " ORDER_COLS ORDER_FROM "WHERE " ORDER_VISIBLE
	  "ORDER BY o.id DESC LIMIT ?" },
	{ "orders_by_status",	/* STMT_ORDERS_BY_STATUS */
	  "SELECT " ORDER_COLS ORDER_FROM "WHERE " ORDER_VISIBLE
	  "AND o.status = ? ORDER BY o.id DESC LIMIT ?" },
	{ "orders_search",	/* STMT_ORDERS_SEARCH */
	  "SELECT " ORDER_COLS ORDER_FROM "WHERE " ORDER_VISIBLE
	  "AND (o.number = ? OR o.serial = ? OR o.common_name LIKE ? "
	  "OR o.email LIKE ?) ORDER BY o.id DESC LIMIT ?" },
	{ "order_visible",	/* STMT_ORDER_VISIBLE */
	  "SELECT " ORDER_COLS ORDER_FROM "WHERE o.id = ? AND " ORDER_VISIBLE },
	{ "events_visible",	/* STMT_EVENTS_VISIBLE */
	  "SELECT e.type, DATE_FORMAT(e.created_at, '%Y-%m-%dT%H:%i:%sZ'), "
	  "IFNULL(e.order_id, 0), IFNULL(o.number, ''), IFNULL(p.name, '') "
	  "FROM events e LEFT JOIN orders o ON o.id = e.order_id "
	  "LEFT JOIN products p ON p.id = o.product_id "
	  "WHERE e.account_id = ? ORDER BY e.id DESC LIMIT ?" },
	{ "events_of_order",	/* STMT_EVENTS_OF_ORDER */
	  "SELECT e.type, DATE_FORMAT(e.created_at, '%Y-%m-%dT%H:%i:%sZ'), "
	  "e.order_id, o.number, p.name "
	  "FROM events e JOIN orders o ON o.id = e.order_id "
	  "JOIN products p ON p.id = o.product_id "
	  "WHERE e.order_id = ? ORDER BY e.id DESC LIMIT ?" },
	{ "event_insert",	/* STMT_EVENT_INSERT */
	  "INSERT INTO events (account_id, order_id, type) VALUES (?, ?, ?)" },
	{ "audit_insert",	/* STMT_AUDIT_INSERT */
	  "INSERT INTO audit (actor, role, remote_addr, action, order_id, "
	  "object, details) VALUES (?, ?, ?, ?, ?, ?, ?)" },
	{ "org_insert",		/* STMT_ORG_INSERT */
	  "INSERT INTO organizations (account_id, name, country, state, "
	  "locality, method, registry_type, registry_number, org_identifier) "
	  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)" },
	{ "org_get",		/* STMT_ORG_GET */
	  "SELECT " ORG_COLS "FROM organizations g "
	  "JOIN accounts a ON a.id = g.account_id WHERE g.id = ?" },
	{ "orgs_reusable",	/* STMT_ORGS_REUSABLE */
	  "SELECT " ORG_COLS "FROM organizations g "
	  "JOIN accounts a ON a.id = g.account_id WHERE g.account_id = ? AND "
	  "g.status = 'verified' AND g.decided_at > NOW() - INTERVAL 825 DAY "
	  "ORDER BY g.id DESC LIMIT 20" },
	{ "org_submit",		/* STMT_ORG_SUBMIT */
	  "UPDATE organizations SET status = 'submitted', "
	  "submitted_at = NOW(6) WHERE id = ? AND status = 'draft'" },
	{ "org_decide",		/* STMT_ORG_DECIDE */
	  "UPDATE organizations SET status = ?, reason = ?, "
	  "decided_at = NOW(6), decided_by = ? "
	  "WHERE id = ? AND status = 'submitted'" },
	{ "org_queue",		/* STMT_ORG_QUEUE */
	  "SELECT " ORG_COLS "FROM organizations g "
	  "JOIN accounts a ON a.id = g.account_id WHERE g.status = 'submitted' "
	  "ORDER BY g.submitted_at, g.id LIMIT ?" },
	{ "order_lock",		/* STMT_ORDER_LOCK */
	  "SELECT step_data, step_email, step_activation, status, "
	  "IFNULL(organization_id, 0), account_id, IFNULL(email_draft, ''), "
	  "IFNULL(email, ''), IFNULL(DATE_FORMAT(email_validated_at, "
	  "'%Y-%m-%dT%H:%i:%sZ'), '') FROM orders WHERE id = ? FOR UPDATE" },
	{ "order_set_org",	/* STMT_ORDER_SET_ORG */
	  "UPDATE orders SET organization_id = ? WHERE id = ?" },
	{ "order_set_steps",	/* STMT_ORDER_SET_STEPS */
	  "UPDATE orders SET status = ?, step_data = ?, step_email = ?, "
	  "step_activation = ? WHERE id = ?" },
	{ "orders_of_org",	/* STMT_ORDERS_OF_ORG */
	  "SELECT " ORDER_COLS ORDER_FROM "WHERE o.organization_id = ? "
	  "ORDER BY o.id" },
	{ "doc_insert",		/* STMT_DOC_INSERT */
	  "INSERT INTO documents (organization_id, account_id, filename, type, "
	  "size, sha256, data) VALUES (?, ?, ?, ?, ?, ?, ?)" },
	{ "docs_of_org",	/* STMT_DOCS_OF_ORG */
	  "SELECT id, filename, type, size, sha256, "
	  "DATE_FORMAT(created_at, '%Y-%m-%dT%H:%i:%sZ') FROM documents "
	  "WHERE organization_id = ? ORDER BY id" },
	{ "doc_get",		/* STMT_DOC_GET */
	  "SELECT organization_id, filename, type, data FROM documents "
	  "WHERE id = ?" },
	{ "outbox_insert",	/* STMT_OUTBOX_INSERT */
	  "INSERT INTO outbox (kind, order_id, mail_from, rcpt, message) "
	  "VALUES (?, ?, ?, ?, ?)" },
	{ "account_email",	/* STMT_ACCOUNT_EMAIL */
	  "SELECT IFNULL(email, ''), name FROM accounts WHERE id = ?" },
	{ "account_set_email",	/* STMT_ACCOUNT_SET_EMAIL */
	  "UPDATE accounts SET email = ? WHERE login = ?" },
	{ "outbox_due",		/* STMT_OUTBOX_DUE */
	  /* Locked for the delivery; other mailers skip it meanwhile. */
	  "SELECT id, mail_from, rcpt, message, attempts, "
	  "TIMESTAMPDIFF(SECOND, created_at, NOW(6)) FROM outbox "
	  "WHERE sent_at IS NULL AND failed_at IS NULL AND due_at <= NOW(6) "
	  "ORDER BY due_at, id LIMIT 1 FOR UPDATE SKIP LOCKED" },
	{ "outbox_sent",	/* STMT_OUTBOX_SENT */
	  "UPDATE outbox SET sent_at = NOW(6), attempts = attempts + 1 "
	  "WHERE id = ? AND sent_at IS NULL" },
	{ "outbox_retry",	/* STMT_OUTBOX_RETRY */
	  "UPDATE outbox SET attempts = attempts + 1, last_error = ?, "
	  "due_at = NOW(6) + INTERVAL ? SECOND WHERE id = ?" },
	{ "outbox_fail",	/* STMT_OUTBOX_FAIL */
	  "UPDATE outbox SET attempts = attempts + 1, last_error = ?, "
	  "failed_at = NOW(6) WHERE id = ?" },
	{ "order_set_email_draft", /* STMT_ORDER_SET_EMAIL_DRAFT */
	  "UPDATE orders SET email_draft = ? WHERE id = ?" },
	{ "order_email_verified", /* STMT_ORDER_EMAIL_VERIFIED */
	  "UPDATE orders SET email = ?, email_validated_at = NOW(6) "
	  "WHERE id = ?" },
	{ "token_insert",	/* STMT_TOKEN_INSERT */
	  "INSERT INTO email_tokens (order_id, address, token_sha256, "
	  "expires_at) VALUES (?, ?, ?, NOW(6) + INTERVAL 24 HOUR)" },
	{ "token_counts",	/* STMT_TOKEN_COUNTS */
	  "SELECT IFNULL(SUM(created_at > NOW(6) - INTERVAL 1 MINUTE), 0), "
	  "IFNULL(SUM(created_at > NOW(6) - INTERVAL 1 DAY), 0) "
	  "FROM email_tokens WHERE order_id = ?" },
	{ "token_latest",	/* STMT_TOKEN_LATEST */
	  "SELECT DATE_FORMAT(created_at, '%Y-%m-%dT%H:%i:%sZ'), "
	  "DATE_FORMAT(expires_at, '%Y-%m-%dT%H:%i:%sZ') FROM email_tokens "
	  "WHERE order_id = ? ORDER BY id DESC LIMIT 1" },
	{ "token_get",		/* STMT_TOKEN_GET */
	  "SELECT " TOKEN_COLS "FROM email_tokens t "
	  "JOIN orders o ON o.id = t.order_id "
	  "JOIN products p ON p.id = o.product_id WHERE t.token_sha256 = ?" },
	{ "token_lock",		/* STMT_TOKEN_LOCK */
	  "SELECT " TOKEN_COLS "FROM email_tokens t "
	  "JOIN orders o ON o.id = t.order_id "
	  "JOIN products p ON p.id = o.product_id WHERE t.token_sha256 = ? "
	  "FOR UPDATE" },
	{ "token_use",		/* STMT_TOKEN_USE */
	  "UPDATE email_tokens SET used_at = NOW(6), used_from = ? "
	  "WHERE id = ? AND used_at IS NULL" },
	{ "order_act_get",	/* STMT_ORDER_ACT_GET */
	  "SELECT IFNULL(act_cn, ''), IFNULL(act_include, ''), "
	  "IFNULL(act_method, ''), IFNULL(act_key, ''), "
	  "IFNULL(organization_id, 0), IFNULL(email, ''), "
	  "IFNULL(TIMESTAMPDIFF(DAY, email_validated_at, NOW(6)), -1), act_csr "
	  "FROM orders WHERE id = ?" },
	{ "order_act_fields",	/* STMT_ORDER_ACT_FIELDS */
	  "UPDATE orders SET act_cn = ?, act_include = ? WHERE id = ?" },
	{ "order_act_method",	/* STMT_ORDER_ACT_METHOD */
	  "UPDATE orders SET act_method = ?, act_key = ? WHERE id = ?" },
	{ "order_act_csr",	/* STMT_ORDER_ACT_CSR */
	  "UPDATE orders SET act_csr = ? WHERE id = ?" },
	{ "key_seen",		/* STMT_KEY_SEEN */
	  "SELECT (SELECT COUNT(*) FROM certificates WHERE spki_sha256 = ?), "
	  "(SELECT COUNT(*) FROM blocked_keys WHERE spki_sha256 = ?)" },
	{ "cert_insert",	/* STMT_CERT_INSERT */
	  "INSERT INTO certificates (order_id, serial, fingerprint, "
	  "spki_sha256, subject, key_desc, der, not_before, not_after) "
	  "VALUES (?, ?, ?, ?, ?, ?, ?, FROM_UNIXTIME(?), FROM_UNIXTIME(?))" },
	{ "order_issued",	/* STMT_ORDER_ISSUED */
	  "UPDATE orders SET "
	  "serial = ?, common_name = ?, not_after = FROM_UNIXTIME(?) "
	  "WHERE id = ?" },
	{ "cert_of_order",	/* STMT_CERT_OF_ORDER */
	  "SELECT serial, fingerprint, subject, key_desc, "
	  "DATE_FORMAT(not_before, '%Y-%m-%dT%H:%i:%sZ'), "
	  "DATE_FORMAT(not_after, '%Y-%m-%dT%H:%i:%sZ'), "
	  "IFNULL(DATE_FORMAT(revoked_at, '%Y-%m-%dT%H:%i:%sZ'), ''), der "
	  "FROM certificates WHERE order_id = ?" },
	{ "cert_lock",		/* STMT_CERT_LOCK */
	  "SELECT serial, spki_sha256, revoked_at IS NOT NULL FROM certificates "
	  "WHERE order_id = ? FOR UPDATE" },
	{ "cert_revoke",	/* STMT_CERT_REVOKE */
	  "UPDATE certificates SET revoked_at = NOW(6), revocation_reason = ?, "
	  "revoked_by = ?, revocation_comment = ? "
	  "WHERE order_id = ? AND revoked_at IS NULL" },
	{ "key_block",		/* STMT_KEY_BLOCK */
	  "INSERT IGNORE INTO blocked_keys (spki_sha256, reason) VALUES (?, ?)" },
	{ "crl_next_lock",	/* STMT_CRL_NEXT_LOCK */
	  "SELECT number + 1 FROM crl_state WHERE id = 1 FOR UPDATE" },
	{ "crl_next_set",	/* STMT_CRL_NEXT_SET */
	  "UPDATE crl_state SET number = ?, this_update = NOW(6) WHERE id = 1" },
	{ "revoked_all",	/* STMT_REVOKED_ALL */
	  "SELECT serial, UNIX_TIMESTAMP(revoked_at), revocation_reason "
	  "FROM certificates WHERE revoked_at IS NOT NULL ORDER BY id" },
	{ "order_any",		/* STMT_ORDER_ANY */
	  "SELECT " ORDER_COLS ORDER_FROM "WHERE o.id = ?" },
	{ "audit_of_order",	/* STMT_AUDIT_OF_ORDER */
	  "SELECT id, DATE_FORMAT(at, '%Y-%m-%dT%H:%i:%s.%fZ'), actor, role, "
	  "remote_addr, action, IFNULL(object, ''), IFNULL(details, '') "
	  "FROM audit WHERE order_id = ? ORDER BY id" },
	{ "expiry_due",		/* STMT_EXPIRY_DUE */
	  "SELECT o.id, o.account_id, o.number, p.name, "
	  "DATE_FORMAT(o.not_after, '%Y-%m-%dT%H:%i:%sZ'), o.expiry_notices, "
	  "TIMESTAMPDIFF(SECOND, NOW(), o.not_after) FROM orders o "
	  "JOIN products p ON p.id = o.product_id WHERE o.status = 'issued' "
	  "AND o.not_after <= NOW() + INTERVAL 30 DAY ORDER BY o.id" },
	{ "expiry_mark",	/* STMT_EXPIRY_MARK */
	  "UPDATE orders SET expiry_notices = expiry_notices | ? WHERE id = ?" },
	{ "acme_nonce_insert",	/* STMT_ACME_NONCE_INSERT */
	  "INSERT INTO acme_nonces (nonce) VALUES (?)" },
	{ "acme_nonce_take",	/* STMT_ACME_NONCE_TAKE */
	  "DELETE FROM acme_nonces WHERE nonce = ? "
	  "AND created_at > NOW(6) - INTERVAL ? SECOND" },
	{ "acme_nonce_prune",	/* STMT_ACME_NONCE_PRUNE */
	  "DELETE FROM acme_nonces WHERE created_at <= NOW(6) - INTERVAL ? "
	  "SECOND LIMIT 100" },
	{ "acme_eab_insert",	/* STMT_ACME_EAB_INSERT */
	  "INSERT INTO acme_eab (kid, mac_key, account_id) VALUES (?, ?, ?)" },
	{ "acme_eab_get",	/* STMT_ACME_EAB_GET */
	  "SELECT id, account_id, used_at IS NOT NULL, mac_key FROM acme_eab "
	  "WHERE kid = ?" },
	{ "acme_eab_use",	/* STMT_ACME_EAB_USE */
	  "UPDATE acme_eab SET used_at = NOW(6) WHERE id = ? "
	  "AND used_at IS NULL" },
	{ "acme_acct_insert",	/* STMT_ACME_ACCT_INSERT */
	  "INSERT INTO acme_accounts (thumbprint, jwk, eab_id, account_id, "
	  "contact) VALUES (?, ?, ?, ?, ?)" },
	{ "acme_acct_by_thumb",	/* STMT_ACME_ACCT_BY_THUMB */
	  "SELECT id FROM acme_accounts WHERE thumbprint = ?" },
	{ "acme_acct_get",	/* STMT_ACME_ACCT_GET */
	  "SELECT c.id, c.account_id, c.thumbprint, c.status, c.contact, "
	  "DATE_FORMAT(c.created_at, '%Y-%m-%dT%H:%i:%sZ'), a.disabled, c.jwk, "
	  "a.login FROM acme_accounts c JOIN accounts a ON a.id = c.account_id "
	  "WHERE c.id = ?" },
	{ "acme_acct_set_contact",	/* STMT_ACME_ACCT_SET_CONTACT */
	  "UPDATE acme_accounts SET contact = ? WHERE id = ?" },
	{ "acme_acct_set_status",	/* STMT_ACME_ACCT_SET_STATUS */
	  "UPDATE acme_accounts SET status = ? WHERE id = ?" },
	{ "acme_acct_set_key",	/* STMT_ACME_ACCT_SET_KEY */
	  "UPDATE acme_accounts SET thumbprint = ?, jwk = ? WHERE id = ?" },
	{ "acme_order_insert",	/* STMT_ACME_ORDER_INSERT */
	  "INSERT INTO acme_orders (acme_account_id, order_id, mailbox, token1, "
	  "token2, expires_at) VALUES (?, ?, ?, ?, ?, NOW(6) + INTERVAL ? "
	  "SECOND)" },
	{ "acme_order_get",	/* STMT_ACME_ORDER_GET */
	  "SELECT " ACME_ORDER_COLS "WHERE c.id = ?" },
	{ "acme_order_by_token",	/* STMT_ACME_ORDER_BY_TOKEN */
	  "SELECT " ACME_ORDER_COLS "WHERE c.token1 = ?" },
	{ "acme_order_chall",	/* STMT_ACME_ORDER_CHALL */
	  "UPDATE acme_orders SET chall_status = ?, chall_error = ?, "
	  "validated_at = IF(? = 'valid', NOW(6), validated_at) WHERE id = ?" },
	{ "acme_order_counts",	/* STMT_ACME_ORDER_COUNTS */
	  "SELECT (SELECT COUNT(*) FROM acme_orders WHERE acme_account_id = ? "
	  "AND created_at > NOW(6) - INTERVAL 1 HOUR), "
	  "(SELECT COUNT(*) FROM acme_orders WHERE mailbox = ? "
	  "AND created_at > NOW(6) - INTERVAL 1 DAY)" },
	{ "acme_reply_insert",	/* STMT_ACME_REPLY_INSERT */
	  "INSERT INTO acme_replies (acme_order_id, sha256, dkim, verdict, "
	  "message) VALUES (NULLIF(?, 0), ?, ?, ?, ?)" },
	{ "acme_eab_of_account",	/* STMT_ACME_EAB_OF_ACCOUNT */
	  "SELECT e.kid, DATE_FORMAT(e.created_at, '%Y-%m-%dT%H:%i:%sZ'), "
	  "IFNULL(DATE_FORMAT(e.used_at, '%Y-%m-%dT%H:%i:%sZ'), ''), "
	  "IFNULL(c.id, ''), IFNULL(c.status, '') FROM acme_eab e "
	  "LEFT JOIN acme_accounts c ON c.eab_id = e.id "
	  "WHERE e.account_id = ? ORDER BY e.id DESC LIMIT 100" },
	{ "acme_accts_all",	/* STMT_ACME_ACCTS_ALL */
	  "SELECT c.id, a.login, c.status, c.thumbprint, c.contact, "
	  "DATE_FORMAT(c.created_at, '%Y-%m-%dT%H:%i:%sZ'), "
	  "(SELECT COUNT(*) FROM acme_orders x WHERE x.acme_account_id = c.id) "
	  "FROM acme_accounts c JOIN accounts a ON a.id = c.account_id "
	  "WHERE ? = 0 OR c.id = ? ORDER BY c.id DESC LIMIT 200" },
	{ "acme_orders_all",	/* STMT_ACME_ORDERS_ALL */
	  "SELECT x.id, x.acme_account_id, x.mailbox, x.chall_status, "
	  "IFNULL(x.chall_error, ''), o.id, o.number, o.status, "
	  "DATE_FORMAT(x.created_at, '%Y-%m-%dT%H:%i:%sZ') "
	  "FROM acme_orders x JOIN orders o ON o.id = x.order_id "
	  "WHERE ? = 0 OR x.acme_account_id = ? ORDER BY x.id DESC LIMIT 200" },
};


/* What a statement's result binding needs while rows are fetched. */
struct slot {
	MYSQL_STMT	*st;
	int		 ncols;
	char		 types[DB_MAX_BIND];
	void		*dst[DB_MAX_BIND];
	size_t		 cap[DB_MAX_BIND];
	unsigned long	 len[DB_MAX_BIND];
	my_bool		 isnull[DB_MAX_BIND];
	long long	 ival[DB_MAX_BIND];
};

struct db {
	MYSQL		*my;
	char		*conninfo;
	char		*socket, *host, *database, *user, *password;
	unsigned int	 port;
	int		 in_tx;
	struct slot	 slots[STMT__MAX];
};

static int
read_secret(const char *path, char **out)
{
	struct buf	 b;

	buf_init(&b);
	if (!buf_load_line(&b, path)) {
		log_warn("%s", path);
		explicit_bzero(b.s, b.len);
		buf_free(&b);
		return 0;
	}
	*out = buf_detach(&b, NULL);
	return *out != NULL;
}

/*
 * Parses "key=value key=value": socket, host, port, database, user,
 * password_file (preferred: the secret stays out of nginx's config) or
 * password. Returns 0 on an unknown key or a bad value.
 */
static int
conninfo_parse(struct db *db, const char *info)
{
	char	*copy, *tok, *save = NULL, *v, **dst;
	int	 rc = 0;

	if ((copy = strdup(info)) == NULL)
		return 0;
	for (tok = strtok_r(copy, " \t", &save); tok != NULL;
	    tok = strtok_r(NULL, " \t", &save)) {
		if ((v = strchr(tok, '=')) == NULL) {
			log_warnx("SMIME_DB: %s: expected key=value", tok);
			goto out;
		}
		*v++ = '\0';
		dst = NULL;
		if (strcmp(tok, "socket") == 0)
			dst = &db->socket;
		else if (strcmp(tok, "host") == 0)
			dst = &db->host;
		else if (strcmp(tok, "database") == 0)
			dst = &db->database;
		else if (strcmp(tok, "user") == 0)
			dst = &db->user;
		else if (strcmp(tok, "password") == 0)
			dst = &db->password;
		else if (strcmp(tok, "port") == 0)
			db->port = (unsigned int)strtoul(v, NULL, 10);
		else if (strcmp(tok, "password_file") == 0) {
			free(db->password);
			if (!read_secret(v, &db->password))
				goto out;
		} else {
			log_warnx("SMIME_DB: unknown key %s", tok);
			goto out;
		}
		if (dst != NULL) {
			free(*dst);
			if ((*dst = strdup(v)) == NULL)
				goto out;
		}
	}
	rc = 1;
out:
	free(copy);
	return rc;
}

static void
stmts_close(struct db *db)
{
	size_t	 i;

	for (i = 0; i < STMT__MAX; i++)
		if (db->slots[i].st != NULL) {
			mysql_stmt_close(db->slots[i].st);
			db->slots[i].st = NULL;
		}
}

static int
connect_db(struct db *db)
{
	unsigned int	 timeout = 5, rw = 30;

	if ((db->my = mysql_init(NULL)) == NULL)
		return 0;
	mysql_options(db->my, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
	mysql_options(db->my, MYSQL_OPT_READ_TIMEOUT, &rw);
	mysql_options(db->my, MYSQL_OPT_WRITE_TIMEOUT, &rw);
	mysql_options(db->my, MYSQL_SET_CHARSET_NAME, "utf8mb4");
	mysql_options(db->my, MYSQL_INIT_COMMAND,
	    "SET SESSION tx_isolation = 'READ-COMMITTED', "
	    "time_zone = '+00:00'");
	if (mysql_real_connect(db->my, db->host, db->user, db->password,
	    db->database, db->port, db->socket, 0) == NULL) {
		log_warnx("mysql_real_connect: %s", mysql_error(db->my));
		mysql_close(db->my);
		db->my = NULL;
		return 0;
	}
	return 1;
}

/*
 * Opens a connection from a conninfo string (SMIME_DB).
 * Returns NULL on failure (logged); db_close() frees it.
 */
struct db *
db_open(const char *info)
{
	struct db	*db;

	if ((db = calloc(1, sizeof(*db))) == NULL)
		return NULL;
	if ((db->conninfo = strdup(info)) == NULL ||
	    !conninfo_parse(db, info) || !connect_db(db)) {
		db_close(db);
		return NULL;
	}
	return db;
}

void
db_close(struct db *db)
{
	if (db == NULL)
		return;
	stmts_close(db);
	if (db->my != NULL)
		mysql_close(db->my);
	if (db->password != NULL)
		explicit_bzero(db->password, strlen(db->password));
	free(db->password);
	free(db->conninfo);
	free(db->socket);
	free(db->host);
	free(db->database);
	free(db->user);
	free(db);
}

const char *
db_conninfo(const struct db *db)
{
	return db->conninfo;
}

MYSQL *
db_handle(struct db *db)
{
	return db->my;
}

int
db_in_tx(const struct db *db)
{
	return db->in_tx;
}

static int
gone(unsigned int err)
{
	return err == CR_SERVER_GONE_ERROR || err == CR_SERVER_LOST ||
	    err == CR_CONNECTION_ERROR || err == ER_UNKNOWN_STMT_HANDLER ||
	    err == CR_CONN_HOST_ERROR;
}

/*
 * After the server went away: a new connection, statements prepared
 * again on their next use. Never inside a transaction, whose work the
 * server has already rolled back.
 */
static int
reconnect(struct db *db)
{
	log_info("database connection lost; reconnecting");
	stmts_close(db);
	if (db->my != NULL)
		mysql_close(db->my);
	db->my = NULL;
	db->in_tx = 0;
	return connect_db(db);
}

static MYSQL_STMT *
stmt_get(struct db *db, enum stmt id, unsigned int *err)
{
	MYSQL_STMT	*st;

	*err = 0;
	if (db->slots[id].st != NULL)
		return db->slots[id].st;
	if (db->my == NULL && !reconnect(db)) {
		*err = CR_CONNECTION_ERROR;
		return NULL;
	}
	if ((st = mysql_stmt_init(db->my)) == NULL)
		return NULL;
	if (mysql_stmt_prepare(st, stmts[id].sql,
	    strlen(stmts[id].sql)) != 0) {
		*err = mysql_stmt_errno(st);
		log_warnx("prepare %s: %s", stmts[id].name,
		    mysql_stmt_error(st));
		mysql_stmt_close(st);
		return NULL;
	}
	db->slots[id].st = st;
	return st;
}

static enum stmt
slot_of(struct db *db, MYSQL_STMT *st)
{
	size_t	 i;

	for (i = 0; i < STMT__MAX; i++)
		if (db->slots[i].st == st)
			return (enum stmt)i;
	abort();
}

/*
 * Executes statement `id` with parameters per `fmt`: 'i' long long,
 * 's' const char * (NULL binds SQL NULL), 'b' const void *, size_t (bytes). A result set is stored
 * client-side, so statements may nest. On a lost connection outside a
 * transaction it reconnects and tries once more.
 * Returns the statement, to read with db_result()/db_row() and release
 * with db_done(), or NULL on failure (logged).
 */
static MYSQL_STMT *
vexec(struct db *db, enum stmt id, const char *fmt, va_list args)
{
	MYSQL_BIND	 b[DB_MAX_BIND];
	long long	 iv[DB_MAX_BIND];
	unsigned long	 lens[DB_MAX_BIND];
	MYSQL_STMT	*st;
	va_list		 ap;
	size_t		 i, n = strlen(fmt);
	const char	*s;
	unsigned int	 err;
	int		 attempt;

	if (n > DB_MAX_BIND)
		abort();
	for (attempt = 0; attempt < 2; attempt++) {
		if ((st = stmt_get(db, id, &err)) == NULL) {
			if (attempt == 0 && gone(err) && !db->in_tx &&
			    reconnect(db))
				continue;
			return NULL;
		}
		memset(b, 0, sizeof(b));
		va_copy(ap, args);
		for (i = 0; i < n; i++) {
			switch (fmt[i]) {
			case 'i':
				iv[i] = va_arg(ap, long long);
				b[i].buffer_type = MYSQL_TYPE_LONGLONG;
				b[i].buffer = &iv[i];
				break;
			case 'b':
				b[i].buffer_type = MYSQL_TYPE_BLOB;
				b[i].buffer = (void *)va_arg(ap, const void *);
				lens[i] = (unsigned long)va_arg(ap, size_t);
				b[i].buffer_length = lens[i];
				b[i].length = &lens[i];
				break;
			case 's':
				s = va_arg(ap, const char *);
				if (s == NULL) {
					b[i].buffer_type = MYSQL_TYPE_NULL;
					break;
				}
				lens[i] = strlen(s);
				b[i].buffer_type = MYSQL_TYPE_STRING;
				b[i].buffer = (void *)s;
				b[i].buffer_length = lens[i];
				b[i].length = &lens[i];
				break;
			default:
				abort();
			}
		}
		va_end(ap);
		if (mysql_stmt_bind_param(st, b) == 0 &&
		    mysql_stmt_execute(st) == 0) {
			if (mysql_stmt_field_count(st) > 0 &&
			    mysql_stmt_store_result(st) != 0)
				break;
			return st;
		}
		err = mysql_stmt_errno(st);
		if (attempt == 0 && gone(err) && !db->in_tx && reconnect(db))
			continue;
		break;
	}
	if (st != NULL) {
		err = mysql_stmt_errno(st);
		/* A duplicate key is an answer (DB_DUP), not a failure. */
		if (err != ER_DUP_ENTRY)
			log_warnx("execute %s: %s", stmts[id].name,
			    mysql_stmt_error(st));
		if (gone(err)) {
			/* Make the next request start on a fresh connection. */
			stmts_close(db);
			mysql_close(db->my);
			db->my = NULL;
			db->in_tx = 0;
		}
	}
	return NULL;
}

MYSQL_STMT *
db_exec(struct db *db, enum stmt id, const char *fmt, ...)
{
	MYSQL_STMT	*st;
	va_list		 ap;

	va_start(ap, fmt);
	st = vexec(db, id, fmt, ap);
	va_end(ap);
	return st;
}

/*
 * Binds the result columns of an executed statement per `fmt`:
 * 'i' long long * (SQL NULL reads as 0), 's' char *, size_t (a buffer
 * and its size; the value is cut to fit, NUL-terminated; NULL reads as ""),
 * 'B' struct buf * (a value of any length, replaced on every row).
 * Returns 0 on failure (logged).
 */
int
db_result(struct db *db, MYSQL_STMT *st, const char *fmt, ...)
{
	struct slot	*sl = &db->slots[slot_of(db, st)];
	MYSQL_BIND	 b[DB_MAX_BIND];
	va_list		 ap;
	int		 i, n = (int)strlen(fmt);

	if (n > DB_MAX_BIND)
		abort();
	memset(b, 0, sizeof(b));
	sl->ncols = n;
	va_start(ap, fmt);
	for (i = 0; i < n; i++) {
		sl->types[i] = fmt[i];
		sl->dst[i] = va_arg(ap, void *);
		b[i].is_null = &sl->isnull[i];
		b[i].length = &sl->len[i];
		if (fmt[i] == 'i') {
			b[i].buffer_type = MYSQL_TYPE_LONGLONG;
			b[i].buffer = &sl->ival[i];
		} else if (fmt[i] == 'B') {
			/* Length first; db_row() fetches the bytes. */
			b[i].buffer_type = MYSQL_TYPE_BLOB;
			b[i].buffer = NULL;
			b[i].buffer_length = 0;
		} else if (fmt[i] == 's') {
			sl->cap[i] = va_arg(ap, size_t);
			if (sl->cap[i] == 0)
				abort();
			b[i].buffer_type = MYSQL_TYPE_STRING;
			b[i].buffer = sl->dst[i];
			b[i].buffer_length = sl->cap[i] - 1;
		} else
			abort();
	}
	va_end(ap);
	if (mysql_stmt_bind_result(st, b) != 0) {
		log_warnx("bind_result: %s", mysql_stmt_error(st));
		return 0;
	}
	return 1;
}

/*
 * Fetches the next row into the bound buffers.
 * Returns 1 for a row, 0 at the end, -1 on error (logged).
 */
int
db_row(struct db *db, MYSQL_STMT *st)
{
	struct slot	*sl = &db->slots[slot_of(db, st)];
	int		 rc, i;
	char		*s;

	rc = mysql_stmt_fetch(st);
	if (rc == MYSQL_NO_DATA)
		return 0;
	if (rc != 0 && rc != MYSQL_DATA_TRUNCATED) {
		log_warnx("fetch: %s", mysql_stmt_error(st));
		return -1;
	}
	for (i = 0; i < sl->ncols; i++) {
		if (sl->types[i] == 'B') {
			struct buf	*bb = sl->dst[i];
			MYSQL_BIND	 fb;

			buf_reset(bb);
			if (sl->isnull[i] || sl->len[i] == 0)
				continue;
			if (!buf_grow(bb, sl->len[i]))
				return -1;
			memset(&fb, 0, sizeof(fb));
			fb.buffer_type = MYSQL_TYPE_BLOB;
			fb.buffer = bb->s;
			fb.buffer_length = sl->len[i];
			if (mysql_stmt_fetch_column(st, &fb, (unsigned int)i, 0)) {
				log_warnx("fetch_column: %s", mysql_stmt_error(st));
				return -1;
			}
			bb->len = sl->len[i];
			bb->s[bb->len] = '\0';
			continue;
		}
		if (sl->types[i] == 'i') {
			*(long long *)sl->dst[i] = sl->isnull[i] ? 0 :
			    sl->ival[i];
			continue;
		}
		s = sl->dst[i];
		if (sl->isnull[i])
			s[0] = '\0';
		else
			s[sl->len[i] < sl->cap[i] - 1 ?
			    sl->len[i] : sl->cap[i] - 1] = '\0';
	}
	return 1;
}

/*
 * The one row of an executed statement whose columns were bound
 * (`bound`: what db_result() answered), then releases the result.
 * Returns DB_OK, DB_NOTFOUND when there is no row, or DB_ERR.
 */
enum dbrc
db_one(struct db *db, MYSQL_STMT *st, int bound)
{
	int	 r = bound ? db_row(db, st) : -1;

	db_done(st);
	return r < 0 ? DB_ERR : r == 0 ? DB_NOTFOUND : DB_OK;
}

/* Releases a statement's stored result; the statement stays prepared. */
void
db_done(MYSQL_STMT *st)
{
	if (st != NULL)
		mysql_stmt_free_result(st);
}

/*
 * Executes a statement that returns no rows. *id, when not NULL, gets
 * the AUTO_INCREMENT value of an INSERT.
 * Returns DB_OK, DB_NOTFOUND when no row changed, DB_DUP on a unique key
 * conflict, DB_ERR otherwise.
 */
enum dbrc
db_run(struct db *db, enum stmt sid, unsigned long long *id,
    const char *fmt, ...)
{
	MYSQL_STMT	*st;
	va_list		 ap;

	va_start(ap, fmt);
	st = vexec(db, sid, fmt, ap);
	va_end(ap);
	if (st == NULL) {
		if (db->slots[sid].st != NULL &&
		    mysql_stmt_errno(db->slots[sid].st) == ER_DUP_ENTRY)
			return DB_DUP;
		return DB_ERR;
	}
	if (id != NULL)
		*id = mysql_stmt_insert_id(st);
	return mysql_stmt_affected_rows(st) == 0 ? DB_NOTFOUND : DB_OK;
}

static int
simple(struct db *db, const char *sql)
{
	if (db->my == NULL && !reconnect(db))
		return 0;
	if (mysql_real_query(db->my, sql, strlen(sql)) != 0) {
		log_warnx("%s: %s", sql, mysql_error(db->my));
		return 0;
	}
	return 1;
}

/*
 * Starts a transaction; on a lost connection it reconnects first, since
 * nothing of the transaction exists yet. Returns 0 on failure.
 */
int
db_begin(struct db *db)
{
	if (db->in_tx)
		abort();
	if (!simple(db, "START TRANSACTION")) {
		if (db->my == NULL || !gone(mysql_errno(db->my)) ||
		    !reconnect(db) || !simple(db, "START TRANSACTION"))
			return 0;
	}
	db->in_tx = 1;
	return 1;
}

int
db_commit(struct db *db)
{
	int	 rc;

	rc = simple(db, "COMMIT");
	db->in_tx = 0;
	return rc;
}

void
db_rollback(struct db *db)
{
	if (db->in_tx && db->my != NULL)
		(void)simple(db, "ROLLBACK");
	db->in_tx = 0;
}
