-- SPDX-License-Identifier: LGPL-2.1-or-later
-- atelier 1.0: workshops, PC bookings, helpdesk tickets and public-PC usage.
-- Built from sql/src/*.sql in name order; edit the parts, not the built script.
\echo Use "CREATE EXTENSION atelier" to load this file. \quit
