-- The rights of the application role (every PC's kiosk, console and display) and of the web
-- service's role on a Loket PostgreSQL database. Run as the owner role after every
-- `loket-db init` / `upgrade` (deploy/postgres-setup.sh does both):
--   psql -v app=loket_app -v web=loket_web -f db/postgres_grants.sql "postgresql://loket_owner@server/loket"
-- The application role reads the queue and makes queue changes, but cannot change the schema,
-- rewrite or delete audit records, or change or delete ticket events. The web role reads the
-- queue its pages show and adds complaints and survey answers (and their audit records),
-- nothing else: no bookings, officers, print jobs, complaint texts or contacts, and of the
-- audit log only the newest record's seal, which a new record chains onto.

REVOKE ALL ON ALL TABLES IN SCHEMA public FROM :"app", :"web";
REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM :"app", :"web";
REVOKE CREATE ON SCHEMA public FROM PUBLIC, :"app", :"web";
GRANT USAGE ON SCHEMA public TO :"app", :"web";

GRANT SELECT ON ALL TABLES IN SCHEMA public TO :"app";
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO :"app";

-- Queue state that the operations change.
GRANT INSERT, UPDATE ON tickets, counters, number_series, print_jobs, kiosk_heartbeats,
    quota_overrides, quota_counters, complaints, survey_responses, bookings, officers TO :"app";

-- A supervisor's changes to the coming days: made, changed and cleared (the audit log keeps
-- who did what).
GRANT INSERT, UPDATE, DELETE ON day_overrides TO :"app";

-- History: added to, never changed or removed.
GRANT INSERT ON ticket_events, audit_log TO :"app";

-- The web service (web/). What its pages read: the schema's version (it refuses to start on
-- another), today's tickets and their events (ticket pages, the calling display), the
-- counters, the quota overrides and the supervisors' changes of the days (the today page).
GRANT SELECT ON alembic_version, tickets, ticket_events, counters, quota_overrides,
    day_overrides TO :"web";
-- What it adds: phone survey answers and complaints, each with its audit record. Of those
-- tables it reads only what adding needs: whether a ticket was rated, the day's count of
-- complaints (the receipt number), the audit log's newest seal, and the new rows' ids.
GRANT SELECT (id, ticket_id) ON survey_responses TO :"web";
GRANT SELECT (id, business_day) ON complaints TO :"web";
GRANT SELECT (id, hash, events_upto) ON audit_log TO :"web";
GRANT INSERT ON survey_responses, complaints, audit_log TO :"web";
GRANT USAGE ON SEQUENCE survey_responses_id_seq, complaints_id_seq, audit_log_id_seq TO :"web";
