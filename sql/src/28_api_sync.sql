-- SPDX-License-Identifier: LGPL-2.1-or-later
-- The host system's sync in batches (role atelier_admin): each function takes one batch
-- of items as parallel arrays, with the line of the document each item came from, and
-- returns how many it created, updated and left unchanged.  The client runs every batch
-- of a document in one transaction, then, for a full sync, the sync_deactivate_*
-- function sync_deactivate_missing with every key the document listed.  A refused item
-- names its line.
--
-- The row functions of 21_api_admin.sql (site_upsert, ...) write through these too, with
-- one item and no line (NULL): such an item is refused as one value always was, by the
-- catalogue's message for a single item (site_unknown, invalid_value, ...) or by the
-- domain or table constraint its field is written to.

CREATE FUNCTION atelier.sync_batch_begin(VARIADIC p_sizes integer[]) RETURNS integer
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_catalog.unnest(p_sizes) n WHERE n IS DISTINCT FROM p_sizes[1]) THEN
        PERFORM atelier.raise('sync_arrays');
    END IF;
    -- Two syncs at once would each count (and, in full mode, deactivate) what the other
    -- is writing: they take turns for the rest of the transaction.
    PERFORM pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtext('atelier.sync'));
    RETURN COALESCE(p_sizes[1], 0);
END
$$;
COMMENT ON FUNCTION atelier.sync_batch_begin(integer[]) IS
    'checks that the arrays of a sync batch have the same length (NULL arrays are refused) and makes concurrent syncs take turns; returns the batch size';

CREATE FUNCTION atelier.sync_raise_duplicate(p_what text, p_lines integer[], p_keys text[])
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    dup text;
    bad record;
BEGIN
    -- A hash of the keys finds a duplicate quickly; its lines are looked up only then.
    SELECT k INTO dup FROM pg_catalog.unnest(p_keys) k GROUP BY k HAVING pg_catalog.count(*) > 1 LIMIT 1;
    IF NOT FOUND THEN
        RETURN;
    END IF;
    SELECT x.line, x.k, x.first INTO bad
      FROM (SELECT i.line, i.k, pg_catalog.min(i.line) OVER (PARTITION BY i.k) AS first,
                   pg_catalog.row_number() OVER (PARTITION BY i.k ORDER BY i.line) AS nth
              FROM ROWS FROM (pg_catalog.unnest(p_lines), pg_catalog.unnest(p_keys)) AS i(line, k)) x
     WHERE x.nth > 1
     ORDER BY x.line
     LIMIT 1;
    PERFORM atelier.raise('sync_duplicate', COALESCE(bad.line::text, '?'), p_what, bad.k,
                          COALESCE(bad.first::text, '?'));
END
$$;
COMMENT ON FUNCTION atelier.sync_raise_duplicate(text, integer[], text[]) IS
    'refuses a batch that lists the same key twice, naming the second line and the first';

CREATE FUNCTION atelier.sync_raise_invalid(p_field text, p_line integer, p_value text)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF p_line IS NOT NULL THEN
        PERFORM atelier.raise('sync_invalid', p_line::text, p_field, COALESCE(p_value, ''));
    ELSIF p_field = 'pseudonym' THEN
        PERFORM atelier.raise('invalid_pseudonym');
    ELSIF p_field IN ('time-zone', 'role', 'postcode') THEN
        PERFORM atelier.raise('invalid_value', pg_catalog.replace(p_field, '-', '_'), COALESCE(p_value, ''));
    END IF;
    -- Any other field of a single item is refused by the constraint it is written to.
END
$$;
COMMENT ON FUNCTION atelier.sync_raise_invalid(text, integer, text) IS
    'refuses a sync item whose field (named as in the exchange schema) has a value that is not valid; for a single item (line NULL) a time zone, role, postcode or pseudonym is refused with the message for one value, any other field is left to the constraint it is written to';

CREATE FUNCTION atelier.sync_raise_unknown_place(p_line integer, p_site text, p_room text DEFAULT NULL)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF p_room IS NULL AND p_line IS NULL THEN
        PERFORM atelier.raise('site_unknown', COALESCE(p_site, ''));
    ELSIF p_room IS NULL THEN
        PERFORM atelier.raise('sync_unknown_site', p_line::text, COALESCE(p_site, ''));
    ELSIF p_line IS NULL THEN
        PERFORM atelier.raise('room_unknown', p_site, p_room);
    ELSE
        PERFORM atelier.raise('sync_unknown_room', p_line::text, p_site, p_room);
    END IF;
END
$$;
COMMENT ON FUNCTION atelier.sync_raise_unknown_place(integer, text, text) IS
    'refuses a sync item that names a site (room NULL), or a room of a site, that does not exist; naming its line, or for a single item (line NULL) as one value is refused';

CREATE FUNCTION atelier.sync_field_ok(p_field text, p_value text) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE
-- No SET clause, so that it inlines into the checks of a batch: operators are qualified.
AS $$
    SELECT CASE p_field
           WHEN 'time-zone' THEN p_value IS NULL OR atelier.is_time_zone(p_value)
           WHEN 'code' THEN atelier.is_code(p_value)
           WHEN 'name' THEN pg_catalog.btrim(p_value) OPERATOR(pg_catalog.<>) ''
           WHEN 'hostname' THEN atelier.is_hostname(pg_catalog.lower(p_value))
           WHEN 'role' THEN atelier.is_staff_role(p_value)
           WHEN 'login' THEN atelier.is_login(p_value)
           WHEN 'pseudonym' THEN atelier.is_pseudonym(p_value)
           WHEN 'postcode' THEN p_value IS NULL OR atelier.is_postcode(p_value)
           END
$$;
COMMENT ON FUNCTION atelier.sync_field_ok(text, text) IS
    'true when a value is valid for a field of a sync item (named as in the exchange schema), by the rule of the domain it is written to; a time zone or a postcode may be absent (NULL)';

CREATE FUNCTION atelier.sync_check(p_lines integer[], p_field1 text, p_values1 text[],
                                   p_field2 text DEFAULT NULL, p_values2 text[] DEFAULT NULL,
                                   p_field3 text DEFAULT NULL, p_values3 text[] DEFAULT NULL)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    bad record;
BEGIN
    -- The first item refused, and of its fields the first in the order given.
    SELECT x.line, i.field, i.value INTO bad
      FROM ROWS FROM (pg_catalog.unnest(p_lines), pg_catalog.unnest(p_values1),
                      pg_catalog.unnest(p_values2), pg_catalog.unnest(p_values3)) AS x(line, v1, v2, v3),
           LATERAL (VALUES (1, p_field1, x.v1), (2, p_field2, x.v2), (3, p_field3, x.v3)) AS i(nth, field, value)
     WHERE i.field IS NOT NULL AND NOT COALESCE(atelier.sync_field_ok(i.field, i.value), false)
     ORDER BY x.line, i.nth
     LIMIT 1;
    IF FOUND THEN
        PERFORM atelier.sync_raise_invalid(bad.field, bad.line, bad.value);
    END IF;
END
$$;
COMMENT ON FUNCTION atelier.sync_check(integer[], text, text[], text, text[], text, text[]) IS
    'refuses the first item of a batch with a field that is not valid (atelier.sync_field_ok), given up to three fields by name and their values, in the order they are checked';

CREATE FUNCTION atelier.sync_counts(p_size integer, p_inserted boolean[])
RETURNS TABLE (created bigint, updated bigint, unchanged bigint)
LANGUAGE sql IMMUTABLE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT pg_catalog.count(*) FILTER (WHERE i), pg_catalog.count(*) FILTER (WHERE NOT i),
           p_size - pg_catalog.count(*)
      FROM pg_catalog.unnest(p_inserted) i
$$;
COMMENT ON FUNCTION atelier.sync_counts(integer, boolean[]) IS
    'the counts a sync batch returns, from its size and, for each row it wrote, whether the row was new';

CREATE FUNCTION atelier.sync_sites(p_lines integer[], p_codes text[], p_names text[],
                                   p_cities text[], p_time_zones text[], p_active boolean[])
RETURNS TABLE (created bigint, updated bigint, unchanged bigint)
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    n   integer := atelier.sync_batch_begin(pg_catalog.cardinality(p_lines), pg_catalog.cardinality(p_codes),
                                            pg_catalog.cardinality(p_names), pg_catalog.cardinality(p_cities),
                                            pg_catalog.cardinality(p_time_zones), pg_catalog.cardinality(p_active));
BEGIN
    -- The time zone first: a single item was always refused for it before the rest.
    PERFORM atelier.sync_check(p_lines, 'time-zone', p_time_zones, 'code', p_codes, 'name', p_names);
    PERFORM atelier.sync_raise_duplicate('site', p_lines, p_codes);
    RETURN QUERY
    WITH up AS (
        INSERT INTO atelier.site AS s (code, name, city, time_zone, active)
        SELECT x.code, x.name, COALESCE(x.city, ''), COALESCE(x.tz, atelier.default_time_zone()),
               COALESCE(x.active, true)
          FROM ROWS FROM (pg_catalog.unnest(p_codes), pg_catalog.unnest(p_names),
                          pg_catalog.unnest(p_cities), pg_catalog.unnest(p_time_zones),
                          pg_catalog.unnest(p_active))
               AS x(code, name, city, tz, active)
        ON CONFLICT (code) DO UPDATE
           SET name = EXCLUDED.name, city = EXCLUDED.city, time_zone = EXCLUDED.time_zone,
               active = EXCLUDED.active, updated_at = pg_catalog.now()
         WHERE (s.name, s.city, s.time_zone, s.active)
               IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.city, EXCLUDED.time_zone, EXCLUDED.active)
        RETURNING (s.xmax::text = '0') AS inserted
    )
    SELECT c.* FROM atelier.sync_counts(n, ARRAY(SELECT up.inserted FROM up)) c;
END
$$;
COMMENT ON FUNCTION atelier.sync_sites(integer[], text[], text[], text[], text[], boolean[]) IS
    'creates or updates a batch of sites by code (city absent: empty; time zone absent: atelier.default_time_zone(); active absent: true); returns how many were created, updated and left unchanged';
GRANT EXECUTE ON FUNCTION atelier.sync_sites(integer[], text[], text[], text[], text[], boolean[]) TO atelier_admin;

CREATE FUNCTION atelier.sync_rooms(p_lines integer[], p_sites text[], p_codes text[],
                                   p_names text[], p_active boolean[])
RETURNS TABLE (created bigint, updated bigint, unchanged bigint)
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    n   integer := atelier.sync_batch_begin(pg_catalog.cardinality(p_lines), pg_catalog.cardinality(p_sites),
                                            pg_catalog.cardinality(p_codes), pg_catalog.cardinality(p_names),
                                            pg_catalog.cardinality(p_active));
    bad record;
BEGIN
    PERFORM atelier.sync_check(p_lines, 'code', p_codes, 'name', p_names);
    SELECT x.line, x.site INTO bad
      FROM ROWS FROM (pg_catalog.unnest(p_lines), pg_catalog.unnest(p_sites)) AS x(line, site)
     WHERE NOT EXISTS (SELECT 1 FROM atelier.site s WHERE s.code = x.site)
     ORDER BY x.line
     LIMIT 1;
    IF FOUND THEN
        PERFORM atelier.sync_raise_unknown_place(bad.line, bad.site);
    END IF;
    PERFORM atelier.sync_raise_duplicate('room', p_lines,
        ARRAY(SELECT x.site || '/' || x.code FROM ROWS FROM (pg_catalog.unnest(p_sites),
                                                             pg_catalog.unnest(p_codes)) AS x(site, code)));
    RETURN QUERY
    WITH up AS (
        INSERT INTO atelier.room AS r (site_id, code, name, active)
        SELECT s.id, x.code, x.name, COALESCE(x.active, true)
          FROM ROWS FROM (pg_catalog.unnest(p_sites), pg_catalog.unnest(p_codes),
                          pg_catalog.unnest(p_names),
                          pg_catalog.unnest(p_active)) AS x(site, code, name, active)
          JOIN atelier.site s ON s.code = x.site
        ON CONFLICT (site_id, code) DO UPDATE
           SET name = EXCLUDED.name, active = EXCLUDED.active, updated_at = pg_catalog.now()
         WHERE (r.name, r.active) IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.active)
        RETURNING (r.xmax::text = '0') AS inserted
    )
    SELECT c.* FROM atelier.sync_counts(n, ARRAY(SELECT up.inserted FROM up)) c;
END
$$;
COMMENT ON FUNCTION atelier.sync_rooms(integer[], text[], text[], text[], boolean[]) IS
    'creates or updates a batch of rooms by site and code (active absent: true); returns how many were created, updated and left unchanged';
GRANT EXECUTE ON FUNCTION atelier.sync_rooms(integer[], text[], text[], text[], boolean[]) TO atelier_admin;

CREATE FUNCTION atelier.sync_workstations(p_lines integer[], p_hostnames text[], p_sites text[],
                                          p_rooms text[], p_labels text[], p_active boolean[])
RETURNS TABLE (created bigint, updated bigint, unchanged bigint)
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    n   integer := atelier.sync_batch_begin(pg_catalog.cardinality(p_lines), pg_catalog.cardinality(p_hostnames),
                                            pg_catalog.cardinality(p_sites), pg_catalog.cardinality(p_rooms),
                                            pg_catalog.cardinality(p_labels), pg_catalog.cardinality(p_active));
    bad record;
BEGIN
    PERFORM atelier.sync_check(p_lines, 'hostname', p_hostnames);
    -- An unknown site is named alone (room NULL), an unknown room with its site.
    SELECT x.line, x.site, CASE WHEN s.id IS NOT NULL THEN x.room END AS room INTO bad
      FROM ROWS FROM (pg_catalog.unnest(p_lines), pg_catalog.unnest(p_sites),
                      pg_catalog.unnest(p_rooms)) AS x(line, site, room)
      LEFT JOIN atelier.site s ON s.code = x.site
     WHERE s.id IS NULL
        OR (x.room IS NOT NULL
            AND NOT EXISTS (SELECT 1 FROM atelier.room r WHERE r.site_id = s.id AND r.code = x.room))
     ORDER BY x.line
     LIMIT 1;
    IF FOUND THEN
        PERFORM atelier.sync_raise_unknown_place(bad.line, bad.site, bad.room);
    END IF;
    PERFORM atelier.sync_raise_duplicate('workstation', p_lines,
        ARRAY(SELECT pg_catalog.lower(h) FROM pg_catalog.unnest(p_hostnames) h));
    RETURN QUERY
    WITH up AS (
        INSERT INTO atelier.workstation AS w (hostname, site_id, room_id, label, active)
        SELECT pg_catalog.lower(x.host), s.id, r.id, COALESCE(x.label, ''), COALESCE(x.active, true)
          FROM ROWS FROM (pg_catalog.unnest(p_hostnames), pg_catalog.unnest(p_sites),
                          pg_catalog.unnest(p_rooms), pg_catalog.unnest(p_labels),
                          pg_catalog.unnest(p_active))
               AS x(host, site, room, label, active)
          JOIN atelier.site s ON s.code = x.site
          LEFT JOIN atelier.room r ON r.site_id = s.id AND r.code = x.room
        ON CONFLICT (hostname) DO UPDATE
           SET site_id = EXCLUDED.site_id, room_id = EXCLUDED.room_id, label = EXCLUDED.label,
               active = EXCLUDED.active, updated_at = pg_catalog.now()
         WHERE (w.site_id, w.room_id, w.label, w.active)
               IS DISTINCT FROM (EXCLUDED.site_id, EXCLUDED.room_id, EXCLUDED.label, EXCLUDED.active)
        RETURNING (w.xmax::text = '0') AS inserted
    )
    SELECT c.* FROM atelier.sync_counts(n, ARRAY(SELECT up.inserted FROM up)) c;
END
$$;
COMMENT ON FUNCTION atelier.sync_workstations(integer[], text[], text[], text[], text[], boolean[]) IS
    'creates or updates a batch of public PCs by host name (lowercased; room absent: none; label absent: empty; active absent: true); returns how many were created, updated and left unchanged';
GRANT EXECUTE ON FUNCTION atelier.sync_workstations(integer[], text[], text[], text[], text[], boolean[]) TO atelier_admin;

CREATE FUNCTION atelier.sync_staff(p_lines integer[], p_logins text[], p_names text[],
                                   p_roles text[], p_sites text[], p_active boolean[])
RETURNS TABLE (created bigint, updated bigint, unchanged bigint)
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    n        integer := atelier.sync_batch_begin(pg_catalog.cardinality(p_lines), pg_catalog.cardinality(p_logins),
                                                 pg_catalog.cardinality(p_names), pg_catalog.cardinality(p_roles),
                                                 pg_catalog.cardinality(p_sites), pg_catalog.cardinality(p_active));
    bad      record;
    inserted text[];
    changed  text[];
    linked   text[];
BEGIN
    -- The role first: a single item was always refused for it before the rest.
    PERFORM atelier.sync_check(p_lines, 'role', p_roles, 'login', p_logins, 'name', p_names);
    -- The sites of each member come as one text of codes separated by spaces.
    SELECT x.line, c INTO bad
      FROM ROWS FROM (pg_catalog.unnest(p_lines), pg_catalog.unnest(p_sites)) AS x(line, sites),
           pg_catalog.regexp_split_to_table(pg_catalog.btrim(COALESCE(x.sites, '')), '\s+') c
     WHERE c <> '' AND NOT EXISTS (SELECT 1 FROM atelier.site s WHERE s.code = c)
     ORDER BY x.line
     LIMIT 1;
    IF FOUND THEN
        PERFORM atelier.sync_raise_unknown_place(bad.line, bad.c);
    END IF;
    PERFORM atelier.sync_raise_duplicate('member', p_lines, p_logins);
    WITH up AS (
        INSERT INTO atelier.staff AS s (login, display_name, role, active)
        SELECT x.login, x.name, x.role, COALESCE(x.active, true)
          FROM ROWS FROM (pg_catalog.unnest(p_logins), pg_catalog.unnest(p_names),
                          pg_catalog.unnest(p_roles),
                          pg_catalog.unnest(p_active)) AS x(login, name, role, active)
        ON CONFLICT (login) DO UPDATE
           SET display_name = EXCLUDED.display_name, role = EXCLUDED.role,
               active = EXCLUDED.active, updated_at = pg_catalog.now()
         WHERE (s.display_name, s.role, s.active)
               IS DISTINCT FROM (EXCLUDED.display_name, EXCLUDED.role, EXCLUDED.active)
        RETURNING s.login, (s.xmax::text = '0') AS created
    )
    SELECT pg_catalog.array_agg(up.login) FILTER (WHERE up.created),
           pg_catalog.array_agg(up.login) FILTER (WHERE NOT up.created)
      INTO inserted, changed
      FROM up;
    -- The sites listed are exactly the sites each member works for; a member whose only
    -- change is a site counts as updated.
    WITH wanted AS (
        SELECT st.id AS staff_id, si.id AS site_id
          FROM ROWS FROM (pg_catalog.unnest(p_logins),
                          pg_catalog.unnest(p_sites)) AS x(login, sites)
          JOIN atelier.staff st ON st.login = x.login
          CROSS JOIN LATERAL pg_catalog.regexp_split_to_table(pg_catalog.btrim(COALESCE(x.sites, '')), '\s+') c
          JOIN atelier.site si ON si.code = c
    ), listed AS (
        SELECT st.id FROM atelier.staff st WHERE st.login = ANY (p_logins)
    ), gone AS (
        DELETE FROM atelier.staff_site ss
         WHERE ss.staff_id IN (SELECT listed.id FROM listed)
           AND NOT EXISTS (SELECT 1 FROM wanted w WHERE w.staff_id = ss.staff_id AND w.site_id = ss.site_id)
        RETURNING ss.staff_id
    ), added AS (
        INSERT INTO atelier.staff_site (staff_id, site_id)
        SELECT DISTINCT w.staff_id, w.site_id FROM wanted w
        ON CONFLICT DO NOTHING
        RETURNING staff_id
    )
    SELECT pg_catalog.array_agg(DISTINCT st.login)
      INTO linked
      FROM atelier.staff st
     WHERE st.id IN (SELECT gone.staff_id FROM gone UNION SELECT added.staff_id FROM added);
    changed := ARRAY(SELECT DISTINCT l FROM pg_catalog.unnest(COALESCE(changed, '{}') || COALESCE(linked, '{}')) l
                      WHERE NOT (l = ANY (COALESCE(inserted, '{}'))));
    created := COALESCE(pg_catalog.cardinality(inserted), 0);
    updated := pg_catalog.cardinality(changed);
    unchanged := n - created - updated;
    RETURN NEXT;
END
$$;
COMMENT ON FUNCTION atelier.sync_staff(integer[], text[], text[], text[], text[], boolean[]) IS
    'creates or updates a batch of staff members by login, each with exactly the sites listed (codes separated by spaces; active absent: true); returns how many were created, updated and left unchanged';
GRANT EXECUTE ON FUNCTION atelier.sync_staff(integer[], text[], text[], text[], text[], boolean[]) TO atelier_admin;

CREATE FUNCTION atelier.sync_people(p_lines integer[], p_pseudonyms text[], p_age_brackets text[],
                                    p_social_statuses text[], p_postcodes text[], p_first_visits date[])
RETURNS TABLE (created bigint, updated bigint, unchanged bigint)
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
-- The people of a batch are found through the pseudonym's unique index, a few thousand
-- probes; the planner would rather hash the whole table for every batch.
SET enable_hashjoin = off
SET enable_mergejoin = off
AS $$
DECLARE
    n   integer := atelier.sync_batch_begin(pg_catalog.cardinality(p_lines), pg_catalog.cardinality(p_pseudonyms),
                                            pg_catalog.cardinality(p_age_brackets),
                                            pg_catalog.cardinality(p_social_statuses),
                                            pg_catalog.cardinality(p_postcodes),
                                            pg_catalog.cardinality(p_first_visits));
    bad record;
BEGIN
    -- A person left out would be written as someone new and anonymous.
    SELECT x.line INTO bad
      FROM ROWS FROM (pg_catalog.unnest(p_lines), pg_catalog.unnest(p_pseudonyms)) AS x(line, ps)
     WHERE x.ps IS NULL
     ORDER BY x.line
     LIMIT 1;
    IF FOUND THEN
        PERFORM atelier.sync_raise_invalid('pseudonym', bad.line, NULL);
    END IF;
    -- One item (person_upsert) costs nothing to check before its terms, as it always was.
    IF n = 1 THEN
        PERFORM atelier.sync_check(p_lines, 'pseudonym', p_pseudonyms, 'postcode', p_postcodes);
    END IF;
    -- Age brackets and statuses are the network's active terms (a stricter rule than the
    -- foreign keys, which also accept a withdrawn term).
    -- A batch uses few distinct codes: each is looked up once.
    SELECT u.line, u.code, u.vocabulary INTO bad
      FROM (SELECT i.vocabulary, i.code, pg_catalog.min(i.line) AS line
              FROM ROWS FROM (pg_catalog.unnest(p_lines), pg_catalog.unnest(p_age_brackets),
                              pg_catalog.unnest(p_social_statuses)) AS x(line, age, status),
                   LATERAL (VALUES (x.line, x.age, 'age_bracket'), (x.line, x.status, 'social_status'))
                           AS i(line, code, vocabulary)
             WHERE i.code IS NOT NULL
             GROUP BY i.vocabulary, i.code) u
     WHERE NOT EXISTS (SELECT 1 FROM atelier.term t
                        WHERE t.vocabulary = u.vocabulary AND t.code = u.code
                          AND t.active AND t.site_id IS NULL)
     ORDER BY u.line
     LIMIT 1;
    IF FOUND AND bad.line IS NULL THEN
        PERFORM atelier.raise('unknown_term', bad.vocabulary, bad.code);
    ELSIF FOUND THEN
        PERFORM atelier.raise('sync_unknown_term', bad.line::text, bad.code, bad.vocabulary);
    END IF;
    PERFORM atelier.sync_raise_duplicate('person', p_lines, p_pseudonyms);
    -- The domain and the table check pseudonyms and postcodes as rows are written; only
    -- when they refuse one is the batch searched for its line (checking every row twice
    -- would cost as much as writing it).
    BEGIN
        -- New people first (someone recorded meanwhile by a ticket is simply there), then
        -- the ones that differ.  A first visit left out keeps the one recorded.
        WITH ins AS (
            INSERT INTO atelier.person (pseudonym, age_bracket, social_status, postcode, first_visit)
            SELECT x.ps, x.age, x.status, x.postcode, COALESCE(x.first_visit, CURRENT_DATE)
              FROM ROWS FROM (pg_catalog.unnest(p_pseudonyms), pg_catalog.unnest(p_age_brackets),
                              pg_catalog.unnest(p_social_statuses), pg_catalog.unnest(p_postcodes),
                              pg_catalog.unnest(p_first_visits))
                   AS x(ps, age, status, postcode, first_visit)
             WHERE NOT EXISTS (SELECT 1 FROM atelier.person p WHERE p.pseudonym = x.ps)
            ON CONFLICT (pseudonym) DO NOTHING
            RETURNING 1
        )
        SELECT pg_catalog.count(*) INTO created FROM ins;
        updated := 0;
        -- A batch of new people has nobody to update.
        IF created < n THEN
            UPDATE atelier.person p
               SET age_bracket = x.age, social_status = x.status, postcode = x.postcode,
                   first_visit = COALESCE(x.first_visit, p.first_visit)
              FROM ROWS FROM (pg_catalog.unnest(p_pseudonyms), pg_catalog.unnest(p_age_brackets),
                              pg_catalog.unnest(p_social_statuses), pg_catalog.unnest(p_postcodes),
                              pg_catalog.unnest(p_first_visits))
                   AS x(ps, age, status, postcode, first_visit)
             WHERE p.pseudonym = x.ps
               AND (p.age_bracket, p.social_status, p.postcode, p.first_visit)
                   IS DISTINCT FROM (x.age, x.status, x.postcode, COALESCE(x.first_visit, p.first_visit));
            GET DIAGNOSTICS updated = ROW_COUNT;
        END IF;
    EXCEPTION WHEN check_violation OR not_null_violation THEN
        PERFORM atelier.sync_check(p_lines, 'pseudonym', p_pseudonyms, 'postcode', p_postcodes);
        RAISE;
    END;
    unchanged := n - created - updated;
    RETURN NEXT;
END
$$;
COMMENT ON FUNCTION atelier.sync_people(integer[], text[], text[], text[], text[], date[]) IS
    'creates or updates a batch of people by pseudonym (age bracket, status, postcode absent: unknown; first visit absent: kept, or today for someone new); returns how many were created, updated and left unchanged';
GRANT EXECUTE ON FUNCTION atelier.sync_people(integer[], text[], text[], text[], text[], date[]) TO atelier_admin;

-- A full sync whose sections came empty or cut short would deactivate the whole network:
-- past a share of what is active of one kind, it is refused unless the document says it
-- means it (allow-mass-deactivation="true" in the exchange format).
CREATE FUNCTION atelier.sync_deactivate_limit(p_deactivated bigint[], p_allow boolean)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    pct  integer := atelier.setting('sync_full_max_deactivate_percent');
    -- What is still active now, after the deactivations of this transaction.
    rest bigint[] := ARRAY[(SELECT pg_catalog.count(*) FROM atelier.site WHERE active),
                           (SELECT pg_catalog.count(*) FROM atelier.room WHERE active),
                           (SELECT pg_catalog.count(*) FROM atelier.workstation WHERE active),
                           (SELECT pg_catalog.count(*) FROM atelier.staff WHERE active)];
    d    bigint[] := ARRAY[COALESCE(p_deactivated[1], 0), COALESCE(p_deactivated[2], 0),
                           COALESCE(p_deactivated[3], 0), COALESCE(p_deactivated[4], 0)];
BEGIN
    IF COALESCE(p_allow, false) OR NOT EXISTS (
           SELECT 1 FROM pg_catalog.generate_subscripts(d, 1) i
            WHERE d[i] > 0 AND d[i] * 100 > pct * (d[i] + rest[i])) THEN
        RETURN;
    END IF;
    PERFORM atelier.raise('sync_mass_deactivation',
                          d[1]::text, (d[1] + rest[1])::text, d[2]::text, (d[2] + rest[2])::text,
                          d[3]::text, (d[3] + rest[3])::text, d[4]::text, (d[4] + rest[4])::text,
                          pct::text);
END
$$;
COMMENT ON FUNCTION atelier.sync_deactivate_limit(bigint[], boolean) IS
    'refuses, unless allowed, the deactivation of more than the setting sync_full_max_deactivate_percent of the sites, rooms, PCs or staff that were active (counts in that order, done in this transaction), naming every count';

-- What a full sync no longer lists is deactivated here, every kind at once, so that a
-- refusal names every count.  A NULL list is a section the document did not have: its
-- kind is left alone.
CREATE FUNCTION atelier.sync_deactivate_missing(p_sites text[], p_room_sites text[], p_room_codes text[],
                                                p_hostnames text[], p_logins text[],
                                                p_allow_mass boolean DEFAULT false)
RETURNS TABLE (sites bigint, rooms bigint, workstations bigint, staff bigint)
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    -- The two lists of rooms are one section: both or neither, of the same length.
    PERFORM atelier.sync_batch_begin(pg_catalog.cardinality(p_room_sites), pg_catalog.cardinality(p_room_codes));
    WITH site_off AS (
        UPDATE atelier.site s SET active = false, updated_at = pg_catalog.now()
         WHERE p_sites IS NOT NULL AND s.active
           AND NOT EXISTS (SELECT 1 FROM pg_catalog.unnest(p_sites) c WHERE c = s.code)
        RETURNING 1
    ), room_off AS (
        UPDATE atelier.room r SET active = false, updated_at = pg_catalog.now()
          FROM atelier.site s
         WHERE p_room_codes IS NOT NULL AND s.id = r.site_id AND r.active
           AND NOT EXISTS (SELECT 1 FROM ROWS FROM (pg_catalog.unnest(p_room_sites),
                                                    pg_catalog.unnest(p_room_codes)) AS x(site, code)
                            WHERE x.site = s.code AND x.code = r.code)
        RETURNING 1
    ), workstation_off AS (
        UPDATE atelier.workstation w SET active = false, updated_at = pg_catalog.now()
         WHERE p_hostnames IS NOT NULL AND w.active
           AND NOT EXISTS (SELECT 1 FROM pg_catalog.unnest(p_hostnames) h WHERE pg_catalog.lower(h) = w.hostname)
        RETURNING 1
    ), staff_off AS (
        UPDATE atelier.staff st SET active = false, updated_at = pg_catalog.now()
         WHERE p_logins IS NOT NULL AND st.active
           AND NOT EXISTS (SELECT 1 FROM pg_catalog.unnest(p_logins) l WHERE l = st.login)
        RETURNING 1
    )
    SELECT (SELECT pg_catalog.count(*) FROM site_off), (SELECT pg_catalog.count(*) FROM room_off),
           (SELECT pg_catalog.count(*) FROM workstation_off), (SELECT pg_catalog.count(*) FROM staff_off)
      INTO sites, rooms, workstations, staff;
    -- Counted all four first, so that a refusal names them all; it undoes them all.
    PERFORM atelier.sync_deactivate_limit(ARRAY[sites, rooms, workstations, staff], p_allow_mass);
    RETURN NEXT;
END
$$;
COMMENT ON FUNCTION atelier.sync_deactivate_missing(text[], text[], text[], text[], text[], boolean) IS
    'end of a full sync: deactivates the sites, rooms (site and code pairs), PCs and staff not in the lists of the sections the document had (NULL: no such section); refused, naming every count, past the share sync_full_max_deactivate_percent of one kind unless allowed; returns how many of each';
GRANT EXECUTE ON FUNCTION atelier.sync_deactivate_missing(text[], text[], text[], text[], text[], boolean) TO atelier_admin;

-- One kind at a time: the list is required (NULL is a client's mistake).
CREATE FUNCTION atelier.sync_list(p_list text[]) RETURNS text[]
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF p_list IS NULL THEN
        PERFORM atelier.raise('sync_arrays');
    END IF;
    RETURN p_list;
END
$$;
COMMENT ON FUNCTION atelier.sync_list(text[]) IS
    'the list of keys a sync_deactivate_* function was given, refused when NULL';

CREATE FUNCTION atelier.sync_deactivate_sites(p_codes text[],
                                                p_allow_mass boolean DEFAULT false) RETURNS bigint
LANGUAGE sql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT m.sites FROM atelier.sync_deactivate_missing(atelier.sync_list(p_codes), NULL, NULL, NULL, NULL,
                                                        p_allow_mass) m
$$;
COMMENT ON FUNCTION atelier.sync_deactivate_sites(text[], boolean) IS
    'full sync: deactivates every active site whose code is not in the list (past the share sync_full_max_deactivate_percent, only when allowed); returns how many';
GRANT EXECUTE ON FUNCTION atelier.sync_deactivate_sites(text[], boolean) TO atelier_admin;

CREATE FUNCTION atelier.sync_deactivate_rooms(p_sites text[], p_codes text[],
                                                p_allow_mass boolean DEFAULT false) RETURNS bigint
LANGUAGE sql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT m.rooms FROM atelier.sync_deactivate_missing(NULL, atelier.sync_list(p_sites), atelier.sync_list(p_codes),
                                                        NULL, NULL, p_allow_mass) m
$$;
COMMENT ON FUNCTION atelier.sync_deactivate_rooms(text[], text[], boolean) IS
    'full sync: deactivates every active room not in the list of (site, room) code pairs (past the share sync_full_max_deactivate_percent, only when allowed); returns how many';
GRANT EXECUTE ON FUNCTION atelier.sync_deactivate_rooms(text[], text[], boolean) TO atelier_admin;

CREATE FUNCTION atelier.sync_deactivate_workstations(p_hostnames text[],
                                                p_allow_mass boolean DEFAULT false) RETURNS bigint
LANGUAGE sql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT m.workstations FROM atelier.sync_deactivate_missing(NULL, NULL, NULL, atelier.sync_list(p_hostnames),
                                                               NULL, p_allow_mass) m
$$;
COMMENT ON FUNCTION atelier.sync_deactivate_workstations(text[], boolean) IS
    'full sync: deactivates every active public PC whose host name is not in the list (past the share sync_full_max_deactivate_percent, only when allowed); returns how many';
GRANT EXECUTE ON FUNCTION atelier.sync_deactivate_workstations(text[], boolean) TO atelier_admin;

CREATE FUNCTION atelier.sync_deactivate_staff(p_logins text[],
                                                p_allow_mass boolean DEFAULT false) RETURNS bigint
LANGUAGE sql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT m.staff FROM atelier.sync_deactivate_missing(NULL, NULL, NULL, NULL, atelier.sync_list(p_logins),
                                                        p_allow_mass) m
$$;
COMMENT ON FUNCTION atelier.sync_deactivate_staff(text[], boolean) IS
    'full sync: deactivates every active staff member whose login is not in the list (they can no longer act; past the share sync_full_max_deactivate_percent, only when allowed); returns how many';
GRANT EXECUTE ON FUNCTION atelier.sync_deactivate_staff(text[], boolean) TO atelier_admin;
