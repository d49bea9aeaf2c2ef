//! The catalog's file format: every field optional, so that a later layer
//! can override one, and unknown fields refused, so that a typo is reported.

use indexmap::IndexMap;
use serde::Deserialize;
use toml::Spanned;

use super::{CheckKind, Classification};
use std::path::Path;

use crate::error::{Error, Result};
use crate::serde_util::{FileDate, Limited};

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CatalogFile {
    pub name: Option<Limited<200>>,
    pub expires: Option<FileDate>,
    /// Who to tell when something goes wrong (an incident's first step).
    pub report_to: Option<Limited<200>>,
    #[serde(default)]
    pub sources: IndexMap<String, SourceDef>,
    #[serde(default)]
    pub checks: IndexMap<Spanned<String>, CheckDef>,
    #[serde(default)]
    pub tools: IndexMap<Spanned<String>, ToolDef>,
    #[serde(default)]
    pub accounts: IndexMap<Spanned<String>, AccountDef>,
}

/// An account several tools sign in with: the checks that live on it.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AccountDef {
    pub name: Option<Limited<80>>,
    pub checks: Option<Vec<Spanned<String>>>,
    pub mfa_methods: Option<Vec<Limited<80>>>,
    pub how: Option<IndexMap<Spanned<String>, Limited<4000>>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceDef {
    pub title: Limited<200>,
    pub publisher: Option<Limited<200>>,
    pub date: Option<Limited<40>>,
    pub file: Option<Limited<200>>,
    pub url: Option<Limited<400>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckDef {
    pub title: Option<Limited<120>>,
    pub short: Option<Spanned<String>>,
    pub label: Option<Spanned<String>>,
    pub kind: Option<CheckKind>,
    // Whole numbers are read wide and checked against their range, so that
    // `-1` says "must be from 1 to 36500" rather than "expected u32".
    pub cadence_days: Option<Spanned<i64>>,
    /// The interval in calendar words: "1 month", "3 months", "1 year".
    pub every: Option<Spanned<String>>,
    pub weight: Option<Spanned<i64>>,
    pub action: Option<Limited<200>>,
    pub why: Option<Limited<4000>>,
    pub how: Option<Limited<4000>>,
    pub sources: Option<Vec<Spanned<String>>>,
    /// Whether the check's "how" lists each tool's `mfa_methods`.
    pub lists_mfa_methods: Option<bool>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ToolDef {
    pub name: Option<Limited<80>>,
    pub kind: Option<Limited<200>>,
    pub audience: Option<Limited<200>>,
    pub approval: Option<Limited<400>>,
    pub access: Option<Limited<400>>,
    pub discontinued: Option<bool>,
    pub classification: Option<Classification>,
    /// What the tool may carry within its classification, in words: the
    /// condition of its approval ("avoid personal or sensitive data").
    pub handling: Option<Limited<300>>,
    /// The source (a reference: `id` or `id:LINE`) of the tool's kind,
    /// audience, approval, access and handling.
    pub facts_source: Option<Spanned<String>>,
    /// The source of its classification and handling.
    pub classification_source: Option<Spanned<String>>,
    /// The source of its `mfa_methods`.
    pub mfa_source: Option<Spanned<String>>,
    /// Checks applied to this tool by hygiene's default: no source names
    /// the tool for them.
    pub by_default: Option<Vec<Spanned<String>>>,
    pub checks: Option<Vec<Spanned<String>>>,
    pub lacks: Option<Vec<Spanned<String>>>,
    pub mfa_methods: Option<Vec<Limited<80>>>,
    pub naming: Option<Spanned<String>>,
    /// The source (an id of `[sources]`) that gives the naming convention,
    /// where one does; without it, a built-in convention is hygiene's default.
    pub naming_source: Option<Spanned<String>>,
    /// The account (an id of `[accounts]`) the tool signs in with.
    pub account: Option<Spanned<String>>,
    pub cadence: Option<IndexMap<Spanned<String>, Spanned<CadenceValue>>>,
    pub how: Option<IndexMap<Spanned<String>, Limited<4000>>>,
    pub sources: Option<Vec<Spanned<String>>>,
}

/// The most days a cadence may have (a hundred years).
pub const MAX_CADENCE: u32 = crate::cadence::ONCE_DAYS;

/// A tool's cadence for a check: days (`30`) or calendar words (`"1 month"`).
#[derive(Debug, Clone, Deserialize)]
#[serde(
    untagged,
    expecting = "a number of days or an interval such as \"1 month\""
)]
pub enum CadenceValue {
    Days(i64),
    Words(String),
}

/// Parse one catalog file's text. Errors name the file, line and column.
pub fn parse_file(path: &Path, text: &str) -> Result<CatalogFile> {
    toml::from_str(text).map_err(|e| Error::from_toml(path, text, &e))
}
