-- SPDX-License-Identifier: LGPL-2.1-or-later
-- The workshop catalogue and scheduled sessions: one-off, series, or courses.

-- A new workshop's level and usual length when the librarian gives none: written here
-- only; the command, the XML exchange and the library pass NULL.
CREATE FUNCTION atelier.default_workshop_level() RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT 'debutant'::text
$$;
COMMENT ON FUNCTION atelier.default_workshop_level() IS
    'the level of a workshop added without one (a code of the list level): beginner';

CREATE FUNCTION atelier.default_workshop_minutes() RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT 120
$$;
COMMENT ON FUNCTION atelier.default_workshop_minutes() IS
    'the usual length, in minutes, of a workshop added without one';

CREATE TABLE atelier.workshop (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code            atelier.code NOT NULL UNIQUE,
    title           atelier.label NOT NULL CHECK (pg_catalog.btrim(title) <> ''),
    level           atelier.code NOT NULL DEFAULT atelier.default_workshop_level(),
    level_list      text NOT NULL GENERATED ALWAYS AS ('level') STORED,
    default_minutes integer NOT NULL DEFAULT atelier.default_workshop_minutes() CHECK (default_minutes BETWEEN 15 AND 720),
    description     atelier.note_text NOT NULL DEFAULT '',
    active          boolean NOT NULL DEFAULT true,
    created_at      timestamptz NOT NULL DEFAULT pg_catalog.now(),
    FOREIGN KEY (level_list, level) REFERENCES atelier.term (vocabulary, code)
);
COMMENT ON TABLE atelier.workshop IS
    'the catalogue: "Découvrir l''ordinateur", "E-mail", ... with a level and a default duration';
SELECT atelier.dump_with_extension('atelier.workshop');
COMMENT ON COLUMN atelier.workshop.level_list IS 'constant: lets the foreign key name the vocabulary';

CREATE TABLE atelier.workshop_theme (
    workshop_id bigint NOT NULL REFERENCES atelier.workshop ON DELETE CASCADE,
    theme       atelier.code NOT NULL,
    theme_list  text NOT NULL GENERATED ALWAYS AS ('theme') STORED,
    PRIMARY KEY (workshop_id, theme),
    FOREIGN KEY (theme_list, theme) REFERENCES atelier.term (vocabulary, code)
);
COMMENT ON TABLE atelier.workshop_theme IS 'the themes a workshop covers';
SELECT atelier.dump_with_extension('atelier.workshop_theme');
COMMENT ON COLUMN atelier.workshop_theme.theme_list IS 'constant: lets the foreign key name the vocabulary';

CREATE TABLE atelier.series (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    every_days integer NOT NULL CHECK (every_days BETWEEN 1 AND 366),
    count      integer CHECK (count BETWEEN 1 AND 260),
    until      date,
    created_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
    CHECK (pg_catalog.num_nonnulls(count, until) = 1)
);
COMMENT ON TABLE atelier.series IS
    'a recurring schedule (weekly is every 7 days) of sessions one enrols in one by one, ending after a count or on a date';
SELECT atelier.dump_with_extension('atelier.series');

CREATE TABLE atelier.course (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    workshop_id bigint NOT NULL REFERENCES atelier.workshop,
    site_id    bigint NOT NULL REFERENCES atelier.site,
    title      atelier.label NOT NULL CHECK (pg_catalog.btrim(title) <> ''),
    capacity   integer NOT NULL CHECK (capacity BETWEEN 1 AND 1000),
    created_at timestamptz NOT NULL DEFAULT pg_catalog.now()
);
COMMENT ON TABLE atelier.course IS
    'a sequence of sessions one enrols in once (for example 10 hours over 5 weeks); its capacity holds for every session';
SELECT atelier.dump_with_extension('atelier.course');

CREATE TABLE atelier.session (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    workshop_id     bigint NOT NULL REFERENCES atelier.workshop,
    site_id         bigint NOT NULL REFERENCES atelier.site,
    room_id         bigint,
    during          atelier.during NOT NULL,
    facilitator_id  bigint REFERENCES atelier.staff,
    partner         atelier.short_text NOT NULL DEFAULT '',
    capacity        integer NOT NULL CHECK (capacity BETWEEN 1 AND 1000),
    status          text NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'cancelled')),
    series_id       bigint REFERENCES atelier.series,
    course_id       bigint REFERENCES atelier.course,
    course_position integer,
    created_by      bigint REFERENCES atelier.staff,
    created_at      timestamptz NOT NULL DEFAULT pg_catalog.now(),
    FOREIGN KEY (room_id, site_id) REFERENCES atelier.room (id, site_id),
    CHECK ((course_id IS NULL) = (course_position IS NULL)),
    CONSTRAINT session_room_free EXCLUDE USING gist (room_id WITH =, during WITH &&)
        WHERE (status <> 'cancelled' AND room_id IS NOT NULL)
);
COMMENT ON TABLE atelier.session IS
    'one scheduled workshop session at a site, in a room, for a time range; a room never hosts two sessions at once';
SELECT atelier.dump_with_extension('atelier.session');
COMMENT ON CONSTRAINT session_room_free ON atelier.session IS
    'a room hosts one live session at a time';
CREATE INDEX session_site_during_idx ON atelier.session USING gist (site_id, during);
COMMENT ON INDEX atelier.session_site_during_idx IS 'lists a site''s sessions for a period and a month';
CREATE INDEX session_course_idx ON atelier.session (course_id) WHERE course_id IS NOT NULL;
COMMENT ON INDEX atelier.session_course_idx IS 'finds a course''s sessions';
