#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/bench/spool.sh - a terminal server's logins: 200 processes at once
# append a start and an end each to one spool with pam_atelier's 20 ms lock
# wait (tests/bench/spool_append.c), three rounds: the events lost (the
# target is none), and the median and longest append next to a plain
# O_APPEND write + fsync of the same size by as many processes (what the
# disk costs).  No database.  Prints figures; never fails on a missed target.
#   BENCH_SPOOL_N=200   processes
set -uo pipefail
. "$(dirname "$0")/common.sh"

N=${BENCH_SPOOL_N:-200}
T=$(mktemp -d /var/tmp/atelier-bench-spool.XXXXXX)
trap 'rm -rf "$T"' EXIT
cd "$TOP" || exit 1
make -s lib >/dev/null || exit 1
cc -O2 -Wall -Wextra -Werror -std=c11 -Iinclude -o "$T/spool_append" tests/bench/spool_append.c \
	-Lbuild -latelier || exit 1

lost=0
for r in 1 2 3; do
	LD_LIBRARY_PATH=$TOP/build "$T/spool_append" spool "$T/spool$r" "$N" 20 >>"$T/spool.out" || exit 1
	LD_LIBRARY_PATH=$TOP/build "$T/spool_append" raw "$T" "$N" 0 >>"$T/raw.out" || exit 1
done
lost=$(awk '{s += $1} END {print s}' "$T/spool.out")
awk '{print $2}' "$T/spool.out" >"$T/spool.med"
awk '{print $3}' "$T/spool.out" >"$T/spool.max"
awk '{print $2}' "$T/raw.out" >"$T/raw.med"
awk '{print $3}' "$T/raw.out" >"$T/raw.max"
med=$(bench_median "$T/spool.med")
rmed=$(bench_median "$T/raw.med")
bench_row "spool: events lost, $N parallel logins x 3" "$lost" "-" "-" "0" "$(bench_le "$lost" 0)"
bench_row "spool: median append (ms), $N at once" "$med" "$rmed" "$(bench_ratio "$med" "$rmed")" "-" "-"
bench_row "spool: longest append (ms), $N at once" "$(bench_max "$T/spool.max")" \
	"$(bench_max "$T/raw.max")" "-" "-" "-"
