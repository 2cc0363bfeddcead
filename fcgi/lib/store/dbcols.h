/*
 * The column lists the typed functions of db*.c select, in the order
 * their binders read them: one place for each shape of row.
 */
#ifndef SMIME_DBCOLS_H
#define SMIME_DBCOLS_H

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
	"t.expires_at <= NOW(6), o.number, p.name, p.code, " \
	"DATE_FORMAT(t.expires_at, '%Y-%m-%dT%H:%i:%sZ'), o.account_id "

#endif
