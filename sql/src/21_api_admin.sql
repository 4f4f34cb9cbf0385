-- SPDX-License-Identifier: LGPL-2.1-or-later
-- What the host system keeps up to date (role atelier_admin), and staff sessions.
-- Each upsert says what it did: created, updated or unchanged (a sync counts them).
-- Sites, rooms, PCs, staff and people are written by the set-based sync_* functions
-- (28_api_sync.sql), one item with no line: the rules and defaults live there only.
-- (In plpgsql, whose bodies may name functions created later in the script.)

CREATE FUNCTION atelier.upsert_outcome(p_created bigint, p_updated bigint) RETURNS text
LANGUAGE sql IMMUTABLE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT CASE WHEN p_created > 0 THEN 'created' WHEN p_updated > 0 THEN 'updated'
                ELSE 'unchanged' END
$$;
COMMENT ON FUNCTION atelier.upsert_outcome(bigint, bigint) IS
    'names what an upsert of one item did from the counts of a sync: created, updated, else (NULL counts too) unchanged';

CREATE FUNCTION atelier.site_upsert(p_code text, p_name text, p_city text DEFAULT NULL,
                                    p_time_zone text DEFAULT NULL,
                                    p_active boolean DEFAULT NULL)
RETURNS text
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    RETURN (SELECT atelier.upsert_outcome(c.created, c.updated)
          FROM atelier.sync_sites(ARRAY[NULL::integer], ARRAY[p_code], ARRAY[p_name], ARRAY[p_city],
                                  ARRAY[p_time_zone], ARRAY[p_active]) c);
END
$$;
COMMENT ON FUNCTION atelier.site_upsert(text, text, text, text, boolean) IS
    'creates or updates a site by its host code (city NULL: empty; time zone NULL: atelier.default_time_zone(); active NULL: true); returns created, updated or unchanged';
GRANT EXECUTE ON FUNCTION atelier.site_upsert(text, text, text, text, boolean) TO atelier_admin;

CREATE FUNCTION atelier.room_upsert(p_site text, p_code text, p_name text,
                                    p_active boolean DEFAULT NULL)
RETURNS text
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    RETURN (SELECT atelier.upsert_outcome(c.created, c.updated)
          FROM atelier.sync_rooms(ARRAY[NULL::integer], ARRAY[p_site], ARRAY[p_code], ARRAY[p_name],
                                  ARRAY[p_active]) c);
END
$$;
COMMENT ON FUNCTION atelier.room_upsert(text, text, text, boolean) IS
    'creates or updates a room of a site (active NULL: true); returns created, updated or unchanged';
GRANT EXECUTE ON FUNCTION atelier.room_upsert(text, text, text, boolean) TO atelier_admin;

CREATE FUNCTION atelier.workstation_upsert(p_hostname text, p_site text, p_room text DEFAULT NULL,
                                           p_label text DEFAULT NULL, p_active boolean DEFAULT NULL)
RETURNS text
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    RETURN (SELECT atelier.upsert_outcome(c.created, c.updated)
          FROM atelier.sync_workstations(ARRAY[NULL::integer], ARRAY[p_hostname], ARRAY[p_site],
                                         ARRAY[p_room], ARRAY[p_label], ARRAY[p_active]) c);
END
$$;
COMMENT ON FUNCTION atelier.workstation_upsert(text, text, text, text, boolean) IS
    'creates or updates a public PC by host name (room NULL: none; label NULL: empty; active NULL: true); returns created, updated or unchanged';
GRANT EXECUTE ON FUNCTION atelier.workstation_upsert(text, text, text, text, boolean) TO atelier_admin;

CREATE FUNCTION atelier.staff_upsert(p_login text, p_display_name text, p_role text,
                                     p_sites text[] DEFAULT '{}', p_active boolean DEFAULT NULL)
RETURNS text
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    -- A sync item lists its sites as one text of codes separated by spaces.
    RETURN (SELECT atelier.upsert_outcome(c.created, c.updated)
          FROM atelier.sync_staff(ARRAY[NULL::integer], ARRAY[p_login], ARRAY[p_display_name], ARRAY[p_role],
                                  ARRAY[pg_catalog.array_to_string(p_sites, ' ')], ARRAY[p_active]) c);
END
$$;
COMMENT ON FUNCTION atelier.staff_upsert(text, text, text, text[], boolean) IS
    'creates or updates a staff member by PAM login, with exactly the sites listed (active NULL: true); returns created, updated or unchanged';
GRANT EXECUTE ON FUNCTION atelier.staff_upsert(text, text, text, text[], boolean) TO atelier_admin;

CREATE FUNCTION atelier.person_upsert(p_pseudonym text, p_age_bracket text DEFAULT NULL,
                                      p_social_status text DEFAULT NULL,
                                      p_postcode text DEFAULT NULL,
                                      p_first_visit date DEFAULT NULL)
RETURNS text
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    RETURN (SELECT atelier.upsert_outcome(c.created, c.updated)
          FROM atelier.sync_people(ARRAY[NULL::integer], ARRAY[p_pseudonym], ARRAY[p_age_bracket],
                                   ARRAY[p_social_status], ARRAY[p_postcode], ARRAY[p_first_visit]) c);
END
$$;
COMMENT ON FUNCTION atelier.person_upsert(text, text, text, text, date) IS
    'creates or updates a person by pseudonym (no name, phone or e-mail; first visit NULL: kept, or today for someone new); returns created, updated or unchanged';
GRANT EXECUTE ON FUNCTION atelier.person_upsert(text, text, text, text, date) TO atelier_admin;

CREATE FUNCTION atelier.term_upsert(p_vocabulary text, p_code text, p_label_fr text, p_label_en text,
                                    p_site text DEFAULT NULL, p_position integer DEFAULT 100,
                                    p_active boolean DEFAULT true)
RETURNS text
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    site_id  bigint;
    inserted boolean;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM atelier.vocabulary v WHERE v.code = p_vocabulary AND v.extendable) THEN
        PERFORM atelier.raise('unknown_vocabulary', COALESCE(p_vocabulary, ''));
    END IF;
    IF p_site IS NOT NULL THEN
        site_id := (atelier.site_by_code(p_site)).id;
    END IF;
    INSERT INTO atelier.term AS t (vocabulary, code, label_fr, label_en, site_id, position, active)
    VALUES (p_vocabulary, p_code, p_label_fr, p_label_en, site_id, p_position, p_active)
    ON CONFLICT (vocabulary, code) DO UPDATE
       SET label_fr = EXCLUDED.label_fr, label_en = EXCLUDED.label_en, site_id = EXCLUDED.site_id,
           position = EXCLUDED.position, active = EXCLUDED.active
     WHERE (t.label_fr, t.label_en, t.site_id, t.position, t.active)
           IS DISTINCT FROM (EXCLUDED.label_fr, EXCLUDED.label_en, EXCLUDED.site_id,
                             EXCLUDED.position, EXCLUDED.active)
    RETURNING (t.xmax::text = '0') INTO inserted;
    RETURN atelier.upsert_outcome(inserted::integer, (NOT inserted)::integer);
END
$$;
COMMENT ON FUNCTION atelier.term_upsert(text, text, text, text, text, integer, boolean) IS
    'adds or changes a term of a reference list, for the network or for one site; returns created, updated or unchanged';
GRANT EXECUTE ON FUNCTION atelier.term_upsert(text, text, text, text, text, integer, boolean) TO atelier_admin;

CREATE FUNCTION atelier.trusted_service() RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
    -- session_user: the login PostgreSQL authenticated (SET ROLE does not change it).
    SELECT pg_catalog.pg_has_role(session_user, 'atelier_service', 'MEMBER')
$$;
COMMENT ON FUNCTION atelier.trusted_service() IS
    'true when this connection''s login is a trusted service (a member of atelier_service, or a superuser): it may open a staff session for any staff login; any other login only for itself';
GRANT EXECUTE ON FUNCTION atelier.trusted_service() TO atelier_librarian;

CREATE FUNCTION atelier.staff_session_open(p_login text, p_minutes integer DEFAULT NULL)
RETURNS uuid
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    s     atelier.staff;
    cap   integer;
    token uuid;
BEGIN
    -- Who the person is was proved either to a trusted service (which authenticated
    -- them itself) or to PostgreSQL, by logging in as their own role.  Checked before
    -- the login is looked up, so a plain login learns nothing about others.
    IF NOT atelier.trusted_service() AND p_login IS DISTINCT FROM session_user::text THEN
        PERFORM atelier.raise('staff_session_not_yours', session_user::text,
                              COALESCE(p_login, ''));
    END IF;
    -- Opening a session for a login atelier does not know is a failed
    -- authentication (ATA), not a missing object: the caller gets exit code 4.
    SELECT * INTO s FROM atelier.staff WHERE login = p_login;
    IF NOT FOUND THEN
        PERFORM atelier.raise('staff_login_unknown', COALESCE(p_login, ''));
    END IF;
    IF NOT s.active THEN
        PERFORM atelier.raise('staff_inactive', s.login);
    END IF;
    cap := atelier.setting(CASE WHEN s.role IN ('coordinator', 'admin')
                                THEN 'staff_session_max_minutes_coordinator'
                                ELSE 'staff_session_max_minutes_librarian' END);
    IF p_minutes < 1 THEN
        PERFORM atelier.raise('invalid_value', 'minutes', p_minutes::text);
    END IF;
    -- A length the role does not allow is refused, not shortened: the caller asked
    -- for it and would otherwise be logged out earlier than it said.
    IF p_minutes > cap THEN
        PERFORM atelier.raise('staff_session_too_long', s.role, cap::text, p_minutes::text);
    END IF;
    DELETE FROM atelier.staff_session ss WHERE ss.expires_at < pg_catalog.now() - INTERVAL '1 day';
    INSERT INTO atelier.staff_session (staff_id, expires_at)
    VALUES (s.id, pg_catalog.now() + pg_catalog.make_interval(mins => COALESCE(p_minutes, cap)))
    RETURNING staff_session.token INTO token;
    RETURN token;
END
$$;
COMMENT ON FUNCTION atelier.staff_session_open(text, integer) IS
    'opens a staff session and returns its token: for any active staff login when the caller is a trusted service (atelier_service) that authenticated them, otherwise only for the login the caller connected as; p_minutes NULL means the longest the staff member''s role allows (settings staff_session_max_minutes_*), more is refused';
GRANT EXECUTE ON FUNCTION atelier.staff_session_open(text, integer) TO atelier_librarian;

CREATE FUNCTION atelier.staff_session_close(p_token uuid) RETURNS boolean
LANGUAGE sql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
    WITH gone AS (DELETE FROM atelier.staff_session WHERE token = p_token RETURNING 1)
    SELECT EXISTS (SELECT 1 FROM gone)
$$;
COMMENT ON FUNCTION atelier.staff_session_close(uuid) IS
    'ends a staff session (logout); true if it existed';
GRANT EXECUTE ON FUNCTION atelier.staff_session_close(uuid) TO atelier_librarian;

CREATE FUNCTION atelier.whoami(p_token uuid)
RETURNS TABLE (login text, display_name text, role text, expires_at timestamptz, sites text[])
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    s atelier.staff := atelier.actor(p_token);
BEGIN
    RETURN QUERY
    SELECT s.login::text, s.display_name::text, s.role, ss.expires_at,
           ARRAY(SELECT si.code::text FROM atelier.staff_site x
                              JOIN atelier.site si ON si.id = x.site_id
                             WHERE x.staff_id = s.id ORDER BY si.code)
      FROM atelier.staff_session ss WHERE ss.token = p_token;
END
$$;
COMMENT ON FUNCTION atelier.whoami(uuid) IS
    'the staff member behind a live session: login, name, role, expiry and sites';
GRANT EXECUTE ON FUNCTION atelier.whoami(uuid) TO atelier_librarian;
