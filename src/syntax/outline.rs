//! Headings and sections: recognises the four GB/T 9704 numbering levels
//! (一、 /（一）/ 1. /（1）), a fifth (①), their wrong variants, and
//! unnumbered Markdown headings; nests them and gives each section a role.

use crate::syntax::markup::{FILLER, Line, LineKind, is_blank};
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
    /// `一是` `二要` `第一，` opening a line of a plan: level 6. Plans number the
    /// paragraphs of a task this way (and some number their tasks so); in a
    /// speech the same words only enumerate, so other genres drop them.
    Enumerated,
}

impl NumberStyle {
    /// How many styles there are; [`NumberStyle::level`] is below it, so
    /// arrays indexed by level have this length.
    pub const COUNT: usize = 7;

    /// The standard (GB/T 9704) marker for number `n` in this style:
    /// `三、` `（三）` `3.` `（3）` `③`. `None` for Markdown headings and
    /// circled numbers past ⑳.
    pub fn standard_marker(self, n: u32) -> Option<String> {
        use super::numerals::{push_cn_ordinal, push_decimal};
        // Pushed piece by piece into one buffer: `format!` and a String per
        // numeral cost several times more, and rules ask for a marker per heading.
        let mut s = String::with_capacity(16);
        match self {
            NumberStyle::Markdown => return None,
            NumberStyle::ChineseComma => {
                push_cn_ordinal(&mut s, n);
                s.push('、');
            }
            NumberStyle::ChineseParen => {
                s.push('（');
                push_cn_ordinal(&mut s, n);
                s.push('）');
            }
            NumberStyle::ArabicDot => {
                push_decimal(&mut s, n);
                s.push('.');
            }
            NumberStyle::ArabicParen => {
                s.push('（');
                push_decimal(&mut s, n);
                s.push('）');
            }
            NumberStyle::Circled => s.push(char::from_u32(0x2460 + n.checked_sub(1)?).filter(|_| n <= 20)?),
            NumberStyle::Enumerated => {
                push_cn_ordinal(&mut s, n);
                s.push('是');
            }
        }
        Some(s)
    }

    pub fn level(self) -> u8 {
        match self {
            NumberStyle::Markdown => 0,
            NumberStyle::ChineseComma => 1,
            NumberStyle::ChineseParen => 2,
            NumberStyle::ArabicDot => 3,
            NumberStyle::ArabicParen => 4,
            NumberStyle::Circled => 5,
            NumberStyle::Enumerated => 6,
        }
    }
}

/// What a section is for, from its heading's title.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash)]
pub enum Role {
    /// 工作目标, 主要目标, 预期目标, 目标要求 …
    Targets,
    /// 主要任务, 重点工作, 工作措施 …
    Tasks,
    /// Both at once: 目标任务, 目标和任务.
    TargetsAndTasks,
    /// 保障措施, 组织实施, 工作要求 …
    Safeguards,
    /// Not targets, tasks or safeguards: 指导思想, 基本原则, 总体要求,
    /// 工作回顾, 实施步骤, 进度安排 …
    Background,
}

impl Role {
    pub fn has_targets(self) -> bool {
        matches!(self, Role::Targets | Role::TargetsAndTasks)
    }

    pub fn has_tasks(self) -> bool {
        matches!(self, Role::Tasks | Role::TargetsAndTasks)
    }

    /// The name shown by `planlint outline`.
    pub fn name(self) -> &'static str {
        match self {
            Role::Targets => "targets",
            Role::Tasks => "tasks",
            Role::TargetsAndTasks => "targets+tasks",
            Role::Safeguards => "safeguards",
            Role::Background => "background",
        }
    }
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
    /// One past the index of this heading's last descendant in the outline.
    pub subtree_end: u32,
    /// Role from this heading's own title (`None`: inherits).
    pub own_role: Option<Role>,
    /// Effective role (own, or inherited from the nearest ancestor that has one).
    pub role: Option<Role>,
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
pub(crate) fn recognise(prose: &str, folded: &str, line: &Line, line_no: u32, md_heading: bool) -> Option<Heading> {
    if line.kind != LineKind::Prose {
        return None;
    }
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
    let (style, number, marker_len, standard) = marker_skipping_filler(rest)?;
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
    Some(make_heading(
        prose,
        folded,
        line_no,
        style,
        number,
        TextRange::new(at, at + marker_len),
        standard,
        title_start,
        end,
    ))
    .map(|mut h| {
        if md_heading && h.style == NumberStyle::Markdown {
            h.number = 0;
        }
        h
    })
}

/// An unnumbered Markdown `#` heading.
pub(crate) fn markdown_heading(prose: &str, folded: &str, line: &Line, line_no: u32) -> Heading {
    let start = line.content as usize;
    make_heading(
        prose,
        folded,
        line_no,
        NumberStyle::Markdown,
        0,
        TextRange::empty(start),
        true,
        start,
        line.range.end(),
    )
}

#[allow(clippy::too_many_arguments)]
fn make_heading(
    prose: &str,
    folded: &str,
    line_no: u32,
    style: NumberStyle,
    number: u32,
    marker: TextRange,
    marker_standard: bool,
    title_start: usize,
    end: usize,
) -> Heading {
    let text = &prose[title_start..end];
    let (title_end, body) = match title_stop(text) {
        Some(p) => {
            let c = char_at(text, p).map_or(1, char::len_utf8);
            let after = title_start + p + c;
            let body = if is_blank(&prose.as_bytes()[after..end]) { None } else { Some(TextRange::new(after, end)) };
            (title_start + p, body)
        }
        None => (end, None),
    };
    let title_end = trim_end(prose, title_start, title_end);
    let title = TextRange::new(title_start, title_end);
    // Section titles are the upper levels' business; below them only a short
    // title (`1.主要目标`) names a section, not a task that ends in 措施.
    let short = || folded[title.as_range()].chars().count() <= 6;
    let own_role = if style == NumberStyle::Markdown || style.level() <= 2 || body.is_none() && short() {
        role_of(&folded[title.as_range()])
    } else {
        None
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
        subtree_end: 0,
        own_role,
        role: own_role,
    }
}

/// Where the first of `。：:；！？` in `text` starts: the end of a heading's
/// title. Found from the bytes `:`, `E3` (`。`) and `EF` (the full-width
/// forms) with memchr: a char-by-char search over a heading line and its
/// body was a third of the cost of heading recognition.
fn title_stop(text: &str) -> Option<usize> {
    let b = text.as_bytes();
    memchr::memchr3_iter(b':', 0xE3, 0xEF, b).find(|&p| match b[p] {
        b':' => true,
        0xE3 => b[p + 1..].starts_with(&[0x80, 0x82]),
        _ => matches!(b[p + 1..], [0xBC, 0x9A | 0x9B | 0x81 | 0x9F, ..]),
    })
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

/// Delimiters after a Chinese ordinal (`一、`): the standard 顿号 and what
/// Word, WPS, OCR and half-width input put in its place (half-width and small
/// 顿号, full stops of every width, middle dots, commas).
fn cn_delimiter(c: char) -> Option<bool> {
    match c {
        '、' => Some(true),
        '､' | '﹑' | '．' | '.' | '｡' | '﹒' | '。' | '·' | '・' | '･' | '‧' | '，' | ',' => Some(false),
        _ => None,
    }
}

/// Delimiters after an Arabic number (`1.`): the standard low dot and the
/// dot-, comma- and colon-like characters drafts use instead (full-width,
/// half-width and small full stops, the ideographic full stop of OCR, middle
/// dots and bullet operators, 顿号 of every width, colons).
fn arabic_delimiter(c: char) -> Option<bool> {
    match c {
        '.' => Some(true),
        '．' | '｡' | '﹒' | '。' | '·' | '・' | '･' | '‧' | '∙' | '⋅' | '、' | '､' | '﹑' | '：' | ':' => {
            Some(false)
        }
        _ => None,
    }
}

/// Opening brackets of a bracketed ordinal (`（一）`, `（1）`) and whether it is the standard one.
fn open_bracket(c: char) -> Option<bool> {
    match c {
        '（' => Some(true),
        '(' | '﹙' | '〔' | '⁽' | '［' => Some(false),
        _ => None,
    }
}

fn close_bracket(c: char) -> Option<bool> {
    match c {
        '）' => Some(true),
        ')' | '﹚' | '〕' | '⁾' | '］' => Some(false),
        _ => None,
    }
}

/// Single characters that are a whole marker: (style, number, standard?).
/// `⑴`–`⒇` (level 4), `⒈`–`⒛` (a digit with a full stop: level 3),
/// `㈠`–`㈩` (a parenthesised ideograph: level 2) and the circled digits of
/// every design (level 5: `①`, `㉑`, `❶`, `➀`, `➊`, `⓵`, `⓫`).
fn single_char_marker(c: char) -> Option<(NumberStyle, u32, bool)> {
    let cp = c as u32;
    let circled = |base: u32| (NumberStyle::Circled, cp - base + 1, true);
    Some(match cp {
        0x2474..=0x2487 => (NumberStyle::ArabicParen, cp - 0x2474 + 1, true),
        0x2488..=0x249B => (NumberStyle::ArabicDot, cp - 0x2488 + 1, false),
        0x3220..=0x3229 => (NumberStyle::ChineseParen, cp - 0x3220 + 1, false),
        0x2460..=0x2473 => circled(0x2460),
        0x3251..=0x325F => (NumberStyle::Circled, cp - 0x3251 + 21, true),
        0x32B1..=0x32BF => (NumberStyle::Circled, cp - 0x32B1 + 36, true),
        0x2776..=0x277F => circled(0x2776),
        0x2780..=0x2789 => circled(0x2780),
        0x278A..=0x2793 => circled(0x278A),
        0x24F5..=0x24FE => circled(0x24F5),
        0x24EB..=0x24F4 => (NumberStyle::Circled, cp - 0x24EB + 11, true),
        _ => return None,
    })
}

/// Matches a numbering marker at the start of `s`:
/// returns (style, number, byte length of the marker, standard form?).
pub(crate) fn match_marker(s: &str) -> Option<(NumberStyle, u32, usize, bool)> {
    let first = s.chars().next()?;
    // Most headings are `1.`: an ASCII digit starts no other marker.
    if first.is_ascii_digit() {
        return arabic_marker(s);
    }
    // （一） （1） and their bracket variants.
    if let Some(open_std) = open_bracket(first) {
        let inner = &s[first.len_utf8()..];
        let (style, n, len) = if let Some((n, len)) = parse_cn_ordinal(inner) {
            (NumberStyle::ChineseParen, n, len)
        } else if let Some((n, len)) = parse_arabic(inner) {
            (NumberStyle::ArabicParen, n, len)
        } else {
            return None;
        };
        let close = inner[len..].chars().next()?;
        let close_std = close_bracket(close)?;
        let mut total = first.len_utf8() + len + close.len_utf8();
        let mut standard = open_std && close_std;
        // A wrong trailing mark: （一）、 （一）. （1）． — or a run of them
        // (`（一），，`), all of which the standard form drops (one at a time,
        // `--fix` took a pass for each).
        while let Some(c) = s[total..].chars().next()
            && (cn_delimiter(c).is_some() || arabic_delimiter(c).is_some())
            && !matches!(c, '：' | ':')
        {
            total += c.len_utf8();
            standard = false;
        }
        return Some((style, n, total, standard));
    }
    if let Some((style, n, mut standard)) = single_char_marker(first) {
        let mut total = first.len_utf8();
        // ⑴、 ①. : a point (or a run of them) after a marker that needs none.
        while let Some(c) = s[total..].chars().next()
            && matches!(c, '、' | '.' | '．' | '､' | '﹑')
        {
            total += c.len_utf8();
            standard = false;
        }
        return Some((style, n, total, standard));
    }
    // 第一， 第二、: an enumeration word.
    if let Some(rest) = s.strip_prefix('第')
        && let Some((n, len)) = parse_cn_ordinal(rest)
        && let Some(c @ ('，' | '、' | ',')) = rest[len..].chars().next()
    {
        return Some((NumberStyle::Enumerated, n, '第'.len_utf8() + len + c.len_utf8(), true));
    }
    // 一、 and variants 一. 一．
    if let Some((n, len)) = parse_cn_ordinal(s) {
        let delim = s[len..].chars().next()?;
        // 一是 二要: an enumeration word.
        if matches!(delim, '是' | '要') {
            return Some((NumberStyle::Enumerated, n, len + delim.len_utf8(), true));
        }
        let standard = cn_delimiter(delim)?;
        return Some((NumberStyle::ChineseComma, n, len + delim.len_utf8(), standard));
    }
    arabic_marker(s)
}

/// `1.` and its variants `1．` `1、` `1 .` at the start of `s`, and `1)` (level 5).
fn arabic_marker(s: &str) -> Option<(NumberStyle, u32, usize, bool)> {
    let (n, len) = parse_arabic(s)?;
    let after = &s[len..];
    let c = after.chars().next()?;
    let (delim_len, standard, style) = if let Some(standard) = arabic_delimiter(c) {
        (c.len_utf8(), standard && len == s[..len].chars().count(), NumberStyle::ArabicDot)
    } else if c == ')' || c == '）' {
        (c.len_utf8(), true, NumberStyle::Circled)
    } else if c == ' ' && after[1..].starts_with(['.', '．']) {
        (1 + after[1..].chars().next()?.len_utf8(), false, NumberStyle::ArabicDot)
    } else {
        return None;
    };
    // 1.5亿元 is a number, not a heading; so are 2023.09.15 and 1:30.
    if let Some(c) = after[delim_len..].chars().next()
        && (c.is_ascii_digit() || ('０'..='９').contains(&c) || c == '%')
    {
        return None;
    }
    Some((style, n, len + delim_len, standard))
}

/// [`match_marker`] on a line start that may hold filler inside the marker
/// (a pinyin gloss blanked out of `一(yī)、`): the length is of the original.
fn marker_skipping_filler(rest: &str) -> Option<(NumberStyle, u32, usize, bool)> {
    let head = &rest[..crate::text::floor_char_boundary(rest, 48)];
    // memchr's search: `str::contains` cost 1.3 M of recognition's 10 M on the 20KB bench set.
    if memchr::memchr(FILLER, head.as_bytes()).is_none() {
        return match_marker(rest);
    }
    let compact: String = head.chars().filter(|&c| c != '\0').collect();
    let (style, number, len, standard) = match_marker(&compact)?;
    // Map the compact length back over the original, filler included.
    let mut kept = 0;
    let mut at = 0;
    for c in head.chars() {
        if kept == len {
            break;
        }
        if c != '\0' {
            kept += c.len_utf8();
        }
        at += c.len_utf8();
    }
    Some((style, number, at, standard))
}

/// Whether `title` (folded to simplified) ends with one of `words`.
fn ends_with_any(title: &str, words: &[&str]) -> bool {
    // The last bytes first: most words differ there, and a call to memcmp per word cost more.
    let Some(&last) = title.as_bytes().last() else { return false };
    words.iter().any(|w| w.as_bytes().last() == Some(&last) && title.ends_with(w))
}

/// Titles of safeguard sections (保障措施 …).
const SAFEGUARD_ENDINGS: [&str; 11] = [
    "保障措施",
    "保障机制",
    "组织保障",
    "工作保障",
    "实施保障",
    "工作要求",
    "组织实施",
    "实施要求",
    "推进机制",
    "工作机制",
    "保障",
];

/// Titles of task sections.
const TASK_ENDINGS: [&str; 16] = [
    "任务",
    "重点工作",
    "主要工作",
    "工作重点",
    "举措",
    "措施",
    "重点行动",
    "专项行动",
    "主要行动",
    "主要内容",
    "工作内容",
    "重点项目",
    "任务分工",
    "工作安排",
    "重点事项",
    "具体事项",
];

/// Titles of sections that are neither targets, tasks nor safeguards.
const BACKGROUND_ENDINGS: [&str; 24] = [
    "指导思想",
    "基本原则",
    "工作原则",
    "总体要求",
    "总体思路",
    "工作思路",
    "基本情况",
    "工作回顾",
    "工作开展情况",
    "主要成效",
    "存在问题",
    "存在的问题",
    "面临形势",
    "发展基础",
    "发展现状",
    "重要意义",
    "编制依据",
    "适用范围",
    "实施步骤",
    "进度安排",
    "时间安排",
    "工作步骤",
    "方法步骤",
    "实施范围",
];

/// Whether `t` holds `,` or `，` (EF BC 8C). One memchr pass for `,` and the
/// lead byte of the full-width forms: `str::contains` with both chars decoded
/// every char of every section title.
fn has_comma(t: &str) -> bool {
    let b = t.as_bytes();
    memchr::memchr2_iter(b',', 0xEF, b).any(|p| b[p] == b',' || b[p + 1..].starts_with(&[0xBC, 0x8C]))
}

/// `目标`, searched for in most section titles: `str::contains` builds its
/// searcher on every call.
static MUBIAO: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
    std::sync::LazyLock::new(|| memchr::memmem::Finder::new("目标"));

/// The role a heading title gives its section. `title` is folded to
/// simplified characters (`重點任務` reads as `重点任务`).
pub fn role_of(title: &str) -> Option<Role> {
    let compact;
    let title = if memchr::memchr(FILLER, title.as_bytes()).is_some() {
        compact = title.replace('\0', "");
        compact.as_str()
    } else {
        title
    };
    let t = title.trim_end_matches(|c: char| !crate::text::is_han(c));
    // `聚焦产业升级，做强数字产业集群` states a topic; section names have no comma.
    if has_comma(t) {
        return None;
    }
    if ends_with_any(t, &SAFEGUARD_ENDINGS) && (t.chars().count() <= 6 || !t.ends_with("保障")) {
        return Some(Role::Safeguards);
    }
    // The last three tests need 目标: most titles are spared them.
    let targets = t.ends_with("目标")
        || t.ends_with("指标")
        || MUBIAO.find(t.as_bytes()).is_some()
            && (t.ends_with("要求") || t.contains("目标任务") || t.contains("目标和任务") || t.contains("目标与任务"));
    let tasks = ends_with_any(t, &TASK_ENDINGS);
    match (targets, tasks) {
        (true, true) => Some(Role::TargetsAndTasks),
        (true, false) => Some(Role::Targets),
        (false, true) => Some(Role::Tasks),
        // `夯实高质量发展基础` is a task topic; `2023年工作回顾` names a section.
        (false, false) => {
            (ends_with_any(t, &BACKGROUND_ENDINGS) && t.chars().count() <= 10).then_some(Role::Background)
        }
    }
}

/// Links headings into a tree: parents, section ends, subtree extents and
/// inherited roles.
pub(crate) fn link(headings: &mut [Heading], text_len: usize) {
    let mut stack: Vec<usize> = Vec::new();
    for i in 0..headings.len() {
        let level = headings[i].level();
        while let Some(&top) = stack.last() {
            let top_level = headings[top].level();
            if top_level >= level || level == 0 {
                headings[top].end = headings[i].marker.start;
                headings[top].subtree_end = i as u32;
                stack.pop();
            } else {
                break;
            }
        }
        headings[i].parent = stack.last().map(|&p| p as u32);
        // Inside a task section, `（二）强化要素保障` is a topic of tasks, not the
        // plan's safeguards section.
        if headings[i].own_role == Some(Role::Safeguards)
            && stack.last().is_some_and(|&p| headings[p].role.is_some_and(Role::has_tasks))
        {
            headings[i].own_role = None;
            headings[i].role = None;
        }
        if headings[i].own_role.is_none()
            && let Some(&p) = stack.last()
        {
            headings[i].role = headings[p].role;
        }
        stack.push(i);
    }
    for &i in &stack {
        headings[i].end = text_len as u32;
        headings[i].subtree_end = headings.len() as u32;
    }
}

/// The headings of a draft in document order, linked into a tree, with the
/// walks the parser and the rules need.
#[derive(Clone, Debug, Default)]
pub struct Outline {
    headings: Vec<Heading>,
}

impl std::ops::Deref for Outline {
    type Target = [Heading];

    fn deref(&self) -> &[Heading] {
        &self.headings
    }
}

impl Outline {
    /// Links `headings` (in document order) into a tree.
    pub(crate) fn new(mut headings: Vec<Heading>, text_len: usize) -> Outline {
        link(&mut headings, text_len);
        Outline { headings }
    }

    /// The direct children of heading `i`, in order.
    pub fn children(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        let end = self.headings[i].subtree_end as usize;
        let mut j = i + 1;
        std::iter::from_fn(move || {
            if j >= end {
                return None;
            }
            let c = j;
            j = (self.headings[c].subtree_end as usize).max(c + 1);
            Some(c)
        })
    }

    /// The top-level headings (those without a parent), in order.
    pub fn roots(&self) -> impl Iterator<Item = usize> + '_ {
        let mut j = 0;
        std::iter::from_fn(move || {
            if j >= self.headings.len() {
                return None;
            }
            let c = j;
            j = (self.headings[c].subtree_end as usize).max(c + 1);
            Some(c)
        })
    }

    /// The ancestors of heading `i`, innermost first (not `i` itself).
    pub fn ancestors(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        let mut cur = self.headings[i].parent;
        std::iter::from_fn(move || {
            let p = cur? as usize;
            cur = self.headings[p].parent;
            Some(p)
        })
    }

    /// The descendants of heading `i`, in document order.
    pub fn descendants(&self, i: usize) -> std::ops::Range<usize> {
        i + 1..self.headings[i].subtree_end as usize
    }

    /// How many ancestors heading `i` has.
    pub fn depth(&self, i: usize) -> usize {
        self.ancestors(i).count()
    }

    /// The innermost heading whose section contains `offset`.
    pub fn heading_at(&self, offset: usize) -> Option<usize> {
        let i = self.headings.partition_point(|h| h.marker.start() <= offset);
        let mut cur = i.checked_sub(1)?;
        loop {
            let h = &self.headings[cur];
            if h.section().contains(offset) || h.end() == offset {
                return Some(cur);
            }
            cur = h.parent? as usize;
        }
    }

    /// The heading whose own role gives heading `i` its effective role, if any.
    pub fn role_source(&self, i: usize) -> Option<usize> {
        std::iter::once(i).chain(self.ancestors(i)).find(|&j| self.headings[j].own_role.is_some())
    }
}

/// Characters that end a sentence or a heading line; a paragraph ending in
/// anything else stops mid-sentence.
fn ends_sentence(c: char) -> bool {
    matches!(
        c,
        '。' | '！'
            | '？'
            | '；'
            | '：'
            | '…'
            | '”'
            | '’'
            | '）'
            | '」'
            | '』'
            | '】'
            | '〗'
            | '〕'
            | '］'
            | '》'
            | '.'
            | '!'
            | '?'
            | ';'
            | ':'
            | ')'
            | ']'
            | '"'
    )
}

/// Removes page-chunk markers: text pasted from document-sharing sites is cut
/// into pages, each starting on a new line with `N、` although it continues the
/// previous page's sentence mid-word. A run of two or more consecutive `N、`
/// line starts, most of which follow a long line that stops mid-sentence, is
/// such a run (with no other heading inside it): its markers are not numbers
/// and its lines are plain text.
///
/// Returns the markers dropped, each with where the previous page's text
/// stops when it stops mid-sentence (the page broke a sentence there).
pub(crate) fn drop_page_chunks(
    prose: &str,
    lines: &[Line],
    headings: &mut Vec<Heading>,
) -> Vec<crate::syntax::residue::PageChunk> {
    /// A page is long; a heading line that stops without punctuation is short.
    const MIN_PAGE_CHARS: usize = 40;
    let is_candidate =
        |h: &Heading| h.style == NumberStyle::ArabicDot && prose[h.marker.as_range()].ends_with(['、', '､', '﹑']);
    // Where the last prose line before `line` ends, when it is long and stops mid-sentence.
    let cut_at = |line: usize| {
        let prev = lines[..line].iter().rev().find(|l| l.kind == LineKind::Prose)?;
        let t = prose[prev.content_range().as_range()].trim_end_matches(|c: char| c.is_whitespace() || c == '\0');
        (t.chars().count() >= MIN_PAGE_CHARS && t.chars().next_back().is_some_and(|c| !ends_sentence(c)))
            .then(|| prev.content as usize + t.len())
    };
    let cut_before = |line: usize| cut_at(line).is_some();
    let mut drop = vec![false; headings.len()];
    let mut i = 0;
    while i < headings.len() {
        if !is_candidate(&headings[i]) {
            i += 1;
            continue;
        }
        // `headings` holds every heading in order, so consecutive entries have no other heading between them.
        let mut j = i + 1;
        while j < headings.len() && is_candidate(&headings[j]) && headings[j].number == headings[j - 1].number + 1 {
            j += 1;
        }
        let cuts = (i + 1..j).filter(|&k| cut_before(headings[k].line as usize)).count();
        if j - i >= 2 && cuts * 2 >= j - i - 1 && cuts > 0 {
            drop[i..j].iter_mut().for_each(|d| *d = true);
        }
        i = j;
    }
    let chunks = headings
        .iter()
        .zip(&drop)
        .filter(|(_, d)| **d)
        .map(|(h, _)| crate::syntax::residue::PageChunk {
            marker: h.marker,
            line: h.line,
            join_from: cut_at(h.line as usize),
        })
        .collect();
    let mut k = 0;
    headings.retain(|_| {
        k += 1;
        !drop[k - 1]
    });
    chunks
}

#[cfg(test)]
mod tests {
    use super::NumberStyle;

    #[test]
    fn standard_markers_read_as_formatted() {
        use crate::syntax::numerals::cn_ordinal;
        for n in [0, 1, 2, 9, 10, 11, 19, 20, 21, 99, 100, 101, 110, 999, 1000, 12345, 99999] {
            let circled = char::from_u32(0x2460 + n.max(1) - 1).filter(|_| (1..=20).contains(&n)).map(String::from);
            assert_eq!(NumberStyle::Markdown.standard_marker(n), None);
            assert_eq!(NumberStyle::ChineseComma.standard_marker(n), Some(format!("{}、", cn_ordinal(n))));
            assert_eq!(NumberStyle::ChineseParen.standard_marker(n), Some(format!("（{}）", cn_ordinal(n))));
            assert_eq!(NumberStyle::ArabicDot.standard_marker(n), Some(format!("{n}.")));
            assert_eq!(NumberStyle::ArabicParen.standard_marker(n), Some(format!("（{n}）")));
            assert_eq!(NumberStyle::Circled.standard_marker(n), circled);
            assert_eq!(NumberStyle::Enumerated.standard_marker(n), Some(format!("{}是", cn_ordinal(n))));
        }
        assert_eq!(cn_ordinal(0), "0");
        assert_eq!(cn_ordinal(1000), "1000");
    }

    #[test]
    fn levels_fit_arrays_of_count() {
        let all = [
            NumberStyle::Markdown,
            NumberStyle::ChineseComma,
            NumberStyle::ChineseParen,
            NumberStyle::ArabicDot,
            NumberStyle::ArabicParen,
            NumberStyle::Circled,
            NumberStyle::Enumerated,
        ];
        // A new style must be listed here (the match makes the compiler ask).
        for s in all {
            match s {
                NumberStyle::Markdown
                | NumberStyle::ChineseComma
                | NumberStyle::ChineseParen
                | NumberStyle::ArabicDot
                | NumberStyle::ArabicParen
                | NumberStyle::Circled
                | NumberStyle::Enumerated => assert!((s.level() as usize) < NumberStyle::COUNT),
            }
        }
        assert_eq!(all.len(), NumberStyle::COUNT);
    }
}
