//! The report as CSV for Excel: UTF-8 with a byte order mark (so Excel reads
//! Chinese right), RFC 4180 quoting, CRLF line ends, one long table.
//!
//! The report's tables share one header; the `table` column says which a
//! row belongs to, and columns a table does not use stay empty:
//!
//! | table | one row per | columns used |
//! | --- | --- | --- |
//! | `matrix` | unit and task it leads or supports | section, task, line, unit, role, class (`generic` units), text (the task) |
//! | `tasks` | task | section, task, line, unit (its leads), role, class (lead status), text |
//! | `targets` | target statement | section, line, class, figures, text |
//! | `sections` | section and measure | section, class (what is counted), count |
//!
//! Headings and values are in the report's language. A cell that Excel would
//! read as a formula (starting with `=`, `+`, `-`, `@`) gets a leading `'`.

use super::{LeadStatus, Report, TARGET_CLASSES, class_name, status_name, unit_names};
use crate::lang::Lang;

/// The reports as one CSV text (with its byte order mark).
pub fn to_csv(reports: &[Report], lang: Lang) -> String {
    let mut out = String::from('\u{feff}');
    let header = [
        lang.pick("文件", "file"),
        lang.pick("表", "table"),
        lang.pick("部分", "section"),
        lang.pick("任务", "task"),
        lang.pick("行", "line"),
        lang.pick("单位", "unit"),
        lang.pick("角色", "role"),
        lang.pick("类别", "class"),
        lang.pick("数值", "figures"),
        lang.pick("数量", "count"),
        lang.pick("内容", "text"),
    ];
    record(&mut out, &header.map(str::to_string));
    let lead = lang.pick("牵头", "lead");
    let support = lang.pick("参与", "support");
    for r in reports {
        let section_name = |file: usize, section: usize| -> String {
            let f = &r.files[file];
            f.sections.get(section).map_or_else(String::new, |s| {
                s.heading.clone().unwrap_or_else(|| lang.pick("（标题和前言）", "(title and preamble)").to_string())
            })
        };
        let table = lang.pick("单位矩阵", "matrix");
        for u in &r.units {
            let class = if u.generic { lang.pick("泛指", "generic") } else { "" };
            for (refs, role) in [(&u.leads, lead), (&u.supports, support)] {
                for t in refs {
                    let f = &r.files[t.file];
                    let task = &f.tasks[t.task];
                    record(
                        &mut out,
                        &[
                            f.name.clone(),
                            table.into(),
                            section_name(t.file, task.section),
                            task.label.clone(),
                            task.line.to_string(),
                            u.name.clone(),
                            role.into(),
                            class.into(),
                            String::new(),
                            String::new(),
                            task.title.clone(),
                        ],
                    );
                }
            }
        }
        let table = lang.pick("任务", "tasks");
        for (k, f) in r.files.iter().enumerate() {
            for task in &f.tasks {
                record(
                    &mut out,
                    &[
                        f.name.clone(),
                        table.into(),
                        section_name(k, task.section),
                        task.label.clone(),
                        task.line.to_string(),
                        unit_names(r, &task.leads),
                        lead.into(),
                        status_name(task.status, lang).into(),
                        String::new(),
                        String::new(),
                        task.title.clone(),
                    ],
                );
            }
        }
        let table = lang.pick("目标", "targets");
        for (k, f) in r.files.iter().enumerate() {
            for t in &f.targets {
                record(
                    &mut out,
                    &[
                        f.name.clone(),
                        table.into(),
                        section_name(k, t.section),
                        String::new(),
                        t.line.to_string(),
                        String::new(),
                        String::new(),
                        class_name(t.class, lang).into(),
                        t.figures.join("、"),
                        String::new(),
                        t.text.clone(),
                    ],
                );
            }
        }
        let table = lang.pick("部分统计", "sections");
        for (k, f) in r.files.iter().enumerate() {
            for (s, row) in f.sections.iter().enumerate() {
                let c = &row.counts;
                let mut measures: Vec<(String, usize)> = vec![
                    (lang.pick("任务", "tasks").into(), c.tasks),
                    (status_name(LeadStatus::None, lang).into(), c.without_lead),
                    (status_name(LeadStatus::GenericOnly, lang).into(), c.generic_lead),
                ];
                for (i, &class) in TARGET_CLASSES.iter().enumerate() {
                    let name = match lang {
                        Lang::Zh => format!("{}目标", class_name(class, lang)),
                        Lang::En => format!("{} targets", class_name(class, lang)),
                    };
                    measures.push((name, c.targets[i]));
                }
                measures.push((lang.pick("问题", "findings").into(), c.finding_total()));
                for (measure, n) in measures {
                    record(
                        &mut out,
                        &[
                            f.name.clone(),
                            table.into(),
                            section_name(k, s),
                            String::new(),
                            row.line.to_string(),
                            String::new(),
                            String::new(),
                            measure,
                            String::new(),
                            n.to_string(),
                            String::new(),
                        ],
                    );
                }
            }
        }
    }
    out
}

/// One record, RFC 4180: a field with a comma, quote or line break is
/// quoted, quotes doubled; records end with CRLF.
fn record(out: &mut String, fields: &[String]) {
    for (k, f) in fields.iter().enumerate() {
        if k > 0 {
            out.push(',');
        }
        let guarded = f.starts_with(['=', '+', '-', '@', '\t', '\r']);
        if guarded || f.contains([',', '"', '\n', '\r']) {
            out.push('"');
            if guarded {
                out.push('\'');
            }
            out.push_str(&f.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(f);
        }
    }
    out.push_str("\r\n");
}
