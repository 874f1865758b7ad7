#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL server:
#
#   scripts/with-postgres.sh CMD [ARG…]
#
# Creates a cluster in a temporary folder, starts it listening on a Unix socket in that folder
# only (no TCP port, so nothing can clash with another server on the machine), creates the
# database `samskab`, runs CMD with DATABASE_URL pointing at it, then stops the server and
# removes the folder — also when CMD fails or the script is interrupted. Exits with CMD's status.
#
# PostgreSQL refuses to run as root: as root the cluster belongs to the `postgres` user that
# Debian's package creates (or `nobody`); otherwise to the calling user. The server binaries are
# taken from PG_BINDIR, else from the newest /usr/lib/postgresql/*/bin (Debian's layout), else
# from PATH.
set -euo pipefail

if [ $# -eq 0 ]; then
  echo "usage: $0 CMD [ARG…]" >&2
  exit 2
fi

bindir="${PG_BINDIR:-}"
if [ -z "$bindir" ]; then
  bindir="$(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -name bin -type d 2>/dev/null | sort -V | tail -n 1)"
fi
if [ -z "$bindir" ] && command -v initdb >/dev/null 2>&1; then
  bindir="$(dirname "$(command -v initdb)")"
fi
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ] || [ ! -x "$bindir/pg_ctl" ]; then
  echo "$0: PostgreSQL's server (initdb, pg_ctl) was not found; install Debian's postgresql" \
    "package (scripts/install-system-deps.sh does) or set PG_BINDIR." >&2
  exit 1
fi

as_owner=()
if [ "$(id -u)" -eq 0 ]; then
  owner=postgres
  id -u "$owner" >/dev/null 2>&1 || owner=nobody
  as_owner=(runuser -u "$owner" --)
fi

# A short path: a Unix socket's path may be at most 107 bytes long.
tmp="$(mktemp -d /tmp/samskab-pg.XXXXXX)"
data="$tmp/data"
log="$tmp/server.log"
started=0

cleanup() {
  local status=$?
  if [ "$started" -eq 1 ]; then
    "${as_owner[@]}" "$bindir/pg_ctl" -D "$data" -m fast -w stop >/dev/null 2>&1 ||
      "${as_owner[@]}" "$bindir/pg_ctl" -D "$data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$tmp"
  return "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if [ "${#as_owner[@]}" -gt 0 ]; then
  chown "$owner" "$tmp"
fi
chmod 700 "$tmp"

"${as_owner[@]}" "$bindir/initdb" -D "$data" -U samskab --auth=trust -E UTF8 --locale=C \
  --no-sync >"$tmp/initdb.log" 2>&1 || {
  cat "$tmp/initdb.log" >&2
  exit 1
}

# A test server: durability is of no use here, speed is.
if ! "${as_owner[@]}" "$bindir/pg_ctl" -D "$data" -l "$log" -w -t 60 start -o \
  "-c listen_addresses='' -c unix_socket_directories='$tmp' -c fsync=off \
   -c synchronous_commit=off -c full_page_writes=off -c max_connections=50" >/dev/null; then
  echo "$0: PostgreSQL did not start:" >&2
  cat "$log" >&2 || true
  exit 1
fi
started=1

"${as_owner[@]}" "$bindir/createdb" -h "$tmp" -U samskab samskab

# The socket folder as the URL's host, percent-encoded; the cluster's folder and binaries for a
# command that restarts the server (benchmarks/resilience.py).
export DATABASE_URL="postgres://samskab@${tmp//\//%2F}/samskab"
export PGDATA="$data" PG_BINDIR="$bindir"
echo "PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on $tmp (socket only)" >&2

status=0
"$@" || status=$?
exit "$status"
