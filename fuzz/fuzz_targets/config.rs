//! `planlint.toml` parsing, and the core under whatever configuration parses.
//! The input is the file's text up to the first NUL byte (TOML never holds
//! one); after it, a draft to analyse with that configuration (a fixture of
//! the test suite when the input has no NUL). An error must point inside the
//! file; a configuration must not make analysis or fixing panic or loop.
#![no_main]

#[path = "common/checks.rs"]
mod checks;

use planlint::{Config, SourceKind};

/// A draft with a bit of everything configuration changes: roles, unit
/// names, placeholders, confusions, half-width marks, numbering.
const DRAFT: &str = include_str!("../../tests/fixtures/drafts/implementation_plan.txt");

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let (toml, draft) = match data.iter().position(|&b| b == 0) {
        Some(i) => (&data[..i], String::from_utf8_lossy(&data[i + 1..])),
        None => (data, DRAFT.into()),
    };
    let toml = String::from_utf8_lossy(toml);
    match Config::from_toml(&toml) {
        Ok(config) => {
            checks::analysis(&draft, SourceKind::PlainText, &config);
            checks::fixes(&draft, SourceKind::PlainText, &config);
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
});
