//! The `planlint` binary: the command-line shell around the `planlint` library.

#![deny(unsafe_code)]

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}
