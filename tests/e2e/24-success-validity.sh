#!/usr/bin/env bash
# The issuance success page shows the certificate's validity, the same
# dates as the details page and the certificate itself.
. "$(dirname "$0")/lib.sh"

u=$(new_user valid customer)
o=$(ready_order "$u" "$u@example.com")
issue_order "$u" "$o"
check "issued" xpath_is 'string(/page/@name)' activation-success
nb=$(xpath 'string(//certificate/not-before)')
na=$(xpath 'string(//certificate/not-after)')
check "not-before given" test -n "$nb"
check "not-after given" test -n "$na"
get "$u" "/certificates/$o/cert.pem"
end=$(date -u -d "$(openssl x509 -in "$BODY" -noout -enddate | cut -d= -f2)" +%Y-%m-%dT%H:%M:%SZ)
check "not-after is the certificate's" test "$na" = "$end"
get_xml "$u" "/certificates/$o"
check "the same dates as the details page" test "$(xpath 'string(//certificate/not-after)')" = "$na"
# The page as shown: two dates, not "- – -".
post "$u" "/activation/$o/submit" --data-urlencode "csrf=$(csrf_of "$u")"
check "the success page again" status_is 200
check "shows the start date" body_has "${nb:0:10}"
check "shows the end date" body_has "${na:0:10}"
check "no empty validity" body_lacks "- – -"
done_testing
