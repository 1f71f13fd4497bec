//! Language-server latency and memory, measured through the real binary over
//! stdio (`cargo bench --bench lsp`):
//!
//! - keystroke latency: time from sending a one-character `didChange` to
//!   receiving the `publishDiagnostics` for that version, on a ~20 KB and a
//!   ~1 MB generated draft; p50 / p99 / max over a few hundred keystrokes.
//!   Keystrokes start at least [`KEYSTROKE_GAP`] apart, faster than anyone
//!   types: changes closer together than 10 ms are a burst, which the server
//!   coalesces (src/lsp/docs.rs), and a keystroke is never delayed;
//! - requests on the opened draft: completion at a line start, renaming the
//!   first lead unit (`textDocument/rename`, every occurrence worked out) and
//!   the lead-unit inlay hints of a 60-line viewport (`inlayHints.leadUnit` on);
//! - idle memory: resident set size of the server with ten ~100 KB drafts
//!   open and analysed;
//! - peak memory when a 100 MB draft is opened (refused for its size, unread).
//!
//! Drafts come from `../shared/bench/gen_corpus.py` (or `PLANLINT_SHARED`),
//! generated into `target/bench-data/lsp/`; without it the bench prints a note
//! and exits 0.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, ExitCode, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// The least time between the starts of two keystrokes (50 characters a second).
const KEYSTROKE_GAP: Duration = Duration::from_millis(20);

struct Server {
    child: Child,
    stdin: ChildStdin,
    incoming: Receiver<Value>,
    next_id: i64,
}

impl Server {
    fn start() -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_planlint"))
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("planlint lsp starts");
        let stdin = child.stdin.take().unwrap();
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let (tx, incoming) = channel();
        std::thread::spawn(move || {
            loop {
                let mut length = 0usize;
                loop {
                    let mut line = String::new();
                    if stdout.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(v) = line.strip_prefix("Content-Length:") {
                        length = v.trim().parse().unwrap_or(0);
                    }
                }
                let mut body = vec![0; length];
                if stdout.read_exact(&mut body).is_err() {
                    return;
                }
                if tx.send(serde_json::from_slice(&body).unwrap_or(Value::Null)).is_err() {
                    return;
                }
            }
        });
        let mut server = Server { child, stdin, incoming, next_id: 1 };
        server.request("initialize", json!({"processId": null, "capabilities": {}}));
        server.notify("initialized", json!({}));
        server
    }

    fn send(&mut self, msg: Value) {
        let body = msg.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        loop {
            let msg = self.incoming.recv_timeout(Duration::from_secs(60)).expect("a response");
            if msg["id"] == id {
                return msg;
            }
        }
    }

    /// Waits for the diagnostics of `uri` at `version`.
    fn diagnostics(&mut self, uri: &str, version: i64) {
        loop {
            let msg = self.incoming.recv_timeout(Duration::from_secs(60)).expect("diagnostics");
            if msg["method"] == "textDocument/publishDiagnostics"
                && msg["params"]["uri"] == uri
                && msg["params"]["version"] == version
            {
                return;
            }
        }
    }

    fn rss_kib(&self) -> Option<u64> {
        self.proc_status("VmRSS:")
    }

    /// A line of `/proc/PID/status` in KiB (`VmRSS:`, `VmHWM:`).
    fn proc_status(&self, key: &str) -> Option<u64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).ok()?;
        status.lines().find_map(|l| l.strip_prefix(key)).and_then(|v| v.split_whitespace().next()?.parse().ok())
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn generate(shared: &Path, name: &str, docs: usize, size: &str) -> Option<Vec<String>> {
    let out = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-data/lsp").join(name);
    let files = |out: &Path| -> Vec<PathBuf> {
        let mut v: Vec<PathBuf> = std::fs::read_dir(out)
            .map(|d| {
                d.filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| p.extension().is_some_and(|e| e == "txt"))
                    .collect()
            })
            .unwrap_or_default();
        v.sort();
        v
    };
    if files(&out).len() != docs {
        let _ = std::fs::remove_dir_all(&out);
        let status = Command::new("python3")
            .arg(shared.join("bench/gen_corpus.py"))
            .args(["--out", &out.display().to_string(), "--docs", &docs.to_string(), "--doc-size", size])
            .args(["--seed", "7", "--prefix", name, "--no-truth"])
            .stdout(Stdio::null())
            .status()
            .ok()?;
        if !status.success() {
            return None;
        }
    }
    files(&out).iter().map(|p| std::fs::read_to_string(p).ok()).collect()
}

/// A position in the middle of the text (line, UTF-16 column 0 of a middle line).
fn middle_line(text: &str) -> u32 {
    (text.lines().count() / 2) as u32
}

fn keystrokes(label: &str, text: &str, n: usize) {
    let mut server = Server::start();
    let uri = format!("file:///bench/{label}.txt");
    server.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": text}}),
    );
    server.diagnostics(&uri, 1);
    let line = middle_line(text);
    let mut samples = Vec::with_capacity(n);
    let mut last = Instant::now();
    for i in 0..n {
        std::thread::sleep(KEYSTROKE_GAP.saturating_sub(last.elapsed()));
        last = Instant::now();
        let version = i as i64 + 2;
        // Type one character at the start of a middle line, then (next time) delete it.
        let change = if i % 2 == 0 {
            json!({"range": {"start": {"line": line, "character": 0}, "end": {"line": line, "character": 0}}, "text": "新"})
        } else {
            json!({"range": {"start": {"line": line, "character": 0}, "end": {"line": line, "character": 1}}, "text": ""})
        };
        let start = Instant::now();
        server.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]}),
        );
        server.diagnostics(&uri, version);
        samples.push(start.elapsed());
    }
    report(&format!("lsp/keystroke/{label:6} ({} bytes, {n} edits)", text.len()), samples);

    // Completion at the start of a line (numbering, sections) and after a label (units).
    let mut samples = Vec::with_capacity(n / 2);
    for _ in 0..n / 2 {
        let start = Instant::now();
        let r = server.request(
            "textDocument/completion",
            json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": 0}}),
        );
        samples.push(start.elapsed());
        assert!(r["result"].is_array(), "{r}");
    }
    report(&format!("lsp/completion/{label:5} ({} bytes, {} requests)", text.len(), n / 2), samples);

    // Rename the first lead unit (every occurrence in the draft).
    if let Some((unit_line, col)) = first_lead_unit(text) {
        let mut samples = Vec::with_capacity(n / 2);
        for _ in 0..n / 2 {
            let start = Instant::now();
            let r = server.request(
                "textDocument/rename",
                json!({
                    "textDocument": {"uri": uri},
                    "position": {"line": unit_line, "character": col},
                    "newName": "市科学技术局",
                }),
            );
            samples.push(start.elapsed());
            assert!(r["result"]["documentChanges"].is_array(), "{r}");
        }
        report(&format!("lsp/rename/{label:9} ({} bytes, {} requests)", text.len(), n / 2), samples);
    }

    // Inlay hints of a viewport around the middle line.
    server.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"planlint": {"inlayHints": {"leadUnit": true}}}}),
    );
    let mut samples = Vec::with_capacity(n / 2);
    for _ in 0..n / 2 {
        let start = Instant::now();
        let r = server.request(
            "textDocument/inlayHint",
            json!({
                "textDocument": {"uri": uri},
                "range": {"start": {"line": line, "character": 0}, "end": {"line": line + 60, "character": 0}},
            }),
        );
        samples.push(start.elapsed());
        assert!(r["result"].is_array(), "{r}");
    }
    report(&format!("lsp/inlay-hints/{label:4} ({} bytes, {} requests)", text.len(), n / 2), samples);
}

/// The position (line, UTF-16 column) of the first unit after `牵头单位：`.
fn first_lead_unit(text: &str) -> Option<(u32, u32)> {
    let at = text.find("牵头单位：")? + "牵头单位：".len();
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line = text[..line_start].matches('\n').count() as u32;
    Some((line, text[line_start..at].encode_utf16().count() as u32 + 1))
}

fn report(what: &str, mut samples: Vec<Duration>) {
    samples.sort();
    let pct = |p: f64| samples[((samples.len() as f64 * p).ceil() as usize).saturating_sub(1)];
    println!(
        "{what}: p50 {:>8.3} ms  p99 {:>8.3} ms  max {:>8.3} ms",
        pct(0.50).as_secs_f64() * 1e3,
        pct(0.99).as_secs_f64() * 1e3,
        samples.last().unwrap().as_secs_f64() * 1e3,
    );
}

fn idle_memory(texts: &[String]) {
    let mut server = Server::start();
    let before = server.rss_kib();
    for (i, text) in texts.iter().enumerate() {
        let uri = format!("file:///bench/idle{i}.txt");
        server.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": text}}),
        );
        server.diagnostics(&uri, 1);
    }
    std::thread::sleep(Duration::from_secs(1));
    let total: usize = texts.iter().map(String::len).sum();
    match (before, server.rss_kib()) {
        (Some(b), Some(a)) => println!(
            "lsp/idle-memory: {} drafts ({} bytes) open: RSS {:.1} MiB (at start {:.1} MiB)",
            texts.len(),
            total,
            a as f64 / 1024.0,
            b as f64 / 1024.0
        ),
        _ => println!("lsp/idle-memory: /proc not readable here; skipped"),
    }
}

/// Peak resident memory of a server sent a 100 MB `didOpen`, from before the
/// message until the server has said it is too large.
fn oversized_memory() {
    let mut server = Server::start();
    let paragraph = "（一）推进产业转型升级。市工业和信息化局牵头，完成技术改造项目120个。\\n";
    let text = paragraph.repeat(100_000_000 / paragraph.len() + 1);
    let body = format!(
        r#"{{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{{"textDocument":{{"uri":"file:///bench/huge.txt","languageId":"plaintext","version":1,"text":"{text}"}}}}}}"#
    );
    drop(text);
    let before = server.proc_status("VmHWM:");
    let start = Instant::now();
    write!(server.stdin, "Content-Length: {}\r\n\r\n", body.len()).unwrap();
    server.stdin.write_all(body.as_bytes()).unwrap();
    server.stdin.flush().unwrap();
    loop {
        let msg = server.incoming.recv_timeout(Duration::from_secs(120)).expect("a message");
        if msg["method"] == "window/showMessage" {
            break;
        }
    }
    match (before, server.proc_status("VmHWM:")) {
        (Some(b), Some(a)) => println!(
            "lsp/oversized: a {} byte didOpen refused after {:.2} s: peak RSS {:.1} MiB (before it {:.1} MiB)",
            body.len(),
            start.elapsed().as_secs_f64(),
            a as f64 / 1024.0,
            b as f64 / 1024.0
        ),
        _ => println!("lsp/oversized: /proc not readable here; skipped"),
    }
}

fn main() -> ExitCode {
    // `cargo test --benches` runs bench binaries with `--bench` absent: do nothing then.
    if !std::env::args().any(|a| a == "--bench") {
        return ExitCode::SUCCESS;
    }
    let shared = std::env::var_os("PLANLINT_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared"));
    if !shared.join("bench/gen_corpus.py").is_file() {
        eprintln!("note: {} not found; skipping the LSP benchmark", shared.display());
        return ExitCode::SUCCESS;
    }
    let (Some(small), Some(large), Some(hundreds)) = (
        generate(&shared, "20KB", 1, "20KB"),
        generate(&shared, "1MB", 1, "1MB"),
        generate(&shared, "100KB", 10, "100KB"),
    ) else {
        eprintln!("note: could not generate drafts (python3 missing?); skipping the LSP benchmark");
        return ExitCode::SUCCESS;
    };
    keystrokes("20KB", &small[0], 400);
    keystrokes("1MB", &large[0], 200);
    idle_memory(&hundreds);
    oversized_memory();
    ExitCode::SUCCESS
}
