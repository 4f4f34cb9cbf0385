-- SPDX-License-Identifier: LGPL-2.1-or-later
-- Group roles. Roles are cluster-wide, so they are created only when missing and
-- survive DROP EXTENSION (other databases of the cluster may use them).
--
-- Trusted services: the host system and a desk server (atelier-web) authenticate
-- staff themselves, so a member may open a staff session for any staff login.  Any
-- other login opens one only for itself (atelier.staff_session_open): a staff
-- member's own database role, authenticated by PostgreSQL (pg_hba.conf: pam, ldap).
-- The host system's role is trusted with the staff list already (staff_upsert), so
-- atelier_admin is a member; a desk PC's shared login must not be.
DO $roles$
DECLARE
    r    text;
    pair text[];
BEGIN
    FOREACH r IN ARRAY ARRAY['atelier_admin', 'atelier_librarian', 'atelier_workstation',
                             'atelier_reporter', 'atelier_owner', 'atelier_service'] LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = r) THEN
            EXECUTE pg_catalog.format('CREATE ROLE %I NOLOGIN', r);
        END IF;
    END LOOP;
    -- (role, its member): a librarian reads the month's figures; an administrator does
    -- all a librarian does; a trusted service acts at the desk, and the host system is one.
    FOREACH pair SLICE 1 IN ARRAY ARRAY[['atelier_reporter', 'atelier_librarian'],
                                        ['atelier_librarian', 'atelier_admin'],
                                        ['atelier_librarian', 'atelier_service'],
                                        ['atelier_service', 'atelier_admin']] LOOP
        IF NOT pg_catalog.pg_has_role(pair[2], pair[1], 'MEMBER') THEN
            EXECUTE pg_catalog.format('GRANT %I TO %I', pair[1], pair[2]);
        END IF;
    END LOOP;
END
$roles$;

COMMENT ON ROLE atelier_admin IS
    'atelier: the host system''s role: syncs sites, rooms, workstations, staff, people and vocabularies; member of atelier_librarian';
COMMENT ON ROLE atelier_librarian IS
    'atelier: the desk library''s role: opens staff sessions after PAM login, then tickets, workshops, bookings, enrolments';
COMMENT ON ROLE atelier_workstation IS
    'atelier: public workstations: may only record usage events and check whether a login may use a PC';
COMMENT ON ROLE atelier_owner IS
    'atelier: owns schema atelier and everything in it, and nothing else; the SECURITY DEFINER functions run as it. No login, member of no role and no role is its member (sql/src/89_owner.sql)';
COMMENT ON ROLE atelier_reporter IS
    'atelier: reads monthly figures and reference lists, nothing personal';
COMMENT ON ROLE atelier_service IS
    'atelier: trusted services (the host system, a desk server) that authenticate staff themselves: may open a staff session for any staff login; member of atelier_librarian';

-- Owned by atelier_owner, as everything in it (89_owner.sql), before its first GRANT.
ALTER SCHEMA atelier OWNER TO atelier_owner;
GRANT USAGE ON SCHEMA atelier TO atelier_admin, atelier_librarian,
    atelier_workstation, atelier_reporter;
COMMENT ON SCHEMA atelier IS
    'atelier: workshops, PC bookings, helpdesk tickets and public-PC usage for libraries';
