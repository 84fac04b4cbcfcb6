#!/usr/bin/env bash
# Throwaway PostgreSQL server for tests and for generating PostgreSQL migrations.
# Trust auth (no password), listens on 127.0.0.1 only, Unix socket inside the data dir.
#
#   bin/pg-test-server.sh DIR PORT   start (initdb first if DIR holds no cluster); does nothing if a
#                                    server already accepts connections on 127.0.0.1:PORT.
#                                    Last line of output: postgresql://postgres@127.0.0.1:PORT/postgres
#   bin/pg-test-server.sh stop DIR   stop the server whose data dir is DIR
#
# As root, server commands run as the `postgres` user (PostgreSQL refuses to run as root); DIR is
# created and handed to that user. Otherwise they run as the current user.
# PostgreSQL binaries: $PG_BIN, else the newest /usr/lib/postgresql/*/bin (Debian), else `pg_config --bindir`.
set -euo pipefail

usage() { echo "usage: $0 DIR PORT | $0 stop DIR" >&2; exit 2; }
die() { echo "pg-test-server: $*" >&2; exit 1; }

pg_bin() {
  if [ -n "${PG_BIN:-}" ]; then echo "$PG_BIN"; return; fi
  local d
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -n "$d" ]; then echo "$d"; return; fi
  if command -v pg_config >/dev/null 2>&1; then pg_config --bindir; return; fi
  die "no PostgreSQL binaries found (apt-get install -y postgresql, or set PG_BIN)"
}

# Run a command as the server's owner: the postgres user when we are root, else ourselves.
as_owner() {
  if [ "$(id -u)" -ne 0 ]; then "$@"; return; fi
  if command -v runuser >/dev/null 2>&1; then
    runuser -u postgres -- "$@"
  else
    su -s /bin/sh postgres -c "$(printf '%q ' "$@")"
  fi
}

[ $# -eq 2 ] || usage
BIN=$(pg_bin)
[ -x "$BIN/pg_ctl" ] || die "$BIN/pg_ctl not found"

if [ "$1" = stop ]; then
  dir=$(realpath -m "$2")
  if [ -f "$dir/postmaster.pid" ] && as_owner "$BIN/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
    as_owner "$BIN/pg_ctl" -D "$dir" -m fast -w -t 60 stop
  else
    echo "no server running in $dir"
  fi
  exit 0
fi

dir=$(realpath -m "$1")
port=$2
case "$port" in ''|*[!0-9]*) die "PORT must be a number, got '$port'";; esac
url="postgresql://postgres@127.0.0.1:$port/postgres"

if "$BIN/pg_isready" -q -h 127.0.0.1 -p "$port" -t 2; then
  echo "a server already accepts connections on 127.0.0.1:$port; leaving it alone"
  echo "$url"
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  id postgres >/dev/null 2>&1 || die "running as root but there is no postgres user"
  mkdir -p "$dir"
  chown postgres: "$dir"
  as_owner test -w "$dir" -a -x "$dir" || die "user postgres cannot use $dir (check the parent directories' permissions)"
else
  mkdir -p "$dir"
fi
chmod 700 "$dir"
# The Unix socket lives in the data dir; its path must fit in sun_path (107 bytes).
[ ${#dir} -le 90 ] || die "data dir path too long for a Unix socket: $dir"

if [ ! -f "$dir/PG_VERSION" ]; then
  [ -z "$(ls -A "$dir")" ] || die "$dir is neither empty nor a PostgreSQL data dir"
  log=$(mktemp)
  as_owner "$BIN/initdb" -D "$dir" -U postgres --auth=trust -E UTF8 --no-locale >"$log" 2>&1 \
    || { cat "$log" >&2; rm -f "$log"; die "initdb failed"; }
  rm -f "$log"
  cat >>"$dir/postgresql.conf" <<EOF

# pg-test-server.sh: throwaway test server, loopback only
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir'
fsync = off
synchronous_commit = off
full_page_writes = off
EOF
fi

if as_owner "$BIN/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
  die "the server in $dir is running but does not accept connections on 127.0.0.1:$port (another port?)"
fi

# Command-line options win over postgresql.conf, so PORT applies even to an existing cluster.
as_owner "$BIN/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 60 \
  -o "-h 127.0.0.1 -p $port -k '$dir'" start >/dev/null \
  || { tail -n 20 "$dir/server.log" >&2 || true; die "pg_ctl start failed"; }
"$BIN/pg_isready" -q -h 127.0.0.1 -p "$port" -t 10 || die "server started but does not answer on 127.0.0.1:$port"
echo "PostgreSQL $("$BIN/postgres" --version | awk '{print $3}') running in $dir (log: $dir/server.log)"
echo "$url"
