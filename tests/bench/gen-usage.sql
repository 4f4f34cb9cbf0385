-- SPDX-License-Identifier: GPL-3.0-or-later
-- :nsessions PC sessions of the network made by gen.sql, spread over November 2026
-- (a few across midnight and the month's edges), in place of any there were, and
-- as many again in October: a month's report reads its month out of a table that
-- holds others, as it will in a library, so that its plan shows whether the index
-- on the start time serves.  Deterministic, like gen.sql.  Run as a superuser.
\set ON_ERROR_STOP on
SET client_min_messages = warning;
SET TIME ZONE 'Europe/Paris';
SET session_replication_role = replica;
TRUNCATE atelier.usage_session;

-- Month 0 is November, from 4 hours before it to 20 hours after; month 1 is October,
-- its past.  Same PCs and people, other events.
INSERT INTO atelier.usage_session (workstation_id, login_key, start_event, end_event, started_at, ended_at)
SELECT 1 + (i * 31) % 2000,
       encode(sha256(convert_to('bench:' || (1 + (i::bigint * 7919) % 60000), 'UTF8')), 'hex'),
       md5(m || 'start' || i)::uuid, md5(m || 'end' || i)::uuid,
       base + make_interval(secs => (i::double precision * 2678400 / :nsessions)),
       base + make_interval(secs => (i::double precision * 2678400 / :nsessions) + 600 + (i * 37) % 6600)
  FROM (VALUES (0, TIMESTAMPTZ '2026-10-31 20:00'), (1, TIMESTAMPTZ '2026-09-30 20:00')) months (m, base),
       generate_series(1, :nsessions) i;

RESET session_replication_role;
ANALYZE atelier.usage_session;
