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
done_testing
