//! Architecture invariants, checked on every `cargo test` (after rust-analyzer's tidy tests).

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().filter_map(Result::ok) {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn sources() -> Vec<(String, String)> {
    let mut files = Vec::new();
    rust_files(&root().join("src"), &mut files);
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let rel = p.strip_prefix(root()).unwrap().to_string_lossy().replace('\\', "/");
            (rel, std::fs::read_to_string(&p).unwrap())
        })
        .collect()
}

fn is_shell(rel: &str) -> bool {
    rel.starts_with("src/cli/") || rel.starts_with("src/lsp/") || rel == "src/main.rs"
}

#[test]
fn every_module_starts_with_a_doc_comment() {
    for (rel, text) in sources() {
        assert!(text.starts_with("//!"), "{rel} must start with a `//!` module doc comment");
    }
}

#[test]
fn the_core_does_no_io_and_is_not_async() {
    const FORBIDDEN: [&str; 10] = [
        "std::fs",
        "std::io",
        "std::env",
        "tokio",
        "tower_lsp",
        "ropey",
        "async fn",
        "println!",
        "eprintln!",
        "std::process",
    ];
    for (rel, text) in sources() {
        if is_shell(&rel) {
            continue;
        }
        for word in FORBIDDEN {
            // The `.docx` reader hands `zip` a slice through `std::io::Cursor` and reads
            // entries through `std::io::Read`: in-memory IO traits, no file, no stream.
            if word == "std::io" && rel.starts_with("src/docx/") {
                continue;
            }
            assert!(
                !text.contains(word),
                "{rel} mentions `{word}`: the core must stay pure (only src/cli and src/lsp do IO)"
            );
        }
    }
}

#[test]
fn every_rule_file_is_registered_and_codes_are_unique_and_sorted() {
    let registry = std::fs::read_to_string(root().join("src/rules/mod.rs")).unwrap();
    for (rel, _) in sources() {
        let Some(name) = rel.strip_prefix("src/rules/") else { continue };
        let module = name.trim_end_matches(".rs");
        if ["mod", "tests"].contains(&module) {
            continue;
        }
        assert!(
            registry.contains(&format!("{module}::check")),
            "src/rules/{name} is not registered in rules::REGISTRY"
        );
        assert!(registry.contains(&format!("mod {module};")), "src/rules/{name} is not declared in rules/mod.rs");
    }
    let rules: Vec<_> = planlint::rules::all().collect();
    for pair in rules.windows(2) {
        assert!(
            pair[0].code < pair[1].code,
            "rule codes must be unique and sorted: {} then {}",
            pair[0].code,
            pair[1].code
        );
    }
    for r in &rules {
        let file = root().join(format!("src/rules/{}.rs", r.name.replace('-', "_")));
        assert!(file.exists(), "rule `{}` must live in {}", r.name, file.display());
        assert!(r.code.starts_with("PL") && r.code.len() == 5, "bad code {}", r.code);
    }
}

#[test]
fn every_rule_is_documented() {
    for r in planlint::rules::all() {
        let docs = r.docs_text();
        for heading in ["## What it does", "## Why is this bad?", "## Example"] {
            assert!(docs.contains(heading), "rule `{}` docs lack `{heading}`", r.name);
        }
    }
}

#[test]
fn no_ignored_or_should_panic_tests() {
    let mut files = Vec::new();
    rust_files(&root().join("src"), &mut files);
    rust_files(&root().join("tests"), &mut files);
    let ignore = ["#[", "ignore]"].concat();
    let should_panic = ["#[", "should_panic"].concat();
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        assert!(
            !text.contains(&ignore) && !text.contains(&should_panic),
            "{}: no ignored or should_panic tests",
            f.display()
        );
    }
}

fn test_files(dir: &str) -> Vec<(String, String)> {
    let mut files = Vec::new();
    rust_files(&root().join(dir), &mut files);
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let rel = p.strip_prefix(root()).unwrap().to_string_lossy().replace('\\', "/");
            (rel, std::fs::read_to_string(&p).unwrap())
        })
        .collect()
}

/// A test in `tests/it` runs everywhere: it starts no program but planlint and
/// reads nothing outside the repository. One that needs a tool or `../shared`
/// belongs in `tests/external`, where it shows as *ignored* when that is
/// missing; here it could only return early and count as passed.
#[test]
fn tests_in_it_need_nothing_from_outside() {
    for (rel, text) in test_files("tests/it") {
        if rel == "tests/it/tidy.rs" {
            continue;
        }
        for (at, _) in text.match_indices("Command::new(") {
            let program = &text[at + "Command::new(".len()..];
            // `sh` is POSIX, there wherever the tests run (it caps planlint's memory with ulimit).
            assert!(
                program.starts_with("env!(\"CARGO_BIN_EXE_planlint\")") || program.starts_with("\"sh\")"),
                "{rel} starts `{}`: tests that run other programs go to tests/external (see its main.rs)",
                program.split(')').next().unwrap_or_default()
            );
        }
        for word in ["../shared", "PLANLINT_SHARED", "var(\"CI\")", "shared_dir", "skipping"] {
            assert!(
                !text.contains(word),
                "{rel} mentions `{word}`: a test that needs ../shared or decides by CI=true goes to tests/external"
            );
        }
    }
}

/// `tests/external` has its own harness (libtest-mimic): the test attribute
/// compiles to nothing there (a test must be listed in its module's `tests()`),
/// and output is not captured, so tests print nothing.
#[test]
fn external_tests_are_registered_and_quiet() {
    let attribute = ["#[", "test]"].concat();
    for (rel, text) in test_files("tests/external") {
        assert!(!text.contains(&attribute), "{rel}: `{attribute}` never runs here; list the test in `tests()`");
        for word in ["println!", "eprintln!", "dbg!"] {
            assert!(!text.contains(word), "{rel} uses `{word}`: put what a failure needs into its panic message");
        }
    }
}

/// Where `text`, Rust source, names the rules module: a path through it
/// (`crate::rules`, `rules::find`) or a `use` that imports it (`use crate::{config, rules};`,
/// also over several lines).
fn names_the_rules_module(text: &str) -> Option<String> {
    for needle in ["crate::rules", "rules::"] {
        if text.contains(needle) {
            return Some(format!("`{needle}`"));
        }
    }
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let t = line.trim_start();
        let t = t.strip_prefix("pub").map_or(t, |r| r.trim_start_matches(|c: char| c != ' ').trim_start());
        if t.starts_with("use ") {
            let statement = &text[offset..];
            let statement = &statement[..statement.find(';').unwrap_or(statement.len())];
            if statement.split(|c: char| !(c.is_alphanumeric() || c == '_')).any(|word| word == "rules") {
                return Some(format!("`{}`", statement.split_whitespace().collect::<Vec<_>>().join(" ")));
            }
        }
        offset += line.len();
    }
    None
}

#[test]
fn the_parser_does_not_know_the_rules() {
    for bad in [
        "use crate::rules::find;",
        "//! Doc.\n\nuse crate::{config::Config,\n    rules,\n};",
        "    pub(crate) use crate::{rules};",
        "let r = rules::all();",
    ] {
        assert!(names_the_rules_module(bad).is_some(), "the check misses {bad:?}");
    }
    assert_eq!(names_the_rules_module("//! Because rules read the prose view;\nuse crate::text;"), None);
    for (rel, text) in sources() {
        if !(rel.starts_with("src/syntax/") || rel.starts_with("src/text/")) {
            continue;
        }
        if let Some(found) = names_the_rules_module(&text) {
            panic!(
                "{rel} names the rules module ({found}): the parser sits below the rules; it records \
                 what it reads (e.g. suppression directives with their rule names as written) and the \
                 rules layer resolves it"
            );
        }
    }
}

#[test]
fn rules_do_not_import_each_other() {
    let sources = sources();
    let modules: Vec<String> = sources
        .iter()
        .filter_map(|(rel, _)| rel.strip_prefix("src/rules/"))
        .map(|name| name.trim_end_matches(".rs").to_string())
        .filter(|m| !["mod", "tests"].contains(&m.as_str()))
        .collect();
    for (rel, text) in &sources {
        let Some(name) = rel.strip_prefix("src/rules/") else { continue };
        let this = name.trim_end_matches(".rs");
        for other in modules.iter().filter(|m| *m != this && this != "mod") {
            for path in [format!("rules::{other}"), format!("super::{other}"), format!("rules::{{{other}")] {
                assert!(
                    !text.contains(&path),
                    "{rel} uses `{path}`: a rule must not import another rule; move shared detection to src/syntax"
                );
            }
        }
    }
}
