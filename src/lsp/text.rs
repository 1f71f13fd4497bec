//! The server's copy of a document (a rope) and LSP position maths.
//!
//! LSP positions are (line, column) where the column counts UTF-16 code units
//! or UTF-8 bytes, whichever was negotiated. Lines end at `\n`, `\r\n` or `\r`,
//! which is what ropey counts with `cr_lines` and without `unicode_lines`.
//! Every conversion clamps: a position past the end of a line means the end of
//! that line, past the last line the end of the text, inside a character its
//! start. Nothing here panics on client input.

use ropey::Rope;
use tower_lsp::ls_types::{Position, Range, TextDocumentContentChangeEvent};

use planlint::LineIndex;

/// The negotiated position encoding.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Enc {
    Utf8,
    Utf16,
}

/// Byte offset where the content of `line` ends (before its line break).
fn line_content_end(rope: &Rope, line: usize) -> usize {
    let start = rope.line_to_byte(line);
    let slice = rope.line(line);
    let mut len = slice.len_bytes();
    if len > 0 && slice.byte(len - 1) == b'\n' {
        len -= 1;
    }
    if len > 0 && slice.byte(len - 1) == b'\r' {
        len -= 1;
    }
    start + len
}

/// A position → a byte offset into the rope (clamped; on a char boundary).
pub fn offset(rope: &Rope, pos: Position, enc: Enc) -> usize {
    let line = pos.line as usize;
    if line >= rope.len_lines() {
        return rope.len_bytes();
    }
    let start = rope.line_to_byte(line);
    let end = line_content_end(rope, line);
    match enc {
        Enc::Utf8 => {
            let b = start.saturating_add(pos.character as usize).min(end);
            rope.char_to_byte(rope.byte_to_char(b))
        }
        Enc::Utf16 => {
            let first = rope.char_to_utf16_cu(rope.byte_to_char(start));
            let last = rope.char_to_utf16_cu(rope.byte_to_char(end));
            let cu = first.saturating_add(pos.character as usize).min(last);
            rope.char_to_byte(rope.utf16_cu_to_char(cu))
        }
    }
}

/// Applies one content change; a range with its ends swapped is normalised.
pub fn apply_change(rope: &mut Rope, change: &TextDocumentContentChangeEvent, enc: Enc) {
    match change.range {
        None => *rope = Rope::from_str(&change.text),
        Some(Range { start, end }) => {
            let a = offset(rope, start, enc);
            let b = offset(rope, end, enc);
            let (a, b) = (a.min(b), a.max(b));
            let (ca, cb) = (rope.byte_to_char(a), rope.byte_to_char(b));
            rope.remove(ca..cb);
            rope.insert(ca, &change.text);
        }
    }
}

/// A byte offset of an analysed snapshot → an LSP position.
pub fn position(index: &LineIndex, text: &str, offset: usize, enc: Enc) -> Position {
    let lc = match enc {
        Enc::Utf8 => index.byte_col(text, offset),
        Enc::Utf16 => index.utf16_col(text, offset),
    };
    Position { line: lc.line, character: lc.col }
}

pub fn range(index: &LineIndex, text: &str, r: planlint::TextRange, enc: Enc) -> Range {
    Range { start: position(index, text, r.start(), enc), end: position(index, text, r.end(), enc) }
}

/// The same conversion as [`offset`] on a plain string, for snapshots.
pub fn offset_in(index: &LineIndex, text: &str, pos: Position, enc: Enc) -> usize {
    let line = pos.line as usize;
    if line >= index.line_count() {
        return text.len();
    }
    let r = index.line_range(text, line);
    let mut col = 0usize;
    for (i, c) in text[r.clone()].char_indices() {
        let w = match enc {
            Enc::Utf8 => c.len_utf8(),
            Enc::Utf16 => c.len_utf16(),
        };
        if col + w > pos.character as usize {
            return r.start + i;
        }
        col += w;
    }
    r.end
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn pos(line: u32, character: u32) -> Position {
        Position { line, character }
    }

    #[test]
    fn positions_in_both_encodings() {
        let text = "一、总体目标\r\n到2026年😀前，𠀀建成\n三\r末";
        let rope = Rope::from_str(text);
        let index = LineIndex::new(text);
        let jian = text.find("建").unwrap();
        // UTF-16: 到2026年 = 6 units, 😀 = 2, 前， = 2, 𠀀 = 2.
        assert_eq!(offset(&rope, pos(1, 12), Enc::Utf16), jian);
        assert_eq!(position(&index, text, jian, Enc::Utf16), pos(1, 12));
        // UTF-8: 到(3) 2026(4) 年(3) 😀(4) 前(3) ，(3) 𠀀(4) = 24.
        assert_eq!(offset(&rope, pos(1, 24), Enc::Utf8), jian);
        assert_eq!(position(&index, text, jian, Enc::Utf8), pos(1, 24));
        // Inside a surrogate pair / a UTF-8 sequence: the char's start.
        let emoji = text.find('😀').unwrap();
        assert_eq!(offset(&rope, pos(1, 7), Enc::Utf16), emoji);
        assert_eq!(offset(&rope, pos(1, 12), Enc::Utf8), emoji);
        // Past the line end: before its break. Past the last line: the end.
        assert_eq!(offset(&rope, pos(0, 99), Enc::Utf16), text.find('\r').unwrap());
        assert_eq!(offset(&rope, pos(3, 0), Enc::Utf16), text.rfind('末').unwrap());
        assert_eq!(offset(&rope, pos(99, 0), Enc::Utf16), text.len());
    }

    fn drafty() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop_oneof![
                Just("一"),
                Just("（一）"),
                Just("牵头"),
                Just("😀"),
                Just("𠀀"),
                Just("\r\n"),
                Just("\n"),
                Just("\r"),
                Just("a"),
                Just("**"),
                Just(""),
            ],
            0..12,
        )
        .prop_map(|v| v.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        /// Random edit sequences give the same text in the rope as in a plain
        /// String edited with the reference conversion.
        #[test]
        fn rope_edits_match_string_edits(
            initial in drafty(),
            edits in proptest::collection::vec((0u32..6, 0u32..12, 0u32..6, 0u32..12, drafty(), any::<bool>()), 0..25),
            utf8 in any::<bool>(),
        ) {
            let enc = if utf8 { Enc::Utf8 } else { Enc::Utf16 };
            let mut rope = Rope::from_str(&initial);
            let mut model = initial.clone();
            for (l1, c1, l2, c2, text, full) in edits {
                let change = TextDocumentContentChangeEvent {
                    range: (!full || text.is_empty()).then_some(Range { start: pos(l1, c1), end: pos(l2, c2) }),
                    range_length: None,
                    text: text.clone(),
                };
                apply_change(&mut rope, &change, enc);
                match change.range {
                    None => model = text,
                    Some(r) => {
                        let index = LineIndex::new(&model);
                        let a = offset_in(&index, &model, r.start, enc);
                        let b = offset_in(&index, &model, r.end, enc);
                        model.replace_range(a.min(b)..a.max(b), &text);
                    }
                }
                prop_assert_eq!(rope.to_string(), model.clone());
            }
        }
    }
}
