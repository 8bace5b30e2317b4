#!/usr/bin/env bash
# Makes sure a PostgreSQL server runs locally and has the login role Odoo uses.
# Installs Debian's postgresql when it is absent and starts the cluster when it is down.
set -euo pipefail
DB_USER="${DB_USER:-qnetz}"
DB_PASSWORD="${DB_PASSWORD:-qnetz}"
DB_PORT="${DB_PORT:-5432}"

die() { echo "error: $*" >&2; exit 1; }
as_root() {
    if [ "$(id -u)" = 0 ]; then "$@"
    elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo -n "$@"
    else die "PostgreSQL needs setting up ('$*'), which needs root or password-less sudo."
    fi
}
as_postgres() { as_root runuser -u postgres -- "$@"; }

"$(dirname "$0")/install_debian_package.sh" pg_lsclusters postgresql

cluster="$(pg_lsclusters --no-header | awk -v port="$DB_PORT" '$3 == port {print $1 " " $2; exit}')"
if [ -z "$cluster" ]; then
    version="$(ls /usr/lib/postgresql | sort -n | tail -1)"
    [ -n "$version" ] || die "no PostgreSQL server binaries under /usr/lib/postgresql."
    echo "Creating PostgreSQL cluster $version/main on port $DB_PORT ..."
    as_root pg_createcluster --port "$DB_PORT" "$version" main >/dev/null
    cluster="$version main"
fi
set -- $cluster
if ! pg_lsclusters --no-header | awk -v v="$1" -v n="$2" '$1 == v && $2 == n && $4 ~ /online/ {found=1} END {exit !found}'; then
    echo "Starting PostgreSQL $1/$2 ..."
    as_root pg_ctlcluster "$1" "$2" start \
        || die "PostgreSQL $1/$2 did not start; see /var/log/postgresql/postgresql-$1-$2.log"
fi
for _ in $(seq 1 30); do
    pg_isready -q -h localhost -p "$DB_PORT" && break
    sleep 1
done
pg_isready -q -h localhost -p "$DB_PORT" || die "PostgreSQL does not answer on localhost:$DB_PORT."

# Odoo refuses to run as the 'postgres' superuser; it gets a role of its own that may create databases.
if [ "$(as_postgres psql -p "$DB_PORT" -tAc "SELECT 1 FROM pg_roles WHERE rolname = '$DB_USER'")" != 1 ]; then
    echo "Creating database role $DB_USER ..."
    as_postgres psql -q -p "$DB_PORT" -c "CREATE ROLE \"$DB_USER\" LOGIN CREATEDB PASSWORD '$DB_PASSWORD'"
fi
