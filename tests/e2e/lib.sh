# Helpers for the end-to-end tests: each test is a bash script that
# sources this file, drives the running stack through nginx with curl as
# a browser would, and exits 0 (pass), 77 (skipped) or 1 (fail).
#
# ./dev test starts the stack and exports SMIME_TEST_PORT, _STATE, _RUN,
# _ADMIN_DB, _BUILD, _TOP and _SMTP_PORT.
set -u

: "${SMIME_TEST_PORT:?run through ./dev test}"
BASE=http://127.0.0.1:$SMIME_TEST_PORT
T_NAME=$(basename "$0" .sh)
T_TMP=$(mktemp -d)
T_FAILS=0
T_CHECKS=0
trap 'rm -rf "$T_TMP"' EXIT
BODY=$T_TMP/body
HEADERS=$T_TMP/headers
STATUS=

admin() {
	"$SMIME_TEST_BUILD/fcgi/tools/smime-admin" --db "$SMIME_TEST_ADMIN_DB" "$@"
}

sql() {
	mariadb --no-defaults -S "$SMIME_TEST_RUN/mysqld.sock" -uroot -N -r smime -e "$1"
}

# A fresh account unique to this run; its password is its login.
new_user() {	# new_user PREFIX ROLE [PARTNER] -> prints the login
	local login="$1-$$-$RANDOM"
	if [ -n "${3:-}" ]; then
		admin partner add "$3" --name "$3" >/dev/null 2>&1 || true
		admin account add "$login" --role "$2" --name "Test $1" --partner "$3" >/dev/null
	else
		admin account add "$login" --role "$2" --name "Test $1" >/dev/null
	fi
	add_password "$login" "$login"
	echo "$login"
}

# A login nginx accepts but the database does not know.
add_password() {
	local f=$SMIME_TEST_STATE/htpasswd
	printf '%s:%s\n' "$1" "$(openssl passwd -apr1 "$2")" >>"$f"
}

new_order() {	# new_order LOGIN [PRODUCT] -> prints the id
	if [ -n "${2:-}" ]; then
		admin order add --account "$1" --product "$2"
	else
		admin order add --account "$1"
	fi
}

# request USER METHOD PATH [curl args...]: sets STATUS, BODY, HEADERS.
request() {
	local user=$1 method=$2 path=$3
	shift 3
	local auth=()
	[ -n "$user" ] && auth=(-u "$user:$user")
	STATUS=$(curl -sS -o "$BODY" -D "$HEADERS" -w '%{http_code}' \
	    -X "$method" "${auth[@]}" "$@" "$BASE$path") || STATUS=000
}

get() { local u=$1 p=$2; shift 2; request "$u" GET "$p" "$@"; }
get_xml() { local u=$1 p=$2; shift 2; request "$u" GET "$p" -H 'Accept: application/xml' "$@"; }
post() { local u=$1 p=$2; shift 2; request "$u" POST "$p" "$@"; }

# The CSRF token of USER, read from a page's XML document.
csrf_of() {	# csrf_of USER [PATH]
	get_xml "$1" "${2:-/}"
	xpath '//csrf/text()'
}

xpath() {	# xpath EXPR: evaluates on BODY, prints the result
	xmllint --xpath "$1" "$BODY" 2>/dev/null
}

check() {	# check DESCRIPTION COMMAND...
	local what=$1
	shift
	T_CHECKS=$((T_CHECKS + 1))
	if "$@"; then
		echo "ok - $what"
	else
		echo "not ok - $what"
		T_FAILS=$((T_FAILS + 1))
	fi
}

status_is() { [ "$STATUS" = "$1" ] || { echo "  status $STATUS, expected $1" >&2; head -c 600 "$BODY" >&2; echo >&2; return 1; }; }
body_has() { grep -qF -- "$1" "$BODY" || { echo "  body lacks: $1" >&2; return 1; }; }
body_lacks() { ! grep -qF -- "$1" "$BODY" || { echo "  body has: $1" >&2; return 1; }; }
header_has() { grep -qi -- "$1" "$HEADERS" || { echo "  headers lack: $1" >&2; return 1; }; }
xpath_is() {	# xpath_is EXPR VALUE
	local v
	v=$(xpath "$1") || v="(none)"
	[ "$v" = "$2" ] || { echo "  $1 = '$v', expected '$2'" >&2; return 1; }
}
well_formed() { xmllint --noout "$BODY" 2>/dev/null; }

done_testing() {
	echo "$T_NAME: $((T_CHECKS - T_FAILS))/$T_CHECKS checks passed"
	[ "$T_CHECKS" -gt 0 ] && [ "$T_FAILS" -eq 0 ]
}

# An order of LOGIN with steps 1 and 2 verified, for mailbox MAILBOX,
# its organization verified by NIP.
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

# Step 3 through the pages: the fields, the CSR method, a fresh P-256
# CSR (its key in $T_TMP/key-ORDER.pem), the submit. Leaves the success
# page in BODY.
issue_order() {	# issue_order LOGIN ORDER
	local tok
	tok=$(csrf_of "$1")
	openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
	    -keyout "$T_TMP/key-$2.pem" -out "$T_TMP/req-$2.pem" -subj /CN=x 2>/dev/null
	post "$1" "/activation/$2" --data-urlencode "csrf=$tok" \
	    -d cn=organization -d include=C -d include=L
	post "$1" "/activation/$2/method" --data-urlencode "csrf=$tok" -d method=csr
	post "$1" "/activation/$2/csr" --data-urlencode "csrf=$tok" \
	    --data-urlencode "csr@$T_TMP/req-$2.pem"
	post "$1" "/activation/$2/submit" -H 'Accept: application/xml' \
	    --data-urlencode "csrf=$tok"
}
