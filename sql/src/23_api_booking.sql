-- SPDX-License-Identifier: LGPL-2.1-or-later
-- Booking PCs: for a session (N PCs picked, or named ones; all or nothing) or for one person.

CREATE FUNCTION atelier.raise_booking_conflict(p_workstation_id bigint, p_during tstzrange)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    b   record;
    fr  boolean := atelier.lang() = 'fr';
BEGIN
    SELECT x.id, w.hostname, si.time_zone, x.during, x.session_id, wk.title
      INTO b
      FROM atelier.booking x
      JOIN atelier.workstation w ON w.id = x.workstation_id
      JOIN atelier.site si ON si.id = w.site_id
      LEFT JOIN atelier.session s ON s.id = x.session_id
      LEFT JOIN atelier.workshop wk ON wk.id = s.workshop_id
     WHERE x.workstation_id = p_workstation_id AND x.cancelled_at IS NULL AND x.during && p_during
     ORDER BY pg_catalog.lower(x.during)
     LIMIT 1;
    IF NOT FOUND THEN
        -- The booking in the way was committed after this transaction's snapshot was
        -- taken (REPEATABLE READ or SERIALIZABLE): it can not be named here; a retry will.
        RAISE EXCEPTION USING
            ERRCODE = 'serialization_failure',
            MESSAGE = pg_catalog.format(CASE WHEN fr
                THEN 'Le poste %s vient d''être réservé par une autre opération.'
                ELSE 'PC %s has just been booked by another operation.' END,
                (SELECT w.hostname FROM atelier.workstation w WHERE w.id = p_workstation_id)),
            HINT = CASE WHEN fr THEN 'Recommencez : la réservation en conflit sera alors indiquée.'
                            ELSE 'Try again: the booking in the way will then be shown.' END;
    END IF;
    PERFORM atelier.raise('booking_conflict', b.hostname,
        atelier.local_text(pg_catalog.lower(b.during), b.time_zone),
        atelier.local_text(pg_catalog.upper(b.during), b.time_zone),
        b.id::text,
        CASE WHEN b.session_id IS NULL THEN CASE WHEN fr THEN 'pour une personne' ELSE 'for one person' END
             ELSE pg_catalog.format(CASE WHEN fr THEN 'séance n° %s « %s »' ELSE 'session #%s “%s”' END,
                                    b.session_id, b.title) END);
END
$$;
COMMENT ON FUNCTION atelier.raise_booking_conflict(bigint, tstzrange) IS
    'raises the conflict error naming the PC and the booking in the way';

CREATE FUNCTION atelier.insert_booking(p_actor atelier.staff, p_workstation atelier.workstation,
                                       p_during tstzrange, p_session bigint, p_person bigint)
RETURNS bigint
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    bid bigint;
BEGIN
    IF NOT p_workstation.active THEN
        PERFORM atelier.raise('workstation_inactive', p_workstation.hostname);
    END IF;
    -- Two overlapping inserts at the same instant would each see the other's index
    -- entry and wait for each other (a deadlock, and retrying only repeats it).
    -- Bookings of one PC therefore take turns on a lock held to the end of the
    -- transaction; the later one then meets the committed booking, and the
    -- constraint reports the usual conflict.  Should a deadlock still happen (two
    -- transactions taking several PCs in different orders), the attempt is rolled
    -- back (this block is a subtransaction) and tried again.
    PERFORM pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtext('atelier.booking'),
                                             p_workstation.id::integer);
    FOR attempt IN 1 .. 3 LOOP
        BEGIN
            INSERT INTO atelier.booking (workstation_id, during, session_id, person_id, booked_by)
            VALUES (p_workstation.id, p_during, p_session, p_person, p_actor.id)
            RETURNING id INTO bid;
            RETURN bid;
        EXCEPTION
            WHEN exclusion_violation THEN
                -- The constraint decided (after waiting for any concurrent booking to
                -- commit): say which booking is in the way.
                PERFORM atelier.raise_booking_conflict(p_workstation.id, p_during);
            WHEN deadlock_detected THEN
                IF attempt = 3 THEN
                    RAISE;
                END IF;
        END;
    END LOOP;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION atelier.insert_booking(atelier.staff, atelier.workstation, tstzrange, bigint, bigint) IS
    'inserts one booking; the exclusion constraint refuses an overlap, reported as a clear conflict';

CREATE FUNCTION atelier.book_session(p_token uuid, p_session bigint, p_count integer DEFAULT NULL,
                                     p_workstations text[] DEFAULT NULL)
RETURNS TABLE (booking_id bigint, workstation text)
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    actor atelier.staff := atelier.actor(p_token);
    s     atelier.session := atelier.session_for(actor, p_session, 'librarian', 'coordinator', 'admin');
    site  atelier.site;
    w     atelier.workstation;
    free  bigint[];
    total integer;
    name  text;
BEGIN
    SELECT * INTO site FROM atelier.site x WHERE x.id = s.site_id;
    -- The status is checked under the session's lock, which session_cancel takes too:
    -- a cancellation in progress is waited for, and one can not start before these
    -- bookings are committed (it then frees them).
    s := atelier.session_lock(s.id);
    IF s.status = 'cancelled' THEN
        PERFORM atelier.raise('session_cancelled', s.id::text);
    END IF;
    IF pg_catalog.num_nonnulls(p_count, p_workstations) <> 1 THEN
        PERFORM atelier.raise('booking_what');
    END IF;
    IF p_workstations IS NOT NULL THEN
        -- Each PC once: a PC named twice would be refused as booked by this very
        -- booking (rolled back, so the number it names would lead nowhere).  The
        -- bookings made are thus never more than the site's PCs.
        SELECT pg_catalog.min(x) INTO name FROM pg_catalog.unnest(p_workstations) x
         GROUP BY pg_catalog.lower(x) HAVING pg_catalog.count(*) > 1
         ORDER BY pg_catalog.lower(x) LIMIT 1;
        IF FOUND THEN
            PERFORM atelier.raise('pc_named_twice', name);
        END IF;
        -- One order for everyone, so two bookings of several PCs can not wait
        -- for each other's locks in a circle.
        FOREACH name IN ARRAY ARRAY(SELECT x FROM pg_catalog.unnest(p_workstations) x
                                    ORDER BY pg_catalog.lower(x)) LOOP
            w := atelier.workstation_by_name(name);
            IF w.site_id <> s.site_id THEN
                PERFORM atelier.raise('workstation_other_site', w.hostname, site.code);
            END IF;
            booking_id := atelier.insert_booking(actor, w, s.during, s.id, NULL);
            workstation := w.hostname;
            RETURN NEXT;
        END LOOP;
        RETURN;
    END IF;
    IF p_count NOT BETWEEN 1 AND 1000 THEN
        PERFORM atelier.raise('invalid_value', 'pcs', p_count::text);
    END IF;
    -- Picking free PCs and booking them must not interleave with another picker at this
    -- site, or both would pick the same PCs; the constraint still guards everything else.
    PERFORM pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtext('atelier.book_session'), s.site_id::integer);
    SELECT pg_catalog.count(*) INTO total FROM atelier.workstation x
     WHERE x.site_id = s.site_id AND x.active;
    SELECT pg_catalog.array_agg(x.id ORDER BY (x.room_id IS NOT DISTINCT FROM s.room_id) DESC, x.hostname)
      INTO free
      FROM atelier.workstation x
     WHERE x.site_id = s.site_id AND x.active
       AND NOT EXISTS (SELECT 1 FROM atelier.booking b
                        WHERE b.workstation_id = x.id AND b.cancelled_at IS NULL
                          AND b.during && s.during);
    IF COALESCE(pg_catalog.cardinality(free), 0) < p_count THEN
        PERFORM atelier.raise('not_enough_pcs', COALESCE(pg_catalog.cardinality(free), 0)::text,
                              total::text, site.code, p_count::text);
    END IF;
    FOR i IN 1 .. p_count LOOP
        SELECT * INTO w FROM atelier.workstation x WHERE x.id = free[i];
        booking_id := atelier.insert_booking(actor, w, s.during, s.id, NULL);
        workstation := w.hostname;
        RETURN NEXT;
    END LOOP;
END
$$;
COMMENT ON FUNCTION atelier.book_session(uuid, bigint, integer, text[]) IS
    'books PCs for a session for its whole time: N free PCs of its site (its room''s first) or the PCs named; all or nothing; returns the bookings and the PCs taken';
GRANT EXECUTE ON FUNCTION atelier.book_session(uuid, bigint, integer, text[]) TO atelier_librarian;

CREATE FUNCTION atelier.book_person(p_token uuid, p_workstation text, p_person text,
                                    p_starts timestamptz, p_ends timestamptz)
RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    actor atelier.staff := atelier.actor(p_token);
    w     atelier.workstation := atelier.workstation_by_name(p_workstation);
BEGIN
    PERFORM atelier.require_role_site(actor, w.site_id, 'librarian', 'coordinator', 'admin');
    IF NOT COALESCE(atelier.is_pseudonym(p_person), false) THEN
        PERFORM atelier.raise('invalid_pseudonym');
    END IF;
    IF p_starts IS NULL OR p_ends IS NULL OR p_ends <= p_starts THEN
        PERFORM atelier.raise('invalid_range', COALESCE(p_starts::text, ''),
                              COALESCE(p_ends::text, ''));
    END IF;
    RETURN atelier.insert_booking(actor, w, pg_catalog.tstzrange(p_starts, p_ends), NULL,
                                  atelier.person_id(p_person));
END
$$;
COMMENT ON FUNCTION atelier.book_person(uuid, text, text, timestamptz, timestamptz) IS
    'books one PC for one person (by pseudonym) from a start to an end; returns the booking number';
GRANT EXECUTE ON FUNCTION atelier.book_person(uuid, text, text, timestamptz, timestamptz) TO atelier_librarian;

CREATE FUNCTION atelier.booking_cancel(p_token uuid, p_booking bigint) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    actor atelier.staff := atelier.actor(p_token);
    site  bigint;
BEGIN
    PERFORM atelier.require_role(actor, 'librarian', 'coordinator', 'admin');
    SELECT w.site_id INTO site FROM atelier.booking b
      JOIN atelier.workstation w ON w.id = b.workstation_id
     WHERE b.id = p_booking AND b.cancelled_at IS NULL;
    IF NOT FOUND THEN
        PERFORM atelier.raise('booking_unknown', COALESCE(p_booking::text, ''));
    END IF;
    PERFORM atelier.require_site(actor, site);
    UPDATE atelier.booking SET cancelled_at = pg_catalog.now() WHERE id = p_booking;
END
$$;
COMMENT ON FUNCTION atelier.booking_cancel(uuid, bigint) IS 'cancels a live booking; the PC is free again';
GRANT EXECUTE ON FUNCTION atelier.booking_cancel(uuid, bigint) TO atelier_librarian;

CREATE FUNCTION atelier.session_bookings(p_token uuid, p_session bigint)
RETURNS TABLE (booking_id bigint, workstation text, label text, starts_at timestamptz, ends_at timestamptz)
LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    actor atelier.staff := atelier.actor(p_token);
    -- Who booked what at a site is for those who work there, as for every other
    -- operation on its sessions.
    s     atelier.session := atelier.session_for(actor, p_session);
BEGIN
    RETURN QUERY
    SELECT b.id, w.hostname::text, w.label::text, pg_catalog.lower(b.during), pg_catalog.upper(b.during)
      FROM atelier.booking b JOIN atelier.workstation w ON w.id = b.workstation_id
     WHERE b.session_id = s.id AND b.cancelled_at IS NULL
     ORDER BY w.hostname;
END
$$;
COMMENT ON FUNCTION atelier.session_bookings(uuid, bigint) IS 'the PCs booked for a session';
GRANT EXECUTE ON FUNCTION atelier.session_bookings(uuid, bigint) TO atelier_librarian;
