//! Rule `numbering`: structure numbers that skip, repeat or use a non-standard form.

use crate::diagnostic::{Applicability, Edit, Fix};
use crate::lang::Lang;
use crate::rules::{Ctx, declare_rule};
use crate::syntax::NumberStyle;
use crate::text::TextRange;

declare_rule! {
    /// ## What it does
    /// Checks the structure numbers `一、` `（一）` `1.` `（1）` `①`: each must
    /// follow the previous one at its level under the same parent (`（二）`
    /// after `（一）`, not `（四）`), none may repeat, and each must have the
    /// standard form of GB/T 9704 (`1.` not `1、` or `1．`, `（一）` not
    /// `（一）、`). Task numbers `1.` may continue across `（一）（二）`
    /// sub-sections or restart in each, as the draft does. Starting again at
    /// 1 opens a new list and is accepted; the first top-level number is not
    /// checked (a file may hold one chapter).
    ///
    /// 检查结构层次序数“一、”“（一）”“1.”“（1）”“①”：同一上级下的同级序数应当连续
    /// （“（一）”之后是“（二）”而不是“（四）”），不得重复，并采用 GB/T 9704 的规范写法
    /// （“1.”而不是“1、”“1．”，“（一）”而不是“（一）、”）。任务序号“1.”可以跨
    /// “（一）（二）”小节连续编号，也可以每节从 1 开始，以全文做法为准。
    ///
    /// ## Why is this bad?
    /// Numbers break when sections are moved, merged or deleted while a draft
    /// is assembled from templates; a reviewer reads a gap as a missing task
    /// and a repeat as a copy error, and task division tables cite tasks by
    /// number.
    ///
    /// 从范文拼装草稿时，移动、合并或删除段落常使序号断档；审核者会把跳号当作漏了任务，
    /// 把重号当作复制错误，而任务分工表正是按序号引用任务的。
    ///
    /// ## Example
    /// ```text
    /// （一）强化企业主体地位
    /// （三）提升平台支撑能力
    /// 4、建设中试平台。
    /// ```
    /// Use instead:
    /// ```text
    /// （一）强化企业主体地位
    /// （二）提升平台支撑能力
    /// 4.建设中试平台。
    /// ```
    ///
    /// ## Fix safety
    /// Rewriting a non-standard marker (`4、` → `4.`) is safe. Renumbering a
    /// skipped or repeated number is unsafe: the numbers after it, and
    /// references to them elsewhere, may need to change too.
    pub(crate) NUMBERING, "PL401", "numbering", Warning,
    summary: "Structure numbers skip, repeat or use a non-standard form",
    summary_zh: "结构层次序数跳号、重号或写法不规范",
}

/// Number of [`NumberStyle`] variants.
const STYLES: usize = 6;

pub(crate) fn check(ctx: &mut Ctx<'_>) {
    let doc = ctx.doc;
    let lang = ctx.lang();
    let continues = doc.task_numbers_continue();
    // Last number seen per (parent, style) — slot 0 for top-level headings,
    // `parent + 1` otherwise; 0 = none yet — and the last `1.` per top-level section.
    let n = doc.headings.len();
    let mut last: Vec<[u32; STYLES]> = vec![[0; STYLES]; n + 1];
    let mut last_task: Vec<u32> = vec![0; n];
    let mut top = Vec::with_capacity(n);
    for (i, h) in doc.headings.iter().enumerate() {
        let t = h.parent.map_or(i, |p| top[p as usize]);
        top.push(t);
        if h.style == NumberStyle::Markdown {
            continue;
        }
        let found = doc.slice(h.marker).trim();
        let slot = h.parent.map_or(0, |p| p as usize + 1);
        let prev = Some(last[slot][h.style as usize]).filter(|&n| n > 0);
        // The first top-level number is taken as given: a file may hold one
        // chapter of a plan (`二、主要任务` alone).
        let first_top = prev.is_none() && h.parent.is_none();
        // The number before this one in the sequence, and the numbers this
        // heading may have (the first is what to suggest).
        let (before, allowed): (Option<u32>, [u32; 2]) = match prev {
            // Starting again at 1 opens a new list (speeches and 要点 often have
            // two runs of 一、二、 under unnumbered paragraphs); a repeated 1 is not that.
            Some(n) if n > 1 => (Some(n), [n + 1, 1]),
            Some(n) => (Some(n), [n + 1, n + 1]),
            None => {
                let under_subsection = h.style == NumberStyle::ArabicDot
                    && h.parent.is_some_and(|p| doc.headings[p as usize].style == NumberStyle::ChineseParen);
                match Some(last_task[t]).filter(|&n| n > 0 && under_subsection) {
                    // A first task under （二）: continuing or restarting are both drafts' practice.
                    Some(n) if continues => (Some(n), [n + 1, 1]),
                    Some(n) => (None, [1, n + 1]),
                    None => (None, [1, 1]),
                }
            }
        };
        if !first_top
            && !allowed.contains(&h.number)
            && let Some(expected) = h.style.standard_marker(allowed[0])
        {
            let message = match (before, lang) {
                (Some(p), Lang::Zh) if p == h.number => format!("序号“{found}”与上一项重复，此处应为“{expected}”"),
                (Some(p), Lang::En) if p == h.number => {
                    format!("Number “{found}” repeats the previous one; expected “{expected}”")
                }
                (Some(_), Lang::Zh) => format!("序号不连续：此处应为“{expected}”，实为“{found}”"),
                (Some(_), Lang::En) => format!("Numbering breaks: expected “{expected}”, found “{found}”"),
                (None, Lang::Zh) => format!("序号应从“{expected}”开始，实为“{found}”"),
                (None, Lang::En) => format!("Numbering should start at “{expected}”, found “{found}”"),
            };
            renumber(ctx, h.marker, message, expected, Applicability::Unsafe);
        } else if !h.marker_standard
            && let Some(standard) = h.style.standard_marker(h.number)
        {
            let message = match lang {
                Lang::Zh => format!("序号“{found}”写法不规范，应为“{standard}”（GB/T 9704）"),
                Lang::En => format!("Non-standard number “{found}”; write “{standard}” (GB/T 9704)"),
            };
            renumber(ctx, h.marker, message, standard, Applicability::Safe);
        }
        last[slot][h.style as usize] = h.number;
        if h.style == NumberStyle::ArabicDot {
            last_task[t] = h.number;
        }
    }
}

/// Reports `message` at `marker` with the fix “change to `replacement`”.
fn renumber(ctx: &mut Ctx<'_>, marker: TextRange, message: String, replacement: String, applicability: Applicability) {
    let title = match ctx.lang() {
        Lang::Zh => format!("改为“{replacement}”"),
        Lang::En => format!("Change to “{replacement}”"),
    };
    ctx.report(marker, message).with_fix(Fix { title, edits: vec![Edit::replace(marker, replacement)], applicability });
}

#[cfg(test)]
mod tests {
    use expect_test::expect;

    use super::NUMBERING;
    use crate::rules::tests::check;

    #[test]
    fn gaps_repeats_and_bad_forms() {
        check(
            &NUMBERING,
            "一、工作目标\n三、主要任务\n（一）甲\n（一）乙\n1、任务一。\n2.任务二。\n4.任务三。\n四、保障措施\n",
            expect![[r#"
                2:1 PL401 [三、] 序号不连续：此处应为“二、”，实为“三、” (fix: unsafe: 改为“二、” @2:1 "二、")
                4:1 PL401 [（一）] 序号“（一）”与上一项重复，此处应为“（二）” (fix: unsafe: 改为“（二）” @4:1 "（二）")
                5:1 PL401 [1、] 序号“1、”写法不规范，应为“1.”（GB/T 9704） (fix: safe: 改为“1.” @5:1 "1.")
                7:1 PL401 [4.] 序号不连续：此处应为“3.”，实为“4.” (fix: unsafe: 改为“3.” @7:1 "3.")
            "#]],
        );
    }

    #[test]
    fn task_numbers_may_continue_or_restart_across_subsections() {
        let continuing = "二、主要任务\n（一）甲\n1.任务。\n2.任务。\n（二）乙\n3.任务。\n4.任务。\n";
        check(&NUMBERING, continuing, expect![""]);
        let restarting = "二、主要任务\n（一）甲\n1.任务。\n2.任务。\n（二）乙\n1.任务。\n2.任务。\n";
        check(&NUMBERING, restarting, expect![""]);
        // A skip at the first task of a sub-section is still a skip.
        check(
            &NUMBERING,
            "二、主要任务\n（一）甲\n1.任务。\n2.任务。\n（二）乙\n4.任务。\n5.任务。\n",
            expect![[r#"
                6:1 PL401 [4.] 序号不连续：此处应为“3.”，实为“4.” (fix: unsafe: 改为“3.” @6:1 "3.")
            "#]],
        );
        // Sub-items restart under each task.
        check(&NUMBERING, "二、主要任务\n1.任务。\n（1）甲。\n（2）乙。\n2.任务。\n（1）丙。\n", expect![""]);
        // A second list starting again at 一、 is a new list, not a gap.
        check(&NUMBERING, "一、去年工作\n二、存在问题\n今年重点抓好以下工作：\n一、强企业\n二、建平台\n", expect![""]);
    }

    #[test]
    fn english_messages() {
        let config = crate::Config { lang: crate::Lang::En, ..Default::default() };
        crate::rules::tests::check_with(
            &NUMBERING,
            crate::SourceKind::PlainText,
            &config,
            "一、甲\n一、乙\n",
            expect![[r#"
                2:1 PL401 [一、] Number “一、” repeats the previous one; expected “二、” (fix: unsafe: Change to “二、” @2:1 "二、")
            "#]],
        );
    }
}
