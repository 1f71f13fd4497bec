//! The report as one self-contained, printable HTML page: the matrix with a
//! bar chart (inline SVG) of the tasks each unit leads and supports, the
//! task, target and section tables, and each draft with its findings marked.
//!
//! No script, no external resource (a Content-Security-Policy says so to the
//! browser as well), print styles for A4. Every piece of text from a draft is
//! escaped.

use std::fmt::Write;

use super::{
    Counts, FileReport, LeadStatus, Report, TARGET_CLASSES, class_name, genre_name, severity_name, status_name,
    summary_lines, unit_names, unit_title,
};
use crate::diagnostic::Severity;
use crate::lang::Lang;
use crate::syntax::quantity::TargetClass;
use crate::text::LineIndex;

const STYLE: &str = r#"
:root { color-scheme: light; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif;
  margin: 1.5em auto; max-width: 1100px; padding: 0 1em; color: #1a1a1a; line-height: 1.5; font-size: 14px; }
h1 { font-size: 1.6em; margin: 0 0 .4em; }
h2 { font-size: 1.3em; border-bottom: 2px solid #1f4e79; padding-bottom: .15em; margin-top: 1.6em; }
h3 { font-size: 1.1em; margin: 1.3em 0 .4em; color: #1f4e79; }
h4 { font-size: 1em; margin: 1em 0 .3em; }
a { color: #1f4e79; }
nav ol { margin: .2em 0 1em; }
dl.summary { display: grid; grid-template-columns: max-content 1fr; gap: .1em 1em; margin: .5em 0 1em; }
dl.summary dt { font-weight: bold; }
dl.summary dd { margin: 0; }
table { border-collapse: collapse; width: 100%; margin: .4em 0 1em; font-size: 13px; }
th, td { border: 1px solid #c8ced6; padding: 3px 6px; vertical-align: top; text-align: left; }
th { background: #eef2f7; font-weight: 600; white-space: nowrap; }
td.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; width: 1%; }
td.unit { white-space: nowrap; }
tr.st-none td { background: #fdecea; }
tr.st-generic td { background: #fff6e0; }
.cls-quantified { color: #1b5e20; }
.cls-qualitative { color: #b71c1c; font-weight: 600; }
.cls-relative { color: #8a5a00; }
.cls-masked { color: #6a1b9a; font-weight: 600; }
.empty { color: #666; font-style: italic; }
.note { background: #f4f6f9; border-left: 4px solid #1f4e79; padding: .4em .8em; }
figure { margin: .5em 0 1em; }
figcaption { font-size: 12px; color: #555; }
svg.chart { width: 100%; height: auto; }
svg.chart text { font-size: 12px; fill: #1a1a1a; }
svg.chart .lead { fill: #1f4e79; }
svg.chart .support { fill: #9dc3e6; }
svg.chart .grid line { stroke: #dde3ea; }
svg.chart .axis { fill: #666; }
.draft { border: 1px solid #c8ced6; font-size: 13px; margin-bottom: 1.5em; }
.line { display: grid; grid-template-columns: 3.2em 1fr; border-bottom: 1px solid #f0f2f5; }
.line .no { color: #8a8f98; text-align: right; padding-right: .6em; font-variant-numeric: tabular-nums; }
.line .tx { white-space: pre-wrap; overflow-wrap: anywhere; padding-right: .4em; }
.line ul { grid-column: 2; margin: .1em 0 .3em; padding-left: 1.4em; font-size: 12px; }
mark { background: none; border-bottom: 2px solid; color: inherit; }
mark.sev-error { background: #fde0dc; border-color: #c62828; }
mark.sev-warning { background: #fff3cd; border-color: #b26a00; }
mark.sev-info { background: #e3f2fd; border-color: #1565c0; }
mark.sev-hint { background: #eeeeee; border-color: #757575; }
sup.ref { font-size: 10px; font-weight: bold; margin: 0 1px; }
sup.ref a { text-decoration: none; }
li.sev-error .tag { color: #c62828; }
li.sev-warning .tag { color: #b26a00; }
li.sev-info .tag, li.sev-hint .tag { color: #1565c0; }
.tag { font-weight: 600; }
footer { color: #666; font-size: 12px; margin-top: 2em; }
@page { size: A4; margin: 14mm 12mm; }
@media print {
  body { margin: 0; max-width: none; font-size: 10pt; }
  nav { display: none; }
  section.report + section.report { break-before: page; }
  h2, h3, h4 { break-after: avoid; }
  tr, .line, figure { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
  * { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
}
"#;

/// The reports as one HTML document.
pub fn to_html(reports: &[Report], lang: Lang) -> String {
    let mut out = String::new();
    let heading = lang.pick("责任分工报告", "Responsibility report");
    let page_title = match reports {
        [r] if !r.is_multi_file() => {
            format!("{heading}{}{}", lang.pick("：", ": "), r.files.first().map_or("", |f| f.name.as_str()))
        }
        _ => heading.to_string(),
    };
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"planlint\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        lang.pick("zh-CN", "en"),
        esc(&page_title)
    );
    let _ = writeln!(out, "<h1>{}</h1>", esc(&page_title));
    if reports.len() > 1 {
        out.push_str("<nav><ol>\n");
        for (k, r) in reports.iter().enumerate() {
            let _ = writeln!(out, "<li><a href=\"#r{}\">{}</a></li>", k + 1, esc(&report_name(r, lang)));
        }
        out.push_str("</ol></nav>\n");
    }
    for (k, r) in reports.iter().enumerate() {
        report(&mut out, r, k + 1, reports.len() > 1, lang);
    }
    let _ = writeln!(
        out,
        "<footer>{}</footer>\n</body>\n</html>",
        esc(lang.pick(
            "由 planlint report 生成。单位名称已按 planlint.toml 中的 [units] aliases 合并。",
            "Made by planlint report. Unit names are merged through [units] aliases in planlint.toml."
        ))
    );
    out
}

fn report_name(r: &Report, lang: Lang) -> String {
    if r.is_multi_file() {
        match lang {
            Lang::Zh => format!("合并 {} 个文件", r.files.len()),
            Lang::En => format!("{} files merged", r.files.len()),
        }
    } else {
        r.files.first().map_or_else(String::new, |f| f.name.clone())
    }
}

fn report(out: &mut String, r: &Report, id: usize, named: bool, lang: Lang) {
    let multi = r.is_multi_file();
    let _ = writeln!(out, "<section class=\"report\" id=\"r{id}\">");
    if named || multi {
        let _ = writeln!(out, "<h2>{}</h2>", esc(&report_name(r, lang)));
    }
    if multi {
        files_table(out, r, id, lang);
    } else if let Some(f) = r.files.first() {
        out.push_str("<dl class=\"summary\">\n");
        for (what, text) in summary_lines(f, lang) {
            let _ = writeln!(out, "<dt>{}</dt><dd>{}</dd>", esc(what), esc(&text));
        }
        out.push_str("</dl>\n");
    }

    let _ = writeln!(out, "<h3>{}</h3>", lang.pick("单位责任矩阵", "Responsibility matrix"));
    let specific: Vec<usize> = (0..r.units.len()).filter(|&i| !r.units[i].generic).collect();
    let generic: Vec<usize> = (0..r.units.len()).filter(|&i| r.units[i].generic).collect();
    if r.units.is_empty() {
        let _ = writeln!(out, "<p class=\"empty\">{}</p>", lang.pick("未标注任何单位。", "No unit is named."));
    }
    if !specific.is_empty() {
        chart(out, r, &specific, lang);
        matrix(out, r, &specific, id, lang);
    }
    if !generic.is_empty() {
        let _ = writeln!(out, "<h4>{}</h4>", lang.pick("泛指单位", "Generic units"));
        matrix(out, r, &generic, id, lang);
    }
    if !r.similar.is_empty() {
        let pairs: Vec<String> =
            r.similar.iter().map(|&(a, b)| format!("{} / {}", esc(&r.units[a].name), esc(&r.units[b].name))).collect();
        let _ = writeln!(
            out,
            "<p class=\"note\">{}{}{}</p>",
            esc(lang.pick("疑似同一单位：", "Possibly the same unit: ")),
            pairs.join(lang.pick("；", "; ")),
            esc(lang.pick(
                "。如是，请在 planlint.toml 的 [units] aliases 中写明简称和全称，报告即合并。",
                ". If so, give the alias and the full name in [units] aliases of planlint.toml and the report merges them."
            ))
        );
    }

    let file_th = if multi { format!("<th>{}</th>", lang.pick("文件", "File")) } else { String::new() };
    let file_td = |f: &FileReport| if multi { format!("<td>{}</td>", esc(&f.name)) } else { String::new() };

    let _ = writeln!(out, "<h3>{}</h3>", lang.pick("任务分工", "Tasks"));
    if r.files.iter().all(|f| f.tasks.is_empty()) {
        let _ = writeln!(out, "<p class=\"empty\">{}</p>", lang.pick("未识别出任务。", "No task found."));
    } else {
        let _ = writeln!(
            out,
            "<table class=\"tasks\"><thead><tr>{file_th}<th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
            lang.pick("任务", "Task"),
            lang.pick("行", "Line"),
            lang.pick("牵头单位", "Lead"),
            lang.pick("责任单位", "Supporting"),
            lang.pick("内容", "Title"),
        );
        for (fi, f) in r.files.iter().enumerate() {
            for (ti, t) in f.tasks.iter().enumerate() {
                let class = match t.status {
                    LeadStatus::Specific => "",
                    LeadStatus::GenericOnly => " class=\"st-generic\"",
                    LeadStatus::None => " class=\"st-none\"",
                };
                let lead = match t.status {
                    LeadStatus::None => format!("<em>{}</em>", status_name(t.status, lang)),
                    _ if t.inherited => {
                        format!("{}{}", esc(&unit_names(r, &t.leads)), lang.pick("（上级）", " (inherited)"))
                    }
                    _ => esc(&unit_names(r, &t.leads)),
                };
                let _ = writeln!(
                    out,
                    "<tr id=\"r{id}-f{}-t{}\"{class}>{}<td class=\"n\">{}</td><td class=\"n\">{}</td><td>{lead}</td><td>{}</td><td>{}</td></tr>",
                    fi + 1,
                    ti + 1,
                    file_td(f),
                    esc(&t.label),
                    line_link(id, fi, t.line),
                    esc(&unit_names(r, &t.supports)),
                    esc(&t.title),
                );
            }
        }
        out.push_str("</tbody></table>\n");
    }

    for (status, heading) in [
        (LeadStatus::None, lang.pick("无牵头单位的任务", "Tasks without a lead")),
        (LeadStatus::GenericOnly, lang.pick("仅有泛指牵头单位的任务", "Tasks whose only leads are generic")),
    ] {
        let _ = writeln!(out, "<h3>{heading}</h3>");
        let rows: Vec<(usize, &FileReport, usize)> = r
            .files
            .iter()
            .enumerate()
            .flat_map(|(fi, f)| {
                f.tasks.iter().enumerate().filter(|(_, t)| t.status == status).map(move |(ti, _)| (fi, f, ti))
            })
            .collect();
        if rows.is_empty() {
            let _ = writeln!(out, "<p class=\"empty\">{}</p>", lang.pick("无。", "None."));
            continue;
        }
        let generic_th = if status == LeadStatus::GenericOnly {
            format!("<th>{}</th>", lang.pick("泛指牵头单位", "Generic lead"))
        } else {
            String::new()
        };
        let _ = writeln!(
            out,
            "<table><thead><tr>{file_th}<th>{}</th><th>{}</th>{generic_th}<th>{}</th></tr></thead><tbody>",
            lang.pick("任务", "Task"),
            lang.pick("行", "Line"),
            lang.pick("内容", "Title"),
        );
        for (fi, f, ti) in rows {
            let t = &f.tasks[ti];
            let generic_td = if status == LeadStatus::GenericOnly {
                format!("<td>{}</td>", esc(&unit_names(r, &t.leads)))
            } else {
                String::new()
            };
            let _ = writeln!(
                out,
                "<tr>{}<td class=\"n\"><a href=\"#r{id}-f{}-t{}\">{}</a></td><td class=\"n\">{}</td>{generic_td}<td>{}</td></tr>",
                file_td(f),
                fi + 1,
                ti + 1,
                esc(&t.label),
                line_link(id, fi, t.line),
                esc(&t.title),
            );
        }
        out.push_str("</tbody></table>\n");
    }

    let _ = writeln!(out, "<h3>{}</h3>", lang.pick("目标", "Targets"));
    if r.files.iter().all(|f| f.targets.is_empty()) {
        let _ = writeln!(out, "<p class=\"empty\">{}</p>", lang.pick("未识别出目标。", "No target found."));
    } else {
        let _ = writeln!(
            out,
            "<table class=\"targets\"><thead><tr>{file_th}<th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
            lang.pick("行", "Line"),
            lang.pick("类别", "Class"),
            lang.pick("数值", "Figures"),
            lang.pick("目标", "Target"),
        );
        for (fi, f) in r.files.iter().enumerate() {
            for t in &f.targets {
                let _ = writeln!(
                    out,
                    "<tr>{}<td class=\"n\">{}</td><td class=\"{}\">{}</td><td>{}</td><td>{}</td></tr>",
                    file_td(f),
                    line_link(id, fi, t.line),
                    class_css(t.class),
                    class_name(t.class, lang),
                    esc(&t.figures.join("、")),
                    esc(&t.text),
                );
            }
        }
        out.push_str("</tbody></table>\n");
    }

    let _ = writeln!(out, "<h3>{}</h3>", lang.pick("各部分统计", "Counts per section"));
    let _ = write!(
        out,
        "<table class=\"sections\"><thead><tr>{file_th}<th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th>",
        lang.pick("部分", "Section"),
        lang.pick("任务", "Tasks"),
        lang.pick("无牵头", "No lead"),
        lang.pick("仅泛指", "Generic"),
        lang.pick("目标", "Targets"),
    );
    for c in TARGET_CLASSES {
        let _ = write!(out, "<th>{}</th>", class_name(c, lang));
    }
    let _ = writeln!(out, "<th>{}</th></tr></thead><tbody>", lang.pick("问题", "Findings"));
    for (fi, f) in r.files.iter().enumerate() {
        for s in &f.sections {
            let name = s.heading.as_deref().map_or_else(
                || esc(lang.pick("（标题和前言）", "(title and preamble)")),
                |h| format!("<a href=\"#r{id}-f{}-l{}\">{}</a>", fi + 1, s.line, esc(h)),
            );
            let _ = writeln!(out, "<tr>{}<td>{name}</td>{}</tr>", file_td(f), counts_cells(&s.counts));
        }
        let _ = writeln!(
            out,
            "<tr>{}<th>{}</th>{}</tr>",
            file_td(f),
            lang.pick("合计", "Total"),
            counts_cells(&f.totals())
        );
    }
    out.push_str("</tbody></table>\n");

    let _ = writeln!(out, "<h3>{}</h3>", lang.pick("草稿与问题", "The draft and its findings"));
    for (fi, f) in r.files.iter().enumerate() {
        if multi {
            let _ = writeln!(out, "<h4 id=\"r{id}-f{}\">{}</h4>", fi + 1, esc(&f.name));
        }
        draft(out, f, &format!("r{id}-f{}", fi + 1), lang);
    }
    out.push_str("</section>\n");
}

fn files_table(out: &mut String, r: &Report, id: usize, lang: Lang) {
    let _ = writeln!(
        out,
        "<table class=\"files\"><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
        lang.pick("文件", "File"),
        lang.pick("文种", "Genre"),
        lang.pick("任务", "Tasks"),
        lang.pick("无牵头", "No lead"),
        lang.pick("仅泛指", "Generic"),
        lang.pick("目标", "Targets"),
        lang.pick("问题", "Findings"),
        lang.pick("标题", "Title"),
    );
    for (fi, f) in r.files.iter().enumerate() {
        let c = f.totals();
        let _ = writeln!(
            out,
            "<tr><td><a href=\"#r{id}-f{}\">{}</a></td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td>{}</td></tr>",
            fi + 1,
            esc(&f.name),
            esc(genre_name(f.genre, lang)),
            c.tasks,
            c.without_lead,
            c.generic_lead,
            c.target_total(),
            c.finding_total(),
            esc(f.title.as_deref().unwrap_or("")),
        );
    }
    out.push_str("</tbody></table>\n");
}

fn counts_cells(c: &Counts) -> String {
    let mut v = vec![c.tasks, c.without_lead, c.generic_lead, c.target_total()];
    v.extend(c.targets);
    v.push(c.finding_total());
    v.iter().map(|n| format!("<td class=\"n\">{n}</td>")).collect()
}

fn line_link(id: usize, file: usize, line: u32) -> String {
    format!("<a href=\"#r{id}-f{}-l{line}\">{line}</a>", file + 1)
}

fn class_css(c: TargetClass) -> &'static str {
    match c {
        TargetClass::Quantified => "cls-quantified",
        TargetClass::Qualitative => "cls-qualitative",
        TargetClass::Relative => "cls-relative",
        TargetClass::Masked => "cls-masked",
    }
}

fn matrix(out: &mut String, r: &Report, units: &[usize], id: usize, lang: Lang) {
    let _ = writeln!(
        out,
        "<table class=\"matrix\"><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
        lang.pick("单位", "Unit"),
        lang.pick("牵头", "Leads"),
        lang.pick("参与", "Supports"),
        lang.pick("牵头任务", "Tasks led"),
        lang.pick("参与任务", "Tasks supported"),
    );
    let links = |refs: &[super::TaskRef]| -> String {
        let mut parts: Vec<String> = Vec::new();
        let mut k = 0;
        while k < refs.len() {
            let file = refs[k].file;
            let run: Vec<String> = refs[k..]
                .iter()
                .take_while(|t| t.file == file)
                .map(|t| {
                    format!(
                        "<a href=\"#r{id}-f{}-t{}\">{}</a>",
                        t.file + 1,
                        t.task + 1,
                        esc(&r.files[t.file].tasks[t.task].label)
                    )
                })
                .collect();
            k += run.len();
            if r.is_multi_file() {
                parts.push(format!("{}{}{}", esc(&r.files[file].name), lang.pick("：", ": "), run.join("、")));
            } else {
                parts.push(run.join("、"));
            }
        }
        parts.join(lang.pick("；", "; "))
    };
    for &i in units {
        let u = &r.units[i];
        let _ = writeln!(
            out,
            "<tr><td class=\"unit\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td>{}</td><td>{}</td></tr>",
            esc(&unit_title(u, lang)),
            u.leads.len(),
            u.supports.len(),
            links(&u.leads),
            links(&u.supports),
        );
    }
    out.push_str("</tbody></table>\n");
}

/// A step for the axis of counts up to `max`: 1, 2 or 5 times a power of
/// ten, giving at most six ticks.
fn tick_step(max: usize) -> usize {
    let mut p = 1;
    loop {
        for m in [1, 2, 5] {
            if max <= 6 * m * p {
                return m * p;
            }
        }
        p *= 10;
    }
}

/// Horizontal stacked bars: the tasks each unit leads, then those it supports.
fn chart(out: &mut String, r: &Report, units: &[usize], lang: Lang) {
    const ROW: usize = 22;
    const BAR: usize = 14;
    const TOP: usize = 30;
    const BARS: usize = 460;
    const LABEL_CHARS: usize = 14;
    let label = |name: &str| -> String {
        if name.chars().count() <= LABEL_CHARS {
            name.to_string()
        } else {
            let mut s: String = name.chars().take(LABEL_CHARS - 1).collect();
            s.push('…');
            s
        }
    };
    // A CJK character is about as wide as the font is tall (12px); others about half.
    let text_width = |s: &str| -> usize { s.chars().map(|c| if c.is_ascii() { 7 } else { 12 }).sum() };
    let label_w = units.iter().map(|&i| text_width(&label(&r.units[i].name))).max().unwrap_or(0) + 12;
    let max = units.iter().map(|&i| r.units[i].leads.len() + r.units[i].supports.len()).max().unwrap_or(0).max(1);
    let step = tick_step(max);
    let axis_max = max.div_ceil(step) * step;
    let scale = BARS as f64 / axis_max as f64;
    let width = label_w + BARS + 70;
    let bottom = TOP + units.len() * ROW;
    let height = bottom + 22;
    let (lead_word, support_word) = (lang.pick("牵头", "leads"), lang.pick("参与", "supports"));
    let caption = lang.pick("各单位牵头和参与的任务数", "Tasks each unit leads and supports");
    let _ = writeln!(
        out,
        "<figure><svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" \
         style=\"max-width:{width}px\" role=\"img\" aria-label=\"{}\">\n<title>{}</title>",
        esc(caption),
        esc(caption)
    );
    let _ = writeln!(
        out,
        "<g class=\"legend\"><rect class=\"lead\" x=\"{label_w}\" y=\"6\" width=\"12\" height=\"12\"/>\
         <text x=\"{}\" y=\"16\">{lead_word}</text><rect class=\"support\" x=\"{}\" y=\"6\" width=\"12\" height=\"12\"/>\
         <text x=\"{}\" y=\"16\">{support_word}</text></g>",
        label_w + 16,
        label_w + 70,
        label_w + 86
    );
    out.push_str("<g class=\"grid\">");
    let mut tick = 0;
    while tick <= axis_max {
        let x = label_w as f64 + tick as f64 * scale;
        let _ = write!(
            out,
            "<line x1=\"{x:.1}\" x2=\"{x:.1}\" y1=\"{}\" y2=\"{bottom}\"/><text class=\"axis\" x=\"{x:.1}\" y=\"{}\" text-anchor=\"middle\">{tick}</text>",
            TOP - 4,
            bottom + 15
        );
        tick += step;
    }
    out.push_str("</g>\n");
    for (k, &i) in units.iter().enumerate() {
        let u = &r.units[i];
        let y = TOP + k * ROW + (ROW - BAR) / 2;
        let (a, b) = (u.leads.len(), u.supports.len());
        let wa = a as f64 * scale;
        let wb = b as f64 * scale;
        let tip = match lang {
            Lang::Zh => format!("{}：牵头 {a} 项，参与 {b} 项", u.name),
            Lang::En => format!("{}: leads {a}, supports {b}", u.name),
        };
        let _ = writeln!(
            out,
            "<g><title>{}</title><text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>\
             <rect class=\"lead\" x=\"{label_w}\" y=\"{y}\" width=\"{wa:.1}\" height=\"{BAR}\"/>\
             <rect class=\"support\" x=\"{:.1}\" y=\"{y}\" width=\"{wb:.1}\" height=\"{BAR}\"/>\
             <text x=\"{:.1}\" y=\"{}\">{a} / {b}</text></g>",
            esc(&tip),
            label_w - 8,
            y + BAR - 2,
            esc(&label(&u.name)),
            label_w as f64 + wa,
            label_w as f64 + wa + wb + 5.0,
            y + BAR - 2,
        );
    }
    let _ = writeln!(
        out,
        "</svg><figcaption>{}</figcaption></figure>",
        esc(&match lang {
            Lang::Zh => format!("{caption}（深色为牵头，浅色为参与；泛指单位不计入）"),
            Lang::En => format!("{caption} (dark: leads, light: supports; generic units left out)"),
        })
    );
}

fn severity_css(s: Severity) -> &'static str {
    match s {
        Severity::Error => "sev-error",
        Severity::Warning => "sev-warning",
        Severity::Info => "sev-info",
        Severity::Hint => "sev-hint",
    }
}

/// The draft line by line, findings marked and numbered, each finding's
/// message under the line where it starts.
fn draft(out: &mut String, f: &FileReport, id: &str, lang: Lang) {
    let text = f.text.as_str();
    let index = LineIndex::new(text);
    let findings = &f.findings;
    // Findings whose range reaches the current line, in order.
    let mut next = 0;
    let mut open: Vec<usize> = Vec::new();
    // The first finding whose message is not listed yet (under the line where it starts).
    let mut note = 0;
    let _ = writeln!(out, "<div class=\"draft\" id=\"{id}\">");
    for l in 0..index.line_count() {
        let lr = index.line_range(text, l);
        let (ls, le) = (lr.start, lr.end);
        open.retain(|&k| {
            let r = findings[k].range;
            r.end() > ls || r.is_empty() && r.start() >= ls
        });
        while next < findings.len() && findings[next].range.start() <= le {
            open.push(next);
            next += 1;
        }
        // Findings on this line: those that reach into it, or are empty inside it.
        let here: Vec<usize> = open
            .iter()
            .copied()
            .filter(|&k| {
                let r = findings[k].range;
                if r.is_empty() {
                    r.start() >= ls && r.start() <= le
                } else {
                    r.start() < le.max(ls + 1) && r.end() > ls
                }
            })
            .collect();
        let mut points: Vec<usize> = vec![ls, le];
        for &k in &here {
            let r = findings[k].range;
            points.push(r.start().clamp(ls, le));
            points.push(r.end().clamp(ls, le));
        }
        points.sort_unstable();
        points.dedup();
        // The position where each finding's number is shown: its end, on the line where it ends.
        let ends_here = |k: usize| -> Option<usize> {
            let r = findings[k].range;
            let last = if r.is_empty() { r.start() } else { r.end() - 1 };
            (index.line_of(last.max(r.start())) == l).then(|| r.end().clamp(ls, le))
        };
        let _ = write!(
            out,
            "<div class=\"line\" id=\"{id}-l{}\"><span class=\"no\">{}</span><span class=\"tx\">",
            l + 1,
            l + 1
        );
        let refs_at = |out: &mut String, p: usize| {
            for &k in &here {
                if ends_here(k) == Some(p) {
                    let _ = write!(
                        out,
                        "<sup class=\"ref {}\"><a href=\"#{id}-n{}\">{}</a></sup>",
                        severity_css(findings[k].severity),
                        k + 1,
                        k + 1
                    );
                }
            }
        };
        refs_at(out, ls);
        for w in points.windows(2) {
            let (a, b) = (w[0], w[1]);
            let covering: Vec<usize> = here
                .iter()
                .copied()
                .filter(|&k| {
                    let r = findings[k].range;
                    !r.is_empty() && r.start() <= a && r.end() >= b
                })
                .collect();
            let piece = esc(&text[a..b]);
            match covering.iter().map(|&k| findings[k].severity).min() {
                Some(worst) => {
                    let tip: Vec<&str> = covering.iter().map(|&k| findings[k].message.as_str()).collect();
                    let _ = write!(
                        out,
                        "<mark class=\"{}\" title=\"{}\">{piece}</mark>",
                        severity_css(worst),
                        esc(&tip.join("\n"))
                    );
                }
                None => out.push_str(&piece),
            }
            refs_at(out, b);
        }
        out.push_str("</span>");
        let first_note = note;
        while note < findings.len() && findings[note].line as usize <= l + 1 {
            note += 1;
        }
        if note > first_note {
            out.push_str("<ul>");
            for (k, d) in findings.iter().enumerate().take(note).skip(first_note) {
                let _ = write!(
                    out,
                    "<li class=\"{}\" id=\"{id}-n{}\"><span class=\"tag\">[{}] {} {} {}</span> {}</li>",
                    severity_css(d.severity),
                    k + 1,
                    k + 1,
                    severity_name(d.severity, lang),
                    d.code,
                    d.rule,
                    esc(&d.message)
                );
            }
            out.push_str("</ul>");
        }
        out.push_str("</div>\n");
    }
    out.push_str("</div>\n");
}

/// Text escaped for HTML content and attribute values.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\0' => {}
            _ => out.push(c),
        }
    }
    out
}
