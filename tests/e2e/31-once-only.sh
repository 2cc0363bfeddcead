#!/usr/bin/env bash
# Things that must happen once, raced: several clients confirm the same
# mailbox link at the same moment, several CRL jobs take CRL numbers at
# once, several expiry jobs find the same certificate due for a notice.
# Exactly one confirmation wins; every CRL gets a number of its own, and
# the numbers only rise; the notice is queued once. (Issuance once per
# order under twenty concurrent submits is 11-activation's.)
#
# The guards are conditional UPDATEs whose row counts are checked and
# unique keys, so that they hold on a Galera cluster too, where a row
# lock on one node does not stop another node.
. "$(dirname "$0")/lib.sh"

N=8
CA=$SMIME_TEST_CA

# --- one mailbox link, N confirmations at once -----------------------------------
u=$(new_user once customer)
o=$(new_order "$u")
sql "UPDATE orders SET step_data = 'verified', step_email = 'awaiting', status = 'verification' WHERE id = $o"
tok=$(csrf_of "$u")
post "$u" "/email/$o" --data-urlencode "csrf=$tok" --data-urlencode "email=$u@example.com"
post "$u" "/email/$o/submit" -H 'Accept: application/xml' --data-urlencode "csrf=$tok"
check "the link is mailed" xpath_is 'string(/page/@outcome)' sent
mail=
for _ in $(seq 150); do
	mail=$(grep -ls "X-Smime-Kind: email-verify" "$SMIME_TEST_STATE"/mail/*.eml 2>/dev/null |
	    xargs -r grep -ls "X-Sink-To: $u@example.com" | head -1)
	[ -n "$mail" ] && break
	sleep 0.1
done
check "the mail arrived" test -n "$mail"
t=$(grep -o '/email/confirm/[A-Za-z0-9_-]*' "${mail:-/dev/null}" | head -1)
t=${t##*/}
get_xml "" "/email/confirm/$t"
ctok=$(xpath 'string(//csrf)')
for i in $(seq "$N"); do
	curl -sS -o "$T_TMP/confirm.$i" -w '%{http_code}\n' -X POST \
	    -H 'Accept: application/xml' --data-urlencode "csrf=$ctok" \
	    "$BASE/email/confirm/$t" >"$T_TMP/code.$i" 2>/dev/null &
done
wait
codes=$(cat "$T_TMP"/code.* | sort | uniq -c | awk '{ printf "%s×%s ", $2, $1 }')
echo "# $N confirmations at once: $codes"
check "exactly one confirmation won ($codes)" \
    test "$(cat "$T_TMP"/code.* | grep -c '^200$')" = 1
check "the others were told it is used (410) ($codes)" \
    test "$(cat "$T_TMP"/code.* | grep -c '^410$')" = $((N - 1))
check "the token is used once" \
    test "$(sql "SELECT COUNT(*) FROM email_tokens WHERE order_id = $o AND used_at IS NOT NULL")" = 1
check "one audit row of the verification" \
    test "$(sql "SELECT COUNT(*) FROM audit WHERE order_id = $o AND action = 'email-verified'")" = 1
check "one event" \
    test "$(sql "SELECT COUNT(*) FROM events WHERE order_id = $o AND type = 'email-verified'")" = 1
check "step 2 verified" test "$(sql "SELECT step_email FROM orders WHERE id = $o")" = verified

# --- CRL numbers under N jobs at once ----------------------------------------------
before=$(sql "SELECT number FROM crl_state WHERE id = 1")
for i in $(seq "$N"); do
	mkdir -p "$T_TMP/crl.$i"
	admin crl --ca-key "$CA/ca.key" --ca-cert "$CA/ca.pem" --out "$T_TMP/crl.$i" \
	    >"$T_TMP/crl.$i.out" 2>&1 &
done
wait
after=$(sql "SELECT number FROM crl_state WHERE id = 1")
nums=$(for i in $(seq "$N"); do
	[ -s "$T_TMP/crl.$i/ca.crl" ] && openssl crl -inform DER -in "$T_TMP/crl.$i/ca.crl" \
	    -noout -crlnumber | sed 's/^crlNumber=0x//'
done | sort)
made=$(echo "$nums" | grep -c . || true)
echo "# $N CRL jobs at once: $made written, number $before -> $after"
check "every CRL written got a number of its own" \
    test "$(echo "$nums" | sort -u | grep -c .)" = "$made"
check "the number rose by the CRLs written ($before + $made = $after)" \
    test $((before + made)) = "$after"
check "the highest CRL number is the one recorded" \
    test "$((16#$(echo "$nums" | sort | tail -1)))" = "$after"
check "at least one CRL was written" test "$made" -ge 1

# --- an expiry notice under N expiry jobs at once ------------------------------------
v=$(new_user oncexp customer)
admin account set "$v" --email "$v@example.com" >/dev/null
e=$(new_order "$v")
sql "UPDATE orders SET status = 'issued', step_data = 'verified', step_email = 'verified',
    step_activation = 'issued', serial = 'once$e', not_after = NOW() + INTERVAL 20 DAY WHERE id = $e"
for i in $(seq "$N"); do
	admin expiry --xslt "$SMIME_TEST_TOP/xslt" --base-url "$BASE" \
	    >"$T_TMP/exp.$i.out" 2>&1 &
done
wait
n=$(sql "SELECT COUNT(*) FROM outbox WHERE order_id = $e AND kind = 'certificate-expiring'")
check "$N expiry jobs at once: one 30-day notice ($n)" test "$n" = 1
check "and one event" \
    test "$(sql "SELECT COUNT(*) FROM events WHERE order_id = $e AND type = 'certificate-expiring'")" = 1

done_testing
