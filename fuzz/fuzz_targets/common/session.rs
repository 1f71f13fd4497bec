//! One server session per fuzz input: `planlint lsp`'s own code (`src/lsp`,
//! compiled into the target by the target's `#[path]` modules) serves a
//! client whose whole stream is `input`, on a fresh single-threaded runtime,
//! writing into memory. Checked: no panic anywhere (libfuzzer-sys aborts on
//! any panic, also one tokio would catch in a spawned task), the session ends
//! when the stream does, and everything the server wrote is well-framed JSON.

use std::time::Duration;

/// Longer than any session of a fuzz input can take: past it the server hangs.
const SESSION_LIMIT: Duration = Duration::from_secs(20);
/// How long spawned work (analyses, publications) may run on after the stream ended.
const DRAIN_LIMIT: Duration = Duration::from_millis(500);

pub fn run(input: Vec<u8>) {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a runtime");
    let output = runtime.block_on(async {
        let mut output = Vec::new();
        let served = crate::lsp::serve(std::io::Cursor::new(input), &mut output);
        if tokio::time::timeout(SESSION_LIMIT, served).await.is_err() {
            panic!("the server did not end its session within {SESSION_LIMIT:?} of the end of its input");
        }
        // Analyses are spawned: let them run (and publish into the closed client).
        let metrics = tokio::runtime::Handle::current().metrics();
        let deadline = tokio::time::Instant::now() + DRAIN_LIMIT;
        while metrics.num_alive_tasks() > 0 && tokio::time::Instant::now() < deadline {
            tokio::time::sleep(Duration::from_micros(100)).await;
        }
        output
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
