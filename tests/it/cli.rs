//! `planlint check`, `rules`, `explain` and `outline`, run as the built binary.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use expect_test::expect;
use serde_json::Value;

pub(crate) fn planlint(dir: &Path, args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_planlint"))
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("planlint runs");
    let mut input = child.stdin.take().unwrap();
    input.write_all(stdin.unwrap_or_default()).unwrap();
    drop(input);
    child.wait_with_output().unwrap()
}

pub(crate) fn run(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = planlint(dir, args, None);
    (out.status.code().expect("exited"), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

pub(crate) fn json(dir: &Path, args: &[&str]) -> (i32, Vec<Value>) {
    let mut all = vec!["check", "--format", "json"];
    all.extend_from_slice(args);
    let (code, out, err) = run(dir, &all);
    let parsed: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}\n{err}"));
    (code, parsed.as_array().unwrap().clone())
}

/// `(line:col-end_line:end_col code)` for each JSON finding.
pub(crate) fn spans(findings: &[Value]) -> Vec<String> {
    findings
        .iter()
        .map(|f| {
            format!(
                "{}:{}-{}:{} {}",
                f["line"],
                f["column"],
                f["end_line"],
                f["end_column"],
                f["code"].as_str().unwrap()
            )
        })
        .collect()
}

pub(crate) fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

pub(crate) fn write(dir: &Path, name: &str, contents: impl AsRef<[u8]>) {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, contents).unwrap();
}

const DRAFT: &str = "\
一、主要目标
——新增高新技术企业**家。
——营商环境持续优化。

二、重点任务
1.建设孵化载体。新建众创空间3个。（牵头单位：区科技局；责任单位：各街道办事处）
2.优化人才服务。推行人才服务专员制度，办理事项100项。
";

#[test]
fn human_output_has_frames_with_aligned_carets_and_a_summary() {
    let dir = tempdir();
    write(dir.path(), "plan.txt", DRAFT);
    let (code, out, err) = run(dir.path(), &["check", "plan.txt"]);
    assert_eq!((code, err.as_str()), (1, ""));
    expect![[r#"
        plan.txt:2:11: error[PL101/placeholder] 模板占位符“**”未替换，请填入实际数值
          |
        2 | ——新增高新技术企业**家。
          |                   ^^

        plan.txt:3:3: warning[PL301/target-without-number] 目标“营商环境持续优化”没有量化指标，请写明数值（如“达到85%”“新增10家”）
          |
        3 | ——营商环境持续优化。
          |   ^^^^^^^^^^^^^^^^

        plan.txt:7:1: warning[PL201/missing-lead-unit] 任务“2.优化人才服务”未明确牵头单位，请补充“（牵头单位：…；责任单位：…）”
          |
        7 | 2.优化人才服务。推行人才服务专员制度，办理事项100项。
          | ^^^^^^^^^^^^^^
          = 修复建议：插入责任分工“（牵头单位：；责任单位：）”

        发现 3 个问题：错误 1 个，警告 2 个，提示 0 个（检查了 1 个文件）。
        其中 1 处可用 --fix --unsafe-fixes 修复（可能改变原意，请复核）。
    "#]]
    .assert_eq(&out);
}

#[test]
fn english_messages_with_lang_en() {
    let dir = tempdir();
    write(dir.path(), "plan.txt", DRAFT);
    let (_, out, _) = run(dir.path(), &["check", "--lang", "en", "plan.txt"]);
    assert!(out.contains("error[PL101/placeholder] Unfilled template placeholder “**”"), "{out}");
    assert!(out.contains("Found 3 problems: 1 error, 2 warnings, 0 notes (1 file checked)."), "{out}");
    // `lang` in planlint.toml does the same; the flag wins over it.
    write(dir.path(), "planlint.toml", "lang = \"en\"\n");
    let (_, out, _) = run(dir.path(), &["check", "plan.txt"]);
    assert!(out.contains("Unfilled template placeholder"), "{out}");
    let (_, out, _) = run(dir.path(), &["check", "--lang", "zh", "plan.txt"]);
    assert!(out.contains("模板占位符“**”未替换"), "{out}");
}

#[test]
fn json_columns_count_characters_and_end_is_exclusive() {
    let dir = tempdir();
    // Extension B (𠀀, two UTF-16 units, four bytes) and an emoji before the mask.
    write(dir.path(), "a.txt", "一、工作目标\n——𠀀😀新增企业**家。\n");
    let (code, findings) = json(dir.path(), &["a.txt"]);
    assert_eq!(code, 1);
    assert_eq!(spans(&findings), ["2:9-2:11 PL101"]);
    let f = &findings[0];
    assert_eq!(f["path"], "a.txt");
    assert_eq!(f["rule"], "placeholder");
    assert_eq!(f["severity"], "error");
    assert!(f["message"].as_str().unwrap().contains("**"));
}

#[test]
fn json_carries_fixes() {
    let dir = tempdir();
    write(dir.path(), "plan.txt", DRAFT);
    let (_, findings) = json(dir.path(), &["plan.txt"]);
    let fix = &findings.iter().find(|f| f["code"] == "PL201").unwrap()["fix"];
    assert_eq!(fix["applicability"], "unsafe");
    assert_eq!(fix["edits"][0]["replacement"], "（牵头单位：；责任单位：）");
    assert_eq!((fix["edits"][0]["line"].as_u64(), fix["edits"][0]["column"].as_u64()), (Some(7), Some(30)));
}

#[test]
fn exit_codes() {
    let dir = tempdir();
    write(dir.path(), "clean.txt", "二、重点任务\n1.建设孵化载体。新建众创空间3个。（牵头单位：区科技局）\n");
    write(
        dir.path(),
        "warn.txt",
        "二、重点任务\n1.建设孵化载体。新建众创空间3个。（牵头单位：区科技局）\n2.优化人才服务。办理事项100项。\n",
    );
    write(dir.path(), "error.txt", "培育**家企业。\n");
    assert_eq!(run(dir.path(), &["check", "clean.txt"]).0, 0);
    assert_eq!(run(dir.path(), &["check", "warn.txt"]).0, 0);
    assert_eq!(run(dir.path(), &["check", "--strict", "warn.txt"]).0, 1);
    assert_eq!(run(dir.path(), &["check", "error.txt"]).0, 1);
    assert_eq!(run(dir.path(), &["check", "--strict", "clean.txt"]).0, 0);
    // Usage errors.
    assert_eq!(run(dir.path(), &["check", "--format", "xml", "clean.txt"]).0, 2);
    assert_eq!(run(dir.path(), &["check", "--lang", "fr", "clean.txt"]).0, 2);
    assert_eq!(run(dir.path(), &["frobnicate"]).0, 2);
    // A missing file is reported, the others are still checked, and the run fails.
    let (code, out, err) = run(dir.path(), &["check", "missing.txt", "error.txt"]);
    assert_eq!(code, 2);
    assert!(err.contains("planlint: error: missing.txt: 文件或目录不存在"), "{err}");
    assert!(out.contains("error.txt:1:3"), "{out}");
}

#[test]
fn stdin_is_checked_and_named() {
    let dir = tempdir();
    let out = planlint(dir.path(), &["check", "-"], Some("到X年，建成平台。\n".as_bytes()));
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.starts_with("<stdin>:1:2: error[PL101/placeholder]"), "{stdout}");

    // With a Markdown name: emphasis, code and comments are not prose.
    let md = "# 工作要点\n\n**一、工作目标**\n\n```\n示例：新增X家\n```\n\n<!-- 某某 -->\n\n- 新增企业**家。\n";
    let out = planlint(
        dir.path(),
        &["check", "--format", "json", "--stdin-filename", "docs/plan.md", "-"],
        Some(md.as_bytes()),
    );
    let findings: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(spans(&findings), ["11:7-11:9 PL101"]);
    assert_eq!(findings[0]["path"], "docs/plan.md");
}

#[test]
fn gbk_utf16_bom_and_crlf_files_give_the_same_findings_as_utf8() {
    let dir = tempdir();
    let text = DRAFT;
    write(dir.path(), "utf8.txt", text);
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(text);
    assert!(!unmappable);
    write(dir.path(), "gbk.txt", gbk);
    write(dir.path(), "bom.txt", [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat());
    write(dir.path(), "crlf.txt", text.replace('\n', "\r\n"));
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    write(dir.path(), "utf16.txt", utf16);
    let expected = spans(&json(dir.path(), &["utf8.txt"]).1);
    assert_eq!(expected.len(), 3);
    for name in ["gbk.txt", "bom.txt", "crlf.txt", "utf16.txt"] {
        let (code, findings) = json(dir.path(), &[name]);
        assert_eq!((code, spans(&findings)), (1, expected.clone()), "{name}");
    }
}

#[test]
fn binary_and_undecodable_files_are_errors_and_the_rest_is_checked() {
    let dir = tempdir();
    write(dir.path(), "a.txt", b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00".as_slice());
    write(dir.path(), "b.txt", b"\xEF\xBB\xBF\xE6\xB5\xFF\n".as_slice());
    write(dir.path(), "c.txt", "培育**家企业。\n");
    let (code, out, err) = run(dir.path(), &["check", "."]);
    assert_eq!(code, 2);
    assert!(err.contains("planlint: error: a.txt: 二进制文件"), "{err}");
    assert!(err.contains("planlint: error: b.txt: 不是有效的 UTF-8 文本"), "{err}");
    assert!(out.contains("c.txt:1:3: error[PL101/placeholder]"), "{out}");
    assert!(out.contains("检查了 1 个文件）。另有 2 个文件无法读取。"), "{out}");
    // When nothing could be read, the summary never says "no problems".
    let (code, out, _) = run(dir.path(), &["check", "a.txt", "b.txt"]);
    assert_eq!(code, 2);
    assert_eq!(out.trim(), "2 个文件无法读取，未检查任何文件。");
    let (_, out, _) = run(dir.path(), &["check", "--lang", "en", "a.txt"]);
    assert_eq!(out.trim(), "1 file could not be read; nothing was checked.");
}

/// Inputs over `planlint::MAX_INPUT_BYTES` (16 MiB) are refused with their size and exit
/// status 2, files and standard input alike. An input of exactly the limit is read: made of
/// NUL bytes (to be cheap), it is then refused as binary, not for its size.
#[test]
fn inputs_over_the_size_limit_are_refused() {
    let dir = tempdir();
    let limit = planlint::MAX_INPUT_BYTES;
    assert_eq!(limit, 16 << 20, "README.md states 16 MiB");
    // Sparse files: the size is known before a byte is read.
    for (name, len) in [("huge.txt", 100 << 20), ("over.txt", limit + 1), ("limit.txt", limit)] {
        std::fs::File::create(dir.path().join(name)).unwrap().set_len(len as u64).unwrap();
    }
    write(dir.path(), "small.txt", "培育**家企业。\n");
    let (code, out, err) = run(dir.path(), &["check", "huge.txt", "over.txt", "limit.txt", "small.txt"]);
    assert_eq!(code, 2, "{err}");
    assert!(out.contains("small.txt:1:3: error[PL101/placeholder]"), "{out}");
    for line in [
        "planlint: error: huge.txt: 文件过大（100 MiB），不像是一份草稿：planlint 只检查 16 MiB 以内的文本",
        "planlint: error: over.txt: 文件过大（16.1 MiB），不像是一份草稿：planlint 只检查 16 MiB 以内的文本",
        "planlint: error: limit.txt: 二进制文件",
    ] {
        assert!(err.contains(line), "{err}");
    }
    let over = "a".repeat(limit + 1);
    let out = planlint(dir.path(), &["check", "--lang", "en", "-"], Some(over.as_bytes()));
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("<stdin>: too large to be a draft (16.1 MiB): planlint checks texts up to 16 MiB"), "{err}");
    let out = planlint(dir.path(), &["check", "-"], Some(&vec![0; limit]));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(out.status.code() == Some(2) && err.contains("<stdin>: 二进制文件"), "{err}");
}

#[test]
fn directories_are_walked_in_order_honouring_ignore_files() {
    let dir = tempdir();
    for name in
        ["b/2.txt", "b/1.md", "a.txt", "skip/x.txt", "notes.docx.txt", "other.rst", "vendor/z.txt", "c.markdown"]
    {
        write(dir.path(), name, "培育**家企业。\n");
    }
    // Not a git repository: .gitignore still counts, as does .planlintignore.
    write(dir.path(), ".gitignore", "skip/\n");
    write(dir.path(), ".planlintignore", "vendor/\n");
    let (_, findings) = json(dir.path(), &["."]);
    let paths: Vec<&str> = findings.iter().map(|f| f["path"].as_str().unwrap()).collect();
    assert_eq!(paths, ["a.txt", "b/1.md", "b/2.txt", "c.markdown", "notes.docx.txt"]);
    // Named explicitly, a file is checked whatever its extension; output follows argument order.
    let (_, findings) = json(dir.path(), &["other.rst", "a.txt", "a.txt"]);
    let paths: Vec<&str> = findings.iter().map(|f| f["path"].as_str().unwrap()).collect();
    assert_eq!(paths, ["other.rst", "a.txt"]);
}

#[test]
fn configuration_is_found_by_walking_up_and_can_be_forced() {
    let dir = tempdir();
    write(dir.path(), "top.txt", "培育**家企业。\n");
    write(dir.path(), "dept/sub/plan.txt", "培育**家企业。\n");
    write(dir.path(), "dept/planlint.toml", "[rules]\nplaceholder = \"warning\"\n");
    write(dir.path(), "quiet.toml", "[rules]\nPL101 = \"off\"\n");
    let (code, findings) = json(dir.path(), &["."]);
    let sev: Vec<(&str, &str)> =
        findings.iter().map(|f| (f["path"].as_str().unwrap(), f["severity"].as_str().unwrap())).collect();
    assert_eq!(sev, [("dept/sub/plan.txt", "warning"), ("top.txt", "error")]);
    assert_eq!(code, 1);
    let (code, findings) = json(dir.path(), &["--config", "quiet.toml", "."]);
    assert_eq!((code, findings.len()), (0, 0));
    // Placeholder allow-list.
    write(dir.path(), "x3.txt", "采购X型检测设备2台。\n");
    write(dir.path(), "allow.toml", "[placeholder]\nallow = [\"X型\"]\n");
    assert_eq!(spans(&json(dir.path(), &["x3.txt"]).1).len(), 1);
    assert_eq!(spans(&json(dir.path(), &["--config", "allow.toml", "x3.txt"]).1).len(), 0);
}

#[test]
fn bad_configuration_is_reported_with_file_line_and_column() {
    let dir = tempdir();
    write(dir.path(), "plan.txt", "培育**家企业。\n");
    write(dir.path(), "planlint.toml", "lang = \"zh\"\n\n[rules]\nplaceholder = \"loud\"\n");
    let (code, out, err) = run(dir.path(), &["check", "plan.txt"]);
    assert_eq!((code, out.as_str()), (2, ""));
    let expected = format!(
        "planlint: error: {}:4:15: bad level `loud` for rule `placeholder`",
        dir.path().join("planlint.toml").display()
    );
    assert!(err.starts_with(&expected), "{err}");

    write(dir.path(), "typo.toml", "[rule]\nplaceholder = \"off\"\n");
    let (code, _, err) = run(dir.path(), &["check", "--config", "typo.toml", "plan.txt"]);
    assert_eq!(code, 2);
    assert!(err.contains("typo.toml:1:2: unknown field `rule`"), "{err}");

    let (code, _, err) = run(dir.path(), &["check", "--config", "absent.toml", "plan.txt"]);
    assert_eq!(code, 2);
    assert!(err.contains("absent.toml"), "{err}");
}

#[test]
fn suppression_comments_work_in_both_kinds() {
    let dir = tempdir();
    let text = "<!-- planlint-disable-next-line placeholder -->\n培育**家企业。\n完成X项。<!-- planlint-disable-line -->\n到X年。\n";
    write(dir.path(), "a.txt", text);
    write(dir.path(), "a.md", text);
    for name in ["a.txt", "a.md"] {
        assert_eq!(spans(&json(dir.path(), &[name]).1), ["4:2-4:3 PL101"], "{name}");
    }
    // A misspelt rule name suppresses nothing and is reported, with the right name as a safe fix.
    write(dir.path(), "typo.md", "<!-- planlint-disable-next-line plcaeholder -->\n培育**家企业。\n");
    let (_, findings) = json(dir.path(), &["typo.md"]);
    assert_eq!(spans(&findings), ["1:33-1:44 PL001", "2:3-2:5 PL101"]);
    assert_eq!(findings[0]["rule"], "unknown-rule");
    assert_eq!(findings[0]["fix"]["applicability"], "safe");
    assert_eq!(findings[0]["fix"]["edits"][0]["replacement"], "placeholder");
}

#[test]
fn long_lines_are_windowed_in_the_frame() {
    let dir = tempdir();
    let line = format!("{}某某公司{}\n", "推进产业链协同发展，".repeat(20), "加快项目建设进度，".repeat(20));
    write(dir.path(), "long.txt", &line);
    let (_, out, _) = run(dir.path(), &["check", "long.txt"]);
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines[2].starts_with("1 | …") && lines[2].ends_with('…'), "{out}");
    let width: usize =
        lines[2].split("某某").next().unwrap().chars().map(|c| if c.is_ascii() || c == '…' { 1 } else { 2 }).sum();
    assert_eq!(lines[3].find('^'), Some(width), "{out}");
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let dir = tempdir();
    write(dir.path(), "a.txt", "培育**家企业。\n");
    let (_, plain, _) = run(dir.path(), &["check", "a.txt"]);
    assert!(!plain.contains('\x1b'));
    let (_, coloured, _) = run(dir.path(), &["check", "--color", "always", "a.txt"]);
    assert!(coloured.contains("\x1b[1;31merror\x1b[0m"), "{coloured}");
}

#[test]
fn rules_explain_and_outline() {
    let dir = tempdir();
    let (code, out, _) = run(dir.path(), &["rules"]);
    assert_eq!(code, 0);
    let names: Vec<&str> = out.lines().map(|l| l.split_whitespace().nth(1).unwrap()).collect();
    assert_eq!(names, planlint::rules::all().map(|r| r.name).collect::<Vec<_>>());

    for key in ["placeholder", "PL101", "pl101"] {
        let (code, out, _) = run(dir.path(), &["explain", key]);
        assert_eq!(code, 0);
        assert!(out.starts_with("# placeholder (PL101)"), "{out}");
        assert!(out.contains("## What it does") && out.contains("## Why is this bad?") && out.contains("## Example"));
    }
    let (code, _, err) = run(dir.path(), &["explain", "PL999"]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown rule `PL999`"), "{err}");

    write(dir.path(), "plan.txt", DRAFT);
    let (code, out, _) = run(dir.path(), &["outline", "plan.txt"]);
    assert_eq!(code, 0);
    assert!(out.contains("1. 建设孵化载体 => task lead=区科技局 others=各街道办事处(generic)"), "{out}");
    assert!(out.contains("2. 优化人才服务 => task lead=- others=-"), "{out}");
}

/// The README shows the real output on the example draft; this test keeps it
/// true (it rewrites a stale sample and fails once: commit the result).
#[test]
fn the_readme_example_runs() {
    const START: &str = "<!-- output:start -->";
    const END: &str = "<!-- output:end -->";
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (code, out, err) = run(root, &["check", "examples/draft.txt"]);
    assert_eq!(code, 1, "{err}");
    assert!(out.contains("examples/draft.txt:8:13: error[PL101/placeholder]"), "{out}");
    let path = root.join("README.md");
    let readme = std::fs::read_to_string(&path).unwrap();
    let (head, rest) = readme.split_once(START).unwrap();
    let (_, tail) = rest.split_once(END).unwrap();
    let fresh = format!("{head}{START}\n```text\n$ planlint check examples/draft.txt\n{out}```\n{END}{tail}");
    if fresh != readme {
        std::fs::write(&path, fresh).unwrap();
        panic!("README.md's sample output was stale and has been rewritten; commit the change");
    }
}
