//! What the core promises about any text (ARCHITECTURE.md, Invariants), as
//! assertions: analysis never panics, every range and every fix edit lies on
//! char boundaries inside the text, and fixing ends in a fixed point. Also
//! the whole of the targets `analyze` and `config`, so that the test suite
//! (`tests/it/fuzz.rs`) runs what they found exactly as they ran it.

use planlint::{Config, FixMode, Lang, SourceKind};

/// The target `analyze`: the input decoded as UTF-8 (lossily: invalid
/// sequences become U+FFFD, valid UTF-8 is analysed as it is), analysed as
/// plain text with Chinese messages and as Markdown with English ones; `--fix`
/// in safe and unsafe mode, as plain text or (inputs of odd length) Markdown:
/// fixing costs several analyses, so each input pays for one kind.
#[allow(dead_code)]
pub fn analyze_target(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let zh = Config::default();
    let en = Config { lang: Lang::En, ..Config::default() };
    analysis(&text, SourceKind::PlainText, &zh);
    analysis(&text, SourceKind::Markdown, &en);
    let kind = if data.len().is_multiple_of(2) { SourceKind::PlainText } else { SourceKind::Markdown };
    fixes(&text, kind, &zh);
}

/// The target `config`: the input is a `planlint.toml` up to its first NUL
/// byte (TOML never holds one) and, after it, a draft to analyse with that
/// configuration (`default_draft` when the input has no NUL). An error must
/// point inside the file; a configuration must not make analysis or fixing
/// panic or loop.
#[allow(dead_code)]
pub fn config_target(data: &[u8], default_draft: &str) {
    let (toml, draft) = match data.iter().position(|&b| b == 0) {
        Some(i) => (&data[..i], String::from_utf8_lossy(&data[i + 1..])),
        None => (data, default_draft.into()),
    };
    let toml = String::from_utf8_lossy(toml);
    match Config::from_toml(&toml) {
        Ok(config) => {
            analysis(&draft, SourceKind::PlainText, &config);
            fixes(&draft, SourceKind::PlainText, &config);
        }
        Err(e) => {
            let lines = toml.split('\n').count();
            assert!(e.line >= 1 && e.line <= lines, "error line {} of {lines}: {e}", e.line);
            let line = toml.split('\n').nth(e.line - 1).unwrap_or_default();
            assert!(e.column >= 1 && e.column <= line.chars().count() + 1, "error column {}: {e}", e.column);
            assert!(!e.message.is_empty());
            let _ = e.to_string();
        }
    }
}

/// Analyses `text` and checks every range the analysis returns. Also the
/// outline dump and completions at the end and in the middle (the server's features).
pub fn analysis(text: &str, kind: SourceKind, config: &Config) {
    let a = planlint::analyze(text, kind, config);
    assert_eq!(a.document.prose.len(), text.len(), "the prose view keeps byte offsets");
    for d in &a.diagnostics {
        let r = d.range.as_range();
        assert!(r.start <= r.end && r.end <= text.len(), "{} at {r:?} outside the text", d.rule.name);
        assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end), "{} at {r:?}", d.rule.name);
        if let Some(fix) = &d.fix {
            assert!(!fix.edits.is_empty(), "{}: a fix without edits", d.rule.name);
            for e in &fix.edits {
                let r = e.range.as_range();
                assert!(r.start <= r.end && r.end <= text.len(), "{}: edit {r:?} outside the text", d.rule.name);
                assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end), "{}: edit {r:?}", d.rule.name);
            }
            assert!(
                fix.edits.windows(2).all(|w| w[0].range.end() <= w[1].range.start()),
                "{}: a fix's edits overlap or are out of order: {:?}",
                d.rule.name,
                fix.edits
            );
        }
    }
    for t in &a.document.tasks {
        assert!(t.range.end() <= text.len() && t.insert_at as usize <= text.len());
    }
    let _ = a.document.dump();
    let mid = planlint::text::floor_char_boundary(text, text.len() / 2);
    for at in [mid, text.len()] {
        for c in planlint::ide::completion::complete(&a.document, config, at) {
            let r = c.replace.as_range();
            assert!(r.start <= r.end && r.end <= at && text.is_char_boundary(r.start), "completion {r:?} at {at}");
        }
    }
}

/// `--fix` (both modes): the fixed text is analysed again without panic, and
/// fixing it again changes nothing (the loop converged to a fixed point).
pub fn fixes(text: &str, kind: SourceKind, config: &Config) {
    for mode in [FixMode::Safe, FixMode::Unsafe] {
        let once = planlint::fix_all(text, kind, config, mode);
        if !once.changed() {
            assert_eq!(once.text, text, "nothing fixed, yet the text changed");
            assert!(once.converged);
            continue;
        }
        assert!(once.converged, "{mode:?} fixes did not converge: {text:?} → {:?}", once.text);
        for d in &once.remaining {
            let r = d.range.as_range();
            assert!(
                r.end <= once.text.len() && once.text.is_char_boundary(r.start) && once.text.is_char_boundary(r.end)
            );
        }
        let twice = planlint::fix_all(&once.text, kind, config, mode);
        assert!(
            !twice.changed() && twice.text == once.text,
            "{mode:?} fixing is not idempotent: {text:?} → {:?} → {:?} ({:?})",
            once.text,
            twice.text,
            twice.fixed.iter().map(|(r, n)| (r.name, n)).collect::<Vec<_>>()
        );
    }
}
