-- A partner's dashboard shows the events of its customers' orders, so an
-- event also advances the revision of the order's partner accounts: their
-- cached pages are retired like the customer's.

DROP TRIGGER events_rev_insert;

CREATE TRIGGER events_rev_insert AFTER INSERT ON events FOR EACH ROW
	UPDATE accounts SET rev = rev + 1
	WHERE id = NEW.account_id
	   OR (NEW.order_id IS NOT NULL AND role = 'partner' AND partner_id =
	       (SELECT o.partner_id FROM orders o WHERE o.id = NEW.order_id));
