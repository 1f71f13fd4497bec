//! Renaming a unit (`市科技局` → `市科学技术局`) everywhere the draft names it.
//!
//! **What can be renamed.** A unit the parser read: a name in a
//! responsibility clause (`（牵头单位：市科技局；责任单位：市财政局）`,
//! `（市科技局牵头，市财政局配合）`) or in the lead or responsible-unit cell
//! of a task table. Anywhere else there is nothing to rename, and
//! [`prepare`] says so.
//!
//! **What is renamed.** The name as written there (a configured alias is a
//! spelling of its own and is left alone; traditional and simplified
//! spellings are the same name):
//!
//! 1. every unit the parser read with that name, in clauses and tables. Its
//!    unit splitting sets the boundaries: list separators, brackets, notes
//!    (`〈含…〉`), glued names (`市行政审批局市科技局` is two units), so a
//!    longer name there (`区市科技局合作中心`) is a unit of its own and is
//!    never touched;
//! 2. the same name in the rest of the text (`由市科技局牵头`, `会同市科技局`),
//!    where it stands as a name: at either end it meets punctuation, a bracket,
//!    a space, the end of a line, the cut between glued names, or one of the
//!    words drafts put around a unit in a sentence ([`WORDS_BEFORE`],
//!    [`WORDS_AFTER`]). Any other character next to it may make it part of a
//!    longer name (`北岭市科技局`, `区市科技局合作…`, `市科技局机关`), so that
//!    occurrence is left alone; so is one inside a longer unit the draft names.
//!
//! The ranges are byte ranges of the text; the language server converts them.

use std::borrow::Cow;

use crate::lang::Lang;
use crate::syntax::Document;
use crate::text::fold::fold;
use crate::text::{TextRange, char_at, char_before, is_han};

/// Words that may come right before a unit named in a sentence (`由市科技局牵头`).
pub const WORDS_BEFORE: &[&str] = &[
    "由", "请", "会同", "联合", "配合", "协助", "协同", "协调", "督促", "指导", "支持", "推动", "组织", "责成", "委托",
    "和", "与", "及", "或", "同", "向", "对", "经", "为", "是", "以", "即", "报", "送",
];

/// Words that may come right after a unit named in a sentence (`市科技局牵头`).
pub const WORDS_AFTER: &[&str] = &[
    "牵头", "负责", "配合", "会同", "联合", "协同", "协助", "参与", "按", "分别", "共同", "统筹", "组织", "督促",
    "指导", "具体", "承担", "等", "和", "与", "及", "或", "要", "将", "应", "须", "需", "已", "为", "在", "对", "的",
    "是",
];

/// Characters a unit name cannot contain: the parser would split the name
/// there (or end the clause), so the renamed text would no longer be one unit.
const SPLITTING: &[char] = &['、', '，', '；', ',', ';', '/', '／', '。', '：', ':', '\n', '\r'];

/// The unit under the cursor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    /// The unit's range in the text.
    pub range: TextRange,
    /// Its name as written there.
    pub name: String,
}

/// Why there is nothing to rename, or the new name cannot be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RenameError {
    /// The cursor is not on a unit of a clause or a task table.
    NotAUnit,
    /// The new name is empty.
    EmptyName,
    /// The new name contains a character that would split it into several units.
    Splits(char),
}

impl RenameError {
    /// The message for the user, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (RenameError::NotAUnit, Lang::Zh) => {
                "这里没有可重命名的单位：请把光标放在责任分工（如“牵头单位：”之后）或任务表牵头、责任单位栏中的单位名称上"
                    .into()
            }
            (RenameError::NotAUnit, Lang::En) => "Nothing to rename here: put the cursor on a unit name in a \
                                                  responsibility clause (after `牵头单位：` …) or in a task \
                                                  table's lead or responsible-unit cell"
                .into(),
            (RenameError::EmptyName, Lang::Zh) => "新名称不能为空".into(),
            (RenameError::EmptyName, Lang::En) => "The new name is empty".into(),
            (RenameError::Splits(c), Lang::Zh) => format!("新名称不能含“{}”：单位名称在此处会被拆开", show(*c)),
            (RenameError::Splits(c), Lang::En) => {
                format!("The new name cannot contain `{}`: the unit name would be split there", show(*c))
            }
        }
    }
}

fn show(c: char) -> String {
    match c {
        '\n' => "\\n".into(),
        '\r' => "\\r".into(),
        c => c.to_string(),
    }
}

/// A rename worked out: the unit, the new name and every range to replace with it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rename {
    pub target: Target,
    /// The new name, without surrounding spaces.
    pub new_name: String,
    /// Every occurrence, sorted and disjoint; the target's own range is one of them.
    pub ranges: Vec<TextRange>,
}

/// Every unit the parser read, with its range (a trailing 等 of `A、B等` left out).
fn units(doc: &Document<'_>) -> Vec<TextRange> {
    let mut out: Vec<TextRange> = doc
        .clauses
        .iter()
        .flat_map(|c| c.leads.iter().chain(c.others.iter()))
        .map(|u| {
            let written = &doc.text[u.range.as_range()];
            let kept = written.trim_end_matches('等');
            TextRange::new(u.range.start(), u.range.start() + kept.len())
        })
        .filter(|r| !r.is_empty())
        .collect();
    out.sort();
    out.dedup();
    out
}

/// The unit at byte `offset` (the cursor may also sit right after its last character).
pub fn prepare(doc: &Document<'_>, offset: usize) -> Result<Target, RenameError> {
    let units = units(doc);
    let hit = units.iter().find(|r| r.contains(offset)).or_else(|| units.iter().find(|r| r.end() == offset));
    let range = *hit.ok_or(RenameError::NotAUnit)?;
    Ok(Target { range, name: doc.text[range.as_range()].to_string() })
}

/// Checks a new name: trimmed, not empty, nothing that splits a unit list.
fn check_name(new_name: &str) -> Result<String, RenameError> {
    let name = new_name.trim_matches(|c: char| c.is_whitespace());
    if name.is_empty() {
        return Err(RenameError::EmptyName);
    }
    if let Some(c) = name.chars().find(|c| SPLITTING.contains(c)) {
        return Err(RenameError::Splits(c));
    }
    Ok(name.to_string())
}

/// Renames the unit at byte `offset` to `new_name`: the ranges to replace.
pub fn rename(doc: &Document<'_>, offset: usize, new_name: &str) -> Result<Rename, RenameError> {
    let target = prepare(doc, offset)?;
    let new_name = check_name(new_name)?;
    let ranges = occurrences(doc, target.range);
    Ok(Rename { target, new_name, ranges })
}

/// Every occurrence of the unit at `at` (a unit range), sorted and disjoint.
pub fn occurrences(doc: &Document<'_>, at: TextRange) -> Vec<TextRange> {
    // Folded to simplified characters (byte lengths are kept, so ranges carry over).
    let view: Cow<'_, str> = fold(&doc.prose);
    let name = &view[at.as_range()];
    let units = units(doc);
    let mut out: Vec<TextRange> = units.iter().copied().filter(|r| &view[r.as_range()] == name).collect();
    // Longer units the draft names that contain the name: their occurrences are theirs.
    let mut longer: Vec<&str> =
        units.iter().map(|r| &view[r.as_range()]).filter(|n| n.len() > name.len() && n.contains(name)).collect();
    longer.sort_unstable();
    longer.dedup();
    let taken: Vec<TextRange> = longer
        .iter()
        .flat_map(|n| memchr::memmem::find_iter(view.as_bytes(), n.as_bytes()).map(|p| TextRange::new(p, p + n.len())))
        .collect();
    for p in memchr::memmem::find_iter(view.as_bytes(), name.as_bytes()) {
        let r = TextRange::new(p, p + name.len());
        // A unit the parser read here decides (this one, or another name).
        if units.iter().any(|u| u.intersects(r)) || taken.iter().any(|t| t.contains_range(r)) {
            continue;
        }
        if stands_as_name(&view, r, name) {
            out.push(r);
        }
    }
    out.sort();
    out.dedup();
    out
}

/// Unit-name endings after which a glued name starts (the parser's cut of `市行政审批局市司法局`).
const GLUED_ENDINGS: &[char] = &['局', '委', '办', '心', '厅', '部', '院', '会', '队', '室', '站', '司', '府'];
/// Where a glued name starts.
const GLUED_STARTS: &[char] = &['市', '区', '县', '省'];

/// Whether `name` at `r` of the folded prose view `view` is a name of its own.
fn stands_as_name(view: &str, r: TextRange, name: &str) -> bool {
    let left = match char_before(view, r.start()) {
        None => true,
        Some(c) if !is_han(c) => true,
        Some(c) => {
            (GLUED_ENDINGS.contains(&c) && name.starts_with(GLUED_STARTS))
                || WORDS_BEFORE.iter().any(|w| view[..r.start()].ends_with(w))
        }
    };
    let right = match char_at(view, r.end()) {
        None => true,
        Some(c) if !is_han(c) => true,
        Some(c) => {
            (GLUED_STARTS.contains(&c) && name.ends_with(GLUED_ENDINGS))
                || WORDS_AFTER.iter().any(|w| view[r.end()..].starts_with(w))
        }
    };
    left && right
}

#[cfg(test)]
mod tests {
    use expect_test::{Expect, expect};

    use super::*;
    use crate::config::Config;
    use crate::syntax::{SourceKind, parse};

    /// Renames the unit at `$0` in `src` to `新名`: the text with every
    /// occurrence marked `[新名]`, or the error message.
    fn check_with(config: &Config, src: &str, expect: Expect) {
        let at = src.find("$0").expect("the text marks the cursor with $0");
        let text = src.replacen("$0", "", 1);
        let doc = parse(&text, SourceKind::PlainText, &config.vocabulary());
        let out = match rename(&doc, at, "新名") {
            Ok(r) => {
                assert!(r.ranges.contains(&r.target.range), "the unit itself is renamed");
                assert!(r.ranges.windows(2).all(|w| w[0].end() <= w[1].start()), "sorted, disjoint");
                let mut out = String::new();
                let mut last = 0;
                for range in &r.ranges {
                    out.push_str(&text[last..range.start()]);
                    out.push_str(&format!("[{}]", r.new_name));
                    last = range.end();
                }
                out.push_str(&text[last..]);
                format!("{} →\n{out}", r.target.name)
            }
            Err(e) => e.message(config.lang),
        };
        expect.assert_eq(&out);
    }

    fn check(src: &str, expect: Expect) {
        check_with(&Config::default(), src, expect);
    }

    #[test]
    fn clauses_tables_and_prose() {
        check(
            "二、主要任务\n\
             1.培育企业。由市科技局会同市财政局制定办法。（牵头单位：市科$0技局；责任单位：市财政局、区市科技局合作中心）\n\
             2.建设平台。（市科技局牵头，市发展改革委配合）\n\
             3.优化服务。北岭市科技局和区市科技局合作推进，市科技局机关做好保障。\n\
             4.强化监测。（责任单位：市行政审批局市科技局）\n",
            expect![[r#"
                市科技局 →
                二、主要任务
                1.培育企业。由[新名]会同市财政局制定办法。（牵头单位：[新名]；责任单位：市财政局、区市科技局合作中心）
                2.建设平台。（[新名]牵头，市发展改革委配合）
                3.优化服务。北岭市科技局和区市科技局合作推进，市科技局机关做好保障。
                4.强化监测。（责任单位：市行政审批局[新名]）
            "#]],
        );
        // A task table's cells, and the cursor right after the name.
        check(
            "序号｜任务｜牵头单位｜责任单位\n1｜培育企业｜市科技局｜市财政局\n2｜建设平台｜市财政局$0｜市科技局、各区政府\n\
             市财政局要加强资金保障。\n",
            expect![[r#"
                市财政局 →
                序号｜任务｜牵头单位｜责任单位
                1｜培育企业｜市科技局｜[新名]
                2｜建设平台｜[新名]｜市科技局、各区政府
                [新名]要加强资金保障。
            "#]],
        );
    }

    #[test]
    fn both_scripts_and_a_trailing_deng() {
        check(
            "1.培育企業。（牽頭單位：市發展改革委$0）\n2.建設平臺。（責任單位：市科技局、市发展改革委等）\n",
            expect![[r#"
                市發展改革委 →
                1.培育企業。（牽頭單位：[新名]）
                2.建設平臺。（責任單位：市科技局、[新名]等）
            "#]],
        );
    }

    #[test]
    fn nothing_to_rename_and_bad_names() {
        check(
            "1.培育企$0业。（牵头单位：市科技局）\n",
            expect![
                "这里没有可重命名的单位：请把光标放在责任分工（如“牵头单位：”之后）或任务表牵头、责任单位栏中的单位名称上"
            ],
        );
        // The label is not a unit either.
        check_with(
            &Config { lang: Lang::En, ..Config::default() },
            "1.培育企业。（牵头单$0位：市科技局）\n",
            expect![[
                r#"Nothing to rename here: put the cursor on a unit name in a responsibility clause (after `牵头单位：` …) or in a task table's lead or responsible-unit cell"#
            ]],
        );
        let text = "1.培育企业。（牵头单位：市科技局）\n";
        let doc = parse(text, SourceKind::PlainText, &Config::default().vocabulary());
        let at = text.find("科技").unwrap();
        assert_eq!(rename(&doc, at, " \u{3000}"), Err(RenameError::EmptyName));
        assert_eq!(rename(&doc, at, "市科技局、市财政局"), Err(RenameError::Splits('、')));
        assert_eq!(RenameError::Splits('\n').message(Lang::Zh), "新名称不能含“\\n”：单位名称在此处会被拆开");
        // Spaces around the new name are dropped.
        assert_eq!(rename(&doc, at, " 市科学技术局 ").map(|r| r.new_name), Ok("市科学技术局".to_string()));
    }
}
