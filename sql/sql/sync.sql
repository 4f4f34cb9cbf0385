-- The host system's sync in batches: each batch says what it created, updated and left
-- unchanged, the same batch twice changes nothing, a refused item names its line, and a
-- full sync deactivates what it no longer lists.
SET TIME ZONE 'Europe/Paris';
SET DateStyle = 'ISO, YMD';
\set SHOW_CONTEXT never

-- Sites: created, then the same batch is unchanged, then one change is one update.
SELECT * FROM atelier.sync_sites('{3,4}', '{sy-main,sy-annexe}',
                                 '{"Médiathèque Sync","Annexe Sync"}', '{Lyon,NULL}',
                                 '{NULL,America/Cayenne}', '{NULL,NULL}');
SELECT * FROM atelier.sync_sites('{3,4}', '{sy-main,sy-annexe}',
                                 '{"Médiathèque Sync","Annexe Sync"}', '{Lyon,NULL}',
                                 '{NULL,America/Cayenne}', '{NULL,NULL}');
SELECT * FROM atelier.sync_sites('{3,4}', '{sy-main,sy-annexe}',
                                 '{"Médiathèque Sync","Annexe Sync"}', '{Lyon,Cayenne}',
                                 '{NULL,America/Cayenne}', '{NULL,NULL}');
SELECT code, name, city, time_zone, active FROM atelier.site WHERE code LIKE 'sy-%' ORDER BY code;

-- A refused item names its line and the reason; nothing of the batch is written.
SELECT * FROM atelier.sync_sites('{7,8}', '{sy-third,sy-fourth}', '{Third,Fourth}', '{NULL,NULL}',
                                 '{NULL,Mars/Olympus}', '{NULL,NULL}');
SELECT * FROM atelier.sync_sites('{7,8}', '{sy-third,"bad code"}', '{Third,Fourth}', '{NULL,NULL}',
                                 '{NULL,NULL}', '{NULL,NULL}');
SELECT * FROM atelier.sync_sites('{7,8}', '{sy-third,sy-fourth}', '{Third,"  "}', '{NULL,NULL}',
                                 '{NULL,NULL}', '{NULL,NULL}');
SELECT * FROM atelier.sync_sites('{7,9}', '{sy-third,sy-third}', '{Third,Again}', '{NULL,NULL}',
                                 '{NULL,NULL}', '{NULL,NULL}');
SELECT count(*) AS third_site FROM atelier.site WHERE code = 'sy-third';
-- Arrays of different lengths are a client's mistake.
SELECT * FROM atelier.sync_sites('{7}', '{sy-third,sy-fourth}', '{Third,Fourth}', '{NULL,NULL}',
                                 '{NULL,NULL}', '{NULL,NULL}');
SELECT * FROM atelier.sync_sites(NULL, '{sy-third}', '{Third}', '{NULL}', '{NULL}', '{NULL}');
-- In French.
SET atelier.lang = 'fr';
SELECT * FROM atelier.sync_sites('{12}', '{sy-third}', '{Third}', '{NULL}', '{Mars/Olympus}', '{NULL}');
RESET atelier.lang;

-- Rooms of a site listed in the batch before, or unknown.
SELECT * FROM atelier.sync_rooms('{10,11}', '{sy-main,sy-main}', '{salle,hall}',
                                 '{"Salle numérique",Hall}', '{NULL,NULL}');
SELECT * FROM atelier.sync_rooms('{10,11}', '{sy-main,sy-main}', '{salle,hall}',
                                 '{"Salle numérique",Hall}', '{NULL,false}');
SELECT * FROM atelier.sync_rooms('{12}', '{sy-nowhere}', '{salle}', '{Salle}', '{NULL}');
SELECT * FROM atelier.sync_rooms('{12,13}', '{sy-main,sy-main}', '{salle,salle}', '{A,B}', '{NULL,NULL}');

-- Workstations: host names in any case, rooms of their site.
SELECT * FROM atelier.sync_workstations('{20,21,22}', '{SY-PC-1,sy-pc-2,sy-pc-3}',
                                        '{sy-main,sy-main,sy-annexe}', '{salle,NULL,NULL}',
                                        '{"PC 1",NULL,NULL}', '{NULL,NULL,NULL}');
SELECT * FROM atelier.sync_workstations('{20,21,22}', '{sy-pc-1,sy-pc-2,sy-pc-3}',
                                        '{sy-main,sy-main,sy-annexe}', '{salle,NULL,NULL}',
                                        '{"PC 1",NULL,NULL}', '{NULL,NULL,NULL}');
SELECT hostname, s.code AS site, r.code AS room, label, w.active
  FROM atelier.workstation w JOIN atelier.site s ON s.id = w.site_id
  LEFT JOIN atelier.room r ON r.id = w.room_id
 WHERE hostname LIKE 'sy-%' ORDER BY hostname;
SELECT * FROM atelier.sync_workstations('{30}', '{sy-pc-9}', '{sy-annexe}', '{salle}', '{NULL}', '{NULL}');
SELECT * FROM atelier.sync_workstations('{30}', '{sy-pc-9}', '{sy-moon}', '{NULL}', '{NULL}', '{NULL}');
SELECT * FROM atelier.sync_workstations('{30,31}', '{sy-pc-9,SY-pc-9}', '{sy-main,sy-main}',
                                        '{NULL,NULL}', '{NULL,NULL}', '{NULL,NULL}');
SELECT * FROM atelier.sync_workstations('{30}', '{"pc 9"}', '{sy-main}', '{NULL}', '{NULL}', '{NULL}');

-- Staff, with exactly the sites listed: a change of sites alone is an update.
SELECT * FROM atelier.sync_staff('{40,41}', '{sy.lib,sy.coord}', '{"Lise Sync","Corinne Sync"}',
                                 '{librarian,coordinator}', '{"sy-main sy-annexe",NULL}', '{NULL,NULL}');
SELECT * FROM atelier.sync_staff('{40,41}', '{sy.lib,sy.coord}', '{"Lise Sync","Corinne Sync"}',
                                 '{librarian,coordinator}', '{"sy-annexe  sy-main",NULL}', '{NULL,NULL}');
SELECT * FROM atelier.sync_staff('{40,41}', '{sy.lib,sy.coord}', '{"Lise Sync","Corinne Sync"}',
                                 '{librarian,coordinator}', '{sy-main,NULL}', '{NULL,NULL}');
SELECT login, display_name, role, active, sites
  FROM atelier.staff st
  CROSS JOIN LATERAL (SELECT array_agg(s.code::text ORDER BY s.code) AS sites
                        FROM atelier.staff_site x JOIN atelier.site s ON s.id = x.site_id
                       WHERE x.staff_id = st.id) z
 WHERE login LIKE 'sy.%' ORDER BY login;
SELECT * FROM atelier.sync_staff('{42}', '{sy.new}', '{New}', '{janitor}', '{NULL}', '{NULL}');
SELECT * FROM atelier.sync_staff('{42}', '{sy.new}', '{New}', '{librarian}', '{"sy-main sy-pluto"}', '{NULL}');
SELECT * FROM atelier.sync_staff('{42}', '{"sy new"}', '{New}', '{librarian}', '{NULL}', '{NULL}');

-- People by pseudonym: a first visit left out keeps the one recorded.
SELECT * FROM atelier.sync_people('{50,51}',
    ARRAY[repeat('a', 64), repeat('b', 64)], '{25_39,NULL}', '{sans_emploi,NULL}',
    '{69007,NULL}', '{2025-01-31,NULL}');
SELECT * FROM atelier.sync_people('{50,51}',
    ARRAY[repeat('a', 64), repeat('b', 64)], '{25_39,NULL}', '{sans_emploi,NULL}',
    '{69007,NULL}', '{NULL,NULL}');
SELECT * FROM atelier.sync_people('{50,51}',
    ARRAY[repeat('a', 64), repeat('b', 64)], '{25_39,60_69}', '{sans_emploi,retraite}',
    '{69007,NULL}', '{NULL,NULL}');
SELECT left(pseudonym, 4) AS person, age_bracket, social_status, postcode, first_visit = '2025-01-31' AS kept
  FROM atelier.person WHERE pseudonym IN (repeat('a', 64), repeat('b', 64)) ORDER BY 1;
SELECT * FROM atelier.sync_people('{60,61}', ARRAY[repeat('c', 64), repeat('d', 64)],
                                  '{25_39,99_120}', '{NULL,NULL}', '{NULL,NULL}', '{NULL,NULL}');
SELECT * FROM atelier.sync_people('{60}', ARRAY[repeat('c', 64)], '{NULL}', '{chomeur}', '{NULL}', '{NULL}');
SELECT * FROM atelier.sync_people('{60}', '{NOT-A-PSEUDONYM}', '{NULL}', '{NULL}', '{NULL}', '{NULL}');
SELECT * FROM atelier.sync_people('{60}', ARRAY[repeat('c', 64)], '{NULL}', '{NULL}', '{6900}', '{NULL}');
SELECT * FROM atelier.sync_people('{60,62}', ARRAY[repeat('c', 64), repeat('c', 64)],
                                  '{NULL,NULL}', '{NULL,NULL}', '{NULL,NULL}', '{NULL,NULL}');
SELECT count(*) AS people_c FROM atelier.person WHERE pseudonym = repeat('c', 64);

-- Values that look like SQL or format strings are stored as they are.
SELECT * FROM atelier.sync_sites('{70}', '{sy-evil}', ARRAY[$$'); DROP TABLE atelier.site; --$$],
                                 ARRAY['%s%n%x %1$s'], '{NULL}', '{NULL}');
SELECT name, city FROM atelier.site WHERE code = 'sy-evil';

-- Full sync: what the lists do not name is deactivated, once.
-- (Each list names every row of the other test files, so that only this file's change.)
SELECT atelier.sync_deactivate_workstations(
           ARRAY(SELECT upper(hostname) FROM atelier.workstation WHERE hostname <> 'sy-pc-3'))
       AS workstations_deactivated;
SELECT atelier.sync_deactivate_workstations(
           ARRAY(SELECT hostname FROM atelier.workstation WHERE hostname <> 'sy-pc-3'))
       AS workstations_deactivated;
SELECT atelier.sync_deactivate_rooms(array_agg(s.code::text), array_agg(r.code::text)) AS rooms_deactivated
  FROM atelier.room r JOIN atelier.site s ON s.id = r.site_id
 WHERE (s.code, r.code) <> ('sy-main', 'salle');
SELECT r.code, r.active FROM atelier.room r JOIN atelier.site s ON s.id = r.site_id
 WHERE s.code = 'sy-main' ORDER BY 1;
SELECT atelier.sync_deactivate_staff(ARRAY(SELECT login FROM atelier.staff WHERE login <> 'sy.coord'))
       AS staff_deactivated;
SELECT atelier.sync_deactivate_sites(ARRAY(SELECT code::text FROM atelier.site WHERE code <> 'sy-evil'))
       AS sites_deactivated;
SELECT hostname, active FROM atelier.workstation WHERE hostname LIKE 'sy-%' ORDER BY 1;
SELECT login, active FROM atelier.staff WHERE login LIKE 'sy.%' ORDER BY 1;
SELECT code, active FROM atelier.site WHERE code LIKE 'sy-%' ORDER BY 1;
-- A NULL list would deactivate everything: it is refused.
SELECT atelier.sync_deactivate_sites(NULL);
SELECT atelier.sync_deactivate_rooms('{sy-main}', NULL);

-- A full sync may deactivate at most sync_full_max_deactivate_percent (20 %) of the active
-- sites, rooms, PCs or staff: past that it is refused, naming every count, and nothing
-- changes, unless the document says it means it.
CREATE TEMP TABLE active_before AS
SELECT (SELECT count(*) FROM atelier.site WHERE active) AS sites,
       (SELECT count(*) FROM atelier.room WHERE active) AS rooms,
       (SELECT count(*) FROM atelier.workstation WHERE active) AS pcs,
       (SELECT count(*) FROM atelier.staff WHERE active) AS staff;
SELECT sites > 0 AND rooms > 0 AND pcs > 0 AND staff > 0 AS something_active FROM active_before;
-- The refusal of a statement, its counts as 0 or N of # (they depend on the other test
-- files; the block below checks them exactly).
CREATE FUNCTION pg_temp.refusal(q text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE q;
    RETURN 'not refused';
EXCEPTION WHEN OTHERS THEN
    RETURN SQLSTATE || ': ' || regexp_replace(regexp_replace(SQLERRM, '\m[1-9][0-9]* of [0-9]+', 'N of #', 'g'),
                                              '\m0 of [0-9]+', '0 of #', 'g');
END
$$;
-- Empty sections: everything of their kind would go.  The message names every count.
SELECT pg_temp.refusal($$SELECT atelier.sync_deactivate_missing('{}', '{}', '{}', '{}', '{}')$$);
DO $$
BEGIN
    PERFORM atelier.sync_deactivate_missing('{}', NULL, NULL, NULL, NULL);
EXCEPTION WHEN OTHERS THEN
    RAISE NOTICE 'sqlstate %, counts named: %', SQLSTATE,
        SQLERRM = format('This full sync would deactivate %s of %s active sites, 0 of %s rooms, 0 of %s PCs and 0 of %s staff members: more than 20%% of one kind. Nothing was changed.',
                         (SELECT sites FROM active_before), (SELECT sites FROM active_before),
                         (SELECT rooms FROM active_before), (SELECT pcs FROM active_before),
                         (SELECT staff FROM active_before));
END
$$;
SELECT (SELECT count(*) FROM atelier.site WHERE active) = sites AS sites_kept,
       (SELECT count(*) FROM atelier.staff WHERE active) = staff AS staff_kept
  FROM active_before;
-- One section alone past the limit is enough; a NULL list (no such section) is left alone.
SELECT pg_temp.refusal($$SELECT atelier.sync_deactivate_missing(NULL, NULL, NULL, NULL, '{}')$$);
SELECT * FROM atelier.sync_deactivate_missing(NULL, NULL, NULL, NULL, NULL);
-- The functions of one kind keep the same rule.
SELECT pg_temp.refusal($$SELECT atelier.sync_deactivate_workstations('{}')$$);
-- In French.
SET atelier.lang = 'fr';
SELECT regexp_replace(m, '[0-9]+', '#', 'g') AS refus
  FROM pg_temp.refusal($$SELECT atelier.sync_deactivate_missing(NULL, NULL, NULL, NULL, '{}')$$) m;
RESET atelier.lang;
-- Meant: allow-mass-deactivation="true" in the document, or a network's own share.
BEGIN;
SELECT d.sites = s.sites AS all_sites, d.staff = s.staff AS all_staff
  FROM atelier.sync_deactivate_missing('{}', NULL, NULL, NULL, '{}', true) d, active_before s;
SELECT count(*) AS sites_still_active FROM atelier.site WHERE active;
ROLLBACK;
BEGIN;
SELECT atelier.setting_set('sync_full_max_deactivate_percent', 100);
SELECT d.staff = s.staff AS all_staff
  FROM atelier.sync_deactivate_missing(NULL, NULL, NULL, NULL, '{}') d, active_before s;
ROLLBACK;
-- Within the share: done without asking.
BEGIN;
SELECT * FROM atelier.sync_deactivate_missing(NULL, NULL, NULL,
    ARRAY(SELECT hostname FROM atelier.workstation WHERE active OFFSET 1), NULL);
ROLLBACK;

-- Only the host system's role may sync.
SET client_min_messages = warning;
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'regress_atelier_librarian') THEN
        CREATE ROLE regress_atelier_librarian LOGIN;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'regress_atelier_admin') THEN
        CREATE ROLE regress_atelier_admin LOGIN;
    END IF;
END
$$;
GRANT atelier_librarian TO regress_atelier_librarian;
GRANT atelier_admin TO regress_atelier_admin;
RESET client_min_messages;
SET ROLE regress_atelier_librarian;
SELECT * FROM atelier.sync_people('{1}', ARRAY[repeat('e', 64)], '{NULL}', '{NULL}', '{NULL}', '{NULL}');
SELECT atelier.sync_deactivate_staff('{}');
SELECT * FROM atelier.sync_deactivate_missing(NULL, NULL, NULL, NULL, NULL);
RESET ROLE;
SET ROLE regress_atelier_admin;
SELECT * FROM atelier.sync_people('{1}', ARRAY[repeat('e', 64)], '{NULL}', '{NULL}', '{NULL}', '{NULL}');
-- Helpers run for nobody but the functions that use them.
SELECT atelier.sync_batch_begin(1, 1);
RESET ROLE;

-- The row functions write through the same functions, one item with no line: a NULL
-- argument takes the default (city empty, time zone atelier.default_time_zone(), active,
-- no label), and a refused value gets the message for one value, not a line's.
SELECT atelier.site_upsert('sy-row', 'Site ligne', NULL, NULL, NULL);
SELECT atelier.site_upsert('sy-row', 'Site ligne');
SELECT code, city, time_zone, active, time_zone = atelier.default_time_zone() AS default_zone
  FROM atelier.site WHERE code = 'sy-row';
SELECT atelier.room_upsert('sy-row', 'salle', 'Salle', NULL);
SELECT atelier.workstation_upsert('SY-ROW-PC', 'sy-row', 'salle', NULL, NULL);
SELECT hostname, label, active FROM atelier.workstation WHERE hostname = 'sy-row-pc';
SELECT atelier.staff_upsert('sy.row', 'Rose Ligne', 'facilitator', ARRAY['sy-row'], NULL);
SELECT atelier.staff_upsert('sy.row', 'Rose Ligne', 'facilitator', ARRAY['sy-row']);
SELECT atelier.staff_upsert('sy.row', 'Rose Ligne', 'facilitator', '{}');
SELECT atelier.person_upsert(repeat('f', 64), '25_39', NULL, '69007');
SELECT atelier.person_upsert(repeat('f', 64), '25_39', NULL, '69007');
SELECT atelier.site_upsert('sy-row', 'Site ligne', NULL, 'Mars/Olympus');
SELECT atelier.site_upsert('sy row', 'Site ligne');
SELECT atelier.room_upsert('sy-nowhere', 'salle', 'Salle');
SELECT atelier.workstation_upsert('sy-row-pc', 'sy-row', 'cave');
SELECT atelier.staff_upsert('sy.row', 'Rose Ligne', 'janitor');
SELECT atelier.staff_upsert('sy.row', 'Rose Ligne', 'librarian', ARRAY['sy-pluto']);
SELECT atelier.person_upsert('NOT-A-PSEUDONYM');
SELECT atelier.person_upsert(NULL);
SELECT atelier.person_upsert(repeat('f', 64), NULL, NULL, '6900');
SELECT atelier.person_upsert(repeat('f', 64), '99_120');
-- A batch may not leave a person's pseudonym out either (it would be someone new).
SELECT * FROM atelier.sync_people('{80}', '{NULL}', '{NULL}', '{NULL}', '{NULL}', '{NULL}');
