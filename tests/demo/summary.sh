# SPDX-License-Identifier: GPL-3.0-or-later
# tests/demo/summary.sh - where the exports are, and the month in five lines
# (PCs, workshops, the course's seats, people trained, helpdesk)
# read by the cluster's superuser: the figures the exports show.

# one SQL: a single figure of the demo's month.
one() {
	su_sql "SELECT $1"
}

M="tstzrange(timestamptz '$DEMO_MONTH-01 00:00 Europe/Paris', (timestamptz '$DEMO_MONTH-01 00:00 Europe/Paris' + interval '1 month'))"
sessions=$(one "count(*) FROM atelier.usage_session WHERE $M @> started_at")
hours=$(one "round(extract(epoch FROM sum(ended_at - started_at)) / 3600) FROM atelier.usage_session WHERE $M @> started_at")
people_pc=$(one "count(DISTINCT login_key) FROM atelier.usage_session WHERE $M @> started_at")
trained=$(one "count(DISTINCT a.person_id) FROM atelier.attendance a JOIN atelier.session s ON s.id = a.session_id WHERE a.status = 'present' AND $M @> lower(s.during)")
course=$(one "count(*) FILTER (WHERE status = 'enrolled') || ' seats taken, ' || count(*) FILTER (WHERE status = 'waitlisted') || ' waiting, ' || count(*) FILTER (WHERE status = 'cancelled') || ' cancelled' FROM atelier.enrolment WHERE course_id IS NOT NULL")
workshops=$(one "count(*) FROM atelier.session s WHERE $M @> lower(s.during)")
tickets=$(one "count(*) || ' tickets (' || count(*) FILTER (WHERE state = 'resolved') || ' resolved, ' || count(*) FILTER (WHERE state = 'referred') || ' referred, ' || count(*) FILTER (WHERE state = 'abandoned') || ' abandoned)' FROM atelier.ticket WHERE $M @> opened_at")

echo
echo "The month ($DEMO_MONTH) in five lines:"
echo "  Public PCs:  $sessions sessions, $hours hours, by $people_pc people (on 24 PCs, 2 libraries)"
echo "  Workshops:   $workshops sessions (a 5-session e-mail course, a weekly permanence)"
echo "  Course:      $course (8 seats for 10 people)"
echo "  Trained:     $trained people attended at least one session"
echo "  Helpdesk:    $tickets"
echo
echo "The exports are in $OUTDIR:"
for f in "$CSV" "$XML" "$HTML" "$PNG"; do
	echo "  $(basename "$f")"
done
