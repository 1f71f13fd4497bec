//! The VS Code extension: its own checks (TypeScript compile, eslint, unit
//! tests of its server lookup, plan detection, settings and contributions),
//! and the end-to-end run in real VS Code (code-server in headless Chromium,
//! `editors/vscode/scripts/e2e.sh`: diagnostics, quick fixes, fix-all,
//! formatting, completion, rename, inlay hints, the report webview), run from
//! `cargo test` so that one command tests everything. Without Node.js and npm
//! (and, for the end-to-end run, Chromium and code-server) a test shows as
//! ignored, except in CI (`CI=true`), where it fails.

use std::path::Path;
use std::process::Command;
use std::sync::Mutex;

use crate::needs::Test;

pub fn tests() -> Vec<Test> {
    [
        crate::tests![Npm: vscode_extension_compiles_lints_and_passes_its_tests],
        crate::tests![Npm Chromium CodeServer: vscode_extension_works_in_real_vs_code],
    ]
    .concat()
}

/// Both tests work in `editors/vscode` (`npm ci`, the compiled `out/`, the
/// bundled server): one at a time.
static EXTENSION_DIR: Mutex<()> = Mutex::new(());

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
    let _dir = EXTENSION_DIR.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("editors/vscode");
    if !dir.join("node_modules/.package-lock.json").is_file() {
        npm(&dir, &["ci", "--no-audit", "--no-fund", "--loglevel=error"]);
    }
    npm(&dir, &["run", "lint"]);
    npm(&dir, &["test"]);
}

/// `scripts/e2e.sh`: builds the release server, bundles and packages the
/// extension, installs the `.vsix` into a fresh code-server profile and drives
/// it through headless Chromium (`scripts/e2e.mjs` lists the checks). Its
/// screenshots go to a temporary directory, not over the README's images.
fn vscode_extension_works_in_real_vs_code() {
    let _dir = EXTENSION_DIR.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let ext = Path::new(env!("CARGO_MANIFEST_DIR")).join("editors/vscode");
    let shots = tempfile::tempdir().expect("temporary directory");
    let out = Command::new("bash")
        .arg(ext.join("scripts/e2e.sh"))
        .args(["--timeout", "120"])
        .current_dir(&ext)
        .env("CODE_SERVER", crate::needs::code_server())
        .env("CHROMIUM", crate::needs::chromium())
        .env("LSP_CLIENTS_PREFIX", crate::needs::lsp_clients_prefix())
        // Installed already (the test needs it): never install from here.
        .env("LSP_CLIENTS_SETUP", "/nonexistent")
        .env("E2E_SCREENSHOT", shots.path().join("screenshot.png"))
        .env("E2E_REPORT_SCREENSHOT", shots.path().join("report-webview.png"))
        .output()
        .expect("bash runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    let tail: Vec<&str> = stderr.lines().rev().take(40).collect();
    assert!(
        out.status.success(),
        "scripts/e2e.sh failed ({}); results in editors/vscode/test-results/\n{}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        tail.into_iter().rev().collect::<Vec<_>>().join("\n")
    );
    assert!(shots.path().join("screenshot.png").is_file(), "no screenshot written");
}
