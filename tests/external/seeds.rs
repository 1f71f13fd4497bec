//! Real drafts from template sites (`../shared/corpus/seeds`): concrete,
//! hand-checked findings. They need `../shared`: without it they show as
//! ignored (a failure in CI).

use planlint::SourceKind;

use crate::needs::Test;
use crate::support::{Finding, findings, seed, shared};

pub fn tests() -> Vec<Test> {
    crate::tests![Shared:
        work_points_seed_tasks_and_leads,
        work_points_seed_masked_targets,
        x_masked_speech_seed,
        star_masked_speech_seed,
        empty_bracket_seed,
        numbering_gap_seed_keeps_structure,
        half_width_seeds_get_one_punctuation_finding,
        dev_drafts_dates_ranges_and_dashes,
        number_usage_fixes_leave_nothing_new,
        seed_dates,
        work_points_seed_names_a_renamed_unit,
        speech_seed_reviewing_the_past_is_not_stale,
        seed_enumerations_are_in_order,
        ocr_seed_confusions,
        other_seeds_confusions,
        dev_drafts_confusions,
    ]
}

fn has(fs: &[Finding], line: usize, code: &str, text: &str) -> bool {
    fs.iter().any(|f| f.line == line && f.code == code && f.text == text)
}

/// The 工作要点 seed: 22 tasks under 二、主要任务, each with its lead unit.
fn work_points_seed_tasks_and_leads() {
    let text = seed("004");
    let analysis = planlint::analyze(&text, SourceKind::PlainText, &planlint::Config::default());
    let doc = &analysis.document;
    let leads: Vec<(u32, String)> =
        doc.tasks.iter().map(|t| (t.number, t.leads.iter().map(|u| &*u.name).collect::<Vec<_>>().join("+"))).collect();
    let expected: Vec<(u32, &str)> = vec![
        (1, "市科技局"),
        (2, "东湖高新区管委会"),
        (3, "市发改委"),
        (4, "市科技局"),
        (5, "市科技局"),
        (6, "市科技局"),
        (7, "市经信局+市发改委+市科技局"),
        (8, "市科技局+市经信局"),
        (9, "市科技局"),
        (10, "市科技局"),
        (11, "市科技局"),
        (12, "市科技局"),
        (13, "市科技局"),
        (14, "市科技局"),
        (15, "市人才工作局"),
        (16, "市科技局"),
        (17, "市科技局"),
        (18, "市科技局"),
        (19, "市市场监管局"),
        (20, "市科技局"),
        (21, "市地方金融局+人行**分行营管部"),
        (22, "市科技局"),
    ];
    let expected: Vec<(u32, String)> = expected.into_iter().map(|(n, s)| (n, s.to_string())).collect();
    assert_eq!(leads, expected);
    // Task 1's clause is split over two lines; its responsible unit is on the second.
    assert_eq!(&*doc.tasks[0].others[0].name, "市推进科创中心建设领导小组成员单位");
    // Task 4's note 〈含开发区、长江新区管委会，下同〉 is not a unit.
    assert!(doc.tasks[3].others.iter().all(|u| !u.name.contains("长江新区")));
    let fs = findings(&text, SourceKind::PlainText);
    assert!(fs.iter().all(|f| f.code != "PL201"), "no task lacks a lead: {fs:#?}");
}

fn work_points_seed_masked_targets() {
    let text = seed("004");
    let fs = findings(&text, SourceKind::PlainText);
    let lines: Vec<&str> = text.lines().collect();
    let line_of = |needle: &str| lines.iter().position(|l| l.contains(needle)).expect(needle) + 1;
    // ——科创中心建设成势见效。推进建设*个、预研预制*个重大科技基础设施，获批建设**家以上…
    let l = line_of("科创中心建设成势见效");
    let on_line: Vec<&Finding> = fs.iter().filter(|f| f.line == l && f.code == "PL101").collect();
    assert_eq!(on_line.iter().map(|f| f.text.as_str()).collect::<Vec<_>>(), ["*", "*", "**"]);
    assert!(on_line.iter().all(|f| f.severity == "error" && f.message.contains("数值")));
    // ——产业创新能力持续增强。高新技术企业突破*****家 … 增长**%以上 … 提升到**%左右。
    let l = line_of("产业创新能力持续增强");
    let masks: Vec<&str> = fs.iter().filter(|f| f.line == l && f.code == "PL101").map(|f| f.text.as_str()).collect();
    assert_eq!(masks, ["*****", "****", "****", "**", "**"]);
    // The masked bullets are placeholders, not targets without numbers.
    assert!(fs.iter().all(|f| f.code != "PL301"), "{:#?}", fs.iter().filter(|f| f.code == "PL301").collect::<Vec<_>>());
    // 推广“2+X”科技信贷服务体系 is a programme name, not a placeholder.
    let l = line_of("2+X");
    assert!(!fs.iter().any(|f| f.line == l && f.text.contains('X')));
    assert!(!has(&fs, l, "PL101", "X"));
}

/// The X-masked speech: X年, X家, X县, X/X are placeholders; the site's URL is not.
fn x_masked_speech_seed() {
    let text = seed("003");
    let fs = findings(&text, SourceKind::PlainText);
    let lines: Vec<&str> = text.lines().collect();
    let body = lines.iter().position(|l| l.starts_with("X年以来")).expect("body") + 1;
    assert!(has(&fs, body, "PL101", "X"));
    let first = fs.iter().find(|f| f.line == body).expect("finding on X年以来");
    assert_eq!((first.col, first.text.as_str()), (1, "X"));
    let x_jia = lines.iter().position(|l| l.contains("共组织申报X家高新技术企业")).expect("X家") + 1;
    let col = lines[x_jia - 1].split("申报X家").next().unwrap().chars().count() + 3;
    assert!(fs.iter().any(|f| f.line == x_jia && f.col == col && f.text == "X"), "X家 at {x_jia}:{col}");
    let slash = lines.iter().position(|l| l.contains("X/X")).expect("X/X") + 1;
    assert!(fs.iter().filter(|f| f.line == slash && f.text == "X").count() >= 2);
    // The x of www.xiebitongdao.com is no placeholder; the line is the site's name and URL.
    let url_line = lines.iter().position(|l| l.starts_with("携笔同道") && !l.contains("X年")).expect("url line") + 1;
    let on_url: Vec<&Finding> = fs.iter().filter(|f| f.line == url_line).collect();
    assert!(on_url.iter().all(|f| f.code == "PL102"), "{on_url:?}");
    // Dozens of X masks in all; every one an error.
    let xs = fs.iter().filter(|f| f.code == "PL101" && f.text.chars().all(|c| c == 'X')).count();
    assert!(xs >= 40, "{xs}");
}

/// The speech with `*` masks: *省长, *年, *家, and a number deleted outright (比重达到以上).
fn star_masked_speech_seed() {
    let text = seed("000");
    let fs = findings(&text, SourceKind::PlainText);
    let lines: Vec<&str> = text.lines().collect();
    let l = lines.iter().position(|l| l.contains("尊敬的*省长")).expect("salutation") + 1;
    let col = lines[l - 1].split("尊敬的*").next().unwrap().chars().count() + 4;
    assert!(fs.iter().any(|f| f.line == l && f.col == col && f.text == "*" && f.message.contains("名称")));
    let l = lines.iter().position(|l| l.contains("比重达到以上")).expect("达到以上") + 1;
    assert!(has(&fs, l, "PL101", "达到以上"));
    assert!(fs.iter().any(|f| f.text == "*" && f.message.contains("数值")));
}

/// The speech whose file name ends in an empty 【 】: the file-name line is
/// the site's, reported once as residue, its 【 】 not again as a placeholder.
fn empty_bracket_seed() {
    let text = seed("001");
    let fs = findings(&text, SourceKind::PlainText);
    let on_line: Vec<&Finding> = fs.iter().filter(|f| f.line == 1).collect();
    assert_eq!(on_line.len(), 1, "{on_line:?}");
    assert!(on_line[0].code == "PL102" && on_line[0].text.ends_with("【 】.docx"), "{on_line:?}");
}

/// The report with a numbering gap: the body goes 一、 → 三、 (二、 was cut by the site);
/// the parser keeps both headings and their order. The site's `目录/提纲` block
/// above it, which lists the headings again, is residue, not a first list.
fn numbering_gap_seed_keeps_structure() {
    let text = seed("002");
    let analysis = planlint::analyze(&text, SourceKind::PlainText, &planlint::Config::default());
    let numbers: Vec<u32> = analysis.document.headings.iter().filter(|h| h.level() == 1).map(|h| h.number).collect();
    assert_eq!(numbers, [1, 3, 4, 5]);
    // The missing `二、` is reported once, at `三、`.
    let gaps: Vec<(usize, String)> = analysis
        .diagnostics
        .iter()
        .filter(|d| d.rule.code == "PL401" && d.severity == planlint::Severity::Warning)
        .filter(|d| !d.message.contains("写法不规范"))
        .map(|d| (text[..d.range.start()].matches('\n').count() + 1, text[d.range.as_range()].to_string()))
        .collect();
    assert_eq!(gaps.len(), 1, "{gaps:?}");
    assert_eq!(gaps[0].1, "三、");
    assert!(analysis.diagnostics.iter().any(|d| d.rule.code == "PL401" && d.message.contains("应为“二、”")));
}

/// A dev-set draft (`../shared/corpus/dev`) without its `source:` line.
fn dev(name: &str) -> String {
    let path = shared().join("corpus/dev").join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.split_once('\n').map_or(String::new(), |(_, rest)| rest.to_string())
}

/// The copied drafts are half-width throughout (web pages serve them so):
/// one `number-usage` finding each, whose fix turns every mark full-width,
/// not a warning on every comma; an office that keeps half-width marks sees
/// none, and `numbering` then accepts `(一)`.
fn half_width_seeds_get_one_punctuation_finding() {
    let text = seed("004");
    let fs = findings(&text, SourceKind::PlainText);
    let pl601: Vec<&Finding> = fs.iter().filter(|f| f.code == "PL601").collect();
    assert_eq!(pl601.len(), 1, "{pl601:#?}");
    assert_eq!((pl601[0].line, pl601[0].text.as_str()), (1, "(完整)"));
    assert!(pl601[0].message.contains("半角 282 处，全角 0 处"), "{}", pl601[0].message);
    // `(一)强化…` is a structure number: numbering's, in the default style only.
    assert!(fs.iter().any(|f| f.code == "PL401" && f.text == "(一)"));
    let config = planlint::Config::from_toml("[style]\npunctuation = \"half-width\"\n").unwrap();
    let analysis = planlint::analyze(&text, SourceKind::PlainText, &config);
    assert!(analysis.diagnostics.iter().all(|d| d.rule.code != "PL601"));
    assert!(analysis.diagnostics.iter().all(|d| !(d.rule.code == "PL401" && d.message.contains("写法不规范"))));
}

/// The dev drafts' number and dash defects: a dotted date, age ranges
/// written with a hyphen (d11) and `--` for the dash `——` (d08).
fn dev_drafts_dates_ranges_and_dashes() {
    let d11 = dev("d11.txt");
    let fs = findings(&d11, SourceKind::PlainText);
    let at = |code: &str| -> Vec<(usize, &str)> {
        fs.iter().filter(|f| f.code == code && f.text != ",").map(|f| (f.line, f.text.as_str())).collect()
    };
    let pl601 = at("PL601");
    assert!(pl601.contains(&(5, "2005.02.01")), "{pl601:?}");
    assert!(pl601.contains(&(12, "0-6岁")) && pl601.contains(&(12, "0-3岁")), "{pl601:?}");
    let d08 = dev("d08.txt");
    let dashes: Vec<(usize, usize)> = findings(&d08, SourceKind::PlainText)
        .iter()
        .filter(|f| f.code == "PL601" && f.text == "--")
        .map(|f| (f.line, f.col))
        .collect();
    assert_eq!(dashes, [(1, 1), (2, 1), (3, 1), (4, 1), (5, 1)]);
}

/// Applying every `number-usage` fix to the seeds and dev drafts leaves no
/// finding of the rule and no finding of another rule that was not there.
fn number_usage_fixes_leave_nothing_new() {
    let shared = shared();
    let config = planlint::Config::default();
    let mut texts = Vec::new();
    for dir in ["corpus/seeds", "corpus/dev"] {
        let mut paths: Vec<_> =
            std::fs::read_dir(shared.join(dir)).unwrap().filter_map(Result::ok).map(|e| e.path()).collect();
        paths.sort();
        for p in paths.into_iter().filter(|p| p.extension().is_some_and(|e| e == "txt")) {
            let text = std::fs::read_to_string(&p).unwrap();
            let text = if dir.ends_with("dev") { text.split_once('\n').map_or("", |t| t.1).to_string() } else { text };
            texts.push((p, text));
        }
    }
    // Other rules' findings by line (their messages quote the text, whose marks change).
    let others = |text: &str, ds: &[planlint::Diagnostic]| -> Vec<(&'static str, usize)> {
        let mut v: Vec<(&'static str, usize)> = ds
            .iter()
            .filter(|d| d.rule.code != "PL601")
            .map(|d| (d.rule.code, text[..d.range.start()].matches('\n').count()))
            .collect();
        v.sort();
        v
    };
    for (path, text) in &texts {
        let before = planlint::analyze(text, SourceKind::PlainText, &config).diagnostics;
        let fixes = before.iter().filter(|d| d.rule.code == "PL601").filter_map(|d| d.fix.as_deref());
        let (fixed, _) = planlint::apply_fixes(text, fixes);
        let after = planlint::analyze(&fixed, SourceKind::PlainText, &config).diagnostics;
        let left: Vec<&str> = after.iter().filter(|d| d.rule.code == "PL601").map(|d| &*d.message).collect();
        assert!(left.is_empty(), "{}: {left:#?}", path.display());
        let (was, now) = (others(text, &before), others(&fixed, &after));
        let new: Vec<&(&str, usize)> = now.iter().filter(|o| !was.contains(o)).collect();
        assert!(new.is_empty(), "{}: new findings after the fixes: {new:#?}", path.display());
    }
}

/// The seeds' dates: each copied page says when it was published, and its
/// draft is judged against that (the body's 到2025年 and X年以来 do not count).
fn seed_dates() {
    let expected = [("000", "2023-07"), ("001", "2024-03"), ("003", "2022-10"), ("004", "2023-11")];
    for (prefix, date) in expected {
        let text = seed(prefix);
        let analysis = planlint::analyze(&text, SourceKind::PlainText, &planlint::Config::default());
        let d = analysis.document.date.unwrap_or_else(|| panic!("seed {prefix} has a date"));
        assert_eq!(format!("{}-{:02}", d.year, d.month.unwrap_or(0)), date, "seed {prefix}");
        assert_eq!(d.source, planlint::syntax::DateSource::Published, "seed {prefix}");
    }
    let text = seed("002");
    let analysis = planlint::analyze(&text, SourceKind::PlainText, &planlint::Config::default());
    assert_eq!(analysis.document.date, None);
}

/// The 工作要点 seed, published in November 2023, assigns a task to 市环保局:
/// renamed 生态环境局 in the 2018 reform. Its 党的二十大精神 is current.
fn work_points_seed_names_a_renamed_unit() {
    let text = seed("004");
    let fs = findings(&text, SourceKind::PlainText);
    let stale: Vec<&Finding> = fs.iter().filter(|f| f.code == "PL503").collect();
    assert_eq!(stale.len(), 1, "{stale:#?}");
    let l = text.lines().position(|l| l.contains("市环保局")).expect("市环保局") + 1;
    assert_eq!((stale[0].line, stale[0].text.as_str()), (l, "环保局"));
    assert!(stale[0].message.contains("生态环境局") && stale[0].message.contains("2023年"), "{}", stale[0].message);
}

/// The speech of 2021 copied from a page of October 2022 says 认真贯彻党的
/// 十九大及十九届五中全会精神 of the year under review (X年以来…): a review of
/// past work, and on a page dated before November 2022 in any case.
fn speech_seed_reviewing_the_past_is_not_stale() {
    let text = seed("003");
    assert!(text.contains("认真贯彻党的十九大及十九届五中全会精神"));
    let fs = findings(&text, SourceKind::PlainText);
    assert!(fs.iter().all(|f| f.code != "PL503"), "{:#?}", fs.iter().filter(|f| f.code == "PL503").collect::<Vec<_>>());
    // Moved to a draft of 2023, the review still reviews: 以来 dates it.
    let moved = text.replacen("2022-10-24 14:13:44", "2023-03-01 09:00:00", 1);
    let fs = findings(&moved, SourceKind::PlainText);
    assert!(fs.iter().all(|f| f.code != "PL503"));
}

/// Inline enumerations of the seeds run without a gap: 一是…二是…三是 in the
/// speeches, 一要 glued to a heading whose line break was lost, 三是 glued to
/// a masked number (`*家三是`); the 工作要点 outline's line-start 一是 are
/// headings.
fn seed_enumerations_are_in_order() {
    for prefix in ["000", "001", "002", "003", "004"] {
        let text = seed(prefix);
        let analysis = planlint::analyze(&text, SourceKind::PlainText, &planlint::Config::default());
        let ours: Vec<_> = analysis.diagnostics.iter().filter(|d| d.rule.code == "PL402").collect();
        assert!(ours.is_empty(), "seed {prefix}: {ours:#?}");
        if prefix == "003" {
            let shi = analysis.document.enumerators.iter().filter(|e| e.form == planlint::syntax::EnumForm::Shi);
            assert!(shi.count() >= 8, "seed 003 enumerates with 一是…三是");
        }
    }
}

/// What `confusable` (PL501) and `repeated-word` (PL502) report: (line, column, code, text).
fn confusions(text: &str) -> Vec<(usize, usize, &'static str, String)> {
    findings(text, SourceKind::PlainText)
        .into_iter()
        .filter(|f| f.code == "PL501" || f.code == "PL502")
        .map(|f| (f.line, f.col, f.code, f.text))
        .collect()
}

fn expect_confusions(what: &str, got: &[(usize, usize, &str, String)], expected: &[(usize, usize, &str, &str)]) {
    let got: Vec<(usize, usize, &str, &str)> = got.iter().map(|(l, c, code, t)| (*l, *c, *code, t.as_str())).collect();
    assert_eq!(got, expected, "{what}");
}

/// The scanned speech: OCR misreadings (区城性 in the title and its copies,
/// 人围, 人选 ×3, 子女人学, 遴选 read as 遵选, 引人“赛马制”), and nothing else.
fn ocr_seed_confusions() {
    let text = seed("000");
    expect_confusions(
        "seed 000",
        &confusions(&text),
        &[
            (1, 4, "PL501", "区城"),
            (5, 4, "PL501", "区城"),
            (7, 4, "PL501", "区城"),
            (12, 5, "PL501", "区城"),
            (12, 53, "PL501", "区城"),
            (14, 6, "PL501", "区城"),
            (20, 96, "PL501", "人围"),
            (20, 213, "PL501", "人选"),
            (22, 58, "PL501", "人选"),
            (22, 189, "PL501", "人选"),
            (22, 293, "PL501", "人学"),
            (24, 53, "PL501", "遵选"),
            (24, 151, "PL501", "引人"),
            (24, 204, "PL501", "遵选"),
        ],
    );
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[21].contains("人选国家") && lines[21].contains("子女人学"));
    assert!(lines[23].contains("引人“赛马制”"));
}

/// 重任就抗在在座各位肩上 (扛在); the rest of the seeds have no confusion or
/// repeated word (`本文\n\n本文` in seed 003 is two lines of site residue).
fn other_seeds_confusions() {
    let text = seed("001");
    expect_confusions("seed 001", &confusions(&text), &[(48, 338, "PL501", "抗在")]);
    for prefix in ["002", "003", "004"] {
        let text = seed(prefix);
        expect_confusions(prefix, &confusions(&text), &[]);
    }
}

/// The dev drafts, read as the scorer reads them (without their `source:`
/// line): only the synonym-spun copy of 粤府办〔2023〕5号 and its mutant have
/// confusions, its garbled formulas; no repeated word anywhere (`主动公开
/// 公开时限` in d01 is two fields).
fn dev_drafts_confusions() {
    let dir = shared();
    let mut files: Vec<_> = std::fs::read_dir(dir.join("corpus/dev"))
        .expect("read dev")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    assert!(files.len() >= 20, "{files:?}");
    let spun: &[(usize, usize, &str, &str)] = &[
        (3, 8, "PL501", "加鼎力度"),
        (7, 4, "PL501", "加鼎力度"),
        (16, 10, "PL501", "加鼎力度"),
        (16, 68, "PL501", "生长改造委"),
        (24, 7, "PL501", "加鼎力度"),
        (29, 29, "PL501", "生长改造委"),
        (29, 46, "PL501", "加鼎力度"),
        (35, 126, "PL501", "生长改造委"),
        (35, 131, "PL501", "牵头卖力"),
        (37, 83, "PL501", "生长改造委"),
        (37, 130, "PL501", "分工卖力"),
    ];
    for path in files {
        let raw = std::fs::read_to_string(&path).expect("dev file is UTF-8");
        let text = raw.split_once('\n').map_or("", |(first, rest)| {
            assert!(first.starts_with("source:"), "{}", path.display());
            rest
        });
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let expected: &[_] = match name.as_str() {
            "d06.txt" => spun,
            // The mutant lost the clause of line 37.
            "d06m.txt" => &spun[..9],
            _ => &[],
        };
        expect_confusions(&name, &confusions(text), expected);
    }
}
