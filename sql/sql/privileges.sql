-- Clients are granted functions, never tables: no client role reads or writes any
-- table directly, a public workstation runs only its two functions, internal helpers
-- run for nobody, and SECURITY DEFINER functions can not be led astray by the caller.
SET TIME ZONE 'Europe/Paris';

-- Login roles for each group role (public.regress_login, from schema.sql).
SELECT public.regress_login('regress_atelier_' || g, 'atelier_' || g) AS login_role
  FROM unnest(ARRAY['admin', 'librarian', 'workstation', 'reporter']) g;

-- Tries every kind of statement on every table of schema atelier as the current role.
-- A statement that is not refused is rolled back and named in not_refused.
CREATE FUNCTION pg_temp.probe_tables()
RETURNS TABLE (role name, tables integer, statements integer, refused integer, not_refused text[])
LANGUAGE plpgsql AS $$
DECLARE
    t    record;
    col  text;
    stmt text;
BEGIN
    role := current_user;
    tables := 0;
    statements := 0;
    refused := 0;
    not_refused := '{}';
    FOR t IN SELECT c.oid, format('atelier.%I', c.relname) AS rel
               FROM pg_class c
              WHERE c.relnamespace = 'atelier'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
              ORDER BY c.relname LOOP
        tables := tables + 1;
        SELECT quote_ident(a.attname) INTO col FROM pg_attribute a
         WHERE a.attrelid = t.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
         ORDER BY a.attnum LIMIT 1;
        FOREACH stmt IN ARRAY ARRAY[
            format('SELECT * FROM %s LIMIT 1', t.rel),
            format('INSERT INTO %s DEFAULT VALUES', t.rel),
            format('UPDATE %s SET %s = DEFAULT', t.rel, col),
            format('DELETE FROM %s', t.rel),
            format('TRUNCATE %s CASCADE', t.rel)] LOOP
            statements := statements + 1;
            BEGIN
                EXECUTE stmt;
                RAISE EXCEPTION 'not refused';   -- undoes what the statement did
            EXCEPTION
                WHEN insufficient_privilege THEN
                    refused := refused + 1;
                WHEN raise_exception THEN
                    not_refused := not_refused || stmt;
                WHEN OTHERS THEN
                    not_refused := not_refused || (stmt || ' (' || SQLSTATE || ')');
            END;
        END LOOP;
    END LOOP;
    RETURN NEXT;
END
$$;

-- Runs a statement; says ok, or the SQLSTATE and message of its error.
CREATE FUNCTION pg_temp.try(p_sql text) RETURNS text
LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE p_sql;
    RETURN 'ok';
EXCEPTION WHEN OTHERS THEN
    RETURN SQLSTATE || ': ' || SQLERRM;
END
$$;

-- Fixtures, by the superuser.
SELECT atelier.site_upsert('PRIV', 'Médiathèque des droits');
SELECT atelier.workstation_upsert('priv-pc1', 'PRIV');
SELECT atelier.staff_upsert('priv.lib', 'Lina Privat', 'librarian', ARRAY['PRIV']);
SELECT atelier.staff_upsert('priv.coord', 'Colette Privat', 'coordinator');

-- 1. No table is readable or writable by any client role, not even the host's (admin).
SET ROLE regress_atelier_admin;
SELECT * FROM pg_temp.probe_tables();
SET ROLE regress_atelier_librarian;
SELECT * FROM pg_temp.probe_tables();
SET ROLE regress_atelier_workstation;
SELECT * FROM pg_temp.probe_tables();
SET ROLE regress_atelier_reporter;
SELECT * FROM pg_temp.probe_tables();
RESET ROLE;

-- Nor any sequence.
SELECT r AS role, count(*) FILTER (WHERE has_sequence_privilege(r, c.oid, 'SELECT,USAGE,UPDATE')) AS sequences_usable
  FROM unnest(ARRAY['regress_atelier_admin', 'regress_atelier_librarian',
                    'regress_atelier_workstation', 'regress_atelier_reporter']) r
 CROSS JOIN pg_class c
 WHERE c.relnamespace = 'atelier'::regnamespace AND c.relkind = 'S'
 GROUP BY r ORDER BY r;

-- 2. Functions. PUBLIC may execute none of them (a NULL ACL would mean PUBLIC may).
SELECT count(*) AS functions_public_may_execute
  FROM pg_proc p
 WHERE p.pronamespace = 'atelier'::regnamespace
   AND (p.proacl IS NULL
        OR EXISTS (SELECT 1 FROM aclexplode(p.proacl) a
                    WHERE a.grantee = 0 AND a.privilege_type = 'EXECUTE'));

-- Grants sit next to their functions, before 89_owner.sql gives everything to
-- atelier_owner: what pg_dump takes for the extension's initial privileges
-- (pg_init_privs) must still be each function's privileges, every grant by atelier_owner.
SELECT p.oid::regprocedure AS init_privs_differ
  FROM pg_proc p LEFT JOIN pg_init_privs i ON i.objoid = p.oid AND i.classoid = 'pg_proc'::regclass
 WHERE p.pronamespace = 'atelier'::regnamespace
   AND (i.initprivs IS DISTINCT FROM p.proacl
        OR EXISTS (SELECT 1 FROM aclexplode(p.proacl) a WHERE a.grantor <> 'atelier_owner'::regrole))
 ORDER BY 1;

-- A public workstation may run exactly two functions.
SELECT p.proname AS workstation_may_execute
  FROM pg_proc p
 WHERE p.pronamespace = 'atelier'::regnamespace
   AND has_function_privilege('regress_atelier_workstation', p.oid, 'EXECUTE')
 ORDER BY 1;

-- A reporter reads figures and reference lists.
SELECT p.proname AS reporter_may_execute
  FROM pg_proc p
 WHERE p.pronamespace = 'atelier'::regnamespace
   AND has_function_privilege('regress_atelier_reporter', p.oid, 'EXECUTE')
 ORDER BY 1;

-- How many each role may run (a librarian is a reporter, an admin a librarian), and
-- that every function a client may run is a SECURITY DEFINER API function.
SELECT r AS role,
       count(*) FILTER (WHERE has_function_privilege(r, p.oid, 'EXECUTE')) AS may_execute,
       count(*) FILTER (WHERE has_function_privilege(r, p.oid, 'EXECUTE') AND NOT p.prosecdef)
           AS may_execute_not_definer
  FROM unnest(ARRAY['regress_atelier_admin', 'regress_atelier_librarian',
                    'regress_atelier_workstation', 'regress_atelier_reporter']) r
 CROSS JOIN pg_proc p
 WHERE p.pronamespace = 'atelier'::regnamespace
 GROUP BY r ORDER BY r;

-- Internal helpers (no token, or trusted arguments) run for no client role at all.
SELECT p.proname AS helper_some_client_may_execute
  FROM pg_proc p
 WHERE p.pronamespace = 'atelier'::regnamespace
   AND p.proname IN ('actor', 'raise', 'insert_booking', 'insert_session', 'current_actor',
                     'require_site', 'require_role', 'person_id', 'ticket_for_change',
                     'enrol_into', 'unenrol_from', 'lock_enrolment_target')
   AND (has_function_privilege('regress_atelier_admin', p.oid, 'EXECUTE')
        OR has_function_privilege('regress_atelier_workstation', p.oid, 'EXECUTE'));

-- 3. The workstation role is refused every other function (42501).
SET ROLE regress_atelier_workstation;
SELECT pg_temp.try($$SELECT atelier.staff_session_open('priv.lib')$$) AS staff_session_open;
SELECT pg_temp.try($$SELECT atelier.ticket_open('00000000-0000-0000-0000-000000000001', 'PRIV', ARRAY['email'])$$) AS ticket_open;
SELECT pg_temp.try($$SELECT * FROM atelier.monthly_report('2026-11-01', 'PRIV')$$) AS monthly_report;
SELECT pg_temp.try($$SELECT atelier.site_upsert('EVIL', 'Evil')$$) AS site_upsert;
-- ... and may run its own (an unknown PC gets a clear error, not a permission error).
SELECT pg_temp.try($$SELECT * FROM atelier.check_access('nowhere-pc', repeat('a', 64))$$) AS check_access;
SELECT allowed, reason FROM atelier.check_access('priv-pc1', repeat('a', 64), NULL, '2026-11-10 14:00+01');
RESET ROLE;

-- 4. A librarian: its functions work...
SET ROLE regress_atelier_librarian;
SELECT atelier.staff_session_open('priv.lib') AS tok \gset
SELECT atelier.ticket_open(:'tok', 'PRIV', ARRAY['email'], p_workstation => 'priv-pc1') AS tid \gset
SELECT site, opened_by, workstation, themes, state FROM atelier.ticket_show(:'tok', :tid);
-- ... but it reads and writes no table, not even the ticket it just opened ...
SELECT pg_temp.try(format('SELECT * FROM atelier.ticket WHERE id = %s', :tid)) AS read_ticket;
SELECT pg_temp.try($$SELECT * FROM atelier.staff_session$$) AS read_sessions;
SELECT pg_temp.try(format('UPDATE atelier.ticket SET state = %L WHERE id = %s', 'resolved', :tid)) AS write_ticket;
SELECT pg_temp.try($$INSERT INTO atelier.staff_session (staff_id, expires_at) VALUES (1, 'infinity')$$) AS forge_session;
-- ... and calls no internal helper.
SELECT pg_temp.try(format('SELECT atelier.actor(%L)', :'tok')) AS actor;
SELECT pg_temp.try($$SELECT atelier.raise('site_unknown', 'X')$$) AS raise;
SELECT pg_temp.try($$SELECT atelier.insert_booking(NULL::atelier.staff, NULL::atelier.workstation, NULL, NULL, NULL)$$) AS insert_booking;
SELECT pg_temp.try($$SELECT atelier.current_actor()$$) AS current_actor;
-- Setting atelier.actor to a coordinator's id does not make the librarian one: every API
-- function takes the actor from its session token.
SELECT atelier.ticket_move(:'tok', :tid, 'resolved');
RESET ROLE;
SELECT id AS coord_id FROM atelier.staff WHERE login = 'priv.coord' \gset
SET ROLE regress_atelier_librarian;
SET atelier.actor = :'coord_id';
SELECT regexp_replace(pg_temp.try(format('SELECT atelier.ticket_move(%L, %s, %L)', :'tok', :tid, 'open')),
                      '#[0-9]+', '#N') AS reopen_as_fake_coordinator;
RESET atelier.actor;

-- 5. SECURITY DEFINER functions pin search_path = pg_catalog, pg_temp. pg_temp is the
-- caller's: a body naming a table without its schema would read the caller's look-alike.
-- The librarian shadows every atelier table (and lower()) in pg_temp and puts pg_temp
-- first on its path; the API still works on atelier's own objects.
SET regress.tok = :'tok';
DO $$
DECLARE
    t name;
BEGIN
    FOR t IN SELECT relname FROM pg_class
              WHERE relnamespace = 'atelier'::regnamespace AND relkind = 'r' LOOP
        EXECUTE format('CREATE TEMP TABLE %I (id bigint, code text, login text, token uuid)', t);
        EXECUTE format('INSERT INTO pg_temp.%I VALUES (-1, %L, %L, %L)', t, 'PRIV', 'priv.lib',
                       current_setting('regress.tok'));
    END LOOP;
END
$$;
CREATE FUNCTION pg_temp.lower(text) RETURNS text LANGUAGE sql AS $$ SELECT 'hijacked' $$;
SET search_path = pg_temp, atelier, public;
SELECT count(*) AS fake_tables FROM pg_class WHERE relnamespace = pg_my_temp_schema() AND relkind = 'r';
SELECT code AS fake_site FROM site;
SELECT atelier.staff_session_open('priv.lib') AS tok2 \gset
SELECT atelier.ticket_open(:'tok2', 'PRIV', ARRAY['navigation'], p_workstation => 'PRIV-PC1') AS tid2 \gset
SELECT atelier.ticket_move(:'tok2', :tid2, 'abandoned');
SELECT site, opened_by, workstation, themes, state FROM atelier.ticket_show(:'tok2', :tid2);
SELECT staff, kind, from_state, to_state FROM atelier.ticket_timeline(:'tok2', :tid2);
SELECT site, opened_by, state, themes FROM atelier.ticket_list(:'tok2', 'PRIV') ORDER BY ticket_id;
SELECT login, role, sites FROM atelier.whoami(:'tok2');
RESET search_path;
RESET ROLE;
-- The tickets were written to atelier's tables, at atelier's site and PC.
SELECT s.code, w.hostname, t.themes
  FROM atelier.ticket t JOIN atelier.site s ON s.id = t.site_id
  LEFT JOIN atelier.workstation w ON w.id = t.workstation_id
 WHERE t.id IN (:tid, :tid2) ORDER BY t.id;

-- 6. Who may open a staff session for whom.  A staff member's own database role is
-- named like their atelier login (PostgreSQL checked their password: pam or ldap in
-- pg_hba.conf); such a plain login opens a session only for itself.  SET SESSION
-- AUTHORIZATION makes it the session's user, as a real login would be.
SELECT public.regress_login('regress_atelier_service', 'atelier_service') AS service,
       public.regress_login('regress_atelier_coord', 'atelier_librarian') AS own_login;
SELECT atelier.staff_upsert('regress_atelier_librarian', 'Lou Role', 'librarian', ARRAY['PRIV']);
SELECT atelier.staff_upsert('regress_atelier_coord', 'Remi Role', 'coordinator');
SELECT atelier.staff_upsert('priv.gone', 'Gaston Parti', 'librarian', ARRAY['PRIV'], false);
SET SESSION AUTHORIZATION regress_atelier_librarian;
SELECT session_user, atelier.trusted_service();
-- Another staff member, a login that does not exist, no login at all: the same refusal,
-- before any look-up (a plain login learns nothing about the staff list).
SELECT pg_temp.try($$SELECT atelier.staff_session_open('priv.coord')$$) AS open_for_coordinator;
SELECT pg_temp.try($$SELECT atelier.staff_session_open('priv.nobody')$$) AS open_for_unknown;
SELECT pg_temp.try($$SELECT atelier.staff_session_open(NULL)$$) AS open_for_null;
-- SET ROLE does not change who authenticated.
SET ROLE atelier_librarian;
SELECT pg_temp.try($$SELECT atelier.staff_session_open('priv.coord')$$) AS open_for_coordinator_after_set_role;
RESET ROLE;
-- Its own login: a session, by default the longest a librarian's role allows.
SELECT atelier.staff_session_open('regress_atelier_librarian') AS own \gset
SELECT login, role FROM atelier.whoami(:'own');
-- Longer than the role allows is refused, with the longest allowed in the message.
SELECT pg_temp.try($$SELECT atelier.staff_session_open('regress_atelier_librarian', 481)$$) AS librarian_481;
SELECT atelier.staff_session_open('regress_atelier_librarian', 480) AS own480 \gset
SELECT pg_temp.try($$SELECT atelier.staff_session_open('regress_atelier_librarian', 0)$$) AS librarian_0;
RESET SESSION AUTHORIZATION;
SELECT ss.token = :'own' AS own_default, ss.expires_at - ss.created_at AS length
  FROM atelier.staff_session ss WHERE ss.token IN (:'own', :'own480') ORDER BY 1 DESC;

-- A coordinator's own role: at most 4 hours unless the network says otherwise.
SET SESSION AUTHORIZATION regress_atelier_coord;
SELECT pg_temp.try($$SELECT atelier.staff_session_open('regress_atelier_coord', 241)$$) AS coordinator_241;
SELECT atelier.staff_session_open('regress_atelier_coord') AS coord \gset
RESET SESSION AUTHORIZATION;
SELECT expires_at - created_at AS coordinator_default FROM atelier.staff_session WHERE token = :'coord';
-- The caps are network settings, within bounds the database checks.
SELECT atelier.setting_set('staff_session_max_minutes_coordinator', 600);
SELECT pg_temp.try($$SELECT atelier.setting_set('staff_session_max_minutes_librarian', 2000)$$) AS cap_2000;
SET SESSION AUTHORIZATION regress_atelier_coord;
SELECT atelier.staff_session_open('regress_atelier_coord', 600) AS coord600 \gset
RESET SESSION AUTHORIZATION;
SELECT expires_at - created_at AS coordinator_600 FROM atelier.staff_session WHERE token = :'coord600';
DELETE FROM atelier.setting_value WHERE key LIKE 'staff_session_max_minutes_%';

-- A trusted service (a member of atelier_service: a desk server, the host system) opens
-- a session for any active staff login, within the same caps.
SET SESSION AUTHORIZATION regress_atelier_service;
SELECT atelier.trusted_service();
SELECT login FROM atelier.whoami(atelier.staff_session_open('priv.coord'));
SELECT login FROM atelier.whoami(atelier.staff_session_open('priv.lib', 15));
SELECT pg_temp.try($$SELECT atelier.staff_session_open('priv.lib', 481)$$) AS service_librarian_481;
SELECT pg_temp.try($$SELECT atelier.staff_session_open('priv.gone')$$) AS service_inactive;
SELECT pg_temp.try($$SELECT atelier.staff_session_open('priv.nobody')$$) AS service_unknown;
RESET SESSION AUTHORIZATION;
-- The host system's role is a trusted service; a workstation's and a reporter's are not.
SELECT r AS role, pg_has_role(r, 'atelier_service', 'MEMBER') AS trusted_service
  FROM unnest(ARRAY['atelier_admin', 'atelier_librarian', 'atelier_workstation',
                    'atelier_reporter', 'atelier_service']) r ORDER BY 1;
DELETE FROM atelier.staff_session;
DELETE FROM atelier.staff WHERE login IN ('regress_atelier_librarian', 'regress_atelier_coord',
                                          'priv.gone');
-- Everything of the extension belongs to atelier_owner, not to the superuser who created
-- it: a SECURITY DEFINER function runs with the privileges of atelier's own objects only.
SELECT pg_get_userbyid(p.proowner) AS definer_owner, count(*) > 0 AS some
  FROM pg_proc p WHERE p.pronamespace = 'atelier'::regnamespace AND p.prosecdef GROUP BY 1;
SELECT kind, pg_get_userbyid(owner) AS owner, count(*) > 0 AS some
  FROM (SELECT 'schema' AS kind, n.nspowner AS owner FROM pg_namespace n WHERE n.nspname = 'atelier'
        UNION ALL SELECT 'function', p.proowner FROM pg_proc p WHERE p.pronamespace = 'atelier'::regnamespace
        UNION ALL SELECT 'relation ' || c.relkind::text, c.relowner FROM pg_class c
                   WHERE c.relnamespace = 'atelier'::regnamespace
        UNION ALL SELECT 'type ' || t.typtype::text, t.typowner FROM pg_type t
                   WHERE t.typnamespace = 'atelier'::regnamespace) o
 GROUP BY 1, 2 ORDER BY 1, 2;
-- ... and nothing else: no object outside schema atelier.
SELECT pg_describe_object(classid, objid, 0) AS owned_elsewhere
  FROM pg_shdepend
 WHERE refclassid = 'pg_authid'::regclass AND deptype = 'o'
   AND refobjid = 'atelier_owner'::regrole
   AND NOT (classid = 'pg_namespace'::regclass AND objid = 'atelier'::regnamespace)
   AND pg_describe_object(classid, objid, 0) !~ 'atelier\.'
 ORDER BY 1;
-- atelier_owner can not log in, has no special attribute, is a member of no role, and no
-- role is a member of it: no client can become it.
SELECT rolname, rolcanlogin, rolsuper, rolcreaterole, rolcreatedb, rolreplication, rolbypassrls,
       rolinherit
  FROM pg_roles WHERE rolname = 'atelier_owner';
SELECT pg_get_userbyid(roleid) AS role, pg_get_userbyid(member) AS member
  FROM pg_auth_members
 WHERE roleid = 'atelier_owner'::regrole OR member = 'atelier_owner'::regrole;
SET SESSION AUTHORIZATION regress_atelier_admin;
SET ROLE atelier_owner;
RESET SESSION AUTHORIZATION;

-- Clean up: this file's data, then its roles.
DELETE FROM atelier.ticket WHERE site_id = (SELECT id FROM atelier.site WHERE code = 'PRIV');
DELETE FROM atelier.staff WHERE login IN ('priv.lib', 'priv.coord');
DELETE FROM atelier.workstation WHERE hostname = 'priv-pc1';
DELETE FROM atelier.site WHERE code = 'PRIV';
DROP OWNED BY regress_atelier_admin, regress_atelier_librarian,
              regress_atelier_workstation, regress_atelier_reporter, regress_atelier_service,
              regress_atelier_coord;
DROP ROLE regress_atelier_admin, regress_atelier_librarian,
          regress_atelier_workstation, regress_atelier_reporter, regress_atelier_service,
          regress_atelier_coord;
