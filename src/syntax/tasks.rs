//! Tasks: which numbered items of a draft are tasks, and who leads each.
//!
//! The model follows how drafts are written, not what their headings say
//! (DOMAIN.md §2, "Where tasks sit in the outline"):
//!
//! 1. **Responsibility attaches at the task level.** Each clause belongs to
//!    the innermost numbered item that contains it. The *task level* of a
//!    top-level section is the numbering style (`一、` `（一）` `1.` `（1）` `①`)
//!    of the items its clauses belong to (the most common one). Every item of
//!    that style in the section is a task, and the items without a clause are
//!    exactly the findings.
//! 2. **A clause after the last sub-item covers the group** (运城: `(1)…(4)`
//!    then `（责任单位：…）`). When a clause belongs to the last item of a list
//!    whose other items carry none, and that item's style is not the task
//!    level found from the other clauses, the clause belongs to the list's
//!    parent.
//! 3. **Sections without clauses take the draft's level.** Plans number tasks
//!    straight through topic headings; a section whose items carry no clause
//!    (all of them forgotten) uses the level at which the rest of the draft's
//!    clauses attach.
//! 4. **Roles exclude, clauses include.** Items of a safeguards or background
//!    section (保障措施, 指导思想 …) and of a target section are not tasks,
//!    unless clauses attach inside that section (a 责任分解 assigns its targets
//!    too).
//! 5. **Without any clause**, a draft that names a responsibility column in a
//!    table header has its leaf items as tasks (not an item whose text holds
//!    the table: its rows are the tasks); otherwise the task-section
//!    heading words (主要任务, 重点工作 …, in either script) make tasks of the
//!    items below them, and only in plans (not in speeches, reports or notices).
//! 6. **Responsibility covers what is below it.** A task without a clause of
//!    its own takes the units of the nearest enclosing item whose own text
//!    (before its first sub-item) carries a clause. A heading whose title is
//!    a clause (`一、县示范区管委会牵头工作（8项）`) hands the items below it to
//!    that unit: those items are the tasks.

use crate::syntax::fxmap::FxHashMap;
use crate::syntax::genre::Genre;
use crate::syntax::markup::{Line, LineKind};
use crate::syntax::outline::{NumberStyle, Outline};
use crate::syntax::responsibility::{Clause, Units, shared};
use crate::text::{TextRange, is_inline_space};

/// A numbered task, or a row of a task table.
#[derive(Clone, Debug)]
pub struct Task {
    /// Index into [`crate::syntax::Document::headings`]; `None` for a table row.
    pub heading: Option<u32>,
    pub number: u32,
    /// The task's whole span: its heading line, body, sub-items and clauses.
    pub range: TextRange,
    pub marker: TextRange,
    pub title: TextRange,
    /// Indices into [`crate::syntax::Document::clauses`] of the clauses inside the task.
    pub clauses: Vec<u32>,
    /// Lead units (explicit, or the first listed responsible unit).
    pub leads: Units,
    pub others: Units,
    /// The units come from an enclosing item's clause, not the task's own.
    pub inherited: bool,
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

/// Why the items of a section are tasks, as `planlint outline` explains it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Basis {
    /// Responsibility clauses attach to items of this level in this section.
    Clauses,
    /// No clause attaches in this section; the draft's clauses attach at this level elsewhere.
    DraftLevel,
    /// No clause anywhere, but a table header names a responsibility column: the leaf items.
    ColumnHeader,
    /// No responsibility markup in the draft: a task-section heading word names the section.
    RoleWord,
}

/// A section whose items at one numbering level are tasks.
#[derive(Clone, Debug)]
pub struct TaskSection {
    /// The section's heading (a top-level heading, or a task-role heading for [`Basis::RoleWord`]).
    pub root: u32,
    /// The numbering style of its tasks.
    pub style: NumberStyle,
    pub basis: Basis,
    /// Tasks of the section carrying a clause of their own, and all its tasks.
    pub marked: u32,
    pub tasks: u32,
}

impl Basis {
    /// The explanation shown by `planlint outline`.
    pub fn explain(self) -> &'static str {
        match self {
            Basis::Clauses => "responsibility clauses attach at this level",
            Basis::DraftLevel => "no clause here; the draft's clauses attach at this level",
            Basis::ColumnHeader => "a table header names a responsibility column; leaf items",
            Basis::RoleWord => "no responsibility markup; task heading word",
        }
    }
}

/// What task inference needs from the rest of the parse.
pub(crate) struct Input<'p> {
    pub prose: &'p str,
    pub lines: &'p [Line],
    pub outline: &'p Outline,
    /// Clauses in the text (not table cells), sorted by start.
    pub clauses: &'p [Clause],
    pub genre: Genre,
    /// A table header names a responsibility column somewhere in the draft.
    pub column_header: bool,
    /// The rows of task tables (each a task of its own).
    pub table_rows: &'p [TextRange],
}

/// Finds the tasks among the numbered items.
pub(crate) fn infer(input: &Input<'_>) -> (Vec<Task>, Vec<TaskSection>) {
    let outline = input.outline;
    let n = outline.len();
    if n == 0 {
        return (Vec::new(), Vec::new());
    }
    // 1. The item each clause belongs to.
    let mut owner: Vec<Option<usize>> = input.clauses.iter().map(|c| outline.heading_at(c.range.start())).collect();
    let mut counts = Ownership::new(&owner, n);
    let in_subtree = |i: usize| counts.in_subtree(outline, i);

    // 2. Votes: distinct items with a clause, per (section, style). A clause
    // after the last item of an otherwise unmarked list is decided later.
    // Per list (parent, style): how many items, the last one, how many carry clauses.
    let mut lists: FxHashMap<(usize, NumberStyle), (u32, usize, u32)> = FxHashMap::default();
    // At most one list per heading: sized once instead of rehashing as it grows.
    lists.reserve(n);
    for (j, h) in outline.iter().enumerate() {
        if let Some(p) = h.parent {
            let e = lists.entry((p as usize, h.style)).or_insert((0, j, 0));
            e.0 += 1;
            e.1 = j;
            e.2 += u32::from(in_subtree(j) > 0);
        }
    }
    let ambiguous: Vec<bool> =
        owner.iter().map(|o| o.is_some_and(|h| covers_group(outline, &lists, h, &in_subtree))).collect();
    let mut votes: Votes = FxHashMap::default();
    // Owners come in document order (a clause belongs to the heading whose own
    // text holds it), so a repeat is the last item counted under its key; the
    // items handed over and the lifted owners of the second phase come in any
    // order, and count unless `counted` says they did (a lookup: searching the
    // items counted before made the second phase quadratic in a long draft).
    let mut counted = vec![false; n];
    let mut vote = |votes: &mut Votes, h: usize, in_order: bool| {
        let group = outline.children(h).any(|c| outline[c].style != NumberStyle::Markdown);
        let v = votes.entry((region_of(outline, h), outline[h].style, group)).or_default();
        let seen = if in_order { v.last == Some(h) } else { counted[h] };
        if !seen {
            v.items += 1;
            v.last = Some(h);
            counted[h] = true;
        }
    };
    for (k, o) in owner.iter().enumerate() {
        let Some(h) = *o else { continue };
        if ambiguous[k] {
            continue;
        }
        // A heading whose title is the clause (`一、县示范区管委会牵头工作（8项）`)
        // hands the items below it to a unit: they are the tasks.
        let hands_over = input.clauses[k].range.start() == outline[h].title.start();
        let items: Vec<usize> = if hands_over {
            outline.children(h).filter(|&c| outline[c].style != NumberStyle::Markdown).collect()
        } else {
            Vec::new()
        };
        if items.is_empty() {
            vote(&mut votes, h, true);
        } else {
            items.into_iter().for_each(|c| vote(&mut votes, c, false));
        }
    }
    for (k, o) in owner.iter_mut().enumerate() {
        let Some(h) = *o else { continue };
        if !ambiguous[k] {
            continue;
        }
        let level = best_style(&votes, Some(region_of(outline, h))).or_else(|| best_style(&votes, None));
        if level != Some(outline[h].style)
            && let Some(p) = outline[h].parent
        {
            *o = Some(p as usize);
        }
        vote(&mut votes, o.expect("set above"), false);
    }
    // Counted again: lifting moved some clauses to the parent of their item.
    counts.recount(&owner);
    let owned = &counts.owned;
    let in_subtree = |i: usize| counts.in_subtree(outline, i);

    // 3. The task level of each top-level section.
    let draft_level = best_style(&votes, None);
    let mut sections: Vec<TaskSection> = Vec::new();
    let mut heads: Vec<usize> = Vec::new();
    let excluded = |h: usize| match outline.role_source(h) {
        None => false,
        Some(r) => match outline[r].role {
            Some(role) if role.has_tasks() => false,
            Some(_) => in_subtree(r) == 0,
            None => false,
        },
    };
    if let Some(draft_level) = draft_level {
        for root in regions(outline) {
            // Clauses on leaf items decide, here or elsewhere in the draft, before
            // a clause on a group item here.
            let (style, basis) = match (pick(&votes, Some(root), false), pick(&votes, None, false)) {
                (Some(s), _) => (s, Basis::Clauses),
                (None, Some(s)) => (s, Basis::DraftLevel),
                (None, None) => match pick(&votes, Some(root), true) {
                    Some(s) => (s, Basis::Clauses),
                    None => (draft_level, Basis::DraftLevel),
                },
            };
            let before = heads.len();
            for h in std::iter::once(root).chain(outline.descendants(root)) {
                if outline[h].style == style && !excluded(h) {
                    heads.push(h);
                } else if outline[h].level() < style.level()
                    && outline[h].style != NumberStyle::Markdown
                    && owned[h] > 0
                    && !outline.descendants(h).any(|d| outline[d].style == style)
                    && !excluded(h)
                {
                    // A shallower item carrying its own clause, with no task-level items below it.
                    heads.push(h);
                }
            }
            let marked = heads[before..].iter().filter(|&&h| in_subtree(h) > 0).count() as u32;
            close_section(outline, &mut sections, &heads[before..], root, Some(style), basis, marked);
        }
    } else if input.column_header {
        // An item whose text holds a task table (`一、重点任务分工` above it) has its tasks in the rows.
        let mut holds_table = vec![false; n];
        for row in input.table_rows {
            if let Some(h) = outline.heading_at(row.start()) {
                holds_table[h] = true;
            }
        }
        for root in regions(outline) {
            let before = heads.len();
            for h in std::iter::once(root).chain(outline.descendants(root)) {
                let leaf = outline.children(h).next().is_none();
                if leaf && !holds_table[h] && outline[h].style != NumberStyle::Markdown && !excluded(h) {
                    heads.push(h);
                }
            }
            close_section(outline, &mut sections, &heads[before..], root, None, Basis::ColumnHeader, 0);
        }
    } else if input.genre.is_plan() {
        for (i, h) in outline.iter().enumerate() {
            let is_root = h.own_role.is_some_and(|r| r.has_tasks());
            let parent_is_tasks = h.parent.is_some_and(|p| outline[p as usize].role.is_some_and(|r| r.has_tasks()));
            if is_root && !parent_is_tasks {
                let before = heads.len();
                collect_by_role(input, i, &mut heads);
                close_section(outline, &mut sections, &heads[before..], i, None, Basis::RoleWord, 0);
            }
        }
    }
    heads.sort_unstable();
    heads.dedup();

    // 4. Each task's units: its own clauses, or those of an enclosing item.
    let mut by_owner: Vec<(usize, usize)> = owner.iter().enumerate().filter_map(|(k, o)| Some(((*o)?, k))).collect();
    by_owner.sort_unstable();
    let mut from = Cursor::default();
    let tasks = heads.iter().map(|&h| make_task(input, &by_owner, h, &mut from)).collect();
    (tasks, sections)
}

/// Records the section rooted at `root` whose tasks are `found` (nothing when
/// none were found); their style is `style`, or that of the first task.
fn close_section(
    outline: &Outline,
    sections: &mut Vec<TaskSection>,
    found: &[usize],
    root: usize,
    style: Option<NumberStyle>,
    basis: Basis,
    marked: u32,
) {
    let Some(&first) = found.first() else { return };
    sections.push(TaskSection {
        root: root as u32,
        style: style.unwrap_or(outline[first].style),
        basis,
        marked,
        tasks: found.len() as u32,
    });
}

/// How many clauses each heading owns, and (prefix sums over document order)
/// how many its whole subtree owns.
struct Ownership {
    owned: Vec<u32>,
    prefix: Vec<u32>,
}

impl Ownership {
    fn new(owner: &[Option<usize>], n: usize) -> Ownership {
        let mut counts = Ownership { owned: vec![0u32; n], prefix: vec![0u32; n + 1] };
        counts.recount(owner);
        counts
    }

    /// Counts `owner` again, in the vectors of the first count.
    fn recount(&mut self, owner: &[Option<usize>]) {
        self.owned.fill(0);
        for o in owner.iter().flatten() {
            self.owned[*o] += 1;
        }
        for i in 0..self.owned.len() {
            self.prefix[i + 1] = self.prefix[i] + self.owned[i];
        }
    }

    /// Clauses owned anywhere in heading `i`'s subtree.
    fn in_subtree(&self, outline: &Outline, i: usize) -> u32 {
        self.prefix[outline[i].subtree_end as usize] - self.prefix[i]
    }
}

/// Whether a clause belonging to heading `h` may instead cover `h`'s list:
/// `h` is the last of two or more items of its style under its parent, has no
/// sub-items, and no other item of the list carries a clause. The parent must
/// not be a top-level section: `一、` heads a part of the plan, not a task
/// whose steps its items would be.
fn covers_group(
    outline: &Outline,
    lists: &FxHashMap<(usize, NumberStyle), (u32, usize, u32)>,
    h: usize,
    in_subtree: &impl Fn(usize) -> u32,
) -> bool {
    let Some(p) = outline[h].parent else { return false };
    let p = p as usize;
    if outline[p].level() < 2 || !outline.descendants(h).is_empty() {
        return false;
    }
    let Some(&(count, last, marked)) = lists.get(&(p, outline[h].style)) else { return false };
    count >= 2 && last == h && marked == u32::from(in_subtree(h) > 0)
}

/// The section a heading's clauses vote in: its outermost numbered ancestor
/// (or itself); a Markdown title above the numbered headings does not count.
fn region_of(outline: &Outline, h: usize) -> usize {
    std::iter::once(h)
        .chain(outline.ancestors(h))
        .filter(|&a| outline[a].style != NumberStyle::Markdown)
        .last()
        .unwrap_or(h)
}

/// The sections that take part in task inference: the outermost numbered headings.
fn regions(outline: &Outline) -> Vec<usize> {
    let mut out = Vec::new();
    let mut stack: Vec<usize> = outline.roots().collect();
    stack.reverse();
    while let Some(h) = stack.pop() {
        if outline[h].style == NumberStyle::Markdown {
            let mut kids: Vec<usize> = outline.children(h).collect();
            kids.reverse();
            stack.extend(kids);
        } else {
            out.push(h);
        }
    }
    out
}

/// Marked items per (section, style, whether the item has sub-items).
type Votes = FxHashMap<(usize, NumberStyle, bool), Tally>;

/// The marked items of one kind: how many, and the last one counted.
#[derive(Default)]
struct Tally {
    items: usize,
    last: Option<usize>,
}

/// The style with the most marked items, in one section or (None) the whole
/// draft; ties go to the shallower level. Items without sub-items decide: a
/// clause on an item that has numbered items below it (`（一）…（牵头单位：A）`
/// then `1.` `2.`) may cover them as a group, so such items count only where
/// no clause sits on a leaf.
fn best_style(votes: &Votes, region: Option<usize>) -> Option<NumberStyle> {
    pick(votes, region, false).or_else(|| pick(votes, region, true))
}

/// The style with the most marked items among leaf items (`groups` false) or
/// items with sub-items (true); ties go to the shallower level.
fn pick(votes: &Votes, region: Option<usize>, groups: bool) -> Option<NumberStyle> {
    // Per style, indexed by level (each style has its own).
    let mut counts = [(NumberStyle::Markdown, 0usize); NumberStyle::COUNT];
    for ((r, style, group), tally) in votes {
        if *group == groups && region.is_none_or(|x| x == *r) && *style != NumberStyle::Markdown {
            let slot = &mut counts[style.level() as usize];
            *slot = (*style, slot.1 + tally.items);
        }
    }
    counts
        .into_iter()
        .filter(|&(_, n)| n > 0)
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.level().cmp(&a.0.level())))
        .map(|(s, _)| s)
}

/// Task-role sections without any responsibility markup: the items below the
/// heading that are not groups of further items (a group is an item with
/// sub-items and no text of its own).
fn collect_by_role(input: &Input<'_>, node: usize, out: &mut Vec<usize>) {
    let outline = input.outline;
    for child in outline.children(node) {
        let h = &outline[child];
        if h.own_role.is_some_and(|r| !r.has_tasks())
            || h.style == NumberStyle::Markdown && h.own_role.is_none_or(|r| !r.has_tasks())
        {
            continue; // a targets / safeguards / background section inside the task section
        }
        let is_group = outline.children(child).next().is_some() && !has_body(input, child);
        if is_group {
            collect_by_role(input, child, out);
        } else {
            out.push(child);
        }
    }
}

/// Whether heading `i` has text of its own before its first child heading.
fn has_body(input: &Input<'_>, i: usize) -> bool {
    let outline = input.outline;
    let h = &outline[i];
    if h.body.is_some() {
        return true;
    }
    let stop = outline.get(i + 1).map_or(h.end(), |n| n.marker.start().min(h.end()));
    let first_line = h.line as usize + 1;
    input.lines[first_line.min(input.lines.len())..]
        .iter()
        .take_while(|l| l.range.start() < stop)
        .any(|l| l.kind == LineKind::Prose)
}

/// Where the previous task's searches left off: tasks are made in document
/// order (their ranges start in order), so the first clause and the line of
/// each are found by stepping on from the previous task's, not by two binary
/// searches of the whole draft per task.
#[derive(Default)]
struct Cursor {
    /// The first clause starting at or after the previous task's start.
    clause: usize,
    /// The line holding the previous task's start.
    line: usize,
}

impl Cursor {
    /// Indices of the clauses starting inside `range` (`clauses` is sorted by
    /// start); `range` starts no earlier than the previous one.
    fn clauses_in(&mut self, clauses: &[Clause], range: TextRange) -> std::ops::Range<usize> {
        while clauses.get(self.clause).is_some_and(|c| c.range.start < range.start) {
            self.clause += 1;
        }
        let first = self.clause;
        first..first + clauses[first..].partition_point(|c| c.range.start < range.end)
    }

    /// The line holding `offset` (the first line when none does), as
    /// [`crate::syntax::responsibility::line_containing`]; `offset` is no earlier than the previous one.
    fn line_of(&mut self, lines: &[Line], offset: usize) -> usize {
        while lines.get(self.line + 1).is_some_and(|l| l.range.start() <= offset) {
            self.line += 1;
        }
        self.line
    }
}

/// `by_owner`: (owning heading, clause index), sorted.
fn make_task(input: &Input<'_>, by_owner: &[(usize, usize)], i: usize, from: &mut Cursor) -> Task {
    let h = &input.outline[i];
    let range = h.section();
    let own = from.clauses_in(input.clauses, range);
    let ids: Vec<u32> = own.clone().map(|k| k as u32).collect();
    let (mut leads, mut others) = units_of(input.clauses, own);
    let mut inherited = false;
    if ids.is_empty() {
        // The nearest enclosing item whose own text carries a clause.
        for a in input.outline.ancestors(i) {
            let first = by_owner.partition_point(|&(o, _)| o < a);
            let count = by_owner[first..].iter().take_while(|&&(o, _)| o == a).count();
            if count > 0 {
                (leads, others) = units_of(input.clauses, by_owner[first..first + count].iter().map(|&(_, k)| k));
                inherited = true;
                break;
            }
        }
    }
    Task {
        heading: Some(i as u32),
        number: h.number,
        range,
        marker: h.marker,
        title: h.title,
        clauses: ids,
        leads,
        others,
        inherited,
        insert_at: insert_point(input.prose, &input.lines[from.line_of(input.lines, range.start())..], range) as u32,
        table_row: false,
    }
}

/// Leads and other units of a task with these clauses: explicit leads win;
/// a second clause without a lead label (责任单位 on its own line) adds only
/// others; without any lead label the first listed unit leads.
///
/// A task with one clause (most tasks) shares that clause's lists.
fn units_of(clauses: &[Clause], ids: impl Iterator<Item = usize> + Clone) -> (Units, Units) {
    let mut rest = ids.clone();
    if let (Some(only), None) = (rest.next(), rest.next()) {
        let c = &clauses[only];
        // Its lists as they are, unless several leads lack a label: then the first leads.
        if c.lead_explicit || c.leads.len() <= 1 {
            return (Units::clone(&c.leads), Units::clone(&c.others));
        }
    }
    let explicit = ids.clone().any(|c| clauses[c].lead_explicit);
    let mut leads = Vec::new();
    let mut others = Vec::new();
    for c in ids {
        let c = &clauses[c];
        if explicit && !c.lead_explicit {
            others.extend(c.leads.iter().cloned());
        } else {
            leads.extend(c.leads.iter().cloned());
        }
        others.extend(c.others.iter().cloned());
    }
    if !explicit && leads.len() > 1 {
        others.splice(0..0, leads.drain(1..));
    }
    (shared(&mut leads), shared(&mut others))
}

/// End of the last prose text in `range` (before trailing blank lines);
/// `lines` start at the line holding its start.
fn insert_point(prose: &str, lines: &[Line], range: TextRange) -> usize {
    let mut best = range.start();
    for l in lines {
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
            // A line the prose view blanks out entirely (an HTML comment in
            // Markdown) cannot take the clause: inserted there, it would be
            // masked too, the task would still lack one, and `--fix` would
            // insert it again on every pass.
            if e > l.range.start() {
                best = e;
            }
        }
    }
    best
}
