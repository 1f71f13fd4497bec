//! SARIF and GitHub annotation output of `planlint check`, run as the built
//! binary: structure, columns after characters outside the BMP, URI and
//! workflow-command escaping, and agreement of all four formats. Validation of
//! the SARIF log by real validators (the SARIF Multitool, the SARIF 2.1.0 JSON
//! schema) is in `tests/external/tools.rs`.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Command, Stdio};

use serde_json::Value;

/// A file name with the two characters workflow-command properties escape,
/// and Chinese, which a SARIF URI percent-encodes.
const ODD_NAME: &str = "docs/工作要点,v1:草稿.md";

/// Line 2 puts an emoji and a CJK Extension B character (two UTF-16 code
/// units each) before the placeholder; line 3's message contains `%`.
const ODD_DRAFT: &str = "\
一、主要目标
😀𠀀——新增高新技术企业**家。
——区域创新体系更加完善，创新生态持续优化。

二、重点任务
1.建设孵化载体。新建众创空间3个。（牵头单位：区科技局；责任单位：各街道办事处）
2.优化人才服务。推行人才服务专员制度，办理事项100项。
";

fn run(dir: &Path, args: &[&str]) -> (i32, String, String) {
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

/// Several drafts: the odd one, the README's example (errors, warnings and
/// notes), and one without findings.
fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), ODD_NAME, ODD_DRAFT);
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/draft.txt");
    write(dir.path(), "examples/draft.txt", std::fs::read(example).unwrap());
    write(dir.path(), "b/clean.md", "一、总体要求\n坚持稳中求进工作总基调。\n");
    dir
}

fn sarif(dir: &Path, args: &[&str]) -> (i32, Value, String) {
    let mut all = vec!["check", "--format", "sarif"];
    all.extend_from_slice(args);
    let (code, out, err) = run(dir, &all);
    let log = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}\n{err}"));
    (code, log, err)
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            out.push(u8::from_str_radix(&s[i + 1..i + 3], 16).unwrap());
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

/// The 1-based character column of a 1-based UTF-16 column in a line of `text`.
fn char_column(text: &str, line: usize, utf16_column: usize) -> usize {
    let line = text.lines().nth(line - 1).unwrap();
    let mut units = 0;
    for (chars, c) in line.chars().enumerate() {
        if units >= utf16_column - 1 {
            return chars + 1;
        }
        units += c.len_utf16();
    }
    line.chars().count() + 1
}

#[test]
fn sarif_is_one_log_describing_every_rule() {
    let dir = project();
    let (code, log, _) = sarif(dir.path(), &["."]);
    assert_eq!(code, 1);
    assert_eq!(log["version"], "2.1.0");
    assert!(log["$schema"].as_str().unwrap().contains("sarif-2.1.0"));
    let runs = log["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 1, "one run for all files");
    let run = &runs[0];
    assert_eq!(run["columnKind"], "utf16CodeUnits");
    assert_eq!(run["tool"]["driver"]["name"], "planlint");
    assert_eq!(run["tool"]["driver"]["version"], env!("CARGO_PKG_VERSION"));
    assert!(run["originalUriBaseIds"]["%SRCROOT%"]["uri"].as_str().unwrap().starts_with("file:///"));
    assert_eq!(run["invocations"][0]["executionSuccessful"], true);

    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let known: Vec<_> = planlint::rules::all().collect();
    assert_eq!(rules.len(), known.len());
    for (descriptor, rule) in rules.iter().zip(&known) {
        assert_eq!(descriptor["id"], rule.code);
        assert_eq!(descriptor["name"], rule.name);
        assert_eq!(descriptor["shortDescription"]["text"], rule.summary_zh);
        assert!(!descriptor["fullDescription"]["text"].as_str().unwrap().is_empty());
        assert_eq!(descriptor["help"]["markdown"], rule.docs_text());
        assert_eq!(descriptor["help"]["text"], rule.docs_text());
        let level = match rule.default_severity {
            planlint::Severity::Error => "error",
            planlint::Severity::Warning => "warning",
            planlint::Severity::Info | planlint::Severity::Hint => "note",
        };
        assert_eq!(descriptor["defaultConfiguration"]["level"], level, "{}", rule.code);
    }

    let results = run["results"].as_array().unwrap();
    let files: BTreeSet<String> = results
        .iter()
        .map(|r| {
            let location = &r["locations"][0]["physicalLocation"]["artifactLocation"];
            assert_eq!(location["uriBaseId"], "%SRCROOT%");
            percent_decode(location["uri"].as_str().unwrap())
        })
        .collect();
    assert_eq!(files, BTreeSet::from([ODD_NAME.to_string(), "examples/draft.txt".to_string()]));
    let mut levels = BTreeSet::new();
    for r in results {
        let index = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(r["ruleId"], rules[index]["id"]);
        assert!(!r["message"]["text"].as_str().unwrap().is_empty());
        levels.insert(r["level"].as_str().unwrap().to_string());
    }
    assert_eq!(levels, BTreeSet::from(["error".into(), "warning".into(), "note".into()]));
    // A fix becomes a SARIF fix on the same artifact.
    let fix = results.iter().find_map(|r| r.get("fixes")).expect("some finding has a fix");
    assert_eq!(
        fix[0]["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"],
        "（牵头单位：；责任单位：）"
    );

    // English descriptions with --lang en.
    let (_, log, _) = sarif(dir.path(), &["--lang", "en", "b"]);
    let run = &log["runs"][0];
    assert_eq!(run["tool"]["driver"]["rules"][0]["shortDescription"]["text"], known[0].summary);
    assert_eq!(run["language"], "en-US");
    assert_eq!(run["results"], Value::Array(vec![]), "a clean file: an empty results array");
}

#[test]
fn sarif_columns_count_utf16_code_units_after_astral_characters() {
    let dir = project();
    let (_, log, _) = sarif(dir.path(), &[ODD_NAME]);
    let result = &log["runs"][0]["results"][0];
    assert_eq!(result["ruleId"], "PL101");
    let region = &result["locations"][0]["physicalLocation"]["region"];
    // 😀 and 𠀀 are one character but two UTF-16 code units each.
    assert_eq!(
        (&region["startLine"], &region["startColumn"], &region["endLine"], &region["endColumn"]),
        (&2.into(), &15.into(), &2.into(), &17.into())
    );
    let line: Vec<u16> = ODD_DRAFT.lines().nth(1).unwrap().encode_utf16().collect();
    assert_eq!(String::from_utf16(&line[14..16]).unwrap(), "**");
    // The JSON output counts characters.
    let (_, out, _) = run(dir.path(), &["check", "--format", "json", ODD_NAME]);
    let json: Value = serde_json::from_str(&out).unwrap();
    assert_eq!((&json[0]["column"], &json[0]["end_column"]), (&13.into(), &15.into()));
}

#[test]
fn sarif_uris_are_percent_encoded_relative_references() {
    let dir = project();
    let (_, log, _) = sarif(dir.path(), &[&format!("./{ODD_NAME}")]);
    let uri = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(uri, "docs/%E5%B7%A5%E4%BD%9C%E8%A6%81%E7%82%B9%2Cv1%3A%E8%8D%89%E7%A8%BF.md");
    assert_eq!(percent_decode(&uri), ODD_NAME);
    // Read from standard input, the --stdin-filename names the artifact.
    let mut child = Command::new(env!("CARGO_BIN_EXE_planlint"))
        .args(["check", "--format", "sarif", "--stdin-filename", "方案.md", "-"])
        .current_dir(dir.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    std::io::Write::write_all(&mut child.stdin.take().unwrap(), "培育**家企业。\n".as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    let log: Value = serde_json::from_slice(&out.stdout).unwrap();
    let location = &log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"];
    assert_eq!(location["uri"], "%E6%96%B9%E6%A1%88.md");
}

#[test]
fn unreadable_files_go_to_stderr_and_into_the_log() {
    let dir = project();
    write(dir.path(), "a.txt", b"PK\x03\x04\x14\x00\x06\x00word/document.xml\x00\x00".as_slice());
    let (code, log, err) = sarif(dir.path(), &["."]);
    assert_eq!(code, 2);
    assert!(err.contains("planlint: error: a.txt: "), "{err}");
    let invocation = &log["runs"][0]["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    let notes = invocation["toolExecutionNotifications"].as_array().unwrap();
    assert_eq!(notes.len(), 1);
    assert!(notes[0]["message"]["text"].as_str().unwrap().starts_with("a.txt: "), "{notes:?}");
    assert!(!log["runs"][0]["results"].as_array().unwrap().is_empty(), "the rest is still checked");
}

#[test]
fn github_commands_escape_properties_and_data() {
    let dir = project();
    let (code, out, _) = run(dir.path(), &["check", "--format", "github", ODD_NAME, "examples/draft.txt"]);
    assert_eq!(code, 1);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0],
        "::error file=docs/工作要点%2Cv1%3A草稿.md,line=2,endLine=2,col=15,endColumn=17,title=PL101 placeholder::\
         模板占位符“**”未替换，请填入实际数值"
    );
    assert!(
        lines[1].starts_with("::warning file=docs/工作要点%2Cv1%3A草稿.md,line=3,endLine=3,col=3,")
            && lines[1].contains("title=PL301 target-without-number::")
            && lines[1].contains("（如“达到85%25”“新增10家”）"),
        "{}",
        lines[1]
    );
    assert!(lines.iter().any(|l| l.starts_with("::notice file=examples/draft.txt,")), "{out}");
    assert!(lines.iter().all(|l| l.starts_with("::")), "only workflow commands: {out}");
}

/// `(path, line, character column, code, severity, message)`: a finding as
/// every format can tell it. SARIF and GitHub fold info and hint into one
/// level, so severities are compared as SARIF levels.
type Key = (String, usize, usize, String, String, String);

fn level(severity: &str) -> String {
    match severity {
        "info" | "hint" | "notice" => "note".into(),
        other => other.into(),
    }
}

fn unescape_github(s: &str) -> String {
    s.replace("%3A", ":").replace("%2C", ",").replace("%0A", "\n").replace("%0D", "\r").replace("%25", "%")
}

#[test]
fn all_formats_agree_on_the_findings() {
    let dir = project();
    let text = |path: &str| std::fs::read_to_string(dir.path().join(path)).unwrap();

    let (_, out, _) = run(dir.path(), &["check", "--format", "json", "."]);
    let json: BTreeSet<Key> = serde_json::from_str::<Vec<Value>>(&out)
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap() as usize,
                f["column"].as_u64().unwrap() as usize,
                f["code"].as_str().unwrap().to_string(),
                level(f["severity"].as_str().unwrap()),
                f["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert!(json.len() >= 8, "{json:?}");

    let (_, out, _) = run(dir.path(), &["check", "--color", "never", "."]);
    let header = regex::Regex::new(r"^(.+):(\d+):(\d+): (error|warning|info|hint)\[(PL\d+)/[a-z-]+\] (.*)$").unwrap();
    let human: BTreeSet<Key> = out
        .lines()
        .filter_map(|l| header.captures(l))
        .map(|c| {
            (
                c[1].to_string(),
                c[2].parse().unwrap(),
                c[3].parse().unwrap(),
                c[5].to_string(),
                level(&c[4]),
                c[6].to_string(),
            )
        })
        .collect();
    assert_eq!(human, json, "human");

    let (_, out, _) = run(dir.path(), &["check", "--format", "github", "."]);
    let command = regex::Regex::new(
        r"^::(error|warning|notice) file=([^,]+),line=(\d+),endLine=\d+,col=(\d+),endColumn=\d+,title=(PL\d+) [a-z-]+::(.*)$",
    )
    .unwrap();
    let github: BTreeSet<Key> = out
        .lines()
        .map(|l| command.captures(l).unwrap_or_else(|| panic!("not a workflow command: {l}")))
        .map(|c| {
            let path = unescape_github(&c[2]);
            let line = c[3].parse().unwrap();
            let column = char_column(&text(&path), line, c[4].parse().unwrap());
            (path, line, column, c[5].to_string(), level(&c[1]), unescape_github(&c[6]))
        })
        .collect();
    assert_eq!(github, json, "github");

    let (_, log, _) = sarif(dir.path(), &["."]);
    let sarif: BTreeSet<Key> = log["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let location = &r["locations"][0]["physicalLocation"];
            let path = percent_decode(location["artifactLocation"]["uri"].as_str().unwrap());
            let line = location["region"]["startLine"].as_u64().unwrap() as usize;
            let column = char_column(&text(&path), line, location["region"]["startColumn"].as_u64().unwrap() as usize);
            let message = r["message"]["text"].as_str().unwrap().to_string();
            (
                path,
                line,
                column,
                r["ruleId"].as_str().unwrap().to_string(),
                level(r["level"].as_str().unwrap()),
                message,
            )
        })
        .collect();
    assert_eq!(sarif, json, "sarif");
}
