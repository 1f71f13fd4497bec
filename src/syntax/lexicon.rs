//! The words read around a number or a slot: measure words (量词),
//! magnitudes, units of money and date, the suffixes of place and
//! organisation names, and the ordinary words that begin with one of these
//! characters (个人, 家庭, 科技, 市场).
//!
//! The placeholder scan, the Markdown emphasis check and the target rule all
//! ask "does a count (or a name) end here?"; they answer it from these sets,
//! so that they agree. Lists of words are strings of space-separated words.

/// What the text in a slot is: a number, a date, the name of a place or a
/// person, or the name of an organisation (单位).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Slot {
    Number,
    Date,
    Name,
    Organisation,
}

/// Whether a gap right before `rest` is a numeral left blank (`有 家`,
/// `达到 %`): `rest` begins with a core measure word, 万 or 亿, 元 or a
/// percent sign, and not with an ordinary word (家庭, 座谈, 元旦).
pub fn counts_after_gap(rest: &str) -> bool {
    let Some(c) = rest.chars().next() else { return false };
    (CORE_MEASURES.contains(&c) || LARGE_MAGNITUDES.contains(&c) || MONEY_AND_PERCENT.contains(&c))
        && !starts_with_any(rest, ORDINARY_WORDS)
}

/// Whether `c` after a written numeral makes it a count or an amount
/// (`三家`, `五千亿`, `两成`): any measure word, magnitude or 元.
pub fn is_count_suffix(c: char) -> bool {
    [CORE_MEASURES, MORE_MEASURES, WEAK_MEASURES, LARGE_MAGNITUDES, SMALL_MAGNITUDES, &['元']]
        .iter()
        .any(|set| set.contains(&c))
}

/// Whether `c` is a percent or permille sign.
pub fn is_percent(c: char) -> bool {
    matches!(c, '%' | '％' | '‰')
}

/// Whether `rest`, the text right after a run of `*`, `○` or the like, marks
/// the run as a mask (`**家`, `*市`, `**%`, `XX局`, `**大`, `*省长`,
/// `**公司`): it begins with a measure word, magnitude, unit of money or
/// date, a series word, the suffix of a place or organisation, a person's
/// title, or 大 (`**大工程`), and not with an ordinary word (科技, 市场,
/// 项目).
pub fn is_mask_follower(rest: &str) -> bool {
    let Some(c) = rest.chars().next() else { return false };
    match longest_word(rest) {
        Some((Word::Ordinary, _)) => false,
        Some((Word::Person | Word::Measure, _)) => true,
        Some((Word::Organisation, w)) if words(MASK_ORGANISATION_WORDS).any(|m| m == w) => true,
        _ => single_char_slot(c).is_some(),
    }
}

/// What a slot right before `rest` holds, judged from the words that follow
/// it: a person's title or an organisation word (`*省长`, `**大学`), a unit
/// of measure, date or place (`**平方米`, `××年度`, `XX新区`), a
/// one-character measure word, date unit or suffix (`**家`, `X年`, `XX县`,
/// `XX局`), an organisation word a few characters on (`**人才集团`), or a
/// verb of responsibility (`X牵头`). Where words overlap, the longest
/// decides: 人民政府 is an organisation though 人民 is an ordinary word, and
/// 大学生 is an ordinary word though 大学 is an organisation.
pub fn slot_before(rest: &str) -> Option<Slot> {
    let c = rest.chars().next()?;
    match longest_word(rest) {
        Some((Word::Person | Word::Area, _)) => return Some(Slot::Name),
        Some((Word::Organisation, _)) => return Some(Slot::Organisation),
        Some((Word::Measure, _)) => return Some(Slot::Number),
        Some((Word::Date, _)) => return Some(Slot::Date),
        Some((Word::Ordinary, _)) => {}
        None => {
            if let Some(slot) = single_char_slot(c) {
                return Some(slot);
            }
            if WEAK_MEASURES.contains(&c) || MORE_UNITS.contains(&c) {
                return Some(Slot::Number);
            }
            if c == '籍' {
                return Some(Slot::Name); // X籍: a place of origin
            }
        }
    }
    organisation_ahead(rest).then_some(Slot::Organisation)
}

/// Measure words (量词) a target's count most often takes: `3家`, `12个`,
/// `5项`. A gap before one of them (`培育 家`) is read as a numeral left
/// blank, so this set holds only words that seldom begin another word, apart
/// from those in [`ORDINARY_WORDS`].
pub const CORE_MEASURES: &[char] = &['家', '个', '项', '名', '件', '座', '所', '条', '台', '套', '亩', '吨', '倍'];

/// Further measure words after a count or a masked count (`200人`, `**批`,
/// `X处`). They begin too many words (人员, 批准, 处理, 支持, 位于) for a gap
/// before them to mean a blank numeral.
pub const MORE_MEASURES: &[char] = &['人', '批', '处', '次', '场', '支', '位'];

/// Measure words that count only after a written numeral (`300户`, `三成`,
/// `五星`): they begin so many words and names (张 is a surname; 成果, 类似,
/// 级别, 款项) that they do not mark a run of `*` as a mask.
pub const WEAK_MEASURES: &[char] = &['户', '张', '类', '款', '级', '星', '成'];

/// Words that number an item in a series: `第X届`, `X期`, `〔20XX〕X号`.
pub const SERIES: &[char] = &['届', '期', '号'];

/// Magnitudes that end an amount: `5万`, `**亿元`. 万 and 亿 rarely begin
/// another word in a plan; 千 and 百 do (千方百计, 百姓), so a gap before
/// them is not read as a blank numeral.
pub const LARGE_MAGNITUDES: &[char] = &['万', '亿'];
pub const SMALL_MAGNITUDES: &[char] = &['千', '百'];

/// The unit of money and the percent signs: `X元`, `增长*%`.
pub const MONEY_AND_PERCENT: &[char] = &['元', '%', '％', '‰'];

/// Date units: `X年`, `x月xx日`.
pub const DATE_UNITS: &[char] = &['年', '月', '日'];

/// Approximation after a count: `X余名`, `**多家`.
pub const APPROXIMATIONS: &[char] = &['多', '余'];

/// Suffixes of administrative areas: `XX县`, `*市`, `××镇`.
pub const AREA_SUFFIXES: &[char] = &['省', '市', '县', '区', '镇', '乡', '村'];

/// One-character suffixes of organisations and their parts: `XX局`,
/// `*委`, `**科`.
pub const ORGANISATION_SUFFIXES: &[char] = &['局', '委', '办', '厅', '院', '校', '园', '部', '科', '室'];

/// Units of time, age and length after a count: `X天`, `X岁`, `X米`. Only
/// read after something already known to be a slot: they begin too many
/// words (天津, 周边, 米粮) to mark one.
const MORE_UNITS: &[char] = &['天', '周', '岁', '米'];

/// Units of measure written with two characters: `X平方米`, `**公里`, `X年级`.
pub const MEASURE_WORDS: &str = "平方 公里 公顷 公斤 千米 小时 年级";

/// Words that end the name of an organisation: `**大学`, `**人才集团`,
/// `某某公司`, `××委员会`.
pub const ORGANISATION_WORDS: &str = "委员会 管委会 人民政府 政府 研究院 研究所 卫生院 大学 学院 学校 中学 小学 \
    幼儿园 医院 集团 公司 中心 银行 分行 支行 协会 商会 学会 基金会 合作社 办公室 办事处 事务所 工作室 实验室 街道办";

/// The organisation words that also mark a run of `*` as a mask
/// ([`is_mask_follower`]). The others (中心, 学校 …) follow Markdown
/// emphasis too often (`以人民为**中心**`) to tell a mask from it.
const MASK_ORGANISATION_WORDS: &str = "公司 集团 委员会 管委会 大学 医院 银行";

/// Words that name a person or address one: `*省长`, `XX同志`.
pub const PERSON_WORDS: &str =
    "同志 省长 市长 县长 区长 镇长 乡长 村长 书记 主任 局长 厅长 部长 处长 科长 主席 先生 女士 老师 教授";

/// Words that end the name of a place, two or more characters long:
/// `XX新区`, `××街道`.
pub const AREA_WORDS: &str = "自治区 自治州 自治县 新区 街道 社区 开发区 高新区";

/// Date words: `××年度`, `第X季度`, `X月份`.
pub const DATE_WORDS: &str = "年度 季度 月份";

/// Verbs that take a number: `达到**%`, `突破X家`; `达到以上` has lost it.
pub const NUMBER_VERBS: &[&str] = &[
    "达到",
    "突破",
    "增长",
    "提升至",
    "提升到",
    "提高到",
    "提高至",
    "调整至",
    "降至",
    "超过",
    "不少于",
    "不低于",
    "控制在",
    "累计",
];

/// Verbs after which a slot is the unit that does the work: `X牵头落实`.
pub const UNIT_VERBS: &str = "牵头 负责 配合";

/// Ordinary words that begin with a measure word or a suffix above: after
/// one of these, neither a gap nor a run of `*` is a slot (`培育 家庭农场`,
/// `**科技创新**` in Markdown).
pub const ORDINARY_WORDS: &str = concat!(
    // measure words
    "个人 个体 个性 个别 个案 家庭 家长 家园 家乡 家居 家具 家政 家电 家风 家属 家族 项目 名单 名称 名录 名义 ",
    "名牌 名优 条件 条例 条款 条线 件事 座谈 台账 套餐 所有 所在 所属 所得 所需 所谓 倍增 人才 人员 人民 人口 ",
    "人工 人居 人文 人力 人们 人社 人身 人物 批准 批复 批发 批评 处理 处置 处于 处罚 次要 次生 场所 场景 场地 ",
    "场馆 支持 支撑 支付 支出 支柱 位于 位置 成为 成果 成效 成立 成功 成本 成熟 成员 类似 类型 级别 户籍 户口 ",
    "款项 ",
    // magnitudes, money
    "万物 万众 千方百计 百姓 亿万 元素 元旦 元宇宙 ",
    // dates, approximations, 大
    "年轻 年龄 月度 日常 日益 日趋 多元 多措 多方 多种 多样 多层次 余额 大力 大幅 大型 大数据 大局 大众 大规模 ",
    "大学生 ",
    // places and organisations
    "市场 市民 市政 市容 市级 县域 县级 区域 区级 区块链 省级 乡村 村民 村庄 村级 局面 局部 委托 办理 办法 办好 ",
    "办实事 办学 办事 院士 校园 部署 部分 科技 科学 科研 科普 室内",
);

fn words(list: &'static str) -> impl Iterator<Item = &'static str> {
    list.split_ascii_whitespace()
}

fn starts_with_any(rest: &str, list: &'static str) -> bool {
    words(list).any(|w| rest.starts_with(w))
}

/// What a one-character word after a mask says it is: `**家`, `X年`, `XX县`, `XX局`.
fn single_char_slot(c: char) -> Option<Slot> {
    let number = [
        CORE_MEASURES,
        MORE_MEASURES,
        SERIES,
        LARGE_MAGNITUDES,
        SMALL_MAGNITUDES,
        MONEY_AND_PERCENT,
        APPROXIMATIONS,
        &['大'],
    ];
    if number.iter().any(|set| set.contains(&c)) {
        Some(Slot::Number)
    } else if DATE_UNITS.contains(&c) {
        Some(Slot::Date)
    } else if AREA_SUFFIXES.contains(&c) {
        Some(Slot::Name)
    } else if ORGANISATION_SUFFIXES.contains(&c) {
        Some(Slot::Organisation)
    } else {
        None
    }
}

/// The classes of the word lists above.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Word {
    Person,
    Organisation,
    Measure,
    Date,
    Area,
    Ordinary,
}

const WORD_LISTS: [(Word, &str); 7] = [
    (Word::Person, PERSON_WORDS),
    (Word::Organisation, ORGANISATION_WORDS),
    (Word::Organisation, UNIT_VERBS),
    (Word::Measure, MEASURE_WORDS),
    (Word::Date, DATE_WORDS),
    (Word::Area, AREA_WORDS),
    (Word::Ordinary, ORDINARY_WORDS),
];

/// The longest word of the lists that `rest` begins with, and its class.
fn longest_word(rest: &str) -> Option<(Word, &'static str)> {
    let first = rest.chars().next()?;
    let bucket = BY_FIRST_CHAR.get(&first)?;
    // Longest first; among equal lengths the earlier list wins, as it always did.
    bucket.iter().find(|(_, w)| rest.starts_with(w)).copied()
}

/// The words of [`WORD_LISTS`] by their first character, longest first: a
/// slot is classified at every mask, so the lookup must not walk every list.
static BY_FIRST_CHAR: std::sync::LazyLock<std::collections::HashMap<char, Vec<(Word, &'static str)>>> =
    std::sync::LazyLock::new(|| {
        let mut map: std::collections::HashMap<char, Vec<(Word, &'static str)>> = std::collections::HashMap::new();
        for (class, list) in WORD_LISTS {
            for w in words(list) {
                if let Some(c) = w.chars().next() {
                    map.entry(c).or_default().push((class, w));
                }
            }
        }
        for bucket in map.values_mut() {
            // Stable: equal lengths keep list order.
            bucket.sort_by_key(|(_, w)| std::cmp::Reverse(w.len()));
        }
        map
    });

/// An organisation word that begins within the next few characters of the
/// same run of Chinese (`**人才集团`, `XX开放大学`), before any 的.
fn organisation_ahead(rest: &str) -> bool {
    const AHEAD: usize = 6;
    let mut tail = rest;
    for _ in 0..AHEAD {
        let Some(c) = tail.chars().next() else { return false };
        if !crate::text::is_han(c) || c == '的' {
            return false;
        }
        tail = &tail[c.len_utf8()..];
        if longest_word(tail).is_some_and(|(w, _)| w == Word::Organisation) {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sets_do_not_overlap() {
        let sets: [&[char]; 13] = [
            CORE_MEASURES,
            MORE_MEASURES,
            WEAK_MEASURES,
            SERIES,
            LARGE_MAGNITUDES,
            SMALL_MAGNITUDES,
            MONEY_AND_PERCENT,
            DATE_UNITS,
            APPROXIMATIONS,
            AREA_SUFFIXES,
            ORGANISATION_SUFFIXES,
            MORE_UNITS,
            &['大'],
        ];
        for (i, a) in sets.iter().enumerate() {
            for b in &sets[i + 1..] {
                assert!(a.iter().all(|c| !b.contains(c)), "{a:?} and {b:?} overlap");
            }
        }
        let mut all: Vec<&str> = WORD_LISTS.iter().flat_map(|&(_, list)| words(list)).collect();
        let n = all.len();
        all.sort_unstable();
        all.dedup();
        assert_eq!(all.len(), n, "a word is listed twice");
        assert!(words(MASK_ORGANISATION_WORDS).all(|m| words(ORGANISATION_WORDS).any(|w| w == m)));
    }

    #[test]
    fn followers() {
        for yes in ["家以上", "市", "%", "亿元", "平方米", "公司", "集团", "大工程", "年", "省长", "同志"]
        {
            assert!(is_mask_follower(yes), "{yes}");
        }
        for no in [
            "科技创新",
            "市场",
            "项目",
            "人工智能",
            "乡村振兴",
            "办好",
            "大数据",
            "平台",
            "公开",
            "成效",
            "中心",
            "X",
            "",
        ] {
            assert!(!is_mask_follower(no), "{no}");
        }
        assert!(counts_after_gap("家企业") && counts_after_gap("‰"));
        assert!(
            !counts_after_gap("家庭")
                && !counts_after_gap("座谈会")
                && !counts_after_gap("人")
                && !counts_after_gap("千")
        );
    }

    #[test]
    fn slots() {
        let cases = [
            ("家以上", Some(Slot::Number)),
            ("户贫困户", Some(Slot::Number)),
            ("年底前", Some(Slot::Date)),
            ("年度", Some(Slot::Date)),
            ("县", Some(Slot::Name)),
            ("省长", Some(Slot::Name)),
            ("局", Some(Slot::Organisation)),
            ("人民政府", Some(Slot::Organisation)),
            ("人才集团", Some(Slot::Organisation)),
            ("开放大学", Some(Slot::Organisation)),
            ("牵头落实", Some(Slot::Organisation)),
            ("大学生科技创新大赛", None),
            ("人才支持计划", None),
            ("成为示范企业", None),
            ("的科技中心", None),
        ];
        for (rest, slot) in cases {
            assert_eq!(slot_before(rest), slot, "{rest}");
        }
    }
}
