-- Mail the mailer gave up on (a permanent refusal, or still undelivered
-- after the retry period) is kept, with its last error, but no longer due.
ALTER TABLE outbox ADD COLUMN failed_at DATETIME(6) NULL AFTER sent_at;
ALTER TABLE outbox DROP KEY outbox_due, ADD KEY outbox_due (sent_at, failed_at, due_at);
