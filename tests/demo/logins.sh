# SPDX-License-Identifier: GPL-3.0-or-later
# tests/demo/logins.sh - a month of logins on the public PCs, through the
# real PAM module (build/pam_atelier.so) driven by tests/pam/pamdrive.c (a
# PAM client like pamtester) under pam_wrapper, each PC with its own PAM
# service (workstation=HOST).
#
# The module stamps each event with the current time: libfaketime gives each
# login its own moments of the demo month.  pamdrive writes the moment of each
# call into libfaketime's timestamp file just before it (FAKETIME_NO_CACHE=1:
# read at every reading of the clock), frozen there: the account check and
# the session's start read the login's start, its end reads start + length,
# however often pam_wrapper, libpq and the module read the clock (counting
# readings, as this demo once did, gave other figures on a busy or another
# machine).  CLOCK_MONOTONIC stays true (DONT_FAKE_MONOTONIC), so the
# module's time-outs are real ones.  Logins last 15 to 105 minutes, Monday to
# Saturday, starting from 9:00 to 16:45, on all 24 PCs.
LOGINS=240

# The PCs' PAM services.
mapfile -t PCS < <(printf 'centre-pc%02d\n' $(seq 1 16); printf 'nord-pc%02d\n' $(seq 1 8))
for pc in "${PCS[@]}"; do
	sed "s/@HOST@/$pc/g" "$D/pam.d/public-pc" >"$D/pam.d/public-pc-$pc"
done

# The month's opening days (no Sundays), as epoch seconds at midnight, local time.
mapfile -t DAYS < <(for d in $(seq 1 30); do
	day=$(printf '%s-%02d' "$DEMO_MONTH" "$d")
	[ "$(date -d "$day" +%u)" -eq 7 ] || date -d "$day 00:00" +%s
done)

cc -O2 -Wall -Wextra -Werror -o "$D/pamdrive" "$TOP/tests/pam/pamdrive.c" -lpam || die "pamdrive builds"

# login PC CARD START LENGTH: one login and logout, START in epoch seconds.
login() {
	local from to
	from=$(date -d "@$3" '+%Y-%m-%d %H:%M:%S')
	to=$(date -d "@$(($3 + $4))" '+%Y-%m-%d %H:%M:%S')
	LD_LIBRARY_PATH=$TOP/build LD_PRELOAD="$PAM_WRAPPER_LIB $FAKETIME_LIB" PAM_WRAPPER=1 \
		PAM_WRAPPER_SERVICE_DIR="$D/pam.d" FAKETIME_TIMESTAMP_FILE="$D/faketime" \
		FAKETIME_NO_CACHE=1 DONT_FAKE_MONOTONIC=1 \
		"$D/pamdrive" -x -T "$D/faketime" -u "$2" "public-pc-$1" \
		"acct_mgmt=$from" "open_session=$from" "close_session=$to" >"$D/out" 2>&1
}

login nord-pc08 "$(card 150)" $((DAYS[0] + 9 * 3600)) 60 || die "the first login" "$D/out"

say "$LOGINS logins on the public PCs through pam_atelier.so (pam_wrapper, libfaketime)"
REFUSED=0
for i in $(seq 2 "$LOGINS"); do
	pc=${PCS[(i * 7) % ${#PCS[@]}]}
	len=$(((15 + (i * 37) % 91) * 60))
	start=$((DAYS[(i * 11) % ${#DAYS[@]}] + (9 + (i * 5) % 8) * 3600 + ((i * 13) % 4) * 900))
	if ! login "$pc" "$(card $((1 + (i * 11) % 150)))" "$start" "$len"; then
		# A PC booked for a workshop refuses others: the module's job.
		grep -q 'acct_mgmt: PAM_PERM_DENIED' "$D/out" || die "pamdrive on $pc" "$D/out"
		REFUSED=$((REFUSED + 1))
	fi
done
# Every event reached the database: nothing waits in the PCs' spool.
[ -z "$(find "$D/spool" -type f -size +0)" ] || die "some logins were spooled, not recorded"
