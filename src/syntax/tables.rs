//! Task tables: a Markdown pipe table or a tab- or `｜`-separated table whose
//! header names a 牵头单位 or 责任单位 column (任务分工方案 are often laid out
//! this way: 序号｜任务｜措施｜牵头单位｜责任单位｜完成时限). Each row is a task.

use crate::config::Config;
use crate::syntax::markup::{Line, LineKind};
use crate::syntax::responsibility::{Clause, ClauseStyle, Matchers, fold, split_units};
use crate::syntax::{Task, numerals};
use crate::text::{TextRange, is_inline_space};

/// Separator of a table line, if it is one.
fn separator(line: &str) -> Option<char> {
    if memchr::memchr2(b'|', b'\t', line.as_bytes()).is_none() && !line.contains('｜') {
        return None;
    }
    let t = line.trim();
    if t.starts_with('|') || t.matches('|').count() >= 2 {
        Some('|')
    } else if t.matches('｜').count() >= 2 {
        Some('｜')
    } else if t.matches('\t').count() >= 2 {
        Some('\t')
    } else {
        None
    }
}

/// Cells of a table line as byte ranges (trimmed), without the outer pipes.
fn cells(prose: &str, line: TextRange, sep: char) -> Vec<TextRange> {
    let s = &prose[line.as_range()];
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in s.char_indices() {
        if c == sep {
            out.push((start, i));
            start = i + c.len_utf8();
        }
    }
    out.push((start, s.len()));
    let trimmed = s.trim();
    if sep != '\t' && trimmed.starts_with(sep) && !out.is_empty() {
        out.remove(0);
    }
    if sep != '\t' && trimmed.ends_with(sep) && !out.is_empty() {
        out.pop();
    }
    out.into_iter()
        .map(|(a, b)| {
            let cell = &s[a..b];
            let lead = cell.len() - cell.trim_start_matches(|c: char| is_inline_space(c) || c == '\0').len();
            let tail = cell.len() - cell.trim_end_matches(|c: char| is_inline_space(c) || c == '\0').len();
            let (a, b) = (a + lead, (b - tail).max(a + lead));
            TextRange::new(line.start() + a, line.start() + b)
        })
        .collect()
}

#[derive(Default)]
struct Columns {
    number: Option<usize>,
    task: Option<usize>,
    lead: Option<usize>,
    others: Vec<usize>,
}

fn header_columns(prose: &str, cells: &[TextRange], m: &Matchers) -> Option<Columns> {
    let mut cols = Columns::default();
    for (i, c) in cells.iter().enumerate() {
        let name = fold(&prose[c.as_range()]);
        let name = name.trim_matches(|c: char| c == '\0' || is_inline_space(c));
        if m.is_lead_label(name) {
            cols.lead.get_or_insert(i);
        } else if m.is_other_label(name) {
            cols.others.push(i);
        } else if name == "序号" || name == "编号" {
            cols.number.get_or_insert(i);
        } else if cols.task.is_none()
            && ["任务", "事项", "内容", "工作", "措施", "项目"].iter().any(|w| name.contains(w))
            && !name.contains("时限")
        {
            cols.task = Some(i);
        }
    }
    if cols.lead.is_none() && cols.others.is_empty() {
        return None;
    }
    Some(cols)
}

/// Finds task tables; returns their rows as tasks and their cells as clauses.
pub(crate) fn find(prose: &str, lines: &[Line], m: &Matchers, config: &Config, clauses: &mut Vec<Clause>) -> Vec<Task> {
    let mut tasks = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = &lines[i];
        i += 1;
        if line.kind != LineKind::Prose {
            continue;
        }
        let text = &prose[line.range.as_range()];
        let Some(sep) = separator(text) else { continue };
        let header = cells(prose, line.range, sep);
        let Some(cols) = header_columns(prose, &header, m) else { continue };
        // Rows follow until a line that is not a table line.
        while i < lines.len() {
            let row = &lines[i];
            let row_text = &prose[row.range.as_range()];
            if row.kind != LineKind::Prose || separator(row_text) != Some(sep) {
                break;
            }
            i += 1;
            if row_text.trim().trim_matches(['|', '-', ':', ' ', '\0']).is_empty() {
                continue; // |---|---|
            }
            let cells = cells(prose, row.range, sep);
            let cell = |k: Option<usize>| k.and_then(|k| cells.get(k)).copied();
            let task_cell = cell(cols.task).or_else(|| cells.iter().find(|c| !c.is_empty()).copied());
            let Some(task_cell) = task_cell else { continue };
            if task_cell.is_empty() {
                continue;
            }
            let number_cell = cell(cols.number);
            let number = number_cell.and_then(|c| numerals::parse_arabic(&prose[c.as_range()])).map_or(0, |(n, _)| n);
            let mut leads = cell(cols.lead).map(|c| split_units(prose, c.start(), c.end(), config)).unwrap_or_default();
            let mut others = Vec::new();
            for &k in &cols.others {
                if let Some(c) = cells.get(k) {
                    others.extend(split_units(prose, c.start(), c.end(), config));
                }
            }
            let lead_explicit = cols.lead.is_some() && !leads.is_empty();
            if leads.is_empty() && !others.is_empty() {
                leads.push(others.remove(0));
            }
            let mut ids = Vec::new();
            if !leads.is_empty() || !others.is_empty() {
                ids.push(clauses.len() as u32);
                clauses.push(Clause {
                    range: row.range,
                    leads: leads.clone(),
                    others: others.clone(),
                    lead_explicit,
                    empty_lead_label: None,
                    style: ClauseStyle { parenthesised: false, full_width: true, labelled_lead: cols.lead.is_some() },
                });
            }
            tasks.push(Task {
                heading: None,
                number,
                range: row.range,
                marker: number_cell.unwrap_or(TextRange::empty(task_cell.start())),
                title: task_cell,
                clauses: ids,
                leads,
                others,
                insert_at: cell(cols.lead).map_or(row.range.end, |c| c.end),
                table_row: true,
            });
        }
    }
    tasks
}
