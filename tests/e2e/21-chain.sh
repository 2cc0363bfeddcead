#!/usr/bin/env bash
# The downloads a mail client needs: chain.pem holds the CA certificates
# only (issuing CA, then the root), fullchain.pem the certificate then its
# issuing CA; chain.pem works as the subordinate certificates of a CMS
# signature, and the issued mail carries the certificate as cert.pem.
. "$(dirname "$0")/lib.sh"

CA=$SMIME_TEST_CA
u=$(new_user chain customer)
admin account set "$u" --email "$u@example.com" >/dev/null
o=$(ready_order "$u" "$u@example.com")
issue_order "$u" "$o"
check "issued" xpath_is 'string(/page/@name)' activation-success
serial=$(xpath 'string(//certificate/serial)')

get "$u" "/certificates/$o/cert.pem"
cp "$BODY" "$T_TMP/cert.pem"
leaf=$(openssl x509 -in "$T_TMP/cert.pem" -noout -fingerprint -sha256)
fps() { openssl crl2pkcs7 -nocrl -certfile "$1" | openssl pkcs7 -print_certs |
    awk '/BEGIN/,/END/' | csplit -s -z -f "$T_TMP/x" - '/BEGIN/' '{*}' &&
    for f in "$T_TMP"/x*; do openssl x509 -in "$f" -noout -fingerprint -sha256; done; rm -f "$T_TMP"/x*; }

get "$u" "/certificates/$o/chain.pem"
check "chain.pem answers" status_is 200
check "chain.pem is PEM" header_has 'Content-Type: application/x-pem-file'
check "chain.pem file name" header_has "filename=\"smime-$serial-chain.pem\""
cp "$BODY" "$T_TMP/chain.pem"
check "chain.pem: two certificates" test "$(grep -c 'BEGIN CERTIFICATE' "$T_TMP/chain.pem")" = 2
check "chain.pem lacks the certificate" bash -c '! grep -qF "$1" <<<"$2"' _ "$leaf" "$(fps "$T_TMP/chain.pem")"
check "chain.pem: the issuing CA first, then the root" test "$(fps "$T_TMP/chain.pem")" = "$(fps "$CA/ca.pem"; fps "$CA/root.pem")"

get "$u" "/certificates/$o/fullchain.pem"
check "fullchain.pem answers" status_is 200
check "fullchain.pem file name" header_has "filename=\"smime-$serial-fullchain.pem\""
cp "$BODY" "$T_TMP/full.pem"
check "fullchain.pem: the certificate, then the issuing CA" test "$(fps "$T_TMP/full.pem")" = "$(fps "$T_TMP/cert.pem"; fps "$CA/ca.pem")"

# What the manual's mail client does: sign with the key, the certificate
# and chain.pem as the extra certificates; fullchain.pem used as both
# duplicates the certificate, which is the failure chain.pem used to cause.
echo "Hello" >"$T_TMP/msg.txt"
check "cms -sign -certfile chain.pem" openssl cms -sign -in "$T_TMP/msg.txt" \
    -signer "$T_TMP/cert.pem" -inkey "$T_TMP/key-$o.pem" -certfile "$T_TMP/chain.pem" \
    -out "$T_TMP/signed.p7m"
check "the signature verifies against the root" openssl cms -verify -in "$T_TMP/signed.p7m" \
    -CAfile "$CA/root.pem" -purpose smimesign -out /dev/null
check "openssl verify with fullchain.pem as untrusted" openssl verify -CAfile "$CA/root.pem" \
    -untrusted "$T_TMP/full.pem" "$T_TMP/cert.pem"

# The issued mail, as delivered, carries the certificate as a PEM file.
mail=
for _ in $(seq 150); do
	mail=$(grep -ls "X-Smime-Kind: certificate-issued" "$SMIME_TEST_STATE"/mail/*.eml 2>/dev/null | xargs -r grep -ls "X-Sink-To: $u@example.com" | head -1)
	[ -n "$mail" ] && break
	sleep 0.1
done
check "the issued mail arrived" test -n "$mail"
/usr/bin/python3 - "${mail:-/dev/null}" "$T_TMP" <<'PY' >"$T_TMP/parts"
import email, sys
from email import policy
m = email.message_from_binary_file(open(sys.argv[1], "rb"), policy=policy.default)
print(m.get_content_type())
for part in m.iter_attachments():
    print(part.get_content_type(), part.get_filename())
    open(sys.argv[2] + "/attached.pem", "wb").write(part.get_content())
body = m.get_body(("plain",))
print("body:", body.get_content_type() if body else "none")
PY
check "a multipart/mixed mail" grep -qx "multipart/mixed" "$T_TMP/parts"
check "one PEM attachment named like the download" grep -qx "application/x-pem-file smime-$serial-cert.pem" "$T_TMP/parts"
check "the text body is still there" grep -qx "body: text/plain" "$T_TMP/parts"
check "the attachment is the certificate" cmp -s "$T_TMP/attached.pem" "$T_TMP/cert.pem"

get "$u" "/certificates/$o"
check "the details page links fullchain.pem" body_has "/certificates/$o/fullchain.pem"
check "and chain.pem" body_has "/certificates/$o/chain.pem"
done_testing
