//! Diagnostics, code actions, outline, folding and hover: the core's results
//! in LSP terms. Each function takes a snapshot and is pure.

use tower_lsp::ls_types::*;

use planlint::syntax::Document;
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

fn to_lsp(d: &planlint::Diagnostic, index: &LineIndex, text: &str, enc: Enc) -> Diagnostic {
    Diagnostic {
        range: text::range(index, text, d.range, enc),
        severity: Some(severity(d.severity)),
        code: Some(NumberOrString::String(d.rule.code.to_string())),
        source: Some("planlint".into()),
        message: d.message.clone(),
        data: Some(serde_json::json!({ "rule": d.rule.name })),
        ..Default::default()
    }
}

pub fn diagnostics(text: &str, kind: SourceKind, config: &Config, enc: Enc) -> Vec<Diagnostic> {
    let analysis = planlint::analyze(text, kind, config);
    let index = LineIndex::new(text);
    analysis.diagnostics.iter().map(|d| to_lsp(d, &index, text, enc)).collect()
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
        let lsp_diag = to_lsp(d, &index, &snap.text, snap.enc);
        let d_range = lsp_diag.range;
        if !overlaps(&d_range, &range) {
            continue;
        }
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
        // A finding inside a suppression directive is about the directive
        // (`unknown-rule`): a directive on the line above would not cover it.
        let in_directive = analysis.document.suppressions.iter().any(|s| s.directive.contains(d.range.start()));
        let line = d_range.start.line;
        if in_directive || disabled.contains(&(line, d.rule.name)) {
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
    let doc = planlint::syntax::parse(&snap.text, snap.kind, &snap.config.vocabulary());
    let index = LineIndex::new(&snap.text);
    fn build(
        doc: &Document<'_>,
        index: &LineIndex,
        enc: Enc,
        kids: &mut dyn Iterator<Item = usize>,
    ) -> Vec<DocumentSymbol> {
        kids.map(|i| {
            let h = &doc.headings[i];
            let marker = doc.slice(h.marker).trim();
            let title = doc.slice(h.title).trim();
            let section = h.section();
            let selection = planlint::TextRange::new(h.marker.start(), h.title.end().max(h.marker.end()));
            let is_task = doc.tasks.binary_search_by_key(&h.marker.start, |t| t.range.start).is_ok();
            let kind = if is_task {
                SymbolKind::EVENT
            } else if h.role.is_some_and(planlint::syntax::Role::has_targets) {
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
                children: Some(build(doc, index, enc, &mut doc.headings.children(i))),
            }
        })
        .collect()
    }
    build(&doc, &index, snap.enc, &mut doc.headings.roots())
}

/// One folding range per section that spans more than one line.
pub fn folding(snap: &Snapshot) -> Vec<FoldingRange> {
    let doc = planlint::syntax::parse(&snap.text, snap.kind, &snap.config.vocabulary());
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

/// `text` with every ASCII punctuation character backslash-escaped, so
/// that Markdown shows it as written (`**` in a title stays `**`, and cannot
/// end the bold heading it is put in).
fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii_punctuation() {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Hover on a task's number: its lead and responsible units. Elsewhere, on a
/// finding: the documentation of its rule.
pub fn hover(snap: &Snapshot, pos: Position) -> Option<Hover> {
    let analysis = planlint::analyze(&snap.text, snap.kind, &snap.config);
    let doc = &analysis.document;
    let index = LineIndex::new(&snap.text);
    let offset = text::offset_in(&index, &snap.text, pos, snap.enc);
    let Some(task) =
        doc.tasks.iter().find(|t| t.marker.start() <= offset && offset <= t.title.end().max(t.marker.end()))
    else {
        let d = analysis.diagnostics.iter().find(|d| d.range.start() <= offset && offset <= d.range.end())?;
        let value = format!(
            "**{} `{}`** — {}\n\n{}",
            d.rule.code,
            d.rule.name,
            d.rule.summary(snap.config.lang),
            d.rule.docs_text()
        );
        return Some(Hover {
            contents: HoverContents::Markup(MarkupContent { kind: MarkupKind::Markdown, value }),
            range: Some(text::range(&index, &snap.text, d.range, snap.enc)),
        });
    };
    let names = |units: &[planlint::syntax::Unit]| {
        if units.is_empty() {
            "—".to_string()
        } else {
            escape_markdown(&units.iter().map(|u| u.name.replace('\0', "")).collect::<Vec<_>>().join("、"))
        }
    };
    // The title as read: emphasis delimiters of the draft dropped (the prose
    // view blanks them), everything else shown literally.
    let title = doc.prose[task.title.as_range()].replace('\0', "");
    let zh = snap.config.lang == planlint::Lang::Zh;
    let value = format!(
        "**{}{}**\n\n{}{}\n\n{}{}",
        escape_markdown(doc.slice(task.marker).trim()),
        escape_markdown(title.trim()),
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

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;

    fn snap(text: &str) -> Snapshot {
        Snapshot {
            text: text.to_string(),
            version: 7,
            kind: SourceKind::PlainText,
            enc: Enc::Utf16,
            config: Arc::new(Config::default()),
        }
    }

    #[test]
    fn code_actions_offer_the_clause_fix_and_a_line_suppression() {
        let s = snap("二、重点任务\n1.建设平台。新建3个。（牵头单位：区科技局）\n2.优化服务。办理100项。\n");
        let uri: Uri = "file:///d.txt".parse().unwrap();
        let here = Range { start: Position { line: 2, character: 0 }, end: Position { line: 2, character: 0 } };
        let actions = code_actions(&s, &uri, here);
        let got: Vec<(String, String, Range)> = actions
            .iter()
            .map(|a| {
                let CodeActionOrCommand::CodeAction(a) = a else { panic!("not an action") };
                let Some(DocumentChanges::Edits(edits)) = a.edit.as_ref().unwrap().document_changes.clone() else {
                    panic!("no versioned edits")
                };
                assert_eq!(edits[0].text_document.version, Some(7));
                let OneOf::Left(e) = &edits[0].edits[0] else { panic!("annotated edit") };
                (a.title.clone(), e.new_text.clone(), e.range)
            })
            .collect();
        let at = |line, character| Range { start: Position { line, character }, end: Position { line, character } };
        assert_eq!(
            got,
            [
                (
                    "插入责任分工“（牵头单位：；责任单位：）”".to_string(),
                    "（牵头单位：；责任单位：）".to_string(),
                    at(2, 14)
                ),
                (
                    "本行不检查 missing-lead-unit（PL201）".to_string(),
                    "<!-- planlint-disable-next-line missing-lead-unit -->\n".to_string(),
                    at(2, 0)
                ),
            ]
        );
        // Applying the suppression silences the finding.
        let silenced = "二、重点任务\n1.建设平台。新建3个。（牵头单位：区科技局）\n<!-- planlint-disable-next-line missing-lead-unit -->\n2.优化服务。办理100项。\n";
        assert!(diagnostics(silenced, SourceKind::PlainText, &Config::default(), Enc::Utf16).is_empty());
    }

    #[test]
    fn a_misspelt_directive_gets_its_fix_but_no_suppression() {
        let s = snap("<!-- planlint-disable-next-line plcaeholder -->\n培育**家企业。\n");
        let uri: Uri = "file:///d.txt".parse().unwrap();
        let here = Range { start: Position { line: 0, character: 35 }, end: Position { line: 0, character: 35 } };
        let titles: Vec<String> = code_actions(&s, &uri, here)
            .into_iter()
            .map(|a| {
                let CodeActionOrCommand::CodeAction(a) = a else { panic!("not an action") };
                a.title
            })
            .collect();
        assert_eq!(titles, ["改为“placeholder”"]);
    }

    #[test]
    fn outline_nests_and_folds() {
        let s = snap(
            "一、工作目标\n到2026年，新增10家。\n二、主要任务\n（一）平台\n1.建设平台。新建3个。（牵头单位：区科技局）\n",
        );
        let symbols = symbols(&s);
        let names: Vec<&str> = symbols.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["一、工作目标", "二、主要任务"]);
        let sub = &symbols[1].children.as_ref().unwrap()[0];
        assert_eq!(sub.name, "（一）平台");
        assert_eq!(sub.children.as_ref().unwrap()[0].name, "1.建设平台");
        let folds: Vec<(u32, u32)> = folding(&s).iter().map(|f| (f.start_line, f.end_line)).collect();
        assert_eq!(folds, [(0, 1), (2, 4), (3, 4)]);
        let on_task = hover(&s, Position { line: 4, character: 0 }).unwrap();
        let HoverContents::Markup(m) = on_task.contents else { panic!() };
        assert!(m.value.contains("牵头单位：区科技局"), "{}", m.value);
        // Markdown in a title is shown as written, inside the bold heading.
        let s = snap("二、重点任务\n1.建设**家平台_a*。新建3个。（牵头单位：区科技局）\n");
        let HoverContents::Markup(m) = hover(&s, Position { line: 1, character: 0 }).unwrap().contents else {
            panic!()
        };
        assert!(m.value.starts_with("**1\\.建设\\*\\*家平台\\_a\\***\n"), "{}", m.value);
        // In Markdown, emphasis in a title is markup: dropped.
        let s = Snapshot {
            kind: SourceKind::Markdown,
            ..snap("二、重点任务\n\n1.建设**重点**工程。新建3个。（牵头单位：区科技局）\n")
        };
        let HoverContents::Markup(m) = hover(&s, Position { line: 2, character: 0 }).unwrap().contents else {
            panic!()
        };
        assert!(m.value.starts_with("**1\\.建设重点工程**\n"), "{}", m.value);
        // On a finding: its rule's documentation.
        let s = snap("培育**家企业。\n");
        let HoverContents::Markup(m) = hover(&s, Position { line: 0, character: 2 }).unwrap().contents else {
            panic!()
        };
        assert!(m.value.starts_with("**PL101 `placeholder`**") && m.value.contains("## What it does"), "{}", m.value);
    }
}
