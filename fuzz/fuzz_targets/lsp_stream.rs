//! The language server on an arbitrary byte stream: the frame guard
//! (`src/lsp/frame.rs`), tower-lsp's decoding and dispatch, and every handler
//! the stream's messages reach. Most inputs die in the framing; the
//! `lsp_messages` target frames its input itself to reach the handlers.
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
    session::run(data.to_vec());
});
