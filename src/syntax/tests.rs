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
            genre: 实施方案 (line 1)
            5:1 L1 一、 总体要求 [background]
              6:1 L2 （一） 指导思想 [background]
              8:1 L2 （二） 工作目标 [targets]
                target Sentence 到2027年，数字经济发展水平明显提升，具体目标
                target Bullet 数字经济核心产业增加值占地区生产总值比重达到12
                target Bullet 新建5G基站3000个，实现城区连续覆盖。
                target Bullet 数据要素市场体系基本建立，公共数据开放更加有序。
                target Bullet 软件和信息服务业营业收入与全省平均水平相适应。
            15:1 L1 二、 重点任务 [tasks]
              tasks at 1. (responsibility clauses attach at this level: 7 of 8 carry one)
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
            genre: 工作要点 (line 6)
            6:3 L0  南屿市2026年科技创新工作要点
              10:4 L1 一、 主要目标 [targets]
                target Bullet 研发投入：全社会研发经费投入增长10%以上。
                target Bullet 创新主体：高新技术企业数量突破**家。
                target Bullet 创新生态：创新环境进一步优化。
              16:4 L1 二、 重点工作 [tasks]
                tasks at 1. (responsibility clauses attach at this level: 2 of 3 carry one)
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
            genre: 工作要点 (line 1)
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
fn heading_variants() {
    check(
        SourceKind::PlainText,
        "一、总体要求\n二．主要任务\n（一）、加快建设\n(二)推进改革\n1、第一项\n2 .第二项\n３．第三项\n（1）子项\n⑵子项\n①细项\n1.5亿元投资\n2023.09.15印发\n一是加强领导\n第一，加强领导\n",
        expect![[r#"
            genre: 未识别（按计划类处理）
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
