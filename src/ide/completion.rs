//! Completions: what a drafter is likely to type next at the cursor, taken
//! from the draft's own structure and ranked the way drafts continue.
//!
//! - **In a list of units**: after a responsibility label (`牵头单位：`,
//!   `（责任部门:` … any label the parser knows, configured ones included,
//!   either script; not 责任领导, which names a person, nor 完成时限) or after
//!   a 、 in its list; after `A牵头，` in the verb form; in the lead or
//!   responsible-unit cell of a task table. Only unit names: those the
//!   draft's clauses and tables name, most used first, then the full names
//!   configured in `planlint.toml`; names already in the list are left out.
//! - **At the start of a line** (nothing typed yet but a number), structure
//!   numbers from [`Numbering`](crate::syntax::Numbering), so they continue
//!   or restart the way the draft numbers:
//!   1. the next number at the level of the heading above (`7.` after `6.`),
//!      then the first number one level down (`（1）`); right under a bare
//!      title (`（二）提升平台`, no text yet) the other way round;
//!   2. the next number at each enclosing level, innermost first; in
//!      保障措施, its usual sub-heads not yet written follow their number;
//!   3. the standard sections the draft lacks (工作目标, 主要任务, 保障措施),
//!      only where they fit the order of a plan: after the sections that
//!      come before them and before those that come after.
//!
//!   A number that already exists right below the cursor (`三、` above
//!   `三、保障措施`) is not offered, and nothing is offered once the draft
//!   has been signed off (a date line such as `2026年3月1日` after its last
//!   heading).
//! - **At the end of a task line without a clause**, the clause as a snippet
//!   in the draft's punctuation style.
//! - **After `一是…。`**, the next `二是`.

use std::collections::HashMap;

use crate::config::Config;
use crate::lang::Lang;
use crate::syntax::numbering::NewNumber;
use crate::syntax::numerals::{cn_ordinal, parse_cn_ordinal};
use crate::syntax::responsibility::open_unit_list;
use crate::syntax::tables::open_unit_cell;
use crate::syntax::{Document, LineKind, NumberStyle, Role};
use crate::text::{LineIndex, TextRange, floor_char_boundary};

/// Characters after which an editor should ask for completions.
pub const TRIGGER_CHARS: [&str; 7] = ["（", "(", "：", ":", "、", "。", "；"];

/// What a completion inserts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompletionKind {
    /// A structure number (`7.`, `（四）`).
    Number,
    /// A numbered heading with its title (`三、保障措施`).
    Section,
    /// A unit name after a responsibility label.
    Unit,
    /// A responsibility clause.
    Clause,
    /// An inline enumeration word (`二是`).
    Enumeration,
}

/// One completion.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Completion {
    /// What the list shows (and what typing filters on).
    pub label: String,
    /// What is inserted in place of [`Completion::replace`].
    pub insert: String,
    /// `insert` is a snippet with tab stops `${1}`, `${2}` (the syntax editors share).
    pub snippet: bool,
    pub kind: CompletionKind,
    /// A short note shown beside the label, in the configured language.
    pub detail: String,
    /// Position in the ranked list, 0 first.
    pub rank: u32,
    /// The bytes replaced: what was typed of it (empty: insert at the cursor).
    pub replace: TextRange,
}

/// 保障措施 sub-heads most plans use.
const SAFEGUARD_HEADS: [&str; 4] = ["加强组织领导", "强化要素保障", "加强督促检查", "营造良好氛围"];

/// Characters that may start a structure number being typed.
const NUMBER_CHARS: &str = "（(0123456789一二三四五六七八九十";

/// Completions at byte `offset` of the text `doc` was parsed from, ranked.
pub fn complete(doc: &Document<'_>, config: &Config, offset: usize) -> Vec<Completion> {
    let text = doc.text;
    let cursor = floor_char_boundary(text, offset.min(text.len()));
    let index = LineIndex::new(text);
    let line_start = index.line_start(index.line_of(cursor));
    let prefix = &text[line_start..cursor];
    let mut out = Completions { lang: config.lang, items: Vec::new() };
    let vocab = config.vocabulary();
    let list = open_unit_list(doc.folded(), &vocab, line_start, cursor)
        .or_else(|| open_unit_cell(doc.folded(), &doc.lines, &vocab, cursor));
    if let Some((list, unit)) = list {
        units(doc, config, &text[list..unit], TextRange::new(unit, cursor), &mut out);
        return out.ranked();
    }
    let typed_from = line_start + (prefix.len() - prefix.trim_start().len());
    let typed = &text[typed_from..cursor];
    if typed.chars().count() <= 3 && typed.chars().all(|c| NUMBER_CHARS.contains(c)) {
        numbers(doc, line_start, TextRange::new(typed_from, cursor), &mut out);
    }
    clause_snippet(doc, cursor, line_start, &mut out);
    if let Some(next) = next_enumeration(prefix) {
        let detail = out.lang.pick("分条列举", "inline enumeration");
        out.push(&next, next.clone(), CompletionKind::Enumeration, detail, TextRange::empty(cursor));
    }
    out.ranked()
}

/// The list being built, in rank order.
struct Completions {
    lang: Lang,
    items: Vec<Completion>,
}

impl Completions {
    /// Adds an item unless one with the same label is there already.
    fn push(&mut self, label: &str, insert: String, kind: CompletionKind, detail: &str, replace: TextRange) {
        if self.items.iter().any(|c| c.label == label) {
            return;
        }
        let item = Completion {
            label: label.to_string(),
            insert,
            snippet: false,
            kind,
            detail: detail.to_string(),
            rank: 0,
            replace,
        };
        self.items.push(item);
    }

    fn ranked(mut self) -> Vec<Completion> {
        for (rank, c) in self.items.iter_mut().enumerate() {
            c.rank = rank as u32;
        }
        self.items
    }
}

/// The style of the items below a heading of `style`: what the draft puts
/// there most often (`1.` straight under `一、` in a two-level draft), else
/// the next GB/T 9704 level.
fn child_style(doc: &Document<'_>, style: NumberStyle) -> Option<NumberStyle> {
    let outline = &doc.headings;
    let mut counts: Vec<(NumberStyle, usize)> = Vec::new();
    for h in outline.iter() {
        let under = h.parent.is_some_and(|p| outline[p as usize].style == style);
        if under && h.style != NumberStyle::Markdown && h.level() > style.level() {
            match counts.iter_mut().find(|(s, _)| *s == h.style) {
                Some((_, n)) => *n += 1,
                None => counts.push((h.style, 1)),
            }
        }
    }
    let used = counts.into_iter().max_by(|a, b| a.1.cmp(&b.1).then(b.0.level().cmp(&a.0.level()))).map(|(s, _)| s);
    used.or(match style {
        NumberStyle::Markdown => Some(NumberStyle::ChineseComma),
        NumberStyle::ChineseComma => Some(NumberStyle::ChineseParen),
        NumberStyle::ChineseParen => Some(NumberStyle::ArabicDot),
        NumberStyle::ArabicDot => Some(NumberStyle::ArabicParen),
        NumberStyle::ArabicParen => Some(NumberStyle::Circled),
        NumberStyle::Circled | NumberStyle::Enumerated => None,
    })
}

/// Whether heading `h` is a bare title the cursor (on line `cursor_line`)
/// sits right under: nothing after the title on its line, not even a full
/// stop (`2.建设平台。` is a task, not a title), and only blank lines between.
fn bare_title(doc: &Document<'_>, h: usize, cursor_line: usize) -> bool {
    let heading = &doc.headings[h];
    let Some(line) = doc.lines.get(heading.line as usize) else { return false };
    let after = &doc.prose[heading.title.end()..line.range.end().max(heading.title.end())];
    let first = heading.line as usize + 1;
    after.trim_matches(|c: char| c.is_whitespace() || c == '\0').is_empty()
        && doc.lines.get(first..cursor_line.max(first)).is_some_and(|ls| ls.iter().all(|l| l.kind != LineKind::Prose))
}

/// Whether a line from `from` up to (not including) `to` closes the draft:
/// a short date line such as `2026年3月1日` or `2026年 月 日`.
fn signed_off(doc: &Document<'_>, from: usize, to: usize) -> bool {
    let Some(lines) = doc.lines.get(from..to.max(from)) else { return false };
    lines.iter().filter(|l| l.kind == LineKind::Prose).any(|l| {
        let t = doc.text[l.content_range().as_range()].trim();
        let digits = t.chars().take_while(|c| c.is_ascii_digit() || "〇零一二三四五六七八九".contains(*c)).count();
        t.chars().count() <= 20 && digits == 4 && t.contains('年') && t.contains('月') && t.ends_with('日')
    })
}

/// Whether a heading of `style` numbered as `new` would duplicate one right
/// below the cursor: the first heading of that style after it is in the same
/// list or run and already has that number.
fn exists_below(doc: &Document<'_>, parent: Option<usize>, style: NumberStyle, new: NewNumber, before: usize) -> bool {
    let outline = &doc.headings;
    let Some(j) = (before..outline.len()).find(|&j| outline[j].style == style) else { return false };
    let same_list = outline[j].parent.map(|p| p as usize) == parent;
    let same_run = new.run.is_some() && doc.numbering.item(j).map(|it| it.run) == new.run;
    (same_list || same_run) && (outline[j].number == new.number || doc.numbering.expected(j) == Some(new.number))
}

/// Structure numbers and standard sections at the start of a line.
fn numbers(doc: &Document<'_>, line_start: usize, replace: TextRange, out: &mut Completions) {
    let outline = &doc.headings;
    let lang = out.lang;
    let before = outline.partition_point(|h| h.marker.start() < line_start);
    let cursor_line = doc.line_of(line_start);
    let chain: Vec<usize> = match before.checked_sub(1) {
        Some(i) => std::iter::once(i).chain(outline.ancestors(i)).collect(),
        None => Vec::new(),
    };
    if let Some(&h) = chain.first()
        && signed_off(doc, outline[h].line as usize + 1, cursor_line)
    {
        return;
    }
    let parent_of = |i: usize| outline[i].parent.map(|p| p as usize);
    // (parent, style, detail)
    let mut wanted: Vec<(Option<usize>, NumberStyle, &str)> = Vec::new();
    match chain.first() {
        None => wanted.push((None, NumberStyle::ChineseComma, lang.pick("一级标题", "top-level heading"))),
        Some(&h) => {
            let sibling = (parent_of(h), outline[h].style, lang.pick("同级下一编号", "next at this level"));
            let child = child_style(doc, outline[h].style)
                .map(|s| (Some(h), s, lang.pick("下一级编号", "first one level down")));
            if bare_title(doc, h, cursor_line) {
                wanted.extend(child);
                wanted.push(sibling);
            } else {
                wanted.push(sibling);
                wanted.extend(child);
            }
            for &a in &chain[1..] {
                wanted.push((parent_of(a), outline[a].style, lang.pick("上级下一编号", "next at an outer level")));
            }
        }
    }
    // 保障措施 sub-heads not yet written, under the outermost safeguards heading:
    // offered right after their bare number.
    let mut heads: Option<(String, Vec<String>)> = None;
    if let Some(&s) = chain.iter().rev().find(|&&a| outline[a].own_role == Some(Role::Safeguards))
        && let Some(style) = child_style(doc, outline[s].style)
    {
        let new = doc.numbering.number_for_new(outline, Some(s), style, before);
        if let Some(marker) = style.standard_marker(new.number)
            && !exists_below(doc, Some(s), style, new, before)
        {
            let unwritten =
                SAFEGUARD_HEADS.iter().filter(|head| !outline.iter().any(|h| doc.slice(h.title).contains(*head)));
            let labels = unwritten.map(|head| format!("{marker}{head}")).collect();
            heads = Some((marker, labels));
        }
    }
    let mut push_heads = |after: Option<&str>, out: &mut Completions| {
        if heads.as_ref().is_some_and(|(m, _)| after.is_none_or(|a| a == m))
            && let Some((_, labels)) = heads.take()
        {
            let detail = lang.pick("保障措施常用小标题", "usual safeguard sub-head");
            for label in labels {
                out.push(&label, label.clone(), CompletionKind::Section, detail, replace);
            }
        }
    };
    for (parent, style, detail) in wanted {
        let new = doc.numbering.number_for_new(outline, parent, style, before);
        if let Some(marker) = style.standard_marker(new.number)
            && !exists_below(doc, parent, style, new, before)
        {
            out.push(&marker, marker.clone(), CompletionKind::Number, detail, replace);
            push_heads(Some(&marker), out);
        }
    }
    push_heads(None, out);
    missing_sections(doc, &chain, before, line_start, replace, out);
}

/// Whether a heading's own role makes it a given standard section.
type IsSection = fn(Role) -> bool;

/// The standard sections of a plan, in their order, with the test for a heading's own role.
const SECTIONS: [(&str, IsSection); 3] =
    [("工作目标", Role::has_targets), ("主要任务", Role::has_tasks), ("保障措施", |r| r == Role::Safeguards)];

/// Standard sections the draft lacks, where they fit the order of a plan.
fn missing_sections(
    doc: &Document<'_>,
    chain: &[usize],
    before: usize,
    cursor: usize,
    replace: TextRange,
    out: &mut Completions,
) {
    if !doc.genre.is_plan() {
        return;
    }
    let outline = &doc.headings;
    // Where each section starts, if the draft has it; tasks are also where
    // the parser found them without a heading saying so (clauses, tables).
    let mut starts: [Option<usize>; 3] = [None; 3];
    let mut note = |k: usize, at: usize| starts[k] = Some(starts[k].map_or(at, |s: usize| s.min(at)));
    for h in outline.iter() {
        for (k, (_, has)) in SECTIONS.iter().enumerate() {
            if h.own_role.is_some_and(has) {
                note(k, h.marker.start());
            }
        }
    }
    for s in &doc.task_sections {
        note(1, outline[s.root as usize].marker.start());
    }
    // Topic headings (`一、聚焦产业创新`, no role) are the tasks of a 要点.
    for h in outline.iter().filter(|h| h.style == NumberStyle::ChineseComma && h.role.is_none()) {
        note(1, h.marker.start());
    }
    for t in doc.tasks.iter().filter(|t| t.table_row) {
        note(1, t.range.start());
    }
    // The new section goes beside the outermost 一、 above the cursor (under a Markdown title, if any).
    let parent = match chain.iter().rev().find(|&&a| outline[a].style == NumberStyle::ChineseComma) {
        Some(&top) => outline[top].parent.map(|p| p as usize),
        None => chain.last().copied().filter(|&r| outline[r].style == NumberStyle::Markdown),
    };
    let new = doc.numbering.number_for_new(outline, parent, NumberStyle::ChineseComma, before);
    let Some(marker) = NumberStyle::ChineseComma.standard_marker(new.number) else { return };
    let detail = out.lang.pick("缺少的标准章节", "missing standard section");
    for (k, (title, _)) in SECTIONS.iter().enumerate() {
        let fits = starts[k].is_none()
            && starts[..k].iter().flatten().all(|&s| s < cursor)
            && starts[k + 1..].iter().flatten().all(|&s| s >= cursor);
        if fits {
            let label = format!("{marker}{title}");
            out.push(&label, label.clone(), CompletionKind::Section, detail, replace);
        }
    }
}

/// Unit names for the list `listed` (what is written of it so far) of a
/// clause: those the draft names, most used first, then the configured ones.
fn units(doc: &Document<'_>, config: &Config, listed: &str, replace: TextRange, out: &mut Completions) {
    let mut counts: HashMap<String, usize> = HashMap::new();
    for clause in &doc.clauses {
        // Not the name being typed.
        for u in clause.leads.iter().chain(clause.others.iter()).filter(|u| !u.range.intersects(replace)) {
            let name = u.name.replace('\0', "");
            if !name.is_empty() {
                *counts.entry(name).or_default() += 1;
            }
        }
    }
    for (_, full) in &config.unit_aliases {
        counts.entry(full.clone()).or_default();
    }
    // The names already in the list, as the parser reads them (aliases resolved).
    let vocab = config.vocabulary();
    let listed: Vec<&str> = listed
        .split(['、', '，', '；', ',', ';', '/', '／'])
        .map(|n| vocab.canonical_unit(n.trim_matches(|c: char| c.is_whitespace() || c == '等')))
        .collect();
    let mut names: Vec<(String, usize)> =
        counts.into_iter().filter(|(name, _)| !listed.contains(&name.as_str())).collect();
    names.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    for (name, n) in names {
        let detail = match (n, out.lang) {
            (0, _) => "planlint.toml".to_string(),
            (n, Lang::Zh) => format!("本文出现 {n} 次"),
            (n, Lang::En) => format!("named {n} times in this draft"),
        };
        out.push(&name, name.clone(), CompletionKind::Unit, &detail, replace);
    }
}

/// At the end of a task line that has no clause: the clause as a snippet.
fn clause_snippet(doc: &Document<'_>, cursor: usize, line_start: usize, out: &mut Completions) {
    let Some(task) = doc.tasks.iter().find(|t| t.marker.start() >= line_start && t.marker.start() < cursor) else {
        return;
    };
    if !task.clauses.is_empty() || !doc.text[..cursor].ends_with(['。', '；']) {
        return;
    }
    let line_sep = if doc.text.contains("\r\n") { "\r\n" } else { "\n" };
    let style = doc.clause_style();
    let force_lead = !doc.has_responsibility_markup();
    let snippet = style.render("${1}", "${2}", force_lead, line_sep);
    let label = style.render("…", "…", force_lead, " ");
    let detail = out.lang.pick("责任分工", "responsibility clause");
    out.push(label.trim(), snippet, CompletionKind::Clause, detail, TextRange::empty(cursor));
    if let Some(item) = out.items.last_mut()
        && item.kind == CompletionKind::Clause
    {
        item.snippet = true;
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
        let Some((start, _)) =
            head.char_indices().rev().take_while(|(_, c)| "一二三四五六七八九十".contains(*c)).last()
        else {
            continue;
        };
        if let Some((n, len)) = parse_cn_ordinal(&head[start..])
            && len == head.len() - start
        {
            best = best.max(n);
        }
    }
    (best > 0).then(|| format!("{}是", cn_ordinal(best + 1)))
}

#[cfg(test)]
mod tests {
    use std::fmt::Write;

    use expect_test::{Expect, expect};

    use super::*;
    use crate::syntax::{SourceKind, parse};

    /// Renders the completions at `$0` in `src`, one per line:
    /// `rank label (kind) detail`, then what is inserted when it differs
    /// from the label and what is replaced when it is not empty.
    fn check_with(config: &Config, src: &str, expect: Expect) {
        let at = src.find("$0").expect("the text marks the cursor with $0");
        let text = src.replacen("$0", "", 1);
        let doc = parse(&text, SourceKind::PlainText, &config.vocabulary());
        let mut out = String::new();
        for c in complete(&doc, config, at) {
            let _ = write!(out, "{} {} ({:?}) {}", c.rank, c.label, c.kind, c.detail);
            if c.insert != c.label {
                let _ = write!(out, " inserts {:?}", c.insert);
            }
            if !c.replace.is_empty() {
                let _ = write!(out, " replacing {:?}", &text[c.replace.as_range()]);
            }
            out.push('\n');
        }
        expect.assert_eq(&out);
    }

    fn check(src: &str, expect: Expect) {
        check_with(&Config::default(), src, expect);
    }

    const EXAMPLE: &str = include_str!("../../examples/draft.txt");

    #[test]
    fn example_draft_after_the_last_task() {
        // The blank line between 6. and 三、保障措施: 7. first, then （1）, then
        // （四）; not 三、, which is right below, and no standard section (all there).
        let src = EXAMPLE.replacen("各县区人民政府）\n\n", "各县区人民政府）\n$0\n", 1);
        check(
            &src,
            expect![[r#"
                0 7. (Number) 同级下一编号
                1 （1） (Number) 下一级编号
                2 （四） (Number) 上级下一编号
            "#]],
        );
        // After the date line the draft is finished.
        check(&format!("{EXAMPLE}$0"), expect![""]);
    }

    #[test]
    fn tasks_numbered_straight_through_topic_headings() {
        let draft = "北岭市2026年工作要点\n一、聚焦产业创新\n1.培育企业。（牵头单位：市科技局）\n2.建设平台。（牵头单位：市发展改革委）\n\
                     二、聚焦人才引育\n3.引进人才。（牵头单位：市人社局）\n";
        // At the end of 二、: the next task; one level down; the next topic.
        check(
            &format!("{draft}$0"),
            expect![[r#"
                0 4. (Number) 同级下一编号
                1 （1） (Number) 下一级编号
                2 三、 (Number) 上级下一编号
                3 三、保障措施 (Section) 缺少的标准章节
            "#]],
        );
        // Right under a new topic's title: its first task, continuing.
        check(
            &format!("{draft}三、聚焦开放合作\n$0"),
            expect![[r#"
                0 4. (Number) 下一级编号
                1 四、 (Number) 同级下一编号
                2 四、保障措施 (Section) 缺少的标准章节
            "#]],
        );
        // A draft that restarts under each topic gets 1.
        let restarting =
            "一、聚焦产业创新\n1.培育企业。\n2.建设平台。\n二、聚焦人才引育\n1.引进人才。\n三、聚焦开放合作\n$0";
        check(
            restarting,
            expect![[r#"
                0 1. (Number) 下一级编号
                1 四、 (Number) 同级下一编号
                2 四、保障措施 (Section) 缺少的标准章节
            "#]],
        );
    }

    #[test]
    fn first_task_of_a_new_subsection() {
        check(
            "二、主要任务\n（一）甲\n1.任务一。\n2.任务二。\n（二）乙\n$0",
            expect![[r#"
                0 3. (Number) 下一级编号
                1 （三） (Number) 同级下一编号
                2 三、 (Number) 上级下一编号
                3 三、保障措施 (Section) 缺少的标准章节
            "#]],
        );
        check(
            "二、主要任务\n（一）甲\n1.任务一。\n（二）乙\n1.任务二。\n（三）丙\n$0",
            expect![[r#"
                0 1. (Number) 下一级编号
                1 （四） (Number) 同级下一编号
                2 三、 (Number) 上级下一编号
                3 三、保障措施 (Section) 缺少的标准章节
            "#]],
        );
        // What is typed is replaced.
        check(
            "二、主要任务\n（一）甲\n1.任务一。\n2.任务二。\n（$0",
            expect![[r#"
                0 3. (Number) 同级下一编号 replacing "（"
                1 （1） (Number) 下一级编号 replacing "（"
                2 （二） (Number) 上级下一编号 replacing "（"
                3 三、 (Number) 上级下一编号 replacing "（"
                4 三、保障措施 (Section) 缺少的标准章节 replacing "（"
            "#]],
        );
    }

    #[test]
    fn nothing_that_is_right_below() {
        // Between 1. and 2.: no second 2., no second 三、.
        check(
            "二、主要任务\n1.甲。\n$0\n2.乙。\n三、保障措施\n",
            expect![[r#"
                0 （1） (Number) 下一级编号
            "#]],
        );
        // At the top of an empty draft: 一、, and the sections a plan starts with, in English.
        let en = Config { lang: Lang::En, ..Config::default() };
        check_with(
            &en,
            "$0",
            expect![[r#"
                0 一、 (Number) top-level heading
                1 一、工作目标 (Section) missing standard section
                2 一、主要任务 (Section) missing standard section
                3 一、保障措施 (Section) missing standard section
            "#]],
        );
    }

    #[test]
    fn missing_sections_in_the_order_of_a_plan() {
        // Targets and tasks written: 保障措施 may follow.
        check(
            "一、工作目标\n到2026年，新增企业10家。\n二、主要任务\n1.培育企业。新增10家。\n$0",
            expect![[r#"
                0 2. (Number) 同级下一编号
                1 （1） (Number) 下一级编号
                2 三、 (Number) 上级下一编号
                3 三、保障措施 (Section) 缺少的标准章节
            "#]],
        );
        // Tasks first: 工作目标 does not belong after them.
        check(
            "一、重点任务\n1.培育企业。\n$0",
            expect![[r#"
                0 2. (Number) 同级下一编号
                1 （1） (Number) 下一级编号
                2 二、 (Number) 上级下一编号
                3 二、保障措施 (Section) 缺少的标准章节
            "#]],
        );
        // A 要点 with topic headings has its tasks; with 保障措施 too, nothing is missing.
        check(
            "北岭市2026年工作要点\n一、聚焦产业创新\n1.培育企业。（牵头单位：市科技局）\n二、保障措施\n（一）加强组织领导。\n$0",
            expect![[r#"
                0 （二） (Number) 同级下一编号
                1 （二）强化要素保障 (Section) 保障措施常用小标题
                2 （二）加强督促检查 (Section) 保障措施常用小标题
                3 （二）营造良好氛围 (Section) 保障措施常用小标题
                4 1. (Number) 下一级编号
                5 三、 (Number) 上级下一编号
            "#]],
        );
    }

    #[test]
    fn units_after_any_responsibility_label() {
        let draft = "二、主要任务\n1.培育企业。（牵头单位：市科技局；责任单位：市财政局）\n2.建设平台。（牵头单位：市科技局）\n";
        check(
            &format!("{draft}3.优化服务。（牵头部门：$0"),
            expect![[r#"
                0 市科技局 (Unit) 本文出现 2 次
                1 市财政局 (Unit) 本文出现 1 次
            "#]],
        );
        // Names already in the list are left out; what is typed of the next one is replaced.
        check(
            &format!("{draft}3.优化服务。（责任单位：市科技局、市$0"),
            expect![[r#"
                0 市财政局 (Unit) 本文出现 1 次 replacing "市"
            "#]],
        );
        // Configured labels and full names, traditional script.
        let config = Config {
            other_roles: vec!["协办处室".into()],
            unit_aliases: vec![("市发改委".into(), "市发展和改革委员会".into())],
            ..Config::default()
        };
        check_with(
            &config,
            &format!("{draft}3.优化服务。（協辦處室：$0"),
            expect![[r#"
                0 市科技局 (Unit) 本文出现 2 次
                1 市财政局 (Unit) 本文出现 1 次
                2 市发展和改革委员会 (Unit) planlint.toml
            "#]],
        );
        // A deadline is not a unit.
        check(&format!("{draft}3.优化服务。（完成时限：$0"), expect![""]);
    }

    #[test]
    fn units_in_every_kind_of_list() {
        let draft = "二、主要任务\n1.培育企业。（牵头单位：市科技局；责任单位：市财政局、市发改委）\n\
                     2.建设平台。（市科技局牵头，市财政局配合）\n";
        let units = |src: &str| {
            let config = Config {
                unit_aliases: vec![("市发改委".into(), "市发展和改革委员会".into())],
                ..Config::default()
            };
            let text = format!("{draft}{src}");
            let at = text.find("$0").unwrap();
            let text = text.replacen("$0", "", 1);
            let doc = parse(&text, SourceKind::PlainText, &config.vocabulary());
            complete(&doc, &config, at).into_iter().map(|c| c.label).collect::<Vec<_>>().join(" ")
        };
        // Half-width, spaced and bracketless labels; after 、 and ，; the alias counts as its full name.
        assert_eq!(units("3.优化服务。(配合单位:$0"), "市科技局 市财政局 市发展和改革委员会");
        assert_eq!(units("3.优化服务。（牵头 单位：$0"), "市科技局 市财政局 市发展和改革委员会");
        assert_eq!(units("3.优化服务。\n责任部门：市财政局，$0"), "市科技局 市发展和改革委员会");
        assert_eq!(units("3.优化服务。（责任单位：市发改委、市$0"), "市科技局 市财政局");
        // The verb form: the units after `A牵头，`.
        assert_eq!(units("3.优化服务。（市科技局牵头，$0"), "市科技局 市财政局 市发展和改革委员会");
        // A leader is a person, not a unit; a closed clause is closed.
        assert_eq!(units("3.优化服务。（牵头单位：市科技局；责任领导：$0"), "");
        assert_eq!(units("3.优化服务。（牵头单位：市科技局）$0"), "");
    }

    #[test]
    fn units_in_a_task_table() {
        let table = "序号｜任务｜牵头单位｜责任单位｜完成时限\n1｜培育企业｜市科技局｜市财政局、市科技局｜年底\n\
                     2｜建设平台｜市财政局｜市工信局｜6月\n";
        check(
            &format!("{table}3｜优化服务｜$0"),
            expect![[r#"
                0 市科技局 (Unit) 本文出现 2 次
                1 市财政局 (Unit) 本文出现 2 次
                2 市工信局 (Unit) 本文出现 1 次
            "#]],
        );
        check(
            &format!("{table}3｜优化服务｜市财政局｜ 市工信局、市$0"),
            expect![[r#"
                0 市财政局 (Unit) 本文出现 3 次 replacing "市"
                1 市科技局 (Unit) 本文出现 2 次 replacing "市"
            "#]],
        );
        // Not in the task or deadline columns, nor in the header.
        check(&format!("{table}3｜优化$0"), expect![""]);
        check(&format!("{table}3｜优化服务｜市财政局｜市工信局｜$0"), expect![""]);
        check("序号｜任务｜牵头单位$0", expect![""]);
    }

    #[test]
    fn clause_snippet_and_enumeration() {
        // A topic-heading draft: tasks come from where the clauses attach.
        let draft = "一、聚焦产业创新\n1.培育企业。（牵头单位：市科技局）\n2.建设平台。推进合作。$0\n";
        check(
            draft,
            expect![[r#"
                0 （牵头单位：…；责任单位：…） (Clause) 责任分工 inserts "（牵头单位：${1}；责任单位：${2}）"
            "#]],
        );
        check(
            "一是加强领导。$0",
            expect![[r#"
                0 二是 (Enumeration) 分条列举
            "#]],
        );
    }
}
