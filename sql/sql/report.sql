-- The monthly report (atelier.monthly_report) against a month computed by hand.
--
-- The report for "all sites" counts everything in the database, and other test files
-- leave their own fixtures behind; so this file works in a database of its own, where
-- the only data is what it creates below, and drops it at the end.
\set regress_db :DBNAME
SET client_min_messages = warning;
DROP DATABASE IF EXISTS regress_atelier_report;
CREATE DATABASE regress_atelier_report TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C';
\c regress_atelier_report
SET client_min_messages = warning;
CREATE EXTENSION atelier CASCADE;
RESET client_min_messages;
SET TIME ZONE 'Europe/Paris';
SET DateStyle = 'ISO, YMD';
\set SHOW_CONTEXT never

---------------------------------------------------------------------------------------
-- Fixtures. Two sites: RPA in Paris (UTC+1 all of November, and on 31 October too: summer
-- time ended on 25 October 2026) and RCY in Cayenne (UTC-3, no summer time). A month is
-- each site's own calendar month: for RCY, November runs from 2026-11-01 03:00 UTC to
-- 2026-12-01 03:00 UTC.
---------------------------------------------------------------------------------------
SELECT atelier.site_upsert('RPA', 'Médiathèque de Paris', 'Paris', 'Europe/Paris');
SELECT atelier.site_upsert('RCY', 'Médiathèque de Cayenne', 'Cayenne', 'America/Cayenne');
SELECT atelier.room_upsert('RPA', 'salle-1', 'Salle 1');
SELECT atelier.room_upsert('RCY', 'salle-1', 'Salle 1');
-- RPA: 3 active PCs and one out of service; RCY: 2 PCs.
SELECT atelier.workstation_upsert('rpa-pc-01', 'RPA', 'salle-1'),
       atelier.workstation_upsert('rpa-pc-02', 'RPA', 'salle-1'),
       atelier.workstation_upsert('rpa-pc-03', 'RPA', 'salle-1'),
       atelier.workstation_upsert('rpa-pc-04', 'RPA', 'salle-1', 'en panne', false),
       atelier.workstation_upsert('rcy-pc-01', 'RCY', 'salle-1'),
       atelier.workstation_upsert('rcy-pc-02', 'RCY', 'salle-1');
SELECT atelier.staff_upsert('rep.coord', 'Coordinatrice', 'coordinator', ARRAY['RPA', 'RCY']);
SELECT atelier.staff_session_open('rep.coord') AS tok \gset

-- Pseudonyms: p* log in on PCs, w* attend workshops, q* are helped at the desk.
SELECT encode(sha256('report-p1'::bytea), 'hex') AS p1, encode(sha256('report-p2'::bytea), 'hex') AS p2,
       encode(sha256('report-p3'::bytea), 'hex') AS p3, encode(sha256('report-p4'::bytea), 'hex') AS p4,
       encode(sha256('report-p5'::bytea), 'hex') AS p5, encode(sha256('report-p6'::bytea), 'hex') AS p6,
       encode(sha256('report-p7'::bytea), 'hex') AS p7,
       encode(sha256('report-wa'::bytea), 'hex') AS wa, encode(sha256('report-wb'::bytea), 'hex') AS wb,
       encode(sha256('report-wc'::bytea), 'hex') AS wc, encode(sha256('report-wd'::bytea), 'hex') AS wd,
       encode(sha256('report-we'::bytea), 'hex') AS we, encode(sha256('report-wf'::bytea), 'hex') AS wf,
       encode(sha256('report-wg'::bytea), 'hex') AS wg,
       encode(sha256('report-q1'::bytea), 'hex') AS q1, encode(sha256('report-q2'::bytea), 'hex') AS q2,
       encode(sha256('report-q3'::bytea), 'hex') AS q3, encode(sha256('report-q4'::bytea), 'hex') AS q4,
       encode(sha256('report-q5'::bytea), 'hex') AS q5 \gset

---------------------------------------------------------------------------------------
-- PC usage, as pam_atelier sends it (start and end events).
--   U1 p1 rpa-pc-01 2026-11-10 23:00 -> 2026-11-11 01:30 Paris: 1 h on the 10th, 1.5 h on the 11th
--   U2 p2 rpa-pc-01 2026-10-31 23:00 -> 2026-11-01 00:30 Paris: 1 h in October, 0.5 h in November;
--                   a session of October (it began there)
--   U3 p3 rpa-pc-02 2026-11-30 23:30 -> 2026-12-01 00:15 Paris: 0.5 h in November (30th), 0.25 h in December
--   U4 p1 rpa-pc-02 2026-11-05 14:00 -> 16:15 Paris: 2.25 h on the 5th
--   U5 p4 rpa-pc-03 2026-11-05 14:30 Paris, no end: a session, open, no hours
--   U6 p5 rpa-pc-03 an end at 2026-11-12 10:00 whose start never came: counted nowhere
--   U7 p2 rpa-pc-03 2026-11-20 09:10 -> 10:40 Paris: 1.5 h on the 20th
--   C1 p6 rcy-pc-01 2026-10-31 21:00 -> 22:00 Cayenne (01:00-02:00 on 1 November in Paris):
--                   October in Cayenne, 1 h on 31 October
--   C2 p7 rcy-pc-01 2026-11-30 21:00 -> 22:30 Cayenne (1 December in Paris): 1.5 h on 30 November
--   C3 p1 rcy-pc-02 2026-11-10 10:00 -> 11:00 Cayenne: 1 h on the 10th (p1 also used RPA's PCs)
---------------------------------------------------------------------------------------
SELECT ev, atelier.record_usage_event(ev::uuid, kind, pc, who, at::timestamptz, start::uuid) AS outcome
  FROM (VALUES
    ('00000000-0000-0000-0000-000000000101', 'start', 'rpa-pc-01', :'p1', '2026-11-10 23:00+01', NULL),
    ('00000000-0000-0000-0000-000000000102', 'end',   'rpa-pc-01', :'p1', '2026-11-11 01:30+01', '00000000-0000-0000-0000-000000000101'),
    ('00000000-0000-0000-0000-000000000201', 'start', 'rpa-pc-01', :'p2', '2026-10-31 23:00+01', NULL),
    ('00000000-0000-0000-0000-000000000202', 'end',   'rpa-pc-01', :'p2', '2026-11-01 00:30+01', '00000000-0000-0000-0000-000000000201'),
    ('00000000-0000-0000-0000-000000000302', 'end',   'rpa-pc-02', :'p3', '2026-12-01 00:15+01', '00000000-0000-0000-0000-000000000301'),
    ('00000000-0000-0000-0000-000000000301', 'start', 'rpa-pc-02', :'p3', '2026-11-30 23:30+01', NULL),
    ('00000000-0000-0000-0000-000000000401', 'start', 'rpa-pc-02', :'p1', '2026-11-05 14:00+01', NULL),
    ('00000000-0000-0000-0000-000000000402', 'end',   'rpa-pc-02', :'p1', '2026-11-05 16:15+01', '00000000-0000-0000-0000-000000000401'),
    ('00000000-0000-0000-0000-000000000501', 'start', 'rpa-pc-03', :'p4', '2026-11-05 14:30+01', NULL),
    ('00000000-0000-0000-0000-000000000602', 'end',   'rpa-pc-03', :'p5', '2026-11-12 10:00+01', '00000000-0000-0000-0000-000000000601'),
    ('00000000-0000-0000-0000-000000000701', 'start', 'rpa-pc-03', :'p2', '2026-11-20 09:10+01', NULL),
    ('00000000-0000-0000-0000-000000000702', 'end',   'rpa-pc-03', :'p2', '2026-11-20 10:40+01', '00000000-0000-0000-0000-000000000701'),
    ('00000000-0000-0000-0000-000000000c11', 'start', 'rcy-pc-01', :'p6', '2026-10-31 21:00-03', NULL),
    ('00000000-0000-0000-0000-000000000c12', 'end',   'rcy-pc-01', :'p6', '2026-10-31 22:00-03', '00000000-0000-0000-0000-000000000c11'),
    ('00000000-0000-0000-0000-000000000c21', 'start', 'rcy-pc-01', :'p7', '2026-11-30 21:00-03', NULL),
    ('00000000-0000-0000-0000-000000000c22', 'end',   'rcy-pc-01', :'p7', '2026-11-30 22:30-03', '00000000-0000-0000-0000-000000000c21'),
    ('00000000-0000-0000-0000-000000000c31', 'start', 'rcy-pc-02', :'p1', '2026-11-10 10:00-03', NULL),
    ('00000000-0000-0000-0000-000000000c32', 'end',   'rcy-pc-02', :'p1', '2026-11-10 11:00-03', '00000000-0000-0000-0000-000000000c31')
  ) v(ev, kind, pc, who, at, start)
 ORDER BY ev;

---------------------------------------------------------------------------------------
-- Workshops.
--   RPA S0 2026-10-20 14:00 120 min, cap 5: wa enrolled, present             (October)
--   RPA S1 2026-11-03 14:00 120 min, cap 2: wa, wb enrolled, wc waitlisted; wa present, wb absent
--   RPA S2 2026-11-17 10:00  90 min, cap 3: wa, wd enrolled, we enrolled then unenrolled;
--                                           wa present, wd excused
--   RPA S3 2026-11-24 14:00  60 min, cap 4: we enrolled, then the session is cancelled
--   RPA course K, cap 2, 2 sessions of 120 min: K1 2026-11-26 10:00, K2 2026-12-03 10:00;
--                                           wb, wf enrolled, wg waitlisted; K1: wb, wf present
--   RCY R1 2026-11-30 20:00 Cayenne (1 December 00:00 in Paris), 60 min, cap 4:
--                                           wa enrolled, present
---------------------------------------------------------------------------------------
SELECT atelier.workshop_add(:'tok', 'rep-decouvrir', 'Découvrir l''ordinateur', 'debutant', 120,
                            ARRAY['materiel']) IS NOT NULL AS workshop_added;
SELECT atelier.session_schedule(:'tok', 'rep-decouvrir', 'RPA', '2026-10-20 14:00+01', 5, 120, 'salle-1') AS s0,
       atelier.session_schedule(:'tok', 'rep-decouvrir', 'RPA', '2026-11-03 14:00+01', 2, 120, 'salle-1') AS s1,
       atelier.session_schedule(:'tok', 'rep-decouvrir', 'RPA', '2026-11-17 10:00+01', 3, 90, 'salle-1') AS s2,
       atelier.session_schedule(:'tok', 'rep-decouvrir', 'RPA', '2026-11-24 14:00+01', 4, 60, 'salle-1') AS s3,
       atelier.session_schedule(:'tok', 'rep-decouvrir', 'RCY', '2026-11-30 20:00-03', 4, 60, 'salle-1') AS r1 \gset
SELECT course_id AS k, session_id AS k1
  FROM atelier.course_schedule(:'tok', 'rep-decouvrir', 'RPA', 'Parcours découverte',
                               '2026-11-26 10:00+01', 2, 7, 2, NULL, 120, 'salle-1')
 WHERE course_position = 1 \gset

SELECT 'S0 wa' AS who, status, waitlist_rank FROM atelier.enrol(:'tok', :s0, :'wa')
UNION ALL SELECT 'S1 wa', status, waitlist_rank FROM atelier.enrol(:'tok', :s1, :'wa')
UNION ALL SELECT 'S1 wb', status, waitlist_rank FROM atelier.enrol(:'tok', :s1, :'wb')
UNION ALL SELECT 'S1 wc', status, waitlist_rank FROM atelier.enrol(:'tok', :s1, :'wc')
UNION ALL SELECT 'S2 wa', status, waitlist_rank FROM atelier.enrol(:'tok', :s2, :'wa')
UNION ALL SELECT 'S2 wd', status, waitlist_rank FROM atelier.enrol(:'tok', :s2, :'wd')
UNION ALL SELECT 'S2 we', status, waitlist_rank FROM atelier.enrol(:'tok', :s2, :'we')
UNION ALL SELECT 'S3 we', status, waitlist_rank FROM atelier.enrol(:'tok', :s3, :'we')
UNION ALL SELECT 'K wb', status, waitlist_rank FROM atelier.enrol_course(:'tok', :k, :'wb')
UNION ALL SELECT 'K wf', status, waitlist_rank FROM atelier.enrol_course(:'tok', :k, :'wf')
UNION ALL SELECT 'K wg', status, waitlist_rank FROM atelier.enrol_course(:'tok', :k, :'wg')
UNION ALL SELECT 'R1 wa', status, waitlist_rank FROM atelier.enrol(:'tok', :r1, :'wa');
SELECT promoted_enrolment IS NULL AS nobody_promoted FROM atelier.unenrol(:'tok', :s2, :'we');
SELECT atelier.session_cancel(:'tok', :s3) AS pcs_freed;
SELECT atelier.attend(:'tok', :s0, :'wa', 'present'),
       atelier.attend(:'tok', :s1, :'wa', 'present'),
       atelier.attend(:'tok', :s1, :'wb', 'absent'),
       atelier.attend(:'tok', :s2, :'wa', 'present'),
       atelier.attend(:'tok', :s2, :'wd', 'excused'),
       atelier.attend(:'tok', :k1, :'wb', 'present'),
       atelier.attend(:'tok', :k1, :'wf', 'present'),
       atelier.attend(:'tok', :r1, :'wa', 'present');

---------------------------------------------------------------------------------------
-- Helpdesk tickets. A site-only theme for RCY; an equipment term that is withdrawn after
-- being used (its past count must still show).
--   no  site opened (local)       person          themes / procedures              place         equipment  min state (referral, autonomy)
--   T1  RPA  2026-11-02 10:00     q1 25_39 sans_emploi  email                      lieu_activite ordinateur  20 resolved (-, autonome)
--   T2  RPA  2026-11-02 11:00     anonymous       demarches / logement             lieu_activite telephone   35 referred (aide_demarches, guidage)
--   T3  RPA  2026-11-09 15:00     q2 60_69 retraite     demarches, navigation / papiers, argent
--                                                                                  distance      -           45 resolved (-, autonome_guidage)
--   T4  RPA  2026-11-16 09:30     q1              bureautique                      lieu_activite ordinateur  10 in_progress
--   T5  RPA  2026-11-23 14:00     q3 (no age, no status) securite                  domicile      minitel      - abandoned
--   T6  RPA  2026-11-30 23:30     anonymous       email, securite                  lieu_activite telephone   15 open
--   T7  RPA  2026-10-31 23:30     anonymous       email                            lieu_activite -           60 resolved   (October)
--   T8  RPA  2026-12-01 00:10     anonymous       email                            lieu_activite -           30 resolved   (December)
--   T9  RPA  2026-11-27 10:00     q4 18_24 scolarise    insertion_pro              autre_lieu    autre       40 referred (insertion_pro, guidage)
--   T10 RCY  2026-11-30 22:00 Cayenne (1 December in Paris)
--                                 q5 40_59 en_emploi    sante                      lieu_activite ordinateur  50 resolved (-, autonome)
--   T11 RCY  2026-10-31 22:00 Cayenne (1 November in Paris)
--                                 anonymous       email                            lieu_activite -            5 resolved   (October)
--   T12 RCY  2026-11-05 10:00     q1              email, rcy_local                 lieu_activite -           25 resolved (-, autonome)
---------------------------------------------------------------------------------------
SELECT atelier.person_upsert(:'q1', '25_39', 'sans_emploi'),
       atelier.person_upsert(:'q2', '60_69', 'retraite'),
       atelier.person_upsert(:'q3'),
       atelier.person_upsert(:'q4', '18_24', 'scolarise'),
       atelier.person_upsert(:'q5', '40_59', 'en_emploi');
SELECT atelier.term_upsert('theme', 'rcy_local', 'Thème local de Cayenne', 'Cayenne''s local theme', 'RCY', 50);
SELECT atelier.term_upsert('equipment', 'minitel', 'Minitel', 'Minitel');

-- Opens a ticket through the API, moves it to its state, then dates it (the API dates
-- it now()).
CREATE FUNCTION pg_temp.ticket(p_tok uuid, p_site text, p_at timestamptz, p_person text,
                               p_themes text[], p_procedures text[], p_place text,
                               p_equipment text, p_minutes integer, p_state text,
                               p_referral text DEFAULT NULL, p_autonomy text DEFAULT NULL)
RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    tid bigint;
BEGIN
    tid := atelier.ticket_open(p_tok, p_site, p_themes, p_place, p_equipment, NULL, p_person,
                               p_minutes, '', p_procedures);
    IF p_state <> 'open' THEN
        PERFORM atelier.ticket_move(p_tok, tid, p_state, p_referral, p_autonomy);
    END IF;
    UPDATE atelier.ticket SET opened_at = p_at WHERE id = tid;
    RETURN p_state;
END
$$;
SELECT pg_temp.ticket(:'tok', 'RPA', '2026-11-02 10:00+01', :'q1', '{email}', '{}', 'lieu_activite', 'ordinateur', 20, 'resolved', NULL, 'autonome') AS t1,
       pg_temp.ticket(:'tok', 'RPA', '2026-11-02 11:00+01', NULL, '{demarches}', '{logement}', 'lieu_activite', 'telephone', 35, 'referred', 'aide_demarches', 'guidage') AS t2,
       pg_temp.ticket(:'tok', 'RPA', '2026-11-09 15:00+01', :'q2', '{demarches,navigation}', '{papiers,argent}', 'distance', NULL, 45, 'resolved', NULL, 'autonome_guidage') AS t3,
       pg_temp.ticket(:'tok', 'RPA', '2026-11-16 09:30+01', :'q1', '{bureautique}', '{}', 'lieu_activite', 'ordinateur', 10, 'in_progress') AS t4,
       pg_temp.ticket(:'tok', 'RPA', '2026-11-23 14:00+01', :'q3', '{securite}', '{}', 'domicile', 'minitel', NULL, 'abandoned') AS t5,
       pg_temp.ticket(:'tok', 'RPA', '2026-11-30 23:30+01', NULL, '{email,securite}', '{}', 'lieu_activite', 'telephone', 15, 'open') AS t6,
       pg_temp.ticket(:'tok', 'RPA', '2026-10-31 23:30+01', NULL, '{email}', '{}', 'lieu_activite', NULL, 60, 'resolved') AS t7,
       pg_temp.ticket(:'tok', 'RPA', '2026-12-01 00:10+01', NULL, '{email}', '{}', 'lieu_activite', NULL, 30, 'resolved') AS t8,
       pg_temp.ticket(:'tok', 'RPA', '2026-11-27 10:00+01', :'q4', '{insertion_pro}', '{}', 'autre_lieu', 'autre', 40, 'referred', 'insertion_pro', 'guidage') AS t9,
       pg_temp.ticket(:'tok', 'RCY', '2026-11-30 22:00-03', :'q5', '{sante}', '{}', 'lieu_activite', 'ordinateur', 50, 'resolved', NULL, 'autonome') AS t10,
       pg_temp.ticket(:'tok', 'RCY', '2026-10-31 22:00-03', NULL, '{email}', '{}', 'lieu_activite', NULL, 5, 'resolved') AS t11,
       pg_temp.ticket(:'tok', 'RCY', '2026-11-05 10:00-03', :'q1', '{email,rcy_local}', '{}', 'lieu_activite', NULL, 25, 'resolved', NULL, 'autonome') AS t12;
-- The Minitel is withdrawn from the list: no new ticket may use it, past ones still count.
SELECT atelier.term_upsert('equipment', 'minitel', 'Minitel', 'Minitel', NULL, 100, false);

---------------------------------------------------------------------------------------
-- November 2026 at RPA, by hand (rows with value 0 are left out of this listing):
--   workstations            3          rpa-pc-01..03 (rpa-pc-04 is out of service)
--   usage_sessions          5          U1 U3 U4 U5 U7 (U2 began in October, U6 has no start)
--   usage_hours          7.25          U1 2.5 + U2 0.5 + U3 0.5 + U4 2.25 + U7 1.5 (U5: no end, no hours)
--   usage_users             4          p1 (U1, U4) p3 p4 p2
--   usage_open_sessions     1          U5
--   usage_hours_by_day     01 0.50 (U2)  05 2.25 (U4)  10 1.00 (U1)  11 1.50 (U1)
--                          20 1.50 (U7)  30 0.50 (U3); the 24 other days 0      sum 7.25
--   usage_sessions_by_hour 09 1 (U7)  14 2 (U4 U5)  23 2 (U1 U3)                sum 5
--   workshop_sessions       3          S1 S2 K1 (S3 cancelled, K2 in December, S0 in October)
--   workshop_hours        5.50         2 + 1.5 + 2
--   workshop_cancelled      1          S3
--   enrolled                6          S1 wa wb, S2 wa wd, K1 wb wf (we cancelled in S2; S3 cancelled)
--   waitlisted              2          S1 wc, K1 wg
--   attendance             present 4 (S1 wa, S2 wa, K1 wb wf)  absent 1 (S1 wb)  excused 1 (S2 wd)
--   people_trained          3          wa wb wf
--   tickets                 7          T1 T2 T3 T4 T5 T6 T9 (T7 October, T8 December)
--   tickets_anonymous       2          T2 T6
--   people_helped           4          q1 (T1 T4) q2 q3 q4
--   tickets_by_theme       email 2 (T1 T6)  navigation 1 (T3)  bureautique 1 (T4)  insertion_pro 1 (T9)
--                          securite 2 (T5 T6)  demarches 2 (T2 T3); rcy_local is RCY's, not listed
--   tickets_by_procedure   papiers 1 (T3)  logement 1 (T2)  argent 1 (T3)
--   tickets_by_state       open 1 (T6)  in_progress 1 (T4)  resolved 2 (T1 T3)  referred 2 (T2 T9)
--                          abandoned 1 (T5)
--   tickets_by_place       lieu_activite 4 (T1 T2 T4 T6)  domicile 1 (T5)  distance 1 (T3)
--                          autre_lieu 1 (T9)
--   tickets_by_equipment   ordinateur 2 (T1 T4)  telephone 2 (T2 T6)  autre 1 (T9)
--                          minitel 1 (T5, withdrawn term); T3 has none
--   tickets_by_autonomy    guidage 2 (T2 T9)  autonome_guidage 1 (T3)  autonome 1 (T1)
--   referrals              insertion_pro 1 (T9)  aide_demarches 1 (T2)
--   ticket_minutes_total  165          20 + 35 + 45 + 10 + 15 + 40 (T5: not given)
--   ticket_minutes_median 27.5         10 15 20 | 35 40 45: six values, (20 + 35) / 2
--   people_by_age          18_24 1 (q4)  25_39 1 (q1)  60_69 1 (q2)  nc 1 (q3)
--   people_by_status       scolarise 1 (q4)  sans_emploi 1 (q1)  retraite 1 (q2)  nc 1 (q3)
---------------------------------------------------------------------------------------

-- These figures are checked as they are: p_min_count 1 hides no small count (the hiding
-- of small counts of people is tested at the end of this file).  No role may ask for a
-- threshold below the network's (see the end of this file), and the network's own can
-- not be set below 2: the test's superuser writes 1 into the table directly, so that the
-- figures, and the rule for every threshold, can be checked against counts of 1.
INSERT INTO atelier.setting_value (key, value) VALUES ('report_min_count', 1);

-- The reporter role: a login role member of atelier_reporter.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'regress_atelier_rep') THEN
        CREATE ROLE regress_atelier_rep LOGIN;
    END IF;
    IF NOT pg_has_role('regress_atelier_rep', 'atelier_reporter', 'MEMBER') THEN
        GRANT atelier_reporter TO regress_atelier_rep;
    END IF;
END
$$;
SET ROLE regress_atelier_rep;
SELECT metric, dimension, value
  FROM atelier.monthly_report('2026-11-01', 'RPA', 1) WHERE value <> 0;
-- The reporter reads figures, not the tables behind them.
SELECT count(*) FROM atelier.ticket;
RESET ROLE;

-- Labels come with every row, in French and English (any day names its month).
SELECT metric_label_fr, metric_label_en, dimension, dimension_label_fr, dimension_label_en, value
  FROM atelier.monthly_report('2026-11-15', 'RPA', 1)
 WHERE metric IN ('usage_hours', 'tickets_by_equipment', 'people_by_age') AND value <> 0;

-- Every figure is there, zeros included: per metric, how many rows and their sum.
--   workstations .. usage_open_sessions, workshop_* .. waitlisted, people_trained .. people_helped,
--   ticket_minutes_*: one row each
--   usage_hours_by_day 30 rows (the days of November), sum 7.25; usage_sessions_by_hour 24 rows, sum 5
--   one row per active term of the list, for the network and RPA: theme 19 (sum 9), procedure 11 (3),
--   ticket_state 5 (7), place 4 (7), equipment 5 + the withdrawn minitel = 6 (6), autonomy 3 (4),
--   referral 7 (2), attendance 3 (6), age_bracket 8 (4), social_status 5 (4)
SELECT metric, count(*) AS rows, sum(value) AS total
  FROM (SELECT row_number() OVER () AS n, * FROM atelier.monthly_report('2026-11-01', 'RPA', 1)) r
 GROUP BY metric ORDER BY min(n);

---------------------------------------------------------------------------------------
-- November 2026 at RCY, by hand, in Cayenne time:
--   workstations 2; usage_sessions 2 (C2 C3; C1 is October in Cayenne); usage_hours 2.50 (1.5 + 1);
--   usage_users 2 (p7 p1); usage_open_sessions 0
--   usage_hours_by_day 10 1.00 (C3)  30 1.50 (C2)
--   usage_sessions_by_hour 10 1 (C3)  21 1 (C2)
--   workshop_sessions 1 (R1, on 30 November in Cayenne); workshop_hours 1.00; enrolled 1 (wa);
--   attendance present 1; people_trained 1
--   tickets 2 (T10 T12; T11 is October in Cayenne); tickets_anonymous 0; people_helped 2 (q5 q1)
--   tickets_by_theme email 1, sante 1, rcy_local 1; tickets_by_state resolved 2;
--   tickets_by_place lieu_activite 2; tickets_by_equipment ordinateur 1; tickets_by_autonomy autonome 2
--   ticket_minutes_total 75; ticket_minutes_median 37.5 ((25 + 50) / 2)
--   people_by_age 25_39 1 (q1), 40_59 1 (q5); people_by_status sans_emploi 1 (q1), en_emploi 1 (q5)
---------------------------------------------------------------------------------------
SELECT metric, dimension, value
  FROM atelier.monthly_report('2026-11-01', 'RCY', 1) WHERE value <> 0;

---------------------------------------------------------------------------------------
-- November 2026 for the whole network, by hand: each site's own November, added up, with
-- people counted once even when seen at both sites.
--   workstations 5; usage_sessions 7; usage_hours 9.75 (7.25 + 2.5);
--   usage_users 5 (p1 p2 p3 p4 at RPA, p7 p1 at RCY); usage_open_sessions 1
--   usage_hours_by_day 01 0.50  05 2.25  10 2.00 (U1 1 + C3 1)  11 1.50  20 1.50
--                      30 2.00 (U3 0.5 + C2 1.5)                        sum 9.75
--   usage_sessions_by_hour 09 1  10 1  14 2  21 1  23 2                 sum 7
--   workshop_sessions 4; workshop_hours 6.50; workshop_cancelled 1; enrolled 7; waitlisted 2
--   attendance present 5, absent 1, excused 1; people_trained 3 (wa wb wf: wa trained at both sites)
--   tickets 9; tickets_anonymous 2; people_helped 5 (q1..q5: q1 helped at both sites)
--   tickets_by_theme email 3, navigation 1, bureautique 1, sante 1, insertion_pro 1, securite 2,
--                    demarches 2, rcy_local 1
--   tickets_by_procedure papiers 1, logement 1, argent 1
--   tickets_by_state open 1, in_progress 1, resolved 4, referred 2, abandoned 1
--   tickets_by_place lieu_activite 6, domicile 1, distance 1, autre_lieu 1
--   tickets_by_equipment ordinateur 3, telephone 2, autre 1, minitel 1
--   tickets_by_autonomy guidage 2, autonome_guidage 1, autonome 3
--   referrals insertion_pro 1, aide_demarches 1
--   ticket_minutes_total 240; ticket_minutes_median 30 (10 15 20 25 | 35 40 45 50: (25 + 35) / 2)
--   people_by_age 18_24 1, 25_39 1, 40_59 1, 60_69 1, nc 1
--   people_by_status scolarise 1, sans_emploi 1, en_emploi 1, retraite 1, nc 1
---------------------------------------------------------------------------------------
SELECT metric, dimension, value
  FROM atelier.monthly_report('2026-11-01', NULL, 1) WHERE value <> 0;

---------------------------------------------------------------------------------------
-- October 2026: the other halves of the sessions across the month's edge.
--   RPA: workstations 3; usage_sessions 1 (U2); usage_hours 1.00 (U2 until midnight);
--        usage_users 1; by_day 31 1.00; by_hour 23 1;
--        workshop_sessions 1 (S0), workshop_hours 2.00, enrolled 1, present 1, people_trained 1;
--        tickets 1 (T7), anonymous 1, theme email 1, state resolved 1, place lieu_activite 1,
--        minutes 60, median 60
--   RCY: workstations 2; usage_sessions 1 (C1); usage_hours 1.00; usage_users 1; by_day 31 1.00;
--        by_hour 21 1; tickets 1 (T11), anonymous 1, email 1, resolved 1, lieu_activite 1,
--        minutes 5, median 5
---------------------------------------------------------------------------------------
SELECT metric, dimension, value
  FROM atelier.monthly_report('2026-10-01', 'RPA', 1) WHERE value <> 0;
SELECT metric, dimension, value
  FROM atelier.monthly_report('2026-10-01', 'RCY', 1) WHERE value <> 0;

-- December 2026 at RPA, by hand: usage_sessions 0 (U3 began in November, so it is not
-- listed), usage_hours 0.25 and by_day 01 0.25 (the rest of U3); workshop_sessions 1 (K2),
-- enrolled 2 (wb wf, the course's), waitlisted 1 (wg); tickets 1 (T8).
SELECT metric, dimension, value
  FROM atelier.monthly_report('2026-12-01', 'RPA', 1)
 WHERE value <> 0 AND metric IN ('usage_sessions', 'usage_hours', 'usage_hours_by_day',
                                 'workshop_sessions', 'enrolled', 'waitlisted', 'tickets');

---------------------------------------------------------------------------------------
-- PC times the report does not believe.  No session counts for more than
-- usage_max_session_hours (24): record_usage_event clips a longer one, and the report
-- clips any row stored before that rule.  September 2026 at RPA:
--   S1 p1 rpa-pc-01 09-20 08:00 -> 09-21 14:00 Paris, sent through the API: 30 h, clipped
--      to 24 h: 16 h on the 20th, 8 h on the 21st
--   L1 p2 rpa-pc-02 09-10 10:00 Paris -> the year 294276 (a row from before the rule):
--      24 h: 14 h on the 10th, 10 h on the 11th; nothing in October (it once made 744 h)
--   L2 p3 rpa-pc-03 09-25 12:00 -> 09-25 11:00 Paris (an end before its start, from
--      before the rule): no hours
-- So September: usage_sessions 3, usage_hours 48; October unchanged (1.00, U2).
---------------------------------------------------------------------------------------
SELECT atelier.record_usage_event('00000000-0000-0000-0000-000000000901', 'start', 'rpa-pc-01', :'p1',
                                  '2026-09-20 08:00+02'),
       atelier.record_usage_event('00000000-0000-0000-0000-000000000902', 'end', 'rpa-pc-01', :'p1',
                                  '2026-09-21 14:00+02', '00000000-0000-0000-0000-000000000901');
INSERT INTO atelier.usage_session (workstation_id, login_key, start_event, end_event, started_at, ended_at)
SELECT w.id, v.who, v.s::uuid, v.e::uuid, v.started::timestamptz, v.ended::timestamptz
  FROM (VALUES ('rpa-pc-02', :'p2', '00000000-0000-0000-0000-000000000911',
                '00000000-0000-0000-0000-000000000912', '2026-09-10 10:00+02', '294276-01-01 00:00+00'),
               ('rpa-pc-03', :'p3', '00000000-0000-0000-0000-000000000921',
                '00000000-0000-0000-0000-000000000922', '2026-09-25 12:00+02', '2026-09-25 11:00+02'))
       v(pc, who, s, e, started, ended)
  JOIN atelier.workstation w ON w.hostname = v.pc;
SELECT metric, dimension, value
  FROM atelier.monthly_report('2026-09-01', 'RPA')
 WHERE value <> 0 AND metric IN ('usage_sessions', 'usage_hours', 'usage_hours_by_day');
SELECT metric, dimension, value
  FROM atelier.monthly_report('2026-10-01', 'RPA')
 WHERE value <> 0 AND metric IN ('usage_hours', 'usage_hours_by_day');

-- A month with nothing in it, whole network: every figure is there and 0, except
-- workstations 5 (the PCs in service now) and the median of no ticket, which is unknown
-- (NULL); one row per day of June (30), per hour (24), per active term of the network and
-- of any site: theme 19 + rcy_local = 20, equipment 5 (the withdrawn minitel counted
-- nothing this month), the other lists as above.
SELECT metric, count(*) AS rows, sum(value) AS total, count(value) AS not_null
  FROM (SELECT row_number() OVER () AS n, * FROM atelier.monthly_report('2026-06-01', NULL, 1)) r
 GROUP BY metric ORDER BY min(n);

---------------------------------------------------------------------------------------
-- Small counts of people are hidden.  January 2027 at RPA: 30 people j01..j30 and 40
-- tickets (one each, and a second one for j01..j10).
--   people:  age     25_39 j01-j12 (12)  40_59 j13-j24 (12)  60_69 j25-j27 (3)  70_plus j28-j30 (3)
--            status  sans_emploi j01-j14 (14)  en_emploi j15-j25 (11)  retraite j26-j28 (3)
--                    scolarise j29 (1)  nc j30 (1)
--   tickets n = 1..40 for j((n - 1) % 30 + 1), all open, 10 minutes:
--            place   lieu_activite n 1-17 (17)  distance n 18-28 (11)  autre_lieu n 29-39 (11)
--                    domicile n 40 (1)
--            themes  sante n 1, demarches with the procedure justice n 2, email the other 38
---------------------------------------------------------------------------------------
SELECT count(*) AS people_added
  FROM generate_series(1, 30) i,
       atelier.person_upsert(encode(sha256(('report-j' || i)::bytea), 'hex'),
                             CASE WHEN i <= 12 THEN '25_39' WHEN i <= 24 THEN '40_59'
                                  WHEN i <= 27 THEN '60_69' ELSE '70_plus' END,
                             CASE WHEN i <= 14 THEN 'sans_emploi' WHEN i <= 25 THEN 'en_emploi'
                                  WHEN i <= 28 THEN 'retraite' WHEN i = 29 THEN 'scolarise' END);
SELECT count(*) AS tickets_added
  FROM generate_series(1, 40) n,
       pg_temp.ticket(:'tok', 'RPA', '2027-01-04 10:00+01'::timestamptz + (n % 20) * INTERVAL '1 day',
                      encode(sha256(('report-j' || ((n - 1) % 30 + 1))::bytea), 'hex'),
                      CASE n WHEN 1 THEN '{sante}' WHEN 2 THEN '{demarches}' ELSE '{email}' END::text[],
                      CASE n WHEN 2 THEN '{justice}' ELSE '{}' END::text[],
                      CASE WHEN n <= 17 THEN 'lieu_activite' WHEN n <= 28 THEN 'distance'
                           WHEN n <= 39 THEN 'autre_lieu' ELSE 'domicile' END,
                      NULL, 10, 'open');

-- With the default threshold, 11, by hand (a hidden cell has no value):
--   people_helped 30 and tickets 40: totals, shown.
--   people_by_age: 60_69 3 and 70_plus 3 are below 11: hidden.  Two cells that are not
--     both 1 nor both 10: their sum (30 - 24 = 6) pins neither down; nothing more hidden.
--   people_by_status: scolarise 1, retraite 3, nc 1 hidden (sum 5, not all 1): nothing more.
--   tickets_by_place: domicile 1 is alone below 11 and no place has 0, so the smallest other
--     counts are hidden too ("secondary"): distance 11 first (before autre_lieu 11 in the
--     list).  domicile 1 + distance 11 = 40 - 28 = 12 would still give domicile = 1, since
--     a hidden other count is at least 11; so would the two 11s with 23; so lieu_activite
--     17 goes too: every place is hidden.
--   tickets_by_procedure: justice 1 alone; the list's first 0, papiers, is hidden with it.
--   referrals: all 0, nothing hidden.  tickets_by_theme (sante 1, demarches 1): shown, a
--     theme describes the help, not the person.
SET ROLE regress_atelier_rep;
SELECT metric, dimension, value, suppressed
  FROM atelier.monthly_report('2027-01-01', 'RPA', 11)
 WHERE metric IN ('tickets', 'people_helped', 'people_by_age', 'people_by_status', 'tickets_by_place')
    OR (metric IN ('tickets_by_procedure', 'tickets_by_theme', 'referrals')
        AND (value <> 0 OR suppressed IS NOT NULL));
RESET ROLE;

-- Threshold 2 (only 1s are small), by hand:
--   people_by_age: nothing below 2.
--   people_by_status: scolarise 1 and nc 1 are both 1 (their sum 2 would give them back) and
--     no status has 0: the smallest other count, retraite 3, is hidden too.
--   tickets_by_place: domicile 1 alone, no 0: distance 11 hidden too (secondary).
SELECT metric, dimension, value, suppressed
  FROM atelier.monthly_report('2027-01-01', 'RPA', 2)
 WHERE metric IN ('people_by_age', 'people_by_status', 'tickets_by_place');

-- Threshold 4: 60_69 3 and 70_plus 3 are both 3, the most a hidden count can be, so their
-- sum 6 would give them back: the first 0 of the list, moins_12, is hidden too.
SELECT metric, dimension, value, suppressed
  FROM atelier.monthly_report('2027-01-01', 'RPA', 4)
 WHERE metric = 'people_by_age';

-- November 2026 at RPA with threshold 11: every count of people is below 11.
--   people_by_age 18_24 25_39 60_69 nc (all 1) + moins_12 (first 0): 5 hidden
--   people_by_status scolarise sans_emploi retraite nc (all 1) + en_emploi (first 0): 5
--   tickets_by_place 4 1 1 1: all 4 (not all 1 nor all 10: nothing more)
--   tickets_by_procedure papiers logement argent (all 1) + famille (first 0): 4
--   referrals insertion_pro aide_demarches (all 1) + administration (first 0): 3
SELECT metric, count(*) FILTER (WHERE suppressed IS NOT NULL) AS hidden,
       string_agg(dimension, ' ' ORDER BY dimension) FILTER (WHERE suppressed IS NOT NULL) AS which
  FROM atelier.monthly_report('2026-11-01', 'RPA', 11)
 WHERE metric IN ('people_by_age', 'people_by_status', 'tickets_by_place', 'tickets_by_procedure',
                  'referrals', 'tickets_by_theme', 'tickets_by_state', 'attendance')
 GROUP BY metric ORDER BY metric;

-- Threshold 1 hides nothing.
SELECT count(*) FILTER (WHERE suppressed IS NOT NULL) AS hidden
  FROM atelier.monthly_report('2027-01-01', 'RPA', 1);

-- The rules hold for every threshold from 1 to 15, for each site and the network, in
-- November 2026 and January 2027, against the figures as they are (threshold 1):
--   a hidden cell has no value, and is in a breakdown of people;
--   below_threshold hides a count below the threshold (0 included), secondary one at or
--   above it; a count of people shown is 0 or at least the threshold;
--   no breakdown has exactly one hidden cell;
--   no hidden count can be worked out from the total (the breakdown's sum) while a cell
--   was left to hide: the hidden counts below the threshold all 1 with no 0 hidden and
--   only other counts of exactly the threshold hidden with them, or all threshold - 1
--   with no 0 or other count hidden with them.
WITH runs AS (
    SELECT m::date AS month, s AS site, t
      FROM unnest(ARRAY['2026-11-01', '2027-01-01']) m,
           unnest(ARRAY['RPA', 'RCY', NULL]) s,
           generate_series(1, 15) t
), cells AS (
    SELECT r.t, r.month, r.site, x.metric, x.dimension, x.value, x.suppressed, raw.value AS raw
      FROM runs r
      CROSS JOIN LATERAL atelier.monthly_report(r.month, r.site, r.t) x
      JOIN LATERAL atelier.monthly_report(r.month, r.site, 1) raw
        ON raw.metric = x.metric AND raw.dimension IS NOT DISTINCT FROM x.dimension
), people AS (
    SELECT * FROM cells
     WHERE metric IN ('people_by_age', 'people_by_status', 'tickets_by_place',
                      'tickets_by_procedure', 'referrals')
), breakdowns AS (
    SELECT t, month, site, metric,
           count(*) FILTER (WHERE suppressed IS NOT NULL) AS hidden,
           bool_and(raw = 1) FILTER (WHERE suppressed = 'below_threshold' AND raw > 0) AS small_all_one,
           bool_and(raw = t - 1) FILTER (WHERE suppressed = 'below_threshold' AND raw > 0) AS small_all_max,
           count(*) FILTER (WHERE suppressed IS NOT NULL AND raw = 0) AS zeros_hidden,
           count(*) FILTER (WHERE suppressed = 'secondary') AS secondary,
           COALESCE(bool_and(raw = t) FILTER (WHERE suppressed = 'secondary'), true) AS secondary_all_at_t,
           count(*) FILTER (WHERE suppressed IS NULL AND (raw = 0 OR raw >= t)) AS left_to_hide
      FROM people GROUP BY t, month, site, metric
)
SELECT (SELECT count(*) FROM cells WHERE suppressed IS NOT NULL) AS cells_hidden,
       (SELECT count(*) FROM cells WHERE suppressed IS NOT NULL AND value IS NOT NULL) AS hidden_with_a_value,
       (SELECT count(*) FROM cells WHERE suppressed IS NOT NULL
                                     AND metric NOT IN (SELECT metric FROM people)) AS hidden_elsewhere,
       (SELECT count(*) FROM people WHERE suppressed = 'below_threshold' AND raw >= t) AS below_not_below,
       (SELECT count(*) FROM people WHERE suppressed = 'secondary' AND raw < t) AS secondary_below,
       (SELECT count(*) FROM people WHERE suppressed IS NULL AND raw > 0 AND raw < t) AS small_shown,
       (SELECT count(*) FROM breakdowns WHERE hidden = 1) AS hidden_alone,
       (SELECT count(*) FROM breakdowns
         WHERE hidden > 0 AND zeros_hidden = 0 AND left_to_hide > 0
           AND ((small_all_one AND secondary_all_at_t) OR (small_all_max AND secondary = 0))) AS pinned_down;

-- What the rule cannot help: every count of a breakdown hidden, none 0, all equal.  In
-- November 2026, the network helped 5 people, one of each status: the five cells are
-- hidden, but people_helped 5 still tells that each is 1.  atelier leaves that case (a
-- breakdown with no 0 whose every cell is the same small count) rather than hide the
-- month's totals (tickets, the sum of tickets_by_place, is also that of tickets_by_state).
SELECT dimension, value, suppressed
  FROM atelier.monthly_report('2026-11-01', NULL, 11) WHERE metric = 'people_by_status';

-- The network's threshold (the setting report_min_count, 11 as shipped) is the lowest a
-- caller may ask for: the reporter can hide more, never less.  Back to the shipped one.
DELETE FROM atelier.setting_value WHERE key = 'report_min_count';
SET ROLE regress_atelier_rep;
SELECT atelier.report_min_count();
-- No threshold, or NULL: the network's.  November 2026 at RPA, as with 11 above.
SELECT count(*) FILTER (WHERE suppressed IS NOT NULL) AS hidden
  FROM atelier.monthly_report('2026-11-01', 'RPA');
SELECT count(*) FILTER (WHERE suppressed IS NOT NULL) AS hidden
  FROM atelier.monthly_report('2026-11-01', 'RPA', NULL);
-- Higher: more hidden (January 2027 at RPA: 11 cells at threshold 11, 14 at 15).
SELECT count(*) FILTER (WHERE suppressed IS NOT NULL) AS hidden
  FROM atelier.monthly_report('2027-01-01', 'RPA', 11);
SELECT count(*) FILTER (WHERE suppressed IS NOT NULL) AS hidden
  FROM atelier.monthly_report('2027-01-01', 'RPA', 15);
-- Lower: refused (ATX06), in English and in French, saying the lowest allowed.
SELECT count(*) FROM atelier.monthly_report('2026-11-01', 'RPA', 1);
\echo SQLSTATE :SQLSTATE
SELECT count(*) FROM atelier.monthly_report('2026-11-01', 'RPA', 10);
\echo SQLSTATE :SQLSTATE
SET atelier.lang = 'fr';
SELECT count(*) FROM atelier.monthly_report('2026-11-01', 'RPA', 0);
RESET atelier.lang;
RESET ROLE;
-- A network that lowers its threshold to 5 (within the setting's bounds, 2 to 1000):
-- 5 is then allowed and the default, 4 is not.
SELECT atelier.setting_set('report_min_count', 5);
SET ROLE regress_atelier_rep;
SELECT atelier.report_min_count();
SELECT count(*) FILTER (WHERE suppressed IS NOT NULL) AS hidden
  FROM atelier.monthly_report('2026-11-01', 'RPA') WHERE metric = 'people_by_status';
SELECT count(*) FROM atelier.monthly_report('2026-11-01', 'RPA', 4);
\echo SQLSTATE :SQLSTATE
-- The reporter can not change it.
SELECT atelier.setting_set('report_min_count', 2);
\echo SQLSTATE :SQLSTATE
RESET ROLE;
DELETE FROM atelier.setting_value WHERE key = 'report_min_count';

-- Errors: an unknown site (ATN01), no month (ATU01).
SET ROLE regress_atelier_rep;
SELECT count(*) FROM atelier.monthly_report('2026-11-01', 'NOPE');
\echo SQLSTATE :SQLSTATE
SELECT count(*) FROM atelier.monthly_report(NULL, 'RPA');
\echo SQLSTATE :SQLSTATE
RESET ROLE;

\c :regress_db
DROP DATABASE regress_atelier_report WITH (FORCE);
DROP ROLE regress_atelier_rep;
