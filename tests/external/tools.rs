//! planlint's output checked by other people's tools: the SARIF log by the
//! SARIF Multitool (its own rules and GitHub's ingestion rules) and by the
//! SARIF 2.1.0 JSON schema it ships; `planlint.toml` files by the JSON schema
//! of `schema/planlint.schema.json` (Python's `jsonschema`); the `--diff`
//! output by `patch`.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::Value;

use crate::config_cases::cases;
use crate::needs::{Need, Test};

pub fn tests() -> Vec<Test> {
    [
        crate::tests![SarifMultitool Jsonschema: sarif_validates_with_the_sarif_multitool_and_the_schema],
        crate::tests![Jsonschema: schema_and_parser_agree_on_valid_and_broken_files],
        crate::tests![Patch: diff_applies_with_patch],
    ]
    .concat()
}

/// `planlint ARGS` in `dir`: (exit code, stdout, stderr).
fn planlint(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_planlint"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .output()
        .expect("planlint runs");
    (out.status.code().expect("exited"), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

fn write(dir: &Path, name: &str, contents: impl AsRef<[u8]>) {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, contents).unwrap();
}

/// Validates JSON documents against a JSON schema with Python's `jsonschema`
/// (the draft the schema declares). Returns the errors, one per line.
fn validate_with_jsonschema(schema: &Path, documents: &[PathBuf]) -> String {
    const SCRIPT: &str = r#"
import json, sys
import jsonschema
schema = json.load(open(sys.argv[1], encoding="utf-8"))
cls = jsonschema.validators.validator_for(schema)
cls.check_schema(schema)
validator = cls(schema)
for path in sys.argv[2:]:
    for e in validator.iter_errors(json.load(open(path, encoding="utf-8"))):
        print(f"{path}: {'/'.join(map(str, e.absolute_path))}: {e.message}")
"#;
    let python = Need::Jsonschema.found();
    let out = Command::new(python).args(["-c", SCRIPT]).arg(schema).args(documents).output().expect("python runs");
    assert!(out.status.success(), "jsonschema failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// Logs with every level, fixes, a percent-encoded file name and columns after
/// characters outside the BMP; a log without findings; a log with an unreadable file.
fn sarif_validates_with_the_sarif_multitool_and_the_schema() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "docs/工作要点,v1:草稿.md", "一、主要目标\n😀𠀀——新增高新技术企业**家。\n——服务体系更加完善。\n");
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/draft.txt");
    write(dir.path(), "examples/draft.txt", std::fs::read(example).unwrap());
    write(dir.path(), "b/clean.md", "一、总体要求\n坚持稳中求进工作总基调。\n");

    let logs = tempfile::tempdir().unwrap();
    let mut documents = Vec::new();
    for (name, args) in [("all", vec!["."]), ("clean", vec!["b"]), ("english", vec!["--lang", "en", "."])] {
        let (_, out, err) = planlint(dir.path(), &[&["check", "--format", "sarif"][..], &args].concat());
        let log: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}\n{err}"));
        let path = logs.path().join(format!("{name}.sarif"));
        std::fs::write(&path, serde_json::to_string_pretty(&log).unwrap()).unwrap();
        documents.push(path);
    }
    write(dir.path(), "a.txt", b"\x00\x01binary".as_slice());
    let (code, out, _) = planlint(dir.path(), &["check", "--format", "sarif", "."]);
    assert_eq!(code, 2);
    let path = logs.path().join("failure.sarif");
    std::fs::write(&path, out).unwrap();
    documents.push(path);

    // 1. The SARIF 2.1.0 JSON schema that the Multitool ships.
    let multitool = PathBuf::from(Need::SarifMultitool.found());
    let schema = multitool.with_file_name("sarif-2.1.0.json");
    assert!(schema.exists(), "{} is missing", schema.display());
    let errors = validate_with_jsonschema(&schema, &documents);
    assert!(errors.is_empty(), "SARIF schema violations:\n{errors}");

    // 2. The Multitool's rules: SARIF's own and GitHub's ingestion rules (GH…).
    let report = logs.path().join("validation.sarif");
    let out = Command::new(&multitool)
        .args(["validate", "--rule-kind", "Gh;Sarif", "--output"])
        .arg(&report)
        .args(&documents)
        .env("DOTNET_SYSTEM_GLOBALIZATION_INVARIANT", "1")
        .env("DOTNET_CLI_TELEMETRY_OPTOUT", "1")
        .output()
        .expect("the SARIF Multitool runs");
    let console = String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "the SARIF Multitool failed:\n{console}");
    let report: Value = serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    let findings = report["runs"][0]["results"].as_array().cloned().unwrap_or_default();
    // planlint has no web page, so the tool gives no informationUri (SARIF2005,
    // a warning). That warning is also the sign that the Multitool analysed
    // each log: it skips a log it cannot deserialise without a word.
    let (information_uri, problems): (Vec<&Value>, Vec<&Value>) =
        findings.iter().partition(|r| r["ruleId"] == "SARIF2005");
    assert!(problems.is_empty(), "the SARIF Multitool reports:\n{console}");
    assert_eq!(information_uri.len(), documents.len(), "every log was analysed:\n{console}");
}

/// The schema accepts the files the parser accepts and refuses the ones it refuses.
fn schema_and_parser_agree_on_valid_and_broken_files() {
    let (valid, broken) = cases();
    let dir = tempfile::tempdir().unwrap();
    let schema = dir.path().join("planlint.schema.json");
    std::fs::write(&schema, serde_json::to_string_pretty(&planlint::config::json_schema()).unwrap()).unwrap();
    let as_json = |name: String, toml: &str| -> PathBuf {
        let value: Value = toml::from_str(toml).unwrap();
        let path = dir.path().join(name);
        std::fs::write(&path, serde_json::to_string(&value).unwrap()).unwrap();
        path
    };
    let documents: Vec<PathBuf> = valid.iter().enumerate().map(|(i, t)| as_json(format!("valid{i}.json"), t)).collect();
    let errors = validate_with_jsonschema(&schema, &documents);
    assert!(errors.is_empty(), "the schema rejects valid files:\n{errors}");
    let documents: Vec<PathBuf> =
        broken.iter().enumerate().map(|(i, t)| as_json(format!("broken{i}.json"), t)).collect();
    let errors = validate_with_jsonschema(&schema, &documents);
    for (document, toml) in documents.iter().zip(&broken) {
        assert!(errors.contains(&format!("{}: ", document.display())), "the schema accepts:\n{toml}\n{errors}");
    }
}

/// `planlint check --diff` prints a real patch: `patch -p1` turns the draft
/// into what `--fix` (the library's `fix_all`) makes of it, after which there
/// is nothing left to show.
fn diff_applies_with_patch() {
    let draft = "二、主要任务\n（一）、壮大创新主体\n1、实施企业培育工程。（牵头单位：区科技局）\n\
                 <!-- planlint-disable-next-line plcaeholder -->\n（三）优化创新环境\n";
    let want = planlint::fix_all(
        draft,
        planlint::SourceKind::PlainText,
        &planlint::Config::default(),
        planlint::FixMode::Safe,
    );
    assert!(want.changed());
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "draft.txt", draft);
    let (code, diff, err) = planlint(dir.path(), &["check", "--diff", "draft.txt"]);
    assert_eq!(code, 1, "something to fix: {err}");
    let mut child = Command::new("patch")
        .args(["-p1", "--quiet"])
        .current_dir(dir.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::io::Write::write_all(&mut child.stdin.take().unwrap(), diff.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "patch failed: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(std::fs::read_to_string(dir.path().join("draft.txt")).unwrap(), want.text);
    let (code, out, err) = planlint(dir.path(), &["check", "--diff", "draft.txt"]);
    assert_eq!((code, out.len()), (0, 0), "nothing left: {err}");
}
