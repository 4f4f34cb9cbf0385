-- SPDX-License-Identifier: LGPL-2.1-or-later
-- Helpers shared by the API functions: who is acting, and lookups by the names
-- people use (codes, host names, pseudonyms) that fail with a clear message.
-- None of these is granted to a client role.

CREATE FUNCTION atelier.actor(p_token uuid) RETURNS atelier.staff
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    s       atelier.staff;
    expires timestamptz;
BEGIN
    SELECT ss.expires_at INTO expires FROM atelier.staff_session ss WHERE ss.token = p_token;
    IF NOT FOUND THEN
        PERFORM atelier.raise('staff_session_unknown');
    END IF;
    IF expires <= pg_catalog.now() THEN
        PERFORM atelier.raise('staff_session_expired');
    END IF;
    SELECT st.* INTO s FROM atelier.staff st
      JOIN atelier.staff_session ss ON ss.staff_id = st.id
     WHERE ss.token = p_token;
    IF NOT s.active THEN
        PERFORM atelier.raise('staff_inactive', s.login);
    END IF;
    -- Triggers (ticket timeline, transitions) read who acts from here.
    PERFORM pg_catalog.set_config('atelier.actor', s.id::text, true);
    RETURN s;
END
$$;
COMMENT ON FUNCTION atelier.actor(uuid) IS
    'the staff member behind a live staff session token; records them as this transaction''s actor';

CREATE FUNCTION atelier.require_role(p_staff atelier.staff, VARIADIC p_roles text[])
RETURNS void
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF NOT (p_staff.role = ANY (p_roles)) THEN
        PERFORM atelier.raise('role_forbidden', p_staff.login, p_staff.role);
    END IF;
END
$$;
COMMENT ON FUNCTION atelier.require_role(atelier.staff, text[]) IS
    'refuses unless the staff member has one of the roles';

CREATE FUNCTION atelier.may_act_at(p_staff atelier.staff, p_site_id bigint)
RETURNS boolean
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT p_staff.role IN ('coordinator', 'admin')
        OR EXISTS (SELECT 1 FROM atelier.staff_site ss
                    WHERE ss.staff_id = p_staff.id AND ss.site_id = p_site_id)
$$;
COMMENT ON FUNCTION atelier.may_act_at(atelier.staff, bigint) IS
    'may the staff member act for this site? a coordinator or an administrator anywhere, a librarian or a facilitator only at the sites they work for (the one rule behind require_site, ticket_list and my_sites)';

CREATE FUNCTION atelier.require_site(p_staff atelier.staff, p_site_id bigint)
RETURNS void
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF NOT atelier.may_act_at(p_staff, p_site_id) THEN
        PERFORM atelier.raise('site_forbidden',
                              (SELECT s.code FROM atelier.site s WHERE s.id = p_site_id));
    END IF;
END
$$;
COMMENT ON FUNCTION atelier.require_site(atelier.staff, bigint) IS
    'refuses a librarian or facilitator acting for a site they do not work for';

CREATE FUNCTION atelier.require_role_site(p_staff atelier.staff, p_site_id bigint,
                                          VARIADIC p_roles text[] DEFAULT '{}')
RETURNS void
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF pg_catalog.cardinality(p_roles) > 0 THEN
        PERFORM atelier.require_role(p_staff, VARIADIC p_roles);
    END IF;
    PERFORM atelier.require_site(p_staff, p_site_id);
END
$$;
COMMENT ON FUNCTION atelier.require_role_site(atelier.staff, bigint, text[]) IS
    'refuses unless the staff member has one of the roles (any role when none is named) and may act for the site';

-- The lookups below find one row by the name people use, or raise the message the
-- key names: a scalar subquery gives NULL when no row matches.
CREATE FUNCTION atelier.found_or_raise(p_row anyelement, p_key text, p_arg text)
RETURNS anyelement
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    -- A row of a table always has its id or key: all-NULL means not found.
    IF p_row IS NULL THEN
        PERFORM atelier.raise(p_key, p_arg);
    END IF;
    RETURN p_row;
END
$$;
COMMENT ON FUNCTION atelier.found_or_raise(anyelement, text, text) IS
    'the row found, or the error of the message key (with the name looked for) when it is NULL';

CREATE FUNCTION atelier.site_by_code(p_code text) RETURNS atelier.site
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT atelier.found_or_raise((SELECT x FROM atelier.site x WHERE x.code = p_code),
                                  'site_unknown', COALESCE(p_code, ''))
$$;
COMMENT ON FUNCTION atelier.site_by_code(text) IS 'the site with this code, or a clear error';

CREATE FUNCTION atelier.room_id(p_site atelier.site, p_code text) RETURNS bigint
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    rid bigint;
BEGIN
    IF p_code IS NULL THEN
        RETURN NULL;
    END IF;
    SELECT r.id INTO rid FROM atelier.room r WHERE r.site_id = p_site.id AND r.code = p_code;
    IF NOT FOUND THEN
        PERFORM atelier.raise('room_unknown', p_site.code, p_code);
    END IF;
    RETURN rid;
END
$$;
COMMENT ON FUNCTION atelier.room_id(atelier.site, text) IS
    'the id of a room of the site (NULL for no room), or a clear error';

CREATE FUNCTION atelier.workstation_by_name(p_hostname text) RETURNS atelier.workstation
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT atelier.found_or_raise((SELECT x FROM atelier.workstation x
                                    WHERE x.hostname = pg_catalog.lower(p_hostname)),
                                  'workstation_unknown', COALESCE(p_hostname, ''))
$$;
COMMENT ON FUNCTION atelier.workstation_by_name(text) IS
    'the workstation with this host name (case does not matter), or a clear error';

CREATE FUNCTION atelier.staff_by_login(p_login text) RETURNS atelier.staff
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT atelier.found_or_raise((SELECT x FROM atelier.staff x WHERE x.login = p_login),
                                  'staff_unknown', COALESCE(p_login, ''))
$$;
COMMENT ON FUNCTION atelier.staff_by_login(text) IS 'the staff member with this login, or a clear error';

CREATE FUNCTION atelier.session_by_id(p_id bigint) RETURNS atelier.session
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT atelier.found_or_raise((SELECT x FROM atelier.session x WHERE x.id = p_id),
                                  'session_unknown', COALESCE(p_id::text, ''))
$$;
COMMENT ON FUNCTION atelier.session_by_id(bigint) IS 'the session with this number, or a clear error';

CREATE FUNCTION atelier.workshop_by_code(p_code text) RETURNS atelier.workshop
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT atelier.found_or_raise((SELECT x FROM atelier.workshop x WHERE x.code = p_code),
                                  'workshop_unknown', COALESCE(p_code, ''))
$$;
COMMENT ON FUNCTION atelier.workshop_by_code(text) IS 'the workshop with this code, or a clear error';

-- What a desk operation acts on, checked in one order everywhere: the thing exists,
-- then the staff member's role (any role when none is named), then their site.
CREATE FUNCTION atelier.site_for(p_actor atelier.staff, p_code text,
                                 VARIADIC p_roles text[] DEFAULT '{}')
RETURNS atelier.site
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    s atelier.site := atelier.site_by_code(p_code);
BEGIN
    PERFORM atelier.require_role_site(p_actor, s.id, VARIADIC p_roles);
    RETURN s;
END
$$;
COMMENT ON FUNCTION atelier.site_for(atelier.staff, text, text[]) IS
    'the site with this code, when the staff member has one of the roles (any when none is named) and may act there; or a clear error';

CREATE FUNCTION atelier.session_for(p_actor atelier.staff, p_session bigint,
                                    VARIADIC p_roles text[] DEFAULT '{}')
RETURNS atelier.session
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    s atelier.session := atelier.session_by_id(p_session);
BEGIN
    PERFORM atelier.require_role_site(p_actor, s.site_id, VARIADIC p_roles);
    RETURN s;
END
$$;
COMMENT ON FUNCTION atelier.session_for(atelier.staff, bigint, text[]) IS
    'the session with this number, when the staff member has one of the roles (any when none is named) and may act at its site; or a clear error';

CREATE FUNCTION atelier.person_id(p_pseudonym atelier.pseudonym) RETURNS bigint
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    pid bigint;
BEGIN
    IF p_pseudonym IS NULL THEN
        RETURN NULL;
    END IF;
    -- A person met for the first time is recorded with today as first visit.
    INSERT INTO atelier.person AS p (pseudonym) VALUES (p_pseudonym)
    ON CONFLICT (pseudonym) DO UPDATE SET last_contact = CURRENT_DATE
    RETURNING p.id INTO pid;
    RETURN pid;
END
$$;
COMMENT ON FUNCTION atelier.person_id(atelier.pseudonym) IS
    'the id of the person with this pseudonym, recorded now if new; refreshes their last contact';

CREATE FUNCTION atelier.require_term(p_vocabulary text, p_code text, p_site_id bigint)
RETURNS void
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF p_code IS NULL THEN
        RETURN;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM atelier.term t
                    WHERE t.vocabulary = p_vocabulary AND t.code = p_code AND t.active
                      AND (t.site_id IS NULL OR t.site_id = p_site_id)) THEN
        PERFORM atelier.raise('unknown_term', p_vocabulary, p_code);
    END IF;
END
$$;
COMMENT ON FUNCTION atelier.require_term(text, text, bigint) IS
    'refuses a code that is not an active term of the vocabulary for this site';

CREATE FUNCTION atelier.local_text(p_at timestamptz, p_time_zone text) RETURNS text
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT pg_catalog.to_char(pg_catalog.timezone(p_time_zone, p_at), 'YYYY-MM-DD HH24:MI')
$$;
COMMENT ON FUNCTION atelier.local_text(timestamptz, text) IS
    'a time as a site''s people read it, for messages';
