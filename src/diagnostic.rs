//! The output data model: diagnostics, severities and fixes. Plain values,
//! deliberately not `Serialize`: each shell defines its own wire format.

use crate::rules::Rule;
use crate::text::TextRange;
use std::borrow::Cow;

/// How serious a finding is. Ordered from most to least severe.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub enum Severity {
    Error,
    Warning,
    Info,
    Hint,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
            Severity::Hint => "hint",
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        Some(match s {
            "error" => Severity::Error,
            "warning" | "warn" => Severity::Warning,
            "info" => Severity::Info,
            "hint" => Severity::Hint,
            _ => return None,
        })
    }

    /// One step milder (`Hint` stays `Hint`).
    pub fn milder(self) -> Severity {
        match self {
            Severity::Error => Severity::Warning,
            Severity::Warning => Severity::Info,
            Severity::Info | Severity::Hint => Severity::Hint,
        }
    }
}

/// One finding of one rule.
#[derive(Clone, Debug)]
pub struct Diagnostic {
    pub rule: &'static Rule,
    pub range: TextRange,
    pub severity: Severity,
    /// Shared: a draft full of one kind of damage repeats the same message
    /// thousands of times, and the analysis keeps one copy of each.
    pub message: std::sync::Arc<str>,
    /// Boxed: most findings of a draft full of them have none, and a
    /// finding stays small (48 bytes).
    pub fix: Option<Box<Fix>>,
}

/// How safe it is to apply a fix without looking.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Applicability {
    /// Meaning is unchanged; may be applied automatically.
    Safe,
    /// Probably right but may change meaning or leave a blank to fill in.
    Unsafe,
    /// A suggestion to show, never to apply automatically.
    DisplayOnly,
}

/// One text replacement.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Edit {
    pub range: TextRange,
    /// Borrowed when the text is fixed (a mark, a word): a fix with thousands
    /// of edits, such as converting a draft's punctuation, allocates nothing per edit.
    pub replacement: Cow<'static, str>,
}

impl Edit {
    pub fn insert(at: usize, text: impl Into<Cow<'static, str>>) -> Edit {
        Edit { range: TextRange::empty(at), replacement: text.into() }
    }

    pub fn replace(range: TextRange, text: impl Into<Cow<'static, str>>) -> Edit {
        Edit { range, replacement: text.into() }
    }
}

/// A fix: a title saying what it does and non-overlapping, sorted edits.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Fix {
    /// Most titles are fixed phrases (`删除该行`), borrowed rather than copied per finding.
    pub title: Cow<'static, str>,
    pub edits: Vec<Edit>,
    pub applicability: Applicability,
}

/// Applies the edits of `fixes` to `text`. Fixes are taken in the order of
/// their first edit; one with an edit that overlaps an edit already taken
/// (or starts where it starts), or that is out of range or off a char
/// boundary, is skipped whole. Edits of different fixes may interleave: a
/// fix that renumbers several headings leaves room for the fixes between
/// them. Returns the new text and the number of fixes applied.
pub fn apply_fixes<'f>(text: &str, fixes: impl IntoIterator<Item = &'f Fix>) -> (String, usize) {
    let (out, applied) = apply_fixes_which(text, fixes);
    (out, applied.len())
}

/// [`apply_fixes`], returning the positions (in `fixes`) of the fixes applied.
pub(crate) fn apply_fixes_which<'f>(text: &str, fixes: impl IntoIterator<Item = &'f Fix>) -> (String, Vec<usize>) {
    let mut fixes: Vec<(usize, &Fix)> = fixes.into_iter().enumerate().filter(|(_, f)| !f.edits.is_empty()).collect();
    fixes.sort_by_key(|(_, f)| f.edits[0].range.start);
    let clash = |a: &Edit, b: &Edit| {
        a.range.start == b.range.start || a.range.start < b.range.end && b.range.start < a.range.end
    };
    // Edits taken so far, sorted by start and pairwise apart.
    let mut taken: Vec<&Edit> = Vec::new();
    let mut applied = Vec::new();
    for (i, fix) in fixes {
        let valid = fix.edits.iter().all(|e| {
            e.range.start <= e.range.end
                && text.is_char_boundary(e.range.start())
                && text.is_char_boundary(e.range.end())
        }) && fix.edits.windows(2).all(|w| w[0].range.end <= w[1].range.start);
        let free = fix.edits.iter().all(|e| {
            let i = taken.partition_point(|t| t.range.start < e.range.start);
            !(i > 0 && clash(taken[i - 1], e) || i < taken.len() && clash(taken[i], e))
        });
        if valid && free {
            for e in &fix.edits {
                // After any edit of this fix that starts at the same place (an insertion before a replacement).
                let i = taken.partition_point(|t| t.range.start <= e.range.start);
                taken.insert(i, e);
            }
            applied.push(i);
        }
    }
    let mut out = String::with_capacity(text.len());
    let mut cursor = 0usize;
    for e in taken {
        out.push_str(&text[cursor..e.range.start()]);
        out.push_str(&e.replacement);
        cursor = e.range.end();
    }
    out.push_str(&text[cursor..]);
    applied.sort_unstable();
    (out, applied)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fix(edits: &[(usize, usize, &str)]) -> Fix {
        Fix {
            title: Cow::Borrowed(""),
            edits: edits.iter().map(|&(a, b, r)| Edit::replace(TextRange::new(a, b), r.to_string())).collect(),
            applicability: Applicability::Safe,
        }
    }

    #[test]
    fn fixes_interleave_unless_they_overlap() {
        let text = "a1 b2 c3 d4";
        // Renumbers b and d; the fix of c sits between its edits.
        let outer = fix(&[(4, 5, "X"), (10, 11, "Y")]);
        let inner = fix(&[(7, 8, "Z")]);
        assert_eq!(apply_fixes(text, [&inner, &outer]), ("a1 bX cZ dY".to_string(), 2));
        // One that overlaps an edit taken before it is skipped whole.
        let clashing = fix(&[(7, 8, "Q"), (10, 11, "W")]);
        assert_eq!(apply_fixes(text, [&outer, &clashing]), ("a1 bX c3 dY".to_string(), 1));
        // Two insertions at one place: the first wins.
        let (one, two) = (fix(&[(2, 2, "!")]), fix(&[(2, 2, "?")]));
        assert_eq!(apply_fixes(text, [&one, &two]), ("a1! b2 c3 d4".to_string(), 1));
        // Out of range or inside a character: skipped.
        assert_eq!(apply_fixes("一二", [&fix(&[(1, 2, "x")]), &fix(&[(9, 9, "x")])]), ("一二".to_string(), 0));
    }
}
