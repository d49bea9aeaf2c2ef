//! hygiene keeps the accounts of the work tools a person uses (`WhatsApp`, Slack,
//! Teams, Zoom, ...) in good order: a checklist per tool, stored locally, with
//! what is overdue impossible to miss.
//!
//! The library holds everything both faces share: the command line in
//! [`cli`] and the terminal dashboard.

pub mod cadence;
pub mod catalog;
pub mod cli;
pub mod config;
pub(crate) mod config_edit;
pub mod dates;
pub mod engine;
pub mod error;
pub mod history;
pub(crate) mod log;
pub mod naming;
pub mod ops;
pub mod report;
pub mod secrets;
pub mod serde_util;
pub mod session;
pub mod state;
pub mod store;
pub mod text;
mod toml_lines;
pub mod tui;
pub mod warning;

pub use error::{Error, Result};
