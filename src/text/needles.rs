//! A few short needles searched for in one SIMD pass.
//!
//! The rules look for a handful of short Chinese words (`牵头`, `到`, `力争`,
//! `某某` …) across the whole text. One memmem pass per word is slow on
//! Chinese text, whose UTF-8 bytes defeat memmem's rare-byte heuristics;
//! aho-corasick's packed searcher (Teddy) finds all of them in one pass.

use memchr::memmem::Finder;

/// Needles should be at least three bytes long (one CJK character): the
/// packed searcher fingerprints the first bytes of each needle, and a one- or
/// two-byte needle makes it slower than several memmem passes.
pub(crate) struct Needles {
    imp: Imp,
}

enum Imp {
    Packed(aho_corasick::packed::Searcher),
    /// Fallback where the packed searcher is unavailable (no SIMD).
    Each(Vec<Finder<'static>>),
}

impl Needles {
    pub(crate) fn new(patterns: &[&str]) -> Needles {
        debug_assert!(patterns.iter().all(|p| p.len() >= 3), "short needle in {patterns:?}");
        let imp = match aho_corasick::packed::Searcher::new(patterns.iter().copied()) {
            Some(searcher) => Imp::Packed(searcher),
            None => Imp::Each(patterns.iter().map(|p| Finder::new(p.as_bytes()).into_owned()).collect()),
        };
        Needles { imp }
    }

    /// Appends `(start, pattern index)` of every match in `haystack`, sorted by
    /// start. Matches of one pattern do not overlap; where two patterns
    /// overlap, which is reported may differ between implementations.
    pub(crate) fn find_all(&self, haystack: &[u8], out: &mut Vec<(usize, usize)>) {
        let from = out.len();
        match &self.imp {
            Imp::Packed(searcher) => {
                out.extend(searcher.find_iter(haystack).map(|m| (m.start(), m.pattern().as_usize())));
            }
            Imp::Each(finders) => {
                for (i, f) in finders.iter().enumerate() {
                    out.extend(f.find_iter(haystack).map(|p| (p, i)));
                }
                out[from..].sort_unstable();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_every_needle_in_order() {
        let n = Needles::new(&["牵头", "牽頭", "某某"]);
        let text = "由某某局牵头，某某某配合；牽頭";
        let mut hits = Vec::new();
        n.find_all(text.as_bytes(), &mut hits);
        let found: Vec<(&str, usize)> = hits.iter().map(|&(p, i)| (&text[p..p + 6], i)).collect();
        assert_eq!(found, [("某某", 2), ("牵头", 0), ("某某", 2), ("牽頭", 1)]);
        let each = Needles {
            imp: Imp::Each(["牵头", "牽頭", "某某"].map(|p| Finder::new(p.as_bytes()).into_owned()).to_vec()),
        };
        let mut slow = Vec::new();
        each.find_all(text.as_bytes(), &mut slow);
        assert_eq!(slow, hits);
    }
}
