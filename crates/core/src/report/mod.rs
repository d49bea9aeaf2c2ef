//! What a review looks like on paper: the `status` summary (text and JSON) and
//! the exports (Markdown, JSON, CSV, iCalendar). Pure functions of a review.

use crate::catalog::Catalog;

use crate::engine::{Item, Review, Settings, Standing};
use crate::state::State;
pub use crate::text::wrap;

pub mod bar;
mod sources;
mod status;
mod words;
pub use sources::*;
pub use status::*;
pub use words::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hue {
    Red,
    Yellow,
    Green,
    Magenta,
    Blue,
    Cyan,
    /// The terminal's faint text.
    Dim,
    /// The terminal's own text colour: neither good nor bad.
    Plain,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Look {
    pub hue: Hue,
    pub bold: bool,
}

/// ANSI colour, or nothing when output is not a terminal or `NO_COLOR` is set.
#[derive(Debug, Clone, Copy)]
pub struct Painter {
    pub color: bool,
}

impl Painter {
    fn paint(self, style: anstyle::Style, text: &str) -> String {
        if self.color && !text.is_empty() {
            format!("{style}{text}{style:#}")
        } else {
            text.to_string()
        }
    }

    pub fn bold(self, text: &str) -> String {
        self.paint(anstyle::Style::new().bold(), text)
    }

    pub fn dim(self, text: &str) -> String {
        self.paint(anstyle::Style::new().dimmed(), text)
    }

    /// A warning that stands out: the policy is out of date.
    pub fn warning(self, text: &str) -> String {
        self.paint(Look::WARNING.style(), text)
    }

    pub fn standing(self, standing: &Standing, text: &str) -> String {
        self.paint(standing.kind().look().style(), text)
    }
}

impl Look {
    /// How a warning looks in both faces.
    pub const WARNING: Look = Look {
        hue: Hue::Yellow,
        bold: true,
    };

    /// The command line's terms for it.
    pub fn style(self) -> anstyle::Style {
        use anstyle::AnsiColor;
        let style = match self.hue {
            Hue::Red => AnsiColor::Red.on_default(),
            Hue::Yellow => AnsiColor::Yellow.on_default(),
            Hue::Green => AnsiColor::Green.on_default(),
            Hue::Magenta => AnsiColor::Magenta.on_default(),
            Hue::Blue => AnsiColor::Blue.on_default(),
            Hue::Cyan => AnsiColor::Cyan.on_default(),
            Hue::Dim => anstyle::Style::new().dimmed(),
            Hue::Plain => anstyle::Style::new(),
        };
        if self.bold { style.bold() } else { style }
    }
}

/// A score as shown: "80/100", or "—" while nothing has been reviewed.
pub struct Context<'a> {
    pub catalog: &'a Catalog,
    pub settings: &'a Settings,
    pub state: &'a State,
}

impl Context<'_> {
    fn action(&self, item: &Item) -> String {
        action(self.catalog, self.settings, self.state, item).into_owned()
    }

    fn tool_id(&self, item: &Item) -> &str {
        &self.catalog.tools[item.tool].id
    }

    fn check_id(&self, item: &Item) -> &str {
        &self.catalog.checks[item.check].id
    }
}

// ---------------------------------------------------------------------------
// status --json

mod json;

/// `status --json`: one object, items worst first; indented for a person
/// (`pretty`, on a terminal), else on one line for the next program.
pub fn status_json(ctx: &Context<'_>, review: &Review, pretty: bool) -> String {
    let mut out = Vec::new();
    // Writing into memory fails only when memory does, which aborts anyway.
    let _ = write_status_json(ctx, review, pretty, &mut out);
    String::from_utf8_lossy(&out).into_owned()
}

/// `status --json` straight to a writer (standard output), without holding
/// the whole text in memory.
pub fn write_status_json(
    ctx: &Context<'_>,
    review: &Review,
    pretty: bool,
    out: &mut impl std::io::Write,
) -> std::io::Result<()> {
    json::write(ctx, review, false, pretty, out)
}

// ---------------------------------------------------------------------------
// Exports

/// `export --format json`: the status object with notes and archive histories.
pub fn export_json(ctx: &Context<'_>, review: &Review) -> String {
    let mut out = Vec::new();
    let _ = json::write(ctx, review, true, true, &mut out);
    String::from_utf8_lossy(&out).into_owned()
}

mod calendar;
mod export;
pub use calendar::{Reminder, Sent, SentEvent, export_ics};
pub use export::{export_csv, export_markdown};
