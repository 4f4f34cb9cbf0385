-- Booking PCs: for a session (N PCs picked, or named ones; all or nothing) or for one
-- person; conflicts are clear errors naming what is in the way, and the database itself
-- (exclusion constraint booking_no_overlap) refuses any double booking, whoever writes.
SET TIME ZONE 'Europe/Paris';
SET DateStyle = 'ISO, YMD';
\set SHOW_CONTEXT never

-- Numbers shown in this file (sessions, bookings, series, courses) start at fixed values,
-- whatever earlier test files created.
ALTER TABLE atelier.session ALTER COLUMN id RESTART WITH 1001;
ALTER TABLE atelier.booking ALTER COLUMN id RESTART WITH 5001;
ALTER TABLE atelier.series ALTER COLUMN id RESTART WITH 301;
ALTER TABLE atelier.course ALTER COLUMN id RESTART WITH 101;

-- Fixtures: the main library has a digital room with 8 PCs, 2 PCs at the reception desk
-- (no room) and one PC out of service; the annexe has 2 PCs.
SELECT atelier.site_upsert('bk-main', 'Médiathèque centrale', 'Villeurbanne');
SELECT atelier.site_upsert('bk-annexe', 'Bibliothèque annexe', 'Villeurbanne');
SELECT atelier.room_upsert('bk-main', 'salle-num', 'Salle numérique');
SELECT atelier.room_upsert('bk-main', 'auditorium', 'Auditorium');
SELECT atelier.workstation_upsert(format('bk-salle-%s', lpad(i::text, 2, '0')), 'bk-main',
                                  'salle-num', format('Salle numérique, poste %s', i)) AS pc
  FROM generate_series(1, 8) i;
SELECT atelier.workstation_upsert('bk-accueil-1', 'bk-main', NULL, 'Accueil 1');
SELECT atelier.workstation_upsert('bk-accueil-2', 'bk-main', NULL, 'Accueil 2');
SELECT atelier.workstation_upsert('bk-salle-09', 'bk-main', 'salle-num', 'En panne', false);
SELECT atelier.workstation_upsert('bk-annexe-1', 'bk-annexe');
SELECT atelier.workstation_upsert('bk-annexe-2', 'bk-annexe');
SELECT atelier.staff_upsert('bk-lib', 'Bibliothécaire du centre', 'librarian', ARRAY['bk-main']);
SELECT atelier.staff_session_open('bk-lib') AS lib \gset
SELECT atelier.workshop_add(:'lib', 'bk-email', 'Créer son adresse e-mail', 'debutant', 120,
                            ARRAY['email']) IS NOT NULL AS workshop_added;

-- A session in the digital room, Tuesday 10 November 2026, 14:00-16:00.
SELECT atelier.session_schedule(:'lib', 'bk-email', 'bk-main', '2026-11-10 14:00+01', 8,
                                p_room => 'salle-num') AS s1 \gset
SELECT session_id, workshop, site, room, starts_at, ends_at, capacity, booked_pcs, status
  FROM atelier.session_list(:'lib', 'bk-main', '2026-11-10', '2026-11-11');

-- --pcs 3: the PCs of the session's room come first (the reception PCs sort before them
-- by name, yet are not taken); the answer names the PCs taken.
SELECT * FROM atelier.book_session(:'lib', :s1, 3);
SELECT * FROM atelier.session_bookings(:'lib', :s1);

-- A second session, 15:00-17:00 (overlapping, no room), books two PCs by name.
SELECT atelier.session_schedule(:'lib', 'bk-email', 'bk-main', '2026-11-10 15:00+01', 6,
                                p_partner => 'France Travail') AS s2 \gset
SELECT * FROM atelier.book_session(:'lib', :s2, NULL, ARRAY['bk-accueil-1', 'BK-Salle-05']);

-- The same PC for overlapping times: a clear conflict naming the PC, the local times and
-- the booking in the way.
SELECT * FROM atelier.book_session(:'lib', :s2, NULL, ARRAY['bk-salle-02']);
\echo :LAST_ERROR_SQLSTATE
-- The times are the site's local times, whatever the client's time zone.
SET TIME ZONE 'UTC';
SELECT * FROM atelier.book_session(:'lib', :s2, NULL, ARRAY['bk-salle-01']);
SET TIME ZONE 'Europe/Paris';

-- All or nothing: three named PCs, the third one taken: none of the three is booked.
SELECT * FROM atelier.book_session(:'lib', :s2, NULL, ARRAY['bk-salle-06', 'bk-salle-07', 'bk-salle-03']);
\echo :LAST_ERROR_SQLSTATE
SELECT * FROM atelier.session_bookings(:'lib', :s2);
SELECT count(*) AS live_bookings_of_salle_06_07
  FROM atelier.booking b JOIN atelier.workstation w ON w.id = b.workstation_id
 WHERE w.hostname IN ('bk-salle-06', 'bk-salle-07') AND b.cancelled_at IS NULL;

-- N PCs when fewer are free: 10 active PCs, 5 taken at that time (3 + 2).
SELECT * FROM atelier.book_session(:'lib', :s2, 6);
\echo :LAST_ERROR_SQLSTATE
SELECT count(*) AS bookings_of_s2 FROM atelier.booking WHERE session_id = :s2 AND cancelled_at IS NULL;
-- Exactly the 5 free ones: the out-of-service PC is never picked.
SELECT * FROM atelier.book_session(:'lib', :s2, 5);
SELECT * FROM atelier.book_session(:'lib', :s2, 1);
\echo :LAST_ERROR_SQLSTATE

-- Adjacent sessions share a PC and a room: 14:00-16:00, then 16:00-18:00.
SELECT atelier.session_schedule(:'lib', 'bk-email', 'bk-main', '2026-11-10 16:00+01', 8,
                                p_room => 'salle-num') AS s3 \gset
SELECT * FROM atelier.book_session(:'lib', :s3, NULL, ARRAY['bk-salle-01']);

-- One person books a PC of the room, 17:00-18:00 (the first session holds it until 16:00).
SELECT atelier.book_person(:'lib', 'bk-salle-02', repeat('a', 64),
                           '2026-11-10 17:00+01', '2026-11-10 18:00+01') AS person_booking \gset
\echo :person_booking
-- The session 16:00-18:00 can not have that PC: the booking in the way is for one person.
SELECT * FROM atelier.book_session(:'lib', :s3, NULL, ARRAY['bk-salle-02']);
\echo :LAST_ERROR_SQLSTATE
-- Nor can another person have a PC the session holds.
SELECT atelier.book_person(:'lib', 'bk-salle-01', repeat('b', 64),
                           '2026-11-10 17:30+01', '2026-11-10 18:30+01');
\echo :LAST_ERROR_SQLSTATE
-- Once the person's booking is cancelled, the PC is free for the session.
SELECT atelier.booking_cancel(:'lib', :person_booking);
SELECT * FROM atelier.book_session(:'lib', :s3, NULL, ARRAY['bk-salle-02']);
SELECT * FROM atelier.session_bookings(:'lib', :s3);
-- A booking is cancelled once.
SELECT atelier.booking_cancel(:'lib', :person_booking);
\echo :LAST_ERROR_SQLSTATE

-- Cancelling a session frees its PCs: the first session's three PCs are free again.
SELECT atelier.book_person(:'lib', 'bk-salle-03', repeat('b', 64),
                           '2026-11-10 14:30+01', '2026-11-10 15:00+01');
\echo :LAST_ERROR_SQLSTATE
SELECT atelier.session_cancel(:'lib', :s1) AS freed;
SELECT * FROM atelier.session_bookings(:'lib', :s1);
SELECT atelier.book_person(:'lib', 'bk-salle-03', repeat('b', 64),
                           '2026-11-10 14:30+01', '2026-11-10 15:00+01') AS booking;
-- A cancelled session is neither booked nor cancelled again.
SELECT * FROM atelier.book_session(:'lib', :s1, 1);
\echo :LAST_ERROR_SQLSTATE
SELECT atelier.session_cancel(:'lib', :s1);
\echo :LAST_ERROR_SQLSTATE

-- Refused, with nothing stored: a PC out of service, a PC of another site, an unknown PC,
-- an unknown session, neither or both of a count and names, a bad count, a bad person key,
-- an empty time range, a PC of a site the librarian does not work for.
SELECT atelier.session_schedule(:'lib', 'bk-email', 'bk-main', '2026-11-12 10:00+01', 8) AS s4 \gset
SELECT * FROM atelier.book_session(:'lib', :s4, NULL, ARRAY['bk-salle-08', 'bk-salle-09']);
\echo :LAST_ERROR_SQLSTATE
SELECT atelier.book_person(:'lib', 'bk-salle-09', repeat('a', 64), '2026-11-12 10:00+01', '2026-11-12 11:00+01');
\echo :LAST_ERROR_SQLSTATE
SELECT * FROM atelier.book_session(:'lib', :s4, NULL, ARRAY['bk-salle-08', 'bk-annexe-1']);
\echo :LAST_ERROR_SQLSTATE
SELECT * FROM atelier.book_session(:'lib', :s4, NULL, ARRAY['bk-salle-08', 'bk-nowhere']);
\echo :LAST_ERROR_SQLSTATE
SELECT * FROM atelier.book_session(:'lib', 999999, 2);
\echo :LAST_ERROR_SQLSTATE
SELECT * FROM atelier.book_session(:'lib', :s4);
\echo :LAST_ERROR_SQLSTATE
SELECT * FROM atelier.book_session(:'lib', :s4, 2, ARRAY['bk-salle-08']);
\echo :LAST_ERROR_SQLSTATE
SELECT * FROM atelier.book_session(:'lib', :s4, 0);
\echo :LAST_ERROR_SQLSTATE
SELECT atelier.book_person(:'lib', 'bk-salle-08', 'Jean Dupont', '2026-11-12 10:00+01', '2026-11-12 11:00+01');
\echo :LAST_ERROR_SQLSTATE
SELECT atelier.book_person(:'lib', 'bk-salle-08', repeat('a', 64), '2026-11-12 11:00+01', '2026-11-12 10:00+01');
\echo :LAST_ERROR_SQLSTATE
SELECT atelier.book_person(:'lib', 'bk-annexe-1', repeat('a', 64), '2026-11-12 10:00+01', '2026-11-12 11:00+01');
\echo :LAST_ERROR_SQLSTATE
SELECT count(*) AS bookings_of_s4 FROM atelier.booking WHERE session_id = :s4;

-- A room hosts one session at a time: 15:00 in the digital room overlaps the session
-- 16:00-18:00 there.
SELECT atelier.session_schedule(:'lib', 'bk-email', 'bk-main', '2026-11-10 15:00+01', 8,
                                p_room => 'salle-num');
\echo :LAST_ERROR_SQLSTATE
-- The first session of the room was cancelled: 14:00-16:00 is free again there.
SELECT atelier.session_schedule(:'lib', 'bk-email', 'bk-main', '2026-11-10 14:00+01', 8,
                                p_room => 'salle-num') IS NOT NULL AS rescheduled;

-- The database guards, not just the functions: even the superuser, writing the table
-- directly, can not book a PC already booked at an overlapping time.
\set VERBOSITY terse
INSERT INTO atelier.booking (workstation_id, during, session_id)
SELECT w.id, tstzrange('2026-11-10 17:00+01', '2026-11-10 17:30+01'), :s3
  FROM atelier.workstation w WHERE w.hostname = 'bk-salle-01';
\echo :LAST_ERROR_SQLSTATE
\set VERBOSITY default
-- ... while a cancelled booking is no obstacle, nor an adjacent range.
INSERT INTO atelier.booking (workstation_id, during, session_id)
SELECT w.id, tstzrange('2026-11-10 18:00+01', '2026-11-10 19:00+01'), :s3
  FROM atelier.workstation w WHERE w.hostname = 'bk-salle-01';
INSERT INTO atelier.booking (workstation_id, during, person_id, cancelled_at)
SELECT w.id, tstzrange('2026-11-10 17:00+01', '2026-11-10 17:30+01'), p.id, now()
  FROM atelier.workstation w, atelier.person p
 WHERE w.hostname = 'bk-salle-01' AND p.pseudonym = repeat('a', 64);
-- Never two live bookings of one PC at overlapping times.
SELECT count(*) AS overlapping_live_bookings
  FROM atelier.booking a JOIN atelier.booking b
    ON a.workstation_id = b.workstation_id AND a.id < b.id AND a.during && b.during
 WHERE a.cancelled_at IS NULL AND b.cancelled_at IS NULL;

-- Series: weekly, 3 sessions; then weekly until a date (the until date is included).
SELECT * FROM atelier.series_schedule(:'lib', 'bk-email', 'bk-main', '2026-12-01 10:00+01', 10,
                                      7, 3, p_minutes => 90, p_room => 'auditorium');
SELECT * FROM atelier.series_schedule(:'lib', 'bk-email', 'bk-main', '2026-12-02 10:00+01', 10,
                                      7, p_until => '2026-12-23', p_room => 'auditorium');
SELECT id, every_days, count, until,
       (SELECT count(*) FROM atelier.session s WHERE s.series_id = x.id) AS sessions
  FROM atelier.series x WHERE id >= 301 ORDER BY id;
-- A series ends after a count or on a date: one of the two.
SELECT * FROM atelier.series_schedule(:'lib', 'bk-email', 'bk-main', '2026-12-03 10:00+01', 10, 7);
\echo :LAST_ERROR_SQLSTATE
SELECT * FROM atelier.series_schedule(:'lib', 'bk-email', 'bk-main', '2026-12-03 10:00+01', 10,
                                      7, 3, '2026-12-31');
\echo :LAST_ERROR_SQLSTATE
SELECT * FROM atelier.series_schedule(:'lib', 'bk-email', 'bk-main', '2026-12-03 10:00+01', 10, 0, 3);
\echo :LAST_ERROR_SQLSTATE
-- All or nothing: a series whose second session (1 December) hits the auditorium already
-- taken stores nothing.
SELECT * FROM atelier.series_schedule(:'lib', 'bk-email', 'bk-main', '2026-11-24 10:30+01', 10,
                                      7, 3, p_room => 'auditorium');
\echo :LAST_ERROR_SQLSTATE
SELECT count(*) AS series_stored FROM atelier.series WHERE id >= 301;
SELECT count(*) AS sessions_on_24_november FROM atelier.session
 WHERE during && tstzrange('2026-11-24 00:00+01', '2026-11-25 00:00+01');

-- A course of 5 weekly sessions in the digital room, 8 PCs booked for each: the room's 8.
SELECT * FROM atelier.course_schedule(:'lib', 'bk-email', 'bk-main', 'E-mail en 5 séances',
                                      '2027-01-05 14:00+01', 8, 7, 5, p_room => 'salle-num');
SELECT s.course_position, count(*) AS pcs, string_agg(b.workstation, ' ' ORDER BY b.workstation) AS taken
  FROM atelier.session s, LATERAL atelier.book_session(:'lib', s.id, 8) b
 WHERE s.course_id = 101
 GROUP BY s.course_position ORDER BY s.course_position;
SELECT session_id, course_id, course_position, starts_at, booked_pcs
  FROM atelier.session_list(:'lib', 'bk-main', '2027-01-01', '2027-02-15');

-- A weekly series across the change to winter time (25 October 2026 in Europe/Paris)
-- stays at 14:00 local time: the UTC offset moves from +02 to +01.
SELECT session_id, starts_at, ends_at,
       to_char(starts_at AT TIME ZONE 'Europe/Paris', 'HH24:MI') AS local_start,
       to_char(starts_at AT TIME ZONE 'UTC', 'HH24:MI') AS utc_start
  FROM atelier.series_schedule(:'lib', 'bk-email', 'bk-main', '2026-10-13 14:00+02', 10,
                               7, 3, p_room => 'auditorium');
-- ... and back to summer time (29 March 2026).
SELECT to_char(starts_at AT TIME ZONE 'Europe/Paris', 'YYYY-MM-DD HH24:MI') AS local_start,
       to_char(starts_at AT TIME ZONE 'UTC', 'HH24:MI') AS utc_start
  FROM atelier.series_schedule(:'lib', 'bk-email', 'bk-main', '2026-03-22 14:00+01', 10,
                               7, 2, p_room => 'auditorium');

-- Who booked which PCs for a session is for the staff of its site: the librarian of the
-- main library may not list the bookings of an annexe session (ATX02), a coordinator may.
SELECT atelier.staff_upsert('bk-coord', 'Coordinatrice', 'coordinator', ARRAY['bk-main']);
SELECT atelier.staff_session_open('bk-coord') AS coord \gset
SELECT atelier.session_schedule(:'coord', 'bk-email', 'bk-annexe', '2027-03-02 10:00+01', 4) AS sa \gset
SELECT * FROM atelier.book_session(:'coord', :sa, 1);
SELECT * FROM atelier.session_bookings(:'lib', :sa);
\echo :LAST_ERROR_SQLSTATE
SELECT * FROM atelier.session_bookings(:'coord', :sa);

-- One booking never makes more bookings than the site has PCs: a count above the PCs
-- free is refused (ATF02; 10 active PCs at the main library), a count above 1000 too
-- (ATU01), and a PC named twice (or 5 000 times) is refused before anything is booked
-- (ATU18), however its name is written.
SELECT atelier.session_schedule(:'lib', 'bk-email', 'bk-main', '2027-03-03 10:00+01', 8) AS s5 \gset
SELECT * FROM atelier.book_session(:'lib', :s5, 11);
\echo :LAST_ERROR_SQLSTATE
SELECT * FROM atelier.book_session(:'lib', :s5, 100000);
\echo :LAST_ERROR_SQLSTATE
SELECT * FROM atelier.book_session(:'lib', :s5, NULL, ARRAY['bk-salle-01', 'bk-salle-02', 'BK-SALLE-01']);
\echo :LAST_ERROR_SQLSTATE
SELECT * FROM atelier.book_session(:'lib', :s5, NULL, array_fill('bk-salle-03'::text, ARRAY[5000]));
\echo :LAST_ERROR_SQLSTATE
SELECT count(*) AS bookings_of_s5 FROM atelier.booking WHERE session_id = :s5;

-- One series or course makes at most series_max_sessions sessions (260 as shipped: five
-- years, weekly), by count or until a date: beyond, it is refused (ATU19) with how many
-- it would make, never cut short, and nothing is stored.
SELECT count(*) AS series_before FROM atelier.series \gset
SELECT count(*) AS sessions_before FROM atelier.session \gset
SELECT * FROM atelier.series_schedule(:'lib', 'bk-email', 'bk-main', '2027-04-01 18:00+02', 10, 7, 261);
\echo :LAST_ERROR_SQLSTATE
SELECT * FROM atelier.series_schedule(:'lib', 'bk-email', 'bk-main', '2027-04-01 18:00+02', 10, 1,
                                      p_until => '2099-12-31');
\echo :LAST_ERROR_SQLSTATE
SELECT * FROM atelier.course_schedule(:'lib', 'bk-email', 'bk-main', 'Sans fin', '2027-04-01 18:00+02',
                                      10, 7, 2147483647);
\echo :LAST_ERROR_SQLSTATE
-- 260 weekly sessions is the most, and is allowed.
SELECT count(*) AS sessions_made, min(starts_at) AS first, max(starts_at) AS last
  FROM atelier.series_schedule(:'lib', 'bk-email', 'bk-main', '2027-04-01 18:00+02', 10, 7, 260);
-- A network may lower the bound (within 1 to 260): at 4, a course of 5 weekly sessions,
-- or a series until a date 5 weeks on, is refused; one of 4 is fine.
SELECT atelier.setting_set('series_max_sessions', 261);
\echo :LAST_ERROR_SQLSTATE
SELECT atelier.setting_set('series_max_sessions', 4);
SET atelier.lang = 'fr';
SELECT * FROM atelier.course_schedule(:'lib', 'bk-email', 'bk-main', 'Cinq séances', '2032-01-06 10:00+01',
                                      10, 7, 5);
\echo :LAST_ERROR_SQLSTATE
RESET atelier.lang;
SELECT * FROM atelier.series_schedule(:'lib', 'bk-email', 'bk-main', '2032-01-06 10:00+01', 10, 7,
                                      p_until => '2032-02-03');
\echo :LAST_ERROR_SQLSTATE
SELECT count(*) AS sessions_made
  FROM atelier.series_schedule(:'lib', 'bk-email', 'bk-main', '2032-01-06 10:00+01', 10, 7,
                               p_until => '2032-01-27');
DELETE FROM atelier.setting_value WHERE key = 'series_max_sessions';
SELECT count(*) - :series_before AS series_added, (SELECT count(*) FROM atelier.session) - :sessions_before AS sessions_added
  FROM atelier.series;
