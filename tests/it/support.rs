//! Helpers shared by the integration tests (also compiled into
//! `tests/external`, which includes this file).

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
                message: d.message.to_string(),
            }
        })
        .collect()
}
