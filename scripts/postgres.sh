#!/usr/bin/env bash
# A private PostgreSQL server for Orleans.Tuning: clustering, grain state, reminders and the study tables.
#
# Usage: scripts/postgres.sh start|stop|apply|status|url
#   start   install Debian's postgresql if its binaries are missing (root only), create and start our
#           own server (never the system `main` cluster), create database orleans_tuning, apply the
#           schema. Already running: says so and only applies the schema.
#   apply   run deploy/sql/*.sql in name order with psql (ON_ERROR_STOP, one transaction a file).
#           Idempotent: a second run changes nothing.
#   stop    fast shutdown of OUR server (found by its data folder), waiting until it is down.
#   status  prints whether it runs; exit 0 running, 3 not running.
#   url     prints the Npgsql connection string.
#
# Environment:
#   TUNING_PG_DIR   the server's folder (default: <repo>/.postgres). Holds data/ (PGDATA),
#                   server.log and the unix socket.
#   TUNING_PG_PORT  TCP port on 127.0.0.1 (default 55432). Read when starting; a running server's
#                   real port is taken from its postmaster.pid by apply/url/status.
#   TUNING_PG_BIN   PostgreSQL bin folder (default: the highest /usr/lib/postgresql/*/bin).
#
# Server: listens on 127.0.0.1 only, trust authentication (no password) for local socket and
# 127.0.0.1, superuser `postgres`, max_connections=300.
#
# Where the data lives (the folder must be reachable by the OS user running the server):
#   - not root: the server runs as the current user in TUNING_PG_DIR.
#   - root: PostgreSQL refuses to run as root, so the server runs as the `postgres` user (runuser)
#     and the folder is owned by it. If `postgres` cannot reach TUNING_PG_DIR (a parent folder
#     without o+x, e.g. a clone under /root), or the socket path would be too long for a unix
#     socket, the data goes to /tmp/orleans-tuning-pg-<hash of TUNING_PG_DIR> instead and
#     TUNING_PG_DIR becomes a symlink to it. We never change permissions of folders we did not
#     create. Later runs follow the symlink; if /tmp was wiped, start makes a fresh server there.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SQL_DIR="$REPO/deploy/sql"
DB_NAME="orleans_tuning"
DB_USER="postgres"
DEFAULT_PORT=55432
WANT_DIR="${TUNING_PG_DIR:-$REPO/.postgres}"
case "$WANT_DIR" in /*) ;; *) WANT_DIR="$PWD/$WANT_DIR" ;; esac
WANT_DIR="${WANT_DIR%/}"
PORT="${TUNING_PG_PORT:-$DEFAULT_PORT}"

say() { echo "postgres.sh: $*"; }
die() { echo "postgres.sh: error: $*" >&2; exit 1; }

is_root() { [ "$(id -u)" -eq 0 ]; }

# Runs a command as the server's OS user.
as_server_user() {
  if is_root; then runuser -u postgres -- "$@"; else "$@"; fi
}

find_bin() {
  if [ -n "${TUNING_PG_BIN:-}" ]; then
    [ -x "$TUNING_PG_BIN/pg_ctl" ] || die "TUNING_PG_BIN=$TUNING_PG_BIN has no pg_ctl"
    echo "$TUNING_PG_BIN"; return 0
  fi
  local d
  d="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  if [ -n "$d" ] && [ -x "$d/pg_ctl" ] && [ -x "$d/initdb" ] && [ -x "$d/psql" ]; then
    echo "$d"; return 0
  fi
  return 1
}

ensure_bin() {
  if BIN="$(find_bin)"; then return 0; fi
  is_root || die "PostgreSQL binaries not found under /usr/lib/postgresql/*/bin; install them: sudo apt-get install -y postgresql"
  say "PostgreSQL not installed; installing Debian's postgresql package"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq postgresql >/dev/null
  BIN="$(find_bin)" || die "postgresql installed but no binaries under /usr/lib/postgresql/*/bin"
}

# The folder that really holds the server (follows the symlink made by the /tmp fallback).
# Prints nothing when nothing was created yet.
existing_dir() {
  if [ -L "$WANT_DIR" ]; then readlink -f "$WANT_DIR" 2>/dev/null || readlink "$WANT_DIR"
  elif [ -d "$WANT_DIR" ]; then echo "$WANT_DIR"
  fi
}

# Chooses (first time) and prepares the folder; sets DIR.
prepare_dir() {
  if [ -L "$WANT_DIR" ]; then
    DIR="$(readlink "$WANT_DIR")"
  elif [ -d "$WANT_DIR" ]; then
    DIR="$WANT_DIR"
  else
    local parent fallback=0
    parent="$(dirname "$WANT_DIR")"
    mkdir -p "$parent"
    if is_root && ! runuser -u postgres -- test -x "$parent" 2>/dev/null; then fallback=1; fi
    # unix socket paths are limited to 107 bytes
    if [ "$(printf '%s' "$WANT_DIR/.s.PGSQL.$PORT.lock" | wc -c)" -gt 100 ]; then fallback=1; fi
    if [ "$fallback" -eq 1 ]; then
      local hash
      hash="$(printf '%s' "$WANT_DIR" | sha256sum | cut -c1-12)"
      DIR="/tmp/orleans-tuning-pg-$hash"
      ln -s "$DIR" "$WANT_DIR"
      say "$WANT_DIR is not usable by the server; data goes to $DIR (symlinked)"
    else
      DIR="$WANT_DIR"
    fi
  fi
  mkdir -p "$DIR"
  if is_root; then
    chown postgres:postgres "$DIR"
    runuser -u postgres -- test -w "$DIR" \
      || die "user postgres cannot write $DIR (a parent folder is not traversable); set TUNING_PG_DIR elsewhere or remove $WANT_DIR"
  fi
  chmod 700 "$DIR"
}

pgdata() { echo "$1/data"; }

# 0 when our server (the one on this data folder) runs.
server_running() {
  local dir="$1"
  [ -n "$dir" ] && [ -f "$(pgdata "$dir")/PG_VERSION" ] || return 1
  local b; b="$(find_bin)" || return 1
  as_server_user "$b/pg_ctl" -D "$(pgdata "$dir")" status >/dev/null 2>&1
}

# The port a running server listens on (line 4 of postmaster.pid), else the configured one.
running_port() {
  local dir="$1" pidfile p=""
  pidfile="$(pgdata "$dir")/postmaster.pid"
  if [ -n "$dir" ] && [ -r "$pidfile" ]; then p="$(sed -n 4p "$pidfile" 2>/dev/null || true)"; fi
  echo "${p:-$PORT}"
}

psql_cmd() {
  local port="$1"; shift
  PGOPTIONS="-c client_min_messages=warning" "$BIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U "$DB_USER" "$@"
}

init_cluster() {
  local data; data="$(pgdata "$DIR")"
  if [ -f "$data/PG_VERSION" ]; then return 0; fi
  say "initialising a new cluster in $data"
  as_server_user "$BIN/initdb" -D "$data" -U "$DB_USER" -A trust -E UTF8 --no-locale >"$DIR/initdb.log" 2>&1 \
    || { cat "$DIR/initdb.log" >&2; die "initdb failed"; }
  # only the socket and 127.0.0.1 may connect; no IPv6, no other hosts
  cat >"$data/pg_hba.conf" <<'EOF'
# written by scripts/postgres.sh: local socket and 127.0.0.1 only, no password
local   all   all                 trust
host    all   all   127.0.0.1/32  trust
EOF
  cat >>"$data/postgresql.conf" <<'EOF'

# --- scripts/postgres.sh ---
listen_addresses = '127.0.0.1'
max_connections = 300
EOF
  if is_root; then chown postgres:postgres "$data/pg_hba.conf" "$data/postgresql.conf"; fi
}

cmd_apply() {
  local dir port f
  BIN="$(find_bin)" || die "PostgreSQL binaries not found; run: scripts/postgres.sh start"
  dir="$(existing_dir)"
  server_running "$dir" || die "the server is not running; run: scripts/postgres.sh start"
  port="$(running_port "$dir")"
  shopt -s nullglob
  local files=("$SQL_DIR"/*.sql)
  [ "${#files[@]}" -gt 0 ] || die "no SQL files in $SQL_DIR"
  for f in "${files[@]}"; do
    psql_cmd "$port" -d "$DB_NAME" --single-transaction -f "$f" >/dev/null \
      || die "applying $(basename "$f") failed"
  done
  say "schema applied (${#files[@]} files from deploy/sql) to $DB_NAME on 127.0.0.1:$port"
}

cmd_start() {
  ensure_bin
  exec 9>"/tmp/orleans-tuning-pg-$(printf '%s' "$WANT_DIR" | sha256sum | cut -c1-12).lock"
  flock 9
  prepare_dir
  local data; data="$(pgdata "$DIR")"
  if server_running "$DIR"; then
    say "already running (port $(running_port "$DIR"), data $data)"
  else
    if "$BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT" 2>/dev/null; then
      die "port $PORT on 127.0.0.1 is taken by another server; set TUNING_PG_PORT"
    fi
    init_cluster
    say "starting PostgreSQL $("$BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PORT (data $data)"
    if ! as_server_user "$BIN/pg_ctl" -D "$data" -l "$DIR/server.log" -w -t 60 \
        -o "-p $PORT -k '$DIR' -c listen_addresses=127.0.0.1 -c max_connections=300" start >/dev/null; then
      tail -n 20 "$DIR/server.log" >&2 || true
      die "the server did not start; log: $DIR/server.log"
    fi
  fi
  say "PID file: $data/postmaster.pid"
  local port; port="$(running_port "$DIR")"
  if [ "$(psql_cmd "$port" -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'")" != "1" ]; then
    psql_cmd "$port" -d postgres -c "CREATE DATABASE $DB_NAME" || die "could not create database $DB_NAME"
    say "created database $DB_NAME"
  fi
  flock -u 9
  cmd_apply
  say "connection string: $(connection_string "$port")"
}

cmd_stop() {
  local dir; dir="$(existing_dir)"
  if ! server_running "$dir"; then say "not running"; return 0; fi
  BIN="$(find_bin)"
  as_server_user "$BIN/pg_ctl" -D "$(pgdata "$dir")" -m fast -w -t 60 stop >/dev/null
  say "stopped (data $(pgdata "$dir"))"
}

cmd_status() {
  local dir; dir="$(existing_dir)"
  if server_running "$dir"; then
    local pid; pid="$(head -n 1 "$(pgdata "$dir")/postmaster.pid" 2>/dev/null || echo '?')"
    say "running (pid $pid, 127.0.0.1:$(running_port "$dir"), data $(pgdata "$dir"), PID file $(pgdata "$dir")/postmaster.pid)"
    return 0
  fi
  say "not running (data folder ${dir:-$WANT_DIR, not created yet})"
  return 3
}

connection_string() {
  echo "Host=127.0.0.1;Port=$1;Username=$DB_USER;Database=$DB_NAME;Maximum Pool Size=50"
}

cmd_url() {
  local dir port; dir="$(existing_dir)"
  if server_running "$dir"; then port="$(running_port "$dir")"; else port="$PORT"; fi
  connection_string "$port"
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  apply) cmd_apply ;;
  status) cmd_status ;;
  url) cmd_url ;;
  *) echo "usage: $0 start|stop|apply|status|url" >&2; exit 2 ;;
esac
