#!/usr/bin/env bash
# No dead ends: a customer, its partner and an operator each follow every
# link and every GET form on every page they can reach, in a state with
# orders in every status, and none answers 401, 403, 404 or 5xx.
. "$(dirname "$0")/lib.sh"

code="cr$$$RANDOM"
p=$(new_user crawlp partner "$code")
c=$(new_user crawlc customer "$code")
op=$(new_user crawlo operator)
admin account set "$c" --email "$c@example.com" >/dev/null
tok=$(csrf_of "$c")

o_wait=$(new_order "$c")
# Step 1 submitted by document (in the operators' queue).
o_doc=$(new_order "$c" smime-org-365)
printf '%%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%%%EOF\n' >"$T_TMP/proof.pdf"
post "$c" "/data/$o_doc" -F "csrf=$tok" -F 'organization=Crawl sp. z o.o.' -F 'country=PL' \
    -F 'state=mazowieckie' -F 'locality=Warszawa' -F 'method=document' \
    -F "document=@$T_TMP/proof.pdf;filename=KRS.pdf"
post "$c" "/data/$o_doc/submit" --data-urlencode "csrf=$tok" --data-urlencode 'statements=1'
check "seed: data submitted" test "$(sql "SELECT step_data FROM orders WHERE id = $o_doc")" = submitted
# Step 1 rejected.
o_rej=$(new_order "$c")
post "$c" "/data/$o_rej" -F "csrf=$tok" -F 'organization=Crawl Two' -F 'country=PL' \
    -F 'state=mazowieckie' -F 'locality=Warszawa' -F 'method=document' \
    -F "document=@$T_TMP/proof.pdf;filename=KRS.pdf"
post "$c" "/data/$o_rej/submit" --data-urlencode "csrf=$tok" --data-urlencode 'statements=1'
g=$(sql "SELECT organization_id FROM orders WHERE id = $o_rej")
otok=$(csrf_of "$op" /operator/)
post "$op" "/operator/organizations/$g/reject" --data-urlencode "csrf=$otok" --data-urlencode 'reason=Illegible scan'
check "seed: data rejected" test "$(sql "SELECT step_data FROM orders WHERE id = $o_rej")" = rejected
# Step 2 sent, step 3 open, issued, revoked, expired.
o_mail=$(ready_order "$c" "$c@example.com")
sql "UPDATE orders SET step_email = 'submitted', step_activation = 'unavailable', email = NULL WHERE id = $o_mail"
o_act=$(ready_order "$c" "$c@example.com")
o_iss=$(ready_order "$c" "$c@example.com")
issue_order "$c" "$o_iss"
check "seed: issued" test "$(sql "SELECT status FROM orders WHERE id = $o_iss")" = issued
o_rev=$(ready_order "$c" "$c@example.com")
issue_order "$c" "$o_rev"
post "$c" "/certificates/$o_rev/revoke" --data-urlencode "csrf=$tok" -d confirm=1 -d reason=superseded
check "seed: revoked" test "$(sql "SELECT status FROM orders WHERE id = $o_rev")" = revoked
o_exp=$(ready_order "$c" "$c@example.com")
issue_order "$c" "$o_exp"
sql "UPDATE orders SET status = 'expired' WHERE id = $o_exp"

# The in-browser generator (/tools/) is its own program: its link is
# followed where this tree serves it.
skip=()
grep -q 'location /tools/' "$SMIME_TEST_TOP/conf/nginx/locations.conf" || skip+=(/tools/)
for u in "$c" "$p" "$op"; do
	/usr/bin/python3 "$SMIME_TEST_TOP/tests/e2e/crawl.py" "$BASE" "$u" "$u" "${skip[@]}" >"$T_TMP/crawl-$u" 2>&1
	rc=$?
	grep -E '^BROKEN|fetched' "$T_TMP/crawl-$u"
	check "$u: no link answers 401, 403, 404 or 5xx" test "$rc" = 0
	check "$u: reached the pages" test "$(grep -c '^[0-9]' "$T_TMP/crawl-$u")" -ge 10
done
check "the customer reached each order" bash -c 'for o in "$@"; do grep -q "^200 /certificates/$o " "$0" || exit 1; done' "$T_TMP/crawl-$c" "$o_wait" "$o_doc" "$o_rej" "$o_mail" "$o_act" "$o_iss" "$o_rev" "$o_exp"
check "the customer reached the help pages" grep -q '^200 /help/tools ' "$T_TMP/crawl-$c"
check "the partner reached its customer's orders" grep -q "^200 /certificates/$o_iss " "$T_TMP/crawl-$p"
check "the operator reached the queue" grep -q '^200 /operator/ ' "$T_TMP/crawl-$op"
check "the partner reached its panel from the menu" grep -q '^200 /partner/ ' "$T_TMP/crawl-$p"
check "the partner reached the new-order form" grep -q '^200 /partner/orders/new ' "$T_TMP/crawl-$p"
check "the customer reached the ACME access page" grep -q '^200 /acme-access/ ' "$T_TMP/crawl-$c"
check "the operator reached the ACME accounts" grep -q '^200 /operator/acme/ ' "$T_TMP/crawl-$op"
check "the operator reached an organization" grep -q "^200 /operator/organizations/" "$T_TMP/crawl-$op"
done_testing
