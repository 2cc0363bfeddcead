#!/usr/bin/env bash
# Faults under work: MariaDB restarted under a bounded load (clean 503s
# meanwhile, the service back by itself, nothing half-written); SIGKILL
# of an activation worker and of a signer while orders are issued (one
# certificate per order, the killed parts come back); a signer killed
# around a revocation (the revocation in the CRL within a minute); the
# disk full for an upload (refused, nothing stored, fine again after).
# (The mailer killed mid-queue: 09-mailer.sh.)
. "$(dirname "$0")/lib.sh"

usec() { echo "${EPOCHREALTIME//[.,]/}"; }
wait_until() {	# wait_until SECONDS COMMAND...
	local end=$(($(usec) + $1 * 1000000))
	shift
	while :; do
		"$@" && return 0
		[ "$(usec)" -lt "$end" ] || return 1
		sleep 0.2
	done
}
# A worker killed here is expected: ./dev's survival check allows it.
killed() { echo "$1" >>"$SMIME_TEST_RUN/killed-$2"; }

u=$(new_user fault customer)
admin account add "$u" --role customer --email "$u@example.com" >/dev/null
tok=$(csrf_of "$u")

ready_order() {	# an order at step 3 with a CSR taken: prints its id
	local o g k=$T_TMP/k$RANDOM
	o=$(new_order "$u")
	sql "INSERT INTO organizations (account_id, name, country, state, locality, method,
	    registry_type, registry_number, org_identifier, status, decided_at)
	    SELECT account_id, 'Example sp. z o.o.', 'PL', 'mazowieckie', 'Warszawa', 'registry',
	    'NIP', '5260250274', 'VATPL-5260250274', 'verified', NOW(6) FROM orders WHERE id = $o"
	g=$(sql "SELECT MAX(id) FROM organizations")
	sql "UPDATE orders SET organization_id = $g, step_data = 'verified', step_email = 'verified',
	    step_activation = 'awaiting', status = 'verification', email = '$u@example.com',
	    email_validated_at = NOW(6) WHERE id = $o"
	openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$k.key" \
	    -out "$k.csr" -subj /CN=x 2>/dev/null
	post "$u" "/activation/$o" --data-urlencode "csrf=$tok" -d cn=email
	post "$u" "/activation/$o/method" --data-urlencode "csrf=$tok" -d method=csr
	post "$u" "/activation/$o/csr" --data-urlencode "csrf=$tok" --data-urlencode "csr@$k.csr"
	echo "$o"
}

# --- 1. MariaDB restarted under load ---------------------------------------------
# Four clients for 12 s: dashboards, and step-1 submits of prepared
# drafts (each one transaction: step, event, audit). The database goes
# down for about 3 s in the middle.
drafts=()
for i in $(seq 12); do
	o=$(new_order "$u")
	post "$u" "/data/$o" --data-urlencode "csrf=$tok" --data-urlencode 'organization=Load sp. z o.o.' \
	    --data-urlencode 'country=PL' --data-urlencode 'state=mazowieckie' \
	    --data-urlencode 'locality=Warszawa' --data-urlencode 'method=registry' \
	    --data-urlencode 'registry_type=NIP' --data-urlencode 'registry_number=526-025-02-74'
	drafts+=("$o")
done
client() {	# client N: requests for 12 s, one status a line
	local end=$(($(usec) + 12000000)) i=0
	while [ "$(usec)" -lt "$end" ]; do
		if [ $((i % 3)) -eq 2 ] && [ ${#drafts[@]} -gt 0 ]; then
			o=${drafts[$(( (i / 3 + $1 * 3) % ${#drafts[@]} ))]}
			curl -s -o /dev/null -w '%{http_code}\n' -u "$u:$u" -X POST \
			    --data-urlencode "csrf=$tok" -d statements=1 "$BASE/data/$o/submit"
		else
			curl -s -o /dev/null -w '%{http_code}\n' -u "$u:$u" "$BASE/"
		fi
		i=$((i + 1))
	done
}
clients=()
for c in 1 2 3 4; do client "$c" >"$T_TMP/load$c" & clients+=($!); done
sleep 3
sock=$SMIME_TEST_RUN/mysqld.sock
mariadb-admin --no-defaults -S "$sock" -uroot shutdown
sleep 3
mariadbd --no-defaults --user=root --datadir="$SMIME_TEST_STATE/db" \
    --innodb-buffer-pool-size=64M --innodb-log-file-size=16M --skip-log-bin \
    --socket="$sock" --pid-file="$SMIME_TEST_RUN/mysqld.pid" \
    --log-error="$SMIME_TEST_STATE/logs/mysqld.err" --skip-networking \
    --max-connections=200 --open-files-limit=4096 >/dev/null 2>&1 &
echo $! >"$SMIME_TEST_RUN/mariadb.pid"
wait_until 30 mariadb-admin --no-defaults -S "$sock" -uroot ping >/dev/null 2>&1
wait "${clients[@]}"
cat "$T_TMP"/load? >"$T_TMP/load"
echo "# statuses under the restart: $(sort "$T_TMP/load" | uniq -c | tr '\n' ' ')"
check "load: requests answered ($(wc -l <"$T_TMP/load"))" test "$(wc -l <"$T_TMP/load")" -ge 40
check "load: some 503 while the database was down" grep -q '^503$' "$T_TMP/load"
check "load: only 200, 303 or 503 (no 500, no 502)" bash -c '! grep -qvE "^(200|303|503)$" "$0"' "$T_TMP/load"
back() { get "$u" /; [ "$STATUS" = 200 ]; }
check "the service is back by itself within 10 s" wait_until 10 back
# Nothing half-written: each draft is either submitted with its event
# and audit row, or still awaiting with neither.
half=0
for o in "${drafts[@]}"; do
	st=$(sql "SELECT step_data FROM orders WHERE id = $o")
	ev=$(sql "SELECT COUNT(*) FROM events WHERE order_id = $o AND type = 'data-submitted'")
	au=$(sql "SELECT COUNT(*) FROM audit WHERE order_id = $o AND action = 'organization-submit'")
	case "$st:$ev:$au" in
	submitted:1:1|awaiting:0:0) ;;
	*) echo "  order $o: step $st, events $ev, audit $au" >&2; half=$((half + 1)) ;;
	esac
done
check "nothing half-written (${#drafts[@]} orders)" test "$half" = 0

# --- 2. SIGKILL of a worker and of a signer during issuance ----------------------
orders=()
for i in $(seq 6); do orders+=("$(ready_order)"); done
master=$(cat "$SMIME_TEST_RUN/activation.pid")
subs=()
for o in "${orders[@]}"; do
	for k in 1 2 3; do
		curl -s -o /dev/null -w '%{http_code}\n' -u "$u:$u" -X POST \
		    --data-urlencode "csrf=$tok" "$BASE/activation/$o/submit" \
		    >>"$T_TMP/submits" 2>&1 &
		subs+=($!)
	done
done
sleep 0.05	# the submits are in flight
w=$(pgrep -P "$master" | head -1)
s=$(pgrep -P "$(pgrep -P "$master" | tail -1)" | head -1)
[ -n "$s" ] && kill -9 "$s"
[ -n "$w" ] && { kill -9 "$w"; killed "$w" activation; }
wait "${subs[@]}"
echo "# submit statuses: $(sort "$T_TMP/submits" | uniq -c | tr '\n' ' ')"
check "a worker and a signer were killed ($w, $s)" test -n "$w" -a -n "$s"
check "submits answered 200, or 502 from the killed worker" \
    bash -c '! grep -qvE "^(200|502)$" "$0"' "$T_TMP/submits"
# Whatever the killed ones answered, submitting again settles every order.
for o in "${orders[@]}"; do
	post "$u" "/activation/$o/submit" --data-urlencode "csrf=$tok"
done
multi=$(sql "SELECT COUNT(*) FROM (SELECT order_id FROM certificates WHERE order_id IN ($(IFS=,; echo "${orders[*]}")) GROUP BY order_id HAVING COUNT(*) > 1) t")
issued=$(sql "SELECT COUNT(DISTINCT order_id) FROM certificates WHERE order_id IN ($(IFS=,; echo "${orders[*]}"))")
check "every order issued ($issued of ${#orders[@]})" test "$issued" = "${#orders[@]}"
check "one certificate per order" test "$multi" = 0
check "the killed worker was replaced" wait_until 10 bash -c '[ "$(pgrep -P "$0" | wc -l)" -ge 2 ]' "$master"
check "the activation log says it" grep -q "worker $w ended" "$SMIME_TEST_STATE/logs/activation.log"

# --- 3. a signer killed before a revocation ---------------------------------------
o=${orders[0]}
serial=$(sql "SELECT serial FROM certificates WHERE order_id = $o")
for w in $(pgrep -P "$master"); do
	for s in $(pgrep -P "$w"); do kill -9 "$s"; done
done
post "$u" "/certificates/$o/revoke" -H 'Accept: application/xml' \
    --data-urlencode "csrf=$tok" -d confirm=1 -d reason=superseded
check "revoked with every signer just killed" xpath_is 'string(/page/@name)' certificate-revoked
crl_lists() {
	curl -s -o "$T_TMP/ca.crl" "$BASE/crl/ca.crl" &&
	    openssl crl -inform DER -in "$T_TMP/ca.crl" -noout -text 2>/dev/null |
	    tr -d ' :' | grep -qi "SerialNumber$1\$"
}
check "the revocation is in the CRL within a minute" wait_until 60 crl_lists "$serial"
check "a signer was started again, and logged" grep -q "restarting it" "$SMIME_TEST_STATE/logs/activation.log"

# --- 4. the disk full for an upload ----------------------------------------------
# nginx buffers a large body to client_body_temp_path: a 512 KB file
# system there cannot hold a 2 MB document.
body=$SMIME_TEST_RUN/tmp/body
mkdir -p "$body"
if mount -t tmpfs -o size=512k smime-test-full "$body"; then
	o=$(new_order "$u")
	head -c 2000000 /dev/urandom >"$T_TMP/big.pdf"
	docs=$(sql "SELECT COUNT(*) FROM documents")
	orgs=$(sql "SELECT COUNT(*) FROM organizations")
	post "$u" "/data/$o" -F "csrf=$tok" -F 'organization=Full sp. z o.o.' -F 'country=PL' \
	    -F 'state=mazowieckie' -F 'locality=Warszawa' -F 'method=document' \
	    -F "document=@$T_TMP/big.pdf;type=application/pdf;filename=big.pdf"
	check "disk full: the upload is refused with a server error ($STATUS)" \
	    bash -c '[ "$0" -ge 500 ] && [ "$0" -lt 600 ]' "$STATUS"
	check "nginx says why" grep -q 'No space left on device' "$SMIME_TEST_STATE/logs/nginx-error.log"
	check "nothing stored: no document" test "$(sql "SELECT COUNT(*) FROM documents")" = "$docs"
	check "nothing stored: no data" test "$(sql "SELECT COUNT(*) FROM organizations")" = "$orgs"
	umount "$body"
	head -c 300000 /dev/urandom >>"$T_TMP/small.pdf"
	printf '%%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%%%EOF\n' >"$T_TMP/ok.pdf"
	post "$u" "/data/$o" -F "csrf=$tok" -F 'organization=Full sp. z o.o.' -F 'country=PL' \
	    -F 'state=mazowieckie' -F 'locality=Warszawa' -F 'method=document' \
	    -F "document=@$T_TMP/ok.pdf;type=application/pdf;filename=ok.pdf"
	check "with room again, the upload is taken" status_is 200
else
	check "a small file system can be mounted for the disk-full case" false
fi
done_testing
