//! Quantities in target statements: which numbers state an amount (not a
//! year, date, ordinal or part of a name), where each figure is written, and
//! the class of a target statement — quantified, masked, relative or only
//! qualitative.
//!
//! The rule `target-without-number` reports the statements that are not
//! quantified; `planlint report` lists every target with its class and
//! figures. Both read them here, so they agree. Text is read in the folded
//! view (simplified characters).

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

use crate::syntax::Document;
use crate::syntax::lexicon::{is_count_suffix, is_percent};
use crate::syntax::numerals::is_cn_numeral_char;
use crate::syntax::targets::{TargetStatement, word_set};
use crate::text::{TextRange, char_at, char_before, digit_value, is_digit};

/// How a target statement states its goal.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum TargetClass {
    /// It states a figure: `突破1500家`, `达到2.5%`, `翻一番`.
    Quantified,
    /// Its figure is a template placeholder (`突破**家`): the `placeholder`
    /// rule reports it.
    Masked,
    /// Relative or external, with no figure of its own: `与经济增长基本同步`,
    /// `完成省定任务`, `保持全省前列`.
    Relative,
    /// Only qualitative: `创新生态持续优化`.
    Qualitative,
}

/// The class of a target statement of `doc`.
pub fn classify(doc: &Document<'_>, t: &TargetStatement) -> TargetClass {
    if statement_has_quantity(doc, t.range) {
        TargetClass::Quantified
    } else if !doc.placeholders_in(t.range).is_empty() {
        TargetClass::Masked
    } else if is_relative(&doc.folded()[t.range.as_range()]) {
        TargetClass::Relative
    } else {
        TargetClass::Qualitative
    }
}

/// The text between the responsibility clauses inside `range`: a clause
/// (`（责任单位：12个街道）`) says nothing about the target.
pub fn outside_clauses(doc: &Document<'_>, range: TextRange) -> Vec<(usize, usize)> {
    gaps_between_clauses(doc, range).collect()
}

/// [`outside_clauses`] as an iterator: `target-without-number` asks for them
/// of every target statement, and collecting them cost a tenth of
/// classifying one.
fn gaps_between_clauses(doc: &Document<'_>, range: TextRange) -> impl Iterator<Item = (usize, usize)> {
    let first = doc.clauses.partition_point(|c| c.range.end <= range.start);
    let inside = doc.clauses[first..].iter().take_while(move |c| c.range.start < range.end);
    let mut from = range.start();
    // The gap before each clause inside, then the rest after the last (`None`).
    inside.map(Some).chain([None]).filter_map(move |clause| match clause {
        Some(c) => {
            let gap = (c.range.start() > from).then_some((from, c.range.start()));
            from = from.max(c.range.end().min(range.end()));
            gap
        }
        None => (from < range.end()).then_some((from, range.end())),
    })
}

/// Whether a statement states a quantity outside the responsibility clauses inside it.
pub fn statement_has_quantity(doc: &Document<'_>, range: TextRange) -> bool {
    let folded = doc.folded();
    gaps_between_clauses(doc, range).any(|(s, e)| has_quantity(&folded[s..e]))
}

/// The figures a statement states outside its responsibility clauses, each
/// with its unit (`1500家`, `2.5%`, `8—10个`, `五千亿`, `三分之一`), in order.
pub fn figures(doc: &Document<'_>, range: TextRange) -> Vec<TextRange> {
    let folded = doc.folded();
    let mut out = Vec::new();
    for (s, e) in gaps_between_clauses(doc, range) {
        out.extend(figures_in(&folded[s..e]).into_iter().map(|(a, b)| TextRange::new(s + a, s + b)));
    }
    out
}

/// Words of relative or external targets, then the two words that do so together
/// ([`KEEP`] and [`LEADING`]: 保持全省领先).
const RELATIVE_WORDS: [&str; 25] = [
    "同步",
    "方阵",
    "梯队",
    "前列",
    "位次",
    "进位",
    "快于",
    "高于",
    "平均水平",
    "省定",
    "下达",
    "相适应",
    "相匹配",
    "适度增长",
    "合理增长",
    "稳定增长",
    "较快增长",
    "平稳增长",
    "稳中有升",
    "只增不减",
    "逐年提高",
    "逐年增长",
    "不低于上年",
    "保持",
    "领先",
];
/// The index of 保持 in [`RELATIVE_WORDS`].
const KEEP: usize = RELATIVE_WORDS.len() - 2;
/// The index of 领先 in [`RELATIVE_WORDS`].
const LEADING: usize = RELATIVE_WORDS.len() - 1;

/// [`RELATIVE_WORDS`] in one automaton: one pass over a statement instead of a
/// `str::contains` (a searcher built, a pass made) per word, which cost 2,200
/// instructions a statement on the benchmark drafts.
static RELATIVE_WORD_SET: LazyLock<AhoCorasick> = LazyLock::new(|| word_set(RELATIVE_WORDS));

/// Relative or external targets: accepted phrasing with no figure of their own.
pub fn is_relative(text: &str) -> bool {
    // 保持全省领先 is relative; 全国领先的信息经济强市 is a qualitative goal.
    let (mut keep, mut leading) = (false, false);
    for m in RELATIVE_WORD_SET.find_overlapping_iter(text) {
        match m.pattern().as_usize() {
            KEEP => keep = true,
            LEADING => leading = true,
            _ => return true,
        }
        if keep && leading {
            return true;
        }
    }
    false
}

/// Words that state a multiple or a fraction without a digit.
const RATIO_WORDS: [&str; 4] = ["翻一番", "翻两番", "翻番", "分之"];

/// Whether the text states a quantity: an Arabic number that is not a
/// year, date, ordinal or part of a name, a percentage, or a Chinese numeral
/// counting something (五千亿, 三分之一, 翻一番).
pub fn has_quantity(text: &str) -> bool {
    // The numbers first: most targets state one, and the four searches for
    // the ratio words cost as much as the scan.
    scan(text, |_, _| true) || RATIO_WORDS.iter().any(|w| text.contains(w))
}

/// Calls `found(start, end)` for each number of `text` that states a
/// quantity until it returns true; returns whether it did.
fn scan(text: &str, mut found: impl FnMut(usize, usize) -> bool) -> bool {
    let b = text.as_bytes();
    let mut i = 0;
    loop {
        i = next_numeric(b, i);
        let Some(c) = char_at(text, i) else { return false };
        let mut end = i + c.len_utf8();
        if is_digit(c) {
            let mut value: u64 = digit_value(c).unwrap_or(0) as u64;
            let mut n_digits = 1;
            while let Some(d) = char_at(text, end) {
                if is_digit(d) {
                    value = value.saturating_mul(10).saturating_add(digit_value(d).unwrap_or(0) as u64);
                    n_digits += 1;
                } else if (d == '.' || d == '．' || d == ',')
                    && text[end + d.len_utf8()..].starts_with(|x: char| is_digit(x))
                {
                } else {
                    break;
                }
                end += d.len_utf8();
            }
            if is_quantity_number(text, i, end, value, n_digits) && found(i, end) {
                return true;
            }
        } else if is_cn_numeral_char(c) && !matches!(c, '〇' | '○' | '零' | '万' | '亿' | '千' | '百' | '半') {
            while let Some(d) = char_at(text, end).filter(|&d| is_cn_numeral_char(d)) {
                end += d.len_utf8();
            }
            if is_quantity_cn(text, i, end) && found(i, end) {
                return true;
            }
        } else if is_percent(c) && char_before(text, i).is_some_and(is_cn_numeral_char) && found(i, end) {
            // `三%`; after digits the number itself counted, and a percent
            // sign after a mask (`增长**%`) or after nothing states no figure.
            return true;
        }
        i = end;
    }
}

/// For the characters [`scan`] starts at that are not ASCII (digits of
/// either width, Chinese numerals, percent and permille signs: all three
/// bytes long in UTF-8), one bit per value of the low six bits of their
/// second byte, and one per value of those of their third: a three-byte
/// character with either bit clear is none of them. The test
/// `only_plain_characters_are_skipped` holds the list complete.
const NUMERIC_BYTES: (u64, u64) = {
    const CHARS: &str = "０１２３４５６７８９％‰零〇○一二两三四五六七八九十百千万亿半廿";
    let (mut second, mut third) = (0u64, 0u64);
    let b = CHARS.as_bytes();
    let mut i = 0;
    while i < b.len() {
        second |= 1 << (b[i + 1] & 0x3F);
        third |= 1 << (b[i + 2] & 0x3F);
        i += 3;
    }
    (second, third)
};

/// The start of the first character at or after `i` (a character boundary)
/// that may start a number or be a percent sign after one, or the end of
/// `b`. The characters of a target statement are nearly all ideographs
/// that are neither; decoding each to ask cost most of classifying a
/// statement, and two bit tests on its bytes rule out five in six of a draft's.
fn next_numeric(b: &[u8], mut i: usize) -> usize {
    let (second, third) = NUMERIC_BYTES;
    while let Some(&lead) = b.get(i) {
        match lead {
            b'0'..=b'9' | b'%' => return i,
            0x00..=0x7F => i += 1,
            0xC0..=0xDF => i += 2,
            0xE0..=0xEF => match (b.get(i + 1), b.get(i + 2)) {
                (Some(&x), Some(&y)) if (second >> (x & 0x3F)) & (third >> (y & 0x3F)) & 1 == 0 => i += 3,
                _ => return i,
            },
            // Four-byte characters (a continuation byte never starts one).
            _ => i += 4,
        }
    }
    b.len()
}

/// Units written after a figure, longest first where one begins another.
const UNIT_WORDS: [&str; 9] = ["个百分点", "百分点", "平方公里", "平方米", "公里", "公顷", "公斤", "千米", "小时"];

/// Dashes and words that join the two ends of a range (`8—10个`, `3至5家`).
fn is_range_joint(s: &str) -> bool {
    matches!(s, "—" | "-" | "–" | "～" | "~" | "至" | "到" | "－")
}

/// The figures of `text` as byte ranges: each quantity with the unit written
/// after it, the two ends of a range joined, and the ratio words.
pub fn figures_in(text: &str) -> Vec<(usize, usize)> {
    let mut spans: Vec<(usize, usize)> = Vec::new();
    scan(text, |start, mut end| {
        // The unit: magnitudes (`亿`), then one unit of measure, money or
        // percent, after a space too (`10 个`).
        let gap = text[end..].chars().take_while(|&c| c == ' ' || c == '\u{3000}').map(char::len_utf8).sum::<usize>();
        if gap > 0 && text[end + gap..].starts_with(|c: char| is_count_suffix(c) || is_percent(c) || c == '元') {
            end += gap;
        }
        while let Some(c) = char_at(text, end).filter(|c| matches!(c, '万' | '亿' | '千' | '百')) {
            end += c.len_utf8();
        }
        if let Some(w) = UNIT_WORDS.iter().find(|w| text[end..].starts_with(**w)) {
            end += w.len();
        } else {
            match char_at(text, end) {
                Some(c) if is_count_suffix(c) || is_percent(c) || c == '元' => end += c.len_utf8(),
                Some(c) if c.is_ascii_alphabetic() && char_before(text, end).is_some_and(|p| p.is_ascii_digit()) => {
                    end += text[end..].chars().take_while(char::is_ascii_alphabetic).map(char::len_utf8).sum::<usize>();
                }
                _ => {}
            }
        }
        match spans.last_mut() {
            // A percent sign already taken as the unit of the number before it.
            Some(last) if last.1 >= end => {}
            Some(last) if is_range_joint(&text[last.1..start]) => last.1 = end,
            _ => spans.push((start, end)),
        }
        false
    });
    for w in RATIO_WORDS {
        for (p, _) in text.match_indices(w) {
            let mut start = p;
            let mut end = p + w.len();
            if w == "分之" {
                // 三分之一: the numerals on both sides.
                while let Some(c) = char_before(text, start).filter(|&c| is_cn_numeral_char(c) || is_digit(c)) {
                    start -= c.len_utf8();
                }
                while let Some(c) = char_at(text, end).filter(|&c| is_cn_numeral_char(c) || is_digit(c)) {
                    end += c.len_utf8();
                }
            }
            if !spans.iter().any(|&(s, e)| s < end && start < e) {
                spans.push((start, end));
            }
        }
    }
    spans.sort_unstable();
    spans
}

fn is_quantity_number(text: &str, start: usize, end: usize, value: u64, n_digits: usize) -> bool {
    let before = char_before(text, start);
    let after = char_at(text, end);
    if before == Some('第') {
        return false;
    }
    if before.is_some_and(|c| c.is_ascii_alphabetic()) {
        return false; // V2, R2
    }
    if before == Some('+') || after == Some('+') && text[end + 1..].starts_with(|c: char| c.is_ascii_alphanumeric()) {
        return false; // “2+X”科技信贷, 1+N
    }
    if after.is_some_and(|c| c.is_ascii_alphabetic()) {
        // 100MW and 400P are amounts; 5G and 3D are names.
        let letters: String = text[end..].chars().take_while(char::is_ascii_alphabetic).collect();
        const UNITS: [&str; 16] =
            ["km", "kg", "m", "t", "g", "MW", "GW", "kW", "kWh", "GB", "TB", "PB", "MB", "P", "PFlops", "EFlops"];
        return UNITS.contains(&letters.as_str());
    }
    match after {
        Some('年' | '月' | '日' | '号' | '时' | '点' | '季' | '周' | '届') => return false,
        Some('—' | '-' | '–' | '～' | '~' | '至') if n_digits == 4 && (1900..2100).contains(&value) => {
            return false;
        }
        _ => {}
    }
    if n_digits == 4 && (1900..2100).contains(&value) && after.is_none_or(|c| !c.is_ascii_digit()) {
        // A bare year in a range such as （2023—2025） or a name such as 中国制造2025.
        let rest = &text[end..];
        if rest.starts_with(['）', ')', '”', '"'])
            || before.is_some_and(|c| matches!(c, '—' | '-' | '～' | '~' | '（' | '(' | '造'))
        {
            return false;
        }
    }
    true
}

fn is_quantity_cn(text: &str, start: usize, end: usize) -> bool {
    let run = &text[start..end];
    let before = char_before(text, start);
    let after = char_at(text, end);
    if before == Some('第') || before == Some('“') || before == Some('"') {
        return false; // 第三, “四个意识”
    }
    if run == "一" || run == "两" {
        return false; // 一批, 一流, 一体化, 两个确立
    }
    if run.contains('十') && run.chars().count() <= 3 && matches!(after, Some('五' | '大' | '届' | '”')) {
        return false;
    }
    after.is_some_and(is_count_suffix) || run.chars().count() >= 2 && run.contains(['百', '千', '万', '亿'])
}

#[cfg(test)]
mod tests {
    use expect_test::expect;

    use super::{figures_in, has_quantity, next_numeric};
    use crate::syntax::lexicon::is_percent;
    use crate::syntax::numerals::is_cn_numeral_char;
    use crate::text::is_digit;

    #[test]
    fn only_plain_characters_are_skipped() {
        for c in ('\0'..=char::MAX).filter(|&c| is_digit(c) || is_cn_numeral_char(c) || is_percent(c)) {
            let s = format!("{c}一");
            assert_eq!(next_numeric(s.as_bytes(), 0), 0, "{c}");
        }
        let s = "年建成a①é𠀀";
        assert_eq!(next_numeric(s.as_bytes(), 0), s.len());
    }

    #[test]
    fn quantities() {
        for q in [
            "增长6%以上",
            "达到2.3%",
            "不少于12个",
            "突破1450亿元",
            "培育8—10个百亿企业",
            "超过五千亿规模",
            "占三分之一",
            "建设省院士工作站2个",
            "新增３家",
        ] {
            assert!(has_quantity(q), "{q}");
        }
        for q in [
            "到2025年，基本形成体系",
            "2025年底前完成",
            "（2023—2025年）",
            "建设5G网络",
            "落实“四个意识”",
            "第三季度完成",
            "推进“十四五”规划",
            "形成一批成果",
            "中国制造2025",
            "增长**%",
            "占比提高%",
            "推广“2+X”服务体系",
            "构建“1+N”政策体系",
        ] {
            assert!(!has_quantity(q), "{q}");
        }
    }

    #[test]
    fn figures_carry_their_units_and_join_ranges() {
        let shown = |text: &str| -> String {
            let spans: Vec<&str> = figures_in(text).into_iter().map(|(s, e)| &text[s..e]).collect();
            spans.join(" | ")
        };
        expect!["6% | 1450亿元 | 8—10个 | 五千亿 | 三分之一 | 3个百分点 | 120平方公里 | 100MW"].assert_eq(&shown(
            "到2027年增长6%以上，突破1450亿元，培育8—10个百亿企业，超过五千亿规模，占三分之一，提高3个百分点，治理120平方公里，装机100MW，建设5G网络",
        ));
        expect!["18%～25% | 3至5家 | 翻一番"].assert_eq(&shown("占比18%～25%，新增3至5家，总量翻一番"));
        expect![""].assert_eq(&shown("到2025年底前，基本形成第三方评价体系（2023—2025年）"));
        expect!["10 个"].assert_eq(&shown("推广农业新品种10 个，收入增长**%"));
    }
}
