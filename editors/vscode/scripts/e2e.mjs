#!/usr/bin/env node
// Browser half of the end-to-end test (scripts/e2e.sh starts code-server with
// our .vsix installed and calls this). Drives VS Code in headless Chromium
// through playwright-core and checks what a user would see:
//   1. draft.txt: squiggles, 7 problems in the Problems panel (3 errors PL101 at
//      lines 8, 17, 29; 2 warnings; 2 infos), served by the bundled binary;
//   2. completion at the start of the blank line 23 offers （1）, 7. and （四）
//      (screenshot taken with the suggest widget and the Problems panel open);
//   3. quick fix menu on line 15, hover on line 8, outline (Ctrl+Shift+O), folding;
//   4. notes.txt (not a plan, has a placeholder) gets problems;
//   4b. "Format Document" on format.txt and "Fix All" on fixall.txt apply the
//      safe fixes: of their 4 numbering problems, the unsafe one (a gap) is left;
//   4c. units.txt: F2 on 市科技局 (line 5, after a non-BMP character) shows it in the
//      rename box; the new name replaces it in both clauses and in prose, not in
//      区市科技局合作中心; no lead hints until planlint.inlayHints.leadUnit=true is
//      written to .vscode/settings.json, then 牵头：… after the titles of tasks 1 and 3;
//   4d. "planlint: Show responsibility report" on units.txt opens the report in a
//      webview beside it (the matrix names the renamed unit); a unit typed into the
//      draft appears in it; screenshot images/report-webview.png; closing it is clean;
//   5. settings flow: planlint.lang=en + planlint.rules {PL301: off} written to
//      .vscode/settings.json → 5 problems, English messages (no restart);
//   6. planlint.onlyPlans=true → notes.txt has no problems, draft.txt keeps 5;
//   7. bundled binary removed + "planlint: Restart server" → the not-found error
//      (says `cargo install --path .`), whose "Open Settings" opens planlint.path.
// Prints one JSON summary line; exit 0 when every check passed.
//
// Usage: node e2e.mjs --url URL --workspace DIR --ext-dir DIR --screenshot PNG
//                     [--report-screenshot PNG] [--pgid N] [--results DIR] [--timeout S] [--chromium PATH]
// playwright-core: from this folder's node_modules if present, else from
// $VSX_TOOLS (default /tmp/lsp-clients/vsx-tools, installed by setup.sh tools).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const argv = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : dflt;
};
const url = opt('url');
const workspace = opt('workspace');
const extDir = opt('ext-dir');
const screenshot = opt('screenshot');
const reportShot = opt('report-screenshot', path.join(here, '..', 'images', 'report-webview.png'));
const results = opt('results', path.join(here, '..', 'test-results'));
const timeout = Number(opt('timeout', '60')) * 1000;
const chromiumPath = opt('chromium', '/usr/bin/chromium');
const pgid = opt('pgid') ? Number(opt('pgid')) : null;
if (!url || !workspace || !extDir || !screenshot) {
  console.error('usage: e2e.mjs --url URL --workspace DIR --ext-dir DIR --screenshot PNG [--results DIR] [--timeout S]');
  process.exit(2);
}

function loadPlaywright() {
  const tools = process.env.VSX_TOOLS || path.join(process.env.LSP_CLIENTS_PREFIX || '/tmp/lsp-clients', 'vsx-tools');
  for (const base of [path.join(here, '..'), tools]) {
    try {
      return createRequire(path.join(base, 'package.json'))('playwright-core');
    } catch { /* try the next */ }
  }
  throw new Error(`playwright-core not found (npm install it here, or run setup.sh tools for ${tools})`);
}
const { chromium } = loadPlaywright();

fs.mkdirSync(results, { recursive: true });
const summary = { ok: false, checks: {}, failed: [], timings_ms: {} };
const t0 = Date.now();
const mark = (name) => { summary.timings_ms[name] = Date.now() - t0; };
function check(name, ok, details) {
  summary.checks[name] = details === undefined ? ok : { ok, ...details };
  if (!ok) summary.failed.push(name);
  return ok;
}

/** Polls `fn` until it returns a truthy value; returns the last value either way. */
async function waitFor(page, fn, ms = timeout, every = 250) {
  const end = Date.now() + ms;
  let v;
  for (;;) {
    v = await fn();
    if (v || Date.now() > end) return v;
    await page.waitForTimeout(every);
  }
}

const SEVERITIES = { Error: 'error', Warning: 'warning', Info: 'info', Information: 'info', Hint: 'hint' };

/**
 * The Problems panel as data: [{file, severity, line, col, code, source, message}].
 * Rows are read from the DOM (aria-label + visible text), the way a screen reader would.
 */
async function readProblems(page) {
  const rows = await page.$$eval('.markers-panel .monaco-list-row', (els) => els.map((r) => ({
    aria: r.getAttribute('aria-label') || '',
    text: (r.textContent || '').replace(/\s+/g, ' ').trim(),
    code: (r.querySelector('.marker-code, .code, .monaco-link')?.textContent || '').trim(),
    source: (r.querySelector('.marker-source, .source')?.textContent || '').trim(),
  })));
  const out = [];
  let file = null;
  for (const r of rows) {
    const f = /problems? in (?:the )?file (\S+)/i.exec(r.aria);
    if (f) { file = f[1]; continue; }
    const m = /^(Error|Warning|Info|Information|Hint)\b[^:]*:\s*([\s\S]*?) at line (\d+) and character (\d+)/.exec(r.aria);
    if (!m) continue;
    const code = /\b(PL\d{3})\b/.exec(`${r.code} ${r.text} ${r.aria}`);
    out.push({
      file,
      severity: SEVERITIES[m[1]],
      line: Number(m[3]),
      col: Number(m[4]),
      code: code ? code[1] : null,
      source: /planlint/.test(`${r.source} ${r.text} ${r.aria}`) ? 'planlint' : null,
      message: m[2].trim(),
    });
  }
  return { rows: rows.map((r) => r.aria), problems: out };
}

async function squiggles(page) {
  return page.evaluate(() => {
    const n = (c) => document.querySelectorAll(`.monaco-editor .squiggly-${c}`).length;
    return { error: n('error'), warning: n('warning'), info: n('info'), hint: n('hint') };
  });
}

const count = (list, pred) => list.filter(pred).length;

/** Quick Open a workspace file and wait for its editor tab. */
async function openFile(page, name) {
  await page.keyboard.press('Control+P');
  await page.waitForSelector('.quick-input-widget input', { state: 'visible', timeout: 15000 });
  await page.keyboard.type(name, { delay: 15 });
  await waitFor(page, () => page.$('.quick-input-list .monaco-list-row'), 10000);
  await page.waitForTimeout(300);
  await page.keyboard.press('Enter');
  await page.waitForSelector(`.tab.active[aria-label*="${name}"], .tab.active [aria-label*="${name}"], .tab.active:has-text("${name}")`,
    { timeout: 15000 }).catch(() => {});
  await page.waitForSelector('.monaco-editor .view-lines', { timeout });
}

/** Focus the active editor and put the cursor at a 1-based line (and column) with Go to Line. */
async function goTo(page, line, col) {
  await page.keyboard.press('Control+1');
  await page.waitForTimeout(150);
  await page.keyboard.press('Control+G');
  await page.waitForSelector('.quick-input-widget input', { state: 'visible', timeout: 10000 });
  await page.keyboard.type(col ? `${line}:${col}` : `${line}`, { delay: 15 });
  await page.keyboard.press('Enter');
  await page.waitForTimeout(300);
}

/** Scroll the active editor to the top and click at the start of a 1-based line. */
async function clickLineStart(page, line) {
  await page.keyboard.press('Control+1');
  await page.keyboard.press('Control+Home');
  await page.waitForTimeout(300);
  const at = await page.evaluate((n) => {
    const editor = document.querySelector('.editor-group-container.active .monaco-editor') || document.querySelector('.monaco-editor');
    const num = [...editor.querySelectorAll('.line-numbers')].find((e) => e.textContent.trim() === String(n));
    const text = editor.querySelector('.view-lines');
    if (!num || !text) return null;
    const r = num.getBoundingClientRect();
    return { x: text.getBoundingClientRect().left + 2, y: r.top + r.height / 2 };
  }, line);
  if (at) await page.mouse.click(at.x, at.y);
  else await goTo(page, line); // line not rendered: fall back to Go to Line
  await page.waitForTimeout(200);
}

/** Runs a command by its title from the Command Palette. */
async function runCommand(page, title) {
  await page.keyboard.press('Control+Shift+P');
  await page.waitForSelector('.quick-input-widget input', { state: 'visible', timeout: 10000 });
  await page.keyboard.type(title, { delay: 10 });
  await waitFor(page, async () => {
    const rows = await page.$$eval('.quick-input-list .monaco-list-row', (els) => els.map((e) => e.getAttribute('aria-label') || ''));
    return rows.some((r) => r.includes(title));
  }, 10000);
  await page.keyboard.press('Enter');
}

/** The text of the first frame (webviews are iframes) whose body contains `needle`, else ''. */
async function webviewText(page, needle) {
  for (const frame of page.frames()) {
    try {
      const t = await frame.evaluate(() => (document.body ? document.body.innerText : ''));
      if (t.includes(needle)) return t;
    } catch { /* detached or not ready */ }
  }
  return '';
}

async function openProblems(page) {
  const visible = await page.$('.markers-panel .monaco-list');
  if (!visible || !(await visible.isVisible())) await page.keyboard.press('Control+Shift+M');
  await page.waitForSelector('.markers-panel', { state: 'visible', timeout: 15000 });
}

/** Waits until the Problems panel for `file` satisfies `pred`; returns that file's problems. */
async function problemsOf(page, file, pred, ms = timeout) {
  let last = [];
  await waitFor(page, async () => {
    const { problems } = await readProblems(page);
    last = problems.filter((p) => p.file === file);
    return pred(last, problems);
  }, ms, 400);
  return last;
}

/** The planlint server processes code-server started (its process group), with their executables. */
function serverProcesses() {
  try {
    return execFileSync('ps', ['-eo', 'pid=,pgid=,args='], { encoding: 'utf8' })
      .split('\n')
      .map((l) => l.trim().split(/\s+/))
      .filter(([, g, exe, arg]) => (pgid === null || Number(g) === pgid) && /planlint(\.exe)?$/.test(exe ?? '') && arg === 'lsp')
      .map(([pid, , exe]) => ({ pid: Number(pid), exe }));
  } catch {
    return [];
  }
}

const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'planlint-e2e-chromium-'));
const settingsFile = path.join(workspace, '.vscode', 'settings.json');
let context;
try {
  context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    viewport: { width: 1440, height: 1080 },
    deviceScaleFactor: 1,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--disable-quic',
      '--disable-background-networking', '--disable-component-update', '--disable-sync', '--lang=en-US'],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const consoleErrors = [];
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text().slice(0, 300)); });
  // The page may talk to code-server only.
  const origin = new URL(url).origin;
  let blocked = 0;
  await page.route('**/*', (route) => {
    const u = route.request().url();
    if (u.startsWith(origin) || u.startsWith('data:') || u.startsWith('blob:')) return route.continue();
    blocked += 1;
    return route.abort();
  });

  await page.goto(url, { waitUntil: 'domcontentloaded', timeout });
  await page.waitForSelector('.monaco-workbench', { timeout });
  await page.waitForSelector('.explorer-folders-view, .explorer-viewlet', { timeout }).catch(() => {});
  await page.waitForTimeout(1000);
  mark('workbench');

  // 1. Diagnostics in draft.txt.
  await openFile(page, 'draft.txt');
  mark('draft_open');
  const sqOk = await waitFor(page, async () => {
    const s = await squiggles(page);
    return s.error + s.warning + s.info + s.hint > 0 && s;
  });
  mark('squiggles');
  // Let the last pull/publish land, then read the Problems panel.
  await openProblems(page);
  const draft = await problemsOf(page, 'draft.txt', (ps) => ps.length >= 7, timeout);
  await page.waitForTimeout(500);
  const sq = await squiggles(page);
  mark('problems');
  const errors = draft.filter((p) => p.severity === 'error');
  check('squiggles', Boolean(sqOk), { counts: sq });
  check('problems_draft', draft.length === 7
      && errors.length === 3
      && errors.every((p) => p.code === 'PL101')
      && JSON.stringify(errors.map((p) => p.line).sort((a, b) => a - b)) === '[8,17,29]'
      && count(draft, (p) => p.severity === 'warning') === 2
      && count(draft, (p) => p.severity === 'info') === 2
      && draft.every((p) => p.source === 'planlint'), {
    total: draft.length,
    errors: errors.map((p) => `${p.code}@${p.line}`),
    warnings: draft.filter((p) => p.severity === 'warning').map((p) => `${p.code}@${p.line}`),
    infos: draft.filter((p) => p.severity === 'info').map((p) => `${p.code}@${p.line}`),
  });
  summary.problems_draft = draft;
  const procs = serverProcesses();
  check('bundled_server', procs.length >= 1 && procs.every((p) => p.exe.startsWith(extDir)), { processes: procs });

  // 2. Completion at the start of the blank line 23 (clicked, so the whole draft stays in view).
  await clickLineStart(page, 23);
  await page.keyboard.press('Control+Space');
  const labels = await waitFor(page, async () => {
    const l = await page.$$eval('.suggest-widget.visible .monaco-list-row', (rows) =>
      rows.map((r) => (r.querySelector('.label-name')?.textContent || r.getAttribute('aria-label') || '').trim()));
    return l.length > 0 && l;
  }, 15000) || [];
  mark('completion');
  const want = ['（1）', '7.', '（四）'];
  check('completion_line23', want.every((w) => labels.includes(w)), { want, got: labels.slice(0, 12) });
  await page.waitForTimeout(400); // let the widget finish rendering its details
  await page.screenshot({ path: screenshot });
  mark('screenshot');
  await page.keyboard.press('Escape');

  // 3a. Quick fix on line 15 (task without a lead unit).
  await goTo(page, 15, 2);
  await page.keyboard.press('Control+.');
  const fixes = await waitFor(page, async () => {
    const t = await page.$$eval('.action-widget .monaco-list-row, .context-view .action-label',
      (rows) => rows.map((r) => (r.getAttribute('aria-label') || r.textContent || '').trim()).filter(Boolean));
    return t.length > 0 && t;
  }, 10000) || [];
  check('quick_fix_line15', fixes.some((t) => t.includes('牵头单位')), { items: fixes.slice(0, 6) });
  await page.keyboard.press('Escape');

  // 3b. Hover on the placeholder of line 8 (keyboard: Ctrl+K Ctrl+I).
  await goTo(page, 8, 13);
  await page.keyboard.press('Control+K');
  await page.keyboard.press('Control+I');
  const hover = await waitFor(page, async () => {
    const t = await page.$$eval('.monaco-hover:not(.hidden)', (els) => els.map((e) => e.textContent || '').join(' '));
    // The marker part says planlint(PL101); the server's own hover adds the rule's name and docs.
    return t.includes('PL101') && t.includes('placeholder') && t;
  }, 10000) || '';
  check('hover_line8', Boolean(hover), { text: String(hover).replace(/\s+/g, ' ').slice(0, 240) });
  await page.keyboard.press('Escape');

  // 3c. Outline: Go to Symbol in Editor lists the sections.
  await page.keyboard.press('Control+1');
  await page.keyboard.press('Control+Shift+O');
  const symbols = await waitFor(page, async () => {
    const s = await page.$$eval('.quick-input-list .monaco-list-row', (rows) =>
      rows.map((r) => (r.querySelector('.label-name')?.textContent || r.getAttribute('aria-label') || '').trim()));
    return s.length > 1 && s;
  }, 10000) || [];
  check('outline', symbols.some((s) => s.includes('主要任务')) && symbols.some((s) => s.includes('保障措施')),
    { symbols: symbols.slice(0, 8) });
  await page.keyboard.press('Escape');

  // 3d. Folding: the gutter has folding controls for the sections.
  const folds = await page.$$eval('.monaco-editor .margin-view-overlays .codicon-folding-expanded, .monaco-editor .margin-view-overlays .codicon-folding-collapsed',
    (els) => els.length);
  check('folding', folds >= 3, { controls: folds });

  mark('features');
  // 4. notes.txt is not a plan, but has a placeholder: checked while onlyPlans is off.
  await openFile(page, 'notes.txt');
  const notesBefore = await problemsOf(page, 'notes.txt', (ps) => ps.length > 0, 20000);
  check('notes_checked_by_default', notesBefore.length > 0, { problems: notesBefore.length });

  // 4b. The safe fixes through formatting and through Fix All (source.fixAll.planlint).
  //     The Problems panel is virtualised (rows of other files may push some out of view),
  //     so the editor's own text is checked too.
  const editorText = () => page.$eval('.editor-group-container.active .monaco-editor .view-lines',
    (e) => (e.textContent || '').replace(/\u00a0/g, ' '));
  for (const [name, command] of [['format.txt', 'Format Document'], ['fixall.txt', 'Fix All']]) {
    await openFile(page, name);
    const numbering = (ps) => ps.filter((p) => p.code === 'PL401');
    const before = await problemsOf(page, name, (ps) => numbering(ps).length >= 3, 20000);
    const textBefore = await editorText();
    await page.keyboard.press('Control+1');
    await runCommand(page, command);
    const after = await problemsOf(page, name, (ps) => numbering(ps).length === 1, 20000);
    const textAfter = await editorText();
    const fixed = ['（一）壮大', '1.实施', '2.建设', '（三）优化'].every((t) => textAfter.includes(t));
    check(`fix_${name.replace('.txt', '')}`, numbering(before).length >= 3 && textBefore.includes('1、实施')
        && numbering(after).length === 1 && numbering(after)[0].line === 5 && fixed, {
      command, before: numbering(before).map((p) => p.line), after: numbering(after).map((p) => `${p.line}: ${p.message}`),
      text: textAfter.slice(0, 120),
    });
  }
  mark('fixes');

  // 4c. Rename a unit (F2) and the lead-unit inlay hints in units.txt.
  await openFile(page, 'units.txt');
  await page.waitForTimeout(1500);
  const hintsOff = await editorText();
  // Line 5: 2.😀建设研发平台。新建平台3个。（牵头单位： is 24 UTF-16 units; the cursor goes inside 市科技局.
  await goTo(page, 5, 27);
  await page.keyboard.press('F2');
  const boxValue = await waitFor(page, () => page.$eval('.rename-input', (e) => e.value).catch(() => ''), 10000);
  // Typed into the rename box itself (not the focused element: if the box closed,
  // keystrokes would replace the editor's text instead).
  const typed = await page.fill('.rename-input', '市科学技术局', { timeout: 5000 })
    .then(() => page.press('.rename-input', 'Enter', { timeout: 5000 })).then(() => true, () => false);
  const renamed = await waitFor(page, async () => {
    const t = await editorText();
    return t.split('市科学技术局').length - 1 === 3 && t;
  }, 15000) || await editorText();
  check('rename_unit', typed && boxValue === '市科技局' && renamed.split('市科学技术局').length - 1 === 3
      && renamed.includes('区市科技局合作中心') && renamed.includes('由市科学技术局会同'),
  { box: boxValue, typed, text: renamed.slice(0, 240) });
  mark('rename');
  fs.mkdirSync(path.dirname(settingsFile), { recursive: true });
  fs.writeFileSync(settingsFile, JSON.stringify({ 'planlint.inlayHints.leadUnit': true }, null, 2));
  const hintsOn = await waitFor(page, async () => {
    const t = await editorText();
    return t.includes('牵头：市发展改革委') && t.includes('牵头：市科学技术局') && t;
  }, 20000) || await editorText();
  await page.screenshot({ path: path.join(results, 'e2e-inlay-hints.png') });
  check('inlay_hints_lead_unit', !hintsOff.includes('牵头：') && hintsOn.includes('牵头：市发展改革委')
      && hintsOn.includes('牵头：市科学技术局'), { off: hintsOff.slice(0, 160), on: hintsOn.slice(0, 240) });
  mark('inlay_hints');

  // 4d. The responsibility report in a webview beside units.txt, refreshed on edit.
  await page.keyboard.press('Control+1');
  await runCommand(page, 'planlint: Show responsibility report');
  const reportHas = (words) => waitFor(page, async () => {
    const t = await webviewText(page, '责任分工报告');
    return words.every((w) => t.includes(w)) && t;
  }, 20000);
  const report = await reportHas(['units.txt', '市科学技术局', '市发展改革委', '市财政局']) || await webviewText(page, '责任分工报告');
  const reportTab = await page.$$eval('.tab', (els) => els.map((e) => (e.getAttribute('aria-label') || e.textContent || '').trim()))
    .then((tabs) => tabs.find((t) => t.includes('planlint report')) || null);
  const groups = await page.$$eval('.editor-group-container', (els) => els.length);
  // A new task with a new lead unit, typed at the end of the draft (the editor keeps the focus).
  await page.keyboard.press('Control+1');
  await page.keyboard.press('Control+End');
  await page.keyboard.type('4.完善评价体系。（牵头单位：市统计局）', { delay: 10 });
  await page.keyboard.press('Escape'); // a suggest widget opened by a trigger character
  const refreshed = await reportHas(['市统计局', '市科学技术局']);
  await page.waitForTimeout(300);
  await page.locator('.part.editor').screenshot({ path: reportShot });
  check('report_webview', Boolean(report) && Boolean(refreshed) && groups === 2 && Boolean(reportTab), {
    tab: reportTab, groups, text: String(report || '').replace(/\s+/g, ' ').slice(0, 240),
    refreshed: Boolean(refreshed), screenshot: reportShot,
  });
  // Close the report with its tab's close button, back to the draft alone.
  await page.locator('.tab:has-text("planlint report") .tab-actions .action-label').first().click({ force: true, timeout: 10000 })
    .catch(() => {});
  await page.keyboard.press('Control+1');
  const closed = await waitFor(page, async () => (await page.$$eval('.editor-group-container', (els) => els.length)) === 1, 10000);
  check('report_closed', Boolean(closed));
  mark('report');

  // 5. Settings reach the running server (didChangeConfiguration): English, PL301 off.
  fs.mkdirSync(path.dirname(settingsFile), { recursive: true });
  mark('settings_written');
  fs.writeFileSync(settingsFile, JSON.stringify({ 'planlint.lang': 'en', 'planlint.rules': { PL301: 'off' } }, null, 2));
  // English messages start with an English word (they quote the draft in Chinese).
  const isEnglish = (ps) => ps.length === 5 && ps.every((p) => p.code !== 'PL301' && /^[A-Z][a-z]+ /.test(p.message));
  const english = await problemsOf(page, 'draft.txt', isEnglish, 30000);
  mark('settings_lang_rules');
  check('settings_lang_en_rules_pl301_off', isEnglish(english),
    { total: english.length, codes: english.map((p) => p.code), sample: english[0]?.message });

  // 6. onlyPlans: notes.txt loses its problems, draft.txt keeps them (the client restarts).
  mark('only_plans_written');
  fs.writeFileSync(settingsFile, JSON.stringify({
    'planlint.lang': 'en', 'planlint.rules': { PL301: 'off' }, 'planlint.onlyPlans': true,
  }, null, 2));
  let notesAfter = [];
  const draftAfter = await problemsOf(page, 'draft.txt', (ps, all) => {
    notesAfter = all.filter((p) => p.file === 'notes.txt');
    return ps.length === 5 && notesAfter.length === 0;
  }, 30000);
  mark('only_plans');
  check('only_plans', draftAfter.length === 5 && notesAfter.length === 0,
    { draft: draftAfter.length, notes: notesAfter.length });
  await page.screenshot({ path: path.join(results, 'e2e-only-plans.png') });

  // 7. No server anywhere: remove the bundled binary (PATH and HOME have none),
  //    run "planlint: Restart server"; the error says how to fix it, and its
  //    button opens the settings at planlint.path.
  fs.rmSync(path.join(extDir, 'server'), { recursive: true, force: true });
  await runCommand(page, 'planlint: Restart server');
  const toast = await waitFor(page, async () => {
    const t = await page.$$eval('.notification-toast .notification-list-item-message',
      (els) => els.map((e) => (e.textContent || '').trim()));
    return t.find((x) => x.includes('cargo install --path .'));
  }, 20000);
  const gone = await waitFor(page, async () => serverProcesses().length === 0, 10000);
  await page.screenshot({ path: path.join(results, 'e2e-not-found.png') });
  let settingsOpened = false;
  if (toast) {
    await page.click('.notification-toast .monaco-button:has-text("Open Settings")');
    settingsOpened = Boolean(await waitFor(page, async () => {
      const q = await page.$$eval('.settings-editor .suggest-input-container .view-lines', (els) => els.map((e) => e.textContent || ''));
      const rows = await page.$$eval('.settings-editor .setting-item-title', (els) => els.map((e) => e.textContent || ''));
      return q.some((x) => x.includes('planlint.path')) && rows.some((x) => /Path/.test(x));
    }, 15000));
  }
  await page.screenshot({ path: path.join(results, 'e2e-settings.png') });
  mark('not_found');
  check('not_found_error', Boolean(toast) && gone && settingsOpened, {
    message: toast ? toast.replace(/\s+/g, ' ').slice(0, 400) : null, server_stopped: gone, settings_opened: settingsOpened,
  });

  summary.blocked_requests = blocked;
  summary.console_errors = consoleErrors.slice(0, 10);
  summary.ok = summary.failed.length === 0;
} catch (e) {
  summary.error = String((e && e.stack) || e).slice(0, 1500);
  summary.ok = false;
  try {
    const p = context && context.pages()[0];
    if (p) await p.screenshot({ path: path.join(results, 'e2e-error.png') });
  } catch { /* ignore */ }
} finally {
  if (context) await context.close().catch(() => {});
  fs.rmSync(profile, { recursive: true, force: true });
}
summary.screenshot = screenshot;
console.log(JSON.stringify(summary));
process.exit(summary.ok ? 0 : 1);
