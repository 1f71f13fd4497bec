//! Accuracy on real drafts: runs `../shared/eval/score.py` on the release
//! binary over the dev corpus (`../shared/corpus/dev`, real drafts with
//! hand-checked findings) and fails below the floors the project adopts:
//! precision ≥ 0.97 and recall ≥ 0.95 for each of `placeholder`,
//! `missing-lead-unit` and `target-without-number`, no must-not-flag hit, no crash.
//!
//! The scoring needs a release build, so it runs when `CI=true` and shows as
//! *ignored* elsewhere (libtest-mimic decides at run time); `../shared`
//! missing is a failure in CI and an ignored test elsewhere. Run it locally
//! with `CI=true cargo test --test devset`.

use std::path::{Path, PathBuf};
use std::process::Command;

use libtest_mimic::{Arguments, Failed, Trial};
use serde_json::Value;

const RULES: [&str; 3] = ["placeholder", "missing-lead-unit", "target-without-number"];
const MIN_PRECISION: f64 = 0.97;
const MIN_RECALL: f64 = 0.95;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn shared() -> PathBuf {
    std::env::var_os("PLANLINT_SHARED").map_or_else(|| root().join("../shared"), PathBuf::from)
}

fn in_ci() -> bool {
    std::env::var("CI").as_deref() == Ok("true")
}

/// Builds the release binary with the cargo that runs the tests.
fn release_binary() -> Result<PathBuf, Failed> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let status = Command::new(cargo)
        .args(["build", "--release", "--locked", "--bin", "planlint"])
        .current_dir(root())
        .status()
        .map_err(|e| format!("cargo build --release: {e}"))?;
    if !status.success() {
        return Err("cargo build --release failed".into());
    }
    let target = std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root().join("target"), PathBuf::from);
    Ok(target.join("release").join(format!("planlint{}", std::env::consts::EXE_SUFFIX)))
}

fn python(args: &[&str], dir: &Path) -> Result<String, Failed> {
    let out = Command::new("python3")
        .args(args)
        .current_dir(dir)
        .output()
        .map_err(|e| format!("python3 {}: {e}", args.join(" ")))?;
    if !out.status.success() {
        return Err(format!("python3 {} failed:\n{}", args.join(" "), String::from_utf8_lossy(&out.stderr)).into());
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

fn validate() -> Result<(), Failed> {
    let out = python(&["eval/score.py", "--validate"], &shared())?;
    if !out.contains("validation: 0 problem(s)") {
        return Err(format!("expected.json does not validate:\n{out}").into());
    }
    Ok(())
}

fn score() -> Result<(), Failed> {
    let bin = release_binary()?;
    let bin = bin.to_str().ok_or("non-UTF-8 target path")?;
    let out = python(&["eval/score.py", bin, "--set", "dev", "--json", "--quiet"], &shared())?;
    let json_line = out.lines().find(|l| l.starts_with('{')).ok_or("no JSON line from the scorer")?;
    let report: Value = serde_json::from_str(json_line).map_err(|e| format!("scorer JSON: {e}"))?;
    let overall = out.lines().last().unwrap_or_default();
    let mut problems = Vec::new();
    if report["crashes"] != 0 {
        problems.push(format!("crashes: {}", report["crashes"]));
    }
    for rule in RULES {
        let pr = &report["precision_recall"][rule];
        let (p, r) = (pr["precision"].as_f64().unwrap_or(0.0), pr["recall"].as_f64().unwrap_or(0.0));
        if p < MIN_PRECISION || r < MIN_RECALL {
            problems.push(format!("{rule}: P={p:.3} R={r:.3} (floors P≥{MIN_PRECISION} R≥{MIN_RECALL})"));
        }
        let mnf = report["total"][rule]["mnf"].as_u64().unwrap_or(0);
        if mnf > 0 {
            problems.push(format!("{rule}: {mnf} must-not-flag hit(s)"));
        }
    }
    if problems.is_empty() {
        println!("{overall}");
        Ok(())
    } else {
        let details =
            serde_json::to_string_pretty(&(&report["misses"], &report["false_alarms"], &report["must_not_flag"]))
                .unwrap_or_default();
        Err(format!("{}\n{overall}\n{details}", problems.join("\n")).into())
    }
}

fn main() {
    let args = Arguments::from_args();
    let have_shared = shared().join("eval/score.py").is_file();
    // In CI a missing corpus is a failure (the trial runs and reports it), never a skip.
    let missing =
        |f: fn() -> Result<(), Failed>| move || if have_shared { f() } else { Err("../shared is missing".into()) };
    let mut validate_trial = Trial::test("dev_set_expected_findings_validate", missing(validate));
    if !have_shared && !in_ci() {
        validate_trial = validate_trial.with_ignored_flag(true);
    }
    let mut score_trial = Trial::test("dev_set_scores_meet_the_floors", missing(score));
    if !in_ci() {
        score_trial = score_trial.with_ignored_flag(true);
    }
    libtest_mimic::run(&args, vec![validate_trial, score_trial]).exit();
}
