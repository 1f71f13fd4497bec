//! The VS Code extension's own checks (TypeScript compile, eslint, unit tests
//! of its server lookup, plan detection, settings and contributions), run from
//! `cargo test` so that one command tests everything. Needs Node.js and npm:
//! without them the test shows as ignored, except in CI (`CI=true`), where it fails.
//! The end-to-end run in real VS Code is `npm run e2e` (editors/vscode/README.md).

use std::path::Path;
use std::process::Command;

use crate::needs::Test;

pub fn tests() -> Vec<Test> {
    crate::tests![Npm: vscode_extension_compiles_lints_and_passes_its_tests]
}

fn npm(dir: &Path, args: &[&str]) {
    // The extension's tests compare its rule list with this build's `planlint rules`.
    let out = Command::new("npm")
        .args(args)
        .current_dir(dir)
        .env("PLANLINT_BIN", env!("CARGO_BIN_EXE_planlint"))
        .output()
        .expect("npm runs");
    assert!(
        out.status.success(),
        "npm {} failed in {}:\n{}\n{}",
        args.join(" "),
        dir.display(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

fn vscode_extension_compiles_lints_and_passes_its_tests() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("editors/vscode");
    if !dir.join("node_modules/.package-lock.json").is_file() {
        npm(&dir, &["ci", "--no-audit", "--no-fund", "--loglevel=error"]);
    }
    npm(&dir, &["run", "lint"]);
    npm(&dir, &["test"]);
}
