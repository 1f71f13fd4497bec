//! Properties: any text yields an analysis; every range lies inside the text
//! on char boundaries; the prose view keeps byte offsets; completions at any
//! offset are ranked and replace only text before the cursor; renames and
//! inlay hints stay on char boundaries.

use planlint::{Config, SourceKind};
use proptest::prelude::*;

/// Strings built from the characters that drive the parser and the rules.
fn drafty() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "一、",
        "（一）",
        "(二)",
        "1.",
        "2、",
        "（1）",
        "①",
        "一是",
        "二要",
        "第三，",
        "⒈",
        "㈠",
        "〔",
        "〕",
        "[",
        "]",
        "【",
        "】",
        "牵头落实",
        "按职责分工负责",
        "达到",
        "到2025年，",
        "重點任務",
        "目標",
        "(xiāng)",
        "——",
        "牵头单位：",
        "责任单位:",
        "牽頭單位：",
        "（",
        "）",
        "(",
        ")",
        "；",
        "，",
        "。",
        "、",
        "：",
        "*",
        "**",
        "＊",
        "X",
        "xx",
        "×",
        "××",
        "某某",
        "○○",
        "〇",
        "□",
        "____",
        "【",
        "】",
        " ",
        "\u{3000}",
        "\t",
        "\n",
        "\r\n",
        "\r",
        "市科技局",
        "各区人民政府",
        "主要任务",
        "工作目标",
        "保障措施",
        "达到",
        "增长",
        "力争",
        "到2025年，",
        "家",
        "个",
        "%",
        "12",
        "二〇二三年",
        "𠮷",
        "👍",
        "<!--",
        "-->",
        "planlint-disable-next-line",
        "# ",
        "- ",
        "```",
        "---",
        "|",
        "｜",
        "\u{0}",
        "é",
        "\u{feff}",
    ]);
    prop::collection::vec(pieces, 0..60).prop_map(|v| v.concat())
}

fn check(text: &str) {
    for kind in [SourceKind::PlainText, SourceKind::Markdown] {
        let a = planlint::analyze(text, kind, &Config::default());
        assert_eq!(a.document.prose.len(), text.len());
        for d in &a.diagnostics {
            let r = d.range.as_range();
            assert!(r.start <= r.end && r.end <= text.len(), "{r:?} in {text:?}");
            assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end), "{r:?} in {text:?}");
            if let Some(fix) = &d.fix {
                for e in &fix.edits {
                    assert!(text.is_char_boundary(e.range.start()) && text.is_char_boundary(e.range.end()));
                }
            }
        }
        for t in &a.document.tasks {
            assert!(t.range.end() <= text.len() && t.insert_at as usize <= text.len());
        }
        let _ = a.document.dump();
        // Completions at every char boundary (and one past the end).
        for at in (0..=text.len() + 1).filter(|&i| i > text.len() || text.is_char_boundary(i)) {
            let items = planlint::ide::completion::complete(&a.document, &Config::default(), at);
            for (rank, c) in items.iter().enumerate() {
                let r = c.replace.as_range();
                assert_eq!(c.rank as usize, rank);
                assert!(r.start <= r.end && r.end <= at.min(text.len()), "{r:?} at {at} in {text:?}");
                assert!(text.is_char_boundary(r.start), "{r:?} in {text:?}");
            }
            // Rename: the unit's own range among its occurrences, all on char
            // boundaries, sorted, disjoint, each spelling the same name (folded).
            if let Ok(r) = planlint::ide::rename::rename(&a.document, at, "新名") {
                assert!(r.ranges.contains(&r.target.range), "at {at} in {text:?}");
                assert!(r.ranges.windows(2).all(|w| w[0].end() <= w[1].start()), "{:?} in {text:?}", r.ranges);
                let fold = |r: planlint::TextRange| planlint::text::fold::fold(&text[r.as_range()]).into_owned();
                for &range in &r.ranges {
                    assert!(text.is_char_boundary(range.start()) && text.is_char_boundary(range.end()));
                    assert_eq!(fold(range), fold(r.target.range), "{range:?} in {text:?}");
                }
            }
        }
        let all = planlint::TextRange::new(0, text.len());
        for h in planlint::ide::hints::lead_hints(&a.document, planlint::Lang::En, all) {
            assert!(h.offset <= text.len() && text.is_char_boundary(h.offset), "{h:?} in {text:?}");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn drafty_text_never_panics(text in drafty()) {
        check(&text);
    }

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,200}") {
        check(&text);
    }
}
