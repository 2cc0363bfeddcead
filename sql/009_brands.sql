-- White-label brands. Pages take their brand from the nginx server block
-- that serves them (SMIME_THEME, SMIME_BRAND…); mails about an order take
-- the brand of the partner that owns it, whatever host the request came
-- through, so the partner's brand is also kept here. A partner without a
-- brand gets the brand of the server block.

CREATE TABLE brands (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	code		VARCHAR(32) NOT NULL,
	theme		VARCHAR(32) NOT NULL DEFAULT 'default',
	lang		VARCHAR(8) NOT NULL DEFAULT 'en',
	name		VARCHAR(128) NOT NULL,
	base_url	VARCHAR(255) NOT NULL DEFAULT '',
	mail_from	VARCHAR(254) NOT NULL DEFAULT '',
	mail_from_name	VARCHAR(128) NOT NULL DEFAULT '',
	support_url	VARCHAR(255) NOT NULL DEFAULT '',
	help_url	VARCHAR(255) NOT NULL DEFAULT '',
	mail_footer	VARCHAR(1000) NOT NULL DEFAULT '',
	created_at	DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
	UNIQUE KEY brands_code (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

ALTER TABLE partners ADD COLUMN brand_id BIGINT UNSIGNED NULL,
	ADD CONSTRAINT partners_brand FOREIGN KEY (brand_id)
	    REFERENCES brands (id);
