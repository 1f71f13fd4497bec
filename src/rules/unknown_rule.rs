//! Rule `unknown-rule`: a suppression directive names a rule that does not exist.

use crate::diagnostic::{Applicability, Edit, Fix};
use crate::lang::Lang;
use crate::rules::{self, Ctx, Rule, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks the rule names written in suppression directives
    /// (`planlint-disable-next-line`, `planlint-disable-line`,
    /// `planlint-disable`): each must be the name or the code of a rule
    /// (`placeholder`, `PL101`; case does not matter). Every other name is
    /// reported with the list of valid names, and with the closest one when
    /// the name looks like a misspelling of it.
    ///
    /// 检查屏蔽指令（`planlint-disable-next-line`、`planlint-disable-line`、
    /// `planlint-disable`）中写的规则名：每个名称都应是某条规则的名称或编号
    /// （`placeholder`、`PL101`，不区分大小写）。其他写法逐个报告，并列出可用的规则名；
    /// 看起来是拼写错误时，给出最接近的规则名。
    ///
    /// A directive does not suppress findings about its own names, so this
    /// rule cannot be silenced by the directive it reports on.
    ///
    /// 指令不能屏蔽针对其自身规则名的报告。
    ///
    /// ## Why is this bad?
    /// A name that matches no rule suppresses nothing: the finding the
    /// directive was written for is still reported, while the directive looks
    /// as if it were in force. A directive whose names are all unknown
    /// suppresses nothing at all; one that mixes known and unknown names
    /// suppresses only the known rules.
    ///
    /// 无法识别的规则名不屏蔽任何规则：本想屏蔽的问题仍会报告，而指令看上去却像已经生效。
    /// 名称全部无法识别的指令不起任何作用；既有可识别名称又有无法识别名称的指令，只屏蔽
    /// 可识别的规则。
    ///
    /// ## Example
    /// ```text
    /// <!-- planlint-disable-next-line plcaeholder -->
    /// 本项所列X型设备为产品型号。
    /// ```
    /// Use instead:
    /// ```text
    /// <!-- planlint-disable-next-line placeholder -->
    /// 本项所列X型设备为产品型号。
    /// ```
    ///
    /// ## Fix safety
    /// Replacing a misspelt name with the suggested one is safe: it changes
    /// only the directive, which then does what it was written for.
    pub(crate) UNKNOWN_RULE, "PL001", "unknown-rule", Warning,
    summary: "Suppression directive names a rule that does not exist",
    summary_zh: "屏蔽指令中的规则名不存在",
}

pub(crate) fn check(ctx: &mut Ctx<'_>) {
    let doc = ctx.doc;
    let lang = ctx.lang();
    for s in &doc.suppressions {
        for &range in &s.names {
            let written = doc.slice(range);
            if rules::find(written).is_some() {
                continue;
            }
            let suggestion = closest(written);
            let known = known_names(lang);
            let message = match (lang, suggestion) {
                (Lang::Zh, None) => format!("未知规则“{written}”；可用的规则：{known}"),
                (Lang::Zh, Some(s)) => format!("未知规则“{written}”，是否应为“{s}”？可用的规则：{known}"),
                (Lang::En, None) => format!("Unknown rule “{written}”; known rules: {known}"),
                (Lang::En, Some(s)) => format!("Unknown rule “{written}”; did you mean “{s}”? Known rules: {known}"),
            };
            let d = ctx.report(range, message);
            if let Some(s) = suggestion {
                let title = match lang {
                    Lang::Zh => format!("改为“{s}”"),
                    Lang::En => format!("Change to “{s}”"),
                };
                d.with_fix(Fix {
                    title: title.into(),
                    edits: vec![Edit::replace(range, s)],
                    applicability: Applicability::Safe,
                });
            }
        }
    }
}

/// Every rule name, the rules that check drafts first and planlint's own
/// (PL0xx) last.
fn known_names(lang: Lang) -> String {
    let (own, drafts): (Vec<&Rule>, Vec<&Rule>) = rules::all().partition(|r| r.code.starts_with("PL0"));
    let names: Vec<&str> = drafts.iter().chain(&own).map(|r| r.name).collect();
    names.join(lang.pick("、", ", "))
}

/// The rule name or code that `written` is most likely a misspelling of:
/// the only one at the smallest edit distance, if that distance is at most 2
/// and at most a third of the name's length.
fn closest(written: &str) -> Option<&'static str> {
    let written: Vec<char> = written.to_lowercase().chars().collect();
    let mut best: Option<(usize, &'static str)> = None;
    let mut tied = false;
    for key in rules::all().flat_map(|r| [r.name, r.code]) {
        let candidate: Vec<char> = key.to_ascii_lowercase().chars().collect();
        if written.len().abs_diff(candidate.len()) > 2 {
            continue;
        }
        let d = edit_distance(&written, &candidate);
        if d > 2 || d * 3 > candidate.len() {
            continue;
        }
        match best {
            Some((b, _)) if b < d => {}
            Some((b, _)) if b == d => tied = true,
            _ => {
                best = Some((d, key));
                tied = false;
            }
        }
    }
    best.filter(|_| !tied).map(|(_, key)| key)
}

/// The number of insertions, deletions, substitutions and swaps of two
/// neighbouring characters that turn `a` into `b` (optimal string alignment).
fn edit_distance(a: &[char], b: &[char]) -> usize {
    let mut before_prev = vec![0; b.len() + 1];
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        cur[0] = i;
        for j in 1..=b.len() {
            let substitution = prev[j - 1] + usize::from(a[i - 1] != b[j - 1]);
            let mut d = substitution.min(prev[j] + 1).min(cur[j - 1] + 1);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(before_prev[j - 2] + 1);
            }
            cur[j] = d;
        }
        std::mem::swap(&mut before_prev, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use expect_test::expect;

    use super::UNKNOWN_RULE;
    // Other rules by name: a rule does not import another rule's module.
    fn rule(name: &str) -> &'static crate::rules::Rule {
        crate::rules::find(name).expect("a registered rule")
    }
    use crate::rules::tests::{check, check_rules, check_with, render_rules};
    use crate::{Config, Lang, SourceKind};

    #[test]
    fn misspelt_name_is_reported_and_suppresses_nothing() {
        check_rules(
            &[&UNKNOWN_RULE, rule("placeholder")],
            SourceKind::PlainText,
            "planlint-disable-next-line plcaeholder\n采购X型设备。\n",
            expect![[r#"
                1:28 PL001 [plcaeholder] 未知规则“plcaeholder”，是否应为“placeholder”？可用的规则：placeholder、template-residue、missing-lead-unit、target-without-number、numbering、enumeration、confusable、repeated-word、stale-formulation、number-usage、unknown-rule (fix: safe: 改为“placeholder” @1:28 "placeholder")
                2:3 PL101 [X] 模板占位符“X”未替换，请填入实际内容
            "#]],
        );
    }

    #[test]
    fn known_and_unknown_names_suppress_only_the_known_rules() {
        check_rules(
            &[&UNKNOWN_RULE, rule("placeholder"), rule("numbering")],
            SourceKind::PlainText,
            "一、总体要求\n<!-- planlint-disable-next-line placeholder, nosuchrule -->\n三、到X年完成。\n四、到X年完成。\n",
            expect![[r#"
                2:46 PL001 [nosuchrule] 未知规则“nosuchrule”；可用的规则：placeholder、template-residue、missing-lead-unit、target-without-number、numbering、enumeration、confusable、repeated-word、stale-formulation、number-usage、unknown-rule
                3:1 PL401 [三、] 序号不连续：此处应为“二、”，实为“三、” (fix: unsafe: 改为“二、”，其后 1 个序号随之改正 @3:1 "二、" @4:1 "三、")
                4:4 PL101 [X] 模板占位符“X”未替换，请填入实际日期
            "#]],
        );
    }

    #[test]
    fn no_names_means_every_rule() {
        check_rules(
            &[&UNKNOWN_RULE, rule("placeholder"), rule("numbering")],
            SourceKind::PlainText,
            "一、总体要求\n<!-- planlint-disable-next-line -->\n三、到X年完成。\n四、到X年完成。<!-- planlint-disable-line -->\n",
            expect![""],
        );
    }

    #[test]
    fn names_and_codes_match_case_insensitively() {
        check_rules(
            &[&UNKNOWN_RULE, rule("placeholder")],
            SourceKind::PlainText,
            "planlint-disable-next-line Placeholder\n采购X型设备。\nplanlint-disable-next-line pl101、PL001\n采购X型设备。\n",
            expect![""],
        );
    }

    #[test]
    fn every_form_in_text_and_markdown() {
        let text = "<!-- planlint-disable-next-line plcaeholder -->\n采购X型设备。\n// planlint-disable-next-line PL10\n采购X型设备。\n完成X项。<!-- planlint-disable-line PL901 -->\n<!-- planlint-disable: numbring，占位符 -->\n到X年。\n<!-- planlint-enable -->\n";
        let plain = render_rules(&[&UNKNOWN_RULE], SourceKind::PlainText, &Config::default(), text);
        let md = render_rules(&[&UNKNOWN_RULE], SourceKind::Markdown, &Config::default(), text);
        assert_eq!(plain, md);
        check(
            &UNKNOWN_RULE,
            text,
            expect![[r#"
                1:33 PL001 [plcaeholder] 未知规则“plcaeholder”，是否应为“placeholder”？可用的规则：placeholder、template-residue、missing-lead-unit、target-without-number、numbering、enumeration、confusable、repeated-word、stale-formulation、number-usage、unknown-rule (fix: safe: 改为“placeholder” @1:33 "placeholder")
                3:31 PL001 [PL10] 未知规则“PL10”；可用的规则：placeholder、template-residue、missing-lead-unit、target-without-number、numbering、enumeration、confusable、repeated-word、stale-formulation、number-usage、unknown-rule
                5:33 PL001 [PL901] 未知规则“PL901”；可用的规则：placeholder、template-residue、missing-lead-unit、target-without-number、numbering、enumeration、confusable、repeated-word、stale-formulation、number-usage、unknown-rule
                6:24 PL001 [numbring] 未知规则“numbring”，是否应为“numbering”？可用的规则：placeholder、template-residue、missing-lead-unit、target-without-number、numbering、enumeration、confusable、repeated-word、stale-formulation、number-usage、unknown-rule (fix: safe: 改为“numbering” @6:24 "numbering")
                6:33 PL001 [占位符] 未知规则“占位符”；可用的规则：placeholder、template-residue、missing-lead-unit、target-without-number、numbering、enumeration、confusable、repeated-word、stale-formulation、number-usage、unknown-rule
            "#]],
        );
        // None of those directives suppresses a placeholder.
        check_rules(
            &[rule("placeholder")],
            SourceKind::Markdown,
            text,
            expect![[r#"
                2:3 PL101 [X] 模板占位符“X”未替换，请填入实际内容
                4:3 PL101 [X] 模板占位符“X”未替换，请填入实际内容
                5:3 PL101 [X] 模板占位符“X”未替换，请填入实际数值
                7:2 PL101 [X] 模板占位符“X”未替换，请填入实际日期
            "#]],
        );
    }

    #[test]
    fn a_directive_cannot_silence_the_report_on_its_own_names() {
        // Naming `unknown-rule` next to a misspelt name: the block and the
        // trailing directive still report the misspelling.
        check_rules(
            &[&UNKNOWN_RULE, rule("placeholder")],
            SourceKind::PlainText,
            "<!-- planlint-disable plcaeholder unknown-rule -->\n采购X型设备。\n<!-- planlint-enable -->\n完成X项。<!-- planlint-disable-line plcaeholder unknown-rule -->\n",
            expect![[r#"
                1:23 PL001 [plcaeholder] 未知规则“plcaeholder”，是否应为“placeholder”？可用的规则：placeholder、template-residue、missing-lead-unit、target-without-number、numbering、enumeration、confusable、repeated-word、stale-formulation、number-usage、unknown-rule (fix: safe: 改为“placeholder” @1:23 "placeholder")
                2:3 PL101 [X] 模板占位符“X”未替换，请填入实际内容
                4:3 PL101 [X] 模板占位符“X”未替换，请填入实际数值
                4:33 PL001 [plcaeholder] 未知规则“plcaeholder”，是否应为“placeholder”？可用的规则：placeholder、template-residue、missing-lead-unit、target-without-number、numbering、enumeration、confusable、repeated-word、stale-formulation、number-usage、unknown-rule (fix: safe: 改为“placeholder” @4:33 "placeholder")
            "#]],
        );
        // Another directive can.
        check(
            &UNKNOWN_RULE,
            "<!-- planlint-disable unknown-rule -->\n<!-- planlint-disable-next-line plcaeholder -->\n采购X型设备。\n",
            expect![""],
        );
    }

    #[test]
    fn only_close_and_unambiguous_names_are_suggested() {
        // PL901 is one edit from PL101, PL201, PL301, PL401 and PL501; `lead` is far
        // from `missing-lead-unit`.
        check(
            &UNKNOWN_RULE,
            "planlint-disable-next-line PL901 lead PLACEHOLDR\n完成。\n",
            expect![[r#"
                1:28 PL001 [PL901] 未知规则“PL901”；可用的规则：placeholder、template-residue、missing-lead-unit、target-without-number、numbering、enumeration、confusable、repeated-word、stale-formulation、number-usage、unknown-rule
                1:34 PL001 [lead] 未知规则“lead”；可用的规则：placeholder、template-residue、missing-lead-unit、target-without-number、numbering、enumeration、confusable、repeated-word、stale-formulation、number-usage、unknown-rule
                1:39 PL001 [PLACEHOLDR] 未知规则“PLACEHOLDR”，是否应为“placeholder”？可用的规则：placeholder、template-residue、missing-lead-unit、target-without-number、numbering、enumeration、confusable、repeated-word、stale-formulation、number-usage、unknown-rule (fix: safe: 改为“placeholder” @1:39 "placeholder")
            "#]],
        );
    }

    #[test]
    fn english_messages() {
        let config = Config { lang: Lang::En, ..Default::default() };
        check_with(
            &UNKNOWN_RULE,
            SourceKind::Markdown,
            &config,
            "<!-- planlint-disable-next-line plcaeholder, nosuchrule -->\n采购X型设备。\n",
            expect![[r#"
                1:33 PL001 [plcaeholder] Unknown rule “plcaeholder”; did you mean “placeholder”? Known rules: placeholder, template-residue, missing-lead-unit, target-without-number, numbering, enumeration, confusable, repeated-word, stale-formulation, number-usage, unknown-rule (fix: safe: Change to “placeholder” @1:33 "placeholder")
                1:46 PL001 [nosuchrule] Unknown rule “nosuchrule”; known rules: placeholder, template-residue, missing-lead-unit, target-without-number, numbering, enumeration, confusable, repeated-word, stale-formulation, number-usage, unknown-rule
            "#]],
        );
    }

    #[test]
    fn a_directive_at_the_end_of_the_text_is_still_checked() {
        check(
            &UNKNOWN_RULE,
            "完成。\nplanlint-disable-next-line nosuchrule",
            expect![[r#"
                2:28 PL001 [nosuchrule] 未知规则“nosuchrule”；可用的规则：placeholder、template-residue、missing-lead-unit、target-without-number、numbering、enumeration、confusable、repeated-word、stale-formulation、number-usage、unknown-rule
            "#]],
        );
    }
}
