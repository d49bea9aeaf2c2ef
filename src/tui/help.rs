//! What the help lists, as data: every mode's keys (from the keymap), every
//! standing, every column. The view styles these lines; `update` counts
//! them to bound the scrolling, without calling into the view.

use hygiene_core::catalog::CheckIx;
use hygiene_core::engine::StandingKind;

use super::app::App;
use super::keymap::KeyMode;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HelpLine {
    /// "Keys", "Symbols", "Columns".
    Title(&'static str),
    /// A mode's heading among the keys.
    Heading(&'static str),
    Key {
        keys: String,
        desc: String,
    },
    /// A standing's symbol and meaning; none: the check does not apply.
    Symbol(Option<StandingKind>),
    Column(CheckIx),
    Blank,
}

/// The help, line by line (before wrapping).
pub fn lines(app: &App) -> Vec<HelpLine> {
    let keys = &app.keymap;
    let sections = [
        (KeyMode::Dashboard, keys.dashboard.help()),
        (KeyMode::InReview, keys.review.help()),
        (KeyMode::InSnooze, keys.snooze.help()),
        (KeyMode::InHelp, keys.help.help()),
        (KeyMode::InEditor, keys.editor.help()),
        (KeyMode::InIncident, keys.incident.help()),
    ];
    let mut lines = vec![HelpLine::Title("Keys")];
    for (i, (mode, rows)) in sections.into_iter().enumerate() {
        if i > 0 {
            lines.push(HelpLine::Heading(mode.heading()));
        }
        lines.extend(
            rows.into_iter()
                .map(|(keys, desc)| HelpLine::Key { keys, desc }),
        );
    }
    lines.push(HelpLine::Blank);
    lines.push(HelpLine::Title("Symbols"));
    // Every standing, worst first.
    lines.extend(
        <StandingKind as strum::IntoEnumIterator>::iter().map(|k| HelpLine::Symbol(Some(k))),
    );
    lines.push(HelpLine::Symbol(None));
    if !app.review.columns.is_empty() {
        lines.push(HelpLine::Blank);
        lines.push(HelpLine::Title("Columns"));
        lines.extend(app.review.columns.iter().map(|&c| HelpLine::Column(c)));
    }
    lines
}
