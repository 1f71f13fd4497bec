//! Configuration: plain data handed to the core, and the parser for
//! `planlint.toml`. Parsing is pure (`&str` in, `Config` or an error with a
//! line and column out); finding and reading the file is the shells' job.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

use crate::diagnostic::Severity;
use crate::lang::Lang;
use crate::rules::{self, Rule};

/// A rule's configured level.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Level {
    Off,
    On(Severity),
}

/// Everything the core needs to know beyond the text.
#[derive(Clone, Debug, Default)]
pub struct Config {
    /// Language of messages.
    pub lang: Lang,
    /// Per-rule overrides, keyed by rule name. Rules not listed run at their default severity.
    pub rules: BTreeMap<&'static str, Level>,
    /// Extra strings that look like placeholders but are legitimate (e.g. a product name `X3`).
    pub placeholder_allow: Vec<String>,
    /// Extra words that introduce the lead unit, e.g. `牵头处室`.
    pub lead_roles: Vec<String>,
    /// Extra words that introduce other responsible units, e.g. `协办单位`.
    pub other_roles: Vec<String>,
    /// Unit aliases: `(alias, canonical name)`, e.g. `("市发改委", "市发展和改革委员会")`.
    pub unit_aliases: Vec<(String, String)>,
    /// How the draft writes punctuation marks in Chinese text (`[style] punctuation`).
    pub punctuation: Punctuation,
    /// Built-in confusions of the `confusable` rule switched off, by their wrong form (`人选`).
    pub confusable_disable: Vec<String>,
    /// Extra confusions for the `confusable` rule.
    pub confusable_extra: Vec<ConfusablePair>,
}

/// The punctuation marks a draft's house style writes in Chinese text.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub enum Punctuation {
    /// Full-width marks (`，：；（）`), as GB/T 15834 asks: half-width ones
    /// in Chinese text are reported (`number-usage`) and `(一)` is a
    /// non-standard structure number (`numbering`).
    #[default]
    FullWidth,
    /// The office keeps half-width marks (`,:;()`), as web copies also give
    /// them: neither is reported, and `(一)` `(1)` are accepted as
    /// structure numbers. Full-width marks are never reported either: they
    /// are the standard's.
    HalfWidth,
}

impl Punctuation {
    pub fn parse(s: &str) -> Option<Punctuation> {
        match s {
            "full-width" => Some(Punctuation::FullWidth),
            "half-width" => Some(Punctuation::HalfWidth),
            _ => None,
        }
    }
}

/// A confusion added in `planlint.toml`: a wrong form, the form meant, and the
/// contexts in which the wrong form is legitimate (each containing it).
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct ConfusablePair {
    pub wrong: String,
    pub right: String,
    pub guards: Vec<String>,
}

impl Config {
    /// The level a rule runs at under this configuration.
    pub fn level(&self, rule: &Rule) -> Level {
        self.rules.get(rule.name).copied().unwrap_or(Level::On(rule.default_severity))
    }

    /// The words and names the parser takes from this configuration.
    pub fn vocabulary(&self) -> crate::syntax::Vocabulary<'_> {
        crate::syntax::Vocabulary {
            lead_roles: &self.lead_roles,
            other_roles: &self.other_roles,
            unit_aliases: &self.unit_aliases,
            placeholder_allow: &self.placeholder_allow,
        }
    }

    /// Parses the text of a `planlint.toml`.
    pub fn from_toml(src: &str) -> Result<Config, ConfigError> {
        let raw: RawConfig = toml::from_str(src).map_err(|e| ConfigError::from_toml(src, &e))?;
        let mut config = Config::default();
        if let Some(lang) = raw.lang {
            config.lang = Lang::parse(lang.get_ref()).ok_or_else(|| {
                ConfigError::at(
                    src,
                    lang.span().start,
                    format!("unknown language `{}`; expected \"zh\" or \"en\"", lang.get_ref()),
                )
            })?;
        }
        for (key, value) in raw.rules {
            let rule = rules::find(key.get_ref()).ok_or_else(|| {
                ConfigError::at(
                    src,
                    key.span().start,
                    format!("unknown rule `{}`; `planlint rules` lists them", key.get_ref()),
                )
            })?;
            let level = match value.get_ref().as_str() {
                "off" | "false" => Level::Off,
                "on" | "true" | "default" => Level::On(rule.default_severity),
                other => Level::On(Severity::parse(other).ok_or_else(|| {
                    ConfigError::at(
                        src,
                        value.span().start,
                        format!(
                            "bad level `{other}` for rule `{}`; expected one of off, error, warning, info, hint",
                            rule.name
                        ),
                    )
                })?),
            };
            config.rules.insert(rule.name, level);
        }
        if let Some(p) = raw.placeholder {
            config.placeholder_allow = nonempty_strings(src, p.allow)?;
        }
        if let Some(r) = raw.responsibility {
            config.lead_roles = nonempty_strings(src, r.lead_roles)?;
            config.other_roles = nonempty_strings(src, r.other_roles)?;
        }
        if let Some(c) = raw.confusable {
            for d in c.disable {
                if !rules::confusable::is_built_in(d.get_ref()) {
                    return Err(ConfigError::at(
                        src,
                        d.span().start,
                        format!("`{}` is not the wrong form of a built-in confusion", d.get_ref()),
                    ));
                }
                config.confusable_disable.push(d.into_inner());
            }
            for e in c.extra {
                let span = e.span();
                let e = e.into_inner();
                let wrong = nonempty_strings(src, vec![e.wrong])?.remove(0);
                let right = nonempty_strings(src, vec![e.right])?.remove(0);
                if wrong.chars().count() < 2 || wrong == right {
                    return Err(ConfigError::at(
                        src,
                        span.start,
                        "a confusion's wrong form has two characters or more and differs from its right form".into(),
                    ));
                }
                let mut guards = Vec::new();
                for g in e.guards {
                    rules::confusable::check_guard(&wrong, g.get_ref())
                        .map_err(|m| ConfigError::at(src, g.span().start, m))?;
                    guards.push(g.into_inner());
                }
                // A right form containing the wrong one is flagged again once fixed
                // (`--fix` would grow the text on every pass) unless a guard covers it.
                if right.contains(&wrong) && !guards.iter().any(|g| g.contains(&right)) {
                    return Err(ConfigError::at(
                        src,
                        span.start,
                        format!("the right form `{right}` contains the wrong form `{wrong}`; add it as a guard"),
                    ));
                }
                config.confusable_extra.push(ConfusablePair { wrong, right, guards });
            }
        }
        if let Some(u) = raw.units {
            for (alias, full) in u.aliases {
                if alias.get_ref().trim().is_empty() || full.get_ref().trim().is_empty() {
                    return Err(ConfigError::at(
                        src,
                        alias.span().start,
                        "a unit alias and its full name must not be empty".into(),
                    ));
                }
                config.unit_aliases.push((alias.into_inner(), full.into_inner()));
            }
        }
        if let Some(p) = raw.style.and_then(|s| s.punctuation) {
            config.punctuation = Punctuation::parse(p.get_ref()).ok_or_else(|| {
                ConfigError::at(
                    src,
                    p.span().start,
                    format!("unknown punctuation style `{}`; expected \"full-width\" or \"half-width\"", p.get_ref()),
                )
            })?;
        }
        Ok(config)
    }
}

fn nonempty_strings(src: &str, items: Vec<Spanned<String>>) -> Result<Vec<String>, ConfigError> {
    items
        .into_iter()
        .map(|s| {
            if s.get_ref().trim().is_empty() {
                Err(ConfigError::at(src, s.span().start, "empty string is not allowed here".into()))
            } else {
                Ok(s.into_inner())
            }
        })
        .collect()
}

/// A configuration error with a 1-based line and column (in characters).
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct ConfigError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl ConfigError {
    fn at(src: &str, offset: usize, message: String) -> ConfigError {
        let offset = crate::text::floor_char_boundary(src, offset);
        let before = &src[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = src[line_start..offset].chars().count() + 1;
        ConfigError { line, column, message }
    }

    fn from_toml(src: &str, e: &toml::de::Error) -> ConfigError {
        let offset = e.span().map_or(0, |s| s.start);
        ConfigError::at(src, offset, e.message().trim().to_string())
    }
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.line, self.column, self.message)
    }
}

/// The JSON schema of `planlint.toml` (draft 7), derived from the types the
/// file is read into, so it names exactly the keys the parser accepts. Editors
/// use it for completion and checking; `schema/planlint.schema.json` is this
/// value, printed by `planlint schema`.
pub fn json_schema() -> serde_json::Value {
    let mut settings = schemars::generate::SchemaSettings::draft07();
    settings.inline_subschemas = true;
    settings.into_generator().into_root_schema_for::<RawConfig>().to_value()
}

/// The file as written; checked and turned into a [`Config`] by [`Config::from_toml`].
#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "planlint.toml",
    description = "Configuration of planlint, the linter for drafts of Chinese government work plans. \
                   Found by walking up from each checked file (planlint.toml or .planlint.toml)."
)]
struct RawConfig {
    /// Language of messages: "zh" (the default) or "en".
    #[serde(default)]
    #[schemars(schema_with = "schema::lang", extend("default" = "zh"))]
    lang: Option<Spanned<String>>,
    /// Per-rule levels, keyed by rule name or code: off, on (the rule's default severity), error, warning, info, hint.
    #[serde(default)]
    #[schemars(schema_with = "schema::rules")]
    rules: BTreeMap<Spanned<String>, Spanned<String>>,
    /// Settings of the `placeholder` rule (PL101).
    #[serde(default)]
    #[schemars(with = "RawPlaceholder")]
    placeholder: Option<RawPlaceholder>,
    /// How responsibility clauses name units (used by `missing-lead-unit`, PL201).
    #[serde(default)]
    #[schemars(with = "RawResponsibility")]
    responsibility: Option<RawResponsibility>,
    /// Unit names.
    #[serde(default)]
    #[schemars(with = "RawUnits")]
    units: Option<RawUnits>,
    /// House style of the drafts (used by `number-usage`, PL601, and `numbering`, PL401).
    #[serde(default)]
    #[schemars(with = "RawStyle")]
    style: Option<RawStyle>,
    /// Settings of the `confusable` rule (PL501).
    #[serde(default)]
    #[schemars(with = "RawConfusable")]
    confusable: Option<RawConfusable>,
}

#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawConfusable {
    /// Built-in confusions to switch off, by their wrong form, e.g. "人选" (`planlint explain confusable` describes them).
    #[serde(default)]
    #[schemars(schema_with = "schema::strings")]
    disable: Vec<Spanned<String>>,
    /// Confusions to add, e.g. { wrong = "工做", right = "工作" }.
    #[serde(default)]
    #[schemars(with = "Vec<RawConfusablePair>")]
    extra: Vec<Spanned<RawConfusablePair>>,
}

/// A confusion to add.
#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawConfusablePair {
    /// The wrong form as it appears in drafts (two characters or more), e.g. "工做".
    #[schemars(schema_with = "schema::nonblank_string")]
    wrong: Spanned<String>,
    /// The form meant, e.g. "工作".
    #[schemars(schema_with = "schema::nonblank_string")]
    right: Spanned<String>,
    /// Contexts in which the wrong form is legitimate, each containing it, e.g. "工做法" (^ a clause starts, $ a clause ends, # a numeral, … up to 12 characters of the clause).
    #[serde(default)]
    #[schemars(schema_with = "schema::strings")]
    guards: Vec<Spanned<String>>,
}

#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawPlaceholder {
    /// Legitimate strings that look like placeholders, e.g. a product name "X型".
    #[serde(default)]
    #[schemars(schema_with = "schema::strings")]
    allow: Vec<Spanned<String>>,
}

#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawResponsibility {
    /// Extra words that introduce the lead unit, e.g. "牵头处室".
    #[serde(default)]
    #[schemars(schema_with = "schema::strings")]
    lead_roles: Vec<Spanned<String>>,
    /// Extra words that introduce other responsible units, e.g. "协办单位".
    #[serde(default)]
    #[schemars(schema_with = "schema::strings")]
    other_roles: Vec<Spanned<String>>,
}

#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawUnits {
    /// Abbreviations and their full names, e.g. { "市发改委" = "市发展和改革委员会" }.
    #[serde(default)]
    #[schemars(schema_with = "schema::aliases")]
    aliases: BTreeMap<Spanned<String>, Spanned<String>>,
}

#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawStyle {
    /// Punctuation marks in Chinese text: "full-width" (the default, GB/T 15834: half-width
    /// `,:;?!()` next to Chinese characters are reported and `(一)` is a non-standard structure
    /// number) or "half-width" (the office keeps half-width marks: neither is reported).
    #[serde(default)]
    #[schemars(schema_with = "schema::punctuation", extend("default" = "full-width"))]
    punctuation: Option<Spanned<String>>,
}

/// Schemas of the fields whose Rust types (`Spanned`, for error positions) say
/// less than the parser checks.
mod schema {
    use schemars::{Schema, SchemaGenerator, json_schema};
    use serde_json::{Map, Value, json};

    use crate::rules;

    /// A string with something other than white space in it.
    fn nonblank() -> Value {
        json!({ "type": "string", "pattern": "\\S" })
    }

    pub fn lang(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "string", "enum": ["zh", "en"] })
    }

    pub fn punctuation(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "string", "enum": ["full-width", "half-width"] })
    }

    /// The rule table: every rule by name and by code, nothing else.
    pub fn rules(_: &mut SchemaGenerator) -> Schema {
        let mut properties = Map::new();
        for r in rules::all() {
            for key in [r.name, r.code] {
                let other = if key == r.name { r.code } else { r.name };
                properties.insert(
                    key.to_string(),
                    json!({
                        "description": format!(
                            "{} ({other}, default {}): {} / {}",
                            key,
                            r.default_severity.as_str(),
                            r.summary_zh,
                            r.summary
                        ),
                        "type": "string",
                        "enum": ["off", "on", "error", "warning", "info", "hint"],
                    }),
                );
            }
        }
        json_schema!({ "type": "object", "properties": properties, "additionalProperties": false })
    }

    pub fn nonblank_string(_: &mut SchemaGenerator) -> Schema {
        Schema::try_from(nonblank()).expect("an object")
    }

    pub fn strings(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "array", "items": nonblank() })
    }

    pub fn aliases(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "object", "propertyNames": nonblank(), "additionalProperties": nonblank() })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_config_parses() {
        let c = Config::from_toml(
            r#"
lang = "en"
[rules]
placeholder = "warning"
PL301 = "off"
[placeholder]
allow = ["X型"]
[responsibility]
lead-roles = ["牵头处室"]
other-roles = ["协办单位"]
[units]
aliases = { "市发改委" = "市发展和改革委员会" }
[style]
punctuation = "half-width"
"#,
        )
        .unwrap();
        assert_eq!(c.punctuation, Punctuation::HalfWidth);
        assert_eq!(c.lang, Lang::En);
        assert_eq!(c.rules.get("placeholder"), Some(&Level::On(Severity::Warning)));
        assert_eq!(c.rules.get("target-without-number"), Some(&Level::Off));
        assert_eq!(c.vocabulary().canonical_unit("市发改委"), "市发展和改革委员会");
        assert_eq!(c.lead_roles, ["牵头处室"]);
    }

    #[test]
    fn unknown_key_has_position() {
        let e = Config::from_toml("[rules]\nplaceholder = \"error\"\n\n[placeholdr]\nallow = []\n").unwrap_err();
        assert_eq!((e.line, e.column), (4, 2), "{e}");
        assert!(e.message.contains("unknown field"), "{e}");
    }

    #[test]
    fn unknown_rule_and_bad_level_have_positions() {
        let e = Config::from_toml("[rules]\nplacehold = \"error\"\n").unwrap_err();
        assert_eq!((e.line, e.column), (2, 1));
        assert!(e.message.contains("unknown rule `placehold`"));
        let e = Config::from_toml("[rules]\nplaceholder = \"loud\"\n").unwrap_err();
        assert_eq!((e.line, e.column), (2, 15));
        assert!(e.message.contains("bad level `loud`"));
    }

    /// Found by the fuzz target `config`: `right = "工做工作"` for `wrong = "工做"`
    /// put the wrong form back with every fix, so `--fix` grew the text each pass.
    #[test]
    fn a_right_form_must_not_contain_the_wrong_one() {
        for right in ["工做工作", "再工做"] {
            let toml = format!("[confusable]\nextra = [{{ wrong = \"工做\", right = \"{right}\" }}]\n");
            let e = Config::from_toml(&toml).unwrap_err();
            assert_eq!((e.line, e.column), (2, 10), "{e}");
            assert!(e.message.contains("contains the wrong form"), "{e}");
        }
        // Unless a guard covers the right form (`一网通` → `一网通办`).
        let guarded = "[confusable]\nextra = [{ wrong = \"工做\", right = \"再工做\", guards = [\"再工做\"] }]\n";
        assert!(Config::from_toml(guarded).is_ok());
        assert!(Config::from_toml("[confusable]\nextra = [{ wrong = \"工做\", right = \"工作\" }]\n").is_ok());
    }

    #[test]
    fn punctuation_style() {
        assert_eq!(Config::from_toml("").unwrap().punctuation, Punctuation::FullWidth);
        let c = Config::from_toml("[style]\npunctuation = \"full-width\"\n").unwrap();
        assert_eq!(c.punctuation, Punctuation::FullWidth);
        let e = Config::from_toml("lang = \"zh\"\n[style]\npunctuation = \"narrow\"\n").unwrap_err();
        assert_eq!((e.line, e.column), (3, 15), "{e}");
        assert!(e.message.contains("unknown punctuation style `narrow`"), "{e}");
        let e = Config::from_toml("[style]\npunctuaton = \"half-width\"\n").unwrap_err();
        assert_eq!((e.line, e.column), (2, 1), "{e}");
    }
}
