#!/usr/bin/env bash
# Two Skydda servers on one PostgreSQL next to one Skydda server on SQLite, in the same run,
# under the same mixed load (bench/mixed.lua: 70 % reads of case files, 20 % new reports, 10 %
# edits). Builds nothing; run after a release build.
#
#   1. starts a throwaway PostgreSQL 15 cluster with its durable defaults (fsync on;
#      tests/support/pg_cluster.sh with SKYDDA_PG_DURABLE=1) and loads the demo data into it,
#      and into a fresh SQLite file;
#   2. SQLite: one `skydda serve --threads 2` under `wrk -c64` for BENCH_DURATION;
#   3. PostgreSQL: two `skydda serve --threads 2 --db-pool 8` on the same database, each under
#      its own `wrk -c32` at the same time (64 connections in all), for BENCH_DURATION;
#   4. prints requests/s, p50 and p99 per server and in all, the requests that failed, and the
#      CPU seconds used by the Skydda servers and by PostgreSQL during the measured time;
#   5. checks that the case numbers drawn on PostgreSQL through both servers are unique and
#      gap-free, and that `skydda audit verify` passes on both databases.
# Only loopback addresses are used; everything started is stopped on exit, also on failure.
#
# Settings (environment): SKYDDA_BINARY, BENCH_DURATION (10s), BENCH_WARMUP (2s), BENCH_MIX
# ("70,20": percent reads, percent new reports; the rest edits), BENCH_PG_FAST=1 (PostgreSQL
# without fsync, to see what the flushes cost; not a durable configuration).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$root/bench/lib.sh"
binary=${SKYDDA_BINARY:-$root/build/release/skydda}
duration=${BENCH_DURATION:-10s}
warmup=${BENCH_WARMUP:-2s}
dpo=dora.dso@exempelby.se

die() { echo "bench: $*" >&2; exit 1; }
[[ -x "$binary" ]] || die "no server binary at $binary (build first: cmake --preset release && cmake --build --preset release)"
for tool in wrk curl node; do
  command -v "$tool" >/dev/null || die "$tool is missing (scripts/deps.sh --test installs it)"
done

work=$(mktemp -d "${TMPDIR:-/tmp}/skydda-bench-pg.XXXXXX")
pids=()
cleanup() {
  local status=$?
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  stop_pids "${pids[@]}"
  "$root/tests/support/pg_cluster.sh" stop "$work/pg" >/dev/null 2>&1 || true
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

json_field() { # JSON on stdin, a JavaScript expression over `j`
  node -e 'let s = ""; process.stdin.on("data", d => s += d).on("end", () => { const j = JSON.parse(s); const v = ('"$1"'); if (v === undefined || v === null) process.exit(1); console.log(v); });'
}
cpu_seconds() { # PIDS...: user + system CPU seconds of these processes so far
  local hz total=0 pid
  hz=$(getconf CLK_TCK)
  for pid in "$@"; do
    [[ -r "/proc/$pid/stat" ]] || continue
    total=$(awk -v a="$total" -v hz="$hz" '{ printf "%.2f", a + ($14 + $15) / hz }' "/proc/$pid/stat")
  done
  echo "$total"
}
postgres_pids() { # the postmaster and its children (one backend per pooled connection, and helpers)
  local postmaster
  postmaster=$(head -1 "$pg_data/postmaster.pid")
  echo "$postmaster"
  pgrep -P "$postmaster" || true
}

start_server() { # NAME DB_URL: starts skydda, sets $port_NAME and $pid_NAME
  local port
  port=$(free_port)
  "$binary" serve --db "$2" --listen "127.0.0.1:$port" --threads 2 --db-pool 8 --max-connections-per-address 0 >"$work/$1.out" 2>"$work/$1.log" &
  pids+=($!)
  printf -v "pid_$1" '%s' "$!"
  printf -v "port_$1" '%s' "$port"
  wait_for "http://127.0.0.1:$port/healthz" || { tail -20 "$work/$1.log" >&2; die "$1 did not start"; }
}

prepare() { # DB_URL: demo data; prints "TOKEN ORG IDS"
  "$binary" demo --db "$1" >/dev/null
  local token
  token=$("$binary" token create --db "$1" --email "$dpo" | tail -n 1)
  echo "$token"
}

# --- databases and servers ----------------------------------------------------------------
durable=1
if [[ "${BENCH_PG_FAST:-}" == 1 ]]; then durable=0; fi
SKYDDA_PG_DURABLE=$durable "$root/tests/support/pg_cluster.sh" start "$work/pg" >/dev/null
pg_url=$(cat "$work/pg/url")
pg_data="$(cat "$work/pg/dir")/data"
pg_bin=${SKYDDA_PG_BIN:-/usr/lib/postgresql/15/bin}
sqlite_url="sqlite:$work/skydda.db"
sqlite_token=$(prepare "$sqlite_url")
pg_token=$(prepare "$pg_url")
start_server sqlite "$sqlite_url"
start_server pg1 "$pg_url"
start_server pg2 "$pg_url"

targets() { # PORT TOKEN: exports BENCH_ORG and BENCH_IDS for the mixed load
  local api="http://127.0.0.1:$1/api/v1" auth="Authorization: Bearer $2"
  BENCH_ORG=$(curl -sf -H "$auth" "$api/me" | json_field 'j.memberships[0].org')
  BENCH_IDS=$(curl -sf -H "$auth" "$api/incidents?org=$BENCH_ORG" | json_field 'j.items.map(i => i.id).join(",")')
  BENCH_TOKEN=$2
  export BENCH_ORG BENCH_IDS BENCH_TOKEN
}

run_wrk() { # NAME PORT CONNECTIONS: wrk with the mixed load, output in $work/NAME.wrk
  wrk -t1 -c"$3" -d"$duration" --latency -s "$root/bench/mixed.lua" "http://127.0.0.1:$2" >"$work/$1.wrk"
}
warm() { wrk -t1 -c"$2" -d"$warmup" -s "$root/bench/mixed.lua" "http://127.0.0.1:$1" >/dev/null; }
delta() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

mix=${BENCH_MIX:-70,20}
echo "Skydda bench, two servers on PostgreSQL (fsync $([[ $durable == 1 ]] && echo on || echo OFF)) vs one on SQLite:" \
  "mixed load (bench/mixed.lua: ${mix%,*} % GET case, ${mix#*,} % POST report, the rest PATCH)," \
  "wrk --latency -d$duration after a $warmup warm-up, $(nproc) cores, $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo

# --- SQLite: one server, 64 connections ----------------------------------------------------
targets "$port_sqlite" "$sqlite_token"
[[ "$warmup" != 0 ]] && warm "$port_sqlite" 64
before=$(cpu_seconds "$pid_sqlite")
run_wrk sqlite "$port_sqlite" 64
sqlite_cpu=$(delta "$before" "$(cpu_seconds "$pid_sqlite")")

# --- PostgreSQL: two servers at once, 32 connections each ------------------------------------
targets "$port_pg1" "$pg_token"
if [[ "$warmup" != 0 ]]; then
  warm "$port_pg1" 32 &
  warm_pid=$!
  warm "$port_pg2" 32
  wait "$warm_pid"
fi
mapfile -t pg_pids < <(postgres_pids | sort -u)
before_servers=$(cpu_seconds "$pid_pg1" "$pid_pg2")
before_pg=$(cpu_seconds "${pg_pids[@]}")
run_wrk pg1 "$port_pg1" 32 &
wrk1=$!
run_wrk pg2 "$port_pg2" 32
wait "$wrk1"
mapfile -t pg_pids < <(postgres_pids | sort -u)
pg_servers_cpu=$(delta "$before_servers" "$(cpu_seconds "$pid_pg1" "$pid_pg2")")
pg_cpu=$(delta "$before_pg" "$(cpu_seconds "${pg_pids[@]}")")

printf '%-22s %12s %10s %10s %10s %8s\n' server requests/s p50 p99 requests errors
for name in sqlite pg1 pg2; do
  file="$work/$name.wrk"
  printf '%-22s %12s %10s %10s %10s %8s\n' "$name" "$(wrk_value "$file" rps)" "$(wrk_value "$file" p50)" \
    "$(wrk_value "$file" p99)" "$(wrk_value "$file" requests)" "$(wrk_value "$file" errors)"
done
total=$(awk -v a="$(wrk_value "$work/pg1.wrk" rps)" -v b="$(wrk_value "$work/pg2.wrk" rps)" 'BEGIN { printf "%.2f", a + b }')
printf '%-22s %12s\n' "pg1 + pg2" "$total"
echo
echo "CPU seconds in the measured time: SQLite run: skydda $sqlite_cpu;" \
  "PostgreSQL run: both skydda servers $pg_servers_cpu, postgres processes $pg_cpu"

# --- checks -----------------------------------------------------------------------------------
for url in "$sqlite_url" "$pg_url"; do
  "$binary" audit verify --db "$url" >/dev/null || die "audit verify failed on ${url%%:*}"
done
# Per organisation: as many reports as distinct case numbers as the highest sequence number.
gaps=$("$pg_bin/psql" "$pg_url" -Atc "SELECT COUNT(*) FROM (SELECT org_id, COUNT(*) AS n,
  COUNT(DISTINCT case_number) AS d, MAX(CAST(SUBSTRING(case_number FROM '([0-9]+)\$') AS INTEGER)) AS m
  FROM incidents GROUP BY org_id) AS per_org WHERE n <> d OR n <> m")
[[ "$gaps" == 0 ]] || die "case numbers on PostgreSQL have gaps or duplicates in $gaps organisations"
echo "Checks: audit verify passes on both; the case numbers drawn through two servers are unique and gap-free."

errors=0
for name in sqlite pg1 pg2; do errors=$(( errors + $(wrk_value "$work/$name.wrk" errors) )); done
if (( errors > 0 )); then
  echo "bench: some requests failed (non-2xx/3xx or socket errors):" >&2
  cat "$work/"*.wrk >&2
  exit 1
fi
if [[ -n "${BENCH_VERBOSE:-}" ]]; then cat "$work/"*.wrk; fi
