//! hygiene's two faces: the command line in [`cli`] and the terminal
//! dashboard in [`tui`]. Both call the rules, files and words of
//! `hygiene-core` and word its typed facts and refusals in their own terms.

pub mod cli;
pub mod tui;

/// How the dashboard opens: the one thing the command line tells it, kept
/// here so that neither face names the other.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Start {
    #[default]
    Dashboard,
    /// Straight into a guided review (`hygiene review`).
    Review {
        all: bool,
        tool: Option<String>,
        by: Option<hygiene_core::engine::Grouping>,
    },
    /// Straight into an incident's cards (`hygiene incident KIND`), once
    /// the command line has started it or found it open.
    Incident(hygiene_core::incident::Kind),
}
