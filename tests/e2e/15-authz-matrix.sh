#!/usr/bin/env bash
# The authorization matrix: every route of the service, for every kind
# of caller (anonymous, the order's owner, another customer, the owner's
# partner, another partner, an operator), by GET and by POST with a
# valid CSRF token of the caller, against the status each cell must
# answer. The table below is the one list of routes; a route added to a
# handler and not here, or a cell that answers otherwise, fails. Then
# the hosts: which accounts a partner's host name serves.
#
# Placeholders: {o} an order of the owner (step 1 awaiting), {od} another
# order of the owner with data and a document under verification, {org}
# and {doc} that data and its document, {x} an id nobody has (every
# handler answers 404 for it, operators included), {tok} a confirmation
# token nobody was sent.
. "$(dirname "$0")/lib.sh"

code="mx$$$RANDOM"
partner=$(new_user mxpartner partner "$code")
owner=$(new_user mxowner customer "$code")
admin account set "$owner" --email "$owner@example.com" >/dev/null
other=$(new_user mxother customer)
opartner=$(new_user mxopartner partner "mz$$$RANDOM")
operator=$(new_user mxop operator)
o=$(new_order "$owner")
od=$(new_order "$owner")

# The owner's data by document, submitted: {org} and {doc}.
tok=$(csrf_of "$owner")
printf '%%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%%%EOF\n' >"$T_TMP/proof.pdf"
post "$owner" "/data/$od" -F "csrf=$tok" -F 'organization=Matrix sp. z o.o.' \
    -F 'country=PL' -F 'state=mazowieckie' -F 'locality=Warszawa' \
    -F 'method=document' -F "document=@$T_TMP/proof.pdf;filename=krs.pdf"
post "$owner" "/data/$od/submit" --data-urlencode "csrf=$tok" --data-urlencode 'statements=1'
org=$(sql "SELECT organization_id FROM orders WHERE id = $od")
doc=$(sql "SELECT MIN(id) FROM documents WHERE organization_id = $org")
check "set-up: the owner is the partner's customer" test "$(sql "SELECT p.code FROM accounts a JOIN partners p ON p.id = a.partner_id WHERE a.login = '$owner'")" = "$code"
check "set-up: data under verification" test "$(sql "SELECT step_data FROM orders WHERE id = $od")" = submitted
x=999999999
ctok=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA

declare -A TOKEN
for role in owner other partner opartner operator; do
	TOKEN[$role]=$(csrf_of "${!role}")
	check "set-up: $role has a token" test -n "${TOKEN[$role]}"
done
TOKEN[anon]=

# method path: anon owner other partner opartner operator. 401: nginx
# asks for a login; 403: the role may not (customers and partners on
# /operator/, operators on a customer's steps 1 and 2,
# anyone but a partner on /partner/,
# any POST without the caller's token); 404: not the caller's, or nothing
# there; 409 and 422: the caller's own, refused as the order stands or as
# the (empty) form says.
table() {
	cat <<'TABLE'
GET  /                                         401 200 200 200 200 200
GET  /certificates                             401 200 200 200 200 200
POST /certificates                             401 405 405 405 405 405
GET  /certificates?status=issued               401 200 200 200 200 200
POST /certificates?status=issued               401 405 405 405 405 405
GET  /search?q=mx                              401 200 200 200 200 200
POST /search?q=mx                              401 405 405 405 405 405
POST /                                         401 405 405 405 405 405
GET  /help/tools                               401 200 200 200 200 200
POST /help/tools                               401 405 405 405 405 405
GET  /help/nosuch                              401 404 404 404 404 404
GET  /lang?l=pl&back=/                         303 303 303 303 303 303
GET  /lang?l=xx&back=/                         404 404 404 404 404 404
GET  /certificates/{o}                         401 200 404 200 404 200
POST /certificates/{o}                         401 405 405 405 405 405
GET  /certificates/{x}                         401 404 404 404 404 404
POST /certificates/{x}                         401 405 405 405 405 405
GET  /certificates/{o}/cert.pem                401 404 404 404 404 404
POST /certificates/{o}/cert.pem                401 405 405 405 405 405
GET  /certificates/{o}/chain.p7b               401 404 404 404 404 404
POST /certificates/{o}/chain.p7b               401 405 405 405 405 405
GET  /certificates/{x}/cert.der                401 404 404 404 404 404
POST /certificates/{x}/cert.der                401 405 405 405 405 405
GET  /data/{o}                                 401 200 404 200 404 403
GET  /data/{x}                                 401 404 404 404 404 403
POST /data/{o}                                 401 422 404 422 404 403
POST /data/{x}                                 401 404 404 404 404 403
POST /data/{o}/submit                          401 409 404 409 404 403
GET  /data/{o}/submit                          401 404 404 404 404 403
POST /data/{x}/submit                          401 404 404 404 404 403
GET  /data/{x}/submit                          401 404 404 404 404 403
POST /data/{od}/documents                      401 422 404 422 404 403
GET  /data/{od}/documents                      401 404 404 404 404 403
POST /data/{x}/documents                       401 404 404 404 404 403
GET  /data/{x}/documents                       401 404 404 404 404 403
GET  /email/{o}                                401 409 404 409 404 403
GET  /email/{x}                                401 404 404 404 404 403
POST /email/{o}                                401 409 404 409 404 403
POST /email/{x}                                401 404 404 404 404 403
POST /email/{o}/submit                         401 409 404 409 404 403
GET  /email/{o}/submit                         401 404 404 404 404 403
POST /email/{o}/resend                         401 409 404 409 404 403
GET  /email/{o}/resend                         401 404 404 404 404 403
POST /email/{x}/resend                         401 404 404 404 404 403
GET  /email/{x}/resend                         401 404 404 404 404 403
GET  /email/confirm/{tok}                      404 404 404 404 404 404
POST /email/confirm/{tok}                      403 403 403 403 403 403
GET  /activation/{o}                           401 409 404 409 404 404
GET  /activation/{x}                           401 404 404 404 404 404
POST /activation/{x}                           401 404 404 404 404 404
POST /activation/{o}                           401 409 404 409 404 404
POST /activation/{o}/method                    401 409 404 409 404 404
GET  /activation/{o}/method                    401 404 404 404 404 404
POST /activation/{o}/csr                       401 409 404 409 404 404
GET  /activation/{o}/csr                       401 404 404 404 404 404
POST /activation/{o}/submit                    401 409 404 409 404 404
GET  /activation/{o}/submit                    401 404 404 404 404 404
POST /activation/{x}/submit                    401 404 404 404 404 404
GET  /activation/{x}/submit                    401 404 404 404 404 404
GET  /activation/{o}/card                      401 409 404 409 404 404
POST /activation/{o}/card                      401 409 404 409 404 404
GET  /activation/{x}/card                      401 404 404 404 404 404
POST /activation/{x}/card                      401 404 404 404 404 404
POST /certificates/{o}/card                    401 409 404 409 404 404
GET  /certificates/{o}/card                    401 404 404 404 404 404
POST /certificates/{x}/card                    401 404 404 404 404 404
GET  /activation/card/{tok}                    404 404 404 404 404 404
POST /activation/card/{tok}                    403 403 403 403 403 403
POST /certificates/{o}/revoke                  401 409 404 409 404 409
GET  /certificates/{o}/revoke                  401 404 404 404 404 404
POST /certificates/{x}/revoke                  401 404 404 404 404 404
GET  /certificates/{x}/revoke                  401 404 404 404 404 404
GET  /operator/                                401 403 403 403 403 200
POST /operator/                                401 403 403 403 403 404
GET  /operator/organizations/{org}             401 403 403 403 403 200
POST /operator/organizations/{org}             401 403 403 403 403 404
GET  /operator/organizations/{x}               401 403 403 403 403 404
POST /operator/organizations/{x}               401 403 403 403 403 404
GET  /operator/documents/{doc}                 401 403 403 403 403 200
POST /operator/documents/{doc}                 401 403 403 403 403 404
GET  /operator/documents/{x}                   401 403 403 403 403 404
POST /operator/documents/{x}                   401 403 403 403 403 404
GET  /operator/orders/{o}/audit                401 403 403 403 403 200
POST /operator/orders/{o}/audit                401 403 403 403 403 404
GET  /operator/orders/{x}/audit                401 403 403 403 403 404
POST /operator/orders/{x}/audit                401 403 403 403 403 404
POST /operator/organizations/{org}/reject      401 403 403 403 403 422
GET  /operator/organizations/{org}/reject      401 403 403 403 403 404
POST /operator/organizations/{x}/reject        401 403 403 403 403 404
GET  /operator/organizations/{x}/reject        401 403 403 403 403 404
POST /operator/organizations/{x}/approve       401 403 403 403 403 404
GET  /operator/organizations/{x}/approve       401 403 403 403 403 404
GET  /partner/                                 401 403 403 200 200 403
POST /partner/                                 401 403 403 404 404 403
GET  /partner/orders/new                       401 403 403 200 200 403
POST /partner/orders                           401 403 403 422 422 403
GET  /partner/orders                           401 403 403 404 404 403
GET  /partner/invitations/{tok}                404 404 404 404 404 404
POST /partner/invitations/{tok}                403 403 403 403 403 403
GET  /crl/ca.crl                               200 200 200 200 200 200
POST /crl/ca.crl                               405 405 405 405 405 405
GET  /no/such/route                            401 404 404 404 404 404
POST /no/such/route                            401 405 405 405 405 405
TABLE
}

roles="anon owner other partner opartner operator"
outbox=$(sql "SELECT COUNT(*) FROM outbox")
events=$(sql "SELECT COUNT(*) FROM events WHERE order_id IN ($o, $od)")
cells=0
while read -r method path want; do
	p=${path//\{o\}/$o}
	p=${p//\{od\}/$od}
	p=${p//\{org\}/$org}
	p=${p//\{doc\}/$doc}
	p=${p//\{x\}/$x}
	p=${p//\{tok\}/$ctok}
	set -- $want
	got=()
	for role in $roles; do
		user=
		[ "$role" = anon ] || user=${!role}
		if [ "$method" = GET ]; then
			request "$user" GET "$p"
		else
			request "$user" POST "$p" --data-urlencode "csrf=${TOKEN[$role]}"
		fi
		got+=("$STATUS")
		cells=$((cells + 1))
		check "$method $path as $role: $1" status_is "$1"
		shift
	done
	echo "# $method $path ${got[*]}"
done < <(table)
check "the matrix has its cells" test "$cells" -ge 280
# Nothing in the matrix may change anything.
check "no mail queued by the matrix" test "$(sql "SELECT COUNT(*) FROM outbox")" = "$outbox"
check "no event written by the matrix" test "$(sql "SELECT COUNT(*) FROM events WHERE order_id IN ($o, $od)")" = "$events"
check "the data still under verification" test "$(sql "SELECT step_data FROM orders WHERE id = $od")" = submitted
# --- hosts: a partner's host serves that partner's accounts only ----------
#
# Partner A's host is partner2.localhost on the first port, partner B's
# the harbor server block (its own port, and harbor.localhost on the
# first). There only the partner's own accounts and its customers may use
# the account pages: anyone else (another partner's customer or partner,
# a customer of no partner, an operator) gets 404 for everything, as for
# an address with nothing there. The installation's own host serves
# everyone (the matrix above). Routes without login work on any host.
pa_code=${SMIME_TEST_PARTNER2:?run through ./dev test}
pb_code=${SMIME_TEST_HARBOR_PARTNER:?run through ./dev test}
HOST_A=(-H 'Host: partner2.localhost')
BASE1=$BASE
BASE2=http://127.0.0.1:$SMIME_TEST_PORT2
pa=$(new_user hxpa partner "$pa_code")
pb=$(new_user hxpb partner "$pb_code")
ca=$(new_user hxca customer "$pa_code")
cb=$(new_user hxcb customer "$pb_code")
# A's customer: an issued certificate (through the installation's host)
# and an order at step 1; B's customer: an order at step 1.
oa=$(ready_order "$ca" "$ca@example.com")
issue_order "$ca" "$oa"
check "set-up: A's customer's certificate issued" test "$(sql "SELECT status FROM orders WHERE id = $oa")" = issued
oa1=$(new_order "$ca")
ob=$(new_order "$cb")
atok=$(csrf_of "$ca")
btok=$(csrf_of "$cb")

# on_host B|A|1 USER METHOD PATH [curl args]: the request through partner
# B's host (its port), A's host (by name), or the installation's.
on_host() {
	local host=$1
	shift
	case $host in
	B) BASE=$BASE2 request "$@" ;;
	Bname) BASE=$BASE1 request "$@" -H 'Host: harbor.localhost' ;;
	A) BASE=$BASE1 request "$@" "${HOST_A[@]}" ;;
	1) BASE=$BASE1 request "$@" ;;
	esac
}

# The pages of A's customer and its orders: the dashboard, the lists, an
# order's details and download, each wizard step (GET and POST, as pages
# and as the XML a script reads).
a_routes() {
	cat <<ROUTES
GET  /
GET  /certificates
GET  /search?q=hx
GET  /help/tools
GET  /certificates/$oa
GET  /certificates/$oa/cert.pem
GET  /certificates/$oa/chain.p7b
GET  /data/$oa1
POST /data/$oa1
GET  /email/$oa1
POST /email/$oa1
GET  /activation/$oa1
POST /activation/$oa1/method
POST /certificates/$oa/revoke
ROUTES
}

while read -r method path; do
	data=()
	[ "$method" = GET ] || data=(--data-urlencode "csrf=$atok")
	for host in B Bname; do
		on_host "$host" "$ca" "$method" "$path" "${data[@]}"
		check "A's customer on B's host ($host): $method $path 404" status_is 404
		check "the answer names nothing of theirs ($host): $method $path" body_lacks "$ca"
		on_host "$host" "$ca" "$method" "$path" "${data[@]}" \
		    -H 'Accept: application/xml'
		check "and as XML ($host): $method $path 404" status_is 404
		check "an empty error document ($host): $method $path" xpath_is 'count(//account | //order | //certificate)' 0
	done
done < <(a_routes)
check "nothing was revoked or changed" test "$(sql "SELECT CONCAT(status, step_data) FROM orders WHERE id = $oa")$(sql "SELECT CONCAT(status, step_data) FROM orders WHERE id = $oa1")" = "issuedverifiedwaitingawaiting"

# The same customer on its partner's host and on the installation's.
for host in A 1; do
	on_host "$host" "$ca" GET /
	check "A's customer on host $host: the dashboard" status_is 200
	check "with its login" body_has "$ca"
	on_host "$host" "$ca" GET "/certificates/$oa"
	check "A's customer on host $host: the order's details" status_is 200
	on_host "$host" "$ca" GET "/certificates/$oa/cert.pem"
	check "A's customer on host $host: the download" status_is 200
	check "a certificate" body_has 'BEGIN CERTIFICATE'
	on_host "$host" "$ca" GET "/data/$oa1" -H 'Accept: application/xml'
	check "A's customer on host $host: step 1's XML" status_is 200
	check "step 1's page (a reusable organization's choice)" xpath_is 'string(/page/@name)' orgdata-start
done
on_host A "$ca" GET "/certificates/$oa/chain.p7b"
check "A's customer on A's host: the chain" status_is 200

# B's own customer and partner on B's host; neither on A's.
for host in B Bname; do
	on_host "$host" "$cb" GET /
	check "B's customer on B's host ($host)" status_is 200
	on_host "$host" "$cb" GET "/data/$ob" -H 'Accept: application/xml'
	check "B's customer on B's host ($host): step 1's XML form" xpath_is 'string(/page/@name)' orgdata-form
	on_host "$host" "$pb" GET /partner/
	check "B's partner on B's host ($host): the panel" status_is 200
	on_host "$host" "$pb" GET "/data/$ob"
	check "B's partner on B's host ($host): its customer's step 1" status_is 200
	on_host "$host" "$pa" GET /partner/
	check "A's partner on B's host ($host): 404" status_is 404
	on_host "$host" "$pa" GET /
	check "A's partner on B's host ($host): the dashboard 404" status_is 404
done
on_host A "$cb" GET /
check "B's customer on A's host: 404" status_is 404
on_host A "$cb" GET "/data/$ob"
check "B's customer's order on A's host: 404" status_is 404
on_host A "$cb" POST "/data/$ob" --data-urlencode "csrf=$btok"
check "B's customer's form on A's host: 404" status_is 404
on_host A "$pa" GET /partner/
check "A's partner on A's host: the panel" status_is 200
on_host A "$pa" GET "/certificates/$oa"
check "A's partner on A's host: its customer's order" status_is 200
on_host A "$pb" GET "/data/$ob"
check "B's partner on A's host: its own customer's order 404" status_is 404

# The installation's own host serves partners' customers and partners
# (their mails carry their partner's brand anyway), and operators.
on_host 1 "$cb" GET "/data/$ob"
check "B's customer on the installation's host" status_is 200
on_host 1 "$pb" GET /partner/
check "B's partner on the installation's host" status_is 200
on_host 1 "$operator" GET /operator/
check "an operator on the installation's host" status_is 200
on_host 1 "$operator" GET "/certificates/$oa"
check "an operator on the installation's host: any order" status_is 200

# Operators and customers of no partner: the installation's host only.
for host in B Bname A; do
	on_host "$host" "$operator" GET /operator/
	check "an operator on a partner's host ($host): 404" status_is 404
	on_host "$host" "$operator" GET "/certificates/$oa"
	check "an operator on a partner's host ($host): an order 404" status_is 404
	on_host "$host" "$other" GET /
	check "a customer of no partner on a partner's host ($host): 404" status_is 404
done

# Routes without login: the same on every host, whoever's the link.
for host in B A; do
	on_host "$host" "" GET /crl/ca.crl
	check "the CRL on host $host" status_is 200
	on_host "$host" "$ca" GET '/lang?l=pl&back=/'
	check "the language switch on host $host" status_is 303
	on_host "$host" "" GET "/email/confirm/$ctok"
	check "a mailbox link on host $host: as anywhere (404, no such token)" status_is 404
	on_host "$host" "" GET "/partner/invitations/$ctok"
	check "an invitation link on host $host: as anywhere" status_is 404
	on_host 1 "" GET /tools/
	want=$STATUS
	on_host "$host" "" GET /tools/
	check "the generator on host $host: as on the installation's" status_is "$want"
done
BASE=$BASE1
done_testing
