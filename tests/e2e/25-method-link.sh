#!/usr/bin/env bash
# After a refused choice on the key-method screen, what was chosen stays
# selected; a used or expired confirmation link gets a page that names
# the order and leads on, not a bare status number.
. "$(dirname "$0")/lib.sh"

u=$(new_user meth customer)
o=$(ready_order "$u" "$u@example.com")
tok=$(csrf_of "$u")
post "$u" "/activation/$o" --data-urlencode "csrf=$tok" -d cn=email
post "$u" "/activation/$o/method" -H 'Accept: application/xml' --data-urlencode "csrf=$tok" -d method=card -d key=rsa1024
check "a bad key: 422" status_is 422
check "the key named" xpath_is 'count(//error[@field="key"])' 1
check "the card method kept" xpath_is 'string(/page/method/@value)' card
post "$u" "/activation/$o/method" --data-urlencode "csrf=$tok" -d method=card -d key=rsa1024
check "the page: the card radio checked" bash -c 'grep -o "<input[^>]*value=\"card\"[^>]*>" "$0" | grep -q checked' "$BODY"
check "the page: the CSR radio not checked" bash -c '! grep -o "<input[^>]*value=\"csr\"[^>]*>" "$0" | grep -q checked' "$BODY"
post "$u" "/activation/$o/method" --data-urlencode "csrf=$tok" -d key=p384
check "no method: 422" status_is 422
check "the key chosen stays selected" bash -c 'grep -o "<option[^>]*value=\"p384\"[^>]*>" "$0" | grep -q selected' "$BODY"
post "$u" "/activation/$o/method" --data-urlencode "csrf=$tok" -d method=csr
check "then the CSR page" status_is 200

# Links: used, expired, unknown.
o2=$(new_order "$u")
# Links of the mailed shape: 22 characters of base64url.
link() { openssl rand -base64 32 | tr '+/' '-_' | tr -d '=\n' | cut -c1-22; }
used=$(link)
old=$(link)
sql "INSERT INTO email_tokens (order_id, address, token_sha256, expires_at, used_at)
    VALUES ($o2, '$u@example.com', UNHEX(SHA2('$used', 256)), NOW(6) + INTERVAL 1 DAY, NOW(6)),
    ($o2, '$u@example.com', UNHEX(SHA2('$old', 256)), NOW(6) - INTERVAL 1 HOUR, NULL)"
n2=$(sql "SELECT number FROM orders WHERE id = $o2")
get "" "/email/confirm/$used"
check "used: 410" status_is 410
check "used: says so" body_has "already been used"
check "used: names the order" body_has "$n2"
check "used: names the mailbox" body_has "$u@example.com"
check "used: leads to the order" body_has "href=\"/certificates/$o2\""
check "used: no status number as a headline" body_lacks 'class="error-code"'
get "" "/email/confirm/$old"
check "expired: 410" status_is 410
check "expired: says so" body_has "expired"
check "expired: leads to a new link" body_has "href=\"/email/$o2\""
check "expired: names the order" body_has "$n2"
get "" "/email/confirm/NoSuchLinkNoSuchLink12"
check "unknown: 404" status_is 404
check "unknown: no order named" body_lacks "ORDER/"
check "unknown: leads to the panel" body_has 'href="/"'
get_xml "" "/email/confirm/$used"
check "XML: the state" xpath_is 'string(/page/@state)' used
done_testing
