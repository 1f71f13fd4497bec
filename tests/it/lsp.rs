//! `planlint lsp` driven over stdio the way an editor drives it: base-protocol
//! framing, position-encoding negotiation, incremental sync under load, and
//! hostile input. Everything goes through the built binary; expected positions
//! are worked out by hand (or from the library for the randomized test), never
//! read back from the server.

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

mod faults;

const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);
const DIAGNOSTICS_TIMEOUT: Duration = Duration::from_secs(10);

// ---------------------------------------------------------------------------
// Base protocol
// ---------------------------------------------------------------------------

/// `Content-Length: N\r\n\r\n` + body.
fn frame(body: &[u8]) -> Vec<u8> {
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body);
    out
}

/// Reads one framed message. `Ok(None)` at a clean end of stream.
fn read_message(input: &mut impl BufRead) -> Result<Option<Value>, String> {
    let mut length: Option<usize> = None;
    let mut first = true;
    let mut line = Vec::new();
    loop {
        line.clear();
        let n = input.read_until(b'\n', &mut line).map_err(|e| format!("reading a header: {e}"))?;
        if n == 0 {
            return if first { Ok(None) } else { Err("end of stream inside the headers".into()) };
        }
        first = false;
        let text = std::str::from_utf8(&line).map_err(|_| format!("header is not UTF-8: {line:?}"))?;
        let Some(text) = text.strip_suffix("\r\n") else {
            return Err(format!("header line not terminated by CRLF: {text:?}"));
        };
        if text.is_empty() {
            break;
        }
        let (name, value) = text.split_once(':').ok_or_else(|| format!("malformed header {text:?}"))?;
        if name.trim().eq_ignore_ascii_case("content-length") {
            let n = value.trim().parse().map_err(|_| format!("bad Content-Length {value:?}"))?;
            length = Some(n);
        }
    }
    let length = length.ok_or("message without Content-Length")?;
    let mut body = vec![0; length];
    input.read_exact(&mut body).map_err(|e| format!("reading a {length}-byte body: {e}"))?;
    serde_json::from_slice(&body)
        .map(Some)
        .map_err(|e| format!("body is not JSON ({e}): {}", String::from_utf8_lossy(&body)))
}

fn is_response(msg: &Value) -> bool {
    msg.get("method").is_none() && msg.get("id").is_some()
}

fn is_notification(msg: &Value, method: &str) -> bool {
    msg.get("id").is_none() && msg["method"] == method
}

// ---------------------------------------------------------------------------
// The client
// ---------------------------------------------------------------------------

/// A running `planlint lsp` with a reader thread on its stdout and a drain on its stderr.
struct Server {
    child: Child,
    stdin: Option<ChildStdin>,
    incoming: Receiver<Result<Value, String>>,
    /// Messages received but not consumed yet (notifications, responses nobody waited for yet).
    backlog: Vec<Value>,
    next_id: i64,
    stderr: Arc<Mutex<Vec<u8>>>,
    dir: tempfile::TempDir,
    /// Set once the process has been shut down or killed on purpose.
    done: bool,
    /// What the test last did, for failure messages.
    after: String,
    /// Methods of the requests the server sent us, in order.
    server_requests: Vec<String>,
}

impl Server {
    fn start() -> Server {
        Server::start_with_env(&[])
    }

    fn start_with_env(env: &[(&str, &str)]) -> Server {
        let dir = tempfile::tempdir().unwrap();
        let mut child = Command::new(env!("CARGO_BIN_EXE_planlint"))
            .arg("lsp")
            .envs(env.iter().copied())
            .current_dir(dir.path())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("planlint lsp starts");
        let stdout = child.stdout.take().unwrap();
        let (tx, incoming) = mpsc::channel();
        thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            loop {
                match read_message(&mut reader) {
                    Ok(Some(msg)) => {
                        if tx.send(Ok(msg)).is_err() {
                            return;
                        }
                    }
                    Ok(None) => return,
                    Err(e) => {
                        let _ = tx.send(Err(e));
                        return;
                    }
                }
            }
        });
        let stderr = Arc::new(Mutex::new(Vec::new()));
        let mut pipe = child.stderr.take().unwrap();
        let sink = Arc::clone(&stderr);
        thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = pipe.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        });
        let stdin = child.stdin.take();
        Server {
            child,
            stdin,
            incoming,
            backlog: Vec::new(),
            next_id: 1,
            stderr,
            dir,
            done: false,
            after: "start".into(),
            server_requests: Vec::new(),
        }
    }

    fn stderr_text(&self) -> String {
        String::from_utf8_lossy(&self.stderr.lock().unwrap()).into_owned()
    }

    fn uri(&self, name: &str) -> String {
        format!("file://{}/{name}", self.dir.path().display())
    }

    /// Writes bytes as they are; the error is returned, not raised, so a test can
    /// keep going when the server has (legitimately) stopped reading.
    fn send_raw(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        let stdin = self.stdin.as_mut().ok_or_else(|| std::io::Error::other("stdin closed"))?;
        stdin.write_all(bytes)?;
        stdin.flush()
    }

    fn send(&mut self, msg: &Value) {
        let bytes = frame(&serde_json::to_vec(msg).unwrap());
        if let Err(e) = self.send_raw(&bytes) {
            panic!("writing to planlint lsp failed ({e}); stderr:\n{}", self.stderr_text());
        }
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Sends a request without waiting; the response lands in the backlog.
    fn send_request(&mut self, method: &str, params: Value) -> i64 {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        id
    }

    /// The next message from the server, or `None` at the deadline. Requests from
    /// the server to the client are answered with `null` and not returned.
    fn next_message(&mut self, deadline: Instant) -> Option<Value> {
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.incoming.recv_timeout(left) {
                Ok(Ok(msg)) => {
                    assert_eq!(msg["jsonrpc"], "2.0", "not a JSON-RPC 2.0 message: {msg}");
                    if msg.get("method").is_some() && msg.get("id").is_some() {
                        self.server_requests.push(msg["method"].as_str().unwrap_or_default().to_string());
                        let id = msg["id"].clone();
                        self.send(&json!({"jsonrpc": "2.0", "id": id, "result": null}));
                        continue;
                    }
                    return Some(msg);
                }
                Ok(Err(e)) => panic!("undecodable output from planlint lsp: {e}\nstderr:\n{}", self.stderr_text()),
                Err(RecvTimeoutError::Timeout) => return None,
                Err(RecvTimeoutError::Disconnected) => {
                    thread::sleep(Duration::from_millis(100));
                    let status = self.child.try_wait().ok().flatten();
                    panic!(
                        "planlint lsp closed its stdout after {} (exit: {status:?}); stderr:\n{}",
                        self.after,
                        self.stderr_text()
                    )
                }
            }
        }
    }

    /// The whole response (`result` or `error`) to request `id`.
    fn wait_response(&mut self, id: i64, timeout: Duration) -> Value {
        let want = json!(id);
        if let Some(i) = self.backlog.iter().position(|m| is_response(m) && m["id"] == want) {
            return self.backlog.remove(i);
        }
        let deadline = Instant::now() + timeout;
        while let Some(msg) = self.next_message(deadline) {
            if is_response(&msg) && msg["id"] == want {
                return msg;
            }
            self.backlog.push(msg);
        }
        panic!("no response to request {id} within {timeout:?} after {}; stderr:\n{}", self.after, self.stderr_text())
    }

    fn request_with_timeout(&mut self, method: &str, params: Value, timeout: Duration) -> Value {
        let id = self.send_request(method, params);
        let response = self.wait_response(id, timeout);
        assert!(response.get("error").is_none(), "{method} failed: {response}");
        assert!(response.get("result").is_some(), "{method}: response without result: {response}");
        response["result"].clone()
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        self.request_with_timeout(method, params, REQUEST_TIMEOUT)
    }

    /// Waits until the server has sent us a request `method` (answered with `null`).
    fn wait_server_request(&mut self, method: &str, timeout: Duration) {
        let deadline = Instant::now() + timeout;
        while !self.server_requests.iter().any(|m| m == method) {
            match self.next_message(deadline) {
                Some(msg) => self.backlog.push(msg),
                None => panic!("no {method} request within {timeout:?}; got {:?}", self.server_requests),
            }
        }
    }

    /// The params of the first notification `method` whose params satisfy `pred`
    /// (earlier ones stay in the backlog).
    fn wait_notification(&mut self, method: &str, pred: impl Fn(&Value) -> bool, timeout: Duration) -> Value {
        if let Some(i) = self.backlog.iter().position(|m| is_notification(m, method) && pred(&m["params"])) {
            return self.backlog.remove(i)["params"].take();
        }
        let deadline = Instant::now() + timeout;
        while let Some(msg) = self.next_message(deadline) {
            if is_notification(&msg, method) && pred(&msg["params"]) {
                return msg["params"].clone();
            }
            self.backlog.push(msg);
        }
        panic!("no {method} notification as expected within {timeout:?}; stderr:\n{}", self.stderr_text())
    }

    /// `initialize` offering `encodings` (the field is left out when empty), then `initialized`.
    fn initialize(&mut self, encodings: &[&str]) -> Value {
        let mut capabilities = json!({
            "textDocument": {
                "publishDiagnostics": {"versionSupport": true},
                "synchronization": {"dynamicRegistration": false},
            },
        });
        if !encodings.is_empty() {
            capabilities["general"] = json!({"positionEncodings": encodings});
        }
        let root = format!("file://{}", self.dir.path().display());
        let result = self.request(
            "initialize",
            json!({
                "processId": std::process::id(),
                "clientInfo": {"name": "planlint-tests"},
                "rootUri": root,
                "capabilities": capabilities,
            }),
        );
        self.notify("initialized", json!({}));
        result
    }

    fn did_open(&mut self, uri: &str, version: i64, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "plaintext", "version": version, "text": text}}),
        );
    }

    fn did_change(&mut self, uri: &str, version: i64, changes: Value) {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": changes}),
        );
    }

    /// The diagnostics published for `uri` at `version`.
    fn diagnostics(&mut self, uri: &str, version: i64, timeout: Duration) -> Vec<Value> {
        let params = self.wait_notification(
            "textDocument/publishDiagnostics",
            |p| p["uri"] == uri && p["version"] == version,
            timeout,
        );
        params["diagnostics"].as_array().expect("diagnostics is an array").clone()
    }

    fn document_text(&mut self, uri: &str) -> Value {
        self.request("planlint/documentText", json!({"uri": uri}))
    }

    /// Best effort and never panicking: `shutdown`, `exit`, then kill whatever is left.
    fn stop(&mut self, grace: Duration) -> Option<ExitStatus> {
        let deadline = Instant::now() + grace;
        let id = self.next_id;
        self.next_id += 1;
        let shutdown = json!({"jsonrpc": "2.0", "id": id, "method": "shutdown", "params": null});
        if self.send_raw(&frame(shutdown.to_string().as_bytes())).is_ok() {
            loop {
                let left = deadline.saturating_duration_since(Instant::now());
                match self.incoming.recv_timeout(left) {
                    Ok(Ok(msg)) if is_response(&msg) && msg["id"] == json!(id) => break,
                    Ok(Ok(_)) => continue,
                    _ => break,
                }
            }
            let exit = json!({"jsonrpc": "2.0", "method": "exit"});
            let _ = self.send_raw(&frame(exit.to_string().as_bytes()));
        }
        self.stdin = None;
        let deadline = Instant::now() + Duration::from_secs(3);
        loop {
            match self.child.try_wait() {
                Ok(Some(status)) => return Some(status),
                Ok(None) if Instant::now() < deadline => thread::sleep(Duration::from_millis(20)),
                _ => break,
            }
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
        None
    }

    fn kill(&mut self) {
        self.done = true;
        self.stdin = None;
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// The orderly end, checked: `shutdown` answers `null`, `exit` ends the process with status 0.
    fn shutdown_and_exit(mut self) {
        let result = self.request("shutdown", Value::Null);
        assert_eq!(result, Value::Null, "shutdown result");
        self.notify("exit", Value::Null);
        self.stdin = None;
        let deadline = Instant::now() + Duration::from_secs(5);
        let status = loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                break status;
            }
            assert!(Instant::now() < deadline, "planlint lsp did not exit within 5 s of `exit`");
            thread::sleep(Duration::from_millis(20));
        };
        self.done = true;
        assert!(
            status.success(),
            "exit after shutdown must give status 0, got {status}; stderr:\n{}",
            self.stderr_text()
        );
        let stderr = self.stderr_text();
        assert!(!stderr.contains("panicked"), "stderr:\n{stderr}");
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if !self.done {
            self.done = true;
            self.stop(Duration::from_secs(5));
        }
        if thread::panicking() {
            eprintln!("--- planlint lsp stderr ---\n{}--- end ---", self.stderr_text());
        }
    }
}

// ---------------------------------------------------------------------------
// A local model of the document, in either position encoding
// ---------------------------------------------------------------------------

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Enc {
    Utf8,
    Utf16,
}

impl Enc {
    fn units(self, s: &str) -> u32 {
        match self {
            Enc::Utf8 => s.len() as u32,
            Enc::Utf16 => s.encode_utf16().count() as u32,
        }
    }
}

/// `(content start, content end)` byte offsets of each line; the terminator
/// (`\n`, `\r\n` or a lone `\r`) lies between one line's end and the next start.
fn line_spans(text: &str) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let mut spans = Vec::new();
    let (mut start, mut i) = (0, 0);
    while i < b.len() {
        match b[i] {
            b'\n' => {
                spans.push((start, i));
                i += 1;
                start = i;
            }
            b'\r' => {
                spans.push((start, i));
                i += if b.get(i + 1) == Some(&b'\n') { 2 } else { 1 };
                start = i;
            }
            _ => i += 1,
        }
    }
    spans.push((start, b.len()));
    spans
}

/// LSP position → byte offset. Panics unless the position is on a character boundary inside the text.
fn offset(text: &str, enc: Enc, line: u32, col: u32) -> usize {
    let (start, end) = line_spans(text)[line as usize];
    let mut units = 0;
    for (i, c) in text[start..end].char_indices() {
        if units == col {
            return start + i;
        }
        units += enc.units(c.encode_utf8(&mut [0; 4]));
        assert!(units <= col, "position {line}:{col} splits a character");
    }
    assert_eq!(units, col, "position {line}:{col} is past the end of the line");
    end
}

/// Byte offset → LSP position.
fn position(text: &str, enc: Enc, byte: usize) -> (u32, u32) {
    let spans = line_spans(text);
    let line = spans.iter().rposition(|&(start, _)| start <= byte).unwrap();
    let (start, end) = spans[line];
    assert!(byte <= end, "offset {byte} lies inside a line terminator");
    (line as u32, enc.units(&text[start..byte]))
}

fn lsp_range(start: (u32, u32), end: (u32, u32)) -> Value {
    json!({
        "start": {"line": start.0, "character": start.1},
        "end": {"line": end.0, "character": end.1},
    })
}

/// `(code, start line, start char, end line, end char)` of a published diagnostic.
fn span_of(d: &Value) -> (String, u64, u64, u64, u64) {
    let r = &d["range"];
    (
        d["code"].as_str().unwrap_or_else(|| panic!("code is not a string: {d}")).to_string(),
        r["start"]["line"].as_u64().unwrap(),
        r["start"]["character"].as_u64().unwrap(),
        r["end"]["line"].as_u64().unwrap(),
        r["end"]["character"].as_u64().unwrap(),
    )
}

/// What the library finds in `text`, as published spans (the server runs the same analysis).
fn expected_spans(text: &str, enc: Enc) -> Vec<(String, u64, u64, u64, u64)> {
    let analysis = planlint::analyze(text, planlint::SourceKind::PlainText, &planlint::Config::default());
    let mut spans: Vec<_> = analysis
        .diagnostics
        .iter()
        .map(|d| {
            let (sl, sc) = position(text, enc, d.range.start());
            let (el, ec) = position(text, enc, d.range.end());
            (d.rule.code.to_string(), sl as u64, sc as u64, el as u64, ec as u64)
        })
        .collect();
    spans.sort();
    spans
}

/// xorshift64*: deterministic, good enough to pick edits.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

#[test]
fn model_positions_round_trip() {
    // Hand-checked against the encodings: 𠀀 and 😀 are 4 bytes / 2 UTF-16 units, — and Han are 3 bytes / 1 unit.
    let text = "一、目标\r\n——𠀀😀**\n\r末";
    // Line 0 is 4 × 3 bytes; line 1 starts after \r\n at 14 and is 3 + 3 + 4 + 4 + 2 = 16 bytes;
    // line 2 is empty at 31 (ended by a lone \r); line 3 is 末 at 32..35.
    assert_eq!(line_spans(text), vec![(0, 12), (14, 30), (31, 31), (32, 35)]);
    assert_eq!(offset(text, Enc::Utf16, 1, 6), 28);
    assert_eq!(offset(text, Enc::Utf8, 1, 14), 28);
    assert_eq!(position(text, Enc::Utf16, 28), (1, 6));
    assert_eq!(position(text, Enc::Utf8, 30), (1, 16));
    assert_eq!(position(text, Enc::Utf16, 30), (1, 8));
    assert_eq!(position(text, Enc::Utf16, 35), (3, 1));
}

// ---------------------------------------------------------------------------
// a) exact ranges in both encodings
// ---------------------------------------------------------------------------

#[test]
fn diagnostics_have_exact_ranges_in_utf16_and_utf8() {
    // Line 1: ——𠀀😀新增企业**家。
    //   UTF-16 units: — 1, — 1, 𠀀 2, 😀 2, 新增企业 4  → `**` at 10..12
    //   UTF-8 bytes:  — 3, — 3, 𠀀 4, 😀 4, 新增企业 12 → `**` at 26..28
    // Line 2: 😀由某某单位牵头，到X年完成。
    //   `某某`: UTF-16 😀 2 + 由 1 = 3..5;        UTF-8 😀 4 + 由 3 = 7..13
    //   `X`:    UTF-16 😀 2 + 9 others = 11..12;  UTF-8 4 + 由某某单位牵头 21 + ，3 + 到 3 = 31..32
    const UTF16: [(u64, u64, u64); 3] = [(1, 10, 12), (2, 3, 5), (2, 11, 12)];
    const UTF8: [(u64, u64, u64); 3] = [(1, 26, 28), (2, 7, 13), (2, 31, 32)];
    type Case<'a> = (&'a [&'a str], &'a str, &'a [(u64, u64, u64); 3]);
    let cases: [Case; 4] = [
        (&["utf-16"], "utf-16", &UTF16),
        (&[], "utf-16", &UTF16),
        (&["utf-8", "utf-16"], "utf-8", &UTF8),
        (&["utf-32", "utf-8"], "utf-8", &UTF8),
    ];
    for (encodings, negotiated, want) in cases {
        for eol in ["\n", "\r\n"] {
            let text = ["一、工作目标", "——𠀀😀新增企业**家。", "😀由某某单位牵头，到X年完成。", ""].join(eol);
            let mut server = Server::start();
            let caps = server.initialize(encodings)["capabilities"].clone();
            assert_eq!(caps["positionEncoding"], negotiated, "offered {encodings:?}");
            let sync = &caps["textDocumentSync"];
            assert_eq!(sync["change"], 2, "incremental sync: {sync}");
            assert_eq!(sync["openClose"], true, "{sync}");

            let uri = server.uri("draft.txt");
            server.did_open(&uri, 7, &text);
            let diags = server.diagnostics(&uri, 7, DIAGNOSTICS_TIMEOUT);
            let mut got: Vec<_> = diags.iter().map(span_of).collect();
            got.sort();
            let want: Vec<_> = want.iter().map(|&(l, s, e)| ("PL101".to_string(), l, s, l, e)).collect();
            assert_eq!(got, want, "offered {encodings:?}, eol {eol:?}: {diags:#?}");
            for d in &diags {
                assert_eq!(d["severity"], 1, "{d}");
                assert_eq!(d["source"], "planlint", "{d}");
                let message = d["message"].as_str().unwrap();
                assert!(message.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "Chinese message: {d}");
            }
            assert!(diags[0]["message"].as_str().unwrap().contains("**"), "{}", diags[0]);
        }
    }
}

// ---------------------------------------------------------------------------
// b) thousands of incremental edits, interleaved with requests
// ---------------------------------------------------------------------------

const EDITS: usize = 3000;
const PIECES: [&str; 20] = [
    "新",
    "增",
    "企业",
    "培育",
    "😀",
    "𠀀",
    "——",
    "\r\n",
    "\r\n",
    "\n",
    "。",
    "，",
    "1500家",
    "a",
    "e\u{301}",
    "👩‍💻",
    "🇨🇳",
    "**",
    "某某",
    "到X年",
];

fn random_text(rng: &mut Rng) -> String {
    (0..1 + rng.below(3)).map(|_| rng.pick(&PIECES)).collect()
}

/// A random position on `line` or up to `spread` lines below it: `(line, units, byte)`.
fn random_position(rng: &mut Rng, text: &str, enc: Enc, line: usize, spread: usize) -> (u32, u32, usize) {
    let spans = line_spans(text);
    let line = (line + rng.below(spread + 1)).min(spans.len() - 1);
    let (start, end) = spans[line];
    let boundaries: Vec<usize> =
        text[start..end].char_indices().map(|(i, _)| start + i).chain(std::iter::once(end)).collect();
    let byte = boundaries[rng.below(boundaries.len())];
    (line as u32, enc.units(&text[start..byte]), byte)
}

/// The position `up_to` characters (at random) after `p`, staying on its line.
fn nearby(rng: &mut Rng, text: &str, enc: Enc, p: (u32, u32, usize), up_to: usize) -> (u32, u32, usize) {
    let (start, end) = line_spans(text)[p.0 as usize];
    let k = rng.below(up_to + 1);
    let byte = text[p.2..end].char_indices().map(|(i, _)| p.2 + i).nth(k).unwrap_or(end);
    (p.0, enc.units(&text[start..byte]), byte)
}

/// Applies one random edit to `text` and returns its `TextDocumentContentChangeEvent`.
/// Inserts win while the text is short and deletions once it is long, so it hovers around a few KB.
fn random_change(rng: &mut Rng, text: &mut String, enc: Enc) -> Value {
    if rng.below(1000) == 0 {
        // A whole-document change is allowed in incremental mode too.
        let new = format!("{}{}", text, random_text(rng));
        *text = new.clone();
        return json!({"text": new});
    }
    let insert_share = match text.len() {
        0..1500 => 80,
        1500..6000 => 50,
        _ => 15,
    };
    let line = rng.below(line_spans(text).len());
    let p = random_position(rng, text, enc, line, 0);
    let (a, b, insert) = if rng.below(100) < insert_share {
        (p, p, random_text(rng))
    } else {
        // Mostly short spans on one line; one in four reaches up to two lines down.
        let q = if rng.below(4) == 0 { random_position(rng, text, enc, line, 2) } else { nearby(rng, text, enc, p, 8) };
        let (a, b) = if p.2 <= q.2 { (p, q) } else { (q, p) };
        (a, b, if rng.below(2) == 0 { String::new() } else { random_text(rng) })
    };
    text.replace_range(a.2..b.2, &insert);
    json!({"range": lsp_range((a.0, a.1), (b.0, b.1)), "text": insert})
}

fn assert_same_text(server: &Value, model: &str, when: &str) {
    let text = server.as_str().unwrap_or_else(|| panic!("documentText {when} is not a string: {server}"));
    if text != model {
        let common = text.chars().zip(model.chars()).take_while(|(a, b)| a == b).count();
        let around = |s: &str| s.chars().skip(common.saturating_sub(20)).take(60).collect::<String>();
        panic!(
            "server text differs from the model {when}, first at char {common}:\nserver: {:?}\nmodel:  {:?}",
            around(text),
            around(model)
        );
    }
}

fn incremental_edits(encodings: &[&str], enc: Enc) {
    let mut server = Server::start();
    let caps = server.initialize(encodings)["capabilities"].clone();
    assert_eq!(caps["positionEncoding"], if enc == Enc::Utf8 { "utf-8" } else { "utf-16" });

    let uri = server.uri("plan.txt");
    let mut model = String::from(
        "一、工作目标\r\n到2027年，全市高新技术企业突破**家。\n二、重点任务\r\n（一）推进产业转型升级。市工业和信息化局牵头。\n😀𠀀\n",
    );
    server.did_open(&uri, 1, &model);
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut version = 1;
    let mut pending = Vec::new();
    // `planlint/documentText` requests sent along the way, with the model's text at that point:
    // a divergence is caught even if later edits (or a whole-document change) would hide it.
    let mut checkpoints = Vec::new();
    for n in 1..=EDITS {
        let changes: Vec<Value> = (0..if rng.below(10) == 0 { 2 + rng.below(2) } else { 1 })
            .map(|_| random_change(&mut rng, &mut model, enc))
            .collect();
        version += 1;
        server.did_change(&uri, version, Value::Array(changes));
        if n % 10 == 0 {
            let line = rng.below(line_spans(&model).len());
            let (line, col, _) = random_position(&mut rng, &model, enc, line, 0);
            let at = json!({"line": line, "character": col});
            pending.push(
                server.send_request("textDocument/completion", json!({"textDocument": {"uri": uri}, "position": at})),
            );
            if n % 20 == 0 {
                let rename = json!({"textDocument": {"uri": uri}, "position": at, "newName": "市科学技术局"});
                pending.push(server.send_request("textDocument/rename", rename));
                let range = json!({"start": {"line": 0, "character": 0}, "end": at});
                pending.push(
                    server
                        .send_request("textDocument/inlayHint", json!({"textDocument": {"uri": uri}, "range": range})),
                );
            }
            pending.push(server.send_request(
                "textDocument/codeAction",
                json!({
                    "textDocument": {"uri": uri},
                    "range": {"start": {"line": 0, "character": 0}, "end": at},
                    "context": {"diagnostics": []},
                }),
            ));
        }
        if n % 200 == 0 {
            checkpoints.push((n, server.send_request("planlint/documentText", json!({"uri": uri})), model.clone()));
        }
    }
    for id in pending {
        let response = server.wait_response(id, Duration::from_secs(30));
        if let Some(error) = response.get("error") {
            // ContentModified / RequestCancelled are legitimate answers to requests overtaken by
            // edits; RequestFailed, to a rename where there is no unit.
            assert!(
                [-32801, -32800, -32803].contains(&error["code"].as_i64().unwrap_or(0)),
                "request {id}: {response}"
            );
        } else {
            let result = &response["result"];
            assert!(result.is_null() || result.is_array() || result.is_object(), "request {id}: {response}");
        }
    }
    for (n, id, expected) in checkpoints {
        let response = server.wait_response(id, Duration::from_secs(30));
        assert_same_text(&response["result"], &expected, &format!("after {n} edits ({enc:?})"));
    }
    let text = server.request_with_timeout("planlint/documentText", json!({"uri": uri}), Duration::from_secs(30));
    assert_same_text(&text, &model, &format!("at the end ({enc:?})"));
    let diags = server.diagnostics(&uri, version, Duration::from_secs(30));
    let mut got: Vec<_> = diags.iter().map(span_of).collect();
    got.sort();
    assert_eq!(got, expected_spans(&model, enc), "final diagnostics ({enc:?})");
    server.shutdown_and_exit();
}

#[test]
fn incremental_edits_are_applied_in_order_under_load() {
    let utf16 = thread::spawn(|| incremental_edits(&["utf-16"], Enc::Utf16));
    incremental_edits(&["utf-8", "utf-16"], Enc::Utf8);
    if let Err(panic) = utf16.join() {
        std::panic::resume_unwind(panic);
    }
}

// ---------------------------------------------------------------------------
// c) hostile input
// ---------------------------------------------------------------------------

const PARAGRAPH: &str =
    "（一）推进产业转型升级。市工业和信息化局牵头，2025年底前完成技术改造项目120个，培育专精特新企业35家。\n";

#[test]
fn garbage_does_not_kill_the_server() {
    let mut server = Server::start();
    server.initialize(&["utf-16"]);

    // (1) Correctly framed bodies that are not JSON-RPC messages: truncated JSON, invalid UTF-8,
    // JSON that is not a message. JSON-RPC wants an error response with id null (-32700 / -32600);
    // only survival is asserted, each time with a request that must still be answered.
    let bodies: [&[u8]; 4] =
        ["{\"jsonrpc\": \"2.0\", \"id\": 99, \"method\": 计划".as_bytes(), b"[1, 2", b"\"\xff\xfe\"", b"42"];
    for body in bodies {
        server.send_raw(&frame(body)).unwrap();
        server.after = format!("the framed non-message body {:?}", String::from_utf8_lossy(body));
        assert_eq!(server.document_text("file:///nowhere.txt"), Value::Null);
    }
    let parse_errors = server.backlog.iter().filter(|m| is_response(m) && m["id"].is_null()).count();
    eprintln!("error responses with id null for {} bad bodies: {parse_errors}", bodies.len());
    server.after = "the bad bodies".into();

    // (2) An unknown request must get MethodNotFound; unknown notifications and odd cancels are ignored.
    server.notify("planlint/noSuchNotification", json!({"x": 1}));
    server.notify("$/cancelRequest", json!({"id": 123_456}));
    let id = server.send_request("planlint/noSuchMethod", json!({"x": 1}));
    let response = server.wait_response(id, REQUEST_TIMEOUT);
    assert_eq!(response["error"]["code"], -32601, "{response}");
    // A request with nonsense params gets some answer (an error or a result), not silence.
    let id = server.send_request("textDocument/completion", json!({"bogus": true}));
    server.wait_response(id, REQUEST_TIMEOUT);

    // (3) Impossible ranges in an open document.
    let victim = server.uri("victim.txt");
    server.did_open(&victim, 1, "一、工作目标\n推进产业升级。\n");
    server.did_change(&victim, 2, json!([{"range": lsp_range((9999, 0), (9999, 5)), "text": "X"}]));
    server.did_change(&victim, 3, json!([{"range": lsp_range((1, 3), (0, 1)), "text": "Y"}]));
    server.did_change(&victim, 4, json!([{"range": lsp_range((0, 9999), (1, 1)), "text": "Z"}]));
    let text = server.document_text(&victim);
    assert!(text.is_string(), "victim still open: {text}");
    eprintln!("victim after impossible ranges: {text}");
    // A whole-document change brings it back to a known state.
    server.did_change(&victim, 5, json!([{"text": "恢复：到X年完成。\n"}]));
    assert_eq!(server.document_text(&victim), "恢复：到X年完成。\n");
    let diags = server.diagnostics(&victim, 5, DIAGNOSTICS_TIMEOUT);
    assert_eq!(diags.iter().map(span_of).collect::<Vec<_>>(), [("PL101".to_string(), 0, 4, 0, 5)]);

    // (4) Changes and requests for a document that was never opened.
    let ghost = server.uri("ghost.txt");
    server.did_change(&ghost, 2, json!([{"range": lsp_range((0, 0), (0, 0)), "text": "鬼"}]));
    assert_eq!(server.document_text(&ghost), Value::Null);

    // (5) A 5 MB document, with one placeholder on its last line.
    let big = server.uri("big.txt");
    let copies = 5_000_000 / PARAGRAPH.len() + 1;
    let mut big_text = PARAGRAPH.repeat(copies);
    big_text.push_str("——𠀀😀新增企业**家。\n");
    let started = Instant::now();
    server.did_open(&big, 1, &big_text);
    // (a debug build on a loaded 2-core machine may take more than 30 s over 5 MB)
    let diags = server.diagnostics(&big, 1, Duration::from_secs(120));
    eprintln!("5 MB document: {} diagnostics after {:?}", diags.len(), started.elapsed());
    // Last line is line `copies`; `**` at UTF-16 10..12 as in test (a).
    let want = ("PL101".to_string(), copies as u64, 10, copies as u64, 12);
    assert!(diags.iter().map(span_of).any(|s| s == want), "{want:?} not among {} diagnostics", diags.len());

    // Still answering, and correctly, for an ordinary document.
    let normal = server.uri("normal.txt");
    let mut model = String::from("一、工作目标\n到2027年完成。\n");
    server.did_open(&normal, 1, &model);
    server.did_change(&normal, 2, json!([{"range": lsp_range((1, 1), (1, 5)), "text": "😀"}]));
    model.replace_range(offset(&model, Enc::Utf16, 1, 1)..offset(&model, Enc::Utf16, 1, 5), "😀");
    assert_eq!(model, "一、工作目标\n到😀年完成。\n");
    assert_eq!(server.document_text(&normal), model.as_str());
    server.diagnostics(&normal, 2, DIAGNOSTICS_TIMEOUT);
    let stderr = server.stderr_text();
    assert!(!stderr.contains("panicked"), "stderr:\n{stderr}");
    server.shutdown_and_exit();
}

/// A broken or missing Content-Length is skipped: planlint's framing guard
/// (src/lsp/frame.rs) resynchronises on the next header, so the server keeps
/// answering. (tower-lsp-server 0.23's own transport exits at the first such
/// header; that is why the guard exists.)
#[test]
fn bad_content_length_is_skipped_and_the_server_keeps_answering() {
    let headers: [&[u8]; 4] = [
        b"Content-Length: abc\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"shutdown\"}",
        b"Content-Length: 99999999999\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"shutdown\"}",
        b"Content-Length: 184467440737095516160\r\n\r\n{}",
        b"Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{}",
    ];
    let mut servers: Vec<Server> = headers
        .iter()
        .map(|bytes| {
            let mut server = Server::start();
            server.initialize(&["utf-16"]);
            let uri = server.uri("draft.txt");
            server.did_open(&uri, 1, "到X年完成。\n");
            server.diagnostics(&uri, 1, DIAGNOSTICS_TIMEOUT);
            // The server may already have closed stdin; a write error is not a failure here.
            let _ = server.send_raw(bytes);
            server
        })
        .collect();
    for (server, bytes) in servers.iter_mut().zip(headers) {
        server.after = format!("the bad header {:?}", String::from_utf8_lossy(&bytes[..30]));
        let uri = server.uri("draft.txt");
        assert_eq!(server.document_text(&uri), Value::String("到X年完成。\n".into()));
        let status = server.child.try_wait().unwrap();
        assert!(status.is_none(), "the server exited after {}: {status:?}", server.after);
        let stderr = server.stderr_text();
        assert!(!stderr.contains("panicked"), "{:?} made the server panic:\n{stderr}", String::from_utf8_lossy(bytes));
        server.kill();
    }
}

// ---------------------------------------------------------------------------
// d) didClose
// ---------------------------------------------------------------------------

#[test]
fn close_clears_diagnostics() {
    let mut server = Server::start();
    server.initialize(&["utf-8", "utf-16"]);
    let uri = server.uri("draft.txt");
    let other = server.uri("other.txt");
    server.did_open(&uri, 1, "到X年，培育某某企业**家。\n");
    server.did_open(&other, 1, "到X年完成。\n");
    // UTF-8: 到 = 3 → X at 3..4; 到X年， = 10 + 培育 6 → 某某 at 16..22; + 企业 6 → ** at 28..30.
    let diags = server.diagnostics(&uri, 1, DIAGNOSTICS_TIMEOUT);
    let mut got: Vec<_> = diags.iter().map(span_of).collect();
    got.sort();
    let want: Vec<_> = [(3, 4), (16, 22), (28, 30)].map(|(s, e)| ("PL101".to_string(), 0, s, 0, e)).to_vec();
    assert_eq!(got, want);
    server.diagnostics(&other, 1, DIAGNOSTICS_TIMEOUT);

    server.notify("textDocument/didClose", json!({"textDocument": {"uri": uri}}));
    // The open version had findings, so any later empty publication for this uri comes from the close.
    let cleared = server.wait_notification(
        "textDocument/publishDiagnostics",
        |p| p["uri"] == uri.as_str() && p["diagnostics"].as_array().is_some_and(|d| d.is_empty()),
        DIAGNOSTICS_TIMEOUT,
    );
    assert_eq!(cleared["diagnostics"], json!([]));
    assert_eq!(server.document_text(&uri), Value::Null);
    // Closing one document leaves the other alone.
    assert_eq!(server.document_text(&other), "到X年完成。\n");

    // Reopening starts afresh.
    server.did_open(&uri, 1, "到2027年完成。\n");
    assert_eq!(server.diagnostics(&uri, 1, DIAGNOSTICS_TIMEOUT), Vec::<Value>::new());
    assert_eq!(server.document_text(&uri), "到2027年完成。\n");
    server.shutdown_and_exit();
}

// ---------------------------------------------------------------------------
// pull diagnostics, configuration
// ---------------------------------------------------------------------------

/// `initialize` with extra client capabilities and initialization options.
fn initialize_with(server: &mut Server, capabilities: Value, options: Value) -> Value {
    let root = format!("file://{}", server.dir.path().display());
    let result = server.request(
        "initialize",
        json!({"processId": null, "rootUri": root, "capabilities": capabilities, "initializationOptions": options}),
    );
    server.notify("initialized", json!({}));
    result
}

#[test]
fn pull_diagnostics_when_the_client_supports_them() {
    let mut server = Server::start();
    let caps = json!({"textDocument": {"diagnostic": {"dynamicRegistration": false}}});
    let init = initialize_with(&mut server, caps, Value::Null);
    assert_eq!(init["capabilities"]["diagnosticProvider"]["identifier"], "planlint", "{init}");
    let uri = server.uri("pull.txt");
    server.did_open(&uri, 1, "一、工作目标\n——新增企业**家。\n");
    let report = server.request("textDocument/diagnostic", json!({"textDocument": {"uri": uri}}));
    assert_eq!(report["kind"], "full", "{report}");
    let items = report["items"].as_array().unwrap();
    // `——新增企业` is 6 UTF-16 units: the mask is 6..8 on line 1.
    let spans: Vec<(String, u64, u64, u64, u64)> = items.iter().map(span_of).collect();
    assert_eq!(spans, [("PL101".to_string(), 1, 6, 1, 8)]);
    server.shutdown_and_exit();
}

#[test]
fn configuration_reloads_and_a_broken_file_keeps_the_last_good_one() {
    let mut server = Server::start();
    let config = server.dir.path().join("planlint.toml");
    std::fs::write(&config, "[rules]\nplaceholder = \"warning\"\n").unwrap();
    let caps = json!({"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}});
    initialize_with(&mut server, caps, Value::Null);
    let uri = server.uri("plan.txt");
    server.did_open(&uri, 1, "培育**家企业。\n");
    let severities = |d: &[Value]| d.iter().map(|d| d["severity"].as_u64().unwrap()).collect::<Vec<_>>();
    assert_eq!(severities(&server.diagnostics(&uri, 1, DIAGNOSTICS_TIMEOUT)), [2]);

    // The file changes on disk: the client tells us through the watcher we registered.
    let config_uri = format!("file://{}", config.display());
    let watched = |server: &mut Server| {
        server.notify("workspace/didChangeWatchedFiles", json!({"changes": [{"uri": config_uri, "type": 2}]}));
    };
    std::fs::write(&config, "[rules]\nplaceholder = \"off\"\n").unwrap();
    watched(&mut server);
    assert_eq!(severities(&server.diagnostics(&uri, 1, DIAGNOSTICS_TIMEOUT)), Vec::<u64>::new());

    // A broken file: an error message with its position, and the last good configuration stays.
    std::fs::write(&config, "[rules]\nplaceholder = \"loud\"\n").unwrap();
    watched(&mut server);
    let message = server.wait_notification("window/showMessage", |_| true, DIAGNOSTICS_TIMEOUT);
    assert_eq!(message["type"], 1, "{message}");
    assert!(message["message"].as_str().unwrap().contains("planlint.toml:2:15: bad level `loud`"), "{message}");
    assert_eq!(severities(&server.diagnostics(&uri, 1, DIAGNOSTICS_TIMEOUT)), Vec::<u64>::new());

    // Client settings win over the file.
    server.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"planlint": {"lang": "en", "rules": {"PL101": "error"}}}}),
    );
    let diagnostics = server.diagnostics(&uri, 1, DIAGNOSTICS_TIMEOUT);
    assert_eq!(severities(&diagnostics), [1]);
    assert!(
        diagnostics[0]["message"].as_str().unwrap().starts_with("Unfilled template placeholder"),
        "{diagnostics:?}"
    );
    server.shutdown_and_exit();
}

/// `exit` ends the process even while the client keeps our stdin open
/// (Neovim does): the server must not wait for its blocked stdin reader.
#[test]
fn exit_does_not_wait_for_stdin_to_close() {
    let mut server = Server::start();
    server.initialize(&["utf-16"]);
    server.request("shutdown", Value::Null);
    server.notify("exit", Value::Null);
    let deadline = Instant::now() + Duration::from_secs(3);
    let status = loop {
        if let Some(status) = server.child.try_wait().unwrap() {
            break status;
        }
        assert!(Instant::now() < deadline, "planlint lsp still running 3 s after `exit` with stdin open");
        thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(status.code(), Some(0));
}

/// A panic inside analysis (injected: the core itself never panics) is caught
/// and logged, and the server keeps serving that document and others.
#[test]
fn a_panic_in_analysis_is_caught_and_logged() {
    let mut server = Server::start_with_env(&[("PLANLINT_LSP_TEST_PANIC", "爆炸测试")]);
    server.initialize(&["utf-16"]);
    let uri = server.uri("boom.txt");
    server.did_open(&uri, 1, "爆炸测试\n培育**家企业。\n");
    let log = server.wait_notification("window/logMessage", |p| p["type"] == 1, DIAGNOSTICS_TIMEOUT);
    assert!(log["message"].as_str().unwrap().contains("analysis failed"), "{log}");
    // Remove the trigger: diagnostics for the new version arrive as usual.
    server.did_change(&uri, 2, json!([{"range": lsp_range((0, 0), (1, 0)), "text": ""}]));
    let spans: Vec<_> = server.diagnostics(&uri, 2, DIAGNOSTICS_TIMEOUT).iter().map(span_of).collect();
    assert_eq!(spans, [("PL101".to_string(), 0, 2, 0, 4)]);
    // A large document (analysed on the blocking pool) is caught the same way.
    let big = format!("{}爆炸测试\n", "推进科技创新工作。\n".repeat(40_000));
    let big_uri = server.uri("big.txt");
    server.did_open(&big_uri, 1, &big);
    let log = server.wait_notification("window/logMessage", |p| p["type"] == 1, DIAGNOSTICS_TIMEOUT);
    assert!(log["message"].as_str().unwrap().contains("analysis failed"), "{log}");
    assert_eq!(server.document_text(&uri), Value::String("培育**家企业。\n".into()));
    // (shutdown_and_exit would object to the injected panics' messages on stderr)
    server.kill();
}

/// Settings given at initialize survive the empty `didChangeConfiguration`
/// some clients send right after connecting (Eglot, older nvim-lspconfig).
#[test]
fn initialization_settings_survive_an_empty_configuration_change() {
    let mut server = Server::start();
    initialize_with(&mut server, json!({}), json!({"planlint": {"lang": "en"}}));
    server.notify("workspace/didChangeConfiguration", json!({"settings": null}));
    let uri = server.uri("plan.txt");
    server.did_open(&uri, 1, "培育**家企业。\n");
    let diagnostics = server.diagnostics(&uri, 1, DIAGNOSTICS_TIMEOUT);
    assert!(
        diagnostics[0]["message"].as_str().unwrap().starts_with("Unfilled template placeholder"),
        "{diagnostics:?}"
    );
    server.shutdown_and_exit();
}

// ---------------------------------------------------------------------------
// fix-all and formatting
// ---------------------------------------------------------------------------

/// Applies LSP text edits (positions in `text`) as a client does.
fn apply_edits(text: &str, enc: Enc, edits: &[Value]) -> String {
    let mut spans: Vec<(usize, usize, String)> = edits
        .iter()
        .map(|e| {
            let r = &e["range"];
            let at = |p: &Value| {
                offset(text, enc, p["line"].as_u64().unwrap() as u32, p["character"].as_u64().unwrap() as u32)
            };
            (at(&r["start"]), at(&r["end"]), e["newText"].as_str().unwrap().to_string())
        })
        .collect();
    spans.sort();
    let mut out = String::new();
    let mut at = 0;
    for (a, b, t) in spans {
        assert!(a >= at && a <= b, "edits overlap or are reversed: {edits:?}");
        out.push_str(&text[at..a]);
        out.push_str(&t);
        at = b;
    }
    out + &text[at..]
}

#[test]
fn fix_all_action_and_formatting_apply_the_safe_fixes_like_the_cli() {
    // Non-standard numbers (safe), a misspelt directive (safe), a numbering gap (unsafe), CRLF, a surrogate pair.
    let text = "二、主要任务\r\n（一）、壮大𠀀创新主体\r\n1、实施企业培育工程。（牵头单位：区科技局）\r\n\
                <!-- planlint-disable-next-line plcaeholder -->\r\n（三）优化创新环境\r\n";
    let want =
        planlint::fix_all(text, planlint::SourceKind::PlainText, &planlint::Config::default(), planlint::FixMode::Safe);
    assert!(want.changed() && want.text.contains("1.实施") && want.text.contains("（三）优化"), "{}", want.text);
    for (encodings, enc) in [(&["utf-16"][..], Enc::Utf16), (&["utf-8"][..], Enc::Utf8)] {
        let mut server = Server::start();
        let init = server.initialize(encodings);
        let caps = &init["capabilities"];
        assert_eq!(caps["documentFormattingProvider"], true, "{init}");
        assert!(
            caps["codeActionProvider"]["codeActionKinds"]
                .as_array()
                .unwrap()
                .contains(&json!("source.fixAll.planlint"))
        );
        let uri = server.uri("fixall.txt");
        server.did_open(&uri, 1, text);

        let edits = server.request(
            "textDocument/formatting",
            json!({"textDocument": {"uri": uri}, "options": {"tabSize": 4, "insertSpaces": true}}),
        );
        assert_eq!(apply_edits(text, enc, edits.as_array().unwrap()), want.text, "formatting ({encodings:?})");

        let actions = server.request(
            "textDocument/codeAction",
            json!({
                "textDocument": {"uri": uri},
                "range": lsp_range((0, 0), (0, 0)),
                "context": {"diagnostics": [], "only": ["source.fixAll"]},
            }),
        );
        let actions = actions.as_array().unwrap();
        assert_eq!(actions.len(), 1, "only the fix-all action: {actions:?}");
        assert_eq!(actions[0]["kind"], "source.fixAll.planlint");
        let change = &actions[0]["edit"]["documentChanges"][0];
        assert_eq!(change["textDocument"]["version"], 1);
        assert_eq!(apply_edits(text, enc, change["edits"].as_array().unwrap()), want.text, "fix-all ({encodings:?})");

        // Once applied, there is nothing left to format.
        server.did_change(&uri, 2, json!([{"text": want.text}]));
        let edits = server.request(
            "textDocument/formatting",
            json!({"textDocument": {"uri": uri}, "options": {"tabSize": 4, "insertSpaces": true}}),
        );
        assert_eq!(edits, json!([]));
        server.shutdown_and_exit();
    }
}

// ---------------------------------------------------------------------------
// units: rename, inlay hints, completion
// ---------------------------------------------------------------------------

/// A draft naming 市科技局 in clauses and in prose, with characters outside
/// the Basic Multilingual Plane (two UTF-16 units, four UTF-8 bytes) before
/// the units on their lines, and a longer name that must stay as it is.
const UNIT_DRAFT: &str = "二、主要任务\n\
    1.建设𠀀😀平台。（牵头单位：市科技局；责任单位：区市科技局合作中心）\n\
    2.推进𠮷转化。由市科技局会同市财政局推进。\n\
    （责任单位：市财政局、市科技局）\n";

/// `initialize` declaring rename with prepareRename, offering `encodings`.
fn initialize_for_rename(server: &mut Server, encodings: &[&str]) -> Value {
    let caps = json!({
        "general": {"positionEncodings": encodings},
        "textDocument": {"rename": {"prepareSupport": true}},
        "workspace": {"workspaceEdit": {"documentChanges": true}},
    });
    initialize_with(server, caps, Value::Null)
}

#[test]
fn rename_a_unit_in_utf16_and_utf8() {
    let want = "二、主要任务\n\
        1.建设𠀀😀平台。（牵头单位：市科学技术局；责任单位：区市科技局合作中心）\n\
        2.推进𠮷转化。由市科学技术局会同市财政局推进。\n\
        （责任单位：市财政局、市科学技术局）\n";
    for (encodings, enc) in [(&["utf-16"][..], Enc::Utf16), (&["utf-8"][..], Enc::Utf8)] {
        let mut server = Server::start();
        let init = initialize_for_rename(&mut server, encodings);
        assert_eq!(init["capabilities"]["renameProvider"], json!({"prepareProvider": true}), "{init}");
        let uri = server.uri("rename.txt");
        server.did_open(&uri, 1, UNIT_DRAFT);
        // The cursor inside 市科技局 of the first clause (after 市科).
        let unit = UNIT_DRAFT.find("市科技局；").unwrap();
        let (line, col) = position(UNIT_DRAFT, enc, unit + "市科".len());
        let at = json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": col}});
        let prepared = server.request("textDocument/prepareRename", at.clone());
        // Line 1: 1.建设 = 4 units / 8 bytes, 𠀀😀 = 4 / 8, 平台。（牵头单位： = 9 / 27.
        let (start, end) = if enc == Enc::Utf16 { (17, 21) } else { (43, 55) };
        assert_eq!(prepared, json!({"range": lsp_range((1, start), (1, end)), "placeholder": "市科技局"}), "{enc:?}");
        assert_eq!(position(UNIT_DRAFT, enc, unit), (1, start), "the hand-worked column");

        let mut params = at;
        params["newName"] = json!("市科学技术局");
        let edit = server.request("textDocument/rename", params);
        let change = &edit["documentChanges"][0];
        assert_eq!(change["textDocument"]["uri"], uri.as_str());
        assert_eq!(change["textDocument"]["version"], 1);
        let edits = change["edits"].as_array().unwrap();
        assert_eq!(edits.len(), 3, "{edit}");
        let renamed = apply_edits(UNIT_DRAFT, enc, edits);
        assert_eq!(renamed, want, "{enc:?}");

        // The editor applies the edit; the server follows, and the new name renames back.
        server.did_change(&uri, 2, json!([{"text": renamed}]));
        let back = json!({
            "textDocument": {"uri": uri},
            "position": {"line": 3, "character": if enc == Enc::Utf16 { 11 } else { 33 }},
            "newName": "市科技局",
        });
        let edit = server.request("textDocument/rename", back);
        assert_eq!(edit["documentChanges"][0]["textDocument"]["version"], 2);
        let edits = edit["documentChanges"][0]["edits"].as_array().unwrap().clone();
        assert_eq!(apply_edits(want, enc, &edits), UNIT_DRAFT, "{enc:?}");
        server.shutdown_and_exit();
    }
}

#[test]
fn prepare_rename_refuses_what_is_not_a_unit() {
    let mut server = Server::start();
    initialize_for_rename(&mut server, &["utf-16"]);
    let uri = server.uri("refuse.txt");
    server.did_open(&uri, 1, UNIT_DRAFT);
    // On 建设 (a task title), and on the label 牵头单位.
    for (line, col) in [(1, 3), (1, 12)] {
        let at = json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": col}});
        let id = server.send_request("textDocument/prepareRename", at.clone());
        let response = server.wait_response(id, REQUEST_TIMEOUT);
        assert_eq!(response["error"]["code"], -32803, "{response}");
        let message = response["error"]["message"].as_str().unwrap();
        assert!(message.starts_with("这里没有可重命名的单位"), "{message}");
        let mut params = at;
        params["newName"] = json!("新名");
        let id = server.send_request("textDocument/rename", params);
        assert_eq!(server.wait_response(id, REQUEST_TIMEOUT)["error"]["code"], -32803);
    }
    // A new name that would split the unit is refused too, in English when so configured.
    server.notify("workspace/didChangeConfiguration", json!({"settings": {"planlint": {"lang": "en"}}}));
    let params = json!({
        "textDocument": {"uri": uri},
        "position": {"line": 1, "character": 18},
        "newName": "市科技局、市财政局",
    });
    let id = server.send_request("textDocument/rename", params);
    let response = server.wait_response(id, REQUEST_TIMEOUT);
    assert_eq!(
        response["error"]["message"], "The new name cannot contain `、`: the unit name would be split there",
        "{response}"
    );
    // A client without prepareSupport gets the plain capability.
    let mut plain = Server::start();
    let init = plain.initialize(&["utf-16"]);
    assert_eq!(init["capabilities"]["renameProvider"], true, "{init}");
    plain.shutdown_and_exit();
    server.shutdown_and_exit();
}

/// Tasks whose lead is written away from their title: on the next line, and
/// on the enclosing item; one with the lead on its own line gets no hint.
const HINT_DRAFT: &str = "二、主要任务\n\
    （一）壮大创新主体（牵头单位：市发展改革委）\n\
    1.𠀀实施企业培育工程。新增企业10家。\n\
    2.建设研发平台。新建平台3个。（牵头单位：市科技局）\n\
    3.推进成果转化。\n\
    （牵头单位：市科技局；责任单位：市财政局）\n";

#[test]
fn inlay_hints_follow_the_setting() {
    let mut server = Server::start();
    let caps = json!({
        "general": {"positionEncodings": ["utf-16"]},
        "workspace": {"inlayHint": {"refreshSupport": true}},
    });
    let init = initialize_with(&mut server, caps, Value::Null);
    assert_eq!(init["capabilities"]["inlayHintProvider"], true, "{init}");
    let uri = server.uri("hints.txt");
    server.did_open(&uri, 1, HINT_DRAFT);
    let whole = json!({"textDocument": {"uri": uri}, "range": lsp_range((0, 0), (6, 0))});
    // Off by default.
    assert_eq!(server.request("textDocument/inlayHint", whole.clone()), json!([]));

    server.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"planlint": {"inlayHints": {"leadUnit": true}}}}),
    );
    let hints = server.request("textDocument/inlayHint", whole.clone());
    // After 实施企业培育工程 (line 2: 1. = 2, 𠀀 = 2, title = 8 UTF-16 units) and 推进成果转化 (line 4: 2 + 6).
    assert_eq!(
        hints,
        json!([
            {
                "position": {"line": 2, "character": 12},
                "label": "牵头：市发展改革委",
                "tooltip": "见上级事项第 2 行的责任分工",
                "paddingLeft": true,
            },
            {
                "position": {"line": 4, "character": 8},
                "label": "牵头：市科技局",
                "tooltip": "见第 6 行的责任分工",
                "paddingLeft": true,
            },
        ])
    );
    // The client was told to ask again after the change.
    server.wait_server_request("workspace/inlayHint/refresh", REQUEST_TIMEOUT);
    // Only hints inside the requested range; English labels with lang = en.
    server.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"planlint": {"lang": "en", "inlayHints": {"leadUnit": true}}}}),
    );
    let part = json!({"textDocument": {"uri": uri}, "range": lsp_range((3, 0), (5, 0))});
    let hints = server.request("textDocument/inlayHint", part);
    assert_eq!(hints.as_array().unwrap().len(), 1, "{hints}");
    assert_eq!(hints[0]["label"], "lead: 市科技局");
    assert_eq!(hints[0]["position"], json!({"line": 4, "character": 8}));
    // Off again.
    server.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"planlint": {"inlayHints": {"leadUnit": false}}}}),
    );
    assert_eq!(server.request("textDocument/inlayHint", whole), json!([]));
    server.shutdown_and_exit();
}

#[test]
fn unit_names_are_completed_after_a_lead_label() {
    let mut server = Server::start();
    server.initialize(&["utf-16"]);
    let uri = server.uri("complete.txt");
    let text = format!("{UNIT_DRAFT}3.优化𠀀服务。（牵头部门：");
    server.did_open(&uri, 1, &text);
    // Line 4: 3.优化 = 4 units, 𠀀 = 2, 服务。（牵头部门： = 9.
    let at = json!({"line": 4, "character": 15});
    let items = server.request("textDocument/completion", json!({"textDocument": {"uri": uri}, "position": at}));
    let mut items: Vec<&Value> = items.as_array().unwrap().iter().collect();
    items.sort_by_key(|i| i["sortText"].as_str().unwrap().to_string());
    let labels: Vec<&str> = items.iter().map(|i| i["label"].as_str().unwrap()).collect();
    // 市科技局 is named twice in clauses, the others once (then by name); the prose does not count.
    assert_eq!(labels, ["市科技局", "区市科技局合作中心", "市财政局"], "{items:?}");
    assert_eq!(items[0]["detail"], "本文出现 2 次");
    assert_eq!(items[0]["textEdit"], json!({"range": {"start": at, "end": at}, "newText": "市科技局"}));
    server.shutdown_and_exit();
}

#[test]
fn report_request_returns_the_html_of_the_current_copy() {
    let mut server = Server::start();
    server.initialize(&["utf-16"]);
    let uri = server.uri("report.txt");
    server.did_open(&uri, 1, HINT_DRAFT);
    let html = server.request("planlint/report", json!({"uri": uri}));
    let html = html.as_str().unwrap_or_else(|| panic!("the report is not a string: {html}"));
    assert!(html.starts_with("<!DOCTYPE html>"), "{html}");
    assert!(html.contains("<html lang=\"zh-CN\">"), "Chinese by default");
    assert!(html.contains("责任分工报告：report.txt"), "named after the file");
    assert!(html.contains("市发展改革委") && html.contains("市科技局") && html.contains("市财政局"));
    assert!(!html.contains("<script"), "no script in the page");

    // An edit is in the next report: a new unit appears, in the matrix too.
    let end = HINT_DRAFT.lines().count() as u32;
    server.did_change(
        &uri,
        2,
        json!([{"range": lsp_range((end, 0), (end, 0)), "text": "4.完善评价<体系>。（牵头单位：市统计局）\n"}]),
    );
    let html = server.request("planlint/report", json!({"uri": uri}));
    let html = html.as_str().unwrap();
    assert!(html.contains("市统计局"), "the edit is in the report");
    assert!(html.contains("完善评价&lt;体系&gt;") && !html.contains("<体系>"), "draft text is escaped");

    // The configured language.
    server.notify("workspace/didChangeConfiguration", json!({"settings": {"planlint": {"lang": "en"}}}));
    let html = server.request("planlint/report", json!({"uri": uri}));
    assert!(html.as_str().unwrap().contains("Responsibility report: report.txt"), "{html}");

    // A document the server does not have: an error response, and the server goes on.
    let closed = server.uri("never-opened.txt");
    let id = server.send_request("planlint/report", json!({"uri": closed}));
    let response = server.wait_response(id, REQUEST_TIMEOUT);
    assert_eq!(response["error"]["code"], -32602, "{response}");
    let message = response["error"]["message"].as_str().unwrap();
    assert!(message.contains("not open") && message.contains("never-opened.txt"), "{message}");
    assert!(server.request("planlint/report", json!({"uri": uri})).is_string());
    server.shutdown_and_exit();
}
