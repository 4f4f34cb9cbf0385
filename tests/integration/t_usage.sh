#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The command's surface: --version, --help (commands and exit codes),
# COMMAND --help, and usage errors (exit 2) that need no database.
. "$(dirname "$0")/lib.sh"
it_begin

atl --version
expect_rc 0 "--version"
expect_true "--version prints 'atelier 0.1.0'" grep -qx "atelier 0.1.0" "$OUT"
atl -V
expect_rc 0 "-V"

atl --help
expect_rc 0 "--help"
for c in login logout ticket workshop session book enrol unenrol attend export; do
	expect_out "$c" "--help lists the command $c"
done
expect_true "--help documents the exit codes 0 to 5" \
	bash -c "for n in 0 1 2 3 4 5; do grep -qw \"\$n\" '$OUT' || exit 1; done"

atl ticket --help
expect_rc 0 "ticket --help"
expect_out "open" "ticket --help lists its subcommands"
atl ticket open --help
expect_rc 0 "ticket open --help"
expect_out "--theme" "ticket open --help gives its options"
atl book --help
expect_rc 0 "book --help"
expect_out "--pcs" "book --help gives its options"

atl
expect_rc 2 "no command: exit 2"
atl frobnicate
expect_rc 2 "an unknown command: exit 2"
expect_err "frobnicate" "an unknown command: names it"
atl ticket frobnicate
expect_rc 2 "an unknown subcommand: exit 2"
atl ticket list --no-such-option
expect_rc 2 "an unknown option: exit 2"
expect_err "--no-such-option" "an unknown option: names it"
atl --format yaml ticket list
expect_rc 2 "--format yaml: exit 2"

it_end
