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

-- Every error message exists in both languages, and every key raised has a message.
SELECT key FROM atelier.message WHERE text_fr = '' OR text_en = '' OR hint_fr = '' OR hint_en = '';
SELECT DISTINCT k[1] AS raised_without_message
  FROM pg_proc p, regexp_matches(p.prosrc, 'atelier\.raise\(''([a-z_]+)''', 'g') k
 WHERE p.pronamespace = 'atelier'::regnamespace
   AND NOT EXISTS (SELECT 1 FROM atelier.message m WHERE m.key = k[1]);
SELECT count(DISTINCT k[1]) AS keys_raised
  FROM pg_proc p, regexp_matches(p.prosrc, 'atelier\.raise\(''([a-z_]+)''', 'g') k
 WHERE p.pronamespace = 'atelier'::regnamespace;
SELECT count(*) AS messages, count(DISTINCT sqlstate) AS distinct_sqlstates FROM atelier.message;

-- Dropping and re-creating works (roles survive, nothing left behind).
DROP EXTENSION atelier;
SELECT count(*) AS objects_left FROM pg_class WHERE relnamespace = 'atelier'::regnamespace;
SET client_min_messages = warning;
CREATE EXTENSION atelier;
RESET client_min_messages;
