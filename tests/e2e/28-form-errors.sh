#!/usr/bin/env bash
# A form with several wrong fields names every one at once, and a bad
# registration number says the form its registry expects.
. "$(dirname "$0")/lib.sh"

u=$(new_user ferr customer)
o=$(new_order "$u")
tok=$(csrf_of "$u")
post "$u" "/data/$o" -H 'Accept: application/xml' -F "csrf=$tok" -F 'organization=Błędy sp. z o.o.' \
    -F 'country=PL' -F 'state=mazowieckie' -F 'method=registry' -F 'registry_type=KRS' -F 'registry_number=123'
check "422" status_is 422
check "the missing locality" xpath_is 'count(//error[@field="locality"])' 1
check "and, at once, the bad KRS" xpath_is 'count(//error[@field="registry_number"])' 1
check "which says the expected form" xpath_is 'string(//error[@field="registry_number"])' 'KRS: 10 digits, leading zeros included (e.g. 0000123456).'
post "$u" "/data/$o" -H 'Accept: application/xml' -F "csrf=$tok" -F 'country=PL' -F 'method=registry' \
    -F 'registry_type=REGON' -F 'registry_number=12345678'
check "four fields at once" xpath_is 'count(//error[@field])' 4
check "organization" xpath_is 'count(//error[@field="organization"])' 1
check "state" xpath_is 'count(//error[@field="state"])' 1
check "locality" xpath_is 'count(//error[@field="locality"])' 1
check "REGON's form" xpath_is 'string(//error[@field="registry_number"])' 'REGON: 9 digits, or 14 for a local unit.'
post "$u" "/data/$o" -H 'Accept: application/xml' -F "csrf=$tok" -F 'organization=X' -F 'country=PL' \
    -F 'state=s' -F 'locality=l' -F 'method=registry' -F 'registry_type=NIP' -F 'registry_number=5260250275'
check "a NIP with a wrong check digit says so, with the form" xpath_is 'string(//error[@field="registry_number"]/@key)' registry.checksum.NIP
post "$u" "/data/$o" -H 'Accept: application/xml' -F "csrf=$tok" -F 'organization=X' -F 'country=PL' \
    -F 'state=s' -F 'locality=l' -F 'method=registry'
check "registry method, nothing given: the type named" xpath_is 'count(//error[@field="registry_type"])' 1
post "$u" "/data/$o" -F "csrf=$tok" -F 'country=PL' -F 'method=registry' -F 'registry_type=KRS' -F 'registry_number=123'
check "the page shows each message" bash -c 'test "$(grep -o "class=\"field-error\"" "$0" | wc -l)" = 4' "$BODY"
check "the page shows the form" body_has 'KRS: 10 digits'
post "$u" "/data/$o" -H 'Accept: application/xml' -F "csrf=$tok" -F 'organization=Dobre sp. z o.o.' \
    -F 'country=PL' -F 'state=mazowieckie' -F 'locality=Warszawa' -F 'method=registry' \
    -F 'registry_type=KRS' -F 'registry_number=0000123456'
check "all good: the summary" xpath_is 'string(/page/@name)' orgdata-summary
done_testing
