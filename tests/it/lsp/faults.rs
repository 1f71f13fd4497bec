//! Faults the server must survive, over stdio like the rest of `lsp.rs`: the
//! client dying in the middle of a message, a change older than the text held,
//! documents over the size limit (16 MiB; 100 MB), a flood of changes, and the
//! workspace's `planlint.toml` deleted or replaced by a directory.

use std::thread;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use super::{DIAGNOSTICS_TIMEOUT, Enc, Server, expected_spans, initialize_with, is_notification, lsp_range, span_of};

/// Waits for the process to end by itself (stdin closed); its exit status.
fn wait_exit(server: &mut Server, within: Duration) -> std::process::ExitStatus {
    let deadline = Instant::now() + within;
    loop {
        if let Some(status) = server.child.try_wait().unwrap() {
            server.done = true;
            return status;
        }
        assert!(Instant::now() < deadline, "planlint lsp still running {within:?} after {}", server.after);
        thread::sleep(Duration::from_millis(20));
    }
}

/// The client dies (its end of stdin closes) in the middle of a message: in
/// the headers, in a body, or in a body after `shutdown`. The server ends at
/// once, without a panic and with nothing half-written on stdout; its status
/// is 1, LSP's code for an end without `shutdown`, and 0 after `shutdown`.
#[test]
fn client_death_mid_message_ends_the_server_cleanly() {
    let cases: [(&str, &[u8], bool, i32); 3] = [
        ("in the headers", b"Content-Len", false, 1),
        (
            "in a body",
            b"Content-Length: 200\r\n\r\n{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didChange\",",
            false,
            1,
        ),
        ("in a body after shutdown", b"Content-Length: 90\r\n\r\n{\"jsonrpc\":\"2.0\",\"me", true, 0),
    ];
    for (what, bytes, shutdown, code) in cases {
        let mut server = Server::start();
        server.initialize(&["utf-16"]);
        let uri = server.uri("draft.txt");
        server.did_open(&uri, 1, "培育**家企业。\n");
        server.diagnostics(&uri, 1, DIAGNOSTICS_TIMEOUT);
        if shutdown {
            server.request("shutdown", Value::Null);
        }
        server.send_raw(bytes).unwrap();
        server.stdin = None;
        server.after = format!("the client died {what}");
        let status = wait_exit(&mut server, Duration::from_secs(5));
        assert_eq!(status.code(), Some(code), "{what}: {status}; stderr:\n{}", server.stderr_text());
        let stderr = server.stderr_text();
        assert!(!stderr.contains("panicked"), "{what}: stderr:\n{stderr}");
        if code == 1 {
            assert!(stderr.contains("without a shutdown request"), "{what}: stderr:\n{stderr}");
        }
        // Every message the server wrote is whole (the reader saw a clean end of stream).
        while let Ok(msg) = server.incoming.recv_timeout(Duration::from_secs(1)) {
            assert!(msg.is_ok(), "{what}: {msg:?}");
        }
    }
}

/// A `didChange` for a version older than the one held is not applied: the
/// server logs it and keeps the newer text, which hover, diagnostics and
/// the next change all see.
#[test]
fn a_change_older_than_the_text_held_is_logged_and_ignored() {
    let mut server = Server::start();
    server.initialize(&["utf-16"]);
    let uri = server.uri("plan.txt");
    server.did_open(&uri, 1, "一、工作目标\n");
    let newer = "二、重点任务\n1.推进产业升级。（牵头单位：市发改委）\n";
    server.did_change(&uri, 5, json!([{"text": newer}]));
    assert_eq!(server.diagnostics(&uri, 5, DIAGNOSTICS_TIMEOUT), Vec::<Value>::new());
    // Version 3 would put a placeholder into the lead unit: `市发改委` is at 14..18 on line 1.
    server.did_change(&uri, 3, json!([{"range": lsp_range((1, 14), (1, 18)), "text": "某某单位"}]));
    let log = server.wait_notification("window/logMessage", |p| p["type"] == 2, DIAGNOSTICS_TIMEOUT);
    let message = log["message"].as_str().unwrap();
    assert!(message.contains("version 3") && message.contains("version 5"), "{log}");
    assert_eq!(server.document_text(&uri), newer);
    let hover = server
        .request("textDocument/hover", json!({"textDocument": {"uri": uri}, "position": {"line": 1, "character": 0}}));
    let shown = hover["contents"]["value"].as_str().unwrap_or_else(|| panic!("hover on the task: {hover}"));
    assert!(shown.contains("市发改委") && !shown.contains("某某"), "{shown}");
    // The next change applies to the newer text.
    server.did_change(&uri, 6, json!([{"range": lsp_range((1, 2), (1, 2)), "text": "到X年"}]));
    let model = "二、重点任务\n1.到X年推进产业升级。（牵头单位：市发改委）\n";
    assert_eq!(server.document_text(&uri), model);
    let mut got: Vec<_> = server.diagnostics(&uri, 6, DIAGNOSTICS_TIMEOUT).iter().map(span_of).collect();
    got.sort();
    assert_eq!(got, expected_spans(model, Enc::Utf16));
    assert!(!got.is_empty());
    let stale = server.backlog.iter().filter(|m| is_notification(m, "textDocument/publishDiagnostics"));
    assert!(stale.clone().all(|m| m["params"]["version"] != 3), "{:?}", stale.collect::<Vec<_>>());
    server.shutdown_and_exit();
}

/// The server's peak resident memory in KiB (Linux: `VmHWM` in `/proc`).
#[cfg(target_os = "linux")]
fn peak_rss_kib(server: &Server) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{}/status", server.child.id())).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// `{"jsonrpc","method":"textDocument/didOpen",…}` framed, with a text of
/// `paragraphs` copies of `paragraph` (which must need no JSON escape but `\n`),
/// built without a second copy of the text.
fn framed_did_open(uri: &str, paragraph: &str, paragraphs: usize) -> Vec<u8> {
    let escaped = paragraph.replace('\n', "\\n");
    let head = format!(
        r#"{{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{{"textDocument":{{"uri":"{uri}","languageId":"plaintext","version":1,"text":""#
    );
    let tail = r#""}}}"#;
    let length = head.len() + escaped.len() * paragraphs + tail.len();
    let mut out = format!("Content-Length: {length}\r\n\r\n{head}").into_bytes();
    out.reserve(escaped.len() * paragraphs + tail.len());
    for _ in 0..paragraphs {
        out.extend_from_slice(escaped.as_bytes());
    }
    out.extend_from_slice(tail.as_bytes());
    out
}

/// A 100 MB `didOpen` is over the limit and too large to read: the server
/// skips it unread (its memory stays far below the message's size), says why
/// in a `window/showMessage`, publishes no findings for it, and answers no
/// request from a text it does not have, until a whole-text change gives it
/// a text it can read. A request over the limit gets an error response.
#[test]
fn a_100_mb_document_is_refused_with_a_message() {
    let mut server = Server::start();
    server.initialize(&["utf-16"]);
    let uri = server.uri("huge.txt");
    let paragraph = "（一）推进产业转型升级。市工业和信息化局牵头，完成技术改造项目120个。\n";
    let paragraphs = 100_000_000 / paragraph.len() + 1;
    server.send_raw(&framed_did_open(&uri, paragraph, paragraphs)).unwrap();
    server.after = "a 100 MB didOpen".into();
    let shown = server.wait_notification("window/showMessage", |_| true, Duration::from_secs(60));
    assert_eq!(shown["type"], 2, "a warning: {shown}");
    let text = shown["message"].as_str().unwrap();
    assert!(text.contains("huge.txt: 文件过大（") && text.contains("16 MiB"), "{shown}");
    assert_eq!(server.diagnostics(&uri, 1, DIAGNOSTICS_TIMEOUT), Vec::<Value>::new());
    assert_eq!(server.document_text(&uri), Value::Null);
    let at = json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}});
    assert_eq!(server.request("textDocument/hover", at), Value::Null);
    #[cfg(target_os = "linux")]
    {
        let peak = peak_rss_kib(&server).expect("VmHWM in /proc");
        assert!(peak < 64 * 1024, "peak RSS {peak} KiB after a 100 MB message: it was read into memory");
    }

    // A range change has nothing to apply to; a whole text does.
    server.did_change(&uri, 2, json!([{"range": lsp_range((0, 0), (0, 0)), "text": "新"}]));
    let log = server.wait_notification("window/logMessage", |p| p["type"] == 2, DIAGNOSTICS_TIMEOUT);
    assert!(log["message"].as_str().unwrap().contains("waiting for the whole text"), "{log}");
    assert_eq!(server.document_text(&uri), Value::Null);
    server.did_change(&uri, 3, json!([{"text": "到X年完成。\n"}]));
    let spans: Vec<_> = server.diagnostics(&uri, 3, DIAGNOSTICS_TIMEOUT).iter().map(span_of).collect();
    assert_eq!(spans, [("PL101".to_string(), 0, 1, 0, 2)]);
    assert_eq!(server.document_text(&uri), "到X年完成。\n");

    // A request too large to read: an error naming the limit, and the server goes on.
    let id = server.next_id;
    server.next_id += 1;
    let junk = "x".repeat(40 << 20);
    let body = format!(r#"{{"jsonrpc":"2.0","id":{id},"method":"planlint/documentText","params":{{"uri":"{junk}"}}}}"#);
    server.send_raw(&super::frame(body.as_bytes())).unwrap();
    drop((junk, body));
    let response = server.wait_response(id, Duration::from_secs(60));
    let error = response["error"]["message"].as_str().unwrap_or_else(|| panic!("an error: {response}"));
    assert!(error.contains("16 MiB"), "{response}");
    assert_eq!(server.document_text(&uri), "到X年完成。\n");
    server.shutdown_and_exit();
}

/// A document a little over the limit (read, not analysed): a message, no
/// findings; the server keeps its text, so that cutting it down below the
/// limit with a range change brings the findings back.
#[test]
fn a_document_over_the_limit_is_not_analysed_until_it_shrinks() {
    let mut server = Server::start();
    server.initialize(&["utf-16"]);
    let uri = server.uri("long.txt");
    let filler = "推进科技创新工作。\n";
    let lines = planlint::MAX_INPUT_BYTES / filler.len() + 1;
    let text = format!("培育**家企业。\n{}", filler.repeat(lines));
    assert!(text.len() > planlint::MAX_INPUT_BYTES);
    server.did_open(&uri, 1, &text);
    drop(text);
    let shown = server.wait_notification("window/showMessage", |_| true, Duration::from_secs(60));
    assert!(shown["message"].as_str().unwrap().contains("16 MiB"), "{shown}");
    assert_eq!(server.diagnostics(&uri, 1, Duration::from_secs(30)), Vec::<Value>::new());
    server.did_change(&uri, 2, json!([{"range": lsp_range((1, 0), (lines as u32 + 1, 0)), "text": ""}]));
    let spans: Vec<_> = server.diagnostics(&uri, 2, Duration::from_secs(30)).iter().map(span_of).collect();
    assert_eq!(spans, [("PL101".to_string(), 0, 2, 0, 4)]);
    assert_eq!(server.document_text(&uri), "培育**家企业。\n");
    server.shutdown_and_exit();
}

/// Ten thousand changes sent as fast as the client can (well within a
/// second or two): the server does not analyse or publish per change; the
/// last text wins, and its diagnostics are the last published.
#[test]
fn a_flood_of_changes_is_coalesced() {
    const CHANGES: i64 = 10_000;
    let mut server = Server::start();
    server.initialize(&["utf-16"]);
    let uri = server.uri("flood.txt");
    let mut model = String::from("一、工作目标\n——新增企业家。\n");
    server.did_open(&uri, 1, &model);
    server.diagnostics(&uri, 1, DIAGNOSTICS_TIMEOUT);
    let before = server.request("planlint/stats", Value::Null)["analyses"].as_u64().unwrap();
    let started = Instant::now();
    for version in 2..=CHANGES + 1 {
        // Type `1` before `家` on line 1 (UTF-16 column 6), then delete it, and so on.
        let change = if version % 2 == 0 {
            model.insert(model.find("家").unwrap(), '1');
            json!({"range": lsp_range((1, 6), (1, 6)), "text": "1"})
        } else {
            model.remove(model.find("1家").unwrap());
            json!({"range": lsp_range((1, 6), (1, 7)), "text": ""})
        };
        server.did_change(&uri, version, json!([change]));
    }
    // The last change leaves a placeholder.
    let last = CHANGES + 2;
    server.did_change(&uri, last, json!([{"range": lsp_range((1, 6), (1, 6)), "text": "**"}]));
    model.insert_str(model.find("家").unwrap(), "**");
    let sent = started.elapsed();
    let mut got: Vec<_> = server.diagnostics(&uri, last, Duration::from_secs(60)).iter().map(span_of).collect();
    got.sort();
    assert_eq!(got, expected_spans(&model, Enc::Utf16));
    assert_eq!(got, [("PL101".to_string(), 1, 6, 1, 8)]);
    assert_eq!(server.document_text(&uri), model.as_str());
    let publishes = 1 + server
        .backlog
        .iter()
        .filter(|m| is_notification(m, "textDocument/publishDiagnostics") && m["params"]["uri"] == uri.as_str())
        .count();
    let analyses = server.request("planlint/stats", Value::Null)["analyses"].as_u64().unwrap() - before;
    let what = format!("{CHANGES} changes sent in {sent:?}: {analyses} analyses, {publishes} publishes");
    assert!(analyses <= 100 && publishes <= 100, "{what}");
    server.shutdown_and_exit();
}

/// The workspace's `planlint.toml` is deleted, replaced by a directory, and
/// written again while a document is open: no crash; a message each time it
/// stops applying; the defaults meanwhile; the file's settings once it is back.
#[test]
fn planlint_toml_deleted_or_replaced_by_a_directory() {
    let mut server = Server::start();
    let config = server.dir.path().join("planlint.toml");
    std::fs::write(&config, "[rules]\nplaceholder = \"warning\"\n").unwrap();
    let caps = json!({"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}});
    initialize_with(&mut server, caps, Value::Null);
    let uri = server.uri("plan.txt");
    server.did_open(&uri, 1, "培育**家企业。\n");
    let is_ours =
        |m: &Value| is_notification(m, "textDocument/publishDiagnostics") && m["params"]["uri"] == uri.as_str();
    // Waits for the document's findings to have these severities. (Consecutive steps
    // expect different ones, so a publication left over from the step before cannot pass.)
    let expect = |server: &mut Server, want: &[u64]| {
        let severities = |p: &Value| -> Vec<u64> {
            p["diagnostics"].as_array().unwrap().iter().map(|d| d["severity"].as_u64().unwrap()).collect()
        };
        server.wait_notification(
            "textDocument/publishDiagnostics",
            |p| p["uri"] == uri.as_str() && severities(p) == want,
            DIAGNOSTICS_TIMEOUT,
        );
    };
    expect(&mut server, &[2]);
    let config_uri = format!("file://{}", config.display());
    let watched = |server: &mut Server, kinds: &[u8]| {
        server.backlog.retain(|m| !is_ours(m));
        let changes: Vec<Value> = kinds.iter().map(|k| json!({"uri": config_uri, "type": k})).collect();
        server.notify("workspace/didChangeWatchedFiles", json!({"changes": changes}));
    };
    let message = |server: &mut Server| server.wait_notification("window/showMessage", |_| true, DIAGNOSTICS_TIMEOUT);

    // Deleted: the defaults (placeholder is an error), and a message.
    std::fs::remove_file(&config).unwrap();
    watched(&mut server, &[3]);
    let shown = message(&mut server);
    assert_eq!(shown["type"], 3, "{shown}");
    assert!(shown["message"].as_str().unwrap().contains("planlint.toml 已删除，改用默认配置"), "{shown}");
    expect(&mut server, &[1]);

    // Back: its settings apply.
    std::fs::write(&config, "[rules]\nplaceholder = \"info\"\n").unwrap();
    watched(&mut server, &[1]);
    expect(&mut server, &[3]);

    // A directory in its place: the defaults, and a warning.
    std::fs::remove_file(&config).unwrap();
    std::fs::create_dir(&config).unwrap();
    watched(&mut server, &[3, 1]);
    let shown = message(&mut server);
    assert_eq!(shown["type"], 2, "{shown}");
    assert!(shown["message"].as_str().unwrap().contains("planlint.toml 是目录，不是配置文件；改用默认配置"), "{shown}");
    expect(&mut server, &[1]);

    // A valid file again.
    std::fs::remove_dir(&config).unwrap();
    std::fs::write(&config, "[rules]\nplaceholder = \"warning\"\n").unwrap();
    watched(&mut server, &[1]);
    expect(&mut server, &[2]);
    let stderr = server.stderr_text();
    assert!(!stderr.contains("panicked"), "{stderr}");
    server.shutdown_and_exit();
}
