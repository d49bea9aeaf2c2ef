//! What can happen to the dashboard, and what it asks the loop to do.

use hygiene_core::catalog::ToolIx;
use jiff::civil::Date;
use tui_input::InputRequest;

use super::app::Undo;
use super::keymap::Command;
use hygiene_core::naming::Identity;
use hygiene_core::ops::Change;
use hygiene_core::session::Session;
use hygiene_core::state::{Entry, State};

#[derive(Debug)]
pub enum Action {
    /// A key bound to a command, in normal mode.
    Command(Command),
    /// A key typed into a text field.
    Edit(InputRequest),
    /// A key of the guided review.
    Review(ReviewKey),
    /// Enter in a field, a form or a popup.
    Confirm,
    /// Esc in a field, a form or a popup.
    Cancel,
    /// Any other key: closes what closes on any key.
    OtherKey,
    /// Ctrl-C: quit now.
    Interrupt,
    Click {
        column: u16,
        row: u16,
    },
    Scroll {
        down: bool,
    },
    Resize {
        width: u16,
        height: u16,
    },
    /// The clock passed midnight.
    DayChanged(Date),
    /// A change was saved; `state` is the file as written.
    Saved {
        state: State,
        change: Change,
        before: Option<Entry>,
        verb: &'static str,
        undoing: bool,
    },
    /// The files were read again (after a config change, or a change on disk).
    Loaded {
        session: Box<Session>,
        undo: Option<Undo>,
        message: Option<String>,
        undoing: bool,
    },
    /// A private note was read from the keyring.
    SecretRevealed {
        tool: ToolIx,
        text: String,
    },
    /// An effect failed; the message says why. Nothing was changed.
    Failed(String),
}

/// The guided review's keys (fixed, and listed by its `?`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewKey {
    /// `y`: done and verified today.
    Done,
    /// `n`: not done.
    NotDone,
    /// `x`: does not apply.
    NotApplicable,
    /// `s`: snooze (then a period).
    Snooze,
    /// `R`: accept the risk (asks the reason).
    Accept,
    /// `e`: edit the value.
    Edit,
    /// `enter`, `l`, right: skip to the next card.
    Skip,
    /// `h`, left: back to the previous card.
    Back,
    /// `u`: undo the last answer.
    Undo,
    Help,
    /// `q`, `esc`: end the review.
    End,
    /// In the snooze choice: up and down, `w` a week, `m` a month, `d` a date.
    Up,
    Down,
    Week,
    Month,
    Date,
    /// Any other key: closes the help and the summary.
    Other,
}

/// Work for the loop: everything that touches the disk or the keyring.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    Apply {
        change: Change,
        verb: &'static str,
        undoing: bool,
    },
    Track {
        tool: String,
        /// Where to put it back in the list (undoing an untrack).
        index: Option<usize>,
        undoing: bool,
    },
    Untrack {
        tool: String,
        index: usize,
        undoing: bool,
    },
    /// The first-run form: write the config.
    WriteConfig {
        identity: Identity,
        tools: Vec<String>,
    },
    /// Set the name and organisation in the config.
    WriteIdentity {
        identity: Identity,
    },
    RevealSecret {
        tool: ToolIx,
    },
    SaveSecret {
        tool: ToolIx,
        text: String,
    },
}
