#!/usr/bin/env bash
# Skydda's throughput next to nginx serving the same bytes as a static file, and Skydda's
# memory. Run by `make bench` (or bench/run.sh after a release build). Builds nothing.
#
#   1. starts `skydda serve --demo --threads 2` on a free loopback port (fresh SQLite file);
#   2. creates an API token for the DPO and picks one incident through the API;
#   3. writes that incident's JSON body to a static file and serves it with nginx
#      (2 workers, access_log off) on another free loopback port;
#   4. runs wrk against GET /api/v1/incidents/{id} (with the Bearer token) and against
#      nginx's file, one after the other, same settings; prints requests/s, p50 and p99;
#   5. reports Skydda's resident memory (VmRSS) idle after start with the demo data, and
#      after the load.
# Only loopback addresses are used; both servers are stopped on exit, also on failure.
#
# Settings (environment): SKYDDA_BINARY, BENCH_DURATION (10s), BENCH_CONNECTIONS (64),
# BENCH_THREADS (2, wrk's), BENCH_WARMUP (2s, not measured; 0 to skip).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$root/bench/lib.sh"
binary=${SKYDDA_BINARY:-$root/build/release/skydda}
duration=${BENCH_DURATION:-10s}
connections=${BENCH_CONNECTIONS:-64}
wrk_threads=${BENCH_THREADS:-2}
warmup=${BENCH_WARMUP:-2s}
dpo=dora.dso@exempelby.se

die() { echo "bench: $*" >&2; exit 1; }
[[ -x "$binary" ]] || die "no server binary at $binary (build first: cmake --preset release && cmake --build --preset release)"
for tool in wrk nginx curl node; do
  command -v "$tool" >/dev/null || die "$tool is missing (scripts/deps.sh --test installs it)"
done

work=$(mktemp -d "${TMPDIR:-/tmp}/skydda-bench.XXXXXX")
skydda_pid=""
nginx_pid=""
cleanup() {
  local status=$?
  for pid in $skydda_pid $nginx_pid; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  stop_pids $skydda_pid $nginx_pid
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM


rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"; }
hwm_kb() { awk '/^VmHWM:/ { print $2 }' "/proc/$1/status"; }
mb() { awk -v kb="$1" 'BEGIN { printf "%.1f MB", kb / 1024 }'; }
# CPU seconds (user + system) used so far by a process and its threads.
cpu_seconds() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$1/stat"; }
json_field() { # JSON on stdin, a JavaScript expression over `j`
  node -e 'let s = ""; process.stdin.on("data", d => s += d).on("end", () => { const j = JSON.parse(s); const v = ('"$1"'); if (v === undefined || v === null) process.exit(1); console.log(v); });'
}

# --- Skydda ---------------------------------------------------------------------------------
skydda_port=$(free_port)
db="sqlite:$work/skydda.db"
# The access log goes to a file, as it would to a log collector; not to the terminal.
"$binary" serve --db "$db" --listen "127.0.0.1:$skydda_port" --demo --threads 2 --max-connections-per-address 0 >"$work/skydda.out" 2>"$work/skydda.log" &
skydda_pid=$!
wait_for "http://127.0.0.1:$skydda_port/healthz" || { tail -20 "$work/skydda.log" >&2; die "skydda did not start"; }
sleep 1
idle_rss=$(rss_kb "$skydda_pid")

token=$("$binary" token create --db "$db" --email "$dpo" | tail -n 1)
[[ -n "$token" ]] || die "no API token"
auth="Authorization: Bearer $token"
api="http://127.0.0.1:$skydda_port/api/v1"
incident_id=$(curl -sf -H "$auth" "$api/incidents" | json_field 'j.items[0].id' || true)
if [[ -z "$incident_id" ]]; then # an API that wants ?org=: ask for the DPO's first organisation
  org=$(curl -sf -H "$auth" "$api/me" | json_field 'j.memberships[0].org')
  incident_id=$(curl -sf -H "$auth" "$api/incidents?org=$org" | json_field 'j.items[0].id')
fi
[[ -n "$incident_id" ]] || die "no incident found through the API"
incident_url="$api/incidents/$incident_id"

mkdir -p "$work/www"
curl -sf -H "$auth" -o "$work/www/incident.json" "$incident_url" || die "GET $incident_url failed"
body_bytes=$(wc -c <"$work/www/incident.json")

# --- nginx ----------------------------------------------------------------------------------
nginx_port=$(free_port)
chmod 755 "$work" "$work/www"
chmod 644 "$work/www/incident.json"
write_nginx_conf "$work" "$nginx_port"
nginx -c "$work/nginx/nginx.conf" -p "$work/nginx" -g 'daemon off;' 2>"$work/nginx/logs/stderr.log" &
nginx_pid=$!
static_url="http://127.0.0.1:$nginx_port/incident.json"
wait_for "$static_url" || { cat "$work/nginx/logs/"*.log >&2; die "nginx did not start"; }
[[ "$(curl -sf "$static_url" | cmp - "$work/www/incident.json" && echo same)" == same ]] || die "nginx serves other bytes"

# --- load -----------------------------------------------------------------------------------
server_cpu_seconds() { # skydda | nginx (master and workers)
  local total=0 pid pids=$skydda_pid
  [[ $1 == nginx ]] && pids="$nginx_pid $(pgrep -P "$nginx_pid" || true)"
  for pid in $pids; do
    total=$(awk -v a="$total" -v b="$(cpu_seconds "$pid")" 'BEGIN { printf "%.2f", a + b }')
  done
  echo "$total"
}

run_wrk() { # NAME URL [HEADER]: writes $work/NAME.wrk and the server's CPU seconds to $work/NAME.cpu
  local name=$1 url=$2 header=${3:-} before after
  local args=(-t"$wrk_threads" -c"$connections" --latency)
  [[ -n "$header" ]] && args+=(-H "$header")
  if [[ "$warmup" != 0 ]]; then wrk "${args[@]}" -d"$warmup" "$url" >/dev/null; fi
  before=$(server_cpu_seconds "$name")
  wrk "${args[@]}" -d"$duration" "$url" >"$work/$name.wrk"
  after=$(server_cpu_seconds "$name")
  awk -v a="$before" -v b="$after" 'BEGIN { printf "%.1f", b - a }' >"$work/$name.cpu"
}


echo "Skydda bench: wrk -t$wrk_threads -c$connections -d$duration --latency (after a $warmup warm-up), $(nproc) cores, $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "  skydda: GET $incident_url (Bearer token of $dpo), $body_bytes bytes of JSON"
echo "  nginx:  GET $static_url (the same bytes as a static file)"
echo

run_wrk skydda "$incident_url" "$auth"
after_rss=$(rss_kb "$skydda_pid")
peak_rss=$(hwm_kb "$skydda_pid")

run_wrk nginx "$static_url"

skydda_rps=$(wrk_value "$work/skydda.wrk" rps)
nginx_rps=$(wrk_value "$work/nginx.wrk" rps)
share=$(awk -v s="$skydda_rps" -v n="$nginx_rps" 'BEGIN { printf "%.0f", 100 * s / n }')

printf '%-8s %12s %10s %10s %10s %8s %16s\n' server requests/s p50 p99 requests errors "server CPU s"
for name in skydda nginx; do
  file="$work/$name.wrk"
  cpu=$(cat "$work/$name.cpu")
  printf '%-8s %12s %10s %10s %10s %8s %16s\n' "$name" "$(wrk_value "$file" rps)" "$(wrk_value "$file" p50)" \
    "$(wrk_value "$file" p99)" "$(wrk_value "$file" requests)" "$(wrk_value "$file" errors)" "$cpu"
done
echo
echo "Skydda's share of nginx's rate: $share % (goal: at least 50 %)"
echo "Skydda's memory (VmRSS): idle after start with demo data $(mb "$idle_rss") (goal: under 30 MB);" \
  "after load $(mb "$after_rss"); peak (VmHWM) $(mb "$peak_rss")"

errors=$(( $(wrk_value "$work/skydda.wrk" errors) + $(wrk_value "$work/nginx.wrk" errors) ))
if (( errors > 0 )); then
  echo "bench: some requests failed (non-2xx/3xx or socket errors); wrk's output:" >&2
  cat "$work/skydda.wrk" "$work/nginx.wrk" >&2
  exit 1
fi
if [[ -n "${BENCH_VERBOSE:-}" ]]; then cat "$work/skydda.wrk" "$work/nginx.wrk"; fi
