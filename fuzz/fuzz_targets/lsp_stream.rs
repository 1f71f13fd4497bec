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
    let first = session::first_message_len(data);
    session::run(data[..first].to_vec(), data[first..].to_vec());
});
