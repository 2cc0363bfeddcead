-- Step 1, data verification (S/MIME BR 3.2.3): organization data an
-- account submits, the documents that prove it, the operators' decision;
-- and the mail outbox that every notification goes through.

ALTER TABLE accounts ADD COLUMN email VARCHAR(254) NULL;

-- An account's organization data. A row is a draft while the customer
-- edits it, then submitted, then verified or rejected by an operator.
-- Verified data may be reused for later orders for 825 days (BR 3.2.3 /
-- 4.2.1).
CREATE TABLE organizations (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	account_id	BIGINT UNSIGNED NOT NULL,
	name		VARCHAR(256) NOT NULL,
	country		CHAR(2) NOT NULL,
	state		VARCHAR(128) NOT NULL,
	locality	VARCHAR(128) NOT NULL,
	method		ENUM('registry', 'document') NOT NULL,
	registry_type	ENUM('KRS', 'REGON', 'NIP', 'VAT', 'LEI', 'OTHER') NULL,
	registry_number	VARCHAR(64) NULL,
	org_identifier	VARCHAR(80) NULL,
	status		ENUM('draft', 'submitted', 'verified', 'rejected')
			    NOT NULL DEFAULT 'draft',
	reason		VARCHAR(1000) NULL,
	submitted_at	DATETIME(6) NULL,
	decided_at	DATETIME(6) NULL,
	decided_by	VARCHAR(128) NULL,
	created_at	DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
	KEY organizations_account (account_id, status),
	KEY organizations_queue (status, submitted_at),
	CONSTRAINT organizations_account FOREIGN KEY (account_id)
	    REFERENCES accounts (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

ALTER TABLE orders ADD COLUMN organization_id BIGINT UNSIGNED NULL,
	ADD CONSTRAINT orders_organization FOREIGN KEY (organization_id)
	    REFERENCES organizations (id);

-- Documents proving an organization's existence, checked by their bytes.
CREATE TABLE documents (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	organization_id	BIGINT UNSIGNED NOT NULL,
	account_id	BIGINT UNSIGNED NOT NULL,
	filename	VARCHAR(255) NOT NULL,
	type		ENUM('pdf', 'jpeg', 'png') NOT NULL,
	size		INT UNSIGNED NOT NULL,
	sha256		CHAR(64) NOT NULL,
	data		MEDIUMBLOB NOT NULL,
	created_at	DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
	KEY documents_organization (organization_id, id),
	CONSTRAINT documents_organization FOREIGN KEY (organization_id)
	    REFERENCES organizations (id),
	CONSTRAINT documents_account FOREIGN KEY (account_id)
	    REFERENCES accounts (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Mail waiting for delivery: written in the transaction of the change it
-- reports, delivered by smime-mailer.
CREATE TABLE outbox (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	kind		VARCHAR(32) NOT NULL,
	order_id	BIGINT UNSIGNED NULL,
	mail_from	VARCHAR(254) NOT NULL,
	rcpt		VARCHAR(254) NOT NULL,
	message		MEDIUMTEXT NOT NULL,
	created_at	DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
	due_at		DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
	attempts	INT UNSIGNED NOT NULL DEFAULT 0,
	last_error	VARCHAR(1000) NULL,
	sent_at		DATETIME(6) NULL,
	KEY outbox_due (sent_at, due_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
