# Helpers of the ACME end-to-end tests (22-acme-order.sh,
# 25-acme-revoke.sh), sourced after lib.sh: the raw client, reading its
# answers, an account bound to a verified organization, an order driven
# through its challenge, and a certificate issued.

RAW="node $SMIME_TEST_TOP/tests/acme/raw.js"
REPLY="node $SMIME_TEST_TOP/tests/acme/reply.js"
DKIM_KEY=$SMIME_TEST_TOP/tests/data/acme/dkim/sel1.acme-mail.test.pem
DNS=127.0.0.1:$(cat "$SMIME_TEST_RUN/dns.port")
DIR=$BASE/acme/directory
OUT=$T_TMP/out

acme() { local k=$1; shift; $RAW "$DIR" "$T_TMP/$k.pem" "$@" >"$OUT" 2>&1 || true; }
val() { sed -n "s/^$1=//p" "$OUT" | head -1; }
is() {
	local v
	v=$(val "$1")
	[ "$v" = "$2" ] || { echo "  $1 = '$v', expected '$2'" >&2; cat "$OUT" >&2; return 1; }
}
err() { is type "urn:ietf:params:acme:error:$1"; }
has() { grep -qF -- "$1" "$OUT" || { echo "  lacks: $1" >&2; cat "$OUT" >&2; return 1; }; }
json() {	# json FIELD: a string member of the answer's body
	sed -n 's/^body=//p' "$OUT" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{let v=JSON.parse(s);for(const k of process.argv[1].split("."))v=v[k];console.log(v===undefined?"":v)})' "$1"
}

# acme_account PREFIX KEYNAME: a customer with verified organization
# data, an EAB key, and an ACME account with the P-256 key
# $T_TMP/KEYNAME.pem bound to it. Sets ACME_USER and KID.
acme_account() {
	ACME_USER=$(new_user "$1" customer)
	sql "INSERT INTO organizations (account_id, name, country, state, locality,
	    method, registry_type, registry_number, org_identifier, status, decided_at)
	    SELECT id, 'Example sp. z o.o.', 'PL', 'mazowieckie', 'Warszawa',
	    'registry', 'NIP', '5260250274', 'VATPL-5260250274', 'verified', NOW(6)
	    FROM accounts WHERE login = '$ACME_USER'"
	local eab
	eab=$(admin acme eab "$ACME_USER")
	openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$T_TMP/$2.pem"
	acme "$2" new-account --eab-kid "$(sed -n 's/^kid //p' <<<"$eab")" --eab-hmac "$(sed -n 's/^hmac //p' <<<"$eab")"
	check "account: 201" is status 201
	KID=$(val location)
}

# acme_order MAILBOX [KEYNAME]: a new order of the account KID (key
# KEYNAME, default a). Sets NEW_STATUS, ORDER, AUTHZ, FINALIZE, CHALL,
# TOKEN2, MAIL.
acme_order() {
	local k=${2:-a} before
	before=$(grep -l "^To: <$1>" "$SMIME_TEST_STATE"/mail/*.eml 2>/dev/null | wc -l)
	acme "$k" post "$BASE/acme/new-order" --kid "$KID" \
	    "{\"identifiers\":[{\"type\":\"email\",\"value\":\"$1\"}]}"
	NEW_STATUS=$(val status)
	ORDER=$(val location)
	AUTHZ=$(json authorizations.0)
	FINALIZE=$(json finalize)
	acme "$k" post "$AUTHZ" --kid "$KID"
	CHALL=$(json challenges.0.url)
	TOKEN2=$(json challenges.0.token)
	MAIL=
	# This order's mail: one more for the mailbox, the newest.
	local i
	for i in $(seq 100); do
		if [ "$(grep -l "^To: <$1>" "$SMIME_TEST_STATE"/mail/*.eml 2>/dev/null |
		    wc -l)" -gt "$before" ]; then
			MAIL=$(grep -l "^To: <$1>" "$SMIME_TEST_STATE"/mail/*.eml |
			    xargs ls -t | head -1)
			break
		fi
		sleep 0.1
	done
}
inbound() {	# inbound FILE: the verdict line
	admin acme inbound --dns "$DNS" <"$1" 2>&1
}
reply() {	# reply FROM [options]: the reply to $MAIL in $T_TMP/reply.eml
	local from=$1
	shift
	$REPLY "$MAIL" "$T_TMP/${REPLY_KEY:-a}.pem" "$TOKEN2" "$from" --dkim-key "$DKIM_KEY" \
	    --domain acme-mail.test --selector sel1 "$@" >"$T_TMP/reply.eml"
}
issued_for() { sql "SELECT COUNT(*) FROM certificates c JOIN acme_orders a
    ON a.order_id = c.order_id WHERE a.mailbox = '$1'"; }

# acme_issue MAILBOX CERTKEY [KEYNAME]: an order of the account KID (key
# KEYNAME, default a) answered, finalized with a CSR for the RSA key
# $T_TMP/CERTKEY.pem (made here), its certificate in $T_TMP/CERTKEY.crt
# and as base64url DER in CERT_B64U. Sets CERT (its URL) too.
acme_issue() {
	local m=$1 ck=$2 k=${3:-a} csr
	acme_order "$m" "$k"
	REPLY_KEY=$k reply "$m"
	inbound "$T_TMP/reply.eml" >/dev/null
	acme "$k" post "$CHALL" --kid "$KID" '{}'
	openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$T_TMP/$ck.pem" 2>/dev/null
	openssl req -new -key "$T_TMP/$ck.pem" -subj "/CN=$m" -addext "subjectAltName=email:$m" \
	    -outform DER -out "$T_TMP/$ck.csr"
	csr=$(basenc --base64url -w0 <"$T_TMP/$ck.csr" | tr -d =)
	acme "$k" post "$FINALIZE" --kid "$KID" "{\"csr\":\"$csr\"}"
	CERT=$(json certificate)
	acme "$k" post "$CERT" --kid "$KID" --out "$T_TMP/$ck.chain"
	openssl x509 -in "$T_TMP/$ck.chain" -out "$T_TMP/$ck.crt" 2>/dev/null
	CERT_B64U=$(openssl x509 -in "$T_TMP/$ck.crt" -outform DER | basenc --base64url -w0 | tr -d =)
}
