//! Numbering sequences: which structure numbers count together, and the
//! number each heading should carry.
//!
//! The model (the rule `numbering` reports against it, completions number
//! new headings with it):
//!
//! - **Lists.** The children of one parent that share a numbering style form
//!   a list. A 1 after two or more items opens a new list (a speech or 要点
//!   often has two runs of `一、二、` under unnumbered paragraphs); a 1 right
//!   after the first item is a repeat.
//! - **Boundaries.** Where a list of a style opens after an earlier list of
//!   the same style (the tasks `1.` of `（二）` after those of `（一）`, or of
//!   `二、` after those of `一、`), the draft either *continues* the numbers or
//!   *restarts* at 1. Each boundary is classified by the heading level it
//!   crosses: the child of the two lists' nearest common ancestor on the new
//!   list's side (`（二）` in the first example, `二、` in the second).
//! - **Practice.** For each (style, crossed level) the draft's boundaries
//!   vote: a list that starts at 1 restarts, one that starts higher
//!   continues (with a gap, perhaps). The majority decides for every boundary
//!   of that kind, a tie goes to the first boundary. A draft that continues
//!   in one place and restarts in another is inconsistent, and its minority
//!   is wrong.
//! - **Role changes are free.** A boundary into or out of a target,
//!   safeguard or background section (`二、主要任务` … `三、保障措施`) does not
//!   vote: a list there that starts at 1 restarts, any other continues.
//! - **Runs.** Lists chained by continuing boundaries form one run, numbered
//!   from its start without gaps: 1 for a run below a heading, the written
//!   number for the first top-level run (a file may hold one chapter of a
//!   plan, `二、主要任务` alone). Each heading's expected number is its run's
//!   start plus its position in the run.
//!
//! Lists, votes and joins depend only on whether a written number is 1 and
//! on the outline, never on the value of another number. Rewriting headings
//! to their expected numbers writes 1 exactly where a run starts, so it
//! changes no other heading's expected number: fixes made from this model
//! agree with each other.

use crate::syntax::outline::{NumberStyle, Outline, Role};

/// What the draft does where a list of a style opens after an earlier one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Practice {
    /// Numbers run on from the previous list.
    Continue,
    /// Each list starts again at 1.
    Restart,
}

/// How the first item of a list gets its number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Join {
    /// The first top-level list of its style: numbered from the number written.
    Given,
    /// The first list of its style below a heading: from 1.
    First,
    /// Starts again at 1 after earlier items under the same parent: a new list, from 1.
    NewList,
    /// Continues the previous list of its style across a heading of style
    /// `across`; `by_practice` when the draft's practice decides it (not a
    /// change of section role, where the written number does).
    Continues { across: NumberStyle, by_practice: bool },
    /// Starts at 1 after the previous list of its style, across a heading of style `across`.
    Restarts { across: NumberStyle, by_practice: bool },
}

/// The place of one numbered heading in its sequence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Item {
    /// Index of its run in [`Numbering::runs`].
    pub run: u32,
    /// The number it should carry.
    pub expected: u32,
    /// For the first item of a list: how the list joins the sequence.
    pub join: Option<Join>,
}

/// Headings of one style numbered as one sequence, without gaps.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Run {
    pub style: NumberStyle,
    /// The number of its first item.
    pub start: u32,
    /// Heading indices, in document order.
    pub items: Vec<u32>,
}

/// The practice of one (style, crossed level) and the votes behind it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PracticeVote {
    pub style: NumberStyle,
    /// The style of the headings crossed.
    pub across: NumberStyle,
    pub practice: Practice,
    pub continues: u32,
    pub restarts: u32,
}

/// The number a new heading would take, and the run it would extend.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NewNumber {
    pub number: u32,
    /// The run it continues; `None` when it would start a run.
    pub run: Option<u32>,
}

/// The numbering sequences of a draft's outline.
#[derive(Clone, Debug, Default)]
pub struct Numbering {
    /// Per heading; `None` for unnumbered (Markdown) headings.
    items: Vec<Option<Item>>,
    runs: Vec<Run>,
    practices: Vec<PracticeVote>,
}

/// How a heading relates to the heading before it in its list.
#[derive(Clone, Copy)]
enum Link {
    Unnumbered,
    /// Follows this earlier sibling of the same style.
    Follows(usize),
    NewList,
    /// Opens a list; `prev` is the last earlier heading of its style.
    Head {
        prev: Option<usize>,
        across: NumberStyle,
        free: bool,
    },
}

/// Number of [`NumberStyle`] variants.
const STYLES: usize = NumberStyle::COUNT;

/// Whether a role sets a section apart from the task part of a plan.
fn apart(role: Option<Role>) -> Option<Role> {
    role.filter(|r| matches!(r, Role::Targets | Role::Safeguards | Role::Background))
}

/// The boundary between a list under `pa` and a later one under `pb`: the
/// style of the heading crossed (the child of their nearest common ancestor
/// on `pb`'s side; Markdown at the top) and whether the section role changes.
fn boundary(outline: &Outline, pa: Option<usize>, pb: Option<usize>) -> (NumberStyle, bool) {
    // Whether `y` is `pa` or one of its ancestors, from the subtree extents
    // rather than from `pa`'s ancestors collected into a `Vec` (an
    // allocation per list head).
    let holds_a = |y: usize| pa.is_some_and(|p| y == p || outline.descendants(y).contains(&p));
    let mut crossed = None;
    let mut x = pb;
    while let Some(y) = x {
        if holds_a(y) {
            break;
        }
        crossed = Some(y);
        x = outline[y].parent.map(|p| p as usize);
    }
    let across = crossed.map_or(NumberStyle::Markdown, |c| outline[c].style);
    let role = |p: Option<usize>| apart(p.and_then(|p| outline[p].role));
    (across, role(pa) != role(pb))
}

/// The practice assumed where the draft shows none: task numbers `1.` run on
/// (most plans number them straight through), every other level restarts.
fn default_practice(style: NumberStyle) -> Practice {
    if style == NumberStyle::ArabicDot { Practice::Continue } else { Practice::Restart }
}

impl Numbering {
    /// The sequences of `outline`.
    pub(crate) fn new(outline: &Outline) -> Numbering {
        let n = outline.len();
        let links = links(outline);
        let practices = practices(outline, &links);
        let mut out = Numbering { items: vec![None; n], runs: Vec::new(), practices };
        for (i, link) in links.iter().enumerate() {
            let h = &outline[i];
            let (run, join) = match *link {
                Link::Unnumbered => continue,
                Link::Follows(p) => (out.items[p].map_or(0, |it| it.run), None),
                Link::NewList => (out.open(h.style, 1), Some(Join::NewList)),
                Link::Head { prev: None, .. } if h.parent.is_none() => (out.open(h.style, h.number), Some(Join::Given)),
                Link::Head { prev: None, .. } => (out.open(h.style, 1), Some(Join::First)),
                Link::Head { prev: Some(a), across, free } => {
                    let continues = if free {
                        h.number > 1
                    } else {
                        out.practice(h.style, across).unwrap_or(default_practice(h.style)) == Practice::Continue
                    };
                    let by_practice = !free;
                    match out.items[a] {
                        Some(prev) if continues => (prev.run, Some(Join::Continues { across, by_practice })),
                        _ => (out.open(h.style, 1), Some(Join::Restarts { across, by_practice })),
                    }
                }
            };
            let r = &mut out.runs[run as usize];
            let expected = r.start.saturating_add(r.items.len() as u32);
            r.items.push(i as u32);
            out.items[i] = Some(Item { run, expected, join });
        }
        out
    }

    fn open(&mut self, style: NumberStyle, start: u32) -> u32 {
        self.runs.push(Run { style, start, items: Vec::new() });
        (self.runs.len() - 1) as u32
    }

    /// The sequence position of heading `i`; `None` for an unnumbered heading.
    pub fn item(&self, i: usize) -> Option<Item> {
        self.items.get(i).copied().flatten()
    }

    /// The number heading `i` should carry.
    pub fn expected(&self, i: usize) -> Option<u32> {
        self.item(i).map(|it| it.expected)
    }

    /// All runs, in the order their first items appear.
    pub fn runs(&self) -> &[Run] {
        &self.runs
    }

    /// The practices the draft shows, per (style, crossed level).
    pub fn practices(&self) -> &[PracticeVote] {
        &self.practices
    }

    /// What the draft does for lists of `style` across headings of style `across`, if it shows it.
    pub fn practice(&self, style: NumberStyle, across: NumberStyle) -> Option<Practice> {
        self.practices.iter().find(|p| p.style == style && p.across == across).map(|p| p.practice)
    }

    /// The number a new heading of `style` under `parent` should take when it
    /// is inserted before heading `before` (after every heading before it).
    pub fn number_for_new(
        &self,
        outline: &Outline,
        parent: Option<usize>,
        style: NumberStyle,
        before: usize,
    ) -> NewNumber {
        let before = before.min(outline.len());
        let floor = parent.map_or(0, |p| p + 1);
        let sibling =
            (floor..before).rev().find(|&j| outline[j].style == style && outline[j].parent == parent.map(|p| p as u32));
        let next = |j: usize| {
            self.item(j).map_or(NewNumber { number: 1, run: None }, |it| NewNumber {
                number: it.expected.saturating_add(1),
                run: Some(it.run),
            })
        };
        if let Some(j) = sibling {
            return next(j);
        }
        let Some(a) = (0..before).rev().find(|&j| outline[j].style == style) else {
            return NewNumber { number: 1, run: None };
        };
        let (across, free) = boundary(outline, outline[a].parent.map(|p| p as usize), parent);
        let practice = self.practice(style, across);
        // Into or out of a section of another role: a new list, as most drafts do.
        let continues = !free && practice.unwrap_or(default_practice(style)) == Practice::Continue;
        if continues { next(a) } else { NewNumber { number: 1, run: None } }
    }
}

/// How each heading relates to the one before it in its list.
fn links(outline: &Outline) -> Vec<Link> {
    let n = outline.len();
    // Per parent (row 0 for the top level, row p + 1 under heading p) and
    // style: the last sibling so far and how many items its list has. A table
    // indexed directly rather than a hash map keyed by (parent, style): the
    // map's hashing, probing and growth cost more than zeroing the table.
    let mut last: Vec<[Option<(usize, u32)>; STYLES]> = vec![[None; STYLES]; n + 1];
    let mut last_of_style: [Option<usize>; STYLES] = [None; STYLES];
    let mut links = Vec::with_capacity(n);
    for (i, h) in outline.iter().enumerate() {
        if h.style == NumberStyle::Markdown {
            links.push(Link::Unnumbered);
            continue;
        }
        let s = h.style as usize;
        let row = h.parent.map_or(0, |p| p as usize + 1);
        let slot = &mut last[row][s];
        let link = match *slot {
            Some((p, count)) => {
                if h.number == 1 && count >= 2 {
                    *slot = Some((i, 1));
                    Link::NewList
                } else {
                    *slot = Some((i, count + 1));
                    Link::Follows(p)
                }
            }
            None => {
                *slot = Some((i, 1));
                let prev = last_of_style[s];
                let (across, free) = match prev {
                    Some(a) => boundary(outline, outline[a].parent.map(|p| p as usize), h.parent.map(|p| p as usize)),
                    None => (NumberStyle::Markdown, false),
                };
                Link::Head { prev, across, free }
            }
        };
        last_of_style[s] = Some(i);
        links.push(link);
    }
    links
}

/// The draft's practice per (style, crossed level), from the boundaries that
/// do not change section role.
fn practices(outline: &Outline, links: &[Link]) -> Vec<PracticeVote> {
    let mut out: Vec<(PracticeVote, Option<Practice>)> = Vec::new();
    for (i, link) in links.iter().enumerate() {
        let Link::Head { prev: Some(_), across, free: false } = *link else { continue };
        let style = outline[i].style;
        let k = match out.iter().position(|(p, _)| p.style == style && p.across == across) {
            Some(k) => k,
            None => {
                let empty =
                    PracticeVote { style, across, practice: default_practice(style), continues: 0, restarts: 0 };
                out.push((empty, None));
                out.len() - 1
            }
        };
        let (tally, first) = &mut out[k];
        let vote = match outline[i].number {
            0 => continue,
            1 => {
                tally.restarts += 1;
                Practice::Restart
            }
            _ => {
                tally.continues += 1;
                Practice::Continue
            }
        };
        first.get_or_insert(vote);
    }
    out.into_iter()
        .map(|(mut p, first)| {
            p.practice = match p.continues.cmp(&p.restarts) {
                std::cmp::Ordering::Greater => Practice::Continue,
                std::cmp::Ordering::Less => Practice::Restart,
                std::cmp::Ordering::Equal => first.unwrap_or(p.practice),
            };
            p
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use std::fmt::Write;

    use expect_test::{Expect, expect};

    use super::*;
    use crate::config::Config;
    use crate::syntax::{SourceKind, parse};

    /// Renders every numbered heading as `marker title  run R, expected E (join)`,
    /// then the practices.
    fn check(text: &str, expect: Expect) {
        let doc = parse(text, SourceKind::PlainText, &Config::default().vocabulary());
        let mut out = String::new();
        for (i, h) in doc.headings.iter().enumerate() {
            let Some(item) = doc.numbering.item(i) else { continue };
            let indent = "  ".repeat(doc.headings.depth(i));
            let _ = write!(out, "{indent}{}{} run {}", doc.slice(h.marker), doc.slice(h.title), item.run);
            if item.expected != h.number {
                let _ = write!(out, " expected {}", item.expected);
            }
            if let Some(join) = item.join {
                let _ = write!(out, " ({join:?})");
            }
            out.push('\n');
        }
        for p in doc.numbering.practices() {
            let _ = writeln!(
                out,
                "practice {:?} across {:?}: {:?} ({} continue, {} restart)",
                p.style, p.across, p.practice, p.continues, p.restarts
            );
        }
        expect.assert_eq(&out);
    }

    #[test]
    fn tasks_numbered_straight_through_topic_headings() {
        check(
            "一、甲\n1.任务。\n2.任务。\n3.任务。\n二、乙\n4.任务。\n5.任务。\n三、丙\n6.任务。\n",
            expect![[r#"
                一、甲 run 0 (Given)
                  1.任务 run 1 (First)
                  2.任务 run 1
                  3.任务 run 1
                二、乙 run 0
                  4.任务 run 1 (Continues { across: ChineseComma, by_practice: true })
                  5.任务 run 1
                三、丙 run 0
                  6.任务 run 1 (Continues { across: ChineseComma, by_practice: true })
                practice ArabicDot across ChineseComma: Continue (2 continue, 0 restart)
            "#]],
        );
    }

    #[test]
    fn the_majority_decides_and_the_minority_is_renumbered() {
        // Two sections restart, one continues: the continuing one should restart.
        check(
            "一、甲\n1.任务。\n2.任务。\n二、乙\n1.任务。\n三、丙\n2.任务。\n3.任务。\n四、丁\n1.任务。\n",
            expect![[r#"
                一、甲 run 0 (Given)
                  1.任务 run 1 (First)
                  2.任务 run 1
                二、乙 run 0
                  1.任务 run 2 (Restarts { across: ChineseComma, by_practice: true })
                三、丙 run 0
                  2.任务 run 3 expected 1 (Restarts { across: ChineseComma, by_practice: true })
                  3.任务 run 3 expected 2
                四、丁 run 0
                  1.任务 run 4 (Restarts { across: ChineseComma, by_practice: true })
                practice ArabicDot across ChineseComma: Restart (1 continue, 2 restart)
            "#]],
        );
    }

    #[test]
    fn levels_have_their_own_practice_and_role_changes_are_free() {
        // Tasks continue across （一）（二）, sub-items restart under each task,
        // and 保障措施 numbers its own items from 1.
        check(
            "一、工作目标\n1.目标。\n2.目标。\n二、主要任务\n（一）甲\n1.任务。\n（1）步骤。\n（2）步骤。\n2.任务。\n（1）步骤。\n（二）乙\n3.任务。\n三、保障措施\n1.领导。\n2.考核。\n",
            expect![[r#"
                一、工作目标 run 0 (Given)
                  1.目标 run 1 (First)
                  2.目标 run 1
                二、主要任务 run 0
                  （一）甲 run 2 (First)
                    1.任务 run 3 (Restarts { across: ChineseComma, by_practice: false })
                      （1）步骤 run 4 (First)
                      （2）步骤 run 4
                    2.任务 run 3
                      （1）步骤 run 5 (Restarts { across: ArabicDot, by_practice: true })
                  （二）乙 run 2
                    3.任务 run 3 (Continues { across: ChineseParen, by_practice: true })
                三、保障措施 run 0
                  1.领导 run 6 (Restarts { across: ChineseComma, by_practice: false })
                  2.考核 run 6
                practice ArabicParen across ArabicDot: Restart (0 continue, 1 restart)
                practice ArabicDot across ChineseParen: Continue (1 continue, 0 restart)
            "#]],
        );
    }

    #[test]
    fn gaps_shift_the_rest_of_the_run() {
        // The gap at 5. makes every later task of the run one too high; with no
        // vote, continuing is nearer to what is written than restarting.
        check(
            "一、甲\n1.任务。\n2.任务。\n3.任务。\n二、乙\n5.任务。\n6.任务。\n",
            expect![[r#"
                一、甲 run 0 (Given)
                  1.任务 run 1 (First)
                  2.任务 run 1
                  3.任务 run 1
                二、乙 run 0
                  5.任务 run 1 expected 4 (Continues { across: ChineseComma, by_practice: true })
                  6.任务 run 1 expected 5
                practice ArabicDot across ChineseComma: Continue (1 continue, 0 restart)
            "#]],
        );
    }

    #[test]
    fn a_second_list_and_a_chapter_on_its_own() {
        check(
            "二、主要任务\n三、保障措施\n今年重点抓好以下工作：\n一、强企业\n二、建平台\n二、重复\n",
            expect![[r#"
                二、主要任务 run 0 (Given)
                三、保障措施 run 0
                一、强企业 run 1 (NewList)
                二、建平台 run 1
                二、重复 run 1 expected 3
            "#]],
        );
    }

    #[test]
    fn numbers_for_new_headings() {
        let text = "一、甲\n1.任务。\n2.任务。\n二、乙\n3.任务。\n三、丙\n";
        let doc = parse(text, SourceKind::PlainText, &Config::default().vocabulary());
        let new = |parent: Option<usize>, style, before| {
            doc.numbering.number_for_new(&doc.headings, parent, style, before).number
        };
        // After 3. under 二、: 4.; the first task under 三、 continues too.
        assert_eq!(new(Some(3), NumberStyle::ArabicDot, 5), 4);
        assert_eq!(new(Some(5), NumberStyle::ArabicDot, 6), 4);
        // The first （一） anywhere starts at 1; the next 一、 follows 三、.
        assert_eq!(new(Some(5), NumberStyle::ChineseParen, 6), 1);
        assert_eq!(new(None, NumberStyle::ChineseComma, 6), 4);
        // A draft that restarts gets 1.
        let text = "一、甲\n1.任务。\n二、乙\n1.任务。\n三、丙\n";
        let doc = parse(text, SourceKind::PlainText, &Config::default().vocabulary());
        assert_eq!(doc.numbering.number_for_new(&doc.headings, Some(4), NumberStyle::ArabicDot, 5).number, 1);
    }
}
