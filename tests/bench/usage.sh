#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/bench/usage.sh - PC usage events, as pam_atelier sends them: 16 pgbench
# clients (the network's PCs), for 20 seconds, each recording the start and then
# the end of a session through atelier.record_usage_event() as the workstations'
# role, into the network of tests/bench/gen.sql holding 100 000 sessions in the
# month; next to plain INSERTs of the same two rows into an unconstrained copy
# of the table (no index, no unique key, no foreign key) for as long.  Prints
# events per second; never fails.  Starts its own throwaway cluster.
#   BENCH_CLIENTS=16  BENCH_SECONDS=20
set -uo pipefail
. "$(dirname "$0")/common.sh"
bench_in_cluster "$0" "$@"

bench_setup usage 20

start=$(date +%s%N)
{
	bench_network "$DB" && bench_usage "$DB" 100000 &&
		bench_login_role "$DB" bench_ws atelier_workstation "$T/pgpass" &&
		psql -X -q -v ON_ERROR_STOP=1 -d "$DB" <<'SQL'
SET client_min_messages = warning;
CREATE SCHEMA bench;
CREATE TABLE bench.usage_plain (LIKE atelier.usage_session INCLUDING DEFAULTS INCLUDING IDENTITY);
GRANT USAGE ON SCHEMA bench TO bench_ws;
GRANT INSERT ON bench.usage_plain TO bench_ws;
SQL
} >"$T/setup.log" 2>&1 || { cat "$T/setup.log"; exit 1; }
echo "   network and 100 000 PC sessions generated in $(bench_since "$start") s"

# One transaction: two fresh event UUIDs, then the start and the end of a
# session on a random PC for a random person; each statement commits alone,
# as each PAM call does.
cat >"$T/api.sql" <<'EOF'
\set pc random(1, 2000)
\set person random(1, 60000)
SELECT gen_random_uuid() AS s, gen_random_uuid() AS e \gset
SELECT atelier.record_usage_event(':s', 'start', 'b-pc-' || lpad(':pc', 5, '0'),
       encode(sha256(convert_to('bench:' || :person, 'UTF8')), 'hex'), now() - INTERVAL '1 hour');
SELECT atelier.record_usage_event(':e', 'end', 'b-pc-' || lpad(':pc', 5, '0'),
       encode(sha256(convert_to('bench:' || :person, 'UTF8')), 'hex'), now(), ':s');
EOF
cat >"$T/plain.sql" <<'EOF'
\set pc random(1, 2000)
\set person random(1, 60000)
SELECT gen_random_uuid() AS s, gen_random_uuid() AS e \gset
INSERT INTO bench.usage_plain (workstation_id, login_key, start_event, started_at)
VALUES (:pc, encode(sha256(convert_to('bench:' || :person, 'UTF8')), 'hex'), ':s', now() - INTERVAL '1 hour');
INSERT INTO bench.usage_plain (workstation_id, login_key, start_event, end_event, ended_at)
VALUES (:pc, encode(sha256(convert_to('bench:' || :person, 'UTF8')), 'hex'), ':s', ':e', now());
EOF

echo "   $CLIENTS clients, $SECONDS_EACH s each: the workstations' function, then plain INSERTs"
api_tps=$(bench_pgbench api bench_ws "$T/api.sql") || exit 1
plain_tps=$(bench_pgbench plain bench_ws "$T/plain.sql") || exit 1
# Every session recorded must be whole: its start and its end paired in one row.
halves=$(psql -X -q -At -d "$DB" -c "SELECT count(*) FROM atelier.usage_session
	WHERE started_at IS NULL OR ended_at IS NULL")

# Two events a transaction.
api=$((2 * api_tps)) plain=$((2 * plain_tps))
bench_row "usage: events/s, $CLIENTS PCs (workstation role)" "$api/s" "$plain/s INSERT" \
	"$(bench_ratio "$api" "$plain")" "-" -
bench_row "usage: sessions left unpaired" "$halves" - - "0" "$([ "$halves" = 0 ] && echo yes || echo NO)"
