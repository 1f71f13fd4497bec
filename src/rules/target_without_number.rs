//! Rule `target-without-number`: a target with no quantity.

use std::fmt::{self, Write};

use crate::lang::Lang;
use crate::rules::{Ctx, declare_rule};
use crate::syntax::quantity::{TargetClass, classify};
use crate::text::TextRange;

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
        let class = classify(doc, t);
        if matches!(class, TargetClass::Quantified | TargetClass::Masked) {
            // A masked number is the placeholder rule's to report.
            continue;
        }
        let snippet = Snippet(&doc.prose[t.anchor.as_range()]);
        let at = trim_range(&doc.prose[t.anchor.as_range()], t.anchor);
        if class == TargetClass::Relative {
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

fn trim_range(text: &str, range: TextRange) -> TextRange {
    let trimmed = text.trim_end_matches(['。', '；', ';', '\0']);
    TextRange::new(range.start(), range.start() + trimmed.len())
}

/// The first 18 characters of a statement, without the NULs of the prose view
/// and its closing marks, then `…` if there are more. Written straight into
/// the message: built as a `String` of its own, it cost an allocation per
/// reported target (2 k on the 20 KB bench set).
struct Snippet<'a>(&'a str);

impl fmt::Display for Snippet<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const CHARS: usize = 18;
        // Trailing NULs go with the marks; the others are skipped as the text
        // between them is written.
        let clean = self.0.trim_end_matches(['。', '；', ';', '\0']);
        let mut left = CHARS;
        for piece in clean.split('\0').filter(|p| !p.is_empty()) {
            if let Some((cut, _)) = piece.char_indices().nth(left) {
                f.write_str(&piece[..cut])?;
                return f.write_char('…');
            }
            f.write_str(piece)?;
            left -= piece.chars().count();
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use expect_test::expect;

    use super::TARGET_WITHOUT_NUMBER;
    use crate::rules::tests::check;

    #[test]
    fn snippets_skip_nuls_and_stop_at_18_characters() {
        // The characters taken one by one, as the snippet was built before.
        let expected = |text: &str| {
            let clean = text.trim_end_matches(['。', '；', ';', '\0']);
            let mut chars = clean.chars().filter(|&c| c != '\0');
            let mut s: String = chars.by_ref().take(18).collect();
            if chars.next().is_some() {
                s.push('…');
            }
            s
        };
        for text in [
            "",
            "。\0",
            "\0\0研发投入\0增长。\0",
            "一二三四五六七八九十一二三四五六七八",
            "一二三四五六七八九十一二三四五六七八。",
            "一二三四五六七八九十一二三四五六七八九",
            "一二三四五六七八九\0十一二三四五六七八\0\0九",
            "一二三四五六七八九\0十一二三四五六七八\0\0；",
            "\0a\0b\0c；",
        ] {
            assert_eq!(super::Snippet(text).to_string(), expected(text), "{text:?}");
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
