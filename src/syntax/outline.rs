//! Headings and sections: recognises the four GB/T 9704 numbering levels
//! (一、 /（一）/ 1. /（1）), a fifth (①), their wrong variants, and
//! unnumbered Markdown headings; nests them and gives each section a role.

use crate::syntax::markup::{FILLER, Line, LineKind};
use crate::syntax::numerals::{parse_arabic, parse_cn_ordinal};
use crate::text::{TextRange, char_at, is_inline_space};

/// The numbering style of a heading, from which its level follows.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash)]
pub enum NumberStyle {
    /// An unnumbered Markdown heading (`## 主要任务`): level 0.
    Markdown,
    /// `一、` level 1.
    ChineseComma,
    /// `（一）` level 2.
    ChineseParen,
    /// `1.` level 3.
    ArabicDot,
    /// `（1）` or `⑴` level 4.
    ArabicParen,
    /// `①` level 5.
    Circled,
}

impl NumberStyle {
    /// The standard (GB/T 9704) marker for number `n` in this style:
    /// `三、` `（三）` `3.` `（3）` `③`. `None` for Markdown headings and
    /// circled numbers past ⑳.
    pub fn standard_marker(self, n: u32) -> Option<String> {
        use super::numerals::cn_ordinal;
        Some(match self {
            NumberStyle::Markdown => return None,
            NumberStyle::ChineseComma => format!("{}、", cn_ordinal(n)),
            NumberStyle::ChineseParen => format!("（{}）", cn_ordinal(n)),
            NumberStyle::ArabicDot => format!("{n}."),
            NumberStyle::ArabicParen => format!("（{n}）"),
            NumberStyle::Circled => char::from_u32(0x2460 + n.checked_sub(1)?).filter(|_| n <= 20)?.to_string(),
        })
    }

    pub fn level(self) -> u8 {
        match self {
            NumberStyle::Markdown => 0,
            NumberStyle::ChineseComma => 1,
            NumberStyle::ChineseParen => 2,
            NumberStyle::ArabicDot => 3,
            NumberStyle::ArabicParen => 4,
            NumberStyle::Circled => 5,
        }
    }
}

/// Section roles, as bit flags.
pub mod role {
    pub const TARGETS: u8 = 1;
    pub const TASKS: u8 = 2;
    pub const SAFEGUARDS: u8 = 4;
    pub const OTHER: u8 = 8;
}

/// A numbered (or Markdown) heading and the section it opens.
#[derive(Clone, Debug)]
pub struct Heading {
    pub line: u32,
    pub style: NumberStyle,
    /// The number's value (1 for 一 / 1 / ①); 0 for Markdown headings.
    pub number: u32,
    /// The marker as written, e.g. `（一）` or `1、`.
    pub marker: TextRange,
    /// Whether the marker uses the standard form (`一、`, `（一）`, `1.`, `（1）`).
    pub marker_standard: bool,
    /// The title: text after the marker up to the first 。：；！？ (or line end).
    pub title: TextRange,
    /// Text after the title on the same line, if any.
    pub body: Option<TextRange>,
    /// Index of the enclosing heading.
    pub parent: Option<u32>,
    /// Byte where this heading's section ends (start of the next heading at the same or a shallower level).
    pub end: u32,
    /// Role from this heading's own title (0 = none: inherits).
    pub own_role: u8,
    /// Effective role (own, or inherited from the parent).
    pub role: u8,
}

impl Heading {
    pub fn level(&self) -> u8 {
        self.style.level()
    }

    /// The whole section: heading line to the next sibling or shallower heading.
    pub fn section(&self) -> TextRange {
        TextRange { start: self.marker.start, end: self.end }
    }
}

/// Recognises a heading at the start of a prose line. `md_heading` says the
/// line had a Markdown `#` prefix.
pub(crate) fn recognise(prose: &str, line: &Line, line_no: u32, md_heading: bool) -> Option<Heading> {
    if line.kind != LineKind::Prose {
        return None;
    }
    let b = prose.as_bytes();
    let mut at = line.content as usize;
    let end = line.range.end();
    // Skip indentation and filler (emphasis around the heading).
    while at < end {
        match char_at(prose, at) {
            Some(c) if is_inline_space(c) || c == FILLER as char => at += c.len_utf8(),
            _ => break,
        }
    }
    let rest = &prose[at..end];
    let (style, number, marker_len, standard) = match_marker(rest)?;
    if style == NumberStyle::ArabicDot && number >= 1000 && !standard {
        return None; // 2023、2024年 is a list of years, not a heading
    }
    let mut title_start = at + marker_len;
    while title_start < end {
        match char_at(prose, title_start) {
            Some(c) if is_inline_space(c) || c == FILLER as char => title_start += c.len_utf8(),
            _ => break,
        }
    }
    let _ = b;
    Some(make_heading(prose, line_no, style, number, TextRange::new(at, at + marker_len), standard, title_start, end))
        .map(|mut h| {
            if md_heading && h.style == NumberStyle::Markdown {
                h.number = 0;
            }
            h
        })
}

/// An unnumbered Markdown `#` heading.
pub(crate) fn markdown_heading(prose: &str, line: &Line, line_no: u32) -> Heading {
    let start = line.content as usize;
    make_heading(prose, line_no, NumberStyle::Markdown, 0, TextRange::empty(start), true, start, line.range.end())
}

#[allow(clippy::too_many_arguments)]
fn make_heading(
    prose: &str,
    line_no: u32,
    style: NumberStyle,
    number: u32,
    marker: TextRange,
    marker_standard: bool,
    title_start: usize,
    end: usize,
) -> Heading {
    let text = &prose[title_start..end];
    let (title_end, body) = match text.find(['。', '：', ':', '；', '！', '？']) {
        Some(p) => {
            let c = char_at(text, p).map_or(1, char::len_utf8);
            let after = title_start + p + c;
            let rest = &prose[after..end];
            let body = if rest.trim_matches(|c: char| is_inline_space(c) || c == '\0').is_empty() {
                None
            } else {
                Some(TextRange::new(after, end))
            };
            (title_start + p, body)
        }
        None => (end, None),
    };
    let title_end = trim_end(prose, title_start, title_end);
    let title = TextRange::new(title_start, title_end);
    let own_role = if body.is_none() || style == NumberStyle::Markdown || style.level() <= 2 {
        role_of(&prose[title.as_range()])
    } else {
        0
    };
    Heading {
        line: line_no,
        style,
        number,
        marker,
        marker_standard,
        title,
        body,
        parent: None,
        end: end as u32,
        own_role,
        role: own_role,
    }
}

fn trim_end(s: &str, start: usize, mut end: usize) -> usize {
    while end > start {
        match s[..end].chars().next_back() {
            Some(c) if is_inline_space(c) || c == '\0' => end -= c.len_utf8(),
            _ => break,
        }
    }
    end
}

/// Matches a numbering marker at the start of `s`:
/// returns (style, number, byte length of the marker, standard form?).
fn match_marker(s: &str) -> Option<(NumberStyle, u32, usize, bool)> {
    let first = s.chars().next()?;
    // （一） （1） and half-width / mixed variants.
    if first == '（' || first == '(' {
        let inner = &s[first.len_utf8()..];
        let (style, n, len) = if let Some((n, len)) = parse_cn_ordinal(inner) {
            (NumberStyle::ChineseParen, n, len)
        } else if let Some((n, len)) = parse_arabic(inner) {
            (NumberStyle::ArabicParen, n, len)
        } else {
            return None;
        };
        let close = inner[len..].chars().next()?;
        if close != '）' && close != ')' {
            return None;
        }
        let mut total = first.len_utf8() + len + close.len_utf8();
        let mut standard = first == '（' && close == '）';
        // A wrong trailing mark: （一）、 （一）. （1）．
        if let Some(c) = s[total..].chars().next()
            && matches!(c, '、' | '.' | '．' | '，' | ',')
        {
            total += c.len_utf8();
            standard = false;
        }
        return Some((style, n, total, standard));
    }
    // ⑴ … ⒇ (parenthesised digits): level 4.
    if ('\u{2474}'..='\u{2487}').contains(&first) {
        let n = first as u32 - 0x2474 + 1;
        let mut total = first.len_utf8();
        let mut standard = true;
        if let Some(c @ ('、' | '.' | '．')) = s[total..].chars().next() {
            total += c.len_utf8();
            standard = false;
        }
        return Some((NumberStyle::ArabicParen, n, total, standard));
    }
    // ① … ⑳: level 5.
    if ('\u{2460}'..='\u{2473}').contains(&first) {
        let n = first as u32 - 0x2460 + 1;
        let mut total = first.len_utf8();
        let mut standard = true;
        if let Some(c @ ('、' | '.' | '．')) = s[total..].chars().next() {
            total += c.len_utf8();
            standard = false;
        }
        return Some((NumberStyle::Circled, n, total, standard));
    }
    // 一、 and variants 一. 一．
    if let Some((n, len)) = parse_cn_ordinal(s) {
        let delim = s[len..].chars().next()?;
        let standard = match delim {
            '、' => true,
            '．' | '.' => false,
            _ => return None,
        };
        return Some((NumberStyle::ChineseComma, n, len + delim.len_utf8(), standard));
    }
    // 1. and variants 1． 1、 1 . 1) (the last is level 5).
    if let Some((n, len)) = parse_arabic(s) {
        let after = &s[len..];
        let (delim_len, standard, style) = match after.chars().next()? {
            '.' => (1, true, NumberStyle::ArabicDot),
            '．' => (3, false, NumberStyle::ArabicDot),
            '、' => (3, false, NumberStyle::ArabicDot),
            ')' | '）' => (after.chars().next()?.len_utf8(), true, NumberStyle::Circled),
            ' ' if after[1..].starts_with('.') || after[1..].starts_with('．') => {
                (1 + after[1..].chars().next()?.len_utf8(), false, NumberStyle::ArabicDot)
            }
            _ => return None,
        };
        // 1.5亿元 is a number, not a heading; so is 2023.09.15.
        if let Some(c) = after[delim_len..].chars().next()
            && (c.is_ascii_digit() || ('０'..='９').contains(&c) || c == '%')
        {
            return None;
        }
        return Some((style, n, len + delim_len, standard));
    }
    None
}

/// The role a heading title gives its section.
pub fn role_of(title: &str) -> u8 {
    let t = title.trim_end_matches(|c: char| !crate::text::is_han(c));
    let mut r = 0;
    const SAFEGUARD_ENDINGS: [&str; 9] =
        ["保障措施", "保障机制", "组织保障", "工作保障", "实施保障", "工作要求", "组织实施", "实施要求", "保障"];
    if SAFEGUARD_ENDINGS.iter().any(|e| t.ends_with(e)) && (t.chars().count() <= 6 || !t.ends_with("保障")) {
        return role::SAFEGUARDS;
    }
    if t.ends_with("目标")
        || t.ends_with("指标")
        || t.contains("目标任务")
        || t.contains("目标和任务")
        || t.contains("目标与任务")
    {
        r |= role::TARGETS;
    }
    const TASK_ENDINGS: [&str; 12] = [
        "任务",
        "重点工作",
        "主要工作",
        "工作重点",
        "举措",
        "措施",
        "重点行动",
        "专项行动",
        "主要内容",
        "工作内容",
        "重点项目",
        "任务分工",
    ];
    if TASK_ENDINGS.iter().any(|e| t.ends_with(e)) {
        r |= role::TASKS;
    }
    const OTHER_ENDINGS: [&str; 10] = [
        "指导思想",
        "基本原则",
        "工作原则",
        "总体要求",
        "总体思路",
        "基本情况",
        "实施步骤",
        "进度安排",
        "时间安排",
        "工作步骤",
    ];
    if r == 0 && OTHER_ENDINGS.iter().any(|e| t.ends_with(e)) {
        r = role::OTHER;
    }
    r
}

/// Links headings into a tree: parents, section ends and inherited roles.
pub(crate) fn link(headings: &mut [Heading], text_len: usize) {
    let mut stack: Vec<usize> = Vec::new();
    for i in 0..headings.len() {
        let level = headings[i].level();
        while let Some(&top) = stack.last() {
            let top_level = headings[top].level();
            if top_level >= level || level == 0 {
                headings[top].end = headings[i].marker.start.min(line_start_of(&headings[i]));
                stack.pop();
            } else {
                break;
            }
        }
        headings[i].parent = stack.last().map(|&p| p as u32);
        if headings[i].own_role == 0
            && let Some(&p) = stack.last()
        {
            headings[i].role = headings[p].role;
        }
        stack.push(i);
    }
    for &i in &stack {
        headings[i].end = text_len as u32;
    }
}

fn line_start_of(h: &Heading) -> u32 {
    h.marker.start
}
