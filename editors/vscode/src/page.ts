// The HTML the report webview shows. No `vscode` import: unit-tested under plain Node.

/** The server's custom request for the report page (src/lsp/mod.rs). */
export const REPORT_REQUEST = 'planlint/report';

/**
 * The webview's own Content-Security-Policy: nothing but inline styles and
 * inline (data:) images; no script, no fetch, no frame. The server's page
 * carries a policy of its own as well; the browser enforces both.
 */
export const WEBVIEW_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

const cspMeta = `<meta http-equiv="Content-Security-Policy" content="${WEBVIEW_CSP}">`;

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The server's report page with the webview's policy as the first element of its head. */
export function reportPage(html: string): string {
  const head = /<head(\s[^>]*)?>/i.exec(html);
  if (head) {
    const at = head.index + head[0].length;
    return `${html.slice(0, at)}\n${cspMeta}${html.slice(at)}`;
  }
  return `<!DOCTYPE html>\n<html><head>${cspMeta}<meta charset="utf-8"></head><body>${html}</body></html>`;
}

/** A page saying why there is no report (server not running, request failed). */
export function messagePage(title: string, message: string): string {
  return `<!DOCTYPE html>
<html><head>${cspMeta}<meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body { font-family: sans-serif; margin: 2em; color: #1a1a1a; background: #fff; } p { white-space: pre-wrap; }</style>
</head><body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p></body></html>`;
}

/** The file name a panel title shows for a document URI (`file:///a/b/c.txt` → `c.txt`). */
export function baseName(uri: string): string {
  const path = uri.split(/[?#]/, 1)[0] ?? uri;
  const last = path.split('/').filter((s) => s !== '').pop() ?? path;
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}
