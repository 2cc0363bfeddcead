#!/usr/bin/env bash
# Step 1, data verification, clicked through as a customer and an
# operator: registration number and document, approval and rejection,
# reuse of verified data, and every refusal leaving the database as it was.
. "$(dirname "$0")/lib.sh"

u=$(new_user org customer)
admin account set "$u" --email "$u@example.com" >/dev/null
op=$(new_user op operator)
o1=$(new_order "$u")
o2=$(new_order "$u")
tok=$(csrf_of "$u")
count() { sql "SELECT COUNT(*) FROM $1"; }
orgs_of() { sql "SELECT COUNT(*) FROM organizations g JOIN accounts a ON a.id = g.account_id WHERE a.login = '$u'"; }

get_xml "$u" "/data/$o1"
check "step 1 starts with the form" xpath_is 'string(/page/@name)' orgdata-form
check "the form lists the countries" bash -c "[ \"\$(xmllint --xpath 'count(//countries/country)' '$BODY')\" -ge 240 ]"
get "$u" "/data/$o1"
check "the form renders" status_is 200
check "organization field" body_has 'name="organization"'
check "multipart form" body_has 'multipart/form-data'

# Refused forms: every error named, what was typed kept, nothing written.
before=$(orgs_of)
post "$u" "/data/$o1" -H 'Accept: application/xml' --data-urlencode "csrf=$tok" \
    --data-urlencode 'organization= - ' --data-urlencode 'country=XX' \
    --data-urlencode 'state=mazowieckie' --data-urlencode 'locality=' \
    --data-urlencode 'method=registry'
check "invalid form: 422" status_is 422
check "organization named" xpath_is 'count(//error[@field="organization"])' 1
check "country named" xpath_is 'count(//error[@field="country"])' 1
check "locality named" xpath_is 'count(//error[@field="locality"])' 1
check "typed state kept" xpath_is 'string(//form/value[@name="state"])' mazowieckie
post "$u" "/data/$o1" -H 'Accept: application/xml' --data-urlencode "csrf=$tok" \
    --data-urlencode 'organization=Example sp. z o.o.' --data-urlencode 'country=PL' \
    --data-urlencode 'state=mazowieckie' --data-urlencode 'locality=Warszawa' \
    --data-urlencode 'method=registry' --data-urlencode 'registry_type=NIP' \
    --data-urlencode 'registry_number=526-025-02-75'
check "NIP with a wrong check digit: 422" status_is 422
check "the number's error says why" xpath_is 'string(//error[@field="registry_number"]/@key)' registry.checksum.NIP
post "$u" "/data/$o1" -H 'Accept: application/xml' --data-urlencode "csrf=$tok" \
    --data-urlencode 'organization=Example sp. z o.o.' --data-urlencode 'country=DE' \
    --data-urlencode 'state=Berlin' --data-urlencode 'locality=Berlin' \
    --data-urlencode 'method=registry' --data-urlencode 'registry_type=KRS' \
    --data-urlencode 'registry_number=0000012345'
check "KRS for a German organization: refused" xpath_is 'string(//error[@field="registry_number"]/@key)' registry.country
check "nothing written by refused forms" test "$(orgs_of)" = "$before"

# By registration number.
post "$u" "/data/$o1" -H 'Accept: application/xml' --data-urlencode "csrf=$tok" \
    --data-urlencode 'organization=Example sp. z o.o.' --data-urlencode 'country=PL' \
    --data-urlencode 'state=mazowieckie' --data-urlencode 'locality=Warszawa' \
    --data-urlencode 'method=registry' --data-urlencode 'registry_type=NIP' \
    --data-urlencode 'registry_number=526-025-02-74'
check "valid data: the summary" xpath_is 'string(/page/@name)' orgdata-summary
check "number normalised" xpath_is 'string(//organization/registry)' 5260250274
check "organizationIdentifier derived" xpath_is 'string(//organization/org-identifier)' VATPL-5260250274
get_xml "$u" "/data/$o1"
check "the draft is not submitted yet" xpath_is "string(//order[@id='$o1']/step[@name='data']/@status)" awaiting
post "$u" "/data/$o1/submit" -H 'Accept: application/xml' --data-urlencode "csrf=$tok"
check "submit without the statements: 422" status_is 422
check "statements named" xpath_is 'count(//error[@field="statements"])' 1
post "$u" "/data/$o1/submit" --data-urlencode "csrf=$tok" --data-urlencode 'statements=1'
check "submitted: success page" status_is 200
check "success text" body_has "1 to 7 days"
check "step 1 submitted" test "$(sql "SELECT step_data FROM orders WHERE id = $o1")" = submitted
check "order under verification" test "$(sql "SELECT status FROM orders WHERE id = $o1")" = verification
ev=$(sql "SELECT COUNT(*) FROM events WHERE order_id = $o1")
post "$u" "/data/$o1/submit" --data-urlencode "csrf=$tok" --data-urlencode 'statements=1'
check "a double submit is harmless" status_is 200
check "and writes nothing" test "$(sql "SELECT COUNT(*) FROM events WHERE order_id = $o1")" = "$ev"
check "submission audited" test "$(sql "SELECT COUNT(*) FROM audit WHERE order_id = $o1 AND action = 'organization-submit' AND actor = '$u'")" = 1
post "$u" "/data/$o1" --data-urlencode "csrf=$tok" --data-urlencode 'organization=Other'
check "data can no longer be changed: 409" status_is 409

# By document.
printf '%%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%%%EOF\n' >"$T_TMP/proof.pdf"
printf '<html><script>alert(1)</script></html>' >"$T_TMP/fake.pdf"
docs=$(count documents)
post "$u" "/data/$o2" -H 'Accept: application/xml' -F "csrf=$tok" \
    -F 'organization=Beispiel GmbH' -F 'country=DE' -F 'state=Berlin' \
    -F 'locality=Berlin' -F 'method=document' -F "document=@$T_TMP/fake.pdf;type=application/pdf"
check "HTML named .pdf: refused" status_is 422
check "the document's error says why" xpath_is 'string(//error[@field="document"]/@key)' document.type
check "no document stored" test "$(count documents)" = "$docs"
head -c 12000000 /dev/zero >"$T_TMP/huge.pdf"
post "$u" "/data/$o2" -F "csrf=$tok" -F 'method=document' -F "document=@$T_TMP/huge.pdf"
check "12 MB upload: 413" status_is 413
post "$u" "/data/$o2" -H 'Accept: application/xml' -F "csrf=$tok" \
    -F 'organization=Beispiel GmbH' -F 'country=DE' -F 'state=Berlin' \
    -F 'locality=Berlin' -F 'method=document' -F "document=@$T_TMP/proof.pdf;filename=Handelsregister.pdf"
check "document accepted: summary" xpath_is 'string(/page/@name)' orgdata-summary
check "document listed with its checked type" xpath_is 'string(//organization/document/@type)' pdf
check "its hash kept" xpath_is 'string(//organization/document/@sha256)' "$(sha256sum "$T_TMP/proof.pdf" | cut -d' ' -f1)"
post "$u" "/data/$o2/submit" --data-urlencode "csrf=$tok" --data-urlencode 'statements=1'
check "document route submitted" test "$(sql "SELECT step_data FROM orders WHERE id = $o2")" = submitted
post "$u" "/data/$o2/documents" -H 'Accept: application/xml' -F "csrf=$tok" -F "document=@$T_TMP/proof.pdf;filename=more.pdf"
check "another document added later" xpath_is 'count(//organization/document)' 2

# Others' orders, and the operator pages, are out of reach.
v=$(new_user intruder customer)
get "$v" "/data/$o1"
check "another account's order: 404" status_is 404
get "$u" /operator/
check "a customer on /operator/: 403" status_is 403

# The operator's queue.
org1=$(sql "SELECT organization_id FROM orders WHERE id = $o1")
org2=$(sql "SELECT organization_id FROM orders WHERE id = $o2")
get_xml "$op" /operator/
check "queue lists the submitted data" xpath_is "count(//organization[@id='$org1'])" 1
check "with the orders it was submitted for" xpath_is "string(//organization[@id='$org2']/order/@id)" "$o2"
get "$op" /operator/
check "queue renders" status_is 200
get "$op" "/operator/organizations/$org2"
check "data view renders" status_is 200
doc=$(sql "SELECT MIN(id) FROM documents WHERE organization_id = $org2")
get "$op" "/operator/documents/$doc"
check "document served" status_is 200
check "as its checked type" header_has 'Content-Type: application/pdf'
check "as an attachment" header_has 'Content-Disposition: attachment; filename="Handelsregister.pdf"'
check "nosniff" header_has 'X-Content-Type-Options: nosniff'
check "the same bytes" cmp -s "$BODY" "$T_TMP/proof.pdf"

# Decisions.
otok=$(csrf_of "$op" /operator/)
outbox=$(count outbox)
post "$op" "/operator/organizations/$org1/approve" --data-urlencode "csrf=$otok"
check "approve: see other" status_is 303
check "step 1 verified" test "$(sql "SELECT step_data FROM orders WHERE id = $o1")" = verified
check "step 2 opened" test "$(sql "SELECT step_email FROM orders WHERE id = $o1")" = awaiting
check "approval mail queued" test "$(sql "SELECT COUNT(*) FROM outbox WHERE order_id = $o1 AND kind = 'data-verified' AND rcpt = '$u@example.com'")" = 1
check "approval audited with the operator" test "$(sql "SELECT COUNT(*) FROM audit WHERE actor = '$op' AND action = 'organization-approve'")" = 1
post "$op" "/operator/organizations/$org1/approve" --data-urlencode "csrf=$otok"
check "a second decision: 409" status_is 409
post "$op" "/operator/organizations/$org2/reject" -H 'Accept: application/xml' --data-urlencode "csrf=$otok"
check "reject without a reason: 422" status_is 422
check "reason named" xpath_is 'count(//error[@field="reason"])' 1
check "still submitted" test "$(sql "SELECT status FROM organizations WHERE id = $org2")" = submitted
post "$op" "/operator/organizations/$org2/reject" --data-urlencode "csrf=$otok" \
    --data-urlencode 'reason=The register extract is older than 3 months.'
check "reject: see other" status_is 303
check "step 1 rejected" test "$(sql "SELECT step_data FROM orders WHERE id = $o2")" = rejected
check "two mails queued" test "$(count outbox)" = "$((outbox + 2))"
msg=$(sql "SELECT message FROM outbox WHERE order_id = $o2 AND kind = 'data-rejected'")
check "the rejection mail carries the reason" bash -c 'grep -q "older than 3 months" <<<"$0"' "$msg"
check "mail headers" bash -c 'grep -q "^Message-ID: <" <<<"$0" && grep -q "^MIME-Version: 1.0" <<<"$0"' "$msg"

# The customer sees both outcomes.
get_xml "$u" /
check "dashboard: data verified" xpath_is "string(//order[@id='$o1']/step[@name='data']/@status)" verified
check "dashboard: e-mail step open" xpath_is "string(//order[@id='$o1']/step[@name='email']/@status)" awaiting
check "dashboard: data rejected" xpath_is "string(//order[@id='$o2']/step[@name='data']/@status)" rejected
check "events: verified" xpath_is "count(//events/event[@type='data-verified'][@order='$o1'])" 1
check "events: rejected" xpath_is "count(//events/event[@type='data-rejected'][@order='$o2'])" 1
get_xml "$u" "/data/$o2"
check "rejected data comes back as the form" xpath_is 'string(/page/@name)' orgdata-form
check "with the reason" xpath_is 'string(//organization/reason)' 'The register extract is older than 3 months.'
check "and the data prefilled" xpath_is 'string(//form/value[@name="organization"])' 'Beispiel GmbH'

# Verified data is reused for the next order at once.
o3=$(new_order "$u")
get_xml "$u" "/data/$o3"
check "saved data offered" xpath_is "count(//profiles/organization[@id='$org1'])" 1
post "$u" "/data/$o3" -H 'Accept: application/xml' --data-urlencode "csrf=$tok" --data-urlencode "profile=$org1"
check "reuse: summary" xpath_is 'string(/page/@name)' orgdata-summary
post "$u" "/data/$o3/submit" -H 'Accept: application/xml' --data-urlencode "csrf=$tok" --data-urlencode 'statements=1'
check "reuse verifies at once" xpath_is 'string(/page/@outcome)' verified
check "the success page shows the order as it is now" xpath_is "string(//order[@id='$o3']/step[@name='data']/@status)" verified
check "and step 2 open" xpath_is "string(//order[@id='$o3']/step[@name='email']/@status)" awaiting
post "$u" "/data/$o3/submit" --data-urlencode "csrf=$tok" --data-urlencode 'statements=1'
check "so its HTML leads on to step 2" body_has "href=\"/email/$o3\""
check "step 1 verified for the new order" test "$(sql "SELECT step_data FROM orders WHERE id = $o3")" = verified
post "$v" "/data/$(new_order "$v")" --data-urlencode "csrf=$(csrf_of "$v")" --data-urlencode "profile=$org1"
check "another account cannot reuse it" status_is 422

# The mailer delivers the decisions to the mailbox (the SMTP sink).
n1=$(sql "SELECT number FROM orders WHERE id = $o1")
for _ in $(seq 100); do
	grep -lqs "X-Smime-Kind: data-verified" "$SMIME_TEST_STATE"/mail/*.eml &&
	    grep -qs "$n1" $(grep -ls "X-Smime-Kind: data-verified" "$SMIME_TEST_STATE"/mail/*.eml) && break
	sleep 0.1
done
mail=$(grep -ls "$n1" $(grep -ls "X-Smime-Kind: data-verified" "$SMIME_TEST_STATE"/mail/*.eml /dev/null) /dev/null | head -1)
check "the approval mail arrived" test -n "$mail"
check "addressed to the customer" grep -q "^X-Sink-To: $u@example.com" "${mail:-/dev/null}"
check "marked sent in the outbox" test "$(sql "SELECT COUNT(*) FROM outbox WHERE order_id = $o1 AND sent_at IS NOT NULL")" = 1
done_testing
