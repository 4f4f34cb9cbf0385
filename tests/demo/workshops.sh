# SPDX-License-Identifier: GPL-3.0-or-later
# tests/demo/workshops.sh - the coordinator logs in at the desk (PAM:
# pam_matrix through pam_wrapper) and, with the atelier command, schedules a
# 5-session course with 8 PCs booked for each session and a weekly
# permanence, enrols people (10 for 8 seats: two wait, one cancels, the first
# waiting gets the seat) and marks their attendance.

# The password goes to the command on stdin, never on a command line.
say "the coordinator logs in at the desk (PAM) and schedules the month's workshops"
sed -n 's/^slefevre:\([^:]*\):.*/\1/p' "$D/passdb" >"$D/password"
atl_pam login slefevre --password-stdin <"$D/password"
rm -f "$D/password"

# first_column: the ids in the first column of a tsv answer, header skipped.
first_column() {
	tail -n +2 "$D/out" | cut -f1
}

atl workshop add EMAIL "Mon adresse e-mail" --level debutant --minutes 120 --theme email
atl workshop add PERMANENCE "Permanence numérique" --level debutant --minutes 180 --theme demarches
atl --format tsv session schedule EMAIL --site "$DEMO_SITE1" --start "$DEMO_MONTH-02 14:00" \
	--capacity 8 --minutes 120 --room ESPACE-NUM --facilitator ybensaid \
	--every weekly --count 5 --course --title "E-mail en 5 séances"
mapfile -t COURSE_SESSIONS < <(first_column)
COURSE=$(tail -n +2 "$D/out" | head -n 1 | cut -f4)
atl --format tsv session schedule PERMANENCE --site "$DEMO_SITE2" --start "$DEMO_MONTH-04 09:30" \
	--capacity 12 --room SALLE-1 --facilitator ybensaid --every weekly --count 4
mapfile -t PERMANENCES < <(first_column)
for s in "${COURSE_SESSIONS[@]}"; do
	atl book "$s" --pcs 8
done

# Ten people for eight seats: 9 and 10 wait; 3 cancels and 9 gets the seat.
for n in $(seq 1 10); do
	atl enrol --course "$COURSE" "$(card "$n")"
done
atl unenrol --course "$COURSE" "$(card 3)"
grep -qF '(p:' "$D/out" || die "the first person waiting was not promoted" "$D/out"
COURSE_PEOPLE=(1 2 4 5 6 7 8 9)
i=0
for s in "${COURSE_SESSIONS[@]}"; do
	for n in "${COURSE_PEOPLE[@]}"; do
		i=$((i + 1))
		# About one absence in seven, always the same ones.
		if [ $((i % 7)) -eq 0 ]; then
			atl attend "$s" "$(card "$n")" absent
		else
			atl attend "$s" "$(card "$n")" present
		fi
	done
done
# The permanence: five different people each week, all present.
i=20
for s in "${PERMANENCES[@]}"; do
	for n in 1 2 3 4 5; do
		i=$((i + 1))
		atl enrol "$s" "$(card "$i")"
		atl attend "$s" "$(card "$i")" present
	done
done
