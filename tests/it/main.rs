//! The one integration-test binary: features exercised through the public
//! API and the built `planlint` binary.

mod cli;
mod docs;
mod docx;
mod emacs;
mod fix;
mod formats;
mod gen_corpus;
mod lsp;
mod nvim;
mod precommit;
mod props;
mod report;
mod residue;
mod schema;
mod seeds;
mod support;
mod t2s;
mod tidy;
mod vscode;
