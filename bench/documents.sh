#!/usr/bin/env bash
# Documents: `skydda export` of the demo case's internal report (the longest document, the
# whole case file with its audit trail) and of its IMY notification, as PDF and as JSON, each
# BENCH_RUNS times including process start-up, next to poppler's pdftotext reading the same
# PDF back the same number of times (a mature PDF library doing the reverse job), in one run.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
binary=${SKYDDA_BINARY:-$root/build/release/skydda}
runs=${BENCH_RUNS:-20}
[[ -x "$binary" ]] || { echo "bench: no binary at $binary" >&2; exit 1; }
command -v pdftotext > /dev/null || { echo "bench: pdftotext missing (poppler-utils)" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
db="sqlite:$work/bench.db"
"$binary" demo --db "$db" > /dev/null
case_id=$(sqlite3 "$work/bench.db" "SELECT id FROM incidents ORDER BY case_number LIMIT 1")
repeat() { local start end; start=$(date +%s.%N); for _ in $(seq "$runs"); do "$@" > /dev/null; done
  end=$(date +%s.%N); awk -v a="$start" -v b="$end" -v n="$runs" 'BEGIN { printf "%.1f", (b - a) * 1000 / n }'; }
export_to() { "$binary" export --db "$db" --case "$case_id" --document "$1" --format "$2" --out "$3"; }
export_to internal-report pdf "$work/report.pdf"
pages=$(pdfinfo "$work/report.pdf" | awk '/^Pages:/ { print $2 }')
bytes=$(stat -c %s "$work/report.pdf")
printf '%-58s %12s\n' "what (mean of $runs runs, process start included)" "ms per run"
printf '%-58s %12s\n' "skydda export internal-report --format pdf ($pages pages)" "$(repeat export_to internal-report pdf "$work/r.pdf")"
printf '%-58s %12s\n' "skydda export internal-report --format json" "$(repeat export_to internal-report json "$work/r.json")"
printf '%-58s %12s\n' "skydda export imy-notification --format pdf" "$(repeat export_to imy-notification pdf "$work/n.pdf")"
printf '%-58s %12s\n' "pdftotext of the same report PDF, $bytes bytes (reference)" "$(repeat pdftotext "$work/report.pdf" "$work/r.txt")"
