-- Helpdesk tickets: opening, showing, the allowed and forbidden transitions, the
-- append-only timeline, bad input (clear error, nothing stored), updates and lists.
SET TIME ZONE 'Europe/Paris';
\set SHOW_CONTEXT never

-- Ticket numbers appear in messages: start them at a known value, whatever ran before.
SELECT setval(pg_get_serial_sequence('atelier.ticket', 'id'), 1000) > 0 AS numbered_from_1001;

-- Fixtures: two sites with a PC each; a librarian of each site and a coordinator.
SELECT atelier.site_upsert('TKT1', 'Médiathèque du Centre', 'Lyon');
SELECT atelier.site_upsert('TKT2', 'Bibliothèque des Pentes', 'Lyon');
SELECT atelier.workstation_upsert('tkt1-pc1', 'TKT1');
SELECT atelier.workstation_upsert('tkt2-pc1', 'TKT2');
SELECT atelier.staff_upsert('tkt.lib', 'Louise Bibli', 'librarian', ARRAY['TKT1']);
SELECT atelier.staff_upsert('tkt.coord', 'Camille Coord', 'coordinator');
SELECT atelier.staff_upsert('tkt2.lib', 'Lucas Pentes', 'librarian', ARRAY['TKT2']);
SELECT atelier.staff_session_open('tkt.lib') AS lib \gset
SELECT atelier.staff_session_open('tkt.coord') AS coord \gset
SELECT atelier.staff_session_open('tkt2.lib') AS lib2 \gset

-- Runs a statement; gives its error (SQLSTATE, message, hint) or 'none', and whether
-- tickets, timeline events and people are exactly as many as before.
CREATE FUNCTION pg_temp.stored() RETURNS bigint[] LANGUAGE sql AS $$
    SELECT ARRAY[(SELECT count(*) FROM atelier.ticket), (SELECT count(*) FROM atelier.ticket_event),
                 (SELECT count(*) FROM atelier.person)]
$$;
CREATE FUNCTION pg_temp.attempt(p_sql text)
RETURNS TABLE (code text, message text, hint text, nothing_stored boolean)
LANGUAGE plpgsql AS $$
DECLARE
    before bigint[] := pg_temp.stored();
BEGIN
    BEGIN
        EXECUTE p_sql;
        code := 'none';
    EXCEPTION WHEN OTHERS THEN
        GET STACKED DIAGNOSTICS code = RETURNED_SQLSTATE, message = MESSAGE_TEXT, hint = PG_EXCEPTION_HINT;
    END;
    nothing_stored := pg_temp.stored() = before;
    RETURN NEXT;
END
$$;
-- A ticket's timeline, without the times.
CREATE FUNCTION pg_temp.timeline(p_token uuid, p_ticket bigint)
RETURNS TABLE (staff text, kind text, from_state text, to_state text, changes jsonb)
LANGUAGE sql AS $$
    SELECT staff, kind, from_state, to_state, changes FROM atelier.ticket_timeline(p_token, p_ticket)
$$;

-- 1. Opening tickets. A person known by pseudonym, with administrative procedures, at a PC.
SELECT atelier.ticket_open(:'lib', 'TKT1', ARRAY['demarches', 'email', 'demarches'],
                           p_place => 'lieu_activite', p_equipment => 'ordinateur',
                           p_workstation => 'TKT1-PC1', p_person => encode(sha256('patron-1'), 'hex'),
                           p_minutes => 10, p_notes => 'CAF account',
                           p_procedures => ARRAY['social_sante', 'logement']) AS t1 \gset
-- Someone who stays anonymous, helped remotely on their phone.
SELECT atelier.ticket_open(:'lib', 'TKT1', ARRAY['navigation'], p_place => 'distance',
                           p_equipment => 'telephone') AS t2 \gset
SELECT :t1 AS t1, :t2 AS t2;
\x on
SELECT ticket_id, site, opened_by, left(person, 12) AS person, place, equipment, workstation,
       themes, procedures, state, minutes, autonomy, referral, notes, closed_at IS NULL AS not_closed
  FROM atelier.ticket_show(:'lib', :t1);
SELECT ticket_id, site, opened_by, person IS NULL AS anonymous, place, equipment, workstation,
       themes, procedures, state, minutes, notes
  FROM atelier.ticket_show(:'lib', :t2);
\x off
-- The person was recorded, by pseudonym only.
SELECT count(*) AS people FROM atelier.person WHERE pseudonym = encode(sha256('patron-1'), 'hex');
-- The timeline starts with who opened the ticket.
SELECT * FROM pg_temp.timeline(:'lib', :t1);

-- 2. Allowed transitions.
-- open -> in_progress -> resolved, with the autonomy reached and the time spent.
SELECT atelier.ticket_move(:'lib', :t1, 'in_progress');
SELECT atelier.ticket_move(:'lib', :t1, 'resolved', p_autonomy => 'autonome_guidage', p_minutes => 25);
SELECT state, autonomy, minutes, closed_at IS NOT NULL AS closed FROM atelier.ticket_show(:'lib', :t1);
SELECT * FROM pg_temp.timeline(:'lib', :t1);
-- open -> abandoned.
SELECT atelier.ticket_move(:'lib', :t2, 'abandoned');
-- in_progress -> referred: says to which structure, or is refused.
SELECT atelier.ticket_open(:'lib', 'TKT1', ARRAY['insertion_pro']) AS t3 \gset
SELECT atelier.ticket_move(:'lib', :t3, 'in_progress');
SELECT atelier.ticket_move(:'lib', :t3, 'referred');
\echo sqlstate :LAST_ERROR_SQLSTATE
SELECT atelier.ticket_move(:'lib', :t3, 'referred', p_referral => 'nowhere');
\echo sqlstate :LAST_ERROR_SQLSTATE
-- A referral goes only with the outcome referred, whoever asks (in both languages).
SELECT atelier.ticket_move(:'lib', :t3, 'resolved', p_referral => 'insertion_pro');
\echo sqlstate :LAST_ERROR_SQLSTATE
SET atelier.lang = 'fr';
SELECT atelier.ticket_move(:'lib', :t3, 'abandoned', p_referral => 'insertion_pro');
\echo sqlstate :LAST_ERROR_SQLSTATE
RESET atelier.lang;
SELECT atelier.ticket_move(:'lib', :t3, 'referred', p_referral => 'insertion_pro');
SELECT state, referral FROM atelier.ticket_show(:'lib', :t3);
-- Closing an open ticket as resolved passes through in_progress: both steps are on the timeline.
SELECT atelier.ticket_open(:'lib', 'TKT1', ARRAY['bureautique']) AS t4 \gset
SELECT atelier.ticket_move(:'lib', :t4, 'resolved', p_minutes => 40);
SELECT * FROM pg_temp.timeline(:'lib', :t4);

-- 3. Forbidden transitions: a clear error, and the ticket stays as it was.
SELECT atelier.ticket_open(:'lib', 'TKT1', ARRAY['email']) AS t5 \gset
SELECT atelier.ticket_open(:'lib2', 'TKT2', ARRAY['email'], p_workstation => 'tkt2-pc1') AS t6 \gset
SELECT atelier.ticket_move(:'lib', :t1, 'in_progress');   -- resolved -> in_progress
\echo sqlstate :LAST_ERROR_SQLSTATE
SELECT atelier.ticket_move(:'lib', :t5, 'open');          -- open -> open
\echo sqlstate :LAST_ERROR_SQLSTATE
SELECT atelier.ticket_move(:'lib', :t2, 'resolved');      -- abandoned -> resolved
\echo sqlstate :LAST_ERROR_SQLSTATE
SELECT atelier.ticket_move(:'lib', :t5, 'closed');        -- no such state
\echo sqlstate :LAST_ERROR_SQLSTATE
SET atelier.lang = 'fr';
SELECT atelier.ticket_move(:'lib', :t2, 'resolved');
RESET atelier.lang;
SELECT ticket_id, state FROM atelier.ticket_show(:'lib', :t1)
UNION ALL SELECT ticket_id, state FROM atelier.ticket_show(:'lib', :t2)
UNION ALL SELECT ticket_id, state FROM atelier.ticket_show(:'lib', :t5) ORDER BY 1;
-- Reopening: refused to a librarian, allowed to a coordinator (who works for no site).
SELECT atelier.ticket_move(:'lib', :t1, 'open');
\echo sqlstate :LAST_ERROR_SQLSTATE
SELECT atelier.ticket_move(:'coord', :t1, 'open');
SELECT state, autonomy, closed_at IS NULL AS not_closed FROM atelier.ticket_show(:'lib', :t1);
SELECT * FROM pg_temp.timeline(:'lib', :t1);

-- 4. The rules hold for raw SQL too, even for the tables' owner.
UPDATE atelier.ticket SET state = 'open' WHERE id = :t4;                 -- resolved -> open
\echo sqlstate :LAST_ERROR_SQLSTATE
UPDATE atelier.ticket SET state = 'resolved', closed_at = now() WHERE id = :t5;  -- skips in_progress
\echo sqlstate :LAST_ERROR_SQLSTATE
INSERT INTO atelier.ticket (site_id, opened_by, themes)
SELECT s.id, st.id, ARRAY['email', 'astrologie'] FROM atelier.site s, atelier.staff st
 WHERE s.code = 'TKT1' AND st.login = 'tkt.lib';                     -- unknown theme
\echo sqlstate :LAST_ERROR_SQLSTATE
SELECT state FROM atelier.ticket WHERE id IN (:t4, :t5) ORDER BY id;
-- The timeline is never changed nor deleted...
UPDATE atelier.ticket_event SET staff_id = NULL WHERE ticket_id = :t1;
\echo sqlstate :LAST_ERROR_SQLSTATE
DELETE FROM atelier.ticket_event WHERE ticket_id = :t1;
\echo sqlstate :LAST_ERROR_SQLSTATE
SELECT count(*) AS t1_events FROM atelier.ticket_event WHERE ticket_id = :t1;
-- ... except with its ticket (retention).
SELECT count(*) AS t2_events FROM atelier.ticket_event WHERE ticket_id = :t2;
DELETE FROM atelier.ticket WHERE id = :t2;
SELECT count(*) AS t2_events FROM atelier.ticket_event WHERE ticket_id = :t2;

-- 5. Bad input: a clear error with a hint, and nothing stored.
\x on
SELECT * FROM pg_temp.attempt(format($$SELECT atelier.ticket_open(%L, 'TKT1', ARRAY['email', 'astrologie'])$$, :'lib')) AS unknown_theme;
SELECT * FROM pg_temp.attempt(format($$SELECT atelier.ticket_open(%L, 'NOWHERE', ARRAY['email'])$$, :'lib')) AS unknown_site;
SELECT * FROM pg_temp.attempt(format($$SELECT atelier.ticket_open(%L, 'TKT1', ARRAY[]::text[])$$, :'lib')) AS no_theme;
SELECT * FROM pg_temp.attempt(format($$SELECT atelier.ticket_open(%L, 'TKT1', NULL)$$, :'lib')) AS null_themes;
SELECT * FROM pg_temp.attempt(format($$SELECT atelier.ticket_open(%L, 'TKT1', ARRAY['email'], p_procedures => ARRAY['logement'])$$, :'lib')) AS procedures_without_demarches;
SELECT * FROM pg_temp.attempt(format($$SELECT atelier.ticket_open(%L, 'TKT1', ARRAY['demarches'], p_procedures => ARRAY['horoscope'])$$, :'lib')) AS unknown_procedure;
SELECT * FROM pg_temp.attempt(format($$SELECT atelier.ticket_update(%L, %s, p_procedures => ARRAY['logement'])$$, :'lib', :t4)) AS procedures_added_without_demarches;
SELECT * FROM pg_temp.attempt(format($$SELECT atelier.ticket_move(%L, %s, 'in_progress', p_referral => 'insertion_pro')$$, :'lib', :t5)) AS referral_in_progress;
SELECT * FROM pg_temp.attempt(format($$SELECT atelier.ticket_open(%L, 'TKT1', ARRAY['email'], p_place => 'lune')$$, :'lib')) AS unknown_place;
SELECT * FROM pg_temp.attempt(format($$SELECT atelier.ticket_open(%L, 'TKT1', ARRAY['email'], p_workstation => 'tkt2-pc1', p_person => %L)$$, :'lib', encode(sha256('patron-new'), 'hex'))) AS workstation_other_site;
SELECT * FROM pg_temp.attempt(format($$SELECT atelier.ticket_open(%L, 'TKT1', ARRAY['email'], p_workstation => 'nowhere-pc')$$, :'lib')) AS unknown_workstation;
SELECT * FROM pg_temp.attempt(format($$SELECT atelier.ticket_open(%L, 'TKT1', ARRAY['email'], p_person => 'Jean Dupont')$$, :'lib')) AS invalid_pseudonym;
SELECT * FROM pg_temp.attempt(format($$SELECT atelier.ticket_open(%L, 'TKT1', ARRAY['email'], p_person => %L)$$, :'lib', upper(encode(sha256('patron-1'), 'hex')))) AS uppercase_pseudonym;
SELECT * FROM pg_temp.attempt(format($$SELECT atelier.ticket_open(%L, 'TKT1', ARRAY['email'], p_minutes => 1441)$$, :'lib')) AS minutes_too_many;
SELECT * FROM pg_temp.attempt(format($$SELECT atelier.ticket_update(%L, %s, p_minutes => -5)$$, :'lib', :t5)) AS negative_minutes;
SELECT * FROM pg_temp.attempt(format($$SELECT atelier.ticket_open(%L, 'TKT1', ARRAY['email'])$$, '00000000-0000-0000-0000-000000000001')) AS unknown_token;
SELECT * FROM pg_temp.attempt(format($$SELECT atelier.ticket_move(%L, 999999, 'in_progress')$$, :'lib')) AS unknown_ticket;
-- A librarian of another site can neither open a ticket here nor touch this site's tickets.
SELECT * FROM pg_temp.attempt(format($$SELECT atelier.ticket_open(%L, 'TKT1', ARRAY['email'])$$, :'lib2')) AS other_site_open;
SELECT * FROM pg_temp.attempt(format($$SELECT atelier.ticket_move(%L, %s, 'in_progress')$$, :'lib2', :t5)) AS other_site_move;
SELECT * FROM pg_temp.attempt(format($$SELECT atelier.ticket_update(%L, %s, p_notes => 'x')$$, :'lib2', :t5)) AS other_site_update;
SELECT * FROM pg_temp.attempt(format($$SELECT * FROM atelier.ticket_show(%L, %s)$$, :'lib2', :t5)) AS other_site_show;
SELECT * FROM pg_temp.attempt(format($$SELECT * FROM atelier.ticket_timeline(%L, %s)$$, :'lib2', :t5)) AS other_site_timeline;
-- An expired staff session.
SELECT atelier.staff_session_open('tkt.lib') AS old \gset
UPDATE atelier.staff_session SET created_at = '2020-01-06 09:00+01', expires_at = '2020-01-06 17:00+01'
 WHERE token = :'old';
SELECT * FROM pg_temp.attempt(format($$SELECT atelier.ticket_open(%L, 'TKT1', ARRAY['email'])$$, :'old')) AS expired_session;
SELECT * FROM pg_temp.attempt(format($$SELECT atelier.ticket_move(%L, %s, 'in_progress')$$, :'old', :t5)) AS expired_session_move;
\x off
SELECT state, notes, minutes FROM atelier.ticket_show(:'lib', :t5);

-- 6. Updates go on the timeline with just the fields that changed.
SELECT atelier.ticket_update(:'lib', :t5, p_themes => ARRAY['email', 'securite'], p_minutes => 20,
                             p_notes => 'phishing e-mail', p_equipment => 'telephone');
SELECT atelier.ticket_update(:'lib', :t5, p_themes => ARRAY['demarches'], p_procedures => ARRAY['argent']);
SELECT atelier.ticket_update(:'lib', :t5, p_notes => 'phishing e-mail');   -- no change, no event
SELECT themes, procedures, equipment, minutes, notes FROM atelier.ticket_show(:'lib', :t5);
SELECT * FROM pg_temp.timeline(:'lib', :t5);
-- Removing the demarches theme while procedures remain is refused.
SELECT atelier.ticket_update(:'lib', :t5, p_themes => ARRAY['email']);
\echo sqlstate :LAST_ERROR_SQLSTATE
-- An empty theme list is refused too.
SELECT atelier.ticket_update(:'lib', :t5, p_themes => ARRAY[]::text[]);
\echo sqlstate :LAST_ERROR_SQLSTATE

-- 7. Lists, filtered by state and site; a librarian sees only the sites they work for,
-- and asking for another site is refused.
SELECT ticket_id, site, opened_by, state, themes, place, minutes, anonymous
  FROM atelier.ticket_list(:'lib', 'TKT1') ORDER BY ticket_id;
SELECT ticket_id, site, state FROM atelier.ticket_list(:'lib', 'TKT1', 'resolved') ORDER BY ticket_id;
SELECT ticket_id, site, state FROM atelier.ticket_list(:'lib', p_state => 'open') ORDER BY ticket_id;
SELECT ticket_id, site, state FROM atelier.ticket_list(:'lib2') ORDER BY ticket_id;
SELECT ticket_id, site, state FROM atelier.ticket_list(:'lib2', 'TKT1') ORDER BY ticket_id;
\echo sqlstate :LAST_ERROR_SQLSTATE
SELECT ticket_id, site, state FROM atelier.ticket_list(:'coord', 'TKT2') ORDER BY ticket_id;
SELECT site, state, count(*) FROM atelier.ticket_list(:'coord')
 WHERE site IN ('TKT1', 'TKT2') GROUP BY 1, 2 ORDER BY 1, 2;
SELECT ticket_id FROM atelier.ticket_list(:'lib', 'TKT1', p_limit => 2) ORDER BY ticket_id;
SELECT * FROM atelier.ticket_list(:'lib', 'NOWHERE');
\echo sqlstate :LAST_ERROR_SQLSTATE

-- 8. The sites one may act for, as require_site decides: a librarian their own, a
-- coordinator every active site; an inactive site never, even one's own.
SELECT atelier.site_upsert('TKT3', 'Annexe fermée', 'Lyon', p_active => false);
SELECT atelier.staff_upsert('tkt2.lib', 'Lucas Pentes', 'librarian', ARRAY['TKT2', 'TKT3']);
SELECT * FROM atelier.my_sites(:'lib');
SELECT * FROM atelier.my_sites(:'lib2');
SELECT * FROM atelier.my_sites(:'coord') WHERE code LIKE 'TKT%';
SELECT count(*) = (SELECT count(*) FROM atelier.site WHERE active) AS coordinator_all_active
  FROM atelier.my_sites(:'coord');
SELECT * FROM atelier.my_sites('00000000-0000-0000-0000-000000000001');
\echo sqlstate :LAST_ERROR_SQLSTATE
-- A ticket opened with no place (NULL) is at the default place; a list with no limit
-- (NULL) gives the default number.
SELECT atelier.ticket_open(:'lib', 'TKT1', ARRAY['email'], p_place => NULL) AS t7 \gset
SELECT place FROM atelier.ticket_show(:'lib', :t7);
SELECT atelier.default_ticket_place() AS default_place, atelier.default_ticket_limit() AS default_limit;
SELECT count(*) AS listed FROM atelier.ticket_list(:'lib', 'TKT1', p_limit => NULL);

-- Clean up this file's data (tickets go with their timeline).
DELETE FROM atelier.ticket WHERE site_id IN (SELECT id FROM atelier.site WHERE code IN ('TKT1', 'TKT2'));
DELETE FROM atelier.person WHERE pseudonym = encode(sha256('patron-1'), 'hex');
DELETE FROM atelier.staff WHERE login IN ('tkt.lib', 'tkt.coord', 'tkt2.lib');
DELETE FROM atelier.workstation WHERE hostname IN ('tkt1-pc1', 'tkt2-pc1');
DELETE FROM atelier.site WHERE code IN ('TKT1', 'TKT2', 'TKT3');
