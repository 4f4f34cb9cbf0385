-- SPDX-License-Identifier: LGPL-2.1-or-later
-- Staff (known by their PAM login) and the people helped (known only by a pseudonym).

-- The staff roles, listed only here: the table's check and the functions that refuse
-- another role with their own message all ask this.
CREATE FUNCTION atelier.is_staff_role(p_role text) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT p_role OPERATOR(pg_catalog.=) ANY (ARRAY['librarian', 'facilitator', 'coordinator', 'admin'])
$$;
COMMENT ON FUNCTION atelier.is_staff_role(text) IS
    'true when the text is a staff role: librarian, facilitator, coordinator or admin; NULL for NULL';

CREATE TABLE atelier.staff (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    login        atelier.login NOT NULL UNIQUE,
    display_name atelier.label NOT NULL CHECK (pg_catalog.btrim(display_name) <> ''),
    role         text NOT NULL CHECK (atelier.is_staff_role(role)),
    active       boolean NOT NULL DEFAULT true,
    created_at   timestamptz NOT NULL DEFAULT pg_catalog.now(),
    updated_at   timestamptz NOT NULL DEFAULT pg_catalog.now()
);
COMMENT ON TABLE atelier.staff IS
    'librarians, facilitators, coordinators and administrators; login is the name PAM knows them by';
SELECT atelier.dump_with_extension('atelier.staff');

CREATE TABLE atelier.staff_site (
    staff_id bigint NOT NULL REFERENCES atelier.staff ON DELETE CASCADE,
    site_id  bigint NOT NULL REFERENCES atelier.site ON DELETE CASCADE,
    PRIMARY KEY (staff_id, site_id)
);
COMMENT ON TABLE atelier.staff_site IS
    'the sites a staff member works for; librarians and facilitators act only there';
SELECT atelier.dump_with_extension('atelier.staff_site');

CREATE TABLE atelier.staff_session (
    token      uuid PRIMARY KEY DEFAULT pg_catalog.gen_random_uuid(),
    staff_id   bigint NOT NULL REFERENCES atelier.staff ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
    expires_at timestamptz NOT NULL,
    CHECK (expires_at > created_at)
);
COMMENT ON TABLE atelier.staff_session IS
    'a staff member''s session after a PAM login at the desk; every staff operation names its token, so the database records who did what';
SELECT atelier.dump_with_extension('atelier.staff_session');
CREATE INDEX staff_session_expires_idx ON atelier.staff_session (expires_at);
COMMENT ON INDEX atelier.staff_session_expires_idx IS 'purges expired sessions';

CREATE TABLE atelier.person (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    pseudonym          atelier.pseudonym UNIQUE,
    age_bracket        atelier.code,
    age_bracket_list   text NOT NULL GENERATED ALWAYS AS ('age_bracket') STORED,
    social_status      atelier.code,
    social_status_list text NOT NULL GENERATED ALWAYS AS ('social_status') STORED,
    postcode           atelier.postcode,
    first_visit        date NOT NULL DEFAULT CURRENT_DATE,
    last_contact       date NOT NULL DEFAULT CURRENT_DATE,
    created_at         timestamptz NOT NULL DEFAULT pg_catalog.now(),
    FOREIGN KEY (age_bracket_list, age_bracket) REFERENCES atelier.term (vocabulary, code),
    FOREIGN KEY (social_status_list, social_status) REFERENCES atelier.term (vocabulary, code)
);
COMMENT ON TABLE atelier.person IS
    'a person helped: no name, phone or e-mail; pseudonym NULL for someone who stays anonymous';
COMMENT ON COLUMN atelier.person.age_bracket_list IS 'constant: lets the foreign key name the vocabulary';
COMMENT ON COLUMN atelier.person.social_status_list IS 'constant: lets the foreign key name the vocabulary';
COMMENT ON COLUMN atelier.person.last_contact IS 'for retention: the active base keeps people 2 years after their last contact';
SELECT atelier.dump_with_extension('atelier.person');
