-- SPDX-License-Identifier: LGPL-2.1-or-later
-- Sites, rooms and public workstations, as the host system knows them.

CREATE TABLE atelier.site (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code       atelier.code NOT NULL UNIQUE,
    name       atelier.label NOT NULL CHECK (pg_catalog.btrim(name) <> ''),
    city       atelier.short_text NOT NULL DEFAULT '',
    time_zone  atelier.time_zone NOT NULL DEFAULT atelier.default_time_zone(),
    active     boolean NOT NULL DEFAULT true,
    created_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
    updated_at timestamptz NOT NULL DEFAULT pg_catalog.now()
);
COMMENT ON TABLE atelier.site IS
    'a library, an antenna or a partner venue; months and local times are computed in its time zone';
SELECT atelier.dump_with_extension('atelier.site');

CREATE TABLE atelier.room (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    site_id    bigint NOT NULL REFERENCES atelier.site,
    code       atelier.code NOT NULL,
    name       atelier.label NOT NULL CHECK (pg_catalog.btrim(name) <> ''),
    active     boolean NOT NULL DEFAULT true,
    updated_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
    UNIQUE (site_id, code),
    UNIQUE (id, site_id)
);
COMMENT ON TABLE atelier.room IS 'a room of a site where workshops take place';
SELECT atelier.dump_with_extension('atelier.room');

CREATE TABLE atelier.workstation (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    hostname   atelier.hostname NOT NULL UNIQUE,
    site_id    bigint NOT NULL REFERENCES atelier.site,
    room_id    bigint,
    label      atelier.short_text NOT NULL DEFAULT '',
    active     boolean NOT NULL DEFAULT true,
    updated_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
    FOREIGN KEY (room_id, site_id) REFERENCES atelier.room (id, site_id)
);
COMMENT ON TABLE atelier.workstation IS
    'a public PC, known by its lowercase host name; its room, if any, belongs to its site';
SELECT atelier.dump_with_extension('atelier.workstation');
CREATE INDEX workstation_site_idx ON atelier.workstation (site_id);
COMMENT ON INDEX atelier.workstation_site_idx IS 'finds the PCs of a site when booking';
