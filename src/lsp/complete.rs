//! Completions from the draft's own structure:
//! - at the start of a line, the next number at each open level (`（四）`
//!   after `（三）`, task numbers continuing across sub-sections the way the
//!   draft numbers them), the first number one level down, standard section
//!   headings the draft lacks, and the usual 保障措施 sub-heads;
//! - after `一是…`, the next `二是`;
//! - at the end of a task line without a clause, a clause snippet in the
//!   draft's punctuation style;
//! - after `牵头单位：` / `责任单位：`, unit names used in the draft (most
//!   frequent first) and those configured in planlint.toml.

use std::collections::HashMap;

use tower_lsp::ls_types::*;

use planlint::LineIndex;
use planlint::syntax::numerals::{cn_ordinal, parse_cn_ordinal};
use planlint::syntax::{Document, Heading, NumberStyle, Role};

use super::Snapshot;
use super::text;

/// Characters after which the client should ask for completions.
pub const TRIGGERS: [&str; 7] = ["（", "(", "：", ":", "、", "。", "；"];

const SAFEGUARD_HEADS: [&str; 4] = ["加强组织领导", "强化要素保障", "加强督促检查", "营造良好氛围"];

pub fn complete(snap: &Snapshot, pos: Position) -> Vec<CompletionItem> {
    let doc = planlint::syntax::parse(&snap.text, snap.kind, &snap.config.vocabulary());
    let index = LineIndex::new(&snap.text);
    let cursor = text::offset_in(&index, &snap.text, pos, snap.enc);
    let line = index.line_of(cursor);
    let line_start = index.line_start(line);
    let prefix = &snap.text[line_start..cursor];
    let typed_from = line_start + (prefix.len() - prefix.trim_start().len());
    let typed = &snap.text[typed_from..cursor];
    let replace = text::range(&index, &snap.text, planlint::TextRange::new(typed_from, cursor), snap.enc);
    let mut items = Vec::new();

    if let Some(unit_start) = unit_slot(prefix) {
        let r = text::range(&index, &snap.text, planlint::TextRange::new(line_start + unit_start, cursor), snap.enc);
        units(&doc, snap, r, &mut items);
        return items;
    }
    if typed.chars().count() <= 3 && typed.chars().all(|c| "（(0123456789一二三四五六七八九十".contains(c)) {
        numbering(&doc, line_start, replace, &mut items);
    }
    if let Some(next) = next_enumeration(prefix) {
        let at = Range { start: pos, end: pos };
        items.push(item(&next, &next, "01", CompletionItemKind::TEXT, at));
    }
    clause_snippet(&doc, snap, cursor, line_start, pos, &mut items);
    items
}

fn item(label: &str, insert: &str, sort: &str, kind: CompletionItemKind, range: Range) -> CompletionItem {
    CompletionItem {
        label: label.to_string(),
        kind: Some(kind),
        sort_text: Some(sort.to_string()),
        filter_text: Some(label.to_string()),
        text_edit: Some(CompletionTextEdit::Edit(TextEdit { range, new_text: insert.to_string() })),
        ..Default::default()
    }
}

fn child_style(style: NumberStyle) -> Option<NumberStyle> {
    Some(match style {
        NumberStyle::ChineseComma => NumberStyle::ChineseParen,
        NumberStyle::ChineseParen => NumberStyle::ArabicDot,
        NumberStyle::ArabicDot => NumberStyle::ArabicParen,
        NumberStyle::ArabicParen => NumberStyle::Circled,
        NumberStyle::Markdown | NumberStyle::Circled => return None,
    })
}

/// Next numbers at the start of a line.
fn numbering(doc: &Document<'_>, line_start: usize, replace: Range, items: &mut Vec<CompletionItem>) {
    let before = doc.headings.partition_point(|h| h.marker.start() < line_start);
    let mut chain: Vec<&Heading> = Vec::new();
    let mut cur = before.checked_sub(1);
    while let Some(i) = cur {
        chain.push(&doc.headings[i]);
        cur = doc.headings[i].parent.map(|p| p as usize);
    }
    let mut offered: Vec<String> = Vec::new();
    let mut push = |label: String, detail: &str, rank: usize, items: &mut Vec<CompletionItem>| {
        if offered.contains(&label) {
            return;
        }
        let mut it = item(&label, &label, &format!("{rank:02}"), CompletionItemKind::ENUM_MEMBER, replace);
        it.detail = Some(detail.to_string());
        offered.push(label);
        items.push(it);
    };
    // One level down from the innermost heading (the first child).
    if let Some(inner) = chain.first()
        && let Some(style) = child_style(inner.style)
    {
        let n = doc.numbering.number_for_new(&doc.headings, Some(before - 1), style, before).number;
        if let Some(m) = style.standard_marker(n) {
            push(m, "下一级编号", 0, items);
        }
    }
    // The next sibling at every open level, innermost first.
    for (rank, h) in chain.iter().enumerate() {
        // Task numbers may continue across sub-sections: the draft decides.
        let n = doc.numbering.number_for_new(&doc.headings, h.parent.map(|p| p as usize), h.style, before).number;
        if let Some(m) = h.style.standard_marker(n) {
            push(m, "同级下一编号", rank + 1, items);
        }
    }
    if chain.is_empty() {
        push("一、".into(), "一级标题", 1, items);
    }
    // Standard sections the draft lacks, as the next level-1 heading.
    let top = chain.last().filter(|h| h.style == NumberStyle::ChineseComma);
    let next_top = top.map_or(1, |h| h.number + 1);
    let have = |want: fn(Role) -> bool| doc.headings.iter().any(|h| h.own_role.is_some_and(want));
    for (want, title) in [
        (Role::has_targets as fn(Role) -> bool, "工作目标"),
        (Role::has_tasks, "主要任务"),
        (|r| r == Role::Safeguards, "保障措施"),
    ] {
        if !have(want)
            && let Some(m) = NumberStyle::ChineseComma.standard_marker(next_top)
        {
            push(format!("{m}{title}"), "缺少的标准章节", 20, items);
        }
    }
    // 保障措施 sub-heads not yet written.
    if let Some(top) = top
        && top.role == Some(Role::Safeguards)
    {
        let n = chain.iter().rev().nth(1).filter(|h| h.style == NumberStyle::ChineseParen).map_or(1, |h| h.number + 1);
        let titles: Vec<&str> = doc.headings.iter().map(|h| doc.slice(h.title)).collect();
        for head in SAFEGUARD_HEADS.iter().filter(|t| !titles.iter().any(|x| x.contains(*t))) {
            if let Some(m) = NumberStyle::ChineseParen.standard_marker(n) {
                push(format!("{m}{head}"), "保障措施常用小标题", 30, items);
            }
        }
    }
}

/// `…一是…。` → `二是`: the next inline enumeration word.
fn next_enumeration(prefix: &str) -> Option<String> {
    if !prefix.trim_end().ends_with(['。', '；', '，']) {
        return None;
    }
    let mut best = 0;
    for (i, _) in prefix.match_indices('是') {
        let head = &prefix[..i];
        // The longest Chinese numeral right before 是.
        let start = head.char_indices().rev().take_while(|(_, c)| "一二三四五六七八九十".contains(*c)).last()?.0;
        if let Some((n, len)) = parse_cn_ordinal(&head[start..])
            && len == head.len() - start
        {
            best = best.max(n);
        }
    }
    (best > 0).then(|| format!("{}是", cn_ordinal(best + 1)))
}

/// Byte offset (in `prefix`) where a unit name being typed starts, if the
/// cursor is inside the unit list of a responsibility label.
fn unit_slot(prefix: &str) -> Option<usize> {
    let label_end = ["牵头单位：", "责任单位：", "配合单位：", "牵头单位:", "责任单位:", "配合单位:"]
        .iter()
        .filter_map(|l| prefix.rfind(l).map(|i| i + l.len()))
        .max()?;
    let rest = &prefix[label_end..];
    if rest.contains(['）', ')', '。']) {
        return None;
    }
    let last_sep =
        rest.rfind(['、', '，', '；', ',', ';']).map_or(0, |i| i + rest[i..].chars().next().map_or(0, char::len_utf8));
    Some(label_end + last_sep)
}

fn units(doc: &Document<'_>, snap: &Snapshot, range: Range, items: &mut Vec<CompletionItem>) {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for task in &doc.tasks {
        for u in task.leads.iter().chain(&task.others) {
            *counts.entry(&*u.name).or_default() += 1;
        }
    }
    for (_, full) in &snap.config.unit_aliases {
        counts.entry(full.as_str()).or_default();
    }
    let mut names: Vec<(&str, usize)> = counts.into_iter().collect();
    names.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    for (rank, (name, n)) in names.into_iter().enumerate() {
        let mut it = item(name, name, &format!("{rank:04}"), CompletionItemKind::VALUE, range);
        it.detail = Some(if n == 0 { "planlint.toml".into() } else { format!("本文出现 {n} 次") });
        items.push(it);
    }
}

/// At the end of a task line that has no clause: the clause as a snippet.
fn clause_snippet(
    doc: &Document<'_>,
    snap: &Snapshot,
    cursor: usize,
    line_start: usize,
    pos: Position,
    items: &mut Vec<CompletionItem>,
) {
    let Some(task) = doc.tasks.iter().find(|t| t.marker.start() >= line_start && t.marker.start() < cursor) else {
        return;
    };
    if !task.clauses.is_empty() || !snap.text[..cursor].ends_with(['。', '；']) {
        return;
    }
    let line_sep = if snap.text.contains("\r\n") { "\r\n" } else { "\n" };
    let snippet = doc.clause_style().render("${1}", "${2}", !doc.has_responsibility_markup(), line_sep);
    let label = doc.clause_style().render("…", "…", !doc.has_responsibility_markup(), " ");
    let mut it = item(label.trim(), &snippet, "00", CompletionItemKind::SNIPPET, Range { start: pos, end: pos });
    it.insert_text_format = Some(InsertTextFormat::SNIPPET);
    it.detail = Some("责任分工".into());
    items.push(it);
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::lsp::text::Enc;

    fn labels(text: &str, line: u32, character: u32) -> Vec<String> {
        let snap = Snapshot {
            text: text.to_string(),
            version: 1,
            kind: planlint::SourceKind::PlainText,
            enc: Enc::Utf16,
            config: Arc::new(planlint::Config::default()),
        };
        let mut items = complete(&snap, Position { line, character });
        items.sort_by(|a, b| a.sort_text.cmp(&b.sort_text));
        items.into_iter().map(|i| i.label).collect()
    }

    const DRAFT: &str = "一、工作目标\n到2026年，新增企业10家。\n二、主要任务\n（一）强化企业主体\n1.培育企业。新增10家。（牵头单位：市科技局；责任单位：市财政局）\n2.建设平台。新建3个。（牵头单位：市科技局）\n（二）优化生态\n3.深化改革。完成5项。\n\n";

    #[test]
    fn next_numbers_follow_the_draft() {
        // On the empty last line: 4. continues the task numbering across 〔（二）〕,
        // then （1） one level down, （三） and 三、 as the next siblings.
        let got = labels(DRAFT, 9, 0);
        assert_eq!(&got[..4], ["（1）", "4.", "（三）", "三、"], "{got:?}");
        assert!(got.contains(&"三、保障措施".to_string()), "{got:?}");
        assert!(!got.contains(&"三、主要任务".to_string()));
    }

    #[test]
    fn first_task_of_a_new_subsection_continues_the_numbering() {
        let text = "二、主要任务\n（一）甲\n1.任务一。\n2.任务二。\n（二）乙\n\n";
        assert_eq!(labels(text, 5, 0)[0], "3.");
        // A draft that restarts at 1 in each sub-section gets 1.
        let text = "二、主要任务\n（一）甲\n1.任务一。\n（二）乙\n1.任务二。\n（三）丙\n\n";
        assert_eq!(labels(text, 6, 0)[0], "1.");
    }

    #[test]
    fn units_clause_snippet_and_enumeration() {
        let text = format!("{DRAFT}4.加强协同。（牵头单位：");
        let got = labels(&text, 9, 13);
        assert_eq!(&got[..2], ["市科技局", "市财政局"], "{got:?}");
        let text = format!("{DRAFT}4.加强协同。推进合作。");
        assert_eq!(labels(&text, 9, 12), ["（牵头单位：…；责任单位：…）"]);
        let text = "一是加强领导。";
        assert_eq!(labels(text, 0, 7), ["二是"]);
    }
}
