//! Traditional → simplified folding, for matching words in either script.
//!
//! Drafts copied from mirror sites come in traditional characters (`重點任務`,
//! `牽頭單位`, `目標要求`). Every word the parser looks for is written once,
//! in simplified characters, and matched against a *folded view* of the text:
//! the same bytes with each traditional character replaced by its simplified
//! form. Every mapped pair is a three-byte character on both sides, so the
//! folded view has exactly the byte length of the original and a range found
//! in it is a range of the original (the same invariant as the prose view).
//!
//! The character table ([`super::t2s`]) is generated; see that file.

use std::borrow::Cow;

use super::t2s::PAIRS;

/// First code point covered by the membership bitset.
const BASE: u32 = 0x3400;
/// One past the last code point covered.
const LIMIT: u32 = 0xA000;
const WORDS: usize = ((LIMIT - BASE) / 64) as usize;

/// Bit `cp - BASE` is set when code point `cp` has a simplified form.
static TRADITIONAL: [u64; WORDS] = {
    let mut bits = [0u64; WORDS];
    let mut i = 0;
    while i < PAIRS.len() {
        let cp = PAIRS[i].0 as u32;
        if cp >= BASE && cp < LIMIT {
            let k = (cp - BASE) as usize;
            bits[k / 64] |= 1 << (k % 64);
        }
        i += 1;
    }
    bits
};

fn is_traditional_cp(cp: u32) -> bool {
    (BASE..LIMIT).contains(&cp) && {
        let k = (cp - BASE) as usize;
        TRADITIONAL[k / 64] & (1 << (k % 64)) != 0
    }
}

/// The simplified form of `c`, or `c` itself.
pub fn fold_char(c: char) -> char {
    if !is_traditional_cp(c as u32) {
        return c;
    }
    match PAIRS.binary_search_by_key(&c, |&(t, _)| t) {
        Ok(i) => PAIRS[i].1,
        Err(_) => c,
    }
}

/// Decodes the three-byte UTF-8 sequence starting at `b[i]` (lead byte 0xE3..=0xE9).
#[inline]
fn decode3(b: &[u8], i: usize) -> u32 {
    ((b[i] as u32 & 0x0F) << 12) | ((b[i + 1] as u32 & 0x3F) << 6) | (b[i + 2] as u32 & 0x3F)
}

/// Byte offset of the first traditional character in `s`, if any.
fn first_traditional(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let lead = b[i];
        if lead < 0x80 {
            i += 1;
        } else if lead < 0xE0 {
            i += 2;
        } else if lead < 0xF0 {
            // U+3400..U+9FFF have lead bytes E3..E9.
            if (0xE3..=0xE9).contains(&lead) && is_traditional_cp(decode3(b, i)) {
                return Some(i);
            }
            i += 3;
        } else {
            i += 4;
        }
    }
    None
}

/// `s` with traditional characters folded to simplified: borrowed when it has
/// none. The result has exactly the byte length of `s`.
pub fn fold(s: &str) -> Cow<'_, str> {
    let Some(first) = first_traditional(s) else { return Cow::Borrowed(s) };
    let mut out = String::with_capacity(s.len());
    out.push_str(&s[..first]);
    for c in s[first..].chars() {
        out.push(fold_char(c));
    }
    debug_assert_eq!(out.len(), s.len());
    Cow::Owned(out)
}

/// Whether `s` contains a traditional character.
pub fn has_traditional(s: &str) -> bool {
    first_traditional(s).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_words_of_the_genre_and_keeps_lengths() {
        for (t, s) in [
            ("二、重點任務", "二、重点任务"),
            (
                "（牽頭單位：市發展改革委；責任單位：各縣（市、區）政府）",
                "（牵头单位：市发展改革委；责任单位：各县（市、区）政府）",
            ),
            ("一、目標要求", "一、目标要求"),
            ("達到", "达到"),
            ("提升至85%，增長6%以上", "提升至85%，增长6%以上"),
        ] {
            assert_eq!(fold(t), s);
            assert_eq!(fold(t).len(), t.len());
        }
        assert!(matches!(fold("二、重点任务 plain ascii"), Cow::Borrowed(_)));
        assert!(!has_traditional("二、主要任务。𠮷😀"));
        assert_eq!(fold_char('a'), 'a');
    }

    #[test]
    fn table_is_sorted_and_length_preserving() {
        assert!(PAIRS.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(PAIRS.iter().all(|&(t, s)| t.len_utf8() == 3 && s.len_utf8() == 3 && t != s));
        assert!(PAIRS.iter().all(|&(t, _)| (BASE..LIMIT).contains(&(t as u32))));
    }
}
