//! Pure text utilities: byte ranges, character classes and position maths.
//!
//! Everything in the core speaks byte offsets into the analysed `&str`; the
//! only conversions to lines and columns live in [`line_index`].

pub mod fold;
pub mod line_index;
pub(crate) mod needles;
#[rustfmt::skip] // generated: tests/it/t2s.rs writes it
mod t2s;

pub use line_index::{LineCol, LineIndex};

/// A half-open byte range `start..end` into the analysed text.
///
/// Both ends always fall on char boundaries of the text it was made from.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Default)]
pub struct TextRange {
    pub start: u32,
    pub end: u32,
}

impl TextRange {
    pub fn new(start: usize, end: usize) -> TextRange {
        debug_assert!(start <= end);
        TextRange { start: start as u32, end: end.max(start) as u32 }
    }

    pub fn empty(at: usize) -> TextRange {
        TextRange::new(at, at)
    }

    pub fn start(self) -> usize {
        self.start as usize
    }

    pub fn end(self) -> usize {
        self.end as usize
    }

    pub fn len(self) -> usize {
        (self.end - self.start) as usize
    }

    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    pub fn contains(self, offset: usize) -> bool {
        self.start() <= offset && offset < self.end()
    }

    pub fn contains_range(self, other: TextRange) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    pub fn intersects(self, other: TextRange) -> bool {
        self.start < other.end && other.start < self.end
            || (self.is_empty() || other.is_empty()) && self.start <= other.end && other.start <= self.end
    }

    pub fn as_range(self) -> std::ops::Range<usize> {
        self.start()..self.end()
    }
}

/// Floors `offset` to the nearest char boundary at or before it, clamped to `text.len()`.
pub fn floor_char_boundary(text: &str, offset: usize) -> usize {
    let mut i = offset.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// A CJK unified ideograph (basic block, extensions A–H and compatibility ideographs).
pub fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x4E00..=0x9FFF | 0x3400..=0x4DBF | 0x20000..=0x2A6DF | 0x2A700..=0x2EE5F
        | 0x30000..=0x323AF | 0xF900..=0xFAFF | 0x2F800..=0x2FA1F)
}

/// Whether byte `b` leads the UTF-8 of a character in U+4000..=U+9FFF (lead
/// bytes E4 to E9, three bytes each): most ideographs of a draft, and never
/// ASCII, punctuation or a bracket, so a scan looking for those steps over
/// such a character by its first byte, without decoding it.
pub(crate) fn is_ideograph_lead(b: u8) -> bool {
    (0xE4..=0xE9).contains(&b)
}

/// CJK punctuation and full-width forms (、。，：；（）【】“”《》 …), which
/// bind to Chinese text as tightly as ideographs do.
pub fn is_cjk_punct(c: char) -> bool {
    matches!(c as u32, 0x3000..=0x303F | 0xFF00..=0xFF0F | 0xFF1A..=0xFF20 | 0xFF3B..=0xFF40
        | 0xFF5B..=0xFF65 | 0x2014 | 0x2018..=0x201D | 0x2026)
}

/// Chinese text: an ideograph or CJK punctuation.
pub fn is_cjk(c: char) -> bool {
    is_han(c) || is_cjk_punct(c)
}

/// A letter of the Latin script, with or without diacritics (a, é, ā, ǚ,
/// ɑ): English words, pinyin with tone marks. Not the signs × and ÷ that
/// share the Latin-1 block.
pub fn is_latin_letter(c: char) -> bool {
    c.is_ascii_alphabetic() || matches!(c as u32, 0xC0..=0x24F | 0x250..=0x2AF | 0x1E00..=0x1EFF) && c.is_alphabetic()
}

/// Half-width or full-width white space that may appear inside a line.
pub fn is_inline_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{3000}' | '\u{a0}')
}

/// ASCII digit or full-width digit.
pub fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// Value of an ASCII or full-width digit.
pub fn digit_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

/// The char that starts at `offset`, if any.
pub fn char_at(text: &str, offset: usize) -> Option<char> {
    text.get(offset..).and_then(|s| s.chars().next())
}

/// The char that ends at `offset`, if any.
pub fn char_before(text: &str, offset: usize) -> Option<char> {
    text.get(..offset).and_then(|s| s.chars().next_back())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floor_never_splits_a_char() {
        let s = "一a👍";
        for i in 0..=s.len() + 3 {
            let f = floor_char_boundary(s, i);
            assert!(s.is_char_boundary(f));
            assert!(f <= i.min(s.len()));
        }
    }

    #[test]
    fn classes() {
        assert!(is_han('中') && is_han('𠮷') && !is_han('a') && !is_han('，'));
        assert!(is_cjk_punct('，') && is_cjk_punct('（') && is_cjk_punct('。') && !is_cjk_punct('%'));
        assert_eq!(digit_value('７'), Some(7));
        assert!(is_latin_letter('x') && is_latin_letter('ā') && is_latin_letter('ù') && is_latin_letter('ǚ'));
        assert!(!is_latin_letter('×') && !is_latin_letter('÷') && !is_latin_letter('中') && !is_latin_letter('Ｘ'));
    }
}
