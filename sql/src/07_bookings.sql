-- SPDX-License-Identifier: LGPL-2.1-or-later
-- Workstation bookings: the exclusion constraint is the one guard against double booking.

CREATE TABLE atelier.booking (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    workstation_id bigint NOT NULL REFERENCES atelier.workstation,
    during         atelier.during NOT NULL,
    session_id     bigint REFERENCES atelier.session,
    person_id      bigint REFERENCES atelier.person,
    booked_by      bigint REFERENCES atelier.staff,
    created_at     timestamptz NOT NULL DEFAULT pg_catalog.now(),
    cancelled_at   timestamptz,
    CHECK (pg_catalog.num_nonnulls(session_id, person_id) = 1),
    CONSTRAINT booking_no_overlap EXCLUDE USING gist (workstation_id WITH =, during WITH &&)
        WHERE (cancelled_at IS NULL)
);
COMMENT ON TABLE atelier.booking IS
    'a PC reserved for a workshop session or for one person; never two live bookings of one PC at overlapping times (adjacent ranges are fine)';
SELECT atelier.dump_with_extension('atelier.booking');
COMMENT ON CONSTRAINT booking_no_overlap ON atelier.booking IS
    'the guard against double booking: a concurrent overlapping insert waits, then fails with SQLSTATE 23P01';
CREATE INDEX booking_session_idx ON atelier.booking (session_id) WHERE session_id IS NOT NULL;
COMMENT ON INDEX atelier.booking_session_idx IS 'finds the PCs booked for a session';
