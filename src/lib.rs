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

/// The largest draft the shells take, in bytes (16 MiB): `planlint check`
/// refuses a larger file (exit status 2), the server a larger document (a
/// message, no findings). Real drafts are tens of kilobytes; this leaves room
/// for the 10 MB benchmark draft and keeps memory bounded.
pub const MAX_INPUT_BYTES: usize = 16 << 20;

/// Why a text of `bytes` bytes (over [`MAX_INPUT_BYTES`]) is not checked.
pub fn too_large_message(bytes: u64, lang: Lang) -> String {
    let mib = |n: u64| {
        let tenths = (n * 10).div_ceil(1 << 20);
        if tenths.is_multiple_of(10) { format!("{}", tenths / 10) } else { format!("{}.{}", tenths / 10, tenths % 10) }
    };
    let (size, limit) = (mib(bytes), mib(MAX_INPUT_BYTES as u64));
    match lang {
        Lang::Zh => format!("文件过大（{size} MiB），不像是一份草稿：planlint 只检查 {limit} MiB 以内的文本"),
        Lang::En => format!("too large to be a draft ({size} MiB): planlint checks texts up to {limit} MiB"),
    }
}

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
