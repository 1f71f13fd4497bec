//! Completions in LSP terms: the core computes and ranks them
//! (`planlint::ide::completion`); this converts the position, the replaced
//! range and the item types.

use tower_lsp::ls_types::*;

use planlint::LineIndex;
use planlint::ide::completion::{self, CompletionKind};

use super::Snapshot;
use super::text;

/// Characters after which the client should ask for completions.
pub const TRIGGERS: [&str; 7] = completion::TRIGGER_CHARS;

fn kind(k: CompletionKind) -> CompletionItemKind {
    match k {
        CompletionKind::Number => CompletionItemKind::ENUM_MEMBER,
        CompletionKind::Section => CompletionItemKind::ENUM_MEMBER,
        CompletionKind::Unit => CompletionItemKind::VALUE,
        CompletionKind::Clause => CompletionItemKind::SNIPPET,
        CompletionKind::Enumeration => CompletionItemKind::TEXT,
    }
}

pub fn complete(snap: &Snapshot, pos: Position) -> Vec<CompletionItem> {
    let doc = planlint::syntax::parse(&snap.text, snap.kind, &snap.config.vocabulary());
    let index = LineIndex::new(&snap.text);
    let cursor = text::offset_in(&index, &snap.text, pos, snap.enc);
    completion::complete(&doc, &snap.config, cursor)
        .into_iter()
        .map(|c| CompletionItem {
            kind: Some(kind(c.kind)),
            detail: Some(c.detail),
            sort_text: Some(format!("{:04}", c.rank)),
            filter_text: Some(c.label.clone()),
            insert_text_format: c.snippet.then_some(InsertTextFormat::SNIPPET),
            text_edit: Some(CompletionTextEdit::Edit(TextEdit {
                range: text::range(&index, &snap.text, c.replace, snap.enc),
                new_text: c.insert,
            })),
            label: c.label,
            ..Default::default()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::lsp::text::Enc;

    fn labels(text: &str, line: u32, character: u32) -> Vec<String> {
        let snap = Snapshot {
            text: text.to_string(),
            version: 1,
            kind: planlint::SourceKind::PlainText,
            enc: Enc::Utf16,
            config: Arc::new(planlint::Config::default()),
        };
        let mut items = complete(&snap, Position { line, character });
        items.sort_by(|a, b| a.sort_text.cmp(&b.sort_text));
        items.into_iter().map(|i| i.label).collect()
    }

    const DRAFT: &str = "一、工作目标\n到2026年，新增企业10家。\n二、主要任务\n（一）强化企业主体\n1.培育企业。新增10家。（牵头单位：市科技局；责任单位：市财政局）\n2.建设平台。新建3个。（牵头单位：市科技局）\n（二）优化生态\n3.深化改革。完成5项。\n\n";

    #[test]
    fn next_numbers_follow_the_draft() {
        // On the empty last line: 4. continues the task numbering across （二）,
        // then （1） one level down, （三） and 三、 as the next siblings.
        let got = labels(DRAFT, 9, 0);
        assert_eq!(&got[..4], ["4.", "（1）", "（三）", "三、"], "{got:?}");
        assert!(got.contains(&"三、保障措施".to_string()), "{got:?}");
        assert!(!got.contains(&"三、主要任务".to_string()));
    }

    #[test]
    fn first_task_of_a_new_subsection_continues_the_numbering() {
        let text = "二、主要任务\n（一）甲\n1.任务一。\n2.任务二。\n（二）乙\n\n";
        assert_eq!(labels(text, 5, 0)[0], "3.");
        // A draft that restarts at 1 in each sub-section gets 1.
        let text = "二、主要任务\n（一）甲\n1.任务一。\n（二）乙\n1.任务二。\n（三）丙\n\n";
        assert_eq!(labels(text, 6, 0)[0], "1.");
    }

    #[test]
    fn units_clause_snippet_and_enumeration() {
        let text = format!("{DRAFT}4.加强协同。（牵头单位：");
        let got = labels(&text, 9, 13);
        assert_eq!(&got[..2], ["市科技局", "市财政局"], "{got:?}");
        let text = format!("{DRAFT}4.加强协同。推进合作。");
        assert_eq!(labels(&text, 9, 12), ["（牵头单位：…；责任单位：…）"]);
        let text = "一是加强领导。";
        assert_eq!(labels(text, 0, 7), ["二是"]);
    }

    #[test]
    fn ranges_are_in_the_negotiated_encoding() {
        // The unit slot after 😀 (two UTF-16 units, four UTF-8 bytes): the edit sits at the cursor.
        let text = "二、主要任务\n1.任务😀。（牵头单位：市科技局）\n2.任务😀。（牵头单位：";
        for (enc, character) in [(Enc::Utf16, 13), (Enc::Utf8, 33)] {
            let snap = Snapshot {
                text: text.to_string(),
                version: 1,
                kind: planlint::SourceKind::PlainText,
                enc,
                config: Arc::new(planlint::Config::default()),
            };
            let at = Position { line: 2, character };
            let items = complete(&snap, at);
            assert_eq!(items.iter().map(|i| i.label.as_str()).collect::<Vec<_>>(), ["市科技局"]);
            let Some(CompletionTextEdit::Edit(edit)) = &items[0].text_edit else { panic!("no edit") };
            assert_eq!(edit.range, Range { start: at, end: at }, "{enc:?}");
        }
    }
}
