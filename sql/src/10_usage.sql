-- SPDX-License-Identifier: LGPL-2.1-or-later
-- Usage sessions on public workstations, built from start and end events sent by
-- pam_atelier (live or replayed from its spool, in any order, possibly twice).

CREATE TABLE atelier.usage_session (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    workstation_id bigint NOT NULL REFERENCES atelier.workstation,
    login_key      atelier.pseudonym NOT NULL,
    start_event    uuid NOT NULL UNIQUE,
    end_event      uuid UNIQUE,
    started_at     timestamptz,
    ended_at       timestamptz,
    received_at    timestamptz NOT NULL DEFAULT pg_catalog.now(),
    clipped        boolean NOT NULL DEFAULT false,
    CHECK (started_at IS NOT NULL OR ended_at IS NOT NULL),
    CHECK ((end_event IS NULL) = (ended_at IS NULL))
);
COMMENT ON TABLE atelier.usage_session IS
    'one login on a public PC: who (pseudonymised login), where, from when to when; an end that arrived before its start waits here with started_at NULL';
SELECT atelier.dump_with_extension('atelier.usage_session');
COMMENT ON COLUMN atelier.usage_session.start_event IS
    'the UUID of the start event, which the end event also carries: it pairs them and makes replays idempotent';
COMMENT ON COLUMN atelier.usage_session.ended_at IS
    'the end as the PC sent it, unless clipped: never before started_at, never more than the setting usage_max_session_hours after it (atelier.record_usage_event refuses or clips the rest)';
COMMENT ON COLUMN atelier.usage_session.clipped IS
    'true when the end event came more than usage_max_session_hours after the start (a PC left logged in): ended_at was cut to the start plus that maximum';
CREATE INDEX usage_session_started_idx ON atelier.usage_session (started_at);
COMMENT ON INDEX atelier.usage_session_started_idx IS 'finds the sessions of a month';
CREATE INDEX usage_session_workstation_idx ON atelier.usage_session (workstation_id, started_at);
COMMENT ON INDEX atelier.usage_session_workstation_idx IS 'finds the sessions of a site''s PCs';
-- A month's report asks for the sessions begun before the month and ended in it or
-- later: the start time in the index answers the first half without reading the rows
-- of every later session.
CREATE INDEX usage_session_ended_idx ON atelier.usage_session (ended_at, started_at);
COMMENT ON INDEX atelier.usage_session_ended_idx IS
    'finds the sessions begun before a month and still running at its start';
