//! The output data model: diagnostics, severities and fixes. Plain values,
//! deliberately not `Serialize`: each shell defines its own wire format.

use crate::rules::Rule;
use crate::text::TextRange;

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
    pub message: String,
    pub fix: Option<Fix>,
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
    pub replacement: String,
}

impl Edit {
    pub fn insert(at: usize, text: impl Into<String>) -> Edit {
        Edit { range: TextRange::empty(at), replacement: text.into() }
    }

    pub fn replace(range: TextRange, text: impl Into<String>) -> Edit {
        Edit { range, replacement: text.into() }
    }
}

/// A fix: a title saying what it does and non-overlapping, sorted edits.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Fix {
    pub title: String,
    pub edits: Vec<Edit>,
    pub applicability: Applicability,
}

/// Applies the edits of `fixes` to `text`, skipping any fix that overlaps one
/// already applied. Returns the new text and the number of fixes applied.
pub fn apply_fixes<'f>(text: &str, fixes: impl IntoIterator<Item = &'f Fix>) -> (String, usize) {
    let mut fixes: Vec<&Fix> = fixes.into_iter().filter(|f| !f.edits.is_empty()).collect();
    fixes.sort_by_key(|f| f.edits[0].range.start);
    let mut out = String::with_capacity(text.len());
    let mut cursor = 0usize;
    let mut applied = 0;
    for fix in fixes {
        if fix.edits[0].range.start() < cursor {
            continue;
        }
        for edit in &fix.edits {
            let start = edit.range.start().min(text.len());
            let end = edit.range.end().min(text.len());
            if start < cursor || !text.is_char_boundary(start) || !text.is_char_boundary(end) {
                break;
            }
            out.push_str(&text[cursor..start]);
            out.push_str(&edit.replacement);
            cursor = end;
        }
        applied += 1;
    }
    out.push_str(&text[cursor..]);
    (out, applied)
}
