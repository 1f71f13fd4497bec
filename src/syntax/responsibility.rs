//! Responsibility clauses: who leads a task and who takes part.
//!
//! Recognises every markup variant real drafts use (see DOMAIN.md §2):
//! `（牵头单位：A；责任单位：B）` inline or split across lines, labels on
//! lines of their own, `（A牵头，B配合）`, `（责任单位：A、B）` alone (the
//! first listed leads), traditional characters, half-width punctuation.

use crate::text::needles::Needles;
use std::sync::LazyLock;

use crate::config::Config;
use crate::syntax::markup::{FILLER, Line, LineKind};
use crate::text::{TextRange, char_at, char_before, is_inline_space};

/// Words that introduce the lead unit.
pub const LEAD_ROLES: &[&str] = &[
    "牵头责任单位",
    "主要责任单位",
    "牵头单位",
    "牵头部门",
    "牵头领导",
    "责任领导",
    "包抓领导",
    "分管领导",
    "牵头处室",
    "牵头科室",
    "主办单位",
    "牵头县领导",
    "牵头市领导",
];

/// Words that introduce other responsible units.
pub const OTHER_ROLES: &[&str] = &[
    "协同责任单位",
    "其他责任单位",
    "责任单位",
    "配合单位",
    "参与单位",
    "责任科室",
    "责任股室",
    "责任部门",
    "协办单位",
    "配合部门",
    "协同单位",
    "责任处室",
    "参加单位",
];

/// Words that introduce a deadline inside a clause.
pub const TIME_ROLES: &[&str] = &["完成时限", "完成时间", "时间节点", "时限要求"];

/// One unit named in a clause.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unit {
    pub range: TextRange,
    /// The name, with configured aliases resolved.
    /// Shared, so that a task's copy of its clauses' units costs no allocation.
    pub name: std::sync::Arc<str>,
    /// 各有关单位, 各区人民政府 …: not a specific lead.
    pub generic: bool,
}

/// How a clause is written, so that inserted clauses can match the draft.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClauseStyle {
    /// Wrapped in parentheses (otherwise a line of its own).
    pub parenthesised: bool,
    /// Uses full-width punctuation `（：；）`.
    pub full_width: bool,
    /// Names a lead explicitly (`牵头单位：`, `A牵头`).
    pub labelled_lead: bool,
}

impl ClauseStyle {
    /// The style used when a draft has no clause to copy.
    pub const DEFAULT: ClauseStyle = ClauseStyle { parenthesised: true, full_width: true, labelled_lead: true };

    /// A clause in this style naming `lead` and `others` (either may be empty
    /// or a snippet placeholder). `force_lead` writes the lead label even
    /// when the style has none. A non-parenthesised clause starts on a new line.
    pub fn render(self, lead: &str, others: &str, force_lead: bool, line_sep: &str) -> String {
        let (colon, semi, open, close) =
            if self.full_width { ("：", "；", "（", "）") } else { (":", ";", "(", ")") };
        let body = if self.labelled_lead || force_lead {
            format!("牵头单位{colon}{lead}{semi}责任单位{colon}{others}")
        } else {
            format!("责任单位{colon}{lead}{others}")
        };
        if self.parenthesised {
            format!("{open}{body}{close}")
        } else {
            format!("{line_sep}{}", body.replace(semi, line_sep))
        }
    }
}

/// A responsibility clause.
#[derive(Clone, Debug)]
pub struct Clause {
    pub range: TextRange,
    /// Units named as leads (explicitly, or the first of `责任单位` when no lead is named).
    pub leads: Vec<Unit>,
    /// Other responsible or cooperating units.
    pub others: Vec<Unit>,
    /// Whether a lead was named explicitly (a lead label, or `A牵头`).
    pub lead_explicit: bool,
    /// Range of the lead label when its unit list is empty (`牵头单位：；`).
    pub empty_lead_label: Option<TextRange>,
    pub style: ClauseStyle,
}

/// What a label introduces.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Role {
    Lead,
    Other,
    Time,
}

/// A role label such as `牵头单位：` found in the text.
#[derive(Clone, Copy, Debug)]
struct Label {
    start: usize,
    /// Just past the colon.
    end: usize,
    role: Role,
}

/// The role vocabulary (defaults plus configuration), folded to simplified
/// characters and sorted longest first.
pub(crate) struct Matchers {
    words: Vec<(String, Role)>,
    /// Longest word in bytes.
    max_len: usize,
}

static FULL_COLON: LazyLock<memchr::memmem::Finder<'static>> =
    LazyLock::new(|| memchr::memmem::Finder::new("：".as_bytes()));
static LEAD_VERBS: LazyLock<Needles> = LazyLock::new(|| Needles::new(&["牵头", "牽頭"]));

impl Matchers {
    pub fn new(config: &Config) -> Matchers {
        let mut words: Vec<(String, Role)> = Vec::new();
        words.extend(LEAD_ROLES.iter().map(|w| (w.to_string(), Role::Lead)));
        words.extend(config.lead_roles.iter().map(|w| (fold(w.trim()).into_owned(), Role::Lead)));
        words.extend(OTHER_ROLES.iter().map(|w| (w.to_string(), Role::Other)));
        words.extend(config.other_roles.iter().map(|w| (fold(w.trim()).into_owned(), Role::Other)));
        words.extend(TIME_ROLES.iter().map(|w| (w.to_string(), Role::Time)));
        words.retain(|(w, _)| !w.is_empty());
        words.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
        let max_len = words.iter().map(|(w, _)| w.len()).max().unwrap_or(0);
        Matchers { words, max_len }
    }

    fn role_of(&self, label: &str) -> Option<Role> {
        let folded = fold(label.trim_matches(|c: char| is_inline_space(c) || c == FILLER as char));
        self.words.iter().find(|(w, _)| folded.starts_with(w.as_str())).map(|&(_, r)| r)
    }

    pub(crate) fn is_lead_label(&self, label: &str) -> bool {
        self.role_of(label) == Some(Role::Lead)
    }

    /// Whether `label` names other responsible units (责任单位, 配合单位 …).
    pub(crate) fn is_other_label(&self, label: &str) -> bool {
        self.role_of(label) == Some(Role::Other)
    }

    /// Role labels (`牵头单位：`, `責任單位:` …) in `start..end`, found from the
    /// colons: colons are rare in prose, so this is a fast scan.
    fn labels_in(&self, prose: &str, start: usize, end: usize) -> Vec<Label> {
        let bytes = &prose.as_bytes()[start..end];
        let mut colons: Vec<(usize, usize)> = memchr::memchr_iter(b':', bytes).map(|p| (start + p, 1)).collect();
        colons.extend(FULL_COLON.find_iter(bytes).map(|p| (start + p, 3)));
        colons.sort_unstable();
        let mut out = Vec::new();
        for (p, colon_len) in colons {
            let mut q = p;
            while q > start {
                match char_before(prose, q) {
                    Some(c) if matches!(c, ' ' | '\t' | '\u{3000}') || c == FILLER as char => q -= c.len_utf8(),
                    _ => break,
                }
            }
            let from = crate::text::floor_char_boundary(prose, q.saturating_sub(self.max_len).max(start));
            let folded = fold(&prose[from..q]);
            if let Some((w, role)) = self.words.iter().find(|(w, _)| folded.ends_with(w.as_str())) {
                // Folding keeps byte lengths: every folded character is 3 bytes either way.
                out.push(Label { start: q - w.len(), end: p + colon_len, role: *role });
            }
        }
        out
    }
}

/// The first `牵头` (or 牽頭) in `s` used as a verb, with a leading 分别/共同/负责:
/// returns its byte range within `s`.
fn lead_verb_in(s: &str) -> Option<(usize, usize)> {
    let mut hits = Vec::new();
    LEAD_VERBS.find_all(s.as_bytes(), &mut hits);
    let p = hits.first()?.0;
    let mut start = p;
    for prefix in ["分别", "共同", "负责", "分別", "負責"] {
        if s[..p].ends_with(prefix) {
            start = p - prefix.len();
            break;
        }
    }
    Some((start, p + "牵头".len()))
}

/// Traditional → simplified for the characters of the role vocabulary.
const TRAD: &[(char, char)] = &[
    ('牽', '牵'),
    ('頭', '头'),
    ('單', '单'),
    ('責', '责'),
    ('參', '参'),
    ('與', '与'),
    ('門', '门'),
    ('協', '协'),
    ('時', '时'),
    ('間', '间'),
    ('負', '负'),
    ('領', '领'),
    ('導', '导'),
    ('處', '处'),
    ('辦', '办'),
    ('節', '节'),
    ('點', '点'),
    ('統', '统'),
    ('籌', '筹'),
    ('關', '关'),
    ('據', '据'),
    ('縣', '县'),
    ('區', '区'),
    ('爲', '为'),
    ('為', '为'),
    ('別', '别'),
    ('責', '责'),
    ('職', '职'),
    ('務', '务'),
    ('將', '将'),
    ('實', '实'),
    ('會', '会'),
    ('園', '园'),
    ('廳', '厅'),
    ('機', '机'),
    ('構', '构'),
    ('國', '国'),
    ('華', '华'),
    ('發', '发'),
    ('長', '长'),
    ('極', '极'),
    ('學', '学'),
];

fn fold_char(c: char) -> char {
    TRAD.iter().find(|(t, _)| *t == c).map_or(c, |&(_, s)| s)
}

/// The text with traditional characters of the role vocabulary folded to
/// simplified (borrowed when there are none).
pub fn fold(s: &str) -> std::borrow::Cow<'_, str> {
    if s.chars().all(|c| (c as u32) < 0x4E00 || fold_char(c) == c) {
        std::borrow::Cow::Borrowed(s)
    } else {
        std::borrow::Cow::Owned(s.chars().map(fold_char).collect())
    }
}

fn is_open_paren(c: char) -> bool {
    c == '（' || c == '('
}

fn is_close_paren(c: char) -> bool {
    c == '）' || c == ')'
}

/// Finds every responsibility clause in the prose view.
pub(crate) fn find_clauses(prose: &str, lines: &[Line], m: &Matchers, config: &Config) -> Vec<Clause> {
    let mut clauses = Vec::new();
    let mut consumed = 0usize;
    // 1. Labelled clauses: `牵头单位：…`.
    for hit in m.labels_in(prose, 0, prose.len()) {
        if hit.start < consumed {
            continue;
        }
        let Some(line_idx) = line_containing(lines, hit.start) else { continue };
        let line = &lines[line_idx];
        if line.kind != LineKind::Prose {
            continue;
        }
        let before = skip_back_spaces(prose, hit.start, line.content as usize);
        let prev = char_before(prose, before).filter(|_| before > line.content as usize);
        let range = match prev {
            Some(c) if is_open_paren(c) => {
                let open = before - c.len_utf8();
                match find_close(prose, lines, line_idx, hit.end) {
                    Some(close) => TextRange::new(open, close),
                    None => TextRange::new(open, line.range.end()),
                }
            }
            None => TextRange::new(hit.start, trim_end_punct(prose, line.content as usize, line.range.end())),
            Some('。' | '；' | ';' | '，' | ',') => {
                TextRange::new(hit.start, trim_end_punct(prose, hit.start, line.range.end()))
            }
            _ => continue,
        };
        consumed = range.end();
        if let Some(clause) = parse_labelled(prose, range, m, config) {
            clauses.push(clause);
        }
    }
    // 2. Verb form inside parentheses: `（A、B牵头，C配合）`.
    let mut extra = Vec::new();
    let mut hits = Vec::new();
    LEAD_VERBS.find_all(prose.as_bytes(), &mut hits);
    for (at, _) in hits {
        let hit = (at, at + "牵头".len());
        if covered(&clauses, hit.0) || covered(&extra, hit.0) {
            continue;
        }
        // Must not be a label such as 牵头单位 / 牵头部门.
        if let Some(next) = char_at(prose, hit.1)
            && matches!(
                fold_char(next),
                '单' | '部'
                    | '领'
                    | '责'
                    | '科'
                    | '处'
                    | '股'
                    | '抓'
                    | '作'
                    | '人'
                    | '的'
                    | '组'
                    | '协'
                    | '推'
                    | '实'
                    | '开'
                    | '建'
                    | '制'
            )
        {
            continue;
        }
        let Some(line_idx) = line_containing(lines, hit.0) else { continue };
        let line = &lines[line_idx];
        let Some(open) = find_open_before(prose, line.content as usize, hit.0) else { continue };
        let close = match find_close(prose, lines, line_idx, hit.1) {
            Some(c) => c,
            None => continue,
        };
        if let Some(clause) = parse_verb_form(prose, TextRange::new(open, close), config) {
            extra.push(clause);
        }
    }
    clauses.extend(extra);
    clauses.sort_by_key(|c| c.range.start);
    clauses
}

/// Whether a clause of `sorted` (sorted by start, non-overlapping) contains `offset`.
fn covered(sorted: &[Clause], offset: usize) -> bool {
    let i = sorted.partition_point(|c| c.range.start() <= offset);
    i > 0 && sorted[i - 1].range.contains(offset)
}

pub(crate) fn line_containing(lines: &[Line], offset: usize) -> Option<usize> {
    let i = lines.partition_point(|l| l.range.start() <= offset);
    if i == 0 { None } else { Some(i - 1) }
}

fn skip_back_spaces(s: &str, mut at: usize, floor: usize) -> usize {
    while at > floor {
        match char_before(s, at) {
            Some(c) if is_inline_space(c) || c == FILLER as char => at -= c.len_utf8(),
            _ => break,
        }
    }
    at
}

fn trim_end_punct(s: &str, start: usize, mut end: usize) -> usize {
    while end > start {
        match char_before(s, end) {
            Some(c) if is_inline_space(c) || c == FILLER as char || matches!(c, '。' | '；' | ';') => {
                end -= c.len_utf8()
            }
            _ => break,
        }
    }
    end
}

/// Finds the `）` closing a clause that starts on line `line_idx`, looking at
/// most three lines ahead. Returns the byte just past it.
fn find_close(prose: &str, lines: &[Line], line_idx: usize, from: usize) -> Option<usize> {
    let mut depth = 0i32;
    let last = (line_idx + 3).min(lines.len() - 1);
    let end = lines[last].range.end();
    let mut at = from;
    for c in prose[from..end].chars() {
        match c {
            '（' | '(' | '〈' | '<' => depth += 1,
            '）' | ')' | '〉' | '>' => {
                if depth == 0 && is_close_paren(c) {
                    return Some(at + c.len_utf8());
                }
                depth -= 1;
            }
            '。' if depth == 0 => return None,
            _ => {}
        }
        at += c.len_utf8();
    }
    None
}

/// The `（` that opens the parenthesis around `at`, on the same line.
fn find_open_before(prose: &str, floor: usize, at: usize) -> Option<usize> {
    let mut depth = 0;
    let mut i = at;
    let mut chars = 0;
    while i > floor {
        let c = char_before(prose, i)?;
        i -= c.len_utf8();
        chars += 1;
        if chars > 120 {
            return None;
        }
        match c {
            '）' | ')' => depth += 1,
            '（' | '(' => {
                if depth == 0 {
                    return Some(i);
                }
                depth -= 1;
            }
            '。' => return None,
            _ => {}
        }
    }
    None
}

fn full_width(prose: &str, range: TextRange) -> bool {
    let s = &prose[range.as_range()];
    if s.starts_with('(') {
        return false;
    }
    // Half-width only when a half-width colon appears and no full-width one.
    !s.contains(':') || s.contains('：')
}

/// Parses `牵头单位：A；责任单位：B、C` (with or without the parentheses).
fn parse_labelled(prose: &str, range: TextRange, m: &Matchers, config: &Config) -> Option<Clause> {
    let s = &prose[range.as_range()];
    let parenthesised = s.starts_with(['（', '(']);
    let inner_start = if parenthesised { range.start() + s.chars().next()?.len_utf8() } else { range.start() };
    let inner_end = if parenthesised && s.ends_with(['）', ')']) {
        range.end() - s.chars().next_back()?.len_utf8()
    } else {
        range.end()
    };
    let labels = m.labels_in(prose, inner_start, inner_end);
    if labels.is_empty() {
        return None;
    }
    let mut leads = Vec::new();
    let mut others = Vec::new();
    let mut lead_explicit = false;
    let mut empty_lead_label = None;
    for (i, label) in labels.iter().enumerate() {
        let seg_end = labels.get(i + 1).map_or(inner_end, |n| n.start);
        let units = split_units(prose, label.end, seg_end, config);
        match label.role {
            Role::Time => {}
            Role::Lead => {
                lead_explicit = true;
                if units.is_empty() {
                    empty_lead_label = Some(TextRange::new(label.start, label.end));
                }
                leads.extend(units);
            }
            Role::Other => others.extend(units),
        }
    }
    if !lead_explicit && !others.is_empty() {
        leads.push(others.remove(0));
    }
    Some(Clause {
        range,
        leads,
        others,
        lead_explicit,
        empty_lead_label,
        style: ClauseStyle { parenthesised, full_width: full_width(prose, range), labelled_lead: lead_explicit },
    })
}

/// Parses `（A、B牵头，C配合）` / `（A分别牵头，B按职责分工负责）`.
fn parse_verb_form(prose: &str, range: TextRange, config: &Config) -> Option<Clause> {
    let s = &prose[range.as_range()];
    let open = s.chars().next()?.len_utf8();
    let close = s.chars().next_back()?.len_utf8();
    let inner_start = range.start() + open;
    let inner_end = range.end() - close;
    let mut leads = Vec::new();
    let mut others = Vec::new();
    let mut part_start = inner_start;
    let inner = &prose[inner_start..inner_end];
    let mut offsets: Vec<usize> = inner.match_indices(['，', ',', '；', ';']).map(|(i, _)| inner_start + i).collect();
    offsets.push(inner_end);
    for sep in offsets {
        let part = &prose[part_start..sep];
        if let Some((verb_start, _)) = lead_verb_in(part) {
            leads.extend(split_units(prose, part_start, part_start + verb_start, config));
        } else {
            let folded_part = fold(part);
            let cut = [
                "按职责分工负责",
                "按职责负责",
                "分工负责",
                "配合",
                "参与",
                "协同",
                "协助",
                "负责",
                "共同推进",
                "按职责",
            ]
            .iter()
            .filter_map(|w| folded_part.find(w))
            .min();
            if let Some(cut) = cut {
                others.extend(split_units(prose, part_start, part_start + cut, config));
            }
        }
        part_start = sep + prose[sep..].chars().next().map_or(0, char::len_utf8);
    }
    if leads.is_empty() {
        return None;
    }
    Some(Clause {
        range,
        leads,
        others,
        lead_explicit: true,
        empty_lead_label: None,
        style: ClauseStyle { parenthesised: true, full_width: !s.starts_with('('), labelled_lead: false },
    })
}

/// Splits a list of unit names on 、，；and glued names (市行政审批局市司法局),
/// respecting brackets (各县（市、区）政府) and dropping notes (〈含…，下同〉).
pub(crate) fn split_units(prose: &str, start: usize, end: usize, config: &Config) -> Vec<Unit> {
    let mut units = Vec::new();
    let mut depth = 0i32;
    let mut piece_start = start;
    let mut at = start;
    let mut notes: Vec<(usize, usize)> = Vec::new();
    let mut note_open = None;
    for c in prose[start..end].chars() {
        match c {
            '（' | '(' | '〈' | '<' | '【' | '[' => {
                if depth == 0 {
                    note_open = Some(at);
                }
                depth += 1;
            }
            '）' | ')' | '〉' | '>' | '】' | ']' => {
                depth -= 1;
                if depth == 0
                    && let Some(o) = note_open.take()
                {
                    let inner = prose[o..at].trim_start_matches(['(', '（', '〈', '<', '【', '[']);
                    if inner.starts_with('含')
                        || inner.starts_with("包括")
                        || inner.starts_with("下同")
                        || inner.contains("下同")
                    {
                        notes.push((o, at + c.len_utf8()));
                    }
                }
                depth = depth.max(0);
            }
            '、' | '，' | ',' | '；' | ';' | '/' | '／' if depth == 0 => {
                push_units(prose, piece_start, at, &notes, config, &mut units);
                piece_start = at + c.len_utf8();
            }
            _ if depth == 0 && (is_inline_space(c) || c == '\n' || c == '\r') => {
                push_units(prose, piece_start, at, &notes, config, &mut units);
                piece_start = at + c.len_utf8();
            }
            _ => {}
        }
        at += c.len_utf8();
    }
    push_units(prose, piece_start, end, &notes, config, &mut units);
    units
}

fn push_units(prose: &str, start: usize, end: usize, notes: &[(usize, usize)], config: &Config, out: &mut Vec<Unit>) {
    // Cut the piece at a note.
    let mut end = end;
    for &(ns, _) in notes {
        if ns >= start && ns < end {
            end = ns;
        }
    }
    let (start, end) = trim(prose, start, end);
    if start >= end {
        return;
    }
    // Split glued names: 市行政审批局市司法局 → 市行政审批局 | 市司法局.
    let piece = &prose[start..end];
    let mut cut_start = start;
    let mut prev: Option<char> = None;
    let mut chars_in_piece = 0;
    let mut at = start;
    for c in piece.chars() {
        if matches!(c, '市' | '区' | '县' | '省')
            && chars_in_piece >= 3
            && prev.is_some_and(|p| {
                matches!(p, '局' | '委' | '办' | '心' | '厅' | '部' | '院' | '会' | '队' | '室' | '站' | '司' | '府')
            })
        {
            out.push(make_unit(prose, cut_start, at, config));
            cut_start = at;
            chars_in_piece = 0;
        }
        prev = Some(c);
        chars_in_piece += 1;
        at += c.len_utf8();
    }
    out.push(make_unit(prose, cut_start, end, config));
}

fn trim(s: &str, mut start: usize, mut end: usize) -> (usize, usize) {
    let junk = |c: char| is_inline_space(c) || c == FILLER as char || matches!(c, '：' | ':' | '。' | '“' | '”' | '等');
    while start < end {
        match char_at(s, start) {
            Some(c) if junk(c) => start += c.len_utf8(),
            _ => break,
        }
    }
    while end > start {
        match char_before(s, end) {
            Some(c) if junk(c) && c != '等' => end -= c.len_utf8(),
            _ => break,
        }
    }
    (start, end)
}

fn make_unit(prose: &str, start: usize, end: usize, config: &Config) -> Unit {
    let raw = &prose[start..end];
    let name = std::sync::Arc::from(config.canonical_unit(raw));
    Unit { range: TextRange::new(start, end), generic: is_generic_unit(raw), name }
}

/// 各有关单位, 市直各有关单位, 各区人民政府, 有关部门, 成员单位 …
pub fn is_generic_unit(name: &str) -> bool {
    let n = fold(name);
    if n.contains('各') && (n.starts_with('各') || ["各有关", "各相关", "各级", "各部门"].iter().any(|w| n.contains(w)))
    {
        return true;
    }
    if n.contains('关')
        && (n.starts_with("有关")
            || n.starts_with("相关")
            || ["有关单位", "有关部门", "相关单位", "相关部门"].iter().any(|w| n.ends_with(w)))
    {
        return true;
    }
    n.contains("成员单位")
}
