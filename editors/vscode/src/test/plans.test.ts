import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';

import { SCAN_LIMIT, looksLikePlan, shouldCheck } from '../plans';

const repoRoot = path.resolve(__dirname, '..', '..', '..', '..');

describe('looksLikePlan', () => {
  it('accepts the example draft of the repository', () => {
    const draft = path.join(repoRoot, 'examples', 'draft.txt');
    if (!fs.existsSync(draft)) return; // the extension folder alone (e.g. unpacked .vsix)
    assert.equal(looksLikePlan(fs.readFileSync(draft, 'utf8')), true);
  });

  it('accepts plans in their usual shapes', () => {
    const plans = [
      '关于推进数字政府建设的实施方案\n\n一、总体要求\n（一）指导思想\n坚持……',
      '一、工作目标\n到2025年，新增……\n二、主要任务\n1.推进……（牵头单位：市发展改革委）',
      '# 2026年工作要点\n\n## 一、重点任务\n\n1. 加强……',
      '**一、工作目标**\n——全年新增……',
      '行动计划\r\n（一）强化保障\r\n……', // second-level heading, CRLF
      '\u3000\u3000二、保障措施\n各部门要……', // ideographic indent
      '一．主要任务\n……', // full-width dot
      '十二、保障措施\n……',
      '2026年工作要點\n一、重點任務\n……', // traditional characters
      '> 一、工作目标\n> ……', // quoted in Markdown
    ];
    for (const text of plans) assert.equal(looksLikePlan(text), true, text);
  });

  it('rejects texts that are not plans', () => {
    const others = [
      '',
      '会议纪要\n\n讨论了实施方案的修改意见，下周再议。', // genre word, no heading
      '一、二、三、四，这是数数练习。', // heading-like, no genre word
      '# README\n\nRun `cargo test` to check the 实施方案 parser.', // no heading
      '读书笔记\n一、第一章\n主人公离开了家乡。',
      '今天（一）班的同学去春游。',
      '1. 买菜\n2. 做饭\n主要任务是休息', // Arabic numbers only are not a 9704 heading
      'Hello world\n\n一个、两个', // `一个、` is not `一、`
    ];
    for (const text of others) assert.equal(looksLikePlan(text), false, text);
  });

  it('reads only the head of a long file', () => {
    const filler = '说明文字。\n'.repeat(SCAN_LIMIT / 5);
    assert.equal(looksLikePlan(`一、工作目标\n${filler}`), true);
    assert.equal(looksLikePlan(`${filler}一、工作目标\n`), false);
  });
});

describe('shouldCheck', () => {
  it('checks everything unless onlyPlans is set', () => {
    assert.equal(shouldCheck(false, '随便写写'), true);
    assert.equal(shouldCheck(true, '随便写写'), false);
    assert.equal(shouldCheck(true, '一、主要任务\n1.……'), true);
  });
});
