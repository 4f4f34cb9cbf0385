-- SPDX-License-Identifier: LGPL-2.1-or-later
-- Helpdesk tickets: one per person helped, with an append-only timeline.

CREATE TABLE atelier.ticket (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    site_id        bigint NOT NULL REFERENCES atelier.site,
    opened_by      bigint NOT NULL REFERENCES atelier.staff,
    opened_at      timestamptz NOT NULL DEFAULT pg_catalog.now(),
    person_id      bigint REFERENCES atelier.person,
    place          atelier.code NOT NULL DEFAULT atelier.default_ticket_place(),
    place_list     text NOT NULL GENERATED ALWAYS AS ('place') STORED,
    equipment      atelier.code,
    equipment_list text NOT NULL GENERATED ALWAYS AS ('equipment') STORED,
    workstation_id bigint REFERENCES atelier.workstation,
    themes         text[] NOT NULL CHECK (pg_catalog.cardinality(themes) >= 1),
    procedures     text[] NOT NULL DEFAULT '{}',
    state          text NOT NULL DEFAULT 'open'
                   CHECK (state IN ('open', 'in_progress', 'resolved', 'referred', 'abandoned')),
    minutes        integer CHECK (minutes BETWEEN 0 AND 1440),
    autonomy       atelier.code,
    autonomy_list  text NOT NULL GENERATED ALWAYS AS ('autonomy') STORED,
    referral       atelier.code,
    referral_list  text NOT NULL GENERATED ALWAYS AS ('referral') STORED,
    notes          atelier.note_text NOT NULL DEFAULT '',
    closed_at      timestamptz,
    updated_at     timestamptz NOT NULL DEFAULT pg_catalog.now(),
    FOREIGN KEY (place_list, place) REFERENCES atelier.term (vocabulary, code),
    FOREIGN KEY (equipment_list, equipment) REFERENCES atelier.term (vocabulary, code),
    FOREIGN KEY (autonomy_list, autonomy) REFERENCES atelier.term (vocabulary, code),
    FOREIGN KEY (referral_list, referral) REFERENCES atelier.term (vocabulary, code),
    CHECK (state <> 'referred' OR referral IS NOT NULL),
    CHECK (pg_catalog.cardinality(procedures) = 0 OR atelier.procedures_theme() = ANY (themes)),
    CHECK ((state IN ('resolved', 'referred', 'abandoned')) = (closed_at IS NOT NULL))
);
COMMENT ON TABLE atelier.ticket IS
    'one person helped at the helpdesk: where, on what, with what device, how long, how it ended; person NULL when anonymous';
SELECT atelier.dump_with_extension('atelier.ticket');
COMMENT ON COLUMN atelier.ticket.themes IS 'codes of the vocabulary theme, one or more';
COMMENT ON COLUMN atelier.ticket.procedures IS 'codes of the vocabulary procedure, when the theme demarches is among the themes';
COMMENT ON COLUMN atelier.ticket.notes IS 'free text for the team; write nothing that identifies the person';
CREATE INDEX ticket_site_opened_idx ON atelier.ticket (site_id, opened_at);
COMMENT ON INDEX atelier.ticket_site_opened_idx IS 'lists a site''s tickets and counts a month''s';
CREATE INDEX ticket_opened_idx ON atelier.ticket (opened_at);
COMMENT ON INDEX atelier.ticket_opened_idx IS 'counts the whole network''s tickets of a month';

CREATE FUNCTION atelier.ticket_terms_guard() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    bad text;
BEGIN
    -- Arrays can not carry foreign keys: check each theme against its vocabulary.
    SELECT t INTO bad FROM pg_catalog.unnest(NEW.themes) t
     WHERE NOT EXISTS (SELECT 1 FROM atelier.term r WHERE r.vocabulary = 'theme' AND r.code = t)
     LIMIT 1;
    IF FOUND THEN
        PERFORM atelier.raise('unknown_term', 'theme', bad);
    END IF;
    SELECT t INTO bad FROM pg_catalog.unnest(NEW.procedures) t
     WHERE NOT EXISTS (SELECT 1 FROM atelier.term r WHERE r.vocabulary = 'procedure' AND r.code = t)
     LIMIT 1;
    IF FOUND THEN
        PERFORM atelier.raise('unknown_term', 'procedure', bad);
    END IF;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION atelier.ticket_terms_guard() IS
    'trigger: every theme and administrative procedure of a ticket is a known term';
CREATE TRIGGER ticket_terms_guard
    BEFORE INSERT OR UPDATE OF themes, procedures ON atelier.ticket
    FOR EACH ROW EXECUTE FUNCTION atelier.ticket_terms_guard();
COMMENT ON TRIGGER ticket_terms_guard ON atelier.ticket IS
    'checks every theme and procedure of a ticket is a known term (atelier.ticket_terms_guard)';

CREATE TABLE atelier.ticket_event (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    ticket_id  bigint NOT NULL REFERENCES atelier.ticket ON DELETE CASCADE,
    at         timestamptz NOT NULL DEFAULT pg_catalog.clock_timestamp(),
    staff_id   bigint REFERENCES atelier.staff,
    kind       text NOT NULL CHECK (kind IN ('opened', 'updated', 'state')),
    from_state text,
    to_state   text,
    changes    jsonb NOT NULL DEFAULT '{}'
);
COMMENT ON TABLE atelier.ticket_event IS
    'the timeline of a ticket: every change, who made it and when; rows are never updated';
SELECT atelier.dump_with_extension('atelier.ticket_event');
CREATE INDEX ticket_event_ticket_idx ON atelier.ticket_event (ticket_id, id);
COMMENT ON INDEX atelier.ticket_event_ticket_idx IS 'reads a ticket''s timeline in order';

-- Who is acting: API functions set atelier.actor (a staff id) for their transaction.
CREATE FUNCTION atelier.current_actor() RETURNS bigint
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT NULLIF(pg_catalog.current_setting('atelier.actor', true), '')::bigint
$$;
COMMENT ON FUNCTION atelier.current_actor() IS
    'the staff member acting in this transaction, as set by the API function that is running';

CREATE FUNCTION atelier.ticket_transition_guard() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    actor_role text;
BEGIN
    IF NEW.state = OLD.state THEN
        RETURN NEW;
    END IF;
    IF (OLD.state, NEW.state) IN (('open', 'in_progress'), ('open', 'abandoned'),
                                  ('in_progress', 'resolved'), ('in_progress', 'referred'),
                                  ('in_progress', 'abandoned')) THEN
        RETURN NEW;
    END IF;
    IF OLD.state IN ('resolved', 'referred', 'abandoned') AND NEW.state = 'open' THEN
        SELECT s.role INTO actor_role FROM atelier.staff s WHERE s.id = atelier.current_actor();
        IF actor_role IN ('coordinator', 'admin') THEN
            RETURN NEW;
        END IF;
        PERFORM atelier.raise('ticket_reopen_forbidden', OLD.id::text);
    END IF;
    PERFORM atelier.raise('ticket_transition', OLD.id::text,
                          atelier.label('ticket_state', OLD.state), atelier.label('ticket_state', NEW.state));
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION atelier.ticket_transition_guard() IS
    'trigger: states move only open -> in_progress -> resolved | referred | abandoned (or open -> abandoned); only a coordinator or an administrator reopens';
CREATE TRIGGER ticket_transition_guard
    BEFORE UPDATE OF state ON atelier.ticket
    FOR EACH ROW EXECUTE FUNCTION atelier.ticket_transition_guard();
COMMENT ON TRIGGER ticket_transition_guard ON atelier.ticket IS
    'lets a ticket''s state move only along the allowed transitions (atelier.ticket_transition_guard)';

CREATE FUNCTION atelier.ticket_timeline_writer() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    changes jsonb;
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO atelier.ticket_event (ticket_id, staff_id, kind, to_state)
        VALUES (NEW.id, atelier.current_actor(), 'opened', NEW.state);
        RETURN NULL;
    END IF;
    -- Only what changed, bookkeeping columns aside.
    SELECT pg_catalog.jsonb_object_agg(n.key, n.value) INTO changes
      FROM pg_catalog.jsonb_each(pg_catalog.to_jsonb(NEW)) n
      JOIN pg_catalog.jsonb_each(pg_catalog.to_jsonb(OLD)) o USING (key)
     WHERE n.value IS DISTINCT FROM o.value
       AND n.key NOT IN ('updated_at', 'closed_at', 'state');
    IF NEW.state <> OLD.state THEN
        INSERT INTO atelier.ticket_event (ticket_id, staff_id, kind, from_state, to_state, changes)
        VALUES (NEW.id, atelier.current_actor(), 'state', OLD.state, NEW.state,
                COALESCE(changes, '{}'));
    ELSIF changes IS NOT NULL THEN
        INSERT INTO atelier.ticket_event (ticket_id, staff_id, kind, changes)
        VALUES (NEW.id, atelier.current_actor(), 'updated', changes);
    END IF;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION atelier.ticket_timeline_writer() IS
    'trigger: writes the timeline event of every ticket change, whoever makes it';
CREATE TRIGGER ticket_timeline_writer
    AFTER INSERT OR UPDATE ON atelier.ticket
    FOR EACH ROW EXECUTE FUNCTION atelier.ticket_timeline_writer();
COMMENT ON TRIGGER ticket_timeline_writer ON atelier.ticket IS
    'writes every ticket change on its timeline (atelier.ticket_timeline_writer)';

CREATE FUNCTION atelier.ticket_event_append_only() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    -- A timeline is never rewritten; its rows go only with their ticket (retention).
    IF TG_OP = 'DELETE' AND NOT EXISTS (SELECT 1 FROM atelier.ticket t WHERE t.id = OLD.ticket_id) THEN
        RETURN OLD;
    END IF;
    PERFORM atelier.raise('timeline_append_only');
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION atelier.ticket_event_append_only() IS
    'trigger: timeline events are never updated, and deleted only with their ticket';
CREATE TRIGGER ticket_event_append_only
    BEFORE UPDATE OR DELETE ON atelier.ticket_event
    FOR EACH ROW EXECUTE FUNCTION atelier.ticket_event_append_only();
COMMENT ON TRIGGER ticket_event_append_only ON atelier.ticket_event IS
    'keeps the timeline append-only (atelier.ticket_event_append_only)';
COMMENT ON COLUMN atelier.ticket.place_list IS 'constant: lets the foreign key name the vocabulary';
COMMENT ON COLUMN atelier.ticket.equipment_list IS 'constant: lets the foreign key name the vocabulary';
COMMENT ON COLUMN atelier.ticket.autonomy_list IS 'constant: lets the foreign key name the vocabulary';
COMMENT ON COLUMN atelier.ticket.referral_list IS 'constant: lets the foreign key name the vocabulary';
