//! Rule `number-usage`: numbers, dates, ranges and punctuation marks written
//! against GB/T 15835-2011 (numbers) and GB/T 15834-2011 (punctuation).

use crate::config::Punctuation;
use crate::diagnostic::{Applicability, Edit, Fix};
use crate::lang::Lang;
use crate::rules::{Ctx, declare_rule};
use crate::syntax::Document;
use crate::syntax::lexicon::{CORE_MEASURES, MORE_MEASURES};
use crate::syntax::numerals::{cn_digit, is_cn_numeral_char, parse_cn_ordinal};
use crate::text::{TextRange, char_at, char_before, is_cjk, is_han};

declare_rule! {
    /// ## What it does
    /// Checks how numbers and punctuation marks are written, against GB/T
    /// 15835-2011 (numbers) and GB/T 15834-2011 (punctuation), which GB/T
    /// 9704 §9 makes binding for official documents:
    ///
    /// - **Ranges.** A percentage range keeps `%` at both ends (`18%～25%`,
    ///   not `18～25%`), and so do ranges in 万 and 亿 (`2万～5万`). The ends
    ///   of a range are joined by the 一字线 `—` or the 浪纹线 `～`, not by a
    ///   hyphen, en dash, ASCII tilde or 破折号: `2023-2025年` → `2023—2025年`,
    ///   `1-3月` → `1—3月`, `0-6岁` → `0～6岁`. Time ranges get the sign the
    ///   draft uses for them already (`—` unless it writes `～`), other ranges
    ///   `～`. A hyphen that joins the parts of a number is left alone: dates
    ///   `2023-01-05`, document and index numbers (`2020-105482`), standard
    ///   numbers (`GB/T 9704-2012`), phone numbers, model numbers.
    /// - **Mixed numerals.** With Arabic numerals only 万 and 亿 serve as
    ///   units: `3千万元` → `3000万元`, `5百` → `500`, `二十5` → `25`. Units
    ///   such as 千米, 千克, 千瓦 and words such as 百分点 and 百年 are not
    ///   numbers.
    /// - **Abbreviated years.** `23年底` → `2023年底` where the words after
    ///   it make it a calendar year (年底, 年初, 上半年, 第三季度, 5月); not
    ///   after 近, 连续, 已, 第 … (`工作23年` is a duration).
    /// - **Dotted dates.** `2005.02.01` → `2005年2月1日`; not version numbers,
    ///   decimals or masks (`20XX.X.X` is a placeholder), nor the date of a
    ///   web page's `发布时间:` field.
    /// - **Punctuation width.** In Chinese text the marks are full-width:
    ///   half-width `,` `:` `;` `?` `!` and brackets `( )` next to Chinese
    ///   characters → `，` `：` `；` `？` `！` `（ ）` (brackets as a pair).
    ///   Not between digits (`1,000`, `14:13`, `1:1000`), in URLs or in
    ///   English text. A structure number such as `(一)` is left to
    ///   `numbering`. `--` used as a 破折号 → `——`.
    ///
    /// A draft whose Chinese text is half-width throughout (as text copied
    /// from web pages is) gets one finding for all its marks, at the first,
    /// with one fix for all of them, rather than a warning on every comma; a
    /// few stray half-width marks among full-width ones get one finding
    /// each. With `[style] punctuation = "half-width"` in `planlint.toml`
    /// the width of marks is not checked, an ASCII `~` in a range is
    /// accepted as `～`, and `numbering` accepts `(一)`.
    ///
    /// 按 GB/T 15835-2011《出版物上数字用法》和 GB/T 15834-2011《标点符号用法》
    /// （GB/T 9704 第 9 章要求公文遵循）检查数字和标点的写法：
    ///
    /// - **数值范围**：百分数范围两端都带“%”（写“18%～25%”，不写“18～25%”），以
    ///   “万”“亿”为单位的范围同样（“2万～5万”）。起止用一字线“—”或浪纹线“～”连接，
    ///   不用短横线、半字线、半角波浪线或破折号：“2023-2025年”→“2023—2025年”，
    ///   “1-3月”→“1—3月”，“0-6岁”→“0～6岁”。时间范围沿用文中已有的连接号（除非文中
    ///   用“～”，否则用“—”），其他范围用“～”。连接号码的短横线不改：日期“2023-01-05”、
    ///   文号和索引号、标准编号“GB/T 9704-2012”、电话号码、型号。
    /// - **数字混用**：阿拉伯数字只与“万”“亿”连用：“3千万元”→“3000万元”，
    ///   “5百”→“500”，“二十5”→“25”。千米、千克、千瓦等单位和百分点、百年等词不算。
    /// - **年份简写**：后接年底、年初、上半年、第三季度、5月等、确指公历年份时，
    ///   “23年底”→“2023年底”；前有“近”“连续”“已”“第”等时不算（“工作23年”是时长）。
    /// - **圆点日期**：“2005.02.01”→“2005年2月1日”；版本号、小数、占位符
    ///   （“20XX.X.X”）以及网页“发布时间:”栏中的日期不算。
    /// - **标点宽度**：中文里用全角标点：紧邻汉字的半角“,”“:”“;”“?”“!”和括号
    ///   “( )”改为“，”“：”“；”“？”“！”“（ ）”（括号成对修改）。数字之间（“1,000”
    ///   “14:13”“1:1000”）、网址和英文中的不算。“(一)”这类结构层次序数由 `numbering`
    ///   检查。用作破折号的“--”改为“——”。
    ///
    /// 通篇使用半角标点的文稿（从网页复制的文字常常如此）只在第一处报告一次，附一个
    /// 全部改正的修复，而不是每个逗号都报警；全角文稿中零星的半角标点逐处报告。在
    /// `planlint.toml` 中设置 `[style] punctuation = "half-width"` 后不检查标点宽度，
    /// 范围中的半角“~”视同“～”，`numbering` 也接受“(一)”。
    ///
    /// ## Why is this bad?
    /// `18～25%` reads as 18 to 25 per cent only by convention and `2～5万`
    /// may mean 2 to 50,000; `3千万` and `23年` are informal; a hyphen in a
    /// range reads as a code (`2023-2025`). Reviewers of official documents
    /// correct every one of these, and half-width marks in Chinese text are
    /// the first thing a proofreading tool flags.
    ///
    /// “18～25%”只是按习惯读作百分之十八到二十五，“2～5万”可能被理解为 2 到 5 万；
    /// “3千万”“23年”是口语写法；范围中的短横线读起来像编号（“2023-2025”）。公文审核
    /// 会逐一改正这些写法，中文中的半角标点更是校对工具首先标出的问题。
    ///
    /// ## Example
    /// ```text
    /// 到23年底，研发投入年均增长18～25%,新增投资3千万元(2023-2025年)。
    /// ```
    /// Use instead:
    /// ```text
    /// 到2023年底，研发投入年均增长18%～25%，新增投资3000万元（2023—2025年）。
    /// ```
    ///
    /// ## Fix safety
    /// Every fix is safe except the full year of an abbreviated one, which
    /// guesses the century unless the draft writes that year in full
    /// elsewhere (`2023年` in the title makes `23年底` certain).
    ///
    /// 除年份简写外的修复都是安全的；补全年份需要推断世纪，只有文中别处写有该年份全称
    /// （如标题中的“2023年”）时才确定无误。
    pub(crate) NUMBER_USAGE, "PL601", "number-usage", Warning,
    summary: "Numbers, ranges, dates or punctuation written against GB/T 15835 / GB/T 15834",
    summary_zh: "数字、数值范围、日期或标点写法不符合 GB/T 15835、GB/T 15834",
}

pub(crate) fn check(ctx: &mut Ctx<'_>) {
    let mut scan = Scan::new(ctx.doc, ctx.config.punctuation == Punctuation::HalfWidth);
    scan.run();
    scan.report(ctx);
}

/// At least this many half-width marks, and no fewer than full-width ones,
/// make a draft half-width throughout: one finding for all of them.
const SUMMARY_MIN: usize = 5;

/// How far a bracket looks for its partner (bytes, on its line or the next).
const BRACKET_REACH: usize = 600;

/// One pass over the prose view: every check starts at a digit or an ASCII
/// mark (see [`next_candidate`]), and Chinese text is skipped 32 bytes at a
/// time. Findings that depend on the whole draft (the sign its time ranges
/// use, the years it writes in full, how many of its marks are half-width)
/// are collected and reported at the end.
struct Scan<'a> {
    doc: &'a Document<'a>,
    s: &'a str,
    b: &'a [u8],
    half_width: bool,
    /// Findings whose message and fix are known when they are found.
    plain: Vec<Plain>,
    ranges: Vec<RangeHit>,
    short_years: Vec<ShortYear>,
    marks: Vec<Mark>,
    /// The years 1900–2099 the draft writes in full (index: year − 1900).
    full_years: [bool; 200],
    /// Time ranges already written with `—` and with `～`.
    dash_ranges: u32,
    wave_ranges: u32,
    /// Half-width `)` already paired with an earlier `(`.
    paired: Vec<usize>,
    /// The end of the run of half-width marks (`;;;`) the last one checked
    /// belongs to, and whether Chinese follows the run.
    mark_run: (usize, bool),
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum PlainKind {
    Mixed,
    DottedDate,
    Dash,
}

struct Plain {
    kind: PlainKind,
    /// What the finding shows: the edit and any unit after it (`3千万`).
    range: TextRange,
    edit: TextRange,
    replacement: String,
}

/// The sign a range should be written with.
#[derive(Clone, Copy, PartialEq, Eq)]
enum SignFix {
    /// The draft's sign for time ranges (`—` unless it uses `～`).
    Time,
    Wave,
}

struct RangeHit {
    range: TextRange,
    /// Where the first number's missing unit goes, and the unit.
    unit: Option<(usize, char)>,
    sign: TextRange,
    sign_fix: Option<SignFix>,
}

struct ShortYear {
    /// The abbreviated year and what makes it a calendar year (`23年底`).
    shown: TextRange,
    /// The apostrophe, if any, and the two digits.
    digits: TextRange,
    yy: u32,
}

/// A half-width mark in Chinese text, kept small (12 bytes): a draft pasted
/// from a web page has one for every few characters, a few hundred thousand
/// in a 10 MB file. Its edits follow from what it is.
struct Mark {
    /// `,` `:` `;` `?` `!` with the spaces after it; `(` to its partner; `（` to `)`.
    range: TextRange,
    /// The mark as written: `b','` … `b'!'`, `b'('` (a pair), `b')'` (its partner is `（`).
    mark: u8,
    /// For `(`: its partner is a half-width `)` too, at the range's end.
    half_close: bool,
}

impl Mark {
    /// The mark's edits: one, or two for a bracket pair written half-width.
    fn edits(&self) -> impl Iterator<Item = Edit> + use<> {
        let r = self.range;
        let (first, second) = match self.mark {
            b'(' => (
                Edit::replace(TextRange::new(r.start(), r.start() + 1), "（"),
                self.half_close.then(|| Edit::replace(TextRange::new(r.end() - 1, r.end()), "）")),
            ),
            b')' => (Edit::replace(TextRange::new(r.end() - 1, r.end()), "）"), None),
            c => (Edit::replace(r, full_width_str(c as char)), None),
        };
        std::iter::once(first).chain(second)
    }

    fn count_edits(&self) -> usize {
        1 + usize::from(self.half_close)
    }
}

/// The full-width form of a half-width `,` `:` `;` `?` `!`.
fn full_width_str(c: char) -> &'static str {
    match c {
        ',' => "，",
        ':' => "：",
        ';' => "；",
        '?' => "？",
        _ => "！",
    }
}

impl<'a> Scan<'a> {
    fn new(doc: &'a Document<'a>, half_width: bool) -> Scan<'a> {
        let s: &str = &doc.prose;
        Scan {
            doc,
            s,
            b: s.as_bytes(),
            half_width,
            plain: Vec::new(),
            ranges: Vec::new(),
            short_years: Vec::new(),
            marks: Vec::new(),
            full_years: [false; 200],
            dash_ranges: 0,
            wave_ranges: 0,
            paired: Vec::new(),
            mark_run: (0, false),
        }
    }

    fn run(&mut self) {
        let b = self.b;
        let mut i = next_candidate(b, 0);
        while i < b.len() {
            let c = b[i];
            i = match c {
                b'0'..=b'9' => self.number(i),
                b',' | b':' | b';' | b'?' | b'!' => {
                    self.mark(i);
                    i + 1
                }
                b'(' => {
                    self.open_bracket(i);
                    i + 1
                }
                b')' => {
                    self.close_bracket(i);
                    i + 1
                }
                b'-' => self.dash(i),
                _ => i + 1,
            };
            i = next_candidate(b, i);
        }
    }

    // ---- numbers ----

    /// Checks the number starting at `p`; returns where scanning resumes.
    /// Most numbers are followed by a measure word: the character after the
    /// number decides which checks can apply, decoded once.
    fn number(&mut self, p: usize) -> usize {
        let (s, b) = (self.s, self.b);
        let q = digits_end(b, p);
        if embedded(s, p) {
            return code_end(b, q);
        }
        if q - p == 4
            && b.get(q) == Some(&b'.')
            && let Some(end) = self.dotted_date(p, q)
        {
            return end;
        }
        let a_end = fraction_end(b, q);
        let next = char_at(s, a_end);
        if q - p == 4 && matches!(next, Some('年')) || next.is_some_and(is_sign_start) {
            let y = parse_u32(&b[p..q]);
            if q - p == 4 && (1900..2100).contains(&y) {
                self.full_years[(y - 1900) as usize] = true;
            }
        }
        match next {
            Some(c) if is_sign_start(c) || matches!(c, '年' | '月' | '日' | '%' | '％' | '‰' | '万' | '亿') => {
                if let Some(end) = self.range(p, q, a_end, c) {
                    return end;
                }
                if c == '年' {
                    self.short_year(p, q);
                }
            }
            Some('千' | '百' | '十') => {
                if let Some(end) = self.mixed(p, q) {
                    return end;
                }
            }
            _ => {}
        }
        if q - p == 1 {
            self.tens_before(p, q);
        }
        a_end
    }

    /// `2005.02.01` → `2005年2月1日`.
    fn dotted_date(&mut self, p: usize, q: usize) -> Option<usize> {
        let b = self.b;
        if q - p != 4 || b.get(q) != Some(&b'.') {
            return None;
        }
        let y = parse_u32(&b[p..q]);
        let m_end = digits_end(b, q + 1);
        if !(1..=2).contains(&(m_end - q - 1)) || b.get(m_end) != Some(&b'.') {
            return None;
        }
        let d_end = digits_end(b, m_end + 1);
        if !(1..=2).contains(&(d_end - m_end - 1)) {
            return None;
        }
        // 2023.1.1.2 or 2023.1.15a is something else.
        if b.get(d_end).is_some_and(|&c| {
            c.is_ascii_alphanumeric() || c == b'.' && b.get(d_end + 1).is_some_and(u8::is_ascii_digit)
        }) {
            return None;
        }
        let (m, d) = (parse_u32(&b[q + 1..m_end]), parse_u32(&b[m_end + 1..d_end]));
        if !(1900..2100).contains(&y) || !valid_day(m, d) || after_metadata_label(self.s, p) {
            return None;
        }
        self.full_years[(y - 1900) as usize] = true;
        let range = TextRange::new(p, d_end);
        self.plain.push(Plain {
            kind: PlainKind::DottedDate,
            range,
            edit: range,
            replacement: format!("{y}年{m}月{d}日"),
        });
        Some(d_end)
    }

    /// A range `A–B` with a unit after B: a missing first unit (`18～25%`)
    /// or a sign that is not `—` or `～`.
    /// `next` is the character after the first number: a sign, or a unit
    /// that may repeat at both ends (`2023年-2025年`, `18%-25%`).
    fn range(&mut self, p: usize, q: usize, a_end: usize, next: char) -> Option<usize> {
        let (s, b) = (self.s, self.b);
        let first_unit = (!is_sign_start(next)).then_some(next);
        let sign_start = first_unit.map_or(a_end, |u| a_end + u.len_utf8());
        let (sign, sign_end) = sign_at(s, sign_start)?;
        if !b.get(sign_end).is_some_and(u8::is_ascii_digit) {
            return None;
        }
        let b_int = digits_end(b, sign_end);
        let b_end = fraction_end(b, b_int);
        let a = parse_f64(&s[p..a_end])?;
        let z = parse_f64(&s[sign_end..b_end])?;
        let integers = a_end == q && b_end == b_int;
        let unit = range_unit(s, b_end);
        let (end, kind) = match unit {
            Some(u) => (b_end + u.len, u.kind),
            None => (b_end, UnitKind::Bare),
        };
        if first_unit.is_some_and(|f| Some(f) != unit.map(|u| u.c)) || a >= z {
            return None;
        }
        if b_int - sign_end == 4 && matches!(kind, UnitKind::Year | UnitKind::Bare) {
            let y = parse_u32(&b[sign_end..b_int]);
            if (1900..2100).contains(&y) {
                self.full_years[(y - 1900) as usize] = true;
            }
        }
        let plausible = match kind {
            UnitKind::Year => {
                integers && (q - p == 4 && b_int - sign_end == 4 && a >= 1900.0 && z < 2100.0 || z < 100.0)
            }
            UnitKind::Month => integers && a >= 1.0 && z <= 12.0,
            UnitKind::Day => integers && a >= 1.0 && z <= 31.0,
            UnitKind::Magnitude | UnitKind::Measure => true,
            // (2023-2025) and 2023-2025学年: two years, in Chinese text.
            UnitKind::Bare => {
                integers
                    && q - p == 4
                    && b_int - sign_end == 4
                    && a >= 1900.0
                    && z < 2100.0
                    && z - a <= 50.0
                    && char_at(s, end).is_some_and(|c| is_han(c) || matches!(c, ')' | '）' | '》' | '】'))
                    && char_before(s, p).is_none_or(|c| is_han(c) || matches!(c, '(' | '（' | '《' | '【' | '\n'))
            }
        };
        if !plausible || !self.doc.placeholders_in(TextRange::new(p, end)).is_empty() {
            return None;
        }
        let time = matches!(kind, UnitKind::Year | UnitKind::Month | UnitKind::Day | UnitKind::Bare);
        let sign_fix = match sign {
            Sign::Dash | Sign::Wave if time => {
                if sign == Sign::Dash {
                    self.dash_ranges += 1;
                } else {
                    self.wave_ranges += 1;
                }
                None
            }
            Sign::Dash | Sign::Wave => None,
            Sign::Tilde if self.half_width && sign_start < b.len() && b[sign_start] == b'~' => None,
            Sign::Tilde => Some(SignFix::Wave),
            Sign::Ideograph if !time => return None,
            Sign::Other | Sign::Ideograph if time => Some(SignFix::Time),
            Sign::Other | Sign::Ideograph => Some(SignFix::Wave),
        };
        let missing = match unit {
            Some(u) if u.kind == UnitKind::Magnitude && first_unit.is_none() => Some((a_end, u.c)),
            _ => None,
        };
        if sign_fix.is_none() && missing.is_none() {
            return None;
        }
        self.ranges.push(RangeHit {
            range: TextRange::new(p, end),
            unit: missing,
            sign: TextRange::new(sign_start, sign_end),
            sign_fix,
        });
        Some(end)
    }

    /// `3千万` → `3000万`, `3千4百` → `3400`.
    fn mixed(&mut self, p: usize, q: usize) -> Option<usize> {
        let (s, b) = (self.s, self.b);
        if char_before(s, p).is_some_and(is_cn_numeral_char) {
            return None;
        }
        let a_end = fraction_end(b, q);
        let frac = if a_end > q { &b[q + 1..a_end] } else { &b[q..q] };
        if q - p > 12 || frac.len() > 3 {
            return None;
        }
        let mut at = a_end;
        let mut first = true;
        let mut last_power = 4;
        let mut total: u64 = 0;
        let mut int_part = &b[p..q];
        loop {
            let power = match char_at(s, at) {
                Some('千') => 3,
                Some('百') => 2,
                Some('十') => 1,
                _ => break,
            };
            if power >= last_power {
                return None;
            }
            let frac_here = if first { frac } else { &b[q..q] };
            if frac_here.len() > power {
                return None;
            }
            // The digits with the point moved `power` places right.
            let mut v = parse_u64(int_part);
            for k in 0..power {
                v = v * 10 + frac_here.get(k).map_or(0, |d| u64::from(d - b'0'));
            }
            total += v;
            last_power = power;
            at += 3;
            first = false;
            // A further term: one digit and a smaller magnitude (3千4百).
            match (b.get(at), char_at(s, at + 1)) {
                (Some(b'1'..=b'9'), Some('百' | '十')) => {
                    int_part = &b[at..at + 1];
                    at += 1;
                }
                _ => break,
            }
        }
        if first {
            return None;
        }
        let rest = &s[at..];
        let word_after = match last_power {
            3 => rest.starts_with(['米', '克', '瓦', '伏', '帕', '焦', '卡', '赫', '兆', '年', '分']),
            2 => rest.starts_with(['分', '年', '姓', '货', '科', '度', '花', '合']),
            _ => !rest.starts_with(['万', '亿']),
        };
        // 3千5 is ambiguous; 3千米 is a unit.
        if word_after || b.get(at).is_some_and(u8::is_ascii_alphanumeric) {
            return None;
        }
        // 十 right after the digits only before 万 or 亿 (2十万).
        if char_at(s, a_end) == Some('十') && !rest.starts_with(['万', '亿']) {
            return None;
        }
        let shown = if rest.starts_with(['万', '亿']) { at + '万'.len_utf8() } else { at };
        self.plain.push(Plain {
            kind: PlainKind::Mixed,
            range: TextRange::new(p, shown),
            edit: TextRange::new(p, at),
            replacement: total.to_string(),
        });
        Some(shown)
    }

    /// `二十5` → `25`: a Chinese ten with an Arabic unit digit.
    fn tens_before(&mut self, p: usize, q: usize) {
        let (s, b) = (self.s, self.b);
        if q - p != 1 || b[p] == b'0' || char_before(s, p) != Some('十') {
            return;
        }
        if b.get(q).is_some_and(|&c| c.is_ascii_alphanumeric() || c == b'.') {
            return;
        }
        let ten = p - '十'.len_utf8();
        let (start, tens) = match char_before(s, ten) {
            Some(c @ ('一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九')) => {
                let at = ten - c.len_utf8();
                if char_before(s, at).is_some_and(is_cn_numeral_char) {
                    return;
                }
                (at, cn_digit(c).unwrap_or(1))
            }
            Some(c) if is_cn_numeral_char(c) => return,
            _ => (ten, 1),
        };
        let value = tens * 10 + u32::from(b[p] - b'0');
        let range = TextRange::new(start, q);
        self.plain.push(Plain { kind: PlainKind::Mixed, range, edit: range, replacement: value.to_string() });
    }

    /// `23年底`, `’23年` → `2023年底`: two digits before 年 and words that make it a calendar year.
    fn short_year(&mut self, p: usize, q: usize) {
        let s = self.s;
        if q - p != 2 || char_at(s, q) != Some('年') {
            return;
        }
        let (start, before) = match char_before(s, p) {
            Some(c @ ('\'' | '’' | '‘')) => (p - c.len_utf8(), char_before(s, p - c.len_utf8())),
            c => (p, c),
        };
        if before.is_some_and(|c| {
            c.is_ascii_alphanumeric()
                || is_cn_numeral_char(c)
                || "./-~～—–－".contains(c)
                || "近续已多第每约满逾超余历用达共计几数前后这该首头".contains(c)
        }) {
            return;
        }
        let after = q + '年'.len_utf8();
        let Some(len) = calendar_follower(&s[after..]) else { return };
        let yy = parse_u32(&self.b[p..q]);
        self.short_years.push(ShortYear {
            shown: TextRange::new(start, after + len),
            digits: TextRange::new(start, q),
            yy,
        });
    }

    // ---- punctuation ----

    /// A half-width `,` `:` `;` `?` `!` at `i`.
    fn mark(&mut self, i: usize) {
        if self.half_width || self.in_nonstandard_marker(i) {
            return;
        }
        let (s, b) = (self.s, self.b);
        // `&nbsp;` is an HTML entity, `![` a Markdown image.
        if b[i] == b';' && html_entity_before(b, i) || b[i] == b'!' && b.get(i + 1) == Some(&b'[') {
            return;
        }
        // In a run of marks (`化;;;`, `;;;化`) each is in Chinese text when one
        // end of the run is: fixed one by one, every mark would take a pass of
        // `--fix` (found by the fuzz target `analyze`).
        let chinese = left_neighbour(s, i).is_some_and(is_cjk)
            || right_neighbour(s, i + 1).is_some_and(is_cjk)
            || self.after_reported_mark(i)
            || self.run_before_chinese(i);
        if !chinese {
            return;
        }
        // Spaces after the mark go with it (`完成, 推进` → `完成，推进`).
        let mut end = i + 1;
        while end < b.len() && matches!(b[end], b' ' | b'\t') {
            end += 1;
        }
        if end == b.len() || matches!(b[end], b'\n' | b'\r') {
            end = i + 1;
        }
        self.marks.push(Mark { range: TextRange::new(i, end), mark: b[i], half_close: false });
    }

    /// Whether the mark at `i` follows (spaces apart) a half-width mark reported as in Chinese text.
    fn after_reported_mark(&self, i: usize) -> bool {
        let head = self.s[..i].trim_end_matches([' ', '\t']);
        self.marks
            .last()
            .is_some_and(|m| matches!(m.mark, b',' | b':' | b';' | b'?' | b'!') && m.range.start() + 1 == head.len())
    }

    /// Whether the run of half-width marks and spaces from `i` is followed by Chinese.
    fn run_before_chinese(&mut self, i: usize) -> bool {
        if i >= self.mark_run.0 {
            let b = self.b;
            let mut end = i;
            while end < b.len() && matches!(b[end], b',' | b':' | b';' | b'?' | b'!' | b' ' | b'\t') {
                end += 1;
            }
            self.mark_run = (end, right_neighbour(self.s, end).is_some_and(is_cjk));
        }
        self.mark_run.1
    }

    /// A half-width `(` at `i`: with its partner, `)` or `）`, on the same line.
    fn open_bracket(&mut self, i: usize) {
        if self.half_width {
            return;
        }
        let (s, b) = (self.s, self.b);
        let limit = crate::text::floor_char_boundary(s, (i + 1 + BRACKET_REACH).min(b.len()));
        let mut depth = 0u32;
        let mut close = None;
        let mut han = false;
        let mut breaks = 0;
        for (k, c) in s[i + 1..limit].char_indices() {
            match c {
                // A clause may wrap onto the next line, not further.
                '\n' => {
                    breaks += 1;
                    if breaks > 1 || self.line_opens_with_marker(i + 1 + k + 1) {
                        break;
                    }
                }
                '(' | '（' => depth += 1,
                ')' | '）' if depth > 0 => depth -= 1,
                ')' | '）' => {
                    close = Some((i + 1 + k, c));
                    break;
                }
                c if is_han(c) => han = true,
                _ => {}
            }
        }
        let Some((j, c)) = close else { return };
        let half_close = c == ')';
        if half_close {
            self.paired.push(j);
        }
        let end = j + c.len_utf8();
        // `](…)`: the target of a Markdown link, also in a plain-text copy.
        if self.in_nonstandard_marker(i) || i > 0 && b[i - 1] == b']' {
            return;
        }
        let chinese = han || left_neighbour(s, i).is_some_and(is_cjk) || right_neighbour(s, end).is_some_and(is_cjk);
        if !chinese {
            return;
        }
        self.marks.push(Mark { range: TextRange::new(i, end), mark: b'(', half_close });
    }

    /// A half-width `)` at `i` that no half-width `(` took: its partner may be `（`.
    fn close_bracket(&mut self, i: usize) {
        if let Some(k) = self.paired.iter().position(|&j| j == i) {
            self.paired.swap_remove(k);
            return;
        }
        if self.half_width {
            return;
        }
        let s = self.s;
        let from = crate::text::floor_char_boundary(s, i.saturating_sub(BRACKET_REACH));
        let mut depth = 0u32;
        let mut open = None;
        let mut han = false;
        let mut breaks = 0;
        for (k, c) in s[from..i].char_indices().rev() {
            match c {
                '\n' => {
                    breaks += 1;
                    if breaks > 1 || self.line_opens_with_marker(from + k + 1) {
                        break;
                    }
                }
                ')' | '）' => depth += 1,
                '(' | '（' if depth > 0 => depth -= 1,
                '（' => {
                    open = Some(from + k);
                    break;
                }
                '(' => break,
                c if is_han(c) => han = true,
                _ => {}
            }
        }
        let Some(k) = open else { return };
        if self.in_nonstandard_marker(k) {
            return;
        }
        let chinese = han || left_neighbour(s, k).is_some_and(is_cjk) || right_neighbour(s, i + 1).is_some_and(is_cjk);
        if chinese {
            self.marks.push(Mark { range: TextRange::new(k, i + 1), mark: b')', half_close: false });
        }
    }

    /// `--` used as a 破折号 (`--实现`). Returns where scanning resumes.
    fn dash(&mut self, i: usize) -> usize {
        let (s, b) = (self.s, self.b);
        let mut end = i;
        while end < b.len() && b[end] == b'-' {
            end += 1;
        }
        let after = char_at(s, end);
        // `--fix` is a command-line option, even after Chinese text.
        if end - i == 2
            && (after.is_some_and(is_cjk)
                || char_before(s, i).is_some_and(is_cjk) && !after.is_some_and(|c| c.is_ascii_alphanumeric()))
            && !self.in_nonstandard_marker(i)
        {
            let range = TextRange::new(i, end);
            self.plain.push(Plain { kind: PlainKind::Dash, range, edit: range, replacement: "——".into() });
        }
        end
    }

    /// Whether a heading's structure number opens the line that starts at `at`.
    fn line_opens_with_marker(&self, at: usize) -> bool {
        let hs = &self.doc.headings;
        let k = hs.partition_point(|h| h.marker.start() < at);
        hs.get(k).is_some_and(|h| self.doc.line_of(h.marker.start()) == self.doc.line_of(at))
    }

    /// Whether `at` lies in a structure number that `numbering` reports as non-standard.
    fn in_nonstandard_marker(&self, at: usize) -> bool {
        let hs = &self.doc.headings;
        let k = hs.partition_point(|h| h.marker.start() <= at);
        k > 0 && hs[k - 1].marker.contains(at) && !hs[k - 1].marker_standard
    }

    // ---- reporting ----

    fn report(self, ctx: &mut Ctx<'_>) {
        let lang = ctx.lang();
        let doc = self.doc;
        for f in &self.plain {
            let found = doc.slice(f.range);
            let edits = vec![Edit::replace(f.edit, f.replacement.clone())];
            let fixed = &apply_local(doc.text, f.range, &edits);
            let message = match (f.kind, lang) {
                (PlainKind::Mixed, Lang::Zh) => {
                    format!(
                        "“{found}”混用阿拉伯数字和汉字数字，应写作“{fixed}”：阿拉伯数字只与“万”“亿”连用（GB/T 15835）"
                    )
                }
                (PlainKind::Mixed, Lang::En) => format!(
                    "“{found}” mixes Arabic and Chinese numerals; write “{fixed}”: Arabic numerals take only 万 and 亿 as units (GB/T 15835)"
                ),
                (PlainKind::DottedDate, Lang::Zh) => format!("日期“{found}”应写作“{fixed}”（GB/T 15835）"),
                (PlainKind::DottedDate, Lang::En) => format!("Date “{found}”: write “{fixed}” (GB/T 15835)"),
                (PlainKind::Dash, Lang::Zh) => format!("破折号应写作“——”，不用“{found}”（GB/T 15834）"),
                (PlainKind::Dash, Lang::En) => format!("Write the dash as “——”, not “{found}” (GB/T 15834)"),
            };
            let fix = Fix { title: change_to(lang, fixed).into(), edits, applicability: Applicability::Safe };
            ctx.report(f.range, message).with_fix(fix);
        }

        let time_sign = if self.wave_ranges > self.dash_ranges { "～" } else { "—" };
        for r in &self.ranges {
            let sign = r.sign_fix.map(|f| if f == SignFix::Time { time_sign } else { "～" });
            // One edit: the missing unit goes right before the sign.
            let edits = match (r.unit, sign) {
                (Some((_, unit)), Some(sign)) => vec![Edit::replace(r.sign, format!("{unit}{sign}"))],
                (Some((at, unit)), None) => vec![Edit::insert(at, unit.to_string())],
                (None, Some(sign)) => vec![Edit::replace(r.sign, sign)],
                (None, None) => continue,
            };
            let found = doc.slice(r.range);
            let fixed = apply_local(doc.text, r.range, &edits);
            let message = match (r.unit.is_some(), lang) {
                (true, Lang::Zh) => format!("数值范围“{found}”应写作“{fixed}”：两端都要带单位（GB/T 15835）"),
                (true, Lang::En) => {
                    format!("Range “{found}”: write “{fixed}”, with the unit at both ends (GB/T 15835)")
                }
                (false, Lang::Zh) => {
                    format!("范围“{found}”应写作“{fixed}”：起止用一字线“—”或浪纹线“～”连接（GB/T 15834）")
                }
                (false, Lang::En) => format!(
                    "Range “{found}”: write “{fixed}”; the ends of a range are joined by “—” or “～” (GB/T 15834)"
                ),
            };
            let fix = Fix { title: change_to(lang, &fixed).into(), edits, applicability: Applicability::Safe };
            ctx.report(r.range, message).with_fix(fix);
        }

        for y in &self.short_years {
            let (nineteen, twenty) = (self.full_years[y.yy as usize], self.full_years[100 + y.yy as usize]);
            let (full, certain) = match (nineteen, twenty) {
                (true, false) => (1900 + y.yy, true),
                (false, true) => (2000 + y.yy, true),
                _ => {
                    let latest = (0..200).rev().find(|&k| self.full_years[k]).map_or(2030, |k| 1900 + k as u32);
                    (if 2000 + y.yy <= latest + 10 { 2000 + y.yy } else { 1900 + y.yy }, false)
                }
            };
            let found = doc.slice(y.shown);
            let fixed = format!("{full}{}", &doc.text[y.digits.end()..y.shown.end()]);
            let message = match lang {
                Lang::Zh => format!("年份不应简写：“{found}”应写作“{fixed}”（GB/T 15835）"),
                Lang::En => format!("Do not abbreviate years: write “{found}” as “{fixed}” (GB/T 15835)"),
            };
            let title = match (certain, lang) {
                (true, _) => change_to(lang, &fixed),
                (false, Lang::Zh) => format!("改为“{fixed}”（请核对年份）"),
                (false, Lang::En) => format!("Change to “{fixed}” (check the year)"),
            };
            let applicability = if certain { Applicability::Safe } else { Applicability::Unsafe };
            let fix =
                Fix { title: title.into(), edits: vec![Edit::replace(y.digits, full.to_string())], applicability };
            ctx.report(y.shown, message).with_fix(fix);
        }

        self.report_marks(ctx);
    }

    fn report_marks(&self, ctx: &mut Ctx<'_>) {
        let lang = ctx.lang();
        let Some(first) = self.marks.first() else { return };
        let half = self.marks.len();
        let full = if half >= SUMMARY_MIN { count_full_width(self.b, half + 1) } else { usize::MAX };
        if half >= SUMMARY_MIN && full <= half {
            let mut edits = Vec::with_capacity(self.marks.iter().map(Mark::count_edits).sum());
            edits.extend(self.marks.iter().flat_map(Mark::edits));
            edits.sort_unstable_by_key(|e| e.range.start);
            let (message, title) = match lang {
                Lang::Zh => (
                    format!(
                        "本文标点多为半角（半角 {half} 处，全角 {full} 处），中文应使用全角标点，如“,”应为“，”（GB/T 15834）；若本单位统一使用半角，可在 planlint.toml 中设置 [style] punctuation = \"half-width\""
                    ),
                    format!("将 {half} 处半角标点改为全角"),
                ),
                Lang::En => (
                    format!(
                        "Punctuation in this draft's Chinese text is mostly half-width ({half} half-width, {full} full-width); use full-width marks, e.g. “，” for “,” (GB/T 15834). If your office keeps half-width marks, set [style] punctuation = \"half-width\" in planlint.toml"
                    ),
                    format!("Change {half} half-width marks to full-width"),
                ),
            };
            ctx.report(first.range, message).with_fix(Fix {
                title: title.into(),
                edits,
                applicability: Applicability::Safe,
            });
            return;
        }
        for m in &self.marks {
            let edits: Vec<Edit> = m.edits().collect();
            let (message, title) = match (m.mark as char, lang) {
                ('(' | ')', Lang::Zh) => {
                    ("中文中的括号应使用全角“（）”，不用半角“()”（GB/T 15834）".to_string(), "改为全角括号".to_string())
                }
                ('(' | ')', Lang::En) => (
                    "Use full-width brackets “（）” in Chinese text, not “()” (GB/T 15834)".to_string(),
                    "Change to full-width brackets".to_string(),
                ),
                (c, Lang::Zh) => {
                    let full = full_width_str(c);
                    (format!("中文中应使用全角标点：“{c}”应为“{full}”（GB/T 15834）"), format!("改为“{full}”"))
                }
                (c, Lang::En) => {
                    let full = full_width_str(c);
                    (
                        format!("Use full-width “{full}” in Chinese text, not “{c}” (GB/T 15834)"),
                        format!("Change to “{full}”"),
                    )
                }
            };
            ctx.report(m.range, message).with_fix(Fix {
                title: title.into(),
                edits,
                applicability: Applicability::Safe,
            });
        }
    }
}

fn change_to(lang: Lang, fixed: &str) -> String {
    match lang {
        Lang::Zh => format!("改为“{fixed}”"),
        Lang::En => format!("Change to “{fixed}”"),
    }
}

/// `range` of `text` with `edits` (sorted, inside it) applied.
fn apply_local(text: &str, range: TextRange, edits: &[Edit]) -> String {
    let mut out = String::with_capacity(range.len() + 8);
    let mut at = range.start();
    for e in edits {
        out.push_str(&text[at..e.range.start()]);
        out.push_str(&e.replacement);
        at = e.range.end();
    }
    out.push_str(&text[at..range.end()]);
    out
}

/// The index of the next byte at or after `i` that may start a check (or
/// the end): an ASCII digit or mark, `!` to `?` (0x21–0x3F). Chinese text
/// has no such byte, nor have line breaks, spaces and letters: blocks of 32
/// bytes without one are skipped whole by a test the compiler vectorises
/// (about 14 SSE2 instructions a block), and the candidate of a block that
/// has one is found eight bytes at a time. Skipping only the blocks without
/// an ASCII byte, so that every block with a line break was read eight bytes
/// at a time, cost 4.1 M instructions on the benchmark drafts instead of 3.9 M
/// (blocks of 64 bytes: 4.05 M, for the longer search inside them).
fn next_candidate(b: &[u8], i: usize) -> usize {
    let Some(rest) = b.get(i..) else { return b.len() };
    let (blocks, rest) = rest.as_chunks::<32>();
    for (n, block) in blocks.iter().enumerate() {
        if has_candidate(block)
            && let Some(p) = first_candidate(block.as_chunks::<8>().0)
        {
            return i + n * 32 + p;
        }
    }
    let at = i + blocks.len() * 32;
    let (words, tail) = rest.as_chunks::<8>();
    if let Some(p) = first_candidate(words) {
        return at + p;
    }
    let at = at + words.len() * 8;
    tail.iter().position(|c| (0x21..=0x3F).contains(c)).map_or(b.len(), |p| at + p)
}

const HIGH: u64 = 0x8080_8080_8080_8080;

/// Whether `block` has a byte from 0x21 to 0x3F: without branches, so
/// that it compiles to vector compares.
fn has_candidate(block: &[u8; 32]) -> bool {
    block.iter().fold(0u8, |any, &c| any | u8::from(c.wrapping_sub(0x21) < 0x1F)) != 0
}

/// The offset of the first candidate byte in `words`.
fn first_candidate(words: &[[u8; 8]]) -> Option<usize> {
    const LOW: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    for (k, w) in words.iter().enumerate() {
        let w = u64::from_le_bytes(*w);
        // Per byte, without carries: the high bit of `x + 0x5F` is set
        // when x ≥ 0x21, that of `x + 0x40` when x ≥ 0x40 (x < 0x80).
        let low = w & LOW;
        let from = low.wrapping_add(0x5F5F_5F5F_5F5F_5F5F) & HIGH;
        let past = low.wrapping_add(0x4040_4040_4040_4040) & HIGH;
        let candidates = !w & HIGH & from & !past;
        if candidates != 0 {
            return Some(k * 8 + (candidates.trailing_zeros() / 8) as usize);
        }
    }
    None
}

/// The full-width `，：；？！（` in `b`, counted up to `cap`.
fn count_full_width(b: &[u8], cap: usize) -> usize {
    let mut n = 0;
    for p in memchr::memmem::find_iter(b, &[0xEF, 0xBC]) {
        if matches!(b.get(p + 2), Some(0x8C | 0x9A | 0x9B | 0x9F | 0x81 | 0x88)) {
            n += 1;
            if n >= cap {
                break;
            }
        }
    }
    n
}

fn digits_end(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && b[i].is_ascii_digit() {
        i += 1;
    }
    i
}

/// After the digits ending at `q`: the end of a decimal part `.5`, if any.
fn fraction_end(b: &[u8], q: usize) -> usize {
    if b.get(q) == Some(&b'.') && b.get(q + 1).is_some_and(u8::is_ascii_digit) { digits_end(b, q + 1) } else { q }
}

/// The end of an ASCII code that starts with the digits ending at `q`
/// (`9704-2012`, `01-05`, `1.2.3`, `10A`).
fn code_end(b: &[u8], mut q: usize) -> usize {
    while q < b.len() && (b[q].is_ascii_alphanumeric() || matches!(b[q], b'.' | b'-' | b'/' | b'_')) {
        q += 1;
    }
    q
}

fn parse_u32(digits: &[u8]) -> u32 {
    digits.iter().take(9).fold(0, |v, d| v * 10 + u32::from(d - b'0'))
}

fn parse_u64(digits: &[u8]) -> u64 {
    digits.iter().take(18).fold(0, |v, d| v * 10 + u64::from(d - b'0'))
}

fn parse_f64(s: &str) -> Option<f64> {
    s.parse().ok()
}

/// Whether the number at `p` is part of an ASCII code, a URL, a version, a
/// time or a thousands-separated number rather than a number of the text:
/// after a letter or digit, after `._/@#&=+-~`, after `:` or `,` that follow
/// a digit (`14:13`, `1,000`), or after a space that follows a letter
/// (`GB/T 9704-2012`).
fn embedded(s: &str, p: usize) -> bool {
    let Some(prev) = char_before(s, p) else { return false };
    let before_prev = || char_before(s, p - prev.len_utf8());
    match prev {
        c if c.is_ascii_alphanumeric() => true,
        '.' | '_' | '/' | '\\' | '@' | '#' | '&' | '=' | '+' | '-' | '~' | '^' | '$' | '|' => true,
        ':' | ',' => before_prev().is_some_and(|c| c.is_ascii_digit()),
        ' ' => before_prev().is_some_and(|c| c.is_ascii_alphanumeric() || c == '/'),
        _ => false,
    }
}

/// Whether `p` follows a web page's date field (`发布时间:`, `日期：`).
fn after_metadata_label(s: &str, p: usize) -> bool {
    let head = s[..p].trim_end_matches([' ', '\u{3000}']);
    let Some(head) = head.strip_suffix([':', '：']) else { return false };
    let head = head.trim_end_matches([' ', '\u{3000}']);
    head.ends_with("时间") || head.ends_with("日期")
}

/// Whether the `;` at `i` ends an HTML entity (`&nbsp;`, `&#160;`).
fn html_entity_before(b: &[u8], i: usize) -> bool {
    let mut k = i;
    while k > 0 && i - k < 10 && (b[k - 1].is_ascii_alphanumeric() || b[k - 1] == b'#') {
        k -= 1;
    }
    k < i && k > 0 && b[k - 1] == b'&'
}

/// The character before `i`, skipping spaces and one closing bracket or quote.
fn left_neighbour(s: &str, i: usize) -> Option<char> {
    let head = s[..i].trim_end_matches([' ', '\t']);
    let head = head.strip_suffix([')', '"', '\'']).map_or(head, |h| h.trim_end_matches([' ', '\t']));
    head.chars().next_back()
}

/// The character at or after `i`, skipping spaces and one opening bracket or quote.
fn right_neighbour(s: &str, i: usize) -> Option<char> {
    let tail = s[i..].trim_start_matches([' ', '\t']);
    let tail = tail.strip_prefix(['(', '"', '\'']).map_or(tail, |t| t.trim_start_matches([' ', '\t']));
    tail.chars().next()
}

/// How a range joins its ends.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Sign {
    /// `—`, a standard sign.
    Dash,
    /// `～`, a standard sign.
    Wave,
    /// ASCII `~` or the wave dash `〜`: a `～` of the wrong width or code.
    Tilde,
    /// `-`, `－`, `–`, `‐`, `‑`, `‒`, `―` or the 破折号 `——`.
    Other,
    /// `一` typed for `—` (only between dates).
    Ideograph,
}

/// Whether `c` may start a range sign (see [`sign_at`]).
fn is_sign_start(c: char) -> bool {
    matches!(c, '—' | '～' | '~' | '〜' | '-' | '－' | '–' | '‐' | '‑' | '‒' | '―' | '一')
}

/// The range sign at `i` and where it ends.
fn sign_at(s: &str, i: usize) -> Option<(Sign, usize)> {
    let c = char_at(s, i)?;
    let sign = match c {
        '—' if char_at(s, i + c.len_utf8()) == Some('—') => return Some((Sign::Other, i + 2 * c.len_utf8())),
        '—' => Sign::Dash,
        '～' => Sign::Wave,
        '~' | '〜' => Sign::Tilde,
        '-' | '－' | '–' | '‐' | '‑' | '‒' | '―' => Sign::Other,
        '一' => Sign::Ideograph,
        _ => return None,
    };
    Some((sign, i + c.len_utf8()))
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum UnitKind {
    Year,
    Month,
    Day,
    /// `%`, `‰`, 万, 亿: a unit both ends must show.
    Magnitude,
    /// A measure word (`岁`, `个`, `小时`): the first end may omit it.
    Measure,
    /// No unit.
    Bare,
}

#[derive(Clone, Copy)]
struct RangeUnit {
    kind: UnitKind,
    /// Its first character.
    c: char,
    len: usize,
}

/// Measure words of more than one character after a range.
const MEASURE_WORDS: [&str; 8] = ["小时", "分钟", "公里", "千米", "平方米", "公顷", "周岁", "个月"];

/// The unit right after a range's number at `i`.
fn range_unit(s: &str, i: usize) -> Option<RangeUnit> {
    let c = char_at(s, i)?;
    let unit = |kind| Some(RangeUnit { kind, c, len: c.len_utf8() });
    match c {
        '年' => unit(UnitKind::Year),
        '月' => unit(UnitKind::Month),
        '日' => unit(UnitKind::Day),
        '%' | '％' | '‰' | '万' | '亿' => unit(UnitKind::Magnitude),
        '岁' | '天' | '周' | '元' | '米' | '户' | '℃' => unit(UnitKind::Measure),
        c if CORE_MEASURES.contains(&c) || MORE_MEASURES.contains(&c) => unit(UnitKind::Measure),
        _ => {
            let w = MEASURE_WORDS.iter().find(|w| s[i..].starts_with(*w))?;
            Some(RangeUnit { kind: UnitKind::Measure, c, len: w.len() })
        }
    }
}

/// The length of the words after `23年` that make it a calendar year:
/// 底 初 末, 年初 年底 年末, 上半年 下半年, (第)一季度, 5月, 十二月.
fn calendar_follower(rest: &str) -> Option<usize> {
    for w in ["年初", "年底", "年末", "上半年", "下半年", "底", "初", "末"] {
        if rest.starts_with(w) {
            return Some(w.len());
        }
    }
    let (skip, r) = match rest.strip_prefix('第') {
        Some(r) => ('第'.len_utf8(), r),
        None => (0, rest),
    };
    let mut chars = r.chars();
    if let Some(c @ ('一' | '二' | '三' | '四' | '1' | '2' | '3' | '4')) = chars.next()
        && chars.as_str().starts_with("季度")
    {
        return Some(skip + c.len_utf8() + "季度".len());
    }
    if skip > 0 {
        return None;
    }
    let b = rest.as_bytes();
    let d = digits_end(b, 0);
    if (1..=2).contains(&d) && (1..=12).contains(&parse_u32(&b[..d])) && rest[d..].starts_with('月') {
        return Some(d + '月'.len_utf8());
    }
    if let Some((m, len)) = parse_cn_ordinal(rest)
        && m <= 12
        && rest[len..].starts_with('月')
    {
        return Some(len + '月'.len_utf8());
    }
    None
}

fn valid_day(m: u32, d: u32) -> bool {
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 => 29,
        _ => return false,
    };
    (1..=days).contains(&d)
}

#[cfg(test)]
mod tests {
    use expect_test::expect;

    use super::NUMBER_USAGE;
    use crate::config::{Config, Punctuation};
    use crate::diagnostic::Diagnostic;
    use crate::rules::tests::{check, check_md, check_with};
    use crate::syntax::SourceKind;

    fn half_width() -> Config {
        Config { punctuation: Punctuation::HalfWidth, ..Config::default() }
    }

    #[test]
    fn next_candidate_is_the_next_byte_from_0x21_to_0x3f() {
        // Every start, on texts of every length around the block sizes.
        let unit = "推进建设\n abc，2025年(一)!x\u{7f}\u{80}建设?@ 0/9:;发展 ";
        for len in 0..300 {
            let text: String = unit.chars().cycle().take(len).collect();
            let b = text.as_bytes();
            for i in 0..=b.len() + 1 {
                let slow = (i..b.len()).find(|&k| (0x21..=0x3F).contains(&b[k])).unwrap_or(b.len());
                assert_eq!(super::next_candidate(b, i), slow, "{len} {i}");
            }
        }
    }

    #[test]
    fn percent_and_magnitude_ranges_keep_the_unit_at_both_ends() {
        check(
            &NUMBER_USAGE,
            "全年研发投入增长18～25%，新增就业2～5万人。\n财政补助比例为0.5—1.5%，资金规模10—20亿元。\n",
            expect![[r#"
                1:9 PL601 [18～25%] 数值范围“18～25%”应写作“18%～25%”：两端都要带单位（GB/T 15835） (fix: safe: 改为“18%～25%” @1:11 "%")
                1:20 PL601 [2～5万] 数值范围“2～5万”应写作“2万～5万”：两端都要带单位（GB/T 15835） (fix: safe: 改为“2万～5万” @1:21 "万")
                2:8 PL601 [0.5—1.5%] 数值范围“0.5—1.5%”应写作“0.5%—1.5%”：两端都要带单位（GB/T 15835） (fix: safe: 改为“0.5%—1.5%” @2:11 "%")
                2:21 PL601 [10—20亿] 数值范围“10—20亿”应写作“10亿—20亿”：两端都要带单位（GB/T 15835） (fix: safe: 改为“10亿—20亿” @2:23 "亿")
            "#]],
        );
        // Already standard, or the first number is not a share of the unit.
        check(
            &NUMBER_USAGE,
            "增长18%～25%，投资2万～5万元，覆盖500～2万户，温度−36～−8℃，载重100～150kg。\n",
            expect![""],
        );
    }

    #[test]
    fn range_signs() {
        check(
            &NUMBER_USAGE,
            "实施期限为2023-2025年，1-3月完成摸底，10–12月验收，每次3-5天。\n\
             培训0-6岁儿童家长，气温12-15℃，年均增长8-10%，规划期为（2021~2025）年前后，2023年-2025年分步实施。\n\
             编制2024——2026年行动计划，2023一2025年持续推进，2022－2023学年。\n",
            expect![[r#"
                1:6 PL601 [2023-2025年] 范围“2023-2025年”应写作“2023—2025年”：起止用一字线“—”或浪纹线“～”连接（GB/T 15834） (fix: safe: 改为“2023—2025年” @1:10 "—")
                1:17 PL601 [1-3月] 范围“1-3月”应写作“1—3月”：起止用一字线“—”或浪纹线“～”连接（GB/T 15834） (fix: safe: 改为“1—3月” @1:18 "—")
                1:26 PL601 [10–12月] 范围“10–12月”应写作“10—12月”：起止用一字线“—”或浪纹线“～”连接（GB/T 15834） (fix: safe: 改为“10—12月” @1:28 "—")
                1:37 PL601 [3-5天] 范围“3-5天”应写作“3～5天”：起止用一字线“—”或浪纹线“～”连接（GB/T 15834） (fix: safe: 改为“3～5天” @1:38 "～")
                2:3 PL601 [0-6岁] 范围“0-6岁”应写作“0～6岁”：起止用一字线“—”或浪纹线“～”连接（GB/T 15834） (fix: safe: 改为“0～6岁” @2:4 "～")
                2:14 PL601 [12-15℃] 范围“12-15℃”应写作“12～15℃”：起止用一字线“—”或浪纹线“～”连接（GB/T 15834） (fix: safe: 改为“12～15℃” @2:16 "～")
                2:25 PL601 [8-10%] 数值范围“8-10%”应写作“8%～10%”：两端都要带单位（GB/T 15835） (fix: safe: 改为“8%～10%” @2:26 "%～")
                2:36 PL601 [2021~2025] 范围“2021~2025”应写作“2021～2025”：起止用一字线“—”或浪纹线“～”连接（GB/T 15834） (fix: safe: 改为“2021～2025” @2:40 "～")
                2:50 PL601 [2023年-2025年] 范围“2023年-2025年”应写作“2023年—2025年”：起止用一字线“—”或浪纹线“～”连接（GB/T 15834） (fix: safe: 改为“2023年—2025年” @2:55 "—")
                3:3 PL601 [2024——2026年] 范围“2024——2026年”应写作“2024—2026年”：起止用一字线“—”或浪纹线“～”连接（GB/T 15834） (fix: safe: 改为“2024—2026年” @3:7 "—")
                3:19 PL601 [2023一2025年] 范围“2023一2025年”应写作“2023—2025年”：起止用一字线“—”或浪纹线“～”连接（GB/T 15834） (fix: safe: 改为“2023—2025年” @3:23 "—")
            "#]],
        );
    }

    #[test]
    fn hyphens_that_join_a_number_are_left_alone() {
        check(
            &NUMBER_USAGE,
            "成文日期2023-01-05，索引号000014349/2020-105482，执行GB/T 9704-2012标准。\n\
             联系电话0715-6543210，型号WZ-10，门牌12-3号，见表2-8，访问http://www.example.gov.cn/2023-05/art_12.html。\n\
             发布日期：2022- 04- 27 14:13:44\n\
             copyright@ 2008-2023 某网站\n\
             2023—2025年，1～3月，25～30g，第五～八课。\n",
            expect![""],
        );
    }

    #[test]
    fn time_ranges_take_the_sign_the_draft_uses() {
        check(
            &NUMBER_USAGE,
            "一、2021～2025年目标\n本方案实施期为2023～2027年，其中2023-2024年为启动期。\n",
            expect![[r#"
                2:21 PL601 [2023-2024年] 范围“2023-2024年”应写作“2023～2024年”：起止用一字线“—”或浪纹线“～”连接（GB/T 15834） (fix: safe: 改为“2023～2024年” @2:25 "～")
            "#]],
        );
    }

    #[test]
    fn mixed_numerals() {
        check(
            &NUMBER_USAGE,
            "新增投资3千万元，培训5百人次，建成二十5个站点，新增1.5千亩，总额3千4百万元，补贴2十万元。\n",
            expect![[r#"
                1:5 PL601 [3千万] “3千万”混用阿拉伯数字和汉字数字，应写作“3000万”：阿拉伯数字只与“万”“亿”连用（GB/T 15835） (fix: safe: 改为“3000万” @1:5 "3000")
                1:12 PL601 [5百] “5百”混用阿拉伯数字和汉字数字，应写作“500”：阿拉伯数字只与“万”“亿”连用（GB/T 15835） (fix: safe: 改为“500” @1:12 "500")
                1:19 PL601 [二十5] “二十5”混用阿拉伯数字和汉字数字，应写作“25”：阿拉伯数字只与“万”“亿”连用（GB/T 15835） (fix: safe: 改为“25” @1:19 "25")
                1:28 PL601 [1.5千] “1.5千”混用阿拉伯数字和汉字数字，应写作“1500”：阿拉伯数字只与“万”“亿”连用（GB/T 15835） (fix: safe: 改为“1500” @1:28 "1500")
                1:36 PL601 [3千4百万] “3千4百万”混用阿拉伯数字和汉字数字，应写作“3400万”：阿拉伯数字只与“万”“亿”连用（GB/T 15835） (fix: safe: 改为“3400万” @1:36 "3400")
                1:45 PL601 [2十万] “2十万”混用阿拉伯数字和汉字数字，应写作“20万”：阿拉伯数字只与“万”“亿”连用（GB/T 15835） (fix: safe: 改为“20万” @1:45 "20")
            "#]],
        );
        check(
            &NUMBER_USAGE,
            "一季度完成“十四五”规划中期评估，建成3个中心，获评第1名，推进“一带一路”，做到“两个维护”，\
             学习第二十届全会精神，铺设5千米管网，装机3千瓦，新建10千伏线路，提高2个百分点，喜迎建党百年，走进千家万户，三五千人。\n",
            expect![""],
        );
    }

    #[test]
    fn abbreviated_years() {
        check(
            &NUMBER_USAGE,
            "23年底前完成验收，’24年上半年启动，到25年第三季度全面投用，26年6月组织评估。\n",
            expect![[r#"
                1:1 PL601 [23年底] 年份不应简写：“23年底”应写作“2023年底”（GB/T 15835） (fix: unsafe: 改为“2023年底”（请核对年份） @1:1 "2023")
                1:11 PL601 [’24年上半年] 年份不应简写：“’24年上半年”应写作“2024年上半年”（GB/T 15835） (fix: unsafe: 改为“2024年上半年”（请核对年份） @1:11 "2024")
                1:22 PL601 [25年第三季度] 年份不应简写：“25年第三季度”应写作“2025年第三季度”（GB/T 15835） (fix: unsafe: 改为“2025年第三季度”（请核对年份） @1:22 "2025")
                1:34 PL601 [26年6月] 年份不应简写：“26年6月”应写作“2026年6月”（GB/T 15835） (fix: unsafe: 改为“2026年6月”（请核对年份） @1:34 "2026")
            "#]],
        );
        // The draft writes the year in full elsewhere: the century is certain.
        check(
            &NUMBER_USAGE,
            "2023年工作要点\n力争23年底前完成验收。\n",
            expect![[r#"
                2:3 PL601 [23年底] 年份不应简写：“23年底”应写作“2023年底”（GB/T 15835） (fix: safe: 改为“2023年底” @2:3 "2023")
            "#]],
        );
        check(
            &NUMBER_USAGE,
            "他已工作23年，近23年来持续增长，连续23年保持第一，建站第23年，2023年底完成，23年来砥砺前行。\n",
            expect![""],
        );
    }

    #[test]
    fn dotted_dates() {
        check(
            &NUMBER_USAGE,
            "本意见自2005.02.01起施行，2023.9.15前报送。\n",
            expect![[r#"
            1:5 PL601 [2005.02.01] 日期“2005.02.01”应写作“2005年2月1日”（GB/T 15835） (fix: safe: 改为“2005年2月1日” @1:5 "2005年2月1日")
            1:19 PL601 [2023.9.15] 日期“2023.9.15”应写作“2023年9月15日”（GB/T 15835） (fix: safe: 改为“2023年9月15日” @1:19 "2023年9月15日")
        "#]],
        );
        check(
            &NUMBER_USAGE,
            "升级到V1.2.3版本，执行1.2.3条，增加2023.5万元，于20XX.X.X前完成，2023.13.01，地址192.168.1.1。\n\
             发布时间：2023.11.14 20:22:02\n",
            expect![""],
        );
    }

    #[test]
    fn stray_half_width_marks_among_full_width_ones() {
        check(
            &NUMBER_USAGE,
            "为推进工作，制定本方案。主要目标:到2027年，建成平台10个;培育企业,壮大产业。\n\
             各单位要提高认识，加强领导，落实责任，强化考核，确保各项任务落到实处。\n\
             能否按期完成?务必高度重视!本办法(试行)自发布之日起施行，（暂行)同样适用。\n",
            expect![[r#"
                1:17 PL601 [:] 中文中应使用全角标点：“:”应为“：”（GB/T 15834） (fix: safe: 改为“：” @1:17 "：")
                1:32 PL601 [;] 中文中应使用全角标点：“;”应为“；”（GB/T 15834） (fix: safe: 改为“；” @1:32 "；")
                1:37 PL601 [,] 中文中应使用全角标点：“,”应为“，”（GB/T 15834） (fix: safe: 改为“，” @1:37 "，")
                3:7 PL601 [?] 中文中应使用全角标点：“?”应为“？”（GB/T 15834） (fix: safe: 改为“？” @3:7 "？")
                3:14 PL601 [!] 中文中应使用全角标点：“!”应为“！”（GB/T 15834） (fix: safe: 改为“！” @3:14 "！")
                3:18 PL601 [(试行)] 中文中的括号应使用全角“（）”，不用半角“()”（GB/T 15834） (fix: safe: 改为全角括号 @3:18 "（" @3:21 "）")
                3:31 PL601 [（暂行)] 中文中的括号应使用全角“（）”，不用半角“()”（GB/T 15834） (fix: safe: 改为全角括号 @3:34 "）")
            "#]],
        );
    }

    /// Found by the fuzz target `analyze`: in `化;;;…` only the mark next to
    /// Chinese was reported, so `--fix` needed a pass per mark and gave up after 16.
    #[test]
    fn runs_of_marks_next_to_chinese() {
        check(
            &NUMBER_USAGE,
            "是否完成??各单位要提高认识，加强领导，落实责任，强化考核，确保各项任务落到实处，\n\
             重点;; ;工作，统筹推进，协同配合，\n!!完成。Done!! OK\n",
            expect![[r#"
                1:5 PL601 [?] 中文中应使用全角标点：“?”应为“？”（GB/T 15834） (fix: safe: 改为“？” @1:5 "？")
                1:6 PL601 [?] 中文中应使用全角标点：“?”应为“？”（GB/T 15834） (fix: safe: 改为“？” @1:6 "？")
                2:3 PL601 [;] 中文中应使用全角标点：“;”应为“；”（GB/T 15834） (fix: safe: 改为“；” @2:3 "；")
                2:4 PL601 [; ] 中文中应使用全角标点：“;”应为“；”（GB/T 15834） (fix: safe: 改为“；” @2:4 "；")
                2:6 PL601 [;] 中文中应使用全角标点：“;”应为“；”（GB/T 15834） (fix: safe: 改为“；” @2:6 "；")
                3:1 PL601 [!] 中文中应使用全角标点：“!”应为“！”（GB/T 15834） (fix: safe: 改为“！” @3:1 "！")
                3:2 PL601 [!] 中文中应使用全角标点：“!”应为“！”（GB/T 15834） (fix: safe: 改为“！” @3:2 "！")
            "#]],
        );
    }

    #[test]
    fn half_width_marks_that_are_not_in_chinese_text() {
        check(
            &NUMBER_USAGE,
            "总投资1,000万元，14:13召开，比例尺1:1000，网址http://www.gov.cn/?a=1&b=2，图示![图](a.png)。\n\
             英文摘要：Hello, world (see p. 3); done! Why?\n\
             残留&nbsp;字符，命令--fix可用。\n",
            expect![""],
        );
    }

    #[test]
    fn structure_numbers_are_left_to_numbering() {
        // `(一)` is numbering's finding; `(1)` inside a paragraph is this rule's.
        check(
            &NUMBER_USAGE,
            "一、主要任务\n(一)强化企业主体地位\n重点做好：(1)培育企业；（2）建设平台。\n",
            expect![[r#"
                3:6 PL601 [(1)] 中文中的括号应使用全角“（）”，不用半角“()”（GB/T 15834） (fix: safe: 改为全角括号 @3:6 "（" @3:8 "）")
            "#]],
        );
    }

    #[test]
    fn a_draft_half_width_throughout_gets_one_finding() {
        let text = "为推进工作,制定本方案。\n一、工作目标\n到2027年,建成平台10个;培育企业50家,壮大产业(集群)。\n\
                    二、保障措施\n各单位要高度重视:加强领导,落实责任。\n";
        check(
            &NUMBER_USAGE,
            text,
            expect![[r#"
            1:6 PL601 [,] 本文标点多为半角（半角 7 处，全角 0 处），中文应使用全角标点，如“,”应为“，”（GB/T 15834）；若本单位统一使用半角，可在 planlint.toml 中设置 [style] punctuation = "half-width" (fix: safe: 将 7 处半角标点改为全角 @1:6 "，" @3:7 "，" @3:15 "；" @3:23 "，" @3:28 "（" @3:31 "）" @5:9 "：" @5:14 "，")
        "#]],
        );
        // An office that keeps half-width marks.
        check_with(&NUMBER_USAGE, SourceKind::PlainText, &half_width(), text, expect![""]);
        // Its `~` is a `～`; a range still needs its units and a proper sign.
        check_with(
            &NUMBER_USAGE,
            SourceKind::PlainText,
            &half_width(),
            "规划期为2023~2025年,增长18~25%,工期3-5天。\n",
            expect![[r#"
                1:18 PL601 [18~25%] 数值范围“18~25%”应写作“18%~25%”：两端都要带单位（GB/T 15835） (fix: safe: 改为“18%~25%” @1:20 "%")
                1:27 PL601 [3-5天] 范围“3-5天”应写作“3～5天”：起止用一字线“—”或浪纹线“～”连接（GB/T 15834） (fix: safe: 改为“3～5天” @1:28 "～")
            "#]],
        );
    }

    #[test]
    fn double_hyphen_for_a_dash() {
        check(
            &NUMBER_USAGE,
            "--实现更高水平的普及教育。\n方案--实施细则\n参数---不改\n",
            expect![[r#"
                1:1 PL601 [--] 破折号应写作“——”，不用“--”（GB/T 15834） (fix: safe: 改为“——” @1:1 "——")
                2:3 PL601 [--] 破折号应写作“——”，不用“--”（GB/T 15834） (fix: safe: 改为“——” @2:3 "——")
            "#]],
        );
    }

    #[test]
    fn markdown_markup_is_not_text() {
        check_md(&NUMBER_USAGE, "# 实施方案\n\n```\nvalue = f(x), y: 1;\n```\n\n- 推进`a,b`项目。\n", expect![""]);
    }

    #[test]
    fn messages_in_english() {
        let config = Config { lang: crate::Lang::En, ..Config::default() };
        check_with(
            &NUMBER_USAGE,
            SourceKind::PlainText,
            &config,
            "增长18～25%，2023-2025年，投资3千万元，24年底，2005.02.01，完成,推进。\n",
            expect![[r#"
                1:3 PL601 [18～25%] Range “18～25%”: write “18%～25%”, with the unit at both ends (GB/T 15835) (fix: safe: Change to “18%～25%” @1:5 "%")
                1:10 PL601 [2023-2025年] Range “2023-2025年”: write “2023—2025年”; the ends of a range are joined by “—” or “～” (GB/T 15834) (fix: safe: Change to “2023—2025年” @1:14 "—")
                1:23 PL601 [3千万] “3千万” mixes Arabic and Chinese numerals; write “3000万”: Arabic numerals take only 万 and 亿 as units (GB/T 15835) (fix: safe: Change to “3000万” @1:23 "3000")
                1:28 PL601 [24年底] Do not abbreviate years: write “24年底” as “2024年底” (GB/T 15835) (fix: unsafe: Change to “2024年底” (check the year) @1:28 "2024")
                1:33 PL601 [2005.02.01] Date “2005.02.01”: write “2005年2月1日” (GB/T 15835) (fix: safe: Change to “2005年2月1日” @1:33 "2005年2月1日")
                1:46 PL601 [,] Use full-width “，” in Chinese text, not “,” (GB/T 15834) (fix: safe: Change to “，” @1:46 "，")
            "#]],
        );
    }

    fn findings(text: &str, config: &Config) -> Vec<Diagnostic> {
        crate::analyze(text, SourceKind::PlainText, config).diagnostics
    }

    /// Applies every fix of this rule; returns the fixed text after
    /// checking that it has no finding of this rule and no finding of
    /// another rule that the original did not have.
    fn fixed(text: &str, config: &Config) -> String {
        let before = findings(text, config);
        let fixes = before.iter().filter(|d| d.rule.code == NUMBER_USAGE.code).filter_map(|d| d.fix.as_deref());
        let (out, _) = crate::apply_fixes(text, fixes);
        let after = findings(&out, config);
        assert!(after.iter().all(|d| d.rule.code != NUMBER_USAGE.code), "{out}\n{after:#?}");
        let others = |ds: &[Diagnostic]| {
            let mut v: Vec<(&str, String)> = ds
                .iter()
                .filter(|d| d.rule.code != NUMBER_USAGE.code)
                .map(|d| (d.rule.code, d.message.to_string()))
                .collect();
            v.sort();
            v
        };
        assert!(others(&after).iter().all(|o| others(&before).contains(o)), "{out}\n{after:#?}");
        out
    }

    #[test]
    fn fixes_give_the_standard_text_and_no_new_finding() {
        let config = Config::default();
        assert_eq!(
            fixed("全年增长18～25%，新增就业2～5万人，实施期为2023-2025年，1-3月完成。\n", &config),
            "全年增长18%～25%，新增就业2万～5万人，实施期为2023—2025年，1—3月完成。\n"
        );
        assert_eq!(
            fixed("新增投资3千万元，建成二十5个站点，总额3千4百万元。\n", &config),
            "新增投资3000万元，建成25个站点，总额3400万元。\n"
        );
        assert_eq!(fixed("2023年工作要点\n力争23年底前完成。\n", &config), "2023年工作要点\n力争2023年底前完成。\n");
        assert_eq!(fixed("本意见自2005.02.01起施行。\n", &config), "本意见自2005年2月1日起施行。\n");
        assert_eq!(
            fixed("主要目标:到2027年，建成平台10个;本办法(试行)施行，（暂行)适用。\n--实现目标。\n", &config),
            "主要目标：到2027年，建成平台10个；本办法（试行）施行，（暂行）适用。\n——实现目标。\n"
        );
        assert_eq!(fixed("增长18~25%,工期3-5天。\n", &half_width()), "增长18%~25%,工期3～5天。\n");
        // Half-width throughout: one fix for every mark; the structure number stays numbering's.
        let text = "为推进工作,制定本方案。\n一、主要任务\n(一)强化企业\n到2027年,建成平台10个;培育企业(集群),壮大产业(2023-2025年)。\n\
                    (二)保障措施\n各单位要高度重视:加强领导,落实责任!\n";
        assert_eq!(
            fixed(text, &config),
            "为推进工作，制定本方案。\n一、主要任务\n(一)强化企业\n到2027年，建成平台10个；培育企业（集群），壮大产业（2023—2025年）。\n\
             (二)保障措施\n各单位要高度重视：加强领导，落实责任！\n"
        );
    }
}
