//! Helpers shared by the integration tests.

use std::path::{Path, PathBuf};

/// `../shared` beside the repository, if present. In CI (`CI=true`) its
/// absence is a failure; elsewhere the test prints a note and is skipped, so a
/// clone without it still passes.
pub fn shared_dir(what: &str) -> Option<PathBuf> {
    let dir = std::env::var_os("PLANLINT_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared"));
    if dir.join("corpus/seeds").is_dir() {
        return Some(dir);
    }
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "{} is missing but CI=true: {what} must run in CI",
        dir.display()
    );
    eprintln!("note: {} not found; skipping {what}", dir.display());
    None
}

/// A finding rendered for assertions: (1-based line, 1-based char column, code, severity, flagged text).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub line: usize,
    pub col: usize,
    pub code: &'static str,
    pub severity: &'static str,
    pub text: String,
    pub message: String,
}

pub fn findings(text: &str, kind: planlint::SourceKind) -> Vec<Finding> {
    let analysis = planlint::analyze(text, kind, &planlint::Config::default());
    let index = planlint::LineIndex::new(text);
    analysis
        .diagnostics
        .iter()
        .map(|d| {
            let p = index.char_col(text, d.range.start());
            Finding {
                line: p.line as usize + 1,
                col: p.col as usize + 1,
                code: d.rule.code,
                severity: d.severity.as_str(),
                text: text[d.range.as_range()].to_string(),
                message: d.message.clone(),
            }
        })
        .collect()
}
