//! `planlint report`: reads drafts as `check` does, builds the core's
//! responsibility report of each (or one merged over all, `--merge`) and
//! prints it as Markdown, CSV, JSON or HTML. The JSON wire format is defined
//! here: the core's report types are not `Serialize`.

use std::io::Write;
use std::path::PathBuf;

use clap::ValueEnum;
use rayon::prelude::*;
use serde::Serialize;

use planlint::Lang;
use planlint::report::{self, Counts, LeadStatus, Report, TARGET_CLASSES};
use planlint::syntax::quantity::TargetClass;

use super::files;
use super::{Failure, error, parse_lang};

#[derive(clap::Args)]
pub(super) struct ReportArgs {
    /// Files or directories; `-` reads standard input. Default: the current directory.
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Md)]
    format: ReportFormat,
    /// Language of headings (zh or en). Overrides `lang` in planlint.toml.
    #[arg(long, value_parser = parse_lang)]
    lang: Option<Lang>,
    /// One report over all the files: their units merged into one matrix.
    #[arg(long)]
    merge: bool,
    /// Use this configuration file instead of looking for planlint.toml.
    #[arg(long)]
    config: Option<PathBuf>,
    /// Name of the file read from standard input (for the report, Markdown detection and config discovery).
    #[arg(long)]
    stdin_filename: Option<String>,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ReportFormat {
    /// Markdown tables, readable in a terminal and on a git forge.
    Md,
    /// One long CSV table for Excel (UTF-8 with BOM, a `table` column).
    Csv,
    /// JSON, schema `planlint-report/1` (README).
    Json,
    /// One self-contained, printable HTML page with a chart and the drafts' findings marked.
    Html,
}

pub(super) fn run(args: ReportArgs) -> Result<u8, Failure> {
    let (cwd, mut configs, lang) = super::setup(args.config.as_deref(), args.lang)?;
    let paths = if args.paths.is_empty() { vec![PathBuf::from(".")] } else { args.paths.clone() };
    let (targets, mut failed) = files::collect(&paths, args.stdin_filename.as_deref(), lang);
    let jobs = super::resolve_configs(targets, &mut configs, &cwd)?;
    // Read with the function `check` uses, so every input it reads works here too.
    let results: Vec<Result<Report, String>> = jobs
        .par_iter()
        .map(|(target, config)| {
            let text = files::read(target, config.lang)?;
            let analysis = planlint::analyze(&text, target.kind, config);
            Ok(Report::build(&analysis, config, &target.display))
        })
        .collect();
    let mut reports = Vec::with_capacity(results.len());
    for r in results {
        match r {
            Ok(r) => reports.push(r),
            Err(message) => {
                error(message);
                failed = true;
            }
        }
    }
    if reports.is_empty() {
        if !failed {
            error(lang.pick("没有找到可生成报告的草稿（.txt、.md）", "no draft to report on (.txt, .md)"));
        }
        return Err(Failure::Reported);
    }
    if args.merge {
        reports = vec![Report::merge(reports)];
    }
    let text = match args.format {
        ReportFormat::Md => report::to_markdown(&reports, lang),
        ReportFormat::Csv => report::to_csv(&reports, lang),
        ReportFormat::Html => report::to_html(&reports, lang),
        ReportFormat::Json => {
            let doc = Json { schema: SCHEMA, reports: reports.iter().map(json_report).collect() };
            serde_json::to_string_pretty(&doc).expect("the report serialises") + "\n"
        }
    };
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(if failed { super::FAILURE } else { 0 })
}

// ---- the JSON wire format (README › Report) --------------------------------

/// Changes with any change to the keys or their meaning.
const SCHEMA: &str = "planlint-report/1";

#[derive(Serialize)]
struct Json<'a> {
    schema: &'static str,
    reports: Vec<JsonReport<'a>>,
}

#[derive(Serialize)]
struct JsonReport<'a> {
    files: Vec<JsonFile<'a>>,
    units: Vec<JsonUnit<'a>>,
    similar_units: Vec<[&'a str; 2]>,
}

#[derive(Serialize)]
struct JsonFile<'a> {
    path: &'a str,
    title: Option<&'a str>,
    genre: &'static str,
    totals: JsonCounts,
    tasks: Vec<JsonTask<'a>>,
    targets: Vec<JsonTarget<'a>>,
    sections: Vec<JsonSection<'a>>,
}

#[derive(Serialize)]
struct JsonTask<'a> {
    id: &'a str,
    line: u32,
    section: usize,
    title: &'a str,
    leads: Vec<&'a str>,
    supports: Vec<&'a str>,
    lead_status: &'static str,
    inherited: bool,
}

#[derive(Serialize)]
struct JsonTarget<'a> {
    line: u32,
    section: usize,
    class: &'static str,
    figures: &'a [String],
    text: &'a str,
}

#[derive(Serialize)]
struct JsonSection<'a> {
    heading: Option<&'a str>,
    line: u32,
    counts: JsonCounts,
}

#[derive(Serialize)]
struct JsonCounts {
    tasks: usize,
    without_lead: usize,
    generic_lead: usize,
    targets: JsonTargetCounts,
    findings: JsonFindingCounts,
}

#[derive(Serialize)]
struct JsonTargetCounts {
    quantified: usize,
    qualitative: usize,
    relative: usize,
    masked: usize,
}

#[derive(Serialize)]
struct JsonFindingCounts {
    error: usize,
    warning: usize,
    info: usize,
    hint: usize,
}

#[derive(Serialize)]
struct JsonUnit<'a> {
    name: &'a str,
    generic: bool,
    variants: &'a [String],
    leads: Vec<JsonTaskRef<'a>>,
    supports: Vec<JsonTaskRef<'a>>,
}

#[derive(Serialize)]
struct JsonTaskRef<'a> {
    /// Index into the report's `files`.
    file: usize,
    /// The task's `id`.
    task: &'a str,
}

fn json_counts(c: &Counts) -> JsonCounts {
    let count = |class: TargetClass| TARGET_CLASSES.iter().position(|&k| k == class).map_or(0, |i| c.targets[i]);
    JsonCounts {
        tasks: c.tasks,
        without_lead: c.without_lead,
        generic_lead: c.generic_lead,
        targets: JsonTargetCounts {
            quantified: count(TargetClass::Quantified),
            qualitative: count(TargetClass::Qualitative),
            relative: count(TargetClass::Relative),
            masked: count(TargetClass::Masked),
        },
        findings: JsonFindingCounts {
            error: c.findings[0],
            warning: c.findings[1],
            info: c.findings[2],
            hint: c.findings[3],
        },
    }
}

fn json_report(r: &Report) -> JsonReport<'_> {
    let names = |units: &[usize]| units.iter().map(|&i| r.units[i].name.as_str()).collect::<Vec<_>>();
    let refs = |refs: &[report::TaskRef]| {
        refs.iter()
            .map(|t| JsonTaskRef { file: t.file, task: r.files[t.file].tasks[t.task].label.as_str() })
            .collect::<Vec<_>>()
    };
    JsonReport {
        files: r
            .files
            .iter()
            .map(|f| JsonFile {
                path: &f.name,
                title: f.title.as_deref(),
                genre: f.genre.code(),
                totals: json_counts(&f.totals()),
                tasks: f
                    .tasks
                    .iter()
                    .map(|t| JsonTask {
                        id: &t.label,
                        line: t.line,
                        section: t.section,
                        title: &t.title,
                        leads: names(&t.leads),
                        supports: names(&t.supports),
                        lead_status: match t.status {
                            LeadStatus::Specific => "specific",
                            LeadStatus::GenericOnly => "generic-only",
                            LeadStatus::None => "none",
                        },
                        inherited: t.inherited,
                    })
                    .collect(),
                targets: f
                    .targets
                    .iter()
                    .map(|t| JsonTarget {
                        line: t.line,
                        section: t.section,
                        class: match t.class {
                            TargetClass::Quantified => "quantified",
                            TargetClass::Qualitative => "qualitative",
                            TargetClass::Relative => "relative",
                            TargetClass::Masked => "masked",
                        },
                        figures: &t.figures,
                        text: &t.text,
                    })
                    .collect(),
                sections: f
                    .sections
                    .iter()
                    .map(|s| JsonSection {
                        heading: s.heading.as_deref(),
                        line: s.line,
                        counts: json_counts(&s.counts),
                    })
                    .collect(),
            })
            .collect(),
        units: r
            .units
            .iter()
            .map(|u| JsonUnit {
                name: &u.name,
                generic: u.generic,
                variants: &u.variants,
                leads: refs(&u.leads),
                supports: refs(&u.supports),
            })
            .collect(),
        similar_units: r.similar.iter().map(|&(a, b)| [r.units[a].name.as_str(), r.units[b].name.as_str()]).collect(),
    }
}
