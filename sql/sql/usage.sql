-- Usage events sent by pam_atelier on the public PCs (atelier.record_usage_event) and the
-- access check at login (atelier.check_access), both called as a workstation role, with
-- only the privileges of atelier_workstation.
SET TIME ZONE 'Europe/Paris';
SET DateStyle = 'ISO, YMD';
\set SHOW_CONTEXT never

-- People (pseudonyms) and event UUIDs used below.
SELECT encode(sha256('usage-p1'::bytea), 'hex') AS p1,
       encode(sha256('usage-p2'::bytea), 'hex') AS p2,
       encode(sha256('usage-p3'::bytea), 'hex') AS p3,
       encode(sha256('usage-staff'::bytea), 'hex') AS pstaff \gset
\set e1 '''00000000-0000-0000-0000-0000000000e1'''
\set e2 '''00000000-0000-0000-0000-0000000000e2'''
\set e3 '''00000000-0000-0000-0000-0000000000e3'''
\set e4 '''00000000-0000-0000-0000-0000000000e4'''
\set e5 '''00000000-0000-0000-0000-0000000000e5'''
\set e6 '''00000000-0000-0000-0000-0000000000e6'''
\set e7 '''00000000-0000-0000-0000-0000000000e7'''
\set e8 '''00000000-0000-0000-0000-0000000000e8'''
\set e9 '''00000000-0000-0000-0000-0000000000e9'''
\set e10 '''00000000-0000-0000-0000-0000000000ea'''
\set e11 '''00000000-0000-0000-0000-0000000000eb'''
\set e12 '''00000000-0000-0000-0000-0000000000ec'''
\set e13 '''00000000-0000-0000-0000-0000000000ed'''
\set e14 '''00000000-0000-0000-0000-0000000000ee'''
\set e15 '''00000000-0000-0000-0000-0000000000ef'''

-- Fixtures, as the host system and a librarian would make them: one site, three PCs;
-- usg-pc-01 booked for a workshop session on 10 November 14:00-16:00 that p1 is enrolled in,
-- usg-pc-02 booked for p2 alone from 10:00 to 11:00, usg-pc-03 never booked.
SELECT atelier.site_upsert('USG', 'Médiathèque Usage', 'Testville');
SELECT atelier.room_upsert('USG', 'salle-a', 'Salle A');
SELECT atelier.workstation_upsert(h, 'USG', 'salle-a', 'PC ' || h)
  FROM unnest(ARRAY['usg-pc-01', 'usg-pc-02', 'usg-pc-03']) h ORDER BY h;
SELECT atelier.staff_upsert('usg.lib', 'Bibliothécaire Usage', 'librarian', ARRAY['USG']);
SELECT atelier.staff_upsert('usg.fac', 'Animatrice Usage', 'facilitator', ARRAY['USG']);
SELECT atelier.staff_session_open('usg.lib') AS tok \gset
SELECT atelier.workshop_add(:'tok', 'usg-email', 'Créer son adresse e-mail', 'debutant', 120,
                            ARRAY['email']) IS NOT NULL AS workshop_added;
SELECT atelier.session_schedule(:'tok', 'usg-email', 'USG', '2026-11-10 14:00+01', 8, 120,
                                'salle-a', 'usg.fac') AS sid \gset
SELECT workstation FROM atelier.book_session(:'tok', :sid, NULL, ARRAY['usg-pc-01']);
SELECT status FROM atelier.enrol(:'tok', :sid, :'p1');
SELECT atelier.book_person(:'tok', 'usg-pc-02', :'p2', '2026-11-10 10:00+01',
                           '2026-11-10 11:00+01') IS NOT NULL AS person_booked;

-- The workstation role: a login role member of atelier_workstation, and nothing else.
SELECT public.regress_login('regress_atelier_ws', 'atelier_workstation') AS login_role;

-- What the stored sessions look like (read as the superuser: the workstation role can not).
CREATE FUNCTION pg_temp.sessions()
RETURNS TABLE (pc text, login text, start_event uuid, end_event uuid,
               started_at timestamptz, ended_at timestamptz)
LANGUAGE sql AS $$
    SELECT w.hostname, CASE u.login_key WHEN encode(sha256('usage-p1'::bytea), 'hex') THEN 'p1'
                                        WHEN encode(sha256('usage-p2'::bytea), 'hex') THEN 'p2'
                                        WHEN encode(sha256('usage-p3'::bytea), 'hex') THEN 'p3'
                                        ELSE '?' END,
           u.start_event, u.end_event, u.started_at, u.ended_at
      FROM atelier.usage_session u JOIN atelier.workstation w ON w.id = u.workstation_id
     WHERE w.hostname LIKE 'usg-%'
     ORDER BY u.start_event
$$;

SET ROLE regress_atelier_ws;
SELECT current_user;

-- The workstation role reads no table and calls no other function.
SELECT count(*) FROM atelier.usage_session;
SELECT count(*) FROM atelier.monthly_report('2026-11-01', 'USG');

---------------------------------------------------------------------------------------
-- Usage events.
---------------------------------------------------------------------------------------

-- p3 logs in on usg-pc-03 at 09:00 and out at 09:45: start then end, one session.
SELECT atelier.record_usage_event(:e1, 'start', 'usg-pc-03', :'p3', '2026-11-10 09:00+01');
SELECT atelier.record_usage_event(:e2, 'end', 'usg-pc-03', :'p3', '2026-11-10 09:45+01', :e1);

-- The same start twice, the same end twice: stored once.
SELECT atelier.record_usage_event(:e1, 'start', 'usg-pc-03', :'p3', '2026-11-10 09:00+01');
SELECT atelier.record_usage_event(:e2, 'end', 'usg-pc-03', :'p3', '2026-11-10 09:45+01', :e1);

-- An end that arrives before its start (the start was spooled on the PC): kept, waiting.
SELECT atelier.record_usage_event(:e4, 'end', 'usg-pc-03', :'p1', '2026-11-10 11:30+01', :e3);
RESET ROLE;
SELECT * FROM pg_temp.sessions();
SET ROLE regress_atelier_ws;

-- Its start arrives: the two halves pair up into one session.
SELECT atelier.record_usage_event(:e3, 'start', 'usg-pc-03', :'p1', '2026-11-10 10:15+01');

-- A session still open (no end yet); the host name's case does not matter.
SELECT atelier.record_usage_event(:e5, 'start', 'USG-PC-03', :'p2', '2026-11-10 16:30+01');

RESET ROLE;
SELECT * FROM pg_temp.sessions();
SELECT count(*) AS sessions_before_replay FROM pg_temp.sessions();
SET ROLE regress_atelier_ws;

-- The PC's spool replays the whole batch again, in another order: nothing more is stored.
SELECT v.n, atelier.record_usage_event(v.ev::uuid, v.kind, 'usg-pc-03', v.who, v.at::timestamptz,
                                       v.start::uuid) AS outcome
  FROM (VALUES (1, :e4, 'end',   :'p1', '2026-11-10 11:30+01', :e3),
               (2, :e5, 'start', :'p2', '2026-11-10 16:30+01', NULL),
               (3, :e2, 'end',   :'p3', '2026-11-10 09:45+01', :e1),
               (4, :e3, 'start', :'p1', '2026-11-10 10:15+01', NULL),
               (5, :e1, 'start', :'p3', '2026-11-10 09:00+01', NULL)) v(n, ev, kind, who, at, start)
 ORDER BY v.n;

RESET ROLE;
SELECT count(*) AS sessions_after_replay FROM pg_temp.sessions();
SELECT * FROM pg_temp.sessions();
SET ROLE regress_atelier_ws;

-- Bad events are refused with a message saying what is wrong, and nothing is stored.
-- An unknown PC (ATN02: not found).
SELECT atelier.record_usage_event(:e6, 'start', 'usg-pc-99', :'p1', '2026-11-10 12:00+01');
\echo SQLSTATE :SQLSTATE
-- The same in French.
SET atelier.lang = 'fr';
SELECT atelier.record_usage_event(:e6, 'start', 'usg-pc-99', :'p1', '2026-11-10 12:00+01');
RESET atelier.lang;
-- A login key that is not a pseudonym (ATU03).
SELECT atelier.record_usage_event(:e6, 'start', 'usg-pc-03', 'jdupont', '2026-11-10 12:00+01');
\echo SQLSTATE :SQLSTATE
SELECT atelier.record_usage_event(:e6, 'start', 'usg-pc-03', upper(:'p1'), '2026-11-10 12:00+01');
\echo SQLSTATE :SQLSTATE
-- An end that does not name its start (ATU01).
SELECT atelier.record_usage_event(:e6, 'end', 'usg-pc-03', :'p1', '2026-11-10 12:00+01');
\echo SQLSTATE :SQLSTATE
-- An end naming itself as its start (ATU01).
SELECT atelier.record_usage_event(:e6, 'end', 'usg-pc-03', :'p1', '2026-11-10 12:00+01', :e6);
\echo SQLSTATE :SQLSTATE
-- A start naming another event as its start (ATU01).
SELECT atelier.record_usage_event(:e6, 'start', 'usg-pc-03', :'p1', '2026-11-10 12:00+01', :e1);
\echo SQLSTATE :SQLSTATE
-- A kind that is neither start nor end (ATU01).
SELECT atelier.record_usage_event(:e6, 'stop', 'usg-pc-03', :'p1', '2026-11-10 12:00+01');
\echo SQLSTATE :SQLSTATE
-- No time (ATU01).
SELECT atelier.record_usage_event(:e6, 'start', 'usg-pc-03', :'p1', NULL);
\echo SQLSTATE :SQLSTATE

RESET ROLE;
SELECT count(*) AS sessions_after_errors FROM pg_temp.sessions();
SET ROLE regress_atelier_ws;

-- An end must be its start's, and a PC's clock is not believed blindly.
-- p1 logs in on usg-pc-02 at 12:00 (e7).
SELECT atelier.record_usage_event(:e7, 'start', 'usg-pc-02', :'p1', '2026-11-10 12:00+01');
-- An end naming e7 sent by another PC: refused (ATU31), the session stays open.
SELECT atelier.record_usage_event(:e8, 'end', 'usg-pc-03', :'p1', '2026-11-10 13:00+01', :e7);
\echo SQLSTATE :SQLSTATE
-- An end naming e7 for another login: refused (ATU31).
SELECT atelier.record_usage_event(:e8, 'end', 'usg-pc-02', :'p2', '2026-11-10 13:00+01', :e7);
\echo SQLSTATE :SQLSTATE
-- An end dated in the year 294276 (a PC's clock gone wrong): refused (ATU32), in French too.
SELECT atelier.record_usage_event(:e8, 'end', 'usg-pc-02', :'p1', '294276-01-01 00:00+00', :e7);
\echo SQLSTATE :SQLSTATE
SET atelier.lang = 'fr';
SELECT atelier.record_usage_event(:e8, 'end', 'usg-pc-02', :'p1', '294276-01-01 00:00+00', :e7);
RESET atelier.lang;
-- A start in 2100: refused (ATU32) ...
SELECT atelier.record_usage_event(:e9, 'start', 'usg-pc-01', :'p3', '2100-01-01 00:00+00');
\echo SQLSTATE :SQLSTATE
-- ... an end before its start: refused (ATU33).
SELECT atelier.record_usage_event(:e8, 'end', 'usg-pc-02', :'p1', '2026-11-10 11:59+01', :e7);
\echo SQLSTATE :SQLSTATE
RESET ROLE;
SELECT pc, login, ended_at FROM pg_temp.sessions() WHERE start_event = :e7;
SET ROLE regress_atelier_ws;
-- The true end: recorded; a second, different end of e7 from another PC is still refused.
SELECT atelier.record_usage_event(:e8, 'end', 'usg-pc-02', :'p1', '2026-11-10 13:00+01', :e7);
SELECT atelier.record_usage_event(:e9, 'end', 'usg-pc-03', :'p1', '2026-11-10 13:05+01', :e7);
\echo SQLSTATE :SQLSTATE
-- A PC left logged in: p2 from 11 November 08:00 to 12 November 14:00, 30 h; believed for
-- 24 h (usage_max_session_hours) and marked clipped.
SELECT atelier.record_usage_event(:e10, 'start', 'usg-pc-02', :'p2', '2026-11-11 08:00+01');
SELECT atelier.record_usage_event(:e11, 'end', 'usg-pc-02', :'p2', '2026-11-12 14:00+01', :e10);
-- The same with the end arriving first: clipped when the start comes.
SELECT atelier.record_usage_event(:e13, 'end', 'usg-pc-01', :'p3', '2026-11-13 14:00+01', :e12);
SELECT atelier.record_usage_event(:e12, 'start', 'usg-pc-01', :'p3', '2026-11-12 08:00+01');
-- An end waiting for its start: a start from another PC is refused (ATU31), and so is one
-- after the end (ATU33); the end still waits.
SELECT atelier.record_usage_event(:e15, 'end', 'usg-pc-01', :'p2', '2026-11-14 09:00+01', :e14);
SELECT atelier.record_usage_event(:e14, 'start', 'usg-pc-03', :'p2', '2026-11-14 08:00+01');
\echo SQLSTATE :SQLSTATE
SELECT atelier.record_usage_event(:e14, 'start', 'usg-pc-01', :'p2', '2026-11-14 10:00+01');
\echo SQLSTATE :SQLSTATE
RESET ROLE;
SELECT s.pc, s.login, s.started_at, s.ended_at, u.clipped
  FROM pg_temp.sessions() s JOIN atelier.usage_session u USING (start_event)
 WHERE s.start_event IN (:e7, :e10, :e12, :e14) ORDER BY s.start_event;
SET ROLE regress_atelier_ws;

---------------------------------------------------------------------------------------
-- Access checks at login.
---------------------------------------------------------------------------------------

-- A PC with no booking: free.
SELECT * FROM atelier.check_access('usg-pc-03', :'p3', NULL, '2026-11-10 14:30+01', 15);

-- usg-pc-01 during the workshop (14:00-16:00): the enrolled participant is admitted,
SELECT * FROM atelier.check_access('usg-pc-01', :'p1', NULL, '2026-11-10 14:30+01', 15);
-- a stranger is refused and told which workshop holds the PC and until when,
SELECT * FROM atelier.check_access('usg-pc-01', :'p3', NULL, '2026-11-10 14:30+01', 15);
-- the facilitator (a staff login) is admitted,
SELECT * FROM atelier.check_access('usg-pc-01', :'pstaff', 'usg.fac', '2026-11-10 14:30+01', 15);
-- another staff member is not the facilitator: refused.
SELECT * FROM atelier.check_access('usg-pc-01', :'pstaff', 'usg.lib', '2026-11-10 14:30+01', 15);

-- usg-pc-02 booked for p2 from 10:00 to 11:00: p2 is admitted, anyone else refused.
SELECT * FROM atelier.check_access('usg-pc-02', :'p2', NULL, '2026-11-10 10:30+01', 15);
SELECT * FROM atelier.check_access('usg-pc-02', :'p3', NULL, '2026-11-10 10:30+01', 15);

-- 10 minutes before the workshop, with 15 minutes of grace: admitted, told it starts at 14:00.
SELECT * FROM atelier.check_access('usg-pc-01', :'p3', NULL, '2026-11-10 13:50+01', 15);
-- 20 minutes before: the booking is beyond the grace period, the PC is free.
SELECT * FROM atelier.check_access('usg-pc-01', :'p3', NULL, '2026-11-10 13:40+01', 15);
-- No grace given (NULL): the network's setting access_grace_minutes (15 as shipped).
SELECT * FROM atelier.check_access('usg-pc-01', :'p3', NULL, '2026-11-10 13:50+01', NULL);
SELECT * FROM atelier.check_access('usg-pc-01', :'p3', NULL, '2026-11-10 13:40+01', NULL);
-- The participant logging in 10 minutes early is a participant.
SELECT * FROM atelier.check_access('usg-pc-01', :'p1', NULL, '2026-11-10 13:50+01', 15);

-- A booking's end is not part of it (half-open range): at 16:00 and at 11:00 the PCs are free.
SELECT * FROM atelier.check_access('usg-pc-01', :'p3', NULL, '2026-11-10 16:00+01', 15);
SELECT * FROM atelier.check_access('usg-pc-02', :'p3', NULL, '2026-11-10 11:00+01', 15);
-- One minute before the end, still refused.
SELECT * FROM atelier.check_access('usg-pc-02', :'p3', NULL, '2026-11-10 10:59+01', 15);

-- Errors: an unknown PC (ATN02), a grace period out of range (ATU01).
SELECT * FROM atelier.check_access('usg-pc-99', :'p3', NULL, '2026-11-10 10:30+01', 15);
\echo SQLSTATE :SQLSTATE
SELECT * FROM atelier.check_access('usg-pc-01', :'p3', NULL, '2026-11-10 10:30+01', -1);
\echo SQLSTATE :SQLSTATE

RESET ROLE;
DROP ROLE regress_atelier_ws;
