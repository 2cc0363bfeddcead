#!/usr/bin/env bash
# The handlers keep one connection per process and reconnect after the
# database server restarts.
. "$(dirname "$0")/lib.sh"

u=$(new_user restart customer)
new_order "$u" >/dev/null
get "$u" /
check "served before the restart" status_is 200
sock=$SMIME_TEST_RUN/mysqld.sock
mariadb-admin --no-defaults -S "$sock" -uroot shutdown
get "$u" /
check "database down: 503, not a crash" status_is 503
mariadbd --no-defaults --user=root --datadir="$SMIME_TEST_STATE/db" \
    --innodb-buffer-pool-size=64M --innodb-log-file-size=16M --skip-log-bin \
    --socket="$sock" --pid-file="$SMIME_TEST_RUN/mysqld.pid" \
    --log-error="$SMIME_TEST_STATE/logs/mysqld.err" --skip-networking \
    --max-connections=200 --open-files-limit=4096 >/dev/null 2>&1 &
echo $! >"$SMIME_TEST_RUN/mariadb.pid"
for _ in $(seq 300); do
	mariadb-admin --no-defaults -S "$sock" -uroot ping >/dev/null 2>&1 && break
	sleep 0.1
done
for i in 1 2 3 4; do
	get "$u" /
	check "served after the restart ($i)" status_is 200
done
done_testing
