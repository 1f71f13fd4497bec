//! Test helpers: `check(rule, text, expect)` renders one rule's findings as
//! `line:col CODE [flagged text] message`, plus `(severity)` when it differs
//! from the rule's default and `(fix: …)` when a fix is offered.
//! `check_rules` does the same for several rules run together.

use std::fmt::Write;

use expect_test::Expect;

use crate::config::{Config, Level};
use crate::diagnostic::Applicability;
use crate::rules::Rule;
use crate::syntax::SourceKind;

pub(crate) fn render(rule: &Rule, kind: SourceKind, config: &Config, text: &str) -> String {
    render_rules(&[rule], kind, config, text)
}

/// Renders the findings of `rules` (all other rules off).
pub(crate) fn render_rules(rules: &[&Rule], kind: SourceKind, config: &Config, text: &str) -> String {
    let mut config = config.clone();
    for r in crate::rules::all() {
        if !rules.iter().any(|x| x.code == r.code) {
            config.rules.insert(r.name, Level::Off);
        }
    }
    let analysis = crate::analyze(text, kind, &config);
    let index = crate::text::LineIndex::new(text);
    let mut out = String::new();
    for d in &analysis.diagnostics {
        let pos = index.char_col(text, d.range.start());
        let _ = write!(
            out,
            "{}:{} {} [{}] {}",
            pos.line + 1,
            pos.col + 1,
            d.rule.code,
            &text[d.range.as_range()],
            d.message
        );
        if d.severity != d.rule.default_severity {
            let _ = write!(out, " ({})", d.severity.as_str());
        }
        if let Some(fix) = &d.fix {
            let app = match fix.applicability {
                Applicability::Safe => "safe",
                Applicability::Unsafe => "unsafe",
                Applicability::DisplayOnly => "display-only",
            };
            let _ = write!(out, " (fix: {app}: {}", fix.title);
            for e in &fix.edits {
                let p = index.char_col(text, e.range.start());
                let _ = write!(out, " @{}:{} {:?}", p.line + 1, p.col + 1, e.replacement);
            }
            out.push(')');
        }
        out.push('\n');
    }
    out
}

pub(crate) fn check(rule: &Rule, text: &str, expect: Expect) {
    expect.assert_eq(&render(rule, SourceKind::PlainText, &Config::default(), text));
}

pub(crate) fn check_md(rule: &Rule, text: &str, expect: Expect) {
    expect.assert_eq(&render(rule, SourceKind::Markdown, &Config::default(), text));
}

pub(crate) fn check_with(rule: &Rule, kind: SourceKind, config: &Config, text: &str, expect: Expect) {
    expect.assert_eq(&render(rule, kind, config, text));
}

pub(crate) fn check_rules(rules: &[&Rule], kind: SourceKind, text: &str, expect: Expect) {
    expect.assert_eq(&render_rules(rules, kind, &Config::default(), text));
}
