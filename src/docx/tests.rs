//! Tests of the `.docx` reader: the body rules on hand-written XML, then whole
//! packages built in memory.

use std::io::Write;

use super::numbering::Numbering;
use super::{Container, Error, Limits, Package, body, resolve, sniff, to_text, to_text_with};

const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math""#;

fn document(body_xml: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W}><w:body>{body_xml}</w:body></w:document>"#
    )
}

fn read_body(body_xml: &str, numbering: Option<&str>, styles: Option<&str>) -> Result<String, Error> {
    let mut n = Numbering::parse(numbering.map(|x| ("numbering.xml", x)), styles.map(|x| ("styles.xml", x)), 64)?;
    body::extract(&document(body_xml), "word/document.xml", &mut n, &Limits::default())
}

fn text(body_xml: &str) -> String {
    read_body(body_xml, None, None).unwrap()
}

/// A paragraph of one run.
fn p(s: &str) -> String {
    format!("<w:p><w:r><w:t xml:space=\"preserve\">{s}</w:t></w:r></w:p>")
}

#[test]
fn paragraphs_are_lines_and_runs_join() {
    let body = format!(
        "{}<w:p/>{}<w:p><w:r><w:t>到2027年，</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>新增</w:t></w:r><w:r><w:t>10家。</w:t></w:r></w:p>",
        p("一、总体要求"),
        p("二、主要任务")
    );
    assert_eq!(text(&body), "一、总体要求\n\n二、主要任务\n到2027年，新增10家。\n");
}

#[test]
fn special_characters_and_breaks() {
    let body = concat!(
        "<w:p><w:r><w:t>序号</w:t><w:tab/><w:t>任务</w:t></w:r></w:p>",
        "<w:p><w:r><w:t>第一行</w:t><w:br/><w:t>第二行</w:t><w:cr/><w:t>三</w:t><w:br w:type=\"page\"/><w:t>四</w:t></w:r></w:p>",
        "<w:p><w:r><w:t>COVID</w:t><w:noBreakHyphen/><w:t>19 inter</w:t><w:softHyphen/><w:t>national</w:t></w:r></w:p>",
        "<w:p><w:r><w:t>A &amp; B &lt;C&gt; &#x1F44D;&#26159;</w:t><w:sym w:font=\"Wingdings\" w:char=\"F0FC\"/><w:sym w:font=\"SimSun\" w:char=\"2605\"/></w:r></w:p>",
        "<w:p><w:r><w:t>a&#10;b&#13;c\u{0}d\u{ad}e</w:t></w:r></w:p>",
        // Tab stops in the paragraph properties are not text.
        "<w:p><w:pPr><w:tabs><w:tab w:val=\"left\" w:pos=\"420\"/></w:tabs></w:pPr><w:r><w:t>正文</w:t></w:r></w:p>",
    );
    assert_eq!(text(body), "序号\t任务\n第一行 第二行 三四\nCOVID-19 international\nA & B <C> 👍是★\na b cde\n正文\n");
}

#[test]
fn tracked_changes_read_as_accepted() {
    let body = concat!(
        "<w:p><w:r><w:t>1.建设孵化载体。</w:t></w:r>",
        "<w:ins w:id=\"1\" w:author=\"甲\"><w:r><w:t>（牵头单位：区科技局）</w:t></w:r></w:ins>",
        "<w:del w:id=\"2\" w:author=\"甲\"><w:r><w:delText>（牵头单位：区财政局）</w:delText></w:r></w:del></w:p>",
        "<w:p><w:moveFrom w:id=\"3\"><w:r><w:t>移走的句子。</w:t></w:r></w:moveFrom><w:r><w:t>留下的句子。</w:t></w:r>",
        "<w:moveTo w:id=\"4\"><w:r><w:t>移来的句子。</w:t></w:r></w:moveTo></w:p>",
        // A deleted paragraph mark: accepted, the paragraph joins the next one.
        "<w:p><w:pPr><w:rPr><w:del w:id=\"5\" w:author=\"甲\"/></w:rPr></w:pPr><w:r><w:t>前半段，</w:t></w:r></w:p>",
        "<w:p><w:r><w:t>后半段。</w:t></w:r></w:p>",
        // A property change keeps the old properties inside: never read them.
        "<w:p><w:pPr><w:pPrChange w:id=\"6\"><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr></w:pPrChange></w:pPr>",
        "<w:r><w:rPr><w:rPrChange w:id=\"7\"><w:rPr><w:b/></w:rPr></w:rPrChange></w:rPr><w:t>改过格式。</w:t></w:r></w:p>",
    );
    let numbering = format!(
        r#"<w:numbering {W}><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#
    );
    assert_eq!(
        read_body(body, Some(&numbering), None).unwrap(),
        "1.建设孵化载体。（牵头单位：区科技局）\n留下的句子。移来的句子。\n前半段，后半段。\n改过格式。\n"
    );
}

#[test]
fn fields_show_their_result_and_a_table_of_contents_is_left_out() {
    let field = |instr: &str, result: &str| {
        format!(
            "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> {instr} </w:instrText></w:r>\
             <w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>{result}</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
        )
    };
    let body = format!(
        "<w:p><w:r><w:t>详见</w:t></w:r>{}<w:r><w:t>。</w:t></w:r></w:p>\
         <w:p><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText>TOC \\o \"1-3\" \\h</w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>\
         <w:hyperlink><w:r><w:t>一、总体要求</w:t></w:r>{}</w:hyperlink></w:p>\
         <w:p><w:r><w:t>二、主要任务</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p>\
         <w:p><w:fldSimple w:instr=\" DATE \"><w:r><w:t>2026年3月1日</w:t></w:r></w:fldSimple></w:p>\
         <w:p><w:fldSimple w:instr=\"TOC \\o\"><w:r><w:t>目录项</w:t></w:r></w:fldSimple></w:p>\
         {}",
        field("REF _Ref1 \\h", "附件1"),
        field("PAGEREF _Toc1 \\h", "3"),
        p("一、总体要求"),
    );
    // The contents' lines stay (a finding's line is still the paragraph's number), empty.
    assert_eq!(text(&body), "详见附件1。\n\n\n2026年3月1日\n\n一、总体要求\n");
}

#[test]
fn content_controls_alternate_content_and_what_is_not_read() {
    let body = concat!(
        "<w:sdt><w:sdtPr><w:alias w:val=\"标题\"/><w:placeholder><w:docPart w:val=\"x\"/></w:placeholder></w:sdtPr>",
        "<w:sdtContent><w:p><w:r><w:t>北岭市工作要点</w:t></w:r></w:p></w:sdtContent></w:sdt>",
        "<w:p><w:sdt><w:sdtContent><w:r><w:t>行内控件</w:t></w:r></w:sdtContent></w:sdt><w:r><w:t>之后</w:t></w:r></w:p>",
        "<w:p><w:r><mc:AlternateContent><mc:Choice Requires=\"w14\"><w:t>新版</w:t></mc:Choice><mc:Fallback><w:t>旧版</w:t></mc:Fallback></mc:AlternateContent></w:r></w:p>",
        "<w:p><w:r><w:t>正文</w:t></w:r><w:r><w:drawing><w:txbxContent><w:p><w:r><w:t>文本框</w:t></w:r></w:p></w:txbxContent></w:drawing></w:r>",
        "<w:r><w:pict><w:txbxContent><w:p><w:r><w:t>旧文本框</w:t></w:r></w:p></w:txbxContent></w:pict></w:r></w:p>",
        "<w:p><w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏文字</w:t></w:r><w:r><w:rPr><w:vanish w:val=\"0\"/></w:rPr><w:t>显示</w:t></w:r></w:p>",
        "<w:p><w:commentRangeStart w:id=\"0\"/><w:r><w:t>有批注</w:t></w:r><w:commentRangeEnd w:id=\"0\"/><w:r><w:commentReference w:id=\"0\"/></w:r>",
        "<w:r><w:footnoteReference w:id=\"1\"/></w:r></w:p>",
        "<w:p><m:oMath><m:r><m:t>x+1</m:t></m:r></m:oMath></w:p>",
        "<w:sectPr><w:headerReference w:type=\"default\" w:id=\"rId8\"/></w:sectPr>",
    );
    assert_eq!(text(body), "北岭市工作要点\n行内控件之后\n旧版\n正文\n显示\n有批注\nx+1\n");
}

fn cell(content: &str, props: &str) -> String {
    format!("<w:tc><w:tcPr>{props}</w:tcPr>{content}</w:tc>")
}

#[test]
fn table_rows_are_lines_of_tab_separated_cells() {
    let row = |cells: &[String], props: &str| format!("<w:tr>{props}{}</w:tr>", cells.concat());
    let body = [
        p("附件"),
        "<w:tbl><w:tblPr><w:tblW w:w=\"0\"/></w:tblPr><w:tblGrid><w:gridCol/></w:tblGrid>".to_string(),
        row(&[cell(&p("序号"), ""), cell(&p("任务"), ""), cell(&p("牵头单位"), ""), cell(&p("责任单位"), "")], ""),
        row(
            &[
                cell(&p("1"), ""),
                cell(&format!("{}{}", p("建设孵化载体。"), p("新建众创空间\t3个。")), ""),
                cell(&p("区科技局"), "<w:vMerge w:val=\"restart\"/>"),
                cell(&format!("{}{}", p("区财政局"), p("各街道")), ""),
            ],
            "",
        ),
        // The lead unit is merged down from the row above; the last two columns are one cell.
        row(
            &[
                cell(&p("2"), ""),
                cell(&p("优化人才服务。"), ""),
                cell("<w:p/>", "<w:vMerge/>"),
                cell(&p("区人社局"), "<w:gridSpan w:val=\"1\"/>"),
            ],
            "",
        ),
        row(&[cell(&p("3"), ""), cell(&p("加强督导。"), "<w:gridSpan w:val=\"3\"/>")], ""),
        // A deleted row is gone; a row with cells before the first grid column starts with empty cells.
        row(&[cell(&p("4"), ""), cell(&p("删除的任务"), "")], "<w:trPr><w:del w:id=\"9\"/></w:trPr>"),
        row(&[cell(&p("备注"), "")], "<w:trPr><w:gridBefore w:val=\"2\"/></w:trPr>"),
        // A nested table adds to its cell.
        row(
            &[
                cell(&p("5"), ""),
                cell(
                    &format!(
                        "{}<w:tbl><w:tr>{}{}</w:tr></w:tbl>",
                        p("外层"),
                        cell(&p("内甲"), ""),
                        cell(&p("内乙"), "")
                    ),
                    "",
                ),
            ],
            "",
        ),
        "</w:tbl>".to_string(),
        p("表后正文"),
    ]
    .concat();
    assert_eq!(
        text(&body),
        "附件\n序号\t任务\t牵头单位\t责任单位\n1\t建设孵化载体。 新建众创空间 3个。\t区科技局\t区财政局 各街道\n\
         2\t优化人才服务。\t区科技局\t区人社局\n3\t加强督导。\t\t\n\t\t备注\n5\t外层 内甲 内乙\n表后正文\n"
    );
}

#[test]
fn numbered_paragraphs_show_their_numbers_in_tables_too() {
    let numbering = format!(
        r#"<w:numbering {W}>
          <w:abstractNum w:abstractNumId="0">
            <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:suff w:val="nothing"/></w:lvl>
            <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
          </w:abstractNum>
          <w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1"/></w:lvl></w:abstractNum>
          <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
          <w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
        </w:numbering>"#
    );
    let styles = format!(
        r#"<w:styles {W}><w:style w:type="paragraph" w:styleId="2"><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr></w:pPr></w:style></w:styles>"#
    );
    let numbered = |num: u32, ilvl: u32, s: &str| {
        format!(
            "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"{ilvl}\"/><w:numId w:val=\"{num}\"/></w:numPr></w:pPr><w:r><w:t>{s}</w:t></w:r></w:p>"
        )
    };
    let styled = |s: &str| format!("<w:p><w:pPr><w:pStyle w:val=\"2\"/></w:pPr><w:r><w:t>{s}</w:t></w:r></w:p>");
    let body = [
        numbered(1, 0, "总体要求"),
        styled("工作目标"),
        numbered(1, 0, "主要任务"),
        styled("强化企业主体"),
        styled("提升平台能力"),
        "<w:tbl><w:tr>".into(),
        cell(&numbered(2, 0, ""), ""),
        cell(&p("任务甲"), ""),
        "</w:tr><w:tr>".into(),
        cell(&numbered(2, 0, ""), ""),
        cell(&p("任务乙"), ""),
        "</w:tr></w:tbl>".into(),
    ]
    .concat();
    assert_eq!(
        read_body(&body, Some(&numbering), Some(&styles)).unwrap(),
        "一、总体要求\n（一）工作目标\n二、主要任务\n（一）强化企业主体\n（二）提升平台能力\n1\t任务甲\n2\t任务乙\n"
    );
}

#[test]
fn hostile_or_broken_xml_is_an_error() {
    let laughs = r#"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&lol2;</w:t></w:r></w:p></w:body></w:document>"#;
    let mut n = Numbering::default();
    let limits = Limits::default();
    assert_eq!(
        body::extract(laughs, "word/document.xml", &mut n, &limits),
        Err(Error::Dtd { part: "word/document.xml".into() })
    );
    let undeclared = document("<w:p><w:r><w:t>&lol9;</w:t></w:r></w:p>");
    assert!(matches!(body::extract(&undeclared, "d", &mut n, &limits), Err(Error::Damaged(m)) if m.contains("lol9")));
    let deep = document(&format!("{}{}", "<w:sdt><w:sdtContent>".repeat(600), "</w:sdtContent></w:sdt>".repeat(600)));
    assert_eq!(body::extract(&deep, "d", &mut n, &limits), Err(Error::TooDeep { part: "d".into(), limit: 1024 }));
    let mismatched = document("<w:p><w:r><w:t>x</w:r></w:t></w:p>");
    assert!(matches!(body::extract(&mismatched, "d", &mut n, &limits), Err(Error::Damaged(_))));
    let unclosed = &document("<w:p><w:r><w:t>x</w:t></w:r></w:p>")[..120];
    assert!(matches!(body::extract(unclosed, "d", &mut n, &limits), Err(Error::Damaged(_))), "{unclosed}");
    let workbook = r#"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>"#;
    assert_eq!(body::extract(workbook, "d", &mut n, &limits), Err(Error::NotWord(Package::Excel)));
    let big = Limits { max_text_len: 10, ..Limits::default() };
    assert!(matches!(
        body::extract(&document(&p("一二三四五六七八九十")), "d", &mut n, &big),
        Err(Error::TooLarge { .. })
    ));
}

// ---- whole packages --------------------------------------------------------

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>"#;
const ROOT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

fn zip(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in parts {
        writer.start_file(*name, options).unwrap();
        writer.write_all(bytes).unwrap();
    }
    writer.finish().unwrap().into_inner()
}

fn docx(body_xml: &str) -> Vec<u8> {
    zip(&[
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        ("_rels/.rels", ROOT_RELS.as_bytes()),
        ("word/document.xml", document(body_xml).as_bytes()),
    ])
}

#[test]
fn a_package_reads_through_its_relationships() {
    let numbering = format!(
        r#"<w:numbering {W}><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="3"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:suff w:val="nothing"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#
    );
    // The main part under another name, its numbering found through its relationships (a relative target).
    let rels = ROOT_RELS.replace("word/document.xml", "/Body/Main.xml");
    let doc_rels = r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="../Lists/numbering.xml"/><Relationship Id="r2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://example.org/" TargetMode="External"/></Relationships>"#;
    let body = document(
        "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr><w:r><w:t>保障措施</w:t></w:r></w:p>",
    );
    let bytes = zip(&[
        ("_rels/.rels", rels.as_bytes()),
        ("body/main.xml", body.as_bytes()),
        ("Body/_rels/Main.xml.rels", doc_rels.as_bytes()),
        ("Lists/numbering.xml", numbering.as_bytes()),
    ]);
    assert_eq!(to_text(&bytes).unwrap(), "三、保障措施\n");
    // Without relationships, word/document.xml is the document.
    let bare = zip(&[("word/document.xml", document(&p("正文")).as_bytes())]);
    assert_eq!(to_text(&bare).unwrap(), "正文\n");
    // UTF-16 parts are read too.
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(document(&p("宽字符")).encode_utf16().flat_map(u16::to_le_bytes));
    assert_eq!(to_text(&zip(&[("word/document.xml", &utf16)])).unwrap(), "宽字符\n");
}

#[test]
fn resolve_part_names() {
    assert_eq!(resolve("", "word/document.xml"), "word/document.xml");
    assert_eq!(resolve("", "/word/document.xml"), "word/document.xml");
    assert_eq!(resolve("word", "numbering.xml"), "word/numbering.xml");
    assert_eq!(resolve("word", "./styles.xml"), "word/styles.xml");
    assert_eq!(resolve("word/sub", "../../x.xml"), "x.xml");
    assert_eq!(resolve("word", "../../../../x.xml"), "x.xml");
}

#[test]
fn other_formats_are_named() {
    assert_eq!(sniff(b"PK\x03\x04rest"), Some(Container::Zip));
    let ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0];
    assert_eq!(to_text(&ole), Err(Error::Format(Container::Ole2)));
    assert_eq!(to_text(b"%PDF-1.7\n%\xE2\xE3"), Err(Error::Format(Container::Pdf)));
    assert_eq!(to_text(b"{\\rtf1\\ansi"), Err(Error::Format(Container::Rtf)));
    let word2003 = br#"<?xml version="1.0"?><?mso-application progid="Word.Document"?><w:wordDocument xmlns:w="http://schemas.microsoft.com/office/word/2003/wordml">"#;
    assert_eq!(to_text(word2003), Err(Error::Format(Container::WordXml)));
    assert_eq!(to_text("一、总体要求\n".as_bytes()), Err(Error::NotZip));
    assert_eq!(sniff("一、总体要求".as_bytes()), None);

    let odt = zip(&[("mimetype", b"application/vnd.oasis.opendocument.text"), ("content.xml", b"<x/>")]);
    assert_eq!(to_text(&odt), Err(Error::NotWord(Package::Odt)));
    let rels = ROOT_RELS.replace("word/document.xml", "xl/workbook.xml");
    let xlsx = zip(&[("_rels/.rels", rels.as_bytes()), ("xl/workbook.xml", b"<workbook/>")]);
    assert_eq!(to_text(&xlsx), Err(Error::NotWord(Package::Excel)));
    assert_eq!(to_text(&zip(&[("notes.txt", b"hello")])), Err(Error::NotWord(Package::Unknown)));
    for e in [Error::NotWord(Package::Odt), Error::Format(Container::Ole2), Error::Format(Container::Pdf)] {
        assert!(e.message(crate::Lang::Zh).contains(".docx"), "{e}");
        assert!(e.message(crate::Lang::En).contains(".docx"), "{e}");
    }
}

#[test]
fn damaged_packages_are_errors() {
    let good = docx(&p("一、总体要求"));
    assert_eq!(to_text(&good).unwrap(), "一、总体要求\n");
    for cut in [good.len() - 1, good.len() - 30, good.len() / 2, 30, 4] {
        assert!(matches!(to_text(&good[..cut]), Err(Error::Damaged(_))), "cut at {cut}: {:?}", to_text(&good[..cut]));
    }
    // A flipped byte in the compressed document: the CRC (or the inflater) catches it.
    let at = good.windows(17).position(|w| w == b"word/document.xml").unwrap() + 17 + 40;
    let mut flipped = good.clone();
    flipped[at] ^= 0xFF;
    assert!(to_text(&flipped).is_err());
    // No main document part at all.
    let missing = zip(&[("_rels/.rels", ROOT_RELS.as_bytes())]);
    assert!(matches!(to_text(&missing), Err(Error::Damaged(m)) if m.contains("word/document.xml")));
}

#[test]
fn limits_bound_parts_ratios_and_entries() {
    // A 2 MiB paragraph of one character: compresses about 1000:1.
    let big = docx(&p(&"一".repeat((2 << 20) / 3)));
    assert!(matches!(to_text(&big), Err(Error::Ratio { .. })), "{:?}", to_text(&big).map(|t| t.len()));
    let generous = Limits { max_ratio: u64::MAX, ..Limits::default() };
    assert!(to_text_with(&big, &generous).is_ok());
    let small = Limits { max_ratio: u64::MAX, max_part_len: 1 << 20, ..Limits::default() };
    assert!(matches!(to_text_with(&big, &small), Err(Error::TooLarge { limit, .. }) if limit == 1 << 20));
    let total = Limits { max_ratio: u64::MAX, max_total_len: 2 << 20, ..Limits::default() };
    assert!(matches!(to_text_with(&big, &total), Err(Error::TooLarge { .. })));

    let many: Vec<(String, Vec<u8>)> = (0..40).map(|i| (format!("media/{i}.bin"), vec![])).collect();
    let mut parts: Vec<(&str, &[u8])> = many.iter().map(|(n, b)| (n.as_str(), b.as_slice())).collect();
    let doc = document(&p("正文"));
    parts.push(("word/document.xml", doc.as_bytes()));
    let bytes = zip(&parts);
    assert!(to_text(&bytes).is_ok());
    let few = Limits { max_entries: 32, ..Limits::default() };
    assert_eq!(to_text_with(&bytes, &few), Err(Error::TooManyEntries { limit: 32 }));
}

// ---- properties -------------------------------------------------------------

mod props {
    use proptest::prelude::*;

    use super::{W, docx};
    use crate::docx::numbering::Numbering;
    use crate::docx::{Limits, body, to_text, to_text_with};

    /// Body elements that change how the reader reads, opened and closed in any
    /// nesting (well-formed or not is up to the generator's luck with ends).
    fn element() -> impl Strategy<Value = (&'static str, &'static str)> {
        prop::sample::select(vec![
            ("<w:p>", "</w:p>"),
            ("<w:r>", "</w:r>"),
            ("<w:t>", "</w:t>"),
            ("<w:pPr>", "</w:pPr>"),
            ("<w:rPr>", "</w:rPr>"),
            ("<w:numPr><w:ilvl w:val=\"1\"/><w:numId w:val=\"1\"/>", "</w:numPr>"),
            ("<w:numPr><w:ilvl w:val=\"99\"/><w:numId w:val=\"-3\"/>", "</w:numPr>"),
            ("<w:tbl>", "</w:tbl>"),
            ("<w:tr>", "</w:tr>"),
            ("<w:tc>", "</w:tc>"),
            ("<w:tcPr><w:vMerge/><w:gridSpan w:val=\"900\"/>", "</w:tcPr>"),
            ("<w:tcPr><w:vMerge w:val=\"restart\"/>", "</w:tcPr>"),
            ("<w:trPr><w:gridBefore w:val=\"3\"/><w:del/>", "</w:trPr>"),
            ("<w:del>", "</w:del>"),
            ("<w:ins>", "</w:ins>"),
            ("<w:sdt><w:sdtContent>", "</w:sdtContent></w:sdt>"),
            ("<mc:AlternateContent><mc:Fallback>", "</mc:Fallback></mc:AlternateContent>"),
            ("<w:fldChar w:fldCharType=\"begin\"/>", ""),
            ("<w:fldChar w:fldCharType=\"separate\"/>", ""),
            ("<w:fldChar w:fldCharType=\"end\"/>", ""),
            ("<w:instrText>TOC \\o", "</w:instrText>"),
            ("<w:tab/>", ""),
            ("<w:br/>", ""),
            ("<w:vanish/>", ""),
            ("一、牵头单位：&amp;", ""),
            ("\t\r\n", ""),
        ])
    }

    fn body_xml() -> impl Strategy<Value = String> {
        prop::collection::vec((element(), 0usize..3), 0..60).prop_map(|items| {
            let mut out = String::new();
            let mut open: Vec<&str> = Vec::new();
            for ((start, end), closes) in items {
                out.push_str(start);
                if !end.is_empty() {
                    open.push(end);
                }
                for _ in 0..closes {
                    if let Some(e) = open.pop() {
                        out.push_str(e);
                    }
                }
            }
            while let Some(e) = open.pop() {
                out.push_str(e);
            }
            out
        })
    }

    const NUMBERING: &str = r#"<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="0"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2.%3"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>"#;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        /// Any nesting of the elements reads without a panic, as lines.
        #[test]
        fn any_body_reads_as_lines(xml in body_xml()) {
            let numbering = format!("<w:numbering {W}>{NUMBERING}</w:numbering>");
            let mut n = Numbering::parse(Some(("n", &numbering)), None, 64).unwrap();
            let document = super::document(&xml);
            if let Ok(text) = body::extract(&document, "d", &mut n, &Limits::default()) {
                prop_assert!(text.is_empty() || text.ends_with('\n'));
                prop_assert!(!text.contains('\r'));
            }
        }

        /// A damaged package (bytes changed, cut short) is text or an error, never a panic.
        #[test]
        fn damaged_packages_never_panic(
            edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..6),
            cut in any::<prop::sample::Index>(),
            cut_it in any::<bool>(),
        ) {
            let mut bytes = docx(&format!("{}{}", super::p("一、总体要求"), super::p("——新增企业**家。")));
            for (at, value) in edits {
                let at = at.index(bytes.len());
                bytes[at] = value;
            }
            if cut_it {
                bytes.truncate(cut.index(bytes.len() + 1));
            }
            let small = Limits { max_part_len: 4096, max_total_len: 8192, max_depth: 16, ..Limits::default() };
            let _ = to_text(&bytes);
            let _ = to_text_with(&bytes, &small);
        }

        #[test]
        fn arbitrary_bytes_never_panic(tail in prop::collection::vec(any::<u8>(), 0..600)) {
            let bytes = [b"PK\x03\x04".as_slice(), &tail].concat();
            let _ = to_text(&bytes);
        }
    }
}
