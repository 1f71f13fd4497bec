//! Fixing a whole document: the loop behind `planlint check --fix`, the
//! server's `source.fixAll.planlint` action and its document formatting.
//!
//! One pass analyses the text and applies every fix it may (safe ones, and
//! unsafe ones when asked) that does not overlap one taken before it
//! ([`crate::apply_fixes`]). A fix can make room for another or reveal a new
//! finding, so passes repeat until one applies nothing, at most
//! [`MAX_PASSES`] times. Fixes keep the text's line endings: a replacement
//! written with `\n` gets `\r\n` in a CRLF file.

use crate::config::Config;
use crate::diagnostic::{Applicability, Diagnostic, Fix};
use crate::rules::Rule;
use crate::syntax::SourceKind;

/// Passes after which [`fix_all`] gives up (its result says it did not converge).
pub const MAX_PASSES: usize = 16;

/// Which fixes [`fix_all`] applies.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum FixMode {
    /// Only fixes that cannot change meaning.
    Safe,
    /// Safe and unsafe fixes (never display-only ones).
    Unsafe,
}

impl FixMode {
    fn takes(self, a: Applicability) -> bool {
        match a {
            Applicability::Safe => true,
            Applicability::Unsafe => self == FixMode::Unsafe,
            Applicability::DisplayOnly => false,
        }
    }
}

/// What [`fix_all`] did.
#[derive(Debug)]
pub struct FixResult {
    /// The fixed text (the input when nothing was fixed).
    pub text: String,
    /// Fixes applied per rule, sorted by code.
    pub fixed: Vec<(&'static Rule, usize)>,
    /// The findings of the fixed text.
    pub remaining: Vec<Diagnostic>,
    /// False when the last pass still applied fixes (a fix that undoes
    /// another, or more rounds than [`MAX_PASSES`]).
    pub converged: bool,
}

impl FixResult {
    /// Total number of fixes applied.
    pub fn count(&self) -> usize {
        self.fixed.iter().map(|(_, n)| n).sum()
    }

    pub fn changed(&self) -> bool {
        self.count() > 0
    }
}

/// Applies the fixes of `mode` to `text` until none is left. Never panics.
pub fn fix_all(text: &str, kind: SourceKind, config: &Config, mode: FixMode) -> FixResult {
    let crlf = uses_crlf(text);
    let mut current = text.to_string();
    let mut fixed: Vec<(&'static Rule, usize)> = Vec::new();
    for _ in 0..MAX_PASSES {
        let analysis = crate::analyze(&current, kind, config);
        let candidates: Vec<(&'static Rule, Fix)> = analysis
            .diagnostics
            .iter()
            .filter_map(|d| d.fix.as_ref().filter(|f| mode.takes(f.applicability)).map(|f| (d.rule, f)))
            .map(|(rule, f)| (rule, if crlf { with_crlf(f) } else { Fix::clone(f) }))
            .collect();
        let (next, applied) = crate::diagnostic::apply_fixes_which(&current, candidates.iter().map(|(_, f)| f));
        if applied.is_empty() {
            let remaining = analysis.diagnostics;
            return FixResult { text: current, fixed, remaining, converged: true };
        }
        for i in applied {
            let rule = candidates[i].0;
            match fixed.iter_mut().find(|(r, _)| r.code == rule.code) {
                Some((_, n)) => *n += 1,
                None => fixed.push((rule, 1)),
            }
        }
        fixed.sort_by_key(|(r, _)| r.code);
        drop(analysis);
        current = next;
    }
    let remaining = crate::analyze(&current, kind, config).diagnostics;
    FixResult { text: current, fixed, remaining, converged: false }
}

/// Whether the text's first line break is `\r\n`.
fn uses_crlf(text: &str) -> bool {
    memchr::memchr(b'\n', text.as_bytes()).is_some_and(|i| i > 0 && text.as_bytes()[i - 1] == b'\r')
}

/// The fix with every bare `\n` of its replacements written as `\r\n`.
fn with_crlf(fix: &Fix) -> Fix {
    let mut fix = fix.clone();
    for e in &mut fix.edits {
        if e.replacement.contains('\n') {
            let mut s = String::with_capacity(e.replacement.len() + 4);
            let mut prev = '\0';
            for c in e.replacement.chars() {
                if c == '\n' && prev != '\r' {
                    s.push('\r');
                }
                s.push(c);
                prev = c;
            }
            e.replacement = s.into();
        }
    }
    fix
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbering_draft(sep: &str) -> String {
        ["一、总体要求", "（一）指导思想", "（三）基本原则", "二、主要任务", "1、建设平台。", "3、培育企业。", ""]
            .join(sep)
    }

    #[test]
    fn fixes_until_nothing_is_left_and_keeps_crlf() {
        let config = Config::default();
        for sep in ["\n", "\r\n"] {
            let text = numbering_draft(sep);
            // Safe: only the standard form of a number; renumbering is unsafe (a gap may be a lost item).
            let safe = fix_all(&text, SourceKind::PlainText, &config, FixMode::Safe);
            assert!(safe.converged);
            assert_eq!(safe.count(), 1, "{}", safe.text);
            assert!(safe.text.contains("1.建设平台") && safe.text.contains("（三）基本原则"), "{}", safe.text);
            let all = fix_all(&text, SourceKind::PlainText, &config, FixMode::Unsafe);
            assert!(all.converged);
            for fixed in ["（二）基本原则", "1.建设平台", "2.培育企业"] {
                assert!(all.text.contains(fixed), "{fixed}: {}", all.text);
            }
            for r in [&safe, &all] {
                assert_eq!(r.text.matches(sep).count(), text.matches(sep).count());
                if sep == "\n" {
                    assert!(!r.text.contains('\r'));
                }
            }
            assert!(all.remaining.iter().all(|d| d.rule.name != "numbering"), "{:?}", all.remaining);
            // A second run changes nothing.
            for (r, mode) in [(&safe, FixMode::Safe), (&all, FixMode::Unsafe)] {
                let again = fix_all(&r.text, SourceKind::PlainText, &config, mode);
                assert_eq!(again.text, r.text);
                assert!(!again.changed());
            }
        }
    }

    #[test]
    fn clean_text_is_returned_unchanged() {
        let text = "一、工作目标\n到2027年，培育企业100家。\n";
        let r = fix_all(text, SourceKind::PlainText, &Config::default(), FixMode::Unsafe);
        assert_eq!(r.text, text);
        assert!(!r.changed() && r.converged);
    }

    #[test]
    fn crlf_replacements() {
        let fix = Fix {
            title: "".into(),
            edits: vec![crate::Edit::insert(0, "a\nb\r\nc\n")],
            applicability: Applicability::Safe,
        };
        assert_eq!(with_crlf(&fix).edits[0].replacement, "a\r\nb\r\nc\r\n");
        assert!(uses_crlf("x\r\ny\n") && !uses_crlf("x\ny\r\n") && !uses_crlf("x"));
    }
}
