# tests/demo/logins.sh - a month of logins on the public PCs, through the
# real PAM module (build/pam_atelier.so) driven by pamtester under
# pam_wrapper, each PC with its own PAM service (workstation=HOST).
#
# The module stamps each event with the current time: libfaketime gives each
# login its own moment of the demo month.  In its "i" mode the fake clock
# starts at FAKETIME's moment and moves on by the increment at every reading
# of the time: pam_wrapper, libpq and the module read it LOGIN_READS times
# before the start is stamped (11 with Debian 12's libraries: a first login
# measures it) and once between the start and the end, so the increment is
# the session's length and the clock starts LOGIN_READS lengths early.  CLOCK_MONOTONIC stays true (DONT_FAKE_MONOTONIC), so the module's
# time-outs are real ones.  Logins last 15 to 105 minutes, Monday to Saturday,
# starting from 9:00 to 16:45, on all 24 PCs.
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

# login PC CARD START LENGTH: one login and logout, START in epoch seconds.
login() {
	local fake
	fake=$(date -d "@$(($3 - LOGIN_READS * $4))" '+%Y-%m-%d %H:%M:%S')
	LD_LIBRARY_PATH=$TOP/build LD_PRELOAD="$PAM_WRAPPER_LIB $FAKETIME_LIB" PAM_WRAPPER=1 \
		PAM_WRAPPER_SERVICE_DIR="$D/pam.d" FAKETIME="@$fake i$4" DONT_FAKE_MONOTONIC=1 \
		pamtester "public-pc-$1" "$2" acct_mgmt open_session close_session >"$D/out" 2>&1
	local rc=$?
	# pamtester names the user (the card number): kept out of any message.
	sed -i '/pam_start/d' "$D/out"
	return $rc
}

# The first login of the month measures LOGIN_READS.
LOGIN_READS=0
login nord-pc08 "$(card 150)" $((DAYS[0] + 9 * 3600)) 60 || die "the first login" "$D/out"
LOGIN_READS=$((($(su_sql "SELECT extract(epoch FROM max(started_at))::bigint FROM atelier.usage_session") -
	DAYS[0] - 9 * 3600) / 60))

say "$LOGINS logins on the public PCs through pam_atelier.so (pamtester, pam_wrapper, libfaketime)"
REFUSED=0
for i in $(seq 2 "$LOGINS"); do
	pc=${PCS[(i * 7) % ${#PCS[@]}]}
	len=$(((15 + (i * 37) % 91) * 60))
	start=$((DAYS[(i * 11) % ${#DAYS[@]}] + (9 + (i * 5) % 8) * 3600 + ((i * 13) % 4) * 900))
	if ! login "$pc" "$(card $((1 + (i * 11) % 150)))" "$start" "$len"; then
		# A PC booked for a workshop refuses others: the module's job.
		grep -q 'Permission denied' "$D/out" || die "pamtester on $pc" "$D/out"
		REFUSED=$((REFUSED + 1))
	fi
done
# Every event reached the database: nothing waits in the PCs' spool.
[ -z "$(find "$D/spool" -type f -size +0)" ] || die "some logins were spooled, not recorded"
