//! Parser tests: realistic drafts in, an indented dump of the outline out.
//! Update with `UPDATE_EXPECT=1 cargo test`.

use expect_test::{Expect, expect};

use crate::config::Config;
use crate::syntax::{SourceKind, parse};

fn check(kind: SourceKind, text: &str, expect: Expect) {
    expect.assert_eq(&parse(text, kind, &Config::default().vocabulary()).dump());
}

#[test]
fn implementation_plan() {
    check(
        SourceKind::PlainText,
        include_str!("../../tests/fixtures/drafts/implementation_plan.txt"),
        expect![[r#"
            genre: 实施方案 (line 1), date: 2025 (title, line 1)
            5:1 L1 一、 总体要求 [background]
              6:1 L2 （一） 指导思想 [background]
              8:1 L2 （二） 工作目标 [targets]
                target Sentence 到2027年，数字经济发展水平明显提升，具体目标
                target Bullet 数字经济核心产业增加值占地区生产总值比重达到12
                target Bullet 新建5G基站3000个，实现城区连续覆盖。
                target Bullet 数据要素市场体系基本建立，公共数据开放更加有序。
                target Bullet 软件和信息服务业营业收入与全省平均水平相适应。
            15:1 L1 二、 重点任务 [tasks]
              tasks at 1. (responsibility clauses attach at this level: 7 of 8 carry their own)
              16:1 L2 （一） 夯实数字基础设施
                17:1 L3 1. 加快网络设施建设 => task lead=市工业和信息化局 others=市通信发展管理办公室、各区人民政府(generic)
                18:1 L3 2. 统筹算力设施布局 => task lead=市发展改革委 others=市数据局、市财政局
              20:1 L2 （二） 壮大数字产业
                21:1 L3 3. 培育软件和信息服务业 => task lead=市科技局 others=市工业和信息化局、市税务局
                24:1 L3 4. 发展智能制造 => task lead=市工业和信息化局 others=市发展改革委、市财政局
                25:1 L3 5. 加强数据要素流通 => task lead=市數據局 others=市大數據中心
                26:1 L3 6. 推动平台经济规范健康发展 => task lead=- others=-
              27:1 L2 （三） 深化数字化应用
                28:1 L3 7. 推进政务服务数字化 => task lead=市政务服务和大数据管理局 others=市司法局
                  29:1 L4 （1） 推行“一网通办”，提升网上办理深度
                  30:1 L4 （2） 推动电子证照跨部门互认
                  31:1 L4 （3） 优化“12345”热线运行机制
                33:1 L3 8. 建设智慧社区 => task lead=各区人民政府(generic) others=-
            35:1 L1 三、 保障措施 [safeguards]
              36:1 L2 （一） 加强组织领导
              37:1 L2 （二） 强化资金保障 [safeguards]
            tasks: 8, clauses: 8
        "#]],
    );
}

#[test]
fn markdown_work_points() {
    check(
        SourceKind::Markdown,
        include_str!("../../tests/fixtures/drafts/work_points.md"),
        expect![[r#"
            genre: 工作要点 (line 6), date: 2026 (title, line 6)
            6:3 L0  南屿市2026年科技创新工作要点
              10:4 L1 一、 主要目标 [targets]
                target Bullet 研发投入：全社会研发经费投入增长10%以上。
                target Bullet 创新主体：高新技术企业数量突破**家。
                target Bullet 创新生态：创新环境进一步优化。
              16:4 L1 二、 重点工作 [tasks]
                tasks at 1. (responsibility clauses attach at this level: 2 of 3 carry their own)
                18:3 L2 （一） 强化企业创新主体地位
                  20:1 L3 1. 实施科技企业梯次培育行动 => task lead=市科技局 others=各区人民政府(generic)
                  21:1 L3 2. 支持企业建设研发机构 => task lead=- others=-
                23:3 L2 （二） 推进成果转化
                  25:1 L3 3. 建设中试平台 => task lead=市科技局 others=-
              36:4 L1 三、 保障措施 [safeguards]
                38:1 L2 （一） 加强统筹协调
            33: table row 4 组织科技成果对接活动 => task lead=市科技局 others=市教育局
            34: table row 5 开展科技金融试点 => task lead=- others=-
            tasks: 5, clauses: 3
        "#]],
    );
}

#[test]
fn township_points_without_units() {
    check(
        SourceKind::PlainText,
        include_str!("../../tests/fixtures/drafts/township_points.txt"),
        expect![[r#"
            genre: 工作要点 (line 1), date: 2025 (title, line 1)
            3:1 L1 一、 重点工作 [tasks]
              tasks below (no responsibility markup; task heading word)
              4:1 L3 1. 抓好项目建设 => task lead=- others=-
              5:1 L3 2. 抓好乡村振兴 => task lead=- others=-
                target Anchored 巩固拓展脱贫攻坚成果，力争农民人均可支配收入增长
              6:1 L3 3. 抓好基层治理 => task lead=- others=-
            7:1 L1 二、 工作要求 [safeguards]
            tasks: 3, clauses: 0
        "#]],
    );
}

#[test]
fn division_table() {
    check(
        SourceKind::PlainText,
        include_str!("../../tests/fixtures/drafts/division_table.txt"),
        expect![[r#"
            genre: 任务分工/责任分解 (line 1)
            4: table row 1 推行“一件事一次办” => task lead=市行政审批局 others=市行政审批局、市司法局
            5: table row 2 压缩企业开办时间 => task lead=市市场监管局 others=市税务局
            6: table row 3 优化水电气报装服务 => task lead=- others=-
            tasks: 3, clauses: 2
        "#]],
    );
}

#[test]
fn tab_table_rows_may_end_in_empty_cells() {
    // A row whose last columns are empty (as a Word table's unfilled cells read) is still a
    // row; the heading the table sits under is not a task of its own: the rows are.
    check(
        SourceKind::PlainText,
        "任务分工\n一、重点任务分工\n序号\t重点任务\t牵头单位\t责任单位\n1\t推行一件事一次办\t市行政审批局\t\n2\t压缩企业开办时间\t\t\n",
        expect![[r#"
            genre: 任务分工/责任分解 (line 1)
            2:1 L1 一、 重点任务分工 [tasks]
            4: table row 1 推行一件事一次办 => task lead=市行政审批局 others=-
            5: table row 2 压缩企业开办时间 => task lead=- others=-
            tasks: 2, clauses: 1
        "#]],
    );
}

#[test]
fn heading_variants() {
    check(
        SourceKind::PlainText,
        "一、总体要求\n二．主要任务\n（一）、加快建设\n(二)推进改革\n1、第一项\n2 .第二项\n３．第三项\n（1）子项\n⑵子项\n①细项\n1.5亿元投资\n2023.09.15印发\n一是加强领导\n第一，加强领导\n",
        expect![[r#"
            genre: 未识别（按计划类处理）, date: 2023-09 (signed, line 12)
            1:1 L1 一、 总体要求 [background]
            2:1 L1 二． (nonstandard) 主要任务 [tasks]
              tasks below (no responsibility markup; task heading word)
              3:1 L2 （一）、 (nonstandard) 加快建设 => task lead=- others=-
              4:1 L2 (二) (nonstandard) 推进改革
                5:1 L3 1、 (nonstandard) 第一项 => task lead=- others=-
                6:1 L3 2 . (nonstandard) 第二项 => task lead=- others=-
                7:1 L3 ３． (nonstandard) 第三项
                  8:1 L4 （1） 子项 => task lead=- others=-
                  9:1 L4 ⑵ 子项
                    10:1 L5 ① 细项 => task lead=- others=-
                      13:1 L6 一是 加强领导
                      14:1 L6 第一， 加强领导
            tasks: 5, clauses: 0
        "#]],
    );
}

#[test]
fn any_input_yields_a_document() {
    for text in [
        "",
        "\n",
        "\r\n\r",
        "（",
        "（一",
        "1.",
        "一、",
        "**",
        "<!--",
        "```",
        "---\n",
        "|牵头单位|\n|",
        "（牵头单位：",
        "\u{feff}一、",
    ] {
        for kind in [SourceKind::PlainText, SourceKind::Markdown] {
            let doc = parse(text, kind, &Config::default().vocabulary());
            assert_eq!(doc.prose.len(), text.len());
            let _ = doc.dump();
        }
    }
}

/// Each suppression directive as `kind @where [directive] covers from..to
/// names [name@where …]`, with 1-based lines and char columns.
fn check_suppressions(kind: SourceKind, text: &str, expect: Expect) {
    let doc = parse(text, kind, &Config::default().vocabulary());
    let index = crate::text::LineIndex::new(text);
    let pos = |offset: usize| {
        let p = index.char_col(text, offset);
        format!("{}:{}", p.line + 1, p.col + 1)
    };
    let mut out = String::new();
    for s in &doc.suppressions {
        let covers = match s.covers {
            Some(c) => format!("{}..{}", pos(c.start()), pos(c.end())),
            None => "nothing".to_string(),
        };
        let names: Vec<String> = s.names.iter().map(|&n| format!("{}@{}", doc.slice(n), pos(n.start()))).collect();
        out.push_str(&format!(
            "{:?} @{} [{}] covers {covers} names [{}]\n",
            s.kind,
            pos(s.directive.start()),
            doc.slice(s.directive),
            names.join(" ")
        ));
    }
    expect.assert_eq(&out);
}

#[test]
fn suppression_directives_are_data() {
    // Names are kept as written, known or not; an empty list is every rule.
    let text = "<!-- planlint-disable-next-line plcaeholder, PL201 -->\n\n采购X型设备。\n完成X项。<!-- planlint-disable-line:  占位符、numbering -->\n// planlint-disable\n某某集团。\nplanlint-enable\nplanlint-disable-line\n到X年。\nplanlint-disable-next-line nosuchrule";
    let expected = expect![[r#"
        NextLine @1:1 [<!-- planlint-disable-next-line plcaeholder, PL201 -->] covers 3:1..3:8 names [plcaeholder@1:33 PL201@1:46]
        ThisLine @4:6 [<!-- planlint-disable-line:  占位符、numbering -->] covers 4:1..4:52 names [占位符@4:35 numbering@4:39]
        Block @5:1 [// planlint-disable] covers 5:1..7:1 names []
        ThisLine @8:1 [planlint-disable-line] covers 9:1..9:5 names []
        NextLine @10:1 [planlint-disable-next-line nosuchrule] covers nothing names [nosuchrule@10:28]
    "#]];
    check_suppressions(SourceKind::PlainText, text, expected);
    let md = parse(text, SourceKind::Markdown, &Config::default().vocabulary());
    assert_eq!(md.suppressions, parse(text, SourceKind::PlainText, &Config::default().vocabulary()).suppressions);
}

macro_rules! fixture {
    ($name:literal, $expect:expr) => {
        check(SourceKind::PlainText, include_str!(concat!("../../tests/fixtures/drafts/", $name)), $expect)
    };
}

/// Topic headings, tasks numbered straight through them, no heading word:
/// the clauses make `1.` the task level everywhere, and the three tasks
/// without one are tasks all the same. Safeguards are not tasks.
#[test]
fn topic_headings_tasks_numbered_through() {
    fixture!(
        "topic_points.txt",
        expect![[r#"
            genre: 工作要点 (line 1), date: 2026 (title, line 1)
            5:1 L1 一、 聚焦产业升级，做强数字产业集群
              tasks at 1. (responsibility clauses attach at this level: 2 of 3 carry their own)
              6:1 L3 1. 壮大软件和信息服务业 => task lead=市工业和信息化局 others=市科技局、市财政局
              7:1 L3 2. 培育数据要素市场 => task lead=市数据局 others=市发展改革委
              8:1 L3 3. 发展智能终端产业 => task lead=- others=-
            9:1 L1 二、 聚焦融合应用，推动制造业数字化转型
              tasks at 1. (responsibility clauses attach at this level: 2 of 3 carry their own)
              10:1 L3 4. 推进工业互联网平台建设 => task lead=市工业和信息化局 others=-
              11:1 L3 5. 实施中小企业数字化改造 => task lead=市中小企业服务中心 others=各区人民政府(generic)
              12:1 L3 6. 建设智能工厂和数字化车间 => task lead=- others=-
            13:1 L1 三、 聚焦基础支撑，完善数字基础设施
              tasks at 1. (responsibility clauses attach at this level: 2 of 3 carry their own)
              14:1 L3 7. 加快5G网络深度覆盖 => task lead=市通信发展管理办公室 others=-
              15:1 L3 8. 统筹算力设施布局 => task lead=市发展改革委 others=市数据局
              16:1 L3 9. 强化网络安全保障 => task lead=- others=-
            17:1 L1 四、 保障措施 [safeguards]
              18:1 L2 （一） 加强组织领导
              19:1 L2 （二） 强化考核评估
            tasks: 9, clauses: 6
        "#]]
    );
}

/// 一、→（一）→1. with clauses on the `1.` items; a clause after a task's
/// sub-items covers the task; the verb form `（A牵头，B配合）`.
#[test]
fn three_levels_with_sub_items() {
    fixture!(
        "three_levels.txt",
        expect![[r#"
            genre: 实施方案 (line 1)
            3:1 L1 一、 总体要求 [background]
              4:1 L2 （一） 指导思想 [background]
              6:1 L2 （二） 工作目标 [targets]
                target Sentence 到2027年，营商环境便利度进入全省前列，市场主
            8:1 L1 二、 主要举措 [tasks]
              tasks at 1. (responsibility clauses attach at this level: 4 of 5 carry their own)
              9:1 L2 （一） 提升政务服务效能
                10:1 L3 1. 推行“一件事一次办” => task lead=区政务服务中心 others=区司法局
                11:1 L3 2. 深化“证照分离”改革 => task lead=- others=-
                12:1 L3 3. 优化企业开办服务 => task lead=区市场监管局 others=区税务局
                  13:1 L4 （1） 推行开办全程网上办
                  14:1 L4 （2） 免费刻制首套印章
                  15:1 L4 （3） 压减开办时间至1个工作日
              17:1 L2 （二） 强化要素保障
                18:1 L3 4. 保障项目用地需求 => task lead=区自然资源局 others=-
                19:1 L3 5. 拓宽企业融资渠道 => task lead=区金融服务中心 others=区发展改革局
            20:1 L1 三、 保障措施 [safeguards]
              21:1 L2 （一） 加强统筹调度
              22:1 L2 （二） 严格督查问效
            tasks: 5, clauses: 4
        "#]]
    );
}

/// The （一） items are the tasks: each clause follows its steps `1.` `2.`.
#[test]
fn paren_items_are_the_tasks() {
    fixture!(
        "paren_tasks.txt",
        expect![[r#"
            genre: 任务分工/责任分解 (line 1), date: 2026 (title, line 1)
            3:1 L1 一、 巩固拓展脱贫攻坚成果
              tasks at （一） (responsibility clauses attach at this level: 2 of 2 carry their own)
              4:1 L2 （一） 健全防止返贫监测帮扶机制 => task lead=县农业农村局 others=各乡镇人民政府(generic)
                5:1 L3 1. 每季度开展一次集中排查
                6:1 L3 2. 对监测对象落实针对性帮扶措施
              8:1 L2 （二） 稳定脱贫劳动力就业规模 => task lead=县人力资源和社会保障局 others=-
                9:1 L3 1. 组织劳务协作对接活动
                10:1 L3 2. 开发乡村公益性岗位
            12:1 L1 二、 推进乡村产业发展
              tasks at （一） (responsibility clauses attach at this level: 1 of 2 carry their own)
              13:1 L2 （三） 做强特色农产品加工 => task lead=- others=-
                14:1 L3 1. 支持龙头企业技术改造
                15:1 L3 2. 建设冷链物流设施
              16:1 L2 （四） 发展乡村休闲旅游 => task lead=县文化和旅游局 others=县农业农村局
                17:1 L3 1. 打造精品民宿集群
                18:1 L3 2. 举办农民丰收节系列活动
            tasks: 4, clauses: 3
        "#]]
    );
}

/// A 责任分解 whose targets carry units too: the target items are tasks.
#[test]
fn division_of_targets() {
    fixture!(
        "target_division.txt",
        expect![[r#"
            genre: 任务分工/责任分解 (line 1), date: 2026 (title, line 1)
            3:1 L1 一、 2026年全县经济社会发展主要预期目标 [targets]
              tasks at 1. (responsibility clauses attach at this level: 4 of 6 carry their own)
              4:1 L3 1. 地区生产总值增长6.5%左右 => task lead=县发展改革局 others=-
                target Item 地区生产总值增长6.5%左右。（责任领导：王明；
              5:1 L3 2. 规模以上工业增加值增长8% => task lead=县经济和信息化局 others=-
                target Item 规模以上工业增加值增长8%。（责任领导：李华；牵
              6:1 L3 3. 社会消费品零售总额增长7% => task lead=- others=-
                target Item 社会消费品零售总额增长7%。

              7:1 L3 4. 一般公共预算收入增长5% => task lead=县财政局 others=-
                target Item 一般公共预算收入增长5%。（责任领导：王明；牵头
              8:1 L3 5. 城乡居民收入增长与经济增长基本同步 => task lead=- others=-
                target Item 城乡居民收入增长与经济增长基本同步。

              9:1 L3 6. 单位地区生产总值能耗进一步降低 => task lead=县发展改革局 others=-
                target Item 单位地区生产总值能耗进一步降低。（责任领导：李华
            10:1 L1 二、 重点工作 [tasks]
              tasks at 1. (responsibility clauses attach at this level: 3 of 3 carry their own)
              11:1 L2 （一） 扩大有效投资
                12:1 L3 7. 实施重点项目120个，完成投资150亿元 => task lead=县发展改革局 others=-
                13:1 L3 8. 争取专项债券资金10亿元以上 => task lead=县财政局 others=-
              14:1 L2 （二） 促进消费升级
                15:1 L3 9. 举办促消费活动30场以上 => task lead=县商务局 others=-
            tasks: 9, clauses: 7
        "#]]
    );
}

/// Traditional script: role words, labels and target words are folded.
#[test]
fn traditional_script() {
    fixture!(
        "traditional.txt",
        expect![[r#"
            genre: 实施方案 (line 1)
            3:1 L1 一、 目標要求 [targets]
              target Sentence 全面推進基層政務公開標準化建設，到2027年，基
            5:1 L1 二、 重點任務 [tasks]
              tasks at 1. (responsibility clauses attach at this level: 2 of 3 carry their own)
              6:1 L2 （一） 編製公開事項目錄
                7:1 L3 1. 梳理各領域公開事項 => task lead=市政府辦公室 others=各縣（市、區）人民政府(generic)
                8:1 L3 2. 動態調整公開事項目錄 => task lead=- others=-
              9:1 L2 （二） 規範公開平台建設
                10:1 L3 3. 整合政務公開專欄 => task lead=市大數據中心 others=-
                  target Level 推動政府網站集約化建設，專欄訪問量提升至新水平。
            11:1 L1 三、 保障措施 [safeguards]
              12:1 L2 （一） 加強組織領導
            tasks: 3, clauses: 2
        "#]]
    );
}

/// Clauses in square, tortoise-shell and lenticular brackets, unlabelled and
/// own-line clauses, and the dot-like delimiters of Word, WPS and OCR.
#[test]
fn markup_variants() {
    fixture!(
        "markup_variants.txt",
        expect![[r#"
            genre: 任务分工/责任分解 (line 1), date: 2026 (title, line 1)
            3:1 L1 一、 强化企业创新主体地位
              tasks at 1. (responsibility clauses attach at this level: 5 of 5 carry their own)
              4:1 L3 1． (nonstandard) 实施高新技术企业倍增计划 => task lead=区科技局 others=区财政局
              5:1 L3 2｡ (nonstandard) 支持企业建设研发机构 => task lead=区科技局 others=-
              6:1 L3 3﹒ (nonstandard) 推动规上企业研发活动全覆盖 => task lead=区经济和信息化局 others=区统计局
              7:1 L3 4。 (nonstandard) 开展科技型企业梯次培育 => task lead=区科技局 others=-
              8:1 L3 5· (nonstandard) 组织企业参加创新创业大赛 => task lead=区科技局 others=区工商联
            9:1 L1 二、 建设高能级创新平台
              tasks at 1. (responsibility clauses attach at this level: 2 of 3 carry their own)
              10:1 L3 6・ (nonstandard) 争创省级重点实验室 => task lead=区科技局 others=-
              12:1 L3 7‧ (nonstandard) 建设中试基地和概念验证中心 => task lead=区科技局 others=区发展改革局
              13:1 L3 ⒏ (nonstandard) 推进科技成果转化 => task lead=- others=-
            tasks: 8, clauses: 7
        "#]]
    );
}

/// A table flattened to one cell per line, each closed by `|`.
#[test]
fn flattened_table() {
    fixture!(
        "flattened_table.txt",
        expect![[r#"
        genre: 任务分工/责任分解 (line 1), date: 2026 (title, line 1)
        7: table row 1 完成园区污水处理厂提标改造，新增 => task lead=规划建设局 others=-
        12: table row 2 开展“标准地”改革，盘活低效用地 => task lead=- others=-
        17: table row 3 引进亿元以上项目20个。 => task lead=招商服务中心 others=-
        tasks: 3, clauses: 2
    "#]]
    );
}

/// A speech: numbered paragraphs and 一要…二要… are not tasks.
#[test]
fn speech_has_no_tasks() {
    fixture!(
        "speech.txt",
        expect![[r#"
        genre: 讲话 (line 1)
        7:1 L1 一、 正确认识当前经济形势
        10:1 L1 二、 扎实抓好今年重点工作 [tasks]
          11:1 L3 1. 抓项目建设
          12:1 L3 2. 抓改革创新
          13:1 L3 3. 抓民生保障
        15:1 L1 三、 切实转变工作作风
        tasks: 0, clauses: 0
    "#]]
    );
}

/// A table flattened without separators: only its header is recognised, and
/// it says the draft assigns units; with every unit cell empty, the leaf
/// items are the tasks.
#[test]
fn header_only_table() {
    check(
        SourceKind::PlainText,
        "政务公开工作要点实施方案\n目标\n任务\n主要内容\n责任单位\n一、以公开助力稳增长\n（一）加强预期引导\n围绕经济政策开展解读。\n\n（二）回应社会关切\n及时发布权威信息。\n市政府办公室牵头落实\n",
        expect![[r#"
            genre: 工作要点 (line 1)
            6:1 L1 一、 以公开助力稳增长
              tasks at （一） (responsibility clauses attach at this level: 1 of 2 carry their own)
              7:1 L2 （一） 加强预期引导 => task lead=- others=-
              10:1 L2 （二） 回应社会关切 => task lead=市政府办公室 others=-
            tasks: 2, clauses: 1
        "#]],
    );
}

/// Pages pasted from a document-sharing site: `N、` at a line start that
/// continues the previous line mid-sentence is not a number.
#[test]
fn page_chunk_markers_are_not_headings() {
    check(
        SourceKind::PlainText,
        "1、在全市科技创新大会上的汇报发言尊敬的各位领导：近年来，我市深入实施创新驱动发展战略，科技创新综合实力稳步提升，为全市高质量发展提供\n2、有力支撑。一是强化规划引领，制定出台创新发展实施意见，重点实施创新策源、双链融合、人才引领等工程，全市研发投入强度连续\n3、三年保持增长。二是培育创新主体。\n",
        expect![[r#"
            genre: 讲话 (line 1)
            tasks: 0, clauses: 0
        "#]],
    );
}

/// A heading that hands its group of tasks to a unit; a person who leads is not a unit.
#[test]
fn heading_naming_the_lead_of_its_tasks() {
    check(
        SourceKind::PlainText,
        "县政府重点工作任务分解\n一、县示范区管委会牵头工作（2项）\n1.建设产业园标准厂房。\n2.引进亿元以上项目10个。\n二、县财政局牵头工作\n3.盘活存量资产。\n4.争取专项债券。（责任单位：县发展改革局）\n三、朱伟县长牵头重点工作\n5.优化营商环境。\n",
        expect![[r#"
            genre: 任务分工/责任分解 (line 1)
            2:1 L1 一、 县示范区管委会牵头工作（2项）
              tasks at 1. (responsibility clauses attach at this level: 0 of 2 carry their own)
              3:1 L3 1. 建设产业园标准厂房 => task lead=县示范区管委会 others=- (inherited)
              4:1 L3 2. 引进亿元以上项目10个 => task lead=县示范区管委会 others=- (inherited)
            5:1 L1 二、 县财政局牵头工作
              tasks at 1. (responsibility clauses attach at this level: 1 of 2 carry their own)
              6:1 L3 3. 盘活存量资产 => task lead=县财政局 others=- (inherited)
              7:1 L3 4. 争取专项债券 => task lead=县发展改革局 others=-
            8:1 L1 三、 朱伟县长牵头重点工作 [tasks]
              tasks at 1. (no clause here; the draft's clauses attach at this level)
              9:1 L3 5. 优化营商环境 => task lead=- others=-
            tasks: 5, clauses: 3
        "#]],
    );
}

/// Pinyin glosses inserted by mirror sites do not break headings, genre
/// words or labels; a header with spaces inside names reads as one word.
#[test]
fn pinyin_glosses_and_spaced_labels() {
    check(
        SourceKind::PlainText,
        "2023年重點工(gōng)作任務分解\n一(yī)、重點任務\n1.推進項目建設。(牽頭單(dān)位:市發改委)\n2.優化營商環境。\n序號|工作任務|牽頭 單位|配合 單位\n1|建設園區|市商務局|市財政局\n",
        expect![[r#"
            genre: 任务分工/责任分解 (line 1), date: 2023 (title, line 1)
            2:1 L1 一(yī)、 重點任務 [tasks]
              tasks at 1. (responsibility clauses attach at this level: 1 of 2 carry their own)
              3:1 L3 1. 推進項目建設 => task lead=市發改委 others=-
              4:1 L3 2. 優化營商環境 => task lead=- others=-
            6: table row 1 建設園區 => task lead=市商務局 others=市財政局
            tasks: 3, clauses: 2
        "#]],
    );
}

/// A simplified draft is not folded as a whole, yet a traditional label quoted
/// late in it still reads as a clause.
#[test]
fn traditional_label_late_in_a_simplified_draft() {
    let filler = "加强统筹协调，形成工作合力。".repeat(120);
    let text =
        format!("二、主要任务\n1.推进改革。{filler}（牵头单位：市发改委）\n2.优化服务。（牽頭單位：市政務服務中心）\n");
    let doc = parse(&text, SourceKind::PlainText, &Config::default().vocabulary());
    let leads: Vec<&str> = doc.tasks.iter().flat_map(|t| t.leads.iter().map(|u| &*u.name)).collect();
    assert_eq!(leads, ["市发改委", "市政務服務中心"]);
}

/// A plan that numbers its tasks 一是、二是 at line starts: they are tasks
/// when the clauses sit on them; a speech's 一要、二要 are not headings at all.
#[test]
fn enumerated_tasks_in_a_plan_and_not_in_a_speech() {
    check(
        SourceKind::PlainText,
        "某镇2026年工作要点\n一、重点工作\n一是抓项目建设。新开工项目10个。（牵头单位：镇经发办）\n二是抓乡村振兴。建设示范村3个。\n三是抓基层治理。（牵头单位：镇综治中心）\n",
        expect![[r#"
            genre: 工作要点 (line 1), date: 2026 (title, line 1)
            2:1 L1 一、 重点工作 [tasks]
              tasks at 一是 (responsibility clauses attach at this level: 2 of 3 carry their own)
              3:1 L6 一是 抓项目建设 => task lead=镇经发办 others=-
              4:1 L6 二是 抓乡村振兴 => task lead=- others=-
              5:1 L6 三是 抓基层治理 => task lead=镇综治中心 others=-
            tasks: 3, clauses: 2
        "#]],
    );
    check(
        SourceKind::PlainText,
        "在全镇工作会议上的讲话\n同志们：\n一、认清形势\n一要看到成绩。\n二要正视差距。\n",
        expect![[r#"
            genre: 讲话 (line 1)
            3:1 L1 一、 认清形势
            tasks: 0, clauses: 0
        "#]],
    );
}

/// A list that ends with generic groups (`A等省有关部门和各地级以上市人民政府`):
/// the specific names, then each group as a generic unit of its own; `等部门`
/// after names only says "and others". Names with 和 inside stay whole.
#[test]
fn generic_groups_after_named_units() {
    check(
        SourceKind::PlainText,
        "二、重点任务\n1.推进基础设施建设。（省发展改革委、交通运输厅、能源局等省有关部门和各地级以上市人民政府按职责分工负责）\n2.完善就业政策。（牵头单位：市人力资源和社会保障局；责任单位：市财政局、市税务局等部门）\n3.强化要素保障。（牵头单位：市发展和改革委员会；责任单位：市直有关部门及各县区政府）\n",
        expect![[r#"
            genre: 未识别（按计划类处理）
            1:1 L1 二、 重点任务 [tasks]
              tasks at 1. (responsibility clauses attach at this level: 3 of 3 carry their own)
              2:1 L3 1. 推进基础设施建设 => task lead=省发展改革委 others=交通运输厅、能源局、省有关部门(generic)、各地级以上市人民政府(generic)
              3:1 L3 2. 完善就业政策 => task lead=市人力资源和社会保障局 others=市财政局、市税务局
              4:1 L3 3. 强化要素保障 => task lead=市发展和改革委员会 others=市直有关部门(generic)、各县区政府(generic)
            tasks: 3, clauses: 3
        "#]],
    );
}

/// `由A牵头`: 由 introduces the lead and is not part of its name, in a
/// bracketed clause and on a line of its own.
#[test]
fn you_introduces_the_lead() {
    check(
        SourceKind::PlainText,
        "二、主要任务\n1.建设创新平台。（由市科技局牵头，市财政局配合）\n2.培育科技企业。\n由市工信局牵头负责。\n3.优化政务服务。（市政务服务中心牵头）\n",
        expect![[r#"
            genre: 未识别（按计划类处理）
            1:1 L1 二、 主要任务 [tasks]
              tasks at 1. (responsibility clauses attach at this level: 3 of 3 carry their own)
              2:1 L3 1. 建设创新平台 => task lead=市科技局 others=市财政局
              3:1 L3 2. 培育科技企业 => task lead=市工信局 others=-
              5:1 L3 3. 优化政务服务 => task lead=市政务服务中心 others=-
            tasks: 3, clauses: 3
        "#]],
    );
}
