//! Rule `stale-formulation`: formulations that were right in an earlier
//! year, judged against the draft's own year.

use crate::diagnostic::{Applicability, Edit, Fix};
use crate::lang::Lang;
use crate::rules::{Ctx, declare_rule};
use crate::syntax::dates::year_at;
use crate::syntax::words::DATED_ANCHORS;
use crate::syntax::{Document, YearMonth};
use crate::text::{TextRange, char_at, char_before, is_han};

declare_rule! {
    /// ## What it does
    /// Finds fixed formulations that were current in an earlier year but
    /// not in the year of the draft: the guidance of a Party congress that a
    /// later one replaced (`深入贯彻党的十九大精神` in a 2023 draft; the
    /// 二十大 met in October 2022), a five-year plan period named as the
    /// current one after it ended (`十三五` from 2021, `十四五` from 2026), the
    /// slogan `决胜全面建成小康社会` after the moderately prosperous society was
    /// declared built (July 2021), a guiding thought without
    /// 习近平新时代中国特色社会主义思想 after the 十九大, and unit names the 2018
    /// reform replaced (`环保局` → `生态环境局`, `国土资源局` → `自然资源局`,
    /// `卫计委` → `卫健委`, `安监局` → `应急管理局`, `工商局`/`质监局`/`食药监局`
    /// → `市场监管局`, `农业局` → `农业农村局`, `国税局`/`地税局` → `税务局`,
    /// `公安消防支队` → `消防救援支队` …) where the draft assigns tasks: in
    /// its responsibility clauses and task tables. It also finds the fixed triad
    /// `增强“四个意识”、坚定“四个自信”、做到“两个维护”` written as a list with
    /// one member dropped.
    ///
    /// 查找在早些年份正确、而在文稿所属年份已不再现行的固定表述：已被后一次党代会取代
    /// 的指导表述（2023年的文稿写“深入贯彻党的十九大精神”；党的二十大于2022年10月召开），
    /// 规划期结束后仍作为当前规划期的“十三五”（2021年起）、“十四五”（2026年起），宣告
    /// 全面建成小康社会（2021年7月）后的“决胜全面建成小康社会”，党的十九大后不含习近平
    /// 新时代中国特色社会主义思想的指导思想，以及2018年机构改革后已更名的机构（环保局→
    /// 生态环境局、国土资源局→自然资源局、卫计委→卫健委、安监局→应急管理局、工商局/
    /// 质监局/食药监局→市场监管局、农业局→农业农村局、国税局/地税局→税务局、公安消防
    /// 支队→消防救援支队等，只查分工表述和任务表中的单位）。还检查以列举形式写出却缺了
    /// 一项的“增强‘四个意识’、坚定‘四个自信’、做到‘两个维护’”。
    ///
    /// The draft's year is the latest of its title year, its document
    /// number (文号), its signed date (成文日期) and a copied page's publishing
    /// date (`planlint outline` shows it); years in the body (`到2025年`) do
    /// not count. Without any of them the rule judges no staleness. Only
    /// formulations presented as current are reported: not a congress as a
    /// date (`党的十九大以来`) or as the author of what it decided
    /// (`十九大报告提出`), not a sentence or section that reviews the past
    /// (`过去五年`, `2021年，…`, `工作回顾`), not a period's results
    /// (`“十三五”时期`, `比“十三五”末`), not a former unit (`原环保局`), not a
    /// document title in `《》`, and not a league, union
    /// or local congress (`团十九大`, `县委十六届三次全会`). A triad that names
    /// `两个维护` is reported whatever the year (that member dates it after
    /// 2018); one without it only in drafts from 2019.
    ///
    /// 文稿所属年份取标题年份、文号年份、成文日期和网页发布日期中最晚的一个（`planlint
    /// outline` 会显示）；正文中的年份（“到2025年”）不算。一个都没有时不作时效判断。
    /// 只报告作为现行表述使用的情形：不报告作为时间起点（“党的十九大以来”）或作为决策
    /// 主体（“十九大报告提出”）的党代会，不报告回顾过去的句子或章节（“过去五年”“2021年，
    /// ……”“工作回顾”），不报告规划期的成效（“‘十三五’时期”“比‘十三五’末”），不报告
    /// 原机构（“原环保局”），不报告《》中的文件名，也不报告团、工会或地方
    /// 党代会（“团十九大”“县委十六届三次全会”）。写有“两个维护”的三项表述缺项时不论
    /// 年份都报告（该项本身说明文稿晚于2018年）；没有“两个维护”的，只在2019年起的文稿
    /// 中报告。
    ///
    /// ## Why is this bad?
    /// Drafts are assembled from earlier years' plans and templates, and these
    /// formulations date them at a glance. Reviewers check political
    /// formulations and unit names first: a plan that follows a superseded
    /// congress, names a finished plan period as current or assigns a task to
    /// a unit that no longer exists is sent back.
    ///
    /// 文稿常由往年的方案和范文拼成，这些表述一眼就暴露了出处。审核时首先检查政治性
    /// 表述和机构名称：贯彻已被取代的党代会精神、把已结束的规划期当作当前规划期、把任务
    /// 交给已不存在的机构，都会被退回。
    ///
    /// ## Example
    /// ```text
    /// 2023年全县科技工作要点
    /// 全县科技工作要以党的十九大精神为指导，……
    /// 3.开展生态环境监测。（牵头单位：县环保局）
    /// ```
    /// Use instead:
    /// ```text
    /// 2023年全县科技工作要点
    /// 全县科技工作要以党的二十大精神为指导，……
    /// 3.开展生态环境监测。（牵头单位：县生态环境局）
    /// ```
    ///
    /// ## Fix safety
    /// A renamed unit's fix writes its current name and is unsafe: some
    /// places use a variant (`自然资源和规划局`). A congress or period fix is
    /// shown, not applied: which plenums to cite and how to rewrite the
    /// sentence is the drafter's decision. A dropped member of the triad is
    /// inserted by an unsafe fix.
    pub(crate) STALE_FORMULATION, "PL503", "stale-formulation", Warning,
    summary: "Formulation no longer current in the draft's year (superseded congress, ended plan period, renamed unit)",
    summary_zh: "表述已过时（已被取代的党代会精神、已结束的规划期、已更名的机构等）",
}

/// How a match is read, and what guards it.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    /// A Party congress (`十九大`) or a plenum of its Central Committee
    /// (`十九届五中全会`): stale as guidance being followed, `…精神` or the
    /// object of 贯彻/学习/落实.
    Congress(u8),
    /// A five-year plan period named as the current one.
    Period(u8),
    /// A slogan of a stage that is over.
    Slogan,
    /// A guiding-thought list without 习近平新时代中国特色社会主义思想.
    Guide,
    /// A unit name the 2018 reform replaced.
    Unit,
}

/// One stale formulation.
struct Entry {
    /// What is matched, in simplified characters (found in the folded view).
    phrase: &'static str,
    kind: Kind,
    /// The first month in which it is certainly stale.
    stale_from: YearMonth,
    /// The last year in which it was current: a sentence naming this year
    /// or an earlier one reviews the past.
    last_year: u16,
    /// Why, for the message.
    since_zh: &'static str,
    since_en: &'static str,
    /// What to write instead.
    current: &'static str,
    /// The applicability of the fix that writes `current`, if there is one.
    fix: Option<Applicability>,
}

const fn congress(
    phrase: &'static str,
    n: u8,
    from: (u16, u8),
    since: (&'static str, &'static str),
    current: &'static str,
) -> Entry {
    Entry {
        phrase,
        kind: Kind::Congress(n),
        stale_from: YearMonth::new(from.0, from.1),
        last_year: from.0,
        since_zh: since.0,
        since_en: since.1,
        current,
        fix: Some(Applicability::DisplayOnly),
    }
}

const fn period(phrase: &'static str, n: u8, since: (&'static str, &'static str), current: &'static str) -> Entry {
    // The 11th period is 2006–2010: period n ends in 2005 + 5 (n − 10).
    let last = 2005 + 5 * (n as u16 - 10);
    Entry {
        phrase,
        kind: Kind::Period(n),
        stale_from: YearMonth::new(last + 1, 1),
        last_year: last,
        since_zh: since.0,
        since_en: since.1,
        current,
        fix: Some(Applicability::DisplayOnly),
    }
}

/// A unit renamed by the 2018 reform: stale once local reforms were done
/// (March 2019, or as given).
const fn unit(
    phrase: &'static str,
    current: &'static str,
    from: (u16, u8),
    since: (&'static str, &'static str),
) -> Entry {
    Entry {
        phrase,
        kind: Kind::Unit,
        stale_from: YearMonth::new(from.0, from.1),
        last_year: 2018,
        since_zh: since.0,
        since_en: since.1,
        current,
        fix: Some(Applicability::Unsafe),
    }
}

const CONGRESS_17: (&str, &str) = ("2007年10月党的十七大后", "after the 17th Party Congress of October 2007");
const CONGRESS_18: (&str, &str) = ("2012年11月党的十八大后", "after the 18th Party Congress of November 2012");
const CONGRESS_19: (&str, &str) = ("2017年10月党的十九大后", "after the 19th Party Congress of October 2017");
const CONGRESS_20: (&str, &str) = ("2022年10月党的二十大后", "after the 20th Party Congress of October 2022");
const REFORM: (&str, &str) = ("2018年机构改革后", "renamed in the 2018 reform of government bodies");
const TAX: (&str, &str) = ("2018年国税地税机构合并后", "the state and local tax bureaus merged in 2018");
const FIRE: (&str, &str) = ("2018年公安消防部队改制后", "the fire brigades left the police in 2018");
/// Local reforms were to be done by the end of March 2019.
const LOCAL: (u16, u8) = (2019, 4);

/// The stale formulations. Congresses and periods are listed oldest first:
/// the message names the formulation current in the draft's year, the
/// successor of the last stale one.
static ENTRIES: &[Entry] = &[
    congress("十六大", 16, (2007, 11), CONGRESS_17, "党的十七大"),
    congress("十六届", 16, (2007, 11), CONGRESS_17, "党的十七大"),
    congress("十七大", 17, (2012, 12), CONGRESS_18, "党的十八大"),
    congress("十七届", 17, (2012, 12), CONGRESS_18, "党的十八大"),
    congress("十八大", 18, (2017, 11), CONGRESS_19, "党的十九大"),
    congress("十八届", 18, (2017, 11), CONGRESS_19, "党的十九大"),
    congress("十九大", 19, (2022, 11), CONGRESS_20, "党的二十大"),
    congress("十九届", 19, (2022, 11), CONGRESS_20, "党的二十大"),
    period("十一五", 11, ("2011年起为“十二五”时期", "the 12th Five-Year Plan period began in 2011"), "十二五"),
    period("十二五", 12, ("2016年起为“十三五”时期", "the 13th Five-Year Plan period began in 2016"), "十三五"),
    period("十三五", 13, ("2021年起为“十四五”时期", "the 14th Five-Year Plan period began in 2021"), "十四五"),
    period("十四五", 14, ("2026年起为“十五五”时期", "the 15th Five-Year Plan period began in 2026"), "十五五"),
    Entry {
        phrase: "决胜全面建成小康社会",
        kind: Kind::Slogan,
        stale_from: YearMonth::new(2021, 8),
        last_year: 2021,
        since_zh: "2021年7月宣告全面建成小康社会后",
        since_en: "the moderately prosperous society was declared built in July 2021",
        current: "全面建设社会主义现代化国家",
        fix: None,
    },
    Entry {
        phrase: "决胜全面小康",
        kind: Kind::Slogan,
        stale_from: YearMonth::new(2021, 8),
        last_year: 2021,
        since_zh: "2021年7月宣告全面建成小康社会后",
        since_en: "the moderately prosperous society was declared built in July 2021",
        current: "全面建设社会主义现代化国家",
        fix: None,
    },
    Entry {
        phrase: "全面建成小康社会决胜阶段",
        kind: Kind::Slogan,
        stale_from: YearMonth::new(2021, 8),
        last_year: 2021,
        since_zh: "2021年7月宣告全面建成小康社会后",
        since_en: "the moderately prosperous society was declared built in July 2021",
        current: "全面建设社会主义现代化国家",
        fix: None,
    },
    Entry {
        phrase: "为指导",
        kind: Kind::Guide,
        stale_from: YearMonth::new(2017, 11),
        last_year: 2017,
        since_zh: CONGRESS_19.0,
        since_en: CONGRESS_19.1,
        current: "以习近平新时代中国特色社会主义思想为指导",
        fix: None,
    },
    unit("国土资源局", "自然资源局", LOCAL, REFORM),
    unit("国土资源厅", "自然资源厅", LOCAL, REFORM),
    unit("国土资源部", "自然资源部", LOCAL, REFORM),
    unit("国土局", "自然资源局", LOCAL, REFORM),
    unit("环境保护局", "生态环境局", LOCAL, REFORM),
    unit("环境保护厅", "生态环境厅", LOCAL, REFORM),
    unit("环境保护部", "生态环境部", LOCAL, REFORM),
    unit("环保局", "生态环境局", LOCAL, REFORM),
    unit("环保厅", "生态环境厅", LOCAL, REFORM),
    unit("卫生和计划生育委员会", "卫生健康委员会", LOCAL, REFORM),
    unit("卫生计生委", "卫生健康委", LOCAL, REFORM),
    unit("卫生计生局", "卫生健康局", LOCAL, REFORM),
    unit("卫计委", "卫健委", LOCAL, REFORM),
    unit("卫计局", "卫健局", LOCAL, REFORM),
    unit("安全生产监督管理总局", "应急管理部", LOCAL, REFORM),
    unit("安全生产监督管理局", "应急管理局", LOCAL, REFORM),
    unit("安监局", "应急管理局", LOCAL, REFORM),
    unit("食品药品监督管理局", "市场监督管理局", LOCAL, REFORM),
    unit("食品药品监管局", "市场监管局", LOCAL, REFORM),
    unit("食药监局", "市场监管局", LOCAL, REFORM),
    unit("工商行政管理局", "市场监督管理局", LOCAL, REFORM),
    unit("工商局", "市场监管局", LOCAL, REFORM),
    unit("质量技术监督局", "市场监督管理局", LOCAL, REFORM),
    unit("质监局", "市场监管局", LOCAL, REFORM),
    unit("农业委员会", "农业农村委员会", LOCAL, REFORM),
    unit("农业局", "农业农村局", LOCAL, REFORM),
    unit("农业厅", "农业农村厅", LOCAL, REFORM),
    unit("农业部", "农业农村部", LOCAL, REFORM),
    Entry {
        fix: Some(Applicability::DisplayOnly), ..unit("文化广电新闻出版局", "文化和旅游局", LOCAL, REFORM)
    },
    unit("国家税务局", "税务局", (2019, 1), TAX),
    unit("地方税务局", "税务局", (2019, 1), TAX),
    unit("国税局", "税务局", (2019, 1), TAX),
    unit("地税局", "税务局", (2019, 1), TAX),
    unit("公安消防总队", "消防救援总队", (2020, 1), FIRE),
    unit("公安消防支队", "消防救援支队", (2020, 1), FIRE),
    unit("公安消防大队", "消防救援大队", (2020, 1), FIRE),
];

/// The members of the triad, in order, with the verb each takes.
const TRIAD: [(&str, &str); 3] = [("四个意识", "增强"), ("四个自信", "坚定"), ("两个维护", "做到")];

/// What a phrase is: an entry of [`ENTRIES`] or a member of [`TRIAD`].
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Phrase {
    Entry(usize),
    Triad(usize),
}

impl Phrase {
    fn text(self) -> &'static str {
        match self {
            Phrase::Entry(i) => ENTRIES[i].phrase,
            Phrase::Triad(k) => TRIAD[k].0,
        }
    }
}

/// Per anchor of [`DATED_ANCHORS`] (found by the parser), the phrases that
/// contain it, with the anchor's offset in each. Unit names are not
/// anchored: they are read from the responsibility clauses.
static ANCHORED: std::sync::LazyLock<Vec<Vec<(Phrase, usize)>>> = std::sync::LazyLock::new(|| {
    let entries = (0..ENTRIES.len()).filter(|&i| ENTRIES[i].kind != Kind::Unit).map(Phrase::Entry);
    let all = entries.chain((0..TRIAD.len()).map(Phrase::Triad));
    let mut anchored = vec![Vec::new(); DATED_ANCHORS.len()];
    for p in all {
        for (a, anchor) in DATED_ANCHORS.iter().enumerate() {
            if let Some(offset) = p.text().find(anchor) {
                anchored[a].push((p, offset));
            }
        }
    }
    anchored
});

/// The unit entries of [`ENTRIES`] by the last six bytes of their name
/// (two characters), sorted, and a 256-bit filter of those endings: a
/// unit's name is looked up by its own ending, and most names are not
/// looked up at all.
struct UnitEndings {
    sorted: Vec<(u64, usize)>,
    filter: [u64; 4],
}

static UNIT_ENDINGS: std::sync::LazyLock<UnitEndings> = std::sync::LazyLock::new(|| {
    let mut sorted: Vec<(u64, usize)> = (0..ENTRIES.len())
        .filter(|&i| ENTRIES[i].kind == Kind::Unit)
        .filter_map(|i| ending(ENTRIES[i].phrase).map(|e| (e, i)))
        .collect();
    sorted.sort_unstable();
    let mut filter = [0u64; 4];
    for &(e, _) in &sorted {
        let bit = filter_bit(e);
        filter[bit / 64] |= 1 << (bit % 64);
    }
    UnitEndings { sorted, filter }
});

/// The last six bytes of `s` as a number.
fn ending(s: &str) -> Option<u64> {
    let b = s.as_bytes();
    let tail = b.get(b.len().checked_sub(6)?..)?;
    let mut word = [0u8; 8];
    word[2..].copy_from_slice(tail);
    Some(u64::from_be_bytes(word))
}

/// Which of the filter's 256 bits an ending sets.
fn filter_bit(ending: u64) -> usize {
    (ending.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 56) as usize
}

/// The phrases around the parser's dated anchors, as (start, phrase),
/// sorted by start; of two phrases at one place, the longer. Without a
/// date only the triad is read.
fn find_phrases(doc: &Document<'_>, folded: &str) -> Vec<(usize, Phrase)> {
    let anchored = &*ANCHORED;
    let mut out: Vec<(usize, Phrase)> = Vec::new();
    for &(at, a) in &doc.dated_anchors {
        let (at, a) = (at as usize, a as usize);
        let best = anchored[a]
            .iter()
            .filter(|&&(p, _)| doc.date.is_some() || matches!(p, Phrase::Triad(_)))
            .filter(|&&(p, offset)| at >= offset && folded.get(at - offset..).is_some_and(|t| t.starts_with(p.text())))
            .max_by_key(|(p, _)| p.text().len());
        if let Some(&(p, offset)) = best {
            out.push((at - offset, p));
        }
    }
    out.sort_unstable_by_key(|&(at, p)| (at, std::cmp::Reverse(p.text().len())));
    out.dedup_by_key(|&mut (at, _)| at);
    out
}

/// The renamed units that the responsibility clauses name, as (start of
/// the old name, entry), in order.
fn find_units(doc: &Document<'_>, folded: &str) -> Vec<(usize, usize)> {
    let endings = &*UNIT_ENDINGS;
    let mut out = Vec::new();
    for unit in doc.clauses.iter().flat_map(|c| c.leads.iter().chain(c.others.iter())) {
        let Some(key) = folded.get(unit.range.as_range()).and_then(ending) else { continue };
        let bit = filter_bit(key);
        if endings.filter[bit / 64] & (1 << (bit % 64)) == 0 {
            continue;
        }
        let name = &folded[unit.range.as_range()];
        let first = endings.sorted.partition_point(|&(e, _)| e < key);
        for &(_, i) in endings.sorted[first..].iter().take_while(|&&(e, _)| e == key) {
            if name.ends_with(ENTRIES[i].phrase) {
                out.push((unit.range.end() - ENTRIES[i].phrase.len(), i));
                break;
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Words of a sentence that reviews the past.
const PAST_WORDS: [&str; 11] =
    ["以来", "过去", "回顾", "去年", "上年", "年来", "收官", "成就", "取得了", "圆满完成", "胜利完成"];

/// Words of a section title that reviews the past.
const REVIEW_TITLES: [&str; 11] =
    ["回顾", "总结", "成效", "成绩", "成就", "基本情况", "开展情况", "完成情况", "进展情况", "上年", "去年"];

/// How long a section title that names a review can be (`一、2023年工作回顾`).
const REVIEW_TITLE_CHARS: usize = 12;

/// Words of a sentence about the reform of government bodies itself.
const REFORM_WORDS: [&str; 11] =
    ["机构改革", "更名", "组建", "划入", "划转", "整合", "撤销", "不再保留", "挂牌", "转隶", "合并"];

/// What follows a period that is a review of it: `“十三五”时期`, `“十三五”末`.
const PERIOD_FOLLOWERS: [&str; 17] = [
    "期间",
    "时期",
    "以来",
    "末",
    "收官",
    "中期",
    "前期",
    "后期",
    "初",
    "成就",
    "成果",
    "实施情况",
    "执行情况",
    "完成情况",
    "评估",
    "总结",
    "回顾",
];

/// Guiding theories listed before 习近平新时代中国特色社会主义思想.
const THEORIES: [&str; 5] = ["马克思列宁主义", "毛泽东思想", "邓小平理论", "三个代表", "科学发展观"];

pub(crate) fn check(ctx: &mut Ctx<'_>) {
    let doc = ctx.doc;
    let folded = doc.folded();
    let mut triad: Vec<(usize, usize)> = Vec::new();
    // Congress chains already reported or rejected: their later names are part of them.
    let mut chain_end = 0;
    let units = if doc.date.is_some() { find_units(doc, folded) } else { Vec::new() };
    let mut phrases = find_phrases(doc, folded);
    phrases.extend(units.into_iter().map(|(at, i)| (at, Phrase::Entry(i))));
    phrases.sort_unstable_by_key(|&(at, _)| at);
    for (at, phrase) in phrases {
        let entry = match phrase {
            Phrase::Entry(i) => &ENTRIES[i],
            Phrase::Triad(k) => {
                triad.push((at, k));
                continue;
            }
        };
        let Some(date) = doc.date else { continue };
        if !date.is_from(entry.stale_from) || at < chain_end {
            continue;
        }
        let found = match entry.kind {
            Kind::Congress(_) => {
                let Some(chain) = congress_chain(folded, at) else { continue };
                chain_end = chain.range.end();
                chain_stale(doc, folded, &chain, date.earliest())
            }
            Kind::Period(_) => period_stale(doc, folded, at, entry),
            Kind::Slogan => {
                let range = TextRange::new(at, at + entry.phrase.len());
                (!reviews_past(doc, folded, range, entry.last_year)).then_some(Found::entry(range, entry))
            }
            Kind::Guide => guide_stale(doc, folded, at, entry),
            Kind::Unit => unit_stale(doc, folded, at, entry),
        };
        if let Some(found) = found {
            report(ctx, found, date.year);
        }
    }
    check_triad(ctx, &triad);
}

/// A finding: the range, the entry whose message and fix it takes (the
/// latest stale one of a chain), and the text to write.
struct Found {
    range: TextRange,
    entry: &'static Entry,
    replacement: String,
}

impl Found {
    fn entry(range: TextRange, entry: &'static Entry) -> Found {
        Found { range, entry, replacement: entry.current.to_string() }
    }
}

fn report(ctx: &mut Ctx<'_>, found: Found, year: u16) {
    let doc = ctx.doc;
    let shown = doc.slice(found.range).replace('\0', "");
    let e = found.entry;
    let (since, current) = (ctx.lang().pick(e.since_zh, e.since_en), &found.replacement);
    let message = match (ctx.lang(), e.kind) {
        (Lang::Zh, Kind::Congress(_)) => {
            format!("“{shown}”在{year}年的文稿中已不是现行表述（{since}），应为“{current}”")
        }
        (Lang::Zh, Kind::Period(_)) => {
            format!("“{shown}”在{year}年的文稿中已不是现行规划期（{since}），应为“{current}”")
        }
        (Lang::Zh, Kind::Slogan) => {
            format!("“{shown}”在{year}年的文稿中已不是现行表述（{since}），应改用“{current}”等现行表述")
        }
        (Lang::Zh, Kind::Guide) => {
            format!("“{shown}”在{year}年的文稿中已不是现行表述（{since}），指导思想应为“{current}”")
        }
        (Lang::Zh, Kind::Unit) => {
            format!("“{shown}”在{year}年的文稿中已不是现行机构名称（{since}），应为“{current}”")
        }
        (Lang::En, Kind::Congress(_)) => {
            format!("“{shown}” is not the current formulation in a draft of {year} ({since}): write “{current}”")
        }
        (Lang::En, Kind::Period(_)) => {
            format!("“{shown}” is not the current plan period in a draft of {year} ({since}): write “{current}”")
        }
        (Lang::En, Kind::Slogan) => format!(
            "“{shown}” is not current in a draft of {year} ({since}): use a current formulation such as “{current}”"
        ),
        (Lang::En, Kind::Guide) => {
            format!("“{shown}” is not the current guiding thought in a draft of {year} ({since}): write “{current}”")
        }
        (Lang::En, Kind::Unit) => {
            format!("“{shown}” is not the unit's current name in a draft of {year} ({since}): write “{current}”")
        }
    };
    let lang = ctx.lang();
    let d = ctx.report(found.range, message);
    if let Some(applicability) = e.fix {
        d.with_fix(Fix {
            title: match lang {
                Lang::Zh => format!("改为“{current}”").into(),
                Lang::En => format!("Change to “{current}”").into(),
            },
            edits: vec![Edit::replace(found.range, current.clone())],
            applicability,
        });
    }
}

/// A list of congresses and plenums, `党的十九大和十九届二中、三中全会`.
struct Chain {
    /// From `党的`/`中共` (if written) to the last name, or to `精神` after it.
    range: TextRange,
    /// The latest congress named.
    latest: u8,
    /// Whether `精神` follows.
    spirit: bool,
}

/// The chain of congress and plenum names starting at `at`, if it is
/// guidance being followed: followed by `精神`, or right after 贯彻, 落实,
/// 学习, 领会 or 传达 and ending a clause. Not a chain continuing an earlier
/// name, nor a league, union or local congress (`团十九大`, `工会十八大`).
fn congress_chain(folded: &str, at: usize) -> Option<Chain> {
    if char_before(folded, at).is_some_and(is_numeral) {
        return None; // 二十九大类
    }
    let mut start = at;
    if let Some(p) = ["党的", "中共"].iter().find(|p| folded[..at].ends_with(*p)) {
        start -= p.len();
    }
    let before = &folded[..start];
    // A continuation of an earlier name (二十大和十九届…), or another body's congress.
    let trimmed = ["以及", "和", "及", "、", "与"].iter().find_map(|s| before.strip_suffix(s)).unwrap_or(before);
    if trimmed.len() < before.len() && (trimmed.ends_with('大') || trimmed.ends_with("全会")) {
        return None;
    }
    let verb = ["贯彻", "落实", "学习", "领会", "传达"].iter().any(|v| before.ends_with(v));
    let guided = start < at
        || verb
        || ["以", "按照", "根据", "围绕", "和", "及", "、", "与"].iter().any(|w| before.ends_with(w))
        || char_before(folded, start).is_none_or(|c| !is_han(c));
    if !guided {
        return None;
    }
    let (mut latest, mut end) = congress_name(folded, at)?;
    loop {
        let rest = &folded[end..];
        let Some(sep) = ["以及", "和", "及", "、", "与"].iter().find(|s| rest.starts_with(*s)) else { break };
        let mut next = end + sep.len();
        if let Some(p) = ["党的", "中共"].iter().find(|p| folded[next..].starts_with(*p)) {
            next += p.len();
        }
        let Some((n, e)) = congress_name(folded, next) else { break };
        latest = latest.max(n);
        end = e;
    }
    let rest = &folded[end..];
    let spirit = rest.starts_with("精神");
    if spirit {
        end += "精神".len();
    } else if !(verb && (rest.is_empty() || rest.starts_with(['，', '、', '。', '；', ',', ';']))) {
        return None;
    }
    Some(Chain { range: TextRange::new(start, end), latest, spirit })
}

/// A congress (`十九大`) or a plenum of its Central Committee
/// (`十九届五中全会`, `十九届二中、三中全会`, `十九届历次全会`,
/// `十九届中央委员会第五次全体会议`) at `at`: its number and end.
fn congress_name(s: &str, at: usize) -> Option<(u8, usize)> {
    let rest = s.get(at..)?;
    let n = [("十六", 16), ("十七", 17), ("十八", 18), ("十九", 19), ("二十", 20)]
        .iter()
        .find(|(w, _)| rest.starts_with(w))
        .map(|&(_, n)| n)?;
    let p = at + "十九".len();
    if s[p..].starts_with('大') {
        return Some((n, p + '大'.len_utf8()));
    }
    let r = s[p..].strip_prefix('届')?;
    let p = p + '届'.len_utf8();
    for w in ["历次全会", "历次中央全会"] {
        if r.starts_with(w) {
            return Some((n, p + w.len()));
        }
    }
    if let Some(q) = r.strip_prefix("中央委员会第") {
        let (_, len) = crate::syntax::numerals::parse_cn_ordinal(q)?;
        return q[len..].starts_with("次全体会议").then(|| (n, s.len() - q.len() + len + "次全体会议".len()));
    }
    // 五中全会, 二中、三中全会: national plenums are 中全会 (a local one is 次全会).
    let mut q = r;
    loop {
        let (_, len) = crate::syntax::numerals::parse_cn_ordinal(q)?;
        q = q[len..].strip_prefix('中')?;
        if let Some(t) = q.strip_prefix("全会") {
            return Some((n, s.len() - t.len()));
        }
        q = ["、", "和", "及"].iter().find_map(|sep| q.strip_prefix(sep))?;
    }
}

/// Whether a chain is stale at `month`, outside a review of the past; the
/// finding names the congress current then.
fn chain_stale(doc: &Document<'_>, folded: &str, chain: &Chain, month: YearMonth) -> Option<Found> {
    // The latest stale congress entry from the chain's latest congress on.
    let entry = ENTRIES
        .iter()
        .filter(|e| matches!(e.kind, Kind::Congress(n) if n >= chain.latest))
        .take_while(|e| month >= e.stale_from)
        .last()?;
    if in_book_title(doc, folded, chain.range.start()) || reviews_past(doc, folded, chain.range, entry.last_year) {
        return None;
    }
    let mut replacement = entry.current.to_string();
    if chain.spirit {
        replacement.push_str("精神");
    }
    Some(Found { range: chain.range, entry, replacement })
}

/// A plan period named as the current one at `at`.
fn period_stale(doc: &Document<'_>, folded: &str, at: usize, entry: &'static Entry) -> Option<Found> {
    let Kind::Period(n) = entry.kind else { return None };
    let end = at + entry.phrase.len();
    if char_before(folded, at).is_some_and(is_numeral) || char_at(folded, end).is_some_and(is_numeral) {
        return None;
    }
    // A draft whose title names the period belongs to it.
    if let Some(g) = doc.genre_line
        && folded[doc.lines[g as usize].range.as_range()].contains(entry.phrase)
    {
        return None;
    }
    let after = folded[end..].trim_start_matches(['”', '"', '’', '」']);
    let after = ["规划", "计划"].iter().find_map(|w| after.strip_prefix(w)).unwrap_or(after);
    if PERIOD_FOLLOWERS.iter().any(|w| after.starts_with(w)) {
        return None;
    }
    let before = folded[..at].trim_end_matches(['“', '"', '‘', '「']);
    if before.ends_with(['比', '较', '与']) {
        return None; // 比“十三五”… compares with it
    }
    let range = TextRange::new(at, end);
    if in_book_title(doc, folded, at) || reviews_past(doc, folded, range, entry.last_year) {
        return None;
    }
    let month = doc.date?.earliest();
    let latest = ENTRIES
        .iter()
        .filter(|e| matches!(e.kind, Kind::Period(m) if m >= n))
        .take_while(|e| month >= e.stale_from)
        .last()?;
    Some(Found::entry(range, latest))
}

/// A guiding-thought list (`以邓小平理论和“三个代表”重要思想为指导`) without
/// 习近平新时代中国特色社会主义思想; `at` is its `为指导`.
fn guide_stale(doc: &Document<'_>, folded: &str, at: usize, entry: &'static Entry) -> Option<Found> {
    let ls = (doc.lines[doc.line_of(at)].content as usize).min(at);
    let clause_start = folded[ls..at].rfind(['，', '。', '；', '：', ',', ';', ':']).map_or(ls, |p| {
        let p = ls + p;
        p + char_at(folded, p).map_or(1, char::len_utf8)
    });
    let clause = &folded[clause_start..at];
    let first = THEORIES.iter().filter_map(|t| clause.find(t)).min()?;
    if clause.contains("习近平") {
        return None;
    }
    let start = clause[..first].rfind('以').map_or(clause_start + first, |p| clause_start + p);
    let range = TextRange::new(start, at + entry.phrase.len());
    if in_book_title(doc, folded, at) || reviews_past(doc, folded, range, entry.last_year) {
        return None;
    }
    Some(Found::entry(range, entry))
}

/// A unit name at `at`, as a current unit: not `原…`, not part of another
/// word (`环境保护部门`, `…局面`), not in a sentence about the reform or
/// about a year before it.
fn unit_stale(doc: &Document<'_>, folded: &str, at: usize, entry: &'static Entry) -> Option<Found> {
    let end = at + entry.phrase.len();
    let next = char_at(folded, end);
    let word_goes_on = match entry.phrase.chars().next_back() {
        Some('局') => matches!(next, Some('面' | '势' | '限' | '部')),
        Some('部') => matches!(next, Some('门' | '署' | '分' | '位' | '件')),
        _ => false,
    };
    if word_goes_on {
        return None;
    }
    let line_start = (doc.lines[doc.line_of(at)].content as usize).min(at);
    let near: String = folded[line_start..at].chars().rev().take(4).collect();
    if near.contains('原') || near.contains("身前") {
        return None; // 原市环保局, 前身…
    }
    let range = TextRange::new(at, end);
    let sentence = sentence_around(doc, folded, range);
    let s = &folded[sentence.as_range()];
    if REFORM_WORDS.iter().any(|w| s.contains(w))
        || names_year_up_to(s, entry.last_year)
        || in_book_title(doc, folded, at)
    {
        return None;
    }
    Some(Found::entry(range, entry))
}

/// Reports triads written as a list with one member dropped. `hits` are
/// (start, member) in order.
fn check_triad(ctx: &mut Ctx<'_>, hits: &[(usize, usize)]) {
    let doc = ctx.doc;
    let folded = doc.folded();
    let mut i = 0;
    while i < hits.len() {
        let sentence = sentence_around(doc, folded, TextRange::empty(hits[i].0));
        let j = i + hits[i..].iter().take_while(|(at, _)| sentence.contains(*at)).count();
        let group = &hits[i..j.max(i + 1)];
        i = j.max(i + 1);
        let mut present = [None; 3];
        for &(at, m) in group {
            present[m].get_or_insert(at);
        }
        let count = present.iter().filter(|p| p.is_some()).count();
        if count != 2 {
            continue;
        }
        let missing = present.iter().position(Option::is_none).unwrap_or(0);
        // Without 两个维护 the pair was complete until 2018.
        if missing == 2 && !doc.date.is_some_and(|d| d.is_from(YearMonth::new(2019, 1))) {
            continue;
        }
        let (a, b) = match missing {
            0 => (1, 2),
            1 => (0, 2),
            _ => (0, 1),
        };
        let (Some(pa), Some(pb)) = (present[a], present[b]) else { continue };
        let Some(item_a) = triad_item(folded, pa, TRIAD[a].0) else { continue };
        let Some(item_b) = triad_item(folded, pb, TRIAD[b].0) else { continue };
        // Written as a list: the second item right after the first, `、` or `，` between.
        if item_a.end > item_b.start || !matches!(&folded[item_a.end..item_b.start], "、" | "，" | ",") {
            continue;
        }
        let (open, close) = item_a.quotes;
        let write = |m: usize| format!("{}{open}{}{close}", TRIAD[m].1, TRIAD[m].0);
        let whole = format!("{}、{}、{}", write(0), write(1), write(2));
        let (at, insert) = match missing {
            0 => (item_a.start, format!("{}、", write(0))),
            1 => (item_a.end, format!("、{}", write(1))),
            _ => (item_b.end, format!("、{}", write(2))),
        };
        let range = TextRange::new(item_a.start, item_b.end);
        let missing_text = write(missing);
        let (message, title) = match ctx.lang() {
            Lang::Zh => (
                format!(
                    "固定表述“{}”不完整，缺少“{}”",
                    whole.replace(['“', '"'], "‘").replace('”', "’"),
                    missing_text.replace(['“', '"'], "‘").replace('”', "’")
                ),
                format!("补上“{}”", missing_text.replace(['“', '"'], "‘").replace('”', "’")),
            ),
            Lang::En => (
                format!("Incomplete fixed formulation “{whole}”: “{missing_text}” is missing"),
                format!("Insert “{missing_text}”"),
            ),
        };
        ctx.report(range, message).with_fix(Fix {
            title: title.into(),
            edits: vec![Edit::insert(at, insert)],
            applicability: Applicability::Unsafe,
        });
    }
}

/// One written member of the triad: from its verb (if one of the
/// standard ones is written) to its closing quote.
struct TriadItem {
    start: usize,
    end: usize,
    quotes: (&'static str, &'static str),
}

fn triad_item(folded: &str, at: usize, word: &str) -> Option<TriadItem> {
    let open = char_before(folded, at);
    let quotes = match open {
        Some('“') => ("“", "”"),
        Some('"') => ("\"", "\""),
        Some('‘') => ("‘", "’"),
        _ => ("", ""),
    };
    let mut start = at - quotes.0.len();
    let mut end = at + word.len();
    if !quotes.1.is_empty() {
        end += folded[end..].starts_with(quotes.1).then_some(quotes.1.len())?;
    }
    let before = &folded[..start];
    let verb =
        ["牢固树立", "坚决做到", "增强", "树牢", "坚定", "做到", "树立", "强化"].iter().find(|v| before.ends_with(*v));
    start -= verb.map_or(0, |v| v.len());
    Some(TriadItem { start, end, quotes })
}

/// The sentence around `range`: within its line, between the sentence
/// ends before and after it.
fn sentence_around(doc: &Document<'_>, folded: &str, range: TextRange) -> TextRange {
    let line = &doc.lines[doc.line_of(range.start())];
    let (ls, le) = ((line.content as usize).min(range.start()), line.range.end().max(range.end()));
    let ends = ['。', '！', '？', '；', '!', '?', ';'];
    let start = folded[ls..range.start()].rfind(ends).map_or(ls, |p| {
        let p = ls + p;
        p + char_at(folded, p).map_or(1, char::len_utf8)
    });
    let end = folded[range.end().min(le)..le].find(ends).map_or(le, |p| range.end().min(le) + p);
    TextRange::new(start, end.max(start))
}

/// Whether `range` is in a sentence or a section that reviews the past: a
/// sentence with a past word (`以来`, `过去`, `去年` …) or a year up to
/// `last_year`, or a section whose short title names a review (`工作回顾`,
/// `主要成效`).
fn reviews_past(doc: &Document<'_>, folded: &str, range: TextRange, last_year: u16) -> bool {
    let sentence = sentence_around(doc, folded, range);
    let s = &folded[sentence.as_range()];
    if PAST_WORDS.iter().any(|w| s.contains(w)) || names_year_up_to(s, last_year) {
        return true;
    }
    let Some(h) = doc.heading_at(range.start()) else { return false };
    std::iter::once(h).chain(doc.headings.ancestors(h)).any(|i| {
        // A section's name is short; a long title is an item's first sentence.
        let title = &folded[doc.headings[i].title.as_range()];
        title.chars().count() <= REVIEW_TITLE_CHARS && REVIEW_TITLES.iter().any(|w| title.contains(w))
    })
}

/// Whether `s` names a year (`2021年`, `二〇二一年`) no later than `last`.
fn names_year_up_to(s: &str, last: u16) -> bool {
    s.char_indices()
        .any(|(i, _)| year_at(s, i).is_some_and(|(y, len)| y <= last && s[i + len..].starts_with(['年', '-', '.'])))
}

/// Whether `at` is inside a `《…》` title on its line.
fn in_book_title(doc: &Document<'_>, folded: &str, at: usize) -> bool {
    let line = &doc.lines[doc.line_of(at)];
    let before = &folded[(line.content as usize).min(at)..at];
    before.rfind('《').is_some_and(|o| before.rfind('》').is_none_or(|c| c < o))
}

fn is_numeral(c: char) -> bool {
    matches!(c, '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十' | '百' | '〇' | '零')
}

#[cfg(test)]
mod tests {
    use expect_test::expect;

    use super::STALE_FORMULATION;
    use crate::rules::tests::check;

    /// Every phrase but a unit name is found through one of the parser's anchors.
    #[test]
    fn every_phrase_has_an_anchor() {
        let anchored = &*super::ANCHORED;
        let entries = (0..super::ENTRIES.len()).filter(|&i| super::ENTRIES[i].kind != super::Kind::Unit);
        let phrases = entries.map(super::Phrase::Entry).chain((0..super::TRIAD.len()).map(super::Phrase::Triad));
        for p in phrases {
            assert!(anchored.iter().flatten().any(|&(q, _)| q == p), "{}", p.text());
        }
    }

    #[test]
    fn a_superseded_congress_as_guidance() {
        check(
            &STALE_FORMULATION,
            "2023年全区数字经济工作要点\n全区数字经济工作要以党的十九大和十九届历次全会精神为指导，加快建设数字强区。\n",
            expect![[r#"
                2:11 PL503 [党的十九大和十九届历次全会精神] “党的十九大和十九届历次全会精神”在2023年的文稿中已不是现行表述（2022年10月党的二十大后），应为“党的二十大精神” (fix: display-only: 改为“党的二十大精神” @2:11 "党的二十大精神")
            "#]],
        );
        // Two congresses behind: the message names the one current in the draft's year.
        check(
            &STALE_FORMULATION,
            "某镇2021年工作计划\n全镇以党的十七大和十七届五中全会精神为指导，扎实推进各项工作。\n",
            expect![[r#"
                2:4 PL503 [党的十七大和十七届五中全会精神] “党的十七大和十七届五中全会精神”在2021年的文稿中已不是现行表述（2017年10月党的十九大后），应为“党的十九大精神” (fix: display-only: 改为“党的十九大精神” @2:4 "党的十九大精神")
            "#]],
        );
        // The object of 学习贯彻, without 精神.
        check(
            &STALE_FORMULATION,
            "某县2019年科技工作要点\n深入学习贯彻十八届五中全会，加快实施创新驱动发展战略。\n",
            expect![[r#"
                2:7 PL503 [十八届五中全会] “十八届五中全会”在2019年的文稿中已不是现行表述（2017年10月党的十九大后），应为“党的十九大” (fix: display-only: 改为“党的十九大” @2:7 "党的十九大")
            "#]],
        );
    }

    #[test]
    fn congresses_that_are_not_stale_guidance() {
        let quiet = [
            // A date, a decision, a review.
            "党的十九大以来，全区科技创新能力持续提升。",
            "党的十九大报告提出，创新是引领发展的第一动力。",
            "过去五年，我们全面贯彻党的十九大精神，各项事业取得长足进步。",
            "2022年，全区深入学习贯彻党的十九届六中全会精神。",
            // Another body's congress; a local plenum.
            "深入学习贯彻团十九大精神，加强青年工作。",
            "认真贯彻县委十六届三次全会精神。",
            // The current congress, and a document title.
            "深入贯彻党的二十大和二十届二中、三中全会精神。",
            "认真落实《中共中央关于十九届五中全会有关事项的通知》要求。",
        ];
        for sentence in quiet {
            check(&STALE_FORMULATION, &format!("2024年全区工作要点\n{sentence}\n"), expect![""]);
        }
        // A review section.
        check(
            &STALE_FORMULATION,
            "2023年全区工作要点\n一、2022年工作回顾\n全区深入贯彻党的十九大精神。\n二、2023年重点任务\n",
            expect![""],
        );
    }

    #[test]
    fn judged_against_the_drafts_year() {
        let body = "深入贯彻党的十九大精神，推动高质量发展。\n";
        // A year alone counts from January: 2022 may be before the 二十大.
        check(&STALE_FORMULATION, &format!("某市2022年工作要点\n{body}"), expect![""]);
        check(&STALE_FORMULATION, &format!("某市工作要点\n{body}"), expect![""]);
        // Target years and past years in the body are not the draft's year.
        check(&STALE_FORMULATION, &format!("某市工作要点\n到2027年，建成创新型城市。\n{body}"), expect![""]);
        // A signed date after the congress.
        check(
            &STALE_FORMULATION,
            &format!("某市工作要点\n{body}某市人民政府\n2022年12月5日\n"),
            expect![[r#"
                2:5 PL503 [党的十九大精神] “党的十九大精神”在2022年的文稿中已不是现行表述（2022年10月党的二十大后），应为“党的二十大精神” (fix: display-only: 改为“党的二十大精神” @2:5 "党的二十大精神")
            "#]],
        );
        // A document number.
        check(
            &STALE_FORMULATION,
            &format!("某政办发〔2023〕8号\n某市工作要点\n{body}"),
            expect![[r#"
                3:5 PL503 [党的十九大精神] “党的十九大精神”在2023年的文稿中已不是现行表述（2022年10月党的二十大后），应为“党的二十大精神” (fix: display-only: 改为“党的二十大精神” @3:5 "党的二十大精神")
            "#]],
        );
    }

    #[test]
    fn plan_periods() {
        check(
            &STALE_FORMULATION,
            "某区2026年工作要点\n紧紧围绕“十四五”规划目标任务，推动经济社会高质量发展。\n",
            expect![[r#"
                2:6 PL503 [十四五] “十四五”在2026年的文稿中已不是现行规划期（2026年起为“十五五”时期），应为“十五五” (fix: display-only: 改为“十五五” @2:6 "十五五")
            "#]],
        );
        check(
            &STALE_FORMULATION,
            "某区2023年工作要点\n2023年是“十三五”规划承上启下的关键之年。\n",
            expect![[r#"
                2:8 PL503 [十三五] “十三五”在2023年的文稿中已不是现行规划期（2021年起为“十四五”时期），应为“十四五” (fix: display-only: 改为“十四五” @2:8 "十四五")
            "#]],
        );
        let quiet = [
            "紧紧围绕“十四五”规划目标任务，推动高质量发展。",
            "“十三五”时期，全区地区生产总值年均增长7%。",
            "研发投入比“十三五”末增长30%。",
            "全面总结“十三五”规划实施情况。",
            "2020年是“十三五”规划收官之年。",
            "依据《某市“十三五”科技创新规划》开展评估。",
        ];
        for sentence in quiet {
            check(&STALE_FORMULATION, &format!("某区2024年工作要点\n{sentence}\n"), expect![""]);
        }
        // An item whose long first sentence mentions 上年 is not a review section.
        check(
            &STALE_FORMULATION,
            "某县2026年科技工作要点\n二、主要目标\n①专利授权量在上年基础上增长5%以上，认定高新技术企业10家；②编制完成全县科技“十二五”规划。\n",
            expect![[r#"
                3:42 PL503 [十二五] “十二五”在2026年的文稿中已不是现行规划期（2026年起为“十五五”时期），应为“十五五” (fix: display-only: 改为“十五五” @3:42 "十五五")
            "#]],
        );
        // A draft whose title names the period belongs to it.
        check(&STALE_FORMULATION, "某市“十四五”数字政府建设方案（2026年修订）\n落实“十四五”任务。\n", expect![""]);
    }

    #[test]
    fn slogans_and_guiding_thought() {
        check(
            &STALE_FORMULATION,
            "某县2022年工作要点\n为决胜全面建成小康社会提供坚强保障。\n坚持以邓小平理论和“三个代表”重要思想为指导，深入贯彻落实科学发展观。\n",
            expect![[r#"
                2:2 PL503 [决胜全面建成小康社会] “决胜全面建成小康社会”在2022年的文稿中已不是现行表述（2021年7月宣告全面建成小康社会后），应改用“全面建设社会主义现代化国家”等现行表述
                3:3 PL503 [以邓小平理论和“三个代表”重要思想为指导] “以邓小平理论和“三个代表”重要思想为指导”在2022年的文稿中已不是现行表述（2017年10月党的十九大后），指导思想应为“以习近平新时代中国特色社会主义思想为指导”
            "#]],
        );
        let quiet = [
            "2020年，全县决胜全面建成小康社会取得决定性成就。",
            "坚持以马克思列宁主义、毛泽东思想、邓小平理论、“三个代表”重要思想、科学发展观、习近平新时代中国特色社会主义思想为指导。",
            "以习近平新时代中国特色社会主义思想为指导。",
        ];
        for sentence in quiet {
            check(&STALE_FORMULATION, &format!("某县2022年工作要点\n{sentence}\n"), expect![""]);
        }
        // In 2021 the slogan may still be current.
        check(&STALE_FORMULATION, "某县2021年工作要点\n为决胜全面建成小康社会提供保障。\n", expect![""]);
    }

    #[test]
    fn renamed_units() {
        check(
            &STALE_FORMULATION,
            "某县2023年工作要点\n一、主要任务\n1.开展污染防治。（牵头单位：县环保局；责任单位：县国土资源局、县卫计委、县安监局、县国税局）\n",
            expect![[r#"
                3:17 PL503 [环保局] “环保局”在2023年的文稿中已不是现行机构名称（2018年机构改革后），应为“生态环境局” (fix: unsafe: 改为“生态环境局” @3:17 "生态环境局")
                3:27 PL503 [国土资源局] “国土资源局”在2023年的文稿中已不是现行机构名称（2018年机构改革后），应为“自然资源局” (fix: unsafe: 改为“自然资源局” @3:27 "自然资源局")
                3:34 PL503 [卫计委] “卫计委”在2023年的文稿中已不是现行机构名称（2018年机构改革后），应为“卫健委” (fix: unsafe: 改为“卫健委” @3:34 "卫健委")
                3:39 PL503 [安监局] “安监局”在2023年的文稿中已不是现行机构名称（2018年机构改革后），应为“应急管理局” (fix: unsafe: 改为“应急管理局” @3:39 "应急管理局")
                3:44 PL503 [国税局] “国税局”在2023年的文稿中已不是现行机构名称（2018年国税地税机构合并后），应为“税务局” (fix: unsafe: 改为“税务局” @3:44 "税务局")
            "#]],
        );
        let quiet = [
            // The current names; 农业局 is not inside 农业农村局.
            "（牵头单位：县生态环境局；责任单位：县农业农村局、县自然资源和规划局、县市场监管局）",
            // The former body.
            "（牵头单位：县生态环境局；责任单位：原县环保局）",
            // Units are read where the draft assigns tasks: not in prose.
            "机构改革后，县国土资源局更名为县自然资源局。",
            "2017年，县环保局完成了环境监测站建设。",
        ];
        for sentence in quiet {
            check(&STALE_FORMULATION, &format!("某县2023年工作要点\n{sentence}\n"), expect![""]);
        }
        // Local reforms were done by March 2019: a 2019 draft of unknown month is not judged.
        check(&STALE_FORMULATION, "某县2019年工作要点\n（牵头单位：县环保局）\n", expect![""]);
    }

    #[test]
    fn the_triad_with_a_member_dropped() {
        check(
            &STALE_FORMULATION,
            "某县2023年工作要点\n全县党员干部要坚定“四个自信”、做到“两个维护”。\n要牢固树立“四个意识”、坚决做到“两个维护”。\n要增强“四个意识”、坚定“四个自信”。\n",
            expect![[r#"
                2:8 PL503 [坚定“四个自信”、做到“两个维护”] 固定表述“增强‘四个意识’、坚定‘四个自信’、做到‘两个维护’”不完整，缺少“增强‘四个意识’” (fix: unsafe: 补上“增强‘四个意识’” @2:8 "增强“四个意识”、")
                3:2 PL503 [牢固树立“四个意识”、坚决做到“两个维护”] 固定表述“增强‘四个意识’、坚定‘四个自信’、做到‘两个维护’”不完整，缺少“坚定‘四个自信’” (fix: unsafe: 补上“坚定‘四个自信’” @3:12 "、坚定“四个自信”")
                4:2 PL503 [增强“四个意识”、坚定“四个自信”] 固定表述“增强‘四个意识’、坚定‘四个自信’、做到‘两个维护’”不完整，缺少“做到‘两个维护’” (fix: unsafe: 补上“做到‘两个维护’” @4:19 "、做到“两个维护”")
            "#]],
        );
        let quiet = [
            "增强“四个意识”、坚定“四个自信”、做到“两个维护”。",
            // Not written as one list.
            "牢固树立“四个意识”，在思想上政治上行动上同党中央保持高度一致，坚决做到“两个维护”。",
            "“四个意识”是“两个维护”的思想基础。",
        ];
        for sentence in quiet {
            check(&STALE_FORMULATION, &format!("某县2023年工作要点\n{sentence}\n"), expect![""]);
        }
        // Without a date: a pair with 两个维护 is still incomplete, the older pair is not judged.
        check(
            &STALE_FORMULATION,
            "要坚定“四个自信”、做到“两个维护”。\n要增强“四个意识”、坚定“四个自信”。\n",
            expect![[r#"
                1:2 PL503 [坚定“四个自信”、做到“两个维护”] 固定表述“增强‘四个意识’、坚定‘四个自信’、做到‘两个维护’”不完整，缺少“增强‘四个意识’” (fix: unsafe: 补上“增强‘四个意识’” @1:2 "增强“四个意识”、")
            "#]],
        );
    }

    #[test]
    fn english_messages() {
        let config = crate::Config { lang: crate::Lang::En, ..Default::default() };
        crate::rules::tests::check_with(
            &STALE_FORMULATION,
            crate::SourceKind::PlainText,
            &config,
            "2023年工作要点\n深入贯彻党的十九大精神。（牵头单位：县环保局）\n",
            expect![[r#"
                2:5 PL503 [党的十九大精神] “党的十九大精神” is not the current formulation in a draft of 2023 (after the 20th Party Congress of October 2022): write “党的二十大精神” (fix: display-only: Change to “党的二十大精神” @2:5 "党的二十大精神")
                2:20 PL503 [环保局] “环保局” is not the unit's current name in a draft of 2023 (renamed in the 2018 reform of government bodies): write “生态环境局” (fix: unsafe: Change to “生态环境局” @2:20 "生态环境局")
            "#]],
        );
    }

    /// Applying every fix leaves no finding of any rule that was not there before.
    #[test]
    fn fixes_remove_their_findings() {
        let text = "2023年全县工作要点\n以党的十九大精神为指导，紧紧围绕“十三五”规划目标。\n坚定“四个自信”、做到“两个维护”。\n\
                    一、主要任务\n1.开展监测。（牵头单位：县环保局；责任单位：县质监局）\n";
        let config = crate::Config::default();
        let before = crate::analyze(text, crate::SourceKind::PlainText, &config).diagnostics;
        let ours: Vec<_> = before.iter().filter(|d| d.rule.code == "PL503").collect();
        assert_eq!(ours.len(), 5, "{ours:#?}");
        let (fixed, applied) = crate::apply_fixes(text, ours.iter().filter_map(|d| d.fix.as_deref()));
        assert_eq!(applied, 5);
        let after = crate::analyze(&fixed, crate::SourceKind::PlainText, &config).diagnostics;
        assert!(after.iter().all(|d| d.rule.code != "PL503"), "{fixed}\n{after:#?}");
        assert!(after.len() <= before.len() - ours.len(), "{fixed}\n{after:#?}");
    }
}

#[cfg(test)]
mod prop {
    use proptest::prelude::*;

    /// Pieces of dated formulations, enumerations and dates, with ASCII and
    /// two-byte characters between them so that no offset lands on a CJK
    /// character boundary by luck.
    const PIECES: [&str; 36] = [
        "十九大",
        "十九届五中、六中全会",
        "精神",
        "党的",
        "和",
        "、",
        "小康",
        "决胜全面建成小康社会",
        "为指导",
        "以",
        "邓小平理论",
        "四个意识",
        "四个自信",
        "两个维护",
        "坚定",
        "做到",
        "“",
        "”",
        "a",
        "é",
        "2023年",
        "〔2024〕3号",
        "一是",
        "二是",
        "第三，",
        "；",
        "。",
        "\n",
        "县环保局",
        "（牵头单位：",
        "）",
        "十四五",
        "以来",
        "2022年12月5日",
        "《",
        "》",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn no_panic_on_pieces(picks in proptest::collection::vec(0usize..PIECES.len(), 0..40)) {
            let text: String = picks.iter().map(|&i| PIECES[i]).collect();
            let config = crate::Config::default();
            let analysis = crate::analyze(&text, crate::SourceKind::PlainText, &config);
            for d in &analysis.diagnostics {
                prop_assert!(text.is_char_boundary(d.range.start()) && text.is_char_boundary(d.range.end()));
            }
            // Applying this rule's and the enumeration rule's fixes leaves none of their findings.
            let ours = |d: &&crate::Diagnostic| matches!(d.rule.code, "PL503" | "PL402");
            let fixes = analysis.diagnostics.iter().filter(ours).filter_map(|d| d.fix.as_deref());
            let (fixed, _) = crate::apply_fixes(&text, fixes);
            let after = crate::analyze(&fixed, crate::SourceKind::PlainText, &config);
            let left: Vec<_> = after.diagnostics.iter().filter(ours).collect();
            let unfixable = analysis.diagnostics.iter().filter(ours).filter(|d| d.fix.is_none()).count();
            prop_assert!(left.iter().all(|d| d.fix.is_none()) && left.len() <= unfixable, "{text:?} -> {fixed:?}: {left:#?}");
        }
    }
}
