//! Bytes → text. Drafts arrive as UTF-8 (with or without a BOM), as UTF-16
//! with a BOM (Word's "Unicode text"), or as GBK/GB18030 (older Windows
//! tools); Big5 occasionally; or as Word documents (`.docx`, read by
//! `planlint::docx`). Anything else is an error, never a guess that turns a
//! draft into mojibake. [`to_text`] is the one step every command takes.

use encoding_rs::{BIG5, Encoding, GB18030, UTF_16BE, UTF_16LE};

use planlint::Lang;

/// How a file was decoded.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Source {
    Utf8,
    Utf8Bom,
    Utf16Le,
    Utf16Be,
    Gb18030,
    Big5,
    /// A Word document: its text is planlint's reading of it, and nothing can be written back.
    Docx,
}

/// Why a file could not be decoded.
#[derive(Clone, PartialEq, Eq, Debug)]
pub enum DecodeError {
    /// A NUL byte near the start: not a text file.
    Binary,
    /// Declared or detected an encoding, but the bytes are malformed in it.
    Malformed { encoding: &'static str, offset: Option<usize> },
    /// Not UTF-8 and not recognisably Chinese legacy text.
    Unknown { guess: &'static str },
    /// A Word document (or another document format) that could not be read.
    Docx(planlint::docx::Error),
    /// Named like a document format (`.doc`, `.pdf`, …) but not recognisably one.
    NotDocument { extension: String },
}

impl DecodeError {
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (DecodeError::Binary, Lang::Zh) => "二进制文件（含 NUL 字节），不是文本草稿".into(),
            (DecodeError::Binary, Lang::En) => "binary file (contains NUL bytes), not a text draft".into(),
            (DecodeError::Malformed { encoding, offset: Some(o) }, Lang::Zh) => {
                format!("不是有效的 {encoding} 文本（第 {o} 字节处编码错误）")
            }
            (DecodeError::Malformed { encoding, offset: Some(o) }, Lang::En) => {
                format!("not valid {encoding} (malformed at byte {o})")
            }
            (DecodeError::Malformed { encoding, offset: None }, Lang::Zh) => format!("不是有效的 {encoding} 文本"),
            (DecodeError::Malformed { encoding, offset: None }, Lang::En) => format!("not valid {encoding}"),
            (DecodeError::Unknown { guess }, Lang::Zh) => format!(
                "无法识别的文本编码（疑似 {guess}）；planlint 读取 UTF-8、带 BOM 的 UTF-16 和 GBK/GB18030，请另存为 UTF-8"
            ),
            (DecodeError::Unknown { guess }, Lang::En) => format!(
                "unrecognised text encoding (looks like {guess}); planlint reads UTF-8, UTF-16 with a BOM \
                 and GBK/GB18030: save the file as UTF-8"
            ),
            (DecodeError::Docx(e), lang) => e.message(lang),
            (DecodeError::NotDocument { extension }, Lang::Zh) => format!(
                "扩展名是 .{extension}，但内容不是可识别的文档（可能已损坏，或是改了扩展名的网页等其他格式）；\
                 planlint 读取 .docx 和文本文件：请在 Word 或 WPS 中打开并另存为 .docx"
            ),
            (DecodeError::NotDocument { extension }, Lang::En) => format!(
                "named .{extension}, but not a document planlint recognises (damaged, or another format such \
                 as a web page renamed); planlint reads .docx and text files: open it in Word or WPS and save \
                 it as .docx"
            ),
        }
    }
}

/// Extensions of document formats: a file so named is never read as text.
const DOCUMENT_EXTENSIONS: [&str; 13] =
    ["docx", "docm", "dotx", "dotm", "doc", "dot", "wps", "wpt", "pdf", "odt", "ott", "rtf", "ofd"];

/// A draft's bytes → its text, whatever the format: a Word document (or a
/// format planlint names in an error) when the bytes start like one or `name`
/// has a document extension, else text in one of the encodings [`decode`] reads.
pub fn to_text(bytes: Vec<u8>, name: &str) -> Result<(String, Source), DecodeError> {
    let extension = std::path::Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .filter(|e| DOCUMENT_EXTENSIONS.contains(&e.as_str()));
    match (planlint::docx::sniff(&bytes), extension) {
        (Some(_), _) => planlint::docx::to_text(&bytes).map(|text| (text, Source::Docx)).map_err(DecodeError::Docx),
        (None, Some(e)) if matches!(e.as_str(), "docx" | "docm" | "dotx" | "dotm") => {
            Err(DecodeError::Docx(planlint::docx::Error::NotZip))
        }
        (None, Some(extension)) => Err(DecodeError::NotDocument { extension }),
        (None, None) => decode(bytes),
    }
}

/// Decodes a whole file. Valid UTF-8 is taken over without copying.
pub fn decode(bytes: Vec<u8>) -> Result<(String, Source), DecodeError> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return match std::str::from_utf8(rest) {
            Ok(s) => Ok((s.to_string(), Source::Utf8Bom)),
            Err(e) => Err(DecodeError::Malformed { encoding: "UTF-8", offset: Some(e.valid_up_to() + 3) }),
        };
    }
    if bytes.starts_with(b"\xFF\xFE") {
        return strict(UTF_16LE, &bytes[2..]).map(|s| (s, Source::Utf16Le));
    }
    if bytes.starts_with(b"\xFE\xFF") {
        return strict(UTF_16BE, &bytes[2..]).map(|s| (s, Source::Utf16Be));
    }
    let head = &bytes[..bytes.len().min(8192)];
    if memchr::memchr(0, head).is_some() {
        return Err(DecodeError::Binary);
    }
    if simdutf8::basic::from_utf8(&bytes).is_ok() {
        // SAFETY: just validated. (simdutf8 validates Chinese text several
        // times faster than `String::from_utf8`, which showed up as 7 % of a
        // `planlint check` run.)
        #[allow(unsafe_code)]
        return Ok((unsafe { String::from_utf8_unchecked(bytes) }, Source::Utf8));
    }
    // Legacy Chinese. GB18030 first: it is what GBK files decode as, and a
    // strict decode that yields mostly Han characters is conclusive even for
    // a file too short for statistical detection.
    if let Ok(s) = strict(GB18030, &bytes)
        && mostly_han(&s)
    {
        return Ok((s, Source::Gb18030));
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(&bytes, true);
    let guess = detector.guess(Some(b"cn"), chardetng::Utf8Detection::Allow);
    if guess == BIG5
        && let Ok(s) = strict(BIG5, &bytes)
    {
        return Ok((s, Source::Big5));
    }
    Err(DecodeError::Unknown { guess: guess.name() })
}

/// Why a fixed text cannot be written back.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum EncodeError {
    /// A character the file's encoding cannot hold (only Big5 can lack one:
    /// GB18030 and UTF-16 cover Unicode).
    Unmappable(char),
    /// The text was read from a Word document: planlint does not write one.
    Docx,
}

/// Encodes text back the way it was read: a fixed GBK draft stays GBK, a
/// UTF-8 file with a BOM keeps it.
pub fn encode(text: &str, source: Source) -> Result<Vec<u8>, EncodeError> {
    Ok(match source {
        Source::Docx => return Err(EncodeError::Docx),
        Source::Utf8 => text.as_bytes().to_vec(),
        Source::Utf8Bom => [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat(),
        Source::Utf16Le | Source::Utf16Be => {
            let mut out = Vec::with_capacity(2 + text.len() * 2);
            let le = source == Source::Utf16Le;
            out.extend_from_slice(if le { b"\xFF\xFE" } else { b"\xFE\xFF" });
            for u in text.encode_utf16() {
                out.extend_from_slice(&if le { u.to_le_bytes() } else { u.to_be_bytes() });
            }
            out
        }
        Source::Gb18030 | Source::Big5 => {
            let encoding = if source == Source::Gb18030 { GB18030 } else { BIG5 };
            let mut encoder = encoding.new_encoder();
            let mut out = Vec::with_capacity(text.len());
            let mut rest = text;
            loop {
                let need =
                    encoder.max_buffer_length_from_utf8_without_replacement(rest.len()).unwrap_or(rest.len() * 4 + 16);
                out.reserve(need);
                let (result, read) = encoder.encode_from_utf8_to_vec_without_replacement(rest, &mut out, true);
                rest = &rest[read..];
                match result {
                    encoding_rs::EncoderResult::InputEmpty => break out,
                    encoding_rs::EncoderResult::OutputFull => continue,
                    encoding_rs::EncoderResult::Unmappable(c) => return Err(EncodeError::Unmappable(c)),
                }
            }
        }
    })
}

fn strict(encoding: &'static Encoding, bytes: &[u8]) -> Result<String, DecodeError> {
    encoding
        .decode_without_bom_handling_and_without_replacement(bytes)
        .map(|s| s.into_owned())
        .ok_or(DecodeError::Malformed { encoding: encoding.name(), offset: None })
}

/// At least 60 % of the non-ASCII characters are Han or CJK punctuation.
fn mostly_han(s: &str) -> bool {
    let (mut han, mut other) = (0usize, 0usize);
    for c in s.chars().filter(|c| !c.is_ascii()) {
        if planlint::text::is_cjk(c) || ('\u{FF00}'..='\u{FFEF}').contains(&c) {
            han += 1;
        } else {
            other += 1;
        }
    }
    han > 0 && han * 5 >= (han + other) * 3
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        let text = "一、工作目标\r\n";
        assert_eq!(decode(text.as_bytes().to_vec()), Ok((text.to_string(), Source::Utf8)));
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(text.as_bytes());
        assert_eq!(decode(bom), Ok((text.to_string(), Source::Utf8Bom)));
    }

    #[test]
    fn gbk_even_when_short() {
        for text in ["新增**家。", "一、工作目标\n到2026年，培育X家企业。（牵头单位：市科技局）\n"]
        {
            let (bytes, _, _) = GB18030.encode(text);
            assert_eq!(decode(bytes.into_owned()), Ok((text.to_string(), Source::Gb18030)), "{text}");
        }
    }

    #[test]
    fn utf16_with_bom() {
        let text = "二、主要任务𠀀";
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for u in text.encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
            be.extend_from_slice(&u.to_be_bytes());
        }
        assert_eq!(decode(le), Ok((text.to_string(), Source::Utf16Le)));
        assert_eq!(decode(be), Ok((text.to_string(), Source::Utf16Be)));
        assert!(matches!(decode(vec![0xFF, 0xFE, 0x00, 0xD8]), Err(DecodeError::Malformed { .. })));
    }

    #[test]
    fn encoding_round_trips() {
        let text = "一、工作目标\r\n到2027年，培育企业100家——𠀀。\n";
        for source in [Source::Utf8, Source::Utf8Bom, Source::Utf16Le, Source::Utf16Be, Source::Gb18030] {
            let bytes = encode(text, source).unwrap();
            assert_eq!(decode(bytes), Ok((text.to_string(), source)), "{source:?}");
        }
        let big5 = "一、工作目標\n";
        assert_eq!(BIG5.decode_without_bom_handling(&encode(big5, Source::Big5).unwrap()).0, big5);
        // Big5 has no 𠀀 (nor most simplified characters): an error, not a `&#…;` escape.
        assert_eq!(encode("目標𠀀", Source::Big5), Err(EncodeError::Unmappable('𠀀')));
        assert_eq!(encode("一、总体要求\n", Source::Docx), Err(EncodeError::Docx));
    }

    #[test]
    fn binary_and_garbage_are_errors() {
        assert_eq!(decode(b"PK\x03\x04\x00\x00word/document.xml".to_vec()), Err(DecodeError::Binary));
        assert!(matches!(
            decode(b"\xEF\xBB\xBF\xFF\xFF".to_vec()),
            Err(DecodeError::Malformed { offset: Some(3), .. })
        ));
        // Latin-1 prose is not a Chinese draft: refuse instead of inventing Han characters.
        assert!(decode(b"Caf\xE9 cr\xE8me br\xFBl\xE9e, na\xEFve fa\xE7ade".to_vec()).is_err());
    }

    #[test]
    fn documents_are_told_by_their_first_bytes_and_by_their_name() {
        use planlint::docx::{Container, Error};
        let text = "一、工作目标\n".as_bytes().to_vec();
        // Text is text whatever the name, unless the name is a document format's.
        assert_eq!(to_text(text.clone(), "草稿.txt"), Ok(("一、工作目标\n".into(), Source::Utf8)));
        assert_eq!(to_text(text.clone(), "README"), Ok(("一、工作目标\n".into(), Source::Utf8)));
        assert_eq!(to_text(text.clone(), "草稿.DOCX"), Err(DecodeError::Docx(Error::NotZip)));
        assert_eq!(to_text(text.clone(), "网页导出.doc"), Err(DecodeError::NotDocument { extension: "doc".into() }));
        // A PDF or a .doc is named as such, whatever the file is called.
        let pdf = b"%PDF-1.4\n".to_vec();
        assert_eq!(to_text(pdf.clone(), "草稿.txt"), Err(DecodeError::Docx(Error::Format(Container::Pdf))));
        assert_eq!(to_text(pdf, "草稿.docx"), Err(DecodeError::Docx(Error::Format(Container::Pdf))));
        let ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0];
        let e = to_text(ole, "草稿.docx").unwrap_err();
        assert!(e.message(Lang::Zh).contains(".doc") && e.message(Lang::Zh).contains("另存为 .docx"), "{e:?}");
        assert!(e.message(Lang::En).contains("save it as .docx"), "{e:?}");
    }
}
