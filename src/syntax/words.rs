//! Words that rules read anywhere in the prose, found by the parser's packed
//! search of the folded view with the clause verbs and target openers
//! (`syntax::word_hits`): every pass over the text costs.
//!
//! - **Enumeration words** opening a clause: `一是`, `二要`, `第三，`, inside
//!   a paragraph or at its start (where, in a plan, the outline also reads
//!   one as a heading). Not inside a word (`统一是`, `之一是`, `统一要求`,
//!   `三要素`), not an ordinal (`第一批`, `全省第一，`, `第二、三季度`), not
//!   in a quotation or a title (`“…”`, `《…》`).
//! - **Anchors of dated formulations**: `十` (`十九大`, `十九届`, `十四五`),
//!   `小康`, `为指导`, `四个` and `两个维` (`四个意识`, `两个维护`). A rule
//!   reads the phrase around each.

use crate::syntax::markup::Line;
use crate::syntax::numerals::{cn_ordinal, parse_cn_ordinal};
use crate::text::{TextRange, char_at, char_before, is_han};

/// The characters that end (是, 要) or start (第) an enumeration word.
pub(crate) const ENUMERATION_CHARS: [&str; 3] = ["是", "要", "第"];

/// Pieces of the formulations that date a draft (see the module doc).
pub const DATED_ANCHORS: [&str; 5] = ["十", "小康", "为指导", "四个", "两个维"];

/// How an enumeration word is written.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum EnumForm {
    /// `一是`
    Shi,
    /// `一要`
    Yao,
    /// `第一，`
    Di,
}

impl EnumForm {
    /// The word for number `n`: `三是`, `三要`, `第三`.
    pub fn word(self, n: u32) -> String {
        match self {
            EnumForm::Shi => format!("{}是", cn_ordinal(n)),
            EnumForm::Yao => format!("{}要", cn_ordinal(n)),
            EnumForm::Di => format!("第{}", cn_ordinal(n)),
        }
    }
}

/// One enumeration word.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Enumerator {
    /// The word, `三是` or `第三` (without its comma).
    pub range: TextRange,
    pub number: u32,
    pub form: EnumForm,
}

/// Numbers beyond this are not enumerations.
const MAX_NUMBER: u32 = 20;

/// The enumeration words among `hits` ((start, index in
/// [`ENUMERATION_CHARS`]), sorted by start) of `folded`, in order.
pub(crate) fn enumerators(folded: &str, lines: &[Line], hits: &[(usize, usize)]) -> Vec<Enumerator> {
    let mut out = Vec::new();
    let mut quotes = QuoteState::default();
    let mut line = 0;
    for &(at, k) in hits {
        let item = match k {
            0 => numeral_word(folded, at, EnumForm::Shi),
            1 => numeral_word(folded, at, EnumForm::Yao),
            _ => ordinal_word(folded, at),
        };
        let Some(item) = item else { continue };
        let start = item.range.start();
        if lines.get(line).is_none_or(|l| l.range.end() < start) {
            line = crate::syntax::responsibility::line_containing(lines, start).unwrap_or(0);
            quotes = QuoteState { at: lines.get(line).map_or(start, |l| l.range.start()), depth: 0 };
        }
        if !quotes.advance(folded, start) {
            out.push(item);
        }
    }
    out
}

/// `一是`, `二要` whose 是 or 要 is at `at`: a numeral opening a clause.
fn numeral_word(folded: &str, at: usize, form: EnumForm) -> Option<Enumerator> {
    // Most 是 and 要 follow no numeral: decide on the char before first.
    let mut start = at;
    while let Some(c) = char_before(folded, start).filter(|&c| is_ordinal_char(c)) {
        start -= c.len_utf8();
    }
    if start == at || !opens_clause(folded, start) {
        return None;
    }
    let (number, len) = parse_cn_ordinal(&folded[start..at])?;
    if start + len != at || number > MAX_NUMBER {
        return None;
    }
    let end = at + 3;
    let next = char_at(folded, end)?;
    let word_goes_on = match form {
        // 是非, 是否; 一是一，二是二.
        EnumForm::Shi => matches!(next, '非' | '否') || folded[end..].starts_with(&folded[start..at]),
        // 要素, 要求, 要件, 要点 …
        EnumForm::Yao => {
            matches!(next, '素' | '求' | '件' | '点' | '领' | '害' | '务' | '事' | '闻' | '塞' | '冲' | '道' | '员')
        }
        EnumForm::Di => false,
    };
    (!word_goes_on).then_some(Enumerator { range: TextRange::new(start, end), number, form })
}

/// `第一，` `第二、` `第三：` whose 第 is at `at`, opening a clause.
fn ordinal_word(folded: &str, at: usize) -> Option<Enumerator> {
    if !opens_clause(folded, at) {
        return None;
    }
    let rest = &folded[at + 3..];
    let (number, len) = parse_cn_ordinal(rest)?;
    let after = &rest[len..];
    if number > MAX_NUMBER || !after.starts_with(['，', '、', '：', ',', ':']) {
        return None;
    }
    // 第二、三季度: two ordinals, not an enumeration.
    let mut chars = after.chars();
    chars.next();
    if chars.next().is_some_and(is_ordinal_char) {
        return None;
    }
    Some(Enumerator { range: TextRange::new(at, at + 3 + len), number, form: EnumForm::Di })
}

fn is_ordinal_char(c: char) -> bool {
    matches!(c, '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十')
}

/// Whether a word at `at` opens a clause: nothing, or no ideograph, before it.
fn opens_clause(folded: &str, at: usize) -> bool {
    char_before(folded, at).is_none_or(|c| !is_han(c))
}

/// Whether a position of a line is inside a quotation or a title, followed
/// forward from the line start.
#[derive(Default)]
struct QuoteState {
    at: usize,
    depth: i32,
}

impl QuoteState {
    /// Moves to `to` and says whether it is quoted.
    fn advance(&mut self, folded: &str, to: usize) -> bool {
        if to > self.at {
            for c in folded[self.at..to].chars() {
                match c {
                    '“' | '‘' | '「' | '『' | '《' | '〈' => self.depth += 1,
                    '”' | '’' | '」' | '』' | '》' | '〉' => self.depth = (self.depth - 1).max(0),
                    _ => {}
                }
            }
            self.at = to;
        }
        self.depth > 0
    }
}
