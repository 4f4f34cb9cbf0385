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

CREATE DOMAIN atelier.time_zone AS text
    CHECK (atelier.is_time_zone(VALUE));
COMMENT ON DOMAIN atelier.time_zone IS 'an IANA time zone name known to the server';

CREATE DOMAIN atelier.pseudonym AS text
    CHECK (VALUE ~ '^[0-9a-f]{64}$');
COMMENT ON DOMAIN atelier.pseudonym IS
    'a person''s pseudonymous key: lowercase hex of HMAC-SHA-256(secret, host patron id or login), computed by the client; the database never sees the secret';

CREATE DOMAIN atelier.code AS text
    CHECK (VALUE ~ '^[A-Za-z0-9][A-Za-z0-9._-]*$' AND pg_catalog.length(VALUE) <= 64);
COMMENT ON DOMAIN atelier.code IS
    'a short stable identifier chosen by the host (site code, room code, workshop code, term code)';

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
    m   atelier.message;
    fr  boolean := atelier.lang() = 'fr';
BEGIN
    SELECT * INTO m FROM atelier.message WHERE key = p_key;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'atelier: no message for key %', p_key;
    END IF;
    RAISE EXCEPTION USING
        ERRCODE = m.sqlstate,
        MESSAGE = pg_catalog.format(CASE WHEN fr THEN m.text_fr ELSE m.text_en END, VARIADIC p_args),
        HINT    = pg_catalog.format(CASE WHEN fr THEN m.hint_fr ELSE m.hint_en END, VARIADIC p_args);
END
$$;
COMMENT ON FUNCTION atelier.raise(text, text[]) IS
    'raises the error atelier.message names by key, in the session''s language, with its SQLSTATE and hint';
