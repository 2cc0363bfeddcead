#!/usr/bin/env bash
# Step 2, e-mail verification: the address, the mail with its one-time
# link read from the mailbox (the SMTP sink), GET that changes nothing,
# POST that verifies, and every way a link is refused; resend limits.
. "$(dirname "$0")/lib.sh"

u=$(new_user mail customer)
o=$(new_order "$u")
o2=$(new_order "$u")
o3=$(new_order "$u")
for id in "$o" "$o2"; do
	sql "UPDATE orders SET step_data = 'verified', step_email = 'awaiting', status = 'verification' WHERE id = $id"
done
tok=$(csrf_of "$u")
num=$(sql "SELECT number FROM orders WHERE id = $o")

get_xml "$u" "/email/$o3"
check "before step 1 is verified: 409" status_is 409
get_xml "$u" "/email/$o"
check "the form" xpath_is 'string(/page/@name)' email-form
get "$u" "/email/$o"
check "the form renders" body_has 'name="email"'

for bad in 'Jan <jan@example.com>' 'jan@example.com, eve@example.com' 'jan@localhost' 'ja..n@example.com' 'jan@exa_mple.com'; do
	post "$u" "/email/$o" -H 'Accept: application/xml' --data-urlencode "csrf=$tok" --data-urlencode "email=$bad"
	check "refused: $bad" status_is 422
	check "named: $bad" xpath_is 'count(//error[@field="email"])' 1
done
check "what was typed is kept" xpath_is 'string(//form/value[@name="email"])' 'jan@exa_mple.com'
long="$(head -c 250 /dev/zero | tr '\0' a)@example.com"
post "$u" "/email/$o" -H 'Accept: application/xml' --data-urlencode "csrf=$tok" --data-urlencode "email=$long"
check "too long: its own message" xpath_is 'string(//error[@field="email"]/@key)' email.invalid
check "nothing stored by refusals" test -z "$(sql "SELECT IFNULL(email_draft, '') FROM orders WHERE id = $o")"

post "$u" "/email/$o" -H 'Accept: application/xml' --data-urlencode "csrf=$tok" --data-urlencode "email=Jan.K@Bücher.Example"
check "the summary" xpath_is 'string(/page/@name)' email-summary
check "domain as A-label, lower case" xpath_is 'string(//mailbox/@address)' 'Jan.K@xn--bcher-kva.example'
check "shown in Unicode" xpath_is 'string(//mailbox/@display)' 'Jan.K@bücher.example'
post "$u" "/email/$o" -H 'Accept: application/xml' --data-urlencode "csrf=$tok" --data-urlencode "email=$u@example.com"
check "another address replaces it" xpath_is 'string(//mailbox/@address)' "$u@example.com"

post "$u" "/email/$o/submit" -H 'Accept: application/xml' --data-urlencode "csrf=$tok"
check "submitted: the success page" xpath_is 'string(/page/@outcome)' sent
check "step 2 submitted" test "$(sql "SELECT step_email FROM orders WHERE id = $o")" = submitted
check "the page shows step 2 as it is now" xpath_is "string(//order[@id='$o']/step[@name='email']/@status)" submitted
check "one token, stored hashed" test "$(sql "SELECT COUNT(*), MIN(LENGTH(token_sha256)) FROM email_tokens WHERE order_id = $o")" = "1	32"
check "valid 24 hours" test "$(sql "SELECT TIMESTAMPDIFF(SECOND, created_at, expires_at) FROM email_tokens WHERE order_id = $o")" = 86400

# The mail, as it lands in the mailbox.
mail=
for _ in $(seq 150); do
	mail=$(grep -ls "X-Smime-Kind: email-verify" "$SMIME_TEST_STATE"/mail/*.eml 2>/dev/null | xargs -r grep -ls "X-Sink-To: $u@example.com" | head -1)
	[ -n "$mail" ] && break
	sleep 0.1
done
check "the verification mail arrived" test -n "$mail"
mail=${mail:-/dev/null}
check "to the address" grep -q "^X-Sink-To: $u@example.com" "$mail"
check "text and HTML" grep -q "multipart/alternative" "$mail"
link=$(grep -o 'http://[^ "<]*/email/confirm/[A-Za-z0-9_-]*' "$mail" | head -1)
check "a link on its own line, readable in the file" grep -qx "$link" <(tr -d '\r' <"$mail")
t=${link##*/}
check "a 128-bit token" test "${#t}" = 22
check "the token itself is not stored" test "$(sql "SELECT COUNT(*) FROM email_tokens WHERE token_sha256 = '$t' OR address = '$t'")" = 0

# GET shows a button and changes nothing (mail scanners follow links).
get "" "/email/confirm/$t"
check "the link needs no login" status_is 200
check "shows the address" body_has "$u@example.com"
check "and a button" body_has '<button'
check "GET changed nothing" test "$(sql "SELECT step_email FROM orders WHERE id = $o")" = submitted
check "the token is not used by GET" test "$(sql "SELECT COUNT(*) FROM email_tokens WHERE order_id = $o AND used_at IS NULL")" = 1
alt=${t%?}$( [ "${t: -1}" = A ] && echo B || echo A )
get "" "/email/confirm/$alt"
check "a token altered by one character: 404" status_is 404
check "its own page" body_has "not valid"
get "" "/email/confirm/../../etc/passwd"
check "junk instead of a token: 4xx" bash -c '[ "$0" -ge 400 ] && [ "$0" -lt 500 ]' "$STATUS"
post "" "/email/confirm/$t" --data 'x=1'
check "POST without the page's token: 403" status_is 403
get_xml "" "/email/confirm/$t"
ctok=$(xpath 'string(//csrf)')
post "" "/email/confirm/$alt" --data-urlencode "csrf=$ctok"
check "another link's form token does not carry over" status_is 403
post "" "/email/confirm/$t" --data-urlencode "csrf=$ctok"
check "confirmed" status_is 200
check "success page" body_has "$u@example.com"
check "step 2 verified" test "$(sql "SELECT step_email FROM orders WHERE id = $o")" = verified
check "step 3 opened" test "$(sql "SELECT step_activation FROM orders WHERE id = $o")" = awaiting
check "address and time recorded" test "$(sql "SELECT email = '$u@example.com' AND email_validated_at IS NOT NULL FROM orders WHERE id = $o")" = 1
check "audited: method, address, origin" test "$(sql "SELECT COUNT(*) FROM audit WHERE order_id = $o AND action = 'email-verified' AND actor = 'mailbox:$u@example.com' AND details LIKE '%3.2.2.2%' AND remote_addr = '127.0.0.1'")" = 1
get_xml "$u" /
check "dashboard: e-mail verified" xpath_is "string(//order[@id='$o']/step[@name='email']/@status)" verified
check "event shown" xpath_is "count(//event[@type='email-verified'][@order='$o'])" 1

get "" "/email/confirm/$t"
check "the same link again: 410" status_is 410
check "says it was used" body_has "already been used"
get_xml "" "/email/confirm/$t"
post "" "/email/confirm/$t" --data-urlencode "csrf=$(xpath 'string(//csrf)')"
check "POST on a used link: 410" status_is 410

# Resend limits, and expiry shifted through the database clock.
post "$u" "/email/$o2" --data-urlencode "csrf=$tok" --data-urlencode "email=second@example.com"
post "$u" "/email/$o2/submit" --data-urlencode "csrf=$tok"
check "second order submitted" status_is 200
post "$u" "/email/$o2/resend" -H 'Accept: application/xml' --data-urlencode "csrf=$tok"
check "resend within a minute: 429" status_is 429
check "with its reason" xpath_is 'string(//error[not(@field)]/@key)' email.resend-minute
sql "UPDATE email_tokens SET created_at = created_at - INTERVAL 2 MINUTE WHERE order_id = $o2"
post "$u" "/email/$o2/resend" -H 'Accept: application/xml' --data-urlencode "csrf=$tok"
check "resend after a minute" xpath_is 'string(/page/@outcome)' resent
check "a second token" test "$(sql "SELECT COUNT(*) FROM email_tokens WHERE order_id = $o2")" = 2
sql "UPDATE email_tokens SET created_at = created_at - INTERVAL 2 MINUTE WHERE order_id = $o2"
sql "INSERT INTO email_tokens (order_id, address, token_sha256, created_at, expires_at)
    SELECT $o2, 'second@example.com', UNHEX(SHA2(CONCAT('$$', seq), 256)), NOW(6) - INTERVAL 1 HOUR, NOW(6) + INTERVAL 1 HOUR
    FROM seq_1_to_8"
post "$u" "/email/$o2/resend" -H 'Accept: application/xml' --data-urlencode "csrf=$tok"
check "the eleventh link in a day: 429" status_is 429
check "with its reason" xpath_is 'string(//error[not(@field)]/@key)' email.resend-day
sql "UPDATE email_tokens SET expires_at = NOW(6) - INTERVAL 1 SECOND WHERE order_id = $o2"
m2=
for _ in $(seq 150); do
	m2=$(grep -ls "X-Sink-To: second@example.com" "$SMIME_TEST_STATE"/mail/*.eml 2>/dev/null | head -1)
	[ -n "$m2" ] && break
	sleep 0.1
done
t2=$(grep -o '/email/confirm/[A-Za-z0-9_-]*' "${m2:-/dev/null}" | head -1)
get "" "${t2:-/email/confirm/none}"
check "an expired link: 410" status_is 410
check "says it expired" body_has "expired"

v=$(new_user mail2 customer)
get "$v" "/email/$o"
check "another account's order: 404" status_is 404
done_testing
