# SPDX-License-Identifier: GPL-3.0-or-later
# tests/bench/common.sh - sourced by each benchmark (not one itself): its own
# throwaway cluster, a generated network, timing with peak memory, medians,
# and the rows of the table that tests/bench/run prints last.
#
# A row of $BENCH_OUT/table.tsv is "figure<TAB>value<TAB>baseline<TAB>ratio
# <TAB>target<TAB>met"; met is yes, NO or "-" when the figure has no target.

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
OUTDIR=${BENCH_OUT:-$TOP/build/bench}
mkdir -p "$OUTDIR" "$TOP/build/bench-bin"
RUNSTAT=$TOP/build/bench-bin/runstat
if [ ! -x "$RUNSTAT" ] || [ "$TOP/tests/bench/runstat.c" -nt "$RUNSTAT" ]; then
	cc -O2 -Wall -Wextra -Werror -std=c11 -o "$RUNSTAT" "$TOP/tests/bench/runstat.c" || exit 1
fi

# bench_in_cluster "$0" "$@": run the calling script again inside a throwaway
# PostgreSQL 15 cluster of its own (pg_virtualenv), with the extension
# installed where that cluster finds it, and the server setting
# $BENCH_PG_OPTION (name=value) if one is given; returns when already inside one.
bench_in_cluster() {
	[ -n "${PG_CLUSTER_CONF_ROOT:-}" ] && return 0
	. "$TOP/tests/pgext.sh"
	pgext_install "$TOP" || exit 1
	[ -n "${BENCH_PG_OPTION:-}" ] && venv_opts+=(-o "$BENCH_PG_OPTION")
	exec pg_virtualenv "${venv_opts[@]}" bash "$@" 2> >(grep -v 'PostgreSQL cluster' >&2)
}

# bench_setup NAME SECONDS: what a pgbench benchmark starts with: CLIENTS and
# SECONDS_EACH (from BENCH_CLIENTS, default 16, and BENCH_SECONDS, default
# SECONDS), its database DB (atelier_bench_NAME), a scratch directory T removed
# at exit, and the top of the tree as the current directory.
bench_setup() {
	CLIENTS=${BENCH_CLIENTS:-16}
	SECONDS_EACH=${BENCH_SECONDS:-$2}
	DB=atelier_bench_$1
	T=$(mktemp -d "/tmp/atelier-bench-$1.XXXXXX") || exit 1
	trap 'rm -rf "$T"' EXIT
	cd "$TOP" || exit 1
}

# bench_fresh_db DB: a new database DB holding the extension and nothing else,
# as the cluster's superuser.
bench_fresh_db() {
	dropdb --if-exists "$1" && createdb "$1" &&
		psql -X -q -v ON_ERROR_STOP=1 -d "$1" \
			-c 'SET client_min_messages = warning' -c 'CREATE EXTENSION atelier CASCADE'
}

# bench_network DB: a new database DB holding the extension and the network of
# tests/bench/gen.sql (70 sites, 2 000 PCs, 60 000 people, 5 000 workshop
# sessions, 50 000 tickets), as the cluster's superuser.
bench_network() {
	bench_fresh_db "$1" &&
		psql -X -q -v ON_ERROR_STOP=1 -d "$1" -f "$TOP/tests/bench/gen.sql"
}

# bench_usage DB N: N PC sessions in November 2026 (and N in October).
bench_usage() {
	psql -X -q -v ON_ERROR_STOP=1 -d "$1" -v nsessions="$2" -f "$TOP/tests/bench/gen-usage.sql"
}

# bench_login_role DB ROLE GROUP PGPASS: a login role of GROUP with a random
# password, written for libpq into the file PGPASS (mode 600).
bench_login_role() {
	local pw
	pw=$(openssl rand -hex 16) || return 1
	(umask 077 && echo "*:*:$1:$2:$pw" >"$4") &&
		psql -X -q -v ON_ERROR_STOP=1 -d "$1" -v role="$2" -v grp="$3" -v pw="$pw" <<'SQL'
SET client_min_messages = warning;
DROP ROLE IF EXISTS :"role";
CREATE ROLE :"role" LOGIN PASSWORD :'pw' IN ROLE :"grp";
SQL
}

# bench_run NAME CMD...: run CMD (a program, not a shell function) with its
# output thrown away; appends its wall seconds to $T/NAME.s and its peak
# resident memory (kB) to $T/NAME.kb, both measured by tests/bench/runstat.c.
# Returns CMD's status; its error output is kept in $T/NAME.err.
bench_run() {
	local name=$1 rc
	shift
	: >"$T/$name.stat"
	"$RUNSTAT" "$T/$name.stat" "$@" >/dev/null 2>"$T/$name.err"
	rc=$?
	if [ "$rc" -ne 0 ]; then
		echo "   $name failed (exit $rc): $*" >&2
		cat "$T/$name.err" >&2
		return "$rc"
	fi
	awk '{print $1}' "$T/$name.stat" >>"$T/$name.s"
	awk '{print $2}' "$T/$name.stat" >>"$T/$name.kb"
}

# bench_pgbench NAME ROLE SCRIPT: pgbench with $CLIENTS clients for $SECONDS_EACH
# seconds on $DB, as ROLE (its password from $T/pgpass), its output in
# $T/NAME.out; prints its transactions per second, whole.  Fails, showing the
# output, when a client stopped on an error.
bench_pgbench() {
	env -u PGUSER -u PGPASSWORD PGPASSFILE="$T/pgpass" \
		pgbench -n -c "$CLIENTS" -j 2 -T "$SECONDS_EACH" -U "$2" -f "$3" "$DB" >"$T/$1.out" 2>&1
	if ! grep -q '^tps = ' "$T/$1.out" || grep -q 'aborted' "$T/$1.out"; then
		echo "   pgbench $1 did not run through:" >&2
		cat "$T/$1.out" >&2
		return 1
	fi
	sed -n 's/^tps = \([0-9.]*\) .*/\1/p' "$T/$1.out" | head -n 1 | awk '{printf "%.0f\n", $1}'
}

# bench_since START: the seconds since START (from date +%s%N), one decimal.
bench_since() {
	awk -v s="$1" -v e="$(date +%s%N)" 'BEGIN {printf "%.1f\n", (e - s) / 1e9}'
}

# bench_median FILE: the median of the numbers in FILE, one a line.
bench_median() {
	sort -g "$1" | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'
}

# bench_max FILE: the largest number in FILE.
bench_max() {
	sort -g "$1" | tail -n 1
}

# bench_secs S: seconds with three decimals.
bench_secs() {
	awk -v s="$1" 'BEGIN {printf "%.3f\n", s}'
}

# bench_ratio A B: A / B with two decimals.
bench_ratio() {
	awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", (b > 0) ? a / b : 0}'
}

# bench_le A B / bench_ge A B: "yes" when A <= B (A >= B), else "NO".
bench_le() { awk -v a="$1" -v b="$2" 'BEGIN {print (a <= b) ? "yes" : "NO"}'; }
bench_ge() { awk -v a="$1" -v b="$2" 'BEGIN {print (a >= b) ? "yes" : "NO"}'; }

# bench_row FIGURE VALUE BASELINE RATIO TARGET MET: print a row now and keep it
# for the table.
bench_row() {
	printf '   %-52s %16s %18s %7s %12s %s\n' "$@"
	printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$@" >>"$OUTDIR/table.tsv"
}

# bench_mib KB: kilobytes as MiB with one decimal.
bench_mib() {
	awk -v k="$1" 'BEGIN {printf "%.1f\n", k / 1024}'
}
