#!/usr/bin/env bash
# ACME for S/MIME end to end (RFC 8555 7.4 to 7.5, RFC 8823): an order
# for a mailbox, the challenge mail in the sink, the DKIM-signed reply
# through `smime-admin acme inbound`, finalize through the wizard's CSR
# checks and issuance, the certificate downloaded and checked with
# OpenSSL as the wizard's are; and each way a reply or an order is
# refused: no DKIM, a failing DKIM, a wrong digest, another sender, an
# expired challenge, a non-email identifier, the rate limit, finalize
# before the challenge, a CSR naming something else; nothing issued for
# any of them.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/acme-lib.sh"

OTHER_KEY=$SMIME_TEST_TOP/tests/data/acme/dkim/unpublished.pem
CA=$SMIME_TEST_CA

acme_account acmeo a
new_order() { acme_order "$@"; }

# --- the order and its challenge ---
m=ok$$@acme-mail.test
new_order "$m"
check "newOrder: 201" test "$NEW_STATUS" = 201
acme a post "$ORDER" --kid "$KID"
check "order: pending" test "$(json status)" = pending
check "order: the mailbox" test "$(json identifiers.0.value)" = "$m"
acme a post "$AUTHZ" --kid "$KID"
check "authz: email identifier" test "$(json identifier.type)" = email
check "challenge: email-reply-00" test "$(json challenges.0.type)" = email-reply-00
check "challenge: from the ACME address" test "$(json challenges.0.from)" = acme@localhost
check "challenge: token-part2 of 128 bits" test "${#TOKEN2}" = 22
check "the challenge mail arrived" test -n "$MAIL"
check "mail: Subject ACME: token-part1" grep -qE '^Subject: ACME: [A-Za-z0-9_-]{22}' "$MAIL"
check "mail: from the ACME address" grep -q '^From: <acme@localhost>' "$MAIL"
check "mail: Auto-Submitted type=acme" grep -q '^Auto-Submitted: auto-generated; type=acme' "$MAIL"
check "token-part2 not in the mail" bash -c '! grep -qF -- "$0" "$1"' "$TOKEN2" "$MAIL"
acme a post "$FINALIZE" --kid "$KID" '{"csr":"AAAA"}'
check "finalize before the challenge: orderNotReady" err orderNotReady

# --- the reply, validated ---
acme a post "$CHALL" --kid "$KID" '{}'
check "challenge POST: processing" test "$(json status)" = processing
reply "$m"
check "inbound: valid" bash -c 'grep -q "^valid: DKIM pass: d=acme-mail.test s=sel1" <<<"$0"' "$(inbound "$T_TMP/reply.eml")"
acme a post "$CHALL" --kid "$KID"
check "challenge: valid" test "$(json status)" = valid
acme a post "$ORDER" --kid "$KID"
check "order: ready" test "$(json status)" = ready
check "validation audited with its evidence" test "$(sql "SELECT COUNT(*) FROM audit WHERE action = 'email-verified'
    AND details LIKE 'method=RFC 8823 email-reply-00; address=$m; DKIM pass%'")" = 1
check "the reply kept" test "$(sql "SELECT COUNT(*) FROM acme_replies r JOIN acme_orders a ON a.id = r.acme_order_id
    WHERE a.mailbox = '$m' AND r.verdict = 'valid' AND LENGTH(r.message) > 100")" = 1
check "a second reply changes nothing" bash -c 'grep -q "^ignored" <<<"$0"' "$(inbound "$T_TMP/reply.eml")"

# --- finalize and download ---
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$T_TMP/key.pem" 2>/dev/null
openssl req -new -key "$T_TMP/key.pem" -subj "/CN=$m" -addext "subjectAltName=email:$m" \
    -outform DER -out "$T_TMP/csr.der"
csr=$(basenc --base64url -w0 <"$T_TMP/csr.der" | tr -d =)
openssl req -new -key "$T_TMP/key.pem" -subj "/CN=$m" -addext "subjectAltName=email:other$$@acme-mail.test" \
    -outform DER -out "$T_TMP/other.der"
acme a post "$FINALIZE" --kid "$KID" "{\"csr\":\"$(basenc --base64url -w0 <"$T_TMP/other.der" | tr -d =)\"}"
check "a CSR for another mailbox: badCSR" err badCSR
openssl req -new -key "$T_TMP/key.pem" -subj "/CN=$m" -addext "subjectAltName=email:$m,DNS:example.com" \
    -outform DER -out "$T_TMP/dns.der"
acme a post "$FINALIZE" --kid "$KID" "{\"csr\":\"$(basenc --base64url -w0 <"$T_TMP/dns.der" | tr -d =)\"}"
check "a CSR with a DNS name too: badCSR" err badCSR
acme a post "$FINALIZE" --kid "$KID" '{"csr":"bm90IGEgQ1NS"}'
check "not a CSR: badCSR" err badCSR
acme a post "$ORDER" --kid "$KID"
check "after refused CSRs: still ready, nothing issued" bash -c '[ "$0" = ready ] && [ "$1" = 0 ]' "$(json status)" "$(issued_for "$m")"
acme a post "$FINALIZE" --kid "$KID" "{\"csr\":\"$csr\"}"
check "finalize: 200" is status 200
check "finalize: valid" test "$(json status)" = valid
CERT=$(json certificate)
acme a post "$CERT" --kid "$KID" --out "$T_TMP/chain.pem"
check "certificate: 200" is status 200
check "certificate: PEM chain type" is ctype application/pem-certificate-chain
check "certificate: the chain follows" test "$(grep -c 'BEGIN CERTIFICATE' "$T_TMP/chain.pem")" -ge 3
openssl x509 -in "$T_TMP/chain.pem" -out "$T_TMP/cert.pem"
check "openssl verify -purpose smimesign" openssl verify -purpose smimesign -CAfile "$CA/root.pem" -untrusted "$CA/ca.pem" "$T_TMP/cert.pem"
check "openssl verify -purpose smimeencrypt" openssl verify -purpose smimeencrypt -CAfile "$CA/root.pem" -untrusted "$CA/ca.pem" "$T_TMP/cert.pem"
text=$(openssl x509 -in "$T_TMP/cert.pem" -noout -text -certopt ext_parse 2>/dev/null)
chas() { grep -qF -- "$1" <<<"$text" || { echo "  certificate lacks: $1" >&2; return 1; }; }
check "policy: OV strict" chas "Policy: 2.23.140.1.5.2.3"
check "SAN: the mailbox" chas "email:$m"
check "subject CN: the mailbox" chas "CN = $m"
check "subject O and organizationIdentifier, as the wizard" bash -c 'grep -q "O = Example sp. z o.o." <<<"$0" && grep -q "organizationIdentifier = VATPL-5260250274" <<<"$0"' "$text"
check "EKU: e-mail protection" chas "E-mail Protection"
printf 'Subject: test\r\n\r\nHello, S/MIME.\r\n' >"$T_TMP/msg.txt"
check "CMS sign and verify" bash -c 'openssl cms -sign -in "$0/msg.txt" -signer "$0/cert.pem" -inkey "$0/key.pem" -certfile "$1/ca.pem" -out "$0/s.p7m" &&
    openssl cms -verify -in "$0/s.p7m" -CAfile "$1/root.pem" -purpose smimesign -out /dev/null' "$T_TMP" "$CA"
acme a post "$FINALIZE" --kid "$KID" "{\"csr\":\"$csr\"}"
check "finalize again: the same order" test "$(json certificate)" = "$CERT"
check "one certificate" test "$(issued_for "$m")" = 1

# --- refused replies: each leaves the challenge invalid, nothing issued ---
refused() {	# refused NAME ERROR-TYPE REPLY-FROM [reply options]
	local name=$1 type=$2 from=$3
	shift 3
	local mb=$name$$@acme-mail.test
	new_order "$mb"
	[ "$from" = self ] && from=$mb
	reply "$from" "$@"
	check "$name: inbound says invalid" bash -c 'grep -q "^invalid" <<<"$0"' "$(inbound "$T_TMP/reply.eml")"
	acme a post "$CHALL" --kid "$KID"
	check "$name: challenge invalid" test "$(json status)" = invalid
	check "$name: $type" test "$(json error.type)" = "urn:ietf:params:acme:error:$type"
	acme a post "$ORDER" --kid "$KID"
	check "$name: order invalid" test "$(json status)" = invalid
	acme a post "$FINALIZE" --kid "$KID" "{\"csr\":\"$csr\"}"
	check "$name: finalize refused" err orderNotReady
	check "$name: nothing issued" test "$(issued_for "$mb")" = 0
}
refused nodkim unauthorized self --no-dkim
refused baddkim unauthorized self --break-dkim
refused otherkey unauthorized self --dkim-key "$OTHER_KEY"
refused digest incorrectResponse self --wrong-digest
refused sender unauthorized "someone$$@acme-mail.test"
mb=late$$@acme-mail.test
new_order "$mb"
sql "UPDATE acme_orders SET expires_at = NOW(6) - INTERVAL 1 SECOND WHERE mailbox = '$mb'"
reply "$mb"
check "expired: inbound says invalid" bash -c 'grep -q "^invalid.*expired" <<<"$0"' "$(inbound "$T_TMP/reply.eml")"
acme a post "$CHALL" --kid "$KID"
check "expired: challenge invalid, unauthorized" test "$(json error.type)" = urn:ietf:params:acme:error:unauthorized
check "expired: nothing issued" test "$(issued_for "$mb")" = 0
printf 'From: <x@acme-mail.test>\r\nSubject: hello\r\n\r\nno token\r\n' >"$T_TMP/junk.eml"
check "not a reply: ignored, kept" bash -c 'grep -q "^ignored" <<<"$0"' "$(inbound "$T_TMP/junk.eml")"

# --- refused orders ---
acme a post "$BASE/acme/new-order" --kid "$KID" '{"identifiers":[{"type":"dns","value":"example.com"}]}'
check "dns identifier: unsupportedIdentifier" err unsupportedIdentifier
acme a post "$BASE/acme/new-order" --kid "$KID" '{"identifiers":[{"type":"email","value":"not a mailbox"}]}'
check "bad mailbox: rejectedIdentifier" err rejectedIdentifier
mb=many$$@acme-mail.test
for i in 1 2 3 4 5; do acme a post "$BASE/acme/new-order" --kid "$KID" "{\"identifiers\":[{\"type\":\"email\",\"value\":\"$mb\"}]}"; done
check "five orders for one mailbox a day" is status 201
acme a post "$BASE/acme/new-order" --kid "$KID" "{\"identifiers\":[{\"type\":\"email\",\"value\":\"$mb\"}]}"
check "the sixth: rateLimited" err rateLimited
check "rateLimited: 429" is status 429

done_testing
