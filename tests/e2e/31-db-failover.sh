#!/usr/bin/env bash
# Several database servers in SMIME_DB: with the first two dead (a socket
# that does not exist, a port nobody listens on) the handlers, the mailer
# and smime-admin go on to the third; a request whose connection is lost
# in the middle of its transaction runs again from the start, once the
# lock it waited for is free.
#
# failover.localhost is the stack's own brand with that list (./dev).
. "$(dirname "$0")/lib.sh"

usec() { echo "${EPOCHREALTIME//[.,]/}"; }
DEAD="socket=$SMIME_TEST_RUN/gone.sock host=127.0.0.1:1"
LOGS=$SMIME_TEST_STATE/logs
fo() {	# fo USER METHOD PATH [curl args...]: through failover.localhost
	local u=$1 m=$2 p=$3
	shift 3
	request "$u" "$m" "$p" -H 'Host: failover.localhost' "$@"
}

u=$(new_user failover customer)
o=$(new_order "$u")
sql "UPDATE orders SET step_data = 'verified', step_email = 'awaiting', status = 'verification' WHERE id = $o"

# --- the handlers -------------------------------------------------------------
t0=$(usec)
fo "$u" GET / -H 'Accept: application/xml'
ms=$((($(usec) - t0) / 1000))
check "dashboard past two dead servers: 200" status_is 200
check "it shows the order" xpath_is "count(//order[@id='$o'])" 1
echo "# first request past two dead servers: $ms ms"
check "the dead servers cost no timeout ($ms ms < 2000)" test "$ms" -lt 2000
tok=$(xpath '//csrf/text()')
fo "$u" POST "/email/$o" -H 'Accept: application/xml' \
    --data-urlencode "csrf=$tok" --data-urlencode "email=$u@example.com"
check "a change past them: 200" status_is 200
check "the change is stored" \
    test "$(sql "SELECT email_draft FROM orders WHERE id = $o")" = "$u@example.com"
check "the handler logs the dead socket" grep -q "gone.sock" "$LOGS/dashboard.log" "$LOGS/email.log"
check "and that it went on to server 3 of 3" \
    grep -q "now server 3 of 3" "$LOGS/dashboard.log" "$LOGS/email.log"

# --- a connection lost mid-transaction: the request runs again --------------------
# A session of ours holds the account's row, which the submit of step 2
# updates (accounts.rev, by trigger) inside its transaction after it
# locked the order; we kill the handler's connection while it waits.
# Nothing of the first run was kept, so serve() runs the request again on
# a new connection (to the next server), which gets the row once our
# session commits: one link, one mail, one audit row.
lost_run() {	# lost_run HOST ORDER: sets STATUS
	local host=$1 id=$2 holder waiter conn i
	sql "BEGIN; SELECT id FROM accounts WHERE login = '$u' FOR UPDATE; SELECT SLEEP(3); COMMIT;" >/dev/null &
	holder=$!
	sleep 0.3
	curl -sS -o "$T_TMP/lost.body" -w '%{http_code}' -u "$u:$u" \
	    -H "Host: $host" -H 'Accept: application/xml' -X POST \
	    --data-urlencode "csrf=$tok" "$BASE/email/$id/submit" \
	    >"$T_TMP/lost.code" 2>/dev/null &
	waiter=$!
	conn=
	for i in $(seq 50); do	# at most 5 s
		conn=$(sql "SELECT trx_mysql_thread_id FROM information_schema.innodb_trx WHERE trx_state = 'LOCK WAIT' LIMIT 1")
		[ -n "$conn" ] && break
		sleep 0.1
	done
	[ -n "$conn" ] && sql "KILL CONNECTION $conn"
	wait "$waiter" || true
	wait "$holder" || true
	STATUS=$(cat "$T_TMP/lost.code")
	[ -n "$conn" ]
}
for host in localhost failover.localhost; do
	id=$(new_order "$u")
	sql "UPDATE orders SET step_data = 'verified', step_email = 'awaiting', status = 'verification', email_draft = '$u@example.com' WHERE id = $id"
	before=$(grep -c "running the request again (2 of 3)" "$LOGS/email.log" || true)
	check "$host: the handler's waiting connection found and killed" lost_run "$host" "$id"
	check "$host: the submit still answers 200" status_is 200
	check "$host: step 2 submitted" \
	    test "$(sql "SELECT step_email FROM orders WHERE id = $id")" = submitted
	check "$host: one link" \
	    test "$(sql "SELECT COUNT(*) FROM email_tokens WHERE order_id = $id")" = 1
	check "$host: one mail" \
	    test "$(sql "SELECT COUNT(*) FROM outbox WHERE order_id = $id")" = 1
	check "$host: the handler ran the request again" \
	    test "$(grep -c "running the request again (2 of 3)" "$LOGS/email.log")" -gt "$before"
done

# --- smime-admin and the mailer ----------------------------------------------------
SMIME_CONFIG=/dev/null "$SMIME_TEST_BUILD/fcgi/tools/smime-admin" \
    --db "$DEAD $SMIME_TEST_ADMIN_DB" migrate --check --sql "$SMIME_TEST_TOP/sql" \
    >"$T_TMP/admin.out" 2>"$T_TMP/admin.err"
check "smime-admin past two dead servers: up to date" grep -q "up to date" "$T_TMP/admin.out"
rc=0
"$SMIME_TEST_BUILD/fcgi/mailer/smime-mailer" --db "$DEAD $SMIME_TEST_APP_DB" \
    --starttls no --smtp "127.0.0.1:$SMIME_TEST_SMTP_PORT" --once \
    2>"$T_TMP/mailer.err" || rc=$?
check "the mailer past two dead servers: --once exits 0 ($rc)" test "$rc" = 0
check "the mailer went on to server 3 of 3" grep -q "now server 3 of 3" "$T_TMP/mailer.err"
rc=0
t0=$(usec)
"$SMIME_TEST_BUILD/fcgi/mailer/smime-mailer" --db "$DEAD database=smime" \
    --starttls no --smtp "127.0.0.1:$SMIME_TEST_SMTP_PORT" --once \
    2>"$T_TMP/mailer2.err" || rc=$?
check "no server alive: the mailer's --once exits 1 ($rc)" test "$rc" = 1
check "no server alive: said so" grep -q "none of 2 servers" "$T_TMP/mailer2.err"
check "no server alive: at once" test $((($(usec) - t0) / 1000)) -lt 3000

done_testing
