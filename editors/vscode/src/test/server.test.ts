import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';

import {
  type Lookup,
  type Probe,
  bundledPath,
  candidates,
  describeTried,
  expandConfigured,
  notFoundMessage,
  probe,
  resolveServer,
} from '../server';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'planlint-vscode-test-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Writes a shell script standing in for a binary. */
function script(rel: string, body: string, mode = 0o755): string {
  const file = path.join(tmp, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `#!/bin/sh\n${body}\n`, { mode });
  fs.chmodSync(file, mode);
  return file;
}

const posix = process.platform !== 'win32';

describe('candidates', () => {
  const base: Lookup = {
    extensionDir: '/ext',
    platform: 'linux',
    arch: 'x64',
    envPath: '/usr/local/bin:relative/bin::/usr/bin:/home/u/.cargo/bin',
    home: '/home/u',
  };

  it('orders setting, bundled, PATH, ~/.cargo/bin, skipping relative PATH entries and repeats', () => {
    assert.deepEqual(candidates({ ...base, configured: '~/bin/planlint' }), [
      { source: 'setting', file: '/home/u/bin/planlint' },
      { source: 'bundled', file: '/ext/server/linux-x64/planlint' },
      { source: 'path', file: '/usr/local/bin/planlint' },
      { source: 'path', file: '/usr/bin/planlint' },
      { source: 'path', file: '/home/u/.cargo/bin/planlint' },
    ]);
  });

  it('leaves the setting out when it is unset or blank', () => {
    assert.equal(candidates({ ...base, configured: null })[0]?.source, 'bundled');
    assert.equal(candidates({ ...base, configured: '  ' })[0]?.source, 'bundled');
    assert.equal(candidates({ ...base, envPath: undefined }).at(-1)?.source, 'cargo');
  });

  it('uses Windows paths, separators and planlint.exe on win32', () => {
    const c = candidates({
      extensionDir: 'C:\\ext',
      platform: 'win32',
      arch: 'arm64',
      envPath: 'C:\\Tools;"C:\\Program Files\\planlint";',
      home: 'C:\\Users\\u',
    });
    assert.deepEqual(c.map((x) => x.file), [
      'C:\\ext\\server\\win32-arm64\\planlint.exe',
      'C:\\Tools\\planlint.exe',
      'C:\\Program Files\\planlint\\planlint.exe',
      'C:\\Users\\u\\.cargo\\bin\\planlint.exe',
    ]);
    assert.equal(bundledPath('/e', 'darwin', 'arm64'), '/e/server/darwin-arm64/planlint');
  });
});

describe('expandConfigured', () => {
  const l = { platform: 'linux', home: '/home/u', workspaceFolder: '/work/plans' };
  it('expands ~, ${userHome} and ${workspaceFolder}, and resolves relative paths in the workspace', () => {
    assert.equal(expandConfigured('~/x/planlint', l), '/home/u/x/planlint');
    assert.equal(expandConfigured('${userHome}/planlint', l), '/home/u/planlint');
    assert.equal(expandConfigured('${workspaceFolder}/bin/planlint', l), '/work/plans/bin/planlint');
    assert.equal(expandConfigured('target/release/planlint', l), '/work/plans/target/release/planlint');
    assert.equal(expandConfigured('/abs/../planlint', l), '/planlint');
    assert.equal(expandConfigured('rel/planlint', { platform: 'linux' }), 'rel/planlint');
  });
});

describe('resolveServer with a fake check', () => {
  const lookup = (works: string[], configured?: string): Lookup => ({
    configured,
    extensionDir: '/ext',
    platform: 'linux',
    arch: 'x64',
    envPath: '/a:/b',
    home: '/h',
    check: (f): Probe => (works.includes(f) ? { problem: null, version: 'planlint 9.9.9' } : { problem: 'not found' }),
  });

  it('prefers the setting, then the bundled binary, then PATH, then cargo', () => {
    const all = ['/s/planlint', '/ext/server/linux-x64/planlint', '/b/planlint', '/h/.cargo/bin/planlint'];
    assert.equal(resolveServer(lookup(all, '/s/planlint')).found?.source, 'setting');
    assert.equal(resolveServer(lookup(all)).found?.source, 'bundled');
    assert.deepEqual(resolveServer(lookup(all.slice(2))).found, {
      source: 'path', file: '/b/planlint', version: 'planlint 9.9.9',
    });
    assert.equal(resolveServer(lookup(all.slice(3))).found?.source, 'cargo');
  });

  it('falls back past a broken setting and remembers why', () => {
    const r = resolveServer(lookup(['/b/planlint'], '/s/planlint'));
    assert.equal(r.found?.file, '/b/planlint');
    assert.deepEqual(r.tried[0], { source: 'setting', file: '/s/planlint', problem: 'not found' });
  });

  it('reports every candidate when none works, with a message saying how to fix it', () => {
    const r = resolveServer(lookup([]));
    assert.equal(r.found, undefined);
    assert.deepEqual(r.tried.map((t) => t.source), ['bundled', 'path', 'path', 'cargo']);
    const msg = notFoundMessage(r);
    assert.match(msg, /cargo install --path \./);
    assert.match(msg, /planlint\.path/);
    // Missing files on PATH are noise in the log; the others are listed.
    assert.deepEqual(describeTried(r), [
      '  bundled: /ext/server/linux-x64/planlint: not found',
      '  cargo: /h/.cargo/bin/planlint: not found',
    ]);
    const withSetting = notFoundMessage(resolveServer(lookup([], '/s/planlint')));
    assert.match(withSetting, /"planlint\.path" \(\/s\/planlint\) does not work: not found/);
  });
});

describe('probe and resolveServer on real files', { skip: !posix && 'shell scripts stand in for binaries' }, () => {
  it('accepts a planlint that answers --version', () => {
    const f = script('ok/planlint', 'echo "planlint 0.1.0"');
    assert.deepEqual(probe(f), { problem: null, version: 'planlint 0.1.0' });
  });

  it('explains what is wrong with the others', () => {
    assert.equal(probe(path.join(tmp, 'nope/planlint')).problem, 'not found');
    assert.equal(probe(tmp).problem, 'not a file');
    assert.match(probe(script('noexec/planlint', 'echo planlint 1', 0o644)).problem ?? '', /not executable/);
    assert.match(probe(script('fails/planlint', 'echo boom >&2; exit 3')).problem ?? '', /exited with 3: boom/);
    assert.match(probe(script('other/planlint', 'echo "ripgrep 14"')).problem ?? '', /not planlint/);
    assert.match(probe(script('hangs/planlint', 'exec sleep 5'), 200).problem ?? '', /cannot run|exited with/);
  });

  it('finds a bundled binary before one on PATH, and one on PATH when nothing is bundled', () => {
    const ext = path.join(tmp, 'ext');
    const bundled = script(`ext/server/${process.platform}-${process.arch}/planlint`, 'echo "planlint 0.1.0 (bundled)"');
    const onPath = script('pathdir/planlint', 'echo "planlint 0.1.0 (path)"');
    const base: Lookup = {
      extensionDir: ext,
      platform: process.platform,
      arch: process.arch,
      envPath: [path.join(tmp, 'empty'), path.dirname(onPath)].join(path.delimiter),
      home: path.join(tmp, 'home'),
    };
    assert.deepEqual(resolveServer(base).found, { source: 'bundled', file: bundled, version: 'planlint 0.1.0 (bundled)' });
    fs.rmSync(path.join(ext, 'server'), { recursive: true });
    assert.equal(resolveServer(base).found?.file, onPath);
    assert.equal(resolveServer({ ...base, configured: 'ok/planlint', workspaceFolder: tmp }).found?.source, 'setting');
  });
});
