-- SPDX-License-Identifier: LGPL-2.1-or-later
-- Helpdesk tickets. The transition rules and the timeline live in triggers on the
-- table (09_tickets.sql); these functions check input and say who acts.

CREATE FUNCTION atelier.require_terms(p_vocabulary text, p_codes text[], p_site_id bigint)
RETURNS void
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    c text;
BEGIN
    FOREACH c IN ARRAY COALESCE(p_codes, '{}') LOOP
        PERFORM atelier.require_term(p_vocabulary, c, p_site_id);
    END LOOP;
END
$$;
COMMENT ON FUNCTION atelier.require_terms(text, text[], bigint) IS
    'refuses any code of the list that is not an active term of the vocabulary for this site';

CREATE FUNCTION atelier.require_procedures_theme(p_themes text[], p_procedures text[])
RETURNS void
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF pg_catalog.cardinality(p_procedures) > 0
       AND NOT (atelier.procedures_theme() = ANY (COALESCE(p_themes, '{}'))) THEN
        PERFORM atelier.raise('procedures_need_theme');
    END IF;
END
$$;
COMMENT ON FUNCTION atelier.require_procedures_theme(text[], text[]) IS
    'refuses administrative procedures on a ticket whose themes do not include atelier.procedures_theme()';

CREATE FUNCTION atelier.ticket_workstation(p_site_id bigint, p_hostname text) RETURNS bigint
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    w atelier.workstation;
BEGIN
    IF p_hostname IS NULL THEN
        RETURN NULL;
    END IF;
    w := atelier.workstation_by_name(p_hostname);
    IF w.site_id <> p_site_id THEN
        PERFORM atelier.raise('workstation_other_site', w.hostname,
                              (SELECT s.code FROM atelier.site s WHERE s.id = p_site_id));
    END IF;
    RETURN w.id;
END
$$;
COMMENT ON FUNCTION atelier.ticket_workstation(bigint, text) IS
    'the id of a PC of the ticket''s site, or a clear error';

CREATE FUNCTION atelier.ticket_open(p_token uuid, p_site text, p_themes text[],
                                    p_place text DEFAULT NULL,
                                    p_equipment text DEFAULT NULL,
                                    p_workstation text DEFAULT NULL,
                                    p_person text DEFAULT NULL,
                                    p_minutes integer DEFAULT NULL,
                                    p_notes text DEFAULT '',
                                    p_procedures text[] DEFAULT '{}')
RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    actor atelier.staff := atelier.actor(p_token);
    site  atelier.site := atelier.site_for(actor, p_site);
    place_code text := COALESCE(p_place, atelier.default_ticket_place());
    tid   bigint;
BEGIN
    IF COALESCE(pg_catalog.cardinality(p_themes), 0) = 0 THEN
        PERFORM atelier.raise('theme_required');
    END IF;
    PERFORM atelier.require_terms('theme', p_themes, site.id);
    PERFORM atelier.require_terms('procedure', p_procedures, site.id);
    PERFORM atelier.require_procedures_theme(p_themes, p_procedures);
    PERFORM atelier.require_term('place', place_code, site.id);
    PERFORM atelier.require_term('equipment', p_equipment, site.id);
    IF NOT atelier.is_pseudonym(p_person) THEN
        PERFORM atelier.raise('invalid_pseudonym');
    END IF;
    IF p_minutes IS NOT NULL AND p_minutes NOT BETWEEN 0 AND 1440 THEN
        PERFORM atelier.raise('invalid_value', 'minutes', p_minutes::text);
    END IF;
    INSERT INTO atelier.ticket (site_id, opened_by, person_id, place, equipment, workstation_id,
                                themes, procedures, minutes, notes)
    VALUES (site.id, actor.id, atelier.person_id(p_person), place_code,
            p_equipment, atelier.ticket_workstation(site.id, p_workstation),
            (SELECT pg_catalog.array_agg(DISTINCT t) FROM pg_catalog.unnest(p_themes) t),
            COALESCE((SELECT pg_catalog.array_agg(DISTINCT t)
                                   FROM pg_catalog.unnest(p_procedures) t), '{}'),
            p_minutes, COALESCE(p_notes, ''))
    RETURNING id INTO tid;
    RETURN tid;
END
$$;
COMMENT ON FUNCTION atelier.ticket_open(uuid, text, text[], text, text, text, text, integer, text, text[]) IS
    'opens a helpdesk ticket for the person in front of you (pseudonym, or NULL when anonymous); place NULL is atelier.default_ticket_place(); returns its number';
GRANT EXECUTE ON FUNCTION atelier.ticket_open(uuid, text, text[], text, text, text, text, integer, text, text[]) TO atelier_librarian;

CREATE FUNCTION atelier.ticket_site(p_actor atelier.staff, p_ticket bigint) RETURNS bigint
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    sid bigint;
BEGIN
    SELECT x.site_id INTO sid FROM atelier.ticket x WHERE x.id = p_ticket;
    IF NOT FOUND THEN
        PERFORM atelier.raise('ticket_unknown', COALESCE(p_ticket::text, ''));
    END IF;
    PERFORM atelier.require_site(p_actor, sid);
    RETURN sid;
END
$$;
COMMENT ON FUNCTION atelier.ticket_site(atelier.staff, bigint) IS
    'the site of a ticket the staff member may see, or a clear error';

CREATE FUNCTION atelier.ticket_for_change(p_actor atelier.staff, p_ticket bigint) RETURNS atelier.ticket
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    t atelier.ticket;
BEGIN
    SELECT * INTO t FROM atelier.ticket x WHERE x.id = p_ticket FOR UPDATE;
    -- Not found, or not the staff member's: the same errors as for reading it.
    PERFORM atelier.ticket_site(p_actor, p_ticket);
    RETURN t;
END
$$;
COMMENT ON FUNCTION atelier.ticket_for_change(atelier.staff, bigint) IS
    'locks a ticket the staff member may change, or gives a clear error';

CREATE FUNCTION atelier.ticket_update(p_token uuid, p_ticket bigint,
                                      p_themes text[] DEFAULT NULL,
                                      p_procedures text[] DEFAULT NULL,
                                      p_place text DEFAULT NULL,
                                      p_equipment text DEFAULT NULL,
                                      p_workstation text DEFAULT NULL,
                                      p_minutes integer DEFAULT NULL,
                                      p_notes text DEFAULT NULL,
                                      p_autonomy text DEFAULT NULL)
RETURNS void
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    actor atelier.staff := atelier.actor(p_token);
    t     atelier.ticket := atelier.ticket_for_change(actor, p_ticket);
BEGIN
    IF p_themes IS NOT NULL AND pg_catalog.cardinality(p_themes) = 0 THEN
        PERFORM atelier.raise('theme_required');
    END IF;
    PERFORM atelier.require_terms('theme', p_themes, t.site_id);
    PERFORM atelier.require_terms('procedure', p_procedures, t.site_id);
    PERFORM atelier.require_term('place', p_place, t.site_id);
    PERFORM atelier.require_term('equipment', p_equipment, t.site_id);
    PERFORM atelier.require_term('autonomy', p_autonomy, t.site_id);
    IF p_minutes IS NOT NULL AND p_minutes NOT BETWEEN 0 AND 1440 THEN
        PERFORM atelier.raise('invalid_value', 'minutes', p_minutes::text);
    END IF;
    PERFORM atelier.require_procedures_theme(COALESCE(p_themes, t.themes),
                                             COALESCE(p_procedures, t.procedures));
    UPDATE atelier.ticket x SET
        themes = COALESCE((SELECT pg_catalog.array_agg(DISTINCT v) FROM pg_catalog.unnest(p_themes) v), x.themes),
        procedures = CASE WHEN p_procedures IS NULL THEN x.procedures
                          ELSE COALESCE((SELECT pg_catalog.array_agg(DISTINCT v)
                                                      FROM pg_catalog.unnest(p_procedures) v), '{}') END,
        place = COALESCE(p_place, x.place),
        equipment = COALESCE(p_equipment, x.equipment),
        workstation_id = COALESCE(atelier.ticket_workstation(t.site_id, p_workstation), x.workstation_id),
        minutes = COALESCE(p_minutes, x.minutes),
        notes = COALESCE(p_notes, x.notes),
        autonomy = COALESCE(p_autonomy, x.autonomy),
        updated_at = pg_catalog.now()
     WHERE x.id = t.id;
END
$$;
COMMENT ON FUNCTION atelier.ticket_update(uuid, bigint, text[], text[], text, text, text, integer, text, text) IS
    'changes a ticket''s details; NULL leaves a field as it is; the change goes on the timeline';
GRANT EXECUTE ON FUNCTION atelier.ticket_update(uuid, bigint, text[], text[], text, text, text, integer, text, text) TO atelier_librarian;

CREATE FUNCTION atelier.ticket_move(p_token uuid, p_ticket bigint, p_state text,
                                    p_referral text DEFAULT NULL, p_autonomy text DEFAULT NULL,
                                    p_minutes integer DEFAULT NULL)
RETURNS text
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    actor   atelier.staff := atelier.actor(p_token);
    t       atelier.ticket := atelier.ticket_for_change(actor, p_ticket);
    closing boolean := p_state IN ('resolved', 'referred', 'abandoned');
BEGIN
    IF p_state IS NULL OR p_state NOT IN ('open', 'in_progress', 'resolved', 'referred', 'abandoned') THEN
        PERFORM atelier.raise('unknown_term', 'ticket_state', COALESCE(p_state, ''));
    END IF;
    IF p_state = t.state THEN
        PERFORM atelier.raise('ticket_transition', t.id::text, atelier.label('ticket_state', t.state),
                              atelier.label('ticket_state', p_state));
    END IF;
    IF p_state = 'referred' AND p_referral IS NULL THEN
        PERFORM atelier.raise('referral_required');
    END IF;
    IF p_state <> 'referred' AND p_referral IS NOT NULL THEN
        PERFORM atelier.raise('referral_not_referred', atelier.label('ticket_state', p_state));
    END IF;
    PERFORM atelier.require_term('referral', p_referral, t.site_id);
    PERFORM atelier.require_term('autonomy', p_autonomy, t.site_id);
    IF p_minutes IS NOT NULL AND p_minutes NOT BETWEEN 0 AND 1440 THEN
        PERFORM atelier.raise('invalid_value', 'minutes', p_minutes::text);
    END IF;
    -- Closing an open ticket passes through in_progress, as the rules require: the
    -- timeline then shows both steps.
    IF t.state = 'open' AND p_state IN ('resolved', 'referred') THEN
        UPDATE atelier.ticket SET state = 'in_progress', updated_at = pg_catalog.now() WHERE id = t.id;
    END IF;
    UPDATE atelier.ticket x SET
        state = p_state,
        referral = CASE WHEN p_state = 'referred' THEN p_referral
                        WHEN p_state = 'open' THEN NULL ELSE x.referral END,
        autonomy = COALESCE(p_autonomy, x.autonomy),
        minutes = COALESCE(p_minutes, x.minutes),
        closed_at = CASE WHEN closing THEN pg_catalog.now() END,
        updated_at = pg_catalog.now()
     WHERE x.id = t.id;
    RETURN p_state;
END
$$;
COMMENT ON FUNCTION atelier.ticket_move(uuid, bigint, text, text, text, integer) IS
    'moves a ticket: in_progress, resolved, referred (to a structure), abandoned, or open again (reopen: coordinators and administrators only)';
GRANT EXECUTE ON FUNCTION atelier.ticket_move(uuid, bigint, text, text, text, integer) TO atelier_librarian;

CREATE FUNCTION atelier.default_ticket_limit() RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT 100
$$;
COMMENT ON FUNCTION atelier.default_ticket_limit() IS
    'how many tickets atelier.ticket_list gives when no limit is given';

CREATE FUNCTION atelier.ticket_list(p_token uuid, p_site text DEFAULT NULL, p_state text DEFAULT NULL,
                                    p_from timestamptz DEFAULT NULL, p_to timestamptz DEFAULT NULL,
                                    p_limit integer DEFAULT NULL)
RETURNS TABLE (ticket_id bigint, site text, opened_at timestamptz, opened_by text, state text,
               themes text[], place text, minutes integer, anonymous boolean)
LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    actor atelier.staff := atelier.actor(p_token);
BEGIN
    IF p_site IS NOT NULL THEN
        -- Asking for a site one does not work for is refused, not answered with nothing.
        PERFORM atelier.site_for(actor, p_site);
    END IF;
    RETURN QUERY
    SELECT t.id, s.code::text, t.opened_at, st.login::text, t.state, t.themes, t.place::text,
           t.minutes, t.person_id IS NULL
      FROM atelier.ticket t
      JOIN atelier.site s ON s.id = t.site_id
      JOIN atelier.staff st ON st.id = t.opened_by
     WHERE (p_site IS NULL OR s.code = p_site)
       AND (p_state IS NULL OR t.state = p_state)
       AND (p_from IS NULL OR t.opened_at >= p_from)
       AND (p_to IS NULL OR t.opened_at < p_to)
       -- Decided once per site (a few), not once per ticket.
       AND t.site_id IN (SELECT x.id FROM atelier.site x WHERE atelier.may_act_at(actor, x.id))
     ORDER BY t.opened_at DESC, t.id DESC
     LIMIT GREATEST(COALESCE(p_limit, atelier.default_ticket_limit()), 0);
END
$$;
COMMENT ON FUNCTION atelier.ticket_list(uuid, text, text, timestamptz, timestamptz, integer) IS
    'the latest tickets of the sites the staff member works for, filtered by site, state and period; at most p_limit, atelier.default_ticket_limit() when NULL';
GRANT EXECUTE ON FUNCTION atelier.ticket_list(uuid, text, text, timestamptz, timestamptz, integer) TO atelier_librarian;

CREATE FUNCTION atelier.ticket_show(p_token uuid, p_ticket bigint)
RETURNS TABLE (ticket_id bigint, site text, opened_at timestamptz, opened_by text, person text,
               place text, equipment text, workstation text, themes text[], procedures text[],
               state text, minutes integer, autonomy text, referral text, notes text,
               closed_at timestamptz)
LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    actor atelier.staff := atelier.actor(p_token);
BEGIN
    PERFORM atelier.ticket_site(actor, p_ticket);
    RETURN QUERY
    SELECT t.id, s.code::text, t.opened_at, st.login::text, p.pseudonym::text, t.place::text,
           t.equipment::text, w.hostname::text, t.themes, t.procedures, t.state, t.minutes,
           t.autonomy::text, t.referral::text, t.notes::text, t.closed_at
      FROM atelier.ticket t
      JOIN atelier.site s ON s.id = t.site_id
      JOIN atelier.staff st ON st.id = t.opened_by
      LEFT JOIN atelier.person p ON p.id = t.person_id
      LEFT JOIN atelier.workstation w ON w.id = t.workstation_id
     WHERE t.id = p_ticket;
END
$$;
COMMENT ON FUNCTION atelier.ticket_show(uuid, bigint) IS 'one ticket, whole';
GRANT EXECUTE ON FUNCTION atelier.ticket_show(uuid, bigint) TO atelier_librarian;

CREATE FUNCTION atelier.ticket_timeline(p_token uuid, p_ticket bigint)
RETURNS TABLE (at timestamptz, staff text, kind text, from_state text, to_state text, changes jsonb)
LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    actor atelier.staff := atelier.actor(p_token);
BEGIN
    PERFORM atelier.ticket_site(actor, p_ticket);
    RETURN QUERY
    SELECT e.at, st.login::text, e.kind, e.from_state, e.to_state, e.changes
      FROM atelier.ticket_event e LEFT JOIN atelier.staff st ON st.id = e.staff_id
     WHERE e.ticket_id = p_ticket
     ORDER BY e.id;
END
$$;
COMMENT ON FUNCTION atelier.ticket_timeline(uuid, bigint) IS 'a ticket''s timeline: every change, who, when';
GRANT EXECUTE ON FUNCTION atelier.ticket_timeline(uuid, bigint) TO atelier_librarian;
