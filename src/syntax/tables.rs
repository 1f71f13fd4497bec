//! Task tables: a Markdown pipe table or a tab- or `｜`-separated table whose
//! header names a 牵头单位 or 责任单位 column (任务分工方案 are often laid out
//! this way: 序号｜任务｜措施｜牵头单位｜责任单位｜完成时限). Each row is a task.
//!
//! Tables copied from web pages often arrive *flattened*, one cell per line.
//! When every cell ends with a `|`, the rows can be rebuilt from the header's
//! width; without any separator (row-spanning cells) only the header can be
//! recognised, which still tells that the draft assigns units to its items.

use crate::syntax::markup::{Line, LineKind};
use crate::syntax::responsibility::{Clause, ClauseStyle, Matchers, UnitNames, Units, shared, split_units};
use crate::syntax::{Task, Vocabulary, numerals};
use crate::text::{TextRange, is_inline_space};

/// What the table scan found.
#[derive(Default)]
pub(crate) struct Tables {
    /// One task per table row; `Task::clauses` index into `clauses`.
    pub tasks: Vec<Task>,
    pub clauses: Vec<Clause>,
    /// Some table header names a responsibility column.
    pub header: bool,
}

static FULL_BAR: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
    std::sync::LazyLock::new(|| memchr::memmem::Finder::new("｜".as_bytes()));

/// Separator of a table line, if it is one.
fn separator(line: &str) -> Option<char> {
    // `str::contains('｜')` searches for its last byte, which 作 (E4 BD 9C) shares:
    // per line it cost more than the rest of the table scan.
    if memchr::memchr2(b'|', b'\t', line.as_bytes()).is_none() && FULL_BAR.find(line.as_bytes()).is_none() {
        return None;
    }
    let t = line.trim();
    if t.starts_with('|') || t.matches('|').count() >= 2 {
        Some('|')
    } else if t.matches('｜').count() >= 2 {
        Some('｜')
    } else if line.matches('\t').count() >= 2 {
        // Counted untrimmed: a row whose last cells are empty ends in tabs.
        Some('\t')
    } else {
        None
    }
}

/// The offsets of `|`, tabs and `｜` in a text: a line without any is no table
/// line. Found in one pass each over the whole text instead of two searches
/// per line, which cost more than the rest of the table scan (most drafts
/// hold no table at all).
struct Bars(Vec<usize>);

impl Bars {
    fn new(prose: &str) -> Bars {
        let bytes = prose.as_bytes();
        let mut at: Vec<usize> = memchr::memchr2_iter(b'|', b'\t', bytes).collect();
        at.extend(FULL_BAR.find_iter(bytes));
        at.sort_unstable();
        Bars(at)
    }

    /// The separator of the line at `range`, if it is a table line.
    fn separator(&self, prose: &str, range: TextRange) -> Option<char> {
        let first = self.0.partition_point(|&p| p < range.start());
        let inside = self.0.get(first).is_some_and(|&p| p < range.end());
        inside.then(|| separator(&prose[range.as_range()]))?
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
    /// 责任领导: a person, used as the lead only when no unit is named.
    leader: Option<usize>,
    others: Vec<usize>,
}

fn header_columns(prose: &str, cells: &[TextRange], m: &Matchers) -> Option<Columns> {
    let mut cols = Columns::default();
    for (i, c) in cells.iter().enumerate() {
        // Names with spaces inside (`牵头 单位`, from a justified header) read as one word.
        let name: String =
            prose[c.as_range()].chars().filter(|&c| c != '\0' && !is_inline_space(c) && c != '|').collect();
        let name = name.as_str();
        if m.is_lead_label(name) {
            cols.lead.get_or_insert(i);
        } else if m.is_leader_label(name) {
            cols.leader.get_or_insert(i);
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
    if cols.lead.is_none() && cols.leader.is_none() && cols.others.is_empty() {
        return None;
    }
    Some(cols)
}

/// Finds task tables; returns their rows as tasks and their cells as clauses.
/// Header names are matched in `folded`; units are read from `prose`.
pub(crate) fn find(prose: &str, folded: &str, lines: &[Line], m: &Matchers, vocab: &Vocabulary<'_>) -> Tables {
    let mut out = Tables::default();
    let mut names = UnitNames::default();
    let bars = Bars::new(prose);
    let mut i = 0;
    while i < lines.len() {
        let line = &lines[i];
        i += 1;
        if line.kind != LineKind::Prose {
            continue;
        }
        let Some(sep) = bars.separator(prose, line.range) else {
            i = flattened(prose, folded, lines, i - 1, m, vocab, &mut names, &mut out);
            continue;
        };
        let header = cells(folded, line.range, sep);
        let Some(cols) = header_columns(folded, &header, m) else { continue };
        out.header = true;
        // Rows follow until a line that is not a table line.
        while i < lines.len() {
            let row = &lines[i];
            let row_text = &prose[row.range.as_range()];
            if row.kind != LineKind::Prose || bars.separator(prose, row.range) != Some(sep) {
                break;
            }
            i += 1;
            if row_text.trim().trim_matches(['|', '-', ':', ' ', '\0']).is_empty() {
                continue; // |---|---|
            }
            let cells = cells(prose, row.range, sep);
            push_row(prose, &cols, &cells, row.range, vocab, &mut names, &mut out);
        }
    }
    out
}

/// Adds one row (its cells) as a task.
fn push_row<'p>(
    prose: &'p str,
    cols: &Columns,
    cells: &[TextRange],
    range: TextRange,
    vocab: &Vocabulary<'_>,
    names: &mut UnitNames<'p>,
    out: &mut Tables,
) {
    let cell = |k: Option<usize>| k.and_then(|k| cells.get(k)).copied();
    let task_cell = cell(cols.task)
        .or_else(|| cells.iter().enumerate().find(|(k, c)| !c.is_empty() && Some(*k) != cols.number).map(|(_, c)| *c));
    let Some(task_cell) = task_cell else { return };
    if task_cell.is_empty() {
        return;
    }
    let number_cell = cell(cols.number);
    let number = number_cell.and_then(|c| numerals::parse_arabic(&prose[c.as_range()])).map_or(0, |(n, _)| n);
    let mut leads = Vec::new();
    if let Some(c) = cell(cols.lead) {
        split_units(prose, c.start(), c.end(), vocab, names, &mut leads);
    }
    let mut others = Vec::new();
    for &k in &cols.others {
        if let Some(c) = cells.get(k) {
            split_units(prose, c.start(), c.end(), vocab, names, &mut others);
        }
    }
    let mut lead_explicit = cols.lead.is_some() && !leads.is_empty();
    if leads.is_empty() && !others.is_empty() {
        leads.push(others.remove(0));
    }
    if leads.is_empty() {
        // Only the leader's cell is filled: the leader answers for the task.
        if let Some(c) = cell(cols.leader) {
            split_units(prose, c.start(), c.end(), vocab, names, &mut leads);
        }
        lead_explicit = !leads.is_empty();
    }
    let mut ids = Vec::new();
    let (leads, others) = (shared(&mut leads), shared(&mut others));
    if !leads.is_empty() || !others.is_empty() {
        ids.push(out.clauses.len() as u32);
        out.clauses.push(Clause {
            range,
            leads: Units::clone(&leads),
            others: Units::clone(&others),
            lead_explicit,
            empty_lead_label: None,
            style: ClauseStyle { parenthesised: false, full_width: true, labelled_lead: cols.lead.is_some() },
        });
    }
    out.tasks.push(Task {
        heading: None,
        number,
        range,
        marker: number_cell.filter(|c| !c.is_empty()).unwrap_or(TextRange::empty(task_cell.start())),
        title: task_cell,
        clauses: ids,
        leads,
        others,
        inherited: false,
        insert_at: cell(cols.lead).map_or(range.end, |c| c.end),
        table_row: true,
    });
}

/// A header cell on a line of its own: a short name, optionally closed by `|`.
fn header_cell(folded: &str, line: &Line) -> Option<(TextRange, bool)> {
    // At most eight characters and a closing `|`: skip long lines without looking at them.
    if line.kind != LineKind::Prose || line.range.len() > 48 {
        return None;
    }
    let (range, piped) = flat_cell(folded, line);
    let name = &folded[range.as_range()];
    let n = name.chars().count();
    ((1..=8).contains(&n) && name.chars().all(crate::text::is_han)).then_some((range, piped))
}

/// The content of a one-cell line, without a closing `|`, and whether it had one.
fn flat_cell(prose: &str, line: &Line) -> (TextRange, bool) {
    let s = &prose[line.content_range().as_range()];
    let t = s.trim_end_matches(|c: char| is_inline_space(c) || c == '\0');
    let piped = t.ends_with('|');
    let t = t.trim_end_matches('|').trim_end_matches(|c: char| is_inline_space(c) || c == '\0');
    let lead = t.len() - t.trim_start_matches(|c: char| is_inline_space(c) || c == '\0').len();
    let start = line.content as usize + lead;
    (TextRange::new(start, (line.content as usize + t.len()).max(start)), piped)
}

/// A table flattened to one cell per line, starting at line `at`: returns the
/// line after it (or `at + 1` when there is none). The header is three or
/// more short names, one of them a responsibility column. When its cells end
/// with `|`, the rows that follow are rebuilt (a cell runs to the next line
/// that ends with `|`).
#[allow(clippy::too_many_arguments)]
fn flattened<'p>(
    prose: &'p str,
    folded: &str,
    lines: &[Line],
    at: usize,
    m: &Matchers,
    vocab: &Vocabulary<'_>,
    names: &mut UnitNames<'p>,
    out: &mut Tables,
) -> usize {
    let mut header = Vec::new();
    let mut all_piped = true;
    let mut j = at;
    while j < lines.len()
        && let Some((cell, piped)) = header_cell(folded, &lines[j])
    {
        header.push(cell);
        all_piped &= piped;
        j += 1;
    }
    if header.len() < 3 {
        return at + 1;
    }
    let Some(cols) = header_columns(folded, &header, m) else { return at + 1 };
    out.header = true;
    if !all_piped {
        return j;
    }
    // Rows: cells end at lines ending in `|`; a row has one cell per header name.
    let width = header.len();
    let mut cells: Vec<TextRange> = Vec::new();
    let mut row_start = None;
    let mut cell_start: Option<usize> = None;
    while j < lines.len() && lines[j].kind != LineKind::Blank && lines[j].kind == LineKind::Prose {
        let (content, piped) = flat_cell(prose, &lines[j]);
        let start = *cell_start.get_or_insert(content.start());
        row_start.get_or_insert(lines[j].range.start());
        j += 1;
        if !piped {
            if j - at > 10_000 {
                break;
            }
            continue;
        }
        cells.push(TextRange::new(start, content.end().max(start)));
        cell_start = None;
        if cells.len() == width {
            let range = TextRange::new(row_start.take().unwrap_or(start), lines[j - 1].range.end());
            push_row(prose, &cols, &cells, range, vocab, names, out);
            cells.clear();
        }
    }
    j
}

/// When `cursor` is in a lead or responsible-unit cell of a task table row
/// (a pipe, `｜` or tab table whose header, the first line of the table,
/// names such a column): where the cell starts and where the unit name being
/// typed starts (after the last 、 or other separator in the cell). `folded`
/// is the prose view folded to simplified characters.
pub fn open_unit_cell(folded: &str, lines: &[Line], vocab: &Vocabulary<'_>, cursor: usize) -> Option<(usize, usize)> {
    let row = crate::syntax::responsibility::line_containing(lines, cursor)?;
    let text_of = |i: usize| &folded[lines[i].range.as_range()];
    let is_row = |i: usize, sep: char| lines[i].kind == LineKind::Prose && separator(text_of(i)) == Some(sep);
    if lines[row].kind != LineKind::Prose {
        return None;
    }
    let sep = separator(text_of(row))?;
    let mut header = row;
    while header > 0 && is_row(header - 1, sep) {
        header -= 1;
    }
    if header == row {
        return None;
    }
    let m = Matchers::for_vocab(vocab);
    let cols = header_columns(folded, &cells(folded, lines[header].range, sep), &m)?;
    let line = lines[row].range;
    let before = &folded[line.start()..cursor];
    let mut column = before.matches(sep).count();
    if sep != '\t' && before.trim_start().starts_with(sep) {
        column = column.saturating_sub(1);
    }
    if cols.lead != Some(column) && !cols.others.contains(&column) {
        return None;
    }
    let cell = before.rfind(sep).map_or(line.start(), |i| line.start() + i + sep.len_utf8());
    let typed = &folded[cell..cursor];
    let unit = typed
        .rfind(['、', '，', '；', ',', ';', '/', '／'])
        .map_or(0, |i| i + typed[i..].chars().next().map_or(1, char::len_utf8));
    let unit = cell + unit + (typed[unit..].len() - typed[unit..].trim_start().len());
    Some((cell, unit))
}
