//! Target statements: the sentences that set a goal.
//!
//! Inside a target section (工作目标, 主要目标 …): every `——` bullet, every
//! numbered item, and every sentence phrased as a target (达到, 增长, 突破 …).
//! Anywhere else: sentences anchored on a year (`到2025年，…`, `力争到…`) and
//! 力争 sentences with a quantity verb.

use std::sync::LazyLock;

use regex::Regex;

use crate::syntax::markup::{Line, LineKind};
use crate::syntax::outline::{Heading, role};
use crate::text::{TextRange, char_at, char_before, is_inline_space};

/// What kind of target statement.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum TargetKind {
    /// A `——` bullet in a target section.
    Bullet,
    /// A numbered item in a target section.
    Item,
    /// A target-phrased sentence in a target section.
    Sentence,
    /// A year-anchored or 力争 sentence elsewhere.
    Anchored,
}

#[derive(Clone, Debug)]
pub struct TargetStatement {
    pub range: TextRange,
    pub kind: TargetKind,
}

/// Words that make a sentence a target.
pub const TARGET_WORDS: &[&str] = &[
    "达到",
    "提升至",
    "提升到",
    "提高到",
    "提高至",
    "增长",
    "下降",
    "控制在",
    "力争",
    "突破",
    "超过",
    "不少于",
    "不低于",
    "新增",
    "累计",
    "覆盖率",
    "占比",
    "比重",
    "保持在",
    "年均",
];

static ANCHOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:力争|争取)?(?:到|至|在)?(?:[0-9０-９]{4}|20[Xx*＊]{2}|二[〇○零][一二三四五六七八九〇○零]{2}|[“”]?十[三四五六][五]?[“”]?(?:期)?)年?(?:底|末|前|年底|年末)?(?:前)?[，,]",
    )
    .expect("anchor regex")
});

fn trim(s: &str, mut start: usize, mut end: usize) -> (usize, usize) {
    let junk = |c: char| is_inline_space(c) || c == '\0';
    while start < end {
        match char_at(s, start) {
            Some(c) if junk(c) => start += c.len_utf8(),
            _ => break,
        }
    }
    while end > start {
        match char_before(s, end) {
            Some(c) if junk(c) => end -= c.len_utf8(),
            _ => break,
        }
    }
    (start, end)
}

/// Splits `start..end` into sentences ending in 。！？；.
fn sentences(s: &str, start: usize, end: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut from = start;
    for (i, c) in s[start..end].char_indices() {
        if matches!(c, '。' | '！' | '？' | '；' | ';' | '!' | '?') {
            let e = start + i + c.len_utf8();
            let (a, b) = trim(s, from, e);
            if a < b {
                out.push((a, b));
            }
            from = e;
        }
    }
    let (a, b) = trim(s, from, end);
    if a < b {
        out.push((a, b));
    }
    out
}

/// A Markdown list item or a bulleted line (`- `, `* `, `• `, `● ` …).
fn is_list_item(raw: &str) -> bool {
    let t = raw.trim_start_matches(|c: char| is_inline_space(c) || c == '>');
    let mut chars = t.chars();
    match chars.next() {
        Some('-' | '*' | '+') => chars.next().is_some_and(is_inline_space),
        Some('•' | '●' | '▪' | '·' | '◆' | '■' | '◇' | '►') => true,
        _ => false,
    }
}

fn has_target_word(s: &str) -> bool {
    TARGET_WORDS.iter().any(|w| s.contains(w))
}

/// Sentences outside target sections that still state a target.
fn is_anchored(s: &str) -> bool {
    if ANCHOR.is_match(s) {
        return true;
    }
    if let Some(p) = s.find("力争") {
        let rest = &s[p..];
        let idiom = ["取得突破", "实现突破", "新突破", "重大突破", "突破性", "有所突破", "取得新"]
            .iter()
            .any(|w| rest.contains(w));
        return !idiom && TARGET_WORDS.iter().filter(|w| **w != "力争").any(|w| rest.contains(w));
    }
    false
}

pub(crate) fn find(source: &str, prose: &str, lines: &[Line], headings: &[Heading]) -> Vec<TargetStatement> {
    let mut out = Vec::new();
    let mut next_heading = 0usize;
    let mut stack: Vec<usize> = Vec::new();
    for (li, line) in lines.iter().enumerate() {
        if line.kind != LineKind::Prose {
            continue;
        }
        let mut heading_here = None;
        while next_heading < headings.len() && headings[next_heading].line as usize <= li {
            if headings[next_heading].line as usize == li {
                heading_here = Some(next_heading);
            }
            next_heading += 1;
        }
        // The innermost heading whose section contains this line.
        let current = next_heading.checked_sub(1);
        stack.clear();
        let mut cur = current;
        while let Some(c) = cur {
            if headings[c].section().contains(line.range.start()) || headings[c].line as usize == li {
                stack.push(c);
                break;
            }
            cur = headings[c].parent.map(|p| p as usize);
        }
        let section_role = stack.first().map_or(0, |&h| headings[h].role);
        let in_targets = section_role & role::TARGETS != 0;

        let (start, end) = match heading_here {
            Some(h) => {
                let hd = &headings[h];
                if hd.own_role != 0 {
                    continue; // a section title such as 一、工作目标
                }
                (hd.title.start(), line.range.end())
            }
            None => (line.content as usize, line.range.end()),
        };
        let (start, end) = trim(prose, start, end);
        if start >= end {
            continue;
        }
        let raw_line = &source[line.range.as_range()];
        let text = &prose[start..end];
        if in_targets {
            if heading_here.is_some() {
                out.push(TargetStatement { range: TextRange::new(start, end), kind: TargetKind::Item });
                continue;
            }
            let dashes = text.len() - text.trim_start_matches(['—', '－', '-', '─', '―']).len();
            if dashes >= 2 || text.starts_with('—') || is_list_item(raw_line) {
                let (a, b) = trim(prose, start + dashes, end);
                if a < b {
                    out.push(TargetStatement { range: TextRange::new(a, b), kind: TargetKind::Bullet });
                }
                continue;
            }
            for (a, b) in sentences(prose, start, end) {
                let s = &prose[a..b];
                if has_target_word(s) || ANCHOR.is_match(s) {
                    out.push(TargetStatement { range: TextRange::new(a, b), kind: TargetKind::Sentence });
                }
            }
        } else if text.contains('到') || text.contains("力争") || text.contains('至') {
            for (a, b) in sentences(prose, start, end) {
                if is_anchored(&prose[a..b]) {
                    out.push(TargetStatement { range: TextRange::new(a, b), kind: TargetKind::Anchored });
                }
            }
        }
    }
    out
}
