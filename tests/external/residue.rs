//! `template-residue` (PL102) on real copies: each seed's residue, line by
//! line; the residue that the dev corpus's `other` entries record; and
//! silence on generated drafts. They need `../shared` (and Python 3 for the
//! generated drafts).

use planlint::{Config, SourceKind};

use crate::gen_corpus::generate;
use crate::needs::Test;
use crate::support::{Finding, findings, seed, shared};

pub fn tests() -> Vec<Test> {
    [
        crate::tests![Shared:
            wenku_speech_seed,
            wenku_speech_with_advertisement_seed,
            wenmi_report_seed,
            fanwen_speech_seed,
            fanwen_work_points_seed,
            dev_corpus_residue_entries,
        ],
        crate::tests![Shared Python: generated_drafts_have_no_residue],
    ]
    .concat()
}

fn residue(fs: &[Finding]) -> Vec<&Finding> {
    fs.iter().filter(|f| f.code == "PL102").collect()
}

/// The seed's residue findings are exactly `expected`: (line, start of the
/// flagged text). Masks inside residue are not placeholders too, and applying
/// every residue fix leaves no residue and no new finding of any rule.
fn assert_seed(prefix: &str, expected: &[(usize, &str)]) {
    let text = seed(prefix);
    let fs = findings(&text, SourceKind::PlainText);
    let found: Vec<(usize, String)> = residue(&fs).iter().map(|f| (f.line, f.text.clone())).collect();
    let lines: Vec<usize> = found.iter().map(|(l, _)| *l).collect();
    let want: Vec<usize> = expected.iter().map(|(l, _)| *l).collect();
    assert_eq!(lines, want, "seed {prefix}: {found:#?}");
    for ((line, got), (_, start)) in found.iter().zip(expected) {
        assert!(got.starts_with(start), "seed {prefix} line {line}: {got:?} should start with {start:?}");
    }
    let analysis = planlint::analyze(&text, SourceKind::PlainText, &Config::default());
    for d in analysis.diagnostics.iter().filter(|d| d.rule.code == "PL101") {
        assert!(
            !analysis.document.residue.iter().any(|r| r.range.intersects(d.range)),
            "seed {prefix}: placeholder inside residue at {:?}",
            d.range
        );
    }
    let fixes = analysis.diagnostics.iter().filter(|d| d.rule.code == "PL102").filter_map(|d| d.fix.as_deref());
    let (fixed, _) = planlint::apply_fixes(&text, fixes);
    let after = findings(&fixed, SourceKind::PlainText);
    assert!(residue(&after).is_empty(), "seed {prefix} after the fixes: {:#?}", residue(&after));
    for f in &after {
        assert!(
            // The same finding, or one that summarises the draft (number-usage's half-width
            // summary sits on the first mark, which moves when a residue line goes).
            fs.iter().any(|g| g.code == f.code
                && (g.text == f.text || g.message.split('（').next() == f.message.split('（').next())),
            "seed {prefix}: the fixes made a new finding {f:?}"
        );
    }
}

/// A 文库 copy (优知文库-style): file name, uploader bar, widgets, page files
/// and counters, the viewer's sentences, page chunks `1、`…`7、`, the footer.
fn wenku_speech_seed() {
    assert_seed(
        "000",
        &[
            (1, "在全省区城性科技创新中心建设工作推进会上的汇报发言.docx"),
            (3, "上传人:王** 文档编号:373425"),
            (4, "下载 相关 举报"),
            (5, "在全省区城性科技创新中心建设工作推进会上的汇报发言.docx_第1页"),
            (6, "第1页 / 共2页"),
            (7, "在全省区城性科技创新中心建设工作推进会上的汇报发言.docx_第2页"),
            (8, "第2页 / 共2页"),
            (9, "亲,该文档总共2页"),
            (10, "资源描述"),
            (12, "《在全省区城性科技创新中心建设工作推进会上的汇报发言.docx》由会员分享"),
            (14, "1、"),
            (16, "2、"),
            (18, "3、"),
            (20, "4、"),
            (22, "5、"),
            (24, "6、"),
            (26, "7、"),
            (28, "展开阅读全文"),
            (29, "相关资源"),
            (30, "猜你喜欢"),
            (31, "相关搜索"),
            (33, "当前位置:首页 > 办公文档 > 演讲致辞"),
            (35, "copyright@ 2008-2023"),
            (37, "经营许可证编号:宁ICP备"),
            (39, "本站为文档C2C交易模式"),
        ],
    );
}

/// The same site, eight pages, and an advertisement glued to the last paragraph.
fn wenku_speech_with_advertisement_seed() {
    let mut expected: Vec<(usize, &str)> = vec![
        (1, "在2023年全市科技创新工作上的讲话【 】.docx"),
        (3, "上传人:王** 文档编号:1077996"),
        (4, "下载 相关 举报"),
    ];
    let files = [
        "在2023年全市科技创新工作上的讲话【 】.docx_第1页",
        "在2023年全市科技创新工作上的讲话【 】.docx_第2页",
        "在2023年全市科技创新工作上的讲话【 】.docx_第3页",
        "在2023年全市科技创新工作上的讲话【 】.docx_第4页",
        "在2023年全市科技创新工作上的讲话【 】.docx_第5页",
        "在2023年全市科技创新工作上的讲话【 】.docx_第6页",
        "在2023年全市科技创新工作上的讲话【 】.docx_第7页",
        "在2023年全市科技创新工作上的讲话【 】.docx_第8页",
    ];
    let counters = [
        "第1页 / 共8页",
        "第2页 / 共8页",
        "第3页 / 共8页",
        "第4页 / 共8页",
        "第5页 / 共8页",
        "第6页 / 共8页",
        "第7页 / 共8页",
        "第8页 / 共8页",
    ];
    for (k, (file, counter)) in files.iter().zip(counters).enumerate() {
        expected.push((5 + 2 * k, file));
        expected.push((6 + 2 * k, counter));
    }
    expected.extend([
        (21, "亲,该文档总共8页"),
        (22, "资源描述"),
        (24, "《在2023年全市科技创新工作上的讲话【 】.docx》由会员分享"),
    ]);
    let chunks = ["1、", "2、", "3、", "4、", "5、", "6、", "7、", "8、", "9、", "10、", "11、", "12、"];
    for (k, chunk) in chunks.iter().enumerate() {
        expected.push((26 + 2 * k, chunk));
    }
    expected.extend([
        (48, "官方抖音号【笔尖耕耘】"),
        (50, "展开阅读全文"),
        (51, "相关资源"),
        (52, "猜你喜欢"),
        (53, "相关搜索"),
        (55, "当前位置:首页 > 办公文档 > 演讲致辞"),
        (57, "copyright@ 2008-2023"),
        (59, "经营许可证编号:宁ICP备"),
        (61, "本站为文档C2C交易模式"),
    ]);
    assert_seed("001", &expected);
}

/// A 文秘 site: its 目录/提纲 block (all of it, to the closing `……`), a cut
/// mark on a line of its own and one after the last sentence, the bookmark.
fn wenmi_report_seed() {
    let mut expected: Vec<(usize, &str)> = vec![(1, "目录/提纲:……")];
    let contents = [
        "一、全力强企业",
        "一是强化政策引导",
        "二是强化调研服务",
        "三是强化培训指导",
        "二、全力聚要素",
        "一是强化项目绩效管理",
        "二是强化项目调研",
        "三是强化项目争取",
        "三、全力建平台",
        "一是强化高能级平台谋划争取",
        "二是强化核心科技平台建设",
        "三是强化基础创新平台兜底工程",
        "四、全力育人才",
        "一是强化调研",
        "二是强化引导",
        "三是强化申报",
        "五、全力促合作",
        "一是推进校地合作",
        "二是强化招研引学",
        "三是强化成果转化",
        "……",
    ];
    expected.extend(contents.iter().enumerate().map(|(k, c)| (2 + k, *c)));
    expected.extend([
        (31, "……(新文秘网http://www.wm114.cn省略632字"),
        (49, "……(未完,全文共2791字"),
        (50, "收藏《全市科技创新工作情况汇报》)"),
    ]);
    assert_seed("002", &expected);
    let text = seed("002");
    let fs = findings(&text, SourceKind::PlainText);
    // The cut mark after `从企` is inside a line: its fix is unsafe and keeps the text before it.
    let analysis = planlint::analyze(&text, SourceKind::PlainText, &Config::default());
    let cut = analysis
        .diagnostics
        .iter()
        .find(|d| d.rule.code == "PL102" && text[d.range.as_range()].contains("未完"))
        .unwrap();
    assert_eq!(cut.fix.as_ref().unwrap().applicability, planlint::Applicability::Unsafe);
    assert!(residue(&fs).iter().all(|f| !f.text.contains("从企")));
}

/// A 范文 site: time stamp and view count, 文章导读, the site's name and URL
/// (glued before the title and on a line of its own), the login, tipping,
/// share and 关于本文 blocks. The title line `20210615:…` is not flagged: a
/// title cannot be told from the site's copy of it.
fn fanwen_speech_seed() {
    let mut expected: Vec<(usize, &str)> = vec![
        (3, "2022-10-24 14:13:44 125"),
        (5, "文章导读"),
        (7, "携笔同道公文写作范文宝典:www.xiebitongdao.com"),
        (10, "携笔同道公文写作范文宝典:www.xiebitongdao.com"),
        (28, "阅读全文"),
        (29, "(想阅读完全部图文内容,您需要先登陆!)"),
        (30, "如果喜欢本篇内容,请赞赏鼓励哦!"),
        (31, "尚未有人赏赞"),
        (32, "查看更多>>"),
        (33, "请选择打赏类型"),
    ];
    let prices = ["¥0.01", "¥1", "¥365", "¥188", "¥99.99", "¥66.6", "¥52", "¥6.66", "¥6"];
    expected.extend(prices.iter().enumerate().map(|(k, p)| (34 + k, *p)));
    expected.extend([
        (43, "赏赞"),
        (45, "分享:"),
        (47, "微信扫一扫在手机阅读、分享本文"),
        (49, "关于本文"),
        (51, "本文标题:20210615"),
        (53, "链接地址:https://www.xiebitongdao.com"),
        (55, "相关内容"),
        (56, "热门推荐"),
        (57, "• 本周热门"),
        (58, "• 本月热门"),
        (59, "二维码"),
        (61, "微信订阅号"),
        (63, "联系客服"),
    ]);
    assert_seed("003", &expected);
}

/// A 范文 site's 工作要点: its time/source bar, the 小编 sentence and the
/// 推荐访问 tags; the 22 tasks in between are the document's.
fn fanwen_work_points_seed() {
    let text = seed("004");
    let last = text.lines().count();
    assert_seed(
        "004",
        &[(3, "时间:2023-11-14 20:22:02 来源:网友投稿"), (5, "下面是小编为大家整理的"), (last, "推荐访问:")],
    );
}

/// The `other` entries of kind `residue` in the dev corpus that a rule of the
/// genre can find: each is flagged on its line, overlapping its token.
///
/// Left alone on purpose (the file and line of each):
/// - a site's category label or page title standing alone (`县本级非规范性文件`
///   d01/d01m:1; the title repeated by the template d03/d03m:9; the cut-off
///   page title d06/d06m:3; the site title duplicated as H1 d09:1; a 文库 title
///   that differs from the document d11:1; the 文库 title before the real
///   title d12/d12m:9): a short line of words, which a real title or
///   heading also is;
/// - white-space damage (an NBSP-only paragraph d01/d01m:14, a signature or
///   date line padded with trailing spaces d01/d01m:20, d05:22): formatting,
///   not a web page's words, and the line's text stays.
fn dev_corpus_residue_entries() {
    let shared = shared();
    let dir = shared.join("corpus/dev");
    let expected: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("expected.json")).expect("expected.json")).unwrap();
    let skip: &[(&str, u64)] = &[
        ("d01", 1),
        ("d01", 14),
        ("d01", 20),
        ("d03", 9),
        ("d05", 22),
        ("d06", 3),
        ("d09", 1),
        ("d11", 1),
        ("d12", 9),
    ];
    let mut checked = 0;
    let mut missed = Vec::new();
    for (name, file) in expected["files"].as_object().unwrap() {
        let mut text = std::fs::read_to_string(dir.join(name)).unwrap();
        if file["strip_first_line"].as_bool() == Some(true) {
            text = text.split_once('\n').map_or(String::new(), |(_, rest)| rest.to_string());
        }
        let fs = findings(&text, SourceKind::PlainText);
        let base = name.trim_end_matches(".txt").trim_end_matches('m');
        let others = file["other"].as_array().map_or(&[][..], Vec::as_slice);
        for o in others.iter().filter(|o| o["kind"] == "residue") {
            let line = o["line"].as_u64().unwrap();
            if skip.contains(&(base, line)) {
                continue;
            }
            checked += 1;
            let (col, end) = (o["column"].as_u64().unwrap() as usize, o["end_column"].as_u64().unwrap() as usize);
            let hit = residue(&fs)
                .iter()
                .any(|f| f.line == line as usize && f.col < end && col < f.col + f.text.chars().count());
            if !hit {
                missed.push(format!("{name}:{line} {}", o["token"]));
            }
        }
        // Nothing else of the file is residue but what the entries and their notes name.
        let mut allowed: Vec<u64> =
            others.iter().filter(|o| o["kind"] == "residue").map(|o| o["line"].as_u64().unwrap()).collect();
        for o in others.iter().filter(|o| o["kind"] == "residue") {
            // `page metadata bullets on lines 3-7`, `文库 metadata bullets (lines 2-6)`, `(lines 3-5)`.
            let note = o["note"].as_str().unwrap_or("");
            if let Some((a, b)) = note.split("lines ").nth(1).and_then(|r| r.split_once('-')) {
                let a: u64 = a.trim().parse().unwrap_or(0);
                let b: u64 = b.chars().take_while(char::is_ascii_digit).collect::<String>().parse().unwrap_or(0);
                allowed.extend(a..=b);
            }
        }
        // `pinyin glosses inserted after characters throughout`
        let glossed = others.iter().any(|o| o["note"].as_str().is_some_and(|n| n.contains("pinyin glosses")));
        for f in residue(&fs) {
            let gloss = glossed && f.message.contains("拼音");
            assert!(gloss || allowed.contains(&(f.line as u64)), "{name}: unexpected residue {f:?}");
        }
    }
    assert!(missed.is_empty(), "missed residue: {missed:#?}");
    assert!(checked >= 40, "{checked} entries checked");
}

/// Generated drafts, clean and damaged, plain text and Markdown with CRLF,
/// have no residue: the generator puts none in.
fn generated_drafts_have_no_residue() {
    let shared = shared();
    let tmp = tempfile::tempdir().unwrap();
    let runs: [(&str, &[&str]); 3] = [
        (
            "clean",
            &[
                "--docs",
                "30",
                "--seed",
                "5",
                "--p-mask",
                "0",
                "--p-missing-lead",
                "0",
                "--p-vague",
                "0",
                "--p-struct",
                "0",
            ],
        ),
        ("damaged", &["--docs", "30", "--seed", "6"]),
        ("md", &["--docs", "20", "--seed", "7", "--ext", "md", "--crlf"]),
    ];
    for (name, args) in runs {
        let out = tmp.path().join(name);
        generate(&shared, &out, &[&["--doc-size", "12KB", "--no-truth"][..], args].concat());
        for entry in std::fs::read_dir(&out).unwrap().filter_map(Result::ok) {
            let path = entry.path();
            let text = std::fs::read_to_string(&path).unwrap();
            let fs = findings(&text, SourceKind::from_name(&path.to_string_lossy()));
            assert!(residue(&fs).is_empty(), "{}: {:#?}", path.display(), residue(&fs));
        }
    }
}
