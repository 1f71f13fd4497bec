//! The language server's handlers on arbitrary messages. The input is a list
//! of JSON-RPC bodies separated by NUL bytes (which valid JSON never holds raw);
//! each is framed with its true `Content-Length`, so that mutations reach the
//! handlers instead of the framing. Unless the first body is an `initialize`
//! request, one is put in front (UTF-16 positions, pushed diagnostics), since
//! the server answers nothing else before it; the client waits for its answer
//! before it sends the rest (`common/session.rs`).
#![no_main]

#[path = "../../src/diff.rs"]
#[allow(dead_code)]
mod diff;
#[path = "../../src/lsp/mod.rs"]
#[allow(dead_code)]
mod lsp;
#[path = "common/session.rs"]
mod session;

const INITIALIZE: &str = r#"{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"capabilities":{}}}"#;

fn frame(out: &mut Vec<u8>, body: &[u8]) {
    out.extend_from_slice(format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes());
    out.extend_from_slice(body);
}

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let mut bodies: Vec<&[u8]> = data.split(|&b| b == 0).filter(|b| !b.is_empty()).collect();
    let initializes = bodies.first().is_some_and(|b| {
        serde_json::from_slice::<serde_json::Value>(b)
            .is_ok_and(|v| v["method"] == "initialize" && v.get("id").is_some())
    });
    let mut first = Vec::new();
    if initializes {
        frame(&mut first, bodies.remove(0));
    } else {
        frame(&mut first, INITIALIZE.as_bytes());
    }
    let mut rest = Vec::with_capacity(data.len() + 32 * bodies.len());
    for body in bodies {
        frame(&mut rest, body);
    }
    session::run(first, rest);
});
