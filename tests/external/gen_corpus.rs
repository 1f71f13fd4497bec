//! Accuracy against the ground truth of `../shared/bench/gen_corpus.py`:
//! every injected masked placeholder, missing lead unit, vague target and
//! numbering defect must be found at its position, and nothing else of those
//! kinds reported.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use planlint::SourceKind;

use crate::needs::{Test, python};
use crate::support::{Finding, findings, shared};

pub fn tests() -> Vec<Test> {
    crate::tests![Shared Python: generated_drafts_match_ground_truth, clean_generated_drafts_have_no_findings]
}

#[derive(Default, Debug)]
struct Score {
    found: usize,
    missed: Vec<String>,
    extra: Vec<String>,
}

/// Runs `../shared/bench/gen_corpus.py` (also used by `residue.rs`).
pub fn generate(shared: &Path, out: &Path, args: &[&str]) {
    let output = Command::new(python())
        .arg(shared.join("bench/gen_corpus.py"))
        .arg("--out")
        .arg(out)
        .args(args)
        .stdin(std::process::Stdio::null())
        .output()
        .expect("python3 runs gen_corpus.py");
    assert!(
        output.status.success(),
        "gen_corpus.py {args:?} failed ({}):\n{}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
}

fn score(dir: &Path, truth_dir: &Path, kind: SourceKind, scores: &mut BTreeMap<&'static str, Score>) {
    let mut files: Vec<_> = std::fs::read_dir(dir).unwrap().filter_map(Result::ok).map(|e| e.path()).collect();
    files.sort();
    for path in files {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let text = std::fs::read_to_string(&path).unwrap();
        let truth: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(truth_dir.join(format!("{name}.json"))).unwrap()).unwrap();
        let fs = findings(&text, kind);
        let mut used = vec![false; fs.len()];
        for d in truth["defects"].as_array().unwrap() {
            let code = match d["kind"].as_str().unwrap() {
                "masked_placeholder" => "PL101",
                "missing_lead_unit" => "PL201",
                "vague_target" => "PL301",
                "numbering_skip" | "numbering_duplicate" | "subsection_skip" | "wrong_delimiter" => "PL401",
                _ => continue,
            };
            let line = d["line"].as_u64().unwrap() as usize;
            let col = d["col"].as_u64().unwrap() as usize;
            let len = d["text"].as_str().unwrap().chars().count();
            let hit = fs.iter().enumerate().position(|(i, f): (usize, &Finding)| {
                !used[i]
                    && f.code == code
                    && f.line == line
                    && (code != "PL101" || f.col < col + len && col < f.col + f.text.chars().count())
                    && (code != "PL301" || f.severity == "warning")
            });
            let s = scores.entry(code).or_default();
            match hit {
                Some(i) => {
                    used[i] = true;
                    s.found += 1;
                }
                None => s.missed.push(format!("{name}: {d}")),
            }
        }
        for (i, f) in fs.iter().enumerate() {
            let counted = matches!(f.code, "PL101" | "PL201" | "PL401") || f.code == "PL301" && f.severity == "warning";
            if !used[i] && counted {
                scores
                    .entry(f.code)
                    .or_default()
                    .extra
                    .push(format!("{name}:{}:{} {} [{}]", f.line, f.col, f.code, f.text));
            }
        }
    }
}

fn generated_drafts_match_ground_truth() {
    let shared = shared();
    let tmp = tempfile::tempdir().unwrap();
    let mut scores = BTreeMap::new();
    let txt = tmp.path().join("txt");
    generate(&shared, &txt, &["--docs", "200", "--doc-size", "20KB", "--seed", "2026"]);
    score(&txt, &tmp.path().join("txt.truth"), SourceKind::PlainText, &mut scores);
    let md = tmp.path().join("md");
    generate(
        &shared,
        &md,
        &["--docs", "60", "--doc-size", "8KB", "--seed", "11", "--ext", "md", "--crlf", "--p-mask", "0.1"],
    );
    score(&md, &tmp.path().join("md.truth"), SourceKind::Markdown, &mut scores);
    for (code, s) in &scores {
        let total = s.found + s.missed.len();
        let recall = s.found as f64 / total.max(1) as f64;
        let precision = s.found as f64 / (s.found + s.extra.len()).max(1) as f64;
        assert!(total > 50, "{code}: too few injected defects to measure ({total})");
        assert!(
            recall >= 0.99 && precision >= 0.99,
            "{code}: {}/{total} found (recall {recall:.4}), {} extra (precision {precision:.4})\nmissed {:#?}\nextra {:#?}",
            s.found,
            s.extra.len(),
            s.missed,
            s.extra
        );
    }
    assert_eq!(scores.len(), 4);
}

/// Drafts generated with no damage (plain text and CRLF Markdown) get no
/// finding from any rule, except the relative targets (`保持全省前列`) that
/// the generator writes on purpose, which are reported as info.
fn clean_generated_drafts_have_no_findings() {
    let shared = shared();
    let tmp = tempfile::tempdir().unwrap();
    let clean = ["--p-mask", "0", "--p-missing-lead", "0", "--p-vague", "0", "--p-struct", "0", "--no-truth"];
    let txt = tmp.path().join("txt");
    generate(&shared, &txt, &[&["--docs", "100", "--doc-size", "20KB", "--seed", "7"][..], &clean].concat());
    let md = tmp.path().join("md");
    generate(
        &shared,
        &md,
        &[&["--docs", "40", "--doc-size", "8KB", "--seed", "8", "--ext", "md", "--crlf"][..], &clean].concat(),
    );
    let mut unexpected = Vec::new();
    let mut files = 0;
    for (dir, kind) in [(&txt, SourceKind::PlainText), (&md, SourceKind::Markdown)] {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            files += 1;
            for f in findings(&text, kind) {
                if !(f.code == "PL301" && f.severity == "info") {
                    unexpected.push(format!(
                        "{}:{}:{} {} [{}] {}",
                        path.display(),
                        f.line,
                        f.col,
                        f.code,
                        f.text,
                        f.message
                    ));
                }
            }
        }
    }
    assert_eq!(files, 140);
    assert!(unexpected.is_empty(), "{} findings on clean drafts:\n{}", unexpected.len(), unexpected.join("\n"));
}
