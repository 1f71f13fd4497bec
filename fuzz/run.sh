#!/usr/bin/env bash
# Builds and runs the fuzz targets (fuzz/README.md).
#
#   fuzz/run.sh --ci            install cargo-fuzz if it is missing, build, and run
#                               every target for CI_SECONDS (30) on the seed corpora; fails on
#                               the first crash, leaving the input in fuzz/artifacts/TARGET/
#   fuzz/run.sh [SECONDS] [TARGET...]
#                               run the targets (all by default) one after the other, SECONDS
#                               each (600), growing the corpora kept in fuzz/corpus/TARGET/
#
# Seeds and dictionaries are made by fuzz/seeds.py (test fixtures, and drafts of
# ../shared/bench/gen_corpus.py when it is there). Every run prints the target's
# executions; JOBS=n runs n fuzzing processes per target (default 1).
set -euo pipefail
cd "$(dirname "$0")"

TARGETS=(analyze config lsp_stream lsp_messages docx)
CI_SECONDS=${CI_SECONDS:-30}
JOBS=${JOBS:-1}
# No sanitizer: planlint is safe Rust (`#![deny(unsafe_code)]`), so what the targets
# look for are panics, hangs and broken invariants, which need none. Without one, the
# build needs no nightly features: it runs on the machine's one toolchain (a new machine
# cannot fetch another). SANITIZER=address TOOLCHAIN=nightly builds with AddressSanitizer.
SANITIZER=${SANITIZER:-none}
TOOLCHAIN=${TOOLCHAIN:-}
cargo=(cargo)
[[ -n $TOOLCHAIN ]] && cargo=(cargo "+$TOOLCHAIN")

ci=false
if [[ ${1:-} == --ci ]]; then
    ci=true
    shift
fi
seconds=${1:-600}
[[ $# -gt 0 ]] && shift
targets=("$@")
[[ ${#targets[@]} -eq 0 ]] && targets=("${TARGETS[@]}")

if $ci; then
    echo "== fuzz: cargo-fuzz"
    command -v cargo-fuzz >/dev/null || cargo install --locked cargo-fuzz
    seconds=$CI_SECONDS
fi
"${cargo[@]}" --version
"${cargo[@]}" fuzz --version

echo "== fuzz: build (release, debug assertions, sanitizer: $SANITIZER)"
# `cargo fuzz build` builds one target or all of them.
one=()
[[ ${#targets[@]} -eq 1 ]] && one=("${targets[0]}")
# --no-trace-compares: tracing every comparison took half the time of an execution
# (perf, target analyze); the dictionaries give the tokens it would find.
"${cargo[@]}" fuzz build --sanitizer "$SANITIZER" --no-trace-compares "${one[@]}"
bin=${CARGO_TARGET_DIR:-target}/x86_64-unknown-linux-gnu/release

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 seeds.py "$work" 2>/dev/null

status=0
for t in "${targets[@]}"; do
    corpus=corpus/$t
    mkdir -p "$corpus" "artifacts/$t"
    log=$work/$t.log
    echo "== fuzz: $t, ${seconds}s"
    # -max_len: a few thousand bytes hold a section of a draft (the seeds are 0.3-4 KB),
    # sessions wrap one in JSON; longer inputs only cost time. -timeout: one input running
    # 10 s is a hang; -rss_limit_mb: one using 2 GB is a leak.
    max_len=4096
    [[ $t == lsp_* || $t == docx ]] && max_len=12288
    set +e
    # One process fuzzes in this one (its statistics in its log); -jobs would fork
    # workers writing fuzz-N.log instead.
    jobs=()
    [[ $JOBS -gt 1 ]] && jobs=(-jobs="$JOBS" -workers="$JOBS")
    "$bin/$t" "$corpus" "$work/$t" \
        -dict="$work/$t.dict" -max_len=$max_len -timeout=10 -rss_limit_mb=2048 \
        -max_total_time="$seconds" "${jobs[@]}" -print_final_stats=1 \
        -artifact_prefix="artifacts/$t/" >"$log" 2>&1
    code=$?
    set -e
    if [[ $JOBS -gt 1 ]]; then cat fuzz-*.log >>"$log" && rm -f fuzz-*.log; fi
    grep -h '^stat::number_of_executed_units' "$log" | awk -v t="$t" '{n += $2} END {print t ": " n " executions"}'
    if [[ $code -ne 0 ]] || grep -q '^==[0-9]*== ERROR: libFuzzer' "$log"; then
        grep -v '^#[0-9]' "$log" | tail -60
        echo "fuzz: $t found a crash: $(ls -t "artifacts/$t" | head -1) in fuzz/artifacts/$t/" >&2
        status=1
        $ci && exit 1
    fi
done
exit $status
