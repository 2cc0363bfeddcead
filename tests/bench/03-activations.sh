#!/usr/bin/env bash
# Complete activations through HTTP, per second: for each order, as the
# people involved click it through nginx (curl, the e2e helpers):
#   step 1   the organization's data, then submitted with the statements;
#            an operator approves it;
#   step 2   the mailbox, submitted; the link of the mail it queued
#            (read from the outbox as queued, so the mailer's pace does
#            not count) opened and confirmed;
#   step 3   the fields, the CSR method, a CSR (made beforehand), the
#            submit: checked and issued.
# SMIME_BENCH_ACTIVATIONS (default 40) orders, SMIME_BENCH_CLIENTS (4)
# at a time, no new one started after SMIME_BENCH_ACT_SECONDS (60).
set -eu
: "${SMIME_TEST_PORT:?run through ./dev bench}"
. "$SMIME_TEST_TOP/tests/e2e/lib.sh"
N=${SMIME_BENCH_ACTIVATIONS:-40}
C=${SMIME_BENCH_CLIENTS:-4}
LIMIT=${SMIME_BENCH_ACT_SECONDS:-60}

# Accounts with cheap passwords, so the figure measures the handlers.
user() {	# user PREFIX ROLE -> login
	local login="$1-$$-$RANDOM"
	admin account add "$login" --role "$2" --name "Bench $1" >/dev/null
	echo "$login:{PLAIN}$login" >>"$SMIME_TEST_STATE/htpasswd"
	echo "$login"
}
op=$(user op operator)

# One activation, from an order waiting for step 1 to its certificate.
# Prints "ok ORDER" or "failed ORDER STEP".
activate() {	# activate LOGIN ORDER CSR
	local u=$1 o=$2 tok otok g link t
	tok=$(csrf_of "$u")
	post "$u" "/data/$o" -H 'Accept: application/xml' --data-urlencode "csrf=$tok" \
	    --data-urlencode 'organization=Example sp. z o.o.' --data-urlencode 'country=PL' \
	    --data-urlencode 'state=mazowieckie' --data-urlencode 'locality=Warszawa' \
	    --data-urlencode 'method=registry' --data-urlencode 'registry_type=NIP' \
	    --data-urlencode 'registry_number=5260250274'
	post "$u" "/data/$o/submit" --data-urlencode "csrf=$tok" --data-urlencode 'statements=1'
	[ "$STATUS" = 200 ] || { echo "failed $o data $STATUS"; return; }
	g=$(sql "SELECT organization_id FROM orders WHERE id = $o")
	otok=$(csrf_of "$op" /operator/)
	post "$op" "/operator/organizations/$g/approve" --data-urlencode "csrf=$otok"
	[ "$STATUS" = 303 ] || { echo "failed $o approve $STATUS"; return; }
	post "$u" "/email/$o" --data-urlencode "csrf=$tok" --data-urlencode "email=$u.$o@caa-allowed.test"
	post "$u" "/email/$o/submit" --data-urlencode "csrf=$tok"
	[ "$STATUS" = 200 ] || { echo "failed $o email $STATUS"; return; }
	link=$(sql "SELECT message FROM outbox WHERE order_id = $o AND kind = 'email-verify'" |
	    grep -o 'http://[^ "<]*/email/confirm/[A-Za-z0-9_-]*' | head -1)
	t=${link##*/}
	get_xml "" "/email/confirm/$t"
	post "" "/email/confirm/$t" --data-urlencode "csrf=$(xpath 'string(//csrf)')"
	[ "$(sql "SELECT step_email FROM orders WHERE id = $o")" = verified ] ||
	    { echo "failed $o confirm $STATUS"; return; }
	post "$u" "/activation/$o" --data-urlencode "csrf=$tok" \
	    -d cn=organization -d include=C -d include=L
	post "$u" "/activation/$o/method" --data-urlencode "csrf=$tok" -d method=csr
	post "$u" "/activation/$o/csr" --data-urlencode "csrf=$tok" --data-urlencode "csr@$3"
	post "$u" "/activation/$o/submit" -H 'Accept: application/xml' --data-urlencode "csrf=$tok"
	[ "$STATUS" = 200 ] && [ "$(xpath 'string(/page/@name)')" = activation-success ] ||
	    { echo "failed $o issue $STATUS"; return; }
	echo "ok $o"
}

# A client: its own customer, its share of the orders one after the other.
client() {	# client INDEX
	local u o i=0 deadline=$((SECONDS + LIMIT))
	# Its own page files: the clients run side by side.
	BODY=$T_TMP/body-$1
	HEADERS=$T_TMP/headers-$1
	u=$(user act customer)
	while [ $i -lt $(((N + C - 1 - $1) / C)) ] && [ $SECONDS -lt $deadline ]; do
		o=$(new_order "$u")
		activate "$u" "$o" "$T_TMP/req-$1-$i.pem"
		i=$((i + 1))
	done
}

# The keys are the customers' business, made before the clock starts.
for c in $(seq 0 $((C - 1))); do
	for i in $(seq 0 $(((N + C - 1 - c) / C - 1))); do
		openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
		    -keyout /dev/null -out "$T_TMP/req-$c-$i.pem" -subj /CN=x 2>/dev/null
	done
done
echo "bench load average: $(cut -d' ' -f1-3 /proc/loadavg)"
start=$(date +%s.%N)
for c in $(seq 0 $((C - 1))); do
	client "$c" >"$T_TMP/client-$c" &
done
wait
end=$(date +%s.%N)
done_n=$(cat "$T_TMP"/client-* | grep -c '^ok ' || true)
cat "$T_TMP"/client-* | grep '^failed ' >&2 || true
# Each activation counted has its one certificate.
ids=$(cat "$T_TMP"/client-* | awk '/^ok /{printf "%s%s", s, $2; s=","}')
[ "$done_n" -gt 0 ] && [ "$(sql "SELECT COUNT(*) FROM certificates WHERE order_id IN ($ids)")" = "$done_n" ] ||
    { echo "bench activations: $done_n completed, certificates do not match" >&2; exit 1; }
awk -v n="$done_n" -v a="$start" -v b="$end" -v c="$C" 'BEGIN {
	printf "bench complete activations through HTTP (step 1, approval, mailbox, CSR, issued; %d clients): %d in %.1f s, %.2f/s\n", c, n, b - a, n / (b - a) }'
