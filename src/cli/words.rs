//! The core's refusals and partial outcomes, worded in the command line's
//! terms: what to type next.

use hygiene_core::error::Error;
use hygiene_core::refusal::Refusal;
use hygiene_core::session::PurgeStep;

/// The one line an error becomes on the command line.
pub fn error(e: &Error) -> String {
    match e {
        Error::Refused(refusal) => refused(refusal),
        Error::PurgeInterrupted { ids, step, source } => {
            let done = match step {
                PurgeStep::Notes(tool) => {
                    format!("the recorded history was deleted, the private note of {tool} was not")
                }
                PurgeStep::NoteFlags => "the recorded history was deleted".to_string(),
                PurgeStep::Config => "the history and private notes were deleted".to_string(),
            };
            format!(
                "{}; {done}, and {} {} still tracked: run `hygiene untrack {} --purge` again to finish",
                error(source),
                ids.join(", "),
                if ids.len() == 1 { "is" } else { "are" },
                ids.join(" ")
            )
        }
        Error::NoteNotRecorded { tool, source } => format!(
            "the note is in the keyring, but the state could not record it: {}; `hygiene secret set {tool}` again records it",
            error(source)
        ),
        other => other.to_string(),
    }
}

fn refused(refusal: &Refusal) -> String {
    match refusal {
        Refusal::Lacking { tool, check } => format!(
            "{} has no means for {} (shown as ⊘), so it cannot be marked done; \
             accept the risk (`hygiene accept {} {} --reason ...`) or mark it not applicable (`hygiene na {} {}`)",
            tool.name,
            check.name.to_lowercase(),
            tool.id,
            check.id,
            tool.id,
            check.id
        ),
        Refusal::NotNaming { check } => format!(
            "`{}` is not a naming check; `set` records a display name for a naming check such as display_name",
            check.id
        ),
        Refusal::NeedsName { tool, check } => format!(
            "{} · {} is done with the name you use: record it with `hygiene set {} {} \"NAME\"`, and it is checked against the convention (`hygiene show {}` gives it)",
            tool.name, check.name, tool.id, check.id, tool.id
        ),
        Refusal::NotTracked { tool } => format!(
            "`{}` is not tracked; track it first with `hygiene track {}`",
            tool.id, tool.id
        ),
        Refusal::NoTrackedTool { account } => format!(
            "no tracked tool signs in with your {}; track one first (`hygiene tools` lists them)",
            account.name
        ),
        Refusal::AheadOfClock { day, clock } => format!(
            "{day} is after the system clock's date ({clock}); --as-of and HYGIENE_TODAY may look ahead, \
             but a change is dated no later than today: run it without them (or fix the clock)"
        ),
        // Their plain words name no key and no command.
        Refusal::NothingToSnooze { .. } | Refusal::ChangedElsewhere { .. } => refusal.to_string(),
    }
}
