// The VS Code side of planlint: starts `planlint lsp` and connects it to the
// editor through vscode-languageclient. Everything that can be decided
// without VS Code lives in config.ts, page.ts, plans.ts and server.ts
// (unit-tested); the report webview is in report.ts.

import * as os from 'node:os';
import * as vscode from 'vscode';
import {
  type Executable,
  LanguageClient,
  type LanguageClientOptions,
  type Middleware,
  RevealOutputChannelOn,
  vsdiag,
} from 'vscode-languageclient/node';

import {
  CLIENT_ID,
  CLIENT_NAME,
  COMMANDS,
  type CommandName,
  SECTION,
  type Settings,
  documentSelector,
  initializationOptions,
  needsRestart,
  readSettings,
} from './config';
import { shouldCheck } from './plans';
import { ReportView } from './report';
import { describeTried, notFoundMessage, resolveServer } from './server';

let client: LanguageClient | undefined;
let output: vscode.OutputChannel;
const RESTART_DELAY_MS = 300;
/** Start/stop/restart run one after another, never interleaved. */
let queue: Promise<void> = Promise.resolve();

function enqueue(job: () => Promise<void>): Promise<void> {
  queue = queue.then(job, job).catch((e: unknown) => log(`error: ${errorText(e)}`));
  return queue;
}

function log(line: string): void {
  output.appendLine(`[${new Date().toISOString()}] ${line}`);
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel('planlint');
  context.subscriptions.push(output);
  // The report is of documents the client hands to the server (its current selector).
  const report = new ReportView(
    () => client,
    (doc) => vscode.languages.match(documentSelector(currentSettings().filePatterns), doc) > 0,
    log,
  );
  context.subscriptions.push(report);

  const handlers: Record<CommandName, () => unknown> = {
    restartServer: () => enqueue(async () => {
      await stop();
      await start(context, 'restart command');
    }),
    showOutput: () => output.show(true),
    showReport: () => report.show(),
  };
  for (const name of Object.keys(COMMANDS) as CommandName[]) {
    context.subscriptions.push(vscode.commands.registerCommand(COMMANDS[name], handlers[name]));
  }

  // lang and rules reach the running server as didChangeConfiguration
  // (synchronize.configurationSection); path, filePatterns and onlyPlans need a
  // new client. The restart waits a moment: several settings saved together
  // restart once, and the old client first sends its didChangeConfiguration.
  let restartTimer: NodeJS.Timeout | undefined;
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!needsRestart((key) => e.affectsConfiguration(`${SECTION}.${key}`))) return;
      clearTimeout(restartTimer);
      restartTimer = setTimeout(() => {
        void enqueue(async () => {
          await stop();
          await start(context, 'settings changed');
        });
      }, RESTART_DELAY_MS);
    }),
    { dispose: () => clearTimeout(restartTimer) },
  );

  return enqueue(() => start(context, 'activation'));
}

export function deactivate(): Promise<void> {
  return enqueue(stop);
}

function currentSettings(): Settings {
  const cfg = vscode.workspace.getConfiguration(SECTION);
  return readSettings((key, fallback) => cfg.get(key, fallback));
}

async function start(context: vscode.ExtensionContext, why: string): Promise<void> {
  const settings = currentSettings();
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  const res = resolveServer({
    configured: settings.path,
    extensionDir: context.extensionPath,
    platform: process.platform,
    arch: process.arch,
    envPath: process.env.PATH,
    home: os.homedir(),
    workspaceFolder: folder,
  });
  const tried = describeTried(res);
  if (!res.found) {
    log(`no working planlint binary (${why}); tried:\n${tried.join('\n')}`);
    void showNotFound(notFoundMessage(res));
    return;
  }
  const server = res.found;
  if (settings.path && server.source !== 'setting') {
    const bad = res.tried.find((t) => t.source === 'setting');
    const msg = `planlint: "planlint.path" (${bad?.file}) does not work: ${bad?.problem}. Using ${server.file} instead.`;
    log(msg);
    void vscode.window.showWarningMessage(msg, 'Open Settings').then((c) => c && openSettings());
  }
  if (tried.length > 0) log(`skipped:\n${tried.join('\n')}`);
  log(`starting ${server.file} lsp (${server.source}; ${server.version ?? 'version unknown'}; ${why})`);

  const run: Executable = { command: server.file, args: ['lsp'], options: { cwd: folder } };
  const selector = documentSelector(settings.filePatterns);
  const clientOptions: LanguageClientOptions = {
    documentSelector: selector,
    initializationOptions: initializationOptions(settings),
    synchronize: { configurationSection: SECTION },
    outputChannel: output,
    traceOutputChannel: output,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    middleware: settings.onlyPlans ? onlyPlansMiddleware() : undefined,
  };
  const c = new LanguageClient(CLIENT_ID, CLIENT_NAME, { run, debug: run }, clientOptions);
  client = c;
  try {
    await c.start();
    const info = c.initializeResult?.serverInfo;
    const files = selector.map((f) => f.pattern).join(', ');
    log(`started ${info?.name ?? 'server'} ${info?.version ?? ''} for ${files}${settings.onlyPlans ? ' (only plans)' : ''}`);
  } catch (e) {
    log(`the server did not start: ${errorText(e)}`);
    void vscode.window
      .showErrorMessage(`planlint: the language server (${server.file}) did not start: ${errorText(e)}`,
        'Show Output', 'Open Settings')
      .then((choice) => {
        if (choice === 'Show Output') output.show(true);
        else if (choice === 'Open Settings') openSettings();
      });
  }
}

async function stop(): Promise<void> {
  const c = client;
  client = undefined;
  if (!c) return;
  try {
    await c.dispose(5000);
  } catch (e) {
    log(`stopping the server: ${errorText(e)}`);
  }
}

/** Settings editor at planlint.path; in a remote window (SSH, WSL, code-server) on the Remote tab, where the machine-scoped setting lives. */
function openSettings(): Thenable<unknown> {
  const command = vscode.env.remoteName ? 'workbench.action.openRemoteSettings' : 'workbench.action.openSettings';
  return vscode.commands.executeCommand(command, { query: `${SECTION}.path` });
}

async function showNotFound(message: string): Promise<void> {
  const choice = await vscode.window.showErrorMessage(message, 'Open Settings', 'Show Output');
  if (choice === 'Open Settings') await openSettings();
  else if (choice === 'Show Output') output.show(true);
}

/**
 * `planlint.onlyPlans`: documents that do not look like a plan get no
 * findings (pushed or pulled) and no quick fixes. The text is judged each
 * time, so a file becomes checked as soon as it gets plan headings.
 */
function onlyPlansMiddleware(): Middleware {
  const textOf = (doc: vscode.TextDocument | vscode.Uri): string | undefined => {
    if (!(doc instanceof vscode.Uri)) return doc.getText();
    const key = doc.toString();
    return vscode.workspace.textDocuments.find((d) => d.uri.toString() === key)?.getText();
  };
  const skip = (doc: vscode.TextDocument | vscode.Uri): boolean => {
    const text = textOf(doc);
    return text !== undefined && !shouldCheck(true, text);
  };
  return {
    handleDiagnostics: (uri, diagnostics, next) => next(uri, skip(uri) ? [] : diagnostics),
    provideDiagnostics: (doc, previousResultId, token, next) =>
      skip(doc) ? { kind: vsdiag.DocumentDiagnosticReportKind.full, items: [] } : next(doc, previousResultId, token),
    provideCodeActions: (doc, range, context, token, next) => (skip(doc) ? [] : next(doc, range, context, token)),
  };
}
