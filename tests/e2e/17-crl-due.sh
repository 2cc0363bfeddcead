#!/usr/bin/env bash
# A revocation whose CRL cannot be written at once (here: ca.crl is in
# the way, as a full disk or a dead signer would make it fail) leaves a
# CRL due in the database; the revocation still stands, and once writing
# works again the CRL that lists it is published within a minute, by a
# worker that holds a signer or by `smime-admin crl --watch`, without
# anyone revoking anything else.
. "$(dirname "$0")/lib.sh"

CRLDIR=$SMIME_TEST_STATE/crl
u=$(new_user crldue customer)
admin account add "$u" --role customer --email "$u@example.com" >/dev/null
tok=$(csrf_of "$u")

issue() {	# an issued certificate: prints the order id
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
	post "$u" "/activation/$o/submit" --data-urlencode "csrf=$tok"
	echo "$o"
}
due() { sql "SELECT wanted > published FROM crl_state WHERE id = 1"; }
crl_lists() {	# crl_lists SERIAL: the served CRL names it
	curl -s -o "$T_TMP/ca.crl" "$BASE/crl/ca.crl" &&
	    openssl crl -inform DER -in "$T_TMP/ca.crl" -noout -text 2>/dev/null |
	    tr -d ' :' | grep -qi "SerialNumber$1\$"
}
usec() { echo "${EPOCHREALTIME//[.,]/}"; }
wait_until() {	# wait_until SECONDS COMMAND...
	local end=$(($(usec) + $1 * 1000000))
	shift
	while :; do
		"$@" && return 0
		[ "$(usec)" -lt "$end" ] || return 1
		sleep 0.5
	done
}

o=$(issue)
serial=$(sql "SELECT serial FROM certificates WHERE order_id = $o")
check "a certificate issued" test -n "$serial"
check "no CRL due before" test "$(due)" = 0

# ca.crl made a directory: every CRL write fails until it is put back.
mv "$CRLDIR/ca.crl" "$T_TMP/ca.crl.saved"
mkdir -p "$CRLDIR/ca.crl/blocked"
restore() {
	[ -d "$CRLDIR/ca.crl" ] && rm -rf "$CRLDIR/ca.crl"
	[ -f "$T_TMP/ca.crl.saved" ] && [ ! -e "$CRLDIR/ca.crl" ] &&
	    mv "$T_TMP/ca.crl.saved" "$CRLDIR/ca.crl"
	return 0
}
trap 'restore; rm -rf "$T_TMP"' EXIT
post "$u" "/certificates/$o/revoke" -H 'Accept: application/xml' \
    --data-urlencode "csrf=$tok" -d confirm=1 -d reason=superseded
check "revoked" xpath_is 'string(/page/@name)' certificate-revoked
check "the page says the CRL could not be updated" xpath_is 'string(//error/@key)' revoke.crl-failed
check "the revocation stands" test "$(sql "SELECT revoked_at IS NOT NULL FROM certificates WHERE order_id = $o")" = 1
check "a CRL is due" test "$(due)" = 1
sleep 2
check "still due while writing fails" test "$(due)" = 1

restore
t0=$(usec)
check "the CRL lists the serial within 60 s" wait_until 60 crl_lists "$serial"
echo "# published $(( ($(usec) - t0) / 1000000 )) s after writing works again"
check "and the CRL is no longer due" test "$(due)" = 0
check "the CRL verifies against the CA" openssl crl -inform DER -in "$T_TMP/ca.crl" \
    -CAfile "$SMIME_TEST_CA/ca.pem" -noout
done_testing
