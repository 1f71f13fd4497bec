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

/// Bit `cp` is set when code point `cp` has a simplified form. It spans the
/// whole Basic Multilingual Plane (8 KB), so that a three-byte sequence
/// indexes it without a range check: `first_traditional` runs per character.
static TRADITIONAL: [u64; 1024] = {
    let mut bits = [0u64; 1024];
    let mut i = 0;
    while i < PAIRS.len() {
        let cp = PAIRS[i].0 as usize;
        bits[cp / 64] |= 1 << (cp % 64);
        i += 1;
    }
    bits
};

fn is_traditional_cp(cp: u32) -> bool {
    cp < 0x10000 && TRADITIONAL[(cp / 64) as usize] & (1 << (cp % 64)) != 0
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

/// Byte offset of the first traditional character in `s`, if any. Chinese
/// text is mostly runs of three-byte characters; the inner loop walks such a
/// run without re-deciding each character's width.
fn first_traditional(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let n = b.len();
    let mut i = 0;
    while i < n {
        // U+3400..U+9FFF have lead bytes E3..E9. Read as whole three-byte
        // chunks, which spares the index checks of each byte.
        for &[lead, mid, last] in b[i..].as_chunks::<3>().0 {
            if !(0xE3..=0xE9).contains(&lead) {
                break;
            }
            // The code point's bits 6..16 pick the table word, bits 0..6 the bit.
            let word = ((lead as usize & 0x0F) << 6) | (mid as usize & 0x3F);
            if TRADITIONAL[word] & (1 << (last & 0x3F)) != 0 {
                return Some(i);
            }
            i += 3;
        }
        if i >= n {
            break;
        }
        i += match b[i] {
            0x00..=0x7F => 1,
            0x80..=0xDF => 2,
            0xE0..=0xEF => 3,
            _ => 4,
        };
    }
    None
}

/// How much of a draft's opening decides whether it is in traditional script.
const OPENING: usize = 2048;

/// [`fold`] for a whole draft, decided by its opening: mirror sites convert
/// whole pages, so a draft in traditional script shows it in its title and
/// first lines, and a simplified draft (nearly every draft) is not scanned
/// character by character to its end. A traditional clause quoted in a
/// simplified draft is still read: the label matcher folds the few
/// characters before each colon itself.
pub fn fold_draft(s: &str) -> Cow<'_, str> {
    let opening = &s[..super::floor_char_boundary(s, OPENING)];
    if first_traditional(opening).is_none() {
        return Cow::Borrowed(s);
    }
    fold(s)
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
        assert_eq!(fold_draft("二、重點任務（牽頭單位：市科技局）"), "二、重点任务（牵头单位：市科技局）");
        let late = format!("{}（牽頭單位：市科技局）", "一、主要任务。".repeat(200));
        assert!(matches!(fold_draft(&late), Cow::Borrowed(_)), "decided by the opening");
        assert!(!has_traditional("二、主要任务。𠮷😀"));
        assert_eq!(fold_char('a'), 'a');
    }

    #[test]
    fn table_is_sorted_and_length_preserving() {
        assert!(PAIRS.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(PAIRS.iter().all(|&(t, s)| t.len_utf8() == 3 && s.len_utf8() == 3 && t != s));
        // `first_traditional` looks only at characters with lead bytes E3..E9.
        assert!(PAIRS.iter().all(|&(t, _)| (0x3400..0xA000).contains(&(t as u32))));
    }
}
