//! `planlint report --format html` in headless Chromium: the page loads
//! nothing and needs no script. (The report's snapshots are `tests/it/report.rs`.)

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

use crate::needs::Test;

pub fn tests() -> Vec<Test> {
    crate::tests![Chromium: html_renders_in_headless_chromium_without_network_or_script]
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/report")
}

fn planlint(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_planlint"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .output()
        .expect("planlint runs")
}

/// Renders the merged report in headless Chromium and reads Chromium's
/// network log: the page asks for nothing (a control page with one external
/// image shows that the log would record it). The page's own
/// Content-Security-Policy (`default-src 'none'`) forbids scripts, so what
/// Chromium renders, and the DOM it prints, is what a reader without
/// JavaScript gets: it must hold the tables, the chart and the marked draft.
/// A screenshot is taken too.
fn html_renders_in_headless_chromium_without_network_or_script() {
    let chromium = crate::needs::chromium();
    let dir = tempfile::tempdir().unwrap();
    let out = planlint(&fixtures(), &["report", "--format", "html", "--merge", "division.txt", "points.txt"]);
    assert_eq!(out.status.code(), Some(0));
    let page = dir.path().join("report.html");
    std::fs::write(&page, &out.stdout).unwrap();
    let control = dir.path().join("control.html");
    std::fs::write(&control, "<!DOCTYPE html><p>x<img src=\"http://127.0.0.1:9/planlint-probe.png\"></p>").unwrap();

    // Chromium with a fresh profile; prints the DOM (or takes a screenshot) and
    // writes its network log; returns the DOM and the URLs pages asked for.
    let render = |page: &Path, extra: &str| -> (String, Vec<String>) {
        let profile = tempfile::tempdir().unwrap();
        let netlog = profile.path().join("net.json");
        let out = Command::new(&chromium)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--hide-scrollbars",
                "--window-size=1000,1400",
                "--timeout=10000",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg(format!("--log-net-log={}", netlog.display()))
            .arg(extra)
            .arg(format!("file://{}", page.display()))
            .stdin(Stdio::null())
            .output()
            .expect("chromium runs");
        assert!(out.status.success(), "chromium failed: {}", String::from_utf8_lossy(&out.stderr));
        let log: Value = serde_json::from_str(&std::fs::read_to_string(&netlog).expect("a network log"))
            .expect("the network log is JSON");
        (String::from_utf8_lossy(&out.stdout).into_owned(), page_requests(&log))
    };

    let (_, probe) = render(&control, "--dump-dom");
    assert!(
        probe.iter().any(|u| u.contains("planlint-probe.png")),
        "the network log does not show a control page's request, so it cannot show the report's: {probe:?}"
    );
    let (dom, requests) = render(&page, "--dump-dom");
    assert!(requests.is_empty(), "the report asked for: {requests:?}");
    for text in
        ["单位责任矩阵", "市科学技术局", "无牵头单位的任务", "规范涉企执法检查", "<svg", "<mark class=\"sev-error\""]
    {
        assert!(dom.contains(text), "the rendered page lacks `{text}`");
    }
    let shot = dir.path().join("report.png");
    let (_, requests) = render(&page, &format!("--screenshot={}", shot.display()));
    assert!(requests.is_empty(), "the report asked for: {requests:?}");
    let png = std::fs::read(&shot).expect("a screenshot");
    assert!(png.starts_with(b"\x89PNG") && png.len() > 10_000, "a real screenshot ({} bytes)", png.len());
}

/// The URLs of the requests pages made (not Chromium's own background
/// requests, whose initiator is "not an origin"), from a network log.
fn page_requests(log: &Value) -> Vec<String> {
    let start_job = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"].as_u64().expect("event type known");
    log["events"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|e| e["type"].as_u64() == Some(start_job))
        .filter(|e| e["params"]["initiator"].as_str() != Some("not an origin"))
        .filter_map(|e| e["params"]["url"].as_str().map(str::to_string))
        .collect()
}
