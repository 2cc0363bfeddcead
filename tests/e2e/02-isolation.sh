#!/usr/bin/env bash
# Accounts see only what is theirs; a partner sees its customers' orders.
. "$(dirname "$0")/lib.sh"

a=$(new_user alice customer)
b=$(new_user bob customer)
oa=$(new_order "$a")
get_xml "$b" /
check "bob's dashboard answers" status_is 200
check "bob sees none of alice's orders" xpath_is 'count(//order)' 0
get "$b" "/certificates/$oa"
check "alice's order is 404 for bob" status_is 404
check "404 page says so" body_has "does not exist"
get_xml "$b" "/certificates?status=waiting"
check "bob's list is empty" xpath_is 'count(//order)' 0
get_xml "$b" "/search?q=$(sql "SELECT number FROM orders WHERE id = $oa")"
check "bob cannot find alice's order by number" xpath_is 'count(//order)' 0
get "$a" "/certificates/$oa"
check "alice sees her own order" status_is 200

code="p$$$RANDOM"
p=$(new_user reseller partner "$code")
c=$(new_user client customer "$code")
oc=$(new_order "$c")
get_xml "$p" /
check "partner sees the customer's order" xpath_is "count(//order[@id='$oc'])" 1
check "partner does not see others' orders" xpath_is "count(//order[@id='$oa'])" 0
get "$p" "/certificates/$oc"
check "partner opens the customer's order" status_is 200
other=$(new_user reseller2 partner "q$$$RANDOM")
get "$other" "/certificates/$oc"
check "another partner gets 404" status_is 404
done_testing
