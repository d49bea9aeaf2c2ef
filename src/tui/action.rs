//! What can happen to the dashboard, and what it asks the loop to do.

use hygiene_core::catalog::ToolIx;
use jiff::civil::Date;
use tui_input::InputRequest;

use super::app::Undo;
use super::keymap::{Command, IncidentKey, ReviewKey, SnoozeKey};
use hygiene_core::naming::Identity;
use hygiene_core::ops::Change;
use hygiene_core::session::Session;
use hygiene_core::state::{Entry, State};
use hygiene_core::warning::Warning;

#[derive(Debug)]
pub enum Action {
    /// A key bound to a command, in normal mode.
    Command(Command),
    /// A key typed into a text field.
    Edit(InputRequest),
    /// A key of the guided review's card.
    Review(ReviewKey),
    /// A key of an incident's cards, or of choosing one.
    Incident(IncidentKey),
    /// A key while choosing how long to snooze.
    Snooze(SnoozeKey),
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
    /// Changes were saved, in one save; `state` is the file as written and
    /// `before` each change's entry as it was.
    Saved {
        state: Box<State>,
        changes: Vec<Change>,
        before: Vec<Option<Entry>>,
        verb: Verb,
        undoing: bool,
        /// What went right with a caveat (a folder that could not be synced).
        warnings: Vec<Warning>,
    },
    /// The files were read again (after a config change, or a change on disk).
    Loaded {
        session: Box<Session>,
        undo: Option<Undo>,
        message: Option<String>,
        undoing: bool,
        warnings: Vec<Warning>,
    },
    /// A private note was read from the keyring.
    SecretRevealed {
        tool: ToolIx,
        text: String,
    },
    /// An effect failed; the message says why. Nothing was changed.
    Failed(String),
    /// An effect the core refused or that failed, with the core's error:
    /// `update` words it in the dashboard's terms (the keys in use; "not
    /// saved" only where nothing was).
    NotDone(hygiene_core::error::Error),
}

/// What a save did, in the message that says it was saved: one change's
/// verb ("done"), or the whole message for several.
pub type Verb = std::borrow::Cow<'static, str>;

/// Work for the loop: everything that touches the disk or the keyring.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Save `changes` in one save: all of them or none.
    Apply {
        changes: Vec<Change>,
        verb: Verb,
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
    /// A guided review ended: the next review counts from today.
    RecordReview,
    /// Start the incident of this kind, or go on with the open one.
    StartIncident {
        kind: hygiene_core::incident::Kind,
    },
    /// Mark a step of the incident `id`.
    MarkStep {
        id: String,
        step: String,
        to: hygiene_core::incident::StepState,
    },
    /// Close the incident `id` as it stands.
    DismissIncident {
        id: String,
    },
    /// `hygiene sync`: commit, fetch, merge, push; then read the files again.
    Sync,
}
