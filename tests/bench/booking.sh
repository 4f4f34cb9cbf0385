#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/bench/booking.sh - PC bookings under contention, on the city network of
# tests/bench/gen.sql: 16 pgbench clients, for 30 seconds, each booking one of
# the 29 PCs of one library for one hour at a random half-hour of December
# through the SQL API (atelier.book_person, as a librarian's role with a staff
# session), so that they keep colliding; next to 16 clients doing plain INSERTs
# of the same rows into an unconstrained copy of the table (no exclusion
# constraint, no foreign key, no lock) for as long.  Afterwards, the double
# bookings in each table are counted: the API must have made none.  Prints
# figures; never fails on a missed target.  Starts its own throwaway cluster.
#   BENCH_CLIENTS=16  BENCH_SECONDS=30
set -uo pipefail
. "$(dirname "$0")/common.sh"
bench_in_cluster "$0" "$@"

bench_setup booking 30

start=$(date +%s%N)
{ bench_network "$DB" && bench_login_role "$DB" bench_librarian atelier_librarian "$T/pgpass"; } \
	>"$T/setup.log" 2>&1 || { cat "$T/setup.log"; exit 1; }
echo "   network generated in $(bench_since "$start") s (70 sites, 2 000 PCs, 60 000 people, 5 000 workshops, 50 000 tickets)"

# agent1 is a librarian of S001, whose PCs are b-pc-00001, b-pc-00071, ...
# bench.try_book() calls the API and turns its "already booked" error into
# false, so that a client goes on (pgbench stops a client at an error); the
# plain copy has the table's columns and defaults, and nothing else.
TOKEN=$(psql -X -q -At -v ON_ERROR_STOP=1 -d "$DB" 2>"$T/setup.log" <<'SQL'
SET client_min_messages = warning;
CREATE SCHEMA bench;
CREATE FUNCTION bench.try_book(p_token uuid, p_pc integer, p_person integer, p_slot integer)
RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN
    PERFORM atelier.book_person(p_token, 'b-pc-' || lpad(p_pc::text, 5, '0'),
                                encode(sha256(convert_to('bench:' || p_person, 'UTF8')), 'hex'),
                                TIMESTAMPTZ '2026-12-01 08:00' + p_slot * INTERVAL '30 minutes',
                                TIMESTAMPTZ '2026-12-01 09:00' + p_slot * INTERVAL '30 minutes');
    RETURN true;
EXCEPTION WHEN SQLSTATE 'ATC01' THEN
    RETURN false;
END
$$;
CREATE TABLE bench.booking_plain (LIKE atelier.booking INCLUDING DEFAULTS INCLUDING IDENTITY);
GRANT USAGE ON SCHEMA bench TO bench_librarian;
GRANT INSERT ON bench.booking_plain TO bench_librarian;
SELECT atelier.staff_session_open('agent1', 480);
SQL
) || { cat "$T/setup.log"; exit 1; }

cat >"$T/api.sql" <<EOF
\\set pc 1 + 70 * random(0, 28)
\\set person random(1, 60000)
\\set slot random(0, 1999)
SELECT bench.try_book('$TOKEN', :pc, :person, :slot);
EOF
cat >"$T/plain.sql" <<'EOF'
\set pc 1 + 70 * random(0, 28)
\set person random(1, 60000)
\set slot random(0, 1999)
INSERT INTO bench.booking_plain (workstation_id, during, person_id, booked_by)
VALUES (:pc, tstzrange(TIMESTAMPTZ '2026-12-01 08:00' + :slot * INTERVAL '30 minutes',
                       TIMESTAMPTZ '2026-12-01 09:00' + :slot * INTERVAL '30 minutes'), :person, 1);
EOF

echo "   $CLIENTS clients, $SECONDS_EACH s each: the API, then plain INSERTs"
api=$(bench_pgbench api bench_librarian "$T/api.sql") || exit 1
plain=$(bench_pgbench plain bench_librarian "$T/plain.sql") || exit 1

# A live booking whose time overlaps that of an earlier live booking of its PC
# is a double booking (one sort per table, not a comparison of every pair).
doubles() {
	psql -X -q -At -d "$DB" -c "SELECT count(*) FILTER (WHERE lower(during) < before_end) FROM (
	     SELECT during, max(upper(during)) OVER (PARTITION BY workstation_id ORDER BY lower(during), id
	                                             ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS before_end
	       FROM $1 WHERE cancelled_at IS NULL) x"
}
made=$(psql -X -q -At -d "$DB" -c "SELECT count(*) FROM atelier.booking WHERE lower(during) >= '2026-12-01'")
tried=$(sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p' "$T/api.out")
api_doubles=$(doubles atelier.booking)
plain_doubles=$(doubles bench.booking_plain)

bench_row "booking: attempts/s, $CLIENTS clients, 29 PCs (API)" "$api/s" "$plain/s INSERT" \
	"$(bench_ratio "$api" "$plain")" "-" -
bench_row "booking: booked (per second) / refused as taken" \
	"$made ($(awk -v n="$made" -v t="$SECONDS_EACH" 'BEGIN {printf "%.0f", n / t}')/s) / $((tried - made))" - - "-" -
bench_row "booking: double bookings after the run" "$api_doubles" "$plain_doubles plain" - "0" \
	"$([ "$api_doubles" = 0 ] && echo yes || echo NO)"
