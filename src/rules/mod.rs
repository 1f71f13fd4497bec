//! The rules. One file per rule; its doc comment is its user documentation.
//! Adding a rule = one file + one line in [`ALL`].

use std::collections::hash_map::Entry;
use std::sync::Arc;

use crate::config::{Config, Level};
use crate::diagnostic::{Diagnostic, Fix, Severity};
use crate::lang::Lang;
use crate::syntax::fxmap::FxHashMap;
use crate::syntax::{Document, Suppression};
use crate::text::TextRange;

pub(crate) mod confusable;
pub(crate) mod enumeration;
pub(crate) mod missing_lead_unit;
pub(crate) mod number_usage;
pub(crate) mod numbering;
pub(crate) mod placeholder;
pub(crate) mod repeated_word;
pub(crate) mod stale_formulation;
pub(crate) mod target_without_number;
pub(crate) mod template_residue;
#[cfg(test)]
pub(crate) mod tests;
pub(crate) mod unknown_rule;

/// A rule's identity and documentation.
#[derive(Debug, PartialEq, Eq)]
pub struct Rule {
    /// Stable code, e.g. `PL101`.
    pub code: &'static str,
    /// Stable kebab-case name, e.g. `placeholder`.
    pub name: &'static str,
    /// One-line summary (English).
    pub summary: &'static str,
    /// One-line summary (Chinese).
    pub summary_zh: &'static str,
    pub default_severity: Severity,
    /// Markdown documentation, taken from the rule's doc comment.
    pub docs: &'static str,
}

impl Rule {
    pub fn summary(&self, lang: Lang) -> &'static str {
        lang.pick(self.summary_zh, self.summary)
    }

    /// The docs with rustdoc's leading space removed from each line.
    pub fn docs_text(&self) -> String {
        let mut out = String::with_capacity(self.docs.len());
        for line in self.docs.lines() {
            out.push_str(line.strip_prefix(' ').unwrap_or(line));
            out.push('\n');
        }
        out.trim_end().to_string() + "\n"
    }
}

macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        $vis:vis $ident:ident, $code:literal, $name:literal, $sev:ident,
        summary: $summary:literal, summary_zh: $summary_zh:literal $(,)?
    ) => {
        $(#[doc = $doc])*
        $vis static $ident: $crate::rules::Rule = $crate::rules::Rule {
            code: $code,
            name: $name,
            summary: $summary,
            summary_zh: $summary_zh,
            default_severity: $crate::diagnostic::Severity::$sev,
            docs: concat!($($doc, "\n"),*),
        };
    };
}
pub(crate) use declare_rule;

type Check = fn(&mut Ctx<'_>);

/// Every rule with its check, sorted by code.
static REGISTRY: &[(&Rule, Check)] = &[
    (&unknown_rule::UNKNOWN_RULE, unknown_rule::check),
    (&placeholder::PLACEHOLDER, placeholder::check),
    (&template_residue::TEMPLATE_RESIDUE, template_residue::check),
    (&missing_lead_unit::MISSING_LEAD_UNIT, missing_lead_unit::check),
    (&target_without_number::TARGET_WITHOUT_NUMBER, target_without_number::check),
    (&numbering::NUMBERING, numbering::check),
    (&enumeration::ENUMERATION, enumeration::check),
    (&confusable::CONFUSABLE, confusable::check),
    (&repeated_word::REPEATED_WORD, repeated_word::check),
    (&stale_formulation::STALE_FORMULATION, stale_formulation::check),
    (&number_usage::NUMBER_USAGE, number_usage::check),
];

/// All rules, sorted by code.
pub fn all() -> impl Iterator<Item = &'static Rule> {
    REGISTRY.iter().map(|(r, _)| *r)
}

/// Looks a rule up by name or code (case-insensitive).
pub fn find(name_or_code: &str) -> Option<&'static Rule> {
    let key = name_or_code.trim();
    all().find(|r| r.name.eq_ignore_ascii_case(key) || r.code.eq_ignore_ascii_case(key))
}

/// What a rule's check sees: the document, the configuration, and a sink for findings.
pub(crate) struct Ctx<'a> {
    pub doc: &'a Document<'a>,
    pub config: &'a Config,
    rule: &'static Rule,
    severity: Severity,
    out: &'a mut Vec<Diagnostic>,
    /// Every message reported so far, once. Fx-hashed: SipHash's resistance to
    /// crafted keys buys nothing here (a draft that collides its messages only
    /// slows its own run) and cost ~0.9 M instructions on the 20KB bench set.
    messages: &'a mut FxHashMap<Arc<str>, ()>,
}

impl Ctx<'_> {
    pub fn lang(&self) -> Lang {
        self.config.lang
    }

    /// The configured severity of the running rule.
    pub fn severity(&self) -> Severity {
        self.severity
    }

    /// Reports a finding at the rule's configured severity.
    pub fn report(&mut self, range: TextRange, message: String) -> &mut Diagnostic {
        let severity = self.severity;
        self.report_with(range, severity, message)
    }

    /// Reports a finding at an explicit severity (e.g. a milder one for a weaker case).
    ///
    /// The message is looked up by entry, hashed once: most messages are new,
    /// and a lookup followed by an insertion hashed each twice.
    pub fn report_with(&mut self, range: TextRange, severity: Severity, message: String) -> &mut Diagnostic {
        let message = match self.messages.entry(message.into()) {
            Entry::Occupied(seen) => seen.key().clone(),
            Entry::Vacant(new) => new.insert_entry(()).key().clone(),
        };
        self.out.push(Diagnostic { rule: self.rule, range, severity, message, fix: None });
        self.out.last_mut().expect("just pushed")
    }
}

impl Diagnostic {
    pub(crate) fn with_fix(&mut self, fix: Fix) -> &mut Diagnostic {
        self.fix = Some(Box::new(fix));
        self
    }
}

/// Runs every enabled rule over `doc`.
pub(crate) fn run(doc: &Document<'_>, config: &Config) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut messages = FxHashMap::default();
    for (rule, check) in REGISTRY {
        let Level::On(severity) = config.level(rule) else { continue };
        let mut ctx = Ctx { doc, config, rule, severity, out: &mut out, messages: &mut messages };
        check(&mut ctx);
    }
    out
}

/// Drops the findings that a suppression directive covers. The directive's
/// rule names are resolved here, with [`find`]: a directive without names
/// covers every rule; one whose names are all unknown covers none (and
/// `unknown-rule` reports the names).
pub(crate) fn apply_suppressions(doc: &Document<'_>, diagnostics: &mut Vec<Diagnostic>) {
    if doc.suppressions.is_empty() {
        return;
    }
    let resolved: Vec<(&Suppression, Option<Vec<&'static Rule>>)> = doc
        .suppressions
        .iter()
        .map(|s| {
            let rules = (!s.names.is_empty()).then(|| s.names.iter().filter_map(|&n| find(doc.slice(n))).collect());
            (s, rules)
        })
        .collect();
    diagnostics.retain(|d| {
        !resolved.iter().any(|(s, rules)| {
            s.covers_offset(d.range.start()) && rules.as_ref().is_none_or(|rs| rs.iter().any(|r| r.code == d.rule.code))
        })
    });
}
