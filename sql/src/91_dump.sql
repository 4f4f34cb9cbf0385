-- Extension tables are left out of pg_dump unless marked: mark every table that holds
-- the library's data (and its identity sequence), so a backup keeps it.
DO $dump$
DECLARE
    t   text;
    seq text;
BEGIN
    FOREACH t IN ARRAY ARRAY['site', 'room', 'workstation',
                             'workshop', 'workshop_theme', 'series', 'course', 'session',
                             'booking', 'enrolment', 'attendance', 'ticket', 'ticket_event',
                             'usage_session'] LOOP
        PERFORM pg_catalog.pg_extension_config_dump(('atelier.' || t)::regclass, '');
        seq := NULL;
        IF EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a
                    WHERE a.attrelid = ('atelier.' || t)::regclass AND a.attname = 'id') THEN
            seq := pg_catalog.pg_get_serial_sequence('atelier.' || t, 'id');
        END IF;
        IF seq IS NOT NULL THEN
            EXECUTE pg_catalog.format('COMMENT ON SEQUENCE %s IS %L', seq,
                                      'numbers the rows of atelier.' || t);
            PERFORM pg_catalog.pg_extension_config_dump(seq::regclass, '');
        END IF;
    END LOOP;
END
$dump$;
SELECT pg_catalog.pg_extension_config_dump('atelier.term', 'WHERE NOT builtin');
-- Settings a network changed are its data; the shipped rows come back with the extension.
SELECT pg_catalog.pg_extension_config_dump('atelier.setting_value', '');
