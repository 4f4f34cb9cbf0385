-- SPDX-License-Identifier: LGPL-2.1-or-later
-- Enrolment in a session or a course, the waitlist, and attendance.
-- Every change locks the session or course row first: enrolments of one session
-- queue there, so seats and waitlist positions stay right under concurrency.

CREATE FUNCTION atelier.lock_enrolment_target(p_kind text, p_id bigint)
RETURNS TABLE (site_id bigint, capacity integer)
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    s atelier.session;
BEGIN
    IF p_kind = 'session' THEN
        -- The session's one lock, which booking and cancelling take too.
        s := atelier.session_lock(p_id);
        IF s.course_id IS NOT NULL THEN
            PERFORM atelier.raise('session_in_course', s.id::text, s.course_id::text);
        END IF;
        IF s.status = 'cancelled' THEN
            PERFORM atelier.raise('session_cancelled', s.id::text);
        END IF;
        site_id := s.site_id;
        capacity := s.capacity;
    ELSE
        UPDATE atelier.course c SET title = c.title WHERE c.id = p_id
        RETURNING c.site_id, c.capacity INTO site_id, capacity;
        IF NOT FOUND THEN
            PERFORM atelier.raise('course_unknown', COALESCE(p_id::text, ''));
        END IF;
    END IF;
    RETURN NEXT;
END
$$;
COMMENT ON FUNCTION atelier.lock_enrolment_target(text, bigint) IS
    'locks a session (not part of a course, not cancelled) or a course for an enrolment change; returns its site and capacity';

CREATE FUNCTION atelier.enrol_into(p_token uuid, p_kind text, p_id bigint, p_person text)
RETURNS TABLE (enrolment_id bigint, status text, waitlist_rank bigint)
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    actor  atelier.staff := atelier.actor(p_token);
    target record;
    pid    bigint;
    taken  integer;
    eid    bigint;
BEGIN
    PERFORM atelier.require_role(actor, 'librarian', 'facilitator', 'coordinator', 'admin');
    IF NOT COALESCE(atelier.is_pseudonym(p_person), false) THEN
        PERFORM atelier.raise('invalid_pseudonym');
    END IF;
    SELECT * INTO target FROM atelier.lock_enrolment_target(p_kind, p_id);
    PERFORM atelier.require_site(actor, target.site_id);
    pid := atelier.person_id(p_person);
    IF EXISTS (SELECT 1 FROM atelier.enrolment e
                WHERE e.person_id = pid AND e.status <> 'cancelled'
                  AND (CASE p_kind WHEN 'session' THEN e.session_id ELSE e.course_id END) = p_id) THEN
        PERFORM atelier.raise('already_enrolled');
    END IF;
    taken := atelier.seats_taken(CASE WHEN p_kind = 'session' THEN p_id END,
                                 CASE WHEN p_kind = 'course' THEN p_id END);
    IF taken < target.capacity THEN
        INSERT INTO atelier.enrolment AS e (session_id, course_id, person_id, status, created_by)
        VALUES (CASE WHEN p_kind = 'session' THEN p_id END, CASE WHEN p_kind = 'course' THEN p_id END,
                pid, 'enrolled', actor.id)
        RETURNING e.id INTO eid;
    ELSE
        INSERT INTO atelier.enrolment AS e (session_id, course_id, person_id, status,
                                            waitlist_position, created_by)
        SELECT CASE WHEN p_kind = 'session' THEN p_id END, CASE WHEN p_kind = 'course' THEN p_id END,
               pid, 'waitlisted', COALESCE(pg_catalog.max(x.waitlist_position), 0) + 1, actor.id
          FROM atelier.enrolment x
         WHERE (CASE p_kind WHEN 'session' THEN x.session_id ELSE x.course_id END) = p_id
        RETURNING e.id INTO eid;
    END IF;
    RETURN QUERY SELECT * FROM atelier.enrolment_standing(eid);
END
$$;
COMMENT ON FUNCTION atelier.enrol_into(uuid, text, bigint, text) IS
    'enrols a person in a session or a course, or puts them on its waitlist when it is full';

CREATE FUNCTION atelier.enrolment_standing(p_enrolment bigint)
RETURNS TABLE (enrolment_id bigint, status text, waitlist_rank bigint)
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT e.id, e.status,
           CASE WHEN e.status = 'waitlisted' THEN
               (SELECT pg_catalog.count(*) FROM atelier.enrolment x
                 WHERE x.status = 'waitlisted' AND x.waitlist_position <= e.waitlist_position
                   AND x.session_id IS NOT DISTINCT FROM e.session_id
                   AND x.course_id IS NOT DISTINCT FROM e.course_id) END
      FROM atelier.enrolment e WHERE e.id = p_enrolment
$$;
COMMENT ON FUNCTION atelier.enrolment_standing(bigint) IS
    'an enrolment''s status and, when waiting, its rank in the queue (1 is next)';

CREATE FUNCTION atelier.unenrol_from(p_token uuid, p_kind text, p_id bigint, p_person text)
RETURNS TABLE (cancelled_enrolment bigint, promoted_enrolment bigint, promoted_person text)
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    actor  atelier.staff := atelier.actor(p_token);
    target record;
    e      atelier.enrolment;
BEGIN
    PERFORM atelier.require_role(actor, 'librarian', 'facilitator', 'coordinator', 'admin');
    SELECT * INTO target FROM atelier.lock_enrolment_target(p_kind, p_id);
    PERFORM atelier.require_site(actor, target.site_id);
    SELECT x.* INTO e FROM atelier.enrolment x JOIN atelier.person p ON p.id = x.person_id
     WHERE p.pseudonym = p_person AND x.status <> 'cancelled'
       AND (CASE p_kind WHEN 'session' THEN x.session_id ELSE x.course_id END) = p_id;
    IF NOT FOUND THEN
        PERFORM atelier.raise('enrolment_unknown', p_kind, p_id::text);
    END IF;
    UPDATE atelier.enrolment SET status = 'cancelled', waitlist_position = NULL,
                                 updated_at = pg_catalog.now()
     WHERE id = e.id;
    cancelled_enrolment := e.id;
    IF e.status = 'enrolled' THEN
        -- The seat goes to the first person waiting, in this same transaction.
        UPDATE atelier.enrolment x SET status = 'enrolled', waitlist_position = NULL,
                                       updated_at = pg_catalog.now()
         WHERE x.id = (SELECT w.id FROM atelier.enrolment w
                        WHERE w.status = 'waitlisted'
                          AND w.session_id IS NOT DISTINCT FROM e.session_id
                          AND w.course_id IS NOT DISTINCT FROM e.course_id
                        ORDER BY w.waitlist_position LIMIT 1)
        RETURNING x.id INTO promoted_enrolment;
        SELECT p.pseudonym INTO promoted_person FROM atelier.enrolment x
          JOIN atelier.person p ON p.id = x.person_id WHERE x.id = promoted_enrolment;
    END IF;
    RETURN NEXT;
END
$$;
COMMENT ON FUNCTION atelier.unenrol_from(uuid, text, bigint, text) IS
    'cancels a person''s enrolment in a session or course; a freed seat goes to the first person waiting';

CREATE FUNCTION atelier.enrol(p_token uuid, p_session bigint, p_person text)
RETURNS TABLE (enrolment_id bigint, status text, waitlist_rank bigint)
LANGUAGE sql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$ SELECT * FROM atelier.enrol_into(p_token, 'session', p_session, p_person) $$;
COMMENT ON FUNCTION atelier.enrol(uuid, bigint, text) IS
    'enrols a person (by pseudonym) in a session, or puts them on its waitlist when full';
GRANT EXECUTE ON FUNCTION atelier.enrol(uuid, bigint, text) TO atelier_librarian;

CREATE FUNCTION atelier.enrol_course(p_token uuid, p_course bigint, p_person text)
RETURNS TABLE (enrolment_id bigint, status text, waitlist_rank bigint)
LANGUAGE sql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$ SELECT * FROM atelier.enrol_into(p_token, 'course', p_course, p_person) $$;
COMMENT ON FUNCTION atelier.enrol_course(uuid, bigint, text) IS
    'enrols a person (by pseudonym) in a whole course, or puts them on its waitlist when full';
GRANT EXECUTE ON FUNCTION atelier.enrol_course(uuid, bigint, text) TO atelier_librarian;

CREATE FUNCTION atelier.unenrol(p_token uuid, p_session bigint, p_person text)
RETURNS TABLE (cancelled_enrolment bigint, promoted_enrolment bigint, promoted_person text)
LANGUAGE sql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$ SELECT * FROM atelier.unenrol_from(p_token, 'session', p_session, p_person) $$;
COMMENT ON FUNCTION atelier.unenrol(uuid, bigint, text) IS
    'cancels an enrolment in a session; returns who was promoted from the waitlist, if anyone';
GRANT EXECUTE ON FUNCTION atelier.unenrol(uuid, bigint, text) TO atelier_librarian;

CREATE FUNCTION atelier.unenrol_course(p_token uuid, p_course bigint, p_person text)
RETURNS TABLE (cancelled_enrolment bigint, promoted_enrolment bigint, promoted_person text)
LANGUAGE sql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$ SELECT * FROM atelier.unenrol_from(p_token, 'course', p_course, p_person) $$;
COMMENT ON FUNCTION atelier.unenrol_course(uuid, bigint, text) IS
    'cancels an enrolment in a course; returns who was promoted from the waitlist, if anyone';
GRANT EXECUTE ON FUNCTION atelier.unenrol_course(uuid, bigint, text) TO atelier_librarian;

CREATE FUNCTION atelier.attend(p_token uuid, p_session bigint, p_person text, p_status text)
RETURNS void
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    actor atelier.staff := atelier.actor(p_token);
    s     atelier.session := atelier.session_for(actor, p_session, 'librarian', 'facilitator', 'coordinator', 'admin');
    pid   bigint;
BEGIN
    IF p_status IS NULL OR p_status NOT IN ('present', 'absent', 'excused') THEN
        PERFORM atelier.raise('unknown_term', 'attendance', COALESCE(p_status, ''));
    END IF;
    IF s.status = 'cancelled' THEN
        PERFORM atelier.raise('session_cancelled', s.id::text);
    END IF;
    SELECT p.id INTO pid FROM atelier.person p
      JOIN atelier.enrolment e ON e.person_id = p.id AND e.status = 'enrolled'
     WHERE p.pseudonym = p_person
       AND (e.session_id = s.id OR (s.course_id IS NOT NULL AND e.course_id = s.course_id));
    IF NOT FOUND THEN
        PERFORM atelier.raise('not_enrolled', s.id::text);
    END IF;
    INSERT INTO atelier.attendance AS a (session_id, person_id, status, marked_by)
    VALUES (s.id, pid, p_status, actor.id)
    ON CONFLICT (session_id, person_id) DO UPDATE
       SET status = EXCLUDED.status, marked_by = EXCLUDED.marked_by, marked_at = pg_catalog.now();
    UPDATE atelier.person SET last_contact = GREATEST(last_contact, CURRENT_DATE) WHERE id = pid;
END
$$;
COMMENT ON FUNCTION atelier.attend(uuid, bigint, text, text) IS
    'marks a person enrolled in a session (or its course) present, absent or excused';
GRANT EXECUTE ON FUNCTION atelier.attend(uuid, bigint, text, text) TO atelier_librarian;

CREATE FUNCTION atelier.session_roster(p_token uuid, p_session bigint)
RETURNS TABLE (person text, status text, waitlist_rank bigint, attendance text, enrolled_at timestamptz)
LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    actor atelier.staff := atelier.actor(p_token);
    s     atelier.session := atelier.session_for(actor, p_session);
BEGIN
    RETURN QUERY
    SELECT p.pseudonym::text, e.status, (atelier.enrolment_standing(e.id)).waitlist_rank,
           a.status, e.created_at
      FROM atelier.enrolment e
      JOIN atelier.person p ON p.id = e.person_id
      LEFT JOIN atelier.attendance a ON a.session_id = s.id AND a.person_id = e.person_id
     WHERE (e.session_id = s.id OR (s.course_id IS NOT NULL AND e.course_id = s.course_id))
       AND e.status <> 'cancelled'
     ORDER BY e.status, e.waitlist_position NULLS FIRST, e.id;
END
$$;
COMMENT ON FUNCTION atelier.session_roster(uuid, bigint) IS
    'who is enrolled in a session (or its course), who waits and in what rank, and attendance';
GRANT EXECUTE ON FUNCTION atelier.session_roster(uuid, bigint) TO atelier_librarian;
