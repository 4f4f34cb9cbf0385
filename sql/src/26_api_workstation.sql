-- What a public workstation (role atelier_workstation) may do: record usage events,
-- and ask whether a login may use the PC now.

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
    n     integer;
BEGIN
    IF p_event IS NULL THEN
        PERFORM atelier.raise('invalid_value', 'event', '');
    END IF;
    IF p_at IS NULL THEN
        PERFORM atelier.raise('invalid_value', 'at', '');
    END IF;
    IF p_login_key IS NULL OR p_login_key !~ '^[0-9a-f]{64}$' THEN
        PERFORM atelier.raise('invalid_pseudonym');
    END IF;
    -- Upserts keyed by the start event's UUID: a replay changes nothing, and the two
    -- halves pair up in whichever order they arrive.
    IF p_kind = 'start' THEN
        IF p_start_event IS NOT NULL AND p_start_event <> p_event THEN
            PERFORM atelier.raise('invalid_value', 'start_event', p_start_event::text);
        END IF;
        INSERT INTO atelier.usage_session AS u (workstation_id, login_key, start_event, started_at)
        VALUES (w.id, p_login_key, p_event, p_at)
        ON CONFLICT (start_event) DO UPDATE SET started_at = EXCLUDED.started_at
         WHERE u.started_at IS NULL;
    ELSIF p_kind = 'end' THEN
        IF p_start_event IS NULL OR p_start_event = p_event THEN
            PERFORM atelier.raise('invalid_value', 'start_event', COALESCE(p_start_event::text, ''));
        END IF;
        IF EXISTS (SELECT 1 FROM atelier.usage_session u WHERE u.end_event = p_event) THEN
            RETURN 'duplicate';
        END IF;
        INSERT INTO atelier.usage_session AS u (workstation_id, login_key, start_event, end_event, ended_at)
        VALUES (w.id, p_login_key, start, p_event, p_at)
        ON CONFLICT (start_event) DO UPDATE SET end_event = EXCLUDED.end_event, ended_at = EXCLUDED.ended_at
         WHERE u.end_event IS NULL;
    ELSE
        PERFORM atelier.raise('invalid_value', 'kind', COALESCE(p_kind, ''));
    END IF;
    GET DIAGNOSTICS n = ROW_COUNT;
    RETURN CASE WHEN n = 0 THEN 'duplicate' ELSE 'recorded' END;
END
$$;
COMMENT ON FUNCTION atelier.record_usage_event(uuid, text, text, text, timestamptz, uuid) IS
    'records the start or the end of a session on a PC (an end names its start''s UUID); the same event twice is stored once; returns recorded or duplicate';

CREATE FUNCTION atelier.check_access(p_workstation text, p_login_key text,
                                     p_staff_login text DEFAULT NULL,
                                     p_at timestamptz DEFAULT pg_catalog.now(),
                                     p_grace_minutes integer DEFAULT 15)
RETURNS TABLE (allowed boolean, reason text, workshop text, starts_at timestamptz,
               ends_at timestamptz)
LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    w      atelier.workstation := atelier.workstation_by_name(p_workstation);
    b      record;
    near   tstzrange;
BEGIN
    IF p_grace_minutes IS NULL OR p_grace_minutes NOT BETWEEN 0 AND 1440 THEN
        PERFORM atelier.raise('invalid_value', 'grace', COALESCE(p_grace_minutes::text, ''));
    END IF;
    near := pg_catalog.tstzrange(p_at, p_at + pg_catalog.make_interval(mins => p_grace_minutes), '[]');
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
    'may this login use this PC at this time? free; participant, facilitator or booked_for_you (admitted); booked_session or booked_person (refused); booking_soon (admitted until starts_at)';
