//! `planlint report`: snapshots of every format on the fixtures in
//! `tests/fixtures/report/` (a 任务分工方案 with aliases configured, generic
//! leads, tasks without a lead and targets of each class; a 工作要点 that
//! numbers its tasks again in each section, for `--merge`) and exit codes.
//! The HTML in headless Chromium is `tests/external/report.rs`.
//!
//! `UPDATE_EXPECT=1 cargo test --test it report` rewrites the snapshots in
//! `tests/fixtures/report/expected/`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/report")
}

fn planlint(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_planlint"))
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .stdin(Stdio::null())
        .output()
        .expect("planlint runs")
}

/// Runs `planlint report ARGS` in the fixture directory and compares its
/// output byte for byte with `expected/NAME`.
fn snapshot(name: &str, args: &[&str]) {
    let dir = fixtures();
    let mut all = vec!["report"];
    all.extend_from_slice(args);
    let out = planlint(&dir, &all);
    assert_eq!(out.status.code(), Some(0), "planlint {all:?}: {}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stderr.is_empty(), "planlint {all:?} wrote to stderr: {}", String::from_utf8_lossy(&out.stderr));
    let path = dir.join("expected").join(name);
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::write(&path, &out.stdout).unwrap();
        return;
    }
    let expected =
        std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e} (UPDATE_EXPECT=1 writes it)", path.display()));
    if out.stdout != expected {
        let actual = String::from_utf8_lossy(&out.stdout);
        let expected = String::from_utf8_lossy(&expected);
        let first = actual.lines().zip(expected.lines()).position(|(a, e)| a != e);
        panic!(
            "planlint {all:?} differs from {} (UPDATE_EXPECT=1 rewrites it); first differing line {:?}:\n  actual:   {:?}\n  expected: {:?}",
            path.display(),
            first.map(|l| l + 1),
            first.and_then(|l| actual.lines().nth(l)),
            first.and_then(|l| expected.lines().nth(l)),
        );
    }
}

#[test]
fn report_snapshots_markdown() {
    snapshot("division.md", &["division.txt"]);
    snapshot("division.en.md", &["--lang", "en", "division.txt"]);
    snapshot("both.md", &["division.txt", "points.txt"]);
    snapshot("merged.md", &["--merge", "division.txt", "points.txt"]);
}

#[test]
fn report_snapshots_csv() {
    snapshot("division.csv", &["--format", "csv", "division.txt"]);
    snapshot("merged.csv", &["--format", "csv", "--merge", "division.txt", "points.txt"]);
}

#[test]
fn report_snapshots_json() {
    snapshot("division.json", &["--format", "json", "division.txt"]);
    snapshot("both.json", &["--format", "json", "division.txt", "points.txt"]);
    snapshot("merged.json", &["--format", "json", "--merge", "division.txt", "points.txt"]);
}

#[test]
fn report_snapshots_html() {
    snapshot("division.html", &["--format", "html", "division.txt"]);
    snapshot("merged.html", &["--format", "html", "--merge", "division.txt", "points.txt"]);
}

/// Splits RFC 4180 CSV into records of fields.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, _) => field.push(c),
            (false, '"') if field.is_empty() => quoted = true,
            (false, ',') => record.push(std::mem::take(&mut field)),
            (false, '\r') => {
                assert_eq!(chars.next(), Some('\n'), "a record ends with CRLF");
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            (false, '\n') => panic!("a bare LF outside quotes"),
            (false, _) => field.push(c),
        }
    }
    assert!(field.is_empty() && record.is_empty(), "the last record ends with CRLF");
    records
}

#[test]
fn csv_is_one_table_with_a_bom_and_a_table_column() {
    let out = planlint(&fixtures(), &["report", "--format", "csv", "--merge", "division.txt", "points.txt"]);
    let text = String::from_utf8(out.stdout).unwrap();
    let text = text.strip_prefix('\u{feff}').expect("CSV starts with a byte order mark");
    let records = parse_csv(text);
    assert_eq!(records[0][..2], ["文件", "表"]);
    assert!(records.iter().all(|r| r.len() == records[0].len()), "every record has the header's fields");
    let tables: std::collections::BTreeSet<&str> = records[1..].iter().map(|r| r[1].as_str()).collect();
    assert_eq!(tables.into_iter().collect::<Vec<_>>(), ["任务", "单位矩阵", "目标", "部分统计"]);
    // The aliases are merged: 市科技局 (one draft) and 市科学技术局 (both) are one unit with 3 leads.
    let leads: Vec<&Vec<String>> =
        records.iter().filter(|r| r[1] == "单位矩阵" && r[5] == "市科学技术局" && r[6] == "牵头").collect();
    assert_eq!(leads.len(), 3, "{leads:?}");
    assert!(!records.iter().any(|r| r[5] == "市科技局"), "the alias is not a unit of its own");
    // Both files are named.
    let files: std::collections::BTreeSet<&str> = records[1..].iter().map(|r| r[0].as_str()).collect();
    assert_eq!(files.into_iter().collect::<Vec<_>>(), ["division.txt", "points.txt"]);
}

#[test]
fn json_has_a_schema_version_and_a_report_per_file_or_one_merged() {
    let json = |args: &[&str]| -> Value {
        let mut all = vec!["report", "--format", "json"];
        all.extend_from_slice(args);
        let out = planlint(&fixtures(), &all);
        assert_eq!(out.status.code(), Some(0));
        serde_json::from_slice(&out.stdout).expect("valid JSON")
    };
    let per_file = json(&["division.txt", "points.txt"]);
    assert_eq!(per_file["schema"], "planlint-report/1");
    assert_eq!(per_file["reports"].as_array().unwrap().len(), 2);
    let merged = json(&["--merge", "division.txt", "points.txt"]);
    let reports = merged["reports"].as_array().unwrap();
    assert_eq!(reports.len(), 1);
    assert_eq!(reports[0]["files"].as_array().unwrap().len(), 2);
    let unit = reports[0]["units"].as_array().unwrap().iter().find(|u| u["name"] == "市科学技术局").unwrap();
    assert_eq!(unit["leads"].as_array().unwrap().len(), 3, "{unit}");
    // A task reference names a file of the report and a task id of that file.
    for r in unit["leads"].as_array().unwrap() {
        let file = &reports[0]["files"][r["file"].as_u64().unwrap() as usize];
        assert!(file["tasks"].as_array().unwrap().iter().any(|t| t["id"] == r["task"]), "{r}");
    }
}

#[test]
fn exit_codes_and_messages() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("ok.txt"), "二、重点任务\n1.建设平台。（牵头单位：市科技局）\n").unwrap();
    // An unreadable file: a clear message, exit 2, and the readable one still reported.
    let out = planlint(dir.path(), &["report", "ok.txt", "missing.txt"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("missing.txt") && stderr.contains("不存在"), "{stderr}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("市科技局"));
    // Binary input is bad input too.
    std::fs::write(dir.path().join("bin.txt"), [0u8, 159, 146, 150, 0, 1, 2]).unwrap();
    let out = planlint(dir.path(), &["report", "bin.txt"]);
    assert_eq!(out.status.code(), Some(2), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains("bin.txt"));
    // An unknown format.
    let out = planlint(dir.path(), &["report", "--format", "xlsx", "ok.txt"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("xlsx"));
    // Nothing to report on.
    let empty = tempfile::tempdir().unwrap();
    let out = planlint(empty.path(), &["report", "--lang", "en"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no draft"), "{}", String::from_utf8_lossy(&out.stderr));
    // Findings do not fail a report: the fixture has errors.
    let out = planlint(&fixtures(), &["report", "division.txt"]);
    assert_eq!(out.status.code(), Some(0));
    // Standard input.
    let mut child = Command::new(env!("CARGO_BIN_EXE_planlint"))
        .args(["report", "--stdin-filename", "草稿.txt", "-"])
        .current_dir(dir.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child.stdin.take().unwrap().write_all("二、重点任务\n1.建设平台。（牵头单位：市财政局）\n".as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let md = String::from_utf8_lossy(&out.stdout);
    assert!(md.starts_with("# 责任分工报告：草稿.txt") && md.contains("市财政局"), "{md}");
}

#[test]
fn html_needs_no_script_and_loads_nothing() {
    let out = planlint(&fixtures(), &["report", "--format", "html", "--merge", "division.txt", "points.txt"]);
    let html = String::from_utf8(out.stdout).unwrap();
    let lower = html.to_lowercase();
    assert!(!lower.contains("<script"), "no script");
    assert!(!regex_like_handler(&lower), "no event handler attributes");
    for attr in ["src=", "srcset=", "url(", "@import", "<link", "<iframe", "<object", "<img"] {
        assert!(!lower.contains(attr), "no external resource: `{attr}` found");
    }
    // Links stay inside the page.
    for (p, _) in lower.match_indices("href=\"") {
        assert!(lower[p + 6..].starts_with('#'), "link out of the page at byte {p}");
    }
    assert!(html.contains("Content-Security-Policy\" content=\"default-src 'none'"));
    assert!(html.contains("<svg class=\"chart\""));
    assert!(html.contains("@media print"));
}

/// Whether an HTML attribute such as `onload=` appears in `html`.
fn regex_like_handler(html: &str) -> bool {
    html.match_indices(" on").any(|(p, _)| {
        let rest = &html[p + 3..];
        let name: String = rest.chars().take_while(char::is_ascii_lowercase).collect();
        !name.is_empty() && rest[name.len()..].starts_with('=')
    })
}
