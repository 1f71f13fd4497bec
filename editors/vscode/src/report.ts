// "planlint: Show responsibility report": the server's HTML report of the
// active draft (request planlint/report) in a webview beside it, refreshed
// while the draft is edited and when another draft becomes active.

import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

import { REPORT_REQUEST, baseName, messagePage, reportPage } from './page';

/** Edits within this many milliseconds give one refresh. */
const REFRESH_DELAY_MS = 300;
const VIEW_TYPE = 'planlint.report';

/** Whether the extension hands this document to the server (what the report can be made of). */
export type Handled = (doc: vscode.TextDocument) => boolean;

export class ReportView implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private doc: vscode.Uri | undefined;
  private timer: NodeJS.Timeout | undefined;
  /** Bumped per request: an answer to an older one is dropped. */
  private generation = 0;
  private readonly listeners: vscode.Disposable[] = [];

  constructor(
    private readonly client: () => LanguageClient | undefined,
    private readonly handled: Handled,
    private readonly log: (line: string) => void,
  ) {}

  /** The command: show the report of the active draft (or say why not). */
  show(): void {
    const editor = vscode.window.activeTextEditor;
    const doc = editor && this.handled(editor.document) ? editor.document : undefined;
    if (!doc && !this.doc) {
      void vscode.window.showInformationMessage(
        'planlint: open a plan draft (a text or Markdown file planlint checks) to see its responsibility report.');
      return;
    }
    if (!this.panel) this.open();
    else this.panel.reveal(undefined, true);
    if (doc) this.doc = doc.uri;
    void this.refresh();
  }

  private open(): void {
    const panel = vscode.window.createWebviewPanel(
      VIEW_TYPE,
      'planlint report',
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      { enableScripts: false, enableCommandUris: false, localResourceRoots: [], enableFindWidget: true },
    );
    this.panel = panel;
    this.listeners.push(
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (this.doc && e.document.uri.toString() === this.doc.toString() && e.contentChanges.length > 0) {
          this.schedule();
        }
      }),
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (!editor || !this.handled(editor.document)) return;
        if (this.doc && editor.document.uri.toString() === this.doc.toString()) return;
        this.doc = editor.document.uri;
        this.schedule();
      }),
    );
    panel.onDidDispose(() => this.closed());
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), REFRESH_DELAY_MS);
  }

  private async refresh(): Promise<void> {
    const panel = this.panel;
    const doc = this.doc;
    if (!panel || !doc) return;
    const generation = ++this.generation;
    const name = baseName(doc.toString());
    panel.title = `planlint report: ${name}`;
    const c = this.client();
    let html: string;
    if (!c || !c.isRunning()) {
      html = messagePage('planlint', 'The planlint language server is not running ("planlint: Show output" says why).');
    } else {
      try {
        const page = await c.sendRequest<string>(REPORT_REQUEST, { uri: c.code2ProtocolConverter.asUri(doc) });
        html = reportPage(page);
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        this.log(`report of ${name}: ${message}`);
        html = messagePage('planlint', `No report for ${name}: ${message}`);
      }
    }
    // The panel may have been closed, or a newer refresh started, while the server worked.
    if (this.panel === panel && generation === this.generation) panel.webview.html = html;
  }

  private closed(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    for (const l of this.listeners.splice(0)) l.dispose();
    this.panel = undefined;
    this.doc = undefined;
    this.generation += 1;
  }

  dispose(): void {
    const panel = this.panel;
    this.closed();
    panel?.dispose();
  }
}
