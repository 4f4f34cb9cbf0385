-- Enrolment: capacity, waitlist (a freed seat goes to the first person waiting, in the
-- same call), courses (one enrolment for all their sessions), attendance; the capacity
-- holds against direct writes too (trigger enrolment_capacity_guard).
SET TIME ZONE 'Europe/Paris';
SET DateStyle = 'ISO, YMD';
\set SHOW_CONTEXT never

-- Numbers shown in this file start at fixed values, whatever earlier test files created.
ALTER TABLE atelier.session ALTER COLUMN id RESTART WITH 2001;
ALTER TABLE atelier.course ALTER COLUMN id RESTART WITH 201;
ALTER TABLE atelier.enrolment ALTER COLUMN id RESTART WITH 7001;

-- People are known by a pseudonym only; here P1 ... P20 stand for them.
CREATE FUNCTION pg_temp.p(n integer) RETURNS text LANGUAGE sql IMMUTABLE
AS $$ SELECT encode(sha256(convert_to('en-person-' || n, 'UTF8')), 'hex') $$;
CREATE FUNCTION pg_temp.who(pseudonym text) RETURNS text LANGUAGE sql IMMUTABLE
AS $$ SELECT coalesce((SELECT 'P' || n FROM generate_series(1, 20) n
                        WHERE pg_temp.p(n) = pseudonym), pseudonym) $$;

-- Fixtures: a site, a librarian working there, a workshop.
SELECT atelier.site_upsert('en-main', 'Médiathèque Jean-Macé', 'Lyon');
SELECT atelier.room_upsert('en-main', 'salle', 'Salle multimédia');
SELECT atelier.staff_upsert('en-lib', 'Bibliothécaire', 'librarian', ARRAY['en-main']);
SELECT atelier.staff_session_open('en-lib') AS lib \gset
SELECT atelier.workshop_add(:'lib', 'en-bureautique', 'Premiers pas en traitement de texte',
                            'debutant', 120, ARRAY['bureautique']) IS NOT NULL AS workshop_added;

-- A single session with 3 seats, and a course of 5 weekly sessions with 8 seats.
SELECT atelier.session_schedule(:'lib', 'en-bureautique', 'en-main', '2026-11-17 10:00+01', 3,
                                p_room => 'salle') AS s \gset
SELECT course_id, session_id, course_position, starts_at
  FROM atelier.course_schedule(:'lib', 'en-bureautique', 'en-main', 'Traitement de texte en 5 séances',
                               '2026-11-18 14:00+01', 8, 7, 5, p_room => 'salle');
SELECT 201 AS c, 2002 AS c1, 2003 AS c2 \gset

-- Ten people enrol in the course: 8 get a seat, 2 wait (ranks 1 and 2).
SELECT pg_temp.who(pg_temp.p(n)) AS person, e.enrolment_id, e.status, e.waitlist_rank
  FROM generate_series(1, 10) n, LATERAL atelier.enrol_course(:'lib', :c, pg_temp.p(n)) e;
-- The course's capacity holds for every one of its sessions.
SELECT session_id, course_position, capacity, enrolled, waitlisted
  FROM atelier.session_list(:'lib', 'en-main', '2026-11-18', '2026-12-31');

-- P3 leaves: the first person waiting (P9) takes the seat in the same call; P10 moves up
-- to rank 1.
SELECT cancelled_enrolment, promoted_enrolment, pg_temp.who(promoted_person) AS promoted
  FROM atelier.unenrol_course(:'lib', :c, pg_temp.p(3));
SELECT pg_temp.who(person) AS person, status, waitlist_rank, attendance
  FROM atelier.session_roster(:'lib', :c1);

-- P11 comes: rank 2. Then P10, who waits, leaves: nobody is promoted, P11 is rank 1.
SELECT status, waitlist_rank FROM atelier.enrol_course(:'lib', :c, pg_temp.p(11));
SELECT cancelled_enrolment, promoted_enrolment, promoted_person
  FROM atelier.unenrol_course(:'lib', :c, pg_temp.p(10));
SELECT pg_temp.who(person) AS person, status, waitlist_rank
  FROM atelier.session_roster(:'lib', :c1) WHERE status = 'waitlisted';
-- P10 is no longer enrolled nor waiting: leaving again is an error.
SELECT * FROM atelier.unenrol_course(:'lib', :c, pg_temp.p(10));
\echo :LAST_ERROR_SQLSTATE

-- Enrolling twice (enrolled or waiting) is refused, in English or in French.
SELECT * FROM atelier.enrol_course(:'lib', :c, pg_temp.p(1));
\echo :LAST_ERROR_SQLSTATE
SELECT * FROM atelier.enrol_course(:'lib', :c, pg_temp.p(11));
\echo :LAST_ERROR_SQLSTATE
SET atelier.lang = 'fr';
SELECT * FROM atelier.enrol_course(:'lib', :c, pg_temp.p(1));
\echo :LAST_ERROR_SQLSTATE
RESET atelier.lang;

-- People enrol in a whole course, not in one of its sessions.
SELECT * FROM atelier.enrol(:'lib', :c2, pg_temp.p(12));
\echo :LAST_ERROR_SQLSTATE
SELECT * FROM atelier.enrol_course(:'lib', 999999, pg_temp.p(12));
\echo :LAST_ERROR_SQLSTATE
SELECT * FROM atelier.enrol(:'lib', :s, 'P12');
\echo :LAST_ERROR_SQLSTATE

-- The single session: 3 seats, then the waitlist.
SELECT pg_temp.who(pg_temp.p(n)) AS person, e.status, e.waitlist_rank
  FROM generate_series(1, 5) n, LATERAL atelier.enrol(:'lib', :s, pg_temp.p(n)) e;
-- P2 leaves: P4 gets the seat, P5 is next.
SELECT pg_temp.who(promoted_person) AS promoted FROM atelier.unenrol(:'lib', :s, pg_temp.p(2));
SELECT pg_temp.who(person) AS person, status, waitlist_rank FROM atelier.session_roster(:'lib', :s);

-- A cancelled session takes no enrolment.
SELECT atelier.session_schedule(:'lib', 'en-bureautique', 'en-main', '2026-11-19 10:00+01', 10) AS gone \gset
SELECT atelier.session_cancel(:'lib', :gone);
SELECT * FROM atelier.enrol(:'lib', :gone, pg_temp.p(1));
\echo :LAST_ERROR_SQLSTATE

-- Attendance: present, absent, excused for people enrolled (in the session or its course).
SELECT atelier.attend(:'lib', :c1, pg_temp.p(1), 'present');
SELECT atelier.attend(:'lib', :c1, pg_temp.p(2), 'absent');
SELECT atelier.attend(:'lib', :c1, pg_temp.p(4), 'excused');
SELECT atelier.attend(:'lib', :c1, pg_temp.p(9), 'present');
-- Marked again: the last mark counts.
SELECT atelier.attend(:'lib', :c1, pg_temp.p(2), 'present');
SELECT atelier.attend(:'lib', :s, pg_temp.p(1), 'present');
-- Refused: someone who left (P3), someone waiting (P11), someone never enrolled (P20),
-- a status not in the list, a cancelled session.
SELECT atelier.attend(:'lib', :c1, pg_temp.p(3), 'present');
\echo :LAST_ERROR_SQLSTATE
SELECT atelier.attend(:'lib', :c1, pg_temp.p(11), 'present');
\echo :LAST_ERROR_SQLSTATE
SELECT atelier.attend(:'lib', :c1, pg_temp.p(20), 'present');
\echo :LAST_ERROR_SQLSTATE
SELECT atelier.attend(:'lib', :c1, pg_temp.p(1), 'late');
\echo :LAST_ERROR_SQLSTATE
SELECT atelier.attend(:'lib', :gone, pg_temp.p(1), 'present');
\echo :LAST_ERROR_SQLSTATE
SELECT count(*) AS attendance_rows FROM atelier.attendance WHERE session_id IN (:c1, :s);

-- The roster of the course's first session: who is enrolled, who waits (and in what
-- rank), who came; attendance is per session (the second session has none yet).
SELECT pg_temp.who(person) AS person, status, waitlist_rank, attendance,
       enrolled_at IS NOT NULL AS dated
  FROM atelier.session_roster(:'lib', :c1);
SELECT pg_temp.who(person) AS person, status, waitlist_rank, attendance
  FROM atelier.session_roster(:'lib', :c2);
SELECT pg_temp.who(person) AS person, status, waitlist_rank, attendance
  FROM atelier.session_roster(:'lib', :s);

-- The database guards the capacity, whoever writes: the superuser can not add an
-- 'enrolled' row to the full session or course, nor move someone waiting to enrolled.
SELECT atelier.person_upsert(pg_temp.p(12));
INSERT INTO atelier.enrolment (session_id, person_id, status)
SELECT :s, p.id, 'enrolled' FROM atelier.person p WHERE p.pseudonym = pg_temp.p(12);
\echo :LAST_ERROR_SQLSTATE
INSERT INTO atelier.enrolment (course_id, person_id, status)
SELECT :c, p.id, 'enrolled' FROM atelier.person p WHERE p.pseudonym = pg_temp.p(12);
\echo :LAST_ERROR_SQLSTATE
UPDATE atelier.enrolment e SET status = 'enrolled', waitlist_position = NULL
  FROM atelier.person p
 WHERE p.id = e.person_id AND p.pseudonym = pg_temp.p(5) AND e.session_id = :s;
\echo :LAST_ERROR_SQLSTATE
UPDATE atelier.enrolment e SET status = 'enrolled', waitlist_position = NULL
  FROM atelier.person p
 WHERE p.id = e.person_id AND p.pseudonym = pg_temp.p(11) AND e.course_id = :c;
\echo :LAST_ERROR_SQLSTATE
SELECT (SELECT count(*) FROM atelier.enrolment WHERE session_id = :s AND status = 'enrolled') AS session_enrolled,
       (SELECT count(*) FROM atelier.enrolment WHERE course_id = :c AND status = 'enrolled') AS course_enrolled;

-- A capacity can not drop below the number of people enrolled; raising it is fine.
UPDATE atelier.session SET capacity = 2 WHERE id = :s;
\echo :LAST_ERROR_SQLSTATE
UPDATE atelier.course SET capacity = 7 WHERE id = :c;
\echo :LAST_ERROR_SQLSTATE
SET atelier.lang = 'fr';
UPDATE atelier.session SET capacity = 1 WHERE id = :s;
RESET atelier.lang;
UPDATE atelier.session SET capacity = 3 WHERE id = :s;
UPDATE atelier.session SET capacity = 4 WHERE id = :s;
SELECT capacity FROM atelier.session WHERE id = :s;
