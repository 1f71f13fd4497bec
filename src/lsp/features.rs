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
        message: d.message.to_string(),
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

/// The kind of the action that applies every safe fix (`editor.codeActionsOnSave`
/// in VS Code, `vim.lsp.buf.code_action({context = {only = …}})`).
pub const FIX_ALL: &str = "source.fixAll.planlint";

/// Whether a request restricted to `only` kinds wants actions of `kind`
/// (kinds are hierarchical: `source` covers `source.fixAll.planlint`).
fn wanted(only: Option<&[CodeActionKind]>, kind: &str) -> bool {
    only.is_none_or(|only| {
        only.iter().any(|k| {
            let k = k.as_str();
            kind == k || kind.strip_prefix(k).is_some_and(|rest| rest.starts_with('.'))
        })
    })
}

/// The edits that turn `old` into `new`, in `old`'s positions: one per
/// changed run of lines, so the editor keeps its marks and cursor elsewhere.
pub fn diff_edits(old: &str, new: &str, enc: Enc) -> Vec<TextEdit> {
    let index = LineIndex::new(old);
    crate::diff::LineDiff::new(old, new)
        .edits()
        .into_iter()
        .map(|(r, new_text)| TextEdit {
            range: text::range(&index, old, planlint::TextRange::new(r.start, r.end), enc),
            new_text,
        })
        .collect()
}

/// Every safe fix of the snapshot applied, as edits of its text (empty when there is nothing to fix).
pub fn fix_all_edits(snap: &Snapshot) -> Vec<TextEdit> {
    let fixed = planlint::fix_all(&snap.text, snap.kind, &snap.config, planlint::FixMode::Safe);
    if !fixed.changed() {
        return Vec::new();
    }
    diff_edits(&snap.text, &fixed.text, snap.enc)
}

/// Quick fixes for the findings in `range`, "disable RULE on this line", and
/// the action that applies every safe fix, as far as `only` asks for them.
pub fn code_actions(
    snap: &Snapshot,
    uri: &Uri,
    range: Range,
    only: Option<&[CodeActionKind]>,
) -> Vec<CodeActionOrCommand> {
    // One analysis serves both: the fix-all action (whose fixing re-analyses) is only
    // worked out when the draft has a safe fix, and clients ask for actions on every
    // cursor move.
    let analysis = planlint::analyze(&snap.text, snap.kind, &snap.config);
    let mut actions = Vec::new();
    let has_safe_fix = || {
        analysis
            .diagnostics
            .iter()
            .any(|d| d.fix.as_ref().is_some_and(|f| f.applicability == planlint::Applicability::Safe))
    };
    if wanted(only, FIX_ALL) && has_safe_fix() {
        let edits = fix_all_edits(snap);
        if !edits.is_empty() {
            actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: snap
                    .config
                    .lang
                    .pick("planlint：修复全部可安全修复的问题", "planlint: fix all safely fixable problems")
                    .to_string(),
                kind: Some(CodeActionKind::new(FIX_ALL)),
                edit: Some(versioned_edit(uri, snap.version, edits)),
                ..Default::default()
            }));
        }
    }
    if !wanted(only, CodeActionKind::QUICKFIX.as_str()) {
        return actions;
    }
    let index = LineIndex::new(&snap.text);
    let lang = snap.config.lang;
    let line_sep = if snap.text.contains("\r\n") { "\r\n" } else { "\n" };
    let versioned = |edits: Vec<TextEdit>| versioned_edit(uri, snap.version, edits);
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
                    new_text: e.replacement.to_string(),
                })
                .collect();
            actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: fix.title.to_string(),
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

/// A workspace edit of one document version: a client rejects it if the document changed since.
pub(crate) fn versioned_edit(uri: &Uri, version: i32, edits: Vec<TextEdit>) -> WorkspaceEdit {
    WorkspaceEdit {
        document_changes: Some(DocumentChanges::Edits(vec![TextDocumentEdit {
            text_document: OptionalVersionedTextDocumentIdentifier { uri: uri.clone(), version: Some(version) },
            edits: edits.into_iter().map(OneOf::Left).collect(),
        }])),
        ..Default::default()
    }
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

/// `planlint/report`: the responsibility report of the snapshot as the
/// self-contained HTML page `planlint report --format html` prints, in the
/// configured language. `name` is how the page names the draft.
pub fn report_html(snap: &Snapshot, name: &str) -> String {
    let analysis = planlint::analyze(&snap.text, snap.kind, &snap.config);
    let report = planlint::report::Report::build(&analysis, &snap.config, name);
    planlint::report::to_html(&[report], snap.config.lang)
}

/// The name a report gives a document: its file name, else the URI's last segment.
pub fn report_name(uri: &Uri) -> String {
    if let Some(name) = uri.to_file_path().and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned())) {
        return name;
    }
    let s = uri.as_str();
    s.rsplit('/').find(|seg| !seg.is_empty()).unwrap_or(s).to_string()
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;

    /// Applies LSP edits (ranges in `old`'s positions) the way a client does.
    fn apply(old: &str, edits: &[TextEdit], enc: Enc) -> String {
        let index = LineIndex::new(old);
        let mut spans: Vec<(usize, usize, &str)> = edits
            .iter()
            .map(|e| {
                let a = text::offset_in(&index, old, e.range.start, enc);
                let b = text::offset_in(&index, old, e.range.end, enc);
                (a, b, e.new_text.as_str())
            })
            .collect();
        spans.sort();
        let mut out = String::new();
        let mut at = 0;
        for (a, b, t) in spans {
            assert!(a >= at, "edits overlap: {edits:?}");
            out.push_str(&old[at..a]);
            out.push_str(t);
            at = b;
        }
        out + &old[at..]
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(500))]

        /// Applying the edits to the old text gives the new one, in either encoding.
        #[test]
        fn diff_edits_turn_old_into_new(
            old in proptest::collection::vec(proptest::sample::select(vec!["一、", "牵头", "𠀀", "\n", "\r\n", "a", "1.", ""]), 0..30),
            new in proptest::collection::vec(proptest::sample::select(vec!["一、", "牵头", "𠀀", "\n", "\r\n", "b", "1、", ""]), 0..30),
            utf8 in proptest::bool::ANY,
        ) {
            let (old, new) = (old.concat(), new.concat());
            let enc = if utf8 { Enc::Utf8 } else { Enc::Utf16 };
            proptest::prop_assert_eq!(apply(&old, &diff_edits(&old, &new, enc), enc), new);
        }
    }

    #[test]
    fn only_filters_by_kind_prefix() {
        let k = |s: &'static str| vec![CodeActionKind::new(s)];
        assert!(wanted(None, FIX_ALL) && wanted(None, "quickfix"));
        assert!(wanted(Some(&k("source")), FIX_ALL) && wanted(Some(&k("source.fixAll")), FIX_ALL));
        assert!(!wanted(Some(&k("source.fix")), FIX_ALL) && !wanted(Some(&k("quickfix")), FIX_ALL));
        assert!(!wanted(Some(&k("source.fixAll")), "quickfix"));
    }

    #[test]
    fn fix_all_action_applies_the_safe_fixes_only() {
        let s = snap("一、主要任务\n1、建设平台。\n3、培育企业。\n");
        let uri: Uri = "file:///d.txt".parse().unwrap();
        let only = [CodeActionKind::new(FIX_ALL)];
        let actions = code_actions(&s, &uri, Range::default(), Some(&only));
        assert_eq!(actions.len(), 1, "only the fix-all action: {actions:?}");
        let CodeActionOrCommand::CodeAction(a) = &actions[0] else { panic!("not an action") };
        assert_eq!(a.kind.as_ref().map(|k| k.as_str()), Some(FIX_ALL));
        let Some(DocumentChanges::Edits(docs)) = &a.edit.as_ref().unwrap().document_changes else { panic!() };
        let edits: Vec<TextEdit> = docs[0]
            .edits
            .iter()
            .map(|e| match e {
                OneOf::Left(e) => e.clone(),
                OneOf::Right(e) => e.text_edit.clone(),
            })
            .collect();
        // `1、` takes its standard form; the gap `3、` is left (renumbering is unsafe).
        assert_eq!(apply(&s.text, &edits, s.enc), "一、主要任务\n1.建设平台。\n3、培育企业。\n");
        assert_eq!(edits, fix_all_edits(&s), "formatting gives the same edits");
        // Nothing left to fix: no action.
        let fixed = snap("一、主要任务\n1.建设平台。\n");
        assert!(code_actions(&fixed, &uri, Range::default(), Some(&only)).is_empty());
    }

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
        let actions = code_actions(&s, &uri, here, None);
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
        let quickfix = [CodeActionKind::QUICKFIX];
        let titles: Vec<String> = code_actions(&s, &uri, here, Some(&quickfix))
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
