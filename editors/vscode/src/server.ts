// Finding the planlint binary. No `vscode` import: unit-tested under plain Node.
//
// Order: the `planlint.path` setting, the binary bundled in the extension for
// this platform (server/<platform>-<arch>/planlint[.exe]), `planlint` on PATH,
// and last ~/.cargo/bin/planlint (where `cargo install` puts it; editors
// started from a desktop often lack it on PATH). The first candidate that
// works (exists, is executable, answers `--version` with "planlint …") wins.

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as nodePath from 'node:path';

export type Source = 'setting' | 'bundled' | 'path' | 'cargo';

export interface Candidate {
  source: Source;
  file: string;
}

export interface Lookup {
  /** `planlint.path`, unexpanded (null/empty: not set). */
  configured?: string | null;
  /** The extension's install folder (`context.extensionPath`). */
  extensionDir: string;
  platform: string;
  arch: string;
  /** The PATH variable (`process.env.PATH`). */
  envPath?: string;
  /** Home directory, for `~` and ~/.cargo/bin. */
  home?: string;
  /** First workspace folder, for `${workspaceFolder}` and relative paths. */
  workspaceFolder?: string;
  /** Checks a candidate (`problem: null` if it works). Defaults to {@link probe}. */
  check?: (file: string) => Probe;
}

export interface Tried extends Candidate {
  problem: string;
}

export interface Resolution {
  /** The binary to run, if one works. */
  found?: Candidate & { version?: string };
  /** Candidates that were tried and did not work, in order. */
  tried: Tried[];
}

function pathApi(platform: string): nodePath.PlatformPath {
  return platform === 'win32' ? nodePath.win32 : nodePath.posix;
}

export function exeName(platform: string): string {
  return platform === 'win32' ? 'planlint.exe' : 'planlint';
}

/** Where a bundled server for this platform lives inside the extension. */
export function bundledPath(extensionDir: string, platform: string, arch: string): string {
  return pathApi(platform).join(extensionDir, 'server', `${platform}-${arch}`, exeName(platform));
}

/** `planlint.path` with `~`, `${workspaceFolder}` and `${userHome}` expanded and made absolute. */
export function expandConfigured(raw: string, lookup: Pick<Lookup, 'platform' | 'home' | 'workspaceFolder'>): string {
  const p = pathApi(lookup.platform);
  let s = raw.trim();
  if (lookup.home) {
    s = s.replace(/\$\{userHome\}/g, lookup.home);
    if (s === '~') s = lookup.home;
    else if (s.startsWith('~/') || s.startsWith('~\\')) s = p.join(lookup.home, s.slice(2));
  }
  if (lookup.workspaceFolder) s = s.replace(/\$\{workspaceFolder\}/g, lookup.workspaceFolder);
  if (!p.isAbsolute(s) && lookup.workspaceFolder) s = p.join(lookup.workspaceFolder, s);
  return p.normalize(s);
}

/** Every place `planlint` is looked for, in order, without checking any. */
export function candidates(lookup: Lookup): Candidate[] {
  const p = pathApi(lookup.platform);
  const out: Candidate[] = [];
  if (lookup.configured && lookup.configured.trim() !== '') {
    out.push({ source: 'setting', file: expandConfigured(lookup.configured, lookup) });
  }
  out.push({ source: 'bundled', file: bundledPath(lookup.extensionDir, lookup.platform, lookup.arch) });
  const win = lookup.platform === 'win32';
  for (const dir of (lookup.envPath ?? '').split(win ? ';' : ':')) {
    const d = dir.trim().replace(/^"(.*)"$/, '$1');
    if (!d || !p.isAbsolute(d)) continue; // relative PATH entries depend on the cwd: skip them
    out.push({ source: 'path', file: p.join(d, exeName(lookup.platform)) });
  }
  if (lookup.home) out.push({ source: 'cargo', file: p.join(lookup.home, '.cargo', 'bin', exeName(lookup.platform)) });
  // The same file reached twice (e.g. ~/.cargo/bin is on PATH) is tried once.
  const seen = new Set<string>();
  return out.filter((c) => (seen.has(c.file) ? false : (seen.add(c.file), true)));
}

/** The first candidate that works, and what was wrong with the ones before it. */
export function resolveServer(lookup: Lookup): Resolution {
  const check = lookup.check ?? ((f: string) => probe(f));
  const tried: Tried[] = [];
  for (const c of candidates(lookup)) {
    const r = check(c.file);
    if (r.problem === null) return { found: r.version ? { ...c, version: r.version } : c, tried };
    tried.push({ ...c, problem: r.problem });
  }
  return { tried };
}

export interface Probe {
  problem: string | null;
  version?: string;
}

/** Checks that `file` is a runnable planlint: a file, executable, `--version` prints "planlint …". */
export function probe(file: string, timeoutMs = 5000): Probe {
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch {
    return { problem: 'not found' };
  }
  if (!st.isFile()) return { problem: 'not a file' };
  if (process.platform !== 'win32') {
    try {
      fs.accessSync(file, fs.constants.X_OK);
    } catch {
      return { problem: 'not executable (chmod +x)' };
    }
  }
  const r = spawnSync(file, ['--version'], { encoding: 'utf8', timeout: timeoutMs, windowsHide: true });
  if (r.error) return { problem: `cannot run: ${r.error.message}` };
  if (r.status !== 0) {
    const err = (r.stderr || '').trim().split('\n')[0] ?? '';
    return { problem: `\`--version\` exited with ${r.status ?? r.signal}${err ? `: ${err}` : ''}` };
  }
  const out = (r.stdout || '').trim();
  if (!/^planlint\b/.test(out)) return { problem: `not planlint (\`--version\` printed "${out.slice(0, 60)}")` };
  return { problem: null, version: out };
}

/** The error shown when no candidate works: says how to fix it. */
export function notFoundMessage(res: Resolution): string {
  const setting = res.tried.find((t) => t.source === 'setting');
  const lead = setting
    ? `planlint: the server set in "planlint.path" (${setting.file}) does not work: ${setting.problem}, and no other planlint binary was found.`
    : 'planlint: cannot find the planlint language server (no bundled binary for this platform, none on PATH).';
  return `${lead} Install it with "cargo install --path ." in a planlint checkout (it goes to ~/.cargo/bin), or set "planlint.path" to the planlint binary.`;
}

/** Lines for the output channel: what was tried and why it did not work (missing PATH entries left out). */
export function describeTried(res: Resolution): string[] {
  return res.tried
    .filter((t) => !(t.source === 'path' && t.problem === 'not found'))
    .map((t) => `  ${t.source}: ${t.file}: ${t.problem}`);
}
