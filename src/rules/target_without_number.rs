//! Rule `target-without-number`: a target with no quantity.

use crate::lang::Lang;
use crate::rules::{Ctx, declare_rule};
use crate::syntax::lexicon::{is_count_suffix, is_percent};
use crate::syntax::numerals::is_cn_numeral_char;
use crate::text::{TextRange, char_at, char_before, digit_value, is_digit};

declare_rule! {
    /// ## What it does
    /// Checks that target statements carry a number. Target statements are
    /// the `——` bullets, numbered items and target sentences of a target
    /// section (工作目标, 主要目标, 发展目标, 预期目标, 目标要求 …, in either
    /// script); a run of `——` bullets under no other heading when one of them
    /// reads as a target; sentences anchored on a year (`到2025年，…`) or
    /// phrased `力争…达到/突破/增长`; and, inside tasks, sentences that set a
    /// level (`达到…`, `提升至…`, `控制在…`). A numbered target item is judged
    /// as a whole, title with body and sub-items. Years, deadlines and dates
    /// are not quantities: `到2025年，基本形成…体系` has none. Relative targets
    /// (与经济增长基本同步, 完成省定任务, 不低于全市平均水平, 保持全省第一方阵)
    /// are reported as info, not warnings. Targets whose number is masked are
    /// left to the `placeholder` rule.
    ///
    /// 检查目标表述是否带有数值。目标表述包括：目标部分（工作目标、主要目标、发展目标、
    /// 预期目标、目标要求等，简繁均可）中的“——”条目、编号条目和目标句；不属于其他
    /// 部分、其中有条目读来是目标的一组“——”条目；以年份起句（“到2025年，…”）或
    /// “力争…达到/突破/增长”式的句子；以及任务中设定水平的句子（“达到…”“提升至…”
    /// “控制在…”）。编号的目标条目连同其正文和子项整体判断。年份、时限和日期不算
    /// 数值：“到2025年，基本形成…体系”没有数值。相对性目标（与经济增长基本同步、完成
    /// 省定任务、不低于全市平均水平、保持全省第一方阵）只作提示。数字被隐去的目标由
    /// `placeholder` 规则报告。
    ///
    /// ## Why is this bad?
    /// A target without a number cannot be checked at the end of the year.
    /// Reviewers send back plans whose targets are only qualitative.
    ///
    /// 没有数值的目标无法考核。只有定性表述的目标，审核时会被要求量化。
    ///
    /// ## Example
    /// ```text
    /// 一、工作目标
    /// ——创新能力显著增强，质量效益达到国内先进水平。
    /// ```
    /// Use instead:
    /// ```text
    /// 一、工作目标
    /// ——创新能力显著增强，全社会研发投入强度达到2.5%。
    /// ```
    pub(crate) TARGET_WITHOUT_NUMBER, "PL301", "target-without-number", Warning,
    summary: "Target statement without a quantity",
    summary_zh: "目标表述缺少量化指标",
}

pub(crate) fn check(ctx: &mut Ctx<'_>) {
    let doc = ctx.doc;
    let lang = ctx.lang();
    for t in &doc.targets {
        let text = &doc.folded()[t.range.as_range()];
        if statement_has_quantity(doc, t.range) {
            continue;
        }
        if !doc.placeholders_in(t.range).is_empty() {
            continue; // the number is masked: the placeholder rule reports it
        }
        let snippet = snippet(&doc.prose[t.anchor.as_range()]);
        let at = trim_range(&doc.prose[t.anchor.as_range()], t.anchor);
        if is_relative(text) {
            let msg = match lang {
                Lang::Zh => format!("目标“{snippet}”为相对性表述，没有具体数值；如有可能，请写明量化指标"),
                Lang::En => {
                    format!("Target “{snippet}” is relative, with no figure of its own; state a number if you can")
                }
            };
            let severity = crate::diagnostic::Severity::Info.max(ctx.severity());
            ctx.report_with(at, severity, msg);
        } else {
            let msg = match lang {
                Lang::Zh => format!("目标“{snippet}”没有量化指标，请写明数值（如“达到85%”“新增10家”）"),
                Lang::En => format!("Target “{snippet}” has no number; state a figure (e.g. “达到85%”, “新增10家”)"),
            };
            ctx.report(at, msg);
        }
    }
}

/// Whether a statement states a quantity outside the responsibility clauses
/// inside it (`（责任单位：12个街道）` says nothing about the target).
fn statement_has_quantity(doc: &crate::syntax::Document<'_>, range: TextRange) -> bool {
    let folded = doc.folded();
    let first = doc.clauses.partition_point(|c| c.range.end <= range.start);
    let mut from = range.start();
    for c in doc.clauses[first..].iter().take_while(|c| c.range.start < range.end) {
        if c.range.start() > from && has_quantity(&folded[from..c.range.start()]) {
            return true;
        }
        from = from.max(c.range.end().min(range.end()));
    }
    from < range.end() && has_quantity(&folded[from..range.end()])
}

fn trim_range(text: &str, range: TextRange) -> TextRange {
    let trimmed = text.trim_end_matches(['。', '；', ';', '\0']);
    TextRange::new(range.start(), range.start() + trimmed.len())
}

fn snippet(text: &str) -> String {
    // The NULs of the prose view are skipped as the characters are taken, not
    // removed from a copy of the whole statement first; trailing NULs go with the marks.
    let clean = text.trim_end_matches(['。', '；', ';', '\0']);
    let mut chars = clean.chars().filter(|&c| c != '\0');
    let mut s: String = chars.by_ref().take(18).collect();
    if chars.next().is_some() {
        s.push('…');
    }
    s
}

/// Relative or external targets: accepted phrasing with no figure of their own.
fn is_relative(text: &str) -> bool {
    const WORDS: [&str; 23] = [
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
    ];
    // 保持全省领先 is relative; 全国领先的信息经济强市 is a qualitative goal.
    WORDS.iter().any(|w| text.contains(w)) || text.contains("保持") && text.contains("领先")
}

/// Whether the statement states a quantity: an Arabic number that is not a
/// year, date, ordinal or part of a name, a percentage, or a Chinese numeral
/// counting something (五千亿, 三分之一, 翻一番).
pub(crate) fn has_quantity(text: &str) -> bool {
    // One walk over the text: the words (翻番, 三分之一) are tested where
    // their first character is, and characters that start nothing are stepped
    // over undecoded. (Runs of numerals stepped over whole hold neither 翻 nor 分.)
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if !may_start(&b[i..]) {
            i += utf8_len(b[i]);
            continue;
        }
        let Some(c) = text[i..].chars().next() else { break };
        let start = i;
        let mut end = i + c.len_utf8();
        if c == '翻' || c == '分' {
            let rest = &text[i..];
            if ["翻一番", "翻两番", "翻番", "分之"].iter().any(|w| rest.starts_with(w)) {
                return true;
            }
        } else if is_digit(c) {
            let mut value: u64 = digit_value(c).unwrap_or(0) as u64;
            let mut n_digits = 1;
            while let Some(d) = text[end..].chars().next() {
                if is_digit(d) {
                    value = value.saturating_mul(10).saturating_add(digit_value(d).unwrap_or(0) as u64);
                    n_digits += 1;
                } else if !((d == '.' || d == '．' || d == ',')
                    && text[end + d.len_utf8()..].starts_with(|x: char| is_digit(x)))
                {
                    break;
                }
                end += d.len_utf8();
            }
            if is_quantity_number(text, start, end, value, n_digits) {
                return true;
            }
        } else if is_percent(c) {
            return true;
        } else {
            while let Some(d) = text[end..].chars().next().filter(|&d| is_cn_numeral_char(d)) {
                end += d.len_utf8();
            }
            if is_quantity_cn(text, start, end) {
                return true;
            }
        }
        i = end;
    }
    false
}

/// Whether `b` (from a character boundary) begins with what may start a
/// quantity: an ASCII or full-width digit, `%` `％` `‰`, a Chinese numeral that
/// can begin a count (not 〇 ○ 零 万 亿 千 百 半, which only continue one), 翻 or
/// 分. Tested on the UTF-8 bytes, so that the other characters need no decoding.
fn may_start(b: &[u8]) -> bool {
    matches!(
        *b,
        [b'0'..=b'9' | b'%', ..]
            | [0xE7, 0xBF, 0xBB, ..] // 翻
            | [0xE5, 0x88, 0x86, ..] // 分
            | [0xEF, 0xBC, 0x85 | 0x90..=0x99, ..] // ％ ０-９
            | [0xE2, 0x80, 0xB0, ..] // ‰
            | [0xE4, 0xB8, 0x80 | 0x83 | 0x89 | 0xA4, ..] // 一 七 三 两
            | [0xE4, 0xB9, 0x9D, ..] // 九
            | [0xE4, 0xBA, 0x8C | 0x94, ..] // 二 五
            | [0xE5, 0x85, 0xAB | 0xAD, ..] // 八 六
            | [0xE5, 0x8D, 0x81, ..] // 十
            | [0xE5, 0x9B, 0x9B, ..] // 四
            | [0xE5, 0xBB, 0xBF, ..] // 廿
    )
}

/// The length of the UTF-8 character whose first byte is `lead`.
fn utf8_len(lead: u8) -> usize {
    match lead {
        0..=0x7F => 1,
        0x80..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    }
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

    use super::{TARGET_WITHOUT_NUMBER, has_quantity, may_start, utf8_len};
    use crate::rules::tests::check;
    use crate::syntax::lexicon::is_percent;
    use crate::syntax::numerals::is_cn_numeral_char;
    use crate::text::is_digit;

    #[test]
    fn may_start_is_the_byte_form_of_the_char_test() {
        for c in (0..0x11000).filter_map(char::from_u32) {
            let by_char = is_digit(c)
                || is_percent(c)
                || c == '翻'
                || c == '分'
                || is_cn_numeral_char(c) && !matches!(c, '〇' | '○' | '零' | '万' | '亿' | '千' | '百' | '半');
            assert_eq!(may_start(c.to_string().as_bytes()), by_char, "{c}");
            assert_eq!(utf8_len(c.to_string().as_bytes()[0]), c.len_utf8(), "{c}");
        }
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
        ] {
            assert!(!has_quantity(q), "{q}");
        }
    }

    #[test]
    fn bullets_in_target_sections() {
        check(
            &TARGET_WITHOUT_NUMBER,
            "一、工作目标\n到2025年，创新体系更加完善。具体目标如下：\n——科技创新能力显著增强，创新生态持续优化。\n——高新技术企业数量突破1500家。\n——研发投入增长与经济增长基本同步。\n——技术合同成交额达到**亿元。\n二、主要任务\n1.健全机制。力争今年全部启动建设。\n",
            expect![[r#"
                2:1 PL301 [到2025年，创新体系更加完善] 目标“到2025年，创新体系更加完善”没有量化指标，请写明数值（如“达到85%”“新增10家”）
                3:3 PL301 [科技创新能力显著增强，创新生态持续优化] 目标“科技创新能力显著增强，创新生态持续优…”没有量化指标，请写明数值（如“达到85%”“新增10家”）
                5:3 PL301 [研发投入增长与经济增长基本同步] 目标“研发投入增长与经济增长基本同步”为相对性表述，没有具体数值；如有可能，请写明量化指标 (info)
            "#]],
        );
    }

    #[test]
    fn anchored_sentences_outside_target_sections() {
        check(
            &TARGET_WITHOUT_NUMBER,
            "二、主要任务\n1.建设平台。到2027年，基本建成创新体系。力争在关键技术上取得突破。力争研发投入占比明显提高。\n2.完善政策。到2026年底，新增孵化器5家。\n",
            expect![[r#"
                2:8 PL301 [到2027年，基本建成创新体系] 目标“到2027年，基本建成创新体系”没有量化指标，请写明数值（如“达到85%”“新增10家”）
                2:37 PL301 [力争研发投入占比明显提高] 目标“力争研发投入占比明显提高”没有量化指标，请写明数值（如“达到85%”“新增10家”）
            "#]],
        );
    }

    #[test]
    fn numbered_target_items_and_sub_sections() {
        check(
            &TARGET_WITHOUT_NUMBER,
            "一、总体要求\n（一）指导思想\n坚持创新驱动，推动高质量发展。\n（二）主要目标\n1.创新投入。全社会研发经费投入强度达到2.5%。\n2.创新主体。企业创新活力明显增强。\n3.区域协同。完成省定任务。\n",
            expect![[r#"
                6:3 PL301 [创新主体。企业创新活力明显增强] 目标“创新主体。企业创新活力明显增强”没有量化指标，请写明数值（如“达到85%”“新增10家”）
                7:3 PL301 [区域协同。完成省定任务] 目标“区域协同。完成省定任务”为相对性表述，没有具体数值；如有可能，请写明量化指标 (info)
            "#]],
        );
    }

    #[test]
    fn targets_in_real_layouts() {
        // A level set inside a task: qualitative, and relative; a relative
        // target in a target section is info.
        check(
            &TARGET_WITHOUT_NUMBER,
            "一、主要目标\n——外贸进出口规模保持全省第一方阵。\n二、重点任务\n1.提升质量效益。推动产业质量效益达到国内先进水平。\n2.做强开放平台。推动综合保税区保持全省第一方阵。\n3.优化服务。确保达到预期效果，办理时限压缩至3个工作日。\n三、保障措施\n（一）加强领导。确保各项工作达到要求。\n",
            expect![[r#"
                2:3 PL301 [外贸进出口规模保持全省第一方阵] 目标“外贸进出口规模保持全省第一方阵”为相对性表述，没有具体数值；如有可能，请写明量化指标 (info)
                4:10 PL301 [推动产业质量效益达到国内先进水平] 目标“推动产业质量效益达到国内先进水平”没有量化指标，请写明数值（如“达到85%”“新增10家”）
            "#]],
        );
        // `——` bullets under no heading: a run with a target in it is a target list.
        check(
            &TARGET_WITHOUT_NUMBER,
            "——普及水平更高。学前教育毛入园率达到95%。\n——办学条件更优。基本完成校舍改造。\n",
            expect![[r#"
                2:3 PL301 [办学条件更优。基本完成校舍改造] 目标“办学条件更优。基本完成校舍改造”没有量化指标，请写明数值（如“达到85%”“新增10家”）
            "#]],
        );
        // Principles are not targets, wherever their bullets sit.
        check(&TARGET_WITHOUT_NUMBER, "二、基本原则\n——统筹规划，分步实施。\n——需求导向，注重实效。\n", expect![[""]]);
        // A numbered target item is judged with its body.
        check(
            &TARGET_WITHOUT_NUMBER,
            "一、发展目标\n1.推进学前教育普及。\n到2027年，学前三年毛入园率达到96%。\n2.提升办学质量。\n办学条件明显改善。\n",
            expect![[r#"
                4:3 PL301 [提升办学质量] 目标“提升办学质量”没有量化指标，请写明数值（如“达到85%”“新增10家”）
            "#]],
        );
        // Traditional script: the section word and the quantity word are folded.
        check(
            &TARGET_WITHOUT_NUMBER,
            "一、目標要求\n全面推進標準化建設，到2027年，基本建成統一規範的標準體系。\n（一）2026年底前，建成26個試點領域目錄。\n",
            expect![[r#"
                2:1 PL301 [全面推進標準化建設，到2027年，基本建成統一規範的標準體系] 目标“全面推進標準化建設，到2027年，基…”没有量化指标，请写明数值（如“达到85%”“新增10家”）
            "#]],
        );
    }

    #[test]
    fn a_paragraph_opening_with_its_target_states_figures_after_it() {
        check(
            &TARGET_WITHOUT_NUMBER,
            "到2027年，基本建成创新型城市，成为区域创新高地。全社会研发投入强度达到4.2%。\n到2030年，创新体系更加完善。\n",
            expect![[r#"
                2:1 PL301 [到2030年，创新体系更加完善] 目标“到2030年，创新体系更加完善”没有量化指标，请写明数值（如“达到85%”“新增10家”）
            "#]],
        );
    }
}
