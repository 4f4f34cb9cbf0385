-- SPDX-License-Identifier: LGPL-2.1-or-later
-- Which sites a staff member may act for, asked of the database so that every front
-- end offers the sites atelier.require_site then accepts (atelier.may_act_at).

CREATE FUNCTION atelier.my_sites(p_token uuid)
RETURNS TABLE (code text, name text)
LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    actor atelier.staff := atelier.actor(p_token);
BEGIN
    RETURN QUERY
    SELECT s.code::text, s.name::text
      FROM atelier.site s
     WHERE s.active AND atelier.may_act_at(actor, s.id)
     ORDER BY s.code;
END
$$;
COMMENT ON FUNCTION atelier.my_sites(uuid) IS
    'the active sites the staff member behind this session may act for, by code: all of them for a coordinator or an administrator, the sites they work for otherwise';
GRANT EXECUTE ON FUNCTION atelier.my_sites(uuid) TO atelier_librarian;
