//! Placeholders that a template left in a draft: masks (`*`, `X年`, `××`,
//! `某某`, `□`, `____` and their look-alikes, joined where they fill a
//! decimal or a date), fill-in brackets `【 】`, numerals and dates left
//! blank, and what each one stands for (a number, a date, a name, an
//! organisation).
//!
//! A pure function over the prose view, shared by the `placeholder` rule
//! (which reports them) and `target-without-number` (which leaves masked
//! targets to it).

pub use crate::syntax::lexicon::Slot;
use crate::syntax::lexicon::{self, counts_after_gap, is_mask_follower};
use crate::syntax::numerals::is_cn_numeral_char;
use crate::text::needles::Needles;
use crate::text::{
    TextRange, char_at, char_before, is_cjk, is_cjk_punct, is_digit, is_han, is_inline_space, is_latin_letter,
};

/// One placeholder found in the text.
#[derive(Clone, Debug)]
pub struct Placeholder {
    pub range: TextRange,
    pub kind: PlaceholderKind,
    /// What the slot holds, when the words around it tell.
    pub slot: Option<Slot>,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum PlaceholderKind {
    /// `*`, `X`, `×`, `某某`, `○○`, `□`, `____` and their look-alikes; one
    /// mask for a whole decimal- or date-shaped slot (`xx.x`, `X月X日`).
    Mask,
    /// `【 】` empty or with filling instructions.
    Bracket,
    /// A numeral slot left as white space (`有 家`) or dropped (`达到以上`).
    BlankNumber,
    /// A date line with blanks (`年 月 日`).
    BlankDate,
}

/// Finds the placeholders of the prose view `prose`, except those inside a
/// string of `allow` (the `[placeholder] allow` setting). `cjk_triggers` and
/// `qualifiers`: the hits of [`CJK_TRIGGERS`] and [`QUALIFIERS`] in `prose`
/// as (start, index), sorted (the parser finds them with other words);
/// `times`: where the text (not the prose view) has a `×`, in order.
pub fn find(
    prose: &str,
    allow: &[String],
    cjk_triggers: &[(usize, usize)],
    qualifiers: &[(usize, usize)],
    times: &[usize],
) -> Vec<Placeholder> {
    let mut out = Vec::new();
    let push = |out: &mut Vec<Placeholder>, t: Token| {
        if let Some(f) = classify(prose, t)
            && !allowed(prose, f.range, allow)
        {
            out.push(f);
        }
    };
    scan_tokens(prose, cjk_triggers, times, &mut |t| push(&mut out, t));
    // A number dropped between a target verb and its qualifier: 达到以上, 增长%.
    let before = out.len();
    let suffixes = qualifiers
        .iter()
        .map(|&(p, i)| (p, QUALIFIERS[i].len()))
        .chain(memchr::memchr_iter(b'%', prose.as_bytes()).map(|p| (p, 1)));
    for (p, len) in suffixes {
        // The byte before the hit first: a memcmp per verb and hit cost more.
        let Some(&last) = prose.as_bytes()[..p].last() else { continue };
        if let Some(verb) =
            lexicon::NUMBER_VERBS.iter().find(|v| v.as_bytes().last() == Some(&last) && prose[..p].ends_with(*v))
        {
            push(&mut out, Token { start: p - verb.len(), end: p + len, shape: None });
        }
    }
    if out.len() > before {
        out.sort_by_key(|f| f.range.start);
    }
    out
}

/// The kinds of mask character. Each lists the forms of one mark that a
/// draft typed in Word or WPS, copied from a web page or run through OCR can
/// contain, taken from the Unicode blocks where look-alikes live (Latin-1,
/// General Punctuation, Mathematical Operators, Box Drawing, Geometric
/// Shapes, Dingbats, CJK Compatibility Forms, Small Form Variants,
/// Halfwidth and Fullwidth Forms) rather than added one at a time.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Mark {
    /// `*` and its look-alikes: `＊` (full width), `∗` U+2217 (the asterisk
    /// operator of symbol fonts and equation editors), `﹡` U+FE61 (small
    /// form), `⁎` U+204E (low asterisk), `✱` `✲` `✳` `✻` (dingbats). Not
    /// `★☆` (ratings, bullets) nor `⁂` (a section break).
    Star,
    /// `X` `x` `Ｘ` `ｘ` where a name or number belongs.
    X,
    /// `×` U+00D7 and the crosses used like it: `✕` `✖` (dingbats), `╳`
    /// U+2573 (box drawing, also seen masking digits: `1550╳╳╳╳4567`), `⨯`
    /// U+2A2F. Not the ballot marks `✗` `✘`, which tick off table cells.
    /// Between digits these are multiplication (`210×297`).
    Times,
    /// Blank boxes: `□` U+25A1, `☐` U+2610, `▢` U+25A2, `◻` U+25FB,
    /// `◽` U+25FD, `⬜` U+2B1C, `▯` U+25AF. A single box before a word at
    /// the start of an item is a check box (`☐是 ☐否`).
    Box,
    /// Underscore blanks, two or more: `_` `＿` (full width), `﹍` `﹎` `﹏`
    /// (CJK compatibility low lines), `‗` U+2017, `▁` U+2581 (a fill-in line
    /// drawn with a block element).
    Line,
}

fn mark_of(c: char) -> Option<Mark> {
    match c {
        '*' | '＊' | '∗' | '﹡' | '⁎' | '✱' | '✲' | '✳' | '✻' => Some(Mark::Star),
        'X' | 'x' | 'Ｘ' | 'ｘ' => Some(Mark::X),
        '×' | '✕' | '✖' | '╳' | '⨯' => Some(Mark::Times),
        '□' | '☐' | '▢' | '◻' | '◽' | '⬜' | '▯' => Some(Mark::Box),
        '_' | '＿' | '﹍' | '﹎' | '﹏' | '‗' | '▁' => Some(Mark::Line),
        _ => None,
    }
}

/// Multi-byte characters that can start a placeholder token: the marks
/// above and `○`. `×` (two bytes) is found by the markup scan instead: a
/// needle shorter than three bytes would make the search slow.
///
/// In an order that keeps the punctuation of Chinese text out of the
/// candidates: the packed searcher puts needle `i` into bucket `7 - i % 8`
/// (unless an earlier needle has the same low nibbles), and a bucket flags
/// every byte string that mixes the nibbles of its needles: grouped by mark,
/// two buckets let every `（` and `；` through (`＊` EF BC 8A beside `▢`
/// E2 96 A2 admits `（` EF BC 88). In this order no character of the
/// benchmark drafts is a candidate, and the search takes 3.5 M instructions
/// on the benchmark set instead of 5.0 M.
static TRIGGERS: std::sync::LazyLock<Needles> = std::sync::LazyLock::new(|| {
    Needles::new(&[
        "▁", "ｘ", "✳", "✖", "⬜", "✱", "◻", "▯", "＊", "╳", "✻", "Ｘ", "＿", "‗", "✲", "☐", "﹏", "□", "﹡", "◽",
        "✕", "⁎", "﹎", "﹍", "⨯", "○", "▢", "∗",
    ])
});

/// The other starts: `〇`, `【`, the ideographic space and `某某`, searched
/// by the parser with other words, apart from [`TRIGGERS`]: mixed into that
/// search, the characters that share their first two bytes with 、 and 。
/// (`E3 80`) made every 、 and 。 a candidate and the search three times
/// slower.
pub(crate) const CJK_TRIGGERS: [&str; 4] = ["〇", "【", "\u{3000}", "某某"];

/// The qualifiers after a dropped number (`达到以上`).
pub(crate) const QUALIFIERS: [&str; 3] = ["以上", "左右", "％"];

/// A candidate placeholder: `start..end`, and for a mask in several parts
/// (`xx.x`, `20XX.X.X`, `X月X日`) what the shape of its slot says it holds.
#[derive(Clone, Copy, Debug)]
struct Token {
    start: usize,
    end: usize,
    shape: Option<Slot>,
}

/// Calls `f` for every candidate token in `prose`: runs of one kind of
/// [`Mark`] (crosses with spaces between: `× × ×`), joined into one token
/// where they fill a decimal- or date-shaped slot; `某某`; `○〇` runs; white
/// space; and `【…】` (at most 40 chars inside, one line).
///
/// Candidates are located with SIMD searches (memchr for the ASCII triggers,
/// one aho-corasick pass for the others), which is several times faster than a
/// byte loop or a regex over Chinese text, where these are rare. `cjk` holds
/// the hits of [`CJK_TRIGGERS`] and `times` the `×` of the text (those the
/// prose view blanked are skipped), both found by the caller.
fn scan_tokens(prose: &str, cjk: &[(usize, usize)], times: &[usize], f: &mut impl FnMut(Token)) {
    let b = prose.as_bytes();
    let end = prose.len();
    let mut starts: Vec<usize> = memchr::memchr3_iter(b'*', b'X', b'x', b).collect();
    starts.extend(memchr::memchr2_iter(b'_', b' ', b));
    let mut hits = Vec::new();
    TRIGGERS.find_all(b, &mut hits);
    starts.extend(hits.iter().chain(cjk).map(|&(p, _)| p));
    starts.extend(times.iter().filter(|&&p| b[p] == 0xC3));
    starts.sort_unstable();
    let mut next_free = 0;
    for i in starts {
        if i < next_free {
            continue; // inside the previous token
        }
        let Some(c) = prose[i..end].chars().next() else { break };
        let run = |i: usize, set: &dyn Fn(char) -> bool| run_end(prose, i, end, set);
        let token = match (mark_of(c), c) {
            (Some(mark), _) => {
                let e = mark_run(prose, i, end, mark);
                match shaped_slot(prose, i, e, end, mark, next_free) {
                    Some(t) => Some(t),
                    None if mark == Mark::Line && prose[i..e].chars().count() < 2 => None,
                    None => Some(Token { start: i, end: e, shape: None }),
                }
            }
            (None, '某') => {
                let e = run(i, &|c| c == '某');
                (e - i >= 2 * '某'.len_utf8()).then_some(Token { start: i, end: e, shape: None })
            }
            (None, '○' | '〇') => Some(Token { start: i, end: run(i, &|c| c == '○' || c == '〇'), shape: None }),
            (None, ' ' | '\u{3000}') => {
                Some(Token { start: i, end: run(i, &|c| c == ' ' || c == '\u{3000}'), shape: None })
            }
            (None, '【') => {
                let inner = i + c.len_utf8();
                prose[inner..end]
                    .char_indices()
                    .take(41)
                    .take_while(|&(_, c)| c != '\n' && c != '\r')
                    .find(|&(_, c)| c == '】')
                    .map(|(p, c)| Token { start: i, end: inner + p + c.len_utf8(), shape: None })
            }
            _ => None,
        };
        if let Some(t) = token {
            f(t);
            next_free = t.end;
        }
    }
}

/// The end of the run of chars in `set` that starts at `i`.
fn run_end(prose: &str, i: usize, end: usize, set: &dyn Fn(char) -> bool) -> usize {
    let mut e = i;
    for c in prose[i..end].chars() {
        if !set(c) {
            break;
        }
        e += c.len_utf8();
    }
    e
}

/// The end of the run of `mark` chars at `i`; crosses may have spaces
/// between them (`× × ×`, a masked signature).
fn mark_run(prose: &str, i: usize, end: usize, mark: Mark) -> usize {
    let is_mark = |c: char| mark_of(c) == Some(mark);
    let mut e = run_end(prose, i, end, &is_mark);
    if mark == Mark::Times && e > i {
        loop {
            let spaces = run_end(prose, e, end, &|c| c == ' ' || c == '\u{3000}');
            let more = run_end(prose, spaces, end, &is_mark);
            if spaces == e || more == spaces {
                break;
            }
            e = more;
        }
    }
    e
}

/// Joins the mask run `s..e` with the runs of the same mark that fill the
/// other parts of its slot, and says what the shape holds:
///
/// - parts joined by `.` (`xx.x%`, `X.X亿元`, `*.*%`): a decimal, a number;
///   three parts (`20XX.X.X`) or a first part that is a year (`20XX.X`): a date;
/// - parts joined by `-` (`xxxx-xx-xx`): a date when three or the first
///   looks like a year, else a range of numbers;
/// - parts followed by 年, 月, 日 in that order (`X年X月X日`, `x月xx日`,
///   `□□□□年□□月`): a date, its last unit included.
///
/// Digits right before the first part belong to the slot (`20XX.X.X`). A
/// single run (`X年`, `xx%`) is not a shape.
fn shaped_slot(prose: &str, s: usize, e: usize, end: usize, mark: Mark, floor: usize) -> Option<Token> {
    let lead = prose[floor..s].len() - prose[floor..s].trim_end_matches(|c: char| c.is_ascii_digit()).len();
    let first = lead + prose[s..e].chars().count();
    let century = prose[s - lead..].starts_with("19") || prose[s - lead..].starts_with("20");
    // Western separators, one kind per slot.
    let mut parts = 1;
    let mut sep = None;
    let mut to = e;
    while let Some(c) = char_at(&prose[..end], to) {
        let kind = match c {
            '.' | '．' => '.',
            '-' | '－' => '-',
            _ => break,
        };
        let next = to + c.len_utf8();
        let part_end = mark_run(prose, next, end, mark);
        if part_end == next || sep.is_some_and(|k| k != kind) {
            break;
        }
        sep = Some(kind);
        parts += 1;
        to = part_end;
    }
    if let Some(sep) = sep {
        // A year: `20XX.X`, `xxxx-xx`; but `xxxx.x` is a decimal.
        let year = first == 4 && (century || sep == '-' && lead == 0);
        let slot = if parts >= 3 || year { Slot::Date } else { Slot::Number };
        return Some(Token { start: s - lead, end: to, shape: Some(slot) });
    }
    // Chinese date units in order.
    let mut joined = false;
    while let Some(unit) = char_at(&prose[..end], to) {
        let next_units: &[char] = match unit {
            '年' => &['月'],
            '月' => &['日', '号'],
            _ => break,
        };
        let part = to + unit.len_utf8();
        let part_end = mark_run(prose, part, end, mark);
        if part_end == part || !char_at(&prose[..end], part_end).is_some_and(|u| next_units.contains(&u)) {
            break;
        }
        joined = true;
        to = part_end;
    }
    if joined {
        let last = char_at(prose, to).map_or(0, char::len_utf8);
        return Some(Token { start: s - lead, end: to + last, shape: Some(Slot::Date) });
    }
    None
}

fn allowed(prose: &str, range: TextRange, allow: &[String]) -> bool {
    allow.iter().any(|a| {
        let lo = crate::text::floor_char_boundary(prose, range.start().saturating_sub(a.len()));
        let hi = crate::text::floor_char_boundary(prose, (range.end() + a.len()).min(prose.len()));
        prose[lo..hi].match_indices(a.as_str()).any(|(i, _)| lo + i <= range.start() && range.end() <= lo + i + a.len())
    })
}

/// The nearest char before `at`, looking past inline spaces and filler.
fn prev_visible(s: &str, mut at: usize) -> Option<char> {
    loop {
        let c = char_before(s, at)?;
        if is_inline_space(c) || c == '\0' {
            at -= c.len_utf8();
        } else {
            return Some(c);
        }
    }
}

fn next_visible(s: &str, mut at: usize) -> Option<char> {
    loop {
        let c = char_at(s, at)?;
        if is_inline_space(c) || c == '\0' {
            at += c.len_utf8();
        } else {
            return Some(c);
        }
    }
}

/// What the mask at `s..e` stands for: what the words after it say
/// ([`lexicon::slot_before`]), else what comes before it: `《××》` is a title,
/// `第X`, a digit or a verb such as 达到 asks for a number. `近X年` counts years.
fn slot_of(prose: &str, s: usize, e: usize) -> Option<Slot> {
    let head = &prose[..s];
    match lexicon::slot_before(&prose[e..]) {
        Some(Slot::Date) if prose[e..].starts_with('年') && (head.ends_with('近') || head.ends_with("连续")) => {
            Some(Slot::Number)
        }
        Some(slot) => Some(slot),
        None => match char_before(prose, s) {
            Some('《') => Some(Slot::Name),
            Some(c) if c == '第' || c.is_ascii_digit() => Some(Slot::Number),
            _ if lexicon::NUMBER_VERBS.iter().any(|v| head.ends_with(v)) => Some(Slot::Number),
            _ => None,
        },
    }
}

fn mask(s: usize, e: usize, prose: &str) -> Option<Placeholder> {
    Some(Placeholder { range: TextRange::new(s, e), kind: PlaceholderKind::Mask, slot: slot_of(prose, s, e) })
}

fn classify(prose: &str, t: Token) -> Option<Placeholder> {
    let (s, e) = (t.start, t.end);
    if let Some(slot) = t.shape {
        return classify_shaped(prose, s, e, slot);
    }
    let tok = &prose[s..e];
    let first = tok.chars().next()?;
    let before = char_before(prose, s);
    let after = char_at(prose, e);
    match mark_of(first) {
        Some(Mark::Star) => {
            // 12.7%* : a footnote mark after a number.
            if tok.chars().count() == 1
                && before.is_some_and(|c| c.is_ascii_digit() || c == '%')
                && !after.is_some_and(is_han)
            {
                return None;
            }
            // a*b, 3*4 : ASCII arithmetic or code; *.txt : a file pattern.
            if before.is_some_and(|c| c.is_ascii_alphanumeric()) && after.is_some_and(|c| c.is_ascii_alphanumeric())
                || after == Some('.') && char_at(prose, e + 1).is_some_and(|c| c.is_ascii_alphabetic())
            {
                return None;
            }
            // A bullet at the start of a line; ✳️, an emoji.
            if after.is_some_and(is_inline_space) && at_line_start(prose, s) || after == Some('\u{FE0F}') {
                return None;
            }
            if before.is_none_or(|c| c == '\n' || c == '\r') && after.is_none_or(|c| c == '\n' || c == '\r') {
                return None;
            }
            return mask(s, e, prose);
        }
        Some(Mark::X) => return classify_x(prose, s, e),
        Some(Mark::Times) => {
            if tok.chars().filter(|&c| mark_of(c) == Some(Mark::Times)).count() >= 2 {
                return mask(s, e, prose);
            }
            let p = prev_visible(prose, s);
            let n = next_visible(prose, e);
            let numeric_side = |c: Option<char>| {
                c.is_some_and(|c| {
                    c.is_ascii_alphanumeric()
                        || matches!(c, ')' | '）' | '(' | '（' | '.' | '⁰'..='⁹' | '²' | '³' | '¹')
                })
            };
            if numeric_side(p) && numeric_side(n) {
                return None;
            }
            return mask(s, e, prose);
        }
        Some(Mark::Box) => {
            // A check box: □是 □否, ☐个人 ☐单位; but not a blank before a
            // date or count unit (完成时限：□月).
            if tok.chars().count() == 1
                && (before.is_none_or(|c| is_inline_space(c) || c == '\n' || is_cjk_punct(c) || c == '\0'))
                && after.is_some_and(is_han)
                && !matches!(lexicon::slot_before(&prose[e..]), Some(Slot::Date | Slot::Number))
            {
                return None;
            }
            return mask(s, e, prose);
        }
        Some(Mark::Line) => return mask(s, e, prose),
        None => {}
    }
    match first {
        '某' => mask(s, e, prose),
        '○' | '〇' => {
            let numeral_neighbour =
                |c: Option<char>| c.is_some_and(|c| is_cn_numeral_char(c) && c != '万' && c != '亿' && c != '半');
            if numeral_neighbour(before) || numeral_neighbour(after) {
                return None;
            }
            if tok.chars().count() >= 2 || is_mask_follower(&prose[e..]) && !at_line_start(prose, s) {
                return mask(s, e, prose);
            }
            None
        }
        '【' => {
            let inner = tok.trim_start_matches('【').trim_end_matches('】');
            let inner_trim = inner.trim_matches(|c: char| is_inline_space(c) || c == '\0');
            const INSTRUCTIONS: [&str; 9] =
                ["填写", "填入", "此处", "请输入", "待定", "待补充", "待填", "请补充", "自行"];
            if inner_trim.is_empty() || INSTRUCTIONS.iter().any(|w| inner_trim.contains(w)) {
                return Some(Placeholder { range: TextRange::new(s, e), kind: PlaceholderKind::Bracket, slot: None });
            }
            None
        }
        ' ' | '\u{3000}' => classify_space(prose, s, e),
        _ => {
            // 达到以上 : a verb and its qualifier with the number dropped.
            if before.is_some_and(|c| c.is_ascii_digit() || is_cn_numeral_char(c) && c != '万' && c != '亿') {
                return None;
            }
            Some(Placeholder {
                range: TextRange::new(s, e),
                kind: PlaceholderKind::BlankNumber,
                slot: Some(Slot::Number),
            })
        }
    }
}

/// A mask in a decimal- or date-shaped slot (`xx.x`, `20XX.X.X`, `X月X日`):
/// one finding for the whole slot, unless it is part of a word, a URL or a
/// version number (`www.x.x.com`, `v x.x`).
fn classify_shaped(prose: &str, s: usize, e: usize, slot: Slot) -> Option<Placeholder> {
    let before = char_before(prose, s);
    let after = char_at(prose, e);
    let p = prev_visible(prose, s);
    let n = next_visible(prose, e);
    let latin =
        |c: Option<char>, next_to: Option<char>| c.is_some_and(is_latin_letter) && next_to.is_none_or(|c| !is_cjk(c));
    if latin(p, before) || latin(n, after) {
        return None;
    }
    if before.is_some_and(|c| matches!(c, '.' | '_' | '-' | '/' | '@' | '#' | '&'))
        || after.is_some_and(|c| is_digit(c) || matches!(c, '.' | '_' | '/' | '@' | '&'))
    {
        return None;
    }
    Some(Placeholder { range: TextRange::new(s, e), kind: PlaceholderKind::Mask, slot: Some(slot) })
}

fn at_line_start(prose: &str, s: usize) -> bool {
    let mut at = s;
    loop {
        match char_before(prose, at) {
            None | Some('\n') | Some('\r') => return true,
            Some(c) if is_inline_space(c) || c == '\0' => at -= c.len_utf8(),
            _ => return false,
        }
    }
}

fn classify_x(prose: &str, s: usize, e: usize) -> Option<Placeholder> {
    let tok = &prose[s..e];
    let before = char_before(prose, s);
    let after = char_at(prose, e);
    let p = prev_visible(prose, s);
    let n = next_visible(prose, e);
    // Part of a Latin word, a pinyin syllable (xiāng, xù), a URL, a model number or code.
    if p.is_some_and(is_latin_letter) && before.is_none_or(|c| !is_cjk(c))
        || n.is_some_and(is_latin_letter) && after.is_none_or(|c| !is_cjk(c))
    {
        return None;
    }
    if before.is_some_and(|c| is_latin_letter(c) || matches!(c, '.' | '_' | '-' | '@' | '#' | '&'))
        || after.is_some_and(|c| is_latin_letter(c) || matches!(c, '.' | '_' | '@' | '&'))
    {
        return None;
    }
    // 1+X, 2+X, N+X, X+1.
    if p == Some('+') || n == Some('+') || p == Some('＋') || n == Some('＋') {
        return None;
    }
    // A digit right after the X: a model number or an architecture (X86服务器,
    // X1, X3型, x64), or a product (3x3). A masked number is followed by its
    // unit (X家, X%, 20XX年), never by digits.
    if after.is_some_and(is_digit) {
        return None;
    }
    // Established terms.
    let rest = &prose[e..];
    const TERMS: [&str; 8] = ["射线", "光", "线", "轴", "染色体", "波段", "连锁", "综合征"];
    if tok.chars().count() == 1 && TERMS.iter().any(|t| rest.starts_with(t)) {
        return None;
    }
    let cjkish = |c: Option<char>| c.is_some_and(is_cjk);
    let digit = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit());
    let slash_x = |c: Option<char>| c == Some('/');
    // HAW-4X, A3X: the digits belong to a model number.
    if digit(before) {
        let head = prose[..s].trim_end_matches(|c: char| c.is_ascii_digit());
        if head.ends_with(|c: char| c.is_ascii_alphabetic() || c == '-') {
            return None;
        }
    }
    if cjkish(p) || cjkish(n) || digit(before) || slash_x(before) || slash_x(after) {
        return mask(s, e, prose);
    }
    // A mask alone on its line, in text whose lines were broken at every run
    // (copied out of a PDF): `完成地区生产总值⏎XX⏎亿元`.
    let line_edge = |c: Option<char>| c.is_none_or(|c| c == '\n' || c == '\r');
    if line_edge(p) && line_edge(n) && tok.chars().all(|c| c == 'X' || c == 'Ｘ') {
        let before_line = prose[..s].trim_end_matches(|c: char| c.is_whitespace() || c == '\0').chars().next_back();
        let after_line = prose[e..].trim_start_matches(|c: char| c.is_whitespace() || c == '\0').chars().next();
        if cjkish(before_line) && cjkish(after_line) {
            return mask(s, e, prose);
        }
    }
    None
}

/// Sentence punctuation that can follow a blank slot.
fn is_slot_end(c: char) -> bool {
    matches!(c, '；' | ';' | '，' | ',' | '。' | '、')
}

fn classify_space(prose: &str, s: usize, e: usize) -> Option<Placeholder> {
    let before = char_before(prose, s)?;
    let after = char_at(prose, e)?;
    if at_line_start(prose, s) {
        return None;
    }
    // 年 月 日 in a date line: reported once, from the 年 or 月 before the first gap.
    if matches!(before, '年' | '月') && matches!(after, '月' | '日') {
        let from = s - before.len_utf8();
        if before == '月' {
            let head = prose[..from].trim_end_matches([' ', '\u{3000}']);
            if head.len() < from && head.ends_with('年') {
                return None; // the gap after 年 already covers this one
            }
        }
        let mut to = e + after.len_utf8();
        if after == '月' {
            let tail = &prose[to..];
            let spaces = tail.len() - tail.trim_start_matches([' ', '\u{3000}']).len();
            if spaces > 0 && tail[spaces..].starts_with('日') {
                to += spaces + '日'.len_utf8();
            }
        }
        return Some(Placeholder {
            range: TextRange::new(from, to),
            kind: PlaceholderKind::BlankDate,
            slot: Some(Slot::Date),
        });
    }
    // A gap after a verb that takes a number, before punctuation: `调整至 ；`.
    let verb = lexicon::NUMBER_VERBS.iter().filter(|v| prose[..s].ends_with(*v)).map(|v| v.len()).max();
    if let Some(verb_len) = verb
        && is_slot_end(after)
    {
        let verb_start = s - verb_len;
        return Some(Placeholder {
            range: TextRange::new(verb_start, e),
            kind: PlaceholderKind::BlankNumber,
            slot: Some(Slot::Number),
        });
    }
    // The next slots of a list of blank numbers: `分别达到 亿元、 亿元和 亿元`.
    let listed = before == '、' && {
        let head = &prose[..s - before.len_utf8()];
        head.chars().next_back().is_some_and(|c| lexicon::is_count_suffix(c) || lexicon::is_percent(c))
    };
    if !(is_han(before) || listed) || !counts_after_gap(&prose[e..]) || is_cn_numeral_char(before) {
        return None;
    }
    let from = s - before.len_utf8();
    let to = e + after.len_utf8();
    Some(Placeholder { range: TextRange::new(from, to), kind: PlaceholderKind::BlankNumber, slot: Some(Slot::Number) })
}
