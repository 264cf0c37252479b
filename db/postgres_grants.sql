-- The rights of the application role (every PC's kiosk, console and display) and of the web
-- service's role on a Loket PostgreSQL database. Run as the owner role after every
-- `loket-db init` / `upgrade` (deploy/postgres-setup.sh does both):
--   psql -v app=loket_app -v web=loket_web -f db/postgres_grants.sql "postgresql://loket_owner@server/loket"
-- The application role reads the queue and makes queue changes, but cannot change the schema,
-- rewrite or delete audit records, or change or delete ticket events. The web role reads and
-- adds complaints and survey answers (and their audit records), nothing else.

REVOKE ALL ON ALL TABLES IN SCHEMA public FROM :"app", :"web";
REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM :"app", :"web";
REVOKE CREATE ON SCHEMA public FROM PUBLIC, :"app", :"web";
GRANT USAGE ON SCHEMA public TO :"app", :"web";

GRANT SELECT ON ALL TABLES IN SCHEMA public TO :"app", :"web";
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO :"app", :"web";

-- Queue state that the operations change.
GRANT INSERT, UPDATE ON tickets, counters, number_series, print_jobs, kiosk_heartbeats,
    quota_overrides, quota_counters, complaints, survey_responses, bookings, officers TO :"app";

-- A supervisor's changes to the coming days: made, changed and cleared (the audit log keeps
-- who did what).
GRANT INSERT, UPDATE, DELETE ON day_overrides TO :"app";

-- History: added to, never changed or removed.
GRANT INSERT ON ticket_events, audit_log TO :"app";

-- The web service: phone survey answers and complaints, with their audit records.
GRANT INSERT ON complaints, survey_responses, audit_log TO :"web";
