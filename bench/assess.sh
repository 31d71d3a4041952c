#!/usr/bin/env bash
# Assessments per second through `skydda assess --jsonl`, next to the cost of only parsing and
# re-serialising the same JSON lines (Node's JSON.parse/stringify), measured in the same run.
# The cases are the golden cases of tests/golden/assessment repeated to BENCH_CASES lines.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
binary=${SKYDDA_BINARY:-$root/build/release/skydda}
cases=${BENCH_CASES:-100000}
[[ -x "$binary" ]] || { echo "bench: no binary at $binary" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
node -e '
const fs = require("fs"), path = require("path");
const dir = process.argv[1], n = +process.argv[2];
const inputs = fs.readdirSync(dir).filter(f => f.endsWith(".json"))
  .map(f => JSON.stringify(JSON.parse(fs.readFileSync(path.join(dir, f))).input));
const out = [];
for (let i = 0; i < n; ++i) out.push(inputs[i % inputs.length]);
fs.writeFileSync(process.argv[3], out.join("\n") + "\n");
' "$root/tests/golden/assessment" "$cases" "$work/cases.jsonl"
seconds() { local start end; start=$(date +%s.%N); "$@" > /dev/null; end=$(date +%s.%N); awk -v a="$start" -v b="$end" 'BEGIN { print b - a }'; }
skydda_s=$(seconds "$binary" assess --jsonl "$work/cases.jsonl")
node_s=$(seconds node -e 'const l=require("fs").readFileSync(process.argv[1],"utf8").split("\n");let o=[];for(const x of l) if(x) o.push(JSON.stringify(JSON.parse(x)));process.stdout.write(o.join("\n"))' "$work/cases.jsonl")
printf '%-46s %10s %14s\n' "what" "seconds" "lines/s"
printf '%-46s %10.3f %14.0f\n' "skydda assess --jsonl ($cases cases)" "$skydda_s" "$(awk -v n="$cases" -v s="$skydda_s" 'BEGIN { print n / s }')"
printf '%-46s %10.3f %14.0f\n' "node JSON.parse+stringify only (reference)" "$node_s" "$(awk -v n="$cases" -v s="$node_s" 'BEGIN { print n / s }')"
