//! Target statements: the sentences that set a goal.
//!
//! Inside a target section (工作目标, 主要目标, 目標要求 …): every `——` bullet,
//! every numbered item (judged as a whole: its title with its body and
//! sub-items), and every paragraph with a sentence phrased as a target (达到,
//! 增长 …) or anchored on a year anywhere in it (`…，到2023年，基本建成…`),
//! judged as a whole from that sentence on.
//! Outside target sections: runs of `——` bullets under no other role when one
//! of them reads as a target; sentences anchored on a year (`到2025年，…`,
//! `力争到…`); 力争 sentences with a quantity verb; and, in tasks, sentences
//! that set a level (`达到…`, `提升至…`, `控制在…`).
//!
//! Words are matched in the folded view, so traditional drafts read the same.

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use regex::Regex;

use crate::syntax::markup::{Line, LineKind};
use crate::syntax::outline::{Outline, Role};
use crate::text::{TextRange, is_inline_space};

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
    /// A sentence that sets a level (达到, 提升至, 控制在 …) outside target sections.
    Level,
}

#[derive(Clone, Debug)]
pub struct TargetStatement {
    /// What is judged: for a numbered item, its whole section.
    pub range: TextRange,
    /// What a finding points at: the statement, or an item's first line.
    pub anchor: TextRange,
    pub kind: TargetKind,
}

impl TargetStatement {
    fn new(range: TextRange, kind: TargetKind) -> TargetStatement {
        TargetStatement { range, anchor: range, kind }
    }
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

/// Verbs that set a level: a sentence with one of them states a target even
/// inside a task (`研发投入强度达到2.5%`, `质量效益达到国内先进水平`).
pub const LEVEL_VERBS: [&str; 10] =
    ["达到", "提升至", "提升到", "提高到", "提高至", "控制在", "保持在", "降低至", "下降至", "降低到"];

/// Objects of 达到 that name a purpose, not a level (`达到预期效果`).
const PURPOSES: [[char; 2]; 5] = [['目', '的'], ['效', '果'], ['预', '期'], ['要', '求'], ['目', '标']];

/// A year anchor anywhere in a sentence: `到2023年`, `至2025年底`, `到二〇二五年`.
static YEAR_ANCHOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:到|至)(?:[0-9０-９]{4}|20[Xx*＊]{2}|二[〇○零][一二三四五六七八九〇○零]{2})年")
        .expect("year anchor regex")
});

static ANCHOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:力争|争取)?(?:到|至|在)?(?:[0-9０-９]{4}|20[Xx*＊]{2}|二[〇○零][一二三四五六七八九〇○零]{2}|[“”]?十[三四五六][五]?[“”]?(?:期)?)年?(?:底|末|前|年底|年末)?(?:前)?[，,]",
    )
    .expect("anchor regex")
});

/// `start..end` (char boundaries of `s`) without inline space and filler at
/// either end. Compared as bytes: the junk is ` `, tab, NUL, U+00A0 (C2 A0)
/// and U+3000 (E3 80 80), and decoding a char at each end cost more than the
/// rest of a sentence's handling.
fn trim(s: &str, mut start: usize, mut end: usize) -> (usize, usize) {
    let b = s.as_bytes();
    while start < end {
        start += match b[start] {
            b' ' | b'\t' | 0 => 1,
            0xC2 if b[start + 1] == 0xA0 => 2,
            0xE3 if b[start + 1..].starts_with(&[0x80, 0x80]) => 3,
            _ => break,
        };
    }
    while end > start {
        end -= match b[end - 1] {
            b' ' | b'\t' | 0 => 1,
            0xA0 if b[end - 2] == 0xC2 => 2,
            0x80 if b[..end - 1].ends_with(&[0xE3, 0x80]) => 3,
            _ => break,
        };
    }
    (start, end)
}

/// The sentences of `start..end`, each ending in 。！？； or at `end`, trimmed;
/// empty ones are skipped. Yielded one by one: the caller stops at the
/// first target sentence, and a list of them cost an allocation per paragraph.
fn sentences(s: &str, start: usize, end: usize) -> impl Iterator<Item = (usize, usize)> {
    let mut from = Some(start);
    std::iter::from_fn(move || {
        let f = from?;
        let e = find_sentence_end(&s[f..end]).map(|(i, len)| f + i + len);
        from = e;
        Some(trim(s, f, e.unwrap_or(end)))
    })
    .filter(|&(a, b)| a < b)
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

/// Word sets tested on every candidate sentence (and on every statement, in
/// `quantity`): one automaton pass each is several times cheaper than a
/// `str::contains` per word.
pub(crate) fn word_set(words: impl IntoIterator<Item = &'static str>) -> AhoCorasick {
    // Candidate sentences and statements are short: a prefilter costs more
    // than it skips.
    AhoCorasick::builder().prefilter(false).build(words).expect("word set")
}

static TARGET_WORD_SET: LazyLock<AhoCorasick> = LazyLock::new(|| word_set(TARGET_WORDS.iter().copied()));
/// 力争 before these states an effort, not a target.
const LIZHENG_IDIOMS: [&str; 7] = ["取得突破", "实现突破", "新突破", "重大突破", "突破性", "有所突破", "取得新"];

fn has_target_word(s: &str) -> bool {
    TARGET_WORD_SET.is_match(s)
}

/// Whether [`ANCHOR`] matches `s`. Its match starts with one of the chars
/// tested here, so most sentences (`…达到…`) are refused without running
/// the regex, whose call cost more than the test.
fn is_anchor(s: &str) -> bool {
    let could_open = |c: char| {
        c.is_ascii_digit() || matches!(c, '０'..='９' | '力' | '争' | '到' | '至' | '在' | '二' | '十' | '“' | '”')
    };
    s.chars().next().is_some_and(could_open) && ANCHOR.is_match(s)
}

/// `力争`, searched for once per candidate sentence: a `str::find` builds its
/// searcher on every call.
static LIZHENG: LazyLock<memchr::memmem::Finder<'static>> = LazyLock::new(|| memchr::memmem::Finder::new("力争"));

/// The idioms after 力争 ([`LIZHENG_IDIOMS`]) and the target words but 力争
/// in one automaton, the idioms first: one pass over the rest of a 力争
/// sentence instead of one for each set (on the 10 MB bench draft 4.3 M
/// instructions instead of 7.2 M).
static AFTER_LIZHENG: LazyLock<AhoCorasick> = LazyLock::new(|| {
    word_set(LIZHENG_IDIOMS.iter().copied().chain(TARGET_WORDS.iter().copied().filter(|w| *w != "力争")))
});

/// Whether `rest`, a sentence from its 力争 on, has a target word but
/// 力争 and none of the idioms. Every match of both sets is visited: an
/// idiom such as 取得突破 holds the target word 突破.
fn lizheng_sets_target(rest: &str) -> bool {
    let mut target = false;
    for m in AFTER_LIZHENG.find_overlapping_iter(rest) {
        if m.pattern().as_usize() < LIZHENG_IDIOMS.len() {
            return false;
        }
        target = true;
    }
    target
}

/// Sentences outside target sections that still state a target.
fn is_anchored(s: &str) -> bool {
    if is_anchor(s) {
        return true;
    }
    if let Some(p) = LIZHENG.find(s.as_bytes()) {
        return lizheng_sets_target(&s[p..]);
    }
    false
}

/// A char that can follow 到/至 in `到2025年`, `到二〇二五年`, `到“十四五”末`.
fn could_start_year(c: char) -> bool {
    c.is_ascii_digit() || matches!(c, '０'..='９' | '二' | '十' | '“' | '"' | '到' | '至')
}

/// Words that can open an anchored target sentence, and the level verbs that
/// do not end in 到 or 至 (those are found from their last character: one
/// search with few needles is much faster than one with many). Found by
/// `syntax::parse`, in one search with the clause verbs.
pub(crate) const OPENER_WORDS: [&str; 6] = ["到", "至", "争取", "力争", "控制在", "保持在"];
/// Which openers are level verbs themselves (in [`LEVEL_VERBS`]), known by
/// index: comparing each hit with the verbs cost a memcmp per verb.
const OPENER_IS_LEVEL: [bool; 6] = [false, false, false, false, true, true];
/// The longer level verbs that end in each opener (达到 in 到), in the order
/// of [`LEVEL_VERBS`], by opener index: only a hit of 到 or 至 can end one,
/// and trying all ten verbs on every hit cost more than the rest of the hit.
const LEVEL_VERBS_ENDING_IN: [&[&str]; 6] =
    [&["达到", "提升到", "提高到", "降低到"], &["提升至", "提高至", "降低至", "下降至"], &[], &[], &[], &[]];

const SENTENCE_END: [char; 7] = ['。', '！', '？', '；', ';', '!', '?'];

/// Whether the char that starts at byte `i` of `b` is a full-width one of
/// [`SENTENCE_END`]: `。` is E3 80 82, `！？；` are EF BC 81, 9F and 9B.
fn is_full_width_end(b: &[u8], i: usize) -> bool {
    // A lead byte E3 or EF of valid UTF-8 has two continuation bytes after it.
    matches!((b[i], b[i + 1], b[i + 2]), (0xE3, 0x80, 0x82) | (0xEF, 0xBC, 0x81 | 0x9F | 0x9B))
}

/// The length of the char whose lead byte is `lead`.
fn char_len(lead: u8) -> usize {
    lead.leading_ones().max(1) as usize
}

/// The first char of [`SENTENCE_END`] in `s`, as (start, length). Stepped
/// char by char on the lead bytes, testing only those of `;!?` and of
/// `。！？；` (E3, EF): testing every byte for the last byte of an end cost
/// 0.44 M instructions more on the 20 KB bench set, as the continuation
/// bytes of most Han chars look like one; a memchr for E3 and EF cost more
/// still (0.4 M), as the frequent `，` and `、` share those lead bytes.
fn find_sentence_end(s: &str) -> Option<(usize, usize)> {
    let b = s.as_bytes();
    let mut i = 0;
    while let Some(&lead) = b.get(i) {
        let len = char_len(lead);
        if matches!(lead, b';' | b'!' | b'?') || matches!(lead, 0xE3 | 0xEF) && is_full_width_end(b, i) {
            return Some((i, len));
        }
        i += len;
    }
    None
}

/// The last char of [`SENTENCE_END`] in `s`, as (start, length), stepped
/// back char by char as [`find_sentence_end`] steps forward.
fn rfind_sentence_end(s: &str) -> Option<(usize, usize)> {
    let b = s.as_bytes();
    let mut end = b.len();
    while end > 0 {
        let last = b[end - 1];
        if last < 0x80 {
            if matches!(last, b';' | b'!' | b'?') {
                return Some((end - 1, 1));
            }
            end -= 1;
        } else if end >= 3 && b[end - 3] >= 0xE0 {
            // A three-byte char ends here: in valid UTF-8 a byte E0 or above
            // three back is only ever the lead of the char ending at `end`.
            if is_full_width_end(b, end - 3) {
                return Some((end - 3, 3));
            }
            end -= 3;
        } else {
            end -= 1;
            while b[end] & 0xC0 == 0x80 {
                end -= 1;
            }
        }
    }
    None
}

/// A stretch of text outside target sections, and whether level verbs count
/// there (they do in tasks and untitled text, not in background or safeguards).
#[derive(Clone, Copy)]
struct Span {
    start: usize,
    end: usize,
    levels: bool,
}

/// Whether a level verb at `p` of `text` sets a level rather than a purpose.
fn sets_level(text: &str, p: usize, verb: &str) -> bool {
    // Compared char pair by char pair: `str::contains` on so short a text
    // calls memcmp at every byte.
    let mut prev = None;
    for c in text[p + verb.len()..].chars().take(6) {
        if prev.is_some_and(|p| PURPOSES.contains(&[p, c])) {
            return false;
        }
        prev = Some(c);
    }
    true
}

/// Year-anchored, 力争 and level sentences inside `spans` (line ranges outside
/// target sections, sorted), found from the few words that can open them (one
/// search over the whole text: `openers`) rather than by splitting every line into sentences.
fn anchored_sentences(folded: &str, spans: &[Span], openers: &[(usize, usize)], out: &mut Vec<TargetStatement>) {
    let mut last_sentence = usize::MAX;
    let mut i = 0;
    for &(at, k) in openers {
        let mut word = OPENER_WORDS[k];
        let mut at = at;
        let mut level = OPENER_IS_LEVEL[k];
        // 达到, 提升至, 降低到 …: a level verb ending in this 到 or 至.
        if let Some(verb) = LEVEL_VERBS_ENDING_IN[k].iter().find(|v| {
            // The byte before the hit first: a memcmp per verb and hit cost more.
            let stem = v.len() - word.len();
            at >= stem && folded.as_bytes()[at - 1] == v.as_bytes()[stem - 1] && folded[..at + word.len()].ends_with(*v)
        }) {
            at = at + word.len() - verb.len();
            word = verb;
            level = true;
        }
        // The spans starting at or before `at`, moved from the previous hit's:
        // hits come in order, so a step or two replaces a binary search per
        // hit (1.4 M instructions on the 10 MB bench draft).
        while i < spans.len() && spans[i].start <= at {
            i += 1;
        }
        while i > 0 && spans[i - 1].start > at {
            i -= 1;
        }
        let Some(&span) = i.checked_sub(1).map(|i| &spans[i]) else { continue };
        if at >= span.end {
            continue;
        }
        let text = &folded[span.start..span.end];
        let p = at - span.start;
        if level && !(span.levels && sets_level(text, p, word)) {
            continue;
        }
        let lizheng = word == "力争";
        if !level
            && !lizheng
            && !text[p..].chars().nth(if text[p..].starts_with("争取") { 2 } else { 1 }).is_some_and(could_start_year)
        {
            continue;
        }
        let at_start = p == 0 || text[..p].ends_with(SENTENCE_END) || text[..p].ends_with('\0');
        if !at_start && !lizheng && !level {
            continue;
        }
        let a = rfind_sentence_end(&text[..p]).map_or(0, |(i, len)| i + len);
        if span.start + a == last_sentence {
            continue;
        }
        let b = find_sentence_end(&text[p..]).map_or(text.len(), |(i, len)| p + i + len);
        let (a, b) = trim(folded, span.start + a, span.start + b);
        if a >= b {
            continue;
        }
        let kind = if is_anchored(&folded[a..b]) {
            TargetKind::Anchored
        } else if level {
            TargetKind::Level
        } else {
            continue;
        };
        last_sentence = a;
        // A paragraph that opens with its target (`到2022年，基本建成…。全社会研发投入
        // 占比达4.28%…`) states the figures after it: judged as a whole.
        let range = if a == span.start && kind == TargetKind::Anchored {
            TextRange::new(a, span.end)
        } else {
            TextRange::new(a, b)
        };
        out.push(TargetStatement { range, anchor: TextRange::new(a, b), kind });
    }
}

/// Dash bullets (`——`, `--`, `－－`) and list items.
fn bullet_dashes(text: &str, raw_line: &str) -> Option<usize> {
    let dashes = text.len() - text.trim_start_matches(['—', '－', '-', '─', '―']).len();
    (dashes >= 2 || text.starts_with('—') || is_list_item(raw_line)).then_some(dashes)
}

/// Target statements of a draft; `plan` says whether its genre assigns work
/// (a speech's or report's `达到…` recounts results, it sets no level).
/// `openers`: the hits of [`OPENER_WORDS`] in `folded` as (start, index), sorted.
pub(crate) fn find(
    source: &str,
    prose: &str,
    folded: &str,
    lines: &[Line],
    outline: &Outline,
    plan: bool,
    openers: &[(usize, usize)],
) -> Vec<TargetStatement> {
    let mut out = Vec::new();
    // At most one span per line: sized once rather than grown line by line.
    let mut plain: Vec<Span> = Vec::with_capacity(lines.len());
    // Dash bullets under no role, as runs: (statement, reads as a target).
    let mut run: Vec<(TargetStatement, bool)> = Vec::new();
    let flush = |run: &mut Vec<(TargetStatement, bool)>, out: &mut Vec<TargetStatement>| {
        if run.iter().any(|(_, t)| *t) {
            out.extend(run.drain(..).map(|(s, _)| s));
        }
        run.clear();
    };
    let mut next_heading = 0usize;
    for (li, line) in lines.iter().enumerate() {
        if line.kind == LineKind::Blank {
            continue;
        }
        if line.kind != LineKind::Prose {
            flush(&mut run, &mut out);
            continue;
        }
        let mut heading_here = None;
        while next_heading < outline.len() && outline[next_heading].line as usize <= li {
            if outline[next_heading].line as usize == li {
                heading_here = Some(next_heading);
            }
            next_heading += 1;
        }
        // The innermost heading whose section holds this line: the last one
        // started, or the nearest of its ancestors still open.
        let section = heading_here.or_else(|| {
            let mut cur = next_heading.checked_sub(1)?;
            loop {
                if outline[cur].section().contains(line.range.start()) {
                    return Some(cur);
                }
                cur = outline[cur].parent? as usize;
            }
        });
        let role = section.and_then(|h| outline[h].role);
        let in_targets = role.is_some_and(Role::has_targets);
        // Inside a numbered item of a target section (not the section's own text).
        let in_item = section.is_some_and(|h| outline[h].own_role.is_none());

        let (start, end) = match heading_here {
            // A section title such as 一、工作目标, alone or followed by its text.
            Some(h) if outline[h].own_role.is_some() => match outline[h].body {
                Some(body) => {
                    heading_here = None;
                    (body.start(), line.range.end())
                }
                None => {
                    flush(&mut run, &mut out);
                    continue;
                }
            },
            Some(h) => (outline[h].title.start(), line.range.end()),
            None => (line.content as usize, line.range.end()),
        };
        let (start, end) = trim(prose, start, end);
        if start >= end {
            continue;
        }
        let raw_line = &source[line.range.as_range()];
        let text = &folded[start..end];
        if in_targets {
            flush(&mut run, &mut out);
            if let Some(h) = heading_here {
                // An item is judged as a whole: its title, body and sub-items.
                let (a, b) = trim(prose, start, outline[h].end());
                out.push(TargetStatement {
                    range: TextRange::new(a, b),
                    anchor: TextRange::new(start, end),
                    kind: TargetKind::Item,
                });
                continue;
            }
            if in_item {
                continue; // part of the item above
            }
            if let Some(dashes) = bullet_dashes(text, raw_line) {
                let (a, b) = trim(prose, start + dashes, end);
                if a < b {
                    out.push(TargetStatement::new(TextRange::new(a, b), TargetKind::Bullet));
                }
                continue;
            }
            // A paragraph is judged as a whole, from its first target sentence:
            // `到2027年，基本建成…。其中，…比重达到4.1%。` states its figures.
            let first = sentences(folded, start, end).find(|&(a, b)| {
                let s = &folded[a..b];
                has_target_word(s) || is_anchor(s) || YEAR_ANCHOR.is_match(s)
            });
            if let Some((a, b)) = first {
                out.push(TargetStatement {
                    range: TextRange::new(a, end),
                    anchor: TextRange::new(a, b),
                    kind: TargetKind::Sentence,
                });
            }
            continue;
        }
        if role.is_none()
            && heading_here.is_none()
            && let Some(dashes) = bullet_dashes(text, raw_line)
            && dashes >= 2
        {
            let (a, b) = trim(prose, start + dashes, end);
            if a < b {
                let reads_as_target = text.contains(['%', '％']) || has_target_word(text);
                run.push((TargetStatement::new(TextRange::new(a, b), TargetKind::Bullet), reads_as_target));
                continue;
            }
        }
        flush(&mut run, &mut out);
        let levels = plan && !matches!(role, Some(Role::Background | Role::Safeguards));
        plain.push(Span { start, end, levels });
    }
    flush(&mut run, &mut out);
    if !plain.is_empty() {
        anchored_sentences(folded, &plain, openers, &mut out);
    }
    out.sort_by_key(|t| t.range.start);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentence_ends_found_as_the_char_search_finds_them() {
        let texts = [
            "",
            "。",
            "到2025年，达到5%。其次；再次!问？完",
            "a;b!c?d",
            "无标点的一句话",
            "“引号。”后面！",
            "傂傁傛傟。", // ideographs whose last bytes are 82, 81, 9B, 9F
            "中：，、；。",
            "é𠀀；ü𠀀!é", // two- and four-byte chars around the ends
            "𠀀é",
        ];
        for t in texts {
            let char_len = |i: usize| t[i..].chars().next().map_or(0, char::len_utf8);
            assert_eq!(find_sentence_end(t), t.find(SENTENCE_END).map(|i| (i, char_len(i))), "{t}");
            assert_eq!(rfind_sentence_end(t), t.rfind(SENTENCE_END).map(|i| (i, char_len(i))), "{t}");
        }
    }

    #[test]
    fn opener_levels_are_the_level_verbs() {
        for (w, level) in OPENER_WORDS.iter().zip(OPENER_IS_LEVEL) {
            assert_eq!(LEVEL_VERBS.contains(w), level, "{w}");
        }
        for (w, verbs) in OPENER_WORDS.iter().zip(LEVEL_VERBS_ENDING_IN) {
            let longer: Vec<&str> =
                LEVEL_VERBS.iter().copied().filter(|v| v.len() > w.len() && v.ends_with(w)).collect();
            assert_eq!(verbs, longer, "{w}");
        }
    }
}
