#!/usr/bin/env bash
# Markup typed into every free-text field of every form (and a file
# name) comes back as text: escaped in the rendered HTML, the same
# characters in the XML, never markup in the mails; and once in
# headless Chromium, no script of it runs.
. "$(dirname "$0")/lib.sh"

# The payload (under the 128 bytes of the shortest field): an attribute
# break-out, a script and an event handler that would retitle the page,
# an entity. A second one for the javascript: URL.
MARK="document.title='XSSED'"
P="x\"'><script>$MARK</script><img src=x onerror=$MARK>&amp;"
RAW=(
	"<script>$MARK"
	"<img src=x onerror"
	"<a href=javascript:"
)
html_clean() {	# the rendered page holds none of the payload as markup
	local r
	for r in "${RAW[@]}"; do
		grep -qiF -- "$r" "$BODY" && { echo "  raw markup in the page: $r" >&2; return 1; }
	done
	return 0
}
html_shows() { grep -qF -- '&lt;script&gt;' "$BODY" || { echo "  the payload is not shown escaped" >&2; return 1; }; }
xml_is() {	# xml_is XPATH: the element's text is the payload, unchanged
	well_formed || { echo "  not well-formed" >&2; return 1; }
	xpath_is "string($1)" "$P"
}

u=$(new_user xss customer)
admin account add "$u" --role customer --email "$u@example.com" >/dev/null
op=$(new_user xssop operator)
tok=$(csrf_of "$u")
otok=$(csrf_of "$op" /operator/)
o=$(new_order "$u")

# --- step 1: organization, state, locality (and a document's name) ---------
form=(--data-urlencode "csrf=$tok" --data-urlencode "organization=$P"
    --data-urlencode "state=$P" --data-urlencode "locality=$P"
    --data-urlencode 'country=PL' --data-urlencode 'method=registry'
    --data-urlencode 'registry_type=NIP' --data-urlencode 'registry_number=526-025-02-74')
post "$u" "/data/$o" "${form[@]}"
check "step 1 summary: 200" status_is 200
check "step 1 summary: no markup" html_clean
check "step 1 summary: shown as text" html_shows
post "$u" "/data/$o" -H 'Accept: application/xml' "${form[@]}"
check "step 1 XML: organization verbatim" xml_is '//organization/name'
check "step 1 XML: state verbatim" xml_is '//organization/state'
check "step 1 XML: locality verbatim" xml_is '//organization/locality'
post "$u" "/data/$o/submit" --data-urlencode "csrf=$tok" --data-urlencode 'statements=1'
check "submitted" status_is 200
check "the success page: no markup" html_clean
get "$u" "/data/$o"
check "step 1 status page: no markup" html_clean
get "$u" "/certificates/$o"
check "details page: no markup" html_clean

# A document whose name is markup (the second order, document route).
o2=$(new_order "$u")
printf '%%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%%%EOF\n' >"$T_TMP/p.pdf"
fname="<a href=javascript:alert(1)>.pdf"
post "$u" "/data/$o2" -F "csrf=$tok" -F "organization=Doc $P" -F 'country=PL' \
    -F "state=$P" -F "locality=$P" -F 'method=document' \
    -F "document=@$T_TMP/p.pdf;filename=\"$fname\""
check "document summary: 200" status_is 200
check "document summary: no markup" html_clean
post "$u" "/data/$o2/submit" --data-urlencode "csrf=$tok" --data-urlencode 'statements=1'

# --- the operator's pages ----------------------------------------------------
org=$(sql "SELECT organization_id FROM orders WHERE id = $o")
org2=$(sql "SELECT organization_id FROM orders WHERE id = $o2")
get "$op" /operator/
check "operator queue: no markup" html_clean
check "operator queue: shown as text" html_shows
get "$op" "/operator/organizations/$org2"
check "operator data view: no markup" html_clean
get_xml "$op" "/operator/organizations/$org"
check "operator XML: organization verbatim" xml_is "//organization[@id='$org']/name"
doc=$(sql "SELECT MIN(id) FROM documents WHERE organization_id = $org2")
get "$op" "/operator/documents/$doc"
check "document served" status_is 200
check "its name in the header is reduced to safe ASCII" \
    bash -c '! grep -i "^Content-Disposition" "$0" | grep -q "[<>\"]x"' "$HEADERS"

# The rejection reason: in the page, the audit trail and the mail.
sink=$SMIME_TEST_STATE/mail
before=$(ls "$sink" 2>/dev/null | wc -l)
post "$op" "/operator/organizations/$org/reject" --data-urlencode "csrf=$otok" \
    --data-urlencode "reason=$P"
check "rejected: see other" status_is 303
get "$op" "/operator/orders/$o/audit"
check "audit trail: no markup" html_clean
get_xml "$op" "/operator/orders/$o/audit"
check "audit XML: well-formed" well_formed
get "$u" "/data/$o"
check "the customer's status page with the reason: no markup" html_clean
get "$u" /
check "dashboard: no markup" html_clean

# The mail: text parts carry the text, no HTML part carries markup.
mails_ok() {
	/usr/bin/python3 - "$sink" "$u@example.com" "$P" <<'PY'
import email, glob, sys
from email import policy
folder, rcpt, payload = sys.argv[1:4]
found = bad = 0
for path in glob.glob(folder + "/*.eml"):
    m = email.message_from_binary_file(open(path, "rb"), policy=policy.default)
    if rcpt not in (m.get("X-Sink-To", "") + m.get("To", "")):
        continue
    for h in ("Subject", "To", "From"):
        if "<script" in str(m.get(h, "")).lower():
            print("  markup in header", h, path); bad += 1
    for part in m.walk():
        if part.is_multipart():
            continue
        body = part.get_content()
        if part.get_content_type() == "text/html":
            for raw in ("<script", "<img src=x", "<svg/onload", "href=javascript"):
                if raw in body.lower():
                    print("  raw markup in an HTML part:", raw, path); bad += 1
        elif payload in body:
            found += 1
print("  mails with the payload as text:", found)
sys.exit(0 if found >= 1 and bad == 0 else 1)
PY
}
wait_mail() {
	local i
	for i in $(seq 100); do
		grep -lq "X-Sink-To: $u@example.com" "$sink"/*.eml 2>/dev/null &&
		    mails_ok >/dev/null 2>&1 && return 0
		sleep 0.2
	done
	return 1
}
wait_mail
check "mails: the reason as text, no markup in HTML or headers" mails_ok

# --- search, step 2, step 3 -----------------------------------------------------
get "$u" "/search?q=$(printf '%s' "$P" | /usr/bin/python3 -c 'import sys,urllib.parse; print(urllib.parse.quote(sys.stdin.read()))')"
check "search: no markup" html_clean
check "search: the query shown as text" html_shows

o3=$(new_order "$u")
sql "UPDATE orders SET organization_id = $org, step_data = 'verified', step_email = 'awaiting',
    status = 'verification' WHERE id = $o3"
post "$u" "/email/$o3" --data-urlencode "csrf=$tok" --data-urlencode "email=$P"
check "step 2 refused address: 422" status_is 422
check "step 2 form: no markup" html_clean

sql "UPDATE orders SET step_email = 'verified', step_activation = 'awaiting',
    email = '$u@example.com', email_validated_at = NOW(6) WHERE id = $o3"
sql "UPDATE organizations SET status = 'verified', decided_at = NOW(6) WHERE id = $org"
post "$u" "/activation/$o3" --data-urlencode "csrf=$tok" -d cn=email
post "$u" "/activation/$o3/method" --data-urlencode "csrf=$tok" -d method=csr
post "$u" "/activation/$o3/csr" --data-urlencode "csrf=$tok" --data-urlencode "csr=$P"
check "step 3 CSR refused: 422" status_is 422
check "step 3 CSR form with the text typed: no markup" html_clean
post "$u" "/activation/$o3/csr" -H 'Accept: application/xml' --data-urlencode "csrf=$tok" --data-urlencode "csr=$P"
check "step 3 XML: the typed CSR verbatim" xml_is '//form/value[@name="csr"]'

# --- once in a browser: nothing of it runs ---------------------------------------
chrome() {	# chrome URL: the DOM after load, in $T_TMP/dom.html
	local d
	d=$(mktemp -d)
	timeout 60 chromium --headless --no-sandbox --disable-gpu --disable-quic \
	    --no-first-run --disable-background-networking --disable-component-update \
	    --disable-sync --user-data-dir="$d" --virtual-time-budget=3000 \
	    --dump-dom "$1" >"$T_TMP/dom.html" 2>/dev/null
	for _ in $(seq 20); do pgrep -f -- "--user-data-dir=$d" >/dev/null || break; sleep 0.1; done
	rm -rf "$d"
	[ -s "$T_TMP/dom.html" ]
}
not_run() {
	grep -q 'XSSED</title>' "$T_TMP/dom.html" && { echo "  the payload ran" >&2; return 1; }
	grep -qF '&lt;script&gt;' "$T_TMP/dom.html" || { echo "  the payload is not on the page" >&2; return 1; }
}
AUTH="http://$op:$op@127.0.0.1:$SMIME_TEST_PORT"
check "Chromium loads the operator's data view" chrome "$AUTH/operator/organizations/$org2"
check "Chromium: no script of the payload ran, its text is shown" not_run
check "Chromium loads the audit trail" chrome "$AUTH/operator/orders/$o/audit"
check "Chromium: nothing ran there either" bash -c '! grep -q "XSSED</title>" "$0"' "$T_TMP/dom.html"
done_testing
