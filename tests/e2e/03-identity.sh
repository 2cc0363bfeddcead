#!/usr/bin/env bash
# nginx authenticates; the handler maps REMOTE_USER to an account.
. "$(dirname "$0")/lib.sh"

ghost="ghost-$$-$RANDOM"
add_password "$ghost" "$ghost"
get "$ghost" /
check "a login unknown to the database gets 403" status_is 403
check "403 page explains" body_has "You do not have access"
get_xml "$ghost" /
check "403 as XML names the error" xpath_is 'count(//error[not(@field)])' 1
get "" /
check "no credentials: 401 from nginx" status_is 401
u=$(new_user idt customer)
request "$u" GET / -u "$u:wrong"
check "wrong password: 401" status_is 401
sql "UPDATE accounts SET disabled = 1 WHERE login = '$u'"
get "$u" /
check "a disabled account gets 403" status_is 403
get "" /static/style.css
check "static files need no login" status_is 200
done_testing
