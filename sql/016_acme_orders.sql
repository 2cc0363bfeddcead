-- ACME orders for S/MIME (RFC 8555 7.4, RFC 8823): one mailbox per
-- order, so one authorization and one email-reply-00 challenge, carried
-- by an order of the wizard (orders.id) that the same steps and the same
-- issuance pipeline move: the organization reused, the mailbox verified
-- by the reply, the CSR checked, the certificate issued once.
CREATE TABLE acme_orders (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	acme_account_id	BIGINT UNSIGNED NOT NULL,
	order_id	BIGINT UNSIGNED NOT NULL,
	mailbox		VARCHAR(254) NOT NULL,
	-- token-part1 (mailed in the subject) and token-part2 (in the
	-- challenge object), 128 random bits each (RFC 8823 section 3).
	token1		CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	token2		CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	-- The challenge: pending, processing, valid, invalid.
	chall_status	VARCHAR(16) NOT NULL DEFAULT 'pending',
	chall_error	VARCHAR(255) NULL,
	validated_at	DATETIME(6) NULL,
	expires_at	DATETIME(6) NOT NULL,
	created_at	DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
	UNIQUE KEY acme_orders_token1 (token1),
	UNIQUE KEY acme_orders_order (order_id),
	KEY acme_orders_account (acme_account_id, created_at),
	KEY acme_orders_mailbox (mailbox, created_at),
	CONSTRAINT acme_orders_account FOREIGN KEY (acme_account_id)
	    REFERENCES acme_accounts (id),
	CONSTRAINT acme_orders_order FOREIGN KEY (order_id)
	    REFERENCES orders (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The evidence of each challenge reply received: the message as it came,
-- its hash, who signed it (DKIM) and the verdict.
CREATE TABLE acme_replies (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	acme_order_id	BIGINT UNSIGNED NULL,
	sha256		CHAR(64) CHARACTER SET ascii NOT NULL,
	dkim		VARCHAR(255) NOT NULL,
	verdict		VARCHAR(255) NOT NULL,
	message		MEDIUMBLOB NOT NULL,
	received_at	DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
	KEY acme_replies_order (acme_order_id),
	CONSTRAINT acme_replies_order FOREIGN KEY (acme_order_id)
	    REFERENCES acme_orders (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
