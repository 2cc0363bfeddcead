#!/usr/bin/env bash
# The authorization matrix: every route of the service, for every kind
# of caller (anonymous, the order's owner, another customer, the owner's
# partner, another partner, an operator), by GET and by POST with a
# valid CSRF token of the caller, against the status each cell must
# answer. The table below is the one list of routes; a route added to a
# handler and not here, or a cell that answers otherwise, fails.
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
admin account add "$owner" --role customer --partner "$code" \
    --email "$owner@example.com" >/dev/null
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
# /operator/, operators on a customer's steps 1 and 2, partners revoking,
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
GET  /certificates/{o}                         401 200 404 200 404 404
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
POST /certificates/{o}/revoke                  401 409 404 403 403 409
GET  /certificates/{o}/revoke                  401 404 404 404 404 404
POST /certificates/{x}/revoke                  401 404 404 403 403 404
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
GET  /partner/                                 x x x x x x
POST /partner/                                 x x x x x x
GET  /partner/orders/new                       x x x x x x
POST /partner/orders                           x x x x x x
GET  /partner/orders                           x x x x x x
GET  /partner/invitations/{tok}                x x x x x x
POST /partner/invitations/{tok}                x x x x x x
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
done_testing
