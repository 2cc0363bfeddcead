#!/usr/bin/env bash
# White-label brands: one nginx, two server blocks over the same handlers
# (the installation's own brand on SMIME_TEST_PORT, the partner brand
# "Harbor Mail" with theme harbor in Polish on SMIME_TEST_PORT2 and as
# harbor.localhost on the first port). Pages carry the brand of the
# server block, fallback pages included; mails about a partner's order
# carry the partner's brand whatever host the request came through.
# Headless Chromium screenshots of both brands are checked by their
# header's colour and kept with the logs (SMIME_TEST_LOGS).
. "$(dirname "$0")/lib.sh"

: "${SMIME_TEST_PORT2:?run through ./dev test}"
BASE1=$BASE
BASE2=http://127.0.0.1:$SMIME_TEST_PORT2
HARBOR=${SMIME_TEST_HARBOR_NAME:-Harbor Mail}
HARBOR_FROM=${SMIME_TEST_HARBOR_FROM:-certyfikaty@harbor.example}
FOOTER="Harbor footer $$"

# The partner whose host the harbor server block is, with the harbor
# brand, and its customer; a customer of the installation itself.
pcode=${SMIME_TEST_HARBOR_PARTNER:?run through ./dev test}
bcode=hb$$$RANDOM
admin partner add "$pcode" --name "Partner $pcode" >/dev/null 2>&1 || true
admin account add "partner-$pcode" --role partner --partner "$pcode" >/dev/null
check "a brand for the partner" admin brand set "$bcode" --name "$HARBOR" \
    --theme harbor --lang pl --base-url "$BASE2" --mail-from "$HARBOR_FROM" \
    --mail-from-name "$HARBOR - certyfikaty" --mail-footer "$FOOTER" \
    --help-url https://harbor.example/pomoc --partner "$pcode"
check "an unknown partner is refused" bash -c '! "$@" 2>/dev/null' _ \
    "$SMIME_TEST_BUILD/fcgi/tools/smime-admin" --db "$SMIME_TEST_ADMIN_DB" \
    brand set "$bcode" --name "$HARBOR" --partner "no-such-$pcode"
check "a bad theme name is refused" bash -c '! "$@" 2>/dev/null' _ \
    "$SMIME_TEST_BUILD/fcgi/tools/smime-admin" --db "$SMIME_TEST_ADMIN_DB" \
    brand set "$bcode" --name "$HARBOR" --theme ../base
check "the partner keeps its brand" test "$(sql "SELECT b.theme FROM partners p JOIN brands b ON b.id = p.brand_id WHERE p.code = '$pcode'")" = harbor
hc=$(new_user hcust customer "$pcode")
admin account set "$hc" --email "$hc@example.com" >/dev/null
dc=$(new_user dcust customer)
admin account set "$dc" --email "$dc@example.com" >/dev/null
ho=$(new_order "$hc")
do=$(new_order "$dc")
for id in "$ho" "$do"; do
	sql "UPDATE orders SET step_data = 'verified', step_email = 'awaiting', status = 'verification' WHERE id = $id"
done

# --- pages: the brand of the server block ---------------------------------

BASE=$BASE1
get "$dc" /
check "installation's brand: 200" status_is 200
check "its name" body_has '<span class="brand-name">S/MIME activation</span>'
check "in English" body_has '<html lang="en">'
check "no partner stylesheet" body_lacks '/static/themes/'
check "the base greeting" body_has 'class="card hello"'
check "the database's name of the product" body_has '<dd>S/MIME Organization 365 days - issue</dd>'

BASE=$BASE2
get "$hc" /
check "partner's host: 200" status_is 200
check "the partner's name" body_has "<span class=\"brand-name\">$HARBOR</span>"
check "in Polish" body_has '<html lang="pl">'
check "the theme's stylesheet" body_has 'href="/static/themes/harbor/theme.css"'
check "the theme's SVG logo" body_has 'src="/static/themes/harbor/logo.svg"'
check "the theme's two-row header" body_has 'class="harbor-strip"'
check "the theme's help link" body_has 'href="https://harbor.example/pomoc/smime"'
check "the theme's own dashboard greeting" body_has 'class="card hello harbor-hello"'
check "a text of the theme's catalogue" body_has 'Dzień dobry!'
check "the partner's name of the product" body_has 'Harbor S/MIME Firma, 1 rok'
get "$hc" /certificates
check "a page the theme lacks: 200" status_is 200
check "the base page" body_has 'name="status"'
check "in the theme's brand: stylesheet" body_has 'href="/static/themes/harbor/theme.css"'
check "in the theme's brand: header" body_has 'class="harbor-strip"'
check "in the theme's brand: name" body_has "<span class=\"brand-name\">$HARBOR</span>"
get "$hc" "/certificates/$ho"
check "the order's details in the theme's brand" body_has 'src="/static/themes/harbor/logo.svg"'
get_xml "$hc" /
check "the document names the theme" xpath_is 'string(/page/@theme)' harbor
check "and the brand" xpath_is 'string(/page/brand/@name)' "$HARBOR"
check "and its help link" xpath_is 'string(/page/brand/@help)' https://harbor.example/pomoc/smime
get "" /static/themes/harbor/logo.svg
check "the logo is served without login" status_is 200
check "as SVG" header_has 'Content-Type: image/svg+xml'
get "" /static/themes/harbor/theme.css
check "the theme's CSS is served" status_is 200

# The same nginx, the first port, by server name.
BASE=$BASE1
get "$hc" / -H 'Host: harbor.localhost'
check "harbor.localhost on the first port: the partner's brand" body_has "<span class=\"brand-name\">$HARBOR</span>"
get "$hc" /
check "other names on the first port: the installation's" body_has '<span class="brand-name">S/MIME activation</span>'

# --- mails: the brand of the order's partner ------------------------------

# Waits (bounded) for the mail of KIND to ADDRESS and prints its file.
mail_to() {
	local f=
	for _ in $(seq 150); do
		f=$(grep -ls "X-Smime-Kind: $1" "$SMIME_TEST_STATE"/mail/*.eml 2>/dev/null |
		    xargs -r grep -ls "X-Sink-To: $2" | head -1)
		[ -n "$f" ] && break
		sleep 0.1
	done
	echo "$f"
}

# The decoded headers and parts of a mail, for grep.
decode_mail() {
	/usr/bin/python3 - "$1" <<'PY'
import email, email.policy, sys
m = email.message_from_binary_file(open(sys.argv[1], "rb"), policy=email.policy.default)
print("From:", m["From"])
print("Subject:", m["Subject"])
for part in m.walk():
    if part.get_content_maintype() == "text":
        print("--", part.get_content_type())
        print(part.get_content())
PY
}

# Step 2 of both orders through the installation's host: the partner's
# customer gets the partner's brand, the other customer the host's.
tok=$(csrf_of "$hc")
post "$hc" "/email/$ho" --data-urlencode "csrf=$tok" --data-urlencode "email=$hc@example.com"
post "$hc" "/email/$ho/submit" -H 'Accept: application/xml' --data-urlencode "csrf=$tok"
check "partner's order: sent through the installation's host" xpath_is 'string(/page/@outcome)' sent
tok=$(csrf_of "$dc")
post "$dc" "/email/$do" --data-urlencode "csrf=$tok" --data-urlencode "email=$dc@example.com"
post "$dc" "/email/$do/submit" -H 'Accept: application/xml' --data-urlencode "csrf=$tok"
check "installation's order: sent" xpath_is 'string(/page/@outcome)' sent

hm=$(mail_to email-verify "$hc@example.com")
dm=$(mail_to email-verify "$dc@example.com")
check "the partner customer's mail arrived" test -n "$hm"
check "the other customer's mail arrived" test -n "$dm"
decode_mail "${hm:-/dev/null}" >"$T_TMP/hm.txt" 2>&1
decode_mail "${dm:-/dev/null}" >"$T_TMP/dm.txt" 2>&1
check "partner's mail: from the partner" grep -qF "From: \"$HARBOR - certyfikaty\" <$HARBOR_FROM>" "${hm:-/dev/null}"
check "partner's mail: envelope sender the partner's" grep -q "^X-Sink-From: $HARBOR_FROM" "${hm:-/dev/null}"
check "partner's mail: subject in Polish" grep -qF "Subject: Potwierdź swój adres e-mail" "$T_TMP/hm.txt"
check "partner's mail: signed with the partner's name" grep -qxF "$HARBOR" "$T_TMP/hm.txt"
check "partner's mail: the partner's footer" grep -qF "$FOOTER" "$T_TMP/hm.txt"
check "partner's mail: the partner's colour in the HTML part" grep -qF 'bgcolor="#e4572e"' "$T_TMP/hm.txt"
check "partner's mail: footer in the HTML part too" bash -c 'sed -n "/^-- text\/html/,\$p" "$0" | grep -qF "$1"' "$T_TMP/hm.txt" "$FOOTER"
check "partner's mail: the link on the partner's host" grep -qE "^$BASE2/email/confirm/[A-Za-z0-9_-]{22}\$" "$T_TMP/hm.txt"
check "partner's mail: no link to the installation's host" bash -c '! grep -qF "$1/email/" "$0"' "$T_TMP/hm.txt" "$BASE1"
check "other mail: the host's sender" grep -qF 'From: "S/MIME activation" <no-reply@localhost>' "${dm:-/dev/null}"
check "other mail: in English" grep -qF "Subject: Confirm your e-mail address" "$T_TMP/dm.txt"
check "other mail: the host's link" grep -qE "^$BASE1/email/confirm/[A-Za-z0-9_-]{22}\$" "$T_TMP/dm.txt"
check "other mail: the standard colour" grep -qF 'bgcolor="#1f5bd8"' "$T_TMP/dm.txt"
check "other mail: nothing of the partner" bash -c '! grep -qF -e "$1" -e "$2" "$0"' "$T_TMP/dm.txt" "$HARBOR" "$FOOTER"

# The daily expiry job, run with the installation's brand: the notice
# about the partner's order is the partner's.
sql "UPDATE orders SET status = 'issued', step_activation = 'issued', not_after = NOW() + INTERVAL 5 DAY WHERE id = $ho"
check "the expiry job runs" admin expiry --xslt "$SMIME_TEST_TOP/xslt" --base-url "$BASE1" \
    --brand "S/MIME activation" --mail-from no-reply@localhost
em=$(mail_to certificate-expiring "$hc@example.com")
check "the expiry notice arrived" test -n "$em"
decode_mail "${em:-/dev/null}" >"$T_TMP/em.txt" 2>&1
check "expiry notice: from the partner" grep -qF "From: \"$HARBOR - certyfikaty\" <$HARBOR_FROM>" "${em:-/dev/null}"
check "expiry notice: the link on the partner's host" grep -qxF "$BASE2/certificates/$ho" "$T_TMP/em.txt"
check "expiry notice: the partner's footer" grep -qF "$FOOTER" "$T_TMP/em.txt"

# The partner's link works on the partner's host, in the partner's brand.
link=$(grep -oE "^$BASE2/email/confirm/[A-Za-z0-9_-]{22}\$" "$T_TMP/hm.txt" | head -1)
BASE=$BASE2
get "" "/email/confirm/${link##*/}"
check "the partner's link opens on the partner's host" status_is 200
check "in the partner's brand" body_has 'class="harbor-strip"'

# --- screenshots --------------------------------------------------------

shots=$SMIME_TEST_STATE/logs/screenshots
mkdir -p "$shots"
# shoot NAME URL: a PNG of the page at 1280x900 in $shots.
shoot() {
	local u
	u=$(mktemp -d)
	timeout 90 chromium --headless --no-sandbox --disable-gpu --disable-quic \
	    --no-first-run --disable-background-networking \
	    --disable-component-update --disable-sync --user-data-dir="$u" \
	    --screenshot="$shots/$1.png" --window-size=1280,900 "$2" \
	    >"$T_TMP/chromium-$1.log" 2>&1 || true
	# Its children linger a moment after it exits.
	for _ in $(seq 20); do
		pgrep -f -- "--user-data-dir=$u" >/dev/null 2>&1 || break
		sleep 0.1
	done
	rm -rf "$u"
}
shoot installation "http://$dc:$dc@127.0.0.1:$SMIME_TEST_PORT/"
shoot harbor "http://$hc:$hc@127.0.0.1:$SMIME_TEST_PORT2/"
shoot harbor-certificates "http://$hc:$hc@127.0.0.1:$SMIME_TEST_PORT2/certificates"

# pixel FILE X Y: the RGB of one pixel of an 8-bit RGB(A) PNG, as hex.
pixel() {
	/usr/bin/python3 - "$@" <<'PY'
import struct, sys, zlib
data = open(sys.argv[1], "rb").read()
x, y = int(sys.argv[2]), int(sys.argv[3])
pos, idat, w = 8, b"", 0
while pos < len(data):
    n, kind = struct.unpack(">I4s", data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + n]
    if kind == b"IHDR":
        w, h, depth, ctype = struct.unpack(">IIBB", body[:10])
        assert depth == 8 and ctype in (2, 6), "not 8-bit RGB(A)"
        bpp = 3 if ctype == 2 else 4
    elif kind == b"IDAT":
        idat += body
    pos += 12 + n
raw = zlib.decompress(idat)
stride = w * bpp
prev = bytearray(stride)
for row in range(y + 1):
    f = raw[row * (stride + 1)]
    line = bytearray(raw[row * (stride + 1) + 1:(row + 1) * (stride + 1)])
    for i in range(stride):
        a = line[i - bpp] if i >= bpp else 0
        b = prev[i]
        c = prev[i - bpp] if i >= bpp else 0
        if f == 1: line[i] = (line[i] + a) & 255
        elif f == 2: line[i] = (line[i] + b) & 255
        elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    prev = line
print("%02x%02x%02x" % tuple(prev[x * bpp:x * bpp + 3]))
PY
}

for s in installation harbor harbor-certificates; do
	check "screenshot $s taken" test -s "$shots/$s.png"
done
# The header, halfway across and below the strip: white for the
# installation, Harbor's navy (#0b2545) for the partner, on both pages.
p1=$(pixel "$shots/installation.png" 640 40 2>/dev/null || echo none)
p2=$(pixel "$shots/harbor.png" 640 60 2>/dev/null || echo none)
p3=$(pixel "$shots/harbor-certificates.png" 640 60 2>/dev/null || echo none)
check "installation's header is white ($p1)" test "$p1" = ffffff
check "partner's header is navy ($p2)" test "$p2" = 0b2545
check "partner's fallback page has the navy header too ($p3)" test "$p3" = 0b2545
check "the two brands look different" bash -c '! cmp -s "$0" "$1"' "$shots/installation.png" "$shots/harbor.png"


# --- product names: the brand's wherever a product is shown --------------

# Harbor names smime-org-365 "Harbor S/MIME Firma, 1 rok" (its Polish
# catalogue; "Harbor S/MIME Business, 1 year" in English); the database's
# name is "S/MIME Organization 365 days - issue", in Polish "S/MIME
# Organizacja 365 dni - wydanie".
HNAME='Harbor S/MIME Firma, 1 rok'
GEN_EN='S/MIME Organization 365 days - issue'
GEN_PL='S/MIME Organizacja 365 dni - wydanie'
# The product cell of the dashboard's events table (no other table cell
# of the dashboard holds a bare product name).
events_name() { grep -qE "<td data-label=\"[^\"]*\">$1</td>" "$BODY" || { echo "  no event row with: $1" >&2; return 1; }; }

BASE=$BASE2
get "$hc" /
check "harbor dashboard: the events carry the brand's name" events_name "$HNAME"
check "harbor dashboard: no generic name anywhere" bash -c '! grep -qF -e "$1" -e "$2" "$0"' "$BODY" "$GEN_EN" "$GEN_PL"
get_xml "$hc" /
check "an event names its product's code" xpath_is "string((//events/event[@order='$ho'])[1]/@product-code)" smime-org-365
get "$hc" "/email/$ho"
check "harbor step page: the header names the brand's product" body_has "<p class=\"lead\">$HNAME</p>"
check "harbor step page: no generic name" bash -c '! grep -qF -e "$1" -e "$2" "$0"' "$BODY" "$GEN_EN" "$GEN_PL"
get "" "/email/confirm/${link##*/}"
check "harbor link page: the brand's product" body_has "$HNAME"
check "harbor link page: no generic name" bash -c '! grep -qF -e "$1" -e "$2" "$0"' "$BODY" "$GEN_EN" "$GEN_PL"

check "harbor step-2 mail: the brand's product, text and HTML" test "$(grep -cF "$HNAME" "$T_TMP/hm.txt")" -ge 2
check "harbor step-2 mail: no generic name" bash -c '! grep -qF -e "$1" -e "$2" "$0"' "$T_TMP/hm.txt" "$GEN_EN" "$GEN_PL"
check "harbor expiry notice: the brand's product" grep -qF "$HNAME" "$T_TMP/em.txt"

# An order for a new customer from the partner panel on the harbor host:
# the invitation names the product the brand's way.
hp=$(new_user hpart partner "$pcode")
tok=$(csrf_of "$hp" /partner/orders/new)
inv="inv-$$-$RANDOM@example.com"
post "$hp" /partner/orders -H 'Accept: application/xml' --data-urlencode "csrf=$tok" \
    -d product=smime-org-365 --data-urlencode "customer_email=$inv" \
    --data-urlencode "customer_name=Nowa Firma $$"
check "the partner's new order: 201" status_is 201
im=$(mail_to partner-invitation "$inv")
check "the invitation arrived" test -n "$im"
decode_mail "${im:-/dev/null}" >"$T_TMP/im.txt" 2>&1
check "invitation: the brand's product" grep -qF "$HNAME" "$T_TMP/im.txt"
check "invitation: no generic name" bash -c '! grep -qF -e "$1" -e "$2" "$0"' "$T_TMP/im.txt" "$GEN_EN" "$GEN_PL"

# The installation's own host and mails keep the database's names.
BASE=$BASE1
get "$dc" /
check "installation dashboard: the events carry the generic name" events_name "$GEN_EN"
check "installation dashboard: nothing of Harbor's names" body_lacks 'Harbor S/MIME'
get "$dc" "/email/$do"
check "installation step page: the generic name" body_has "<p class=\"lead\">$GEN_EN</p>"
check "installation step-2 mail: the generic name" grep -qF "$GEN_EN" "$T_TMP/dm.txt"
check "installation step-2 mail: nothing of Harbor's names" bash -c '! grep -qF "Harbor S/MIME" "$0"' "$T_TMP/dm.txt"

shoot harbor-step "http://$hc:$hc@127.0.0.1:$SMIME_TEST_PORT2/email/$ho"
p4=$(pixel "$shots/harbor-step.png" 640 60 2>/dev/null || echo none)
check "the harbor step page keeps the navy header ($p4)" test "$p4" = 0b2545

done_testing
