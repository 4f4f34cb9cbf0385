#!/bin/bash
# tests/bench/pam.sh - pam_atelier: the time of a login (account +
# open_session in one process, through pam_wrapper) and of a logout
# (close_session), each next to a bare libpq connect + one trivial query +
# disconnect measured in the same run, alternately; and, with the database
# unreachable, the delay a login gets.  Each call is timed inside its process
# (tests/pam/pamdrive.c, tests/bench/pqconnect.c), so process start-up is not
# counted on either side.  Prints figures; never fails on a missed target.
# Starts its own throwaway cluster; with BENCH_PG_OPTION=shared_preload_libraries=plpgsql
# that cluster loads PL/pgSQL once at its start instead of in each new connection.
set -uo pipefail
. "$(dirname "$0")/common.sh"
bench_in_cluster "$0" "$@"
cd "$TOP" || exit 1

ROUNDS=${BENCH_ROUNDS:-31}
MULTIARCH=$(dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null || echo x86_64-linux-gnu)
TIMEOUT_MS=300
T=$(mktemp -d /tmp/atelier-bench-pam.XXXXXX)
SILENT=
cleanup() {
	[ -n "$SILENT" ] && kill "$SILENT" 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT

make -s build/pam_atelier.so >/dev/null || exit 1
cc -O2 -o "$T/pamdrive" tests/pam/pamdrive.c -lpam || exit 1
cc -O2 -o "$T/pqconnect" tests/bench/pqconnect.c $(pkg-config --cflags --libs libpq) || exit 1

# A workstation role with its password file, a free PC, a key file.
DB=atelier_bench
PW=$(openssl rand -hex 16)
(umask 077 && openssl rand -hex 32 >"$T/secret" && echo "127.0.0.1:$PGPORT:$DB:bench_ws:$PW" >"$T/pgpass")
{
	dropdb --if-exists "$DB" && createdb "$DB" &&
	psql -X -q -v ON_ERROR_STOP=1 -d "$DB" -v pw="$PW" <<'SQL'
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS atelier CASCADE;
DROP ROLE IF EXISTS bench_ws;
CREATE ROLE bench_ws LOGIN PASSWORD :'pw' IN ROLE atelier_workstation;
SELECT atelier.site_upsert('BENCH', 'Bench', 'Bench', 'Europe/Paris') \g /dev/null
SELECT atelier.workstation_upsert('bench-pc01', 'BENCH') \g /dev/null
SQL
} >"$T/setup.log" 2>&1 || { cat "$T/setup.log"; exit 1; }

SILENT_PORT_FILE=$T/silent.port
python3 -c '
import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(128)
print(s.getsockname()[1], flush=True)
kept = []
while True:
    c, _ = s.accept(); kept.append(c)
' >"$SILENT_PORT_FILE" &
SILENT=$!
for _ in $(seq 50); do [ -s "$SILENT_PORT_FILE" ] && break; sleep 0.1; done

cat >"$T/pg_service.conf" <<EOF
[bench]
hostaddr=127.0.0.1
port=$PGPORT
dbname=$DB
user=bench_ws
passfile=$T/pgpass
[silent]
hostaddr=127.0.0.1
port=$(cat "$SILENT_PORT_FILE")
dbname=$DB
user=bench_ws
passfile=$T/pgpass
EOF
mkdir -p "$T/pam.d"
printf 'account required pam_deny.so\nsession required pam_deny.so\n' >"$T/pam.d/other"
for s in bench silent; do
	opts="service=$s workstation=bench-pc01 secret=$T/secret spool=$T/spool-$s timeout_ms=$TIMEOUT_MS"
	printf 'account required %s %s\nsession optional %s %s\n' \
		"$TOP/build/pam_atelier.so" "$opts" "$TOP/build/pam_atelier.so" "$opts" >"$T/pam.d/$s"
done

in_env() {
	env -u PGHOST -u PGPORT -u PGUSER -u PGPASSWORD -u PGDATABASE \
		PGSERVICEFILE="$T/pg_service.conf" LD_LIBRARY_PATH="$TOP/build" "$@"
}
drive() {  # drive SERVICE USER OPERATION...: pamdrive through pam_wrapper
	in_env LD_PRELOAD="/usr/lib/$MULTIARCH/libpam_wrapper.so" PAM_WRAPPER=1 \
		PAM_WRAPPER_SERVICE_DIR="$T/pam.d" "$T/pamdrive" -u "$2" "$1" "${@:3}"
}
# The sum of the times of the named calls in pamdrive's output, one line.
ms_of() { awk -F'ms=' -v ops="$1" '{split($1, a, ":")} index(" " ops " ", " " a[1] " ") {s += $2} END {printf "%.3f\n", s}'; }

: >"$T/login"; : >"$T/logout"; : >"$T/bare"; : >"$T/down"; : >"$T/acct"; : >"$T/open"
# Warm up: the first connection of a cluster pays for caches.
in_env "$T/pqconnect" service=bench 3 >/dev/null
drive bench warmup acct_mgmt open_session close_session >/dev/null
for i in $(seq "$ROUNDS"); do
	in_env "$T/pqconnect" service=bench 1 | sed -n 's/^ms=//p' >>"$T/bare"
	out=$(drive bench "user$i" acct_mgmt open_session close_session) || { echo "$out"; exit 1; }
	ms_of "acct_mgmt open_session" <<<"$out" >>"$T/login"
	ms_of "acct_mgmt" <<<"$out" >>"$T/acct"
	ms_of "open_session" <<<"$out" >>"$T/open"
	ms_of "close_session" <<<"$out" >>"$T/logout"
done
for i in $(seq 5); do
	out=$(drive silent "down$i" acct_mgmt open_session)
	ms_of "acct_mgmt open_session" <<<"$out" >>"$T/down"
done

bare=$(bench_median "$T/bare")
login=$(bench_median "$T/login")
logout=$(bench_median "$T/logout")
down=$(bench_median "$T/down")
row() {  # row FIGURE VALUE BASELINE TARGET_RATIO | row FIGURE VALUE - TARGET_MS
	local ratio
	if [ "$3" = - ]; then
		bench_row "$1" "$2 ms" - - "<= $4 ms" "$(bench_le "$2" "$4")"
	else
		ratio=$(bench_ratio "$2" "$3")
		bench_row "$1" "$2 ms" "$3 ms connect" "$ratio" "<= $4" "$(bench_le "$ratio" "$4")"
	fi
}
echo "   pam_atelier, median of $ROUNDS rounds (timeout_ms=$TIMEOUT_MS); baseline: libpq connect + SELECT 1 + finish"
echo "   a login is acct_mgmt (connect, check the PC's bookings) $(bench_median "$T/acct") ms" \
	"+ open_session (record the start) $(bench_median "$T/open") ms"
if [ -n "${BENCH_PG_OPTION:-}" ]; then
	# The same logins on a server set up differently: only the two ratios.
	row "pam: login, server with ${BENCH_PG_OPTION#*=} preloaded" "$login" "$bare" 1.3
	row "pam: logout, server with ${BENCH_PG_OPTION#*=} preloaded" "$logout" "$bare" 1.3
	exit 0
fi
row "pam: login (acct_mgmt + open_session)" "$login" "$bare" 1.3
row "pam: logout (close_session)" "$logout" "$bare" 1.3
row "pam: login, database silent (delay added)" "$down" - $((TIMEOUT_MS + 20))
