#!/usr/bin/env bash
# Operators find any order (all of them, by status, by number, serial,
# e-mail, login or organization), open its details with the audit trail
# linked, revoke it from the page, and read each organization's history
# of decisions.
. "$(dirname "$0")/lib.sh"

op=$(new_user opall operator)
u=$(new_user opcust customer)
other=$(new_user opother customer)
admin account set "$u" --email "$u@example.com" >/dev/null
o1=$(new_order "$u")
o2=$(ready_order "$u" "$u@example.com")
issue_order "$u" "$o2"
serial=$(xpath 'string(//certificate/serial)')
o3=$(new_order "$other")
n1=$(sql "SELECT number FROM orders WHERE id = $o1")
sql "UPDATE organizations SET name = 'Findable Org $$' WHERE id = (SELECT organization_id FROM orders WHERE id = $o2)"

get_xml "$op" /
check "the operator's dashboard lists orders" xpath_is "count(//order[@id='$o3'])" 1
get_xml "$op" /certificates
check "all orders: another customer's" xpath_is "count(//order[@id='$o1'])" 1
get_xml "$op" "/certificates?status=issued"
check "status filter: the issued order" xpath_is "count(//order[@id='$o2'])" 1
check "status filter: not the waiting one" xpath_is "count(//order[@id='$o1'])" 0
get_xml "$op" "/search?q=$n1"
check "search by order number" xpath_is "count(//order[@id='$o1'])" 1
get_xml "$op" "/search?q=$(tr a-f A-F <<<"$serial" | sed 's/../&:/g; s/:$//')"
check "search by serial, colons and capitals" xpath_is "count(//order[@id='$o2'])" 1
get_xml "$op" "/search?q=$u@example"
check "search by e-mail" xpath_is "count(//order[@id='$o2'])" 1
get_xml "$op" "/search?q=Findable+Org+$$"
check "search by organization" xpath_is "count(//order[@id='$o2'])" 1
get_xml "$op" "/search?q=$other"
check "search by login" xpath_is "count(//order[@id='$o3'])" 1
get_xml "$u" "/search?q=$other"
check "a customer still finds only their own" xpath_is "count(//order)" 0
get "$u" "/certificates/$o3"
check "a customer still gets 404 for others' orders" status_is 404

get "$op" "/certificates/$o2"
check "details for the operator" status_is 200
check "the audit trail linked" body_has "href=\"/operator/orders/$o2/audit\""
check "the revoke form offered" body_has "action=\"/certificates/$o2/revoke\""
get "$op" "/operator/orders/$o2/audit"
check "the trail" status_is 200
check "links back to the details" body_has "href=\"/certificates/$o2\""
otok=$(csrf_of "$op" /operator/)
post "$op" "/certificates/$o2/revoke" --data-urlencode "csrf=$otok"
check "the revoke confirmation page" status_is 200
back=$(grep -o 'href="/certificates/[0-9]*"' "$BODY" | head -1 | sed 's/href="//; s/"$//')
get "$op" "$back"
check "its back link answers" status_is 200
post "$op" "/certificates/$o2/revoke" --data-urlencode "csrf=$otok" -d confirm=1 \
    -d reason=privilegeWithdrawn --data-urlencode 'comment=Found by the operator'
check "revoked by the operator" test "$(sql "SELECT status FROM orders WHERE id = $o2")" = revoked

# An organization's history: submitted, rejected, submitted, approved.
tok=$(csrf_of "$u")
o4=$(new_order "$u")
printf '%%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%%%EOF\n' >"$T_TMP/p.pdf"
post "$u" "/data/$o4" -F "csrf=$tok" -F 'organization=History Org' -F 'country=PL' \
    -F 'state=mazowieckie' -F 'locality=Warszawa' -F 'method=document' -F "document=@$T_TMP/p.pdf;filename=KRS.pdf"
post "$u" "/data/$o4/submit" --data-urlencode "csrf=$tok" --data-urlencode 'statements=1'
g=$(sql "SELECT organization_id FROM orders WHERE id = $o4")
post "$op" "/operator/organizations/$g/reject" --data-urlencode "csrf=$otok" --data-urlencode 'reason=Scan unreadable'
get_xml "$op" "/operator/organizations/$g"
check "the organization page" status_is 200
check "history: the submission" xpath_is "count(//history/entry[@action='organization-submit'])" 1
check "history: the rejection by the operator" xpath_is "count(//history/entry[@actor='$op' and contains(., 'Scan unreadable')])" 1
get "$op" "/operator/organizations/$g"
check "history shown" body_has "Decision history"
check "the orders link to their details" body_has "href=\"/certificates/$o4\""
done_testing
