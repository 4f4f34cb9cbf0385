-- The extension installs cleanly, every object lives in schema atelier and carries a comment.
SET client_min_messages = warning;
CREATE EXTENSION atelier CASCADE;
RESET client_min_messages;

SELECT extname, extversion, extnamespace::regnamespace AS schema
  FROM pg_extension WHERE extname = 'atelier';

-- Every member object of the extension is in schema atelier.
SELECT pg_describe_object(classid, objid, objsubid) AS outside_schema
  FROM pg_depend d
 WHERE d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e'
   AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'atelier')
   AND pg_describe_object(classid, objid, objsubid) NOT LIKE '%atelier.%'
 ORDER BY 1;

-- Every member object carries a COMMENT ON (tables, functions, domains, indexes, ...).
SELECT pg_describe_object(classid, objid, objsubid) AS without_comment
  FROM pg_depend d
 WHERE d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e'
   AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'atelier')
   AND d.classid <> 'pg_type'::regclass          -- row types of tables, commented as tables
   AND obj_description(objid, classid::regclass::text) IS NULL
 ORDER BY 1;

-- Indexes that back constraints are commented through their constraint: check those too.
SELECT conrelid::regclass AS rel, conname AS constraint_without_comment
  FROM pg_constraint c
 WHERE connamespace = 'atelier'::regnamespace AND contype IN ('x')
   AND obj_description(c.oid, 'pg_constraint') IS NULL
 ORDER BY 1, 2;

-- Triggers are not member objects of the extension: their comments are checked here.
SELECT t.tgrelid::regclass AS rel, t.tgname AS trigger_without_comment
  FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
 WHERE c.relnamespace = 'atelier'::regnamespace AND NOT t.tgisinternal
   AND obj_description(t.oid, 'pg_trigger') IS NULL
 ORDER BY 1, 2;

-- pg_dump leaves out an extension's tables unless marked (pg_extension_config_dump):
-- every table holding the library's data is marked, and so is its identity sequence.
-- Only the tables whose rows all ship with the extension are not.
SELECT c.oid::regclass AS data_not_dumped
  FROM pg_class c
 WHERE c.relnamespace = 'atelier'::regnamespace AND c.relkind IN ('r', 'S')
   AND c.relname NOT IN ('message', 'setting', 'vocabulary')
   AND NOT c.oid = ANY ((SELECT extconfig FROM pg_extension WHERE extname = 'atelier')::oid[])
 ORDER BY 1;

-- The tables.
SELECT c.relname, obj_description(c.oid, 'pg_class') IS NOT NULL AS commented
  FROM pg_class c WHERE c.relnamespace = 'atelier'::regnamespace AND c.relkind = 'r'
 ORDER BY 1;

-- The group roles exist and cannot log in.
SELECT rolname, rolcanlogin FROM pg_roles WHERE rolname LIKE 'atelier\_%' ORDER BY 1;

-- The seeded vocabularies: 19 themes, 11 procedures, ...
SELECT vocabulary, count(*) FROM atelier.term GROUP BY 1 ORDER BY 1;

-- No column may hold a name, a phone number or an e-mail address of a person.
SELECT attname FROM pg_attribute
 WHERE attrelid = 'atelier.person'::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum;

-- Every SECURITY DEFINER function pins its search_path.
SELECT p.oid::regprocedure AS definer_without_search_path
  FROM pg_proc p
 WHERE p.pronamespace = 'atelier'::regnamespace AND p.prosecdef
   AND NOT EXISTS (SELECT 1 FROM unnest(p.proconfig) c WHERE c LIKE 'search_path=pg_catalog, pg_temp')
 ORDER BY 1;

-- Every error message exists in both languages, and every key raised has a message
-- (raised by atelier.raise, or by a lookup through atelier.found_or_raise).
SELECT key FROM atelier.message WHERE text_fr = '' OR text_en = '' OR hint_fr = '' OR hint_en = '';
SELECT DISTINCT k[1] AS raised_without_message
  FROM pg_proc p, regexp_matches(p.prosrc, '(?:atelier\.raise\(|atelier\.found_or_raise\(\(SELECT[^;]*?\),\s*)''([a-z_]+)''', 'g') k
 WHERE p.pronamespace = 'atelier'::regnamespace
   AND NOT EXISTS (SELECT 1 FROM atelier.message m WHERE m.key = k[1]);
SELECT count(DISTINCT k[1]) AS keys_raised
  FROM pg_proc p, regexp_matches(p.prosrc, '(?:atelier\.raise\(|atelier\.found_or_raise\(\(SELECT[^;]*?\),\s*)''([a-z_]+)''', 'g') k
 WHERE p.pronamespace = 'atelier'::regnamespace;
SELECT count(*) AS messages, count(DISTINCT sqlstate) AS distinct_sqlstates FROM atelier.message;

-- Every text a client may send has a length its meaning allows, checked in the
-- database by a domain (sql/src/02_support.sql).  The text columns below are the only
-- ones with no such domain: each is bounded otherwise (a list of values, a constant, a
-- pattern, a foreign key, or written only by the extension itself).
SELECT c.relname AS "table", a.attname AS unbounded_text_column
  FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
 WHERE c.relnamespace = 'atelier'::regnamespace AND c.relkind = 'r'
   AND a.attnum > 0 AND NOT a.attisdropped AND a.atttypid IN ('text'::regtype, 'text[]'::regtype)
 ORDER BY 1, 2;
-- The text domains and their length checks: the library turns a violation into "The
-- text is too long for <what> (at most N characters)" from the domain's and the
-- constraint's names, <domain>_at_most_<N>.
SELECT t.typname AS domain, c.conname
  FROM pg_type t JOIN pg_constraint c ON c.contypid = t.oid
 WHERE t.typnamespace = 'atelier'::regnamespace AND c.conname LIKE '%\_at\_most\_%'
 ORDER BY 1;

-- A 10 MiB site name is refused, with the domain and the constraint the client reads;
-- 200 characters are fine, and nothing of the refused call is stored.
\set SHOW_CONTEXT never
SELECT atelier.site_upsert('LEN', repeat('n', 10 * 1024 * 1024), 'Longville');
SELECT atelier.site_upsert('LEN', repeat('n', 201), 'Longville');
\echo SQLSTATE :SQLSTATE
DO $$
DECLARE
    schema text; domain text; con text;
BEGIN
    PERFORM atelier.site_upsert('LEN', repeat('n', 10 * 1024 * 1024), 'Longville');
EXCEPTION WHEN check_violation THEN
    GET STACKED DIAGNOSTICS schema = SCHEMA_NAME, domain = PG_DATATYPE_NAME, con = CONSTRAINT_NAME;
    RAISE NOTICE 'schema %, domain %, constraint %', schema, domain, con;
END
$$;
SELECT count(*) AS len_sites FROM atelier.site WHERE code = 'LEN';
SELECT atelier.site_upsert('LEN', repeat('n', 200), 'Longville') IS NOT NULL AS two_hundred_fine;
-- The same for the other kinds of text: a workshop title, a term label, a city, notes.
SELECT atelier.site_upsert('LEN', 'Longville', repeat('c', 201));
SELECT atelier.term_upsert('theme', 'len_theme', repeat('l', 201), 'Label');
SELECT atelier.staff_upsert(repeat('s', 257), 'Staff', 'librarian', ARRAY['LEN']);
SELECT atelier.staff_upsert('len.lib', repeat('s', 201), 'coordinator', ARRAY['LEN']);
SELECT atelier.staff_upsert('len.lib', 'Len', 'coordinator', ARRAY['LEN']) IS NOT NULL AS staff_added;
SELECT atelier.staff_session_open('len.lib') AS len_tok \gset
SELECT atelier.workshop_add(:'len_tok', 'len-ws', repeat('t', 201), 'debutant', 60, ARRAY['email']);
SELECT atelier.workshop_add(:'len_tok', 'len-ws', 'Titre', 'debutant', 60, ARRAY['email'],
                            repeat('d', 4001));
SELECT atelier.ticket_open(:'len_tok', 'LEN', ARRAY['email'], p_notes => repeat('x', 4001));
SELECT atelier.workstation_upsert('len-pc', 'LEN', NULL, repeat('l', 201));
SELECT atelier.workstation_upsert(repeat('h', 254), 'LEN');
-- A code too long and not a code: the length is checked first (constraints in name order).
SELECT atelier.site_upsert(repeat('!', 65), 'Longville');
-- A message quotes at most 200 characters of a value it refuses (here a time zone of 10 MiB).
SELECT atelier.site_upsert('LEN', 'Longville', '', repeat('z', 10 * 1024 * 1024));
\set SHOW_CONTEXT errors

-- Dropping and re-creating works (roles survive, nothing left behind).
DROP EXTENSION atelier;
SELECT count(*) AS objects_left FROM pg_class WHERE relnamespace = 'atelier'::regnamespace;
SET client_min_messages = warning;
CREATE EXTENSION atelier;
RESET client_min_messages;

-- The test files that follow act as login roles of their own, members of atelier's
-- group roles.  Roles are cluster-wide: this creates one only if missing.
CREATE FUNCTION public.regress_login(p_role name, VARIADIC p_groups name[])
RETURNS name LANGUAGE plpgsql AS $$
DECLARE
    g name;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = p_role) THEN
        EXECUTE format('CREATE ROLE %I LOGIN', p_role);
    END IF;
    FOREACH g IN ARRAY p_groups LOOP
        IF NOT pg_has_role(p_role, g, 'MEMBER') THEN
            EXECUTE format('GRANT %I TO %I', g, p_role);
        END IF;
    END LOOP;
    RETURN p_role;
END
$$;
