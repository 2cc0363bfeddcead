-- A partner's dashboard shows the events of its customers' orders, so an
-- event also advances the revision of the order's partner accounts: their
-- cached pages are retired like the customer's. Two updates, each on its
-- index (the primary key, accounts_partner), so that an event locks only
-- the rows it changes.

DROP TRIGGER events_rev_insert;

CREATE TRIGGER events_rev_insert AFTER INSERT ON events FOR EACH ROW
BEGIN
	UPDATE accounts SET rev = rev + 1 WHERE id = NEW.account_id;
	IF NEW.order_id IS NOT NULL THEN
		UPDATE accounts SET rev = rev + 1
		WHERE partner_id = (SELECT o.partner_id FROM orders o
		    WHERE o.id = NEW.order_id) AND role = 'partner';
	END IF;
END;
