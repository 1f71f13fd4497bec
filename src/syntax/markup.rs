//! Markup and non-prose: splits the text into lines, classifies them, and
//! builds the *prose view*: a copy of the text, byte for byte the same length,
//! in which everything that is not prose (Markdown markup, code, front matter,
//! HTML comments, planlint directives, emphasis delimiters) is overwritten with
//! [`FILLER`]. Rules read the prose view, so a range found there is a valid
//! range of the original text.
//!
//! Suppression directives are recorded here as plain data ([`Suppression`]):
//! what they cover and the rule names as written. This module does not know
//! which rules exist; the rules layer resolves the names after parsing.

use std::borrow::Cow;

use crate::syntax::SourceKind;
use crate::syntax::lexicon::is_mask_follower;
use crate::text::{TextRange, char_at, char_before, is_cjk_punct, is_inline_space};

/// The byte that stands in for non-prose in the prose view.
pub const FILLER: u8 = 0;

/// What a line is.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum LineKind {
    /// Only white space (or only markup).
    Blank,
    /// Text to check.
    Prose,
    /// Front matter, code, an HTML comment, a thematic break.
    NonProse,
    /// A planlint suppression comment.
    Directive,
}

/// One physical line.
#[derive(Clone, Copy, Debug)]
pub struct Line {
    /// The line without its line break.
    pub range: TextRange,
    /// Where the text starts after indentation and line-level markup (`#`, `>`, `- `).
    pub content: u32,
    pub kind: LineKind,
}

impl Line {
    pub fn content_range(&self) -> TextRange {
        TextRange { start: self.content, end: self.range.end }
    }
}

/// Which directive a [`Suppression`] is, as written.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum SuppressionKind {
    /// `planlint-disable-next-line`: the next line of text.
    NextLine,
    /// `planlint-disable-line`: its own line when written after the text
    /// (`… <!-- planlint-disable-line -->`), the next line of text when
    /// written on a line of its own.
    ThisLine,
    /// `planlint-disable` up to the next `planlint-disable` or
    /// `planlint-enable` line, or to the end of the text.
    Block,
}

/// One suppression directive: where it is written, what it covers and the
/// rule names it lists, unresolved.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Suppression {
    pub kind: SuppressionKind,
    /// The directive itself: its line, or the trailing `<!-- … -->`.
    pub directive: TextRange,
    /// The text whose findings it suppresses. `None` for a next-line
    /// directive with no line of text after it.
    pub covers: Option<TextRange>,
    /// Each rule name or code as written, as a range of the text. Empty:
    /// the directive names no rule and so covers every rule.
    pub names: Vec<TextRange>,
}

impl Suppression {
    /// Whether a finding starting at `offset` lies in the text this directive
    /// covers. A directive never covers a finding about itself (inside its
    /// own text), so a block or a trailing directive cannot hide a problem
    /// with its own rule names.
    pub fn covers_offset(&self, offset: usize) -> bool {
        !self.directive.contains(offset)
            && self.covers.is_some_and(|c| c.contains(offset) || c.end() == offset && c.is_empty())
    }
}

pub(crate) struct Markup<'a> {
    pub lines: Vec<Line>,
    pub prose: Cow<'a, str>,
    /// The pinyin glosses blanked in the prose view (`(xiāng)` after 鄉), in order.
    pub glosses: Vec<TextRange>,
    /// In the order the directives are written.
    pub suppressions: Vec<Suppression>,
    /// Where the text has a `×` (C3 97), in order: the placeholder search
    /// reads them from here instead of searching the text for C3 again.
    pub times: Vec<usize>,
}

/// A directive on a line of its own.
enum LineDirective {
    /// A disabling directive, its text still to be attached (`covers: None`).
    Disable(Suppression),
    Enable,
}

/// Splits `text` into lines and builds the prose view.
pub(crate) fn scan(text: &str, kind: SourceKind) -> Markup<'_> {
    let md = kind == SourceKind::Markdown;
    // Vowels with tone marks are two-byte characters with lead bytes C3..C7;
    // a draft without any has no pinyin gloss to blank.
    let (tones, times) = tone_vowels_and_times(text.as_bytes());
    let bytes = text.as_bytes();
    let mut prose = ProseBuf { text, buf: None };
    let mut lines = Vec::with_capacity(text.len() / 80 + 1);
    // Directives waiting for the next line of text, the open block, and
    // the directives whose coverage is known.
    let mut pending_next_line: Vec<Suppression> = Vec::new();
    let mut open_block: Option<Suppression> = None;
    let mut suppressions: Vec<Suppression> = Vec::new();
    let mut glosses = Vec::new();

    // Markdown block state.
    let mut in_front_matter = false;
    let mut fence: Option<(u8, usize)> = None;
    let mut in_comment = false;

    // The first `*` or `_` at or after the last place searched: one search
    // runs over the text instead of one per line (most lines have none).
    let mut next_delimiter = 0usize;
    let mut start = 0usize;
    let mut line_no = 0usize;
    while start <= bytes.len() {
        let (end, next) = match memchr::memchr2(b'\n', b'\r', &bytes[start..]) {
            Some(p) => {
                let at = start + p;
                let next = if bytes[at] == b'\r' && bytes.get(at + 1) == Some(&b'\n') { at + 2 } else { at + 1 };
                (at, next)
            }
            None => (bytes.len(), bytes.len() + 1),
        };
        let line_text = &text[start..end];
        let mut line = Line { range: TextRange::new(start, end), content: start as u32, kind: LineKind::Prose };

        if md && line_no == 0 && line_text.trim_end() == "---" {
            in_front_matter = true;
            line.kind = LineKind::NonProse;
        } else if in_front_matter {
            line.kind = LineKind::NonProse;
            if matches!(line_text.trim_end(), "---" | "...") {
                in_front_matter = false;
            }
        } else if let Some((ch, len)) = fence {
            line.kind = LineKind::NonProse;
            let t = line_text.trim_start();
            let run = t.bytes().take_while(|&b| b == ch).count();
            if run >= len && t[run..].trim().is_empty() {
                fence = None;
            }
        } else if md && in_comment {
            line.kind = LineKind::NonProse;
            if let Some(p) = line_text.find("-->") {
                in_comment = false;
                let rest = start + p + 3;
                blank(&mut prose, start, rest);
                if !text[rest..end].trim().is_empty() {
                    line.kind = LineKind::Prose;
                    line.content = rest as u32;
                }
            }
        } else if let Some(d) = parse_directive(text, line.range) {
            line.kind = LineKind::Directive;
            match d {
                LineDirective::Disable(s) if s.kind == SuppressionKind::Block => {
                    close_block(&mut open_block, &mut suppressions, start);
                    open_block = Some(s);
                }
                LineDirective::Disable(s) => pending_next_line.push(s),
                LineDirective::Enable => close_block(&mut open_block, &mut suppressions, start),
            }
        } else if is_thematic_break(line_text) {
            line.kind = LineKind::NonProse;
        } else {
            let indent = line_text.bytes().take_while(|&b| b == b' ' || b == b'\t').count();
            let t = &line_text[indent..];
            if md && (t.starts_with("```") || t.starts_with("~~~")) {
                let ch = t.as_bytes()[0];
                fence = Some((ch, t.bytes().take_while(|&b| b == ch).count()));
                line.kind = LineKind::NonProse;
            } else {
                if md {
                    let content = strip_block_prefixes(text, start + indent, end);
                    blank(&mut prose, start, content);
                    line.content = content as u32;
                    in_comment = blank_inline_markdown(text, &mut prose, content, end);
                } else {
                    line.content = (start + indent) as u32;
                }
                if let Some(s) = trailing_directive(text, line.range) {
                    blank(&mut prose, s.directive.start(), end);
                    suppressions.push(s);
                }
                let content = line.content as usize;
                if next_delimiter < content {
                    next_delimiter =
                        memchr::memchr2(b'*', b'_', &bytes[content..]).map_or(bytes.len(), |p| content + p);
                }
                if next_delimiter < end {
                    blank_emphasis(text, &mut prose, content, end, md);
                }
                if tones {
                    blank_pinyin_glosses(text, &mut prose, &mut glosses, line.content as usize, end);
                }
            }
        }
        if line.kind == LineKind::Directive || line.kind == LineKind::NonProse {
            blank(&mut prose, start, end);
        }
        if line.kind == LineKind::Prose && is_blank(&prose.as_bytes()[line.content as usize..end]) {
            line.kind = LineKind::Blank;
        }
        if line.kind == LineKind::Prose && !pending_next_line.is_empty() {
            for mut s in pending_next_line.drain(..) {
                s.covers = Some(line.range);
                suppressions.push(s);
            }
        }
        lines.push(line);
        start = next;
        line_no += 1;
    }
    close_block(&mut open_block, &mut suppressions, text.len());
    suppressions.extend(pending_next_line);
    suppressions.sort_by_key(|s| s.directive.start);
    Markup { lines, prose: prose.finish(), glosses, suppressions, times }
}

fn close_block(open: &mut Option<Suppression>, suppressions: &mut Vec<Suppression>, end: usize) {
    if let Some(mut s) = open.take() {
        s.covers = Some(TextRange::new(s.directive.start(), end));
        suppressions.push(s);
    }
}

/// Only spaces (half-width, ideographic, no-break), tabs and filler: the
/// chars of [`crate::text::is_inline_space`] and NUL, read as bytes.
pub(crate) fn is_blank(b: &[u8]) -> bool {
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b' ' | b'\t' | FILLER => i += 1,
            0xE3 if b[i + 1..].starts_with(&[0x80, 0x80]) => i += 3,
            0xC2 if b.get(i + 1) == Some(&0xA0) => i += 2,
            _ => return false,
        }
    }
    true
}

/// The prose view under construction: borrowed until the first change.
struct ProseBuf<'a> {
    text: &'a str,
    buf: Option<Vec<u8>>,
}

impl<'a> ProseBuf<'a> {
    fn as_bytes(&self) -> &[u8] {
        self.buf.as_deref().unwrap_or(self.text.as_bytes())
    }

    fn finish(self) -> Cow<'a, str> {
        match self.buf {
            None => Cow::Borrowed(self.text),
            // SAFETY: `v` started as a copy of `self.text` (valid UTF-8) and
            // `blank` only ever overwrites whole chars (it checks both ends are
            // char boundaries) with the ASCII filler, which keeps it valid.
            // Re-validating cost ~7 % of the whole analysis on Chinese text.
            #[allow(unsafe_code)]
            Some(v) => Cow::Owned(unsafe { String::from_utf8_unchecked(v) }),
        }
    }
}

/// Overwrites `start..end` (char boundaries) of the prose view with filler.
fn blank(prose: &mut ProseBuf<'_>, start: usize, end: usize) {
    let text = prose.text;
    if start >= end
        || end > text.len()
        || !text.is_char_boundary(start)
        || !text.is_char_boundary(end)
        || prose.as_bytes()[start..end].iter().all(|&b| b == FILLER)
    {
        return;
    }
    prose.buf.get_or_insert_with(|| text.as_bytes().to_vec())[start..end].fill(FILLER);
}

/// Parses the line `range` of `text` when it is only a suppression directive.
fn parse_directive(text: &str, range: TextRange) -> Option<LineDirective> {
    let line = &text[range.as_range()];
    // A line opening with a char from U+4000 on (lead byte E4 to F4, an
    // ideograph, a full-width form) opens with no white space and no
    // directive: most lines of a draft, refused before trimming.
    if line.as_bytes().first().is_some_and(|&b| b >= 0xE4) {
        return None;
    }
    // A directive opens with `<!--`, `//` or the directive itself: a line
    // opening with a digit (`1.`, `2023年`) is refused before trimming its end.
    if !line.trim_start().starts_with(['<', '/', 'p']) {
        return None;
    }
    let t = line.trim();
    let body = if let Some(inner) = t.strip_prefix("<!--").and_then(|r| r.strip_suffix("-->")) {
        inner.trim()
    } else if let Some(rest) = t.strip_prefix("//") {
        rest.trim()
    } else {
        t
    };
    let rest = body.strip_prefix("planlint-")?;
    let (word, args) = rest.split_once(char::is_whitespace).unwrap_or((rest, &rest[rest.len()..]));
    let kind = match word.trim_end_matches(':') {
        "disable-next-line" => SuppressionKind::NextLine,
        "disable-line" => SuppressionKind::ThisLine,
        "disable" => SuppressionKind::Block,
        "enable" => return Some(LineDirective::Enable),
        _ => return None,
    };
    let names = rule_names(args, range.start() + offset_in(line, args));
    Some(LineDirective::Disable(Suppression { kind, directive: range, covers: None, names }))
}

/// `… <!-- planlint-disable-line placeholder -->` at the end of the line
/// `range` of `text`; it covers that line.
fn trailing_directive(text: &str, range: TextRange) -> Option<Suppression> {
    let line = &text[range.as_range()];
    if ends_unspaced(line.as_bytes()) {
        return None;
    }
    let t = line.trim_end();
    let inner = t.strip_suffix("-->")?;
    let open = inner.rfind("<!--")?;
    let body = inner[open + 4..].trim();
    let rest = body.strip_prefix("planlint-disable-line")?;
    let args = rest.strip_prefix(':').unwrap_or(rest);
    if args.starts_with(|c: char| !c.is_whitespace()) {
        return None;
    }
    let names = rule_names(args, range.start() + offset_in(line, args));
    let directive = TextRange::new(range.start() + open, range.start() + t.len());
    Some(Suppression { kind: SuppressionKind::ThisLine, directive, covers: Some(range), names })
}

/// Whether `b` ends with a char that is neither white space nor the `>` of
/// `-->`: an ASCII char, or a three-byte char from U+3001 on (the last
/// ideograph or the `。` of most lines), told from the bytes. Decoding the last
/// char of every line to trim white space cost 0.7 M instructions on the
/// benchmark set.
fn ends_unspaced(b: &[u8]) -> bool {
    match *b {
        [.., last] if last.is_ascii() => !last.is_ascii_whitespace() && last != b'>',
        [.., lead, _, _] => (0xE3..0xF0).contains(&lead) && b[b.len() - 3..] != [0xE3, 0x80, 0x80],
        _ => false,
    }
}

/// The rule names in `args` (which starts at byte `at` of the text),
/// separated by white space, commas or `、`.
fn rule_names(args: &str, at: usize) -> Vec<TextRange> {
    let mut names = Vec::new();
    let mut name_start = None;
    for (i, c) in args.char_indices().chain([(args.len(), ' ')]) {
        if c.is_whitespace() || matches!(c, ',' | '，' | '、') {
            if let Some(s) = name_start.take() {
                names.push(TextRange::new(at + s, at + i));
            }
        } else if name_start.is_none() {
            name_start = Some(i);
        }
    }
    names
}

/// The byte offset of `part`, a subslice of `whole`, in `whole`.
fn offset_in(whole: &str, part: &str) -> usize {
    (part.as_ptr() as usize).saturating_sub(whole.as_ptr() as usize).min(whole.len())
}

/// `***`, `---`, `___`, `* * *`, `===`: a separator line, not text.
fn is_thematic_break(line: &str) -> bool {
    // Most lines open with another char: refused before decoding it.
    if !matches!(line.as_bytes().first(), Some(b' ' | b'\t' | b'*' | b'-' | b'_' | b'=')) {
        return false;
    }
    let mut count = 0;
    let mut ch = None;
    for c in line.chars() {
        match c {
            ' ' | '\t' => {}
            '*' | '-' | '_' | '=' => {
                if ch.is_some_and(|x| x != c) {
                    return false;
                }
                ch = Some(c);
                count += 1;
            }
            _ => return false,
        }
    }
    count >= 3
}

/// Skips `>` quotes, an ATX `#` heading prefix and a `-`/`*`/`+` list marker.
fn strip_block_prefixes(text: &str, mut at: usize, end: usize) -> usize {
    let b = text.as_bytes();
    loop {
        let before = at;
        while at < end && (b[at] == b' ' || b[at] == b'\t') {
            at += 1;
        }
        if at < end && b[at] == b'>' {
            at += 1;
            continue;
        }
        let hashes = b[at..end].iter().take_while(|&&c| c == b'#').count();
        if (1..=6).contains(&hashes) && (at + hashes == end || b[at + hashes] == b' ') {
            at += hashes;
            continue;
        }
        if at + 1 < end && matches!(b[at], b'-' | b'*' | b'+') && b[at + 1] == b' ' {
            at += 2;
            continue;
        }
        if at == before {
            return at;
        }
    }
}

/// Blanks inline code, link targets and HTML comments on one Markdown line.
/// Returns whether an HTML comment stays open past the end of the line.
fn blank_inline_markdown(text: &str, prose: &mut ProseBuf<'_>, start: usize, end: usize) -> bool {
    let line = &text[start..end];
    let b = line.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'`' => {
                let run = b[i..].iter().take_while(|&&c| c == b'`').count();
                let delim = &line[i..i + run];
                if let Some(close) = line[i + run..].find(delim) {
                    let close_end = i + run + close + run;
                    blank(prose, start + i, start + close_end);
                    i = close_end;
                } else {
                    i += run;
                }
            }
            b'<' if line[i..].starts_with("<!--") => match line[i + 4..].find("-->") {
                Some(p) => {
                    let e = i + 4 + p + 3;
                    blank(prose, start + i, start + e);
                    i = e;
                }
                None => {
                    blank(prose, start + i, end);
                    return true;
                }
            },
            b'<' if line[i..].starts_with("<http") => match line[i..].find('>') {
                Some(p) => {
                    blank(prose, start + i, start + i + p + 1);
                    i += p + 1;
                }
                None => i += 1,
            },
            b']' if b.get(i + 1) == Some(&b'(') => match line[i..].find(')') {
                Some(p) => {
                    blank(prose, start + i, start + i + p + 1);
                    i += p + 1;
                }
                None => i += 1,
            },
            b'[' => {
                blank(prose, start + i, start + i + 1);
                i += 1;
            }
            _ => i += 1,
        }
    }
    false
}

fn is_boundary(c: Option<char>) -> bool {
    match c {
        None => true,
        Some(c) => c.is_whitespace() || is_cjk_punct(c) || c.is_ascii_punctuation() || c == '\0',
    }
}

/// Finds emphasis pairs (`**…**`, and in Markdown `*…*`, `__…__`) on a line
/// and blanks their delimiters. Runs that look like masks stay. Called for
/// lines with a `*` or `_` only.
fn blank_emphasis(text: &str, prose: &mut ProseBuf<'_>, start: usize, end: usize, md: bool) {
    let line = &text[start..end];
    // Delimiter runs: (offset, len, char).
    let mut runs: Vec<(usize, usize, u8)> = Vec::new();
    let b = line.as_bytes();
    // Jump from delimiter to delimiter: a line with one mask is otherwise read byte by byte.
    let mut next = 0;
    for i in memchr::memchr2_iter(b'*', b'_', b) {
        if i < next {
            continue; // inside the previous run
        }
        let ch = b[i];
        let len = b[i..].iter().take_while(|&&c| c == ch).count();
        runs.push((start + i, len, ch));
        next = i + len;
    }
    let mut used = vec![false; runs.len()];
    for o in 0..runs.len() {
        if used[o] {
            continue;
        }
        let (os, olen, och) = runs[o];
        if !(olen == 2 || md && olen == 1 && och == b'*') {
            continue;
        }
        let after_open = char_at(text, os + olen);
        let before_open = char_before(text, os);
        if after_open.is_none_or(is_inline_space) || is_mask_follower(&text[os + olen..]) {
            continue;
        }
        if before_open.is_some_and(|c| c.is_ascii_digit()) {
            continue;
        }
        if !md && !is_boundary(before_open) {
            continue;
        }
        if och == b'_' && before_open.is_some_and(|c| c.is_alphanumeric()) {
            continue;
        }
        for c in o + 1..runs.len() {
            let (cs, clen, cch) = runs[c];
            if used[c] || cch != och || clen != olen {
                continue;
            }
            let before_close = char_before(text, cs);
            let after_close = char_at(text, cs + clen);
            if before_close.is_none_or(is_inline_space) || cs == os + olen {
                break;
            }
            // `*.*%`, `**-**`: masks around a separator, not emphasis of it.
            if !text[os + olen..cs].chars().any(char::is_alphanumeric) {
                break;
            }
            if is_mask_follower(&text[cs + clen..]) && !is_boundary(before_close) {
                break;
            }
            if !(md || is_boundary(after_close) || before_close.is_some_and(is_cjk_punct)) {
                break;
            }
            if och == b'_' && after_close.is_some_and(|c| c.is_alphanumeric()) {
                break;
            }
            used[o] = true;
            used[c] = true;
            blank(prose, os, os + olen);
            blank(prose, cs, cs + clen);
            break;
        }
    }
}

static FULL_OPEN: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
    std::sync::LazyLock::new(|| memchr::memmem::Finder::new("（".as_bytes()));

/// Whether `b` holds a vowel with a tone mark of the first, second or fourth
/// tone (lead bytes C3..C5): a draft without one has no pinyin gloss, since
/// glosses are many and not all of the third tone (C7). And where `b` has a
/// `×` (C3 97), which the placeholder search needs: one SIMD pass for both.
fn tone_vowels_and_times(b: &[u8]) -> (bool, Vec<usize>) {
    let is_tone_at =
        |p: usize| std::str::from_utf8(&b[p..(p + 2).min(b.len())]).is_ok_and(|s| s.chars().any(is_tone_vowel));
    let mut tones = false;
    let mut times = Vec::new();
    for p in memchr::memchr3_iter(0xC3, 0xC4, 0xC5, b) {
        if b[p] == 0xC3 && b.get(p + 1) == Some(&0x97) {
            times.push(p);
        } else if !tones {
            tones = is_tone_at(p);
        }
    }
    (tones, times)
}

/// Vowels with a tone mark, which only pinyin uses.
fn is_tone_vowel(c: char) -> bool {
    matches!(
        c,
        'ā' | 'á'
            | 'ǎ'
            | 'à'
            | 'ē'
            | 'é'
            | 'ě'
            | 'è'
            | 'ī'
            | 'í'
            | 'ǐ'
            | 'ì'
            | 'ō'
            | 'ó'
            | 'ǒ'
            | 'ò'
            | 'ū'
            | 'ú'
            | 'ǔ'
            | 'ù'
            | 'ǖ'
            | 'ǘ'
            | 'ǚ'
            | 'ǜ'
    )
}

/// Blanks the pinyin glosses some mirror sites insert after characters
/// (`鄉(xiāng)`, `一(yī)、`) and records them in `glosses`: a bracketed
/// syllable with a tone mark right after an ideograph is not text of the
/// draft.
fn blank_pinyin_glosses(text: &str, prose: &mut ProseBuf<'_>, glosses: &mut Vec<TextRange>, start: usize, end: usize) {
    let line = &text[start..end];
    let bytes = line.as_bytes();
    let opens = memchr::memchr_iter(b'(', bytes).chain(FULL_OPEN.find_iter(bytes));
    for i in opens {
        let c = char_at(line, i).unwrap_or('(');
        // A syllable starts with a lowercase Latin letter.
        if !bytes.get(i + c.len_utf8()).is_some_and(u8::is_ascii_lowercase)
            || !char_before(line, i).is_some_and(crate::text::is_han)
        {
            continue;
        }
        let inner = &line[i + c.len_utf8()..];
        let len = inner.chars().take_while(|&c| c.is_ascii_lowercase() || is_tone_vowel(c) || c == 'ü').count();
        let body: String = inner.chars().take(len).collect();
        let close = inner[body.len()..].chars().next();
        if (1..=7).contains(&len) && body.chars().any(is_tone_vowel) && matches!(close, Some(')' | '）')) {
            let to = i + c.len_utf8() + body.len() + close.map_or(0, char::len_utf8);
            blank(prose, start + i, start + to);
            glosses.push(TextRange::new(start + i, start + to));
        }
    }
}
