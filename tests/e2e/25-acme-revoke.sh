#!/usr/bin/env bash
# ACME revokeCert (RFC 8555 7.6) of certificates issued through ACME:
# by the ordering account's key, by the certificate's own key, and by
# another account holding an authorization for the mailbox; each through
# the wizard's revocation, so the order is revoked, the event, audit row
# and mail written, and the CRL lists the serial. Refused: another
# account's key, a random key, twice, a disallowed reason, a missing or
# wrong-typed reason, garbage, a certificate not ours, a bad nonce, a
# wrong url; nothing revoked by any of them.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/acme-lib.sh"

REVOKE=$BASE/acme/revoke-cert
revoked() { sql "SELECT revoked_at IS NOT NULL FROM certificates c JOIN acme_orders a
    ON a.order_id = c.order_id WHERE a.mailbox = '$1'"; }
wizard_order() { sql "SELECT order_id FROM acme_orders WHERE mailbox = '$1'"; }
rev() {	# rev KEYNAME CERT_B64U REASON [raw options]: revokeCert
	local k=$1 c=$2 r=$3
	shift 3
	local p="{\"certificate\":\"$c\"${r:+,\"reason\":$r}}"
	acme "$k" post "$REVOKE" "$p" "$@"
}

acme a directory
check "directory: revokeCert" test "$(json revokeCert)" = "$REVOKE"

acme_account acmer a
KID_A=$KID
USER_A=$ACME_USER
admin account set "$USER_A" --email "$USER_A@example.com" >/dev/null
ACCT_A=${KID_A##*/}
m1=one$$@acme-mail.test
acme_issue "$m1" k1
check "certificate 1 issued" test "$(issued_for "$m1")" = 1
C1=$CERT_B64U
S1=$(openssl x509 -in "$T_TMP/k1.crt" -noout -serial | cut -d= -f2)
m2=two$$@acme-mail.test
acme_issue "$m2" k2
C2=$CERT_B64U
check "certificate 2 issued" test "$(issued_for "$m2")" = 1

acme_account acmer2 b
KID_B=$KID
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$T_TMP/rnd.pem"

# --- refusals: nothing revoked by any of them ---
rev b "$C1" 4 --kid "$KID_B"
check "another account's key: unauthorized" err unauthorized
check "another account's key: 403" is status 403
rev rnd "$C1" 4 --jwk
check "a random key (jwk): unauthorized" err unauthorized
check "a random key: 403" is status 403
rev k2 "$C1" 4 --jwk
check "another certificate's key: unauthorized" err unauthorized
rev a "$C1" 0 --kid "$KID_A"
check "reason 0 (unspecified): badRevocationReason" err badRevocationReason
rev a "$C1" 7 --kid "$KID_A"
check "reason 7 (unused): badRevocationReason" err badRevocationReason
rev a "$C1" 9 --kid "$KID_A"
check "reason 9 (privilegeWithdrawn, the CA's): badRevocationReason" err badRevocationReason
rev a "$C1" 6 --kid "$KID_A"
check "reason 6 (certificateHold): badRevocationReason" err badRevocationReason
rev a "$C1" 11 --kid "$KID_A"
check "reason 11: badRevocationReason" err badRevocationReason
rev a "$C1" "" --kid "$KID_A"
check "no reason (means unspecified): badRevocationReason" err badRevocationReason
rev a "$C1" '"4"' --kid "$KID_A"
check "a reason as a string: malformed" err malformed
rev a "AAAA" 4 --kid "$KID_A"
check "garbage certificate: malformed" err malformed
check "garbage certificate: 400" is status 400
acme a post "$REVOKE" '{"reason":4}' --kid "$KID_A"
check "no certificate: malformed" err malformed
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$T_TMP/self.key" -subj "/CN=self" -days 1 \
    -outform DER -out "$T_TMP/self.der" 2>/dev/null
rev a "$(basenc --base64url -w0 <"$T_TMP/self.der" | tr -d =)" 4 --kid "$KID_A"
check "a certificate not ours: 404 malformed" bash -c '[ "$0" = 404 ] && [ "$1" = urn:ietf:params:acme:error:malformed ]' "$(val status)" "$(val type)"
rev a "$C1" 4 --kid "$KID_A" --nonce AAAAAAAAAAAAAAAAAAAAAA
check "bad nonce: badNonce" err badNonce
rev a "$C1" 4 --kid "$KID_A" --url "$BASE/acme/new-order"
check "another url: unauthorized" err unauthorized
rev a "$C1" 4 --kid "$KID_A" --bad-sig
check "bad signature: malformed" err malformed
check "after every refusal: nothing revoked" test "$(revoked "$m1")$(revoked "$m2")" = 00
check "no revocation audited" test "$(sql "SELECT COUNT(*) FROM audit WHERE action = 'certificate-revoked'
    AND order_id IN ($(wizard_order "$m1"), $(wizard_order "$m2"))")" = 0

# --- by the ordering account's key ---
o1=$(wizard_order "$m1")
rev a "$C1" 4 --kid "$KID_A"
check "by the account key: 200" is status 200
check "certificate 1 revoked" test "$(revoked "$m1")" = 1
check "reason superseded, by the ACME account" test "$(sql "SELECT CONCAT(revocation_reason, ' ', revoked_by)
    FROM certificates WHERE order_id = $o1")" = "superseded acme-account:$ACCT_A"
check "the order revoked" test "$(sql "SELECT status FROM orders WHERE id = $o1")" = revoked
check "audit: the ACME account as actor" test "$(sql "SELECT COUNT(*) FROM audit WHERE order_id = $o1
    AND action = 'certificate-revoked' AND actor = 'acme-account:$ACCT_A' AND role = 'acme'")" = 1
check "event written" test "$(sql "SELECT COUNT(*) FROM events WHERE order_id = $o1 AND type = 'certificate-revoked'")" = 1
check "mail to the customer queued" test "$(sql "SELECT COUNT(*) FROM outbox WHERE order_id = $o1 AND kind = 'certificate-revoked'")" = 1
get_xml "$USER_A" "/certificates/$o1"
check "dashboard XML: the order revoked" xpath_is "string(//order[@id='$o1']/@status)" revoked
get "" /crl/ca.crl
cp "$BODY" "$T_TMP/ca.crl"
crltext=$(openssl crl -inform DER -in "$T_TMP/ca.crl" -CAfile "$SMIME_TEST_CA/ca.pem" -noout -text 2>&1)
check "the CRL verifies" grep -q "verify OK" <<<"$crltext"
check "the CRL lists serial 1, superseded" bash -c 'grep -A6 -i "Serial Number: $1" <<<"$0" | grep -q Superseded' "$crltext" "$S1"
check "the CRL signed in the same request, by the ACME account" test "$(sql "SELECT COUNT(*) FROM audit
    WHERE action = 'crl-signed' AND actor = 'acme-account:$ACCT_A'")" -ge 1
check "the CRL is not due any more" test "$(sql "SELECT wanted > published FROM crl_state WHERE id = 1")" = 0
rev a "$C1" 4 --kid "$KID_A"
check "twice: alreadyRevoked" err alreadyRevoked
rev k1 "$C1" 1 --jwk
check "twice, by the certificate key: alreadyRevoked" err alreadyRevoked

# --- by the certificate's own key ---
o2=$(wizard_order "$m2")
spki2=$(openssl pkey -in "$T_TMP/k2.pem" -pubout -outform DER | sha256sum | cut -d' ' -f1)
rev k2 "$C2" 1 --jwk
check "by the certificate key: 200" is status 200
check "certificate 2 revoked" test "$(revoked "$m2")" = 1
check "audit: the certificate key as actor" test "$(sql "SELECT COUNT(*) FROM audit WHERE order_id = $o2
    AND action = 'certificate-revoked' AND actor = 'certificate-key'")" = 1
check "keyCompromise: the key blocked" test "$(sql "SELECT COUNT(*) FROM blocked_keys WHERE spki_sha256 = '$spki2'")" = 1

# --- by another account holding an authorization for the mailbox ---
KID=$KID_A
m3=three$$@acme-mail.test
acme_issue "$m3" k3
C3=$CERT_B64U
KID=$KID_B
acme_order "$m3" b
REPLY_KEY=b reply "$m3"
inbound "$T_TMP/reply.eml" >/dev/null
rev b "$C3" 5 --kid "$KID_B"
check "an account with a valid authorization for the mailbox: 200" is status 200
check "certificate 3 revoked" test "$(revoked "$m3")" = 1

done_testing
