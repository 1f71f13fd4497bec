//! Byte offset ↔ line/column conversion: the one place that knows about
//! characters, UTF-16 code units and line breaks.
//!
//! Line breaks are `\n`, `\r\n` and a lone `\r`, exactly as the Language Server
//! Protocol counts them.

/// A 0-based line and column. What the column counts depends on the method
/// that produced it (bytes, chars or UTF-16 code units).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct LineCol {
    pub line: u32,
    pub col: u32,
}

/// Line starts of a text, for fast position conversions.
#[derive(Clone, Debug)]
pub struct LineIndex {
    /// Byte offset of the start of every line; `starts[0] == 0`.
    starts: Vec<u32>,
    len: u32,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let bytes = text.as_bytes();
        let mut starts = Vec::with_capacity(bytes.len() / 64 + 1);
        starts.push(0);
        let mut i = 0;
        while let Some(p) = memchr::memchr2(b'\n', b'\r', &bytes[i..]) {
            let at = i + p;
            if bytes[at] == b'\r' && bytes.get(at + 1) == Some(&b'\n') {
                i = at + 2;
            } else {
                i = at + 1;
            }
            starts.push(i as u32);
        }
        LineIndex { starts, len: text.len() as u32 }
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// Byte offset where line `line` starts (clamped to the last line).
    pub fn line_start(&self, line: usize) -> usize {
        self.starts[line.min(self.starts.len() - 1)] as usize
    }

    /// Byte range of line `line` without its line break.
    pub fn line_range(&self, text: &str, line: usize) -> std::ops::Range<usize> {
        let start = self.line_start(line);
        let mut end = if line + 1 < self.starts.len() { self.starts[line + 1] as usize } else { text.len() };
        let b = text.as_bytes();
        if end > start && b[end - 1] == b'\n' {
            end -= 1;
        }
        if end > start && b[end - 1] == b'\r' {
            end -= 1;
        }
        start..end
    }

    /// The 0-based line containing byte `offset` (clamped to the text).
    pub fn line_of(&self, offset: usize) -> usize {
        let offset = offset.min(self.len as usize) as u32;
        match self.starts.binary_search(&offset) {
            Ok(l) => l,
            Err(l) => l - 1,
        }
    }

    /// Byte offset → 0-based line and column counted in Unicode scalar values.
    pub fn char_col(&self, text: &str, offset: usize) -> LineCol {
        let offset = super::floor_char_boundary(text, offset);
        let line = self.line_of(offset);
        let start = self.line_start(line);
        let col = text[start..offset].chars().count();
        LineCol { line: line as u32, col: col as u32 }
    }

    /// Byte offset → 0-based line and column counted in UTF-16 code units.
    pub fn utf16_col(&self, text: &str, offset: usize) -> LineCol {
        let offset = super::floor_char_boundary(text, offset);
        let line = self.line_of(offset);
        let start = self.line_start(line);
        let col: usize = text[start..offset].chars().map(char::len_utf16).sum();
        LineCol { line: line as u32, col: col as u32 }
    }

    /// Byte offset → 0-based line and byte column.
    pub fn byte_col(&self, text: &str, offset: usize) -> LineCol {
        let offset = super::floor_char_boundary(text, offset);
        let line = self.line_of(offset);
        LineCol { line: line as u32, col: (offset - self.line_start(line)) as u32 }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crlf_cr_and_lf_all_break_lines() {
        let text = "一、总体要求\r\n到2025年👍底\n第三行\r末行";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_count(), 4);
        assert_eq!(&text[idx.line_range(text, 0)], "一、总体要求");
        assert_eq!(&text[idx.line_range(text, 3)], "末行");
        let di = text.find('底').unwrap();
        assert_eq!(idx.char_col(text, di), LineCol { line: 1, col: 7 });
        assert_eq!(idx.utf16_col(text, di), LineCol { line: 1, col: 8 });
        assert_eq!(idx.byte_col(text, di), LineCol { line: 1, col: 14 });
    }

    #[test]
    fn offsets_past_the_end_and_inside_chars_are_clamped() {
        let text = "一二";
        let idx = LineIndex::new(text);
        assert_eq!(idx.char_col(text, 1), LineCol { line: 0, col: 0 });
        assert_eq!(idx.char_col(text, 99), LineCol { line: 0, col: 2 });
    }
}
