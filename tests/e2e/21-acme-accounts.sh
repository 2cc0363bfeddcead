#!/usr/bin/env bash
# ACME accounts (RFC 8555 7.1 to 7.3) through nginx: the directory,
# nonces, newAccount with external account binding bound to an account
# whose organization data is verified and current, account update, key
# rollover and deactivation; and every request refused as it must be: a
# bad signature, a nonce used twice, another URL signed, no binding, a
# binding to unverified or stale organization data, a wrong MAC.
. "$(dirname "$0")/lib.sh"

RAW="node $SMIME_TEST_TOP/tests/acme/raw.js"
DIR=$BASE/acme/directory
OUT=$T_TMP/out

key() {	# key NAME TYPE: a private key in $T_TMP/NAME.pem
	case $2 in
	rsa) openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$T_TMP/$1.pem" 2>/dev/null ;;
	p256|p384) openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:"${2/p/P-}" -out "$T_TMP/$1.pem" ;;
	ed25519) openssl genpkey -algorithm ED25519 -out "$T_TMP/$1.pem" ;;
	esac
}
acme() {	# acme KEYNAME OP ARGS...: one request; its report in $OUT
	local k=$1
	shift
	$RAW "$DIR" "$T_TMP/$k.pem" "$@" >"$OUT" 2>&1 || true
}
val() { sed -n "s/^$1=//p" "$OUT" | head -1; }
is() {	# is KEY VALUE
	local v
	v=$(val "$1")
	[ "$v" = "$2" ] || { echo "  $1 = '$v', expected '$2'" >&2; cat "$OUT" >&2; return 1; }
}
err() { is type "urn:ietf:params:acme:error:$1"; }
has() { grep -qF -- "$1" "$OUT" || { echo "  lacks: $1" >&2; cat "$OUT" >&2; return 1; }; }

# Our accounts: one with organization data verified today, one with data
# only submitted, one whose verification is 900 days old.
org() {	# org LOGIN STATUS DAYS_AGO
	sql "INSERT INTO organizations (account_id, name, country, state, locality,
	    method, registry_type, registry_number, org_identifier, status, decided_at)
	    SELECT id, 'Example sp. z o.o.', 'PL', 'mazowieckie', 'Warszawa',
	    'registry', 'NIP', '5260250274', 'VATPL-5260250274', '$2',
	    NOW(6) - INTERVAL $3 DAY FROM accounts WHERE login = '$1'"
}
eab() {	# eab LOGIN: sets KID and HMAC
	local o
	o=$(admin acme eab "$1")
	KID=$(echo "$o" | sed -n 's/^kid //p')
	HMAC=$(echo "$o" | sed -n 's/^hmac //p')
}
u=$(new_user acme customer); org "$u" verified 0
v=$(new_user acmeu customer); org "$v" submitted 0
w=$(new_user acmes customer); org "$w" verified 900
for k in a:p256 b:p256 c:p384 d:rsa e:ed25519 f:p256 g:p256; do key "${k%%:*}" "${k#*:}"; done

# --- directory and nonces ---
request "" GET /acme/directory
check "directory: 200" status_is 200
check "directory: newAccount" body_has "\"newAccount\":\"$BASE/acme/new-account\""
check "directory: EAB required" body_has '"externalAccountRequired":true'
check "directory: no login asked" header_has '^content-type: application/json'
request "" HEAD /acme/new-nonce
check "newNonce HEAD: 200" status_is 200
check "newNonce HEAD: a nonce" header_has '^replay-nonce: [A-Za-z0-9_-]\{22\}'
check "newNonce: no-store" header_has '^cache-control: no-store'
request "" GET /acme/new-nonce
check "newNonce GET: 204" status_is 204
request "" GET /acme/new-account
check "newAccount by GET: 405" status_is 405
request "" GET /acme/nothing-here
check "unknown resource: 404" status_is 404

# --- newAccount refusals ---
acme a new-account
check "no binding: 403" is status 403
check "no binding: externalAccountRequired" err externalAccountRequired
check "no binding: a fresh nonce anyway" has "nonce="
eab "$v"
acme a new-account --eab-kid "$KID" --eab-hmac "$HMAC"
check "unverified organization: unauthorized" err unauthorized
check "unverified organization: says why" has "825 days"
eab "$w"
acme a new-account --eab-kid "$KID" --eab-hmac "$HMAC"
check "organization verified 900 days ago: unauthorized" err unauthorized
eab "$u"
acme a new-account --eab-kid "$KID" --eab-hmac "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
check "wrong MAC: unauthorized" err unauthorized
acme a new-account --eab-kid "unknown-kid" --eab-hmac "$HMAC"
check "unknown kid: unauthorized" err unauthorized
acme a new-account --eab-kid "$KID" --eab-hmac "$HMAC" --bad-sig
check "bad JWS signature: malformed" err malformed
check "bad JWS signature: 400" is status 400
acme a new-account --eab-kid "$KID" --eab-hmac "$HMAC" --url "$BASE/acme/key-change"
check "another URL signed: unauthorized" err unauthorized
acme a new-account --eab-kid "$KID" --eab-hmac "$HMAC" --ctype application/json
check "wrong media type: 415" is status 415
acme a new-account --eab-kid "$KID" --eab-hmac "$HMAC" --nonce AAAAAAAAAAAAAAAAAAAAAA
check "unknown nonce: badNonce" err badNonce
acme a new-account --eab-kid "$KID" --eab-hmac "$HMAC" --contact "mailto:not an address"
check "bad contact: invalidContact" err invalidContact
acme a new-account --eab-kid "$KID" --eab-hmac "$HMAC" --contact "tel:+48123"
check "tel: contact: unsupportedContact" err unsupportedContact
acme a new-account --only-existing
check "onlyReturnExisting, no account: accountDoesNotExist" err accountDoesNotExist
check "no account made by any refusal" [ "$(sql "SELECT COUNT(*) FROM acme_accounts WHERE account_id IN
    (SELECT id FROM accounts WHERE login IN ('$u', '$v', '$w'))")" = 0 ]

# --- newAccount ---
acme a new-account --eab-kid "$KID" --eab-hmac "$HMAC" --contact "mailto:admin@example.com"
check "newAccount: 201" is status 201
check "newAccount: valid" is acct_status valid
check "newAccount: contact kept" has '"contact":["mailto:admin@example.com"]'
ACCT=$(val location)
check "newAccount: Location is an account URL" [ "${ACCT#"$BASE/acme/account/"}" != "$ACCT" ]
check "newAccount: audited" [ "$(sql "SELECT COUNT(*) FROM audit WHERE action = 'acme.account.created'
    AND details LIKE 'acme account ${ACCT##*/},%'")" = 1 ]
acme a new-account --only-existing
check "the same key again: 200" is status 200
check "the same key again: the same account" is location "$ACCT"
acme b new-account --eab-kid "$KID" --eab-hmac "$HMAC"
check "a used binding key: unauthorized" err unauthorized
for k in c:ES384 d:RS256 e:EdDSA; do
	eab "$u"
	acme "${k%%:*}" new-account --eab-kid "$KID" --eab-hmac "$HMAC"
	check "newAccount with ${k#*:}: 201" is status 201
	L=$(val location)
	acme "${k%%:*}" post "$L" --kid "$L"
	check "POST-as-GET with ${k#*:}: 200" is status 200
done

# --- requests with the account's kid ---
acme a post "$ACCT" --kid "$ACCT"
check "POST-as-GET: 200" is status 200
check "POST-as-GET: the account" is acct_status valid
check "POST-as-GET: an orders URL" has "\"orders\":\"$ACCT/orders\""
N=$(acme a nonce; val nonce)
acme a post "$ACCT" --kid "$ACCT" --nonce "$N"
check "with a fresh nonce: 200" is status 200
acme a post "$ACCT" --kid "$ACCT" --nonce "$N"
check "the same nonce again: badNonce" err badNonce
acme a post "$ACCT" --kid "$ACCT" --bad-sig
check "kid, bad signature: malformed" err malformed
acme b post "$ACCT" --kid "$ACCT"
check "another key for this kid: malformed" err malformed
acme a post "$ACCT" --kid "$ACCT" --url "$ACCT/orders"
check "kid, another URL signed: unauthorized" err unauthorized
acme a post "$ACCT" --jwk
check "jwk where a kid is due: malformed" err malformed
acme a post "$BASE/acme/account/999999999" --kid "$BASE/acme/account/999999999"
check "no such account: accountDoesNotExist" err accountDoesNotExist
L=$(sql "SELECT MAX(id) FROM acme_accounts")
acme a post "$BASE/acme/account/$L" --kid "$ACCT"
check "another account's URL: unauthorized" err unauthorized
acme a post "$ACCT" --kid "$ACCT" '{"contact":["mailto:ops@example.com"]}'
check "update contact: 200" is status 200
check "update contact: stored" has '"contact":["mailto:ops@example.com"]'
acme a post "$ACCT" --kid "$ACCT" '{"status":"revoked"}'
check "status other than deactivated: malformed" err malformed
head -c 70000 /dev/zero | tr '\0' a >"$T_TMP/big"
request "" POST /acme/new-account -H 'Content-Type: application/jose+json' --data-binary @"$T_TMP/big"
check "oversized body: 413" status_is 413
request "" POST /acme/new-account -H 'Content-Type: application/jose+json' --data-binary '[[[[[[[[[[[[1]]]]]]]]]]]]'
check "too deep JSON: malformed" body_has 'urn:ietf:params:acme:error:malformed'

# --- key rollover ---
acme a key-change "$T_TMP/f.pem" --kid "$ACCT"
check "keyChange: 200" is status 200
acme a post "$ACCT" --kid "$ACCT"
check "the old key no longer signs: malformed" err malformed
acme f post "$ACCT" --kid "$ACCT"
check "the new key signs: 200" is status 200
acme f key-change "$T_TMP/c.pem" --kid "$ACCT"
check "keyChange to another account's key: 409" is status 409
check "keyChange conflict: names that account" has "location=$BASE/acme/account/"
check "keyChange: audited" [ "$(sql "SELECT COUNT(*) FROM audit WHERE action = 'acme.account.key-changed'
    AND details LIKE 'acme account ${ACCT##*/},%'")" = 1 ]

# --- deactivation ---
acme f post "$ACCT" --kid "$ACCT" '{"status":"deactivated"}'
check "deactivate: 200" is status 200
check "deactivate: deactivated" is acct_status deactivated
acme f post "$ACCT" --kid "$ACCT"
check "a deactivated account: unauthorized" err unauthorized
acme f new-account --only-existing
check "newAccount of a deactivated key: unauthorized" err unauthorized

done_testing
