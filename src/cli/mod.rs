//! The `planlint` command line: the shell that reads files, finds
//! configuration, runs the core in parallel and prints. The core never does
//! IO; everything here does.
#![allow(clippy::print_stdout, clippy::print_stderr)]

mod decode;
mod files;
mod github;
mod render;
mod sarif;

use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Parser, Subcommand, ValueEnum};
use rayon::prelude::*;

use planlint::{Config, Lang, LineIndex, Severity};

use files::Target;
use render::Style;

#[derive(Parser)]
#[command(
    name = "planlint",
    version,
    about = "Lints drafts of Chinese government work plans (工作要点, 实施方案, 行动计划)",
    long_about = None,
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check drafts (files, directories, or `-` for standard input).
    Check(CheckArgs),
    /// List the rules.
    Rules {
        /// Language of the summaries.
        #[arg(long, value_parser = parse_lang)]
        lang: Option<Lang>,
    },
    /// Print a rule's documentation.
    Explain {
        /// Rule name or code, e.g. `placeholder` or `PL101`.
        rule: String,
    },
    /// Run the language server on standard input and output (for editors).
    Lsp,
    /// Print the JSON schema of planlint.toml (kept in `schema/planlint.schema.json`).
    #[command(hide = true)]
    Schema,
    /// Show the outline planlint understood: sections, tasks, lead units, targets.
    Outline {
        /// A draft, or `-` for standard input.
        path: PathBuf,
        /// Name of the file read from standard input (decides Markdown or plain text).
        #[arg(long)]
        stdin_filename: Option<String>,
    },
}

#[derive(clap::Args)]
struct CheckArgs {
    /// Files or directories to check; `-` reads standard input. Default: the current directory.
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Language of messages (zh or en). Overrides `lang` in planlint.toml.
    #[arg(long, value_parser = parse_lang)]
    lang: Option<Lang>,
    /// Exit with status 1 on warnings too, not only on errors.
    #[arg(long)]
    strict: bool,
    /// Use this configuration file instead of looking for planlint.toml.
    #[arg(long)]
    config: Option<PathBuf>,
    /// Name of the file read from standard input (for messages, Markdown detection and config discovery).
    #[arg(long)]
    stdin_filename: Option<String>,
    /// When to use colours in human output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// Findings with code frames and a summary line.
    Human,
    /// A JSON array of findings (columns count characters).
    Json,
    /// One SARIF 2.1.0 log, for GitHub code scanning (columns count UTF-16 code units).
    Sarif,
    /// GitHub Actions workflow commands (`::error file=…::…`), one per finding.
    Github,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    Lang::parse(s).ok_or_else(|| format!("unknown language `{s}`; expected `zh` or `en`"))
}

/// Exit status 2: usage, configuration or IO failure.
const FAILURE: u8 = 2;

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Check(args) => check(args),
        Command::Rules { lang } => rules(lang.unwrap_or_default()),
        Command::Explain { rule } => explain(&rule),
        Command::Outline { path, stdin_filename } => outline(path, stdin_filename),
        Command::Schema => schema(),
        Command::Lsp => return crate::lsp::run(),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(Failure::BrokenPipe) => ExitCode::SUCCESS,
        Err(Failure::Reported) => ExitCode::from(FAILURE),
    }
}

/// How a command failed once its message is printed.
enum Failure {
    /// Errors were printed to stderr.
    Reported,
    /// The reader of our output went away (`planlint check | head`): stop quietly.
    BrokenPipe,
}

impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Failure {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            Failure::BrokenPipe
        } else {
            eprintln!("planlint: error: cannot write output: {e}");
            Failure::Reported
        }
    }
}

fn error(message: impl std::fmt::Display) {
    eprintln!("planlint: error: {message}");
}

/// What one file produced.
struct FileResult {
    counts: [usize; 4],
    /// Rendered findings (human) or JSON objects.
    output: String,
}

fn check(args: CheckArgs) -> Result<u8, Failure> {
    let cwd = std::env::current_dir().map_err(|e| {
        error(format!("cannot read the current directory: {e}"));
        Failure::Reported
    })?;
    let mut configs = files::Configs::new(args.config.as_deref(), args.lang).map_err(|e| {
        error(e);
        Failure::Reported
    })?;
    let lang = args.lang.unwrap_or_else(|| configs.lang_for_dir(&cwd));

    let paths = if args.paths.is_empty() { vec![PathBuf::from(".")] } else { args.paths.clone() };
    let (targets, mut failed) = files::collect(&paths, args.stdin_filename.as_deref(), lang);

    // Configuration is resolved up front, so a broken planlint.toml stops the
    // run before any output.
    let mut jobs: Vec<(Target, Arc<Config>)> = Vec::with_capacity(targets.len());
    for target in targets {
        match configs.for_target(&target, &cwd) {
            Ok(config) => jobs.push((target, config)),
            Err(e) => {
                error(e);
                return Err(Failure::Reported);
            }
        }
    }

    let style = Style {
        color: match args.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
        },
    };
    let format = args.format;
    let results: Vec<Result<FileResult, String>> =
        jobs.par_iter().map(|(target, config)| check_one(target, config, format, style, &cwd)).collect();

    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut counts = [0usize; 4];
    let mut checked = 0;
    // JSON and SARIF: whether no finding has been written yet (for the commas).
    let mut first = true;
    let mut unreadable = Vec::new();
    match format {
        Format::Json => out.write_all(b"[")?,
        Format::Sarif => out.write_all(sarif::header(&cwd, lang).as_bytes())?,
        Format::Human | Format::Github => {}
    }
    for result in results {
        match result {
            Ok(r) => {
                checked += 1;
                for (total, n) in counts.iter_mut().zip(r.counts) {
                    *total += n;
                }
                if !r.output.is_empty() {
                    match format {
                        Format::Json => out.write_all(if first { b"\n" } else { b",\n" })?,
                        Format::Sarif => {
                            out.write_all(if first { sarif::FIRST } else { sarif::SEPARATOR }.as_bytes())?
                        }
                        Format::Human | Format::Github => {}
                    }
                    first = false;
                }
                out.write_all(r.output.as_bytes())?;
            }
            Err(message) => {
                out.flush()?;
                eprintln!("planlint: error: {message}");
                failed = true;
                unreadable.push(message);
            }
        }
    }
    match format {
        Format::Json => out.write_all(if first { b"]\n" } else { b"\n]\n" })?,
        Format::Human => writeln!(out, "{}", render::summary(&counts, checked, lang))?,
        Format::Sarif => out.write_all(sarif::footer(!first, !failed, &unreadable).as_bytes())?,
        Format::Github => {}
    }
    out.flush()?;

    if failed {
        return Ok(FAILURE);
    }
    let [errors, warnings, _, _] = counts;
    Ok(u8::from(errors > 0 || (args.strict && warnings > 0)))
}

fn check_one(target: &Target, config: &Config, format: Format, style: Style, cwd: &Path) -> Result<FileResult, String> {
    let text = files::read(target, config.lang)?;
    let analysis = planlint::analyze(&text, target.kind, config);
    let mut counts = [0usize; 4];
    for d in &analysis.diagnostics {
        counts[match d.severity {
            Severity::Error => 0,
            Severity::Warning => 1,
            Severity::Info => 2,
            Severity::Hint => 3,
        }] += 1;
    }
    let mut output = String::new();
    if analysis.diagnostics.is_empty() {
        return Ok(FileResult { counts, output });
    }
    let index = LineIndex::new(&text);
    match format {
        Format::Human => {
            for d in &analysis.diagnostics {
                render::human(&mut output, &target.display, &text, &index, d, config.lang, style);
                output.push('\n');
            }
        }
        Format::Json => {
            let items: Vec<String> = analysis
                .diagnostics
                .iter()
                .map(|d| {
                    let finding = render::json_finding(&target.display, &text, &index, d);
                    format!("  {}", serde_json::to_string(&finding).expect("findings serialise"))
                })
                .collect();
            output = items.join(",\n");
        }
        Format::Sarif => {
            let path = match &target.input {
                files::Input::File(path) => path.as_path(),
                files::Input::Stdin => Path::new(&target.display),
            };
            let artifact = sarif::artifact_location(path, cwd);
            let items: Vec<String> = analysis
                .diagnostics
                .iter()
                .map(|d| {
                    let result = sarif::result(&artifact, &text, &index, d);
                    serde_json::to_string(&result).expect("results serialise")
                })
                .collect();
            output = items.join(sarif::SEPARATOR);
        }
        Format::Github => {
            for d in &analysis.diagnostics {
                github::annotation(&mut output, &target.display, &text, &index, d);
            }
        }
    }
    Ok(FileResult { counts, output })
}

fn rules(lang: Lang) -> Result<u8, Failure> {
    let mut out = std::io::stdout().lock();
    for rule in planlint::rules::all() {
        writeln!(out, "{}  {:<24} {:<8} {}", rule.code, rule.name, rule.default_severity.as_str(), rule.summary(lang))?;
    }
    Ok(0)
}

fn explain(name: &str) -> Result<u8, Failure> {
    let Some(rule) = planlint::rules::find(name) else {
        let known: Vec<String> = planlint::rules::all().map(|r| format!("{} ({})", r.name, r.code)).collect();
        error(format!("unknown rule `{name}`; rules are: {}", known.join(", ")));
        return Err(Failure::Reported);
    };
    let mut out = std::io::stdout().lock();
    writeln!(out, "# {} ({})\n", rule.name, rule.code)?;
    writeln!(out, "{}\n", rule.summary_zh)?;
    writeln!(out, "Default severity: {}\n", rule.default_severity.as_str())?;
    write!(out, "{}", rule.docs_text())?;
    Ok(0)
}

fn schema() -> Result<u8, Failure> {
    let text = serde_json::to_string_pretty(&planlint::config::json_schema()).expect("the schema serialises");
    writeln!(std::io::stdout().lock(), "{text}")?;
    Ok(0)
}

fn outline(path: PathBuf, stdin_filename: Option<String>) -> Result<u8, Failure> {
    let (targets, failed) = files::collect(&[path], stdin_filename.as_deref(), Lang::Zh);
    if failed {
        return Err(Failure::Reported);
    }
    let cwd = std::env::current_dir().unwrap_or_default();
    let mut configs = files::Configs::new(None, None).map_err(|e| {
        error(e);
        Failure::Reported
    })?;
    let mut out = std::io::stdout().lock();
    for target in &targets {
        let config = configs.for_target(target, &cwd).map_err(|e| {
            error(e);
            Failure::Reported
        })?;
        let text = files::read(target, config.lang).map_err(|e| {
            error(e);
            Failure::Reported
        })?;
        let document = planlint::syntax::parse(&text, target.kind, &config.vocabulary());
        write!(out, "{}", document.dump())?;
    }
    Ok(0)
}

/// Reads standard input to the end (once).
fn read_stdin() -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    std::io::stdin().lock().read_to_end(&mut bytes)?;
    Ok(bytes)
}
