import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import {
  DEFAULTS,
  type Getter,
  documentSelector,
  initializationOptions,
  needsRestart,
  normalizePatterns,
  readSettings,
} from '../config';

/** A getter over a plain object, like `WorkspaceConfiguration.get`. */
function getterOf(values: Record<string, unknown>): Getter {
  return <T>(key: string, fallback: T): T => (key in values ? (values[key] as T) : fallback);
}

describe('readSettings', () => {
  it('gives the defaults when nothing is set', () => {
    assert.deepEqual(readSettings(getterOf({})), DEFAULTS);
  });

  it('reads set values', () => {
    const s = readSettings(getterOf({
      path: ' /opt/planlint ',
      filePatterns: ['**/*.plan'],
      onlyPlans: true,
      lang: 'en',
      rules: { placeholder: 'warning', PL301: 'off' },
      'inlayHints.leadUnit': true,
    }));
    assert.deepEqual(s, {
      path: '/opt/planlint',
      filePatterns: ['**/*.plan'],
      onlyPlans: true,
      lang: 'en',
      rules: { placeholder: 'warning', PL301: 'off' },
      'inlayHints.leadUnit': true,
    });
  });

  it('falls back to the default for values of the wrong type', () => {
    const s = readSettings(getterOf({
      path: '',
      filePatterns: '**/*.txt',
      onlyPlans: 'yes',
      lang: 'fr',
      rules: { placeholder: 3, PL201: 'hint' },
      'inlayHints.leadUnit': 'on',
    }));
    assert.deepEqual(s, { ...DEFAULTS, rules: { PL201: 'hint' } });
    assert.deepEqual(readSettings(getterOf({ rules: ['off'], filePatterns: ['', 7, '*.md'] })).rules, {});
    assert.deepEqual(readSettings(getterOf({ filePatterns: ['', 7, '*.md'] })).filePatterns, ['*.md']);
  });
});

describe('initializationOptions', () => {
  it('sends lang only when set, rules and inlay hints always, under the planlint key', () => {
    assert.deepEqual(initializationOptions(DEFAULTS), { planlint: { rules: {}, inlayHints: { leadUnit: false } } });
    assert.deepEqual(
      initializationOptions({ ...DEFAULTS, lang: 'en', rules: { PL101: 'off' }, 'inlayHints.leadUnit': true }),
      { planlint: { lang: 'en', rules: { PL101: 'off' }, inlayHints: { leadUnit: true } } },
    );
  });

  it('does not share the rules object with the settings', () => {
    const rules = { PL101: 'off' };
    const opts = initializationOptions({ ...DEFAULTS, rules });
    opts.planlint.rules.PL201 = 'hint';
    assert.deepEqual(rules, { PL101: 'off' });
  });
});

describe('document selector', () => {
  it('uses the patterns for files on disk', () => {
    assert.deepEqual(documentSelector(DEFAULTS.filePatterns), [
      { scheme: 'file', pattern: '**/*.txt' },
      { scheme: 'file', pattern: '**/*.md' },
    ]);
  });

  it('makes bare file patterns match in any folder, drops blanks and repeats', () => {
    assert.deepEqual(normalizePatterns(['*.txt', '**/*.txt', ' ', 'plans/*.md', 'docs\\*.md', '*.txt']), [
      '**/*.txt',
      'plans/*.md',
      'docs/*.md',
    ]);
  });
});

describe('needsRestart', () => {
  it('restarts for path, patterns and onlyPlans, not for lang/rules/trace', () => {
    for (const k of ['path', 'filePatterns', 'onlyPlans']) assert.equal(needsRestart((x) => x === k), true, k);
    for (const k of ['lang', 'rules', 'trace.server']) assert.equal(needsRestart((x) => x === k), false, k);
  });
});
