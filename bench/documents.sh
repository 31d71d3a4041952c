#!/usr/bin/env bash
# Documents, in one run:
# 1. the renderers (bench_documents, Google Benchmark): one letter to PDF, HTML and JSON, and
#    the print file of a letter to 300 people, next to poppler's pdftotext reading that same
#    300-page file back (a mature PDF library doing the reverse job);
# 2. `skydda export` of the demo case's internal report (the whole case file with its audit
#    trail) and of its IMY notification, BENCH_RUNS times including process start-up, next to
#    pdftotext reading the report back the same number of times.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
binary=${SKYDDA_BINARY:-$root/build/release/skydda}
bench_binary=${BENCH_DOCUMENTS:-$root/build/release/bench/bench_documents}
runs=${BENCH_RUNS:-20}
[[ -x "$binary" && -x "$bench_binary" ]] || { echo "bench: build first (make build): $binary, $bench_binary" >&2; exit 1; }
command -v pdftotext > /dev/null || { echo "bench: pdftotext missing (poppler-utils)" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$bench_binary" --benchmark_format=console 2>/dev/null | grep -E '^(Benchmark|one_|print_)'
"$bench_binary" --write "$work/print.pdf"
start=$(date +%s.%N); pdftotext "$work/print.pdf" "$work/print.txt"; end=$(date +%s.%N)
printf 'pdftotext of the 300-page print file, %s bytes (reference): %.0f ms\n\n' "$(stat -c %s "$work/print.pdf")" \
  "$(awk -v a="$start" -v b="$end" 'BEGIN { print (b - a) * 1000 }')"
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
