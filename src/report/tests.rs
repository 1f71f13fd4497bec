//! Tests of the report model and its renderers (the formats as a whole are
//! snapshots in `tests/fixtures/report/`, checked by `tests/it/report.rs`).

use expect_test::expect;

use super::{LeadStatus, Report, similar_names, to_csv, to_html, to_markdown};
use crate::config::Config;
use crate::lang::Lang;
use crate::syntax::SourceKind;

fn report(text: &str, config: &Config, name: &str) -> Report {
    Report::build(&crate::analyze(text, SourceKind::PlainText, config), config, name)
}

/// The matrix as `name: leads / supports` lines.
fn matrix(r: &Report) -> String {
    let refs = |refs: &[super::TaskRef]| -> String {
        refs.iter().map(|t| format!("{}#{}", t.file, r.files[t.file].tasks[t.task].label)).collect::<Vec<_>>().join(" ")
    };
    r.units
        .iter()
        .map(|u| {
            let mut line = format!("{}: {} / {}", u.name, refs(&u.leads), refs(&u.supports));
            if u.generic {
                line.push_str(" (generic)");
            }
            if !u.variants.is_empty() {
                line.push_str(&format!(" also {}", u.variants.join("、")));
            }
            line + "\n"
        })
        .collect()
}

#[test]
fn labels_are_unique_within_a_draft() {
    let r = report(
        "二、重点工作\n（一）强化创新\n1.甲。（牵头单位：市科技局）\n2.乙。（牵头单位：市财政局）\n（二）建设平台\n1.丙。（牵头单位：市科技局）\n1.丁。（牵头单位：市教育局）\n",
        &Config::default(),
        "a.txt",
    );
    let labels: Vec<&str> = r.files[0].tasks.iter().map(|t| t.label.as_str()).collect();
    // Numbered again in each section: the section's number comes first; two
    // items numbered alike in one section are told apart by their line.
    assert_eq!(labels, ["（一）1", "（一）2", "（二）1·L6", "（二）1·L7"]);
}

#[test]
fn aliases_traditional_script_and_bracket_widths_merge_generic_units_stay_apart() {
    let config = Config::from_toml("[units.aliases]\n\"市科技局\" = \"市科学技术局\"\n").unwrap();
    let r = report(
        "二、重点任务\n1.甲。（牵头单位：市科技局；责任单位：各县(市、区)政府）\n2.乙。（牵头单位：市科學技術局；责任单位：各县（市、区）政府）\n3.丙。（牵头单位：市科学技术局；责任单位：市发改委）\n4.丁。（责任单位：各有关单位）\n5.戊。\n",
        &config,
        "a.txt",
    );
    expect![[r#"
        市科学技术局: 0#1 0#2 0#3 /  also 市科技局、市科學技術局
        市发改委:  / 0#3
        各有关单位: 0#4 /  (generic)
        各县（市、区）政府:  / 0#1 0#2 (generic) also 各县(市、区)政府
    "#]]
    .assert_eq(&matrix(&r));
    let status: Vec<LeadStatus> = r.files[0].tasks.iter().map(|t| t.status).collect();
    assert_eq!(
        status,
        [LeadStatus::Specific, LeadStatus::Specific, LeadStatus::Specific, LeadStatus::GenericOnly, LeadStatus::None]
    );
}

#[test]
fn similar_names_are_the_shorter_name_inside_the_longer() {
    for (a, b) in [
        ("市科技局", "市科学技术局"),
        ("市人社局", "市人力资源和社会保障局"),
        ("市发改委", "市发展和改革委员会"),
        ("区住建局", "区住房和城乡建设局"),
    ] {
        assert!(similar_names(a, b) && similar_names(b, a), "{a} {b}");
    }
    for (a, b) in [
        ("市委", "市委组织部"),
        ("市委宣传部", "市委组织部"),
        ("市财政局", "县财政局"),
        ("市教育局", "市教育局机关党委"),
        ("县财", "县财政局"),
    ] {
        assert!(!similar_names(a, b), "{a} {b}");
    }
}

#[test]
fn merge_joins_units_across_files_and_keeps_each_files_tasks() {
    let config = Config::from_toml("[units.aliases]\n\"市科技局\" = \"市科学技术局\"\n").unwrap();
    let a = report("二、重点任务\n1.甲。（牵头单位：市科技局；责任单位：市财政局）\n", &config, "a.txt");
    let b = report(
        "二、重点任务\n1.乙。（牵头单位：市财政局）\n2.丙。（牵头单位：市科学技术局；责任单位：市人社局）\n",
        &config,
        "b.txt",
    );
    let merged = Report::merge([a, b]);
    expect![[r#"
        市科学技术局: 0#1 1#2 /  also 市科技局
        市财政局: 1#1 / 0#1
        市人社局:  / 1#2
    "#]]
    .assert_eq(&matrix(&merged));
    assert_eq!(merged.files.iter().map(|f| f.tasks.len()).collect::<Vec<_>>(), [1, 2]);
    // The tasks point at the merged units.
    let t = &merged.files[1].tasks[1];
    assert_eq!(super::unit_names(&merged, &t.leads), "市科学技术局");
    assert_eq!(super::unit_names(&merged, &t.supports), "市人社局");
    assert!(merged.similar.is_empty());
}

#[test]
fn what_lies_before_the_first_section_has_a_row_of_its_own() {
    let r = report(
        "到2026年，全市研发投入强度达到3%。\n一、主要任务\n1.甲。（牵头单位：市科技局）\n",
        &Config::default(),
        "a.txt",
    );
    let f = &r.files[0];
    let rows: Vec<(Option<&str>, usize, usize)> =
        f.sections.iter().map(|s| (s.heading.as_deref(), s.counts.tasks, s.counts.target_total())).collect();
    assert_eq!(rows, [(None, 0, 1), (Some("一、主要任务"), 1, 0)]);
    assert_eq!(f.targets[0].section, 0);
    assert_eq!(f.tasks[0].section, 1);
    assert_eq!(f.targets[0].figures, ["3%"]);
}

#[test]
fn csv_quotes_fields_and_guards_formulas() {
    let r = report(
        "二、重点任务\n1.推进“一网通办”,提速增效。（牵头单位：=市政务服务中心）\n",
        &Config::default(),
        "a,b.txt",
    );
    let csv = to_csv(&[r], Lang::En);
    assert!(csv.starts_with("\u{feff}file,table,section,task,line,unit,role,class,figures,count,text\r\n"));
    assert!(
        csv.contains(
            "\"a,b.txt\",tasks,二、重点任务,1,2,\"'=市政务服务中心\",lead,led,,,\"推进“一网通办”,提速增效\"\r\n"
        ),
        "{csv}"
    );
}

#[test]
fn html_and_markdown_escape_the_draft() {
    let r = report(
        "二、重点任务\n1.<script>alert(\"x\")</script>整治 | 提升。（牵头单位：市<b>局</b>）\n",
        &Config::default(),
        "<a>.txt",
    );
    let html = to_html(std::slice::from_ref(&r), Lang::Zh);
    assert!(!html.contains("<script") && !html.contains("<b>") && !html.contains("<a>"), "{html}");
    assert!(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"));
    let md = to_markdown(&[r], Lang::Zh);
    assert!(md.contains("&lt;") || md.contains("\\<script>"), "{md}");
    assert!(md.contains("整治 \\| 提升"), "{md}");
}

#[test]
fn every_finding_is_marked_and_listed_once() {
    let text = "北岭市2026年工作要点\n一、工作目标\n——创新生态持续优化。\n二、主要任务\n1.推进X县试点。\n2.完善机制。（牵头单位：市科技局）\n";
    let analysis = crate::analyze(text, SourceKind::PlainText, &Config::default());
    let n = analysis.diagnostics.len();
    assert!(n >= 3, "{n}");
    let html = to_html(&[Report::build(&analysis, &Config::default(), "a.txt")], Lang::Zh);
    for k in 1..=n {
        assert_eq!(html.matches(&format!("id=\"r1-f1-n{k}\"")).count(), 1, "note {k}");
        assert!(html.contains(&format!("href=\"#r1-f1-n{k}\"")), "mark {k}");
    }
    assert_eq!(html.matches("<div class=\"line\"").count(), text.lines().count() + 1);
}
