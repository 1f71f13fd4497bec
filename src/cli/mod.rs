//! The `planlint` command line: the shell that reads files, finds
//! configuration, runs the core in parallel and prints. The core never does
//! IO; everything here does.
#![allow(clippy::print_stdout, clippy::print_stderr)]

mod decode;
mod files;
mod github;
mod render;
mod report;
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
    /// Report who leads and supports which task, tasks without a lead, targets and counts per section.
    Report(report::ReportArgs),
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
        Command::Report(args) => report::run(args),
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
    /// With `--diff`, the diff; otherwise the findings rendered ahead of their turn (see [`Emitter`]).
    output: Vec<u8>,
    /// Fixes applied (`--fix`) or that would be (`--diff`).
    fixed: usize,
    /// The same per rule (name, count).
    fixed_by_rule: Vec<(&'static str, usize)>,
    /// Findings left with a fix that `--fix` would apply (safe), and that only `--unsafe-fixes` would.
    fixable: [usize; 2],
    /// With `--fix` on standard input: the fixed text.
    fixed_text: Option<String>,
    /// The text checked and its findings, until they are rendered.
    text: String,
    diagnostics: Vec<Diagnostic>,
}

/// What `check` and `report` start from: the working directory, the
/// configuration finder (with `--config`, `--lang`) and the language of messages.
/// Each target with its configuration; a broken planlint.toml is reported and ends the run.
fn resolve_configs(
    targets: Vec<Target>,
    configs: &mut files::Configs,
    cwd: &Path,
) -> Result<Vec<(Target, Arc<Config>)>, Failure> {
    let mut jobs = Vec::with_capacity(targets.len());
    for target in targets {
        match configs.for_target(&target, cwd) {
            Ok(config) => jobs.push((target, config)),
            Err(e) => {
                error(e);
                return Err(Failure::Reported);
            }
        }
    }
    Ok(jobs)
}

fn setup(config: Option<&Path>, lang: Option<Lang>) -> Result<(PathBuf, files::Configs, Lang), Failure> {
    let cwd = std::env::current_dir().map_err(|e| {
        error(format!("cannot read the current directory: {e}"));
        Failure::Reported
    })?;
    let mut configs = files::Configs::new(config, lang).map_err(|e| {
        error(e);
        Failure::Reported
    })?;
    let lang = lang.unwrap_or_else(|| configs.lang_for_dir(&cwd));
    Ok((cwd, configs, lang))
}

fn check(args: CheckArgs) -> Result<u8, Failure> {
    let (cwd, mut configs, lang) = setup(args.config.as_deref(), args.lang)?;

    if args.unsafe_fixes && !args.fix && !args.diff {
        error(lang.pick("--unsafe-fixes 须与 --fix 或 --diff 一起使用", "--unsafe-fixes needs --fix or --diff"));
        return Err(Failure::Reported);
    }
    let paths = if args.paths.is_empty() { vec![PathBuf::from(".")] } else { args.paths.clone() };
    let (targets, failed) = files::collect(&paths, args.stdin_filename.as_deref(), lang);
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
    let jobs = resolve_configs(targets, &mut configs, &cwd)?;

    let style = Style {
        color: match args.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
        },
    };
    let format = if args.diff { Format::Human } else { args.format };
    let how = How { format, style, fix: args.fix_mode(), write: args.fix && !args.diff };

    if args.diff {
        let results: Vec<Result<FileResult, String>> =
            jobs.par_iter().map(|(target, config)| check_one(target, config, how)).collect();
        return print_diffs(results, failed, lang);
    }
    let out: Box<dyn Write + Send> = if fix_stdin {
        Box::new(std::io::BufWriter::new(std::io::stderr()))
    } else {
        Box::new(std::io::BufWriter::new(std::io::stdout()))
    };
    let mut emitter = Emitter::new(out, how, &cwd);
    emitter.failed = failed;
    match format {
        Format::Json => emitter.write(b"["),
        Format::Sarif => emitter.write(sarif::header(&cwd, lang).as_bytes()),
        Format::Human | Format::Github => {}
    }
    let emitter = std::sync::Mutex::new(emitter);
    jobs.par_iter().enumerate().for_each(|(i, (target, config))| {
        let result = check_one(target, config, how);
        Emitter::deliver(&emitter, i, result, target, config);
    });
    let mut em = emitter.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
    let t = &em.totals;
    let tail = match format {
        Format::Json => (if em.first { "]\n" } else { "\n]\n" }).to_string(),
        Format::Human => {
            let mut tail = String::new();
            if how.write {
                tail += &format!("{}\n", render::fixed_summary(t.fixed, t.fixed_files, &t.by_rule, lang));
            }
            tail += &format!("{}\n", render::summary(&t.counts, t.checked, t.unreadable.len(), lang));
            if let Some(line) = render::fixable_summary(t.fixable, how.fix, lang) {
                tail += &format!("{line}\n");
            }
            tail
        }
        Format::Sarif => sarif::footer(!em.first, !em.failed, &t.unreadable),
        Format::Github => String::new(),
    };
    em.write(tail.as_bytes());
    em.flush();
    if let Some(e) = em.error.take() {
        return Err(e.into());
    }

    if em.failed {
        return Ok(FAILURE);
    }
    let [errors, warnings, _, _] = em.totals.counts;
    Ok(u8::from(errors > 0 || (args.strict && warnings > 0)))
}

/// Sums over the files, for the summary lines.
#[derive(Default)]
struct Totals {
    counts: [usize; 4],
    checked: usize,
    fixed: usize,
    fixed_files: usize,
    by_rule: std::collections::BTreeMap<&'static str, usize>,
    fixable: [usize; 2],
    unreadable: Vec<String>,
}

/// Writes each file's findings in input order as soon as its turn comes,
/// while the files are checked in parallel. The file whose turn it is renders
/// straight into the output; one that finishes early renders into a buffer
/// that waits for its turn. So the findings of all files are never held at
/// once, and a single large draft full of findings is never rendered into
/// memory as a whole.
struct Emitter<'a> {
    out: Box<dyn Write + Send>,
    how: How,
    cwd: &'a Path,
    /// The index of the file whose turn it is.
    next: usize,
    /// Files finished ahead of their turn (their findings rendered).
    pending: std::collections::BTreeMap<usize, Result<FileResult, String>>,
    /// JSON and SARIF: whether no finding has been written yet (for the commas).
    first: bool,
    failed: bool,
    totals: Totals,
    /// The first write error; nothing more is written after it.
    error: Option<std::io::Error>,
}

impl<'a> Emitter<'a> {
    fn new(out: Box<dyn Write + Send>, how: How, cwd: &'a Path) -> Emitter<'a> {
        Emitter {
            out,
            how,
            cwd,
            next: 0,
            pending: Default::default(),
            first: true,
            failed: false,
            totals: Totals::default(),
            error: None,
        }
    }

    fn write(&mut self, bytes: &[u8]) {
        if self.error.is_none()
            && let Err(e) = self.out.write_all(bytes)
        {
            self.error = Some(e);
        }
    }

    fn flush(&mut self) {
        if self.error.is_none()
            && let Err(e) = self.out.flush()
        {
            self.error = Some(e);
        }
    }

    /// Hands over the result of file `i`.
    fn deliver(
        state: &std::sync::Mutex<Emitter<'_>>,
        i: usize,
        mut result: Result<FileResult, String>,
        target: &Target,
        config: &Config,
    ) {
        let lock = || state.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let mut em = lock();
        if em.next != i {
            // Not its turn: render into a buffer without holding the writer up.
            let (how, cwd) = (em.how, em.cwd);
            drop(em);
            if let Ok(r) = &mut result {
                let mut first = false;
                let diagnostics = std::mem::take(&mut r.diagnostics);
                // Writing into a Vec cannot fail.
                let _ = render_findings(&mut r.output, &mut first, target, &r.text, &diagnostics, config, how, cwd);
                r.text = String::new();
            }
            em = lock();
            em.pending.insert(i, result);
        } else {
            em.emit(result, Some((target, config)));
            em.next += 1;
        }
        loop {
            let next = em.next;
            let Some(r) = em.pending.remove(&next) else { break };
            em.emit(r, None);
            em.next += 1;
        }
    }

    /// Writes one file's findings (rendering them now when `direct` gives its target) and adds up its counts.
    fn emit(&mut self, result: Result<FileResult, String>, direct: Option<(&Target, &Config)>) {
        let r = match result {
            Ok(r) => r,
            Err(message) => {
                self.flush();
                eprintln!("planlint: error: {message}");
                self.failed = true;
                self.totals.unreadable.push(message);
                return;
            }
        };
        let t = &mut self.totals;
        t.checked += 1;
        for (total, n) in t.counts.iter_mut().zip(r.counts) {
            *total += n;
        }
        t.fixed += r.fixed;
        t.fixed_files += usize::from(r.fixed > 0);
        for &(rule, n) in &r.fixed_by_rule {
            *t.by_rule.entry(rule).or_default() += n;
        }
        t.fixable[0] += r.fixable[0];
        t.fixable[1] += r.fixable[1];
        if let Some(text) = &r.fixed_text {
            self.flush();
            let mut stdout = std::io::stdout().lock();
            if let Err(e) = stdout.write_all(text.as_bytes()).and_then(|()| stdout.flush()) {
                self.error.get_or_insert(e);
            }
        }
        if self.error.is_some() {
            return;
        }
        match direct {
            Some((target, config)) => {
                let (how, cwd) = (self.how, self.cwd);
                let mut first = self.first;
                if let Err(e) =
                    render_findings(&mut self.out, &mut first, target, &r.text, &r.diagnostics, config, how, cwd)
                {
                    self.error = Some(e);
                }
                self.first = first;
            }
            None if r.output.is_empty() => {}
            None => {
                // Rendered as if a finding came before; the very first one takes the opening separator.
                let (before, first) = separators(self.how.format);
                let output = match r.output.strip_prefix(before.as_bytes()) {
                    Some(rest) if self.first => {
                        self.write(first.as_bytes());
                        rest
                    }
                    _ => &r.output,
                };
                self.write(output);
                self.first = false;
            }
        }
    }
}

/// What JSON and SARIF write before a finding (after the first) and before the first.
fn separators(format: Format) -> (&'static str, &'static str) {
    match format {
        Format::Json => (",\n", "\n"),
        Format::Sarif => (sarif::SEPARATOR, sarif::FIRST),
        Format::Human | Format::Github => ("", ""),
    }
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

fn check_one(target: &Target, config: &Config, how: How) -> Result<FileResult, String> {
    let stamp = match &target.input {
        files::Input::File(path) => files::stamp(path),
        files::Input::Stdin => None,
    };
    let (text, source) = files::read_with_source(target, config.lang)?;
    let mut result = FileResult {
        counts: [0; 4],
        output: Vec::new(),
        fixed: 0,
        fixed_by_rule: Vec::new(),
        fixable: [0; 2],
        fixed_text: None,
        text: String::new(),
        diagnostics: Vec::new(),
    };
    let docx = source == decode::Source::Docx;
    if docx && how.fix.is_some() {
        // planlint never writes a Word document: its findings are reported (not with
        // `--diff`, which shows only fixes), its fixes left to the author.
        let what = config.lang.pick(
            "planlint 不写入 .docx 文件，修复未应用，请在 Word 或 WPS 中修改",
            "planlint does not write .docx files: fixes not applied; edit it in Word or WPS",
        );
        if matches!(target.input, files::Input::Stdin) && how.write {
            return Err(format!("{}: {what}", target.display));
        }
        eprintln!("planlint: warning: {}: {what}", target.display);
        if !how.write {
            return Ok(result);
        }
    }
    let (text, diagnostics) = match how.fix.filter(|_| !docx) {
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
                    result.output = render::unified_diff(&target.display, &text, &fixed.text).into_bytes();
                }
                return Ok(result);
            }
            if fixed.changed() {
                match &target.input {
                    files::Input::File(path) => {
                        let bytes = decode::encode(&fixed.text, source).map_err(|e| match e {
                            decode::EncodeError::Unmappable(c) => format!(
                                "{}: {} “{c}”",
                                target.display,
                                config.lang.pick(
                                    "未写回修复：文件的编码无法表示修复引入的字符",
                                    "fixes not written: the file's encoding cannot hold the character"
                                )
                            ),
                            decode::EncodeError::Docx => format!(
                                "{}: {}",
                                target.display,
                                config.lang.pick("planlint 不写入 .docx 文件", "planlint does not write .docx files")
                            ),
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
    let mut diagnostics = diagnostics;
    if docx && how.format != Format::Human {
        // A fix edits planlint's reading of the document, not the file: a tool applying
        // the JSON or SARIF fixes to the .docx would break it. (People read the suggestion.)
        diagnostics.iter_mut().for_each(|d| d.fix = None);
    }
    for d in &diagnostics {
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
    if docx {
        // `--fix` cannot apply these: the summary must not promise it.
        result.fixable = [0; 2];
    }
    if !diagnostics.is_empty() {
        result.text = text;
        result.diagnostics = diagnostics;
    }
    Ok(result)
}

/// Writes the findings of one file, each JSON or SARIF item preceded by its
/// separator (`first`: no item has been written before).
#[allow(clippy::too_many_arguments)]
fn render_findings(
    sink: &mut dyn Write,
    first: &mut bool,
    target: &Target,
    text: &str,
    diagnostics: &[Diagnostic],
    config: &Config,
    how: How,
    cwd: &Path,
) -> std::io::Result<()> {
    if diagnostics.is_empty() {
        return Ok(());
    }
    let index = LineIndex::new(text);
    let (before, before_first) = separators(how.format);
    let mut buf = String::new();
    let artifact = match how.format {
        Format::Sarif => {
            let path = match &target.input {
                files::Input::File(path) => path.as_path(),
                files::Input::Stdin => Path::new(&target.display),
            };
            Some(sarif::artifact_location(path, cwd))
        }
        _ => None,
    };
    for d in diagnostics {
        buf.clear();
        buf.push_str(if std::mem::take(first) { before_first } else { before });
        match how.format {
            Format::Human => {
                render::human(&mut buf, &target.display, text, &index, d, config.lang, how.style);
                buf.push('\n');
            }
            // JSON and SARIF are serialised straight into the (buffered) sink: one
            // finding's fix may hold a whole draft's edits.
            Format::Json => {
                buf.push_str("  ");
                sink.write_all(buf.as_bytes())?;
                serde_json::to_writer(&mut *sink, &render::json_finding(&target.display, text, &index, d))?;
                continue;
            }
            Format::Sarif => {
                sink.write_all(buf.as_bytes())?;
                let artifact = artifact.as_ref().expect("made for SARIF");
                serde_json::to_writer(&mut *sink, &sarif::result(artifact, text, &index, d))?;
                continue;
            }
            Format::Github => github::annotation(&mut buf, &target.display, text, &index, d),
        }
        sink.write_all(buf.as_bytes())?;
    }
    Ok(())
}

/// `--diff`: the diffs on standard output, a count on standard error; status 1 when there is something to fix.
fn print_diffs(results: Vec<Result<FileResult, String>>, mut failed: bool, lang: Lang) -> Result<u8, Failure> {
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let (mut fixes, mut files) = (0usize, 0usize);
    for result in results {
        match result {
            Ok(r) => {
                out.write_all(&r.output)?;
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
