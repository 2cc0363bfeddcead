#!/usr/bin/env bash
# The ACME pages: a customer's "ACME access" page issues external
# account binding keys only when its organization data is verified and
# current, shows the MAC key once, and the key then registers an ACME
# account; operators see ACME accounts and orders, nobody else does.
. "$(dirname "$0")/lib.sh"

u=$(new_user acmep customer)
n=$(new_user acmen customer)
op=$(new_user acmeop operator)
sql "INSERT INTO organizations (account_id, name, country, state, locality,
    method, registry_type, registry_number, org_identifier, status, decided_at)
    SELECT id, 'Example sp. z o.o.', 'PL', 'mazowieckie', 'Warszawa',
    'registry', 'NIP', '5260250274', 'VATPL-5260250274', 'verified', NOW(6)
    FROM accounts WHERE login = '$u'"

get_xml "$u" /acme-access/
check "access page: 200" status_is 200
check "access page: its name" xpath_is 'string(/page/@name)' acme-access
check "access page: eligible" xpath_is 'string(//acme/@eligible)' yes
check "access page: the directory URL" xpath_is 'string(//acme/@directory)' "$BASE/acme/directory"
check "access page: no key yet" xpath_is 'count(//keys/key)' 0
get "$u" /acme-access/
check "access page renders" body_has 'Issue a key'
tok=$(csrf_of "$u" /acme-access/)
post "$u" /acme-access/keys -H 'Accept: application/xml'
check "issue without CSRF: 403" status_is 403
post "$u" /acme-access/keys -H 'Accept: application/xml' --data-urlencode "csrf=$tok"
check "issue: 200" status_is 200
kid=$(xpath 'string(//new-key/@kid)')
hmac=$(xpath 'string(//new-key/@hmac)')
check "issue: a key identifier" test "${#kid}" = 22
check "issue: a 256-bit MAC key" test "${#hmac}" = 43
check "issue: listed" xpath_is 'count(//keys/key)' 1
check "issue: audited" test "$(sql "SELECT COUNT(*) FROM audit WHERE action = 'acme.eab.issued' AND actor = '$u'")" = 1
get_xml "$u" /acme-access/
check "the MAC key is shown once" bash -c '! grep -qF -- "$0" "$1"' "$hmac" "$BODY"
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$T_TMP/a.pem"
node "$SMIME_TEST_TOP/tests/acme/raw.js" "$BASE/acme/directory" "$T_TMP/a.pem" new-account \
    --eab-kid "$kid" --eab-hmac "$hmac" >"$T_TMP/out" 2>&1
check "the key registers an ACME account" grep -q '^status=201' "$T_TMP/out"
get_xml "$u" /acme-access/
check "the key: used, with its ACME account" xpath_is 'string(//keys/key/@status)' valid

get_xml "$n" /acme-access/
check "unverified organization: not eligible" xpath_is 'string(//acme/@eligible)' no
tok=$(csrf_of "$n" /acme-access/)
post "$n" /acme-access/keys -H 'Accept: application/xml' --data-urlencode "csrf=$tok"
check "unverified organization: no key (409)" status_is 409
check "unverified organization: nothing stored" test "$(sql "SELECT COUNT(*) FROM acme_eab e JOIN accounts a ON a.id = e.account_id WHERE a.login = '$n'")" = 0

get_xml "$op" /operator/acme/
check "operator view: 200" status_is 200
check "operator view: the account bound to $u" bash -c "xmllint --xpath 'count(//acme-accounts/account[@login=\"$u\"])' \"\$0\" | grep -qx 1" "$BODY"
get "$op" /operator/acme/
check "operator view renders" body_has 'ACME accounts'
get_xml "$u" /operator/acme/
check "operator view: not for customers" status_is 403
get_xml "$op" /acme-access/
check "access page: not for operators" status_is 403

done_testing
