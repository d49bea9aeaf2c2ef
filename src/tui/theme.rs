//! The one theme: colours for the standings, and the same screen without
//! colour (`NO_COLOR`), where the symbols and emphasis carry the meaning alone.

use ratatui::style::{Color, Modifier, Style};

use hygiene_core::engine::Standing;
use hygiene_core::report::Hue;

#[derive(Debug, Clone, Copy)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    fn fg(self, color: Color) -> Style {
        if self.color {
            Style::new().fg(color)
        } else {
            Style::new()
        }
    }

    pub fn standing(self, standing: &Standing) -> Style {
        self.kind(standing.kind())
    }

    pub fn kind(self, kind: hygiene_core::engine::StandingKind) -> Style {
        let look = kind.look();
        let style = match look.hue {
            Hue::Red => self.fg(Color::Red),
            Hue::Yellow => self.fg(Color::Yellow),
            Hue::Green => self.fg(Color::Green),
            Hue::Magenta => self.fg(Color::Magenta),
            Hue::Blue => self.fg(Color::Blue),
            Hue::Cyan => self.fg(Color::Cyan),
            Hue::Dim => self.dim(),
            Hue::Plain => Style::new(),
        };
        if look.bold {
            style.add_modifier(Modifier::BOLD)
        } else {
            style
        }
    }

    pub fn title(self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    pub(crate) fn dim(self) -> Style {
        if self.color {
            Style::new().fg(Color::DarkGray)
        } else {
            Style::new().add_modifier(Modifier::DIM)
        }
    }

    pub fn selected(self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    /// A tool row with something overdue or failing.
    pub(crate) fn bad_row(self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }

    pub fn error(self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }

    pub(crate) fn good(self) -> Style {
        self.fg(Color::Green)
    }

    pub fn key(self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    pub(crate) fn accent(self) -> Style {
        self.fg(Color::Cyan)
    }

    pub fn warning(self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }

    pub(crate) fn border(self) -> Style {
        self.dim()
    }
}
