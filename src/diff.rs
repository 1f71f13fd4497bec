//! Line diffs between a draft and its fixed text: the hunks of `planlint
//! check --diff` and the edits of the server's fix-all action and formatting.
//!
//! Built on `similar`'s line diff, but positions are recomputed from the
//! lengths of its operations in order: with the Myers and Patience
//! algorithms, similar 2.7 can report a wrong `old_range().start` for an
//! insertion that follows a deletion (seen on `"\n\r\n牵头\n…"`; the property
//! tests below catch it), while the lengths are right.

use std::fmt::Write as _;
use std::ops::Range;

/// One changed run of lines: the lines `old` of the old text become the lines `new` of the new one.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Change {
    pub old: Range<usize>,
    pub new: Range<usize>,
}

/// A line diff: the lines of both texts (each with its line break) and the changed runs, in order.
pub struct LineDiff<'a> {
    pub old_lines: Vec<&'a str>,
    pub new_lines: Vec<&'a str>,
    pub changes: Vec<Change>,
}

impl<'a> LineDiff<'a> {
    pub fn new(old: &'a str, new: &'a str) -> LineDiff<'a> {
        let diff = similar::TextDiff::from_lines(old, new);
        let old_lines = diff.old_slices().to_vec();
        let new_lines = diff.new_slices().to_vec();
        let (mut o, mut n) = (0usize, 0usize);
        let mut changes: Vec<Change> = Vec::new();
        for op in diff.ops() {
            let (ol, nl) = (op.old_range().len(), op.new_range().len());
            if op.tag() != similar::DiffTag::Equal {
                // Adjacent operations (a deletion then an insertion) form one change.
                match changes.last_mut() {
                    Some(last) if last.old.end == o && last.new.end == n => {
                        last.old.end += ol;
                        last.new.end += nl;
                    }
                    _ => changes.push(Change { old: o..o + ol, new: n..n + nl }),
                }
            }
            o += ol;
            n += nl;
        }
        LineDiff { old_lines, new_lines, changes }
    }

    /// Byte offset where old line `i` starts (`i` may be the line count: the end).
    fn byte_starts(lines: &[&str]) -> Vec<usize> {
        let mut v = Vec::with_capacity(lines.len() + 1);
        let mut at = 0usize;
        v.push(0);
        for l in lines {
            at += l.len();
            v.push(at);
        }
        v
    }

    /// The changes as byte-range replacements of the old text.
    pub fn edits(&self) -> Vec<(Range<usize>, String)> {
        let starts = Self::byte_starts(&self.old_lines);
        self.changes
            .iter()
            .map(|c| (starts[c.old.start]..starts[c.old.end], self.new_lines[c.new.clone()].concat()))
            .collect()
    }

    /// A unified diff with `context` lines around each change (empty when the texts are equal).
    pub fn unified(&self, old_name: &str, new_name: &str, context: usize) -> String {
        let mut out = String::new();
        if self.changes.is_empty() {
            return out;
        }
        let _ = writeln!(out, "--- {old_name}\n+++ {new_name}");
        let mut i = 0;
        while i < self.changes.len() {
            // A hunk: changes whose context touches or overlaps.
            let mut j = i;
            while j + 1 < self.changes.len() && self.changes[j + 1].old.start - self.changes[j].old.end <= 2 * context {
                j += 1;
            }
            let (first, last) = (&self.changes[i], &self.changes[j]);
            let old_start = first.old.start.saturating_sub(context);
            let new_start = first.new.start - (first.old.start - old_start);
            let old_end = (last.old.end + context).min(self.old_lines.len());
            let new_end = last.new.end + (old_end - last.old.end);
            let _ = writeln!(
                out,
                "@@ -{} +{} @@",
                header(old_start, old_end - old_start),
                header(new_start, new_end - new_start)
            );
            let mut at = old_start;
            for c in &self.changes[i..=j] {
                for l in &self.old_lines[at..c.old.start] {
                    line(&mut out, ' ', l);
                }
                for l in &self.old_lines[c.old.clone()] {
                    line(&mut out, '-', l);
                }
                for l in &self.new_lines[c.new.clone()] {
                    line(&mut out, '+', l);
                }
                at = c.old.end;
            }
            for l in &self.old_lines[at..old_end] {
                line(&mut out, ' ', l);
            }
            i = j + 1;
        }
        out
    }
}

/// `start,len` of a hunk header (1-based; an empty range names the line before it).
fn header(start: usize, len: usize) -> String {
    if len == 1 { format!("{}", start + 1) } else { format!("{},{len}", if len == 0 { start } else { start + 1 }) }
}

fn line(out: &mut String, tag: char, text: &str) {
    out.push(tag);
    out.push_str(text);
    if !text.ends_with('\n') {
        out.push_str("\n\\ No newline at end of file\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn apply(old: &str, edits: &[(Range<usize>, String)]) -> String {
        let mut out = String::new();
        let mut at = 0;
        for (r, t) in edits {
            assert!(r.start >= at && r.start <= r.end, "{edits:?}");
            out.push_str(&old[at..r.start]);
            out.push_str(t);
            at = r.end;
        }
        out + &old[at..]
    }

    /// Rebuilds both texts from a unified diff with all context (a reader of the diff sees exactly them).
    fn sides(diff: &str) -> (String, String) {
        let (mut old, mut new) = (String::new(), String::new());
        let mut last = " ";
        for l in diff.split_inclusive('\n').skip(2) {
            if l.starts_with("@@") {
                continue;
            }
            if l.starts_with('\\') {
                // The line before has no line break of its own.
                if last != "+" {
                    old.pop();
                }
                if last != "-" {
                    new.pop();
                }
                continue;
            }
            let (tag, text) = l.split_at(1);
            last = tag;
            match tag {
                " " => {
                    old.push_str(text);
                    new.push_str(text);
                }
                "-" => old.push_str(text),
                _ => new.push_str(text),
            }
        }
        (old, new)
    }

    #[test]
    fn the_case_similar_gets_wrong() {
        let (old, new) = ("\n\r\n牵头\n\r\n\r\n\n\n", "一、一、\n一、\n\n\n一、一、\n\n\n");
        assert_eq!(apply(old, &LineDiff::new(old, new).edits()), new);
    }

    #[test]
    fn unified_format() {
        let old = "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n";
        let new = "a\nB\nc\nd\ne\nf\ng\nh\ni\nJ";
        let d = LineDiff::new(old, new).unified("a/x", "b/x", 1);
        assert_eq!(
            d,
            "--- a/x\n+++ b/x\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n@@ -9,2 +9,2 @@\n i\n-j\n+J\n\\ No newline at end of file\n"
        );
        assert_eq!(LineDiff::new(old, old).unified("a", "b", 3), "");
    }

    fn texty() -> impl Strategy<Value = String> {
        prop::collection::vec(prop::sample::select(vec!["一、", "牵头", "𠀀", "\n", "\r\n", "a", "b", ""]), 0..30)
            .prop_map(|v| v.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1000))]

        #[test]
        fn edits_turn_old_into_new(old in texty(), new in texty()) {
            prop_assert_eq!(apply(&old, &LineDiff::new(&old, &new).edits()), new);
        }

        #[test]
        fn a_full_context_diff_holds_both_texts(old in texty(), new in texty()) {
            let d = LineDiff::new(&old, &new).unified("a", "b", usize::MAX / 4);
            if old != new {
                prop_assert_eq!(sides(&d), (old, new));
            }
        }
    }
}
