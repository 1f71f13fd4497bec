//! The language server on an arbitrary byte stream: the frame guard
//! (`src/lsp/frame.rs`), tower-lsp's decoding and dispatch, and every handler
//! the stream's messages reach. When the stream starts with a framed message,
//! the client waits for its answer before sending the rest (`common/session.rs`).
//! The `lsp_messages` target frames its input itself to reach the handlers more often.
#![no_main]

#[path = "../../src/diff.rs"]
#[allow(dead_code)]
mod diff;
#[path = "../../src/lsp/mod.rs"]
#[allow(dead_code)]
mod lsp;
#[path = "common/session.rs"]
mod session;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    // The client waits for an answer only to an `initialize` request (nothing else is
    // sure to get one: a notification or a broken message would make it wait in vain).
    let first = session::first_message_len(data);
    let body = &data[data[..first].windows(4).position(|w| w == b"\r\n\r\n").map_or(first, |i| i + 4)..first];
    let initializes = serde_json::from_slice::<serde_json::Value>(body)
        .is_ok_and(|v| v["method"] == "initialize" && v.get("id").is_some());
    let first = if initializes { first } else { data.len() };
    session::run(data[..first].to_vec(), data[first..].to_vec());
});
