-- SPDX-License-Identifier: LGPL-2.1-or-later
-- The owner of everything above: atelier_owner (01_roles.sql), not the superuser who
-- ran CREATE EXTENSION, so that a SECURITY DEFINER function runs with the privileges of
-- this extension's own objects and nothing more (least privilege).  It owns the schema,
-- the tables (with their indexes, row types and identity sequences), the domains and
-- every function; the objects stay members of the extension, so DROP EXTENSION and
-- pg_dump treat them as before.  After every object exists and before any GRANT or
-- REVOKE (90_privileges.sql), so that the initial privileges pg_dump compares with
-- (pg_init_privs) name atelier_owner, not the superuser who ran CREATE EXTENSION, who
-- alone may give an object to another role.  The schema is given in 01_roles.sql,
-- before its first GRANT, for the same reason.

DO $owner$
DECLARE
    o record;
BEGIN
    FOR o IN
        SELECT d.classid, d.objid FROM pg_catalog.pg_depend d
         WHERE d.deptype = 'e' AND d.refclassid = 'pg_catalog.pg_extension'::regclass
           AND d.refobjid = (SELECT e.oid FROM pg_catalog.pg_extension e WHERE e.extname = 'atelier')
         ORDER BY d.classid, d.objid
    LOOP
        IF o.classid = 'pg_catalog.pg_proc'::regclass THEN
            EXECUTE pg_catalog.format('ALTER ROUTINE %s OWNER TO atelier_owner', o.objid::regprocedure);
        ELSIF o.classid = 'pg_catalog.pg_class'::regclass THEN
            -- A table takes its indexes, row type and identity sequence along; such a
            -- sequence can not be given on its own.
            IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend s
                            WHERE s.classid = 'pg_catalog.pg_class'::regclass AND s.objid = o.objid
                              AND s.refclassid = 'pg_catalog.pg_class'::regclass AND s.deptype IN ('a', 'i')) THEN
                EXECUTE pg_catalog.format('ALTER TABLE %s OWNER TO atelier_owner', o.objid::regclass);
            END IF;
        ELSIF o.classid = 'pg_catalog.pg_type'::regclass THEN
            EXECUTE pg_catalog.format(
                CASE WHEN (SELECT t.typtype FROM pg_catalog.pg_type t WHERE t.oid = o.objid) = 'd'
                     THEN 'ALTER DOMAIN %s OWNER TO atelier_owner' ELSE 'ALTER TYPE %s OWNER TO atelier_owner' END,
                o.objid::regtype);
        ELSE
            RAISE EXCEPTION 'atelier: no owner rule for %', pg_catalog.pg_describe_object(o.classid, o.objid, 0);
        END IF;
    END LOOP;
END
$owner$;
