#!/usr/bin/env bash
# Debian packages and services the tests need: a PostgreSQL server (the store tests run against it as well as
# against embedded PGlite) and Chromium (the HTML report is opened in it). Idempotent: safe to run again.
# Prints the test database URL on its last line.
set -euo pipefail

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi
}

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || need+=(postgresql)
if [ "${#need[@]}" -gt 0 ]; then
  echo "installing ${need[*]} with apt-get" >&2
  $SUDO apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >&2
fi

version="$(ls /usr/lib/postgresql | sort -n | tail -1)"
if ! pg_lsclusters -h 2>/dev/null | grep -q "^$version main"; then
  $SUDO pg_createcluster "$version" main >&2
fi
if ! pg_lsclusters -h | grep -q "^$version main .* online"; then
  $SUDO pg_ctlcluster "$version" main start >&2
fi
port="$(pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" { print $3 }')"
as_postgres psql -q -p "$port" -v ON_ERROR_STOP=1 >&2 <<'SQL'
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'steward_ci') THEN
    CREATE ROLE steward_ci LOGIN CREATEDB PASSWORD 'steward_ci';
  END IF;
END
$$;
SQL
if ! as_postgres psql -p "$port" -tAc "SELECT 1 FROM pg_database WHERE datname = 'steward_ci'" | grep -q 1; then
  as_postgres createdb -p "$port" -O steward_ci steward_ci >&2
fi
echo "postgres://steward_ci:steward_ci@127.0.0.1:${port}/steward_ci"
