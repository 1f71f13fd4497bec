//! The one integration-test binary: features exercised through the public
//! API and the built `planlint` binary.

mod cli;
mod docs;
mod emacs;
mod fix;
mod formats;
mod fuzz;
mod gen_corpus;
mod lsp;
mod nvim;
mod precommit;
mod props;
mod residue;
mod schema;
mod seeds;
mod support;
mod t2s;
mod tidy;
mod vscode;
