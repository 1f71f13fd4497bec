//! `planlint.toml` files the parser must accept and files it must refuse:
//! checked against the parser (`schema.rs`) and against the JSON schema
//! (`tests/external/tools.rs`, which includes this file).

use std::path::Path;

/// The ```toml block of the README's Configuration section.
pub fn readme_example() -> String {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let section = readme.split_once("## Configuration").expect("README.md has a Configuration section").1;
    let block = section.split_once("```toml\n").expect("the Configuration section shows a planlint.toml").1;
    block.split_once("```").unwrap().0.to_string()
}

/// Valid files, then broken ones.
pub fn cases() -> (Vec<String>, Vec<String>) {
    let example = readme_example();
    let mut every_level = String::from("[rules]\n");
    for (r, level) in planlint::rules::all().zip(["off", "on", "error", "warning", "info", "hint"].iter().cycle()) {
        every_level.push_str(&format!("{} = \"{level}\"\n{} = \"{level}\"\n", r.name, r.code));
    }
    let confusable =
        "[confusable]\ndisable = [\"人选\"]\nextra = [{ wrong = \"工做\", right = \"工作\", guards = [\"工做法\"] }]\n";
    let valid = vec![example.clone(), every_level, String::new(), "lang = \"en\"\n[units]\n".into(), confusable.into()];
    let broken = vec![
        format!("{example}\n[placeholdr]\nallow = []\n"),
        example.replace("[responsibility]", "[responsibility]\nlead-role = [\"处室\"]"),
        "[rules]\nplacehold = \"error\"\n".into(),
        "[rules]\nplaceholder = \"loud\"\n".into(),
        "lang = \"fr\"\n".into(),
        "[placeholder]\nallow = [\"  \"]\n".into(),
        "[units]\naliases = { \"市发改委\" = \"\" }\n".into(),
        "lang = 1\n".into(),
        "[style]\npunctuation = \"narrow\"\n".into(),
        "[confusable]\nextra = [{ wrong = \"工做\" }]\n".into(),
        "[confusable]\nextra = [{ wrong = \"工做\", right = \"工作\", guard = [] }]\n".into(),
        "[confusable]\nenable = [\"人选\"]\n".into(),
    ];
    (valid, broken)
}
