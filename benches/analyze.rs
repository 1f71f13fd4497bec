//! Throughput benchmark for `planlint::analyze`.
//!
//! Input is synthetic and generated on first run by `../shared/bench/gen_corpus.py`
//! (override the shared dir with `PLANLINT_SHARED`) into
//! `<CARGO_MANIFEST_DIR>/target/bench-data/`. A stamp file next to each data set records the
//! generator flags and a hash of the generator script; the data is regenerated only when
//! either changes.
//!
//! Groups:
//! - `analyze/20KB`: one iteration analyses every file of a set of 200 drafts of ~20 KB each
//!   (plain text, seed 42); throughput is the total size of the set.
//! - `analyze/10MB`: one call on a single ~10 MB draft. The generator produces this as one
//!   document directly (`--docs 1 --doc-size 10MB`); nothing is concatenated.
//!
//! If the shared dir or `python3` is missing, the bench prints a note and exits successfully
//! without measuring anything.
//!
//! Run: `cargo bench --bench analyze`

use std::fs;
use std::hint::black_box;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Duration;

use criterion::{Criterion, SamplingMode, Throughput};
use planlint::{Config, SourceKind};

const SEED: &str = "42";

/// One data set produced by a single generator invocation.
struct DataSet {
    /// Sub-directory of `target/bench-data/` (also used for the stamp file name).
    name: &'static str,
    docs: usize,
    doc_size: &'static str,
    prefix: &'static str,
}

const SMALL: DataSet = DataSet { name: "20KB", docs: 200, doc_size: "20KB", prefix: "doc" };
const LARGE: DataSet = DataSet { name: "10MB", docs: 1, doc_size: "10MB", prefix: "giant" };

/// Why the data could not be prepared.
enum Unavailable {
    /// Environment lacks the generator or python3: skip benchmarking, exit 0.
    Skip(String),
    /// Something actually went wrong: exit non-zero.
    Fail(String),
}

impl DataSet {
    fn args(&self, out: &Path) -> Vec<String> {
        vec![
            "--out".into(),
            out.display().to_string(),
            "--docs".into(),
            self.docs.to_string(),
            "--doc-size".into(),
            self.doc_size.into(),
            "--seed".into(),
            SEED.into(),
            "--prefix".into(),
            self.prefix.into(),
            "--ext".into(),
            "txt".into(),
            "--no-truth".into(),
        ]
    }

    /// Makes sure the data set exists (generating it if needed) and returns its texts,
    /// sorted by file name.
    fn load(&self, script: &Path, data_root: &Path) -> Result<Vec<String>, Unavailable> {
        let out = data_root.join(self.name);
        let stamp_path = data_root.join(format!("{}.stamp", self.name));
        let script_bytes =
            fs::read(script).map_err(|e| Unavailable::Fail(format!("cannot read {}: {e}", script.display())))?;
        // The stamp uses flags without the output path so that moving the checkout does not
        // force a regeneration.
        let stamp = format!(
            "gen_corpus.py fnv1a64={:016x}\n{}\n",
            fnv1a64(&script_bytes),
            self.args(Path::new("<out>")).join(" ")
        );

        let up_to_date = fs::read_to_string(&stamp_path).is_ok_and(|s| s == stamp)
            && txt_files(&out).is_ok_and(|files| files.len() == self.docs);
        if !up_to_date {
            self.generate(script, &out, &stamp_path, &stamp)?;
        }

        let read_err = |e: std::io::Error| Unavailable::Fail(format!("reading {}: {e}", out.display()));
        let texts: Vec<String> = txt_files(&out)
            .map_err(read_err)?
            .iter()
            .map(fs::read_to_string)
            .collect::<Result<_, _>>()
            .map_err(read_err)?;
        if texts.len() != self.docs {
            return Err(Unavailable::Fail(format!(
                "expected {} files in {}, found {}",
                self.docs,
                out.display(),
                texts.len()
            )));
        }
        Ok(texts)
    }

    fn generate(&self, script: &Path, out: &Path, stamp_path: &Path, stamp: &str) -> Result<(), Unavailable> {
        let fail = |what: &str, e: std::io::Error| Unavailable::Fail(format!("{what}: {e}"));
        let _ = fs::remove_file(stamp_path);
        if out.exists() {
            fs::remove_dir_all(out).map_err(|e| fail(&format!("removing {}", out.display()), e))?;
        }
        if let Some(parent) = out.parent() {
            fs::create_dir_all(parent).map_err(|e| fail(&format!("creating {}", parent.display()), e))?;
        }
        eprintln!("planlint bench: generating {} data set into {} ...", self.name, out.display());
        let status = match Command::new("python3").arg(script).args(self.args(out)).status() {
            Ok(status) => status,
            Err(e) if e.kind() == ErrorKind::NotFound => {
                return Err(Unavailable::Skip("python3 not found on PATH".into()));
            }
            Err(e) => return Err(fail("running python3", e)),
        };
        if !status.success() {
            return Err(Unavailable::Fail(format!("{} exited with {status}", script.display())));
        }
        fs::write(stamp_path, stamp).map_err(|e| fail(&format!("writing {}", stamp_path.display()), e))?;
        Ok(())
    }
}

/// The `.txt` files in `dir`, sorted by name.
fn txt_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut paths: Vec<PathBuf> =
        fs::read_dir(dir)?.map(|entry| entry.map(|e| e.path())).collect::<std::io::Result<_>>()?;
    paths.retain(|p| p.extension().is_some_and(|ext| ext == "txt"));
    paths.sort();
    Ok(paths)
}

/// 64-bit FNV-1a, used only to notice that the generator script changed.
fn fnv1a64(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3))
}

fn prepare() -> Result<(Vec<String>, String), Unavailable> {
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let shared = match std::env::var_os("PLANLINT_SHARED") {
        Some(dir) => PathBuf::from(dir),
        None => manifest_dir.join("../shared"),
    };
    let script = shared.join("bench/gen_corpus.py");
    if !script.is_file() {
        return Err(Unavailable::Skip(format!(
            "generator not found at {} (set PLANLINT_SHARED to the shared dir)",
            script.display()
        )));
    }
    let data_root = manifest_dir.join("target/bench-data");
    let small = SMALL.load(&script, &data_root)?;
    let mut large = LARGE.load(&script, &data_root)?;
    Ok((small, large.pop().unwrap_or_default()))
}

fn bench(c: &mut Criterion, small: &[String], large: &str) {
    let config = Config::default();
    let kind = SourceKind::PlainText;
    let mut group = c.benchmark_group("analyze");

    // Whole set per iteration: MB/s is the aggregate rate over 200 realistic-size drafts.
    let small_bytes: usize = small.iter().map(String::len).sum();
    group.throughput(Throughput::Bytes(small_bytes as u64));
    group.sample_size(20);
    group.warm_up_time(Duration::from_secs(2));
    group.measurement_time(Duration::from_secs(10));
    group.bench_function("20KB", |b| {
        b.iter(|| {
            for text in small {
                black_box(planlint::analyze(black_box(text), kind, &config));
            }
        })
    });

    group.throughput(Throughput::Bytes(large.len() as u64));
    group.sample_size(10);
    group.sampling_mode(SamplingMode::Flat);
    group.warm_up_time(Duration::from_secs(2));
    group.measurement_time(Duration::from_secs(15));
    group.bench_function("10MB", |b| b.iter(|| black_box(planlint::analyze(black_box(large), kind, &config))));

    group.finish();
}

fn main() -> ExitCode {
    let (small, large) = match prepare() {
        Ok(data) => data,
        Err(Unavailable::Skip(why)) => {
            eprintln!("planlint bench: skipping benchmarks: {why}");
            return ExitCode::SUCCESS;
        }
        Err(Unavailable::Fail(why)) => {
            eprintln!("planlint bench: cannot prepare benchmark data: {why}");
            return ExitCode::FAILURE;
        }
    };
    let mut c = Criterion::default().configure_from_args();
    bench(&mut c, &small, &large);
    c.final_summary();
    ExitCode::SUCCESS
}
