//! `.docx` drafts through the built binary: Word list numbers, task tables,
//! tracked changes, Chinese file names, hostile and mislabelled files, and the
//! same findings as the text of the same draft. The documents are written
//! here: [`Docx`] puts hand-written WordprocessingML into a zip with the `zip`
//! crate; [`zip_bomb`] builds its archive byte by byte.

use std::io::Write;
use std::path::Path;

use serde_json::Value;

use crate::cli::{json, planlint, run, spans, tempdir, write};

pub use crate::docx_writer::*;

/// The findings without their path and fix (to compare one draft as text and as
/// a `.docx`, whose findings carry no fix in JSON).
fn comparable(findings: &[Value]) -> Vec<Value> {
    findings
        .iter()
        .map(|f| {
            let mut f = f.clone();
            f.as_object_mut().unwrap().remove("path");
            f.as_object_mut().unwrap().remove("fix");
            f
        })
        .collect()
}

#[test]
fn the_same_draft_as_txt_and_as_docx_gives_the_same_findings() {
    let dir = tempdir();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join("examples/draft.txt")).unwrap();
    let docx = from_text(&text);
    // Word numbers the headings: the document holds no `一、` or `（一）` as text.
    assert!(!String::from_utf8_lossy(&docx).contains("工作目标"), "the parts are compressed");
    assert_eq!(planlint::docx::to_text(&docx).unwrap(), text);
    write(dir.path(), "draft.txt", &text);
    write(dir.path(), "draft.docx", &docx);
    let (code_txt, txt) = json(dir.path(), &["draft.txt"]);
    let (code_docx, docx_findings) = json(dir.path(), &["draft.docx"]);
    assert_eq!(txt.len(), 7);
    assert_eq!((code_docx, comparable(&docx_findings)), (code_txt, comparable(&txt)));
    assert_eq!(docx_findings[0]["path"], "draft.docx");
}

#[test]
fn word_list_numbers_are_the_headings_and_tasks() {
    let dir = tempdir();
    let mut doc = Docx::new().numbering(&gov_numbering());
    doc.p("北岭市2026年科技创新工作要点")
        .numbered(1, 0, "工作目标")
        .p("——新增高新技术企业**家。")
        .numbered(1, 0, "主要任务")
        .numbered(1, 1, "强化企业创新主体地位")
        .numbered(1, 2, "实施高企培育行动。新增高新技术企业150家。（牵头单位：市科技局）")
        .numbered(1, 2, "支持企业建设研发机构。新建研发机构40家。")
        .numbered(1, 1, "提升平台支撑能力")
        .numbered(1, 2, "推进实验室体系建设。争创全国重点实验室1家。（牵头单位：市科技局）")
        .numbered(1, 0, "保障措施");
    write(dir.path(), "plan.docx", doc.bytes());
    let (code, out, err) = run(dir.path(), &["outline", "plan.docx"]);
    assert_eq!(code, 0, "{err}");
    for line in [
        "2:1 L1 一、 工作目标 [targets]",
        "4:1 L1 二、 主要任务 [tasks]",
        "5:1 L2 （一） 强化企业创新主体地位",
        "6:1 L3 1. 实施高企培育行动 => task lead=市科技局",
        "7:1 L3 2. 支持企业建设研发机构 => task lead=-",
        "8:1 L2 （二） 提升平台支撑能力",
        "9:1 L3 3. 推进实验室体系建设 => task lead=市科技局",
        "10:1 L1 三、 保障措施",
    ] {
        assert!(out.contains(line), "outline lacks {line:?}\n{out}");
    }
    // Lines are paragraphs; columns count the number Word shows.
    let (code, findings) = json(dir.path(), &["plan.docx"]);
    assert_eq!(code, 1);
    assert_eq!(spans(&findings), ["3:11-3:13 PL101", "7:1-7:13 PL201"]);
    // The missing clause has a fix in a text draft; in a .docx it is only shown to people.
    assert_eq!(findings[1]["fix"], Value::Null);
    let (_, out, _) = run(dir.path(), &["check", "plan.docx"]);
    assert!(out.contains("= 修复建议：插入责任分工"), "{out}");

    // A one-level list whose second run restarts (Word's "restart at 1": a new
    // instance with a start override), and a list in its own format.
    let lists = r#"
        <w:abstractNum w:abstractNumId="5"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/><w:suff w:val="nothing"/></w:lvl></w:abstractNum>
        <w:abstractNum w:abstractNumId="6"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimalEnclosedCircle"/><w:lvlText w:val="%1"/><w:suff w:val="nothing"/></w:lvl></w:abstractNum>
        <w:num w:numId="2"><w:abstractNumId w:val="5"/></w:num>
        <w:num w:numId="3"><w:abstractNumId w:val="5"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
        <w:num w:numId="4"><w:abstractNumId w:val="6"/></w:num>"#;
    let mut doc_one_level = Docx::new().numbering(lists);
    doc_one_level
        .p("北岭市2026年人才工作实施方案")
        .p("一、主要任务")
        .numbered(2, 0, "引进高层次人才。引进人才团队10个。（牵头单位：市人社局）")
        .numbered(2, 0, "培育青年人才。支持青年人才200名。（牵头单位：市科技局）")
        .p("二、保障措施")
        .numbered(3, 0, "加强组织领导。")
        .numbered(3, 0, "强化经费保障。")
        .numbered(4, 0, "建立月调度制度。")
        .numbered(4, 0, "建立季通报制度。");
    // Headings numbered through their styles (Word's 标题 1 and 标题 2 linked to the
    // list, as its multilevel list gallery sets them up), body text in the default style.
    let styles = r#"
        <w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/></w:style>
        <w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:basedOn w:val="a"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
        <w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 2"/><w:basedOn w:val="a"/><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr></w:pPr></w:style>"#;
    let mut doc = Docx::new().numbering(&gov_numbering()).styles(styles);
    doc.styled("1", "总体要求").styled("1", "主要任务").styled("2", "强化企业主体").styled("2", "提升平台能力");
    doc.p("正文段落。");
    let text = planlint::docx::to_text(&doc.bytes()).unwrap();
    assert_eq!(text, "一、总体要求\n二、主要任务\n（一）强化企业主体\n（二）提升平台能力\n正文段落。\n");

    let text = planlint::docx::to_text(&doc_one_level.bytes()).unwrap();
    assert_eq!(
        text,
        "北岭市2026年人才工作实施方案\n一、主要任务\n1.引进高层次人才。引进人才团队10个。（牵头单位：市人社局）\n\
         2.培育青年人才。支持青年人才200名。（牵头单位：市科技局）\n二、保障措施\n1.加强组织领导。\n2.强化经费保障。\n\
         ①建立月调度制度。\n②建立季通报制度。\n"
    );
}

#[test]
fn a_task_table_reads_its_lead_and_responsible_columns() {
    let dir = tempdir();
    // 序号 numbered by a Word list inside the cells; the lead unit of rows 1 and 2 is one
    // cell merged down; row 3 names no unit at all.
    let seq = r#"<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>"#;
    let row = |cells: &[String]| format!("<w:tr>{}</w:tr>", cells.concat());
    let mut doc = Docx::new().numbering(seq);
    doc.p("北岭市2026年优化营商环境任务分工方案").p("一、重点任务分工").raw("<w:tbl>").raw(&row(&[
        cell(&p("序号"), ""),
        cell(&p("重点任务"), ""),
        cell(&p("牵头单位"), ""),
        cell(&p("责任单位"), ""),
    ]));
    doc.raw(&row(&[
        cell(&numbered(1, 0, ""), ""),
        cell(&p("推行企业开办一日办结。"), ""),
        cell(&p("市市场监管局"), r#"<w:vMerge w:val="restart"/>"#),
        cell(&format!("{}{}", p("市税务局"), p("市公安局")), ""),
    ]));
    doc.raw(&row(&[
        cell(&numbered(1, 0, ""), ""),
        cell(&p("压减涉企经营许可事项。"), ""),
        cell("<w:p/>", "<w:vMerge/>"),
        cell(&p("市司法局"), ""),
    ]));
    doc.raw(&row(&[
        cell(&numbered(1, 0, ""), ""),
        cell(&p("建设统一的信用平台。"), ""),
        cell("<w:p/>", ""),
        cell("<w:p/>", ""),
    ]));
    doc.raw("</w:tbl>");
    let text = planlint::docx::to_text(&doc.bytes()).unwrap();
    let expected = "北岭市2026年优化营商环境任务分工方案\n一、重点任务分工\n序号\t重点任务\t牵头单位\t责任单位\n\
                    1\t推行企业开办一日办结。\t市市场监管局\t市税务局 市公安局\n\
                    2\t压减涉企经营许可事项。\t市市场监管局\t市司法局\n3\t建设统一的信用平台。\t\t\n";
    assert_eq!(text, expected);
    write(dir.path(), "分工.docx", doc.bytes());
    write(dir.path(), "分工.txt", expected);
    let (_, out, _) = run(dir.path(), &["outline", "分工.docx"]);
    assert!(out.contains("lead=市市场监管局 others=市税务局、市公安局"), "{out}");
    assert!(out.contains("lead=市市场监管局 others=市司法局"), "{out}");
    let (code, findings) = json(dir.path(), &["分工.docx"]);
    assert_eq!((code, spans(&findings)), (0, vec!["6:1-6:13 PL201".to_string()]));
    assert_eq!(comparable(&findings), comparable(&json(dir.path(), &["分工.txt"]).1));
}

#[test]
fn tracked_changes_count_as_accepted() {
    let dir = tempdir();
    let change = |kind: &str, text_tag: &str, text: &str| {
        format!(
            r#"<w:{kind} w:id="1" w:author="审核人" w:date="2026-03-01T09:00:00Z"><w:r><w:{text_tag} xml:space="preserve">{text}</w:{text_tag}></w:r></w:{kind}>"#
        )
    };
    let mut doc = Docx::new();
    doc.p("北岭市2026年科技创新工作要点").p("一、主要任务");
    // An inserted 牵头单位 clause counts; a deleted one is gone.
    doc.raw(&format!(
        "<w:p><w:r><w:t>1.建设孵化载体。新建众创空间3个。</w:t></w:r>{}</w:p>",
        change("ins", "t", "（牵头单位：区科技局）")
    ));
    doc.raw(&format!(
        "<w:p><w:r><w:t>2.优化人才服务。办理事项100项。</w:t></w:r>{}</w:p>",
        change("del", "delText", "（牵头单位：区人社局）")
    ));
    write(dir.path(), "修订稿.docx", doc.bytes());
    let (_, findings) = json(dir.path(), &["修订稿.docx"]);
    assert_eq!(spans(&findings), ["4:1-4:9 PL201"]);
    let (_, out, _) = run(dir.path(), &["outline", "修订稿.docx"]);
    assert!(out.contains("1. 建设孵化载体 => task lead=区科技局"), "{out}");
}

#[test]
fn chinese_file_names_directories_and_fix() {
    let dir = tempdir();
    let mut doc = Docx::new();
    doc.p("北岭市2026年科技创新工作要点").p("一、工作目标").p("——新增高新技术企业**家，技术合同成交额增长15%以上。");
    let bytes = doc.bytes();
    let name = "plans/北岭市2026年科技创新工作要点（征求意见稿）.docx";
    write(dir.path(), name, &bytes);
    write(dir.path(), "plans/~$岭市2026年科技创新工作要点（征求意见稿）.docx", b"\x0bWord lock\x00\x00".as_slice());
    write(dir.path(), "plans/说明.txt", "一、工作目标\n——新增企业X家。\n");
    let (code, out, err) = run(dir.path(), &["check", "plans"]);
    assert_eq!(code, 1, "{err}");
    // Word's lock file is not a draft; the document is, with its paragraph shown.
    assert!(out.starts_with(&format!("{name}:3:11: error[PL101/placeholder] 模板占位符“**”未替换")), "{out}");
    assert!(out.contains("\n3 | ——新增高新技术企业**家，技术合同成交额增长15%以上。\n"), "{out}");
    assert!(out.contains("plans/说明.txt:2:7"), "{out}");
    assert!(out.contains("检查了 2 个文件"), "{out}");

    // --fix never writes a .docx: it says so and reports the findings; other files are fixed.
    write(dir.path(), "plans/说明.txt", "一、工作目标\n——新增企业10家,营收增长5%。\n");
    let (code, out, err) = run(dir.path(), &["check", "--fix", "plans"]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(err.contains(&format!("planlint: warning: {name}: planlint 不写入 .docx 文件，修复未应用")), "{err}");
    assert!(out.contains(&format!("{name}:3:11: error[PL101/placeholder]")), "{out}");
    assert_eq!(std::fs::read(dir.path().join(name)).unwrap(), bytes, "the .docx is untouched");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("plans/说明.txt")).unwrap(),
        "一、工作目标\n——新增企业10家，营收增长5%。\n"
    );
    let (code, out, err) = run(dir.path(), &["check", "--diff", name]);
    assert_eq!((code, out.as_str()), (0, ""), "{err}");
    assert!(err.contains("planlint 不写入 .docx 文件"), "{err}");
    // Standard input: --fix would print the fixed text, which a .docx cannot give.
    let out = planlint(dir.path(), &["check", "--fix", "-"], Some(&bytes));
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("<stdin>: planlint 不写入 .docx 文件"));
    // Without --fix, a .docx on standard input is read like a file.
    let out = planlint(dir.path(), &["check", "--format", "json", "-"], Some(&bytes));
    let findings: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(spans(&findings), ["3:11-3:13 PL101"]);
}

/// Runs `planlint ARGS` with its address space capped at `mib` MiB.
fn run_capped(dir: &Path, mib: u64, args: &[&str]) -> (i32, String, String) {
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("ulimit -v {} && exec \"$0\" \"$@\"", mib * 1024))
        .arg(env!("CARGO_BIN_EXE_planlint"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

#[test]
fn hostile_and_mislabelled_files_are_clear_per_file_errors() {
    let dir = tempdir();
    let d = dir.path();
    // 2 GiB of inflated text in a 2 MB file, with true headers and with headers that lie.
    let bomb = zip_bomb(2048, None);
    assert!(bomb.len() < 4 << 20, "{}", bomb.len());
    write(d, "bomb.docx", &bomb);
    write(d, "liar.docx", zip_bomb(2048, Some(4096)));
    let laughs = format!(
        r#"<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "哈哈哈哈哈哈哈哈"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;"><!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;"><!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;"><!ENTITY i "&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;">]><w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>&i;</w:t></w:r></w:p></w:body></w:document>"#
    );
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    zip.start_file("word/document.xml", zip::write::SimpleFileOptions::default()).unwrap();
    zip.write_all(laughs.as_bytes()).unwrap();
    write(d, "laughs.docx", zip.finish().unwrap().into_inner());
    let mut good = Docx::new();
    good.p("一、工作目标").p("——新增企业**家。");
    let good = good.bytes();
    write(d, "truncated.docx", &good[..good.len() * 2 / 3]);
    let ole = [&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1][..], &[0u8; 504]].concat();
    write(d, "plan.docx", &ole); // a .doc saved under a .docx name
    write(d, "old.doc", &ole);
    write(d, "scan.pdf", b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n".as_slice());
    write(d, "scan.docx", b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n".as_slice());
    write(d, "page.doc", "<html><body>一、工作目标</body></html>");
    write(d, "ok.docx", &good);

    let cases: [(&str, &str); 10] = [
        ("bomb.docx", "word/document.xml 解压后超过 64 MiB，不像是一份草稿（可能是压缩炸弹），已拒绝读取"),
        ("liar.docx", ".docx 文件已损坏或不完整"),
        ("laughs.docx", "word/document.xml 含有 DTD（<!DOCTYPE>）"),
        ("truncated.docx", ".docx 文件已损坏或不完整"),
        ("plan.docx", "这是 Word 97-2003 文档（.doc）或 WPS 文字旧格式（.wps），也可能是加密的 .docx"),
        ("old.doc", "这是 Word 97-2003 文档（.doc）"),
        ("scan.pdf", "这是 PDF 文件，planlint 不读取 PDF"),
        ("scan.docx", "这是 PDF 文件"),
        ("page.doc", "扩展名是 .doc，但内容不是可识别的文档"),
        ("ok.docx", ""),
    ];
    let names: Vec<&str> = cases.iter().map(|c| c.0).collect();
    // The inflated bomb would need 2 GiB; the reader stops at 64 MiB, well inside the cap.
    let (code, out, err) = run_capped(d, 1024, &[&["check"][..], &names].concat());
    assert_eq!(code, 2, "{out}{err}");
    for (name, message) in cases.iter().filter(|c| !c.1.is_empty()) {
        assert!(err.contains(&format!("planlint: error: {name}: {message}")), "{name}: {message}\n{err}");
    }
    assert!(out.contains("ok.docx:2:7: error[PL101/placeholder]"), "{out}");
    assert!(out.contains("（检查了 1 个文件）。另有 9 个文件无法读取。"), "{out}");
    // Nothing readable: the summary never says there are no problems.
    let (code, out, _) = run(d, &["check", "--lang", "en", "bomb.docx", "old.doc"]);
    assert_eq!((code, out.trim()), (2, "2 files could not be read; nothing was checked."));
    let (code, _, err) = run(d, &["check", "--lang", "en", "liar.docx"]);
    assert_eq!(code, 2);
    assert!(err.contains("liar.docx: the .docx file is damaged or incomplete"), "{err}");
}
