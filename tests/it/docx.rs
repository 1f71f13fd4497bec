//! `.docx` drafts through the built binary: Word list numbers, task tables,
//! tracked changes, Chinese file names, hostile and mislabelled files, and the
//! same findings as the text of the same draft. The documents are written
//! here: [`Docx`] puts hand-written WordprocessingML into a zip with the `zip`
//! crate; [`zip_bomb`] builds its archive byte by byte.

use std::io::Write;
use std::path::Path;

use serde_json::Value;

use crate::cli::{json, planlint, run, spans, tempdir, write};

pub const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// Text escaped for XML content and attributes.
pub fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// A Word document under construction: body XML, and optionally numbering and styles.
#[derive(Default)]
pub struct Docx {
    body: String,
    numbering: Option<String>,
    styles: Option<String>,
}

impl Docx {
    pub fn new() -> Docx {
        Docx::default()
    }

    /// `w:abstractNum` and `w:num` elements for word/numbering.xml.
    pub fn numbering(mut self, definitions: &str) -> Docx {
        self.numbering = Some(format!(r#"<w:numbering xmlns:w="{W_NS}">{definitions}</w:numbering>"#));
        self
    }

    /// `w:style` elements for word/styles.xml.
    pub fn styles(mut self, styles: &str) -> Docx {
        self.styles = Some(format!(r#"<w:styles xmlns:w="{W_NS}">{styles}</w:styles>"#));
        self
    }

    /// Body XML as is.
    pub fn raw(&mut self, xml: &str) -> &mut Docx {
        self.body.push_str(xml);
        self
    }

    /// A paragraph of one run.
    pub fn p(&mut self, text: &str) -> &mut Docx {
        self.raw(&p(text))
    }

    /// A paragraph numbered by list `num_id` at level `ilvl`.
    pub fn numbered(&mut self, num_id: u32, ilvl: u32, text: &str) -> &mut Docx {
        self.raw(&numbered(num_id, ilvl, text))
    }

    /// A paragraph in style `style`.
    pub fn styled(&mut self, style: &str, text: &str) -> &mut Docx {
        self.raw(&format!(
            r#"<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr><w:r><w:t xml:space="preserve">{}</w:t></w:r></w:p>"#,
            esc(text)
        ))
    }

    /// The `.docx` file.
    pub fn bytes(&self) -> Vec<u8> {
        let document = format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W_NS}"><w:body>{}<w:sectPr/></w:body></w:document>"#,
            self.body
        );
        let mut rels = String::new();
        let mut types = String::new();
        let ct = "application/vnd.openxmlformats-officedocument.wordprocessingml";
        for (id, (part, kind)) in [(&self.numbering, "numbering"), (&self.styles, "styles")].into_iter().enumerate() {
            if part.is_some() {
                rels.push_str(&format!(
                    r#"<Relationship Id="rId{id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/{kind}" Target="{kind}.xml"/>"#
                ));
                types.push_str(&format!(r#"<Override PartName="/word/{kind}.xml" ContentType="{ct}.{kind}+xml"/>"#));
            }
        }
        let mut parts: Vec<(String, String)> = vec![
            (
                "[Content_Types].xml".into(),
                format!(
                    r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="{ct}.document.main+xml"/>{types}</Types>"#
                ),
            ),
            (
                "_rels/.rels".into(),
                r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#.into(),
            ),
            ("word/document.xml".into(), document),
            (
                "word/_rels/document.xml.rels".into(),
                format!(
                    r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>"#
                ),
            ),
        ];
        for (part, name) in [(&self.numbering, "word/numbering.xml"), (&self.styles, "word/styles.xml")] {
            if let Some(xml) = part {
                parts.push((name.into(), xml.clone()));
            }
        }
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        for (name, text) in parts {
            zip.start_file(name, options).unwrap();
            zip.write_all(text.as_bytes()).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }
}

pub fn p(text: &str) -> String {
    format!(r#"<w:p><w:r><w:t xml:space="preserve">{}</w:t></w:r></w:p>"#, esc(text))
}

pub fn numbered(num_id: u32, ilvl: u32, text: &str) -> String {
    format!(
        r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr></w:pPr><w:r><w:t xml:space="preserve">{}</w:t></w:r></w:p>"#,
        esc(text)
    )
}

/// A table cell holding `content` (paragraphs), with cell properties `props`.
pub fn cell(content: &str, props: &str) -> String {
    format!("<w:tc><w:tcPr>{props}</w:tcPr>{content}</w:tc>")
}

fn level(ilvl: u32, fmt: &str, text: &str, extra: &str) -> String {
    format!(
        r#"<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/><w:suff w:val="nothing"/>{extra}</w:lvl>"#
    )
}

/// Abstract list 0, the structure numbers of a 公文 (一、 （一） 1. （1）), task
/// numbers (level 2) counting on across （一） sections (`w:lvlRestart` 1), and
/// list 1 using it.
pub fn gov_numbering() -> String {
    let levels = [
        level(0, "chineseCounting", "%1、", ""),
        level(1, "chineseCounting", "（%2）", ""),
        level(2, "decimal", "%3.", r#"<w:lvlRestart w:val="1"/>"#),
        level(3, "decimal", "（%4）", ""),
    ]
    .concat();
    format!(
        r#"<w:abstractNum w:abstractNumId="0">{levels}</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>"#
    )
}

/// A text draft as Word would hold it: a paragraph per line, and headings
/// `一、` `（一）` `1.` `（1）` numbered by [`gov_numbering`] wherever Word's
/// counters give the number the text has (elsewhere the number stays text).
pub fn from_text(text: &str) -> Vec<u8> {
    const CN: &str = "一二三四五六七八九十";
    fn chinese(s: &str) -> Option<i64> {
        let v: Vec<i64> =
            s.chars().map(|c| CN.chars().position(|d| d == c).map(|i| i as i64 + 1)).collect::<Option<_>>()?;
        match v.as_slice() {
            [d] => Some(*d),
            [10, d] => Some(10 + d),
            [t, 10] => Some(t * 10),
            [t, 10, d] => Some(t * 10 + d),
            _ => None,
        }
    }
    fn heading(line: &str) -> Option<(usize, i64, &str)> {
        let digits = |s: &str| s.find(|c: char| !c.is_ascii_digit()).filter(|&n| n > 0);
        if let Some(n) = line.find('、').filter(|&n| n > 0 && line[..n].chars().all(|c| CN.contains(c))) {
            return Some((0, chinese(&line[..n])?, &line[n + '、'.len_utf8()..]));
        }
        if let Some(rest) = line.strip_prefix('（') {
            let close = rest.find('）')?;
            let inner = &rest[..close];
            let after = &rest[close + '）'.len_utf8()..];
            return if inner.chars().all(|c| CN.contains(c)) {
                Some((1, chinese(inner)?, after))
            } else if !inner.is_empty() && inner.chars().all(|c| c.is_ascii_digit()) {
                Some((3, inner.parse().ok()?, after))
            } else {
                None
            };
        }
        let n = digits(line)?;
        let rest = line[n..].strip_prefix('.')?;
        Some((2, line[..n].parse().ok()?, rest))
    }
    // Which used level restarts a level: any higher one, except level 2 (only level 0).
    let restarted_by = |deeper: usize, used: usize| if deeper == 2 { used == 0 } else { used < deeper };
    let mut counters: [Option<i64>; 4] = [None; 4];
    let mut doc = Docx::new().numbering(&gov_numbering());
    for line in text.lines() {
        match heading(line) {
            Some((l, value, rest)) if counters[l].map_or(1, |c| c + 1) == value => {
                counters[l] = Some(value);
                for (d, counter) in counters.iter_mut().enumerate().skip(l + 1) {
                    if restarted_by(d, l) {
                        *counter = None;
                    }
                }
                doc.numbered(1, l as u32, rest);
            }
            _ => {
                doc.p(line);
            }
        }
    }
    doc.bytes()
}

/// A zip whose `word/document.xml` is a valid document that inflates to
/// `mib` MiB (the body is spaces), of about `mib` KiB. Built without ever
/// holding the inflated text: one deflated MiB, byte-aligned by a sync flush,
/// repeated. `declared`, if given, is the inflated size its headers claim.
pub fn zip_bomb(mib: usize, declared: Option<u32>) -> Vec<u8> {
    use flate2::{Compression, Crc, write::DeflateEncoder};
    let head = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>一、总体要求</w:t></w:r></w:p>"#
    );
    let tail = "</w:body></w:document>";
    let spaces = vec![b' '; 1 << 20];
    let deflate = |data: &[u8], last: bool| {
        let mut e = DeflateEncoder::new(Vec::new(), Compression::best());
        e.write_all(data).unwrap();
        if last {
            e.finish().unwrap()
        } else {
            e.flush().unwrap();
            std::mem::take(e.get_mut())
        }
    };
    let block = deflate(&spaces, false);
    let mut data = deflate(head.as_bytes(), false);
    for _ in 0..mib {
        data.extend_from_slice(&block);
    }
    data.extend(deflate(tail.as_bytes(), true));
    let mut crc = Crc::new();
    crc.update(head.as_bytes());
    let mut block_crc = Crc::new();
    block_crc.update(&spaces);
    for _ in 0..mib {
        crc.combine(&block_crc);
    }
    let mut tail_crc = Crc::new();
    tail_crc.update(tail.as_bytes());
    crc.combine(&tail_crc);
    let size = head.len() as u64 + (mib as u64) * (1 << 20) + tail.len() as u64;
    let size = declared.unwrap_or(u32::try_from(size).expect("under 4 GiB"));
    raw_zip(&[("word/document.xml", 8, crc.sum(), &data, size)])
}

/// A zip archive written field by field: (name, method, CRC-32, data, inflated size).
fn raw_zip(entries: &[(&str, u16, u32, &[u8], u32)]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for &(name, method, crc, data, size) in entries {
        let offset = out.len() as u32;
        let fixed = |sig: u32, out: &mut Vec<u8>| {
            out.extend_from_slice(&sig.to_le_bytes());
            if sig == 0x0201_4b50 {
                out.extend_from_slice(&20u16.to_le_bytes()); // version made by
            }
            for v in [20u16, 0x0800, method, 0, 0x21] {
                out.extend_from_slice(&v.to_le_bytes()); // version needed, UTF-8 names, method, time, date
            }
            for v in [crc, data.len() as u32, size] {
                out.extend_from_slice(&v.to_le_bytes());
            }
            out.extend_from_slice(&(name.len() as u16).to_le_bytes());
            out.extend_from_slice(&0u16.to_le_bytes()); // extra field
        };
        fixed(0x0403_4b50, &mut out);
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(data);
        fixed(0x0201_4b50, &mut central);
        for v in [0u16, 0, 0] {
            central.extend_from_slice(&v.to_le_bytes()); // comment, disk, internal attributes
        }
        central.extend_from_slice(&0u32.to_le_bytes()); // external attributes
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(name.as_bytes());
    }
    let start = out.len() as u32;
    out.extend_from_slice(&central);
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    for v in [0u16, 0, entries.len() as u16, entries.len() as u16] {
        out.extend_from_slice(&v.to_le_bytes());
    }
    out.extend_from_slice(&(central.len() as u32).to_le_bytes());
    out.extend_from_slice(&start.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

/// The findings without their path (to compare one draft in two files).
fn without_path(findings: &[Value]) -> Vec<Value> {
    findings
        .iter()
        .map(|f| {
            let mut f = f.clone();
            f.as_object_mut().unwrap().remove("path");
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
    assert_eq!((code_docx, without_path(&docx_findings)), (code_txt, without_path(&txt)));
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
    assert_eq!(without_path(&findings), without_path(&json(dir.path(), &["分工.txt"]).1));
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
