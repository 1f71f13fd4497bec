//! Text → [`Document`]: lines, the prose view, the outline with section
//! roles, responsibility clauses, tasks and target statements.
//!
//! Never fails: any input yields a Document; structure that is not
//! recognised is kept as plain prose.

use std::borrow::Cow;

use crate::config::Config;
use crate::text::{TextRange, is_inline_space};

pub mod lexicon;
pub mod markup;
pub mod numerals;
pub mod outline;
pub mod placeholders;
pub mod responsibility;
pub mod tables;
pub mod targets;
#[cfg(test)]
mod tests;

pub use markup::{Line, LineKind, Suppressions};
pub use outline::{Heading, NumberStyle, role};
pub use responsibility::{Clause, ClauseStyle, Unit};
pub use targets::{TargetKind, TargetStatement};

/// What kind of source the text is.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub enum SourceKind {
    #[default]
    PlainText,
    Markdown,
}

impl SourceKind {
    /// Guesses the kind from a file name or LSP language id.
    pub fn from_name(name: &str) -> SourceKind {
        let lower = name.to_ascii_lowercase();
        if lower.ends_with(".md") || lower.ends_with(".markdown") || lower == "markdown" {
            SourceKind::Markdown
        } else {
            SourceKind::PlainText
        }
    }
}

/// A numbered task in a task section.
#[derive(Clone, Debug)]
pub struct Task {
    /// Index into [`Document::headings`]; `None` for a table row.
    pub heading: Option<u32>,
    pub number: u32,
    /// The task's whole span: its heading line, body, sub-items and clauses.
    pub range: TextRange,
    pub marker: TextRange,
    pub title: TextRange,
    /// Indices into [`Document::clauses`] of the clauses inside the task.
    pub clauses: Vec<u32>,
    /// Lead units (explicit, or the first listed responsible unit).
    pub leads: Vec<Unit>,
    pub others: Vec<Unit>,
    /// Where a responsibility clause for this task would be inserted.
    pub insert_at: u32,
    /// The task is a row of a task table.
    pub table_row: bool,
}

impl Task {
    /// Whether at least one lead is a specific unit (not 各有关单位 …).
    pub fn has_specific_lead(&self) -> bool {
        self.leads.iter().any(|u| !u.generic)
    }
}

/// A parsed draft.
pub struct Document<'a> {
    pub text: &'a str,
    /// The prose view: same length as `text`, non-prose overwritten with NUL.
    pub prose: Cow<'a, str>,
    pub kind: SourceKind,
    pub lines: Vec<Line>,
    pub headings: Vec<Heading>,
    pub clauses: Vec<Clause>,
    pub tasks: Vec<Task>,
    pub targets: Vec<TargetStatement>,
    pub suppressions: Suppressions,
}

impl Document<'_> {
    /// Index of the line containing byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        responsibility::line_containing(&self.lines, offset).unwrap_or(0)
    }

    /// Whether the draft marks responsibility anywhere (any clause at all).
    pub fn has_responsibility_markup(&self) -> bool {
        !self.clauses.is_empty()
    }

    /// The clause style to write into this draft: parentheses and full-width
    /// punctuation as most of its clauses have them, and a lead label
    /// whenever any clause names a lead explicitly (a clause inserted for a
    /// task without a lead should name one). [`ClauseStyle::DEFAULT`] when the
    /// draft has no clause.
    pub fn clause_style(&self) -> ClauseStyle {
        if self.clauses.is_empty() {
            return ClauseStyle::DEFAULT;
        }
        let n = self.clauses.len();
        let majority = |f: fn(&Clause) -> bool| self.clauses.iter().filter(|c| f(c)).count() * 2 >= n;
        ClauseStyle {
            parenthesised: majority(|c| c.style.parenthesised),
            full_width: majority(|c| c.style.full_width),
            labelled_lead: self.clauses.iter().any(|c| c.lead_explicit),
        }
    }

    /// Whether `1.` task numbers continue across `（一）（二）` sub-sections
    /// (most drafts) rather than restart at 1 in each: yes unless some
    /// `（二）`-or-later sub-section starts its `1.` items at 1 again.
    pub fn task_numbers_continue(&self) -> bool {
        !self.headings.iter().enumerate().any(|(i, h)| {
            h.style == NumberStyle::ArabicDot
                && h.number == 1
                && h.parent.is_some_and(|p| {
                    let parent = &self.headings[p as usize];
                    parent.style == NumberStyle::ChineseParen
                        && parent.number > 1
                        && !self.headings[p as usize + 1..i].iter().any(|x| x.style == NumberStyle::ArabicDot)
                })
        })
    }

    /// The outermost heading containing heading `i` (itself if top-level).
    pub fn top_heading(&self, i: usize) -> usize {
        let mut cur = i;
        while let Some(p) = self.headings[cur].parent {
            cur = p as usize;
        }
        cur
    }

    /// The number the first `style` heading under heading `parent` should
    /// have: 1, except for `1.` tasks when the draft continues their numbering
    /// across sub-sections, where it follows the last `1.` number before
    /// `before` in the same top-level section.
    pub fn first_number(&self, parent: Option<usize>, style: NumberStyle, before: usize) -> u32 {
        let Some(parent) = parent else { return 1 };
        if style != NumberStyle::ArabicDot
            || self.headings[parent].style != NumberStyle::ChineseParen
            || !self.task_numbers_continue()
        {
            return 1;
        }
        let top = self.top_heading(parent);
        self.headings[..before.min(self.headings.len())]
            .iter()
            .enumerate()
            .filter(|(j, x)| x.style == NumberStyle::ArabicDot && self.top_heading(*j) == top)
            .map(|(_, x)| x.number)
            .max()
            .map_or(1, |n| n + 1)
    }

    /// The innermost heading whose section contains `offset`.
    pub fn heading_at(&self, offset: usize) -> Option<usize> {
        let i = self.headings.partition_point(|h| h.marker.start() <= offset);
        let mut cur = i.checked_sub(1)?;
        loop {
            if self.headings[cur].section().contains(offset) || self.headings[cur].end() == offset {
                return Some(cur);
            }
            cur = self.headings[cur].parent? as usize;
        }
    }

    /// The text of a range of the original.
    pub fn slice(&self, range: TextRange) -> &str {
        &self.text[range.as_range()]
    }

    /// An indented dump of what the parser understood, for tests and `planlint outline`.
    pub fn dump(&self) -> String {
        tests_support::dump(self)
    }
}

impl Heading {
    pub(crate) fn end(&self) -> usize {
        self.end as usize
    }
}

/// Parses a draft.
pub fn parse<'a>(text: &'a str, kind: SourceKind, config: &Config) -> Document<'a> {
    let markup = markup::scan(text, kind);
    let prose = markup.prose;
    let lines = markup.lines;

    let mut headings = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if line.kind != LineKind::Prose {
            continue;
        }
        let md_heading = kind == SourceKind::Markdown && {
            let raw = text[line.range.as_range()].trim_start();
            raw.starts_with('#')
        };
        if let Some(h) = outline::recognise(&prose, line, i as u32, md_heading) {
            headings.push(h);
        } else if md_heading {
            headings.push(outline::markdown_heading(&prose, line, i as u32));
        }
    }
    outline::link(&mut headings, text.len());

    let matchers = responsibility::Matchers::new(config);
    let mut clauses = responsibility::find_clauses(&prose, &lines, &matchers, config);
    let mut tasks = find_tasks(&prose, &lines, &headings, &clauses);
    let table_tasks = tables::find(&prose, &lines, &matchers, config, &mut clauses);
    if !table_tasks.is_empty() {
        tasks.extend(table_tasks);
        tasks.sort_by_key(|t| t.range.start);
    }
    let targets = targets::find(text, &prose, &lines, &headings);

    Document { text, prose, kind, lines, headings, clauses, tasks, targets, suppressions: markup.suppressions }
}

/// Whether heading `i` has text of its own before its first child heading.
fn has_body(prose: &str, lines: &[Line], headings: &[Heading], i: usize) -> bool {
    let h = &headings[i];
    if h.body.is_some() {
        return true;
    }
    let stop = headings.get(i + 1).map_or(h.end(), |n| n.marker.start().min(h.end()));
    let first_line = h.line as usize + 1;
    lines[first_line.min(lines.len())..]
        .iter()
        .take_while(|l| l.range.start() < stop)
        .any(|l| l.kind == LineKind::Prose && !is_clause_only(prose, l))
}

fn is_clause_only(prose: &str, line: &Line) -> bool {
    let t = prose[line.content_range().as_range()].trim_start_matches(|c: char| is_inline_space(c) || c == '\0');
    t.starts_with(['（', '(']) && (t.contains("单位") || t.contains("牵头") || t.contains("單位"))
        || responsibility::LEAD_ROLES.iter().chain(responsibility::OTHER_ROLES).any(|r| t.starts_with(r))
}

fn children(headings: &[Heading], i: usize) -> Vec<usize> {
    let mut out = Vec::new();
    let mut j = i + 1;
    while j < headings.len() && headings[j].marker.start() < headings[i].end() {
        if headings[j].parent == Some(i as u32) {
            out.push(j);
        }
        j += 1;
    }
    out
}

fn find_tasks(prose: &str, lines: &[Line], headings: &[Heading], clauses: &[Clause]) -> Vec<Task> {
    let mut task_heads = Vec::new();
    for (i, h) in headings.iter().enumerate() {
        let is_root = h.own_role & role::TASKS != 0 && h.role & role::SAFEGUARDS == 0;
        let parent_is_tasks = h.parent.is_some_and(|p| headings[p as usize].role & role::TASKS != 0);
        if is_root && !parent_is_tasks {
            collect_tasks(prose, lines, headings, clauses, i, &mut task_heads);
        }
    }
    task_heads.sort_unstable();
    task_heads.dedup();
    let mut tasks: Vec<Task> = task_heads.into_iter().map(|i| make_task(prose, lines, headings, clauses, i)).collect();
    tasks.sort_by_key(|t| t.range.start);
    tasks
}

/// Indices of the clauses starting inside `range` (`clauses` is sorted by start).
fn clauses_in(clauses: &[Clause], range: TextRange) -> Vec<u32> {
    let first = clauses.partition_point(|c| c.range.start < range.start);
    let last = clauses.partition_point(|c| c.range.start < range.end);
    (first as u32..last as u32).collect()
}

fn collect_tasks(
    prose: &str,
    lines: &[Line],
    headings: &[Heading],
    clauses: &[Clause],
    node: usize,
    out: &mut Vec<usize>,
) {
    for child in children(headings, node) {
        let h = &headings[child];
        if h.own_role & !role::TASKS != 0
            || h.style == NumberStyle::Markdown && h.own_role & role::TASKS == 0 && h.own_role != 0
        {
            continue; // a targets / safeguards / other section inside the task section
        }
        let kids = children(headings, child);
        let is_group = !kids.is_empty() && !has_body(prose, lines, headings, child);
        if !is_group {
            out.push(child);
            continue;
        }
        // A group whose only clause follows its last item covers the whole group (运城 style):
        // then the group itself is the task and its items are sub-items.
        let with_clauses: Vec<usize> =
            kids.iter().copied().filter(|&k| !clauses_in(clauses, headings[k].section()).is_empty()).collect();
        // Only sub-item levels (（1）, ①) are read this way: 1. items under （一） are tasks in their own right.
        let last = *kids.last().expect("non-empty");
        let sub_items = kids.iter().all(|&k| headings[k].level() >= 4);
        if sub_items && kids.len() >= 2 && with_clauses == [last] && children(headings, last).is_empty() {
            out.push(child);
        } else {
            collect_tasks(prose, lines, headings, clauses, child, out);
        }
    }
}

fn make_task(prose: &str, lines: &[Line], headings: &[Heading], clauses: &[Clause], i: usize) -> Task {
    let h = &headings[i];
    let range = h.section();
    let ids = clauses_in(clauses, range);
    let mut leads = Vec::new();
    let mut others = Vec::new();
    let explicit = ids.iter().any(|&c| clauses[c as usize].lead_explicit);
    for &c in &ids {
        let c = &clauses[c as usize];
        if explicit && !c.lead_explicit {
            // A second clause (e.g. 责任单位 on its own line) adds only others.
            others.extend(c.leads.iter().cloned());
        } else {
            leads.extend(c.leads.iter().cloned());
        }
        others.extend(c.others.iter().cloned());
    }
    if !explicit && leads.len() > 1 {
        // Several clauses without a lead label: only the first listed unit leads.
        others.splice(0..0, leads.drain(1..));
    }
    let insert_at = insert_point(prose, lines, range);
    Task {
        heading: Some(i as u32),
        number: h.number,
        range,
        marker: h.marker,
        title: h.title,
        clauses: ids,
        leads,
        others,
        insert_at: insert_at as u32,
        table_row: false,
    }
}

/// End of the last prose text in `range` (before trailing blank lines).
fn insert_point(prose: &str, lines: &[Line], range: TextRange) -> usize {
    let first = responsibility::line_containing(lines, range.start()).unwrap_or(0);
    let mut best = range.start();
    for l in &lines[first..] {
        if l.range.start() >= range.end() && l.range.start() > range.start() {
            break;
        }
        if l.kind == LineKind::Prose {
            let mut e = l.range.end().min(range.end().max(l.range.start()));
            while e > l.range.start() {
                match prose[..e].chars().next_back() {
                    Some(c) if is_inline_space(c) || c == '\0' => e -= c.len_utf8(),
                    _ => break,
                }
            }
            best = e;
        }
    }
    best
}

mod tests_support {
    use std::fmt::Write;

    use super::*;

    fn roles(r: u8) -> String {
        let mut v = Vec::new();
        if r & role::TARGETS != 0 {
            v.push("targets");
        }
        if r & role::TASKS != 0 {
            v.push("tasks");
        }
        if r & role::SAFEGUARDS != 0 {
            v.push("safeguards");
        }
        if r & role::OTHER != 0 {
            v.push("other");
        }
        v.join("+")
    }

    fn units(us: &[Unit]) -> String {
        if us.is_empty() {
            return "-".to_string();
        }
        let names: Vec<String> =
            us.iter().map(|u| if u.generic { format!("{}(generic)", u.name) } else { u.name.to_string() }).collect();
        names.join("、").replace('\0', "")
    }

    pub(super) fn dump(doc: &Document<'_>) -> String {
        let mut out = String::new();
        for (i, h) in doc.headings.iter().enumerate() {
            let mut depth = 0;
            let mut p = h.parent;
            while let Some(pp) = p {
                depth += 1;
                p = doc.headings[pp as usize].parent;
            }
            let indent = "  ".repeat(depth);
            let marker = doc.slice(h.marker);
            let title = doc.prose[h.title.as_range()].replace('\0', "");
            let _ = write!(
                out,
                "{indent}{}:{} L{} {marker}",
                h.line + 1,
                doc.text[..h.marker.start()].chars().count()
                    - doc.text[..doc.lines[h.line as usize].range.start()].chars().count()
                    + 1,
                h.level()
            );
            if !h.marker_standard {
                out.push_str(" (nonstandard)");
            }
            let _ = write!(out, " {title}");
            if h.own_role != 0 {
                let _ = write!(out, " [{}]", roles(h.own_role));
            }
            if let Some(t) = doc.tasks.iter().find(|t| t.heading == Some(i as u32)) {
                let _ = write!(out, " => task lead={} others={}", units(&t.leads), units(&t.others));
            }
            out.push('\n');
            for tgt in doc.targets.iter().filter(|t| doc.heading_at(t.range.start()) == Some(i)) {
                let text: String = doc.prose[tgt.range.as_range()].replace('\0', "").chars().take(24).collect();
                let _ = writeln!(out, "{indent}  target {:?} {text}", tgt.kind);
            }
        }
        for t in doc.tasks.iter().filter(|t| t.table_row) {
            let line = doc.line_of(t.range.start()) + 1;
            let title: String = doc.prose[t.title.as_range()].chars().take(16).collect();
            let _ = writeln!(
                out,
                "{line}: table row {} {title} => task lead={} others={}",
                t.number,
                units(&t.leads),
                units(&t.others)
            );
        }
        for tgt in doc.targets.iter().filter(|t| doc.heading_at(t.range.start()).is_none()) {
            let text: String = doc.prose[tgt.range.as_range()].replace('\0', "").chars().take(24).collect();
            let _ = writeln!(out, "target {:?} {text}", tgt.kind);
        }
        let _ = writeln!(out, "tasks: {}, clauses: {}", doc.tasks.len(), doc.clauses.len());
        out
    }
}
