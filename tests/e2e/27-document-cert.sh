#!/usr/bin/env bash
# Verification by document ends in a certificate: the customer may give
# the registration number with the document; the operator confirms it,
# or enters it (checked like the customer's, required when none was
# given) on approval, and the certificate carries the identifier.
. "$(dirname "$0")/lib.sh"

u=$(new_user docc customer)
op=$(new_user doco operator)
admin account set "$u" --email "$u@example.com" >/dev/null
tok=$(csrf_of "$u")
otok=$(csrf_of "$op" /operator/)
printf '%%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%%%EOF\n' >"$T_TMP/krs.pdf"

# Step 2 done as the e-mail step would: verified mailbox, step 3 open.
mailbox_verified() {
	sql "UPDATE orders SET step_email = 'verified', step_activation = 'awaiting',
	    email = '$u@example.com', email_validated_at = NOW(6) WHERE id = $1"
}

# 1. A document and no number: the operator must enter one.
o1=$(new_order "$u")
post "$u" "/data/$o1" -H 'Accept: application/xml' -F "csrf=$tok" -F 'organization=Dokument sp. z o.o.' \
    -F 'country=PL' -F 'state=mazowieckie' -F 'locality=Kraków' -F 'method=document' \
    -F "document=@$T_TMP/krs.pdf;filename=KRS.pdf"
check "document, no number: the summary" xpath_is 'string(/page/@name)' orgdata-summary
post "$u" "/data/$o1/submit" --data-urlencode "csrf=$tok" --data-urlencode 'statements=1'
g1=$(sql "SELECT organization_id FROM orders WHERE id = $o1")
get "$op" "/operator/organizations/$g1"
check "the approval asks for the registry" body_has 'name="registry_number"'
post "$op" "/operator/organizations/$g1/approve" -H 'Accept: application/xml' --data-urlencode "csrf=$otok"
check "approval without a number: 422" status_is 422
check "the number is required" xpath_is 'count(//error[@field="registry_number"])' 1
check "still submitted" test "$(sql "SELECT status FROM organizations WHERE id = $g1")" = submitted
post "$op" "/operator/organizations/$g1/approve" -H 'Accept: application/xml' --data-urlencode "csrf=$otok" \
    -d registry_type=KRS -d registry_number=12345
check "a short KRS: 422" status_is 422
check "the expected form is named" xpath_is 'string(//error[@field="registry_number"])' 'KRS: 10 digits, leading zeros included (e.g. 0000123456).'
check "what was typed comes back" xpath_is 'string(//form/value[@name="registry_number"])' 12345
post "$op" "/operator/organizations/$g1/approve" --data-urlencode "csrf=$otok" \
    -d registry_type=KRS -d registry_number=0000123456
check "approved: see other" status_is 303
check "the organization verified with the number" test "$(sql "SELECT status, registry_type, registry_number, org_identifier FROM organizations WHERE id = $g1")" = "verified	KRS	0000123456	NTRPL-0000123456"
check "the approval audited with it" test "$(sql "SELECT COUNT(*) FROM audit WHERE object = 'organization:$g1' AND action = 'organization-approve' AND details = 'NTRPL-0000123456'")" -ge 1
mailbox_verified "$o1"
issue_order "$u" "$o1"
check "a certificate for the document-verified data" xpath_is 'string(/page/@name)' activation-success
get "$u" "/certificates/$o1/cert.pem"
check "it carries the organizationIdentifier" bash -c 'openssl x509 -in "$0" -noout -subject -nameopt multiline | grep -q "organizationIdentifier *= NTRPL-0000123456"' "$BODY"

# 2. A document with the number: the operator confirms it.
o2=$(new_order "$u")
post "$u" "/data/$o2" -H 'Accept: application/xml' -F "csrf=$tok" -F 'organization=Numer sp. z o.o.' \
    -F 'country=PL' -F 'state=mazowieckie' -F 'locality=Warszawa' -F 'method=document' \
    -F 'registry_type=NIP' -F 'registry_number=526-025-02-74' -F "document=@$T_TMP/krs.pdf;filename=NIP.pdf"
check "document with a number: the summary" xpath_is 'string(/page/@name)' orgdata-summary
check "the number normalised" xpath_is 'string(//organization/registry)' 5260250274
post "$u" "/data/$o2" -H 'Accept: application/xml' -F "csrf=$tok" -F 'organization=Numer sp. z o.o.' \
    -F 'country=PL' -F 'state=mazowieckie' -F 'locality=Warszawa' -F 'method=document' \
    -F 'registry_type=NIP' -F 'registry_number=5260250275' -F "document=@$T_TMP/krs.pdf;filename=NIP.pdf"
check "a bad NIP with the document is still refused" status_is 422
check "naming the check digit" xpath_is 'string(//error[@field="registry_number"]/@key)' registry.checksum.NIP
post "$u" "/data/$o2" -F "csrf=$tok" -F 'organization=Numer sp. z o.o.' \
    -F 'country=PL' -F 'state=mazowieckie' -F 'locality=Warszawa' -F 'method=document' \
    -F 'registry_type=NIP' -F 'registry_number=5260250274' -F "document=@$T_TMP/krs.pdf;filename=NIP.pdf"
post "$u" "/data/$o2/submit" --data-urlencode "csrf=$tok" --data-urlencode 'statements=1'
g2=$(sql "SELECT organization_id FROM orders WHERE id = $o2")
get "$op" "/operator/organizations/$g2"
check "the operator sees the customer's number in the form" body_has 'value="5260250274"'
post "$op" "/operator/organizations/$g2/approve" --data-urlencode "csrf=$otok"
check "confirmed as given: see other" status_is 303
check "verified with the customer's identifier" test "$(sql "SELECT status, org_identifier FROM organizations WHERE id = $g2")" = "verified	VATPL-5260250274"
mailbox_verified "$o2"
issue_order "$u" "$o2"
check "issued" xpath_is 'string(/page/@name)' activation-success
get "$u" "/certificates/$o2/cert.pem"
check "the certificate carries it" bash -c 'openssl x509 -in "$0" -noout -subject -nameopt multiline | grep -q "organizationIdentifier *= VATPL-5260250274"' "$BODY"
done_testing
