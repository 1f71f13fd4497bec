//! Diagnostics, code actions, outline, folding and hover: the core's results
//! in LSP terms. Each function takes a snapshot and is pure.

use std::collections::HashMap;

use tower_lsp::ls_types::*;

use planlint::syntax::{Document, role};
use planlint::{Config, LineIndex, Severity, SourceKind};

use super::Snapshot;
use super::text::{self, Enc};

fn severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
        Severity::Hint => DiagnosticSeverity::HINT,
    }
}

pub fn diagnostics(text: &str, kind: SourceKind, config: &Config, enc: Enc) -> Vec<Diagnostic> {
    let analysis = planlint::analyze(text, kind, config);
    let index = LineIndex::new(text);
    analysis
        .diagnostics
        .iter()
        .map(|d| Diagnostic {
            range: text::range(&index, text, d.range, enc),
            severity: Some(severity(d.severity)),
            code: Some(NumberOrString::String(d.rule.code.to_string())),
            source: Some("planlint".into()),
            message: d.message.clone(),
            data: Some(serde_json::json!({ "rule": d.rule.name })),
            ..Default::default()
        })
        .collect()
}

fn overlaps(a: &Range, b: &Range) -> bool {
    (a.start.line, a.start.character) <= (b.end.line, b.end.character)
        && (b.start.line, b.start.character) <= (a.end.line, a.end.character)
}

/// Quick fixes for the findings in `range`, and "disable RULE on this line".
pub fn code_actions(snap: &Snapshot, uri: &Uri, range: Range) -> Vec<CodeActionOrCommand> {
    let analysis = planlint::analyze(&snap.text, snap.kind, &snap.config);
    let index = LineIndex::new(&snap.text);
    let lang = snap.config.lang;
    let line_sep = if snap.text.contains("\r\n") { "\r\n" } else { "\n" };
    let versioned = |edits: Vec<TextEdit>| WorkspaceEdit {
        document_changes: Some(DocumentChanges::Edits(vec![TextDocumentEdit {
            text_document: OptionalVersionedTextDocumentIdentifier { uri: uri.clone(), version: Some(snap.version) },
            edits: edits.into_iter().map(OneOf::Left).collect(),
        }])),
        ..Default::default()
    };
    let mut actions = Vec::new();
    let mut disabled: Vec<(u32, &str)> = Vec::new();
    for d in &analysis.diagnostics {
        let d_range = text::range(&index, &snap.text, d.range, snap.enc);
        if !overlaps(&d_range, &range) {
            continue;
        }
        let lsp_diag = Diagnostic {
            range: d_range,
            severity: Some(severity(d.severity)),
            code: Some(NumberOrString::String(d.rule.code.to_string())),
            source: Some("planlint".into()),
            message: d.message.clone(),
            ..Default::default()
        };
        if let Some(fix) = &d.fix {
            let edits = fix
                .edits
                .iter()
                .map(|e| TextEdit {
                    range: text::range(&index, &snap.text, e.range, snap.enc),
                    new_text: e.replacement.clone(),
                })
                .collect();
            actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: fix.title.clone(),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![lsp_diag.clone()]),
                edit: Some(versioned(edits)),
                is_preferred: Some(fix.applicability == planlint::Applicability::Safe),
                ..Default::default()
            }));
        }
        let line = d_range.start.line;
        if disabled.contains(&(line, d.rule.name)) {
            continue;
        }
        disabled.push((line, d.rule.name));
        let at = Position { line, character: 0 };
        actions.push(CodeActionOrCommand::CodeAction(CodeAction {
            title: match lang {
                planlint::Lang::Zh => format!("本行不检查 {}（{}）", d.rule.name, d.rule.code),
                planlint::Lang::En => format!("Disable {} ({}) for this line", d.rule.name, d.rule.code),
            },
            kind: Some(CodeActionKind::QUICKFIX),
            diagnostics: Some(vec![lsp_diag]),
            edit: Some(versioned(vec![TextEdit {
                range: Range { start: at, end: at },
                new_text: format!("<!-- planlint-disable-next-line {} -->{line_sep}", d.rule.name),
            }])),
            ..Default::default()
        }));
    }
    actions
}

/// The outline as nested symbols: 一、 > （一） > 1. > （1）.
#[allow(deprecated)] // `DocumentSymbol::deprecated` must still be written
pub fn symbols(snap: &Snapshot) -> Vec<DocumentSymbol> {
    let doc = planlint::syntax::parse(&snap.text, snap.kind, &snap.config);
    let index = LineIndex::new(&snap.text);
    let mut children: HashMap<Option<u32>, Vec<usize>> = HashMap::new();
    for (i, h) in doc.headings.iter().enumerate() {
        children.entry(h.parent).or_default().push(i);
    }
    fn build(
        doc: &Document<'_>,
        index: &LineIndex,
        enc: Enc,
        children: &HashMap<Option<u32>, Vec<usize>>,
        parent: Option<u32>,
    ) -> Vec<DocumentSymbol> {
        let Some(kids) = children.get(&parent) else { return Vec::new() };
        kids.iter()
            .map(|&i| {
                let h = &doc.headings[i];
                let marker = doc.slice(h.marker).trim();
                let title = doc.slice(h.title).trim();
                let section = h.section();
                let selection = planlint::TextRange::new(h.marker.start(), h.title.end().max(h.marker.end()));
                let kind = if h.role & role::TASKS != 0 && h.level() >= 3 {
                    SymbolKind::EVENT
                } else if h.role & role::TARGETS != 0 {
                    SymbolKind::CONSTANT
                } else {
                    SymbolKind::NAMESPACE
                };
                DocumentSymbol {
                    name: format!("{marker}{title}"),
                    detail: None,
                    kind,
                    tags: None,
                    deprecated: None,
                    range: text::range(index, doc.text, section, enc),
                    selection_range: text::range(index, doc.text, selection, enc),
                    children: Some(build(doc, index, enc, children, Some(i as u32))),
                }
            })
            .collect()
    }
    build(&doc, &index, snap.enc, &children, None)
}

/// One folding range per section that spans more than one line.
pub fn folding(snap: &Snapshot) -> Vec<FoldingRange> {
    let doc = planlint::syntax::parse(&snap.text, snap.kind, &snap.config);
    let index = LineIndex::new(&snap.text);
    doc.headings
        .iter()
        .filter_map(|h| {
            let start = index.line_of(h.marker.start()) as u32;
            let mut end = h.section().end();
            // Do not fold the blank lines before the next section.
            while end > h.marker.end() && snap.text[..end].ends_with(['\n', '\r', ' ', '\t', '\u{3000}']) {
                end -= 1;
            }
            let end = index.line_of(end) as u32;
            (end > start).then_some(FoldingRange {
                start_line: start,
                end_line: end,
                kind: Some(FoldingRangeKind::Region),
                ..Default::default()
            })
        })
        .collect()
}

/// Hover on a task's number: its lead and responsible units.
pub fn hover(snap: &Snapshot, pos: Position) -> Option<Hover> {
    let doc = planlint::syntax::parse(&snap.text, snap.kind, &snap.config);
    let index = LineIndex::new(&snap.text);
    let offset = text::offset_in(&index, &snap.text, pos, snap.enc);
    let task = doc.tasks.iter().find(|t| t.marker.start() <= offset && offset <= t.title.end().max(t.marker.end()))?;
    let names = |units: &[planlint::syntax::Unit]| {
        if units.is_empty() {
            "—".to_string()
        } else {
            units.iter().map(|u| u.name.as_str()).collect::<Vec<_>>().join("、")
        }
    };
    let zh = snap.config.lang == planlint::Lang::Zh;
    let value = format!(
        "**{}{}**\n\n{}{}\n\n{}{}",
        doc.slice(task.marker).trim(),
        doc.slice(task.title).trim(),
        if zh { "牵头单位：" } else { "Lead: " },
        names(&task.leads),
        if zh { "责任单位：" } else { "Responsible: " },
        names(&task.others),
    );
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent { kind: MarkupKind::Markdown, value }),
        range: Some(text::range(&index, &snap.text, task.marker, snap.enc)),
    })
}
