-- SPDX-License-Identifier: LGPL-2.1-or-later
-- Network settings: the values a rule depends on that a network may tune (the
-- small-count threshold of reports, the longest PC session believed, ...).  Each
-- has bounds the database checks, so a setting can be tuned but never turned off;
-- the rules read them with atelier.setting(key), never a copy in a client.
CREATE TABLE atelier.setting (
    key         text PRIMARY KEY CHECK (key ~ '^[a-z][a-z0-9_]*$'),
    value       integer NOT NULL,
    min_value   integer NOT NULL,
    max_value   integer NOT NULL,
    description text NOT NULL,
    CHECK (min_value <= max_value),
    CHECK (value BETWEEN min_value AND max_value)
);
COMMENT ON TABLE atelier.setting IS
    'network settings that rules depend on: the shipped value and the bounds any value must stay within';

-- What a network changed lives apart from the shipped rows, so that pg_dump keeps it
-- and a restore (which creates the extension, shipped rows included) does not clash.
CREATE TABLE atelier.setting_value (
    key   text PRIMARY KEY REFERENCES atelier.setting ON DELETE CASCADE,
    value integer NOT NULL
);
COMMENT ON TABLE atelier.setting_value IS
    'the network''s own value of a setting, where it changed the shipped one (bounds checked by atelier.setting_set)';
SELECT atelier.dump_with_extension('atelier.setting_value');

INSERT INTO atelier.setting (key, value, min_value, max_value, description) VALUES
('report_min_count', 11, 2, 1000,
 'the smallest count of people a report shows; smaller counts are suppressed, whoever asks'),
('usage_max_session_hours', 24, 1, 168,
 'the longest PC session believed: a longer one is clipped to it (usage_session.clipped) and never counted whole'),
('sync_full_max_deactivate_percent', 20, 0, 100,
 'a full sync may deactivate at most this share of the active sites, rooms, PCs or staff unless the document says it means it'),
('staff_session_max_minutes_librarian', 480, 5, 1440,
 'the longest staff session of a librarian or a facilitator, in minutes (a day''s shift); a longer one is refused'),
('staff_session_max_minutes_coordinator', 240, 5, 1440,
 'the longest staff session of a coordinator or an administrator, in minutes: they may do more, so a session left open is worth more; a longer one is refused');
-- How far ahead of the server's clock a PC's event may be dated (its clock runs fast).
INSERT INTO atelier.setting (key, value, min_value, max_value, description) VALUES
('usage_clock_skew_minutes', 5, 1, 60,
 'how many minutes ahead of the database server''s clock a PC event may be dated; a later one is refused');
-- How long before a booking a public PC is held for it (atelier.check_access); a PC's
-- own configuration (pam_atelier grace=) may ask for another value.
INSERT INTO atelier.setting (key, value, min_value, max_value, description) VALUES
('access_grace_minutes', 15, 0, 1440,
 'how many minutes before a booking a login on its PC is told the booking is near (booking_soon), when the PC asks for no other grace period');
-- Bounds on what one operation may create.
INSERT INTO atelier.setting (key, value, min_value, max_value, description) VALUES
('series_max_sessions', 260, 1, 260,
 'the most sessions one series or course may have (260: five years, weekly); a longer one is refused, never cut short');

CREATE FUNCTION atelier.setting(p_key text) RETURNS integer
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v integer;
BEGIN
    SELECT COALESCE(o.value, s.value) INTO v
      FROM atelier.setting s LEFT JOIN atelier.setting_value o ON o.key = s.key
     WHERE s.key = p_key;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'atelier: no setting %', p_key;
    END IF;
    RETURN v;
END
$$;
COMMENT ON FUNCTION atelier.setting(text) IS
    'the value of a network setting (internal: rules call it; an unknown key is a programming error)';

CREATE FUNCTION atelier.setting_set(p_key text, p_value integer) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    s atelier.setting;
BEGIN
    SELECT * INTO s FROM atelier.setting WHERE key = p_key;
    IF NOT FOUND THEN
        PERFORM atelier.raise('invalid_value', 'setting', COALESCE(p_key, ''));
    END IF;
    IF p_value IS NULL OR p_value NOT BETWEEN s.min_value AND s.max_value THEN
        PERFORM atelier.raise('invalid_value', p_key, COALESCE(p_value::text, ''));
    END IF;
    INSERT INTO atelier.setting_value AS o (key, value) VALUES (p_key, p_value)
    ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value;
    RETURN p_value;
END
$$;
COMMENT ON FUNCTION atelier.setting_set(text, integer) IS
    'changes a network setting within its bounds (the host system''s administrator); returns the new value';
GRANT EXECUTE ON FUNCTION atelier.setting_set(text, integer) TO atelier_admin;
