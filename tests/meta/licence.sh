#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Every source file says its licence in an SPDX-License-Identifier line, the
# one debian/copyright gives its path (the last Files: paragraph matching it,
# as DEP-5 says): LGPL-2.1-or-later for the library, its header and the
# extension, GPL-3.0-or-later for the rest.  Prints one TAP line per
# directory, the files that differ as "#" lines under a failure.
#   tests/meta/licence.sh          check
#   tests/meta/licence.sh --fix    write the missing or wrong lines, in each
#                                  file's comment syntax, after a #! or <?xml line
# Source files: *.c *.h *.sql *.sh *.py *.js *.xsd *.xsl, Makefiles and every
# script (#!).  Not sql/sql/*.sql: psql echoes their comments into the results
# that sql/expected/*.out must match; debian/copyright covers them.
set -u
cd "$(dirname "$0")/../.."
fix=false
[ "${1:-}" = --fix ] && fix=true

# "PATTERN<TAB>LICENCE" for each pattern of each Files: paragraph, in order.
rules=$(awk '
	/^Files:/ { files = substr($0, 7); in_files = 1; next }
	in_files && /^[ \t]/ { files = files " " $0; next }
	{ in_files = 0 }
	/^License:/ && files != "" {
		n = split(files, f, /[ \t]+/)
		for (i = 1; i <= n; i++)
			if (f[i] != "")
				print f[i] "\t" $2
		files = ""
	}
	/^$/ { files = "" }' debian/copyright)

# DEP-5 name to SPDX identifier: GPL-3+ is GPL-3.0-or-later, LGPL-2.1 LGPL-2.1-only.
spdx_id() {
	local name=${1%+} suffix=-only
	[ "$name" != "$1" ] && suffix=-or-later
	[[ $name =~ -[0-9]+$ ]] && name=$name.0
	echo "$name$suffix"
}

expected_licence() {  # the SPDX identifier debian/copyright gives PATH
	local path=$1 pattern licence found=
	while IFS=$'\t' read -r pattern licence; do
		# shellcheck disable=SC2053  # the pattern is a glob, * matching / too
		[[ $path == $pattern ]] && found=$licence
	done <<<"$rules"
	[ -n "$found" ] && spdx_id "$found"
}

all_files() {
	if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
		git ls-files --cached --others --exclude-standard
	else
		find . -name .git -prune -o -type f -print | sed 's|^\./||'
	fi
}

is_source() {
	case $1 in
	build/* | demo-out/* | sql/results/* | sql/output_iso/* | sql/log/* | \
		sql/atelier--*.sql | tests/fuzz/corpus/* | sql/sql/*.sql)
		return 1 ;;
	debian/tests/* | debian/source/*) ;;
	debian/*/*) return 1 ;;  # what a package build leaves
	esac
	case $1 in
	*.c | *.h | *.sql | *.sh | *.py | *.js | *.xsd | *.xsl | Makefile | */Makefile | debian/rules)
		return 0 ;;
	esac
	[ "$(head -c 2 "$1" 2>/dev/null)" = '#!' ]
}

comment_line() {  # comment_line FILE ID: the SPDX line in FILE's comment syntax
	case $1 in
	*.c | *.h) echo "/* SPDX-License-Identifier: $2 */" ;;
	*.sql) echo "-- SPDX-License-Identifier: $2" ;;
	*.js) echo "// SPDX-License-Identifier: $2" ;;
	*.xsd | *.xsl) echo "<!-- SPDX-License-Identifier: $2 -->" ;;
	*) echo "# SPDX-License-Identifier: $2" ;;
	esac
}

found_licence() {  # the identifier in FILE's first lines, or nothing
	head -n 10 "$1" | sed -n 's/.*SPDX-License-Identifier: *\([A-Za-z0-9.+-]*\).*/\1/p' | head -n 1
}

fix_file() {  # fix_file FILE ID
	local line
	line=$(comment_line "$1" "$2")
	if head -n 10 "$1" | grep -q 'SPDX-License-Identifier:'; then
		sed -i "1,10s|SPDX-License-Identifier: *[A-Za-z0-9.+-]*|SPDX-License-Identifier: $2|" "$1"
	elif head -n 1 "$1" | grep -qE '^(#!|<\?xml)'; then
		sed -i "1a\\$line" "$1"
	elif [ -s "$1" ]; then
		sed -i "1i\\$line" "$1"
	else
		echo "$line" >"$1"
	fi
}

declare -A bad=() count=()
dirs=()
while IFS= read -r file; do
	[ -f "$file" ] && is_source "$file" || continue
	dir=.; [[ $file == */* ]] && dir=${file%/*}
	if [ -z "${count[$dir]+set}" ]; then
		dirs+=("$dir")
		count[$dir]=0
		bad[$dir]=
	fi
	count[$dir]=$((count[$dir] + 1))
	want=$(expected_licence "$file")
	have=$(found_licence "$file")
	[ "$have" = "$want" ] && continue
	if $fix; then
		fix_file "$file" "$want"
		echo "# $file: now $want"
	else
		bad[$dir]+="$file: ${have:-no SPDX-License-Identifier line}, debian/copyright says $want"$'\n'
	fi
done < <(all_files | sort)

n=0
failed=0
for dir in "${dirs[@]}"; do
	n=$((n + 1))
	if [ -z "${bad[$dir]}" ]; then
		echo "ok $n - $dir: ${count[$dir]} files carry the licence debian/copyright gives them"
	else
		failed=$((failed + 1))
		echo "not ok $n - $dir: files without the licence debian/copyright gives them"
		printf '%s' "${bad[$dir]}" | sed 's/^/#   /'
	fi
done
echo "1..$n"
[ "$failed" -eq 0 ]
