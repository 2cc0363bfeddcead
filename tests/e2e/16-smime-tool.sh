#!/usr/bin/env bash
# smime-tool, the command-line twin of the generator page: an RSA 2048
# and a P-256 key and CSR, each through the wizard and issued, then PFX
# files in both modes, checked with OpenSSL as the page's are; and the
# problems it names.
. "$(dirname "$0")/lib.sh"

TOOL=$SMIME_TEST_BUILD/fcgi/tools/smime-tool
u=$(new_user tool customer)
tok=$(csrf_of "$u")

ready_order() {	# ready_order LOGIN MAILBOX -> order id (as in 11-activation.sh)
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

PASS="tool-pass-$RANDOM-zażółć"
PFXPASS="pfx-pass-$RANDOM"
printf '%s\n' "$PASS" >"$T_TMP/pass"
printf '%s\n' "$PFXPASS" >"$T_TMP/pfxpass"
for type in rsa2048 p256; do
	o=$(ready_order "$u" "$type-$u@example.com")
	key=$T_TMP/$type.key.pem
	check "$type: csr" "$TOOL" csr --key "$type" --out-key "$key" --out-csr "$T_TMP/$type.csr" \
	    --passphrase-file "$T_TMP/pass"
	check "$type: the key file is mode 0600" test "$(stat -c %a "$key")" = 600
	check "$type: PBES2, PBKDF2-HMAC-SHA256, AES-256-CBC" bash -c 'openssl asn1parse -in "$0" | grep -q ":PBES2" &&
	    openssl asn1parse -in "$0" | grep -q hmacWithSHA256 && openssl asn1parse -in "$0" | grep -q aes-256-cbc' "$key"
	check "$type: openssl pkey opens it with the passphrase" openssl pkey -in "$key" -passin "pass:$PASS" -noout
	check "$type: and not with another" bash -c '! openssl pkey -in "$0" -passin pass:wrong -noout 2>/dev/null' "$key"
	check "$type: the CSR's signature" openssl req -in "$T_TMP/$type.csr" -noout -verify
	check "$type: an existing key file is kept" bash -c '! "$0" csr --key p256 --out-key "$1" --out-csr "$2" --passphrase-file "$3" 2>/dev/null && cmp -s "$1" "$4"' \
	    "$TOOL" "$key" "$T_TMP/x.csr" "$T_TMP/pass" <(cat "$key")
	post "$u" "/activation/$o" --data-urlencode "csrf=$tok" -d cn=email
	post "$u" "/activation/$o/method" --data-urlencode "csrf=$tok" -d method=csr
	post "$u" "/activation/$o/csr" -H 'Accept: application/xml' --data-urlencode "csrf=$tok" \
	    --data-urlencode "csr@$T_TMP/$type.csr"
	check "$type: the wizard takes the CSR" xpath_is 'string(/page/@name)' activation-summary
	post "$u" "/activation/$o/submit" -H 'Accept: application/xml' --data-urlencode "csrf=$tok"
	check "$type: issued" xpath_is 'string(/page/@name)' activation-success
	get "$u" "/certificates/$o/cert.pem"
	cp "$BODY" "$T_TMP/$type.cert.pem"
	get "$u" "/certificates/$o/chain.pem"
	cp "$BODY" "$T_TMP/$type.chain.pem"
	openssl x509 -in "$T_TMP/$type.cert.pem" -noout -pubkey >"$T_TMP/$type.cert.pub"
	for mode in modern compatible; do
		pfx=$T_TMP/$type-$mode.pfx
		extra=() legacy=()
		[ $mode = compatible ] && extra=(--compatible) legacy=(-legacy)
		check "$type $mode: pfx" "$TOOL" pfx --key "$key" --cert "$T_TMP/$type.cert.pem" \
		    --chain "$T_TMP/$type.chain.pem" --out "$pfx" "${extra[@]}" \
		    --key-passphrase-file "$T_TMP/pass" --password-file "$T_TMP/pfxpass"
		check "$type $mode: openssl pkcs12 -info ${legacy[*]}" bash -c 'openssl pkcs12 "$@" >"$0" 2>&1' \
		    "$T_TMP/info" -info -in "$pfx" -passin "pass:$PFXPASS" -nodes "${legacy[@]}"
		if [ $mode = modern ]; then
			check "$type modern: AES-256-CBC, PBKDF2 hmacWithSHA256" bash -c '[ "$(grep -c "PBES2, PBKDF2, AES-256-CBC, Iteration 2048, PRF hmacWithSHA256" "$0")" = 2 ]' "$T_TMP/info"
			check "$type modern: SHA-256 MAC" grep -q 'MAC: sha256' "$T_TMP/info"
		else
			check "$type compatible: 3DES for key and certificates" bash -c '[ "$(grep -c "pbeWithSHA1And3-KeyTripleDES-CBC, Iteration 2048" "$0")" = 2 ]' "$T_TMP/info"
			check "$type compatible: SHA-1 MAC" grep -q 'MAC: sha1' "$T_TMP/info"
		fi
		check "$type $mode: friendly name the mailbox" grep -q "friendlyName: $type-$u@example.com" "$T_TMP/info"
		openssl pkcs12 -in "$pfx" -passin "pass:$PFXPASS" "${legacy[@]}" -nocerts -nodes 2>/dev/null |
		    openssl pkey -pubout >"$T_TMP/p12.pub" 2>/dev/null
		check "$type $mode: its key matches the certificate" cmp -s "$T_TMP/p12.pub" "$T_TMP/$type.cert.pub"
		openssl pkcs12 -in "$pfx" -passin "pass:$PFXPASS" "${legacy[@]}" -clcerts -nokeys 2>/dev/null |
		    openssl x509 >"$T_TMP/p12.cert" 2>/dev/null
		check "$type $mode: the issued certificate inside" cmp -s "$T_TMP/p12.cert" <(openssl x509 -in "$T_TMP/$type.cert.pem")
		n=$(openssl pkcs12 -in "$pfx" -passin "pass:$PFXPASS" "${legacy[@]}" -cacerts -nokeys 2>/dev/null | grep -c 'BEGIN CERTIFICATE')
		check "$type $mode: the chain inside ($n)" test "$n" -ge 2
		openssl pkcs12 -in "$pfx" -passin "pass:$PFXPASS" "${legacy[@]}" -nokeys 2>/dev/null >"$T_TMP/p12.all"
		check "$type $mode: the certificate verifies with the chain inside" \
		    openssl verify -purpose smimesign -CAfile "$SMIME_TEST_CA/root.pem" -untrusted "$T_TMP/p12.all" "$T_TMP/p12.cert"
	done
done

# The problems, each named.
named() {	# named TEXT ARGS...: smime-tool fails, saying TEXT
	local want=$1
	shift
	if "$TOOL" "$@" </dev/null >"$T_TMP/err" 2>&1; then
		echo "  smime-tool succeeded" >&2
		return 1
	fi
	grep -qF -- "$want" "$T_TMP/err" || { echo "  said: $(cat "$T_TMP/err")" >&2; return 1; }
}
echo wrong-pass-phrase >"$T_TMP/wrong"
check "wrong passphrase named" named "wrong passphrase" pfx --key "$T_TMP/rsa2048.key.pem" \
    --cert "$T_TMP/rsa2048.cert.pem" --out "$T_TMP/x.pfx" --key-passphrase-file "$T_TMP/wrong" --password-file "$T_TMP/pfxpass"
check "key and certificate mismatch named" named "does not match the certificate" pfx --key "$T_TMP/p256.key.pem" \
    --cert "$T_TMP/rsa2048.cert.pem" --out "$T_TMP/x.pfx" --key-passphrase-file "$T_TMP/pass" --password-file "$T_TMP/pfxpass"
check "a CSR as the certificate named" named "not a certificate" pfx --key "$T_TMP/rsa2048.key.pem" \
    --cert "$T_TMP/rsa2048.csr" --out "$T_TMP/x.pfx" --key-passphrase-file "$T_TMP/pass" --password-file "$T_TMP/pfxpass"
openssl genpkey -algorithm ed25519 -out "$T_TMP/ed.pem" 2>/dev/null
check "an unsupported key named" named "unsupported key" pfx --key "$T_TMP/ed.pem" \
    --cert "$T_TMP/rsa2048.cert.pem" --out "$T_TMP/x.pfx" --password-file "$T_TMP/pfxpass"
check "an unsupported key type named" named "unsupported key type" csr --key rsa1024 \
    --out-key "$T_TMP/k.pem" --out-csr "$T_TMP/k.csr" --passphrase-file "$T_TMP/pass"
echo short >"$T_TMP/short"
check "a short passphrase refused" named "too short" csr --key p256 \
    --out-key "$T_TMP/k.pem" --out-csr "$T_TMP/k.csr" --passphrase-file "$T_TMP/short"
check "and no key file left" test ! -e "$T_TMP/k.pem"
check "no passphrase on the command line" named "never taken from the command line" csr --key p256 --passphrase "$PASS" \
    --out-key "$T_TMP/k.pem" --out-csr "$T_TMP/k.csr"
check "nor a password" named "never taken from the command line" pfx --key "$T_TMP/p256.key.pem" \
    --cert "$T_TMP/p256.cert.pem" --out "$T_TMP/x.pfx" --password "$PFXPASS"
check "and the secret not echoed" bash -c '! grep -qF -- "$0" "$1"' "$PFXPASS" "$T_TMP/err"
done_testing
