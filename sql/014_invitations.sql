-- A partner's new customer is invited by mail: a one-time link (128
-- random bits, stored as a SHA-256, valid 7 days, used once) that leads
-- to a page saying how to log in and records the acceptance.

CREATE TABLE invitations (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	account_id	BIGINT UNSIGNED NOT NULL,
	partner_id	BIGINT UNSIGNED NOT NULL,
	order_id	BIGINT UNSIGNED NOT NULL,
	token_hash	BINARY(32) NOT NULL,
	created_at	DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
	expires_at	DATETIME(6) NOT NULL,
	accepted_at	DATETIME(6) NULL,
	accepted_addr	VARCHAR(64) NULL,
	UNIQUE KEY invitations_token (token_hash),
	KEY invitations_account (account_id),
	CONSTRAINT invitations_account FOREIGN KEY (account_id)
	    REFERENCES accounts (id),
	CONSTRAINT invitations_partner FOREIGN KEY (partner_id)
	    REFERENCES partners (id),
	CONSTRAINT invitations_order FOREIGN KEY (order_id)
	    REFERENCES orders (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
