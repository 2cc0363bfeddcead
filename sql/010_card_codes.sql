-- Step 3 with a key pair on a cryptographic card: the one-time codes of
-- the card agent's links (smime-card:<base URL>/activation/card/<code>).
-- A code is 128 bits derived from `salt` with the service's secret, so
-- the wizard can show its link again on every refresh; the table keeps
-- only the code's SHA-256, not the code. Valid 30 minutes, used once,
-- bound to its order, its purpose and the key parameters chosen.

CREATE TABLE card_codes (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	order_id	BIGINT UNSIGNED NOT NULL,
	purpose		VARCHAR(8) NOT NULL,	-- enroll, install
	key_type	VARCHAR(8) NOT NULL,	-- rsa2048 … p384
	salt		BINARY(16) NOT NULL,
	code_sha256	BINARY(32) NOT NULL,
	created_at	DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
	expires_at	DATETIME(6) NOT NULL,
	used_at		DATETIME(6) NULL,
	used_from	VARCHAR(64) NULL,
	refusals	INT UNSIGNED NOT NULL DEFAULT 0,
	UNIQUE KEY card_codes_hash (code_sha256),
	KEY card_codes_order (order_id, id),
	CONSTRAINT card_codes_order FOREIGN KEY (order_id)
	    REFERENCES orders (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
