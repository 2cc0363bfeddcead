#!/usr/bin/env bash
# A partner's dashboard shows the events of its customers' orders, fresh
# after each new one (the page cache follows them), and no one else's.
. "$(dirname "$0")/lib.sh"

code="pe$$$RANDOM"
p=$(new_user pev partner "$code")
c=$(new_user pevc customer "$code")
x=$(new_user pevx customer)
admin account set "$c" --email "$c@example.com" >/dev/null
oc=$(new_order "$c")
ox=$(new_order "$x")
nc=$(sql "SELECT number FROM orders WHERE id = $oc")
nx=$(sql "SELECT number FROM orders WHERE id = $ox")

get_xml "$p" /
check "the partner's dashboard" status_is 200
check "lists the customer's order-created event" xpath_is "count(//events/event[@type='order-created' and @number='$nc'])" 1
check "nothing of another customer's" xpath_is "count(//events/event[@number='$nx'])" 0
get "$p" /
check "the page has the event, not the empty text" body_lacks "There is no events to display"
check "the page names the order" body_has "$nc"

# A new event of the customer's, with the partner's page cached already.
o=$(ready_order "$c" "$c@example.com")
n=$(sql "SELECT number FROM orders WHERE id = $o")
get_xml "$p" /
issue_order "$c" "$o"
check "issued" xpath_is 'string(/page/@name)' activation-success
get_xml "$p" /
check "the partner sees the issuance at once" xpath_is "count(//events/event[@type='certificate-issued' and @number='$n'])" 1
sql "INSERT INTO events (account_id, order_id, type) SELECT account_id, id, 'email-verified' FROM orders WHERE id = $oc"
get_xml "$p" /
check "an event alone also refreshes the partner's page" xpath_is "count(//events/event[@type='email-verified' and @number='$nc'])" 1
get_xml "$x" /
check "the other customer still sees only theirs" xpath_is "count(//events/event[@number='$nc'])" 0
get_xml "$c" /
check "the customer sees their own" xpath_is "count(//events/event[@type='certificate-issued' and @number='$n'])" 1
done_testing
