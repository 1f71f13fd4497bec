//! The VS Code extension's own checks (TypeScript compile, eslint, unit tests
//! of its server lookup, plan detection, settings and contributions), run from
//! `cargo test` so that one command tests everything. Needs Node.js and npm:
//! without them the test prints a note and passes, except in CI (`CI=true`).
//! The end-to-end run in real VS Code is `npm run e2e` (editors/vscode/README.md).

use std::path::Path;
use std::process::Command;

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

#[test]
fn vscode_extension_compiles_lints_and_passes_its_tests() {
    let have_npm = Command::new("npm").arg("--version").output().is_ok_and(|o| o.status.success());
    if !have_npm {
        assert!(std::env::var("CI").as_deref() != Ok("true"), "npm is missing but CI=true: .ci/run installs it");
        eprintln!("note: npm not found; skipping the VS Code extension's tests");
        return;
    }
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("editors/vscode");
    if !dir.join("node_modules/.package-lock.json").is_file() {
        npm(&dir, &["ci", "--no-audit", "--no-fund", "--loglevel=error"]);
    }
    npm(&dir, &["run", "lint"]);
    npm(&dir, &["test"]);
}
