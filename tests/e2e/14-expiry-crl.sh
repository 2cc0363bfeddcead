#!/usr/bin/env bash
# The daily jobs: smime-admin expiry sends the 30- and 7-day notices once
# each and marks ended certificates expired (lists and search show it);
# smime-admin crl writes a fresh, verifiable CRL that nginx serves.
. "$(dirname "$0")/lib.sh"

CA=$SMIME_TEST_CA
u=$(new_user exp customer)
admin account set "$u" --email "$u@example.com" >/dev/null
o=$(new_order "$u")
sql "UPDATE orders SET status = 'issued', step_data = 'verified', step_email = 'verified',
    step_activation = 'issued', serial = 'abc123', not_after = NOW() + INTERVAL 20 DAY WHERE id = $o"
expiry() { admin expiry --xslt "$SMIME_TEST_TOP/xslt" --base-url "$BASE"; }
notices() { sql "SELECT COUNT(*) FROM outbox WHERE order_id = $o AND kind = 'certificate-expiring'"; }

check "expiry job runs" expiry
check "30 days ahead: a notice" test "$(notices)" = 1
check "and an event" test "$(sql "SELECT COUNT(*) FROM events WHERE order_id = $o AND type = 'certificate-expiring'")" = 1
expiry >/dev/null
check "only once" test "$(notices)" = 1
sql "UPDATE orders SET not_after = NOW() + INTERVAL 5 DAY WHERE id = $o"
expiry >/dev/null
check "7 days ahead: a second notice" test "$(notices)" = 2
msg=$(sql "SELECT message FROM outbox WHERE order_id = $o AND kind = 'certificate-expiring' ORDER BY id DESC LIMIT 1")
check "the notice says how many days" bash -c 'grep -q "ends in days: 5" <<<"$0"' "$msg"
sql "UPDATE orders SET not_after = NOW() - INTERVAL 1 HOUR WHERE id = $o"
expiry >/dev/null
check "ended: expired" test "$(sql "SELECT status FROM orders WHERE id = $o")" = expired
check "with its event" test "$(sql "SELECT COUNT(*) FROM events WHERE order_id = $o AND type = 'certificate-expired'")" = 1
get_xml "$u" "/certificates?status=expired"
check "the list shows it as expired" xpath_is "string(//order[@id='$o']/@status)" expired
get_xml "$u" "/search?q=abc123"
check "search shows it as expired" xpath_is "string(//order[@id='$o']/@status)" expired
get "$u" "/certificates?status=expired"
check "in words" body_has "Expired"

n0=$(sql "SELECT number FROM crl_state WHERE id = 1")
check "crl job runs" admin crl --ca-key "$CA/ca.key" --ca-cert "$CA/ca.pem" --out "$SMIME_TEST_STATE/crl"
check "a new CRL number" test "$(sql "SELECT number FROM crl_state WHERE id = 1")" = $((n0 + 1))
get "" /crl/ca.crl
check "served" status_is 200
check "verifies against the CA" bash -c 'openssl crl -inform DER -in "$0" -CAfile "$1" -noout 2>&1 | grep -q "verify OK"' "$BODY" "$CA/ca.pem"
check "its number" bash -c 'openssl crl -inform DER -in "$0" -noout -crlnumber | grep -qi "0*$(printf %X "$1")$"' "$BODY" "$((n0 + 1))"
get "" /crl/ca.cer
check "the CA certificate for AIA" status_is 200
check "is the issuing CA" bash -c 'cmp -s <(openssl x509 -inform DER -in "$0") <(openssl x509 -in "$1")' "$BODY" "$CA/ca.pem"
get "" /crl/../secrets/csrf.key --path-as-is
check "no way out of /crl/ ($STATUS)" bash -c '[ "$0" -ge 400 ]' "$STATUS"
get "" /crl/.ca.crl.123
check "no hidden files ($STATUS)" bash -c '[ "$0" -ge 400 ]' "$STATUS"
done_testing
