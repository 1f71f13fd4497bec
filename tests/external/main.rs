//! The integration tests that need something outside this repository: real
//! editors (Neovim, Emacs + Eglot, the VS Code extension's npm toolchain),
//! pre-commit, other people's validators (SARIF Multitool, `jsonschema`,
//! `patch`), and `../shared` (the seed drafts, the dev corpus, the corpus
//! generator, the editor harnesses). Everything that needs nothing of the kind
//! is in `tests/it`.
//!
//! A libtest-mimic binary (`harness = false`), so that a test decides at run
//! time: when what it needs is missing it shows as *ignored* with the reason,
//! and with `CI=true` it fails instead (`needs.rs`). To add a test: write a
//! plain `fn name()` that panics on failure and prints nothing (output is not
//! captured here), and list it in its module's `tests()` under what it needs,
//! `crate::tests![Nvim Shared: name]`. A function left unlisted is dead code,
//! which `cargo clippy -D warnings` refuses; the test attribute does nothing
//! here (`tests/it/tidy.rs` refuses it).

#[path = "../it/config_cases.rs"]
mod config_cases;
/// The `.docx` writer of the `.docx` tests.
#[path = "../it/docx_writer.rs"]
#[allow(dead_code)]
mod docx;
mod emacs;
mod gen_corpus;
mod needs;
mod nvim;
mod precommit;
mod report;
mod residue;
mod seeds;
mod support;
mod tools;
mod vscode;

use libtest_mimic::Arguments;

use needs::{Need, Test};

/// Every test of this binary.
fn all() -> Vec<Test> {
    [
        gen_corpus::tests(),
        residue::tests(),
        seeds::tests(),
        tools::tests(),
        nvim::tests(),
        emacs::tests(),
        vscode::tests(),
        precommit::tests(),
        report::tests(),
        tests![: readme_says_what_each_test_needs],
    ]
    .concat()
}

fn main() {
    let (args, filters) = arguments(std::env::args().collect());
    let tests = all().into_iter().filter(|t| filters.is_empty() || filters.iter().any(|f| matches(t, f, args.exact)));
    libtest_mimic::run(&args, needs::trials(&args, tests.collect())).exit();
}

/// The command line, parsed by libtest-mimic, which takes one name filter where
/// the standard harness takes several (`cargo test -- nvim emacs`): with more
/// than one, they are taken out here and returned.
fn arguments(mut argv: Vec<String>) -> (Arguments, Vec<String>) {
    const WITH_VALUE: [&str; 6] = ["--test-threads", "--logfile", "--skip", "--color", "--format", "-Z"];
    let mut positional = Vec::new();
    let mut i = 1;
    while i < argv.len() {
        if WITH_VALUE.contains(&argv[i].as_str()) {
            i += 2;
        } else {
            if !argv[i].starts_with('-') {
                positional.push(i);
            }
            i += 1;
        }
    }
    if positional.len() < 2 {
        return (Arguments::from_iter(argv), Vec::new());
    }
    let filters = positional.iter().map(|&i| argv[i].clone()).collect();
    for &i in positional.iter().rev() {
        argv.remove(i);
    }
    (Arguments::from_iter(argv), filters)
}

fn matches(test: &Test, filter: &str, exact: bool) -> bool {
    let name = test.name.split_once("::").map_or(test.name, |(_, rest)| rest);
    if exact { name == filter } else { name.contains(filter) }
}

const START: &str = "<!-- needs:start -->";
const END: &str = "<!-- needs:end -->";

/// The README's table of what the tests need, from the registrations above:
/// a module's tests as `module::*` when they all need it, else by name.
fn needs_table() -> String {
    let tests = all();
    let short = |t: &Test| t.name.split_once("::").map_or(t.name, |(_, rest)| rest);
    let module = |t: &Test| short(t).split_once("::").map_or("", |(m, _)| m);
    let mut table = String::from("| needs | tests (`cargo test --test external`) | CI installs it with |\n");
    table.push_str("| --- | --- | --- |\n");
    for need in Need::ALL {
        let users: Vec<&Test> = tests.iter().filter(|t| t.needs.contains(&need)).collect();
        let mut modules: Vec<&str> = users.iter().map(|t| module(t)).collect();
        modules.dedup();
        let mut names = Vec::new();
        for m in modules {
            let of_module = tests.iter().filter(|t| module(t) == m).count();
            let using: Vec<&&Test> = users.iter().filter(|t| module(t) == m).collect();
            if using.len() == of_module {
                names.push(format!("`{m}::*` ({of_module})"));
            } else {
                names.extend(using.iter().map(|t| format!("`{}`", short(t))));
            }
        }
        table.push_str(&format!("| {} | {} | {} |\n", need.name(), names.join(", "), need.install()));
    }
    table
}

/// README.md's table between the `needs` markers is [`needs_table`]
/// (rewritten by this test when stale; commit the result).
fn readme_says_what_each_test_needs() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let readme = std::fs::read_to_string(&path).unwrap();
    let (head, rest) = readme.split_once(START).expect("README.md has the needs:start marker");
    let (_, tail) = rest.split_once(END).expect("README.md has the needs:end marker");
    let fresh = format!("{head}{START}\n{}{END}{tail}", needs_table());
    if fresh != readme {
        std::fs::write(&path, &fresh).unwrap();
        panic!("README.md's table of what the tests need was out of date and has been rewritten; commit the change");
    }
}
