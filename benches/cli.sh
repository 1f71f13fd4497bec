#!/usr/bin/env bash
# End-to-end benchmark of `planlint check`:
#  1. throughput over 2000 generated ~20 KB drafts, against ripgrep searching
#     the same files for a placeholder regex (hyperfine, both multi-threaded);
#  2. peak resident memory checking one generated 10 MB draft (/usr/bin/time -v);
#  3. a ~1 MB .docx and the same draft as .txt: time (hyperfine) and peak resident memory.
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

echo "== .docx: a ~1 MB .docx (a 12 MB draft) and the same draft as .txt"
# The same generated draft written into a .docx by python3's zipfile: a paragraph per line,
# its 一、 （一） 1. （1） headings numbered by a Word list (word/numbering.xml).
if [ ! -f "$data/docx.stamp" ]; then
  rm -rf "$data/docx"
  python3 "$gen" --out "$data/docx" --docs 1 --doc-size 12MB --seed 7 --prefix one --no-truth >/dev/null
  python3 - "$data/docx" <<'EOF'
import glob, re, sys, zipfile
from xml.sax.saxutils import escape
src = glob.glob(sys.argv[1] + "/*.txt")[0]
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
heads = [(0, re.compile(r"^[一二三四五六七八九十]+、")), (1, re.compile(r"^（[一二三四五六七八九十]+）")),
         (2, re.compile(r"^\d+\.")), (3, re.compile(r"^（\d+）"))]
body = []
for line in open(src, encoding="utf-8").read().splitlines():
    ppr = ""
    for lvl, rx in heads:
        m = rx.match(line)
        if m:
            ppr = f'<w:pPr><w:numPr><w:ilvl w:val="{lvl}"/><w:numId w:val="1"/></w:numPr></w:pPr>'
            line = line[m.end():]
            break
    body.append(f'<w:p>{ppr}<w:r><w:t xml:space="preserve">{escape(line)}</w:t></w:r></w:p>')
lvl = lambda i, fmt, text, extra="": (f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
                                      f'<w:lvlText w:val="{text}"/><w:suff w:val="nothing"/>{extra}</w:lvl>')
# Task numbers (level 2) count on across （一） sections, as the generator's drafts do.
numbering = (f'<w:numbering xmlns:w="{W}"><w:abstractNum w:abstractNumId="0">'
             + lvl(0, "chineseCounting", "%1、") + lvl(1, "chineseCounting", "（%2）")
             + lvl(2, "decimal", "%3.", '<w:lvlRestart w:val="1"/>') + lvl(3, "decimal", "（%4）")
             + '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>')
rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
pkg = "http://schemas.openxmlformats.org/package/2006/relationships"
with zipfile.ZipFile(src[:-4] + ".docx", "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("_rels/.rels", f'<Relationships xmlns="{pkg}"><Relationship Id="r1" Type="{rel}/officeDocument" Target="word/document.xml"/></Relationships>')
    z.writestr("word/_rels/document.xml.rels", f'<Relationships xmlns="{pkg}"><Relationship Id="r1" Type="{rel}/numbering" Target="numbering.xml"/></Relationships>')
    z.writestr("word/numbering.xml", numbering)
    z.writestr("word/document.xml", f'<w:document xmlns:w="{W}"><w:body>{"".join(body)}</w:body></w:document>')
EOF
  touch "$data/docx.stamp"
fi
txt=$(ls "$data"/docx/*.txt | head -1)
docx=${txt%.txt}.docx
echo "$(stat -c %s "$txt") bytes of text; $(stat -c %s "$docx") bytes of .docx"
hyperfine -N -i --warmup 3 --runs 20 \
  -n "planlint check (.txt)" "$pl check --format json $txt" \
  -n "planlint check (.docx)" "$pl check --format json $docx" \
  --output=null
for f in "$txt" "$docx"; do
  /usr/bin/time -v "$pl" check --format json "$f" >/dev/null 2>"$data/time.txt" || true
  kb=$(grep 'Maximum resident' "$data/time.txt" | awk '{print $NF}')
  echo "$pl check --format json $f: peak RSS $((kb / 1024)) MiB ($kb KiB)"
done
