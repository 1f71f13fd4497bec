//! Responsibility clauses: who leads a task and who takes part.
//!
//! Recognises every markup variant real drafts use (see DOMAIN.md §2):
//! `（牵头单位：A；责任单位：B）` inline or split across lines, labels on
//! lines of their own, `（A牵头，B配合）`, `（责任单位：A、B）` alone (the
//! first listed leads), traditional characters, half-width punctuation.

use std::sync::{Arc, LazyLock};

use crate::syntax::Vocabulary;
use crate::syntax::fxmap::FxHashMap;
use crate::syntax::markup::{FILLER, Line, LineKind};
use crate::text::fold::fold;
use crate::text::{TextRange, char_at, char_before, is_ideograph_lead, is_inline_space};

/// Words that introduce the lead unit.
pub const LEAD_ROLES: &[&str] =
    &["牵头责任单位", "主要责任单位", "牵头单位", "牵头部门", "牵头处室", "牵头科室", "主办单位"];

/// Words that introduce the leader accountable for a task (a person, not a
/// unit): 责任领导 and the like. A clause that names only a leader is taken
/// to name the lead; beside unit labels the leader is not a unit.
pub const LEADER_ROLES: &[&str] = &[
    "牵头领导",
    "责任领导",
    "包抓领导",
    "分管领导",
    "包联领导",
    "联系领导",
    "牵头县领导",
    "牵头市领导",
    "牵头区领导",
    "责任县领导",
    "分管县领导",
    "分管市领导",
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

/// A list of units, shared: a task whose units are those of its one clause
/// holds the clause's lists, not copies (two allocations per task saved, and
/// the units' clones and drops).
pub type Units = Arc<[Unit]>;

/// The empty list, shared: an empty `Arc<[Unit]>` of its own is an allocation.
static NO_UNITS: LazyLock<Units> = LazyLock::new(|| Arc::from([]));

/// `units` as a shared list, leaving `units` empty (to be reused): one
/// allocation of the exact size, none for an empty list.
pub(crate) fn shared(units: &mut Vec<Unit>) -> Units {
    if units.is_empty() { Arc::clone(&NO_UNITS) } else { units.drain(..).collect() }
}

/// The unit lists of the clause being read, reused from clause to clause:
/// each list of a clause then costs one allocation of its size ([`shared`]),
/// not those of a vector growing from empty.
#[derive(Default)]
struct Lists {
    leads: Vec<Unit>,
    leaders: Vec<Unit>,
    others: Vec<Unit>,
}

/// A responsibility clause.
#[derive(Clone, Debug)]
pub struct Clause {
    pub range: TextRange,
    /// Units named as leads (explicitly, or the first of `责任单位` when no lead is named).
    pub leads: Units,
    /// Other responsible or cooperating units.
    pub others: Units,
    /// Whether a lead was named explicitly (a lead label, or `A牵头`).
    pub lead_explicit: bool,
    /// Range of the lead label when its unit list is empty (`牵头单位：；`), or,
    /// in a clause without a lead label, of the first `责任单位：` when the clause
    /// names no unit (`（责任单位：）`: the first unit would have been the lead).
    pub empty_lead_label: Option<TextRange>,
    pub style: ClauseStyle,
}

/// What a label introduces.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Role {
    Lead,
    Leader,
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
#[derive(Clone)]
pub(crate) struct Matchers {
    words: Vec<(String, Role)>,
    /// [`tail`] of each word and the mask of its bytes. Sixteen bytes hold
    /// every built-in word of up to five characters whole (eight bytes were
    /// shared by the many words ending in 任单位), so a match of these needs
    /// no `memcmp`; only longer words are compared in full.
    tails: Vec<(u128, u128)>,
    /// The last characters of the words, each with the indices of the words
    /// ending with it, longest first. A colon not preceded by one of them (or
    /// by its traditional form) ends no label, and a label is compared only
    /// with the words of its last character: a dozen instead of all of them.
    ends: Vec<(char, Vec<usize>)>,
}

static FULL_COLON: LazyLock<memchr::memmem::Finder<'static>> =
    LazyLock::new(|| memchr::memmem::Finder::new("：".as_bytes()));
/// Words of an unlabelled clause (`（A、B按职责分工负责）`) and of the verb form (`A牵头`).
/// Found by `syntax::parse`, in one search with the target openers.
pub(crate) const CLAUSE_VERBS: [&str; 3] = ["牵头", "按职责", "分工负责"];

/// The built-in vocabulary's matchers, built once.
static DEFAULT_MATCHERS: LazyLock<Matchers> = LazyLock::new(|| Matchers::new(&Vocabulary::default()));

impl Matchers {
    /// The matchers of `vocab`: the shared built-in ones unless it adds role words.
    pub fn for_vocab(vocab: &Vocabulary<'_>) -> std::borrow::Cow<'static, Matchers> {
        if vocab.lead_roles.is_empty() && vocab.other_roles.is_empty() {
            std::borrow::Cow::Borrowed(&DEFAULT_MATCHERS)
        } else {
            std::borrow::Cow::Owned(Matchers::new(vocab))
        }
    }

    pub fn new(vocab: &Vocabulary<'_>) -> Matchers {
        let mut words: Vec<(String, Role)> = Vec::new();
        words.extend(LEAD_ROLES.iter().map(|w| (w.to_string(), Role::Lead)));
        words.extend(LEADER_ROLES.iter().map(|w| (w.to_string(), Role::Leader)));
        words.extend(vocab.lead_roles.iter().map(|w| (fold(w.trim()).into_owned(), Role::Lead)));
        words.extend(OTHER_ROLES.iter().map(|w| (w.to_string(), Role::Other)));
        words.extend(vocab.other_roles.iter().map(|w| (fold(w.trim()).into_owned(), Role::Other)));
        words.extend(TIME_ROLES.iter().map(|w| (w.to_string(), Role::Time)));
        words.retain(|(w, _)| !w.is_empty());
        words.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
        let mut ends: Vec<(char, Vec<usize>)> = Vec::new();
        for (i, (w, _)) in words.iter().enumerate() {
            let Some(last) = w.chars().next_back() else { continue };
            match ends.iter_mut().find(|(c, _)| *c == last) {
                Some((_, same)) => same.push(i),
                None => ends.push((last, vec![i])),
            }
        }
        let tails = words.iter().map(|(w, _)| (tail(w), u128::MAX >> (128 - 8 * w.len().min(16)))).collect();
        Matchers { words, tails, ends }
    }

    /// The first (longest) word that `s` ends with. A word of up to sixteen
    /// bytes, and no longer than `s`, matches when its masked tail does.
    fn ends_with_word(&self, s: &str) -> Option<(&str, Role)> {
        let (_, same_end) = self.words_ending_with(s.chars().next_back()?)?;
        let t = tail(s);
        same_end
            .iter()
            .find(|&&i| {
                let (w, (wt, mask)) = (&self.words[i].0, self.tails[i]);
                t & mask == wt && w.len() <= s.len() && (w.len() <= 16 || s.ends_with(w.as_str()))
            })
            .map(|&i| (self.words[i].0.as_str(), self.words[i].1))
    }

    /// The entry of [`Matchers::ends`] for `last`, if a word ends with it.
    fn words_ending_with(&self, last: char) -> Option<&(char, Vec<usize>)> {
        self.ends.iter().find(|(c, _)| *c == last)
    }

    fn role_of(&self, label: &str) -> Option<Role> {
        let folded = fold(label.trim_matches(|c: char| is_inline_space(c) || c == FILLER as char));
        self.words.iter().find(|(w, _)| folded.starts_with(w.as_str())).map(|&(_, r)| r)
    }

    pub(crate) fn is_lead_label(&self, label: &str) -> bool {
        self.role_of(label) == Some(Role::Lead)
    }

    /// Whether `label` names the accountable leader (责任领导 …).
    pub(crate) fn is_leader_label(&self, label: &str) -> bool {
        self.role_of(label) == Some(Role::Leader)
    }

    /// Whether `label` names other responsible units (责任单位, 配合单位 …).
    pub(crate) fn is_other_label(&self, label: &str) -> bool {
        self.role_of(label) == Some(Role::Other)
    }

    /// Role labels (`牵头单位：`, `責任單位:` …) in `start..end` of the folded
    /// view, found from the colons: colons are rare in prose, so this is a fast scan.
    fn labels_in(&self, folded: &str, start: usize, end: usize) -> Vec<Label> {
        let prose = folded;
        let bytes = &prose.as_bytes()[start..end];
        // Both kinds of colon in text order, merged as found: no vector of them to sort.
        let mut half = memchr::memchr_iter(b':', bytes).map(|p| (start + p, 1)).peekable();
        let mut full = FULL_COLON.find_iter(bytes).map(|p| (start + p, 3)).peekable();
        let colons = std::iter::from_fn(|| match (half.peek(), full.peek()) {
            (Some(h), Some(f)) if f < h => full.next(),
            (Some(_), _) => half.next(),
            (None, _) => full.next(),
        });
        // Room for the labels at the density of the bench drafts (37 in 20 KB):
        // growing from empty reallocates five times per draft.
        let mut out = Vec::with_capacity((end - start) / 512);
        for (p, colon_len) in colons {
            let mut q = p;
            while q > start {
                match char_before(prose, q) {
                    Some(c) if matches!(c, ' ' | '\t' | '\u{3000}') || c == FILLER as char => q -= c.len_utf8(),
                    _ => break,
                }
            }
            // Every match below ends with the last char of a word, in either script.
            let Some(last) = char_before(prose, q).filter(|_| q > start) else { continue };
            if self.words_ending_with(last).is_none()
                && self.words_ending_with(crate::text::fold::fold_char(last)).is_none()
            {
                continue;
            }
            // Most labels are written whole; spaces or filler inside one (`牵头 单位`) are rare.
            let window = &prose[crate::text::floor_char_boundary(prose, q.saturating_sub(48).max(start))..q];
            let exact = self.ends_with_word(window).map(|(w, r)| (q - w.len(), r));
            // A traditional label quoted in a simplified draft (which is not folded as a whole).
            let quoted = || {
                crate::text::fold::has_traditional(window).then(|| {
                    let folded = fold(window);
                    self.ends_with_word(&folded).map(|(w, r)| (q - w.len(), r))
                })?
            };
            let exact = exact.or_else(quoted);
            let spaced = || {
                let gappy = window.contains(|c: char| is_inline_space(c) || c == FILLER as char);
                gappy.then(|| self.words.iter().find_map(|(w, role)| Some((suffix_at(prose, start, q, w)?, *role))))?
            };
            let hit = exact.or_else(spaced);
            if let Some((label_start, role)) = hit {
                out.push(Label { start: label_start, end: p + colon_len, role });
            }
        }
        out
    }
}

/// The last (up to) sixteen bytes of `s` as an integer.
fn tail(s: &str) -> u128 {
    let b = s.as_bytes();
    match b.last_chunk::<16>() {
        Some(last) => u128::from_be_bytes(*last),
        None => b.iter().fold(0, |acc, &x| (acc << 8) | u128::from(x)),
    }
}

/// Where `word` starts if `text[floor..end]` ends with it. Spaces and filler
/// inside the word are skipped: a line wrap (`牵头 单位`) or a pinyin gloss
/// blanked out of the prose view (`单(dān)位`) does not break a label.
fn suffix_at(text: &str, floor: usize, end: usize, word: &str) -> Option<usize> {
    let mut at = end;
    let mut chars = word.chars().rev().peekable();
    let mut matched = 0;
    let mut skipped = 0;
    while let Some(&w) = chars.peek() {
        let c = char_before(text, at).filter(|_| at > floor)?;
        at -= c.len_utf8();
        if c == w {
            chars.next();
            matched += 1;
        } else if matched > 0 && (is_inline_space(c) || c == FILLER as char) && skipped < 24 {
            skipped += 1;
        } else {
            return None;
        }
    }
    Some(at)
}

/// When `cursor` is in an open list of unit names on the line starting at
/// `line_start`: where the list starts and where the unit name being typed
/// starts. A list is open until a closing bracket or a full stop. It is
/// opened by
/// - a lead or other-unit label (`牵头单位：`, `责任部门：`, the configured
///   ones, in either script, spaced or with a half-width colon); not a
///   leader label (责任领导 names a person) nor a deadline;
/// - in the verb form, an opening bracket whose text so far names a lead
///   (`（市科技局牵头，`): the units after it.
///
/// `folded` is the prose view folded to simplified characters.
pub fn open_unit_list(
    folded: &str,
    vocab: &Vocabulary<'_>,
    line_start: usize,
    cursor: usize,
) -> Option<(usize, usize)> {
    let matchers = Matchers::for_vocab(vocab);
    let list = match matchers.labels_in(folded, line_start, cursor).last() {
        Some(label) if matches!(label.role, Role::Time | Role::Leader) => return None,
        Some(label) => label.end,
        None => {
            let open = find_open_before(folded, line_start, cursor)?;
            let inside = open + char_at(folded, open).map_or(1, char::len_utf8);
            let (_, verb_end) = lead_verb_in(&folded[inside..cursor])?;
            let after = &folded[inside + verb_end..cursor];
            let sep = after.find(['，', ',', '；', ';', '、'])?;
            inside + verb_end + sep
        }
    };
    let rest = &folded[list..cursor];
    if rest.contains(['）', ')', '。', '〕', '】', ']', '﹚']) {
        return None;
    }
    let sep = rest
        .rfind(['、', '，', '；', ',', ';', '/', '／'])
        .map_or(0, |i| i + char_at(rest, i).map_or(1, char::len_utf8));
    Some((list, list + sep))
}

/// The first `牵头` (or 牽頭) in `s` used as a verb, with a leading 分别/共同/负责:
/// returns its byte range within `s`.
fn lead_verb_in(s: &str) -> Option<(usize, usize)> {
    let p = s.find("牵头")?;
    let mut start = p;
    for prefix in ["分别", "共同", "负责"] {
        if s[..p].ends_with(prefix) {
            start = p - prefix.len();
            break;
        }
    }
    Some((start, p + "牵头".len()))
}

/// The bracket family of `c` as an opening (`Some((family, true))`) or closing
/// bracket. A clause may be wrapped in parentheses of any width, or in the
/// square, tortoise-shell or lenticular pairs drafts also use (`[牵头单位：…]`,
/// `〔牵头单位：…〕`, `【牵头单位：…】`); an opener matches any closer of its family
/// (`（…)` is one pair).
fn bracket(c: char) -> Option<(u8, bool)> {
    Some(match c {
        '（' | '(' | '﹙' | '｟' => (0, true),
        '）' | ')' | '﹚' | '｠' => (0, false),
        '［' | '[' => (1, true),
        '］' | ']' => (1, false),
        '〔' | '﹝' | '〘' => (2, true),
        '〕' | '﹞' | '〙' => (2, false),
        '【' | '〖' => (3, true),
        '】' | '〗' => (3, false),
        '〈' | '<' => (4, true),
        '〉' | '>' => (4, false),
        _ => return None,
    })
}

/// An opening bracket that can wrap a clause (not the angle brackets of notes).
fn is_clause_open(c: char) -> bool {
    bracket(c).is_some_and(|(f, open)| open && f != 4)
}

/// Finds every responsibility clause. Words are matched in `folded` (the prose
/// view folded to simplified characters); units are read from `prose`.
/// `verbs`: the hits of [`CLAUSE_VERBS`] in `folded` as (start, index), sorted.
pub(crate) fn find_clauses(
    prose: &str,
    folded: &str,
    lines: &[Line],
    m: &Matchers,
    vocab: &Vocabulary<'_>,
    verbs: &[(usize, usize)],
) -> Vec<Clause> {
    let mut names = UnitNames::default();
    let mut lists = Lists::default();
    let mut consumed = 0usize;
    // 1. Labelled clauses: `牵头单位：…`. The labels of the whole text, found once:
    // a clause's own labels are the run of them inside it.
    let labels = m.labels_in(folded, 0, folded.len());
    // Each labelled clause holds a label: allocated once instead of growing.
    let mut clauses = Vec::with_capacity(labels.len());
    for (k, &hit) in labels.iter().enumerate() {
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
            Some(c) if is_clause_open(c) => {
                let open = before - c.len_utf8();
                match find_close(prose, lines, line_idx, hit.end, c) {
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
        if let Some(clause) = parse_labelled(prose, range, &labels[k..], vocab, &mut names, &mut lists) {
            clauses.push(clause);
        }
    }
    // 2. Clauses without labels: `（A、B牵头，C配合）`, `（A、B按职责分工负责）`,
    // and a line of its own such as `市发改委牵头落实`.
    let mut extra: Vec<Clause> = Vec::new();
    for &(at, word) in verbs {
        if covered(&clauses, at) || extra.last().is_some_and(|c| c.range.contains(at)) {
            continue;
        }
        let verb = CLAUSE_VERBS[word];
        let after = at + verb.len();
        // 牵头单位, 牵头部门 … are labels; 牵头抓总, 牵头组织 … are prose.
        if verb == "牵头"
            && let Some(next) = char_at(folded, after)
            && matches!(
                next,
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
            && !own_line_verb(folded, lines, at, after)
        {
            continue;
        }
        let Some(line_idx) = line_containing(lines, at) else { continue };
        let line = &lines[line_idx];
        if line.kind != LineKind::Prose {
            continue;
        }
        let clause = match find_open_before(prose, line.content as usize, at) {
            Some(open) => {
                let Some(close) = find_close(prose, lines, line_idx, after, char_at(prose, open).unwrap_or('（'))
                else {
                    continue;
                };
                let range = TextRange::new(open, close);
                if folded[range.as_range()].contains("牵头") {
                    parse_verb_form(prose, folded, range, true, vocab, &mut names, &mut lists)
                } else {
                    parse_unlabelled(prose, folded, range, vocab, &mut names, &mut lists)
                }
            }
            None if verb == "牵头" && own_line_verb(folded, lines, at, after) => {
                let (a, b) = trim(prose, line_head(folded, line), line.range.end());
                let range = TextRange::new(a, trim_end_punct(prose, a, b));
                parse_verb_form(prose, folded, range, false, vocab, &mut names, &mut lists)
            }
            None => None,
        };
        if let Some(clause) = clause {
            extra.push(clause);
        }
    }
    clauses.extend(extra);
    clauses.sort_by_key(|c| c.range.start);
    clauses
}

/// Words after `A牵头` on a line of its own (`市发改委牵头落实`), or in a
/// heading that hands a group of tasks to a unit (`一、县示范区管委会牵头工作（8项）`).
const OWN_LINE_TAILS: [&str; 12] =
    ["落实", "负责", "推进", "实施", "完成", "办理", "组织实施", "工作", "重点工作", "的工作", "的重点工作", "事项"];

/// Where the text of `line` starts, after a numbering marker if it has one.
fn line_head(folded: &str, line: &Line) -> usize {
    let start = line.content as usize;
    let text = &folded[start..line.range.end()];
    let skipped = text.len() - text.trim_start_matches(|c: char| is_inline_space(c) || c == '\0').len();
    match crate::syntax::outline::match_marker(&text[skipped..]) {
        Some((_, _, len, _)) => start + skipped + len,
        None => start,
    }
}

/// Whether the `牵头` at `at..after` ends a line of its own that lists units
/// (`市发改委牵头落实`, `市金融办、人民银行潍坊市中心支行分别牵头落实。`), or
/// a heading that gives its tasks to a unit (`一、县示范区管委会牵头工作（8项）`):
/// a short line, no sentence punctuation before the verb, a unit-like first name.
fn own_line_verb(folded: &str, lines: &[Line], at: usize, after: usize) -> bool {
    let Some(line) = line_containing(lines, at).map(|i| &lines[i]) else { return false };
    let start = line_head(folded, line).min(at);
    let head = folded[start..at].trim_start_matches(|c: char| is_inline_space(c) || c == '\0');
    let mut tail = folded[after..line.range.end()].trim_end_matches(|c: char| {
        is_inline_space(c) || c == '\0' || matches!(c, '。' | '；' | ';' | '.' | '：' | ':')
    });
    // A count after a heading: 工作（8项）.
    if let Some(open) = tail.rfind(['（', '('])
        && tail.ends_with(['）', ')'])
        && tail[open..].chars().count() <= 8
    {
        tail = tail[..open].trim_end();
    }
    let head = head.trim_end_matches(['分', '别', '共', '同', '负', '责']);
    let head = head.strip_prefix('由').unwrap_or(head);
    !head.is_empty()
        && head.chars().count() <= 80
        && !head.contains(['。', '；', ';', '：', ':', '，', ','])
        && (tail.is_empty() || OWN_LINE_TAILS.contains(&tail))
        && looks_like_unit(head.split(['、', '/', '／']).next().unwrap_or(""))
}

/// Endings of unit names: 局, 委, 办, 政府, 管委会, 中心, 公司 …
const UNIT_ENDINGS: [char; 22] = [
    '局', '委', '办', '厅', '部', '府', '院', '会', '心', '司', '室', '站', '所', '队', '行', '处', '科', '股', '馆',
    '校', '社', '团',
];

/// Whether `name` reads as a unit name (or a generic one such as 各有关部门).
fn looks_like_unit(name: &str) -> bool {
    let n = name.trim_matches(|c: char| is_inline_space(c) || c == '\0' || c == '等');
    (2..=30).contains(&n.chars().count())
        && (n.chars().next_back().is_some_and(|c| UNIT_ENDINGS.contains(&c)) || is_generic_unit(n))
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

/// Finds the bracket closing a clause opened by `open` on line `line_idx`,
/// looking at most three lines ahead. Returns the byte just past it.
fn find_close(prose: &str, lines: &[Line], line_idx: usize, from: usize, open: char) -> Option<usize> {
    let family = bracket(open).map_or(0, |(f, _)| f);
    let mut depth = 0i32;
    let last = (line_idx + 3).min(lines.len() - 1);
    let end = lines[last].range.end();
    let bytes = prose.as_bytes();
    let mut at = from;
    while at < end {
        // Brackets and 。 are ASCII or have lead byte E3 or EF: skip ideographs undecoded,
        // testing first for the lead bytes of most of them.
        let lead = bytes[at];
        if is_ideograph_lead(lead) {
            at += 3;
            continue;
        }
        if !matches!(lead, b'(' | b')' | b'[' | b']' | b'<' | b'>' | 0xE3 | 0xEF) {
            at += utf8_len(lead);
            continue;
        }
        let Some(c) = char_at(prose, at) else { break };
        match bracket(c) {
            Some((_, true)) => depth += 1,
            Some((f, false)) => {
                if depth == 0 && f == family {
                    return Some(at + c.len_utf8());
                }
                depth -= 1;
            }
            None if c == '。' && depth == 0 => return None,
            None => {}
        }
        at += c.len_utf8();
    }
    None
}

/// The length of the UTF-8 sequence that starts with byte `lead`.
fn utf8_len(lead: u8) -> usize {
    match lead {
        0x00..=0x7F => 1,
        0x80..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    }
}

/// The opening bracket of a clause around `at`, on the same line.
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
        match bracket(c) {
            Some((_, false)) => depth += 1,
            Some((f, true)) => {
                if depth == 0 {
                    return (f != 4).then_some(i);
                }
                depth -= 1;
            }
            None if c == '。' => return None,
            None => {}
        }
    }
    None
}

fn full_width(prose: &str, range: TextRange) -> bool {
    let s = &prose[range.as_range()];
    if s.starts_with(['(', '[']) {
        return false;
    }
    // Half-width only when a half-width colon appears and no full-width one.
    // Searched with `memchr`: `str::contains` scans a byte at a time.
    memchr::memchr(b':', s.as_bytes()).is_none() || FULL_COLON.find(s.as_bytes()).is_some()
}

/// The inside of a clause: without its brackets when it has them.
fn inner(prose: &str, range: TextRange) -> (usize, usize, bool) {
    let s = &prose[range.as_range()];
    let first = s.chars().next();
    let last = s.chars().next_back();
    let open = first.filter(|&c| is_clause_open(c));
    let start = range.start() + open.map_or(0, char::len_utf8);
    let end = match last {
        Some(c) if open.is_some() && bracket(c).is_some_and(|(_, o)| !o) && s.len() > c.len_utf8() => {
            range.end() - c.len_utf8()
        }
        _ => range.end(),
    };
    (start, end.max(start), open.is_some())
}

/// Parses `牵头单位：A；责任单位：B、C` (with or without brackets).
/// `labels`: the labels of the text from the clause's first one on.
fn parse_labelled<'p>(
    prose: &'p str,
    range: TextRange,
    labels: &[Label],
    vocab: &Vocabulary<'_>,
    names: &mut UnitNames<'p>,
    lists: &mut Lists,
) -> Option<Clause> {
    let (inner_start, inner_end, parenthesised) = inner(prose, range);
    let first = labels.partition_point(|l| l.start < inner_start);
    let count = labels[first..].partition_point(|l| l.end <= inner_end);
    let labels = &labels[first..first + count];
    if labels.is_empty() {
        return None;
    }
    let Lists { leads, leaders, others } = lists;
    let mut lead_explicit = false;
    let mut empty_lead_label = None;
    for (i, label) in labels.iter().enumerate() {
        let seg_end = labels.get(i + 1).map_or(inner_end, |n| n.start);
        let list = match label.role {
            Role::Time => continue,
            Role::Lead => &mut *leads,
            Role::Leader => &mut *leaders,
            Role::Other => &mut *others,
        };
        let before = list.len();
        split_units(prose, label.end, seg_end, vocab, names, list);
        if label.role == Role::Lead {
            lead_explicit = true;
            if leads.len() == before {
                empty_lead_label = Some(TextRange::new(label.start, label.end));
            }
        }
    }
    if !lead_explicit && !others.is_empty() {
        leads.push(others.remove(0));
    }
    if !lead_explicit && leads.is_empty() && !leaders.is_empty() {
        // Only a leader is named: the leader answers for the task.
        std::mem::swap(leads, leaders);
        lead_explicit = true;
    }
    leaders.clear();
    if !lead_explicit && leads.is_empty() {
        // `责任单位：` naming no unit, in a clause without a lead label: its first
        // unit would have been the lead, so the lead is left blank.
        empty_lead_label = labels.iter().find(|l| l.role == Role::Other).map(|l| TextRange::new(l.start, l.end));
    }
    Some(Clause {
        range,
        leads: shared(leads),
        others: shared(others),
        lead_explicit,
        empty_lead_label,
        style: ClauseStyle { parenthesised, full_width: full_width(prose, range), labelled_lead: lead_explicit },
    })
}

/// How units without a lead say they take part.
const SHARE_WORDS: [&str; 10] =
    ["按职责分工负责", "按职责负责", "分工负责", "配合", "参与", "协同", "协助", "负责", "共同推进", "按职责"];

/// Where the first share word starts in `folded[start..end]`, as an offset of the text.
fn share_word_at(folded: &str, start: usize, end: usize) -> Option<usize> {
    let part = &folded[start..end];
    SHARE_WORDS.iter().filter_map(|w| part.find(w)).min().map(|p| start + p)
}

/// Parses `（A、B牵头，C配合）` / `（A分别牵头，B按职责分工负责）`, or the same
/// without brackets on a line of its own (`市发改委牵头落实`).
fn parse_verb_form<'p>(
    prose: &'p str,
    folded: &str,
    range: TextRange,
    bracketed: bool,
    vocab: &Vocabulary<'_>,
    names: &mut UnitNames<'p>,
    lists: &mut Lists,
) -> Option<Clause> {
    let (inner_start, inner_end, parenthesised) =
        if bracketed { inner(prose, range) } else { (range.start(), range.end(), false) };
    let Lists { leads, others, .. } = lists;
    let mut part_start = inner_start;
    let seps = folded[inner_start..inner_end].match_indices(['，', ',', '；', ';']).map(|(i, _)| inner_start + i);
    for sep in seps.chain(std::iter::once(inner_end)) {
        if let Some((verb_start, _)) = lead_verb_in(&folded[part_start..sep]) {
            // `由A牵头`: 由 introduces the unit, it is not part of its name.
            let from = part_start + if folded[part_start..].starts_with('由') { '由'.len_utf8() } else { 0 };
            split_units(prose, from.min(part_start + verb_start), part_start + verb_start, vocab, names, leads);
        } else if let Some(cut) = share_word_at(folded, part_start, sep) {
            split_units(prose, part_start, cut, vocab, names, others);
        }
        part_start = sep + prose[sep..].chars().next().map_or(0, char::len_utf8);
    }
    if leads.is_empty() {
        others.clear();
        return None;
    }
    Some(Clause {
        range,
        leads: shared(leads),
        others: shared(others),
        lead_explicit: true,
        empty_lead_label: None,
        style: ClauseStyle { parenthesised, full_width: full_width(prose, range), labelled_lead: false },
    })
}

/// Parses a bracketed clause without labels or 牵头: `（A、B等按职责分工负责）`.
/// Its first unit leads (the convention for 责任单位 lists). The first name
/// must read as a unit, so that `（按职责分工负责）` alone is not a clause.
fn parse_unlabelled<'p>(
    prose: &'p str,
    folded: &str,
    range: TextRange,
    vocab: &Vocabulary<'_>,
    names: &mut UnitNames<'p>,
    lists: &mut Lists,
) -> Option<Clause> {
    let (inner_start, inner_end, _) = inner(prose, range);
    let cut = share_word_at(folded, inner_start, inner_end)?;
    let Lists { leads, others: units, .. } = lists;
    split_units(prose, inner_start, cut, vocab, names, units);
    // `A、B等省有关部门和各地级以上市人民政府`: the names before the generic tail.
    let first = units.first()?;
    if !looks_like_unit(&prose[first.range.as_range()]) {
        units.clear();
        return None;
    }
    leads.push(units.remove(0));
    Some(Clause {
        range,
        leads: shared(leads),
        others: shared(units),
        lead_explicit: false,
        empty_lead_label: None,
        style: ClauseStyle { parenthesised: true, full_width: full_width(prose, range), labelled_lead: false },
    })
}

/// Splits a list of unit names on 、，；and glued names (市行政审批局市司法局),
/// respecting brackets (各县（市、区）政府) and dropping notes (〈含…，下同〉),
/// and appends the units to `units`: callers collect the lists of a clause in
/// one vector each, without a vector per list to move and free.
pub(crate) fn split_units<'p>(
    prose: &'p str,
    start: usize,
    end: usize,
    vocab: &Vocabulary<'_>,
    names: &mut UnitNames<'p>,
    units: &mut Vec<Unit>,
) {
    let mut depth = 0i32;
    let mut piece_start = start;
    let mut at = start;
    let mut notes: Vec<(usize, usize)> = Vec::new();
    let mut note_open = None;
    let bytes = prose.as_bytes();
    while at < end {
        // Every char that matters below is ASCII or has lead byte C2, E3 or EF:
        // skip ideographs undecoded, testing first for the lead bytes of most of
        // them.
        let lead = bytes[at];
        if is_ideograph_lead(lead) {
            at += 3;
            continue;
        }
        if lead >= 0x80 && !matches!(lead, 0xC2 | 0xE3 | 0xEF) {
            at += utf8_len(lead);
            continue;
        }
        let Some(c) = char_at(prose, at) else { break };
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
                push_units(prose, piece_start, at, &notes, vocab, names, units);
                piece_start = at + c.len_utf8();
            }
            _ if depth == 0 && (is_inline_space(c) || c == '\n' || c == '\r') => {
                push_units(prose, piece_start, at, &notes, vocab, names, units);
                piece_start = at + c.len_utf8();
            }
            _ => {}
        }
        at += c.len_utf8();
    }
    push_units(prose, piece_start, end, &notes, vocab, names, units);
}

fn push_units<'p>(
    prose: &'p str,
    start: usize,
    end: usize,
    notes: &[(usize, usize)],
    vocab: &Vocabulary<'_>,
    names: &mut UnitNames<'p>,
    out: &mut Vec<Unit>,
) {
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
    if let Some(unit) = names.plain_unit(prose, start, end) {
        out.push(unit);
        return;
    }
    // Most pieces are one name: no conjunction or 等 to split at.
    let piece = &prose[start..end];
    if !has_ideograph(piece, &[CONJUNCTIONS[0], CONJUNCTIONS[1], CONJUNCTIONS[2], DENG]) {
        push_glued(prose, start, end, vocab, names, out);
        return;
    }
    for_each_group(prose, start, end, |s, e| push_glued(prose, s, e, vocab, names, out));
}

/// 和, 及, 与 in UTF-8.
const CONJUNCTIONS: [[u8; 3]; 3] = [[0xE5, 0x92, 0x8C], [0xE5, 0x8F, 0x8A], [0xE4, 0xB8, 0x8E]];
/// 等 in UTF-8.
const DENG: [u8; 3] = [0xE7, 0xAD, 0x89];

/// Whether `s` holds one of `chars` (three-byte characters in UTF-8). Compared
/// as bytes: a `char` search decodes every character of every piece. A match
/// is a whole character, as UTF-8 never starts a character inside another.
fn has_ideograph(s: &str, chars: &[[u8; 3]]) -> bool {
    s.as_bytes().windows(3).any(|w| chars.iter().any(|c| w == c))
}

/// Calls `f` with each group of `prose[start..end]`, splitting off the generic
/// groups a list ends with: `能源局等省有关部门和各地级以上市人民政府`
/// → `能源局` | `省有关部门` | `各地级以上市人民政府`. A conjunction (和, 及, 与)
/// splits only before a group opening with 各, as names hold 和 (`市发展和改革委员会`);
/// 等 splits before a generic group and drops a bare `部门`, `单位` (`市财政局等部门`).
/// Groups are handed over as found, without a vector per piece.
fn for_each_group(prose: &str, start: usize, end: usize, mut f: impl FnMut(usize, usize)) {
    let piece = &prose[start..end];
    let mut from = 0;
    for (p, c) in piece.char_indices() {
        let after = p + c.len_utf8();
        if matches!(c, '和' | '及' | '与') && p > from && piece[after..].starts_with('各') {
            split_generic_tail(prose, start + from, start + p, &mut f);
            from = after;
        }
    }
    split_generic_tail(prose, start + from, end, &mut f);
}

/// Calls `f` with `prose[s..e]`, or with its name and generic group when
/// `等` separates them (`能源局等省有关部门`), or with only the name before a
/// bare `等部门`, `等单位`.
fn split_generic_tail(prose: &str, s: usize, e: usize, f: &mut impl FnMut(usize, usize)) {
    let part = &prose[s..e];
    match part.find('等').filter(|&p| p > 0) {
        Some(p) => {
            let rest_start = s + p + '等'.len_utf8();
            let rest = &prose[rest_start..e];
            if matches!(rest, "部门" | "单位" | "部門" | "單位") {
                f(s, s + p);
            } else if !rest.is_empty() && is_generic_unit(rest) {
                f(s, s + p);
                f(rest_start, e);
            } else {
                f(s, e);
            }
        }
        None => f(s, e),
    }
}

/// Pushes the names of `prose[start..end]`, splitting glued names:
/// 市行政审批局市司法局 → 市行政审批局 | 市司法局.
fn push_glued<'p>(
    prose: &'p str,
    start: usize,
    end: usize,
    vocab: &Vocabulary<'_>,
    names: &mut UnitNames<'p>,
    out: &mut Vec<Unit>,
) {
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
            out.push(make_unit(prose, cut_start, at, vocab, names));
            cut_start = at;
            chars_in_piece = 0;
        }
        prev = Some(c);
        chars_in_piece += 1;
        at += c.len_utf8();
    }
    out.push(make_unit(prose, cut_start, end, vocab, names));
}

fn trim(s: &str, mut start: usize, mut end: usize) -> (usize, usize) {
    // Most pieces start and end with an ideograph, which is no junk unless it
    // is a leading 等: tested on bytes, without decoding.
    let bytes = s.as_bytes();
    let ideograph_at = |i: usize| is_ideograph_lead(bytes[i]);
    if end >= start + 3 && ideograph_at(start) && ideograph_at(end - 3) && !s[start..].starts_with('等') {
        return (start, end);
    }
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

/// The unit names of one parse, by their text as written: most names recur
/// (the same units lead many tasks), and a repeat costs a lookup instead of an
/// allocation (and its release), another [`is_generic_unit`] and, for a whole
/// piece of a list, the scans of [`push_units`].
#[derive(Default)]
pub(crate) struct UnitNames<'p> {
    seen: FxHashMap<&'p str, Name>,
}

/// What [`UnitNames`] keeps of a name.
struct Name {
    /// The canonical name.
    name: Arc<str>,
    generic: bool,
    /// Holds no 等. Such a name, met again as a whole piece of a list, is one
    /// unit again. [`for_each_group`] hands it over whole: a 和, 及 or 与 inside
    /// a name is followed by no 各 (or starts the piece it came from), else the
    /// groups would have been split there. And [`push_glued`] cuts nowhere inside
    /// a name it made (its cuts depend only on the characters since the last
    /// cut). Names with 和 recur (市自然资源和规划局): this skips both for them.
    plain: bool,
}

impl UnitNames<'_> {
    /// The unit `prose[start..end]` when that text was read before as a whole
    /// name without 等.
    fn plain_unit(&self, prose: &str, start: usize, end: usize) -> Option<Unit> {
        let known = self.seen.get(&prose[start..end]).filter(|n| n.plain)?;
        Some(Unit { range: TextRange::new(start, end), generic: known.generic, name: Arc::clone(&known.name) })
    }
}

fn make_unit<'p>(prose: &'p str, start: usize, end: usize, vocab: &Vocabulary<'_>, names: &mut UnitNames<'p>) -> Unit {
    let raw = &prose[start..end];
    if names.seen.capacity() == 0 {
        // Room for the names of a typical draft at once: growing rehashes every name.
        names.seen.reserve(64);
    }
    let known = names.seen.entry(raw).or_insert_with(|| Name {
        name: Arc::from(vocab.canonical_unit(raw)),
        generic: is_generic_unit(raw),
        plain: !has_ideograph(raw, &[DENG]),
    });
    Unit { range: TextRange::new(start, end), generic: known.generic, name: Arc::clone(&known.name) }
}

/// 各有关单位, 市直各有关单位, 各区人民政府, 有关部门, 成员单位 …
pub fn is_generic_unit(name: &str) -> bool {
    // Each test below needs 各, 关 or 员 (成员单位) once folded; most names have none.
    // Compared as UTF-8: a char search decodes every character of every unit.
    let needed = |w: &[u8]| {
        matches!(
            w,
            [0xE5, 0x90, 0x84]
                | [0xE5, 0x85, 0xB3]
                | [0xE9, 0x96, 0xA2]
                | [0xE9, 0x97, 0x9C]
                | [0xE5, 0x91, 0x98]
                | [0xE5, 0x93, 0xA1]
        )
    };
    if !name.as_bytes().windows(3).any(needed) {
        return false;
    }
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
