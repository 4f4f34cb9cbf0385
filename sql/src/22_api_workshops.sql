-- SPDX-License-Identifier: LGPL-2.1-or-later
-- The workshop catalogue and scheduling: one session, a series, or a course.

CREATE FUNCTION atelier.workshop_add(p_token uuid, p_code text, p_title text,
                                     p_level text DEFAULT NULL,
                                     p_minutes integer DEFAULT NULL,
                                     p_themes text[] DEFAULT '{}',
                                     p_description text DEFAULT '')
RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    actor atelier.staff := atelier.actor(p_token);
    wid   bigint;
    t     text;
BEGIN
    PERFORM atelier.require_role(actor, 'librarian', 'coordinator', 'admin');
    p_level := COALESCE(p_level, atelier.default_workshop_level());
    p_minutes := COALESCE(p_minutes, atelier.default_workshop_minutes());
    PERFORM atelier.require_term('level', p_level, NULL);
    FOREACH t IN ARRAY COALESCE(p_themes, '{}') LOOP
        PERFORM atelier.require_term('theme', t, NULL);
    END LOOP;
    IF EXISTS (SELECT 1 FROM atelier.workshop w WHERE w.code = p_code) THEN
        PERFORM atelier.raise('workshop_exists', p_code);
    END IF;
    INSERT INTO atelier.workshop (code, title, level, default_minutes, description)
    VALUES (p_code, p_title, p_level, p_minutes, COALESCE(p_description, ''))
    RETURNING id INTO wid;
    INSERT INTO atelier.workshop_theme (workshop_id, theme)
    SELECT DISTINCT wid, x FROM pg_catalog.unnest(p_themes) x;
    RETURN wid;
END
$$;
COMMENT ON FUNCTION atelier.workshop_add(uuid, text, text, text, integer, text[], text) IS
    'adds a workshop to the catalogue: code, title, level, default duration in minutes, themes';
GRANT EXECUTE ON FUNCTION atelier.workshop_add(uuid, text, text, text, integer, text[], text) TO atelier_librarian;

CREATE FUNCTION atelier.workshop_list()
RETURNS TABLE (code text, title text, level text, default_minutes integer,
               themes text[], description text, active boolean)
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT w.code, w.title, w.level, w.default_minutes,
           ARRAY(SELECT t.theme::text FROM atelier.workshop_theme t
                             WHERE t.workshop_id = w.id ORDER BY t.theme),
           w.description, w.active
      FROM atelier.workshop w
     ORDER BY w.title, w.code
$$;
COMMENT ON FUNCTION atelier.workshop_list() IS 'the workshop catalogue';
GRANT EXECUTE ON FUNCTION atelier.workshop_list() TO atelier_reporter;

CREATE FUNCTION atelier.plan_starts(p_first timestamptz, p_time_zone text, p_every_days integer,
                                    p_count integer, p_until date)
RETURNS SETOF timestamptz
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    local_first timestamp := pg_catalog.timezone(p_time_zone, p_first);
    most integer := atelier.setting('series_max_sessions');
    total bigint;
BEGIN
    IF p_every_days IS NULL OR p_every_days NOT BETWEEN 1 AND 366 THEN
        PERFORM atelier.raise('invalid_value', 'every', COALESCE(p_every_days::text, ''));
    END IF;
    IF pg_catalog.num_nonnulls(p_count, p_until) <> 1 THEN
        PERFORM atelier.raise('series_end_required');
    END IF;
    IF p_first IS NULL THEN
        PERFORM atelier.raise('invalid_value', 'start', '');
    END IF;
    IF p_count IS NOT NULL AND p_count < 1 THEN
        PERFORM atelier.raise('invalid_value', 'count', p_count::text);
    END IF;
    -- Each step is p_every_days days on the site's wall clock, so the number of
    -- sessions up to a date is known before any is made: one operation never makes
    -- more than the network allows, and a series is refused rather than cut short.
    total := COALESCE(p_count,
                      GREATEST((p_until - local_first::date) / p_every_days + 1, 0));
    IF total > most THEN
        PERFORM atelier.raise('series_too_long', most::text, total::text);
    END IF;
    -- Steps are taken on the site's wall clock, so 14:00 stays 14:00 across a DST change.
    FOR n IN 0 .. total - 1 LOOP
        RETURN NEXT pg_catalog.timezone(p_time_zone,
                                        local_first + pg_catalog.make_interval(days => n * p_every_days));
    END LOOP;
END
$$;
COMMENT ON FUNCTION atelier.plan_starts(timestamptz, text, integer, integer, date) IS
    'the start times of a recurring schedule, every N days at the same local time, for a count or until a date; more than the setting series_max_sessions is refused';

CREATE FUNCTION atelier.insert_session(p_actor atelier.staff, p_workshop text, p_site text,
                                       p_room text, p_starts timestamptz, p_minutes integer,
                                       p_capacity integer, p_facilitator text, p_partner text,
                                       p_series bigint, p_course bigint, p_position integer)
RETURNS atelier.session
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    site   atelier.site := atelier.site_for(p_actor, p_site);
    w      atelier.workshop := atelier.workshop_by_code(p_workshop);
    fac    bigint;
    s      atelier.session;
    other  bigint;
    other_during tstzrange;
BEGIN
    IF p_starts IS NULL THEN
        PERFORM atelier.raise('invalid_value', 'start', '');
    END IF;
    IF COALESCE(p_minutes, w.default_minutes) NOT BETWEEN 15 AND 720 THEN
        PERFORM atelier.raise('invalid_value', 'minutes', p_minutes::text);
    END IF;
    IF p_capacity IS NULL OR p_capacity NOT BETWEEN 1 AND 1000 THEN
        PERFORM atelier.raise('invalid_value', 'capacity', COALESCE(p_capacity::text, ''));
    END IF;
    IF p_facilitator IS NOT NULL THEN
        fac := (atelier.staff_by_login(p_facilitator)).id;
    END IF;
    BEGIN
        INSERT INTO atelier.session (workshop_id, site_id, room_id, during, facilitator_id, partner,
                                     capacity, series_id, course_id, course_position, created_by)
        VALUES (w.id, site.id, atelier.room_id(site, p_room),
                pg_catalog.tstzrange(p_starts, p_starts + pg_catalog.make_interval(
                    mins => COALESCE(p_minutes, w.default_minutes))),
                fac, COALESCE(p_partner, ''), p_capacity, p_series, p_course,
                p_position, p_actor.id)
        RETURNING * INTO s;
    EXCEPTION WHEN exclusion_violation THEN
        -- Name the session in the way, with its own local times.
        SELECT x.id, x.during INTO other, other_during FROM atelier.session x
         WHERE x.room_id = atelier.room_id(site, p_room) AND x.status <> 'cancelled'
           AND x.during && pg_catalog.tstzrange(p_starts, p_starts + pg_catalog.make_interval(
                    mins => COALESCE(p_minutes, w.default_minutes)))
         ORDER BY pg_catalog.lower(x.during)
         LIMIT 1;
        PERFORM atelier.raise('room_conflict', p_room, other::text,
                              atelier.local_text(pg_catalog.lower(other_during), site.time_zone)
                              || ' – ' ||
                              atelier.local_text(pg_catalog.upper(other_during), site.time_zone));
    END;
    RETURN s;
END
$$;
COMMENT ON FUNCTION atelier.insert_session(atelier.staff, text, text, text, timestamptz, integer, integer, text, text, bigint, bigint, integer) IS
    'checks and inserts one session; a room already taken is a clear conflict';

CREATE FUNCTION atelier.session_schedule(p_token uuid, p_workshop text, p_site text,
                                         p_starts timestamptz, p_capacity integer,
                                         p_minutes integer DEFAULT NULL, p_room text DEFAULT NULL,
                                         p_facilitator text DEFAULT NULL, p_partner text DEFAULT '')
RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    actor atelier.staff := atelier.actor(p_token);
BEGIN
    PERFORM atelier.require_role(actor, 'librarian', 'coordinator', 'admin');
    RETURN (atelier.insert_session(actor, p_workshop, p_site, p_room, p_starts, p_minutes,
                                   p_capacity, p_facilitator, p_partner, NULL, NULL, NULL)).id;
END
$$;
COMMENT ON FUNCTION atelier.session_schedule(uuid, text, text, timestamptz, integer, integer, text, text, text) IS
    'schedules one session of a workshop at a site (and room), with a capacity; returns its number';
GRANT EXECUTE ON FUNCTION atelier.session_schedule(uuid, text, text, timestamptz, integer, integer, text, text, text) TO atelier_librarian;

CREATE FUNCTION atelier.series_schedule(p_token uuid, p_workshop text, p_site text,
                                        p_starts timestamptz, p_capacity integer,
                                        p_every_days integer, p_count integer DEFAULT NULL,
                                        p_until date DEFAULT NULL, p_minutes integer DEFAULT NULL,
                                        p_room text DEFAULT NULL, p_facilitator text DEFAULT NULL,
                                        p_partner text DEFAULT '')
RETURNS TABLE (session_id bigint, starts_at timestamptz, ends_at timestamptz)
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    actor atelier.staff := atelier.actor(p_token);
    site  atelier.site := atelier.site_by_code(p_site);
    sid   bigint;
    s     atelier.session;
    at    timestamptz;
    starts timestamptz[];
BEGIN
    PERFORM atelier.require_role(actor, 'librarian', 'coordinator', 'admin');
    -- Checks every, count and until (clear errors) before the series row's own checks do.
    starts := ARRAY(SELECT * FROM atelier.plan_starts(p_starts, site.time_zone,
                                                      p_every_days, p_count, p_until));
    INSERT INTO atelier.series (every_days, count, until) VALUES (p_every_days, p_count, p_until)
    RETURNING id INTO sid;
    FOREACH at IN ARRAY starts LOOP
        s := atelier.insert_session(actor, p_workshop, p_site, p_room, at, p_minutes, p_capacity,
                                    p_facilitator, p_partner, sid, NULL, NULL);
        session_id := s.id;
        starts_at := pg_catalog.lower(s.during);
        ends_at := pg_catalog.upper(s.during);
        RETURN NEXT;
    END LOOP;
END
$$;
COMMENT ON FUNCTION atelier.series_schedule(uuid, text, text, timestamptz, integer, integer, integer, date, integer, text, text, text) IS
    'schedules a series (every N days, 7 for weekly) ending after a count or on a date; people enrol session by session; all or nothing';
GRANT EXECUTE ON FUNCTION atelier.series_schedule(uuid, text, text, timestamptz, integer, integer, integer, date, integer, text, text, text) TO atelier_librarian;

CREATE FUNCTION atelier.course_schedule(p_token uuid, p_workshop text, p_site text, p_title text,
                                        p_starts timestamptz, p_capacity integer,
                                        p_every_days integer, p_count integer DEFAULT NULL,
                                        p_until date DEFAULT NULL, p_minutes integer DEFAULT NULL,
                                        p_room text DEFAULT NULL, p_facilitator text DEFAULT NULL,
                                        p_partner text DEFAULT '')
RETURNS TABLE (course_id bigint, session_id bigint, course_position integer,
               starts_at timestamptz, ends_at timestamptz)
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    actor atelier.staff := atelier.actor(p_token);
    site  atelier.site := atelier.site_for(actor, p_site, 'librarian', 'coordinator', 'admin');
    wid   bigint := (atelier.workshop_by_code(p_workshop)).id;
    cid   bigint;
    s     atelier.session;
    at    timestamptz;
    n     integer := 0;
BEGIN
    IF p_capacity IS NULL OR p_capacity NOT BETWEEN 1 AND 1000 THEN
        PERFORM atelier.raise('invalid_value', 'capacity', COALESCE(p_capacity::text, ''));
    END IF;
    INSERT INTO atelier.course (workshop_id, site_id, title, capacity)
    VALUES (wid, site.id, COALESCE(NULLIF(p_title, ''), p_workshop), p_capacity)
    RETURNING id INTO cid;
    FOR at IN SELECT * FROM atelier.plan_starts(p_starts, site.time_zone, p_every_days, p_count, p_until) LOOP
        n := n + 1;
        s := atelier.insert_session(actor, p_workshop, p_site, p_room, at, p_minutes, p_capacity,
                                    p_facilitator, p_partner, NULL, cid, n);
        course_id := cid;
        session_id := s.id;
        course_position := n;
        starts_at := pg_catalog.lower(s.during);
        ends_at := pg_catalog.upper(s.during);
        RETURN NEXT;
    END LOOP;
END
$$;
COMMENT ON FUNCTION atelier.course_schedule(uuid, text, text, text, timestamptz, integer, integer, integer, date, integer, text, text, text) IS
    'schedules a course: sessions every N days that people enrol in once, with one capacity; all or nothing';
GRANT EXECUTE ON FUNCTION atelier.course_schedule(uuid, text, text, text, timestamptz, integer, integer, integer, date, integer, text, text, text) TO atelier_librarian;

CREATE FUNCTION atelier.session_lock(p_id bigint) RETURNS atelier.session
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    s atelier.session;
BEGIN
    -- Booking PCs for a session and cancelling it take this same lock, and decide on
    -- the row it returns: the later one waits, then sees what the first committed (a
    -- booking sees the session cancelled; a cancellation sees the new bookings).  A
    -- (no-op) update rather than FOR UPDATE, as in enrolment_capacity_guard: a
    -- REPEATABLE READ or SERIALIZABLE transaction whose snapshot predates the other's
    -- commit then fails with a serialization error (retry) instead of deciding on
    -- what it can not see, even when the other only booked.
    UPDATE atelier.session x SET status = x.status WHERE x.id = p_id RETURNING x.* INTO s;
    IF NOT FOUND THEN
        PERFORM atelier.raise('session_unknown', COALESCE(p_id::text, ''));
    END IF;
    RETURN s;
END
$$;
COMMENT ON FUNCTION atelier.session_lock(bigint) IS
    'locks a session''s row until the end of the transaction and returns it as it now stands: bookings, enrolments and cancellation of a session take turns here';

CREATE FUNCTION atelier.session_cancel(p_token uuid, p_session bigint) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    actor atelier.staff := atelier.actor(p_token);
    s     atelier.session := atelier.session_for(actor, p_session, 'librarian', 'coordinator', 'admin');
    freed integer;
BEGIN
    -- Waits for any booking of this session in progress, so that it is freed below.
    s := atelier.session_lock(s.id);
    IF s.status = 'cancelled' THEN
        PERFORM atelier.raise('session_cancelled', s.id::text);
    END IF;
    UPDATE atelier.session SET status = 'cancelled' WHERE id = s.id;
    -- Its PCs are free again for anyone (this statement sees every booking committed
    -- before the lock was granted, and none can be added while it is held).
    UPDATE atelier.booking b SET cancelled_at = pg_catalog.now()
     WHERE b.session_id = s.id AND b.cancelled_at IS NULL;
    GET DIAGNOSTICS freed = ROW_COUNT;
    RETURN freed;
END
$$;
COMMENT ON FUNCTION atelier.session_cancel(uuid, bigint) IS
    'cancels a session and frees its PCs; returns how many bookings were released';
GRANT EXECUTE ON FUNCTION atelier.session_cancel(uuid, bigint) TO atelier_librarian;

CREATE FUNCTION atelier.session_list(p_token uuid, p_site text DEFAULT NULL,
                                     p_from timestamptz DEFAULT NULL, p_to timestamptz DEFAULT NULL)
RETURNS TABLE (session_id bigint, workshop text, title text, site text, room text,
               starts_at timestamptz, ends_at timestamptz, capacity integer, enrolled bigint,
               waitlisted bigint, booked_pcs bigint, status text, course_id bigint,
               course_position integer, facilitator text)
LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    actor atelier.staff := atelier.actor(p_token);
    range tstzrange := pg_catalog.tstzrange(COALESCE(p_from, pg_catalog.now() - INTERVAL '1 day'),
                                            COALESCE(p_to, pg_catalog.now() + INTERVAL '60 days'));
BEGIN
    IF p_site IS NOT NULL THEN
        PERFORM atelier.site_by_code(p_site);
    END IF;
    RETURN QUERY
    SELECT s.id, w.code::text, w.title::text, si.code::text, r.code::text,
           pg_catalog.lower(s.during), pg_catalog.upper(s.during), s.capacity,
           (SELECT pg_catalog.count(*) FROM atelier.enrolment e
             WHERE (e.session_id = s.id OR e.course_id = s.course_id) AND e.status = 'enrolled'),
           (SELECT pg_catalog.count(*) FROM atelier.enrolment e
             WHERE (e.session_id = s.id OR e.course_id = s.course_id) AND e.status = 'waitlisted'),
           (SELECT pg_catalog.count(*) FROM atelier.booking b
             WHERE b.session_id = s.id AND b.cancelled_at IS NULL),
           s.status, s.course_id, s.course_position, f.login::text
      FROM atelier.session s
      JOIN atelier.workshop w ON w.id = s.workshop_id
      JOIN atelier.site si ON si.id = s.site_id
      LEFT JOIN atelier.room r ON r.id = s.room_id
      LEFT JOIN atelier.staff f ON f.id = s.facilitator_id
     WHERE (p_site IS NULL OR si.code = p_site) AND s.during && range
     ORDER BY pg_catalog.lower(s.during), s.id;
END
$$;
COMMENT ON FUNCTION atelier.session_list(uuid, text, timestamptz, timestamptz) IS
    'the sessions of a site (or all sites) in a period (default: from yesterday to 60 days ahead), with seats taken, waiting and PCs booked';
GRANT EXECUTE ON FUNCTION atelier.session_list(uuid, text, timestamptz, timestamptz) TO atelier_librarian;
