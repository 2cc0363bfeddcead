-- accounts.rev counts the changes to what an account can see: its orders
-- and events, and for a partner its customers' orders. Handlers cache a
-- rendered page under the revision it was built from, so any change,
-- from a handler, the admin CLI or plain SQL, retires the cached pages
-- through these triggers.

ALTER TABLE accounts ADD COLUMN rev BIGINT UNSIGNED NOT NULL DEFAULT 0;

CREATE TRIGGER orders_rev_insert AFTER INSERT ON orders FOR EACH ROW
	UPDATE accounts SET rev = rev + 1
	WHERE id = NEW.account_id
	   OR (NEW.partner_id IS NOT NULL AND partner_id = NEW.partner_id
	       AND role = 'partner');

CREATE TRIGGER orders_rev_update AFTER UPDATE ON orders FOR EACH ROW
	UPDATE accounts SET rev = rev + 1
	WHERE id IN (NEW.account_id, OLD.account_id)
	   OR (partner_id IN (NEW.partner_id, OLD.partner_id)
	       AND role = 'partner');

CREATE TRIGGER orders_rev_delete AFTER DELETE ON orders FOR EACH ROW
	UPDATE accounts SET rev = rev + 1
	WHERE id = OLD.account_id
	   OR (OLD.partner_id IS NOT NULL AND partner_id = OLD.partner_id
	       AND role = 'partner');

CREATE TRIGGER events_rev_insert AFTER INSERT ON events FOR EACH ROW
	UPDATE accounts SET rev = rev + 1 WHERE id = NEW.account_id;

CREATE TRIGGER products_rev_update AFTER UPDATE ON products FOR EACH ROW
	UPDATE accounts SET rev = rev + 1;
