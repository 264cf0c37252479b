#!/usr/bin/env bash
# Create the PostgreSQL role and database Loket uses when several PCs share one queue.
#   sudo bash deploy/postgres-setup.sh [ROLE] [DATABASE]
# Prints the database URL to put in /etc/loket/environment as LOKET_DATABASE_URL.
set -euo pipefail
role="${1:-loket}"
database="${2:-loket}"
password="$(head -c 18 /dev/urandom | base64 | tr -d '/+=')"
runuser -u postgres -- psql -v ON_ERROR_STOP=1 -q <<SQL
DO \$\$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${role}') THEN
    CREATE ROLE "${role}" LOGIN PASSWORD '${password}';
  ELSE
    ALTER ROLE "${role}" LOGIN PASSWORD '${password}';
  END IF;
END
\$\$;
SQL
if ! runuser -u postgres -- psql -tAc "SELECT 1 FROM pg_database WHERE datname = '${database}'" | grep -q 1; then
  runuser -u postgres -- createdb -O "${role}" "${database}"
fi
echo "LOKET_DATABASE_URL=postgresql+psycopg://${role}:${password}@$(hostname -f)/${database}"
