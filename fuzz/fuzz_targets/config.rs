//! `planlint.toml` parsing, and the core under whatever configuration parses
//! (`common/checks.rs`, `config_target`: the input is the file, then NUL and a draft).
#![no_main]

#[path = "common/checks.rs"]
mod checks;

/// The draft analysed when the input names none: a fixture with tasks, clauses,
/// targets and placeholders, for roles, aliases and levels to act on.
const DRAFT: &str = include_str!("../../tests/fixtures/drafts/implementation_plan.txt");

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::config_target(data, DRAFT));
