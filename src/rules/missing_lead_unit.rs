//! Rule `missing-lead-unit`: a task with no lead unit (牵头单位).

use std::cell::OnceCell;

use crate::diagnostic::{Applicability, Edit, Fix, Severity};
use crate::lang::Lang;
use crate::rules::{Ctx, declare_rule};
use crate::syntax::{ClauseStyle, Document, Task};
use crate::text::TextRange;

declare_rule! {
    /// ## What it does
    /// Checks that every task names a lead unit. Tasks are found from the
    /// draft's structure, not from heading words: the numbered items at the
    /// level where the draft's responsibility clauses attach are its tasks
    /// (`一、聚焦…` → `1.` `2.` … numbered straight through topic headings,
    /// `一、` → `（一）` → `1.`, or `（一）` items whose clause follows their
    /// steps), and the items at that level without a clause are the findings.
    /// Items of safeguard, background and target sections are tasks only when
    /// the draft assigns units there too (a 责任分解 of its targets). A draft
    /// with no clause at all falls back to the task-section heading words
    /// (主要任务, 重点工作, 重點任務 …). Speeches, reports and notices assign
    /// no tasks. `planlint outline` shows, per section, why its items are tasks.
    ///
    /// 检查每项任务是否明确了牵头单位。任务按稿件的结构认定，而不是按标题用词：
    /// 责任分工标注所在的那一级编号条目就是任务（如“一、聚焦…”下连续编号的“1.”
    /// “2.”，“一、”→“（一）”→“1.”，或分工写在各步骤之后的“（一）”条目），同级中
    /// 没有标注的条目即为问题。保障措施、指导思想等部分和目标部分的条目，只有在
    /// 稿件也为其标注了单位时（如对预期目标的责任分解）才算任务。全文没有任何
    /// 分工标注时，以“主要任务”“重点工作”等标题词为准。讲话、汇报、通知不含任务。
    /// `planlint outline` 会逐节说明为何这些条目被认定为任务。
    ///
    /// Every way drafts mark responsibility counts: `（牵头单位：…；责任单位：…）`
    /// in any bracket pair (`[…]`, `〔…〕`, `【…】`), inline or split over lines,
    /// labels on lines of their own, `（A牵头，B配合）`, `A牵头落实` on a line of
    /// its own, `（A、B按职责分工负责）` and `（责任单位：…）` alone (the first unit
    /// listed leads), table columns (also when the table is flattened to one
    /// cell per line), in simplified or traditional script. A clause after a
    /// task's sub-items covers the task; a clause on an item covers the tasks
    /// below it that have none of their own.
    ///
    /// 各种标注方式都认可：任意括号（`[…]`、`〔…〕`、`【…】`）中行内或跨行的
    /// “（牵头单位：…；责任单位：…）”、单独成行的标注、“（A牵头，B配合）”、单独一行的
    /// “A牵头落实”、“（A、B按职责分工负责）”以及只有“（责任单位：…）”的写法（列第一位
    /// 的为牵头单位）、表格中的单位列（包括被拆成每格一行的表格），简体繁体均可。
    /// 写在子项之后的分工适用于整项任务；写在上级条目上的分工适用于其下未单独标注的任务。
    ///
    /// A task whose only units are generic (各有关单位, 各区人民政府) gets a
    /// milder finding: it has no specific lead. A draft that marks no
    /// responsibility anywhere (common in 工作要点 of towns and in 实施意见)
    /// gets one document-level note, and its tasks are marked as hints only.
    ///
    /// 只写了泛指单位（各有关单位、各区人民政府）的任务给出较轻的提示：没有具体牵头
    /// 单位。全文都没有标注分工的稿件（乡镇工作要点、实施意见常见），只在文档层面提示
    /// 一次，各项任务仅作为提示标出。
    ///
    /// ## Why is this bad?
    /// A task without a lead unit has nobody accountable for it. Reviewers
    /// reject 实施方案 and 任务分工方案 whose tasks have no 牵头单位.
    ///
    /// 没有牵头单位的任务无人负责。审核时，任务未明确牵头单位的实施方案、任务分工方案
    /// 会被退回。
    ///
    /// ## Example
    /// ```text
    /// 二、主要任务
    /// 1.健全推进机制。建立重点任务清单，实行闭环管理。
    /// ```
    /// Use instead:
    /// ```text
    /// 二、主要任务
    /// 1.健全推进机制。建立重点任务清单，实行闭环管理。（牵头单位：市科技局；责任单位：市发展改革委）
    /// ```
    ///
    /// ## Fix safety
    /// The fix inserts an empty clause in the style the draft already uses;
    /// it is unsafe because the units still have to be filled in.
    pub(crate) MISSING_LEAD_UNIT, "PL201", "missing-lead-unit", Warning,
    summary: "Task names no lead unit (牵头单位)",
    summary_zh: "任务未明确牵头单位",
}

pub(crate) fn check(ctx: &mut Ctx<'_>) {
    let doc = ctx.doc;
    if doc.tasks.is_empty() {
        return;
    }
    let lang = ctx.lang();
    let style = doc.clause_style();
    // Once per document: a scan of the whole text per task made a 10 MB draft quadratic.
    let line_sep = if style.parenthesised || !doc.text.contains("\r\n") { "\n" } else { "\r\n" };
    let skeleton = OnceCell::new();
    let skeleton_fix =
        |task: &Task| skeleton.get_or_init(|| Skeleton::new(doc, style, line_sep, lang)).fix(task.insert_at as usize);
    if !doc.has_responsibility_markup() {
        let root = task_section_root(doc, &doc.tasks[0]);
        let msg = lang.pick(
            "本文未标注任何牵头单位或责任单位；如为任务分工方案，请为每项任务注明“（牵头单位：…；责任单位：…）”",
            "This draft marks no lead or responsible units anywhere; if it assigns tasks, add “（牵头单位：…；责任单位：…）” to each task",
        );
        ctx.report_with(root, Severity::Info, msg.to_string());
        for task in &doc.tasks {
            let msg = format!("{}{}", lang.pick("未标注牵头单位：", "No lead unit: "), title(doc, task));
            let d = ctx.report_with(label_range(doc, task), Severity::Hint, msg);
            if fixable(doc, task) {
                d.with_fix(skeleton_fix(task));
            }
        }
        return;
    }
    for task in &doc.tasks {
        if task.leads.is_empty() || !task.has_specific_lead() {
            report_task(ctx, task, &skeleton_fix, lang);
        }
    }
}

/// A task without a (specific) lead: what is wrong, and the fix.
fn report_task(ctx: &mut Ctx<'_>, task: &Task, skeleton_fix: &dyn Fn(&Task) -> Fix, lang: Lang) {
    let doc = ctx.doc;
    let name = title(doc, task);
    if task.leads.is_empty() {
        let blank_label = task.clauses.iter().find_map(|&c| doc.clauses[c as usize].empty_lead_label);
        if let Some(label) = blank_label {
            let msg = match lang {
                Lang::Zh => format!("任务“{name}”的牵头单位留空，请填写牵头单位"),
                Lang::En => format!("Task “{name}” has an empty lead unit; fill it in"),
            };
            ctx.report(label, msg);
            return;
        }
        let msg = match lang {
            Lang::Zh => format!("任务“{name}”未明确牵头单位，请补充“（牵头单位：…；责任单位：…）”"),
            Lang::En => format!("Task “{name}” names no lead unit; add “（牵头单位：…；责任单位：…）”"),
        };
        let d = ctx.report(label_range(doc, task), msg);
        if fixable(doc, task) {
            d.with_fix(skeleton_fix(task));
        }
    } else if !task.has_specific_lead() {
        let units: Vec<&str> = task.leads.iter().map(|u| &*u.name).collect();
        let msg = match lang {
            Lang::Zh => format!("任务“{name}”没有具体牵头单位（“{}”是泛指），请明确一个牵头单位", units.join("、")),
            Lang::En => {
                format!("Task “{name}” has no specific lead (“{}” is generic); name one lead unit", units.join("、"))
            }
        };
        let severity = ctx.severity().milder();
        let range = task.leads[0].range;
        ctx.report_with(range, severity, msg);
    }
}

/// The task's number and title, where findings are anchored.
/// The number and title on one line; a row of a table flattened to one cell
/// per line has them on two, and then the number alone is marked.
fn label_range(doc: &Document<'_>, task: &Task) -> TextRange {
    let gap = &doc.text[task.marker.end().min(task.title.start())..task.title.start().max(task.marker.end())];
    if gap.contains(['\n', '\r']) && !task.marker.is_empty() {
        return task.marker;
    }
    TextRange { start: task.marker.start, end: task.title.end.max(task.marker.end) }
}

/// The task's number and the first 20 characters of its title (without the
/// NULs of the prose view), written into one string: a copy without the
/// NULs, a second of its start and a `format!` of the two cost 3,000
/// instructions a task.
fn title(doc: &Document<'_>, task: &Task) -> String {
    let marker = doc.slice(task.marker).trim();
    let mut chars = doc.prose[task.title.as_range()].chars().filter(|&c| c != '\0');
    let mut s = String::with_capacity(marker.len() + 1 + 20 * 3 + '…'.len_utf8());
    s.push_str(marker);
    if task.table_row {
        s.push(' ');
    }
    s.extend(chars.by_ref().take(20));
    if chars.next().is_some() {
        s.push('…');
    }
    s
}

/// The heading of the task section that contains `task`.
fn task_section_root(doc: &Document<'_>, task: &Task) -> TextRange {
    let Some(h) = task.heading else { return task.title };
    let h = doc
        .task_sections
        .iter()
        .map(|s| s.root as usize)
        .rfind(|&r| r == h as usize || doc.headings.descendants(r).contains(&(h as usize)))
        .unwrap_or(h as usize);
    let hd = &doc.headings[h];
    TextRange { start: hd.marker.start, end: hd.title.end.max(hd.marker.end) }
}

/// Whether a clause can be inserted for the task: not in a table row, and not
/// inside another clause (one left open in a line above runs over the task's
/// line), where it would belong to that clause and the task would still lack
/// one, so that `--fix` would insert it again on every pass.
fn fixable(doc: &Document<'_>, task: &Task) -> bool {
    let at = task.insert_at;
    let before = doc.clauses.partition_point(|c| c.range.start < at);
    let inside = before > 0 && at < doc.clauses[before - 1].range.end;
    !task.table_row && !inside
}

/// The empty responsibility clause the fix inserts, and the fix's title:
/// the same for every task of a draft, so rendered once (rendering them per
/// task cost 4,000 instructions a finding).
struct Skeleton {
    text: String,
    title: String,
}

impl Skeleton {
    fn new(doc: &Document<'_>, style: ClauseStyle, line_sep: &str, lang: Lang) -> Skeleton {
        let text = style.render("", "", !doc.has_responsibility_markup(), line_sep);
        let shown = text.trim_start_matches(['\r', '\n']).replace(['\r', '\n'], " ");
        let title = match lang {
            Lang::Zh => format!("插入责任分工“{shown}”"),
            Lang::En => format!("Insert a responsibility clause “{shown}”"),
        };
        Skeleton { text, title }
    }

    /// The fix inserting the clause at `at`.
    fn fix(&self, at: usize) -> Fix {
        Fix {
            title: self.title.clone().into(),
            edits: vec![Edit::insert(at, self.text.clone())],
            applicability: Applicability::Unsafe,
        }
    }
}

#[cfg(test)]
mod tests {
    use expect_test::expect;

    use super::MISSING_LEAD_UNIT;
    use crate::rules::tests::check;

    #[test]
    fn task_without_clause_is_flagged_with_a_fix() {
        check(
            &MISSING_LEAD_UNIT,
            "二、主要任务\n（一）推进平台建设\n1.健全机制。建立清单。（牵头单位：市科技局；责任单位：市财政局）\n2.完善政策。落实优惠政策。\n",
            expect![[r#"
                4:1 PL201 [2.完善政策] 任务“2.完善政策”未明确牵头单位，请补充“（牵头单位：…；责任单位：…）” (fix: unsafe: 插入责任分工“（牵头单位：；责任单位：）” @4:15 "（牵头单位：；责任单位：）")
            "#]],
        );
    }

    #[test]
    fn responsible_units_alone_mean_the_first_leads() {
        check(
            &MISSING_LEAD_UNIT,
            "三、重点任务\n1.优化服务。推行一件事一次办。（责任单位：市行政审批局、市司法局）\n2.强化保障。统筹要素。(责任单位:市财政局)\n",
            expect![[""]],
        );
    }

    #[test]
    fn clause_split_over_lines_and_on_next_lines() {
        check(
            &MISSING_LEAD_UNIT,
            "二、主要任务\n1.打造平台。推进建设。(牵头单位:市发改委;\n责任单位:市科技局、市财政局)\n2.培育企业。实施育苗行动。\n牵头单位：市经信局\n责任单位：各区人民政府\n3.壮大集群。（市商务局、市发改委牵头，各区人民政府配合）\n4.深化改革。（牽頭單位：市科技局）\n",
            expect![[""]],
        );
    }

    #[test]
    fn clause_after_sub_items_covers_the_task() {
        check(
            &MISSING_LEAD_UNIT,
            "二、主要任务\n1.加强平台建设\n（1）建设实验室。\n（2）建设中试基地。\n（3）建设孵化器。\n（责任单位：市科技局、市发改委）\n2.推进改革。落实政策。（牵头单位：市财政局）\n",
            expect![[""]],
        );
    }

    #[test]
    fn generic_lead_is_milder_and_blank_lead_is_flagged() {
        check(
            &MISSING_LEAD_UNIT,
            "二、主要任务\n1.加强宣传。营造氛围。（责任单位：各有关单位）\n2.推进改革。落实政策。（牵头单位：；责任单位：市财政局）\n",
            expect![[r#"
                2:19 PL201 [各有关单位] 任务“1.加强宣传”没有具体牵头单位（“各有关单位”是泛指），请明确一个牵头单位 (info)
                3:14 PL201 [牵头单位：] 任务“2.推进改革”的牵头单位留空，请填写牵头单位
            "#]],
        );
    }

    /// Found by the fuzz target `analyze`: in a draft whose clauses name no lead
    /// (`（责任单位：A、B）`, A leads), the clause the fix inserts is
    /// `（责任单位：）`; it must count as a blank lead, or `--fix --unsafe-fixes`
    /// inserts another one on every pass. On a line of its own too.
    #[test]
    fn empty_responsible_units_without_a_lead_label_are_a_blank_lead() {
        check(
            &MISSING_LEAD_UNIT,
            "二、主要任务\n1.建设平台。（责任单位：市科技局）\n2.培育企业。（责任单位：）\n3.优化服务。\n责任单位：\n4.强化保障。\n",
            expect![[r#"
                3:9 PL201 [责任单位：] 任务“2.培育企业”的牵头单位留空，请填写牵头单位
                5:1 PL201 [责任单位：] 任务“3.优化服务”的牵头单位留空，请填写牵头单位
                6:1 PL201 [4.强化保障] 任务“4.强化保障”未明确牵头单位，请补充“（牵头单位：…；责任单位：…）” (fix: unsafe: 插入责任分工“（责任单位：）” @6:8 "（责任单位：）")
            "#]],
        );
    }

    /// Found by the fuzz target `analyze`: a clause left open (`[牵头单位：〕`, brackets
    /// that do not pair) runs over the next task's line; a clause inserted there
    /// would belong to it, so there is no fix.
    #[test]
    fn no_fix_inside_a_clause_left_open_above() {
        check(
            &MISSING_LEAD_UNIT,
            "二、主要任务\n1.建设平台。[牵头单位：〕\n2.培育企业。\n3.优化服务。[责任单位：市科技局]\n",
            expect![[r#"
                3:1 PL201 [2.培育企业] 任务“2.培育企业”未明确牵头单位，请补充“（牵头单位：…；责任单位：…）”
                4:1 PL201 [3.优化服务] 任务“3.优化服务”未明确牵头单位，请补充“（牵头单位：…；责任单位：…）” (fix: unsafe: 插入责任分工“(牵头单位:;责任单位:)” @4:19 "(牵头单位:;责任单位:)")
            "#]],
        );
    }

    #[test]
    fn drafts_without_any_markup_get_one_note_and_hints() {
        check(
            &MISSING_LEAD_UNIT,
            "一、重点工作\n1.抓好项目建设。开工一批项目。\n2.抓好招商引资。引进一批企业。\n三、保障措施\n（一）加强组织领导。各部门协同。\n",
            expect![[r#"
                1:1 PL201 [一、重点工作] 本文未标注任何牵头单位或责任单位；如为任务分工方案，请为每项任务注明“（牵头单位：…；责任单位：…）” (info)
                2:1 PL201 [1.抓好项目建设] 未标注牵头单位：1.抓好项目建设 (hint) (fix: unsafe: 插入责任分工“（牵头单位：；责任单位：）” @2:17 "（牵头单位：；责任单位：）")
                3:1 PL201 [2.抓好招商引资] 未标注牵头单位：2.抓好招商引资 (hint) (fix: unsafe: 插入责任分工“（牵头单位：；责任单位：）” @3:17 "（牵头单位：；责任单位：）")
            "#]],
        );
    }

    #[test]
    fn safeguard_items_are_not_tasks() {
        check(
            &MISSING_LEAD_UNIT,
            "二、主要任务\n1.推进改革。（牵头单位：市财政局）\n三、保障措施\n（一）加强组织领导。充分发挥作用。\n",
            expect![[""]],
        );
    }

    macro_rules! fixture {
        ($name:literal, $expect:expr) => {
            check(&MISSING_LEAD_UNIT, include_str!(concat!("../../tests/fixtures/drafts/", $name)), $expect)
        };
    }

    #[test]
    fn tasks_found_from_structure_in_real_layouts() {
        // Topic headings, tasks numbered straight through them.
        fixture!(
            "topic_points.txt",
            expect![[r#"
            8:1 PL201 [3.发展智能终端产业] 任务“3.发展智能终端产业”未明确牵头单位，请补充“（牵头单位：…；责任单位：…）” (fix: unsafe: 插入责任分工“（牵头单位：；责任单位：）” @8:39 "（牵头单位：；责任单位：）")
            12:1 PL201 [6.建设智能工厂和数字化车间] 任务“6.建设智能工厂和数字化车间”未明确牵头单位，请补充“（牵头单位：…；责任单位：…）” (fix: unsafe: 插入责任分工“（牵头单位：；责任单位：）” @12:30 "（牵头单位：；责任单位：）")
            16:1 PL201 [9.强化网络安全保障] 任务“9.强化网络安全保障”未明确牵头单位，请补充“（牵头单位：…；责任单位：…）” (fix: unsafe: 插入责任分工“（牵头单位：；责任单位：）” @16:27 "（牵头单位：；责任单位：）")
        "#]]
        );
        // 一、→（一）→1. with a clause after a task's sub-items.
        fixture!(
            "three_levels.txt",
            expect![[r#"
            11:1 PL201 [2.深化“证照分离”改革] 任务“2.深化“证照分离”改革”未明确牵头单位，请补充“（牵头单位：…；责任单位：…）” (fix: unsafe: 插入责任分工“（牵头单位：；责任单位：）” @11:26 "（牵头单位：；责任单位：）")
        "#]]
        );
        // The （一） items carry the clauses after their steps.
        fixture!(
            "paren_tasks.txt",
            expect![[r#"
            13:1 PL201 [（三）做强特色农产品加工] 任务“（三）做强特色农产品加工”未明确牵头单位，请补充“（牵头单位：…；责任单位：…）” (fix: unsafe: 插入责任分工“（牵头单位：；责任单位：）” @15:12 "（牵头单位：；责任单位：）")
        "#]]
        );
        // A 责任分解 whose targets carry units.
        fixture!(
            "target_division.txt",
            expect![[r#"
            6:1 PL201 [3.社会消费品零售总额增长7%] 任务“3.社会消费品零售总额增长7%”未明确牵头单位，请补充“（牵头单位：…；责任单位：…）” (fix: unsafe: 插入责任分工“（牵头单位：；责任单位：）” @6:17 "（牵头单位：；责任单位：）")
            8:1 PL201 [5.城乡居民收入增长与经济增长基本同步] 任务“5.城乡居民收入增长与经济增长基本同步”未明确牵头单位，请补充“（牵头单位：…；责任单位：…）” (fix: unsafe: 插入责任分工“（牵头单位：；责任单位：）” @8:21 "（牵头单位：；责任单位：）")
        "#]]
        );
        // Traditional script.
        fixture!(
            "traditional.txt",
            expect![[r#"
            8:1 PL201 [2.動態調整公開事項目錄] 任务“2.動態調整公開事項目錄”未明确牵头单位，请补充“（牵头单位：…；责任单位：…）” (fix: unsafe: 插入责任分工“（牵头单位：；责任单位：）” @8:14 "（牵头单位：；责任单位：）")
        "#]]
        );
        // Brackets, unlabelled and own-line clauses, dot-like delimiters.
        fixture!(
            "markup_variants.txt",
            expect![[r#"
            13:1 PL201 [⒏推进科技成果转化] 任务“⒏推进科技成果转化”未明确牵头单位，请补充“（牵头单位：…；责任单位：…）” (fix: unsafe: 插入责任分工“（牵头单位：；责任单位：）” @13:11 "（牵头单位：；责任单位：）")
        "#]]
        );
        // A table flattened to one cell per line.
        fixture!(
            "flattened_table.txt",
            expect![[r#"
            12:1 PL201 [2] 任务“2 开展“标准地”改革，盘活低效用地300亩…”未明确牵头单位，请补充“（牵头单位：…；责任单位：…）”
        "#]]
        );
        // A speech assigns no tasks: nothing to report, not even the no-markup note.
        fixture!("speech.txt", expect![[""]]);
    }

    #[test]
    fn a_clause_on_the_enclosing_item_covers_its_tasks() {
        check(
            &MISSING_LEAD_UNIT,
            "二、重点任务\n（一）推进平台建设（牵头单位：市科技局）\n1.建设实验室。\n2.建设中试基地。\n（二）深化改革\n3.落实政策。（牵头单位：市财政局）\n4.优化服务。\n",
            expect![[r#"
                7:1 PL201 [4.优化服务] 任务“4.优化服务”未明确牵头单位，请补充“（牵头单位：…；责任单位：…）” (fix: unsafe: 插入责任分工“（牵头单位：；责任单位：）” @7:8 "（牵头单位：；责任单位：）")
            "#]],
        );
    }

    #[test]
    fn a_heading_handing_its_items_to_a_unit_makes_them_tasks() {
        // The notice's own numbered paragraphs are not tasks; the items below
        // `一、X牵头工作` are, and take X as their lead.
        check(
            &MISSING_LEAD_UNIT,
            "各单位：\n一、责任到人，闭环管理。明确具体任务，逐项落实。\n二、节点管控，动态调度。\n附件：任务清单\n一、县示范区管委会牵头工作（2项）\n1.建设标准厂房。\n2.引进项目。\n",
            expect![[""]],
        );
    }
}
