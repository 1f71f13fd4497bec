//! Rule `repeated-word`: a word of two or more characters written twice in a
//! row by accident (`建设建设`, `推进\n推进`).

use crate::diagnostic::{Applicability, Edit, Fix};
use crate::lang::Lang;
use crate::rules::{Ctx, declare_rule};
use crate::text::{TextRange, is_han, is_ideograph_lead};

declare_rule! {
    /// ## What it does
    /// Finds a word of two to four characters written twice in a row
    /// (`建设建设`, `推进推进`, `示范区示范区`), also across a space or a line
    /// break left by a PDF copy (`建设\n建设`), and offers to delete the second
    /// copy.
    ///
    /// 查找连续写了两遍的二至四字词语（`建设建设`、`推进推进`、`示范区示范区`），
    /// 包括被 PDF 复制留下的空格或换行隔开的重复（`建设\n建设`），并提供删除第二遍的修复。
    ///
    /// It leaves alone the repetition that is Chinese grammar or layout: verb
    /// reduplication of speech (`研究研究`, `讨论讨论`, `商量商量`, `考虑考虑`),
    /// state adjectives (`雪白雪白`), measure words (`一步一步`, `一批一批`),
    /// words of one repeated character (`哈哈哈哈`, `某某某某`), onomatopoeia
    /// (`哗啦哗啦`), numerals (`二十二十`), digits and masks (`2020`, `XXXX`:
    /// the `placeholder` rule's job), a repeat across punctuation (`建设，建设`
    /// is rhetoric), across a blank line or a tab, next to a heading line, in
    /// cells that each fill a line or a space-separated field, and before a
    /// field label (`主动公开 公开时限：`).
    ///
    /// 不报告属于汉语语法或版式的重复：口语中的动词重叠（`研究研究`、`讨论讨论`、
    /// `商量商量`、`考虑考虑`），状态形容词（`雪白雪白`），量词重复（`一步一步`、
    /// `一批一批`），单字叠用（`哈哈哈哈`、`某某某某`），拟声词（`哗啦哗啦`），
    /// 数词（`二十二十`），数字和占位符（`2020`、`XXXX`，由 `placeholder` 规则负责），
    /// 隔着标点的重复（`建设，建设` 是修辞），隔着空行或制表符、与标题行相接、
    /// 各占一行或各占一个空格分隔字段的单元格，以及字段标签前的重复
    /// （`主动公开 公开时限：`）。
    ///
    /// The fix is safe for a repeat with nothing between the copies: once
    /// reduplication is excluded, a word doubled in place is a doubled
    /// keystroke or paste. Across a space or a line break it is unsafe: the
    /// gap may separate table cells or fields the layout did not show.
    ///
    /// 两遍紧挨着时修复为安全：排除语法上的重叠后，原地重复的词只能是多敲或多粘贴
    /// 了一次。隔着空格或换行时修复为不安全：那里可能是版式未显示出来的单元格或字段分隔。
    ///
    /// ## Why is this bad?
    /// A doubled word is a slip that a reader notices at once and that
    /// proofreading tools report (片段重复, 多字); it shows the draft was not
    /// read through before it was sent.
    ///
    /// 重复的词一眼就能看出，校对工具也会报告（片段重复、多字），说明稿件发出前
    /// 没有通读。
    ///
    /// ## Example
    /// ```text
    /// 加快推进推进重大项目建设建设。
    /// ```
    /// Use instead:
    /// ```text
    /// 加快推进重大项目建设。
    /// ```
    pub(crate) REPEATED_WORD, "PL502", "repeated-word", Warning,
    summary: "Word written twice in a row (建设建设)",
    summary_zh: "词语重复（建设建设）",
}

/// Two-character words whose ABAB reduplication is grammar: volitional verbs
/// of speech (研究研究 = "look into it a bit"), state adjectives (雪白雪白),
/// onomatopoeia (哗啦哗啦).
const REDUPLICABLE: &[&str] = &[
    // verbs
    "研究", "讨论", "学习", "商量", "考虑", "调查", "了解", "分析", "交流", "沟通", "锻炼", "休息", "打听", "琢磨",
    "思考", "比较", "检查", "整理", "收拾", "活动", "体验", "尝试", "练习", "介绍", "总结", "反思", "感受", "放松",
    "清理", "打扫", "关心", "帮助", "表扬", "批评", "教育", "指点", "酝酿", "准备", "核实", "梳理", "打扮", "溜达",
    "散步", "聊聊", "比划", "比画", "商议", "合计", "盘算", "掂量", "考察", "观察", "调整", "整顿", "热闹", "高兴",
    "暖和", "凉快", "轻松", "舒服", "痛快", "明白", "清醒", "认识", "熟悉", "请教", "切磋", "磨合", "操练", "温习",
    "复习", "预习", "摸索", "尝尝", "看看", "走走", "动动", // state adjectives
    "雪白", "通红", "冰凉", "笔直", "火热", "碧绿", "金黄", "漆黑", "蜡黄", "瓦蓝", "透亮", "喷香", "滚烫", "冰冷",
    "煞白", "乌黑", "粉红", "崭新", "锃亮", "贼亮", // onomatopoeia
    "哗啦", "扑通", "叮咚", "滴答", "嘀嗒", "轰隆", "呼啦", "咕噜", "噼啪", "叮当", "咯吱", "嘎吱", "吧嗒", "啪嗒",
    "扑哧", "呼噜", "咕咚", "哐当", "叽喳", "嘀咕", "咔嚓", "扑棱",
];

/// Chinese numerals: a word of these alone is a number (二十二十), not a word.
fn is_numeral_char(c: char) -> bool {
    "〇零一二三四五六七八九十百千万亿两壹贰叁肆伍陆柒捌玖拾佰仟".contains(c)
}

/// Whether the word `w` (two to four ideographs) may legitimately stand twice in a row.
fn reduplicable(w: &str) -> bool {
    let mut cs = w.chars();
    let first = cs.next();
    // One character repeated (哈哈哈哈, 某某某某: that is the placeholder rule's).
    if w.chars().all(|c| Some(c) == first) {
        return true;
    }
    // Measure words counted one by one: 一步一步, 一批一批, 一年一年.
    if first == Some('一') && w.chars().count() == 2 {
        return true;
    }
    w.chars().all(is_numeral_char) || REDUPLICABLE.contains(&w)
}

/// The longest repeated word looked for, in characters.
const MAX_CHARS: usize = 4;

/// Byte positions `t` where an ideograph of the basic blocks starts (three
/// bytes, U+3400..U+9FFF) and the 6 bytes at `t` equal the 6 bytes 6, 9 or 12
/// bytes later: where two 3-byte characters come again two, three or four
/// characters later, which every repeat of a two- to four-character word of
/// such ideographs has at its start.
///
/// The block test below compiles to about 105 SSE2 instructions per block of
/// 64 positions and to about 43 with AVX2 (32 lanes instead of 16): where the
/// CPU has AVX2, the same loop is run compiled for it, which cut the pass from
/// 11.4 M to 7.6 M instructions on the benchmark drafts. Both give the same positions.
fn candidates(b: &[u8], out: &mut Vec<usize>) {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") {
        return candidates_avx2(b, out);
    }
    candidates_portable(b, out);
}

/// [`candidates`] compiled for AVX2.
#[cfg(target_arch = "x86_64")]
#[allow(unsafe_code)]
fn candidates_avx2(b: &[u8], out: &mut Vec<usize>) {
    #[target_feature(enable = "avx2")]
    fn run(b: &[u8], out: &mut Vec<usize>) {
        candidates_in(b, out);
    }
    debug_assert!(std::arch::is_x86_feature_detected!("avx2"));
    // SAFETY: the only caller, `candidates`, calls this after
    // `is_x86_feature_detected!("avx2")` found AVX2 on this CPU.
    unsafe { run(b, out) }
}

/// [`candidates`] compiled for the target's baseline (SSE2 on x86-64).
fn candidates_portable(b: &[u8], out: &mut Vec<usize>) {
    candidates_in(b, out);
}

/// The body of [`candidates`], inlined into each of its compilations.
///
/// Each position of a block is first tested on what such a repeat needs
/// most cheaply: a three-byte character starting at `t`, and the last bytes
/// of its two characters (those that tell characters apart most) found again
/// `d` bytes on. A loop without branches or bounds checks that the compiler
/// vectorises, and that nearly every block of real text fails; in a block
/// that passes, only the positions that passed are looked at (looking at all
/// 64 cost 0.5 M instructions more on the benchmark drafts).
#[inline(always)]
fn candidates_in(b: &[u8], out: &mut Vec<usize>) {
    const BLOCK: usize = 64;
    const REACH: usize = 12 + 6 - 1;
    /// Nonzero at the positions of the block that pass the test.
    #[inline(always)]
    fn passed(w: &[u8; BLOCK + REACH]) -> [u8; BLOCK] {
        let mut passed = [0u8; BLOCK];
        for (t, p) in passed.iter_mut().enumerate() {
            let lead = u8::from(w[t] & 0xF0 == 0xE0);
            let mut again = 0u8;
            for d in [6, 9, 12] {
                again |= u8::from(w[t + 2] == w[t + 2 + d]) & u8::from(w[t + 5] == w[t + 5 + d]);
            }
            *p = lead & again;
        }
        passed
    }
    let mut i = 0;
    while let Some(w) = b.get(i..i + BLOCK + REACH).and_then(|w| <&[u8; BLOCK + REACH]>::try_from(w).ok()) {
        let passed = passed(w);
        if passed.iter().fold(0, |any, &p| any | p) != 0 {
            // The block with its reach holds every byte a repeat at one of its positions compares.
            out.extend((0..BLOCK).filter(|&t| passed[t] != 0 && repeat_at(w, t)).map(|t| i + t));
        }
        i += BLOCK;
    }
    // The tail, too short for a block and its reach.
    out.extend((i..b.len().saturating_sub(11)).filter(|&t| repeat_at(b, t)));
}

/// Whether an ideograph of the basic blocks starts at `t` of `b` and the 6
/// bytes from there come again 6, 9 or 12 bytes on (see [`candidates`]).
/// The last bytes of the two characters are compared before the slices: they
/// refuse nearly every position of a block that passed the block test, and
/// comparing the slices there first cost 2 M instructions on the benchmark drafts.
fn repeat_at(b: &[u8], t: usize) -> bool {
    let ideograph = match b[t] {
        0xE3 => b.get(t + 1).is_some_and(|&x| x >= 0x90),
        x => is_ideograph_lead(x),
    };
    ideograph
        && [6, 9, 12]
            .into_iter()
            .any(|d| b.get(t + d..t + d + 6).is_some_and(|x| x[5] == b[t + 5] && x[2] == b[t + 2] && x == &b[t..t + 6]))
}

/// The ideographs of `s`, if it is made of `n` ideographs only.
fn han_word(s: &str, n: usize) -> bool {
    let mut k = 0;
    for c in s.chars() {
        if !is_han(c) {
            return false;
        }
        k += 1;
    }
    k == n
}

/// A repeat: where the first copy starts, and the copies after it (to delete).
struct Repeat {
    first: usize,
    extra: TextRange,
    /// How many copies in all.
    copies: usize,
    /// Whether white space separates the copies.
    gapped: bool,
}

/// Repeats with nothing between the copies.
fn adjacent(view: &str, out: &mut Vec<Repeat>) {
    let mut starts = Vec::new();
    candidates(view.as_bytes(), &mut starts);
    let mut next_free = 0;
    for t in starts {
        if t < next_free || !view.is_char_boundary(t) {
            continue;
        }
        for n in 2..=MAX_CHARS {
            let d = 3 * n;
            let (Some(a), Some(b)) = (view.get(t..t + d), view.get(t + d..t + 2 * d)) else { continue };
            if a == b && han_word(a, n) && !reduplicable(a) {
                let mut copies = 2;
                while view.get(t + copies * d..t + (copies + 1) * d) == Some(a) {
                    copies += 1;
                }
                let extra = TextRange::new(t + d, t + copies * d);
                out.push(Repeat { first: t, extra, copies, gapped: false });
                next_free = extra.end();
                break;
            }
        }
    }
}

/// The start of the `n`th character before `end`, if they are all ideographs.
fn han_before(s: &str, end: usize, n: usize) -> Option<usize> {
    let mut at = end;
    for c in s[..end].chars().rev().take(n) {
        if !is_han(c) {
            return None;
        }
        at -= c.len_utf8();
    }
    (s[at..end].chars().count() == n).then_some(at)
}

/// Repeats whose copies a space or one line break separates (text copied
/// from a PDF keeps its wrapping).
fn across_gaps(doc: &crate::syntax::Document<'_>, view: &str, out: &mut Vec<Repeat>) {
    let b = view.as_bytes();
    let mut from = 0;
    while let Some(k) = memchr::memchr2(b' ', b'\n', &b[from..]) {
        let p = from + k;
        // Most gaps are one byte between two characters that are no white
        // space (bytes that may belong to U+3000 or U+00A0, and four-byte
        // characters nearby, take the long way). There a repeat needs the
        // character after the gap to begin the word 2, 3 or 4 characters before it.
        let simple = p > 0
            && !matches!(b[p - 1], b' ' | b'\r' | b'\t' | b'\n' | 0x80 | 0xA0)
            && !matches!(b.get(p + 1), Some(b' ' | b'\r' | b'\t' | b'\n' | 0xE3 | 0xC2))
            && b[p.saturating_sub(12)..p].iter().all(|&x| x < 0xF0);
        if simple && ![6, 9, 12].into_iter().any(|d| p >= d && b.get(p + 1..p + 4) == b.get(p - d..p - d + 3)) {
            from = p + 1;
            continue;
        }
        let g0 = {
            // Back over the spaces (and a carriage return) before it.
            let mut g = from + k;
            while let Some(c) = crate::text::char_before(view, g).filter(|&c| matches!(c, ' ' | '\u{3000}' | '\r')) {
                g -= c.len_utf8();
            }
            g
        };
        let mut g1 = from + k;
        let mut breaks = 0;
        let mut tab = false;
        while let Some(c) = crate::text::char_at(view, g1) {
            match c {
                '\n' => breaks += 1,
                ' ' | '\u{3000}' | '\r' | '\u{a0}' => {}
                '\t' => tab = true,
                _ => break,
            }
            g1 += c.len_utf8();
        }
        from = g1.max(from + k + 1);
        if breaks > 1 || tab || g0 == 0 {
            continue;
        }
        for n in 2..=MAX_CHARS {
            let Some(start) = han_before(view, g0, n) else { break };
            let end = g1 + (g0 - start);
            let Some(second) = view.get(g1..end) else { break };
            if second != &view[start..g0] || !han_word(second, n) || reduplicable(second) {
                continue;
            }
            if breaks == 1 {
                if layout_break(doc, view, start, end) {
                    break;
                }
            } else if fields(view, start, end) {
                break;
            }
            out.push(Repeat { first: start, extra: TextRange::new(g1, end), copies: 2, gapped: true });
            break;
        }
    }
}

/// Whether a line break between two copies is layout rather than a wrapped
/// paragraph: a copy fills its whole line (a table cell, a title), or one of
/// the lines is a heading.
fn layout_break(doc: &crate::syntax::Document<'_>, view: &str, start: usize, end: usize) -> bool {
    let line_start = view[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = view[end..].find('\n').map_or(view.len(), |i| end + i);
    let blank = |s: &str| s.chars().all(|c| c.is_whitespace() || c == '\0');
    if blank(&view[line_start..start]) || blank(&view[end..line_end]) {
        return true;
    }
    let (a, b) = (doc.line_of(start) as u32, doc.line_of(end) as u32);
    doc.headings.iter().any(|h| h.line == a || h.line == b)
}

/// Whether a space between two copies separates fields: both copies are
/// whole space-separated tokens (cells), or the second starts a field label
/// (`公开时限：`).
fn fields(view: &str, start: usize, end: usize) -> bool {
    let edge = |c: Option<char>| c.is_none_or(|c| !(is_han(c) || c.is_alphanumeric()));
    if edge(crate::text::char_before(view, start)) && edge(crate::text::char_at(view, end)) {
        return true;
    }
    let label = view[end..].chars().find(|&c| !is_han(c));
    matches!(label, Some(':' | '：')) && view[end..].chars().take_while(|&c| is_han(c)).count() <= MAX_CHARS * 2
}

pub(crate) fn check(ctx: &mut Ctx<'_>) {
    let doc = ctx.doc;
    let view = doc.folded();
    let mut repeats = Vec::new();
    adjacent(view, &mut repeats);
    if memchr::memchr2(b' ', b'\n', view.as_bytes()).is_some() {
        across_gaps(doc, view, &mut repeats);
        repeats.sort_by_key(|r| r.first);
    }
    let lang = ctx.lang();
    let mut last_end = 0;
    for r in repeats {
        if r.first < last_end {
            continue;
        }
        last_end = r.extra.end();
        let word = doc.slice(TextRange::new(r.first, r.first + r.extra.len() / (r.copies - 1)));
        let (message, title) = match (lang, r.copies) {
            (Lang::Zh, 2) => (format!("“{word}”连写了两遍"), format!("删除重复的“{word}”")),
            (Lang::Zh, n) => (format!("“{word}”连写了{n}遍"), format!("删除重复的“{word}”")),
            (Lang::En, 2) => (format!("“{word}” is written twice"), format!("Delete the repeated “{word}”")),
            (Lang::En, n) => (format!("“{word}” is written {n} times"), format!("Delete the repeated “{word}”")),
        };
        let applicability = if r.gapped { Applicability::Unsafe } else { Applicability::Safe };
        ctx.report(TextRange::new(r.first, r.extra.end()), message).with_fix(Fix {
            title: title.into(),
            edits: vec![Edit::replace(r.extra, "")],
            applicability,
        });
    }
}

#[cfg(test)]
mod tests {
    use expect_test::expect;

    use super::*;
    use crate::config::{Config, Level};
    use crate::rules::tests::{check, check_md, check_with};
    use crate::syntax::SourceKind;

    fn fixed(text: &str) -> String {
        let mut config = Config::default();
        for r in crate::rules::all() {
            if r.code != REPEATED_WORD.code {
                config.rules.insert(r.name, Level::Off);
            }
        }
        let a = crate::analyze(text, SourceKind::PlainText, &config);
        let (out, _) = crate::apply_fixes(text, a.diagnostics.iter().filter_map(|d| d.fix.as_deref()));
        let again = crate::analyze(&out, SourceKind::PlainText, &config);
        assert!(again.diagnostics.is_empty(), "{out}: {:?}", again.diagnostics);
        out
    }

    #[test]
    fn candidates_are_every_six_byte_repeat() {
        // Against the definition, on texts of every length around the block sizes.
        let unit = "推进建设推进建设abc建设建设发展，推进推进示范区示范区\n　　　　㐀㐀㐀㐀、、、、";
        for len in 0..400 {
            let text: String = unit.chars().cycle().take(len).collect();
            let b = text.as_bytes();
            let mut fast = Vec::new();
            candidates(b, &mut fast);
            // Also the baseline compilation, where `candidates` takes the AVX2 one.
            let mut portable = Vec::new();
            candidates_portable(b, &mut portable);
            assert_eq!(portable, fast, "{len}");
            let slow: Vec<usize> = text
                .char_indices()
                .filter(|&(_, c)| ('\u{3400}'..='\u{9FFF}').contains(&c))
                .map(|(t, _)| t)
                .filter(|&t| [6, 9, 12].into_iter().any(|d| t + d + 6 <= b.len() && b[t..t + 6] == b[t + d..t + d + 6]))
                .collect();
            assert_eq!(fast, slow, "{len}");
        }
    }

    #[test]
    fn both_compilations_of_candidates_agree() {
        // Pseudo-random texts of a few characters, which repeat at every distance.
        let alphabet = ["建", "设", "推", "进", "㐀", "a", "\n", "，", "发"];
        let mut seed = 1u32;
        for len in 0..600 {
            let text: String = (0..len)
                .map(|_| {
                    seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                    alphabet[(seed >> 16) as usize % alphabet.len()]
                })
                .collect();
            let (mut fast, mut portable) = (Vec::new(), Vec::new());
            candidates(text.as_bytes(), &mut fast);
            candidates_portable(text.as_bytes(), &mut portable);
            assert_eq!(fast, portable, "{text}");
        }
    }

    #[test]
    fn doubled_words() {
        check(
            &REPEATED_WORD,
            "加快推进推进重大项目建设建设，打造示范区示范区。\n实施乡村振兴乡村振兴战略，发展发展发展。\n",
            expect![[r#"
                1:3 PL502 [推进推进] “推进”连写了两遍 (fix: safe: 删除重复的“推进” @1:5 "")
                1:11 PL502 [建设建设] “建设”连写了两遍 (fix: safe: 删除重复的“建设” @1:13 "")
                1:18 PL502 [示范区示范区] “示范区”连写了两遍 (fix: safe: 删除重复的“示范区” @1:21 "")
                2:3 PL502 [乡村振兴乡村振兴] “乡村振兴”连写了两遍 (fix: safe: 删除重复的“乡村振兴” @2:7 "")
                2:14 PL502 [发展发展发展] “发展”连写了3遍 (fix: safe: 删除重复的“发展” @2:16 "")
            "#]],
        );
        assert_eq!(
            fixed("加快推进推进重大项目建设建设，打造示范区示范区。\n实施乡村振兴乡村振兴战略，发展发展发展。\n"),
            "加快推进重大项目建设，打造示范区。\n实施乡村振兴战略，发展。\n"
        );
    }

    #[test]
    fn across_a_wrap() {
        let text = "全面加强基础设施建设\n建设高水平创新平台，推进 推进数字政府。\n";
        check(
            &REPEATED_WORD,
            text,
            expect![[r#"
                1:9 PL502 [建设
                建设] “建设”连写了两遍 (fix: unsafe: 删除重复的“建设” @2:1 "")
                2:11 PL502 [推进 推进] “推进”连写了两遍 (fix: unsafe: 删除重复的“推进” @2:14 "")
            "#]],
        );
        assert_eq!(fixed(text), "全面加强基础设施建设\n高水平创新平台，推进 数字政府。\n");
    }

    #[test]
    fn across_gaps_of_every_kind() {
        // Three- and four-character words, a word with a character outside
        // the basic block (𠀀), and near misses; a full-width space separates
        // fields, not a wrapped line.
        check(
            &REPEATED_WORD,
            "打造示范区\n示范区，实施乡村振兴 乡村振兴战略，推进　推进改革，𠀀村 𠀀村建设。\n加快建设\n建成项目，建设 建成。\n",
            expect![[r#"
                1:3 PL502 [示范区
                示范区] “示范区”连写了两遍 (fix: unsafe: 删除重复的“示范区” @2:1 "")
                2:7 PL502 [乡村振兴 乡村振兴] “乡村振兴”连写了两遍 (fix: unsafe: 删除重复的“乡村振兴” @2:12 "")
                2:27 PL502 [𠀀村 𠀀村] “𠀀村”连写了两遍 (fix: unsafe: 删除重复的“𠀀村” @2:30 "")
            "#]],
        );
        // A Windows line break.
        assert_eq!(fixed("加快推进\r\n推进改革。\r\n"), "加快推进\r\n改革。\r\n");
    }

    #[test]
    fn reduplication_and_look_alikes() {
        check(
            &REPEATED_WORD,
            "这件事要好好研究研究，大家商量商量、考虑考虑。\n讲得清清楚楚，一步一步推进，一批一批建设，哈哈哈哈，某某某某局，哗啦哗啦。\n建设，建设，再建设；编号1111，XXXX年，二十二十，2020年。\n",
            expect![[""]],
        );
    }

    #[test]
    fn layout_is_not_a_repeat() {
        // A blank line, a tab, a heading, cells on lines of their own, fields and labels.
        check(
            &REPEATED_WORD,
            "关于本文\n\n本文标题：某方案\n牵头单位\t牵头单位\n（一）加强组织领导\n领导小组定期调度。\n市科技局\n市科技局\n责任单位：市科技局 市科技局\n公开方式：主动公开 公开时限：长期\n",
            expect![[""]],
        );
    }

    #[test]
    fn markdown_traditional_and_english() {
        check_md(
            &REPEATED_WORD,
            "## 一、建設建設\n\n推進**推進**工作，`建设建设`。\n",
            expect![[r#"
            1:6 PL502 [建設建設] “建設”连写了两遍 (fix: safe: 删除重复的“建設” @1:8 "")
        "#]],
        );
        let config = Config { lang: crate::Lang::En, ..Default::default() };
        check_with(
            &REPEATED_WORD,
            SourceKind::PlainText,
            &config,
            "推进推进工作。\n",
            expect![[r#"
            1:1 PL502 [推进推进] “推进” is written twice (fix: safe: Delete the repeated “推进” @1:3 "")
        "#]],
        );
    }
}
