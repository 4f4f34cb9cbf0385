-- SPDX-License-Identifier: LGPL-2.1-or-later
-- Clients are granted functions, never tables.  Each function's GRANT EXECUTE stands
-- right after its COMMENT ON, next to the function.  Functions are executable by
-- PUBLIC by default, so here, once every object exists, PUBLIC loses what it was
-- given: the tables, the sequences, and every function of this extension.  The grants
-- to atelier's own roles stay.
REVOKE ALL ON ALL TABLES IN SCHEMA atelier FROM PUBLIC;
REVOKE ALL ON ALL SEQUENCES IN SCHEMA atelier FROM PUBLIC;

DO $revoke$
DECLARE
    f regprocedure;
BEGIN
    FOR f IN
        SELECT d.objid::regprocedure FROM pg_catalog.pg_depend d
         WHERE d.classid = 'pg_catalog.pg_proc'::regclass AND d.deptype = 'e'
           AND d.refclassid = 'pg_catalog.pg_extension'::regclass
           AND d.refobjid = (SELECT e.oid FROM pg_catalog.pg_extension e WHERE e.extname = 'atelier')
    LOOP
        EXECUTE pg_catalog.format('REVOKE ALL ON FUNCTION %s FROM PUBLIC', f);
    END LOOP;
END
$revoke$;
