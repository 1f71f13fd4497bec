//! What the fuzz targets (`fuzz/`) found, kept as tests of the normal suite.
//! The core's cases run the very checks of the targets
//! (`fuzz/fuzz_targets/common/checks.rs`): ranges and fix edits inside the
//! text on char boundaries, and `--fix` reaching a fixed point.

use planlint::{Config, FixMode, SourceKind};

#[path = "../../fuzz/fuzz_targets/common/checks.rs"]
mod checks;

use checks::analyze_target;

/// `analyze`, minimised from a generated draft: a task without a clause in a
/// draft whose clauses name no lead got `责任单位：` inserted on every pass of
/// `--fix --unsafe-fixes` (16 lines, then "did not converge").
#[test]
fn empty_responsible_clause_is_inserted_once() {
    analyze_target("2.；责任单位：".as_bytes());
    for draft in [
        "二、主要任务\n1.建设平台。\n责任单位：市科技局\n2.培育企业。\n",
        "二、主要任务\n1.建设平台。（责任单位：市科技局）\n2.培育企业。\n",
    ] {
        analyze_target(draft.as_bytes());
        let r = planlint::fix_all(draft, SourceKind::PlainText, &Config::default(), FixMode::Unsafe);
        assert!(r.converged && r.count() == 1, "{:?}", r.text);
        assert_eq!(r.text.matches("责任单位").count(), 2, "{:?}", r.text);
    }
}

/// `analyze`, minimised: a clause left open (`[牵头单位:〕`, brackets that do not
/// pair) ran over the next task's line, so the clause inserted for that task
/// belonged to it, and `--fix --unsafe-fixes` inserted another on every pass.
#[test]
fn no_clause_inserted_inside_a_clause_left_open() {
    analyze_target(b"3\xef\xb9\x92\xa8[\xe7\x89\xb5\xe5\xa4\xb4\xe5\x8d\x95\xe4\xbd\x8d:\xe3\x80\x95\n2\xef\xbd\xa1\n3\xef\xb9\x92\x8e[\xe8]\xe5");
    let draft = "二、主要任务\n1.建设平台。[牵头单位：〕\n2.培育企业。\n3.优化服务。[责任单位：市科技局]\n";
    analyze_target(draft.as_bytes());
    let r = planlint::fix_all(draft, SourceKind::PlainText, &Config::default(), FixMode::Unsafe);
    assert!(r.converged, "{:?}", r.text);
}

/// `analyze`, minimised: in `化;;;…` only the mark next to Chinese was reported,
/// so safe `--fix` took a pass per mark and gave up after 16 (not converged).
#[test]
fn a_run_of_half_width_marks_is_fixed_in_one_pass() {
    analyze_target("化;;;;;;;;;;;;;;;;".as_bytes());
    let r = planlint::fix_all("化;;;;;;;;;;;;;;;;;;;;", SourceKind::PlainText, &Config::default(), FixMode::Safe);
    assert!(r.converged);
    assert_eq!(r.text, "化；；；；；；；；；；；；；；；；；；；；");
}

/// `config`: a confusion whose right form contains its wrong form (`工做` →
/// `工做工作`) was accepted, and `--fix` put the wrong form back on every pass.
#[test]
fn a_confusion_that_fixes_into_itself_is_refused() {
    let toml = "[confusable]\nextra = [{ wrong = \"工做\", right = \"工做工作\" }]\n";
    checks::config_target(format!("{toml}\0开展工做。").as_bytes(), "");
    assert!(Config::from_toml(toml).is_err());
}

/// `analyze`, minimised: in Markdown, a task followed on the next line by an
/// HTML comment with text after its end got its clause inserted inside the comment, where it is not
/// read, so `--fix --unsafe-fixes` inserted another on every pass.
#[test]
fn no_clause_inserted_inside_an_html_comment() {
    analyze_target(b"\xff\x0a1\xef\xbc\x8e\xe5\xe6\x96\xe3\x80\x94\xe7\x89\xb5\xe5\xa4\xb4\xe5\x8d\x95\xe4\xbd\x8d\xef\xbc\x9a\x94\xb7\xe3\x80\x91\x0a3\xef\xb9\x92\x0a<!--\x0a\x00\x00-->\x00\x00\xe4\xb8\x80\xe3\x80\x81\xe4\x80\x80\x94\xb7");
    let draft = "二、主要任务\n1.建设平台。（牵头单位：市科技局）\n2.培育企业。\n<!--\n-->三、保障措施\n";
    let r = planlint::fix_all(draft, SourceKind::Markdown, &Config::default(), FixMode::Unsafe);
    assert!(r.converged && r.count() == 1, "{:?}", r.text);
    assert!(r.text.contains("2.培育企业。（牵头单位：；责任单位：）\n<!--"), "{:?}", r.text);
}

/// `analyze`, minimised: `2。小编` on each of fifteen lines. Read as two
/// sentences (`2` and `小编`), a line was residue inside the line (unsafe),
/// and whole-line residue (safe) only once `--fix` had normalised its number
/// to `2.`, one line per pass: safe fixes gave up after 16. A list number is
/// not a sentence.
#[test]
fn residue_after_a_nonstandard_list_number_is_the_whole_line() {
    analyze_target("2。小编\n".repeat(15).as_bytes());
    let r = planlint::fix_all(&"2。小编\n".repeat(15), SourceKind::PlainText, &Config::default(), FixMode::Safe);
    assert!(r.converged && r.text.is_empty(), "{:?}", r.text);
}

/// `config`, minimised (with an empty planlint.toml): `（一）` followed by a
/// run of half-width commas. The marker took one comma as its wrong trailing
/// mark, so --fix dropped one comma per pass and gave up after 16. A run of
/// trailing marks belongs to the marker.
#[test]
fn a_run_of_marks_after_a_heading_number_is_dropped_at_once() {
    checks::config_target("\0（一）,,,,,,,,,,,,,,,,".as_bytes(), "");
    let r = planlint::fix_all("（一）,,,,,,,,,,,,,,,,,,,,", SourceKind::PlainText, &Config::default(), FixMode::Safe);
    assert!(r.converged && r.text == "（一）", "{:?}", r.text);
}
