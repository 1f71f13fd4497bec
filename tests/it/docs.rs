//! Generated documentation stays in sync: the README's rule table is written
//! from the rules' metadata (rewritten by this test; commit the result).

use std::path::PathBuf;

const START: &str = "<!-- rules:start -->";
const END: &str = "<!-- rules:end -->";

fn rule_table() -> String {
    let mut t = String::from("| code | name | default | what it reports |\n| --- | --- | --- | --- |\n");
    for r in planlint::rules::all() {
        t.push_str(&format!(
            "| {} | `{}` | {} | {} / {} |\n",
            r.code,
            r.name,
            r.default_severity.as_str(),
            r.summary_zh,
            r.summary
        ));
    }
    t
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
