#!/usr/bin/env bash
# A customer's dashboard shows their orders, step statuses and events,
# as HTML for people and as the XML document for integrations.
. "$(dirname "$0")/lib.sh"

u=$(new_user dash customer)
get "$u" /
check "empty dashboard answers 200" status_is 200
check "empty events state" body_has "There is no events to display."
check "greeting" body_has "You have logged in to the data security products panel"
check "sidebar: Certificates search" body_has "Certificates search"

o1=$(new_order "$u" smime-org-730)
o2=$(new_order "$u" smime-org-365)
get "$u" /
check "dashboard answers 200" status_is 200
check "is HTML" header_has "Content-Type: text/html"
check "product of the first order" body_has "S/MIME Organization 730 days - issue"
check "product of the second order" body_has "S/MIME Organization 365 days - issue"
check "step button: Data verification" body_has "Data verification"
check "step button: E-mail verification" body_has "E-mail verification"
check "step button: Certificate activation" body_has "Certificate activation"
check "order status in words" body_has "Waiting for activation"
check "Show more links to the details" body_has "href=\"/certificates/$o1\""
check "data step links to step 1" body_has "href=\"/data/$o1\""
check "no event empty state once orders exist" body_lacks "There is no events to display."
check "security headers" header_has "X-Frame-Options: DENY"
check "CSP" header_has "Content-Security-Policy: default-src 'none'"

get_xml "$u" /
check "XML answers 200" status_is 200
check "XML is well-formed" well_formed
check "two orders in XML" xpath_is 'count(//order[@id])' 2
check "order number format" xpath_is "string(//order[@id='$o1']/@number)" \
    "$(sql "SELECT number FROM orders WHERE id = $o1")"
check "number looks like ORDER/0000123456/dk" \
    bash -c "[[ '$(xpath "string(//order[@id='$o1']/@number)")' =~ ^ORDER/[0-9]{10}/dk$ ]]"
check "status waiting" xpath_is "string(//order[@id='$o2']/@status)" waiting
check "data step awaiting" xpath_is "string(//order[@id='$o1']/step[@name='data']/@status)" awaiting
check "email step unavailable" xpath_is "string(//order[@id='$o1']/step[@name='email']/@status)" unavailable
check "activation step unavailable" xpath_is "string(//order[@id='$o1']/step[@name='activation']/@status)" unavailable
check "events listed" xpath_is "count(//events/event[@type='order-created'])" 2
check "csrf token present" bash -c "[ -n \"\$(xmllint --xpath 'string(//csrf)' '$BODY')\" ]"
check "account shown" xpath_is "string(//account/@login)" "$u"

# A step status change shows on the dashboard.
sql "UPDATE orders SET step_data = 'verified', step_email = 'awaiting', status = 'verification' WHERE id = $o1"
get_xml "$u" /
check "verified data step" xpath_is "string(//order[@id='$o1']/step[@name='data']/@status)" verified
check "email step opened" xpath_is "string(//order[@id='$o1']/step[@name='email']/@status)" awaiting
get "$u" /
check "under verification in words" body_has "Under verification"

# Details of one order.
get "$u" "/certificates/$o1"
check "details answer 200" status_is 200
check "details show the order number" body_has "$(sql "SELECT number FROM orders WHERE id = $o1")"
get_xml "$u" "/certificates/$o1"
check "details XML has the order" xpath_is "count(//order[@id='$o1'])" 1
check "unknown order 404" bash -c "curl -s -o /dev/null -w '%{http_code}' -u '$u:$u' '$BASE/certificates/999999999' | grep -qx 404"
check "not a route 404" bash -c "curl -s -o /dev/null -w '%{http_code}' -u '$u:$u' '$BASE/no/such/page' | grep -qx 404"
done_testing
