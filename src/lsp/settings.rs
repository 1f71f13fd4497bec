//! Configuration in the server: the workspace's `planlint.toml` (the same
//! file the CLI reads) with the client's settings on top.
//!
//! Client settings arrive as `initializationOptions` or through
//! `workspace/didChangeConfiguration`, either bare or under a `planlint` key:
//!
//! ```json
//! { "planlint": { "lang": "en", "rules": { "placeholder": "warning", "PL301": "off" },
//!                 "inlayHints": { "leadUnit": true } } }
//! ```
//!
//! `inlayHints.leadUnit` (off unless set) is a client setting only: it is how
//! one person's editor shows a draft, not a property of the drafts, so it has
//! no place in the `planlint.toml` a team shares and the CLI reads.

use std::path::{Path, PathBuf};

use serde_json::Value;

use planlint::{Config, Lang, Level, Severity};

/// Client-side overrides.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Settings {
    pub lang: Option<Lang>,
    pub rules: Vec<(&'static str, Level)>,
    /// `inlayHints.leadUnit`: show a task's inferred lead after its title.
    pub lead_unit_hints: Option<bool>,
}

impl Settings {
    /// Reads settings. Unknown keys are ignored (editors send their own); a
    /// bad value is skipped and reported, and the rest still applies.
    pub fn from_json(value: &Value) -> (Settings, Vec<String>) {
        let v = value.get("planlint").unwrap_or(value);
        let mut settings = Settings::default();
        let mut errors = Vec::new();
        if let Some(lang) = v.get("lang").filter(|l| !l.is_null()) {
            match Lang::parse(lang.as_str().unwrap_or_default()) {
                Some(l) => settings.lang = Some(l),
                None => errors.push(format!("planlint.lang: unknown language {lang}")),
            }
        }
        if let Some(rules) = v.get("rules").and_then(Value::as_object) {
            for (name, level) in rules {
                let Some(rule) = planlint::rules::find(name) else {
                    errors.push(format!("planlint.rules: unknown rule `{name}`"));
                    continue;
                };
                let level = match level.as_str().unwrap_or_default() {
                    "off" => Level::Off,
                    "on" | "default" => Level::On(rule.default_severity),
                    s => match Severity::parse(s) {
                        Some(s) => Level::On(s),
                        None => {
                            errors.push(format!("planlint.rules.{name}: bad level {level}"));
                            continue;
                        }
                    },
                };
                settings.rules.push((rule.name, level));
            }
        }
        if let Some(hint) = v.get("inlayHints").and_then(|h| h.get("leadUnit")).filter(|h| !h.is_null()) {
            match hint.as_bool() {
                Some(b) => settings.lead_unit_hints = Some(b),
                None => errors.push(format!("planlint.inlayHints.leadUnit: expected true or false, got {hint}")),
            }
        }
        (settings, errors)
    }

    /// Whether the inlay hints of inferred leads are on (off by default).
    pub fn lead_unit_hints(&self) -> bool {
        self.lead_unit_hints.unwrap_or(false)
    }

    /// Whether a settings payload says anything about planlint (a `planlint`
    /// section, or bare `lang` / `rules` / `inlayHints`).
    pub fn mentions_planlint(value: &Value) -> bool {
        ["planlint", "lang", "rules", "inlayHints"].iter().any(|k| value.get(k).is_some_and(|v| !v.is_null()))
    }

    /// `file` with these settings applied on top.
    pub fn apply(&self, file: &Config) -> Config {
        let mut config = file.clone();
        if let Some(lang) = self.lang {
            config.lang = lang;
        }
        for &(name, level) in &self.rules {
            config.rules.insert(name, level);
        }
        config
    }
}

/// The configuration file for a workspace root: `planlint.toml` or
/// `.planlint.toml` in the root or the nearest directory above it. Whatever
/// has the name counts, a directory too (reported by [`load`], not passed over).
pub fn find_config(root: &Path) -> Option<PathBuf> {
    root.ancestors().flat_map(|d| ["planlint.toml", ".planlint.toml"].map(|n| d.join(n))).find(|p| p.exists())
}

/// Why the workspace configuration file could not be used.
#[derive(Debug, PartialEq, Eq)]
pub enum LoadError {
    /// It could not be read or parsed: the message has file, line and column.
    Broken(String),
    /// The name is taken by something that is not a file (a directory).
    NotAFile(PathBuf),
}

/// Loads the workspace configuration: `Ok(None)` when there is no file.
pub fn load(root: Option<&Path>) -> Result<Option<(PathBuf, Config)>, LoadError> {
    let Some(path) = root.and_then(find_config) else { return Ok(None) };
    if !path.is_file() {
        return Err(LoadError::NotAFile(path));
    }
    let src = std::fs::read_to_string(&path).map_err(|e| LoadError::Broken(format!("{}: {e}", path.display())))?;
    let config = Config::from_toml(&src).map_err(|e| LoadError::Broken(format!("{}:{e}", path.display())))?;
    Ok(Some((path, config)))
}

/// Why the workspace configuration file no longer applies.
pub enum Gone {
    Removed(PathBuf),
    NotAFile(PathBuf),
}

impl Gone {
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (Gone::Removed(p), Lang::Zh) => format!("planlint：{} 已删除，改用默认配置", p.display()),
            (Gone::Removed(p), Lang::En) => {
                format!("planlint: {} was removed; using the default configuration", p.display())
            }
            (Gone::NotAFile(p), Lang::Zh) => {
                format!("planlint：{} 是目录，不是配置文件；改用默认配置", p.display())
            }
            (Gone::NotAFile(p), Lang::En) => {
                format!(
                    "planlint: {} is a directory, not a configuration file; using the default configuration",
                    p.display()
                )
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_override_the_file() {
        let (s, errors) = Settings::from_json(&serde_json::json!({
            "planlint": { "lang": "en", "rules": { "PL101": "warning", "target-without-number": "off" } }
        }));
        assert!(errors.is_empty());
        let config = s.apply(&Config::default());
        assert_eq!(config.lang, Lang::En);
        assert_eq!(config.rules.get("placeholder"), Some(&Level::On(Severity::Warning)));
        assert_eq!(config.rules.get("target-without-number"), Some(&Level::Off));
        assert_eq!(Settings::from_json(&Value::Null), (Settings::default(), vec![]));
        assert!(!Settings::mentions_planlint(&Value::Null));
        assert!(!Settings::mentions_planlint(&serde_json::json!({"other-tool": {}})));
        assert!(Settings::mentions_planlint(&serde_json::json!({"planlint": {}})));
    }

    #[test]
    fn a_bad_entry_is_reported_and_the_rest_applies() {
        let (s, errors) = Settings::from_json(&serde_json::json!({
            "lang": "en", "rules": { "nope": "off", "PL101": "loud", "PL301": "off" }
        }));
        assert_eq!(s.lang, Some(Lang::En));
        assert_eq!(s.rules, [("target-without-number", Level::Off)]);
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert!(errors.iter().any(|e| e.contains("nope")) && errors.iter().any(|e| e.contains("loud")), "{errors:?}");
        let (s, errors) = Settings::from_json(&serde_json::json!({"lang": "fr"}));
        assert_eq!((s.lang, errors.len()), (None, 1));
    }

    #[test]
    fn lead_unit_hints_are_off_unless_set() {
        assert!(!Settings::default().lead_unit_hints());
        let (s, errors) = Settings::from_json(&serde_json::json!({"planlint": {"inlayHints": {"leadUnit": true}}}));
        assert!(errors.is_empty() && s.lead_unit_hints(), "{errors:?}");
        assert!(Settings::mentions_planlint(&serde_json::json!({"inlayHints": {"leadUnit": false}})));
        let (s, errors) = Settings::from_json(&serde_json::json!({"inlayHints": {"leadUnit": "yes"}, "lang": "en"}));
        assert_eq!((s.lead_unit_hints, s.lang), (None, Some(Lang::En)));
        assert_eq!(errors, ["planlint.inlayHints.leadUnit: expected true or false, got \"yes\""]);
    }

    #[test]
    fn workspace_file_is_found_and_errors_have_positions() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("plans");
        std::fs::create_dir(&sub).unwrap();
        assert!(matches!(load(Some(&sub)), Ok(None)));
        let file = dir.path().join("planlint.toml");
        std::fs::write(&file, "lang = \"en\"\n").unwrap();
        let (path, config) = load(Some(&sub)).unwrap().unwrap();
        assert_eq!((path, config.lang), (file.clone(), Lang::En));
        std::fs::write(&file, "lang = \"en\"\n[rules]\nplaceholder = 3\n").unwrap();
        let Err(LoadError::Broken(e)) = load(Some(&sub)) else { panic!("a broken file") };
        assert!(e.contains("planlint.toml:3:"), "{e}");
        std::fs::remove_file(&file).unwrap();
        std::fs::create_dir(&file).unwrap();
        assert!(matches!(load(Some(&sub)), Err(LoadError::NotAFile(p)) if p == file));
    }
}
