//! `.docx` → text: the bytes of a Word document become the text planlint
//! analyses, one line per paragraph. Pure (bytes in, text or an error out) and
//! bounded: a hostile file (a zip bomb, a billion-laughs DTD, a deeply nested
//! or truncated part) is an [`Error`], never memory exhaustion or a panic.
//!
//! What a reader of the document sees is what comes out:
//! - each body paragraph is a line (empty paragraphs too), so a finding's line
//!   is the paragraph's number counted from the top of the body;
//! - list numbers Word generates (`w:numPr`, directly or through the
//!   paragraph's style) are written as displayed (`一、` `（一）` `1.` `①`),
//!   see `numbering.rs`; the number is followed directly by the text;
//! - a table row is a line, its cells separated by a tab (paragraphs inside a
//!   cell joined by a space; a cell merged down the rows repeats its text in
//!   each row; a cell spanning columns is followed by empty cells), so a task
//!   table keeps its 牵头单位 / 责任单位 columns;
//! - tracked changes read as accepted: insertions in, deletions and moved-away
//!   text out, a deleted paragraph mark joins its paragraph to the next;
//! - fields show their result (a table of contents is left out: its lines
//!   stay, empty); content controls are read through; hidden text, text
//!   boxes, drawings, comments, headers, footers and notes are not read;
//! - `w:tab` is a tab (a space inside a table cell), a line break inside a
//!   paragraph a space, a non-breaking hyphen `-`, a soft hyphen nothing.
//!
//! The zip is read with `zip` from a slice in memory (the `std::io` traits it
//! needs are the only IO-shaped code here; nothing touches a file), each part
//! through a hard byte limit on the inflated stream, whatever its header
//! declares. XML is read with `quick-xml`, a DTD refused outright.

mod body;
mod format;
mod numbering;
mod xml;

use std::io::Read;

use crate::Lang;

/// Bounds on what one document may cost. The defaults are far above any real
/// draft (a 300-page report's `document.xml` inflates to ~20 MiB).
#[derive(Clone, Debug)]
pub struct Limits {
    /// Entries in the zip (central directory records).
    pub max_entries: usize,
    /// Inflated bytes of one part.
    pub max_part_len: u64,
    /// Inflated bytes of all the parts read.
    pub max_total_len: u64,
    /// Inflated ÷ compressed size of a part, checked once it passes 1 MiB.
    pub max_ratio: u64,
    /// Element nesting in a part.
    pub max_depth: usize,
    /// Bytes of text produced.
    pub max_text_len: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_entries: 10_000,
            max_part_len: 64 << 20,
            max_total_len: 128 << 20,
            max_ratio: 200,
            max_depth: 1024,
            max_text_len: 64 << 20,
        }
    }
}

/// A file format recognised by its first bytes.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Container {
    /// A zip archive (`.docx`, but also `.odt`, `.xlsx`, …).
    Zip,
    /// An OLE2 compound file: Word 97–2003 `.doc`, WPS `.wps`, or an encrypted `.docx`.
    Ole2,
    Pdf,
    Rtf,
    /// Word 2003 XML or a flat-OPC package: one XML file.
    WordXml,
}

/// Which format the bytes are in, if they start like one planlint knows.
pub fn sniff(bytes: &[u8]) -> Option<Container> {
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") || bytes.starts_with(b"PK\x07\x08") {
        Some(Container::Zip)
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        Some(Container::Ole2)
    } else if bytes.starts_with(b"%PDF-") {
        Some(Container::Pdf)
    } else if bytes.starts_with(b"{\\rtf") {
        Some(Container::Rtf)
    } else {
        let head = &bytes[..bytes.len().min(4096)];
        let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
        let finder = |needle: &[u8]| memchr::memmem::find(head, needle).is_some();
        (head.starts_with(b"<?xml")
            && (finder(b"schemas.microsoft.com/office/word/2003/wordml") || finder(b"<pkg:package")))
        .then_some(Container::WordXml)
    }
}

/// A zip that is not a Word document.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Package {
    /// OpenDocument text (`.odt`).
    Odt,
    /// Another OpenDocument file (spreadsheet, presentation).
    OpenDocument,
    Excel,
    PowerPoint,
    /// Some other zip.
    Unknown,
}

/// Why a document could not be read.
#[derive(Clone, PartialEq, Eq, Debug)]
pub enum Error {
    /// Not a zip, nor another format planlint recognises.
    NotZip,
    /// Not a `.docx`, but a format recognised by its first bytes.
    Format(Container),
    /// A zip, but not a Word document.
    NotWord(Package),
    /// A truncated or corrupt zip or part.
    Damaged(String),
    /// A zip feature planlint does not read (encryption, multiple disks).
    Unsupported(String),
    TooManyEntries {
        limit: usize,
    },
    /// A part inflates past the limit (bytes).
    TooLarge {
        part: String,
        limit: u64,
    },
    /// A part inflates more than `limit` times its compressed size.
    Ratio {
        part: String,
        limit: u64,
    },
    TooDeep {
        part: String,
        limit: usize,
    },
    /// A part has a document type declaration.
    Dtd {
        part: String,
    },
}

impl Error {
    /// A complete sentence for the user, saying what to do.
    pub fn message(&self, lang: Lang) -> String {
        let resave_zh = "请在 Word 或 WPS 中打开并另存为 .docx";
        let resave_en = "open it in Word or WPS and save it as .docx";
        match (self, lang) {
            (Error::NotZip, Lang::Zh) => {
                format!("不是 .docx 文件（不是 zip 压缩包），可能已损坏或是改了扩展名的其他格式；{resave_zh}")
            }
            (Error::NotZip, Lang::En) => {
                format!("not a .docx file (not a zip archive): damaged, or another format renamed; {resave_en}")
            }
            (Error::Format(Container::Ole2), Lang::Zh) => format!(
                "这是 Word 97-2003 文档（.doc）或 WPS 文字旧格式（.wps），也可能是加密的 .docx；planlint 读取 .docx：{resave_zh}（不设密码）"
            ),
            (Error::Format(Container::Ole2), Lang::En) => format!(
                "this is a Word 97-2003 document (.doc) or an old WPS Writer file (.wps), or an encrypted .docx; \
                 planlint reads .docx: {resave_en} (without a password)"
            ),
            (Error::Format(Container::Pdf), Lang::Zh) => {
                "这是 PDF 文件，planlint 不读取 PDF；请检查草稿的 Word 原文件（.docx），或把文字另存为 .txt".into()
            }
            (Error::Format(Container::Pdf), Lang::En) => {
                "this is a PDF file, which planlint does not read; check the draft's Word original (.docx), \
                 or save its text as .txt"
                    .into()
            }
            (Error::Format(Container::Rtf), Lang::Zh) => format!("这是 RTF 文档；{resave_zh}"),
            (Error::Format(Container::Rtf), Lang::En) => format!("this is an RTF document; {resave_en}"),
            (Error::Format(Container::WordXml), Lang::Zh) => {
                format!("这是 Word XML 文档（单个 XML 文件）；{resave_zh}")
            }
            (Error::Format(Container::WordXml), Lang::En) => {
                format!("this is a Word XML document (a single XML file); {resave_en}")
            }
            (Error::Format(Container::Zip), _) => Error::NotWord(Package::Unknown).message(lang),
            (Error::NotWord(package), Lang::Zh) => {
                let what = match package {
                    Package::Odt => "OpenDocument 文本（.odt）",
                    Package::OpenDocument => "OpenDocument 表格或演示文稿",
                    Package::Excel => "Excel 工作簿",
                    Package::PowerPoint => "PowerPoint 演示文稿",
                    Package::Unknown => "zip 压缩包",
                };
                let how = if *package == Package::Odt { "在 WPS、Word 或 LibreOffice 中" } else { "" };
                format!("这是 {what}，不是 Word 文档（.docx）；请把草稿{how}另存为 .docx")
            }
            (Error::NotWord(package), Lang::En) => {
                let what = match package {
                    Package::Odt => "an OpenDocument text (.odt)",
                    Package::OpenDocument => "an OpenDocument spreadsheet or presentation",
                    Package::Excel => "an Excel workbook",
                    Package::PowerPoint => "a PowerPoint presentation",
                    Package::Unknown => "a zip archive",
                };
                format!("this is {what}, not a Word document (.docx); save the draft as .docx")
            }
            (Error::Damaged(detail), Lang::Zh) => format!(".docx 文件已损坏或不完整（{detail}）；{resave_zh}"),
            (Error::Damaged(detail), Lang::En) => {
                format!("the .docx file is damaged or incomplete ({detail}); {resave_en}")
            }
            (Error::Unsupported(detail), Lang::Zh) => format!("无法读取此 .docx（{detail}）；{resave_zh}（不设密码）"),
            (Error::Unsupported(detail), Lang::En) => {
                format!("cannot read this .docx ({detail}); {resave_en} (without a password)")
            }
            (Error::TooManyEntries { limit }, Lang::Zh) => {
                format!("压缩包中的条目超过 {limit} 个，不像是一份草稿，已拒绝读取")
            }
            (Error::TooManyEntries { limit }, Lang::En) => {
                format!("the archive has more than {limit} entries, which no draft has; not read")
            }
            (Error::TooLarge { part, limit }, Lang::Zh) => {
                format!("{part} 解压后超过 {} MiB，不像是一份草稿（可能是压缩炸弹），已拒绝读取", limit >> 20)
            }
            (Error::TooLarge { part, limit }, Lang::En) => {
                format!("{part} inflates to more than {} MiB, which no draft does (a zip bomb?); not read", limit >> 20)
            }
            (Error::Ratio { part, limit }, Lang::Zh) => {
                format!("{part} 的压缩比超过 {limit}:1，疑似压缩炸弹，已拒绝读取")
            }
            (Error::Ratio { part, limit }, Lang::En) => {
                format!("{part} inflates more than {limit} times its compressed size (a zip bomb?); not read")
            }
            (Error::TooDeep { part, limit }, Lang::Zh) => format!("{part} 的 XML 嵌套超过 {limit} 层，已拒绝读取"),
            (Error::TooDeep { part, limit }, Lang::En) => {
                format!("{part} nests XML more than {limit} levels deep; not read")
            }
            (Error::Dtd { part }, Lang::Zh) => {
                format!("{part} 含有 DTD（<!DOCTYPE>），Word 文档不含 DTD；为防止实体展开攻击，已拒绝读取")
            }
            (Error::Dtd { part }, Lang::En) => format!(
                "{part} has a document type declaration (<!DOCTYPE>), which Word documents never have; \
                 refused (entity expansion attack)"
            ),
        }
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

/// The text of a `.docx`, with the default [`Limits`].
pub fn to_text(bytes: &[u8]) -> Result<String, Error> {
    to_text_with(bytes, &Limits::default())
}

/// The text of a `.docx`: one line per paragraph or table row, each ending in `\n`.
pub fn to_text_with(bytes: &[u8], limits: &Limits) -> Result<String, Error> {
    match sniff(bytes) {
        Some(Container::Zip) => {}
        Some(other) => return Err(Error::Format(other)),
        None => return Err(Error::NotZip),
    }
    // Every central directory record starts with this signature: counting them
    // bounds what the zip reader allocates before it can be asked.
    if memchr::memmem::find_iter(bytes, b"PK\x01\x02").nth(limits.max_entries).is_some() {
        return Err(Error::TooManyEntries { limit: limits.max_entries });
    }
    let archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(zip_error)?;
    if archive.len() > limits.max_entries {
        return Err(Error::TooManyEntries { limit: limits.max_entries });
    }
    let mut package = Zip { archive, limits, used: 0 };

    let main = match package.read("_rels/.rels")? {
        Some(rels) => relationships(&rels, "_rels/.rels", limits)?
            .into_iter()
            .find(|r| r.kind.ends_with("/officeDocument") && !r.external)
            .map(|r| resolve("", &r.target)),
        None => None,
    };
    let main = match main {
        Some(main) => main,
        None if package.find("word/document.xml").is_some() => "word/document.xml".to_string(),
        None => return Err(Error::NotWord(package.kind()?)),
    };
    if main.starts_with("xl/") {
        return Err(Error::NotWord(Package::Excel));
    } else if main.starts_with("ppt/") {
        return Err(Error::NotWord(Package::PowerPoint));
    }
    let Some(document) = package.read(&main)? else {
        return Err(Error::Damaged(format!("{main} is missing")));
    };

    let (dir, file) = main.rsplit_once('/').unwrap_or(("", main.as_str()));
    let rels_name = if dir.is_empty() { format!("_rels/{file}.rels") } else { format!("{dir}/_rels/{file}.rels") };
    let (mut numbering_part, mut styles_part) = (None, None);
    if let Some(rels) = package.read(&rels_name)? {
        for r in relationships(&rels, &rels_name, limits)? {
            if r.external {
                continue;
            }
            if r.kind.ends_with("/numbering") {
                numbering_part.get_or_insert_with(|| resolve(dir, &r.target));
            } else if r.kind.ends_with("/styles") {
                styles_part.get_or_insert_with(|| resolve(dir, &r.target));
            }
        }
    }
    let numbering_xml = match numbering_part {
        Some(name) => package.read(&name)?.map(|text| (name, text)),
        None => None,
    };
    let styles_xml = match styles_part {
        Some(name) => package.read(&name)?.map(|text| (name, text)),
        None => None,
    };
    let mut numbering = numbering::Numbering::parse(
        numbering_xml.as_ref().map(|(n, t)| (n.as_str(), t.as_str())),
        styles_xml.as_ref().map(|(n, t)| (n.as_str(), t.as_str())),
        limits.max_depth,
    )?;
    body::extract(&document, &main, &mut numbering, limits)
}

struct Zip<'a, 'l> {
    archive: zip::ZipArchive<std::io::Cursor<&'a [u8]>>,
    limits: &'l Limits,
    /// Inflated bytes read so far.
    used: u64,
}

impl Zip<'_, '_> {
    /// The entry of a part; part names are case-insensitive (OPC).
    fn find(&self, name: &str) -> Option<usize> {
        self.archive
            .index_for_name(name)
            .or_else(|| self.archive.file_names_raw().position(|n| n.eq_ignore_ascii_case(name.as_bytes())))
    }

    /// A part's text, or `None` when there is no such part. Reads through a
    /// hard limit, whatever sizes the zip's headers declare.
    fn read(&mut self, name: &str) -> Result<Option<String>, Error> {
        let Some(index) = self.find(name) else { return Ok(None) };
        let limits = self.limits;
        let mut entry = self.archive.by_index(index).map_err(zip_error)?;
        let compressed = entry.compressed_size().max(1);
        let cap = limits.max_part_len.min(limits.max_total_len.saturating_sub(self.used));
        let mut bytes = Vec::with_capacity(entry.size().min(cap).min(1 << 20) as usize);
        let mut chunk = vec![0u8; 64 * 1024];
        loop {
            let n = match entry.read(&mut chunk) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(Error::Damaged(format!("{name}: {e}"))),
            };
            bytes.extend_from_slice(&chunk[..n]);
            let len = bytes.len() as u64;
            if len > cap {
                return Err(Error::TooLarge { part: name.to_string(), limit: cap });
            }
            if len > 1 << 20 && len / compressed > limits.max_ratio {
                return Err(Error::Ratio { part: name.to_string(), limit: limits.max_ratio });
            }
        }
        self.used += bytes.len() as u64;
        part_text(bytes, name).map(Some)
    }

    /// What kind of zip this is, when it has no Word document.
    fn kind(&mut self) -> Result<Package, Error> {
        if let Some(mimetype) = self.read("mimetype")? {
            if mimetype.starts_with("application/vnd.oasis.opendocument.text") {
                return Ok(Package::Odt);
            } else if mimetype.starts_with("application/vnd.oasis.opendocument") {
                return Ok(Package::OpenDocument);
            }
        }
        Ok(if self.find("xl/workbook.xml").is_some() {
            Package::Excel
        } else if self.find("ppt/presentation.xml").is_some() {
            Package::PowerPoint
        } else {
            Package::Unknown
        })
    }
}

fn zip_error(e: zip::result::ZipError) -> Error {
    match e {
        zip::result::ZipError::UnsupportedArchive(what) => Error::Unsupported(what.to_string()),
        zip::result::ZipError::InvalidPassword => Error::Unsupported("encrypted".into()),
        zip::result::ZipError::CompressionMethodNotSupported(m) => {
            Error::Unsupported(format!("compression method {m}"))
        }
        e => Error::Damaged(e.to_string()),
    }
}

/// A part's bytes as text: UTF-8 (with or without a BOM) or UTF-16 with a BOM.
fn part_text(bytes: Vec<u8>, name: &str) -> Result<String, Error> {
    let utf16 = |rest: &[u8], le: bool| {
        let units = rest
            .chunks_exact(2)
            .map(|p| if le { u16::from_le_bytes([p[0], p[1]]) } else { u16::from_be_bytes([p[0], p[1]]) });
        char::decode_utf16(units)
            .collect::<Result<String, _>>()
            .map_err(|_| Error::Damaged(format!("{name}: bad UTF-16")))
    };
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return utf16(rest, true);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return utf16(rest, false);
    }
    let start = if bytes.starts_with(b"\xEF\xBB\xBF") { 3 } else { 0 };
    match String::from_utf8(bytes) {
        Ok(mut s) => {
            s.drain(..start);
            Ok(s)
        }
        Err(e) => Err(Error::Damaged(format!("{name}: not UTF-8 at byte {}", e.utf8_error().valid_up_to()))),
    }
}

struct Relationship {
    kind: String,
    target: String,
    external: bool,
}

fn relationships(text: &str, part: &str, limits: &Limits) -> Result<Vec<Relationship>, Error> {
    let mut xml = xml::Xml::new(text, part, limits.max_depth);
    let mut out = Vec::new();
    loop {
        match xml.next()? {
            xml::Ev::Start(_, e) if xml::name(&e) == "Relationship" => out.push(Relationship {
                kind: xml::attr(&e, "Type").unwrap_or_default(),
                target: xml::attr(&e, "Target").unwrap_or_default(),
                external: xml::attr(&e, "TargetMode").is_some_and(|m| m.eq_ignore_ascii_case("External")),
            }),
            xml::Ev::Eof => return Ok(out),
            _ => {}
        }
    }
}

/// A relationship's target as a part name: relative to `dir` (the folder of
/// the part whose relationships these are) unless it starts with `/`.
fn resolve(dir: &str, target: &str) -> String {
    let mut parts: Vec<&str> = if target.starts_with('/') { Vec::new() } else { dir.split('/').collect() };
    for piece in target.split('/') {
        match piece {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    parts.retain(|p| !p.is_empty());
    parts.join("/")
}

#[cfg(test)]
mod tests;
