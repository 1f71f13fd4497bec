// Does a text look like a work plan? Used by `planlint.onlyPlans`.
// No `vscode` import (unit-tested under plain Node).

/** Only the head of a long file is read: a plan's headings come early. */
export const SCAN_LIMIT = 20_000;

/**
 * Headings of the GB/T 9704 numbering: `一、…` (first level) or `（一）…`
 * (second level) at the start of a line, optionally after Markdown `#`s or
 * list/quote markers and blanks (ASCII or ideographic).
 */
const HEADING =
  /^[ \t\u3000]*(?:#{1,6}[ \t]+|>[ \t]*)?(?:\*\*)?(?:[一二三四五六七八九十]{1,3}[、．]|[（(][一二三四五六七八九十]{1,3}[）)])/mu;

/** Words that name the genre or its standard parts (simplified and traditional forms). */
export const GENRE_WORDS = [
  '工作要点', '工作要點',
  '实施方案', '實施方案',
  '工作方案',
  '行动计划', '行動計劃', '行動計畫',
  '任务分工', '任務分工',
  '主要任务', '主要任務',
  '重点任务', '重點任務',
  '工作目标', '工作目標',
  '主要目标', '主要目標',
  '总体要求', '總體要求',
  '指导思想', '指導思想',
  '保障措施',
  '牵头单位', '牽頭單位',
  '责任单位', '責任單位',
] as const;

/**
 * True when the text has a GB/T 9704 heading (`一、` or `（一）` at the start of
 * a line) and at least one genre word (工作要点, 实施方案, 行动计划, 主要任务,
 * 工作目标, 保障措施, 牵头单位, …). A note that merely mentions 实施方案, or a
 * numbered list without any of these words, is not a plan.
 */
export function looksLikePlan(text: string): boolean {
  const head = text.length > SCAN_LIMIT ? text.slice(0, SCAN_LIMIT) : text;
  if (!HEADING.test(head)) return false;
  return GENRE_WORDS.some((w) => head.includes(w));
}

/** Whether planlint's findings are shown for a document with this text. */
export function shouldCheck(onlyPlans: boolean, text: string): boolean {
  return !onlyPlans || looksLikePlan(text);
}
