-- SPDX-License-Identifier: GPL-3.0-or-later
-- A city-sized library network for the benchmarks, generated deterministically
-- (no random(): every value derives from a row number): 70 sites, 2 000 PCs,
-- 60 000 people, 5 000 workshop sessions in November 2026 with bookings and
-- enrolments, 50 000 tickets.  Its PC sessions come from gen-usage.sql.
-- Run as a superuser on a database with the extension; rows go straight into the
-- tables (triggers off) because this measures reading, not writing.
\set ON_ERROR_STOP on
SET client_min_messages = warning;
SET TIME ZONE 'Europe/Paris';
SET session_replication_role = replica;

INSERT INTO atelier.site (code, name, city)
SELECT format('S%s', lpad(s::text, 3, '0')), format('Bibliothèque %s', s), 'Grande-Ville'
  FROM generate_series(1, 70) s;
INSERT INTO atelier.room (site_id, code, name)
SELECT id, 'SALLE', 'Salle numérique' FROM atelier.site;
INSERT INTO atelier.workstation (hostname, site_id, room_id, label)
SELECT format('b-pc-%s', lpad(i::text, 5, '0')), si.id, r.id, format('Poste %s', i)
  FROM generate_series(1, 2000) i
  JOIN atelier.site si ON si.code = format('S%s', lpad((1 + (i - 1) % 70)::text, 3, '0'))
  JOIN atelier.room r ON r.site_id = si.id;
INSERT INTO atelier.staff (login, display_name, role)
SELECT format('agent%s', i), format('Agent %s', i), 'librarian' FROM generate_series(1, 210) i;
INSERT INTO atelier.staff_site (staff_id, site_id)
SELECT st.id, si.id FROM atelier.staff st
  JOIN atelier.site si ON si.code = format('S%s', lpad((1 + (substr(st.login, 6)::int - 1) % 70)::text, 3, '0'));
INSERT INTO atelier.person (pseudonym, age_bracket, social_status, postcode, first_visit)
SELECT encode(sha256(convert_to('bench:' || i, 'UTF8')), 'hex'),
       (ARRAY['18_24','25_39','40_59','60_69','70_plus','nc'])[1 + i % 6],
       (ARRAY['sans_emploi','en_emploi','retraite','scolarise','nc'])[1 + i % 5],
       lpad((75001 + i % 20)::text, 5, '0'), DATE '2025-01-01' + i % 600
  FROM generate_series(1, 60000) i;
INSERT INTO atelier.workshop (code, title, level)
SELECT format('W%s', w), format('Atelier %s', w), (ARRAY['debutant','intermediaire','avance'])[1 + w % 3]
  FROM generate_series(1, 20) w;

-- 5 000 sessions: about 71 a site, three slots a day, so a site's room and PCs
-- never overlap; each books 6 PCs of its site and enrols 12 people (10 seats).
CREATE TEMP TABLE gen_session AS
SELECT j, 1 + (j - 1) % 70 AS site_no, (j - 1) / 70 AS k FROM generate_series(1, 5000) j;
INSERT INTO atelier.session (workshop_id, site_id, room_id, during, capacity, status)
SELECT (SELECT id FROM atelier.workshop WHERE code = format('W%s', 1 + g.j % 20)),
       si.id, r.id,
       tstzrange(TIMESTAMPTZ '2026-11-01 09:00' + make_interval(days => g.k / 3, hours => 3 * (g.k % 3)),
                 TIMESTAMPTZ '2026-11-01 11:00' + make_interval(days => g.k / 3, hours => 3 * (g.k % 3))),
       10, CASE WHEN g.j % 50 = 0 THEN 'cancelled' ELSE 'scheduled' END
  FROM gen_session g
  JOIN atelier.site si ON si.code = format('S%s', lpad(g.site_no::text, 3, '0'))
  JOIN atelier.room r ON r.site_id = si.id
 ORDER BY g.j;
INSERT INTO atelier.booking (workstation_id, during, session_id)
SELECT w.id, s.during, s.id
  FROM atelier.session s
  JOIN LATERAL (SELECT x.id FROM atelier.workstation x WHERE x.site_id = s.site_id
                 ORDER BY x.hostname LIMIT 6) w ON true
 WHERE s.status = 'scheduled';
INSERT INTO atelier.enrolment (session_id, person_id, status, waitlist_position)
SELECT s.id, 1 + ((s.id * 12 + n) * 7919) % 60000,
       CASE WHEN n <= 10 THEN 'enrolled' ELSE 'waitlisted' END,
       CASE WHEN n > 10 THEN n - 10 END
  FROM atelier.session s, generate_series(1, 12) n;
INSERT INTO atelier.attendance (session_id, person_id, status)
SELECT e.session_id, e.person_id, (ARRAY['present','present','present','absent','excused'])[1 + e.id % 5]
  FROM atelier.enrolment e JOIN atelier.session s ON s.id = e.session_id
 WHERE e.status = 'enrolled' AND s.status = 'scheduled';

-- 50 000 tickets over the month.
INSERT INTO atelier.ticket (site_id, opened_by, opened_at, person_id, place, equipment, themes,
                            procedures, state, minutes, autonomy, referral, closed_at)
SELECT si.id, st.id,
       TIMESTAMPTZ '2026-11-01 09:00' + make_interval(days => t % 30, mins => (t * 13) % 540),
       CASE WHEN t % 4 = 0 THEN NULL ELSE 1 + (t::bigint * 104729) % 60000 END,
       (ARRAY['lieu_activite','lieu_activite','distance','domicile'])[1 + t % 4],
       (ARRAY['ordinateur','telephone','tablette','aucun'])[1 + t % 4],
       CASE WHEN t % 3 = 0 THEN ARRAY['demarches']
            ELSE ARRAY[(ARRAY['email','navigation','bureautique','materiel','securite','sante'])[1 + t % 6]] END,
       CASE WHEN t % 3 = 0 THEN ARRAY[(ARRAY['papiers','logement','argent','travail'])[1 + t % 4]] ELSE '{}' END,
       (ARRAY['resolved','resolved','referred','abandoned','in_progress'])[1 + t % 5],
       5 + (t * 17) % 90,
       (ARRAY['guidage','autonome_guidage','autonome'])[1 + t % 3],
       CASE WHEN t % 5 = 2 THEN 'aide_demarches' END,
       CASE WHEN t % 5 <> 4 THEN TIMESTAMPTZ '2026-11-01 10:00' + make_interval(days => t % 30) END
  FROM generate_series(1, 50000) t
  JOIN atelier.site si ON si.code = format('S%s', lpad((1 + t % 70)::text, 3, '0'))
  JOIN atelier.staff st ON st.login = format('agent%s', 1 + t % 210);

RESET session_replication_role;
ANALYZE;
