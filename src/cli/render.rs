//! Output formats of `planlint check`: human (a header line per finding and a
//! code frame whose carets line up under double-width characters) and JSON.

use std::fmt::Write as _;

use planlint::{Applicability, Diagnostic, Lang, LineIndex, Severity};
use serde::Serialize;
use unicode_width::UnicodeWidthChar;

/// The widest source excerpt shown, in terminal columns. Longer lines (a
/// paragraph is one line in most drafts) are windowed around the finding.
const MAX_FRAME_WIDTH: usize = 100;
/// Columns of context kept left of the finding when a line is windowed.
const LEFT_CONTEXT: usize = 24;

/// ANSI styling, or none.
#[derive(Clone, Copy)]
pub struct Style {
    pub color: bool,
}

impl Style {
    fn paint(self, code: &str, text: &str) -> String {
        if self.color { format!("\x1b[{code}m{text}\x1b[0m") } else { text.to_string() }
    }

    fn severity(self, s: Severity) -> String {
        let code = match s {
            Severity::Error => "1;31",
            Severity::Warning => "1;33",
            Severity::Info => "1;36",
            Severity::Hint => "1;32",
        };
        self.paint(code, s.as_str())
    }
}

/// A 1-based position: line, and column counted in Unicode characters.
#[derive(Clone, Copy, Debug, Serialize)]
pub struct Pos {
    pub line: usize,
    pub column: usize,
}

pub fn pos(index: &LineIndex, text: &str, offset: usize) -> Pos {
    let lc = index.char_col(text, offset);
    Pos { line: lc.line as usize + 1, column: lc.col as usize + 1 }
}

/// One finding in the JSON format.
#[derive(Serialize)]
pub struct JsonFinding<'a> {
    pub path: &'a str,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub rule: &'static str,
    pub code: &'static str,
    pub severity: &'static str,
    pub message: &'a str,
    pub fix: Option<JsonFix<'a>>,
}

#[derive(Serialize)]
pub struct JsonFix<'a> {
    pub title: &'a str,
    pub applicability: &'static str,
    pub edits: JsonEdits<'a>,
}

/// A fix's edits, each made as it is serialised: a fix of a whole draft's
/// punctuation has hundreds of thousands, which are never held twice.
pub struct JsonEdits<'a> {
    text: &'a str,
    index: &'a LineIndex,
    edits: &'a [planlint::Edit],
}

impl Serialize for JsonEdits<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut seq = serializer.serialize_seq(Some(self.edits.len()))?;
        for e in self.edits {
            let s = pos(self.index, self.text, e.range.start());
            let t = pos(self.index, self.text, e.range.end());
            seq.serialize_element(&JsonEdit {
                line: s.line,
                column: s.column,
                end_line: t.line,
                end_column: t.column,
                replacement: &e.replacement,
            })?;
        }
        seq.end()
    }
}

#[derive(Serialize)]
pub struct JsonEdit<'a> {
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub replacement: &'a str,
}

pub fn json_finding<'a>(path: &'a str, text: &'a str, index: &'a LineIndex, d: &'a Diagnostic) -> JsonFinding<'a> {
    let start = pos(index, text, d.range.start());
    let end = pos(index, text, d.range.end());
    JsonFinding {
        path,
        line: start.line,
        column: start.column,
        end_line: end.line,
        end_column: end.column,
        rule: d.rule.name,
        code: d.rule.code,
        severity: d.severity.as_str(),
        message: &d.message,
        fix: d.fix.as_ref().map(|f| JsonFix {
            title: &f.title,
            applicability: match f.applicability {
                Applicability::Safe => "safe",
                Applicability::Unsafe => "unsafe",
                Applicability::DisplayOnly => "display-only",
            },
            edits: JsonEdits { text, index, edits: &f.edits },
        }),
    }
}

/// Renders one finding for humans: header, code frame, fix title.
pub fn human(out: &mut String, path: &str, text: &str, index: &LineIndex, d: &Diagnostic, lang: Lang, style: Style) {
    let start = pos(index, text, d.range.start());
    let _ = writeln!(
        out,
        "{}:{}:{}: {}[{}/{}] {}",
        style.paint("1", path),
        start.line,
        start.column,
        style.severity(d.severity),
        d.rule.code,
        d.rule.name,
        d.message
    );
    frame(out, text, index, d.range.start(), d.range.end(), style);
    if let Some(fix) = &d.fix {
        let _ = writeln!(out, "  = {}{}", lang.pick("修复建议：", "fix: "), fix.title);
    }
}

/// A code frame for the first line of `start..end`:
///
/// ```text
///    |
/// 12 | ——高新技术企业数量突破**家。
///    |                       ^^
/// ```
pub fn frame(out: &mut String, text: &str, index: &LineIndex, start: usize, end: usize, style: Style) {
    let line = index.line_of(start);
    let range = index.line_range(text, line);
    let line_text = &text[range.clone()];
    let span_start = start.clamp(range.start, range.end) - range.start;
    let span_end = end.clamp(range.start + span_start, range.end) - range.start;

    // Display cells: (byte offset in line, rendered char, width).
    let cells: Vec<(usize, char, usize)> = line_text
        .char_indices()
        .map(|(i, c)| if c == '\t' || c.is_control() { (i, ' ', 1) } else { (i, c, c.width().unwrap_or(1)) })
        .collect();
    let col_of = |byte: usize| -> usize { cells.iter().take_while(|(i, _, _)| *i < byte).map(|(_, _, w)| w).sum() };
    let total: usize = cells.iter().map(|(_, _, w)| w).sum();
    let caret_start = col_of(span_start);
    let caret_end = col_of(span_end).max(caret_start + 1);

    // Window [from, to) in display columns.
    let (from, to) = if total <= MAX_FRAME_WIDTH {
        (0, total.max(caret_end))
    } else {
        let from = caret_start.saturating_sub(LEFT_CONTEXT);
        let from = from.min(total.saturating_sub(MAX_FRAME_WIDTH - 2));
        (from, from + MAX_FRAME_WIDTH - 2)
    };
    let mut shown = String::new();
    let mut col = 0;
    let mut first_col = None;
    for &(_, c, w) in &cells {
        if col >= from && col + w <= to {
            first_col.get_or_insert(col);
            shown.push(c);
        }
        col += w;
    }
    let first_col = first_col.unwrap_or(from);
    let left_cut = first_col > 0;
    let right_cut = col > to;
    let lead = if left_cut { "…" } else { "" };
    let tail = if right_cut { "…" } else { "" };

    let number = (line + 1).to_string();
    let gutter = " ".repeat(number.len());
    let bar = style.paint("1;34", "|");
    let offset = usize::from(left_cut) + caret_start.saturating_sub(first_col);
    let visible_end = caret_end.min(to);
    let carets = visible_end.saturating_sub(caret_start.max(first_col)).max(1);
    let _ = writeln!(out, "{gutter} {bar}");
    let _ = writeln!(out, "{} {bar} {lead}{shown}{tail}", style.paint("1;34", &number));
    let _ = writeln!(out, "{gutter} {bar} {}{}", " ".repeat(offset), style.paint("1;31", &"^".repeat(carets)));
}

/// The summary line after human output.
pub fn summary(counts: &[usize; 4], files: usize, unreadable: usize, lang: Lang) -> String {
    let [errors, warnings, infos, hints] = *counts;
    let total = errors + warnings + infos + hints;
    let main = match lang {
        // Nothing was read: say so, never "no problems".
        Lang::Zh if files == 0 && unreadable > 0 => return format!("{unreadable} 个文件无法读取，未检查任何文件。"),
        Lang::Zh if total == 0 => format!("未发现问题（检查了 {files} 个文件）。"),
        Lang::Zh => format!(
            "发现 {total} 个问题：错误 {errors} 个，警告 {warnings} 个，提示 {} 个（检查了 {files} 个文件）。",
            infos + hints
        ),
        Lang::En => {
            let s = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
            if files == 0 && unreadable > 0 {
                return format!("{} could not be read; nothing was checked.", s(unreadable, "file", "files"));
            }
            let checked = s(files, "file", "files");
            if total == 0 {
                format!("No problems found ({checked} checked).")
            } else {
                format!(
                    "Found {}: {}, {}, {} ({checked} checked).",
                    s(total, "problem", "problems"),
                    s(errors, "error", "errors"),
                    s(warnings, "warning", "warnings"),
                    s(infos + hints, "note", "notes"),
                )
            }
        }
    };
    match (lang, unreadable) {
        (_, 0) => main,
        (Lang::Zh, n) => format!("{main}另有 {n} 个文件无法读取。"),
        (Lang::En, n) => {
            format!("{main} {} could not be read.", if n == 1 { "1 file".to_string() } else { format!("{n} files") })
        }
    }
}

/// `--fix`: what was fixed, with the count per rule.
pub fn fixed_summary(
    fixes: usize,
    files: usize,
    by_rule: &std::collections::BTreeMap<&'static str, usize>,
    lang: Lang,
) -> String {
    let rules: Vec<String> = by_rule.iter().map(|(rule, n)| format!("{rule} {n}")).collect();
    match lang {
        Lang::Zh if rules.is_empty() => format!("已修复 {fixes} 处问题（{files} 个文件）。"),
        Lang::Zh => format!("已修复 {fixes} 处问题（{files} 个文件）：{}。", rules.join("，")),
        Lang::En => format!(
            "Fixed {fixes} {} in {files} {}{}.",
            if fixes == 1 { "problem" } else { "problems" },
            if files == 1 { "file" } else { "files" },
            if rules.is_empty() { String::new() } else { format!(": {}", rules.join(", ")) }
        ),
    }
}

/// `--diff`: what would be fixed.
pub fn would_fix_summary(fixes: usize, files: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh if fixes == 0 => "没有可自动修复的问题。".to_string(),
        Lang::Zh => format!("将修复 {fixes} 处问题（{files} 个文件）；加 --fix 写入文件。"),
        Lang::En if fixes == 0 => "Nothing to fix.".to_string(),
        Lang::En => format!(
            "Would fix {fixes} {} in {files} {}; run with --fix to write them.",
            if fixes == 1 { "problem" } else { "problems" },
            if files == 1 { "file" } else { "files" }
        ),
    }
}

/// The line after the summary saying what `--fix` (or `--unsafe-fixes`) could still fix, if anything.
/// `[safe, unsafe]` counts findings by the applicability of their fix; `mode` is the fixing already done.
pub fn fixable_summary(fixable: [usize; 2], mode: Option<planlint::FixMode>, lang: Lang) -> Option<String> {
    let [safe, r#unsafe] = fixable;
    match mode {
        None if safe + r#unsafe == 0 => None,
        None => Some(match lang {
            Lang::Zh if r#unsafe == 0 => format!("其中 {safe} 处可用 --fix 自动修复。"),
            Lang::Zh if safe == 0 => {
                format!("其中 {} 处可用 --fix --unsafe-fixes 修复（可能改变原意，请复核）。", r#unsafe)
            }
            Lang::Zh => format!(
                "其中 {safe} 处可用 --fix 自动修复，另有 {} 处可用 --fix --unsafe-fixes 修复（可能改变原意，请复核）。",
                r#unsafe
            ),
            Lang::En if r#unsafe == 0 => format!("{safe} fixable with --fix."),
            Lang::En if safe == 0 => {
                format!("{} fixable with --fix --unsafe-fixes (they may change meaning: review them).", r#unsafe)
            }
            Lang::En => format!(
                "{safe} fixable with --fix; {} more with --fix --unsafe-fixes (they may change meaning: review them).",
                r#unsafe
            ),
        }),
        Some(planlint::FixMode::Safe) if r#unsafe > 0 => Some(match lang {
            Lang::Zh => format!("另有 {} 处可加 --unsafe-fixes 修复（可能改变原意，请复核）。", r#unsafe),
            Lang::En => {
                format!("{} more fixable with --unsafe-fixes (they may change meaning: review them).", r#unsafe)
            }
        }),
        Some(_) => None,
    }
}

/// A unified diff of one file's fixes (`--diff`), with three lines of context.
pub fn unified_diff(path: &str, old: &str, new: &str) -> String {
    crate::diff::LineDiff::new(old, new).unified(&format!("a/{path}"), &format!("b/{path}"), 3)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame_of(text: &str, needle: &str) -> String {
        let start = text.find(needle).unwrap();
        let index = LineIndex::new(text);
        let mut out = String::new();
        frame(&mut out, text, &index, start, start + needle.len(), Style { color: false });
        out
    }

    #[test]
    fn carets_sit_under_double_width_characters() {
        expect_test::expect![[r#"
              |
            2 | 2.新增高新技术企业**家，培育科技型企业。
              |                   ^^
        "#]]
        .assert_eq(&frame_of("一、目标\n2.新增高新技术企业**家，培育科技型企业。\n", "**"));
        expect_test::expect![[r#"
              |
            1 | 到X年，建成X个平台。
              |   ^
        "#]]
        .assert_eq(&frame_of("到X年，建成X个平台。", "X"));
    }

    #[test]
    fn long_lines_are_windowed_around_the_span() {
        let line = "科技创新".repeat(40) + "某某" + &"协同发展".repeat(40);
        let out = frame_of(&line, "某某");
        let shown = out.lines().nth(1).unwrap();
        assert!(shown.starts_with("1 | …科技创新") && shown.ends_with("…"), "{out}");
        let carets = out.lines().nth(2).unwrap();
        // Columns: the caret line's offset equals the display width before 某某.
        let before = shown.split("某某").next().unwrap();
        let width: usize = before.chars().map(|c| c.width().unwrap_or(0)).sum();
        assert_eq!(carets.find('^').unwrap(), width, "{out}");
        assert_eq!(carets.matches('^').count(), 4);
    }

    #[test]
    fn spans_past_the_line_and_empty_spans_do_not_panic() {
        let text = "甲\n乙丙\r\n";
        let index = LineIndex::new(text);
        for start in 0..=text.len() {
            for end in start..=text.len() + 3 {
                let mut out = String::new();
                frame(&mut out, text, &index, start, end, Style { color: false });
                assert!(out.contains('^'));
            }
        }
    }
}
