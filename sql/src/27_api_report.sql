-- SPDX-License-Identifier: LGPL-2.1-or-later
-- The monthly figures and the reference lists, for reporters and librarians.

-- The figures of the month: each one's code and labels (the reference list metric),
-- here next to the query that computes them, so a new figure is written in this file
-- only.  The exports go through monthly_report's rows without knowing any figure; the
-- HTML page shows one it has no place for under "Other figures".  Shipped terms:
-- pg_dump keeps only the terms a network added (builtin is false for those).
INSERT INTO atelier.term (vocabulary, position, code, label_fr, label_en, builtin) VALUES
    ('metric',  1, 'workstations',           'Postes publics actifs',                 'Active public PCs', true),
    ('metric',  2, 'usage_sessions',         'Sessions sur les postes',               'PC sessions', true),
    ('metric',  3, 'usage_hours',            'Heures d''utilisation des postes',       'PC hours of use', true),
    ('metric',  4, 'usage_users',            'Utilisateurs distincts des postes',     'Distinct PC users', true),
    ('metric',  5, 'usage_open_sessions',    'Sessions sans fin enregistrée',         'Sessions with no recorded end', true),
    ('metric',  6, 'usage_hours_by_day',     'Heures d''utilisation par jour',         'PC hours by day', true),
    ('metric',  7, 'usage_sessions_by_hour', 'Sessions par heure de la journée',      'Sessions by hour of the day', true),
    ('metric',  8, 'workshop_sessions',      'Séances d''atelier tenues',              'Workshop sessions held', true),
    ('metric',  9, 'workshop_hours',         'Heures d''atelier',                      'Workshop hours', true),
    ('metric', 10, 'workshop_cancelled',     'Séances annulées',                      'Sessions cancelled', true),
    ('metric', 11, 'enrolled',               'Inscriptions (places occupées)',        'Enrolments (seats taken)', true),
    ('metric', 12, 'waitlisted',             'En liste d''attente',                    'Waitlisted', true),
    ('metric', 13, 'attendance',             'Présences',                             'Attendance', true),
    ('metric', 14, 'people_trained',         'Personnes formées (présentes)',         'People trained (present)', true),
    ('metric', 15, 'tickets',                'Accompagnements (fiches)',              'People helped (tickets)', true),
    ('metric', 16, 'tickets_anonymous',      'Accompagnements anonymes',              'Anonymous tickets', true),
    ('metric', 17, 'people_helped',          'Personnes accompagnées (identifiées)',  'People helped (known)', true),
    ('metric', 18, 'tickets_by_theme',       'Accompagnements par thématique',        'Tickets by theme', true),
    ('metric', 19, 'tickets_by_procedure',   'Démarches administratives',             'Administrative procedures', true),
    ('metric', 20, 'tickets_by_state',       'Accompagnements par issue',             'Tickets by outcome', true),
    ('metric', 21, 'tickets_by_place',       'Accompagnements par lieu',              'Tickets by place', true),
    ('metric', 22, 'tickets_by_equipment',   'Accompagnements par matériel',          'Tickets by equipment', true),
    ('metric', 23, 'tickets_by_autonomy',    'Autonomie atteinte',                    'Autonomy reached', true),
    ('metric', 24, 'referrals',              'Réorientations',                        'Referrals', true),
    ('metric', 25, 'ticket_minutes_total',   'Minutes d''accompagnement',              'Minutes of help', true),
    ('metric', 26, 'ticket_minutes_median',  'Durée médiane d''un accompagnement (min)', 'Median time spent (min)', true),
    ('metric', 27, 'people_by_age',          'Personnes accompagnées par âge',        'People helped by age', true),
    ('metric', 28, 'people_by_status',       'Personnes accompagnées par statut',     'People helped by status', true);

CREATE FUNCTION atelier.monthly_report(p_month date, p_site text DEFAULT NULL,
                                       p_min_count integer DEFAULT NULL)
RETURNS TABLE (metric text, metric_label_fr text, metric_label_en text,
               dimension text, dimension_label_fr text, dimension_label_en text,
               value numeric, suppressed text)
LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
-- The planner guesses 1000 rows for each generate_series over days, so the estimated cost
-- passes jit_above_cost even for an empty month, and compiling the plan then takes longer
-- than running it.
SET jit = off
AS $$
DECLARE
    -- The network's threshold: a caller may hide more, never less (NULL: this one).
    network_min integer := atelier.setting('report_min_count');
    v_min_count integer := COALESCE(p_min_count, network_min);
BEGIN
    IF p_month IS NULL THEN
        PERFORM atelier.raise('invalid_value', 'month', '');
    END IF;
    IF p_site IS NOT NULL THEN
        PERFORM atelier.site_by_code(p_site);
    END IF;
    IF v_min_count < network_min THEN
        PERFORM atelier.raise('report_min_count_below', p_min_count::text, network_min::text);
    END IF;
    RETURN QUERY
    WITH
    -- Each site's calendar month, in its own time zone.
    sites AS (
        SELECT s.id, s.time_zone::text AS tz,
               pg_catalog.timezone(s.time_zone, m.d) AS m_start,
               pg_catalog.timezone(s.time_zone, m.d + INTERVAL '1 month') AS m_end,
               m.d AS local_start, m.longest
          FROM atelier.site s,
               (SELECT pg_catalog.date_trunc('month', p_month::timestamp) AS d,
                       -- The longest PC session believed, read once (not per session).
                       pg_catalog.make_interval(hours => atelier.setting('usage_max_session_hours')) AS longest) m
         WHERE p_site IS NULL OR s.code = p_site
    ),
    terms AS (
        SELECT t.vocabulary, t.code::text AS code FROM atelier.term t
         WHERE t.active AND (t.site_id IS NULL OR t.site_id IN (SELECT id FROM sites))
    ),
    -- Usage sessions that touch the month; their time is cut at the month's edges.
    -- No session counts for more than the longest believed (usage_max_session_hours):
    -- record_usage_event clips the new ones, and this holds for any row stored before
    -- that rule (an end dated in the year 294276 once made a month of PC hours).
    us AS (
        SELECT u.login_key, u.started_at, u.ended_at, st.tz, st.m_start, st.m_end,
               u.started_at >= st.m_start AS began_here,
               GREATEST(u.started_at, st.m_start) AS s,
               LEAST(u.ended_at, u.started_at + st.longest, st.m_end) AS e
          FROM (
                -- Started in the month, or before it and still running at its start:
                -- two range scans (one index each) rather than one OR over the table;
                -- one running at the start began at most the longest session before.
                SELECT u.* FROM atelier.usage_session u
                 WHERE u.started_at >= (SELECT pg_catalog.min(m_start) FROM sites)
                   AND u.started_at < (SELECT pg_catalog.max(m_end) FROM sites)
                UNION ALL
                SELECT u.* FROM atelier.usage_session u
                 WHERE u.ended_at > (SELECT pg_catalog.min(m_start) FROM sites)
                   AND u.started_at < (SELECT pg_catalog.min(m_start) FROM sites)
                   AND u.started_at >= (SELECT pg_catalog.min(m_start - longest) FROM sites)
               ) u
          JOIN atelier.workstation w ON w.id = u.workstation_id
          JOIN sites st ON st.id = w.site_id
         WHERE (u.started_at >= st.m_start AND u.started_at < st.m_end)
            OR (u.started_at < st.m_start AND u.ended_at > st.m_start
                AND u.started_at + st.longest > st.m_start)
    ),
    -- The sessions with hours (only one with an end has any; LEAST ignores a NULL end,
    -- so test it first): each one's local start, and its local end less a microsecond
    -- (a session ending at midnight ends on the day before).
    local_used AS (
        SELECT us.s, us.e, us.tz, pg_catalog.timezone(us.tz, us.s) AS ls,
               pg_catalog.timezone(us.tz, us.e) - INTERVAL '1 microsecond' AS le
          FROM us
         WHERE us.ended_at IS NOT NULL AND us.e > us.s
    ),
    -- The seconds of use of each local day.  A session across midnight counts on each
    -- day for the time it spent there; one within a day (nearly all) counts whole on
    -- it without a series of days to build.
    day_hours AS (
        SELECT x.day, pg_catalog.sum(x.seconds) AS seconds
          FROM (SELECT l.ls::date AS day, EXTRACT(epoch FROM l.e - l.s) AS seconds
                  FROM local_used l WHERE l.ls::date = l.le::date
                UNION ALL
                SELECT d::date,
                       EXTRACT(epoch FROM LEAST(l.e, pg_catalog.timezone(l.tz, d + INTERVAL '1 day'))
                                        - GREATEST(l.s, pg_catalog.timezone(l.tz, d)))
                  FROM local_used l,
                       pg_catalog.generate_series(pg_catalog.date_trunc('day', l.ls), l.le,
                                                  INTERVAL '1 day') d
                 WHERE l.ls::date <> l.le::date) x
         GROUP BY x.day
    ),
    -- Sessions begun in the month by local hour (and those still open), counted before
    -- the 24 hours are joined.
    hour_counts AS (
        SELECT pg_catalog.date_part('hour', pg_catalog.timezone(us.tz, us.started_at))::integer AS h,
               pg_catalog.count(*) AS n, pg_catalog.count(*) FILTER (WHERE us.ended_at IS NULL) AS open
          FROM us WHERE us.began_here
         GROUP BY 1
    ),
    ws AS (
        SELECT x.id, x.course_id, x.status, x.during
          FROM atelier.session x JOIN sites st ON st.id = x.site_id
         WHERE pg_catalog.lower(x.during) >= st.m_start AND pg_catalog.lower(x.during) < st.m_end
    ),
    held AS (SELECT * FROM ws WHERE ws.status <> 'cancelled'),
    -- Seats of each session held: its own enrolments, and its course's (two
    -- equi-joins: an OR in the join condition would compare every pair).
    seats AS (
        SELECT e.status FROM held h JOIN atelier.enrolment e ON e.session_id = h.id
        UNION ALL
        SELECT e.status FROM held h JOIN atelier.enrolment e ON e.course_id = h.course_id
    ),
    present AS (
        SELECT a.person_id, a.status FROM held h JOIN atelier.attendance a ON a.session_id = h.id
    ),
    tk AS (
        SELECT t.* FROM atelier.ticket t JOIN sites st ON st.id = t.site_id
         WHERE t.opened_at >= st.m_start AND t.opened_at < st.m_end
    ),
    helped AS (
        SELECT p.* FROM atelier.person p WHERE p.id IN (SELECT tk.person_id FROM tk)
    ),
    totals (metric, value) AS (
        SELECT 'workstations', (SELECT pg_catalog.count(*) FROM atelier.workstation w
                                 WHERE w.active AND w.site_id IN (SELECT id FROM sites))::numeric
        -- The sessions, their hours and the open ones are added up from the breakdowns
        -- by hour and by day: one pass over the month's sessions for each, not more.
        UNION ALL SELECT 'usage_sessions', COALESCE(pg_catalog.sum(hour_counts.n), 0) FROM hour_counts
        UNION ALL SELECT 'usage_hours', pg_catalog.round(COALESCE(pg_catalog.sum(day_hours.seconds), 0) / 3600, 2)
                    FROM day_hours
        -- Grouped, not count(DISTINCT): a hash of the month's few users, not a sort of
        -- every session.
        UNION ALL SELECT 'usage_users', pg_catalog.count(*)
                    FROM (SELECT us.login_key FROM us WHERE us.began_here GROUP BY us.login_key) users
        UNION ALL SELECT 'usage_open_sessions', COALESCE(pg_catalog.sum(hour_counts.open), 0) FROM hour_counts
        UNION ALL SELECT 'workshop_sessions', pg_catalog.count(*) FROM held
        UNION ALL SELECT 'workshop_hours', pg_catalog.round(COALESCE(pg_catalog.sum(
                      EXTRACT(epoch FROM pg_catalog.upper(held.during) - pg_catalog.lower(held.during))), 0) / 3600, 2)
                  FROM held
        UNION ALL SELECT 'workshop_cancelled', pg_catalog.count(*) FILTER (WHERE ws.status = 'cancelled') FROM ws
        UNION ALL SELECT 'enrolled', pg_catalog.count(*) FILTER (WHERE seats.status = 'enrolled') FROM seats
        UNION ALL SELECT 'waitlisted', pg_catalog.count(*) FILTER (WHERE seats.status = 'waitlisted') FROM seats
        UNION ALL SELECT 'people_trained',
                  pg_catalog.count(DISTINCT present.person_id) FILTER (WHERE present.status = 'present') FROM present
        UNION ALL SELECT 'tickets', pg_catalog.count(*) FROM tk
        UNION ALL SELECT 'tickets_anonymous', pg_catalog.count(*) FILTER (WHERE tk.person_id IS NULL) FROM tk
        UNION ALL SELECT 'people_helped', pg_catalog.count(*) FROM helped
        UNION ALL SELECT 'ticket_minutes_total', COALESCE(pg_catalog.sum(tk.minutes), 0) FROM tk
        UNION ALL SELECT 'ticket_minutes_median',
                  pg_catalog.percentile_cont(0.5) WITHIN GROUP (ORDER BY tk.minutes)::numeric FROM tk
    ),
    -- One row per thing counted in a breakdown by a vocabulary.
    counted (metric, vocabulary, dimension) AS (
        SELECT 'tickets_by_theme', 'theme', pg_catalog.unnest(tk.themes) FROM tk
        UNION ALL SELECT 'tickets_by_procedure', 'procedure', pg_catalog.unnest(tk.procedures) FROM tk
        UNION ALL SELECT 'tickets_by_state', 'ticket_state', tk.state FROM tk
        UNION ALL SELECT 'tickets_by_place', 'place', tk.place FROM tk
        UNION ALL SELECT 'tickets_by_equipment', 'equipment', tk.equipment FROM tk WHERE tk.equipment IS NOT NULL
        UNION ALL SELECT 'tickets_by_autonomy', 'autonomy', tk.autonomy FROM tk WHERE tk.autonomy IS NOT NULL
        UNION ALL SELECT 'referrals', 'referral', tk.referral FROM tk WHERE tk.state = 'referred'
        UNION ALL SELECT 'attendance', 'attendance', present.status FROM present
        UNION ALL SELECT 'people_by_age', 'age_bracket', COALESCE(helped.age_bracket, 'nc') FROM helped
        UNION ALL SELECT 'people_by_status', 'social_status', COALESCE(helped.social_status, 'nc') FROM helped
    ),
    breakdowns (metric, vocabulary) AS (
        VALUES ('tickets_by_theme', 'theme'), ('tickets_by_procedure', 'procedure'),
               ('tickets_by_state', 'ticket_state'), ('tickets_by_place', 'place'),
               ('tickets_by_equipment', 'equipment'), ('tickets_by_autonomy', 'autonomy'),
               ('referrals', 'referral'), ('attendance', 'attendance'),
               ('people_by_age', 'age_bracket'), ('people_by_status', 'social_status')
    ),
    by_term AS (
        -- Every term of the list appears, with 0 when nothing was counted; a term counted
        -- but withdrawn since is not in the list and still shows with its count.
        SELECT COALESCE(z.metric, c.metric) AS metric, COALESCE(z.vocabulary, c.vocabulary) AS vocabulary,
               COALESCE(z.dimension, c.dimension) AS dimension, COALESCE(c.n, 0)::numeric AS value
          FROM (SELECT b.metric, b.vocabulary, t.code AS dimension
                  FROM breakdowns b JOIN terms t ON t.vocabulary = b.vocabulary) z
          FULL JOIN (SELECT c.metric, c.vocabulary, c.dimension::text AS dimension, pg_catalog.count(*) AS n
                       FROM counted c GROUP BY 1, 2, 3) c USING (metric, vocabulary, dimension)
    ),
    month_days AS (
        SELECT DISTINCT d::date AS day
          FROM sites st,
               pg_catalog.generate_series(st.local_start, st.local_start + INTERVAL '1 month' - INTERVAL '1 day',
                                          INTERVAL '1 day') d
    ),
    by_day AS (
        SELECT 'usage_hours_by_day'::text AS metric, pg_catalog.to_char(md.day, 'YYYY-MM-DD') AS dimension,
               pg_catalog.round(COALESCE(dh.seconds, 0) / 3600, 2) AS value
          FROM month_days md LEFT JOIN day_hours dh ON dh.day = md.day
    ),
    by_hour AS (
        SELECT 'usage_sessions_by_hour'::text AS metric, pg_catalog.lpad(hr.h::text, 2, '0') AS dimension,
               COALESCE(hc.n, 0)::numeric AS value
          FROM pg_catalog.generate_series(0, 23) hr(h) LEFT JOIN hour_counts hc ON hc.h = hr.h
    ),
    all_rows AS (
        SELECT t.metric, NULL::text AS vocabulary, NULL::text AS dimension, t.value FROM totals t
        UNION ALL SELECT b.metric, b.vocabulary, b.dimension, b.value FROM by_term b
        UNION ALL SELECT d.metric, NULL, d.dimension, d.value FROM by_day d
        UNION ALL SELECT h.metric, NULL, h.dimension, h.value FROM by_hour h
    ),
    -- Small counts of people.  The breakdowns below count people (or their tickets: one
    -- per person helped) by who they are or by their private situation: age, status, the
    -- place they were helped (at home), the procedure (health, justice, foreign
    -- nationals, ...) and where they were sent (social services, ...).  In each, a cell
    -- of 1 to v_min_count - 1 is hidden ("below_threshold").  Then, since a reader knows
    -- the total the cells add up to (people_helped, tickets, ...), one hidden cell alone
    -- would come back by difference, and so would cells that can only be 1 each or
    -- v_min_count - 1 each: one more cell is hidden, a zero if the breakdown has one (it
    -- is below the threshold too, so "< 11" stays true), else the smallest other count
    -- ("secondary"; and the next ones while the small cells are all 1 and the hidden
    -- counts all exactly v_min_count, which would pin them down).  Left as it is: a
    -- breakdown with no 0 whose every cell is the same small count (5 people helped, one
    -- of each status), which only hiding the totals would cover.  Themes, states,
    -- equipment, autonomy and attendance describe the help given, not the person, and
    -- totals name no trait: they are not hidden.  A threshold of 1 hides nothing.
    cells AS (
        SELECT r.metric, r.dimension, r.value, m.label_fr::text AS m_fr, m.label_en::text AS m_en,
               d.label_fr AS d_fr, d.label_en AS d_en, m.position AS m_pos, d.position AS d_pos,
               r.metric IN ('people_by_age', 'people_by_status', 'tickets_by_place',
                            'tickets_by_procedure', 'referrals') AS protected
          FROM all_rows r
          JOIN atelier.term m ON m.vocabulary = 'metric' AND m.code = r.metric
          LEFT JOIN atelier.term d ON d.vocabulary = r.vocabulary AND d.code = r.dimension
    ),
    sized AS (
        SELECT c.*,
               c.protected AND c.value > 0 AND c.value < v_min_count AS small,
               c.protected AND c.value = 0 AS zero,
               c.protected AND c.value >= v_min_count AS large
          FROM cells c
    ),
    counted_cells AS (
        SELECT s.*,
               pg_catalog.count(*) FILTER (WHERE s.small) OVER w AS n_small,
               COALESCE(pg_catalog.bool_and(s.value = 1) FILTER (WHERE s.small) OVER w, false) AS all_one,
               COALESCE(pg_catalog.bool_and(s.value = v_min_count - 1) FILTER (WHERE s.small) OVER w,
                        false) AS all_max,
               pg_catalog.count(*) FILTER (WHERE s.zero) OVER w AS n_zero,
               pg_catalog.count(*) FILTER (WHERE s.large AND s.value = v_min_count) OVER w AS n_at_min,
               pg_catalog.row_number() OVER (PARTITION BY s.metric, s.zero
                                             ORDER BY s.d_pos NULLS LAST, s.dimension) AS zero_rank,
               pg_catalog.row_number() OVER (PARTITION BY s.metric, s.large
                                             ORDER BY s.value, s.d_pos NULLS LAST, s.dimension) AS large_rank
          FROM sized s
        WINDOW w AS (PARTITION BY s.metric)
    ),
    decided AS (
        SELECT k.*,
               CASE
                   WHEN k.small THEN 'below_threshold'
                   WHEN NOT (k.n_small > 0 AND (k.n_small = 1 OR k.all_one OR k.all_max)) THEN NULL
                   WHEN k.n_zero > 0 THEN CASE WHEN k.zero AND k.zero_rank = 1 THEN 'below_threshold' END
                   WHEN k.large AND k.large_rank <= CASE WHEN k.all_one THEN k.n_at_min + 1 ELSE 1 END
                       THEN 'secondary'
               END AS hidden
          FROM counted_cells k
    )
    SELECT x.metric, x.m_fr, x.m_en, x.dimension,
           COALESCE(x.d_fr, x.dimension), COALESCE(x.d_en, x.dimension),
           CASE WHEN x.hidden IS NULL THEN x.value END, x.hidden
      FROM decided x
     ORDER BY x.m_pos, x.d_pos NULLS FIRST, x.dimension NULLS FIRST;
END
$$;
COMMENT ON FUNCTION atelier.monthly_report(date, text, integer) IS
    'the figures of a calendar month (in each site''s time zone) for a site, or the whole network when the site is NULL: one row per figure, or per figure and dimension (a term, a day, an hour), with French and English labels; in breakdowns of people by age, status, place, procedure and referral, counts below p_min_count (and a second cell, so that no total gives them back) have value NULL and suppressed ''below_threshold'' (or ''secondary''); p_min_count NULL is the network''s threshold (setting report_min_count), and one below it is refused';
GRANT EXECUTE ON FUNCTION atelier.monthly_report(date, text, integer) TO atelier_reporter;

CREATE FUNCTION atelier.report_min_count() RETURNS integer
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT atelier.setting('report_min_count')
$$;
COMMENT ON FUNCTION atelier.report_min_count() IS
    'the network''s small-count threshold: the one monthly_report applies when given none, and the lowest it accepts (for exports that print it)';
GRANT EXECUTE ON FUNCTION atelier.report_min_count() TO atelier_reporter;

CREATE FUNCTION atelier.term_list(p_vocabulary text, p_site text DEFAULT NULL)
RETURNS TABLE (code text, label_fr text, label_en text, label text, site text,
               with_procedures boolean)
LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    sid bigint;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM atelier.vocabulary v WHERE v.code = p_vocabulary) THEN
        PERFORM atelier.raise('unknown_vocabulary', COALESCE(p_vocabulary, ''));
    END IF;
    IF p_site IS NOT NULL THEN
        sid := (atelier.site_by_code(p_site)).id;
    END IF;
    RETURN QUERY
    SELECT t.code::text, t.label_fr::text, t.label_en::text,
           (CASE WHEN atelier.lang() = 'fr' THEN t.label_fr ELSE t.label_en END)::text,
           s.code::text,
           -- The theme a ticket's administrative procedures go with: a front end asks
           -- for procedures only once it is picked (the rule: require_procedures_theme).
           t.vocabulary = 'theme' AND t.code = atelier.procedures_theme()
      FROM atelier.term t LEFT JOIN atelier.site s ON s.id = t.site_id
     WHERE t.vocabulary = p_vocabulary AND t.active
       AND (t.site_id IS NULL OR t.site_id = sid)
     ORDER BY t.position, t.code;
END
$$;
COMMENT ON FUNCTION atelier.term_list(text, text) IS
    'the active terms of a reference list for the network and, if given, one site; label is in the session''s language; with_procedures marks the theme that administrative procedures go with';
GRANT EXECUTE ON FUNCTION atelier.term_list(text, text) TO atelier_reporter;

CREATE FUNCTION atelier.site_list()
RETURNS TABLE (code text, name text, city text, time_zone text, active boolean, workstations bigint)
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT s.code, s.name, s.city, s.time_zone, s.active,
           (SELECT pg_catalog.count(*) FROM atelier.workstation w WHERE w.site_id = s.id AND w.active)
      FROM atelier.site s ORDER BY s.code
$$;
COMMENT ON FUNCTION atelier.site_list() IS 'the sites and how many active public PCs each has';
GRANT EXECUTE ON FUNCTION atelier.site_list() TO atelier_reporter;
