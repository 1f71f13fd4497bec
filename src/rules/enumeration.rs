//! Rule `enumeration`: an enumeration inside a paragraph (一是…二是…) that
//! skips or repeats a number.

use crate::diagnostic::{Applicability, Edit, Fix};
use crate::lang::Lang;
use crate::rules::{Ctx, declare_rule};
use crate::syntax::{Document, EnumForm, Enumerator, NumberStyle};
use crate::text::TextRange;

declare_rule! {
    /// ## What it does
    /// Checks the enumerations written inside a paragraph: `一是…二是…三是…`,
    /// `一要…二要…`, `第一，…第二，…`. Each number must follow the one
    /// before it (`一是…二是…四是` lacks `三是`; `一是…二是…二是` repeats
    /// one). An enumeration belongs to its paragraph: it starts with the
    /// paragraph's first number and starts again at `一`. `首先…其次…` carry no
    /// number and are not checked.
    ///
    /// 检查段落内部的列举：“一是……二是……三是……”“一要……二要……”“第一，……第二，
    /// ……”。每个序号应紧接上一个（“一是……二是……四是”缺“三是”，“一是……二是……二是”
    /// 重号）。列举以段落为单位：从段内第一个序号起算，遇到“一”重新开始。“首先……其次
    /// ……”不带序号，不检查。
    ///
    /// Only words that enumerate are read: at the start of a clause (after
    /// punctuation or at the start of the line), not inside a word (`统一是`,
    /// `之一是`, `统一要求`, `三要素`), not `第一` as an ordinal (`第一批`,
    /// `第一季度`, `第一书记`, `全省第一，`, `第一责任人`, `第一时间`: `第X`
    /// enumerates only followed by `，` `、` or `：`), and not in quotations or
    /// titles (`“…”`, `《…》`). A number missing from the list but written
    /// glued to the text before it (a lost punctuation mark) counts as
    /// written.
    ///
    /// 只读真正起列举作用的词：位于分句开头（标点之后或行首），不在词语内部（“统一是”
    /// “之一是”“统一要求”“三要素”），不是作序数用的“第一”（“第一批”“第一季度”“第一书记”
    /// “全省第一，”“第一责任人”“第一时间”：“第X”后面须紧跟“，”“、”或“：”才算列举），也
    /// 不在引文或书名中（“……”《……》）。缺失的序号如果紧贴前文写着（丢了标点），视为
    /// 已写。
    ///
    /// In plans, a `一是` or `第一，` opening a line is a structure number, a
    /// heading of the outline, and the `numbering` rule checks it against the
    /// headings before and after it. This rule never reports such a heading:
    /// it starts the paragraph's enumeration, and only the numbers after it
    /// inside the paragraph are reported here. So one number is never
    /// reported by both rules.
    ///
    /// 在计划类文稿中，位于行首的“一是”“第一，”是结构层次序号，由 `numbering` 规则与
    /// 前后标题一并检查。本规则从不报告这样的标题：它只作为段内列举的起点，本规则只报告
    /// 段内其后的序号。因此同一个序号不会被两条规则同时报告。
    ///
    /// ## Why is this bad?
    /// A gap reads as a deleted point and a repeat as a copy error; both are
    /// left behind when a paragraph is assembled from several drafts.
    /// Reviewers count the points of a paragraph against its lead sentence
    /// (`重点抓好四个方面`).
    ///
    /// 跳号让人以为删掉了一点，重号像是复制失误，二者都是拼凑段落时留下的。审核者会把
    /// 段内各点与领起句（“重点抓好四个方面”）对照清点。
    ///
    /// ## Example
    /// ```text
    /// 重点抓好三项工作：一是建强平台；二是培育企业；四是引育人才。
    /// ```
    /// Use instead:
    /// ```text
    /// 重点抓好三项工作：一是建强平台；二是培育企业；三是引育人才。
    /// ```
    ///
    /// ## Fix safety
    /// Renumbering is unsafe: the paragraph may really lack an item. Where
    /// the numbers after a gap continue from the wrong one (`二是…四是…五是`),
    /// or a wrong number is followed by a right one (`二是…四是…四是`), the
    /// fix renumbers them. A gap at the last item (`一是…二是…四是`) has no
    /// fix: the missing item cannot be invented, and the message names it.
    pub(crate) ENUMERATION, "PL402", "enumeration", Warning,
    summary: "Enumeration inside a paragraph (一是…二是…) skips or repeats a number",
    summary_zh: "段内列举（一是、二是……）跳号或重号",
}

pub(crate) fn check(ctx: &mut Ctx<'_>) {
    let doc = ctx.doc;
    // The enumeration words of one line (a paragraph), in order.
    let mut from = 0;
    while from < doc.enumerators.len() {
        let line = doc.line_of(doc.enumerators[from].range.start());
        let end = doc.lines[line].range.end();
        let to = from + doc.enumerators[from..].iter().take_while(|e| e.range.start() < end).count();
        check_paragraph(ctx, &doc.enumerators[from..to.max(from + 1)]);
        from = to.max(from + 1);
    }
}

/// Checks the enumerations of one paragraph, each form on its own.
fn check_paragraph(ctx: &mut Ctx<'_>, items: &[Enumerator]) {
    for form in [EnumForm::Shi, EnumForm::Yao, EnumForm::Di] {
        let mut run: Vec<Enumerator> = Vec::new();
        for item in items.iter().filter(|i| i.form == form) {
            if item.number == 1 && !run.is_empty() {
                check_run(ctx, &run);
                run.clear();
            }
            run.push(*item);
        }
        check_run(ctx, &run);
    }
}

/// Checks one enumeration: from its first number on, each should be one
/// more than the one before. Numbers off by the same amount one after
/// another are one finding, on the first of them.
fn check_run(ctx: &mut Ctx<'_>, run: &[Enumerator]) {
    let Some(first) = run.first() else { return };
    let expected = |k: usize| first.number + k as u32;
    let deviation = |k: usize| i64::from(run[k].number) - i64::from(expected(k));
    let mut k = 1;
    while k < run.len() {
        let dev = deviation(k);
        if dev == 0 {
            k += 1;
            continue;
        }
        let mut end = k + 1;
        while end < run.len() && deviation(end) == dev {
            end += 1;
        }
        report_stretch(ctx, run, k, end, dev);
        k = end;
    }
}

fn report_stretch(ctx: &mut Ctx<'_>, run: &[Enumerator], k: usize, end: usize, dev: i64) {
    let doc = ctx.doc;
    let folded = doc.folded();
    let (prev, item) = (run[k - 1], run[k]);
    // A heading of the outline is the `numbering` rule's (it can only open a run, but say so).
    if is_heading(doc, item.range) {
        return;
    }
    let want = run[0].number + k as u32;
    let shown = |i: &Enumerator| doc.slice(i.range).to_string();
    let expected_word = item.form.word(want);
    let restored = end < run.len() && run[end].number == run[0].number + end as u32;
    let message;
    let mut fixable = true;
    if dev > 0 {
        // The numbers skipped, unless written later (out of order) or glued to the text before.
        let between = &folded[prev.range.end()..item.range.start()];
        let missing: Vec<u32> = (prev.number + 1..item.number)
            .filter(|&m| !run[k..].iter().any(|i| i.number == m) && !between.contains(&item.form.word(m)))
            .collect();
        let skipped_here = (prev.number + 1..item.number).count();
        if skipped_here > 0 && missing.is_empty() && !run[k..].iter().any(|i| i.number < item.number) {
            return; // written, glued: 一是…二是…，工作三是…四是
        }
        // Right numbers again after this one: a wrong number, not a missing item.
        if missing.is_empty() || restored {
            message = match ctx.lang() {
                Lang::Zh => {
                    format!("列举序号不连续：“{}”之后是“{}”，此处应为“{expected_word}”", shown(&prev), shown(&item))
                }
                Lang::En => format!(
                    "Enumeration breaks: “{}” follows “{}”; expected “{expected_word}”",
                    shown(&item),
                    shown(&prev)
                ),
            };
        } else {
            let words: Vec<String> = missing.iter().map(|&m| item.form.word(m)).collect();
            // A missing item at the end cannot be invented; numbers that go on
            // from the wrong one, or a wrong one followed by a right one, can be renumbered.
            fixable = end - k >= 2 || restored;
            message = match ctx.lang() {
                Lang::Zh => {
                    format!("列举序号不连续：“{}”之后是“{}”，缺少“{}”", shown(&prev), shown(&item), words.join("”“"))
                }
                Lang::En => format!(
                    "Enumeration breaks: “{}” follows “{}”; “{}” is missing",
                    shown(&item),
                    shown(&prev),
                    words.join("”, “")
                ),
            };
        }
    } else if item.number == prev.number {
        message = match ctx.lang() {
            Lang::Zh => {
                format!("列举序号重复：“{}”之后又是“{}”，此处应为“{expected_word}”", shown(&prev), shown(&item))
            }
            Lang::En => format!("Enumeration repeats “{}”; expected “{expected_word}”", shown(&item)),
        };
    } else {
        message = match ctx.lang() {
            Lang::Zh => format!("列举序号倒退：“{}”之后是“{}”，此处应为“{expected_word}”", shown(&prev), shown(&item)),
            Lang::En => format!(
                "Enumeration goes back: “{}” follows “{}”; expected “{expected_word}”",
                shown(&item),
                shown(&prev)
            ),
        };
    }
    let fix = fixable.then(|| renumbering(ctx.lang(), &run[k..end], want));
    let d = ctx.report(item.range, message);
    if let Some(fix) = fix {
        d.with_fix(fix);
    }
}

/// Whether `range` is the marker of a heading (`一是` opening a line of a plan).
fn is_heading(doc: &Document<'_>, range: TextRange) -> bool {
    let i = doc.headings.partition_point(|h| h.marker.start < range.start);
    doc.headings.get(i).is_some_and(|h| h.marker.start == range.start && h.style == NumberStyle::Enumerated)
}

/// The fix giving the items of a stretch the numbers from `from` on.
fn renumbering(lang: Lang, stretch: &[Enumerator], from: u32) -> Fix {
    let edits: Vec<Edit> = stretch.iter().zip(from..).map(|(i, n)| Edit::replace(i.range, i.form.word(n))).collect();
    let first = stretch[0].form.word(from);
    let more = stretch.len() - 1;
    let title = match (lang, more) {
        (Lang::Zh, 0) => format!("改为“{first}”"),
        (Lang::Zh, n) => format!("改为“{first}”，其后 {n} 个序号随之改正"),
        (Lang::En, 0) => format!("Change to “{first}”"),
        (Lang::En, 1) => format!("Change to “{first}” and renumber the next one"),
        (Lang::En, n) => format!("Change to “{first}” and renumber the next {n}"),
    };
    Fix { title: title.into(), edits, applicability: Applicability::Unsafe }
}

#[cfg(test)]
mod tests {
    use expect_test::expect;

    use super::ENUMERATION;
    use crate::rules::tests::{check, check_rules};
    use crate::syntax::SourceKind;

    #[test]
    fn gaps_and_repeats() {
        check(
            &ENUMERATION,
            "今年重点抓好三项工作：一是建强创新平台；二是培育科技企业；四是引育高端人才。\n\
             一要抓项目，二要抓改革，二要抓民生。\n\
             第一，强化组织领导；第二，压实工作责任；第四，严格督查考核；第五，营造良好氛围。\n",
            expect![[r#"
                1:30 PL402 [四是] 列举序号不连续：“二是”之后是“四是”，缺少“三是”
                2:13 PL402 [二要] 列举序号重复：“二要”之后又是“二要”，此处应为“三要” (fix: unsafe: 改为“三要” @2:13 "三要")
                3:21 PL402 [第四] 列举序号不连续：“第二”之后是“第四”，缺少“第三” (fix: unsafe: 改为“第三”，其后 1 个序号随之改正 @3:21 "第三" @3:31 "第四")
            "#]],
        );
    }

    #[test]
    fn a_wrong_number_between_right_ones_and_swapped_numbers() {
        check(
            &ENUMERATION,
            "一是加强领导；二是完善机制；四是强化保障；四是严格考核。\n一是甲；三是乙；二是丙；四是丁。\n",
            expect![[r#"
                1:15 PL402 [四是] 列举序号不连续：“二是”之后是“四是”，此处应为“三是” (fix: unsafe: 改为“三是” @1:15 "三是")
                2:5 PL402 [三是] 列举序号不连续：“一是”之后是“三是”，此处应为“二是” (fix: unsafe: 改为“二是” @2:5 "二是")
                2:9 PL402 [二是] 列举序号倒退：“三是”之后是“二是”，此处应为“三是” (fix: unsafe: 改为“三是” @2:9 "三是")
            "#]],
        );
    }

    #[test]
    fn words_that_do_not_enumerate() {
        let quiet = [
            // Inside words.
            "坚持政令统一是前提，问题之一是资金不足，唯一是指标。一是加强领导，二是完善机制。",
            "按照统一要求，确保三要素齐全，一要抓落实，二要抓督查。",
            // Ordinals.
            "入选第一批试点，第一季度开局良好，选派第一书记，位居全省第一，落实第一责任人，第一时间处置。",
            "第二、三季度完成验收，第一，加强领导；第二，完善机制。",
            // Quotations and titles.
            "他强调“一是抓项目，三是抓改革”，我们要认真落实。",
            "学习《一是发展二是稳定四是创新》一文。",
            // A number glued to the text before it (a lost punctuation mark).
            "一是加强领导；二是完善机制，推动工作三是强化保障；四是严格考核。",
            // An enumeration starts again at 一.
            "一是甲，二是乙，三是丙。其中：一是丁，二是戊。",
            // No numbers.
            "首先要统一思想，其次要压实责任，最后要严格考核。",
            // One is one, two is two.
            "坚持一是一、二是二，实事求是。",
        ];
        for text in quiet {
            check(&ENUMERATION, &format!("{text}\n"), expect![""]);
        }
    }

    #[test]
    fn an_enumeration_belongs_to_its_paragraph() {
        // Each paragraph starts its own; a paragraph may carry on from the one before.
        check(&ENUMERATION, "一是甲，二是乙。\n三是丙，四是丁。\n一是戊，二是己。\n", expect![""]);
        check(
            &ENUMERATION,
            "一是甲，二是乙。\n三是丙，五是丁。\n",
            expect![[r#"
                2:5 PL402 [五是] 列举序号不连续：“三是”之后是“五是”，缺少“四是”
            "#]],
        );
    }

    /// In a plan, `一是` opening a line is a heading: the `numbering` rule's.
    /// This rule reports only the numbers inside the paragraph after it.
    #[test]
    fn never_the_same_number_as_the_numbering_rule() {
        let text = "某镇2025年工作要点\n一、重点工作\n1.抓好项目建设。\n一是加快产业园建设；二是做好用地保障；四是强化要素服务。\n\
                    三是优化营商环境。\n2.抓好民生保障。\n一是办好民生实事，三是兜牢民生底线。\n";
        check_rules(
            // The `numbering` rule, by name: rules do not import each other.
            &[crate::rules::find("numbering").expect("numbering rule"), &ENUMERATION],
            SourceKind::PlainText,
            text,
            expect![[r#"
                4:20 PL402 [四是] 列举序号不连续：“二是”之后是“四是”，缺少“三是”
                5:1 PL401 [三是] 序号不连续：此处应为“二是”，实为“三是” (fix: unsafe: 改为“二是” @5:1 "二是")
                7:10 PL402 [三是] 列举序号不连续：“一是”之后是“三是”，缺少“二是”
            "#]],
        );
        for text in [
            text,
            "一、任务\n一是甲；二是乙；二是丙。\n二是丁；四是戊；五是己。\n第一，甲；第三，乙。\n第二，丙。\n",
            "在会上的讲话\n一要甲，二要乙。\n三要丙，二要丁。\n",
        ] {
            let analysis = crate::analyze(text, SourceKind::PlainText, &crate::Config::default());
            let ours: Vec<_> = analysis.diagnostics.iter().filter(|d| d.rule.code == "PL402").collect();
            let theirs: Vec<_> = analysis.diagnostics.iter().filter(|d| d.rule.code == "PL401").collect();
            for d in &ours {
                assert!(!theirs.iter().any(|t| t.range.intersects(d.range)), "{text}: {d:?} and {theirs:?}");
                assert!(
                    !analysis.document.headings.iter().any(|h| h.marker.intersects(d.range)),
                    "{text}: {d:?} is on a heading"
                );
            }
        }
    }

    #[test]
    fn fixes_leave_no_finding() {
        for text in [
            "一要抓项目，二要抓改革，二要抓民生，三要抓作风。\n",
            "第一，甲；第三，乙；第四，丙。\n",
            "一是甲；二是乙；四是丙；四是丁。\n",
            "一是甲；三是乙；二是丙；四是丁。\n",
        ] {
            let config = crate::Config::default();
            let found = crate::analyze(text, SourceKind::PlainText, &config).diagnostics;
            assert!(!found.is_empty(), "{text}");
            let (fixed, _) = crate::apply_fixes(text, found.iter().filter_map(|d| d.fix.as_deref()));
            let after = crate::analyze(&fixed, SourceKind::PlainText, &config).diagnostics;
            assert!(after.is_empty(), "{fixed}: {after:#?}");
        }
    }

    #[test]
    fn english_messages() {
        let config = crate::Config { lang: crate::Lang::En, ..Default::default() };
        crate::rules::tests::check_with(
            &ENUMERATION,
            SourceKind::PlainText,
            &config,
            "一是甲，二是乙，四是丙。一要甲，一要乙，二要丙。\n",
            expect![[r#"
                1:9 PL402 [四是] Enumeration breaks: “四是” follows “二是”; “三是” is missing
            "#]],
        );
    }

    #[test]
    fn traditional_and_markdown() {
        check(
            &ENUMERATION,
            "重點抓好：一是建強平臺；二是培育企業；二是引育人才。\n",
            expect![[r#"
                1:20 PL402 [二是] 列举序号重复：“二是”之后又是“二是”，此处应为“三是” (fix: unsafe: 改为“三是” @1:20 "三是")
            "#]],
        );
        crate::rules::tests::check_md(
            &ENUMERATION,
            "- **一是**建强平台；**二是**培育企业；**四是**引育人才；**五是**优化环境。\n",
            expect![[r#"
                1:27 PL402 [四是] 列举序号不连续：“二是”之后是“四是”，缺少“三是” (fix: unsafe: 改为“三是”，其后 1 个序号随之改正 @1:27 "三是" @1:38 "四是")
            "#]],
        );
    }
}
