#!/usr/bin/env bash
# smime-mailer against an MTA that requires STARTTLS and AUTH PLAIN: the
# certificate verified against a CA file, the password read from a file;
# a wrong password and a server without TLS leave the mail queued.
. "$(dirname "$0")/lib.sh"

PY=/usr/bin/python3
MAILER=$SMIME_TEST_BUILD/fcgi/mailer/smime-mailer
KIND=tls-$$
port=$("$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
plain=$("$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
OWN=()
stack=$(cat "$SMIME_TEST_RUN/mailer.pid")

finish() {
	local p
	for p in "${OWN[@]}"; do kill "$p" 2>/dev/null; done
	for p in "${OWN[@]}"; do wait "$p" 2>/dev/null; done
	sql "DELETE FROM outbox WHERE kind = '$KIND'"
	# The stack's mailer again, as ./dev starts it.
	"$MAILER" --db "$SMIME_TEST_APP_DB" --smtp "127.0.0.1:$SMIME_TEST_SMTP_PORT" \
	    --starttls no --interval 1 --retry-base "${SMIME_DEV_RETRY_BASE:-60}" \
	    2>>"$SMIME_TEST_STATE/logs/mailer.log" >/dev/null &
	echo $! >"$SMIME_TEST_RUN/mailer.pid"
	rm -rf "$T_TMP"
}
trap finish EXIT

# The stack's mailer steps aside, once what is queued has gone out.
for _ in $(seq 100); do
	[ "$(sql "SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL")" = 0 ] && break
	sleep 0.1
done
kill "$stack"
for _ in $(seq 100); do kill -0 "$stack" 2>/dev/null || break; sleep 0.1; done
check "the stack's mailer stopped" bash -c '! kill -0 "$0" 2>/dev/null' "$stack"

openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 \
    -subj /CN=localhost -addext subjectAltName=DNS:localhost \
    -keyout "$T_TMP/mta.key" -out "$T_TMP/mta.pem" 2>/dev/null
printf 'mailer-secret\n' >"$T_TMP/pw"
printf 'wrong\n' >"$T_TMP/bad"
chmod 600 "$T_TMP/pw" "$T_TMP/bad"
"$PY" "$SMIME_TEST_TOP/tests/e2e/smtp-sink.py" --port "$port" --dir "$T_TMP/mail" \
    --tls "$T_TMP/mta.pem" "$T_TMP/mta.key" --auth smime:mailer-secret >"$T_TMP/sink.log" 2>&1 &
OWN+=("$!")
"$PY" "$SMIME_TEST_TOP/tests/e2e/smtp-sink.py" --port "$plain" --dir "$T_TMP/plain" >"$T_TMP/plain.log" 2>&1 &
OWN+=("$!")
for _ in $(seq 100); do grep -q READY "$T_TMP/sink.log" "$T_TMP/plain.log" 2>/dev/null &&
    [ "$(grep -l READY "$T_TMP/sink.log" "$T_TMP/plain.log" | wc -l)" = 2 ] && break; sleep 0.05; done

queue() {	# queue ID: one mail with its test id
	sql "INSERT INTO outbox (kind, mail_from, rcpt, message) VALUES ('$KIND',
	    'no-reply@localhost', 'tls@example.com',
	    CONCAT('From: <no-reply@localhost>\r\nTo: <tls@example.com>\r\nSubject: t\r\nX-Test-Id: $1\r\n\r\nbody\r\n'))"
}
state() { sql "SELECT IF(sent_at IS NULL, 'queued', 'sent'), attempts, IFNULL(last_error, '') FROM outbox WHERE kind = '$KIND' AND message LIKE '%X-Test-Id: $1%'"; }

queue wrongpw
"$MAILER" --db "$SMIME_TEST_APP_DB" --smtp "localhost:$port" --starttls required \
    --ca-file "$T_TMP/mta.pem" --user smime --password-file "$T_TMP/bad" --once --timeout 5 2>"$T_TMP/m1.log"
check "a wrong password: still queued" bash -c '[[ "$(cut -f1 <<<"$0")" = queued ]]' "$(state wrongpw)"
check "with the error kept" bash -c '[ -n "$(cut -f3 <<<"$0")" ]' "$(state wrongpw)"
sql "DELETE FROM outbox WHERE kind = '$KIND'"

queue notls
"$MAILER" --db "$SMIME_TEST_APP_DB" --smtp "localhost:$plain" --starttls required \
    --ca-file "$T_TMP/mta.pem" --once --timeout 5 2>"$T_TMP/m2.log"
check "TLS required, the MTA offers none: still queued" bash -c '[[ "$(cut -f1 <<<"$0")" = queued ]]' "$(state notls)"
check "nothing delivered in clear" test "$(ls "$T_TMP/plain" 2>/dev/null | grep -c eml)" = 0
sql "DELETE FROM outbox WHERE kind = '$KIND'"

queue good
"$MAILER" --db "$SMIME_TEST_APP_DB" --smtp "localhost:$port" --starttls required \
    --ca-file "$T_TMP/mta.pem" --user smime --password-file "$T_TMP/pw" --once --timeout 5 2>"$T_TMP/m3.log"
check "STARTTLS and AUTH PLAIN: sent" bash -c '[[ "$(cut -f1 <<<"$0")" = sent ]]' "$(state good)"
mail=$(grep -l "X-Test-Id: good" "$T_TMP"/mail/*.eml 2>/dev/null | head -1)
check "delivered" test -n "$mail"
check "over TLS" grep -q "^X-Sink-TLS: yes" "${mail:-/dev/null}"
check "authenticated" grep -q "^X-Sink-Auth: .*smime" "${mail:-/dev/null}"
check "the password is not in the mailer's log" bash -c '! grep -q mailer-secret "$0"' "$T_TMP/m3.log"
done_testing
