#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The version is written once, in include/atelier.h: debian/changelog must name
# the same upstream version, and what the build made from it (the pkg-config
# file, the man pages, `atelier --version`) must say it.  Prints TAP lines;
# needs `make all` first.
set -u
cd "$(dirname "$0")/../.."
n=0
failed=0

check() {  # check DESCRIPTION EXPECTED ACTUAL
	n=$((n + 1))
	if [ "$2" = "$3" ]; then
		echo "ok $n - $1"
	else
		failed=$((failed + 1))
		echo "not ok $n - $1"
		echo "#   expected: $2"
		echo "#   found:    $3"
	fi
}

part() { awk -v name="ATELIER_VERSION_$1" '$1 == "#define" && $2 == name { print $3 }' include/atelier.h; }
version=$(part MAJOR).$(part MINOR).$(part PATCH)

# The upstream part of the top entry: no epoch ("1:"), no Debian revision ("-1").
changelog=$(sed -n '1s/^[^ ]* (\([^)]*\)).*/\1/p' debian/changelog)
changelog=${changelog#*:}
check "debian/changelog's top entry is version $version" "$version" "${changelog%-*}"

check "build/atelier.pc says Version: $version" "$version" \
	"$(sed -n 's/^Version: *//p' build/atelier.pc 2>/dev/null || echo 'no build/atelier.pc: run make all')"

for page in build/man/atelier.1 build/man/pam_atelier.8; do
	check "$page names atelier $version in its title" "atelier $version" \
		"$(grep -o '"atelier [^"]*"' "$page" 2>/dev/null | head -n1 | tr -d '"' ||
			echo "no $page: run make all")"
done

check "build/atelier --version prints atelier $version" "atelier $version" \
	"$(build/atelier --version 2>&1)"

echo "1..$n"
[ "$failed" -eq 0 ]
