//! Helpers shared by the tests of this binary: `../shared`, the seed drafts,
//! and the editor harnesses (`nvim.rs`, `emacs.rs`).

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::needs::Need;

#[path = "../it/support.rs"]
mod common;
pub use common::{Finding, findings};

/// `../shared` (tests that call this need [`Need::Shared`]).
pub fn shared() -> PathBuf {
    PathBuf::from(Need::Shared.found())
}

/// LSP `DiagnosticSeverity` (also what `vim.diagnostic.severity` uses).
pub const ERROR: u64 = 1;
pub const WARNING: u64 = 2;
pub const INFO: u64 = 3;

/// What `examples/draft.txt` must produce in an editor (worked out by hand from
/// the draft, never read back from the server): (0-based line, UTF-16 start column,
/// UTF-16 end column (exclusive), code, severity, the text the range covers).
/// Every character in the draft is in the BMP, so a UTF-16 column is a
/// character count from the start of the line.
pub const EXAMPLE_FINDINGS: &[(u64, u64, u64, &str, u64, &str)] = &[
    // `到2026年底，…前列。`: the whole relative target, without the final `。` (31 chars).
    (5, 0, 31, "PL301", INFO, "到2026年底，全市创新能力稳步提升，主要科技指标保持全省前列"),
    // `——高新技术企业数量突破**家`: `——` 2 + `高新技术企业数量突破` 10 = 12.
    (7, 12, 14, "PL101", ERROR, "**"),
    // `——` 2, then the target up to (not including) the final `。` at 21.
    (9, 2, 21, "PL301", WARNING, "区域创新体系更加完善，创新生态持续优化"),
    // The task heading `2.` + 10 characters.
    (14, 0, 12, "PL201", WARNING, "2.支持企业建设研发机构"),
    // `3.推进实验室体系建设。支持` = 2 + 8 + 1 + 2 + 1 = 14.
    (16, 14, 15, "PL101", ERROR, "X"),
    // `（责任单位：` opens at 37, the unit name runs 43..50, `）` is at 50.
    (21, 43, 50, "PL201", INFO, "各县区人民政府"),
    // `2026年 月 日`: from `年` (4) to the end of the line (9).
    (28, 4, 9, "PL101", ERROR, "年 月 日"),
];

/// Line 14 (`2.支持企业建设研发机构…`) lacks a lead unit; this quick fix must be offered there.
pub const FIX_LINE: u64 = 14;
pub const FIX_TITLE: &str = "插入责任分工";

/// One harness run: its stdout JSON lines and its event log.
pub struct Run {
    pub out: Vec<Value>,
    pub log: Vec<Value>,
    pub stdout: String,
    pub stderr: String,
    pub events: String,
}

impl Run {
    pub fn events<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Value> + 'a {
        self.log.iter().filter(move |e| e["event"] == name)
    }

    pub fn context(&self) -> String {
        format!("--- stdout:\n{}--- events:\n{}--- stderr:\n{}", self.stdout, self.events, self.stderr)
    }
}

pub fn json_lines(text: &str) -> Vec<Value> {
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not a JSON line ({e}): {l}")))
        .collect()
}

pub fn num(v: &Value, key: &str) -> u64 {
    v[key].as_u64().unwrap_or_else(|| panic!("`{key}` is not a number in {v}"))
}

/// The part of `line` between two UTF-16 offsets.
pub fn utf16_slice(line: &str, start: u64, end: u64) -> String {
    let units: Vec<u16> = line.encode_utf16().collect();
    String::from_utf16(&units[start as usize..end as usize]).unwrap()
}

/// `s` as one word for `sh -c` (the harness runs `sh -c "exec SERVER_CMD"`).
pub fn sh_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}

/// The harness's code actions on [`FIX_LINE`] include the clause quick fix, with an edit.
pub fn assert_lead_unit_quick_fix(run: &Run) {
    let fix = run.out.iter().find(|a| a["title"].as_str().is_some_and(|t| t.contains(FIX_TITLE)));
    let Some(fix) = fix else {
        panic!("no code action titled with “{FIX_TITLE}” on line {FIX_LINE}\n{}", run.context());
    };
    assert_eq!(fix["kind"], "quickfix", "{fix}");
    assert_eq!(fix["has_edit"], true, "{fix}");
    assert!(num(fix, "edit_count") >= 1, "{fix}");
}

/// A client harness from `../shared/tools/lsp-clients/` and a copy of
/// `examples/draft.txt` in a temp dir for it to open.
pub struct Harness {
    pub script: PathBuf,
    pub dir: tempfile::TempDir,
    pub draft: PathBuf,
    pub text: String,
}

impl Harness {
    /// A copy of `examples/draft.txt` in a temp dir, and the harness `script`
    /// of `../shared/tools/lsp-clients/` (tests that call this need [`Need::Shared`]).
    pub fn setup(script: &str) -> Harness {
        let script = shared().join("tools/lsp-clients").join(script);
        assert!(script.is_file(), "{} is missing", script.display());
        Harness { script, ..Harness::without_script() }
    }

    /// A copy of `examples/draft.txt` in a temp dir, for tests that drive the editor themselves.
    pub fn without_script() -> Harness {
        let dir = tempfile::tempdir().unwrap();
        let draft = dir.path().join("draft.txt");
        std::fs::copy(Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/draft.txt"), &draft).unwrap();
        let text = std::fs::read_to_string(&draft).unwrap();
        Harness { script: PathBuf::new(), dir, draft, text }
    }

    /// Runs the harness with `args` before `SERVER_CMD FILE`; panics unless it
    /// exits 0 and its summary says ok.
    pub fn run(&self, args: &[&str]) -> Run {
        let name = self.script.file_name().unwrap().to_string_lossy().into_owned();
        let log = self.dir.path().join("events.jsonl");
        let server = format!("{} lsp", sh_quote(env!("CARGO_BIN_EXE_planlint")));
        let output = std::process::Command::new("bash")
            .arg(&self.script)
            .args(args)
            .args(["--timeout", "10", "--log"])
            .arg(&log)
            .arg(&server)
            .arg(&self.draft)
            .stdin(std::process::Stdio::null())
            .output()
            .unwrap_or_else(|e| panic!("{name} runs: {e}"));
        let events = std::fs::read_to_string(&log).unwrap_or_default();
        let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
        let run = Run {
            out: json_lines(&stdout),
            log: json_lines(&events),
            stdout,
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
            events,
        };
        assert!(output.status.success(), "{name} {args:?} failed ({})\n{}", output.status, run.context());
        let summary = run.events("summary").last().cloned().unwrap_or(Value::Null);
        assert_eq!(summary["status"], "ok", "harness summary\n{}", run.context());
        run
    }
}

/// The seed draft whose file name starts with `prefix` (`../shared/corpus/seeds`;
/// tests that call this need [`Need::Shared`]).
pub fn seed(prefix: &str) -> String {
    let dir = shared().join("corpus/seeds");
    let entry = std::fs::read_dir(&dir)
        .expect("read seeds")
        .filter_map(Result::ok)
        .find(|e| e.file_name().to_string_lossy().starts_with(prefix))
        .unwrap_or_else(|| panic!("no seed {prefix}_* in {}", dir.display()));
    std::fs::read_to_string(entry.path()).expect("seed is UTF-8")
}
