#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The build tree as a newcomer finds it after "make": build/atelier runs as it
# is (no LD_LIBRARY_PATH, from any directory), while the binary "make install"
# installs carries no RUNPATH; and the PAM module, loaded by the display
# manager at every login, needs neither libatelier.so.1 nor libxml2.
# No database needed.
. "$(dirname "$0")/lib.sh"

# The dynamic section's lines of FILE matching a pattern, or nothing.
dyn() { readelf -d "$1" 2>&1 | grep -E "$2"; }

for f in build/atelier build/inst/atelier build/pam_atelier.so; do
	if [ ! -e "$IT_TOP/$f" ]; then
		fail "$f is built" "run: make all"
		it_end
		exit 1
	fi
done

out=$(cd / && env -u LD_LIBRARY_PATH "$IT_TOP/build/atelier" --version 2>&1)
rc=$?
if [ "$rc" -eq 0 ] && [[ $out == atelier\ * ]]; then
	pass "build/atelier --version runs from the build tree without LD_LIBRARY_PATH"
else
	fail "build/atelier --version runs from the build tree without LD_LIBRARY_PATH" \
		"exit code: $rc" "output: $out"
fi

out=$(dyn "$IT_TOP/build/inst/atelier" 'RPATH|RUNPATH')
if [ -z "$out" ]; then
	pass "the installed command (build/inst/atelier) has no RUNPATH"
else
	fail "the installed command (build/inst/atelier) has no RUNPATH" "$out"
fi

out=$(dyn "$IT_TOP/build/pam_atelier.so" 'NEEDED')
if [ -n "$out" ] && ! grep -qE 'libatelier|libxml2' <<<"$out"; then
	pass "pam_atelier.so needs neither libatelier.so.1 nor libxml2"
else
	fail "pam_atelier.so needs neither libatelier.so.1 nor libxml2" "$out"
fi

out=$(dyn "$IT_TOP/build/asan/pam_atelier.so" 'NEEDED')
if [ ! -e "$IT_TOP/build/asan/pam_atelier.so" ] ||
	{ [ -n "$out" ] && ! grep -qE 'libatelier|libxml2' <<<"$out"; }; then
	pass "its ASan build (when built) neither"
else
	fail "its ASan build (when built) neither" "$out"
fi

it_end
