//! Inlay hints: the lead unit the parser inferred for a task, shown after the
//! task's title when the clause naming it is on another line: split across
//! lines, after the task's sub-items, or on an enclosing item whose
//! responsibility covers the task (the model in `syntax/tasks.rs`). A task
//! whose clause sits on its own title line needs no hint, and a task without
//! a lead gets none (the rule `missing-lead-unit` reports it).

use crate::lang::Lang;
use crate::syntax::Document;
use crate::text::TextRange;

/// One hint: a label to show at a byte offset.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LeadHint {
    /// Where the label goes: the end of the task's title.
    pub offset: usize,
    /// `牵头：市发展改革委` (`lead: 市发展改革委` in English).
    pub label: String,
    /// Where the lead comes from.
    pub tooltip: String,
}

/// Leads listed in a label before it says 等 (`etc.`).
const SHOWN: usize = 3;

/// The hints whose offset lies in `range` (both ends included), in text order.
pub fn lead_hints(doc: &Document<'_>, lang: Lang, range: TextRange) -> Vec<LeadHint> {
    let mut out = Vec::new();
    for task in &doc.tasks {
        let Some(first) = task.leads.first() else { continue };
        let offset = if task.title.is_empty() { task.marker.end() } else { task.title.end() };
        if offset < range.start() || offset > range.end() {
            continue;
        }
        let lead_line = doc.line_of(first.range.start());
        if lead_line == doc.line_of(offset) {
            continue;
        }
        let mut names: Vec<String> = task.leads.iter().take(SHOWN).map(|u| u.name.replace('\0', "")).collect();
        names.dedup();
        let mut list = names.join("、");
        if task.leads.len() > SHOWN {
            list.push_str(lang.pick("等", " etc."));
        }
        let line = lead_line + 1;
        let (label, tooltip) = match (lang, task.inherited) {
            (Lang::Zh, false) => (format!("牵头：{list}"), format!("见第 {line} 行的责任分工")),
            (Lang::Zh, true) => (format!("牵头：{list}"), format!("见上级事项第 {line} 行的责任分工")),
            (Lang::En, false) => (format!("lead: {list}"), format!("From the responsibility clause on line {line}")),
            (Lang::En, true) => {
                (format!("lead: {list}"), format!("From the enclosing item's responsibility clause on line {line}"))
            }
        };
        out.push(LeadHint { offset, label, tooltip });
    }
    out
}

#[cfg(test)]
mod tests {
    use std::fmt::Write;

    use expect_test::{Expect, expect};

    use super::*;
    use crate::config::Config;
    use crate::syntax::{SourceKind, parse};

    /// The text with each hint shown in place as `⟨label | tooltip⟩`.
    fn render(text: &str, lang: Lang, range: TextRange) -> String {
        let doc = parse(text, SourceKind::PlainText, &Config::default().vocabulary());
        let mut out = String::new();
        let mut last = 0;
        for h in lead_hints(&doc, lang, range) {
            out.push_str(&text[last..h.offset]);
            let _ = write!(out, "⟨{} | {}⟩", h.label, h.tooltip);
            last = h.offset;
        }
        out.push_str(&text[last..]);
        out
    }

    fn check(text: &str, expect: Expect) {
        expect.assert_eq(&render(text, Lang::Zh, TextRange::new(0, text.len())));
    }

    const DRAFT: &str = "二、主要任务\n\
        （一）壮大创新主体\n\
        1.实施企业培育工程。新增企业10家。（牵头单位：市科技局；责任单位：市财政局）\n\
        2.建设研发平台。新建平台3个。\n\
        （牵头单位：市发展改革委；责任单位：市科技局）\n\
        3.推进成果转化。\n\
        （1）建设转化基地。\n\
        （2）培育技术经理人。\n\
        （牵头单位：市科技局、市教育局、市人社局、市财政局）\n\
        （二）优化创新生态（牵头单位：市地方金融局）\n\
        4.深化科技金融。推广科技贷。\n";

    #[test]
    fn hints_where_the_clause_is_on_another_line() {
        // 1. has its clause on its line: no hint. 2. has it on the next line, 3. covers its
        // sub-items, 4. inherits from （二）.
        check(
            DRAFT,
            expect![[r#"
                二、主要任务
                （一）壮大创新主体
                1.实施企业培育工程。新增企业10家。（牵头单位：市科技局；责任单位：市财政局）
                2.建设研发平台⟨牵头：市发展改革委 | 见第 5 行的责任分工⟩。新建平台3个。
                （牵头单位：市发展改革委；责任单位：市科技局）
                3.推进成果转化⟨牵头：市科技局、市教育局、市人社局等 | 见第 9 行的责任分工⟩。
                （1）建设转化基地。
                （2）培育技术经理人。
                （牵头单位：市科技局、市教育局、市人社局、市财政局）
                （二）优化创新生态（牵头单位：市地方金融局）
                4.深化科技金融⟨牵头：市地方金融局 | 见上级事项第 10 行的责任分工⟩。推广科技贷。
            "#]],
        );
    }

    #[test]
    fn only_in_the_requested_range_and_in_english() {
        let line = |n: usize| DRAFT.lines().take(n).map(|l| l.len() + 1).sum::<usize>();
        // Lines 6..11 (0-based 5..10): the hints of 3. and 4., not that of 2.
        let got = render(DRAFT, Lang::En, TextRange::new(line(5), line(11)));
        let hints: Vec<&str> = got.split('⟨').skip(1).map(|s| s.split('⟩').next().unwrap()).collect();
        assert_eq!(
            hints,
            [
                "lead: 市科技局、市教育局、市人社局 etc. | From the responsibility clause on line 9",
                "lead: 市地方金融局 | From the enclosing item's responsibility clause on line 10",
            ]
        );
        // An empty range at a hint's offset still gets it; one just before does not.
        let at = DRAFT.find("。新建").unwrap();
        assert_eq!(render(DRAFT, Lang::En, TextRange::empty(at)).matches('⟨').count(), 1);
        assert_eq!(render(DRAFT, Lang::En, TextRange::empty(at - 3)).matches('⟨').count(), 0);
    }

    #[test]
    fn no_hint_without_a_lead() {
        check(
            "二、主要任务\n1.实施企业培育工程。\n2.建设研发平台。\n",
            expect![[r#"
                二、主要任务
                1.实施企业培育工程。
                2.建设研发平台。
            "#]],
        );
    }
}
