#!/usr/bin/env bash
# Step 3 with a key pair on a cryptographic card: the wizard's card page,
# the card agent smime-card against a fresh SoftHSM2 token per case, the
# CSR made on the token through the paste method's checks, issuance, the
# certificate installed on the token next to its key and checked with
# independent tools; then every refusal (wrong or locked PIN, absent
# token, unloadable module, a code reused or expired, a CSR with other
# key parameters or not signed by its key) with its message, and nothing
# changed on the server.
. "$(dirname "$0")/lib.sh"

AGENT=$SMIME_TEST_BUILD/fcgi/card/smime-card
M=/usr/lib/softhsm/libsofthsm2.so
CA=$SMIME_TEST_CA
[ -x "$AGENT" ] || { echo "no agent at $AGENT"; exit 1; }
[ -f "$M" ] || { echo "no SoftHSM2 module at $M"; exit 1; }

export SOFTHSM2_CONF=$T_TMP/softhsm2.conf
mkdir -p "$T_TMP/tokens"
printf 'directories.tokendir = %s\nobjectstore.backend = file\nlog.level = ERROR\n' \
    "$T_TMP/tokens" >"$SOFTHSM2_CONF"
printf '123456\n' >"$T_TMP/pin"
printf '654321\n' >"$T_TMP/badpin"
chmod 600 "$T_TMP/pin" "$T_TMP/badpin"

# A fresh token, alone in its own token folder.
fresh_token() {	# fresh_token LABEL
	rm -rf "$T_TMP/tokens" && mkdir -p "$T_TMP/tokens"
	softhsm2-util --init-token --free --label "$1" --so-pin 87654321 \
	    --pin 123456 >/dev/null
}

# The agent; its output in $T_TMP/out, its exit status in AGENT_RC.
agent() {
	AGENT_RC=0
	"$AGENT" "$@" >"$T_TMP/out" 2>&1 </dev/null || AGENT_RC=$?
	cat "$T_TMP/out"
}
out_has() { grep -qF -- "$1" "$T_TMP/out" || { echo "  agent output lacks: $1" >&2; cat "$T_TMP/out" >&2; return 1; }; }
rc_is() { [ "$AGENT_RC" = "$1" ] || { echo "  agent exit $AGENT_RC, expected $1" >&2; return 1; }; }

u=$(new_user card customer)
admin account set "$u" --email "$u@example.com" >/dev/null
tok=$(csrf_of "$u")

# An order with steps 1 and 2 verified, as 11-activation.sh makes them.
ready_order() {	# ready_order LOGIN MAILBOX -> order id
	local o g
	o=$(new_order "$1")
	sql "INSERT INTO organizations (account_id, name, country, state, locality,
	    method, registry_type, registry_number, org_identifier, status, decided_at)
	    SELECT account_id, 'Example sp. z o.o.', 'PL', 'mazowieckie', 'Warszawa',
	    'registry', 'NIP', '5260250274', 'VATPL-5260250274', 'verified', NOW(6)
	    FROM orders WHERE id = $o"
	g=$(sql "SELECT MAX(id) FROM organizations")
	sql "UPDATE orders SET organization_id = $g, step_data = 'verified',
	    step_email = 'verified', step_activation = 'awaiting', status = 'verification',
	    email = '$2', email_validated_at = NOW(6) WHERE id = $o"
	echo "$o"
}

# An order at the card page with key KEY; LINK is its agent link.
card_order() {	# card_order KEY -> sets O and LINK
	O=$(ready_order "$u" "$u@example.com")
	post "$u" "/activation/$O" --data-urlencode "csrf=$tok" -d cn=email -d include=C
	post "$u" "/activation/$O/method" -H 'Accept: application/xml' \
	    --data-urlencode "csrf=$tok" -d method=card -d "key=$1"
	METHOD_STATUS=$STATUS
	METHOD_LOCATION=$(sed -n 's/^Location: *//Ip' "$HEADERS" | tr -d '\r')
	get_xml "$u" "/activation/$O/card"
	LINK=$(xpath 'string(//card/@link)')
}

# What the server holds of order O and its codes, to compare before and
# after a refused attempt.
server_state() {
	sql "SELECT IFNULL(SHA2(act_csr, 256), '-'), step_activation, status,
	    (SELECT COUNT(*) FROM card_codes WHERE order_id = $O AND used_at IS NOT NULL),
	    (SELECT COUNT(*) FROM certificates WHERE order_id = $O)
	    FROM orders WHERE id = $O"
}

# The CKA_ID of the token's objects of one type (privkey, cert, pubkey).
ids_of() {	# ids_of LABEL TYPE
	pkcs11-tool --module "$M" --token-label "$1" --login --pin 123456 \
	    --list-objects --type "$2" 2>/dev/null | awk '/ID:/ { print $2 }'
}

# The whole path for one key type: wizard, agent, issuance, installation.
full_path() {	# full_path KEY DESC LABEL
	local key=$1 desc=$2 label=$3 link2 keyid certid serial
	fresh_token "$label"
	card_order "$key"
	check "$key: the card page" xpath_is 'string(/page/@name)' activation-card
	check "$key: the method answers with 303 to the card page" test "$METHOD_STATUS $METHOD_LOCATION" = "303 /activation/$O/card"
	check "$key: the choice is stored" test "$(sql "SELECT act_method, act_key FROM orders WHERE id = $O")" = "card	$key"
	check "$key: //card/@link is an smime-card: link to this server" \
	    bash -c '[[ "$0" == smime-card:http://127.0.0.1:'"$SMIME_TEST_PORT"'/activation/card/* ]]' "$LINK"
	check "$key: waiting for the card" xpath_is 'string(//card/@status)' waiting
	check "$key: the command to run by hand" bash -c '[[ "$0" == "smime-card enroll '"'"'$1'"'"'" ]]' "$(xpath 'string(//card/@command)')" "$LINK"
	check "$key: the page reloads itself" xpath_is 'string(//refresh/@seconds)' 5
	get_xml "$u" "/activation/$O/card"
	check "$key: a reload keeps the step and the link" xpath_is 'string(//card/@link)' "$LINK"
	get "$u" "/activation/$O/card"
	check "$key: HTML meta refresh" body_has 'http-equiv="refresh"'
	check "$key: the Generate key pair button is the link" body_has "href=\"$LINK\""
	check "$key: the code is stored as its SHA-256 only" test "$(sql "SELECT COUNT(*) FROM card_codes WHERE order_id = $O AND HEX(code_sha256) = UPPER(SHA2('${LINK##*/}', 256)) AND LOWER(HEX(salt)) <> '${LINK##*/}'")" = 1

	agent --module "$M" --token "$label" --pin-file "$T_TMP/pin" enroll "$LINK"
	check "$key: the agent enrolls" rc_is 0
	check "$key: it says the server accepted" out_has "the server accepted the request"
	check "$key: it reports the key generation" out_has "key pair generated in"
	check "$key: the enroll is audited with the agent's address" \
	    test "$(sql "SELECT COUNT(*) FROM audit WHERE order_id = $O AND action = 'card-csr-accepted' AND remote_addr = '127.0.0.1'")" = 1
	get_xml "$u" "/activation/$O/card"
	check "$key: the wizard moves on to the summary" xpath_is 'string(/page/@name)' activation-summary
	check "$key: the summary names the card's key" xpath_is 'string(//key/@desc)' "$desc"
	keyid=$(ids_of "$label" privkey)
	check "$key: one private key on the token" test "$(echo "$keyid" | wc -w)" = 1
	check "$key: private key sensitive, not extractable" bash -c \
	    'pkcs11-tool --module "$0" --token-label "$1" --login --pin 123456 --list-objects --type privkey 2>/dev/null | grep -q "Access:.*sensitive.*never extractable"' "$M" "$label"
	check "$key: labelled with the order" bash -c \
	    'pkcs11-tool --module "$0" --token-label "$1" --login --pin 123456 --list-objects --type privkey 2>/dev/null | grep -q "label: *S/MIME order $2"' \
	    "$M" "$label" "$(sql "SELECT number FROM orders WHERE id = $O")"

	agent --module "$M" --token "$label" --pin-file "$T_TMP/pin" enroll "$LINK"
	check "$key: the link again: refused as used" rc_is 4
	check "$key: saying so" out_has "has been used already"

	post "$u" "/activation/$O/submit" -H 'Accept: application/xml' --data-urlencode "csrf=$tok"
	check "$key: issued" xpath_is 'string(/page/@name)' activation-success
	serial=$(xpath 'string(//certificate/serial)')
	get_xml "$u" "/certificates/$O"
	check "$key: the details offer Install on card" xpath_is 'string(//card/@install)' 1
	get "$u" "/certificates/$O"
	check "$key: the details show the button" body_has "action=\"/certificates/$O/card\""
	post "$u" "/certificates/$O/card" -H 'Accept: application/xml' --data-urlencode "csrf=$tok"
	check "$key: Install on card: a new link" xpath_is 'string(//card/@purpose)' install
	link2=$(xpath 'string(//card/@link)')
	check "$key: a different link" test -n "$link2" -a "$link2" != "$LINK"

	agent --module "$M" --token "$label" --pin-file "$T_TMP/pin" "$link2"
	check "$key: the agent installs (purpose from the link)" rc_is 0
	check "$key: and checks the token's key is the certificate's" out_has "checked: the certificate's public key is the token's key"
	uri=$(sed -n 's/^its key, for openssl -engine pkcs11: //p' "$T_TMP/out")
	check "$key: the agent names the key's PKCS#11 URI" test \
	    "$uri" = "pkcs11:token=$label;id=%$(echo "$keyid" | sed 's/../&%/g; s/%$//');type=private"
	certid=$(ids_of "$label" cert | sort)
	check "$key: pkcs11-tool lists a certificate with the key's ID" bash -c '[ -n "$1" ] && grep -qx "$1" <<<"$0"' "$certid" "$keyid"
	pkcs11-tool --module "$M" --token-label "$label" --read-object --type cert \
	    --id "$keyid" -o "$T_TMP/tokcert.der" >/dev/null 2>&1
	pkcs11-tool --module "$M" --token-label "$label" --read-object --type pubkey \
	    --id "$keyid" -o "$T_TMP/tokpub.der" >/dev/null 2>&1
	openssl x509 -inform DER -in "$T_TMP/tokcert.der" -out "$T_TMP/card-cert.pem" 2>/dev/null
	check "$key: the token's certificate is the issued one" test -n "$serial" -a \
	    "$(openssl x509 -in "$T_TMP/card-cert.pem" -noout -serial 2>/dev/null | cut -d= -f2 | tr A-F a-f | sed 's/^0*//')" = "$(echo "$serial" | sed 's/^0*//')"
	check "$key: its public key equals the token's" cmp -s \
	    <(openssl x509 -in "$T_TMP/card-cert.pem" -noout -pubkey) \
	    <(openssl pkey -pubin -inform DER -in "$T_TMP/tokpub.der" 2>/dev/null)
	check "$key: the install is audited with the agent's address" \
	    test "$(sql "SELECT COUNT(*) FROM audit WHERE order_id = $O AND action = 'card-certificate-sent' AND remote_addr = '127.0.0.1'")" = 1

	# The same independent checks as the CSR method's certificate.
	check "$key: openssl verify -purpose smimesign" openssl verify -purpose smimesign \
	    -CAfile "$CA/root.pem" -untrusted "$CA/ca.pem" "$T_TMP/card-cert.pem"
	if [ "$key" = rsa2048 ]; then
		check "$key: openssl verify -purpose smimeencrypt" openssl verify -purpose smimeencrypt \
		    -CAfile "$CA/root.pem" -untrusted "$CA/ca.pem" "$T_TMP/card-cert.pem"
	fi
	cat "$T_TMP/card-cert.pem" "$CA/ca.pem" "$CA/root.pem" >"$T_TMP/full.pem"
	check "$key: GnuTLS certtool verifies the chain" bash -c \
	    'certtool --verify-chain --infile "$0" 2>&1 | grep -q "Chain verification output: Verified"' "$T_TMP/full.pem"
	text=$(openssl x509 -in "$T_TMP/card-cert.pem" -noout -text -certopt ext_parse 2>/dev/null)
	check "$key: policy OV strict" grep -qF "Policy: 2.23.140.1.5.2.3" <<<"$text"
	check "$key: SAN the verified mailbox" grep -qF "email:$u@example.com" <<<"$text"
	check "$key: EKU e-mail protection" grep -qF "E-mail Protection" <<<"$text"

	# A mail signed with the key on the token, through the pkcs11 engine.
	printf 'openssl_conf = init\n[init]\nengines = engines\n[engines]\npkcs11 = p11\n[p11]\nengine_id = pkcs11\nMODULE_PATH = %s\ninit = 0\n' \
	    "$M" >"$T_TMP/engine.cnf"
	printf 'Subject: card\r\n\r\nSigned on the card.\r\n' >"$T_TMP/msg.txt"
	check "$key: openssl cms -sign -engine pkcs11 with the token's key" env OPENSSL_CONF="$T_TMP/engine.cnf" \
	    openssl cms -sign -engine pkcs11 -keyform engine \
	    -inkey "$uri?pin-value=123456" \
	    -signer "$T_TMP/card-cert.pem" -certfile "$CA/ca.pem" -in "$T_TMP/msg.txt" -out "$T_TMP/signed.p7m"
	check "$key: and it verifies" openssl cms -verify -in "$T_TMP/signed.p7m" -CAfile "$CA/root.pem" \
	    -purpose smimesign -out "$T_TMP/verified.txt"

	post "$u" "/certificates/$O/card" -H 'Accept: application/xml' --data-urlencode "csrf=$tok"
	agent --module "$M" --token "$label" --pin-file "$T_TMP/pin" install "$(xpath 'string(//card/@link)')"
	check "$key: installing again is harmless" rc_is 0
	check "$key: and says so" out_has "was on the token already"
	check "$key: still one certificate with the key's ID" test \
	    "$(ids_of "$label" cert | grep -cx "$keyid")" = 1
}

full_path rsa2048 "RSA 2048" card-rsa
full_path p256 "EC P-256" card-ec

# The PIN through pinentry when there is no terminal (a browser starts
# the agent so), and a P-384 key.
fresh_token card-p384
card_order p384
cat >"$T_TMP/pinentry" <<'SH'
#!/bin/sh
# A pinentry speaking the Assuan protocol: it answers 123456.
echo "OK fake pinentry"
while read -r cmd rest; do
	case $cmd in
	SETDESC) echo "$rest" >>"$PINENTRY_LOG"; echo OK ;;
	GETPIN) echo "D 123456"; echo OK ;;
	BYE) echo OK; exit 0 ;;
	*) echo OK ;;
	esac
done
SH
chmod 755 "$T_TMP/pinentry"
AGENT_RC=0
PINENTRY_LOG=$T_TMP/pinentry.log SMIME_CARD_PINENTRY=$T_TMP/pinentry setsid -w \
    "$AGENT" --module "$M" --token card-p384 enroll "$LINK" </dev/null >"$T_TMP/out" 2>&1 || AGENT_RC=$?
cat "$T_TMP/out"
check "pinentry: the agent enrolls a P-384 key" rc_is 0
check "pinentry: asked for the token's PIN" grep -q 'The PIN of token "card-p384"' "$T_TMP/pinentry.log"
get_xml "$u" "/activation/$O/card"
check "pinentry: the summary names the P-384 key" xpath_is 'string(//key/@desc)' "EC P-384"

# ------------------------------------------------------------- refusals

fresh_token refusals
card_order rsa2048
before=$(server_state)

agent --module "$M" --token refusals --pin-file "$T_TMP/badpin" enroll "$LINK"
check "wrong PIN: exit 3" rc_is 3
check "wrong PIN: said" out_has "wrong PIN for token \"refusals\""
check "wrong PIN: nothing changed on the server" test "$(server_state)" = "$before"

chmod 644 "$T_TMP/pin"
agent --module "$M" --token refusals --pin-file "$T_TMP/pin" enroll "$LINK"
check "a PIN file others can read: refused" out_has "can be read by others"
chmod 600 "$T_TMP/pin"

agent --module /nonexistent/module.so --pin-file "$T_TMP/pin" enroll "$LINK"
check "module not found: exit 3" rc_is 3
check "module not found: said" out_has "cannot load the PKCS#11 module /nonexistent/module.so"
agent --module "$T_TMP/pin" --pin-file "$T_TMP/pin" enroll "$LINK"
check "not a module: said" out_has "cannot load the PKCS#11 module $T_TMP/pin"
check "module: nothing changed on the server" test "$(server_state)" = "$before"

agent --module "$M" --token absent --pin-file "$T_TMP/pin" enroll "$LINK"
check "absent token: exit 3" rc_is 3
check "absent token: said, with the tokens present" out_has 'no token "absent" is present (present: "refusals")'
rm -rf "$T_TMP/tokens" && mkdir -p "$T_TMP/tokens"
agent --module "$M" --pin-file "$T_TMP/pin" enroll "$LINK"
check "no token at all: said" out_has "no token is present: insert the card"
check "absent token: nothing changed on the server" test "$(server_state)" = "$before"

# A card that counts failed PINs (SoftHSM2 does not): three, then locked.
fresh_token refusals
cc -shared -fPIC $(pkg-config --cflags p11-kit-1) -o "$T_TMP/lockout.so" \
    "$SMIME_TEST_TOP/tests/data/card/p11-lockout.c" -ldl
export SMIME_TEST_LOCKOUT_INNER=$M SMIME_TEST_LOCKOUT_STATE=$T_TMP/lockout.state
agent --module "$T_TMP/lockout.so" --pin-file "$T_TMP/badpin" enroll "$LINK"
check "first wrong PIN: the token says few tries left" out_has "few tries are left"
agent --module "$T_TMP/lockout.so" --pin-file "$T_TMP/badpin" enroll "$LINK"
check "second: one try left" out_has "one try left before the PIN locks"
agent --module "$T_TMP/lockout.so" --pin-file "$T_TMP/badpin" enroll "$LINK"
check "third: locked" out_has "the PIN is now locked"
agent --module "$T_TMP/lockout.so" --pin-file "$T_TMP/pin" enroll "$LINK"
check "locked PIN, even with the right one: exit 3" rc_is 3
check "locked PIN: said, with what to do" out_has "is locked: unblock it"
check "locked PIN: nothing changed on the server" test "$(server_state)" = "$before"
unset SMIME_TEST_LOCKOUT_INNER SMIME_TEST_LOCKOUT_STATE

# A CSR with other key parameters than chosen, straight to the link.
code_url=${LINK#smime-card:}
get_xml "" "${code_url#"$BASE"}"
check "the agent's GET: what the code is for" xpath_is 'string(//card/@purpose)' enroll
check "with the key chosen" xpath_is 'string(//card/@key)' rsa2048
agent_tok=$(xpath 'string(//csrf)')
openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$T_TMP/ec.key" \
    -out "$T_TMP/ec.csr" -subj /CN=x 2>/dev/null
post "" "${code_url#"$BASE"}" -H 'Accept: application/xml' --data-urlencode "csrf=$agent_tok" \
    --data-urlencode "csr@$T_TMP/ec.csr"
check "other key parameters: 422" status_is 422
check "named key-mismatch" xpath_is 'string(//refusal/@code)' key-mismatch
check "other key parameters: nothing changed" test "$(server_state)" = "$before"

# A CSR of the right parameters whose signature is not its key's.
openssl req -new -newkey rsa:2048 -nodes -keyout "$T_TMP/rsa.key" -outform DER \
    -out "$T_TMP/rsa.der" -subj /CN=x 2>/dev/null
python3 -c 'import sys; b = bytearray(open(sys.argv[1], "rb").read()); b[-1] ^= 1; open(sys.argv[1], "wb").write(b)' "$T_TMP/rsa.der"
openssl req -inform DER -in "$T_TMP/rsa.der" -out "$T_TMP/bad.csr" 2>/dev/null
post "" "${code_url#"$BASE"}" -H 'Accept: application/xml' --data-urlencode "csrf=$agent_tok" \
    --data-urlencode "csr@$T_TMP/bad.csr"
check "not signed by its key: 422" status_is 422
check "named signature, as the paste method does" xpath_is 'string(//refusal/@code)' signature
check "not signed by its key: nothing changed" test "$(server_state)" = "$before"
check "the refusals are audited with the agent's address" test \
    "$(sql "SELECT COUNT(*) FROM audit WHERE order_id = $O AND action = 'card-refused' AND remote_addr = '127.0.0.1'")" = 2
post "" "${code_url#"$BASE"}" -H 'Accept: application/xml' --data-urlencode "csrf=$agent_tok" \
    --data-urlencode "csr@$T_TMP/ec.csr" -u "$u:$u"
check "the code path needs no login and takes none" status_is 422

# Expired: the link dies after its 30 minutes.
sql "UPDATE card_codes SET expires_at = NOW(6) - INTERVAL 1 SECOND WHERE order_id = $O"
fresh_token refusals
agent --module "$M" --token refusals --pin-file "$T_TMP/pin" enroll "$LINK"
check "expired link: exit 4" rc_is 4
check "expired link: said" out_has "this link has expired"
check "expired: nothing changed on the server" test "$(server_state)" = "$before"
check "expired: no key pair left on the token" test -z "$(ids_of refusals privkey)"
get_xml "$u" "/activation/$O/card"
check "the wizard offers a new link" xpath_is 'string(//card/@status)' expired
post "$u" "/activation/$O/card" --data-urlencode "csrf=$tok"
check "a new link: 303 to the card page" status_is 303
get_xml "$u" "/activation/$O/card"
check "a new link" bash -c '[ -n "$0" ] && [ "$0" != "$1" ]' "$(xpath 'string(//card/@link)')" "$LINK"

get_xml "" "/activation/card/00000000000000000000000000000000"
check "an unknown code: 404" status_is 404
check "named unknown" xpath_is 'string(//refusal/@code)' unknown
agent --module "$M" --pin-file "$T_TMP/pin" "smime-card:http://example.com/activation/card/00000000000000000000000000000000"
check "a plain http link to another machine: refused by the agent" out_has "the link is not https"

# Another account cannot reach the card pages of this order.
v=$(new_user card2 customer)
get "$v" "/activation/$O/card"
check "another account: 404" status_is 404
post "$v" "/certificates/$O/card" --data-urlencode "csrf=$(csrf_of "$v")"
check "another account cannot make install links: 404" status_is 404
done_testing
