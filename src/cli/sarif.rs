//! `--format sarif`: one SARIF 2.1.0 log for the whole run, as GitHub code
//! scanning reads it.
//!
//! The log is written in pieces so that findings stream as files finish: the
//! [`header`] (tool, rules, the run's settings), one [`result`] object per
//! finding, and the [`footer`] (the invocation, with files that could not be
//! read as notifications).
//!
//! Columns count UTF-16 code units and the run says so (`columnKind`): that
//! is the unit GitHub's own producer (CodeQL) declares and the one GitHub's
//! viewer counts in, and spec-following viewers read the declaration. In
//! Chinese text the two units differ only after characters outside the Basic
//! Multilingual Plane (emoji, CJK Extension B and later).

use std::path::{Component, Path};

use planlint::{Applicability, Diagnostic, Lang, LineIndex, Severity};
use serde::Serialize;
use serde::ser::SerializeSeq;
use serde_json::{Value, json};

/// Where relative artifact URIs are rooted: the directory `planlint` ran in.
pub const SRCROOT: &str = "%SRCROOT%";

/// SARIF's level for a severity: SARIF has no info or hint, only `note`.
pub fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Hint => "note",
    }
}

/// The start of the log, up to and including the opening of `results`.
pub fn header(cwd: &Path, lang: Lang) -> String {
    let rules: Vec<Value> = planlint::rules::all().map(|r| rule(r, lang)).collect();
    let tool = json!({
        "driver": {
            "name": "planlint",
            "version": env!("CARGO_PKG_VERSION"),
            "semanticVersion": env!("CARGO_PKG_VERSION"),
            "rules": rules,
        }
    });
    let mut root = file_uri(cwd);
    if !root.ends_with('/') {
        root.push('/');
    }
    let bases = json!({ SRCROOT: { "uri": root } });
    format!(
        concat!(
            "{{\n",
            "  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n",
            "  \"version\": \"2.1.0\",\n",
            "  \"runs\": [\n",
            "    {{\n",
            "      \"tool\": {tool},\n",
            "      \"language\": \"{language}\",\n",
            "      \"columnKind\": \"utf16CodeUnits\",\n",
            "      \"originalUriBaseIds\": {bases},\n",
            "      \"results\": [",
        ),
        tool = indent(&serde_json::to_string_pretty(&tool).expect("the tool serialises"), "      "),
        language = lang.pick("zh-CN", "en-US"),
        bases = bases,
    )
}

/// Indents every line but the first (which continues a line already begun).
fn indent(text: &str, by: &str) -> String {
    text.replace('\n', &format!("\n{by}"))
}

/// The end of the log. `any_results` says whether a result was written;
/// `failures` are the messages of files that could not be checked.
pub fn footer(any_results: bool, successful: bool, failures: &[String]) -> String {
    let notifications: Vec<Value> =
        failures.iter().map(|m| json!({ "level": "error", "message": { "text": m } })).collect();
    let mut invocation = json!({ "executionSuccessful": successful });
    if !notifications.is_empty() {
        invocation["toolExecutionNotifications"] = Value::Array(notifications);
    }
    format!("{}],\n      \"invocations\": [{invocation}]\n    }}\n  ]\n}}\n", if any_results { "\n      " } else { "" })
}

/// Text between two results.
pub const SEPARATOR: &str = ",\n        ";
/// Text before the first result.
pub const FIRST: &str = "\n        ";

/// A rule as a SARIF `reportingDescriptor`.
fn rule(r: &planlint::rules::Rule, lang: Lang) -> Value {
    let docs = r.docs_text();
    json!({
        "id": r.code,
        "name": r.name,
        "shortDescription": { "text": r.summary(lang) },
        "fullDescription": { "text": full_description(&docs, lang).unwrap_or_else(|| r.summary(lang).to_string()) },
        "help": { "text": docs, "markdown": docs },
        "defaultConfiguration": { "level": level(r.default_severity) },
    })
}

/// GitHub shows at most this many characters of a full description.
const MAX_DESCRIPTION: usize = 1000;

/// The "What it does" section of a rule's docs, in the paragraphs of one
/// language (the docs alternate English and Chinese paragraphs).
fn full_description(docs: &str, lang: Lang) -> Option<String> {
    let section = docs.split("## What it does").nth(1)?;
    let section = section.split("\n## ").next().unwrap_or(section);
    let paragraphs: Vec<String> = section
        .split("\n\n")
        .map(|p| {
            p.lines().map(str::trim).collect::<Vec<_>>().join(if is_chinese(p) { "" } else { " " }).trim().to_string()
        })
        .filter(|p| !p.is_empty() && is_chinese(p) == (lang == Lang::Zh))
        .collect();
    if paragraphs.is_empty() {
        return None;
    }
    let text = paragraphs.join("\n\n");
    if text.chars().count() <= MAX_DESCRIPTION {
        return Some(text);
    }
    let cut: String = text.chars().take(MAX_DESCRIPTION - 1).collect();
    Some(cut + "…")
}

/// Whether a paragraph is written in Chinese: it opens with a Han character.
fn is_chinese(paragraph: &str) -> bool {
    paragraph.trim_start().chars().next().is_some_and(planlint::text::is_han)
}

/// A 1-based SARIF region; columns count UTF-16 code units, the end is exclusive.
/// Fields in the order `serde_json`'s maps keep (sorted), which the log had
/// when it was built from `json!` values.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    end_column: usize,
    end_line: usize,
    start_column: usize,
    start_line: usize,
}

fn region(index: &LineIndex, text: &str, start: usize, end: usize) -> Region {
    let s = index.utf16_col(text, start);
    let e = index.utf16_col(text, end);
    Region {
        end_column: e.col as usize + 1,
        end_line: e.line as usize + 1,
        start_column: s.col as usize + 1,
        start_line: s.line as usize + 1,
    }
}

#[derive(Serialize)]
struct Message<'a> {
    text: &'a str,
}

/// One finding as a SARIF `result`, serialised as it is written: a fix of a
/// whole draft's punctuation has hundreds of thousands of replacements, which
/// are never held as JSON values.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SarifResult<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    fixes: Option<[SarifFix<'a>; 1]>,
    level: &'static str,
    locations: [Location<'a>; 1],
    message: Message<'a>,
    rule_id: &'static str,
    rule_index: usize,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location<'a> {
    physical_location: PhysicalLocation<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation<'a> {
    artifact_location: &'a Value,
    region: Region,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifFix<'a> {
    artifact_changes: [ArtifactChange<'a>; 1],
    description: Message<'a>,
    properties: Properties,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactChange<'a> {
    artifact_location: &'a Value,
    replacements: Replacements<'a>,
}

#[derive(Serialize)]
struct Properties {
    applicability: &'static str,
}

/// A fix's edits as SARIF `replacement`s, each made as it is serialised.
struct Replacements<'a> {
    text: &'a str,
    index: &'a LineIndex,
    edits: &'a [planlint::Edit],
}

impl Serialize for Replacements<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        #[serde(rename_all = "camelCase")]
        struct Replacement<'a> {
            deleted_region: Region,
            inserted_content: Message<'a>,
        }
        let mut seq = serializer.serialize_seq(Some(self.edits.len()))?;
        for e in self.edits {
            seq.serialize_element(&Replacement {
                deleted_region: region(self.index, self.text, e.range.start(), e.range.end()),
                inserted_content: Message { text: &e.replacement },
            })?;
        }
        seq.end()
    }
}

/// One finding as a SARIF `result`. `artifact` is the file's `artifactLocation`.
pub fn result<'a>(artifact: &'a Value, text: &'a str, index: &'a LineIndex, d: &'a Diagnostic) -> SarifResult<'a> {
    let rule_index =
        planlint::rules::all().position(|r| std::ptr::eq(r, d.rule)).expect("findings come from known rules");
    let fixes = d.fix.as_ref().filter(|f| !f.edits.is_empty()).map(|fix| {
        [SarifFix {
            artifact_changes: [ArtifactChange {
                artifact_location: artifact,
                replacements: Replacements { text, index, edits: &fix.edits },
            }],
            description: Message { text: &fix.title },
            properties: Properties {
                applicability: match fix.applicability {
                    Applicability::Safe => "safe",
                    Applicability::Unsafe => "unsafe",
                    Applicability::DisplayOnly => "display-only",
                },
            },
        }]
    });
    SarifResult {
        fixes,
        level: level(d.severity),
        locations: [Location {
            physical_location: PhysicalLocation {
                artifact_location: artifact,
                region: region(index, text, d.range.start(), d.range.end()),
            },
        }],
        message: Message { text: &d.message },
        rule_id: d.rule.code,
        rule_index,
    }
}

/// The `artifactLocation` of a checked file: a relative URI reference under
/// [`SRCROOT`] when the file is inside the working directory, else an
/// absolute `file:` URI.
pub fn artifact_location(path: &Path, cwd: &Path) -> Value {
    let absolute = normalize(&cwd.join(path));
    match absolute.strip_prefix(normalize(cwd)) {
        Ok(relative) if relative.as_os_str().is_empty() => json!({ "uri": ".", "uriBaseId": SRCROOT }),
        Ok(relative) => json!({ "uri": relative_uri(relative), "uriBaseId": SRCROOT }),
        Err(_) => json!({ "uri": file_uri(&absolute) }),
    }
}

/// Removes `.` and resolves `..` lexically (no file system access: the path
/// as the user named it, not where its symlinks lead).
fn normalize(path: &Path) -> std::path::PathBuf {
    let mut out = std::path::PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push(c);
                }
            }
            other => out.push(other),
        }
    }
    out
}

/// `a/b/工作要点.md` → `a/b/%E5%B7%A5%E4%BD%9C%E8%A6%81%E7%82%B9.md`.
fn relative_uri(relative: &Path) -> String {
    let segments: Vec<String> = relative.components().map(|c| encode_segment(&os_bytes(c.as_os_str()))).collect();
    segments.join("/")
}

/// An absolute path as a `file:` URI (`file:///a/b`, `file:///C:/a/b`).
fn file_uri(absolute: &Path) -> String {
    let mut uri = String::from("file://");
    for c in normalize(absolute).components() {
        match c {
            Component::Prefix(p) => {
                uri.push('/');
                // A drive such as `C:` keeps its colon.
                uri.push_str(&p.as_os_str().to_string_lossy().replace('\\', "/"));
            }
            Component::RootDir => {}
            other => {
                uri.push('/');
                uri.push_str(&encode_segment(&os_bytes(other.as_os_str())));
            }
        }
    }
    if uri == "file://" {
        uri.push('/');
    }
    uri
}

#[cfg(unix)]
fn os_bytes(s: &std::ffi::OsStr) -> Vec<u8> {
    use std::os::unix::ffi::OsStrExt;
    s.as_bytes().to_vec()
}

#[cfg(not(unix))]
fn os_bytes(s: &std::ffi::OsStr) -> Vec<u8> {
    s.to_string_lossy().into_owned().into_bytes()
}

/// Percent-encodes everything but RFC 3986's unreserved characters, so the
/// segment means the same in any URI position (a `:` in a first segment
/// would otherwise read as a scheme).
fn encode_segment(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    for &b in bytes {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_are_percent_encoded_uri_references() {
        let cwd = Path::new("/work/repo");
        let uri = |p: &str| artifact_location(Path::new(p), cwd)["uri"].as_str().unwrap().to_string();
        assert_eq!(uri("docs/plan.md"), "docs/plan.md");
        assert_eq!(uri("./docs/../docs/工作要点.md"), "docs/%E5%B7%A5%E4%BD%9C%E8%A6%81%E7%82%B9.md");
        assert_eq!(uri("a b,c:d%.txt"), "a%20b%2Cc%3Ad%25.txt");
        assert_eq!(uri("/work/repo/x.txt"), "x.txt");
        assert_eq!(uri("../other/x.txt"), "file:///work/other/x.txt");
        assert_eq!(artifact_location(Path::new("x.txt"), cwd)["uriBaseId"], SRCROOT);
        assert!(artifact_location(Path::new("/tmp/x.txt"), cwd).get("uriBaseId").is_none());
        assert_eq!(file_uri(Path::new("/")), "file:///");
    }

    #[test]
    fn full_description_takes_one_language() {
        let docs =
            "## What it does\nFinds things\nthat are bad.\n\n查找\n不好的东西。\n\n## Why is this bad?\nBecause.\n";
        assert_eq!(full_description(docs, Lang::En).as_deref(), Some("Finds things that are bad."));
        assert_eq!(full_description(docs, Lang::Zh).as_deref(), Some("查找不好的东西。"));
        for r in planlint::rules::all() {
            for lang in [Lang::Zh, Lang::En] {
                let d = full_description(&r.docs_text(), lang).expect("every rule says what it does");
                assert!(d.chars().count() <= MAX_DESCRIPTION, "{}", r.name);
            }
        }
    }
}
