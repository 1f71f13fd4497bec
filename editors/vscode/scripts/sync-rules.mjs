#!/usr/bin/env node
// Rewrites the extension's copies of the rule list from `planlint rules --lang en`:
// the `planlint.rules` setting's properties in package.json and RULE_KEYS in
// src/config.ts. The extension's tests fail when the copies drift; run
// `PLANLINT_BIN=../../target/debug/planlint npm run sync-rules` after adding a rule.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ext = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = process.env.PLANLINT_BIN || path.join(ext, '..', '..', 'target', 'debug', 'planlint');
const rules = execFileSync(bin, ['rules', '--lang', 'en'], { encoding: 'utf8' })
  .split('\n')
  .filter(Boolean)
  .map((line) => {
    const m = /^(\S+)\s+(\S+)\s+(\S+)\s+(.*)$/.exec(line);
    if (!m) throw new Error(`unexpected line from planlint rules: ${line}`);
    return { code: m[1], name: m[2], level: m[3], summary: m[4] };
  });

const pkgPath = path.join(ext, 'package.json');
const pkg = JSON.parse(fs.readFileSync(pkgPath, 'utf8'));
const setting = pkg.contributes.configuration.properties['planlint.rules'];
const levels = setting.additionalProperties.enum;
setting.properties = {};
for (const r of rules) {
  const description = `${r.code} ${r.name} (default: ${r.level}): ${r.summary}`;
  for (const key of [r.name, r.code]) setting.properties[key] = { type: 'string', enum: levels, description };
}
fs.writeFileSync(pkgPath, `${JSON.stringify(pkg, null, 2)}\n`);

const configPath = path.join(ext, 'src', 'config.ts');
const config = fs.readFileSync(configPath, 'utf8');
const keys = rules.flatMap((r) => [r.name, r.code]).map((k) => `  '${k}',\n`).join('');
const updated = config.replace(/(export const RULE_KEYS = \[\n)[\s\S]*?(\] as const;)/, `$1${keys}$2`);
if (updated === config && !config.includes(keys)) throw new Error('RULE_KEYS not found in src/config.ts');
fs.writeFileSync(configPath, updated);
console.log(`synced ${rules.length} rules`);
