-- What the host system keeps up to date (role atelier_admin), and staff sessions.
-- Each upsert says what it did: created, updated or unchanged (a sync counts them).

CREATE FUNCTION atelier.upsert_outcome(p_inserted boolean) RETURNS text
LANGUAGE sql IMMUTABLE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT CASE WHEN p_inserted IS NULL THEN 'unchanged'
                WHEN p_inserted THEN 'created' ELSE 'updated' END
$$;
COMMENT ON FUNCTION atelier.upsert_outcome(boolean) IS
    'names what an INSERT ... ON CONFLICT DO UPDATE ... WHERE changed did: NULL (no row returned) is unchanged';

CREATE FUNCTION atelier.site_upsert(p_code text, p_name text, p_city text DEFAULT '',
                                    p_time_zone text DEFAULT 'Europe/Paris',
                                    p_active boolean DEFAULT true)
RETURNS text
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    inserted boolean;
BEGIN
    IF NOT COALESCE(atelier.is_time_zone(p_time_zone), false) THEN
        PERFORM atelier.raise('invalid_value', 'time_zone', COALESCE(p_time_zone, ''));
    END IF;
    INSERT INTO atelier.site AS s (code, name, city, time_zone, active)
    VALUES (p_code, p_name, COALESCE(p_city, ''), p_time_zone, p_active)
    ON CONFLICT (code) DO UPDATE
       SET name = EXCLUDED.name, city = EXCLUDED.city, time_zone = EXCLUDED.time_zone,
           active = EXCLUDED.active, updated_at = pg_catalog.now()
     WHERE (s.name, s.city, s.time_zone, s.active)
           IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.city, EXCLUDED.time_zone, EXCLUDED.active)
    RETURNING (s.xmax::text = '0') INTO inserted;
    RETURN atelier.upsert_outcome(inserted);
END
$$;
COMMENT ON FUNCTION atelier.site_upsert(text, text, text, text, boolean) IS
    'creates or updates a site by its host code; returns created, updated or unchanged';

CREATE FUNCTION atelier.room_upsert(p_site text, p_code text, p_name text,
                                    p_active boolean DEFAULT true)
RETURNS text
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    site     atelier.site := atelier.site_by_code(p_site);
    inserted boolean;
BEGIN
    INSERT INTO atelier.room AS r (site_id, code, name, active)
    VALUES (site.id, p_code, p_name, p_active)
    ON CONFLICT (site_id, code) DO UPDATE
       SET name = EXCLUDED.name, active = EXCLUDED.active, updated_at = pg_catalog.now()
     WHERE (r.name, r.active) IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.active)
    RETURNING (r.xmax::text = '0') INTO inserted;
    RETURN atelier.upsert_outcome(inserted);
END
$$;
COMMENT ON FUNCTION atelier.room_upsert(text, text, text, boolean) IS
    'creates or updates a room of a site; returns created, updated or unchanged';

CREATE FUNCTION atelier.workstation_upsert(p_hostname text, p_site text, p_room text DEFAULT NULL,
                                           p_label text DEFAULT '', p_active boolean DEFAULT true)
RETURNS text
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    site     atelier.site := atelier.site_by_code(p_site);
    room     bigint := atelier.room_id(site, p_room);
    inserted boolean;
BEGIN
    INSERT INTO atelier.workstation AS w (hostname, site_id, room_id, label, active)
    VALUES (pg_catalog.lower(p_hostname), site.id, room, COALESCE(p_label, ''), p_active)
    ON CONFLICT (hostname) DO UPDATE
       SET site_id = EXCLUDED.site_id, room_id = EXCLUDED.room_id, label = EXCLUDED.label,
           active = EXCLUDED.active, updated_at = pg_catalog.now()
     WHERE (w.site_id, w.room_id, w.label, w.active)
           IS DISTINCT FROM (EXCLUDED.site_id, EXCLUDED.room_id, EXCLUDED.label, EXCLUDED.active)
    RETURNING (w.xmax::text = '0') INTO inserted;
    RETURN atelier.upsert_outcome(inserted);
END
$$;
COMMENT ON FUNCTION atelier.workstation_upsert(text, text, text, text, boolean) IS
    'creates or updates a public PC by host name; returns created, updated or unchanged';

CREATE FUNCTION atelier.staff_upsert(p_login text, p_display_name text, p_role text,
                                     p_sites text[] DEFAULT '{}', p_active boolean DEFAULT true)
RETURNS text
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    inserted boolean;
    sid      bigint;
    site_ids bigint[];
    changed  boolean := false;
BEGIN
    IF p_role IS NULL OR p_role NOT IN ('librarian', 'facilitator', 'coordinator', 'admin') THEN
        PERFORM atelier.raise('invalid_value', 'role', COALESCE(p_role, ''));
    END IF;
    SELECT pg_catalog.array_agg((atelier.site_by_code(c)).id ORDER BY c)
      INTO site_ids FROM pg_catalog.unnest(COALESCE(p_sites, '{}')) c;
    INSERT INTO atelier.staff AS s (login, display_name, role, active)
    VALUES (p_login, p_display_name, p_role, p_active)
    ON CONFLICT (login) DO UPDATE
       SET display_name = EXCLUDED.display_name, role = EXCLUDED.role,
           active = EXCLUDED.active, updated_at = pg_catalog.now()
     WHERE (s.display_name, s.role, s.active)
           IS DISTINCT FROM (EXCLUDED.display_name, EXCLUDED.role, EXCLUDED.active)
    RETURNING (s.xmax::text = '0') INTO inserted;
    SELECT s.id INTO sid FROM atelier.staff s WHERE s.login = p_login;
    -- The sites listed are exactly the sites they work for.
    WITH gone AS (
        DELETE FROM atelier.staff_site ss
         WHERE ss.staff_id = sid AND NOT (ss.site_id = ANY (COALESCE(site_ids, '{}')))
        RETURNING 1
    ), added AS (
        INSERT INTO atelier.staff_site (staff_id, site_id)
        SELECT sid, x FROM pg_catalog.unnest(site_ids) x
        ON CONFLICT DO NOTHING
        RETURNING 1
    )
    SELECT EXISTS (SELECT 1 FROM gone) OR EXISTS (SELECT 1 FROM added) INTO changed;
    IF inserted IS NULL AND changed THEN
        inserted := false;
    END IF;
    RETURN atelier.upsert_outcome(inserted);
END
$$;
COMMENT ON FUNCTION atelier.staff_upsert(text, text, text, text[], boolean) IS
    'creates or updates a staff member by PAM login, with exactly the sites listed; returns created, updated or unchanged';

CREATE FUNCTION atelier.person_upsert(p_pseudonym text, p_age_bracket text DEFAULT NULL,
                                      p_social_status text DEFAULT NULL,
                                      p_postcode text DEFAULT NULL,
                                      p_first_visit date DEFAULT NULL)
RETURNS text
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    inserted boolean;
BEGIN
    IF p_pseudonym IS NULL OR p_pseudonym !~ '^[0-9a-f]{64}$' THEN
        PERFORM atelier.raise('invalid_pseudonym');
    END IF;
    IF p_postcode IS NOT NULL AND p_postcode !~ '^[0-9]{5}$' THEN
        PERFORM atelier.raise('invalid_value', 'postcode', p_postcode);
    END IF;
    PERFORM atelier.require_term('age_bracket', p_age_bracket, NULL);
    PERFORM atelier.require_term('social_status', p_social_status, NULL);
    INSERT INTO atelier.person AS p (pseudonym, age_bracket, social_status, postcode, first_visit)
    VALUES (p_pseudonym, p_age_bracket, p_social_status, p_postcode,
            COALESCE(p_first_visit, CURRENT_DATE))
    ON CONFLICT (pseudonym) DO UPDATE
       SET age_bracket = EXCLUDED.age_bracket, social_status = EXCLUDED.social_status,
           postcode = EXCLUDED.postcode,
           first_visit = COALESCE(p_first_visit, p.first_visit)
     WHERE (p.age_bracket, p.social_status, p.postcode, p.first_visit)
           IS DISTINCT FROM (EXCLUDED.age_bracket, EXCLUDED.social_status, EXCLUDED.postcode,
                             COALESCE(p_first_visit, p.first_visit))
    RETURNING (p.xmax::text = '0') INTO inserted;
    RETURN atelier.upsert_outcome(inserted);
END
$$;
COMMENT ON FUNCTION atelier.person_upsert(text, text, text, text, date) IS
    'creates or updates a person by pseudonym (no name, phone or e-mail); returns created, updated or unchanged';

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
    RETURN atelier.upsert_outcome(inserted);
END
$$;
COMMENT ON FUNCTION atelier.term_upsert(text, text, text, text, text, integer, boolean) IS
    'adds or changes a term of a reference list, for the network or for one site; returns created, updated or unchanged';

CREATE FUNCTION atelier.trusted_service() RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
    -- session_user: the login PostgreSQL authenticated (SET ROLE does not change it).
    SELECT pg_catalog.pg_has_role(session_user, 'atelier_service', 'MEMBER')
$$;
COMMENT ON FUNCTION atelier.trusted_service() IS
    'true when this connection''s login is a trusted service (a member of atelier_service, or a superuser): it may open a staff session for any staff login; any other login only for itself';

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

CREATE FUNCTION atelier.staff_session_close(p_token uuid) RETURNS boolean
LANGUAGE sql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
    WITH gone AS (DELETE FROM atelier.staff_session WHERE token = p_token RETURNING 1)
    SELECT EXISTS (SELECT 1 FROM gone)
$$;
COMMENT ON FUNCTION atelier.staff_session_close(uuid) IS
    'ends a staff session (logout); true if it existed';

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
