//! `--format github`: GitHub Actions workflow commands, one per finding, which
//! the runner turns into annotations on the pull request:
//!
//! ```text
//! ::error file=plan.md,line=2,endLine=2,col=9,endColumn=11,title=PL101 placeholder::模板占位符…
//! ```
//!
//! Columns count UTF-16 code units, as in the SARIF output.

use std::fmt::Write as _;

use planlint::{Diagnostic, LineIndex, Severity};

/// The workflow command for a severity (Actions knows no info or hint).
pub fn command(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Hint => "notice",
    }
}

/// Escapes a command's message (the part after `::`).
pub fn escape_data(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            c => out.push(c),
        }
    }
    out
}

/// Escapes a property value (`file=…`, `title=…`): as data, and also the
/// `:` and `,` that end a value.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// Appends the command for one finding, with its line break.
pub fn annotation(out: &mut String, path: &str, text: &str, index: &LineIndex, d: &Diagnostic) {
    let s = index.utf16_col(text, d.range.start());
    let e = index.utf16_col(text, d.range.end());
    let _ = writeln!(
        out,
        "::{} file={},line={},endLine={},col={},endColumn={},title={}::{}",
        command(d.severity),
        escape_property(&path.replace('\\', "/")),
        s.line + 1,
        e.line + 1,
        s.col + 1,
        e.col + 1,
        escape_property(&format!("{} {}", d.rule.code, d.rule.name)),
        escape_data(&d.message),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_follows_the_toolkit() {
        assert_eq!(escape_data("100% 完成\r\n下一行: a,b"), "100%25 完成%0D%0A下一行: a,b");
        assert_eq!(escape_property("计划,第1版: 50%.md"), "计划%2C第1版%3A 50%25.md");
        // `%` first, so the escapes it introduces are not escaped again.
        assert_eq!(escape_property("%3A"), "%253A");
    }
}
