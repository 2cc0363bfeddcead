#!/usr/bin/env bash
# Certificates list with its status filter, and search.
. "$(dirname "$0")/lib.sh"

u=$(new_user list customer)
o1=$(new_order "$u")
o2=$(new_order "$u")
sql "UPDATE orders SET status = 'issued', step_data = 'verified', step_email = 'verified',
    step_activation = 'issued', common_name = 'Jan <b>Kowalski</b> & Co', email = 'jan@example.com',
    serial = '0a1b2c3d4e5f60718293a4b5c6d7e8f9', not_after = '2028-11-24 10:00:00' WHERE id = $o2"
get_xml "$u" /certificates
check "list of all" xpath_is 'count(//order)' 2
get_xml "$u" "/certificates?status=issued"
check "filter issued" xpath_is 'count(//order)' 1
check "the issued one" xpath_is 'string(//order/@id)' "$o2"
check "expiry shown" xpath_is 'string(//order/expires)' 2028-11-24T10:00:00Z
get_xml "$u" "/certificates?status=waiting"
check "filter waiting" xpath_is "string(//order/@id)" "$o1"
get_xml "$u" "/certificates?status=bogus"
check "unknown status is a field error" xpath_is 'count(//error[@field="status"])' 1
get "$u" "/certificates?status=issued"
check "list page renders" status_is 200
check "common name escaped in HTML" body_has "Jan &lt;b&gt;Kowalski&lt;/b&gt; &amp; Co"
check "no raw markup from data" body_lacks "<b>Kowalski</b>"

n2=$(sql "SELECT number FROM orders WHERE id = $o2")
get_xml "$u" "/search?q=$n2"
check "search by order number" xpath_is 'string(//order/@id)' "$o2"
get_xml "$u" "/search?q=kowalski"
check "search by part of the common name" xpath_is 'string(//order/@id)' "$o2"
get_xml "$u" "/search?q=jan%40example"
check "search by e-mail" xpath_is 'string(//order/@id)' "$o2"
get_xml "$u" "/search?q=0A:1B:2C:3D:4E:5F:60:71:82:93:A4:B5:C6:D7:E8:F9"
check "search by serial with colons and capitals" xpath_is 'string(//order/@id)' "$o2"
get_xml "$u" "/search?q=%25"
check "a LIKE wildcard matches literally" xpath_is 'count(//order)' 0
get "$u" "/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E"
check "search page renders a hostile query" status_is 200
check "the query is escaped" body_lacks "<script>alert(1)"
get "$u" /search
check "empty search page" status_is 200
done_testing
