//! The core on arbitrary bytes: every rule's ranges and fix edits checked,
//! `--fix` run to a fixed point in both modes (`common/checks.rs`, `analyze_target`).
#![no_main]

#[path = "common/checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::analyze_target(data));
