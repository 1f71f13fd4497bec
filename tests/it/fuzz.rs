//! What the fuzz targets (`fuzz/`) found, kept as tests of the normal suite.
//! The core's cases run the very checks of the targets
//! (`fuzz/fuzz_targets/common/checks.rs`): ranges and fix edits inside the
//! text on char boundaries, and `--fix` reaching a fixed point.

use planlint::{Config, FixMode, Lang, SourceKind};

#[path = "../../fuzz/fuzz_targets/common/checks.rs"]
mod checks;

/// What the target `analyze` does with one input.
fn analyze_target(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let zh = Config::default();
    let en = Config { lang: Lang::En, ..Config::default() };
    checks::analysis(&text, SourceKind::PlainText, &zh);
    checks::analysis(&text, SourceKind::Markdown, &en);
    checks::fixes(&text, SourceKind::PlainText, &zh);
    checks::fixes(&text, SourceKind::Markdown, &zh);
}

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
