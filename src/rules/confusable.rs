//! Rule `confusable`: characters misread by OCR or mistyped, from a curated
//! list with context guards (`confusable.toml` beside this file).

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, packed};
use serde::Deserialize;

use crate::config::ConfusablePair;
use crate::diagnostic::{Applicability, Edit, Fix};
use crate::lang::Lang;
use crate::rules::{Ctx, declare_rule};
use crate::text::{TextRange, is_digit, is_han};

declare_rule! {
    /// ## What it does
    /// Finds words that a scan (OCR) misread or a typist mistyped, from a
    /// curated list of the confusions seen in drafts of the genre, and says
    /// which word was meant:
    /// - OCR reads 入 as 人 after a verb that takes 入 (`纳人`, `深人`, `引人“…”`,
    ///   `列人`, `收人`, `准人`, `切人点` …) and in the words that begin with 入
    ///   (`人围`, `人选国家`, `人驻`, `子女人学`, `人园率`, `出人境` …);
    /// - other look-alike characters: `区城性` for 区域性 (also `领城`, `流城`),
    ///   `遵选` for 遴选, `抗在…肩上` and `抗起…责任` for 扛, `自已` for 自己,
    ///   `己经` and `巳经` for 已经, `末来` for 未来;
    /// - mistyped words and set phrases of 公文: `部暑`/`布署` (部署), `按装`
    ///   (安装), `关健` (关键), `再接再励`, `一如继往`, `按步就班`, `因地治宜`,
    ///   `与时具进`, `截止2023年底` (截至) …;
    /// - fixed formulas garbled by synonym-spinning sites: `生长改造委`
    ///   (发展改革委), `牵头卖力` (牵头负责), `加鼎力度` (加大力度).
    ///
    /// 查找扫描识别（OCR）认错或录入打错的字词，依据本类文稿中常见混淆的整理清单，
    /// 并指出原本应为哪个词：
    /// - OCR 在带“入”的动词后把“入”认成“人”（`纳人`、`深人`、`引人“…”`、`列人`、
    ///   `收人`、`准人`、`切人点`……），以及以“入”开头的词（`人围`、`人选国家`、
    ///   `人驻`、`子女人学`、`人园率`、`出人境`……）；
    /// - 其他形近字：`区城性`（区域性，另有`领城`、`流城`），`遵选`（遴选），
    ///   `抗在…肩上`、`抗起…责任`（扛），`自已`（自己），`己经`、`巳经`（已经），
    ///   `末来`（未来）；
    /// - 公文中常见的错别字和成语误写：`部暑`/`布署`（部署）、`按装`（安装）、
    ///   `关健`（关键）、`再接再励`、`一如继往`、`按步就班`、`因地治宜`、`与时具进`、
    ///   `截止2023年底`（截至）……；
    /// - 被网站同义词替换改写坏了的固定说法：`生长改造委`（发展改革委）、
    ///   `牵头卖力`（牵头负责）、`加鼎力度`（加大力度）。
    ///
    /// Each entry is reported only where the wrong form has no legitimate
    /// reading in its context: `吸纳人才`, `引进人才`, `资深人士`, `金融人才`,
    /// `引人注目`, `工人学习`, `干部人选`, `人户分离`, `自己经营`, `来自已建项目`,
    /// `不能自已`, `申报截止日期`, `截止到2023年底`, `按装机容量` are not
    /// flagged. A fix is offered as safe only where no other reading is left
    /// (`己经` → 已经, `再接再励` → 再接再厉). Switch an entry off with
    /// `[confusable] disable = ["人选"]` and add your own with
    /// `extra = [{ wrong = "…", right = "…" }]` in `planlint.toml`.
    ///
    /// 只在错误写法在上下文中没有合理读法时才报告：`吸纳人才`、`引进人才`、
    /// `资深人士`、`金融人才`、`引人注目`、`工人学习`、`干部人选`、`人户分离`、
    /// `自己经营`、`来自已建项目`、`不能自已`、`申报截止日期`、`截止到2023年底`、`按装机容量`都不会
    /// 误报。只有在不存在其他读法时（`己经` → 已经、`再接再励` → 再接再厉），修复
    /// 才标为安全。可在 `planlint.toml` 中用 `[confusable] disable = ["人选"]`
    /// 关闭某一条，用 `extra = [{ wrong = "…", right = "…" }]` 补充自己的词条。
    ///
    /// ## Why is this bad?
    /// A draft retyped from a scan or copied from a site that OCRed it carries
    /// the scanner's misreadings into the new document, and a mistyped set
    /// phrase reads as carelessness. Reviewers and proofreading tools reject
    /// both; the errors are hard to see because the wrong character looks
    /// right at a glance.
    ///
    /// 从扫描件录入或从经过 OCR 的网页复制的文稿，会把识别错误带进新文件；成语、
    /// 固定说法写错则显得粗疏。审核和校对都会退回这类错误，而形近字一眼看去很难发现。
    ///
    /// ## Example
    /// ```text
    /// 3家企业人围全国百强，引人“赛马制”，建设区城性科技创新中心。
    /// ```
    /// Use instead:
    /// ```text
    /// 3家企业入围全国百强，引入“赛马制”，建设区域性科技创新中心。
    /// ```
    pub(crate) CONFUSABLE, "PL501", "confusable", Warning,
    summary: "Character misread by OCR or mistyped (人围 → 入围, 区城 → 区域, 部暑 → 部署)",
    summary_zh: "形近字识别错误或错别字（人围 → 入围、区城 → 区域、部暑 → 部署）",
}

/// The built-in list.
const DATA: &str = include_str!("confusable.toml");

/// How far `…` in a context reaches, in characters.
const GAP: usize = 12;

/// Where a confusion comes from.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Deserialize)]
#[serde(rename_all = "lowercase")]
enum Kind {
    Ocr,
    Typo,
    Spun,
    /// From `planlint.toml`.
    #[serde(skip)]
    User,
}

/// One confusion: a wrong form, what was meant, and the contexts that decide.
#[derive(Debug)]
struct Pair {
    wrong: String,
    right: String,
    kind: Kind,
    safe: bool,
    /// The character searched for, where not the first that differs (see [`locator`]).
    locate: Option<char>,
    guards: Vec<Context>,
    confirms: Vec<Context>,
    only: Vec<Context>,
    /// Example sentences with the error and without it (run by the tests).
    #[cfg_attr(not(test), allow(dead_code))]
    yes: Vec<String>,
    #[cfg_attr(not(test), allow(dead_code))]
    no: Vec<String>,
}

/// A context string, split around the wrong form.
#[derive(Debug)]
struct Context {
    /// What precedes the wrong form, nearest first.
    before: Vec<Tok>,
    /// What follows the wrong form, in order.
    after: Vec<Tok>,
    clause_start: bool,
    clause_end: bool,
    /// The characters compared, the wrong form's included (markers do not count).
    weight: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tok {
    Char(char),
    Numeral,
    Gap,
}

/// Parses a context of `wrong` (see the head of `confusable.toml`).
fn parse_context(s: &str, wrong: &str) -> Result<Context, String> {
    let (clause_start, rest) = match s.strip_prefix('^') {
        Some(r) => (true, r),
        None => (false, s),
    };
    let (clause_end, rest) = match rest.strip_suffix('$') {
        Some(r) => (true, r),
        None => (false, rest),
    };
    let at = rest.find(wrong).ok_or_else(|| format!("context `{s}` does not contain `{wrong}`"))?;
    let tok = |c: char| match c {
        '#' => Ok(Tok::Numeral),
        '…' => Ok(Tok::Gap),
        '^' | '$' => Err(format!("context `{s}`: `{c}` only at the start (^) or the end ($)")),
        c => Ok(Tok::Char(c)),
    };
    let before = rest[..at].chars().rev().map(tok).collect::<Result<Vec<_>, _>>()?;
    let after = rest[at + wrong.len()..].chars().map(tok).collect::<Result<Vec<_>, _>>()?;
    if before.contains(&Tok::Gap) {
        return Err(format!("context `{s}`: `…` only after the wrong form"));
    }
    let gaps = after.iter().filter(|&&t| t == Tok::Gap).count();
    if gaps > 1 || gaps == 1 && after.last() == Some(&Tok::Gap) {
        return Err(format!("context `{s}`: one `…`, followed by what it reaches"));
    }
    if before.is_empty() && after.is_empty() && !clause_start && !clause_end {
        return Err(format!("context `{s}` is the wrong form alone"));
    }
    let weight = wrong.chars().count() + before.len() + after.iter().filter(|&&t| t != Tok::Gap).count();
    Ok(Context { before, after, clause_start, clause_end, weight })
}

/// A numeral, or a digit masked by a template (`*年`).
fn is_numeral(c: char) -> bool {
    is_digit(c) || "〇零一二三四五六七八九十百千万两*＊Xx×".contains(c)
}

/// Where a clause starts or ends: anything that is not an ideograph, a letter or a digit.
fn is_boundary(c: Option<char>) -> bool {
    c.is_none_or(|c| !(is_han(c) || c.is_alphanumeric() || c == '*' || c == '＊'))
}

/// What `…` does not reach over: the end of a clause or a line.
fn ends_clause(c: char) -> bool {
    matches!(c, '，' | '。' | '；' | '：' | '！' | '？' | '、' | ',' | ';' | ':' | '!' | '?' | '\n' | '\r' | '\0')
}

fn tok_matches(t: Tok, c: char) -> bool {
    match t {
        Tok::Char(x) => x == c,
        Tok::Numeral => is_numeral(c),
        Tok::Gap => false,
    }
}

impl Context {
    /// Whether the text around `start..end` (a hit of the wrong form) reads as this context.
    fn matches(&self, text: &str, start: usize, end: usize) -> bool {
        let mut back = text[..start].chars().rev();
        for &t in &self.before {
            match back.next() {
                Some(c) if tok_matches(t, c) => {}
                _ => return false,
            }
        }
        if self.clause_start && !is_boundary(back.next()) {
            return false;
        }
        self.after_matches(&self.after, text[end..].chars())
    }

    fn after_matches(&self, toks: &[Tok], mut it: std::str::Chars<'_>) -> bool {
        for (i, &t) in toks.iter().enumerate() {
            if t == Tok::Gap {
                let rest = &toks[i + 1..];
                for _ in 0..=GAP {
                    if self.after_matches(rest, it.clone()) {
                        return true;
                    }
                    match it.next() {
                        Some(c) if !ends_clause(c) => {}
                        _ => return false,
                    }
                }
                return false;
            }
            match it.next() {
                Some(c) if tok_matches(t, c) => {}
                _ => return false,
            }
        }
        !self.clause_end || is_boundary(it.next())
    }
}

impl Pair {
    /// Whether a hit at `start..end` of `text` (the folded prose view) is the error.
    fn is_error(&self, text: &str, start: usize, end: usize) -> bool {
        let best = |cs: &[Context]| cs.iter().filter(|c| c.matches(text, start, end)).map(|c| c.weight).max();
        let only = if self.only.is_empty() {
            Some(0)
        } else {
            match best(&self.only) {
                Some(w) => Some(w),
                None => return false,
            }
        };
        let confirmed = only.max(best(&self.confirms)).unwrap_or(0);
        best(&self.guards).is_none_or(|g| g < confirmed)
    }

    /// The edit turning the wrong form at `start` into the right one: only the
    /// characters that differ, so that the rest of the original (traditional
    /// characters included) stays as written.
    fn edit(&self, start: usize) -> Edit {
        let prefix: usize =
            self.wrong.chars().zip(self.right.chars()).take_while(|(a, b)| a == b).map(|(a, _)| a.len_utf8()).sum();
        let (w, r) = (&self.wrong[prefix..], &self.right[prefix..]);
        let suffix: usize =
            w.chars().rev().zip(r.chars().rev()).take_while(|(a, b)| a == b).map(|(a, _)| a.len_utf8()).sum();
        let (w, r) = (&w[..w.len() - suffix], &r[..r.len() - suffix]);
        let at = start + prefix;
        Edit::replace(TextRange::new(at, at + w.len()), r.to_string())
    }
}

/// The data file as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawData {
    #[serde(default)]
    family: Vec<RawFamily>,
    #[serde(default)]
    pair: Vec<RawPair>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFamily {
    #[allow(dead_code)]
    why: String,
    kind: Kind,
    fix: RawFix,
    misread: String,
    meant: String,
    #[serde(default)]
    words: Vec<String>,
    #[serde(default)]
    confirm: Vec<String>,
    head: Vec<RawHead>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHead {
    head: String,
    #[serde(default)]
    guards: Vec<String>,
    #[serde(default)]
    only: Vec<String>,
    #[serde(default)]
    confirm: Vec<String>,
    yes: Vec<String>,
    no: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPair {
    wrong: String,
    right: String,
    kind: Kind,
    fix: RawFix,
    #[allow(dead_code)]
    why: String,
    #[serde(default)]
    guards: Vec<String>,
    #[serde(default)]
    only: Vec<String>,
    #[serde(default)]
    confirm: Vec<String>,
    #[serde(default)]
    locate: Option<String>,
    yes: Vec<String>,
    no: Vec<String>,
}

#[derive(Clone, Copy, Deserialize)]
#[serde(rename_all = "lowercase")]
enum RawFix {
    Safe,
    Unsafe,
}

fn contexts(items: impl IntoIterator<Item = String>, wrong: &str, errors: &mut Vec<String>) -> Vec<Context> {
    items
        .into_iter()
        .filter_map(|s| parse_context(&s, wrong).map_err(|e| errors.push(format!("{wrong}: {e}"))).ok())
        .collect()
}

/// Reads the data file: the pairs it states and what is wrong with it (the
/// tests require no error; at run time a broken entry is skipped).
fn load(src: &str) -> (Vec<Pair>, Vec<String>) {
    let mut errors = Vec::new();
    let raw: RawData = match toml::from_str(src) {
        Ok(r) => r,
        Err(e) => return (Vec::new(), vec![e.to_string()]),
    };
    let mut pairs = Vec::new();
    for f in raw.family {
        if f.misread.chars().count() != 1 || f.meant.chars().count() != 1 {
            errors.push(format!("family {}→{}: one character each", f.misread, f.meant));
            continue;
        }
        for w in f.words.iter().chain(&f.confirm) {
            if !w.starts_with(&f.misread) || w.chars().count() < 2 {
                errors.push(format!("family {}: `{w}` must begin with {} and go on", f.misread, f.misread));
            }
        }
        for h in f.head {
            let wrong = format!("{}{}", h.head, f.misread);
            let words = f.words.iter().map(|w| format!("{}{w}", h.head));
            let confirm = f.confirm.iter().map(|w| format!("{}{w}", h.head));
            pairs.push(Pair {
                guards: contexts(words.chain(h.guards), &wrong, &mut errors),
                confirms: contexts(confirm.chain(h.confirm), &wrong, &mut errors),
                only: contexts(h.only, &wrong, &mut errors),
                right: format!("{}{}", h.head, f.meant),
                wrong,
                kind: f.kind,
                safe: matches!(f.fix, RawFix::Safe),
                locate: None,
                yes: h.yes,
                no: h.no,
            });
        }
    }
    for p in raw.pair {
        let locate = p.locate.map(|l| {
            let mut cs = l.chars();
            match (cs.next(), cs.next()) {
                (Some(c), None) if p.wrong.contains(c) => c,
                _ => {
                    errors.push(format!("{}: locate `{l}` is not one character of the wrong form", p.wrong));
                    '\0'
                }
            }
        });
        pairs.push(Pair {
            locate: locate.filter(|&c| c != '\0'),
            guards: contexts(p.guards, &p.wrong, &mut errors),
            confirms: contexts(p.confirm, &p.wrong, &mut errors),
            only: contexts(p.only, &p.wrong, &mut errors),
            wrong: p.wrong,
            right: p.right,
            kind: p.kind,
            safe: matches!(p.fix, RawFix::Safe),
            yes: p.yes,
            no: p.no,
        });
    }
    let mut seen = std::collections::HashSet::new();
    pairs.retain(|p| {
        let ok = p.wrong.chars().nth(1).is_some()
            && !p.right.is_empty()
            && p.wrong != p.right
            && seen.insert(p.wrong.clone());
        if !ok {
            errors.push(format!("`{}` → `{}`: empty, unchanged or listed twice", p.wrong, p.right));
        }
        ok
    });
    (pairs, errors)
}

/// Where a pair is found: the first character in which its wrong form
/// differs from its right form (the misread or mistyped character: 人 in
/// 纳人 and 人围, 城 in 区城, 励 in 再接再励) unless the entry names a rarer
/// one (`locate`), its byte offset in the wrong form, and the character next
/// to it there (after it, or before it where it ends the wrong form), which
/// tells apart the pairs one character locates.
fn locator(p: &Pair) -> Option<(char, usize, Side, char)> {
    let mut right = p.right.chars();
    let (at, c) = match p.locate {
        Some(c) => (p.wrong.find(c)?, c),
        // A wrong form that begins its right form (none differs) is found by its last character.
        None => p.wrong.char_indices().find(|&(_, w)| right.next() != Some(w)).or(p.wrong.char_indices().last())?,
    };
    match p.wrong[at + c.len_utf8()..].chars().next() {
        Some(n) => Some((c, at, Side::After, n)),
        None => Some((c, at, Side::Before, p.wrong[..at].chars().next_back()?)),
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Side {
    After,
    Before,
}

/// The pairs a character locates at one offset, by the neighbour on one side.
struct Group {
    offset: usize,
    side: Side,
    /// `(neighbour, pair index)`, sorted.
    pairs: Vec<(char, usize)>,
    /// One bit per value of the low six bits of the last UTF-8 byte of each
    /// neighbour, or every bit where that byte's place is not known (a
    /// neighbour after the character not three bytes long). A hit whose byte
    /// there has its bit clear has none of the neighbours, and is refused
    /// without decoding the neighbour and searching `pairs` for it: on the
    /// benchmark drafts, whose 12.7k hits (人, 健, 城, 励) are all refused,
    /// this cut 0.8 M instructions (3.0 M on the 10 MB draft).
    last_bytes: u64,
}

impl Group {
    fn new(offset: usize, side: Side, pairs: Vec<(char, usize)>) -> Group {
        let last_byte = |c: char| {
            let mut b = [0; 4];
            c.encode_utf8(&mut b).as_bytes()[c.len_utf8() - 1]
        };
        let last_bytes = if side == Side::After && pairs.iter().any(|&(n, _)| n.len_utf8() != 3) {
            u64::MAX
        } else {
            pairs.iter().fold(0, |bits, &(n, _)| bits | 1 << (last_byte(n) & 0x3F))
        };
        Group { offset, side, pairs, last_bytes }
    }

    /// Whether the byte where a neighbour of a hit at `at..at_end` of `hay`
    /// ends may end one of this group's neighbours.
    fn may_match(&self, hay: &[u8], at: usize, at_end: usize) -> bool {
        if self.last_bytes == u64::MAX {
            return true;
        }
        let last = match self.side {
            Side::Before => at.checked_sub(1).map(|i| hay[i]),
            Side::After => hay.get(at_end + 2).copied(),
        };
        last.is_some_and(|b| self.last_bytes >> (b & 0x3F) & 1 == 1)
    }
}

/// The pairs and one search for their locating characters. A few dozen
/// distinct characters (every family shares one) are one pass of a packed
/// search, and each hit compares only the wrong forms that the character and
/// its neighbour leave. Searching for the wrong forms themselves, over a
/// hundred patterns whose first bytes are alike in UTF-8, costs twice as much.
///
/// A locating character all of whose pairs follow it with their neighbour is
/// searched with that neighbour (a bigram per neighbour, `生长` for 生长改造委):
/// the search still stops at each 生 (Teddy reads the first character), but
/// rejects 生态 there itself, cheaper than yielding every 生 to [`Table::scan`].
/// Of the 21k hits on the benchmark drafts (none an error) this keeps 8k (生, 具,
/// 布, 谋 …) inside the search, and cut the scan from 14.5 M to 12.9 M instructions.
struct Table {
    pairs: Vec<Pair>,
    /// The locating characters and the groups of pairs each locates.
    keys: Vec<(char, Vec<Group>)>,
    /// The locating character (index in `keys`) of each needle of `search`.
    needle_keys: Vec<usize>,
    search: Search,
}

enum Search {
    /// Teddy over the locating characters, in its 16-bucket form where the
    /// CPU has it: the bytes of ideographs have much in common, so fewer
    /// characters per bucket means fewer false candidates.
    Packed(packed::Searcher),
    /// Where Teddy is unavailable (no SIMD), or there is no pair.
    Automaton(Option<AhoCorasick>),
}

impl Table {
    fn new(pairs: Vec<Pair>) -> Table {
        // The groups of each character as they are gathered: offset, side, `(neighbour, pair index)`.
        type Gathered = (usize, Side, Vec<(char, usize)>);
        let mut keys: Vec<(char, Vec<Gathered>)> = Vec::new();
        for (i, p) in pairs.iter().enumerate() {
            let Some((key, offset, side, neighbour)) = locator(p) else { continue };
            let groups = match keys.iter().position(|(c, _)| *c == key) {
                Some(k) => &mut keys[k].1,
                None => {
                    keys.push((key, Vec::new()));
                    &mut keys.last_mut().expect("just pushed").1
                }
            };
            match groups.iter_mut().find(|(o, s, _)| *o == offset && *s == side) {
                Some((_, _, pairs)) => pairs.push((neighbour, i)),
                None => groups.push((offset, side, vec![(neighbour, i)])),
            }
        }
        let keys: Vec<(char, Vec<Group>)> = keys
            .into_iter()
            .map(|(key, groups)| {
                let groups = groups
                    .into_iter()
                    .map(|(offset, side, mut pairs)| {
                        pairs.sort_unstable();
                        Group::new(offset, side, pairs)
                    })
                    .collect();
                (key, groups)
            })
            .collect();
        let keys = bucket_order(keys);
        let (needles, needle_keys) = needles(&keys);
        let packed = |fat| {
            packed::Config::new().only_teddy_fat(fat).builder().extend(&needles).build().filter(|_| !needles.is_empty())
        };
        let search = match packed(Some(true)).or_else(|| packed(None)) {
            Some(s) => Search::Packed(s),
            None => Search::Automaton(AhoCorasick::new(&needles).ok()),
        };
        Table { pairs, keys, needle_keys, search }
    }

    /// Every error in `hay`, by start, the longer wrong form first where two
    /// start together, skipping disabled wrong forms: `(start, end, pair)`.
    fn scan<'t>(&'t self, hay: &str, disabled: &[String], out: &mut Vec<(usize, usize, &'t Pair)>) {
        // The hits are visited as the search yields them: no list of them is built.
        let found: &mut dyn Iterator<Item = (usize, usize)> = match &self.search {
            Search::Packed(s) => &mut s.find_iter(hay).map(|m| (m.start(), m.pattern().as_usize())),
            Search::Automaton(Some(a)) => &mut a.find_iter(hay).map(|m| (m.start(), m.pattern().as_usize())),
            Search::Automaton(None) => return,
        };
        let from = out.len();
        for (at, needle) in found {
            let (key, groups) = &self.keys[self.needle_keys[needle]];
            let at_end = at + key.len_utf8();
            for g in groups {
                if !g.may_match(hay.as_bytes(), at, at_end) {
                    continue;
                }
                let neighbour = match g.side {
                    Side::After => hay[at_end..].chars().next(),
                    Side::Before => hay[..at].chars().next_back(),
                };
                let Some(neighbour) = neighbour else { continue };
                let lo = g.pairs.partition_point(|&(n, _)| n < neighbour);
                for &(_, i) in g.pairs[lo..].iter().take_while(|&&(n, _)| n == neighbour) {
                    let p = &self.pairs[i];
                    let Some(start) = at.checked_sub(g.offset) else { continue };
                    let end = start + p.wrong.len();
                    // Equal to the wrong form: `start..end` is on char boundaries.
                    if hay.as_bytes().get(start..end) == Some(p.wrong.as_bytes())
                        && !disabled.contains(&p.wrong)
                        && p.is_error(hay, start, end)
                    {
                        out.push((start, end, p));
                    }
                }
            }
        }
        out[from..].sort_by_key(|&(s, e, _)| (s, std::cmp::Reverse(e)));
    }
}

/// The needles searched for the locating characters `keys`, each with the
/// index of its character: the character alone, or, where every pair it
/// locates follows it with its neighbour, one bigram per neighbour (see
/// [`Table`]). The first needle of each character comes in the order of `keys`
/// (Teddy buckets them by index, see [`bucket_order`]), the other bigrams after
/// all of them (Teddy puts them in the bucket of their first character).
///
/// A bigram's neighbour is never a locating character: the search does not
/// overlap its matches, and a bigram would hide the character it ends with.
fn needles(keys: &[(char, Vec<Group>)]) -> (Vec<String>, Vec<usize>) {
    let is_key = |c: char| keys.iter().any(|&(k, _)| k == c);
    let bigrams = |groups: &[Group]| -> Option<Vec<char>> {
        let mut after = Vec::new();
        for g in groups {
            if g.side == Side::Before {
                return None;
            }
            after.extend(g.pairs.iter().map(|&(n, _)| n));
        }
        after.sort_unstable();
        after.dedup();
        (!after.iter().any(|&n| is_key(n))).then_some(after)
    };
    let (mut first, mut rest) = (Vec::new(), Vec::new());
    for (k, (key, groups)) in keys.iter().enumerate() {
        match bigrams(groups).as_deref() {
            Some([n, more @ ..]) => {
                first.push((format!("{key}{n}"), k));
                rest.extend(more.iter().map(|n| (format!("{key}{n}"), k)));
            }
            _ => first.push((key.to_string(), k)),
        }
    }
    first.into_iter().chain(rest).unzip()
}

/// The locating characters reordered so that those sharing a bucket of Fat
/// Teddy look alike. Teddy (aho-corasick 1.1) puts the `i`th of its patterns in
/// bucket `15 - i % 16`, and a bucket flags every position whose bytes match, nibble
/// by nibble, any mix of its characters' nibbles: 人 and 城 in one bucket also flag the
/// common 于 and 基, each a false candidate to verify. Pairing the characters whose first
/// three bytes admit the fewest mixes leaves 29k candidates instead of 53k for the 21k
/// true hits of the built-in list on the benchmark drafts (by a model of the masks), and
/// cut the scan from 17.3 M to 14.5 M instructions. Only the speed depends on the order.
fn bucket_order<T>(mut keys: Vec<(char, T)>) -> Vec<(char, T)> {
    const BUCKETS: usize = 16;
    let n = keys.len();
    if n <= BUCKETS || n > 2 * BUCKETS {
        return keys; // no bucket shared, or more than two to a bucket: left as they come
    }
    let utf8 = |c: char| {
        let mut b = [0; 4];
        c.encode_utf8(&mut b);
        b
    };
    // How many byte strings a bucket of `a` and `b` admits (over the three bytes Teddy reads).
    let mixes = |a: char, b: char| -> usize {
        let (x, y) = (utf8(a), utf8(b));
        (0..3).map(|j| (1 + usize::from(x[j] & 15 != y[j] & 15)) * (1 + usize::from(x[j] >> 4 != y[j] >> 4))).product()
    };
    let mut pairs: Vec<(usize, usize, usize)> = (0..n)
        .flat_map(|a| (a + 1..n).map(move |b| (a, b)))
        .map(|(a, b)| (mixes(keys[a].0, keys[b].0), a, b))
        .collect();
    pairs.sort_unstable();
    // Greedily, the alikest pairs of characters not yet paired, as many as buckets must be shared.
    let (mut first, mut second, mut used) = (Vec::new(), Vec::new(), vec![false; n]);
    for (_, a, b) in pairs {
        if second.len() == n - BUCKETS {
            break;
        }
        if !used[a] && !used[b] {
            (used[a], used[b]) = (true, true);
            first.push(a);
            second.push(b);
        }
    }
    first.extend((0..n).filter(|&i| !used[i]));
    first.extend(second); // the `i`th and the `i + 16`th share a bucket
    let mut slots: Vec<Option<(char, T)>> = keys.drain(..).map(Some).collect();
    first.into_iter().map(|i| slots[i].take().expect("each index once")).collect()
}

static BUILT_IN: LazyLock<Table> = LazyLock::new(|| Table::new(load(DATA).0));

/// Whether `wrong` is the wrong form of a built-in pair (for `disable` in `planlint.toml`).
pub(crate) fn is_built_in(wrong: &str) -> bool {
    BUILT_IN.pairs.iter().any(|p| p.wrong == wrong)
}

/// Checks a guard of a configured pair; the error says what is wrong with it.
pub(crate) fn check_guard(wrong: &str, guard: &str) -> Result<(), String> {
    parse_context(guard, wrong).map(|_| ())
}

fn user_table(extra: &[ConfusablePair]) -> Table {
    let mut errors = Vec::new();
    let pairs = extra
        .iter()
        .filter(|p| p.wrong.chars().nth(1).is_some() && !p.right.is_empty() && p.wrong != p.right)
        .map(|p| Pair {
            guards: contexts(p.guards.iter().cloned(), &p.wrong, &mut errors),
            confirms: Vec::new(),
            only: Vec::new(),
            wrong: p.wrong.clone(),
            right: p.right.clone(),
            kind: Kind::User,
            safe: false,
            locate: None,
            yes: Vec::new(),
            no: Vec::new(),
        })
        .collect();
    Table::new(pairs)
}

pub(crate) fn check(ctx: &mut Ctx<'_>) {
    let doc = ctx.doc;
    let lang = ctx.lang();
    let view = doc.folded();
    let disabled = &ctx.config.confusable_disable;
    let mut hits = Vec::new();
    BUILT_IN.scan(view, disabled, &mut hits);
    let user;
    if !ctx.config.confusable_extra.is_empty() {
        user = user_table(&ctx.config.confusable_extra);
        let from = hits.len();
        user.scan(view, &[], &mut hits);
        if from > 0 && from < hits.len() {
            hits.sort_by_key(|&(s, e, _)| (s, std::cmp::Reverse(e)));
        }
    }
    let mut last_end = 0;
    for (start, end, pair) in hits {
        if start < last_end {
            continue;
        }
        last_end = end;
        let range = TextRange::new(start, end);
        let written = doc.slice(range);
        let right = &pair.right;
        let message = match lang {
            Lang::Zh => match pair.kind {
                Kind::Ocr => format!("“{written}”疑为“{right}”（扫描识别错误）"),
                Kind::Typo => format!("“{written}”疑为“{right}”（错别字）"),
                Kind::Spun => format!("“{written}”疑为“{right}”（同义词替换改写所致）"),
                Kind::User => format!("“{written}”疑为“{right}”"),
            },
            Lang::En => match pair.kind {
                Kind::Ocr => format!("“{written}” is probably “{right}” (misread by OCR)"),
                Kind::Typo => format!("“{written}” is probably “{right}” (mistyped)"),
                Kind::Spun => format!("“{written}” is probably “{right}” (garbled by synonym spinning)"),
                Kind::User => format!("“{written}” is probably “{right}”"),
            },
        };
        let title = match lang {
            Lang::Zh => format!("改为“{right}”"),
            Lang::En => format!("Change to “{right}”"),
        };
        let applicability = if pair.safe { Applicability::Safe } else { Applicability::Unsafe };
        ctx.report(range, message).with_fix(Fix { title: title.into(), edits: vec![pair.edit(start)], applicability });
    }
}

#[cfg(test)]
mod tests {
    use expect_test::expect;

    use super::*;
    use crate::config::{Config, Level};
    use crate::rules::tests::{check, check_md, check_with};
    use crate::syntax::SourceKind;

    /// This rule alone, and the text of each finding.
    fn run(text: &str, config: &Config) -> Vec<crate::Diagnostic> {
        let mut config = config.clone();
        for r in crate::rules::all() {
            if r.code != CONFUSABLE.code {
                config.rules.insert(r.name, Level::Off);
            }
        }
        crate::analyze(text, SourceKind::PlainText, &config).diagnostics
    }

    #[test]
    fn built_in_pairs_are_well_formed_and_their_examples_hold() {
        let (pairs, errors) = load(DATA);
        assert!(errors.is_empty(), "confusable.toml: {errors:#?}");
        assert!(pairs.len() > 60, "{}", pairs.len());
        assert!(matches!(BUILT_IN.search, Search::Packed(_)), "one packed pass over the locating characters");
        assert!(BUILT_IN.keys.len() <= 48, "{} locating characters", BUILT_IN.keys.len());
        let config = Config::default();
        for p in &pairs {
            assert!(!p.yes.is_empty() && !p.no.is_empty(), "{}: a positive and a negative example", p.wrong);
            for s in &p.yes {
                let found = run(s, &config);
                assert!(
                    found.iter().any(|d| s[d.range.as_range()] == p.wrong),
                    "{} → {}: not found in {s}: {found:?}",
                    p.wrong,
                    p.right
                );
                let (fixed, _) = crate::apply_fixes(s, found.iter().filter_map(|d| d.fix.as_deref()));
                assert!(fixed.contains(&p.right), "{s} → {fixed}");
                let again = run(&fixed, &config);
                assert!(again.is_empty(), "{s} fixed to {fixed} still has {again:?}");
            }
            for s in &p.no {
                let found = run(s, &config);
                assert!(found.is_empty(), "{} → {}: false alarm in {s}: {found:?}", p.wrong, p.right);
            }
        }
    }

    #[test]
    fn malformed_entries_are_reported() {
        let (_, errors) = load("[[pair]]\nwrong = \"人围\"\n");
        assert!(!errors.is_empty());
        let (pairs, errors) = load(
            "[[pair]]\nwrong = \"人围\"\nright = \"入围\"\nkind = \"ocr\"\nfix = \"safe\"\nwhy = \"\"\nguards = [\"围绕\", \"人围…\", \"…人围\", \"人围\"]\nyes = []\nno = []\n",
        );
        assert_eq!(pairs.len(), 1);
        assert_eq!(errors.len(), 4, "{errors:#?}");
        let (_, errors) = load(
            "[[pair]]\nwrong = \"人围\"\nright = \"入围\"\nkind = \"ocr\"\nfix = \"safe\"\nwhy = \"\"\nlocate = \"入\"\nyes = []\nno = []\n",
        );
        assert_eq!(errors.len(), 1, "{errors:#?}");
        let (_, errors) = load(
            "[[family]]\nwhy = \"\"\nkind = \"ocr\"\nfix = \"unsafe\"\nmisread = \"人\"\nmeant = \"入\"\nwords = [\"才\"]\n[[family.head]]\nhead = \"纳\"\nyes = []\nno = []\n",
        );
        assert_eq!(errors.len(), 2, "{errors:#?}");
    }

    #[test]
    fn seen_in_scanned_drafts() {
        check(
            &CONFUSABLE,
            "加快建设区城性创新高地，3家企业人围全国百强，2个集群人选“创新型产业集群”。\n解决子女人学问题，引人“揭榜挂帅”机制，面向全球遵选首席专家。\n这份重任就抗在我们肩上。\n",
            expect![[r#"
                1:5 PL501 [区城] “区城”疑为“区域”（扫描识别错误） (fix: unsafe: 改为“区域” @1:6 "域")
                1:17 PL501 [人围] “人围”疑为“入围”（扫描识别错误） (fix: unsafe: 改为“入围” @1:17 "入")
                1:28 PL501 [人选] “人选”疑为“入选”（扫描识别错误） (fix: unsafe: 改为“入选” @1:28 "入")
                2:5 PL501 [人学] “人学”疑为“入学”（扫描识别错误） (fix: unsafe: 改为“入学” @2:5 "入")
                2:10 PL501 [引人] “引人”疑为“引入”（扫描识别错误） (fix: unsafe: 改为“引入” @2:11 "入")
                2:25 PL501 [遵选] “遵选”疑为“遴选”（扫描识别错误） (fix: safe: 改为“遴选” @2:25 "遴")
                3:6 PL501 [抗在] “抗在”疑为“扛在”（扫描识别错误） (fix: unsafe: 改为“扛在” @3:6 "扛")
            "#]],
        );
    }

    #[test]
    fn verbs_of_ru_and_their_look_alikes() {
        check(
            &CONFUSABLE,
            "纳人预算管理，深人实施，融人大局，列人计划，加大投人力度，居民收人增长，放宽准人，导人数据，以此为切人点。\n吸纳人才，资深人士，金融人才，引进人才，引人注目，吸引人的项目，先进人物，促进人与自然和谐共生，严控进人，会议记录人，明确对接人，主要领导人。\n",
            expect![[r#"
                1:1 PL501 [纳人] “纳人”疑为“纳入”（扫描识别错误） (fix: unsafe: 改为“纳入” @1:2 "入")
                1:8 PL501 [深人] “深人”疑为“深入”（扫描识别错误） (fix: unsafe: 改为“深入” @1:9 "入")
                1:13 PL501 [融人] “融人”疑为“融入”（扫描识别错误） (fix: unsafe: 改为“融入” @1:14 "入")
                1:18 PL501 [列人] “列人”疑为“列入”（扫描识别错误） (fix: unsafe: 改为“列入” @1:19 "入")
                1:25 PL501 [投人] “投人”疑为“投入”（扫描识别错误） (fix: unsafe: 改为“投入” @1:26 "入")
                1:32 PL501 [收人] “收人”疑为“收入”（扫描识别错误） (fix: unsafe: 改为“收入” @1:33 "入")
                1:39 PL501 [准人] “准人”疑为“准入”（扫描识别错误） (fix: unsafe: 改为“准入” @1:40 "入")
                1:42 PL501 [导人] “导人”疑为“导入”（扫描识别错误） (fix: unsafe: 改为“导入” @1:43 "入")
                1:50 PL501 [切人] “切人”疑为“切入”（扫描识别错误） (fix: unsafe: 改为“切入” @1:51 "入")
            "#]],
        );
    }

    #[test]
    fn words_with_ru_and_their_look_alikes() {
        check(
            &CONFUSABLE,
            "企业人驻园区，毛人园率，出人境管理，用地人市，设备人网许可，重温人党誓词，组织人职培训，开展人企服务，干部人户走访。\n3人驻村，工人围绕任务，确定干部人选，人户分离，个人企业，负责人职责，老年人市场，个人党费，工人学习。\n",
            expect![[r#"
                1:3 PL501 [人驻] “人驻”疑为“入驻”（扫描识别错误） (fix: unsafe: 改为“入驻” @1:3 "入")
                1:9 PL501 [人园] “人园”疑为“入园”（扫描识别错误） (fix: unsafe: 改为“入园” @1:9 "入")
                1:14 PL501 [人境] “人境”疑为“入境”（扫描识别错误） (fix: unsafe: 改为“入境” @1:14 "入")
                1:21 PL501 [人市] “人市”疑为“入市”（扫描识别错误） (fix: unsafe: 改为“入市” @1:21 "入")
                1:26 PL501 [人网] “人网”疑为“入网”（扫描识别错误） (fix: unsafe: 改为“入网” @1:26 "入")
                1:33 PL501 [人党] “人党”疑为“入党”（扫描识别错误） (fix: unsafe: 改为“入党” @1:33 "入")
                1:40 PL501 [人职] “人职”疑为“入职”（扫描识别错误） (fix: unsafe: 改为“入职” @1:40 "入")
                1:47 PL501 [人企] “人企”疑为“入企”（扫描识别错误） (fix: unsafe: 改为“入企” @1:47 "入")
                1:54 PL501 [人户] “人户”疑为“入户”（扫描识别错误） (fix: unsafe: 改为“入户” @1:54 "入")
            "#]],
        );
    }

    #[test]
    fn other_look_alikes_and_typos() {
        check(
            &CONFUSABLE,
            "项目己经开工，立足自已优势，谋划末来，抓好工作部暑，为小区按装电梯，突破关健技术，再接再励，一如继往，坚持因地治宜。\n截止2023年底，累计建成5个；截止到目前，已完成。\n自己经营，来自已建项目，不能自已，周末来访，按装机容量，机关健身，申报截止日期，3月1日截止。\n",
            expect![[r#"
                1:3 PL501 [己经] “己经”疑为“已经”（扫描识别错误） (fix: safe: 改为“已经” @1:3 "已")
                1:10 PL501 [自已] “自已”疑为“自己”（扫描识别错误） (fix: unsafe: 改为“自己” @1:11 "己")
                1:17 PL501 [末来] “末来”疑为“未来”（扫描识别错误） (fix: unsafe: 改为“未来” @1:17 "未")
                1:24 PL501 [部暑] “部暑”疑为“部署”（错别字） (fix: safe: 改为“部署” @1:25 "署")
                1:30 PL501 [按装] “按装”疑为“安装”（错别字） (fix: unsafe: 改为“安装” @1:30 "安")
                1:37 PL501 [关健] “关健”疑为“关键”（错别字） (fix: safe: 改为“关键” @1:38 "键")
                1:42 PL501 [再接再励] “再接再励”疑为“再接再厉”（错别字） (fix: safe: 改为“再接再厉” @1:45 "厉")
                1:47 PL501 [一如继往] “一如继往”疑为“一如既往”（错别字） (fix: safe: 改为“一如既往” @1:49 "既")
                1:54 PL501 [因地治宜] “因地治宜”疑为“因地制宜”（错别字） (fix: safe: 改为“因地制宜” @1:56 "制")
                2:1 PL501 [截止] “截止”疑为“截至”（错别字） (fix: safe: 改为“截至” @2:2 "至")
            "#]],
        );
    }

    #[test]
    fn spun_formulas() {
        check(
            &CONFUSABLE,
            "进一步加鼎力度。（省生长改造委牵头卖力）\n（省交通运输厅、水利厅按职责分工卖力）\n各部门牵头卖力推进。\n",
            expect![[r#"
                1:4 PL501 [加鼎力度] “加鼎力度”疑为“加大力度”（同义词替换改写所致） (fix: safe: 改为“加大力度” @1:5 "大")
                1:11 PL501 [生长改造委] “生长改造委”疑为“发展改革委”（同义词替换改写所致） (fix: safe: 改为“发展改革委” @1:11 "发展改革")
                1:16 PL501 [牵头卖力] “牵头卖力”疑为“牵头负责”（同义词替换改写所致） (fix: safe: 改为“牵头负责” @1:18 "负责")
                2:15 PL501 [分工卖力] “分工卖力”疑为“分工负责”（同义词替换改写所致） (fix: safe: 改为“分工负责” @2:17 "负责")
            "#]],
        );
    }

    #[test]
    fn traditional_script_markdown_and_english() {
        // Matched in the folded view; the fix replaces only the differing character.
        check(
            &CONFUSABLE,
            "建設區城性創新高地，企業人圍百強。\n",
            expect![[r#"
            1:3 PL501 [區城] “區城”疑为“区域”（扫描识别错误） (fix: unsafe: 改为“区域” @1:4 "域")
            1:13 PL501 [人圍] “人圍”疑为“入围”（扫描识别错误） (fix: unsafe: 改为“入围” @1:13 "入")
        "#]],
        );
        check_md(
            &CONFUSABLE,
            "# 企业人围名单\n\n推动**企业人围**，`纳人` 不算。\n",
            expect![[r#"
            1:5 PL501 [人围] “人围”疑为“入围”（扫描识别错误） (fix: unsafe: 改为“入围” @1:5 "入")
            3:7 PL501 [人围] “人围”疑为“入围”（扫描识别错误） (fix: unsafe: 改为“入围” @3:7 "入")
        "#]],
        );
        let config = Config { lang: Lang::En, ..Default::default() };
        check_with(
            &CONFUSABLE,
            SourceKind::PlainText,
            &config,
            "纳人计划，部暑。\n",
            expect![[r#"
            1:1 PL501 [纳人] “纳人” is probably “纳入” (misread by OCR) (fix: unsafe: Change to “纳入” @1:2 "入")
            1:6 PL501 [部暑] “部暑” is probably “部署” (mistyped) (fix: safe: Change to “部署” @1:7 "署")
        "#]],
        );
    }

    #[test]
    fn configured_pairs() {
        let config = Config::from_toml(
            "[confusable]\ndisable = [\"人选\"]\nextra = [{ wrong = \"工做\", right = \"工作\", guards = [\"工做法\"] }]\n",
        )
        .unwrap();
        check_with(
            &CONFUSABLE,
            SourceKind::PlainText,
            &config,
            "集群人选国家名单，做好工做，手工做法，人围百强。\n",
            expect![[r#"
                1:12 PL501 [工做] “工做”疑为“工作” (fix: unsafe: 改为“工作” @1:13 "作")
                1:20 PL501 [人围] “人围”疑为“入围”（扫描识别错误） (fix: unsafe: 改为“入围” @1:20 "入")
            "#]],
        );
        // Wrong forms in Latin letters, and one that begins its right form.
        let config = Config::from_toml(
            "[confusable]\nextra = [{ wrong = \"APP\", right = \"App\" }, { wrong = \"一网通\", right = \"一网通办\", guards = [\"一网通办\"] }]\n",
        )
        .unwrap();
        check_with(
            &CONFUSABLE,
            SourceKind::PlainText,
            &config,
            "上线APP，推行一网通，一网通办。\n",
            expect![[r#"
                1:3 PL501 [APP] “APP”疑为“App” (fix: unsafe: 改为“App” @1:4 "pp")
                1:9 PL501 [一网通] “一网通”疑为“一网通办” (fix: unsafe: 改为“一网通办” @1:12 "办")
            "#]],
        );
        let e = Config::from_toml("[confusable]\ndisable = [\"人才\"]\n").unwrap_err();
        assert_eq!((e.line, e.column), (2, 12), "{e}");
        let e =
            Config::from_toml("[confusable]\nextra = [{ wrong = \"工做\", right = \"工作\", guards = [\"做法\"] }]\n")
                .unwrap_err();
        assert_eq!((e.line, e.column), (2, 50), "{e}");
        assert!(e.message.contains("does not contain"), "{e}");
        let e = Config::from_toml("[confusable]\nextra = [{ wrong = \"工\", right = \"功\" }]\n").unwrap_err();
        assert_eq!(e.line, 2, "{e}");
        let e = Config::from_toml("[confusable]\nextra = [{ wrong = \"工做\" }]\n").unwrap_err();
        assert!(e.message.contains("right"), "{e}");
    }

    #[test]
    fn a_pair_searched_by_a_bigram_hides_no_other() {
        // 甲 locates 甲丙 with its neighbour 丙, itself the locating character of 丙戊:
        // a search for the bigram 甲丙 would pass over the 丙 of 丙戊 where 甲丙 is guarded.
        let config = Config::from_toml(
            "[confusable]\nextra = [{ wrong = \"甲丙\", right = \"丁丙\", guards = [\"甲丙戊\"] }, { wrong = \"丙戊\", right = \"丁戊\" }]\n",
        )
        .unwrap();
        check_with(
            &CONFUSABLE,
            SourceKind::PlainText,
            &config,
            "甲丙戊，甲丙。\n",
            expect![[r#"
                1:2 PL501 [丙戊] “丙戊”疑为“丁戊” (fix: unsafe: 改为“丁戊” @1:2 "丁")
                1:5 PL501 [甲丙] “甲丙”疑为“丁丙” (fix: unsafe: 改为“丁丙” @1:5 "丁")
            "#]],
        );
    }

    #[test]
    fn fixes_leave_no_finding() {
        let text = "纳人计划，企业人围，区城协调，己经完成，再接再励，截止2023年底，生长改造委。\n";
        let found = run(text, &Config::default());
        assert_eq!(found.len(), 7);
        let (fixed, n) = crate::apply_fixes(text, found.iter().filter_map(|d| d.fix.as_deref()));
        assert_eq!(n, 7);
        assert_eq!(fixed, "纳入计划，企业入围，区域协调，已经完成，再接再厉，截至2023年底，发展改革委。\n");
        assert!(run(&fixed, &Config::default()).is_empty());
    }
}
