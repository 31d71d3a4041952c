#!/usr/bin/env bash
# The case register at size (issue 14): latency of the lists, the search, the statistics and
# the export over many generated cases, on SQLite and on PostgreSQL, next to nginx serving the
# default list's bytes as a static file in the same run. Builds nothing.
#
#   1. `skydda demo generate --incidents N --orgs 20` into a fresh SQLite file (and into a
#      throwaway PostgreSQL 15 cluster, tests/support/pg_cluster.sh with durable settings);
#   2. starts `skydda serve` on a free loopback port and makes an API token for the DPO who
#      serves all 20 organisations;
#   3. times each request BENCH_REPEAT times with curl (one at a time, keep-alive off) and
#      prints p50/p95/p99 in ms: the default list, a filtered list (one organisation, open,
#      one category), open cases, a free-text search, the second page, the statistics of one
#      organisation and a year and of all twenty for a year, and the CSV export of one
#      organisation's last two years (about 10 000 rows at a million cases); nginx serving the
#      default list's JSON the same way;
#   4. prints the database's size.
# Settings (environment): SKYDDA_BINARY, BENCH_INCIDENTS (10000), BENCH_PG_INCIDENTS (as
# BENCH_INCIDENTS), BENCH_WORKED (2000: cases worked through the use cases, the rest copies;
# skydda demo generate --worked), BENCH_REPEAT (30), BENCH_PG (1: also PostgreSQL; 0: SQLite only).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$root/bench/lib.sh"
binary=${SKYDDA_BINARY:-$root/build/release/skydda}
incidents=${BENCH_INCIDENTS:-10000}
pg_incidents=${BENCH_PG_INCIDENTS:-$incidents}
worked=${BENCH_WORKED:-2000}
repeat=${BENCH_REPEAT:-30}
with_pg=${BENCH_PG:-1}
seed=7
dpo="dpo.$seed@generated.example"

die() { echo "bench: $*" >&2; exit 1; }
[[ -x "$binary" ]] || die "no server binary at $binary (build first)"
for tool in nginx curl node; do command -v "$tool" >/dev/null || die "$tool is missing (scripts/deps.sh --test)"; done

work=$(mktemp -d "${TMPDIR:-/tmp}/skydda-register.XXXXXX")
pids=""
cleanup() {
  local status=$?
  for pid in $pids; do kill -TERM "$pid" 2>/dev/null || true; done
  stop_pids $pids
  [[ -f "$work/pg/url" ]] && "$root/tests/support/pg_cluster.sh" stop "$work/pg" >/dev/null 2>&1 || true
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# p50 p95 p99 in ms of the times (seconds, one per line) in FILE, nearest rank.
percentiles() {
  sort -n "$1" | awk '{ t[NR] = $1 } END {
    split("50 95 99", p, " "); out = "";
    for (i = 1; i <= 3; i++) { r = int((p[i] * NR + 99) / 100); if (r < 1) r = 1; out = out sprintf("%8.1f", t[r] * 1000) }
    print out }'
}

time_url() { # LABEL URL [HEADER]: BENCH_REPEAT requests, one at a time
  local label=$1 url=$2 header=${3:-X-None: 1} out="$work/times"
  : >"$out"
  local status
  status=$(curl -s -o /dev/null -H "$header" -w '%{http_code}' "$url") # warm, and the answer must be 200
  [[ "$status" == 200 ]] || die "$label: HTTP $status from $url"
  for _ in $(seq "$repeat"); do
    curl -s -o /dev/null -H "$header" -H 'Connection: close' -w '%{time_total}\n' "$url" >>"$out"
  done
  printf '  %-44s %s\n' "$label" "$(percentiles "$out")"
}

run_backend() { # NAME DB_URL CASES
  local name=$1 db=$2 cases=$3 port start_gen
  echo "== $name: generating $cases cases in 20 organisations"
  start_gen=$(date +%s)
  "$binary" demo generate --db "$db" --incidents "$cases" --orgs 20 --seed "$seed" --worked "$worked" 2>/dev/null | sed 's/^/   /'
  echo "   generated in $(( $(date +%s) - start_gen )) s"
  port=$(free_port)
  "$binary" serve --db "$db" --listen "127.0.0.1:$port" --threads 2 --max-connections-per-address 0 \
    >"$work/$name.out" 2>"$work/$name.log" &
  local pid=$! started=$(date +%s%N)
  pids="$pids $pid"
  # Its start (migrate, then listen) on the full database, to the first 200 of /healthz.
  for _ in $(seq 3000); do
    [[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/healthz" || true)" == 200 ]] && break
    kill -0 "$pid" 2>/dev/null || { tail -20 "$work/$name.log" >&2; die "skydda ended at its start"; }
    sleep 0.02
  done
  wait_for "http://127.0.0.1:$port/healthz" || { tail -20 "$work/$name.log" >&2; die "skydda did not start"; }
  echo "   start to the first answer: $(( ($(date +%s%N) - started) / 1000000 )) ms"
  local token api auth org year
  token=$("$binary" token create --db "$db" --email "$dpo" | tail -n 1)
  auth="Authorization: Bearer $token"
  api="http://127.0.0.1:$port/api/v1"
  org=$(curl -sf -H "$auth" "$api/me" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).memberships[0].org))')
  year=$(( $(date +%Y) - 1 ))
  curl -sf -H "$auth" -o "$work/www/list-$name.json" "$api/incidents"
  printf '  %-44s %8s%8s%8s   (ms)\n' "request" p50 p95 p99
  time_url "GET /incidents (urgency, 50)" "$api/incidents" "$auth"
  time_url "GET /incidents?org&open&what_happened" "$api/incidents?org=$org&open=true&what_happened=unauthorised_access" "$auth"
  time_url "GET /incidents?open=true (all 20)" "$api/incidents?open=true" "$auth"
  time_url "GET /incidents?q=vårdnadshavare" "$api/incidents?q=v%C3%A5rdnadshavare" "$auth"
  local cursor
  cursor=$(curl -sf -H "$auth" "$api/incidents?sort=reported" |
    node -e 'let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => console.log(encodeURIComponent(JSON.parse(s).next_cursor || "")))')
  [[ -n "$cursor" ]] || die "no second page"
  time_url "GET /incidents?sort=reported&cursor (page 2)" "$api/incidents?sort=reported&cursor=$cursor" "$auth"
  time_url "GET /statistics?org&from&to (one year)" "$api/statistics?org=$org&from=$year-01-01&to=$year-12-31" "$auth"
  time_url "GET /statistics?org=all&from&to (one year)" "$api/statistics?org=all&from=$year-01-01&to=$year-12-31" "$auth"
  local rows
  rows=$(curl -sf -H "$auth" "$api/incidents?org=$org&reported_from=$(( year - 1 ))-01-01&reported_to=$year-12-31&limit=1" |
    node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).total))')
  time_url "GET /incidents/export?format=csv&org ($rows rows)" \
    "$api/incidents/export?format=csv&org=$org&reported_from=$(( year - 1 ))-01-01&reported_to=$year-12-31" "$auth"
  time_url "nginx: the default list's bytes (static)" "http://127.0.0.1:$nginx_port/list-$name.json"
  kill -TERM "$pid" 2>/dev/null || true
  stop_pids "$pid"
}

# --- nginx, the reference -------------------------------------------------------------------
nginx_port=$(free_port)
mkdir -p "$work/www"
chmod 755 "$work" "$work/www"
write_nginx_conf "$work" "$nginx_port"
nginx -c "$work/nginx/nginx.conf" -p "$work/nginx" -g 'daemon off;' &
pids="$pids $!"

echo "Case register benchmark: $incidents cases (PostgreSQL: $pg_incidents), $repeat requests each, $(nproc) cores"
run_backend sqlite "sqlite:$work/register.db" "$incidents"
chmod 644 "$work"/www/*.json
du -h "$work/register.db" | awk '{ print "   SQLite file: " $1 }'

if [[ "$with_pg" == 1 ]]; then
  mkdir -p "$work/pg"
  SKYDDA_PG_DURABLE=1 "$root/tests/support/pg_cluster.sh" start "$work/pg" >/dev/null
  pg_url=$(cat "$work/pg/url")
  run_backend postgresql "$pg_url" "$pg_incidents"
  chmod 644 "$work"/www/*.json
  node -e '' # keep the shell's exit status
  psql "$pg_url" -Atc "SELECT pg_size_pretty(pg_database_size(current_database()))" 2>/dev/null | awk '{ print "   PostgreSQL database: " $0 }' || true
fi
