-- SPDX-License-Identifier: LGPL-2.1-or-later
-- Enrolments with waitlists, and attendance. Capacity is guarded by a trigger that
-- locks the session or course row first, so concurrent enrolments queue up there.

CREATE TABLE atelier.enrolment (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    session_id        bigint REFERENCES atelier.session,
    course_id         bigint REFERENCES atelier.course,
    person_id         bigint NOT NULL REFERENCES atelier.person,
    status            text NOT NULL CHECK (status IN ('enrolled', 'waitlisted', 'cancelled')),
    waitlist_position integer,
    created_by        bigint REFERENCES atelier.staff,
    created_at        timestamptz NOT NULL DEFAULT pg_catalog.now(),
    updated_at        timestamptz NOT NULL DEFAULT pg_catalog.now(),
    CHECK (pg_catalog.num_nonnulls(session_id, course_id) = 1),
    CHECK ((status = 'waitlisted') = (waitlist_position IS NOT NULL))
);
COMMENT ON TABLE atelier.enrolment IS
    'a person enrolled in a session or a course, or waiting for a seat (lowest waitlist_position first), or cancelled';
SELECT atelier.dump_with_extension('atelier.enrolment');
CREATE UNIQUE INDEX enrolment_session_person_key ON atelier.enrolment (session_id, person_id)
    WHERE status <> 'cancelled' AND session_id IS NOT NULL;
COMMENT ON INDEX atelier.enrolment_session_person_key IS 'one live enrolment per person and session';
CREATE UNIQUE INDEX enrolment_course_person_key ON atelier.enrolment (course_id, person_id)
    WHERE status <> 'cancelled' AND course_id IS NOT NULL;
COMMENT ON INDEX atelier.enrolment_course_person_key IS 'one live enrolment per person and course';
CREATE INDEX enrolment_session_idx ON atelier.enrolment (session_id) WHERE session_id IS NOT NULL;
COMMENT ON INDEX atelier.enrolment_session_idx IS 'counts the seats of a session, whatever their status';
CREATE INDEX enrolment_course_idx ON atelier.enrolment (course_id) WHERE course_id IS NOT NULL;
COMMENT ON INDEX atelier.enrolment_course_idx IS 'counts the seats of a course, whatever their status';

CREATE FUNCTION atelier.seats_taken(p_session bigint, p_course bigint, p_except bigint DEFAULT NULL)
RETURNS integer
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT pg_catalog.count(*)::integer FROM atelier.enrolment e
     WHERE e.status = 'enrolled' AND e.id IS DISTINCT FROM p_except
       AND (e.session_id = p_session OR e.course_id = p_course)
$$;
COMMENT ON FUNCTION atelier.seats_taken(bigint, bigint, bigint) IS
    'how many people are enrolled (not waiting) in a session or a course (give one, the other NULL), leaving out one enrolment if named';

CREATE FUNCTION atelier.enrolment_capacity_guard() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    cap   integer;
    taken integer;
BEGIN
    IF NEW.status <> 'enrolled' OR (TG_OP = 'UPDATE' AND OLD.status = 'enrolled') THEN
        RETURN NEW;
    END IF;
    -- The row lock serialises every enrolment of this session or course; the count
    -- below then runs on a fresh snapshot that sees what the lock holder committed.
    -- The lock is taken by a (no-op) update, not FOR UPDATE alone: a REPEATABLE READ or
    -- SERIALIZABLE transaction, whose snapshot can not see the lock holder's seat, then
    -- fails with a serialization error (retry) instead of taking a seat already gone.
    IF NEW.session_id IS NOT NULL THEN
        UPDATE atelier.session s SET status = s.status WHERE s.id = NEW.session_id
        RETURNING s.capacity INTO cap;
    ELSE
        UPDATE atelier.course c SET title = c.title WHERE c.id = NEW.course_id
        RETURNING c.capacity INTO cap;
    END IF;
    taken := atelier.seats_taken(NEW.session_id, NEW.course_id, NEW.id);
    IF taken >= cap THEN
        PERFORM atelier.raise('capacity_reached', cap::text);
    END IF;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION atelier.enrolment_capacity_guard() IS
    'trigger: refuses an enrolment beyond the capacity of its session or course, whoever writes it';
CREATE TRIGGER enrolment_capacity_guard
    BEFORE INSERT OR UPDATE OF status ON atelier.enrolment
    FOR EACH ROW EXECUTE FUNCTION atelier.enrolment_capacity_guard();
COMMENT ON TRIGGER enrolment_capacity_guard ON atelier.enrolment IS
    'checks a seat is free before an enrolment is taken or a waiting person moves up (atelier.enrolment_capacity_guard)';

CREATE FUNCTION atelier.capacity_not_below_enrolled() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    taken integer := CASE TG_TABLE_NAME WHEN 'session' THEN atelier.seats_taken(NEW.id, NULL)
                                       ELSE atelier.seats_taken(NULL, NEW.id) END;
BEGIN
    IF NEW.capacity < taken THEN
        PERFORM atelier.raise('capacity_below_enrolled', NEW.capacity::text, taken::text);
    END IF;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION atelier.capacity_not_below_enrolled() IS
    'trigger: a capacity can not drop below the number of people already enrolled';
CREATE TRIGGER session_capacity_guard
    BEFORE UPDATE OF capacity ON atelier.session
    FOR EACH ROW EXECUTE FUNCTION atelier.capacity_not_below_enrolled();
COMMENT ON TRIGGER session_capacity_guard ON atelier.session IS
    'refuses lowering a session''s capacity below the people enrolled (atelier.capacity_not_below_enrolled)';
CREATE TRIGGER course_capacity_guard
    BEFORE UPDATE OF capacity ON atelier.course
    FOR EACH ROW EXECUTE FUNCTION atelier.capacity_not_below_enrolled();
COMMENT ON TRIGGER course_capacity_guard ON atelier.course IS
    'refuses lowering a course''s capacity below the people enrolled (atelier.capacity_not_below_enrolled)';

CREATE TABLE atelier.attendance (
    session_id bigint NOT NULL REFERENCES atelier.session,
    person_id  bigint NOT NULL REFERENCES atelier.person,
    status     text NOT NULL CHECK (status IN ('present', 'absent', 'excused')),
    marked_by  bigint REFERENCES atelier.staff,
    marked_at  timestamptz NOT NULL DEFAULT pg_catalog.now(),
    PRIMARY KEY (session_id, person_id)
);
COMMENT ON TABLE atelier.attendance IS 'who came to a session: present, absent or excused';
SELECT atelier.dump_with_extension('atelier.attendance');
