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
    /// The file has `others` other names (hard links). A save replaces the
    /// file, so those names keep the old contents; `saved` says whether that
    /// just happened.
    HardLinked {
        path: PathBuf,
        others: u64,
        saved: bool,
    },
    /// A file was saved, but its folder could not be synced: a power cut
    /// now could undo the change. `cause` is the error, as one line.
    NotSynced { path: PathBuf, cause: String },
    /// `TZ` names no usable time zone; UTC is taken.
    UnusableTz { tz: String },
}

/// What an operation did, with what a person should know about it that did
/// not stop it (a save whose folder could not be synced).
#[derive(Debug, Clone, PartialEq, Eq)]
#[must_use]
pub struct Done<T> {
    pub value: T,
    pub warnings: Vec<Warning>,
}

impl<T> Done<T> {
    pub fn new(value: T) -> Done<T> {
        Done {
            value,
            warnings: Vec::new(),
        }
    }

    /// The same warnings with another value.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Done<U> {
        Done {
            value: f(self.value),
            warnings: self.warnings,
        }
    }

    /// Add the warnings of an earlier step.
    pub fn after<U>(mut self, earlier: Done<U>) -> Done<T> {
        let mut warnings = earlier.warnings;
        warnings.append(&mut self.warnings);
        self.warnings = warnings;
        self
    }
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
            Warning::HardLinked {
                path,
                others,
                saved,
            } => {
                let names = if *others == 1 {
                    "another name".to_string()
                } else {
                    format!("{others} other names")
                };
                if *saved {
                    write!(
                        f,
                        "saved {} as a file of its own: it had {names} (a hard link), which keep the old \
                         contents and no longer follow it",
                        path.display()
                    )
                } else {
                    write!(
                        f,
                        "{} has {names} (a hard link): hygiene replaces the file when it saves, so the other \
                         names would keep the old contents; use one name alone",
                        path.display()
                    )
                }
            }
            Warning::NotSynced { path, cause } => write!(
                f,
                "saved {}, but {cause}: a power cut now could undo the change",
                path.display()
            ),
            Warning::UnusableTz { tz } => write!(
                f,
                "TZ={} names no usable time zone; taking UTC",
                crate::text::visible(tz)
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
