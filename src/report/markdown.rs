//! The report as Markdown: pipe tables that a git forge renders and that
//! line up in a terminal (cells padded to their display width, CJK counting
//! two columns).

use std::fmt::Write;

use super::{
    Counts, FileReport, LeadStatus, Report, TARGET_CLASSES, class_name, status_name, summary_lines, task_list,
    unit_names, unit_title,
};
use crate::lang::Lang;

/// The reports as Markdown, one after another.
pub fn to_markdown(reports: &[Report], lang: Lang) -> String {
    let mut out = String::new();
    for (k, r) in reports.iter().enumerate() {
        if k > 0 {
            out.push('\n');
        }
        report(&mut out, r, lang);
    }
    out
}

fn report(out: &mut String, r: &Report, lang: Lang) {
    let multi = r.is_multi_file();
    let title = lang.pick("责任分工报告", "Responsibility report");
    if multi {
        let n = r.files.len();
        let _ =
            writeln!(out, "# {title}{}\n", lang.pick(&format!("（合并 {n} 个文件）"), &format!(" ({n} files merged)")));
        files_table(out, r, lang);
    } else if let Some(f) = r.files.first() {
        let _ = writeln!(out, "# {title}{}{}\n", lang.pick("：", ": "), escape(&f.name));
        for (what, text) in summary_lines(f, lang) {
            let _ = writeln!(out, "- {what}{}{}", lang.pick("：", ": "), escape(&text));
        }
        out.push('\n');
    }

    let _ = writeln!(out, "## {}\n", lang.pick("单位责任矩阵", "Responsibility matrix"));
    let specific: Vec<usize> = (0..r.units.len()).filter(|&i| !r.units[i].generic).collect();
    let generic: Vec<usize> = (0..r.units.len()).filter(|&i| r.units[i].generic).collect();
    if r.units.is_empty() {
        let _ = writeln!(out, "{}\n", lang.pick("（未标注任何单位）", "(no unit is named)"));
    }
    if !specific.is_empty() {
        matrix(out, r, &specific, lang);
    }
    if !generic.is_empty() {
        let _ = writeln!(out, "### {}\n", lang.pick("泛指单位", "Generic units"));
        matrix(out, r, &generic, lang);
    }
    if !r.similar.is_empty() {
        let pairs: Vec<String> = r
            .similar
            .iter()
            .map(|&(a, b)| format!("{} / {}", escape(&r.units[a].name), escape(&r.units[b].name)))
            .collect();
        let _ = writeln!(
            out,
            "> {}{}{}\n",
            lang.pick("疑似同一单位：", "Possibly the same unit: "),
            pairs.join(lang.pick("；", "; ")),
            lang.pick(
                "。如是，请在 planlint.toml 的 `[units] aliases` 中写明简称和全称，报告即合并。",
                ". If so, give the alias and the full name in `[units] aliases` of planlint.toml and the report merges them."
            )
        );
    }

    let file_col = |f: &FileReport| if multi { vec![escape(&f.name)] } else { Vec::new() };
    let with_file = |cols: &[&str]| -> Vec<String> {
        let mut h: Vec<String> = if multi { vec![lang.pick("文件", "File").to_string()] } else { Vec::new() };
        h.extend(cols.iter().map(|s| s.to_string()));
        h
    };

    let _ = writeln!(out, "## {}\n", lang.pick("任务分工", "Tasks"));
    let mut t = Table::new(with_file(&[
        lang.pick("任务", "Task"),
        lang.pick("行", "Line"),
        lang.pick("牵头单位", "Lead"),
        lang.pick("责任单位", "Supporting"),
        lang.pick("内容", "Title"),
    ]));
    t.right(if multi { 2 } else { 1 });
    for f in &r.files {
        for task in &f.tasks {
            let mut row = file_col(f);
            let mut lead = escape(&unit_names(r, &task.leads));
            if task.status == LeadStatus::None {
                lead = format!("**{}**", status_name(LeadStatus::None, lang));
            } else if task.inherited {
                lead.push_str(lang.pick("（上级）", " (inherited)"));
            }
            row.extend([
                escape(&task.label),
                task.line.to_string(),
                lead,
                escape(&unit_names(r, &task.supports)),
                escape(&task.title),
            ]);
            t.row(row);
        }
    }
    t.render_or(out, lang.pick("（未识别出任务）", "(no task found)"));

    for (status, heading) in [
        (LeadStatus::None, lang.pick("无牵头单位的任务", "Tasks without a lead")),
        (LeadStatus::GenericOnly, lang.pick("仅有泛指牵头单位的任务", "Tasks whose only leads are generic")),
    ] {
        let _ = writeln!(out, "## {heading}\n");
        let mut cols = vec![lang.pick("任务", "Task"), lang.pick("行", "Line")];
        if status == LeadStatus::GenericOnly {
            cols.push(lang.pick("泛指牵头单位", "Generic lead"));
        }
        cols.push(lang.pick("内容", "Title"));
        let mut t = Table::new(with_file(&cols));
        t.right(if multi { 2 } else { 1 });
        for f in &r.files {
            for task in f.tasks.iter().filter(|t| t.status == status) {
                let mut row = file_col(f);
                row.extend([escape(&task.label), task.line.to_string()]);
                if status == LeadStatus::GenericOnly {
                    row.push(escape(&unit_names(r, &task.leads)));
                }
                row.push(escape(&task.title));
                t.row(row);
            }
        }
        t.render_or(out, lang.pick("（无）", "(none)"));
    }

    let _ = writeln!(out, "## {}\n", lang.pick("目标", "Targets"));
    let mut t = Table::new(with_file(&[
        lang.pick("行", "Line"),
        lang.pick("类别", "Class"),
        lang.pick("数值", "Figures"),
        lang.pick("目标", "Target"),
    ]));
    t.right(if multi { 1 } else { 0 });
    for f in &r.files {
        for target in &f.targets {
            let mut row = file_col(f);
            row.extend([
                target.line.to_string(),
                class_name(target.class, lang).to_string(),
                escape(&target.figures.join("、")),
                escape(&shorten(&target.text, 60)),
            ]);
            t.row(row);
        }
    }
    t.render_or(out, lang.pick("（未识别出目标）", "(no target found)"));

    let _ = writeln!(out, "## {}\n", lang.pick("各部分统计", "Counts per section"));
    let mut cols = vec![lang.pick("部分", "Section"), lang.pick("任务", "Tasks"), lang.pick("无牵头", "No lead")];
    cols.push(lang.pick("仅泛指", "Generic"));
    cols.push(lang.pick("目标", "Targets"));
    cols.extend(TARGET_CLASSES.iter().map(|&c| class_name(c, lang)));
    cols.push(lang.pick("问题", "Findings"));
    let mut t = Table::new(with_file(&cols));
    let first_count = if multi { 2 } else { 1 };
    for k in first_count..first_count + 9 {
        t.right(k);
    }
    for f in &r.files {
        for s in &f.sections {
            let mut row = file_col(f);
            let name = s.heading.as_deref().map_or_else(
                || lang.pick("（标题和前言）", "(title and preamble)").to_string(),
                |h| escape(&shorten(h, 30)),
            );
            row.push(name);
            row.extend(counts_cells(&s.counts));
            t.row(row);
        }
        let mut row = file_col(f);
        row.push(format!("**{}**", lang.pick("合计", "Total")));
        row.extend(counts_cells(&f.totals()));
        t.row(row);
    }
    t.render_or(out, "");
}

fn counts_cells(c: &Counts) -> Vec<String> {
    let mut v = vec![c.tasks, c.without_lead, c.generic_lead, c.target_total()];
    v.extend(c.targets);
    v.push(c.finding_total());
    v.into_iter().map(|n| n.to_string()).collect()
}

fn files_table(out: &mut String, r: &Report, lang: Lang) {
    let mut t = Table::new(
        [
            lang.pick("文件", "File"),
            lang.pick("文种", "Genre"),
            lang.pick("任务", "Tasks"),
            lang.pick("无牵头", "No lead"),
            lang.pick("仅泛指", "Generic"),
            lang.pick("目标", "Targets"),
            lang.pick("问题", "Findings"),
            lang.pick("标题", "Title"),
        ]
        .iter()
        .map(|s| s.to_string())
        .collect(),
    );
    for k in 2..7 {
        t.right(k);
    }
    for f in &r.files {
        let c = f.totals();
        t.row(vec![
            escape(&f.name),
            super::genre_name(f.genre, lang).to_string(),
            c.tasks.to_string(),
            c.without_lead.to_string(),
            c.generic_lead.to_string(),
            c.target_total().to_string(),
            c.finding_total().to_string(),
            escape(f.title.as_deref().unwrap_or("")),
        ]);
    }
    t.render_or(out, "");
}

fn matrix(out: &mut String, r: &Report, units: &[usize], lang: Lang) {
    let mut t = Table::new(vec![
        lang.pick("单位", "Unit").to_string(),
        lang.pick("牵头", "Leads").to_string(),
        lang.pick("参与", "Supports").to_string(),
        lang.pick("牵头任务", "Tasks led").to_string(),
        lang.pick("参与任务", "Tasks supported").to_string(),
    ]);
    t.right(1);
    t.right(2);
    for &i in units {
        let u = &r.units[i];
        t.row(vec![
            escape(&unit_title(u, lang)),
            u.leads.len().to_string(),
            u.supports.len().to_string(),
            escape(&task_list(r, &u.leads, lang)),
            escape(&task_list(r, &u.supports, lang)),
        ]);
    }
    t.render_or(out, "");
}

/// At most `n` characters, with `…` when cut.
fn shorten(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        return s.to_string();
    }
    let mut t: String = s.chars().take(n).collect();
    t.push('…');
    t
}

/// Text for a table cell or a line: Markdown's active characters escaped, so
/// that a draft's `**` masks or `|` show as written.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let chars: Vec<char> = s.chars().collect();
    for (k, &c) in chars.iter().enumerate() {
        // `_` inside a word (`doc_01.txt`) emphasises nothing.
        let inside_word = |k: usize| {
            k > 0 && chars[k - 1].is_ascii_alphanumeric() && chars.get(k + 1).is_some_and(char::is_ascii_alphanumeric)
        };
        match c {
            '_' if inside_word(k) => out.push(c),
            '\\' | '|' | '*' | '_' | '`' | '[' | ']' | '<' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// Columns a string takes in a terminal: CJK and full-width characters two.
fn width(s: &str) -> usize {
    s.chars().map(|c| if is_wide(c) { 2 } else { 1 }).sum()
}

fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD)
}

/// A pipe table.
struct Table {
    header: Vec<String>,
    right: Vec<bool>,
    rows: Vec<Vec<String>>,
}

impl Table {
    fn new(header: Vec<String>) -> Table {
        let right = vec![false; header.len()];
        Table { header, right, rows: Vec::new() }
    }

    fn right(&mut self, col: usize) {
        if let Some(r) = self.right.get_mut(col) {
            *r = true;
        }
    }

    fn row(&mut self, row: Vec<String>) {
        self.rows.push(row);
    }

    /// The table, or `empty` as a paragraph when it has no rows.
    fn render_or(&self, out: &mut String, empty: &str) {
        if self.rows.is_empty() {
            if !empty.is_empty() {
                let _ = writeln!(out, "{empty}\n");
            }
            return;
        }
        let n = self.header.len();
        let mut widths: Vec<usize> = self.header.iter().map(|h| width(h).max(3)).collect();
        for row in &self.rows {
            for (k, cell) in row.iter().enumerate().take(n) {
                widths[k] = widths[k].max(width(cell));
            }
        }
        let line = |out: &mut String, cells: &[String]| {
            out.push('|');
            for (k, (&w, &right)) in widths.iter().zip(&self.right).enumerate() {
                let cell = cells.get(k).map_or("", String::as_str);
                // The last column is not padded: its cells are the long ones.
                let pad = if k + 1 == n { 0 } else { w - width(cell).min(w) };
                if right {
                    let _ = write!(out, " {}{cell} |", " ".repeat(pad));
                } else {
                    let _ = write!(out, " {cell}{} |", " ".repeat(pad));
                }
            }
            out.push('\n');
        };
        line(out, &self.header);
        out.push('|');
        for (k, (&w, &right)) in widths.iter().zip(&self.right).enumerate() {
            let w = if k + 1 == n { 3 } else { w };
            if right {
                let _ = write!(out, " {}: |", "-".repeat(w - 1));
            } else {
                let _ = write!(out, " {} |", "-".repeat(w));
            }
        }
        out.push('\n');
        for row in &self.rows {
            line(out, row);
        }
        out.push('\n');
    }
}
