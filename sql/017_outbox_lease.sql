-- Mailers claim mail with a lease instead of a row lock: on a Galera
-- cluster a lock taken on one node does not stop a mailer on another
-- (SELECT ... FOR UPDATE SKIP LOCKED skips nothing there). A claim is a
-- conditional UPDATE that only one mailer can win, committed before the
-- SMTP session; the winner records the outcome only while the claim is
-- its own. A claim whose lease ran out (its mailer was killed) may be
-- taken again.
ALTER TABLE outbox
	ADD COLUMN claimed_by VARCHAR(100) CHARACTER SET ascii NULL
	    AFTER failed_at,
	ADD COLUMN claim_until DATETIME(6) NULL AFTER claimed_by,
	ADD KEY outbox_claim (claim_until);
