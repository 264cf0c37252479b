#!/usr/bin/env bash
# The PostgreSQL database of an office where several PCs share one queue, and its three roles:
#   <prefix>_owner  owns the database and its tables; runs `loket-db init` / `upgrade`, backups
#                   and restores, and may create a database (the restore drill's throwaway one)
#   <prefix>_app    every PC's kiosk, console and display: queue changes, no schema changes,
#                   audit records and ticket events added to only
#   <prefix>_web    the web service: reads the queue its pages show, adds complaints and
#                   survey answers only
#
#   sudo bash deploy/postgres-setup.sh [--rotate-password] [--database NAME] [--prefix NAME]
#                                      [--subnet CIDR] [--host NAME] [--ca-file FILE]
#
# --host: the name (or address) the PCs reach the server by (default: this PC's address);
# --ca-file: the office CA's certificate on the PCs, e.g. /etc/loket/office-ca.crt: the PCs'
# URLs then end in ?sslmode=verify-full&sslrootcert=FILE (docs/deployment.md, "Encrypted
# connections").
# Safe to run again (after every upgrade, to grant the rights on new tables): a role keeps its
# password unless --rotate-password is given, and the PCs' URLs keep their host name and TLS
# options unless --host or --ca-file is given. The URLs are written (quoted, for systemd and
# for the shell alike), never printed with their password, to
#   /etc/loket/owner.environment  (0600 root)        the owner's, for loket-db on the server
#                                                    (through the loopback address)
#   /etc/loket/environment        (0640 root:loket)  the app role's: copy to every PC
#   /etc/loket/web.environment    (0640 root:loket)  the web role's
# Overrides (for a server that is not the local default): LOKET_PG_ADMIN (a superuser
# connection string for psql; default: the local server as the postgres user),
# LOKET_PG_HOST (as --host), LOKET_PG_PORT (the port the PCs use), LOKET_PG_LOCAL_HOST (the
# address this script and the owner's commands use: 127.0.0.1, which Debian's pg_hba.conf
# lets in before the server listens on the network; with LOKET_PG_ADMIN, the PCs' host),
# LOKET_ETC (instead of /etc/loket), LOKET_DB (the loket-db command; default
# /opt/loket/.venv/bin/loket-db).
set -euo pipefail

rotate=0
database=loket
prefix=loket
subnet=""
pc_host="${LOKET_PG_HOST:-}"
ca_file=""
while [ $# -gt 0 ]; do
  case "$1" in
    --rotate-password) rotate=1 ;;
    --database) database="$2"; shift ;;
    --prefix) prefix="$2"; shift ;;
    --subnet) subnet="$2"; shift ;;
    --host) pc_host="$2"; shift ;;
    --ca-file) ca_file="$2"; shift ;;
    -h|--help) sed -n '2,31p' "$0"; exit 0 ;;
    *) echo "postgres-setup: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
for name in "$database" "$prefix"; do
  if ! [[ "$name" =~ ^[a-z_][a-z0-9_]*$ ]]; then
    echo "postgres-setup: '$name' is not a plain lower-case name" >&2
    exit 2
  fi
done

here="$(cd "$(dirname "$0")" && pwd)"
grants="$here/../db/postgres_grants.sql"
etc="${LOKET_ETC:-/etc/loket}"
loket_db="${LOKET_DB:-/opt/loket/.venv/bin/loket-db}"
owner="${prefix}_owner" app="${prefix}_app" web="${prefix}_web"

psql_admin() {
  if [ -n "${LOKET_PG_ADMIN:-}" ]; then
    psql "$LOKET_PG_ADMIN" -v ON_ERROR_STOP=1 -qtA "$@"
  else
    runuser -u postgres -- psql -v ON_ERROR_STOP=1 -qtA "$@"
  fi
}

group=root
if getent group loket >/dev/null; then group=loket; fi
# Readable by the group only (a folder made before is left as it is).
if [ ! -d "$etc" ]; then
  install -d -m 0750 "$etc"
  chgrp "$group" "$etc" 2>/dev/null || true
fi

# The URL in a role's environment file (quoted or not), if any.
url_in() {
  [ -f "$1" ] || return 0
  sed -n "s|^LOKET_DATABASE_URL=['\"]\{0,1\}\([^'\"]*\)['\"]\{0,1\}\$|\1|p" "$1" | head -n 1
}
# The password a role has in its environment file, if any.
known_password() {
  url_in "$1" | sed -n 's|^postgresql+psycopg://[^:]*:\([^@]*\)@.*|\1|p'
}

# The PCs' host and TLS options: as given, else as the PCs' file has them, else this PC's
# address and none.
pc_url="$(url_in "$etc/environment")"
if [ -z "$pc_host" ] && [ -n "$pc_url" ]; then
  pc_host="$(sed -n 's|^[^@]*@\([^:/?]*\).*|\1|p' <<<"$pc_url")"
fi
host="${pc_host:-$(hostname -I 2>/dev/null | awk '{print $1}')}"
host="${host:-$(hostname -f)}"
options=""
if [ -n "$ca_file" ]; then
  options="?sslmode=verify-full&sslrootcert=$ca_file"
elif [[ "$pc_url" == *\?* ]]; then
  options="?${pc_url#*\?}"
fi
if [ -n "${LOKET_PG_ADMIN:-}" ]; then
  local_host="${LOKET_PG_LOCAL_HOST:-$host}"
else
  local_host="${LOKET_PG_LOCAL_HOST:-127.0.0.1}"
fi
port="${LOKET_PG_PORT:-$(psql_admin -c 'SHOW port')}"

# ROLE FILE MODE GROUP HOST OPTIONS: the role exists with a password the file holds.
ensure_role() {
  local role="$1" file="$2" mode="$3" password exists
  password="$(known_password "$file")"
  exists="$(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname = '$role'")"
  if [ -z "$password" ] || [ "$rotate" = 1 ] || [ -z "$exists" ]; then
    password="$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 30)"
    # The password goes to psql on its standard input, never on a command line.
    if [ -z "$exists" ]; then
      psql_admin <<<"CREATE ROLE \"$role\" LOGIN PASSWORD '$password';"
      echo "role $role created"
    else
      psql_admin <<<"ALTER ROLE \"$role\" LOGIN PASSWORD '$password';"
      echo "role $role: new password"
    fi
  else
    echo "role $role exists; password kept (--rotate-password to change it)"
  fi
  local tmp
  tmp="$(mktemp "$etc/.env.XXXXXX")"
  chmod "$mode" "$tmp"
  printf "LOKET_DATABASE_URL='postgresql+psycopg://%s:%s@%s:%s/%s%s'\n" \
    "$role" "$password" "$5" "$port" "$database" "$6" >"$tmp"
  chown "root:$4" "$tmp" 2>/dev/null || true
  mv -f "$tmp" "$file"
}

ensure_role "$owner" "$etc/owner.environment" 0600 root "$local_host" ""
ensure_role "$app" "$etc/environment" 0640 "$group" "$host" "$options"
ensure_role "$web" "$etc/web.environment" 0640 "$group" "$host" "$options"
# `loket-db restore --check` restores a backup into a throwaway database of the owner's.
psql_admin -c "ALTER ROLE \"$owner\" CREATEDB"

if [ -z "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = '$database'")" ]; then
  psql_admin -c "CREATE DATABASE \"$database\" OWNER \"$owner\""
  echo "database $database created"
fi
psql_admin -c "REVOKE ALL ON DATABASE \"$database\" FROM PUBLIC" \
  -c "GRANT CONNECT ON DATABASE \"$database\" TO \"$app\", \"$web\""

owner_url="$(url_in "$etc/owner.environment")"
if [ -x "$loket_db" ] || command -v "${loket_db%% *}" >/dev/null 2>&1; then
  # The tables, as the owner (its URL in the environment, not on a command line).
  LOKET_DATABASE_URL="$owner_url" $loket_db init
  # psql reads the owner's password from a private password file.
  passfile="$(mktemp)"
  trap 'rm -f "$passfile"' EXIT
  printf '*:*:*:%s:%s\n' "$owner" "$(known_password "$etc/owner.environment")" >"$passfile"
  PGPASSFILE="$passfile" psql "postgresql://$owner@$local_host:$port/$database" \
    -v ON_ERROR_STOP=1 -q -v app="$app" -v web="$web" -f "$grants"
  echo "rights granted to $app and $web"
else
  echo "loket-db not found at $loket_db: install Loket, then run this script again"
fi

cat <<EOF

Done. Database $database on $host:$port.
  every PC:        copy $etc/environment to /etc/loket/environment (mode 0640, group loket)
  web service:     $etc/web.environment
  server commands: $etc/owner.environment (loket-db upgrade, backups)

For the other PCs to reach this server, in postgresql.conf:
  listen_addresses = '*'
and in pg_hba.conf (then: systemctl restart postgresql; a reload does not apply
listen_addresses):
  hostssl $database $app,$web ${subnet:-192.168.1.0/24} scram-sha-256
Open TCP port $port on the server's firewall to the office network only (and 9100 from the
kiosks to network printers). TLS: see docs/deployment.md, "Encrypted connections".
EOF
