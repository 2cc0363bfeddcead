-- Step 3, certificate activation: the customer's choices, the accepted
-- CSR, and the certificates. One certificate per order, enforced by the
-- unique key whatever the handlers do.

ALTER TABLE orders
	ADD COLUMN act_cn ENUM('email', 'organization') NULL,
	ADD COLUMN act_include VARCHAR(16) NULL,
	ADD COLUMN act_method ENUM('csr', 'card') NULL,
	ADD COLUMN act_key VARCHAR(8) NULL,
	ADD COLUMN act_csr BLOB NULL;

CREATE TABLE certificates (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	order_id	BIGINT UNSIGNED NOT NULL,
	serial		VARCHAR(64) NOT NULL,
	fingerprint	CHAR(64) NOT NULL,
	spki_sha256	CHAR(64) NOT NULL,
	subject		VARCHAR(1024) NOT NULL,
	key_desc	VARCHAR(64) NOT NULL,
	der		BLOB NOT NULL,
	not_before	DATETIME NOT NULL,
	not_after	DATETIME NOT NULL,
	revoked_at	DATETIME(6) NULL,
	revocation_reason VARCHAR(32) NULL,
	created_at	DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
	UNIQUE KEY certificates_order (order_id),
	UNIQUE KEY certificates_serial (serial),
	KEY certificates_spki (spki_sha256),
	CONSTRAINT certificates_order FOREIGN KEY (order_id)
	    REFERENCES orders (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Public keys that must never be certified again (compromise reported,
-- weak keys found later), by the SHA-256 of their SubjectPublicKeyInfo.
CREATE TABLE blocked_keys (
	spki_sha256	CHAR(64) NOT NULL PRIMARY KEY,
	reason		VARCHAR(64) NOT NULL,
	created_at	DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
