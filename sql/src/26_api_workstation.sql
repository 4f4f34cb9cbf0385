-- SPDX-License-Identifier: LGPL-2.1-or-later
-- What a public workstation (role atelier_workstation) may do: record usage events,
-- and ask whether a login may use the PC now.

-- The two halves of a session, once both are known: an end must be the end of this
-- start (same PC, same login) and come after it.  A session longer than the setting
-- usage_max_session_hours is clipped, not refused: the PC was really used, the end
-- is genuine (someone logged out of a PC left on overnight), and refusing it would
-- leave the session open for ever; only the hours beyond the maximum are not believed.
CREATE FUNCTION atelier.usage_checked_end(p_session atelier.usage_session,
                                          p_workstation_id bigint, p_login_key text,
                                          p_started_at timestamptz, p_ended_at timestamptz,
                                          OUT ended_at timestamptz, OUT clipped boolean)
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    longest interval := pg_catalog.make_interval(hours => atelier.setting('usage_max_session_hours'));
BEGIN
    IF p_session.workstation_id <> p_workstation_id OR p_session.login_key <> p_login_key THEN
        PERFORM atelier.raise('usage_end_mismatch');
    END IF;
    IF p_ended_at < p_started_at THEN
        PERFORM atelier.raise('usage_end_before_start', p_ended_at::text, p_started_at::text);
    END IF;
    clipped := p_ended_at > p_started_at + longest;
    ended_at := CASE WHEN clipped THEN p_started_at + longest ELSE p_ended_at END;
END
$$;
COMMENT ON FUNCTION atelier.usage_checked_end(atelier.usage_session, bigint, text, timestamptz, timestamptz) IS
    'internal: refuses an end of another PC or login (usage_end_mismatch) or before its start (usage_end_before_start); returns the end clipped to usage_max_session_hours after the start, and whether it was';

CREATE FUNCTION atelier.record_usage_event(p_event uuid, p_kind text, p_workstation text,
                                           p_login_key text, p_at timestamptz,
                                           p_start_event uuid DEFAULT NULL)
RETURNS text
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    w     atelier.workstation := atelier.workstation_by_name(p_workstation);
    start uuid := COALESCE(p_start_event, p_event);
    skew  integer := atelier.setting('usage_clock_skew_minutes');
    u     atelier.usage_session;
    e     record;
    n     integer;
BEGIN
    IF p_event IS NULL THEN
        PERFORM atelier.raise('invalid_value', 'event', '');
    END IF;
    IF p_at IS NULL THEN
        PERFORM atelier.raise('invalid_value', 'at', '');
    END IF;
    IF NOT COALESCE(atelier.is_pseudonym(p_login_key), false) THEN
        PERFORM atelier.raise('invalid_pseudonym');
    END IF;
    IF p_kind = 'start' AND p_start_event IS NOT NULL AND p_start_event <> p_event THEN
        PERFORM atelier.raise('invalid_value', 'start_event', p_start_event::text);
    ELSIF p_kind = 'end' AND (p_start_event IS NULL OR p_start_event = p_event) THEN
        PERFORM atelier.raise('invalid_value', 'start_event', COALESCE(p_start_event::text, ''));
    ELSIF p_kind IS DISTINCT FROM 'start' AND p_kind IS DISTINCT FROM 'end' THEN
        PERFORM atelier.raise('invalid_value', 'kind', COALESCE(p_kind, ''));
    END IF;
    -- A PC whose clock runs far ahead (or a forged time) would stretch a session
    -- over months: refused, beyond the clock skew a network allows.
    IF p_at > pg_catalog.now() + pg_catalog.make_interval(mins => skew) THEN
        PERFORM atelier.raise('usage_time_future', p_at::text, skew::text);
    END IF;
    IF p_kind = 'end' AND EXISTS (SELECT 1 FROM atelier.usage_session x WHERE x.end_event = p_event) THEN
        RETURN 'duplicate';
    END IF;
    -- Keyed by the start event's UUID: a replay changes nothing, and the two halves
    -- pair up in whichever order they arrive.  The row, if there, is locked; else the
    -- half is stored alone, and if a concurrent call stored it first, read it again.
    LOOP
        SELECT * INTO u FROM atelier.usage_session x WHERE x.start_event = start FOR UPDATE;
        EXIT WHEN FOUND;
        IF p_kind = 'start' THEN
            INSERT INTO atelier.usage_session (workstation_id, login_key, start_event, started_at)
            VALUES (w.id, p_login_key, p_event, p_at)
            ON CONFLICT (start_event) DO NOTHING;
        ELSE
            INSERT INTO atelier.usage_session (workstation_id, login_key, start_event, end_event, ended_at)
            VALUES (w.id, p_login_key, start, p_event, p_at)
            ON CONFLICT (start_event) DO NOTHING;
        END IF;
        GET DIAGNOSTICS n = ROW_COUNT;
        IF n = 1 THEN
            RETURN 'recorded';
        END IF;
    END LOOP;
    IF p_kind = 'start' THEN
        IF u.started_at IS NOT NULL THEN
            RETURN 'duplicate';
        END IF;
        e := atelier.usage_checked_end(u, w.id, p_login_key, p_at, u.ended_at);
        UPDATE atelier.usage_session x SET started_at = p_at, ended_at = e.ended_at, clipped = e.clipped
         WHERE x.id = u.id;
    ELSE
        IF u.started_at IS NULL OR u.end_event IS NOT NULL THEN
            -- Another end for this start: the first one stands, once checked.
            PERFORM atelier.usage_checked_end(u, w.id, p_login_key, p_at, p_at);
            RETURN 'duplicate';
        END IF;
        e := atelier.usage_checked_end(u, w.id, p_login_key, u.started_at, p_at);
        UPDATE atelier.usage_session x SET end_event = p_event, ended_at = e.ended_at, clipped = e.clipped
         WHERE x.id = u.id;
    END IF;
    RETURN 'recorded';
END
$$;
COMMENT ON FUNCTION atelier.record_usage_event(uuid, text, text, text, timestamptz, uuid) IS
    'records the start or the end of a session on a PC (an end names its start''s UUID, and carries its PC and login key); the same event twice is stored once; refuses an event dated more than usage_clock_skew_minutes ahead of the server, an end of another PC or login, an end before its start; clips a session longer than usage_max_session_hours to that (clipped true); returns recorded or duplicate';
GRANT EXECUTE ON FUNCTION atelier.record_usage_event(uuid, text, text, text, timestamptz, uuid) TO atelier_workstation;

CREATE FUNCTION atelier.check_access(p_workstation text, p_login_key text,
                                     p_staff_login text DEFAULT NULL,
                                     p_at timestamptz DEFAULT pg_catalog.now(),
                                     p_grace_minutes integer DEFAULT NULL)
RETURNS TABLE (allowed boolean, reason text, workshop text, starts_at timestamptz,
               ends_at timestamptz)
LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    w      atelier.workstation := atelier.workstation_by_name(p_workstation);
    b      record;
    grace  integer := COALESCE(p_grace_minutes, atelier.setting('access_grace_minutes'));
    near   tstzrange;
BEGIN
    IF grace NOT BETWEEN 0 AND 1440 THEN
        PERFORM atelier.raise('invalid_value', 'grace', grace::text);
    END IF;
    near := pg_catalog.tstzrange(p_at, p_at + pg_catalog.make_interval(mins => grace), '[]');
    -- Most logins are on a PC with no booking near: they are answered from the bookings
    -- alone.  A login comes on a new connection, whose first use of the query below
    -- (planning it over six tables) would cost more than the connection itself.
    IF NOT EXISTS (SELECT 1 FROM atelier.booking x
                    WHERE x.workstation_id = w.id AND x.cancelled_at IS NULL AND x.during && near) THEN
        allowed := true;
        reason := 'free';
        RETURN NEXT;
        RETURN;
    END IF;
    -- The booking in force now, else the next one starting within the grace period.
    FOR b IN
        SELECT x.during, x.session_id, x.person_id, wk.title,
               (x.during @> p_at) AS current,
               CASE
                 WHEN x.person_id IS NOT NULL THEN
                     EXISTS (SELECT 1 FROM atelier.person p WHERE p.id = x.person_id AND p.pseudonym = p_login_key)
                 ELSE EXISTS (SELECT 1 FROM atelier.enrolment e JOIN atelier.person p ON p.id = e.person_id
                               WHERE e.status = 'enrolled' AND p.pseudonym = p_login_key
                                 AND (e.session_id = s.id OR e.course_id = s.course_id))
               END AS participant,
               (f.login IS NOT NULL AND f.login = p_staff_login) AS facilitator
          FROM atelier.booking x
          LEFT JOIN atelier.session s ON s.id = x.session_id
          LEFT JOIN atelier.workshop wk ON wk.id = s.workshop_id
          LEFT JOIN atelier.staff f ON f.id = s.facilitator_id
         WHERE x.workstation_id = w.id AND x.cancelled_at IS NULL
           AND x.during && near
         ORDER BY pg_catalog.lower(x.during)
    LOOP
        workshop := b.title;
        starts_at := pg_catalog.lower(b.during);
        ends_at := pg_catalog.upper(b.during);
        IF b.participant OR b.facilitator THEN
            allowed := true;
            reason := CASE WHEN b.facilitator THEN 'facilitator'
                           WHEN b.person_id IS NOT NULL THEN 'booked_for_you' ELSE 'participant' END;
        ELSIF b.current THEN
            allowed := false;
            reason := CASE WHEN b.person_id IS NOT NULL THEN 'booked_person' ELSE 'booked_session' END;
        ELSE
            allowed := true;
            reason := 'booking_soon';
        END IF;
        RETURN NEXT;
        RETURN;
    END LOOP;
    allowed := true;
    reason := 'free';
    RETURN NEXT;
END
$$;
COMMENT ON FUNCTION atelier.check_access(text, text, text, timestamptz, integer) IS
    'may this login use this PC at this time? free; participant, facilitator or booked_for_you (admitted); booked_session or booked_person (refused); booking_soon (admitted until starts_at); grace NULL is the setting access_grace_minutes';
GRANT EXECUTE ON FUNCTION atelier.check_access(text, text, text, timestamptz, integer) TO atelier_workstation;
