-- SPDX-License-Identifier: LGPL-2.1-or-later
-- Types and the error machinery every part below uses.

CREATE FUNCTION atelier.is_time_zone(p_name text) RETURNS boolean
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    -- Time zone names are fixed for the life of a server, which is what IMMUTABLE needs here.
    PERFORM pg_catalog.timezone(p_name, TIMESTAMPTZ '2000-01-01 00:00+00');
    RETURN p_name <> '';
EXCEPTION WHEN invalid_parameter_value THEN
    RETURN false;
END
$$;
COMMENT ON FUNCTION atelier.is_time_zone(text) IS
    'true when the name is a time zone this server knows (for example Europe/Paris)';

-- Extension tables are left out of pg_dump unless marked: every table that holds the
-- library's data is marked right after its CREATE TABLE, with its identity sequence.
CREATE FUNCTION atelier.dump_with_extension(p_table regclass) RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    seq text;
BEGIN
    PERFORM pg_catalog.pg_extension_config_dump(p_table, '');
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a
                WHERE a.attrelid = p_table AND a.attname = 'id' AND NOT a.attisdropped) THEN
        seq := pg_catalog.pg_get_serial_sequence(p_table::text, 'id');
    END IF;
    IF seq IS NOT NULL THEN
        EXECUTE pg_catalog.format('COMMENT ON SEQUENCE %s IS %L', seq,
                                  'numbers the rows of ' || p_table::text);
        PERFORM pg_catalog.pg_extension_config_dump(seq::regclass, '');
    END IF;
END
$$;
REVOKE ALL ON FUNCTION atelier.dump_with_extension(regclass) FROM PUBLIC;
COMMENT ON FUNCTION atelier.dump_with_extension(regclass) IS
    'while the extension is created: marks a table for pg_dump, all its rows, and its id sequence if it has one (commented); a backup then keeps the library''s data';

-- Every text a client may send is stored in a domain of its kind, with a length
-- that kind allows, checked here whichever function stores it.  A length check is
-- named <domain>_at_most_<N>: from a check violation (SQLSTATE 23514), which names
-- the domain and the constraint, the library says "The text is too long for <what>
-- (at most N characters)" (module/lib/error.c).  PostgreSQL checks a domain's
-- constraints in name order, so the length goes first ("a" before "c" of *_check).
CREATE DOMAIN atelier.time_zone AS text
    CONSTRAINT time_zone_at_most_64 CHECK (pg_catalog.length(VALUE) <= 64)
    CHECK (atelier.is_time_zone(VALUE));
COMMENT ON DOMAIN atelier.time_zone IS 'an IANA time zone name known to the server';

CREATE FUNCTION atelier.default_time_zone() RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT 'Europe/Paris'::text
$$;
COMMENT ON FUNCTION atelier.default_time_zone() IS
    'the time zone of a site the host system names none for (Europe/Paris); clients pass NULL and never write it themselves';

-- A domain's rule that a function also needs as a test (to refuse a value with its own
-- message, or to name the line of a sync item) is a predicate is_<domain>(), the only
-- place it is written; the domain's check calls it.  No SET clause, so that PostgreSQL
-- inlines them: operators are named with their schema instead.
CREATE FUNCTION atelier.is_pseudonym(p_value text) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT p_value OPERATOR(pg_catalog.~) '^[0-9a-f]{64}$'
$$;
COMMENT ON FUNCTION atelier.is_pseudonym(text) IS
    'true when the text is a valid atelier.pseudonym (64 lowercase hexadecimal digits), NULL for NULL';

CREATE DOMAIN atelier.pseudonym AS text
    CONSTRAINT pseudonym_check CHECK (atelier.is_pseudonym(VALUE));
COMMENT ON DOMAIN atelier.pseudonym IS
    'a person''s pseudonymous key: lowercase hex of HMAC-SHA-256(secret, host patron id or login), computed by the client; the database never sees the secret';

CREATE FUNCTION atelier.is_code(p_value text) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT p_value OPERATOR(pg_catalog.~) '^[A-Za-z0-9][A-Za-z0-9._-]*$'
           AND pg_catalog.length(p_value) OPERATOR(pg_catalog.<=) 64
$$;
COMMENT ON FUNCTION atelier.is_code(text) IS
    'true when the text is a valid atelier.code (its length included), NULL for NULL';

CREATE DOMAIN atelier.code AS text
    CONSTRAINT code_at_most_64 CHECK (pg_catalog.length(VALUE) <= 64)
    CONSTRAINT code_check CHECK (atelier.is_code(VALUE));
COMMENT ON DOMAIN atelier.code IS
    'a short stable identifier chosen by the host (site code, room code, workshop code, term code)';

CREATE DOMAIN atelier.label AS text
    CONSTRAINT label_at_most_200 CHECK (pg_catalog.length(VALUE) <= 200);
COMMENT ON DOMAIN atelier.label IS
    'a name, title or label people read (a site, a room, a staff member, a workshop, a course, a term): at most 200 characters, as the exchange schema''s name';

CREATE DOMAIN atelier.short_text AS text
    CONSTRAINT short_text_at_most_200 CHECK (pg_catalog.length(VALUE) <= 200);
COMMENT ON DOMAIN atelier.short_text IS
    'a short free text that may be empty (a city, a PC''s label, a partner): at most 200 characters, as the exchange schema''s short-text';

CREATE DOMAIN atelier.note_text AS text
    CONSTRAINT note_text_at_most_4000 CHECK (pg_catalog.length(VALUE) <= 4000);
COMMENT ON DOMAIN atelier.note_text IS
    'free notes or a description: at most 4000 characters, as the exchange schema''s notes';

CREATE FUNCTION atelier.is_login(p_value text) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT pg_catalog.length(p_value) OPERATOR(pg_catalog.>=) 1
           AND pg_catalog.length(p_value) OPERATOR(pg_catalog.<=) 256
           AND p_value OPERATOR(pg_catalog.!~) '[[:cntrl:][:space:]]'
$$;
COMMENT ON FUNCTION atelier.is_login(text) IS
    'true when the text is a valid atelier.login (its length included), NULL for NULL';

CREATE DOMAIN atelier.login AS text
    CONSTRAINT login_at_most_256 CHECK (pg_catalog.length(VALUE) <= 256)
    CONSTRAINT login_check CHECK (atelier.is_login(VALUE));
COMMENT ON DOMAIN atelier.login IS
    'a staff member''s login as PAM knows it: 1 to 256 characters, no space or control character, as the exchange schema''s login';

CREATE FUNCTION atelier.is_hostname(p_value text) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT p_value OPERATOR(pg_catalog.~) '^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$'
           AND pg_catalog.length(p_value) OPERATOR(pg_catalog.<=) 253
$$;
COMMENT ON FUNCTION atelier.is_hostname(text) IS
    'true when the text is a valid atelier.hostname (lowercase, its length included), NULL for NULL';

CREATE DOMAIN atelier.hostname AS text
    CONSTRAINT hostname_at_most_253 CHECK (pg_catalog.length(VALUE) <= 253)
    CONSTRAINT hostname_check CHECK (atelier.is_hostname(VALUE));
COMMENT ON DOMAIN atelier.hostname IS
    'a public PC''s host name, in lowercase: letters, digits, dots and hyphens, at most 253 characters (a DNS name)';

CREATE FUNCTION atelier.is_postcode(p_value text) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT p_value OPERATOR(pg_catalog.~) '^[0-9]{5}$'
$$;
COMMENT ON FUNCTION atelier.is_postcode(text) IS
    'true when the text is a valid atelier.postcode (five digits), NULL for NULL';

CREATE DOMAIN atelier.postcode AS text
    CONSTRAINT postcode_check CHECK (atelier.is_postcode(VALUE));
COMMENT ON DOMAIN atelier.postcode IS 'a French postcode: five digits';

CREATE DOMAIN atelier.during AS tstzrange
    CHECK (NOT pg_catalog.isempty(VALUE)
           AND NOT pg_catalog.lower_inf(VALUE) AND NOT pg_catalog.upper_inf(VALUE)
           AND pg_catalog.lower_inc(VALUE) AND NOT pg_catalog.upper_inc(VALUE));
COMMENT ON DOMAIN atelier.during IS
    'a non-empty, bounded, half-open time range [start, end)';

-- Every error atelier raises, in French and English. Functions raise by key through
-- atelier.raise(); the client sets atelier.lang (fr or en) for the session.
CREATE TABLE atelier.message (
    key      text PRIMARY KEY,
    sqlstate text NOT NULL CHECK (sqlstate ~ '^AT[UNCFXA][0-9]{2}$'),
    text_fr  text NOT NULL,
    text_en  text NOT NULL,
    hint_fr  text NOT NULL,
    hint_en  text NOT NULL
);
COMMENT ON TABLE atelier.message IS
    'error messages (format() templates, %s for arguments) and hints saying what to do, in French and English; SQLSTATE class AT, third letter: U usage, N not found, C conflict, F full, X forbidden, A authentication';

CREATE FUNCTION atelier.lang() RETURNS text
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT CASE WHEN pg_catalog.current_setting('atelier.lang', true) LIKE 'fr%'
                THEN 'fr' ELSE 'en' END
$$;
COMMENT ON FUNCTION atelier.lang() IS
    'the language of messages for this session: fr when the setting atelier.lang starts with fr, else en';

CREATE FUNCTION atelier.raise(p_key text, VARIADIC p_args text[] DEFAULT '{}')
RETURNS void
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    m    atelier.message;
    fr   boolean := atelier.lang() = 'fr';
    args text[];
BEGIN
    SELECT * INTO m FROM atelier.message WHERE key = p_key;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'atelier: no message for key %', p_key;
    END IF;
    -- An argument is often the value refused: a message quotes at most 200 characters
    -- of it, not the 10 MiB a client may have sent.
    SELECT pg_catalog.array_agg(CASE WHEN pg_catalog.length(a.v) > 200
                                     THEN pg_catalog.left(a.v, 200) || '…' ELSE a.v END
                                ORDER BY a.n)
      INTO args FROM pg_catalog.unnest(p_args) WITH ORDINALITY AS a(v, n);
    RAISE EXCEPTION USING
        ERRCODE = m.sqlstate,
        MESSAGE = pg_catalog.format(CASE WHEN fr THEN m.text_fr ELSE m.text_en END, VARIADIC COALESCE(args, '{}')),
        HINT    = pg_catalog.format(CASE WHEN fr THEN m.hint_fr ELSE m.hint_en END, VARIADIC COALESCE(args, '{}'));
END
$$;
COMMENT ON FUNCTION atelier.raise(text, text[]) IS
    'raises the error atelier.message names by key, in the session''s language, with its SQLSTATE and hint; an argument longer than 200 characters is cut there';
