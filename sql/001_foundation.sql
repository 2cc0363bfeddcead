-- The foundation: accounts, partners, products, orders with their three
-- steps, events shown to customers, and the audit trail (S/MIME BR 5.4).
-- Applied once by `smime-admin migrate`, which records it in
-- schema_version; every later change is a new numbered file.

CREATE TABLE partners (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	code		VARCHAR(32) NOT NULL,
	name		VARCHAR(128) NOT NULL,
	created_at	DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
	UNIQUE KEY partners_code (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE accounts (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	login		VARCHAR(128) NOT NULL,
	name		VARCHAR(256) NOT NULL DEFAULT '',
	role		ENUM('customer', 'partner', 'operator') NOT NULL,
	partner_id	BIGINT UNSIGNED NULL,
	disabled	TINYINT NOT NULL DEFAULT 0,
	created_at	DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
	UNIQUE KEY accounts_login (login),
	CONSTRAINT accounts_partner FOREIGN KEY (partner_id)
	    REFERENCES partners (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE products (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	code		VARCHAR(32) NOT NULL,
	name		VARCHAR(128) NOT NULL,
	validity_days	INT NOT NULL,
	active		TINYINT NOT NULL DEFAULT 1,
	UNIQUE KEY products_code (code),
	-- S/MIME BR 6.3.2: a subscriber certificate lives at most 825 days.
	CONSTRAINT products_validity CHECK (validity_days BETWEEN 1 AND 825)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO products (code, name, validity_days) VALUES
	('smime-org-365', 'S/MIME Organization 365 days - issue', 365),
	('smime-org-730', 'S/MIME Organization 730 days - issue', 730);

-- Order numbers read ORDER/0000123456/dk, independent of row ids.
CREATE SEQUENCE order_number START WITH 100001 INCREMENT BY 1 NOCACHE;

CREATE TABLE orders (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	number		VARCHAR(32) NOT NULL,
	product_id	BIGINT UNSIGNED NOT NULL,
	account_id	BIGINT UNSIGNED NOT NULL,
	partner_id	BIGINT UNSIGNED NULL,
	status		ENUM('waiting', 'verification', 'issued', 'revoked',
			    'expired', 'rejected') NOT NULL DEFAULT 'waiting',
	step_data	ENUM('unavailable', 'awaiting', 'submitted', 'verified',
			    'rejected') NOT NULL DEFAULT 'awaiting',
	step_email	ENUM('unavailable', 'awaiting', 'submitted', 'verified',
			    'rejected') NOT NULL DEFAULT 'unavailable',
	step_activation	ENUM('unavailable', 'awaiting', 'submitted', 'verified',
			    'rejected', 'issued') NOT NULL DEFAULT 'unavailable',
	common_name	VARCHAR(256) NULL,
	email		VARCHAR(254) NULL,
	serial		VARCHAR(64) NULL,
	not_after	DATETIME NULL,
	created_at	DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
	updated_at	DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6)
			    ON UPDATE CURRENT_TIMESTAMP(6),
	UNIQUE KEY orders_number (number),
	KEY orders_account (account_id, id),
	KEY orders_partner (partner_id, id),
	KEY orders_serial (serial),
	KEY orders_common_name (common_name(64)),
	KEY orders_email (email(64)),
	CONSTRAINT orders_product FOREIGN KEY (product_id) REFERENCES products (id),
	CONSTRAINT orders_account FOREIGN KEY (account_id) REFERENCES accounts (id),
	CONSTRAINT orders_partner FOREIGN KEY (partner_id) REFERENCES partners (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- What the dashboard's Events table shows a customer.
CREATE TABLE events (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	account_id	BIGINT UNSIGNED NOT NULL,
	order_id	BIGINT UNSIGNED NULL,
	type		VARCHAR(32) NOT NULL,
	created_at	DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
	KEY events_account (account_id, id),
	KEY events_order (order_id, id),
	CONSTRAINT events_account FOREIGN KEY (account_id) REFERENCES accounts (id),
	CONSTRAINT events_order FOREIGN KEY (order_id) REFERENCES orders (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Every state change, in the transaction that makes it (S/MIME BR 5.4.1).
-- Kept at least two years after the last certificate's expiry: rows are
-- never updated or deleted by the service.
CREATE TABLE audit (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	at		DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
	actor		VARCHAR(128) NOT NULL,
	role		VARCHAR(16) NOT NULL,
	remote_addr	VARCHAR(64) NOT NULL DEFAULT '',
	action		VARCHAR(64) NOT NULL,
	order_id	BIGINT UNSIGNED NULL,
	object		VARCHAR(64) NULL,
	details		TEXT NULL,
	KEY audit_order (order_id, id),
	KEY audit_at (at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
