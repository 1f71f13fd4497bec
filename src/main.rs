//! The `planlint` binary: the command-line shell around the `planlint` library.

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}
