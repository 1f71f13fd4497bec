//! The JSON schema of planlint.toml stays in sync with the config types: it is
//! generated from them (`planlint::config::json_schema`, also printed by the
//! hidden `planlint schema`) into `schema/planlint.schema.json`, which this
//! test rewrites when stale (and fails once: commit the result). The schema
//! and the parser agree on the README's example and on broken files.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use crate::formats::{python_jsonschema, validate_with_jsonschema};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn schema_text() -> String {
    serde_json::to_string_pretty(&planlint::config::json_schema()).unwrap() + "\n"
}

#[test]
fn schema_file_is_up_to_date() {
    let fresh = schema_text();
    let out = Command::new(env!("CARGO_BIN_EXE_planlint")).arg("schema").output().unwrap();
    assert!(out.status.success());
    assert_eq!(String::from_utf8(out.stdout).unwrap(), fresh, "`planlint schema` prints the schema");

    let path = root().join("schema/planlint.schema.json");
    if std::fs::read_to_string(&path).ok().as_deref() != Some(fresh.as_str()) {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &fresh).unwrap();
        panic!("schema/planlint.schema.json was out of date and has been rewritten; commit the change");
    }
}

#[test]
fn schema_is_closed_and_lists_every_rule() {
    let schema = planlint::config::json_schema();
    assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
    assert_eq!(schema["title"], "planlint.toml");
    let properties = schema["properties"].as_object().unwrap();
    let keys: Vec<&str> = properties.keys().map(String::as_str).collect();
    assert_eq!(keys, ["confusable", "lang", "placeholder", "responsibility", "rules", "style", "units"]);
    assert_eq!(schema["additionalProperties"], false);
    for (key, section) in properties {
        assert!(section["description"].is_string(), "{key} is described");
        if section["type"] == "object" && key != "units" {
            assert_eq!(section["additionalProperties"], false, "[{key}] has no unknown keys");
        }
    }
    let rules = &schema["properties"]["rules"]["properties"];
    for r in planlint::rules::all() {
        for key in [r.name, r.code] {
            let levels = &rules[key]["enum"];
            assert_eq!(levels, &serde_json::json!(["off", "on", "error", "warning", "info", "hint"]), "{key}");
        }
    }
    assert_eq!(rules.as_object().unwrap().len(), 2 * planlint::rules::all().count());
    let responsibility = &schema["properties"]["responsibility"]["properties"];
    assert!(responsibility.get("lead-roles").is_some() && responsibility.get("other-roles").is_some());
}

/// The ```toml block of the README's Configuration section.
fn readme_example() -> String {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let section = readme.split_once("## Configuration").expect("README.md has a Configuration section").1;
    let block = section.split_once("```toml\n").expect("the Configuration section shows a planlint.toml").1;
    block.split_once("```").unwrap().0.to_string()
}

#[test]
fn schema_and_parser_agree_on_valid_and_broken_files() {
    let example = readme_example();
    let mut every_level = String::from("[rules]\n");
    for (r, level) in planlint::rules::all().zip(["off", "on", "error", "warning", "info", "hint"].iter().cycle()) {
        every_level.push_str(&format!("{} = \"{level}\"\n{} = \"{level}\"\n", r.name, r.code));
    }
    let confusable =
        "[confusable]\ndisable = [\"人选\"]\nextra = [{ wrong = \"工做\", right = \"工作\", guards = [\"工做法\"] }]\n";
    let valid = [example.clone(), every_level, String::new(), "lang = \"en\"\n[units]\n".into(), confusable.into()];
    let broken = [
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
    for toml in &valid {
        planlint::Config::from_toml(toml).unwrap_or_else(|e| panic!("{e}\n{toml}"));
    }
    for toml in &broken {
        assert!(planlint::Config::from_toml(toml).is_err(), "the parser accepts:\n{toml}");
    }

    let Some(python) = python_jsonschema("validating planlint.toml files against the schema") else { return };
    let dir = tempfile::tempdir().unwrap();
    let schema = dir.path().join("planlint.schema.json");
    std::fs::write(&schema, schema_text()).unwrap();
    let as_json = |name: String, toml: &str| -> PathBuf {
        let value: Value = toml::from_str(toml).unwrap();
        let path = dir.path().join(name);
        std::fs::write(&path, serde_json::to_string(&value).unwrap()).unwrap();
        path
    };
    let documents: Vec<PathBuf> = valid.iter().enumerate().map(|(i, t)| as_json(format!("valid{i}.json"), t)).collect();
    let errors = validate_with_jsonschema(&python, &schema, &documents);
    assert!(errors.is_empty(), "the schema rejects valid files:\n{errors}");
    let documents: Vec<PathBuf> =
        broken.iter().enumerate().map(|(i, t)| as_json(format!("broken{i}.json"), t)).collect();
    let errors = validate_with_jsonschema(&python, &schema, &documents);
    for (document, toml) in documents.iter().zip(&broken) {
        assert!(errors.contains(&format!("{}: ", document.display())), "the schema accepts:\n{toml}\n{errors}");
    }
}
