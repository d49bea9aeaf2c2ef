//! The core's refusals and errors, worded in the dashboard's terms: the
//! keys in use in the mode the person is in, never a shell command.

use hygiene_core::error::Error;
use hygiene_core::refusal::Refusal;
use hygiene_core::warning::Warning;

use super::app::App;
use super::keymap::{Command, ReviewKey};

/// The status line for an effect that did not happen, or happened in part.
pub fn error(app: &App, e: &Error) -> String {
    match e {
        Error::Refused(refusal) => refused(app, refusal),
        // Half done: "not saved" would be false.
        Error::NoteNotRecorded { tool, source } => format!(
            "The private note for {tool} is in the keyring, but the state could not record it ({source}); {} saves it again",
            app.keymap.dashboard.first_key(Command::EditSecret)
        ),
        other => format!("not saved: {other}"),
    }
}

/// A warning of the core in the dashboard's terms: a date after today is
/// recorded again with the dashboard's keys, not a command.
pub fn warning(app: &App, w: &Warning) -> String {
    match w {
        Warning::FutureDate {
            tool,
            check,
            date,
            today,
        } => format!(
            "{tool} {check}: recorded date {date} is after today ({today}); was the clock wrong? {} records it again today, {} on its date",
            app.keymap.dashboard.first_key(Command::Toggle),
            app.keymap.dashboard.first_key(Command::SetDate)
        ),
        Warning::UnknownEntries { .. }
        | Warning::TrackedTwice { .. }
        | Warning::UnknownTracked { .. }
        | Warning::Readable { .. }
        | Warning::HardLinked { .. }
        | Warning::NotSynced { .. }
        | Warning::UnusableTz { .. } => w.to_string(),
    }
}

/// A refusal of the core, naming the keys of the review while one is on.
pub fn refused(app: &App, refusal: &Refusal) -> String {
    let in_review = app.guided.is_some();
    let key = |dashboard: Command, review: ReviewKey| {
        if in_review {
            app.keymap.review.first_key(review)
        } else {
            app.keymap.dashboard.first_key(dashboard)
        }
    };
    match refusal {
        Refusal::Lacking { tool, .. } => format!(
            "{} has no way to do this: {} records the risk as accepted, {} marks it not applicable",
            tool.name,
            key(Command::AcceptRisk, ReviewKey::Accept),
            key(Command::NotApplicable, ReviewKey::NotApplicable)
        ),
        Refusal::NotNaming { .. } => format!(
            "{} edits the value of a naming check, such as the display name",
            key(Command::EditValue, ReviewKey::Edit)
        ),
        Refusal::NeedsName { .. } => format!(
            "a name check is done with the name you use: {} records it, checked against the convention as you type",
            key(Command::EditValue, ReviewKey::Edit)
        ),
        Refusal::NotTracked { tool } => format!(
            "{} is not tracked; {} in the tools view tracks it",
            tool.name,
            app.keymap.dashboard.first_key(Command::Select)
        ),
        Refusal::NoTrackedTool { account } => {
            format!("no tracked tool signs in with your {}", account.name)
        }
        Refusal::ChangedElsewhere {
            tool,
            check,
            fields,
        } => format!(
            "Not undone: {} · {}: its {} changed elsewhere since (another terminal or device), and undoing would lose that. It stays as it is; {} again undoes the change before it",
            tool.name,
            check.name,
            fields.join(" and "),
            key(Command::Undo, ReviewKey::Undo)
        ),
        Refusal::AheadOfClock { day, clock } => format!(
            "this dashboard is dated {day}, after the clock's {clock}: it answers questions and saves no change; open it without --as-of or HYGIENE_TODAY to make changes"
        ),
        // Its plain words name no key and no command.
        Refusal::NothingToSnooze { .. } => refusal.to_string(),
    }
}
