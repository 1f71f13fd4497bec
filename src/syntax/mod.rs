//! Text → [`Document`]: lines, the prose view, the outline with section
//! roles, responsibility clauses, tasks and target statements.
//!
//! Never fails: any input yields a Document; structure that is not
//! recognised is kept as plain prose.

use std::borrow::Cow;

use crate::text::TextRange;
use crate::text::needles::Needles;

pub mod dates;
pub(crate) mod fxmap;
pub mod genre;
pub mod lexicon;
pub mod markup;
pub mod numbering;
pub mod numerals;
pub mod outline;
pub mod placeholders;
pub mod quantity;
pub mod residue;
pub mod responsibility;
pub mod tables;
pub mod targets;
pub mod tasks;
#[cfg(test)]
mod tests;
pub mod words;

pub use dates::{DateSource, DraftDate, YearMonth};
pub use genre::Genre;
pub use markup::{Line, LineKind, Suppression, SuppressionKind};
pub use numbering::Numbering;
pub use outline::{Heading, NumberStyle, Outline, Role};
pub use residue::{Residue, ResidueKind};
pub use responsibility::{Clause, ClauseStyle, Unit};
pub use targets::{TargetKind, TargetStatement};
pub use tasks::{Basis, Task, TaskSection};
pub use words::{EnumForm, Enumerator};

/// The words and names a parse needs beyond the built-in ones (from
/// `planlint.toml`): extra role labels and unit aliases.
#[derive(Clone, Copy, Debug, Default)]
pub struct Vocabulary<'a> {
    /// Extra words that introduce the lead unit, e.g. `牵头处室`.
    pub lead_roles: &'a [String],
    /// Extra words that introduce other responsible units, e.g. `协办单位`.
    pub other_roles: &'a [String],
    /// Unit aliases: `(alias, canonical name)`.
    pub unit_aliases: &'a [(String, String)],
    /// Strings that look like placeholders but are legitimate (`X3型`).
    pub placeholder_allow: &'a [String],
}

impl Vocabulary<'_> {
    /// The canonical name of a unit, resolving aliases.
    pub fn canonical_unit<'s>(&'s self, unit: &'s str) -> &'s str {
        self.unit_aliases.iter().find(|(alias, _)| alias == unit).map_or(unit, |(_, full)| full.as_str())
    }
}

/// What kind of source the text is.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub enum SourceKind {
    #[default]
    PlainText,
    Markdown,
}

impl SourceKind {
    /// Guesses the kind from a file name or LSP language id.
    pub fn from_name(name: &str) -> SourceKind {
        let lower = name.to_ascii_lowercase();
        if lower.ends_with(".md") || lower.ends_with(".markdown") || lower == "markdown" {
            SourceKind::Markdown
        } else {
            SourceKind::PlainText
        }
    }
}

/// A parsed draft.
pub struct Document<'a> {
    pub text: &'a str,
    /// The prose view: same length as `text`, non-prose overwritten with NUL.
    pub prose: Cow<'a, str>,
    /// The prose view with traditional characters folded to simplified, when
    /// it has any (same length again); see [`Document::folded`].
    folded: Option<String>,
    pub kind: SourceKind,
    pub genre: Genre,
    /// The line the genre was read from.
    pub genre_line: Option<u32>,
    /// The draft's own date (title, document number, signed or published
    /// date, the latest), against which staleness is judged.
    pub date: Option<DraftDate>,
    pub lines: Vec<Line>,
    pub headings: Outline,
    /// Which structure numbers count together and the number each heading should carry.
    pub numbering: Numbering,
    /// Responsibility clauses (table rows included), sorted by start.
    pub clauses: Vec<Clause>,
    /// Whether a table header names a responsibility column (牵头单位, 责任单位 …).
    pub column_header: bool,
    pub tasks: Vec<Task>,
    /// The sections whose items are tasks, and why.
    pub task_sections: Vec<TaskSection>,
    pub targets: Vec<TargetStatement>,
    /// Template placeholders, sorted by start (the placeholder rule reports
    /// them; the target rule leaves targets with a masked number to it).
    /// None inside residue: a mask in `上传人：王**` is the site's.
    pub placeholders: Vec<placeholders::Placeholder>,
    /// Website and template residue, sorted by start. Its lines are not
    /// headings.
    pub residue: Vec<Residue>,
    /// Suppression directives in the order written, rule names unresolved.
    pub suppressions: Vec<Suppression>,
    /// Enumeration words opening a clause (`一是`, `二要`, `第三，`), in order.
    pub enumerators: Vec<Enumerator>,
    /// Where an anchor of a dated formulation is, as (start, index in
    /// [`words::DATED_ANCHORS`]), in order.
    pub dated_anchors: Vec<(u32, u8)>,
}

impl Document<'_> {
    /// Index of the line containing byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        responsibility::line_containing(&self.lines, offset).unwrap_or(0)
    }

    /// Whether the draft marks responsibility anywhere: any clause, or a
    /// table header naming a responsibility column.
    pub fn has_responsibility_markup(&self) -> bool {
        !self.clauses.is_empty() || self.column_header
    }

    /// The prose view folded to simplified characters: match words of the
    /// genre here, written once in simplified characters. Same byte length
    /// as [`Document::text`], so its ranges are ranges of the text.
    pub fn folded(&self) -> &str {
        self.folded.as_deref().unwrap_or(&self.prose)
    }

    /// The clause style to write into this draft: parentheses and full-width
    /// punctuation as most of its clauses have them, and a lead label
    /// whenever any clause names a lead explicitly (a clause inserted for a
    /// task without a lead should name one). [`ClauseStyle::DEFAULT`] when the
    /// draft has no clause.
    pub fn clause_style(&self) -> ClauseStyle {
        if self.clauses.is_empty() {
            return ClauseStyle::DEFAULT;
        }
        let n = self.clauses.len();
        let majority = |f: fn(&Clause) -> bool| self.clauses.iter().filter(|c| f(c)).count() * 2 >= n;
        ClauseStyle {
            parenthesised: majority(|c| c.style.parenthesised),
            full_width: majority(|c| c.style.full_width),
            labelled_lead: self.clauses.iter().any(|c| c.lead_explicit),
        }
    }

    /// The innermost heading whose section contains `offset`.
    pub fn heading_at(&self, offset: usize) -> Option<usize> {
        self.headings.heading_at(offset)
    }

    /// The placeholders inside `range`.
    pub fn placeholders_in(&self, range: TextRange) -> &[placeholders::Placeholder] {
        let first = self.placeholders.partition_point(|p| p.range.start < range.start);
        let last = self.placeholders.partition_point(|p| p.range.start < range.end);
        &self.placeholders[first..last.max(first)]
    }

    /// The text of a range of the original.
    pub fn slice(&self, range: TextRange) -> &str {
        &self.text[range.as_range()]
    }

    /// An indented dump of what the parser understood, for tests and `planlint outline`.
    pub fn dump(&self) -> String {
        tests_support::dump(self)
    }
}

impl Heading {
    pub(crate) fn end(&self) -> usize {
        self.end as usize
    }
}

/// Parses a draft.
pub fn parse<'a>(text: &'a str, kind: SourceKind, vocab: &Vocabulary<'_>) -> Document<'a> {
    let markup = markup::scan(text, kind);
    let prose = markup.prose;
    let lines = markup.lines;
    let folded = match crate::text::fold::fold_draft(&prose) {
        Cow::Borrowed(_) => None,
        Cow::Owned(f) => Some(f),
    };
    let fold_view: &str = folded.as_deref().unwrap_or(&prose);

    let mut residue = residue::find(text, fold_view, &lines, &markup.glosses);
    let mut residue_lines = residue.iter().filter(|r| r.whole_line).map(|r| r.line as usize).peekable();
    let mut headings = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if line.kind != LineKind::Prose || residue_lines.next_if(|&l| l <= i).is_some_and(|l| l == i) {
            continue;
        }
        let md_heading = kind == SourceKind::Markdown && {
            let raw = text[line.range.as_range()].trim_start();
            raw.starts_with('#')
        };
        if let Some(h) = outline::recognise(&prose, fold_view, line, i as u32, md_heading) {
            headings.push(h);
        } else if md_heading {
            headings.push(outline::markdown_heading(&prose, fold_view, line, i as u32));
        }
    }
    let chunks = outline::drop_page_chunks(&prose, &lines, &mut headings);
    if !chunks.is_empty() {
        residue.extend(residue::page_chunks(&chunks, &residue, text));
        residue.sort_by_key(|r| r.range.start);
    }
    let headings = Outline::new(headings, text.len());
    let body = headings
        .iter()
        .find(|h| !matches!(h.style, NumberStyle::Markdown | NumberStyle::Enumerated))
        .map_or(lines.len(), |h| h.line as usize);
    let (genre, genre_line) = genre::detect(fold_view, &lines, body);
    let headings = if genre.is_plan() || !headings.iter().any(|h| h.style == NumberStyle::Enumerated) {
        headings
    } else {
        // A speech's 一要…二要… enumerate; they are not a level of its outline.
        let kept: Vec<Heading> = headings.iter().filter(|h| h.style != NumberStyle::Enumerated).cloned().collect();
        Outline::new(kept, text.len())
    };
    let numbering = Numbering::new(&headings);

    let [verbs, openers, cjk_triggers, qualifiers, enumeration_chars, anchors] = word_hits(fold_view);
    let matchers = responsibility::Matchers::for_vocab(vocab);
    let mut clauses = responsibility::find_clauses(&prose, fold_view, &lines, &matchers, vocab, &verbs);
    let tables = tables::find(&prose, fold_view, &lines, &matchers, vocab);
    let table_rows: Vec<TextRange> = tables.tasks.iter().map(|t| t.range).collect();
    let input = tasks::Input {
        prose: &prose,
        lines: &lines,
        outline: &headings,
        clauses: &clauses,
        genre,
        column_header: tables.header,
        table_rows: &table_rows,
    };
    let (mut tasks, task_sections) = tasks::infer(&input);
    if !tables.tasks.is_empty() {
        let offset = clauses.len() as u32;
        clauses.extend(tables.clauses);
        tasks.extend(tables.tasks.into_iter().map(|mut t| {
            t.clauses.iter_mut().for_each(|c| *c += offset);
            t
        }));
        tasks.sort_by_key(|t| t.range.start);
        // Keep `clauses` sorted by start (rules search it), renumbering the tasks' references.
        let mut order: Vec<u32> = (0..clauses.len() as u32).collect();
        order.sort_by_key(|&k| clauses[k as usize].range.start);
        let mut new_index = vec![0u32; order.len()];
        for (new, &old) in order.iter().enumerate() {
            new_index[old as usize] = new as u32;
        }
        let mut slots: Vec<Option<Clause>> = clauses.into_iter().map(Some).collect();
        clauses = order.iter().map(|&k| slots[k as usize].take().expect("each index once")).collect();
        for t in &mut tasks {
            t.clauses.iter_mut().for_each(|c| *c = new_index[*c as usize]);
        }
    }
    let targets = targets::find(text, &prose, fold_view, &lines, &headings, genre.is_plan(), &openers);
    let mut placeholders =
        placeholders::find(&prose, vocab.placeholder_allow, &cjk_triggers, &qualifiers, &markup.times);
    if !residue.is_empty() {
        let mut k = 0;
        placeholders.retain(|p| {
            while k < residue.len() && residue[k].range.end <= p.range.start {
                k += 1;
            }
            // Residue ranges do not overlap; the next one may start inside `p`.
            residue[k..].first().is_none_or(|r| r.range.start >= p.range.end)
        });
    }
    let title_lines = genre::title_lines(fold_view, &lines, body);
    let date = dates::detect(fold_view, &lines, title_lines, genre_line, body, tables.header);
    let enumerators = words::enumerators(fold_view, &lines, &enumeration_chars);
    let dated_anchors = anchors.into_iter().map(|(at, k)| (at as u32, k as u8)).collect();

    Document {
        text,
        prose,
        folded,
        kind,
        genre,
        genre_line: genre_line.map(|l| l as u32),
        date,
        lines,
        headings,
        numbering,
        clauses,
        column_header: tables.header,
        tasks,
        task_sections,
        targets,
        placeholders,
        residue,
        suppressions: markup.suppressions,
        enumerators,
        dated_anchors,
    }
}

/// Word hits: (start, index of the word in its list), sorted by start.
type Hits = Vec<(usize, usize)>;

/// The word lists found in the folded view by one packed search: the clause
/// verbs, the target openers, the placeholder words, the enumeration
/// characters and the anchors of dated formulations.
const WORD_LISTS: [&[&str]; 6] = [
    &responsibility::CLAUSE_VERBS,
    &targets::OPENER_WORDS,
    &placeholders::CJK_TRIGGERS,
    &placeholders::QUALIFIERS,
    &words::ENUMERATION_CHARS,
    &words::DATED_ANCHORS,
];

/// The words of [`WORD_LISTS`] in the order the packed searcher gets them.
/// It puts needle `i` into bucket `7 - i % 8` (unless an earlier needle has
/// the same low nibbles), and a bucket flags every byte string that mixes
/// the nibbles of its needles: this order was searched for the fewest
/// candidates on the benchmark drafts and the 10 MB draft together. In it
/// the enumeration words and dated anchors join the search for the others
/// (15.3 M instructions on the benchmark set apart, 11.3 M together); in list
/// order they had made it slower than two searches.
const SEARCH_ORDER: [&str; 24] = [
    "小康",
    "保持在",
    "要",
    "力争",
    "某某",
    "为指导",
    "左右",
    "【",
    "以上",
    "争取",
    "十",
    "按职责",
    "两个维",
    "牵头",
    "至",
    "〇",
    "四个",
    "\u{3000}",
    "分工负责",
    "第",
    "是",
    "到",
    "控制在",
    "％",
];

/// The packed search for [`SEARCH_ORDER`], and for each of its needles
/// (index of its list in [`WORD_LISTS`], index in that list).
static WORD_SEARCH: std::sync::LazyLock<(Needles, Vec<(usize, usize)>)> = std::sync::LazyLock::new(|| {
    let place: Vec<(usize, usize)> = SEARCH_ORDER
        .iter()
        .map(|word| {
            WORD_LISTS
                .iter()
                .enumerate()
                .find_map(|(list, words)| words.iter().position(|w| w == word).map(|k| (list, k)))
                .expect("every needle is a listed word")
        })
        .collect();
    let mut seen = place.clone();
    seen.sort_unstable();
    seen.dedup();
    assert_eq!(seen.len(), WORD_LISTS.iter().map(|l| l.len()).sum::<usize>(), "each listed word once");
    (Needles::new(&SEARCH_ORDER), place)
});

/// The hits of each list of [`WORD_LISTS`] in `folded`, in that order. No
/// needle is a prefix of another or starts inside another's match (but
/// `争取` inside `力争`, one list's), so no hit hides another list's. The
/// placeholder words are read in the prose view, but folding changes none of
/// their characters and makes none of them.
fn word_hits(folded: &str) -> [Hits; 6] {
    let (search, place) = &*WORD_SEARCH;
    let mut hits = Vec::new();
    search.find_all(folded.as_bytes(), &mut hits);
    // Counted first: each list is sized once instead of grown hit by hit.
    let mut counts = [0; 6];
    for &(_, k) in &hits {
        counts[place[k].0] += 1;
    }
    let mut lists: [Hits; 6] = counts.map(Vec::with_capacity);
    for (at, k) in hits {
        let (list, index) = place[k];
        lists[list].push((at, index));
    }
    lists
}

mod tests_support {
    use std::fmt::Write;

    use super::*;

    fn units(us: &[Unit]) -> String {
        if us.is_empty() {
            return "-".to_string();
        }
        let names: Vec<String> =
            us.iter().map(|u| if u.generic { format!("{}(generic)", u.name) } else { u.name.to_string() }).collect();
        names.join("、").replace('\0', "")
    }

    fn task_note(out: &mut String, t: &Task) {
        let _ = write!(out, " => task lead={} others={}", units(&t.leads), units(&t.others));
        if t.inherited {
            out.push_str(" (inherited)");
        }
    }

    fn section_note(out: &mut String, indent: &str, s: &TaskSection) {
        match s.basis {
            Basis::Clauses | Basis::DraftLevel => {
                let style = s.style.standard_marker(1).unwrap_or_else(|| "#".into());
                let _ = write!(out, "{indent}  tasks at {style} ({}", s.basis.explain());
            }
            Basis::RoleWord | Basis::ColumnHeader => {
                let _ = write!(out, "{indent}  tasks below ({}", s.basis.explain());
            }
        }
        if s.basis == Basis::Clauses {
            let _ = write!(out, ": {} of {} carry their own", s.marked, s.tasks);
        }
        out.push_str(")\n");
    }

    pub(super) fn dump(doc: &Document<'_>) -> String {
        let mut out = String::new();
        let _ = write!(out, "genre: {}", doc.genre.name());
        if let Some(l) = doc.genre_line {
            let _ = write!(out, " (line {})", l + 1);
        }
        if let Some(d) = doc.date {
            let _ = write!(out, ", date: {}", d.year);
            if let Some(m) = d.month {
                let _ = write!(out, "-{m:02}");
            }
            let _ = write!(out, " ({}, line {})", d.source.name(), d.line + 1);
        }
        out.push('\n');
        for (i, h) in doc.headings.iter().enumerate() {
            let indent = "  ".repeat(doc.headings.depth(i));
            let marker = doc.slice(h.marker);
            let title = doc.prose[h.title.as_range()].replace('\0', "");
            let _ = write!(
                out,
                "{indent}{}:{} L{} {marker}",
                h.line + 1,
                doc.text[..h.marker.start()].chars().count()
                    - doc.text[..doc.lines[h.line as usize].range.start()].chars().count()
                    + 1,
                h.level()
            );
            if !h.marker_standard {
                out.push_str(" (nonstandard)");
            }
            let _ = write!(out, " {title}");
            if let Some(r) = h.own_role {
                let _ = write!(out, " [{}]", r.name());
            }
            if let Some(t) = doc.tasks.iter().find(|t| t.heading == Some(i as u32)) {
                task_note(&mut out, t);
            }
            out.push('\n');
            for s in doc.task_sections.iter().filter(|s| s.root == i as u32) {
                section_note(&mut out, &indent, s);
            }
            for tgt in doc.targets.iter().filter(|t| doc.heading_at(t.range.start()) == Some(i)) {
                let text: String = doc.prose[tgt.range.as_range()].replace('\0', "").chars().take(24).collect();
                let _ = writeln!(out, "{indent}  target {:?} {text}", tgt.kind);
            }
        }
        for t in doc.tasks.iter().filter(|t| t.table_row) {
            let line = doc.line_of(t.range.start()) + 1;
            let title: String = doc.prose[t.title.as_range()].chars().take(16).collect();
            let _ = write!(out, "{line}: table row {} {title}", t.number);
            task_note(&mut out, t);
            out.push('\n');
        }
        for tgt in doc.targets.iter().filter(|t| doc.heading_at(t.range.start()).is_none()) {
            let text: String = doc.prose[tgt.range.as_range()].replace('\0', "").chars().take(24).collect();
            let _ = writeln!(out, "target {:?} {text}", tgt.kind);
        }
        let _ = writeln!(out, "tasks: {}, clauses: {}", doc.tasks.len(), doc.clauses.len());
        out
    }
}
