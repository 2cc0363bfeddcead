-- Step 2, e-mail verification (S/MIME BR 3.2.2.2): a random value of 128
-- bits sent to the mailbox in a link, stored only as its SHA-256, unique
-- per mail, valid 24 hours, used once. A validation counts for issuance
-- for 30 days (4.2.1).

-- The address the customer entered, before and after verification.
ALTER TABLE orders ADD COLUMN email_draft VARCHAR(254) NULL,
	ADD COLUMN email_validated_at DATETIME(6) NULL;

CREATE TABLE email_tokens (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	order_id	BIGINT UNSIGNED NOT NULL,
	address		VARCHAR(254) NOT NULL,
	token_sha256	BINARY(32) NOT NULL,
	created_at	DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
	expires_at	DATETIME(6) NOT NULL,
	used_at		DATETIME(6) NULL,
	used_from	VARCHAR(64) NULL,
	UNIQUE KEY email_tokens_hash (token_sha256),
	KEY email_tokens_order (order_id, created_at),
	CONSTRAINT email_tokens_order FOREIGN KEY (order_id)
	    REFERENCES orders (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
