-- A CRL is due from the revocation that needs it until a CRL that lists
-- it is written: every revocation adds one to `wanted` in its own
-- transaction; writing a CRL sets `published` to the `wanted` it saw
-- under the row's lock. wanted > published: a CRL is due, since
-- due_since. Whatever failed (the signer, the disk), the next publisher
-- (a signer-holding process, `smime-admin crl --due`) sees it.

ALTER TABLE crl_state ADD COLUMN wanted BIGINT UNSIGNED NOT NULL DEFAULT 0,
	ADD COLUMN published BIGINT UNSIGNED NOT NULL DEFAULT 0,
	ADD COLUMN due_since DATETIME(6) NULL;
