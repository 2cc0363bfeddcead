#!/usr/bin/env bash
# Revocation and the CRL: a customer revokes after a confirmation step, the
# CRL served at the URL inside the certificate lists it with its reason,
# openssl verify -crl_check refuses it and accepts another; key compromise
# blocks the key; others cannot revoke; two revocations at once both land.
. "$(dirname "$0")/lib.sh"

CA=$SMIME_TEST_CA
u=$(new_user rev customer)
admin account add "$u" --role customer --email "$u@example.com" >/dev/null
op=$(new_user revop operator)
tok=$(csrf_of "$u")

# An issued certificate for a fresh key: prints "order key.pem cert.pem".
issue() {
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
	get "$u" "/certificates/$o/cert.pem"
	cp "$BODY" "$k.pem"
	echo "$o $k.key $k.pem $k.csr"
}

read -r o1 key1 cert1 csr1 < <(issue)
read -r o2 key2 cert2 csr2 < <(issue)
check "two certificates issued" test -s "$cert1" -a -s "$cert2"

get "$u" "/certificates/$o1"
check "the details offer revocation" body_has "/certificates/$o1/revoke"
post "$u" "/certificates/$o1/revoke" -H 'Accept: application/xml' --data-urlencode "csrf=$tok"
check "first the confirmation page" xpath_is 'string(/page/@name)' certificate-revoke
check "customers get four reasons" xpath_is 'count(//reasons/reason)' 4
check "nothing revoked yet" test "$(sql "SELECT status FROM orders WHERE id = $o1")" = issued
post "$u" "/certificates/$o1/revoke" -H 'Accept: application/xml' --data-urlencode "csrf=$tok" -d confirm=1 -d reason=certificateHold
check "certificateHold is not a reason: 422" status_is 422
post "$u" "/certificates/$o1/revoke" -H 'Accept: application/xml' --data-urlencode "csrf=$tok" -d confirm=1 -d reason=privilegeWithdrawn
check "privilegeWithdrawn is for operators: 422" status_is 422

v=$(new_user rev2 customer)
post "$v" "/certificates/$o1/revoke" --data-urlencode "csrf=$(csrf_of "$v")" -d confirm=1 -d reason=superseded
check "another customer: 404" status_is 404
p=$(new_user revp partner "rp$$")
post "$p" "/certificates/$o1/revoke" --data-urlencode "csrf=$(csrf_of "$p")" -d confirm=1 -d reason=superseded
check "a partner not the customer's: 404" status_is 404

post "$u" "/certificates/$o1/revoke" -H 'Accept: application/xml' --data-urlencode "csrf=$tok" -d confirm=1 -d reason=keyCompromise
check "revoked" xpath_is 'string(/page/@name)' certificate-revoked
check "order revoked" test "$(sql "SELECT status FROM orders WHERE id = $o1")" = revoked
check "revocation audited" test "$(sql "SELECT COUNT(*) FROM audit WHERE order_id = $o1 AND action = 'certificate-revoked' AND actor = '$u'")" = 1
check "event shown" test "$(sql "SELECT COUNT(*) FROM events WHERE order_id = $o1 AND type = 'certificate-revoked'")" = 1
check "mail queued" test "$(sql "SELECT COUNT(*) FROM outbox WHERE order_id = $o1 AND kind = 'certificate-revoked'")" = 1
post "$u" "/certificates/$o1/revoke" --data-urlencode "csrf=$tok" -d confirm=1 -d reason=superseded
check "twice: 409" status_is 409

# The CRL at the URL written in the certificate.
url=$(openssl x509 -in "$cert1" -noout -ext crlDistributionPoints | grep -o 'http://[^ ]*')
path=${url#http://127.0.0.1:$SMIME_TEST_PORT}
get "" "$path"
check "the CRL is served without login" status_is 200
check "as a CRL" header_has 'Content-Type: application/pkix-crl'
cp "$BODY" "$T_TMP/ca.crl"
crltext=$(openssl crl -inform DER -in "$T_TMP/ca.crl" -CAfile "$CA/ca.pem" -noout -text 2>&1)
check "its signature verifies against the issuing CA" grep -q "verify OK" <<<"$crltext"
s1=$(openssl x509 -in "$cert1" -noout -serial | cut -d= -f2)
check "it lists the serial" grep -qi "Serial Number: $s1" <<<"$crltext"
check "with the reason" grep -q "Key Compromise" <<<"$crltext"
check "a CRL number and AKI" bash -c 'grep -q "X509v3 CRL Number" <<<"$0" && grep -q "Authority Key Identifier" <<<"$0"' "$crltext"
check "next update within 10 days" bash -c '
	t=$(openssl crl -inform DER -in "$0" -noout -lastupdate | cut -d= -f2)
	n=$(openssl crl -inform DER -in "$0" -noout -nextupdate | cut -d= -f2)
	d=$(( $(date -d "$n" +%s) - $(date -d "$t" +%s) ))
	[ "$d" -gt 0 ] && [ "$d" -le 864000 ]' "$T_TMP/ca.crl"
openssl crl -inform DER -in "$T_TMP/ca.crl" -out "$T_TMP/ca.crl.pem"
check "verify -crl_check refuses the revoked one" bash -c '! openssl verify -crl_check -CAfile "$0" -untrusted "$1" -CRLfile "$2" "$3" >/dev/null 2>&1' "$CA/root.pem" "$CA/ca.pem" "$T_TMP/ca.crl.pem" "$cert1"
check "and accepts the other" openssl verify -crl_check -CAfile "$CA/root.pem" -untrusted "$CA/ca.pem" -CRLfile "$T_TMP/ca.crl.pem" "$cert2"

# Key compromise blocks the key for good.
o3=$(new_order "$u")
check "the compromised key is blocked" test "$(sql "SELECT COUNT(*) FROM blocked_keys WHERE reason = 'keyCompromise'")" -ge 1
sql "INSERT INTO organizations (account_id, name, country, state, locality, method, registry_type,
    registry_number, org_identifier, status, decided_at) SELECT account_id, 'Example sp. z o.o.', 'PL',
    'mazowieckie', 'Warszawa', 'registry', 'NIP', '5260250274', 'VATPL-5260250274', 'verified',
    NOW(6) FROM orders WHERE id = $o3"
sql "UPDATE orders SET organization_id = (SELECT MAX(id) FROM organizations), step_data = 'verified',
    step_email = 'verified', step_activation = 'awaiting', status = 'verification',
    email = '$u@example.com', email_validated_at = NOW(6) WHERE id = $o3"
post "$u" "/activation/$o3" --data-urlencode "csrf=$tok" -d cn=email
post "$u" "/activation/$o3/method" --data-urlencode "csrf=$tok" -d method=csr
openssl req -new -key "$key1" -out "$T_TMP/again.csr" -subj /CN=again 2>/dev/null
post "$u" "/activation/$o3/csr" -H 'Accept: application/xml' --data-urlencode "csrf=$tok" --data-urlencode "csr@$T_TMP/again.csr"
check "a CSR with the compromised key is refused" xpath_is 'string(//error[@field="csr"]/@key)' csr.key-blocked

# Two revocations at once: the last CRL lists both.
read -r o4 key4 cert4 csr4 < <(issue)
read -r o5 key5 cert5 csr5 < <(issue)
otok=$(csrf_of "$op" /operator/)
curl -s -o /dev/null -u "$u:$u" --data-urlencode "csrf=$tok" -d confirm=1 -d reason=superseded "$BASE/certificates/$o4/revoke" &
curl -s -o /dev/null -u "$op:$op" --data-urlencode "csrf=$otok" -d confirm=1 -d reason=privilegeWithdrawn --data-urlencode 'comment=Operator test' "$BASE/certificates/$o5/revoke" &
wait
get "" "$path"
crltext=$(openssl crl -inform DER -in "$BODY" -noout -text 2>&1)
for c in "$cert4" "$cert5"; do
	s=$(openssl x509 -in "$c" -noout -serial | cut -d= -f2)
	check "concurrent revocations: $s listed" grep -qi "Serial Number: $s" <<<"$crltext"
done
check "an operator may give privilegeWithdrawn, with a comment" test "$(sql "SELECT revocation_reason, revocation_comment FROM certificates WHERE order_id = $o5")" = "privilegeWithdrawn	Operator test"
# Operators read an order's audit trail in order.
get_xml "$op" "/operator/orders/$o1/audit"
check "the audit trail" xpath_is 'string(/page/@name)' operator-audit
check "issuance then revocation, in order" xpath_is 'string(//audit/entry[@action="certificate-revoked"]/preceding-sibling::entry[@action="certificate-issued"]/@action)' certificate-issued
check "with actor and address" xpath_is 'string(//audit/entry[@action="certificate-revoked"]/@addr)' 127.0.0.1
get "$op" "/operator/orders/$o1/audit"
check "the audit page renders" status_is 200
get "$u" "/operator/orders/$o1/audit"
check "customers may not read it" status_is 403
check "CRL signing audited" test "$(sql "SELECT COUNT(*) FROM audit WHERE action = 'crl-signed'")" -ge 3
done_testing
