-- The rights of the application role (every PC's apps) on a Loket PostgreSQL database.
-- Run as the owner role, after `loket-db init` (migrations run as the owner only):
--   psql -v app=loket_app -f db/postgres_grants.sql "postgresql://loket_owner@server/loket"
-- The application role can read the queue and make queue changes, but cannot change the
-- schema, rewrite or delete audit records, or delete ticket events.

REVOKE ALL ON ALL TABLES IN SCHEMA public FROM :"app";
REVOKE CREATE ON SCHEMA public FROM :"app";
GRANT USAGE ON SCHEMA public TO :"app";

GRANT SELECT ON ALL TABLES IN SCHEMA public TO :"app";
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO :"app";

-- Queue state that the operations change.
GRANT INSERT, UPDATE ON tickets, counters, number_series, print_jobs, kiosk_heartbeats,
    quota_overrides, quota_counters, complaints, survey_responses TO :"app";
GRANT INSERT, UPDATE ON bookings TO :"app";
GRANT INSERT, UPDATE ON officers TO :"app";

-- History: added to, never changed or removed.
GRANT INSERT ON ticket_events, audit_log TO :"app";
