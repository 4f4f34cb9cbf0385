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

-- Public workstations: record usage, check access; nothing else.
GRANT EXECUTE ON FUNCTION
    atelier.record_usage_event(uuid, text, text, text, timestamptz, uuid),
    atelier.check_access(text, text, text, timestamptz, integer)
TO atelier_workstation;

-- Figures and reference lists, nothing personal.
GRANT EXECUTE ON FUNCTION
    atelier.monthly_report(date, text, integer),
    atelier.report_min_count(),
    atelier.term_list(text, text),
    atelier.site_list(),
    atelier.workshop_list()
TO atelier_reporter;

-- The desk: every staff operation (each names its session token; staff sessions: 21_api_admin.sql).
GRANT EXECUTE ON FUNCTION
    atelier.workshop_add(uuid, text, text, text, integer, text[], text),
    atelier.session_schedule(uuid, text, text, timestamptz, integer, integer, text, text, text),
    atelier.series_schedule(uuid, text, text, timestamptz, integer, integer, integer, date, integer, text, text, text),
    atelier.course_schedule(uuid, text, text, text, timestamptz, integer, integer, integer, date, integer, text, text, text),
    atelier.session_cancel(uuid, bigint),
    atelier.session_list(uuid, text, timestamptz, timestamptz),
    atelier.book_session(uuid, bigint, integer, text[]),
    atelier.book_person(uuid, text, text, timestamptz, timestamptz),
    atelier.booking_cancel(uuid, bigint),
    atelier.session_bookings(uuid, bigint),
    atelier.enrol(uuid, bigint, text),
    atelier.enrol_course(uuid, bigint, text),
    atelier.unenrol(uuid, bigint, text),
    atelier.unenrol_course(uuid, bigint, text),
    atelier.attend(uuid, bigint, text, text),
    atelier.session_roster(uuid, bigint),
    atelier.ticket_open(uuid, text, text[], text, text, text, text, integer, text, text[]),
    atelier.ticket_update(uuid, bigint, text[], text[], text, text, text, integer, text, text),
    atelier.ticket_move(uuid, bigint, text, text, text, integer),
    atelier.ticket_list(uuid, text, text, timestamptz, timestamptz, integer),
    atelier.ticket_show(uuid, bigint),
    atelier.ticket_timeline(uuid, bigint)
TO atelier_librarian;

-- The network's settings (the host system's sync: 21_api_admin.sql, 28_api_sync.sql).
GRANT EXECUTE ON FUNCTION
    atelier.setting_set(text, integer)
TO atelier_admin;
