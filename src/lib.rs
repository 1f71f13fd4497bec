//! planlint: a linter for drafts of Chinese government work plans
//! (工作要点, 实施方案, 行动计划, 任务分工方案).
//!
//! Crate map:
//! - [`analyze`] is the façade: text + [`Config`] → [`Analysis`]. Pure: no IO, no async, never panics.
//! - [`syntax`] turns text into a [`syntax::Document`]: outline, sections, tasks,
//!   responsibility clauses, target statements, suppression directives (as written).
//! - [`rules`] holds one file per rule; each inspects the Document. It also
//!   resolves the suppression directives' rule names and drops what they cover.
//! - [`ide`] computes editor features (completions) from a Document: plain data, byte ranges.
//! - [`fix`] applies fixes to a whole document until none is left (`--fix`, fix-all, formatting).
//! - [`docx`] turns the bytes of a `.docx` into the text analysed (one line per paragraph).
//! - [`diagnostic`], [`config`], [`text`], [`lang`]: the data model.
//!
//! The `planlint` binary (`src/main.rs`, `src/cli`) is the shell that reads files and prints.
#![deny(clippy::print_stdout, clippy::print_stderr)]
#![deny(unsafe_code)]

pub mod config;
pub mod diagnostic;
pub mod docx;
pub mod fix;
pub mod ide;
pub mod lang;
pub mod report;
pub mod rules;
pub mod syntax;
pub mod text;

pub use config::{Config, ConfigError, Level};
pub use diagnostic::{Applicability, Diagnostic, Edit, Fix, Severity, apply_fixes};
pub use fix::{FixMode, FixResult, fix_all};
pub use lang::Lang;
pub use syntax::{Document, SourceKind};
pub use text::{LineIndex, TextRange};

/// The result of analysing one document.
pub struct Analysis<'a> {
    pub document: Document<'a>,
    /// Findings sorted by position, then by rule code.
    pub diagnostics: Vec<Diagnostic>,
}

/// The largest text the core analyses; anything past it is ignored.
/// (Ranges are `u32` byte offsets.)
pub const MAX_TEXT_LEN: usize = u32::MAX as usize - 1;

/// Analyses a draft.
///
/// Never fails and never panics: any text yields an [`Analysis`]. Text past
/// [`MAX_TEXT_LEN`] bytes is ignored.
pub fn analyze<'a>(text: &'a str, kind: SourceKind, config: &Config) -> Analysis<'a> {
    let text = &text[..text::floor_char_boundary(text, MAX_TEXT_LEN)];
    let document = syntax::parse(text, kind, &config.vocabulary());
    let mut diagnostics = rules::run(&document, config);
    rules::apply_suppressions(&document, &mut diagnostics);
    diagnostics
        .sort_by(|a, b| (a.range.start, a.range.end, a.rule.code).cmp(&(b.range.start, b.range.end, b.rule.code)));
    Analysis { document, diagnostics }
}
