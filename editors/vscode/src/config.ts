// Settings and command ids of the extension, and what is sent to the server.
// No `vscode` import: the unit tests load this module under plain Node and
// check it against package.json's `contributes`.

/** Settings section; also the language client's id, so that the client reads `planlint.trace.server`. */
export const SECTION = 'planlint';
export const CLIENT_ID = 'planlint';
export const CLIENT_NAME = 'planlint';

/** Every command the extension registers (package.json must contribute exactly these). */
export const COMMANDS = {
  restartServer: 'planlint.restartServer',
  showOutput: 'planlint.showOutput',
  showReport: 'planlint.showReport',
} as const;
export type CommandName = keyof typeof COMMANDS;

export const LANGS = ['zh', 'en'] as const;
export type Lang = (typeof LANGS)[number];

export const LEVELS = ['off', 'error', 'warning', 'info', 'hint', 'on'] as const;
export type Level = (typeof LEVELS)[number];

/** Rule names and codes the server knows (`planlint rules`). */
export const RULE_KEYS = [
  'unknown-rule',
  'PL001',
  'placeholder',
  'PL101',
  'template-residue',
  'PL102',
  'missing-lead-unit',
  'PL201',
  'target-without-number',
  'PL301',
  'numbering',
  'PL401',
  'enumeration',
  'PL402',
  'confusable',
  'PL501',
  'repeated-word',
  'PL502',
  'stale-formulation',
  'PL503',
  'number-usage',
  'PL601',
] as const;

export const TRACE_LEVELS = ['off', 'messages', 'verbose'] as const;

/** The settings the extension reads itself, with their defaults (keys below `planlint.`). */
export interface Settings {
  path: string | null;
  filePatterns: string[];
  onlyPlans: boolean;
  lang: Lang | null;
  rules: Record<string, string>;
  /** Inlay hint after a task's title naming the lead the server inferred, when its clause is on another line. */
  'inlayHints.leadUnit': boolean;
}

export const DEFAULTS: Readonly<Settings> = Object.freeze({
  path: null,
  filePatterns: ['**/*.txt', '**/*.md'],
  onlyPlans: false,
  lang: null,
  rules: {},
  'inlayHints.leadUnit': false,
});

/**
 * Settings read by the language client library itself rather than by our code
 * (`<client id>.trace.server`); listed so the tests can check package.json.
 */
export const CLIENT_READ_SETTINGS = ['trace.server'] as const;

/** Changing one of these needs a new client (server command, document selector, middleware). */
export const RESTART_SETTINGS: readonly (keyof Settings)[] = ['path', 'filePatterns', 'onlyPlans'];

/** Reads one setting (key below `planlint.`); `vscode.WorkspaceConfiguration.get` fits. */
export type Getter = <T>(key: string, fallback: T) => T;

/** All settings, validated: a wrong type falls back to the default. */
export function readSettings(get: Getter): Settings {
  const path = get<unknown>('path', DEFAULTS.path);
  const patterns = get<unknown>('filePatterns', DEFAULTS.filePatterns);
  const onlyPlans = get<unknown>('onlyPlans', DEFAULTS.onlyPlans);
  const lang = get<unknown>('lang', DEFAULTS.lang);
  const rules = get<unknown>('rules', DEFAULTS.rules);
  const leadUnit = get<unknown>('inlayHints.leadUnit', DEFAULTS['inlayHints.leadUnit']);
  return {
    path: typeof path === 'string' && path.trim() !== '' ? path.trim() : null,
    filePatterns: Array.isArray(patterns)
      ? patterns.filter((p): p is string => typeof p === 'string' && p.trim() !== '')
      : [...DEFAULTS.filePatterns],
    onlyPlans: typeof onlyPlans === 'boolean' ? onlyPlans : DEFAULTS.onlyPlans,
    lang: (LANGS as readonly unknown[]).includes(lang) ? (lang as Lang) : null,
    rules: stringRecord(rules),
    'inlayHints.leadUnit': typeof leadUnit === 'boolean' ? leadUnit : DEFAULTS['inlayHints.leadUnit'],
  };
}

function stringRecord(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) {
      if (typeof v === 'string') out[k] = v;
    }
  }
  return out;
}

/** The settings as the server reads them. */
export interface ServerSettings {
  lang?: Lang;
  rules: Record<string, string>;
  inlayHints: { leadUnit: boolean };
}

/**
 * What the server gets as `initializationOptions`: the shape VS Code also
 * sends in didChangeConfiguration (the `planlint` section, where the dotted
 * `inlayHints.leadUnit` is nested).
 */
export function initializationOptions(s: Settings): { planlint: ServerSettings } {
  const planlint: ServerSettings = { rules: { ...s.rules }, inlayHints: { leadUnit: s['inlayHints.leadUnit'] } };
  if (s.lang) planlint.lang = s.lang;
  return { planlint };
}

/**
 * Document filter patterns: a pattern without `/` would only match a bare
 * file name, never a full path, so it is taken as "in any folder".
 */
export function normalizePatterns(patterns: readonly string[]): string[] {
  const out: string[] = [];
  for (const raw of patterns) {
    const p = raw.trim().replace(/\\/g, '/');
    if (!p) continue;
    const full = p.includes('/') ? p : `**/${p}`;
    if (!out.includes(full)) out.push(full);
  }
  return out;
}

/** The language client's document selector for these patterns (files on disk only). */
export function documentSelector(patterns: readonly string[]): { scheme: string; pattern: string }[] {
  return normalizePatterns(patterns).map((pattern) => ({ scheme: 'file', pattern }));
}

/** Whether a configuration change touching these keys (below `planlint.`) needs a restart. */
export function needsRestart(affects: (key: string) => boolean): boolean {
  return RESTART_SETTINGS.some((k) => affects(k));
}
