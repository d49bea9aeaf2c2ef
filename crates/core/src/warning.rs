//! Things worth a person's attention that do not stop a command: typed
//! facts from the core, which each face words (or matches on) itself.

use std::fmt;
use std::path::PathBuf;

use jiff::civil::Date;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Warning {
    /// A recorded date is after today: the clock was wrong, or today is.
    FutureDate {
        tool: String,
        check: String,
        date: Date,
        today: Date,
    },
    /// State entries for tools or checks that no catalog knows any more.
    UnknownEntries {
        tools: Vec<String>,
        checks: Vec<String>,
    },
    /// A `track` entry named twice; `place` is `file:line:column`.
    TrackedTwice { place: String, id: String },
    /// A `track` entry no catalog knows; `message` names it and the nearest.
    UnknownTracked { place: String, message: String },
    /// The state file can be read by other users.
    Readable { path: PathBuf, mode: u32 },
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Warning::FutureDate {
                tool,
                check,
                date,
                today,
            } => write!(
                f,
                "{tool} {check}: recorded date {date} is after today ({today}); was the clock wrong? record it again with `hygiene done {tool} {check}`"
            ),
            Warning::UnknownEntries { tools, checks } => {
                let mut parts = Vec::new();
                let list = |ids: &[String]| {
                    let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
                    crate::error::some_of(&ids, 8)
                };
                if !tools.is_empty() {
                    parts.push(format!("tools {}", list(tools)));
                }
                if !checks.is_empty() {
                    parts.push(format!("checks {}", list(checks)));
                }
                write!(
                    f,
                    "the state has entries that no catalog knows ({}); they are kept as they are",
                    parts.join("; ")
                )
            }
            Warning::TrackedTwice { place, id } => {
                write!(f, "{place}: `{id}` is tracked twice; the second is ignored")
            }
            Warning::UnknownTracked { place, message } => {
                write!(f, "{place}: {message}; it is ignored")
            }
            Warning::Readable { path, mode } => write!(
                f,
                "{} can be read by other users (mode {mode:o}); run `chmod 600 {}`",
                path.display(),
                path.display()
            ),
        }
    }
}

/// In JSON a warning is its sentence.
impl serde::Serialize for Warning {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}
