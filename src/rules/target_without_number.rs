//! Rule `target-without-number`: a target with no quantity.

use crate::lang::Lang;
use crate::rules::{Ctx, declare_rule};
use crate::syntax::lexicon::{is_count_suffix, is_percent};
use crate::syntax::numerals::is_cn_numeral_char;
use crate::syntax::placeholders;
use crate::text::{TextRange, char_at, char_before, digit_value, is_digit};

declare_rule! {
    /// ## What it does
    /// Checks that target statements carry a number. Target statements are
    /// the `——` bullets, numbered items and target sentences of a target
    /// section (工作目标, 主要目标, 发展目标, 预期目标 …), and sentences elsewhere
    /// anchored on a year (`到2025年，…`) or phrased `力争…达到/突破/增长`.
    /// Years, deadlines and dates are not quantities: `到2025年，基本形成…体系`
    /// has none. Relative targets (与经济增长基本同步, 完成省定任务,
    /// 不低于全市平均水平) are reported as info, not warnings. Targets whose
    /// number is masked are left to the `placeholder` rule.
    ///
    /// 检查目标表述是否带有数值。目标表述包括目标部分（工作目标、主要目标、发展目标、
    /// 预期目标等）中的“——”条目、编号条目和目标句，以及其他部分中以年份起句
    /// （“到2025年，…”）或“力争…达到/突破/增长”式的句子。年份、时限和日期不算数值：
    /// “到2025年，基本形成…体系”没有数值。相对性目标（与经济增长基本同步、完成省定
    /// 任务、不低于全市平均水平）只作提示。数字被隐去的目标由 `placeholder` 规则报告。
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
        let text = &doc.prose[t.range.as_range()];
        if has_quantity(text) {
            continue;
        }
        if !placeholders::find(&doc.prose, &ctx.config.placeholder_allow, t.range.start(), t.range.end()).is_empty() {
            continue; // the number is masked: the placeholder rule reports it
        }
        let snippet = snippet(text);
        if is_relative(text) {
            let msg = match lang {
                Lang::Zh => format!("目标“{snippet}”为相对性表述，没有具体数值；如有可能，请写明量化指标"),
                Lang::En => {
                    format!("Target “{snippet}” is relative, with no figure of its own; state a number if you can")
                }
            };
            let severity = crate::diagnostic::Severity::Info.max(ctx.severity());
            ctx.report_with(trim_range(text, t.range), severity, msg);
        } else {
            let msg = match lang {
                Lang::Zh => format!("目标“{snippet}”没有量化指标，请写明数值（如“达到85%”“新增10家”）"),
                Lang::En => format!("Target “{snippet}” has no number; state a figure (e.g. “达到85%”, “新增10家”)"),
            };
            ctx.report(trim_range(text, t.range), msg);
        }
    }
}

fn trim_range(text: &str, range: TextRange) -> TextRange {
    let trimmed = text.trim_end_matches(['。', '；', ';', '\0']);
    TextRange::new(range.start(), range.start() + trimmed.len())
}

fn snippet(text: &str) -> String {
    let clean = text.replace('\0', "");
    let clean = clean.trim_end_matches(['。', '；', ';']);
    let mut s: String = clean.chars().take(18).collect();
    if clean.chars().count() > 18 {
        s.push('…');
    }
    s
}

/// Relative or external targets: accepted phrasing with no figure of their own.
fn is_relative(text: &str) -> bool {
    const WORDS: [&str; 20] = [
        "同步",
        "领先",
        "快于",
        "高于",
        "平均水平",
        "省定",
        "下达",
        "前列",
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
    WORDS.iter().any(|w| text.contains(w))
}

/// Whether the statement states a quantity: an Arabic number that is not a
/// year, date, ordinal or part of a name, a percentage, or a Chinese numeral
/// counting something (五千亿, 三分之一, 翻一番).
pub(crate) fn has_quantity(text: &str) -> bool {
    if text.contains("翻一番") || text.contains("翻两番") || text.contains("翻番") || text.contains("分之") {
        return true;
    }
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if is_digit(c) {
            let start = i;
            let mut end = i + c.len_utf8();
            let mut value: u64 = digit_value(c).unwrap_or(0) as u64;
            let mut n_digits = 1;
            while let Some(&(j, d)) = chars.peek() {
                if is_digit(d) {
                    value = value.saturating_mul(10).saturating_add(digit_value(d).unwrap_or(0) as u64);
                    n_digits += 1;
                } else if (d == '.' || d == '．' || d == ',')
                    && text[j + d.len_utf8()..].starts_with(|x: char| is_digit(x))
                {
                } else {
                    break;
                }
                end = j + d.len_utf8();
                chars.next();
            }
            if is_quantity_number(text, start, end, value, n_digits) {
                return true;
            }
        } else if is_cn_numeral_char(c) && !matches!(c, '〇' | '○' | '零' | '万' | '亿' | '千' | '百' | '半') {
            let start = i;
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = chars.peek() {
                if is_cn_numeral_char(d) {
                    end = j + d.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            if is_quantity_cn(text, start, end) {
                return true;
            }
        } else if is_percent(c) {
            return true;
        }
    }
    false
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

    use super::{TARGET_WITHOUT_NUMBER, has_quantity};
    use crate::rules::tests::check;

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
}
