//! The draft's own date: the year (and month, when known) whose fixed
//! formulations, plan period and unit names the draft must use.
//!
//! Four signals count, each a date the draft cannot be older than:
//!
//! - **title**: a year in the title (`2024年工作要点`, `2020年工作总结暨2021年
//!   工作计划`: the latest), read from the genre line and the short line above
//!   it, or the first short line when there is no genre line. Not a target
//!   (`到2025年`, `二〇三五年远景目标`) and not the end of a range
//!   (`2023—2025年` counts as 2023). Year only.
//! - **document number** (文号): a year in brackets between an issuer's
//!   abbreviation and the number, `X政办发〔2024〕3号` (also `[2024]`,
//!   `(2024)`, `（2024）`, `【2024】`). A cited number counts too: a draft is
//!   no older than what it cites. Year only.
//! - **signed** (成文日期): a full date alone on its line, `2024年6月30日` or
//!   `二〇二四年六月三十日`, in brackets under a speech's title or ending in
//!   `印发`. In a draft with a task table, whose cells copied one per line
//!   may hold deadlines, only right under the title or on the last line.
//!   Year and month.
//! - **published**: a web page's date, labelled (`发布时间：2024-07-01`,
//!   `【公布日期】2005.02.01`, `时间:2020年09月15日`; not a deadline label such
//!   as `完成时间`) or followed by a clock time or by `发布`. Copying a page
//!   happens after it was published. Year and month.
//!
//! Years in the body are not signals: `到2025年` is a target, `2020年以来` a
//! past anchor. The document number, the signed date and the published date
//! are looked for only in the head and the tail of the text, where a draft
//! and a copied page carry them: above the first numbered line (at most
//! 4 KB) and in the last 2 KB.
//!
//! The signals combine by taking the latest: each is a lower bound of when
//! the draft was written, and its earliest possible month is compared (a
//! year alone counts from its January). No signal: no date, and rules that
//! judge staleness say nothing.

use std::borrow::Cow;

use crate::syntax::markup::{Line, LineKind};
use crate::text::{char_at, char_before, is_han, is_inline_space};

/// A month of a year; ordered by time.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug, Hash)]
pub struct YearMonth {
    pub year: u16,
    pub month: u8,
}

impl YearMonth {
    pub const fn new(year: u16, month: u8) -> YearMonth {
        YearMonth { year, month }
    }
}

/// Where a draft's date was read.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum DateSource {
    /// A year in the title.
    Title,
    /// The year of a document number (文号).
    DocNumber,
    /// A date alone on its line (成文日期).
    Signed,
    /// A web page's publishing date.
    Published,
}

impl DateSource {
    /// The name shown by `planlint outline`.
    pub fn name(self) -> &'static str {
        match self {
            DateSource::Title => "title",
            DateSource::DocNumber => "document number",
            DateSource::Signed => "signed",
            DateSource::Published => "published",
        }
    }
}

/// The draft's own date, from the latest of its signals.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct DraftDate {
    pub year: u16,
    /// Known for signed and published dates.
    pub month: Option<u8>,
    pub source: DateSource,
    /// The line (index) it was read from.
    pub line: u32,
}

impl DraftDate {
    /// The earliest month the draft can be from (January for a year alone).
    pub fn earliest(&self) -> YearMonth {
        YearMonth::new(self.year, self.month.unwrap_or(1))
    }

    /// Whether the draft is certainly from `month` or later.
    pub fn is_from(&self, month: YearMonth) -> bool {
        self.earliest() >= month
    }
}

/// How far into the text the head reaches, and how far back the tail.
const HEAD_BYTES: usize = 4096;
const TAIL_BYTES: usize = 2048;
/// Titles that carry a year are short; a longer line above the genre line is body text.
const SHORT_TITLE_CHARS: usize = 40;

/// The draft's date. `folded` is the prose view folded to simplified
/// characters; `title_lines` are the candidate title lines with their text,
/// `genre_line` the one the genre was read from; `body` is the first
/// numbered line; `task_table` says the draft has a task table (a date alone
/// on a line there may be a deadline).
pub(crate) fn detect<'f>(
    folded: &str,
    lines: &[Line],
    title_lines: impl Iterator<Item = (usize, Cow<'f, str>)>,
    genre_line: Option<usize>,
    body: usize,
    task_table: bool,
) -> Option<DraftDate> {
    let mut best: Option<DraftDate> = None;
    let mut consider = |d: DraftDate| {
        // The latest; of two equally late, the one that knows its month.
        if best.is_none_or(|b| (d.earliest(), d.month.is_some()) > (b.earliest(), b.month.is_some())) {
            best = Some(d);
        }
    };
    if let Some((line, year)) = title_year(title_lines, genre_line) {
        consider(DraftDate { year, month: None, source: DateSource::Title, line: line as u32 });
    }
    let len = folded.len();
    let head_end = lines.partition_point(|l| l.range.start() < HEAD_BYTES.min(len)).min(body);
    let tail_start = lines.partition_point(|l| l.range.end() < len.saturating_sub(TAIL_BYTES)).max(head_end);
    let last = lines.iter().rposition(|l| l.kind == LineKind::Prose && !folded[l.range.as_range()].trim().is_empty());
    for i in (0..head_end).chain(tail_start..lines.len()) {
        let line = &lines[i];
        if line.kind != LineKind::Prose {
            continue;
        }
        let may_sign = !task_table || Some(i) == last || genre_line.is_some_and(|g| i == g + 1);
        for d in line_dates(folded, line, i as u32, may_sign) {
            consider(d);
        }
    }
    best
}

/// The latest year of the title: the genre line and the short line right
/// above it, or the first candidate line when it is short and no genre line
/// was found. Returns (line, year).
fn title_year<'f>(
    title_lines: impl Iterator<Item = (usize, Cow<'f, str>)>,
    genre_line: Option<usize>,
) -> Option<(usize, u16)> {
    let mut previous: Option<(usize, Cow<'f, str>)> = None;
    for (i, text) in title_lines {
        let Some(g) = genre_line else {
            return is_short_title(&text).then(|| latest_year(&text).map(|y| (i, y))).flatten();
        };
        if i == g {
            let above = previous
                .filter(|(p, t)| p + 1 == i && is_short_title(t))
                .and_then(|(p, t)| latest_year(&t).map(|y| (p, y)));
            let own = latest_year(&text).map(|y| (i, y));
            return match (above, own) {
                (Some(a), Some(o)) => Some(if a.1 > o.1 { a } else { o }),
                (a, o) => a.or(o),
            };
        }
        previous = Some((i, text));
    }
    None
}

/// A short line without sentence punctuation: a title, not body text.
fn is_short_title(text: &str) -> bool {
    text.chars().count() <= SHORT_TITLE_CHARS && !text.contains(['。', '；', '，', ','])
}

/// The latest year in a title that is the draft's own: not a target
/// (`到2025年`, `二〇三五年远景目标`) nor the end of a range.
fn latest_year(title: &str) -> Option<u16> {
    let mut best = None;
    let mut at = 0;
    while at < title.len() {
        let c = char_at(title, at).unwrap_or('\0');
        let Some((year, len)) = is_year_digit(c).then(|| year_at(title, at)).flatten() else {
            at += c.len_utf8();
            continue;
        };
        let end = at + len;
        let before = char_before(title, at);
        let target_or_range_end =
            matches!(before, Some('到' | '至' | '迄' | '—' | '–' | '-' | '－' | '~' | '～' | '〜'));
        let after = &title[end..];
        let own = if let Some(rest) = after.strip_prefix('年') {
            !["远景", "愿景", "目标", "前", "以前", "以来", "底"].iter().any(|w| rest.starts_with(w))
        } else {
            // 2023—2025年: a range start.
            let rest = after.trim_start_matches(['—', '–', '-', '－', '~', '～', '〜', '至', '到']);
            rest.len() < after.len() && year_at(rest, 0).is_some_and(|(_, l)| rest[l..].starts_with('年'))
        };
        if own && !target_or_range_end {
            best = best.max(Some(year));
        }
        at = end;
    }
    best
}

/// A plausible year at `at`: four ASCII or full-width digits, or four
/// Chinese numerals (二〇二四), not inside a longer run of digits. Returns
/// the year and its byte length.
pub(crate) fn year_at(s: &str, at: usize) -> Option<(u16, usize)> {
    // Four ASCII digits: the usual case, without decoding characters.
    let b = s.as_bytes();
    if let Some(four) = b.get(at..at + 4)
        && four.iter().all(u8::is_ascii_digit)
    {
        let digit_around = |i: Option<usize>| i.and_then(|i| b.get(i)).is_some_and(u8::is_ascii_digit);
        if digit_around(at.checked_sub(1)) || digit_around(Some(at + 4)) {
            return None;
        }
        let value = four.iter().fold(0u32, |v, d| v * 10 + u32::from(d - b'0'));
        return (1949..=2100).contains(&value).then_some((value as u16, 4));
    }
    let digit = |c: char| crate::text::digit_value(c).or_else(|| cn_year_digit(c));
    if char_before(s, at).is_some_and(|c| digit(c).is_some()) {
        return None;
    }
    let mut chars = s.get(at..)?.chars();
    let mut value = 0u32;
    let mut len = 0;
    let mut chinese = None;
    for _ in 0..4 {
        let c = chars.next()?;
        let d = digit(c)?;
        let is_cn = cn_year_digit(c).is_some();
        if *chinese.get_or_insert(is_cn) != is_cn {
            return None;
        }
        value = value * 10 + d;
        len += c.len_utf8();
    }
    if chars.next().is_some_and(|c| digit(c).is_some()) || !(1949..=2100).contains(&value) {
        return None;
    }
    Some((value as u16, len))
}

/// A character that can start a year.
fn is_year_digit(c: char) -> bool {
    crate::text::is_digit(c) || cn_year_digit(c).is_some()
}

/// A Chinese numeral as written in a year (二〇二四).
fn cn_year_digit(c: char) -> Option<u32> {
    match c {
        '〇' | '○' | '零' | 'Ｏ' => Some(0),
        _ => crate::syntax::numerals::cn_digit(c).filter(|_| c != '两'),
    }
}

/// Dates on one line of the head or tail: document numbers, a signed date
/// alone on the line, and labelled or time-stamped publishing dates.
fn line_dates(folded: &str, line: &Line, index: u32, may_sign: bool) -> Vec<DraftDate> {
    let range = line.content_range();
    let text = &folded[range.as_range()];
    let mut out = Vec::new();
    let date = |year: u16, month: Option<u8>, source: DateSource| DraftDate { year, month, source, line: index };
    // A date alone on its line, possibly in brackets or followed by 印发 (成文日期).
    let bare = || {
        let bare = text.trim_matches(|c: char| is_inline_space(c) || c == '\0' || matches!(c, '（' | '）' | '(' | ')'));
        bare.strip_suffix("印发").unwrap_or(bare).trim_end()
    };
    // A line alone: it starts (after indentation or a bracket) with a year.
    let first = text.trim_start_matches(|c: char| is_inline_space(c) || c == '\0' || matches!(c, '（' | '('));
    let starts_with_year = first.as_bytes().get(..4).is_some_and(|b| b.iter().all(u8::is_ascii_digit))
        || first.chars().next().and_then(cn_year_digit).is_some();
    if may_sign
        && starts_with_year
        && let bare = bare()
        && let Some((y, m, len)) = full_date(bare, 0)
        && len == bare.len()
    {
        out.push(date(y, Some(m), DateSource::Signed));
        return out;
    }
    // ASCII years: 2024-07-01, 〔2024〕3号, 发布时间：2024年7月1日.
    let bytes = text.as_bytes();
    for at in memchr::memchr2_iter(b'1', b'2', bytes) {
        // Four ASCII digits, then a date or a bracket: most numbers are neither.
        let four =
            bytes.get(at..at + 5).is_some_and(|b| b[..4].iter().all(u8::is_ascii_digit) && !b[4].is_ascii_digit());
        if !four || at > 0 && bytes[at - 1].is_ascii_digit() {
            continue;
        }
        let Some((year, len)) = year_at(text, at) else { continue };
        let after = &text[at + len..];
        if let Some(y) = doc_number(text, at, year, after) {
            out.push(date(y, None, DateSource::DocNumber));
        } else if let Some((y, m, dlen)) = full_date(text, at) {
            let rest = text[at + dlen..].trim_start_matches(|c: char| is_inline_space(c) || c == '\0');
            let stamped = rest.starts_with(['发', '上'])
                && ["发布", "发表", "上传"].iter().any(|w| rest.starts_with(w))
                || clock_time(rest);
            if labelled(text, at) || stamped {
                out.push(date(y, Some(m), DateSource::Published));
            }
        }
    }
    out
}

/// A document number's year at `at` (`〔2024〕3号`): an opening bracket right
/// before, with an ideograph before it, and a closing bracket, a number and
/// 号 after.
fn doc_number(text: &str, at: usize, year: u16, after: &str) -> Option<u16> {
    let open = char_before(text, at)?;
    if !matches!(open, '〔' | '[' | '(' | '（' | '【' | '［' | '﹝') {
        return None;
    }
    if !char_before(text, at - open.len_utf8()).is_some_and(is_han) {
        return None;
    }
    let close = after.chars().next()?;
    if !matches!(close, '〕' | ']' | ')' | '）' | '】' | '］' | '﹞') {
        return None;
    }
    let rest = after[close.len_utf8()..].trim_start_matches('第');
    let digits = rest.chars().take_while(|&c| crate::text::is_digit(c)).count();
    let rest = &rest[rest.char_indices().nth(digits).map_or(rest.len(), |(i, _)| i)..];
    (digits > 0 && rest.starts_with('号')).then_some(year)
}

/// A full date at `at`: `2024年6月30日`, `2024-07-01`, `2022- 04- 27`,
/// `2005.02.01`, `2024/7/1`, or in Chinese numerals `二〇二四年六月三十日`.
/// Returns (year, month, byte length).
fn full_date(s: &str, at: usize) -> Option<(u16, u8, usize)> {
    let (year, ylen) = year_at(s, at)?;
    let chinese = cn_year_digit(char_at(s, at)?).is_some();
    let mut p = at + ylen;
    let sep = char_at(s, p)?;
    let numeric = matches!(sep, '-' | '.' | '/');
    if !(sep == '年' || numeric && !chinese) {
        return None;
    }
    p += sep.len_utf8();
    let skip_spaces = |p: &mut usize| {
        while let Some(c) = char_at(s, *p).filter(|&c| is_inline_space(c)) {
            *p += c.len_utf8();
        }
    };
    skip_spaces(&mut p);
    let (month, mlen) = if chinese { cn_small_number(&s[p..])? } else { small_number(&s[p..])? };
    p += mlen;
    let expected = if numeric { sep } else { '月' };
    if char_at(s, p)? != expected {
        return None;
    }
    p += expected.len_utf8();
    skip_spaces(&mut p);
    let (day, dlen) = if chinese { cn_small_number(&s[p..])? } else { small_number(&s[p..])? };
    p += dlen;
    if !numeric {
        if char_at(s, p)? != '日' {
            return None;
        }
        p += '日'.len_utf8();
    } else if char_at(s, p).is_some_and(|c| c.is_ascii_digit()) {
        return None;
    }
    ((1..=12).contains(&month) && (1..=31).contains(&day)).then_some((year, month as u8, p - at))
}

/// One or two ASCII or full-width digits.
fn small_number(s: &str) -> Option<(u32, usize)> {
    let mut v = 0;
    let mut len = 0;
    for c in s.chars().take(3) {
        let Some(d) = crate::text::digit_value(c) else { break };
        v = v * 10 + d;
        len += c.len_utf8();
    }
    (len > 0 && s[..len].chars().count() <= 2).then_some((v, len))
}

/// A month or day in Chinese numerals: 六, 十二, 三十一.
fn cn_small_number(s: &str) -> Option<(u32, usize)> {
    let (v, len) = crate::syntax::numerals::parse_cn_ordinal(s)?;
    (v <= 31).then_some((v, len))
}

/// A clock time at the start of `s`: `09:25`, `14:13:44`.
fn clock_time(s: &str) -> bool {
    let b = s.as_bytes();
    let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    (1..=2).contains(&digits)
        && matches!(b.get(digits), Some(b':'))
        && b.get(digits + 1).is_some_and(u8::is_ascii_digit)
}

/// Whether the date at `at` follows a publishing label: `发布时间：`,
/// `时间:`, `【公布日期】`, `生成日期: |`. A deadline label (`完成时间`,
/// `截止日期`, `时限`) is not one.
fn labelled(text: &str, at: usize) -> bool {
    let head = text[..at].trim_end_matches(|c: char| {
        is_inline_space(c) || c == '\0' || matches!(c, ':' | '：' | '|' | '｜' | '】' | ']' | '］' | '•' | '·')
    });
    let Some(label) = head.strip_suffix("时间").or_else(|| head.strip_suffix("日期")) else { return false };
    !matches!(label.chars().next_back(), Some('成' | '止' | '至' | '限' | '结' | '始' | '效'))
}

#[cfg(test)]
mod tests {
    use expect_test::{Expect, expect};

    use crate::config::Config;
    use crate::syntax::{SourceKind, parse};

    fn check(text: &str, expect: Expect) {
        let doc = parse(text, SourceKind::PlainText, &Config::default().vocabulary());
        let shown = match doc.date {
            Some(d) => {
                let month = d.month.map(|m| format!("-{m:02}")).unwrap_or_default();
                format!("{}{month} {} line {}", d.year, d.source.name(), d.line + 1)
            }
            None => "none".to_string(),
        };
        expect.assert_eq(&shown);
    }

    #[test]
    fn title_years() {
        check("临川市2024年科技创新工作要点\n一、工作目标\n", expect!["2024 title line 1"]);
        check("关于印发2023年全区数字经济实施方案的通知\n各街道：\n", expect!["2023 title line 1"]);
        // Two years: the plan's own is the later one.
        check("某镇2020年工作总结暨2021年工作计划\n一、工作总结\n", expect!["2021 title line 1"]);
        // A range counts from its start; a target is not the draft's year.
        check("推进数字经济发展行动计划（2024—2026年）\n一、总体要求\n", expect!["2024 title line 1"]);
        check("关于到2030年基本建成创新型城市的实施方案\n一、总体要求\n", expect!["none"]);
        check("国民经济和社会发展规划和二〇三五年远景目标纲要\n第一章\n", expect!["none"]);
        // A title split over two lines.
        check("关于印发2022年全市\n科技工作要点的通知\n各区：\n", expect!["2022 title line 1"]);
        // Traditional script.
        check("東林縣2025年鄉村振興工作要點\n一、目標\n", expect!["2025 title line 1"]);
        // No genre word: a short first line still names the year.
        check("2026年园区重点工作\n一、招商\n", expect!["2026 title line 1"]);
    }

    #[test]
    fn target_and_past_years_in_the_body_are_not_the_drafts() {
        check(
            "科技创新工作要点\n到2025年，高新技术企业达到500家。2020年以来，全市研发投入持续增长。\n一、主要任务\n",
            expect!["none"],
        );
        check("一、工作目标\n到2027年，建成5个创新平台。\n二、主要任务\n", expect!["none"]);
    }

    #[test]
    fn document_numbers() {
        check("某县人民政府办公室文件\n某政办发〔2023〕12号\n一、总体要求\n", expect!["2023 document number line 2"]);
        check("某市科技局文件\n某科字[2022]5号\n一、总体要求\n", expect!["2022 document number line 2"]);
        check("文号：某府办函(2021)第3号\n一、总体要求\n", expect!["2021 document number line 1"]);
        check("新政辦【2020】23號\n一、總體要求\n", expect!["2020 document number line 1"]);
        // A bracketed year that is not a document number.
        check("某项工作说明\n（2023）\n一、总体要求\n", expect!["none"]);
        check("某项工作说明\n全年计划〔2023〕\n一、总体要求\n", expect!["none"]);
    }

    #[test]
    fn signed_dates() {
        check(
            "某市科技工作要点\n一、主要任务\n1.建设平台。\n\n某市科学技术局\n2024年6月30日\n",
            expect!["2024-06 signed line 6"],
        );
        check("在全市大会上的讲话\n（2023年2月15日）\n同志们：\n", expect!["2023-02 signed line 2"]);
        check("某镇工作计划\n一、任务\n某镇人民政府\n二〇二二年十二月五日\n", expect!["2022-12 signed line 4"]);
        check("某市工作方案\n一、任务\n某市人民政府办公室 \n2021年3月2日印发\n", expect!["2021-03 signed line 4"]);
        // A date inside a sentence is not signed.
        check("某工作方案\n一、任务\n2024年6月30日前完成验收。\n", expect!["none"]);
    }

    #[test]
    fn a_deadline_in_a_task_table_is_not_the_signed_date() {
        // Cells copied one per line, without separators.
        let text = "重点任务分工\n序号\n重点任务\n牵头单位\n完成时限\n1\n建成中试基地\n市科技局\n2025年12月31日\n2\n\
                    建设孵化器\n市科技局\n全年\n";
        check(text, expect!["none"]);
        // The last line of such a draft is its signed date.
        check(&format!("{text}某县人民政府\n2025年3月1日\n"), expect!["2025-03 signed line 15"]);
    }

    #[test]
    fn published_dates() {
        check(
            "首页\n发布时间：2024-07-01 09:25\n某区政务公开工作要点\n一、任务\n",
            expect!["2024-07 published line 2"],
        );
        check("时间:2023-11-14 20:22:02 来源:网友投稿\n一、任务\n", expect!["2023-11 published line 1"]);
        check("发布日期: 2022- 04- 27 浏览次数:\n一、任务\n", expect!["2022-04 published line 1"]);
        check("【公布日期】2005.02.01\n一、任务\n", expect!["2005-02 published line 1"]);
        check("時間:2020年09月15日 點擊次數:13460\n一、任务\n", expect!["2020-09 published line 1"]);
        check("- 16.07 KB\n- 2022-03-29 发布\n一、任务\n", expect!["2022-03 published line 2"]);
        check("2022-10-24 14:13:44 125\n一、任务\n", expect!["2022-10 published line 1"]);
        // A deadline label is not a publishing date; an index number is not a date.
        check("一、任务\n完成时间：2024-12-31\n", expect!["none"]);
        check("索引号: 330522/2023-01775\n一、任务\n", expect!["none"]);
    }

    #[test]
    fn the_latest_signal_wins() {
        let text = "某县2023年工作要点\n发布时间：2023-03-02\n一、任务\n1.甲。\n某县人民政府\n2023年2月20日\n";
        check(text, expect!["2023-03 published line 2"]);
        // A year alone counts from its January: a signed date in that year is later.
        check("某县2023年工作要点\n一、任务\n某县人民政府\n2023年1月20日\n", expect!["2023-01 signed line 4"]);
        check("某县2024年工作要点\n一、任务\n某县人民政府\n2023年12月20日\n", expect!["2024 title line 1"]);
    }

    #[test]
    fn no_signal_no_date() {
        check("一、工作目标\n全年新增高新技术企业50家。\n", expect!["none"]);
        check("xxxx年工作要点\n一、任务\n", expect!["none"]);
        check("", expect!["none"]);
    }
}
