#!/usr/bin/env bash
# Every POST needs a valid CSRF token, checked before routing.
. "$(dirname "$0")/lib.sh"

u=$(new_user csrf customer)
v=$(new_user csrf2 customer)
o=$(new_order "$u")
for path in / /certificates "/certificates/$o/revoke" /no/such/route /search; do
	post "$u" "$path" --data 'x=1'
	check "POST $path without token: 403" status_is 403
done
post "$u" / --data 'csrf=12345.abcdef'
check "forged token: 403" status_is 403
check "the page says why" body_has "The form has expired"
tok=$(csrf_of "$v")
post "$u" / --data-urlencode "csrf=$tok"
check "another account's token: 403" status_is 403
tok=$(csrf_of "$u")
check "token issued" test -n "$tok"
post "$u" "/search?csrf=$tok" --data 'x=1'
check "token in the query string does not count: 403" status_is 403
post "$u" /no/such/route --data-urlencode "csrf=$tok"
check "valid token passes the front line (then routing: not 403)" bash -c '[ "$0" != 403 ]' "$STATUS"
post "$u" / --data-urlencode "csrf=$tok"
check "dashboard takes no POST: 405" status_is 405
old="$(printf '%x' $(( $(date +%s) - 13 * 3600 ))).AAAA"
post "$u" / --data-urlencode "csrf=$old"
check "stale, unsigned token: 403" status_is 403
request "$u" PUT / --data 'x=1'
check "PUT: 405" status_is 405
done_testing
