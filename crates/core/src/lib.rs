//! hygiene keeps the accounts of the work tools a person uses (`WhatsApp`, Slack,
//! Teams, Zoom, ...) in good order: a checklist per tool, stored locally, with
//! what is overdue impossible to miss.
//!
//! This crate holds everything both faces share: the catalog, the user's two
//! files, the engine that judges them, every change, and the words and
//! exports. It knows no face: the command line and the dashboard live in the
//! `hygiene` package and call it.

pub mod bar_cache;
#[cfg(unix)]
pub mod bus;
pub mod cadence;
pub mod catalog;
pub mod config;
pub(crate) mod config_edit;
pub mod dates;
pub mod engine;
pub mod error;
mod hash;
pub mod history;
pub mod incident;
pub mod log;
pub mod merge;
pub mod naming;
pub mod notify;
pub mod ops;
pub mod refusal;
pub mod remind;
pub mod report;
pub mod secrets;
pub(crate) mod serde_util;
pub mod session;
pub mod state;
pub mod store;
pub mod sync;
pub mod text;
mod toml_lines;
pub mod warning;

pub use error::{Error, Result};
