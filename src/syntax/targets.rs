//! Target statements: the sentences that set a goal.
//!
//! Inside a target section (工作目标, 主要目标 …): every `——` bullet, every
//! numbered item, and every sentence phrased as a target (达到, 增长, 突破 …).
//! Anywhere else: sentences anchored on a year (`到2025年，…`, `力争到…`) and
//! 力争 sentences with a quantity verb.

use crate::text::needles::Needles;
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
        if SENTENCE_END.contains(&c) {
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

/// A char that can follow 到/至 in `到2025年`, `到二〇二五年`, `到“十四五”末`.
fn could_start_year(c: char) -> bool {
    c.is_ascii_digit() || matches!(c, '０'..='９' | '二' | '十' | '“' | '"' | '到' | '至')
}

/// Words that can open an anchored target sentence.
const OPENER_WORDS: [&str; 4] = ["到", "至", "争取", "力争"];
static OPENERS: LazyLock<Needles> = LazyLock::new(|| Needles::new(&OPENER_WORDS));

const SENTENCE_END: [char; 7] = ['。', '！', '？', '；', ';', '!', '?'];

/// Year-anchored and 力争 sentences inside `spans` (line ranges outside target
/// sections, sorted), found from the few words that can open them (one
/// search over the whole text each) rather than by splitting every line into sentences.
fn anchored_sentences(prose: &str, spans: &[(usize, usize)], out: &mut Vec<TargetStatement>) {
    let mut hits = Vec::new();
    OPENERS.find_all(prose.as_bytes(), &mut hits);
    let mut last_sentence = usize::MAX;
    for (at, word) in hits {
        let lizheng = OPENER_WORDS[word] == "力争";
        let i = spans.partition_point(|s| s.0 <= at);
        let Some(&(start, end)) = i.checked_sub(1).map(|i| &spans[i]) else { continue };
        if at >= end {
            continue;
        }
        let text = &prose[start..end];
        let p = at - start;
        if !lizheng
            && !text[p..].chars().nth(if text[p..].starts_with("争取") { 2 } else { 1 }).is_some_and(could_start_year)
        {
            continue;
        }
        let at_start = p == 0 || text[..p].ends_with(SENTENCE_END) || text[..p].ends_with('\0');
        if !at_start && !lizheng {
            continue;
        }
        let a = text[..p].rfind(SENTENCE_END).map_or(0, |i| i + text[i..].chars().next().map_or(1, char::len_utf8));
        if start + a == last_sentence {
            continue;
        }
        last_sentence = start + a;
        let b = text[p..]
            .find(SENTENCE_END)
            .map_or(text.len(), |i| p + i + text[p + i..].chars().next().map_or(1, char::len_utf8));
        let (a, b) = trim(prose, start + a, start + b);
        if a < b && is_anchored(&prose[a..b]) {
            out.push(TargetStatement { range: TextRange::new(a, b), kind: TargetKind::Anchored });
        }
    }
}

pub(crate) fn find(source: &str, prose: &str, lines: &[Line], headings: &[Heading]) -> Vec<TargetStatement> {
    let mut out = Vec::new();
    let mut plain: Vec<(usize, usize)> = Vec::new();
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
        } else {
            plain.push((start, end));
        }
    }
    if !plain.is_empty() {
        anchored_sentences(prose, &plain, &mut out);
        out.sort_by_key(|t| t.range.start);
    }
    out
}
