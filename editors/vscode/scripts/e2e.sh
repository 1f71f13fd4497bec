#!/usr/bin/env bash
# End-to-end test of the extension in real VS Code (code-server 4.100.3 =
# VS Code 1.100.3 in the browser) driven through headless Chromium:
#   1. builds planlint (cargo build --release), bundles it, packages the .vsix;
#   2. installs code-server + Chromium + playwright-core if missing
#      (bash ../shared/tools/lsp-clients/setup.sh apt tools code-server);
#   3. installs the .vsix into a fresh code-server profile, opens a copy of
#      examples/draft.txt (and a non-plan notes.txt) in a fresh workspace and
#      runs scripts/e2e.mjs (checks: see there);
#   4. saves images/screenshot.png and images/report-webview.png (used by the READMEs).
# Prints the JSON summary on stdout; exit 0 when every check passed.
#
# Usage: scripts/e2e.sh [--keep] [--no-build] [--timeout SECS]
# Env: LSP_CLIENTS_PREFIX (default /tmp/lsp-clients), LSP_CLIENTS_SETUP (setup.sh),
#      CODE_SERVER, CHROMIUM, E2E_SCREENSHOT (default images/screenshot.png),
#      E2E_REPORT_SCREENSHOT (default images/report-webview.png).
# code-server listens on 127.0.0.1 only (auth none); the browser may fetch from it only.
set -euo pipefail
ext="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
repo="$(cd "$ext/../.." && pwd)"
keep="" build=1 timeout=60
while [ $# -gt 0 ]; do
  case "$1" in
    --keep) keep=1; shift;;
    --no-build) build=""; shift;;
    --timeout) timeout="$2"; shift 2;;
    -h|--help) sed -n '2,18p' "$0"; exit 0;;
    *) echo "e2e.sh: unknown argument $1" >&2; exit 2;;
  esac
done
P="${LSP_CLIENTS_PREFIX:-/tmp/lsp-clients}"
setup="${LSP_CLIENTS_SETUP:-$repo/../shared/tools/lsp-clients/setup.sh}"
cs="${CODE_SERVER:-$P/code-server/node_modules/.bin/code-server}"
chromium="${CHROMIUM:-/usr/bin/chromium}"
shot="${E2E_SCREENSHOT:-$ext/images/screenshot.png}"
report_shot="${E2E_REPORT_SCREENSHOT:-$ext/images/report-webview.png}"
results="$ext/test-results"
log() { echo "e2e: $*" >&2; }

# 1. server binary, bundled, packaged.
if [ -n "$build" ]; then
  log "cargo build --release"
  (cd "$repo" && cargo build --release >&2)
fi
cd "$ext"
[ -d node_modules ] || { log "npm ci"; npm ci --no-audit --no-fund >&2; }
npm run --silent bundle-server >&2
log "packaging"
rm -rf "$results"; mkdir -p "$results"
npm run --silent package >"$results/package.log" 2>&1 || { cat "$results/package.log" >&2; exit 1; }
version="$(node -p 'require("./package.json").version')"
vsix="$ext/planlint-$version.vsix"
[ -f "$vsix" ] || { log "no $vsix"; exit 1; }
log "$(basename "$vsix"): $(stat -c %s "$vsix") bytes"

# 2. code-server, Chromium, playwright-core.
have_playwright() { [ -d "$P/vsx-tools/node_modules/playwright-core" ] || [ -d "$ext/node_modules/playwright-core" ]; }
if [ ! -x "$cs" ] || [ ! -x "$chromium" ] || ! have_playwright; then
  [ -f "$setup" ] || { log "code-server/Chromium missing and no $setup"; exit 2; }
  log "installing code-server, Chromium, playwright-core (setup.sh apt tools code-server; ~6 min)"
  LSP_CLIENTS_PREFIX="$P" bash "$setup" apt tools code-server >&2
fi

# 3. fresh profile + workspace, install the .vsix, start code-server.
w="$(mktemp -d /tmp/planlint-e2e.XXXXXX)"
mkdir -p "$w/home" "$w/ud/User" "$w/ext" "$w/proj"
cp "$repo/examples/draft.txt" "$w/proj/draft.txt"
printf '读书会记录\n\n本次读书会由XX市图书馆承办，共有**人参加。\n下次活动时间另行通知。\n' >"$w/proj/notes.txt"
# Two copies of a draft with safe fixes (numbers in non-standard form) and one unsafe one (a gap).
for f in format fixall; do
  printf '二、主要任务\n（一）、壮大创新主体\n1、实施企业培育工程。（牵头单位：区科技局）\n2、建设公共技术平台。（牵头单位：区工信局）\n（三）优化创新环境\n' >"$w/proj/$f.txt"
done
# Units to rename, and tasks whose lead is written on another line (inlay hints).
printf '北岭市2026年科技工作要点\n二、主要任务\n（一）壮大创新主体（牵头单位：市发展改革委）\n1.𠀀实施企业培育工程。新增企业10家。\n2.😀建设研发平台。新建平台3个。（牵头单位：市科技局；责任单位：区市科技局合作中心）\n3.推进成果转化。\n（牵头单位：市科技局；责任单位：市财政局）\n由市科技局会同市财政局做好统筹。\n' >"$w/proj/units.txt"
cat >"$w/ud/User/settings.json" <<'JSON'
{
  "telemetry.telemetryLevel": "off", "update.mode": "none", "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false, "workbench.enableExperiments": false, "workbench.startupEditor": "none",
  "security.workspace.trust.enabled": false, "workbench.tips.enabled": false,
  "extensions.ignoreRecommendations": true, "git.enabled": false, "npm.fetchOnlinePackageInfo": false,
  "workbench.colorTheme": "Default Light Modern", "chat.disableAIFeatures": true,
  "editor.fontFamily": "'Noto Sans Mono CJK SC', 'Noto Sans CJK SC', monospace", "editor.fontSize": 14,
  "editor.minimap.enabled": false, "window.commandCenter": false, "workbench.layoutControl.enabled": false,
  "editor.quickSuggestions": { "other": false, "comments": false, "strings": false },
  "files.autoSave": "off", "editor.stickyScroll.enabled": false, "breadcrumbs.enabled": false,
  "planlint.trace.server": "messages"
}
JSON
export HOME="$w/home" XDG_CONFIG_HOME="$w/home/.config" XDG_DATA_HOME="$w/home/.local/share" XDG_CACHE_HOME="$w/home/.cache"
# The marketplace points at a dead loopback port: nothing is fetched from outside.
export EXTENSIONS_GALLERY='{"serviceUrl":"http://127.0.0.1:9/gallery","itemUrl":"http://127.0.0.1:9/item"}'
# No planlint on PATH, so the extension must use the one it bundles.
clean_path=""
IFS=: read -r -a dirs <<<"$PATH"
for d in "${dirs[@]}"; do [ -n "$d" ] && [ ! -e "$d/planlint" ] && clean_path="${clean_path:+$clean_path:}$d"; done
export PATH="$clean_path"

cspid=""
cleanup() {
  if [ -n "$cspid" ]; then
    kill -TERM -- "-$cspid" 2>/dev/null || true
    for _ in 1 2 3 4 5 6; do pgrep -g "$cspid" >/dev/null 2>&1 || break; sleep 0.5; done
    kill -KILL -- "-$cspid" 2>/dev/null || true
    wait "$cspid" 2>/dev/null || true
  fi
  if [ -n "$keep" ]; then log "kept $w"; else rm -rf "$w"; fi
}
trap cleanup EXIT

log "installing the .vsix into code-server"
"$cs" --user-data-dir "$w/ud" --extensions-dir "$w/ext" --install-extension "$vsix" >"$w/install.log" 2>&1 \
  || { cat "$w/install.log" >&2; exit 1; }
installed="$(ls -d "$w/ext"/planlint.planlint-* 2>/dev/null | head -1)"
[ -n "$installed" ] || { cat "$w/install.log" >&2; log "extension not installed"; exit 1; }
bundled="$installed/server/linux-x64/planlint"
[ -x "$bundled" ] || { log "bundled server missing or not executable after install: $bundled"; exit 1; }

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
# setsid: code-server and everything it starts (extension host, planlint) share
# one process group, ended by its id in cleanup.
setsid "$cs" --bind-addr "127.0.0.1:$port" --auth none --disable-telemetry --disable-update-check \
  --disable-workspace-trust --disable-getting-started-override \
  --user-data-dir "$w/ud" --extensions-dir "$w/ext" "$w/proj" >"$w/code-server.log" 2>&1 &
cspid=$!
up=""
for _ in $(seq 1 120); do
  if curl -s -o /dev/null "http://127.0.0.1:$port/healthz"; then up=1; break; fi
  sleep 0.5
done
[ -n "$up" ] || { cat "$w/code-server.log" >&2; log "code-server did not come up"; exit 1; }

log "driving VS Code"
set +e
node "$ext/scripts/e2e.mjs" --url "http://127.0.0.1:$port/?folder=$w/proj" --workspace "$w/proj" \
  --ext-dir "$installed" --pgid "$cspid" --screenshot "$shot" --report-screenshot "$report_shot" --results "$results" --timeout "$timeout" --chromium "$chromium" \
  >"$results/e2e-summary.json"
rc=$?
set -e
# What the extension wrote to its output channel (server path, restarts) for the record.
find "$w/ud/logs" -path '*output_logging*' -name '*planlint*.log' -exec cat {} + >"$results/output-channel.log" 2>/dev/null || true
cp "$w/code-server.log" "$results/code-server.log" 2>/dev/null || true
cat "$results/e2e-summary.json"
[ $rc -eq 0 ] && log "PASS (screenshot: $shot)" || log "FAIL (see $results)"
exit $rc
