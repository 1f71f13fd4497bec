//! The integration tests that need nothing outside this repository: features
//! exercised through the public API and the built `planlint` binary. Tests
//! that need a tool (an editor, a validator) or the shared corpus are in
//! `tests/external`, where they show as ignored when it is missing.

mod cli;
mod config_cases;
mod docs;
mod docx;
mod docx_writer;
mod fix;
mod formats;
mod fuzz;
mod lsp;
mod props;
mod report;
mod residue;
mod schema;
mod support;
mod t2s;
mod tidy;
