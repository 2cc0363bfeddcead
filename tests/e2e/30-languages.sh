#!/usr/bin/env bash
# A server block allowing "en pl": the browser's Accept-Language picks,
# the header's switch (a cookie, no script) overrides it, and country
# names, product names and mails follow the language.
. "$(dirname "$0")/lib.sh"

u=$(new_user lang customer)
admin account set "$u" --email "$u@example.com" >/dev/null
o=$(new_order "$u")
product=$(sql "SELECT p.name FROM orders o JOIN products p ON p.id = o.product_id WHERE o.id = $o")

get_xml "$u" /
check "no preference: the default language" xpath_is 'string(/page/@lang)' en
check "the switch offers both" xpath_is 'count(/page/langs/lang)' 2
get "$u" / -H 'Accept-Language: pl-PL,pl;q=0.9,en;q=0.8'
check "Accept-Language pl: a Polish page" body_has '<html lang="pl"'
check "Polish texts" body_has 'Pulpit'
check "the product's Polish name" body_has 'S/MIME Organizacja'
check "not its English one" body_lacks "$product"
get "$u" / -H 'Accept-Language: de-DE,de;q=0.9'
check "a language not offered: the default" body_has '<html lang="en"'
check "the header links the other language" body_has 'href="/lang?l=pl&amp;back=/"'

get "" "/lang?l=pl&back=/certificates"
check "the switch needs no login: 303" status_is 303
check "it sets the cookie" header_has 'Set-Cookie: smime_lang=pl;'
check "and goes back" header_has 'Location: /certificates'
get "" "/lang?l=de&back=/"
check "a language not offered: 404" status_is 404
get "" "/lang?l=pl&back=//evil.example/"
check "never elsewhere" header_has 'Location: /'
check "not to another site" bash -c '! grep -qi "Location: //evil" "$0"' "$HEADERS"
get "$u" /certificates -b 'smime_lang=pl' -H 'Accept-Language: en'
check "the cookie overrides Accept-Language" body_has '<html lang="pl"'

get "$u" "/data/$o?new=1" -b 'smime_lang=pl'
check "country names in Polish" body_has '>Polska<'
check "Germany too" body_has '>Niemcy<'
get "$u" "/data/$o?new=1"
check "and in English by default" body_has '>Poland<'

# The issued mail, in the language of the customer who issued it.
o2=$(ready_order "$u" "$u@example.com")
tok=$(csrf_of "$u")
openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$T_TMP/k.pem" \
    -out "$T_TMP/r.pem" -subj /CN=x 2>/dev/null
C=(-b 'smime_lang=pl')
post "$u" "/activation/$o2" "${C[@]}" --data-urlencode "csrf=$tok" -d cn=organization
post "$u" "/activation/$o2/method" "${C[@]}" --data-urlencode "csrf=$tok" -d method=csr
post "$u" "/activation/$o2/csr" "${C[@]}" --data-urlencode "csrf=$tok" --data-urlencode "csr@$T_TMP/r.pem"
post "$u" "/activation/$o2/submit" "${C[@]}" --data-urlencode "csrf=$tok"
check "issued, the page in Polish" body_has '<html lang="pl"'
mail=
for _ in $(seq 150); do
	mail=$(grep -ls "X-Smime-Kind: certificate-issued" "$SMIME_TEST_STATE"/mail/*.eml 2>/dev/null | xargs -r grep -ls "X-Sink-To: $u@example.com" | head -1)
	[ -n "$mail" ] && break
	sleep 0.1
done
check "the issued mail arrived" test -n "$mail"
/usr/bin/python3 - "${mail:-/dev/null}" >"$T_TMP/mail.txt" <<'PY'
import email, sys
from email import policy
m = email.message_from_binary_file(open(sys.argv[1], "rb"), policy=policy.default)
print("Subject:", m["subject"])
print(m.get_body(("plain",)).get_content())
PY
check "its subject in Polish" grep -q "Subject: Twój certyfikat S/MIME został wydany" "$T_TMP/mail.txt"
check "its product name in Polish" grep -q "S/MIME Organizacja" "$T_TMP/mail.txt"
done_testing
