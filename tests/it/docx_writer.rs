//! A `.docx` writer for the tests: [`Docx`] puts hand-written WordprocessingML
//! into a zip with the `zip` crate; [`zip_bomb`] builds its archive byte by byte.
//! Shared by `tests/it/docx.rs` and the pre-commit test in `tests/external`.

use std::io::Write;

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
