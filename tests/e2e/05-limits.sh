#!/usr/bin/env bash
# Oversized and malformed input gets a 4xx and the handler keeps serving.
. "$(dirname "$0")/lib.sh"

u=$(new_user lim customer)
big=$(head -c 1048576 /dev/zero | tr '\0' 'a')
printf 'q=%s' "$big" >"$T_TMP/big"
# curl refuses so long a URL; send the request line by hand.
STATUS=$(/usr/bin/python3 - "$SMIME_TEST_PORT" "$u" "$T_TMP/big" <<'PY'
import base64, http.client, sys
port, user, path = sys.argv[1], sys.argv[2], sys.argv[3]
q = open(path).read()
c = http.client.HTTPConnection("127.0.0.1", int(port), timeout=10)
auth = base64.b64encode(("%s:%s" % (user, user)).encode()).decode()
c.putrequest("GET", "/search?" + q)
c.putheader("Authorization", "Basic " + auth)
c.endheaders()
print(c.getresponse().status)
PY
)
check "1 MB query string: 4xx ($STATUS)" bash -c '[ "$0" -ge 400 ] && [ "$0" -lt 500 ]' "$STATUS"
post "$u" / --data-binary "@$T_TMP/big" -H 'Content-Type: application/x-www-form-urlencoded'
check "1 MB body: 413" status_is 413
q=$(head -c 9000 /dev/zero | tr '\0' 'b')
get "$u" "/search?q=$q"
check "query over the parser's cap: 414" status_is 414
get "$u" "/search?q=%zz"
check "bad percent-encoding in a value: shown as a field error" status_is 200
get_xml "$u" "/search?q=%zz"
check "the field error names q" xpath_is 'count(//error[@field="q"])' 1
get "$u" "/search?%zz=1"
check "bad percent-encoding in a name: 400" status_is 400
get "$u" "/search?q=%C3%28"
check "invalid UTF-8 is refused as a field error" status_is 200
long=$(head -c 300 /dev/zero | tr '\0' 'c')
get_xml "$u" "/search?q=$long"
check "too long a search names the field" xpath_is 'string(//error[@field="q"]/@key)' field.too-long
pairs=$(for i in $(seq 300); do printf 'k%d=1&' "$i"; done)
get "$u" "/search?$pairs"
check "too many pairs: 413" status_is 413
get "$u" /
check "the handler still serves" status_is 200
get "$u" "/certificates/01"
check "leading zero id: 404" status_is 404
get "$u" "/certificates/99999999999999999999999"
check "overlong id: 404" status_is 404
# Request rates (conf/nginx/limits.conf), from an address they apply
# to: ./dev exempts 127.0.0.1, the tests' own, and no other.
FROM=(--interface 127.0.0.2)
burst() {	# burst N METHOD PATH [curl args]: the statuses, one a line
	local n=$1 m=$2 p=$3 i urls=()
	shift 3
	# One curl, ten requests at a time: faster than any rate here.
	for i in $(seq "$n"); do urls+=(-o /dev/null "$BASE$p"); done
	curl -s --no-progress-meter -u "$u:$u" "${FROM[@]}" -X "$m" "$@" \
	    --parallel --parallel-max 10 -w '%{http_code}\n' "${urls[@]}"
}
burst 40 GET / >"$T_TMP/gets"
check "40 quick GETs of a page: none limited" bash -c '! grep -qv "^200$" "$0"' "$T_TMP/gets"
burst 40 POST / --data x=1 >"$T_TMP/posts"
# The burst passes (403: no token), the rest is refused; a few more
# pass as the rate refills the bucket while the burst runs.
between() { [ "$1" -ge "$2" ] && [ "$1" -le "$3" ] || { echo "  $1 not in $2..$3" >&2; return 1; }; }
check "40 quick POSTs: the burst of 20 passes" between "$(grep -c '^403$' "$T_TMP/posts")" 21 26
check "the rest: 429" between "$(grep -c '^429$' "$T_TMP/posts")" 14 19
burst 25 GET /search?q=x >"$T_TMP/search"
check "25 quick searches: a burst of 10 passes" between "$(grep -c '^200$' "$T_TMP/search")" 11 14
check "the rest: 429" between "$(grep -c '^429$' "$T_TMP/search")" 11 14
burst 25 GET /email/confirm/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA >"$T_TMP/confirm"
check "25 quick confirmation links: a burst of 10 answered" between "$(grep -c '^404$' "$T_TMP/confirm")" 11 13
check "the rest: 429" between "$(grep -c '^429$' "$T_TMP/confirm")" 12 14
request "$u" GET / "${FROM[@]}"
check "pages still answer meanwhile" status_is 200
request "$u" POST / --data x=1
check "127.0.0.1, the tests' address, is not limited" status_is 403
done_testing
