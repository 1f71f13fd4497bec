#!/usr/bin/env node
// Copies the planlint binary into server/<platform>-<arch>/ so that
// `npm run package` ships it inside the .vsix.
//
// Usage: node scripts/bundle-server.mjs [--from PATH] [--target PLATFORM-ARCH] [--no-strip]
//   --from     binary to copy (default: <cargo's target directory>/release/planlint[.exe], from
//              `cargo build --release`; the directory is cargo's own answer, `cargo metadata`, so
//              CARGO_TARGET_DIR and .cargo/config.toml are honoured)
//   --target   folder name under server/ (default: this machine's, e.g. linux-x64)
//   --no-strip keep debug info (the release profile keeps line tables: ~40 MB instead of ~7 MB)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const extDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const opt = (name) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const target = opt('target') ?? `${process.platform}-${process.arch}`;
const windows = target.startsWith('win32');
const exe = windows ? 'planlint.exe' : 'planlint';

/** Where cargo puts its builds for this repository: `cargo metadata`, else CARGO_TARGET_DIR, else ./target. */
function targetDir() {
  const repo = path.join(extDir, '..', '..');
  const r = spawnSync('cargo', ['metadata', '--format-version', '1', '--no-deps', '--offline'], { cwd: repo, encoding: 'utf8' });
  if (r.status === 0) {
    try {
      const dir = JSON.parse(r.stdout).target_directory;
      if (dir) return dir;
    } catch { /* fall through */ }
  }
  if (process.env.CARGO_TARGET_DIR) return path.resolve(repo, process.env.CARGO_TARGET_DIR);
  return path.join(repo, 'target');
}
const from = path.resolve(opt('from') ?? path.join(targetDir(), 'release', exe));

if (!fs.existsSync(from)) {
  console.error(`bundle-server: ${from} does not exist. Build it first: (cd ../.. && cargo build --release)`);
  process.exit(1);
}
const destDir = path.join(extDir, 'server', target);
const dest = path.join(destDir, exe);
fs.mkdirSync(destDir, { recursive: true });
fs.copyFileSync(from, dest);
fs.chmodSync(dest, 0o755);

let stripped = false;
if (!argv.includes('--no-strip') && !windows && target === `${process.platform}-${process.arch}`) {
  const r = spawnSync('strip', [dest], { stdio: 'inherit' });
  stripped = r.status === 0;
  if (!stripped) console.error('bundle-server: `strip` failed or is missing; bundling the binary as built');
}
// A bundled binary that does not run is worse than none: check it.
if (target === `${process.platform}-${process.arch}`) {
  const r = spawnSync(dest, ['--version'], { encoding: 'utf8' });
  if (r.status !== 0 || !/^planlint\b/.test(r.stdout)) {
    console.error(`bundle-server: ${dest} --version failed: ${r.error?.message ?? r.stderr}`);
    process.exit(1);
  }
  console.log(`bundle-server: ${r.stdout.trim()}`);
}
const size = fs.statSync(dest).size;
console.log(`bundle-server: ${path.relative(extDir, dest)} (${(size / 1e6).toFixed(1)} MB${stripped ? ', stripped' : ''})`);
