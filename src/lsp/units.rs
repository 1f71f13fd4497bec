//! Unit-aware features in LSP terms: renaming a unit (`textDocument/prepareRename`,
//! `textDocument/rename`) and the inferred lead as an inlay hint
//! (`textDocument/inlayHint`). The core works out the byte ranges
//! (`planlint::ide::rename`, `planlint::ide::hints`); this converts positions
//! in the negotiated encoding and builds the replies.

use tower_lsp::jsonrpc;
use tower_lsp::ls_types::*;

use planlint::ide::{hints, rename};
use planlint::{LineIndex, TextRange};

use super::Snapshot;
use super::text;

/// LSP's `RequestFailed`: the request was valid but cannot be carried out here.
const REQUEST_FAILED: i64 = -32803;

fn failed(e: &rename::RenameError, snap: &Snapshot) -> jsonrpc::Error {
    jsonrpc::Error {
        code: jsonrpc::ErrorCode::ServerError(REQUEST_FAILED),
        message: e.message(snap.config.lang).into(),
        data: None,
    }
}

/// The unit under the cursor and its name, or an error saying there is none.
pub fn prepare_rename(snap: &Snapshot, pos: Position) -> jsonrpc::Result<PrepareRenameResponse> {
    let doc = planlint::syntax::parse(&snap.text, snap.kind, &snap.config.vocabulary());
    let index = LineIndex::new(&snap.text);
    let offset = text::offset_in(&index, &snap.text, pos, snap.enc);
    let target = rename::prepare(&doc, offset).map_err(|e| failed(&e, snap))?;
    Ok(PrepareRenameResponse::RangeWithPlaceholder {
        range: text::range(&index, &snap.text, target.range, snap.enc),
        placeholder: target.name,
    })
}

/// Every occurrence of the unit under the cursor replaced with `new_name`, as
/// an edit of this version of the document.
pub fn rename(snap: &Snapshot, uri: &Uri, pos: Position, new_name: &str) -> jsonrpc::Result<WorkspaceEdit> {
    let doc = planlint::syntax::parse(&snap.text, snap.kind, &snap.config.vocabulary());
    let index = LineIndex::new(&snap.text);
    let offset = text::offset_in(&index, &snap.text, pos, snap.enc);
    let found = rename::rename(&doc, offset, new_name).map_err(|e| failed(&e, snap))?;
    let edits = found
        .ranges
        .iter()
        .map(|&r| TextEdit { range: text::range(&index, &snap.text, r, snap.enc), new_text: found.new_name.clone() })
        .collect();
    Ok(super::features::versioned_edit(uri, snap.version, edits))
}

/// The lead-unit hints in `range`.
pub fn inlay_hints(snap: &Snapshot, range: Range) -> Vec<InlayHint> {
    let doc = planlint::syntax::parse(&snap.text, snap.kind, &snap.config.vocabulary());
    let index = LineIndex::new(&snap.text);
    let a = text::offset_in(&index, &snap.text, range.start, snap.enc);
    let b = text::offset_in(&index, &snap.text, range.end, snap.enc);
    hints::lead_hints(&doc, snap.config.lang, TextRange::new(a.min(b), a.max(b)))
        .into_iter()
        .map(|h| InlayHint {
            position: text::position(&index, &snap.text, h.offset, snap.enc),
            label: InlayHintLabel::String(h.label),
            kind: None,
            text_edits: None,
            tooltip: Some(InlayHintTooltip::String(h.tooltip)),
            padding_left: Some(true),
            padding_right: None,
            data: None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::lsp::text::Enc;

    fn snap(text: &str, enc: Enc) -> Snapshot {
        Snapshot {
            text: text.to_string(),
            version: 3,
            kind: planlint::SourceKind::PlainText,
            enc,
            config: Arc::new(planlint::Config::default()),
        }
    }

    #[test]
    fn rename_ranges_in_both_encodings() {
        // 𠀀 is two UTF-16 units and four UTF-8 bytes.
        let text = "1.𠀀培育企业。（牵头单位：市科技局）\n2.建设平台。由市科技局牵头推进。\n";
        let uri: Uri = "file:///tmp/plan.txt".parse().unwrap();
        for (enc, col) in [(Enc::Utf16, 15), (Enc::Utf8, 39)] {
            let s = snap(text, enc);
            let at = Position { line: 0, character: col };
            let want =
                Range { start: at, end: Position { line: 0, character: col + if enc == Enc::Utf8 { 12 } else { 4 } } };
            assert_eq!(
                prepare_rename(&s, at).unwrap(),
                PrepareRenameResponse::RangeWithPlaceholder { range: want, placeholder: "市科技局".into() }
            );
            let edit = rename(&s, &uri, at, "市科学技术局").unwrap();
            let Some(DocumentChanges::Edits(docs)) = edit.document_changes else { panic!("no edits") };
            assert_eq!(docs[0].text_document.version, Some(3));
            let ranges: Vec<Range> = docs[0]
                .edits
                .iter()
                .map(|e| match e {
                    OneOf::Left(e) => e.range,
                    OneOf::Right(e) => e.text_edit.range,
                })
                .collect();
            let second = Position { line: 1, character: if enc == Enc::Utf8 { 20 } else { 8 } };
            let second_end = Position { line: 1, character: second.character + (want.end.character - col) };
            assert_eq!(ranges, [want, Range { start: second, end: second_end }], "{enc:?}");
        }
        let err = prepare_rename(&snap(text, Enc::Utf16), Position { line: 0, character: 4 }).unwrap_err();
        assert_eq!(err.code, jsonrpc::ErrorCode::ServerError(-32803));
        assert!(err.message.starts_with("这里没有可重命名的单位"), "{}", err.message);
    }
}
