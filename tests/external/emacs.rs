//! Real Emacs + Eglot as the client: `emacs --batch` (Debian's Emacs 28.2 with
//! `elpa-eglot` 1.9 in CI) starts `planlint lsp` through Eglot, driven by the
//! workplace harness `../shared/tools/lsp-clients/emacs-eglot-check.sh`, on a
//! copy of `examples/draft.txt`. Also loads the shipped `editors/emacs/planlint.el`
//! the way a user would (own small driver): it starts the server on a `.txt`
//! draft, and settings from `.dir-locals.el` reach the server.
//!
//! Expected diagnostics are given by the text each one covers; their columns
//! are computed from the draft, and the whole set must also equal what
//! `planlint check --format json` reports for the same file.
//!
//! They need Emacs with Eglot (and those driven by the harness `../shared`):
//! without them they show as ignored, except in CI (`CI=true`), where
//! `.ci/run` installs Debian's `emacs-nox` and `elpa-eglot` and their absence
//! is a failure.

use std::path::Path;
use std::process::Command;

use serde_json::Value;
use unicode_width::UnicodeWidthStr;

use crate::needs::Test;
use crate::support::{
    ERROR, EXAMPLE_FINDINGS, FIX_LINE, Harness, INFO, WARNING, assert_lead_unit_quick_fix, json_lines, num,
};

pub fn tests() -> Vec<Test> {
    [
        crate::tests![Emacs Shared:
            emacs_eglot_receives_the_expected_diagnostics,
            emacs_eglot_is_offered_the_lead_unit_quick_fix,
        ],
        crate::tests![Emacs:
            emacs_eglot_workspace_configuration_reaches_the_server,
            emacs_config_snippet_starts_planlint_on_a_txt_draft,
        ],
    ]
    .concat()
}

/// (0-based line, code, severity, covered text) of what the draft must produce.
fn expected() -> impl Iterator<Item = (usize, &'static str, u64, &'static str)> {
    EXAMPLE_FINDINGS.iter().map(|&(line, _, _, code, severity, covered)| (line as usize, code, severity, covered))
}

/// A diagnostic as compared here: (line, UTF-16 start, UTF-16 end, code, severity).
type Diag = (u64, u64, u64, String, u64);

fn emacs_eglot_receives_the_expected_diagnostics() {
    let emacs = emacs();
    let lines: Vec<&str> = emacs.text.lines().collect();

    let mut want: Vec<Diag> = expected()
        .map(|(line, code, severity, covered)| {
            let text = lines[line];
            assert_eq!(text.matches(covered).count(), 1, "{covered:?} must occur once on line {line}: {text}");
            let start = text.find(covered).unwrap();
            let (s, e) = (utf16_len(&text[..start]), utf16_len(&text[..start + covered.len()]));
            (line as u64, s, e, code.to_string(), severity)
        })
        .collect();
    want.sort();
    assert_eq!(cli_findings(&emacs.draft, &lines), want, "`planlint check --format json` disagrees with EXPECTED");

    let run = emacs.run(&[]);
    let mut got: Vec<Diag> = run
        .out
        .iter()
        .map(|d| {
            assert_eq!(d["end_line"], d["line"], "a planlint diagnostic spans one line: {d}");
            assert_eq!(d["source"], "planlint", "source: {d}");
            assert!(d["message"].as_str().is_some_and(|m| !m.is_empty()), "message: {d}");
            let code = d["code"].as_str().unwrap_or("").to_string();
            (num(d, "line"), num(d, "col"), num(d, "end_col"), code, num(d, "severity"))
        })
        .collect();
    got.sort();
    assert_eq!(got, want, "diagnostics Eglot received (line, UTF-16 col, end col, code, severity)\n{}", run.context());

    // What flymake (the Emacs UI) holds: same lines, the start at the right
    // display column (CJK characters are two columns wide), the right type.
    let mut shown: Vec<(u64, u64, String, String)> = run
        .events("flymake_diagnostic")
        .map(|f| {
            let text = f["text"].as_str().unwrap_or_default().to_string();
            (num(f, "line0"), num(f, "char_col"), f["type"].as_str().unwrap_or_default().to_string(), text)
        })
        .collect();
    shown.sort();
    let mut expected: Vec<(u64, u64, &str, &str)> = expected()
        .map(|(line, code, severity, covered)| {
            let text = lines[line];
            let column = text[..text.find(covered).unwrap()].width() as u64;
            let kind = match severity {
                ERROR => "eglot-error",
                WARNING => "eglot-warning",
                _ => "eglot-note",
            };
            (line as u64, column, kind, code)
        })
        .collect();
    expected.sort();
    assert_eq!(shown.len(), expected.len(), "flymake diagnostics\n{}", run.context());
    for ((line, column, kind, text), (want_line, want_column, want_kind, code)) in shown.iter().zip(&expected) {
        assert_eq!(
            (line, column, kind.as_str()),
            (want_line, want_column, *want_kind),
            "flymake diagnostic {text:?} (line, display column, type)\n{}",
            run.context()
        );
        assert!(text.contains(code), "flymake text {text:?} does not name {code}");
    }
}

fn emacs_eglot_is_offered_the_lead_unit_quick_fix() {
    let emacs = emacs();
    let run = emacs.run(&["--code-action", &format!("{FIX_LINE}:0")]);
    assert_lead_unit_quick_fix(&run);
}

/// Settings the way editors/emacs/README.md documents them: `eglot-workspace-configuration`
/// in `.dir-locals.el`, which Eglot sends as `workspace/didChangeConfiguration`.
/// Every publish is recorded, not only the last one: see the note below.
fn emacs_eglot_workspace_configuration_reaches_the_server() {
    let emacs = emacs_alone();
    std::fs::write(
        emacs.dir.path().join(".dir-locals.el"),
        r#"((nil . ((eglot-workspace-configuration . (:planlint (:lang "en" :rules (:PL301 "off")))))))"#,
    )
    .unwrap();
    // The same as the CLI in English, less PL301.
    let output = Command::new(env!("CARGO_BIN_EXE_planlint"))
        .args(["check", "--lang", "en", "--format", "json"])
        .arg(&emacs.draft)
        .output()
        .expect("planlint runs");
    let findings: Vec<Value> = serde_json::from_slice(&output.stdout).expect("planlint check --format json");
    let mut want: Vec<(u64, String, String)> = findings
        .iter()
        .filter(|f| f["code"] != "PL301")
        .map(|f| {
            (num(f, "line") - 1, f["code"].as_str().unwrap_or("").into(), f["message"].as_str().unwrap_or("").into())
        })
        .collect();
    want.sort();
    assert_eq!(want.len(), EXAMPLE_FINDINGS.len() - 2, "the draft has two PL301 findings");

    let run = emacs.run_snippet();
    let publishes: Vec<Vec<(u64, String, String)>> = run
        .events
        .iter()
        .filter(|e| e["event"] == "publish")
        .map(|e| {
            let mut set: Vec<(u64, String, String)> = e["diagnostics"]
                .as_array()
                .unwrap_or_else(|| panic!("publish without diagnostics: {e}"))
                .iter()
                .map(|d| {
                    (
                        num(d, "line"),
                        d["code"].as_str().unwrap_or("").into(),
                        d["message"].as_str().unwrap_or("").into(),
                    )
                })
                .collect();
            set.sort();
            set
        })
        .collect();
    assert!(
        publishes.contains(&want),
        "no publish with lang=en and PL301 off (line, code, message): want {want:#?}\n{}",
        run.context
    );
    // The last publish carries the new configuration: results of the analysis
    // started under the old one are recognised as stale and dropped.
    assert_eq!(publishes.last(), Some(&want), "the last publish is stale\n{}", run.context);
}

/// `editors/emacs/planlint.el` as a user loads it: opening a `.txt` draft
/// starts planlint through `eglot-ensure`, and flymake shows its findings.
fn emacs_config_snippet_starts_planlint_on_a_txt_draft() {
    let emacs = emacs_alone();
    let run = emacs.run_snippet();
    let (events, context) = (&run.events, &run.context);
    let server = events.iter().find(|e| e["event"] == "server").unwrap_or_else(|| panic!("no server event\n{context}"));
    assert_eq!(server["managed"], true, "Eglot does not manage the draft\n{context}");
    assert_eq!(server["name"], "planlint", "{context}");
    assert_eq!(server["language_id"], "plaintext", "{context}");
    let mut shown: Vec<(u64, String)> = events
        .iter()
        .filter(|e| e["event"] == "flymake")
        .map(|e| (num(e, "line0"), e["text"].as_str().unwrap_or_default().to_string()))
        .collect();
    shown.sort();
    let lines: Vec<u64> = shown.iter().map(|(l, _)| *l).collect();
    let mut want: Vec<u64> = EXAMPLE_FINDINGS.iter().map(|&(l, ..)| l).collect();
    want.sort();
    assert_eq!(lines, want, "lines flymake marks\n{context}");
    for ((_, text), (_, code, ..)) in shown.iter().zip(expected()) {
        assert!(text.contains("planlint") && text.contains(code), "{text:?} should name planlint and {code}");
    }
}

/// Loads the snippet, visits DRAFT, lets `eglot-ensure` connect (it waits for
/// the command loop, which batch mode does not run), records every
/// publishDiagnostics, waits for quiet, then writes what Eglot and flymake
/// hold to OUT as JSON lines.
const SNIPPET_DRIVER: &str = r#";;; -*- lexical-binding: t -*-
(require 'json)
(defun drv-emit (obj)
  (let ((coding-system-for-write 'utf-8-unix))
    (write-region (concat (json-encode obj) "\n") nil (getenv "OUT") t 'silent)))
(load (getenv "PLANLINT_EL") nil t)
(find-file (getenv "DRAFT"))
(defvar drv-publishes 0)
(advice-add 'eglot-handle-notification :before
            (lambda (_server method &rest params)
              (when (eq method 'textDocument/publishDiagnostics)
                (setq drv-publishes (1+ drv-publishes))
                (drv-emit
                 (list :event "publish"
                       :diagnostics
                       (vconcat (mapcar (lambda (d)
                                          (list :line (plist-get (plist-get (plist-get d :range) :start) :line)
                                                :code (plist-get d :code)
                                                :message (plist-get d :message)))
                                        (plist-get params :diagnostics))))))))
(run-hooks 'post-command-hook)
(let ((deadline (+ (float-time) 15)))
  (while (and (< (float-time) deadline)
              (not (and (bound-and-true-p eglot--managed-mode) (flymake-diagnostics))))
    (accept-process-output nil 0.05)))
;; then until no publish has come for 500 ms
(let ((n -1) (deadline (+ (float-time) 10)))
  (while (and (/= n drv-publishes) (< (float-time) deadline))
    (setq n drv-publishes)
    (let ((quiet (+ (float-time) 0.5)))
      (while (< (float-time) quiet) (accept-process-output nil 0.05)))))
(let ((server (eglot-current-server)))
  (drv-emit (list :event "server"
                  :mode (symbol-name major-mode)
                  :managed (if (bound-and-true-p eglot--managed-mode) t :json-false)
                  :name (and server (plist-get (eglot--server-info server) :name))
                  :language_id (and server (ignore-errors (eglot--language-id server)))))
  (dolist (d (flymake-diagnostics))
    (drv-emit (list :event "flymake"
                    :line0 (1- (line-number-at-pos (flymake-diagnostic-beg d)))
                    :type (format "%s" (flymake-diagnostic-type d))
                    :text (flymake-diagnostic-text d))))
  (when server (ignore-errors (let ((eglot-autoshutdown t)) (eglot-shutdown server nil 3)))))
(kill-emacs 0)
"#;

/// Emacs + Eglot driven by `emacs-eglot-check.sh`.
type Emacs = Harness;

fn emacs() -> Emacs {
    Harness::setup("emacs-eglot-check.sh")
}

/// A work directory with the draft, for the tests that load `planlint.el` with their own driver.
fn emacs_alone() -> Emacs {
    Harness::without_script()
}

/// One run of [`SNIPPET_DRIVER`]: its JSON lines and what to show on failure.
struct SnippetRun {
    events: Vec<Value>,
    context: String,
}

impl Emacs {
    /// Runs Emacs (`-q`: Debian's site-start puts elpa-eglot on the load path,
    /// as for a user) with `editors/emacs/planlint.el` on the draft, `planlint`
    /// first on `PATH`; panics unless it exits 0.
    fn run_snippet(&self) -> SnippetRun {
        let driver = self.dir.path().join("driver.el");
        std::fs::write(&driver, SNIPPET_DRIVER).unwrap();
        let out = self.dir.path().join("snippet.jsonl");
        let bin_dir = Path::new(env!("CARGO_BIN_EXE_planlint")).parent().unwrap().to_path_buf();
        let old_path = std::env::var_os("PATH").unwrap_or_default();
        let path = std::env::join_paths(std::iter::once(bin_dir).chain(std::env::split_paths(&old_path))).unwrap();
        let home = self.dir.path().join("home");
        std::fs::create_dir_all(&home).unwrap();
        let output = Command::new("timeout")
            .args(["-k", "5", "60", "emacs", "--batch", "-q", "-l"])
            .arg(&driver)
            .env("PATH", path)
            .env("HOME", &home)
            .env("PLANLINT_EL", Path::new(env!("CARGO_MANIFEST_DIR")).join("editors/emacs/planlint.el"))
            .env("DRAFT", &self.draft)
            .env("OUT", &out)
            .stdin(std::process::Stdio::null())
            .output()
            .expect("emacs runs");
        let text = std::fs::read_to_string(&out).unwrap_or_default();
        let context = format!("--- events:\n{text}--- stderr:\n{}", String::from_utf8_lossy(&output.stderr));
        assert!(output.status.success(), "emacs failed ({})\n{context}", output.status);
        SnippetRun { events: json_lines(&text), context }
    }
}

/// The CLI's findings for `draft` as [`Diag`]s (its columns are 1-based characters).
fn cli_findings(draft: &Path, lines: &[&str]) -> Vec<Diag> {
    let output = Command::new(env!("CARGO_BIN_EXE_planlint"))
        .args(["check", "--format", "json"])
        .arg(draft)
        .output()
        .expect("planlint runs");
    let findings: Vec<Value> = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("planlint check --format json: {e}\n{}", String::from_utf8_lossy(&output.stdout)));
    let utf16_col = |line: u64, chars: u64| -> u64 {
        let text = lines[line as usize];
        text.chars().take(chars as usize).map(char::len_utf16).sum::<usize>() as u64
    };
    let mut out: Vec<Diag> = findings
        .iter()
        .map(|f| {
            let line = num(f, "line") - 1;
            assert_eq!(num(f, "end_line") - 1, line, "{f}");
            let severity = match f["severity"].as_str() {
                Some("error") => ERROR,
                Some("warning") => WARNING,
                Some("info") => INFO,
                other => panic!("severity {other:?} in {f}"),
            };
            let code = f["code"].as_str().unwrap_or("").to_string();
            (line, utf16_col(line, num(f, "column") - 1), utf16_col(line, num(f, "end_column") - 1), code, severity)
        })
        .collect();
    out.sort();
    out
}

fn utf16_len(s: &str) -> u64 {
    s.encode_utf16().count() as u64
}
