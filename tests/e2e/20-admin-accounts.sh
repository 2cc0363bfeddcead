#!/usr/bin/env bash
# smime-admin: accounts are created once and changed only explicitly, a
# mistyped partner is refused, accounts are listed, shown, disabled (403
# at once) and enabled, orders listed and shown, every error precise.
. "$(dirname "$0")/lib.sh"

out=$T_TMP/out
err=$T_TMP/err
run() { admin "$@" >"$out" 2>"$err"; }
err_has() { grep -qF -- "$1" "$err" || { echo "  stderr lacks: $1" >&2; cat "$err" >&2; return 1; }; }
out_has() { grep -qF -- "$1" "$out" || { echo "  stdout lacks: $1" >&2; cat "$out" >&2; return 1; }; }

u="adm-$$-$RANDOM"
code="ap$$$RANDOM"
check "account add creates" run account add "$u" --role customer --name "Ada"
add_password "$u" "$u"
! run account add "$u" --role operator
check "account add on an existing login fails" [ $? -eq 0 ]
check "the refusal names account set" err_has "account $u exists"
check "the role did not change" [ "$(sql "SELECT role FROM accounts WHERE login = '$u'")" = customer ]

! run account add "x$u" --role customer --partner "nosuch$code"
check "an unknown partner code is refused" [ $? -eq 0 ]
check "the refusal names the partner" err_has "no partner nosuch$code"
check "no partner was created" [ "$(sql "SELECT COUNT(*) FROM partners WHERE code = 'nosuch$code'")" = 0 ]
check "nor the account" [ "$(sql "SELECT COUNT(*) FROM accounts WHERE login = 'x$u'")" = 0 ]

check "partner add" run partner add "$code" --name "Acme Reseller"
! run partner add "$code" --name Again
check "partner add twice fails" [ $? -eq 0 ]
check "it says the partner exists" err_has "partner $code exists"

check "account set changes only what it names" run account set "$u" --email "$u@example.com" --partner "$code"
check "show: e-mail" run account show "$u"
check "show has the address" out_has "email: $u@example.com"
check "show has the partner" out_has "partner: $code"
check "show kept the name" out_has "name: Ada"
check "show kept the role" out_has "role: customer"
! run account set "$u" --role admin
check "a bad role is refused" [ $? -eq 0 ]
check "the refusal names the roles" err_has "customer, partner or operator"
! run account set "nosuch-$u" --name X
check "set on a missing account fails" [ $? -eq 0 ]
check "naming it" err_has "no account nosuch-$u"

check "account list" run account list --role customer
check "the list has the account" out_has "$u"
check "the list has its address" out_has "$u@example.com"

o=$(new_order "$u")
check "order add prints an id" [ -n "$o" ]
! run order add --account "$u" --product nosuch
check "an unknown product is refused" [ $? -eq 0 ]
check "naming the product" err_has "no active product nosuch"
! run order add --account "nosuch-$u"
check "an unknown account is refused" [ $? -eq 0 ]
check "naming the account" err_has "no account nosuch-$u"

get "$u" /
check "the account signs in" status_is 200
check "disable" run account disable "$u"
get "$u" /
check "a disabled account gets 403 at once" status_is 403
get "$u" "/certificates/$o"
check "on every page" status_is 403
check "show says disabled" run account show "$u"
check "state: disabled" out_has "state: disabled"
! run account disable "$u"
check "disabling twice says so" err_has "is disabled already"
! run order add --account "$u"
check "no orders for a disabled account" err_has "account $u is disabled"
check "enable" run account enable "$u"
get "$u" /
check "enabled again: 200" status_is 200

number=$(sql "SELECT number FROM orders WHERE id = $o")
check "order list --account" run order list --account "$u"
check "lists the order" out_has "$number"
check "order show by number" run order show "$number"
check "shows the owner" out_has "account: $u"
check "shows the events" out_has "order-created"
check "order show by id" run order show "$o"
check "the same order" out_has "number: $number"
! run order show "ORDER/nosuch"
check "a missing order is named" err_has "no order ORDER/nosuch"
! run order list --status nosuch
check "a bad status lists the good ones" err_has "waiting, verification"
check "every change is audited" [ "$(sql "SELECT COUNT(*) FROM audit WHERE object = '$u' AND action IN ('account-add', 'account-set', 'account-disable', 'account-enable')")" = 4 ]
done_testing
