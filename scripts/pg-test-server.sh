#!/usr/bin/env bash
# A throw-away PostgreSQL for tests and benchmarks: Debian's server binaries, loopback only, a temporary data
# directory, trust authentication for the `remedy` user. Never for production data.
#
#   scripts/pg-test-server.sh start [DIR]   initialise + start; prints DATABASE_URL on stdout (DIR default: mktemp)
#   scripts/pg-test-server.sh stop DIR      stop the server and delete DIR
#   scripts/pg-test-server.sh pause DIR     stop the server, keep its data (fault tests)
#   scripts/pg-test-server.sh resume DIR    start it again on the same port
#   scripts/pg-test-server.sh freeze DIR    SIGSTOP the server and its backends (a hung database; fault tests)
#   scripts/pg-test-server.sh thaw DIR      SIGCONT them again
#   scripts/pg-test-server.sh run -- CMD…   start, run CMD with DATABASE_URL and TEST_DATABASE_URL set, stop;
#                                           exits with CMD's status
#   scripts/pg-test-server.sh bindir        prints the directory of the server binaries (exit 1 if none)
# Binaries: PG_BINDIR if set, else the newest /usr/lib/postgresql/*/bin, else initdb/pg_ctl on PATH.
# Everything but the URL (start) or the bin dir (bindir) goes to stderr.
set -euo pipefail

log() { echo "pg-test-server: $*" >&2; }

find_bindir() {
  local dir
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [[ -x "$dir/initdb" && -x "$dir/pg_ctl" ]]; then
      echo "$dir"
      return 0
    fi
  done
  if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(command -v initdb)"
    return 0
  fi
  return 1
}

# PG_BINDIR overrides the search (it must hold initdb and pg_ctl).
if [[ -n "${PG_BINDIR:-}" ]]; then
  BINDIR=""
  [[ -x "$PG_BINDIR/initdb" && -x "$PG_BINDIR/pg_ctl" ]] && BINDIR="$PG_BINDIR"
else
  BINDIR="$(find_bindir)" || BINDIR=""
fi

require_bindir() {
  if [[ -z "$BINDIR" ]]; then
    log "no PostgreSQL server binaries found in /usr/lib/postgresql/*/bin or PATH (apt-get install postgresql)"
    exit 1
  fi
}

# PostgreSQL refuses to run as root: run its commands as the `postgres` user then.
as_owner() {
  if [[ "$(id -u)" == "0" ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

free_port() {
  node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

start_server() {
  local dir="$1" port
  port="$(cat "$dir/port")"
  # Log file outside the data dir so `pause` + `resume` keep one log.
  as_owner "$BINDIR/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c max_connections=100" start >&2 || {
    log "server did not start; its log:"
    cat "$dir/server.log" >&2 || true
    exit 1
  }
}

cmd_start() {
  require_bindir
  local dir="${1:-}"
  if [[ -z "$dir" ]]; then
    dir="$(mktemp -d /tmp/remedy-pg.XXXXXX)"
  else
    mkdir -p "$dir"
  fi
  if [[ "$(id -u)" == "0" ]]; then chown postgres: "$dir"; fi
  as_owner "$BINDIR/initdb" -D "$dir/data" -U remedy -A trust -E UTF8 --no-locale --no-sync >"$dir/initdb.log" 2>&1 || {
    log "initdb failed; its log:"
    cat "$dir/initdb.log" >&2
    exit 1
  }
  free_port | as_owner tee "$dir/port" >/dev/null
  start_server "$dir"
  as_owner "$BINDIR/createdb" -h 127.0.0.1 -p "$(cat "$dir/port")" -U remedy remedy >&2
  local url="postgres://remedy@127.0.0.1:$(cat "$dir/port")/remedy"
  echo "$url" | as_owner tee "$dir/url" >/dev/null
  log "started in $dir ($url); stop with: $0 stop $dir"
  echo "$url"
}

cmd_pause() {
  require_bindir
  as_owner "$BINDIR/pg_ctl" -D "$1/data" -m fast -w stop >&2
}

cmd_resume() {
  require_bindir
  start_server "$1"
}

# The postmaster and every process it started (backends, background workers).
server_pids() {
  local pid
  pid="$(head -n 1 "$1/data/postmaster.pid")"
  echo "$pid" $(pgrep -P "$pid" || true)
}

cmd_freeze() {
  # shellcheck disable=SC2046
  as_owner kill -STOP $(server_pids "$1")
}

cmd_thaw() {
  # shellcheck disable=SC2046
  as_owner kill -CONT $(server_pids "$1")
}

cmd_stop() {
  require_bindir
  local dir="$1"
  if [[ ! -f "$dir/port" ]]; then
    log "$dir is not a pg-test-server directory"
    exit 1
  fi
  if [[ -f "$dir/data/postmaster.pid" ]]; then
    as_owner "$BINDIR/pg_ctl" -D "$dir/data" -m immediate -w stop >&2 || log "stop failed (server already gone?)"
  fi
  rm -rf "$dir"
}

cmd_run() {
  [[ "${1:-}" == "--" ]] && shift
  if [[ $# -eq 0 ]]; then
    log "usage: $0 run -- command [args]"
    exit 2
  fi
  local url status=0
  RUN_DIR="$(mktemp -d /tmp/remedy-pg.XXXXXX)"
  trap 'cmd_stop "$RUN_DIR"' EXIT
  url="$(cmd_start "$RUN_DIR")"
  DATABASE_URL="$url" TEST_DATABASE_URL="$url" "$@" || status=$?
  exit "$status"
}

case "${1:-}" in
  start) shift; cmd_start "${1:-}" ;;
  stop) cmd_stop "${2:?usage: $0 stop DIR}" ;;
  pause) cmd_pause "${2:?usage: $0 pause DIR}" ;;
  resume) cmd_resume "${2:?usage: $0 resume DIR}" ;;
  freeze) cmd_freeze "${2:?usage: $0 freeze DIR}" ;;
  thaw) cmd_thaw "${2:?usage: $0 thaw DIR}" ;;
  run) shift; cmd_run "$@" ;;
  bindir) require_bindir; echo "$BINDIR" ;;
  *)
    sed -n '2,14p' "$0" >&2
    exit 2
    ;;
esac
