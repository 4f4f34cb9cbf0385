-- Clients are granted functions, never tables. Functions are executable by PUBLIC
-- by default, so every function of this extension is revoked first.
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

-- The desk: staff sessions, then every staff operation (each names its session token).
GRANT EXECUTE ON FUNCTION
    atelier.staff_session_open(text, integer),
    atelier.trusted_service(),
    atelier.staff_session_close(uuid),
    atelier.whoami(uuid)
TO atelier_librarian;

-- The host system's sync, and the network's settings.
GRANT EXECUTE ON FUNCTION
    atelier.site_upsert(text, text, text, text, boolean),
    atelier.room_upsert(text, text, text, boolean),
    atelier.workstation_upsert(text, text, text, text, boolean),
    atelier.staff_upsert(text, text, text, text[], boolean),
    atelier.person_upsert(text, text, text, text, date),
    atelier.term_upsert(text, text, text, text, text, integer, boolean)
TO atelier_admin;

-- The host system's sync in batches, one transaction per document (28_api_sync.sql).
GRANT EXECUTE ON FUNCTION
    atelier.sync_sites(integer[], text[], text[], text[], text[], boolean[]),
    atelier.sync_rooms(integer[], text[], text[], text[], boolean[]),
    atelier.sync_workstations(integer[], text[], text[], text[], text[], boolean[]),
    atelier.sync_staff(integer[], text[], text[], text[], text[], boolean[]),
    atelier.sync_people(integer[], text[], text[], text[], text[], date[]),
    atelier.sync_deactivate_sites(text[], boolean),
    atelier.sync_deactivate_rooms(text[], text[], boolean),
    atelier.sync_deactivate_workstations(text[], boolean),
    atelier.sync_deactivate_staff(text[], boolean),
    atelier.sync_deactivate_missing(text[], text[], text[], text[], text[], boolean)
TO atelier_admin;
