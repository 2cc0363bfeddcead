#!/usr/bin/env bash
# Every page a customer sees, each against the trivial FastCGI responder
# sending the same bytes behind the same nginx and login, in one run: the
# dashboard from the page cache and without it, the GET of each step of
# the wizard and of an order's details, and one POST of each step (the
# cheapest that can be repeated: each shows the step's next page and
# changes only a draft). Prints one table (requests/s, medians of the
# rounds, and the ratio to the responder) and the workers' RSS.
# Targets (issue 16): dashboard cached >= 0.60, uncached >= 0.30, every
# GET of the wizard >= 0.25; RSS <= 10 MB.
set -eu
. "$(dirname "$0")/lib.sh"

pages_setup

row_add "dashboard, page cache (5 orders)"	200 GET /
row_add "dashboard, cache off"			200 GET /bench/uncached/
row_add "step 1 form (GET /data/N?new=1)"	200 GET "/data/$s1?new=1"
row_add "step 2 form (GET /email/N)"		200 GET "/email/$s2"
row_add "step 3 fields (GET /activation/N)"	200 GET "/activation/$s3"
row_add "details (GET /certificates/N), cache"	200 GET "/certificates/$d"
row_add "details, cache off"			200 GET "/bench/uncached/certificates/$d"
# Step 1's valid POST stores the draft, and concurrent ones on one order
# deadlock (503, as they should): the form refused (a NIP check digit).
row_add "step 1 POST: refused form -> 422 form"	422 POST "/data/$s1p" "csrf=$tok&${ORG_FORM%4}5"
row_add "step 2 POST: address -> summary"	200 POST "/email/$s2p" "csrf=$tok&email=bench%40example.com"
row_add "step 3 POST: fields -> method"		200 POST "/activation/$s3p" "csrf=$tok&cn=email&include=C"

# Each page is what it says, and the uncached dashboard the cached one
# but for the CSRF token, which changes every ten minutes.
grep -q 'ORDER/' "${ROW_FILE[0]}" || { echo "bench: the dashboard did not render" >&2; exit 1; }
unsalt() { sed 's/value="[0-9a-f]*\.[A-Za-z0-9_-]*"//g' "$1"; }
cmp -s <(unsalt "${ROW_FILE[0]}") <(unsalt "${ROW_FILE[1]}") ||
    { echo "bench: the uncached dashboard differs" >&2; exit 1; }
cmp -s <(unsalt "${ROW_FILE[5]}") <(unsalt "${ROW_FILE[6]}") ||
    { echo "bench: the uncached details differ" >&2; exit 1; }
for want in "2:name=\"organization\"" "3:name=\"email\"" "4:name=\"cn\"" \
    "7:registry_number" "8:bench@example.com" "9:name=\"method\""; do
	grep -q "${want#*:}" "${ROW_FILE[${want%%:*}]}" ||
	    { echo "bench: ${ROW_NAME[${want%%:*}]} lacks ${want#*:}" >&2; exit 1; }
done
trivial_start
table "pages against the trivial responder"
rss dashboard uncached orgdata email activation
