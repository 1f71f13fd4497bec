//! The `planlint` command line: the shell that reads files, finds
//! configuration, runs the core in parallel and prints. The core never does
//! IO; everything here does.
#![allow(clippy::print_stdout, clippy::print_stderr)]

mod decode;
mod files;
mod github;
mod render;
mod sarif;

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Parser, Subcommand, ValueEnum};
use rayon::prelude::*;

use planlint::{Applicability, Config, Diagnostic, FixMode, Lang, LineIndex, Severity};

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
    /// Apply the safe fixes and write each file back (atomically, in its own encoding and line
    /// endings), then report what remains. With `-`, the fixed text goes to standard output and
    /// the findings to standard error.
    #[arg(long)]
    fix: bool,
    /// With --fix or --diff: apply the unsafe fixes too (they may change meaning: review them).
    #[arg(long)]
    unsafe_fixes: bool,
    /// Print the fixes as a unified diff instead of writing them; exit status 1 if there are any.
    #[arg(long)]
    diff: bool,
}

impl CheckArgs {
    /// The fixes to apply, if any.
    fn fix_mode(&self) -> Option<FixMode> {
        (self.fix || self.diff).then_some(if self.unsafe_fixes { FixMode::Unsafe } else { FixMode::Safe })
    }
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
    /// Rendered findings (human) or JSON objects; with `--diff`, the diff.
    output: String,
    /// Fixes applied (`--fix`) or that would be (`--diff`).
    fixed: usize,
    /// The same per rule (name, count).
    fixed_by_rule: Vec<(&'static str, usize)>,
    /// Findings left with a fix that `--fix` would apply (safe), and that only `--unsafe-fixes` would.
    fixable: [usize; 2],
    /// With `--fix` on standard input: the fixed text.
    fixed_text: Option<String>,
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

    if args.unsafe_fixes && !args.fix && !args.diff {
        error(lang.pick("--unsafe-fixes 须与 --fix 或 --diff 一起使用", "--unsafe-fixes needs --fix or --diff"));
        return Err(Failure::Reported);
    }
    let paths = if args.paths.is_empty() { vec![PathBuf::from(".")] } else { args.paths.clone() };
    let (targets, mut failed) = files::collect(&paths, args.stdin_filename.as_deref(), lang);
    // `--fix` on standard input prints the fixed text; findings then go to standard error.
    let fix_stdin = args.fix && !args.diff && targets.iter().any(|t| matches!(t.input, files::Input::Stdin));
    if fix_stdin && targets.len() > 1 {
        error(lang.pick(
            "--fix 读取标准输入（-）时不能同时检查其他文件",
            "--fix on standard input (-) cannot check other files in the same run",
        ));
        return Err(Failure::Reported);
    }

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
    let format = if args.diff { Format::Human } else { args.format };
    let how = How { format, style, fix: args.fix_mode(), write: args.fix && !args.diff };
    let results: Vec<Result<FileResult, String>> =
        jobs.par_iter().map(|(target, config)| check_one(target, config, how, &cwd)).collect();

    if args.diff {
        return print_diffs(results, failed, lang);
    }
    let mut out: Box<dyn Write> = if fix_stdin {
        Box::new(std::io::BufWriter::new(std::io::stderr().lock()))
    } else {
        Box::new(std::io::BufWriter::new(std::io::stdout().lock()))
    };
    let (mut fixed, mut fixed_files, mut fixable) = (0usize, 0usize, [0usize; 2]);
    let mut by_rule: std::collections::BTreeMap<&'static str, usize> = Default::default();
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
                fixed += r.fixed;
                fixed_files += usize::from(r.fixed > 0);
                for &(rule, n) in &r.fixed_by_rule {
                    *by_rule.entry(rule).or_default() += n;
                }
                fixable[0] += r.fixable[0];
                fixable[1] += r.fixable[1];
                if let Some(text) = &r.fixed_text {
                    let mut stdout = std::io::stdout().lock();
                    stdout.write_all(text.as_bytes())?;
                    stdout.flush()?;
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
        Format::Human => {
            if how.write {
                writeln!(out, "{}", render::fixed_summary(fixed, fixed_files, &by_rule, lang))?;
            }
            writeln!(out, "{}", render::summary(&counts, checked, unreadable.len(), lang))?;
            if let Some(line) = render::fixable_summary(fixable, how.fix, lang) {
                writeln!(out, "{line}")?;
            }
        }
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

/// How `check` treats each file.
#[derive(Clone, Copy)]
struct How {
    format: Format,
    style: Style,
    /// Fix (`--fix`, `--diff`) with these fixes.
    fix: Option<FixMode>,
    /// Write the fixed text back (`--fix` without `--diff`).
    write: bool,
}

fn check_one(target: &Target, config: &Config, how: How, cwd: &Path) -> Result<FileResult, String> {
    let stamp = match &target.input {
        files::Input::File(path) => files::stamp(path),
        files::Input::Stdin => None,
    };
    let (text, source) = files::read_with_source(target, config.lang)?;
    let mut result = FileResult {
        counts: [0; 4],
        output: String::new(),
        fixed: 0,
        fixed_by_rule: Vec::new(),
        fixable: [0; 2],
        fixed_text: None,
    };
    let (text, diagnostics) = match how.fix {
        None => {
            let diagnostics = planlint::analyze(&text, target.kind, config).diagnostics;
            (text, diagnostics)
        }
        Some(mode) => {
            let fixed = planlint::fix_all(&text, target.kind, config, mode);
            result.fixed = fixed.count();
            result.fixed_by_rule = fixed.fixed.iter().map(|(r, n)| (r.name, *n)).collect();
            if !fixed.converged {
                eprintln!(
                    "planlint: warning: {}: {}",
                    target.display,
                    config.lang.pick(
                        "修复未能收敛（各项修复相互影响），请检查结果",
                        "fixes did not converge (they undo each other); check the result"
                    )
                );
            }
            if !how.write {
                if fixed.changed() {
                    result.output = render::unified_diff(&target.display, &text, &fixed.text);
                }
                return Ok(result);
            }
            if fixed.changed() {
                match &target.input {
                    files::Input::File(path) => {
                        let bytes = decode::encode(&fixed.text, source).map_err(|c| {
                            format!(
                                "{}: {} “{c}”",
                                target.display,
                                config.lang.pick(
                                    "未写回修复：文件的编码无法表示修复引入的字符",
                                    "fixes not written: the file's encoding cannot hold the character"
                                )
                            )
                        })?;
                        files::write_atomic(path, &bytes, stamp, config.lang)
                            .map_err(|e| format!("{}: {e}", target.display))?;
                    }
                    files::Input::Stdin => {}
                }
            }
            if matches!(target.input, files::Input::Stdin) {
                result.fixed_text = Some(fixed.text.clone());
            }
            (fixed.text, fixed.remaining)
        }
    };
    render_findings(&mut result, target, &text, &diagnostics, config, how, cwd);
    Ok(result)
}

fn render_findings(
    result: &mut FileResult,
    target: &Target,
    text: &str,
    diagnostics: &[Diagnostic],
    config: &Config,
    how: How,
    cwd: &Path,
) {
    for d in diagnostics {
        result.counts[match d.severity {
            Severity::Error => 0,
            Severity::Warning => 1,
            Severity::Info => 2,
            Severity::Hint => 3,
        }] += 1;
        match d.fix.as_ref().map(|f| f.applicability) {
            Some(Applicability::Safe) => result.fixable[0] += 1,
            Some(Applicability::Unsafe) => result.fixable[1] += 1,
            _ => {}
        }
    }
    if diagnostics.is_empty() {
        return;
    }
    let index = LineIndex::new(text);
    let output = &mut result.output;
    match how.format {
        Format::Human => {
            for d in diagnostics {
                render::human(output, &target.display, text, &index, d, config.lang, how.style);
                output.push('\n');
            }
        }
        Format::Json => {
            let items: Vec<String> = diagnostics
                .iter()
                .map(|d| {
                    let finding = render::json_finding(&target.display, text, &index, d);
                    format!("  {}", serde_json::to_string(&finding).expect("findings serialise"))
                })
                .collect();
            *output = items.join(",\n");
        }
        Format::Sarif => {
            let path = match &target.input {
                files::Input::File(path) => path.as_path(),
                files::Input::Stdin => Path::new(&target.display),
            };
            let artifact = sarif::artifact_location(path, cwd);
            let items: Vec<String> = diagnostics
                .iter()
                .map(|d| {
                    let result = sarif::result(&artifact, text, &index, d);
                    serde_json::to_string(&result).expect("results serialise")
                })
                .collect();
            *output = items.join(sarif::SEPARATOR);
        }
        Format::Github => {
            for d in diagnostics {
                github::annotation(output, &target.display, text, &index, d);
            }
        }
    }
}

/// `--diff`: the diffs on standard output, a count on standard error; status 1 when there is something to fix.
fn print_diffs(results: Vec<Result<FileResult, String>>, mut failed: bool, lang: Lang) -> Result<u8, Failure> {
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let (mut fixes, mut files) = (0usize, 0usize);
    for result in results {
        match result {
            Ok(r) => {
                out.write_all(r.output.as_bytes())?;
                fixes += r.fixed;
                files += usize::from(r.fixed > 0);
            }
            Err(message) => {
                out.flush()?;
                eprintln!("planlint: error: {message}");
                failed = true;
            }
        }
    }
    out.flush()?;
    eprintln!("{}", render::would_fix_summary(fixes, files, lang));
    Ok(if failed { FAILURE } else { u8::from(fixes > 0) })
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
