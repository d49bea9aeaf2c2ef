//! The user's config file: identity, tracked tools, the due-soon window,
//! included catalog files, their own tools and checks, and the dashboard keys.

use std::path::{Path, PathBuf};

use indexmap::IndexMap;
use serde::Deserialize;
use toml::Spanned;

use crate::catalog::{self, Catalog, CheckDef, LayerSource, ToolDef, ToolIx};
use crate::error::{Error, Result};
use crate::naming::{Identity, MAX_IDENTITY};
use crate::serde_util::{Limited, Version};
use crate::store;
use crate::warning::Warning;

/// The default number of days before a due date when an item counts as due soon.
pub const DEFAULT_DUE_SOON_DAYS: u32 = 14;
/// The most days the due-soon window may span.
pub const MAX_DUE_SOON_DAYS: u32 = 3_650;
/// The default number of days from tracking a tool to its first review.
pub const DEFAULT_FIRST_REVIEW_DAYS: u32 = 14;

/// The commented example shipped with the program (`config/example.toml`).
pub const EXAMPLE: &str = include_str!("../../../config/example.toml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfigFile {
    pub version: Option<Version>,
    #[serde(default)]
    pub include: Vec<Spanned<String>>,
    #[serde(default)]
    pub track: Vec<Spanned<String>>,
    pub due_soon_days: Option<Spanned<i64>>,
    pub first_review_days: Option<Spanned<i64>>,
    /// When the calendar's alarms ring: "09:00", or "none".
    pub reminder: Option<Spanned<String>>,
    #[serde(default)]
    pub identity: IdentityDef,
    /// Several devices (`hygiene sync`): this device's name, and whether
    /// every change is committed as it is saved.
    #[serde(default)]
    pub sync: SyncDef,
    #[serde(default)]
    pub tools: IndexMap<Spanned<String>, ToolDef>,
    #[serde(default)]
    pub checks: IndexMap<Spanned<String>, CheckDef>,
    /// The dashboard's keys are read by the dashboard alone
    /// ([`Config::keys`]): a mistake in them never stops a command.
    #[serde(default)]
    pub keys: serde::de::IgnoredAny,
}

/// The config's `[sync]`, read on its own (after a change, to commit it).
#[derive(Deserialize)]
struct SyncOnly {
    #[serde(default)]
    sync: SyncDef,
}

/// `[sync] auto` and this device's name, from the config at `path`; a
/// config that cannot be read says no (its error is the change's to tell).
pub fn sync_settings(path: &Path) -> (bool, String) {
    let sync = store::read_text(path)
        .ok()
        .flatten()
        .and_then(|text| toml::from_str::<SyncOnly>(&text).ok())
        .map(|s| s.sync)
        .unwrap_or_default();
    let device = crate::merge::device_name(sync.device.as_ref().map(|d| d.0.as_str()));
    (sync.auto, device)
}

/// The config's `[keys]`, read on their own.
#[derive(Deserialize)]
struct KeysOnly {
    #[serde(default)]
    keys: IndexMap<Spanned<String>, KeyBinding>,
}

/// `[sync]`: the settings of one device.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(
    deny_unknown_fields,
    expecting = "a table of auto and device, such as [sync] auto = true"
)]
pub struct SyncDef {
    /// Commit every change to the state's repository as it is saved (no network).
    #[serde(default)]
    pub auto: bool,
    /// The name this device's changes carry (default: the host's name).
    pub device: Option<Limited<{ crate::state::MAX_DEVICE }>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(
    deny_unknown_fields,
    expecting = "a table of first, last and org, such as [identity] first = \"Alex\""
)]
pub struct IdentityDef {
    pub first: Option<Spanned<Limited<MAX_IDENTITY>>>,
    pub last: Option<Spanned<Limited<MAX_IDENTITY>>>,
    pub org: Option<Spanned<Limited<MAX_IDENTITY>>>,
}

/// One or more keys for a dashboard command, `toggle = "space"` or
/// `["space", "t"]`; or, under a mode's name (`[keys.in_review]`), that
/// mode's commands and their keys.
#[derive(Debug, Clone)]
pub enum KeyList {
    One(String),
    Many(Vec<String>),
    Mode(IndexMap<Spanned<String>, KeyBinding>),
}

impl KeyList {
    /// The keys of a command; none for a mode's table.
    pub fn keys(&self) -> Vec<&str> {
        match self {
            KeyList::One(k) => vec![k.as_str()],
            KeyList::Many(ks) => ks.iter().map(String::as_str).collect(),
            KeyList::Mode(_) => Vec::new(),
        }
    }
}

impl<'de> Deserialize<'de> for KeyList {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = KeyList;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(
                    "a key such as \"d\", a list of keys such as [\"d\", \"space\"], or a mode's table such as [keys.in_review]",
                )
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<KeyList, E> {
                Ok(KeyList::One(v.to_string()))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<KeyList, A::Error> {
                let mut keys = Vec::new();
                while let Some(key) = seq.next_element::<KeyName>()? {
                    keys.push(key.0);
                }
                Ok(KeyList::Many(keys))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<KeyList, A::Error> {
                IndexMap::deserialize(serde::de::value::MapAccessDeserializer::new(map))
                    .map(KeyList::Mode)
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

/// One key in a list: a string, said so when it is not.
struct KeyName(String);

impl<'de> Deserialize<'de> for KeyName {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = KeyName;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a key such as \"d\" or \"space\"")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<KeyName, E> {
                Ok(KeyName(v.to_string()))
            }
        }
        deserializer.deserialize_str(Visitor)
    }
}

pub type KeyBinding = Spanned<KeyList>;

/// A loaded config with its source text, so later checks can point into it.
#[derive(Debug, Clone)]
pub struct Config {
    pub path: PathBuf,
    /// Whether the file exists (a missing config is the same as an empty one).
    pub exists: bool,
    pub text: String,
    pub identity: Identity,
    pub due_soon_days: u32,
    pub first_review_days: u32,
    /// When the calendar's alarms ring (`reminder`).
    pub reminder: crate::report::Reminder,
    pub include: Vec<Spanned<String>>,
    pub track: Vec<Spanned<String>>,
    /// `[sync] auto`: commit every change as it is saved.
    pub sync_auto: bool,
    /// This device's name, for the changes it stamps.
    pub device: String,
}

/// Read the config at `path` (a missing file is an empty config) and build the
/// catalog it describes: the built-in catalog, then each included file, then
/// the config's own `[tools]` and `[checks]`.
pub fn load(path: &Path) -> Result<(Config, Catalog)> {
    let (config, layer) = match store::read_text(path)? {
        None => (Config::empty(path), None),
        Some(text) => {
            let (config, layer) = Config::parse(path, text)?;
            (config, Some(layer))
        }
    };
    let catalog = config.build_catalog(layer)?;
    Ok((config, catalog))
}

impl Config {
    pub fn empty(path: &Path) -> Config {
        Config {
            path: path.to_path_buf(),
            exists: false,
            text: String::new(),
            identity: Identity::default(),
            due_soon_days: DEFAULT_DUE_SOON_DAYS,
            first_review_days: DEFAULT_FIRST_REVIEW_DAYS,
            reminder: crate::report::Reminder::default(),
            include: Vec::new(),
            track: Vec::new(),
            sync_auto: false,
            device: crate::merge::device_name(None),
        }
    }

    /// Parse the config's text; its own tools and checks come back as a catalog layer.
    pub fn parse(path: &Path, text: String) -> Result<(Config, catalog::CatalogFile)> {
        let file: ConfigFile =
            toml::from_str(&text).map_err(|e| Error::from_toml(path, &text, &e))?;
        let days = |name: &str, value: &Option<Spanned<i64>>, default: u32| match value {
            None => Ok(default),
            Some(d) if (0..=i64::from(MAX_DUE_SOON_DAYS)).contains(d.get_ref()) => {
                Ok(*d.get_ref() as u32)
            }
            Some(d) => Err(Error::at(
                path,
                &text,
                Some(d.span()),
                &format!(
                    "{name} must be from 0 to {MAX_DUE_SOON_DAYS}, got {}",
                    d.get_ref()
                ),
            )),
        };
        let due_soon_days = days("due_soon_days", &file.due_soon_days, DEFAULT_DUE_SOON_DAYS)?;
        let first_review_days = days(
            "first_review_days",
            &file.first_review_days,
            DEFAULT_FIRST_REVIEW_DAYS,
        )?;
        let reminder = match &file.reminder {
            None => crate::report::Reminder::default(),
            Some(r) => crate::report::Reminder::parse(r.get_ref())
                .map_err(|e| Error::at(path, &text, Some(r.span()), &e))?,
        };
        let field =
            |name: &str, value: Option<Spanned<Limited<MAX_IDENTITY>>>| -> Result<Option<String>> {
                let Some(value) = value else { return Ok(None) };
                Identity::check_field(name, &value.get_ref().0)
                    .map_err(|e| Error::at(path, &text, Some(value.span()), &e))?;
                Ok(Some(value.into_inner().0))
            };
        let identity = Identity {
            first: field("first", file.identity.first)?,
            last: field("last", file.identity.last)?,
            org: field("org", file.identity.org)?,
        };
        let layer = catalog::CatalogFile {
            name: Some(Limited(format!("config {}", path.display()))),
            expires: None,
            report_to: None,
            sources: IndexMap::new(),
            checks: file.checks,
            tools: file.tools,
            accounts: IndexMap::new(),
        };
        let config = Config {
            path: path.to_path_buf(),
            exists: true,
            text,
            identity,
            due_soon_days,
            first_review_days,
            reminder,
            include: file.include,
            track: file.track,
            sync_auto: file.sync.auto,
            device: crate::merge::device_name(file.sync.device.as_ref().map(|d| d.0.as_str())),
        };
        Ok((config, layer))
    }

    /// The dashboard's `[keys]`: the keys of each command, and each mode's
    /// table. A value of the wrong type is an error with its line and column.
    pub fn keys(&self) -> Result<IndexMap<Spanned<String>, KeyBinding>> {
        toml::from_str::<KeysOnly>(&self.text)
            .map(|k| k.keys)
            .map_err(|e| Error::from_toml(&self.path, &self.text, &e))
    }

    /// The included catalog files, as paths.
    pub fn include_paths(&self) -> Vec<PathBuf> {
        self.include
            .iter()
            .map(|i| resolve_include(&self.base_dir(), i.get_ref()))
            .collect()
    }

    /// The folder relative include paths are resolved against.
    fn base_dir(&self) -> PathBuf {
        match self.path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        }
    }

    fn build_catalog(&self, own: Option<catalog::CatalogFile>) -> Result<Catalog> {
        let mut catalog = Catalog::builtin()?;
        for (include, path) in self.include.iter().zip(self.include_paths()) {
            let Some(text) = store::read_text(&path)? else {
                return Err(Error::at(
                    &self.path,
                    &self.text,
                    Some(include.span()),
                    &format!("included catalog {} does not exist", path.display()),
                ));
            };
            let layer = catalog::parse_file(&path, &text)?;
            let name = path.display().to_string();
            let src = LayerSource {
                name: &name,
                path: &path,
                text: &text,
            };
            catalog.add_layer(layer, &src, false)?;
        }
        if let Some(own) = own.filter(|l| !l.tools.is_empty() || !l.checks.is_empty()) {
            let name = format!("config {}", self.path.display());
            let src = LayerSource {
                name: &name,
                path: &self.path,
                text: &self.text,
            };
            catalog.add_layer(own, &src, true)?;
        }
        Ok(catalog)
    }

    /// The tracked tools as catalog indices, in the order tracked, with a
    /// warning for each id no catalog defines and each repeat.
    pub fn tracked(&self, catalog: &Catalog) -> (Vec<ToolIx>, Vec<Warning>) {
        let mut tools = Vec::with_capacity(self.track.len());
        let mut seen = vec![false; catalog.tools.len()];
        let mut warnings = Vec::new();
        for id in &self.track {
            // Only a warning needs the place; finding it is a scan of the text.
            let place = || {
                let (line, column) = crate::error::line_column(&self.text, id.span().start);
                format!("{}:{line}:{column}", self.path.display())
            };
            match catalog.tool(id.get_ref()) {
                Some(t) if seen[t.0] => warnings.push(Warning::TrackedTwice {
                    place: place(),
                    id: id.get_ref().clone(),
                }),
                Some(t) => {
                    seen[t.0] = true;
                    tools.push(t);
                }
                None => warnings.push(Warning::UnknownTracked {
                    place: place(),
                    message: crate::error::unknown_id(
                        "tool",
                        id.get_ref(),
                        catalog.tools.iter().map(|t| t.id.as_str()),
                    ),
                }),
            }
        }
        (tools, warnings)
    }
}

/// `~/x` is under the home folder; a relative path is relative to `base`.
pub(crate) fn resolve_include(base: &Path, include: &str) -> PathBuf {
    if let Some(rest) = include.strip_prefix("~/")
        && let Some(home) = dirs::home_dir()
    {
        return home.join(rest);
    }
    let path = Path::new(include);
    if path.is_absolute() {
        path.to_path_buf()
    } else {
        base.join(path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cadence::Every;

    #[test]
    fn the_example_config_loads_with_its_included_catalog() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../config/example.toml");
        let (config, catalog) = load(&path).unwrap();
        assert_eq!(
            config.due_soon_days, DEFAULT_DUE_SOON_DAYS,
            "the example shows the default"
        );
        let (settings, warnings) = crate::engine::Settings::from_config(&config, &catalog);
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(settings.tracked.len(), 4);
        assert_eq!(
            config.identity.describe().as_deref(),
            Some("Alex Black (MOJ)")
        );
        assert!(
            catalog.tool("signal").is_some(),
            "from the included org catalog"
        );
        let rocket = catalog.tool("rocketchat").unwrap();
        assert_eq!(catalog.tools[rocket].name, "Rocket.Chat");
        let whatsapp = catalog.tool("whatsapp").unwrap();
        let archive = catalog.check("archive").unwrap();
        assert_eq!(catalog.cadence(whatsapp, archive), Every::Days(7));
        let photo = catalog.check("photo").unwrap();
        assert_eq!(catalog.cadence(whatsapp, photo), Every::Months(6));
        assert_eq!(catalog.checks[archive].every, Every::Days(14));
        let desk = catalog.check("desk_clear").unwrap();
        assert_eq!(catalog.checks[desk].weight, 2);
        let zoom = catalog.tool("zoom").unwrap();
        assert!(catalog.tools[zoom].checks.contains(&desk));
        // The built-in catalog, the 2020 approvals, the org's, the config's.
        assert_eq!(catalog.layers.len(), 4);
        assert_eq!(
            catalog.layers[2].expires,
            Some(jiff::civil::date(2027, 3, 31)),
            "the org catalog carries an expiry date"
        );
    }

    #[test]
    fn an_absent_config_is_empty() {
        let dir = tempfile::tempdir().unwrap();
        let (config, catalog) = load(&dir.path().join("none.toml")).unwrap();
        assert!(!config.exists);
        assert_eq!(config.due_soon_days, DEFAULT_DUE_SOON_DAYS);
        assert!(config.track.is_empty());
        assert_eq!(catalog.tools.len(), Catalog::builtin().unwrap().tools.len());
    }
}
