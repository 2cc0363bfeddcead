#!/usr/bin/env bash
# A third-party ACME client, acme-client from npm (pinned by
# tests/acme/package-lock.json), gets an S/MIME certificate: account
# with external account binding, order for a mailbox, the challenge
# mail from the sink answered with a DKIM-signed reply fed to the
# inbound endpoint, challenge completed, finalize with a CSR, the chain
# downloaded and checked with OpenSSL, then revoked with the account's
# key (revokeCert).
. "$(dirname "$0")/lib.sh"

CLIENT="node $SMIME_TEST_TOP/tests/acme/client.js"
REPLY="node $SMIME_TEST_TOP/tests/acme/reply.js"
DIR=$BASE/acme/directory
CA=$SMIME_TEST_CA
val() { sed -n "s/^$1=//p" "$T_TMP/out" | head -1; }

u=$(new_user acmec customer)
sql "INSERT INTO organizations (account_id, name, country, state, locality,
    method, registry_type, registry_number, org_identifier, status, decided_at)
    SELECT id, 'Example sp. z o.o.', 'PL', 'mazowieckie', 'Warszawa',
    'registry', 'NIP', '5260250274', 'VATPL-5260250274', 'verified', NOW(6)
    FROM accounts WHERE login = '$u'"
eab=$(admin acme eab "$u")
kid=$(sed -n 's/^kid //p' <<<"$eab")
hmac=$(sed -n 's/^hmac //p' <<<"$eab")
m=client$$@acme-mail.test
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$T_TMP/account.pem" 2>/dev/null

$CLIENT order "$DIR" "$T_TMP/account.pem" "$kid" "$hmac" "$m" "$T_TMP/state.json" >"$T_TMP/out" 2>&1
cat "$T_TMP/out"
check "acme-client: account and order" test "$(val status)" = pending
token2=$(val token2)
check "acme-client: the email-reply-00 challenge" test "${#token2}" = 22
mail=
for i in $(seq 100); do
	mail=$(grep -l "^To: <$m>" "$SMIME_TEST_STATE"/mail/*.eml 2>/dev/null | head -1)
	[ -n "$mail" ] && break
	sleep 0.1
done
check "the challenge mail arrived" test -n "$mail"
$REPLY "$mail" "$T_TMP/account.pem" "$token2" "$m" \
    --dkim-key "$SMIME_TEST_TOP/tests/data/acme/dkim/sel1.acme-mail.test.pem" \
    --domain acme-mail.test --selector sel1 >"$T_TMP/reply.eml"
v=$(admin acme inbound --dns "127.0.0.1:$(cat "$SMIME_TEST_RUN/dns.port")" <"$T_TMP/reply.eml" 2>&1)
echo "$v"
check "the reply validates" bash -c 'grep -q "^valid" <<<"$0"' "$v"

openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$T_TMP/key.pem"
openssl req -new -key "$T_TMP/key.pem" -subj "/CN=$m" -addext "subjectAltName=email:$m" -out "$T_TMP/csr.pem"
$CLIENT finish "$DIR" "$T_TMP/account.pem" "$T_TMP/state.json" "$T_TMP/csr.pem" "$T_TMP/chain.pem" >"$T_TMP/out" 2>&1
cat "$T_TMP/out"
check "acme-client: the order ready" test "$(val ready)" = ready
check "acme-client: finalized" test "$(val finalized)" = valid
check "acme-client: the chain saved" test -s "$T_TMP/chain.pem"
openssl x509 -in "$T_TMP/chain.pem" -out "$T_TMP/cert.pem" 2>/dev/null
check "openssl verify -purpose smimesign" openssl verify -purpose smimesign -CAfile "$CA/root.pem" -untrusted "$CA/ca.pem" "$T_TMP/cert.pem"
text=$(openssl x509 -in "$T_TMP/cert.pem" -noout -text -certopt ext_parse 2>/dev/null)
check "SAN: the mailbox" grep -qF "email:$m" <<<"$text"
check "subject: CN the mailbox, O verified" bash -c 'grep -q "CN = $1" <<<"$0" && grep -q "O = Example sp. z o.o." <<<"$0"' "$text" "$m"
check "one certificate for the mailbox" test "$(sql "SELECT COUNT(*) FROM certificates c JOIN acme_orders a
    ON a.order_id = c.order_id WHERE a.mailbox = '$m'")" = 1

$CLIENT revoke "$DIR" "$T_TMP/account.pem" "$T_TMP/state.json" "$T_TMP/cert.pem" 4 >"$T_TMP/out" 2>&1
cat "$T_TMP/out"
check "acme-client: revokeCertificate" test "$(val revoked)" = ok
check "the certificate revoked, superseded" test "$(sql "SELECT c.revocation_reason FROM certificates c
    JOIN acme_orders a ON a.order_id = c.order_id WHERE a.mailbox = '$m' AND c.revoked_at IS NOT NULL")" = superseded
$CLIENT revoke "$DIR" "$T_TMP/account.pem" "$T_TMP/state.json" "$T_TMP/cert.pem" 4 >"$T_TMP/out" 2>&1
check "acme-client: twice refused" bash -c 'grep -q "^error=.*revoked already" "$0"' "$T_TMP/out"

done_testing
