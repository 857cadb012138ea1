#!/usr/bin/env bash
# Starts the services some tests need (PostgreSQL). Idempotent; safe to run on a machine that has them.
set -euo pipefail
if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
ver=$(ls /usr/lib/postgresql | sort -n | tail -1)
pg_ctlcluster "$ver" main start 2>/dev/null || true
for i in $(seq 1 30); do pg_isready -q && break; sleep 1; done
su postgres -c "psql -tAc \"SELECT 1 FROM pg_roles WHERE rolname='arbor'\"" | grep -q 1 || \
  su postgres -c "psql -c \"CREATE ROLE arbor LOGIN SUPERUSER PASSWORD 'arbor'\""
su postgres -c "psql -tAc \"SELECT 1 FROM pg_database WHERE datname='arbor_test'\"" | grep -q 1 || \
  su postgres -c "createdb -O arbor arbor_test"
echo "postgres ready: postgres://arbor:arbor@127.0.0.1:5432/arbor_test"
