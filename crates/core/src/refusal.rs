//! Why the core refused a change, as facts: which tool, which check, why.
//! The core decides; each face words the refusal in its own terms (the
//! command line names `hygiene accept ...`, the dashboard the keys in use).
//! The `Display` here is the plain fact, for logs and for callers that have
//! no terms of their own.

use std::fmt;

use jiff::civil::Date;

/// A tool or check as a refusal names it: the id a person types and the name
/// a person reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Named {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The tool has no means for the check (shown as ⊘): it cannot be marked
    /// done or given a value; the risk can be accepted or the check marked
    /// not applicable.
    Lacking { tool: Named, check: Named },
    /// A value was given for a check that is not a naming check.
    NotNaming { check: Named },
    /// A naming check marked done without its name: it is recorded with
    /// the name, which is checked against the convention.
    NeedsName { tool: Named, check: Named },
    /// The tool is not tracked.
    NotTracked { tool: Named },
    /// No tracked tool signs in with the account.
    NoTrackedTool { account: Named },
    /// An undo of a change whose `fields` were changed again elsewhere since
    /// (another terminal, or a device): taking it back would lose that.
    ChangedElsewhere {
        tool: Named,
        check: Named,
        fields: Vec<&'static str>,
    },
    /// A change dated `day`, later than the system clock's date `clock`
    /// (a date given for the run, or a clock that is wrong): a later date
    /// answers questions only.
    AheadOfClock { day: Date, clock: Date },
    /// A snooze of an item that has nothing to put off.
    NothingToSnooze {
        tool: Named,
        check: Named,
        why: NothingToSnooze,
    },
}

/// Why a snooze makes no sense: a snooze only puts off what needs doing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NothingToSnooze {
    /// In good standing until this day.
    InOrderUntil(Date),
    Accepted,
    NotApplicable,
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::Lacking { tool, check } => write!(
                f,
                "{} has no means for {} (shown as ⊘), so it cannot be marked done",
                tool.name,
                check.name.to_lowercase()
            ),
            Refusal::NotNaming { check } => write!(
                f,
                "`{}` is not a naming check: only a naming check, such as display_name, records a name",
                check.id
            ),
            Refusal::NeedsName { tool, check, .. } => write!(
                f,
                "{} · {} is done with the name you use: record the name, and it is checked against the convention",
                tool.name, check.name
            ),
            Refusal::NotTracked { tool } => write!(f, "`{}` is not tracked", tool.id),
            Refusal::NoTrackedTool { account } => {
                write!(f, "no tracked tool signs in with your {}", account.name)
            }
            Refusal::ChangedElsewhere {
                tool,
                check,
                fields,
            } => write!(
                f,
                "not undone: {} · {}: the {} changed elsewhere since, and undoing would lose that; nothing was changed",
                tool.name,
                check.name,
                fields.join(" and ")
            ),
            Refusal::AheadOfClock { day, clock } => write!(
                f,
                "{day} is after the system clock's date ({clock}): a later date answers questions, it records no change"
            ),
            Refusal::NothingToSnooze { tool, check, why } => {
                let what = format!("{} {}", tool.id, check.id);
                match why {
                    NothingToSnooze::InOrderUntil(due) => {
                        write!(
                            f,
                            "{what} is in good standing until {due}: nothing to snooze"
                        )
                    }
                    NothingToSnooze::Accepted => write!(
                        f,
                        "{what}: the risk is accepted, so there is nothing to snooze"
                    ),
                    NothingToSnooze::NotApplicable => {
                        write!(f, "{what} is marked not applicable: nothing to snooze")
                    }
                }
            }
        }
    }
}
