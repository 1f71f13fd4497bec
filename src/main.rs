//! The `planlint` binary: the command-line shell around the `planlint` library.

#![deny(unsafe_code)]

mod cli;
mod diff;
mod lsp;

fn main() -> std::process::ExitCode {
    cli::main()
}
