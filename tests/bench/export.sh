#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/bench/export.sh - the monthly export of a city network (tests/bench/gen.sql)
# at N = 10 000, 100 000 and 1 000 000 PC sessions in the month (and as many in
# the month before): the wall time of `atelier export` in CSV, XML and HTML next
# to the report's own SQL run by `psql -c "COPY (...) TO STDOUT"` on the same
# data, alternately, as the same reporting role; the peak resident memory of
# each process; how both grow with N; and, at the largest N, the report's plan
# (EXPLAIN ANALYZE, BUFFERS, with the function's inner query by auto_explain)
# saved to $BENCH_OUT/report-explain-N.txt.  Prints figures; never fails on a
# missed target.  Starts its own throwaway cluster.
#   BENCH_EXPORT_N="10000 100000 1000000"   the sizes
#   BENCH_ROUNDS=5                          rounds per size (3 from 1 000 000)
set -uo pipefail
. "$(dirname "$0")/common.sh"
bench_in_cluster "$0" "$@"

SIZES=${BENCH_EXPORT_N:-10000 100000 1000000}
MONTH=2026-11
DB=atelier_bench_export
T=$(mktemp -d /tmp/atelier-bench-export.XXXXXX)
trap 'rm -rf "$T"' EXIT
cd "$TOP" || exit 1
make -s build/atelier >/dev/null || exit 1

start=$(date +%s%N)
{ bench_network "$DB" && bench_login_role "$DB" bench_reporter atelier_reporter "$T/pgpass"; } \
	>"$T/setup.log" 2>&1 || { cat "$T/setup.log"; exit 1; }
echo "   network generated in $(bench_since "$start") s (70 sites, 2 000 PCs, 60 000 people, 5 000 workshops, 50 000 tickets)"

# Both sides connect alike: TCP to the cluster, as the reporting role, its
# password from the file; the superuser's variables are not used.
# (Commands, not shell functions: tests/bench/runstat runs them.)
AS_REPORTER=(env -u PGUSER -u PGPASSWORD -u PGDATABASE PGPASSFILE="$T/pgpass"
	LD_LIBRARY_PATH="$TOP/build" ATELIER_DATADIR="$TOP/module/xml")
CONN="dbname=$DB user=bench_reporter"
REPORT_SQL="SELECT * FROM atelier.monthly_report('$MONTH-01', NULL, 11)"
BASELINE=("${AS_REPORTER[@]}" psql -X -q "$CONN" -c "COPY ($REPORT_SQL) TO STDOUT")
EXPORT=("${AS_REPORTER[@]}" "$TOP/build/atelier" --db "$CONN" export --month "$MONTH" --format)

# explain N: the report's plan on the data of size N, kept for people to read;
# prints the scans of the usage table it chose.
explain() {
	local file=$OUTDIR/report-explain-$1.txt
	psql -X -q -d "$DB" >"$file" 2>&1 <<SQL
\\echo monthly_report('$MONTH-01', NULL, 11) with $1 PC sessions in the month and $1 in the month before
\\echo The function's own query (auto_explain, nested statements), then the call:
LOAD 'auto_explain';
SET auto_explain.log_min_duration = 0;
SET auto_explain.log_analyze = on;
SET auto_explain.log_buffers = on;
SET auto_explain.log_nested_statements = on;
SET client_min_messages = log;
EXPLAIN (ANALYZE, BUFFERS) $REPORT_SQL;
SQL
	grep -oE 'Seq Scan on usage_session|Scan (using|on) usage_session_[a-z_]+' "$file" |
		sed -E 's/Scan (using|on) usage_session_/index /; s/Seq Scan on usage_session/SEQ SCAN/' |
		sort | uniq -c | awk '{n = $1; $1 = ""; print substr($0, 2) (n > 1 ? " x" n : "")}' | paste -sd, -
}

row_for_size() {  # row_for_size N FORMAT: the time row of one format at one size
	local n=$1 f=$2 t c r
	t=$(bench_secs "$(bench_median "$T/$f-$n.s")")
	c=$(bench_secs "$(bench_median "$T/copy-$n.s")")
	r=$(bench_ratio "$t" "$c")
	bench_row "export $f, $n sessions: wall time" "$t s" "$c s COPY" "$r" "<= 1.2" "$(bench_le "$r" 1.2)"
}

for n in $SIZES; do
	start=$(date +%s%N)
	bench_usage "$DB" "$n" >"$T/usage.log" 2>&1 || { cat "$T/usage.log"; exit 1; }
	rounds=${BENCH_ROUNDS:-$([ "$n" -ge 1000000 ] && echo 3 || echo 5)}
	echo "   $n sessions generated in $(bench_since "$start") s;" \
		"$rounds rounds of COPY, csv, xml, html"
	"${BASELINE[@]}" >/dev/null || exit 1  # warm-up, not counted
	for _ in $(seq "$rounds"); do
		bench_run "copy-$n" "${BASELINE[@]}" || exit 1
		for f in csv xml html; do
			bench_run "$f-$n" "${EXPORT[@]}" "$f" || exit 1
		done
	done
	for f in csv xml html; do
		row_for_size "$n" "$f"
	done
	last=$n
done

# Memory: the largest peak of each process at each size, and whether it stays flat.
for f in csv xml html; do
	peaks=() all=
	for n in $SIZES; do
		peaks+=("$(bench_max "$T/$f-$n.kb")")
		all+="${peaks[-1]}"$'\n'
	done
	lo=$(printf '%s' "$all" | sort -g | head -n 1)
	hi=$(printf '%s' "$all" | sort -g | tail -n 1)
	copy_hi=$(cat "$T"/copy-*.kb | sort -g | tail -n 1)
	flat=$(awk -v lo="$lo" -v hi="$hi" 'BEGIN {print (hi < 16384 && hi - lo <= 1024) ? "yes" : "NO"}')
	mibs=$(for k in "${peaks[@]}"; do bench_mib "$k"; done | paste -sd/ -)
	bench_row "export $f: peak RSS at each N" "$mibs MiB" "psql $(bench_mib "$copy_hi") MiB" - "<16, flat" "$flat"
done

# Growth: the time at each size, for the report alone and for the slowest export.
growth=$(for n in $SIZES; do bench_secs "$(bench_median "$T/copy-$n.s")"; done | paste -sd/ -)
first=${SIZES%% *}
bench_row "report (COPY) time at each N" "$growth s" - \
	"$(bench_ratio "$(bench_median "$T/copy-$last.s")" "$(bench_median "$T/copy-$first.s")")x" "-" -
scans=$(explain "$last")
bench_row "report plan at $last: usage_session scans" "${scans:-none}" - - "-" -
echo "   the plan: $OUTDIR/report-explain-$last.txt"
