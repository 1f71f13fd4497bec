//! The JSON schema of planlint.toml stays in sync with the config types: it is
//! generated from them (`planlint::config::json_schema`, also printed by the
//! hidden `planlint schema`) into `schema/planlint.schema.json`, which this
//! test rewrites when stale (and fails once: commit the result). The parser
//! accepts the README's example and refuses broken files; that the schema
//! agrees is checked with Python's `jsonschema` in `tests/external/tools.rs`.

use std::path::Path;
use std::process::Command;

use crate::config_cases::cases;

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

#[test]
fn parser_accepts_the_valid_files_and_refuses_the_broken_ones() {
    let (valid, broken) = cases();
    for toml in &valid {
        planlint::Config::from_toml(toml).unwrap_or_else(|e| panic!("{e}\n{toml}"));
    }
    for toml in &broken {
        assert!(planlint::Config::from_toml(toml).is_err(), "the parser accepts:\n{toml}");
    }
}
