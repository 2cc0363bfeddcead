#!/usr/bin/env bash
# Step 3, certificate activation, as a customer clicks through it: the
# fields, the method, every CSR fixture through the HTTP route with its
# expected verdict, issuance checked with independent tools (OpenSSL,
# GnuTLS), a CMS round trip, downloads, CAA, and 20 concurrent submits.
. "$(dirname "$0")/lib.sh"

FIX=$SMIME_TEST_TOP/tests/data/fixtures
[ -d "$FIX/csr" ] || { echo "fixtures not found at $FIX"; exit 1; }
CA=$SMIME_TEST_CA

u=$(new_user act customer)
admin account add "$u" --role customer --email "$u@example.com" >/dev/null
tok=$(csrf_of "$u")

# An order with steps 1 and 2 verified, for mailbox $2, organization
# verified by NIP.
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

o=$(ready_order "$u" "$u@example.com")
get_xml "$u" "/activation/$o"
check "the fields page" xpath_is 'string(/page/@name)' activation-fields
check "verified organization offered" xpath_is 'string(//data/organization)' 'Example sp. z o.o.'
check "organizationIdentifier offered" xpath_is 'string(//data/org-identifier)' VATPL-5260250274
post "$u" "/activation/$o" -H 'Accept: application/xml' --data-urlencode "csrf=$tok"
check "no common name chosen: 422" status_is 422
check "named" xpath_is 'count(//error[@field="cn"])' 1
post "$u" "/activation/$o" -H 'Accept: application/xml' --data-urlencode "csrf=$tok" \
    -d cn=email -d include=C -d include=L -d include=XX
check "an unknown attribute: 422" status_is 422
post "$u" "/activation/$o" -H 'Accept: application/xml' --data-urlencode "csrf=$tok" \
    -d cn=organization -d include=C -d include=L -d include=ST
check "fields taken: the method page" xpath_is 'string(/page/@name)' activation-method
post "$u" "/activation/$o/method" -H 'Accept: application/xml' --data-urlencode "csrf=$tok" -d method=card -d key=p256
check "card: the waiting page" xpath_is 'string(//card/@key)' p256
post "$u" "/activation/$o/method" -H 'Accept: application/xml' --data-urlencode "csrf=$tok" -d method=csr
check "CSR: the CSR page" xpath_is 'string(/page/@name)' activation-csr

# A file over the limit is named as such, with its size and the limit.
head -c 204800 /dev/urandom >"$T_TMP/big.csr"
post "$u" "/activation/$o/csr" -H 'Accept: application/xml' -F "csrf=$tok" \
    -F "csrfile=@$T_TMP/big.csr;filename=big.csr"
check "a 200 KB CSR file: 422" status_is 422
check "it is too large, not missing" xpath_is 'string(//error[@field="csr"]/@key)' csr.too-big
check "the message gives its size and the limit" xpath_is 'string(//error[@field="csr"])' 'The CSR is 200 KB; the limit is 64 KB.'
check "in bytes too" xpath_is 'concat(//error[@field="csr"]/@size, "/", //error[@field="csr"]/@limit)' 204800/65536
head -c 70000 /dev/zero | tr '\0' 'A' >"$T_TMP/big.txt"
post "$u" "/activation/$o/csr" -H 'Accept: application/xml' -F "csrf=$tok" \
    -F "csr=<$T_TMP/big.txt"
check "70000 bytes pasted: too large, with the size" xpath_is 'string(//error[@field="csr"])' 'The CSR is 69 KB; the limit is 64 KB.'

# Every fixture through the route, with the manifest's verdict.
while IFS=$'\t' read -r file split gen ktype ksize verdict basis reason rest; do
	[ "$file" = file ] && continue
	post "$u" "/activation/$o/csr" -H 'Accept: application/xml' -F "csrf=$tok" \
	    -F "csrfile=@$FIX/csr/$file;filename=$file"
	if [ "$verdict" = accept ]; then
		check "fixture $file accepted" status_is 200
	else
		check "fixture $file refused ($reason)" status_is 422
		check "fixture $file: the problem named" bash -c '[ -n "$(xmllint --xpath "string(//error[@field=\"csr\"])" "$0")" ]' "$BODY"
	fi
done <"$FIX/csr/manifest.tsv"

# Pasted text with CRLF and extra white space, and a private key along.
openssl req -new -newkey rsa:3072 -nodes -keyout "$T_TMP/key.pem" -out "$T_TMP/req.pem" \
    -subj "/CN=ignored/O=Evil Corp" 2>/dev/null
post "$u" "/activation/$o/csr" -H 'Accept: application/xml' --data-urlencode "csrf=$tok" \
    --data-urlencode "csr@$T_TMP/key.pem"
check "a private key instead of a CSR: refused" status_is 422
check "and the warning" xpath_is 'string(//warning/@key)' csr.private-key
printf '  \r\n%s\r\n  ' "$(sed 's/$/\r/' "$T_TMP/req.pem")" >"$T_TMP/req-crlf.pem"
post "$u" "/activation/$o/csr" -H 'Accept: application/xml' --data-urlencode "csrf=$tok" \
    --data-urlencode "csr@$T_TMP/req-crlf.pem"
check "pasted CRLF PEM: the summary" xpath_is 'string(/page/@name)' activation-summary
check "subject from verified data, not the CSR" xpath_is 'string(//subject/attr[@type="O"])' 'Example sp. z o.o.'
check "CN the organization as chosen" xpath_is 'string(//subject/attr[@type="CN"])' 'Example sp. z o.o.'
check "nothing of the CSR's subject" bash -c '! grep -q "Evil Corp" "$0"' "$BODY"

# Issue.
post "$u" "/activation/$o/submit" -H 'Accept: application/xml' --data-urlencode "csrf=$tok"
check "issued" xpath_is 'string(/page/@name)' activation-success
serial=$(xpath 'string(//certificate/serial)')
check "one certificate stored" test "$(sql "SELECT COUNT(*) FROM certificates WHERE order_id = $o")" = 1
check "order issued" test "$(sql "SELECT status, step_activation FROM orders WHERE id = $o")" = "issued	issued"
get "$u" "/certificates/$o/cert.pem"
check "PEM download" status_is 200
check "PEM type" header_has 'Content-Type: application/x-pem-file'
check "PEM file name" header_has "filename=\"smime-$serial-cert.pem\""
cp "$BODY" "$T_TMP/cert.pem"
get "$u" "/certificates/$o/cert.der"
check "DER type" header_has 'Content-Type: application/pkix-cert'
check "DER is the same certificate" cmp -s <(openssl x509 -in "$BODY" -inform DER -outform PEM) "$T_TMP/cert.pem"
get "$u" "/certificates/$o/chain.pem"
check "chain has the CA" test "$(grep -c 'BEGIN CERTIFICATE' "$BODY")" -ge 3
get "$u" "/certificates/$o/chain.p7b"
check "PKCS #7 of three certificates" test "$(openssl pkcs7 -inform DER -in "$BODY" -print_certs 2>/dev/null | grep -c '^subject')" = 3

# Independent checks of the certificate.
check "openssl verify -purpose smimesign" openssl verify -purpose smimesign -CAfile "$CA/root.pem" -untrusted "$CA/ca.pem" "$T_TMP/cert.pem"
check "openssl verify -purpose smimeencrypt" openssl verify -purpose smimeencrypt -CAfile "$CA/root.pem" -untrusted "$CA/ca.pem" "$T_TMP/cert.pem"
cat "$T_TMP/cert.pem" "$CA/ca.pem" "$CA/root.pem" >"$T_TMP/full.pem"
check "GnuTLS certtool verifies the chain" bash -c 'certtool --verify-chain --infile "$0" 2>&1 | grep -q "Chain verification output: Verified"' "$T_TMP/full.pem"
text=$(openssl x509 -in "$T_TMP/cert.pem" -noout -text -certopt ext_parse 2>/dev/null)
has() { grep -qF -- "$1" <<<"$text" || { echo "  certificate lacks: $1" >&2; return 1; }; }
check "policy: OV strict" has "Policy: 2.23.140.1.5.2.3"
check "SAN: the verified mailbox" has "email:$u@example.com"
check "EKU: e-mail protection" has "E-mail Protection"
check "KU critical" bash -c 'grep -A1 "Key Usage: critical" <<<"$0" | grep -q "Digital Signature, Key Encipherment"' "$text"
check "subject O and organizationIdentifier" bash -c 'grep -q "O = Example sp. z o.o." <<<"$0" && grep -q "organizationIdentifier = VATPL-5260250274" <<<"$0"' "$text"
check "subject L and ST" bash -c 'grep -q "L = Warszawa" <<<"$0" && grep -q "ST = mazowieckie" <<<"$0"' "$text"
check "no CSR subject" bash -c '! grep -q "Evil" <<<"$0"' "$text"
check "CRL distribution point over HTTP" has "URI:http://127.0.0.1:$SMIME_TEST_PORT/crl/ca.crl"
check "AKI and SKI" bash -c 'grep -q "Authority Key Identifier" <<<"$0" && grep -q "Subject Key Identifier" <<<"$0"' "$text"
days=$(( ( $(date -d "$(openssl x509 -in "$T_TMP/cert.pem" -noout -enddate | cut -d= -f2)" +%s) - $(date -d "$(openssl x509 -in "$T_TMP/cert.pem" -noout -startdate | cut -d= -f2)" +%s) + 1 ) / 86400 ))
check "validity: the product's days ($days)" test "$days" = "$(sql "SELECT p.validity_days FROM orders o JOIN products p ON p.id = o.product_id WHERE o.id = $o")"
check "serial of 64 bits or more" test "${#serial}" -ge 16

printf 'Subject: test\r\n\r\nHello, S/MIME.\r\n' >"$T_TMP/msg.txt"
check "CMS sign" openssl cms -sign -in "$T_TMP/msg.txt" -signer "$T_TMP/cert.pem" -inkey "$T_TMP/key.pem" -certfile "$CA/ca.pem" -out "$T_TMP/signed.p7m"
check "CMS verify" openssl cms -verify -in "$T_TMP/signed.p7m" -CAfile "$CA/root.pem" -purpose smimesign -out "$T_TMP/verified.txt"
check "CMS encrypt" openssl cms -encrypt -in "$T_TMP/msg.txt" -aes256 -out "$T_TMP/enc.p7m" "$T_TMP/cert.pem"
check "CMS decrypt" openssl cms -decrypt -in "$T_TMP/enc.p7m" -recip "$T_TMP/cert.pem" -inkey "$T_TMP/key.pem" -out "$T_TMP/dec.txt"
check "the round trip gives the message" grep -q "Hello, S/MIME." "$T_TMP/dec.txt"

post "$u" "/activation/$o/submit" -H 'Accept: application/xml' --data-urlencode "csrf=$tok"
check "a second submit: the same certificate" xpath_is 'string(//certificate/serial)' "$serial"
o2=$(ready_order "$u" "other@example.com")
post "$u" "/activation/$o2" --data-urlencode "csrf=$tok" -d cn=email
post "$u" "/activation/$o2/method" --data-urlencode "csrf=$tok" -d method=csr
post "$u" "/activation/$o2/csr" -H 'Accept: application/xml' --data-urlencode "csrf=$tok" --data-urlencode "csr@$T_TMP/req.pem"
check "a key already certified: refused" xpath_is 'string(//error[@field="csr"]/@key)' csr.key-used

# CAA issuemail.
f=$(ready_order "$u" "jan@caa-forbidden.test")
openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$T_TMP/k2.pem" -out "$T_TMP/r2.pem" -subj /CN=x 2>/dev/null
post "$u" "/activation/$f" --data-urlencode "csrf=$tok" -d cn=email
post "$u" "/activation/$f/method" --data-urlencode "csrf=$tok" -d method=csr
post "$u" "/activation/$f/csr" --data-urlencode "csrf=$tok" --data-urlencode "csr@$T_TMP/r2.pem"
post "$u" "/activation/$f/submit" -H 'Accept: application/xml' --data-urlencode "csrf=$tok"
check "CAA names another CA: refused" status_is 409
check "with its reason" xpath_is 'string(//error[not(@field)]/@key)' activation.caa
check "the CAA refusal is audited" test "$(sql "SELECT COUNT(*) FROM audit WHERE order_id = $f AND action = 'caa-forbidden'")" = 1
check "nothing issued" test "$(sql "SELECT COUNT(*) FROM certificates WHERE order_id = $f")" = 0
a=$(ready_order "$u" "jan@caa-allowed.test")
openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-384 -nodes -keyout "$T_TMP/k3.pem" -out "$T_TMP/r3.pem" -subj /CN=x 2>/dev/null
post "$u" "/activation/$a" --data-urlencode "csrf=$tok" -d cn=email
post "$u" "/activation/$a/method" --data-urlencode "csrf=$tok" -d method=csr
post "$u" "/activation/$a/csr" --data-urlencode "csrf=$tok" --data-urlencode "csr@$T_TMP/r3.pem"

# 20 submits at once: one certificate.
for i in $(seq 20); do
	curl -s -o "$T_TMP/par.$i" -w '%{http_code}\n' -u "$u:$u" -H 'Accept: application/xml' \
	    --data-urlencode "csrf=$tok" "$BASE/activation/$a/submit" >"$T_TMP/code.$i" &
done
wait
check "CAA names us: issued" test "$(sql "SELECT COUNT(*) FROM certificates WHERE order_id = $a")" = 1
check "every concurrent submit answered 200" test "$(cat "$T_TMP"/code.* | sort -u)" = 200
serials=$(for i in $(seq 20); do xmllint --xpath 'string(//certificate/serial)' "$T_TMP/par.$i" 2>/dev/null; echo; done | grep -v '^$' | sort | uniq -c)
check "all twenty show the one certificate" test "$(echo "$serials" | awk '{ print $1 }')" = 20
check "one issuance event" test "$(sql "SELECT COUNT(*) FROM events WHERE order_id = $a AND type = 'certificate-issued'")" = 1

v=$(new_user act2 customer)
get "$v" "/activation/$o"
check "another account's order: 404" status_is 404
get "$v" "/certificates/$o/cert.pem"
check "nor its certificate: 404" status_is 404
done_testing
