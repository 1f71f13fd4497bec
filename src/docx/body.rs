//! The main document part (`word/document.xml`) → lines: one per body
//! paragraph, one per row of a top-level table. The rules are listed in the
//! module documentation of `docx`.

use std::rc::Rc;

use super::numbering::{NumPr, Numbering};
use super::xml::{self, Ev, Ns, Xml};
use super::{Error, Limits, Package};

/// Columns of a table that merged cells are tracked for, and the most empty
/// cells a span or `w:gridBefore` adds (Word allows 63 columns).
const MAX_COLUMNS: usize = 64;
/// Bytes of a field instruction kept (enough to tell `TOC` from the rest).
const MAX_INSTRUCTION: usize = 32;

/// What an open element is, as far as the reader cares.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Tag {
    P,
    PPr,
    NumPr,
    /// The run properties of a paragraph mark (`w:pPr/w:rPr`).
    MarkRPr,
    R,
    RPr,
    /// `w:t`, `m:t`: text.
    T,
    InstrText,
    Tbl,
    Tr,
    TrPr,
    Tc,
    TcPr,
    Other,
}

#[derive(Default)]
struct Paragraph {
    text: String,
    num: NumPr,
    style: Option<String>,
    /// The paragraph mark is a tracked deletion: accepted, the paragraph joins the next.
    mark_deleted: bool,
}

struct Field {
    instruction: String,
    /// Past `separate`: the result shows.
    result: bool,
    /// A table of contents: its result repeats the headings, so it is left out.
    toc: bool,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum VMerge {
    None,
    Restart,
    Continue,
}

struct Cell {
    text: String,
    span: usize,
    vmerge: VMerge,
}

#[derive(Default)]
struct Row {
    /// The cells so far, separated by tabs.
    line: String,
    /// Cells so far.
    cells: usize,
    /// Grid column of the next cell.
    column: usize,
    deleted: bool,
}

impl Row {
    fn cell(&mut self, text: &str) {
        if self.cells > 0 {
            self.line.push('\t');
        }
        self.line.push_str(text);
        self.cells += 1;
    }
}

#[derive(Default)]
struct Table {
    /// Per grid column, the text of the vertically merged cell above.
    merged: Vec<Option<Rc<str>>>,
    row: Option<Row>,
    cell: Option<Cell>,
}

struct Body<'n> {
    out: String,
    /// Text bytes produced so far, in `out` or waiting in a paragraph, cell or row.
    produced: usize,
    max_text_len: usize,
    numbering: &'n mut Numbering,
    stack: Vec<Tag>,
    paragraph: Option<Paragraph>,
    /// Paragraphs nested in the current one (only in malformed files).
    nested: usize,
    /// Text of paragraphs whose mark was deleted, for the next paragraph.
    carry: String,
    run_hidden: bool,
    fields: Vec<Field>,
    /// Open tables; only the outermost makes rows, nested ones add to its cell.
    tables: usize,
    table: Table,
}

pub(crate) fn extract(text: &str, part: &str, numbering: &mut Numbering, limits: &Limits) -> Result<String, Error> {
    let mut xml = Xml::new(text, part, limits.max_depth);
    let mut body = Body {
        out: String::new(),
        produced: 0,
        max_text_len: limits.max_text_len,
        numbering,
        stack: Vec::new(),
        paragraph: None,
        nested: 0,
        carry: String::new(),
        run_hidden: false,
        fields: Vec::new(),
        tables: 0,
        table: Table::default(),
    };
    let mut root = true;
    loop {
        match xml.next()? {
            Ev::Start(ns, e) => {
                if std::mem::take(&mut root) && (ns, xml::name(&e)) != (Ns::W, "document") {
                    let package = match xml::name(&e) {
                        "workbook" => Package::Excel,
                        "presentation" => Package::PowerPoint,
                        _ => Package::Unknown,
                    };
                    return Err(Error::NotWord(package));
                }
                body.start(&mut xml, ns, &e)?;
            }
            Ev::End => body.end()?,
            Ev::Text(t) => body.text(&t)?,
            Ev::Eof => break,
        }
    }
    if let Some(p) = body.paragraph.take() {
        body.carry.push_str(&p.text);
    }
    if !body.carry.is_empty() {
        let rest = std::mem::take(&mut body.carry);
        body.line(&rest);
    }
    Ok(body.out)
}

impl Body<'_> {
    fn start(&mut self, xml: &mut Xml<'_>, ns: Ns, e: &quick_xml::events::BytesStart<'_>) -> Result<(), Error> {
        let name = xml::name(e);
        let parent = self.stack.last().copied().unwrap_or(Tag::Other);
        let tag = match ns {
            // Extensions are read from their Fallback, as a reader that does not know them would.
            Ns::Mc if name == "Choice" => return xml.skip(),
            Ns::Math if name == "t" => Tag::T,
            Ns::W => match name {
                "p" => {
                    if self.paragraph.is_some() {
                        self.nested += 1;
                    } else {
                        self.paragraph = Some(Paragraph::default());
                    }
                    Tag::P
                }
                "pPr" if parent == Tag::P => Tag::PPr,
                "pStyle" if parent == Tag::PPr => {
                    if let Some(p) = self.paragraph.as_mut() {
                        p.style = xml::attr(e, "val");
                    }
                    Tag::Other
                }
                "numPr" if parent == Tag::PPr => Tag::NumPr,
                "numId" | "ilvl" if parent == Tag::NumPr => {
                    if let Some(p) = self.paragraph.as_mut() {
                        let value = xml::int_attr(e, "val");
                        if name == "numId" {
                            p.num.num_id = value;
                        } else {
                            p.num.ilvl = value;
                        }
                    }
                    Tag::Other
                }
                "rPr" if parent == Tag::PPr => Tag::MarkRPr,
                "rPr" if parent == Tag::R => Tag::RPr,
                "del" | "moveFrom" if parent == Tag::MarkRPr => {
                    if let Some(p) = self.paragraph.as_mut() {
                        p.mark_deleted = true;
                    }
                    Tag::Other
                }
                "del" if parent == Tag::TrPr => {
                    if let Some(row) = self.table.row.as_mut().filter(|_| self.tables == 1) {
                        row.deleted = true;
                    }
                    Tag::Other
                }
                "vanish" if parent == Tag::RPr => {
                    self.run_hidden = xml::on(e);
                    Tag::Other
                }
                // Deleted and moved-away text, property change records, instructions of
                // deleted fields, content control properties, drawings and text boxes,
                // tab stops, section and table properties: nothing a reader reads here.
                "del" | "moveFrom" | "delText" | "delInstrText" | "pPrChange" | "rPrChange" | "sectPrChange"
                | "tblPrChange" | "tblPrExChange" | "trPrChange" | "tcPrChange" | "tblGridChange"
                | "numberingChange" | "sdtPr" | "sdtEndPr" | "drawing" | "pict" | "object" | "txbxContent"
                | "fldData" | "tabs" | "sectPr" | "tblPr" | "tblGrid" | "customXmlPr" | "smartTagPr" => {
                    return xml.skip();
                }
                "r" => {
                    self.run_hidden = false;
                    Tag::R
                }
                "t" => Tag::T,
                "instrText" => Tag::InstrText,
                "tab" | "ptab" if parent == Tag::R => {
                    self.push("\t")?;
                    Tag::Other
                }
                "br" | "cr" if parent == Tag::R => {
                    // A page or column break shows as nothing; a line break keeps the paragraph one line.
                    if !matches!(xml::attr(e, "type").as_deref(), Some("page" | "column")) {
                        self.push(" ")?;
                    }
                    Tag::Other
                }
                "noBreakHyphen" if parent == Tag::R => {
                    self.push("-")?;
                    Tag::Other
                }
                "sym" if parent == Tag::R => {
                    // Symbol-font characters sit in the private use area: nothing readable.
                    let c = xml::attr(e, "char")
                        .and_then(|h| u32::from_str_radix(h.trim(), 16).ok())
                        .and_then(char::from_u32)
                        .filter(|c| !('\u{E000}'..='\u{F8FF}').contains(c));
                    if let Some(c) = c {
                        self.push(c.encode_utf8(&mut [0; 4]))?;
                    }
                    Tag::Other
                }
                "fldChar" => {
                    match xml::attr(e, "fldCharType").as_deref() {
                        Some("begin") => {
                            self.fields.push(Field { instruction: String::new(), result: false, toc: false })
                        }
                        Some("separate") => {
                            if let Some(f) = self.fields.last_mut() {
                                f.result = true;
                                f.toc = is_toc(&f.instruction);
                            }
                        }
                        Some("end") => {
                            self.fields.pop();
                        }
                        _ => {}
                    }
                    Tag::Other
                }
                "fldSimple" if xml::attr(e, "instr").is_some_and(|i| is_toc(&i)) => return xml.skip(),
                "tbl" => {
                    self.tables += 1;
                    if self.tables == 1 {
                        self.table = Table::default();
                    }
                    Tag::Tbl
                }
                "tr" => {
                    if self.tables == 1 {
                        self.table.row = Some(Row::default());
                    }
                    Tag::Tr
                }
                "trPr" if parent == Tag::Tr => Tag::TrPr,
                "gridBefore" if parent == Tag::TrPr && self.tables == 1 => {
                    let n = span(e);
                    self.grow(n)?;
                    if let Some(row) = self.table.row.as_mut() {
                        for _ in 0..n {
                            row.cell("");
                        }
                        row.column += n;
                    }
                    Tag::Other
                }
                "tc" => {
                    if self.tables == 1 {
                        self.table.cell = Some(Cell { text: String::new(), span: 1, vmerge: VMerge::None });
                    }
                    Tag::Tc
                }
                "tcPr" if parent == Tag::Tc => Tag::TcPr,
                "gridSpan" if parent == Tag::TcPr && self.tables == 1 => {
                    if let Some(cell) = self.table.cell.as_mut() {
                        cell.span = span(e).max(1);
                    }
                    Tag::Other
                }
                "vMerge" if parent == Tag::TcPr && self.tables == 1 => {
                    if let Some(cell) = self.table.cell.as_mut() {
                        cell.vmerge = if xml::attr(e, "val").as_deref() == Some("restart") {
                            VMerge::Restart
                        } else {
                            VMerge::Continue
                        };
                    }
                    Tag::Other
                }
                _ => Tag::Other,
            },
            _ => Tag::Other,
        };
        self.stack.push(tag);
        Ok(())
    }

    fn end(&mut self) -> Result<(), Error> {
        match self.stack.pop() {
            Some(Tag::P) => {
                if self.nested > 0 {
                    self.nested -= 1;
                } else if let Some(p) = self.paragraph.take() {
                    self.end_paragraph(p)?;
                }
            }
            Some(Tag::R) => self.run_hidden = false,
            Some(Tag::Tc) if self.tables == 1 => self.end_cell()?,
            Some(Tag::Tr) if self.tables == 1 => {
                if let Some(row) = self.table.row.take()
                    && !row.deleted
                {
                    self.line(&row.line);
                }
            }
            Some(Tag::Tbl) => self.tables = self.tables.saturating_sub(1),
            _ => {}
        }
        Ok(())
    }

    fn text(&mut self, t: &str) -> Result<(), Error> {
        match self.stack.last() {
            Some(Tag::T) if self.paragraph.is_some() && self.visible() => self.push(t),
            Some(Tag::InstrText) => {
                if let Some(f) = self.fields.last_mut()
                    && !f.result
                    && f.instruction.len() < MAX_INSTRUCTION
                {
                    f.instruction.extend(t.chars().take(MAX_INSTRUCTION));
                }
                Ok(())
            }
            _ => Ok(()),
        }
    }

    /// Text of the current run shows: not hidden, not a field's instruction, not a table of contents.
    fn visible(&self) -> bool {
        !self.run_hidden && self.fields.iter().all(|f| f.result && !f.toc)
    }

    fn in_cell(&self) -> bool {
        self.tables >= 1 && self.table.cell.is_some()
    }

    fn grow(&mut self, n: usize) -> Result<(), Error> {
        self.produced += n;
        if self.produced > self.max_text_len {
            return Err(Error::TooLarge { part: "text".into(), limit: self.max_text_len as u64 });
        }
        Ok(())
    }

    /// Adds text to the current paragraph: line breaks become spaces (a
    /// paragraph is one line), control characters and soft hyphens go, a tab
    /// in a table cell becomes a space (tabs separate the cells).
    fn push(&mut self, s: &str) -> Result<(), Error> {
        self.grow(s.len())?;
        let cell = self.in_cell();
        let Some(p) = self.paragraph.as_mut() else { return Ok(()) };
        for c in s.chars() {
            match c {
                '\t' if !cell => p.text.push('\t'),
                '\t' | '\n' | '\r' | '\u{b}' | '\u{c}' | '\u{85}' | '\u{2028}' | '\u{2029}' => p.text.push(' '),
                '\u{ad}' | '\u{feff}' => {}
                c if c.is_control() => {}
                c => p.text.push(c),
            }
        }
        Ok(())
    }

    fn end_paragraph(&mut self, p: Paragraph) -> Result<(), Error> {
        if p.mark_deleted {
            self.carry.push_str(&p.text);
            return Ok(());
        }
        let label = self.numbering.label(p.num, p.style.as_deref()).unwrap_or_default();
        self.grow(label.len())?;
        let carry = std::mem::take(&mut self.carry);
        let text = [label.as_str(), carry.as_str(), p.text.as_str()].concat();
        if self.in_cell() {
            if let Some(cell) = self.table.cell.as_mut() {
                if !cell.text.is_empty() && !text.is_empty() {
                    cell.text.push(' ');
                }
                cell.text.push_str(&text);
            }
        } else {
            self.line(&text);
        }
        Ok(())
    }

    fn end_cell(&mut self) -> Result<(), Error> {
        let Some(cell) = self.table.cell.take() else { return Ok(()) };
        let Some(row) = self.table.row.as_ref() else { return Ok(()) };
        let column = row.column;
        let mut text = cell.text;
        match cell.vmerge {
            VMerge::Continue if text.trim().is_empty() => {
                // The merged cell above spans this row: a reader sees its text here too.
                if let Some(Some(above)) = self.table.merged.get(column) {
                    text = above.to_string();
                    self.grow(text.len())?;
                }
            }
            VMerge::Continue => {}
            VMerge::Restart | VMerge::None => {
                let end = (column + cell.span).min(MAX_COLUMNS);
                if self.table.merged.len() < end {
                    self.table.merged.resize(end, None);
                }
                let value: Option<Rc<str>> = (cell.vmerge == VMerge::Restart).then(|| text.as_str().into());
                for slot in self.table.merged.iter_mut().take(end).skip(column) {
                    slot.clone_from(&value);
                }
            }
        }
        self.grow(cell.span)?;
        if let Some(row) = self.table.row.as_mut() {
            row.cell(&text);
            for _ in 1..cell.span {
                row.cell("");
            }
            row.column += cell.span;
        }
        Ok(())
    }

    fn line(&mut self, text: &str) {
        self.out.push_str(text);
        self.out.push('\n');
    }
}

/// A column count (`w:gridSpan`, `w:gridBefore`), within bounds.
fn span(e: &quick_xml::events::BytesStart<'_>) -> usize {
    xml::int_attr(e, "val").map_or(1, |n| n.clamp(0, MAX_COLUMNS as i64) as usize)
}

fn is_toc(instruction: &str) -> bool {
    instruction.trim_start().get(..3).is_some_and(|w| w.eq_ignore_ascii_case("TOC"))
}
