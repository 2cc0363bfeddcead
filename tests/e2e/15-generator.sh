#!/usr/bin/env bash
# The CSR and PFX generator (/tools/) in headless Chromium: an RSA 2048
# and a P-256 CSR made on the page, each pasted into the wizard of a
# ready order and issued, then PFX files built on the page in both
# modes; every file checked with OpenSSL; the page's named errors; and
# the requests the page made: never a private key sent anywhere.
. "$(dirname "$0")/lib.sh"

: "${SMIME_TEST_NODE_MODULES:?run through ./dev test (npm ci of tests/e2e/browser)}"
CHROMIUM=$(command -v chromium) || { echo "not ok - Debian's chromium is not installed"; exit 1; }
ACCESS=$SMIME_TEST_STATE/logs/nginx-access.log

# The page: static, no login, its policy, both languages.
get "" /tools/
check "the page without login" status_is 200
check "served as HTML" header_has 'Content-Type: text/html'
check "CSP: nothing from other origins" header_has "Content-Security-Policy: default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'"
check "CSP: no form posts" header_has "form-action 'none'"
check "its script is its own" body_has '<script src="/tools/tools.js"></script>'
check "no address of another origin" bash -c '! grep -Eo "(src|href)=\"(https?:)?//[^\"]*" "$0" | grep -q .' "$BODY"
check "a <noscript> explanation" body_has '<noscript>'
check "no untranslated text" body_lacks '[tools.'
cp "$BODY" "$T_TMP/en.html"
get "" /tools/pl/
check "the Polish page" status_is 200
check "in Polish" body_has 'Generator CSR i PFX'
check "no untranslated text (pl)" body_lacks '[tools.'
get "" /tools/tools.js
check "the bundle" status_is 200
check "as JavaScript" header_has 'Content-Type: application/javascript'
check "the bundle has its policy too" header_has 'Content-Security-Policy'
size=$(stat -c %s "$BODY")
get "" /tools/tools.js -H 'Accept-Encoding: gzip'
check "the bundle compressed ($size bytes, $(stat -c %s "$BODY") gzipped)" header_has 'Content-Encoding: gzip'
check "no address of another origin in the bundle" bash -c '! grep -Eo "(import|fetch|src)\(?[\"'"'"'](https?:)?//" "$0" | grep -q .' "$BODY"
request "" POST /tools/ -d x=1
check "no POST to the page" status_is 403
get "" /tools
check "/tools goes to /tools/" status_is 301

# The links to it.
u=$(new_user gen customer)
get "$u" /
check "Useful sources link to the generator" body_has 'href="/tools/"'

# Two ready orders (steps 1 and 2 verified), as in 11-activation.sh.
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
o1=$(ready_order "$u" "rsa-$u@example.com")
o2=$(ready_order "$u" "ec-$u@example.com")


OUT=$T_TMP/out
mkdir -p "$OUT"
PASS="key-pass-$RANDOM-zażółć"
PFXPASS="pfx-pass-$RANDOM"
# A key the page does not take.
openssl genpkey -algorithm ed25519 -out "$T_TMP/ed25519.pem" 2>/dev/null
lines=$(wc -l <"$ACCESS")
rc=0
BASE=$BASE USER=$u OUT=$OUT PASS=$PASS PFXPASS=$PFXPASS CHROMIUM=$CHROMIUM \
    ORDERS="rsa2048:$o1,p256:$o2" SHOTS=$SMIME_TEST_STATE/logs ED_KEY=$T_TMP/ed25519.pem \
    NODE_PATH=$SMIME_TEST_NODE_MODULES timeout 600 \
    node "$SMIME_TEST_TOP/tests/e2e/browser/generator.cjs" || rc=$?
check "the browser run" test "$rc" = 0

# The certificates as the server issued them.
for t in rsa2048:$o1 p256:$o2; do
	type=${t%%:*} o=${t#*:}
	check "$type: order issued" test "$(sql "SELECT status FROM orders WHERE id = $o")" = issued
	get "$u" "/certificates/$o/cert.pem"
	cp "$BODY" "$T_TMP/$type.cert.pem"
	get "$u" "/certificates/$o/chain.pem"
	cp "$BODY" "$T_TMP/$type.chain.pem"
	key=$OUT/$type.key.pem
	check "$type: the key file is encrypted PKCS #8" grep -q 'BEGIN ENCRYPTED PRIVATE KEY' "$key"
	check "$type: PBES2, PBKDF2-HMAC-SHA256, AES-256-CBC" bash -c 'openssl asn1parse -in "$0" | tr -s " " | grep -q "OBJECT :PBES2" &&
	    openssl asn1parse -in "$0" | grep -q hmacWithSHA256 && openssl asn1parse -in "$0" | grep -q aes-256-cbc' "$key"
	check "$type: openssl pkey opens it with the passphrase" openssl pkey -in "$key" -passin "pass:$PASS" -noout
	check "$type: and not with another" bash -c '! openssl pkey -in "$0" -passin pass:wrong -noout 2>/dev/null' "$key"
	openssl pkey -in "$key" -passin "pass:$PASS" -pubout -out "$T_TMP/$type.pub" 2>/dev/null
	openssl x509 -in "$T_TMP/$type.cert.pem" -noout -pubkey >"$T_TMP/$type.cert.pub"
	check "$type: the certificate holds the page's key" cmp -s "$T_TMP/$type.pub" "$T_TMP/$type.cert.pub"
	case $type in
	rsa2048) check "rsa2048: an RSA 2048 key" bash -c 'openssl pkey -pubin -in "$0" -text -noout | grep -q "Public-Key: (2048 bit)"' "$T_TMP/$type.pub" ;;
	p256) check "p256: a P-256 key" bash -c 'openssl pkey -pubin -in "$0" -text -noout | grep -q "NIST CURVE: P-256"' "$T_TMP/$type.pub" ;;
	esac
	nchain=$(grep -c 'BEGIN CERTIFICATE' "$T_TMP/$type.chain.pem")
	for mode in modern compatible; do
		pfx=$OUT/$type-$mode.pfx
		legacy=()
		[ $mode = compatible ] && legacy=(-legacy)
		check "$type $mode: openssl pkcs12 -info ${legacy[*]}" bash -c 'openssl pkcs12 "$@" >"$0" 2>&1' \
		    "$T_TMP/info" -info -in "$pfx" -passin "pass:$PFXPASS" -nodes "${legacy[@]}"
		if [ $mode = modern ]; then
			check "$type modern: AES-256-CBC, PBKDF2 hmacWithSHA256" bash -c '[ "$(grep -c "PBES2, PBKDF2, AES-256-CBC, Iteration 2048, PRF hmacWithSHA256" "$0")" = 2 ]' "$T_TMP/info"
			check "$type modern: SHA-256 MAC" grep -q 'MAC: sha256' "$T_TMP/info"
			check "$type modern: opens without -legacy" test -z "${legacy[*]}"
		else
			check "$type compatible: 3DES for key and certificates" bash -c '[ "$(grep -c "pbeWithSHA1And3-KeyTripleDES-CBC, Iteration 2048" "$0")" = 2 ]' "$T_TMP/info"
			check "$type compatible: SHA-1 MAC" grep -q 'MAC: sha1' "$T_TMP/info"
		fi
		check "$type $mode: friendly name the mailbox" grep -q "friendlyName: [a-z0-9]*-$u@example.com" "$T_TMP/info"
		check "$type $mode: a wrong password is refused" bash -c '! openssl pkcs12 "$@" >/dev/null 2>&1' \
		    -info -in "$pfx" -passin pass:wrong -nodes "${legacy[@]}"
		openssl pkcs12 -in "$pfx" -passin "pass:$PFXPASS" "${legacy[@]}" -nocerts -nodes 2>/dev/null |
		    openssl pkey -pubout >"$T_TMP/p12.pub" 2>/dev/null
		check "$type $mode: its key matches the certificate" cmp -s "$T_TMP/p12.pub" "$T_TMP/$type.cert.pub"
		openssl pkcs12 -in "$pfx" -passin "pass:$PFXPASS" "${legacy[@]}" -clcerts -nokeys 2>/dev/null |
		    openssl x509 >"$T_TMP/p12.cert" 2>/dev/null
		check "$type $mode: the issued certificate inside" cmp -s "$T_TMP/p12.cert" <(openssl x509 -in "$T_TMP/$type.cert.pem")
		n=$(openssl pkcs12 -in "$pfx" -passin "pass:$PFXPASS" "${legacy[@]}" -cacerts -nokeys 2>/dev/null | grep -c 'BEGIN CERTIFICATE')
		check "$type $mode: the chain inside ($n of $nchain)" test "$n" -ge 2 -a "$n" -ge $((nchain - 1))
		openssl pkcs12 -in "$pfx" -passin "pass:$PFXPASS" "${legacy[@]}" -nokeys 2>/dev/null >"$T_TMP/p12.all"
		check "$type $mode: the certificate verifies with the chain inside" \
		    openssl verify -purpose smimesign -CAfile "$SMIME_TEST_CA/root.pem" -untrusted "$T_TMP/p12.all" "$T_TMP/p12.cert"
	done
done

# The other key types the page offers: each CSR verifies, each key file
# opens with the passphrase and is of its type.
for t in rsa3072:"(3072 bit" rsa4096:"(4096 bit" p384:"NIST CURVE: P-384"; do
	type=${t%%:*} want=${t#*:}
	check "$type: the CSR's signature verifies" openssl req -in "$OUT/$type.csr" -noout -verify
	check "$type: the key file opens, $want" bash -c 'openssl pkey -in "$0" -passin "pass:$1" -text -noout | grep -qF "$2"' \
	    "$OUT/$type.key.pem" "$PASS" "$want"
	check "$type: the CSR holds that key" cmp -s <(openssl req -in "$OUT/$type.csr" -noout -pubkey) \
	    <(openssl pkey -in "$OUT/$type.key.pem" -passin "pass:$PASS" -pubout)
done
check "p384: signed with SHA-384" bash -c 'openssl req -in "$0" -noout -text | grep -q "ecdsa-with-SHA384"' "$OUT/p384.csr"

# The links: the details of an issued certificate, and the CSR screen.
get "$u" "/certificates/$o1"
check "the details link to the generator with the order" body_has "href=\"/tools/?order=$o1#pfx\""
tok=$(csrf_of "$u")
o3=$(ready_order "$u" "link-$u@example.com")
post "$u" "/activation/$o3" --data-urlencode "csrf=$tok" -d cn=email
post "$u" "/activation/$o3/method" --data-urlencode "csrf=$tok" -d method=csr
check "the CSR screen links to the generator" body_has 'href="/tools/"'

# The errors the page named.
E=$OUT/errors.json
err() {	# err CASE CODE TEXT: the page showed CODE with TEXT
	python3 - "$E" "$@" <<'PY'
import json, sys
e = json.load(open(sys.argv[1])).get(sys.argv[2]) or {}
ok = e.get("code") == sys.argv[3] and sys.argv[4] in e.get("text", "")
if not ok:
    print("  got", e, file=sys.stderr)
sys.exit(0 if ok else 1)
PY
}
check "wrong passphrase named" err passphrase key-passphrase "Wrong passphrase"
check "key of another certificate named" err mismatch mismatch "does not match the certificate"
check "a CSR as the certificate: named" err notcert not-certificate "is not a certificate"
check "a key as the certificate: named" err keyascert not-certificate "is not a certificate"
check "an Ed25519 key named unsupported" err unsupported key-unsupported "Unsupported key"
check "a CSR as the key named" err notkey not-key "is not a private key"
check "a short passphrase named" err short passphrase-short "too short"
check "two different passphrases named" err repeat passphrase-repeat "differ"
check "not signed in: the fetch refused, named (pl)" err anonymous fetch "Nie udało się pobrać certyfikatu"

# What the page asked of the network: the browser's own record.
R=$OUT/requests.json
check "the browser recorded the requests" test -s "$R"
check "the page's requests: GETs of its files and the certificates only" python3 - "$R" <<'PY'
import json, re, sys
from urllib.parse import urlparse
bad = []
for r in json.load(open(sys.argv[1])):
    if "/tools/" not in r["from"]:
        continue
    p = urlparse(r["url"])
    if p.scheme in ("data", "blob"):
        continue
    # Leaving the page for the wizard, and the browser's own icon.
    if r["method"] == "GET" and (r["navigation"] or p.path == "/favicon.ico"):
        continue
    if r["method"] != "GET" or p.hostname != "127.0.0.1" or not (
        p.path.startswith("/tools/") or p.path.startswith("/static/") or
        re.fullmatch(r"/certificates/[0-9]+/(cert|chain)\.pem", p.path)):
        bad.append((r["method"], r["url"]))
if bad:
    print("  ", bad, file=sys.stderr)
sys.exit(1 if bad else 0)
PY
check "no request body holds a private key" python3 - "$R" "$OUT/rsa2048.key.pem" "$OUT/p256.key.pem" <<'PY'
import json, sys
reqs = json.load(open(sys.argv[1]))
keys = ["".join(open(f).read().split("\n")[1:-2])[:64] for f in sys.argv[2:]]
posts = [r for r in reqs if r["method"] != "GET"]
bad = [r["url"] for r in posts if "PRIVATE KEY" in r["body"] or any(k in r["body"].replace("%2B", "+").replace("%2F", "/").replace("\r\n", "").replace("%0D%0A", "").replace("%0A", "") for k in keys)]
csr = [r for r in posts if r["url"].endswith("/csr") and ("CERTIFICATE REQUEST" in r["body"] or "CERTIFICATE+REQUEST" in r["body"])]
if bad or len(csr) != 2:
    print("  bad:", bad, "csr posts:", len(csr), file=sys.stderr)
sys.exit(1 if bad or len(csr) != 2 else 0)
PY
# And nginx's record: every POST of the run went to the wizard.
tail -n +"$((lines + 1))" "$ACCESS" >"$T_TMP/access"
check "nginx saw the page" grep -q '"GET /tools/ ' "$T_TMP/access"
check "nginx: no POST but to the wizard" bash -c '! grep "\"POST " "$0" | grep -vE "\"POST /activation/[0-9]+(/method|/csr|/submit)? " | grep -q .' "$T_TMP/access"
check "nginx: the wizard's four POSTs per order, no more" test "$(grep -c '"POST /activation/[0-9]*\(/method\|/csr\|/submit\)\? .*Chrom' "$T_TMP/access")" = 8
check "nginx: the certificates fetched by the page" grep -q "\"GET /certificates/$o1/cert.pem " "$T_TMP/access"
done_testing
