-- ACME (RFC 8555) for S/MIME (RFC 8823): replay nonces, external account
-- binding keys and ACME accounts.

-- Replay nonces (RFC 8555 6.5): issued by newNonce and in every answer's
-- Replay-Nonce, each accepted once (the row is deleted when used) and
-- only within an hour of its issue.
CREATE TABLE acme_nonces (
	nonce		CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NOT NULL
	    PRIMARY KEY,
	created_at	DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
	KEY acme_nonces_created (created_at)
) ENGINE=InnoDB;

-- External account binding keys (RFC 8555 7.3.4), issued on the "ACME
-- access" page to a customer or partner account: the key identifier and
-- the MAC key (256 bits). A key binds one ACME account, once.
CREATE TABLE acme_eab (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	kid		CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	mac_key		BINARY(32) NOT NULL,
	account_id	BIGINT UNSIGNED NOT NULL,
	created_at	DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
	used_at		DATETIME(6) NULL,
	UNIQUE KEY acme_eab_kid (kid),
	CONSTRAINT acme_eab_account FOREIGN KEY (account_id)
	    REFERENCES accounts (id)
) ENGINE=InnoDB;

-- ACME accounts: the account key (its JWK and RFC 7638 thumbprint, one
-- account per key), the binding that ties it to an account of ours.
CREATE TABLE acme_accounts (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	thumbprint	CHAR(43) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	jwk		VARCHAR(4096) NOT NULL,
	eab_id		BIGINT UNSIGNED NOT NULL,
	account_id	BIGINT UNSIGNED NOT NULL,
	status		VARCHAR(16) NOT NULL DEFAULT 'valid',
	contact		VARCHAR(1024) NOT NULL DEFAULT '',
	created_at	DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
	UNIQUE KEY acme_accounts_thumbprint (thumbprint),
	UNIQUE KEY acme_accounts_eab (eab_id),
	CONSTRAINT acme_accounts_eab FOREIGN KEY (eab_id)
	    REFERENCES acme_eab (id),
	CONSTRAINT acme_accounts_account FOREIGN KEY (account_id)
	    REFERENCES accounts (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
