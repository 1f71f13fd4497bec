//! The responsibility report (`planlint report`): for each unit the tasks it
//! leads and supports, the tasks without a lead or with only generic leads
//! (各有关单位, 各区人民政府), the targets with their class and figures, and
//! counts per section.
//!
//! [`Report::build`] reads an [`Analysis`]; [`Report::merge`] joins the
//! reports of several drafts into one matrix. Both are pure, like the rest of
//! the core, so the language server can build a report of an open document.
//! Unit names are merged through the configured aliases (`[units] aliases`),
//! after folding traditional characters, white space and bracket widths.
//!
//! The renderers are plain string builders: [`to_markdown`], [`to_csv`] and
//! [`to_html`]. JSON is a wire format and belongs to the shells (core output
//! types are not `Serialize`): `src/cli/report_json.rs`.

use std::collections::BTreeMap;

use crate::Analysis;
use crate::config::Config;
use crate::diagnostic::Severity;
use crate::lang::Lang;
use crate::syntax::outline::NumberStyle;
use crate::syntax::quantity::{self, TargetClass};
use crate::syntax::{Document, Genre, Unit};
use crate::text::{LineIndex, TextRange};

mod csv;
mod html;
mod markdown;

pub use csv::to_csv;
pub use html::to_html;
pub use markdown::to_markdown;

/// A report over one draft, or over several merged (`--merge`).
#[derive(Clone, Debug)]
pub struct Report {
    pub files: Vec<FileReport>,
    /// The responsibility matrix: specific units first, each group by the
    /// number of tasks led, then supported, then first appearance.
    pub units: Vec<UnitRow>,
    /// Pairs of units (indices into `units`) whose names look like two
    /// spellings of one body (`市科技局`, `市科学技术局`) and that no alias joins.
    pub similar: Vec<(usize, usize)>,
}

/// What one draft contributes.
#[derive(Clone, Debug)]
pub struct FileReport {
    /// The name the shell gave it (a path).
    pub name: String,
    /// The title line the genre was read from.
    pub title: Option<String>,
    pub genre: Genre,
    /// The analysed text, for the HTML view of the draft.
    pub text: String,
    pub tasks: Vec<TaskRow>,
    pub targets: Vec<TargetRow>,
    /// The top-level sections in order; a first row without a heading holds
    /// what comes before them, when anything counted does.
    pub sections: Vec<SectionRow>,
    pub findings: Vec<FindingRow>,
}

/// A task of the draft.
#[derive(Clone, Debug)]
pub struct TaskRow {
    /// Its number as written (`3`, `（二）`), prefixed with the numbers above
    /// it where the draft numbers tasks again in each section (`（二）1`):
    /// unique within the file.
    pub label: String,
    /// 1-based line of its number.
    pub line: u32,
    /// Index into [`FileReport::sections`].
    pub section: usize,
    pub title: String,
    /// Indices into [`Report::units`].
    pub leads: Vec<usize>,
    pub supports: Vec<usize>,
    pub status: LeadStatus,
    /// Its units are those of an enclosing item.
    pub inherited: bool,
    /// A row of a task table.
    pub table_row: bool,
    pub range: TextRange,
}

/// Whether a task has someone accountable.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum LeadStatus {
    /// At least one specific lead unit.
    Specific,
    /// Only generic leads (各有关单位, 各区人民政府).
    GenericOnly,
    /// No lead at all (no clause, or `牵头单位：` left empty).
    None,
}

/// A target statement.
#[derive(Clone, Debug)]
pub struct TargetRow {
    pub line: u32,
    pub section: usize,
    pub class: TargetClass,
    /// The figures it states, with their units, as written (`1500家`, `2.5%`).
    pub figures: Vec<String>,
    /// The statement, on one line.
    pub text: String,
    pub range: TextRange,
}

/// A top-level section and what it holds.
#[derive(Clone, Debug)]
pub struct SectionRow {
    /// The heading's number and title (`二、主要任务`); `None` for the text
    /// before the first section.
    pub heading: Option<String>,
    pub line: u32,
    pub counts: Counts,
}

/// Counts of one section or one file.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub tasks: usize,
    pub without_lead: usize,
    pub generic_lead: usize,
    /// Targets by class, in [`TARGET_CLASSES`] order.
    pub targets: [usize; 4],
    /// Findings by severity: error, warning, info, hint.
    pub findings: [usize; 4],
}

impl Counts {
    fn add(&mut self, other: &Counts) {
        self.tasks += other.tasks;
        self.without_lead += other.without_lead;
        self.generic_lead += other.generic_lead;
        for k in 0..4 {
            self.targets[k] += other.targets[k];
            self.findings[k] += other.findings[k];
        }
    }

    pub fn target_total(&self) -> usize {
        self.targets.iter().sum()
    }

    pub fn finding_total(&self) -> usize {
        self.findings.iter().sum()
    }

    fn is_empty(&self) -> bool {
        *self == Counts::default()
    }
}

/// Target classes in the order reports list them.
pub const TARGET_CLASSES: [TargetClass; 4] =
    [TargetClass::Quantified, TargetClass::Qualitative, TargetClass::Relative, TargetClass::Masked];

fn class_index(c: TargetClass) -> usize {
    TARGET_CLASSES.iter().position(|&k| k == c).unwrap_or(0)
}

fn severity_index(s: Severity) -> usize {
    match s {
        Severity::Error => 0,
        Severity::Warning => 1,
        Severity::Info => 2,
        Severity::Hint => 3,
    }
}

/// A finding, placed for the HTML view.
#[derive(Clone, Debug)]
pub struct FindingRow {
    pub range: TextRange,
    /// 1-based line and character column.
    pub line: u32,
    pub column: u32,
    pub severity: Severity,
    pub code: &'static str,
    pub rule: &'static str,
    pub message: String,
}

/// One unit of the matrix.
#[derive(Clone, Debug)]
pub struct UnitRow {
    /// The configured full name, or the first spelling seen.
    pub name: String,
    /// 各有关单位, 各区人民政府 …: not a specific lead.
    pub generic: bool,
    /// Other spellings that were merged into it, as written.
    pub variants: Vec<String>,
    pub leads: Vec<TaskRef>,
    pub supports: Vec<TaskRef>,
    /// What spellings are merged on.
    key: String,
    /// Where it was first seen: (file, task).
    first: (usize, usize),
}

/// A task of a report: indices into [`Report::files`] and its `tasks`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct TaskRef {
    pub file: usize,
    pub task: usize,
}

impl Report {
    /// The report of one analysed draft, `name` being what to call it (a path).
    pub fn build(analysis: &Analysis<'_>, config: &Config, name: &str) -> Report {
        let doc = &analysis.document;
        let index = LineIndex::new(doc.text);
        let line = |offset: usize| index.line_of(offset) as u32 + 1;
        let aliases = Aliases::new(&config.unit_aliases);
        let sections = Sections::new(doc);
        let labels = task_labels(doc, &line);
        let mut units = Units::default();
        let mut tasks = Vec::with_capacity(doc.tasks.len());
        for (k, t) in doc.tasks.iter().enumerate() {
            let mut leads: Vec<usize> = Vec::new();
            let mut supports: Vec<usize> = Vec::new();
            for u in t.leads.iter() {
                let i = units.intern(doc, u, &aliases, k);
                if !leads.contains(&i) {
                    leads.push(i);
                }
            }
            for u in t.others.iter() {
                let i = units.intern(doc, u, &aliases, k);
                if !leads.contains(&i) && !supports.contains(&i) {
                    supports.push(i);
                }
            }
            for &i in &leads {
                units.rows[i].leads.push(TaskRef { file: 0, task: k });
            }
            for &i in &supports {
                units.rows[i].supports.push(TaskRef { file: 0, task: k });
            }
            let status = if t.leads.is_empty() {
                LeadStatus::None
            } else if t.has_specific_lead() {
                LeadStatus::Specific
            } else {
                LeadStatus::GenericOnly
            };
            tasks.push(TaskRow {
                label: labels[k].clone(),
                line: line(t.marker.start().min(t.title.start())),
                section: sections.of(t.range.start()),
                title: one_line(&doc.prose[t.title.as_range()]),
                leads,
                supports,
                status,
                inherited: t.inherited,
                table_row: t.table_row,
                range: t.range,
            });
        }
        let targets = doc
            .targets
            .iter()
            .map(|t| TargetRow {
                line: line(t.anchor.start()),
                section: sections.of(t.range.start()),
                class: quantity::classify(doc, t),
                figures: quantity::figures(doc, t.range).into_iter().map(|r| one_line(doc.slice(r))).collect(),
                // Without the responsibility clauses inside it (a 责任分解 of targets).
                text: one_line(
                    &quantity::outside_clauses(doc, t.range)
                        .into_iter()
                        .map(|(s, e)| &doc.prose[s..e])
                        .collect::<String>(),
                ),
                range: t.range,
            })
            .collect::<Vec<_>>();
        let findings = analysis
            .diagnostics
            .iter()
            .map(|d| {
                let at = index.char_col(doc.text, d.range.start());
                FindingRow {
                    range: d.range,
                    line: at.line + 1,
                    column: at.col + 1,
                    severity: d.severity,
                    code: d.rule.code,
                    rule: d.rule.name,
                    message: d.message.to_string(),
                }
            })
            .collect::<Vec<_>>();
        let mut file = FileReport {
            name: name.to_string(),
            title: doc.genre_line.map(|l| one_line(&doc.prose[doc.lines[l as usize].range.as_range()])),
            genre: doc.genre,
            text: doc.text.to_string(),
            tasks,
            targets,
            sections: Vec::new(),
            findings,
        };
        file.sections = sections.rows(doc, &file, &line);
        // Section indices were counted without the row for the text before
        // the first section; shift them when that row exists.
        if file.sections.first().is_some_and(|s| s.heading.is_none()) {
            let shift = |s: &mut usize| *s = if *s == usize::MAX { 0 } else { *s + 1 };
            file.tasks.iter_mut().for_each(|t| shift(&mut t.section));
            file.targets.iter_mut().for_each(|t| shift(&mut t.section));
        }
        let mut report = Report { files: vec![file], units: units.rows, similar: Vec::new() };
        report.finish();
        report
    }

    /// One report over several drafts: their units merged into one matrix.
    pub fn merge(reports: impl IntoIterator<Item = Report>) -> Report {
        let mut out = Report { files: Vec::new(), units: Vec::new(), similar: Vec::new() };
        let mut by_key: BTreeMap<String, usize> = BTreeMap::new();
        for r in reports {
            let offset = out.files.len();
            let shift = |refs: Vec<TaskRef>| refs.into_iter().map(move |t| TaskRef { file: t.file + offset, ..t });
            let mut map = Vec::with_capacity(r.units.len());
            for u in r.units {
                let i = *by_key.entry(u.key.clone()).or_insert_with(|| {
                    out.units.push(UnitRow {
                        leads: Vec::new(),
                        supports: Vec::new(),
                        variants: Vec::new(),
                        first: (u.first.0 + offset, u.first.1),
                        ..u.clone()
                    });
                    out.units.len() - 1
                });
                let row = &mut out.units[i];
                row.generic |= u.generic;
                for v in std::iter::once(u.name).chain(u.variants) {
                    if v != row.name && !row.variants.contains(&v) {
                        row.variants.push(v);
                    }
                }
                row.leads.extend(shift(u.leads));
                row.supports.extend(shift(u.supports));
                map.push(i);
            }
            for mut f in r.files {
                for t in &mut f.tasks {
                    t.leads.iter_mut().for_each(|i| *i = map[*i]);
                    t.supports.iter_mut().for_each(|i| *i = map[*i]);
                }
                out.files.push(f);
            }
        }
        out.finish();
        out
    }

    /// Sorts the units (renumbering the tasks' references) and finds similar names.
    fn finish(&mut self) {
        let mut order: Vec<usize> = (0..self.units.len()).collect();
        order.sort_by_key(|&i| {
            let u = &self.units[i];
            (u.generic, std::cmp::Reverse(u.leads.len()), std::cmp::Reverse(u.supports.len()), u.first)
        });
        let mut new_index = vec![0; order.len()];
        for (new, &old) in order.iter().enumerate() {
            new_index[old] = new;
        }
        let mut slots: Vec<Option<UnitRow>> = std::mem::take(&mut self.units).into_iter().map(Some).collect();
        self.units = order.iter().filter_map(|&i| slots[i].take()).collect();
        for u in &mut self.units {
            u.leads.sort_unstable();
            u.supports.sort_unstable();
        }
        for f in &mut self.files {
            for t in &mut f.tasks {
                t.leads.iter_mut().for_each(|i| *i = new_index[*i]);
                t.supports.iter_mut().for_each(|i| *i = new_index[*i]);
            }
        }
        self.similar.clear();
        let names: Vec<Option<Vec<char>>> =
            self.units.iter().map(|u| (!u.generic).then(|| name_chars(&u.key))).collect();
        for (i, a) in names.iter().enumerate() {
            for (j, b) in names.iter().enumerate().skip(i + 1) {
                if let (Some(a), Some(b)) = (a, b)
                    && similar_chars(a, b)
                {
                    self.similar.push((i, j));
                }
            }
        }
    }

    /// Whether the report covers several drafts (its tables then name the file).
    pub fn is_multi_file(&self) -> bool {
        self.files.len() > 1
    }
}

impl FileReport {
    /// The counts of the whole draft.
    pub fn totals(&self) -> Counts {
        let mut c = Counts::default();
        self.sections.iter().for_each(|s| c.add(&s.counts));
        c
    }
}

/// Text on one line: filler removed, line breaks and runs of spaces made one space.
fn one_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c == '\0' {
            continue;
        }
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.push(c);
    }
    out
}

/// What unit spellings are merged on: no white space or filler, simplified
/// characters, full-width brackets.
fn unit_key(name: &str) -> String {
    let plain: String = name
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\0')
        .map(|c| match c {
            '(' => '（',
            ')' => '）',
            _ => c,
        })
        .collect();
    crate::text::fold::fold(&plain).into_owned()
}

/// The configured aliases by key: each alias, and each full name, to the full name.
struct Aliases(BTreeMap<String, String>);

impl Aliases {
    fn new(pairs: &[(String, String)]) -> Aliases {
        let mut map = BTreeMap::new();
        for (alias, full) in pairs {
            let full_name = one_line(full);
            map.insert(unit_key(full), full_name.clone());
            map.insert(unit_key(alias), full_name);
        }
        Aliases(map)
    }
}

/// The units of one draft as they are met.
#[derive(Default)]
struct Units {
    rows: Vec<UnitRow>,
    by_key: BTreeMap<String, usize>,
}

impl Units {
    fn intern(&mut self, doc: &Document<'_>, unit: &Unit, aliases: &Aliases, task: usize) -> usize {
        let written = one_line(&doc.prose[unit.range.as_range()]);
        // Brackets as GB/T 15834 writes them in Chinese: `各县（市、区）`.
        let name = one_line(&unit.name).replace('(', "（").replace(')', "）");
        let (key, display) = match aliases.0.get(&unit_key(&name)) {
            Some(full) => (unit_key(full), full.clone()),
            None => (unit_key(&name), name),
        };
        let i = *self.by_key.entry(key.clone()).or_insert_with(|| {
            self.rows.push(UnitRow {
                name: display,
                generic: false,
                variants: Vec::new(),
                leads: Vec::new(),
                supports: Vec::new(),
                key,
                first: (0, task),
            });
            self.rows.len() - 1
        });
        let row = &mut self.rows[i];
        row.generic |= unit.generic;
        if written != row.name && !written.is_empty() && !row.variants.contains(&written) {
            row.variants.push(written);
        }
        i
    }
}

/// Whether two unit names look like two spellings of one body: the shorter
/// (three characters or more) is the longer with characters left out, both
/// begin and end alike (委员会 read as 委), and the longer does not just
/// extend it (`市委` / `市委办`).
#[cfg(test)]
fn similar_names(a: &str, b: &str) -> bool {
    similar_chars(&name_chars(a), &name_chars(b))
}

/// A name's characters as [`similar_chars`] compares them: 委员会 read as 委.
fn name_chars(name: &str) -> Vec<char> {
    let mut c: Vec<char> = name.chars().collect();
    if c.ends_with(&['委', '员', '会']) {
        c.truncate(c.len() - 2);
    }
    c
}

fn similar_chars(a: &[char], b: &[char]) -> bool {
    let (s, l) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if s.len() < 3 || s.len() >= l.len() || s[0] != l[0] || s.last() != l.last() || l.starts_with(s) {
        return false;
    }
    let mut rest = l.iter();
    s.iter().all(|c| rest.any(|d| d == c))
}

/// The numbers of the tasks, unique within the draft: the number as
/// written, or, when the draft numbers tasks again in each section, with the
/// numbers of the sections above it (the fewest levels that tell the most
/// tasks apart, the same for every task), and the line for any left alike.
fn task_labels(doc: &Document<'_>, line: &dyn Fn(usize) -> u32) -> Vec<String> {
    // Each task's number, then those of the headings above it, innermost first.
    let chains: Vec<Vec<String>> = doc
        .tasks
        .iter()
        .map(|t| {
            let own = clean_marker(doc.slice(t.marker));
            let mut chain = vec![if own.is_empty() { t.number.to_string() } else { own }];
            if let Some(h) = t.heading {
                chain.extend(
                    doc.headings
                        .ancestors(h as usize)
                        .filter(|&a| doc.headings[a].style != NumberStyle::Markdown)
                        .map(|a| clean_marker(doc.slice(doc.headings[a].marker)))
                        .filter(|m| !m.is_empty()),
                );
            }
            chain
        })
        .collect();
    let at_depth = |d: usize| -> Vec<String> {
        chains
            .iter()
            .map(|chain| {
                let mut label = String::new();
                for m in chain[..chain.len().min(d + 1)].iter().rev() {
                    let sep = if label.is_empty() || label.ends_with(['）', ')']) || m.starts_with(['（', '(']) {
                        ""
                    } else {
                        "."
                    };
                    label.push_str(sep);
                    label.push_str(m);
                }
                label
            })
            .collect()
    };
    let collisions = |labels: &[String]| -> usize {
        let mut count: BTreeMap<&str, usize> = BTreeMap::new();
        labels.iter().for_each(|l| *count.entry(l.as_str()).or_default() += 1);
        labels.iter().filter(|l| count[l.as_str()] > 1).count()
    };
    let deepest = chains.iter().map(Vec::len).max().unwrap_or(1);
    let mut best = at_depth(0);
    let mut fewest = collisions(&best);
    for d in 1..deepest {
        if fewest == 0 {
            break;
        }
        let labels = at_depth(d);
        let n = collisions(&labels);
        if n < fewest {
            best = labels;
            fewest = n;
        }
    }
    if fewest > 0 {
        let mut count: BTreeMap<String, usize> = BTreeMap::new();
        best.iter().for_each(|l| *count.entry(l.clone()).or_default() += 1);
        for (label, t) in best.iter_mut().zip(&doc.tasks) {
            if count[label.as_str()] > 1 {
                *label = format!("{label}·L{}", line(t.marker.start()));
            }
        }
    }
    best
}

/// A structure number without its delimiter: `3.` → `3`, `一、` → `一`.
fn clean_marker(m: &str) -> String {
    m.trim_matches(|c: char| c.is_whitespace() || c == '\0')
        .trim_end_matches(['.', '．', '、', ',', '，', ' '])
        .to_string()
}

/// The top-level sections of a draft: the outline's roots, or the children
/// of a lone Markdown title.
struct Sections {
    /// (heading index, start, end) in order.
    spans: Vec<(usize, usize, usize)>,
}

impl Sections {
    fn new(doc: &Document<'_>) -> Sections {
        let roots: Vec<usize> = doc.headings.roots().collect();
        let heads = match roots.as_slice() {
            [only] if doc.headings[*only].style == NumberStyle::Markdown => {
                let kids: Vec<usize> = doc.headings.children(*only).collect();
                if kids.is_empty() { roots } else { kids }
            }
            _ => roots,
        };
        let spans = heads
            .into_iter()
            .map(|h| {
                let s = doc.headings[h].section();
                (h, s.start(), s.end())
            })
            .collect();
        Sections { spans }
    }

    /// The index of the section containing `offset`, counting a section 0
    /// before the first for what lies outside every section; the caller
    /// shifts by one only when that row exists ([`Sections::rows`]).
    fn of(&self, offset: usize) -> usize {
        let i = self.spans.partition_point(|&(_, s, _)| s <= offset);
        match i.checked_sub(1) {
            Some(k) if offset < self.spans[k].2 => k,
            _ => usize::MAX,
        }
    }

    /// The rows with their counts. Items outside every section (index
    /// `usize::MAX`) make a first row without a heading.
    fn rows(&self, doc: &Document<'_>, file: &FileReport, line: &dyn Fn(usize) -> u32) -> Vec<SectionRow> {
        let mut counts = vec![Counts::default(); self.spans.len()];
        let mut outside = Counts::default();
        let mut bump = |section: usize, f: &dyn Fn(&mut Counts)| {
            if section == usize::MAX {
                f(&mut outside);
            } else {
                f(&mut counts[section]);
            }
        };
        for t in &file.tasks {
            let status = t.status;
            bump(t.section, &|c: &mut Counts| {
                c.tasks += 1;
                match status {
                    LeadStatus::None => c.without_lead += 1,
                    LeadStatus::GenericOnly => c.generic_lead += 1,
                    LeadStatus::Specific => {}
                }
            });
        }
        for t in &file.targets {
            let k = class_index(t.class);
            bump(t.section, &|c: &mut Counts| c.targets[k] += 1);
        }
        for f in &file.findings {
            let k = severity_index(f.severity);
            bump(self.of(f.range.start()), &|c: &mut Counts| c.findings[k] += 1);
        }
        let mut rows = Vec::with_capacity(self.spans.len() + 1);
        if !outside.is_empty() {
            rows.push(SectionRow { heading: None, line: 1, counts: outside });
        }
        for (&(h, start, _), counts) in self.spans.iter().zip(counts) {
            let hd = &doc.headings[h];
            let marker = doc.slice(hd.marker).trim();
            let title = one_line(&doc.prose[hd.title.as_range()]);
            rows.push(SectionRow { heading: Some(format!("{marker}{title}")), line: line(start), counts });
        }
        rows
    }
}

// ---- words shared by the renderers ----------------------------------------

pub(crate) fn class_name(c: TargetClass, lang: Lang) -> &'static str {
    match c {
        TargetClass::Quantified => lang.pick("量化", "quantified"),
        TargetClass::Qualitative => lang.pick("定性", "qualitative"),
        TargetClass::Relative => lang.pick("相对", "relative"),
        TargetClass::Masked => lang.pick("数值待填", "masked"),
    }
}

pub(crate) fn status_name(s: LeadStatus, lang: Lang) -> &'static str {
    match s {
        LeadStatus::Specific => lang.pick("有牵头单位", "led"),
        LeadStatus::GenericOnly => lang.pick("仅泛指牵头", "generic lead only"),
        LeadStatus::None => lang.pick("无牵头单位", "no lead"),
    }
}

pub(crate) fn genre_name(g: Genre, lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => g.name(),
        Lang::En => g.name_en(),
    }
}

pub(crate) fn severity_name(s: Severity, lang: Lang) -> &'static str {
    match s {
        Severity::Error => lang.pick("错误", "error"),
        Severity::Warning => lang.pick("警告", "warning"),
        Severity::Info => lang.pick("提示", "info"),
        Severity::Hint => lang.pick("提示", "hint"),
    }
}

/// The names of units (indices into `units`), joined.
pub(crate) fn unit_names(report: &Report, units: &[usize]) -> String {
    units.iter().map(|&i| report.units[i].name.as_str()).collect::<Vec<_>>().join("、")
}

/// A unit's name, with the other spellings merged into it.
pub(crate) fn unit_title(u: &UnitRow, lang: Lang) -> String {
    if u.variants.is_empty() {
        u.name.clone()
    } else {
        format!("{}{}{}{}", u.name, lang.pick("（又作：", " (also: "), u.variants.join("、"), lang.pick("）", ")"))
    }
}

/// Task references as numbers, by file when the report has several.
pub(crate) fn task_list(report: &Report, refs: &[TaskRef], lang: Lang) -> String {
    let label = |r: &TaskRef| report.files[r.file].tasks[r.task].label.as_str();
    if !report.is_multi_file() {
        return refs.iter().map(label).collect::<Vec<_>>().join("、");
    }
    let mut parts = Vec::new();
    let mut k = 0;
    while k < refs.len() {
        let file = refs[k].file;
        let run: Vec<&str> = refs[k..].iter().take_while(|r| r.file == file).map(label).collect();
        k += run.len();
        parts.push(format!("{}{}{}", report.files[file].name, lang.pick("：", ": "), run.join("、")));
    }
    parts.join(lang.pick("；", "; "))
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The lines of the summary of a file: title, genre, tasks, targets, findings.
pub(crate) fn summary_lines(f: &FileReport, lang: Lang) -> Vec<(&'static str, String)> {
    let c = f.totals();
    let mut out = Vec::new();
    if let Some(t) = &f.title {
        out.push((lang.pick("标题", "Title"), t.clone()));
    }
    out.push((lang.pick("文种", "Genre"), genre_name(f.genre, lang).to_string()));
    let with_lead = c.tasks - c.without_lead - c.generic_lead;
    out.push((
        lang.pick("任务", "Tasks"),
        match lang {
            Lang::Zh => format!(
                "{} 项（有牵头单位 {with_lead} 项，仅泛指牵头 {} 项，无牵头单位 {} 项）",
                c.tasks, c.generic_lead, c.without_lead
            ),
            Lang::En => format!(
                "{} ({with_lead} led, {} with a generic lead only, {} without a lead)",
                c.tasks, c.generic_lead, c.without_lead
            ),
        },
    ));
    let [q, v, r, m] = c.targets;
    out.push((
        lang.pick("目标", "Targets"),
        match lang {
            Lang::Zh => format!("{} 条（量化 {q}，定性 {v}，相对 {r}，数值待填 {m}）", c.target_total()),
            Lang::En => format!("{} ({q} quantified, {v} qualitative, {r} relative, {m} masked)", c.target_total()),
        },
    ));
    let [e, w, i, h] = c.findings;
    out.push((
        lang.pick("问题", "Findings"),
        match lang {
            Lang::Zh => format!("{} 个（错误 {e}，警告 {w}，提示 {}）", c.finding_total(), i + h),
            Lang::En => format!(
                "{} ({}, {}, {})",
                c.finding_total(),
                plural(e, "error", "errors"),
                plural(w, "warning", "warnings"),
                plural(i + h, "note", "notes")
            ),
        },
    ));
    out
}

#[cfg(test)]
mod tests;
