#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster for the tests (ctest fixture "postgres").
#   pg_cluster.sh start STATE_DIR   initdb into a temporary directory, start on a free loopback
#                                   port, create database skydda_test, write its URL to
#                                   STATE_DIR/url (and the cluster's folder to STATE_DIR/dir)
#   pg_cluster.sh stop STATE_DIR    stop it and remove every file it made
# initdb refuses to run as root, so as root the cluster belongs to the `postgres` user.
# fsync is off: the cluster is thrown away, and the tests do not test PostgreSQL's durability.
# SKYDDA_PG_DURABLE=1 keeps PostgreSQL's durable defaults (the benchmark, bench/pg.sh, uses it).
set -euo pipefail
action=${1:?start or stop}
state=${2:?state directory}
bin=${SKYDDA_PG_BIN:-/usr/lib/postgresql/15/bin}
as_owner=()
if [[ $(id -u) -eq 0 ]]; then as_owner=(runuser -u postgres --); fi

stop() {
  [[ -f "$state/dir" ]] || return 0
  local dir
  dir=$(cat "$state/dir")
  if [[ -d "$dir/data" ]]; then
    "${as_owner[@]}" "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
  rm -f "$state/dir" "$state/url"
}

start() {
  if [[ ! -x "$bin/initdb" ]]; then
    echo "PostgreSQL 15 is not installed ($bin/initdb): run scripts/deps.sh --test" >&2
    exit 1
  fi
  stop # a cluster left behind by an interrupted run
  mkdir -p "$state"
  local dir
  dir=$(mktemp -d "${TMPDIR:-/tmp}/skydda-pg.XXXXXX")
  echo "$dir" >"$state/dir"
  chmod 755 "$dir"
  if [[ ${#as_owner[@]} -gt 0 ]]; then chown postgres "$dir"; fi
  "${as_owner[@]}" "$bin/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C \
    >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
  local port speed="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
  if [[ "${SKYDDA_PG_DURABLE:-}" == 1 ]]; then speed=""; fi
  for attempt in 1 2 3 4 5 6 7 8; do
    port=$((20000 + RANDOM % 30000))
    if "${as_owner[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 start \
      -o "-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories=$dir $speed -c max_connections=200" \
      >/dev/null 2>&1; then
      "${as_owner[@]}" "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -q \
        -c "CREATE DATABASE skydda_test" >/dev/null
      echo "postgresql://postgres@127.0.0.1:$port/skydda_test" >"$state/url"
      echo "PostgreSQL test cluster on 127.0.0.1:$port in $dir"
      return 0
    fi
  done
  cat "$dir/server.log" >&2
  exit 1
}

case "$action" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop STATE_DIR" >&2; exit 2 ;;
esac
