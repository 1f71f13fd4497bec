//! One server session per fuzz input: `planlint lsp`'s own code (`src/lsp`,
//! compiled into the target by the target's `#[path]` modules) serves a
//! client over in-memory pipes, on a fresh single-threaded runtime. The client
//! sends `first` (the `initialize` request), waits for the server's answer as
//! an editor does (before it, the server answers nothing else), then sends
//! `rest` and ends its stream. Checked: no panic anywhere (libfuzzer-sys
//! aborts on any panic, also one tokio would catch in a spawned task), the
//! session ends when the stream does, and everything the server wrote is
//! well-framed JSON-RPC.

use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// Longer than any session of a fuzz input can take: past it the server hangs.
const SESSION_LIMIT: Duration = Duration::from_secs(20);
/// How long the client waits for the answer to `first` (none comes if it is not a request).
const ANSWER_LIMIT: Duration = Duration::from_secs(2);
/// How long spawned work (analyses, publications) may run on after the session ended.
const DRAIN_LIMIT: Duration = Duration::from_millis(500);

pub fn run(first: Vec<u8>, rest: Vec<u8>) {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a runtime");
    let output = runtime.block_on(async {
        let (mut client, server_in) = tokio::io::duplex(1 << 16);
        let (server_out, mut from_server) = tokio::io::duplex(1 << 16);
        let (seen, mut seen_rx) = tokio::sync::watch::channel(0usize);
        let reader = tokio::spawn(async move {
            let mut out = Vec::new();
            let mut buf = vec![0; 1 << 14];
            while let Ok(n @ 1..) = from_server.read(&mut buf).await {
                out.extend_from_slice(&buf[..n]);
                seen.send_replace(out.len());
            }
            out
        });
        let send = async move {
            // A write fails only when the server stopped reading (after `exit`).
            if client.write_all(&first).await.is_ok() && !rest.is_empty() {
                let _ = tokio::time::timeout(ANSWER_LIMIT, seen_rx.wait_for(|&n| n > 0)).await;
                let _ = client.write_all(&rest).await;
            }
            let _ = client.shutdown().await;
        };
        let served = tokio::time::timeout(SESSION_LIMIT, crate::lsp::serve(server_in, server_out));
        let ((), served) = tokio::join!(send, served);
        if served.is_err() {
            panic!("the server did not end its session within {SESSION_LIMIT:?}");
        }
        // Analyses are spawned: let them run (and publish into the closed
        // client). The runtime has one thread, so while this task sleeps every
        // task that can run does; when the number of tasks stays the same over a
        // few sleeps, those left wait for the client (a registration), forever.
        let metrics = tokio::runtime::Handle::current().metrics();
        let deadline = tokio::time::Instant::now() + DRAIN_LIMIT;
        let (mut alive, mut still) = (usize::MAX, 0);
        while still < 3 && tokio::time::Instant::now() < deadline {
            tokio::time::sleep(Duration::from_micros(200)).await;
            let now = metrics.num_alive_tasks();
            still = if now == alive { still + 1 } else { 0 };
            alive = now;
        }
        tokio::time::timeout(DRAIN_LIMIT, reader).await.ok().and_then(Result::ok).unwrap_or_default()
    });
    runtime.shutdown_timeout(DRAIN_LIMIT);
    check_framing(&output);
}

/// The server's output is a sequence of `Content-Length: N\r\n\r\n` + a JSON-RPC object.
fn check_framing(mut out: &[u8]) {
    while !out.is_empty() {
        let end = out.windows(4).position(|w| w == b"\r\n\r\n").expect("a header ends with an empty line");
        let header = std::str::from_utf8(&out[..end]).expect("the header is ASCII");
        let length: usize = header
            .split("\r\n")
            .find_map(|l| l.strip_prefix("Content-Length: "))
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("no Content-Length in {header:?}"));
        let body = &out[end + 4..end + 4 + length];
        let value: serde_json::Value = serde_json::from_slice(body).expect("the body is JSON");
        assert_eq!(value["jsonrpc"], "2.0", "{value}");
        out = &out[end + 4 + length..];
    }
}

/// Where the first message of a client's stream ends, if it starts with a
/// well-formed `Content-Length` header (else 0: the whole stream goes at once).
#[allow(dead_code)]
pub fn first_message_len(data: &[u8]) -> usize {
    let Some(end) = data.windows(4).position(|w| w == b"\r\n\r\n") else { return 0 };
    let Ok(header) = std::str::from_utf8(&data[..end]) else { return 0 };
    let length = header.split("\r\n").find_map(|l| {
        let (name, value) = l.split_once(':')?;
        name.trim().eq_ignore_ascii_case("content-length").then(|| value.trim().parse::<usize>().ok())?
    });
    length.map_or(0, |n| (end + 4).saturating_add(n).min(data.len()))
}
