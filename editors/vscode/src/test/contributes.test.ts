// package.json's `contributes` against what the code reads and registers.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';

import {
  CLIENT_ID,
  CLIENT_READ_SETTINGS,
  COMMANDS,
  DEFAULTS,
  LANGS,
  LEVELS,
  RULE_KEYS,
  SECTION,
  TRACE_LEVELS,
  readSettings,
} from '../config';

const extDir = path.resolve(__dirname, '..', '..');
const repoRoot = path.resolve(extDir, '..', '..');

interface Property {
  type?: string | string[];
  default?: unknown;
  enum?: unknown[];
  items?: { type?: string };
  properties?: Record<string, Property>;
  additionalProperties?: Property | boolean;
  description?: string;
  markdownDescription?: string;
}
interface Manifest {
  name: string;
  version: string;
  main: string;
  engines: { vscode: string };
  activationEvents: string[];
  scripts: Record<string, string>;
  devDependencies: Record<string, string>;
  dependencies: Record<string, string>;
  capabilities: { untrustedWorkspaces: { restrictedConfigurations: string[] } };
  contributes: {
    commands: { command: string; title: string; category?: string }[];
    menus: { commandPalette: { command: string; when?: string }[] };
    configuration: { properties: Record<string, Property> };
  };
}

const pkg = JSON.parse(fs.readFileSync(path.join(extDir, 'package.json'), 'utf8')) as Manifest;
const props = pkg.contributes.configuration.properties;
const prop = (key: string): Property => {
  const p = props[`${SECTION}.${key}`];
  assert.ok(p, `package.json lacks ${SECTION}.${key}`);
  return p;
};

/** The keys readSettings asks for, each with the fallback it passes. */
function keysRead(): Map<string, unknown> {
  const seen = new Map<string, unknown>();
  readSettings(<T>(key: string, fallback: T): T => {
    seen.set(key, fallback);
    return fallback;
  });
  return seen;
}

describe('package.json contributes', () => {
  it('declares exactly the settings the code reads (ours and the client library\'s)', () => {
    const declared = Object.keys(props).sort();
    const read = [...keysRead().keys(), ...CLIENT_READ_SETTINGS].map((k) => `${SECTION}.${k}`).sort();
    assert.deepEqual(declared, read);
  });

  it('has the defaults the code falls back to', () => {
    for (const [key, fallback] of keysRead()) {
      assert.deepEqual(prop(key).default, fallback, key);
      assert.deepEqual(fallback, DEFAULTS[key as keyof typeof DEFAULTS], key);
    }
    // What VS Code hands over when nothing is set reads back as the defaults.
    const fromManifest = readSettings(<T>(key: string, fallback: T): T => (prop(key).default ?? fallback) as T);
    assert.deepEqual(fromManifest, DEFAULTS);
  });

  it('describes every setting', () => {
    for (const [key, p] of Object.entries(props)) assert.ok(p.description ?? p.markdownDescription, key);
  });

  it('has the values the code accepts', () => {
    assert.deepEqual(prop('lang').enum, [...LANGS, null]);
    assert.deepEqual(prop('trace.server').enum, [...TRACE_LEVELS]);
    assert.equal(prop('trace.server').default, 'off');
    assert.equal(prop('filePatterns').items?.type, 'string');
    assert.equal(prop('onlyPlans').type, 'boolean');
    assert.equal(prop('inlayHints.leadUnit').type, 'boolean');
    const rules = prop('rules');
    assert.deepEqual(Object.keys(rules.properties ?? {}).sort(), [...RULE_KEYS].sort());
    for (const [rule, p] of Object.entries(rules.properties ?? {})) assert.deepEqual(p.enum, [...LEVELS], rule);
    assert.deepEqual((rules.additionalProperties as Property).enum, [...LEVELS]);
  });

  it('keeps planlint.path out of untrusted workspaces\' settings', () => {
    assert.ok(pkg.capabilities.untrustedWorkspaces.restrictedConfigurations.includes(`${SECTION}.path`));
  });

  it('names the client like the settings section, so the client library finds planlint.trace.server', () => {
    assert.equal(CLIENT_ID, SECTION);
    assert.equal(pkg.name, SECTION);
  });

  it('contributes exactly the commands the code registers', () => {
    const contributed = pkg.contributes.commands.map((c) => c.command).sort();
    assert.deepEqual(contributed, Object.values(COMMANDS).sort());
    const restart = pkg.contributes.commands.find((c) => c.command === COMMANDS.restartServer);
    assert.equal(`${restart?.category}: ${restart?.title}`, 'planlint: Restart server');
    const report = pkg.contributes.commands.find((c) => c.command === COMMANDS.showReport);
    assert.equal(`${report?.category}: ${report?.title}`, 'planlint: Show responsibility report');
    // Offered in the palette over a text or Markdown editor (and over the report itself).
    const when = pkg.contributes.menus.commandPalette.find((m) => m.command === COMMANDS.showReport)?.when ?? '';
    for (const lang of ['plaintext', 'markdown']) assert.ok(when.includes(`editorLangId == ${lang}`), when);
    // extension.ts registers COMMANDS[name] for every name (its handler table is typed by CommandName).
    const js = fs.readFileSync(path.join(extDir, 'out', 'extension.js'), 'utf8');
    assert.match(js, /registerCommand\(config_1\.COMMANDS\[name\]/);
  });

  it('activates for plain text and Markdown and points at the compiled entry', () => {
    assert.ok(pkg.activationEvents.includes('onLanguage:plaintext'));
    assert.ok(pkg.activationEvents.includes('onLanguage:markdown'));
    assert.equal(pkg.main, './out/extension.js');
    assert.ok(fs.existsSync(path.join(extDir, pkg.main)), 'compile first');
  });

  it('has the npm scripts and versions the build relies on', () => {
    for (const s of ['compile', 'lint', 'test', 'bundle-server', 'package']) assert.ok(pkg.scripts[s], s);
    assert.equal(pkg.dependencies['vscode-languageclient'], '9.0.1');
    // vsce refuses @types/vscode newer than engines.vscode.
    const engine = pkg.engines.vscode.replace(/^\^/, '');
    assert.equal(pkg.devDependencies['@types/vscode'], engine);
  });
});

describe('rules known to the server', () => {
  // The binary of this cargo test run (PLANLINT_BIN, set by tests/it/vscode.rs), else
  // whichever build is there; skipped when planlint is not built.
  const exe = process.platform === 'win32' ? 'planlint.exe' : 'planlint';
  const bin =
    process.env.PLANLINT_BIN ||
    ['release', 'debug'].map((p) => path.join(repoRoot, 'target', p, exe)).find((f) => fs.existsSync(f));
  it('are all listed in planlint.rules (name and code)', { skip: !bin && 'planlint not built' }, () => {
    assert.ok(bin);
    const r = spawnSync(bin, ['rules', '--lang', 'en'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const listed = r.stdout
      .split('\n')
      .map((l) => l.trim().split(/\s+/))
      .filter((cols) => /^PL\d+$/.test(cols[0] ?? ''))
      .flatMap((cols) => [cols[1] ?? '', cols[0] ?? '']);
    assert.ok(listed.length >= 2);
    assert.deepEqual([...RULE_KEYS].sort(), listed.sort());
  });
});
