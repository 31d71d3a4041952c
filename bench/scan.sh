#!/usr/bin/env bash
# Throughput of `skydda scan` on the synthetic Swedish corpus (shared/bench/gen_pii_corpus.py),
# single-thread and all threads, next to references measured in the same run:
#   - ripgrep searching an equivalent union pattern (personnummer forms | e-mail | phone),
#     counting matching lines without validating anything;
#   - the raw read speed of the same file from the page cache (cat > /dev/null).
#   - ripgrep searching the equivalent union: the same identifier pattern plus every term of
#     the special-category vocabularies (data/vocab/*.tsv), case-insensitive, whole words;
# Then the peak memory (max RSS) of a scan of a large input built from copies of the corpus.
#
#   bench/scan.sh                       # 512 MB corpus, 10 GB peak-memory input
#   BENCH_MB=256 BENCH_BIG_GB=0 bench/scan.sh
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
binary=${SKYDDA_BINARY:-$root/build/release/skydda}
generator=${BENCH_GENERATOR:-$root/../shared/bench/gen_pii_corpus.py}
megabytes=${BENCH_MB:-512}
big_gb=${BENCH_BIG_GB:-10}
work=${BENCH_DIR:-$(mktemp -d)}
[[ -x "$binary" ]] || { echo "bench: no binary at $binary (make build)" >&2; exit 1; }
[[ -f "$generator" ]] || { echo "bench: no corpus generator at $generator" >&2; exit 1; }
command -v rg >/dev/null || { echo "bench: ripgrep is missing (scripts/deps.sh --test)" >&2; exit 1; }
mkdir -p "$work"
[[ -n ${BENCH_DIR:-} ]] || trap 'rm -rf "$work"' EXIT

corpus=$work/corpus.txt
if [[ ! -f $corpus ]]; then
  # In pieces of 128 MB with different seeds, generated in parallel.
  pieces=$(( (megabytes + 127) / 128 ))
  for ((i = 1; i <= pieces; i++)); do
    python3 "$generator" $(( megabytes / pieces )) "$i" > "$work/piece$i.txt" 2> "$work/piece$i.planted" &
  done
  wait
  cat "$work"/piece*.txt > "$corpus"
  rm -f "$work"/piece*.txt
fi
bytes=$(stat -c %s "$corpus")
planted_pins=$(awk '{ s += $2 } END { print s }' "$work"/piece*.planted)
cat "$corpus" > /dev/null # into the page cache

seconds() { local start end; start=$(date +%s.%N); "$@" > /dev/null; end=$(date +%s.%N); awk -v a="$start" -v b="$end" 'BEGIN { print b - a }'; }
best_of_3() { local best=1e9 s; for _ in 1 2 3; do s=$(seconds "$@"); best=$(awk -v a="$best" -v b="$s" 'BEGIN { print (b < a) ? b : a }'); done; echo "$best"; }
row() { printf '%-58s %9.3f %10.0f\n' "$1" "$2" "$(awk -v n="$bytes" -v s="$2" 'BEGIN { print n / s / 1e6 }')"; }

# ASCII word boundaries: ripgrep's Unicode \b is many times slower on Swedish text.
b='(?-u:\b)'
pattern="$b(19|20)?[0-9]{6}[-+]?[0-9]{4}$b|[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}|${b}0[0-9]{1,3}[- ]?[0-9]{2,3} ?[0-9]{2} ?[0-9]{2}$b"
# The equivalent union: the identifiers and every vocabulary term (a trailing * is a prefix).
python3 - "$root/data/vocab" "$pattern" > "$work/union.txt" <<'PY'
import glob, re, sys
print(sys.argv[2])
for path in sorted(glob.glob(sys.argv[1] + "/*.tsv")):
    for line in open(path, encoding="utf-8"):
        fields = line.rstrip("\n").split("\t")
        if line.lstrip().startswith("#") or len(fields) < 3 or fields[1] not in ("strong", "weak", "context"):
            continue
        term = fields[2]
        body = re.escape(term.rstrip("*")).replace("\\ ", r"\s+")
        print(r"(?-u:\b)" + body + (r"\w*" if term.endswith("*") else r"(?-u:\b)"))
PY
threads=$(nproc)
cat_s=$(best_of_3 cat "$corpus")
rg_s=$(best_of_3 rg -j1 --no-mmap -c -e "$pattern" "$corpus")
rg_mmap_s=$(best_of_3 rg -j1 --mmap -c -e "$pattern" "$corpus")
rg_union_s=$(seconds rg -j1 -i -c -f "$work/union.txt" "$corpus") # once: it is slow
scan1_s=$(best_of_3 "$binary" scan --json --threads 1 "$corpus")
scanall_s=$(best_of_3 "$binary" scan --json --threads "$threads" "$corpus")

echo "corpus: $(awk -v n="$bytes" 'BEGIN { printf "%.0f MB", n / 1e6 }'), planted distinct personnummer: $planted_pins"
printf '%-58s %9s %10s\n' "what" "seconds" "MB/s"
row "cat > /dev/null (raw read, page cache)" "$cat_s"
row "ripgrep -j1, union pattern, count lines (reference)" "$rg_s"
row "ripgrep -j1 --mmap, union pattern (reference)" "$rg_mmap_s"
row "ripgrep -j1 -i, identifiers + $(($(wc -l < "$work/union.txt") - 1)) vocabulary terms" "$rg_union_s"
row "skydda scan --threads 1 (validate + count + vocabulary)" "$scan1_s"
row "skydda scan --threads $threads" "$scanall_s"
awk -v a="$rg_s" -v b="$rg_mmap_s" -v u="$rg_union_s" -v s="$scan1_s" 'BEGIN {
  r = (a < b) ? a : b
  printf "single-thread: skydda is %.2fx ripgrep on the identifier pattern, %.1fx ripgrep on the equivalent union\n", r / s, u / s }'
"$binary" scan --json --stats --threads 1 "$corpus" | python3 -c '
import json, sys
r = json.load(sys.stdin)
f = r["findings"]
print("found: personal_identity_number distinct %d (matches %d), email distinct %d, phone distinct %d, health matches %d" % (
    f["personal_identity_number"]["distinct"], f["personal_identity_number"]["matches"], f["email"]["distinct"],
    f["phone"]["distinct"], f["health"]["matches"]))
print("phases (s, one thread): " + ", ".join("%s %.3f" % (k, v) for k, v in r["stats"].items() if isinstance(v, float)))'

if (( big_gb > 0 )); then
  big=$work/big.txt
  copies=$(( (big_gb * 1000000000 + bytes - 1) / bytes ))
  : > "$big"
  for ((i = 0; i < copies; i++)); do cat "$corpus" >> "$big"; done
  big_bytes=$(stat -c %s "$big")
  /usr/bin/time -f '%M %e' -o "$work/time.txt" "$binary" scan --json --threads "$threads" "$big" > /dev/null
  read -r rss_kb wall < "$work/time.txt"
  printf 'peak memory (max RSS) scanning %.1f GB with %d threads: %.1f MB in %.1f s (%.0f MB/s)\n' \
    "$(awk -v n="$big_bytes" 'BEGIN { print n / 1e9 }')" "$threads" "$(awk -v k="$rss_kb" 'BEGIN { print k / 1024 }')" \
    "$wall" "$(awk -v n="$big_bytes" -v s="$wall" 'BEGIN { print n / s / 1e6 }')"
  rm -f "$big"
fi
