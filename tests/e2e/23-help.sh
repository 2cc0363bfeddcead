#!/usr/bin/env bash
# The dashboard's "Useful sources" lead to real pages for every role:
# how verification works, the required documents, making a CSR and a PFX
# file, and the products on sale.
. "$(dirname "$0")/lib.sh"

code="hp$$$RANDOM"
c=$(new_user helpc customer)
p=$(new_user helpp partner "$code")
op=$(new_user helpo operator)
for u in "$c" "$p" "$op"; do
	get "$u" /
	check "$u: the dashboard" status_is 200
	# Three help pages, and the CSR and PFX generator itself.
	links=$(grep -o 'href="/help/[a-z]*"' "$BODY" | sed 's/href="//; s/"$//' | sort -u)
	check "$u: three help links" test "$(wc -l <<<"$links")" = 3
	check "$u: and the generator" body_has 'href="/tools/"'
	for l in $links; do
		get "$u" "$l"
		check "$u: $l answers 200" status_is 200
		check "$u: $l is a page, not an error" body_lacks "does not exist"
	done
done
get "$c" /help/verification
check "verification: the three steps" body_has "3. Certificate activation"
check "verification: the 1 to 7 days" body_has "1 to 7 days"
check "verification: the link's 24 hours" body_has "24 hours"
get "$c" /help/documents
check "documents: KRS extract" body_has "National Court Register (KRS)"
check "documents: file types and size" body_has "PDF, JPEG or PNG file of at most 10 MB"
get "$c" /help/tools
check "tools: the openssl CSR command" body_has "openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256"
check "tools: the PFX command with chain.pem" body_has "-certfile chain.pem"
check "tools: links the generator" body_has 'href="/tools/"'
get_xml "$c" /help/products
check "products: the page" xpath_is 'string(/page/@topic)' products
check "products: each active product" xpath_is 'count(//products/product)' "$(sql "SELECT COUNT(*) FROM products WHERE active = 1")"
get "$c" /help/products
check "products: the 730-day product by name" body_has "$(sql "SELECT name FROM products WHERE code = 'smime-org-730'")"
get "$c" /help/nosuch
check "an unknown topic: 404" status_is 404

# The commands on the page work as written (a password instead of the
# prompt), and the subject they give is not what the certificate shows.
cmd=$(grep -o 'openssl req -new -newkey ec[^<]*' <<<"$(curl -s -u "$c:$c" "$BASE/help/tools")" | head -1 | sed 's/&quot;/"/g')
(cd "$T_TMP" && eval "$cmd -passout pass:secret" 2>/dev/null)
check "the page's CSR command makes a CSR" openssl req -in "$T_TMP/request.csr" -noout -verify
done_testing
