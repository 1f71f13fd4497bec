import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { WEBVIEW_CSP, baseName, messagePage, reportPage } from '../page';

describe('reportPage', () => {
  const server = '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n<title>t</title>\n</head>\n<body><h1>责任分工报告</h1></body></html>';

  it('puts the webview policy first in the head and keeps the page', () => {
    const page = reportPage(server);
    const policy = page.indexOf(WEBVIEW_CSP);
    assert.ok(policy > page.indexOf('<head>') && policy < page.indexOf('<meta charset'), page);
    assert.equal(page.replace(/\n<meta http-equiv="Content-Security-Policy"[^>]*>/, ''), server);
  });

  it('allows no script, only inline styles and data: images', () => {
    assert.match(WEBVIEW_CSP, /default-src 'none'/);
    assert.doesNotMatch(WEBVIEW_CSP, /script-src/);
    assert.match(WEBVIEW_CSP, /style-src 'unsafe-inline'/);
    assert.match(WEBVIEW_CSP, /img-src data:$/);
  });

  it('wraps a fragment without a head', () => {
    const page = reportPage('<p>x</p>');
    assert.ok(page.indexOf(WEBVIEW_CSP) < page.indexOf('<p>x</p>'));
  });
});

describe('messagePage', () => {
  it('escapes what it shows', () => {
    const page = messagePage('planlint', 'document not open: <file:///a&b.txt>');
    assert.ok(page.includes('document not open: &#60;file:///a&#38;b.txt&#62;'), page);
    assert.ok(!page.includes('<file:'));
    assert.ok(page.includes(WEBVIEW_CSP));
  });
});

describe('baseName', () => {
  it('is the decoded last segment', () => {
    assert.equal(baseName('file:///home/u/%E8%8D%89%E7%A8%BF.txt'), '草稿.txt');
    assert.equal(baseName('file:///a/b/draft.md?x=1'), 'draft.md');
    assert.equal(baseName('file:///a/b%ZZ.txt'), 'b%ZZ.txt');
  });
});
