//! The core on arbitrary bytes: decoded as UTF-8 (lossily: invalid sequences
//! become U+FFFD, valid UTF-8 is analysed as it is), analysed as plain text
//! with Chinese messages and as Markdown with English ones, every rule's
//! ranges and fix edits checked, and `--fix` in safe and unsafe mode run to a
//! fixed point (`common/checks.rs`).
#![no_main]

#[path = "common/checks.rs"]
mod checks;

use planlint::{Config, Lang, SourceKind};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let zh = Config::default();
    let en = Config { lang: Lang::En, ..Config::default() };
    checks::analysis(&text, SourceKind::PlainText, &zh);
    checks::analysis(&text, SourceKind::Markdown, &en);
    checks::fixes(&text, SourceKind::PlainText, &zh);
    checks::fixes(&text, SourceKind::Markdown, &zh);
});
