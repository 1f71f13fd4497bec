#!/usr/bin/env bash
# End-to-end benchmark of `planlint check`:
#  1. throughput over 2000 generated ~20 KB drafts, against ripgrep searching
#     the same files for a placeholder regex (hyperfine, both multi-threaded);
#  2. peak resident memory checking one generated 10 MB draft (/usr/bin/time -v).
# The criterion benchmark (`cargo bench --bench analyze`) measures the core alone.
#
# Usage: bash benches/cli.sh        (needs ../shared, or PLANLINT_SHARED=DIR)
set -euo pipefail
cd "$(dirname "$0")/.."

shared=${PLANLINT_SHARED:-../shared}
gen="$shared/bench/gen_corpus.py"
[ -f "$gen" ] || { echo "benches/cli.sh: $gen not found (set PLANLINT_SHARED)" >&2; exit 2; }

need=()
command -v hyperfine >/dev/null || need+=(hyperfine)
command -v rg >/dev/null || need+=(ripgrep)
[ -x /usr/bin/time ] || need+=(time)
command -v python3 >/dev/null || need+=(python3)
if [ ${#need[@]} -gt 0 ]; then
  echo "== installing ${need[*]} (Debian)"
  sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get update -qq && $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi

echo "== build (release)"
cargo build --release --locked --quiet
pl=target/release/planlint

data=target/bench-data/cli
if [ ! -f "$data/many.stamp" ]; then
  rm -rf "$data/many"
  python3 "$gen" --out "$data/many" --docs 2000 --doc-size 20KB --seed 42 --no-truth >/dev/null
  touch "$data/many.stamp"
fi
if [ ! -f "$data/giant.stamp" ]; then
  rm -rf "$data/giant"
  python3 "$gen" --out "$data/giant" --docs 1 --doc-size 10MB --seed 42 --prefix giant --no-truth >/dev/null
  touch "$data/giant.stamp"
fi
giant=$(ls "$data"/giant/*.txt | head -1)
files=$(find "$data/many" -type f -name '*.txt' | wc -l)
bytes=$(find "$data/many" -type f -name '*.txt' -print0 | du -cb --files0-from=- | tail -1 | cut -f1)
echo "== corpus: $files files, $bytes bytes; giant: $(stat -c %s "$giant") bytes; $(nproc) cores"

# The masks a template leaves: *, **, X年/XX市, ××, 某某, underscores, an empty 【】.
# (No backslashes: hyperfine -N splits the command like a shell would.)
regex='[*]{1,3}|[XxＸ×]{1,2}[年月日市县区家个项人亿万%]|某某|_{3,}|【[[:space:]]*】'
matches=$(rg -n --no-messages -e "$regex" "$data/many" | wc -l)
echo "== rg finds $matches matching lines; planlint finds $("$pl" check --format json "$data/many" | grep -c '"code"') findings"

echo "== throughput: planlint check vs rg (hyperfine)"
# planlint exits 1 when it finds errors, which the corpus has: -i keeps hyperfine going.
hyperfine -N -i --warmup 2 --runs 10 --export-json "$data/hyperfine.json" \
  -n "planlint check" "$pl check --format json $data/many" \
  -n "rg placeholder regex" "rg -n --no-messages -e $regex $data/many" \
  --output=null

python3 - "$data/hyperfine.json" "$bytes" <<'EOF'
import json, sys
res = json.load(open(sys.argv[1]))["results"]
size = int(sys.argv[2])
rate = {}
for r in res:
    rate[r["command"]] = size / r["mean"] / 1e6
    print(f'{r["command"]:24} mean {r["mean"]*1000:8.1f} ms ± {r["stddev"]*1000:5.1f}  {rate[r["command"]]:7.1f} MB/s')
pl, rg = rate["planlint check"], rate["rg placeholder regex"]
print(f"planlint / rg throughput: {pl / rg:.2f} (target ≥ 0.50)")
EOF

echo "== peak memory on the 10 MB draft"
for cmd in "$pl check --format json $giant" "$pl check $giant"; do
  /usr/bin/time -v $cmd >/dev/null 2>"$data/time.txt" || true
  kb=$(grep 'Maximum resident' "$data/time.txt" | awk '{print $NF}')
  wall=$(grep 'Elapsed (wall clock)' "$data/time.txt" | awk '{print $NF}')
  echo "$cmd: peak RSS $((kb / 1024)) MiB ($kb KiB), wall $wall (target < 50 MiB)"
done
