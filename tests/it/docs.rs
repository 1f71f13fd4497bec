//! Generated documentation stays in sync: the README's rule table is written
//! from the rules' metadata (rewritten by this test; commit the result).

use std::path::PathBuf;

const START: &str = "<!-- rules:start -->";
const END: &str = "<!-- rules:end -->";

fn rule_table() -> String {
    let mut t = String::from(
        "| code | name | default | what it reports | example → use instead |\n| --- | --- | --- | --- | --- |\n",
    );
    for r in planlint::rules::all() {
        let (bad, good) = example(&r.docs_text());
        let example = match good {
            Some(good) => format!("`{bad}` → `{good}`"),
            None => format!("`{bad}`"),
        };
        t.push_str(&format!(
            "| {} | `{}` | {} | {} / {} | {} |\n",
            r.code,
            r.name,
            r.default_severity.as_str(),
            r.summary_zh,
            r.summary,
            example.replace('|', "\\|")
        ));
    }
    t
}

/// From a rule's `## Example`: the first line of the flagged block that the
/// "Use instead" block changes, and what it becomes.
fn example(docs: &str) -> (String, Option<String>) {
    let section = docs.split_once("## Example").map_or("", |(_, rest)| rest);
    let mut blocks =
        section.split("```").skip(1).step_by(2).map(|b| {
            b.lines().skip(1).map(str::trim).filter(|l| !l.is_empty()).map(String::from).collect::<Vec<String>>()
        });
    let bad = blocks.next().unwrap_or_else(|| panic!("a rule's docs have an ## Example with a code block:\n{docs}"));
    let good = if section.contains("Use instead") { blocks.next().unwrap_or_default() } else { Vec::new() };
    if good.is_empty() {
        return (bad.first().cloned().unwrap_or_default(), None);
    }
    // Same number of lines: the first pair that differs. Otherwise the first line each lacks of the other.
    if bad.len() == good.len()
        && let Some((b, g)) = bad.iter().zip(&good).find(|(b, g)| b != g)
    {
        return (b.clone(), Some(g.clone()));
    }
    let b = bad.iter().find(|l| !good.contains(l)).or(bad.first()).cloned().unwrap_or_default();
    let g = good.iter().find(|l| !bad.contains(l)).cloned();
    (b, g)
}

#[test]
fn readme_rule_table_is_up_to_date() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let readme = std::fs::read_to_string(&path).unwrap();
    let (head, rest) = readme.split_once(START).expect("README.md has the rules:start marker");
    let (_, tail) = rest.split_once(END).expect("README.md has the rules:end marker");
    let fresh = format!("{head}{START}\n{}{END}{tail}", rule_table());
    if fresh != readme {
        std::fs::write(&path, &fresh).unwrap();
        panic!("README.md's rule table was out of date and has been rewritten; commit the change");
    }
}
