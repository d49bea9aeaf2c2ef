//! The catalog of tools and checks: the built-in `config/catalog.toml`, then any
//! catalog files the user's config includes, then the user's own `[tools]` and
//! `[checks]` tables. Each layer may add new tools and checks or override single
//! fields of earlier ones (an organisation's naming convention, a cadence).

use crate::cadence::Every;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use indexmap::IndexMap;
use jiff::civil::Date;
use serde::Deserialize;
use toml::Spanned;

use crate::error::{Error, Result, unknown_id};
use crate::naming::Template;
use crate::serde_util::Limited;

/// Where a number or a convention of the catalog comes from, so that what
/// hygiene chose is never shown as if a guidance document had said it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Provenance {
    /// hygiene's own choice, in the built-in catalog.
    #[default]
    Default,
    /// A guidance document gives it: the source's id.
    Guidance(String),
    /// A later catalog (an organisation's, the user's config) set it: the
    /// catalog's name.
    SetBy(String),
}

/// The built-in catalog, embedded at build time.
pub const BUILTIN: &str = include_str!("../../../config/catalog.toml");
/// How the built-in catalog is named in messages.
pub const BUILTIN_NAME: &str = "built-in catalog";
/// The 2020 approved-tools table, a built-in layer of its own with its expiry.
pub const BUILTIN_APPROVALS: &str = include_str!("../../../config/approvals-2020.toml");

/// What a check asks of the person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CheckKind {
    /// Done or not; re-confirmed every cadence.
    YesNo,
    /// A value (a display name) checked against the tool's naming template.
    Naming,
    /// A dated action (an archive) repeated every cadence, with a history.
    Dated,
}

#[derive(Debug, Clone)]
pub struct Check {
    pub id: String,
    pub title: String,
    /// Up to three characters for the dashboard's column label: "MFA".
    pub short: String,
    /// A word or two for the column label where the screen has room:
    /// "Work account" (up to `MAX_LABEL` columns; the short one without).
    pub label: Option<String>,
    pub kind: CheckKind,
    /// How often it is due.
    pub every: Every,
    /// Where the cadence comes from.
    pub cadence_from: Provenance,
    pub weight: u32,
    /// Where the weight comes from.
    pub weight_from: Provenance,
    /// The one-line action, in the imperative: "Turn on multi-factor authentication".
    pub action: String,
    pub why: String,
    pub how: String,
    /// Source references: a source's id, or `id:LINE` / `id:FIRST-LAST` for
    /// the lines of a document that give the check.
    pub sources: Vec<String>,
    /// Its "how" ends with the second factors the tool (or its account)
    /// offers: set for multi-factor authentication.
    pub lists_mfa_methods: bool,
}

/// One tool's check and where the state keeps it: under the tool, or under
/// the account the tool signs in with for a check that lives on it. A (tool,
/// check) is resolved to its key here, once ([`Catalog::item_key`]); the
/// engine, the changes and the state all take the key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ItemKey {
    pub tool: ToolIx,
    pub check: CheckIx,
    /// The account (an index into [`Catalog::accounts`]) that holds it.
    pub account: Option<usize>,
}

/// A marking of the UK Government Security Classifications, as a catalog's
/// `classification` names it: "OFFICIAL", "SECRET" or "TOP SECRET".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, strum::IntoStaticStr)]
pub enum Classification {
    #[serde(rename = "OFFICIAL")]
    #[strum(serialize = "OFFICIAL")]
    Official,
    #[serde(rename = "SECRET")]
    #[strum(serialize = "SECRET")]
    Secret,
    #[serde(rename = "TOP SECRET")]
    #[strum(serialize = "TOP SECRET")]
    TopSecret,
}

#[derive(Debug, Clone)]
pub struct Tool {
    pub id: String,
    pub name: String,
    pub kind: String,
    pub audience: String,
    pub approval: String,
    /// The layer (index into [`Catalog::layers`]) whose approval is in force.
    pub approval_by: Option<usize>,
    pub access: String,
    /// The highest classification of information the tool may carry, where
    /// a catalog says.
    pub classification: Option<Classification>,
    /// What it may carry within the classification: its approval's condition.
    pub handling: String,
    /// The source reference of kind, audience, approval, access and handling.
    pub facts_source: Option<String>,
    /// The source reference of the classification and handling.
    pub classification_source: Option<String>,
    /// The source reference of `mfa_methods`.
    pub mfa_source: Option<String>,
    /// Checks applied to it by hygiene's default, no source naming the tool.
    pub by_default: Vec<CheckIx>,
    pub discontinued: bool,
    /// Indices into [`Catalog::checks`], in catalog order.
    pub checks: Vec<CheckIx>,
    /// Checks this tool has no means to satisfy: shown as a risk.
    pub lacks: Vec<CheckIx>,
    pub mfa_methods: Vec<String>,
    pub naming: Option<Template>,
    /// Where the naming convention comes from.
    pub naming_from: Provenance,
    /// Per-check cadence overrides for this tool, by check index, and where
    /// each comes from.
    pub cadence: HashMap<CheckIx, (Every, Provenance)>,
    /// Tool-specific guidance added to a check's "how", by check index.
    pub how: HashMap<CheckIx, String>,
    pub sources: Vec<String>,
    /// Which catalog layer defined this tool first.
    pub origin: String,
    /// The account it signs in with (index into [`Catalog::accounts`]).
    pub account: Option<usize>,
}

/// An account several tools sign in with. A check that lives on it has one
/// state, stored under the account's id, shown on every tool that uses it
/// and counted once.
#[derive(Debug, Clone)]
pub struct Account {
    pub id: String,
    pub name: String,
    pub checks: Vec<CheckIx>,
    pub mfa_methods: Vec<String>,
    pub how: HashMap<CheckIx, String>,
}

#[derive(Debug, Clone)]
pub struct Source {
    pub id: String,
    pub title: String,
    pub publisher: String,
    pub date: String,
    pub file: Option<String>,
    pub url: Option<String>,
}

/// One catalog file that went into the catalog, as named in messages.
#[derive(Debug, Clone)]
pub struct Layer {
    pub name: String,
    pub path: Option<PathBuf>,
    pub expires: Option<Date>,
    /// Who to tell when something goes wrong, if this layer says.
    pub report_to: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct Catalog {
    pub checks: Vec<Check>,
    pub tools: Vec<Tool>,
    /// Accounts several tools sign in with (Microsoft 365, Google, Apple).
    pub accounts: Vec<Account>,
    pub sources: Vec<Source>,
    pub layers: Vec<Layer>,
    check_index: IdMap<CheckIx>,
    tool_index: IdMap<ToolIx>,
}

pub use file::{
    AccountDef, CadenceValue, CatalogFile, CheckDef, MAX_CADENCE, SourceDef, ToolDef, parse_file,
};
use ids::IdMap;
pub use ids::{CheckIx, ToolIx};

/// The widest column label in words.
pub const MAX_LABEL: usize = 14;
/// The most weight a check may carry.
pub const MAX_WEIGHT: u32 = 100;
/// The most tools and checks a catalog may hold, all layers together.
pub const MAX_ENTRIES: usize = 100_000;

/// A source reference split into the source's id and the lines, if given:
/// `"gds-whatsapp:27"` → `("gds-whatsapp", Some("27"))`.
pub fn split_source_ref(reference: &str) -> (&str, Option<&str>) {
    match reference.split_once(':') {
        Some((id, lines)) => (id, Some(lines)),
        None => (reference, None),
    }
}

fn is_slug(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 40
        && id.starts_with(|c: char| c.is_ascii_lowercase())
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

/// Where a layer's text came from, for error messages.
pub struct LayerSource<'a> {
    pub name: &'a str,
    pub path: &'a Path,
    pub text: &'a str,
}

impl LayerSource<'_> {
    fn err(&self, span: std::ops::Range<usize>, message: impl AsRef<str>) -> Error {
        Error::at(self.path, self.text, Some(span), message.as_ref())
    }
}

impl Catalog {
    /// The built-in catalog alone.
    pub fn builtin() -> Result<Catalog> {
        let mut catalog = Catalog::default();
        for text in [BUILTIN, BUILTIN_APPROVALS] {
            let file = parse_file(Path::new(BUILTIN_NAME), text)?;
            catalog.add_layer(
                file,
                &LayerSource {
                    name: BUILTIN_NAME,
                    path: Path::new(BUILTIN_NAME),
                    text,
                },
                false,
            )?;
        }
        Ok(catalog)
    }

    /// The check `id`, without regard to case (ids are lowercase slugs),
    /// wherever an id is read: the command line, the config, the state.
    pub fn check(&self, id: &str) -> Option<CheckIx> {
        match self.check_index.get(id) {
            Some(c) => Some(*c),
            None => lowercase(id).and_then(|id| self.check_index.get(&id).copied()),
        }
    }

    /// The tool `id`, without regard to case, as [`Catalog::check`].
    pub fn tool(&self, id: &str) -> Option<ToolIx> {
        match self.tool_index.get(id) {
            Some(t) => Some(*t),
            None => lowercase(id).and_then(|id| self.tool_index.get(&id).copied()),
        }
    }

    /// The account `id`, without regard to case, as [`Catalog::check`].
    pub fn account(&self, id: &str) -> Option<usize> {
        self.accounts
            .iter()
            .position(|a| a.id.eq_ignore_ascii_case(id))
    }

    /// The account whose check this is for the tool, when the check lives
    /// on the account the tool signs in with.
    pub fn shared_account(&self, tool: ToolIx, check: CheckIx) -> Option<&Account> {
        self.account_of(tool, check).map(|a| &self.accounts[a])
    }

    /// The index of [`Catalog::shared_account`].
    pub fn account_of(&self, tool: ToolIx, check: CheckIx) -> Option<usize> {
        self.tools[tool]
            .account
            .filter(|&a| self.accounts[a].checks.contains(&check))
    }

    /// Where the state keeps the tool's check, resolved once (see [`ItemKey`]).
    pub fn item_key(&self, tool: ToolIx, check: CheckIx) -> ItemKey {
        ItemKey {
            tool,
            check,
            account: self.account_of(tool, check),
        }
    }

    /// The id of the state's table that holds the item: the account's for a
    /// check that lives on one, else the tool's.
    pub fn owner_id(&self, key: ItemKey) -> &str {
        match key.account {
            Some(a) => &self.accounts[a].id,
            None => &self.tools[key.tool].id,
        }
    }

    /// The tracked-or-not tools that sign in with the account.
    pub fn tools_of(&self, account: usize) -> impl Iterator<Item = ToolIx> + '_ {
        self.tools
            .iter()
            .enumerate()
            .filter(move |(_, t)| t.account == Some(account))
            .map(|(i, _)| ToolIx(i))
    }

    /// The tool index for `id`, or an error naming the closest known tool.
    pub fn require_tool(&self, id: &str) -> Result<ToolIx> {
        self.tool(id).ok_or_else(|| {
            Error::input(unknown_id(
                "tool",
                id,
                self.tools.iter().map(|t| t.id.as_str()),
            ))
        })
    }

    /// The check index for `id` on tool `tool`, or an error listing its checks.
    pub fn require_check(&self, tool: ToolIx, id: &str) -> Result<CheckIx> {
        let t = &self.tools[tool];
        match self.check(id) {
            Some(c) if t.checks.contains(&c) => Ok(c),
            Some(_) => Err(Error::input(format!(
                "{} has no check `{id}`; its checks: {}",
                t.id,
                self.check_ids(tool).join(", ")
            ))),
            None => Err(Error::input(format!(
                "{}: {}",
                t.id,
                unknown_id("check", id, self.check_ids(tool))
            ))),
        }
    }

    fn check_ids(&self, tool: ToolIx) -> Vec<&str> {
        self.tools[tool]
            .checks
            .iter()
            .map(|&c| self.checks[c].id.as_str())
            .collect()
    }

    /// Days between reviews of `check` on `tool`.
    pub fn cadence(&self, tool: ToolIx, check: CheckIx) -> Every {
        self.cadence_with_origin(tool, check).0
    }

    /// The tool's cadence for the check, and where it comes from.
    pub fn cadence_with_origin(&self, tool: ToolIx, check: CheckIx) -> (Every, &Provenance) {
        match self.tools[tool].cadence.get(&check) {
            Some((every, from)) => (*every, from),
            None => (self.checks[check].every, &self.checks[check].cadence_from),
        }
    }

    /// The tool as a refusal names it.
    pub fn named_tool(&self, tool: ToolIx) -> crate::refusal::Named {
        let t = &self.tools[tool];
        crate::refusal::Named {
            id: t.id.clone(),
            name: t.name.clone(),
        }
    }

    /// The check as a refusal names it.
    pub fn named_check(&self, check: CheckIx) -> crate::refusal::Named {
        let c = &self.checks[check];
        crate::refusal::Named {
            id: c.id.clone(),
            name: c.title.clone(),
        }
    }

    pub fn lacks(&self, tool: ToolIx, check: CheckIx) -> bool {
        self.tools[tool].lacks.contains(&check)
    }

    /// The check's "how", with what this tool adds (its MFA methods, its menus).
    pub fn how(&self, tool: ToolIx, check: CheckIx) -> String {
        let t = &self.tools[tool];
        let c = &self.checks[check];
        let account = self.shared_account(tool, check);
        let mut how = c.how.trim_end().to_string();
        for extra in [account.and_then(|a| a.how.get(&check)), t.how.get(&check)]
            .into_iter()
            .flatten()
        {
            how.push_str("\n\n");
            how.push_str(extra.trim_end());
        }
        let (who, methods) = match account {
            Some(a) => (format!("Your {}", a.name), &a.mfa_methods),
            None => (t.name.clone(), &t.mfa_methods),
        };
        if c.lists_mfa_methods && !t.lacks.contains(&check) && !methods.is_empty() {
            let _ = write!(how, "\n\n{who} offers: {}.", methods.join(", "));
        }
        how
    }

    /// The included catalogs past their `expires` date. The built-in
    /// layers are history, not a policy in force: an approval from one says
    /// itself that it expired ([`Catalog::expired_approval`]).
    pub fn expired(&self, today: Date) -> impl Iterator<Item = &Layer> {
        self.layers
            .iter()
            .filter(move |l| l.path.is_some() && l.expires.is_some_and(|e| e < today))
    }

    /// The catalog whose approval of the tool is in force, when it has
    /// expired by `today`.
    pub fn expired_approval(&self, tool: ToolIx, today: Date) -> Option<&Layer> {
        let layer = &self.layers[self.tools[tool].approval_by?];
        layer.expires.is_some_and(|e| e < today).then_some(layer)
    }

    fn resolve_check(
        &self,
        src: &LayerSource<'_>,
        tool: &str,
        id: Spanned<String>,
    ) -> Result<CheckIx> {
        self.check(id.get_ref()).ok_or_else(|| {
            src.err(
                id.span(),
                format!(
                    "tool `{tool}`: {}",
                    unknown_id(
                        "check",
                        id.get_ref(),
                        self.checks.iter().map(|c| c.id.as_str())
                    )
                ),
            )
        })
    }

    fn resolve_checks(
        &self,
        src: &LayerSource<'_>,
        tool: &str,
        list: Vec<Spanned<String>>,
    ) -> Result<Vec<CheckIx>> {
        let mut out = Vec::with_capacity(list.len());
        for id in list {
            let span = id.span();
            let c = self.resolve_check(src, tool, id)?;
            if out.contains(&c) {
                return Err(src.err(
                    span,
                    format!("tool `{tool}` lists check `{}` twice", self.checks[c].id),
                ));
            }
            out.push(c);
        }
        Ok(out)
    }

    /// A `how` table: per check id, the text for this tool or account.
    fn resolve_how(
        &self,
        src: &LayerSource<'_>,
        tool: &str,
        map: IndexMap<Spanned<String>, Limited<4000>>,
    ) -> Result<HashMap<CheckIx, String>> {
        let mut out = HashMap::with_capacity(map.len());
        for (check, text) in map {
            out.insert(self.resolve_check(src, tool, check)?, text.0);
        }
        Ok(out)
    }

    fn resolve_sources(
        &self,
        src: &LayerSource<'_>,
        list: Vec<Spanned<String>>,
    ) -> Result<Vec<String>> {
        list.into_iter()
            .map(|id| {
                let (known, lines) = split_source_ref(id.get_ref());
                let lines_ok = lines.is_none_or(|l| {
                    l.split_once('-')
                        .map_or(l.parse::<u32>().is_ok(), |(a, b)| {
                            a.parse::<u32>().is_ok() && b.parse::<u32>().is_ok()
                        })
                });
                if !lines_ok {
                    return Err(src.err(
                        id.span(),
                        format!(
                            "source `{}`: after the colon give a line or lines, such as `:27` or `:39-45`",
                            id.get_ref()
                        ),
                    ));
                }
                if self.sources.iter().any(|s| s.id == known) {
                    Ok(id.into_inner())
                } else {
                    Err(src.err(
                        id.span(),
                        unknown_id(
                            "source",
                            split_source_ref(id.get_ref()).0,
                            self.sources.iter().map(|s| s.id.as_str()),
                        ),
                    ))
                }
            })
            .collect()
    }

    /// Rules that hold across layers: a tool with a naming check has a template.
    fn validate(&self, src: &LayerSource<'_>) -> Result<()> {
        for tool in &self.tools {
            if tool.naming.is_some() {
                continue;
            }
            if let Some(&c) = tool
                .checks
                .iter()
                .find(|&&c| self.checks[c].kind == CheckKind::Naming && !tool.lacks.contains(&c))
            {
                let span = src
                    .text
                    .find(&format!("[tools.{}]", tool.id))
                    .map(|s| s..s + 1);
                return Err(Error::at(
                    src.path,
                    src.text,
                    span,
                    &format!(
                        "tool `{}` has the naming check `{}` but no `naming` template such as \"{{first}} {{last}} ({{org}})\"",
                        tool.id, self.checks[c].id
                    ),
                ));
            }
        }
        Ok(())
    }
}

/// `id` in lowercase, when it has an upper-case letter to lower.
fn lowercase(id: &str) -> Option<String> {
    id.bytes()
        .any(|b| b.is_ascii_uppercase())
        .then(|| id.to_ascii_lowercase())
}

fn check_range(
    src: &LayerSource<'_>,
    value: &Spanned<i64>,
    min: u32,
    max: u32,
    what: &str,
) -> Result<()> {
    let v = *value.get_ref();
    if (i64::from(min)..=i64::from(max)).contains(&v) {
        Ok(())
    } else {
        Err(src.err(
            value.span(),
            format!("{what} must be from {min} to {max}, got {v}"),
        ))
    }
}

mod file;
mod ids;
mod layer;

#[cfg(test)]
mod tests;
