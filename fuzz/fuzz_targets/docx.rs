//! The `.docx` reader (`planlint::docx`) on arbitrary input. An input starting
//! with `PK` is read as the file itself (the zip container, its limits and
//! damage); any other input is WordprocessingML: up to three parts separated by
//! NUL bytes (`word/document.xml`, `word/numbering.xml`, `word/styles.xml`),
//! packed into a stored zip here so that mutations reach the XML readers rather
//! than break the container. No panic; the text ends in a line break and stays
//! under the limit; an error has a message in both languages; the text is
//! analysed as a draft under the checks of the `analyze` target.
#![no_main]

use std::io::Write;

use planlint::docx::{self, Limits};

#[path = "common/checks.rs"]
mod checks;

const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;
const DOC_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#;

/// A stored (uncompressed) zip holding the parts as a Word package.
fn package(parts: &[&[u8]]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let mut entries: Vec<(&str, &[u8])> = vec![("_rels/.rels", RELS.as_bytes()), ("word/_rels/document.xml.rels", DOC_RELS.as_bytes())];
    for (name, part) in ["word/document.xml", "word/numbering.xml", "word/styles.xml"].into_iter().zip(parts) {
        entries.push((name, part));
    }
    for (name, data) in entries {
        zip.start_file(name, stored).expect("zip entry");
        zip.write_all(data).expect("zip write");
    }
    zip.finish().expect("zip finish").into_inner()
}

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    // Small limits, so that an input cannot make one execution slow; the real
    // limits are larger, not different in kind.
    let limits = Limits { max_part_len: 1 << 20, max_total_len: 2 << 20, max_text_len: 1 << 20, ..Limits::default() };
    let bytes = if data.starts_with(b"PK") {
        data.to_vec()
    } else {
        let parts: Vec<&[u8]> = data.splitn(3, |&b| b == 0).collect();
        package(&parts)
    };
    match docx::to_text_with(&bytes, &limits) {
        Ok(text) => {
            assert!(text.is_empty() || text.ends_with('\n'), "the text does not end in a line break");
            assert!(text.len() <= limits.max_text_len, "text of {} bytes over the limit", text.len());
            checks::analysis(&text, planlint::SourceKind::PlainText, &planlint::Config::default());
        }
        Err(e) => {
            for lang in [planlint::Lang::Zh, planlint::Lang::En] {
                assert!(!e.message(lang).is_empty(), "an empty error message");
            }
        }
    }
});
