//! Rule `numbering`: structure numbers that skip, repeat or use a non-standard form.

use crate::config::Punctuation;
use crate::diagnostic::{Applicability, Edit, Fix};
use crate::lang::Lang;
use crate::rules::{Ctx, declare_rule};
use crate::syntax::Document;
use crate::syntax::numbering::Join;
use crate::syntax::numerals::{push_cn_ordinal, push_decimal};
use crate::syntax::outline::NumberStyle;

declare_rule! {
    /// ## What it does
    /// Checks the structure numbers `一、` `（一）` `1.` `（1）` `①` (and, in plans,
    /// `一是` `二是` opening a line): each must
    /// follow the previous one of its sequence (`（二）` after `（一）`, not
    /// `（四）`), none may repeat, and each must have the standard form of
    /// GB/T 9704 (`1.` not `1、` or `1．`, `（一）` not `（一）、`).
    ///
    /// A sequence is the numbers of one style under one heading, or across
    /// headings when the draft numbers straight through: task numbers `1.` may
    /// continue across `（一）（二）` and across `一、二、`, or restart at 1
    /// under each, and the draft decides. For each level crossed the draft's
    /// own boundaries vote (continuing or starting at 1) and the majority
    /// wins; a draft that continues in one place and restarts in another is
    /// inconsistent, and the minority is reported. Moving into or out of a
    /// target, safeguard or background section (`三、保障措施`) may do either.
    /// Starting again at 1 after two or more items opens a new list and is
    /// accepted; the first top-level number is not checked (a file may hold
    /// one chapter).
    ///
    /// Each sequence should run without gaps from its start. Numbers that are
    /// off by the same amount one after another (a skip or a repeat that the
    /// following numbers carry on from) are one finding, on the first of them,
    /// and its fix renumbers all of them; a single wrong number (`1. 2. 2.
    /// 4.`) is one finding on that number. Where two or more such numbers are
    /// followed by a right one again (`1. 2. 2. 3. 5.`: a repeat, later a
    /// skip), the reader sees a second break, and it is reported too, with the
    /// same fix. Every fix gives the numbers of the corrected sequence, so the
    /// fixes agree with each other: applying one never calls for a fix that
    /// was not offered before, and applying all of them leaves no finding.
    ///
    /// 检查结构层次序数“一、”“（一）”“1.”“（1）”“①”（计划类文稿中位于行首的“一是”“二是”也算）：同一序列的序号应当连续（“（一）”
    /// 之后是“（二）”而不是“（四）”），不得重复，并采用 GB/T 9704 的规范写法（“1.”而不是
    /// “1、”“1．”，“（一）”而不是“（一）、”）。任务序号“1.”可以跨“（一）（二）”乃至
    /// “一、二、”连续编号，也可以在每个上级标题下从 1 起编，以全文多数做法为准；与多数做法
    /// 不一致之处即为问题。进出工作目标、保障措施等章节时两种做法均可。连续偏差的一段序号
    /// （跳号或重号后顺延）只报告一次，修复会改正整段；单个错号只报告该号。各项修复彼此
    /// 一致，应用其中一项不会引出新的修改，全部应用后不再有序号问题。
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
    /// With `[style] punctuation = "half-width"` in `planlint.toml` the
    /// half-width forms `(一)` and `(1)` are accepted, and fixes keep them.
    ///
    /// 在 `planlint.toml` 中设置 `[style] punctuation = "half-width"` 时，半角括号的
    /// “(一)”“(1)”视为规范写法，修复时也保留半角。
    ///
    /// ## Fix safety
    /// Rewriting a non-standard marker (`4、` → `4.`) is safe. Renumbering is
    /// unsafe: references to the old numbers elsewhere (a division table, a
    /// cover notice) may need to change too.
    pub(crate) NUMBERING, "PL401", "numbering", Warning,
    summary: "Structure numbers skip, repeat or use a non-standard form",
    summary_zh: "结构层次序数跳号、重号或写法不规范",
}

pub(crate) fn check(ctx: &mut Ctx<'_>) {
    let doc = ctx.doc;
    let half_width = ctx.config.punctuation == Punctuation::HalfWidth;
    let numbering = &doc.numbering;
    let deviation = |i: usize| numbering.expected(i).map_or(0, |e| i64::from(doc.headings[i].number) - i64::from(e));
    // Headings reported as the first of a misnumbered stretch: their fix writes the standard form too.
    let mut reported = vec![false; doc.headings.len()];
    // One buffer for the items of every run: collected run by run, they cost an allocation each.
    let mut items: Vec<usize> = Vec::new();
    for run in numbering.runs() {
        items.clear();
        items.extend(run.items.iter().map(|&i| i as usize));
        let mut k = 0;
        while k < items.len() {
            let dev = deviation(items[k]);
            let mut end = k + 1;
            if dev != 0 {
                while end < items.len() && deviation(items[end]) == dev {
                    end += 1;
                }
                let previous = k.checked_sub(1).map(|p| items[p]);
                if report_stretch(ctx, &items[k..end], previous) {
                    reported[items[k]] = true;
                }
                // Two slips that cancel out (a repeat, then a skip): the draft
                // carried on from the wrong number and later jumps back.
                if end - k >= 2 && end < items.len() && deviation(items[end]) == 0 {
                    report_jump_back(ctx, &items[k..end], items[end], dev);
                }
            }
            k = end;
        }
    }
    for (i, h) in doc.headings.iter().enumerate() {
        if reported[i] || h.marker_standard {
            continue;
        }
        let Some(standard) = standard_marker(h.style, h.number) else { continue };
        let found = doc.slice(h.marker).trim();
        if half_width && is_half_width_twin(found, &standard) {
            continue;
        }
        let standard = in_draft_brackets(doc, half_width, i, standard);
        let message = match ctx.lang() {
            Lang::Zh => format!("序号“{found}”写法不规范，应为“{standard}”（GB/T 9704）"),
            Lang::En => format!("Non-standard number “{found}”; write “{standard}” (GB/T 9704)"),
        };
        let title = change_to(ctx.lang(), &standard, 0);
        ctx.report(h.marker, message).with_fix(Fix {
            title: title.into(),
            edits: vec![Edit::replace(h.marker, standard)],
            applicability: Applicability::Safe,
        });
    }
}

/// Reports a stretch of headings whose numbers are all off by the same
/// amount, at its first, with a fix giving each its expected number.
/// `previous` is the heading before the stretch in its run. Returns whether
/// it reported.
fn report_stretch(ctx: &mut Ctx<'_>, stretch: &[usize], previous: Option<usize>) -> bool {
    let doc = ctx.doc;
    let lang = ctx.lang();
    let first = stretch[0];
    let h = &doc.headings[first];
    let Some(item) = doc.numbering.item(first) else { return false };
    let half_width = ctx.config.punctuation == Punctuation::HalfWidth;
    let Some(expected) = marker_for(doc, half_width, first, item.expected) else { return false };
    let found = doc.slice(h.marker).trim();
    let name = h.style.standard_marker(1).unwrap_or_default();
    let message = match (item.join, lang) {
        _ if previous.is_some_and(|p| doc.headings[p].number == h.number) => match lang {
            Lang::Zh => format!("序号“{found}”与上一项重复，此处应为“{expected}”"),
            Lang::En => format!("Number “{found}” repeats the previous one; expected “{expected}”"),
        },
        // A restart where the draft continues (a gap is reported as a gap).
        (Some(Join::Continues { across, by_practice: true }), Lang::Zh) if h.number == 1 => format!(
            "本文“{name}”级序号跨“{}”连续编号，此处应为“{expected}”，实为“{found}”",
            across.standard_marker(1).unwrap_or_default()
        ),
        (Some(Join::Continues { across, by_practice: true }), Lang::En) if h.number == 1 => format!(
            "This draft numbers “{name}” items on across “{}” sections: expected “{expected}”, found “{found}”",
            across.standard_marker(1).unwrap_or_default()
        ),
        (Some(Join::Restarts { across, by_practice: true }), Lang::Zh) => format!(
            "本文“{name}”级序号在每个“{}”下从头编号，此处应为“{expected}”，实为“{found}”",
            across.standard_marker(1).unwrap_or_default()
        ),
        (Some(Join::Restarts { across, by_practice: true }), Lang::En) => format!(
            "This draft numbers “{name}” items from 1 under each “{}”: expected “{expected}”, found “{found}”",
            across.standard_marker(1).unwrap_or_default()
        ),
        (Some(Join::Continues { .. }), Lang::Zh) | (None, Lang::Zh) => {
            format!("序号不连续：此处应为“{expected}”，实为“{found}”")
        }
        (Some(Join::Continues { .. }), Lang::En) | (None, Lang::En) => {
            format!("Numbering breaks: expected “{expected}”, found “{found}”")
        }
        (Some(_), Lang::Zh) => format!("序号应从“{expected}”开始，实为“{found}”"),
        (Some(_), Lang::En) => format!("Numbering should start at “{expected}”, found “{found}”"),
    };
    let title = change_to(lang, &expected, stretch.len() - 1);
    let fix = renumbering(doc, half_width, stretch, title);
    let d = ctx.report(h.marker, message);
    if let Some(fix) = fix {
        d.with_fix(fix);
    }
    true
}

/// Reports heading `at`, right again after a `stretch` of numbers off by
/// `dev`: the reader sees a break here too. The fix is the stretch's.
fn report_jump_back(ctx: &mut Ctx<'_>, stretch: &[usize], at: usize, dev: i64) {
    let doc = ctx.doc;
    let (Some(&first), Some(&last)) = (stretch.first(), stretch.last()) else { return };
    let half_width = ctx.config.punctuation == Punctuation::HalfWidth;
    let marker = |i: usize| doc.numbering.expected(i).and_then(|e| marker_for(doc, half_width, i, e));
    let (Some(from), Some(to)) = (marker(first), marker(last)) else { return };
    let found = doc.slice(doc.headings[at].marker).trim();
    let prev = doc.slice(doc.headings[last].marker).trim();
    let n = stretch.len();
    let k = dev.unsigned_abs();
    let (message, title) = match ctx.lang() {
        Lang::Zh => (
            format!(
                "序号“{found}”与上一项“{prev}”不连续：此前 {n} 项的序号{} {k}，应依次为“{from}”至“{to}”",
                if dev > 0 { "多了" } else { "少了" }
            ),
            format!("将此前 {n} 个序号改为“{from}”至“{to}”"),
        ),
        Lang::En => (
            format!(
                "“{found}” does not follow “{prev}”: the {n} numbers before it are {k} too {}; they should run “{from}” to “{to}”",
                if dev > 0 { "high" } else { "low" }
            ),
            format!("Renumber the {n} headings before it “{from}” to “{to}”"),
        ),
    };
    let fix = renumbering(doc, half_width, stretch, title);
    let d = ctx.report(doc.headings[at].marker, message);
    if let Some(fix) = fix {
        d.with_fix(fix);
    }
}

/// The fix giving every heading of `stretch` its expected number, in standard form
/// (or its accepted half-width twin, see [`marker_for`]).
/// The edits are pushed into a `Vec` of the stretch's length: collected
/// through `Option` it grew step by step, which cost a fifth of the fix (a
/// stretch of the 10 MB benchmark draft runs to thousands of headings).
fn renumbering(doc: &Document<'_>, half_width: bool, stretch: &[usize], title: String) -> Option<Fix> {
    let mut edits = Vec::with_capacity(stretch.len());
    for &i in stretch {
        let marker = marker_for(doc, half_width, i, doc.numbering.expected(i)?)?;
        edits.push(Edit::replace(doc.headings[i].marker, marker));
    }
    Some(Fix { title: title.into(), edits, applicability: Applicability::Unsafe })
}

/// The marker heading `i` should carry for number `n`: the standard form,
/// or, where the configuration keeps half-width punctuation and the heading
/// is written with half-width brackets (`(一)`, `(三)、`), the same with
/// half-width brackets (`(二)`), so that a fix keeps the draft's style.
fn marker_for(doc: &Document<'_>, half_width: bool, i: usize, n: u32) -> Option<String> {
    standard_marker(doc.headings[i].style, n).map(|standard| in_draft_brackets(doc, half_width, i, standard))
}

/// `standard`, a standard marker for heading `i`, with half-width brackets
/// where [`marker_for`] keeps them.
fn in_draft_brackets(doc: &Document<'_>, half_width: bool, i: usize, standard: String) -> String {
    // The marker as written is read only where the configuration may keep its half-width brackets.
    if half_width && standard.starts_with('（') && {
        let found = doc.slice(doc.headings[i].marker).trim();
        found.starts_with('(') && found.contains(')')
    } {
        return standard.replace('（', "(").replace('）', ")");
    }
    standard
}

/// [`NumberStyle::standard_marker`], built by pushing into one string: the fix
/// of a misnumbered stretch writes a marker per heading (11.8k on the 10 MB
/// benchmark draft), and a `format!` each cost 700 instructions. The test
/// `markers_are_the_outlines` holds the two equal.
fn standard_marker(style: NumberStyle, n: u32) -> Option<String> {
    // Room for the longest: `（九百九十九）`, 21 bytes.
    let mut s = String::with_capacity(24);
    match style {
        NumberStyle::ChineseComma | NumberStyle::Enumerated => {
            push_cn_ordinal(&mut s, n);
            s.push(if style == NumberStyle::Enumerated { '是' } else { '、' });
        }
        NumberStyle::ChineseParen => {
            s.push('（');
            push_cn_ordinal(&mut s, n);
            s.push('）');
        }
        NumberStyle::ArabicDot => {
            push_decimal(&mut s, n);
            s.push('.');
        }
        NumberStyle::ArabicParen => {
            s.push('（');
            push_decimal(&mut s, n);
            s.push('）');
        }
        NumberStyle::Markdown | NumberStyle::Circled => return style.standard_marker(n),
    }
    Some(s)
}

/// Whether `found` is `standard` with its full-width brackets written
/// half-width: `(一)` for `（一）`, `(1)` for `（1）`.
fn is_half_width_twin(found: &str, standard: &str) -> bool {
    found != standard
        && standard.starts_with('（')
        && found.chars().eq(standard.chars().map(|c| match c {
            '（' => '(',
            '）' => ')',
            c => c,
        }))
}

/// The title of a fix that writes `marker` and renumbers `more` headings after it.
fn change_to(lang: Lang, marker: &str, more: usize) -> String {
    match (lang, more) {
        (Lang::Zh, 0) => format!("改为“{marker}”"),
        (Lang::Zh, n) => format!("改为“{marker}”，其后 {n} 个序号随之改正"),
        (Lang::En, 0) => format!("Change to “{marker}”"),
        (Lang::En, 1) => format!("Change to “{marker}” and renumber the next heading"),
        (Lang::En, n) => format!("Change to “{marker}” and renumber the next {n} headings"),
    }
}

#[cfg(test)]
mod tests {
    use expect_test::expect;

    use super::NUMBERING;
    use crate::rules::tests::check;

    #[test]
    fn markers_are_the_outlines() {
        use crate::syntax::outline::NumberStyle::*;
        for style in [Markdown, ChineseComma, ChineseParen, ArabicDot, ArabicParen, Circled, Enumerated] {
            for n in (0..=1200).chain([9999, 10000, 123456]) {
                assert_eq!(super::standard_marker(style, n), style.standard_marker(n), "{style:?} {n}");
            }
        }
    }

    #[test]
    fn gaps_repeats_and_bad_forms() {
        check(
            &NUMBERING,
            "一、工作目标\n三、主要任务\n（一）甲\n（一）乙\n1、任务一。\n2.任务二。\n4.任务三。\n四、保障措施\n",
            expect![[r#"
                2:1 PL401 [三、] 序号不连续：此处应为“二、”，实为“三、” (fix: unsafe: 改为“二、”，其后 1 个序号随之改正 @2:1 "二、" @8:1 "三、")
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
                6:1 PL401 [4.] 序号不连续：此处应为“3.”，实为“4.” (fix: unsafe: 改为“3.”，其后 1 个序号随之改正 @6:1 "3." @7:1 "4.")
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

    #[test]
    fn half_width_brackets_follow_the_punctuation_setting() {
        let text =
            "一、主要任务\n(一)强化企业\n(1)培育。\n(2)壮大。\n(一)建设平台\n(3)布局。\n（二）保障\n(三)、考核\n";
        check(
            &NUMBERING,
            text,
            expect![[r#"
                2:1 PL401 [(一)] 序号“(一)”写法不规范，应为“（一）”（GB/T 9704） (fix: safe: 改为“（一）” @2:1 "（一）")
                3:1 PL401 [(1)] 序号“(1)”写法不规范，应为“（1）”（GB/T 9704） (fix: safe: 改为“（1）” @3:1 "（1）")
                4:1 PL401 [(2)] 序号“(2)”写法不规范，应为“（2）”（GB/T 9704） (fix: safe: 改为“（2）” @4:1 "（2）")
                5:1 PL401 [(一)] 序号“(一)”与上一项重复，此处应为“（二）” (fix: unsafe: 改为“（二）”，其后 2 个序号随之改正 @5:1 "（二）" @7:1 "（三）" @8:1 "（四）")
                6:1 PL401 [(3)] 序号“(3)”写法不规范，应为“（3）”（GB/T 9704） (fix: safe: 改为“（3）” @6:1 "（3）")
                8:1 PL401 [(三)、] 序号“(三)、”写法不规范，应为“（三）”（GB/T 9704） (fix: safe: 改为“（三）” @8:1 "（三）")
            "#]],
        );
        let config = crate::Config { punctuation: crate::config::Punctuation::HalfWidth, ..Default::default() };
        crate::rules::tests::check_with(
            &NUMBERING,
            crate::SourceKind::PlainText,
            &config,
            text,
            expect![[r#"
                5:1 PL401 [(一)] 序号“(一)”与上一项重复，此处应为“(二)” (fix: unsafe: 改为“(二)”，其后 2 个序号随之改正 @5:1 "(二)" @7:1 "（三）" @8:1 "(四)")
                8:1 PL401 [(三)、] 序号“(三)、”写法不规范，应为“(三)”（GB/T 9704） (fix: safe: 改为“(三)” @8:1 "(三)")
            "#]],
        );
    }

    /// The reported case: topics 一、二、三、 with tasks numbered 1.–9. straight through.
    #[test]
    fn task_numbers_may_run_straight_through_top_level_sections() {
        let text = "一、聚焦产业创新\n1.任务。\n2.任务。\n3.任务。\n二、聚焦人才引育\n4.任务。\n5.任务。\n6.任务。\n\
                    三、聚焦开放合作\n7.任务。\n8.任务。\n9.任务。\n";
        check(&NUMBERING, text, expect![""]);
        // Restarting under each is as good, as long as the draft does it throughout.
        check(&NUMBERING, "一、甲\n1.任务。\n2.任务。\n二、乙\n1.任务。\n三、丙\n1.任务。\n2.任务。\n", expect![""]);
    }

    #[test]
    fn the_drafts_majority_practice_decides() {
        // Continues twice, restarts once: the restart is the finding, and its
        // fix renumbers the whole section.
        check(
            &NUMBERING,
            "一、甲\n1.任务。\n2.任务。\n二、乙\n3.任务。\n三、丙\n4.任务。\n四、丁\n1.任务。\n2.任务。\n",
            expect![[r#"
                9:1 PL401 [1.] 本文“1.”级序号跨“一、”连续编号，此处应为“5.”，实为“1.” (fix: unsafe: 改为“5.”，其后 1 个序号随之改正 @9:1 "5." @10:1 "6.")
            "#]],
        );
        // Restarts twice, continues once.
        check(
            &NUMBERING,
            "二、主要任务\n（一）甲\n1.任务。\n（二）乙\n1.任务。\n（三）丙\n2.任务。\n（四）丁\n1.任务。\n",
            expect![[r#"
                7:1 PL401 [2.] 本文“1.”级序号在每个“（一）”下从头编号，此处应为“1.”，实为“2.” (fix: unsafe: 改为“1.” @7:1 "1.")
            "#]],
        );
        // Into 保障措施 either is fine; tasks continue inside 主要任务.
        check(
            &NUMBERING,
            "一、工作目标\n1.目标。\n2.目标。\n二、主要任务\n（一）甲\n1.任务。\n2.任务。\n（二）乙\n3.任务。\n三、保障措施\n1.领导。\n2.考核。\n",
            expect![""],
        );
    }

    #[test]
    fn a_duplicate_is_one_finding_and_a_shift_is_one_finding() {
        // The second 2. is wrong; 4. and 5. are right.
        check(
            &NUMBERING,
            "二、主要任务\n1.任务。\n2.任务。\n2.任务。\n4.任务。\n5.任务。\n",
            expect![[r#"
                4:1 PL401 [2.] 序号“2.”与上一项重复，此处应为“3.” (fix: unsafe: 改为“3.” @4:1 "3.")
            "#]],
        );
        // A skip the draft carries on from: one finding, one fix for the stretch.
        check(
            &NUMBERING,
            "二、主要任务\n1.任务。\n2.任务。\n4.任务。\n5.任务。\n6.任务。\n",
            expect![[r#"
                4:1 PL401 [4.] 序号不连续：此处应为“3.”，实为“4.” (fix: unsafe: 改为“3.”，其后 2 个序号随之改正 @4:1 "3." @5:1 "4." @6:1 "5.")
            "#]],
        );
        // A repeat the draft carries on from, then a skip back to the right numbers:
        // both places are reported, with the same fix.
        check(
            &NUMBERING,
            "二、主要任务\n1.任务。\n2.任务。\n2.任务。\n3.任务。\n5.任务。\n",
            expect![[r#"
                4:1 PL401 [2.] 序号“2.”与上一项重复，此处应为“3.” (fix: unsafe: 改为“3.”，其后 1 个序号随之改正 @4:1 "3." @5:1 "4.")
                6:1 PL401 [5.] 序号“5.”与上一项“3.”不连续：此前 2 项的序号少了 1，应依次为“3.”至“4.” (fix: unsafe: 将此前 2 个序号改为“3.”至“4.” @4:1 "3." @5:1 "4.")
            "#]],
        );
        // Swapped numbers: two findings.
        check(
            &NUMBERING,
            "二、主要任务\n1.任务。\n3.任务。\n2.任务。\n4.任务。\n",
            expect![[r#"
                3:1 PL401 [3.] 序号不连续：此处应为“2.”，实为“3.” (fix: unsafe: 改为“2.” @3:1 "2.")
                4:1 PL401 [2.] 序号不连续：此处应为“3.”，实为“2.” (fix: unsafe: 改为“3.” @4:1 "3.")
            "#]],
        );
    }

    #[test]
    fn page_chunk_markers_are_not_numbers() {
        // Pasted from a document-sharing site: each page starts with `N、` in the middle of a sentence.
        let text = "一、工作目标\n\
                    12、到2025年，全市科技创新能力显著增强，研发经费投入强度达到2.5%，高新技术企业数量实现倍增，科技型中小企\n\
                    13、业评价入库数量达到1500家，技术合同成交额突破100亿元，创新生态持续优化，区域创新体系更加完善，人才\n\
                    14、队伍不断壮大。\n\
                    二、主要任务\n";
        check(&NUMBERING, text, expect![""]);
    }

    use crate::config::{Config, Level};
    use crate::diagnostic::Diagnostic;
    use crate::syntax::SourceKind;

    fn numbering_findings(text: &str) -> Vec<Diagnostic> {
        let mut config = Config::default();
        for r in crate::rules::all().filter(|r| r.code != NUMBERING.code) {
            config.rules.insert(r.name, Level::Off);
        }
        crate::analyze(text, SourceKind::PlainText, &config).diagnostics
    }

    /// The lines (0-based) with a finding.
    fn finding_lines(text: &str) -> Vec<usize> {
        let index = crate::LineIndex::new(text);
        numbering_findings(text).iter().map(|d| index.line_of(d.range.start())).collect()
    }

    /// The fixes offered, each as its edits' (line, replacement): the same
    /// renumbering is the same set of lines before and after another fix.
    fn offered(text: &str) -> Vec<Vec<(usize, String)>> {
        let index = crate::LineIndex::new(text);
        numbering_findings(text)
            .iter()
            .filter_map(|d| d.fix.as_deref())
            .map(|f| f.edits.iter().map(|e| (index.line_of(e.range.start()), e.replacement.to_string())).collect())
            .collect()
    }

    /// The structure numbers of `text`, space-separated.
    fn markers(text: &str) -> String {
        let doc = crate::syntax::parse(text, SourceKind::PlainText, &Config::default().vocabulary());
        doc.headings.iter().map(|h| doc.slice(h.marker)).collect::<Vec<_>>().join(" ")
    }

    /// Applying all fixes leaves no finding. Applying any one of them calls
    /// for no new work: it adds no finding on a line that had none, and every
    /// fix offered afterwards was offered before (the applied one no longer).
    fn assert_fixes_agree(text: &str) -> String {
        let found = numbering_findings(text);
        let lines = finding_lines(text);
        let fixes = offered(text);
        let (fixed, _) = crate::apply_fixes(text, found.iter().filter_map(|d| d.fix.as_deref()));
        assert_eq!(finding_lines(&fixed), Vec::<usize>::new(), "after all fixes of {text:?}:\n{fixed}");
        for (d, applied) in found.iter().filter(|d| d.fix.is_some()).zip(&fixes) {
            let (one, _) = crate::apply_fixes(text, d.fix.as_deref());
            let after = finding_lines(&one);
            let title = &d.fix.as_deref().map_or("", |f| &*f.title);
            assert!(
                after.iter().all(|l| lines.contains(l)),
                "fix {title:?} of {text:?} leaves findings on lines {after:?} (before: {lines:?})"
            );
            for f in offered(&one) {
                assert!(fixes.contains(&f) && f != *applied, "fix {title:?} of {text:?} calls for a new fix {f:?}");
            }
        }
        markers(&fixed)
    }

    #[test]
    fn fixes_agree_with_each_other() {
        let cases = [
            // a gap
            ("二、任务\n1.甲。\n2.乙。\n4.丙。\n5.丁。\n", "二、 1. 2. 3. 4."),
            // a duplicate
            ("二、任务\n1.甲。\n2.乙。\n2.丙。\n4.丁。\n5.戊。\n", "二、 1. 2. 3. 4. 5."),
            // swapped
            ("二、任务\n1.甲。\n3.乙。\n2.丙。\n4.丁。\n", "二、 1. 2. 3. 4."),
            // a skip carried on, then a repeat back to the right numbers
            ("二、任务\n1.甲。\n3.乙。\n4.丙。\n4.丁。\n5.戊。\n", "二、 1. 2. 3. 4. 5."),
            // a run continuing across 一、 with a gap in the middle section
            (
                "一、甲\n1.任务。\n2.任务。\n3.任务。\n二、乙\n5.任务。\n6.任务。\n三、丙\n7.任务。\n8.任务。\n",
                "一、 1. 2. 3. 二、 4. 5. 三、 6. 7.",
            ),
            // restarting runs, one of which does not restart
            (
                "一、甲\n1.任务。\n2.任务。\n二、乙\n1.任务。\n3.任务。\n三、丙\n3.任务。\n4.任务。\n四、丁\n1.任务。\n",
                "一、 1. 2. 二、 1. 2. 三、 1. 2. 四、 1.",
            ),
            // two skips in one run, a repeated （一） and a non-standard marker inside a shifted stretch
            (
                "二、任务\n（一）甲\n1.任务。\n3.任务。\n4、任务。\n（一）乙\n6.任务。\n7.任务。\n",
                "二、 （一） 1. 2. 3. （二） 4. 5.",
            ),
        ];
        for (text, want) in cases {
            assert!(!numbering_findings(text).is_empty(), "no finding in {text:?}");
            assert_eq!(assert_fixes_agree(text), want, "{text:?}");
        }
    }

    /// The reported case: the quick fix on the first task of 二、 must not break the next task.
    #[test]
    fn one_quick_fix_does_not_break_the_next_number() {
        let text = "一、甲\n1.任务。\n2.任务。\n3.任务。\n二、乙\n1.任务。\n2.任务。\n3.任务。\n三、丙\n7.任务。\n8.任务。\n\
                    四、丁\n9.任务。\n";
        check(
            &NUMBERING,
            text,
            expect![[r#"
                6:1 PL401 [1.] 本文“1.”级序号跨“一、”连续编号，此处应为“4.”，实为“1.” (fix: unsafe: 改为“4.”，其后 2 个序号随之改正 @6:1 "4." @7:1 "5." @8:1 "6.")
                10:1 PL401 [7.] 序号“7.”与上一项“3.”不连续：此前 3 项的序号少了 3，应依次为“4.”至“6.” (fix: unsafe: 将此前 3 个序号改为“4.”至“6.” @6:1 "4." @7:1 "5." @8:1 "6.")
            "#]],
        );
        assert_eq!(assert_fixes_agree(text), "一、 1. 2. 3. 二、 4. 5. 6. 三、 7. 8. 四、 9.");
    }

    mod prop {
        use proptest::prelude::*;

        /// A draft: top-level sections, each with optional （一） sub-sections,
        /// holding task numbers written with damage: `(sections, numbers)`.
        fn draft() -> impl Strategy<Value = String> {
            let section = (0usize..4, any::<bool>(), proptest::collection::vec(0usize..4, 1..3));
            (
                proptest::collection::vec(section, 1..5),
                any::<bool>(),
                proptest::collection::vec((0u8..12, any::<bool>()), 40),
            )
                .prop_map(|(sections, restart, noise)| {
                    let mut out = String::new();
                    let mut task = 0u32;
                    let mut k = 0;
                    for (s, (title, with_subsections, groups)) in sections.iter().enumerate() {
                        let title = ["主题", "主题", "工作目标", "保障措施"][*title];
                        out.push_str(&format!("{}、{title}\n", crate::syntax::numerals::cn_ordinal(s as u32 + 1)));
                        if restart {
                            task = 0;
                        }
                        for (g, &count) in groups.iter().enumerate() {
                            if *with_subsections {
                                out.push_str(&format!(
                                    "（{}）小节\n",
                                    crate::syntax::numerals::cn_ordinal(g as u32 + 1)
                                ));
                            }
                            for _ in 0..count {
                                let (damage, comma) = noise[k % noise.len()];
                                k += 1;
                                task += 1;
                                // 0: skip and carry on, 1: repeat and carry on, 2: one typo, 3: restart.
                                let shown = match damage {
                                    0 => {
                                        task += 1;
                                        task
                                    }
                                    1 if task > 1 => {
                                        task -= 1;
                                        task
                                    }
                                    2 => task + 5,
                                    3 => {
                                        task = 1;
                                        1
                                    }
                                    _ => task,
                                };
                                out.push_str(&format!("{shown}{}任务。\n", if comma { "、" } else { "." }));
                                // Sub-items, numbered from 1 or (damaged) not.
                                if damage >= 10 {
                                    for n in 1..=u32::from(damage) - 9 {
                                        out.push_str(&format!("（{}）步骤。\n", if comma { n + 1 } else { n }));
                                    }
                                }
                            }
                        }
                    }
                    out
                })
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(500))]

            #[test]
            fn fixes_agree_on_random_damage(text in draft()) {
                super::assert_fixes_agree(&text);
            }
        }
    }
}
