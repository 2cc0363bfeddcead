#!/usr/bin/env bash
# The partner panel, clicked through as a partner and as a script: an
# order for a new customer (the invitation mail and its one-time link),
# one for an existing customer, step 1 filled by the partner, the
# operator's approval seen by partner and customer alike, and every
# other partner, customer and operator kept out.
. "$(dirname "$0")/lib.sh"

code="p$$"
admin partner add "$code" --name "Harbor Hosting $$" >/dev/null
check "smime-admin partner add" test "$(sql "SELECT name FROM partners WHERE code = '$code'")" = "Harbor Hosting $$"
admin partner add "$code" --name "Again" >/dev/null 2>"$T_TMP/err"
check "partner add refuses a taken code" grep -q "exists already" "$T_TMP/err"
check "and changes nothing" test "$(sql "SELECT name FROM partners WHERE code = '$code'")" = "Harbor Hosting $$"
admin partner set "$code" --name "Harbor Hosting" >/dev/null
check "partner set renames" test "$(sql "SELECT name FROM partners WHERE code = '$code'")" = "Harbor Hosting"
admin partner show "nope$$" >/dev/null 2>"$T_TMP/err"
check "partner show names an unknown code" grep -q "no partner nope$$" "$T_TMP/err"
check "partner list" bash -c "'$SMIME_TEST_BUILD/fcgi/tools/smime-admin' --db '$SMIME_TEST_ADMIN_DB' partner list | grep -q '^$code	Harbor Hosting'"

p=$(new_user partner partner "$code")
q=$(new_user other partner "q$$")
c=$(new_user cust customer "$code")
sql "UPDATE accounts SET name = 'Existing Customer', email = '$c@example.com' WHERE login = '$c'"
x=$(new_user stranger customer)
op=$(new_user op operator)

# The panel.
get_xml "$p" /partner/
check "the panel" xpath_is 'string(/page/@name)' partner-panel
check "names the partner" xpath_is 'string(//partner/@code)' "$code"
check "lists its customer" xpath_is "count(//customers/customer[@login='$c'])" 1
get "$p" /partner/
check "the panel renders" status_is 200
check "with the new order button" body_has 'href="/partner/orders/new"'

# Who else gets in.
get "" /partner/
check "anonymous: 401" status_is 401
get "$c" /partner/
check "a customer: 403" status_is 403
get "$op" /partner/
check "an operator: 403" status_is 403
get_xml "$q" /partner/
check "another partner sees none of its customers" xpath_is "count(//customers/customer[@login='$c'])" 0

# The form, and its refusals: every error at once, nothing created.
get_xml "$p" /partner/orders/new
check "the new order form" xpath_is 'string(/page/@name)' partner-order-new
check "lists the products" xpath_is "count(//products/product[@code='smime-org-365'])" 1
tok=$(xpath '//csrf/text()')
get "$p" /partner/orders/new
check "the form renders" status_is 200
orders=$(sql "SELECT COUNT(*) FROM orders")
post "$p" /partner/orders -H 'Accept: application/xml' --data-urlencode "csrf=$tok" \
    -d product=no-such-product --data-urlencode "customer_email=not an address"
check "a bad form: 422" status_is 422
check "the address named" xpath_is 'count(//error[@field="customer_email"])' 1
check "the missing name named too" xpath_is 'count(//error[@field="customer_name"])' 1
post "$p" /partner/orders -H 'Accept: application/xml' --data-urlencode "csrf=$tok" \
    -d product=no-such-product --data-urlencode "customer=$c"
check "an unknown product: 422" status_is 422
check "the product named" xpath_is 'count(//error[@field="product"])' 1
post "$p" /partner/orders -H 'Accept: application/xml' --data-urlencode "csrf=$tok" \
    -d product=smime-org-365 --data-urlencode "customer=$x"
check "someone else's customer: 422" status_is 422
check "the customer named" xpath_is 'string(//error[@field="customer"]/@key)' partner.no-customer
post "$p" /partner/orders -d product=smime-org-365 --data-urlencode "customer=$c"
check "without a CSRF token: 403" status_is 403
check "no order from any refusal" test "$(sql "SELECT COUNT(*) FROM orders")" = "$orders"

# An order for an existing customer, from a script: 201 and the order.
post "$p" /partner/orders -H 'Accept: application/xml' --data-urlencode "csrf=$tok" \
    -d product=smime-org-365 --data-urlencode "customer=$c"
check "created: 201" status_is 201
o1=$(xpath 'string(//order/@id)')
check "the answer is the order" test -n "$o1"
check "it goes to step 1" header_has "Location: /data/$o1"
check "the customer's order" test "$(sql "SELECT a.login FROM orders o JOIN accounts a ON a.id = o.account_id WHERE o.id = $o1")" = "$c"
check "through the partner" test "$(sql "SELECT p.code FROM orders o JOIN partners p ON p.id = o.partner_id WHERE o.id = $o1")" = "$code"
check "audited with the partner" test "$(sql "SELECT COUNT(*) FROM audit WHERE order_id = $o1 AND action = 'order-created' AND actor = '$p'")" = 1
post "$q" /partner/orders -H 'Accept: application/xml' --data-urlencode "csrf=$(csrf_of "$q" /partner/)" \
    -d product=smime-org-365 --data-urlencode "customer=$c"
check "another partner cannot order for this customer" status_is 422

# An order for a new customer, from the browser: 303 to step 1.
new="new-$$-$RANDOM@example.com"
post "$p" /partner/orders --data-urlencode "csrf=$tok" -d product=smime-org-730 \
    --data-urlencode "customer_email=$new" --data-urlencode "customer_name=Nowa Firma"
check "created: see other" status_is 303
o2=$(sql "SELECT o.id FROM orders o JOIN accounts a ON a.id = o.account_id WHERE a.login = '$new'")
check "to step 1 of the new order" header_has "Location: /data/$o2"
check "the new customer is the partner's" test "$(sql "SELECT p.code FROM accounts a JOIN partners p ON p.id = a.partner_id WHERE a.login = '$new'")" = "$code"
check "one invitation, stored hashed" test "$(sql "SELECT COUNT(*), MIN(LENGTH(token_hash)) FROM invitations WHERE order_id = $o2")" = "1	32"
check "valid 7 days" test "$(sql "SELECT TIMESTAMPDIFF(DAY, created_at, expires_at) FROM invitations WHERE order_id = $o2")" = 7
post "$p" /partner/orders -H 'Accept: application/xml' --data-urlencode "csrf=$tok" -d product=smime-org-730 \
    --data-urlencode "customer_email=$new" --data-urlencode "customer_name=Nowa Firma"
check "the same new customer twice: 409" status_is 409

mail=
for _ in $(seq 150); do
	mail=$(grep -ls "X-Sink-To: $new" "$SMIME_TEST_STATE"/mail/*.eml 2>/dev/null | head -1)
	[ -n "$mail" ] && break
	sleep 0.1
done
check "the invitation mail arrived" test -n "$mail"
mail=${mail:-/dev/null}
check "it names the partner" grep -q "Harbor Hosting" "$mail"
link=$(grep -o 'http://[^ "<]*/partner/invitations/[A-Za-z0-9_-]*' "$mail" | head -1)
t=${link##*/}
check "a 128-bit token" test "${#t}" = 22
get "" "/partner/invitations/$t"
check "the link needs no login" status_is 200
check "shows the login" body_has "$new"
check "and a button" body_has '<button'
check "GET accepts nothing" test "$(sql "SELECT COUNT(*) FROM invitations WHERE order_id = $o2 AND accepted_at IS NULL")" = 1
get_xml "" "/partner/invitations/$t"
itok=$(xpath '//csrf/text()')
post "" "/partner/invitations/$t" --data-urlencode "csrf=$itok"
check "accepted" status_is 200
check "says how to log in" body_has "Log in"
check "recorded with the address" test "$(sql "SELECT accepted_addr FROM invitations WHERE order_id = $o2")" = 127.0.0.1
post "" "/partner/invitations/$t" --data-urlencode "csrf=$itok"
check "a second time: 410" status_is 410
# The first character altered (the last carries only 2 of the 128 bits:
# "A" there may decode to the same token).
alt=A
[ "${t:0:1}" != A ] || alt=B
get "" "/partner/invitations/$alt${t#?}"
check "an altered token: 404" status_is 404

# The partner fills step 1 for its customer.
post "$p" "/data/$o2" -H 'Accept: application/xml' --data-urlencode "csrf=$tok" \
    --data-urlencode 'organization=Nowa Firma sp. z o.o.' --data-urlencode 'country=PL' \
    --data-urlencode 'state=mazowieckie' --data-urlencode 'locality=Warszawa' \
    --data-urlencode 'method=registry' --data-urlencode 'registry_type=NIP' \
    --data-urlencode 'registry_number=526-025-02-74'
check "the partner gets the summary" xpath_is 'string(/page/@name)' orgdata-summary
post "$p" "/data/$o2/submit" -H 'Accept: application/xml' --data-urlencode "csrf=$tok" -d statements=1
check "and submits" xpath_is 'string(/page/@outcome)' submitted
check "audited as the partner" test "$(sql "SELECT COUNT(*) FROM audit WHERE order_id = $o2 AND action = 'organization-submit' AND actor = '$p'")" = 1
get "$q" "/data/$o2"
check "another partner: 404" status_is 404

# The operator approves; both sides see it.
org=$(sql "SELECT organization_id FROM orders WHERE id = $o2")
post "$op" "/operator/organizations/$org/approve" --data-urlencode "csrf=$(csrf_of "$op" /operator/)"
check "approved" status_is 303
get_xml "$p" /partner/
check "the partner's panel shows step 1 verified" xpath_is "string(//order[@id='$o2']/step[@name='data']/@status)" verified
get_xml "$p" "/partner/?status=verification"
check "the status filter keeps it" xpath_is "count(//order[@id='$o2'])" 1
get_xml "$p" "/partner/?status=issued"
check "and drops it for another status" xpath_is "count(//order[@id='$o2'])" 0
add_password "$new" "$new"
get_xml "$new" /
check "the customer's dashboard shows it too" xpath_is "string(//order[@id='$o2']/step[@name='data']/@status)" verified
get_xml "$p" "/partner/?q=Nowa"
check "search by customer name" xpath_is "count(//customers/customer[@login='$new'])" 1

done_testing
