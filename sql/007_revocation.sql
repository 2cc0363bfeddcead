-- The certificate's life after issuance: who revoked it and why, the CRL
-- number (one CRL of the issuing CA, numbers only ever rising), and the
-- expiry notices sent (S/MIME BR 4.9, 4.10; 5.4.1 for the audit).

ALTER TABLE certificates ADD COLUMN revoked_by VARCHAR(128) NULL,
	ADD COLUMN revocation_comment VARCHAR(500) NULL,
	ADD KEY certificates_revoked (revoked_at);

CREATE TABLE crl_state (
	id		TINYINT UNSIGNED NOT NULL PRIMARY KEY,
	number		BIGINT UNSIGNED NOT NULL,
	this_update	DATETIME(6) NULL
) ENGINE=InnoDB;
INSERT INTO crl_state (id, number) VALUES (1, 0);

-- Expiry notices already sent: bit 1 for 30 days ahead, bit 2 for 7.
ALTER TABLE orders ADD COLUMN expiry_notices TINYINT UNSIGNED NOT NULL
	DEFAULT 0;
