# SPDX-License-Identifier: GPL-3.0-or-later
# tests/demo/tickets.sh - the desk logs 80 helpdesk tickets with the atelier
# command (all options given, so it asks nothing) and closes them: mostly
# resolved, some referred to another service, a few abandoned.

THEMES=(email navigation bureautique materiel securite insertion_pro)
PROCEDURES=(papiers social_sante travail logement argent)
PLACES=(lieu_activite lieu_activite lieu_activite distance)
EQUIPMENT=(ordinateur telephone ordinateur tablette)
AUTONOMY=(guidage autonome_guidage autonome)
OUTCOMES=(resolved resolved resolved referred abandoned)
SITES=("$DEMO_SITE1" "$DEMO_SITE1" "$DEMO_SITE2")

say "the desk logs 80 helpdesk tickets with the atelier command"
for i in $(seq 1 80); do
	args=(--site "${SITES[i % 3]}" --place "${PLACES[i % 4]}" --equipment "${EQUIPMENT[i % 4]}"
		--minutes $((10 + (i * 13) % 50)))
	if [ $((i % 3)) -eq 0 ]; then
		args+=(--theme demarches --procedure "${PROCEDURES[i % 5]}")
	else
		args+=(--theme "${THEMES[(i / 3) % 6]}")
	fi
	if [ $((i % 5)) -eq 0 ]; then
		args+=(--anonymous)
	else
		args+=(--person "$(card $((1 + (i * 7) % 150)))")
	fi
	atl --format tsv ticket open "${args[@]}"
	id=$(grep -o '[0-9]\+' "$D/out" | head -n 1)
	outcome=${OUTCOMES[i % 5]}
	close=(--outcome "$outcome" --autonomy "${AUTONOMY[i % 3]}")
	[ "$outcome" != referred ] || close+=(--referral aide_demarches)
	atl ticket close "$id" "${close[@]}"
done

# The database stamps a ticket with the moment it is opened and closed: the
# demo's moment.  To spread the tickets over the demo month, the cluster's
# superuser moves them to working hours of its days, the one thing of the
# demo not done through atelier's own interfaces.  Their timelines, which
# nobody may change, keep the moment the demo ran.
su_sql "
	WITH moved AS (
		SELECT id, timestamptz '$DEMO_MONTH-02 10:00 Europe/Paris'
			+ make_interval(days => ((id * 11) % 28)::int, mins => ((id * 37) % 420)::int) AS at
		  FROM atelier.ticket)
	UPDATE atelier.ticket t
	   SET opened_at = m.at, closed_at = m.at + make_interval(mins => COALESCE(t.minutes, 15)),
	       updated_at = m.at + make_interval(mins => COALESCE(t.minutes, 15))
	  FROM moved m WHERE t.id = m.id" >/dev/null || die "spreading the tickets over the month"
