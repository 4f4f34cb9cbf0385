-- make demo: a month in a small library network, driven through atelier's SQL API
-- only (the C command and the XML exchange come with later issues).
\set ON_ERROR_STOP on
\pset footer off
SET client_min_messages = warning;
SET TIME ZONE 'Europe/Paris';
CREATE EXTENSION IF NOT EXISTS atelier CASCADE;
SELECT setseed(0.42) \g /dev/null

-- The host system syncs the network: 2 libraries, 24 PCs, staff, 150 people.
SELECT atelier.site_upsert('MED-CENTRE', 'Médiathèque du Centre', 'Villeneuve', 'Europe/Paris'),
       atelier.site_upsert('MED-NORD', 'Bibliothèque Nord', 'Villeneuve', 'Europe/Paris') \g /dev/null
SELECT atelier.room_upsert('MED-CENTRE', 'ESPACE-NUM', 'Espace numérique'),
       atelier.room_upsert('MED-NORD', 'SALLE-1', 'Salle d''animation') \g /dev/null
SELECT atelier.workstation_upsert(format('centre-pc%s', lpad(n::text, 2, '0')), 'MED-CENTRE',
                                  CASE WHEN n <= 12 THEN 'ESPACE-NUM' END, format('Poste %s', n))
  FROM generate_series(1, 16) n \g /dev/null
SELECT atelier.workstation_upsert(format('nord-pc%s', lpad(n::text, 2, '0')), 'MED-NORD', 'SALLE-1',
                                  format('Poste %s', n))
  FROM generate_series(1, 8) n \g /dev/null
SELECT atelier.staff_upsert('cmartin', 'Claire Martin', 'librarian', '{MED-CENTRE}'),
       atelier.staff_upsert('ybensaid', 'Yacine Bensaïd', 'facilitator', '{MED-CENTRE,MED-NORD}'),
       atelier.staff_upsert('slefevre', 'Sophie Lefèvre', 'coordinator', '{}') \g /dev/null
SELECT atelier.person_upsert(encode(sha256(convert_to('demo-secret:patron-' || n, 'UTF8')), 'hex'),
                             (ARRAY['18_24','25_39','40_59','60_69','70_plus','nc'])[1 + n % 6],
                             (ARRAY['sans_emploi','en_emploi','retraite','nc'])[1 + n % 4],
                             '750' || lpad((n % 20)::text, 2, '0'))
  FROM generate_series(1, 150) n \g /dev/null
CREATE TEMP TABLE people AS
SELECT n, encode(sha256(convert_to('demo-secret:patron-' || n, 'UTF8')), 'hex') AS key
  FROM generate_series(1, 150) n;

-- Claire, logged in at the desk, schedules a 5-session course with 8 PCs each.
SELECT atelier.staff_session_open('cmartin') AS tok \gset
SELECT atelier.workshop_add(:'tok', 'EMAIL', 'Mon adresse e-mail', 'debutant', 120, '{email}') \g /dev/null
CREATE TEMP TABLE course AS
SELECT * FROM atelier.course_schedule(:'tok', 'EMAIL', 'MED-CENTRE', 'E-mail en 5 séances',
                                      '2026-11-03 14:00+01', 8, 7, 5, NULL, 120, 'ESPACE-NUM', 'ybensaid');
SELECT count(*) AS pcs_booked
  FROM course c, atelier.book_session(:'tok', c.session_id, 8) \g /dev/null
-- Ten people for eight seats: two wait; one cancels and the first waiting gets the seat.
SELECT (atelier.enrol_course(:'tok', (SELECT min(course_id) FROM course), key)).status
  FROM people WHERE n <= 10 ORDER BY n \g /dev/null
SELECT * FROM atelier.unenrol_course(:'tok', (SELECT min(course_id) FROM course),
                                     (SELECT key FROM people WHERE n = 3)) \g /dev/null
SELECT atelier.attend(:'tok', c.session_id, r.person,
                      CASE WHEN random() < 0.85 THEN 'present' ELSE 'absent' END)
  FROM course c, atelier.session_roster(:'tok', c.session_id) r
 WHERE r.status = 'enrolled' \g /dev/null

-- A weekly permanence at the north library, scheduled by the coordinator.
SELECT atelier.staff_session_open('slefevre') AS tok2 \gset
SELECT atelier.workshop_add(:'tok', 'PERMANENCE', 'Permanence numérique', 'debutant', 180, '{demarches}') \g /dev/null
SELECT count(*) FROM atelier.series_schedule(:'tok2', 'PERMANENCE', 'MED-NORD', '2026-11-04 09:30+01',
                                             12, 7, 4, NULL, 180, 'SALLE-1') \g /dev/null

-- 80 helpdesk tickets over the month.
CREATE TEMP TABLE opened AS
SELECT atelier.ticket_open(:'tok', 'MED-CENTRE',
           CASE WHEN i % 3 = 0 THEN ARRAY['demarches'] ELSE ARRAY[(ARRAY['email','navigation','bureautique','materiel','securite','insertion_pro'])[1 + (i / 3) % 6]] END,
           (ARRAY['lieu_activite','lieu_activite','lieu_activite','distance'])[1 + i % 4],
           (ARRAY['ordinateur','telephone','ordinateur','tablette'])[1 + i % 4],
           NULL,
           CASE WHEN i % 5 = 0 THEN NULL ELSE (SELECT key FROM people WHERE n = 1 + (i * 7) % 150) END,
           10 + (i * 13) % 50, '',
           CASE WHEN i % 3 = 0 THEN ARRAY[(ARRAY['papiers','social_sante','travail','logement','argent'])[1 + i % 5]] ELSE '{}' END) AS id,
       i
  FROM generate_series(1, 80) i;
UPDATE atelier.ticket t SET opened_at = timestamptz '2026-11-02 10:00+01' + make_interval(days => o.i % 28, mins => (o.i * 37) % 420)
  FROM opened o WHERE t.id = o.id;
SELECT atelier.ticket_move(:'tok', id,
           (ARRAY['resolved','resolved','resolved','referred','abandoned'])[1 + i % 5],
           CASE WHEN i % 5 = 3 THEN 'aide_demarches' END,
           (ARRAY['guidage','autonome_guidage','autonome'])[1 + i % 3])
  FROM opened \g /dev/null

-- A month of logins on the public PCs, as pam_atelier records them.
SELECT count(*) FILTER (WHERE r = 'recorded') AS usage_events
  FROM (SELECT atelier.record_usage_event(u.start_id, 'start', u.pc, u.who, u.t0),
               atelier.record_usage_event(u.end_id, 'end', u.pc, u.who, u.t0 + u.len, u.start_id)
          FROM (SELECT md5('s' || i)::uuid AS start_id, md5('e' || i)::uuid AS end_id,
                       CASE WHEN i % 3 = 0 THEN format('nord-pc%s', lpad((1 + i % 8)::text, 2, '0'))
                            ELSE format('centre-pc%s', lpad((1 + i % 16)::text, 2, '0')) END AS pc,
                       (SELECT key FROM people WHERE n = 1 + (i * 11) % 150) AS who,
                       timestamptz '2026-11-01 09:00+01' + make_interval(days => i % 30, mins => (i * 17) % 600) AS t0,
                       make_interval(mins => 15 + (i * 7) % 100) AS len
                  FROM generate_series(1, 1200) i) u) x(a, b),
       LATERAL unnest(ARRAY[a, b]) r \g /dev/null

\echo
\echo 'Monthly figures, November 2026, whole network:'
SELECT metric_label_fr AS "Indicateur", dimension_label_fr AS "Détail", value AS "Valeur"
  FROM atelier.monthly_report('2026-11-01')
 WHERE dimension IS NULL OR value <> 0;
\o :outdir/monthly-report-2026-11.csv
COPY (SELECT * FROM atelier.monthly_report('2026-11-01')) TO STDOUT WITH (FORMAT csv, HEADER);
\o
